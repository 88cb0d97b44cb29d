/* ls-scenario-text.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ls-result.h"
#include "ls-scenario.h"

G_BEGIN_DECLS

char *ls_scenario_text_lever           (LsDataset              *dataset,
                                        const LsRestriction    *restriction);
char *ls_scenario_text_capacity        (LsDataset              *dataset,
                                        const LsCapacityChange *change);
char *ls_scenario_text_levers          (LsScenario             *scenario,
                                        LsDataset              *dataset);
char *ls_scenario_text_bloc            (const LsResult         *result,
                                        LsScenario             *scenario);
char *ls_scenario_text_description     (LsScenario             *scenario,
                                        const LsResult         *result);
char *ls_scenario_text_title           (LsScenario             *scenario,
                                        gboolean                modified);
char *ls_scenario_text_caption         (LsScenario             *scenario,
                                        const LsResult         *result);

G_END_DECLS
