/* ls-render-sankey.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "ls-palette.h"
#include "ls-result.h"
#include "ls-sankey-figure.h"

G_BEGIN_DECLS

void ls_render_sankey_figure (cairo_t             *cr,
                              LsResult            *result,
                              const LsRenderStyle *style,
                              double               width,
                              double               height);

G_END_DECLS
