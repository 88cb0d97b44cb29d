/* lodestone-cli.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lodestone-cli"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "ls-dataset.h"
#include "ls-ranges.h"
#include "ls-result.h"
#include "ls-scenario.h"

#include "ls-cli-calibration.h"
#include "ls-cli-layout.h"
#include "ls-export.h"

/* Exit statuses: 0 success, 1 bad input (a file or an id the data does not
 * have), 2 bad usage (an unknown option or a malformed value). */
enum {
  EXIT_OK = 0,
  EXIT_BAD_INPUT = 1,
  EXIT_USAGE = 2,
};

typedef struct
{
  char    *data;
  char    *scenario;
  int      year;
  char   **alliances;
  char   **add;
  char   **remove;
  char    *friend_shoring;
  char   **restrict_;
  char   **capacity;
  char    *format;
  gboolean current_members;
  int      samples;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->data);
  g_free (options->scenario);
  g_strfreev (options->alliances);
  g_strfreev (options->add);
  g_strfreev (options->remove);
  g_free (options->friend_shoring);
  g_strfreev (options->restrict_);
  g_strfreev (options->capacity);
  g_free (options->format);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static int
fail (int         status,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static int
fail (int         status,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* One line, so that scripts can show it as it is. */
  g_strdelimit (message, "\n", ' ');
  g_printerr ("lodestone-cli: %s\n", message);

  return status;
}

static GOptionEntry *
scenario_entries (Options *options)
{
  GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &options->data,
      "Dataset file (default: the embedded dataset)", "FILE" },
    { "scenario", 0, 0, G_OPTION_ARG_FILENAME, &options->scenario,
      "Scenario file; the options below change it", "FILE" },
    { "year", 0, 0, G_OPTION_ARG_INT, &options->year,
      "Year (default: the scenario's, else the dataset's)", "Y" },
    { "alliance", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->alliances,
      "Alliance in the bloc (repeatable; the bloc is their union)", "ID" },
    { "add", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->add,
      "Country added to the bloc (repeatable)", "ISO3" },
    { "remove", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->remove,
      "Country removed from the bloc (repeatable)", "ISO3" },
    { "friend-shoring", 0, 0, G_OPTION_ARG_STRING, &options->friend_shoring,
      "Friend-shoring strength in [0, 1]", "X" },
    { "restrict", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->restrict_,
      "Export restriction (repeatable); FROM and TO are ISO3 lists or bloc/non-bloc",
      "STAGE:FROM:TO:FRACTION" },
    { "capacity", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->capacity,
      "Capacity change in t (repeatable; may be negative)", "STAGE:ISO3:DELTA" },
    { "current-members", 0, 0, G_OPTION_ARG_NONE, &options->current_members,
      "Alliances with today's members, not those of the year", NULL },
    { NULL }
  };

  return g_memdup2 (entries, sizeof entries);
}

static gboolean
parse_double (const char *text,
              double     *value)
{
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;

  *value = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && isfinite (*value);
}

static LsDataset *
load_dataset (Options  *options,
              GError  **error)
{
  if (options->data != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (options->data);

      return ls_dataset_new_from_file (file, NULL, error);
    }

  return ls_dataset_new_default (error);
}

/* Builds the scenario from --scenario and the options that change it.
 * Returns EXIT_OK, or the status to exit with after printing why. */
static int
build_scenario (Options     *options,
                LsDataset   *dataset,
                LsScenario **out)
{
  g_autoptr(LsScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;

  if (options->scenario != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (options->scenario);

      if (!(scenario = ls_scenario_new_from_file (file, NULL, &error)))
        return fail (EXIT_BAD_INPUT, "%s", error->message);
    }
  else
    scenario = ls_scenario_new ();

  if (options->year != 0)
    {
      if (options->year < 0)
        return fail (EXIT_USAGE, "--year: %d is not a year", options->year);
      ls_scenario_set_year (scenario, options->year);
    }

  for (guint i = 0; options->alliances != NULL && options->alliances[i] != NULL; i++)
    ls_scenario_set_alliance (scenario, options->alliances[i], TRUE);

  for (guint i = 0; options->add != NULL && options->add[i] != NULL; i++)
    ls_scenario_set_membership (scenario, options->add[i], LS_MEMBERSHIP_ADDED);

  for (guint i = 0; options->remove != NULL && options->remove[i] != NULL; i++)
    ls_scenario_set_membership (scenario, options->remove[i], LS_MEMBERSHIP_REMOVED);

  if (options->current_members)
    ls_scenario_set_current_members (scenario, TRUE);

  if (options->friend_shoring != NULL)
    {
      double value;

      if (!parse_double (options->friend_shoring, &value) || value < 0.0 || value > 1.0)
        return fail (EXIT_USAGE, "--friend-shoring: “%s” is not a number in [0, 1]",
                     options->friend_shoring);
      ls_scenario_set_friend_shoring (scenario, value);
    }

  for (guint i = 0; options->capacity != NULL && options->capacity[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (options->capacity[i], ":", -1);
      g_autoptr(LsCapacityChange) change = NULL;
      double delta;

      if (g_strv_length (parts) != 3 || !parse_double (parts[2], &delta))
        return fail (EXIT_USAGE, "--capacity: “%s” is not STAGE:ISO3:DELTA", options->capacity[i]);

      change = ls_capacity_change_new (parts[0], parts[1], delta, NULL);
      ls_scenario_add_capacity_change (scenario, change);
    }

  for (guint i = 0; options->restrict_ != NULL && options->restrict_[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (options->restrict_[i], ":", -1);
      g_autoptr(LsRestriction) restriction = NULL;
      LsParty from = { 0 };
      LsParty to = { 0 };
      double fraction;

      if (g_strv_length (parts) != 4 ||
          !ls_party_parse (parts[1], &from) ||
          !ls_party_parse (parts[2], &to) ||
          !parse_double (parts[3], &fraction) || fraction < 0.0 || fraction > 1.0)
        {
          ls_party_clear (&from);
          ls_party_clear (&to);
          return fail (EXIT_USAGE, "--restrict: “%s” is not STAGE:FROM:TO:FRACTION "
                       "(FROM, TO: ISO3 list or bloc/non-bloc; FRACTION in [0, 1])",
                       options->restrict_[i]);
        }

      restriction = ls_restriction_new (parts[0], &from, &to, fraction);
      ls_scenario_add_restriction (scenario, restriction);
      ls_party_clear (&from);
      ls_party_clear (&to);
    }

  if (!ls_scenario_validate (scenario, dataset, &error))
    return fail (EXIT_BAD_INPUT, "%s", error->message);

  *out = g_steal_pointer (&scenario);
  return EXIT_OK;
}

/* Parses the verb's options; returns -1 to go on, else an exit status. */
static int
parse_options (const char     *verb,
               const char     *parameters,
               const char     *summary,
               GOptionEntry   *extra,
               Options        *options,
               gboolean        with_scenario,
               int            *argc,
               char         ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree GOptionEntry *entries = NULL;
  g_autofree char *title = g_strdup_printf ("%s %s", verb, parameters);

  context = g_option_context_new (title);
  g_option_context_set_summary (context, summary);

  if (with_scenario)
    {
      entries = scenario_entries (options);
      g_option_context_add_main_entries (context, entries, NULL);
    }
  if (extra != NULL)
    g_option_context_add_main_entries (context, extra, NULL);

  if (!g_option_context_parse (context, argc, argv, &error))
    return fail (EXIT_USAGE, "%s (see “lodestone-cli %s --help”)", error->message, verb);

  return -1;
}

static int
load_result (Options     *options,
             LsDataset  **dataset_out,
             LsScenario **scenario_out,
             LsResult   **result_out)
{
  g_autoptr(LsDataset) dataset = NULL;
  g_autoptr(LsScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!(dataset = load_dataset (options, &error)))
    return fail (EXIT_BAD_INPUT, "%s", error->message);

  if ((status = build_scenario (options, dataset, &scenario)) != EXIT_OK)
    return status;

  if (!(*result_out = ls_result_new (dataset, scenario, &error)))
    return fail (EXIT_BAD_INPUT, "%s", error->message);

  if (dataset_out != NULL)
    *dataset_out = g_steal_pointer (&dataset);
  if (scenario_out != NULL)
    *scenario_out = g_steal_pointer (&scenario);

  return EXIT_OK;
}

/* check ------------------------------------------------------------------ */

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

static int
verb_check (int    argc,
            char **argv)
{
  g_auto(Options) options = { 0 };
  gboolean calibration = FALSE;
  g_autofree char *targets = NULL;
  int samples = 100;
  GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &options.data,
      "Dataset to check a scenario against (default: the embedded dataset)", "FILE" },
    { "calibration", 0, 0, G_OPTION_ARG_NONE, &calibration,
      "Check the dataset against its calibration targets: print target, model and difference", NULL },
    { "targets", 0, 0, G_OPTION_ARG_FILENAME, &targets,
      "Calibration targets to check (default: the embedded data/calibration.json)", "FILE" },
    { "samples", 0, 0, G_OPTION_ARG_INT, &samples,
      "Draws from the figures' ranges for the model's range (default: 100; 0: none)", "N" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &options.format,
      "Output of --calibration: text (default) or json", "FORMAT" },
    { NULL }
  };
  g_autoptr(LsDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  int status;

  if ((status = parse_options ("check", "[FILE]",
                               "Validates a dataset or scenario file (the embedded dataset when no FILE is given).",
                               entries, &options, FALSE, &argc, &argv)) >= 0)
    return status;

  if (argc > 2)
    return fail (EXIT_USAGE, "check takes one FILE at most");

  if (calibration || targets != NULL)
    {
      if (argc == 2)
        {
          g_autoptr(GFile) data_file = g_file_new_for_commandline_arg (argv[1]);

          dataset = ls_dataset_new_from_file (data_file, NULL, &error);
        }
      else
        dataset = load_dataset (&options, &error);

      if (dataset == NULL)
        return fail (EXIT_BAD_INPUT, "%s", error->message);

      return ls_cli_check_calibration (dataset, targets, options.format, samples);
    }

  if (argc < 2)
    {
      if (!(dataset = load_dataset (&options, &error)))
        return fail (EXIT_BAD_INPUT, "%s", error->message);

      g_print ("%s: valid dataset\n", ls_dataset_get_filename (dataset));
      return EXIT_OK;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  name = g_file_get_parse_name (file);

  if (!(bytes = g_file_load_bytes (file, NULL, NULL, &error)))
    return fail (EXIT_BAD_INPUT, "%s: %s", name, error->message);

  if (is_scenario_file (bytes))
    {
      g_autoptr(LsScenario) scenario = NULL;

      if (!(scenario = ls_scenario_new_from_bytes (bytes, name, &error)))
        return fail (EXIT_BAD_INPUT, "%s", error->message);

      if (!(dataset = load_dataset (&options, &error)))
        return fail (EXIT_BAD_INPUT, "%s", error->message);

      if (!ls_scenario_validate (scenario, dataset, &error))
        return fail (EXIT_BAD_INPUT, "%s", error->message);

      g_print ("%s: valid scenario\n", name);
      return EXIT_OK;
    }

  if (!(dataset = ls_dataset_new_from_bytes (bytes, name, &error)))
    return fail (EXIT_BAD_INPUT, "%s", error->message);

  g_print ("%s: valid dataset\n", name);
  return EXIT_OK;
}

/* shares ----------------------------------------------------------------- */

static const char *
country_id (LsDataset *dataset,
            guint      country)
{
  return ls_dataset_get_country_id (dataset, country);
}

static void
builder_add_number (JsonBuilder *builder,
                    const char  *name,
                    double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
add_bloc (JsonBuilder    *builder,
          const LsResult *result)
{
  LsDataset *dataset = ls_result_get_dataset (result);

  json_builder_set_member_name (builder, "bloc");
  json_builder_begin_array (builder);
  for (guint c = 0; c < ls_result_get_n_countries (result); c++)
    if (ls_result_is_member (result, c))
      json_builder_add_string_value (builder, country_id (dataset, c));
  json_builder_end_array (builder);
}

/* {"published", "estimated", "modelled"}: fractions of the tonnes behind
 * a figure (src/model/README.md "Evidence"). */
static void
add_evidence (JsonBuilder           *builder,
              const char            *name,
              const LsEvidenceSplit *split)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  builder_add_number (builder, "published", split->part[LS_EVIDENCE_PUBLISHED]);
  builder_add_number (builder, "estimated", split->part[LS_EVIDENCE_ESTIMATED]);
  builder_add_number (builder, "modelled", split->part[LS_EVIDENCE_MODELLED]);
  json_builder_end_object (builder);
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

/* {"non_bloc_share", "by_supplier": {ISO3: share}}, or null where the
 * dependency is undefined (DESIGN.md "Shares reported"). */
static void
add_dependency (JsonBuilder    *builder,
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
  builder_add_number (builder, "non_bloc_share", dependency);
  json_builder_set_member_name (builder, "by_supplier");
  json_builder_begin_object (builder);
  for (guint i = 0; i <= ls_result_get_n_countries (result); i++)
    if (ls_result_get_dependency_on (result, stage, i) > 0.0)
      builder_add_number (builder, country_id (dataset, i), ls_result_get_dependency_on (result, stage, i));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
print_shares_text (const LsResult *result)
{
  LsDataset *dataset = ls_result_get_dataset (result);
  guint S = ls_result_get_n_stages (result);
  guint C = ls_result_get_n_countries (result);
  g_autoptr(GString) bloc = g_string_new (NULL);

  for (guint c = 0; c < C; c++)
    if (ls_result_is_member (result, c))
      g_string_append_printf (bloc, "%s%s", bloc->len > 0 ? " " : "", country_id (dataset, c));

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
                                               country_id (dataset, supplier), 100.0 * share);
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
          g_print ("  %s %5.1f %%", country_id (dataset, top[k]),
                   100.0 * ls_result_get_share (result, s, top[k]));
      g_print ("\n");
    }
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
  add_evidence (builder, "output_evidence", &split);

  json_builder_set_member_name (builder, "dependency_evidence");
  if (ls_result_get_dependency_evidence (result, s, &split))
    {
      json_builder_begin_object (builder);
      builder_add_number (builder, "published", split.part[LS_EVIDENCE_PUBLISHED]);
      builder_add_number (builder, "estimated", split.part[LS_EVIDENCE_ESTIMATED]);
      builder_add_number (builder, "modelled", split.part[LS_EVIDENCE_MODELLED]);
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
      builder_add_number (builder, "need", need.need);
      builder_add_number (builder, "members", need.members / need.need);
      builder_add_number (builder, "china", need.china / need.need);
      builder_add_number (builder, "other", need.other / need.need);
      builder_add_number (builder, "unmet", need.unmet / need.need);
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

static void
print_shares_json (const LsResult *result,
                   const LsRanges *ranges)
{
  LsDataset *dataset = ls_result_get_dataset (result);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint S = ls_result_get_n_stages (result);
  guint C = ls_result_get_n_countries (result);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, ls_result_get_year (result));
  add_bloc (builder, result);

  json_builder_set_member_name (builder, "stages");
  json_builder_begin_array (builder);
  for (guint s = 0; s < S; s++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, ls_dataset_get_stage_id (dataset, s));
      json_builder_set_member_name (builder, "unit");
      json_builder_add_string_value (builder, ls_dataset_get_stage_unit (dataset, s));
      builder_add_number (builder, "total", ls_result_get_stage_total (result, s));
      builder_add_number (builder, "bloc_share", ls_result_get_bloc_share (result, s));
      builder_add_number (builder, "china_share", ls_result_get_china_share (result, s));
      builder_add_number (builder, "rest_share", ls_result_get_rest_share (result, s));
      builder_add_number (builder, "hhi", ls_result_get_hhi (result, s));
      builder_add_number (builder, "top3_share", ls_result_get_top3_share (result, s, NULL));
      builder_add_number (builder, "shortfall", ls_result_get_stage_shortfall (result, s));
      builder_add_number (builder, "unallocated", ls_result_get_unallocated (result, s));
      builder_add_number (builder, "unknown_origin", ls_result_get_unknown_origin (result, s));

      json_builder_set_member_name (builder, "shares");
      json_builder_begin_object (builder);
      for (guint c = 0; c < C; c++)
        if (ls_result_get_production (result, s, c) > 0.0)
          builder_add_number (builder, country_id (dataset, c), ls_result_get_share (result, s, c));
      json_builder_end_object (builder);

      json_builder_set_member_name (builder, "dependency");
      add_dependency (builder, result, s);

      builder_add_number (builder, "unknown_supply", ls_result_get_unknown_supply (result, s));
      add_shares_evidence (builder, result, ranges, s);

      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  print_json (builder);
}

static char *
csv_field (const char *text)
{
  if (strpbrk (text, ",\"\n") == NULL)
    return g_strdup (text);

  {
    g_auto(GStrv) parts = g_strsplit (text, "\"", -1);
    g_autofree char *joined = g_strjoinv ("\"\"", parts);

    return g_strdup_printf ("\"%s\"", joined);
  }
}

static void
print_shares_csv (const LsResult *result)
{
  LsDataset *dataset = ls_result_get_dataset (result);
  guint S = ls_result_get_n_stages (result);
  guint C = ls_result_get_n_countries (result);

  g_print ("year,stage,country,name,member,production,share,baseline_production,shortfall,bloc_dependency_share\n");

  for (guint s = 0; s < S; s++)
    for (guint c = 0; c <= C; c++)
      {
        g_autofree char *name = csv_field (ls_dataset_get_country_name (dataset, c));
        double production = c < C ? ls_result_get_production (result, s, c) : ls_result_get_unknown_supply (result, s);
        double baseline = c < C ? ls_result_get_baseline_production (result, s, c) : 0.0;
        double dependency = ls_result_get_dependency_on (result, s, c);

        if (production <= 0.0 && baseline <= 0.0 && dependency <= 0.0)
          continue;

        g_print ("%d,%s,%s,%s,%s,%.17g,%.17g,%.17g,%.17g,%.17g\n",
                 ls_result_get_year (result),
                 ls_dataset_get_stage_id (dataset, s),
                 country_id (dataset, c), name,
                 ls_result_is_member (result, c) ? "yes" : "no",
                 production,
                 c < C ? ls_result_get_share (result, s, c) : 0.0,
                 baseline,
                 c < C ? ls_result_get_shortfall (result, s, c) : 0.0,
                 dependency);
      }
}

static int
verb_shares (int    argc,
             char **argv)
{
  g_auto(Options) options = { .samples = LS_RANGES_DEFAULT_SAMPLES };
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &options.format, "Output format: text, json or csv", "FORMAT" },
    { "samples", 0, 0, G_OPTION_ARG_INT, &options.samples,
      "Draws from the figures' ranges for the ranges of the shares in JSON (default: 200)", "N" },
    { NULL }
  };
  g_autoptr(LsScenario) scenario = NULL;
  g_autoptr(LsResult) result = NULL;
  int status;

  if ((status = parse_options ("shares", "[OPTIONS]",
                               "Prints, per stage, the world shares, the bloc's, China's and the rest's "
                               "shares, concentration and the bloc's dependency on non-members.",
                               entries, &options, TRUE, &argc, &argv)) >= 0)
    return status;

  if (argc > 1)
    return fail (EXIT_USAGE, "shares takes no arguments (“%s”)", argv[1]);

  if (options.format != NULL && !g_strv_contains ((const char *[]) { "text", "json", "csv", NULL }, options.format))
    return fail (EXIT_USAGE, "--format: “%s” is not text, json or csv", options.format);

  if ((status = load_result (&options, NULL, &scenario, &result)) != EXIT_OK)
    return status;

  if (g_strcmp0 (options.format, "json") == 0)
    {
      g_autoptr(LsRanges) ranges = NULL;
      g_autoptr(GError) error = NULL;

      if (!(ranges = ls_ranges_new (ls_result_get_baseline (result), scenario,
                                    MAX (1, options.samples), NULL, &error)))
        return fail (EXIT_BAD_INPUT, "%s", error->message);
      print_shares_json (result, ranges);
    }
  else if (g_strcmp0 (options.format, "csv") == 0)
    print_shares_csv (result);
  else
    print_shares_text (result);

  return EXIT_OK;
}

/* flows ------------------------------------------------------------------ */

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
          json_builder_add_string_value (builder, country_id (dataset, i));
          json_builder_set_member_name (builder, "to");
          json_builder_add_string_value (builder, country_id (dataset, j));
          builder_add_number (builder, "value", value);
          json_builder_set_member_name (builder, "estimated");
          json_builder_add_boolean_value (builder, get_estimated (result, s, i, j) > 0.0);
          if (with_evidence)
            {
              LsEvidenceSplit split;

              ls_result_get_flow_evidence (result, s, i, j, &split);
              add_evidence (builder, "evidence", &split);
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
    builder_add_number (builder, ls_dataset_get_stage_id (dataset, s), get (result, s));
  json_builder_end_object (builder);
}

static void
print_flows_json (LsDataset      *dataset,
                  LsScenario     *scenario,
                  const LsResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  LsBaseline *baseline = ls_result_get_baseline (result);
  guint S = ls_result_get_n_stages (result);
  guint C = ls_result_get_n_countries (result);
  int year = ls_result_get_year (result);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, year);
  add_bloc (builder, result);

  json_builder_set_member_name (builder, "stages");
  json_builder_begin_array (builder);
  for (guint s = 0; s < S; s++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, ls_dataset_get_stage_id (dataset, s));
      builder_add_number (builder, "yield", ls_dataset_get_stage_yield (dataset, s));
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
            builder_add_number (builder, country_id (dataset, c), figure->value);
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
      json_builder_add_string_value (builder, country_id (dataset, flow->from));
      json_builder_set_member_name (builder, "to");
      json_builder_add_string_value (builder, country_id (dataset, flow->to));
      builder_add_number (builder, "value", flow->figure.value);
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
          json_builder_add_string_value (builder, country_id (dataset, entry->to));
          json_builder_set_member_name (builder, "shares");
          json_builder_begin_object (builder);
          for (guint e = 0; e < entry->n_shares; e++)
            builder_add_number (builder, country_id (dataset, entry->shares[e].from),
                                entry->shares[e].share.value);
          json_builder_end_object (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  json_builder_set_member_name (builder, "scenario");
  json_builder_begin_object (builder);
  builder_add_number (builder, "friend_shoring", ls_scenario_get_friend_shoring (scenario));
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
      builder_add_number (builder, "delta", change->delta);
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
      builder_add_number (builder, "fraction", restriction->fraction);
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
          builder_add_number (builder, country_id (dataset, c), ls_result_get_production (result, s, c));
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
          builder_add_number (builder, country_id (dataset, c), ls_result_get_shortfall (result, s, c));
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
      add_dependency (builder, result, s);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  print_json (builder);
}

static void
print_flows_csv (const LsResult *result)
{
  LsDataset *dataset = ls_result_get_dataset (result);
  guint S = ls_result_get_n_stages (result);
  guint C = ls_result_get_n_countries (result);

  g_print ("year,stage,from,to,baseline,baseline_estimated,value,estimated\n");
  for (guint s = 0; s + 1 < S; s++)
    for (guint i = 0; i <= C; i++)
      for (guint j = 0; j < C; j++)
        {
          double base = ls_result_get_baseline_flow (result, s, i, j);
          double value = ls_result_get_flow (result, s, i, j);

          if (base <= 0.0 && value <= 0.0)
            continue;

          g_print ("%d,%s,%s,%s,%.17g,%s,%.17g,%s\n", ls_result_get_year (result),
                   ls_dataset_get_stage_id (dataset, s), country_id (dataset, i), country_id (dataset, j),
                   base, ls_result_get_baseline_flow_estimated (result, s, i, j) > 0.0 ? "yes" : "no",
                   value, ls_result_get_flow_estimated (result, s, i, j) > 0.0 ? "yes" : "no");
        }
}

static int
verb_flows (int    argc,
            char **argv)
{
  g_auto(Options) options = { 0 };
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &options.format, "Output format: json (default) or csv", "FORMAT" },
    { NULL }
  };
  g_autoptr(LsDataset) dataset = NULL;
  g_autoptr(LsScenario) scenario = NULL;
  g_autoptr(LsResult) result = NULL;
  int status;

  if ((status = parse_options ("flows", "[OPTIONS]",
                               "Prints the inputs, the completed baseline and the rebalanced result, "
                               "with every flow, so that the model can be checked.",
                               entries, &options, TRUE, &argc, &argv)) >= 0)
    return status;

  if (argc > 1)
    return fail (EXIT_USAGE, "flows takes no arguments (“%s”)", argv[1]);

  if (options.format != NULL && !g_strv_contains ((const char *[]) { "json", "csv", NULL }, options.format))
    return fail (EXIT_USAGE, "--format: “%s” is not json or csv", options.format);

  if ((status = load_result (&options, &dataset, &scenario, &result)) != EXIT_OK)
    return status;

  if (g_strcmp0 (options.format, "csv") == 0)
    print_flows_csv (result);
  else
    print_flows_json (dataset, scenario, result);

  return EXIT_OK;
}

/* render ----------------------------------------------------------------- */

static int
verb_render (int    argc,
             char **argv)
{
  g_auto(Options) options = { 0 };
  g_autofree char *view = NULL;
  g_autofree char *output = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *color_by = NULL;
  g_autofree char *metric = NULL;
  g_autofree char *stage = NULL;
  int width = 1280;
  int height = 800;
  gboolean dark = FALSE;
  gboolean no_arcs = FALSE;
  double threshold = -1.0;
  double font_scale = 1.0;
  GOptionEntry entries[] = {
    { "view", 0, 0, G_OPTION_ARG_STRING, &view, "What to draw: sankey (default) or map", "VIEW" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Output file; .png, .svg or .pdf", "FILE" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Width in pixels (PNG) or points (SVG, PDF); default 1280", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Height; default 800", "H" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark palette", NULL },
    { "labels", 0, 0, G_OPTION_ARG_STRING, &labels, "Label figures as values (t) or percent", "values|percent" },
    { "color-by", 0, 0, G_OPTION_ARG_STRING, &color_by, "Colour flows by membership or origin", "membership|origin" },
    { "other-threshold", 0, 0, G_OPTION_ARG_DOUBLE, &threshold,
      "Share of a stage below which countries merge into “Other” (default 0.02)", "X" },
    { "font-scale", 0, 0, G_OPTION_ARG_DOUBLE, &font_scale, "Type size factor (presenter figures: 1.6)", "X" },
    { "metric", 0, 0, G_OPTION_ARG_STRING, &metric, "Map colouring: share, dependency or membership", "METRIC" },
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage, "Map stage (default mining)", "STAGE" },
    { "no-arcs", 0, 0, G_OPTION_ARG_NONE, &no_arcs, "Map without flow arcs", NULL },
    { NULL }
  };
  g_autoptr(LsDataset) dataset = NULL;
  g_autoptr(LsResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LsRenderStyle style;
  LsMapOptions map_options;
  LsExportFormat format;
  LsExportView export_view;
  int status;

  if ((status = parse_options ("render", "--output FILE [OPTIONS]",
                               "Draws the Sankey figure or the map of a scenario to PNG, SVG or PDF, with its "
                               "title, legend and sources, with no display.",
                               entries, &options, TRUE, &argc, &argv)) >= 0)
    return status;

  if (argc > 1)
    return fail (EXIT_USAGE, "render takes no arguments (“%s”)", argv[1]);
  if (output == NULL)
    return fail (EXIT_USAGE, "render needs --output FILE (.png, .svg or .pdf)");
  if (!ls_export_format_from_filename (output, &format))
    return fail (EXIT_USAGE, "--output: “%s” does not end in .png, .svg or .pdf", output);
  if (width < 16 || height < 16 || width > 16384 || height > 16384)
    return fail (EXIT_USAGE, "--width and --height must be between 16 and 16384");
  if (view == NULL || g_str_equal (view, "sankey"))
    export_view = LS_EXPORT_SANKEY;
  else if (g_str_equal (view, "map"))
    export_view = LS_EXPORT_MAP;
  else
    return fail (EXIT_USAGE, "--view: “%s” is not sankey or map", view);

  ls_render_style_init (&style, dark);
  style.font_scale = CLAMP (font_scale, 0.5, 4.0);
  if (labels != NULL && g_str_equal (labels, "percent"))
    style.label_mode = LS_LABEL_PERCENT;
  else if (labels != NULL && !g_str_equal (labels, "values"))
    return fail (EXIT_USAGE, "--labels: “%s” is not values or percent", labels);
  if (color_by != NULL && g_str_equal (color_by, "origin"))
    style.color_by = LS_COLOR_BY_ORIGIN;
  else if (color_by != NULL && !g_str_equal (color_by, "membership"))
    return fail (EXIT_USAGE, "--color-by: “%s” is not membership or origin", color_by);
  if (threshold >= 0.0)
    {
      if (threshold > 0.5)
        return fail (EXIT_USAGE, "--other-threshold must be between 0 and 0.5");
      style.other_threshold = threshold;
    }

  ls_map_options_init (&map_options);
  map_options.show_arcs = !no_arcs;
  if (metric == NULL || g_str_equal (metric, "share"))
    map_options.metric = LS_MAP_METRIC_SHARE;
  else if (g_str_equal (metric, "dependency"))
    map_options.metric = LS_MAP_METRIC_DEPENDENCY;
  else if (g_str_equal (metric, "membership"))
    map_options.metric = LS_MAP_METRIC_MEMBERSHIP;
  else
    return fail (EXIT_USAGE, "--metric: “%s” is not share, dependency or membership", metric);

  if ((status = load_result (&options, &dataset, NULL, &result)) != EXIT_OK)
    return status;

  if (stage != NULL)
    {
      int index = ls_dataset_lookup_stage (dataset, stage);

      if (index < 0)
        return fail (EXIT_BAD_INPUT, "--stage: the dataset has no stage “%s”", stage);
      map_options.stage = index;
    }

  if (!ls_export_to_file (export_view, format, result, &style, &map_options,
                          width, height, output, &error))
    return fail (EXIT_BAD_INPUT, "%s", error->message);

  return EXIT_OK;
}

/* main ------------------------------------------------------------------- */

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

int
main (int    argc,
      char **argv)
{
  const char *verb;

  setlocale (LC_ALL, "");

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }

  verb = argv[1];

  if (g_str_equal (verb, "--help") || g_str_equal (verb, "-h") || g_str_equal (verb, "help"))
    {
      print_usage (stdout);
      return EXIT_OK;
    }

  if (g_str_equal (verb, "--version"))
    {
      g_print ("lodestone-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  /* Each verb parses the rest as its own command line. */
  argv[1] = argv[0];
  argc--;
  argv++;

  if (g_str_equal (verb, "check"))
    return verb_check (argc, argv);
  if (g_str_equal (verb, "shares"))
    return verb_shares (argc, argv);
  if (g_str_equal (verb, "flows"))
    return verb_flows (argc, argv);
  if (g_str_equal (verb, "layout"))
    return ls_cli_layout (argc, argv);
  if (g_str_equal (verb, "render"))
    return verb_render (argc, argv);

  fail (EXIT_USAGE, "unknown verb “%s”", verb);
  print_usage (stderr);
  return EXIT_USAGE;
}
