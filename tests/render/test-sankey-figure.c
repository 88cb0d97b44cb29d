/* test-sankey-figure.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ls-format.h"
#include "ls-render-sankey.h"
#include "ls-sankey-figure-private.h"
#include "ls-scenario.h"
#include "ls-test-utils.h"

#include <string.h>

/*
 * The Sankey figure: unmet need shown at the country that lacks it, with
 * the new plant that gets no feed (issue 13, 2b), pins (issue 11, part 3),
 * the band under a point, estimated bands striped, and text measures and
 * images taken from the figure before.
 */

static LsResult *
compute (LsDataset  *dataset,
         LsScenario *scenario)
{
  g_autoptr(GError) error = NULL;
  LsResult *result = ls_result_new (dataset, scenario, &error);

  g_assert_no_error (error);
  return result;
}

/* China withholds magnets from the bloc: the bloc's users stay in the
 * Use column, each with its unmet need as part of its bar, and the need
 * no longer goes to one anonymous node. */
static void
test_unmet_at_country (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsDataset) dataset = ls_dataset_new_default (&error);
  g_autoptr(LsScenario) scenario = ls_test_scenario_new ();
  g_autoptr(LsResult) result = NULL;
  g_autoptr(LsSankeyFigure) figure = NULL;
  guint use = ls_dataset_lookup_stage (dataset, "use");
  double unmet = 0, shortfall;
  LsRenderStyle style;
  int usa;

  ls_scenario_set_alliance (scenario, "msp", TRUE);
  ls_test_add_restriction (scenario, "magnets", "CHN", "bloc", 1.0);
  result = compute (dataset, scenario);
  shortfall = ls_result_get_stage_shortfall (result, use);
  g_assert_cmpfloat (shortfall, >, 1000);

  ls_render_style_init (&style, FALSE);
  figure = ls_sankey_figure_new (result, &style, 1600, 1000, NULL);

  usa = ls_sankey_figure_lookup_country (figure, "USA", use);
  g_assert_cmpint (usa, >=, 0);
  {
    const LsSankeyNode *node = ls_sankey_figure_get_node (figure, usa);
    int country = ls_dataset_lookup_country (dataset, "USA");
    double in = 0;
    g_autofree char *tip = ls_sankey_figure_describe_node (figure, usa, NULL);
    g_autofree char *needed = ls_format_tonnes_compact (node->target);
    int label = ls_sankey_figure_get_node_label (figure, usa);

    g_assert_cmpfloat (node->unmet, >, 0);
    assert_close (node->unmet, ls_result_get_shortfall (result, use, country));
    assert_close (node->target, ls_result_get_production (result, use, country) +
                                ls_result_get_shortfall (result, use, country));
    for (guint l = 0; l < ls_sankey_figure_get_n_links (figure); l++)
      if (ls_sankey_figure_get_link (figure, l)->target == (guint)usa)
        in += ls_sankey_figure_get_link (figure, l)->value;
    /* The bar: what came in, and below it what did not. */
    assert_close (node->value, in + node->unmet);
    g_assert_true (g_str_has_prefix (tip, "United States — "));
    g_assert_nonnull (strstr (tip, "needed"));
    g_assert_nonnull (strstr (tip, needed));
    g_assert_cmpint (label, >=, 0);
    g_assert_nonnull (strstr (ls_sankey_figure_get_label (figure, label)->value_text, needed));
  }

  /* Every tonne short is at a node of its stage. */
  for (guint n = 0; n < ls_sankey_figure_get_n_nodes (figure); n++)
    {
      const LsSankeyNode *node = ls_sankey_figure_get_node (figure, n);

      if (node->stage == use)
        unmet += node->unmet;
      g_assert_cmpstr (strrchr (node->id, '/'), !=, "/shortfall");
    }
  assert_close (unmet, shortfall);

  /* The layout gives the unmet part its room. */
  {
    g_autoptr(LsSankeyGraph) graph = ls_sankey_figure_dup_graph (figure);
    double fixed = 0;

    g_assert_true (ls_sankey_graph_get_node_fixed_value (graph, usa, &fixed));
    assert_close (fixed, ls_sankey_figure_get_node (figure, usa)->value);
  }
}

/* A separation plant added in a bloc that has no feed for it (China, the
 * only miner, withholds ore from the bloc) shows as a node whose whole
 * bar is unmet: "capacity +40 t, 0 t fed". */
static void
test_starved_plant (void)
{
  g_autoptr(LsDataset) dataset = ls_test_build_dataset (2, "1 0.5", "AAA BBB",
                                                        "mining CHN 200, separation CHN 100",
                                                        "mining CHN CHN 200");
  g_autoptr(LsScenario) scenario = ls_test_scenario_new ();
  g_autoptr(LsResult) result = NULL;
  g_autoptr(LsSankeyFigure) figure = NULL;
  g_autofree char *tip = NULL;
  LsRenderStyle style;
  const LsSankeyNode *node;
  int plant;

  ls_scenario_set_alliance (scenario, "al", TRUE);
  ls_test_add_capacity (scenario, "separation", "BBB", 40);
  ls_test_add_restriction (scenario, "mining", "CHN", "bloc", 1.0);
  result = ls_test_compute (dataset, scenario);
  g_assert_cmpfloat (ls_result_get_production (result, 1, BBB), ==, 0);

  ls_render_style_init (&style, FALSE);
  figure = ls_sankey_figure_new (result, &style, 1280, 720, NULL);
  plant = ls_sankey_figure_lookup_country (figure, "BBB", 1);
  g_assert_cmpint (plant, >=, 0);
  node = ls_sankey_figure_get_node (figure, plant);
  assert_close (node->target, 40);
  assert_close (node->tonnes, 0);
  /* 40 t of output it cannot make is 80 t of ore it does not get. */
  assert_close (node->unmet, 80);
  assert_close (node->value, node->unmet);
  tip = ls_sankey_figure_describe_node (figure, plant, NULL);
  g_assert_nonnull (strstr (tip, "capacity +"));
  g_assert_nonnull (strstr (tip, "fed"));
}

/* A pinned node keeps its rank, in the figure and in an export made with
 * the scenario; without the pin it goes back where the layout puts it. */
static void
test_pins (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsDataset) dataset = ls_dataset_new_default (&error);
  g_autoptr(LsScenario) scenario = ls_test_scenario_new ();
  g_autoptr(LsResult) result = NULL;
  g_autoptr(LsSankeyFigure) free_figure = NULL;
  g_autoptr(LsSankeyFigure) pinned = NULL;
  LsSankeyFigureOptions options = { 0 };
  LsSankeyPin *pins;
  LsRenderStyle style;
  guint last = 0, target, n_pins;
  int japan;

  ls_scenario_set_alliance (scenario, "msp", TRUE);
  result = compute (dataset, scenario);
  ls_render_style_init (&style, FALSE);
  free_figure = ls_sankey_figure_new (result, &style, 1280, 800, NULL);
  japan = ls_sankey_figure_lookup_node (free_figure, "use/JPN");
  g_assert_cmpint (japan, >=, 0);
  for (guint n = 0; n < ls_sankey_figure_get_n_nodes (free_figure); n++)
    if (ls_sankey_figure_get_node (free_figure, n)->stage == ls_sankey_figure_get_node (free_figure, japan)->stage)
      last++;
  last--;
  /* Pinned at the other end of its column from where it was. */
  target = ls_sankey_figure_get_node_rank (free_figure, japan) == 0 ? last : 0;
  g_assert_false (ls_sankey_figure_get_node (free_figure, japan)->pinned);

  ls_scenario_set_pin (scenario, "use", "JPN", target);
  pins = ls_sankey_pins_new_from_scenario (scenario, &n_pins);
  g_assert_cmpuint (n_pins, ==, 1);
  g_assert_cmpstr (pins[0].node, ==, "use/JPN");
  options.pins = pins;
  options.n_pins = n_pins;
  options.previous_order = NULL;
  pinned = ls_sankey_figure_new_with_options (result, &style, 1280, 800, &options);
  japan = ls_sankey_figure_lookup_node (pinned, "use/JPN");
  g_assert_cmpuint (ls_sankey_figure_get_node_rank (pinned, japan), ==, target);
  g_assert_true (ls_sankey_figure_get_node (pinned, japan)->pinned);
  g_assert_cmpuint (ls_sankey_figure_get_n_pins (pinned), ==, 1);
  {
    g_autofree char *tip = ls_sankey_figure_describe_node (pinned, japan, NULL);

    g_assert_nonnull (strstr (tip, "Pinned"));
  }
  ls_sankey_pins_free (pins, n_pins);

  /* The export draws with the scenario's pins (a figure of the same
   * size as its body is what it lays out). */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 800);
    cairo_t *cr = cairo_create (surface);

    ls_render_sankey_figure_with_scenario (cr, result, &style, 1280, 800, scenario);
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
}

/* The band under a point, between the nodes; nodes come first. */
static void
test_link_at (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsDataset) dataset = ls_dataset_new_default (&error);
  g_autoptr(LsScenario) scenario = ls_test_scenario_new ();
  g_autoptr(LsResult) result = compute (dataset, scenario);
  g_autoptr(LsSankeyFigure) figure = NULL;
  LsRenderStyle style;
  guint found = 0;

  ls_render_style_init (&style, FALSE);
  figure = ls_sankey_figure_new (result, &style, 1280, 800, NULL);
  for (guint l = 0; l < ls_sankey_figure_get_n_links (figure); l++)
    {
      const LsSankeyLink *link = ls_sankey_figure_get_link (figure, l);
      const LsSankeyNode *source = ls_sankey_figure_get_node (figure, link->source);
      const LsSankeyNode *target = ls_sankey_figure_get_node (figure, link->target);
      double x = (source->x1 + target->x0) / 2, y = (link->y0 + link->y1) / 2;

      /* Wide bands: at their middle, the band is that one (narrow ones
       * may lie under a wider neighbour). */
      if (link->width < 12)
        continue;
      g_assert_cmpint (ls_sankey_figure_link_at (figure, x, y), ==, l);
      g_assert_cmpint (ls_sankey_figure_link_at (figure, x, y - link->width), !=, l);
      found++;
    }
  g_assert_cmpuint (found, >, 3);
  g_assert_cmpint (ls_sankey_figure_link_at (figure, 1, 1), ==, -1);
}

/* The colours along a row of @n pixels from (@x, @y) of @image: how many
 * differ from the first by more than @tolerance in a channel, and
 * whether any is the white page. */
static guint
count_row_changes (cairo_surface_t *image,
                   int              x,
                   int              y,
                   int              n,
                   guint            tolerance,
                   gboolean        *white)
{
  const guint8 *row = cairo_image_surface_get_data (image) + y * cairo_image_surface_get_stride (image);
  const guint8 *first = row + 4 * x;
  guint changes = 0;

  *white = FALSE;
  for (int i = 0; i < n; i++)
    {
      const guint8 *px = row + 4 * (x + i);
      gboolean differs = FALSE;

      for (guint k = 0; k < 3; k++)
        differs |= ABS ((int)px[k] - (int)first[k]) > (int)tolerance;
      changes += differs ? 1 : 0;
      *white |= px[0] == 255 && px[1] == 255 && px[2] == 255;
    }

  return changes;
}

/* A mostly estimated band is its colour with stripes over it (drawn as
 * one fill on an image, issue 12); any other is plain. */
static void
test_hatched_bands (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsDataset) dataset = ls_dataset_new_default (&error);
  g_autoptr(LsScenario) scenario = ls_test_scenario_new ();
  g_autoptr(LsResult) result = compute (dataset, scenario);
  g_autoptr(LsSankeyFigure) figure = NULL;
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1280, 800);
  cairo_t *cr = cairo_create (image);
  guint n_hatched = 0, n_plain = 0;
  LsRenderStyle style;

  ls_render_style_init (&style, FALSE);
  figure = ls_sankey_figure_new (result, &style, 1280, 800, NULL);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  ls_sankey_figure_draw (figure, cr, &style, -1);
  cairo_surface_flush (image);

  for (guint l = 0; l < ls_sankey_figure_get_n_links (figure); l++)
    {
      const LsSankeyLink *link = ls_sankey_figure_get_link (figure, l);
      const LsSankeyNode *source = ls_sankey_figure_get_node (figure, link->source);
      const LsSankeyNode *target = ls_sankey_figure_get_node (figure, link->target);
      double x = (source->x1 + target->x0) / 2, y = (link->y0 + link->y1) / 2;
      gboolean white;
      guint changes;

      /* Wide bands alone at their middle, over 15 pixels across. */
      if (link->width < 16 || ls_sankey_figure_link_at (figure, x, y) != (int)l ||
          ls_sankey_figure_link_at (figure, x - 8, y) != (int)l || ls_sankey_figure_link_at (figure, x + 8, y) != (int)l)
        continue;

      changes = count_row_changes (image, (int)x - 7, (int)y, 15, 2, &white);
      /* The band's colour between the stripes, never the page. */
      g_assert_false (white);
      if (link->estimated > link->value / 2)
        {
          g_assert_cmpuint (changes, >, 0);
          n_hatched++;
        }
      else
        {
          g_assert_cmpuint (changes, ==, 0);
          n_plain++;
        }
    }
  /* On the shipped data nearly every wide band is mostly estimated. */
  g_test_message ("%u striped and %u plain bands checked", n_hatched, n_plain);
  g_assert_cmpuint (n_hatched, >, 3);

  cairo_destroy (cr);
  cairo_surface_destroy (image);
}

/* A figure that takes its text measures from the one drawn before is laid
 * out exactly as one that measures everything itself (issue 12). */
static void
test_measures_reused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsDataset) dataset = ls_dataset_new_default (&error);
  g_autoptr(LsScenario) scenario = ls_test_scenario_new ();
  g_autoptr(LsResult) result = compute (dataset, scenario);
  g_autoptr(LsResult) next_result = NULL;
  g_autoptr(LsSankeyFigure) before = NULL;
  g_autoptr(LsSankeyFigure) reusing = NULL;
  g_autoptr(LsSankeyFigure) measuring = NULL;
  g_auto(GStrv) order = NULL;
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 800);
  cairo_t *cr = cairo_create (image);
  LsSankeyFigureOptions options = { 0 };
  LsRenderStyle style;

  ls_render_style_init (&style, FALSE);
  before = ls_sankey_figure_new (result, &style, 1280, 800, NULL);
  ls_sankey_figure_draw (before, cr, &style, -1);
  ls_scenario_set_alliance (scenario, "msp", TRUE);
  next_result = compute (dataset, scenario);

  order = ls_sankey_figure_dup_node_order (before);
  options.previous_order = (const char * const *)order;
  options.quick_order = TRUE;
  measuring = ls_sankey_figure_new_with_options (next_result, &style, 1280, 800, &options);
  options.drawn = before;
  reusing = ls_sankey_figure_new_with_options (next_result, &style, 1280, 800, &options);

  /* The measures came from the figure before, and are let go once drawn. */
  g_assert_null (measuring->text.previous_measures);
  g_assert_true (reusing->text.previous_measures == before->text.measures);
  g_assert_true (reusing->text.previous_images == before->text.images);
  g_assert_cmpuint (g_hash_table_size (before->text.measures), >, 10);

  g_assert_cmpuint (ls_sankey_figure_get_n_labels (reusing), ==, ls_sankey_figure_get_n_labels (measuring));
  g_assert_cmpuint (ls_sankey_figure_get_n_labels (reusing), >, 10);
  for (guint i = 0; i < ls_sankey_figure_get_n_labels (reusing); i++)
    {
      const LsSankeyLabel *a = ls_sankey_figure_get_label (reusing, i);
      const LsSankeyLabel *b = ls_sankey_figure_get_label (measuring, i);

      g_assert_cmpstr (a->text, ==, b->text);
      g_assert_cmpstr (a->value_text, ==, b->value_text);
      g_assert_cmpfloat (a->x, ==, b->x);
      g_assert_cmpfloat (a->y, ==, b->y);
      g_assert_cmpfloat (a->width, ==, b->width);
      g_assert_cmpfloat (a->height, ==, b->height);
    }
  for (guint n = 0; n < ls_sankey_figure_get_n_nodes (reusing); n++)
    {
      g_assert_cmpfloat (ls_sankey_figure_get_node (reusing, n)->x0, ==, ls_sankey_figure_get_node (measuring, n)->x0);
      g_assert_cmpfloat (ls_sankey_figure_get_node (reusing, n)->y0, ==, ls_sankey_figure_get_node (measuring, n)->y0);
      g_assert_cmpfloat (ls_sankey_figure_get_node (reusing, n)->y1, ==, ls_sankey_figure_get_node (measuring, n)->y1);
    }

  ls_sankey_figure_draw (reusing, cr, &style, -1);
  g_assert_null (reusing->text.previous_measures);
  g_assert_null (reusing->text.previous_images);

  cairo_destroy (cr);
  cairo_surface_destroy (image);
}

/* Pixels of two images of the same size that differ by more than one
 * level in a channel. */
static guint
count_differing_pixels (cairo_surface_t *a,
                        cairo_surface_t *b)
{
  int width = cairo_image_surface_get_width (a), height = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);
  const guint8 *pa = cairo_image_surface_get_data (a), *pb = cairo_image_surface_get_data (b);
  guint n = 0;

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        gboolean differs = FALSE;

        for (int k = 0; k < 4; k++)
          differs |= ABS ((int)pa[y * stride + 4 * x + k] - (int)pb[y * stride + 4 * x + k]) > 1;
        n += differs ? 1 : 0;
      }

  return n;
}

static cairo_surface_t *
draw_figure (LsSankeyFigure      *figure,
             const LsRenderStyle *style,
             gboolean             direct)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 800);
  cairo_t *cr = cairo_create (image);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  /* More than a translation, too little to move a pixel: text is drawn
   * as text, not from images. */
  if (direct)
    cairo_transform (cr, &(cairo_matrix_t) { 1, 1e-9, 0, 1, 0, 0 });
  ls_sankey_figure_draw (figure, cr, style, -1);
  cairo_destroy (cr);

  return image;
}

/* The headers, legend and source line drawn from images on an image look
 * as drawn as text, and as drawn from the images of the figure before
 * (issue 12). */
static void
test_text_images (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsDataset) dataset = ls_dataset_new_default (&error);
  g_autoptr(LsScenario) scenario = ls_test_scenario_new ();
  g_autoptr(LsResult) result = compute (dataset, scenario);
  g_autoptr(LsSankeyFigure) first = NULL;
  g_autoptr(LsSankeyFigure) plain = NULL;
  g_autoptr(LsSankeyFigure) next = NULL;
  cairo_surface_t *from_images, *as_text, *from_before;
  LsRenderStyle style;
  guint n_text, n_before;

  ls_render_style_init (&style, FALSE);
  first = ls_sankey_figure_new (result, &style, 1280, 800, NULL);
  plain = ls_sankey_figure_new (result, &style, 1280, 800, NULL);
  from_images = draw_figure (first, &style, FALSE);
  g_assert_cmpuint (g_hash_table_size (first->text.images), >, 5);
  as_text = draw_figure (plain, &style, TRUE);
  g_assert_cmpuint (g_hash_table_size (plain->text.images), ==, 0);

  next = ls_sankey_figure_new (result, &style, 1280, 800, first);
  g_assert_true (next->text.previous_images == first->text.images);
  from_before = draw_figure (next, &style, FALSE);

  n_text = count_differing_pixels (from_images, as_text);
  n_before = count_differing_pixels (from_images, from_before);
  g_test_message ("%u pixels differ from the text drawn as text, %u from the images of the figure before",
                  n_text, n_before);
  /* Text composited through an image may round differently at a few
   * antialiased edges. */
  g_assert_cmpuint (n_text, <=, 50);
  g_assert_cmpuint (n_before, ==, 0);

  cairo_surface_destroy (from_images);
  cairo_surface_destroy (as_text);
  cairo_surface_destroy (from_before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lodestone/render/sankey-figure/unmet-at-country", test_unmet_at_country);
  g_test_add_func ("/lodestone/render/sankey-figure/starved-plant", test_starved_plant);
  g_test_add_func ("/lodestone/render/sankey-figure/pins", test_pins);
  g_test_add_func ("/lodestone/render/sankey-figure/link-at", test_link_at);
  g_test_add_func ("/lodestone/render/sankey-figure/hatched-bands", test_hatched_bands);
  g_test_add_func ("/lodestone/render/sankey-figure/measures-reused", test_measures_reused);
  g_test_add_func ("/lodestone/render/sankey-figure/text-images", test_text_images);

  return g_test_run ();
}
