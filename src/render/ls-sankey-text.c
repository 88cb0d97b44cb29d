/* ls-sankey-text.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-sankey-figure"

#include "config.h"

#include "ls-sankey-figure-private.h"

#include "ls-format.h"

#include <glib/gi18n-lib.h>

PangoContext *
_ls_sankey_text_context_new (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics, so labels measure the same on screen, PNG, SVG and
   * PDF, and the overlap checks made here hold on every surface. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 96);
  cairo_font_options_destroy (options);

  return context;
}

PangoLayout *
_ls_sankey_text_layout (const LsSankeyText *setup,
                        const char         *text,
                        double              px,
                        PangoWeight         weight)
{
  PangoLayout *layout = pango_layout_new (setup->pango);
  PangoFontDescription *desc;

  desc = pango_font_description_from_string (setup->font_family != NULL ? setup->font_family
                                                                       : "Cantarell, Noto Sans, sans-serif");
  pango_font_description_set_absolute_size (desc, px * PANGO_SCALE);
  pango_font_description_set_weight (desc, weight);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (desc);

  return layout;
}

GHashTable *
_ls_sankey_text_measures_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

void
_ls_sankey_text_measure (const LsSankeyText *setup,
                         const char         *text,
                         double              px,
                         PangoWeight         weight,
                         double             *width,
                         double             *height)
{
  g_autofree char *key = NULL;
  LsSankeyMeasure measure;
  const LsSankeyMeasure *known = NULL;

  if (setup->measures != NULL)
    {
      key = g_strdup_printf ("%g\x1f%d\x1f%s", px, (int)weight, text);
      known = g_hash_table_lookup (setup->measures, key);
      if (known == NULL && setup->previous != NULL &&
          (known = g_hash_table_lookup (setup->previous, key)) != NULL)
        g_hash_table_insert (setup->measures, g_steal_pointer (&key), g_memdup2 (known, sizeof *known));
    }

  if (known != NULL)
    {
      measure = *known;
    }
  else
    {
      g_autoptr(PangoLayout) layout = _ls_sankey_text_layout (setup, text, px, weight);
      PangoRectangle logical;

      pango_layout_get_extents (layout, NULL, &logical);
      measure.width = (double)logical.width / PANGO_SCALE;
      measure.height = (double)logical.height / PANGO_SCALE;
      if (setup->measures != NULL)
        g_hash_table_insert (setup->measures, g_steal_pointer (&key), g_memdup2 (&measure, sizeof measure));
    }

  if (width != NULL)
    *width = measure.width;
  if (height != NULL)
    *height = measure.height;
}

void
_ls_sankey_set_color (cairo_t       *cr,
                      const LsColor *color,
                      double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

void
_ls_sankey_text_show (const LsSankeyText *setup,
                      cairo_t            *cr,
                      const char         *text,
                      double              px,
                      PangoWeight         weight,
                      double              x,
                      double              y,
                      const LsColor      *color,
                      double              alpha)
{
  g_autoptr(PangoLayout) layout = _ls_sankey_text_layout (setup, text, px, weight);

  cairo_move_to (cr, x, y);
  _ls_sankey_set_color (cr, color, alpha);
  pango_cairo_show_layout (cr, layout);
}

char *
_ls_sankey_format_tonnes (double t)
{
  return ls_format_tonnes_compact (t);
}

char *
_ls_sankey_format_share (double share)
{
  return ls_format_percent (share, 1);
}

char *
_ls_sankey_format_node_value (const LsSankeyNode  *node,
                              const LsRenderStyle *style)
{
  g_autofree char *received = NULL;
  g_autofree char *needed = NULL;

  if (style->label_mode == LS_LABEL_PERCENT)
    return _ls_sankey_format_share (node->share);
  if (!(node->unmet > 0))
    return _ls_sankey_format_tonnes (node->tonnes);

  received = _ls_sankey_format_tonnes (node->tonnes);
  needed = _ls_sankey_format_tonnes (node->target);
  /* Translators: a Sankey label's figure for a country short of its
   * need: what it got of what it needed, e.g. "79 t of 3.4 kt" */
  return g_strdup_printf (C_("sankey label", "%s of %s"), received, needed);
}

