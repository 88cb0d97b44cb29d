/* ls-sankey-layout.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ls-sankey-graph.h"

G_BEGIN_DECLS

/**
 * LsSankeyOrderStatus:
 * @LS_SANKEY_ORDER_HEURISTIC: the heuristic's order; the exact solver was
 *   not asked
 * @LS_SANKEY_ORDER_OPTIMAL: the exact solver proved the order optimal
 * @LS_SANKEY_ORDER_TIME_LIMIT: the exact solver ran out of time; the order
 *   is the best it found, at least as good as the heuristic's
 * @LS_SANKEY_ORDER_CANCELLED: the exact solve was cancelled; likewise
 * @LS_SANKEY_ORDER_TOO_LARGE: the graph is too large for the exact solver;
 *   the heuristic's order
 *
 * How the order of a layout was found.
 */
typedef enum
{
  LS_SANKEY_ORDER_HEURISTIC,
  LS_SANKEY_ORDER_OPTIMAL,
  LS_SANKEY_ORDER_TIME_LIMIT,
  LS_SANKEY_ORDER_CANCELLED,
  LS_SANKEY_ORDER_TOO_LARGE,
} LsSankeyOrderStatus;

/**
 * LsSankeyPin:
 * @node: a node id
 * @rank: the node's place among the nodes of its column, 0 at the top
 *
 * Holds a node at a rank, as when the user drags it there. A rank past the
 * column's end is its last place; of two pins on one place the first wins
 * and the second takes the nearest free place below, else above.
 */
typedef struct
{
  const char *node;
  guint       rank;
} LsSankeyPin;

/**
 * LsSankeyLayoutOptions:
 * @width: the width of the figure; ≤ 0 takes the graph's
 * @height: the height of the figure; ≤ 0 takes the graph's
 * @node_width: the width of a node rectangle
 * @min_gap: the gap between nodes of a column; shrunk in crowded columns
 * @iterations: sweeps of the vertical relaxation that straightens links
 * @previous_order: (nullable) (array zero-terminated=1): node ids, top to
 *   bottom in each column (as from ls_sankey_layout_dup_node_order()); the
 *   layout keeps this order unless another is better by @order_hysteresis,
 *   and breaks ties with it
 * @order_hysteresis: the relative reduction of weighted crossings needed to
 *   leave @previous_order, e.g. 0.25 for 25 %; %INFINITY keeps it always
 *   (the exact solver ignores it: it leaves the heuristic's order only for
 *   a strictly better one, and breaks ties as the heuristic does)
 * @quick: with @previous_order, whether to skip the multi-start search:
 *   the order is kept, or what sifting makes of it when that is better by
 *   @order_hysteresis. For a frame that cannot wait; the full search can
 *   follow in a worker thread
 * @pins: (nullable) (array length=n_pins): nodes held at a rank, honoured
 *   by the heuristic and the exact solver
 * @n_pins: the number of @pins
 * @exact: whether to solve for the order with the fewest weighted
 *   crossings exactly (an integer program, started from the heuristic's
 *   order), within @time_limit
 * @time_limit: seconds the exact solver may take; ≤ 0 for no limit
 * @cancellable: (nullable): stops the exact solver early; the layout then
 *   has the best order found so far
 *
 * Initialise with ls_sankey_layout_options_init(), then change fields.
 */
typedef struct
{
  double              width;
  double              height;
  double              node_width;
  double              min_gap;
  guint               iterations;
  const char * const *previous_order;
  double              order_hysteresis;
  gboolean            quick;
  const LsSankeyPin  *pins;
  guint               n_pins;
  gboolean            exact;
  double              time_limit;
  GCancellable       *cancellable;
} LsSankeyLayoutOptions;

#define LS_TYPE_SANKEY_LAYOUT (ls_sankey_layout_get_type ())

G_DECLARE_FINAL_TYPE (LsSankeyLayout, ls_sankey_layout, LS, SANKEY_LAYOUT, GObject)

void                ls_sankey_layout_options_init       (LsSankeyLayoutOptions       *opts);
LsSankeyLayout     *ls_sankey_layout_compute            (LsSankeyGraph               *graph,
                                                         const LsSankeyLayoutOptions *opts);
LsSankeyGraph      *ls_sankey_layout_get_graph          (LsSankeyLayout              *self);
double              ls_sankey_layout_get_width          (LsSankeyLayout              *self);
double              ls_sankey_layout_get_height         (LsSankeyLayout              *self);
double              ls_sankey_layout_get_scale          (LsSankeyLayout              *self);
guint               ls_sankey_layout_get_n_columns      (LsSankeyLayout              *self);
void                ls_sankey_layout_get_column_x       (LsSankeyLayout              *self,
                                                         guint                        column,
                                                         double                      *x0,
                                                         double                      *x1);
double              ls_sankey_layout_get_node_value     (LsSankeyLayout              *self,
                                                         guint                        node);
void                ls_sankey_layout_get_node_rect      (LsSankeyLayout              *self,
                                                         guint                        node,
                                                         double                      *x0,
                                                         double                      *x1,
                                                         double                      *y0,
                                                         double                      *y1);
guint               ls_sankey_layout_get_node_rank      (LsSankeyLayout              *self,
                                                         guint                        node);
char              **ls_sankey_layout_dup_node_order     (LsSankeyLayout              *self);
LsSankeyOrderStatus ls_sankey_layout_get_order_status   (LsSankeyLayout              *self);
double              ls_sankey_layout_get_order_bound    (LsSankeyLayout              *self);
double              ls_sankey_layout_get_order_seconds  (LsSankeyLayout              *self);
void                ls_sankey_layout_get_link           (LsSankeyLayout              *self,
                                                         guint                        link,
                                                         double                      *width,
                                                         double                      *y0,
                                                         double                      *y1);
const double       *ls_sankey_layout_get_link_waypoints (LsSankeyLayout              *self,
                                                         guint                        link,
                                                         guint                       *n_waypoints);
double              ls_sankey_layout_weighted_crossings (LsSankeyLayout              *self,
                                                         guint64                     *n_crossings);
char               *ls_sankey_layout_to_json            (LsSankeyLayout              *self);

G_END_DECLS
