/* bench-load.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "ls-baseline.h"
#include "ls-dataset.h"
#include "ls-result.h"

#include <json-glib/json-glib.h>
#include <stdio.h>

/*
 * Loading a dataset at scale (issue 12): 250 countries × 5 stages × 11
 * years, each exporter trading with PARTNERS importers at every stage, about
 * 22 MB of JSON. Target: loaded and validated in under 300 ms. Printed
 * beside it, in the same run, the floor: json-glib parsing the same bytes
 * into a tree and doing nothing else, which no loader built on it can
 * beat. Then one rebalance of a year of it (target under 50 ms).
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

static GBytes *
generate (void)
{
  GString *json = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const double yield[N_STAGES] = { 1.0, 0.2, 0.95, 0.98, 1.0 };
  char a[4], b[4];

  g_string_append (json, "{\"format\": \"lodestone-dataset\", \"version\": 1, \"title\": \"dense\",\n"
                         "\"sources\": [{\"id\": \"gen\", \"title\": \"generated\"}],\n\"stages\": [");
  for (guint s = 0; s < N_STAGES; s++)
    g_string_append_printf (json, "%s{\"id\": \"s%u\", \"name\": \"S%u\", \"unit\": \"t\", "
                            "\"yield\": {\"value\": %.17g, \"source\": \"gen\"}}",
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
            country_id (a, c);
            g_string_append_printf (json, "%s{\"stage\": \"s%u\", \"country\": \"%s\", \"value\": %.17g, "
                                    "\"source\": \"gen\"}", s + c > 0 ? ", " : "", s, a, production[s][c]);
          }
      g_string_append (json, "],\n\"flows\": [");
      for (guint s = 0; s + 1 < N_STAGES; s++)
        for (guint i = 0; i < N_COUNTRIES; i++)
          for (guint k = 0; k < PARTNERS; k++)
            {
              guint j = (i * 31 + k * 7 + s) % N_COUNTRIES;
              /* Small enough to fit every exporter's output and every
               * importer's need whatever the draw. */
              double value = 0.5 * MIN (production[s][i], production[s + 1][j] / yield[s + 1])
                             / (PARTNERS * 4);

              country_id (a, i);
              country_id (b, j);
              g_string_append_printf (json, "%s{\"stage\": \"s%u\", \"from\": \"%s\", \"to\": \"%s\", "
                                      "\"value\": %.17g, \"source\": \"gen\", \"estimated\": true, "
                                      "\"low\": %.17g, \"high\": %.17g, \"note\": \"generated\"}",
                                      s + i + k > 0 ? ", " : "", s, a, b, value, 0.8 * value, 1.2 * value);
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

int
main (int    argc,
      char **argv)
{
  g_autoptr(GBytes) bytes = generate ();
  double mb = g_bytes_get_size (bytes) / 1e6;
  double load[RUNS], parse[RUNS], rebalance[RUNS];
  g_autoptr(LsDataset) dataset = NULL;
  g_autoptr(LsBaseline) baseline = NULL;
  g_autoptr(LsScenario) scenario = ls_scenario_new ();

  for (guint r = 0; r < RUNS; r++)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
      g_assert_no_error (error);
      parse[r] = (g_get_monotonic_time () - start) / 1000.0;
    }

  for (guint r = 0; r < RUNS; r++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      g_clear_object (&dataset);
      dataset = ls_dataset_new_from_bytes (bytes, "dense.json", &error);
      g_assert_no_error (error);
      load[r] = (g_get_monotonic_time () - start) / 1000.0;
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

  qsort (load, RUNS, sizeof (double), compare_doubles);
  qsort (parse, RUNS, sizeof (double), compare_doubles);
  qsort (rebalance, RUNS, sizeof (double), compare_doubles);

  printf ("dataset: %u countries × %u stages × %u years, %u partners each: %.1f MB\n",
          N_COUNTRIES, N_STAGES, N_YEARS, PARTNERS, mb);
  printf ("json-glib parse alone (floor):   %8.1f ms  %6.1f MB/s\n", parse[RUNS / 2], mb / parse[RUNS / 2] * 1000);
  printf ("load and validate:               %8.1f ms  %6.1f MB/s  (target < %.0f ms)%s\n",
          load[RUNS / 2], mb / load[RUNS / 2] * 1000, LOAD_TARGET_MS,
          load[RUNS / 2] < LOAD_TARGET_MS ? "" : "  MISSED");
  printf ("ratio load / parse floor:        %8.2f\n", load[RUNS / 2] / parse[RUNS / 2]);
  printf ("rebalance one year:              %8.2f ms  (target < %.0f ms)%s\n",
          rebalance[RUNS / 2], REBALANCE_TARGET_MS,
          rebalance[RUNS / 2] < REBALANCE_TARGET_MS ? "" : "  MISSED");

  return 0;
}
