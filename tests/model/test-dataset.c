/* test-dataset.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The dataset loader's accessors and the completion of the baseline flows
 * (DESIGN.md "Completing the flows"), on hand-computed tiny datasets. */

#include <math.h>

#include "ls-dataset.h"
#include "ls-result.h"
#include "ls-scenario.h"
#include "ls-test-utils.h"

static const char example_json[] =
  "{\"format\": \"lodestone-dataset\", \"version\": 1, \"title\": \"Example\",\n"
  " \"description\": \"An example\", \"default_year\": 2024,\n"
  " \"sources\": [{\"id\": \"s1\", \"title\": \"Source\", \"detail\": \"table 1\", \"url\": \"https://example.org\"},\n"
  "             {\"id\": \"s-2\", \"title\": \"Other\", \"detail\": \"p. 3\", \"url\": \"https://example.com\"}],\n"
  " \"stages\": [{\"id\": \"mining\", \"name\": \"Mining\", \"unit\": \"t REO\", \"yield\": {\"value\": 1, \"source\": \"s1\"}},\n"
  "            {\"id\": \"separation\", \"name\": \"Separation\", \"unit\": \"t\",\n"
  "             \"yield\": {\"value\": 0.5, \"source\": \"s1\", \"estimated\": true, \"note\": \"n\"}}],\n"
  " \"countries\": [{\"id\": \"AAA\", \"name\": \"A\", \"label\": {\"lat\": 1, \"lon\": 2}},\n"
  "               {\"id\": \"BBB\", \"name\": \"B\", \"label\": {\"lat\": -3.5, \"lon\": 4.25}},\n"
  "               {\"id\": \"CHN\", \"name\": \"China\", \"label\": {\"lat\": 35, \"lon\": 103}}],\n"
  " \"alliances\": [{\"id\": \"al\", \"name\": \"Alliance\", \"members\": [{\"country\": \"AAA\", \"joined\": \"2022\"}]}],\n"
  " \"years\": [{\"year\": 2023,\n"
  "            \"production\": [{\"stage\": \"mining\", \"country\": \"AAA\", \"value\": 90, \"source\": \"s1\"}],\n"
  "            \"flows\": []},\n"
  "           {\"year\": 2024,\n"
  "            \"production\": [{\"stage\": \"mining\", \"country\": \"AAA\", \"value\": 100, \"source\": \"s1\"},\n"
  "                           {\"stage\": \"separation\", \"country\": \"BBB\", \"value\": 20, \"source\": \"s-2\",\n"
  "                            \"estimated\": true, \"note\": \"guess\"}],\n"
  "            \"flows\": [{\"stage\": \"mining\", \"from\": \"AAA\", \"to\": \"BBB\", \"value\": 10, \"source\": \"s1\", \"estimated\": false}]}]}\n";

static void
test_dataset_accessors (void)
{
  LsDataset *dataset = ls_test_load_dataset (example_json);
  const LsFigure *figure;
  const LsGivenFlow *flow;
  const int *years;
  guint n_years = 0;
  double lat = 0, lon = 0;

  g_assert_cmpstr (ls_dataset_get_title (dataset), ==, "Example");
  g_assert_cmpuint (ls_dataset_get_n_stages (dataset), ==, 2);
  g_assert_cmpint (ls_dataset_lookup_stage (dataset, "separation"), ==, 1);
  g_assert_cmpint (ls_dataset_lookup_stage (dataset, "magnets"), ==, -1);
  g_assert_cmpstr (ls_dataset_get_stage_id (dataset, 0), ==, "mining");
  g_assert_cmpstr (ls_dataset_get_stage_name (dataset, 1), ==, "Separation");
  g_assert_cmpstr (ls_dataset_get_stage_unit (dataset, 0), ==, "t REO");
  g_assert_cmpfloat_with_epsilon (ls_dataset_get_stage_yield (dataset, 1), 0.5, 1e-12);
  figure = ls_dataset_get_stage_yield_figure (dataset, 1);
  g_assert_nonnull (figure);
  g_assert_true (figure->estimated);
  g_assert_cmpstr (figure->note, ==, "n");
  g_assert_cmpstr (figure->source, ==, "s1");

  g_assert_cmpuint (ls_dataset_get_n_countries (dataset), ==, 3);
  g_assert_cmpint (ls_dataset_lookup_country (dataset, "BBB"), ==, 1);
  g_assert_cmpint (ls_dataset_lookup_country (dataset, "ZZZ"), ==, -1);
  g_assert_cmpstr (ls_dataset_get_country_id (dataset, 2), ==, "CHN");
  g_assert_cmpstr (ls_dataset_get_country_name (dataset, 0), ==, "A");
  g_assert_cmpint (ls_dataset_get_china (dataset), ==, 2);
  ls_dataset_get_country_label_point (dataset, 1, &lat, &lon);
  g_assert_cmpfloat_with_epsilon (lat, -3.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (lon, 4.25, 1e-12);

  g_assert_cmpuint (ls_dataset_get_n_alliances (dataset), ==, 1);
  g_assert_cmpint (ls_dataset_lookup_alliance (dataset, "al"), ==, 0);
  g_assert_cmpstr (ls_dataset_get_alliance_name (dataset, 0), ==, "Alliance");
  g_assert_true (ls_dataset_alliance_has_member (dataset, 0, 0));
  g_assert_false (ls_dataset_alliance_has_member (dataset, 0, 1));
  g_assert_cmpstr (ls_dataset_get_alliance_joined (dataset, 0, 0), ==, "2022");

  g_assert_cmpuint (ls_dataset_get_n_sources (dataset), ==, 2);
  g_assert_cmpint (ls_dataset_lookup_source (dataset, "s-2"), ==, 1);
  g_assert_cmpstr (ls_dataset_get_source_title (dataset, 1), ==, "Other");
  g_assert_cmpstr (ls_dataset_get_source_detail (dataset, 0), ==, "table 1");
  g_assert_cmpstr (ls_dataset_get_source_url (dataset, 0), ==, "https://example.org");

  years = ls_dataset_get_years (dataset, &n_years);
  g_assert_cmpuint (n_years, ==, 2);
  g_assert_nonnull (years);
  g_assert_true ((years[0] == 2023 && years[1] == 2024) || (years[0] == 2024 && years[1] == 2023));
  g_assert_true (ls_dataset_has_year (dataset, 2023));
  g_assert_false (ls_dataset_has_year (dataset, 2022));
  g_assert_cmpint (ls_dataset_get_default_year (dataset), ==, 2024);

  g_assert_cmpfloat_with_epsilon (ls_dataset_get_production (dataset, 2024, 0, 0), 100, 1e-12);
  g_assert_cmpfloat_with_epsilon (ls_dataset_get_production (dataset, 2023, 0, 0), 90, 1e-12);
  g_assert_cmpfloat_with_epsilon (ls_dataset_get_production (dataset, 2024, 1, 0), 0, 1e-12);
  figure = ls_dataset_get_production_figure (dataset, 2024, 1, 1);
  g_assert_nonnull (figure);
  g_assert_cmpfloat_with_epsilon (figure->value, 20, 1e-12);
  g_assert_true (figure->estimated);
  g_assert_cmpstr (figure->source, ==, "s-2");
  g_assert_cmpstr (figure->note, ==, "guess");

  g_assert_cmpuint (ls_dataset_get_n_given_flows (dataset, 2024), ==, 1);
  g_assert_cmpuint (ls_dataset_get_n_given_flows (dataset, 2023), ==, 0);
  flow = ls_dataset_get_given_flow (dataset, 2024, 0);
  g_assert_nonnull (flow);
  g_assert_cmpuint (flow->stage, ==, 0);
  g_assert_cmpuint (flow->from, ==, 0);
  g_assert_cmpuint (flow->to, ==, 1);
  g_assert_cmpfloat_with_epsilon (flow->figure.value, 10, 1e-12);
  g_assert_false (flow->figure.estimated);

  g_assert_finalize_object (dataset);
}

/* A scenario reads its year's figures; year 0 means the default year. */
static void
test_dataset_year_selection (void)
{
  LsDataset *dataset = ls_test_load_dataset (example_json);
  LsScenario *scenario = ls_scenario_new ();
  g_autoptr(GError) error = NULL;
  LsResult *result;

  ls_scenario_set_year (scenario, 2023);
  result = ls_result_new (dataset, scenario, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ls_result_get_year (result), ==, 2023);
  g_assert_cmpfloat_with_epsilon (ls_result_get_production (result, 0, 0), 90, 1e-12);
  g_assert_cmpfloat_with_epsilon (ls_result_get_flow (result, 0, 0, 1), 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (ls_result_get_unallocated (result, 0), 90, 1e-12);
  ls_result_unref (result);

  ls_scenario_set_year (scenario, 0);
  result = ls_result_new (dataset, scenario, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ls_result_get_year (result), ==, 2024);
  g_assert_cmpfloat_with_epsilon (ls_result_get_production (result, 0, 0), 100, 1e-12);
  /* BBB's 20 t of oxide at Y = 0.5 take 40 t of ore: 10 given, 30 more
   * from AAA's 90 spare. */
  g_assert_cmpfloat_with_epsilon (ls_result_get_flow (result, 0, 0, 1), 40, 1e-9);
  ls_result_unref (result);

  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* Given inflows equal to the need up to rounding (0.3 / 0.1 is
 * 2.9999999999999996 in binary) are accepted. */
static void
test_dataset_rounding_tolerated (void)
{
  LsDataset *dataset = ls_test_build_dataset (2, "1 0.1", "", "mining AAA 3, separation BBB 0.3", "mining AAA BBB 3");
  LsScenario *scenario = ls_test_scenario_new ();
  LsResult *result = ls_test_compute (dataset, scenario);

  assert_close (ls_result_get_flow (result, 0, AAA, BBB), 3);
  assert_close (ls_result_get_production (result, 1, BBB), 0.3);
  assert_close (ls_result_get_shortfall (result, 1, BBB), 0);

  ls_result_unref (result);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* No China in the dataset: ls_dataset_get_china() says so. */
static void
test_dataset_no_china (void)
{
  g_autofree char *json = g_strdup (example_json);
  char *chn = strstr (json, "\"CHN\"");
  LsDataset *dataset;
  LsScenario *scenario;
  LsResult *result;

  g_assert_nonnull (chn);
  memcpy (chn + 1, "CCC", 3);
  dataset = ls_test_load_dataset (json);
  g_assert_cmpint (ls_dataset_get_china (dataset), ==, -1);

  /* China's share is then 0, and the rest is everything outside the
   * bloc (AAA, 100 of the 100 t mined). */
  scenario = ls_test_scenario_new ();
  ls_scenario_set_alliance (scenario, "al", TRUE);
  result = ls_test_compute (dataset, scenario);
  g_assert_cmpfloat_with_epsilon (ls_result_get_china_share (result, 0), 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (ls_result_get_bloc_share (result, 0), 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (ls_result_get_rest_share (result, 0), 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (ls_result_get_bloc_share (result, 1), 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (ls_result_get_rest_share (result, 1), 1, 1e-12);
  ls_result_unref (result);

  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

static void
test_dataset_fixture_file (void)
{
  LsDataset *dataset = ls_test_load_dataset_file ("model-small.json");
  g_autofree char *path = ls_test_build_filename ("model-small.json");

  g_assert_cmpuint (ls_dataset_get_n_stages (dataset), ==, 3);
  g_assert_cmpuint (ls_dataset_get_n_countries (dataset), ==, 4);
  g_assert_nonnull (ls_dataset_get_filename (dataset));
  g_assert_nonnull (strstr (ls_dataset_get_filename (dataset), "model-small.json"));
  g_assert_cmpfloat_with_epsilon (ls_dataset_get_production (dataset, 2024, 2, 3), 40, 1e-12);
  g_assert_finalize_object (dataset);
}

/* Step 1: need R[j] = P[s+1][j] / Y[s+1]. With Y = 0.5, BBB's 20 t of
 * separated oxide need 40 t of mined REO; AAA's 100 t are the only
 * surplus: F = 100 · 40 / max(100, 40) = 40, unallocated 60. */
static void
test_completion_need_with_yield (void)
{
  LsDataset *dataset = ls_test_build_dataset (2, "1 0.5", "", "mining AAA 100, separation BBB 20", "");
  LsScenario *scenario = ls_test_scenario_new ();
  LsResult *result = ls_test_compute (dataset, scenario);

  assert_close (ls_result_get_baseline_flow (result, 0, AAA, BBB), 40);
  assert_close (ls_result_get_flow (result, 0, AAA, BBB), 40);
  assert_close (ls_result_get_baseline_unallocated (result, 0), 60);
  assert_close (ls_result_get_baseline_unknown_origin (result, 0), 0);
  assert_close (ls_result_get_baseline_flow (result, 0, UNK, BBB), 0);

  ls_result_unref (result);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* Step 1: given flows reduce need (G) and surplus (O). R: CCC 80,
 * DDD 40; given AAA→CCC 30, so r = 50, 40; u: AAA 70, BBB 50; U = 120,
 * N = 90. F[i][j] = u[i] · r[j] / 120. */
static void
test_completion_given_flows (void)
{
  LsDataset *dataset = ls_test_build_dataset (2, NULL, "",
                                      "mining AAA 100, mining BBB 50, separation CCC 80, separation DDD 40",
                                      "mining AAA CCC 30");
  LsScenario *scenario = ls_test_scenario_new ();
  LsResult *result = ls_test_compute (dataset, scenario);

  assert_close (ls_result_get_baseline_flow (result, 0, AAA, CCC), 30 + 70.0 * 50 / 120);
  assert_close (ls_result_get_baseline_flow (result, 0, AAA, DDD), 70.0 * 40 / 120);
  assert_close (ls_result_get_baseline_flow (result, 0, BBB, CCC), 50.0 * 50 / 120);
  assert_close (ls_result_get_baseline_flow (result, 0, BBB, DDD), 50.0 * 40 / 120);
  assert_close (ls_result_get_baseline_unallocated (result, 0), 30);
  assert_close (ls_result_get_baseline_unknown_origin (result, 0), 0);

  ls_result_unref (result);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* Step 2: domestic first. AAA and BBB serve themselves (60, 30) before
 * anyone exports; CCC's 50 then come from the surpluses 40 and 70. */
static void
test_completion_domestic_first (void)
{
  LsDataset *dataset = ls_test_build_dataset (2, NULL, "",
                                      "mining AAA 100, mining BBB 100, "
                                      "separation AAA 60, separation BBB 30, separation CCC 50", "");
  LsScenario *scenario = ls_test_scenario_new ();
  LsResult *result = ls_test_compute (dataset, scenario);

  assert_close (ls_result_get_baseline_flow (result, 0, AAA, AAA), 60);
  assert_close (ls_result_get_baseline_flow (result, 0, BBB, BBB), 30);
  assert_close (ls_result_get_baseline_flow (result, 0, AAA, BBB), 0);
  assert_close (ls_result_get_baseline_flow (result, 0, BBB, AAA), 0);
  assert_close (ls_result_get_baseline_flow (result, 0, AAA, CCC), 40.0 * 50 / 110);
  assert_close (ls_result_get_baseline_flow (result, 0, BBB, CCC), 70.0 * 50 / 110);
  assert_close (ls_result_get_baseline_unallocated (result, 0), 60);

  ls_result_unref (result);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* Step 2 is skipped where the dataset gives E[s][j][j]: AAA's given
 * 20 t to itself stand, and its remaining need of 40 is split in step 3
 * like anyone's: u AAA 80, BBB 100, r AAA 40, CCC 40, U = 180. Had the
 * domestic step run, AAA→AAA would be 60. */
static void
test_completion_domestic_skipped_when_given (void)
{
  LsDataset *dataset = ls_test_build_dataset (2, NULL, "",
                                      "mining AAA 100, mining BBB 100, separation AAA 60, separation CCC 40",
                                      "mining AAA AAA 20");
  LsScenario *scenario = ls_test_scenario_new ();
  LsResult *result = ls_test_compute (dataset, scenario);

  assert_close (ls_result_get_baseline_flow (result, 0, AAA, AAA), 20 + 80.0 * 40 / 180);
  assert_close (ls_result_get_baseline_flow (result, 0, AAA, CCC), 80.0 * 40 / 180);
  assert_close (ls_result_get_baseline_flow (result, 0, BBB, AAA), 100.0 * 40 / 180);
  assert_close (ls_result_get_baseline_flow (result, 0, BBB, CCC), 100.0 * 40 / 180);
  assert_close (ls_result_get_baseline_unallocated (result, 0), 100);

  ls_result_unref (result);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* Steps 3–4 with N > U: u AAA 30, BBB 10 (U = 40); r CCC 60, DDD 20
 * (N = 80); F = u · r / 80; unknown origin 40, as flows r[j] · 40 / 80. */
static void
test_completion_unknown_origin (void)
{
  LsDataset *dataset = ls_test_build_dataset (2, NULL, "",
                                      "mining AAA 30, mining BBB 10, separation CCC 60, separation DDD 20", "");
  LsScenario *scenario = ls_test_scenario_new ();
  LsResult *result = ls_test_compute (dataset, scenario);

  assert_close (ls_result_get_baseline_flow (result, 0, AAA, CCC), 22.5);
  assert_close (ls_result_get_baseline_flow (result, 0, AAA, DDD), 7.5);
  assert_close (ls_result_get_baseline_flow (result, 0, BBB, CCC), 7.5);
  assert_close (ls_result_get_baseline_flow (result, 0, BBB, DDD), 2.5);
  assert_close (ls_result_get_baseline_flow (result, 0, UNK, CCC), 30);
  assert_close (ls_result_get_baseline_flow (result, 0, UNK, DDD), 10);
  assert_close (ls_result_get_baseline_flow (result, 0, UNK, AAA), 0);
  assert_close (ls_result_get_baseline_unknown_origin (result, 0), 40);
  assert_close (ls_result_get_baseline_unallocated (result, 0), 0);
  assert_close (ls_result_get_unknown_origin (result, 0), 40);

  ls_result_unref (result);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* Step 4 with U > N: the surplus that finds no need is unallocated and
 * stays with its producer, in proportion to u: AAA keeps 100 − 40 · 100/150. */
static void
test_completion_unallocated (void)
{
  LsDataset *dataset = ls_test_build_dataset (2, NULL, "",
                                      "mining AAA 100, mining BBB 50, separation CCC 40", "");
  LsScenario *scenario = ls_test_scenario_new ();
  LsResult *result = ls_test_compute (dataset, scenario);

  assert_close (ls_result_get_baseline_flow (result, 0, AAA, CCC), 100.0 * 40 / 150);
  assert_close (ls_result_get_baseline_flow (result, 0, BBB, CCC), 50.0 * 40 / 150);
  assert_close (ls_result_get_baseline_unallocated (result, 0), 110);
  assert_close (ls_result_get_unallocated (result, 0), 110);
  assert_close (ls_result_get_country_unallocated (result, 0, AAA), 100 - 100.0 * 40 / 150);
  assert_close (ls_result_get_country_unallocated (result, 0, BBB), 50 - 50.0 * 40 / 150);
  assert_close (ls_result_get_baseline_unknown_origin (result, 0), 0);

  ls_result_unref (result);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* Every baseline need is met, at every stage, with and without yields,
 * given flows and unknown origin. */
static void
test_completion_needs_met (void)
{
  LsDataset *dataset = ls_test_build_dataset (3, "1 0.25 0.8", "",
                                      "mining AAA 100, mining CHN 300, mining BBB 20, "
                                      "separation CHN 50, separation CCC 30, separation DDD 10, "
                                      "metal CHN 60, metal AAA 8",
                                      "mining CHN CHN 150, mining AAA CCC 40 e, "
                                      "separation CCC AAA 5");
  LsScenario *scenario = ls_test_scenario_new ();
  LsResult *result = ls_test_compute (dataset, scenario);

  for (guint s = 0; s + 1 < 3; s++)
    for (guint j = 0; j < 5; j++)
      {
        double in = 0;
        double need = ls_dataset_get_production (dataset, 2024, s + 1, j) /
                      ls_dataset_get_stage_yield (dataset, s + 1);

        for (guint i = 0; i <= 5; i++)
          in += ls_result_get_baseline_flow (result, s, i, j);
        assert_close (in, need);
      }

  /* Stage 1 → 2: needs CHN 75, AAA 10 (5 given from CCC). CHN serves
   * itself 50 first, leaving r CHN 25, AAA 5 (N = 30) against u CCC 25,
   * DDD 10 (U = 35): 5 unallocated, no unknown origin. */
  assert_close (ls_result_get_baseline_unknown_origin (result, 1), 0);
  assert_close (ls_result_get_baseline_unallocated (result, 1), 5);
  assert_close (ls_result_get_baseline_flow (result, 1, CHN, CHN), 50);

  ls_result_unref (result);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* Given flows keep their own flag; completed ones are estimated. Given
 * AAA→CCC 20 (published) and BBB→CCC 10 (estimated); CCC's other 70 are
 * completed from u AAA 30, BBB 40. */
static void
test_completion_estimated_flags (void)
{
  LsDataset *dataset = ls_test_build_dataset (2, NULL, "",
                                      "mining AAA 50, mining BBB 50, separation CCC 100, separation AAA 10",
                                      "mining AAA CCC 20, mining BBB CCC 10 e");
  LsScenario *scenario = ls_test_scenario_new ();
  LsResult *result = ls_test_compute (dataset, scenario);

  /* AAA serves itself 10 first (estimated); then u AAA 20, BBB 40,
   * r CCC 70, N = 70 > U = 60: F = u · 70 / 70. */
  assert_close (ls_result_get_baseline_flow (result, 0, AAA, AAA), 10);
  assert_close (ls_result_get_baseline_flow_estimated (result, 0, AAA, AAA), 10);
  assert_close (ls_result_get_baseline_flow (result, 0, AAA, CCC), 40);
  assert_close (ls_result_get_baseline_flow_estimated (result, 0, AAA, CCC), 20);
  assert_close (ls_result_get_baseline_flow (result, 0, BBB, CCC), 50);
  assert_close (ls_result_get_baseline_flow_estimated (result, 0, BBB, CCC), 50);
  assert_close (ls_result_get_baseline_flow (result, 0, UNK, CCC), 10);
  /* With no levers the scenario flows carry the same flags. */
  assert_close (ls_result_get_flow_estimated (result, 0, AAA, CCC), 20);
  assert_close (ls_result_get_flow_estimated (result, 0, BBB, CCC), 50);

  ls_result_unref (result);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* Names in the user's language come from the data's "names" objects. */
static void
test_dataset_localized_names (void)
{
  const char *json =
    "{\"format\": \"lodestone-dataset\", \"version\": 1, \"title\": \"t\",\n"
    " \"sources\": [{\"id\": \"s1\", \"title\": \"Source\"}],\n"
    " \"stages\": [{\"id\": \"mining\", \"name\": \"Mining\", \"names\": {\"ko\": \"채굴\"}, \"unit\": \"t\",\n"
    "              \"yield\": {\"value\": 1, \"source\": \"s1\"}},\n"
    "             {\"id\": \"separation\", \"name\": \"Separation\", \"unit\": \"t\",\n"
    "              \"yield\": {\"value\": 0.5, \"source\": \"s1\"}}],\n"
    " \"countries\": [{\"id\": \"KOR\", \"name\": \"South Korea\", \"names\": {\"ko\": \"대한민국\", \"de\": \"Südkorea\"},\n"
    "                 \"label\": {\"lat\": 1, \"lon\": 2}}],\n"
    " \"alliances\": [{\"id\": \"al\", \"name\": \"Alliance\", \"names\": {\"ko\": \"동맹\"}, \"members\": []}],\n"
    " \"years\": [{\"year\": 2024, \"production\": []}]}";
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));
  LsDataset *dataset;

  g_setenv ("LANGUAGE", "ko", TRUE);
  dataset = ls_test_load_dataset (json);
  g_assert_cmpstr (ls_dataset_get_country_name (dataset, 0), ==, "대한민국");
  g_assert_cmpstr (ls_dataset_get_stage_name (dataset, 0), ==, "채굴");
  g_assert_cmpstr (ls_dataset_get_stage_name (dataset, 1), ==, "Separation");
  g_assert_cmpstr (ls_dataset_get_alliance_name (dataset, 0), ==, "동맹");
  g_assert_finalize_object (dataset);

  g_setenv ("LANGUAGE", "fr", TRUE);
  dataset = ls_test_load_dataset (json);
  g_assert_cmpstr (ls_dataset_get_country_name (dataset, 0), ==, "South Korea");
  g_assert_finalize_object (dataset);

  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lodestone/model/dataset/localized-names", test_dataset_localized_names);
  g_test_add_func ("/lodestone/model/dataset/accessors", test_dataset_accessors);
  g_test_add_func ("/lodestone/model/dataset/no-china", test_dataset_no_china);
  g_test_add_func ("/lodestone/model/dataset/year-selection", test_dataset_year_selection);
  g_test_add_func ("/lodestone/model/dataset/rounding-tolerated", test_dataset_rounding_tolerated);
  g_test_add_func ("/lodestone/model/dataset/fixture-file", test_dataset_fixture_file);
  g_test_add_func ("/lodestone/model/completion/need-with-yield", test_completion_need_with_yield);
  g_test_add_func ("/lodestone/model/completion/given-flows", test_completion_given_flows);
  g_test_add_func ("/lodestone/model/completion/domestic-first", test_completion_domestic_first);
  g_test_add_func ("/lodestone/model/completion/domestic-skipped-when-given",
                   test_completion_domestic_skipped_when_given);
  g_test_add_func ("/lodestone/model/completion/unknown-origin", test_completion_unknown_origin);
  g_test_add_func ("/lodestone/model/completion/unallocated", test_completion_unallocated);
  g_test_add_func ("/lodestone/model/completion/needs-met", test_completion_needs_met);
  g_test_add_func ("/lodestone/model/completion/estimated-flags", test_completion_estimated_flags);

  return g_test_run ();
}
