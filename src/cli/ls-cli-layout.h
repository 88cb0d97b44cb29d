/* ls-cli-layout.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int ls_cli_layout (int    argc,
                   char **argv);

G_END_DECLS
