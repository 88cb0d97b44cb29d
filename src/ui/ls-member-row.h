/* ls-member-row.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ls-scenario.h"

G_BEGIN_DECLS

#define LS_TYPE_MEMBER_ROW (ls_member_row_get_type ())

G_DECLARE_FINAL_TYPE (LsMemberRow, ls_member_row, LS, MEMBER_ROW, GtkListBoxRow)

GtkWidget  *ls_member_row_new          (const char   *country,
                                        const char   *name);
const char *ls_member_row_get_country  (LsMemberRow  *self);
const char *ls_member_row_get_name     (LsMemberRow  *self);
gboolean    ls_member_row_get_member   (LsMemberRow  *self);
void        ls_member_row_set_state    (LsMemberRow  *self,
                                        gboolean      member,
                                        LsMembership  membership,
                                        const char   *note);
const char *ls_member_row_get_note     (LsMemberRow  *self);
void        ls_member_row_set_memberships (LsMemberRow *self,
                                           const char  *memberships);
const char *ls_member_row_get_memberships (LsMemberRow *self);
void        ls_member_row_toggle       (LsMemberRow  *self);

G_END_DECLS
