/* ls-cli-json.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lodestone-cli"

#include "config.h"

#include "ls-cli-json.h"

#include <math.h>

/* What `shares` and `flows` both write in their JSON. Numbers go through
 * json-glib, which writes them with a "." whatever the locale. */

/**
 * ls_cli_json_add_number:
 * @builder: a builder inside an object
 * @name: the member's name
 * @value: its value
 */
void
ls_cli_json_add_number (JsonBuilder *builder,
                        const char  *name,
                        double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

/**
 * ls_cli_json_add_year_and_bloc:
 * @builder: a builder inside an object
 * @result: a result
 *
 * Adds "year" and "bloc" (the ISO3 codes of @result's bloc members), with
 * which `shares` and `flows` documents begin.
 */
void
ls_cli_json_add_year_and_bloc (JsonBuilder    *builder,
                               const LsResult *result)
{
  LsDataset *dataset = ls_result_get_dataset (result);

  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, ls_result_get_year (result));
  json_builder_set_member_name (builder, "bloc");
  json_builder_begin_array (builder);
  for (guint c = 0; c < ls_result_get_n_countries (result); c++)
    if (ls_result_is_member (result, c))
      json_builder_add_string_value (builder, ls_dataset_get_country_id (dataset, c));
  json_builder_end_array (builder);
}

/**
 * ls_cli_json_add_evidence:
 * @builder: a builder inside an object
 * @name: the member's name
 * @split: where a figure's tonnes come from
 *
 * Adds {"published", "estimated", "modelled"}: fractions of the tonnes
 * behind a figure (src/model/README.md "Evidence").
 */
void
ls_cli_json_add_evidence (JsonBuilder           *builder,
                          const char            *name,
                          const LsEvidenceSplit *split)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  ls_cli_json_add_number (builder, "published", split->part[LS_EVIDENCE_PUBLISHED]);
  ls_cli_json_add_number (builder, "estimated", split->part[LS_EVIDENCE_ESTIMATED]);
  ls_cli_json_add_number (builder, "modelled", split->part[LS_EVIDENCE_MODELLED]);
  json_builder_end_object (builder);
}

/**
 * ls_cli_json_add_dependency:
 * @builder: a builder where a value goes
 * @result: a result
 * @stage: a stage index
 *
 * Adds {"non_bloc_share", "by_supplier": {ISO3: share}}, or null where the
 * dependency is undefined (DESIGN.md "Shares reported").
 */
void
ls_cli_json_add_dependency (JsonBuilder    *builder,
                            const LsResult *result,
                            guint           stage)
{
  LsDataset *dataset = ls_result_get_dataset (result);
  double dependency;

  if (!ls_result_get_dependency (result, stage, &dependency))
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  ls_cli_json_add_number (builder, "non_bloc_share", dependency);
  json_builder_set_member_name (builder, "by_supplier");
  json_builder_begin_object (builder);
  for (guint i = 0; i <= ls_result_get_n_countries (result); i++)
    if (ls_result_get_dependency_on (result, stage, i) > 0.0)
      ls_cli_json_add_number (builder, ls_dataset_get_country_id (dataset, i),
                              ls_result_get_dependency_on (result, stage, i));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

/* The path of the first number in @node that is not finite, or NULL:
 * JSON has no NaN or infinity, and a reader given "NaN" fails on the
 * whole document (issue 14). */
static char *
find_non_finite (JsonNode   *node,
                 const char *path)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_DOUBLE && !isfinite (json_node_get_double (node)))
        return g_strdup (path);
      return NULL;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            g_autofree char *element = g_strdup_printf ("%s[%u]", path, i);
            char *found = find_non_finite (json_array_get_element (array, i), element);

            if (found != NULL)
              return found;
          }
        return NULL;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            g_autofree char *member_path = g_strdup_printf ("%s.%s", path, name);
            char *found = find_non_finite (member, member_path);

            if (found != NULL)
              return found;
          }
        return NULL;
      }

    case JSON_NODE_NULL:
    default:
      return NULL;
    }
}

/**
 * ls_cli_json_print:
 * @builder: a finished builder
 * @error: return location for a #GError
 *
 * Prints the builder's document to stdout, indented by two spaces — but
 * nothing when a number of it is not finite, which JSON cannot hold.
 *
 * Returns: %FALSE, with @error naming the number's path, when nothing was
 *   printed
 */
gboolean
ls_cli_json_print (JsonBuilder  *builder,
                   GError      **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;
  g_autofree char *bad = find_non_finite (root, "$");

  if (bad != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: not a finite number; no JSON written", bad);
      return FALSE;
    }

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);

  return TRUE;
}
