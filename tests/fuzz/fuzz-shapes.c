/* fuzz-shapes.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "ls-shapes.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

/* Any input either loads or fails with an error; shapes that load hold
 * only what the loader promises (finite coordinates within ±180°/±90°,
 * rings of three points or more), and can be hit-tested and drawn. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const double points[][2] = {
    { 0, 0 }, { 127.5, 36.5 }, { 178.5, -17.5 }, { -180, -89 }, { 180, 90 }, { 540, 10 },
  };
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(LsShapes) shapes = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  shapes = ls_shapes_new_from_bytes (bytes, "fuzz.json", &error);
  if (shapes == NULL)
    {
      g_assert (error != NULL && error->domain == LS_SHAPES_ERROR);
      return 0;
    }
  g_assert_no_error (error);

  for (guint c = 0; c < ls_shapes_get_n_countries (shapes); c++)
    {
      const char *id = ls_shapes_get_id (shapes, c);

      g_assert_cmpint (ls_shapes_lookup (shapes, id), ==, c);
      g_assert (ls_shapes_get_n_polygons (shapes, c) >= 1);

      for (guint p = 0; p < ls_shapes_get_n_polygons (shapes, c); p++)
        for (guint r = 0; r < ls_shapes_get_n_rings (shapes, c, p); r++)
          {
            guint n_points;
            const double *xy = ls_shapes_get_ring (shapes, c, p, r, &n_points);

            g_assert (n_points >= 3);
            for (guint i = 0; i < n_points; i++)
              g_assert (isfinite (xy[2 * i]) && fabs (xy[2 * i]) <= 180 &&
                        isfinite (xy[2 * i + 1]) && fabs (xy[2 * i + 1]) <= 90);
          }
    }

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      int hit = ls_shapes_hit_test_index (shapes, points[i][0], points[i][1]);

      g_assert (hit >= -1 && hit < (int) ls_shapes_get_n_countries (shapes));
    }

  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  for (guint kind = 0; kind < LS_PROJECTION_N_KINDS; kind++)
    {
      LsProjection projection;

      ls_projection_init_fit (&projection, kind, 0, 0, 640, 320, 4);
      for (guint c = 0; c < ls_shapes_get_n_countries (shapes); c++)
        ls_shapes_append_path (shapes, c, cr, &projection);
      cairo_new_path (cr);
    }
  g_assert (cairo_status (cr) == CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return 0;
}
