/* ls-dataset-private.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ls-dataset.h"
#include "ls-flow-state-private.h"

G_BEGIN_DECLS

/* The completed baseline of @year (DESIGN.md "Completing the flows"),
 * computed on first use and kept: a scenario change never recomputes it. */
const LsFlowState *_ls_dataset_get_baseline (LsDataset *self,
                                             int        year);

G_END_DECLS
