/* ls-ui-test-utils.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * Waiting in UI tests. A test waits for a condition, never for a time:
 * a loaded machine draws fewer frames in a second, so a count of frames in
 * a window of time fails there. The timeout only stops a test that would
 * otherwise hang, and fails it with the condition's name.
 */

#define LS_UI_TEST_TIMEOUT_SECONDS 30

typedef gboolean (*LsUiTestCondition) (gpointer user_data);

gboolean ls_ui_test_init_gtk          (void);
void     ls_ui_test_flush             (void);
void     ls_ui_test_wait_for          (LsUiTestCondition  condition,
                                       gpointer           user_data,
                                       const char        *what);
void     ls_ui_test_wait_for_frames   (GtkWidget         *widget,
                                       guint              n_frames);
void     ls_ui_test_wait_for_mapped   (GtkWidget         *widget);

typedef gboolean (*LsUiTestWidgetMatch) (GtkWidget *widget, gconstpointer data);

GtkWidget *ls_ui_test_find_descendant (GtkWidget           *root,
                                       LsUiTestWidgetMatch  match,
                                       gconstpointer        data);

/* File choosers, and conditions for ls_ui_test_wait_for(). */
GtkWidget *ls_ui_test_find_file_chooser (void);
gboolean   ls_ui_test_has_file_chooser  (gpointer user_data);
gboolean   ls_ui_test_has_folder        (gpointer chooser);
gboolean   ls_ui_test_has_folder_of     (gpointer file);
gboolean   ls_ui_test_is_set            (gpointer pointer_location);

G_END_DECLS
