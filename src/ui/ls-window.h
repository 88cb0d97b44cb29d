/* ls-window.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ls-application.h"
#include "ls-presenter-view.h"
#include "ls-result.h"
#include "ls-session.h"
#include "ls-share-panel.h"
#include "ls-sidebar.h"
#include "ls-table-view.h"

G_BEGIN_DECLS

#define LS_TYPE_WINDOW (ls_window_get_type ())

G_DECLARE_FINAL_TYPE (LsWindow, ls_window, LS, WINDOW, AdwApplicationWindow)

LsWindow        *ls_window_new                (LsApplication  *application);
LsSession       *ls_window_get_session        (LsWindow       *self);
LsDataset       *ls_window_get_dataset        (LsWindow       *self);
LsScenario      *ls_window_get_scenario       (LsWindow       *self);
LsResult        *ls_window_get_result         (LsWindow       *self);
LsResult        *ls_window_get_baseline       (LsWindow       *self);
LsSharePanel    *ls_window_get_share_panel    (LsWindow       *self);
LsSidebar       *ls_window_get_sidebar        (LsWindow       *self);
LsTableView     *ls_window_get_table_view     (LsWindow       *self);
LsPresenterView *ls_window_get_presenter_view (LsWindow       *self);
gboolean         ls_window_open_scenario_file (LsWindow       *self,
                                               GFile          *file);
gboolean         ls_window_open_dataset_file  (LsWindow       *self,
                                               GFile          *file,
                                               GError        **error);
void             ls_window_use_default_dataset (LsWindow      *self);
GtkWidget       *ls_window_get_year_scale     (LsWindow       *self);
const char      *ls_window_get_year_note      (LsWindow       *self);
const char      *ls_window_get_dataset_label  (LsWindow       *self);
gboolean         ls_window_get_presenting     (LsWindow       *self);
void             ls_window_set_presenting     (LsWindow       *self,
                                               gboolean        presenting);
void             ls_window_step_slide         (LsWindow       *self,
                                               int             delta);
guint            ls_window_get_n_slides       (LsWindow       *self);
gboolean         ls_window_export_figure      (LsWindow       *self,
                                               GFile          *file,
                                               GError        **error);
gboolean         ls_window_export_table       (LsWindow       *self,
                                               GFile          *file,
                                               GError        **error);
gboolean         ls_window_can_undo           (LsWindow       *self);
gboolean         ls_window_can_redo           (LsWindow       *self);

G_END_DECLS
