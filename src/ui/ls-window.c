/* ls-window.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-window"

#include "config.h"

#include "ls-window-private.h"

#include "ls-application.h"
#include "ls-palette.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ls-export.h"
#include "ls-map-view.h"
#include "ls-sankey-view.h"

/* Friend-shoring edits closer together than this are one undo step, so
 * that dragging the scale does not fill the undo stack. */
#define COALESCE_USEC (800 * G_TIME_SPAN_MILLISECOND)
#define MAX_UNDO      200
#define PRESENTER_FONT_SCALE 1.6
#define FIGURE_WIDTH  1600.0
#define FIGURE_HEIGHT 1000.0

static const char *preset_files[] = {
  "01-baseline-2024.json",
  "02-korea-us-alliance.json",
  "03-china-restricts-oxides.json",
  "04-diversify-us-vietnam-laos.json",
};


G_DEFINE_FINAL_TYPE (LsWindow, ls_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SIDEBAR_VISIBLE,
  PROP_PRESENTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rebuild_map_stages (LsWindow *self);
static void sync_view_options  (LsWindow *self);

/* Helpers ---------------------------------------------------------------- */

void
_ls_window_toast (LsWindow   *self,
                  const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

void
_ls_window_show_error (LsWindow   *self,
                       const char *heading,
                       const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

GFile *
_ls_window_preset_file (guint index)
{
  g_autofree char *uri = NULL;

  if (index >= G_N_ELEMENTS (preset_files))
    return NULL;

  uri = g_strdup_printf ("resource://%s/scenarios/%s", LS_RESOURCE_PATH, preset_files[index]);

  return g_file_new_for_uri (uri);
}

static gboolean
is_preset (GFile *file)
{
  return g_file_has_uri_scheme (file, "resource");
}

static LsScenario *
copy_without_levers (LsScenario *scenario)
{
  LsScenario *copy = ls_scenario_copy (scenario);

  ls_scenario_set_friend_shoring (copy, 0.0);
  while (ls_scenario_get_n_restrictions (copy) > 0)
    ls_scenario_remove_restriction (copy, 0);
  while (ls_scenario_get_n_capacity_changes (copy) > 0)
    ls_scenario_remove_capacity_change (copy, 0);

  return copy;
}

static void
update_title (LsWindow *self)
{
  const char *name = ls_scenario_get_name (self->scenario);
  g_autofree char *title = NULL;

  if (name == NULL || name[0] == '\0')
    name = _("Untitled Scenario");

  /* Translators: window title, "scenario name — Lodestone" */
  title = g_strdup_printf (_("%s — Lodestone"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
update_history_actions (LsWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", self->undo_stack->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", self->redo_stack->len > 0);
}

static void
update_alliance_actions (LsWindow *self)
{
  for (guint a = 0; a < ls_dataset_get_n_alliances (self->dataset); a++)
    {
      const char *id = ls_dataset_get_alliance_id (self->dataset, a);
      g_autofree char *name = g_strdup_printf ("alliance-%s", id);
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->scenario_actions), name);

      if (action != NULL)
        g_simple_action_set_state (G_SIMPLE_ACTION (action),
                                   g_variant_new_boolean (ls_scenario_has_alliance (self->scenario, id)));
    }
}

static void
sync_year (LsWindow *self)
{
  guint n_years;
  const int *years = ls_dataset_get_years (self->dataset, &n_years);
  int year = ls_scenario_get_year (self->scenario);

  if (year == 0)
    year = ls_dataset_get_default_year (self->dataset);

  self->syncing_year = TRUE;
  for (guint i = 0; i < n_years; i++)
    if (years[i] == year)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->year_dropdown), i);
  self->syncing_year = FALSE;
}

static void
push_render_style (LsWindow *self)
{
  ls_share_panel_set_render_style (self->share_panel, &self->style);
  if (self->sankey_view != NULL)
    ls_sankey_view_set_render_style (LS_SANKEY_VIEW (self->sankey_view), &self->style);
  if (self->map_view != NULL)
    ls_map_view_set_render_style (LS_MAP_VIEW (self->map_view), &self->style);
}

static void
fill_render_style (LsWindow      *self,
                   LsRenderStyle *style,
                   gboolean       dark,
                   double         font_scale)
{
  ls_render_style_init (style, dark);
  style->font_scale = font_scale;

  if (self->settings != NULL)
    {
      g_autofree char *label_mode = g_settings_get_string (self->settings, "label-mode");
      g_autofree char *color_by = g_settings_get_string (self->settings, "sankey-color-by");

      style->label_mode = g_strcmp0 (label_mode, "percent") == 0 ? LS_LABEL_PERCENT : LS_LABEL_VALUES;
      style->color_by = g_strcmp0 (color_by, "origin") == 0 ? LS_COLOR_BY_ORIGIN : LS_COLOR_BY_MEMBERSHIP;
      style->other_threshold = g_settings_get_double (self->settings, "other-threshold");
    }
  else
    style->color_by = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->color_by_dropdown)) == 1
                      ? LS_COLOR_BY_ORIGIN : LS_COLOR_BY_MEMBERSHIP;
}

static void
update_render_style (LsWindow *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  fill_render_style (self, &self->style, dark, self->presenting ? PRESENTER_FONT_SCALE : 1.0);
  push_render_style (self);
}

static void
update_presenter (LsWindow *self)
{
  guint index = self->slide_index;

  /* Slides are built only while they can be seen. */
  if (self->result == NULL || !self->presenting)
    return;

  ls_presenter_view_set_slide (self->presenter_view,
                               ls_scenario_get_name (self->scenario),
                               ls_scenario_get_description (self->scenario),
                               self->result, self->baseline,
                               index, self->slides->len);
}

/* One state: every edit of the scenario comes through here. */
void
_ls_window_recompute (LsWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsResult) result = NULL;
  g_autoptr(LsResult) baseline = NULL;

  result = ls_result_new (self->dataset, self->scenario, &error);
  if (result == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Cannot compute this scenario: %s"), error->message);

      _ls_window_toast (self, message);
      return;
    }

  if (!ls_scenario_has_levers (self->scenario))
    baseline = ls_result_ref (result);
  else
    {
      g_autoptr(LsScenario) plain = copy_without_levers (self->scenario);

      baseline = ls_result_new (self->dataset, plain, &error);
      if (baseline == NULL)
        g_debug ("No baseline: %s", error->message);
    }

  g_clear_pointer (&self->result, ls_result_unref);
  g_clear_pointer (&self->baseline, ls_result_unref);
  self->result = g_steal_pointer (&result);
  self->baseline = g_steal_pointer (&baseline);

  ls_share_panel_set_results (self->share_panel, self->result, self->baseline);
  ls_table_view_set_result (self->table_view, self->result);
  if (self->sankey_view != NULL)
    ls_sankey_view_set_result (LS_SANKEY_VIEW (self->sankey_view), self->result);
  if (self->map_view != NULL)
    ls_map_view_set_result (LS_MAP_VIEW (self->map_view), self->result);
  update_presenter (self);
  update_title (self);
  update_alliance_actions (self);
  sync_year (self);
}

static gboolean
only_friend_shoring_changed (LsScenario *before,
                             LsScenario *after)
{
  g_autoptr(LsScenario) probe = ls_scenario_copy (before);

  ls_scenario_set_friend_shoring (probe, ls_scenario_get_friend_shoring (after));

  return ls_scenario_equal (probe, after) && !ls_scenario_equal (before, after);
}

static void
on_scenario_changed_cb (LsWindow *self)
{
  if (!self->restoring && self->snapshot != NULL)
    {
      gint64 now = g_get_monotonic_time ();
      gboolean friend_only = only_friend_shoring_changed (self->snapshot, self->scenario);
      gboolean coalesce = friend_only && self->last_edit_friend_shoring &&
                          now - self->last_edit_time < COALESCE_USEC &&
                          self->undo_stack->len > 0;

      if (!coalesce)
        {
          g_ptr_array_add (self->undo_stack, g_object_ref (self->snapshot));
          if (self->undo_stack->len > MAX_UNDO)
            g_ptr_array_remove_index (self->undo_stack, 0);
        }
      g_ptr_array_set_size (self->redo_stack, 0);

      self->last_edit_friend_shoring = friend_only;
      self->last_edit_time = now;
    }

  g_clear_object (&self->snapshot);
  self->snapshot = ls_scenario_copy (self->scenario);

  update_history_actions (self);
  _ls_window_recompute (self);
}

void
_ls_window_restore_from (LsWindow  *self,
                         GPtrArray *from,
                         GPtrArray *to)
{
  g_autoptr(LsScenario) state = NULL;

  if (from->len == 0)
    return;

  state = g_object_ref (g_ptr_array_index (from, from->len - 1));
  g_ptr_array_remove_index (from, from->len - 1);
  g_ptr_array_add (to, ls_scenario_copy (self->scenario));

  self->restoring = TRUE;
  self->last_edit_friend_shoring = FALSE;
  ls_scenario_assign (self->scenario, state);
  self->restoring = FALSE;

  update_history_actions (self);
}

static void
clear_history (LsWindow *self)
{
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  g_clear_object (&self->snapshot);
  self->snapshot = ls_scenario_copy (self->scenario);
  update_history_actions (self);
}

/* The "scenario" action group -------------------------------------------- */

static void
scenario_alliance_change_state (GSimpleAction *action,
                                GVariant      *value,
                                gpointer       user_data)
{
  LsWindow *self = user_data;
  const char *id = g_object_get_data (G_OBJECT (action), "alliance");

  g_simple_action_set_state (action, value);
  ls_scenario_set_alliance (self->scenario, id, g_variant_get_boolean (value));
}

static void
scenario_toggle_member_activate (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  LsWindow *self = user_data;

  ls_scenario_toggle_member (self->scenario, self->dataset, g_variant_get_string (parameter, NULL));
}

static void
rebuild_scenario_actions (LsWindow *self)
{
  g_auto(GStrv) names = g_action_group_list_actions (G_ACTION_GROUP (self->scenario_actions));
  g_autoptr(GSimpleAction) toggle = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    g_action_map_remove_action (G_ACTION_MAP (self->scenario_actions), names[i]);

  toggle = g_simple_action_new ("toggle-member", G_VARIANT_TYPE_STRING);
  g_signal_connect (toggle, "activate", G_CALLBACK (scenario_toggle_member_activate), self);
  g_action_map_add_action (G_ACTION_MAP (self->scenario_actions), G_ACTION (toggle));

  for (guint a = 0; a < ls_dataset_get_n_alliances (self->dataset); a++)
    {
      const char *id = ls_dataset_get_alliance_id (self->dataset, a);
      g_autofree char *name = g_strdup_printf ("alliance-%s", id);
      g_autoptr(GSimpleAction) action = NULL;

      if (!g_action_name_is_valid (name))
        continue;

      action = g_simple_action_new_stateful (name, NULL,
                                             g_variant_new_boolean (ls_scenario_has_alliance (self->scenario, id)));
      g_object_set_data_full (G_OBJECT (action), "alliance", g_strdup (id), g_free);
      g_signal_connect (action, "change-state", G_CALLBACK (scenario_alliance_change_state), self);
      g_action_map_add_action (G_ACTION_MAP (self->scenario_actions), G_ACTION (action));
    }
}

/* Dataset and scenario loading ------------------------------------------- */

static void
rebuild_years (LsWindow *self)
{
  guint n_years;
  const int *years = ls_dataset_get_years (self->dataset, &n_years);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n_years; i++)
    {
      char text[16];

      g_snprintf (text, sizeof text, "%d", years[i]);
      gtk_string_list_append (list, text);
    }

  self->syncing_year = TRUE;
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->year_dropdown), G_LIST_MODEL (list));
  self->syncing_year = FALSE;
}

void
_ls_window_set_dataset (LsWindow  *self,
                        LsDataset *dataset)
{
  g_autoptr(GError) error = NULL;

  g_set_object (&self->dataset, dataset);

  /* A scenario written for another dataset may name alliances, countries
   * or years this one lacks: then start afresh. */
  if (!ls_scenario_validate (self->scenario, self->dataset, &error))
    {
      g_autoptr(LsScenario) fresh = ls_scenario_new ();

      g_debug ("Scenario does not fit the dataset: %s", error->message);
      self->restoring = TRUE;
      ls_scenario_assign (self->scenario, fresh);
      self->restoring = FALSE;
      g_clear_object (&self->scenario_file);
    }

  rebuild_scenario_actions (self);
  rebuild_years (self);
  rebuild_map_stages (self);
  ls_sidebar_set_model (self->sidebar, self->dataset, self->scenario);
  clear_history (self);
  _ls_window_recompute (self);
  sync_view_options (self);
}

void
_ls_window_add_slide (LsWindow *self,
                      GFile    *file)
{
  for (guint i = 0; i < self->slides->len; i++)
    if (g_file_equal (g_ptr_array_index (self->slides, i), file))
      {
        self->slide_index = i;
        return;
      }

  g_ptr_array_add (self->slides, g_object_ref (file));
  self->slide_index = self->slides->len - 1;
}

static gboolean
load_scenario_file (LsWindow  *self,
                    GFile     *file,
                    GError   **error)
{
  g_autoptr(LsScenario) scenario = NULL;

  scenario = ls_scenario_new_from_file (file, NULL, error);
  if (scenario == NULL)
    return FALSE;
  if (!ls_scenario_validate (scenario, self->dataset, error))
    return FALSE;

  _ls_window_add_slide (self, file);
  g_clear_object (&self->scenario_file);
  if (!is_preset (file))
    self->scenario_file = g_object_ref (file);

  if (self->settings != NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_settings_set_string (self->settings, "last-scenario", uri);
    }

  if (ls_scenario_equal (self->scenario, scenario))
    _ls_window_recompute (self);
  else
    ls_scenario_assign (self->scenario, scenario);

  return TRUE;
}

/**
 * ls_window_open_scenario_file:
 * @self: a window
 * @file: a scenario file
 *
 * Loads @file as the current scenario (one undo step) and adds it to the
 * slides. Shows an error dialog when it cannot be read.
 *
 * Returns: %TRUE when the scenario was loaded
 */
gboolean
ls_window_open_scenario_file (LsWindow *self,
                              GFile    *file)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (LS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!load_scenario_file (self, file, &error))
    {
      _ls_window_show_error (self, _("Could Not Open Scenario"), error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * ls_window_open_dataset_file:
 * @self: a window
 * @file: a dataset file
 * @error: return location for the validation error
 *
 * Replaces the dataset with @file. When @file is not a valid dataset, the
 * error (naming FILE:LINE:COLUMN and the JSON path) is shown in a dialog
 * and the window keeps its current dataset.
 *
 * Returns: %TRUE when the dataset was replaced
 */
gboolean
ls_window_open_dataset_file (LsWindow  *self,
                             GFile     *file,
                             GError   **error)
{
  g_autoptr(LsDataset) dataset = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (LS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  dataset = ls_dataset_new_from_file (file, NULL, &local_error);
  if (dataset == NULL)
    {
      _ls_window_show_error (self, _("Could Not Open Dataset"), local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  _ls_window_set_dataset (self, dataset);

  if (self->settings != NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_settings_set_string (self->settings, "last-dataset", uri);
    }

  {
    const char *title = ls_dataset_get_title (dataset);
    g_autofree char *message = g_strdup_printf (_("Opened dataset “%s”"),
                                                title != NULL ? title : g_file_peek_path (file));

    _ls_window_toast (self, message);
  }

  return TRUE;
}

/* Export ----------------------------------------------------------------- */

/* What an export draws: the map, with its options, when it is shown; else
 * the flows. */
static LsExportView
get_export_view (LsWindow     *self,
                 LsMapOptions *options)
{
  ls_map_options_init (options);

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "map") != 0)
    return LS_EXPORT_SANKEY;

  options->metric = ls_map_view_get_metric (LS_MAP_VIEW (self->map_view));
  options->stage = ls_map_view_get_stage (LS_MAP_VIEW (self->map_view));
  options->show_arcs = ls_map_view_get_show_arcs (LS_MAP_VIEW (self->map_view));

  return LS_EXPORT_MAP;
}

/* What the export dialog needs: the view shown (the map, else the flows),
 * the map's options and the window's figure style. */
void
_ls_window_get_export_setup (LsWindow      *self,
                             LsExportView  *view,
                             LsMapOptions  *map,
                             LsRenderStyle *style)
{
  *view = get_export_view (self, map);
  fill_render_style (self, style, FALSE, 1.0);
}

GBytes *
_ls_window_render_figure (LsWindow        *self,
                          LsExportFormat   format,
                          GError         **error)
{
  LsRenderStyle style;
  LsMapOptions map;
  LsExportOptions options;

  ls_export_options_init (&options, get_export_view (self, &map), format);
  options.map = map;
  options.width = FIGURE_WIDTH;
  options.height = FIGURE_HEIGHT;

  /* Exports are documents: always the light style, at normal size. */
  fill_render_style (self, &style, FALSE, 1.0);

  return ls_export_to_bytes (self->result, self->scenario, &style, &options, error);
}

static gboolean
save_bytes (GFile   *file,
            GBytes  *bytes,
            GError **error)
{
  /* g_file_replace_contents writes a temporary file and renames it. */
  return g_file_replace_contents (file,
                                  g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}

/* Signal callbacks ------------------------------------------------------- */

static void
on_year_selected_cb (LsWindow *self)
{
  guint position = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->year_dropdown));
  guint n_years;
  const int *years = ls_dataset_get_years (self->dataset, &n_years);

  if (self->syncing_year || position >= n_years)
    return;

  ls_scenario_set_year (self->scenario, years[position]);
  if (self->settings != NULL)
    g_settings_set_int (self->settings, "year", years[position]);
}

static void
on_country_activated_cb (GtkWidget  *view,
                         const char *country,
                         LsWindow   *self)
{
  if (country != NULL)
    ls_scenario_toggle_member (self->scenario, self->dataset, country);
}

static void
on_dark_changed_cb (LsWindow *self)
{
  update_render_style (self);
}

static void
on_settings_changed_cb (GSettings  *settings,
                        const char *key,
                        LsWindow   *self)
{
  if (g_str_equal (key, "label-mode") || g_str_equal (key, "other-threshold") ||
      g_str_equal (key, "sankey-color-by"))
    update_render_style (self);
  if (g_str_equal (key, "map-metric") || g_str_equal (key, "map-stage") ||
      g_str_equal (key, "sankey-color-by"))
    sync_view_options (self);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   LsWindow              *self)
{
  if (!self->presenting)
    return GDK_EVENT_PROPAGATE;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Page_Down:
    case GDK_KEY_Right:
    case GDK_KEY_space:
    case GDK_KEY_KP_Page_Down:
      ls_window_step_slide (self, 1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Page_Up:
    case GDK_KEY_Left:
    case GDK_KEY_BackSpace:
    case GDK_KEY_KP_Page_Up:
      ls_window_step_slide (self, -1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Escape:
      ls_window_set_presenting (self, FALSE);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

/* View options: the map's colouring, stage and arcs, and the flow
 * colouring. The settings hold them when there are settings; the
 * dropdowns and the views follow. */
static const char *map_metrics[] = { "share", "dependency", "membership", NULL };
static const char *color_bys[] = { "membership", "origin", NULL };
static const char * const schema_stages[] = { "mining", "separation", "metal", "magnets", "use", NULL };

static guint
nick_index (const char * const *nicks,
            const char         *nick)
{
  for (guint i = 0; nicks[i] != NULL; i++)
    if (g_strcmp0 (nicks[i], nick) == 0)
      return i;

  return 0;
}

static void
rebuild_map_stages (LsWindow *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint s = 0; s < ls_dataset_get_n_stages (self->dataset); s++)
    gtk_string_list_append (list, ls_dataset_get_stage_name (self->dataset, s));

  self->syncing_options = TRUE;
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->map_stage_dropdown), G_LIST_MODEL (list));
  self->syncing_options = FALSE;
}

static void
sync_view_options (LsWindow *self)
{
  self->syncing_options = TRUE;

  if (self->map_view != NULL)
    {
      if (self->settings != NULL)
        {
          g_autofree char *metric = g_settings_get_string (self->settings, "map-metric");
          g_autofree char *stage = g_settings_get_string (self->settings, "map-stage");
          int index = ls_dataset_lookup_stage (self->dataset, stage);

          ls_map_view_set_metric (LS_MAP_VIEW (self->map_view), (LsMapMetric) nick_index (map_metrics, metric));
          if (index >= 0)
            ls_map_view_set_stage (LS_MAP_VIEW (self->map_view), index);
        }

      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->map_metric_dropdown),
                                  ls_map_view_get_metric (LS_MAP_VIEW (self->map_view)));
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->map_stage_dropdown),
                                  ls_map_view_get_stage (LS_MAP_VIEW (self->map_view)));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (self->map_arcs_check),
                                   ls_map_view_get_show_arcs (LS_MAP_VIEW (self->map_view)));
    }

  if (self->settings != NULL)
    {
      g_autofree char *color_by = g_settings_get_string (self->settings, "sankey-color-by");

      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->color_by_dropdown), nick_index (color_bys, color_by));
    }

  self->syncing_options = FALSE;
}

static void
on_map_metric_selected_cb (LsWindow *self)
{
  guint metric = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->map_metric_dropdown));

  if (self->syncing_options || metric >= G_N_ELEMENTS (map_metrics) - 1)
    return;

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "map-metric", map_metrics[metric]);
  else if (self->map_view != NULL)
    ls_map_view_set_metric (LS_MAP_VIEW (self->map_view), (LsMapMetric) metric);
}

static void
on_map_stage_selected_cb (LsWindow *self)
{
  guint stage = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->map_stage_dropdown));
  const char *id;

  if (self->syncing_options || stage >= ls_dataset_get_n_stages (self->dataset))
    return;

  /* The schema only allows the built-in stage ids. */
  id = ls_dataset_get_stage_id (self->dataset, stage);
  if (self->settings != NULL && g_strv_contains (schema_stages, id))
    g_settings_set_string (self->settings, "map-stage", id);
  else if (self->map_view != NULL)
    ls_map_view_set_stage (LS_MAP_VIEW (self->map_view), stage);
}

static void
on_map_arcs_toggled_cb (LsWindow *self)
{
  if (self->syncing_options)
    return;

  if (self->map_view != NULL)
    ls_map_view_set_show_arcs (LS_MAP_VIEW (self->map_view),
                               gtk_check_button_get_active (GTK_CHECK_BUTTON (self->map_arcs_check)));
}

static void
on_color_by_selected_cb (LsWindow *self)
{
  guint color_by = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->color_by_dropdown));

  if (self->syncing_options || color_by >= G_N_ELEMENTS (color_bys) - 1)
    return;

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "sankey-color-by", color_bys[color_by]);
  else
    update_render_style (self);
}

/* The map may change its own options (from its keyboard shortcuts, say). */
static void
on_map_options_changed_cb (LsWindow *self)
{
  guint metric;
  guint stage;
  const char *id;

  if (self->syncing_options || self->dataset == NULL)
    return;

  metric = ls_map_view_get_metric (LS_MAP_VIEW (self->map_view));
  stage = ls_map_view_get_stage (LS_MAP_VIEW (self->map_view));
  id = stage < ls_dataset_get_n_stages (self->dataset) ? ls_dataset_get_stage_id (self->dataset, stage) : NULL;

  if (self->settings != NULL)
    {
      if (metric < G_N_ELEMENTS (map_metrics) - 1)
        g_settings_set_string (self->settings, "map-metric", map_metrics[metric]);
      if (id != NULL && g_strv_contains (schema_stages, id))
        g_settings_set_string (self->settings, "map-stage", id);
    }

  sync_view_options (self);
}

static void
build_views (LsWindow *self)
{
  self->map_view = ls_map_view_new ();
  g_signal_connect (self->map_view, "country-activated", G_CALLBACK (on_country_activated_cb), self);
  adw_bin_set_child (ADW_BIN (self->map_bin), self->map_view);

  /* A click on the diagram explains; its node menu changes the bloc
   * through "scenario.toggle-member", and drags pin nodes in the
   * scenario. */
  self->sankey_view = ls_sankey_view_new ();
  ls_sankey_view_set_scenario (LS_SANKEY_VIEW (self->sankey_view), self->scenario);
  adw_bin_set_child (ADW_BIN (self->flows_bin), self->sankey_view);

  gtk_widget_set_visible (self->map_toolbar, self->map_view != NULL);
  gtk_widget_set_visible (self->flows_toolbar, self->sankey_view != NULL);

  /* Hover and selection are shared between the views. */
  if (self->map_view != NULL && self->sankey_view != NULL)
    g_object_bind_property (self->map_view, "highlight-country",
                            self->sankey_view, "highlight-country",
                            G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

/* Settings --------------------------------------------------------------- */

static void
restore_state (LsWindow *self)
{
  g_autoptr(LsDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dataset_uri = NULL;
  g_autofree char *scenario_uri = NULL;
  g_autofree char *view = NULL;
  g_autoptr(GFile) scenario_file = NULL;

  if (self->settings != NULL)
    {
      int width = g_settings_get_int (self->settings, "window-width");
      int height = g_settings_get_int (self->settings, "window-height");

      gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 640), MAX (height, 480));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));

      g_object_set (self, "sidebar-visible", g_settings_get_boolean (self->settings, "sidebar-visible"), NULL);
      view = g_settings_get_string (self->settings, "last-view");
      dataset_uri = g_settings_get_string (self->settings, "last-dataset");
      scenario_uri = g_settings_get_string (self->settings, "last-scenario");
    }

  if (dataset_uri != NULL && dataset_uri[0] != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_uri (dataset_uri);

      dataset = ls_dataset_new_from_file (file, NULL, &error);
      if (dataset == NULL)
        {
          g_message ("Using the built-in dataset: %s", error->message);
          g_clear_error (&error);
        }
    }
  if (dataset == NULL)
    dataset = ls_dataset_new_default (&error);
  if (dataset == NULL)
    g_error ("The built-in dataset is broken: %s", error->message);

  self->dataset = g_object_ref (dataset);
  rebuild_scenario_actions (self);
  rebuild_years (self);
  rebuild_map_stages (self);
  ls_sidebar_set_model (self->sidebar, self->dataset, self->scenario);

  /* The last scenario, else the first preset; its year, else the saved one. */
  if (scenario_uri != NULL && scenario_uri[0] != '\0')
    scenario_file = g_file_new_for_uri (scenario_uri);
  else
    scenario_file = _ls_window_preset_file (0);

  self->restoring = TRUE;
  if (!load_scenario_file (self, scenario_file, &error))
    {
      g_message ("Cannot restore the last scenario: %s", error->message);
      g_clear_error (&error);
    }
  /* The year last shown wins over the scenario file's. */
  if (self->settings != NULL)
    {
      int year = g_settings_get_int (self->settings, "year");

      if (ls_dataset_has_year (self->dataset, year))
        ls_scenario_set_year (self->scenario, year);
    }
  self->restoring = FALSE;

  clear_history (self);
  _ls_window_recompute (self);

  if (view != NULL && adw_view_stack_get_child_by_name (self->view_stack, view) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, view);
}

static gboolean
ls_window_close_request (GtkWindow *window)
{
  LsWindow *self = LS_WINDOW (window);

  if (self->settings != NULL)
    {
      int width;
      int height;

      gtk_window_get_default_size (window, &width, &height);
      if (!gtk_window_is_maximized (window) && !gtk_window_is_fullscreen (window) && width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      if (self->result != NULL)
        g_settings_set_int (self->settings, "year", ls_result_get_year (self->result));
      g_settings_set_string (self->settings, "last-view",
                             adw_view_stack_get_visible_child_name (self->view_stack));
      if (!self->presenting)
        g_settings_set_boolean (self->settings, "sidebar-visible", self->sidebar_visible);
    }

  return GTK_WINDOW_CLASS (ls_window_parent_class)->close_request (window);
}

/* GObject ---------------------------------------------------------------- */

static void
ls_window_dispose (GObject *object)
{
  LsWindow *self = LS_WINDOW (object);

  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_destroy (self->file_chooser);
      g_clear_object (&self->file_chooser);
    }

  if (self->scenario != NULL)
    g_signal_handlers_disconnect_by_data (self->scenario, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->scenario_actions);

  G_OBJECT_CLASS (ls_window_parent_class)->dispose (object);
}

static void
ls_window_finalize (GObject *object)
{
  LsWindow *self = LS_WINDOW (object);

  g_clear_pointer (&self->result, ls_result_unref);
  g_clear_pointer (&self->baseline, ls_result_unref);
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->slides, g_ptr_array_unref);
  g_clear_object (&self->scenario_file);
  g_clear_object (&self->snapshot);
  g_clear_object (&self->scenario);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (ls_window_parent_class)->finalize (object);
}

static void
ls_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LsWindow *self = LS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_VISIBLE:
      g_value_set_boolean (value, self->sidebar_visible);
      break;
    case PROP_PRESENTING:
      g_value_set_boolean (value, ls_window_get_presenting (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  LsWindow *self = LS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_VISIBLE:
      {
        gboolean visible = g_value_get_boolean (value);

        if (self->sidebar_visible == visible)
          break;
        self->sidebar_visible = visible;
        gtk_widget_set_visible (GTK_WIDGET (self->sidebar), visible && !self->presenting);
        g_object_notify_by_pspec (object, pspec);
      }
      break;
    case PROP_PRESENTING:
      ls_window_set_presenting (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_window_class_init (LsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ls_window_dispose;
  object_class->finalize = ls_window_finalize;
  object_class->get_property = ls_window_get_property;
  object_class->set_property = ls_window_set_property;

  window_class->close_request = ls_window_close_request;

  properties[PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PRESENTING] =
    g_param_spec_boolean ("presenting", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LS_TYPE_PRESENTER_VIEW);
  g_type_ensure (LS_TYPE_SHARE_PANEL);
  g_type_ensure (LS_TYPE_SIDEBAR);
  g_type_ensure (LS_TYPE_TABLE_VIEW);

  ls_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, LS_RESOURCE_PATH "/ui/ls-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LsWindow, color_by_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, flows_bin);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, flows_toolbar);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, header_revealer);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, map_arcs_check);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, map_bin);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, map_metric_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, map_stage_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, map_toolbar);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, presenter_revealer);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, presenter_view);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, share_panel);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, table_view);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, year_dropdown);

  _ls_window_class_install_actions (widget_class);
}

static void
ls_window_init (LsWindow *self)
{
  GtkEventController *keys;

  self->sidebar_visible = TRUE;
  self->slide_index = G_MAXUINT;

  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  self->settings = ls_application_new_settings ();
  self->scenario = ls_scenario_new ();
  ls_table_view_set_scenario (self->table_view, self->scenario);
  self->undo_stack = g_ptr_array_new_with_free_func (g_object_unref);
  self->redo_stack = g_ptr_array_new_with_free_func (g_object_unref);
  self->slides = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (preset_files); i++)
    g_ptr_array_add (self->slides, _ls_window_preset_file (i));

  self->scenario_actions = g_simple_action_group_new ();
  gtk_widget_insert_action_group (GTK_WIDGET (self), "scenario", G_ACTION_GROUP (self->scenario_actions));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  build_views (self);
  update_render_style (self);

  restore_state (self);
  sync_view_options (self);
  g_signal_connect_object (self->map_metric_dropdown, "notify::selected",
                           G_CALLBACK (on_map_metric_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map_stage_dropdown, "notify::selected",
                           G_CALLBACK (on_map_stage_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map_arcs_check, "toggled",
                           G_CALLBACK (on_map_arcs_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->color_by_dropdown, "notify::selected",
                           G_CALLBACK (on_color_by_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map_view, "notify::metric",
                           G_CALLBACK (on_map_options_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map_view, "notify::stage",
                           G_CALLBACK (on_map_options_changed_cb), self, G_CONNECT_SWAPPED);

  /* Connected after restoring, so that loading is not an undo step. */
  g_signal_connect_swapped (self->scenario, "changed", G_CALLBACK (on_scenario_changed_cb), self);
  g_signal_connect_object (self->year_dropdown, "notify::selected",
                           G_CALLBACK (on_year_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);
  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed_cb), self, 0);
      /* The only thing that may reach the network, and only when asked. */
      g_settings_bind (self->settings, "online-tiles", self->map_view, "online-tiles", G_SETTINGS_BIND_GET);
    }

  update_history_actions (self);
}

/* Public API ------------------------------------------------------------- */

LsWindow *
ls_window_new (LsApplication *application)
{
  return g_object_new (LS_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

LsDataset *
ls_window_get_dataset (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  return self->dataset;
}

/**
 * ls_window_get_scenario:
 *
 * Returns: (transfer none): the window's one scenario; edit it and every
 *   view follows
 */
LsScenario *
ls_window_get_scenario (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  return self->scenario;
}

LsResult *
ls_window_get_result (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  return self->result;
}

LsResult *
ls_window_get_baseline (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  return self->baseline;
}

LsSharePanel *
ls_window_get_share_panel (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  return self->share_panel;
}

LsSidebar *
ls_window_get_sidebar (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  return self->sidebar;
}

LsTableView *
ls_window_get_table_view (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  return self->table_view;
}

LsPresenterView *
ls_window_get_presenter_view (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  return self->presenter_view;
}

gboolean
ls_window_get_presenting (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), FALSE);

  return self->presenting;
}

/**
 * ls_window_set_presenting:
 * @self: a window
 * @presenting: whether to present
 *
 * Presenter mode: full screen, no sidebar or header bar, large type, and
 * the headline figures of the current slide above the views.
 */
void
ls_window_set_presenting (LsWindow *self,
                          gboolean  presenting)
{
  g_return_if_fail (LS_IS_WINDOW (self));

  presenting = !!presenting;
  if (self->presenting == presenting)
    return;

  self->presenting = presenting;

  if (presenting)
    {
      gtk_window_fullscreen (GTK_WINDOW (self));
      gtk_widget_add_css_class (GTK_WIDGET (self), "presenter");
      update_presenter (self);
    }
  else
    {
      gtk_window_unfullscreen (GTK_WINDOW (self));
      gtk_widget_remove_css_class (GTK_WIDGET (self), "presenter");
    }

  gtk_widget_set_visible (GTK_WIDGET (self->sidebar), self->sidebar_visible && !presenting);
  gtk_widget_set_visible (self->map_toolbar, self->map_view != NULL && !presenting);
  gtk_widget_set_visible (self->flows_toolbar, self->sankey_view != NULL && !presenting);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->header_revealer), !presenting);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->presenter_revealer), presenting);
  update_render_style (self);

  if (presenting)
    gtk_widget_grab_focus (GTK_WIDGET (self->view_stack));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTING]);
}

/**
 * ls_window_step_slide:
 * @self: a window
 * @delta: +1 for the next slide, -1 for the previous one
 *
 * Loads the next or previous of the slides: the shipped presets in order,
 * then the scenario files opened or saved in this session.
 */
void
ls_window_step_slide (LsWindow *self,
                      int       delta)
{
  guint n;
  guint next;

  g_return_if_fail (LS_IS_WINDOW (self));

  n = self->slides->len;
  if (n == 0)
    return;

  if (self->slide_index >= n)
    next = delta > 0 ? 0 : n - 1;
  else if (delta > 0)
    next = MIN (self->slide_index + 1, n - 1);
  else
    next = self->slide_index > 0 ? self->slide_index - 1 : 0;

  if (next == self->slide_index)
    return;

  ls_window_open_scenario_file (self, g_ptr_array_index (self->slides, next));
}

guint
ls_window_get_n_slides (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), 0);

  return self->slides->len;
}

gboolean
ls_window_can_undo (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), FALSE);

  return self->undo_stack->len > 0;
}

gboolean
ls_window_can_redo (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), FALSE);

  return self->redo_stack->len > 0;
}

/**
 * ls_window_export_figure:
 * @self: a window
 * @file: where to write; its extension (.png, .svg or .pdf) picks the format
 * @error: return location for an error
 *
 * Draws the figure of the current view (the map, else the flow diagram)
 * with the shared render code and writes it atomically.
 *
 * Returns: %TRUE on success
 */
gboolean
ls_window_export_figure (LsWindow  *self,
                         GFile     *file,
                         GError   **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (LS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  {
    g_autofree char *name = g_file_get_basename (file);
    LsExportFormat format;

    /* Without a known extension, a PNG. */
    if (!ls_export_format_from_filename (name, &format))
      format = LS_EXPORT_PNG;

    bytes = _ls_window_render_figure (self, format, error);
  }

  return bytes != NULL && save_bytes (file, bytes, error);
}

/**
 * ls_window_export_table:
 * @self: a window
 * @file: where to write the CSV
 * @error: return location for an error
 *
 * Writes the table view's rows, in their sorted order, as CSV.
 *
 * Returns: %TRUE on success
 */
gboolean
ls_window_export_table (LsWindow  *self,
                        GFile     *file,
                        GError   **error)
{
  g_autofree char *csv = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (LS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  csv = ls_table_view_to_csv (self->table_view);
  bytes = g_bytes_new (csv, strlen (csv));

  return save_bytes (file, bytes, error);
}
