/* ls-cli-layout.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lodestone-cli"

#include "config.h"

#include "ls-cli-layout.h"

#include <gio/gio.h>
#include <math.h>

#include "ls-sankey-layout.h"

/* The layout verb: any Sankey graph, laid out by the same code as the app's
 * figure, for comparison with other layouts; with --exact, the order with
 * the fewest weighted crossings, proven optimal within the time limit or
 * said not to be. */
int
ls_cli_layout (int    argc,
               char **argv)
{
  gboolean exact = FALSE;
  double time_limit = 10;
  const GOptionEntry entries[] = {
    { "exact", 0, 0, G_OPTION_ARG_NONE, &exact,
      "Solve for the order with the fewest weighted crossings exactly (an integer program)", NULL },
    { "time-limit", 0, 0, G_OPTION_ARG_DOUBLE, &time_limit,
      "Seconds the exact solver may take (default 10; 0 for no limit)", "S" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LsSankeyGraph) graph = NULL;
  g_autoptr(LsSankeyLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  g_autofree char *json = NULL;
  LsSankeyLayoutOptions options;

  context = g_option_context_new ("layout GRAPH.json");
  g_option_context_set_summary (context,
                                "Lays out a Sankey graph {\"width\", \"height\", \"nodes\": [{\"id\", \"column\", \"label\"}], "
                                "\"links\": [{\"source\", \"target\", \"value\"}]} and prints the node rectangles and "
                                "link bands as JSON, with how the order was found: \"order\": {\"status\", "
                                "\"optimal\", \"weighted_crossings\", \"crossings\", \"bound\"}.");
  g_option_context_add_main_entries (context, entries, NULL);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("lodestone-cli: %s (see “lodestone-cli layout --help”)\n", error->message);
      return 2;
    }

  if (!(time_limit >= 0) || !isfinite (time_limit))
    {
      g_printerr ("lodestone-cli: --time-limit takes a number of seconds ≥ 0 (see “lodestone-cli layout --help”)\n");
      return 2;
    }

  if (argc != 2)
    {
      g_printerr ("lodestone-cli: layout takes one GRAPH.json (see “lodestone-cli layout --help”)\n");
      return 2;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  name = g_file_get_parse_name (file);

  if (!(bytes = g_file_load_bytes (file, NULL, NULL, &error)))
    {
      g_printerr ("lodestone-cli: %s: %s\n", name, error->message);
      return 1;
    }

  if (!(graph = ls_sankey_graph_new_from_json (bytes, name, &error)))
    {
      g_strdelimit (error->message, "\n", ' ');
      g_printerr ("lodestone-cli: %s\n", error->message);
      return 1;
    }

  ls_sankey_layout_options_init (&options);
  options.width = ls_sankey_graph_get_width (graph);
  options.height = ls_sankey_graph_get_height (graph);
  options.exact = exact;
  options.time_limit = time_limit;

  layout = ls_sankey_layout_compute (graph, &options);
  json = ls_sankey_layout_to_json (layout);
  g_print ("%s\n", json);

  return 0;
}
