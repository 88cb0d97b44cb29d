/* ls-cli-render.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lodestone-cli"

#include "config.h"

#include "ls-cli-verbs.h"

/* `render`: the Sankey figure or the map of a scenario to PNG, SVG or
 * PDF, through the app's own drawing path (ls_export_to_file()), its text
 * in the user's language and locale, with the caption every exported
 * figure carries: scenario, year, bloc and every lever (issue 16, M11). */

int
ls_cli_render (const LsCliOptions *options)
{
  g_autoptr(LsResult) result = NULL;
  g_autoptr(LsScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  LsRenderStyle style;
  LsExportOptions export;

  ls_render_style_init (&style, options->dark);
  style.font_scale = options->font_scale;
  style.label_mode = options->label_mode;
  style.color_by = options->color_by;
  if (options->other_threshold >= 0.0)
    style.other_threshold = options->other_threshold;

  ls_export_options_init (&export, options->view, options->output_format);
  export.width = options->width;
  export.height = options->height;
  export.map.show_arcs = options->show_arcs;
  export.map.metric = options->metric;

  /* The scenario too: the figure's caption names it and its levers. */
  if (!(result = ls_cli_options_compute (options, &scenario, &error)))
    return ls_cli_fail_with_error (error);

  if (options->stage != NULL)
    {
      int index = ls_dataset_lookup_stage (ls_result_get_dataset (result), options->stage);

      if (index < 0)
        return ls_cli_fail (LS_CLI_EXIT_BAD_INPUT, "--stage: the dataset has no stage “%s”", options->stage);
      export.map.stage = index;
    }

  if (!ls_export_to_file (result, scenario, &style, &export, options->output, &error))
    return ls_cli_fail (LS_CLI_EXIT_BAD_INPUT, "%s", error->message);

  return LS_CLI_EXIT_OK;
}
