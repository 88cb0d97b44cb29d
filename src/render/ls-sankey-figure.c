/* ls-sankey-figure.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-sankey-figure"

#include "config.h"

#include "ls-sankey-figure-private.h"

#include "ls-boxed-private.h"
#include "ls-sankey-graph.h"
#include "ls-sankey-layout.h"

#include <math.h>

LS_DEFINE_BOXED_TYPE (LsSankeyFigure, ls_sankey_figure, ls_sankey_figure_ref, ls_sankey_figure_unref)

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
  _ls_sankey_text_clear (&self->text);
  g_free (self->pins);
  g_strfreev (self->pin_nodes);
  _ls_sankey_figure_clear_caches (self);
  g_free (self);
}

/* Copies @pins into the figure and marks the nodes they hold. */
void
_ls_sankey_figure_set_pins (LsSankeyFigure    *self,
                            const LsSankeyPin *pins,
                            guint              n_pins)
{
  g_clear_pointer (&self->pins, g_free);
  g_clear_pointer (&self->pin_nodes, g_strfreev);
  self->n_pins = n_pins;
  self->pins = g_new0 (LsSankeyPin, n_pins + 1);
  self->pin_nodes = g_new0 (char *, n_pins + 1);
  for (guint i = 0; i < n_pins; i++)
    {
      int node = ls_sankey_figure_lookup_node (self, pins[i].node);

      self->pin_nodes[i] = g_strdup (pins[i].node);
      self->pins[i].node = self->pin_nodes[i];
      self->pins[i].rank = pins[i].rank;
      if (node >= 0)
        g_array_index (self->nodes, LsSankeyNode, node).pinned = TRUE;
    }
}

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
  LsSankeyFigureOptions options = { 0 };

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (style != NULL, NULL);

  if (previous != NULL)
    {
      options.previous_order = (const char * const *)previous->order;
      options.drawn = previous;
    }

  return ls_sankey_figure_new_with_options (result, style, width, height, &options);
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

  return ls_sankey_figure_new_with_options (result, style, width, height,
                                            &(LsSankeyFigureOptions) { .previous_order = order, .keep_order = TRUE });
}

/**
 * ls_sankey_figure_new_with_options:
 * @result: the result to draw
 * @style: as for ls_sankey_figure_new()
 * @width: the extent
 * @height: the extent
 * @options: (nullable): the order to keep, and the nodes the user pinned
 *
 * As ls_sankey_figure_new(), with the node order and pins of @options.
 *
 * Returns: (transfer full): the figure
 */
LsSankeyFigure *
ls_sankey_figure_new_with_options (LsResult                    *result,
                                   const LsRenderStyle         *style,
                                   double                       width,
                                   double                       height,
                                   const LsSankeyFigureOptions *options)
{
  g_autoptr(LsSankeyFigure) self = NULL;
  g_autoptr(LsSankeyGraph) graph = NULL;
  g_autoptr(LsSankeyLayout) layout = NULL;
  LsSankeyFigureOptions none = { 0 };
  LsSankeyLayoutOptions opts;
  double line_h, header_h, left, right, top, bottom, plot_w, plot_h, node_w, legend_h;
  guint S;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (style != NULL, NULL);

  if (options == NULL)
    options = &none;

  width = MAX (width, 1);
  height = MAX (height, 1);

  self = _ls_sankey_figure_alloc ();
  self->result = ls_result_ref (result);
  self->width = width;
  self->height = height;
  self->color_by = style->color_by;
  self->other_threshold = style->other_threshold;
  _ls_sankey_text_init (&self->text, style->font_family, options->drawn != NULL ? &options->drawn->text : NULL);
  /* Type grows a little with the figure, so a 1920 × 1080 export reads
   * like a 1280 × 800 one; the presenter's scale comes on top. */
  self->font_px = CLAMP (MIN (height / 800, width / 1280) * 13, 12, 16) *
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
  self->plot_width = plot_w;
  self->plot_height = plot_h;
  _ls_sankey_figure_set_pins (self, options->pins, options->n_pins);
  if (options->drawn != NULL)
    {
      const LsSankeyFigure *drawn = options->drawn->label_owner != NULL ? options->drawn->label_owner
                                                                          : options->drawn;

      if (drawn->label_store != NULL)
        self->reused_labels = g_hash_table_ref (drawn->label_store);
    }

  graph = ls_sankey_figure_dup_graph (self);

  ls_sankey_layout_options_init (&opts);
  opts.width = plot_w;
  opts.height = plot_h;
  opts.node_width = node_w;
  /* Room for a label between nodes; crowded columns shrink it. */
  opts.min_gap = MAX (6, line_h + 2);
  opts.previous_order = options->previous_order;
  if (options->keep_order)
    opts.order_hysteresis = INFINITY;
  opts.quick = options->quick_order;
  opts.pins = self->pins;
  opts.n_pins = self->n_pins;
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

/**
 * ls_sankey_figure_dup_graph:
 * @self: a figure
 *
 * The graph the figure was laid out from: its nodes and links at the
 * figure scale, a node's unmet need as its fixed value, the plot's
 * extent. For laying the same figure out elsewhere, as the exact solve
 * does in a worker thread.
 *
 * Returns: (transfer full): a new graph
 */
LsSankeyGraph *
ls_sankey_figure_dup_graph (const LsSankeyFigure *self)
{
  LsSankeyGraph *graph;

  g_return_val_if_fail (self != NULL, NULL);

  graph = ls_sankey_graph_new ();
  ls_sankey_graph_set_extent (graph, self->plot_width, self->plot_height);
  for (guint n = 0; n < self->nodes->len; n++)
    {
      const LsSankeyNode *node = &g_array_index (self->nodes, LsSankeyNode, n);
      guint index = ls_sankey_graph_add_node (graph, node->id, node->stage, node->name);

      g_assert (index == n);
      /* The hatched stub of unmet need takes room below the bands. */
      if (node->unmet > 0)
        ls_sankey_graph_set_node_fixed_value (graph, n, node->value);
    }
  for (guint l = 0; l < self->links->len; l++)
    {
      const LsSankeyLink *link = &g_array_index (self->links, LsSankeyLink, l);

      ls_sankey_graph_add_link (graph, link->source, link->target, link->value);
    }

  return graph;
}

guint
ls_sankey_figure_get_n_pins (const LsSankeyFigure *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_pins;
}

/**
 * ls_sankey_figure_get_pins:
 * @self: a figure
 *
 * Returns: (array length=ls_sankey_figure_get_n_pins): the pins the
 *   figure was laid out with
 */
const LsSankeyPin *
ls_sankey_figure_get_pins (const LsSankeyFigure *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->pins;
}

/**
 * ls_sankey_figure_get_node_label:
 * @self: a figure
 * @node: a node
 *
 * Returns: the index of @node's label, or -1 when it has none (there was
 *   no room: its figures are in its tooltip and in the description)
 */
int
ls_sankey_figure_get_node_label (const LsSankeyFigure *self,
                                 guint                 node)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint l = 0; l < self->labels->len; l++)
    if (g_array_index (self->labels, LsSankeyLabel, l).node == node)
      return l;

  return -1;
}

/* The nodes of @node's column but @node, top to bottom. */
static GArray *
column_nodes (const LsSankeyFigure *self,
              guint                 node)
{
  const LsSankeyNode *n = &g_array_index (self->nodes, LsSankeyNode, node);
  GArray *column = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint k = 0; k < self->nodes->len; k++)
    {
      const LsSankeyNode *other = &g_array_index (self->nodes, LsSankeyNode, k);

      if (k != node && other->stage == n->stage && other->alpha >= 0.5)
        {
          double cy = (other->y0 + other->y1) / 2;

          g_array_append_val (column, cy);
        }
    }

  return column;
}

/**
 * ls_sankey_figure_get_node_rank:
 * @self: a figure
 * @node: a node
 *
 * Returns: @node's place among the nodes of its column, 0 at the top
 */
guint
ls_sankey_figure_get_node_rank (const LsSankeyFigure *self,
                                guint                 node)
{
  const LsSankeyNode *n;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (node < self->nodes->len, 0);

  n = &g_array_index (self->nodes, LsSankeyNode, node);

  return ls_sankey_figure_get_rank_at (self, node, (n->y0 + n->y1) / 2);
}

/**
 * ls_sankey_figure_get_rank_at:
 * @self: a figure
 * @node: a node
 * @y: a height in figure coordinates
 *
 * Where @node would go if it were dropped at @y: the number of the other
 * nodes of its column whose centre is above @y.
 *
 * Returns: a rank, 0 at the top
 */
guint
ls_sankey_figure_get_rank_at (const LsSankeyFigure *self,
                              guint                 node,
                              double                y)
{
  g_autoptr(GArray) column = NULL;
  guint rank = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (node < self->nodes->len, 0);

  column = column_nodes (self, node);
  for (guint i = 0; i < column->len; i++)
    if (g_array_index (column, double, i) < y)
      rank++;

  return rank;
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

/* The centre of a band at @x: its ribbon is a cubic Bézier from (x0, y0)
 * to (x1, y1) with both control points at the middle x (see
 * ls-sankey-draw.c), whose x grows with its parameter. */
static double
band_centre_at (double x0,
                double x1,
                double y0,
                double y1,
                double x)
{
  double xm = (x0 + x1) / 2, lo = 0, hi = 1, t = 0.5, u;

  for (guint i = 0; i < 32; i++)
    {
      double bx;

      t = (lo + hi) / 2;
      u = 1 - t;
      bx = x0 * u * u * u + 3 * xm * u * t * (u + t) + x1 * t * t * t;
      if (bx < x)
        lo = t;
      else
        hi = t;
    }
  u = 1 - t;

  return y0 * (u * u * u + 3 * u * u * t) + y1 * (3 * u * t * t + t * t * t);
}

/**
 * ls_sankey_figure_link_at:
 * @self: a figure
 * @x: a point in figure coordinates
 * @y: a point in figure coordinates
 *
 * Finds the band under a point, between the nodes (nodes and labels come
 * first: see ls_sankey_figure_node_at()). Thin bands are given a few
 * pixels of slack.
 *
 * Returns: the link, or -1
 */
int
ls_sankey_figure_link_at (const LsSankeyFigure *self,
                          double                x,
                          double                y)
{
  int best = -1;
  double best_d = G_MAXDOUBLE;

  g_return_val_if_fail (self != NULL, -1);

  for (guint l = 0; l < self->links->len; l++)
    {
      const LsSankeyLink *link = &g_array_index (self->links, LsSankeyLink, l);
      const LsSankeyNode *source = &g_array_index (self->nodes, LsSankeyNode, link->source);
      const LsSankeyNode *target = &g_array_index (self->nodes, LsSankeyNode, link->target);
      double w = ls_sankey_figure_get_link_drawn_width (self, l);
      double d;

      if (link->alpha < 0.5 || x <= source->x1 || x >= target->x0)
        continue;

      d = fabs (y - band_centre_at (source->x1, target->x0, link->y0, link->y1, x));
      if (d > MAX (w, 8) / 2)
        continue;
      /* Of overlapping bands, the one whose middle is nearest. */
      d /= MAX (w, 8);
      if (d < best_d)
        {
          best_d = d;
          best = l;
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
