/* ls-json-reader-private.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ls-model-types.h"

G_BEGIN_DECLS

/*
 * A parsed JSON document that remembers where each value was in the text,
 * so that validation errors can name file, line, column and JSON path.
 * Paths are built by the caller ("$.years[0].flows[2].value").
 */
typedef struct _LsJsonReader LsJsonReader;

LsJsonReader *_ls_json_reader_new        (GBytes        *bytes,
                                          const char    *filename,
                                          GError       **error);
void          _ls_json_reader_free       (LsJsonReader  *self);
JsonNode     *_ls_json_reader_get_root   (LsJsonReader  *self);
const char   *_ls_json_reader_get_filename (LsJsonReader *self);
void          _ls_json_reader_set_error  (LsJsonReader  *self,
                                          GError       **error,
                                          JsonNode      *node,
                                          const char    *path,
                                          LsDataError    code,
                                          const char    *format,
                                          ...) G_GNUC_PRINTF (6, 7);

/*
 * The same "FILE:LINE:COLUMN: PATH: message" error in the caller's own
 * domain, for readers outside the model (the Sankey graph) that have codes
 * and wording of their own: they share this reader's positions and message
 * form without mapping their codes onto LsDataError, which has no
 * equivalent for most of them. Wrap it in a small variadic helper.
 */
void          _ls_json_reader_set_error_valist (LsJsonReader *self,
                                                GError      **error,
                                                GQuark        domain,
                                                int           code,
                                                JsonNode     *node,
                                                const char   *path,
                                                const char   *format,
                                                va_list       args) G_GNUC_PRINTF (7, 0);

gboolean      _ls_json_localized         (LsJsonReader  *self,
                                          JsonNode      *object_node,
                                          const char    *path,
                                          const char    *member,
                                          const char   **value,
                                          GError       **error);
char         *_ls_json_reader_describe_position (LsJsonReader *self,
                                                 JsonNode     *node,
                                                 const char   *path);

/* "an object", "a string", "null"…: what a node holds, for messages. */
const char   *_ls_json_describe_node     (JsonNode      *node);

GBytes       *_ls_json_load_file         (GFile         *file,
                                          GCancellable  *cancellable,
                                          char         **name,
                                          GError       **error);

JsonObject   *_ls_json_object            (LsJsonReader  *self,
                                          JsonNode      *node,
                                          const char    *path,
                                          GError       **error);
JsonArray    *_ls_json_array             (LsJsonReader  *self,
                                          JsonNode      *node,
                                          const char    *path,
                                          GError       **error);
JsonNode     *_ls_json_member            (LsJsonReader  *self,
                                          JsonNode      *object_node,
                                          const char    *path,
                                          const char    *name,
                                          gboolean       required,
                                          GError       **error);
gboolean      _ls_json_string            (LsJsonReader  *self,
                                          JsonNode      *node,
                                          const char    *path,
                                          const char   **value,
                                          GError       **error);
gboolean      _ls_json_number            (LsJsonReader  *self,
                                          JsonNode      *node,
                                          const char    *path,
                                          double         min,
                                          double         max,
                                          double        *value,
                                          GError       **error);
gboolean      _ls_json_integer           (LsJsonReader  *self,
                                          JsonNode      *node,
                                          const char    *path,
                                          gint64        *value,
                                          GError       **error);
gboolean      _ls_json_boolean           (LsJsonReader  *self,
                                          JsonNode      *node,
                                          const char    *path,
                                          gboolean      *value,
                                          GError       **error);
gboolean      _ls_json_check_id          (LsJsonReader  *self,
                                          JsonNode      *node,
                                          const char    *path,
                                          const char    *id,
                                          gboolean       iso3,
                                          GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsJsonReader, _ls_json_reader_free)

G_END_DECLS
