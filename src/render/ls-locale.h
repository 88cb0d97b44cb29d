/* ls-locale.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void        ls_locale_init          (void);
const char *ls_locale_get_localedir (void);

G_END_DECLS
