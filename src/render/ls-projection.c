/* ls-projection.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-projection"

#include "config.h"

#include "ls-projection.h"

#include <math.h>

#define DEG_TO_RAD (G_PI / 180.0)
#define RAD_TO_DEG (180.0 / G_PI)

/* Equal Earth polynomial coefficients and M = √3 / 2, from Šavrič, B.,
 * Patterson, T. and Jenny, B. (2018), "The Equal Earth map projection",
 * International Journal of Geographical Information Science 33 (3). */
#define EE_A1 1.340264
#define EE_A2 (-0.081106)
#define EE_A3 0.000893
#define EE_A4 0.003796
#define EE_M (0.8660254037844386) /* √3 / 2 */

static double
equal_earth_y (double theta)
{
  double t2 = theta * theta;
  double t6 = t2 * t2 * t2;

  return theta * (EE_A1 + EE_A2 * t2 + t6 * (EE_A3 + EE_A4 * t2));
}

/* dy/dθ, which is also the denominator of x. */
static double
equal_earth_dy (double theta)
{
  double t2 = theta * theta;
  double t6 = t2 * t2 * t2;

  return EE_A1 + 3 * EE_A2 * t2 + t6 * (7 * EE_A3 + 9 * EE_A4 * t2);
}

static void
equal_earth_forward (double  lambda,
                     double  phi,
                     double *x,
                     double *y)
{
  double theta = asin (EE_M * sin (phi));

  *x = 2 * sqrt (3) * lambda * cos (theta) / (3 * equal_earth_dy (theta));
  *y = equal_earth_y (theta);
}

static gboolean
equal_earth_inverse (double  x,
                     double  y,
                     double *lambda,
                     double *phi)
{
  double y_max = equal_earth_y (G_PI / 3);
  double theta = y;
  double lam;

  if (fabs (y) > y_max * (1 + 1e-12))
    return FALSE;

  /* Newton on y(θ); y is monotonic on [-π/3, π/3] and nearly linear, so
   * a handful of steps reach machine precision from θ = y. */
  for (guint i = 0; i < 20; i++)
    {
      double step = (equal_earth_y (theta) - y) / equal_earth_dy (theta);

      theta -= step;
      if (fabs (step) < 1e-15)
        break;
    }
  theta = CLAMP (theta, -G_PI / 3, G_PI / 3);

  lam = 3 * x * equal_earth_dy (theta) / (2 * sqrt (3) * cos (theta));
  if (fabs (lam) > G_PI * (1 + 1e-12))
    return FALSE;

  *lambda = CLAMP (lam, -G_PI, G_PI);
  *phi = asin (CLAMP (sin (theta) / EE_M, -1.0, 1.0));
  return TRUE;
}

/**
 * ls_projection_forward_raw:
 * @kind: the projection
 * @lon: longitude in degrees east, any value (not wrapped)
 * @lat: latitude in degrees north, [-90, 90]
 * @x: (out): raw x, unit sphere
 * @y: (out): raw y, unit sphere, north up
 *
 * Projects a point onto the unit-sphere plane of @kind. Web Mercator
 * clamps @lat to ±%LS_PROJECTION_MERCATOR_MAX_LAT, so the poles land on
 * the edge of the square world instead of at infinity.
 */
void
ls_projection_forward_raw (LsProjectionKind  kind,
                           double            lon,
                           double            lat,
                           double           *x,
                           double           *y)
{
  g_return_if_fail (x != NULL);
  g_return_if_fail (y != NULL);

  switch (kind)
    {
    case LS_PROJECTION_WEB_MERCATOR:
      lat = CLAMP (lat, -LS_PROJECTION_MERCATOR_MAX_LAT, LS_PROJECTION_MERCATOR_MAX_LAT);
      *x = lon * DEG_TO_RAD;
      *y = log (tan (G_PI / 4 + lat * DEG_TO_RAD / 2));
      break;

    case LS_PROJECTION_EQUAL_EARTH:
      lat = CLAMP (lat, -90.0, 90.0);
      equal_earth_forward (lon * DEG_TO_RAD, lat * DEG_TO_RAD, x, y);
      break;

    default:
      g_return_if_reached ();
    }
}

/**
 * ls_projection_inverse_raw:
 * @kind: the projection
 * @x: raw x, unit sphere
 * @y: raw y, unit sphere, north up
 * @lon: (out): longitude in degrees east
 * @lat: (out): latitude in degrees north
 *
 * The inverse of ls_projection_forward_raw(). Web Mercator wraps @x
 * around the world, so any @x gives a longitude in [-180, 180]; any @y is
 * valid. Equal Earth has an edge: points outside it give %FALSE.
 *
 * Returns: %TRUE if (@x, @y) is on the map
 */
gboolean
ls_projection_inverse_raw (LsProjectionKind  kind,
                           double            x,
                           double            y,
                           double           *lon,
                           double           *lat)
{
  double lambda, phi;

  g_return_val_if_fail (lon != NULL, FALSE);
  g_return_val_if_fail (lat != NULL, FALSE);

  if (!isfinite (x) || !isfinite (y))
    return FALSE;

  switch (kind)
    {
    case LS_PROJECTION_WEB_MERCATOR:
      /* Wrap, but leave ±180° as given rather than flip it to ∓180° over
       * a rounding error. */
      lambda = x;
      if (fabs (lambda) > G_PI * (1 + 1e-12))
        lambda = remainder (lambda, 2 * G_PI);
      lambda = CLAMP (lambda, -G_PI, G_PI);
      phi = atan (sinh (y));
      break;

    case LS_PROJECTION_EQUAL_EARTH:
      if (!equal_earth_inverse (x, y, &lambda, &phi))
        return FALSE;
      break;

    default:
      g_return_val_if_reached (FALSE);
    }

  *lon = lambda * RAD_TO_DEG;
  *lat = phi * RAD_TO_DEG;
  return TRUE;
}

/**
 * ls_projection_get_extent:
 * @kind: the projection
 * @half_width: (out): half the world's width in raw units
 * @half_height: (out): half the world's height in raw units
 *
 * The world of @kind, in raw units, is centred on (0, 0).
 */
void
ls_projection_get_extent (LsProjectionKind  kind,
                          double           *half_width,
                          double           *half_height)
{
  double unused;

  g_return_if_fail (half_width != NULL);
  g_return_if_fail (half_height != NULL);

  /* Both projections are widest on the equator and tallest at the poles. */
  ls_projection_forward_raw (kind, 180.0, 0.0, half_width, &unused);
  ls_projection_forward_raw (kind, 0.0, 90.0, &unused, half_height);
}

/**
 * ls_projection_init:
 * @self: a projection to fill in
 * @kind: the projection
 * @scale: target units per raw unit, > 0
 * @origin_x: target x of 0° E 0° N
 * @origin_y: target y of 0° E 0° N
 *
 * Places @kind on a target explicitly, e.g. to follow a map widget's
 * pan and zoom.
 */
void
ls_projection_init (LsProjection     *self,
                    LsProjectionKind  kind,
                    double            scale,
                    double            origin_x,
                    double            origin_y)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (scale > 0);

  self->kind = kind;
  self->scale = scale;
  self->origin_x = origin_x;
  self->origin_y = origin_y;
}

/**
 * ls_projection_init_fit:
 * @self: a projection to fill in
 * @kind: the projection
 * @x: left of the target rectangle
 * @y: top of the target rectangle
 * @width: width of the target rectangle, > 2 * @padding
 * @height: height of the target rectangle, > 2 * @padding
 * @padding: margin kept free on every side, in target units
 *
 * Fits the whole world of @kind into the rectangle, centred, keeping the
 * projection's aspect ratio.
 */
void
ls_projection_init_fit (LsProjection     *self,
                        LsProjectionKind  kind,
                        double            x,
                        double            y,
                        double            width,
                        double            height,
                        double            padding)
{
  double half_w, half_h;
  double inner_w = width - 2 * padding;
  double inner_h = height - 2 * padding;

  g_return_if_fail (self != NULL);
  g_return_if_fail (inner_w > 0 && inner_h > 0);

  ls_projection_get_extent (kind, &half_w, &half_h);
  ls_projection_init (self, kind,
                      MIN (inner_w / (2 * half_w), inner_h / (2 * half_h)),
                      x + width / 2,
                      y + height / 2);
}

/**
 * ls_projection_get_raw_bounds:
 * @kind: the projection
 * @west: western edge, degrees east
 * @south: southern edge, degrees north
 * @east: eastern edge, degrees east, > @west
 * @north: northern edge, degrees north, > @south
 * @x1: (out): least raw x of the box
 * @y1: (out): least raw y (the south)
 * @x2: (out): greatest raw x
 * @y2: (out): greatest raw y (the north)
 *
 * The raw bounding box of a longitude/latitude box. Both projections are
 * monotonic along parallels and meridians and widest at the equator, so
 * the box's corners and its equator crossing bound it.
 */
void
ls_projection_get_raw_bounds (LsProjectionKind  kind,
                              double            west,
                              double            south,
                              double            east,
                              double            north,
                              double           *x1,
                              double           *y1,
                              double           *x2,
                              double           *y2)
{
  double lats[3] = { south, north, 0 };
  guint n_lats = south < 0 && north > 0 ? 3 : 2;

  g_return_if_fail (x1 != NULL && y1 != NULL && x2 != NULL && y2 != NULL);

  *x1 = *y1 = G_MAXDOUBLE;
  *x2 = *y2 = -G_MAXDOUBLE;
  for (guint i = 0; i < n_lats; i++)
    for (guint j = 0; j < 2; j++)
      {
        double x, y;

        ls_projection_forward_raw (kind, j == 0 ? west : east, lats[i], &x, &y);
        *x1 = MIN (*x1, x);
        *x2 = MAX (*x2, x);
        *y1 = MIN (*y1, y);
        *y2 = MAX (*y2, y);
      }
}

/**
 * ls_projection_init_fit_bounds:
 * @self: a projection to fill in
 * @kind: the projection
 * @west: western edge of the part of the world to show, degrees east
 * @south: its southern edge, degrees north
 * @east: its eastern edge, > @west
 * @north: its northern edge, > @south
 * @x: left edge of the target rectangle
 * @y: top edge
 * @width: its width, > 0
 * @height: its height, > 0
 *
 * Places @kind so that the box from @west to @east and @south to @north
 * fits the rectangle, centred: the extent a map view showed, drawn again
 * in a figure.
 */
void
ls_projection_init_fit_bounds (LsProjection     *self,
                               LsProjectionKind  kind,
                               double            west,
                               double            south,
                               double            east,
                               double            north,
                               double            x,
                               double            y,
                               double            width,
                               double            height)
{
  double x1, y1, x2, y2, scale;

  g_return_if_fail (self != NULL);
  g_return_if_fail (width > 0 && height > 0);
  g_return_if_fail (east > west && north > south);

  ls_projection_get_raw_bounds (kind, west, south, east, north, &x1, &y1, &x2, &y2);
  scale = MIN (width / (x2 - x1), height / (y2 - y1));
  ls_projection_init (self, kind, scale,
                      x + width / 2 - scale * (x1 + x2) / 2,
                      y + height / 2 + scale * (y1 + y2) / 2);
}

/**
 * ls_projection_init_tiles:
 * @self: a projection to fill in
 * @zoom: zoom level, may be fractional
 * @tile_size: tile size in pixels (256 for libshumate's default)
 *
 * Web Mercator in slippy-map world pixels, as libshumate and OSM count
 * them: the world is `tile_size * 2^zoom` pixels square, (0, 0) is its
 * top left corner at 180° W, 85.05° N. A widget showing part of it
 * translates by the viewport's offset.
 */
void
ls_projection_init_tiles (LsProjection *self,
                          double        zoom,
                          double        tile_size)
{
  double world = tile_size * exp2 (zoom);

  ls_projection_init (self, LS_PROJECTION_WEB_MERCATOR,
                      world / (2 * G_PI), world / 2, world / 2);
}

/**
 * ls_projection_project:
 * @self: a projection
 * @lon: longitude in degrees east
 * @lat: latitude in degrees north
 * @x: (out): target x
 * @y: (out): target y (down)
 *
 * Projects a point onto the target.
 */
void
ls_projection_project (const LsProjection *self,
                       double              lon,
                       double              lat,
                       double             *x,
                       double             *y)
{
  double rx, ry;

  g_return_if_fail (self != NULL);

  ls_projection_forward_raw (self->kind, lon, lat, &rx, &ry);
  *x = self->origin_x + self->scale * rx;
  *y = self->origin_y - self->scale * ry;
}

/**
 * ls_projection_unproject:
 * @self: a projection
 * @x: target x
 * @y: target y (down)
 * @lon: (out): longitude in degrees east
 * @lat: (out): latitude in degrees north
 *
 * The inverse of ls_projection_project(), e.g. for hit testing a click.
 *
 * Returns: %TRUE if the point is on the map
 */
gboolean
ls_projection_unproject (const LsProjection *self,
                         double              x,
                         double              y,
                         double             *lon,
                         double             *lat)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return ls_projection_inverse_raw (self->kind,
                                    (x - self->origin_x) / self->scale,
                                    (self->origin_y - y) / self->scale,
                                    lon, lat);
}

/**
 * ls_projection_get_matrix:
 * @self: a projection
 * @matrix: (out caller-allocates): the raw-to-target transformation
 *
 * The affine part of @self: raw unit-sphere coordinates to target
 * coordinates. Paths built from precomputed raw coordinates under this
 * matrix need no trigonometry per frame.
 */
void
ls_projection_get_matrix (const LsProjection *self,
                          cairo_matrix_t     *matrix)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (matrix != NULL);

  cairo_matrix_init (matrix, self->scale, 0, 0, -self->scale, self->origin_x, self->origin_y);
}
