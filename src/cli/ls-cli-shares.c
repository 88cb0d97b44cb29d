/* ls-cli-shares.c
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
#include "ls-ranges.h"

/* `shares`: per stage, the world shares, the bloc's, China's and the
 * rest's, concentration and the bloc's dependency, as text (aligned
 * columns in the user's locale), JSON or CSV (locale-proof). */

static void
print_text (const LsResult *result)
{
  LsDataset *dataset = ls_result_get_dataset (result);
  guint S = ls_result_get_n_stages (result);
  guint C = ls_result_get_n_countries (result);
  g_autoptr(GString) bloc = g_string_new (NULL);

  for (guint c = 0; c < C; c++)
    if (ls_result_is_member (result, c))
      g_string_append_printf (bloc, "%s%s", bloc->len > 0 ? " " : "", ls_dataset_get_country_id (dataset, c));

  g_print ("Year %d · bloc (%u): %s\n\n", ls_result_get_year (result),
           ls_result_get_n_members (result), bloc->len > 0 ? bloc->str : "(none)");

  g_print ("%-11s %14s %-14s %6s %6s %6s %6s %6s  %-21s %11s\n",
           "Stage", "Output", "Unit", "Bloc", "China", "Rest", "HHI", "Top-3",
           "Bloc dependency", "Shortfall");

  for (guint s = 0; s < S; s++)
    {
      g_autofree char *dependency_text = NULL;
      double dependency;
      double share;
      guint supplier;

      if (ls_result_get_dependency (result, s, &dependency))
        {
          supplier = ls_result_get_top_supplier (result, s, &share);
          if (supplier != G_MAXUINT)
            dependency_text = g_strdup_printf ("%5.1f %% (%s %.1f %%)", 100.0 * dependency,
                                               ls_dataset_get_country_id (dataset, supplier), 100.0 * share);
          else
            dependency_text = g_strdup_printf ("%5.1f %%", 100.0 * dependency);
        }
      else
        dependency_text = g_strdup ("—");

      g_print ("%-11s %14.0f %-14s %5.1f%% %5.1f%% %5.1f%% %6.0f %5.1f%%  %-21s %11.0f\n",
               ls_dataset_get_stage_id (dataset, s),
               ls_result_get_stage_total (result, s),
               ls_dataset_get_stage_unit (dataset, s),
               100.0 * ls_result_get_bloc_share (result, s),
               100.0 * ls_result_get_china_share (result, s),
               100.0 * ls_result_get_rest_share (result, s),
               ls_result_get_hhi (result, s),
               100.0 * ls_result_get_top3_share (result, s, NULL),
               dependency_text,
               ls_result_get_stage_shortfall (result, s));
    }

  g_print ("\nLargest producers:\n");
  for (guint s = 0; s < S; s++)
    {
      guint top[3];

      ls_result_get_top3_share (result, s, top);
      g_print ("  %-11s", ls_dataset_get_stage_id (dataset, s));
      for (guint k = 0; k < 3; k++)
        if (top[k] != G_MAXUINT)
          g_print ("  %s %5.1f %%", ls_dataset_get_country_id (dataset, top[k]),
                   100.0 * ls_result_get_share (result, s, top[k]));
      g_print ("\n");
    }
}

/* [low, high] */
static void
add_range (JsonBuilder *builder,
           const char  *name,
           double       low,
           double       high)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, low);
  json_builder_add_double_value (builder, high);
  json_builder_end_array (builder);
}

/* The evidence, ranges and need split of stage @s (issue 9 item 5 and
 * issue 13 item 1), after every key the stage had before. */
static void
add_shares_evidence (JsonBuilder    *builder,
                     const LsResult *result,
                     const LsRanges *ranges,
                     guint           s)
{
  LsEvidenceSplit split;
  LsNeedSplit need;
  LsNeedSplit low;
  LsNeedSplit high;
  double lo;
  double hi;

  ls_result_get_output_evidence (result, s, -1, &split);
  ls_cli_json_add_evidence (builder, "output_evidence", &split);

  json_builder_set_member_name (builder, "dependency_evidence");
  if (ls_result_get_dependency_evidence (result, s, &split))
    {
      json_builder_begin_object (builder);
      ls_cli_json_add_number (builder, "published", split.part[LS_EVIDENCE_PUBLISHED]);
      ls_cli_json_add_number (builder, "estimated", split.part[LS_EVIDENCE_ESTIMATED]);
      ls_cli_json_add_number (builder, "modelled", split.part[LS_EVIDENCE_MODELLED]);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  /* The bloc's need of this stage's material, four ways, as fractions
   * of the need (t). */
  json_builder_set_member_name (builder, "need");
  if (ls_result_get_need_split (result, s, &need))
    {
      json_builder_begin_object (builder);
      ls_cli_json_add_number (builder, "need", need.need);
      ls_cli_json_add_number (builder, "members", need.members / need.need);
      ls_cli_json_add_number (builder, "china", need.china / need.need);
      ls_cli_json_add_number (builder, "other", need.other / need.need);
      ls_cli_json_add_number (builder, "unmet", need.unmet / need.need);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "ranges");
  json_builder_begin_object (builder);
  ls_ranges_get_bloc_share (ranges, s, &lo, &hi);
  add_range (builder, "bloc_share", lo, hi);
  ls_ranges_get_china_share (ranges, s, &lo, &hi);
  add_range (builder, "china_share", lo, hi);
  ls_ranges_get_rest_share (ranges, s, &lo, &hi);
  add_range (builder, "rest_share", lo, hi);
  if (ls_ranges_get_dependency (ranges, s, &lo, &hi))
    add_range (builder, "non_bloc_share", lo, hi);
  if (ls_ranges_get_need_split (ranges, s, &low, &high))
    {
      add_range (builder, "need_members", low.members, high.members);
      add_range (builder, "need_china", low.china, high.china);
      add_range (builder, "need_other", low.other, high.other);
      add_range (builder, "need_unmet", low.unmet, high.unmet);
    }
  json_builder_end_object (builder);
}

static gboolean
print_json (const LsResult  *result,
            const LsRanges  *ranges,
            GError         **error)
{
  LsDataset *dataset = ls_result_get_dataset (result);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint S = ls_result_get_n_stages (result);
  guint C = ls_result_get_n_countries (result);

  json_builder_begin_object (builder);
  ls_cli_json_add_year_and_bloc (builder, result);

  json_builder_set_member_name (builder, "stages");
  json_builder_begin_array (builder);
  for (guint s = 0; s < S; s++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, ls_dataset_get_stage_id (dataset, s));
      json_builder_set_member_name (builder, "unit");
      json_builder_add_string_value (builder, ls_dataset_get_stage_unit (dataset, s));
      ls_cli_json_add_number (builder, "total", ls_result_get_stage_total (result, s));
      ls_cli_json_add_number (builder, "bloc_share", ls_result_get_bloc_share (result, s));
      ls_cli_json_add_number (builder, "china_share", ls_result_get_china_share (result, s));
      ls_cli_json_add_number (builder, "rest_share", ls_result_get_rest_share (result, s));
      ls_cli_json_add_number (builder, "hhi", ls_result_get_hhi (result, s));
      ls_cli_json_add_number (builder, "top3_share", ls_result_get_top3_share (result, s, NULL));
      ls_cli_json_add_number (builder, "shortfall", ls_result_get_stage_shortfall (result, s));
      ls_cli_json_add_number (builder, "unallocated", ls_result_get_unallocated (result, s));
      ls_cli_json_add_number (builder, "unknown_origin", ls_result_get_unknown_origin (result, s));

      json_builder_set_member_name (builder, "shares");
      json_builder_begin_object (builder);
      for (guint c = 0; c < C; c++)
        if (ls_result_get_production (result, s, c) > 0.0)
          ls_cli_json_add_number (builder, ls_dataset_get_country_id (dataset, c),
                                  ls_result_get_share (result, s, c));
      json_builder_end_object (builder);

      json_builder_set_member_name (builder, "dependency");
      ls_cli_json_add_dependency (builder, result, s);

      ls_cli_json_add_number (builder, "unknown_supply", ls_result_get_unknown_supply (result, s));
      add_shares_evidence (builder, result, ranges, s);

      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return ls_cli_json_print (builder, error);
}

static void
print_csv (const LsResult *result)
{
  LsDataset *dataset = ls_result_get_dataset (result);
  guint S = ls_result_get_n_stages (result);
  guint C = ls_result_get_n_countries (result);
  g_autoptr(GString) line = g_string_new (NULL);
  char year[16];

  g_print ("year,stage,country,name,member,production,share,baseline_production,shortfall,bloc_dependency_share\n");
  g_snprintf (year, sizeof year, "%d", ls_result_get_year (result));

  for (guint s = 0; s < S; s++)
    for (guint c = 0; c <= C; c++)
      {
        double production = c < C ? ls_result_get_production (result, s, c) : ls_result_get_unknown_supply (result, s);
        double baseline = c < C ? ls_result_get_baseline_production (result, s, c) : 0.0;
        double dependency = ls_result_get_dependency_on (result, s, c);

        if (production <= 0.0 && baseline <= 0.0 && dependency <= 0.0)
          continue;

        g_string_truncate (line, 0);
        ls_format_csv_append_field (line, year);
        ls_format_csv_append_field (line, ls_dataset_get_stage_id (dataset, s));
        ls_format_csv_append_field (line, ls_dataset_get_country_id (dataset, c));
        ls_format_csv_append_field (line, ls_dataset_get_country_name (dataset, c));
        ls_format_csv_append_field (line, ls_result_is_member (result, c) ? "yes" : "no");
        ls_format_csv_append_number (line, production, LS_FORMAT_ROUND_TRIP);
        ls_format_csv_append_number (line, c < C ? ls_result_get_share (result, s, c) : 0.0, LS_FORMAT_ROUND_TRIP);
        ls_format_csv_append_number (line, baseline, LS_FORMAT_ROUND_TRIP);
        ls_format_csv_append_number (line, c < C ? ls_result_get_shortfall (result, s, c) : 0.0, LS_FORMAT_ROUND_TRIP);
        ls_format_csv_append_number (line, dependency, LS_FORMAT_ROUND_TRIP);
        g_print ("%s\n", line->str);
      }
}

int
ls_cli_shares (const LsCliOptions *options)
{
  g_autoptr(LsScenario) scenario = NULL;
  g_autoptr(LsResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (!(result = ls_cli_options_compute (options, &scenario, &error)))
    return ls_cli_fail_with_error (error);

  switch (options->format)
    {
    case LS_CLI_FORMAT_JSON:
      {
        g_autoptr(LsRanges) ranges = NULL;

        if (!(ranges = ls_ranges_new (ls_result_get_baseline (result), scenario,
                                      MAX (1, options->samples), NULL, &error)))
          return ls_cli_fail (LS_CLI_EXIT_BAD_INPUT, "%s", error->message);
        if (!print_json (result, ranges, &error))
          return ls_cli_fail_with_error (error);
      }
      break;
    case LS_CLI_FORMAT_CSV:
      print_csv (result);
      break;
    case LS_CLI_FORMAT_TEXT:
    default:
      print_text (result);
      break;
    }

  return LS_CLI_EXIT_OK;
}
