/* ls-window-private.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ls-export.h"
#include "ls-session.h"
#include "ls-window.h"

G_BEGIN_DECLS

/* What to do once unsaved changes are saved or may be dropped (M7). */
typedef void (*LsWindowContinuation) (LsWindow *self,
                                      gpointer  data);

struct _LsWindow
{
  AdwApplicationWindow parent_instance;

  gulong           first_paint_handler;

  /* Template widgets */
  GtkWidget       *color_by_dropdown;
  GtkWidget       *dataset_label;
  GtkWidget       *export_button;
  GMenuModel      *export_menu;
  GtkWidget       *flows_bin;
  GtkWidget       *flows_toolbar;
  GtkWidget       *header_revealer;
  GtkWidget       *map_arcs_check;
  GtkWidget       *map_bin;
  GtkWidget       *map_metric_dropdown;
  GtkWidget       *map_stage_dropdown;
  GtkWidget       *map_toolbar;
  GMenu           *presets_menu;
  GtkWidget       *primary_button;
  GMenuModel      *primary_menu;
  LsPresenterView *presenter_view;
  GtkWidget       *presenter_revealer;
  GtkWidget       *scenario_button;
  GtkWidget       *scenario_label;
  GMenuModel      *scenario_menu;
  LsSharePanel    *share_panel;
  LsSidebar       *sidebar;
  LsTableView     *table_view;
  AdwToastOverlay *toast_overlay;
  AdwViewStack    *view_stack;
  GtkWidget       *year_bar;
  GtkWidget       *year_dropdown;
  GtkWidget       *year_note;
  GtkWidget       *year_scale;

  /* Owned */
  GSettings          *settings;
  LsSession          *session;
  LsScenario         *opened;         /* as opened: what its description describes (B1) */
  GSimpleActionGroup *scenario_actions;
  GPtrArray          *slides;         /* GFile */
  GFile              *scenario_file;  /* NULL when new or a shipped preset */
  GFile              *dataset_file;   /* NULL for the built-in dataset */
  GtkNativeDialog    *file_chooser;
  LsRenderStyle       style;

  /* A step waiting for the answer to "Save changes?" */
  LsWindowContinuation pending;
  gpointer             pending_data;
  GDestroyNotify       pending_destroy;

  /* Borrowed: the views, when they are built in */
  GtkWidget *sankey_view;
  GtkWidget *map_view;

  guint    slide_index;
  gboolean rewriting;
  gboolean navigating;
  gboolean syncing_year;
  gboolean close_confirmed;
  gboolean sidebar_visible;
  gboolean presenting;
  gboolean sankey_bound;    /* the diagram follows the session (ensure_sankey_result()) */
  gboolean insights_held;   /* the session's ranges wait for the first frame */
};

void      _ls_window_class_install_actions (GtkWidgetClass       *widget_class);

void      _ls_window_toast                 (LsWindow             *self,
                                            const char           *message);
void      _ls_window_show_error            (LsWindow             *self,
                                            const char           *heading,
                                            const char           *body,
                                            const char           *details);
void      _ls_window_show_open_error       (LsWindow             *self,
                                            GFile                *file,
                                            gboolean              as_dataset,
                                            const GError         *error);
GFile    *_ls_window_preset_file           (guint                 index);
void      _ls_window_add_slide             (LsWindow             *self,
                                            GFile                *file);
void      _ls_window_set_dataset           (LsWindow             *self,
                                            LsDataset            *dataset,
                                            GFile                *file);
void      _ls_window_new_scenario          (LsWindow             *self);
gboolean  _ls_window_save_to               (LsWindow             *self,
                                            GFile                *file);
void      _ls_window_confirm_discard       (LsWindow             *self,
                                            LsWindowContinuation  continuation,
                                            gpointer              data,
                                            GDestroyNotify        destroy);
void      _ls_window_continue_pending      (LsWindow             *self);
void      _ls_window_drop_pending          (LsWindow             *self);
GBytes   *_ls_window_render_figure         (LsWindow             *self,
                                            LsExportFormat        format,
                                            GError              **error);
char     *_ls_window_suggested_file_name   (LsWindow             *self);
void      _ls_window_get_export_setup      (LsWindow             *self,
                                            LsExportView         *view,
                                            LsMapOptions         *map,
                                            LsRenderStyle        *style);

G_END_DECLS
