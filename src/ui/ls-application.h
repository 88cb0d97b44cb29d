/* ls-application.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ls-dataset.h"

G_BEGIN_DECLS

#define LS_SETTINGS_SCHEMA_ID "io.github.lodestone.Lodestone"
#define LS_RESOURCE_PATH      "/io/github/lodestone/Lodestone"

#define LS_TYPE_APPLICATION (ls_application_get_type ())

G_DECLARE_FINAL_TYPE (LsApplication, ls_application, LS, APPLICATION, AdwApplication)

LsApplication *ls_application_new             (const char        *application_id,
                                               GApplicationFlags  flags);
void           ls_application_ensure_resources (void);
void           ls_application_init_allocator   (void);
GSettings     *ls_application_new_settings    (void);

G_END_DECLS
