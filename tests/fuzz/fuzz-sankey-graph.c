/* fuzz-sankey-graph.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "ls-sankey-layout.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

/* Walks the layout's JSON output: it must be well-formed and hold only
 * finite numbers (json-glib reads "nan" and "inf" as a parse error, but
 * an overflowing literal such as 1e999 as an infinite double). */
static void
check_finite (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, NULL, &member))
          check_finite (member);
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          check_finite (json_array_get_element (array, i));
      }
      break;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
        g_assert (isfinite (json_node_get_double (node)));
      break;

    case JSON_NODE_NULL:
    default:
      break;
    }
}

/* What `lodestone-cli layout` does with a file: any input either reads or
 * fails with an error; a graph that reads is laid out in its own extent,
 * and the layout printed as JSON must be valid, finite JSON. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(LsSankeyGraph) graph = NULL;
  g_autoptr(LsSankeyLayout) layout = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  LsSankeyLayoutOptions options;

  graph = ls_sankey_graph_new_from_json (bytes, "fuzz.json", &error);
  if (graph == NULL)
    {
      g_assert (error != NULL && error->domain == LS_SANKEY_GRAPH_ERROR);
      return 0;
    }
  g_assert_no_error (error);

  ls_sankey_layout_options_init (&options);
  options.width = ls_sankey_graph_get_width (graph);
  options.height = ls_sankey_graph_get_height (graph);

  layout = ls_sankey_layout_compute (graph, &options);
  g_assert (layout != NULL);

  json = ls_sankey_layout_to_json (layout);
  g_assert (json != NULL);

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, &error))
    g_error ("the layout printed invalid JSON: %s", error->message);
  check_finite (json_parser_get_root (parser));

  return 0;
}
