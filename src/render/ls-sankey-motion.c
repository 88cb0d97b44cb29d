/* ls-sankey-motion.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-sankey-figure"

#include "config.h"

#include "ls-sankey-figure-private.h"

#include <string.h>

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

  self = _ls_sankey_figure_alloc ();
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
  _ls_sankey_text_share (&self->text, &to->text);

  for (guint i = 0; i < to->legend->len; i++)
    {
      LsSankeyLegendItem item = g_array_index (to->legend, LsSankeyLegendItem, i);

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
          node.value = lerp (a->value, b->value, t);
          node.unmet = lerp (a->unmet, b->unmet, t);
          node.target = lerp (a->target, b->target, t);
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

  /* Labels follow their node, drawn from the images of the figure they
   * move to. */
  self->label_owner = ls_sankey_figure_ref (to->label_owner != NULL ? to->label_owner : (LsSankeyFigure *)to);

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
