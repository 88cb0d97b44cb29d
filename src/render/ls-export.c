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
#include "ls-shapes.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <gio/gio.h>

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

/* The one drawing path of each view, shared by the window's export and
 * `lodestone-cli render`. */
void
ls_export_draw (cairo_t             *cr,
                LsExportView         view,
                LsResult            *result,
                const LsRenderStyle *style,
                const LsMapOptions  *map_options,
                double               width,
                double               height)
{
  if (view == LS_EXPORT_MAP)
    {
      LsMapOptions defaults;

      if (map_options == NULL)
        {
          ls_map_options_init (&defaults);
          map_options = &defaults;
        }

      ls_render_map_figure (cr, result, ls_shapes_get_default (LS_SHAPES_DETAIL_LOW),
                            style, map_options, width, height);
    }
  else
    ls_render_sankey_figure (cr, result, style, width, height);
}

static cairo_status_t
append_to_byte_array (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * ls_export_to_bytes:
 *
 * Draws @view at @width × @height (pixels for PNG, points for SVG and PDF)
 * in @format: the file an export writes, or what the clipboard gets.
 *
 * Returns: (transfer full) (nullable): the encoded figure
 */
GBytes *
ls_export_to_bytes (LsExportView         view,
                    LsExportFormat       format,
                    LsResult            *result,
                    const LsRenderStyle *style,
                    const LsMapOptions  *map_options,
                    double               width,
                    double               height,
                    GError             **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  switch (format)
    {
    case LS_EXPORT_SVG:
      surface = cairo_svg_surface_create_for_stream (append_to_byte_array, bytes, width, height);
      break;

    case LS_EXPORT_PDF:
      surface = cairo_pdf_surface_create_for_stream (append_to_byte_array, bytes, width, height);
      break;

    case LS_EXPORT_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, (int) height);
      break;
    }

  cr = cairo_create (surface);
  ls_export_draw (cr, view, result, style, map_options, width, height);
  cairo_destroy (cr);

  if (format == LS_EXPORT_PNG)
    cairo_surface_write_to_png_stream (surface, append_to_byte_array, bytes);

  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/**
 * ls_export_to_file:
 *
 * Draws @view as ls_export_to_bytes() does and writes it to @filename
 * atomically: an existing file is replaced only once the new one is
 * complete.
 */
gboolean
ls_export_to_file (LsExportView         view,
                   LsExportFormat       format,
                   LsResult            *result,
                   const LsRenderStyle *style,
                   const LsMapOptions  *map_options,
                   double               width,
                   double               height,
                   const char          *filename,
                   GError             **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (filename);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  bytes = ls_export_to_bytes (view, format, result, style, map_options, width, height, &local_error);

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
