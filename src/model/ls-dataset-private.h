/* ls-dataset-private.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ls-dataset.h"

G_BEGIN_DECLS

/* The given flows of @year (LsGivenFlow) in the dataset's own array, for
 * a baseline to share rather than copy: a dense year has a quarter of a
 * million. Read only; %NULL when the dataset has no such year. */
GArray *_ls_dataset_get_given_flows (LsDataset *self,
                                     int        year);

G_END_DECLS
