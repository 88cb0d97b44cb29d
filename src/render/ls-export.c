/* ls-export.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-export"

#include "config.h"

#include "ls-export.h"
#include "ls-render-sankey.h"
#include "ls-scenario-text.h"
#include "ls-shapes.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

/* Every exported figure, from the window or from `lodestone-cli render`,
 * says what produced it (issue 16, M11): under the view's own figure (its
 * title, legend and sources line) a caption band names the scenario, the
 * year, the bloc and every lever, in the words of ls-scenario-text.c. The
 * same words, with the figure in words and every source, go into the
 * file's metadata: the PDF's document info, the SVG's <title> and <desc>,
 * the PNG's text chunks. */

/**
 * ls_export_options_init:
 * @options: (out caller-allocates): the options to fill
 *
 * A Full HD figure at scale 1, with the map's default options.
 */
void
ls_export_options_init (LsExportOptions *options,
                        LsExportView     view,
                        LsExportFormat   format)
{
  g_return_if_fail (options != NULL);

  *options = (LsExportOptions) {
    .view = view,
    .format = format,
    .width = 1920,
    .height = 1080,
    .scale = 1,
  };
  ls_map_options_init (&options->map);
}

/**
 * ls_export_format_from_filename:
 *
 * Returns: %TRUE when @filename ends in .png, .svg or .pdf (any case)
 */
gboolean
ls_export_format_from_filename (const char     *filename,
                                LsExportFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (filename, -1);

  if (g_str_has_suffix (lower, ".png"))
    *format = LS_EXPORT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = LS_EXPORT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = LS_EXPORT_PDF;
  else
    return FALSE;

  return TRUE;
}

/**
 * ls_export_format_get_extension:
 *
 * Returns: "png", "svg" or "pdf"
 */
const char *
ls_export_format_get_extension (LsExportFormat format)
{
  switch (format)
    {
    case LS_EXPORT_SVG:
      return "svg";
    case LS_EXPORT_PDF:
      return "pdf";
    case LS_EXPORT_PNG:
    default:
      return "png";
    }
}

/**
 * ls_export_format_get_mime_type:
 *
 * Returns: "image/png", "image/svg+xml" or "application/pdf"
 */
const char *
ls_export_format_get_mime_type (LsExportFormat format)
{
  switch (format)
    {
    case LS_EXPORT_SVG:
      return "image/svg+xml";
    case LS_EXPORT_PDF:
      return "application/pdf";
    case LS_EXPORT_PNG:
    default:
      return "image/png";
    }
}

static void
add_source (GPtrArray  *titles,
            LsDataset  *dataset,
            const char *source_id)
{
  const char *title;
  int source;

  if (source_id == NULL || (source = ls_dataset_lookup_source (dataset, source_id)) < 0)
    return;
  title = ls_dataset_get_source_title (dataset, source);
  if (title != NULL && !g_ptr_array_find_with_equal_func (titles, title, g_str_equal, NULL))
    g_ptr_array_add (titles, (gpointer) title);
}

/**
 * ls_export_dup_sources:
 *
 * Every source behind the year's figures that @result draws on, each
 * once, in the dataset's order: the full list a figure's sources line
 * shortens to what fits.
 *
 * Returns: (transfer full): "Sources: USGS …; IEA …" in the user's
 *   language, or the dataset's title when no figure names a source
 */
char *
ls_export_dup_sources (LsResult *result)
{
  LsDataset *dataset;
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  g_autoptr(GString) text = NULL;
  int year;

  g_return_val_if_fail (result != NULL, NULL);

  dataset = ls_result_get_dataset (result);
  year = ls_result_get_year (result);

  for (guint s = 0; s < ls_result_get_n_stages (result); s++)
    {
      const LsFigure *yield = ls_dataset_get_stage_yield_figure (dataset, s);

      for (guint c = 0; c < ls_result_get_n_countries (result); c++)
        {
          const LsFigure *figure = ls_dataset_get_production_figure (dataset, year, s, c);

          if (figure != NULL && ls_result_get_production (result, s, c) > 0)
            add_source (titles, dataset, figure->source);
        }
      if (yield != NULL)
        add_source (titles, dataset, yield->source);
    }

  for (guint i = 0; i < ls_dataset_get_n_given_flows (dataset, year); i++)
    add_source (titles, dataset, ls_dataset_get_given_flow (dataset, year, i)->figure.source);

  if (titles->len == 0)
    return g_strdup (ls_dataset_get_title (dataset));

  /* Translators: before the full list of a figure's sources */
  text = g_string_new (_("Sources: "));
  for (guint i = 0; i < titles->len; i++)
    {
      if (i > 0)
        /* Translators: between the sources of a list */
        g_string_append (text, C_("sources", "; "));
      g_string_append (text, g_ptr_array_index (titles, i));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * ls_export_dup_description:
 *
 * The figure in words: caption, what it shows (as the view's accessible
 * description says it), the dataset and every source. What the SVG's
 * <desc> and the PNG's Description hold, so that a reader, a search or a
 * screen reader gets the text that the drawing holds as outlines.
 *
 * Returns: (transfer full): the text, lines separated by "\n"
 */
char *
ls_export_dup_description (LsResult              *result,
                           LsScenario            *scenario,
                           const LsRenderStyle   *style,
                           const LsExportOptions *options)
{
  g_autofree char *caption = NULL;
  g_autofree char *figure = NULL;
  g_autofree char *sources = NULL;
  const char *dataset_title;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (LS_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (style != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  caption = ls_scenario_text_caption (scenario, result);
  sources = ls_export_dup_sources (result);
  dataset_title = ls_dataset_get_title (ls_result_get_dataset (result));

  if (options->view == LS_EXPORT_MAP)
    figure = ls_render_map_dup_description (result, &options->map);
  else
    {
      g_autoptr(LsSankeyFigure) sankey = ls_sankey_figure_new (result, style, options->width,
                                                               options->height, NULL);
      g_autofree char *flows = ls_sankey_figure_describe (sankey);

      /* Translators: the Sankey figure in words, "Rare-earth flows, 2024:
       * Mining: China 69 %, …" */
      figure = g_strdup_printf (_("Rare-earth flows, %d: %s"), ls_result_get_year (result), flows);
    }

  return g_strdup_printf ("%s\n%s\n%s\n%s", caption, figure, sources,
                          dataset_title != NULL ? dataset_title : "");
}

/* The caption band ------------------------------------------------------- */

static PangoLayout *
create_caption_layout (cairo_t             *cr,
                       LsResult            *result,
                       LsScenario          *scenario,
                       const LsRenderStyle *style,
                       double               px,
                       double               width)
{
  /* Unhinted, at 96 dpi, as the figures measure their own text, so that
   * the band is as tall on PNG, SVG and PDF. */
  PangoLayout *layout = ls_render_text_layout_new (cr);
  g_autoptr(PangoFontDescription) font = NULL;
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  g_autofree char *caption = ls_scenario_text_caption (scenario, result);
  g_autofree char *title = ls_scenario_text_title (scenario, FALSE);
  PangoAttribute *bold;

  font = pango_font_description_from_string (style->font_family != NULL ? style->font_family
                                                                         : "Cantarell, Noto Sans, sans-serif");
  pango_font_description_set_absolute_size (font, px * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, caption, -1);

  /* The scenario's name, where the caption starts with it, in bold. */
  if (g_str_has_prefix (caption, title))
    {
      bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
      bold->start_index = 0;
      bold->end_index = strlen (title);
      pango_attr_list_insert (attrs, bold);
      pango_layout_set_attributes (layout, attrs);
    }

  return layout;
}

static void
set_color (cairo_t       *cr,
           const LsColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

/**
 * ls_export_draw:
 * @cr: a Cairo context: an image, SVG or PDF surface
 * @result: the result to draw
 * @scenario: the scenario that produced @result: its caption goes under
 *   the figure
 * @style: colours and fonts
 * @options: the view, its options and the extent
 *
 * The one drawing path of every exported figure, the window's and
 * `lodestone-cli render`'s: the view's figure (title, legend, sources)
 * and, under it, the caption band with the scenario, year, bloc and
 * every lever, all inside (0, 0)–(@options->width, @options->height).
 */
void
ls_export_draw (cairo_t               *cr,
                LsResult              *result,
                LsScenario            *scenario,
                const LsRenderStyle   *style,
                const LsExportOptions *options)
{
  g_autoptr(PangoLayout) caption = NULL;
  double width, height, px, pad, band, figure_height;
  int caption_w, caption_h;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (result != NULL);
  g_return_if_fail (LS_IS_SCENARIO (scenario));
  g_return_if_fail (style != NULL);
  g_return_if_fail (options != NULL);

  width = options->width;
  height = options->height;

  /* The caption's type grows with the figure as the figures' own labels
   * do (ls-render-sankey.c), but a long list of levers must not take the
   * figure's room: it steps down to 7 px, then wraps on, and only past
   * 40 % of the height is it cut off (the file's metadata keeps it all). */
  px = CLAMP (MIN (height / 800, width / 1280) * 13, 10, 16) *
       (style->font_scale > 0 ? style->font_scale : 1);
  for (;;)
    {
      g_clear_object (&caption);
      pad = 0.6 * px;
      caption = create_caption_layout (cr, result, scenario, style, px, width - 2 * px);
      pango_layout_get_pixel_size (caption, &caption_w, &caption_h);
      if (caption_h + 2 * pad <= 0.25 * height || px <= 7)
        break;
      px = MAX (7, px - 1);
    }
  if (caption_h + 2 * pad > 0.4 * height)
    {
      pango_layout_set_height (caption, (int) (MAX (0.4 * height - 2 * pad, px) * PANGO_SCALE));
      pango_layout_set_ellipsize (caption, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (caption, &caption_w, &caption_h);
    }
  band = caption_h + 2 * pad;
  figure_height = MAX (height - band, 1);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, figure_height);
  cairo_clip (cr);
  if (options->view == LS_EXPORT_MAP)
    ls_render_map_figure (cr, result, ls_shapes_get_default (LS_SHAPES_DETAIL_LOW),
                          style, &options->map, width, figure_height);
  else
    ls_render_sankey_figure_with_scenario (cr, result, style, width, figure_height, scenario);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_rectangle (cr, 0, figure_height, width, height - figure_height);
  set_color (cr, &style->background);
  cairo_fill (cr);

  /* A rule between the figure and what produced it. */
  cairo_set_line_width (cr, MAX (1, px / 13));
  cairo_move_to (cr, px, figure_height + 0.5);
  cairo_line_to (cr, width - px, figure_height + 0.5);
  set_color (cr, &style->grid);
  cairo_stroke (cr);

  cairo_move_to (cr, px, figure_height + pad);
  set_color (cr, &style->foreground);
  pango_cairo_show_layout (cr, caption);
  cairo_restore (cr);
}

/* Metadata --------------------------------------------------------------- */

static cairo_status_t
append_to_byte_array (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* An SVG with a <title> and a <desc> as the first children of its root,
 * where SVG 1.1 (§5.4) puts a document's name and description and where
 * screen readers and search look. Cairo's SVG surface (1.16 to 1.18) has
 * no way to write text as <text>: it writes every glyph as an outline
 * and offers no option against it, so this is where the figure's words
 * live. Nothing that draws changes. */
static GByteArray *
svg_with_description (GByteArray *svg,
                      const char *title,
                      const char *description)
{
  const char *start = (const char *) svg->data;
  const char *end = start + svg->len;
  const char *root = g_strstr_len (start, svg->len, "<svg");
  const char *close = root != NULL ? memchr (root, '>', end - root) : NULL;
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped_description = g_markup_escape_text (description, -1);
  g_autofree char *insert = NULL;
  GByteArray *out;
  gsize head;

  if (close == NULL)
    return g_byte_array_ref (svg);

  head = close + 1 - start;
  insert = g_strdup_printf ("\n<title>%s</title>\n<desc>%s</desc>", escaped_title, escaped_description);
  out = g_byte_array_sized_new (svg->len + strlen (insert));
  g_byte_array_append (out, svg->data, head);
  g_byte_array_append (out, (const guint8 *) insert, strlen (insert));
  g_byte_array_append (out, svg->data + head, svg->len - head);

  return out;
}

/* CRC-32 of PNG chunks (ISO 3309, as zlib's crc32()). */
static guint32
png_crc (const guint8 *data,
         gsize         length,
         guint32       crc)
{
  crc = ~crc;
  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
    }
  return ~crc;
}

/* An uncompressed iTXt chunk (PNG 1.2 §11.3.4.5): a keyword, then UTF-8
 * text, which the older tEXt chunk cannot hold (Korean captions). */
static void
png_append_itxt (GByteArray *out,
                 const char *keyword,
                 const char *text)
{
  g_autoptr(GByteArray) chunk = g_byte_array_new ();
  static const guint8 flags[] = { 0, 0, 0, 0, 0 }; /* keyword end, uncompressed, method, no language, no translation */
  guint8 length[4], crc[4];
  guint32 value;

  g_byte_array_append (chunk, (const guint8 *) "iTXt", 4);
  g_byte_array_append (chunk, (const guint8 *) keyword, strlen (keyword));
  g_byte_array_append (chunk, flags, sizeof flags);
  g_byte_array_append (chunk, (const guint8 *) text, strlen (text));

  value = chunk->len - 4;
  length[0] = value >> 24; length[1] = value >> 16; length[2] = value >> 8; length[3] = value;
  value = png_crc (chunk->data, chunk->len, 0);
  crc[0] = value >> 24; crc[1] = value >> 16; crc[2] = value >> 8; crc[3] = value;

  g_byte_array_append (out, length, 4);
  g_byte_array_append (out, chunk->data, chunk->len);
  g_byte_array_append (out, crc, 4);
}

/* The PNG with its Title, Description and Software as text chunks right
 * after IHDR (8 bytes of signature, then 25 of IHDR). */
static GByteArray *
png_with_description (GByteArray *png,
                      const char *title,
                      const char *description)
{
  const gsize head = 8 + 25;
  GByteArray *out;

  if (png->len < head || memcmp (png->data + 12, "IHDR", 4) != 0)
    return g_byte_array_ref (png);

  out = g_byte_array_sized_new (png->len + strlen (title) + strlen (description) + 128);
  g_byte_array_append (out, png->data, head);
  png_append_itxt (out, "Title", title);
  png_append_itxt (out, "Description", description);
  png_append_itxt (out, "Software", "Lodestone " PACKAGE_VERSION);
  g_byte_array_append (out, png->data + head, png->len - head);

  return out;
}

/**
 * ls_export_to_bytes:
 *
 * Draws the figure as ls_export_draw() does, in @options' format and
 * size: the file an export writes, or what the clipboard gets, its
 * caption also in the file's metadata.
 *
 * Returns: (transfer full) (nullable): the encoded figure
 */
GBytes *
ls_export_to_bytes (LsResult              *result,
                    LsScenario            *scenario,
                    const LsRenderStyle   *style,
                    const LsExportOptions *options,
                    GError               **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GByteArray) described = NULL;
  g_autofree char *title = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *description = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  double scale;
  cairo_t *cr;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (LS_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (style != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  scale = options->format == LS_EXPORT_PNG ? options->scale : 1;
  if (!(options->width >= 1 && options->height >= 1 && scale >= 1 &&
        options->width * scale <= LS_EXPORT_MAX_SIZE && options->height * scale <= LS_EXPORT_MAX_SIZE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A figure must be between 1 and %d pixels wide and high"), LS_EXPORT_MAX_SIZE);
      return NULL;
    }

  title = ls_scenario_text_title (scenario, FALSE);
  caption = ls_scenario_text_caption (scenario, result);
  description = ls_export_dup_description (result, scenario, style, options);

  switch (options->format)
    {
    case LS_EXPORT_SVG:
      surface = cairo_svg_surface_create_for_stream (append_to_byte_array, bytes,
                                                     options->width, options->height);
      break;

    case LS_EXPORT_PDF:
      surface = cairo_pdf_surface_create_for_stream (append_to_byte_array, bytes,
                                                     options->width, options->height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, caption);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS,
                                      ls_dataset_get_title (ls_result_get_dataset (result)));
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Lodestone " PACKAGE_VERSION);
      break;

    case LS_EXPORT_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (options->width * scale),
                                            (int) ceil (options->height * scale));
      break;
    }

  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  ls_export_draw (cr, result, scenario, style, options);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS && options->format == LS_EXPORT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_to_byte_array, bytes);

  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", cairo_status_to_string (status));
      return NULL;
    }

  if (options->format == LS_EXPORT_SVG)
    described = svg_with_description (bytes, caption, description);
  else if (options->format == LS_EXPORT_PNG)
    described = png_with_description (bytes, caption, description);
  else
    described = g_byte_array_ref (bytes);

  return g_byte_array_free_to_bytes (g_steal_pointer (&described));
}

/**
 * ls_export_to_file:
 *
 * Draws the figure as ls_export_to_bytes() does and writes it to
 * @filename atomically: an existing file is replaced only once the new
 * one is complete.
 */
gboolean
ls_export_to_file (LsResult              *result,
                   LsScenario            *scenario,
                   const LsRenderStyle   *style,
                   const LsExportOptions *options,
                   const char            *filename,
                   GError               **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (filename != NULL, FALSE);

  file = g_file_new_for_path (filename);
  bytes = ls_export_to_bytes (result, scenario, style, options, &local_error);

  if (bytes == NULL ||
      !g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL,
                                &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", filename, local_error->message);
      return FALSE;
    }

  return TRUE;
}
