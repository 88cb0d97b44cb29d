/* ls-export.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "ls-palette.h"
#include "ls-render-map.h"
#include "ls-result.h"

G_BEGIN_DECLS

/**
 * LsExportView:
 * @LS_EXPORT_SANKEY: the Sankey figure of the flows
 * @LS_EXPORT_MAP: the world map
 */
typedef enum
{
  LS_EXPORT_SANKEY,
  LS_EXPORT_MAP,
} LsExportView;

/**
 * LsExportFormat:
 * @LS_EXPORT_PNG: a PNG image
 * @LS_EXPORT_SVG: an SVG drawing
 * @LS_EXPORT_PDF: a one-page PDF
 */
typedef enum
{
  LS_EXPORT_PNG,
  LS_EXPORT_SVG,
  LS_EXPORT_PDF,
} LsExportFormat;

gboolean  ls_export_format_from_filename (const char          *filename,
                                          LsExportFormat      *format);
void      ls_export_draw                 (cairo_t             *cr,
                                          LsExportView         view,
                                          LsResult            *result,
                                          const LsRenderStyle *style,
                                          const LsMapOptions  *map_options,
                                          double               width,
                                          double               height);
GBytes   *ls_export_to_bytes             (LsExportView         view,
                                          LsExportFormat       format,
                                          LsResult            *result,
                                          const LsRenderStyle *style,
                                          const LsMapOptions  *map_options,
                                          double               width,
                                          double               height,
                                          GError             **error);
gboolean  ls_export_to_file              (LsExportView         view,
                                          LsExportFormat       format,
                                          LsResult            *result,
                                          const LsRenderStyle *style,
                                          const LsMapOptions  *map_options,
                                          double               width,
                                          double               height,
                                          const char          *filename,
                                          GError             **error);

G_END_DECLS
