/* ls-window-actions.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-window"

#include "config.h"

#include "ls-window-private.h"

#include "ls-export-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

/* File choosers ---------------------------------------------------------- */

typedef void (*FileCallback) (LsWindow *self,
                              GFile    *file);

static void
on_file_chooser_response_cb (GtkNativeDialog *dialog,
                             int              response,
                             LsWindow        *self)
{
  FileCallback callback = g_object_get_data (G_OBJECT (dialog), "callback");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        callback (self, file);
    }

  gtk_native_dialog_destroy (dialog);
  if (self->file_chooser == dialog)
    g_clear_object (&self->file_chooser);
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

  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_destroy (self->file_chooser);
      g_clear_object (&self->file_chooser);
    }

  native = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_object_set_data (G_OBJECT (native), "callback", callback);
  g_signal_connect (native, "response", G_CALLBACK (on_file_chooser_response_cb), self);
  self->file_chooser = GTK_NATIVE_DIALOG (native);

  return GTK_FILE_CHOOSER (native);
}

static void
open_scenario_chosen (LsWindow *self,
                      GFile    *file)
{
  ls_window_open_scenario_file (self, file);
}

static void
save_scenario_to (LsWindow *self,
                  GFile    *file)
{
  g_autoptr(GError) error = NULL;
  const char *name = ls_scenario_get_name (self->scenario);

  /* An untitled scenario takes the file's name, so that it has a slide
   * title when it is opened again. */
  if (name == NULL || name[0] == '\0')
    {
      g_autofree char *basename = g_file_get_basename (file);

      if (g_str_has_suffix (basename, ".json"))
        basename[strlen (basename) - 5] = '\0';
      ls_scenario_set_name (self->scenario, basename);
    }

  if (!ls_scenario_save_to_file (self->scenario, file, NULL, &error))
    {
      _ls_window_show_error (self, _("Could Not Save Scenario"), error->message);
      return;
    }

  g_set_object (&self->scenario_file, file);
  _ls_window_add_slide (self, file);
  if (self->settings != NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_settings_set_string (self->settings, "last-scenario", uri);
    }

  {
    g_autofree char *file_name = g_file_get_basename (file);
    g_autofree char *message = g_strdup_printf (_("Saved “%s”"), file_name);

    _ls_window_toast (self, message);
  }
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

static void
export_csv_chosen (LsWindow *self,
                   GFile    *file)
{
  g_autoptr(GError) error = NULL;

  if (!ls_window_export_table (self, file, &error))
    {
      _ls_window_show_error (self, _("Could Not Export Table"), error->message);
      return;
    }

  {
    g_autofree char *name = g_file_get_basename (file);
    g_autofree char *message = g_strdup_printf (_("Exported “%s”"), name);

    _ls_window_toast (self, message);
  }
}

/* Actions ---------------------------------------------------------------- */

static void
win_new_scenario_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  LsWindow *self = LS_WINDOW (widget);
  g_autoptr(LsScenario) fresh = ls_scenario_new ();

  ls_scenario_set_year (fresh, ls_scenario_get_year (self->scenario));
  g_clear_object (&self->scenario_file);
  self->slide_index = G_MAXUINT;
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-scenario", "");

  if (ls_scenario_equal (self->scenario, fresh))
    _ls_window_recompute (self);
  else
    ls_scenario_assign (self->scenario, fresh);
}

static void
win_open_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LsWindow *self = LS_WINDOW (widget);
  GtkFileChooser *chooser = run_file_chooser (self, _("Open Scenario"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                              _("_Open"), open_scenario_chosen);

  add_filter (chooser, _("Scenarios (JSON)"), "*.json", "application/json");
  gtk_native_dialog_show (self->file_chooser);
}

static void
win_save_as_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LsWindow *self = LS_WINDOW (widget);
  GtkFileChooser *chooser = run_file_chooser (self, _("Save Scenario"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                              _("_Save"), save_scenario_to);
  const char *name = ls_scenario_get_name (self->scenario);
  g_autofree char *file_name = NULL;

  add_filter (chooser, _("Scenarios (JSON)"), "*.json", "application/json");
  if (self->scenario_file != NULL)
    gtk_file_chooser_set_file (chooser, self->scenario_file, NULL);
  else
    {
      file_name = g_strdup_printf ("%s.json", name != NULL && name[0] != '\0' ? name : _("Scenario"));
      g_strdelimit (file_name, "/\\:", '-');
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
    save_scenario_to (self, self->scenario_file);
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
  LsWindow *self = LS_WINDOW (widget);
  g_autoptr(LsDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;

  dataset = ls_dataset_new_default (&error);
  if (dataset == NULL)
    {
      _ls_window_show_error (self, _("Could Not Open Dataset"), error->message);
      return;
    }

  _ls_window_set_dataset (self, dataset);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-dataset", "");
  _ls_window_toast (self, _("Using the built-in dataset"));
}

static void
win_load_preset_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LsWindow *self = LS_WINDOW (widget);
  guint index = g_variant_get_uint32 (parameter);
  g_autoptr(GFile) file = NULL;

  if (!(file = _ls_window_preset_file (index)))
    return;

  ls_window_open_scenario_file (self, file);
}

static void
win_export_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LsWindow *self = LS_WINDOW (widget);
  LsExportDialog *dialog;
  LsExportView view;
  LsMapOptions map;
  LsRenderStyle style;

  /* Ctrl+E exports what is shown: in the Table view, the table (m16). */
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "table") == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self->table_view), "table.export-csv", NULL);
      return;
    }

  _ls_window_get_export_setup (self, &view, &map, &style);
  dialog = ls_export_dialog_new (GTK_WINDOW (self), self->result, self->scenario, view, &map, &style);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (figure_exported_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
win_export_csv_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LsWindow *self = LS_WINDOW (widget);
  GtkFileChooser *chooser = run_file_chooser (self, _("Export Table"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                              _("_Export"), export_csv_chosen);

  add_filter (chooser, _("CSV Table"), "*.csv", "text/csv");
  gtk_file_chooser_set_current_name (chooser, "lodestone-table.csv");
  gtk_native_dialog_show (self->file_chooser);
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

  _ls_window_restore_from (self, self->undo_stack, self->redo_stack);
}

static void
win_redo_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LsWindow *self = LS_WINDOW (widget);

  _ls_window_restore_from (self, self->redo_stack, self->undo_stack);
}

static void
win_view_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LsWindow *self = LS_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
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

/* The window's actions and their shortcuts, installed by its class_init;
 * the accelerators shown in menus are set by the application. */
void
_ls_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-scenario", NULL, win_new_scenario_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, win_open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, win_save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, win_save_as_action);
  gtk_widget_class_install_action (widget_class, "win.open-dataset", NULL, win_open_dataset_action);
  gtk_widget_class_install_action (widget_class, "win.default-dataset", NULL, win_default_dataset_action);
  gtk_widget_class_install_action (widget_class, "win.load-preset", "u", win_load_preset_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, win_export_action);
  gtk_widget_class_install_action (widget_class, "win.export-csv", NULL, win_export_csv_action);
  gtk_widget_class_install_action (widget_class, "win.copy-figure", NULL, win_copy_figure_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, win_undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, win_redo_action);
  gtk_widget_class_install_action (widget_class, "win.view", "s", win_view_action);
  gtk_widget_class_install_action (widget_class, "win.next-slide", NULL, win_next_slide_action);
  gtk_widget_class_install_action (widget_class, "win.previous-slide", NULL, win_previous_slide_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, win_search_action);
  gtk_widget_class_install_property_action (widget_class, "win.sidebar", "sidebar-visible");
  gtk_widget_class_install_property_action (widget_class, "win.presenter", "presenting");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
}
