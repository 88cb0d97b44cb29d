/* ls-render-bars.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "ls-palette.h"
#include "ls-result.h"

G_BEGIN_DECLS

/**
 * LsNeedBar:
 * @part: the parts of the bloc's need, as fractions of it, in
 *   #LsNeedPart order; they sum to 1
 *
 * What the share panel's and the presenter cards' bar shows.
 */
typedef struct
{
  double part[LS_N_NEED_PARTS];
} LsNeedBar;

gboolean ls_need_bar_init_from_result (LsNeedBar             *bar,
                                       const LsResult        *result,
                                       guint                  stage);
void     ls_need_bar_get_bounds       (const LsNeedBar       *bar,
                                       double                 width,
                                       double                 bounds[LS_N_NEED_PARTS + 1]);
void     ls_render_need_bar           (cairo_t               *cr,
                                       const LsRenderStyle   *style,
                                       const LsNeedBar       *bar,
                                       const LsNeedBar       *ghost,
                                       double                 width,
                                       double                 height);
void     ls_render_evidence_bar       (cairo_t               *cr,
                                       const LsRenderStyle   *style,
                                       const LsEvidenceSplit *split,
                                       double                 width,
                                       double                 height);
void     ls_render_sparkline          (cairo_t               *cr,
                                       const LsRenderStyle   *style,
                                       const int             *years,
                                       const double          *values,
                                       guint                  n_years,
                                       int                    current_year,
                                       double                 width,
                                       double                 height);

/* The height of the need bar's baseline strip, as a fraction of the
 * bar's height. */
#define LS_NEED_BAR_GHOST_FRACTION 0.3

G_END_DECLS
