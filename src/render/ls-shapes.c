/* ls-shapes.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-shapes"

#include "config.h"

#include "ls-shapes.h"
#include "ls-json-reader-private.h"

#include "ls-render-resources.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#define SHAPES_FORMAT "lodestone-shapes"
#define SHAPES_VERSION 1
#define SHAPES_RESOURCE_DIR "/io/github/lodestone/Lodestone/shapes/"

typedef struct
{
  guint       offset;   /* into coords, in doubles */
  guint       n_points;
  LsGeoBounds bounds;
} Ring;

typedef struct
{
  guint first_ring;
  guint n_rings;
} Polygon;

typedef struct
{
  char       *id;
  char       *name;
  guint       first_polygon;
  guint       n_polygons;
  LsGeoBounds bounds;
} Country;

struct _LsShapes
{
  GObject     parent_instance;

  char       *filename;
  char       *resolution;

  /* Flat lon, lat pairs of every ring, in degrees. */
  GArray     *coords;
  GArray     *rings;     /* Ring */
  GArray     *polygons;  /* Polygon */
  GArray     *countries; /* Country */

  /* id → index + 1 */
  GHashTable *by_id;

  /* coords projected to raw unit-sphere x, y for each LsProjectionKind,
   * computed on first draw; set once, so safe to read from any thread. */
  double     *projected[LS_PROJECTION_N_KINDS];
};

G_DEFINE_FINAL_TYPE (LsShapes, ls_shapes, G_TYPE_OBJECT)

G_DEFINE_QUARK (ls-shapes-error-quark, ls_shapes_error)

/* Locating a JSON path in the source text.
 *
 * json-glib does not keep positions of nodes, and recording them while
 * parsing costs a hash-table entry per coordinate. Errors are rare, so
 * instead we find the offending value again, by its path, with a small
 * scanner over the text, and only when there is an error to report. */

typedef struct
{
  const char *p;
  const char *end;
  guint       line;
  const char *line_start;
} Scanner;

static void
scan_whitespace (Scanner *s)
{
  while (s->p < s->end &&
         (*s->p == ' ' || *s->p == '\t' || *s->p == '\r' || *s->p == '\n'))
    {
      if (*s->p == '\n')
        {
          s->line++;
          s->line_start = s->p + 1;
        }
      s->p++;
    }
}

/* Skips one JSON value; the text is known to be well-formed. */
static gboolean
scan_value (Scanner *s)
{
  guint depth = 0;

  do
    {
      scan_whitespace (s);
      if (s->p >= s->end)
        return FALSE;

      switch (*s->p)
        {
        case '"':
          for (s->p++; s->p < s->end && *s->p != '"'; s->p++)
            if (*s->p == '\\')
              s->p++;
          s->p++;
          break;

        case '[':
        case '{':
          depth++;
          s->p++;
          break;

        case ']':
        case '}':
          if (depth == 0)
            return FALSE;
          depth--;
          s->p++;
          break;

        case ',':
        case ':':
          s->p++;
          break;

        default:
          while (s->p < s->end && strchr (" \t\r\n,:]}", *s->p) == NULL)
            s->p++;
          break;
        }
    }
  while (depth > 0);

  return TRUE;
}

static gboolean
scan_char (Scanner *s,
           char     c)
{
  scan_whitespace (s);
  if (s->p >= s->end || *s->p != c)
    return FALSE;
  s->p++;
  return TRUE;
}

static gboolean
scan_member (Scanner    *s,
             const char *name,
             gsize       name_len)
{
  if (!scan_char (s, '{'))
    return FALSE;

  for (;;)
    {
      const char *key;
      gboolean found;

      scan_whitespace (s);
      if (s->p >= s->end || *s->p != '"')
        return FALSE;
      key = s->p + 1;
      if (!scan_value (s))
        return FALSE;
      found = (gsize) (s->p - 1 - key) == name_len && memcmp (key, name, name_len) == 0;
      if (!scan_char (s, ':'))
        return FALSE;
      if (found)
        {
          scan_whitespace (s);
          return TRUE;
        }
      if (!scan_value (s) || !scan_char (s, ','))
        return FALSE;
    }
}

static gboolean
scan_element (Scanner *s,
              guint64  index)
{
  if (!scan_char (s, '['))
    return FALSE;

  for (guint64 i = 0; i < index; i++)
    if (!scan_value (s) || !scan_char (s, ','))
      return FALSE;

  scan_whitespace (s);
  return TRUE;
}

/* Finds where the value at @path ("$.countries[4].polygons[0]") starts,
 * as a 1-based line and column (in characters). */
static gboolean
locate_path (const char *text,
             gsize       len,
             const char *path,
             guint      *line,
             guint      *column)
{
  Scanner s = { text, text + len, 1, text };
  const char *p = path;

  if (*p++ != '$')
    return FALSE;

  while (*p != '\0')
    {
      if (*p == '.')
        {
          gsize n = strcspn (p + 1, ".[");

          if (!scan_member (&s, p + 1, n))
            return FALSE;
          p += n + 1;
        }
      else if (*p == '[')
        {
          char *end;
          guint64 index = g_ascii_strtoull (p + 1, &end, 10);

          if (*end != ']' || !scan_element (&s, index))
            return FALSE;
          p = end + 1;
        }
      else
        return FALSE;
    }

  scan_whitespace (&s);
  if (s.p >= s.end)
    return FALSE;

  *line = s.line;
  *column = g_utf8_strlen (s.line_start, s.p - s.line_start) + 1;
  return TRUE;
}

/* Loading */

typedef struct
{
  LsShapes   *self;
  const char *filename;
  const char *text;
  gsize       len;
  GString    *path;
} Loader;

static gboolean G_GNUC_PRINTF (4, 5)
loader_fail (Loader        *loader,
             GError       **error,
             LsShapesError  code,
             const char    *format,
             ...)
{
  g_autofree char *message = NULL;
  guint line, column;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (locate_path (loader->text, loader->len, loader->path->str, &line, &column))
    g_set_error (error, LS_SHAPES_ERROR, code, "%s:%u:%u: %s: %s",
                 loader->filename, line, column, loader->path->str, message);
  else
    g_set_error (error, LS_SHAPES_ERROR, code, "%s: %s: %s",
                 loader->filename, loader->path->str, message);

  return FALSE;
}

static gboolean
expect_array (Loader     *loader,
              JsonNode   *node,
              JsonArray **array,
              GError    **error)
{
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return loader_fail (loader, error, LS_SHAPES_ERROR_INVALID,
                        "expected an array, found %s", _ls_json_describe_node (node));
  *array = json_node_get_array (node);
  return TRUE;
}

/* Looks up @name in @object, extending the path to it. The caller
 * truncates the path again. */
static gboolean
expect_member (Loader      *loader,
               JsonObject  *object,
               const char  *name,
               JsonNode   **node,
               GError     **error)
{
  *node = json_object_get_member (object, name);
  if (*node == NULL)
    return loader_fail (loader, error, LS_SHAPES_ERROR_INVALID,
                        "missing member \"%s\"", name);
  g_string_append_printf (loader->path, ".%s", name);
  return TRUE;
}

static gboolean
expect_string (Loader      *loader,
               JsonNode    *node,
               const char **value,
               GError     **error)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return loader_fail (loader, error, LS_SHAPES_ERROR_INVALID,
                        "expected a string, found %s", _ls_json_describe_node (node));
  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_DOUBLE || type == G_TYPE_INT64;
}

static double
get_number (JsonNode *node)
{
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  return json_node_get_double (node);
}

static void
bounds_init (LsGeoBounds *b)
{
  b->west = b->south = INFINITY;
  b->east = b->north = -INFINITY;
}

static void
bounds_union (LsGeoBounds       *b,
              const LsGeoBounds *other)
{
  b->west = MIN (b->west, other->west);
  b->south = MIN (b->south, other->south);
  b->east = MAX (b->east, other->east);
  b->north = MAX (b->north, other->north);
}

static gboolean
load_ring (Loader    *loader,
           JsonNode  *node,
           GError   **error)
{
  LsShapes *self = loader->self;
  JsonArray *array = NULL;
  Ring ring;
  guint n;

  if (!expect_array (loader, node, &array, error))
    return FALSE;

  n = json_array_get_length (array);
  if (n % 2 != 0)
    return loader_fail (loader, error, LS_SHAPES_ERROR_INVALID,
                        "odd number of coordinates (%u)", n);
  if (n < 6)
    return loader_fail (loader, error, LS_SHAPES_ERROR_INVALID,
                        "a ring needs at least 3 points, found %u", n / 2);

  ring.offset = self->coords->len;
  ring.n_points = n / 2;
  bounds_init (&ring.bounds);

  for (guint i = 0; i < n; i += 2)
    {
      JsonNode *lon_node = json_array_get_element (array, i);
      JsonNode *lat_node = json_array_get_element (array, i + 1);
      double lonlat[2];

      for (guint k = 0; k < 2; k++)
        {
          JsonNode *v = k == 0 ? lon_node : lat_node;
          double limit = k == 0 ? 180.0 : 90.0;

          if (!is_number (v) || !isfinite (get_number (v)) || fabs (get_number (v)) > limit)
            {
              g_string_append_printf (loader->path, "[%u]", i + k);
              if (!is_number (v))
                return loader_fail (loader, error, LS_SHAPES_ERROR_INVALID,
                                    "expected a number, found %s", _ls_json_describe_node (v));
              return loader_fail (loader, error, LS_SHAPES_ERROR_INVALID,
                                  "%s %g outside [%g, %g]",
                                  k == 0 ? "longitude" : "latitude",
                                  get_number (v), -limit, limit);
            }
          lonlat[k] = get_number (v);
        }

      g_array_append_vals (self->coords, lonlat, 2);
      ring.bounds.west = MIN (ring.bounds.west, lonlat[0]);
      ring.bounds.east = MAX (ring.bounds.east, lonlat[0]);
      ring.bounds.south = MIN (ring.bounds.south, lonlat[1]);
      ring.bounds.north = MAX (ring.bounds.north, lonlat[1]);
    }

  g_array_append_val (self->rings, ring);
  return TRUE;
}

static gboolean
load_polygon (Loader    *loader,
              JsonNode  *node,
              GError   **error)
{
  LsShapes *self = loader->self;
  JsonArray *array = NULL;
  Polygon polygon;
  gsize path_len = loader->path->len;

  if (!expect_array (loader, node, &array, error))
    return FALSE;

  polygon.first_ring = self->rings->len;
  polygon.n_rings = json_array_get_length (array);
  if (polygon.n_rings == 0)
    return loader_fail (loader, error, LS_SHAPES_ERROR_INVALID,
                        "a polygon needs an outer ring");

  for (guint i = 0; i < polygon.n_rings; i++)
    {
      g_string_append_printf (loader->path, "[%u]", i);
      if (!load_ring (loader, json_array_get_element (array, i), error))
        return FALSE;
      g_string_truncate (loader->path, path_len);
    }

  g_array_append_val (self->polygons, polygon);
  return TRUE;
}

static gboolean
load_country (Loader    *loader,
              JsonNode  *node,
              GError   **error)
{
  LsShapes *self = loader->self;
  JsonObject *object;
  JsonNode *member;
  JsonArray *polygons = NULL;
  const char *id;
  const char *name;
  Country country;
  gsize path_len = loader->path->len;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return loader_fail (loader, error, LS_SHAPES_ERROR_INVALID,
                        "expected an object, found %s", _ls_json_describe_node (node));
  object = json_node_get_object (node);

  if (!expect_member (loader, object, "id", &member, error) ||
      !expect_string (loader, member, &id, error))
    return FALSE;
  /* ISO 3166-1 alpha-3, or a user-assigned code of the same shape (XKX) */
  if (strlen (id) != 3 ||
      !g_ascii_isupper (id[0]) || !g_ascii_isupper (id[1]) || !g_ascii_isupper (id[2]))
    return loader_fail (loader, error, LS_SHAPES_ERROR_INVALID,
                        "\"%s\" is not a three-letter upper-case country code", id);
  if (g_hash_table_contains (self->by_id, id))
    return loader_fail (loader, error, LS_SHAPES_ERROR_INVALID,
                        "duplicate country \"%s\"", id);
  g_string_truncate (loader->path, path_len);

  if (!expect_member (loader, object, "name", &member, error) ||
      !expect_string (loader, member, &name, error))
    return FALSE;
  g_string_truncate (loader->path, path_len);

  if (!expect_member (loader, object, "polygons", &member, error) ||
      !expect_array (loader, member, &polygons, error))
    return FALSE;
  if (json_array_get_length (polygons) == 0)
    return loader_fail (loader, error, LS_SHAPES_ERROR_INVALID, "no polygons");

  country.first_polygon = self->polygons->len;
  country.n_polygons = json_array_get_length (polygons);
  bounds_init (&country.bounds);

  for (guint i = 0; i < country.n_polygons; i++)
    {
      gsize polygons_len = loader->path->len;

      g_string_append_printf (loader->path, "[%u]", i);
      if (!load_polygon (loader, json_array_get_element (polygons, i), error))
        return FALSE;
      g_string_truncate (loader->path, polygons_len);
    }
  g_string_truncate (loader->path, path_len);

  for (guint p = 0; p < country.n_polygons; p++)
    {
      const Polygon *polygon = &g_array_index (self->polygons, Polygon, country.first_polygon + p);

      for (guint r = 0; r < polygon->n_rings; r++)
        bounds_union (&country.bounds,
                      &g_array_index (self->rings, Ring, polygon->first_ring + r).bounds);
    }

  country.id = g_strdup (id);
  country.name = g_strdup (name);
  g_array_append_val (self->countries, country);
  g_hash_table_insert (self->by_id, country.id, GUINT_TO_POINTER (self->countries->len));
  return TRUE;
}

static gboolean
load_root (Loader    *loader,
           JsonNode  *root,
           GError   **error)
{
  LsShapes *self = loader->self;
  JsonObject *object;
  JsonNode *member;
  JsonArray *countries = NULL;
  const char *format;
  const char *resolution = NULL;

  if (root == NULL)
    return loader_fail (loader, error, LS_SHAPES_ERROR_PARSE, "empty file");
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return loader_fail (loader, error, LS_SHAPES_ERROR_FORMAT,
                        "expected an object, found %s", _ls_json_describe_node (root));
  object = json_node_get_object (root);

  if (!expect_member (loader, object, "format", &member, error) ||
      !expect_string (loader, member, &format, error))
    return FALSE;
  if (g_strcmp0 (format, SHAPES_FORMAT) != 0)
    return loader_fail (loader, error, LS_SHAPES_ERROR_FORMAT,
                        "unknown format \"%s\" (expected \"%s\")", format, SHAPES_FORMAT);
  g_string_assign (loader->path, "$");

  if (!expect_member (loader, object, "version", &member, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_INT64)
    return loader_fail (loader, error, LS_SHAPES_ERROR_FORMAT,
                        "expected an integer, found %s", _ls_json_describe_node (member));
  if (json_node_get_int (member) != SHAPES_VERSION)
    return loader_fail (loader, error, LS_SHAPES_ERROR_FORMAT,
                        "unsupported version %" G_GINT64_FORMAT " (expected %d)",
                        json_node_get_int (member), SHAPES_VERSION);
  g_string_assign (loader->path, "$");

  if (json_object_has_member (object, "resolution"))
    {
      if (!expect_member (loader, object, "resolution", &member, error) ||
          !expect_string (loader, member, &resolution, error))
        return FALSE;
      g_string_assign (loader->path, "$");
    }

  if (!expect_member (loader, object, "countries", &member, error) ||
      !expect_array (loader, member, &countries, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (countries); i++)
    {
      g_string_printf (loader->path, "$.countries[%u]", i);
      if (!load_country (loader, json_array_get_element (countries, i), error))
        return FALSE;
    }

  self->resolution = g_strdup (resolution);
  return TRUE;
}

static void
free_country (gpointer data)
{
  Country *country = data;

  g_free (country->id);
  g_free (country->name);
}

static void
ls_shapes_finalize (GObject *object)
{
  LsShapes *self = (LsShapes *)object;

  g_clear_pointer (&self->filename, g_free);
  g_clear_pointer (&self->resolution, g_free);
  g_clear_pointer (&self->coords, g_array_unref);
  g_clear_pointer (&self->rings, g_array_unref);
  g_clear_pointer (&self->polygons, g_array_unref);
  g_clear_pointer (&self->countries, g_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  for (guint i = 0; i < LS_PROJECTION_N_KINDS; i++)
    g_clear_pointer (&self->projected[i], g_free);

  G_OBJECT_CLASS (ls_shapes_parent_class)->finalize (object);
}

static void
ls_shapes_class_init (LsShapesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ls_shapes_finalize;
}

static void
ls_shapes_init (LsShapes *self)
{
  self->coords = g_array_new (FALSE, FALSE, sizeof (double));
  self->rings = g_array_new (FALSE, FALSE, sizeof (Ring));
  self->polygons = g_array_new (FALSE, FALSE, sizeof (Polygon));
  self->countries = g_array_new (FALSE, FALSE, sizeof (Country));
  g_array_set_clear_func (self->countries, free_country);
  /* Keys are owned by self->countries. */
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * ls_shapes_new_from_bytes:
 * @bytes: the contents of a "lodestone-shapes" JSON file
 * @filename: name of the file, for error messages
 * @error: return location for an error in %LS_SHAPES_ERROR
 *
 * Parses and validates country shapes. Nothing in the file is trusted:
 * every type, count and coordinate is checked, and the first problem is
 * reported as `filename:line:column: $.path: message`.
 *
 * Returns: (transfer full) (nullable): the shapes, or %NULL on error
 */
LsShapes *
ls_shapes_new_from_bytes (GBytes      *bytes,
                          const char  *filename,
                          GError     **error)
{
  g_autoptr(LsShapes) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) path = NULL;
  Loader loader;
  gsize len;
  const char *text;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = g_bytes_get_data (bytes, &len);
  if (text == NULL)
    text = "";

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, len, &local_error))
    {
      /* json-glib says "<data>:line:col: Parse error: …"; name the file. */
      if (g_str_has_prefix (local_error->message, "<data>:"))
        g_set_error (error, LS_SHAPES_ERROR, LS_SHAPES_ERROR_PARSE, "%s%s",
                     filename, local_error->message + strlen ("<data>"));
      else
        g_set_error (error, LS_SHAPES_ERROR, LS_SHAPES_ERROR_PARSE, "%s: %s",
                     filename, local_error->message);
      return NULL;
    }

  self = g_object_new (LS_TYPE_SHAPES, NULL);
  self->filename = g_strdup (filename);

  path = g_string_new ("$");
  loader = (Loader) { self, filename, text, len, path };
  if (!load_root (&loader, json_parser_get_root (parser), error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * ls_shapes_new_from_file:
 * @file: a "lodestone-shapes" JSON file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Loads country shapes from @file; see ls_shapes_new_from_bytes().
 *
 * Returns: (transfer full) (nullable): the shapes, or %NULL on error
 */
LsShapes *
ls_shapes_new_from_file (GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);
  bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, LS_SHAPES_ERROR, LS_SHAPES_ERROR_NOT_FOUND,
                   "%s: %s", name, local_error->message);
      return NULL;
    }

  return ls_shapes_new_from_bytes (bytes, name, error);
}

/**
 * ls_shapes_new_default:
 * @detail: which built-in file
 * @error: return location for an error
 *
 * Loads the Natural Earth shapes compiled into the program
 * (`resource:///io/github/lodestone/Lodestone/shapes/countries-110m.json`
 * or `countries-50m.json`). Loading takes about 7 ms at 110m and 75 ms
 * at 50m (most of it in json-glib), so keep the result rather than
 * loading it per draw, and load 50m off the main thread if it is needed
 * at start-up.
 *
 * Returns: (transfer full) (nullable): the shapes, or %NULL on error
 */
LsShapes *
ls_shapes_new_default (LsShapesDetail   detail,
                       GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *resource_path = NULL;
  const char *name;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (detail)
    {
    case LS_SHAPES_DETAIL_LOW:
      name = "countries-110m.json";
      break;
    case LS_SHAPES_DETAIL_MEDIUM:
      name = "countries-50m.json";
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  /* Look up in our own GResource rather than the global namespace: it is
   * compiled into a static library, and referencing it here is what keeps
   * the linker from dropping it. */
  resource_path = g_strconcat (SHAPES_RESOURCE_DIR, name, NULL);
  bytes = g_resource_lookup_data (ls_render_get_resource (), resource_path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, LS_SHAPES_ERROR, LS_SHAPES_ERROR_NOT_FOUND,
                   "%s: %s", name, local_error->message);
      return NULL;
    }

  return ls_shapes_new_from_bytes (bytes, name, error);
}

/**
 * ls_shapes_get_filename:
 * @self: an #LsShapes
 *
 * Returns: the name given when loading, as used in error messages
 */
const char *
ls_shapes_get_filename (LsShapes *self)
{
  g_return_val_if_fail (LS_IS_SHAPES (self), NULL);

  return self->filename;
}

/**
 * ls_shapes_get_resolution:
 * @self: an #LsShapes
 *
 * Returns: (nullable): the file's "resolution", such as "110m"
 */
const char *
ls_shapes_get_resolution (LsShapes *self)
{
  g_return_val_if_fail (LS_IS_SHAPES (self), NULL);

  return self->resolution;
}

/**
 * ls_shapes_get_n_countries:
 * @self: an #LsShapes
 *
 * Returns: the number of countries (and territories with a code of their own)
 */
guint
ls_shapes_get_n_countries (LsShapes *self)
{
  g_return_val_if_fail (LS_IS_SHAPES (self), 0);

  return self->countries->len;
}

static const Country *
get_country (LsShapes *self,
             guint     country)
{
  return &g_array_index (self->countries, Country, country);
}

/**
 * ls_shapes_get_id:
 * @self: an #LsShapes
 * @country: index, below ls_shapes_get_n_countries()
 *
 * Returns: the ISO 3166-1 alpha-3 code (or XKX, CYN, SOL, KAS, IOA; see
 *   data/shapes/README.md)
 */
const char *
ls_shapes_get_id (LsShapes *self,
                  guint     country)
{
  g_return_val_if_fail (LS_IS_SHAPES (self), NULL);
  g_return_val_if_fail (country < self->countries->len, NULL);

  return get_country (self, country)->id;
}

/**
 * ls_shapes_get_name:
 * @self: an #LsShapes
 * @country: index, below ls_shapes_get_n_countries()
 *
 * Returns: Natural Earth's short English name, untranslated
 */
const char *
ls_shapes_get_name (LsShapes *self,
                    guint     country)
{
  g_return_val_if_fail (LS_IS_SHAPES (self), NULL);
  g_return_val_if_fail (country < self->countries->len, NULL);

  return get_country (self, country)->name;
}

/**
 * ls_shapes_lookup:
 * @self: an #LsShapes
 * @id: an ISO 3166-1 alpha-3 code
 *
 * Returns: the index of the country, or -1 if there is no shape for @id
 */
int
ls_shapes_lookup (LsShapes   *self,
                  const char *id)
{
  g_return_val_if_fail (LS_IS_SHAPES (self), -1);
  g_return_val_if_fail (id != NULL, -1);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->by_id, id)) - 1;
}

/**
 * ls_shapes_get_bounds:
 * @self: an #LsShapes
 * @country: index, below ls_shapes_get_n_countries()
 * @bounds: (out caller-allocates): the country's bounding box, degrees
 */
void
ls_shapes_get_bounds (LsShapes    *self,
                      guint        country,
                      LsGeoBounds *bounds)
{
  g_return_if_fail (LS_IS_SHAPES (self));
  g_return_if_fail (country < self->countries->len);
  g_return_if_fail (bounds != NULL);

  *bounds = get_country (self, country)->bounds;
}

/**
 * ls_shapes_get_n_polygons:
 * @self: an #LsShapes
 * @country: index, below ls_shapes_get_n_countries()
 *
 * Returns: the number of polygons (islands, exclaves, and pieces cut at
 *   the antimeridian) of @country, at least 1
 */
guint
ls_shapes_get_n_polygons (LsShapes *self,
                          guint     country)
{
  g_return_val_if_fail (LS_IS_SHAPES (self), 0);
  g_return_val_if_fail (country < self->countries->len, 0);

  return get_country (self, country)->n_polygons;
}

static const Polygon *
get_polygon (LsShapes *self,
             guint     country,
             guint     polygon)
{
  return &g_array_index (self->polygons, Polygon, get_country (self, country)->first_polygon + polygon);
}

/**
 * ls_shapes_get_polygon_bounds:
 * @self: an #LsShapes
 * @country: index, below ls_shapes_get_n_countries()
 * @polygon: index, below ls_shapes_get_n_polygons()
 * @bounds: (out caller-allocates): the polygon's bounding box, degrees
 *
 * The box of one polygon of @country: of Alaska, say, where the
 * country's box (ls_shapes_get_bounds()) reaches from the Aleutians to
 * Maine.
 */
void
ls_shapes_get_polygon_bounds (LsShapes    *self,
                              guint        country,
                              guint        polygon,
                              LsGeoBounds *bounds)
{
  const Polygon *p;

  g_return_if_fail (LS_IS_SHAPES (self));
  g_return_if_fail (country < self->countries->len);
  g_return_if_fail (polygon < get_country (self, country)->n_polygons);
  g_return_if_fail (bounds != NULL);

  p = get_polygon (self, country, polygon);
  bounds_init (bounds);
  for (guint r = 0; r < p->n_rings; r++)
    bounds_union (bounds, &g_array_index (self->rings, Ring, p->first_ring + r).bounds);
}

/**
 * ls_shapes_get_n_rings:
 * @self: an #LsShapes
 * @country: index, below ls_shapes_get_n_countries()
 * @polygon: index, below ls_shapes_get_n_polygons()
 *
 * Returns: the number of rings of the polygon: the outer ring, then holes
 */
guint
ls_shapes_get_n_rings (LsShapes *self,
                       guint     country,
                       guint     polygon)
{
  g_return_val_if_fail (LS_IS_SHAPES (self), 0);
  g_return_val_if_fail (country < self->countries->len, 0);
  g_return_val_if_fail (polygon < get_country (self, country)->n_polygons, 0);

  return get_polygon (self, country, polygon)->n_rings;
}

/**
 * ls_shapes_get_ring:
 * @self: an #LsShapes
 * @country: index, below ls_shapes_get_n_countries()
 * @polygon: index, below ls_shapes_get_n_polygons()
 * @ring: index, below ls_shapes_get_n_rings(); 0 is the outer ring
 * @n_points: (out): number of points
 *
 * A ring as @n_points lon, lat pairs in degrees. Rings are implicitly
 * closed (the first point is not repeated), have at least 3 points, and
 * are meant to be filled with the even-odd rule.
 *
 * Returns: (array) (transfer none): 2 × @n_points doubles, owned by @self
 */
const double *
ls_shapes_get_ring (LsShapes *self,
                    guint     country,
                    guint     polygon,
                    guint     ring,
                    guint    *n_points)
{
  const Ring *r;

  g_return_val_if_fail (LS_IS_SHAPES (self), NULL);
  g_return_val_if_fail (country < self->countries->len, NULL);
  g_return_val_if_fail (polygon < get_country (self, country)->n_polygons, NULL);
  g_return_val_if_fail (ring < get_polygon (self, country, polygon)->n_rings, NULL);
  g_return_val_if_fail (n_points != NULL, NULL);

  r = &g_array_index (self->rings, Ring, get_polygon (self, country, polygon)->first_ring + ring);
  *n_points = r->n_points;
  return &g_array_index (self->coords, double, r->offset);
}

static gboolean
bounds_contain (const LsGeoBounds *b,
                double             lon,
                double             lat)
{
  return lon >= b->west && lon <= b->east && lat >= b->south && lat <= b->north;
}

/**
 * ls_shapes_hit_test_index:
 * @self: an #LsShapes
 * @lon: longitude in degrees east; wrapped into [-180, 180)
 * @lat: latitude in degrees north
 *
 * Like ls_shapes_hit_test(), but returns the country's index.
 *
 * Returns: the index of the country containing the point, or -1
 */
int
ls_shapes_hit_test_index (LsShapes *self,
                          double    lon,
                          double    lat)
{
  g_return_val_if_fail (LS_IS_SHAPES (self), -1);

  if (!isfinite (lon) || !isfinite (lat) || fabs (lat) > 90)
    return -1;
  /* Into [-180, 180): the point-in-polygon test counts a ring's left
   * edge as inside and its right edge as outside, so 180° must become
   * -180° to land on the inside of the pieces cut there. */
  if (lon < -180 || lon >= 180)
    lon -= 360 * floor ((lon + 180) / 360);

  for (guint c = 0; c < self->countries->len; c++)
    {
      const Country *country = get_country (self, c);
      gboolean inside = FALSE;

      if (!bounds_contain (&country->bounds, lon, lat))
        continue;

      /* Even-odd over every ring of the country: holes and overlapping
       * pieces cancel as they do when filled. */
      for (guint p = 0; p < country->n_polygons; p++)
        {
          const Polygon *polygon = &g_array_index (self->polygons, Polygon, country->first_polygon + p);

          for (guint r = 0; r < polygon->n_rings; r++)
            {
              const Ring *ring = &g_array_index (self->rings, Ring, polygon->first_ring + r);
              const double *xy = &g_array_index (self->coords, double, ring->offset);

              if (!bounds_contain (&ring->bounds, lon, lat))
                continue;

              for (guint i = 0, j = ring->n_points - 1; i < ring->n_points; j = i++)
                {
                  double xi = xy[2 * i], yi = xy[2 * i + 1];
                  double xj = xy[2 * j], yj = xy[2 * j + 1];

                  if ((yi > lat) != (yj > lat) &&
                      lon < xi + (xj - xi) * (lat - yi) / (yj - yi))
                    inside = !inside;
                }
            }
        }

      if (inside)
        return c;
    }

  return -1;
}

/**
 * ls_shapes_hit_test:
 * @self: an #LsShapes
 * @lon: longitude in degrees east; wrapped into [-180, 180)
 * @lat: latitude in degrees north
 *
 * Finds the country under a point, e.g. under the pointer after
 * ls_projection_unproject(). Bounding boxes keep this to a few
 * microseconds at 110m.
 *
 * Returns: (nullable): the id of the country containing the point, or
 *   %NULL over the sea or outside the map
 */
const char *
ls_shapes_hit_test (LsShapes *self,
                    double    lon,
                    double    lat)
{
  int index;

  g_return_val_if_fail (LS_IS_SHAPES (self), NULL);

  index = ls_shapes_hit_test_index (self, lon, lat);
  return index < 0 ? NULL : get_country (self, index)->id;
}

/**
 * ls_shapes_meets_box:
 * @self: an #LsShapes
 * @country: index, below ls_shapes_get_n_countries()
 * @box: a box in degrees, @west ≤ @east, not across the antimeridian
 *
 * Whether a ring of @country has bounds that meet @box, edges included.
 * When it has none, no point of @box is in @country: a cheap test before
 * many hit tests in one box.
 *
 * Returns: %FALSE when @box holds no point of @country
 */
gboolean
ls_shapes_meets_box (LsShapes          *self,
                     guint              country,
                     const LsGeoBounds *box)
{
  const Country *c;

  g_return_val_if_fail (LS_IS_SHAPES (self), FALSE);
  g_return_val_if_fail (country < self->countries->len, FALSE);
  g_return_val_if_fail (box != NULL, FALSE);

  c = get_country (self, country);
  for (guint p = 0; p < c->n_polygons; p++)
    {
      const Polygon *polygon = &g_array_index (self->polygons, Polygon, c->first_polygon + p);

      for (guint r = 0; r < polygon->n_rings; r++)
        {
          const LsGeoBounds *b = &g_array_index (self->rings, Ring, polygon->first_ring + r).bounds;

          if (b->west <= box->east && b->east >= box->west && b->south <= box->north && b->north >= box->south)
            return TRUE;
        }
    }

  return FALSE;
}

static const double *
get_projected (LsShapes         *self,
               LsProjectionKind  kind)
{
  if (g_once_init_enter (&self->projected[kind]))
    {
      double *xy = g_new (double, self->coords->len);
      const double *lonlat = (const double *) (gpointer) self->coords->data;

      for (guint i = 0; i + 1 < self->coords->len; i += 2)
        ls_projection_forward_raw (kind, lonlat[i], lonlat[i + 1], &xy[i], &xy[i + 1]);

      g_once_init_leave (&self->projected[kind], xy);
    }

  return self->projected[kind];
}

/**
 * ls_shapes_append_path:
 * @self: an #LsShapes
 * @country: index, below ls_shapes_get_n_countries()
 * @cr: a Cairo context
 * @projection: where the map is on @cr's user space
 *
 * Appends the outline of @country to @cr's current path, one closed
 * sub-path per ring, for filling with %CAIRO_FILL_RULE_EVEN_ODD or
 * stroking. Projected coordinates are computed once per projection kind
 * and kept, so later calls cost only the affine transformation; the
 * current transformation of @cr is left as it was.
 */
void
ls_shapes_append_path (LsShapes           *self,
                       guint               country,
                       cairo_t            *cr,
                       const LsProjection *projection)
{
  const Country *c;
  const double *xy;
  cairo_matrix_t matrix;

  g_return_if_fail (LS_IS_SHAPES (self));
  g_return_if_fail (country < self->countries->len);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (projection != NULL);
  g_return_if_fail ((guint) projection->kind < LS_PROJECTION_N_KINDS);

  c = get_country (self, country);
  xy = get_projected (self, projection->kind);

  /* Cairo stores path points in device space as they are added, so the
   * raw-to-target matrix can be dropped again before the caller strokes:
   * line widths stay in the caller's units. */
  ls_projection_get_matrix (projection, &matrix);
  cairo_save (cr);
  cairo_transform (cr, &matrix);

  for (guint p = 0; p < c->n_polygons; p++)
    {
      const Polygon *polygon = &g_array_index (self->polygons, Polygon, c->first_polygon + p);

      for (guint r = 0; r < polygon->n_rings; r++)
        {
          const Ring *ring = &g_array_index (self->rings, Ring, polygon->first_ring + r);
          const double *pts = xy + ring->offset;

          cairo_move_to (cr, pts[0], pts[1]);
          for (guint i = 1; i < ring->n_points; i++)
            cairo_line_to (cr, pts[2 * i], pts[2 * i + 1]);
          cairo_close_path (cr);
        }
    }

  cairo_restore (cr);
}

/**
 * ls_shapes_get_default:
 * @detail: which built-in file
 *
 * The built-in shapes, loaded once per process on first use, from any
 * thread: the map's tiles, its overlay and exported figures share them.
 * They are immutable and live as long as the process. Should the built-in
 * file not load (a broken build), the shapes are empty: no land, no hits.
 *
 * Returns: (transfer none): the shapes
 */
LsShapes *
ls_shapes_get_default (LsShapesDetail detail)
{
  static LsShapes *shapes[2];

  g_return_val_if_fail (detail <= LS_SHAPES_DETAIL_MEDIUM, NULL);

  if (g_once_init_enter (&shapes[detail]))
    {
      g_autoptr(GError) error = NULL;
      LsShapes *loaded = ls_shapes_new_default (detail, &error);

      /* The shapes are compiled in, so this is a broken build; say so and
       * go on with no land rather than take the rest of the app down. */
      if (loaded == NULL)
        {
          static const char empty[] = "{\"format\": \"lodestone-shapes\", \"version\": 1, \"countries\": []}";
          g_autoptr(GBytes) bytes = g_bytes_new_static (empty, sizeof empty - 1);

          g_warning ("The built-in country shapes do not load, so the map shows no land: %s",
                     error->message);
          loaded = ls_shapes_new_from_bytes (bytes, "empty", NULL);
        }

      g_once_init_leave (&shapes[detail], loaded);
    }

  return shapes[detail];
}
