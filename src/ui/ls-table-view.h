/* ls-table-view.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ls-result.h"
#include "ls-session.h"

G_BEGIN_DECLS

#define LS_TYPE_TABLE_VIEW (ls_table_view_get_type ())

G_DECLARE_FINAL_TYPE (LsTableView, ls_table_view, LS, TABLE_VIEW, GtkWidget)

GtkWidget  *ls_table_view_new          (void);
void        ls_table_view_set_session  (LsTableView  *self,
                                        LsSession    *session);
void        ls_table_view_set_result   (LsTableView  *self,
                                        LsResult     *result);
void        ls_table_view_set_scenario (LsTableView  *self,
                                        LsScenario   *scenario);
guint       ls_table_view_get_n_rows   (LsTableView  *self);
char       *ls_table_view_to_csv       (LsTableView  *self);
gboolean    ls_table_view_save_csv     (LsTableView  *self,
                                        GFile        *file,
                                        GError      **error);

G_END_DECLS
