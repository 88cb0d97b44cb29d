/* test-korean.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ls-locale.h"
#include "ls-scenario-text.h"
#include "ls-window.h"
#include "ls-test-locale.h"
#include "ls-ui-test-utils.h"

/* The window as a Korean user sees it when they run the app from the
 * build tree as the README says: LANG=ko_KR.UTF-8, nothing installed.
 * The expected strings are po/ko.po's translations. */

static void
flush_events (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
collect_menu (GMenuModel *model,
              GPtrArray  *texts)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuLinkIter) links = NULL;
      char *label = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        g_ptr_array_add (texts, label);

      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);

          collect_menu (link, texts);
        }
    }
}

/* Every text the widget tree under @widget shows or holds ready: labels,
 * row titles and subtitles, and the labels of menu buttons' menus. */
static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  if (ADW_IS_PREFERENCES_ROW (widget))
    g_ptr_array_add (texts, g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget))));
  if (ADW_IS_ACTION_ROW (widget) && adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) != NULL)
    g_ptr_array_add (texts, g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget))));
  /* The header's menus are made when first opened (issue 12). */
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) == NULL &&
      gtk_widget_get_ancestor (widget, ADW_TYPE_HEADER_BAR) != NULL)
    {
      gtk_menu_button_popup (GTK_MENU_BUTTON (widget));
      gtk_menu_button_popdown (GTK_MENU_BUTTON (widget));
    }
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) != NULL)
    collect_menu (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)), texts);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

static gboolean
has_text (GPtrArray  *texts,
          const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (g_ptr_array_index (texts, i), text))
      return TRUE;
  return FALSE;
}

static gboolean
has_match (GPtrArray  *texts,
           const char *pattern)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);

  g_assert_nonnull (regex);
  for (guint i = 0; i < texts->len; i++)
    if (g_regex_match (regex, g_ptr_array_index (texts, i), 0, NULL))
      return TRUE;
  return FALSE;
}

static void
test_window (void)
{
  g_autofree char *build_po = NULL;
  g_autofree char *catalogue = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *members = NULL;
  LsWindow *window;
  LsDataset *dataset;
  char *root;
  int msp;
  guint n_members = 0;

  if (!ls_test_require_locale ("ko_KR.UTF-8"))
    return;

  /* What main() does first. */
  ls_locale_init ();
  textdomain (GETTEXT_PACKAGE);
  g_assert_cmpstr (setlocale (LC_MESSAGES, NULL), ==, "ko_KR.UTF-8");

  /* The catalogue is the build tree's, not an installed one. */
  root = realpath (LS_BUILD_ROOT, NULL);
  g_assert_nonnull (root);
  build_po = g_build_filename (root, "po", NULL);
  free (root);
  g_assert_cmpstr (ls_locale_get_localedir (), ==, build_po);
  catalogue = g_build_filename (build_po, "ko", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_assert_true (g_file_test (catalogue, G_FILE_TEST_IS_REGULAR));

  window = ls_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  /* Drawn, so that its menus can open (collect_texts()). */
  ls_ui_test_wait_for_frames (GTK_WIDGET (window), 1);
  flush_events ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-scenario", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "scenario.alliance-msp", NULL);
  flush_events ();

  collect_texts (GTK_WIDGET (window), texts);

  /* The share panel's title ("Shares by Stage") and a legend entry
   * ("China", after its colour swatch and a no-break space). */
  g_assert_true (has_text (texts, "단계별 비중"));
  g_assert_true (has_match (texts, "■\u00a0중국"));
  g_assert_false (has_text (texts, "Shares by Stage"));
  g_assert_false (has_match (texts, "■\u00a0China"));

  /* A menu item ("_New Scenario"). */
  g_assert_true (has_text (texts, "새 시나리오(_N)"));
  g_assert_false (has_text (texts, "_New Scenario"));

  /* A number of members ("%u members"), for the MSP row. */
  dataset = ls_window_get_dataset (window);
  msp = ls_dataset_lookup_alliance (dataset, "msp");
  g_assert_cmpint (msp, >=, 0);
  /* Members in the year shown; the row's second line is its founding. */
  for (guint c = 0; c < ls_dataset_get_n_countries (dataset); c++)
    n_members += ls_dataset_alliance_has_member_in_year (dataset, msp, c,
                                                       ls_result_get_year (ls_window_get_result (window))) ? 1 : 0;
  g_assert_cmpuint (n_members, >, 1);
  members = g_strdup_printf ("^회원국 %u개국(\\n|$)", n_members);
  g_assert_true (has_match (texts, members));

  /* Numbers follow ko_KR: an HHI in the thousands is grouped with ",". */
  g_assert_true (has_match (texts, "HHI [0-9]{1,3}(,[0-9]{3})+ · "));

  /* The bloc in words, as every caption and figure subtitle has it, in
   * Korean plurals even where no textdomain() was called (the CLI). */
  {
    g_autofree char *bloc = NULL;
    g_autofree char *expected = g_strdup_printf ("(%u개국)", n_members);

    textdomain ("messages");
    bloc = ls_scenario_text_bloc (ls_window_get_result (window), ls_window_get_scenario (window));
    textdomain (GETTEXT_PACKAGE);
    g_assert_true (g_str_has_suffix (bloc, expected));
    g_assert_null (strstr (bloc, "countries"));
  }

  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  flush_events ();
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  /* Only LANG, as a user's session sets it; the test environment's
   * LC_ALL=C.UTF-8 would override it. */
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  g_unsetenv ("LANGUAGE");
  g_setenv ("LANG", "ko_KR.UTF-8", TRUE);

  g_test_init (&argc, &argv, NULL);

  if (!ls_ui_test_init_gtk ())
    return 0;

  g_test_add_func ("/lodestone/ui/korean/window", test_window);

  return g_test_run ();
}
