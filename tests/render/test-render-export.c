/* test-render-export.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ls-export.h"
#include "ls-render-sankey.h"
#include "ls-result.h"
#include "ls-scenario-text.h"
#include "ls-test-utils.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

typedef struct
{
  LsDataset  *dataset;
  LsScenario *scenario;
  LsResult   *result;
  char       *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dataset = ls_dataset_new_default (&error);
  g_assert_no_error (error);
  f->scenario = ls_scenario_new ();
  f->result = ls_result_new (f->dataset, f->scenario, &error);
  g_assert_no_error (error);
  f->dir = g_dir_make_tmp ("lodestone-render-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ls_test_remove_tmp_dir (f->dir);
  g_free (f->dir);
  g_clear_pointer (&f->result, ls_result_unref);
  g_assert_finalize_object (f->scenario);
  g_assert_finalize_object (f->dataset);
}

static LsResult *
result_for (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  LsResult *result = ls_result_new (f->dataset, f->scenario, &error);

  g_assert_no_error (error);

  return result;
}

static void
add_restrictions (LsScenario *scenario)
{
  char *china[] = { (char *)"CHN", NULL };
  LsParty from = { LS_PARTY_COUNTRIES, china };
  LsParty bloc = { LS_PARTY_BLOC, NULL };
  LsParty non_bloc = { LS_PARTY_NON_BLOC, NULL };
  g_autoptr(LsRestriction) magnets = ls_restriction_new ("magnets", &from, &non_bloc, 0.5);
  g_autoptr(LsRestriction) separation = ls_restriction_new ("separation", &from, &bloc, 1.0);

  ls_scenario_add_restriction (scenario, magnets);
  ls_scenario_add_restriction (scenario, separation);
}

static const int sizes[][2] = { { 1280, 800 }, { 1920, 1080 } };

static gsize
file_size (const char *path)
{
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);

  return buf.st_size;
}

static void
test_export_png (Fixture       *f,
                 gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (int dark = 0; dark <= 1; dark++)
      {
        int w = sizes[i][0], h = sizes[i][1];
        g_autofree char *name = g_strdup_printf ("sankey-%dx%d-%d.png", w, h, dark);
        g_autofree char *path = g_build_filename (f->dir, name, NULL);
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
        cairo_t *cr = cairo_create (surface);
        LsRenderStyle style;

        ls_render_style_init (&style, dark);
        ls_render_sankey_figure (cr, f->result, &style, w, h);
        g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
        g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
        cairo_destroy (cr);
        cairo_surface_destroy (surface);

        g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
        g_assert_cmpuint (file_size (path), >, 10000);

        surface = cairo_image_surface_create_from_png (path);
        g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
        g_assert_cmpint (cairo_image_surface_get_width (surface), ==, w);
        g_assert_cmpint (cairo_image_surface_get_height (surface), ==, h);

        /* Something was drawn: the corner is the background, the figure
         * is not all background. */
        {
          guint32 *pixels = (guint32 *)cairo_image_surface_get_data (surface);
          int stride = cairo_image_surface_get_stride (surface) / 4;
          guint32 corner = pixels[0];
          guint differing = 0;

          for (int y = 0; y < h; y += 7)
            for (int x = 0; x < w; x += 7)
              if (pixels[y * stride + x] != corner)
                differing++;
          g_assert_cmpuint (differing, >, (guint)(w / 7) * (h / 7) / 10);
        }
        cairo_surface_destroy (surface);
      }
}

static void
test_export_vector (Fixture       *f,
                    gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (int pdf = 0; pdf <= 1; pdf++)
      {
        int w = sizes[i][0], h = sizes[i][1];
        g_autofree char *name = g_strdup_printf ("sankey-%dx%d.%s", w, h, pdf ? "pdf" : "svg");
        g_autofree char *path = g_build_filename (f->dir, name, NULL);
        g_autofree char *contents = NULL;
        cairo_surface_t *surface;
        cairo_t *cr;
        LsRenderStyle style;
        gsize length;

        surface = pdf ? cairo_pdf_surface_create (path, w, h) : cairo_svg_surface_create (path, w, h);
        cr = cairo_create (surface);
        ls_render_style_init (&style, FALSE);
        ls_render_sankey_figure (cr, f->result, &style, w, h);
        g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
        cairo_destroy (cr);
        cairo_surface_finish (surface);
        g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
        cairo_surface_destroy (surface);

        g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
        g_assert_cmpuint (length, >, 5000);
        if (pdf)
          g_assert_true (g_str_has_prefix (contents, "%PDF-"));
        else
          g_assert_nonnull (strstr (contents, "<svg"));
      }
}

/* Every node inside the extent; in = out at every node that has both. */
static void
check_nodes_and_balance (const LsSankeyFigure *figure)
{
  guint n_nodes = ls_sankey_figure_get_n_nodes (figure);
  guint n_links = ls_sankey_figure_get_n_links (figure);
  g_autofree double *in = g_new0 (double, n_nodes);
  g_autofree double *out = g_new0 (double, n_nodes);
  double w = ls_sankey_figure_get_width (figure);
  double h = ls_sankey_figure_get_height (figure);
  double scale = ls_sankey_figure_get_scale (figure);

  g_assert_cmpfloat (scale, >, 0);

  for (guint l = 0; l < n_links; l++)
    {
      const LsSankeyLink *link = ls_sankey_figure_get_link (figure, l);

      g_assert_cmpfloat (link->value, >, 0);
      g_assert_cmpfloat_with_epsilon (link->width, link->value * scale, 1e-6);
      out[link->source] += link->value;
      in[link->target] += link->value;
    }

  for (guint n = 0; n < n_nodes; n++)
    {
      const LsSankeyNode *node = ls_sankey_figure_get_node (figure, n);

      g_assert_cmpfloat (node->x0, >=, 0);
      g_assert_cmpfloat (node->x1, <=, w);
      g_assert_cmpfloat (node->y0, >=, 0);
      g_assert_cmpfloat (node->y1, <=, h);
      g_assert_cmpfloat (node->x0, <, node->x1);
      g_assert_cmpfloat (node->y0, <=, node->y1);
      g_assert_cmpfloat_with_epsilon (node->y1 - node->y0, node->value * scale, 1e-6);

      if (in[n] > 0 && out[n] > 0 && fabs (in[n] / out[n] - 1) > 1e-6)
        g_error ("%s: in %g t, out %g t", node->id, in[n], out[n]);
    }
}

/* No two label rectangles overlap; none meets another node; all inside. */
static void
check_labels (const LsSankeyFigure *figure)
{
  guint n_labels = ls_sankey_figure_get_n_labels (figure);
  guint n_nodes = ls_sankey_figure_get_n_nodes (figure);
  double w = ls_sankey_figure_get_width (figure);
  double h = ls_sankey_figure_get_height (figure);

  for (guint i = 0; i < n_labels; i++)
    {
      const LsSankeyLabel *a = ls_sankey_figure_get_label (figure, i);

      g_assert_cmpfloat (a->x, >=, 0);
      g_assert_cmpfloat (a->y, >=, 0);
      g_assert_cmpfloat (a->x + a->width, <=, w);
      g_assert_cmpfloat (a->y + a->height, <=, h);
      g_assert_cmpfloat (a->width, >, 0);

      for (guint j = i + 1; j < n_labels; j++)
        {
          const LsSankeyLabel *b = ls_sankey_figure_get_label (figure, j);
          gboolean overlap = a->x < b->x + b->width && b->x < a->x + a->width &&
                             a->y < b->y + b->height && b->y < a->y + a->height;

          if (overlap)
            g_error ("labels “%s” and “%s” overlap", a->text, b->text);
        }

      for (guint n = 0; n < n_nodes; n++)
        {
          const LsSankeyNode *node = ls_sankey_figure_get_node (figure, n);

          if (n == a->node)
            continue;
          g_assert_false (a->x < node->x1 && node->x0 < a->x + a->width &&
                          a->y < node->y1 && node->y0 < a->y + a->height);
        }
    }
}

static void
check_min_width (const LsSankeyFigure *figure)
{
  guint thin = 0;

  for (guint l = 0; l < ls_sankey_figure_get_n_links (figure); l++)
    {
      const LsSankeyLink *link = ls_sankey_figure_get_link (figure, l);
      double drawn = ls_sankey_figure_get_link_drawn_width (figure, l);

      g_assert_cmpfloat (drawn, >=, LS_SANKEY_MIN_LINK_WIDTH);
      g_assert_cmpfloat (drawn, >=, link->width);
      if (link->width < LS_SANKEY_MIN_LINK_WIDTH)
        thin++;
    }

  /* The data has flows of tens of tonnes next to hundreds of kilotonnes:
   * some bands must have needed the minimum. */
  g_assert_cmpuint (thin, >, 0);
}

static void
test_invariants (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LsResult) restricted = NULL;
  LsResult *results[2];

  ls_scenario_set_alliance (f->scenario, "msp", TRUE);
  add_restrictions (f->scenario);
  restricted = result_for (f);
  results[0] = f->result;
  results[1] = restricted;

  for (guint r = 0; r < G_N_ELEMENTS (results); r++)
    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      for (int mode = 0; mode <= 1; mode++)
        {
          g_autoptr(LsSankeyFigure) figure = NULL;
          LsRenderStyle style;

          ls_render_style_init (&style, FALSE);
          style.label_mode = mode ? LS_LABEL_PERCENT : LS_LABEL_VALUES;
          style.color_by = mode ? LS_COLOR_BY_ORIGIN : LS_COLOR_BY_MEMBERSHIP;
          figure = ls_sankey_figure_new (results[r], &style, sizes[i][0], sizes[i][1], NULL);

          check_nodes_and_balance (figure);
          check_labels (figure);
          /* at these sizes nearly every node keeps a label */
          g_assert_cmpuint (ls_sankey_figure_get_n_labels (figure) * 10, >=,
                            ls_sankey_figure_get_n_nodes (figure) * 8);
          check_min_width (figure);
        }
}

/* The separation column is drawn as input volume: output / yield. */
static void
test_scale (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(LsSankeyFigure) figure = NULL;
  LsRenderStyle style;
  int china = ls_dataset_get_china (f->dataset);
  int separation = ls_dataset_lookup_stage (f->dataset, "separation");
  double yield = ls_dataset_get_stage_yield (f->dataset, separation);
  const LsSankeyNode *node;
  int n, uses;

  ls_render_style_init (&style, FALSE);
  figure = ls_sankey_figure_new (f->result, &style, 1280, 800, NULL);
  n = ls_sankey_figure_lookup_country (figure, "CHN", separation);
  g_assert_cmpint (n, >=, 0);
  node = ls_sankey_figure_get_node (figure, n);
  g_assert_cmpfloat_with_epsilon (node->tonnes, ls_result_get_production (f->result, separation, china), 1e-6);
  g_assert_cmpfloat_with_epsilon (node->value / (node->tonnes / yield), 1.0, 1e-6);

  uses = ls_sankey_figure_lookup_node (figure, "separation/other-uses");
  g_assert_cmpint (uses, >=, 0);
  node = ls_sankey_figure_get_node (figure, uses);
  g_assert_cmpuint (node->stage, ==, separation + 1);
  g_assert_cmpfloat_with_epsilon (node->value / (ls_result_get_stage_total (f->result, separation) *
                                                 (1 - yield) / yield), 1.0, 1e-6);
}

static void
test_other_threshold (Fixture       *f,
                      gconstpointer  data)
{
  const double thresholds[] = { 0.0, 0.02, 0.1 };

  for (guint i = 0; i < G_N_ELEMENTS (thresholds); i++)
    {
      g_autoptr(LsSankeyFigure) figure = NULL;
      LsRenderStyle style;
      guint n_stages = ls_result_get_n_stages (f->result);

      ls_render_style_init (&style, FALSE);
      style.other_threshold = thresholds[i];
      figure = ls_sankey_figure_new (f->result, &style, 1280, 800, NULL);

      for (guint s = 0; s < n_stages; s++)
        {
          g_autofree char *other_id = g_strdup_printf ("%s/other", ls_dataset_get_stage_id (f->dataset, s));
          int other = ls_sankey_figure_lookup_node (figure, other_id);
          double merged = 0;

          for (guint c = 0; c < ls_result_get_n_countries (f->result); c++)
            {
              double share = ls_result_get_share (f->result, s, c);
              double p = ls_result_get_production (f->result, s, c);
              int n = ls_sankey_figure_lookup_country (figure, ls_dataset_get_country_id (f->dataset, c), s);

              if (!(p > 0))
                continue;
              if (share < thresholds[i])
                {
                  g_assert_cmpint (n, ==, -1);
                  merged += p;
                }
              else
                {
                  g_assert_cmpint (n, >=, 0);
                }
            }

          if (merged > 0)
            {
              g_assert_cmpint (other, >=, 0);
              g_assert_cmpfloat_with_epsilon (ls_sankey_figure_get_node (figure, other)->tonnes, merged, 1e-6);
            }
          else
            {
              g_assert_cmpint (other, ==, -1);
            }
        }
    }
}

/* Thin nodes in a small figure: labels shorten (ISO3), drop the figure
 * or go, and never overlap. */
static void
test_crowded_labels (Fixture       *f,
                     gconstpointer  data)
{
  const int small[][2] = { { 900, 420 }, { 640, 360 }, { 420, 260 } };
  guint shortened = 0;

  for (guint i = 0; i < G_N_ELEMENTS (small); i++)
    {
      g_autoptr(LsSankeyFigure) figure = NULL;
      LsRenderStyle style;

      ls_render_style_init (&style, FALSE);
      style.other_threshold = 0;
      figure = ls_sankey_figure_new (f->result, &style, small[i][0], small[i][1], NULL);
      check_labels (figure);

      for (guint l = 0; l < ls_sankey_figure_get_n_labels (figure); l++)
        {
          const LsSankeyLabel *label = ls_sankey_figure_get_label (figure, l);
          const LsSankeyNode *node = ls_sankey_figure_get_node (figure, label->node);

          if (label->value_text == NULL || g_strcmp0 (label->text, node->name) != 0)
            shortened++;
        }
      g_assert_cmpuint (ls_sankey_figure_get_n_labels (figure), <=, ls_sankey_figure_get_n_nodes (figure));
    }

  g_assert_cmpuint (shortened, >, 0);
}

/* The same relative order of the nodes both figures have: a change may
 * add a node (a surplus becomes "Unallocated"). */
static gboolean
orders_equal (char **a,
              char **b)
{
  g_autoptr(GPtrArray) x = g_ptr_array_new ();
  g_autoptr(GPtrArray) y = g_ptr_array_new ();

  for (guint i = 0; a[i] != NULL; i++)
    if (g_strv_contains ((const char * const *)b, a[i]))
      g_ptr_array_add (x, a[i]);
  for (guint i = 0; b[i] != NULL; i++)
    if (g_strv_contains ((const char * const *)a, b[i]))
      g_ptr_array_add (y, b[i]);

  if (x->len != y->len || x->len < g_strv_length (a) - 1)
    return FALSE;
  for (guint i = 0; i < x->len; i++)
    if (g_strcmp0 (x->pdata[i], y->pdata[i]) != 0)
      return FALSE;

  return TRUE;
}

static void
test_stable_order (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LsSankeyFigure) first = NULL;
  g_autoptr(LsSankeyFigure) second = NULL;
  g_autoptr(LsSankeyFigure) third = NULL;
  g_autoptr(LsResult) toggled = NULL;
  g_autoptr(LsResult) changed = NULL;
  g_autoptr(LsCapacityChange) change = NULL;
  g_auto(GStrv) order1 = NULL;
  g_auto(GStrv) order2 = NULL;
  g_auto(GStrv) order3 = NULL;
  LsRenderStyle style;

  ls_render_style_init (&style, FALSE);
  ls_scenario_set_alliance (f->scenario, "msp", TRUE);
  g_clear_pointer (&f->result, ls_result_unref);
  f->result = result_for (f);
  first = ls_sankey_figure_new (f->result, &style, 1280, 800, NULL);

  /* Thailand is a small miner: toggling it must not reshuffle. */
  ls_scenario_toggle_member (f->scenario, f->dataset, "THA");
  toggled = result_for (f);
  g_assert_true (ls_result_is_member (toggled, ls_dataset_lookup_country (f->dataset, "THA")));
  second = ls_sankey_figure_new (toggled, &style, 1280, 800, first);

  change = ls_capacity_change_new ("mining", "THA", 500, NULL);
  ls_scenario_add_capacity_change (f->scenario, change);
  changed = result_for (f);
  third = ls_sankey_figure_new (changed, &style, 1280, 800, second);

  order1 = ls_sankey_figure_dup_node_order (first);
  order2 = ls_sankey_figure_dup_node_order (second);
  order3 = ls_sankey_figure_dup_node_order (third);
  g_assert_true (orders_equal (order1, order2));
  g_assert_true (orders_equal (order2, order3));
}

static void
test_hit_and_path (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LsSankeyFigure) figure = NULL;
  g_autofree gboolean *nodes = NULL;
  g_autofree gboolean *links = NULL;
  LsRenderStyle style;
  int mining = ls_dataset_lookup_stage (f->dataset, "mining");
  int use = ls_dataset_lookup_stage (f->dataset, "use");
  int china_mining, japan_use, myanmar;
  guint on = 0;

  ls_render_style_init (&style, FALSE);
  figure = ls_sankey_figure_new (f->result, &style, 1280, 800, NULL);

  for (guint n = 0; n < ls_sankey_figure_get_n_nodes (figure); n++)
    {
      const LsSankeyNode *node = ls_sankey_figure_get_node (figure, n);

      g_assert_cmpint (ls_sankey_figure_node_at (figure, (node->x0 + node->x1) / 2,
                                                 (node->y0 + node->y1) / 2), ==, (int)n);
    }
  g_assert_cmpint (ls_sankey_figure_node_at (figure, 1, 1), ==, -1);

  china_mining = ls_sankey_figure_lookup_country (figure, "CHN", mining);
  japan_use = ls_sankey_figure_lookup_country (figure, "JPN", use);
  myanmar = ls_sankey_figure_lookup_country (figure, "MMR", mining);
  g_assert_cmpint (china_mining, >=, 0);
  g_assert_cmpint (japan_use, >=, 0);
  g_assert_cmpint (myanmar, >=, 0);

  nodes = g_new0 (gboolean, ls_sankey_figure_get_n_nodes (figure));
  links = g_new0 (gboolean, ls_sankey_figure_get_n_links (figure));

  /* Japan's magnets come from China, whose separators take Myanmar's ore. */
  ls_sankey_figure_get_path (figure, japan_use, nodes, links);
  g_assert_true (nodes[japan_use]);
  g_assert_true (nodes[china_mining]);
  g_assert_true (nodes[myanmar]);

  /* From a miner, nothing else of the first column is on the path. */
  ls_sankey_figure_get_path (figure, myanmar, nodes, links);
  g_assert_false (nodes[china_mining]);
  g_assert_true (nodes[japan_use]);
  for (guint l = 0; l < ls_sankey_figure_get_n_links (figure); l++)
    if (links[l])
      {
        const LsSankeyLink *link = ls_sankey_figure_get_link (figure, l);

        g_assert_true (nodes[link->source] && nodes[link->target]);
        on++;
      }
  g_assert_cmpuint (on, >, 0);
  g_assert_cmpuint (on, <, ls_sankey_figure_get_n_links (figure));

  /* Keyboard neighbours. */
  g_assert_cmpint (ls_sankey_figure_get_neighbour (figure, -1, 0, 0), >=, 0);
  g_assert_cmpuint (ls_sankey_figure_get_node (figure, ls_sankey_figure_get_neighbour (figure, china_mining, 1, 0))->stage,
                    ==, mining + 1);
  g_assert_cmpint (ls_sankey_figure_get_neighbour (figure, japan_use, 1, 0), ==, japan_use);
}

static void
test_describe (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(LsSankeyFigure) figure = NULL;
  g_autofree char *text = NULL;
  g_autofree char *tip = NULL;
  g_autofree char *brief = NULL;
  LsRenderStyle style;
  int n;

  ls_render_style_init (&style, FALSE);
  figure = ls_sankey_figure_new (f->result, &style, 1280, 800, NULL);
  text = ls_sankey_figure_describe (figure);
  g_assert_true (g_str_has_prefix (text, "Mining: China 7"));
  g_assert_nonnull (strstr (text, "; Separation: China"));

  n = ls_sankey_figure_lookup_country (figure, "CHN", 0);
  /* The tooltip is the share panel's explanation; the brief text, the
   * figures at a glance. */
  tip = ls_sankey_figure_describe_node (figure, n, NULL);
  g_assert_nonnull (strstr (tip, "China: Mining"));
  g_assert_nonnull (strstr (tip, "USGS"));
  brief = ls_sankey_figure_describe_node_brief (figure, n);
  g_assert_nonnull (strstr (brief, "China — Mining"));
  g_assert_nonnull (strstr (brief, "270 kt"));
}

static void
test_interpolate (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LsSankeyFigure) from = NULL;
  g_autoptr(LsSankeyFigure) to = NULL;
  g_autoptr(LsResult) restricted = NULL;
  LsRenderStyle style;
  const double ts[] = { 0, 0.5, 1 };

  ls_render_style_init (&style, FALSE);
  from = ls_sankey_figure_new (f->result, &style, 1280, 800, NULL);
  ls_scenario_set_alliance (f->scenario, "msp", TRUE);
  add_restrictions (f->scenario);
  restricted = result_for (f);
  to = ls_sankey_figure_new (restricted, &style, 1280, 800, from);

  for (guint i = 0; i < G_N_ELEMENTS (ts); i++)
    {
      g_autoptr(LsSankeyFigure) mid = ls_sankey_figure_interpolate (from, to, ts[i]);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 800);
      cairo_t *cr = cairo_create (surface);

      g_assert_cmpuint (ls_sankey_figure_get_n_nodes (mid), >=, ls_sankey_figure_get_n_nodes (to));

      for (guint n = 0; n < ls_sankey_figure_get_n_nodes (mid); n++)
        {
          const LsSankeyNode *node = ls_sankey_figure_get_node (mid, n);
          int a = ls_sankey_figure_lookup_node (from, node->id);
          int b = ls_sankey_figure_lookup_node (to, node->id);

          if (a >= 0 && b >= 0)
            {
              double expect = ls_sankey_figure_get_node (from, a)->y0 * (1 - ts[i]) +
                              ls_sankey_figure_get_node (to, b)->y0 * ts[i];

              g_assert_cmpfloat_with_epsilon (node->y0, expect, 1e-6);
              g_assert_cmpfloat_with_epsilon (node->alpha, 1, 1e-9);
            }
          else if (b >= 0)
            {
              g_assert_cmpfloat_with_epsilon (node->alpha, ts[i], 1e-9);
            }
          else
            {
              g_assert_cmpint (a, >=, 0);
              g_assert_cmpfloat_with_epsilon (node->alpha, 1 - ts[i], 1e-9);
            }
        }

      ls_sankey_figure_draw (mid, cr, &style, 0);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}


/* Exported figures (ls-export.c) --------------------------------------- */

/* pdftotext's text of @pdf, its white space folded to single spaces so
 * that a caption that wraps still reads as one line; %NULL (the test
 * skipped) without poppler-utils outside CI. */
static char *
pdf_text (GBytes *pdf,
          const char *dir)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *path = g_build_filename (dir, "figure.pdf", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) words = NULL;
  const char *argv[] = { NULL, "-enc", "UTF-8", path, "-", NULL };
  int status;

  if (pdftotext == NULL)
    {
      /* As tests/data/lib.sh's require_tool: a broken install under CI. */
      if (g_getenv ("CI") != NULL)
        g_error ("pdftotext not found; install the Debian package poppler-utils");
      g_test_skip ("pdftotext not found; install the Debian package poppler-utils");
      return NULL;
    }

  g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error);
  g_assert_no_error (error);
  argv[0] = pdftotext;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_unlink (path);

  words = g_regex_split_simple ("\\s+", out, 0, 0);
  return g_strstrip (g_strjoinv (" ", words));
}

/* Text with its white space folded as pdf_text() folds it. */
static char *
fold_spaces (const char *text)
{
  g_auto(GStrv) words = g_regex_split_simple ("\\s+", text, 0, 0);

  return g_strstrip (g_strjoinv (" ", words));
}

/* "China restricts magnets to the bloc", with the MSP, as the walk tried
 * it (ux-walk.md, M11), and a name of its own. */
static LsScenario *
restriction_scenario (void)
{
  LsScenario *scenario = ls_test_scenario_new ();

  ls_scenario_set_name (scenario, "Magnet embargo");
  ls_scenario_set_alliance (scenario, "msp", TRUE);
  ls_test_add_restriction (scenario, "magnets", "CHN", "bloc", 1.0);
  ls_test_add_capacity (scenario, "separation", "KOR", 5000);
  ls_scenario_set_friend_shoring (scenario, 0.5);

  return scenario;
}

static GBytes *
export_bytes (LsResult       *result,
              LsScenario     *scenario,
              LsExportView    view,
              LsExportFormat  format,
              gboolean        dark)
{
  g_autoptr(GError) error = NULL;
  LsExportOptions options;
  LsRenderStyle style;
  GBytes *bytes;

  ls_render_style_init (&style, dark);
  ls_export_options_init (&options, view, format);
  options.width = 1280;
  options.height = 720;
  bytes = ls_export_to_bytes (result, scenario, &style, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);

  return bytes;
}

/* M11: the PDF of each view, read back as text, names the scenario, the
 * year, the bloc and every lever, and keeps the sources line. */
static void
test_export_caption (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LsScenario) scenario = restriction_scenario ();
  g_autoptr(LsResult) result = ls_test_compute (f->dataset, scenario);
  LsDataset *dataset = f->dataset;
  g_autofree char *lever = ls_scenario_text_lever (dataset, ls_scenario_get_restriction (scenario, 0));
  g_autofree char *capacity = ls_scenario_text_capacity (dataset, ls_scenario_get_capacity_change (scenario, 0));
  g_autofree char *caption = ls_scenario_text_caption (scenario, result);
  g_autofree char *folded_caption = fold_spaces (caption);

  /* The words under test are what ls-scenario-text.c makes of them. */
  g_assert_nonnull (strstr (lever, "China"));
  g_assert_nonnull (strstr (lever, "Magnets"));

  for (LsExportView view = LS_EXPORT_SANKEY; view <= LS_EXPORT_MAP; view++)
    {
      g_autoptr(GBytes) pdf = export_bytes (result, scenario, view, LS_EXPORT_PDF, FALSE);
      g_autofree char *text = pdf_text (pdf, f->dir);

      if (text == NULL)
        return;

      g_test_message ("%s", text);
      g_assert_nonnull (strstr (text, folded_caption));
      g_assert_nonnull (strstr (text, "Magnet embargo"));
      g_assert_nonnull (strstr (text, "2024"));
      g_assert_nonnull (strstr (text, "Minerals Security Partnership"));
      g_assert_nonnull (strstr (text, lever));
      g_assert_nonnull (strstr (text, capacity));
      g_assert_nonnull (strstr (text, "friend-shoring 50 %"));
      g_assert_nonnull (strstr (text, "Sources: "));
    }
}

/* With no levers the caption says so, so that a baseline figure is told
 * apart from a scenario's. */
static void
test_export_caption_no_levers (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GBytes) pdf = export_bytes (f->result, f->scenario, LS_EXPORT_SANKEY, LS_EXPORT_PDF, FALSE);
  g_autofree char *text = pdf_text (pdf, f->dir);

  if (text == NULL)
    return;
  g_assert_nonnull (strstr (text, "Levers: no levers"));
  g_assert_nonnull (strstr (text, "Untitled Scenario"));
}

typedef struct
{
  GString *title;
  GString *desc;
  GString *in;
} SvgText;

static void
svg_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              user_data,
           GError              **error)
{
  SvgText *svg = user_data;
  const GSList *stack = g_markup_parse_context_get_element_stack (context);

  /* Only the root's own <title> and <desc>. */
  if (g_slist_length ((GSList *) stack) != 2)
    return;
  if (g_str_equal (element, "title"))
    svg->in = svg->title;
  else if (g_str_equal (element, "desc"))
    svg->in = svg->desc;
}

static void
svg_end (GMarkupParseContext  *context,
         const char           *element,
         gpointer              user_data,
         GError              **error)
{
  ((SvgText *) user_data)->in = NULL;
}

static void
svg_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 length,
          gpointer              user_data,
          GError              **error)
{
  SvgText *svg = user_data;

  if (svg->in != NULL)
    g_string_append_len (svg->in, text, length);
}

/* p5: Cairo writes the SVG's glyphs as outlines, so the figure's words
 * are in its <title> and <desc>, and the file stays well-formed XML. */
static void
test_export_svg_text (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LsScenario) scenario = restriction_scenario ();
  g_autoptr(LsResult) result = ls_test_compute (f->dataset, scenario);
  g_autofree char *caption = ls_scenario_text_caption (scenario, result);
  g_autofree char *sources = ls_export_dup_sources (result);
  static const GMarkupParser parser = { svg_start, svg_end, svg_text, NULL, NULL };

  for (LsExportView view = LS_EXPORT_SANKEY; view <= LS_EXPORT_MAP; view++)
    {
      g_autoptr(GBytes) svg = export_bytes (result, scenario, view, LS_EXPORT_SVG, FALSE);
      g_autoptr(GString) title = g_string_new (NULL);
      g_autoptr(GString) desc = g_string_new (NULL);
      SvgText text = { title, desc, NULL };
      g_autoptr(GMarkupParseContext) context = NULL;
      g_autoptr(GError) error = NULL;
      const char *start = g_bytes_get_data (svg, NULL);
      const char *root = strstr (start, "<svg");

      /* GMarkup reads elements, not the XML declaration before them. */
      g_assert_nonnull (root);
      context = g_markup_parse_context_new (&parser, 0, &text, NULL);
      g_assert_true (g_markup_parse_context_parse (context, root, g_bytes_get_size (svg) - (root - start), &error));
      g_assert_true (g_markup_parse_context_end_parse (context, &error));
      g_assert_no_error (error);

      g_assert_cmpstr (title->str, ==, caption);
      g_assert_true (g_str_has_prefix (desc->str, caption));
      g_assert_nonnull (strstr (desc->str, sources));
      g_assert_nonnull (strstr (desc->str, view == LS_EXPORT_MAP ? "Rare-earth mining, 2024" : "Rare-earth flows, 2024"));
    }
}

static guint32
read_be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

typedef struct
{
  const guint8 *data;
  gsize         length;
  gsize         offset;
} PngReader;

static cairo_status_t
read_png (void          *closure,
          unsigned char *data,
          unsigned int   length)
{
  PngReader *reader = closure;

  if (reader->offset + length > reader->length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

/* p7 and m7: the scale draws the same figure at twice the pixels; a dark
 * figure has a dark ground; the PNG reads back, its caption in iTXt. */
static void
test_export_png_options (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(LsScenario) scenario = restriction_scenario ();
  g_autoptr(LsResult) result = ls_test_compute (f->dataset, scenario);
  g_autofree char *caption = ls_scenario_text_caption (scenario, result);

  for (int dark = 0; dark <= 1; dark++)
    for (double scale = 1; scale <= 2; scale++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GBytes) png = NULL;
        LsExportOptions options;
        LsRenderStyle style;
        PngReader reader = { 0 };
        cairo_surface_t *image;
        const guint8 *pixel;
        gboolean found_caption = FALSE;
        gsize length;

        ls_render_style_init (&style, dark);
        ls_export_options_init (&options, LS_EXPORT_SANKEY, LS_EXPORT_PNG);
        options.width = 960;
        options.height = 540;
        options.scale = scale;
        png = ls_export_to_bytes (result, scenario, &style, &options, &error);
        g_assert_no_error (error);

        reader.data = g_bytes_get_data (png, &length);
        reader.length = length;
        image = cairo_image_surface_create_from_png_stream (read_png, &reader);
        g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
        g_assert_cmpint (cairo_image_surface_get_width (image), ==, 960 * scale);
        g_assert_cmpint (cairo_image_surface_get_height (image), ==, 540 * scale);

        /* The top-left pixel is the figure's ground (ARGB32, native
         * endian: blue first on little-endian machines; all three
         * channels agree on a grey). */
        cairo_surface_flush (image);
        pixel = cairo_image_surface_get_data (image);
        if (dark)
          g_assert_cmpuint (pixel[1], <, 80);
        else
          g_assert_cmpuint (pixel[1], >, 200);
        cairo_surface_destroy (image);

        /* The chunks after IHDR: iTXt "Description" starts with the
         * caption. */
        for (gsize at = 8; at + 12 <= length;)
          {
            guint32 size = read_be32 (reader.data + at);
            const char *type = (const char *) reader.data + at + 4;
            const char *body = type + 4;

            /* "Description", its NUL, no compression, method 0, no
             * language, no translated keyword: 16 bytes. */
            if (memcmp (type, "iTXt", 4) == 0 && size > 16 && memcmp (body, "Description", 12) == 0)
              found_caption = size - 16 >= strlen (caption) &&
                              memcmp (body + 16, caption, strlen (caption)) == 0;
            at += 12 + size;
          }
        g_assert_true (found_caption);
      }
}

/* Bad sizes are an error, never a crash or a 0 × 0 surface. */
static void
test_export_bad_size (Fixture       *f,
                      gconstpointer  data)
{
  static const double bad[][3] = { { 0, 100, 1 }, { 100, -1, 1 }, { NAN, 100, 1 },
                                   { 10000, 100, 2 }, { 100, 100, 0 }, { INFINITY, 100, 1 } };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      LsExportOptions options;
      LsRenderStyle style;

      ls_render_style_init (&style, FALSE);
      ls_export_options_init (&options, LS_EXPORT_SANKEY, LS_EXPORT_PNG);
      options.width = bad[i][0];
      options.height = bad[i][1];
      options.scale = bad[i][2];
      bytes = ls_export_to_bytes (f->result, f->scenario, &style, &options, &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_null (bytes);
    }
}

/* Issue 14: an extreme but valid scenario (capacity changes of ±1e9 t,
 * LS_MAX_TONNES, at every stage, a full cut-off and full
 * friend-shoring) puts no "nan" or "inf" in any exported label. */
static void
test_export_finite (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LsScenario) scenario = ls_test_scenario_new ();
  g_autoptr(LsResult) result = NULL;
  static const char *stages[] = { "mining", "separation", "metal", "magnets", "use" };

  ls_scenario_set_name (scenario, "Extremes");
  ls_scenario_set_alliance (scenario, "msp", TRUE);
  for (guint s = 0; s < G_N_ELEMENTS (stages); s++)
    {
      ls_test_add_capacity (scenario, stages[s], "KOR", LS_MAX_TONNES);
      ls_test_add_capacity (scenario, stages[s], "CHN", -LS_MAX_TONNES);
      ls_test_add_capacity (scenario, stages[s], "USA", s % 2 == 0 ? LS_MAX_TONNES : -LS_MAX_TONNES);
    }
  ls_test_add_restriction (scenario, "separation", "non-bloc", "bloc", 1.0);
  ls_scenario_set_friend_shoring (scenario, 1.0);
  result = ls_test_compute (f->dataset, scenario);

  for (LsExportView view = LS_EXPORT_SANKEY; view <= LS_EXPORT_MAP; view++)
    {
      g_autoptr(GBytes) pdf = export_bytes (result, scenario, view, LS_EXPORT_PDF, FALSE);
      g_autoptr(GBytes) svg = export_bytes (result, scenario, view, LS_EXPORT_SVG, TRUE);
      g_autofree char *text = pdf_text (pdf, f->dir);
      g_autofree char *svg_text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
      char *desc = strstr (svg_text, "<desc>");
      char *end = desc != NULL ? strstr (desc, "</desc>") : NULL;

      g_assert_nonnull (end);
      *end = '\0';
      ls_test_assert_no_non_finite (desc, "a figure's text");
      if (text == NULL)
        return;
      g_test_message ("%s", text);
      g_assert_nonnull (strstr (text, "+1000000000"));
      ls_test_assert_no_non_finite (text, "a figure's text");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/lodestone/render/sankey/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("export-png", test_export_png);
  ADD ("export-svg-pdf", test_export_vector);
  ADD ("invariants", test_invariants);
  ADD ("scale", test_scale);
  ADD ("other-threshold", test_other_threshold);
  ADD ("crowded-labels", test_crowded_labels);
  ADD ("stable-order", test_stable_order);
  ADD ("hit-and-path", test_hit_and_path);
  ADD ("describe", test_describe);
  ADD ("interpolate", test_interpolate);

#undef ADD

#define ADD(path, func) \
  g_test_add ("/lodestone/render/export/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("caption", test_export_caption);
  ADD ("caption-no-levers", test_export_caption_no_levers);
  ADD ("svg-text", test_export_svg_text);
  ADD ("png-options", test_export_png_options);
  ADD ("bad-size", test_export_bad_size);
  ADD ("finite", test_export_finite);

#undef ADD

  return g_test_run ();
}
