/* ls-explain-popover.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-explain-popover"

#include "config.h"

#include "ls-explain-popover.h"

#include "ls-render-bars.h"

#include <glib/gi18n.h>

/* "Explain a figure" (issue 13 item 3): a popover that shows an
 * LsExplanation, the same text a tooltip or a screen reader gets from
 * ls_explanation_to_text(). It lays the text out; it computes nothing. */

struct _LsExplainPopover
{
  GtkPopover parent_instance;

  GtkWidget *title;
  GtkWidget *summary;
  GtkWidget *evidence_bar;
  GtkWidget *evidence;
  GtkWidget *lines;

  LsEvidenceSplit evidence_split;
  LsRenderStyle   style;
  char           *text;
};

G_DEFINE_FINAL_TYPE (LsExplainPopover, ls_explain_popover, GTK_TYPE_POPOVER)

static void
draw_evidence (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  LsExplainPopover *self = user_data;

  ls_render_evidence_bar (cr, &self->style, &self->evidence_split, width, height);
}

static GtkWidget *
wrapping_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 56);
  gtk_label_set_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
ls_explain_popover_finalize (GObject *object)
{
  LsExplainPopover *self = LS_EXPLAIN_POPOVER (object);

  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (ls_explain_popover_parent_class)->finalize (object);
}

static void
ls_explain_popover_class_init (LsExplainPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ls_explain_popover_finalize;
}

static void
ls_explain_popover_init (LsExplainPopover *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller;
  GtkWidget *evidence_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  ls_render_style_init (&self->style, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "explain-popover");
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  self->title = wrapping_label ("heading");
  gtk_box_append (GTK_BOX (box), self->title);

  self->summary = wrapping_label (NULL);
  gtk_box_append (GTK_BOX (box), self->summary);

  self->evidence_bar = g_object_new (GTK_TYPE_DRAWING_AREA,
                                     "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                     "content-width", 48,
                                     "content-height", 6,
                                     "valign", GTK_ALIGN_CENTER,
                                     NULL);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->evidence_bar), draw_evidence, self, NULL);
  gtk_box_append (GTK_BOX (evidence_row), self->evidence_bar);
  self->evidence = wrapping_label ("caption");
  gtk_widget_set_hexpand (self->evidence, TRUE);
  gtk_box_append (GTK_BOX (evidence_row), self->evidence);
  gtk_box_append (GTK_BOX (box), evidence_row);

  self->lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  scroller = g_object_new (GTK_TYPE_SCROLLED_WINDOW,
                           "hscrollbar-policy", GTK_POLICY_NEVER,
                           "propagate-natural-height", TRUE,
                           "max-content-height", 360,
                           "child", self->lines,
                           NULL);
  gtk_box_append (GTK_BOX (box), scroller);

  gtk_popover_set_child (GTK_POPOVER (self), box);
}

GtkWidget *
ls_explain_popover_new (void)
{
  return g_object_new (LS_TYPE_EXPLAIN_POPOVER, NULL);
}

/**
 * ls_explain_popover_set_explanation:
 * @self: an explain popover
 * @explanation: what to show
 * @style: (nullable): the colours of the evidence bar
 *
 * Shows @explanation: title, summary, evidence and one line per part.
 */
void
ls_explain_popover_set_explanation (LsExplainPopover    *self,
                                    const LsExplanation *explanation,
                                    const LsRenderStyle *style)
{
  GtkWidget *child;
  const char *evidence;

  g_return_if_fail (LS_IS_EXPLAIN_POPOVER (self));
  g_return_if_fail (explanation != NULL);

  if (style != NULL)
    self->style = *style;

  g_free (self->text);
  self->text = ls_explanation_to_text (explanation);

  gtk_label_set_label (GTK_LABEL (self->title), ls_explanation_get_title (explanation));
  gtk_label_set_label (GTK_LABEL (self->summary), ls_explanation_get_summary (explanation));

  evidence = ls_explanation_get_evidence_text (explanation);
  ls_explanation_get_evidence (explanation, &self->evidence_split);
  gtk_label_set_label (GTK_LABEL (self->evidence), evidence != NULL ? evidence : "");
  gtk_widget_set_visible (gtk_widget_get_parent (self->evidence), evidence != NULL);
  gtk_widget_queue_draw (self->evidence_bar);

  while ((child = gtk_widget_get_first_child (self->lines)) != NULL)
    gtk_box_remove (GTK_BOX (self->lines), child);

  for (guint i = 0; i < ls_explanation_get_n_lines (explanation); i++)
    {
      const LsExplainLine *line = ls_explanation_get_line (explanation, i);
      GtkWidget *label = wrapping_label ("caption");

      gtk_label_set_label (GTK_LABEL (label), line->text);
      if (line->country == LS_EXPLAIN_UNMET)
        gtk_widget_add_css_class (label, "worse");
      gtk_box_append (GTK_BOX (self->lines), label);
    }

  /* A screen reader reads the whole explanation at once. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, ls_explanation_get_title (explanation),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->text,
                                  -1);
}

/**
 * ls_explain_popover_get_text:
 *
 * Returns: (nullable): the explanation shown, as ls_explanation_to_text()
 *   writes it
 */
const char *
ls_explain_popover_get_text (LsExplainPopover *self)
{
  g_return_val_if_fail (LS_IS_EXPLAIN_POPOVER (self), NULL);

  return self->text;
}
