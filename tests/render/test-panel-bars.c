/* test-panel-bars.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The share panel's bar (issue 13 item 2): its four parts are the need
 * split `lodestone-cli shares --format json` prints, drawn in the
 * palette's four colours, with the baseline as a ghost under it. */

#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>

#include "ls-render-bars.h"
#include "ls-test-utils.h"

#define WIDTH  400
#define HEIGHT 20

static JsonNode *
cli_shares (void)
{
  const char *args[] = { "shares", "--format", "json", "--alliance", "msp",
                         "--restrict", "magnets:CHN:bloc:1", "--samples", "1", NULL };

  return ls_test_run_cli_json (args);
}

/* The colour drawn at (@x, @y), as 0–255 channels. */
static void
pixel (cairo_surface_t *surface,
       int              x,
       int              y,
       guint            rgb[3])
{
  const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (surface) +
                                          y * cairo_image_surface_get_stride (surface));
  guint32 argb = row[x];

  rgb[0] = argb >> 16 & 0xff;
  rgb[1] = argb >> 8 & 0xff;
  rgb[2] = argb & 0xff;
}

static void
assert_colour (const guint    rgb[3],
               const LsColor *color)
{
  g_assert_cmpint (abs ((int) rgb[0] - (int) round (color->red * 255)), <=, 1);
  g_assert_cmpint (abs ((int) rgb[1] - (int) round (color->green * 255)), <=, 1);
  g_assert_cmpint (abs ((int) rgb[2] - (int) round (color->blue * 255)), <=, 1);
}

/* Draws @bar (and @ghost) and checks that each part wider than a few
 * pixels shows its colour where the part is, on the bar and its ghost. */
static void
check_drawing (const LsRenderStyle *style,
               const LsNeedBar     *bar,
               const LsNeedBar     *ghost)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  double bounds[LS_N_NEED_PARTS + 1];
  int bar_y = 4;

  cairo_set_source_rgb (cr, style->background.red, style->background.green, style->background.blue);
  cairo_paint (cr);
  ls_render_need_bar (cr, style, bar, ghost, WIDTH, HEIGHT);
  cairo_surface_flush (surface);

  ls_need_bar_get_bounds (bar, WIDTH, bounds);
  g_assert_cmpfloat (bounds[0], ==, 0.0);
  g_assert_cmpfloat_with_epsilon (bounds[LS_N_NEED_PARTS], WIDTH, 1e-9);

  for (guint k = 0; k < LS_N_NEED_PARTS; k++)
    {
      guint rgb[3];
      int x;

      g_assert_cmpfloat_with_epsilon (bounds[k + 1] - bounds[k], bar->part[k] * WIDTH, 1e-9);
      if (bounds[k + 1] - bounds[k] < 8.0)
        continue;

      x = (int) floor ((bounds[k] + bounds[k + 1]) / 2);
      if (k == LS_NEED_UNMET)
        {
          /* Hatched: some pixel of the part is the unmet colour itself,
           * some lighter. */
          gboolean solid = FALSE;
          gboolean striped = FALSE;

          for (int dx = -3; dx <= 3; dx++)
            {
              pixel (surface, x + dx, bar_y, rgb);
              /* Within antialiasing of the colour. */
              if (abs ((int) rgb[0] - (int) round (style->shortfall.red * 255)) <= 8 &&
                  abs ((int) rgb[1] - (int) round (style->shortfall.green * 255)) <= 8 &&
                  abs ((int) rgb[2] - (int) round (style->shortfall.blue * 255)) <= 8)
                solid = TRUE;
              else
                striped = TRUE;
            }
          g_assert_true (solid);
          g_assert_true (striped);
        }
      else
        {
          pixel (surface, x, bar_y, rgb);
          assert_colour (rgb, ls_render_style_get_need_color (style, k));
        }
    }

  /* The ghost is under the bar, fainter: at the bottom row, a part that
   * has none of the result's colour at the same place shows the
   * baseline's. */
  if (ghost != NULL)
    {
      double ghost_bounds[LS_N_NEED_PARTS + 1];
      guint top[3];
      guint bottom[3];

      ls_need_bar_get_bounds (ghost, WIDTH, ghost_bounds);
      pixel (surface, (int) (ghost_bounds[0] + ghost_bounds[1]) / 2, bar_y, top);
      pixel (surface, (int) (ghost_bounds[0] + ghost_bounds[1]) / 2, HEIGHT - 2, bottom);
      /* Faded: nearer the background than the part's own colour. */
      g_assert_cmpint (bottom[0] + bottom[1] + bottom[2], >, top[0] + top[1] + top[2]);
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_bars_match_cli (void)
{
  g_autoptr(JsonNode) root = cli_shares ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LsDataset) dataset = NULL;
  g_autoptr(LsScenario) scenario = ls_scenario_new ();
  g_autoptr(LsScenario) plain = ls_scenario_new ();
  g_autoptr(LsResult) result = NULL;
  g_autoptr(LsResult) baseline = NULL;
  LsRenderStyle light;
  LsRenderStyle dark;
  JsonArray *stages;
  guint n_checked = 0;

  if (root == NULL)
    {
      g_test_skip ("LODESTONE_CLI is not set");
      return;
    }

  dataset = ls_dataset_new_default (&error);
  g_assert_no_error (error);
  ls_scenario_set_alliance (scenario, "msp", TRUE);
  ls_scenario_set_alliance (plain, "msp", TRUE);
  ls_test_add_restriction (scenario, "magnets", "CHN", "bloc", 1.0);
  result = ls_test_compute (dataset, scenario);
  baseline = ls_test_compute (dataset, plain);
  ls_render_style_init (&light, FALSE);
  ls_render_style_init (&dark, TRUE);

  stages = json_object_get_array_member (json_node_get_object (root), "stages");
  g_assert_cmpuint (json_array_get_length (stages), ==, ls_result_get_n_stages (result));

  for (guint s = 0; s < json_array_get_length (stages); s++)
    {
      JsonNode *need = json_object_get_member (json_array_get_object_element (stages, s), "need");
      LsNeedBar bar;
      LsNeedBar ghost;
      double sum = 0.0;

      if (JSON_NODE_HOLDS_NULL (need))
        {
          g_assert_false (ls_need_bar_init_from_result (&bar, result, s));
          continue;
        }

      g_assert_true (ls_need_bar_init_from_result (&bar, result, s));
      g_assert_true (ls_need_bar_init_from_result (&ghost, baseline, s));
      assert_close (bar.part[LS_NEED_MEMBERS], json_object_get_double_member (json_node_get_object (need), "members"));
      assert_close (bar.part[LS_NEED_CHINA], json_object_get_double_member (json_node_get_object (need), "china"));
      assert_close (bar.part[LS_NEED_OTHER], json_object_get_double_member (json_node_get_object (need), "other"));
      assert_close (bar.part[LS_NEED_UNMET], json_object_get_double_member (json_node_get_object (need), "unmet"));
      for (guint k = 0; k < LS_N_NEED_PARTS; k++)
        sum += bar.part[k];
      assert_close (sum, 1.0);

      check_drawing (&light, &bar, &ghost);
      check_drawing (&dark, &bar, NULL);
      n_checked++;
    }

  /* The cut-off stage has unmet need to draw. */
  {
    LsNeedBar bar;

    g_assert_true (ls_need_bar_init_from_result (&bar, result, ls_dataset_lookup_stage (dataset, "magnets")));
    g_assert_cmpfloat (bar.part[LS_NEED_UNMET] * WIDTH, >=, 8.0);
  }
  g_assert_cmpuint (n_checked, >=, 4);
}

static void
test_need_colours (void)
{
  LsRenderStyle style;

  ls_render_style_init (&style, FALSE);
  g_assert_true (ls_render_style_get_need_color (&style, LS_NEED_MEMBERS) == &style.member);
  g_assert_true (ls_render_style_get_need_color (&style, LS_NEED_CHINA) == &style.china);
  g_assert_true (ls_render_style_get_need_color (&style, LS_NEED_OTHER) == &style.other);
  g_assert_true (ls_render_style_get_need_color (&style, LS_NEED_UNMET) == &style.shortfall);
}

static void
test_evidence_bar (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 100, 6);
  cairo_t *cr = cairo_create (surface);
  LsRenderStyle style;
  LsEvidenceSplit split = { { 0.5, 0.3, 0.2 } };
  guint published[3], estimated[3], modelled[3];

  ls_render_style_init (&style, FALSE);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  ls_render_evidence_bar (cr, &style, &split, 100, 6);
  cairo_surface_flush (surface);

  /* Published darkest, then estimated, then the model's, in that order. */
  pixel (surface, 25, 3, published);
  pixel (surface, 65, 3, estimated);
  pixel (surface, 90, 3, modelled);
  assert_colour (published, &style.foreground);
  g_assert_cmpint (published[0], <, estimated[0]);
  g_assert_cmpint (estimated[0], <, modelled[0]);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_sparkline (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 110, 22);
  cairo_t *cr = cairo_create (surface);
  LsRenderStyle style;
  const int years[] = { 2015, 2020, 2024, 2025 };
  const double values[] = { NAN, 0.0, 1.0, 1.0 };
  guint dot[3];
  guint empty[3];

  ls_render_style_init (&style, FALSE);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  ls_render_sparkline (cr, &style, years, values, G_N_ELEMENTS (years), 2024, 110, 22);
  cairo_surface_flush (surface);

  /* The current year's dot, at 100 %: x = 2.5 + 9/10 · 105. */
  pixel (surface, 97, 3, dot);
  assert_colour (dot, &style.member);
  /* No line where 2015 has no value. */
  pixel (surface, 10, 11, empty);
  g_assert_cmpuint (empty[0] + empty[1] + empty[2], ==, 3 * 255);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lodestone/render/panel-bars/need-matches-cli", test_bars_match_cli);
  g_test_add_func ("/lodestone/render/panel-bars/need-colours", test_need_colours);
  g_test_add_func ("/lodestone/render/panel-bars/evidence", test_evidence_bar);
  g_test_add_func ("/lodestone/render/panel-bars/sparkline", test_sparkline);

  return g_test_run ();
}
