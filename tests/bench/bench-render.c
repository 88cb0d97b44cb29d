/* bench-render.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "ls-projection.h"
#include "ls-render-map.h"
#include "ls-render-sankey.h"
#include "ls-result.h"
#include "ls-shapes.h"

/*
 * The time to draw a 1920×1080 frame with software Cairo (aim: under
 * 8 ms): the Sankey figure (its layout built once, as the widget caches
 * it, and built and drawn from scratch, as an export does), and the map
 * (every country and all arcs of the stage with the most; the full frame,
 * and the overlay the map view redraws over its cached tiles). Medians of
 * 21 frames of this thread's CPU time, which a machine shared with other
 * work disturbs less than wall-clock time; wall time in brackets.
 */

#define FRAMES 21

typedef void (*DrawFunc) (cairo_t  *cr,
                          gpointer  data);

typedef struct
{
  LsResult            *result;
  LsShapes            *shapes;
  const LsRenderStyle *style;
  LsMapOptions         options;
  LsProjection         projection;
  LsSankeyFigure      *figure;
} Frame;

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
time_frames (const char *what,
             cairo_t    *cr,
             DrawFunc    draw,
             gpointer    data)
{
  double cpu[FRAMES];
  double wall[FRAMES];

  /* Warm up: fonts, projected coordinates. */
  draw (cr, data);

  for (guint i = 0; i < FRAMES; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = thread_cpu_ms ();

      draw (cr, data);
      cairo_surface_flush (cairo_get_target (cr));
      cpu[i] = thread_cpu_ms () - cpu_start;
      wall[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  qsort (cpu, FRAMES, sizeof (double), compare_doubles);
  qsort (wall, FRAMES, sizeof (double), compare_doubles);
  printf ("%-58s %7.2f ms (%.2f)\n", what, cpu[FRAMES / 2], wall[FRAMES / 2]);
}

static void
draw_sankey_cached (cairo_t  *cr,
                    gpointer  data)
{
  Frame *f = data;

  ls_sankey_figure_draw (f->figure, cr, f->style, -1);
}

static void
draw_sankey_export (cairo_t  *cr,
                    gpointer  data)
{
  Frame *f = data;

  ls_render_sankey_figure (cr, f->result, f->style, 1920, 1080);
}

static void
draw_map_overlay (cairo_t  *cr,
                  gpointer  data)
{
  Frame *f = data;

  ls_render_map_choropleth (cr, f->result, f->shapes, f->style, &f->options, &f->projection, 0.5);
  ls_render_map_outlines (cr, f->result, f->shapes, f->style, &f->projection, 1.6);
  ls_render_map_arcs (cr, f->result, f->style, &f->options, &f->projection, 16);
}

static void
draw_map_frame (cairo_t  *cr,
                gpointer  data)
{
  Frame *f = data;

  ls_render_map_sea (cr, f->style, &f->projection);
  ls_render_map_land (cr, f->shapes, f->style, &f->projection, 0.5);
  draw_map_overlay (cr, data);
}

static void
draw_map_export (cairo_t  *cr,
                 gpointer  data)
{
  Frame *f = data;

  ls_render_map_figure (cr, f->result, f->shapes, f->style, &f->options, 1920, 1080);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(LsDataset) dataset = NULL;
  g_autoptr(LsScenario) scenario = ls_scenario_new ();
  g_autoptr(LsResult) result = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  LsRenderStyle style;
  guint n_arcs = 0;
  cairo_t *cr;
  Frame f = { 0 };

  dataset = ls_dataset_new_default (&error);
  g_assert_no_error (error);
  ls_scenario_set_alliance (scenario, "msp", TRUE);
  result = ls_result_new (dataset, scenario, &error);
  g_assert_no_error (error);

  ls_render_style_init (&style, FALSE);
  f.result = result;
  f.style = &style;
  f.shapes = ls_shapes_get_default (LS_SHAPES_DETAIL_LOW);
  ls_map_options_init (&f.options);
  for (guint s = 0; s < ls_result_get_n_stages (result); s++)
    if (ls_render_map_count_arcs (result, s) > n_arcs)
      {
        n_arcs = ls_render_map_count_arcs (result, s);
        f.options.stage = s;
      }
  ls_projection_init_fit (&f.projection, LS_PROJECTION_EQUAL_EARTH, 0, 0, 1920, 1080, 16);
  f.figure = ls_sankey_figure_new (result, &style, 1920, 1080, NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  cr = cairo_create (surface);

  printf ("1920×1080 frames, software Cairo, median of %d, CPU ms (wall ms); target < 8 ms\n", FRAMES);
  time_frames ("Sankey, laid-out figure drawn (the widget's cached case)", cr, draw_sankey_cached, &f);
  time_frames ("Sankey, built, laid out and drawn with title and legend", cr, draw_sankey_export, &f);
  printf ("map: %u countries, %u arcs (stage %s)\n", ls_shapes_get_n_countries (f.shapes), n_arcs,
          ls_dataset_get_stage_id (dataset, f.options.stage));
  time_frames ("map, overlay over cached tiles (the widget's frame)", cr, draw_map_overlay, &f);
  time_frames ("map, full frame: sea, land, borders, overlay", cr, draw_map_frame, &f);
  time_frames ("map, whole figure with title, legend and sources", cr, draw_map_export, &f);

  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  ls_sankey_figure_unref (f.figure);

  return 0;
}
