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
#include "ls-scenario.h"

G_BEGIN_DECLS

void         ls_render_sankey_figure               (cairo_t             *cr,
                                                    LsResult            *result,
                                                    const LsRenderStyle *style,
                                                    double               width,
                                                    double               height);
void         ls_render_sankey_figure_with_scenario (cairo_t             *cr,
                                                    LsResult            *result,
                                                    const LsRenderStyle *style,
                                                    double               width,
                                                    double               height,
                                                    LsScenario          *scenario);

LsSankeyPin *ls_sankey_pins_new_from_scenario      (LsScenario          *scenario,
                                                    guint               *n_pins);
void         ls_sankey_pins_free                   (LsSankeyPin         *pins,
                                                    guint                n_pins);

G_END_DECLS
