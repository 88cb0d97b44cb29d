/* ls-render-map.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "ls-palette.h"
#include "ls-projection.h"
#include "ls-result.h"
#include "ls-shapes.h"

G_BEGIN_DECLS

/**
 * LsMapMetric:
 * @LS_MAP_METRIC_SHARE: each country's share of world output at the stage
 * @LS_MAP_METRIC_DEPENDENCY: the share of the bloc's intake at the stage
 *   that comes from each supplier
 * @LS_MAP_METRIC_MEMBERSHIP: bloc member, China, or other
 *
 * What the choropleth shows.
 */
typedef enum
{
  LS_MAP_METRIC_SHARE,
  LS_MAP_METRIC_DEPENDENCY,
  LS_MAP_METRIC_MEMBERSHIP,
} LsMapMetric;

#define LS_MAP_N_METRICS 3

/**
 * LsMapOptions:
 * @metric: what the choropleth shows
 * @stage: index of the stage, below ls_result_get_n_stages()
 * @show_arcs: whether to draw the flows leaving @stage as arcs
 *
 * What a map shows. A plain struct; ls_map_options_init() gives the
 * defaults.
 */
typedef struct
{
  LsMapMetric metric;
  guint       stage;
  gboolean    show_arcs;
} LsMapOptions;

void      ls_map_options_init                 (LsMapOptions        *options);

/* The layers of a map, bottom to top, each drawn through @projection in
 * @cr's user space. The widget calls them with its own projection (the
 * libshumate viewport), the static figure with a world projection. Line
 * widths are in user units. */
void      ls_render_map_sea                   (cairo_t             *cr,
                                               const LsRenderStyle *style,
                                               const LsProjection  *projection);
void      ls_render_map_land                  (cairo_t             *cr,
                                               LsShapes            *shapes,
                                               const LsRenderStyle *style,
                                               const LsProjection  *projection,
                                               double               border_width);
void      ls_render_map_choropleth            (cairo_t             *cr,
                                               LsResult            *result,
                                               LsShapes            *shapes,
                                               const LsRenderStyle *style,
                                               const LsMapOptions  *options,
                                               const LsProjection  *projection,
                                               double               border_width);
void      ls_render_map_outlines              (cairo_t             *cr,
                                               LsResult            *result,
                                               LsShapes            *shapes,
                                               const LsRenderStyle *style,
                                               const LsProjection  *projection,
                                               double               line_width);
void      ls_render_map_arcs                  (cairo_t             *cr,
                                               LsResult            *result,
                                               const LsRenderStyle *style,
                                               const LsMapOptions  *options,
                                               const LsProjection  *projection,
                                               double               max_width);
void      ls_render_map_highlight             (cairo_t             *cr,
                                               LsShapes            *shapes,
                                               guint                shape,
                                               const LsRenderStyle *style,
                                               const LsProjection  *projection,
                                               double               line_width);

guint     ls_render_map_count_arcs            (LsResult            *result,
                                               guint                stage);
void      ls_render_map_color_for             (LsResult            *result,
                                               const LsRenderStyle *style,
                                               const LsMapOptions  *options,
                                               guint                country,
                                               LsColor             *color);

void      ls_render_map_measure_legend        (cairo_t             *cr,
                                               LsResult            *result,
                                               const LsRenderStyle *style,
                                               const LsMapOptions  *options,
                                               double               max_arc_width,
                                               double              *width,
                                               double              *height);
void      ls_render_map_legend                (cairo_t             *cr,
                                               LsResult            *result,
                                               const LsRenderStyle *style,
                                               const LsMapOptions  *options,
                                               double               max_arc_width,
                                               double               x,
                                               double               y);

char     *ls_render_map_dup_title             (LsResult            *result,
                                               const LsMapOptions  *options);
char     *ls_render_map_dup_description       (LsResult            *result,
                                               const LsMapOptions  *options);

gboolean  ls_render_map_figure_get_projection (cairo_t             *cr,
                                               LsResult            *result,
                                               const LsRenderStyle *style,
                                               const LsMapOptions  *options,
                                               double               width,
                                               double               height,
                                               LsProjection        *projection);
void      ls_render_map_figure                (cairo_t             *cr,
                                               LsResult            *result,
                                               LsShapes            *shapes,
                                               const LsRenderStyle *style,
                                               const LsMapOptions  *options,
                                               double               width,
                                               double               height);

G_END_DECLS
