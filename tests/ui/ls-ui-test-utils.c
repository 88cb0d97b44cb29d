/* ls-ui-test-utils.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "ls-ui-test-utils.h"

#include <adwaita.h>

/**
 * ls_ui_test_init_gtk:
 *
 * Initialises GTK and libadwaita, after g_test_init(). Without a display
 * it says so in TAP ("1..0 # SKIP"), so that the test program is skipped
 * rather than failed.
 *
 * Returns: whether there is a display to test on
 */
gboolean
ls_ui_test_init_gtk (void)
{
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return FALSE;
    }
  adw_init ();

  return TRUE;
}

/* Dispatches everything pending, without blocking. */
void
ls_ui_test_flush (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * ls_ui_test_wait_for:
 * @what: the condition in words, for the failure message
 *
 * Runs the main loop until @condition holds; fails the test after
 * %LS_UI_TEST_TIMEOUT_SECONDS, which only a hang reaches.
 */
void
ls_ui_test_wait_for (LsUiTestCondition  condition,
                     gpointer           user_data,
                     const char        *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (LS_UI_TEST_TIMEOUT_SECONDS, on_timeout_cb, &timed_out);

  while (!condition (user_data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("gave up waiting for %s", what);

  g_source_remove (id);
}

typedef struct
{
  guint n_frames;
} Frames;

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Frames *frames = user_data;

  if (frames->n_frames > 0)
    frames->n_frames--;

  gtk_widget_queue_draw (widget);
  return frames->n_frames > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
frames_done (gpointer user_data)
{
  return ((Frames *) user_data)->n_frames == 0;
}

/* Waits until @widget's frame clock has ticked @n_frames times. */
void
ls_ui_test_wait_for_frames (GtkWidget *widget,
                            guint      n_frames)
{
  Frames frames = { n_frames };

  if (n_frames == 0)
    return;

  gtk_widget_add_tick_callback (widget, count_frame_cb, &frames, NULL);
  ls_ui_test_wait_for (frames_done, &frames, "frames to be drawn");
}

static gboolean
is_mapped (gpointer user_data)
{
  GtkWidget *widget = user_data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 1;
}

/* Waits until @widget is on screen with a size. */
void
ls_ui_test_wait_for_mapped (GtkWidget *widget)
{
  ls_ui_test_wait_for (is_mapped, widget, "the widget to be mapped");
}

/* The first widget under @root, @root included, depth first, for which
 * @match is true. */
GtkWidget *
ls_ui_test_find_descendant (GtkWidget           *root,
                            LsUiTestWidgetMatch  match,
                            gconstpointer        data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ls_ui_test_find_descendant (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* File choosers ------------------------------------------------------------ */

GtkWidget *
ls_ui_test_find_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }

  return NULL;
}

gboolean
ls_ui_test_has_file_chooser (gpointer user_data)
{
  return ls_ui_test_find_file_chooser () != NULL;
}

gboolean
ls_ui_test_is_set (gpointer user_data)
{
  return *(gpointer *) user_data != NULL;
}

gboolean
ls_ui_test_has_folder_of (gpointer user_data)
{
  GtkWidget *chooser = ls_ui_test_find_file_chooser ();
  g_autoptr(GFile) folder = chooser != NULL ? gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser)) : NULL;
  g_autoptr(GFile) parent = g_file_get_parent (user_data);

  return folder != NULL && g_file_equal (folder, parent);
}

/* The chooser sets its folder once it has read it. */
gboolean
ls_ui_test_has_folder (gpointer user_data)
{
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (user_data);

  return folder != NULL;
}
