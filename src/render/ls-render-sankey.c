/* ls-render-sankey.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-render-sankey"

#include "config.h"

#include "ls-render-sankey.h"

#include "ls-format.h"
#include "ls-sankey-graph.h"
#include "ls-sankey-layout.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

/*
 * The figure scale. Every node and band is drawn in tonnes of oxide as
 * they physically move, so in = out at every node:
 *
 *  - mining output and mining flows are t REO (all rare-earth oxides);
 *  - a separator's input is output / Y t REO (Y = the separation yield,
 *    the magnet-element share of mined REO, about 0.2). Its bar is that
 *    input volume: output t magnet-REO leave for the next column and
 *    output × (1 − Y) / Y t of cerium, lanthanum and the rest branch off to
 *    "Other uses";
 *  - from there on everything is t magnet-REO, a part of the same oxide
 *    tonnes, so the later columns are honestly about a fifth as tall.
 *
 * In general a column's bars are the stage's input equivalent, output / Y;
 * labels and tooltips give the output in the stage's own unit.
 */

/* A crowded column may move a thin node's label this many label heights
 * up or down to find room. */
#define LABEL_MAX_SHIFT 0.8
#define LABEL_PAD 5.0
#define HATCH_SPACING 7.0
#define MIN_NODE_HEIGHT 1.5

typedef struct
{
  char    *text;
  LsColor  color;
  int      swatch;          /* SWATCH_FILL or SWATCH_HATCH */
} LegendItem;

enum
{
  SWATCH_FILL,
  SWATCH_HATCH,
};

/* How text is measured and drawn: one Pango context per figure, so the
 * label boxes computed at build time are those drawn. */
typedef struct
{
  PangoContext *pango;
  char         *font_family;
} TextSetup;

struct _LsSankeyFigure
{
  gatomicrefcount  ref_count;

  /* Owned */
  LsResult        *result;
  GArray          *nodes;       /* LsSankeyNode */
  GArray          *links;       /* LsSankeyLink */
  GArray          *labels;      /* LsSankeyLabel */
  GArray          *legend;      /* LegendItem */
  char           **order;
  char           **column_names;
  char           **column_units;
  double          *column_x;    /* centre of each column's nodes */
  double          *mix;         /* n_nodes × n_mix origin shares */
  LsColor         *mix_colors;  /* n_mix */
  char            *sources;
  TextSetup        text;

  double           width;
  double           height;
  double           scale;
  double           font_px;
  double           header_y;
  double           legend_y;
  double           footer_y;
  double           plot_top;
  double           plot_bottom;
  guint            n_columns;
  guint            n_mix;
  LsColorBy        color_by;
  double           other_threshold;
};

G_DEFINE_BOXED_TYPE (LsSankeyFigure, ls_sankey_figure, ls_sankey_figure_ref, ls_sankey_figure_unref)

static void
clear_node (gpointer data)
{
  LsSankeyNode *node = data;

  g_free (node->id);
  g_free (node->name);
  g_free (node->country_id);
  g_free (node->source_id);
  g_free (node->source_title);
}

static void
clear_label (gpointer data)
{
  LsSankeyLabel *label = data;

  g_free (label->text);
  g_free (label->value_text);
}

static void
clear_legend_item (gpointer data)
{
  LegendItem *item = data;

  g_free (item->text);
}

static LsSankeyFigure *
figure_alloc (void)
{
  LsSankeyFigure *self = g_new0 (LsSankeyFigure, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->nodes = g_array_new (FALSE, TRUE, sizeof (LsSankeyNode));
  g_array_set_clear_func (self->nodes, clear_node);
  self->links = g_array_new (FALSE, TRUE, sizeof (LsSankeyLink));
  self->labels = g_array_new (FALSE, TRUE, sizeof (LsSankeyLabel));
  g_array_set_clear_func (self->labels, clear_label);
  self->legend = g_array_new (FALSE, TRUE, sizeof (LegendItem));
  g_array_set_clear_func (self->legend, clear_legend_item);

  return self;
}

LsSankeyFigure *
ls_sankey_figure_ref (LsSankeyFigure *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
ls_sankey_figure_unref (LsSankeyFigure *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->result, ls_result_unref);
  g_array_unref (self->nodes);
  g_array_unref (self->links);
  g_array_unref (self->labels);
  g_array_unref (self->legend);
  g_strfreev (self->order);
  g_strfreev (self->column_names);
  g_strfreev (self->column_units);
  g_free (self->column_x);
  g_free (self->mix);
  g_free (self->mix_colors);
  g_free (self->sources);
  g_free (self->text.font_family);
  g_clear_object (&self->text.pango);
  g_free (self);
}

/* Text */

static PangoContext *
create_pango_context (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics, so labels measure the same on screen, PNG, SVG and
   * PDF, and the overlap checks made here hold on every surface. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 96);
  cairo_font_options_destroy (options);

  return context;
}

static PangoLayout *
create_layout (const TextSetup      *setup,
               const char           *text,
               double                px,
               PangoWeight           weight)
{
  PangoLayout *layout = pango_layout_new (setup->pango);
  PangoFontDescription *desc;

  desc = pango_font_description_from_string (setup->font_family != NULL ? setup->font_family
                                                                       : "Cantarell, Noto Sans, sans-serif");
  pango_font_description_set_absolute_size (desc, px * PANGO_SCALE);
  pango_font_description_set_weight (desc, weight);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (desc);

  return layout;
}

static void
measure_text (const TextSetup      *setup,
              const char           *text,
              double                px,
              PangoWeight           weight,
              double               *width,
              double               *height)
{
  g_autoptr(PangoLayout) layout = create_layout (setup, text, px, weight);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double)logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double)logical.height / PANGO_SCALE;
}

static void
set_color (cairo_t       *cr,
           const LsColor *color,
           double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
show_text (const TextSetup      *setup,
           cairo_t              *cr,
           const char           *text,
           double                px,
           PangoWeight           weight,
           double                x,
           double                y,
           const LsColor        *color,
           double                alpha)
{
  g_autoptr(PangoLayout) layout = create_layout (setup, text, px, weight);

  cairo_move_to (cr, x, y);
  set_color (cr, color, alpha);
  pango_cairo_show_layout (cr, layout);
}

static char *
format_tonnes (double t)
{
  return ls_format_tonnes_compact (t);
}

static char *
format_share (double share)
{
  return ls_format_percent (share, 1);
}

static char *
format_node_value (const LsSankeyNode  *node,
                   const LsRenderStyle *style)
{
  if (style->label_mode == LS_LABEL_PERCENT)
    return format_share (node->share);
  return format_tonnes (node->tonnes);
}

/* "USGS Mineral Commodity Summaries 2025: Rare Earths" → the part before
 * the first colon or comma, which is the publisher and the publication. */
static char *
short_source_title (const char *title)
{
  gsize n = strcspn (title, ":,");

  return g_strstrip (g_strndup (title, n));
}

/* Building: nodes and links */

typedef struct
{
  LsSankeyFigure *self;
  LsDataset      *dataset;
  LsResult       *result;
  guint           n_stages;
  guint           n_countries;
  int            *node_of;      /* n_stages × n_countries, or -1 */
  int            *other;        /* per stage */
  int            *unknown;
  int            *unallocated;
  int            *other_uses;
  int            *shortfall;
  GHashTable     *link_index;   /* (source << 32 | target) → index + 1 */
} Builder;

static guint
add_node (Builder          *b,
          LsSankeyNodeKind  kind,
          guint             stage,
          int               country,
          const char       *suffix,
          const char       *name)
{
  LsSankeyNode node = { 0 };
  const char *stage_id = ls_dataset_get_stage_id (b->dataset, stage);

  node.kind = kind;
  node.stage = stage;
  node.country = country;
  node.alpha = 1;
  if (country >= 0)
    {
      node.country_id = g_strdup (ls_dataset_get_country_id (b->dataset, country));
      node.id = g_strdup_printf ("%s/%s", stage_id, node.country_id);
      node.name = g_strdup (ls_dataset_get_country_name (b->dataset, country));
    }
  else
    {
      node.id = g_strdup_printf ("%s/%s", stage_id, suffix);
      node.name = g_strdup (name);
    }
  g_array_append_val (b->self->nodes, node);

  return b->self->nodes->len - 1;
}

static void
add_link (Builder *b,
          int      source,
          int      target,
          double   value,
          double   estimated)
{
  guint64 key;
  gpointer found;

  if (source < 0 || target < 0 || !(value > 0))
    return;

  key = (guint64)source << 32 | (guint64)target;
  found = g_hash_table_lookup (b->link_index, &key);
  if (found != NULL)
    {
      LsSankeyLink *link = &g_array_index (b->self->links, LsSankeyLink, GPOINTER_TO_UINT (found) - 1);

      link->value += value;
      link->estimated += estimated;
    }
  else
    {
      LsSankeyLink link = { 0 };
      guint64 *k = g_new (guint64, 1);

      link.source = source;
      link.target = target;
      link.value = value;
      link.estimated = estimated;
      link.alpha = 1;
      g_array_append_val (b->self->links, link);
      *k = key;
      g_hash_table_insert (b->link_index, k, GUINT_TO_POINTER (b->self->links->len));
    }
}

static double
stage_yield (Builder *b,
             guint    stage)
{
  double y = ls_dataset_get_stage_yield (b->dataset, stage);

  /* The first stage has no input: its yield is not used (DESIGN.md). */
  if (stage == 0 || !(y > 0) || y > 1)
    return 1;
  return y;
}

static void
fill_country_node (Builder      *b,
                   LsSankeyNode *node,
                   guint         stage,
                   guint         country)
{
  int year = ls_result_get_year (b->result);
  const LsFigure *figure = ls_dataset_get_production_figure (b->dataset, year, stage, country);

  node->tonnes = ls_result_get_production (b->result, stage, country);
  node->share = ls_result_get_share (b->result, stage, country);
  if (figure != NULL)
    {
      node->estimated = figure->estimated;
      if (figure->source != NULL)
        {
          int source = ls_dataset_lookup_source (b->dataset, figure->source);

          node->source_id = g_strdup (figure->source);
          if (source >= 0)
            node->source_title = g_strdup (ls_dataset_get_source_title (b->dataset, source));
        }
    }
}

static void
build_nodes (Builder             *b,
             const LsRenderStyle *style)
{
  guint S = b->n_stages, N = b->n_countries;
  g_autofree double *other_estimated = g_new0 (double, S);

  for (guint s = 0; s < S; s++)
    {
      double total = ls_result_get_stage_total (b->result, s);

      b->other[s] = b->unknown[s] = b->unallocated[s] = -1;
      b->other_uses[s] = b->shortfall[s] = -1;

      for (guint c = 0; c < N; c++)
        {
          double p = ls_result_get_production (b->result, s, c);
          gboolean has_flow = FALSE;
          double share = total > 0 ? p / total : 0;

          b->node_of[s * N + c] = -1;

          for (guint k = 0; k <= N && !has_flow; k++)
            {
              if (s > 0 && ls_result_get_flow (b->result, s - 1, k, c) > 0)
                has_flow = TRUE;
              if (s + 1 < S && k < N && ls_result_get_flow (b->result, s, c, k) > 0)
                has_flow = TRUE;
            }

          if (!(p > 0) && !has_flow)
            continue;

          if (share < style->other_threshold)
            {
              LsSankeyNode *other;
              const LsFigure *figure;

              if (b->other[s] < 0)
                b->other[s] = add_node (b, LS_SANKEY_NODE_OTHER, s, -1, "other", _("Other"));
              other = &g_array_index (b->self->nodes, LsSankeyNode, b->other[s]);
              other->tonnes += p;
              other->share += share;
              figure = ls_dataset_get_production_figure (b->dataset, ls_result_get_year (b->result), s, c);
              if (figure != NULL && figure->estimated)
                other_estimated[s] += p;
              b->node_of[s * N + c] = b->other[s];
            }
          else
            {
              guint n = add_node (b, LS_SANKEY_NODE_COUNTRY, s, c, NULL, NULL);

              fill_country_node (b, &g_array_index (b->self->nodes, LsSankeyNode, n), s, c);
              b->node_of[s * N + c] = n;
            }
        }

      if (b->other[s] >= 0)
        {
          LsSankeyNode *other = &g_array_index (b->self->nodes, LsSankeyNode, b->other[s]);

          other->estimated = other_estimated[s] > other->tonnes / 2;
        }
    }

  /* The pseudo-nodes come after the countries so that, all else equal,
   * the layout puts them at the bottom of their columns. */
  for (guint s = 0; s < S; s++)
    {
      double total = ls_result_get_stage_total (b->result, s);
      double eps = 1e-6 * MAX (total, 1);
      double y = stage_yield (b, s);

      if (s + 1 < S && ls_result_get_unknown_supply (b->result, s) > eps)
        {
          LsSankeyNode *node;

          b->unknown[s] = add_node (b, LS_SANKEY_NODE_UNKNOWN, s, -1, "unknown", _("Unknown origin"));
          node = &g_array_index (b->self->nodes, LsSankeyNode, b->unknown[s]);
          node->tonnes = ls_result_get_unknown_supply (b->result, s);
          node->share = total > 0 ? node->tonnes / total : 0;
          node->estimated = TRUE;
        }

      if (s + 1 < S && ls_result_get_unallocated (b->result, s) > eps)
        {
          LsSankeyNode *node;

          b->unallocated[s] = add_node (b, LS_SANKEY_NODE_UNALLOCATED, s + 1, -1,
                                        "unallocated", _("Unallocated"));
          node = &g_array_index (b->self->nodes, LsSankeyNode, b->unallocated[s]);
          /* The id names the stage whose output it is, not the column. */
          g_free (node->id);
          node->id = g_strdup_printf ("%s/unallocated", ls_dataset_get_stage_id (b->dataset, s));
          node->stage = s + 1;
          node->tonnes = ls_result_get_unallocated (b->result, s);
          node->share = total > 0 ? node->tonnes / total : 0;
          node->estimated = TRUE;
        }

      if (s > 0 && s + 1 < S && y < 1 && total > eps)
        {
          LsSankeyNode *node;
          const LsFigure *figure = ls_dataset_get_stage_yield_figure (b->dataset, s);

          b->other_uses[s] = add_node (b, LS_SANKEY_NODE_OTHER_USES, s + 1, -1,
                                       "other-uses", _("Other uses"));
          node = &g_array_index (b->self->nodes, LsSankeyNode, b->other_uses[s]);
          g_free (node->id);
          node->id = g_strdup_printf ("%s/other-uses", ls_dataset_get_stage_id (b->dataset, s));
          /* t of the stage's input (t REO for separation) */
          node->tonnes = total * (1 - y) / y;
          node->share = 1 - y;
          node->estimated = figure != NULL && figure->estimated;
          if (figure != NULL && figure->source != NULL)
            {
              int source = ls_dataset_lookup_source (b->dataset, figure->source);

              node->source_id = g_strdup (figure->source);
              if (source >= 0)
                node->source_title = g_strdup (ls_dataset_get_source_title (b->dataset, source));
            }
        }

      if (ls_result_get_stage_shortfall (b->result, s) > eps)
        {
          LsSankeyNode *node;

          b->shortfall[s] = add_node (b, LS_SANKEY_NODE_SHORTFALL, s, -1, "shortfall", _("Shortfall"));
          node = &g_array_index (b->self->nodes, LsSankeyNode, b->shortfall[s]);
          node->tonnes = ls_result_get_stage_shortfall (b->result, s);
          node->share = total + node->tonnes > 0 ? node->tonnes / (total + node->tonnes) : 0;
          node->value = node->tonnes / y;
          node->estimated = FALSE;
        }
    }
}

static void
build_links (Builder *b)
{
  guint S = b->n_stages, N = b->n_countries;

  for (guint s = 0; s + 1 < S; s++)
    {
      double y = stage_yield (b, s);

      for (guint i = 0; i <= N; i++)
        {
          int source = i == N ? b->unknown[s] : b->node_of[s * N + i];

          if (source < 0)
            continue;

          for (guint j = 0; j < N; j++)
            {
              double f = ls_result_get_flow (b->result, s, i, j);

              if (f > 0)
                add_link (b, source, b->node_of[(s + 1) * N + j], f,
                          MIN (f, ls_result_get_flow_estimated (b->result, s, i, j)));
            }

          if (i == N)
            continue;

          add_link (b, source, b->unallocated[s],
                    ls_result_get_country_unallocated (b->result, s, i), 0);

          if (b->other_uses[s] >= 0)
            {
              double p = ls_result_get_production (b->result, s, i);
              double v = p * (1 - y) / y;
              const LsSankeyNode *sink = &g_array_index (b->self->nodes, LsSankeyNode, b->other_uses[s]);

              add_link (b, source, b->other_uses[s], v, sink->estimated ? v : 0);
            }
        }
    }
}

/* Node values at the figure scale and the estimated flag of pure sinks. */
static void
finish_nodes (LsSankeyFigure *self)
{
  g_autofree double *in = g_new0 (double, self->nodes->len);
  g_autofree double *out = g_new0 (double, self->nodes->len);

  for (guint l = 0; l < self->links->len; l++)
    {
      const LsSankeyLink *link = &g_array_index (self->links, LsSankeyLink, l);

      out[link->source] += link->value;
      in[link->target] += link->value;
    }

  for (guint n = 0; n < self->nodes->len; n++)
    {
      LsSankeyNode *node = &g_array_index (self->nodes, LsSankeyNode, n);

      node->value = MAX (node->value, MAX (in[n], out[n]));
    }
}

/* Origin mixes (colour by traced origin at mining): each of the largest
 * mining countries gets a hue, the rest one "other" slot, unknown the last. */
static void
build_mix (Builder             *b,
           const LsRenderStyle *style)
{
  LsSankeyFigure *self = b->self;
  guint N = b->n_countries;
  guint n_nodes = self->nodes->len;
  g_autofree int *slot_of = g_new (int, N + 1);
  g_autofree guint *sorted = g_new (guint, N);
  guint n_hues = 0, n_sorted = 0;

  for (guint c = 0; c < N; c++)
    if (ls_result_get_production (b->result, 0, c) > 0)
      sorted[n_sorted++] = c;

  /* insertion sort, largest first: a handful of mining countries */
  for (guint i = 1; i < n_sorted; i++)
    for (guint j = i; j > 0 && ls_result_get_production (b->result, 0, sorted[j]) >
                                 ls_result_get_production (b->result, 0, sorted[j - 1]); j--)
      {
        guint t = sorted[j];
        sorted[j] = sorted[j - 1];
        sorted[j - 1] = t;
      }

  for (guint c = 0; c <= N; c++)
    slot_of[c] = -1;
  for (guint i = 0; i < n_sorted && n_hues < 10; i++)
    if (ls_result_get_share (b->result, 0, sorted[i]) >= style->other_threshold)
      slot_of[sorted[i]] = n_hues++;

  self->n_mix = n_hues + 2;
  self->mix_colors = g_new (LsColor, self->n_mix);
  for (guint i = 0; i < n_hues; i++)
    ls_color_for_origin (i, style->dark, &self->mix_colors[i]);
  self->mix_colors[n_hues] = style->other;
  self->mix_colors[n_hues + 1] = style->unknown;
  for (guint c = 0; c < N; c++)
    if (slot_of[c] < 0)
      slot_of[c] = n_hues;
  slot_of[N] = n_hues + 1;

  self->mix = g_new0 (double, (gsize)n_nodes * self->n_mix);

  /* Country and "Other" nodes from the traced origins; weights are
   * tonnes, so a merged node gets the tonnes-weighted mix. */
  for (guint s = 0; s < b->n_stages; s++)
    for (guint c = 0; c < N; c++)
      {
        int n = b->node_of[s * N + c];
        double p = ls_result_get_production (b->result, s, c);

        if (n < 0 || !(p > 0))
          continue;

        for (guint o = 0; o <= N; o++)
          {
            double share = s == 0 ? (o == c ? 1 : 0)
                                  : ls_result_get_country_origin (b->result, s, c, 0, o);

            self->mix[(gsize)n * self->n_mix + slot_of[o]] += share * p;
          }
      }

  for (guint s = 0; s < b->n_stages; s++)
    if (b->unknown[s] >= 0)
      self->mix[(gsize)b->unknown[s] * self->n_mix + n_hues + 1] = 1;

  /* Sinks take the mix of what flows in, in column order. */
  for (guint c = 0; c < self->n_columns; c++)
    for (guint l = 0; l < self->links->len; l++)
      {
        const LsSankeyLink *link = &g_array_index (self->links, LsSankeyLink, l);
        const LsSankeyNode *target = &g_array_index (self->nodes, LsSankeyNode, link->target);
        double *from = &self->mix[(gsize)link->source * self->n_mix];
        double *to = &self->mix[(gsize)link->target * self->n_mix];
        double sum = 0;

        if (target->stage != c ||
            (target->kind != LS_SANKEY_NODE_UNALLOCATED && target->kind != LS_SANKEY_NODE_OTHER_USES))
          continue;

        for (guint k = 0; k < self->n_mix; k++)
          sum += from[k];
        for (guint k = 0; k < self->n_mix && sum > 0; k++)
          to[k] += from[k] / sum * link->value;
      }

  for (guint n = 0; n < n_nodes; n++)
    {
      double *mix = &self->mix[(gsize)n * self->n_mix];
      double sum = 0;

      for (guint k = 0; k < self->n_mix; k++)
        sum += mix[k];
      for (guint k = 0; k < self->n_mix; k++)
        mix[k] = sum > 0 ? mix[k] / sum : 0;
      if (sum <= 0)
        mix[n_hues] = 1;
    }

  if (style->color_by != LS_COLOR_BY_ORIGIN)
    return;

  /* Legend: the hues in use. */
  for (guint i = 0; i < n_sorted; i++)
    if (slot_of[sorted[i]] < (int)n_hues)
      {
        LegendItem item = { 0 };

        item.text = g_strdup (ls_dataset_get_country_name (b->dataset, sorted[i]));
        item.color = self->mix_colors[slot_of[sorted[i]]];
        g_array_append_val (self->legend, item);
      }
  {
    LegendItem item = { g_strdup (_("Other origins")), style->other, SWATCH_FILL };
    g_array_append_val (self->legend, item);
  }
}

static void
add_legend_item (LsSankeyFigure *self,
                 const char     *text,
                 const LsColor  *color,
                 int             swatch)
{
  LegendItem item = { g_strdup (text), *color, swatch };

  g_array_append_val (self->legend, item);
}

static void
build_legend (Builder             *b,
              const LsRenderStyle *style)
{
  LsSankeyFigure *self = b->self;
  gboolean has[LS_SANKEY_NODE_OTHER_USES + 1] = { FALSE, };
  gboolean any_estimated = FALSE;

  for (guint n = 0; n < self->nodes->len; n++)
    has[g_array_index (self->nodes, LsSankeyNode, n).kind] = TRUE;
  for (guint l = 0; l < self->links->len; l++)
    {
      const LsSankeyLink *link = &g_array_index (self->links, LsSankeyLink, l);

      if (link->estimated > link->value / 2)
        any_estimated = TRUE;
    }

  if (style->color_by == LS_COLOR_BY_MEMBERSHIP)
    {
      if (ls_result_get_n_members (b->result) > 0)
        add_legend_item (self, _("Bloc member"), &style->member, SWATCH_FILL);
      if (ls_dataset_get_china (b->dataset) >= 0)
        add_legend_item (self, _("China"), &style->china, SWATCH_FILL);
      add_legend_item (self, _("Others"), &style->other, SWATCH_FILL);
    }

  if (has[LS_SANKEY_NODE_UNKNOWN])
    add_legend_item (self, _("Unknown origin"), &style->unknown, SWATCH_FILL);
  /* By origin, sinks take the mix of what flows in: no swatch of their own. */
  if (has[LS_SANKEY_NODE_UNALLOCATED] && style->color_by == LS_COLOR_BY_MEMBERSHIP)
    add_legend_item (self, _("Unallocated"), &style->unallocated, SWATCH_FILL);
  if (has[LS_SANKEY_NODE_SHORTFALL])
    add_legend_item (self, _("Shortfall"), &style->shortfall, SWATCH_HATCH);
  if (has[LS_SANKEY_NODE_OTHER_USES] && style->color_by == LS_COLOR_BY_MEMBERSHIP)
    add_legend_item (self, _("Other uses (Ce, La, …)"), &style->other_uses, SWATCH_FILL);
  if (any_estimated)
    add_legend_item (self, _("Estimated flow"), &style->dim_foreground, SWATCH_HATCH);
}

typedef struct
{
  const char *title;
  guint       count;
} SourceCount;

static int
compare_source_counts (gconstpointer a,
                       gconstpointer b)
{
  const SourceCount *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_strcmp0 (x->title, y->title);
}

static void
count_source (GHashTable *counts,
              LsDataset  *dataset,
              const char *id)
{
  int source;
  char *title;

  if (id == NULL || (source = ls_dataset_lookup_source (dataset, id)) < 0)
    return;

  title = short_source_title (ls_dataset_get_source_title (dataset, source));
  g_hash_table_insert (counts, title,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, title)) + 1));
}

/* "Sources: USGS Mineral Commodity Summaries 2025, IEA, …": the sources
 * of the figures drawn, most cited first. */
static void
build_sources (Builder *b)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (SourceCount));
  g_autoptr(GString) text = g_string_new (_("Sources: "));
  int year = ls_result_get_year (b->result);
  GHashTableIter iter;
  gpointer key, value;

  for (guint s = 0; s < b->n_stages; s++)
    {
      for (guint c = 0; c < b->n_countries; c++)
        {
          const LsFigure *figure;

          if (!(ls_result_get_production (b->result, s, c) > 0))
            continue;
          figure = ls_dataset_get_production_figure (b->dataset, year, s, c);
          if (figure != NULL)
            count_source (counts, b->dataset, figure->source);
        }

      if (s > 0 && stage_yield (b, s) < 1)
        {
          const LsFigure *figure = ls_dataset_get_stage_yield_figure (b->dataset, s);

          if (figure != NULL)
            count_source (counts, b->dataset, figure->source);
        }
    }

  for (guint i = 0; i < ls_dataset_get_n_given_flows (b->dataset, year); i++)
    count_source (counts, b->dataset, ls_dataset_get_given_flow (b->dataset, year, i)->figure.source);

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      SourceCount sc = { key, GPOINTER_TO_UINT (value) };

      g_array_append_val (sorted, sc);
    }
  g_array_sort (sorted, compare_source_counts);

  {
    g_autoptr(GString) tail = g_string_new (_("; hatched: estimated"));
    double room = b->self->width - 16;
    guint shown = 0;

    if (b->self->n_columns > 1 && stage_yield (b, 1) < 1)
      g_string_append_printf (tail, _("; separation bars: mined REO input (output ÷ yield %.2g)"),
                              stage_yield (b, 1));

    /* As many titles as fit on the line, most cited first. */
    for (guint i = 0; i < sorted->len; i++)
      {
        g_autoptr(GString) trial = g_string_new (text->str);
        g_autofree char *more = NULL;
        double w;

        g_string_append_printf (trial, "%s%s", i > 0 ? ", " : "", g_array_index (sorted, SourceCount, i).title);
        if (i + 1 < sorted->len)
          {
            /* Translators: after a list of sources; Korean counts
             * sources and countries with different words */
            more = g_strdup_printf (C_("sources", " and %u more"), sorted->len - i - 1);
            g_string_append (trial, more);
          }
        g_string_append (trial, tail->str);
        measure_text (&b->self->text, trial->str, b->self->font_px * 0.85, PANGO_WEIGHT_NORMAL, &w, NULL);
        if (w > room && i > 0)
          break;
        g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", g_array_index (sorted, SourceCount, i).title);
        shown++;
      }
    if (shown < sorted->len)
      g_string_append_printf (text, C_("sources", " and %u more"), sorted->len - shown);
    if (sorted->len == 0)
      g_string_append (text, ls_dataset_get_title (b->dataset));
    g_string_append (text, tail->str);
  }

  b->self->sources = g_string_free (g_steal_pointer (&text), FALSE);
}

/* Labels */

typedef struct
{
  double x0, y0, x1, y1;
} Rect;

static gboolean
rects_overlap (const Rect *a,
               const Rect *b)
{
  return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

static int
compare_nodes_by_value (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  const LsSankeyFigure *self = user_data;
  const LsSankeyNode *x = &g_array_index (self->nodes, LsSankeyNode, *(const guint *)a);
  const LsSankeyNode *y = &g_array_index (self->nodes, LsSankeyNode, *(const guint *)b);

  if (x->value != y->value)
    return x->value > y->value ? -1 : 1;
  return *(const guint *)a < *(const guint *)b ? -1 : 1;
}

static const char *
short_name (const LsSankeyNode *node)
{
  switch (node->kind)
    {
    case LS_SANKEY_NODE_COUNTRY:
      return node->country_id;
    case LS_SANKEY_NODE_UNKNOWN:
      return _("Unknown");
    case LS_SANKEY_NODE_UNALLOCATED:
      return _("Unalloc.");
    case LS_SANKEY_NODE_OTHER_USES:
      return _("Other uses");
    case LS_SANKEY_NODE_SHORTFALL:
      return _("Short");
    case LS_SANKEY_NODE_OTHER:
    default:
      return node->name;
    }
}

/* Greedy placement, largest nodes first: each label tries its side of
 * the node, then the other side, then shorter texts (ISO3, no figure),
 * then small vertical shifts; the first rectangle that meets no node, no
 * placed label and stays in the plot band wins. A label with no room is
 * dropped: the tooltip still has it. */
static void
place_labels (LsSankeyFigure      *self,
              const LsRenderStyle *style,
              double               band_top,
              double               band_bottom)
{
  guint n_nodes = self->nodes->len;
  g_autofree guint *order = g_new (guint, n_nodes);
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Rect));
  g_autofree Rect *node_rects = g_new (Rect, n_nodes);
  double px = self->font_px;

  for (guint n = 0; n < n_nodes; n++)
    {
      const LsSankeyNode *node = &g_array_index (self->nodes, LsSankeyNode, n);

      order[n] = n;
      node_rects[n] = (Rect) { node->x0 - 1, MIN (node->y0, node->y1 - MIN_NODE_HEIGHT) - 1,
                               node->x1 + 1, node->y1 + 1 };
    }
  g_qsort_with_data (order, n_nodes, sizeof (guint), compare_nodes_by_value, self);

  for (guint i = 0; i < n_nodes; i++)
    {
      guint n = order[i];
      const LsSankeyNode *node = &g_array_index (self->nodes, LsSankeyNode, n);
      g_autofree char *value = format_node_value (node, style);
      const char *names[2] = { node->name, short_name (node) };
      gboolean first_column = node->stage == 0;
      gboolean last_column = node->stage + 1 >= self->n_columns;
      double cy = (node->y0 + node->y1) / 2;
      double value_w, text_h;
      gboolean done = FALSE;

      measure_text (&self->text, value, px, PANGO_WEIGHT_NORMAL, &value_w, &text_h);

      /* variants: name + figure, ISO3 + figure, name, ISO3 */
      for (guint variant = 0; variant < 4 && !done; variant++)
        {
          const char *name = names[variant % 2];
          gboolean with_value = variant < 2;
          double name_w, w;

          if (variant % 2 == 1 && g_strcmp0 (names[0], names[1]) == 0)
            continue;

          measure_text (&self->text, name, px, PANGO_WEIGHT_BOLD, &name_w, NULL);
          w = name_w + (with_value ? px * 0.3 + value_w : 0);

          for (guint shift = 0; shift < 5 && !done; shift++)
            {
              /* 0, +, −, ++, −− */
              double dy = ((shift + 1) / 2) * (shift % 2 == 1 ? 1 : -1) * LABEL_MAX_SHIFT * text_h / 2;

              if (shift > 0 && node->y1 - node->y0 > text_h)
                break;

              for (guint side = 0; side < 2 && !done; side++)
                {
                  gboolean left = first_column || (!last_column && side == 1);
                  Rect r;

                  if ((first_column || last_column) && side == 1)
                    break;

                  r.x0 = left ? node->x0 - LABEL_PAD - w : node->x1 + LABEL_PAD;
                  r.x1 = r.x0 + w;
                  r.y0 = cy - text_h / 2 + dy;
                  r.y1 = r.y0 + text_h;

                  if (r.x0 < 0 || r.x1 > self->width || r.y0 < band_top || r.y1 > band_bottom)
                    continue;

                  {
                    gboolean clash = FALSE;

                    for (guint k = 0; k < n_nodes && !clash; k++)
                      if (k != n && rects_overlap (&r, &node_rects[k]))
                        clash = TRUE;
                    for (guint k = 0; k < placed->len && !clash; k++)
                      if (rects_overlap (&r, &g_array_index (placed, Rect, k)))
                        clash = TRUE;
                    if (clash)
                      continue;
                  }

                  {
                    LsSankeyLabel label = { 0 };
                    Rect padded = { r.x0 - 1, r.y0 - 1, r.x1 + 1, r.y1 + 1 };

                    label.node = n;
                    label.text = g_strdup (name);
                    label.value_text = with_value ? g_strdup (value) : NULL;
                    label.x = r.x0;
                    label.y = r.y0;
                    label.width = w;
                    label.height = text_h;
                    g_array_append_val (self->labels, label);
                    g_array_append_val (placed, padded);
                    done = TRUE;
                  }
                }
            }
        }
    }
}

/* The widest full label of the nodes of one column, to size a margin. */
static double
column_label_width (LsSankeyFigure      *self,
                    const LsRenderStyle *style,
                    guint                column)
{
  double widest = 0;

  for (guint n = 0; n < self->nodes->len; n++)
    {
      const LsSankeyNode *node = &g_array_index (self->nodes, LsSankeyNode, n);
      g_autofree char *value = NULL;
      double name_w, value_w;

      if (node->stage != column)
        continue;
      value = format_node_value (node, style);
      measure_text (&self->text, node->name, self->font_px, PANGO_WEIGHT_BOLD, &name_w, NULL);
      measure_text (&self->text, value, self->font_px, PANGO_WEIGHT_NORMAL, &value_w, NULL);
      widest = MAX (widest, name_w + self->font_px * 0.3 + value_w);
    }

  return widest;
}

static double
legend_height (LsSankeyFigure *self,
               double          x0,
               double          x1,
               gboolean        draw,
               cairo_t        *cr,
               const LsRenderStyle *style,
               double          y);

static LsSankeyFigure *
figure_new (LsResult             *result,
            const LsRenderStyle  *style,
            double                width,
            double                height,
            const char * const   *previous_order,
            double                hysteresis);

/**
 * ls_sankey_figure_new:
 * @result: the result to draw
 * @style: colours, label mode, colouring, the "Other" threshold
 * @width: the extent
 * @height: the extent
 * @previous: (nullable): a figure of an earlier result, whose node order
 *   the layout keeps unless another is clearly better
 *
 * Builds the nodes and links of @result (see the comment at the top of
 * this file for the figure scale), lays them out, places the labels and
 * the legend, all inside (0, 0)–(@width, @height).
 *
 * Returns: (transfer full): the figure
 */
LsSankeyFigure *
ls_sankey_figure_new (LsResult             *result,
                      const LsRenderStyle  *style,
                      double                width,
                      double                height,
                      const LsSankeyFigure *previous)
{
  LsSankeyLayoutOptions defaults;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (style != NULL, NULL);

  ls_sankey_layout_options_init (&defaults);

  return figure_new (result, style, width, height,
                     previous != NULL ? (const char * const *)previous->order : NULL,
                     defaults.order_hysteresis);
}

/**
 * ls_sankey_figure_new_with_order:
 * @result: the result to draw
 * @style: as for ls_sankey_figure_new()
 * @width: the extent
 * @height: the extent
 * @order: (array zero-terminated=1): node ids column by column, top to
 *   bottom, as from ls_sankey_figure_dup_node_order()
 *
 * As ls_sankey_figure_new(), with the nodes in @order (nodes it does not
 * name go below those it does): for an order found elsewhere, such as the
 * exact one (see ls_sankey_layout_compute()).
 *
 * Returns: (transfer full): the figure
 */
LsSankeyFigure *
ls_sankey_figure_new_with_order (LsResult            *result,
                                 const LsRenderStyle *style,
                                 double               width,
                                 double               height,
                                 const char * const  *order)
{
  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (style != NULL, NULL);
  g_return_val_if_fail (order != NULL, NULL);

  return figure_new (result, style, width, height, order, INFINITY);
}

static LsSankeyFigure *
figure_new (LsResult            *result,
            const LsRenderStyle *style,
            double               width,
            double               height,
            const char * const  *previous_order,
            double               hysteresis)
{
  g_autoptr(LsSankeyFigure) self = NULL;
  g_autoptr(LsSankeyGraph) graph = NULL;
  g_autoptr(LsSankeyLayout) layout = NULL;
  g_autofree int *node_of = NULL;
  g_autofree int *pseudo = NULL;
  LsSankeyLayoutOptions opts;
  Builder b = { 0 };
  double line_h, header_h, left, right, top, bottom, plot_w, plot_h, node_w, legend_h;
  guint S;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (style != NULL, NULL);

  width = MAX (width, 1);
  height = MAX (height, 1);

  self = figure_alloc ();
  self->result = ls_result_ref (result);
  self->width = width;
  self->height = height;
  self->color_by = style->color_by;
  self->other_threshold = style->other_threshold;
  self->text.font_family = g_strdup (style->font_family);
  self->text.pango = create_pango_context ();
  /* Type grows a little with the figure, so a 1920 × 1080 export reads
   * like a 1280 × 800 one; the presenter's scale comes on top. */
  self->font_px = CLAMP (MIN (height / 800, width / 1280) * 13, 10, 16) *
                  (style->font_scale > 0 ? style->font_scale : 1);

  b.self = self;
  b.result = result;
  b.dataset = ls_result_get_dataset (result);
  b.n_stages = S = ls_result_get_n_stages (result);
  b.n_countries = ls_result_get_n_countries (result);
  self->n_columns = S;
  node_of = g_new (int, (gsize)S * b.n_countries + 1);
  pseudo = g_new (int, 5 * S + 1);
  b.node_of = node_of;
  b.other = pseudo;
  b.unknown = pseudo + S;
  b.unallocated = pseudo + 2 * S;
  b.other_uses = pseudo + 3 * S;
  b.shortfall = pseudo + 4 * S;
  b.link_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  build_nodes (&b, style);
  build_links (&b);
  finish_nodes (self);
  build_mix (&b, style);
  build_legend (&b, style);
  build_sources (&b);
  g_hash_table_unref (b.link_index);

  self->column_names = g_new0 (char *, S + 1);
  self->column_units = g_new0 (char *, S + 1);
  self->column_x = g_new0 (double, S + 1);
  for (guint s = 0; s < S; s++)
    {
      self->column_names[s] = g_strdup (ls_dataset_get_stage_name (b.dataset, s));
      if (s > 0 && stage_yield (&b, s) < 1)
        self->column_units[s] = g_strdup_printf (_("%s in, %s out"),
                                                 ls_dataset_get_stage_unit (b.dataset, s - 1),
                                                 ls_dataset_get_stage_unit (b.dataset, s));
      else
        self->column_units[s] = g_strdup (ls_dataset_get_stage_unit (b.dataset, s));
    }

  /* The frame: column headers on top, legend and sources below, label
   * margins left of the first column and right of the last. */
  measure_text (&self->text, "Hg", self->font_px, PANGO_WEIGHT_NORMAL, NULL, &line_h);
  header_h = line_h * 2 + 6;
  self->header_y = 6;
  top = self->header_y + header_h + line_h / 2 + 2;
  left = MIN (column_label_width (self, style, 0) + LABEL_PAD + 6, width * 0.2);
  right = MIN (column_label_width (self, style, S > 0 ? S - 1 : 0) + LABEL_PAD + 6, width * 0.2);
  legend_h = legend_height (self, 8, width - 8, FALSE, NULL, style, 0);
  self->footer_y = height - line_h - 6;
  self->legend_y = self->footer_y - legend_h - 4;
  /* Half a label of room, so a node at either end keeps its label. */
  bottom = self->legend_y - line_h / 2 - 6;
  plot_w = MAX (width - left - right, 1);
  plot_h = MAX (bottom - top, 1);
  node_w = CLAMP (width / 110, 8, 18);
  self->plot_top = top;
  self->plot_bottom = bottom;

  graph = ls_sankey_graph_new ();
  ls_sankey_graph_set_extent (graph, plot_w, plot_h);
  for (guint n = 0; n < self->nodes->len; n++)
    {
      const LsSankeyNode *node = &g_array_index (self->nodes, LsSankeyNode, n);
      guint index = ls_sankey_graph_add_node (graph, node->id, node->stage, node->name);

      g_assert (index == n);
      if (node->kind == LS_SANKEY_NODE_SHORTFALL)
        ls_sankey_graph_set_node_fixed_value (graph, n, node->value);
    }
  for (guint l = 0; l < self->links->len; l++)
    {
      const LsSankeyLink *link = &g_array_index (self->links, LsSankeyLink, l);

      ls_sankey_graph_add_link (graph, link->source, link->target, link->value);
    }

  ls_sankey_layout_options_init (&opts);
  opts.width = plot_w;
  opts.height = plot_h;
  opts.node_width = node_w;
  /* Room for a label between nodes; crowded columns shrink it. */
  opts.min_gap = MAX (6, line_h + 2);
  opts.previous_order = previous_order;
  opts.order_hysteresis = hysteresis;
  layout = ls_sankey_layout_compute (graph, &opts);

  self->scale = ls_sankey_layout_get_scale (layout);
  self->order = ls_sankey_layout_dup_node_order (layout);
  for (guint n = 0; n < self->nodes->len; n++)
    {
      LsSankeyNode *node = &g_array_index (self->nodes, LsSankeyNode, n);

      ls_sankey_layout_get_node_rect (layout, n, &node->x0, &node->x1, &node->y0, &node->y1);
      node->x0 += left;
      node->x1 += left;
      node->y0 += top;
      node->y1 += top;
    }
  for (guint s = 0; s < S; s++)
    self->column_x[s] = left + node_w / 2 + (S > 1 ? s * (plot_w - node_w) / (S - 1) : 0);
  for (guint l = 0; l < self->links->len; l++)
    {
      LsSankeyLink *link = &g_array_index (self->links, LsSankeyLink, l);

      ls_sankey_layout_get_link (layout, l, &link->width, &link->y0, &link->y1);
      link->y0 += top;
      link->y1 += top;
    }

  place_labels (self, style, self->header_y + header_h, self->legend_y - 4);

  return g_steal_pointer (&self);
}

/* Accessors */

LsResult *
ls_sankey_figure_get_result (const LsSankeyFigure *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->result;
}

double
ls_sankey_figure_get_width (const LsSankeyFigure *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->width;
}

double
ls_sankey_figure_get_height (const LsSankeyFigure *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->height;
}

/**
 * ls_sankey_figure_get_scale:
 * @self: a figure
 *
 * Returns: pixels per tonne at the figure scale
 */
double
ls_sankey_figure_get_scale (const LsSankeyFigure *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->scale;
}

guint
ls_sankey_figure_get_n_columns (const LsSankeyFigure *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_columns;
}

guint
ls_sankey_figure_get_n_nodes (const LsSankeyFigure *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->nodes->len;
}

const LsSankeyNode *
ls_sankey_figure_get_node (const LsSankeyFigure *self,
                           guint                 node)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (node < self->nodes->len, NULL);

  return &g_array_index (self->nodes, LsSankeyNode, node);
}

int
ls_sankey_figure_lookup_node (const LsSankeyFigure *self,
                              const char           *id)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (id != NULL, -1);

  for (guint n = 0; n < self->nodes->len; n++)
    if (g_strcmp0 (g_array_index (self->nodes, LsSankeyNode, n).id, id) == 0)
      return n;

  return -1;
}

/**
 * ls_sankey_figure_lookup_country:
 * @self: a figure
 * @iso3: a country code
 * @stage: a stage, or G_MAXUINT for the first stage where it has a node
 *
 * Returns: the node of the country, or -1 (also when it is merged into
 *   "Other")
 */
int
ls_sankey_figure_lookup_country (const LsSankeyFigure *self,
                                 const char           *iso3,
                                 guint                 stage)
{
  g_return_val_if_fail (self != NULL, -1);

  if (iso3 == NULL)
    return -1;

  for (guint n = 0; n < self->nodes->len; n++)
    {
      const LsSankeyNode *node = &g_array_index (self->nodes, LsSankeyNode, n);

      if (node->kind == LS_SANKEY_NODE_COUNTRY &&
          (stage == G_MAXUINT || node->stage == stage) &&
          g_strcmp0 (node->country_id, iso3) == 0)
        return n;
    }

  return -1;
}

guint
ls_sankey_figure_get_n_links (const LsSankeyFigure *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->links->len;
}

const LsSankeyLink *
ls_sankey_figure_get_link (const LsSankeyFigure *self,
                           guint                 link)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (link < self->links->len, NULL);

  return &g_array_index (self->links, LsSankeyLink, link);
}

/**
 * ls_sankey_figure_get_link_drawn_width:
 * @self: a figure
 * @link: a link
 *
 * Returns: the width the band is drawn with: its width at the figure
 *   scale, or %LS_SANKEY_MIN_LINK_WIDTH if that is less (fading bands of
 *   an interpolated figure may go below it)
 */
double
ls_sankey_figure_get_link_drawn_width (const LsSankeyFigure *self,
                                       guint                 link)
{
  const LsSankeyLink *l;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (link < self->links->len, 0);

  l = &g_array_index (self->links, LsSankeyLink, link);

  return MAX (l->width, LS_SANKEY_MIN_LINK_WIDTH * MIN (l->alpha * 2, 1));
}

guint
ls_sankey_figure_get_n_labels (const LsSankeyFigure *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->labels->len;
}

const LsSankeyLabel *
ls_sankey_figure_get_label (const LsSankeyFigure *self,
                            guint                 label)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (label < self->labels->len, NULL);

  return &g_array_index (self->labels, LsSankeyLabel, label);
}

/**
 * ls_sankey_figure_dup_node_order:
 * @self: a figure
 *
 * Returns: (transfer full): the node ids column by column, top to bottom
 */
char **
ls_sankey_figure_dup_node_order (const LsSankeyFigure *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_strdupv (self->order);
}

/* Hit testing and navigation */

/**
 * ls_sankey_figure_node_at:
 * @self: a figure
 * @x: a point in figure coordinates
 * @y: a point in figure coordinates
 *
 * Finds the node under a point, or whose label is under it. Thin nodes
 * are given a few pixels of slack so they can be pointed at.
 *
 * Returns: the node, or -1
 */
int
ls_sankey_figure_node_at (const LsSankeyFigure *self,
                          double                x,
                          double                y)
{
  int best = -1;
  double best_d = G_MAXDOUBLE;

  g_return_val_if_fail (self != NULL, -1);

  for (guint l = 0; l < self->labels->len; l++)
    {
      const LsSankeyLabel *label = &g_array_index (self->labels, LsSankeyLabel, l);

      if (x >= label->x && x <= label->x + label->width &&
          y >= label->y && y <= label->y + label->height)
        return label->node;
    }

  for (guint n = 0; n < self->nodes->len; n++)
    {
      const LsSankeyNode *node = &g_array_index (self->nodes, LsSankeyNode, n);
      double slack_y = MAX (0, (8 - (node->y1 - node->y0)) / 2);
      double d;

      if (node->alpha < 0.5)
        continue;
      if (x < node->x0 - 3 || x > node->x1 + 3 ||
          y < node->y0 - slack_y || y > node->y1 + slack_y)
        continue;

      d = fabs (y - (node->y0 + node->y1) / 2);
      if (y >= node->y0 && y <= node->y1)
        return n;
      if (d < best_d)
        {
          best_d = d;
          best = n;
        }
    }

  return best;
}

/**
 * ls_sankey_figure_get_path:
 * @self: a figure
 * @node: a node
 * @nodes: (out caller-allocates): n_nodes flags
 * @links: (out caller-allocates) (nullable): n_links flags
 *
 * Marks the nodes and links on any path through @node: everything
 * upstream that feeds it and everything downstream it feeds.
 */
void
ls_sankey_figure_get_path (const LsSankeyFigure *self,
                           guint                 node,
                           gboolean             *nodes,
                           gboolean             *links)
{
  guint n_nodes, n_links;
  g_autofree gboolean *up = NULL;
  g_autofree gboolean *down = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (node < self->nodes->len);
  g_return_if_fail (nodes != NULL);

  n_nodes = self->nodes->len;
  n_links = self->links->len;
  up = g_new0 (gboolean, n_nodes);
  down = g_new0 (gboolean, n_nodes);
  up[node] = down[node] = TRUE;

  /* Links go left to right and columns are few: sweeping the link list
   * once per column reaches the closure. */
  for (guint pass = 0; pass < self->n_columns; pass++)
    for (guint l = 0; l < n_links; l++)
      {
        const LsSankeyLink *link = &g_array_index (self->links, LsSankeyLink, l);

        if (down[link->source])
          down[link->target] = TRUE;
        if (up[link->target])
          up[link->source] = TRUE;
      }

  for (guint n = 0; n < n_nodes; n++)
    nodes[n] = up[n] || down[n];

  if (links != NULL)
    for (guint l = 0; l < n_links; l++)
      {
        const LsSankeyLink *link = &g_array_index (self->links, LsSankeyLink, l);

        links[l] = (down[link->source] && down[link->target]) ||
                   (up[link->source] && up[link->target]);
      }
}

/**
 * ls_sankey_figure_get_neighbour:
 * @self: a figure
 * @node: a node, or -1 for none
 * @dx: -1, 0 or 1: a column to the left or right
 * @dy: -1, 0 or 1: up or down within the column
 *
 * Keyboard navigation: the node next to @node in a direction, the
 * nearest in height when changing columns; from -1, the top node of the
 * first column.
 *
 * Returns: a node, or @node when there is none in that direction
 */
int
ls_sankey_figure_get_neighbour (const LsSankeyFigure *self,
                                int                   node,
                                int                   dx,
                                int                   dy)
{
  const LsSankeyNode *from;
  double cy;
  int best = -1;
  double best_d = G_MAXDOUBLE;

  g_return_val_if_fail (self != NULL, -1);

  if (node < 0 || (guint)node >= self->nodes->len)
    {
      for (guint n = 0; n < self->nodes->len; n++)
        {
          const LsSankeyNode *candidate = &g_array_index (self->nodes, LsSankeyNode, n);

          if (candidate->stage == 0 && candidate->y0 < best_d)
            {
              best_d = candidate->y0;
              best = n;
            }
        }
      return best;
    }

  from = &g_array_index (self->nodes, LsSankeyNode, node);
  cy = (from->y0 + from->y1) / 2;

  for (guint n = 0; n < self->nodes->len; n++)
    {
      const LsSankeyNode *candidate = &g_array_index (self->nodes, LsSankeyNode, n);
      double ccy = (candidate->y0 + candidate->y1) / 2;
      double d;

      if ((int)n == node)
        continue;

      if (dx != 0)
        {
          if ((int)candidate->stage != (int)from->stage + dx)
            continue;
          d = fabs (ccy - cy);
        }
      else
        {
          if (candidate->stage != from->stage)
            continue;
          d = (ccy - cy) * dy;
          if (d <= 0)
            continue;
        }

      if (d < best_d)
        {
          best_d = d;
          best = n;
        }
    }

  return best >= 0 ? best : node;
}

static const char *
kind_description (LsSankeyNodeKind kind)
{
  switch (kind)
    {
    case LS_SANKEY_NODE_OTHER:
      return _("countries below the threshold, merged");
    case LS_SANKEY_NODE_UNKNOWN:
      return _("supply whose origin no source gives");
    case LS_SANKEY_NODE_UNALLOCATED:
      return _("output with no known buyer (stocks, untracked trade)");
    case LS_SANKEY_NODE_SHORTFALL:
      return _("output the stage lacks against its target");
    case LS_SANKEY_NODE_OTHER_USES:
      return _("input not turned into the stage's product");
    case LS_SANKEY_NODE_COUNTRY:
    default:
      return NULL;
    }
}

/**
 * ls_sankey_figure_describe_node:
 * @self: a figure
 * @node: a node
 *
 * The text of a node's tooltip: what it is, its tonnes, its share of the
 * stage, the source of its figure and whether it is estimated.
 *
 * Returns: (transfer full): the text
 */
char *
ls_sankey_figure_describe_node (const LsSankeyFigure *self,
                                guint                 node)
{
  const LsSankeyNode *n;
  LsDataset *dataset;
  GString *text;
  g_autofree char *tonnes = NULL;
  g_autofree char *share = NULL;
  const char *what;
  guint stage, unit_stage;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (node < self->nodes->len, NULL);

  n = &g_array_index (self->nodes, LsSankeyNode, node);
  dataset = ls_result_get_dataset (self->result);
  text = g_string_new (NULL);
  tonnes = format_tonnes (n->tonnes);
  share = format_share (n->share);

  /* Unallocated and other-uses nodes sit right of the stage whose
   * material they hold. */
  stage = unit_stage = n->stage;
  if (n->kind == LS_SANKEY_NODE_UNALLOCATED || n->kind == LS_SANKEY_NODE_OTHER_USES)
    stage = unit_stage = n->stage - 1;
  /* other uses are counted in the stage's input unit */
  if (n->kind == LS_SANKEY_NODE_OTHER_USES)
    unit_stage = stage - 1;

  g_string_append_printf (text, "%s — %s\n", n->name,
                          ls_dataset_get_stage_name (dataset, stage));
  what = kind_description (n->kind);
  if (what != NULL)
    g_string_append_printf (text, "%s\n", what);
  g_string_append_printf (text, _("%s (%s), %s of the stage"), tonnes,
                          ls_dataset_get_stage_unit (dataset, unit_stage), share);

  if (n->kind == LS_SANKEY_NODE_COUNTRY)
    {
      double baseline = ls_result_get_baseline_production (self->result, n->stage, n->country);
      double shortfall = ls_result_get_shortfall (self->result, n->stage, n->country);

      if (fabs (baseline - n->tonnes) > 1e-6 * MAX (baseline, 1))
        {
          g_autofree char *before = format_tonnes (baseline);

          g_string_append_printf (text, _("\nScenario figure; baseline %s"), before);
        }
      if (shortfall > 0)
        {
          g_autofree char *missing = format_tonnes (shortfall);

          g_string_append_printf (text, _("\n%s short of its target"), missing);
        }
    }
  else if (n->kind == LS_SANKEY_NODE_OTHER)
    {
      guint listed = 0;

      for (guint c = 0; c < ls_result_get_n_countries (self->result); c++)
        {
          double p = ls_result_get_production (self->result, n->stage, c);
          g_autofree char *amount = NULL;

          if (!(p > 0) || ls_result_get_share (self->result, n->stage, c) >= self->other_threshold)
            continue;
          amount = format_tonnes (p);
          g_string_append_printf (text, "%s%s %s", listed == 0 ? "\n" : ", ",
                                  ls_dataset_get_country_name (dataset, c), amount);
          listed++;
        }
    }

  if (n->source_title != NULL)
    g_string_append_printf (text, _("\nSource: %s"), n->source_title);
  else if (n->kind == LS_SANKEY_NODE_COUNTRY)
    g_string_append (text, _("\nSource: not given (a scenario figure)"));
  else if (n->kind != LS_SANKEY_NODE_OTHER)
    g_string_append (text, _("\nSource: computed by the model"));
  if (n->estimated)
    g_string_append (text, _("\nEstimated figure"));
  if (n->kind == LS_SANKEY_NODE_COUNTRY && ls_result_is_member (self->result, n->country))
    g_string_append (text, _("\nBloc member"));

  return g_string_free (text, FALSE);
}

static int
compare_shares (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const LsSankeyFigure *self = user_data;
  const LsSankeyNode *x = &g_array_index (self->nodes, LsSankeyNode, *(const guint *)a);
  const LsSankeyNode *y = &g_array_index (self->nodes, LsSankeyNode, *(const guint *)b);

  if (x->share != y->share)
    return x->share > y->share ? -1 : 1;
  return 0;
}

/**
 * ls_sankey_figure_describe:
 * @self: a figure
 *
 * The figure in words, for the accessible description: for each stage,
 * its countries by share, largest first ("Mining: China 69 %, …").
 *
 * Returns: (transfer full): the text
 */
char *
ls_sankey_figure_describe (const LsSankeyFigure *self)
{
  LsDataset *dataset;
  GString *text;

  g_return_val_if_fail (self != NULL, NULL);

  dataset = ls_result_get_dataset (self->result);
  text = g_string_new (NULL);

  for (guint s = 0; s < self->n_columns; s++)
    {
      g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint n = 0; n < self->nodes->len; n++)
        {
          const LsSankeyNode *node = &g_array_index (self->nodes, LsSankeyNode, n);

          if (node->stage == s && (node->kind == LS_SANKEY_NODE_COUNTRY || node->kind == LS_SANKEY_NODE_OTHER))
            g_array_append_val (members, n);
        }
      g_array_sort_with_data (members, compare_shares, (gpointer)self);

      if (s > 0)
        g_string_append (text, "; ");
      g_string_append_printf (text, "%s:", ls_dataset_get_stage_name (dataset, s));
      for (guint i = 0; i < members->len; i++)
        {
          const LsSankeyNode *node = &g_array_index (self->nodes, LsSankeyNode,
                                                     g_array_index (members, guint, i));

          g_autofree char *share = ls_format_percent (node->share, 0);

          g_string_append_printf (text, "%s %s %s", i > 0 ? "," : "", node->name, share);
        }
      if (members->len == 0)
        g_string_append_printf (text, " %s", _("none"));
    }
  g_string_append (text, ".");

  return g_string_free (text, FALSE);
}

/* Interpolation */

static double
lerp (double a,
      double b,
      double t)
{
  return a + (b - a) * t;
}

static int
find_link (const LsSankeyFigure *self,
           const char           *source_id,
           const char           *target_id)
{
  for (guint l = 0; l < self->links->len; l++)
    {
      const LsSankeyLink *link = &g_array_index (self->links, LsSankeyLink, l);

      if (g_strcmp0 (g_array_index (self->nodes, LsSankeyNode, link->source).id, source_id) == 0 &&
          g_strcmp0 (g_array_index (self->nodes, LsSankeyNode, link->target).id, target_id) == 0)
        return l;
    }

  return -1;
}

/* Where a band at @y of node @from sits in the same node of another
 * geometry @to: the same relative position. */
static double
map_y (const LsSankeyNode *from,
       const LsSankeyNode *to,
       double              y)
{
  double h = from->y1 - from->y0;

  if (h <= 0)
    return (to->y0 + to->y1) / 2;
  return to->y0 + (y - from->y0) / h * (to->y1 - to->y0);
}

static void
copy_node (LsSankeyNode       *dst,
           const LsSankeyNode *src)
{
  *dst = *src;
  dst->id = g_strdup (src->id);
  dst->name = g_strdup (src->name);
  dst->country_id = g_strdup (src->country_id);
  dst->source_id = g_strdup (src->source_id);
  dst->source_title = g_strdup (src->source_title);
}

/**
 * ls_sankey_figure_interpolate:
 * @from: the figure shown so far
 * @to: the new figure
 * @t: the progress, 0 to 1
 *
 * A figure between two: nodes and bands matched by id move and resize;
 * those only in @to grow from their centre and fade in, those only in
 * @from shrink and fade out. Labels, legend and headers are those of @to.
 *
 * Returns: (transfer full): the figure at @t
 */
LsSankeyFigure *
ls_sankey_figure_interpolate (const LsSankeyFigure *from,
                              const LsSankeyFigure *to,
                              double                t)
{
  LsSankeyFigure *self;
  g_autofree int *from_match = NULL;
  g_autofree int *from_index = NULL;

  g_return_val_if_fail (from != NULL, NULL);
  g_return_val_if_fail (to != NULL, NULL);

  t = CLAMP (t, 0, 1);

  self = figure_alloc ();
  self->result = ls_result_ref (to->result);
  self->width = to->width;
  self->height = to->height;
  self->scale = lerp (from->scale, to->scale, t);
  self->font_px = to->font_px;
  self->header_y = to->header_y;
  self->legend_y = to->legend_y;
  self->footer_y = to->footer_y;
  self->plot_top = to->plot_top;
  self->plot_bottom = to->plot_bottom;
  self->n_columns = to->n_columns;
  self->n_mix = to->n_mix;
  self->color_by = to->color_by;
  self->other_threshold = to->other_threshold;
  self->order = g_strdupv (to->order);
  self->column_names = g_strdupv (to->column_names);
  self->column_units = g_strdupv (to->column_units);
  self->column_x = g_memdup2 (to->column_x, sizeof (double) * (to->n_columns + 1));
  self->mix_colors = g_memdup2 (to->mix_colors, sizeof (LsColor) * to->n_mix);
  self->sources = g_strdup (to->sources);
  self->text.font_family = g_strdup (to->text.font_family);
  self->text.pango = g_object_ref (to->text.pango);

  for (guint i = 0; i < to->legend->len; i++)
    {
      LegendItem item = g_array_index (to->legend, LegendItem, i);

      item.text = g_strdup (item.text);
      g_array_append_val (self->legend, item);
    }

  from_match = g_new (int, from->nodes->len + 1);
  from_index = g_new (int, from->nodes->len + 1);
  for (guint n = 0; n < from->nodes->len; n++)
    {
      from_match[n] = ls_sankey_figure_lookup_node (to, g_array_index (from->nodes, LsSankeyNode, n).id);
      from_index[n] = from_match[n];
    }

  /* Nodes of @to, then the nodes leaving. */
  for (guint n = 0; n < to->nodes->len; n++)
    {
      const LsSankeyNode *b = &g_array_index (to->nodes, LsSankeyNode, n);
      int m = ls_sankey_figure_lookup_node (from, b->id);
      LsSankeyNode node;

      copy_node (&node, b);
      if (m >= 0)
        {
          const LsSankeyNode *a = &g_array_index (from->nodes, LsSankeyNode, m);

          node.x0 = lerp (a->x0, b->x0, t);
          node.x1 = lerp (a->x1, b->x1, t);
          node.y0 = lerp (a->y0, b->y0, t);
          node.y1 = lerp (a->y1, b->y1, t);
          node.tonnes = lerp (a->tonnes, b->tonnes, t);
          node.share = lerp (a->share, b->share, t);
        }
      else
        {
          double cy = (b->y0 + b->y1) / 2, h = (b->y1 - b->y0) * t;

          node.y0 = cy - h / 2;
          node.y1 = cy + h / 2;
          node.alpha = t;
        }
      g_array_append_val (self->nodes, node);
    }

  for (guint n = 0; n < from->nodes->len; n++)
    if (from_match[n] < 0)
      {
        const LsSankeyNode *a = &g_array_index (from->nodes, LsSankeyNode, n);
        LsSankeyNode node;
        double cy = (a->y0 + a->y1) / 2, h = (a->y1 - a->y0) * (1 - t);

        copy_node (&node, a);
        node.y0 = cy - h / 2;
        node.y1 = cy + h / 2;
        node.alpha = 1 - t;
        g_array_append_val (self->nodes, node);
        from_index[n] = self->nodes->len - 1;
      }

  self->mix = g_new0 (double, (gsize)self->nodes->len * MAX (self->n_mix, 1));
  for (guint n = 0; n < to->nodes->len; n++)
    memcpy (&self->mix[(gsize)n * self->n_mix], &to->mix[(gsize)n * to->n_mix], sizeof (double) * to->n_mix);
  for (guint n = to->nodes->len; n < self->nodes->len; n++)
    self->mix[(gsize)n * self->n_mix + (self->n_mix >= 2 ? self->n_mix - 2 : 0)] = 1;

  for (guint l = 0; l < to->links->len; l++)
    {
      const LsSankeyLink *b = &g_array_index (to->links, LsSankeyLink, l);
      const LsSankeyNode *bs = &g_array_index (to->nodes, LsSankeyNode, b->source);
      const LsSankeyNode *bt = &g_array_index (to->nodes, LsSankeyNode, b->target);
      const LsSankeyNode *is = &g_array_index (self->nodes, LsSankeyNode, b->source);
      const LsSankeyNode *it = &g_array_index (self->nodes, LsSankeyNode, b->target);
      int m = find_link (from, bs->id, bt->id);
      LsSankeyLink link = *b;

      if (m >= 0)
        {
          const LsSankeyLink *a = &g_array_index (from->links, LsSankeyLink, m);

          link.width = lerp (a->width, b->width, t);
          link.y0 = lerp (a->y0, b->y0, t);
          link.y1 = lerp (a->y1, b->y1, t);
          link.value = lerp (a->value, b->value, t);
          link.estimated = lerp (a->estimated, b->estimated, t);
        }
      else
        {
          link.width = b->width * t;
          link.y0 = map_y (bs, is, b->y0);
          link.y1 = map_y (bt, it, b->y1);
          link.alpha = t;
        }
      g_array_append_val (self->links, link);
    }

  for (guint l = 0; l < from->links->len; l++)
    {
      const LsSankeyLink *a = &g_array_index (from->links, LsSankeyLink, l);
      const LsSankeyNode *as = &g_array_index (from->nodes, LsSankeyNode, a->source);
      const LsSankeyNode *at = &g_array_index (from->nodes, LsSankeyNode, a->target);
      LsSankeyLink link = *a;

      if (find_link (to, as->id, at->id) >= 0)
        continue;

      link.source = from_index[a->source];
      link.target = from_index[a->target];
      link.y0 = map_y (as, &g_array_index (self->nodes, LsSankeyNode, link.source), a->y0);
      link.y1 = map_y (at, &g_array_index (self->nodes, LsSankeyNode, link.target), a->y1);
      link.width = a->width * (1 - t);
      link.alpha = 1 - t;
      g_array_append_val (self->links, link);
    }

  /* Labels follow their node. */
  for (guint i = 0; i < to->labels->len; i++)
    {
      LsSankeyLabel label = g_array_index (to->labels, LsSankeyLabel, i);
      const LsSankeyNode *b = &g_array_index (to->nodes, LsSankeyNode, label.node);
      const LsSankeyNode *now = &g_array_index (self->nodes, LsSankeyNode, label.node);

      label.text = g_strdup (label.text);
      label.value_text = g_strdup (label.value_text);
      label.y += (now->y0 + now->y1) / 2 - (b->y0 + b->y1) / 2;
      g_array_append_val (self->labels, label);
    }

  return self;
}

/* Drawing */

static const LsColor *
node_color (const LsSankeyFigure *self,
            const LsSankeyNode   *node,
            const LsRenderStyle  *style)
{
  LsDataset *dataset = ls_result_get_dataset (self->result);

  switch (node->kind)
    {
    case LS_SANKEY_NODE_COUNTRY:
      if (ls_result_is_member (self->result, node->country))
        return &style->member;
      if (node->country == ls_dataset_get_china (dataset))
        return &style->china;
      return &style->other;
    case LS_SANKEY_NODE_UNKNOWN:
      return &style->unknown;
    case LS_SANKEY_NODE_UNALLOCATED:
      return &style->unallocated;
    case LS_SANKEY_NODE_SHORTFALL:
      return &style->shortfall;
    case LS_SANKEY_NODE_OTHER_USES:
      return &style->other_uses;
    case LS_SANKEY_NODE_OTHER:
    default:
      return &style->other;
    }
}

static const LsColor *
link_color (const LsSankeyFigure *self,
            const LsSankeyLink   *link,
            const LsRenderStyle  *style)
{
  const LsSankeyNode *target = &g_array_index (self->nodes, LsSankeyNode, link->target);

  if (target->kind == LS_SANKEY_NODE_UNALLOCATED || target->kind == LS_SANKEY_NODE_OTHER_USES)
    return node_color (self, target, style);

  return node_color (self, &g_array_index (self->nodes, LsSankeyNode, link->source), style);
}

static void
ribbon_path (cairo_t *cr,
             double   x0,
             double   x1,
             double   top0,
             double   top1,
             double   w)
{
  double xm = (x0 + x1) / 2;

  cairo_move_to (cr, x0, top0);
  cairo_curve_to (cr, xm, top0, xm, top1, x1, top1);
  cairo_line_to (cr, x1, top1 + w);
  cairo_curve_to (cr, xm, top1 + w, xm, top0 + w, x0, top0 + w);
  cairo_close_path (cr);
}

/* Fills the current path with 45° stripes. A repeating tile rather than
 * clipped strokes: one fill per band, an order of magnitude faster, and
 * the tile is anchored to user space, so neighbouring bands line up. A
 * vector target gets a vector tile. */
static void
hatch_path (cairo_t       *cr,
            const LsColor *color,
            double         alpha)
{
  double s = HATCH_SPACING;
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_surface_t *tile;
  cairo_pattern_t *pattern;
  cairo_t *tcr;

  if (cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_IMAGE)
    {
      tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int)s, (int)s);
    }
  else
    {
      cairo_rectangle_t extents = { 0, 0, s, s };

      tile = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
    }

  tcr = cairo_create (tile);
  set_color (tcr, color, alpha);
  cairo_set_line_width (tcr, 1.5);
  cairo_set_line_cap (tcr, CAIRO_LINE_CAP_SQUARE);
  for (int k = -1; k <= 1; k++)
    {
      cairo_move_to (tcr, k * s, s);
      cairo_line_to (tcr, k * s + s, 0);
    }
  cairo_stroke (tcr);
  cairo_destroy (tcr);

  pattern = cairo_pattern_create_for_surface (tile);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_set_source (cr, pattern);
  cairo_fill (cr);
  cairo_pattern_destroy (pattern);
  cairo_surface_destroy (tile);
}

static double
link_alpha (const LsRenderStyle *style)
{
  return style->dark ? 0.55 : 0.5;
}

static void
draw_link (const LsSankeyFigure *self,
           cairo_t              *cr,
           const LsRenderStyle  *style,
           guint                 l,
           double                alpha)
{
  const LsSankeyLink *link = &g_array_index (self->links, LsSankeyLink, l);
  const LsSankeyNode *source = &g_array_index (self->nodes, LsSankeyNode, link->source);
  const LsSankeyNode *target = &g_array_index (self->nodes, LsSankeyNode, link->target);
  double w = ls_sankey_figure_get_link_drawn_width (self, l);
  double top0 = link->y0 - w / 2, top1 = link->y1 - w / 2;
  double x0 = source->x1, x1 = target->x0;
  double a = alpha * link->alpha * link_alpha (style);

  if (w <= 0 || a <= 0)
    return;

  /* The by-product branch recedes, so the magnet elements' path reads
   * first. */
  if (target->kind == LS_SANKEY_NODE_OTHER_USES)
    a *= 0.6;

  if (self->color_by == LS_COLOR_BY_ORIGIN)
    {
      const double *mix = &self->mix[(gsize)link->source * self->n_mix];
      double off = 0;

      for (guint k = 0; k < self->n_mix; k++)
        {
          double part = mix[k] * w;

          if (part <= 0)
            continue;
          ribbon_path (cr, x0, x1, top0 + off, top1 + off, part);
          set_color (cr, &self->mix_colors[k], a);
          cairo_fill (cr);
          off += part;
        }
    }
  else
    {
      ribbon_path (cr, x0, x1, top0, top1, w);
      set_color (cr, link_color (self, link, style), a);
      cairo_fill (cr);
    }

  if (link->estimated > link->value / 2 && w >= 3)
    {
      ribbon_path (cr, x0, x1, top0, top1, w);
      hatch_path (cr, &style->background, 0.3 * alpha * link->alpha);
    }
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
node_box (const LsSankeyNode *node,
          double             *y,
          double             *h)
{
  *h = MAX (node->y1 - node->y0, MIN_NODE_HEIGHT * MIN (node->alpha * 2, 1));
  *y = (node->y0 + node->y1) / 2 - *h / 2;
}

static void
draw_node (const LsSankeyFigure *self,
           cairo_t              *cr,
           const LsRenderStyle  *style,
           guint                 n,
           double                alpha)
{
  const LsSankeyNode *node = &g_array_index (self->nodes, LsSankeyNode, n);
  double y, h, w = node->x1 - node->x0;
  double a = alpha * node->alpha;

  node_box (node, &y, &h);
  if (h <= 0 || a <= 0)
    return;

  if (self->color_by == LS_COLOR_BY_ORIGIN && node->kind != LS_SANKEY_NODE_SHORTFALL)
    {
      const double *mix = &self->mix[(gsize)n * self->n_mix];
      double off = 0;

      cairo_save (cr);
      rounded_rect (cr, node->x0, y, w, h, 3);
      cairo_clip (cr);
      for (guint k = 0; k < self->n_mix; k++)
        {
          if (mix[k] <= 0)
            continue;
          cairo_rectangle (cr, node->x0, y + off, w, mix[k] * h + 0.5);
          set_color (cr, &self->mix_colors[k], a);
          cairo_fill (cr);
          off += mix[k] * h;
        }
      cairo_restore (cr);
    }
  else
    {
      rounded_rect (cr, node->x0, y, w, h, 3);
      set_color (cr, node_color (self, node, style), a);
      cairo_fill (cr);
    }

  if (node->kind == LS_SANKEY_NODE_SHORTFALL)
    {
      /* A missing quantity: an outline with warning stripes. */
      rounded_rect (cr, node->x0, y, w, h, 3);
      hatch_path (cr, &style->background, 0.6 * a);
    }
}

static void
draw_label (const LsSankeyFigure *self,
            cairo_t              *cr,
            const LsRenderStyle  *style,
            guint                 i,
            double                alpha,
            gboolean              halo)
{
  const LsSankeyLabel *label = &g_array_index (self->labels, LsSankeyLabel, i);
  const LsSankeyNode *node = &g_array_index (self->nodes, LsSankeyNode, label->node);
  g_autoptr(PangoLayout) name = create_layout (&self->text, label->text, self->font_px, PANGO_WEIGHT_BOLD);
  g_autoptr(PangoLayout) value = NULL;
  PangoRectangle logical;
  double a = alpha * node->alpha;
  const LsColor *name_color = node->kind == LS_SANKEY_NODE_SHORTFALL ? &style->shortfall : &style->foreground;

  if (a <= 0)
    return;

  pango_layout_get_extents (name, NULL, &logical);
  if (label->value_text != NULL)
    value = create_layout (&self->text, label->value_text, self->font_px, PANGO_WEIGHT_NORMAL);

  /* A halo in the background colour keeps labels readable over bands. */
  if (halo)
    {
      cairo_save (cr);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_width (cr, 3.5);
      set_color (cr, &style->background, 0.85 * a);
      cairo_move_to (cr, label->x, label->y);
      pango_cairo_layout_path (cr, name);
      if (value != NULL)
        {
          cairo_move_to (cr, label->x + (double)logical.width / PANGO_SCALE + self->font_px * 0.3, label->y);
          pango_cairo_layout_path (cr, value);
        }
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  cairo_move_to (cr, label->x, label->y);
  set_color (cr, name_color, a);
  pango_cairo_show_layout (cr, name);
  if (value != NULL)
    {
      cairo_move_to (cr, label->x + (double)logical.width / PANGO_SCALE + self->font_px * 0.3, label->y);
      set_color (cr, &style->dim_foreground, a);
      pango_cairo_show_layout (cr, value);
    }
}

/* Room for column @s's header: it may spread halfway to each neighbour. */
static double
header_room (const LsSankeyFigure *self,
             guint                 s)
{
  double room = self->width;

  if (s > 0)
    room = MIN (room, self->column_x[s] - self->column_x[s - 1]);
  if (s + 1 < self->n_columns)
    room = MIN (room, self->column_x[s + 1] - self->column_x[s]);

  return room - self->font_px * 0.5;
}

static void
draw_headers (const LsSankeyFigure *self,
              cairo_t              *cr,
              const LsRenderStyle  *style)
{
  for (guint s = 0; s < self->n_columns; s++)
    {
      double name_w, name_h, unit_w, x;
      double px = self->font_px;
      double unit_px = px * 0.9;
      double room = header_room (self, s);

      measure_text (&self->text, self->column_names[s], px, PANGO_WEIGHT_BOLD, &name_w, &name_h);
      measure_text (&self->text, self->column_units[s], unit_px, PANGO_WEIGHT_NORMAL, &unit_w, NULL);

      /* Long units ("t REO in, t magnet REO out") shrink rather than run
       * into the next column's, down to a size still read on a slide. */
      if (unit_w > room && room > 0)
        {
          unit_px = MAX (px * 0.6, unit_px * room / unit_w);
          measure_text (&self->text, self->column_units[s], unit_px, PANGO_WEIGHT_NORMAL, &unit_w, NULL);
        }

      x = CLAMP (self->column_x[s] - name_w / 2, 4, self->width - name_w - 4);
      show_text (&self->text, cr, self->column_names[s], px, PANGO_WEIGHT_BOLD, x, self->header_y,
                 &style->foreground, 1);
      x = CLAMP (self->column_x[s] - unit_w / 2, 4, self->width - unit_w - 4);
      show_text (&self->text, cr, self->column_units[s], unit_px, PANGO_WEIGHT_NORMAL, x,
                 self->header_y + name_h, &style->dim_foreground, 1);
    }
}

/* Lays out (and with @draw, draws) the legend in rows from @y; returns
 * its height. */
static double
legend_height (LsSankeyFigure      *self,
               double               x0,
               double               x1,
               gboolean             draw,
               cairo_t             *cr,
               const LsRenderStyle *style,
               double               y)
{
  double px = self->font_px * 0.92;
  double sw = px * 1.1, line_h, x = x0, rows = 1;

  measure_text (&self->text, "Hg", px, PANGO_WEIGHT_NORMAL, NULL, &line_h);

  for (guint i = 0; i < self->legend->len; i++)
    {
      const LegendItem *item = &g_array_index (self->legend, LegendItem, i);
      double tw, item_w;

      measure_text (&self->text, item->text, px, PANGO_WEIGHT_NORMAL, &tw, NULL);
      item_w = sw + 5 + tw + px * 1.3;
      if (x > x0 && x + item_w - px * 1.3 > x1)
        {
          x = x0;
          rows++;
        }

      if (draw)
        {
          double ry = y + (rows - 1) * line_h * 1.15;
          double sy = ry + (line_h - sw) / 2;

          if (item->swatch == SWATCH_HATCH)
            {
              rounded_rect (cr, x, sy, sw, sw, 2);
              set_color (cr, &item->color, 0.6);
              cairo_fill (cr);
              rounded_rect (cr, x, sy, sw, sw, 2);
              hatch_path (cr, &style->background, 0.8);
            }
          else
            {
              rounded_rect (cr, x, sy, sw, sw, 2);
              set_color (cr, &item->color, 1);
              cairo_fill (cr);
            }
          show_text (&self->text, cr, item->text, px, PANGO_WEIGHT_NORMAL, x + sw + 5, ry,
                     &style->foreground, 1);
        }
      x += item_w;
    }

  return rows * line_h * 1.15;
}

static void
draw_footer (const LsSankeyFigure *self,
             cairo_t              *cr,
             const LsRenderStyle  *style)
{
  g_autoptr(PangoLayout) layout = create_layout (&self->text, self->sources, self->font_px * 0.85,
                                                 PANGO_WEIGHT_NORMAL);

  pango_layout_set_width (layout, (int)((self->width - 16) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  cairo_move_to (cr, 8, self->footer_y);
  set_color (cr, &style->dim_foreground, 1);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_plot (const LsSankeyFigure *self,
           cairo_t              *cr,
           const LsRenderStyle  *style,
           const gboolean       *on_nodes,
           const gboolean       *on_links,
           double                alpha)
{
  for (guint l = 0; l < self->links->len; l++)
    if (on_links == NULL || on_links[l])
      draw_link (self, cr, style, l, alpha);
  for (guint n = 0; n < self->nodes->len; n++)
    if (on_nodes == NULL || on_nodes[n])
      draw_node (self, cr, style, n, alpha);
  for (guint i = 0; i < self->labels->len; i++)
    {
      const LsSankeyLabel *label = &g_array_index (self->labels, LsSankeyLabel, i);
      const LsSankeyNode *node = &g_array_index (self->nodes, LsSankeyNode, label->node);
      gboolean over_bands = node->stage > 0 && node->stage + 1 < self->n_columns;

      if (on_nodes == NULL || on_nodes[label->node])
        draw_label (self, cr, style, i, alpha, over_bands);
    }
}

/**
 * ls_sankey_figure_draw:
 * @self: a figure
 * @cr: where to draw, in figure coordinates
 * @style: the colours (the figure was built with the same label mode and
 *   colouring)
 * @highlight_node: a node whose paths to stand out, or -1
 *
 * Draws the column headers, bands, nodes, labels, legend and the source
 * line. The background is left to the caller.
 */
void
ls_sankey_figure_draw (const LsSankeyFigure *self,
                       cairo_t              *cr,
                       const LsRenderStyle  *style,
                       int                   highlight_node)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);

  cairo_save (cr);
  draw_headers (self, cr, style);
  draw_plot (self, cr, style, NULL, NULL, 1);
  legend_height ((LsSankeyFigure *)self, 8, self->width - 8, TRUE, cr, style, self->legend_y);
  draw_footer (self, cr, style);
  cairo_restore (cr);

  if (highlight_node >= 0 && (guint)highlight_node < self->nodes->len)
    ls_sankey_figure_draw_highlight (self, cr, style, highlight_node);
}

static void
outline_node (const LsSankeyFigure *self,
              cairo_t              *cr,
              const LsRenderStyle  *style,
              guint                 node)
{
  const LsSankeyNode *n = &g_array_index (self->nodes, LsSankeyNode, node);
  double y, h;

  node_box (n, &y, &h);
  rounded_rect (cr, n->x0 - 1.5, y - 1.5, n->x1 - n->x0 + 3, h + 3, 4);
  set_color (cr, &style->foreground, 0.9);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
}

/* Veils the plot, then draws again what is on the paths and outlines the
 * nodes pointed at. */
static void
draw_highlight_set (const LsSankeyFigure *self,
                    cairo_t              *cr,
                    const LsRenderStyle  *style,
                    const gboolean       *on_nodes,
                    const gboolean       *on_links,
                    const gboolean       *outlined)
{
  cairo_save (cr);
  cairo_rectangle (cr, 0, self->plot_top - 4, self->width, self->legend_y - self->plot_top + 2);
  set_color (cr, &style->background, 0.72);
  cairo_fill (cr);
  draw_plot (self, cr, style, on_nodes, on_links, 1);
  for (guint n = 0; n < self->nodes->len; n++)
    if (outlined[n])
      outline_node (self, cr, style, n);
  cairo_restore (cr);
}

/**
 * ls_sankey_figure_draw_highlight:
 * @self: a figure
 * @cr: where the figure was drawn
 * @style: the colours
 * @node: the node pointed at
 *
 * Drawn on top of the figure: veils the plot and draws again what lies on
 * a path through @node, so the rest is dimmed.
 */
void
ls_sankey_figure_draw_highlight (const LsSankeyFigure *self,
                                 cairo_t              *cr,
                                 const LsRenderStyle  *style,
                                 int                   node)
{
  g_autofree gboolean *on_nodes = NULL;
  g_autofree gboolean *on_links = NULL;
  g_autofree gboolean *outlined = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  if (node < 0 || (guint)node >= self->nodes->len)
    return;

  on_nodes = g_new0 (gboolean, self->nodes->len + 1);
  on_links = g_new0 (gboolean, self->links->len + 1);
  outlined = g_new0 (gboolean, self->nodes->len + 1);
  ls_sankey_figure_get_path (self, node, on_nodes, on_links);
  outlined[node] = TRUE;
  draw_highlight_set (self, cr, style, on_nodes, on_links, outlined);
}

/**
 * ls_sankey_figure_draw_highlight_country:
 * @self: a figure
 * @cr: where the figure was drawn
 * @style: the colours
 * @iso3: a country, as hovered in another view
 *
 * Like ls_sankey_figure_draw_highlight() for every node of a country at
 * once. Draws nothing when the country has no node of its own.
 *
 * Returns: whether anything was drawn
 */
gboolean
ls_sankey_figure_draw_highlight_country (const LsSankeyFigure *self,
                                         cairo_t              *cr,
                                         const LsRenderStyle  *style,
                                         const char           *iso3)
{
  g_autofree gboolean *on_nodes = NULL;
  g_autofree gboolean *on_links = NULL;
  g_autofree gboolean *outlined = NULL;
  g_autofree gboolean *path_nodes = NULL;
  g_autofree gboolean *path_links = NULL;
  gboolean any = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);

  if (iso3 == NULL)
    return FALSE;

  on_nodes = g_new0 (gboolean, self->nodes->len + 1);
  on_links = g_new0 (gboolean, self->links->len + 1);
  outlined = g_new0 (gboolean, self->nodes->len + 1);
  path_nodes = g_new0 (gboolean, self->nodes->len + 1);
  path_links = g_new0 (gboolean, self->links->len + 1);

  for (guint n = 0; n < self->nodes->len; n++)
    {
      const LsSankeyNode *node = &g_array_index (self->nodes, LsSankeyNode, n);

      if (node->kind != LS_SANKEY_NODE_COUNTRY || g_strcmp0 (node->country_id, iso3) != 0)
        continue;

      ls_sankey_figure_get_path (self, n, path_nodes, path_links);
      for (guint k = 0; k < self->nodes->len; k++)
        on_nodes[k] |= path_nodes[k];
      for (guint l = 0; l < self->links->len; l++)
        on_links[l] |= path_links[l];
      outlined[n] = TRUE;
      any = TRUE;
    }

  if (any)
    draw_highlight_set (self, cr, style, on_nodes, on_links, outlined);

  return any;
}

/**
 * ls_sankey_figure_draw_focus:
 * @self: a figure
 * @cr: where the figure was drawn
 * @style: the colours
 * @node: the node with the keyboard focus
 *
 * A focus ring around a node, for keyboard navigation.
 */
void
ls_sankey_figure_draw_focus (const LsSankeyFigure *self,
                             cairo_t              *cr,
                             const LsRenderStyle  *style,
                             int                   node)
{
  const LsSankeyNode *n;
  double y, h;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  if (node < 0 || (guint)node >= self->nodes->len)
    return;

  n = &g_array_index (self->nodes, LsSankeyNode, node);
  node_box (n, &y, &h);
  cairo_save (cr);
  rounded_rect (cr, n->x0 - 4, y - 4, n->x1 - n->x0 + 8, h + 8, 6);
  set_color (cr, &style->member, 0.75);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static char *
describe_bloc (LsResult *result)
{
  LsDataset *dataset = ls_result_get_dataset (result);
  guint n_countries = ls_result_get_n_countries (result);
  guint n_members = ls_result_get_n_members (result);
  g_autoptr(GString) names = NULL;
  guint listed = 0;

  if (n_members == 0)
    return g_strdup (_("No bloc chosen"));

  /* A bloc that is exactly one alliance goes by its name. */
  for (guint a = 0; a < ls_dataset_get_n_alliances (dataset); a++)
    {
      gboolean same = TRUE;

      for (guint c = 0; c < n_countries && same; c++)
        if (!ls_dataset_alliance_has_member (dataset, a, c) != !ls_result_is_member (result, c))
          same = FALSE;
      if (same)
        return g_strdup_printf (ngettext ("Bloc: %s (%u country)", "Bloc: %s (%u countries)", n_members),
                                ls_dataset_get_alliance_name (dataset, a), n_members);
    }

  names = g_string_new (NULL);
  for (guint c = 0; c < n_countries && listed < 8; c++)
    if (ls_result_is_member (result, c))
      {
        g_string_append_printf (names, "%s%s", listed > 0 ? ", " : "",
                                ls_dataset_get_country_name (dataset, c));
        listed++;
      }
  if (n_members > listed)
    g_string_append (names, ", …");

  return g_strdup_printf (ngettext ("Bloc of %u country: %s", "Bloc of %u countries: %s", n_members),
                          n_members, names->str);
}

/**
 * ls_render_sankey_figure:
 * @cr: a Cairo context (an image, SVG or PDF surface, or a widget's)
 * @result: the result to draw
 * @style: the colours and options
 * @width: the extent
 * @height: the extent
 *
 * Draws the whole figure for export: background, title ("Rare-earth
 * flows, YEAR"), the bloc, the Sankey, its legend and sources, all inside
 * (0, 0)–(@width, @height).
 */
void
ls_render_sankey_figure (cairo_t             *cr,
                         LsResult            *result,
                         const LsRenderStyle *style,
                         double               width,
                         double               height)
{
  g_autoptr(LsSankeyFigure) figure = NULL;
  PangoContext *pango;
  g_autofree char *title = NULL;
  g_autofree char *bloc = NULL;
  double px, title_h, sub_w, title_w, band;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (result != NULL);
  g_return_if_fail (style != NULL);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  set_color (cr, &style->background, 1);
  cairo_fill (cr);

  px = CLAMP (MIN (height / 800, width / 1280) * 22, 16, 28) *
       (style->font_scale > 0 ? style->font_scale : 1);
  title = g_strdup_printf (_("Rare-earth flows, %d"), ls_result_get_year (result));
  bloc = describe_bloc (result);

  /* A figure below the title band; measure with a throw-away figure's
   * fonts so the title and the body share one text set-up. */
  pango = create_pango_context ();
  {
    TextSetup text = { pango, (char *)style->font_family };

    measure_text (&text, title, px, PANGO_WEIGHT_BOLD, &title_w, &title_h);
    measure_text (&text, bloc, px * 0.6, PANGO_WEIGHT_NORMAL, &sub_w, NULL);
    band = 10 + title_h + 4;
    figure = ls_sankey_figure_new (result, style, width, MAX (height - band, 1), NULL);
    show_text (&text, cr, title, px, PANGO_WEIGHT_BOLD, 12, 8, &style->foreground, 1);
    show_text (&text, cr, bloc, px * 0.6, PANGO_WEIGHT_NORMAL,
               MIN (12 + title_w + px * 0.8, MAX (12, width - sub_w - 12)),
               8 + title_h - px * 0.6 * 1.25, &style->dim_foreground, 1);
  }

  g_object_unref (pango);

  cairo_translate (cr, 0, band);
  ls_sankey_figure_draw (figure, cr, style, -1);
  cairo_restore (cr);
}
