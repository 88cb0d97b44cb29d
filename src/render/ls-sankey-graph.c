/* ls-sankey-graph.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-sankey-graph"

#include "config.h"

#include "ls-sankey-graph.h"

#include <math.h>

#include "ls-json-reader-private.h"

typedef struct
{
  char   *id;
  char   *label;
  guint   column;
  double  fixed_value;  /* NAN when the node has none */
} Node;

typedef struct
{
  guint  source;
  guint  target;
  double value;
} Link;

struct _LsSankeyGraph
{
  GObject     parent_instance;

  /* Owned */
  GArray     *nodes;     /* of Node */
  GArray     *links;     /* of Link */
  GHashTable *by_id;     /* id → node index + 1 */

  double      width;
  double      height;
  guint       n_columns;
};

G_DEFINE_FINAL_TYPE (LsSankeyGraph, ls_sankey_graph, G_TYPE_OBJECT)

G_DEFINE_QUARK (ls-sankey-graph-error-quark, ls_sankey_graph_error)

static void
clear_node (gpointer data)
{
  Node *node = data;

  g_clear_pointer (&node->id, g_free);
  g_clear_pointer (&node->label, g_free);
}

static void
ls_sankey_graph_finalize (GObject *object)
{
  LsSankeyGraph *self = (LsSankeyGraph *)object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->nodes, g_array_unref);
  g_clear_pointer (&self->links, g_array_unref);

  G_OBJECT_CLASS (ls_sankey_graph_parent_class)->finalize (object);
}

static void
ls_sankey_graph_class_init (LsSankeyGraphClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ls_sankey_graph_finalize;
}

static void
ls_sankey_graph_init (LsSankeyGraph *self)
{
  self->nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  g_array_set_clear_func (self->nodes, clear_node);
  self->links = g_array_new (FALSE, FALSE, sizeof (Link));
  /* Keys are borrowed from the Node, which lives as long as the graph. */
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

/* JSON reading goes through the model's LsJsonReader, which knows where
 * each value was in the text; the errors are ours. */

G_GNUC_PRINTF (6, 7)
static gboolean
reader_fail (LsJsonReader        *reader,
             GError             **error,
             LsSankeyGraphError   code,
             const LsJsonValue   *value,
             const LsJsonPath    *path,
             const char          *format,
             ...)
{
  va_list args;

  va_start (args, format);
  _ls_json_reader_set_error_valist (reader, error, LS_SANKEY_GRAPH_ERROR, code, value, path,
                                    format, args);
  va_end (args);

  return FALSE;
}

/* A number member ≥ 0 (or > 0 when @positive) and ≤ @max; a missing
 * member is an error only when @required. */
static gboolean
read_number (LsJsonReader       *reader,
             const LsJsonValue  *object,
             const char         *member,
             const LsJsonPath   *path,
             gboolean            required,
             gboolean            positive,
             double              max,
             double             *value,
             gboolean           *present,
             GError            **error)
{
  LsJsonPath member_path = _ls_json_path_member (path, member);
  const LsJsonValue *node = _ls_json_get (object, member);
  double v;

  if (present != NULL)
    *present = node != NULL;

  if (node == NULL)
    {
      if (!required)
        return TRUE;
      return reader_fail (reader, error, LS_SANKEY_GRAPH_ERROR_INVALID, object,
                          &member_path, "missing required member");
    }

  if (!_ls_json_is (node, LS_JSON_NUMBER))
    return reader_fail (reader, error, LS_SANKEY_GRAPH_ERROR_INVALID, node, &member_path,
                        "expected a number, got %s", _ls_json_describe (node));

  v = _ls_json_get_double (node);
  if (!isfinite (v) || v < 0 || (positive && v == 0))
    return reader_fail (reader, error, LS_SANKEY_GRAPH_ERROR_INVALID_VALUE, node, &member_path,
                        "expected a finite number %s 0, got %g", positive ? ">" : "≥", v);

  if (v > max)
    return reader_fail (reader, error, LS_SANKEY_GRAPH_ERROR_INVALID_VALUE, node, &member_path,
                        "expected at most %g, got %g", max, v);

  *value = v;
  return TRUE;
}

static gboolean
read_string (LsJsonReader       *reader,
             const LsJsonValue  *object,
             const char         *member,
             const LsJsonPath   *path,
             gboolean            required,
             const char        **value,
             GError            **error)
{
  LsJsonPath member_path = _ls_json_path_member (path, member);
  const LsJsonValue *node = _ls_json_get (object, member);

  if (node == NULL)
    {
      *value = NULL;
      if (!required)
        return TRUE;
      return reader_fail (reader, error, LS_SANKEY_GRAPH_ERROR_INVALID, object,
                          &member_path, "missing required member");
    }

  if (!_ls_json_is (node, LS_JSON_STRING))
    return reader_fail (reader, error, LS_SANKEY_GRAPH_ERROR_INVALID, node, &member_path,
                        "expected a string, got %s", _ls_json_describe (node));

  /* A C string would end at U+0000, silently. */
  if (node->has_nul)
    return reader_fail (reader, error, LS_SANKEY_GRAPH_ERROR_INVALID_VALUE, node, &member_path,
                        "expected a string without U+0000");

  *value = node->string;
  if (required && **value == '\0')
    return reader_fail (reader, error, LS_SANKEY_GRAPH_ERROR_INVALID_VALUE, node, &member_path,
                        "expected a non-empty string");

  return TRUE;
}

static const LsJsonValue *
read_array (LsJsonReader       *reader,
            const LsJsonValue  *object,
            const LsJsonPath   *path,
            const char         *member,
            GError            **error)
{
  LsJsonPath member_path = _ls_json_path_member (path, member);
  const LsJsonValue *node = _ls_json_get (object, member);

  if (node == NULL)
    {
      reader_fail (reader, error, LS_SANKEY_GRAPH_ERROR_INVALID, object, &member_path,
                   "missing required member");
      return NULL;
    }

  if (!_ls_json_is (node, LS_JSON_ARRAY))
    {
      reader_fail (reader, error, LS_SANKEY_GRAPH_ERROR_INVALID, node, &member_path,
                   "expected an array, got %s", _ls_json_describe (node));
      return NULL;
    }

  return node;
}

static gboolean
read_graph (LsSankeyGraph  *self,
            LsJsonReader   *reader,
            GError        **error)
{
  const LsJsonValue *root = _ls_json_reader_get_root (reader);
  const LsJsonPath root_path = LS_JSON_PATH_ROOT;
  const LsJsonPath nodes_path = _ls_json_path_member (&root_path, "nodes");
  const LsJsonPath links_path = _ls_json_path_member (&root_path, "links");
  const LsJsonValue *nodes;
  const LsJsonValue *links;
  const LsJsonValue *element;
  double width;
  double height;

  if (!_ls_json_is (root, LS_JSON_OBJECT))
    return reader_fail (reader, error, LS_SANKEY_GRAPH_ERROR_INVALID, root, &root_path,
                        "expected an object, got %s", _ls_json_describe (root));

  if (!read_number (reader, root, "width", &root_path, TRUE, TRUE,
                        LS_SANKEY_GRAPH_MAX_EXTENT, &width, NULL, error) ||
      !read_number (reader, root, "height", &root_path, TRUE, TRUE,
                        LS_SANKEY_GRAPH_MAX_EXTENT, &height, NULL, error))
    return FALSE;

  ls_sankey_graph_set_extent (self, width, height);

  if ((nodes = read_array (reader, root, &root_path, "nodes", error)) == NULL ||
      (links = read_array (reader, root, &root_path, "links", error)) == NULL)
    return FALSE;

  element = _ls_json_first (nodes);
  for (guint i = 0; i < nodes->length; i++, element = _ls_json_next (element))
    {
      LsJsonPath path = _ls_json_path_element (&nodes_path, i);
      LsJsonPath column_path = _ls_json_path_member (&path, "column");
      const char *id;
      const char *label;
      double fixed_value = 0;
      gboolean has_fixed_value;
      double column;
      guint index;

      if (!_ls_json_is (element, LS_JSON_OBJECT))
        return reader_fail (reader, error, LS_SANKEY_GRAPH_ERROR_INVALID, element, &path,
                            "expected an object, got %s", _ls_json_describe (element));

      if (!read_string (reader, element, "id", &path, TRUE, &id, error) ||
          !read_string (reader, element, "label", &path, FALSE, &label, error) ||
          !read_number (reader, element, "value", &path, FALSE, FALSE,
                        LS_SANKEY_GRAPH_MAX_VALUE, &fixed_value, &has_fixed_value, error) ||
          !read_number (reader, element, "column", &path, TRUE, FALSE,
                        G_MAXDOUBLE, &column, NULL, error))
        return FALSE;

      if (column != floor (column) || column >= LS_SANKEY_GRAPH_MAX_COLUMNS)
        return reader_fail (reader, error, LS_SANKEY_GRAPH_ERROR_INVALID_VALUE,
                            _ls_json_get (element, "column"), &column_path,
                            "expected an integer from 0 to %d, got %g",
                            LS_SANKEY_GRAPH_MAX_COLUMNS - 1, column);

      if (g_hash_table_contains (self->by_id, id))
        {
          LsJsonPath id_path = _ls_json_path_member (&path, "id");

          return reader_fail (reader, error, LS_SANKEY_GRAPH_ERROR_DUPLICATE_NODE,
                              _ls_json_get (element, "id"), &id_path,
                              "duplicate node id “%s”", id);
        }

      index = ls_sankey_graph_add_node (self, id, (guint)column, label);
      if (has_fixed_value)
        ls_sankey_graph_set_node_fixed_value (self, index, fixed_value);
    }

  element = _ls_json_first (links);
  for (guint i = 0; i < links->length; i++, element = _ls_json_next (element))
    {
      LsJsonPath path = _ls_json_path_element (&links_path, i);
      const char *ends[2];
      const char *end_names[2] = { "source", "target" };
      guint end_nodes[2];
      double value;

      if (!_ls_json_is (element, LS_JSON_OBJECT))
        return reader_fail (reader, error, LS_SANKEY_GRAPH_ERROR_INVALID, element, &path,
                            "expected an object, got %s", _ls_json_describe (element));

      for (guint e = 0; e < 2; e++)
        {
          if (!read_string (reader, element, end_names[e], &path, TRUE, &ends[e], error))
            return FALSE;

          if (!ls_sankey_graph_lookup_node (self, ends[e], &end_nodes[e]))
            {
              LsJsonPath end_path = _ls_json_path_member (&path, end_names[e]);

              return reader_fail (reader, error, LS_SANKEY_GRAPH_ERROR_UNKNOWN_NODE,
                                  _ls_json_get (element, end_names[e]),
                                  &end_path, "unknown node id “%s”", ends[e]);
            }
        }

      if (!read_number (reader, element, "value", &path, TRUE, FALSE,
                        LS_SANKEY_GRAPH_MAX_VALUE, &value, NULL, error))
        return FALSE;

      if (ls_sankey_graph_get_node_column (self, end_nodes[1]) <=
          ls_sankey_graph_get_node_column (self, end_nodes[0]))
        {
          LsJsonPath target_path = _ls_json_path_member (&path, "target");

          return reader_fail (reader, error, LS_SANKEY_GRAPH_ERROR_INVALID_LINK,
                              _ls_json_get (element, "target"), &target_path,
                              "link from “%s” (column %u) to “%s” (column %u) "
                              "does not go to a later column",
                              ends[0], ls_sankey_graph_get_node_column (self, end_nodes[0]),
                              ends[1], ls_sankey_graph_get_node_column (self, end_nodes[1]));
        }

      ls_sankey_graph_add_link (self, end_nodes[0], end_nodes[1], value);
    }

  return TRUE;
}

/* Only JSON whitespace, or nothing at all. */
static gboolean
is_blank (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  for (gsize i = 0; i < size; i++)
    if (data[i] != ' ' && data[i] != '\t' && data[i] != '\n' && data[i] != '\r')
      return FALSE;

  return TRUE;
}

/**
 * ls_sankey_graph_new:
 *
 * Creates an empty graph with no extent.
 *
 * Returns: (transfer full): a new #LsSankeyGraph
 */
LsSankeyGraph *
ls_sankey_graph_new (void)
{
  return g_object_new (LS_TYPE_SANKEY_GRAPH, NULL);
}

/**
 * ls_sankey_graph_new_from_json:
 * @bytes: the JSON text
 * @filename: (nullable): the name to use in error messages
 * @error: return location for a #LsSankeyGraphError or %NULL
 *
 * Reads `{"width", "height", "nodes": [{"id", "column", "label", "value"}],
 * "links": [{"source", "target", "value"}]}`, where `label` and the node's
 * fixed `value` are optional, `column` is an integer ≥ 0 and a link's
 * `source` and `target` are node ids, the target in a later column. Other
 * members are ignored; a member given twice in one object is refused.
 *
 * Returns: (transfer full): a new graph, or %NULL with @error set
 */
LsSankeyGraph *
ls_sankey_graph_new_from_json (GBytes      *bytes,
                               const char  *filename,
                               GError     **error)
{
  g_autoptr(LsSankeyGraph) self = NULL;
  g_autoptr(LsJsonReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(reader = _ls_json_reader_new (bytes, filename, &local_error)))
    {
      /* The reader fails with LS_DATA_ERROR_PARSE for text that is not one
       * JSON value and with LS_DATA_ERROR_DUPLICATE for a member given
       * twice. A file with no value at all lacks the root object, which
       * this reader has always called invalid rather than malformed. */
      LsSankeyGraphError code = LS_SANKEY_GRAPH_ERROR_INVALID;

      if (local_error->code == LS_DATA_ERROR_PARSE && !is_blank (bytes))
        code = LS_SANKEY_GRAPH_ERROR_PARSE;

      g_set_error_literal (error, LS_SANKEY_GRAPH_ERROR, code, local_error->message);
      return NULL;
    }

  self = ls_sankey_graph_new ();
  if (!read_graph (self, reader, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * ls_sankey_graph_set_extent:
 * @self: a #LsSankeyGraph
 * @width: the width of the figure
 * @height: the height of the figure
 *
 * Sets the extent the layout uses when its options give none.
 */
void
ls_sankey_graph_set_extent (LsSankeyGraph *self,
                            double         width,
                            double         height)
{
  g_return_if_fail (LS_IS_SANKEY_GRAPH (self));
  g_return_if_fail (isfinite (width) && width >= 0);
  g_return_if_fail (isfinite (height) && height >= 0);

  self->width = width;
  self->height = height;
}

/**
 * ls_sankey_graph_get_width:
 * @self: a #LsSankeyGraph
 *
 * Returns: the width given by ls_sankey_graph_set_extent() or the JSON, 0 if none
 */
double
ls_sankey_graph_get_width (LsSankeyGraph *self)
{
  g_return_val_if_fail (LS_IS_SANKEY_GRAPH (self), 0);

  return self->width;
}

/**
 * ls_sankey_graph_get_height:
 * @self: a #LsSankeyGraph
 *
 * Returns: the height given by ls_sankey_graph_set_extent() or the JSON, 0 if none
 */
double
ls_sankey_graph_get_height (LsSankeyGraph *self)
{
  g_return_val_if_fail (LS_IS_SANKEY_GRAPH (self), 0);

  return self->height;
}

/**
 * ls_sankey_graph_add_node:
 * @self: a #LsSankeyGraph
 * @id: a unique, non-empty id
 * @column: the stage, from 0 on the left
 * @label: (nullable): the text to show; the id when %NULL
 *
 * Returns: the index of the new node, or %G_MAXUINT if a precondition failed
 */
guint
ls_sankey_graph_add_node (LsSankeyGraph *self,
                          const char    *id,
                          guint          column,
                          const char    *label)
{
  Node node;

  g_return_val_if_fail (LS_IS_SANKEY_GRAPH (self), G_MAXUINT);
  g_return_val_if_fail (id != NULL && *id != '\0', G_MAXUINT);
  g_return_val_if_fail (column < LS_SANKEY_GRAPH_MAX_COLUMNS, G_MAXUINT);
  g_return_val_if_fail (!g_hash_table_contains (self->by_id, id), G_MAXUINT);

  node.id = g_strdup (id);
  node.label = g_strdup (label != NULL ? label : id);
  node.column = column;
  node.fixed_value = NAN;
  g_array_append_val (self->nodes, node);
  g_hash_table_insert (self->by_id, node.id, GUINT_TO_POINTER (self->nodes->len));

  self->n_columns = MAX (self->n_columns, column + 1);

  return self->nodes->len - 1;
}

/**
 * ls_sankey_graph_set_node_fixed_value:
 * @self: a #LsSankeyGraph
 * @node: a node index
 * @value: a finite value ≥ 0
 *
 * Gives the node a value of its own. Its throughput becomes the largest of
 * this value and the sums of its incoming and outgoing links, so links still
 * fit inside it; use it to show a node larger than its links (stock, unknown
 * destinations) or a node without links.
 */
void
ls_sankey_graph_set_node_fixed_value (LsSankeyGraph *self,
                                      guint          node,
                                      double         value)
{
  g_return_if_fail (LS_IS_SANKEY_GRAPH (self));
  g_return_if_fail (node < self->nodes->len);
  g_return_if_fail (isfinite (value) && value >= 0);

  g_array_index (self->nodes, Node, node).fixed_value = value;
}

/**
 * ls_sankey_graph_add_link:
 * @self: a #LsSankeyGraph
 * @source: the index of the source node
 * @target: the index of the target node, in a later column than @source
 * @value: a finite value ≥ 0
 *
 * Returns: the index of the new link, or %G_MAXUINT if a precondition failed
 */
guint
ls_sankey_graph_add_link (LsSankeyGraph *self,
                          guint          source,
                          guint          target,
                          double         value)
{
  Link link;

  g_return_val_if_fail (LS_IS_SANKEY_GRAPH (self), G_MAXUINT);
  g_return_val_if_fail (source < self->nodes->len, G_MAXUINT);
  g_return_val_if_fail (target < self->nodes->len, G_MAXUINT);
  g_return_val_if_fail (g_array_index (self->nodes, Node, source).column <
                        g_array_index (self->nodes, Node, target).column, G_MAXUINT);
  g_return_val_if_fail (isfinite (value) && value >= 0, G_MAXUINT);

  link.source = source;
  link.target = target;
  link.value = value;
  g_array_append_val (self->links, link);

  return self->links->len - 1;
}

/**
 * ls_sankey_graph_set_link_value:
 * @self: a #LsSankeyGraph
 * @link: a link index
 * @value: a finite value ≥ 0
 *
 * Changes the value of a link, for instance when a scenario lever moves.
 */
void
ls_sankey_graph_set_link_value (LsSankeyGraph *self,
                                guint          link,
                                double         value)
{
  g_return_if_fail (LS_IS_SANKEY_GRAPH (self));
  g_return_if_fail (link < self->links->len);
  g_return_if_fail (isfinite (value) && value >= 0);

  g_array_index (self->links, Link, link).value = value;
}

/**
 * ls_sankey_graph_get_n_nodes:
 * @self: a #LsSankeyGraph
 *
 * Returns: the number of nodes; indices run from 0 in the order added
 */
guint
ls_sankey_graph_get_n_nodes (LsSankeyGraph *self)
{
  g_return_val_if_fail (LS_IS_SANKEY_GRAPH (self), 0);

  return self->nodes->len;
}

/**
 * ls_sankey_graph_get_n_links:
 * @self: a #LsSankeyGraph
 *
 * Returns: the number of links; indices run from 0 in the order added
 */
guint
ls_sankey_graph_get_n_links (LsSankeyGraph *self)
{
  g_return_val_if_fail (LS_IS_SANKEY_GRAPH (self), 0);

  return self->links->len;
}

/**
 * ls_sankey_graph_get_n_columns:
 * @self: a #LsSankeyGraph
 *
 * Returns: one more than the largest column of a node; 0 when empty
 */
guint
ls_sankey_graph_get_n_columns (LsSankeyGraph *self)
{
  g_return_val_if_fail (LS_IS_SANKEY_GRAPH (self), 0);

  return self->n_columns;
}

/**
 * ls_sankey_graph_lookup_node:
 * @self: a #LsSankeyGraph
 * @id: a node id
 * @node: (out) (optional): the index of the node
 *
 * Returns: %TRUE if a node has this id
 */
gboolean
ls_sankey_graph_lookup_node (LsSankeyGraph *self,
                             const char    *id,
                             guint         *node)
{
  gpointer found;

  g_return_val_if_fail (LS_IS_SANKEY_GRAPH (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  found = g_hash_table_lookup (self->by_id, id);
  if (found == NULL)
    return FALSE;

  if (node != NULL)
    *node = GPOINTER_TO_UINT (found) - 1;

  return TRUE;
}

/**
 * ls_sankey_graph_get_node_id:
 * @self: a #LsSankeyGraph
 * @node: a node index
 *
 * Returns: (transfer none): the unique id of the node
 */
const char *
ls_sankey_graph_get_node_id (LsSankeyGraph *self,
                             guint          node)
{
  g_return_val_if_fail (LS_IS_SANKEY_GRAPH (self), NULL);
  g_return_val_if_fail (node < self->nodes->len, NULL);

  return g_array_index (self->nodes, Node, node).id;
}

/**
 * ls_sankey_graph_get_node_label:
 * @self: a #LsSankeyGraph
 * @node: a node index
 *
 * Returns: (transfer none): the label of the node, its id if it has none
 */
const char *
ls_sankey_graph_get_node_label (LsSankeyGraph *self,
                                guint          node)
{
  g_return_val_if_fail (LS_IS_SANKEY_GRAPH (self), NULL);
  g_return_val_if_fail (node < self->nodes->len, NULL);

  return g_array_index (self->nodes, Node, node).label;
}

/**
 * ls_sankey_graph_get_node_column:
 * @self: a #LsSankeyGraph
 * @node: a node index
 *
 * Returns: the column (stage) of the node, from 0 on the left
 */
guint
ls_sankey_graph_get_node_column (LsSankeyGraph *self,
                                 guint          node)
{
  g_return_val_if_fail (LS_IS_SANKEY_GRAPH (self), 0);
  g_return_val_if_fail (node < self->nodes->len, 0);

  return g_array_index (self->nodes, Node, node).column;
}

/**
 * ls_sankey_graph_get_node_fixed_value:
 * @self: a #LsSankeyGraph
 * @node: a node index
 * @value: (out) (optional): the fixed value
 *
 * Returns: %TRUE if the node has a fixed value
 */
gboolean
ls_sankey_graph_get_node_fixed_value (LsSankeyGraph *self,
                                      guint          node,
                                      double        *value)
{
  double fixed;

  g_return_val_if_fail (LS_IS_SANKEY_GRAPH (self), FALSE);
  g_return_val_if_fail (node < self->nodes->len, FALSE);

  fixed = g_array_index (self->nodes, Node, node).fixed_value;
  if (isnan (fixed))
    return FALSE;

  if (value != NULL)
    *value = fixed;

  return TRUE;
}

/**
 * ls_sankey_graph_get_node_value:
 * @self: a #LsSankeyGraph
 * @node: a node index
 *
 * The throughput of the node: the largest of the sum of its incoming links,
 * the sum of its outgoing links and its fixed value. O(links).
 *
 * Returns: the throughput
 */
double
ls_sankey_graph_get_node_value (LsSankeyGraph *self,
                                guint          node)
{
  double in = 0, out = 0, fixed = 0;

  g_return_val_if_fail (LS_IS_SANKEY_GRAPH (self), 0);
  g_return_val_if_fail (node < self->nodes->len, 0);

  for (guint i = 0; i < self->links->len; i++)
    {
      const Link *link = &g_array_index (self->links, Link, i);

      if (link->source == node)
        out += link->value;
      if (link->target == node)
        in += link->value;
    }

  ls_sankey_graph_get_node_fixed_value (self, node, &fixed);

  return MAX (fixed, MAX (in, out));
}

/**
 * ls_sankey_graph_get_link_source:
 * @self: a #LsSankeyGraph
 * @link: a link index
 *
 * Returns: the index of the node the link leaves
 */
guint
ls_sankey_graph_get_link_source (LsSankeyGraph *self,
                                 guint          link)
{
  g_return_val_if_fail (LS_IS_SANKEY_GRAPH (self), 0);
  g_return_val_if_fail (link < self->links->len, 0);

  return g_array_index (self->links, Link, link).source;
}

/**
 * ls_sankey_graph_get_link_target:
 * @self: a #LsSankeyGraph
 * @link: a link index
 *
 * Returns: the index of the node the link enters, in a later column
 */
guint
ls_sankey_graph_get_link_target (LsSankeyGraph *self,
                                 guint          link)
{
  g_return_val_if_fail (LS_IS_SANKEY_GRAPH (self), 0);
  g_return_val_if_fail (link < self->links->len, 0);

  return g_array_index (self->links, Link, link).target;
}

/**
 * ls_sankey_graph_get_link_value:
 * @self: a #LsSankeyGraph
 * @link: a link index
 *
 * Returns: the value of the link, finite and ≥ 0
 */
double
ls_sankey_graph_get_link_value (LsSankeyGraph *self,
                                guint          link)
{
  g_return_val_if_fail (LS_IS_SANKEY_GRAPH (self), 0);
  g_return_val_if_fail (link < self->links->len, 0);

  return g_array_index (self->links, Link, link).value;
}
