/* test-projection.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ls-projection.h"

#include <math.h>

static void
check_round_trip (LsProjectionKind kind,
                  double           max_lat)
{
  LsProjection placed;
  guint n = 0;

  ls_projection_init_fit (&placed, kind, 10, 20, 1200, 700, 16);

  for (double lat = -max_lat; lat <= max_lat; lat += max_lat / 40)
    {
      for (double lon = -180; lon <= 180; lon += 2.5)
        {
          double x, y, lon2, lat2;

          ls_projection_forward_raw (kind, lon, lat, &x, &y);
          g_assert_true (ls_projection_inverse_raw (kind, x, y, &lon2, &lat2));
          g_assert_cmpfloat_with_epsilon (lat2, lat, 1e-9);
          g_assert_cmpfloat_with_epsilon (lon2, lon, 1e-9);

          ls_projection_project (&placed, lon, lat, &x, &y);
          g_assert_true (ls_projection_unproject (&placed, x, y, &lon2, &lat2));
          g_assert_cmpfloat_with_epsilon (lat2, lat, 1e-9);
          g_assert_cmpfloat_with_epsilon (lon2, lon, 1e-9);
          n++;
        }
    }

  g_assert_cmpuint (n, ==, 81 * 145);
}

static void
test_mercator_round_trip (void)
{
  check_round_trip (LS_PROJECTION_WEB_MERCATOR, 85.0);
}

static void
test_equal_earth_round_trip (void)
{
  /* Equal Earth has pole lines, so even lon at ±90° comes back. */
  check_round_trip (LS_PROJECTION_EQUAL_EARTH, 90.0);
}

/* The slippy-map formula every tile server and libshumate use
 * (https://wiki.openstreetmap.org/wiki/Slippy_map_tilenames). */
static void
tile_pixel (double  lon,
            double  lat,
            double  zoom,
            double *x,
            double *y)
{
  double world = 256 * pow (2, zoom);
  double phi = lat * G_PI / 180;

  *x = (lon + 180) / 360 * world;
  *y = (1 - log (tan (phi) + 1 / cos (phi)) / G_PI) / 2 * world;
}

static void
test_mercator_tiles (void)
{
  static const double points[][2] = {
    { 0, 0 }, { 126.98, 37.57 }, { -175.0, 65.0 }, { 178.44, -18.14 },
    { 13.40, 52.52 }, { -74.0, 40.7 }, { 151.2, -33.87 }, { 179.99, 85.0 },
  };

  for (guint z = 0; z <= 18; z += 3)
    {
      LsProjection proj;

      ls_projection_init_tiles (&proj, z, 256);

      for (guint i = 0; i < G_N_ELEMENTS (points); i++)
        {
          double x, y, tx, ty, lon, lat;

          ls_projection_project (&proj, points[i][0], points[i][1], &x, &y);
          tile_pixel (points[i][0], points[i][1], z, &tx, &ty);
          /* 1e-9 of the world's size: a micrometre at zoom 18 */
          g_assert_cmpfloat_with_epsilon (x, tx, 256 * pow (2, z) * 1e-12);
          g_assert_cmpfloat_with_epsilon (y, ty, 256 * pow (2, z) * 1e-12);

          g_assert_true (ls_projection_unproject (&proj, tx, ty, &lon, &lat));
          g_assert_cmpfloat_with_epsilon (lon, points[i][0], 1e-9);
          g_assert_cmpfloat_with_epsilon (lat, points[i][1], 1e-9);
        }
    }
}

static void
test_mercator_square (void)
{
  LsProjection proj;
  double x, y;

  /* The corners of tile 0/0/0 */
  ls_projection_init_tiles (&proj, 0, 256);
  ls_projection_project (&proj, -180, LS_PROJECTION_MERCATOR_MAX_LAT, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 0, 1e-9);
  ls_projection_project (&proj, 180, -LS_PROJECTION_MERCATOR_MAX_LAT, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 256, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 256, 1e-9);

  /* Poles clamp to the edge instead of going to infinity. */
  ls_projection_project (&proj, 0, -90, &x, &y);
  g_assert_cmpfloat_with_epsilon (y, 256, 1e-9);
  ls_projection_project (&proj, 0, 90, &x, &y);
  g_assert_cmpfloat_with_epsilon (y, 0, 1e-9);
}

static void
check_fit (LsProjectionKind kind,
           double           rx,
           double           ry,
           double           width,
           double           height,
           double           padding)
{
  LsProjection proj;
  double min_x = G_MAXDOUBLE, max_x = -G_MAXDOUBLE;
  double min_y = G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  const double eps = 1e-9;

  ls_projection_init_fit (&proj, kind, rx, ry, width, height, padding);

  for (double lat = -90; lat <= 90; lat += 0.5)
    {
      for (double lon = -180; lon <= 180; lon += 0.5)
        {
          double x, y;

          ls_projection_project (&proj, lon, lat, &x, &y);
          min_x = MIN (min_x, x);
          max_x = MAX (max_x, x);
          min_y = MIN (min_y, y);
          max_y = MAX (max_y, y);
        }
    }

  g_assert_cmpfloat (min_x, >=, rx + padding - eps);
  g_assert_cmpfloat (max_x, <=, rx + width - padding + eps);
  g_assert_cmpfloat (min_y, >=, ry + padding - eps);
  g_assert_cmpfloat (max_y, <=, ry + height - padding + eps);

  /* Centred, and as large as fits: it touches the padding on one axis. */
  g_assert_cmpfloat_with_epsilon ((min_x + max_x) / 2, rx + width / 2, 1e-6);
  g_assert_cmpfloat_with_epsilon ((min_y + max_y) / 2, ry + height / 2, 1e-6);
  g_assert_true (fabs ((max_x - min_x) - (width - 2 * padding)) < 1e-6 ||
                 fabs ((max_y - min_y) - (height - 2 * padding)) < 1e-6);
}

static void
test_fit (void)
{
  for (guint kind = 0; kind < LS_PROJECTION_N_KINDS; kind++)
    {
      check_fit (kind, 0, 0, 1600, 900, 24);   /* wide: height limits */
      check_fit (kind, 0, 0, 400, 900, 10);    /* tall: width limits */
      check_fit (kind, -35, 120, 777, 333, 0); /* offset, no padding */
    }
}

static void
test_equal_earth_extent (void)
{
  double half_w, half_h, lon, lat;

  /* The published extent of Equal Earth on the unit sphere */
  ls_projection_get_extent (LS_PROJECTION_EQUAL_EARTH, &half_w, &half_h);
  g_assert_cmpfloat_with_epsilon (half_w, 2.7066299836, 1e-6);
  g_assert_cmpfloat_with_epsilon (half_h, 1.3173627591, 1e-6);

  ls_projection_get_extent (LS_PROJECTION_WEB_MERCATOR, &half_w, &half_h);
  g_assert_cmpfloat_with_epsilon (half_w, G_PI, 1e-12);
  g_assert_cmpfloat_with_epsilon (half_h, G_PI, 1e-9);

  /* The corner of the bounding box is off the rounded map. */
  g_assert_false (ls_projection_inverse_raw (LS_PROJECTION_EQUAL_EARTH, 2.7, 1.3, &lon, &lat));
  g_assert_false (ls_projection_inverse_raw (LS_PROJECTION_EQUAL_EARTH, 0, 1.4, &lon, &lat));
  g_assert_true (ls_projection_inverse_raw (LS_PROJECTION_EQUAL_EARTH, 0, 0, &lon, &lat));
  g_assert_false (ls_projection_inverse_raw (LS_PROJECTION_EQUAL_EARTH, NAN, 0, &lon, &lat));
}

/* Equal Earth is equal-area: a lon/lat cell's projected area equals its
 * area on the unit sphere, Δλ (sin φ2 − sin φ1). */
static void
test_equal_earth_equal_area (void)
{
  double total = 0;

  for (double lat = -90; lat < 90; lat += 15)
    {
      for (double lon = -180; lon < 180; lon += 30)
        {
          double area = 0;
          guint n = 0;
          double xs[4 * 64], ys[4 * 64];
          double sphere;

          /* The cell's outline, densely sampled: its edges are curves. */
          for (guint i = 0; i < 64; i++, n++)
            ls_projection_forward_raw (LS_PROJECTION_EQUAL_EARTH, lon + 30.0 * i / 64, lat, &xs[n], &ys[n]);
          for (guint i = 0; i < 64; i++, n++)
            ls_projection_forward_raw (LS_PROJECTION_EQUAL_EARTH, lon + 30, lat + 15.0 * i / 64, &xs[n], &ys[n]);
          for (guint i = 0; i < 64; i++, n++)
            ls_projection_forward_raw (LS_PROJECTION_EQUAL_EARTH, lon + 30 - 30.0 * i / 64, lat + 15, &xs[n], &ys[n]);
          for (guint i = 0; i < 64; i++, n++)
            ls_projection_forward_raw (LS_PROJECTION_EQUAL_EARTH, lon, lat + 15 - 15.0 * i / 64, &xs[n], &ys[n]);

          for (guint i = 0, j = n - 1; i < n; j = i++)
            area += (xs[j] * ys[i] - xs[i] * ys[j]) / 2;

          sphere = (30 * G_PI / 180) * (sin ((lat + 15) * G_PI / 180) - sin (lat * G_PI / 180));
          g_assert_cmpfloat_with_epsilon (area / sphere, 1.0, 1e-3);
          total += area;
        }
    }

  g_assert_cmpfloat_with_epsilon (total, 4 * G_PI, 1e-3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lodestone/render/projection/mercator-round-trip", test_mercator_round_trip);
  g_test_add_func ("/lodestone/render/projection/equal-earth-round-trip", test_equal_earth_round_trip);
  g_test_add_func ("/lodestone/render/projection/mercator-tiles", test_mercator_tiles);
  g_test_add_func ("/lodestone/render/projection/mercator-square", test_mercator_square);
  g_test_add_func ("/lodestone/render/projection/fit", test_fit);
  g_test_add_func ("/lodestone/render/projection/equal-earth-extent", test_equal_earth_extent);
  g_test_add_func ("/lodestone/render/projection/equal-earth-equal-area", test_equal_earth_equal_area);

  return g_test_run ();
}
