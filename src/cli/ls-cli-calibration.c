/* ls-cli-calibration.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lodestone-cli"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <json-glib/json-glib.h>

#include "ls-calibration.h"
#include "ls-ranges.h"

#include "ls-cli-calibration.h"
#include "ls-cli-json.h"

/* `lodestone-cli check --calibration`: the table of calibration targets,
 * target against model, with the model's range and the difference. Exit
 * status 0 when every target is met, 1 when one is missed or the targets
 * do not fit the data. */

static char *
format_value (const LsCalibrationTarget *target,
              double                     value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (target->metric == LS_CALIBRATION_STAGE_TOTAL)
    return g_strdup_printf ("%s t", g_ascii_formatd (buf, sizeof buf, "%.0f", value));

  return g_strdup_printf ("%s %%", g_ascii_formatd (buf, sizeof buf, "%.1f", 100.0 * value));
}

static char *
format_difference (const LsCalibrationTarget *target,
                   double                     value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (target->metric == LS_CALIBRATION_STAGE_TOTAL)
    return g_strdup_printf ("%s t", g_ascii_formatd (buf, sizeof buf, "%+.0f", value));

  return g_strdup_printf ("%s pts", g_ascii_formatd (buf, sizeof buf, "%+.1f", 100.0 * value));
}

static void
print_text (LsCalibration            *calibration,
            const LsCalibrationCheck *checks)
{
  guint n = ls_calibration_get_n_targets (calibration);
  guint met = 0;

  g_print ("%-36s %4s  %10s  %10s  %-21s  %11s  %s\n",
           "TARGET", "YEAR", "PUBLISHED", "MODEL", "MODEL RANGE", "DIFFERENCE", "");

  for (guint k = 0; k < n; k++)
    {
      const LsCalibrationTarget *target = ls_calibration_get_target (calibration, k);
      const LsCalibrationCheck *check = &checks[k];
      g_autofree char *published = format_value (target, target->value);
      g_autofree char *tolerance = format_value (target, target->tolerance);
      g_autofree char *model = NULL;
      g_autofree char *range = NULL;
      g_autofree char *difference = NULL;

      if (check->defined)
        {
          g_autofree char *low = format_value (target, check->low);
          g_autofree char *high = format_value (target, check->high);

          model = format_value (target, check->model);
          range = g_strdup_printf ("%s – %s", low, high);
          difference = format_difference (target, check->difference);
        }

      met += check->met ? 1 : 0;
      g_print ("%-36s %4d  %10s  %10s  %-21s  %11s  %s\n",
               target->id, target->year, published,
               model != NULL ? model : "—", range != NULL ? range : "—",
               difference != NULL ? difference : "—",
               check->met ? "ok" : "MISSED");
      if (!check->met)
        g_print ("%-36s       %s; tolerance ±%s; source %s\n", "", target->description,
                 tolerance, target->source);
    }

  g_print ("%u of %u targets met\n", met, n);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static gboolean
print_json (LsCalibration             *calibration,
            const LsCalibrationCheck  *checks,
            GError                   **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "targets");
  json_builder_begin_array (builder);
  for (guint k = 0; k < ls_calibration_get_n_targets (calibration); k++)
    {
      const LsCalibrationTarget *target = ls_calibration_get_target (calibration, k);
      const LsCalibrationCheck *check = &checks[k];

      json_builder_begin_object (builder);
      add_string (builder, "id", target->id);
      add_string (builder, "description", target->description);
      json_builder_set_member_name (builder, "year");
      json_builder_add_int_value (builder, target->year);
      add_string (builder, "metric", ls_calibration_metric_to_string (target->metric));
      add_string (builder, "stage", target->stage);
      add_string (builder, "source", target->source);
      ls_cli_json_add_number (builder, "target", target->value);
      ls_cli_json_add_number (builder, "tolerance", target->tolerance);
      if (check->defined)
        {
          ls_cli_json_add_number (builder, "model", check->model);
          ls_cli_json_add_number (builder, "model_low", check->low);
          ls_cli_json_add_number (builder, "model_high", check->high);
          ls_cli_json_add_number (builder, "difference", check->difference);
        }
      else
        {
          add_string (builder, "model", NULL);
          add_string (builder, "difference", NULL);
        }
      json_builder_set_member_name (builder, "met");
      json_builder_add_boolean_value (builder, check->met);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return ls_cli_json_print (builder, error);
}

/**
 * ls_cli_check_calibration:
 * @targets: (nullable): a calibration file; %NULL for the embedded one
 * @format: (nullable): "text" (default) or "json"
 * @samples: draws for the model's ranges
 *
 * Returns: the exit status
 */
int
ls_cli_check_calibration (LsDataset  *dataset,
                          const char *targets,
                          const char *format,
                          int         samples)
{
  g_autoptr(LsCalibration) calibration = NULL;
  g_autofree LsCalibrationCheck *checks = NULL;
  g_autoptr(GError) error = NULL;
  gboolean all_met = TRUE;

  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "json"))
    {
      g_printerr ("lodestone-cli: --format: expected text or json, found “%s”\n", format);
      return 2;
    }

  if (targets != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (targets);

      calibration = ls_calibration_new_from_file (file, NULL, &error);
    }
  else
    calibration = ls_calibration_new_default (&error);

  if (calibration == NULL ||
      !(checks = ls_calibration_evaluate (calibration, dataset, MAX (0, samples), NULL, &error)))
    {
      g_printerr ("lodestone-cli: %s\n", error->message);
      return 1;
    }

  if (format != NULL && g_str_equal (format, "json"))
    {
      if (!print_json (calibration, checks, &error))
        {
          g_printerr ("lodestone-cli: %s\n", error->message);
          return 1;
        }
    }
  else
    print_text (calibration, checks);

  for (guint k = 0; k < ls_calibration_get_n_targets (calibration); k++)
    all_met &= checks[k].met;

  return all_met ? 0 : 1;
}
