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
      /* Shapes are parsed once per process: export of several figures
       * (or the app's repeated exports) reuse them. */
      static LsShapes *shapes;
      LsMapOptions defaults;

      if (shapes == NULL)
        {
          g_autoptr(GError) error = NULL;

          shapes = ls_shapes_new_default (LS_SHAPES_DETAIL_LOW, &error);
          if (shapes == NULL)
            g_critical ("The built-in country shapes do not load: %s", error->message);
        }

      if (map_options == NULL)
        {
          ls_map_options_init (&defaults);
          map_options = &defaults;
        }

      ls_render_map_figure (cr, result, shapes, style, map_options, width, height);
    }
  else
    ls_render_sankey_figure (cr, result, style, width, height);
}

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  GOutputStream *stream = closure;

  return g_output_stream_write_all (stream, data, length, NULL, NULL, NULL)
         ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/**
 * ls_export_to_file:
 *
 * Draws @view at @width × @height (pixels for PNG, points for SVG and PDF)
 * and writes it to @filename atomically: an existing file is replaced
 * only once the new one is complete.
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
  g_autoptr(GFileOutputStream) stream = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;

  switch (format)
    {
    case LS_EXPORT_SVG:
      surface = cairo_svg_surface_create_for_stream (write_to_stream, stream, width, height);
      break;

    case LS_EXPORT_PDF:
      surface = cairo_pdf_surface_create_for_stream (write_to_stream, stream, width, height);
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
    cairo_surface_write_to_png_stream (surface, write_to_stream, stream);

  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", filename, cairo_status_to_string (status));
      /* Closing cancelled drops the temporary file: the old one stays. */
      g_cancellable_cancel (cancelled);
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancelled, NULL);
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}
