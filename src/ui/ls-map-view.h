/* ls-map-view.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ls-flow-layer.h"
#include "ls-map-source.h"
#include "ls-render-map.h"

G_BEGIN_DECLS

#define LS_TYPE_MAP_VIEW (ls_map_view_get_type ())

G_DECLARE_FINAL_TYPE (LsMapView, ls_map_view, LS, MAP_VIEW, GtkWidget)

GtkWidget           *ls_map_view_new                   (void);
LsResult            *ls_map_view_get_result            (LsMapView           *self);
void                 ls_map_view_set_result            (LsMapView           *self,
                                                        LsResult            *result);
LsRanges            *ls_map_view_get_ranges            (LsMapView           *self);
void                 ls_map_view_set_ranges            (LsMapView           *self,
                                                        LsRanges            *ranges);
const LsRenderStyle *ls_map_view_get_render_style      (LsMapView           *self);
void                 ls_map_view_set_render_style      (LsMapView           *self,
                                                        const LsRenderStyle *style);
LsMapMetric          ls_map_view_get_metric            (LsMapView           *self);
void                 ls_map_view_set_metric            (LsMapView           *self,
                                                        LsMapMetric          metric);
guint                ls_map_view_get_stage             (LsMapView           *self);
void                 ls_map_view_set_stage             (LsMapView           *self,
                                                        guint                stage);
gboolean             ls_map_view_get_show_arcs         (LsMapView           *self);
void                 ls_map_view_set_show_arcs         (LsMapView           *self,
                                                        gboolean             show_arcs);
gboolean             ls_map_view_get_online_tiles      (LsMapView           *self);
void                 ls_map_view_set_online_tiles      (LsMapView           *self,
                                                        gboolean             online_tiles);
const char          *ls_map_view_get_highlight_country (LsMapView           *self);
void                 ls_map_view_set_highlight_country (LsMapView           *self,
                                                        const char          *iso3);

const char          *ls_map_view_country_at            (LsMapView           *self,
                                                        double               x,
                                                        double               y);
gboolean             ls_map_view_activate_at           (LsMapView           *self,
                                                        double               x,
                                                        double               y);
gboolean             ls_map_view_location_to_coords    (LsMapView           *self,
                                                        double               latitude,
                                                        double               longitude,
                                                        double              *x,
                                                        double              *y);
void                 ls_map_view_fit_world             (LsMapView           *self);
void                 ls_map_view_reset_view            (LsMapView           *self);
gboolean             ls_map_view_get_user_moved        (LsMapView           *self);
double               ls_map_view_get_min_zoom          (LsMapView           *self);
const char          *ls_map_view_get_focus_country     (LsMapView           *self);
const guint         *ls_map_view_get_main_countries    (LsMapView           *self,
                                                        guint               *n_countries);
const char          *ls_map_view_get_popover_country   (LsMapView           *self);
gboolean             ls_map_view_get_extent            (LsMapView           *self,
                                                        LsGeoBounds         *extent);
void                 ls_map_view_get_figure_options    (LsMapView           *self,
                                                        LsMapOptions        *options);
gboolean             ls_map_view_legend_covers_data    (LsMapView           *self);
LsMapLegendParts     ls_map_view_get_legend_parts      (LsMapView           *self,
                                                        gboolean            *expanded);

ShumateMap          *ls_map_view_get_map               (LsMapView           *self);
LsFlowLayer         *ls_map_view_get_flow_layer        (LsMapView           *self);
LsMapSource         *ls_map_view_get_map_source        (LsMapView           *self);

G_END_DECLS
