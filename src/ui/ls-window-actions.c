/* ls-window-actions.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-window"

#include "config.h"

#include "ls-window-private.h"

#include "ls-scenario-details.h"
#include "ls-export-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

/* File choosers ---------------------------------------------------------- */

typedef void (*FileCallback) (LsWindow *self,
                              GFile    *file);

/* What to do with the chosen file. In a struct because ISO C does not
 * convert a function pointer to the gpointer of g_object_set_data(). */
typedef struct
{
  FileCallback callback;
} FileRequest;

static void
on_file_chooser_response_cb (GtkNativeDialog *dialog,
                             int              response,
                             LsWindow        *self)
{
  FileCallback callback = ((FileRequest *) g_object_get_data (G_OBJECT (dialog), "request"))->callback;
  gboolean saves_changes = g_object_get_data (G_OBJECT (dialog), "saves-changes") != NULL;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  gtk_native_dialog_destroy (dialog);
  if (self->file_chooser == dialog)
    g_clear_object (&self->file_chooser);

  if (file != NULL)
    callback (self, file);
  else if (saves_changes)
    /* "Save Changes?" → Save → cancelled here: nothing happens after all. */
    _ls_window_drop_pending (self);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern,
            const char     *mime_type)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_chooser_add_filter (chooser, filter);
}

static GtkFileChooser *
run_file_chooser (LsWindow             *self,
                  const char           *title,
                  GtkFileChooserAction  action,
                  const char           *accept,
                  FileCallback          callback)
{
  GtkFileChooserNative *native;
  FileRequest *request;

  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_destroy (self->file_chooser);
      g_clear_object (&self->file_chooser);
    }

  native = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  request = g_new0 (FileRequest, 1);
  request->callback = callback;
  g_object_set_data_full (G_OBJECT (native), "request", request, g_free);
  g_signal_connect (native, "response", G_CALLBACK (on_file_chooser_response_cb), self);
  self->file_chooser = GTK_NATIVE_DIALOG (native);

  return GTK_FILE_CHOOSER (native);
}

static void
add_scenario_filters (GtkFileChooser *chooser)
{
  add_filter (chooser, _("Lodestone Scenarios"), "*.json", "application/x-lodestone-scenario");
}

static void
open_scenario_chosen (LsWindow *self,
                      GFile    *file)
{
  ls_window_open_scenario_file (self, file);
}

static void
save_scenario_chosen (LsWindow *self,
                      GFile    *file)
{
  if (_ls_window_save_to (self, file))
    _ls_window_continue_pending (self);
  else
    _ls_window_drop_pending (self);
}

static void
open_dataset_chosen (LsWindow *self,
                     GFile    *file)
{
  ls_window_open_dataset_file (self, file, NULL);
}

static void
figure_exported_cb (LsWindow *self,
                    GFile    *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = g_strdup_printf (_("Exported “%s”"), name);

  _ls_window_toast (self, message);
}

/* Actions ---------------------------------------------------------------- */

static void
win_new_scenario_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  _ls_window_new_scenario (LS_WINDOW (widget));
}

static void
win_open_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LsWindow *self = LS_WINDOW (widget);
  GtkFileChooser *chooser = run_file_chooser (self, _("Open Scenario"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                              _("_Open"), open_scenario_chosen);

  add_scenario_filters (chooser);
  gtk_native_dialog_show (self->file_chooser);
}

static void
win_save_as_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LsWindow *self = LS_WINDOW (widget);
  GtkFileChooser *chooser = run_file_chooser (self, _("Save Scenario"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                              _("_Save"), save_scenario_chosen);

  /* Asked from "Save Changes?": cancelling here cancels that too. */
  if (self->pending != NULL)
    g_object_set_data (G_OBJECT (chooser), "saves-changes", GINT_TO_POINTER (TRUE));

  add_scenario_filters (chooser);
  if (self->scenario_file != NULL)
    gtk_file_chooser_set_file (chooser, self->scenario_file, NULL);
  else
    {
      /* The scenario's title, not "Untitled" or a preset's file name (B1). */
      g_autofree char *file_name = _ls_window_suggested_file_name (self);

      gtk_file_chooser_set_current_name (chooser, file_name);
    }
  gtk_native_dialog_show (self->file_chooser);
}

static void
win_save_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LsWindow *self = LS_WINDOW (widget);

  if (self->scenario_file == NULL)
    win_save_as_action (widget, action_name, parameter);
  else
    save_scenario_chosen (self, self->scenario_file);
}

static void
win_scenario_details_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  LsWindow *self = LS_WINDOW (widget);
  GtkWidget *details = ls_scenario_details_new (GTK_WINDOW (self), self->session);

  gtk_window_present (GTK_WINDOW (details));
}

static void
win_open_dataset_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  LsWindow *self = LS_WINDOW (widget);
  GtkFileChooser *chooser = run_file_chooser (self, _("Open Dataset"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                              _("_Open"), open_dataset_chosen);

  add_filter (chooser, _("Datasets (JSON)"), "*.json", "application/json");
  gtk_native_dialog_show (self->file_chooser);
}

static void
win_default_dataset_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  ls_window_use_default_dataset (LS_WINDOW (widget));
}

static void
win_load_preset_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LsWindow *self = LS_WINDOW (widget);
  g_autoptr(GFile) file = NULL;

  if (!(file = _ls_window_preset_file (g_variant_get_uint32 (parameter))))
    return;

  ls_window_open_scenario_file (self, file);
}

static void
win_export_figure_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  LsWindow *self = LS_WINDOW (widget);
  LsExportDialog *dialog;
  LsExportView view;
  LsMapOptions map;
  LsRenderStyle style;

  _ls_window_get_export_setup (self, &view, &map, &style);
  dialog = ls_export_dialog_new (GTK_WINDOW (self), ls_session_get_result (self->session),
                                 ls_session_get_scenario (self->session), view, &map, &style);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (figure_exported_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
win_export_csv_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LsWindow *self = LS_WINDOW (widget);

  /* The table exports itself, under the scenario's name. */
  gtk_widget_activate_action (GTK_WIDGET (ls_window_get_table_view (self)), "table.export-csv", NULL);
}

/* Ctrl+E exports what is shown: the table as CSV in the Table view, the
 * figure elsewhere (m16). */
static void
win_export_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LsWindow *self = LS_WINDOW (widget);

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "table") == 0)
    gtk_widget_activate_action (widget, "win.export-csv", NULL);
  else
    gtk_widget_activate_action (widget, "win.export-figure", NULL);
}

static void
win_copy_figure_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LsWindow *self = LS_WINDOW (widget);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (!(bytes = _ls_window_render_figure (self, LS_EXPORT_PNG, &error)) ||
      !(texture = gdk_texture_new_from_bytes (bytes, &error)))
    {
      g_autofree char *message = g_strdup_printf (_("Could not copy the figure: %s"), error->message);

      _ls_window_toast (self, message);
      return;
    }

  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
  _ls_window_toast (self, _("Figure copied"));
}

static void
win_undo_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LsWindow *self = LS_WINDOW (widget);

  self->navigating = TRUE;
  ls_session_undo (self->session);
  self->navigating = FALSE;
}

static void
win_redo_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LsWindow *self = LS_WINDOW (widget);

  self->navigating = TRUE;
  ls_session_redo (self->session);
  self->navigating = FALSE;
}

static void
win_view_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LsWindow *self = LS_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  GtkWidget *child;

  adw_view_stack_set_visible_child_name (self->view_stack, name);

  /* Ctrl+1…3 also bring the keyboard to the view, wherever it was (M8). */
  if (g_str_equal (name, "map") && self->map_view != NULL)
    gtk_widget_grab_focus (self->map_view);
  else if (g_str_equal (name, "flows") && self->sankey_view != NULL)
    gtk_widget_grab_focus (self->sankey_view);
  else if ((child = adw_view_stack_get_child_by_name (self->view_stack, name)) != NULL)
    gtk_widget_child_focus (child, GTK_DIR_TAB_FORWARD);
}

static void
win_next_slide_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ls_window_step_slide (LS_WINDOW (widget), 1);
}

static void
win_previous_slide_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  ls_window_step_slide (LS_WINDOW (widget), -1);
}

static void
win_search_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LsWindow *self = LS_WINDOW (widget);

  if (self->presenting)
    return;
  if (!self->sidebar_visible)
    g_object_set (self, "sidebar-visible", TRUE, NULL);
  ls_sidebar_focus_search (self->sidebar);
}

/* The keyboard shortcuts window, built when first asked for: GTK would
 * build it with every window, about 10 ms of start-up for a window
 * seldom opened (issue 12). Once set, GTK owns it. */
static void
win_show_help_overlay_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/lodestone/Lodestone/ui/ls-shortcuts-window.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }

  gtk_window_present (GTK_WINDOW (overlay));
}

/* The window's actions and their shortcuts, installed by its class_init;
 * the accelerators shown in menus are set by the application. */
void
_ls_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-scenario", NULL, win_new_scenario_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, win_open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, win_save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, win_save_as_action);
  gtk_widget_class_install_action (widget_class, "win.scenario-details", NULL, win_scenario_details_action);
  gtk_widget_class_install_action (widget_class, "win.open-dataset", NULL, win_open_dataset_action);
  gtk_widget_class_install_action (widget_class, "win.default-dataset", NULL, win_default_dataset_action);
  gtk_widget_class_install_action (widget_class, "win.load-preset", "u", win_load_preset_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, win_export_action);
  gtk_widget_class_install_action (widget_class, "win.export-figure", NULL, win_export_figure_action);
  gtk_widget_class_install_action (widget_class, "win.export-csv", NULL, win_export_csv_action);
  gtk_widget_class_install_action (widget_class, "win.copy-figure", NULL, win_copy_figure_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, win_undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, win_redo_action);
  gtk_widget_class_install_action (widget_class, "win.view", "s", win_view_action);
  gtk_widget_class_install_action (widget_class, "win.next-slide", NULL, win_next_slide_action);
  gtk_widget_class_install_action (widget_class, "win.previous-slide", NULL, win_previous_slide_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, win_search_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, win_show_help_overlay_action);
  gtk_widget_class_install_property_action (widget_class, "win.sidebar", "sidebar-visible");
  gtk_widget_class_install_property_action (widget_class, "win.presenter", "presenting");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
}
