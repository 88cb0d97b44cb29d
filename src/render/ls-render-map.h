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
#include "ls-ranges.h"
#include "ls-result.h"
#include "ls-shapes.h"

G_BEGIN_DECLS

/**
 * LsMapMetric:
 * @LS_MAP_METRIC_SHARE: each country's share of world output at the stage
 * @LS_MAP_METRIC_DEPENDENCY: the bloc's need of the stage's material, by
 *   who meets it: each supplier's part in the colour of its group
 *   (members, China, other non-members); unmet need hatched where it falls
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
 * @show_labels: whether to name the main countries of the metric
 * @projection: the projection of a figure (ls_render_map_figure());
 *   the map view is always Web Mercator
 * @has_extent: whether a figure shows @extent rather than the world
 * @extent: the part of the world a figure shows, e.g. what a map view
 *   showed (ls_map_view_get_figure_options())
 *
 * What a map shows. A plain struct; ls_map_options_init() gives the
 * defaults.
 */
typedef struct
{
  LsMapMetric      metric;
  guint            stage;
  gboolean         show_arcs;
  gboolean         show_labels;
  LsProjectionKind projection;
  gboolean         has_extent;
  LsGeoBounds      extent;
} LsMapOptions;

/* The world a figure shows when it has no extent: all longitudes, and
 * latitudes down to the Southern Ocean. Antarctica has no figures, and
 * drawn whole it takes a fifth of a Mercator map's height. */
#define LS_MAP_WORLD_SOUTH -60.0
#define LS_MAP_WORLD_NORTH  90.0

/**
 * LsMapLegendParts:
 * @LS_MAP_LEGEND_COLORS: what the fill colours mean, outlines, hatching
 * @LS_MAP_LEGEND_FLOWS: the arcs: colours, widths and dashes
 * @LS_MAP_LEGEND_ALL: everything
 *
 * Parts of the legend, so that a small map can show the part that reads
 * the fills alone.
 */
typedef enum
{
  LS_MAP_LEGEND_COLORS = 1 << 0,
  LS_MAP_LEGEND_FLOWS  = 1 << 1,
  LS_MAP_LEGEND_ALL    = LS_MAP_LEGEND_COLORS | LS_MAP_LEGEND_FLOWS,
} LsMapLegendParts;

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
void      ls_render_map_choropleth_borders    (cairo_t             *cr,
                                               LsResult            *result,
                                               LsShapes            *shapes,
                                               const LsRenderStyle *style,
                                               const LsMapOptions  *options,
                                               const LsProjection  *projection,
                                               double               border_width);
void      ls_render_map_is_filled             (LsResult            *result,
                                               const LsMapOptions  *options,
                                               gboolean            *filled);
void      ls_render_map_choropleth            (cairo_t             *cr,
                                               LsResult            *result,
                                               LsShapes            *shapes,
                                               const LsRenderStyle *style,
                                               const LsMapOptions  *options,
                                               const LsProjection  *projection,
                                               double               border_width);
void      ls_render_map_unmet                 (cairo_t             *cr,
                                               LsResult            *result,
                                               LsShapes            *shapes,
                                               const LsRenderStyle *style,
                                               const LsMapOptions  *options,
                                               const LsProjection  *projection,
                                               double               line_width);
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
void      ls_render_map_labels                (cairo_t             *cr,
                                               LsResult            *result,
                                               const LsRenderStyle *style,
                                               const LsMapOptions  *options,
                                               const LsProjection  *projection,
                                               double               font_size);
void      ls_render_map_get_country_box       (LsResult            *result,
                                               LsShapes            *shapes,
                                               guint                country,
                                               const LsProjection  *projection,
                                               cairo_rectangle_t   *box);
void      ls_render_map_highlight             (cairo_t             *cr,
                                               LsShapes            *shapes,
                                               guint                shape,
                                               const LsRenderStyle *style,
                                               const LsProjection  *projection,
                                               double               line_width);

cairo_region_t *ls_render_map_ink_region_new (cairo_surface_t      *image);
void      ls_render_map_ink_region_update     (cairo_region_t       *ink,
                                               cairo_surface_t      *image,
                                               const cairo_region_t *changed);
void      ls_render_map_paint_ink             (cairo_t             *cr,
                                               cairo_surface_t     *image,
                                               const cairo_region_t *ink);

guint     ls_render_map_count_arcs            (LsResult            *result,
                                               guint                stage);
guint    *ls_render_map_dup_main_countries    (LsResult            *result,
                                               const LsMapOptions  *options,
                                               guint               *n_countries);
double    ls_render_map_get_value             (LsResult            *result,
                                               const LsMapOptions  *options,
                                               guint                country);
gboolean  ls_render_map_get_country_need      (LsResult            *result,
                                               guint                stage,
                                               guint                country,
                                               double              *need,
                                               double              *received);
double    ls_render_map_get_country_unmet     (LsResult            *result,
                                               guint                stage,
                                               guint                country);
void      ls_render_map_color_for             (LsResult            *result,
                                               const LsRenderStyle *style,
                                               const LsMapOptions  *options,
                                               guint                country,
                                               LsColor             *color);

void      ls_render_map_measure_legend        (cairo_t             *cr,
                                               LsResult            *result,
                                               const LsRenderStyle *style,
                                               const LsMapOptions  *options,
                                               LsMapLegendParts     parts,
                                               double               max_arc_width,
                                               double              *width,
                                               double              *height);
void      ls_render_map_legend                (cairo_t             *cr,
                                               LsResult            *result,
                                               const LsRenderStyle *style,
                                               const LsMapOptions  *options,
                                               LsMapLegendParts     parts,
                                               double               max_arc_width,
                                               double               x,
                                               double               y);

char     *ls_render_map_dup_title             (LsResult            *result,
                                               const LsMapOptions  *options);
char     *ls_render_map_dup_description       (LsResult            *result,
                                               const LsMapOptions  *options);
char     *ls_render_map_dup_country_text      (LsResult            *result,
                                               const LsRanges      *ranges,
                                               const LsMapOptions  *options,
                                               guint                country);
char     *ls_render_map_dup_unmet_text        (LsResult            *result,
                                               guint                stage,
                                               guint                country);

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
