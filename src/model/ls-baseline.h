/* ls-baseline.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ls-dataset.h"

G_BEGIN_DECLS

#define LS_TYPE_BASELINE (ls_baseline_get_type ())

GType              ls_baseline_get_type          (void) G_GNUC_CONST;
LsBaseline        *ls_baseline_new               (LsDataset        *dataset,
                                                  int               year);
LsBaseline        *ls_baseline_ref               (LsBaseline       *self);
void               ls_baseline_unref             (LsBaseline       *self);

LsDataset         *ls_baseline_get_dataset       (const LsBaseline *self);
int                ls_baseline_get_year          (const LsBaseline *self);
guint              ls_baseline_get_n_given_flows (const LsBaseline *self);
const LsGivenFlow *ls_baseline_get_given_flow    (const LsBaseline *self,
                                                  guint             index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsBaseline, ls_baseline_unref)

G_END_DECLS
