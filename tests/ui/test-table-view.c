/* test-table-view.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ls-application.h"
#include "ls-export-dialog.h"
#include "ls-scenario-text.h"
#include "ls-table-view-private.h"
#include "ls-test-locale.h"
#include "ls-test-utils.h"
#include "ls-ui-test-utils.h"
#include "ls-window.h"

/* The table view (ux-walk.md m8 and m16, issue 13 2b, issue 14). */

typedef struct
{
  LsDataset   *dataset;
  LsSession   *session;
  LsTableView *table;
  GtkWidget   *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dataset = ls_dataset_new_default (&error);
  g_assert_no_error (error);
  f->session = ls_session_new (f->dataset);
  f->table = LS_TABLE_VIEW (ls_table_view_new ());
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 600);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->table));
  ls_table_view_set_session (f->table, f->session);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  ls_ui_test_flush ();
  g_clear_object (&f->session);
  g_clear_object (&f->dataset);
}

static LsScenario *
scenario (Fixture *f)
{
  return ls_session_get_scenario (f->session);
}

/* One CSV line (RFC 4180: quoted fields, doubled quotes) as fields. */
static char **
split_csv_line (const char *line)
{
  g_autoptr(GStrvBuilder) fields = g_strv_builder_new ();
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line;; p++)
    {
      if (quoted)
        {
          g_assert_true (*p != '\0');
          if (*p == '"' && p[1] == '"')
            g_string_append_c (field, *p++);
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',' || *p == '\0')
        {
          g_strv_builder_add (fields, field->str);
          g_string_truncate (field, 0);
          if (*p == '\0')
            break;
        }
      else
        g_string_append_c (field, *p);
    }

  return g_strv_builder_end (fields);
}

typedef struct
{
  char  **header;
  GPtrArray *rows;   /* char ** each */
} Csv;

static void
csv_clear (Csv *csv)
{
  g_strfreev (csv->header);
  g_ptr_array_unref (csv->rows);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Csv, csv_clear)

static void
parse_csv (const char *text,
           Csv        *csv)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = g_strv_length (lines);

  /* The text ends with a line break; no line breaks inside fields. */
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpstr (lines[n - 1], ==, "");
  csv->header = split_csv_line (lines[0]);
  csv->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 1; i + 1 < n; i++)
    {
      char **row = split_csv_line (lines[i]);

      g_assert_cmpuint (g_strv_length (row), ==, g_strv_length (csv->header));
      g_ptr_array_add (csv->rows, row);
    }
}

static const char *
csv_get (Csv        *csv,
         guint       row,
         const char *column)
{
  for (guint c = 0; csv->header[c] != NULL; c++)
    if (g_str_equal (csv->header[c], column))
      return ((char **) g_ptr_array_index (csv->rows, row))[c];

  g_error ("no CSV column “%s”", column);
}

static int
csv_find (Csv        *csv,
          const char *stage,
          const char *iso3)
{
  for (guint r = 0; r < csv->rows->len; r++)
    if (g_str_equal (csv_get (csv, r, "stage"), stage) && g_str_equal (csv_get (csv, r, "iso3"), iso3))
      return r;

  return -1;
}

static double
csv_number (Csv        *csv,
            guint       row,
            const char *column)
{
  const char *text = csv_get (csv, row, column);
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);

  g_assert_true (text[0] != '\0' && *end == '\0');
  return value;
}

/* m8: every line names its unit, the stage's; the scenario's name, year,
 * bloc, levers and dataset ride along on every line; the rows are the
 * table's. */
static void
test_csv_units_and_metadata (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *levers = NULL;
  g_autofree char *bloc = NULL;
  g_auto(Csv) csv = { 0 };
  LsResult *result;

  ls_scenario_set_name (scenario (f), "Magnet embargo");
  ls_scenario_set_alliance (scenario (f), "msp", TRUE);
  ls_test_add_restriction (scenario (f), "magnets", "CHN", "bloc", 1.0);
  result = ls_session_get_result (f->session);
  levers = ls_scenario_text_levers (scenario (f), f->dataset);
  bloc = ls_scenario_text_bloc (result, scenario (f));
  g_assert_nonnull (strstr (levers, "China"));

  text = ls_table_view_to_csv (f->table);
  parse_csv (text, &csv);
  g_assert_cmpuint (csv.rows->len, ==, ls_table_view_get_n_rows (f->table));
  g_assert_cmpuint (csv.rows->len, >, 20);
  g_assert_cmpstr (csv.header[0], ==, "stage");

  for (guint r = 0; r < csv.rows->len; r++)
    {
      int stage = ls_dataset_lookup_stage (f->dataset, csv_get (&csv, r, "stage"));

      g_assert_cmpint (stage, >=, 0);
      g_assert_cmpstr (csv_get (&csv, r, "unit"), ==, ls_dataset_get_stage_unit (f->dataset, stage));
      g_assert_cmpstr (csv_get (&csv, r, "scenario"), ==, "Magnet embargo");
      g_assert_cmpstr (csv_get (&csv, r, "year"), ==, "2024");
      g_assert_cmpstr (csv_get (&csv, r, "bloc"), ==, bloc);
      g_assert_cmpstr (csv_get (&csv, r, "levers"), ==, levers);
      g_assert_cmpstr (csv_get (&csv, r, "dataset"), ==, ls_dataset_get_title (f->dataset));
      /* Output is target less shortfall (DESIGN.md step 7). */
      g_assert_cmpfloat_with_epsilon (csv_number (&csv, r, "output_t"),
                                      csv_number (&csv, r, "target_t") - csv_number (&csv, r, "shortfall_t"),
                                      1e-3 * MAX (1, csv_number (&csv, r, "target_t")));
    }

  /* Both units of the shipped dataset appear. */
  g_assert_cmpstr (csv_get (&csv, csv_find (&csv, "mining", "CHN"), "unit"), ==, "t REO");
  g_assert_cmpstr (csv_get (&csv, csv_find (&csv, "magnets", "CHN"), "unit"), ==, "t magnet REO");
}

/* Issue 13 2b: a capacity change shows what fed it, in the table and in
 * the CSV: a new separation plant in South Korea, and new mining in
 * Australia, which nothing feeds (its capacity is its output). */
static void
test_capacity_notes (Fixture       *f,
                     gconstpointer  data)
{
  guint separation = ls_dataset_lookup_stage (f->dataset, "separation");
  guint mining = ls_dataset_lookup_stage (f->dataset, "mining");
  int kor = ls_dataset_lookup_country (f->dataset, "KOR");

  ls_scenario_set_alliance (scenario (f), "msp", TRUE);
  ls_test_add_capacity (scenario (f), "separation", "KOR", 5000);
  ls_test_add_capacity (scenario (f), "mining", "AUS", 10000);

  for (double phi = 0; phi <= 1; phi += 0.5)
    {
      LsResult *result;
      double baseline, output, fed;
      g_autofree char *note = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *mining_note = NULL;
      g_autofree char *text = NULL;
      g_auto(Csv) csv = { 0 };
      int row;

      ls_scenario_set_friend_shoring (scenario (f), phi);
      result = ls_session_get_result (f->session);
      baseline = ls_result_get_baseline_production (result, separation, kor);
      output = ls_result_get_production (result, separation, kor);
      fed = CLAMP (output - baseline, 0, 5000);
      g_assert_cmpfloat_with_epsilon (ls_result_get_target (result, separation, kor), baseline + 5000, 1e-6);

      note = _ls_table_view_dup_capacity_note (f->table, separation, "KOR");
      if (fed < 0.5)
        expected = g_strdup ("capacity +5000 t magnet REO, 0 fed — no feedstock");
      else if (fed > 4999.5)
        expected = g_strdup ("capacity +5000 t magnet REO, all fed");
      else
        expected = g_strdup_printf ("capacity +5000 t magnet REO, %.0f fed", fed);
      g_test_message ("friend-shoring %.1f: %s", phi, note);
      g_assert_cmpstr (note, ==, expected);

      mining_note = _ls_table_view_dup_capacity_note (f->table, mining, "AUS");
      g_assert_cmpstr (mining_note, ==, "capacity +10000 t REO");
      g_assert_null (_ls_table_view_dup_capacity_note (f->table, mining, "CHN"));

      text = ls_table_view_to_csv (f->table);
      parse_csv (text, &csv);
      row = csv_find (&csv, "separation", "KOR");
      g_assert_cmpint (row, >=, 0);
      g_assert_cmpfloat_with_epsilon (csv_number (&csv, row, "capacity_change_t"), 5000, 1e-3);
      g_assert_cmpfloat_with_epsilon (csv_number (&csv, row, "capacity_fed_t"), fed, 1e-3);
      g_assert_cmpfloat_with_epsilon (csv_number (&csv, row, "shortfall_t"),
                                      ls_result_get_shortfall (result, separation, kor), 1e-3);
      row = csv_find (&csv, "mining", "AUS");
      g_assert_cmpfloat_with_epsilon (csv_number (&csv, row, "capacity_change_t"), 10000, 1e-3);
      g_assert_cmpstr (csv_get (&csv, row, "capacity_fed_t"), ==, "");
      row = csv_find (&csv, "mining", "CHN");
      g_assert_cmpstr (csv_get (&csv, row, "capacity_change_t"), ==, "");
    }
}

/* Issue 14: an extreme but valid scenario (capacity changes of ±1e9 t at
 * every stage, a full cut-off, full friend-shoring) shows no nan or inf
 * in any cell, tooltip or note, nor in the CSV. */
static void
test_finite (Fixture       *f,
             gconstpointer  data)
{
  static const char *stages[] = { "mining", "separation", "metal", "magnets", "use" };
  g_autoptr(LsScenario) extreme = ls_test_scenario_new ();
  g_auto(GStrv) texts = NULL;
  g_autofree char *csv = NULL;

  /* Built apart and given at once: one computation, not one per lever. */
  ls_scenario_set_alliance (extreme, "msp", TRUE);
  for (guint s = 0; s < G_N_ELEMENTS (stages); s++)
    {
      ls_test_add_capacity (extreme, stages[s], "KOR", LS_MAX_TONNES);
      ls_test_add_capacity (extreme, stages[s], "CHN", -LS_MAX_TONNES);
      ls_test_add_capacity (extreme, stages[s], "DEU", s % 2 ? LS_MAX_TONNES : -LS_MAX_TONNES);
    }
  ls_test_add_restriction (extreme, "separation", "non-bloc", "bloc", 1.0);
  ls_scenario_set_friend_shoring (extreme, 1.0);
  ls_session_reset_scenario (f->session, extreme);
  g_assert_nonnull (ls_session_get_result (f->session));

  texts = _ls_table_view_dup_texts (f->table);
  g_assert_cmpuint (g_strv_length (texts), >, 100);
  for (guint i = 0; texts[i] != NULL; i++)
    ls_test_assert_no_non_finite (texts[i], "the table");

  csv = ls_table_view_to_csv (f->table);
  g_assert_nonnull (strstr (csv, "1000000000"));
  ls_test_assert_no_non_finite (csv, "the table");
}

/* The CSV is the same whatever the locale: a decimal comma never splits
 * a number into two fields, and no digit grouping creeps in; the cells
 * group digits as the locale does. */
static void
test_locale_proof (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *c_csv = NULL;
  g_autofree char *de_csv = NULL;
  g_auto(GStrv) texts = NULL;
  g_autofree char *old = g_strdup (setlocale (LC_NUMERIC, NULL));
  gboolean grouped = FALSE;

  if (!ls_test_require_locale ("de_DE.UTF-8"))
    return;

  ls_scenario_set_alliance (scenario (f), "msp", TRUE);
  ls_scenario_set_friend_shoring (scenario (f), 0.35);
  c_csv = ls_table_view_to_csv (f->table);

  setlocale (LC_NUMERIC, "de_DE.UTF-8");
  de_csv = ls_table_view_to_csv (f->table);
  texts = _ls_table_view_dup_texts (f->table);
  setlocale (LC_NUMERIC, old);

  g_assert_cmpstr (de_csv, ==, c_csv);
  /* China's mining, 270,000 t, as Germans write it. */
  for (guint i = 0; texts[i] != NULL; i++)
    grouped |= g_str_equal (texts[i], "270.000");
  g_assert_true (grouped);
}

static void
exported_cb (LsTableView  *table,
             GFile        *file,
             GFile       **out)
{
  g_set_object (out, file);
}

/* m16: table.export-csv asks where, with the scenario's name, in the
 * last export's folder or Documents, and writes the table there, the
 * extension added. */
static void
test_export_action (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lodestone-table-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "embargo", NULL);
  g_autofree char *written = g_build_filename (dir, "embargo.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) exported = NULL;
  g_autoptr(GFile) expected_folder = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  GtkWidget *chooser;

  g_assert_no_error (error);
  ls_scenario_set_name (scenario (f), "Magnet embargo");
  gtk_window_present (GTK_WINDOW (f->window));
  ls_ui_test_wait_for_mapped (GTK_WIDGET (f->table));
  g_signal_connect (f->table, "exported", G_CALLBACK (exported_cb), &exported);

  expected_folder = ls_export_dialog_dup_folder (G_USER_DIRECTORY_DOCUMENTS);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->table), "table.export-csv", NULL));
  ls_ui_test_wait_for (ls_ui_test_has_file_chooser, NULL, "the file chooser");
  chooser = ls_ui_test_find_file_chooser ();

  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpstr (name, ==, "Magnet embargo – table.csv");
  ls_ui_test_wait_for (ls_ui_test_has_folder, chooser, "the chooser's folder");
  folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));
  g_assert_nonnull (folder);
  g_assert_true (g_file_equal (folder, expected_folder));

  /* As a user does: the folder, then a name typed. */
  {
    g_autoptr(GFile) parent = g_file_get_parent (file);
    g_autofree char *basename = g_file_get_basename (file);

    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), parent, &error);
    g_assert_no_error (error);
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), basename);
  }
  ls_ui_test_wait_for (ls_ui_test_has_folder_of, file, "the chosen folder");
  /* The chooser checks the name (asynchronously, in save mode) before it
   * answers. */
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  ls_ui_test_wait_for (ls_ui_test_is_set, &exported, "the export");

  g_assert_nonnull (exported);
  g_assert_cmpstr (g_file_peek_path (exported), ==, written);
  g_assert_true (g_file_get_contents (written, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "stage,country,iso3,output_t,unit,"));
  g_assert_nonnull (strstr (contents, "Magnet embargo"));

  /* The next export starts where this one went. */
  g_clear_object (&folder);
  folder = ls_export_dialog_dup_folder (G_USER_DIRECTORY_PICTURES);
  g_assert_cmpstr (g_file_peek_path (folder), ==, dir);

  g_remove (written);
  g_rmdir (dir);
}

static gboolean
is_column_view (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_COLUMN_VIEW (widget);
}

static GtkWidget *
find_column_view (GtkWidget *widget)
{
  return ls_ui_test_find_descendant (widget, is_column_view, NULL);
}

static gboolean
is_mapped (gpointer user_data)
{
  return gtk_widget_get_mapped (user_data);
}

/* A numeric cell (a label with the "numeric" class) on screen that has
 * a tooltip to give. */
static gboolean
is_numeric_cell (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "numeric") &&
         gtk_widget_get_has_tooltip (widget) && gtk_widget_get_mapped (widget);
}

/* Issue 12: a table nobody sees is not filled at every lever; it is
 * filled, with the latest result, when shown. Its cells' tooltips are
 * made when asked for, not at every fill (each set tooltip cost a round
 * trip to the display). */
static void
test_filled_when_shown (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *column_view = find_column_view (GTK_WIDGET (f->table));
  GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view)));
  g_autoptr(GtkTooltip) tooltip = NULL;
  g_auto(GStrv) texts = NULL;
  GtkWidget *cell;
  gboolean has_tooltip = FALSE;
  guint n_rows;

  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (f->table)));
  g_assert_nonnull (ls_session_get_result (f->session));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);

  ls_scenario_set_alliance (scenario (f), "msp", TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);

  gtk_window_present (GTK_WINDOW (f->window));
  ls_ui_test_wait_for_mapped (GTK_WIDGET (f->table));
  ls_ui_test_wait_for_frames (GTK_WIDGET (f->table), 2);

  /* The stages, unfolded: each with its countries. */
  n_rows = g_list_model_get_n_items (rows);
  g_assert_cmpuint (n_rows, ==, ls_table_view_get_n_rows (f->table) +
                                ls_result_get_n_stages (ls_session_get_result (f->session)));

  /* The rows are the latest result's: members say so. */
  texts = _ls_table_view_dup_texts (f->table);
  g_assert_true (g_strv_contains ((const char * const *)texts, "Japan, member of the bloc"));

  /* Shown, it follows every change at once. */
  ls_scenario_set_alliance (scenario (f), "msp", FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_rows);

  cell = ls_ui_test_find_descendant (column_view, is_numeric_cell, NULL);
  g_assert_nonnull (cell);
  tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  g_signal_emit_by_name (cell, "query-tooltip", 1, 1, FALSE, tooltip, &has_tooltip);
  g_assert_true (has_tooltip);
}

/* m8: in the window at 1280 × 800, with the sidebar and the share panel,
 * every column of the table fits: no column hangs off the edge. And
 * m16: Ctrl+E's action, win.export, exports the table there. */
static void
test_window_fit_and_ctrl_e (void)
{
  LsWindow *window = ls_window_new (NULL);
  LsTableView *table;
  GtkWidget *column_view;
  GtkWidget *chooser;
  g_autofree char *name = NULL;
  int minimum, natural;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  ls_ui_test_flush ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "table");
  table = ls_window_get_table_view (window);
  ls_ui_test_wait_for (is_mapped, table, "the table mapped");
  ls_ui_test_wait_for_frames (GTK_WIDGET (table), 2);

  column_view = find_column_view (GTK_WIDGET (table));
  g_assert_true (GTK_IS_COLUMN_VIEW (column_view));
  gtk_widget_measure (column_view, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_test_message ("table %d px wide, its columns need %d px", gtk_widget_get_width (GTK_WIDGET (table)), minimum);
  g_assert_cmpint (minimum, <=, gtk_widget_get_width (GTK_WIDGET (table)));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  ls_ui_test_wait_for (ls_ui_test_has_file_chooser, NULL, "the file chooser");
  chooser = ls_ui_test_find_file_chooser ();
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_true (g_str_has_suffix (name, ".csv"));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  ls_ui_test_flush ();
  g_assert_null (ls_ui_test_find_file_chooser ());

  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  ls_ui_test_flush ();
  g_object_unref (window);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!ls_ui_test_init_gtk ())
    return 0;
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* The app's style sheet, which AdwApplication loads by itself: the
   * table's narrower padding is part of what makes it fit. */
  {
    g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

    ls_application_ensure_resources ();
    gtk_css_provider_load_from_resource (provider, LS_RESOURCE_PATH "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

#define ADD(path, func) \
  g_test_add ("/lodestone/ui/table/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("csv-units-and-metadata", test_csv_units_and_metadata);
  ADD ("capacity-notes", test_capacity_notes);
  ADD ("finite", test_finite);
  ADD ("locale-proof", test_locale_proof);
  ADD ("export-action", test_export_action);
  ADD ("filled-when-shown", test_filled_when_shown);
  g_test_add_func ("/lodestone/ui/table/window-fit-and-ctrl-e", test_window_fit_and_ctrl_e);

#undef ADD

  return g_test_run ();
}
