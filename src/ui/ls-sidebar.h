/* ls-sidebar.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ls-dataset.h"
#include "ls-scenario.h"

G_BEGIN_DECLS

#define LS_TYPE_SIDEBAR (ls_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (LsSidebar, ls_sidebar, LS, SIDEBAR, GtkWidget)

GtkWidget  *ls_sidebar_new                (void);
void        ls_sidebar_set_model          (LsSidebar   *self,
                                           LsDataset   *dataset,
                                           LsScenario  *scenario);
void        ls_sidebar_finish_start       (LsSidebar   *self);
GtkWidget  *ls_sidebar_get_member_row     (LsSidebar   *self,
                                           const char  *country);
GtkWidget  *ls_sidebar_get_alliance_switch (LsSidebar  *self,
                                           const char  *alliance);
GtkWidget  *ls_sidebar_get_alliance_row  (LsSidebar  *self,
                                           const char *alliance);
const char *ls_sidebar_get_alliance_hint  (LsSidebar   *self);
GtkWidget  *ls_sidebar_get_preset_button  (LsSidebar   *self,
                                           guint        index);
gboolean    ls_sidebar_add_restriction    (LsSidebar   *self,
                                           const char  *stage,
                                           const char  *from,
                                           const char  *to,
                                           double       percent);
const char *ls_sidebar_get_form_error     (LsSidebar   *self);
GtkWidget  *ls_sidebar_get_capacity_country_picker (LsSidebar *self);
GtkWidget  *ls_sidebar_get_members_list   (LsSidebar   *self);
void        ls_sidebar_focus_search       (LsSidebar   *self);

G_END_DECLS
