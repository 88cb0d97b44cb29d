/* ls-presenter-view.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-presenter-view"

#include "config.h"

#include "ls-presenter-view.h"

#include "ls-application.h"
#include "ls-format.h"

#include <glib/gi18n.h>

struct _LsPresenterView
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget *hint_label;
  GtkWidget *stack;

  /* Owned */
  char *title;
  char *headline;

  guint page;
};

G_DEFINE_FINAL_TYPE (LsPresenterView, ls_presenter_view, GTK_TYPE_WIDGET)

static GtkWidget *
make_card (const char *stage,
           const char *value,
           const char *change,
           const char *change_class)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label;

  gtk_widget_add_css_class (card, "headline-card");

  label = gtk_label_new (stage);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "headline-stage");
  gtk_box_append (GTK_BOX (card), label);

  label = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "headline-value");
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (card), label);

  label = gtk_label_new (change != NULL ? change : "");
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "headline-change");
  if (change_class != NULL)
    gtk_widget_add_css_class (label, change_class);
  gtk_box_append (GTK_BOX (card), label);

  return card;
}

static GtkWidget *
build_page (LsPresenterView *self,
            const char      *title,
            const char      *description,
            LsResult        *result,
            LsResult        *baseline)
{
  LsDataset *dataset = ls_result_get_dataset (result);
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *cards = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *label;
  g_autoptr(GString) headline = g_string_new (NULL);
  guint n_cards = 0;

  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "slide-title");
  gtk_box_append (GTK_BOX (page), label);

  if (description != NULL && description[0] != '\0')
    {
      label = gtk_label_new (description);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_lines (GTK_LABEL (label), 3);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "slide-description");
      gtk_box_append (GTK_BOX (page), label);
    }

  label = gtk_label_new (_("Bloc's dependency on non-members"));
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "headline-caption");
  gtk_box_append (GTK_BOX (page), label);
  g_string_append (headline, _("Bloc's dependency on non-members"));

  for (guint s = 0; s < ls_result_get_n_stages (result); s++)
    {
      double dependency;
      double base;
      g_autofree char *value = NULL;
      g_autofree char *change = NULL;
      const char *change_class = NULL;

      if (!ls_result_get_dependency (result, s, &dependency))
        continue;

      value = ls_format_percent (dependency, 1);
      if (baseline != NULL && ls_result_get_dependency (baseline, s, &base))
        {
          change = ls_format_change (dependency - base);
          if (ls_format_get_change (dependency - base) == LS_CHANGE_RISE)
            change_class = "rise";
          else if (ls_format_get_change (dependency - base) == LS_CHANGE_FALL)
            change_class = "fall";
        }

      gtk_box_append (GTK_BOX (cards),
                      make_card (ls_dataset_get_stage_name (dataset, s), value, change, change_class));
      g_string_append_printf (headline, " — %s %s%s%s", ls_dataset_get_stage_name (dataset, s),
                              value, change != NULL ? " " : "", change != NULL ? change : "");
      n_cards++;
    }

  if (n_cards == 0)
    {
      label = gtk_label_new (_("No bloc chosen"));
      gtk_widget_add_css_class (label, "headline-value");
      gtk_box_append (GTK_BOX (cards), label);
      g_string_append_printf (headline, " — %s", _("No bloc chosen"));
    }

  gtk_box_append (GTK_BOX (page), cards);

  g_free (self->headline);
  self->headline = g_string_free (g_steal_pointer (&headline), FALSE);

  gtk_accessible_update_property (GTK_ACCESSIBLE (page),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->headline,
                                  -1);

  return page;
}

static void
ls_presenter_view_dispose (GObject *object)
{
  LsPresenterView *self = LS_PRESENTER_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_PRESENTER_VIEW);

  G_OBJECT_CLASS (ls_presenter_view_parent_class)->dispose (object);
}

static void
ls_presenter_view_finalize (GObject *object)
{
  LsPresenterView *self = LS_PRESENTER_VIEW (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->headline, g_free);

  G_OBJECT_CLASS (ls_presenter_view_parent_class)->finalize (object);
}

static void
ls_presenter_view_class_init (LsPresenterViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_presenter_view_dispose;
  object_class->finalize = ls_presenter_view_finalize;

  ls_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, LS_RESOURCE_PATH "/ui/ls-presenter-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LsPresenterView, hint_label);
  gtk_widget_class_bind_template_child (widget_class, LsPresenterView, stack);

  gtk_widget_class_set_css_name (widget_class, "presenterview");
}

static void
ls_presenter_view_init (LsPresenterView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ls_presenter_view_new (void)
{
  return g_object_new (LS_TYPE_PRESENTER_VIEW, NULL);
}

/**
 * ls_presenter_view_set_slide:
 * @self: a presenter view
 * @title: the scenario's name
 * @description: (nullable): the scenario's description
 * @result: the scenario's result
 * @baseline: (nullable): the same bloc with no levers
 * @index: the slide's position, from 0, or G_MAXUINT when the scenario is
 *   not one of the slides
 * @n_slides: the number of slides
 *
 * Shows a slide, crossfading from the previous one.
 */
void
ls_presenter_view_set_slide (LsPresenterView *self,
                             const char      *title,
                             const char      *description,
                             LsResult        *result,
                             LsResult        *baseline,
                             guint            index,
                             guint            n_slides)
{
  GtkWidget *old;
  GtkWidget *page;
  g_autofree char *hint = NULL;

  g_return_if_fail (LS_IS_PRESENTER_VIEW (self));
  g_return_if_fail (result != NULL);

  if (title == NULL || title[0] == '\0')
    title = _("Untitled Scenario");

  g_free (self->title);
  self->title = g_strdup (title);

  old = gtk_stack_get_visible_child (GTK_STACK (self->stack));
  page = build_page (self, title, description, result, baseline);
  gtk_stack_add_child (GTK_STACK (self->stack), page);
  gtk_stack_set_visible_child (GTK_STACK (self->stack), page);

  /* Drop pages older than the one fading out. */
  for (GtkWidget *child = gtk_widget_get_first_child (self->stack); child != NULL;)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (child != old && child != page)
        gtk_stack_remove (GTK_STACK (self->stack), child);
      child = next;
    }

  if (index != G_MAXUINT)
    /* Translators: slide counter and the keys that change slides */
    hint = g_strdup_printf (_("Slide %u of %u · Page Down: next · Page Up: previous · Esc: leave"),
                            index + 1, n_slides);
  else
    hint = g_strdup (_("Page Down: next · Page Up: previous · Esc: leave"));
  gtk_label_set_label (GTK_LABEL (self->hint_label), hint);
}

const char *
ls_presenter_view_get_title (LsPresenterView *self)
{
  g_return_val_if_fail (LS_IS_PRESENTER_VIEW (self), NULL);

  return self->title;
}

/**
 * ls_presenter_view_get_headline:
 *
 * Returns: (nullable): the headline in words, as read out to screen readers
 */
const char *
ls_presenter_view_get_headline (LsPresenterView *self)
{
  g_return_val_if_fail (LS_IS_PRESENTER_VIEW (self), NULL);

  return self->headline;
}
