/* bench-startup.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <gtk/gtk.h>
#include <shumate/shumate.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "bench-frame-utils.h"
#include "ls-application.h"

/*
 * Start-up to the first drawn frame on the embedded dataset, against the
 * platform floor: a bare AdwApplicationWindow of the same size holding a
 * ShumateSimpleMap, started and timed the same way in the same run
 * (issue 12: the app within 1.3× of the floor; and under 500 ms). Each
 * run is a fresh process of this same binary, so dynamic linking, GTK's
 * initialisation and the first paint count for both; for the app,
 * loading the dataset and the shapes, the first rebalance and building
 * the window count too. App and floor runs alternate, so that the
 * shared machine's noise falls on both alike. Needs a display: run
 * under `xvfb-run -a meson test --benchmark`. Prints medians and the
 * ratio of the medians.
 */

#define RUNS 9
#define TARGET_RATIO 1.3
#define TARGET_MS 500.0

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
  struct rusage usage;

  /* Wall time, then this process's CPU time (all its threads): the CPU
   * time is what a loaded machine disturbs least. */
  getrusage (RUSAGE_SELF, &usage);
  printf ("%.1f %.1f\n", 1000.0 * seconds_since_process_start (),
          usage.ru_utime.tv_sec * 1000.0 + usage.ru_utime.tv_usec / 1000.0 +
          usage.ru_stime.tv_sec * 1000.0 + usage.ru_stime.tv_usec / 1000.0);
  fflush (stdout);
  g_signal_handlers_disconnect_by_data (clock, app);
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

static void
on_floor_activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  /* The same size as the app's window (ls-window.ui). */
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window),
                                      GTK_WIDGET (shumate_simple_map_new ()));
  gtk_window_present (GTK_WINDOW (window));
}

static int
run_floor (void)
{
  g_autoptr(AdwApplication) app = NULL;
  char *argv[] = { (char *) "lodestone-floor", NULL };

  app = adw_application_new ("io.github.lodestone.Lodestone.BenchFloor", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), NULL);
  g_signal_connect (app, "activate", G_CALLBACK (on_floor_activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), 1, argv);
}

static int
run_child (void)
{
  g_autoptr(LsApplication) app = NULL;
  char *argv[] = { (char *) "lodestone", NULL };

  /* As the app's main() does. */
  ls_application_init_allocator ();
  ls_application_ensure_resources ();
  app = ls_application_new ("io.github.lodestone.Lodestone.Bench", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), NULL);

  return g_application_run (G_APPLICATION (app), 1, argv);
}

/* Starts this binary with @mode and returns the child's figure in ms. */
static double
spawn_run (const char  *self,
           const char  *mode,
           double      *cpu,
           GError     **error)
{
  char *end;
  double wall;

  g_autofree char *out = NULL;
  const char *child_argv[] = { self, mode, NULL };
  int status;

  if (!g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, NULL, &status, error) ||
      !g_spawn_check_wait_status (status, error))
    return -1.0;

  wall = g_ascii_strtod (out, &end);
  *cpu = g_ascii_strtod (end, NULL);

  return wall;
}

int
main (int    argc,
      char **argv)
{
  double app_ms[RUNS];
  double floor_ms[RUNS];
  double app_cpu[RUNS];
  double floor_cpu[RUNS];
  double ratio;

  if (argc > 1 && g_str_equal (argv[1], "--child"))
    return run_child ();
  if (argc > 1 && g_str_equal (argv[1], "--floor"))
    return run_floor ();

  if (!gtk_init_check ())
    {
      printf ("start-up: no display; run under xvfb-run -a meson test --benchmark\n");
      return 0;
    }

  /* One of each first, not counted: it warms the page cache for both. */
  for (guint r = 0; r <= RUNS; r++)
    {
      g_autoptr(GError) error = NULL;
      double a, f = 0, a_cpu, f_cpu = 0;

      a = spawn_run (argv[0], "--child", &a_cpu, &error);
      if (error == NULL)
        f = spawn_run (argv[0], "--floor", &f_cpu, &error);
      if (error != NULL)
        {
          fprintf (stderr, "start-up run failed: %s\n", error->message);
          return 1;
        }
      if (r == 0)
        continue;
      app_ms[r - 1] = a;
      floor_ms[r - 1] = f;
      app_cpu[r - 1] = a_cpu;
      floor_cpu[r - 1] = f_cpu;
    }

  qsort (app_ms, RUNS, sizeof (double), bench_compare_doubles);
  qsort (floor_ms, RUNS, sizeof (double), bench_compare_doubles);
  qsort (app_cpu, RUNS, sizeof (double), bench_compare_doubles);
  qsort (floor_cpu, RUNS, sizeof (double), bench_compare_doubles);
  ratio = app_ms[RUNS / 2] / floor_ms[RUNS / 2];

  printf ("start-up to first drawn frame, embedded dataset: %.0f ms median of %d (min %.0f, max %.0f; target < %.0f ms)%s\n",
          app_ms[RUNS / 2], RUNS, app_ms[0], app_ms[RUNS - 1], TARGET_MS,
          app_ms[RUNS / 2] < TARGET_MS ? "" : " MISSED");
  printf ("platform floor (AdwApplicationWindow + ShumateSimpleMap, 1280×800): %.0f ms median of %d (min %.0f, max %.0f)\n",
          floor_ms[RUNS / 2], RUNS, floor_ms[0], floor_ms[RUNS - 1]);
  printf ("start-up ratio app/floor: %.2f× (target ≤ %.1f×)%s\n",
          ratio, TARGET_RATIO, ratio <= TARGET_RATIO ? "" : " MISSED");

  printf ("CPU time to first frame (the process, all threads; not the X server): app %.0f ms, floor %.0f ms, ratio %.2f×\n",
          app_cpu[RUNS / 2], floor_cpu[RUNS / 2], app_cpu[RUNS / 2] / floor_cpu[RUNS / 2]);

  return 0;
}
