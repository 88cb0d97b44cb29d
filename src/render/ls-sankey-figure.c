/* ls-sankey-figure.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-sankey-figure"

#include "config.h"

#include "ls-sankey-figure-private.h"

#include "ls-sankey-graph.h"
#include "ls-sankey-layout.h"

#include <math.h>

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
  LsSankeyLegendItem *item = data;

  g_free (item->text);
}

LsSankeyFigure *
_ls_sankey_figure_alloc (void)
{
  LsSankeyFigure *self = g_new0 (LsSankeyFigure, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->nodes = g_array_new (FALSE, TRUE, sizeof (LsSankeyNode));
  g_array_set_clear_func (self->nodes, clear_node);
  self->links = g_array_new (FALSE, TRUE, sizeof (LsSankeyLink));
  self->labels = g_array_new (FALSE, TRUE, sizeof (LsSankeyLabel));
  g_array_set_clear_func (self->labels, clear_label);
  self->legend = g_array_new (FALSE, TRUE, sizeof (LsSankeyLegendItem));
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
 * ls-sankey-build.c for the figure scale), lays them out, places the labels and
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
  LsSankeyLayoutOptions opts;
  double line_h, header_h, left, right, top, bottom, plot_w, plot_h, node_w, legend_h;
  guint S;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (style != NULL, NULL);

  width = MAX (width, 1);
  height = MAX (height, 1);

  self = _ls_sankey_figure_alloc ();
  self->result = ls_result_ref (result);
  self->width = width;
  self->height = height;
  self->color_by = style->color_by;
  self->other_threshold = style->other_threshold;
  self->text.font_family = g_strdup (style->font_family);
  self->text.pango = _ls_sankey_text_context_new ();
  /* Type grows a little with the figure, so a 1920 × 1080 export reads
   * like a 1280 × 800 one; the presenter's scale comes on top. */
  self->font_px = CLAMP (MIN (height / 800, width / 1280) * 13, 10, 16) *
                  (style->font_scale > 0 ? style->font_scale : 1);

  _ls_sankey_figure_build (self, result, style);
  S = self->n_columns;
  self->column_x = g_new0 (double, S + 1);

  /* The frame: column headers on top, legend and sources below, label
   * margins left of the first column and right of the last. */
  _ls_sankey_text_measure (&self->text, "Hg", self->font_px, PANGO_WEIGHT_NORMAL, NULL, &line_h);
  header_h = line_h * 2 + 6;
  self->header_y = 6;
  top = self->header_y + header_h + line_h / 2 + 2;
  left = MIN (_ls_sankey_figure_column_label_width (self, style, 0) + LS_SANKEY_LABEL_PAD + 6, width * 0.2);
  right = MIN (_ls_sankey_figure_column_label_width (self, style, S > 0 ? S - 1 : 0) + LS_SANKEY_LABEL_PAD + 6, width * 0.2);
  legend_h = _ls_sankey_figure_legend_height (self, 8, width - 8, FALSE, NULL, style, 0);
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

  _ls_sankey_figure_place_labels (self, style, self->header_y + header_h, self->legend_y - 4);

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
