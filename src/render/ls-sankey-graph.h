/* ls-sankey-graph.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LS_SANKEY_GRAPH_ERROR (ls_sankey_graph_error_quark ())

/**
 * LsSankeyGraphError:
 * @LS_SANKEY_GRAPH_ERROR_PARSE: the input is not well-formed JSON (truncated, bad token)
 * @LS_SANKEY_GRAPH_ERROR_INVALID: a member is missing or has the wrong type
 * @LS_SANKEY_GRAPH_ERROR_INVALID_VALUE: a number is negative, not finite or out of range
 * @LS_SANKEY_GRAPH_ERROR_DUPLICATE_NODE: two nodes share an id
 * @LS_SANKEY_GRAPH_ERROR_UNKNOWN_NODE: a link names a node id that does not exist
 * @LS_SANKEY_GRAPH_ERROR_INVALID_LINK: a link does not go to a later column
 *
 * Errors from reading a Sankey graph. Messages name the file, the line and
 * column where known, and the JSON path of the offending member.
 */
typedef enum
{
  LS_SANKEY_GRAPH_ERROR_PARSE,
  LS_SANKEY_GRAPH_ERROR_INVALID,
  LS_SANKEY_GRAPH_ERROR_INVALID_VALUE,
  LS_SANKEY_GRAPH_ERROR_DUPLICATE_NODE,
  LS_SANKEY_GRAPH_ERROR_UNKNOWN_NODE,
  LS_SANKEY_GRAPH_ERROR_INVALID_LINK,
} LsSankeyGraphError;

/* Columns beyond this are refused: a typo such as 1e9 must not allocate. */
#define LS_SANKEY_GRAPH_MAX_COLUMNS 1024

/* The largest width or height a graph file may give: a million pixels or
 * points. Beyond it the columns' positions overflow to infinity. */
#define LS_SANKEY_GRAPH_MAX_EXTENT 1e6

/* The largest node or link value a graph file may give. Far above any
 * tonnage or count a figure shows, and small enough that the sum of
 * billions of them stays finite: 1e308 + 1e308 made every position NaN. */
#define LS_SANKEY_GRAPH_MAX_VALUE 1e15

#define LS_TYPE_SANKEY_GRAPH (ls_sankey_graph_get_type ())

G_DECLARE_FINAL_TYPE (LsSankeyGraph, ls_sankey_graph, LS, SANKEY_GRAPH, GObject)

GQuark         ls_sankey_graph_error_quark          (void);

LsSankeyGraph *ls_sankey_graph_new                  (void);
LsSankeyGraph *ls_sankey_graph_new_from_json        (GBytes         *bytes,
                                                     const char     *filename,
                                                     GError        **error);

void           ls_sankey_graph_set_extent           (LsSankeyGraph  *self,
                                                     double          width,
                                                     double          height);
double         ls_sankey_graph_get_width            (LsSankeyGraph  *self);
double         ls_sankey_graph_get_height           (LsSankeyGraph  *self);

guint          ls_sankey_graph_add_node             (LsSankeyGraph  *self,
                                                     const char     *id,
                                                     guint           column,
                                                     const char     *label);
void           ls_sankey_graph_set_node_fixed_value (LsSankeyGraph  *self,
                                                     guint           node,
                                                     double          value);
guint          ls_sankey_graph_add_link             (LsSankeyGraph  *self,
                                                     guint           source,
                                                     guint           target,
                                                     double          value);
void           ls_sankey_graph_set_link_value       (LsSankeyGraph  *self,
                                                     guint           link,
                                                     double          value);

guint          ls_sankey_graph_get_n_nodes          (LsSankeyGraph  *self);
guint          ls_sankey_graph_get_n_links          (LsSankeyGraph  *self);
guint          ls_sankey_graph_get_n_columns        (LsSankeyGraph  *self);
gboolean       ls_sankey_graph_lookup_node          (LsSankeyGraph  *self,
                                                     const char     *id,
                                                     guint          *node);
const char    *ls_sankey_graph_get_node_id          (LsSankeyGraph  *self,
                                                     guint           node);
const char    *ls_sankey_graph_get_node_label       (LsSankeyGraph  *self,
                                                     guint           node);
guint          ls_sankey_graph_get_node_column      (LsSankeyGraph  *self,
                                                     guint           node);
gboolean       ls_sankey_graph_get_node_fixed_value (LsSankeyGraph  *self,
                                                     guint           node,
                                                     double         *value);
double         ls_sankey_graph_get_node_value       (LsSankeyGraph  *self,
                                                     guint           node);
guint          ls_sankey_graph_get_link_source      (LsSankeyGraph  *self,
                                                     guint           link);
guint          ls_sankey_graph_get_link_target      (LsSankeyGraph  *self,
                                                     guint           link);
double         ls_sankey_graph_get_link_value       (LsSankeyGraph  *self,
                                                     guint           link);

G_END_DECLS
