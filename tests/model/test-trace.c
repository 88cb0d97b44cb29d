/* test-trace.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* DESIGN.md "Shares reported": world shares, bloc/China/rest, HHI and
 * top-3, the bloc's dependency by supplier, and traced origin. */

#include <math.h>

#include "ls-dataset.h"
#include "ls-result.h"
#include "ls-scenario.h"
#include "ls-test-utils.h"

/* Mining 10, 20, 30, 40 t: shares 0.1–0.4; HHI = 100 + 400 + 900 + 1600;
 * top-3 = CHN, CCC, BBB = 0.9. Bloc AAA, BBB: 0.3; China 0.4; rest 0.3. */
#define SHARES_DATA "mining AAA 10, mining BBB 20, mining CCC 30, mining CHN 40, separation DDD 5"

static void
test_shares_world (void)
{
  LsDataset *dataset = ls_test_build_dataset (2, NULL, "AAA BBB", SHARES_DATA, "");
  LsScenario *scenario = ls_test_scenario_new ();
  LsResult *result;
  double sum = 0;
  guint top3[3] = { 99, 99, 99 };

  ls_scenario_set_alliance (scenario, "al", TRUE);
  result = ls_test_compute (dataset, scenario);

  assert_close (ls_result_get_stage_total (result, 0), 100);
  assert_close (ls_result_get_share (result, 0, AAA), 0.1);
  assert_close (ls_result_get_share (result, 0, BBB), 0.2);
  assert_close (ls_result_get_share (result, 0, CCC), 0.3);
  assert_close (ls_result_get_share (result, 0, DDD), 0);
  assert_close (ls_result_get_share (result, 0, CHN), 0.4);
  for (guint c = 0; c < 5; c++)
    sum += ls_result_get_share (result, 0, c);
  assert_close (sum, 1);
  assert_close (ls_result_get_share (result, 1, DDD), 1);

  assert_close (ls_result_get_bloc_share (result, 0), 0.3);
  assert_close (ls_result_get_china_share (result, 0), 0.4);
  assert_close (ls_result_get_rest_share (result, 0), 0.3);
  assert_close (ls_result_get_hhi (result, 0), 3000);
  assert_close (ls_result_get_hhi (result, 1), 10000);
  assert_close (ls_result_get_top3_share (result, 0, top3), 0.9);
  g_assert_cmpuint (top3[0], ==, CHN);
  g_assert_cmpuint (top3[1], ==, CCC);
  g_assert_cmpuint (top3[2], ==, BBB);

  ls_result_unref (result);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* README.md: with China in the bloc, rest = 1 − bloc. */
static void
test_shares_china_in_bloc (void)
{
  LsDataset *dataset = ls_test_build_dataset (2, NULL, "AAA BBB", SHARES_DATA, "");
  LsScenario *scenario = ls_test_scenario_new ();
  LsResult *result;

  ls_scenario_set_alliance (scenario, "al", TRUE);
  ls_scenario_set_membership (scenario, "CHN", LS_MEMBERSHIP_ADDED);
  ls_scenario_set_membership (scenario, "AAA", LS_MEMBERSHIP_REMOVED);
  result = ls_test_compute (dataset, scenario);

  g_assert_true (ls_result_is_member (result, CHN));
  g_assert_false (ls_result_is_member (result, AAA));
  g_assert_cmpuint (ls_result_get_n_members (result), ==, 2);
  assert_close (ls_result_get_bloc_share (result, 0), 0.6);
  assert_close (ls_result_get_china_share (result, 0), 0.4);
  assert_close (ls_result_get_rest_share (result, 0), 0.4);

  ls_result_unref (result);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* Shares follow the scenario's output: AAA +60 t makes the world 160 t. */
static void
test_shares_scenario_output (void)
{
  LsDataset *dataset = ls_test_build_dataset (2, NULL, "AAA BBB", SHARES_DATA, "");
  LsScenario *scenario = ls_test_scenario_new ();
  LsResult *result;
  guint top3[3];

  ls_test_add_capacity (scenario, "mining", "AAA", 60);
  result = ls_test_compute (dataset, scenario);

  assert_close (ls_result_get_stage_total (result, 0), 160);
  assert_close (ls_result_get_share (result, 0, AAA), 70.0 / 160);
  assert_close (ls_result_get_china_share (result, 0), 40.0 / 160);
  /* No alliance chosen: the bloc is empty. */
  g_assert_cmpuint (ls_result_get_n_members (result), ==, 0);
  assert_close (ls_result_get_bloc_share (result, 0), 0);
  assert_close (ls_result_get_rest_share (result, 0), 120.0 / 160);
  assert_close (ls_result_get_hhi (result, 0),
                10000 * (70.0 * 70 + 20 * 20 + 30 * 30 + 40 * 40) / (160.0 * 160));
  assert_close (ls_result_get_top3_share (result, 0, top3), 140.0 / 160);
  g_assert_cmpuint (top3[0], ==, AAA);

  ls_result_unref (result);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* Dependency: bloc AAA, CCC. CCC needs 100 t; AAA 40 and BBB 30 are
 * all the world's mining: flows 40, 30 and 30 from unknown. Intake 100,
 * of which BBB 30 and unknown 30 are from non-members: 0.6. */
static void
test_dependency_by_supplier (void)
{
  LsDataset *dataset = ls_test_build_dataset (2, NULL, "AAA CCC", "mining AAA 40, mining BBB 30, separation CCC 100", "");
  LsScenario *scenario = ls_test_scenario_new ();
  LsResult *result;
  double share = -1;

  ls_scenario_set_alliance (scenario, "al", TRUE);
  result = ls_test_compute (dataset, scenario);

  assert_close (ls_result_get_bloc_intake (result, 0), 100);
  g_assert_true (ls_result_get_dependency (result, 0, &share));
  assert_close (share, 0.6);
  assert_close (ls_result_get_dependency_on (result, 0, BBB), 0.3);
  assert_close (ls_result_get_dependency_on (result, 0, UNK), 0.3);
  assert_close (ls_result_get_dependency_on (result, 0, AAA), 0);
  /* BBB and unknown tie at 0.3: the first in the dataset's order wins. */
  g_assert_cmpuint (ls_result_get_top_supplier (result, 0, &share), ==, BBB);
  assert_close (share, 0.3);
  /* The last stage has no dependency, and no top supplier. */
  g_assert_false (ls_result_get_dependency (result, 1, &share));
  g_assert_cmpuint (ls_result_get_top_supplier (result, 1, NULL), ==, G_MAXUINT);

  ls_result_unref (result);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* Members' domestic flows count as intake from members. AAA (member)
 * separates 50 from its own 50 t and imports 50 from BBB. */
static void
test_dependency_domestic (void)
{
  LsDataset *dataset = ls_test_build_dataset (2, NULL, "AAA", "mining AAA 50, mining BBB 100, separation AAA 100", "");
  LsScenario *scenario = ls_test_scenario_new ();
  LsResult *result;
  double share = -1;

  ls_scenario_set_alliance (scenario, "al", TRUE);
  result = ls_test_compute (dataset, scenario);

  assert_close (ls_result_get_flow (result, 0, AAA, AAA), 50);
  assert_close (ls_result_get_bloc_intake (result, 0), 100);
  g_assert_true (ls_result_get_dependency (result, 0, &share));
  assert_close (share, 0.5);
  assert_close (ls_result_get_dependency_on (result, 0, BBB), 0.5);

  ls_result_unref (result);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* An empty bloc, or one that takes in nothing, has no dependency. */
static void
test_dependency_undefined (void)
{
  LsDataset *dataset = ls_test_build_dataset (2, NULL, "AAA", "mining AAA 40, mining BBB 30, separation CCC 100", "");
  LsScenario *scenario = ls_test_scenario_new ();
  LsResult *result;
  double share = -1;

  result = ls_test_compute (dataset, scenario);
  g_assert_cmpuint (ls_result_get_n_members (result), ==, 0);
  g_assert_false (ls_result_get_dependency (result, 0, &share));
  ls_result_unref (result);

  /* AAA mines but separates nothing: its intake of mined REO is 0. */
  ls_scenario_set_alliance (scenario, "al", TRUE);
  result = ls_test_compute (dataset, scenario);
  g_assert_cmpuint (ls_result_get_n_members (result), ==, 1);
  assert_close (ls_result_get_bloc_intake (result, 0), 0);
  g_assert_false (ls_result_get_dependency (result, 0, &share));
  ls_result_unref (result);

  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* Traced origin on a 3-stage chain with given flows. Mining: AAA→CCC 40,
 * BBB→CCC 10, AAA→DDD 20, BBB→DDD 30, so CCC's oxide is 0.8 AAA /
 * 0.2 BBB and DDD's 0.4 / 0.6. The bloc (AAA) makes 80 t of metal from
 * CCC 50 and DDD 30: at the separation stage its intake is 5/8 CCC,
 * 3/8 DDD; at the mining stage (50 · 0.8 + 30 · 0.4) / 80 = 0.65 AAA and
 * 0.35 BBB. */
static void
test_traced_origin_chain (void)
{
  LsDataset *dataset = ls_test_build_dataset (3, NULL, "AAA",
                                      "mining AAA 60, mining BBB 40, separation CCC 50, separation DDD 50, "
                                      "metal AAA 80",
                                      "mining AAA CCC 40, mining BBB CCC 10, mining AAA DDD 20, mining BBB DDD 30, "
                                      "separation CCC AAA 50, separation DDD AAA 30");
  LsScenario *scenario = ls_test_scenario_new ();
  LsResult *result;
  double share = -1;

  ls_scenario_set_alliance (scenario, "al", TRUE);
  result = ls_test_compute (dataset, scenario);

  assert_close (ls_result_get_country_origin (result, 0, AAA, 0, AAA), 1);
  assert_close (ls_result_get_country_origin (result, 1, CCC, 0, AAA), 0.8);
  assert_close (ls_result_get_country_origin (result, 1, CCC, 0, BBB), 0.2);
  assert_close (ls_result_get_country_origin (result, 1, DDD, 0, AAA), 0.4);
  assert_close (ls_result_get_country_origin (result, 1, DDD, 0, BBB), 0.6);
  assert_close (ls_result_get_country_origin (result, 1, CCC, 1, CCC), 1);
  assert_close (ls_result_get_country_origin (result, 1, CCC, 1, DDD), 0);

  assert_close (ls_result_get_bloc_intake (result, 1), 80);
  assert_close (ls_result_get_traced_origin (result, 1, 1, CCC), 0.625);
  assert_close (ls_result_get_traced_origin (result, 1, 1, DDD), 0.375);
  assert_close (ls_result_get_traced_origin (result, 1, 0, AAA), 0.65);
  assert_close (ls_result_get_traced_origin (result, 1, 0, BBB), 0.35);
  for (guint k = 0; k < 2; k++)
    {
      double sum = 0;

      for (guint c = 0; c <= 5; c++)
        sum += ls_result_get_traced_origin (result, 1, k, c);
      assert_close (sum, 1);
    }

  /* The bloc takes in no mined REO, and every separator is outside it. */
  g_assert_false (ls_result_get_dependency (result, 0, &share));
  g_assert_true (ls_result_get_dependency (result, 1, &share));
  assert_close (share, 1);

  ls_result_unref (result);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* Four stages: the bloc (AAA) makes magnets from CHN's metal; CHN's
 * metal is 0.8 CCC / 0.2 DDD oxide; CCC's oxide is 0.75 AAA / 0.25 BBB
 * ore, DDD's 0.25 / 0.75. At the metal stage the bloc's intake traces to
 * mining as 0.8 · 0.75 + 0.2 · 0.25 = 0.65 AAA and 0.35 BBB. */
static void
test_traced_origin_four_stages (void)
{
  LsDataset *dataset = ls_test_build_dataset (4, NULL, "AAA",
                                      "mining AAA 100, mining BBB 100, separation CCC 100, separation DDD 100, "
                                      "metal CHN 100, magnets AAA 100",
                                      "mining AAA CCC 75, mining BBB CCC 25, mining AAA DDD 25, mining BBB DDD 75, "
                                      "separation CCC CHN 80, separation DDD CHN 20");
  LsScenario *scenario = ls_test_scenario_new ();
  LsResult *result;

  ls_scenario_set_alliance (scenario, "al", TRUE);
  result = ls_test_compute (dataset, scenario);

  assert_close (ls_result_get_flow (result, 2, CHN, AAA), 100);
  assert_close (ls_result_get_country_origin (result, 2, CHN, 1, CCC), 0.8);
  assert_close (ls_result_get_country_origin (result, 2, CHN, 0, AAA), 0.65);
  assert_close (ls_result_get_country_origin (result, 3, AAA, 0, BBB), 0.35);
  assert_close (ls_result_get_traced_origin (result, 2, 2, CHN), 1);
  assert_close (ls_result_get_traced_origin (result, 2, 1, CCC), 0.8);
  assert_close (ls_result_get_traced_origin (result, 2, 1, DDD), 0.2);
  assert_close (ls_result_get_traced_origin (result, 2, 0, AAA), 0.65);
  assert_close (ls_result_get_traced_origin (result, 2, 0, BBB), 0.35);

  ls_result_unref (result);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* `unknown` is its own origin: CCC's 50 t of oxide come 30 from AAA's ore
 * and 20 of unknown origin, so DDD's (bloc) metal traces 0.6 to AAA and
 * 0.4 to unknown at the mining stage. */
static void
test_traced_origin_unknown (void)
{
  LsDataset *dataset = ls_test_build_dataset (3, NULL, "DDD", "mining AAA 30, separation CCC 50, metal DDD 50", "");
  LsScenario *scenario = ls_test_scenario_new ();
  LsResult *result;

  ls_scenario_set_alliance (scenario, "al", TRUE);
  result = ls_test_compute (dataset, scenario);

  assert_close (ls_result_get_flow (result, 0, UNK, CCC), 20);
  assert_close (ls_result_get_country_origin (result, 1, CCC, 0, AAA), 0.6);
  assert_close (ls_result_get_country_origin (result, 1, CCC, 0, UNK), 0.4);
  assert_close (ls_result_get_traced_origin (result, 1, 0, AAA), 0.6);
  assert_close (ls_result_get_traced_origin (result, 1, 0, UNK), 0.4);
  assert_close (ls_result_get_traced_origin (result, 1, 1, CCC), 1);

  ls_result_unref (result);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* Traced origin follows the scenario's flows. Baseline: CCC's 40 t of
 * oxide are fed AAA 10 (given) and CHN 30 (completed): 0.25 / 0.75, and
 * the bloc (DDD), fed by CCC only, traces the same. */
static void
test_traced_origin_mix_follows_scenario (void)
{
  LsDataset *dataset = ls_test_build_dataset (3, NULL, "DDD",
                                      "mining AAA 10, mining CHN 100, separation CCC 40, metal DDD 40",
                                      "mining AAA CCC 10");
  LsScenario *scenario = ls_test_scenario_new ();
  LsResult *result;

  ls_scenario_set_alliance (scenario, "al", TRUE);
  result = ls_test_compute (dataset, scenario);

  assert_close (ls_result_get_traced_origin (result, 1, 0, AAA), 0.25);
  assert_close (ls_result_get_traced_origin (result, 1, 0, CHN), 0.75);
  ls_result_unref (result);

  /* Cut China's mining to 20 t: CHN→CCC 30 → 6 (step 2); CHN's 14 t of
   * surplus go to CCC (step 5), which makes 10 + 20 = 30 t: 1/3 AAA,
   * 2/3 CHN; DDD's metal traces the same. */
  ls_test_add_capacity (scenario, "mining", "CHN", -80);
  result = ls_test_compute (dataset, scenario);

  assert_close (ls_result_get_flow (result, 0, CHN, CCC), 20);
  assert_close (ls_result_get_production (result, 1, CCC), 30);
  assert_close (ls_result_get_flow (result, 1, CCC, DDD), 30);
  assert_close (ls_result_get_traced_origin (result, 1, 0, AAA), 1.0 / 3);
  assert_close (ls_result_get_traced_origin (result, 1, 0, CHN), 2.0 / 3);

  ls_result_unref (result);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lodestone/model/shares/world", test_shares_world);
  g_test_add_func ("/lodestone/model/shares/china-in-bloc", test_shares_china_in_bloc);
  g_test_add_func ("/lodestone/model/shares/scenario-output", test_shares_scenario_output);
  g_test_add_func ("/lodestone/model/dependency/by-supplier", test_dependency_by_supplier);
  g_test_add_func ("/lodestone/model/dependency/domestic", test_dependency_domestic);
  g_test_add_func ("/lodestone/model/dependency/undefined", test_dependency_undefined);
  g_test_add_func ("/lodestone/model/trace/chain", test_traced_origin_chain);
  g_test_add_func ("/lodestone/model/trace/four-stages", test_traced_origin_four_stages);
  g_test_add_func ("/lodestone/model/trace/unknown", test_traced_origin_unknown);
  g_test_add_func ("/lodestone/model/trace/scenario", test_traced_origin_mix_follows_scenario);

  return g_test_run ();
}
