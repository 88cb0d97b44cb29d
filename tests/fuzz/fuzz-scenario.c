/* fuzz-scenario.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "ls-dataset.h"
#include "ls-result.h"
#include "ls-scenario.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static LsDataset *dataset;

/* Any input either loads or fails with an error; a scenario that loads
 * and validates against the shipped dataset must rebalance, and must
 * survive a save/load round trip unchanged. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(LsScenario) scenario = NULL;
  g_autoptr(LsScenario) again = NULL;
  g_autoptr(LsResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) saved = NULL;
  char *text;
  gsize length;

  if (dataset == NULL)
    {
      dataset = ls_dataset_new_default (&error);
      g_assert_no_error (error);
    }

  scenario = ls_scenario_new_from_bytes (bytes, "fuzz.json", &error);
  if (scenario == NULL)
    {
      g_assert (error != NULL && error->domain == LS_DATA_ERROR);
      return 0;
    }

  text = ls_scenario_to_data (scenario, &length);
  saved = g_bytes_new_take (text, length);
  again = ls_scenario_new_from_bytes (saved, "saved.json", &error);
  g_assert_no_error (error);
  g_assert (ls_scenario_equal (scenario, again));

  if (!ls_scenario_validate (scenario, dataset, &error))
    {
      g_assert (error->domain == LS_DATA_ERROR);
      return 0;
    }

  result = ls_result_new (dataset, scenario, &error);
  g_assert_no_error (error);

  return 0;
}
