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
#include <math.h>

PangoContext *
_ls_sankey_text_context_new (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);

  /* Unhinted metrics, so labels measure the same on screen, PNG, SVG and
   * PDF, and the overlap checks made here hold on every surface. */
  ls_render_text_context_init (context);

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

/* An image of a text drawn in one colour: its pixels at the device scale,
 * and where the text's origin fell in them. */
typedef struct
{
  cairo_surface_t *surface;
  double           fx;        /* the origin's place in its device pixel */
  double           fy;
  int              left;      /* device pixels from the image's left to the origin's pixel */
  int              top;
} LsSankeyTextImage;

static void
text_image_free (gpointer data)
{
  LsSankeyTextImage *image = data;

  cairo_surface_destroy (image->surface);
  g_free (image);
}

static GHashTable *
text_image_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, text_image_free);
}

/* A figure's text set-up, taking what @before (nullable), the figure
 * shown before, measured and drew, when its fonts are the same. */
void
_ls_sankey_text_init (LsSankeyText       *text,
                      const char         *font_family,
                      const LsSankeyText *before)
{
  text->pango = _ls_sankey_text_context_new ();
  text->font_family = g_strdup (font_family);
  text->measures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  text->images = text_image_table_new ();
  text->previous_measures = NULL;
  text->previous_images = NULL;

  if (before != NULL && before->measures != NULL && g_strcmp0 (before->font_family, font_family) == 0)
    {
      text->previous_measures = g_hash_table_ref (before->measures);
      text->previous_images = g_hash_table_ref (before->images);
    }
}

/* @from's set-up, shared (a figure between two others shares the later
 * one's). */
void
_ls_sankey_text_share (LsSankeyText       *text,
                       const LsSankeyText *from)
{
  text->pango = g_object_ref (from->pango);
  text->font_family = g_strdup (from->font_family);
  text->measures = from->measures != NULL ? g_hash_table_ref (from->measures) : NULL;
  text->images = from->images != NULL ? g_hash_table_ref (from->images) : NULL;
  text->previous_measures = from->previous_measures != NULL ? g_hash_table_ref (from->previous_measures) : NULL;
  text->previous_images = from->previous_images != NULL ? g_hash_table_ref (from->previous_images) : NULL;
}

/* Lets go of what was taken from the figure before: once a figure is
 * drawn, all it needs is in its own tables. */
void
_ls_sankey_text_release_before (LsSankeyText *text)
{
  g_clear_pointer (&text->previous_measures, g_hash_table_unref);
  g_clear_pointer (&text->previous_images, g_hash_table_unref);
}

void
_ls_sankey_text_clear (LsSankeyText *text)
{
  _ls_sankey_text_release_before (text);
  g_clear_pointer (&text->measures, g_hash_table_unref);
  g_clear_pointer (&text->images, g_hash_table_unref);
  g_clear_object (&text->pango);
  g_clear_pointer (&text->font_family, g_free);
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
      if (known == NULL && setup->previous_measures != NULL &&
          (known = g_hash_table_lookup (setup->previous_measures, key)) != NULL)
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

/* Whether text can be drawn on @cr's target from an image of it drawn
 * before (labels, headers, legend): an image surface, drawn with no more
 * than a translation, at one device scale, set in @scale. */
gboolean
_ls_sankey_takes_text_images (cairo_t *cr,
                              double  *scale)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_matrix_t matrix;
  double scale_y;

  cairo_get_matrix (cr, &matrix);
  cairo_surface_get_device_scale (target, scale, &scale_y);

  return cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_IMAGE &&
         matrix.xx == 1 && matrix.yy == 1 && matrix.xy == 0 && matrix.yx == 0 && *scale == scale_y;
}

/* Paints @image, an image of a text whose origin fell at (@fx, @fy) in
 * its device pixel, @left and @top device pixels into it from the
 * image's edges, with the origin now at (@x, @y): pixel for pixel, the
 * origin's pixel rounded to the nearest. */
void
_ls_sankey_paint_text_image (cairo_t         *cr,
                             cairo_surface_t *image,
                             double           fx,
                             double           fy,
                             int              left,
                             int              top,
                             double           x,
                             double           y,
                             double           alpha)
{
  cairo_user_to_device (cr, &x, &y);
  x = floor (x - fx + 0.5) - left;
  y = floor (y - fy + 0.5) - top;
  cairo_device_to_user (cr, &x, &y);
  cairo_save (cr);
  cairo_set_source_surface (cr, image, x, y);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_paint_with_alpha (cr, alpha);
  cairo_restore (cr);
}

/* Text to show: a layout made already, or what makes one. */
typedef struct
{
  PangoLayout *layout;
  const char  *text;
  double       px;
  PangoWeight  weight;
} TextSource;

/* The source's layout, made on first use: a text whose image is kept
 * needs none. Owned by @source. */
static PangoLayout *
source_layout (const LsSankeyText *setup,
               TextSource         *source)
{
  if (source->layout == NULL)
    source->layout = _ls_sankey_text_layout (setup, source->text, source->px, source->weight);

  return source->layout;
}

/* Draws @source with its origin at (@x, @y) in @color. On an image, from
 * an image of it kept under @key with the colour, the scale and where the
 * origin falls in its pixel (see LsSankeyText), placed pixel for pixel. */
static void
show_text (const LsSankeyText *setup,
           cairo_t            *cr,
           TextSource         *source,
           const char         *key,
           double              x,
           double              y,
           const LsColor      *color,
           double              alpha)
{
  g_autofree char *full_key = NULL;
  LsSankeyTextImage *image;
  PangoLayout *layout;
  double scale, dx = x, dy = y;

  if (setup->images == NULL || !_ls_sankey_takes_text_images (cr, &scale))
    {
      layout = source_layout (setup, source);
      cairo_move_to (cr, x, y);
      _ls_sankey_set_color (cr, color, alpha);
      pango_cairo_show_layout (cr, layout);
      return;
    }

  /* Where the origin falls in its pixel is part of the key: the same
   * text elsewhere in the figure (a unit under several columns) would
   * otherwise be moved by up to half a pixel from where it is drawn. */
  cairo_user_to_device (cr, &dx, &dy);
  full_key = g_strdup_printf ("%s\x1f%g\x1f%g,%g,%g,%g,%g\x1f%.3f,%.3f", key, scale,
                              color->red, color->green, color->blue, color->alpha, alpha,
                              dx - floor (dx), dy - floor (dy));

  image = g_hash_table_lookup (setup->images, full_key);
  if (image == NULL && setup->previous_images != NULL &&
      (image = g_hash_table_lookup (setup->previous_images, full_key)) != NULL)
    {
      LsSankeyTextImage *copy = g_memdup2 (image, sizeof *image);

      copy->surface = cairo_surface_reference (image->surface);
      image = copy;
      g_hash_table_insert (setup->images, g_steal_pointer (&full_key), image);
    }
  else if (image == NULL)
    {
      PangoRectangle ink, logical;
      int pad = (int)ceil (2 * scale), x0, y0, x1, y1, width, height;
      cairo_t *icr;

      /* Both extents, in pixels from the origin. */
      layout = source_layout (setup, source);
      pango_layout_get_pixel_extents (layout, &ink, &logical);
      x0 = MIN (ink.x, logical.x);
      y0 = MIN (ink.y, logical.y);
      x1 = MAX (ink.x + ink.width, logical.x + logical.width);
      y1 = MAX (ink.y + ink.height, logical.y + logical.height);

      image = g_new0 (LsSankeyTextImage, 1);
      image->fx = dx - floor (dx);
      image->fy = dy - floor (dy);
      image->left = pad - (int)floor (x0 * scale);
      image->top = pad - (int)floor (y0 * scale);
      width = image->left + (int)ceil (x1 * scale) + pad + 1;
      height = image->top + (int)ceil (y1 * scale) + pad + 1;
      image->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

      icr = cairo_create (image->surface);
      cairo_translate (icr, image->left + image->fx, image->top + image->fy);
      cairo_scale (icr, scale, scale);
      cairo_move_to (icr, 0, 0);
      _ls_sankey_set_color (icr, color, alpha);
      pango_cairo_show_layout (icr, layout);
      cairo_destroy (icr);
      cairo_surface_set_device_scale (image->surface, scale, scale);
      g_hash_table_insert (setup->images, g_steal_pointer (&full_key), image);
    }

  _ls_sankey_paint_text_image (cr, image->surface, image->fx, image->fy, image->left, image->top, x, y, 1);
}

/* Draws @layout with its origin at (@x, @y) in @color, as show_text(). */
void
_ls_sankey_text_show_layout (const LsSankeyText *setup,
                             cairo_t            *cr,
                             PangoLayout        *layout,
                             const char         *key,
                             double              x,
                             double              y,
                             const LsColor      *color,
                             double              alpha)
{
  TextSource source = { layout, NULL, 0, PANGO_WEIGHT_NORMAL };

  show_text (setup, cr, &source, key, x, y, color, alpha);
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
  TextSource source = { NULL, text, px, weight };
  g_autofree char *key = g_strdup_printf ("%g\x1f%d\x1f%s", px, (int)weight, text);

  /* The layout only when it is drawn: a kept image needs none. */
  show_text (setup, cr, &source, key, x, y, color, alpha);
  g_clear_object (&source.layout);
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

