/* ls-shapes.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "ls-projection.h"

G_BEGIN_DECLS

#define LS_SHAPES_ERROR (ls_shapes_error_quark ())

/**
 * LsShapesError:
 * @LS_SHAPES_ERROR_PARSE: the file is not well-formed JSON (or is truncated)
 * @LS_SHAPES_ERROR_FORMAT: the file is not "lodestone-shapes" version 1
 * @LS_SHAPES_ERROR_INVALID: well-formed, but a member is missing, has the
 *   wrong type or an impossible value (odd coordinate count, latitude
 *   outside [-90, 90], duplicate id, …)
 * @LS_SHAPES_ERROR_NOT_FOUND: the file could not be read
 *
 * Errors from loading country shapes. Messages read
 * `file:line:column: $.json.path: what is wrong`.
 */
typedef enum
{
  LS_SHAPES_ERROR_PARSE,
  LS_SHAPES_ERROR_FORMAT,
  LS_SHAPES_ERROR_INVALID,
  LS_SHAPES_ERROR_NOT_FOUND,
} LsShapesError;

/**
 * LsShapesDetail:
 * @LS_SHAPES_DETAIL_LOW: Natural Earth 1:110m, for overviews and small exports
 * @LS_SHAPES_DETAIL_MEDIUM: Natural Earth 1:50m, for zoomed maps and print
 *
 * Which of the built-in shape files to load.
 */
typedef enum
{
  LS_SHAPES_DETAIL_LOW,
  LS_SHAPES_DETAIL_MEDIUM,
} LsShapesDetail;

/**
 * LsGeoBounds:
 * @west: smallest longitude, degrees east
 * @south: smallest latitude, degrees north
 * @east: largest longitude, degrees east
 * @north: largest latitude, degrees north
 *
 * A longitude/latitude box. Shapes never cross the antimeridian, so
 * @west ≤ @east always; a country on both sides of it (Russia, Fiji)
 * spans the whole width.
 */
typedef struct
{
  double west;
  double south;
  double east;
  double north;
} LsGeoBounds;

#define LS_TYPE_SHAPES (ls_shapes_get_type ())

G_DECLARE_FINAL_TYPE (LsShapes, ls_shapes, LS, SHAPES, GObject)

GQuark        ls_shapes_error_quark      (void);

LsShapes     *ls_shapes_new_from_bytes   (GBytes             *bytes,
                                          const char         *filename,
                                          GError            **error);
LsShapes     *ls_shapes_new_from_file    (GFile              *file,
                                          GCancellable       *cancellable,
                                          GError            **error);
LsShapes     *ls_shapes_new_default      (LsShapesDetail      detail,
                                          GError            **error);
LsShapes     *ls_shapes_get_default      (LsShapesDetail      detail);

const char   *ls_shapes_get_filename     (LsShapes           *self);
const char   *ls_shapes_get_resolution   (LsShapes           *self);
guint         ls_shapes_get_n_countries  (LsShapes           *self);
const char   *ls_shapes_get_id           (LsShapes           *self,
                                          guint               country);
const char   *ls_shapes_get_name         (LsShapes           *self,
                                          guint               country);
int           ls_shapes_lookup           (LsShapes           *self,
                                          const char         *id);
void          ls_shapes_get_bounds       (LsShapes           *self,
                                          guint               country,
                                          LsGeoBounds        *bounds);
guint         ls_shapes_get_n_polygons   (LsShapes           *self,
                                          guint               country);
void          ls_shapes_get_polygon_bounds (LsShapes         *self,
                                            guint             country,
                                            guint             polygon,
                                            LsGeoBounds      *bounds);
guint         ls_shapes_get_n_rings      (LsShapes           *self,
                                          guint               country,
                                          guint               polygon);
const double *ls_shapes_get_ring         (LsShapes           *self,
                                          guint               country,
                                          guint               polygon,
                                          guint               ring,
                                          guint              *n_points);

int           ls_shapes_hit_test_index   (LsShapes           *self,
                                          double              lon,
                                          double              lat);
const char   *ls_shapes_hit_test         (LsShapes           *self,
                                          double              lon,
                                          double              lat);
gboolean      ls_shapes_meets_box        (LsShapes           *self,
                                          guint               country,
                                          const LsGeoBounds  *box);

void          ls_shapes_append_path      (LsShapes           *self,
                                          guint               country,
                                          cairo_t            *cr,
                                          const LsProjection *projection);

G_END_DECLS
