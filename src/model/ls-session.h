/* ls-session.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ls-ranges.h"
#include "ls-result.h"

G_BEGIN_DECLS

#define LS_TYPE_SESSION (ls_session_get_type ())

G_DECLARE_FINAL_TYPE (LsSession, ls_session, LS, SESSION, GObject)

LsSession  *ls_session_new              (LsDataset   *dataset);
LsSession  *ls_session_new_for_scenario (LsDataset   *dataset,
                                         LsScenario  *state);

LsDataset  *ls_session_get_dataset      (LsSession   *self);
void        ls_session_set_dataset      (LsSession   *self,
                                         LsDataset   *dataset);
LsScenario *ls_session_get_scenario     (LsSession   *self);
void        ls_session_replace_scenario (LsSession   *self,
                                         LsScenario  *scenario);
void        ls_session_reset_scenario   (LsSession   *self,
                                         LsScenario  *scenario);

LsResult   *ls_session_get_result       (LsSession   *self);
LsResult   *ls_session_get_baseline     (LsSession   *self);
LsBaseline *ls_session_get_year_baseline (LsSession  *self,
                                          int         year);
LsRanges   *ls_session_get_ranges       (LsSession   *self);
gboolean    ls_session_get_series       (LsSession   *self,
                                         guint        stage,
                                         const int  **years,
                                         const double **dependency,
                                         guint       *n_years);
void        ls_session_hold_insights    (LsSession   *self);
void        ls_session_release_insights (LsSession   *self);

gboolean    ls_session_get_can_undo     (LsSession   *self);
gboolean    ls_session_get_can_redo     (LsSession   *self);
void        ls_session_undo             (LsSession   *self);
void        ls_session_redo             (LsSession   *self);
void        ls_session_clear_history    (LsSession   *self);

gboolean    ls_session_get_modified     (LsSession   *self);
void        ls_session_set_saved        (LsSession   *self);

G_END_DECLS
