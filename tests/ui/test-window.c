/* test-window.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ls-country-picker.h"
#include "ls-alliance-text.h"
#include "ls-application.h"
#include "ls-country-search.h"
#include "ls-export-dialog.h"
#include "ls-map-view.h"
#include "ls-member-row.h"
#include "ls-row.h"
#include "ls-sankey-view.h"
#include "ls-scenario-details.h"
#include "ls-scenario-text.h"
#include "ls-session-private.h"
#include "ls-window.h"
#include "ls-test-utils.h"
#include "ls-ui-test-utils.h"

static void
flush_events (void)
{
  ls_ui_test_flush ();
}

static LsWindow *
create_window (void)
{
  LsWindow *window = ls_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  flush_events ();

  return window;
}

static void
destroy_window (LsWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  flush_events ();
  g_assert_finalize_object (window);
}

/* The separation dependency `lodestone-cli shares --format json` prints,
 * or a negative number when the CLI is not available. */
static double
cli_separation_dependency (const char *alliance)
{
  const char *args[] = { "shares", "--format", "json", "--alliance", alliance, NULL };
  g_autoptr(JsonNode) root = ls_test_run_cli_json (args);
  JsonObject *stage;

  if (root == NULL)
    return -1.0;

  stage = ls_test_cli_stage (root, "separation");
  return json_object_get_double_member (json_object_get_object_member (stage, "dependency"), "non_bloc_share");
}

static void
test_alliance_switch (void)
{
  LsWindow *window = create_window ();
  LsDataset *dataset = ls_window_get_dataset (window);
  LsSharePanel *panel = ls_window_get_share_panel (window);
  GtkWidget *toggle = ls_sidebar_get_alliance_switch (ls_window_get_sidebar (window), "msp");
  guint separation = ls_test_stage_index (dataset, "separation");
  g_autoptr(LsScenario) expected_scenario = ls_scenario_new ();
  g_autoptr(LsResult) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_text = NULL;
  double expected_dependency;
  double shown;
  double cli;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-scenario", NULL);
  flush_events ();
  g_assert_cmpuint (ls_result_get_n_members (ls_window_get_result (window)), ==, 0);
  g_assert_false (ls_share_panel_get_dependency (panel, separation, NULL));
  g_assert_nonnull (toggle);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));

  /* Click the switch as a user would. */
  gtk_widget_activate (toggle);
  flush_events ();
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_true (ls_scenario_has_alliance (ls_window_get_scenario (window), "msp"));

  ls_scenario_set_alliance (expected_scenario, "msp", TRUE);
  expected = ls_result_new (dataset, expected_scenario, &error);
  g_assert_no_error (error);
  g_assert_true (ls_result_get_dependency (expected, separation, &expected_dependency));

  g_assert_true (ls_share_panel_get_dependency (panel, separation, &shown));
  g_assert_cmpfloat_with_epsilon (shown, expected_dependency, 1e-12);
  g_assert_cmpuint (ls_result_get_n_members (ls_window_get_result (window)), ==,
                    ls_result_get_n_members (expected));

  expected_text = g_strdup_printf ("%.1f %%", 100.0 * expected_dependency);
  g_assert_cmpstr (ls_share_panel_get_dependency_text (panel, separation), ==, expected_text);

  cli = cli_separation_dependency ("msp");
  if (cli >= 0.0)
    g_assert_cmpfloat_with_epsilon (shown, cli, 1e-9);
  else
    g_test_message ("LODESTONE_CLI is not set: compared with ls_result_new() only");

  /* The action and the switch are one: switching off via the action. */
  gtk_widget_activate_action (GTK_WIDGET (window), "scenario.alliance-msp", NULL);
  flush_events ();
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_false (ls_share_panel_get_dependency (panel, separation, NULL));

  destroy_window (window);
}

/* Issue 12: the alliance rows are LsRows, laid out by a grid. As the
 * AdwActionRows they replace, activating a row (Enter, a click beside the
 * switch) flips its switch, and the row, the switch and the screen reader
 * take their names from the row's title. */
static void
test_alliance_row (void)
{
  LsWindow *window = create_window ();
  LsSidebar *sidebar = ls_window_get_sidebar (window);
  GtkWidget *row = ls_sidebar_get_alliance_row (sidebar, "quad");
  GtkWidget *toggle = ls_sidebar_get_alliance_switch (sidebar, "quad");
  GtkWidget *list;
  g_autofree char *members = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-scenario", NULL);
  flush_events ();
  g_assert_true (LS_IS_ROW (row));
  g_assert_true (ls_row_get_control (LS_ROW (row)) == toggle);
  g_assert_cmpstr (ls_row_get_title (LS_ROW (row)), ==, "Quad");
  g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));

  list = gtk_widget_get_parent (row);
  g_signal_emit_by_name (list, "row-activated", row);
  flush_events ();
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_true (ls_scenario_has_alliance (ls_window_get_scenario (window), "quad"));

  /* The subtitle follows the scenario: the Quad's four members. */
  members = ls_alliance_text_subtitle (ls_window_get_dataset (window),
                                       ls_dataset_lookup_alliance (ls_window_get_dataset (window), "quad"),
                                       ls_window_get_scenario (window));
  g_assert_cmpstr (ls_row_get_subtitle (LS_ROW (row)), ==, members);

  g_signal_emit_by_name (list, "row-activated", row);
  flush_events ();
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_false (ls_scenario_has_alliance (ls_window_get_scenario (window), "quad"));

  destroy_window (window);
}

static void
test_member_toggle (void)
{
  LsWindow *window = create_window ();
  LsSidebar *sidebar = ls_window_get_sidebar (window);
  GtkWidget *row;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-scenario", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "scenario.alliance-msp", NULL);
  flush_events ();

  row = ls_sidebar_get_member_row (sidebar, "KOR");
  g_assert_nonnull (row);
  g_assert_true (ls_member_row_get_member (LS_MEMBER_ROW (row)));

  /* Its tooltip names its alliances, given when asked for (issue 12). */
  {
    LsDataset *data = ls_window_get_dataset (window);
    g_autofree char *memberships = ls_alliance_text_memberships (data, ls_dataset_lookup_country (data, "KOR"));

    g_assert_nonnull (memberships);
    g_assert_cmpstr (ls_member_row_get_memberships (LS_MEMBER_ROW (row)), ==, memberships);
    g_assert_true (gtk_widget_get_has_tooltip (row));
  }

  /* Korea is in the MSP: toggling removes it by hand. */
  ls_member_row_toggle (LS_MEMBER_ROW (row));
  flush_events ();
  g_assert_false (ls_member_row_get_member (LS_MEMBER_ROW (row)));
  g_assert_cmpint (ls_scenario_get_membership (ls_window_get_scenario (window), "KOR"), ==,
                   LS_MEMBERSHIP_REMOVED);
  /* MSP had 14 partners in 2024 (Belgium joined in 2025). */
  g_assert_cmpuint (ls_result_get_n_members (ls_window_get_result (window)), ==, 13);

  /* Vietnam is not: the action adds it by hand. */
  gtk_widget_activate_action (GTK_WIDGET (window), "scenario.toggle-member", "s", "VNM");
  flush_events ();
  g_assert_true (ls_member_row_get_member (LS_MEMBER_ROW (ls_sidebar_get_member_row (sidebar, "VNM"))));
  g_assert_cmpint (ls_scenario_get_membership (ls_window_get_scenario (window), "VNM"), ==,
                   LS_MEMBERSHIP_ADDED);
  g_assert_cmpuint (ls_result_get_n_members (ls_window_get_result (window)), ==, 14);

  destroy_window (window);
}

/* Sends a key press through the window's own key controllers, as the
 * keyboard (or a presentation clicker) would. */
static gboolean
press_key (LsWindow *window,
           guint     keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
    }
  flush_events ();

  return handled;
}

static void
test_presets (void)
{
  LsWindow *window = create_window ();
  LsDataset *dataset = ls_window_get_dataset (window);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios",
                                                 "04-diversify-us-vietnam-laos.json", NULL);
  g_autofree char *path3 = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios",
                                                  "03-china-withholds-magnets.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) file3 = g_file_new_for_path (path3);
  g_autoptr(LsScenario) last = NULL;
  g_autoptr(LsScenario) third = NULL;
  g_autoptr(LsResult) expected = NULL;
  g_autoptr(GError) error = NULL;
  guint separation = ls_test_stage_index (dataset, "separation");
  double expected_dependency;
  double shown;

  last = ls_scenario_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  third = ls_scenario_new_from_file (file3, NULL, &error);
  g_assert_no_error (error);

  /* A fresh window opens on the first preset. */
  g_assert_cmpstr (ls_scenario_get_name (ls_window_get_scenario (window)), ==, "Baseline 2024");
  g_assert_cmpuint (ls_window_get_n_slides (window), ==, 4);

  ls_window_set_presenting (window, TRUE);
  flush_events ();
  g_assert_true (ls_window_get_presenting (window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (ls_window_get_sidebar (window))));

  /* Page Down three times. */
  for (guint i = 0; i < 3; i++)
    g_assert_true (press_key (window, GDK_KEY_Page_Down));

  g_assert_cmpstr (ls_scenario_get_name (ls_window_get_scenario (window)), ==, ls_scenario_get_name (last));
  g_assert_true (ls_scenario_equal (ls_window_get_scenario (window), last));
  g_assert_cmpstr (ls_presenter_view_get_title (ls_window_get_presenter_view (window)), ==,
                   ls_scenario_get_name (last));
  g_assert_nonnull (strstr (ls_presenter_view_get_headline (ls_window_get_presenter_view (window)),
                            ls_share_panel_get_dependency_text (ls_window_get_share_panel (window),
                                                                separation)));

  expected = ls_result_new (dataset, last, &error);
  g_assert_no_error (error);
  g_assert_true (ls_result_get_dependency (expected, separation, &expected_dependency));
  g_assert_true (ls_share_panel_get_dependency (ls_window_get_share_panel (window), separation, &shown));
  g_assert_cmpfloat_with_epsilon (shown, expected_dependency, 1e-12);

  /* The last slide stays; Page Up (or a clicker's Left) goes back. */
  g_assert_true (press_key (window, GDK_KEY_space));
  g_assert_true (ls_scenario_equal (ls_window_get_scenario (window), last));
  g_assert_true (press_key (window, GDK_KEY_Left));
  g_assert_true (ls_scenario_equal (ls_window_get_scenario (window), third));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-slide", NULL);
  flush_events ();
  g_assert_true (ls_scenario_equal (ls_window_get_scenario (window), last));

  /* Escape leaves presenter mode; then the keys are the widgets' again. */
  g_assert_true (press_key (window, GDK_KEY_Escape));
  g_assert_false (ls_window_get_presenting (window));
  g_assert_false (press_key (window, GDK_KEY_Page_Up));
  g_assert_true (ls_scenario_equal (ls_window_get_scenario (window), last));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (ls_window_get_sidebar (window))));

  destroy_window (window);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();

  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (item))
        return ADW_MESSAGE_DIALOG (item);
    }

  return NULL;
}

static void
test_broken_dataset (void)
{
  LsWindow *window = create_window ();
  LsDataset *before = ls_window_get_dataset (window);
  LsResult *result_before = ls_window_get_result (window);
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GFile) file = g_file_new_tmp ("lodestone-broken-XXXXXX.json", &stream, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  const char *broken = "{\n  \"format\": \"lodestone-dataset\",\n  \"version\": 1,\n  \"stages\": [ }\n";
  AdwMessageDialog *dialog;

  g_assert_nonnull (file);
  g_file_replace_contents (file, broken, strlen (broken), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (find_message_dialog ());

  g_assert_false (ls_window_open_dataset_file (window, file, &error));
  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_PARSE);
  basename = g_file_get_basename (file);
  g_assert_nonnull (strstr (error->message, basename));
  flush_events ();

  /* The error is shown, and the old data stays in use. */
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), basename));
  g_assert_true (ls_window_get_dataset (window) == before);
  g_assert_true (ls_window_get_result (window) == result_before);
  g_assert_true (ls_share_panel_get_result (ls_window_get_share_panel (window)) == result_before);

  gtk_window_destroy (GTK_WINDOW (dialog));
  flush_events ();
  g_file_delete (file, NULL, NULL);

  destroy_window (window);
}

/* The session's clock in tests: edits are as close together as the test
 * says, however slowly the machine runs them. */
static gint64
test_clock (gpointer user_data)
{
  return *(gint64 *) user_data;
}

static void
test_undo_redo (void)
{
  LsWindow *window = create_window ();
  LsScenario *scenario = ls_window_get_scenario (window);
  g_autoptr(LsScenario) start = NULL;
  gint64 now = 0;

  _ls_session_set_clock (ls_window_get_session (window), test_clock, &now);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-scenario", NULL);
  flush_events ();
  start = ls_scenario_copy (scenario);

  gtk_widget_activate_action (GTK_WIDGET (window), "scenario.alliance-msp", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "scenario.toggle-member", "s", "VNM");
  flush_events ();
  /* MSP's 14 partners of 2024, and Vietnam. */
  g_assert_cmpuint (ls_result_get_n_members (ls_window_get_result (window)), ==, 15);
  g_assert_true (ls_window_can_undo (window));
  g_assert_false (ls_window_can_redo (window));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  flush_events ();
  g_assert_cmpuint (ls_result_get_n_members (ls_window_get_result (window)), ==, 14);
  g_assert_true (ls_window_can_redo (window));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  flush_events ();
  g_assert_true (ls_scenario_equal (scenario, start));
  g_assert_cmpuint (ls_result_get_n_members (ls_window_get_result (window)), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  flush_events ();
  g_assert_cmpuint (ls_result_get_n_members (ls_window_get_result (window)), ==, 15);
  g_assert_false (ls_window_can_redo (window));

  /* Dragging the friend-shoring scale is one step; a new edit clears redo. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  flush_events ();
  g_assert_true (ls_window_can_redo (window));
  now += 10 * G_USEC_PER_SEC;
  ls_scenario_set_friend_shoring (scenario, 0.1);
  now += 100 * G_TIME_SPAN_MILLISECOND;
  ls_scenario_set_friend_shoring (scenario, 0.2);
  now += 100 * G_TIME_SPAN_MILLISECOND;
  ls_scenario_set_friend_shoring (scenario, 0.3);
  flush_events ();
  g_assert_false (ls_window_can_redo (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  flush_events ();
  g_assert_cmpfloat (ls_scenario_get_friend_shoring (scenario), ==, 0.0);
  g_assert_cmpuint (ls_result_get_n_members (ls_window_get_result (window)), ==, 14);

  destroy_window (window);
}

static void
test_table (void)
{
  LsWindow *window = create_window ();
  LsTableView *table = ls_window_get_table_view (window);
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_rows = ls_table_view_get_n_rows (table);

  g_assert_cmpuint (n_rows, >, 10);
  csv = ls_table_view_to_csv (table);
  lines = g_strsplit (csv, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "stage,country,iso3,output_t,"));
  g_assert_cmpuint (g_strv_length (lines), ==, n_rows + 2);
  g_assert_nonnull (strstr (csv, ",CHN,"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "table");
  flush_events ();

  destroy_window (window);
}

static GtkWidget *
find_widget_by_type_name (GtkWidget  *root,
                          const char *type_name)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (root), type_name))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_by_type_name (child, type_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_linked_views (void)
{
  LsWindow *window = create_window ();
  GtkWidget *sankey = find_widget_by_type_name (GTK_WIDGET (window), "LsSankeyView");
  GtkWidget *map = find_widget_by_type_name (GTK_WIDGET (window), "LsMapView");
  g_autofree char *highlight = NULL;
  LsResult *result;

  g_assert_nonnull (sankey);
  g_assert_nonnull (map);

  /* Each view gets the window's one result. */
  result = ls_window_get_result (window);
  g_assert_true (ls_sankey_view_get_result (LS_SANKEY_VIEW (sankey)) == result);
  g_assert_true (ls_map_view_get_result (LS_MAP_VIEW (map)) == result);

  /* Hover in one view highlights the country in the other. */
  g_object_set (sankey, "highlight-country", "CHN", NULL);
  g_object_get (map, "highlight-country", &highlight, NULL);
  g_assert_cmpstr (highlight, ==, "CHN");

  /* Clicking a country toggles its membership, and every view follows. */
  g_assert_false (ls_result_is_member (result, ls_dataset_lookup_country (ls_window_get_dataset (window), "VNM")));
  g_signal_emit_by_name (map, "country-activated", "VNM");
  flush_events ();
  result = ls_window_get_result (window);
  g_assert_true (ls_result_is_member (result, ls_dataset_lookup_country (ls_window_get_dataset (window), "VNM")));
  g_assert_true (ls_sankey_view_get_result (LS_SANKEY_VIEW (sankey)) == result);
  g_assert_true (ls_map_view_get_result (LS_MAP_VIEW (map)) == result);
  g_assert_true (ls_share_panel_get_result (ls_window_get_share_panel (window)) == result);

  /* The diagram changes the bloc only from a node's menu, through the
   * window's action. */
  gtk_widget_activate_action (sankey, "scenario.toggle-member", "s", "VNM");
  flush_events ();
  g_assert_false (ls_result_is_member (ls_window_get_result (window),
                                       ls_dataset_lookup_country (ls_window_get_dataset (window), "VNM")));

  /* The map's and the diagram's options follow the settings. */
  {
    g_autoptr(GSettings) settings = g_settings_new ("io.github.lodestone.Lodestone");

    g_settings_set_string (settings, "map-stage", "separation");
    g_settings_set_string (settings, "map-metric", "dependency");
    g_settings_set_string (settings, "sankey-color-by", "origin");
    flush_events ();
    g_assert_cmpuint (ls_map_view_get_stage (LS_MAP_VIEW (map)), ==,
                      ls_test_stage_index (ls_window_get_dataset (window), "separation"));
    g_assert_cmpint (ls_map_view_get_metric (LS_MAP_VIEW (map)), ==, LS_MAP_METRIC_DEPENDENCY);
    g_assert_cmpint (ls_sankey_view_get_render_style (LS_SANKEY_VIEW (sankey))->color_by, ==,
                     LS_COLOR_BY_ORIGIN);

    g_settings_reset (settings, "map-stage");
    g_settings_reset (settings, "map-metric");
    g_settings_reset (settings, "sankey-color-by");
    flush_events ();
    g_assert_cmpint (ls_map_view_get_metric (LS_MAP_VIEW (map)), ==, LS_MAP_METRIC_SHARE);
  }

  destroy_window (window);
}

static void
test_export (void)
{
  LsWindow *window = create_window ();
  static const struct
  {
    const char *view;
    const char *name;
    const char *magic;
  } cases[] = {
    { "flows", "flows.png", "\x89PNG" },
    { "flows", "flows.svg", "<?xml" },
    { "map", "map.pdf", "%PDF" },
    { "map", "map.png", "\x89PNG" },
    { "table", "table.csv", "stage,country," },
  };
  g_autofree char *dir = g_dir_make_tmp ("lodestone-export-XXXXXX", NULL);

  g_assert_nonnull (dir);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, cases[i].name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize length = 0;
      gboolean ok;

      gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", cases[i].view);
      flush_events ();

      if (g_str_has_suffix (cases[i].name, ".csv"))
        ok = ls_window_export_table (window, file, &error);
      else
        ok = ls_window_export_figure (window, file, &error);
      g_assert_no_error (error);
      g_assert_true (ok);

      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (length, >, 1000);
      g_assert_true (memcmp (contents, cases[i].magic, strlen (cases[i].magic)) == 0);
      g_remove (path);
    }

  g_rmdir (dir);
  destroy_window (window);
}

static void
test_settings_restore (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.lodestone.Lodestone");
  g_autofree char *last_view = NULL;
  LsWindow *window;
  int width;
  int height;

  g_settings_set_string (settings, "last-view", "table");
  g_settings_set_boolean (settings, "sidebar-visible", FALSE);
  g_settings_set_int (settings, "window-width", 1000);
  g_settings_set_int (settings, "window-height", 700);
  g_settings_set_int (settings, "year", 2023);
  g_settings_set_string (settings, "last-scenario",
                         "resource:///io/github/lodestone/Lodestone/scenarios/02-korea-us-alliance.json");

  window = create_window ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (ls_window_get_sidebar (window))));
  g_assert_cmpstr (ls_scenario_get_name (ls_window_get_scenario (window)), ==, "Korea in the US-led alliance");
  g_assert_cmpint (ls_result_get_year (ls_window_get_result (window)), ==, 2023);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 700);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (ls_window_get_table_view (window))));

  /* Closing stores the state again. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "flows");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sidebar", NULL);
  flush_events ();
  g_object_ref (window);
  gtk_window_close (GTK_WINDOW (window));
  flush_events ();
  last_view = g_settings_get_string (settings, "last-view");
  g_assert_cmpstr (last_view, ==, "flows");
  g_assert_true (g_settings_get_boolean (settings, "sidebar-visible"));
  g_assert_finalize_object (window);

  g_settings_reset (settings, "last-view");
  g_settings_reset (settings, "sidebar-visible");
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "year");
  g_settings_reset (settings, "last-scenario");
}

static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();

  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (item, type) && gtk_widget_get_visible (GTK_WIDGET (item)))
        return GTK_WINDOW (item);
    }

  return NULL;
}

static void
destroy_dialogs (void)
{
  GtkWindow *dialog;

  while ((dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  flush_events ();
}

static GFile *
write_temp_file (const char *template,
                 const char *contents)
{
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  GFile *file = g_file_new_tmp (template, &stream, &error);

  g_assert_no_error (error);
  g_file_replace_contents (file, contents, strlen (contents), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);

  return file;
}

static char *
read_preset (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

/* Issue 9: the year slider moves through every year of the dataset, the
 * year menu with it, and the year's note is shown. */
static void
test_year_slider (void)
{
  LsWindow *window = create_window ();
  LsDataset *dataset = ls_window_get_dataset (window);
  GtkWidget *scale = ls_window_get_year_scale (window);
  GtkAdjustment *adjustment = gtk_range_get_adjustment (GTK_RANGE (scale));
  guint n_years;
  const int *years = ls_dataset_get_years (dataset, &n_years);
  gboolean saw_note = FALSE;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-scenario", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "scenario.alliance-msp", NULL);
  flush_events ();

  /* A stop per year, 2015–2025 in the shipped data. */
  g_assert_cmpuint (n_years, >=, 11);
  g_assert_cmpint (years[0], ==, 2015);
  g_assert_cmpint (years[n_years - 1], ==, 2025);
  g_assert_cmpfloat (gtk_adjustment_get_lower (adjustment), ==, 0);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==, n_years - 1);
  g_assert_cmpfloat (gtk_adjustment_get_step_increment (adjustment), ==, 1);

  for (guint i = 0; i < n_years; i++)
    {
      LsResult *result;
      const char *note;

      gtk_range_set_value (GTK_RANGE (scale), i);
      flush_events ();

      result = ls_window_get_result (window);
      g_assert_cmpint (ls_scenario_get_year (ls_window_get_scenario (window)), ==, years[i]);
      g_assert_cmpint (ls_result_get_year (result), ==, years[i]);
      for (guint s = 0; s < ls_result_get_n_stages (result); s++)
        g_assert_true (isfinite (ls_result_get_stage_total (result, s)));

      note = ls_window_get_year_note (window);
      if (ls_dataset_get_year_note (dataset, years[i]) != NULL)
        {
          g_autofree char *prefix = g_strdup_printf ("%d: ", years[i]);

          g_assert_nonnull (note);
          g_assert_true (g_str_has_prefix (note, prefix));
          g_assert_nonnull (strstr (note, ls_dataset_get_year_note (dataset, years[i])));
          saw_note = TRUE;
        }
      else
        g_assert_null (note);
    }
  g_assert_true (saw_note);

  /* A mid-way value snaps to a year; every year is one undo step. */
  gtk_range_set_value (GTK_RANGE (scale), 1.4);
  flush_events ();
  g_assert_cmpint (ls_scenario_get_year (ls_window_get_scenario (window)), ==, years[1]);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  flush_events ();
  g_assert_cmpint (ls_scenario_get_year (ls_window_get_scenario (window)), ==, years[n_years - 1]);
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (scale)), ==, n_years - 1);

  destroy_window (window);
}

/* Issue 9 and m9: alliances as of the year, or today; a hint when one had
 * no members yet. */
static void
test_members_as_of (void)
{
  LsWindow *window = create_window ();
  LsScenario *scenario = ls_window_get_scenario (window);
  LsSidebar *sidebar = ls_window_get_sidebar (window);
  const char *hint;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-scenario", NULL);
  ls_scenario_set_year (scenario, 2024);
  gtk_widget_activate_action (GTK_WIDGET (window), "scenario.alliance-msp", NULL);
  flush_events ();
  g_assert_cmpuint (ls_result_get_n_members (ls_window_get_result (window)), ==, 14);
  g_assert_null (ls_sidebar_get_alliance_hint (sidebar));

  /* Belgium joined the MSP in 2025: listed, not a member, and says so. */
  g_assert_cmpstr (ls_member_row_get_note (LS_MEMBER_ROW (ls_sidebar_get_member_row (sidebar, "BEL"))), ==,
                   "joins in 2025");
  g_assert_false (ls_member_row_get_member (LS_MEMBER_ROW (ls_sidebar_get_member_row (sidebar, "BEL"))));

  /* FORGE was founded in 2026: nothing changes on 2024's figures. */
  gtk_widget_activate_action (GTK_WIDGET (window), "scenario.alliance-forge", NULL);
  flush_events ();
  g_assert_true (ls_scenario_has_alliance (scenario, "forge"));
  g_assert_cmpuint (ls_result_get_n_members (ls_window_get_result (window)), ==, 14);
  hint = ls_sidebar_get_alliance_hint (sidebar);
  g_assert_nonnull (hint);
  g_assert_nonnull (strstr (hint, "FORGE"));
  g_assert_nonnull (strstr (hint, "2024"));

  /* Today's members on 2024's figures: Belgium is in, and the hint goes. */
  ls_scenario_set_current_members (scenario, TRUE);
  flush_events ();
  g_assert_cmpuint (ls_result_get_n_members (ls_window_get_result (window)), ==, 15);
  g_assert_cmpint (ls_result_get_year (ls_window_get_result (window)), ==, 2024);
  g_assert_null (ls_sidebar_get_alliance_hint (sidebar));
  g_assert_true (ls_member_row_get_member (LS_MEMBER_ROW (ls_sidebar_get_member_row (sidebar, "BEL"))));

  /* Why switching FORGE on changed nothing, in words. */
  {
    LsDataset *dataset = ls_window_get_dataset (window);
    g_autofree char *why = ls_alliance_text_no_change (dataset, ls_dataset_lookup_alliance (dataset, "forge"),
                                                       scenario, TRUE);

    g_assert_nonnull (strstr (why, "already in the bloc"));
    g_assert_nonnull (strstr (why, "South Korea"));
  }

  destroy_window (window);
}

static LsScenarioDetails *
open_details (LsWindow *window)
{
  GtkWindow *details;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.scenario-details", NULL);
  flush_events ();
  details = find_toplevel (LS_TYPE_SCENARIO_DETAILS);
  g_assert_nonnull (details);
  g_assert_true (gtk_window_get_transient_for (details) == GTK_WINDOW (window));

  return LS_SCENARIO_DETAILS (details);
}

/* B1: the title and description are edited in the window, the title marks
 * unsaved changes, and the slide and the file name follow. */
static void
test_scenario_details (void)
{
  LsWindow *window = create_window ();
  LsScenario *scenario = ls_window_get_scenario (window);
  LsScenarioDetails *details;
  g_autofree char *shown = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-preset", "u", 0);
  flush_events ();
  g_assert_false (ls_session_get_modified (ls_window_get_session (window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Baseline 2024 — Lodestone");

  /* The dialog shows what the scenario holds. */
  details = open_details (window);
  shown = ls_scenario_details_get_description (details);
  g_assert_cmpstr (shown, ==, ls_scenario_get_description (scenario));

  ls_scenario_details_set_text (details, "  Korea's magnet gap  ", "What a cut-off of Chinese magnets costs.");
  ls_scenario_details_apply (details);
  gtk_window_destroy (GTK_WINDOW (details));
  flush_events ();

  g_assert_cmpstr (ls_scenario_get_name (scenario), ==, "Korea's magnet gap");
  g_assert_cmpstr (ls_scenario_get_description (scenario), ==, "What a cut-off of Chinese magnets costs.");
  g_assert_true (ls_session_get_modified (ls_window_get_session (window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Korea's magnet gap — Lodestone");

  /* The slide carries it. */
  ls_window_set_presenting (window, TRUE);
  flush_events ();
  g_assert_cmpstr (ls_presenter_view_get_title (ls_window_get_presenter_view (window)), ==, "Korea's magnet gap");
  ls_window_set_presenting (window, FALSE);
  flush_events ();

  /* The user's own words survive an edit of the levers. */
  gtk_widget_activate_action (GTK_WIDGET (window), "scenario.toggle-member", "s", "VNM");
  flush_events ();
  g_assert_cmpstr (ls_scenario_get_description (scenario), ==, "What a cut-off of Chinese magnets costs.");

  /* Applying is one undo step: the levers' edit, then the words. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  flush_events ();
  g_assert_cmpstr (ls_scenario_get_name (scenario), ==, "Baseline 2024");
  g_assert_false (ls_session_get_modified (ls_window_get_session (window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Baseline 2024 — Lodestone");

  /* An empty description is described from the contents. */
  details = open_details (window);
  ls_scenario_details_set_text (details, "", "   ");
  ls_scenario_details_apply (details);
  gtk_window_destroy (GTK_WINDOW (details));
  flush_events ();
  g_assert_null (ls_scenario_get_name (scenario));
  g_assert_null (ls_scenario_get_description (scenario));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Untitled Scenario — Lodestone");

  destroy_window (window);
}

/* B1: a preset's description stops describing it once it is edited; one
 * made from its contents is shown instead, and undo brings both back. */
static void
test_derived_description (void)
{
  LsWindow *window = create_window ();
  LsScenario *scenario = ls_window_get_scenario (window);
  g_autoptr(LsScenario) preset = NULL;
  g_autofree char *description = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lodestone-b1-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "edited.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-scenario", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-preset", "u", 0);
  flush_events ();
  preset = ls_scenario_copy (scenario);
  g_assert_nonnull (strstr (ls_scenario_get_description (preset), "no levers"));

  /* One edit: a restriction. */
  g_assert_true (ls_sidebar_add_restriction (ls_window_get_sidebar (window), "magnets", "CHN", "bloc", 100));
  flush_events ();
  g_assert_null (ls_scenario_get_description (scenario));
  g_assert_cmpstr (ls_scenario_get_name (scenario), ==, "Baseline 2024");
  description = ls_scenario_text_description (scenario, ls_window_get_result (window));
  g_assert_true (g_str_has_prefix (description, "2024. Bloc: Minerals Security Partnership"));
  {
    g_autofree char *lever = ls_scenario_text_lever (ls_window_get_dataset (window),
                                                     ls_scenario_get_restriction (scenario, 0));

    g_assert_nonnull (strstr (description, lever));
  }
  g_assert_null (strstr (description, "no levers"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Baseline 2024 — Lodestone");

  /* The file saved says what the scenario is. */
  g_assert_true (ls_scenario_save_to_file (scenario, file, NULL, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (contents, "no levers"));

  /* The edit and its words are one undo step. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  flush_events ();
  g_assert_true (ls_scenario_equal (scenario, preset));
  g_assert_false (ls_session_get_modified (ls_window_get_session (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  flush_events ();
  g_assert_null (ls_scenario_get_description (scenario));
  g_assert_cmpuint (ls_scenario_get_n_restrictions (scenario), ==, 1);

  /* Opening a preset is one undo step too. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  flush_events ();
  g_assert_null (ls_scenario_get_name (scenario));
  g_assert_cmpuint (ls_result_get_n_members (ls_window_get_result (window)), ==, 0);

  g_remove (path);
  g_rmdir (dir);
  destroy_window (window);
}

static void
respond (const char *response)
{
  AdwMessageDialog *dialog = find_message_dialog ();

  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes?");
  adw_message_dialog_response (dialog, response);
  flush_events ();
  destroy_dialogs ();
}

static void
on_finalized_cb (gpointer  data,
                 GObject  *where)
{
  *(gboolean *) data = TRUE;
}

/* M7: nothing is lost without asking. */
static void
test_unsaved_changes (void)
{
  LsWindow *window = create_window ();
  LsScenario *scenario = ls_window_get_scenario (window);
  g_autofree char *preset1 = read_preset ("01-baseline-2024.json");
  g_autoptr(GFile) file = write_temp_file ("lodestone-m7-XXXXXX.json", preset1);
  g_autoptr(LsScenario) on_disk = NULL;
  g_autoptr(GError) error = NULL;
  gboolean finalized = FALSE;

  g_assert_true (ls_window_open_scenario_file (window, file));
  flush_events ();
  g_assert_false (ls_session_get_modified (ls_window_get_session (window)));

  /* Unchanged: New asks nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-scenario", NULL);
  flush_events ();
  g_assert_null (find_message_dialog ());
  g_assert_true (ls_window_open_scenario_file (window, file));
  flush_events ();

  /* Changed: New asks; Cancel keeps everything. */
  gtk_widget_activate_action (GTK_WIDGET (window), "scenario.toggle-member", "s", "VNM");
  flush_events ();
  g_assert_true (ls_session_get_modified (ls_window_get_session (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-scenario", NULL);
  flush_events ();
  g_assert_cmpint (ls_scenario_get_membership (scenario, "VNM"), ==, LS_MEMBERSHIP_ADDED);
  respond ("cancel");
  g_assert_cmpint (ls_scenario_get_membership (scenario, "VNM"), ==, LS_MEMBERSHIP_ADDED);
  g_assert_true (ls_session_get_modified (ls_window_get_session (window)));

  /* A preset: Discard loads it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-preset", "u", 1);
  flush_events ();
  g_assert_cmpint (ls_scenario_get_membership (scenario, "VNM"), ==, LS_MEMBERSHIP_ADDED);
  respond ("discard");
  g_assert_cmpstr (ls_scenario_get_name (scenario), ==, "Korea in the US-led alliance");
  g_assert_false (ls_session_get_modified (ls_window_get_session (window)));

  /* A file: Save writes the changes first, then opens the next. */
  g_assert_true (ls_window_open_scenario_file (window, file));
  flush_events ();
  gtk_widget_activate_action (GTK_WIDGET (window), "scenario.toggle-member", "s", "VNM");
  flush_events ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-preset", "u", 2);
  flush_events ();
  respond ("save");
  on_disk = ls_scenario_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ls_scenario_get_membership (on_disk, "VNM"), ==, LS_MEMBERSHIP_ADDED);
  g_assert_cmpstr (ls_scenario_get_name (scenario), ==, "China withholds magnets from the alliance");

  /* Presenter Page Down asks as well. */
  gtk_widget_activate_action (GTK_WIDGET (window), "scenario.alliance-g7", NULL);
  flush_events ();
  ls_window_set_presenting (window, TRUE);
  flush_events ();
  g_assert_true (press_key (window, GDK_KEY_Page_Down));
  g_assert_true (ls_scenario_has_alliance (scenario, "g7"));
  respond ("cancel");
  g_assert_true (ls_scenario_has_alliance (scenario, "g7"));
  ls_window_set_presenting (window, FALSE);
  flush_events ();

  /* Closing asks; the window stays until the answer. */
  g_object_weak_ref (G_OBJECT (window), on_finalized_cb, &finalized);
  gtk_window_close (GTK_WINDOW (window));
  flush_events ();
  g_assert_false (finalized);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  respond ("discard");
  g_assert_true (finalized);

  g_file_delete (file, NULL, NULL);
}

/* Issue 14: a broken scenario file leaves the scenario as it was, and the
 * dialog says what is wrong in words a user reads. */
static void
test_broken_scenario (void)
{
  LsWindow *window = create_window ();
  LsScenario *scenario = ls_window_get_scenario (window);
  LsResult *result_before;
  g_autoptr(LsScenario) before = NULL;
  g_autoptr(GFile) truncated = write_temp_file ("lodestone-truncated-XXXXXX.json",
                                                "{\n  \"format\": \"lodestone-scenario\",\n  \"version\": 1,\n"
                                                "  \"alliances\": [\"msp\"");
  g_autoptr(GFile) unknown = write_temp_file ("lodestone-unknown-XXXXXX.json",
                                              "{\"format\": \"lodestone-scenario\", \"version\": 1,\n"
                                              " \"alliances\": [\"msp\", \"nato\"],\n"
                                              " \"restrictions\": [{\"stage\": \"magnet\", \"from\": [\"CHN\"],"
                                              " \"to\": \"bloc\", \"fraction\": 0.5}]}");
  g_autofree char *dataset_path = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets",
                                                         "rare-earths.json", NULL);
  g_autoptr(GFile) dataset_file = g_file_new_for_path (dataset_path);
  AdwMessageDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-preset", "u", 3);
  flush_events ();
  before = ls_scenario_copy (scenario);
  result_before = ls_window_get_result (window);

  /* Cut short. */
  g_assert_false (ls_window_open_scenario_file (window, truncated));
  flush_events ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Open Scenario");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "not a valid JSON file"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "unchanged"));
  g_assert_true (ls_scenario_equal (scenario, before));
  g_assert_true (ls_window_get_result (window) == result_before);
  destroy_dialogs ();

  /* Unknown ids: all of them, not only the first. */
  g_assert_false (ls_window_open_scenario_file (window, unknown));
  flush_events ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“nato”"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“magnet”"));
  g_assert_true (ls_scenario_equal (scenario, before));
  destroy_dialogs ();

  /* A dataset opened as a scenario: say so, and offer the right way. */
  g_assert_false (ls_window_open_scenario_file (window, dataset_file));
  flush_events ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "This File Is a Dataset");
  g_assert_true (adw_message_dialog_has_response (dialog, "open-dataset"));
  g_assert_true (ls_scenario_equal (scenario, before));
  g_assert_true (ls_window_get_result (window) == result_before);
  destroy_dialogs ();

  g_file_delete (truncated, NULL, NULL);
  g_file_delete (unknown, NULL, NULL);
  destroy_window (window);
}

/* m11: which dataset is loaded is shown, and a dataset whose headline
 * figures are far from the built-in one's is flagged. */
static void
test_implausible_dataset (void)
{
  LsWindow *window = create_window ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets", "rare-earths.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *typo = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  const char *needle = "{\"stage\": \"mining\", \"country\": \"CHN\", \"value\": 270000, \"source\": \"usgs-mcs-2026\", "
                       "\"estimated\": false, \"note\": \"production quota; USGS";
  AdwMessageDialog *dialog;
  char *at;

  g_assert_cmpstr (ls_window_get_dataset_label (window), ==, "Built-in dataset");

  /* China's 2024 mining ten times too large. */
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  at = strstr (contents, needle);
  g_assert_nonnull (at);
  typo = g_strdup_printf ("%.*s%s%s", (int) (at - contents), contents,
                          "{\"stage\": \"mining\", \"country\": \"CHN\", \"value\": 2700000, \"source\": "
                          "\"usgs-mcs-2026\", \"estimated\": false, \"note\": \"production quota; USGS",
                          at + strlen (needle));
  file = write_temp_file ("lodestone-typo-XXXXXX.json", typo);

  g_assert_true (ls_window_open_dataset_file (window, file, &error));
  g_assert_no_error (error);
  flush_events ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Unusual Figures");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Mining: China"));
  destroy_dialogs ();

  name = g_file_get_basename (file);
  label = g_strdup_printf ("Dataset: %s", name);
  g_assert_cmpstr (ls_window_get_dataset_label (window), ==, label);

  ls_window_use_default_dataset (window);
  flush_events ();
  g_assert_cmpstr (ls_window_get_dataset_label (window), ==, "Built-in dataset");

  g_file_delete (file, NULL, NULL);
  destroy_window (window);
}

/* m1: countries are found by any part of their name, their ISO code or a
 * common name, in the pickers and the restriction form. */
static void
test_country_search (void)
{
  LsWindow *window = create_window ();
  LsDataset *dataset = ls_window_get_dataset (window);
  LsCountryPicker *picker = LS_COUNTRY_PICKER (ls_sidebar_get_capacity_country_picker (ls_window_get_sidebar (window)));
  guint country;

  ls_country_picker_set_search (picker, "Korea");
  g_assert_cmpuint (ls_country_picker_get_n_shown (picker), ==, 1);
  g_assert_true (ls_country_picker_choose_first (picker));
  g_assert_cmpstr (ls_country_picker_get_country (picker), ==, "KOR");

  ls_country_picker_set_search (picker, "viet");
  g_assert_true (ls_country_picker_choose_first (picker));
  g_assert_cmpstr (ls_country_picker_get_country (picker), ==, "VNM");

  ls_country_picker_set_search (picker, "gbr");
  g_assert_cmpuint (ls_country_picker_get_n_shown (picker), ==, 1);
  ls_country_picker_set_search (picker, "zzz");
  g_assert_cmpuint (ls_country_picker_get_n_shown (picker), ==, 0);
  g_assert_false (ls_country_picker_choose_first (picker));

  g_assert_cmpint (ls_country_search_resolve (dataset, "Korea", &country, NULL), ==, LS_COUNTRY_MATCH_ONE);
  g_assert_cmpstr (ls_dataset_get_country_id (dataset, country), ==, "KOR");
  g_assert_cmpint (ls_country_search_resolve (dataset, "UK", &country, NULL), ==, LS_COUNTRY_MATCH_ONE);
  g_assert_cmpstr (ls_dataset_get_country_id (dataset, country), ==, "GBR");
  g_assert_cmpint (ls_country_search_resolve (dataset, "chn", &country, NULL), ==, LS_COUNTRY_MATCH_ONE);
  g_assert_cmpstr (ls_dataset_get_country_id (dataset, country), ==, "CHN");
  /* "Guinea" is Guinea itself, not also a longer name. */
  g_assert_cmpint (ls_country_search_resolve (dataset, "Guinea", &country, NULL), ==, LS_COUNTRY_MATCH_ONE);
  g_assert_cmpstr (ls_dataset_get_country_id (dataset, country), ==, "GIN");
  g_assert_cmpint (ls_country_search_resolve (dataset, "land", NULL, NULL), ==, LS_COUNTRY_MATCH_SEVERAL);
  g_assert_cmpint (ls_country_search_resolve (dataset, "xyz", NULL, NULL), ==, LS_COUNTRY_MATCH_NONE);

  destroy_window (window);
}

/* m2, m3: the restriction form says which word is wrong; a restriction is
 * never added twice, and the preset buttons show whether theirs is on. */
static void
test_restriction_form (void)
{
  LsWindow *window = create_window ();
  LsSidebar *sidebar = ls_window_get_sidebar (window);
  LsScenario *scenario = ls_window_get_scenario (window);
  GtkWidget *magnets = ls_sidebar_get_preset_button (sidebar, 2);
  const char *error;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-scenario", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "scenario.alliance-msp", NULL);
  flush_events ();

  g_assert_false (ls_sidebar_add_restriction (sidebar, "magnets", "chn, xyz", "Korea, abc", 100));
  error = ls_sidebar_get_form_error (sidebar);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "Exporters: “xyz” is not a country"));
  g_assert_nonnull (strstr (error, "Importers: “abc” is not a country"));
  g_assert_null (strstr (error, "Korea"));
  g_assert_cmpuint (ls_scenario_get_n_restrictions (scenario), ==, 0);

  g_assert_true (ls_sidebar_add_restriction (sidebar, "magnets", "China", "bloc", 100));
  flush_events ();
  g_assert_null (ls_sidebar_get_form_error (sidebar));
  g_assert_cmpuint (ls_scenario_get_n_restrictions (scenario), ==, 1);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (magnets)));

  g_assert_false (ls_sidebar_add_restriction (sidebar, "magnets", "CHN", "bloc", 100));
  g_assert_nonnull (strstr (ls_sidebar_get_form_error (sidebar), "already in the list"));
  g_assert_cmpuint (ls_scenario_get_n_restrictions (scenario), ==, 1);

  /* Clicked again, the preset takes its restriction away; twice, adds it once. */
  g_signal_emit_by_name (magnets, "clicked");
  flush_events ();
  g_assert_cmpuint (ls_scenario_get_n_restrictions (scenario), ==, 0);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (magnets)));
  g_signal_emit_by_name (magnets, "clicked");
  flush_events ();
  g_assert_cmpuint (ls_scenario_get_n_restrictions (scenario), ==, 1);

  /* Named for screen readers by its text, without doubling or underscores. */
  {
    GtkWidget *button = ls_sidebar_get_preset_button (sidebar, 0);
    GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "China restricts separated oxides to the bloc");
  }

  destroy_window (window);
}

/* m14: friend-shoring moves in 5 % steps. */
static void
test_friend_shoring_steps (void)
{
  LsWindow *window = create_window ();
  GtkWidget *scale = find_widget_by_type_name (GTK_WIDGET (ls_window_get_sidebar (window)), "GtkScale");

  g_assert_nonnull (scale);
  gtk_range_set_value (GTK_RANGE (scale), 0.4651162790697674);
  flush_events ();
  g_assert_cmpfloat (ls_scenario_get_friend_shoring (ls_window_get_scenario (window)), ==, 0.45);

  destroy_window (window);
}

/* Sends Tab as the keyboard would: first to the capture-phase key
 * controllers of the focus widget's ancestors (the one-stop lists), then
 * to the window's own focus chain. */
static void
press_tab (LsWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  for (GtkWidget *widget = focus; widget != NULL && widget != GTK_WIDGET (window);
       widget = gtk_widget_get_parent (widget))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
          gboolean handled = FALSE;

          if (!GTK_IS_EVENT_CONTROLLER_KEY (controller) ||
              gtk_event_controller_get_propagation_phase (controller) != GTK_PHASE_CAPTURE)
            continue;

          g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Tab, 0, (GdkModifierType) 0, &handled);
          if (handled)
            {
              flush_events ();
              return;
            }
        }
    }

  gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
  flush_events ();
}

/* M8: the country list is one Tab stop, and the map comes within a few. */
static void
test_keyboard_reach (void)
{
  LsWindow *window = create_window ();
  LsSidebar *sidebar = ls_window_get_sidebar (window);
  GtkWidget *list = ls_sidebar_get_members_list (sidebar);
  GtkWidget *map = find_widget_by_type_name (GTK_WIDGET (window), "LsMapView");
  GtkWidget *row = ls_sidebar_get_member_row (sidebar, "KOR");
  GtkWidget *focus;
  guint stops = 0;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-preset", "u", 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "map");
  flush_events ();

  g_assert_true (gtk_widget_grab_focus (row));
  press_tab (window);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_false (gtk_widget_is_ancestor (focus, list));
  g_assert_true (GTK_IS_SCALE (focus) || gtk_widget_get_ancestor (focus, GTK_TYPE_SCALE) != NULL);

  /* From the first stop of the window to the map. */
  gtk_root_set_focus (GTK_ROOT (window), NULL);
  do
    {
      press_tab (window);
      focus = gtk_root_get_focus (GTK_ROOT (window));
      stops++;
    }
  while (focus != NULL && focus != map && !gtk_widget_is_ancestor (focus, map) && stops < 200);
  g_test_message ("The map is Tab stop %u", stops);
  g_assert_cmpuint (stops, <=, 40);

  /* Ctrl+1 brings the keyboard to the map from anywhere. */
  g_assert_true (gtk_widget_grab_focus (row));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "map");
  flush_events ();
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == map || gtk_widget_is_ancestor (focus, map));

  destroy_window (window);
}

static void
collect_member_rows (GtkWidget *widget,
                     GPtrArray *rows)
{
  if (LS_IS_MEMBER_ROW (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_member_rows (child, rows);
}

static gboolean
is_group_titled (GtkWidget     *widget,
                 gconstpointer  title)
{
  return ADW_IS_PREFERENCES_GROUP (widget) &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0;
}

/* Issue 12: the sidebar's sections below the alliances (members,
 * friend-shoring, restrictions, capacity) are left out of the first
 * frame, member rows included; once the window has drawn they are shown,
 * and every country has its row, in name order. */
static void
test_member_rows_after_first_frame (void)
{
  LsWindow *window = ls_window_new (NULL);
  LsDataset *data = ls_window_get_dataset (window);
  guint n_countries = ls_dataset_get_n_countries (data);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  const char *later[] = { "Members", "Friend-Shoring", "Export Restrictions", "Capacity Changes" };

  collect_member_rows (GTK_WIDGET (window), rows);
  g_assert_cmpuint (rows->len, ==, 0);
  /* The alliances' group titles itself (ls-sidebar.ui says why). */
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (ls_sidebar_get_alliance_row (ls_window_get_sidebar (window),
                                                                                               "msp"),
                                                                  ADW_TYPE_PREFERENCES_GROUP)));
  for (guint i = 0; i < G_N_ELEMENTS (later); i++)
    g_assert_false (gtk_widget_get_visible (ls_ui_test_find_descendant (GTK_WIDGET (window), is_group_titled,
                                                                        later[i])));

  gtk_window_present (GTK_WINDOW (window));
  ls_ui_test_wait_for_frames (GTK_WIDGET (window), 1);
  flush_events ();

  for (guint i = 0; i < G_N_ELEMENTS (later); i++)
    g_assert_true (gtk_widget_get_visible (ls_ui_test_find_descendant (GTK_WIDGET (window), is_group_titled,
                                                                       later[i])));
  g_ptr_array_set_size (rows, 0);
  collect_member_rows (GTK_WIDGET (window), rows);
  g_assert_cmpuint (rows->len, ==, n_countries);
  for (guint i = 1; i < rows->len; i++)
    {
      LsMemberRow *before = g_ptr_array_index (rows, i - 1);
      LsMemberRow *after = g_ptr_array_index (rows, i);
      int a = ls_dataset_lookup_country (data, ls_member_row_get_country (before));
      int b = ls_dataset_lookup_country (data, ls_member_row_get_country (after));

      g_assert_cmpint (g_utf8_collate (ls_dataset_get_country_name (data, a),
                                       ls_dataset_get_country_name (data, b)), <=, 0);
    }

  destroy_window (window);
}

static gboolean
is_menu_button (GtkWidget     *widget,
                gconstpointer  unused)
{
  return GTK_IS_MENU_BUTTON (widget);
}

static void
collect_menu_buttons (GtkWidget *widget,
                      GPtrArray *found)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_ancestor (widget, ADW_TYPE_HEADER_BAR) != NULL)
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_menu_buttons (child, found);
}

/* Issue 12: the header's menus (scenario, export, main) have no popover
 * until first opened; opening one builds it from its menu, once. */
static void
test_menus_on_demand (void)
{
  LsWindow *window = create_window ();
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  ls_ui_test_wait_for_frames (GTK_WIDGET (window), 1);
  g_assert_nonnull (ls_ui_test_find_descendant (GTK_WIDGET (window), is_menu_button, NULL));
  collect_menu_buttons (GTK_WIDGET (window), buttons);
  g_assert_cmpuint (buttons->len, ==, 3);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkMenuButton *button = g_ptr_array_index (buttons, i);
      GMenuModel *model;
      GtkWidget *popover;

      g_assert_null (gtk_menu_button_get_popover (button));
      g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));

      gtk_menu_button_popup (button);
      flush_events ();
      model = gtk_menu_button_get_menu_model (button);
      popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
      g_assert_nonnull (model);
      g_assert_cmpint (g_menu_model_get_n_items (model), >, 0);
      g_assert_true (GTK_IS_POPOVER_MENU (popover));
      g_assert_true (gtk_widget_get_visible (popover));
      gtk_menu_button_popdown (button);
      flush_events ();

      /* Opened again, the same popover. */
      gtk_menu_button_popup (button);
      flush_events ();
      g_assert_true (GTK_WIDGET (gtk_menu_button_get_popover (button)) == popover);
      gtk_menu_button_popdown (button);
      flush_events ();
    }

  destroy_window (window);
}

/* Issue 12: the shortcuts window is not built with the window, but when
 * first asked for (Ctrl+?, or the main menu), and then shown again. */
static void
test_shortcuts_window_on_demand (void)
{
  LsWindow *window = create_window ();
  GtkWindow *shortcuts;

  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_null (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  flush_events ();
  shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  g_assert_true (shortcuts == GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))));
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (window));

  /* Closed, it hides; asked for again, the same one comes back. */
  gtk_window_close (shortcuts);
  flush_events ();
  g_assert_null (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  flush_events ();
  g_assert_true (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW) == shortcuts);

  destroy_window (window);
}

/* Asked for before the first frame, a row is made at once. */
static void
test_member_row_on_demand (void)
{
  LsWindow *window = ls_window_new (NULL);
  LsSidebar *sidebar = ls_window_get_sidebar (window);
  GtkWidget *row = ls_sidebar_get_member_row (sidebar, "BRA");

  g_assert_nonnull (row);
  g_assert_cmpstr (ls_member_row_get_country (LS_MEMBER_ROW (row)), ==, "BRA");

  destroy_window (window);
}

/* m16: Ctrl+E exports what is shown: in the Table view, the table. */
static void
test_export_shortcut (void)
{
  LsWindow *window = create_window ();
  GtkWindow *chooser;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "table");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  flush_events ();
  chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  g_assert_cmpstr (gtk_window_get_title (chooser), ==, "Export Table");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  flush_events ();

  /* Elsewhere, the figure: the export dialog. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "flows");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  flush_events ();
  g_assert_null (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  chooser = find_toplevel (LS_TYPE_EXPORT_DIALOG);
  g_assert_nonnull (chooser);
  gtk_window_destroy (chooser);
  flush_events ();

  destroy_window (window);
  flush_events ();
}

/* The widgets under @widget that GTK 4.8 names twice: a label of their
 * own and a labelled-by relation, whose texts it joins ("Quad Quad"). */
static void
collect_doubly_named (GtkWidget *widget,
                      GPtrArray *found)
{
  /* A button's relation is to its own child, an icon with no name of
   * its own, or its label, whose text GTK joins to nothing else. */
  if (!GTK_IS_BUTTON (widget) &&
      gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) &&
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    {
      GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);

      g_ptr_array_add (found, g_strdup_printf ("%s in “%s”", G_OBJECT_TYPE_NAME (widget),
                                               row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))
                                                           : G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget))));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_doubly_named (child, found);
}

/* M9: no control is named twice, with the forms open and every view
 * built, as a screen reader walks them. */
static void
test_names_once (void)
{
  LsWindow *window = create_window ();
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-preset", "u", 3);
  flush_events ();
  for (guint i = 0; i < 3; i++)
    {
      const char *views[] = { "flows", "table", "map" };

      gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", views[i]);
      flush_events ();
    }

  collect_doubly_named (GTK_WIDGET (window), found);
  for (guint i = 0; i < found->len; i++)
    g_test_message ("named twice: %s", (char *) g_ptr_array_index (found, i));
  g_assert_cmpuint (found->len, ==, 0);

  destroy_window (window);
}

static gboolean
window_has_ranges (gpointer data)
{
  return ls_session_get_ranges (ls_window_get_session (data)) != NULL;
}

/* Issue 12: what the first frame does not need waits for it. Before the
 * window is shown, the session's ranges are asked for but held (no
 * worker samples them) and the hidden diagram lays nothing out; once the
 * first frame is drawn both come, and the map and the share panel get
 * the ranges. */
static void
test_deferred_at_start (void)
{
  LsWindow *window = ls_window_new (NULL);
  GtkWidget *sankey = find_widget_by_type_name (GTK_WIDGET (window), "LsSankeyView");
  GtkWidget *map = find_widget_by_type_name (GTK_WIDGET (window), "LsMapView");

  g_assert_nonnull (sankey);
  g_assert_nonnull (map);
  g_assert_nonnull (ls_window_get_result (window));

  flush_events ();
  g_assert_true (_ls_session_get_insights_held (ls_window_get_session (window)));
  g_assert_null (ls_session_get_ranges (ls_window_get_session (window)));
  g_assert_null (ls_sankey_view_get_result (LS_SANKEY_VIEW (sankey)));

  gtk_window_present (GTK_WINDOW (window));
  ls_ui_test_wait_for (window_has_ranges, window, "the ranges");
  g_assert_false (_ls_session_get_insights_held (ls_window_get_session (window)));
  flush_events ();
  g_assert_true (ls_sankey_view_get_result (LS_SANKEY_VIEW (sankey)) == ls_window_get_result (window));
  g_assert_true (ls_map_view_get_ranges (LS_MAP_VIEW (map)) == ls_session_get_ranges (ls_window_get_session (window)));
  {
    GtkWidget *button = ls_share_panel_get_figure_button (ls_window_get_share_panel (window), 0,
                                                          LS_EXPLAIN_DEPENDENCY);
    g_autoptr(LsExplanation) explained = ls_explanation_new (ls_window_get_result (window),
                                                             ls_session_get_ranges (ls_window_get_session (window)),
                                                             LS_EXPLAIN_DEPENDENCY, 0, 0, 0);

    g_assert_true (ls_explanation_get_range (explained, NULL, NULL));
    g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, ls_explanation_get_summary (explained));
  }

  destroy_window (window);
}

/* M5: a slide at 1280 × 720 shows the share panel whole, on the preset
 * with the most lines (unmet need at three stages and at use). The app's
 * style sheet is loaded: the presenter's type sizes are part of it. */
static void
test_presenter_fits_720 (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  LsWindow *window;
  GtkWidget *panel;
  GtkWidget *scroller;
  int minimum, natural;

  ls_application_ensure_resources ();
  gtk_css_provider_load_from_resource (provider, LS_RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  window = ls_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  gtk_window_present (GTK_WINDOW (window));
  flush_events ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-preset", "u", 3);
  flush_events ();
  g_assert_cmpstr (ls_scenario_get_name (ls_window_get_scenario (window)), ==,
                   "Diversifying with the US, Vietnam and Laos");

  ls_window_set_presenting (window, TRUE);
  panel = GTK_WIDGET (ls_window_get_share_panel (window));
  ls_ui_test_wait_for_mapped (panel);
  ls_ui_test_wait_for_frames (panel, 2);

  scroller = gtk_widget_get_ancestor (panel, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scroller);
  gtk_widget_measure (panel, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (panel), &minimum, &natural, NULL, NULL);
  g_test_message ("window %d × %d, panel needs %d px of %d", gtk_widget_get_width (GTK_WIDGET (window)),
                  gtk_widget_get_height (GTK_WIDGET (window)), minimum, gtk_widget_get_height (scroller));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), <=, 720);
  g_assert_cmpint (minimum, <=, gtk_widget_get_height (scroller));

  ls_window_set_presenting (window, FALSE);
  destroy_window (window);
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!ls_ui_test_init_gtk ())
    return 0;

  /* Switches toggle at the end of their animation. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/lodestone/ui/window/alliance-switch", test_alliance_switch);
  g_test_add_func ("/lodestone/ui/window/alliance-row", test_alliance_row);
  g_test_add_func ("/lodestone/ui/window/member-toggle", test_member_toggle);
  g_test_add_func ("/lodestone/ui/window/presets", test_presets);
  g_test_add_func ("/lodestone/ui/window/broken-dataset", test_broken_dataset);
  g_test_add_func ("/lodestone/ui/window/undo-redo", test_undo_redo);
  g_test_add_func ("/lodestone/ui/window/table", test_table);
  g_test_add_func ("/lodestone/ui/window/linked-views", test_linked_views);
  g_test_add_func ("/lodestone/ui/window/deferred-at-start", test_deferred_at_start);
  g_test_add_func ("/lodestone/ui/window/export", test_export);
  g_test_add_func ("/lodestone/ui/window/settings-restore", test_settings_restore);
  g_test_add_func ("/lodestone/ui/window/year-slider", test_year_slider);
  g_test_add_func ("/lodestone/ui/window/members-as-of", test_members_as_of);
  g_test_add_func ("/lodestone/ui/window/scenario-details", test_scenario_details);
  g_test_add_func ("/lodestone/ui/window/derived-description", test_derived_description);
  g_test_add_func ("/lodestone/ui/window/unsaved-changes", test_unsaved_changes);
  g_test_add_func ("/lodestone/ui/window/broken-scenario", test_broken_scenario);
  g_test_add_func ("/lodestone/ui/window/implausible-dataset", test_implausible_dataset);
  g_test_add_func ("/lodestone/ui/window/country-search", test_country_search);
  g_test_add_func ("/lodestone/ui/window/restriction-form", test_restriction_form);
  g_test_add_func ("/lodestone/ui/window/friend-shoring-steps", test_friend_shoring_steps);
  g_test_add_func ("/lodestone/ui/window/keyboard-reach", test_keyboard_reach);
  g_test_add_func ("/lodestone/ui/window/member-rows-after-first-frame", test_member_rows_after_first_frame);
  g_test_add_func ("/lodestone/ui/window/member-row-on-demand", test_member_row_on_demand);
  g_test_add_func ("/lodestone/ui/window/shortcuts-window-on-demand", test_shortcuts_window_on_demand);
  g_test_add_func ("/lodestone/ui/window/menus-on-demand", test_menus_on_demand);
  g_test_add_func ("/lodestone/ui/window/export-shortcut", test_export_shortcut);
  g_test_add_func ("/lodestone/ui/window/presenter-fits-720", test_presenter_fits_720);
  g_test_add_func ("/lodestone/ui/window/names-once", test_names_once);

  return g_test_run ();
}
