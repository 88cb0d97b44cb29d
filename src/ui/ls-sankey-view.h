/* ls-sankey-view.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ls-palette.h"
#include "ls-ranges.h"
#include "ls-render-sankey.h"
#include "ls-result.h"
#include "ls-scenario.h"

G_BEGIN_DECLS

#define LS_TYPE_SANKEY_VIEW (ls_sankey_view_get_type ())

G_DECLARE_FINAL_TYPE (LsSankeyView, ls_sankey_view, LS, SANKEY_VIEW, GtkWidget)

GtkWidget           *ls_sankey_view_new                   (void);
LsResult            *ls_sankey_view_get_result            (LsSankeyView        *self);
void                 ls_sankey_view_set_result            (LsSankeyView        *self,
                                                           LsResult            *result);
const LsRenderStyle *ls_sankey_view_get_render_style      (LsSankeyView        *self);
void                 ls_sankey_view_set_render_style      (LsSankeyView        *self,
                                                           const LsRenderStyle *style);
const char          *ls_sankey_view_get_highlight_country (LsSankeyView        *self);
void                 ls_sankey_view_set_highlight_country (LsSankeyView        *self,
                                                           const char          *iso3);
void                 ls_sankey_view_set_ranges            (LsSankeyView        *self,
                                                           LsRanges            *ranges);
LsScenario          *ls_sankey_view_get_scenario          (LsSankeyView        *self);
void                 ls_sankey_view_set_scenario          (LsSankeyView        *self,
                                                           LsScenario          *scenario);
LsSankeyFigure      *ls_sankey_view_get_figure            (LsSankeyView        *self);
gboolean             ls_sankey_view_get_animating         (LsSankeyView        *self);
int                  ls_sankey_view_get_focus_node        (LsSankeyView        *self);
gboolean             ls_sankey_view_activate_at           (LsSankeyView        *self,
                                                           double               x,
                                                           double               y);
void                 ls_sankey_view_pin_node              (LsSankeyView        *self,
                                                           const char          *id,
                                                           guint                rank);
void                 ls_sankey_view_unpin_node            (LsSankeyView        *self,
                                                           const char          *id);
void                 ls_sankey_view_drop_node_at          (LsSankeyView        *self,
                                                           int                  node,
                                                           double               y);

G_END_DECLS
