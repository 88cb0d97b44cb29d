/* fuzz-cli-options.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ls-cli-options.h"
#include "ls-ranges.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

/* The input is a command line: its tokens are separated by newlines or
 * NULs, and the first one names the verb (check, shares, flows or
 * render; anything else picks one by its first byte), so that a seed
 * reads as the command it is:
 *
 *   shares
 *   --alliance
 *   msp
 *   --capacity=separation:KOR:1e308
 */

static LsDataset *dataset;

/* Where stdout goes: a file that must stay empty. */
static int stdout_fd = -1;

/* --data and --scenario name files, and the fuzzer could name any file
 * (/dev/zero, /dev/stdin) and hang. Files are fuzzed by fuzz-dataset and
 * fuzz-scenario; here a name is one of the shipped files below, matched
 * by its basename so that "data/scenarios/02-korea-us-alliance.json"
 * works, or else a file that does not exist, so that the error path runs
 * too. */
static const char * const shipped_files[] = {
  "data/datasets/rare-earths.json",
  "data/scenarios/01-baseline-2024.json",
  "data/scenarios/02-korea-us-alliance.json",
  "data/scenarios/03-china-restricts-oxides.json",
  "data/scenarios/04-diversify-us-vietnam-laos.json",
  "tests/fixtures/model-small.json",
  "tests/fixtures/bad-negative.json",
};

static void
replace_file (char **name)
{
  const char *base;

  if (*name == NULL)
    return;

  base = strrchr (*name, '/');
  base = base != NULL ? base + 1 : *name;

  for (guint i = 0; i < G_N_ELEMENTS (shipped_files); i++)
    if (g_str_equal (base, strrchr (shipped_files[i], '/') + 1))
      {
        g_free (*name);
        *name = g_build_filename (LS_FUZZ_SOURCE_DIR, shipped_files[i], NULL);
        return;
      }

  g_free (*name);
  *name = g_build_filename (LS_FUZZ_SOURCE_DIR, "tests", "fuzz", "no-such-file.json", NULL);
}

/* A verb must not print (g_print is how the CLI writes to stdout), but
 * the options and the model never do. */
static void
print_handler (const char *text)
{
  g_error ("printed to stdout: %s", text);
}

static void
check_finite (const char *what,
              guint       stage,
              double      value)
{
  if (!isfinite (value))
    g_error ("%s of stage %u is %g", what, stage, value);
}

/* A share or fraction: finite, and in [0, 1] up to rounding. */
static void
check_fraction (const char *what,
                guint       stage,
                double      value)
{
  check_finite (what, stage, value);
  if (value < -1e-9 || value > 1.0 + 1e-9)
    g_error ("%s of stage %u is %g, not in [0, 1]", what, stage, value);
}

/* Every figure `shares` and `flows` print, finite: issue 14 ("no output
 * of shares, flows, layout or render can show nan or inf"). */
static void
check_result (const LsResult *result)
{
  guint S = ls_result_get_n_stages (result);
  guint C = ls_result_get_n_countries (result);

  for (guint s = 0; s < S; s++)
    {
      LsNeedSplit need;
      double value;

      check_finite ("the output", s, ls_result_get_stage_total (result, s));
      check_finite ("the shortfall", s, ls_result_get_stage_shortfall (result, s));
      check_finite ("the unallocated output", s, ls_result_get_unallocated (result, s));
      check_finite ("the unknown origin", s, ls_result_get_unknown_origin (result, s));
      check_finite ("the unknown supply", s, ls_result_get_unknown_supply (result, s));
      check_finite ("the bloc's intake", s, ls_result_get_bloc_intake (result, s));
      check_fraction ("the bloc's share", s, ls_result_get_bloc_share (result, s));
      check_fraction ("China's share", s, ls_result_get_china_share (result, s));
      check_fraction ("the rest's share", s, ls_result_get_rest_share (result, s));
      check_fraction ("the top-3 share", s, ls_result_get_top3_share (result, s, NULL));
      check_finite ("the HHI", s, ls_result_get_hhi (result, s));
      if (ls_result_get_dependency (result, s, &value))
        check_fraction ("the dependency", s, value);
      ls_result_get_top_supplier (result, s, &value);
      check_finite ("the top supplier's share", s, value);
      if (ls_result_get_need_split (result, s, &need))
        {
          check_finite ("the need", s, need.need);
          check_finite ("the need met by members", s, need.members);
          check_finite ("the need met by China", s, need.china);
          check_finite ("the need met by others", s, need.other);
          check_finite ("the unmet need", s, need.unmet);
        }

      for (guint c = 0; c <= C; c++)
        {
          check_finite ("a dependency", s, ls_result_get_dependency_on (result, s, c));
          check_finite ("a traced origin", s, ls_result_get_traced_origin (result, s, 0, c));

          for (guint to = 0; to < C; to++)
            {
              check_finite ("a flow", s, ls_result_get_flow (result, s, c, to));
              check_finite ("a baseline flow", s, ls_result_get_baseline_flow (result, s, c, to));
            }

          if (c == C)
            break;

          check_finite ("a country's output", s, ls_result_get_production (result, s, c));
          check_finite ("a country's baseline output", s, ls_result_get_baseline_production (result, s, c));
          check_finite ("a country's shortfall", s, ls_result_get_shortfall (result, s, c));
          check_finite ("a country's unallocated output", s, ls_result_get_country_unallocated (result, s, c));
          check_fraction ("a country's share", s, ls_result_get_share (result, s, c));
        }
    }
}

/* The ranges `shares --format json` prints. */
static void
check_ranges (const LsResult *result,
              LsScenario     *scenario,
              guint           n_samples)
{
  g_autoptr(LsRanges) ranges = NULL;
  g_autoptr(GError) error = NULL;
  guint S = ls_result_get_n_stages (result);

  ranges = ls_ranges_new (ls_result_get_baseline (result), scenario, n_samples, NULL, &error);
  g_assert_no_error (error);

  for (guint s = 0; s < S; s++)
    {
      LsNeedSplit low;
      LsNeedSplit high;
      double lo;
      double hi;

      ls_ranges_get_bloc_share (ranges, s, &lo, &hi);
      check_fraction ("the bloc's share, low", s, lo);
      check_fraction ("the bloc's share, high", s, hi);
      ls_ranges_get_china_share (ranges, s, &lo, &hi);
      check_fraction ("China's share, low", s, lo);
      check_fraction ("China's share, high", s, hi);
      ls_ranges_get_rest_share (ranges, s, &lo, &hi);
      check_fraction ("the rest's share, low", s, lo);
      check_fraction ("the rest's share, high", s, hi);
      if (ls_ranges_get_dependency (ranges, s, &lo, &hi))
        {
          check_fraction ("the dependency, low", s, lo);
          check_fraction ("the dependency, high", s, hi);
        }
      if (ls_ranges_get_need_split (ranges, s, &low, &high))
        {
          check_finite ("the need met by members, low", s, low.members);
          check_finite ("the need met by members, high", s, high.members);
          check_finite ("the unmet need, low", s, low.unmet);
          check_finite ("the unmet need, high", s, high.unmet);
        }
    }
}

static void
check_nothing_printed (void)
{
  struct stat info;

  fflush (stdout);
  g_assert (fstat (stdout_fd, &info) == 0);
  if (info.st_size != 0)
    g_error ("%lld bytes printed to stdout", (long long) info.st_size);
}

static void
check_usage_error (const GError *error)
{
  g_assert (error != NULL);
  g_assert (error->domain == LS_CLI_ERROR);
  g_assert (error->code == LS_CLI_ERROR_USAGE || error->code == LS_CLI_ERROR_BAD_INPUT);
  g_assert (error->message != NULL && error->message[0] != '\0');
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  FILE *file;

  g_set_print_handler (print_handler);

  /* Anything written to stdout otherwise (printf, GOption's help) lands
   * in a file checked after every input. */
  file = tmpfile ();
  g_assert (file != NULL);
  fflush (stdout);
  g_assert (dup2 (fileno (file), STDOUT_FILENO) == STDOUT_FILENO);
  stdout_fd = fileno (file);

  dataset = ls_dataset_new_default (&error);
  g_assert_no_error (error);

  return 0;
}

/* Any command line either parses or fails with a usage error, without
 * printing or exiting; options that parse either build a scenario that
 * is valid for the dataset (the embedded one, or --data through
 * ls_cli_options_compute()), or fail with an error; the result they
 * compute, and the ranges `shares --format json` adds, hold only finite
 * figures and shares in [0, 1]. */
static void
run (const guint8 *data,
     size_t        size)
{
  static const char * const verbs[] = { "check", "shares", "flows", "render" };
  g_auto(LsCliOptions) options = { 0 };
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LsScenario) scenario = NULL;
  g_autoptr(LsResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LsCliVerb verb;
  size_t start = 0;
  size_t end;

  if (size == 0)
    return;

  /* The first token: a verb's name, else the first byte picks one. */
  for (end = 0; end < size && data[end] != '\n' && data[end] != '\0'; end++)
    ;
  verb = data[0] % G_N_ELEMENTS (verbs);
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    if (end == strlen (verbs[i]) && memcmp (data, verbs[i], end) == 0)
      verb = i;

  g_ptr_array_add (argv, g_strdup ("lodestone-cli"));
  for (start = end + 1; start <= size; start = end + 1)
    {
      for (end = start; end < size && data[end] != '\n' && data[end] != '\0'; end++)
        ;
      if (start == size)
        break;
      g_ptr_array_add (argv, g_strndup ((const char *) data + start, end - start));
    }
  g_ptr_array_add (argv, NULL);

  if (!ls_cli_options_parse (&options, verb, LS_CLI_PARSE_NO_HELP,
                             (const char * const *) argv->pdata, &error))
    {
      g_assert (error != NULL && error->domain == LS_CLI_ERROR && error->code == LS_CLI_ERROR_USAGE);
      return;
    }
  g_assert_no_error (error);

  replace_file (&options.data);
  replace_file (&options.scenario);

  if (options.data == NULL)
    {
      /* Without --data, ls_cli_options_compute() is
       * ls_dataset_new_default() and then this; loading the embedded
       * dataset once per input would take most of the time (tens of
       * milliseconds under the sanitizers), so it is loaded once. */
      scenario = ls_cli_options_build_scenario (&options, dataset, &error);
      if (scenario == NULL)
        {
          check_usage_error (error);
          return;
        }
      g_assert_no_error (error);
      result = ls_result_new (dataset, scenario, &error);
      g_assert_no_error (error);
    }
  else
    {
      /* What the verbs call: loads --data, builds the scenario and
       * computes. */
      result = ls_cli_options_compute (&options, &scenario, &error);
      if (result == NULL)
        {
          check_usage_error (error);
          return;
        }
      g_assert_no_error (error);
      g_assert (scenario != NULL);
    }

  check_result (result);

  /* Only `shares --format json` draws ranges (with --samples draws; one
   * or two here, which reach the same code: a draw takes as long as a
   * rebalance). */
  if (options.verb == LS_CLI_VERB_SHARES && options.format == LS_CLI_FORMAT_JSON)
    check_ranges (result, scenario, CLAMP (options.samples, 1, 2));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  run (data, size);
  check_nothing_printed ();

  return 0;
}
