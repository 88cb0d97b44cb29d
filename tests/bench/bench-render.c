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
 * 8 ms). The Sankey: what the view does for a new result (lay the figure
 * out keeping the previous order, then draw it once into its image), for
 * each frame of the move to it (interpolate and draw), for a frame with
 * the figure cached (paint its image) and with a hover (the image and
 * the highlight over it); and an export, built and drawn from scratch.
 * The map: every country and all arcs of the stage with the most; the
 * full frame, and the overlay the map view redraws over its cached
 * tiles. Medians of 21 frames of this thread's CPU time, which a machine
 * shared with other work disturbs less than wall-clock time; wall time
 * in brackets. A figure over its target is marked MISSED.
 */

#define FRAMES 21
#define TARGET_MS 8.0

typedef void (*DrawFunc) (cairo_t  *cr,
                          gpointer  data);
typedef void (*PrepareFunc) (gpointer data);

typedef struct
{
  LsResult            *result;
  LsShapes            *shapes;
  const LsRenderStyle *style;
  LsMapOptions         options;
  LsProjection         projection;
  LsSankeyFigure      *figure;
  LsResult            *next_result;   /* a lever later */
  LsSankeyFigure      *next;          /* its figure, as the view lays it out */
  LsSankeyFigure      *fresh;         /* a figure never drawn */
  cairo_surface_t     *image;         /* the view's image of the figure */
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
time_frames (const char  *what,
             cairo_t     *cr,
             PrepareFunc  prepare,
             DrawFunc     draw,
             gpointer     data,
             gboolean     target)
{
  double cpu[FRAMES];
  double wall[FRAMES];

  /* Warm up: fonts, projected coordinates. */
  if (prepare != NULL)
    prepare (data);
  draw (cr, data);

  for (guint i = 0; i < FRAMES; i++)
    {
      gint64 start;
      double cpu_start;

      if (prepare != NULL)
        prepare (data);
      start = g_get_monotonic_time ();
      cpu_start = thread_cpu_ms ();
      draw (cr, data);
      cairo_surface_flush (cairo_get_target (cr));
      cpu[i] = thread_cpu_ms () - cpu_start;
      wall[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  qsort (cpu, FRAMES, sizeof (double), compare_doubles);
  qsort (wall, FRAMES, sizeof (double), compare_doubles);
  printf ("%-62s %7.2f ms (%.2f)%s\n", what, cpu[FRAMES / 2], wall[FRAMES / 2],
          target && cpu[FRAMES / 2] >= TARGET_MS ? "  MISSED" : "");
}

/* A lever: the next result laid out as the view lays it out, keeping
 * the order on screen. */
static void
build_sankey_next (cairo_t  *cr,
                   gpointer  data)
{
  Frame *f = data;

  g_clear_pointer (&f->next, ls_sankey_figure_unref);
  f->next = ls_sankey_figure_new (f->next_result, f->style, 1920, 1080, f->figure);
}

static void
prepare_fresh (gpointer data)
{
  Frame *f = data;

  g_clear_pointer (&f->fresh, ls_sankey_figure_unref);
  f->fresh = ls_sankey_figure_new (f->next_result, f->style, 1920, 1080, f->figure);
}

/* Its first drawing: labels are drawn into their images then. */
static void
draw_sankey_fresh (cairo_t  *cr,
                   gpointer  data)
{
  Frame *f = data;

  ls_sankey_figure_draw (f->fresh, cr, f->style, -1);
}

static void
draw_sankey_cached (cairo_t  *cr,
                    gpointer  data)
{
  Frame *f = data;

  cairo_set_source_surface (cr, f->image, 0, 0);
  cairo_paint (cr);
}

static void
draw_sankey_hover (cairo_t  *cr,
                   gpointer  data)
{
  Frame *f = data;

  draw_sankey_cached (cr, data);
  ls_sankey_figure_draw_highlight (f->figure, cr, f->style,
                                   ls_sankey_figure_lookup_country (f->figure, "CHN", 0));
}

static void
build_and_draw_sankey (cairo_t  *cr,
                       gpointer  data)
{
  Frame *f = data;

  build_sankey_next (cr, data);
  ls_sankey_figure_draw (f->next, cr, f->style, -1);
}

/* Mid-way through the move to the next figure. */
static void
draw_sankey_motion (cairo_t  *cr,
                    gpointer  data)
{
  Frame *f = data;
  g_autoptr(LsSankeyFigure) frame = ls_sankey_figure_interpolate (f->figure, f->next, 0.5);

  ls_sankey_figure_draw (frame, cr, f->style, -1);
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
  g_autoptr(LsResult) next_result = NULL;
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
  ls_scenario_set_alliance (scenario, "quad", TRUE);
  next_result = ls_result_new (dataset, scenario, &error);
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
  f.next_result = next_result;
  f.next = ls_sankey_figure_new (next_result, &style, 1920, 1080, f.figure);
  f.image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  cr = cairo_create (f.image);
  ls_sankey_figure_draw (f.figure, cr, &style, -1);
  cairo_destroy (cr);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  cr = cairo_create (surface);

  printf ("1920×1080 frames, software Cairo, median of %d, CPU ms (wall ms); target < %.0f ms\n",
          FRAMES, TARGET_MS);
  time_frames ("Sankey, a new result laid out (layout, labels)", cr, NULL, build_sankey_next, &f, FALSE);
  time_frames ("Sankey, its first drawing (labels into their images)", cr, prepare_fresh,
               draw_sankey_fresh, &f, FALSE);
  time_frames ("Sankey, rebuilt: laid out and first drawn (the two above)", cr, NULL,
               build_and_draw_sankey, &f, TRUE);
  time_frames ("Sankey, cached: the view's image of the figure painted", cr, NULL, draw_sankey_cached, &f, TRUE);
  time_frames ("Sankey, hover: the image and the highlighted paths", cr, NULL, draw_sankey_hover, &f, TRUE);
  time_frames ("Sankey, a frame of the move (interpolated, drawn)", cr, NULL, draw_sankey_motion, &f, TRUE);
  time_frames ("Sankey export: built, laid out, drawn with title and legend", cr, NULL, draw_sankey_export,
               &f, FALSE);
  printf ("map: %u countries, %u arcs (stage %s)\n", ls_shapes_get_n_countries (f.shapes), n_arcs,
          ls_dataset_get_stage_id (dataset, f.options.stage));
  time_frames ("map, overlay over cached tiles (the widget's frame)", cr, NULL, draw_map_overlay, &f, TRUE);
  time_frames ("map, full frame: sea, land, borders, overlay", cr, NULL, draw_map_frame, &f, TRUE);
  time_frames ("map, whole figure with title, legend and sources", cr, NULL, draw_map_export, &f, FALSE);

  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  ls_sankey_figure_unref (f.figure);
  g_clear_pointer (&f.next, ls_sankey_figure_unref);
  g_clear_pointer (&f.fresh, ls_sankey_figure_unref);
  cairo_surface_destroy (f.image);

  return 0;
}
