/* ls-render-sankey.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-render-sankey"

#include "config.h"

#include "ls-render-sankey.h"

#include "ls-scenario.h"
#include "ls-scenario-text.h"

#include "ls-sankey-figure-private.h"

#include <glib/gi18n-lib.h>


static char *
describe_bloc (LsResult   *result,
               LsScenario *scenario)
{
  LsDataset *dataset = ls_result_get_dataset (result);
  guint n_countries = ls_result_get_n_countries (result);
  guint n_members = ls_result_get_n_members (result);
  g_autoptr(GString) names = NULL;
  guint listed = 0;

  if (n_members == 0)
    return g_strdup (_("No bloc chosen"));

  /* With a scenario, the bloc in the words every caption uses: its
   * alliances, the countries added or removed, whose members. */
  if (scenario != NULL)
    {
      g_autofree char *bloc = ls_scenario_text_bloc (result, scenario);

      /* Translators: the figure's subtitle, "Bloc: MSP (14 countries)" */
      return g_strdup_printf (_("Bloc: %s"), bloc);
    }

  /* A bloc that is exactly one alliance goes by its name. */
  for (guint a = 0; a < ls_dataset_get_n_alliances (dataset); a++)
    {
      gboolean same = TRUE;

      for (guint c = 0; c < n_countries && same; c++)
        if (!ls_dataset_alliance_has_member_in_year (dataset, a, c, ls_result_get_year (result)) !=
            !ls_result_is_member (result, c))
          same = FALSE;
      if (same)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Bloc: %s (%u country)", "Bloc: %s (%u countries)",
                                             n_members),
                                ls_dataset_get_alliance_name (dataset, a), n_members);
    }

  names = g_string_new (NULL);
  for (guint c = 0; c < n_countries && listed < 8; c++)
    if (ls_result_is_member (result, c))
      {
        g_string_append_printf (names, "%s%s", listed > 0 ? ", " : "",
                                ls_dataset_get_country_name (dataset, c));
        listed++;
      }
  if (n_members > listed)
    g_string_append (names, ", …");

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Bloc of %u country: %s", "Bloc of %u countries: %s",
                                       n_members),
                          n_members, names->str);
}

/**
 * ls_render_sankey_figure:
 * @cr: a Cairo context (an image, SVG or PDF surface, or a widget's)
 * @result: the result to draw
 * @style: the colours and options
 * @width: the extent
 * @height: the extent
 *
 * Draws the whole figure for export: background, title ("Rare-earth
 * flows, YEAR"), the bloc, the Sankey, its legend and sources, all inside
 * (0, 0)–(@width, @height).
 */
void
ls_render_sankey_figure (cairo_t             *cr,
                         LsResult            *result,
                         const LsRenderStyle *style,
                         double               width,
                         double               height)
{
  ls_render_sankey_figure_with_scenario (cr, result, style, width, height, NULL);
}

/**
 * ls_sankey_pins_new_from_scenario:
 * @scenario: a scenario
 * @n_pins: (out): the number of pins
 *
 * The nodes the user pinned in @scenario (ls_scenario_set_pin()), as the
 * layout takes them: node ids are "STAGE/NODE".
 *
 * Returns: (transfer full) (array length=n_pins): the pins; free with
 *   ls_sankey_pins_free()
 */
LsSankeyPin *
ls_sankey_pins_new_from_scenario (LsScenario *scenario,
                                  guint      *n_pins)
{
  guint n = ls_scenario_get_n_pins (scenario);
  LsSankeyPin *pins = g_new0 (LsSankeyPin, n + 1);

  for (guint i = 0; i < n; i++)
    {
      const LsPin *pin = ls_scenario_get_pin (scenario, i);

      pins[i].node = g_strdup_printf ("%s/%s", pin->stage, pin->node);
      pins[i].rank = pin->position;
    }
  *n_pins = n;

  return pins;
}

void
ls_sankey_pins_free (LsSankeyPin *pins,
                     guint        n_pins)
{
  for (guint i = 0; i < n_pins; i++)
    g_free ((char *)pins[i].node);
  g_free (pins);
}

/**
 * ls_render_sankey_figure_with_scenario:
 * @cr: a Cairo context (an image, SVG or PDF surface, or a widget's)
 * @result: the result to draw
 * @style: the colours and options
 * @width: the extent
 * @height: the extent
 * @scenario: (nullable): the scenario of @result, whose pinned nodes
 *   (ls_scenario_set_pin()) keep their places in the figure
 *
 * As ls_render_sankey_figure(), with the nodes the user put in place where
 * the user put them, as on screen.
 */
void
ls_render_sankey_figure_with_scenario (cairo_t             *cr,
                                       LsResult            *result,
                                       const LsRenderStyle *style,
                                       double               width,
                                       double               height,
                                       LsScenario          *scenario)
{
  g_autoptr(LsSankeyFigure) figure = NULL;
  LsSankeyFigureOptions options = { 0 };
  LsSankeyPin *pins = NULL;
  PangoContext *pango;
  g_autofree char *title = NULL;
  g_autofree char *bloc = NULL;
  double px, title_h, sub_w, title_w, band;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (result != NULL);
  g_return_if_fail (style != NULL);

  if (scenario != NULL)
    options.pins = pins = ls_sankey_pins_new_from_scenario (scenario, &options.n_pins);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  _ls_sankey_set_color (cr, &style->background, 1);
  cairo_fill (cr);

  px = CLAMP (MIN (height / 800, width / 1280) * 22, 16, 28) *
       (style->font_scale > 0 ? style->font_scale : 1);
  title = g_strdup_printf (_("Rare-earth flows, %d"), ls_result_get_year (result));
  bloc = describe_bloc (result, scenario);

  /* A figure below the title band; measure with a throw-away figure's
   * fonts so the title and the body share one text set-up. */
  pango = _ls_sankey_text_context_new ();
  {
    LsSankeyText text = { pango, (char *)style->font_family };

    g_autoptr(PangoLayout) subtitle = _ls_sankey_text_layout (&text, bloc, px * 0.6, PANGO_WEIGHT_NORMAL);
    double sub_h;
    gboolean beside;

    _ls_sankey_text_measure (&text, title, px, PANGO_WEIGHT_BOLD, &title_w, &title_h);
    _ls_sankey_text_measure (&text, bloc, px * 0.6, PANGO_WEIGHT_NORMAL, &sub_w, &sub_h);

    /* The bloc goes beside the title when both fit on one line, else on
     * a line of its own under it, shortened with "…" if it must be (the
     * caption under an export names the bloc in full). */
    beside = 12 + title_w + px * 0.8 + sub_w + 12 <= width;
    band = 10 + title_h + (beside ? 0 : sub_h) + 4;
    figure = ls_sankey_figure_new_with_options (result, style, width, MAX (height - band, 1), &options);
    _ls_sankey_text_show (&text, cr, title, px, PANGO_WEIGHT_BOLD, 12, 8, &style->foreground, 1);

    if (beside)
      cairo_move_to (cr, 12 + title_w + px * 0.8, 8 + title_h - px * 0.6 * 1.25);
    else
      {
        pango_layout_set_width (subtitle, MAX (width - 24, 1) * PANGO_SCALE);
        pango_layout_set_ellipsize (subtitle, PANGO_ELLIPSIZE_END);
        cairo_move_to (cr, 12, 8 + title_h);
      }
    _ls_sankey_set_color (cr, &style->dim_foreground, 1);
    pango_cairo_show_layout (cr, subtitle);
  }

  g_object_unref (pango);

  cairo_translate (cr, 0, band);
  ls_sankey_figure_draw (figure, cr, style, -1);
  cairo_restore (cr);

  if (pins != NULL)
    ls_sankey_pins_free (pins, options.n_pins);
}
