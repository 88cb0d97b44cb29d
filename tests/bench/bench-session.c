/* bench-session.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ls-application.h"
#include "ls-window.h"

/*
 * A long session holds (issue 14): 10,000 edits through a real window —
 * lever changes of every kind, year changes on the slider and switches
 * between the map, the flows and the table — with the views drawing as
 * they go. Resident memory is read once the window has warmed up (every
 * year's baseline made, every view drawn once) and again at the end; it
 * must not grow by more than GROWTH_BOUND_MIB. The undo history is capped
 * (LsSession keeps 200 steps), so a steady session has nothing to keep.
 * Each reading says where resident memory is (print_resident()): growth
 * with the heap in use flat is the allocator keeping freed memory, as
 * glibc's per-thread arenas did until ls_application_init_allocator().
 * Needs a display: xvfb-run -a meson test --benchmark.
 */

/* BENCH_STEPS shortens a trial run. */
#define N_STEPS          (g_getenv ("BENCH_STEPS") ? (guint) atoi (g_getenv ("BENCH_STEPS")) : 10000u)
#define N_WARM_UP        500u
#define GROWTH_BOUND_MIB 40.0

/* A field of /proc/self/status, in MiB. */
static double
status_mib (const char *status,
            const char *field)
{
  const char *line = strstr (status, field);

  if (line == NULL)
    return -1.0;

  return g_ascii_strtod (line + strlen (field), NULL) / 1024.0;
}

static double
resident_mib (void)
{
  g_autofree char *status = NULL;

  /* Freed memory glibc keeps in its arenas is not the program's. */
  malloc_trim (0);

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1.0;

  return status_mib (status, "VmRSS:");
}

/* Where resident memory is: the heap in use (what the program holds),
 * the rest of the anonymous pages (the allocator's free space and
 * other mappings), file pages (libraries and fonts, touched as new
 * code runs) and shared memory (the X server's image buffers). */
static void
print_resident (const char *when)
{
  g_autofree char *status = NULL;
  struct mallinfo2 info;
  double rss = resident_mib ();

  info = mallinfo2 ();
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return;

  printf ("  %-18s %6.1f MiB resident: heap in use %.1f (%.1f mapped), free %.1f; anonymous %.1f, files %.1f, shared %.1f\n",
          when, rss, (info.uordblks + info.hblkhd) / 1048576.0, info.hblkhd / 1048576.0,
          info.fordblks / 1048576.0, status_mib (status, "RssAnon:"),
          status_mib (status, "RssFile:"), status_mib (status, "RssShmem:"));
  fflush (stdout);
}

static void
flush (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static const char *countries[] = { "VNM", "KOR", "JPN", "DEU", "THA", "MYS", "IND", "BRA", "LAO", "PHL" };
static const char *stages[] = { "mining", "separation", "metal", "magnets" };
static const char *views[] = { "map", "flows", "table" };

static void
step (LsWindow *window,
      guint     i)
{
  LsScenario *scenario = ls_window_get_scenario (window);
  GtkWidget *scale = ls_window_get_year_scale (window);
  GtkAdjustment *adjustment = gtk_range_get_adjustment (GTK_RANGE (scale));

  switch (i % 8)
    {
    case 0:
      ls_scenario_set_friend_shoring (scenario, (i / 8 % 21) / 20.0);
      break;

    case 1:
      gtk_widget_activate_action (GTK_WIDGET (window), "scenario.toggle-member", "s",
                                  countries[i / 8 % G_N_ELEMENTS (countries)]);
      break;

    case 2:
      {
        LsParty from = { 0 };
        LsParty to = { 0 };
        g_autoptr(LsRestriction) restriction = NULL;

        ls_party_parse ("CHN", &from);
        ls_party_parse ("bloc", &to);
        restriction = ls_restriction_new (stages[i / 8 % G_N_ELEMENTS (stages)], &from, &to, 0.5 + (i % 5) / 10.0);
        ls_scenario_add_restriction (scenario, restriction);
        ls_party_clear (&from);
        ls_party_clear (&to);
      }
      break;

    case 3:
      {
        g_autoptr(LsCapacityChange) change =
          ls_capacity_change_new (stages[i / 8 % G_N_ELEMENTS (stages)],
                                  countries[i / 8 % G_N_ELEMENTS (countries)], 100.0 * (1 + i % 30), NULL);

        ls_scenario_add_capacity_change (scenario, change);
      }
      break;

    case 4:
      /* The year, on the slider as a user drags it. */
      gtk_range_set_value (GTK_RANGE (scale), (i / 8) % ((guint) gtk_adjustment_get_upper (adjustment) + 1));
      break;

    case 5:
      gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", views[i / 8 % G_N_ELEMENTS (views)]);
      break;

    case 6:
      if (ls_scenario_get_n_restrictions (scenario) > 0)
        ls_scenario_remove_restriction (scenario, 0);
      gtk_widget_activate_action (GTK_WIDGET (window), "scenario.alliance-msp", NULL);
      break;

    case 7:
    default:
      if (ls_scenario_get_n_capacity_changes (scenario) > 0)
        ls_scenario_remove_capacity_change (scenario, 0);
      if (i % 64 == 7)
        gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
      break;
    }

  /* The views draw every tenth step, as for a user editing quickly: each
   * still takes every result, and the session draws a thousand frames. */
  if (i % 10 == 9)
    flush ();
}

int
main (int   argc,
      char *argv[])
{
  LsWindow *window;
  double start;
  double end;
  gint64 began;
  double seconds;

  /* As the app's main() does. */
  ls_application_init_allocator ();

  if (!gtk_init_check ())
    {
      printf ("no display: run under xvfb-run\n");
      return 77;
    }
  adw_init ();

  window = ls_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  flush ();

  for (guint i = 0; i < N_WARM_UP; i++)
    step (window, i);
  start = resident_mib ();
  print_resident ("after warm-up:");

  /* Resident memory along the way: steady growth is a leak, growth that
   * levels off is a cache filling. */
  began = g_get_monotonic_time ();
  for (guint i = 0; i < N_STEPS; i++)
    {
      step (window, N_WARM_UP + i);
      if ((i + 1) % 1000 == 0)
        {
          g_autofree char *when = g_strdup_printf ("after %u steps:", i + 1);

          print_resident (when);
        }
    }
  seconds = (g_get_monotonic_time () - began) / 1e6;
  end = resident_mib ();

  printf ("session: %u steps (levers, years, views) in %.1f s\n", N_STEPS, seconds);
  printf ("resident memory: %.1f MiB after warm-up, %.1f MiB at the end, growth %+.1f MiB (bound %.0f MiB)\n",
          start, end, end - start, GROWTH_BOUND_MIB);

  gtk_window_destroy (GTK_WINDOW (window));
  flush ();

  if (start < 0 || end < 0)
    {
      printf ("resident memory could not be read\n");
      return 1;
    }
  if (end - start > GROWTH_BOUND_MIB)
    {
      printf ("BOUND MISSED: memory grew by %.1f MiB, more than %.0f MiB\n", end - start, GROWTH_BOUND_MIB);
      return 1;
    }

  printf ("within the bound\n");
  return 0;
}
