/* fuzz-calibration.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "ls-calibration.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static LsDataset *dataset;

/* What `lodestone-cli check --calibration` does with a file: any input
 * either loads or fails with an error; targets that load are evaluated
 * against the shipped dataset, exactly and with a few draws for the
 * ranges, and either evaluate or fail with an error naming what the
 * dataset lacks. A defined figure lies within its own range. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(LsCalibration) calibration = NULL;
  g_autoptr(GError) error = NULL;
  guint n_targets;

  if (dataset == NULL)
    {
      dataset = ls_dataset_new_default (&error);
      g_assert_no_error (error);
    }

  calibration = ls_calibration_new_from_bytes (bytes, "fuzz.json", &error);
  if (calibration == NULL)
    {
      g_assert (error != NULL && error->domain == LS_DATA_ERROR);
      return 0;
    }

  n_targets = ls_calibration_get_n_targets (calibration);
  for (guint i = 0; i < n_targets; i++)
    g_assert (ls_calibration_get_target (calibration, i)->id != NULL);

  for (guint n_samples = 0; n_samples <= 8; n_samples += 8)
    {
      g_autofree LsCalibrationCheck *checks = NULL;

      checks = ls_calibration_evaluate (calibration, dataset, n_samples, NULL, &error);
      if (checks == NULL)
        {
          g_assert (error != NULL && error->domain == LS_DATA_ERROR);
          return 0;
        }

      for (guint i = 0; i < n_targets; i++)
        if (checks[i].defined)
          g_assert (isfinite (checks[i].model) &&
                    checks[i].low <= checks[i].model && checks[i].model <= checks[i].high);
    }

  return 0;
}
