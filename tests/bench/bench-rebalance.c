/* bench-rebalance.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "ls-baseline.h"
#include "ls-dataset.h"
#include "ls-result.h"
#include "ls-scenario.h"

#include <stdio.h>

/*
 * The time of one rebalance (ls_result_new_for_baseline: scenario →
 * result, from the year's baseline already completed) on the shipped dataset and on a
 * generated one of 250 countries × 5 stages whose every pair trades.
 * Targets: under 1 ms and under 50 ms. Times are medians of several runs,
 * so a busy shared machine skews them less; compare the two in one run.
 */

#define N_COUNTRIES 250
#define N_STAGES 5

/* A dense dataset that meets the loader's rules: exporter i ships half
 * its output spread over all importers by weight w[j]; importer j's next
 * stage output is sized so its need covers what it receives. */
static GBytes *
generate_dense_dataset (void)
{
  GString *json = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  double production[N_STAGES][N_COUNTRIES];
  double weight[N_COUNTRIES];
  double weight_sum = 0.0;
  const double yield[N_STAGES] = { 1.0, 0.2, 0.95, 0.98, 1.0 };

  for (guint c = 0; c < N_COUNTRIES; c++)
    {
      /* Heavy tail, as trade is: a few large producers. */
      weight[c] = 1.0 / (1.0 + c * g_rand_double_range (rand, 0.5, 1.5));
      weight_sum += weight[c];
    }

  for (guint c = 0; c < N_COUNTRIES; c++)
    production[0][c] = 400000.0 * weight[c] / weight_sum;

  for (guint s = 1; s < N_STAGES; s++)
    {
      double total = 0.0;

      for (guint c = 0; c < N_COUNTRIES; c++)
        total += production[s - 1][c];

      for (guint c = 0; c < N_COUNTRIES; c++)
        production[s][c] = yield[s] * total * weight[(c * 7) % N_COUNTRIES] / weight_sum;
    }

  g_string_append (json, "{\"format\": \"lodestone-dataset\", \"version\": 1, \"title\": \"dense\",\n"
                         "\"sources\": [{\"id\": \"gen\", \"title\": \"generated\"}],\n\"stages\": [");
  for (guint s = 0; s < N_STAGES; s++)
    g_string_append_printf (json, "%s{\"id\": \"s%u\", \"name\": \"S%u\", \"unit\": \"t\", "
                            "\"yield\": {\"value\": %.17g, \"source\": \"gen\"}}",
                            s > 0 ? ", " : "", s, s, yield[s]);
  g_string_append (json, "],\n\"countries\": [");
  for (guint c = 0; c < N_COUNTRIES; c++)
    g_string_append_printf (json, "%s{\"id\": \"%c%c%c\", \"name\": \"C%u\", \"label\": {\"lat\": 0, \"lon\": 0}}",
                            c > 0 ? ", " : "", 'A' + c / 676, 'A' + (c / 26) % 26, 'A' + c % 26, c);
  g_string_append (json, "],\n\"alliances\": [{\"id\": \"bloc\", \"name\": \"Bloc\", \"members\": [");
  for (guint c = 0; c < N_COUNTRIES; c += 3)
    g_string_append_printf (json, "%s{\"country\": \"%c%c%c\"}", c > 0 ? ", " : "",
                            'A' + c / 676, 'A' + (c / 26) % 26, 'A' + c % 26);
  g_string_append (json, "]}],\n\"years\": [{\"year\": 2024, \"production\": [");
  for (guint s = 0; s < N_STAGES; s++)
    for (guint c = 0; c < N_COUNTRIES; c++)
      g_string_append_printf (json, "%s{\"stage\": \"s%u\", \"country\": \"%c%c%c\", \"value\": %.17g, \"source\": \"gen\"}",
                              s + c > 0 ? ", " : "", s, 'A' + c / 676, 'A' + (c / 26) % 26, 'A' + c % 26,
                              production[s][c]);
  g_string_append (json, "],\n\"flows\": [");
  for (guint s = 0; s + 1 < N_STAGES; s++)
    {
      double next_total = 0.0;

      for (guint c = 0; c < N_COUNTRIES; c++)
        next_total += production[s + 1][c];

      for (guint i = 0; i < N_COUNTRIES; i++)
        for (guint j = 0; j < N_COUNTRIES; j++)
          {
            /* Half of i's output, split by the importers' share of the
             * next stage: every importer gets under half its need. */
            double value = 0.499 * production[s][i] * production[s + 1][j] / next_total;

            g_string_append_printf (json, "%s{\"stage\": \"s%u\", \"from\": \"%c%c%c\", \"to\": \"%c%c%c\", "
                                    "\"value\": %.17g, \"source\": \"gen\"}",
                                    s + i + j > 0 ? ", " : "", s,
                                    'A' + i / 676, 'A' + (i / 26) % 26, 'A' + i % 26,
                                    'A' + j / 676, 'A' + (j / 26) % 26, 'A' + j % 26, value);
          }
    }
  g_string_append (json, "]}]}\n");

  return g_string_free_to_bytes (json);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The baseline is completed once per dataset and year (LsSession keeps
 * it): a rebalance starts from it. */
static double
median_ms (LsDataset  *dataset,
           LsScenario *scenario,
           guint       runs)
{
  g_autofree double *times = g_new (double, runs);
  g_autoptr(LsBaseline) baseline = ls_baseline_new (dataset, ls_dataset_get_default_year (dataset));

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LsResult) result = NULL;
      gint64 start = g_get_monotonic_time ();

      result = ls_result_new_for_baseline (baseline, scenario, &error);
      g_assert_no_error (error);
      times[r] = (g_get_monotonic_time () - start) / 1000.0;
    }

  qsort (times, runs, sizeof (double), compare_doubles);
  return times[runs / 2];
}

static LsScenario *
scenario_with_levers (const char *alliance,
                      const char *stage,
                      const char *first_stage,
                      const char *country)
{
  LsScenario *scenario = ls_scenario_new ();
  LsParty from = { LS_PARTY_NON_BLOC, NULL };
  LsParty to = { LS_PARTY_BLOC, NULL };
  g_autoptr(LsRestriction) restriction = ls_restriction_new (stage, &from, &to, 0.8);
  g_autoptr(LsCapacityChange) change = ls_capacity_change_new (first_stage, country, 5000.0, NULL);

  ls_scenario_set_alliance (scenario, alliance, TRUE);
  ls_scenario_set_friend_shoring (scenario, 0.5);
  ls_scenario_add_restriction (scenario, restriction);
  ls_scenario_add_capacity_change (scenario, change);

  return scenario;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(LsDataset) shipped = NULL;
  g_autoptr(LsDataset) dense = NULL;
  g_autoptr(LsScenario) empty = ls_scenario_new ();
  g_autoptr(LsScenario) shipped_levers = NULL;
  g_autoptr(LsScenario) dense_levers = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LsResult) warm = NULL;
  double t_shipped, t_shipped_levers, t_dense, t_dense_levers;
  gint64 start;

  shipped = ls_dataset_new_default (&error);
  g_assert_no_error (error);

  bytes = generate_dense_dataset ();
  start = g_get_monotonic_time ();
  dense = ls_dataset_new_from_bytes (bytes, "dense.json", &error);
  g_assert_no_error (error);
  printf ("load 250×5 dense dataset (%zu kB): %.1f ms\n",
          g_bytes_get_size (bytes) / 1024, (g_get_monotonic_time () - start) / 1000.0);

  /* The baseline is completed once per dataset and year; time it apart. */
  start = g_get_monotonic_time ();
  warm = ls_result_new (dense, empty, &error);
  g_assert_no_error (error);
  printf ("complete 250×5 baseline (once per dataset): %.1f ms\n", (g_get_monotonic_time () - start) / 1000.0);
  g_clear_pointer (&warm, ls_result_unref);
  warm = ls_result_new (shipped, empty, &error);
  g_clear_pointer (&warm, ls_result_unref);

  shipped_levers = scenario_with_levers ("msp", "separation", "mining", "AUS");
  dense_levers = scenario_with_levers ("bloc", "s1", "s0", "AAB");

  t_shipped = median_ms (shipped, empty, 201);
  t_shipped_levers = median_ms (shipped, shipped_levers, 201);
  t_dense = median_ms (dense, empty, 11);
  t_dense_levers = median_ms (dense, dense_levers, 11);

  printf ("rebalance, shipped dataset, no levers:        %8.3f ms (target < 1 ms)\n", t_shipped);
  printf ("rebalance, shipped dataset, bloc + levers:    %8.3f ms (target < 1 ms)\n", t_shipped_levers);
  printf ("rebalance, 250×5 dense, no levers:            %8.3f ms (target < 50 ms)\n", t_dense);
  printf ("rebalance, 250×5 dense, bloc + levers:        %8.3f ms (target < 50 ms)\n", t_dense_levers);
  printf ("ratio dense/shipped with levers:              %8.1f\n", t_dense_levers / t_shipped_levers);

  return 0;
}
