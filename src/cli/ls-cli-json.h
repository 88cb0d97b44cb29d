/* ls-cli-json.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ls-result.h"

G_BEGIN_DECLS

void ls_cli_json_add_number     (JsonBuilder    *builder,
                                 const char     *name,
                                 double          value);
void ls_cli_json_add_year_and_bloc (JsonBuilder    *builder,
                                    const LsResult *result);
void ls_cli_json_add_evidence   (JsonBuilder           *builder,
                                 const char            *name,
                                 const LsEvidenceSplit *split);
void ls_cli_json_add_dependency (JsonBuilder    *builder,
                                 const LsResult *result,
                                 guint           stage);
gboolean ls_cli_json_print      (JsonBuilder    *builder,
                                 GError        **error);

G_END_DECLS
