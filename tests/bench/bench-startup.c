/* bench-startup.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "ls-application.h"

/*
 * Start-up to the first drawn frame on the embedded dataset (target:
 * under 500 ms). Each run is a fresh process, so dynamic linking, GTK's
 * initialisation, loading the dataset and the shapes, the first
 * rebalance and the first paint all count. Needs a display: run under
 * `xvfb-run -a meson test --benchmark`. Prints the median of five runs.
 */

#define RUNS 5

/* Seconds since this process started, from /proc/self/stat (field 22,
 * in clock ticks since boot) and CLOCK_BOOTTIME. */
static double
seconds_since_process_start (void)
{
  g_autofree char *stat = NULL;
  struct timespec now;
  const char *p;
  unsigned long long start_ticks = 0;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL))
    return -1.0;

  /* The command name may hold spaces; fields count from its closing ")". */
  p = strrchr (stat, ')');
  for (guint field = 2; p != NULL && field < 22; field++)
    p = strchr (p + 1, ' ');
  if (p == NULL)
    return -1.0;
  start_ticks = g_ascii_strtoull (p + 1, NULL, 10);

  clock_gettime (CLOCK_BOOTTIME, &now);
  return now.tv_sec + now.tv_nsec / 1e9 - (double) start_ticks / sysconf (_SC_CLK_TCK);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   GApplication  *app)
{
  printf ("%.1f\n", 1000.0 * seconds_since_process_start ());
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, app);
  g_application_quit (app);
}

static void
on_window_realize_cb (GtkWidget    *window,
                      GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint_cb), app);
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window)
{
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realize_cb), app);
}

static int
run_child (void)
{
  g_autoptr(LsApplication) app = NULL;
  char *argv[] = { (char *) "lodestone", NULL };

  ls_application_ensure_resources ();
  app = ls_application_new ("io.github.lodestone.Lodestone.Bench", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), NULL);

  return g_application_run (G_APPLICATION (app), 1, argv);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int    argc,
      char **argv)
{
  double times[RUNS];

  if (argc > 1 && g_str_equal (argv[1], "--child"))
    return run_child ();

  if (!gtk_init_check ())
    {
      printf ("start-up: no display; run under xvfb-run -a meson test --benchmark\n");
      return 0;
    }

  for (guint r = 0; r < RUNS; r++)
    {
      g_autofree char *out = NULL;
      g_autoptr(GError) error = NULL;
      const char *child_argv[] = { argv[0], "--child", NULL };
      int status;

      if (!g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                         &out, NULL, &status, &error) ||
          !g_spawn_check_wait_status (status, &error))
        {
          fprintf (stderr, "start-up run failed: %s\n", error->message);
          return 1;
        }

      times[r] = g_ascii_strtod (out, NULL);
    }

  qsort (times, RUNS, sizeof (double), compare_doubles);
  printf ("start-up to first drawn frame, embedded dataset: %.0f ms median of %d (min %.0f, max %.0f; target < 500 ms)\n",
          times[RUNS / 2], RUNS, times[0], times[RUNS - 1]);

  return 0;
}
