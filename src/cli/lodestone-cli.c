/* lodestone-cli.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lodestone-cli"

#include "config.h"

#include <stdio.h>

#include "ls-locale.h"

#include "ls-cli-layout.h"
#include "ls-cli-options.h"
#include "ls-cli-verbs.h"

/* The verbs: check, shares, flows and render read their options through
 * ls_cli_options_parse() (ls-cli-options.c) and live in ls-cli-VERB.c;
 * layout reads its own. */

static void
print_usage (FILE *stream)
{
  fprintf (stream,
           "Usage: lodestone-cli VERB [OPTIONS]\n"
           "\n"
           "Rare-earth supply chains by country, rebalanced under alliance and scenario levers.\n"
           "\n"
           "Verbs:\n"
           "  check [FILE]   Validate a dataset or scenario file\n"
           "  shares         Per-stage shares and the bloc's dependency\n"
           "  flows          Every flow of the baseline and the result (JSON)\n"
           "  layout GRAPH   Lay out a generic Sankey graph (JSON in, JSON out)\n"
           "  render         Draw the Sankey or the map to PNG, SVG or PDF\n"
           "\n"
           "“lodestone-cli VERB --help” describes each verb's options.\n");
}

static const struct
{
  const char *name;
  LsCliVerb   verb;
  int       (*run) (const LsCliOptions *options);
} verbs[] = {
  { "check", LS_CLI_VERB_CHECK, ls_cli_check },
  { "shares", LS_CLI_VERB_SHARES, ls_cli_shares },
  { "flows", LS_CLI_VERB_FLOWS, ls_cli_flows },
  { "render", LS_CLI_VERB_RENDER, ls_cli_render },
};

int
main (int    argc,
      char **argv)
{
  const char *verb;

  /* Figures drawn by render are in the user's language; numbers in
   * human text follow the locale, CSV and JSON do not (ls-format.c). */
  ls_locale_init ();

  if (argc < 2)
    {
      print_usage (stderr);
      return LS_CLI_EXIT_USAGE;
    }

  verb = argv[1];

  if (g_str_equal (verb, "--help") || g_str_equal (verb, "-h") || g_str_equal (verb, "help"))
    {
      print_usage (stdout);
      return LS_CLI_EXIT_OK;
    }

  if (g_str_equal (verb, "--version"))
    {
      g_print ("lodestone-cli %s\n", PACKAGE_VERSION);
      return LS_CLI_EXIT_OK;
    }

  /* Each verb reads the rest as its own command line. */
  argv[1] = argv[0];
  argc--;
  argv++;

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    if (g_str_equal (verb, verbs[i].name))
      {
        g_auto(LsCliOptions) options = { 0 };
        g_autoptr(GError) error = NULL;

        if (!ls_cli_options_parse (&options, verbs[i].verb, LS_CLI_PARSE_DEFAULT,
                                   (const char * const *) argv, &error))
          return ls_cli_fail_with_error (error);

        return verbs[i].run (&options);
      }

  if (g_str_equal (verb, "layout"))
    return ls_cli_layout (argc, argv);

  ls_cli_fail (LS_CLI_EXIT_USAGE, "unknown verb “%s”", verb);
  print_usage (stderr);
  return LS_CLI_EXIT_USAGE;
}
