/* ls-window-private.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ls-export.h"
#include "ls-window.h"

G_BEGIN_DECLS

struct _LsWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  GtkWidget       *color_by_dropdown;
  GtkWidget       *flows_bin;
  GtkWidget       *flows_toolbar;
  GtkWidget       *header_revealer;
  GtkWidget       *map_arcs_check;
  GtkWidget       *map_bin;
  GtkWidget       *map_metric_dropdown;
  GtkWidget       *map_stage_dropdown;
  GtkWidget       *map_toolbar;
  LsPresenterView *presenter_view;
  GtkWidget       *presenter_revealer;
  LsSharePanel    *share_panel;
  LsSidebar       *sidebar;
  LsTableView     *table_view;
  AdwToastOverlay *toast_overlay;
  AdwViewStack    *view_stack;
  GtkWidget       *year_dropdown;

  /* Owned */
  GSettings          *settings;
  LsDataset          *dataset;
  LsScenario         *scenario;
  LsScenario         *snapshot;       /* the scenario as it was after the last edit */
  LsResult           *result;
  LsResult           *baseline;
  GPtrArray          *undo_stack;     /* LsScenario, oldest first */
  GPtrArray          *redo_stack;
  GSimpleActionGroup *scenario_actions;
  GPtrArray          *slides;         /* GFile */
  GFile              *scenario_file;  /* NULL when new or a shipped preset */
  GtkNativeDialog    *file_chooser;
  LsRenderStyle       style;

  /* Borrowed: the views, when they are built in */
  GtkWidget *sankey_view;
  GtkWidget *map_view;

  gint64   last_edit_time;
  guint    slide_index;
  gboolean last_edit_friend_shoring;
  gboolean restoring;
  gboolean syncing_options;
  gboolean syncing_year;
  gboolean sidebar_visible;
  gboolean sidebar_before_presenting;
  gboolean presenting;
};

void      _ls_window_class_install_actions (GtkWidgetClass  *widget_class);

void      _ls_window_toast                 (LsWindow        *self,
                                            const char      *message);
void      _ls_window_show_error            (LsWindow        *self,
                                            const char      *heading,
                                            const char      *body);
GFile    *_ls_window_preset_file           (guint            index);
void      _ls_window_recompute             (LsWindow        *self);
void      _ls_window_add_slide             (LsWindow        *self,
                                            GFile           *file);
void      _ls_window_restore_from          (LsWindow        *self,
                                            GPtrArray       *from,
                                            GPtrArray       *to);
void      _ls_window_set_dataset           (LsWindow        *self,
                                            LsDataset       *dataset);
void      _ls_window_get_export_setup      (LsWindow        *self,
                                            LsExportView    *view,
                                            LsMapOptions    *map,
                                            LsRenderStyle   *style);
GBytes   *_ls_window_render_figure         (LsWindow        *self,
                                            LsExportFormat   format,
                                            GError         **error);

G_END_DECLS
