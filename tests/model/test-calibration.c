/* test-calibration.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Calibration targets: loading, the errors a bad file gives, and each
 * metric evaluated on a hand-computed tiny dataset. */

#include "ls-calibration.h"
#include "ls-test-utils.h"

/* AAA mines 100 (80–120), CCC 50; BBB separates 60 and gets its ore pro
 * rata: 40 from AAA, 20 from CCC. DDD separates 30 from its own 30. */
static LsDataset *
build_dataset (void)
{
  return ls_test_build_dataset (2, NULL, "AAA BBB",
                                "mining AAA 100 80:120, mining CCC 50, mining DDD 30, "
                                "separation BBB 60, separation DDD 30", "");
}

static LsCalibration *
load (const char *targets,
      GError    **error)
{
  g_autofree char *json = g_strdup_printf ("{\"format\": \"lodestone-calibration\", \"version\": 1,\n"
                                           " \"targets\": [%s]}", targets);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  return ls_calibration_new_from_bytes (bytes, "calibration.json", error);
}

static void
test_calibration_metrics (void)
{
  LsDataset *dataset = build_dataset ();
  g_autoptr(GError) error = NULL;
  g_autofree LsCalibrationCheck *checks = NULL;
  LsCalibration *calibration;

  calibration = load ("{\"id\": \"aaa-share\", \"description\": \"d\", \"year\": 2024, \"metric\": \"world_share\",\n"
                      "  \"stage\": \"mining\", \"country\": \"AAA\", \"value\": 0.55, \"tolerance\": 0.01, \"source\": \"s1\"},\n"
                      " {\"id\": \"bbb-from-ccc\", \"description\": \"d\", \"year\": 2024, \"metric\": \"import_share\",\n"
                      "  \"stage\": \"mining\", \"importer\": \"BBB\", \"supplier\": \"CCC\", \"value\": 0.3,\n"
                      "  \"tolerance\": 0.05, \"source\": \"s1\", \"basis\": \"tonnes\", \"note\": \"n\"},\n"
                      " {\"id\": \"bloc-from-ccc\", \"description\": \"d\", \"year\": 2024, \"metric\": \"import_share\",\n"
                      "  \"stage\": \"mining\", \"importer\": \"al\", \"supplier\": \"CCC\", \"value\": 1,\n"
                      "  \"tolerance\": 0, \"source\": \"s1\"},\n"
                      " {\"id\": \"dependency\", \"description\": \"d\", \"year\": 2024, \"metric\": \"dependency\",\n"
                      "  \"stage\": \"mining\", \"alliances\": [\"al\"], \"value\": 0.3, \"tolerance\": 0.1, \"source\": \"s1\"},\n"
                      " {\"id\": \"ddd-imports\", \"description\": \"d\", \"year\": 2024, \"metric\": \"import_share\",\n"
                      "  \"stage\": \"mining\", \"importer\": \"DDD\", \"supplier\": \"AAA\", \"value\": 0.5,\n"
                      "  \"tolerance\": 0.5, \"source\": \"s1\"},\n"
                      " {\"id\": \"total\", \"description\": \"d\", \"year\": 2024, \"metric\": \"stage_total\",\n"
                      "  \"stage\": \"separation\", \"value\": 95, \"tolerance\": 10, \"source\": \"s1\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ls_calibration_get_n_targets (calibration), ==, 6);
  g_assert_cmpstr (ls_calibration_get_target (calibration, 1)->basis, ==, "tonnes");
  g_assert_cmpstr (ls_calibration_get_target (calibration, 1)->note, ==, "n");

  checks = ls_calibration_evaluate (calibration, dataset, 50, NULL, &error);
  g_assert_no_error (error);

  /* 100 of 180 t mined: 55.6 %, within 1 point of 55 %; its range is
   * that of 80–120 of 160–200 t. */
  assert_close (checks[0].model, 100.0 / 180);
  g_assert_true (checks[0].met);
  g_assert_cmpfloat (checks[0].low, <, checks[0].model);
  g_assert_cmpfloat (checks[0].high, >, checks[0].model);

  /* BBB's imports: 40 from AAA, 20 from CCC; a third from CCC. */
  assert_close (checks[1].model, 1.0 / 3);
  assert_close (checks[1].difference, 1.0 / 3 - 0.3);
  g_assert_true (checks[1].met);

  /* The alliance as importer: AAA → BBB is internal, so all its imports
   * come from CCC. */
  assert_close (checks[2].model, 1);
  g_assert_true (checks[2].met);

  /* The bloc's dependency: 20 of its 60 t from CCC. */
  assert_close (checks[3].model, 1.0 / 3);
  g_assert_true (checks[3].met);

  /* DDD imports nothing: no figure to compare, the target is missed. */
  g_assert_false (checks[4].defined);
  g_assert_false (checks[4].met);

  assert_close (checks[5].model, 90);
  g_assert_true (checks[5].met);

  g_assert_finalize_object (calibration);
  g_assert_finalize_object (dataset);
}

static void
test_calibration_errors (void)
{
  LsDataset *dataset = build_dataset ();
  g_autoptr(GError) error = NULL;
  LsCalibration *calibration;

  calibration = load ("{\"id\": \"x\", \"description\": \"d\", \"year\": 2024, \"metric\": \"share\",\n"
                      "  \"stage\": \"mining\", \"value\": 0.5, \"tolerance\": 0.01, \"source\": \"s1\"}", &error);
  g_assert_null (calibration);
  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "calibration.json:2:"));
  g_assert_nonnull (strstr (error->message, "$.targets[0].metric"));
  g_clear_error (&error);

  calibration = load ("{\"id\": \"x\", \"description\": \"d\", \"year\": 2024, \"metric\": \"world_share\",\n"
                      "  \"stage\": \"mining\", \"country\": \"AAA\", \"value\": 1.5, \"tolerance\": 0.01, \"source\": \"s1\"}",
                      &error);
  g_assert_null (calibration);
  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "$.targets[0].value"));
  g_clear_error (&error);

  /* Ids are checked against the dataset when evaluated. */
  calibration = load ("{\"id\": \"x\", \"description\": \"d\", \"year\": 2024, \"metric\": \"import_share\",\n"
                      "  \"stage\": \"mining\", \"importer\": \"ZZZ\", \"supplier\": \"AAA\", \"value\": 0.5,\n"
                      "  \"tolerance\": 0.01, \"source\": \"s1\"}", &error);
  g_assert_no_error (error);
  g_assert_null (ls_calibration_evaluate (calibration, dataset, 0, NULL, &error));
  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_UNKNOWN_ID);
  g_assert_nonnull (strstr (error->message, "calibration.json:2:"));
  g_assert_nonnull (strstr (error->message, "$.targets[0].importer"));
  g_clear_error (&error);
  g_assert_finalize_object (calibration);

  calibration = load ("{\"id\": \"x\", \"description\": \"d\", \"year\": 2019, \"metric\": \"stage_total\",\n"
                      "  \"stage\": \"mining\", \"value\": 5, \"tolerance\": 1, \"source\": \"s1\"}", &error);
  g_assert_no_error (error);
  g_assert_null (ls_calibration_evaluate (calibration, dataset, 0, NULL, &error));
  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_UNKNOWN_ID);
  g_assert_nonnull (strstr (error->message, "$.targets[0].year"));
  g_assert_finalize_object (calibration);

  g_assert_finalize_object (dataset);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lodestone/model/calibration/metrics", test_calibration_metrics);
  g_test_add_func ("/lodestone/model/calibration/errors", test_calibration_errors);

  return g_test_run ();
}
