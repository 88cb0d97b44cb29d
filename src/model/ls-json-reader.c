/* ls-json-reader.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-json-reader"

#include "config.h"

#include "ls-json-reader-private.h"

#include <math.h>
#include <string.h>

struct _LsJsonReader
{
  JsonParser *parser;
  char       *filename;

  /* JsonNode*, JsonObject* or JsonArray* → packed (line << 16 | column).
   * Scalars are recorded where their text ends, containers where they
   * start: both are what a person looks for in an editor. */
  GHashTable *positions;

  /* Containers open while parsing, with where they started. */
  GArray     *open;

  /* "%p/name" of every member seen, to find a repeated member name. */
  GHashTable *member_keys;

  /* The first repeated member name, found while parsing. */
  char       *duplicate_path;
  guint       duplicate_position;
};

G_DEFINE_QUARK (ls-data-error-quark, ls_data_error)

static guint
pack_position (guint line,
               guint column)
{
  return (MIN (line, 0xffff) << 16) | MIN (column, 0xffff);
}

static guint
current_position (JsonParser *parser)
{
  return pack_position (json_parser_get_current_line (parser),
                        json_parser_get_current_pos (parser));
}

static void
on_container_start_cb (JsonParser   *parser,
                       LsJsonReader *self)
{
  guint pos = current_position (parser);

  g_array_append_val (self->open, pos);
}

static void
on_object_end_cb (JsonParser   *parser,
                  JsonObject   *object,
                  LsJsonReader *self)
{
  guint pos;

  if (self->open->len == 0)
    return;

  pos = g_array_index (self->open, guint, self->open->len - 1);
  g_array_set_size (self->open, self->open->len - 1);
  g_hash_table_insert (self->positions, object, GUINT_TO_POINTER (pos));
}

static void
on_array_end_cb (JsonParser   *parser,
                 JsonArray    *array,
                 LsJsonReader *self)
{
  guint pos;

  if (self->open->len == 0)
    return;

  pos = g_array_index (self->open, guint, self->open->len - 1);
  g_array_set_size (self->open, self->open->len - 1);
  g_hash_table_insert (self->positions, array, GUINT_TO_POINTER (pos));
}

static void
on_object_member_cb (JsonParser   *parser,
                     JsonObject   *object,
                     const char   *name,
                     LsJsonReader *self)
{
  JsonNode *node = json_object_get_member (object, name);
  guint pos = current_position (parser);
  g_autofree char *key = g_strdup_printf ("%p/%s", (gpointer) object, name);

  /* json-glib keeps the last of two equal member names; a dataset with
   * one is ambiguous, so remember it and refuse the file. */
  if (!g_hash_table_add (self->member_keys, g_steal_pointer (&key)) &&
      self->duplicate_path == NULL)
    {
      self->duplicate_path = g_strdup (name);
      self->duplicate_position = pos;
    }

  if (node != NULL && (JSON_NODE_HOLDS_VALUE (node) || JSON_NODE_HOLDS_NULL (node)))
    g_hash_table_insert (self->positions, node, GUINT_TO_POINTER (pos));
}

static void
on_array_element_cb (JsonParser   *parser,
                     JsonArray    *array,
                     int           index_,
                     LsJsonReader *self)
{
  JsonNode *node = json_array_get_element (array, index_);

  if (node != NULL && (JSON_NODE_HOLDS_VALUE (node) || JSON_NODE_HOLDS_NULL (node)))
    g_hash_table_insert (self->positions, node, GUINT_TO_POINTER (current_position (parser)));
}

void
_ls_json_reader_free (LsJsonReader *self)
{
  g_clear_object (&self->parser);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->member_keys, g_hash_table_unref);
  g_clear_pointer (&self->open, g_array_unref);
  g_free (self->duplicate_path);
  g_free (self->filename);
  g_free (self);
}

static guint
lookup_position (LsJsonReader *self,
                 JsonNode     *node)
{
  gpointer key = node;

  if (node == NULL)
    return 0;

  if (JSON_NODE_HOLDS_OBJECT (node))
    key = json_node_get_object (node);
  else if (JSON_NODE_HOLDS_ARRAY (node))
    key = json_node_get_array (node);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->positions, key));
}

void
_ls_json_reader_set_error_valist (LsJsonReader  *self,
                                  GError       **error,
                                  GQuark         domain,
                                  int            code,
                                  JsonNode      *node,
                                  const char    *path,
                                  const char    *format,
                                  va_list        args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);
  guint pos = lookup_position (self, node);

  if (pos == 0)
    pos = pack_position (1, 1);

  g_set_error (error, domain, code, "%s:%u:%u: %s: %s",
               self->filename, pos >> 16, pos & 0xffff, path, message);
}

/**
 * _ls_json_localized:
 * @member: the name of an optional object {LANGUAGE: string}, e.g. "names"
 * @value: (out): the string for the first of the user's languages it
 *   has, or unchanged when it has none
 *
 * Names and descriptions are data, not program text, so their
 * translations live beside them (data/README.md).
 */
gboolean
_ls_json_localized (LsJsonReader  *self,
                    JsonNode      *object_node,
                    const char    *path,
                    const char    *member,
                    const char   **value,
                    GError       **error)
{
  g_autofree char *member_path = g_strdup_printf ("%s.%s", path, member);
  const char * const *languages = g_get_language_names ();
  JsonObject *object;
  JsonNode *node;
  JsonObjectIter iter;
  const char *language;
  JsonNode *element;

  if (!(node = json_object_get_member (json_node_get_object (object_node), member)))
    return TRUE;

  if (!(object = _ls_json_object (self, node, member_path, error)))
    return FALSE;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &language, &element))
    {
      g_autofree char *element_path = g_strdup_printf ("%s.%s", member_path, language);
      const char *str;

      if (!_ls_json_string (self, element, element_path, &str, error))
        return FALSE;
    }

  for (guint i = 0; languages[i] != NULL; i++)
    if ((element = json_object_get_member (object, languages[i])))
      {
        *value = json_node_get_string (element);
        break;
      }

  return TRUE;
}

/* "FILE:LINE:COLUMN: PATH": where @node was, for a message written
 * later, once the reader is gone. */
char *
_ls_json_reader_describe_position (LsJsonReader *self,
                                   JsonNode     *node,
                                   const char   *path)
{
  guint pos = lookup_position (self, node);

  if (pos == 0)
    pos = pack_position (1, 1);

  return g_strdup_printf ("%s:%u:%u: %s", self->filename, pos >> 16, pos & 0xffff, path);
}

void
_ls_json_reader_set_error (LsJsonReader  *self,
                           GError       **error,
                           JsonNode      *node,
                           const char    *path,
                           LsDataError    code,
                           const char    *format,
                           ...)
{
  va_list args;

  va_start (args, format);
  _ls_json_reader_set_error_valist (self, error, LS_DATA_ERROR, code, node, path, format, args);
  va_end (args);
}

LsJsonReader *
_ls_json_reader_new (GBytes      *bytes,
                     const char  *filename,
                     GError     **error)
{
  g_autoptr(LsJsonReader) self = g_new0 (LsJsonReader, 1);
  g_autoptr(GError) local_error = NULL;
  gconstpointer data;
  gsize size;

  self->filename = g_strdup (filename != NULL ? filename : "<data>");
  self->parser = json_parser_new_immutable ();
  self->positions = g_hash_table_new (NULL, NULL);
  self->member_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->open = g_array_new (FALSE, FALSE, sizeof (guint));

  g_signal_connect (self->parser, "object-start", G_CALLBACK (on_container_start_cb), self);
  g_signal_connect (self->parser, "array-start", G_CALLBACK (on_container_start_cb), self);
  g_signal_connect (self->parser, "object-end", G_CALLBACK (on_object_end_cb), self);
  g_signal_connect (self->parser, "array-end", G_CALLBACK (on_array_end_cb), self);
  g_signal_connect (self->parser, "object-member", G_CALLBACK (on_object_member_cb), self);
  g_signal_connect (self->parser, "array-element", G_CALLBACK (on_array_element_cb), self);

  data = g_bytes_get_data (bytes, &size);

  /* json-glib takes a signed length and reads a negative one as “up to
   * the first NUL”. */
  if (size > G_MAXSSIZE)
    {
      g_set_error (error, LS_DATA_ERROR, LS_DATA_ERROR_PARSE,
                   "%s:1:1: $: the file is too large", self->filename);
      return NULL;
    }

  if (size == 0)
    {
      g_set_error (error, LS_DATA_ERROR, LS_DATA_ERROR_PARSE,
                   "%s:1:1: $: the file is empty", self->filename);
      return NULL;
    }

  if (!g_utf8_validate (data, size, NULL))
    {
      g_set_error (error, LS_DATA_ERROR, LS_DATA_ERROR_PARSE,
                   "%s:1:1: $: the file is not UTF-8 text", self->filename);
      return NULL;
    }

  if (!json_parser_load_from_data (self->parser, data, size, &local_error))
    {
      const char *message = local_error->message;

      /* json-glib says "<data>:LINE:COL: Parse error: …"; name the file. */
      if (g_str_has_prefix (message, "<data>:"))
        message += strlen ("<data>:");
      else
        message = NULL;

      if (message != NULL)
        g_set_error (error, LS_DATA_ERROR, LS_DATA_ERROR_PARSE,
                     "%s:%s", self->filename, message);
      else
        g_set_error (error, LS_DATA_ERROR, LS_DATA_ERROR_PARSE,
                     "%s:%u:%u: $: %s", self->filename,
                     json_parser_get_current_line (self->parser),
                     json_parser_get_current_pos (self->parser),
                     local_error->message);
      return NULL;
    }

  if (json_parser_get_root (self->parser) == NULL)
    {
      g_set_error (error, LS_DATA_ERROR, LS_DATA_ERROR_PARSE,
                   "%s:1:1: $: the file holds no JSON value", self->filename);
      return NULL;
    }

  if (self->duplicate_path != NULL)
    {
      g_set_error (error, LS_DATA_ERROR, LS_DATA_ERROR_DUPLICATE,
                   "%s:%u:%u: $: member “%s” is given twice in one object",
                   self->filename, self->duplicate_position >> 16,
                   self->duplicate_position & 0xffff, self->duplicate_path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

JsonNode *
_ls_json_reader_get_root (LsJsonReader *self)
{
  return json_parser_get_root (self->parser);
}

const char *
_ls_json_reader_get_filename (LsJsonReader *self)
{
  return self->filename;
}

/* Reads @file whole; @name is what errors call it (its path, or its URI
 * where it has none). A failure is an LS_DATA_ERROR_IO naming the file. */
GBytes *
_ls_json_load_file (GFile         *file,
                    GCancellable  *cancellable,
                    char         **name,
                    GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes;

  *name = g_file_get_path (file);
  if (*name == NULL)
    *name = g_file_get_uri (file);

  if (!(bytes = g_file_load_bytes (file, cancellable, NULL, &local_error)))
    g_set_error (error, LS_DATA_ERROR, LS_DATA_ERROR_IO, "%s: %s", *name, local_error->message);

  return bytes;
}

const char *
_ls_json_describe_node (JsonNode *node)
{
  if (node == NULL)
    return "nothing";

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return "an object";
    case JSON_NODE_ARRAY:
      return "an array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return "a string";
    case G_TYPE_BOOLEAN:
      return "a boolean";
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return "a number";
    default:
      return "a value";
    }
}

JsonObject *
_ls_json_object (LsJsonReader  *self,
                 JsonNode      *node,
                 const char    *path,
                 GError       **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      _ls_json_reader_set_error (self, error, node, path, LS_DATA_ERROR_TYPE,
                                 "expected an object, found %s", _ls_json_describe_node (node));
      return NULL;
    }

  return json_node_get_object (node);
}

JsonArray *
_ls_json_array (LsJsonReader  *self,
                JsonNode      *node,
                const char    *path,
                GError       **error)
{
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      _ls_json_reader_set_error (self, error, node, path, LS_DATA_ERROR_TYPE,
                                 "expected an array, found %s", _ls_json_describe_node (node));
      return NULL;
    }

  return json_node_get_array (node);
}

/* Returns the member, or NULL: with an error when it is required (or the
 * parent is not an object), without one when it is optional and absent. */
JsonNode *
_ls_json_member (LsJsonReader  *self,
                 JsonNode      *object_node,
                 const char    *path,
                 const char    *name,
                 gboolean       required,
                 GError       **error)
{
  JsonObject *object;
  JsonNode *member;

  if (!(object = _ls_json_object (self, object_node, path, error)))
    return NULL;

  member = json_object_get_member (object, name);

  if (member == NULL && required)
    _ls_json_reader_set_error (self, error, object_node, path, LS_DATA_ERROR_MISSING,
                               "required member “%s” is missing", name);

  return member;
}

gboolean
_ls_json_string (LsJsonReader  *self,
                 JsonNode      *node,
                 const char    *path,
                 const char   **value,
                 GError       **error)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      _ls_json_reader_set_error (self, error, node, path, LS_DATA_ERROR_TYPE,
                                 "expected a string, found %s", _ls_json_describe_node (node));
      return FALSE;
    }

  *value = json_node_get_string (node);
  return TRUE;
}

gboolean
_ls_json_number (LsJsonReader  *self,
                 JsonNode      *node,
                 const char    *path,
                 double         min,
                 double         max,
                 double        *value,
                 GError       **error)
{
  GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  double v;

  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    {
      _ls_json_reader_set_error (self, error, node, path, LS_DATA_ERROR_TYPE,
                                 "expected a number, found %s", _ls_json_describe_node (node));
      return FALSE;
    }

  v = json_node_get_double (node);

  if (!isfinite (v))
    {
      _ls_json_reader_set_error (self, error, node, path, LS_DATA_ERROR_VALUE,
                                 "the number is not finite");
      return FALSE;
    }

  if (v < min && min == 0.0)
    {
      _ls_json_reader_set_error (self, error, node, path, LS_DATA_ERROR_VALUE,
                                 "must not be negative (found %g)", v);
      return FALSE;
    }

  if (v < min || v > max)
    {
      _ls_json_reader_set_error (self, error, node, path, LS_DATA_ERROR_VALUE,
                                 "must be between %g and %g (found %g)", min, max, v);
      return FALSE;
    }

  *value = v;
  return TRUE;
}

gboolean
_ls_json_integer (LsJsonReader  *self,
                  JsonNode      *node,
                  const char    *path,
                  gint64        *value,
                  GError       **error)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      _ls_json_reader_set_error (self, error, node, path, LS_DATA_ERROR_TYPE,
                                 "expected a whole number, found %s", _ls_json_describe_node (node));
      return FALSE;
    }

  *value = json_node_get_int (node);
  return TRUE;
}

gboolean
_ls_json_boolean (LsJsonReader  *self,
                  JsonNode      *node,
                  const char    *path,
                  gboolean      *value,
                  GError       **error)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      _ls_json_reader_set_error (self, error, node, path, LS_DATA_ERROR_TYPE,
                                 "expected true or false, found %s", _ls_json_describe_node (node));
      return FALSE;
    }

  *value = json_node_get_boolean (node);
  return TRUE;
}

/* Country ids are ISO 3166-1 alpha-3; other ids are lower-case words
 * joined by hyphens, so they can appear in file names and actions. */
gboolean
_ls_json_check_id (LsJsonReader  *self,
                   JsonNode      *node,
                   const char    *path,
                   const char    *id,
                   gboolean       iso3,
                   GError       **error)
{
  gboolean ok = id[0] != '\0';

  if (iso3)
    ok = strlen (id) == 3 && g_ascii_isupper (id[0]) && g_ascii_isupper (id[1]) && g_ascii_isupper (id[2]);
  else
    for (const char *c = id; *c != '\0' && ok; c++)
      ok = g_ascii_islower (*c) || g_ascii_isdigit (*c) || *c == '-';

  if (!ok)
    _ls_json_reader_set_error (self, error, node, path, LS_DATA_ERROR_VALUE,
                               iso3 ? "“%s” is not an ISO 3166-1 alpha-3 code"
                                    : "“%s” is not a valid id (lower-case letters, digits and hyphens)",
                               id);

  return ok;
}
