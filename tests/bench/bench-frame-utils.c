/* bench-frame-utils.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <time.h>

#include "bench-frame-utils.h"

/* What the benchmarks that time frames in a real window share. */

/* This thread's CPU time: the machine may be shared, and the X server's
 * share of a frame is not the app's to make faster. */
double
bench_thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* For qsort() of doubles. */
int
bench_compare_doubles (gconstpointer a,
                       gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The benchmarks' environment sets software Cairo (GSK_RENDERER=cairo);
 * a first argument names another renderer to measure instead, "gl" for
 * the GL renderer's figures beside it (meson.build). Before gtk_init(). */
void
bench_choose_renderer (int    argc,
                       char **argv)
{
  if (argc > 1)
    g_setenv ("GSK_RENDERER", argv[1], TRUE);
}

/* Says which renderer drew, when it is not the one asked for (GTK falls
 * back to Cairo when GL cannot be had), and what a GL renderer's figures
 * mean: its rasterising is the GPU's, or under Xvfb Mesa's llvmpipe in
 * threads of its own, so this thread's CPU time leaves it out and the
 * wall time is the one to read. */
void
bench_describe_renderer (GtkNative *native)
{
  GskRenderer *renderer = gtk_native_get_renderer (native);
  const char *asked = g_getenv ("GSK_RENDERER");

  if (asked != NULL && g_str_equal (asked, "cairo") && !GSK_IS_CAIRO_RENDERER (renderer))
    printf ("NOTE: Cairo was asked for, but %s draws\n", G_OBJECT_TYPE_NAME (renderer));
  else if (asked != NULL && !g_str_equal (asked, "cairo") && GSK_IS_CAIRO_RENDERER (renderer))
    printf ("NOTE: \"%s\" was asked for, but it is not available here: Cairo draws, "
            "and these are Cairo's figures\n", asked);

  if (!GSK_IS_CAIRO_RENDERER (renderer))
    printf ("NOTE: %s rasterises on the GPU (under Xvfb, Mesa's llvmpipe in threads of "
            "its own): this thread's CPU time leaves that out; read the wall times\n",
            G_OBJECT_TYPE_NAME (renderer));
}
