/* test-rebalance.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* DESIGN.md "Rebalancing", one rule at a time, with the expected numbers
 * worked out by hand in the comments (README.md's readings where DESIGN.md
 * leaves a choice). */

#include <math.h>

#include "ls-dataset.h"
#include "ls-result.h"
#include "ls-scenario.h"
#include "ls-test-utils.h"

typedef struct
{
  LsDataset  *dataset;
  LsScenario *scenario;
  LsResult   *result;
} Case;

static void
case_compute (Case *c)
{
  g_clear_pointer (&c->result, ls_result_unref);
  c->result = ls_test_compute (c->dataset, c->scenario);
}

static void
case_clear (Case *c)
{
  g_clear_pointer (&c->result, ls_result_unref);
  g_assert_finalize_object (g_steal_pointer (&c->scenario));
  g_assert_finalize_object (g_steal_pointer (&c->dataset));
}

/* No levers and φ = 0: the scenario equals the baseline, on a 3-stage
 * dataset with yields, given flows, domestic flows, unallocated output and
 * unknown origin, and with a non-empty bloc (the bloc is not a lever). */
static void
test_no_levers_is_baseline (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (3, "1 0.25 0.8", "AAA CCC",
                             "mining AAA 100, mining CHN 300, mining BBB 20, "
                             "separation CHN 50, separation CCC 30, separation DDD 10, "
                             "metal CHN 60, metal AAA 8, metal DDD 30",
                             "mining CHN CHN 150, mining AAA CCC 40 e, separation CCC AAA 5");
  c.scenario = ls_test_scenario_new ();
  ls_scenario_set_alliance (c.scenario, "al", TRUE);
  g_assert_false (ls_scenario_has_levers (c.scenario));
  case_compute (&c);

  g_assert_cmpuint (ls_result_get_n_members (c.result), ==, 2);
  for (guint s = 0; s < 3; s++)
    {
      for (guint j = 0; j < 5; j++)
        {
          double base = ls_result_get_baseline_production (c.result, s, j);

          g_assert_cmpfloat_with_epsilon (base, ls_dataset_get_production (c.dataset, 2024, s, j), 1e-12);
          g_assert_cmpfloat_with_epsilon (ls_result_get_production (c.result, s, j), base,
                                          1e-12 * MAX (1, base));
          g_assert_cmpfloat_with_epsilon (ls_result_get_shortfall (c.result, s, j), 0, 1e-12);
        }
      if (s + 1 == 3)
        break;
      for (guint i = 0; i <= 5; i++)
        for (guint j = 0; j < 5; j++)
          {
            double base = ls_result_get_baseline_flow (c.result, s, i, j);

            g_assert_cmpfloat_with_epsilon (ls_result_get_flow (c.result, s, i, j), base,
                                            1e-12 * MAX (1, base));
          }
      g_assert_cmpfloat_with_epsilon (ls_result_get_unallocated (c.result, s),
                                      ls_result_get_baseline_unallocated (c.result, s), 1e-9);
      g_assert_cmpfloat_with_epsilon (ls_result_get_unknown_origin (c.result, s),
                                      ls_result_get_baseline_unknown_origin (c.result, s), 1e-9);
    }
  /* The loops above compare something: stage 0 → 1 leaves 60 t
   * unallocated (r CHN 50, CCC 80, DDD 40 against u AAA 60, CHN 150,
   * BBB 20), stage 1 → 2 has 32.5 t of unknown origin (needs CHN 75,
   * AAA 10 − 5 given, DDD 37.5; CHN and DDD serve themselves 50 and 10;
   * only CCC's 25 t are spare). */
  assert_close (ls_result_get_baseline_unallocated (c.result, 0), 60);
  assert_close (ls_result_get_baseline_unknown_origin (c.result, 1), 32.5);
  assert_close (ls_result_get_baseline_flow (c.result, 1, UNK, DDD), 27.5 * 32.5 / 57.5);

  case_clear (&c);
}

/* Step 1 and step 5: AAA's mining cut by 50 t halves AAA→CCC (60 → 30);
 * CCC's remaining need of 30 is re-routed from the surpluses of AAA (20)
 * and BBB (20), pro rata: 15 each. */
static void
test_capacity_first_stage (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (2, NULL, "", "mining AAA 100, mining BBB 50, separation CCC 90", "");
  c.scenario = ls_test_scenario_new ();
  ls_test_add_capacity (c.scenario, "mining", "AAA", -50);
  g_assert_true (ls_scenario_has_levers (c.scenario));
  case_compute (&c);

  assert_close (ls_result_get_baseline_flow (c.result, 0, AAA, CCC), 60);
  assert_close (ls_result_get_baseline_flow (c.result, 0, BBB, CCC), 30);
  assert_close (ls_result_get_production (c.result, 0, AAA), 50);
  assert_close (ls_result_get_flow (c.result, 0, AAA, CCC), 45);
  assert_close (ls_result_get_flow (c.result, 0, BBB, CCC), 45);
  assert_close (ls_result_get_production (c.result, 1, CCC), 90);
  assert_close (ls_result_get_shortfall (c.result, 1, CCC), 0);
  assert_close (ls_result_get_unallocated (c.result, 0), 10);
  assert_close (ls_result_get_country_unallocated (c.result, 0, AAA), 5);
  assert_close (ls_result_get_country_unallocated (c.result, 0, BBB), 5);

  case_clear (&c);
}

/* Step 1's max(0, …): a cut of 150 t from 100 t leaves 0, not −50. BBB
 * re-routes its 20 t of surplus; CCC ends 40 t short (step 7). */
static void
test_capacity_clamp (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (2, NULL, "", "mining AAA 100, mining BBB 50, separation CCC 90", "");
  c.scenario = ls_test_scenario_new ();
  ls_test_add_capacity (c.scenario, "mining", "AAA", -150);
  case_compute (&c);

  assert_close (ls_result_get_production (c.result, 0, AAA), 0);
  assert_close (ls_result_get_flow (c.result, 0, AAA, CCC), 0);
  assert_close (ls_result_get_flow (c.result, 0, BBB, CCC), 50);
  assert_close (ls_result_get_target (c.result, 1, CCC), 90);
  assert_close (ls_result_get_production (c.result, 1, CCC), 50);
  assert_close (ls_result_get_shortfall (c.result, 1, CCC), 40);
  assert_close (ls_result_get_stage_shortfall (c.result, 1), 40);
  assert_close (ls_result_get_stage_total (c.result, 0), 50);
  assert_close (ls_result_get_unallocated (c.result, 0), 0);

  case_clear (&c);
}

/* Step 7 cascading through step 2: mining 100 → 60 leaves BBB 40 t short
 * of separated oxide; BBB's outflow is scaled by 60/100 at the next stage,
 * and CCC is 40 t short of metal too. */
static void
test_shortfall_cascades (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (3, NULL, "", "mining AAA 100, separation BBB 100, metal CCC 100", "");
  c.scenario = ls_test_scenario_new ();
  ls_test_add_capacity (c.scenario, "mining", "AAA", -40);
  case_compute (&c);

  assert_close (ls_result_get_flow (c.result, 0, AAA, BBB), 60);
  assert_close (ls_result_get_production (c.result, 1, BBB), 60);
  assert_close (ls_result_get_shortfall (c.result, 1, BBB), 40);
  assert_close (ls_result_get_flow (c.result, 1, BBB, CCC), 60);
  assert_close (ls_result_get_production (c.result, 2, CCC), 60);
  assert_close (ls_result_get_shortfall (c.result, 2, CCC), 40);
  assert_close (ls_result_get_stage_shortfall (c.result, 2), 40);

  case_clear (&c);
}

/* Step 2 at a later stage: BBB's separation target cut by 20 t caps AAA→BBB
 * at 30 (step 4); BBB's metal-stage outflow then scales by 30/50. */
static void
test_scaling_middle_stage (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (3, NULL, "",
                             "mining AAA 100, separation BBB 50, separation CCC 50, metal DDD 100", "");
  c.scenario = ls_test_scenario_new ();
  ls_test_add_capacity (c.scenario, "separation", "BBB", -20);
  case_compute (&c);

  assert_close (ls_result_get_baseline_flow (c.result, 1, BBB, DDD), 50);
  assert_close (ls_result_get_flow (c.result, 0, AAA, BBB), 30);
  assert_close (ls_result_get_flow (c.result, 0, AAA, CCC), 50);
  assert_close (ls_result_get_country_unallocated (c.result, 0, AAA), 20);
  assert_close (ls_result_get_production (c.result, 1, BBB), 30);
  assert_close (ls_result_get_shortfall (c.result, 1, BBB), 0);
  assert_close (ls_result_get_flow (c.result, 1, BBB, DDD), 30);
  assert_close (ls_result_get_flow (c.result, 1, CCC, DDD), 50);
  assert_close (ls_result_get_production (c.result, 2, DDD), 80);
  assert_close (ls_result_get_shortfall (c.result, 2, DDD), 20);

  case_clear (&c);
}

/* Step 2's "0 when P is 0": BBB mined nothing in the baseline, so its new
 * 30 t have no flow to scale and are surplus; CCC's target rises by 20 t
 * (step 4) and takes 20 of them (step 5). */
static void
test_zero_baseline_output_is_surplus (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (2, NULL, "", "mining AAA 100, separation CCC 100", "");
  c.scenario = ls_test_scenario_new ();
  ls_test_add_capacity (c.scenario, "mining", "BBB", 30);
  ls_test_add_capacity (c.scenario, "separation", "CCC", 20);
  case_compute (&c);

  assert_close (ls_result_get_production (c.result, 0, BBB), 30);
  assert_close (ls_result_get_flow (c.result, 0, AAA, CCC), 100);
  assert_close (ls_result_get_flow (c.result, 0, BBB, CCC), 20);
  assert_close (ls_result_get_target (c.result, 1, CCC), 120);
  assert_close (ls_result_get_production (c.result, 1, CCC), 120);
  assert_close (ls_result_get_country_unallocated (c.result, 0, BBB), 10);
  assert_close (ls_result_get_unallocated (c.result, 0), 10);

  case_clear (&c);
}

/* Step 7's min: a separation expansion with no feed to spare stays unmet. */
static void
test_target_capped_by_input (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (2, "1 0.5", "", "mining AAA 200, separation CCC 100", "");
  c.scenario = ls_test_scenario_new ();
  ls_test_add_capacity (c.scenario, "separation", "CCC", 50);
  case_compute (&c);

  assert_close (ls_result_get_target (c.result, 1, CCC), 150);
  assert_close (ls_result_get_flow (c.result, 0, AAA, CCC), 200);
  assert_close (ls_result_get_production (c.result, 1, CCC), 100);
  assert_close (ls_result_get_shortfall (c.result, 1, CCC), 50);

  case_clear (&c);
}

/* Baseline for the restriction cases: AAA and BBB mine 100 each, CCC and
 * DDD separate 100 each; every flow is 100 · 100 / 200 = 50. */
#define FOUR_WAY "mining AAA 100, mining BBB 100, separation CCC 100, separation DDD 100"

/* Step 3: f = 1 on AAA→CCC removes it; the pair gets nothing back in
 * step 5, and nobody else has surplus: CCC is 50 t short. */
static void
test_restriction_full (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (2, NULL, "", FOUR_WAY, "");
  c.scenario = ls_test_scenario_new ();
  ls_test_add_restriction (c.scenario, "mining", "AAA", "CCC", 1.0);
  case_compute (&c);

  assert_close (ls_result_get_baseline_flow (c.result, 0, AAA, CCC), 50);
  assert_close (ls_result_get_flow (c.result, 0, AAA, CCC), 0);
  assert_close (ls_result_get_flow (c.result, 0, AAA, DDD), 50);
  assert_close (ls_result_get_flow (c.result, 0, BBB, CCC), 50);
  assert_close (ls_result_get_flow (c.result, 0, BBB, DDD), 50);
  assert_close (ls_result_get_production (c.result, 1, CCC), 50);
  assert_close (ls_result_get_shortfall (c.result, 1, CCC), 50);
  assert_close (ls_result_get_country_unallocated (c.result, 0, AAA), 50);
  g_assert_true (ls_result_is_restricted (c.result, 0, AAA, CCC));
  g_assert_false (ls_result_is_restricted (c.result, 0, BBB, CCC));
  g_assert_false (ls_result_is_restricted (c.result, 0, AAA, DDD));

  case_clear (&c);
}

/* Step 3 with f = 0.5 and step 5's rule that a restricted pair receives no
 * re-routed volume. BBB +10 t scales its flows by 1.1 (55, 55); DDD's
 * inflow 105 is capped to 100 pro rata (AAA 5000/105, BBB 5500/105).
 * CCC needs 20 more: AAA has 100 − 25 − 5000/105 spare but may not send
 * it; BBB sends all its 110 − 55 − 5500/105. */
static void
test_restriction_partial_no_reroute (void)
{
  Case c = { 0 };
  double bbb_spare = 110 - 55 - 5500.0 / 105;

  c.dataset = ls_test_build_dataset (2, NULL, "", FOUR_WAY, "");
  c.scenario = ls_test_scenario_new ();
  ls_test_add_restriction (c.scenario, "mining", "AAA", "CCC", 0.5);
  ls_test_add_capacity (c.scenario, "mining", "BBB", 10);
  case_compute (&c);

  assert_close (ls_result_get_flow (c.result, 0, AAA, CCC), 25);
  assert_close (ls_result_get_flow (c.result, 0, AAA, DDD), 5000.0 / 105);
  assert_close (ls_result_get_flow (c.result, 0, BBB, DDD), 5500.0 / 105);
  assert_close (ls_result_get_flow (c.result, 0, BBB, CCC), 55 + bbb_spare);
  assert_close (ls_result_get_production (c.result, 1, CCC), 80 + bbb_spare);
  assert_close (ls_result_get_production (c.result, 1, DDD), 100);
  assert_close (ls_result_get_country_unallocated (c.result, 0, AAA), 100 - 25 - 5000.0 / 105);
  assert_close (ls_result_get_country_unallocated (c.result, 0, BBB), 0);
  g_assert_true (ls_result_is_restricted (c.result, 0, AAA, CCC));

  case_clear (&c);
}

/* README.md: several restrictions covering a pair multiply. */
static void
test_restrictions_multiply (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (2, NULL, "", FOUR_WAY, "");
  c.scenario = ls_test_scenario_new ();
  ls_test_add_restriction (c.scenario, "mining", "AAA", "CCC", 0.5);
  ls_test_add_restriction (c.scenario, "mining", "AAA", "CCC DDD", 0.5);
  case_compute (&c);

  assert_close (ls_result_get_flow (c.result, 0, AAA, CCC), 12.5);
  assert_close (ls_result_get_flow (c.result, 0, AAA, DDD), 25);
  /* BBB has no surplus; AAA may not serve either importer. */
  assert_close (ls_result_get_production (c.result, 1, CCC), 62.5);
  assert_close (ls_result_get_production (c.result, 1, DDD), 75);

  case_clear (&c);
}

/* Step 3 with `bloc` as the importers (bloc = AAA, CCC): BBB→CCC goes,
 * BBB→DDD stays; the pair BBB→AAA is covered too though it carries
 * nothing. */
static void
test_restriction_to_bloc (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (2, NULL, "AAA CCC", FOUR_WAY, "");
  c.scenario = ls_test_scenario_new ();
  ls_scenario_set_alliance (c.scenario, "al", TRUE);
  ls_test_add_restriction (c.scenario, "mining", "BBB", "bloc", 1.0);
  case_compute (&c);

  assert_close (ls_result_get_flow (c.result, 0, BBB, CCC), 0);
  assert_close (ls_result_get_flow (c.result, 0, BBB, DDD), 50);
  assert_close (ls_result_get_flow (c.result, 0, AAA, CCC), 50);
  assert_close (ls_result_get_production (c.result, 1, CCC), 50);
  assert_close (ls_result_get_country_unallocated (c.result, 0, BBB), 50);
  g_assert_true (ls_result_is_restricted (c.result, 0, BBB, CCC));
  g_assert_true (ls_result_is_restricted (c.result, 0, BBB, AAA));
  g_assert_false (ls_result_is_restricted (c.result, 0, BBB, DDD));
  g_assert_false (ls_result_is_restricted (c.result, 0, AAA, CCC));

  case_clear (&c);
}

/* Step 3 with `non-bloc` as the importers: AAA→DDD goes; the set includes
 * every country outside the bloc (BBB, CHN) but no member. */
static void
test_restriction_to_non_bloc (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (2, NULL, "AAA CCC", FOUR_WAY, "");
  c.scenario = ls_test_scenario_new ();
  ls_scenario_set_alliance (c.scenario, "al", TRUE);
  ls_test_add_restriction (c.scenario, "mining", "AAA", "non-bloc", 1.0);
  case_compute (&c);

  assert_close (ls_result_get_flow (c.result, 0, AAA, DDD), 0);
  assert_close (ls_result_get_flow (c.result, 0, AAA, CCC), 50);
  assert_close (ls_result_get_flow (c.result, 0, BBB, DDD), 50);
  assert_close (ls_result_get_production (c.result, 1, DDD), 50);
  g_assert_true (ls_result_is_restricted (c.result, 0, AAA, DDD));
  g_assert_true (ls_result_is_restricted (c.result, 0, AAA, BBB));
  g_assert_true (ls_result_is_restricted (c.result, 0, AAA, CHN));
  g_assert_false (ls_result_is_restricted (c.result, 0, AAA, CCC));
  g_assert_false (ls_result_is_restricted (c.result, 0, AAA, AAA));
  g_assert_false (ls_result_is_restricted (c.result, 1, AAA, DDD));

  case_clear (&c);
}

/* README.md: sets are read literally, so China restricting "to non-bloc"
 * halves its own domestic flow too, and the domestic pass of step 5 does
 * not give it back (the pair is restricted). */
static void
test_restriction_own_domestic (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (2, NULL, "AAA", "mining CHN 100, separation CHN 50, separation DDD 50", "");
  c.scenario = ls_test_scenario_new ();
  ls_scenario_set_alliance (c.scenario, "al", TRUE);
  ls_test_add_restriction (c.scenario, "mining", "CHN", "non-bloc", 0.5);
  case_compute (&c);

  assert_close (ls_result_get_baseline_flow (c.result, 0, CHN, CHN), 50);
  assert_close (ls_result_get_flow (c.result, 0, CHN, CHN), 25);
  assert_close (ls_result_get_flow (c.result, 0, CHN, DDD), 25);
  assert_close (ls_result_get_production (c.result, 1, CHN), 25);
  assert_close (ls_result_get_production (c.result, 1, DDD), 25);
  assert_close (ls_result_get_country_unallocated (c.result, 0, CHN), 50);
  g_assert_true (ls_result_is_restricted (c.result, 0, CHN, CHN));

  case_clear (&c);
}

/* Step 4: CCC's target cut from 60 to 30 halves every inflow of CCC,
 * `unknown` included (30 → 15); DDD's inflows are untouched. Baseline:
 * u AAA 30, BBB 10 against r CCC 60, DDD 20; unknown 30 → CCC, 10 → DDD. */
static void
test_cap_includes_unknown (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (2, NULL, "", "mining AAA 30, mining BBB 10, separation CCC 60, separation DDD 20", "");
  c.scenario = ls_test_scenario_new ();
  ls_test_add_capacity (c.scenario, "separation", "CCC", -30);
  case_compute (&c);

  assert_close (ls_result_get_flow (c.result, 0, AAA, CCC), 11.25);
  assert_close (ls_result_get_flow (c.result, 0, BBB, CCC), 3.75);
  assert_close (ls_result_get_flow (c.result, 0, UNK, CCC), 15);
  assert_close (ls_result_get_flow (c.result, 0, UNK, DDD), 10);
  assert_close (ls_result_get_flow (c.result, 0, AAA, DDD), 7.5);
  assert_close (ls_result_get_flow (c.result, 0, BBB, DDD), 2.5);
  assert_close (ls_result_get_unknown_origin (c.result, 0), 25);
  assert_close (ls_result_get_unallocated (c.result, 0), 15);
  assert_close (ls_result_get_production (c.result, 1, CCC), 30);
  assert_close (ls_result_get_shortfall (c.result, 1, CCC), 0);

  case_clear (&c);
}

/* Step 4's max(0, …): a cut below zero makes the target 0, and every
 * inflow, `unknown`'s too, shrinks to nothing. */
static void
test_cap_to_zero (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (2, NULL, "", "mining AAA 30, mining BBB 10, separation CCC 60, separation DDD 20", "");
  c.scenario = ls_test_scenario_new ();
  ls_test_add_capacity (c.scenario, "separation", "CCC", -100);
  case_compute (&c);

  assert_close (ls_result_get_target (c.result, 1, CCC), 0);
  assert_close (ls_result_get_production (c.result, 1, CCC), 0);
  assert_close (ls_result_get_shortfall (c.result, 1, CCC), 0);
  assert_close (ls_result_get_flow (c.result, 0, AAA, CCC), 0);
  assert_close (ls_result_get_flow (c.result, 0, BBB, CCC), 0);
  assert_close (ls_result_get_flow (c.result, 0, UNK, CCC), 0);
  assert_close (ls_result_get_flow (c.result, 0, UNK, DDD), 10);
  assert_close (ls_result_get_unknown_origin (c.result, 0), 10);
  assert_close (ls_result_get_unallocated (c.result, 0), 30);

  case_clear (&c);
}

/* Step 5's domestic pass: AAA's new separation need (30 t) is served from
 * AAA's own surplus before any proportional round would split it with
 * BBB. Baseline: AAA→CCC 50, BBB→CCC 50, 50 t spare each. */
static void
test_reroute_domestic_pass (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (2, NULL, "", "mining AAA 100, mining BBB 100, separation CCC 100", "");
  c.scenario = ls_test_scenario_new ();
  ls_test_add_capacity (c.scenario, "separation", "AAA", 30);
  case_compute (&c);

  assert_close (ls_result_get_flow (c.result, 0, AAA, AAA), 30);
  assert_close (ls_result_get_flow (c.result, 0, BBB, AAA), 0);
  assert_close (ls_result_get_production (c.result, 1, AAA), 30);
  assert_close (ls_result_get_country_unallocated (c.result, 0, AAA), 20);
  assert_close (ls_result_get_country_unallocated (c.result, 0, BBB), 50);

  case_clear (&c);
}

/* The domestic pass is skipped for a restricted pair: AAA may not serve
 * itself, so BBB's offer fills AAA's need. */
static void
test_reroute_domestic_restricted (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (2, NULL, "", "mining AAA 100, mining BBB 100, separation CCC 100", "");
  c.scenario = ls_test_scenario_new ();
  ls_test_add_capacity (c.scenario, "separation", "AAA", 30);
  ls_test_add_restriction (c.scenario, "mining", "AAA", "AAA", 0.5);
  case_compute (&c);

  assert_close (ls_result_get_flow (c.result, 0, AAA, AAA), 0);
  assert_close (ls_result_get_flow (c.result, 0, BBB, AAA), 30);
  assert_close (ls_result_get_production (c.result, 1, AAA), 30);

  case_clear (&c);
}

/* Step 5's rounds, where one round is not enough. Nobody separates in the
 * baseline; the scenario adds CCC 100 and DDD 50, and BBB may not serve
 * DDD. u AAA 100, BBB 100; r CCC 100, DDD 50.
 * Round 1: AAA offers its 100 to CCC and DDD in proportion to need
 * (200/3, 100/3); BBB offers its 100 to CCC, the only importer it may
 * serve. CCC is offered 500/3 and takes 100 pro rata: 40 from AAA, 60
 * from BBB; DDD takes 100/3 from AAA. Round 2: AAA's remaining 80/3 go to
 * DDD, which takes its last 50/3. Round 3 moves nothing. */
static void
test_reroute_rounds (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (2, NULL, "", "mining AAA 100, mining BBB 100", "");
  c.scenario = ls_test_scenario_new ();
  ls_test_add_capacity (c.scenario, "separation", "CCC", 100);
  ls_test_add_capacity (c.scenario, "separation", "DDD", 50);
  ls_test_add_restriction (c.scenario, "mining", "BBB", "DDD", 1.0);
  case_compute (&c);

  assert_close (ls_result_get_baseline_unallocated (c.result, 0), 200);
  assert_close (ls_result_get_flow (c.result, 0, AAA, CCC), 40);
  assert_close (ls_result_get_flow (c.result, 0, BBB, CCC), 60);
  assert_close (ls_result_get_flow (c.result, 0, AAA, DDD), 50);
  assert_close (ls_result_get_flow (c.result, 0, BBB, DDD), 0);
  assert_close (ls_result_get_production (c.result, 1, CCC), 100);
  assert_close (ls_result_get_production (c.result, 1, DDD), 50);
  assert_close (ls_result_get_country_unallocated (c.result, 0, AAA), 10);
  assert_close (ls_result_get_country_unallocated (c.result, 0, BBB), 40);
  assert_close (ls_result_get_unallocated (c.result, 0), 50);
  /* Re-routed volume is an estimate. */
  assert_close (ls_result_get_flow_estimated (c.result, 0, AAA, CCC), 40);

  case_clear (&c);
}

/* The stop rule is relative to the need at the start of step 5: a tiny
 * need against a huge surplus is still met, and the loop ends. */
static void
test_reroute_tiny_need (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (2, NULL, "", "mining AAA 1e9, mining BBB 3e8", "");
  c.scenario = ls_test_scenario_new ();
  ls_test_add_capacity (c.scenario, "separation", "CCC", 1e-6);
  case_compute (&c);

  g_assert_cmpfloat_with_epsilon (ls_result_get_production (c.result, 1, CCC), 1e-6, 1e-15);
  g_assert_cmpfloat_with_epsilon (ls_result_get_flow (c.result, 0, AAA, CCC), 1e-6 * 1e9 / 1.3e9, 1e-15);
  g_assert_cmpfloat_with_epsilon (ls_result_get_flow (c.result, 0, BBB, CCC), 1e-6 * 3e8 / 1.3e9, 1e-15);

  case_clear (&c);
}

/* A restriction with f = 0 withholds nothing and leaves the pair free to
 * take re-routed volume: the rounds case without its ban. Round 1: AAA
 * and BBB each offer 200/3 to CCC and 100/3 to DDD; CCC takes 100 (50
 * each), DDD takes 50 (25 each). */
static void
test_reroute_zero_fraction (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (2, NULL, "", "mining AAA 100, mining BBB 100", "");
  c.scenario = ls_test_scenario_new ();
  ls_test_add_capacity (c.scenario, "separation", "CCC", 100);
  ls_test_add_capacity (c.scenario, "separation", "DDD", 50);
  ls_test_add_restriction (c.scenario, "mining", "BBB", "DDD", 0.0);
  case_compute (&c);

  g_assert_false (ls_result_is_restricted (c.result, 0, BBB, DDD));
  assert_close (ls_result_get_flow (c.result, 0, AAA, CCC), 50);
  assert_close (ls_result_get_flow (c.result, 0, BBB, CCC), 50);
  assert_close (ls_result_get_flow (c.result, 0, AAA, DDD), 25);
  assert_close (ls_result_get_flow (c.result, 0, BBB, DDD), 25);

  case_clear (&c);
}

/* Re-routed volume is in the unit of the stage it leaves: DDD's 10 t of
 * new separation capacity at Y = 0.5 need 20 t of ore, 10 from each of
 * AAA and BBB (50 t spare each). */
static void
test_reroute_with_yield (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (2, "1 0.5", "", "mining AAA 100, mining BBB 100, separation CCC 50", "");
  c.scenario = ls_test_scenario_new ();
  ls_test_add_capacity (c.scenario, "separation", "DDD", 10);
  case_compute (&c);

  assert_close (ls_result_get_baseline_flow (c.result, 0, AAA, CCC), 50);
  assert_close (ls_result_get_flow (c.result, 0, AAA, DDD), 10);
  assert_close (ls_result_get_flow (c.result, 0, BBB, DDD), 10);
  assert_close (ls_result_get_production (c.result, 1, DDD), 10);
  assert_close (ls_result_get_unallocated (c.result, 0), 80);

  case_clear (&c);
}

/* Two capacity changes of one stage and country add up: −20 and −30
 * act as the −50 of capacity-first-stage. */
static void
test_capacity_changes_add (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (2, NULL, "", "mining AAA 100, mining BBB 50, separation CCC 90", "");
  c.scenario = ls_test_scenario_new ();
  ls_test_add_capacity (c.scenario, "mining", "AAA", -20);
  ls_test_add_capacity (c.scenario, "mining", "AAA", -30);
  case_compute (&c);

  assert_close (ls_result_get_production (c.result, 0, AAA), 50);
  assert_close (ls_result_get_flow (c.result, 0, AAA, CCC), 45);
  assert_close (ls_result_get_flow (c.result, 0, BBB, CCC), 45);

  case_clear (&c);
}

/* With φ > 0, rounds among members run first: member AAA's 100 t all go
 * to member CCC, non-member BBB's to DDD. With φ = 0 both are split 50/50.
 * Step 6 then has nothing to swap (no non-member → member flow). */
static void
test_reroute_members_first (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (2, NULL, "AAA CCC", "mining AAA 100, mining BBB 100", "");
  c.scenario = ls_test_scenario_new ();
  ls_scenario_set_alliance (c.scenario, "al", TRUE);
  ls_test_add_capacity (c.scenario, "separation", "CCC", 100);
  ls_test_add_capacity (c.scenario, "separation", "DDD", 100);
  case_compute (&c);

  assert_close (ls_result_get_flow (c.result, 0, AAA, CCC), 50);
  assert_close (ls_result_get_flow (c.result, 0, BBB, CCC), 50);
  assert_close (ls_result_get_flow (c.result, 0, AAA, DDD), 50);
  assert_close (ls_result_get_flow (c.result, 0, BBB, DDD), 50);

  ls_scenario_set_friend_shoring (c.scenario, 0.5);
  case_compute (&c);

  g_assert_cmpfloat_with_epsilon (ls_result_get_friend_shoring (c.result), 0.5, 1e-12);
  assert_close (ls_result_get_flow (c.result, 0, AAA, CCC), 100);
  assert_close (ls_result_get_flow (c.result, 0, BBB, CCC), 0);
  assert_close (ls_result_get_flow (c.result, 0, AAA, DDD), 0);
  assert_close (ls_result_get_flow (c.result, 0, BBB, DDD), 100);
  assert_close (ls_result_get_production (c.result, 1, CCC), 100);
  assert_close (ls_result_get_production (c.result, 1, DDD), 100);

  case_clear (&c);
}

/* Step 6 with φ = 0.5. Bloc AAA, CCC. Given BBB→CCC 60, AAA→DDD 30; the
 * baseline completes DDD's other 20 from u AAA 20, BBB 20 (10 each) and
 * leaves 10 spare at each. No other lever, so steps 1–5 change nothing.
 * need = 60 (BBB→CCC); avail = 40 (AAA→DDD) + 10 (AAA spare) = 50;
 * x = 0.5 · 50 = 25. BBB→CCC × (1 − 25/60) = 35; AAA→DDD × 0.5 = 20,
 * AAA spare × 0.5 = 5; CCC gets its 25 from AAA (all of avail).
 * BBB freed 25; DDD lost 20 and gets them from BBB (10 + 20 = 30); the
 * other 5 stay spare at BBB (10 + 5). */
static void
test_friend_shoring_swap (void)
{
  Case c = { 0 };
  gboolean defined;
  double share = -1;

  c.dataset = ls_test_build_dataset (2, NULL, "AAA CCC",
                             "mining AAA 50, mining BBB 80, separation CCC 60, separation DDD 50",
                             "mining BBB CCC 60, mining AAA DDD 30");
  c.scenario = ls_test_scenario_new ();
  ls_scenario_set_alliance (c.scenario, "al", TRUE);
  ls_scenario_set_friend_shoring (c.scenario, 0.5);
  case_compute (&c);

  assert_close (ls_result_get_baseline_flow (c.result, 0, AAA, DDD), 40);
  assert_close (ls_result_get_baseline_flow (c.result, 0, BBB, DDD), 10);
  assert_close (ls_result_get_flow (c.result, 0, AAA, CCC), 25);
  assert_close (ls_result_get_flow (c.result, 0, AAA, DDD), 20);
  assert_close (ls_result_get_flow (c.result, 0, BBB, CCC), 35);
  assert_close (ls_result_get_flow (c.result, 0, BBB, DDD), 30);
  assert_close (ls_result_get_country_unallocated (c.result, 0, AAA), 5);
  assert_close (ls_result_get_country_unallocated (c.result, 0, BBB), 15);
  assert_close (ls_result_get_unallocated (c.result, 0), 20);
  assert_close (ls_result_get_production (c.result, 1, CCC), 60);
  assert_close (ls_result_get_production (c.result, 1, DDD), 50);

  defined = ls_result_get_dependency (c.result, 0, &share);
  g_assert_true (defined);
  assert_close (share, 35.0 / 60);

  case_clear (&c);
}

/* Step 6 with two member suppliers, φ = 1, and a restriction the swap does
 * not consult (AAA→CCC, f = 1). Given BBB→CCC 50, AAA→DDD 30, CCC→DDD 20,
 * BBB→DDD 20: every need is given, spare AAA 10, CCC 10, BBB 30.
 * need = 50; avail = 30 + 20 + 10 + 10 = 70 (AAA 40, CCC 30); x = 50.
 * BBB→CCC → 0; member exports and spare × (1 − 50/70) = 2/7; CCC's 50 come
 * from AAA 50 · 40/70 and from itself 50 · 30/70. DDD lost 50 · 5/7 and
 * gets it from BBB; BBB keeps 50 − 250/7 more spare. */
static void
test_friend_shoring_two_suppliers (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (2, NULL, "AAA CCC",
                             "mining AAA 40, mining CCC 30, mining BBB 100, "
                             "separation CCC 50, separation DDD 70",
                             "mining BBB CCC 50, mining AAA DDD 30, mining CCC DDD 20, mining BBB DDD 20");
  c.scenario = ls_test_scenario_new ();
  ls_scenario_set_alliance (c.scenario, "al", TRUE);
  ls_scenario_set_friend_shoring (c.scenario, 1.0);
  ls_test_add_restriction (c.scenario, "mining", "AAA", "CCC", 1.0);
  case_compute (&c);

  g_assert_true (ls_result_is_restricted (c.result, 0, AAA, CCC));
  assert_close (ls_result_get_flow (c.result, 0, BBB, CCC), 0);
  assert_close (ls_result_get_flow (c.result, 0, AAA, CCC), 200.0 / 7);
  assert_close (ls_result_get_flow (c.result, 0, CCC, CCC), 150.0 / 7);
  assert_close (ls_result_get_flow (c.result, 0, AAA, DDD), 60.0 / 7);
  assert_close (ls_result_get_flow (c.result, 0, CCC, DDD), 40.0 / 7);
  assert_close (ls_result_get_flow (c.result, 0, BBB, DDD), 20 + 250.0 / 7);
  assert_close (ls_result_get_country_unallocated (c.result, 0, AAA), 20.0 / 7);
  assert_close (ls_result_get_country_unallocated (c.result, 0, CCC), 20.0 / 7);
  assert_close (ls_result_get_country_unallocated (c.result, 0, BBB), 30 + 100.0 / 7);
  assert_close (ls_result_get_unallocated (c.result, 0), 50);
  assert_close (ls_result_get_production (c.result, 1, CCC), 50);
  assert_close (ls_result_get_production (c.result, 1, DDD), 70);

  case_clear (&c);
}

/* Step 6 leaves `unknown` alone. Baseline: r CCC 40, DDD 20 against
 * u AAA 20, BBB 20: F = u · r / 60, unknown 40/3 → CCC, 20/3 → DDD.
 * need = BBB→CCC = 60 + 40/3 = 220/3 (unknown excluded); avail =
 * AAA→DDD = 30 + 20/3 = 110/3, no spare; φ = 1: x = 110/3. BBB→CCC
 * halves to 110/3; AAA→DDD → 0; AAA→CCC = 40/3 + 110/3 = 50; DDD gets
 * its 110/3 back from BBB: 20/3 + 110/3 = 130/3. */
static void
test_friend_shoring_skips_unknown (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (2, NULL, "AAA CCC",
                             "mining AAA 50, mining BBB 80, separation CCC 100, separation DDD 50",
                             "mining BBB CCC 60, mining AAA DDD 30");
  c.scenario = ls_test_scenario_new ();
  ls_scenario_set_alliance (c.scenario, "al", TRUE);
  ls_scenario_set_friend_shoring (c.scenario, 1.0);
  case_compute (&c);

  assert_close (ls_result_get_baseline_flow (c.result, 0, UNK, CCC), 40.0 / 3);
  assert_close (ls_result_get_flow (c.result, 0, UNK, CCC), 40.0 / 3);
  assert_close (ls_result_get_flow (c.result, 0, UNK, DDD), 20.0 / 3);
  assert_close (ls_result_get_flow (c.result, 0, BBB, CCC), 110.0 / 3);
  assert_close (ls_result_get_flow (c.result, 0, AAA, DDD), 0);
  assert_close (ls_result_get_flow (c.result, 0, AAA, CCC), 50);
  assert_close (ls_result_get_flow (c.result, 0, BBB, DDD), 130.0 / 3);
  assert_close (ls_result_get_unknown_origin (c.result, 0), 20);
  assert_close (ls_result_get_production (c.result, 1, CCC), 100);
  assert_close (ls_result_get_production (c.result, 1, DDD), 50);

  case_clear (&c);
}

/* Step 6 with two non-member exporters (BBB, CHN) and two non-member
 * importers (DDD, CHN itself). Bloc AAA, CCC; every need is given:
 * BBB→CCC 40, CHN→CCC 30, AAA→CCC 30; AAA→DDD 20, AAA→CHN 10, BBB→DDD 10,
 * CHN→DDD 20; CHN→CHN 30. Spare: AAA 40, BBB 10, CHN 20. φ = 0.5:
 * need = 40 + 30 = 70; avail = 20 + 10 + 40 = 70; x = 35.
 * Non-member → member × 0.5: BBB→CCC 20, CHN→CCC 15 (freed 20, 15);
 * AAA→DDD 10, AAA→CHN 5, AAA spare 20 (lost: DDD 10, CHN 5);
 * CCC gets 35 from AAA: 65. DDD gets 10 · 20/35 from BBB and 10 · 15/35
 * from CHN; CHN gets 5 · 20/35 from BBB and 5 · 15/35 from itself; the
 * other 20 stay spare at BBB (20 · 20/35) and CHN (15 · 20/35). */
static void
test_friend_shoring_many_parties (void)
{
  Case c = { 0 };
  double share = -1;

  c.dataset = ls_test_build_dataset (2, NULL, "AAA CCC",
                             "mining AAA 100, mining BBB 60, mining CHN 100, "
                             "separation CCC 100, separation DDD 50, separation CHN 40",
                             "mining BBB CCC 40, mining CHN CCC 30, mining AAA CCC 30, "
                             "mining AAA DDD 20, mining AAA CHN 10, mining BBB DDD 10, mining CHN DDD 20, "
                             "mining CHN CHN 30");
  c.scenario = ls_test_scenario_new ();
  ls_scenario_set_alliance (c.scenario, "al", TRUE);
  ls_scenario_set_friend_shoring (c.scenario, 0.5);
  case_compute (&c);

  assert_close (ls_result_get_flow (c.result, 0, BBB, CCC), 20);
  assert_close (ls_result_get_flow (c.result, 0, CHN, CCC), 15);
  assert_close (ls_result_get_flow (c.result, 0, AAA, CCC), 65);
  assert_close (ls_result_get_flow (c.result, 0, AAA, DDD), 10);
  assert_close (ls_result_get_flow (c.result, 0, AAA, CHN), 5);
  assert_close (ls_result_get_flow (c.result, 0, BBB, DDD), 10 + 40.0 / 7);
  assert_close (ls_result_get_flow (c.result, 0, CHN, DDD), 20 + 30.0 / 7);
  assert_close (ls_result_get_flow (c.result, 0, BBB, CHN), 20.0 / 7);
  assert_close (ls_result_get_flow (c.result, 0, CHN, CHN), 30 + 15.0 / 7);
  assert_close (ls_result_get_country_unallocated (c.result, 0, AAA), 20);
  assert_close (ls_result_get_country_unallocated (c.result, 0, BBB), 10 + 80.0 / 7);
  assert_close (ls_result_get_country_unallocated (c.result, 0, CHN), 20 + 60.0 / 7);
  assert_close (ls_result_get_unallocated (c.result, 0), 70);
  assert_close (ls_result_get_production (c.result, 1, CCC), 100);
  assert_close (ls_result_get_production (c.result, 1, DDD), 50);
  assert_close (ls_result_get_production (c.result, 1, CHN), 40);

  g_assert_true (ls_result_get_dependency (c.result, 0, &share));
  assert_close (share, 0.35);
  assert_close (ls_result_get_dependency_on (c.result, 0, BBB), 0.2);
  assert_close (ls_result_get_dependency_on (c.result, 0, CHN), 0.15);

  case_clear (&c);
}

/* DESIGN.md step 6, members' unmet need: a new plant in the bloc starves
 * while member ore goes outside. Bloc AAA, CHN, CCC; AAA ships its 100 t
 * to BBB, CHN its 50 t to DDD (both given); CCC adds 60 t of separation;
 * φ = 0.5. Nobody has surplus and no non-member supplies the bloc, so
 * steps 5 and the swap move nothing; then nb = 60, m = 150, z = 30: every
 * member → non-member flow shrinks by 30/150, CCC gets 30 · 100/150 = 20
 * from AAA and 10 from CHN. BBB and DDD are not compensated. */
static void
test_friend_shoring_unmet_need (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (2, NULL, "AAA CHN CCC",
                                     "mining AAA 100, mining CHN 50, separation BBB 100, separation DDD 50",
                                     "mining AAA BBB 100, mining CHN DDD 50");
  c.scenario = ls_test_scenario_new ();
  ls_scenario_set_alliance (c.scenario, "al", TRUE);
  ls_scenario_set_friend_shoring (c.scenario, 0.5);
  ls_test_add_capacity (c.scenario, "separation", "CCC", 60);
  case_compute (&c);

  assert_close (ls_result_get_flow (c.result, 0, AAA, BBB), 80);
  assert_close (ls_result_get_flow (c.result, 0, CHN, DDD), 40);
  assert_close (ls_result_get_flow (c.result, 0, AAA, CCC), 20);
  assert_close (ls_result_get_flow (c.result, 0, CHN, CCC), 10);
  assert_close (ls_result_get_production (c.result, 1, CCC), 30);
  assert_close (ls_result_get_shortfall (c.result, 1, CCC), 30);
  assert_close (ls_result_get_shortfall (c.result, 1, BBB), 20);
  assert_close (ls_result_get_shortfall (c.result, 1, DDD), 10);
  /* Re-routed by the model. */
  assert_close (ls_result_get_flow_estimated (c.result, 0, AAA, CCC), 20);

  case_clear (&c);

  /* At φ = 1 the plant is fed in full: z = min(60, 150). */
  c.dataset = ls_test_build_dataset (2, NULL, "AAA CHN CCC",
                                     "mining AAA 100, mining CHN 50, separation BBB 100, separation DDD 50",
                                     "mining AAA BBB 100, mining CHN DDD 50");
  c.scenario = ls_test_scenario_new ();
  ls_scenario_set_alliance (c.scenario, "al", TRUE);
  ls_scenario_set_friend_shoring (c.scenario, 1.0);
  ls_test_add_capacity (c.scenario, "separation", "CCC", 60);
  case_compute (&c);

  assert_close (ls_result_get_production (c.result, 1, CCC), 60);
  assert_close (ls_result_get_flow (c.result, 0, AAA, BBB), 60);
  assert_close (ls_result_get_flow (c.result, 0, CHN, DDD), 30);

  case_clear (&c);
}

/* Members-first rounds, then all pairs, then the swap, with a restriction
 * between two members. Bloc AAA, CCC; nobody separates in the baseline;
 * the scenario adds CCC 100 and DDD 50, bans AAA→CCC, φ = 0.5.
 * Members phase: AAA may serve no member: nothing moves.
 * All pairs, round 1: AAA offers 60 to DDD; BBB offers 200/3 to CCC and
 * 100/3 to DDD. CCC takes 200/3; DDD takes 50 of 280/3: AAA 225/7,
 * BBB 125/7. Round 2: BBB's 325/21 left go to CCC (needs 100/3): BBB→CCC
 * = 575/7. AAA keeps 195/7.
 * Swap: need = 575/7, avail = 225/7 + 195/7 = 60, x = 30. BBB→CCC − 30;
 * AAA→DDD and AAA's spare halve (225/14, 195/14); CCC gets 30 from AAA
 * though AAA→CCC is banned (the swap does not consult restrictions);
 * DDD gets its 225/14 back from BBB; BBB keeps 30 − 225/14.
 * Members' unmet need: CCC still needs 100 − 575/7 = 125/7; members send
 * m = 225/14 outside (AAA→DDD); z = 0.5 · min(125/7, 225/14) = 225/28:
 * AAA→DDD halves again and CCC gets those 225/28 from AAA (restrictions
 * not consulted either); DDD is not compensated and falls short. */
static void
test_members_first_then_all (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (2, NULL, "AAA CCC", "mining AAA 60, mining BBB 100", "");
  c.scenario = ls_test_scenario_new ();
  ls_scenario_set_alliance (c.scenario, "al", TRUE);
  ls_scenario_set_friend_shoring (c.scenario, 0.5);
  ls_test_add_capacity (c.scenario, "separation", "CCC", 100);
  ls_test_add_capacity (c.scenario, "separation", "DDD", 50);
  ls_test_add_restriction (c.scenario, "mining", "AAA", "CCC", 1.0);
  case_compute (&c);

  assert_close (ls_result_get_flow (c.result, 0, AAA, CCC), 30 + 225.0 / 28);
  assert_close (ls_result_get_flow (c.result, 0, BBB, CCC), 575.0 / 7 - 30);
  assert_close (ls_result_get_flow (c.result, 0, AAA, DDD), 225.0 / 28);
  assert_close (ls_result_get_flow (c.result, 0, BBB, DDD), 125.0 / 7 + 225.0 / 14);
  assert_close (ls_result_get_country_unallocated (c.result, 0, AAA), 195.0 / 14);
  assert_close (ls_result_get_country_unallocated (c.result, 0, BBB), 30 - 225.0 / 14);
  assert_close (ls_result_get_production (c.result, 1, CCC), 575.0 / 7 + 225.0 / 28);
  assert_close (ls_result_get_shortfall (c.result, 1, CCC), 100 - 575.0 / 7 - 225.0 / 28);
  assert_close (ls_result_get_production (c.result, 1, DDD), 50 - 225.0 / 28);
  assert_close (ls_result_get_shortfall (c.result, 1, DDD), 225.0 / 28);

  case_clear (&c);
}

/* Members-first without restrictions: member AAA's 60 t go to member CCC
 * first; BBB's 100 t then serve CCC's other 40 and DDD's 50 (offers in
 * proportion to need, 400/9 and 500/9, both more than enough). No swap:
 * nothing is left at members. */
static void
test_members_first_partial (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (2, NULL, "AAA CCC", "mining AAA 60, mining BBB 100", "");
  c.scenario = ls_test_scenario_new ();
  ls_scenario_set_alliance (c.scenario, "al", TRUE);
  ls_scenario_set_friend_shoring (c.scenario, 0.5);
  ls_test_add_capacity (c.scenario, "separation", "CCC", 100);
  ls_test_add_capacity (c.scenario, "separation", "DDD", 50);
  case_compute (&c);

  assert_close (ls_result_get_flow (c.result, 0, AAA, CCC), 60);
  assert_close (ls_result_get_flow (c.result, 0, AAA, DDD), 0);
  assert_close (ls_result_get_flow (c.result, 0, BBB, CCC), 40);
  assert_close (ls_result_get_flow (c.result, 0, BBB, DDD), 50);
  assert_close (ls_result_get_country_unallocated (c.result, 0, BBB), 10);

  case_clear (&c);
}

/* Given flows keep their flag when scaled; re-routed volume is estimated.
 * Given AAA→CCC 60 (published) and BBB→CCC 30 (published): AAA −50 halves
 * the first to 30; CCC's 30 of need come back 15 + 15, estimated. */
static void
test_estimated_after_rebalance (void)
{
  Case c = { 0 };

  c.dataset = ls_test_build_dataset (2, NULL, "", "mining AAA 100, mining BBB 50, separation CCC 90",
                             "mining AAA CCC 60, mining BBB CCC 30");
  c.scenario = ls_test_scenario_new ();
  ls_test_add_capacity (c.scenario, "mining", "AAA", -50);
  case_compute (&c);

  assert_close (ls_result_get_baseline_flow_estimated (c.result, 0, AAA, CCC), 0);
  assert_close (ls_result_get_flow (c.result, 0, AAA, CCC), 45);
  assert_close (ls_result_get_flow (c.result, 0, BBB, CCC), 45);
  assert_close (ls_result_get_flow_estimated (c.result, 0, AAA, CCC), 15);
  assert_close (ls_result_get_flow_estimated (c.result, 0, BBB, CCC), 15);

  case_clear (&c);
}

/* `unknown` is never scaled, restricted or re-routed: with AAA's mining
 * gone, a non-bloc → bloc ban and φ = 1, unknown still sends 30 to CCC and
 * 10 to DDD. BBB→CCC is banned; BBB's 7.5 spare go to DDD. */
static void
test_unknown_untouched (void)
{
  Case c = { 0 };
  double share = -1;

  c.dataset = ls_test_build_dataset (2, NULL, "", "mining AAA 30, mining BBB 10, separation CCC 60, separation DDD 20", "");
  c.scenario = ls_test_scenario_new ();
  ls_scenario_set_membership (c.scenario, "CCC", LS_MEMBERSHIP_ADDED);
  ls_scenario_set_friend_shoring (c.scenario, 1.0);
  ls_test_add_capacity (c.scenario, "mining", "AAA", -30);
  ls_test_add_restriction (c.scenario, "mining", "non-bloc", "bloc", 1.0);
  case_compute (&c);

  g_assert_true (ls_result_is_member (c.result, CCC));
  g_assert_false (ls_result_is_restricted (c.result, 0, UNK, CCC));
  g_assert_true (ls_result_is_restricted (c.result, 0, BBB, CCC));
  assert_close (ls_result_get_flow (c.result, 0, UNK, CCC), 30);
  assert_close (ls_result_get_flow (c.result, 0, UNK, DDD), 10);
  assert_close (ls_result_get_flow (c.result, 0, AAA, CCC), 0);
  assert_close (ls_result_get_flow (c.result, 0, AAA, DDD), 0);
  assert_close (ls_result_get_flow (c.result, 0, BBB, CCC), 0);
  assert_close (ls_result_get_flow (c.result, 0, BBB, DDD), 10);
  assert_close (ls_result_get_unknown_origin (c.result, 0), 40);
  assert_close (ls_result_get_production (c.result, 1, CCC), 30);
  assert_close (ls_result_get_production (c.result, 1, DDD), 20);
  assert_close (ls_result_get_shortfall (c.result, 1, CCC), 30);

  g_assert_true (ls_result_get_dependency (c.result, 0, &share));
  assert_close (share, 1.0);
  assert_close (ls_result_get_dependency_on (c.result, 0, UNK), 1.0);

  case_clear (&c);
}

/* A scenario naming what the dataset does not know fails cleanly. */
static void
test_unknown_ids_in_scenario (void)
{
  const struct { const char *stage, *country; } bad[] = {
    { "mining", "ZZZ" },
    { "smelting", "AAA" },
  };
  LsDataset *dataset = ls_test_build_dataset (2, NULL, "", "mining AAA 10, separation BBB 10", "");

  for (guint k = 0; k < G_N_ELEMENTS (bad); k++)
    {
      g_autoptr(LsScenario) scenario = ls_test_scenario_new ();
      g_autoptr(GError) error = NULL;
      LsResult *result;

      ls_test_add_capacity (scenario, bad[k].stage, bad[k].country, 5);
      g_assert_false (ls_scenario_validate (scenario, dataset, &error));
      g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_UNKNOWN_ID);
      g_clear_error (&error);
      result = ls_result_new (dataset, scenario, &error);
      g_assert_null (result);
      g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_UNKNOWN_ID);
    }

  g_assert_finalize_object (dataset);
}

/* A year the dataset does not have. */
static void
test_unknown_year (void)
{
  LsDataset *dataset = ls_test_build_dataset (2, NULL, "", "mining AAA 10, separation BBB 10", "");
  LsScenario *scenario = ls_scenario_new ();
  g_autoptr(GError) error = NULL;
  LsResult *result;

  ls_scenario_set_year (scenario, 1990);
  result = ls_result_new (dataset, scenario, &error);
  g_assert_null (result);
  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_UNKNOWN_ID);

  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* LsResult is a refcounted boxed type. */
static void
test_result_boxed (void)
{
  Case c = { 0 };
  LsResult *copy;

  c.dataset = ls_test_build_dataset (2, NULL, "", "mining AAA 10, separation BBB 10", "");
  c.scenario = ls_test_scenario_new ();
  case_compute (&c);

  g_assert_true (G_TYPE_IS_BOXED (LS_TYPE_RESULT));
  copy = g_boxed_copy (LS_TYPE_RESULT, c.result);
  g_assert_true (copy == c.result);
  g_boxed_free (LS_TYPE_RESULT, copy);
  g_assert_true (ls_result_ref (c.result) == c.result);
  ls_result_unref (c.result);
  g_assert_true (ls_result_get_dataset (c.result) == c.dataset);
  g_assert_cmpint (ls_result_get_year (c.result), ==, 2024);
  g_assert_cmpuint (ls_result_get_n_stages (c.result), ==, 2);
  g_assert_cmpuint (ls_result_get_n_countries (c.result), ==, 5);

  case_clear (&c);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lodestone/model/rebalance/no-levers-is-baseline", test_no_levers_is_baseline);
  g_test_add_func ("/lodestone/model/rebalance/capacity-first-stage", test_capacity_first_stage);
  g_test_add_func ("/lodestone/model/rebalance/capacity-clamp", test_capacity_clamp);
  g_test_add_func ("/lodestone/model/rebalance/shortfall-cascades", test_shortfall_cascades);
  g_test_add_func ("/lodestone/model/rebalance/scaling-middle-stage", test_scaling_middle_stage);
  g_test_add_func ("/lodestone/model/rebalance/zero-baseline-output-is-surplus",
                   test_zero_baseline_output_is_surplus);
  g_test_add_func ("/lodestone/model/rebalance/target-capped-by-input", test_target_capped_by_input);
  g_test_add_func ("/lodestone/model/rebalance/restriction-full", test_restriction_full);
  g_test_add_func ("/lodestone/model/rebalance/restriction-partial-no-reroute",
                   test_restriction_partial_no_reroute);
  g_test_add_func ("/lodestone/model/rebalance/restrictions-multiply", test_restrictions_multiply);
  g_test_add_func ("/lodestone/model/rebalance/restriction-to-bloc", test_restriction_to_bloc);
  g_test_add_func ("/lodestone/model/rebalance/restriction-to-non-bloc", test_restriction_to_non_bloc);
  g_test_add_func ("/lodestone/model/rebalance/restriction-own-domestic", test_restriction_own_domestic);
  g_test_add_func ("/lodestone/model/rebalance/cap-includes-unknown", test_cap_includes_unknown);
  g_test_add_func ("/lodestone/model/rebalance/cap-to-zero", test_cap_to_zero);
  g_test_add_func ("/lodestone/model/rebalance/reroute-domestic-pass", test_reroute_domestic_pass);
  g_test_add_func ("/lodestone/model/rebalance/reroute-domestic-restricted", test_reroute_domestic_restricted);
  g_test_add_func ("/lodestone/model/rebalance/reroute-rounds", test_reroute_rounds);
  g_test_add_func ("/lodestone/model/rebalance/reroute-tiny-need", test_reroute_tiny_need);
  g_test_add_func ("/lodestone/model/rebalance/reroute-zero-fraction", test_reroute_zero_fraction);
  g_test_add_func ("/lodestone/model/rebalance/reroute-with-yield", test_reroute_with_yield);
  g_test_add_func ("/lodestone/model/rebalance/capacity-changes-add", test_capacity_changes_add);
  g_test_add_func ("/lodestone/model/rebalance/reroute-members-first", test_reroute_members_first);
  g_test_add_func ("/lodestone/model/rebalance/friend-shoring-swap", test_friend_shoring_swap);
  g_test_add_func ("/lodestone/model/rebalance/friend-shoring-two-suppliers",
                   test_friend_shoring_two_suppliers);
  g_test_add_func ("/lodestone/model/rebalance/friend-shoring-skips-unknown",
                   test_friend_shoring_skips_unknown);
  g_test_add_func ("/lodestone/model/rebalance/friend-shoring-many-parties", test_friend_shoring_many_parties);
  g_test_add_func ("/lodestone/model/rebalance/friend-shoring-unmet-need", test_friend_shoring_unmet_need);
  g_test_add_func ("/lodestone/model/rebalance/members-first-then-all", test_members_first_then_all);
  g_test_add_func ("/lodestone/model/rebalance/members-first-partial", test_members_first_partial);
  g_test_add_func ("/lodestone/model/rebalance/estimated-after-rebalance", test_estimated_after_rebalance);
  g_test_add_func ("/lodestone/model/rebalance/unknown-untouched", test_unknown_untouched);
  g_test_add_func ("/lodestone/model/rebalance/unknown-ids-in-scenario", test_unknown_ids_in_scenario);
  g_test_add_func ("/lodestone/model/rebalance/unknown-year", test_unknown_year);
  g_test_add_func ("/lodestone/model/rebalance/result-boxed", test_result_boxed);

  return g_test_run ();
}
