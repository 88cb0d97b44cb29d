/* ls-cli-options.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lodestone-cli"

#include "config.h"

#include "ls-cli-options.h"

#include "ls-ranges.h"

#include <math.h>
#include <string.h>

/* A verb's command line: argv in, LsCliOptions out, then the dataset,
 * scenario and result those options describe. Nothing here prints or
 * exits (but GOption's --help, unless LS_CLI_PARSE_NO_HELP), so that a
 * fuzz target can call ls_cli_options_parse() on any argv; the verbs turn
 * an error into its one-line message and exit status with
 * ls_cli_fail_with_error(). */

G_DEFINE_QUARK (ls-cli-error-quark, ls_cli_error)

/**
 * ls_cli_options_clear:
 * @options: options filled by ls_cli_options_parse()
 *
 * Frees what @options holds and zeroes it.
 */
void
ls_cli_options_clear (LsCliOptions *options)
{
  g_free (options->file);
  g_free (options->targets);
  g_free (options->calibration_format);
  g_free (options->data);
  g_free (options->scenario);
  g_strfreev (options->alliances);
  g_strfreev (options->add);
  g_strfreev (options->remove);
  g_free (options->friend_shoring);
  g_strfreev (options->restrict_);
  g_strfreev (options->capacity);
  g_free (options->output);
  g_free (options->stage);
  memset (options, 0, sizeof *options);
}

static void
add_scenario_entries (GOptionContext *context,
                      LsCliOptions   *options)
{
  const GOptionEntry entries[] = {
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

  /* GOption copies the entries, not what they point to. */
  g_option_context_add_main_entries (context, entries, NULL);
}

/* The render verb's options as given, before they are checked. */
typedef struct
{
  char    *view;
  char    *labels;
  char    *color_by;
  char    *metric;
  gboolean no_arcs;
} RenderText;

static void
render_text_clear (RenderText *text)
{
  g_free (text->view);
  g_free (text->labels);
  g_free (text->color_by);
  g_free (text->metric);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RenderText, render_text_clear)

static gboolean
check_format (const char   *format,
              gboolean      with_text,
              LsCliFormat  *out,
              GError      **error)
{
  if (format == NULL)
    return TRUE;

  if (with_text && g_str_equal (format, "text"))
    *out = LS_CLI_FORMAT_TEXT;
  else if (g_str_equal (format, "json"))
    *out = LS_CLI_FORMAT_JSON;
  else if (g_str_equal (format, "csv"))
    *out = LS_CLI_FORMAT_CSV;
  else
    {
      g_set_error (error, LS_CLI_ERROR, LS_CLI_ERROR_USAGE,
                   with_text ? "--format: “%s” is not text, json or csv" : "--format: “%s” is not json or csv",
                   format);
      return FALSE;
    }

  return TRUE;
}

/* Checks the render options in the order the verb always has, so that the
 * first of several mistakes is the one reported. */
static gboolean
check_render (LsCliOptions *options,
              RenderText   *text,
              GError      **error)
{
  if (options->output == NULL)
    {
      g_set_error (error, LS_CLI_ERROR, LS_CLI_ERROR_USAGE, "render needs --output FILE (.png, .svg or .pdf)");
      return FALSE;
    }
  if (!ls_export_format_from_filename (options->output, &options->output_format))
    {
      g_set_error (error, LS_CLI_ERROR, LS_CLI_ERROR_USAGE,
                   "--output: “%s” does not end in .png, .svg or .pdf", options->output);
      return FALSE;
    }
  if (options->width < 16 || options->height < 16 || options->width > 16384 || options->height > 16384)
    {
      g_set_error (error, LS_CLI_ERROR, LS_CLI_ERROR_USAGE, "--width and --height must be between 16 and 16384");
      return FALSE;
    }

  if (text->view == NULL || g_str_equal (text->view, "sankey"))
    options->view = LS_EXPORT_SANKEY;
  else if (g_str_equal (text->view, "map"))
    options->view = LS_EXPORT_MAP;
  else
    {
      g_set_error (error, LS_CLI_ERROR, LS_CLI_ERROR_USAGE, "--view: “%s” is not sankey or map", text->view);
      return FALSE;
    }

  options->font_scale = CLAMP (options->font_scale, 0.5, 4.0);

  if (text->labels != NULL && g_str_equal (text->labels, "percent"))
    options->label_mode = LS_LABEL_PERCENT;
  else if (text->labels != NULL && !g_str_equal (text->labels, "values"))
    {
      g_set_error (error, LS_CLI_ERROR, LS_CLI_ERROR_USAGE, "--labels: “%s” is not values or percent", text->labels);
      return FALSE;
    }

  if (text->color_by != NULL && g_str_equal (text->color_by, "origin"))
    options->color_by = LS_COLOR_BY_ORIGIN;
  else if (text->color_by != NULL && !g_str_equal (text->color_by, "membership"))
    {
      g_set_error (error, LS_CLI_ERROR, LS_CLI_ERROR_USAGE,
                   "--color-by: “%s” is not membership or origin", text->color_by);
      return FALSE;
    }

  if (options->other_threshold >= 0.0 && options->other_threshold > 0.5)
    {
      g_set_error (error, LS_CLI_ERROR, LS_CLI_ERROR_USAGE, "--other-threshold must be between 0 and 0.5");
      return FALSE;
    }

  options->show_arcs = !text->no_arcs;
  if (text->metric == NULL || g_str_equal (text->metric, "share"))
    options->metric = LS_MAP_METRIC_SHARE;
  else if (g_str_equal (text->metric, "dependency"))
    options->metric = LS_MAP_METRIC_DEPENDENCY;
  else if (g_str_equal (text->metric, "membership"))
    options->metric = LS_MAP_METRIC_MEMBERSHIP;
  else
    {
      g_set_error (error, LS_CLI_ERROR, LS_CLI_ERROR_USAGE,
                   "--metric: “%s” is not share, dependency or membership", text->metric);
      return FALSE;
    }

  return TRUE;
}

static const char *
verb_name (LsCliVerb verb)
{
  switch (verb)
    {
    case LS_CLI_VERB_CHECK:
      return "check";
    case LS_CLI_VERB_SHARES:
      return "shares";
    case LS_CLI_VERB_FLOWS:
      return "flows";
    case LS_CLI_VERB_RENDER:
    default:
      return "render";
    }
}

/* Whether GOption is about to print the help (and exit). */
static gboolean
asks_for_help (const char * const *argv)
{
  for (guint i = 1; argv != NULL && argv[i] != NULL; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;
      if (g_str_equal (argv[i], "-h") || g_str_equal (argv[i], "-?") || g_str_has_prefix (argv[i], "--help"))
        return TRUE;
    }

  return FALSE;
}

static void
append_ids (GString    *text,
            const char *what,
            LsDataset  *dataset,
            guint       n,
            const char *(*get_id) (LsDataset *, guint))
{
  g_string_append_printf (text, "  %s:", what);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s %s", i > 0 ? "," : "", get_id (dataset, i));
  g_string_append_c (text, '\n');
}

/* The ids the embedded dataset accepts, for the help's foot: what
 * --alliance, --year and a lever's STAGE may be. Loaded only for --help. */
static char *
dup_embedded_ids (void)
{
  g_autoptr(LsDataset) dataset = ls_dataset_new_default (NULL);
  GString *text;
  const int *years;
  guint n_years;

  if (dataset == NULL)
    return NULL;

  text = g_string_new ("Ids in the embedded dataset (countries are ISO3 codes):\n");
  append_ids (text, "Alliances", dataset, ls_dataset_get_n_alliances (dataset), ls_dataset_get_alliance_id);
  append_ids (text, "Stages", dataset, ls_dataset_get_n_stages (dataset), ls_dataset_get_stage_id);

  years = ls_dataset_get_years (dataset, &n_years);
  if (n_years > 0)
    g_string_append_printf (text, "  Years: %d–%d\n", years[0], years[n_years - 1]);

  return g_string_free (text, FALSE);
}

/**
 * ls_cli_options_parse:
 * @options: (out caller-allocates): the options read
 * @verb: whose command line @argv is
 * @flags: whether `--help` may print and exit
 * @argv: the verb's command line, a program name first (as main()'s argv
 *   after the verb is taken out); not changed
 * @error: a %LS_CLI_ERROR_USAGE error, with the message to print
 *
 * Reads and checks a verb's options and arguments. What needs the
 * dataset (ids, years) is checked by ls_cli_options_compute().
 *
 * Returns: %TRUE when @argv is a valid command line for @verb; @options
 *   is filled either way and must be cleared with ls_cli_options_clear()
 */
gboolean
ls_cli_options_parse (LsCliOptions       *options,
                      LsCliVerb           verb,
                      LsCliParseFlags     flags,
                      const char * const *argv,
                      GError            **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) args = g_strdupv ((char **) argv);
  g_autofree char *format = NULL;
  g_auto(RenderText) render = { 0 };
  const char *name = verb_name (verb);
  guint n_args;

  memset (options, 0, sizeof *options);
  options->verb = verb;
  options->format = verb == LS_CLI_VERB_FLOWS ? LS_CLI_FORMAT_JSON : LS_CLI_FORMAT_TEXT;
  options->width = 1280;
  options->height = 800;
  options->other_threshold = -1.0;
  options->font_scale = 1.0;
  options->show_arcs = TRUE;
  options->samples = verb == LS_CLI_VERB_CHECK ? 100 : LS_RANGES_DEFAULT_SAMPLES;

  switch (verb)
    {
    case LS_CLI_VERB_CHECK:
      {
        const GOptionEntry entries[] = {
          { "data", 0, 0, G_OPTION_ARG_FILENAME, &options->data,
            "Dataset to check a scenario against (default: the embedded dataset)", "FILE" },
          { "calibration", 0, 0, G_OPTION_ARG_NONE, &options->calibration,
            "Check the dataset against its calibration targets: print target, model and difference", NULL },
          { "targets", 0, 0, G_OPTION_ARG_FILENAME, &options->targets,
            "Calibration targets to check (default: the embedded data/calibration.json)", "FILE" },
          { "samples", 0, 0, G_OPTION_ARG_INT, &options->samples,
            "Draws from the figures' ranges for the model's range (default: 100; 0: none)", "N" },
          { "format", 0, 0, G_OPTION_ARG_STRING, &options->calibration_format,
            "Output of --calibration: text (default) or json", "FORMAT" },
          { NULL }
        };

        context = g_option_context_new ("check [FILE]");
        g_option_context_set_summary (context,
                                      "Validates a dataset or scenario file (the embedded dataset when no FILE "
                                      "is given).");
        g_option_context_add_main_entries (context, entries, NULL);
      }
      break;

    case LS_CLI_VERB_SHARES:
      {
        const GOptionEntry entries[] = {
          { "format", 0, 0, G_OPTION_ARG_STRING, &format, "Output format: text, json or csv", "FORMAT" },
          { "samples", 0, 0, G_OPTION_ARG_INT, &options->samples,
            "Draws from the figures' ranges for the ranges of the shares in JSON (default: 200)", "N" },
          { NULL }
        };

        context = g_option_context_new ("shares [OPTIONS]");
        g_option_context_set_summary (context,
                                      "Prints, per stage, the world shares, the bloc's, China's and the rest's "
                                      "shares, concentration and the bloc's dependency on non-members.");
        add_scenario_entries (context, options);
        g_option_context_add_main_entries (context, entries, NULL);
      }
      break;

    case LS_CLI_VERB_FLOWS:
      {
        const GOptionEntry entries[] = {
          { "format", 0, 0, G_OPTION_ARG_STRING, &format, "Output format: json (default) or csv", "FORMAT" },
          { NULL }
        };

        context = g_option_context_new ("flows [OPTIONS]");
        g_option_context_set_summary (context,
                                      "Prints the inputs, the completed baseline and the rebalanced result, "
                                      "with every flow, so that the model can be checked.");
        add_scenario_entries (context, options);
        g_option_context_add_main_entries (context, entries, NULL);
      }
      break;

    case LS_CLI_VERB_RENDER:
    default:
      {
        const GOptionEntry entries[] = {
          { "view", 0, 0, G_OPTION_ARG_STRING, &render.view, "What to draw: sankey (default) or map", "VIEW" },
          { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options->output, "Output file; .png, .svg or .pdf", "FILE" },
          { "width", 0, 0, G_OPTION_ARG_INT, &options->width,
            "Width in pixels (PNG) or points (SVG, PDF); default 1280", "W" },
          { "height", 0, 0, G_OPTION_ARG_INT, &options->height, "Height; default 800", "H" },
          { "dark", 0, 0, G_OPTION_ARG_NONE, &options->dark, "Use the dark palette", NULL },
          { "labels", 0, 0, G_OPTION_ARG_STRING, &render.labels, "Label figures as values (t) or percent",
            "values|percent" },
          { "color-by", 0, 0, G_OPTION_ARG_STRING, &render.color_by, "Colour flows by membership or origin",
            "membership|origin" },
          { "other-threshold", 0, 0, G_OPTION_ARG_DOUBLE, &options->other_threshold,
            "Share of a stage below which countries merge into “Other” (default 0.02)", "X" },
          { "font-scale", 0, 0, G_OPTION_ARG_DOUBLE, &options->font_scale,
            "Type size factor (presenter figures: 1.6)", "X" },
          { "metric", 0, 0, G_OPTION_ARG_STRING, &render.metric, "Map colouring: share, dependency or membership",
            "METRIC" },
          { "stage", 0, 0, G_OPTION_ARG_STRING, &options->stage, "Map stage (default mining)", "STAGE" },
          { "no-arcs", 0, 0, G_OPTION_ARG_NONE, &render.no_arcs, "Map without flow arcs", NULL },
          { NULL }
        };

        context = g_option_context_new ("render --output FILE [OPTIONS]");
        g_option_context_set_summary (context,
                                      "Draws the Sankey figure or the map of a scenario to PNG, SVG or PDF, with "
                                      "its title, legend and sources, with no display.");
        add_scenario_entries (context, options);
        g_option_context_add_main_entries (context, entries, NULL);
      }
      break;
    }

  g_option_context_set_help_enabled (context, (flags & LS_CLI_PARSE_NO_HELP) == 0);

  if (verb != LS_CLI_VERB_CHECK && (flags & LS_CLI_PARSE_NO_HELP) == 0 && asks_for_help (argv))
    {
      g_autofree char *description = dup_embedded_ids ();

      g_option_context_set_description (context, description);
    }

  if (!g_option_context_parse_strv (context, &args, &local_error))
    {
      g_set_error (error, LS_CLI_ERROR, LS_CLI_ERROR_USAGE, "%s (see “lodestone-cli %s --help”)",
                   local_error->message, name);
      return FALSE;
    }

  /* args[0] is the program. */
  n_args = args != NULL && args[0] != NULL ? g_strv_length (args) - 1 : 0;

  if (verb == LS_CLI_VERB_CHECK)
    {
      if (n_args > 1)
        {
          g_set_error (error, LS_CLI_ERROR, LS_CLI_ERROR_USAGE, "check takes one FILE at most");
          return FALSE;
        }
      options->file = n_args == 1 ? g_strdup (args[1]) : NULL;
      return TRUE;
    }

  if (n_args > 0)
    {
      g_set_error (error, LS_CLI_ERROR, LS_CLI_ERROR_USAGE, "%s takes no arguments (“%s”)", name, args[1]);
      return FALSE;
    }

  if (verb == LS_CLI_VERB_RENDER)
    return check_render (options, &render, error);

  return check_format (format, verb == LS_CLI_VERB_SHARES, &options->format, error);
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

static void
set_bad_input (GError       **error,
               const GError  *cause)
{
  g_set_error_literal (error, LS_CLI_ERROR, LS_CLI_ERROR_BAD_INPUT, cause->message);
}

/**
 * ls_cli_options_load_dataset:
 * @options: parsed options
 * @error: a %LS_CLI_ERROR_BAD_INPUT error naming the file and place
 *
 * Returns: (transfer full) (nullable): the `--data` dataset, else the
 *   embedded one
 */
LsDataset *
ls_cli_options_load_dataset (const LsCliOptions  *options,
                             GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  LsDataset *dataset;

  if (options->data != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (options->data);

      dataset = ls_dataset_new_from_file (file, NULL, &local_error);
    }
  else
    dataset = ls_dataset_new_default (&local_error);

  if (dataset == NULL)
    set_bad_input (error, local_error);

  return dataset;
}

/* A lever that names the bloc does something else than meant when no
 * --alliance or --add made one: "bloc" is then no country and "non-bloc"
 * every country. The result is still computed (it is what DESIGN.md says),
 * but the user is told on stderr, where it does not spoil --format json. */
static void
warn_if_bloc_empty (LsScenario *scenario,
                    LsDataset  *dataset)
{
  g_autofree gboolean *members = g_new0 (gboolean, ls_dataset_get_n_countries (dataset));
  gboolean names_bloc = ls_scenario_get_friend_shoring (scenario) > 0.0;

  for (guint i = 0; i < ls_scenario_get_n_restrictions (scenario); i++)
    {
      const LsRestriction *restriction = ls_scenario_get_restriction (scenario, i);

      if (restriction->from.kind != LS_PARTY_COUNTRIES || restriction->to.kind != LS_PARTY_COUNTRIES)
        names_bloc = TRUE;
    }

  if (!names_bloc || !ls_scenario_compute_bloc (scenario, dataset, members, NULL))
    return;

  for (guint c = 0; c < ls_dataset_get_n_countries (dataset); c++)
    if (members[c])
      return;

  g_printerr ("lodestone-cli: warning: a lever names the bloc, but the bloc is empty "
              "(no --alliance or --add): “bloc” is no country and “non-bloc” every country\n");
}

/**
 * ls_cli_options_build_scenario:
 * @options: parsed options
 * @dataset: the dataset the scenario is checked against
 * @error: a %LS_CLI_ERROR_USAGE error for a malformed value, a
 *   %LS_CLI_ERROR_BAD_INPUT one for a file or an id the data lacks
 *
 * Returns: (transfer full) (nullable): the `--scenario` scenario (else an
 *   empty one) changed by the other scenario options, valid for @dataset
 */
LsScenario *
ls_cli_options_build_scenario (const LsCliOptions  *options,
                               LsDataset           *dataset,
                               GError             **error)
{
  g_autoptr(LsScenario) scenario = NULL;
  g_autoptr(GError) local_error = NULL;

  if (options->scenario != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (options->scenario);

      if (!(scenario = ls_scenario_new_from_file (file, NULL, &local_error)))
        {
          set_bad_input (error, local_error);
          return NULL;
        }
    }
  else
    scenario = ls_scenario_new ();

  if (options->year != 0)
    {
      if (options->year < 0)
        {
          g_set_error (error, LS_CLI_ERROR, LS_CLI_ERROR_USAGE, "--year: %d is not a year", options->year);
          return NULL;
        }
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
        {
          g_set_error (error, LS_CLI_ERROR, LS_CLI_ERROR_USAGE, "--friend-shoring: “%s” is not a number in [0, 1]",
                       options->friend_shoring);
          return NULL;
        }
      ls_scenario_set_friend_shoring (scenario, value);
    }

  for (guint i = 0; options->capacity != NULL && options->capacity[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (options->capacity[i], ":", -1);
      g_autoptr(LsCapacityChange) change = NULL;
      double delta;

      if (g_strv_length (parts) != 3 || !parse_double (parts[2], &delta))
        {
          g_set_error (error, LS_CLI_ERROR, LS_CLI_ERROR_USAGE, "--capacity: “%s” is not STAGE:ISO3:DELTA",
                       options->capacity[i]);
          return NULL;
        }

      /* The bound a scenario file has too (LS_MAX_TONNES, issue 14). */
      if (fabs (delta) > LS_MAX_TONNES)
        {
          g_set_error (error, LS_CLI_ERROR, LS_CLI_ERROR_USAGE,
                       "--capacity: “%s”: a change of more than ±%g t is not allowed",
                       options->capacity[i], LS_MAX_TONNES);
          return NULL;
        }

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
          g_set_error (error, LS_CLI_ERROR, LS_CLI_ERROR_USAGE,
                       "--restrict: “%s” is not STAGE:FROM:TO:FRACTION "
                       "(FROM, TO: ISO3 list or bloc/non-bloc; FRACTION in [0, 1])",
                       options->restrict_[i]);
          return NULL;
        }

      restriction = ls_restriction_new (parts[0], &from, &to, fraction);
      ls_scenario_add_restriction (scenario, restriction);
      ls_party_clear (&from);
      ls_party_clear (&to);
    }

  if (!ls_scenario_validate (scenario, dataset, &local_error))
    {
      set_bad_input (error, local_error);
      return NULL;
    }

  warn_if_bloc_empty (scenario, dataset);

  return g_steal_pointer (&scenario);
}

/**
 * ls_cli_options_compute:
 * @options: parsed options
 * @scenario_out: (out) (optional) (transfer full): the scenario
 * @error: as ls_cli_options_build_scenario() sets it
 *
 * Loads the dataset, builds the scenario and computes its result.
 *
 * Returns: (transfer full) (nullable): the result; its dataset is
 *   ls_result_get_dataset()
 */
LsResult *
ls_cli_options_compute (const LsCliOptions  *options,
                        LsScenario         **scenario_out,
                        GError             **error)
{
  g_autoptr(LsDataset) dataset = NULL;
  g_autoptr(LsScenario) scenario = NULL;
  g_autoptr(GError) local_error = NULL;
  LsResult *result;

  if (!(dataset = ls_cli_options_load_dataset (options, error)))
    return NULL;

  if (!(scenario = ls_cli_options_build_scenario (options, dataset, error)))
    return NULL;

  if (!(result = ls_result_new (dataset, scenario, &local_error)))
    {
      set_bad_input (error, local_error);
      return NULL;
    }

  if (scenario_out != NULL)
    *scenario_out = g_steal_pointer (&scenario);

  return result;
}

/**
 * ls_cli_fail:
 * @status: the exit status to return
 * @format: printf-style message
 *
 * Prints "lodestone-cli: MESSAGE" on one line to stderr, so that scripts
 * can show it as it is.
 *
 * Returns: @status
 */
int
ls_cli_fail (int         status,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_strdelimit (message, "\n", ' ');
  g_printerr ("lodestone-cli: %s\n", message);

  return status;
}

/**
 * ls_cli_fail_with_error:
 * @error: a %LS_CLI_ERROR error
 *
 * Prints @error as ls_cli_fail() does.
 *
 * Returns: the exit status @error calls for
 */
int
ls_cli_fail_with_error (const GError *error)
{
  int status = LS_CLI_EXIT_BAD_INPUT;

  if (error->domain == LS_CLI_ERROR && error->code == LS_CLI_ERROR_USAGE)
    status = LS_CLI_EXIT_USAGE;

  return ls_cli_fail (status, "%s", error->message);
}
