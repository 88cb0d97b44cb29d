/* bench-load.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "ls-baseline.h"
#include "ls-dataset.h"
#include "ls-json-reader-private.h"
#include "ls-result.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <time.h>

/*
 * Loading a dataset at scale (issue 12): 250 countries × 5 stages × 11
 * years, each exporter trading with PARTNERS importers at every stage,
 * about 22 MB of JSON. Target: loaded and validated in under 300 ms.
 *
 * The file is written as a dataset is: figures at the precision sources
 * publish them (tonnes to one decimal), a range ("estimated", "low",
 * "high") on one flow in three and a note on one in ten. A note, a range
 * and 17 significant digits on every flow made 42 MB; the same layout
 * with 17-digit figures, as a program printing doubles would write it,
 * is timed too, for information: such numbers cost the C library's
 * strtod where published ones take the fast path.
 *
 * Printed beside it, in the same run: the floor, one pass of
 * g_utf8_validate() over the bytes, which any loader must at least do;
 * our parse alone (LsJsonReader, the part every loader shares); and
 * json-glib's parse of the same bytes into a tree, the route loading took
 * before. Then one rebalance of a year of it (target under 50 ms).
 *
 * Times are medians of wall-clock time; the load's CPU time is printed
 * beside it, because on a machine shared with other work the wall clock
 * also counts time spent waiting for a core.
 */

#define N_COUNTRIES 250
#define N_STAGES 5
#define N_YEARS 11
#define PARTNERS 20
#define LOAD_TARGET_MS 300.0
#define REBALANCE_TARGET_MS 50.0

static void
country_id (char  *buf,
            guint  c)
{
  buf[0] = 'A' + c / 676;
  buf[1] = 'A' + (c / 26) % 26;
  buf[2] = 'A' + c % 26;
  buf[3] = '\0';
}

/* A figure as published (one decimal), or as printf ("%.17g") writes a
 * double. */
static void
append_figure (GString  *json,
               double    value,
               gboolean  full_precision)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (full_precision)
    g_ascii_formatd (buf, sizeof buf, "%.17g", value);
  else
    g_ascii_formatd (buf, sizeof buf, "%.1f", value);
  g_string_append (json, buf);
}

static GBytes *
generate (gboolean full_precision)
{
  GString *json = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const double yield[N_STAGES] = { 1.0, 0.2, 0.95, 0.98, 1.0 };
  guint n_flows = 0;
  char a[4], b[4];

  g_string_append (json, "{\"format\": \"lodestone-dataset\", \"version\": 1, \"title\": \"dense\",\n"
                         "\"sources\": [{\"id\": \"gen\", \"title\": \"generated\"}],\n\"stages\": [");
  for (guint s = 0; s < N_STAGES; s++)
    g_string_append_printf (json, "%s{\"id\": \"s%u\", \"name\": \"S%u\", \"unit\": \"t\", "
                            "\"yield\": {\"value\": %g, \"source\": \"gen\"}}",
                            s > 0 ? ", " : "", s, s, yield[s]);
  g_string_append (json, "],\n\"countries\": [");
  for (guint c = 0; c < N_COUNTRIES; c++)
    {
      country_id (a, c);
      g_string_append_printf (json, "%s{\"id\": \"%s\", \"name\": \"C%u\", \"label\": {\"lat\": 0, \"lon\": 0}}",
                              c > 0 ? ", " : "", a, c);
    }
  g_string_append (json, "],\n\"alliances\": [],\n\"years\": [");

  for (guint y = 0; y < N_YEARS; y++)
    {
      double production[N_STAGES][N_COUNTRIES];

      for (guint s = 0; s < N_STAGES; s++)
        for (guint c = 0; c < N_COUNTRIES; c++)
          production[s][c] = g_rand_double_range (rand, 100.0, 10000.0);

      g_string_append_printf (json, "%s\n{\"year\": %u, \"production\": [", y > 0 ? "," : "", 2015 + y);
      for (guint s = 0; s < N_STAGES; s++)
        for (guint c = 0; c < N_COUNTRIES; c++)
          {
            /* Rounded first, so that the checks below see the file's
             * figures. */
            if (!full_precision)
              production[s][c] = round (production[s][c] * 10.0) / 10.0;

            country_id (a, c);
            g_string_append_printf (json, "%s{\"stage\": \"s%u\", \"country\": \"%s\", \"value\": ",
                                    s + c > 0 ? ", " : "", s, a);
            append_figure (json, production[s][c], full_precision);
            g_string_append (json, ", \"source\": \"gen\"}");
          }
      g_string_append (json, "],\n\"flows\": [");
      for (guint s = 0; s + 1 < N_STAGES; s++)
        for (guint i = 0; i < N_COUNTRIES; i++)
          for (guint k = 0; k < PARTNERS; k++, n_flows++)
            {
              guint j = (i * 31 + k * 7 + s) % N_COUNTRIES;
              /* Small enough to fit every exporter's output and every
               * importer's need whatever the draw and the rounding. */
              double value = 0.5 * MIN (production[s][i], production[s + 1][j] / yield[s + 1])
                             / (PARTNERS * 4);

              country_id (a, i);
              country_id (b, j);
              g_string_append_printf (json, "%s{\"stage\": \"s%u\", \"from\": \"%s\", \"to\": \"%s\", \"value\": ",
                                      s + i + k > 0 ? ", " : "", s, a, b);
              append_figure (json, value, full_precision);
              g_string_append (json, ", \"source\": \"gen\"");
              if (n_flows % 3 == 0)
                {
                  g_string_append (json, ", \"estimated\": true, \"low\": ");
                  append_figure (json, 0.8 * value, full_precision);
                  g_string_append (json, ", \"high\": ");
                  append_figure (json, 1.2 * value, full_precision);
                }
              if (n_flows % 10 == 0)
                g_string_append (json, ", \"note\": \"generated\"");
              g_string_append_c (json, '}');
            }
      g_string_append (json, "]}");
    }
  g_string_append (json, "]}\n");

  return g_string_free_to_bytes (json);
}

static int
compare_doubles (gconstpointer x,
                 gconstpointer y)
{
  double a = *(const double *) x;
  double b = *(const double *) y;

  return (a > b) - (a < b);
}

#define RUNS 5

static double
median (double *times,
        guint   runs)
{
  qsort (times, runs, sizeof (double), compare_doubles);
  return times[runs / 2];
}

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The median time of loading @bytes, ms, and its median CPU time. */
static double
time_load (GBytes      *bytes,
           LsDataset  **dataset,
           double      *cpu)
{
  double times[RUNS];
  double cpu_times[RUNS];

  for (guint r = 0; r < RUNS; r++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = thread_cpu_ms ();

      g_clear_object (dataset);
      *dataset = ls_dataset_new_from_bytes (bytes, "dense.json", &error);
      g_assert_no_error (error);
      times[r] = (g_get_monotonic_time () - start) / 1000.0;
      cpu_times[r] = thread_cpu_ms () - cpu_start;
    }

  *cpu = median (cpu_times, RUNS);
  return median (times, RUNS);
}

static void
print_line (const char *what,
            double      ms,
            double      mb)
{
  printf ("%-34s %8.1f ms  %7.1f MB/s\n", what, ms, mb / ms * 1000);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GBytes) bytes = generate (FALSE);
  g_autoptr(GBytes) full_bytes = generate (TRUE);
  const char *text = g_bytes_get_data (bytes, NULL);
  gsize size = g_bytes_get_size (bytes);
  double mb = size / 1e6;
  double floor_[RUNS], parse[RUNS], tree[3], rebalance[RUNS];
  double load, full_load, load_cpu, full_load_cpu;
  g_autoptr(LsDataset) dataset = NULL;
  g_autoptr(LsDataset) full_dataset = NULL;
  g_autoptr(LsBaseline) baseline = NULL;
  g_autoptr(LsScenario) scenario = ls_scenario_new ();

  for (guint r = 0; r < RUNS; r++)
    {
      gint64 start = g_get_monotonic_time ();

      g_assert_true (g_utf8_validate (text, size, NULL));
      floor_[r] = (g_get_monotonic_time () - start) / 1000.0;
    }

  for (guint r = 0; r < RUNS; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LsJsonReader) reader = NULL;
      gint64 start = g_get_monotonic_time ();

      reader = _ls_json_reader_new (bytes, "dense.json", &error);
      g_assert_no_error (error);
      parse[r] = (g_get_monotonic_time () - start) / 1000.0;
    }

  load = time_load (bytes, &dataset, &load_cpu);
  full_load = time_load (full_bytes, &full_dataset, &full_load_cpu);

  /* A second or more each: three runs. */
  for (guint r = 0; r < G_N_ELEMENTS (tree); r++)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      json_parser_load_from_data (parser, text, size, &error);
      g_assert_no_error (error);
      tree[r] = (g_get_monotonic_time () - start) / 1000.0;
    }

  ls_scenario_set_year (scenario, 2020);
  baseline = ls_baseline_new (dataset, 2020);
  for (guint r = 0; r < RUNS; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LsResult) result = NULL;
      gint64 start = g_get_monotonic_time ();

      result = ls_result_new_for_baseline (baseline, scenario, &error);
      g_assert_no_error (error);
      rebalance[r] = (g_get_monotonic_time () - start) / 1000.0;
    }

  printf ("dataset: %u countries × %u stages × %u years, %u partners each: %.1f MB "
          "(%.1f MB with 17-digit figures)\n",
          N_COUNTRIES, N_STAGES, N_YEARS, PARTNERS, mb, g_bytes_get_size (full_bytes) / 1e6);
  print_line ("floor: g_utf8_validate, one pass", median (floor_, RUNS), mb);
  print_line ("parse alone (LsJsonReader)", median (parse, RUNS), mb);
  printf ("%-34s %8.1f ms  %7.1f MB/s  (target < %.0f ms)%s  CPU %.1f ms\n", "load and validate",
          load, mb / load * 1000, LOAD_TARGET_MS, load < LOAD_TARGET_MS ? "" : "  MISSED", load_cpu);
  printf ("%-34s %8.1f\n", "ratio load / floor", load / median (floor_, RUNS));
  printf ("%-34s %8.1f ms  %7.1f MB/s  CPU %.1f ms\n", "same with 17-digit figures",
          full_load, g_bytes_get_size (full_bytes) / 1e6 / full_load * 1000, full_load_cpu);
  print_line ("json-glib tree parse (old route)", median (tree, G_N_ELEMENTS (tree)), mb);
  printf ("%-34s %8.2f ms  (target < %.0f ms)%s\n", "rebalance one year",
          median (rebalance, RUNS), REBALANCE_TARGET_MS,
          median (rebalance, RUNS) < REBALANCE_TARGET_MS ? "" : "  MISSED");

  return 0;
}
