/* ls-sankey-figure.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "ls-palette.h"
#include "ls-ranges.h"
#include "ls-result.h"
#include "ls-sankey-layout.h"

G_BEGIN_DECLS

/**
 * LsSankeyNodeKind:
 * @LS_SANKEY_NODE_COUNTRY: one country's output at a stage
 * @LS_SANKEY_NODE_OTHER: the countries below the style's threshold, merged
 * @LS_SANKEY_NODE_UNKNOWN: supply of unknown origin (a source)
 * @LS_SANKEY_NODE_UNALLOCATED: output with no known buyer (a sink)
 * @LS_SANKEY_NODE_OTHER_USES: input a stage does not turn into its
 *   product (a sink; the cerium, lanthanum … of separation)
 */
typedef enum
{
  LS_SANKEY_NODE_COUNTRY,
  LS_SANKEY_NODE_OTHER,
  LS_SANKEY_NODE_UNKNOWN,
  LS_SANKEY_NODE_UNALLOCATED,
  LS_SANKEY_NODE_OTHER_USES,
} LsSankeyNodeKind;

/**
 * LsSankeyNode:
 * @id: stable id, "STAGE/ISO3" or "STAGE/other", "STAGE/unknown" …
 * @name: what the label says: a country name, "Other" …
 * @country_id: (nullable): the ISO3 code of a country node
 * @country: the country index, or -1
 * @kind: what the node stands for
 * @stage: the stage index, which is also the column
 * @tonnes: the stage's output (or the pseudo-node's amount), t, in the
 *   stage's unit
 * @share: @tonnes as a share of the stage's world output
 * @value: the height at the figure scale (see ls-sankey-build.c)
 * @source_id: (nullable): the source of the node's production figure
 * @source_title: (nullable): its title
 * @estimated: whether that figure (or most of the node's inflow) is an
 *   estimate
 * @x0: left, in figure coordinates
 * @x1: right
 * @y0: top
 * @y1: bottom
 * @alpha: opacity, below 1 only in interpolated figures
 * @target: what the node aims at, t, in the stage's unit: @tonnes and the
 *   output its shortfall kept it from (a country's target, DESIGN.md)
 * @unmet: the part of @value no supply met, at the figure scale: the
 *   shortfall over the stage's yield, drawn hatched at the bottom of the
 *   node ("needed, not received")
 * @pinned: whether the user put the node at its place in the column
 */
typedef struct
{
  char             *id;
  char             *name;
  char             *country_id;
  int               country;
  LsSankeyNodeKind  kind;
  guint             stage;
  double            tonnes;
  double            share;
  double            value;
  char             *source_id;
  char             *source_title;
  gboolean          estimated;
  double            x0;
  double            x1;
  double            y0;
  double            y1;
  double            alpha;
  double            target;
  double            unmet;
  gboolean          pinned;
} LsSankeyNode;

/**
 * LsSankeyLink:
 * @source: the node index it leaves
 * @target: the node index it enters
 * @value: its value at the figure scale
 * @estimated: the estimated part of @value
 * @width: its band width, value × scale
 * @y0: the centre of the band at the source
 * @y1: the centre of the band at the target
 * @alpha: opacity, below 1 only in interpolated figures
 */
typedef struct
{
  guint  source;
  guint  target;
  double value;
  double estimated;
  double width;
  double y0;
  double y1;
  double alpha;
} LsSankeyLink;

/**
 * LsSankeyLabel:
 * @node: the node labelled
 * @text: the name part as drawn (may be the ISO3 code)
 * @value_text: (nullable): the figure part, or %NULL when dropped
 * @x: left of the text
 * @y: top
 * @width: extent of the text
 * @height: extent of the text
 */
typedef struct
{
  guint   node;
  char   *text;
  char   *value_text;
  double  x;
  double  y;
  double  width;
  double  height;
} LsSankeyLabel;

/* Bands narrower than this are drawn this wide, so that a small flow
 * stays visible; node heights are not changed. */
#define LS_SANKEY_MIN_LINK_WIDTH 1.5

/**
 * LsSankeyFigureOptions:
 * @previous_order: (nullable) (array zero-terminated=1): node ids column by
 *   column, top to bottom, as from ls_sankey_figure_dup_node_order(): the
 *   order of the figure shown before, kept unless another is clearly
 *   better, and the tie-break
 * @keep_order: whether to take @previous_order as it is (an order found
 *   elsewhere, such as the exact one); nodes it does not name go below
 *   those it does
 * @quick_order: whether to keep @previous_order, or what sifting makes of
 *   it, without the layout's full search (see #LsSankeyLayoutOptions.quick):
 *   for a view's frame, with the search to follow in a worker thread
 * @pins: (nullable) (array length=n_pins): nodes the user put in place,
 *   held there while the rest is ordered around them
 * @n_pins: the number of @pins
 * @drawn: (nullable): a figure drawn before, whose labels' images this
 *   one may take where their text is the same (drawing is faster)
 *
 * How a figure orders its nodes. Zero-initialised: the layout's own order.
 */
typedef struct _LsSankeyFigure LsSankeyFigure;

typedef struct
{
  const char * const   *previous_order;
  gboolean               keep_order;
  gboolean               quick_order;
  const LsSankeyPin     *pins;
  guint                  n_pins;
  const LsSankeyFigure  *drawn;
} LsSankeyFigureOptions;

#define LS_TYPE_SANKEY_FIGURE (ls_sankey_figure_get_type ())

GType                ls_sankey_figure_get_type           (void) G_GNUC_CONST;
LsSankeyFigure      *ls_sankey_figure_new                (LsResult              *result,
                                                          const LsRenderStyle   *style,
                                                          double                 width,
                                                          double                 height,
                                                          const LsSankeyFigure  *previous);
LsSankeyFigure      *ls_sankey_figure_new_with_order     (LsResult              *result,
                                                          const LsRenderStyle   *style,
                                                          double                 width,
                                                          double                 height,
                                                          const char * const    *order);
LsSankeyFigure      *ls_sankey_figure_new_with_options   (LsResult              *result,
                                                          const LsRenderStyle   *style,
                                                          double                 width,
                                                          double                 height,
                                                          const LsSankeyFigureOptions *options);
LsSankeyFigure      *ls_sankey_figure_ref                (LsSankeyFigure        *self);
void                 ls_sankey_figure_unref              (LsSankeyFigure        *self);

LsResult            *ls_sankey_figure_get_result         (const LsSankeyFigure  *self);
double               ls_sankey_figure_get_width          (const LsSankeyFigure  *self);
double               ls_sankey_figure_get_height         (const LsSankeyFigure  *self);
double               ls_sankey_figure_get_scale          (const LsSankeyFigure  *self);
guint                ls_sankey_figure_get_n_columns      (const LsSankeyFigure  *self);
guint                ls_sankey_figure_get_n_nodes        (const LsSankeyFigure  *self);
const LsSankeyNode  *ls_sankey_figure_get_node           (const LsSankeyFigure  *self,
                                                          guint                  node);
int                  ls_sankey_figure_lookup_node        (const LsSankeyFigure  *self,
                                                          const char            *id);
int                  ls_sankey_figure_lookup_country     (const LsSankeyFigure  *self,
                                                          const char            *iso3,
                                                          guint                  stage);
guint                ls_sankey_figure_get_n_links        (const LsSankeyFigure  *self);
const LsSankeyLink  *ls_sankey_figure_get_link           (const LsSankeyFigure  *self,
                                                          guint                  link);
double               ls_sankey_figure_get_link_drawn_width (const LsSankeyFigure *self,
                                                          guint                  link);
guint                ls_sankey_figure_get_n_labels       (const LsSankeyFigure  *self);
const LsSankeyLabel *ls_sankey_figure_get_label          (const LsSankeyFigure  *self,
                                                          guint                  label);
char               **ls_sankey_figure_dup_node_order     (const LsSankeyFigure  *self);
LsSankeyGraph       *ls_sankey_figure_dup_graph          (const LsSankeyFigure  *self);
guint                ls_sankey_figure_get_n_pins         (const LsSankeyFigure  *self);
const LsSankeyPin   *ls_sankey_figure_get_pins           (const LsSankeyFigure  *self);
int                  ls_sankey_figure_get_node_label     (const LsSankeyFigure  *self,
                                                          guint                  node);
guint                ls_sankey_figure_get_node_rank      (const LsSankeyFigure  *self,
                                                          guint                  node);
guint                ls_sankey_figure_get_rank_at        (const LsSankeyFigure  *self,
                                                          guint                  node,
                                                          double                 y);

int                  ls_sankey_figure_node_at            (const LsSankeyFigure  *self,
                                                          double                 x,
                                                          double                 y);
int                  ls_sankey_figure_link_at            (const LsSankeyFigure  *self,
                                                          double                 x,
                                                          double                 y);
void                 ls_sankey_figure_get_path           (const LsSankeyFigure  *self,
                                                          guint                  node,
                                                          gboolean              *nodes,
                                                          gboolean              *links);
int                  ls_sankey_figure_get_neighbour      (const LsSankeyFigure  *self,
                                                          int                    node,
                                                          int                    dx,
                                                          int                    dy);
char                *ls_sankey_figure_describe_node      (const LsSankeyFigure  *self,
                                                          guint                  node,
                                                          const LsRanges        *ranges);
char                *ls_sankey_figure_describe_link      (const LsSankeyFigure  *self,
                                                          guint                  link,
                                                          const LsRanges        *ranges);
char                *ls_sankey_figure_describe_node_brief (const LsSankeyFigure *self,
                                                          guint                  node);
char                *ls_sankey_figure_describe           (const LsSankeyFigure  *self);

LsSankeyFigure      *ls_sankey_figure_interpolate        (const LsSankeyFigure  *from,
                                                          const LsSankeyFigure  *to,
                                                          double                 t);

void                 ls_sankey_figure_draw               (const LsSankeyFigure  *self,
                                                          cairo_t               *cr,
                                                          const LsRenderStyle   *style,
                                                          int                    highlight_node);
void                 ls_sankey_figure_draw_highlight     (const LsSankeyFigure  *self,
                                                          cairo_t               *cr,
                                                          const LsRenderStyle   *style,
                                                          int                    node);
void                 ls_sankey_figure_draw_highlight_link (const LsSankeyFigure *self,
                                                          cairo_t               *cr,
                                                          const LsRenderStyle   *style,
                                                          int                    link);
gboolean             ls_sankey_figure_draw_highlight_country (const LsSankeyFigure *self,
                                                          cairo_t               *cr,
                                                          const LsRenderStyle   *style,
                                                          const char            *iso3);
void                 ls_sankey_figure_draw_focus         (const LsSankeyFigure  *self,
                                                          cairo_t               *cr,
                                                          const LsRenderStyle   *style,
                                                          int                    node);
void                 ls_sankey_figure_draw_callout       (const LsSankeyFigure  *self,
                                                          cairo_t               *cr,
                                                          const LsRenderStyle   *style,
                                                          int                    node);
void                 ls_sankey_figure_draw_drag          (const LsSankeyFigure  *self,
                                                          cairo_t               *cr,
                                                          const LsRenderStyle   *style,
                                                          int                    node,
                                                          double                 y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsSankeyFigure, ls_sankey_figure_unref)

G_END_DECLS
