/* test-shapes.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ls-shapes.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

static LsShapes *
load_default (LsShapesDetail detail)
{
  g_autoptr(GError) error = NULL;
  LsShapes *shapes;

  shapes = ls_shapes_new_default (detail, &error);
  g_assert_no_error (error);
  g_assert_nonnull (shapes);
  return shapes;
}

static void
check_required_countries (LsShapes *shapes)
{
  static const struct { const char *id; const char *name; } required[] = {
    { "KOR", "South Korea" }, { "MYS", "Malaysia" }, { "CHN", "China" },
    { "USA", "United States of America" }, { "RUS", "Russia" }, { "FJI", "Fiji" },
    { "DEU", "Germany" }, { "AUS", "Australia" }, { "XKX", "Kosovo" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      int index = ls_shapes_lookup (shapes, required[i].id);

      g_assert_cmpint (index, >=, 0);
      g_assert_cmpstr (ls_shapes_get_id (shapes, index), ==, required[i].id);
      g_assert_cmpstr (ls_shapes_get_name (shapes, index), ==, required[i].name);
      g_assert_cmpuint (ls_shapes_get_n_polygons (shapes, index), >=, 1);
    }

  g_assert_cmpint (ls_shapes_lookup (shapes, "ZZZ"), ==, -1);
  g_assert_cmpint (ls_shapes_lookup (shapes, "kor"), ==, -1);
}

static void
test_default_110m (void)
{
  LsShapes *shapes = load_default (LS_SHAPES_DETAIL_LOW);

  g_assert_cmpuint (ls_shapes_get_n_countries (shapes), >=, 170);
  g_assert_cmpstr (ls_shapes_get_resolution (shapes), ==, "110m");
  g_assert_cmpstr (ls_shapes_get_filename (shapes), ==, "countries-110m.json");
  check_required_countries (shapes);

  g_assert_finalize_object (shapes);
}

static void
test_default_50m (void)
{
  LsShapes *shapes = load_default (LS_SHAPES_DETAIL_MEDIUM);

  g_assert_cmpuint (ls_shapes_get_n_countries (shapes), >=, 230);
  g_assert_cmpstr (ls_shapes_get_resolution (shapes), ==, "50m");
  check_required_countries (shapes);

  /* Small states that 110m leaves out */
  g_assert_cmpint (ls_shapes_lookup (shapes, "SGP"), >=, 0);
  g_assert_cmpint (ls_shapes_lookup (shapes, "KIR"), >=, 0);

  g_assert_finalize_object (shapes);
}

static void
check_hit_test (LsShapesDetail detail)
{
  /* Suva's waterfront lies about 1 km outside the 1:50m coastline of
   * Viti Levu (which cuts across its peninsula), so at 50m the Fiji check
   * uses Colo-i-Suva, just inland. */
  static const struct { double lat, lon; const char *id; } suva[] = {
    { -18.14, 178.44, "FJI" }, /* Suva */
    { -18.06, 178.46, "FJI" }, /* Colo-i-Suva */
  };
  static const struct { double lat, lon; const char *id; } places[] = {
    { 37.57, 126.98, "KOR" },  /* Seoul */
    { 3.81, 103.33, "MYS" },   /* Kuantan */
    { 0.0, -150.0, NULL },     /* the Pacific */
    { 55.76, 37.62, "RUS" },   /* Moscow */
    { 65.0, -175.0, "RUS" },   /* Chukotka, east of 180° */
    { 65.0, 185.0, "RUS" },    /* the same, unwrapped */
    { 67.0, 170.0, "RUS" },    /* Chukotka, west of 180° */
    { 68.0, 179.999, "RUS" },  /* either side of the cut at 180° */
    { 68.0, -179.999, "RUS" },
    { 68.0, 180.0, "RUS" },    /* on the cut itself */
    { 68.0, -180.0, "RUS" },
    { 68.0, 540.0, "RUS" },
    { -17.80, 178.00, "FJI" }, /* Viti Levu's highlands */
    { -16.60, 179.50, "FJI" }, /* Vanua Levu, whose east end crosses 180° */
    { 52.52, 13.40, "DEU" },   /* Berlin */
    { 39.90, 116.40, "CHN" },  /* Beijing */
    { 38.90, -77.04, "USA" },  /* Washington */
    { -80.0, 0.0, "ATA" },     /* Queen Maud Land */
    { -89.5, 45.0, "ATA" },    /* near the South Pole */
    { 90.0, 0.0, NULL },       /* the North Pole is sea */
    { 46.95, 7.45, "CHE" },    /* Bern: landlocked, so no coastline to miss */
    { -29.5, 28.3, "LSO" },    /* Lesotho, an enclave in South Africa */
    { -30.0, 25.0, "ZAF" },    /* South Africa around it */
    { NAN, 0.0, NULL },
    { 91.0, 0.0, NULL },
  };
  LsShapes *shapes = load_default (detail);

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      const char *id = ls_shapes_hit_test (shapes, places[i].lon, places[i].lat);
      int index = ls_shapes_hit_test_index (shapes, places[i].lon, places[i].lat);

      g_test_message ("%g N %g E -> %s", places[i].lat, places[i].lon, id ? id : "(none)");
      g_assert_cmpstr (id, ==, places[i].id);
      if (id != NULL)
        g_assert_cmpstr (ls_shapes_get_id (shapes, index), ==, id);
      else
        g_assert_cmpint (index, ==, -1);
    }

  g_assert_cmpstr (ls_shapes_hit_test (shapes, suva[detail].lon, suva[detail].lat), ==, "FJI");

  g_assert_finalize_object (shapes);
}

static void
test_hit_test_110m (void)
{
  check_hit_test (LS_SHAPES_DETAIL_LOW);
}

static void
test_hit_test_50m (void)
{
  check_hit_test (LS_SHAPES_DETAIL_MEDIUM);
}

static void
check_antimeridian (LsShapesDetail detail)
{
  LsShapes *shapes = load_default (detail);
  static const char * const straddling[] = { "RUS", "FJI", "ATA" };

  for (guint c = 0; c < ls_shapes_get_n_countries (shapes); c++)
    {
      for (guint p = 0; p < ls_shapes_get_n_polygons (shapes, c); p++)
        {
          for (guint r = 0; r < ls_shapes_get_n_rings (shapes, c, p); r++)
            {
              guint n;
              const double *xy = ls_shapes_get_ring (shapes, c, p, r, &n);

              g_assert_cmpuint (n, >=, 3);
              for (guint i = 0, j = n - 1; i < n; j = i++)
                {
                  if (fabs (xy[2 * i] - xy[2 * j]) > 180)
                    g_error ("%s polygon %u ring %u: edge %g,%g → %g,%g crosses the antimeridian",
                             ls_shapes_get_id (shapes, c), p, r,
                             xy[2 * j], xy[2 * j + 1], xy[2 * i], xy[2 * i + 1]);
                  g_assert_cmpfloat (fabs (xy[2 * i]), <=, 180);
                  g_assert_cmpfloat (fabs (xy[2 * i + 1]), <=, 90);
                }
            }
        }
    }

  /* The countries cut at 180° have pieces on both edges of the map. */
  for (guint i = 0; i < G_N_ELEMENTS (straddling); i++)
    {
      LsGeoBounds b;

      ls_shapes_get_bounds (shapes, ls_shapes_lookup (shapes, straddling[i]), &b);
      g_assert_cmpfloat (b.west, ==, -180);
      g_assert_cmpfloat (b.east, ==, 180);
    }

  g_assert_finalize_object (shapes);
}

static void
test_antimeridian_110m (void)
{
  check_antimeridian (LS_SHAPES_DETAIL_LOW);
}

static void
test_antimeridian_50m (void)
{
  check_antimeridian (LS_SHAPES_DETAIL_MEDIUM);
}

static void
test_bounds (void)
{
  LsShapes *shapes = load_default (LS_SHAPES_DETAIL_LOW);
  LsGeoBounds b;

  /* South Korea: 124.6–130.9 E, 33.1–38.6 N (mainland and Jeju) */
  ls_shapes_get_bounds (shapes, ls_shapes_lookup (shapes, "KOR"), &b);
  g_assert_cmpfloat_with_epsilon (b.west, 126.0, 1.5);
  g_assert_cmpfloat_with_epsilon (b.east, 129.5, 1.5);
  g_assert_cmpfloat_with_epsilon (b.south, 34.0, 1.0);
  g_assert_cmpfloat_with_epsilon (b.north, 38.6, 0.3);

  /* Every point lies in its country's box... */
  for (guint c = 0; c < ls_shapes_get_n_countries (shapes); c++)
    {
      LsGeoBounds all = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };

      ls_shapes_get_bounds (shapes, c, &b);
      g_assert_cmpfloat (b.west, <=, b.east);
      g_assert_cmpfloat (b.south, <=, b.north);

      for (guint p = 0; p < ls_shapes_get_n_polygons (shapes, c); p++)
        {
          LsGeoBounds pb;

          /* ... and in its polygon's, and the polygons' boxes make up
           * the country's. */
          ls_shapes_get_polygon_bounds (shapes, c, p, &pb);
          all.west = MIN (all.west, pb.west);
          all.south = MIN (all.south, pb.south);
          all.east = MAX (all.east, pb.east);
          all.north = MAX (all.north, pb.north);

          for (guint r = 0; r < ls_shapes_get_n_rings (shapes, c, p); r++)
            {
              guint n;
              const double *xy = ls_shapes_get_ring (shapes, c, p, r, &n);

              for (guint i = 0; i < n; i++)
                {
                  g_assert_cmpfloat (xy[2 * i], >=, b.west);
                  g_assert_cmpfloat (xy[2 * i], <=, b.east);
                  g_assert_cmpfloat (xy[2 * i + 1], >=, b.south);
                  g_assert_cmpfloat (xy[2 * i + 1], <=, b.north);
                  g_assert_cmpfloat (xy[2 * i], >=, pb.west);
                  g_assert_cmpfloat (xy[2 * i], <=, pb.east);
                  g_assert_cmpfloat (xy[2 * i + 1], >=, pb.south);
                  g_assert_cmpfloat (xy[2 * i + 1], <=, pb.north);
                }
            }
        }
      g_assert_cmpfloat (all.west, ==, b.west);
      g_assert_cmpfloat (all.south, ==, b.south);
      g_assert_cmpfloat (all.east, ==, b.east);
      g_assert_cmpfloat (all.north, ==, b.north);
    }

  /* Alaska's box is not the United States'. */
  {
    int usa = ls_shapes_lookup (shapes, "USA");
    gboolean alaska = FALSE;

    ls_shapes_get_bounds (shapes, usa, &b);
    for (guint p = 0; p < ls_shapes_get_n_polygons (shapes, usa); p++)
      {
        LsGeoBounds pb;

        ls_shapes_get_polygon_bounds (shapes, usa, p, &pb);
        if (pb.north > 65 && pb.east < -125)
          alaska = TRUE;
      }
    g_assert_true (alaska);
    g_assert_cmpfloat (b.east, >, -70);
  }

  g_assert_finalize_object (shapes);
}

/* Malformed files */

typedef struct
{
  const char    *json;
  LsShapesError  code;
  const char    *message;
} BadInput;

#define RING "[0, 0, 1, 0, 1, 1]"
#define HEAD "{\"format\": \"lodestone-shapes\", \"version\": 1, \"countries\": ["

static const BadInput bad_inputs[] = {
  { "", LS_SHAPES_ERROR_PARSE, "bad.json: $: empty file" },
  { "{\"format\": \"lodestone-shapes\",\n \"version\": 1, \"countries\": [{\"id\": \"KOR\"",
    LS_SHAPES_ERROR_PARSE, "bad.json:2:" },
  /* json-glib checks the encoding before parsing; names reach Pango, which needs UTF-8. */
  { HEAD "{\"id\": \"AAA\", \"name\": \"\xff\xfe\", \"polygons\": [[" RING "]]}]}",
    LS_SHAPES_ERROR_PARSE, "bad.json: JSON data must be UTF-8 encoded" },
  { "[1, 2]", LS_SHAPES_ERROR_FORMAT, "bad.json:1:1: $: expected an object, found an array" },
  { "{\"version\": 1}", LS_SHAPES_ERROR_INVALID, "bad.json:1:1: $: missing member \"format\"" },
  { "{\"format\": \"geojson\", \"version\": 1, \"countries\": []}", LS_SHAPES_ERROR_FORMAT,
    "bad.json:1:12: $.format: unknown format \"geojson\" (expected \"lodestone-shapes\")" },
  { "{\"format\": \"lodestone-shapes\", \"version\": 2, \"countries\": []}", LS_SHAPES_ERROR_FORMAT,
    "bad.json:1:43: $.version: unsupported version 2 (expected 1)" },
  { "{\"format\": \"lodestone-shapes\", \"version\": \"1\", \"countries\": []}", LS_SHAPES_ERROR_FORMAT,
    "bad.json:1:43: $.version: expected an integer, found a string" },
  { "{\"format\": \"lodestone-shapes\", \"version\": 1}", LS_SHAPES_ERROR_INVALID,
    "bad.json:1:1: $: missing member \"countries\"" },
  { "{\"format\": \"lodestone-shapes\", \"version\": 1, \"countries\": {}}", LS_SHAPES_ERROR_INVALID,
    "bad.json:1:59: $.countries: expected an array, found an object" },
  { HEAD "42]}", LS_SHAPES_ERROR_INVALID,
    "bad.json:1:60: $.countries[0]: expected an object, found a number" },
  { HEAD "{\"name\": \"Korea\", \"polygons\": [[" RING "]]}]}", LS_SHAPES_ERROR_INVALID,
    "bad.json:1:60: $.countries[0]: missing member \"id\"" },
  { HEAD "{\"id\": \"kor\", \"name\": \"Korea\", \"polygons\": [[" RING "]]}]}", LS_SHAPES_ERROR_INVALID,
    "bad.json:1:67: $.countries[0].id: \"kor\" is not a three-letter upper-case country code" },
  { HEAD "{\"id\": \"KOR\", \"name\": null, \"polygons\": [[" RING "]]}]}", LS_SHAPES_ERROR_INVALID,
    "bad.json:1:82: $.countries[0].name: expected a string, found null" },
  { HEAD "{\"id\": \"KOR\", \"name\": \"Korea\", \"polygons\": []}]}", LS_SHAPES_ERROR_INVALID,
    "bad.json:1:103: $.countries[0].polygons: no polygons" },
  { HEAD "{\"id\": \"KOR\", \"name\": \"Korea\", \"polygons\": [[]]}]}", LS_SHAPES_ERROR_INVALID,
    "bad.json:1:104: $.countries[0].polygons[0]: a polygon needs an outer ring" },
  { HEAD "{\"id\": \"KOR\", \"name\": \"A\", \"polygons\": [[" RING "]]},\n"
         "  {\"id\": \"KOR\", \"name\": \"B\", \"polygons\": [[" RING "]]}]}", LS_SHAPES_ERROR_INVALID,
    "bad.json:2:10: $.countries[1].id: duplicate country \"KOR\"" },
  /* The example from the brief: a line and column deep inside the file */
  { HEAD "\n"
    "  {\"id\": \"KOR\", \"name\": \"Korea\", \"polygons\": [[" RING "]]},\n"
    "  {\"id\": \"MYS\", \"name\": \"Malaysia\", \"polygons\": [\n"
    "    [" RING ", [0, 0, 1, 0, 1]]]}]}", LS_SHAPES_ERROR_INVALID,
    "bad.json:4:26: $.countries[1].polygons[0][1]: odd number of coordinates (5)" },
  { HEAD "{\"id\": \"KOR\", \"name\": \"Korea\", \"polygons\": [[[0, 0, 1, 0]]]}]}",
    LS_SHAPES_ERROR_INVALID,
    "bad.json:1:105: $.countries[0].polygons[0][0]: a ring needs at least 3 points, found 2" },
  { HEAD "{\"id\": \"KOR\", \"name\": \"Korea\", \"polygons\": [[[0, 0, 1, 91.5, 1, 1]]]}]}",
    LS_SHAPES_ERROR_INVALID,
    "bad.json:1:115: $.countries[0].polygons[0][0][3]: latitude 91.5 outside [-90, 90]" },
  { HEAD "{\"id\": \"KOR\", \"name\": \"Korea\", \"polygons\": [[[0, 0, -180.5, 0, 1, 1]]]}]}",
    LS_SHAPES_ERROR_INVALID,
    "bad.json:1:112: $.countries[0].polygons[0][0][2]: longitude -180.5 outside [-180, 180]" },
  { HEAD "{\"id\": \"KOR\", \"name\": \"Korea\", \"polygons\": [[[0, 0, 1e999, 0, 1, 1]]]}]}",
    LS_SHAPES_ERROR_INVALID,
    "bad.json:1:112: $.countries[0].polygons[0][0][2]: longitude inf outside [-180, 180]" },
  { HEAD "{\"id\": \"KOR\", \"name\": \"Korea\", \"polygons\": [[[0, 0, NaN, 0, 1, 1]]]}]}",
    LS_SHAPES_ERROR_PARSE, "bad.json:1:" },
  { HEAD "{\"id\": \"KOR\", \"name\": \"Korea\", \"polygons\": [[[0, 0, \"1\", 0, 1, 1]]]}]}",
    LS_SHAPES_ERROR_INVALID,
    "bad.json:1:112: $.countries[0].polygons[0][0][2]: expected a number, found a string" },
  { HEAD "{\"id\": \"KOR\", \"name\": \"Korea\", \"polygons\": [[[0, 0, 1, null, 1, 1]]]}]}",
    LS_SHAPES_ERROR_INVALID,
    "bad.json:1:115: $.countries[0].polygons[0][0][3]: expected a number, found null" },
  { HEAD "{\"id\": \"KOR\", \"name\": \"Korea\", \"polygons\": [" RING "]}]}",
    LS_SHAPES_ERROR_INVALID,
    "bad.json:1:105: $.countries[0].polygons[0][0]: expected an array, found a number" },
};

/* Issue 12: ls_shapes_meets_box() is a safe pre-test for hit tests in a
 * box: a country it says the box misses contains no point of the box.
 * Checked on boxes of 9° by 8° over the whole map, each sampled every
 * 0.5°; and a box on a country's interior does meet it. Russia and Fiji
 * lie across the antimeridian, whose pieces' own bounds keep the test
 * tight there. */
static void
test_meets_box (void)
{
  g_autoptr(LsShapes) shapes = load_default (LS_SHAPES_DETAIL_LOW);
  int korea = ls_shapes_lookup (shapes, "KOR");
  int russia = ls_shapes_lookup (shapes, "RUS");
  int fiji = ls_shapes_lookup (shapes, "FJI");
  LsGeoBounds seoul = { 126.9, 37.5, 127.1, 37.6 };
  LsGeoBounds pacific = { -150, -40, -120, -20 };
  guint misses = 0;

  g_assert_true (ls_shapes_meets_box (shapes, korea, &seoul));
  g_assert_false (ls_shapes_meets_box (shapes, korea, &pacific));
  g_assert_false (ls_shapes_meets_box (shapes, russia, &pacific));
  g_assert_false (ls_shapes_meets_box (shapes, fiji, &pacific));

  for (double west = -180; west < 180; west += 9)
    for (double south = -80; south < 80; south += 8)
      {
        LsGeoBounds box = { west, south, west + 9, south + 8 };

        for (double lat = box.south; lat <= box.north; lat += 0.5)
          for (double lon = box.west; lon <= box.east; lon += 0.5)
            {
              int hit = ls_shapes_hit_test_index (shapes, lon, lat);

              if (hit >= 0)
                g_assert_true (ls_shapes_meets_box (shapes, hit, &box));
            }
        for (guint c = 0; c < ls_shapes_get_n_countries (shapes); c++)
          misses += !ls_shapes_meets_box (shapes, c, &box);
      }

  /* Most boxes miss most countries: the pre-test decides most cases. */
  g_assert_cmpuint (misses, >, 0);
}

static void
test_bad_inputs (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (bad_inputs[i].json, strlen (bad_inputs[i].json));
      g_autoptr(GError) error = NULL;
      g_autoptr(LsShapes) shapes = NULL;

      shapes = ls_shapes_new_from_bytes (bytes, "bad.json", &error);
      g_test_message ("input %u: %s", i, error ? error->message : "(no error)");
      g_assert_null (shapes);
      g_assert_error (error, LS_SHAPES_ERROR, (int) bad_inputs[i].code);
      if (bad_inputs[i].code == LS_SHAPES_ERROR_PARSE)
        g_assert_true (g_str_has_prefix (error->message, bad_inputs[i].message));
      else
        g_assert_cmpstr (error->message, ==, bad_inputs[i].message);
    }
}

static void
test_minimal (void)
{
  static const char json[] =
    "{\"format\": \"lodestone-shapes\", \"version\": 1, \"countries\": [\n"
    "  {\"id\": \"AAA\", \"name\": \"Square with a hole\", \"polygons\": [\n"
    "    [[0, 0, 10, 0, 10, 10, 0, 10], [4, 4, 6, 4, 6, 6, 4, 6]],\n"
    "    [[20, 0, 30, 0, 25, 10]]]}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;
  LsShapes *shapes;
  LsGeoBounds b;
  const double *xy;
  guint n;

  shapes = ls_shapes_new_from_bytes (bytes, "mini.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ls_shapes_get_n_countries (shapes), ==, 1);
  g_assert_null (ls_shapes_get_resolution (shapes));
  g_assert_cmpuint (ls_shapes_get_n_polygons (shapes, 0), ==, 2);
  g_assert_cmpuint (ls_shapes_get_n_rings (shapes, 0, 0), ==, 2);
  g_assert_cmpuint (ls_shapes_get_n_rings (shapes, 0, 1), ==, 1);

  xy = ls_shapes_get_ring (shapes, 0, 0, 1, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpfloat (xy[0], ==, 4);
  g_assert_cmpfloat (xy[7], ==, 6);

  ls_shapes_get_bounds (shapes, 0, &b);
  g_assert_cmpfloat (b.west, ==, 0);
  g_assert_cmpfloat (b.east, ==, 30);
  g_assert_cmpfloat (b.south, ==, 0);
  g_assert_cmpfloat (b.north, ==, 10);

  /* Even-odd: the hole is outside, so is the gap between the pieces. */
  g_assert_cmpstr (ls_shapes_hit_test (shapes, 2, 2), ==, "AAA");
  g_assert_null (ls_shapes_hit_test (shapes, 5, 5));
  g_assert_null (ls_shapes_hit_test (shapes, 15, 5));
  g_assert_cmpstr (ls_shapes_hit_test (shapes, 25, 5), ==, "AAA");
  g_assert_null (ls_shapes_hit_test (shapes, 29, 9));

  g_assert_finalize_object (shapes);
}

/* Every prefix of a valid file is an error, never a crash. */
static void
test_truncated (void)
{
  static const char json[] =
    "{\"format\": \"lodestone-shapes\", \"version\": 1, \"countries\": [\n"
    "  {\"id\": \"AAA\", \"name\": \"A\", \"polygons\": [[[0, 0, 10, 0, 10, 10]]]},\n"
    "  {\"id\": \"BBB\", \"name\": \"B\", \"polygons\": [[[20, 0, 30, 0, 25, 10.5]]]}]}";
  g_autoptr(GBytes) real = NULL;
  gsize real_len;

  for (gsize len = 0; len < strlen (json); len++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (json, len);
      g_autoptr(GError) error = NULL;
      g_autoptr(LsShapes) shapes = ls_shapes_new_from_bytes (bytes, "cut.json", &error);

      g_assert_null (shapes);
      g_assert_true (g_error_matches (error, LS_SHAPES_ERROR, LS_SHAPES_ERROR_PARSE) ||
                     g_error_matches (error, LS_SHAPES_ERROR, LS_SHAPES_ERROR_INVALID));
      g_assert_true (g_str_has_prefix (error->message, "cut.json"));
    }

  /* And a sample of cuts through the real file */
  real = g_resources_lookup_data ("/io/github/lodestone/Lodestone/shapes/countries-110m.json",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert_nonnull (real);
  real_len = g_bytes_get_size (real);
  for (guint i = 1; i < 64; i++)
    {
      gsize len = real_len * i / 64;
      g_autoptr(GBytes) bytes = g_bytes_new_from_bytes (real, 0, len);
      g_autoptr(GError) error = NULL;
      g_autoptr(LsShapes) shapes = ls_shapes_new_from_bytes (bytes, "cut.json", &error);

      g_assert_null (shapes);
      g_assert_error (error, LS_SHAPES_ERROR, LS_SHAPES_ERROR_PARSE);
      g_assert_true (g_str_has_prefix (error->message, "cut.json:"));
    }
}

static void
test_from_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *missing_path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) missing = NULL;
  LsShapes *shapes;

  dir = g_dir_make_tmp ("ls-shapes-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "broken.json", NULL);
  g_file_set_contents (path,
                       "{\"format\": \"lodestone-shapes\", \"version\": 1, \"countries\": [\n"
                       "  {\"id\": \"AAA\", \"name\": \"A\", \"polygons\": [[[0, 0, 10, 0, 10]]]}]}",
                       -1, &error);
  g_assert_no_error (error);

  file = g_file_new_for_path (path);
  shapes = ls_shapes_new_from_file (file, NULL, &error);
  g_assert_null (shapes);
  g_assert_error (error, LS_SHAPES_ERROR, LS_SHAPES_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_true (g_str_has_suffix (error->message,
                                   ":2:44: $.countries[0].polygons[0][0]: odd number of coordinates (5)"));
  g_clear_error (&error);

  missing_path = g_build_filename (dir, "missing.json", NULL);
  missing = g_file_new_for_path (missing_path);
  shapes = ls_shapes_new_from_file (missing, NULL, &error);
  g_assert_null (shapes);
  g_assert_error (error, LS_SHAPES_ERROR, LS_SHAPES_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, missing_path));
  g_clear_error (&error);

  g_file_set_contents (path,
                       "{\"format\": \"lodestone-shapes\", \"version\": 1, \"countries\": [\n"
                       "  {\"id\": \"AAA\", \"name\": \"A\", \"polygons\": [[[0, 0, 10, 0, 10, 10]]]}]}",
                       -1, &error);
  g_assert_no_error (error);
  shapes = ls_shapes_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ls_shapes_get_filename (shapes), ==, path);
  g_assert_cmpstr (ls_shapes_hit_test (shapes, 8, 2), ==, "AAA");
  g_assert_finalize_object (shapes);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_append_path (void)
{
  LsShapes *shapes = load_default (LS_SHAPES_DETAIL_LOW);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 500);
  cairo_t *cr = cairo_create (surface);
  cairo_matrix_t before, after;
  cairo_path_t *path;
  LsProjection proj;
  int kor = ls_shapes_lookup (shapes, "KOR");
  double x, y;
  guint n_points, n_ring_points = 0;

  for (guint kind = 0; kind < LS_PROJECTION_N_KINDS; kind++)
    {
      ls_projection_init_fit (&proj, kind, 0, 0, 1000, 500, 10);
      cairo_scale (cr, 1.0, 1.0);
      cairo_get_matrix (cr, &before);

      cairo_new_path (cr);
      ls_shapes_append_path (shapes, kor, cr, &proj);
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);

      /* Seoul is inside, Tokyo and Pyongyang are not. */
      ls_projection_project (&proj, 126.98, 37.57, &x, &y);
      g_assert_true (cairo_in_fill (cr, x, y));
      ls_projection_project (&proj, 139.69, 35.68, &x, &y);
      g_assert_false (cairo_in_fill (cr, x, y));
      ls_projection_project (&proj, 125.75, 39.03, &x, &y);
      g_assert_false (cairo_in_fill (cr, x, y));

      /* The matrix used to build the path is not left behind. */
      cairo_get_matrix (cr, &after);
      g_assert_cmpmem (&before, sizeof before, &after, sizeof after);

      /* The path is the rings projected point by point. */
      path = cairo_copy_path (cr);
      g_assert_cmpint (path->status, ==, CAIRO_STATUS_SUCCESS);
      /* Cairo adds a MOVE_TO after each CLOSE_PATH, so count a ring's
       * points as its LINE_TOs plus its closing edge. */
      n_points = 0;
      for (int i = 0; i < path->num_data; i += path->data[i].header.length)
        {
          if (i == 0)
            {
              guint n;
              const double *xy = ls_shapes_get_ring (shapes, kor, 0, 0, &n);

              g_assert_cmpint (path->data[i].header.type, ==, CAIRO_PATH_MOVE_TO);
              ls_projection_project (&proj, xy[0], xy[1], &x, &y);
              /* Cairo keeps path points in 24.8 fixed point. */
              g_assert_cmpfloat_with_epsilon (path->data[i + 1].point.x, x, 1.0 / 256);
              g_assert_cmpfloat_with_epsilon (path->data[i + 1].point.y, y, 1.0 / 256);
            }
          if (path->data[i].header.type == CAIRO_PATH_LINE_TO ||
              path->data[i].header.type == CAIRO_PATH_CLOSE_PATH)
            n_points++;
        }
      cairo_path_destroy (path);

      n_ring_points = 0;
      for (guint p = 0; p < ls_shapes_get_n_polygons (shapes, kor); p++)
        for (guint r = 0; r < ls_shapes_get_n_rings (shapes, kor, p); r++)
          {
            guint n;

            ls_shapes_get_ring (shapes, kor, p, r, &n);
            n_ring_points += n;
          }
      g_assert_cmpuint (n_points, ==, n_ring_points);
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_finalize_object (shapes);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lodestone/render/shapes/default-110m", test_default_110m);
  g_test_add_func ("/lodestone/render/shapes/default-50m", test_default_50m);
  g_test_add_func ("/lodestone/render/shapes/hit-test-110m", test_hit_test_110m);
  g_test_add_func ("/lodestone/render/shapes/hit-test-50m", test_hit_test_50m);
  g_test_add_func ("/lodestone/render/shapes/antimeridian-110m", test_antimeridian_110m);
  g_test_add_func ("/lodestone/render/shapes/antimeridian-50m", test_antimeridian_50m);
  g_test_add_func ("/lodestone/render/shapes/bounds", test_bounds);
  g_test_add_func ("/lodestone/render/shapes/meets-box", test_meets_box);
  g_test_add_func ("/lodestone/render/shapes/minimal", test_minimal);
  g_test_add_func ("/lodestone/render/shapes/bad-inputs", test_bad_inputs);
  g_test_add_func ("/lodestone/render/shapes/truncated", test_truncated);
  g_test_add_func ("/lodestone/render/shapes/from-file", test_from_file);
  g_test_add_func ("/lodestone/render/shapes/append-path", test_append_path);

  return g_test_run ();
}
