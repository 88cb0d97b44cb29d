/* ls-share-panel.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-share-panel"

#include "config.h"

#include "ls-share-panel.h"

#include "ls-application.h"
#include "ls-format.h"

#include <glib/gi18n.h>
#include <math.h>

/* The share panel: per stage, the bloc's dependency on non-members next
 * to the unmet part of its need, a bar of that need four ways (members,
 * China, other non-members, unmet) with the no-lever baseline as a ghost
 * under it, the evidence behind the figure, its range, a small line of
 * the dependency over the years and, on a secondary line, the world
 * output shares (issue 13 items 1–3, issue 9 items 3 and 5, issue 16 M1,
 * M2, p1, m10). Every change is coloured by ls_explain_judge(); every
 * figure opens an explanation (ls-explain.h) on click or activation. The
 * panel computes no share: it reads the result, the baseline, the
 * ranges and the session's series. */

/* Below this (t) unmet need is not shown. */
#define MIN_UNMET_TONNES 0.5

typedef struct
{
  LsSharePanel *panel;
  guint         stage;

  GtkWidget    *box;
  GtkWidget    *name;
  GtkWidget    *spark;
  GtkWidget    *dependency_button;
  GtkWidget    *dependency;
  GtkWidget    *range;
  GtkWidget    *change;
  GtkWidget    *need_button;
  GtkWidget    *unmet_box;
  GtkWidget    *unmet_caption;
  GtkWidget    *unmet;
  GtkWidget    *unmet_change;
  GtkWidget    *bar;
  GtkWidget    *need_label;
  GtkWidget    *evidence_box;
  GtkWidget    *evidence_bar;
  GtkWidget    *evidence;
  GtkWidget    *world_button;
  GtkWidget    *world;

  gboolean        has_need;
  LsNeedBar       need;
  gboolean        has_ghost;
  LsNeedBar       ghost;
  LsEvidenceSplit evidence_split;
  gboolean        has_dependency;
  double          dependency_value;
} StageRow;

struct _LsSharePanel
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget *title_label;
  GtkWidget *bloc_label;
  GtkWidget *legend_box;
  GtkWidget *legend_label;
  GtkWidget *ghost_legend;
  GtkWidget *column_header;
  GtkWidget *stages_box;
  GtkWidget *note_label;

  /* Owned */
  LsSession        *session;
  LsResult         *result;
  LsResult         *baseline;
  LsRanges         *ranges;
  GPtrArray        *rows;
  LsRenderStyle     style;
  LsExplainPopover *popover;
  LsExplainSubject  popover_subject;
  guint             popover_stage;
};

G_DEFINE_FINAL_TYPE (LsSharePanel, ls_share_panel, GTK_TYPE_WIDGET)

static void update (LsSharePanel *self);

static void
stage_row_free (gpointer data)
{
  g_free (data);
}

/* Presenter mode passes a larger type scale: the panel then shows only
 * the headline figures and the bar, so that it stays whole at 720p
 * (issue 16, M5). */
static gboolean
is_compact (LsSharePanel *self)
{
  return self->style.font_scale > 1.0;
}

/* A share that never breaks across lines: "76.0 %", not "76.0" and "%". */
static char *
format_share_decimals (double fraction,
                       guint  decimals)
{
  g_autofree char *text = ls_format_percent (fraction, decimals);
  g_auto(GStrv) words = g_strsplit (text, " ", -1);

  return g_strjoinv ("\u00a0", words);
}

static char *
format_share (double fraction)
{
  return format_share_decimals (fraction, 1);
}

static gboolean
has_changes (LsSharePanel *self)
{
  return self->baseline != NULL && self->baseline != self->result;
}

/* Drawing ------------------------------------------------------------------ */

static void
draw_bar (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  StageRow *row = user_data;

  if (!row->has_need)
    return;
  ls_render_need_bar (cr, &row->panel->style, &row->need, row->has_ghost ? &row->ghost : NULL, width, height);
}

static void
draw_evidence (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  StageRow *row = user_data;

  ls_render_evidence_bar (cr, &row->panel->style, &row->evidence_split, width, height);
}

static void
draw_spark (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  StageRow *row = user_data;
  LsSharePanel *self = row->panel;
  const int *years;
  const double *values;
  guint n_years;

  if (self->session == NULL || self->result == NULL || self->ranges == NULL ||
      !ls_session_get_series (self->session, row->stage, &years, &values, &n_years))
    return;

  ls_render_sparkline (cr, &self->style, years, values, n_years, ls_result_get_year (self->result),
                       width, height);
}

/* The series in words, for a screen reader: "2020: 71 %, 2023: 72 %". */
static char *
series_text (LsSharePanel *self,
             guint         stage)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const int *years;
  const double *values;
  guint n_years;

  if (self->session == NULL || self->ranges == NULL ||
      !ls_session_get_series (self->session, stage, &years, &values, &n_years))
    return NULL;

  for (guint i = 0; i < n_years; i++)
    {
      g_autofree char *value = NULL;

      if (!isfinite (values[i]))
        continue;
      value = ls_format_percent (values[i], 0);
      if (text->len > 0)
        g_string_append (text, _(", "));
      /* Translators: a year and a share in it, e.g. "2024: 73 %" */
      g_string_append_printf (text, _("%d: %s"), years[i], value);
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* Explaining ---------------------------------------------------------------- */

static void
fill_popover (LsSharePanel *self)
{
  g_autoptr(LsExplanation) explanation = NULL;

  if (self->result == NULL)
    return;
  explanation = ls_explanation_new (self->result, self->ranges, self->popover_subject, self->popover_stage, 0, 0);
  ls_explain_popover_set_explanation (self->popover, explanation, &self->style);
}

static void
figure_clicked (GtkButton *button,
                StageRow  *row)
{
  LsSharePanel *self = row->panel;
  GtkWidget *popover = GTK_WIDGET (self->popover);

  if (self->result == NULL)
    return;

  self->popover_subject = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ls-subject"));
  self->popover_stage = row->stage;

  if (gtk_widget_get_parent (popover) != GTK_WIDGET (button))
    {
      if (gtk_widget_get_parent (popover) != NULL)
        {
          gtk_popover_popdown (GTK_POPOVER (popover));
          gtk_widget_unparent (popover);
        }
      gtk_widget_set_parent (popover, GTK_WIDGET (button));
    }

  fill_popover (self);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static GtkWidget *
figure_button (StageRow         *row,
               GtkWidget        *child,
               LsExplainSubject  subject)
{
  GtkWidget *button = gtk_button_new ();

  gtk_button_set_child (GTK_BUTTON (button), child);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "figure");
  g_object_set_data (G_OBJECT (button), "ls-subject", GUINT_TO_POINTER (subject));
  g_signal_connect (button, "clicked", G_CALLBACK (figure_clicked), row);

  return button;
}

/* Rows ---------------------------------------------------------------------- */

static GtkWidget *
caption_label (gboolean dim)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "numeric");
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");

  return label;
}

static StageRow *
stage_row_new (LsSharePanel *self,
               guint         stage)
{
  StageRow *row = g_new0 (StageRow, 1);
  GtkWidget *grid;
  GtkWidget *figure_box;
  GtkWidget *need_box;

  row->panel = self;
  row->stage = stage;
  row->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_add_css_class (row->box, "stage-row");

  /* Name and the small line over the years; the dependency, its range
   * and its change on the right, under the column's header. */
  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);

  row->name = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->name), 0.0);
  gtk_label_set_wrap (GTK_LABEL (row->name), TRUE);
  gtk_widget_set_hexpand (row->name, TRUE);
  /* Centred by its text, not its allocation: GTK 4.8 measures a wrapping
   * label that does not fill by its width for its height, a search. */
  gtk_label_set_yalign (GTK_LABEL (row->name), 0.5);
  gtk_widget_add_css_class (row->name, "stage-name");
  gtk_grid_attach (GTK_GRID (grid), row->name, 0, 0, 1, 1);

  row->spark = g_object_new (GTK_TYPE_DRAWING_AREA,
                             "accessible-role", GTK_ACCESSIBLE_ROLE_IMG,
                             "content-width", 64,
                             "content-height", 16,
                             "halign", GTK_ALIGN_START,
                             NULL);
  gtk_widget_add_css_class (row->spark, "sparkline");
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (row->spark), draw_spark, row, NULL);
  gtk_grid_attach (GTK_GRID (grid), row->spark, 0, 1, 1, 1);

  figure_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  row->dependency = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->dependency), 1.0);
  gtk_widget_add_css_class (row->dependency, "dependency");
  gtk_widget_add_css_class (row->dependency, "numeric");
  gtk_box_append (GTK_BOX (figure_box), row->dependency);
  row->range = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->range), 1.0);
  gtk_widget_add_css_class (row->range, "caption");
  gtk_widget_add_css_class (row->range, "dim-label");
  gtk_widget_add_css_class (row->range, "numeric");
  gtk_box_append (GTK_BOX (figure_box), row->range);
  row->dependency_button = figure_button (row, figure_box, LS_EXPLAIN_DEPENDENCY);
  gtk_widget_set_valign (row->dependency_button, GTK_ALIGN_START);
  gtk_grid_attach (GTK_GRID (grid), row->dependency_button, 1, 0, 1, 2);

  row->change = gtk_label_new (NULL);
  gtk_widget_add_css_class (row->change, "change");
  gtk_widget_add_css_class (row->change, "numeric");
  gtk_widget_set_valign (row->change, GTK_ALIGN_START);
  gtk_widget_set_margin_top (row->change, 6);
  gtk_grid_attach (GTK_GRID (grid), row->change, 2, 0, 1, 2);

  gtk_box_append (GTK_BOX (row->box), grid);

  /* The bloc's need: the unmet part and its change, the bar, the split. */
  need_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  row->unmet_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  row->unmet_caption = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->unmet_caption), 0.0);
  gtk_widget_set_hexpand (row->unmet_caption, TRUE);
  gtk_widget_add_css_class (row->unmet_caption, "unmet-caption");
  gtk_box_append (GTK_BOX (row->unmet_box), row->unmet_caption);
  row->unmet = gtk_label_new (NULL);
  gtk_widget_add_css_class (row->unmet, "unmet");
  gtk_widget_add_css_class (row->unmet, "numeric");
  gtk_box_append (GTK_BOX (row->unmet_box), row->unmet);
  row->unmet_change = gtk_label_new (NULL);
  gtk_widget_add_css_class (row->unmet_change, "change");
  gtk_widget_add_css_class (row->unmet_change, "numeric");
  gtk_box_append (GTK_BOX (row->unmet_box), row->unmet_change);
  gtk_box_append (GTK_BOX (need_box), row->unmet_box);

  row->bar = g_object_new (GTK_TYPE_DRAWING_AREA,
                           "accessible-role", GTK_ACCESSIBLE_ROLE_IMG,
                           "content-height", 14,
                           "hexpand", TRUE,
                           NULL);
  gtk_widget_add_css_class (row->bar, "share-bar");
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (row->bar), draw_bar, row, NULL);
  gtk_box_append (GTK_BOX (need_box), row->bar);

  row->need_label = caption_label (FALSE);
  gtk_box_append (GTK_BOX (need_box), row->need_label);

  row->need_button = figure_button (row, need_box,
                                    stage + 1 < ls_result_get_n_stages (self->result)
                                    ? LS_EXPLAIN_NEED : LS_EXPLAIN_USE);
  gtk_box_append (GTK_BOX (row->box), row->need_button);

  /* What the dependency rests on. */
  /* Grids, not boxes, where a label wraps beside something: GTK 4.8
   * measures a box of wrapping labels by a search of Pango layouts
   * (ls-row.c says why), a grid by one layout per width. */
  row->evidence_box = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (row->evidence_box), 6);
  gtk_widget_set_margin_start (row->evidence_box, 6);
  /* The label beside it says the same in words. */
  row->evidence_bar = g_object_new (GTK_TYPE_DRAWING_AREA,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                    "content-width", 36,
                                    "content-height", 5,
                                    "valign", GTK_ALIGN_CENTER,
                                    NULL);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (row->evidence_bar), draw_evidence, row, NULL);
  gtk_grid_attach (GTK_GRID (row->evidence_box), row->evidence_bar, 0, 0, 1, 1);
  row->evidence = caption_label (TRUE);
  gtk_widget_set_hexpand (row->evidence, TRUE);
  gtk_grid_attach (GTK_GRID (row->evidence_box), row->evidence, 1, 0, 1, 1);
  gtk_box_append (GTK_BOX (row->box), row->evidence_box);

  /* The world's output, secondary. */
  row->world = caption_label (TRUE);
  row->world_button = figure_button (row, row->world, LS_EXPLAIN_WORLD_OUTPUT);
  gtk_box_append (GTK_BOX (row->box), row->world_button);

  gtk_box_append (GTK_BOX (self->stages_box), row->box);

  return row;
}

static void
update_legend (LsSharePanel *self)
{
  g_autofree char *markup = ls_render_style_need_legend_markup (&self->style, "  ");

  gtk_label_set_markup (GTK_LABEL (self->legend_label), markup);
}

static void
set_verdict_class (GtkWidget *widget,
                   LsVerdict  verdict)
{
  static const char * const classes[] = { "better", "worse", "neutral" };
  const char *wanted = ls_verdict_get_style_class (verdict);

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    if (g_strcmp0 (classes[i], wanted) != 0)
      gtk_widget_remove_css_class (widget, classes[i]);
  if (wanted != NULL)
    gtk_widget_add_css_class (widget, wanted);
}

/* Shows a change as judged; hidden when nothing changed (issue 16, p1:
 * no "± 0 pts"). */
static void
show_change (LsSharePanel    *self,
             GtkWidget       *label,
             guint            stage,
             LsExplainFigure  figure)
{
  double change = 0.0;
  LsVerdict verdict = LS_VERDICT_NONE;
  g_autofree char *text = NULL;
  g_autofree char *spoken = NULL;

  if (has_changes (self))
    verdict = ls_explain_judge (self->result, self->baseline, stage, figure, &change, NULL);

  set_verdict_class (label, verdict);
  gtk_widget_set_visible (label, verdict != LS_VERDICT_NONE);
  if (verdict == LS_VERDICT_NONE)
    {
      gtk_label_set_label (GTK_LABEL (label), "");
      gtk_widget_set_tooltip_text (label, NULL);
      return;
    }

  text = ls_format_change (change);
  gtk_label_set_label (GTK_LABEL (label), text);

  /* "Magnets: unmet need rose 47.7 points": what the arrow means. */
  spoken = ls_explain_change_text (self->result, self->baseline, stage, figure);
  gtk_widget_set_tooltip_text (label, spoken);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                  -1);
}

static void
update_row (LsSharePanel *self,
            StageRow     *row)
{
  LsResult *result = self->result;
  LsDataset *dataset = ls_result_get_dataset (result);
  guint stage = row->stage;
  gboolean last = stage + 1 >= ls_result_get_n_stages (result);
  const char *stage_name = ls_dataset_get_stage_name (dataset, stage);
  gboolean compact = is_compact (self);
  double dependency = 0.0;
  g_autoptr(LsExplanation) explained = NULL;
  g_autoptr(LsExplanation) need_explained = NULL;
  g_autofree char *range_text = NULL;
  g_autofree char *spark_text = NULL;

  gtk_label_set_label (GTK_LABEL (row->name), stage_name);

  /* The dependency, its range, its change. */
  explained = ls_explanation_new (result, self->ranges, LS_EXPLAIN_DEPENDENCY, stage, 0, 0);
  row->has_dependency = ls_result_get_dependency (result, stage, &dependency);
  row->dependency_value = row->has_dependency ? dependency : 0.0;
  if (row->has_dependency)
    {
      g_autofree char *text = ls_format_percent (dependency, 1);
      double low, high;

      gtk_label_set_label (GTK_LABEL (row->dependency), text);
      if (ls_explanation_get_range (explained, &low, &high))
        range_text = ls_explain_format_range (low, high);
    }
  else
    /* Translators: no figure (no bloc, the final stage, or the bloc takes in nothing) */
    gtk_label_set_label (GTK_LABEL (row->dependency), _("—"));
  gtk_label_set_label (GTK_LABEL (row->range), range_text != NULL ? range_text : "");
  gtk_widget_set_visible (row->range, range_text != NULL && !compact);
  gtk_box_set_spacing (GTK_BOX (gtk_widget_get_parent (row->bar)), compact ? 0 : 3);
  show_change (self, row->change, stage, LS_EXPLAIN_FIGURE_DEPENDENCY);

  /* The tooltip is the explanation's summary: the largest supplier
   * outside the bloc, or why the figure is 0 % or "—" (issue 16, M1). */
  gtk_widget_set_tooltip_text (row->dependency_button, ls_explanation_get_summary (explained));
  {
    g_autofree char *label = NULL;
    g_autofree char *change = ls_explain_change_text (result, self->baseline, stage, LS_EXPLAIN_FIGURE_DEPENDENCY);
    g_autofree char *description = NULL;

    if (range_text != NULL)
      /* Translators: accessible name, e.g. "Magnets: dependency on non-members 49.3 %, range 34–52 %" */
      label = g_strdup_printf (_("%s: dependency on non-members %s, range %s"), stage_name,
                               gtk_label_get_label (GTK_LABEL (row->dependency)), range_text);
    else
      /* Translators: accessible name, e.g. "Separation: dependency on non-members 76.0 %" */
      label = g_strdup_printf (_("%s: dependency on non-members %s"), stage_name,
                               gtk_label_get_label (GTK_LABEL (row->dependency)));
    description = change != NULL
                  ? g_strdup_printf ("%s. %s", change, ls_explanation_get_summary (explained))
                  : g_strdup (ls_explanation_get_summary (explained));
    gtk_accessible_update_property (GTK_ACCESSIBLE (row->dependency_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
  }

  /* The need, four ways, and the unmet part next to the dependency. */
  row->has_need = ls_need_bar_init_from_result (&row->need, result, stage);
  row->has_ghost = row->has_need && has_changes (self) &&
                   ls_need_bar_init_from_result (&row->ghost, self->baseline, stage);
  need_explained = ls_explanation_new (result, self->ranges, last ? LS_EXPLAIN_USE : LS_EXPLAIN_NEED, stage, 0, 0);
  {
    double unmet_share = 0.0;
    gboolean has_unmet = ls_explanation_get_value (need_explained, &unmet_share);
    double unmet_tonnes = unmet_share * ls_explanation_get_total (need_explained);
    LsVerdict verdict = has_changes (self)
                        ? ls_explain_judge (result, self->baseline, stage, LS_EXPLAIN_FIGURE_UNMET, NULL, NULL)
                        : LS_VERDICT_NONE;
    gboolean show_unmet = has_unmet && (unmet_tonnes >= MIN_UNMET_TONNES || verdict != LS_VERDICT_NONE);
    g_autofree char *unmet_text = ls_format_percent (unmet_share, 1);

    gtk_label_set_label (GTK_LABEL (row->unmet_caption), last ? _("Unmet use") : _("Unmet need"));
    gtk_label_set_label (GTK_LABEL (row->unmet), unmet_text);
    set_verdict_class (row->unmet, unmet_tonnes >= MIN_UNMET_TONNES ? LS_VERDICT_WORSE : LS_VERDICT_NONE);
    show_change (self, row->unmet_change, stage, LS_EXPLAIN_FIGURE_UNMET);
    gtk_widget_set_visible (row->unmet_box, show_unmet);

    if (last)
      gtk_label_set_label (GTK_LABEL (row->need_label), ls_explanation_get_summary (need_explained));
    else if (row->has_need)
      {
        /* Whole percents: the line fits the panel; the figures in full
         * are in the headline and the explanation. */
        g_autofree char *members = format_share_decimals (row->need.part[LS_NEED_MEMBERS], 0);
        g_autofree char *china = format_share_decimals (row->need.part[LS_NEED_CHINA], 0);
        g_autofree char *other = format_share_decimals (row->need.part[LS_NEED_OTHER], 0);
        g_autofree char *unmet_part = format_share_decimals (row->need.part[LS_NEED_UNMET], 0);
        g_autofree char *caption = NULL;

        if (row->need.part[LS_NEED_UNMET] > 0.0)
          /* Translators: the bloc's need four ways, as the bar shows it */
          caption = g_strdup_printf (_("members %s · China %s · other %s · unmet %s"),
                                     members, china, other, unmet_part);
        else
          /* Translators: the bloc's need three ways, none of it unmet */
          caption = g_strdup_printf (_("members %s · China %s · other %s"), members, china, other);
        gtk_label_set_label (GTK_LABEL (row->need_label), caption);
      }
    else
      gtk_label_set_label (GTK_LABEL (row->need_label), ls_explanation_get_summary (need_explained));
  }
  gtk_widget_set_visible (row->bar, row->has_need);
  gtk_widget_set_visible (row->need_label, !compact);
  gtk_widget_set_visible (row->need_button,
                          row->has_need || gtk_widget_get_visible (row->unmet_box) || !compact);
  gtk_widget_set_tooltip_text (row->need_button, ls_explanation_get_summary (need_explained));
  {
    g_autofree char *change = ls_explain_change_text (result, self->baseline, stage, LS_EXPLAIN_FIGURE_UNMET);
    g_autofree char *description = change != NULL
                                   ? g_strdup_printf ("%s. %s", change, ls_explanation_get_summary (need_explained))
                                   : g_strdup (ls_explanation_get_summary (need_explained));

    gtk_accessible_update_property (GTK_ACCESSIBLE (row->need_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, ls_explanation_get_title (need_explained),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
    gtk_accessible_update_property (GTK_ACCESSIBLE (row->bar),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, ls_explanation_get_summary (need_explained),
                                    -1);
  }

  /* Evidence of the bloc's intake. */
  {
    g_autofree char *text = NULL;

    if (ls_explanation_get_evidence (explained, &row->evidence_split))
      text = ls_explain_format_evidence (&row->evidence_split);
    gtk_label_set_label (GTK_LABEL (row->evidence), text != NULL ? text : "");
    gtk_widget_set_visible (row->evidence_box, text != NULL && !compact);
    gtk_widget_set_tooltip_text (row->evidence_box, ls_explanation_get_evidence_text (explained));
  }

  /* The world's output and its concentration, secondary. */
  {
    g_autofree char *bloc = format_share (ls_result_get_bloc_share (result, stage));
    g_autofree char *china = format_share (ls_result_get_china_share (result, stage));
    g_autofree char *rest = format_share (ls_result_get_rest_share (result, stage));
    guint top[3];
    g_autofree char *top3 = format_share (ls_result_get_top3_share (result, stage, top));
    g_autofree char *hhi = ls_format_number (ls_result_get_hhi (result, stage), 0);
    g_autofree char *world = NULL;
    g_autofree char *tooltip = NULL;
    g_autoptr(GString) producers = g_string_new (NULL);

    /* Translators: shares of a stage's world output, then its concentration */
    world = g_strdup_printf (_("World output: bloc %s · China %s · rest %s · HHI %s · top 3 %s"),
                             bloc, china, rest, hhi, top3);
    gtk_label_set_label (GTK_LABEL (row->world), world);

    for (guint k = 0; k < 3; k++)
      if (top[k] != G_MAXUINT)
        {
          if (producers->len > 0)
            g_string_append (producers, _(", "));
          g_string_append (producers, ls_dataset_get_country_name (dataset, top[k]));
        }
    /* Translators: tooltip of the world output line: the two measures of concentration (issue 16, m10) */
    tooltip = g_strdup_printf (_("HHI, the Herfindahl–Hirschman index: the sum of the squares of every "
                                 "producer's share of world output, from near 0 (many small producers) "
                                 "to 10,000 (one producer). Top 3: the share of the three largest "
                                 "producers (%s). Click for the producers and their sources."),
                               producers->str);
    gtk_widget_set_tooltip_text (row->world_button, tooltip);
    {
      /* Translators: accessible name of the world output line, e.g. "Mining: world output, bloc 20.2 %, …" */
      g_autofree char *label = g_strdup_printf (_("%s: world output, bloc %s, China %s, rest of the world %s"),
                                                stage_name, bloc, china, rest);

      gtk_accessible_update_property (GTK_ACCESSIBLE (row->world_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                      -1);
    }
    gtk_widget_set_visible (row->world_button, !compact);
  }

  /* The small line over the years, once the series has arrived. */
  spark_text = series_text (self, stage);
  gtk_widget_set_visible (row->spark, spark_text != NULL && !compact && !last);
  if (spark_text != NULL)
    {
      /* Translators: accessible name of a small line chart, e.g.
       * "Magnets: dependency on non-members over the years: 2020: 71 %, 2024: 73 %" */
      g_autofree char *label = g_strdup_printf (_("%s: dependency on non-members over the years: %s"),
                                                stage_name, spark_text);

      gtk_accessible_update_property (GTK_ACCESSIBLE (row->spark),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      gtk_widget_set_tooltip_text (row->spark, label);
    }

  gtk_widget_queue_draw (row->bar);
  gtk_widget_queue_draw (row->spark);
  gtk_widget_queue_draw (row->evidence_bar);
}

static void
update (LsSharePanel *self)
{
  guint n_stages;
  guint n_members;
  gboolean ghosts = FALSE;

  if (self->result == NULL)
    return;

  n_stages = ls_result_get_n_stages (self->result);

  /* A row's button may hold the popover: take it back first. */
  if (self->rows->len != n_stages && gtk_widget_get_parent (GTK_WIDGET (self->popover)) != NULL)
    {
      gtk_popover_popdown (GTK_POPOVER (self->popover));
      gtk_widget_unparent (GTK_WIDGET (self->popover));
    }

  while (self->rows->len > n_stages)
    {
      StageRow *row = g_ptr_array_index (self->rows, self->rows->len - 1);

      gtk_box_remove (GTK_BOX (self->stages_box), row->box);
      g_ptr_array_remove_index (self->rows, self->rows->len - 1);
    }
  while (self->rows->len < n_stages)
    g_ptr_array_add (self->rows, stage_row_new (self, self->rows->len));

  for (guint s = 0; s < n_stages; s++)
    {
      StageRow *row = g_ptr_array_index (self->rows, s);

      update_row (self, row);
      ghosts |= row->has_ghost;
    }

  gtk_widget_set_visible (self->ghost_legend, ghosts && !is_compact (self));
  gtk_widget_set_visible (self->note_label, !is_compact (self));
  /* In presenter mode the slide's cards carry the legend and the caption. */
  gtk_widget_set_visible (self->legend_box, !is_compact (self));
  gtk_widget_set_visible (self->column_header, !is_compact (self));
  /* The slide's band already names the figures, the year and the bloc
   * ("2024, bloc of 17 countries: dependency on non-members, by stage"),
   * and a 720p slide has no height to spare for a heading or wide gaps:
   * the panel must stay whole (issue 16, M5). */
  gtk_widget_set_visible (self->title_label, !is_compact (self));
  gtk_widget_set_visible (self->bloc_label, !is_compact (self));
  gtk_box_set_spacing (GTK_BOX (self->stages_box), is_compact (self) ? 4 : 14);

  n_members = ls_result_get_n_members (self->result);
  if (n_members == 0)
    gtk_label_set_label (GTK_LABEL (self->bloc_label),
                         _("No bloc chosen: switch on an alliance or add countries in the sidebar."));
  else
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d, bloc of %u country",
                                      "%d, bloc of %u countries", n_members),
                         ls_result_get_year (self->result), n_members);

      gtk_label_set_label (GTK_LABEL (self->bloc_label), text);
    }

  if (gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    fill_popover (self);
}

/* The session ---------------------------------------------------------------- */

static void
session_result_changed (LsSharePanel *self)
{
  LsResult *result = ls_session_get_result (self->session);

  if (result == NULL)
    return;

  /* The ranges of the previous result no longer apply; the session
   * sends the new ones when they are computed. */
  g_clear_pointer (&self->ranges, ls_ranges_unref);
  ls_share_panel_set_results (self, result, ls_session_get_baseline (self->session));
}

static void
session_ranges_changed (LsSharePanel *self)
{
  ls_share_panel_set_ranges (self, ls_session_get_ranges (self->session));
}

/* GObject --------------------------------------------------------------------- */

static void
ls_share_panel_dispose (GObject *object)
{
  LsSharePanel *self = LS_SHARE_PANEL (object);
  GtkWidget *child;

  if (self->popover != NULL && gtk_widget_get_parent (GTK_WIDGET (self->popover)) != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->popover));
  g_clear_object (&self->popover);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);

  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_SHARE_PANEL);

  /* Children without an id are left to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ls_share_panel_parent_class)->dispose (object);
}

static void
ls_share_panel_finalize (GObject *object)
{
  LsSharePanel *self = LS_SHARE_PANEL (object);

  g_clear_pointer (&self->result, ls_result_unref);
  g_clear_pointer (&self->baseline, ls_result_unref);
  g_clear_pointer (&self->ranges, ls_ranges_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ls_share_panel_parent_class)->finalize (object);
}

static void
ls_share_panel_class_init (LsSharePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_share_panel_dispose;
  object_class->finalize = ls_share_panel_finalize;

  ls_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, LS_RESOURCE_PATH "/ui/ls-share-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LsSharePanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, LsSharePanel, bloc_label);
  gtk_widget_class_bind_template_child (widget_class, LsSharePanel, legend_box);
  gtk_widget_class_bind_template_child (widget_class, LsSharePanel, legend_label);
  gtk_widget_class_bind_template_child (widget_class, LsSharePanel, ghost_legend);
  gtk_widget_class_bind_template_child (widget_class, LsSharePanel, column_header);
  gtk_widget_class_bind_template_child (widget_class, LsSharePanel, stages_box);
  gtk_widget_class_bind_template_child (widget_class, LsSharePanel, note_label);

  gtk_widget_class_set_css_name (widget_class, "sharepanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ls_share_panel_init (LsSharePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new_with_free_func (stage_row_free);
  self->popover = g_object_ref_sink (LS_EXPLAIN_POPOVER (ls_explain_popover_new ()));
  ls_render_style_init (&self->style, FALSE);
  update_legend (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Shares by stage"),
                                  -1);
}

GtkWidget *
ls_share_panel_new (void)
{
  return g_object_new (LS_TYPE_SHARE_PANEL, NULL);
}

/**
 * ls_share_panel_set_session:
 * @self: a share panel
 * @session: (nullable): the document to show
 *
 * Follows @session: its result and baseline, its ranges and its series
 * of the dependency over the years, as they arrive. The window calls
 * this once; ls_share_panel_set_results() and ls_share_panel_set_ranges()
 * are for a panel without a session.
 */
void
ls_share_panel_set_session (LsSharePanel *self,
                            LsSession    *session)
{
  g_return_if_fail (LS_IS_SHARE_PANEL (self));
  g_return_if_fail (session == NULL || LS_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session == NULL)
    return;

  g_signal_connect_swapped (session, "notify::result", G_CALLBACK (session_result_changed), self);
  g_signal_connect_swapped (session, "notify::ranges", G_CALLBACK (session_ranges_changed), self);

  if (ls_session_get_result (session) != NULL)
    {
      g_clear_pointer (&self->ranges, ls_ranges_unref);
      if (ls_session_get_ranges (session) != NULL)
        self->ranges = ls_ranges_ref (ls_session_get_ranges (session));
      ls_share_panel_set_results (self, ls_session_get_result (session), ls_session_get_baseline (session));
    }
}

/**
 * ls_share_panel_set_results:
 * @self: a share panel
 * @result: the current result
 * @baseline: (nullable): the same bloc with no levers, for the changes
 *
 * Shows @result. The panel computes nothing: every figure comes from
 * @result and @baseline (and the ranges, once set).
 */
void
ls_share_panel_set_results (LsSharePanel *self,
                            LsResult     *result,
                            LsResult     *baseline)
{
  g_return_if_fail (LS_IS_SHARE_PANEL (self));
  g_return_if_fail (result != NULL);

  ls_result_ref (result);
  g_clear_pointer (&self->result, ls_result_unref);
  self->result = result;

  if (baseline != NULL)
    ls_result_ref (baseline);
  g_clear_pointer (&self->baseline, ls_result_unref);
  self->baseline = baseline;

  update (self);
}

/**
 * ls_share_panel_set_ranges:
 * @self: a share panel
 * @ranges: (nullable): the ranges of the result shown, or %NULL while
 *   they are computed
 *
 * Adds the ranges ("73.0 %" and "69–78 %") to the figures shown.
 */
void
ls_share_panel_set_ranges (LsSharePanel *self,
                           LsRanges     *ranges)
{
  g_return_if_fail (LS_IS_SHARE_PANEL (self));

  if (ranges == self->ranges)
    return;
  if (ranges != NULL)
    ls_ranges_ref (ranges);
  g_clear_pointer (&self->ranges, ls_ranges_unref);
  self->ranges = ranges;

  update (self);
}

/**
 * ls_share_panel_get_result:
 *
 * Returns: (transfer none) (nullable): the result shown
 */
LsResult *
ls_share_panel_get_result (LsSharePanel *self)
{
  g_return_val_if_fail (LS_IS_SHARE_PANEL (self), NULL);

  return self->result;
}

/**
 * ls_share_panel_set_render_style:
 *
 * The colours of the bars, the same as the map's and the Sankey's. A
 * @style with a font scale above 1 (presenter mode) makes the panel
 * compact: the headline figures and the bars only.
 */
void
ls_share_panel_set_render_style (LsSharePanel        *self,
                                 const LsRenderStyle *style)
{
  g_return_if_fail (LS_IS_SHARE_PANEL (self));
  g_return_if_fail (style != NULL);

  self->style = *style;
  update_legend (self);
  update (self);
}

/**
 * ls_share_panel_get_dependency:
 * @self: a share panel
 * @stage: a stage index
 * @dependency: (out) (optional): the dependency shown
 *
 * Returns: %FALSE when the panel shows no dependency for @stage
 */
gboolean
ls_share_panel_get_dependency (LsSharePanel *self,
                               guint         stage,
                               double       *dependency)
{
  StageRow *row;

  g_return_val_if_fail (LS_IS_SHARE_PANEL (self), FALSE);

  if (stage >= self->rows->len)
    return FALSE;

  row = g_ptr_array_index (self->rows, stage);
  if (dependency != NULL)
    *dependency = row->dependency_value;

  return row->has_dependency;
}

/**
 * ls_share_panel_get_dependency_text:
 *
 * Returns: (nullable): the dependency label of @stage as displayed
 */
const char *
ls_share_panel_get_dependency_text (LsSharePanel *self,
                                    guint         stage)
{
  g_return_val_if_fail (LS_IS_SHARE_PANEL (self), NULL);

  if (stage >= self->rows->len)
    return NULL;

  return gtk_label_get_label (GTK_LABEL (((StageRow *) g_ptr_array_index (self->rows, stage))->dependency));
}

/**
 * ls_share_panel_get_need_bar:
 * @bar: (out) (optional): the parts the bar of @stage draws
 * @ghost: (out) (optional): the parts its no-lever ghost draws
 *
 * Returns: %FALSE when the bar of @stage is not drawn
 */
gboolean
ls_share_panel_get_need_bar (LsSharePanel *self,
                             guint         stage,
                             LsNeedBar    *bar,
                             LsNeedBar    *ghost)
{
  StageRow *row;

  g_return_val_if_fail (LS_IS_SHARE_PANEL (self), FALSE);

  if (stage >= self->rows->len)
    return FALSE;

  row = g_ptr_array_index (self->rows, stage);
  if (bar != NULL)
    *bar = row->need;
  if (ghost != NULL)
    *ghost = row->has_ghost ? row->ghost : row->need;

  return row->has_need;
}

/**
 * ls_share_panel_get_change_label:
 * @figure: %LS_EXPLAIN_FIGURE_DEPENDENCY or %LS_EXPLAIN_FIGURE_UNMET
 *
 * Returns: (transfer none) (nullable): the label that shows the change of
 *   @figure at @stage, styled "better", "worse" or "neutral"
 */
GtkWidget *
ls_share_panel_get_change_label (LsSharePanel    *self,
                                 guint            stage,
                                 LsExplainFigure  figure)
{
  StageRow *row;

  g_return_val_if_fail (LS_IS_SHARE_PANEL (self), NULL);

  if (stage >= self->rows->len)
    return NULL;

  row = g_ptr_array_index (self->rows, stage);
  return figure == LS_EXPLAIN_FIGURE_UNMET ? row->unmet_change : row->change;
}

/**
 * ls_share_panel_get_figure_button:
 * @subject: %LS_EXPLAIN_DEPENDENCY, %LS_EXPLAIN_NEED (or
 *   %LS_EXPLAIN_USE at the last stage) or %LS_EXPLAIN_WORLD_OUTPUT
 *
 * Returns: (transfer none) (nullable): the button that explains @subject
 *   at @stage
 */
GtkWidget *
ls_share_panel_get_figure_button (LsSharePanel     *self,
                                  guint             stage,
                                  LsExplainSubject  subject)
{
  StageRow *row;

  g_return_val_if_fail (LS_IS_SHARE_PANEL (self), NULL);

  if (stage >= self->rows->len)
    return NULL;

  row = g_ptr_array_index (self->rows, stage);
  switch (subject)
    {
    case LS_EXPLAIN_DEPENDENCY:
      return row->dependency_button;
    case LS_EXPLAIN_NEED:
    case LS_EXPLAIN_USE:
      return row->need_button;
    case LS_EXPLAIN_WORLD_OUTPUT:
      return row->world_button;
    case LS_EXPLAIN_SUPPLIER:
    case LS_EXPLAIN_COUNTRY:
    case LS_EXPLAIN_FLOW:
    default:
      return NULL;
    }
}

/**
 * ls_share_panel_get_popover:
 *
 * Returns: (transfer none): the popover that explains a figure
 */
LsExplainPopover *
ls_share_panel_get_popover (LsSharePanel *self)
{
  g_return_val_if_fail (LS_IS_SHARE_PANEL (self), NULL);

  return self->popover;
}
