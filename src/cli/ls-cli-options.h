/* ls-cli-options.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ls-dataset.h"
#include "ls-export.h"
#include "ls-result.h"
#include "ls-scenario.h"

G_BEGIN_DECLS

/**
 * LsCliExit:
 * @LS_CLI_EXIT_OK: success
 * @LS_CLI_EXIT_BAD_INPUT: a file, or an id the data does not have
 * @LS_CLI_EXIT_USAGE: an unknown option or a malformed value
 *
 * lodestone-cli's exit statuses.
 */
typedef enum
{
  LS_CLI_EXIT_OK = 0,
  LS_CLI_EXIT_BAD_INPUT = 1,
  LS_CLI_EXIT_USAGE = 2,
} LsCliExit;

#define LS_CLI_ERROR (ls_cli_error_quark ())

/**
 * LsCliError:
 * @LS_CLI_ERROR_BAD_INPUT: exit with %LS_CLI_EXIT_BAD_INPUT
 * @LS_CLI_ERROR_USAGE: exit with %LS_CLI_EXIT_USAGE
 */
typedef enum
{
  LS_CLI_ERROR_BAD_INPUT = LS_CLI_EXIT_BAD_INPUT,
  LS_CLI_ERROR_USAGE = LS_CLI_EXIT_USAGE,
} LsCliError;

/**
 * LsCliVerb:
 * @LS_CLI_VERB_CHECK: `check [FILE]`
 * @LS_CLI_VERB_SHARES: `shares`
 * @LS_CLI_VERB_FLOWS: `flows`
 * @LS_CLI_VERB_RENDER: `render`
 *
 * The verbs whose command lines ls_cli_options_parse() reads. (`layout`
 * reads its own: it takes a graph, not a scenario.)
 */
typedef enum
{
  LS_CLI_VERB_CHECK,
  LS_CLI_VERB_SHARES,
  LS_CLI_VERB_FLOWS,
  LS_CLI_VERB_RENDER,
} LsCliVerb;

/**
 * LsCliFormat:
 * @LS_CLI_FORMAT_TEXT: aligned text for people
 * @LS_CLI_FORMAT_JSON: JSON
 * @LS_CLI_FORMAT_CSV: CSV with a header line
 */
typedef enum
{
  LS_CLI_FORMAT_TEXT,
  LS_CLI_FORMAT_JSON,
  LS_CLI_FORMAT_CSV,
} LsCliFormat;

/**
 * LsCliParseFlags:
 * @LS_CLI_PARSE_DEFAULT: as lodestone-cli runs: `--help` prints the
 *   verb's help and exits
 * @LS_CLI_PARSE_NO_HELP: no `--help` option, so that nothing exits (for
 *   tests and fuzz targets)
 */
typedef enum
{
  LS_CLI_PARSE_DEFAULT = 0,
  LS_CLI_PARSE_NO_HELP = 1 << 0,
} LsCliParseFlags;

/*
 * A verb's command line, read and checked. Strings and lists are as
 * given (%NULL when absent); the scenario options are applied by
 * ls_cli_options_compute(), which needs the dataset to check them.
 */
typedef struct
{
  LsCliVerb        verb;

  /* check: the FILE argument, %NULL for the dataset; --calibration,
   * --targets, and --format as given (ls_cli_check_calibration() reads
   * it). */
  char            *file;
  gboolean         calibration;
  char            *targets;
  char            *calibration_format;

  /* check --calibration (default 100) and shares JSON (default
   * LS_RANGES_DEFAULT_SAMPLES): draws from the figures' ranges. */
  int              samples;

  /* The scenario options (shares, flows, render); check takes --data. */
  char            *data;
  char            *scenario;
  int              year;            /* 0: the scenario's, else the dataset's */
  char           **alliances;
  char           **add;
  char           **remove;
  char            *friend_shoring;
  char           **restrict_;
  char           **capacity;
  gboolean         current_members;

  /* shares (default text) and flows (default JSON). */
  LsCliFormat      format;

  /* render */
  LsExportView     view;
  char            *output;
  LsExportFormat   output_format;
  int              width;
  int              height;
  gboolean         dark;
  LsLabelMode      label_mode;
  LsColorBy        color_by;
  double           other_threshold; /* below 0: the style's default */
  double           font_scale;
  LsMapMetric      metric;
  char            *stage;           /* the map's stage id; %NULL for the default */
  gboolean         show_arcs;
} LsCliOptions;

GQuark       ls_cli_error_quark             (void);

gboolean     ls_cli_options_parse           (LsCliOptions       *options,
                                             LsCliVerb           verb,
                                             LsCliParseFlags     flags,
                                             const char * const *argv,
                                             GError            **error);
void         ls_cli_options_clear           (LsCliOptions       *options);

LsDataset   *ls_cli_options_load_dataset    (const LsCliOptions *options,
                                             GError            **error);
LsScenario  *ls_cli_options_build_scenario  (const LsCliOptions *options,
                                             LsDataset          *dataset,
                                             GError            **error);
LsResult    *ls_cli_options_compute         (const LsCliOptions *options,
                                             LsScenario        **scenario_out,
                                             GError            **error);

int          ls_cli_fail                    (int                 status,
                                             const char         *format,
                                             ...) G_GNUC_PRINTF (2, 3);
int          ls_cli_fail_with_error         (const GError       *error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LsCliOptions, ls_cli_options_clear)

G_END_DECLS
