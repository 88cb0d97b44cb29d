/* ls-sankey-exact.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ls-sankey-layout.h"

G_BEGIN_DECLS

/*
 * The exact order of a layered graph, as an integer program solved with
 * GLPK; see the comment at the top of ls-sankey-exact.c. The layout calls
 * it (LsSankeyLayoutOptions.exact); it is not used on its own.
 *
 * Vertices are numbered column by column: column c holds the vertices
 * column_start[c] … column_start[c + 1] − 1, and that numbering is also
 * the starting order the solver improves on (its warm start).
 */
typedef struct
{
  guint           n_columns;
  const guint    *column_start;    /* n_columns + 1 offsets */
  guint           n_segments;
  const guint    *segment_source;  /* a vertex of column c … */
  const guint    *segment_target;  /* … and one of column c + 1 */
  const double   *segment_value;
  const gboolean *counted;         /* (nullable): per vertex, whether it counts in ranks */
  const int      *pin;             /* (nullable): per vertex, its rank among the counted
                                    * vertices of its column, or −1 */
} LsSankeyExactProblem;

typedef struct
{
  LsSankeyOrderStatus status;
  double              objective;   /* weighted crossings of the order returned */
  double              bound;       /* a proven lower bound on them */
  double              seconds;
  guint               n_subproblems;
} LsSankeyExactReport;

gboolean ls_sankey_exact_solve (const LsSankeyExactProblem *problem,
                                double                      time_limit,
                                GCancellable               *cancellable,
                                guint                      *order,
                                LsSankeyExactReport        *report);

G_END_DECLS
