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
 * The one layer every loader reads JSON through (datasets, scenarios,
 * calibration, the Sankey graph), so that every error has the same form:
 * "FILE:LINE:COLUMN: JSON-PATH: what".
 *
 * The text is parsed (RFC 8259) into a flat array of LsJsonValue, in
 * document order, each value followed by its descendants; nothing is
 * allocated per value. A value keeps only the byte offset where it starts:
 * its line and column are counted only when an error names them, and the
 * JSON path of a value is built by the loaders on the stack
 * (LsJsonPath) and written out only then too. json-glib stays for writing.
 */
typedef struct _LsJsonReader LsJsonReader;
typedef struct _LsJsonValue  LsJsonValue;
typedef struct _LsJsonPath   LsJsonPath;

typedef enum
{
  LS_JSON_NULL,
  LS_JSON_BOOLEAN,
  LS_JSON_NUMBER,
  LS_JSON_STRING,
  LS_JSON_ARRAY,
  LS_JSON_OBJECT,
} LsJsonKind;

/* Deeper nesting is refused: no format of ours needs more than six. */
#define LS_JSON_MAX_DEPTH 256

/*
 * A value of the document; it lives as long as its reader. An object's
 * members follow it as key (a string value) then value; an array's
 * elements follow it in order. A container's @skip counts it and its
 * descendants, so the next sibling of any value is _ls_json_next().
 * Sixteen bytes: a dataset has a value for every seven or so bytes of
 * text, and writing fresh memory is much of what parsing costs.
 */
struct _LsJsonValue
{
  guint32 offset;          /* where the value starts in the text, in bytes */
  guint32 kind       : 3;  /* LsJsonKind */
  guint32 is_integer : 1;  /* a number written without fraction or exponent that fits a gint64 */
  guint32 boolean    : 1;
  guint32 has_nul    : 1;  /* a string holding U+0000, which C strings cannot */
  guint32 size       : 26; /* a string's bytes */
  union
  {
    double      number;
    gint64      integer;
    const char *string;    /* NUL-terminated, unescaped UTF-8 */
    struct
    {
      guint32   skip;
      guint32   length;    /* elements or members */
    };
  };
};

/* A string's bytes must fit LsJsonValue.size. */
#define LS_JSON_MAX_STRING ((1 << 26) - 1)

/*
 * A JSON path, built on the stack while descending ("$", then members
 * and elements); _ls_json_path_to_string() writes it out for an error.
 * A path with no parent is the root, "$".
 */
struct _LsJsonPath
{
  const LsJsonPath *parent;
  const char       *member;  /* NULL for an element, at @index */
  guint             index;
};

#define LS_JSON_PATH_ROOT { NULL, NULL, 0 }

static inline LsJsonPath
_ls_json_path_member (const LsJsonPath *parent,
                      const char       *member)
{
  return (LsJsonPath) { parent, member, 0 };
}

static inline LsJsonPath
_ls_json_path_element (const LsJsonPath *parent,
                       guint             index)
{
  return (LsJsonPath) { parent, NULL, index };
}

char              *_ls_json_path_to_string     (const LsJsonPath *path);

/* Navigation; none of these fails on a value of another kind. */

static inline const LsJsonValue *
_ls_json_next (const LsJsonValue *value)
{
  return value + (value->kind >= LS_JSON_ARRAY ? value->skip : 1);
}

/* The first element of an array (or key of an object), or NULL. */
static inline const LsJsonValue *
_ls_json_first (const LsJsonValue *container)
{
  if ((container->kind != LS_JSON_ARRAY && container->kind != LS_JSON_OBJECT) ||
      container->length == 0)
    return NULL;

  return container + 1;
}

static inline gboolean
_ls_json_is (const LsJsonValue *value,
             LsJsonKind         kind)
{
  return value != NULL && value->kind == kind;
}

static inline double
_ls_json_get_double (const LsJsonValue *value)
{
  return value->is_integer ? (double) value->integer : value->number;
}

const LsJsonValue *_ls_json_get               (const LsJsonValue *object,
                                               const char        *name);

/* "an object", "a string", "null"…: what a value is, for messages. */
const char        *_ls_json_describe          (const LsJsonValue *value);

/* The reader. */

LsJsonReader      *_ls_json_reader_new        (GBytes        *bytes,
                                               const char    *filename,
                                               GError       **error);
void               _ls_json_reader_free       (LsJsonReader  *self);
const LsJsonValue *_ls_json_reader_get_root   (LsJsonReader  *self);
const char        *_ls_json_reader_get_filename (LsJsonReader *self);
void               _ls_json_reader_get_position (LsJsonReader      *self,
                                                 const LsJsonValue *value,
                                                 guint             *line,
                                                 guint             *column);
void               _ls_json_reader_set_error  (LsJsonReader      *self,
                                               GError           **error,
                                               const LsJsonValue *value,
                                               const LsJsonPath  *path,
                                               LsDataError        code,
                                               const char        *format,
                                               ...) G_GNUC_PRINTF (6, 7);

/*
 * The same "FILE:LINE:COLUMN: PATH: message" error in the caller's own
 * domain, for readers outside the model (the Sankey graph) that have codes
 * and wording of their own: they share this reader's positions and message
 * form without mapping their codes onto LsDataError, which has no
 * equivalent for most of them. Wrap it in a small variadic helper.
 */
void               _ls_json_reader_set_error_valist (LsJsonReader      *self,
                                                     GError           **error,
                                                     GQuark             domain,
                                                     int                code,
                                                     const LsJsonValue *value,
                                                     const LsJsonPath  *path,
                                                     const char        *format,
                                                     va_list            args) G_GNUC_PRINTF (7, 0);

/* "FILE:LINE:COLUMN: PATH": where @value was, for a message written
 * later, once the reader is gone. */
char              *_ls_json_reader_describe_position (LsJsonReader      *self,
                                                      const LsJsonValue *value,
                                                      const LsJsonPath  *path);

GBytes            *_ls_json_load_file         (GFile         *file,
                                               GCancellable  *cancellable,
                                               char         **name,
                                               GError       **error);

/* Reads one document into @object, a new object of the type loaded. */
typedef gboolean (*LsJsonLoadFunc) (gpointer       object,
                                    LsJsonReader  *reader,
                                    GError       **error);

gpointer           _ls_json_read_bytes        (GBytes          *bytes,
                                               const char      *filename,
                                               GType            type,
                                               LsJsonLoadFunc   load,
                                               GError         **error);
gpointer           _ls_json_read_file         (GFile           *file,
                                               GCancellable    *cancellable,
                                               GType            type,
                                               LsJsonLoadFunc   load,
                                               GError         **error);

/* Checked reading: each sets an LsDataError naming @path and fails when
 * @value is not what is asked for. */

const LsJsonValue *_ls_json_object            (LsJsonReader      *self,
                                               const LsJsonValue *value,
                                               const LsJsonPath  *path,
                                               GError           **error);
const LsJsonValue *_ls_json_array             (LsJsonReader      *self,
                                               const LsJsonValue *value,
                                               const LsJsonPath  *path,
                                               GError           **error);
const LsJsonValue *_ls_json_member            (LsJsonReader      *self,
                                               const LsJsonValue *object,
                                               const LsJsonPath  *path,
                                               const char        *name,
                                               gboolean           required,
                                               GError           **error);
gboolean           _ls_json_string            (LsJsonReader      *self,
                                               const LsJsonValue *value,
                                               const LsJsonPath  *path,
                                               const char       **string,
                                               GError           **error);
gboolean           _ls_json_number            (LsJsonReader      *self,
                                               const LsJsonValue *value,
                                               const LsJsonPath  *path,
                                               double             min,
                                               double             max,
                                               double            *number,
                                               GError           **error);
gboolean           _ls_json_integer           (LsJsonReader      *self,
                                               const LsJsonValue *value,
                                               const LsJsonPath  *path,
                                               gint64            *integer,
                                               GError           **error);
gboolean           _ls_json_boolean           (LsJsonReader      *self,
                                               const LsJsonValue *value,
                                               const LsJsonPath  *path,
                                               gboolean          *boolean,
                                               GError           **error);
gboolean           _ls_json_check_header      (LsJsonReader      *self,
                                               const char        *format,
                                               gint64             version,
                                               GError           **error);
gboolean           _ls_json_check_id          (LsJsonReader      *self,
                                               const LsJsonValue *value,
                                               const LsJsonPath  *path,
                                               const char        *id,
                                               gboolean           iso3,
                                               GError           **error);
gboolean           _ls_json_localized         (LsJsonReader      *self,
                                               const LsJsonValue *object,
                                               const LsJsonPath  *path,
                                               const char        *member,
                                               const char       **string,
                                               GError           **error);

/* What a json-glib node holds, in the same words as _ls_json_describe(),
 * for the one reader still on json-glib's tree (the map shapes, which
 * finds its positions itself). */
const char        *_ls_json_describe_node     (JsonNode      *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsJsonReader, _ls_json_reader_free)

G_END_DECLS
