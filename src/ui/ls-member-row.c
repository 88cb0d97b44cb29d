/* ls-member-row.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-member-row"

#include "config.h"

#include "ls-member-row.h"

#include <glib/gi18n.h>

struct _LsMemberRow
{
  GtkListBoxRow parent_instance;

  /* Owned */
  char *country;
  char *name;
  char *note;
  char *memberships;

  /* Borrowed (children) */
  GtkWidget *check;
  GtkWidget *tag;
  GtkWidget *code;

  gboolean member;
};

G_DEFINE_FINAL_TYPE (LsMemberRow, ls_member_row, GTK_TYPE_LIST_BOX_ROW)

static void
ls_member_row_finalize (GObject *object)
{
  LsMemberRow *self = LS_MEMBER_ROW (object);

  g_clear_pointer (&self->country, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->memberships, g_free);

  G_OBJECT_CLASS (ls_member_row_parent_class)->finalize (object);
}

/* The tooltips are given when asked for, not set as text: setting a
 * tooltip's text on a shown widget asks the display where the pointer
 * is, two X round trips per row, a twentieth of the start with 75
 * countries (issue 12). */
static gboolean
ls_member_row_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard_tooltip,
                             GtkTooltip *tooltip)
{
  LsMemberRow *self = LS_MEMBER_ROW (widget);

  if (self->memberships == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, self->memberships);

  return TRUE;
}

static gboolean
on_check_query_tooltip_cb (GtkWidget  *check,
                           int         x,
                           int         y,
                           gboolean    keyboard_tooltip,
                           GtkTooltip *tooltip,
                           gpointer    user_data)
{
  gtk_tooltip_set_text (tooltip, _("Include in the bloc"));

  return TRUE;
}

static void
ls_member_row_class_init (LsMemberRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ls_member_row_finalize;
  widget_class->query_tooltip = ls_member_row_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "row");
}

static void
ls_member_row_init (LsMemberRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 2);
  gtk_widget_set_margin_bottom (box, 2);

  /* The row is the one focus stop (issue 16, M8): activating it toggles
   * the check button, which only the mouse clicks directly. */
  self->check = gtk_check_button_new ();
  gtk_widget_set_focusable (self->check, FALSE);
  gtk_widget_set_hexpand (self->check, TRUE);
  gtk_widget_set_has_tooltip (self->check, TRUE);
  g_signal_connect (self->check, "query-tooltip", G_CALLBACK (on_check_query_tooltip_cb), NULL);
  gtk_box_append (GTK_BOX (box), self->check);

  self->tag = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->tag, "caption");
  gtk_widget_add_css_class (self->tag, "membership-tag");
  gtk_label_set_ellipsize (GTK_LABEL (self->tag), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (self->tag), 18);
  gtk_widget_set_visible (self->tag, FALSE);
  gtk_box_append (GTK_BOX (box), self->tag);

  self->code = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->code, "caption");
  gtk_widget_add_css_class (self->code, "dim-label");
  gtk_widget_add_css_class (self->code, "monospace");
  gtk_box_append (GTK_BOX (box), self->code);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);
}

/**
 * ls_member_row_new:
 * @country: ISO3 code
 * @name: the country's name
 *
 * Returns: a row whose check button activates `scenario.toggle-member`
 *   with @country; its state comes from ls_member_row_set_state() only, so
 *   the scenario stays the one source of truth.
 */
GtkWidget *
ls_member_row_new (const char *country,
                   const char *name)
{
  LsMemberRow *self;

  g_return_val_if_fail (country != NULL, NULL);

  self = g_object_new (LS_TYPE_MEMBER_ROW, NULL);
  self->country = g_strdup (country);
  self->name = g_strdup (name != NULL ? name : country);

  gtk_check_button_set_label (GTK_CHECK_BUTTON (self->check), self->name);
  gtk_label_set_label (GTK_LABEL (self->code), self->country);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->check), "scenario.toggle-member");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->check),
                                          g_variant_new_string (self->country));
  /* Named once, by the country: not the check button's label again. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->name,
                                  -1);

  return GTK_WIDGET (self);
}

const char *
ls_member_row_get_country (LsMemberRow *self)
{
  g_return_val_if_fail (LS_IS_MEMBER_ROW (self), NULL);

  return self->country;
}

const char *
ls_member_row_get_name (LsMemberRow *self)
{
  g_return_val_if_fail (LS_IS_MEMBER_ROW (self), NULL);

  return self->name;
}

gboolean
ls_member_row_get_member (LsMemberRow *self)
{
  g_return_val_if_fail (LS_IS_MEMBER_ROW (self), FALSE);

  return self->member;
}

static void
update_state (LsMemberRow  *self,
              LsMembership  membership)
{
  const char *tag = NULL;
  g_autoptr(GString) description = g_string_new (self->member ? _("in the bloc") : _("not in the bloc"));

  if (membership == LS_MEMBERSHIP_ADDED)
    tag = _("added by hand");
  else if (membership == LS_MEMBERSHIP_REMOVED)
    tag = _("removed by hand");

  if (tag != NULL)
    g_string_append_printf (description, ", %s", tag);
  else if (self->note != NULL && !self->member)
    {
      tag = self->note;
      g_string_append_printf (description, ", %s", tag);
    }

  gtk_label_set_label (GTK_LABEL (self->tag), tag != NULL ? tag : "");
  gtk_widget_set_visible (self->tag, tag != NULL);
  gtk_widget_remove_css_class (self->tag, "success");
  gtk_widget_remove_css_class (self->tag, "error");
  gtk_widget_remove_css_class (self->tag, "dim-label");
  if (membership == LS_MEMBERSHIP_ADDED)
    gtk_widget_add_css_class (self->tag, "success");
  else if (membership == LS_MEMBERSHIP_REMOVED)
    gtk_widget_add_css_class (self->tag, "error");
  else
    gtk_widget_add_css_class (self->tag, "dim-label");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

/**
 * ls_member_row_set_state:
 * @self: a member row
 * @member: whether the country is in the bloc
 * @membership: whether that was set by hand
 * @note: (nullable): why a country of a chosen alliance is not a member
 *   in the year shown ("joins MSP in 2025")
 */
void
ls_member_row_set_state (LsMemberRow  *self,
                         gboolean      member,
                         LsMembership  membership,
                         const char   *note)
{
  g_return_if_fail (LS_IS_MEMBER_ROW (self));

  self->member = !!member;
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->check), self->member);
  if (g_strcmp0 (self->note, note) != 0)
    {
      g_free (self->note);
      self->note = g_strdup (note);
    }

  update_state (self, membership);
}

/**
 * ls_member_row_set_memberships:
 * @memberships: (nullable): the alliances the country belongs to, as
 *   the row's tooltip says them (ls_alliance_text_memberships())
 */
void
ls_member_row_set_memberships (LsMemberRow *self,
                               const char  *memberships)
{
  g_return_if_fail (LS_IS_MEMBER_ROW (self));

  g_free (self->memberships);
  self->memberships = g_strdup (memberships);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), memberships != NULL);
}

/**
 * ls_member_row_get_memberships:
 *
 * Returns: (nullable): the row's tooltip, set with
 *   ls_member_row_set_memberships()
 */
const char *
ls_member_row_get_memberships (LsMemberRow *self)
{
  g_return_val_if_fail (LS_IS_MEMBER_ROW (self), NULL);

  return self->memberships;
}

/**
 * ls_member_row_get_note:
 *
 * Returns: (nullable): the note set with ls_member_row_set_state()
 */
const char *
ls_member_row_get_note (LsMemberRow *self)
{
  g_return_val_if_fail (LS_IS_MEMBER_ROW (self), NULL);

  return self->note;
}

/**
 * ls_member_row_toggle:
 *
 * Toggles the membership as a click on the check button would.
 */
void
ls_member_row_toggle (LsMemberRow *self)
{
  g_return_if_fail (LS_IS_MEMBER_ROW (self));

  gtk_widget_activate (self->check);
}
