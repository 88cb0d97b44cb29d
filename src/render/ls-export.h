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
#include "ls-scenario.h"

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

#define LS_EXPORT_N_FORMATS 3

/* The largest figure side, in points, and PNG side, in pixels: a 16384 px
 * image is 1 GiB of ARGB already. */
#define LS_EXPORT_MAX_SIZE 16384

/**
 * LsExportOptions:
 * @view: what to draw
 * @format: the file format
 * @width: the figure's width: points for SVG and PDF, pixels at @scale 1
 *   for PNG; the layout (type size, what fits) follows it
 * @height: the figure's height, as @width
 * @scale: PNG only: pixels per point (2 draws the same figure, sharper,
 *   at twice the pixels); SVG and PDF ignore it
 * @map: the map's metric, stage and arcs, for %LS_EXPORT_MAP
 *
 * How a figure is exported. A plain struct; ls_export_options_init()
 * gives the defaults. The style (light or dark, label mode, colours)
 * comes apart, as an #LsRenderStyle.
 */
typedef struct
{
  LsExportView   view;
  LsExportFormat format;
  double         width;
  double         height;
  double         scale;
  LsMapOptions   map;
} LsExportOptions;

void         ls_export_options_init           (LsExportOptions       *options,
                                               LsExportView           view,
                                               LsExportFormat         format);

gboolean     ls_export_format_from_filename   (const char            *filename,
                                               LsExportFormat        *format);
const char  *ls_export_format_get_extension   (LsExportFormat         format);
const char  *ls_export_format_get_mime_type   (LsExportFormat         format);

char        *ls_export_dup_sources            (LsResult              *result);
char        *ls_export_dup_description        (LsResult              *result,
                                               LsScenario            *scenario,
                                               const LsRenderStyle   *style,
                                               const LsExportOptions *options);

void         ls_export_draw                   (cairo_t               *cr,
                                               LsResult              *result,
                                               LsScenario            *scenario,
                                               const LsRenderStyle   *style,
                                               const LsExportOptions *options);
GBytes      *ls_export_to_bytes               (LsResult              *result,
                                               LsScenario            *scenario,
                                               const LsRenderStyle   *style,
                                               const LsExportOptions *options,
                                               GError               **error);
gboolean     ls_export_to_file                (LsResult              *result,
                                               LsScenario            *scenario,
                                               const LsRenderStyle   *style,
                                               const LsExportOptions *options,
                                               const char            *filename,
                                               GError               **error);

G_END_DECLS
