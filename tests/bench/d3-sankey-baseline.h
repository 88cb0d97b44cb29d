/* d3-sankey-baseline.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ls-sankey-graph.h"

G_BEGIN_DECLS

/* A C re-implementation of the d3-sankey layout, written from a description
 * of its algorithm, as the benchmark's point of comparison. Nodes keep the
 * columns of the graph. Arrays are indexed like the graph's nodes and links. */
typedef struct
{
  guint   n_nodes;
  guint   n_links;
  double *node_y0;
  double *node_y1;
  double *link_width;
  double *link_y0;
  double *link_y1;
} D3SankeyBaseline;

D3SankeyBaseline *d3_sankey_baseline_compute             (LsSankeyGraph          *graph,
                                                          double                  width,
                                                          double                  height,
                                                          double                  node_width,
                                                          double                  node_padding,
                                                          guint                   iterations);
void              d3_sankey_baseline_free                (D3SankeyBaseline       *layout);
double            d3_sankey_baseline_weighted_crossings  (LsSankeyGraph          *graph,
                                                          const double           *link_y0,
                                                          const double           *link_y1,
                                                          guint64                *n_crossings);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (D3SankeyBaseline, d3_sankey_baseline_free)

G_END_DECLS
