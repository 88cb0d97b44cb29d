/* ls-test-utils.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>

#include <json-glib/json-glib.h>

#include "ls-dataset.h"
#include "ls-result.h"
#include "ls-scenario.h"

G_BEGIN_DECLS

LsDataset *ls_test_load_dataset         (const char *json);
LsDataset *ls_test_load_dataset_file    (const char *name);
char      *ls_test_build_filename       (const char *name);

/* Tiny datasets for hand-computed cases. Countries are always AAA, BBB,
 * CCC, DDD, CHN (indices 0–4; "unknown" is 5); stages are the first
 * @n_stages of mining → separation → metal → magnets → use. Production
 * reads "mining AAA 100, separation CCC 50"; flows read
 * "mining AAA CCC 30, mining BBB CCC 10 e" (e: estimated). A last word
 * "LOW:HIGH" gives a figure a range (a ranged output is estimated). */
enum { AAA, BBB, CCC, DDD, CHN, UNK };

#define LS_TEST_EPS 1e-9
#define assert_close(a, b) \
  g_assert_cmpfloat_with_epsilon ((a), (double) (b), LS_TEST_EPS * MAX (1.0, fabs ((double) (b))))

char       *ls_test_build_dataset_json   (guint        n_stages,
                                          const char  *yields,
                                          const char  *members,
                                          const char  *production,
                                          const char  *flows);
char       *ls_test_build_dataset_json_full (guint      n_stages,
                                            const char *yields,
                                            const char *members,
                                            const char *production,
                                            const char *flows,
                                            const char *shares);
LsDataset  *ls_test_build_dataset        (guint        n_stages,
                                          const char  *yields,
                                          const char  *members,
                                          const char  *production,
                                          const char  *flows);
LsScenario *ls_test_scenario_new         (void);
LsResult   *ls_test_compute              (LsDataset   *dataset,
                                          LsScenario  *scenario);
void        ls_test_add_capacity         (LsScenario  *scenario,
                                          const char  *stage,
                                          const char  *country,
                                          double       delta);
/* The shipped dataset's no-lever result, with @alliance (nullable) as
 * the bloc. */
LsResult   *ls_test_default_result       (const char  *alliance);
/* The index of stage @id, which must exist. */
guint       ls_test_stage_index          (LsDataset   *dataset,
                                          const char  *id);
/* Fails when a word of @text reads "nan", "inf" or "infinity" (issue 14),
 * naming @where. */
void        ls_test_assert_no_non_finite (const char  *text,
                                          const char  *where);
void        ls_test_add_restriction      (LsScenario  *scenario,
                                          const char  *stage,
                                          const char  *from,
                                          const char  *to,
                                          double       fraction);

/* Removes the temporary folder @dir (from g_dir_make_tmp()) and the files
 * in it. */
void        ls_test_remove_tmp_dir       (const char  *dir);

/* Runs the CLI named by $LODESTONE_CLI with @args (%NULL-terminated, the
 * program left out), which must exit 0, and parses what it prints as JSON.
 * Returns %NULL when $LODESTONE_CLI is not set (a test of the render or UI
 * layer then checks its own figures only). */
JsonNode   *ls_test_run_cli_json         (const char * const *args);
/* The object of stage @id in what `lodestone-cli shares --format json`
 * prints; the stage must be there. */
JsonObject *ls_test_cli_stage            (JsonNode    *shares,
                                          const char  *id);

/* Whether wall-clock expectations of the UI tests can hold in this build
 * (three edits within the 800 ms in which undo merges them). Not under
 * AddressSanitizer: there one recomputation of the window can take longer
 * than the interval, so such a check would measure the sanitizer, not our
 * code. */
static inline gboolean
ls_test_timing_holds (void)
{
#if defined (__SANITIZE_ADDRESS__)
  return FALSE;
#elif defined (__has_feature)
# if __has_feature (address_sanitizer)
  return FALSE;
# else
  return TRUE;
# endif
#else
  return TRUE;
#endif
}

G_END_DECLS
