/* fuzz-dataset.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "ls-baseline.h"
#include "ls-dataset.h"
#include "ls-ranges.h"
#include "ls-result.h"
#include "ls-scenario.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

/* Any input either loads or fails with an error; a dataset that loads
 * must rebalance without crashing, with and without levers, and its
 * figures' ranges (low, high) must be sampled without crashing. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(LsDataset) dataset = NULL;
  g_autoptr(LsScenario) scenario = NULL;
  g_autoptr(LsResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_alliances;

  dataset = ls_dataset_new_from_bytes (bytes, "fuzz.json", &error);
  if (dataset == NULL)
    {
      g_assert (error != NULL && error->domain == LS_DATA_ERROR);
      return 0;
    }

  scenario = ls_scenario_new ();
  result = ls_result_new (dataset, scenario, &error);
  g_assert_no_error (error);
  g_clear_pointer (&result, ls_result_unref);

  n_alliances = ls_dataset_get_n_alliances (dataset);
  if (n_alliances > 0)
    ls_scenario_set_alliance (scenario, ls_dataset_get_alliance_id (dataset, 0), TRUE);
  ls_scenario_set_friend_shoring (scenario, 0.5);

  {
    LsParty from = { LS_PARTY_NON_BLOC, NULL };
    LsParty to = { LS_PARTY_BLOC, NULL };
    g_autoptr(LsRestriction) restriction = ls_restriction_new (ls_dataset_get_stage_id (dataset, 0),
                                                               &from, &to, 0.5);

    ls_scenario_add_restriction (scenario, restriction);
  }

  result = ls_result_new (dataset, scenario, &error);
  g_assert_no_error (error);

  {
    g_autoptr(LsBaseline) baseline = ls_baseline_new (dataset, ls_dataset_get_default_year (dataset));
    g_autoptr(LsRanges) ranges = ls_ranges_new (baseline, scenario, 8, NULL, &error);

    g_assert_no_error (error);
    g_assert (ranges != NULL);
  }

  return 0;
}
