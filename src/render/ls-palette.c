/* ls-palette.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ls-palette.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1.0 }

/* The GNOME HIG palette (blue 3, red 3, …): colours people already read
 * in GNOME apps; darker shades on a light background, lighter on dark. */
static const LsColor light_colors[] = {
  RGB (0xffffff), /* background */
  RGB (0x241f31), /* foreground */
  RGB (0x5e5c64), /* dim foreground */
  RGB (0xdeddda), /* grid */
  RGB (0x1c71d8), /* member: blue 4 */
  RGB (0xc01c28), /* china: red 4 */
  RGB (0x9a9996), /* other: light 5 */
  RGB (0x77767b), /* unknown: dark 1 */
  RGB (0xd8cfc0), /* other uses: a warm grey, apart from "other" */
  RGB (0xe66100), /* shortfall: orange 4 */
  RGB (0xb5835a), /* unallocated: brown 2 */
  RGB (0xf5c211), /* highlight: yellow 4 */
  RGB (0xdbe8f6), /* sea */
  RGB (0xf6f5f4), /* land: light 1 */
  RGB (0x9a9996), /* border */
};

static const LsColor dark_colors[] = {
  RGB (0x1e1e1e),
  RGB (0xffffff),
  RGB (0xc0bfbc),
  RGB (0x3d3846),
  RGB (0x62a0ea), /* blue 2 */
  RGB (0xf66151), /* red 1 */
  RGB (0x9a9996),
  RGB (0x77767b),
  RGB (0x5e5c64),
  RGB (0xffa348), /* orange 2 */
  RGB (0xcdab8f),
  RGB (0xf8e45c),
  RGB (0x1a2533),
  RGB (0x3d3846),
  RGB (0x77767b),
};

/* Distinct hues for origins, in the order of the largest producers. */
static const guint32 origin_light[] = {
  0xc01c28, 0x1c71d8, 0x2ec27e, 0xe66100, 0x813d9c, 0x986a44, 0x1a5fb4, 0xa51d2d, 0x26a269, 0xc64600,
};
static const guint32 origin_dark[] = {
  0xf66151, 0x62a0ea, 0x57e389, 0xffa348, 0xc061cb, 0xf9f06b, 0x99c1f1, 0xed333b, 0x8ff0a4, 0xff7800,
};

void
ls_render_style_init (LsRenderStyle *style,
                      gboolean       dark)
{
  const LsColor *c = dark ? dark_colors : light_colors;

  g_return_if_fail (style != NULL);

  style->dark = !!dark;
  style->font_scale = 1.0;
  style->font_family = NULL;
  style->label_mode = LS_LABEL_VALUES;
  style->color_by = LS_COLOR_BY_MEMBERSHIP;
  style->other_threshold = 0.02;
  style->background = c[0];
  style->foreground = c[1];
  style->dim_foreground = c[2];
  style->grid = c[3];
  style->member = c[4];
  style->china = c[5];
  style->other = c[6];
  style->unknown = c[7];
  style->other_uses = c[8];
  style->shortfall = c[9];
  style->unallocated = c[10];
  style->highlight = c[11];
  style->sea = c[12];
  style->land = c[13];
  style->border = c[14];
}

/**
 * ls_render_style_get_need_color:
 *
 * The one colour of each part of the bloc's need, for the share panel,
 * the presenter cards, the map and the Sankey (issue 13): members in the
 * bloc's blue, China in its red, other non-members grey, unmet need in
 * the shortfall's orange (drawn hatched where it is an area).
 *
 * Returns: (transfer none): the colour of @part in @style
 */
const LsColor *
ls_render_style_get_need_color (const LsRenderStyle *style,
                                LsNeedPart           part)
{
  switch (part)
    {
    case LS_NEED_MEMBERS:
      return &style->member;
    case LS_NEED_CHINA:
      return &style->china;
    case LS_NEED_OTHER:
      return &style->other;
    case LS_NEED_UNMET:
    default:
      return &style->shortfall;
    }
}

void
ls_color_lerp (const LsColor *a,
               const LsColor *b,
               double         t,
               LsColor       *out)
{
  t = CLAMP (t, 0.0, 1.0);
  out->red = a->red + (b->red - a->red) * t;
  out->green = a->green + (b->green - a->green) * t;
  out->blue = a->blue + (b->blue - a->blue) * t;
  out->alpha = a->alpha + (b->alpha - a->alpha) * t;
}

void
ls_color_for_origin (guint     index,
                     gboolean  dark,
                     LsColor  *out)
{
  const guint32 *table = dark ? origin_dark : origin_light;
  guint32 hex = table[index % G_N_ELEMENTS (origin_light)];

  out->red = (hex >> 16 & 0xff) / 255.0;
  out->green = (hex >> 8 & 0xff) / 255.0;
  out->blue = (hex & 0xff) / 255.0;
  out->alpha = 1.0;
}

/* A sequential ramp for choropleths of a share, from the land colour to
 * a deep purple; t in [0, 1], square-root spaced so that small shares
 * show. Purple, not blue: blue means the bloc and red means China
 * everywhere in the app, and a share of world output is neither (the
 * largest producer, China, would otherwise be painted in the bloc's
 * colour). */
void
ls_color_sequential (const LsRenderStyle *style,
                     double               t,
                     LsColor             *out)
{
  static const LsColor deep_light = RGB (0x613583); /* purple 5 */
  static const LsColor deep_dark = RGB (0xdc8add);  /* purple 1 */

  ls_color_lerp (&style->land, style->dark ? &deep_dark : &deep_light, sqrt (CLAMP (t, 0.0, 1.0)), out);
}

/**
 * ls_render_style_need_legend_markup:
 * @style: the colours
 * @separator: what stands between two entries
 *
 * The legend of the need bar as Pango markup, for the share panel and the
 * presenter: each part's swatch in its colour ("▨" for the unmet part,
 * hatched in the bar) and its name.
 *
 * Returns: (transfer full): the markup
 */
char *
ls_render_style_need_legend_markup (const LsRenderStyle *style,
                                    const char          *separator)
{
  const char *names[LS_N_NEED_PARTS] = {
    /* Translators: legend of the need bar */
    N_("Members"), N_("China"), N_("Other non-members"), N_("Unmet"),
  };
  g_autoptr(GString) markup = g_string_new (NULL);

  for (guint k = 0; k < LS_N_NEED_PARTS; k++)
    {
      const LsColor *color = ls_render_style_get_need_color (style, k);
      g_autofree char *escaped = g_markup_escape_text (_(names[k]), -1);

      if (markup->len > 0)
        g_string_append (markup, separator);
      /* No-break spaces keep a swatch with its name when the line wraps. */
      g_string_append_printf (markup, "<span foreground=\"#%02x%02x%02x\">%s</span>\u00a0%s",
                              (guint) (color->red * 255.0 + 0.5),
                              (guint) (color->green * 255.0 + 0.5),
                              (guint) (color->blue * 255.0 + 0.5),
                              k == LS_NEED_UNMET ? "▨" : "■", escaped);
    }

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

/* The figures' text -------------------------------------------------------- */

/**
 * ls_render_text_context_init:
 * @context: a Pango context for a figure's text
 *
 * Sets @context up for a figure's text: unhinted, at 96 dpi, whatever the
 * surface. The figures measure their text on one surface and draw it on
 * another (the map view measures its legend on a scratch image and draws
 * it into the widget's node, a recording surface; the Sankey diagram
 * measures on its own context; export draws on PNG, SVG and PDF): with
 * one set of font options, text measures the same on all of them, and
 * every surface shares the same fonts and glyphs.
 */
void
ls_render_text_context_init (PangoContext *context)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 96);
  cairo_font_options_destroy (options);
}

/**
 * ls_render_text_layout_new:
 * @cr: the context the text is to be drawn on, or measured for
 *
 * A layout for a figure's text on @cr, set up by
 * ls_render_text_context_init(), with @cr's transformation but none of
 * its surface's font options. Pango would merge those into the context's
 * own (pango_cairo_create_layout()), and they differ from one kind of
 * surface to another: an image rounds glyph positions, a recording
 * surface does not. Text measured on one and drawn on the other then
 * used other fonts, loaded twice, at other positions (issue 12).
 *
 * Returns: (transfer full): the layout
 */
PangoLayout *
ls_render_text_layout_new (cairo_t *cr)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  PangoLayout *layout;
  cairo_matrix_t ctm;
  PangoMatrix matrix;

  /* As pango_cairo_update_context() sets it: the linear part alone. */
  cairo_get_matrix (cr, &ctm);
  matrix = (PangoMatrix) { ctm.xx, ctm.xy, ctm.yx, ctm.yy, 0, 0 };
  pango_context_set_matrix (context, &matrix);
  ls_render_text_context_init (context);
  layout = pango_layout_new (context);
  g_object_unref (context);

  return layout;
}
