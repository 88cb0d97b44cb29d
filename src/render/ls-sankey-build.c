/* ls-sankey-build.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-sankey-figure"

#include "config.h"

#include "ls-sankey-figure-private.h"

#include <glib/gi18n-lib.h>
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

/* "USGS Mineral Commodity Summaries 2025: Rare Earths" → the part before
 * the first colon or comma, which is the publisher and the publication. */
static char *
short_source_title (const char *title)
{
  gsize n = strcspn (title, ":,");

  return g_strstrip (g_strndup (title, n));
}

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
      double aimed = total + ls_result_get_stage_shortfall (b->result, s);
      double eps = 1e-6 * MAX (total, 1);
      double y = stage_yield (b, s);

      b->other[s] = b->unknown[s] = b->unallocated[s] = -1;
      b->other_uses[s] = -1;

      for (guint c = 0; c < N; c++)
        {
          double p = ls_result_get_production (b->result, s, c);
          double missing = ls_result_get_shortfall (b->result, s, c);
          gboolean has_flow = FALSE;
          double share = total > 0 ? p / total : 0;
          /* A country cut off keeps its node, by the share of the
           * stage's output it aims at: the losers of a cut-off stay in
           * sight (issue 13, 2b). */
          double aimed_share = aimed > 0 ? (p + missing) / aimed : 0;
          LsSankeyNode *node;

          if (!(missing > eps))
            missing = 0;

          b->node_of[s * N + c] = -1;

          for (guint k = 0; k <= N && !has_flow; k++)
            {
              if (s > 0 && ls_result_get_flow (b->result, s - 1, k, c) > 0)
                has_flow = TRUE;
              if (s + 1 < S && k < N && ls_result_get_flow (b->result, s, c, k) > 0)
                has_flow = TRUE;
            }

          if (!(p > 0) && !has_flow && missing == 0)
            continue;

          if (MAX (share, aimed_share) < style->other_threshold)
            {
              const LsFigure *figure;

              if (b->other[s] < 0)
                b->other[s] = add_node (b, LS_SANKEY_NODE_OTHER, s, -1, "other", _("Other"));
              node = &g_array_index (b->self->nodes, LsSankeyNode, b->other[s]);
              node->tonnes += p;
              node->share += share;
              figure = ls_dataset_get_production_figure (b->dataset, ls_result_get_year (b->result), s, c);
              if (figure != NULL && figure->estimated)
                other_estimated[s] += p;
              b->node_of[s * N + c] = b->other[s];
            }
          else
            {
              guint n = add_node (b, LS_SANKEY_NODE_COUNTRY, s, c, NULL, NULL);

              node = &g_array_index (b->self->nodes, LsSankeyNode, n);
              fill_country_node (b, node, s, c);
              b->node_of[s * N + c] = n;
            }

          /* The need no supply met, in the column's input tonnes, as the
           * node's bar is (see the figure scale above). */
          node->target += p + missing;
          node->unmet += missing / y;
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

/* Node values at the figure scale: the bands in or out, and the unmet
 * need below them. */
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

      node->value = MAX (in[n], out[n]) + node->unmet;
      node->target = MAX (node->target, node->tonnes);
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
        LsSankeyLegendItem item = { 0 };

        item.text = g_strdup (ls_dataset_get_country_name (b->dataset, sorted[i]));
        item.color = self->mix_colors[slot_of[sorted[i]]];
        g_array_append_val (self->legend, item);
      }
  {
    LsSankeyLegendItem item = { g_strdup (_("Other origins")), style->other, LS_SANKEY_SWATCH_FILL };
    g_array_append_val (self->legend, item);
  }
}

static void
add_legend_item (LsSankeyFigure *self,
                 const char     *text,
                 const LsColor  *color,
                 int             swatch)
{
  LsSankeyLegendItem item = { g_strdup (text), *color, swatch };

  g_array_append_val (self->legend, item);
}

static void
build_legend (Builder             *b,
              const LsRenderStyle *style)
{
  LsSankeyFigure *self = b->self;
  gboolean has[LS_SANKEY_NODE_OTHER_USES + 1] = { FALSE, };
  gboolean any_estimated = FALSE;
  gboolean any_unmet = FALSE;

  for (guint n = 0; n < self->nodes->len; n++)
    {
      const LsSankeyNode *node = &g_array_index (self->nodes, LsSankeyNode, n);

      has[node->kind] = TRUE;
      any_unmet |= node->unmet > 0;
    }
  for (guint l = 0; l < self->links->len; l++)
    {
      const LsSankeyLink *link = &g_array_index (self->links, LsSankeyLink, l);

      if (link->estimated > link->value / 2)
        any_estimated = TRUE;
    }

  if (style->color_by == LS_COLOR_BY_MEMBERSHIP)
    {
      /* The colours of the bloc's need, as the share panel draws it. */
      if (ls_result_get_n_members (b->result) > 0)
        add_legend_item (self, _("Bloc member"), ls_render_style_get_need_color (style, LS_NEED_MEMBERS),
                         LS_SANKEY_SWATCH_FILL);
      if (ls_dataset_get_china (b->dataset) >= 0)
        add_legend_item (self, _("China"), ls_render_style_get_need_color (style, LS_NEED_CHINA),
                         LS_SANKEY_SWATCH_FILL);
      add_legend_item (self, _("Others"), ls_render_style_get_need_color (style, LS_NEED_OTHER),
                       LS_SANKEY_SWATCH_FILL);
    }

  if (has[LS_SANKEY_NODE_UNKNOWN])
    add_legend_item (self, _("Unknown origin"), &style->unknown, LS_SANKEY_SWATCH_FILL);
  /* By origin, sinks take the mix of what flows in: no swatch of their own. */
  if (has[LS_SANKEY_NODE_UNALLOCATED] && style->color_by == LS_COLOR_BY_MEMBERSHIP)
    add_legend_item (self, _("Unallocated"), &style->unallocated, LS_SANKEY_SWATCH_FILL);
  if (any_unmet)
    add_legend_item (self, _("Unmet need"), ls_render_style_get_need_color (style, LS_NEED_UNMET),
                     LS_SANKEY_SWATCH_HATCH);
  if (has[LS_SANKEY_NODE_OTHER_USES] && style->color_by == LS_COLOR_BY_MEMBERSHIP)
    add_legend_item (self, _("Other uses (Ce, La, …)"), &style->other_uses, LS_SANKEY_SWATCH_FILL);
  if (any_estimated)
    add_legend_item (self, _("Estimated flow"), &style->dim_foreground, LS_SANKEY_SWATCH_HATCH);
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
        _ls_sankey_text_measure (&b->self->text, trial->str, b->self->font_px * 0.85, PANGO_WEIGHT_NORMAL, &w, NULL);
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

/* Nodes, links, origin mixes, legend items, the source line and the
 * column headers of @result; the frame and the layout come after. */
void
_ls_sankey_figure_build (LsSankeyFigure      *self,
                         LsResult            *result,
                         const LsRenderStyle *style)
{
  g_autofree int *node_of = NULL;
  g_autofree int *pseudo = NULL;
  Builder b = { 0 };
  guint S;

  b.self = self;
  b.result = result;
  b.dataset = ls_result_get_dataset (result);
  b.n_stages = S = ls_result_get_n_stages (result);
  b.n_countries = ls_result_get_n_countries (result);
  self->n_columns = S;
  node_of = g_new (int, (gsize)S * b.n_countries + 1);
  pseudo = g_new (int, 4 * S + 1);
  b.node_of = node_of;
  b.other = pseudo;
  b.unknown = pseudo + S;
  b.unallocated = pseudo + 2 * S;
  b.other_uses = pseudo + 3 * S;
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
}
