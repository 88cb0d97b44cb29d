/* test-baseline.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The baseline: DESIGN.md "Import shares" and "Completing the flows", the
 * evidence of every flow, and the ranges derived shares get from the
 * ranges of the figures, on hand-computed tiny datasets. */

#include <math.h>

#include "ls-baseline.h"
#include "ls-dataset.h"
#include "ls-ranges.h"
#include "ls-result.h"
#include "ls-scenario.h"
#include "ls-test-utils.h"

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

/* DESIGN.md "Import shares". DDD's 40 t of oxide at Y = 0.5 need 80 t of
 * ore; it mines 30 and ships 10 to BBB (a tonnage flow), so its import
 * need is m = 80 − (30 − 10) = 60. Shares CHN 0.6 and unknown 0.25
 * resolve to CHN→DDD 36 and unknown→DDD 15; the other 15 % is completed
 * as usual. Completion then: r[DDD] = 80 − 51 = 29, domestic 20 (its ore
 * left after the given export), r = 9; r[BBB] = 20 − 10 = 10; surplus
 * AAA 100, CHN 200 − 36 = 164, U = 264 > N = 19: F = u · r / 264. */
static LsDataset *
build_import_shares (void)
{
  g_autofree char *json = ls_test_build_dataset_json_full (2, "1 0.5", "DDD",
                                                           "mining AAA 100, mining CHN 200, mining DDD 30, "
                                                           "separation DDD 40, separation BBB 10",
                                                           "mining DDD BBB 10",
                                                           "mining DDD CHN 0.6, mining DDD unknown 0.25");

  return ls_test_load_dataset (json);
}

static void
test_import_shares_resolve (void)
{
  LsDataset *dataset = build_import_shares ();
  LsScenario *scenario = ls_test_scenario_new ();
  LsResult *result = ls_test_compute (dataset, scenario);

  assert_close (ls_result_get_baseline_flow (result, 0, CHN, DDD), 36 + 164.0 * 9 / 264);
  assert_close (ls_result_get_baseline_flow (result, 0, UNK, DDD), 15);
  assert_close (ls_result_get_baseline_flow (result, 0, DDD, DDD), 20);
  assert_close (ls_result_get_baseline_flow (result, 0, AAA, DDD), 100.0 * 9 / 264);
  assert_close (ls_result_get_baseline_flow (result, 0, DDD, BBB), 10);
  assert_close (ls_result_get_baseline_flow (result, 0, AAA, BBB), 100.0 * 10 / 264);
  assert_close (ls_result_get_baseline_flow (result, 0, CHN, BBB), 164.0 * 10 / 264);
  assert_close (ls_result_get_baseline_unallocated (result, 0), 245);
  /* The unknown share is supply from "unknown", but not unknown origin
   * in DESIGN.md's sense (N − U): the data states it. */
  assert_close (ls_result_get_baseline_unknown_origin (result, 0), 0);
  assert_close (ls_result_get_unknown_supply (result, 0), 15);
  /* Every need is met: the separators make their output. */
  assert_close (ls_result_get_production (result, 1, DDD), 40);
  assert_close (ls_result_get_shortfall (result, 1, DDD), 0);

  ls_result_unref (result);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* Resolved flows are reported with the given ones, after them, marked
 * resolved and estimated; a share from "unknown" is a flow from the
 * pseudo-supplier. */
static void
test_import_shares_given_list (void)
{
  LsDataset *dataset = build_import_shares ();
  g_autoptr(LsBaseline) baseline = ls_baseline_new (dataset, 2024);
  const LsGivenFlow *flow;

  g_assert_cmpuint (ls_dataset_get_n_import_shares (dataset, 2024), ==, 1);
  g_assert_cmpuint (ls_dataset_get_import_shares (dataset, 2024, 0)->n_shares, ==, 2);
  g_assert_cmpuint (ls_baseline_get_n_given_flows (baseline), ==, 3);

  flow = ls_baseline_get_given_flow (baseline, 0);
  g_assert_false (flow->resolved);
  g_assert_cmpuint (flow->from, ==, DDD);
  g_assert_cmpuint (flow->to, ==, BBB);

  flow = ls_baseline_get_given_flow (baseline, 1);
  g_assert_true (flow->resolved);
  g_assert_true (flow->figure.estimated);
  g_assert_cmpuint (flow->from, ==, CHN);
  g_assert_cmpuint (flow->to, ==, DDD);
  assert_close (flow->figure.value, 36);

  flow = ls_baseline_get_given_flow (baseline, 2);
  g_assert_true (flow->resolved);
  g_assert_cmpuint (flow->from, ==, UNK);
  assert_close (flow->figure.value, 15);

  g_clear_pointer (&baseline, ls_baseline_unref);
  g_assert_finalize_object (dataset);
}

/* A resolved "unknown" flow is never scaled, restricted or re-routed
 * (DESIGN.md "Rebalancing"): cutting China off leaves it, and DDD's need
 * is met from AAA's surplus instead. */
static void
test_import_shares_unknown_kept (void)
{
  LsDataset *dataset = build_import_shares ();
  LsScenario *scenario = ls_test_scenario_new ();
  LsResult *result;

  ls_test_add_restriction (scenario, "mining", "CHN", "DDD", 1.0);
  result = ls_test_compute (dataset, scenario);

  assert_close (ls_result_get_flow (result, 0, UNK, DDD), 15);
  assert_close (ls_result_get_flow (result, 0, CHN, DDD), 0);
  assert_close (ls_result_get_flow (result, 0, AAA, DDD), 100.0 * 9 / 264 + 36 + 164.0 * 9 / 264);
  assert_close (ls_result_get_shortfall (result, 1, DDD), 0);

  ls_result_unref (result);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* Evidence of each flow and of the bloc's intake. CHN→DDD is 36 t
 * resolved from a share (estimated) and 164 · 9 / 264 t completed
 * (modelled); DDD→BBB is published. The bloc (DDD) takes in 80 t:
 * 51 estimated (36 + 15), 29 modelled (20 domestic + 9 completed). */
static void
test_evidence_split (void)
{
  LsDataset *dataset = build_import_shares ();
  LsScenario *scenario = ls_test_scenario_new ();
  LsEvidenceSplit split;
  LsResult *result;
  double modelled = 164.0 * 9 / 264;

  ls_scenario_set_alliance (scenario, "al", TRUE);
  result = ls_test_compute (dataset, scenario);

  ls_result_get_flow_evidence (result, 0, CHN, DDD, &split);
  assert_close (split.part[LS_EVIDENCE_PUBLISHED], 0);
  assert_close (split.part[LS_EVIDENCE_ESTIMATED], 36 / (36 + modelled));
  assert_close (split.part[LS_EVIDENCE_MODELLED], modelled / (36 + modelled));

  ls_result_get_flow_evidence (result, 0, DDD, BBB, &split);
  assert_close (split.part[LS_EVIDENCE_PUBLISHED], 1);

  g_assert_true (ls_result_get_dependency_evidence (result, 0, &split));
  assert_close (split.part[LS_EVIDENCE_PUBLISHED], 0);
  assert_close (split.part[LS_EVIDENCE_ESTIMATED], 51.0 / 80);
  assert_close (split.part[LS_EVIDENCE_MODELLED], 29.0 / 80);

  /* Output: every figure here is published. */
  ls_result_get_output_evidence (result, 0, -1, &split);
  assert_close (split.part[LS_EVIDENCE_PUBLISHED], 1);

  ls_result_unref (result);

  /* Output a lever adds is modelled: DDD mines 30 + 30. */
  ls_test_add_capacity (scenario, "mining", "DDD", 30);
  result = ls_test_compute (dataset, scenario);
  ls_result_get_output_evidence (result, 0, DDD, &split);
  assert_close (split.part[LS_EVIDENCE_PUBLISHED], 0.5);
  assert_close (split.part[LS_EVIDENCE_MODELLED], 0.5);

  ls_result_unref (result);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* The bloc's need split four ways (issue 13): DDD needs 80 t of ore; it
 * supplies 20 itself, China 36 + 164 · 9 / 264, the others (AAA and
 * unknown) 15 + 100 · 9 / 264; nothing is unmet. Cut China off entirely
 * and take AAA out: DDD gets its own 20, the unknown 15 and nothing else,
 * so 45 t are unmet. */
static void
test_need_split (void)
{
  LsDataset *dataset = build_import_shares ();
  LsScenario *scenario = ls_test_scenario_new ();
  LsNeedSplit split;
  LsResult *result;

  ls_scenario_set_alliance (scenario, "al", TRUE);
  result = ls_test_compute (dataset, scenario);

  g_assert_true (ls_result_get_need_split (result, 0, &split));
  assert_close (split.need, 80);
  assert_close (split.members, 20);
  assert_close (split.china, 36 + 164.0 * 9 / 264);
  assert_close (split.other, 15 + 100.0 * 9 / 264);
  assert_close (split.unmet, 0);
  g_assert_false (ls_result_get_need_split (result, 1, &split));
  ls_result_unref (result);

  ls_test_add_restriction (scenario, "mining", "CHN AAA", "DDD", 1.0);
  result = ls_test_compute (dataset, scenario);
  g_assert_true (ls_result_get_need_split (result, 0, &split));
  assert_close (split.need, 80);
  assert_close (split.members, 20);
  assert_close (split.china, 0);
  assert_close (split.other, 15);
  assert_close (split.unmet, 45);
  assert_close (ls_result_get_shortfall (result, 1, DDD), 45 * 0.5);

  ls_result_unref (result);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* A dataset of published figures only: every derived share rests on
 * published flows and output, and its range has no width. */
static void
test_evidence_published_only (void)
{
  LsDataset *dataset = ls_test_build_dataset (2, NULL, "BBB", "mining AAA 100, separation BBB 60",
                                              "mining AAA BBB 60");
  LsScenario *scenario = ls_test_scenario_new ();
  g_autoptr(LsBaseline) baseline = ls_baseline_new (dataset, 2024);
  g_autoptr(LsRanges) ranges = NULL;
  g_autoptr(GError) error = NULL;
  LsEvidenceSplit split;
  LsResult *result;
  double low, high;

  ls_scenario_set_alliance (scenario, "al", TRUE);
  result = ls_result_new_for_baseline (baseline, scenario, &error);
  g_assert_no_error (error);

  g_assert_true (ls_result_get_dependency_evidence (result, 0, &split));
  assert_close (split.part[LS_EVIDENCE_PUBLISHED], 1);
  ls_result_get_output_evidence (result, 0, -1, &split);
  assert_close (split.part[LS_EVIDENCE_PUBLISHED], 1);
  ls_result_get_output_evidence (result, 1, -1, &split);
  assert_close (split.part[LS_EVIDENCE_PUBLISHED], 1);

  ranges = ls_ranges_new (baseline, scenario, LS_RANGES_DEFAULT_SAMPLES, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ls_ranges_is_exact (ranges));
  g_assert_cmpuint (ls_ranges_get_n_samples (ranges), ==, 0);
  g_assert_true (ls_ranges_get_dependency (ranges, 0, &low, &high));
  assert_close (low, 1);
  assert_close (high, 1);
  ls_ranges_get_share (ranges, 0, AAA, &low, &high);
  g_assert_cmpfloat (low, ==, high);

  ls_result_unref (result);
  g_clear_pointer (&baseline, ls_baseline_unref);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* Ranges carry through: AAA mines a ∈ [80, 120] (mode 100), CCC 50; the
 * bloc {AAA, BBB} needs 60 t for BBB's separation, shared pro rata, so
 * its dependency is 50 / (a + 50), between 0.294 and 0.385, and 1/3 at
 * the figure itself. Seeded draws give the same range every time. */
static void
test_ranges_propagate (void)
{
  LsDataset *dataset = ls_test_build_dataset (2, NULL, "AAA BBB",
                                              "mining AAA 100 80:120, mining CCC 50, separation BBB 60", "");
  LsScenario *scenario = ls_test_scenario_new ();
  g_autoptr(LsBaseline) baseline = ls_baseline_new (dataset, 2024);
  g_autoptr(LsRanges) ranges = NULL;
  g_autoptr(LsRanges) again = NULL;
  g_autoptr(GError) error = NULL;
  double low, high, low2, high2;

  ls_scenario_set_alliance (scenario, "al", TRUE);
  ranges = ls_ranges_new (baseline, scenario, LS_RANGES_DEFAULT_SAMPLES, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (ls_ranges_is_exact (ranges));

  g_assert_true (ls_ranges_get_dependency (ranges, 0, &low, &high));
  g_assert_cmpfloat (low, <, 1.0 / 3 - 0.01);
  g_assert_cmpfloat (high, >, 1.0 / 3 + 0.01);
  g_assert_cmpfloat (low, >=, 50.0 / 170 - 1e-9);
  g_assert_cmpfloat (high, <=, 50.0 / 130 + 1e-9);

  ls_ranges_get_share (ranges, 0, AAA, &low, &high);
  g_assert_cmpfloat (low, <, 2.0 / 3);
  g_assert_cmpfloat (high, >, 2.0 / 3);
  g_assert_cmpfloat (low, >=, 80.0 / 130 - 1e-9);
  g_assert_cmpfloat (high, <=, 120.0 / 170 + 1e-9);

  again = ls_ranges_new (baseline, scenario, LS_RANGES_DEFAULT_SAMPLES, NULL, &error);
  g_assert_no_error (error);
  ls_ranges_get_dependency (ranges, 0, &low, &high);
  ls_ranges_get_dependency (again, 0, &low2, &high2);
  g_assert_cmpfloat (low, ==, low2);
  g_assert_cmpfloat (high, ==, high2);

  g_clear_pointer (&baseline, ls_baseline_unref);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* Ranges of import shares: China's share of DDD's imports drawn from
 * [0.5, 0.7] moves the bloc's dependency on China; a draw above 1 in sum
 * takes from "unknown" first, so no draw ever breaks Σ ≤ 1. */
static void
test_ranges_import_shares (void)
{
  g_autofree char *json = ls_test_build_dataset_json_full (2, "1 0.5", "DDD",
                                                           "mining CHN 200, mining DDD 30, separation DDD 40",
                                                           "",
                                                           "mining DDD CHN 0.6 0.5:0.9, mining DDD unknown 0.4");
  LsDataset *dataset = ls_test_load_dataset (json);
  LsScenario *scenario = ls_test_scenario_new ();
  g_autoptr(LsBaseline) baseline = ls_baseline_new (dataset, 2024);
  g_autoptr(LsRanges) ranges = NULL;
  g_autoptr(GError) error = NULL;
  LsNeedSplit low, high;

  ls_scenario_set_alliance (scenario, "al", TRUE);
  ranges = ls_ranges_new (baseline, scenario, LS_RANGES_DEFAULT_SAMPLES, NULL, &error);
  g_assert_no_error (error);

  /* m = 80 − 30 = 50; China supplies 0.6 · 50 = 30 of 80 at the figure.
   * A lower draw leaves a gap only China has surplus to fill, so China's
   * part never falls below 30; a higher one squeezes "unknown". */
  g_assert_true (ls_ranges_get_need_split (ranges, 0, &low, &high));
  g_assert_cmpfloat (fabs (low.china - 30.0 / 80), <, 1e-9);
  g_assert_cmpfloat (high.china, >, 30.0 / 80 + 0.01);
  g_assert_cmpfloat (low.other, <, 20.0 / 80 - 0.01);
  g_assert_cmpfloat (low.china, >=, 25.0 / 80 - 1e-9);
  g_assert_cmpfloat (high.china, <=, 45.0 / 80 + 1e-9);
  /* Whatever the draw, the need is met: unknown gives way. */
  assert_close (high.unmet, 0);

  g_clear_pointer (&baseline, ls_baseline_unref);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lodestone/model/baseline/completion/need-with-yield", test_completion_need_with_yield);
  g_test_add_func ("/lodestone/model/baseline/completion/given-flows", test_completion_given_flows);
  g_test_add_func ("/lodestone/model/baseline/completion/domestic-first", test_completion_domestic_first);
  g_test_add_func ("/lodestone/model/baseline/completion/domestic-skipped-when-given",
                   test_completion_domestic_skipped_when_given);
  g_test_add_func ("/lodestone/model/baseline/completion/unknown-origin", test_completion_unknown_origin);
  g_test_add_func ("/lodestone/model/baseline/completion/unallocated", test_completion_unallocated);
  g_test_add_func ("/lodestone/model/baseline/completion/needs-met", test_completion_needs_met);
  g_test_add_func ("/lodestone/model/baseline/completion/estimated-flags", test_completion_estimated_flags);
  g_test_add_func ("/lodestone/model/baseline/import-shares/resolve", test_import_shares_resolve);
  g_test_add_func ("/lodestone/model/baseline/import-shares/given-list", test_import_shares_given_list);
  g_test_add_func ("/lodestone/model/baseline/import-shares/unknown-kept", test_import_shares_unknown_kept);
  g_test_add_func ("/lodestone/model/baseline/evidence/split", test_evidence_split);
  g_test_add_func ("/lodestone/model/baseline/evidence/published-only", test_evidence_published_only);
  g_test_add_func ("/lodestone/model/baseline/need-split", test_need_split);
  g_test_add_func ("/lodestone/model/baseline/ranges/propagate", test_ranges_propagate);
  g_test_add_func ("/lodestone/model/baseline/ranges/import-shares", test_ranges_import_shares);

  return g_test_run ();
}
