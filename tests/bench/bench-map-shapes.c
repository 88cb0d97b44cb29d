/* bench-map-shapes.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ls-shapes.h"

#include <stdio.h>
#include <stdlib.h>

/* Times what the map does with the built-in Natural Earth shapes: loading
 * each file, hit testing random points (a pointer moving over the map),
 * and building the path of every country, first with the projection
 * still to compute and then from the cache. Exits 1 if a file does not
 * load or the share of land among the random points is implausible. */

#define LOADS 5
#define HITS 100000
#define DRAWS 20

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
append_all (LsShapes           *shapes,
            cairo_t            *cr,
            const LsProjection *proj)
{
  for (guint c = 0; c < ls_shapes_get_n_countries (shapes); c++)
    {
      cairo_new_path (cr);
      ls_shapes_append_path (shapes, c, cr, proj);
    }
}

static gboolean
bench_detail (LsShapesDetail  detail,
              const char     *label)
{
  g_autoptr(LsShapes) shapes = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  double loads[LOADS];
  double first_draw[LS_PROJECTION_N_KINDS], cached_draw[LS_PROJECTION_N_KINDS];
  cairo_surface_t *surface;
  cairo_t *cr;
  guint hits = 0;
  double hit_us;
  gint64 start;

  for (guint i = 0; i < LOADS; i++)
    {
      g_autoptr(GError) error = NULL;

      g_clear_object (&shapes);
      start = g_get_monotonic_time ();
      shapes = ls_shapes_new_default (detail, &error);
      loads[i] = elapsed_ms (start);
      if (shapes == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return FALSE;
        }
    }
  qsort (loads, LOADS, sizeof (double), compare_doubles);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < HITS; i++)
    {
      double lon = g_rand_double_range (rand, -180, 180);
      double lat = g_rand_double_range (rand, -60, 80);

      if (ls_shapes_hit_test (shapes, lon, lat) != NULL)
        hits++;
    }
  hit_us = elapsed_ms (start) * 1000.0 / HITS;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 900);
  cr = cairo_create (surface);
  for (guint kind = 0; kind < LS_PROJECTION_N_KINDS; kind++)
    {
      LsProjection proj;

      ls_projection_init_fit (&proj, kind, 0, 0, 1600, 900, 16);

      /* The first round also projects every point into the cache. */
      start = g_get_monotonic_time ();
      append_all (shapes, cr, &proj);
      first_draw[kind] = elapsed_ms (start);

      start = g_get_monotonic_time ();
      for (guint round = 0; round < DRAWS; round++)
        append_all (shapes, cr, &proj);
      cached_draw[kind] = elapsed_ms (start) / DRAWS;
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  printf ("%s: %u countries; load median %.1f ms (min %.1f, max %.1f); "
          "hit test %.2f µs/point (%.0f %% land); "
          "paths for all countries, Mercator %.2f ms first, %.3f ms cached; "
          "Equal Earth %.2f ms first, %.3f ms cached\n",
          label, ls_shapes_get_n_countries (shapes),
          loads[LOADS / 2], loads[0], loads[LOADS - 1],
          hit_us, 100.0 * hits / HITS,
          first_draw[LS_PROJECTION_WEB_MERCATOR], cached_draw[LS_PROJECTION_WEB_MERCATOR],
          first_draw[LS_PROJECTION_EQUAL_EARTH], cached_draw[LS_PROJECTION_EQUAL_EARTH]);

  /* Uniform in lon/lat between 60° S and 80° N, about a third of the
   * samples are land; far from that, the hit test is broken. */
  if (hits < HITS / 5 || hits > HITS / 2)
    {
      fprintf (stderr, "%s: implausible land share %.1f %%\n", label, 100.0 * hits / HITS);
      return FALSE;
    }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  gboolean ok = TRUE;

  ok &= bench_detail (LS_SHAPES_DETAIL_LOW, "110m");
  ok &= bench_detail (LS_SHAPES_DETAIL_MEDIUM, "50m");

  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
