/* test-export-dialog.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "ls-export-dialog.h"
#include "ls-scenario-text.h"
#include "ls-test-utils.h"
#include "ls-ui-test-utils.h"

/* Export Figure (ux-walk.md m7, p7; issue 16 M11). */

typedef struct
{
  LsDataset  *dataset;
  LsScenario *scenario;
  LsResult   *result;
  GtkWidget  *parent;
  char       *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dataset = ls_dataset_new_default (&error);
  g_assert_no_error (error);
  f->scenario = ls_test_scenario_new ();
  ls_scenario_set_name (f->scenario, "Magnet embargo");
  ls_scenario_set_alliance (f->scenario, "msp", TRUE);
  ls_test_add_restriction (f->scenario, "magnets", "CHN", "bloc", 1.0);
  f->result = ls_test_compute (f->dataset, f->scenario);
  f->parent = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (f->parent));
  f->dir = g_dir_make_tmp ("lodestone-export-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ls_test_remove_tmp_dir (f->dir);
  g_free (f->dir);
  gtk_window_destroy (GTK_WINDOW (f->parent));
  ls_ui_test_flush ();
  g_clear_pointer (&f->result, ls_result_unref);
  g_clear_object (&f->scenario);
  g_clear_object (&f->dataset);
}

static LsExportDialog *
new_dialog (Fixture      *f,
            LsExportView  view)
{
  LsRenderStyle style;
  LsExportDialog *dialog;

  ls_render_style_init (&style, FALSE);
  style.label_mode = LS_LABEL_PERCENT;
  dialog = ls_export_dialog_new (GTK_WINDOW (f->parent), f->result, f->scenario, view, NULL, &style);
  gtk_window_present (GTK_WINDOW (dialog));
  ls_ui_test_flush ();

  return dialog;
}

static GtkWidget *
child (LsExportDialog *dialog,
       const char     *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (dialog), LS_TYPE_EXPORT_DIALOG, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static void
select_row (LsExportDialog *dialog,
            const char     *row,
            guint           index)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (dialog, row)), index);
}

static void
close_dialog (LsExportDialog *dialog)
{
  if (GTK_IS_WINDOW (dialog))
    gtk_window_destroy (GTK_WINDOW (dialog));
  ls_ui_test_flush ();
}

/* What the rows choose is what gets exported: format, size preset or
 * custom, pixel density (PNG only), light or dark; the window's figure
 * style (here, labels in percent) carries over. */
static void
test_options (Fixture       *f,
              gconstpointer  data)
{
  LsExportDialog *dialog = new_dialog (f, LS_EXPORT_SANKEY);
  LsExportOptions options;
  LsRenderStyle style;

  ls_export_dialog_get_options (dialog, &options, &style);
  g_assert_cmpint (options.view, ==, LS_EXPORT_SANKEY);
  g_assert_cmpfloat (options.width, ==, 1920);
  g_assert_cmpfloat (options.height, ==, 1080);
  g_assert_cmpfloat (options.scale, ==, 1);
  g_assert_false (style.dark);
  g_assert_cmpint (style.label_mode, ==, LS_LABEL_PERCENT);
  g_assert_true (gtk_widget_get_sensitive (child (dialog, "scale_row")));
  g_assert_false (gtk_widget_get_visible (child (dialog, "width_row")));

  select_row (dialog, "format_row", LS_EXPORT_SVG);
  select_row (dialog, "size_row", 2);
  select_row (dialog, "appearance_row", 1);
  ls_export_dialog_get_options (dialog, &options, &style);
  g_assert_cmpint (options.format, ==, LS_EXPORT_SVG);
  g_assert_cmpfloat (options.width, ==, 3840);
  g_assert_cmpfloat (options.height, ==, 2160);
  g_assert_true (style.dark);
  g_assert_cmpint (style.label_mode, ==, LS_LABEL_PERCENT);
  /* Vector figures have no pixel density. */
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "scale_row")));

  select_row (dialog, "format_row", LS_EXPORT_PNG);
  select_row (dialog, "scale_row", 1);
  select_row (dialog, "size_row", 3);
  g_assert_true (gtk_widget_get_visible (child (dialog, "width_row")));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, "width_spin")), 1000);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, "height_spin")), 600);
  ls_export_dialog_get_options (dialog, &options, &style);
  g_assert_cmpfloat (options.width, ==, 1000);
  g_assert_cmpfloat (options.height, ==, 600);
  g_assert_cmpfloat (options.scale, ==, 2);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (dialog, "size_row"))), ==,
                   "2000 × 1200 pixels");

  /* The caption the figure will carry is shown. */
  {
    g_autofree char *caption = ls_scenario_text_caption (f->scenario, f->result);

    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (dialog, "caption_label"))), ==, caption);
  }

  close_dialog (dialog);
}

/* File names come from the scenario's name, made safe; the format
 * decides the extension. */
static void
test_file_names (Fixture       *f,
                 gconstpointer  data)
{
  static const struct
  {
    const char *chosen;
    const char *extension;
    const char *fixed;
  } cases[] = {
    { "figure.png", "png", "figure.png" },
    { "figure.PNG", "png", "figure.PNG" },
    { "figure.png", "svg", "figure.svg" },
    { "figure.Pdf", "svg", "figure.svg" },
    { "figure", "pdf", "figure.pdf" },
    { "figure.v2", "png", "figure.v2.png" },
    { "table.csv", "csv", "table.csv" },
    { "table", "csv", "table.csv" },
  };
  LsExportDialog *dialog = new_dialog (f, LS_EXPORT_MAP);
  g_autoptr(LsScenario) odd = ls_scenario_new ();
  g_autoptr(LsScenario) nameless = ls_scenario_new ();
  g_autofree char *name = NULL;
  g_autofree char *odd_name = NULL;
  g_autofree char *untitled = NULL;

  name = ls_export_dialog_dup_file_name_for_options (dialog);
  g_assert_cmpstr (name, ==, "Magnet embargo – map.png");
  select_row (dialog, "format_row", LS_EXPORT_PDF);
  g_clear_pointer (&name, g_free);
  name = ls_export_dialog_dup_file_name_for_options (dialog);
  g_assert_cmpstr (name, ==, "Magnet embargo – map.pdf");

  ls_scenario_set_name (odd, " ..US/China\tembargo ");
  odd_name = ls_export_dialog_dup_file_name (odd, "flows", "svg");
  g_assert_cmpstr (odd_name, ==, "US-China-embargo – flows.svg");
  untitled = ls_export_dialog_dup_file_name (nameless, "table", "csv");
  g_assert_cmpstr (untitled, ==, "Untitled Scenario – table.csv");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, cases[i].chosen, NULL);
      g_autofree char *expected = g_build_filename (f->dir, cases[i].fixed, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFile) fixed = ls_export_dialog_fix_extension (file, cases[i].extension);

      g_assert_cmpstr (g_file_peek_path (fixed), ==, expected);
    }

  close_dialog (dialog);
}

static void
exported_cb (LsExportDialog  *dialog,
             GFile           *file,
             GFile          **out)
{
  g_set_object (out, file);
}

static char *
read_file (const char *path,
           gsize      *length)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, NULL));
  return contents;
}

/* m7: Export… opens the save dialog in Pictures (or the last export's
 * folder) with the scenario's name and the format's file type; the file
 * type chosen there decides the format, the extension follows; the
 * choices and the folder are kept for the next export. */
static void
test_choose_file (Fixture       *f,
                  gconstpointer  data)
{
  LsExportDialog *dialog = new_dialog (f, LS_EXPORT_SANKEY);
  g_autoptr(GFile) start = ls_export_dialog_dup_folder (G_USER_DIRECTORY_PICTURES);
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) exported = NULL;
  g_autofree char *chosen = g_build_filename (f->dir, "deck.png", NULL);
  g_autofree char *written = g_build_filename (f->dir, "deck.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (chosen);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  GtkFileFilter *filter;
  GtkWidget *chooser;
  gsize length;

  select_row (dialog, "format_row", LS_EXPORT_SVG);
  select_row (dialog, "appearance_row", 1);
  g_signal_connect (dialog, "exported", G_CALLBACK (exported_cb), &exported);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  gtk_widget_activate (child (dialog, "export_button"));
  ls_ui_test_wait_for (ls_ui_test_has_file_chooser, NULL, "the file chooser");
  chooser = ls_ui_test_find_file_chooser ();

  ls_ui_test_wait_for (ls_ui_test_has_folder, chooser, "the chooser's folder");
  folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));
  g_assert_true (g_file_equal (folder, start));
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpstr (name, ==, "Magnet embargo – flows.svg");
  filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpstr (gtk_file_filter_get_name (filter), ==, "SVG Image");

  /* The user picks "PDF Document" and leaves a .png name. */
  {
    g_autoptr(GListModel) filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));

    for (guint i = 0; i < g_list_model_get_n_items (filters); i++)
      {
        g_autoptr(GtkFileFilter) candidate = g_list_model_get_item (filters, i);

        if (g_str_equal (gtk_file_filter_get_name (candidate), "PDF Document"))
          gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), candidate);
      }
  }
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
  g_assert_false (g_file_test (chosen, G_FILE_TEST_EXISTS));
  contents = read_file (written, &length);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* The dialog closed. */
  g_assert_null (dialog);

  /* The next dialog starts with the last choices, in the last folder. */
  dialog = new_dialog (f, LS_EXPORT_MAP);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (dialog, "format_row"))), ==, LS_EXPORT_PDF);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (dialog, "appearance_row"))), ==, 1);
  g_clear_object (&folder);
  folder = ls_export_dialog_dup_folder (G_USER_DIRECTORY_PICTURES);
  g_assert_cmpstr (g_file_peek_path (folder), ==, f->dir);
  close_dialog (dialog);
}

static gboolean
contains (const char *data,
          gsize       length,
          const char *text)
{
  gsize n = strlen (text);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, text, n) == 0)
      return TRUE;

  return FALSE;
}

/* What the dialog saves is the figure as chosen, with its caption: a
 * dark PNG at 2× has twice the pixels and names the restriction. */
static void
test_save (Fixture       *f,
           gconstpointer  data)
{
  LsExportDialog *dialog = new_dialog (f, LS_EXPORT_MAP);
  g_autofree char *path = g_build_filename (f->dir, "map.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *lever = ls_scenario_text_lever (f->dataset, ls_scenario_get_restriction (f->scenario, 0));
  g_autofree char *contents = NULL;
  cairo_surface_t *image;
  gsize length;

  select_row (dialog, "size_row", 0);
  select_row (dialog, "scale_row", 1);
  select_row (dialog, "appearance_row", 1);
  g_assert_true (ls_export_dialog_save (dialog, file, LS_EXPORT_PNG, &error));
  g_assert_no_error (error);

  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 2560);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 1440);
  cairo_surface_destroy (image);

  contents = read_file (path, &length);
  g_assert_true (contains (contents, length, lever));

  close_dialog (dialog);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!ls_ui_test_init_gtk ())
    return 0;
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) \
  g_test_add ("/lodestone/ui/export-dialog/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("options", test_options);
  ADD ("file-names", test_file_names);
  ADD ("choose-file", test_choose_file);
  ADD ("save", test_save);

#undef ADD

  return g_test_run ();
}
