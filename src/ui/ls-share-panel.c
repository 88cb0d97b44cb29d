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

typedef struct
{
  LsSharePanel *panel;
  GtkWidget    *box;
  GtkWidget    *name;
  GtkWidget    *dependency;
  GtkWidget    *change;
  GtkWidget    *bar;
  GtkWidget    *shares;
  GtkWidget    *details;
  double        bloc;
  double        china;
  double        rest;
  gboolean      has_dependency;
  double        dependency_value;
  char         *dependency_text;
} StageRow;

struct _LsSharePanel
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget *bloc_label;
  GtkWidget *legend_bloc;
  GtkWidget *legend_china;
  GtkWidget *legend_rest;
  GtkWidget *stages_box;

  /* Owned */
  LsResult      *result;
  LsResult      *baseline;
  GPtrArray     *rows;
  LsRenderStyle  style;
};

G_DEFINE_FINAL_TYPE (LsSharePanel, ls_share_panel, GTK_TYPE_WIDGET)

static void
stage_row_free (gpointer data)
{
  StageRow *row = data;

  g_free (row->dependency_text);
  g_free (row);
}

static void
set_cairo_color (cairo_t       *cr,
                 const LsColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static void
draw_bar (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  StageRow *row = user_data;
  const LsRenderStyle *style = &row->panel->style;
  const LsColor *colors[3] = { &style->member, &style->china, &style->other };
  double values[3] = { row->bloc, row->china, row->rest };
  double x = 0.0;
  double radius = MIN (4.0, height / 2.0);

  /* A rounded track, then the three parts clipped to it. */
  cairo_new_sub_path (cr);
  cairo_arc (cr, width - radius, radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, width - radius, height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, radius, height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, radius, radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_clip_preserve (cr);
  set_cairo_color (cr, &style->grid);
  cairo_fill (cr);

  for (guint i = 0; i < 3; i++)
    {
      double w = CLAMP (values[i], 0.0, 1.0) * width;

      if (w <= 0.0)
        continue;
      set_cairo_color (cr, colors[i]);
      cairo_rectangle (cr, x, 0, w, height);
      cairo_fill (cr);
      x += w;
    }
}

static char *
format_percent (double fraction)
{
  return ls_format_percent (fraction, 1);
}

static const char *
supplier_name (LsDataset *dataset,
               guint      supplier)
{
  if (supplier >= ls_dataset_get_n_countries (dataset))
    return _("unknown origin");
  return ls_dataset_get_country_name (dataset, supplier);
}

static StageRow *
stage_row_new (LsSharePanel *self)
{
  StageRow *row = g_new0 (StageRow, 1);
  GtkWidget *header;

  row->panel = self;
  row->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  row->name = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->name), 0.0);
  gtk_widget_set_hexpand (row->name, TRUE);
  gtk_widget_add_css_class (row->name, "stage-name");
  gtk_box_append (GTK_BOX (header), row->name);

  row->dependency = gtk_label_new (NULL);
  gtk_widget_add_css_class (row->dependency, "dependency");
  gtk_widget_add_css_class (row->dependency, "numeric");
  gtk_box_append (GTK_BOX (header), row->dependency);

  row->change = gtk_label_new (NULL);
  gtk_widget_add_css_class (row->change, "change");
  gtk_widget_add_css_class (row->change, "numeric");
  gtk_box_append (GTK_BOX (header), row->change);

  gtk_box_append (GTK_BOX (row->box), header);

  row->bar = g_object_new (GTK_TYPE_DRAWING_AREA,
                           "accessible-role", GTK_ACCESSIBLE_ROLE_IMG,
                           "content-height", 12,
                           "hexpand", TRUE,
                           NULL);
  gtk_widget_add_css_class (row->bar, "share-bar");
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (row->bar), draw_bar, row, NULL);
  gtk_box_append (GTK_BOX (row->box), row->bar);

  row->shares = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->shares), 0.0);
  gtk_label_set_wrap (GTK_LABEL (row->shares), TRUE);
  gtk_widget_add_css_class (row->shares, "caption");
  gtk_widget_add_css_class (row->shares, "numeric");
  gtk_box_append (GTK_BOX (row->box), row->shares);

  row->details = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->details), 0.0);
  gtk_label_set_wrap (GTK_LABEL (row->details), TRUE);
  gtk_widget_add_css_class (row->details, "caption");
  gtk_widget_add_css_class (row->details, "dim-label");
  gtk_box_append (GTK_BOX (row->box), row->details);

  gtk_box_append (GTK_BOX (self->stages_box), row->box);

  return row;
}

static void
update_legend (LsSharePanel *self)
{
  const LsColor *colors[3] = { &self->style.member, &self->style.china, &self->style.other };
  GtkWidget *labels[3] = { self->legend_bloc, self->legend_china, self->legend_rest };
  const char *names[3] = { _("Bloc"), _("China"), _("Rest of world") };

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *markup = NULL;
      g_autofree char *escaped = g_markup_escape_text (names[i], -1);

      markup = g_strdup_printf ("<span foreground=\"#%02x%02x%02x\">■</span> %s",
                                (guint) (colors[i]->red * 255.0 + 0.5),
                                (guint) (colors[i]->green * 255.0 + 0.5),
                                (guint) (colors[i]->blue * 255.0 + 0.5),
                                escaped);
      gtk_label_set_markup (GTK_LABEL (labels[i]), markup);
    }
}

static void
update_row (LsSharePanel *self,
            StageRow     *row,
            guint         stage)
{
  LsResult *result = self->result;
  LsDataset *dataset = ls_result_get_dataset (result);
  const char *stage_name = ls_dataset_get_stage_name (dataset, stage);
  g_autofree char *bloc = format_percent (ls_result_get_bloc_share (result, stage));
  g_autofree char *china = format_percent (ls_result_get_china_share (result, stage));
  g_autofree char *rest = format_percent (ls_result_get_rest_share (result, stage));
  g_autofree char *top3 = format_percent (ls_result_get_top3_share (result, stage, NULL));
  g_autofree char *hhi = ls_format_number (ls_result_get_hhi (result, stage), 0);
  g_autofree char *shares = NULL;
  g_autofree char *details = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *change = NULL;
  double shortfall = ls_result_get_stage_shortfall (result, stage);
  double dependency = 0.0;

  row->bloc = ls_result_get_bloc_share (result, stage);
  row->china = ls_result_get_china_share (result, stage);
  row->rest = ls_result_get_rest_share (result, stage);

  gtk_label_set_label (GTK_LABEL (row->name), stage_name);

  g_clear_pointer (&row->dependency_text, g_free);
  row->has_dependency = ls_result_get_dependency (result, stage, &dependency);
  row->dependency_value = row->has_dependency ? dependency : 0.0;

  gtk_widget_remove_css_class (row->change, "rise");
  gtk_widget_remove_css_class (row->change, "fall");

  if (row->has_dependency)
    {
      double base = 0.0;
      double share;
      guint supplier;

      row->dependency_text = format_percent (dependency);
      /* With no levers the baseline is the result itself: no change to show. */
      if (self->baseline != NULL && self->baseline != result &&
          ls_result_get_dependency (self->baseline, stage, &base))
        {
          change = ls_format_change (dependency - base);
          if (ls_format_get_change (dependency - base) == LS_CHANGE_RISE)
            gtk_widget_add_css_class (row->change, "rise");
          else if (ls_format_get_change (dependency - base) == LS_CHANGE_FALL)
            gtk_widget_add_css_class (row->change, "fall");
        }

      supplier = ls_result_get_top_supplier (result, stage, &share);
      if (supplier != G_MAXUINT)
        {
          g_autofree char *share_text = format_percent (share);
          g_autofree char *tooltip =
            /* Translators: e.g. "Largest supplier outside the bloc: China (69.2 %)" */
            g_strdup_printf (_("Largest supplier outside the bloc: %s (%s)"),
                             supplier_name (dataset, supplier), share_text);

          gtk_widget_set_tooltip_text (row->dependency, tooltip);
        }
      else
        gtk_widget_set_tooltip_text (row->dependency, NULL);
    }
  else
    {
      /* Translators: no figure (no bloc, or the bloc takes in nothing) */
      row->dependency_text = g_strdup (_("—"));
      gtk_widget_set_tooltip_text (row->dependency, _("The bloc takes in none of this stage's product"));
    }

  gtk_label_set_label (GTK_LABEL (row->dependency), row->dependency_text);
  gtk_label_set_label (GTK_LABEL (row->change), change != NULL ? change : "");
  gtk_widget_set_visible (row->change, change != NULL);

  /* Translators: shares of a stage's world output */
  shares = g_strdup_printf (_("Bloc %s · China %s · Rest %s"), bloc, china, rest);
  gtk_label_set_label (GTK_LABEL (row->shares), shares);

  if (shortfall > 0.5)
    {
      g_autofree char *tonnes = ls_format_tonnes (shortfall, NULL);

      /* Translators: HHI is the Herfindahl–Hirschman concentration index; then the
       * share of the three largest producers, then the shortfall, e.g. "1,200 t" */
      details = g_strdup_printf (_("HHI %s · top 3 %s · shortfall %s"), hhi, top3, tonnes);
    }
  else
    /* Translators: HHI is the Herfindahl–Hirschman concentration index */
    details = g_strdup_printf (_("HHI %s · top 3 %s · no shortfall"), hhi, top3);
  gtk_label_set_label (GTK_LABEL (row->details), details);
  gtk_widget_set_visible (row->details, TRUE);
  if (shortfall > 0.5)
    gtk_widget_add_css_class (row->details, "warning");
  else
    gtk_widget_remove_css_class (row->details, "warning");

  /* Translators: accessible description of a stacked bar */
  accessible = g_strdup_printf (_("%s: bloc %s, China %s, rest of world %s of world output"),
                                stage_name, bloc, china, rest);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  {
    g_autofree char *dependency_label =
      /* Translators: accessible label, e.g. "Separation: bloc's dependency on non-members 88.6 %" */
      g_strdup_printf (_("%s: bloc's dependency on non-members %s"), stage_name, row->dependency_text);

    gtk_accessible_update_property (GTK_ACCESSIBLE (row->dependency),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, dependency_label,
                                    -1);
  }

  gtk_widget_queue_draw (row->bar);
}

static void
update (LsSharePanel *self)
{
  guint n_stages;
  guint n_members;

  if (self->result == NULL)
    return;

  n_stages = ls_result_get_n_stages (self->result);

  while (self->rows->len > n_stages)
    {
      StageRow *row = g_ptr_array_index (self->rows, self->rows->len - 1);

      gtk_box_remove (GTK_BOX (self->stages_box), row->box);
      g_ptr_array_remove_index (self->rows, self->rows->len - 1);
    }
  while (self->rows->len < n_stages)
    g_ptr_array_add (self->rows, stage_row_new (self));

  for (guint s = 0; s < n_stages; s++)
    update_row (self, g_ptr_array_index (self->rows, s), s);

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
}

static void
ls_share_panel_dispose (GObject *object)
{
  LsSharePanel *self = LS_SHARE_PANEL (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_SHARE_PANEL);

  /* The legend box has no id, so the template leaves it to us. */
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
  gtk_widget_class_bind_template_child (widget_class, LsSharePanel, bloc_label);
  gtk_widget_class_bind_template_child (widget_class, LsSharePanel, legend_bloc);
  gtk_widget_class_bind_template_child (widget_class, LsSharePanel, legend_china);
  gtk_widget_class_bind_template_child (widget_class, LsSharePanel, legend_rest);
  gtk_widget_class_bind_template_child (widget_class, LsSharePanel, stages_box);

  gtk_widget_class_set_css_name (widget_class, "sharepanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ls_share_panel_init (LsSharePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new_with_free_func (stage_row_free);
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
 * ls_share_panel_set_results:
 * @self: a share panel
 * @result: the current result
 * @baseline: (nullable): the same bloc with no levers, for the changes
 *
 * Shows @result. The panel computes nothing: every figure comes from
 * @result and @baseline.
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

void
ls_share_panel_set_render_style (LsSharePanel        *self,
                                 const LsRenderStyle *style)
{
  g_return_if_fail (LS_IS_SHARE_PANEL (self));
  g_return_if_fail (style != NULL);

  self->style = *style;
  update_legend (self);
  for (guint i = 0; i < self->rows->len; i++)
    gtk_widget_queue_draw (((StageRow *) g_ptr_array_index (self->rows, i))->bar);
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
