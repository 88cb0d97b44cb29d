/* ls-scenario-details.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ls-session.h"

G_BEGIN_DECLS

#define LS_TYPE_SCENARIO_DETAILS (ls_scenario_details_get_type ())

G_DECLARE_FINAL_TYPE (LsScenarioDetails, ls_scenario_details, LS, SCENARIO_DETAILS, AdwWindow)

GtkWidget *ls_scenario_details_new      (GtkWindow         *parent,
                                         LsSession         *session);
void       ls_scenario_details_set_text (LsScenarioDetails *self,
                                         const char        *title,
                                         const char        *description);
char      *ls_scenario_details_get_description (LsScenarioDetails *self);
void       ls_scenario_details_apply    (LsScenarioDetails *self);

G_END_DECLS
