/* ls-projection.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/**
 * LsProjectionKind:
 * @LS_PROJECTION_WEB_MERCATOR: spherical ("Web") Mercator, EPSG:3857, as
 *   used by libshumate and every slippy map; latitudes are clamped to
 *   ±%LS_PROJECTION_MERCATOR_MAX_LAT so the world is a square
 * @LS_PROJECTION_EQUAL_EARTH: Equal Earth (Šavrič, Patterson and Jenny,
 *   2018), an equal-area pseudocylindrical projection for static world maps
 *
 * Map projections. Projected ("raw") coordinates are on the unit sphere:
 * radius 1, x east and y north, origin at (0° E, 0° N). Web Mercator's
 * world is x, y ∈ [-π, π]; Equal Earth's is about x ∈ [-2.7066, 2.7066],
 * y ∈ [-1.3173, 1.3173].
 */
typedef enum
{
  LS_PROJECTION_WEB_MERCATOR,
  LS_PROJECTION_EQUAL_EARTH,
} LsProjectionKind;

#define LS_PROJECTION_N_KINDS 2

/* atan (sinh (π)): the latitude where Web Mercator's y reaches ±π, in degrees. */
#define LS_PROJECTION_MERCATOR_MAX_LAT 85.0511287798066

/**
 * LsProjection:
 * @kind: the projection
 * @scale: target units (device pixels, or points on a PDF) per raw unit
 * @origin_x: target x of raw (0, 0), i.e. of 0° E 0° N
 * @origin_y: target y of raw (0, 0)
 *
 * A projection placed on a target surface: lon/lat in degrees map to
 * target x/y with y growing downwards, as in Cairo:
 * `x = origin_x + scale * raw_x`, `y = origin_y - scale * raw_y`.
 * A plain struct, to be kept on the stack or in a widget.
 */
typedef struct
{
  LsProjectionKind kind;
  double           scale;
  double           origin_x;
  double           origin_y;
} LsProjection;

void     ls_projection_forward_raw   (LsProjectionKind     kind,
                                      double               lon,
                                      double               lat,
                                      double              *x,
                                      double              *y);
gboolean ls_projection_inverse_raw   (LsProjectionKind     kind,
                                      double               x,
                                      double               y,
                                      double              *lon,
                                      double              *lat);
void     ls_projection_get_extent    (LsProjectionKind     kind,
                                      double              *half_width,
                                      double              *half_height);

void     ls_projection_init          (LsProjection        *self,
                                      LsProjectionKind     kind,
                                      double               scale,
                                      double               origin_x,
                                      double               origin_y);
void     ls_projection_init_fit      (LsProjection        *self,
                                      LsProjectionKind     kind,
                                      double               x,
                                      double               y,
                                      double               width,
                                      double               height,
                                      double               padding);
void     ls_projection_init_fit_bounds (LsProjection       *self,
                                      LsProjectionKind     kind,
                                      double               west,
                                      double               south,
                                      double               east,
                                      double               north,
                                      double               x,
                                      double               y,
                                      double               width,
                                      double               height);
void     ls_projection_get_raw_bounds (LsProjectionKind    kind,
                                      double               west,
                                      double               south,
                                      double               east,
                                      double               north,
                                      double              *x1,
                                      double              *y1,
                                      double              *x2,
                                      double              *y2);
void     ls_projection_init_tiles    (LsProjection        *self,
                                      double               zoom,
                                      double               tile_size);
void     ls_projection_project       (const LsProjection  *self,
                                      double               lon,
                                      double               lat,
                                      double              *x,
                                      double              *y);
gboolean ls_projection_unproject     (const LsProjection  *self,
                                      double               x,
                                      double               y,
                                      double              *lon,
                                      double              *lat);
void     ls_projection_get_matrix    (const LsProjection  *self,
                                      cairo_matrix_t      *matrix);

G_END_DECLS
