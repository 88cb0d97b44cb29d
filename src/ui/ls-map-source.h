/* ls-map-source.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "ls-palette.h"
#include "ls-shapes.h"

G_BEGIN_DECLS

#define LS_MAP_SOURCE_ID            "lodestone-offline"
#define LS_MAP_SOURCE_MIN_ZOOM      0
#define LS_MAP_SOURCE_MAX_ZOOM      8
#define LS_MAP_SOURCE_TILE_SIZE     256
/* From this zoom level on, tiles and overlays use the 1:50m shapes. */
#define LS_MAP_SOURCE_DETAIL_ZOOM   3

#define LS_TYPE_MAP_SOURCE (ls_map_source_get_type ())

G_DECLARE_FINAL_TYPE (LsMapSource, ls_map_source, LS, MAP_SOURCE, ShumateMapSource)

LsMapSource *ls_map_source_new                    (const LsRenderStyle *style);
void         ls_map_source_get_render_style       (LsMapSource         *self,
                                                   LsRenderStyle       *style);
void         ls_map_source_set_for_cairo_renderer (LsMapSource         *self,
                                                   gboolean             for_cairo_renderer);
guint        ls_map_source_get_n_filled_tiles     (LsMapSource         *self);

LsShapes    *ls_map_source_get_shapes_for_zoom    (double               zoom);
gboolean     ls_map_source_widget_uses_cairo      (GtkWidget           *widget);

G_END_DECLS
