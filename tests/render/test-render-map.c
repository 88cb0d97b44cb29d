/* test-render-map.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ls-explain.h"
#include "ls-render-map.h"
#include "ls-test-utils.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SEOUL_LON 126.98
#define SEOUL_LAT 37.57

typedef enum
{
  FORMAT_PNG,
  FORMAT_SVG,
  FORMAT_PDF,
} Format;

static LsShapes *shapes_low;

static LsShapes *
get_shapes (void)
{
  if (shapes_low == NULL)
    {
      g_autoptr(GError) error = NULL;

      shapes_low = ls_shapes_new_default (LS_SHAPES_DETAIL_LOW, &error);
      g_assert_no_error (error);
    }

  return shapes_low;
}

static guint
find_stage (LsResult   *result,
            const char *id)
{
  int stage = ls_dataset_lookup_stage (ls_result_get_dataset (result), id);

  g_assert_cmpint (stage, >=, 0);
  return stage;
}

static void
export_one (LsResult    *result,
            const char  *dir,
            Format       format,
            gboolean     dark,
            LsMapMetric  metric)
{
  static const char *extensions[] = { "png", "svg", "pdf" };
  g_autofree char *name = g_strdup_printf ("map-%d-%s.%s", metric, dark ? "dark" : "light", extensions[format]);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  cairo_surface_t *surface;
  cairo_t *cr;
  LsRenderStyle style;
  LsMapOptions options;
  GStatBuf st;

  ls_render_style_init (&style, dark);
  ls_map_options_init (&options);
  options.metric = metric;
  options.stage = find_stage (result, "mining");

  switch (format)
    {
    case FORMAT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 800);
      break;
    case FORMAT_SVG:
      surface = cairo_svg_surface_create (path, 1280, 800);
      break;
    case FORMAT_PDF:
    default:
      surface = cairo_pdf_surface_create (path, 1280, 800);
      break;
    }

  cr = cairo_create (surface);
  ls_render_map_figure (cr, result, get_shapes (), &style, &options, 1280, 800);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);

  if (format == FORMAT_PNG)
    g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 1000);

  if (format == FORMAT_PNG)
    {
      cairo_surface_t *png = cairo_image_surface_create_from_png (path);

      g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (png), ==, 1280);
      g_assert_cmpint (cairo_image_surface_get_height (png), ==, 800);
      cairo_surface_destroy (png);
    }

  g_assert_cmpint (g_remove (path), ==, 0);
}

static void
test_export (void)
{
  g_autoptr(LsResult) result = ls_test_default_result ("msp");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lodestone-map-XXXXXX", &error);

  g_assert_no_error (error);

  for (Format format = FORMAT_PNG; format <= FORMAT_PDF; format++)
    for (int dark = 0; dark <= 1; dark++)
      for (LsMapMetric metric = 0; metric < LS_MAP_N_METRICS; metric++)
        export_one (result, dir, format, dark, metric);

  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The colour of the pixel where @lon, @lat lands in a 2048 × 1024
 * figure of @result, without arcs or labels. */
static gboolean
pixel_at_full (LsResult    *result,
               gboolean     dark,
               LsMapMetric  metric,
               const char  *stage,
               double       lon,
               double       lat,
               LsColor     *color)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 2048, 1024);
  cairo_t *cr = cairo_create (surface);
  LsRenderStyle style;
  LsMapOptions options;
  LsProjection projection;
  const guint32 *row;
  guint32 argb;
  double x, y;

  ls_render_style_init (&style, dark);
  ls_map_options_init (&options);
  options.metric = metric;
  options.stage = find_stage (result, stage);
  options.show_arcs = FALSE;
  options.show_labels = FALSE;

  ls_render_map_figure (cr, result, get_shapes (), &style, &options, 2048, 1024);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  g_assert_true (ls_render_map_figure_get_projection (cr, result, &style, &options, 2048, 1024, &projection));
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  ls_projection_project (&projection, lon, lat, &x, &y);
  if (x < 0 || x >= 2048 || y < 0 || y >= 1024)
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }

  /* ARGB32 is native-endian and premultiplied; the map is opaque. */
  row = (const guint32 *) (gpointer) (cairo_image_surface_get_data (surface)
                                      + (int) y * cairo_image_surface_get_stride (surface));
  argb = row[(int) x];
  color->alpha = (argb >> 24 & 0xff) / 255.0;
  color->red = (argb >> 16 & 0xff) / 255.0;
  color->green = (argb >> 8 & 0xff) / 255.0;
  color->blue = (argb & 0xff) / 255.0;

  cairo_surface_destroy (surface);
  return TRUE;
}

static void
pixel_at (LsResult *result,
          gboolean  dark,
          double    lon,
          double    lat,
          LsColor  *color)
{
  g_assert_true (pixel_at_full (result, dark, LS_MAP_METRIC_MEMBERSHIP, "magnets", lon, lat, color));
}

/* Hue in degrees, or -1 for a grey. */
static double
hue_of (const LsColor *c)
{
  double max = MAX (c->red, MAX (c->green, c->blue));
  double min = MIN (c->red, MIN (c->green, c->blue));
  double d = max - min, h;

  if (d < 0.04)
    return -1;
  if (max == c->red)
    h = fmod ((c->green - c->blue) / d, 6);
  else if (max == c->green)
    h = (c->blue - c->red) / d + 2;
  else
    h = (c->red - c->green) / d + 4;
  h *= 60;
  return h < 0 ? h + 360 : h;
}

static double
hue_distance (double a,
              double b)
{
  double d = fabs (a - b);

  return MIN (d, 360 - d);
}

static gboolean
color_near (const LsColor *a,
            const LsColor *b)
{
  return fabs (a->red - b->red) < 0.02 && fabs (a->green - b->green) < 0.02 && fabs (a->blue - b->blue) < 0.02;
}

static void
test_seoul_member (void)
{
  g_autoptr(LsResult) bloc = ls_test_default_result ("msp");
  g_autoptr(LsResult) none = ls_test_default_result (NULL);
  int kor = ls_dataset_lookup_country (ls_result_get_dataset (bloc), "KOR");
  LsColor pixel;

  g_assert_cmpint (kor, >=, 0);
  g_assert_true (ls_result_is_member (bloc, kor));
  g_assert_false (ls_result_is_member (none, kor));

  for (int dark = 0; dark <= 1; dark++)
    {
      LsRenderStyle style;

      ls_render_style_init (&style, dark);

      pixel_at (bloc, dark, SEOUL_LON, SEOUL_LAT, &pixel);
      g_assert_cmpfloat (pixel.alpha, ==, 1.0);
      g_assert_true (color_near (&pixel, &style.member));

      /* Out of the bloc, the same pixel is not the member colour. */
      pixel_at (none, dark, SEOUL_LON, SEOUL_LAT, &pixel);
      g_assert_false (color_near (&pixel, &style.member));
    }
}

/* Russia, Fiji and the USA (Aleutians) cross the antimeridian; a ring
 * drawn across the map from +180° to −180° would paint a band of land
 * over the oceans at their latitudes. */
static void
test_antimeridian (void)
{
  g_autoptr(LsResult) none = ls_test_default_result (NULL);
  static const double sea_points[][2] = {
    { -150, 50 },   /* North Pacific, Russia's latitudes */
    { -30, 55 },    /* North Atlantic */
    { -170, 15 },   /* Pacific, south of the Aleutians' band */
    { 0, -17 },     /* South Atlantic, at Fiji's latitude */
    { -120, -17 },  /* South Pacific, at Fiji's latitude */
  };
  static const double land_points[][2] = {
    { 175, 66 },    /* Chukotka, east of 180° in longitude order */
    { 100, 60 },    /* Siberia */
    { -100, 40 },   /* Kansas */
  };
  LsRenderStyle style;
  LsColor pixel;

  ls_render_style_init (&style, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (sea_points); i++)
    {
      pixel_at (none, FALSE, sea_points[i][0], sea_points[i][1], &pixel);
      g_assert_true (color_near (&pixel, &style.sea));
    }
  for (guint i = 0; i < G_N_ELEMENTS (land_points); i++)
    {
      pixel_at (none, FALSE, land_points[i][0], land_points[i][1], &pixel);
      g_assert_false (color_near (&pixel, &style.sea));
    }
}

static void
test_words (void)
{
  g_autoptr(LsResult) result = ls_test_default_result ("msp");
  g_autoptr(LsResult) none = ls_test_default_result (NULL);
  g_autofree char *title = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *share = NULL;
  g_autofree char *dependency = NULL;
  g_autofree char *no_bloc = NULL;
  g_autofree char *membership = NULL;
  LsMapOptions options;

  ls_map_options_init (&options);
  options.stage = find_stage (result, "mining");

  title = ls_render_map_dup_title (result, &options);
  expected = g_strdup_printf ("Rare-earth mining, %d — share of world output", ls_result_get_year (result));
  g_assert_cmpstr (title, ==, expected);

  /* The largest producer comes first, and the largest flows are named. */
  share = ls_render_map_dup_description (result, &options);
  g_assert_nonnull (strstr (share, ": China "));
  g_assert_nonnull (strstr (share, "Largest flows: "));

  options.metric = LS_MAP_METRIC_DEPENDENCY;
  dependency = ls_render_map_dup_description (result, &options);
  g_assert_nonnull (strstr (dependency, "from outside"));
  no_bloc = ls_render_map_dup_description (none, &options);
  g_assert_nonnull (strstr (no_bloc, "no bloc chosen"));

  options.metric = LS_MAP_METRIC_MEMBERSHIP;
  options.show_arcs = FALSE;
  membership = ls_render_map_dup_description (result, &options);
  g_assert_nonnull (strstr (membership, "South Korea"));
  g_assert_null (strstr (membership, "Largest flows"));
}

static void
test_colors (void)
{
  g_autoptr(LsResult) result = ls_test_default_result ("msp");
  LsDataset *dataset = ls_result_get_dataset (result);
  int china = ls_dataset_get_china (dataset);
  int usa = ls_dataset_lookup_country (dataset, "USA");
  int greenland = ls_dataset_lookup_country (dataset, "GRL");
  LsRenderStyle style;
  LsMapOptions options;
  LsColor china_color, usa_color, color;

  ls_render_style_init (&style, FALSE);
  ls_map_options_init (&options);
  options.stage = find_stage (result, "mining");

  /* Share: more output, deeper colour; none keeps the land colour. A
   * fill is the ramp's deep end, as opaque as the share is deep: over the
   * land it is the ramp's colour. */
  ls_render_map_color_for (result, &style, &options, china, &china_color);
  ls_render_map_color_for (result, &style, &options, usa, &usa_color);
  g_assert_cmpfloat (china_color.alpha, >, usa_color.alpha);
  g_assert_cmpfloat (usa_color.alpha, >, 0);
  {
    LsColor ramp, over;

    ls_color_sequential (&style, ls_result_get_share (result, options.stage, china), &ramp);
    ls_color_lerp (&style.land, &(LsColor) { china_color.red, china_color.green, china_color.blue, 1.0 },
                   china_color.alpha, &over);
    g_assert_true (color_near (&over, &ramp));
  }
  if (ls_result_get_production (result, options.stage, greenland) == 0)
    {
      ls_render_map_color_for (result, &style, &options, greenland, &color);
      g_assert_cmpfloat (color.alpha, ==, 0.0);
    }

  options.metric = LS_MAP_METRIC_MEMBERSHIP;
  ls_render_map_color_for (result, &style, &options, china, &color);
  g_assert_true (color_near (&color, &style.china));
  ls_render_map_color_for (result, &style, &options, usa, &color);
  g_assert_true (color_near (&color, &style.member));
}

static void
test_arcs (void)
{
  g_autoptr(LsResult) result = ls_test_default_result (NULL);
  guint mining = find_stage (result, "mining");
  guint last = ls_result_get_n_stages (result) - 1;

  /* Myanmar → China and the USA → China are far above the threshold. */
  g_assert_cmpuint (ls_render_map_count_arcs (result, mining), >=, 2);
  /* The last stage has no outgoing flows. */
  g_assert_cmpuint (ls_render_map_count_arcs (result, last), ==, 0);
}

/* M6: blue means the bloc and red China; a share of world output is
 * neither. No colour of the share ramp is near the bloc's blue, and
 * China, the largest producer, is not painted blue. */
static void
test_share_not_blue (void)
{
  g_autoptr(LsResult) result = ls_test_default_result ("msp");

  for (int dark = 0; dark <= 1; dark++)
    {
      LsRenderStyle style;
      LsColor pixel, ramp;

      ls_render_style_init (&style, dark);
      for (double t = 0.05; t <= 1.0; t += 0.05)
        {
          ls_color_sequential (&style, t, &ramp);
          g_assert_cmpfloat (hue_distance (hue_of (&ramp), hue_of (&style.member)), >, 45);
          g_assert_cmpfloat (hue_distance (hue_of (&ramp), hue_of (&style.china)), >, 45);
        }

      /* Xinjiang, away from China's label and arcs, in each stage's
       * share map; China makes most of each stage's output. */
      for (guint stage = 0; stage < 4; stage++)
        {
          const char *stages[] = { "mining", "separation", "metal", "magnets" };

          if (ls_dataset_lookup_stage (ls_result_get_dataset (result), stages[stage]) < 0)
            continue;
          g_assert_true (pixel_at_full (result, dark, LS_MAP_METRIC_SHARE, stages[stage], 85.0, 40.0, &pixel));
          g_assert_cmpfloat (pixel.alpha, ==, 1.0);
          g_assert_false (color_near (&pixel, &style.member));
          g_assert_cmpfloat (hue_of (&pixel), >=, 0);
          g_assert_cmpfloat (hue_distance (hue_of (&pixel), hue_of (&style.member)), >, 45);
        }
    }
}

/* Issue 13: the dependency map paints each supplier in its group's need
 * colour: China red, a member blue. */
static void
test_dependency_colors (void)
{
  g_autoptr(LsResult) result = ls_test_default_result ("msp");
  LsDataset *dataset = ls_result_get_dataset (result);
  int china = ls_dataset_get_china (dataset);
  int japan = ls_dataset_lookup_country (dataset, "JPN");
  LsRenderStyle style;
  LsMapOptions options;
  LsColor color;

  ls_render_style_init (&style, FALSE);
  ls_map_options_init (&options);
  options.metric = LS_MAP_METRIC_DEPENDENCY;
  options.stage = find_stage (result, "magnets");

  g_assert_true (ls_result_is_member (result, japan));
  g_assert_cmpfloat (ls_render_map_get_value (result, &options, china), >, 0.3);
  ls_render_map_color_for (result, &style, &options, china, &color);
  g_assert_cmpfloat (hue_distance (hue_of (&color), hue_of (ls_render_style_get_need_color (&style, LS_NEED_CHINA))), <, 10);
  ls_render_map_color_for (result, &style, &options, japan, &color);
  g_assert_cmpfloat (ls_render_map_get_value (result, &options, japan), >, 0);
  g_assert_cmpfloat (hue_distance (hue_of (&color), hue_of (ls_render_style_get_need_color (&style, LS_NEED_MEMBERS))), <, 10);

  /* The countries' parts are the need met from known places: the need
   * split less what reaches members from `unknown`. */
  {
    guint n = ls_result_get_n_countries (result);
    LsNeedSplit split;
    double sum = 0, unknown = 0;

    g_assert_true (ls_result_get_need_split (result, options.stage, &split));
    for (guint i = 0; i < n; i++)
      {
        sum += ls_render_map_get_value (result, &options, i);
        if (ls_result_is_member (result, i))
          unknown += ls_result_get_flow (result, options.stage, n, i);
      }
    g_assert_cmpfloat_with_epsilon (sum, (split.members + split.china + split.other - unknown) / split.need, 1e-9);
  }
}

/* Issue 13 2b: China cuts the bloc off from magnets; the need that goes
 * unmet shows at each member that lacks it, hatched, and in words. */
static void
test_unmet_at_country (void)
{
  g_autoptr(LsDataset) dataset = NULL;
  g_autoptr(LsScenario) scenario = ls_scenario_new ();
  g_autoptr(LsResult) cut = NULL;
  g_autoptr(LsResult) base = ls_test_default_result ("msp");
  g_autoptr(LsRestriction) restriction = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  LsParty from, to;
  LsNeedSplit split;
  LsRenderStyle style;
  LsColor pixel;
  guint magnets;
  int usa;
  double sum = 0;

  dataset = ls_dataset_new_default (&error);
  g_assert_no_error (error);
  ls_scenario_set_alliance (scenario, "msp", TRUE);
  g_assert_true (ls_party_parse ("CHN", &from));
  g_assert_true (ls_party_parse ("bloc", &to));
  restriction = ls_restriction_new ("magnets", &from, &to, 1.0);
  ls_scenario_add_restriction (scenario, restriction);
  ls_party_clear (&from);
  ls_party_clear (&to);
  cut = ls_result_new (dataset, scenario, &error);
  g_assert_no_error (error);

  magnets = find_stage (cut, "magnets");
  usa = ls_dataset_lookup_country (dataset, "USA");

  /* Nothing is unmet at the baseline. */
  for (guint i = 0; i < ls_result_get_n_countries (base); i++)
    g_assert_cmpfloat (ls_render_map_get_country_unmet (base, magnets, i), ==, 0);

  g_assert_true (ls_result_get_need_split (cut, magnets, &split));
  g_assert_cmpfloat (split.unmet, >, 0);
  g_assert_cmpfloat (ls_render_map_get_country_unmet (cut, magnets, usa), >, 0);
  for (guint i = 0; i < ls_result_get_n_countries (cut); i++)
    if (ls_result_is_member (cut, i))
      sum += ls_render_map_get_country_unmet (cut, magnets, i);
  /* Members' unmet need by country adds up to the bloc's, but for the
   * shares below the rounding threshold each country drops. */
  g_assert_cmpfloat (sum, <=, split.unmet * (1 + 1e-9));
  g_assert_cmpfloat (sum, >=, split.unmet * 0.99);

  text = ls_render_map_dup_unmet_text (cut, magnets, usa);
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "United States — "));
  g_assert_nonnull (strstr (text, " needed, "));
  g_assert_nonnull (strstr (text, " received"));
  g_assert_null (ls_render_map_dup_unmet_text (base, magnets, usa));

  /* The hatching: some pixels in Kansas take the unmet colour. */
  ls_render_style_init (&style, FALSE);
  {
    guint hits = 0;

    for (double lon = -101; lon <= -95; lon += 0.25)
      {
        g_assert_true (pixel_at_full (cut, FALSE, LS_MAP_METRIC_DEPENDENCY, "magnets", lon, 38.5, &pixel));
        if (hue_distance (hue_of (&pixel), hue_of (ls_render_style_get_need_color (&style, LS_NEED_UNMET))) < 12)
          hits++;
      }
    g_assert_cmpuint (hits, >, 0);

    for (double lon = -101; lon <= -95; lon += 0.25)
      {
        g_assert_true (pixel_at_full (base, FALSE, LS_MAP_METRIC_DEPENDENCY, "magnets", lon, 38.5, &pixel));
        g_assert_cmpfloat (hue_distance (hue_of (&pixel), hue_of (ls_render_style_get_need_color (&style, LS_NEED_UNMET))), >=, 12);
      }
  }
}

/* A figure of a map view's extent shows that extent and no more. */
static void
test_extent (void)
{
  g_autoptr(LsResult) result = ls_test_default_result ("msp");
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 800);
  cairo_t *cr = cairo_create (surface);
  LsRenderStyle style;
  LsMapOptions options;
  LsProjection projection;
  double x, y;

  ls_render_style_init (&style, FALSE);
  ls_map_options_init (&options);
  options.has_extent = TRUE;
  options.extent = (LsGeoBounds) { -12.0, 35.0, 32.0, 62.0 };
  options.projection = LS_PROJECTION_WEB_MERCATOR;

  ls_render_map_figure (cr, result, get_shapes (), &style, &options, 1280, 800);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  g_assert_true (ls_render_map_figure_get_projection (cr, result, &style, &options, 1280, 800, &projection));
  g_assert_cmpint (projection.kind, ==, LS_PROJECTION_WEB_MERCATOR);

  /* Paris is in the figure; New York and Beijing are not. */
  ls_projection_project (&projection, 2.35, 48.86, &x, &y);
  g_assert_cmpfloat (x, >, 0);
  g_assert_cmpfloat (x, <, 1280);
  g_assert_cmpfloat (y, >, 0);
  g_assert_cmpfloat (y, <, 800);
  ls_projection_project (&projection, -74.0, 40.7, &x, &y);
  g_assert_cmpfloat (x, <, 0);
  ls_projection_project (&projection, 116.4, 39.9, &x, &y);
  g_assert_cmpfloat (x, >, 1280);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The whole world's figure leaves Antarctica out and keeps the Arctic:
 * Greenland's north is on the map, Antarctica's Ross ice shelf is not
 * (the figure's background shows there). */
static void
test_world_crop (void)
{
  g_autoptr(LsResult) none = ls_test_default_result (NULL);
  LsRenderStyle style;
  LsColor pixel;

  ls_render_style_init (&style, FALSE);

  g_assert_true (pixel_at_full (none, FALSE, LS_MAP_METRIC_SHARE, "mining", -40.0, 82.0, &pixel));
  g_assert_true (color_near (&pixel, &style.land));
  g_assert_true (pixel_at_full (none, FALSE, LS_MAP_METRIC_SHARE, "mining", -40.0, 87.0, &pixel));
  g_assert_true (color_near (&pixel, &style.sea));
  g_assert_true (pixel_at_full (none, FALSE, LS_MAP_METRIC_SHARE, "mining", 140.0, -55.0, &pixel));
  g_assert_true (color_near (&pixel, &style.sea));
  /* Off the figure, or on its background. */
  if (pixel_at_full (none, FALSE, LS_MAP_METRIC_SHARE, "mining", 175.0, -80.0, &pixel))
    g_assert_true (color_near (&pixel, &style.background));
  g_assert_true (pixel_at_full (none, FALSE, LS_MAP_METRIC_SHARE, "mining", 175.0, -64.0, &pixel));
  g_assert_false (color_near (&pixel, &style.sea));
}

static void
test_main_countries (void)
{
  g_autoptr(LsResult) result = ls_test_default_result ("msp");
  g_autofree guint *countries = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  LsMapOptions options;
  guint n;

  ls_map_options_init (&options);
  options.stage = find_stage (result, "mining");
  countries = ls_render_map_dup_main_countries (result, &options, &n);
  g_assert_cmpuint (n, >=, 3);
  g_assert_cmpint (countries[0], ==, ls_dataset_get_china (ls_result_get_dataset (result)));
  for (guint i = 1; i < n; i++)
    g_assert_cmpfloat (ls_render_map_get_value (result, &options, countries[i - 1]), >=,
                       ls_render_map_get_value (result, &options, countries[i]));

  /* What a country's colour stands for, and what it rests on. */
  /* The shared explanation of the figure (ls-explain.h), then the
   * membership. */
  text = ls_render_map_dup_country_text (result, NULL, &options, countries[0]);
  expected = ls_explain_text (result, NULL, LS_EXPLAIN_COUNTRY, options.stage, countries[0], 0);
  g_assert_true (g_str_has_prefix (text, expected));
  g_assert_nonnull (strstr (text, "of world output"));
  g_assert_true (g_str_has_suffix (text, "\nNot in the bloc"));

  /* On the dependency map: the country's supply to the bloc, and its
   * part of the bloc's need. */
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  options.metric = LS_MAP_METRIC_DEPENDENCY;
  text = ls_render_map_dup_country_text (result, NULL, &options, countries[0]);
  expected = ls_explain_text (result, NULL, LS_EXPLAIN_SUPPLIER, options.stage, countries[0], 0);
  g_assert_true (g_str_has_prefix (text, expected));
  g_assert_nonnull (strstr (text, "\nMeets "));
}

static void
test_legend_parts (void)
{
  g_autoptr(LsResult) result = ls_test_default_result ("msp");
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  LsRenderStyle style;
  LsMapOptions options;
  double w_all, h_all, w_colors, h_colors;

  ls_render_style_init (&style, FALSE);
  ls_map_options_init (&options);
  options.stage = find_stage (result, "mining");
  ls_render_map_measure_legend (cr, result, &style, &options, LS_MAP_LEGEND_ALL, 14, &w_all, &h_all);
  ls_render_map_measure_legend (cr, result, &style, &options, LS_MAP_LEGEND_COLORS, 14, &w_colors, &h_colors);
  g_assert_cmpfloat (h_colors, >, 0);
  g_assert_cmpfloat (h_colors, <, h_all);
  g_assert_cmpfloat (w_colors, <=, w_all);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Issue 12: an image painted through its ink region is the image
 * painted whole, and the region leaves out what has no ink. */
static void
check_ink_region (cairo_surface_t *image)
{
  int width = cairo_image_surface_get_width (image);
  int height = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  cairo_region_t *ink = ls_render_map_ink_region_new (image);
  cairo_surface_t *painted = cairo_surface_create_similar_image (image, CAIRO_FORMAT_ARGB32, width, height);
  double scale_x, scale_y;
  gint64 covered = 0;
  cairo_t *cr;

  cairo_surface_get_device_scale (image, &scale_x, &scale_y);
  cairo_surface_set_device_scale (painted, scale_x, scale_y);
  cr = cairo_create (painted);
  ls_render_map_paint_ink (cr, image, ink);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (painted);

  g_assert_cmpint (memcmp (cairo_image_surface_get_data (image), cairo_image_surface_get_data (painted),
                           (gsize) stride * height), ==, 0);

  /* Every rectangle holds ink. */
  for (int i = 0; i < cairo_region_num_rectangles (ink); i++)
    {
      cairo_rectangle_int_t rect;
      gboolean any = FALSE;

      cairo_region_get_rectangle (ink, i, &rect);
      g_assert_cmpint (rect.x, >=, 0);
      g_assert_cmpint (rect.y, >=, 0);
      g_assert_cmpint (rect.x + rect.width, <=, width);
      g_assert_cmpint (rect.y + rect.height, <=, height);
      covered += (gint64) rect.width * rect.height;
      for (int y = rect.y; y < rect.y + rect.height && !any; y++)
        for (int x = rect.x; x < rect.x + rect.width && !any; x++)
          any = ((const guint32 *) (gconstpointer) (cairo_image_surface_get_data (image) + y * stride))[x] != 0;
      g_assert_true (any);
    }
  g_assert_cmpint (covered, <, (gint64) width * height);

  cairo_region_destroy (ink);
  cairo_surface_destroy (painted);
}

static void
test_ink_region (void)
{
  g_autoptr(LsResult) result = ls_test_default_result ("msp");
  cairo_surface_t *image;
  cairo_region_t *ink;
  LsRenderStyle style;
  LsMapOptions options;
  LsProjection projection;
  cairo_t *cr;

  ls_render_style_init (&style, FALSE);
  ls_map_options_init (&options);

  /* Nothing drawn, no ink. */
  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 301, 203);
  ink = ls_render_map_ink_region_new (image);
  g_assert_true (cairo_region_is_empty (ink));
  cairo_region_destroy (ink);

  /* A pixel in the last, partial tile, one near the origin, a faint
   * line: all of them kept. */
  cr = cairo_create (image);
  cairo_rectangle (cr, 300, 202, 1, 1);
  cairo_rectangle (cr, 2, 3, 1, 1);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, 0, 0, 1, 0.02);
  cairo_move_to (cr, 70, 150);
  cairo_line_to (cr, 200, 120);
  cairo_stroke (cr);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  check_ink_region (image);
  cairo_surface_destroy (image);

  /* The map view's lines: the filled countries' borders and the bloc's
   * outlines, at a scale of 1 and of 2. */
  for (int scale = 1; scale <= 2; scale++)
    {
      image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000 * scale, 560 * scale);
      cairo_surface_set_device_scale (image, scale, scale);
      ls_projection_init_fit (&projection, LS_PROJECTION_WEB_MERCATOR, 0, 0, 1000, 560, 0);
      cr = cairo_create (image);
      ls_render_map_choropleth_borders (cr, result, get_shapes (), &style, &options, &projection, 0.6);
      ls_render_map_outlines (cr, result, get_shapes (), &style, &projection, 1.8);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_flush (image);
      check_ink_region (image);
      cairo_surface_destroy (image);
    }
}

/* An ink region brought up to date where its image was drawn on is the
 * region of the image made anew: ink added, ink cleared, in a partial
 * tile at the image's edge, where the changed box is not on the tiles'
 * grid, and where it reaches out of the image. */
static void
test_ink_region_update (void)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 301, 203);
  cairo_region_t *ink, *fresh, *changed;
  cairo_rectangle_int_t box;
  cairo_t *cr;

  cr = cairo_create (image);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, 10, 10);
  cairo_line_to (cr, 290, 190);
  cairo_stroke (cr);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  ink = ls_render_map_ink_region_new (image);

  /* Four tiles cleared, the line through them gone; a dot drawn in one
   * of them again, and one in the last, partial column and row. */
  g_assert_true (cairo_region_contains_point (ink, 100, 80));
  box = (cairo_rectangle_int_t) { 64, 32, 128, 64 };
  changed = cairo_region_create_rectangle (&box);
  box = (cairo_rectangle_int_t) { 290, 195, 11, 8 };
  cairo_region_union_rectangle (changed, &box);
  cr = cairo_create (image);
  cairo_rectangle (cr, 64, 32, 128, 64);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_fill (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  cairo_rectangle (cr, 150, 40, 3, 3);
  cairo_rectangle (cr, 299, 201, 1, 1);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (image);

  ls_render_map_ink_region_update (ink, image, changed);
  fresh = ls_render_map_ink_region_new (image);
  g_assert_true (cairo_region_equal (ink, fresh));
  g_assert_false (cairo_region_contains_point (ink, 100, 80));
  g_assert_true (cairo_region_contains_point (ink, 151, 41));
  g_assert_true (cairo_region_contains_point (ink, 299, 201));

  /* A change reaching out of the image, over its first tile. */
  cr = cairo_create (image);
  cairo_rectangle (cr, 1, 1, 1, 1);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  cairo_region_destroy (changed);
  box = (cairo_rectangle_int_t) { -10, -10, 20, 20 };
  changed = cairo_region_create_rectangle (&box);
  ls_render_map_ink_region_update (ink, image, changed);
  cairo_region_destroy (fresh);
  fresh = ls_render_map_ink_region_new (image);
  g_assert_true (cairo_region_equal (ink, fresh));
  g_assert_true (cairo_region_contains_point (ink, 1, 1));

  /* A change wholly outside the image changes nothing. */
  cairo_region_destroy (changed);
  changed = cairo_region_create ();
  box = (cairo_rectangle_int_t) { 400, 300, 20, 20 };
  cairo_region_union_rectangle (changed, &box);
  ls_render_map_ink_region_update (ink, image, changed);
  g_assert_true (cairo_region_equal (ink, fresh));

  cairo_region_destroy (changed);
  cairo_region_destroy (fresh);
  cairo_region_destroy (ink);
  cairo_surface_destroy (image);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lodestone/render/map/export", test_export);
  g_test_add_func ("/lodestone/render/map/seoul-member", test_seoul_member);
  g_test_add_func ("/lodestone/render/map/antimeridian", test_antimeridian);
  g_test_add_func ("/lodestone/render/map/words", test_words);
  g_test_add_func ("/lodestone/render/map/colors", test_colors);
  g_test_add_func ("/lodestone/render/map/arcs", test_arcs);
  g_test_add_func ("/lodestone/render/map/share-not-blue", test_share_not_blue);
  g_test_add_func ("/lodestone/render/map/dependency-colors", test_dependency_colors);
  g_test_add_func ("/lodestone/render/map/unmet-at-country", test_unmet_at_country);
  g_test_add_func ("/lodestone/render/map/extent", test_extent);
  g_test_add_func ("/lodestone/render/map/world-crop", test_world_crop);
  g_test_add_func ("/lodestone/render/map/main-countries", test_main_countries);
  g_test_add_func ("/lodestone/render/map/legend-parts", test_legend_parts);
  g_test_add_func ("/lodestone/render/map/ink-region", test_ink_region);
  g_test_add_func ("/lodestone/render/map/ink-region-update", test_ink_region_update);

  ret = g_test_run ();
  g_clear_object (&shapes_low);

  return ret;
}
