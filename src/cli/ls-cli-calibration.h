/* ls-cli-calibration.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ls-dataset.h"

G_BEGIN_DECLS

int ls_cli_check_calibration (LsDataset  *dataset,
                              const char *targets,
                              const char *format,
                              int         samples);

G_END_DECLS
