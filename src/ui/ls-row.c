/* ls-row.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A list row of a title, a subtitle and one control at its end, which the
 * row activates: an AdwActionRow with an activatable widget, as it looks,
 * but laid out by a grid.
 *
 * Why not AdwActionRow: its title and subtitle wrap in a vertical box,
 * centred in a horizontal one. GTK 4.8 measures a centred box by its
 * width for its height, and a box answers that by a binary search over
 * widths (gtkboxlayout.c, distribute_remaining_size()), each step asking
 * every label its height for a width, a new Pango layout each time. The
 * sidebar's eleven rows made some 500 layouts before the first frame, a
 * tenth of the start-up's work on the main thread (callgrind, issue 12),
 * and made them again on every change of their subtitles. A grid gives
 * its columns their widths first, then asks each label its height for
 * its width: a few layouts per label.
 */

#define G_LOG_DOMAIN "ls-row"

#include "config.h"

#include "ls-row.h"

struct _LsRow
{
  GtkListBoxRow parent_instance;

  /* Borrowed (children) */
  GtkWidget *title;
  GtkWidget *subtitle;
  GtkWidget *control;

  GtkWidget *list;  /* the parent whose ::row-activated we follow */
};

G_DEFINE_FINAL_TYPE (LsRow, ls_row, GTK_TYPE_LIST_BOX_ROW)

static void
on_row_activated_cb (GtkListBox    *list,
                     GtkListBoxRow *row,
                     LsRow         *self)
{
  /* As AdwActionRow activates its activatable widget. */
  if (row == GTK_LIST_BOX_ROW (self) && self->control != NULL)
    gtk_widget_mnemonic_activate (self->control, FALSE);
}

static void
on_parent_changed_cb (LsRow      *self,
                      GParamSpec *pspec,
                      gpointer    user_data)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_func (self->list, on_row_activated_cb, self);
  self->list = GTK_IS_LIST_BOX (parent) ? parent : NULL;
  if (self->list != NULL)
    g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated_cb), self);
}

static void
ls_row_dispose (GObject *object)
{
  LsRow *self = LS_ROW (object);

  if (self->list != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->list, on_row_activated_cb, self);
      self->list = NULL;
    }

  G_OBJECT_CLASS (ls_row_parent_class)->dispose (object);
}

static void
ls_row_class_init (LsRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_row_dispose;

  gtk_widget_class_set_css_name (widget_class, "row");
}

static GtkWidget *
make_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
ls_row_init (LsRow *self)
{
  GtkWidget *header = gtk_grid_new ();
  GtkWidget *title_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  /* style.css gives the row, the grid and the title box AdwActionRow's
   * sizes and margins.
   *
   * Only the grid is centred. GTK 4.8 measures a widget that is not
   * aligned to fill by its width for its height (gtkwidget.c,
   * gtk_widget_adjust_size_allocation()), and a box of wrapping labels
   * answers that with the searches above; a grid answers it from its
   * children's widths alone. */
  gtk_widget_add_css_class (GTK_WIDGET (self), "ls-row");
  gtk_widget_add_css_class (header, "header");
  gtk_widget_set_valign (header, GTK_ALIGN_CENTER);
  gtk_grid_set_column_spacing (GTK_GRID (header), 6);

  gtk_widget_add_css_class (title_box, "title");
  gtk_widget_set_hexpand (title_box, TRUE);
  gtk_grid_attach (GTK_GRID (header), title_box, 0, 0, 1, 1);

  self->title = make_label ("title");
  gtk_box_append (GTK_BOX (title_box), self->title);

  self->subtitle = make_label ("subtitle");
  gtk_widget_set_visible (self->subtitle, FALSE);
  gtk_box_append (GTK_BOX (title_box), self->subtitle);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), header);

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->subtitle, NULL,
                                  -1);

  g_signal_connect (self, "notify::parent", G_CALLBACK (on_parent_changed_cb), NULL);
}

/**
 * ls_row_new:
 * @title: the row's title, plain text
 * @control: (nullable): the control at the row's end, which activating
 *   the row activates
 *
 * Returns: a new row; the control is named by the title
 */
GtkWidget *
ls_row_new (const char *title,
            GtkWidget  *control)
{
  LsRow *self = g_object_new (LS_TYPE_ROW, NULL);

  gtk_label_set_label (GTK_LABEL (self->title), title);

  if (control != NULL)
    {
      self->control = control;
      gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
      gtk_grid_attach (GTK_GRID (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (self))),
                       control, 1, 0, 1, 1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (control),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title, NULL,
                                      -1);
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), control != NULL);

  return GTK_WIDGET (self);
}

const char *
ls_row_get_title (LsRow *self)
{
  g_return_val_if_fail (LS_IS_ROW (self), NULL);

  return gtk_label_get_label (GTK_LABEL (self->title));
}

/**
 * ls_row_get_subtitle:
 *
 * Returns: (nullable): the subtitle, or %NULL when the row has none
 */
const char *
ls_row_get_subtitle (LsRow *self)
{
  g_return_val_if_fail (LS_IS_ROW (self), NULL);

  return gtk_widget_get_visible (self->subtitle) ? gtk_label_get_label (GTK_LABEL (self->subtitle)) : NULL;
}

/**
 * ls_row_set_subtitle:
 * @subtitle: (nullable): plain text, or %NULL or "" for none
 */
void
ls_row_set_subtitle (LsRow      *self,
                     const char *subtitle)
{
  g_return_if_fail (LS_IS_ROW (self));

  /* Unchanged, it costs no new layout. */
  if (g_strcmp0 (subtitle, ls_row_get_subtitle (self)) == 0)
    return;

  gtk_label_set_label (GTK_LABEL (self->subtitle), subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (self->subtitle, subtitle != NULL && *subtitle != '\0');
}

/**
 * ls_row_set_subtitle_lines:
 * @lines: the most lines the subtitle wraps to before it is ellipsized,
 *   or 0 for no limit
 */
void
ls_row_set_subtitle_lines (LsRow *self,
                           int    lines)
{
  g_return_if_fail (LS_IS_ROW (self));
  g_return_if_fail (lines >= 0);

  gtk_label_set_lines (GTK_LABEL (self->subtitle), lines);
  gtk_label_set_ellipsize (GTK_LABEL (self->subtitle), lines > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
}

/**
 * ls_row_get_control:
 *
 * Returns: (transfer none) (nullable): the control at the row's end
 */
GtkWidget *
ls_row_get_control (LsRow *self)
{
  g_return_val_if_fail (LS_IS_ROW (self), NULL);

  return self->control;
}
