/* ls-cli-flows.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lodestone-cli"

#include "config.h"

#include "ls-cli-verbs.h"

#include "ls-cli-json.h"
#include "ls-format.h"

/* `flows`: the inputs, the completed baseline and the rebalanced result,
 * with every flow, as JSON (what tests/cli/check-model.py reads) or CSV,
 * so that the model can be checked from outside. */


typedef double (*FlowGetter) (const LsResult *self, guint stage, guint from, guint to);

static void
add_flows (JsonBuilder    *builder,
           const LsResult *result,
           FlowGetter      get_flow,
           FlowGetter      get_estimated,
           gboolean        with_evidence)
{
  LsDataset *dataset = ls_result_get_dataset (result);
  guint S = ls_result_get_n_stages (result);
  guint C = ls_result_get_n_countries (result);

  json_builder_set_member_name (builder, "flows");
  json_builder_begin_array (builder);
  for (guint s = 0; s + 1 < S; s++)
    for (guint i = 0; i <= C; i++)
      for (guint j = 0; j < C; j++)
        {
          double value = get_flow (result, s, i, j);

          if (value <= 0.0)
            continue;

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "stage");
          json_builder_add_string_value (builder, ls_dataset_get_stage_id (dataset, s));
          json_builder_set_member_name (builder, "from");
          json_builder_add_string_value (builder, ls_dataset_get_country_id (dataset, i));
          json_builder_set_member_name (builder, "to");
          json_builder_add_string_value (builder, ls_dataset_get_country_id (dataset, j));
          ls_cli_json_add_number (builder, "value", value);
          json_builder_set_member_name (builder, "estimated");
          json_builder_add_boolean_value (builder, get_estimated (result, s, i, j) > 0.0);
          if (with_evidence)
            {
              LsEvidenceSplit split;

              ls_result_get_flow_evidence (result, s, i, j, &split);
              ls_cli_json_add_evidence (builder, "evidence", &split);
            }
          json_builder_end_object (builder);
        }
  json_builder_end_array (builder);
}

static void
add_party_json (JsonBuilder   *builder,
                const char    *name,
                const LsParty *party)
{
  json_builder_set_member_name (builder, name);

  if (party->kind == LS_PARTY_BLOC)
    json_builder_add_string_value (builder, "bloc");
  else if (party->kind == LS_PARTY_NON_BLOC)
    json_builder_add_string_value (builder, "non-bloc");
  else
    {
      json_builder_begin_array (builder);
      for (guint i = 0; party->countries != NULL && party->countries[i] != NULL; i++)
        json_builder_add_string_value (builder, party->countries[i]);
      json_builder_end_array (builder);
    }
}

static void
add_stage_map (JsonBuilder    *builder,
               const char     *name,
               const LsResult *result,
               double        (*get) (const LsResult *, guint))
{
  LsDataset *dataset = ls_result_get_dataset (result);

  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  for (guint s = 0; s + 1 < ls_result_get_n_stages (result); s++)
    ls_cli_json_add_number (builder, ls_dataset_get_stage_id (dataset, s), get (result, s));
  json_builder_end_object (builder);
}

static gboolean
print_flows_json (LsDataset       *dataset,
                  LsScenario      *scenario,
                  const LsResult  *result,
                  GError         **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  LsBaseline *baseline = ls_result_get_baseline (result);
  guint S = ls_result_get_n_stages (result);
  guint C = ls_result_get_n_countries (result);
  int year = ls_result_get_year (result);

  json_builder_begin_object (builder);
  ls_cli_json_add_year_and_bloc (builder, result);

  json_builder_set_member_name (builder, "stages");
  json_builder_begin_array (builder);
  for (guint s = 0; s < S; s++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, ls_dataset_get_stage_id (dataset, s));
      ls_cli_json_add_number (builder, "yield", ls_dataset_get_stage_yield (dataset, s));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  /* The dataset's figures for the year, as given. */
  json_builder_set_member_name (builder, "production");
  json_builder_begin_object (builder);
  for (guint s = 0; s < S; s++)
    {
      json_builder_set_member_name (builder, ls_dataset_get_stage_id (dataset, s));
      json_builder_begin_object (builder);
      for (guint c = 0; c < C; c++)
        {
          const LsFigure *figure = ls_dataset_get_production_figure (dataset, year, s, c);

          if (figure != NULL)
            ls_cli_json_add_number (builder, ls_dataset_get_country_id (dataset, c), figure->value);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  /* Given in tonnes, then resolved from import shares (DESIGN.md "Import
   * shares"), marked as such. */
  json_builder_set_member_name (builder, "given_flows");
  json_builder_begin_array (builder);
  for (guint k = 0; k < ls_baseline_get_n_given_flows (baseline); k++)
    {
      const LsGivenFlow *flow = ls_baseline_get_given_flow (baseline, k);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "stage");
      json_builder_add_string_value (builder, ls_dataset_get_stage_id (dataset, flow->stage));
      json_builder_set_member_name (builder, "from");
      json_builder_add_string_value (builder, ls_dataset_get_country_id (dataset, flow->from));
      json_builder_set_member_name (builder, "to");
      json_builder_add_string_value (builder, ls_dataset_get_country_id (dataset, flow->to));
      ls_cli_json_add_number (builder, "value", flow->figure.value);
      if (flow->resolved)
        {
          json_builder_set_member_name (builder, "resolved");
          json_builder_add_boolean_value (builder, TRUE);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  /* The shares as stated, so that a reader can resolve them itself. */
  if (ls_dataset_get_n_import_shares (dataset, year) > 0)
    {
      json_builder_set_member_name (builder, "import_shares");
      json_builder_begin_array (builder);
      for (guint k = 0; k < ls_dataset_get_n_import_shares (dataset, year); k++)
        {
          const LsImportShares *entry = ls_dataset_get_import_shares (dataset, year, k);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "stage");
          json_builder_add_string_value (builder, ls_dataset_get_stage_id (dataset, entry->stage));
          json_builder_set_member_name (builder, "to");
          json_builder_add_string_value (builder, ls_dataset_get_country_id (dataset, entry->to));
          json_builder_set_member_name (builder, "shares");
          json_builder_begin_object (builder);
          for (guint e = 0; e < entry->n_shares; e++)
            ls_cli_json_add_number (builder, ls_dataset_get_country_id (dataset, entry->shares[e].from),
                                    entry->shares[e].share.value);
          json_builder_end_object (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  json_builder_set_member_name (builder, "scenario");
  json_builder_begin_object (builder);
  ls_cli_json_add_number (builder, "friend_shoring", ls_scenario_get_friend_shoring (scenario));
  json_builder_set_member_name (builder, "capacity");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ls_scenario_get_n_capacity_changes (scenario); i++)
    {
      const LsCapacityChange *change = ls_scenario_get_capacity_change (scenario, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "stage");
      json_builder_add_string_value (builder, change->stage);
      json_builder_set_member_name (builder, "country");
      json_builder_add_string_value (builder, change->country);
      ls_cli_json_add_number (builder, "delta", change->delta);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "restrictions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ls_scenario_get_n_restrictions (scenario); i++)
    {
      const LsRestriction *restriction = ls_scenario_get_restriction (scenario, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "stage");
      json_builder_add_string_value (builder, restriction->stage);
      add_party_json (builder, "from", &restriction->from);
      add_party_json (builder, "to", &restriction->to);
      ls_cli_json_add_number (builder, "fraction", restriction->fraction);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "baseline");
  json_builder_begin_object (builder);
  add_flows (builder, result, ls_result_get_baseline_flow, ls_result_get_baseline_flow_estimated, FALSE);
  add_stage_map (builder, "unallocated", result, ls_result_get_baseline_unallocated);
  add_stage_map (builder, "unknown_origin", result, ls_result_get_baseline_unknown_origin);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "result");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "production");
  json_builder_begin_object (builder);
  for (guint s = 0; s < S; s++)
    {
      json_builder_set_member_name (builder, ls_dataset_get_stage_id (dataset, s));
      json_builder_begin_object (builder);
      for (guint c = 0; c < C; c++)
        if (ls_result_get_production (result, s, c) > 0.0 ||
            ls_dataset_get_production_figure (dataset, year, s, c) != NULL ||
            ls_result_get_target (result, s, c) > 0.0)
          ls_cli_json_add_number (builder, ls_dataset_get_country_id (dataset, c), ls_result_get_production (result, s, c));
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  add_flows (builder, result, ls_result_get_flow, ls_result_get_flow_estimated, TRUE);
  json_builder_set_member_name (builder, "shortfall");
  json_builder_begin_object (builder);
  for (guint s = 0; s < S; s++)
    {
      json_builder_set_member_name (builder, ls_dataset_get_stage_id (dataset, s));
      json_builder_begin_object (builder);
      for (guint c = 0; c < C; c++)
        if (ls_result_get_shortfall (result, s, c) > 0.0)
          ls_cli_json_add_number (builder, ls_dataset_get_country_id (dataset, c), ls_result_get_shortfall (result, s, c));
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  /* Exactly the keys the checking implementation reads; the scenario's
   * unallocated output and unknown origin are in `shares --format json`. */
  json_builder_set_member_name (builder, "dependency");
  json_builder_begin_object (builder);
  for (guint s = 0; s < S; s++)
    {
      json_builder_set_member_name (builder, ls_dataset_get_stage_id (dataset, s));
      ls_cli_json_add_dependency (builder, result, s);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  return ls_cli_json_print (builder, error);
}

static void
print_flows_csv (const LsResult *result)
{
  LsDataset *dataset = ls_result_get_dataset (result);
  guint S = ls_result_get_n_stages (result);
  guint C = ls_result_get_n_countries (result);
  g_autoptr(GString) line = g_string_new (NULL);
  char year[16];

  g_print ("year,stage,from,to,baseline,baseline_estimated,value,estimated\n");
  g_snprintf (year, sizeof year, "%d", ls_result_get_year (result));

  for (guint s = 0; s + 1 < S; s++)
    for (guint i = 0; i <= C; i++)
      for (guint j = 0; j < C; j++)
        {
          double base = ls_result_get_baseline_flow (result, s, i, j);
          double value = ls_result_get_flow (result, s, i, j);

          if (base <= 0.0 && value <= 0.0)
            continue;

          g_string_truncate (line, 0);
          ls_format_csv_append_field (line, year);
          ls_format_csv_append_field (line, ls_dataset_get_stage_id (dataset, s));
          ls_format_csv_append_field (line, ls_dataset_get_country_id (dataset, i));
          ls_format_csv_append_field (line, ls_dataset_get_country_id (dataset, j));
          ls_format_csv_append_number (line, base, LS_FORMAT_ROUND_TRIP);
          ls_format_csv_append_field (line, ls_result_get_baseline_flow_estimated (result, s, i, j) > 0.0 ? "yes" : "no");
          ls_format_csv_append_number (line, value, LS_FORMAT_ROUND_TRIP);
          ls_format_csv_append_field (line, ls_result_get_flow_estimated (result, s, i, j) > 0.0 ? "yes" : "no");
          g_print ("%s\n", line->str);
        }
}

int
ls_cli_flows (const LsCliOptions *options)
{
  g_autoptr(LsScenario) scenario = NULL;
  g_autoptr(LsResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (!(result = ls_cli_options_compute (options, &scenario, &error)))
    return ls_cli_fail_with_error (error);

  if (options->format == LS_CLI_FORMAT_CSV)
    print_flows_csv (result);
  else if (!print_flows_json (ls_result_get_dataset (result), scenario, result, &error))
    return ls_cli_fail_with_error (error);

  return LS_CLI_EXIT_OK;
}
