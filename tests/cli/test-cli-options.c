/* test-cli-options.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "ls-cli-options.h"

/* ls_cli_options_parse() as a fuzz target calls it: any argv in, options
 * or an error out, and nothing printed or exited. */

static gboolean
parse (LsCliOptions  *options,
       LsCliVerb      verb,
       const char   **args,
       GError       **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *) "lodestone-cli");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  return ls_cli_options_parse (options, verb, LS_CLI_PARSE_NO_HELP,
                               (const char * const *) argv->pdata, error);
}

static void
test_defaults (void)
{
  g_auto(LsCliOptions) options = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (parse (&options, LS_CLI_VERB_SHARES, (const char *[]) { NULL }, &error));
  g_assert_no_error (error);
  g_assert_cmpint (options.format, ==, LS_CLI_FORMAT_TEXT);
  g_assert_null (options.alliances);
  ls_cli_options_clear (&options);

  g_assert_true (parse (&options, LS_CLI_VERB_FLOWS, (const char *[]) { NULL }, &error));
  g_assert_cmpint (options.format, ==, LS_CLI_FORMAT_JSON);
  ls_cli_options_clear (&options);

  g_assert_true (parse (&options, LS_CLI_VERB_RENDER, (const char *[]) { "-o", "x.svg", NULL }, &error));
  g_assert_cmpint (options.output_format, ==, LS_EXPORT_SVG);
  g_assert_cmpint (options.view, ==, LS_EXPORT_SANKEY);
  g_assert_cmpint (options.width, ==, 1280);
  g_assert_cmpint (options.height, ==, 800);
  g_assert_cmpfloat (options.other_threshold, <, 0.0);
  g_assert_true (options.show_arcs);
}

static void
test_values (void)
{
  g_auto(LsCliOptions) options = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (parse (&options, LS_CLI_VERB_SHARES,
                        (const char *[]) { "--alliance", "msp", "--alliance=quad", "--add", "KOR",
                                           "--restrict", "separation:CHN:bloc:1", "--format", "csv", NULL },
                        &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (options.alliances), ==, 2);
  g_assert_cmpstr (options.alliances[1], ==, "quad");
  g_assert_cmpstr (options.add[0], ==, "KOR");
  g_assert_cmpstr (options.restrict_[0], ==, "separation:CHN:bloc:1");
  g_assert_cmpint (options.format, ==, LS_CLI_FORMAT_CSV);
  ls_cli_options_clear (&options);

  g_assert_true (parse (&options, LS_CLI_VERB_RENDER,
                        (const char *[]) { "--view", "map", "--output", "m.PNG", "--metric", "dependency",
                                           "--labels", "percent", "--color-by", "origin", "--no-arcs",
                                           "--font-scale", "9", "--stage", "metal", NULL },
                        &error));
  g_assert_no_error (error);
  g_assert_cmpint (options.view, ==, LS_EXPORT_MAP);
  g_assert_cmpint (options.output_format, ==, LS_EXPORT_PNG);
  g_assert_cmpint (options.metric, ==, LS_MAP_METRIC_DEPENDENCY);
  g_assert_cmpint (options.label_mode, ==, LS_LABEL_PERCENT);
  g_assert_cmpint (options.color_by, ==, LS_COLOR_BY_ORIGIN);
  g_assert_false (options.show_arcs);
  g_assert_cmpfloat (options.font_scale, ==, 4.0);
  g_assert_cmpstr (options.stage, ==, "metal");
  ls_cli_options_clear (&options);

  g_assert_true (parse (&options, LS_CLI_VERB_CHECK, (const char *[]) { "file.json", NULL }, &error));
  g_assert_cmpstr (options.file, ==, "file.json");
}

/* Each mistake is a usage error with the message the CLI prints, and
 * --help is one too: nothing exits. */
static void
test_errors (void)
{
  struct
  {
    LsCliVerb    verb;
    const char  *args[4];
    const char  *message;
  } cases[] = {
    { LS_CLI_VERB_SHARES, { "--help", NULL }, "see “lodestone-cli shares --help”" },
    { LS_CLI_VERB_SHARES, { "--no-such", NULL }, "see “lodestone-cli shares --help”" },
    { LS_CLI_VERB_SHARES, { "--format", "xml", NULL }, "--format: “xml” is not text, json or csv" },
    { LS_CLI_VERB_FLOWS, { "--format", "text", NULL }, "--format: “text” is not json or csv" },
    { LS_CLI_VERB_FLOWS, { "extra", NULL }, "flows takes no arguments (“extra”)" },
    { LS_CLI_VERB_CHECK, { "a", "b", NULL }, "check takes one FILE at most" },
    { LS_CLI_VERB_RENDER, { NULL }, "render needs --output FILE (.png, .svg or .pdf)" },
    { LS_CLI_VERB_RENDER, { "-o", "x.gif", NULL }, "--output: “x.gif” does not end in .png, .svg or .pdf" },
    { LS_CLI_VERB_RENDER, { "-o", "x.svg", "--width=8", NULL }, "--width and --height must be between 16 and 16384" },
    { LS_CLI_VERB_RENDER, { "-o", "x.svg", "--view=globe", NULL }, "--view: “globe” is not sankey or map" },
    { LS_CLI_VERB_RENDER, { "-o", "x.svg", "--other-threshold=0.9", NULL },
      "--other-threshold must be between 0 and 0.5" },
    { LS_CLI_VERB_RENDER, { "-o", "x.svg", "--metric=x", NULL },
      "--metric: “x” is not share, dependency or membership" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(LsCliOptions) options = { 0 };
      g_autoptr(GError) error = NULL;

      g_assert_false (parse (&options, cases[i].verb, cases[i].args, &error));
      g_assert_error (error, LS_CLI_ERROR, LS_CLI_ERROR_USAGE);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

/* Values the parser passes on are checked against the dataset; a
 * malformed one is a usage error, an unknown id bad input. */
static void
test_build_scenario (void)
{
  struct
  {
    const char *args[3];
    int         code;
  } cases[] = {
    { { "--friend-shoring", "2", NULL }, LS_CLI_ERROR_USAGE },
    { { "--restrict", "separation:CHN:bloc", NULL }, LS_CLI_ERROR_USAGE },
    { { "--capacity", "a:b", NULL }, LS_CLI_ERROR_USAGE },
    { { "--year", "-1", NULL }, LS_CLI_ERROR_USAGE },
    { { "--alliance", "no-such", NULL }, LS_CLI_ERROR_BAD_INPUT },
    { { "--restrict", "smelting:CHN:bloc:1", NULL }, LS_CLI_ERROR_BAD_INPUT },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LsDataset) dataset = ls_dataset_new_default (&error);

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(LsCliOptions) options = { 0 };
      g_autoptr(LsScenario) scenario = NULL;

      g_assert_true (parse (&options, LS_CLI_VERB_SHARES, cases[i].args, &error));
      g_assert_no_error (error);
      scenario = ls_cli_options_build_scenario (&options, dataset, &error);
      g_assert_null (scenario);
      g_assert_error (error, LS_CLI_ERROR, cases[i].code);
      g_clear_error (&error);
    }

  {
    g_auto(LsCliOptions) options = { 0 };
    g_autoptr(LsScenario) scenario = NULL;

    g_assert_true (parse (&options, LS_CLI_VERB_SHARES,
                          (const char *[]) { "--alliance", "msp", "--friend-shoring", "0.25", NULL }, &error));
    scenario = ls_cli_options_build_scenario (&options, dataset, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (ls_scenario_get_friend_shoring (scenario), ==, 0.25);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lodestone/cli/options/defaults", test_defaults);
  g_test_add_func ("/lodestone/cli/options/values", test_values);
  g_test_add_func ("/lodestone/cli/options/errors", test_errors);
  g_test_add_func ("/lodestone/cli/options/build-scenario", test_build_scenario);

  return g_test_run ();
}
