/* ls-share-panel.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ls-explain.h"
#include "ls-explain-popover.h"
#include "ls-palette.h"
#include "ls-ranges.h"
#include "ls-render-bars.h"
#include "ls-result.h"
#include "ls-session.h"

G_BEGIN_DECLS

#define LS_TYPE_SHARE_PANEL (ls_share_panel_get_type ())

G_DECLARE_FINAL_TYPE (LsSharePanel, ls_share_panel, LS, SHARE_PANEL, GtkWidget)

GtkWidget  *ls_share_panel_new                 (void);
void        ls_share_panel_set_session         (LsSharePanel        *self,
                                                LsSession           *session);
void        ls_share_panel_set_results         (LsSharePanel        *self,
                                                LsResult            *result,
                                                LsResult            *baseline);
void        ls_share_panel_set_ranges          (LsSharePanel        *self,
                                                LsRanges            *ranges);
LsResult   *ls_share_panel_get_result          (LsSharePanel        *self);
void        ls_share_panel_set_render_style    (LsSharePanel        *self,
                                                const LsRenderStyle *style);
gboolean    ls_share_panel_get_dependency      (LsSharePanel        *self,
                                                guint                stage,
                                                double              *dependency);
const char *ls_share_panel_get_dependency_text (LsSharePanel        *self,
                                                guint                stage);

/* What the panel shows, for tests and for the window's own checks. */
gboolean    ls_share_panel_get_need_bar        (LsSharePanel        *self,
                                                guint                stage,
                                                LsNeedBar           *bar,
                                                LsNeedBar           *ghost);
GtkWidget  *ls_share_panel_get_change_label    (LsSharePanel        *self,
                                                guint                stage,
                                                LsExplainFigure      figure);
GtkWidget  *ls_share_panel_get_figure_button   (LsSharePanel        *self,
                                                guint                stage,
                                                LsExplainSubject     subject);
LsExplainPopover *ls_share_panel_get_popover   (LsSharePanel        *self);

G_END_DECLS
