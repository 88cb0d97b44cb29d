/* ls-row.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LS_TYPE_ROW (ls_row_get_type ())

G_DECLARE_FINAL_TYPE (LsRow, ls_row, LS, ROW, GtkListBoxRow)

GtkWidget  *ls_row_new               (const char *title,
                                      GtkWidget  *control);
const char *ls_row_get_title         (LsRow      *self);
const char *ls_row_get_subtitle      (LsRow      *self);
void        ls_row_set_subtitle      (LsRow      *self,
                                      const char *subtitle);
void        ls_row_set_subtitle_lines (LsRow     *self,
                                       int        lines);
GtkWidget  *ls_row_get_control       (LsRow      *self);

G_END_DECLS
