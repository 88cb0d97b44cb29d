/* ls-cli-verbs.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ls-cli-options.h"

G_BEGIN_DECLS

/* One verb each (ls-cli-check.c, …): run on options that
 * ls_cli_options_parse() read for it; return the exit status. */
int ls_cli_check  (const LsCliOptions *options);
int ls_cli_shares (const LsCliOptions *options);
int ls_cli_flows  (const LsCliOptions *options);
int ls_cli_render (const LsCliOptions *options);

G_END_DECLS
