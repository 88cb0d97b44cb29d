/* ls-flow-layer.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "ls-render-map.h"

G_BEGIN_DECLS

#define LS_TYPE_FLOW_LAYER (ls_flow_layer_get_type ())

G_DECLARE_FINAL_TYPE (LsFlowLayer, ls_flow_layer, LS, FLOW_LAYER, ShumateLayer)

LsFlowLayer *ls_flow_layer_new                (ShumateViewport     *viewport);
LsResult    *ls_flow_layer_get_result         (LsFlowLayer         *self);
void         ls_flow_layer_set_result         (LsFlowLayer         *self,
                                               LsResult            *result);
void         ls_flow_layer_get_options        (LsFlowLayer         *self,
                                               LsMapOptions        *options);
void         ls_flow_layer_set_options        (LsFlowLayer         *self,
                                               const LsMapOptions  *options);
void         ls_flow_layer_set_render_style   (LsFlowLayer         *self,
                                               const LsRenderStyle *style);
const char  *ls_flow_layer_get_highlight      (LsFlowLayer         *self);
void         ls_flow_layer_set_highlight      (LsFlowLayer         *self,
                                               const char          *iso3);
double       ls_flow_layer_get_max_arc_width  (LsFlowLayer         *self);
gboolean     ls_flow_layer_get_projection     (LsFlowLayer         *self,
                                               LsProjection        *projection,
                                               double              *world_width);
guint        ls_flow_layer_get_n_snapshots    (LsFlowLayer         *self);
guint        ls_flow_layer_get_n_faded_snapshots (LsFlowLayer  *self);
gboolean     ls_flow_layer_is_fading          (LsFlowLayer         *self);
gint64       ls_flow_layer_get_last_draw_time (LsFlowLayer         *self);
guint        ls_flow_layer_get_n_cache_draws  (LsFlowLayer         *self);
guint        ls_flow_layer_get_n_lines_updates (LsFlowLayer        *self);
gint64       ls_flow_layer_get_max_fade_draw_time (LsFlowLayer     *self);
void         ls_flow_layer_reset_timings      (LsFlowLayer         *self);
void         ls_flow_layer_set_zoom_settle_time (LsFlowLayer       *self,
                                               guint                msec);
gboolean     ls_flow_layer_check_image        (LsFlowLayer         *self);

G_END_DECLS
