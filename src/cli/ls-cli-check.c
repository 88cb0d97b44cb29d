/* ls-cli-check.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lodestone-cli"

#include "config.h"

#include "ls-cli-verbs.h"

#include <json-glib/json-glib.h>

#include "ls-cli-calibration.h"

/* `check [FILE]`: validates a dataset or a scenario file, or the embedded
 * dataset; with --calibration, checks a dataset against its calibration
 * targets (ls-cli-calibration.c). */

static gboolean
is_scenario_file (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  const char *format;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
    return FALSE;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  format = json_object_get_string_member_with_default (json_node_get_object (root), "format", "");
  return g_str_equal (format, "lodestone-scenario");
}

int
ls_cli_check (const LsCliOptions *options)
{
  g_autoptr(LsDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;

  if (options->calibration || options->targets != NULL)
    {
      if (options->file != NULL)
        {
          g_autoptr(GFile) data_file = g_file_new_for_commandline_arg (options->file);

          if (!(dataset = ls_dataset_new_from_file (data_file, NULL, &error)))
            return ls_cli_fail (LS_CLI_EXIT_BAD_INPUT, "%s", error->message);
        }
      else if (!(dataset = ls_cli_options_load_dataset (options, &error)))
        return ls_cli_fail_with_error (error);

      return ls_cli_check_calibration (dataset, options->targets, options->calibration_format, options->samples);
    }

  if (options->file == NULL)
    {
      if (!(dataset = ls_cli_options_load_dataset (options, &error)))
        return ls_cli_fail_with_error (error);

      g_print ("%s: valid dataset\n", ls_dataset_get_filename (dataset));
      return LS_CLI_EXIT_OK;
    }

  file = g_file_new_for_commandline_arg (options->file);
  name = g_file_get_parse_name (file);

  if (!(bytes = g_file_load_bytes (file, NULL, NULL, &error)))
    return ls_cli_fail (LS_CLI_EXIT_BAD_INPUT, "%s: %s", name, error->message);

  if (is_scenario_file (bytes))
    {
      g_autoptr(LsScenario) scenario = NULL;

      if (!(scenario = ls_scenario_new_from_bytes (bytes, name, &error)))
        return ls_cli_fail (LS_CLI_EXIT_BAD_INPUT, "%s", error->message);

      if (!(dataset = ls_cli_options_load_dataset (options, &error)))
        return ls_cli_fail_with_error (error);

      if (!ls_scenario_validate (scenario, dataset, &error))
        return ls_cli_fail (LS_CLI_EXIT_BAD_INPUT, "%s", error->message);

      g_print ("%s: valid scenario\n", name);
      return LS_CLI_EXIT_OK;
    }

  if (!(dataset = ls_dataset_new_from_bytes (bytes, name, &error)))
    return ls_cli_fail (LS_CLI_EXIT_BAD_INPUT, "%s", error->message);

  g_print ("%s: valid dataset\n", name);
  return LS_CLI_EXIT_OK;
}
