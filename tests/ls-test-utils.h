/* ls-test-utils.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ls-dataset.h"

G_BEGIN_DECLS

LsDataset *ls_test_load_dataset         (const char *json);
LsDataset *ls_test_load_dataset_file    (const char *name);
char      *ls_test_build_filename       (const char *name);

G_END_DECLS
