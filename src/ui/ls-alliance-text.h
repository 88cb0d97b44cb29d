/* ls-alliance-text.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ls-dataset.h"
#include "ls-scenario.h"

G_BEGIN_DECLS

char     *ls_alliance_text_date        (const char *iso_date);
guint     ls_alliance_count_members    (LsDataset  *dataset,
                                        guint       alliance,
                                        int         membership_year);
char     *ls_alliance_text_subtitle    (LsDataset  *dataset,
                                        guint       alliance,
                                        LsScenario *scenario);
char     *ls_alliance_text_empty_hint  (LsDataset  *dataset,
                                        LsScenario *scenario);
char     *ls_alliance_text_memberships (LsDataset  *dataset,
                                        guint       country);
char     *ls_alliance_text_joins_later (LsDataset  *dataset,
                                        guint       country,
                                        LsScenario *scenario);
char     *ls_alliance_text_no_change   (LsDataset  *dataset,
                                        guint       alliance,
                                        LsScenario *scenario,
                                        gboolean    enabled);

G_END_DECLS
