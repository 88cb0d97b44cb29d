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

#include "ls-sankey-layout.h"

/* The layout verb: any Sankey graph, laid out by the same code as the app's
 * figure, for comparison with other layouts. */
int
ls_cli_layout (int    argc,
               char **argv)
{
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
                                "link bands as JSON.");

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("lodestone-cli: %s (see “lodestone-cli layout --help”)\n", error->message);
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

  layout = ls_sankey_layout_compute (graph, &options);
  json = ls_sankey_layout_to_json (layout);
  g_print ("%s\n", json);

  return 0;
}
