/* d3-sankey-baseline.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "d3-sankey-baseline.h"

#include <math.h>
#include <string.h>

/* d3-sankey, as we understand it: one common scale at which the fullest
 * column fits; columns packed in input order with the slack shared evenly;
 * then `iterations` rounds of relaxation, each moving every node towards
 * the value-weighted mean of where its links would be straight, first
 * right to left from the targets, then left to right from the sources,
 * with a step alpha = 0.99^i, re-sorting each column by position and
 * resolving collisions from the middle node outwards with strength beta;
 * at each node, links sorted by the position of their other end. */

typedef struct
{
  guint   column;
  double  value;
  double  y0;
  double  y1;
  GArray *source_links;  /* of guint: links leaving this node */
  GArray *target_links;  /* of guint: links entering this node */
} Node;

typedef struct
{
  LsSankeyGraph *graph;
  Node          *nodes;
  guint          n_nodes;
  guint          n_links;
  double        *width;
  GPtrArray    **columns;  /* of Node* */
  guint          n_columns;
  double         y0;
  double         y1;
  double         py;
} Sankey;

static double
link_value (Sankey *sankey,
            guint   link)
{
  return ls_sankey_graph_get_link_value (sankey->graph, link);
}

static Node *
link_source (Sankey *sankey,
             guint   link)
{
  return &sankey->nodes[ls_sankey_graph_get_link_source (sankey->graph, link)];
}

static Node *
link_target (Sankey *sankey,
             guint   link)
{
  return &sankey->nodes[ls_sankey_graph_get_link_target (sankey->graph, link)];
}

static int
ascending_breadth (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const Node *na = *(Node * const *)a;
  const Node *nb = *(Node * const *)b;

  return na->y0 < nb->y0 ? -1 : (na->y0 > nb->y0);
}

static int
ascending_target_breadth (gconstpointer a,
                          gconstpointer b,
                          gpointer      user_data)
{
  Sankey *sankey = user_data;
  guint la = *(const guint *)a;
  guint lb = *(const guint *)b;
  double ya = link_target (sankey, la)->y0;
  double yb = link_target (sankey, lb)->y0;

  if (ya != yb)
    return ya < yb ? -1 : 1;

  return la < lb ? -1 : (la > lb);
}

static int
ascending_source_breadth (gconstpointer a,
                          gconstpointer b,
                          gpointer      user_data)
{
  Sankey *sankey = user_data;
  guint la = *(const guint *)a;
  guint lb = *(const guint *)b;
  double ya = link_source (sankey, la)->y0;
  double yb = link_source (sankey, lb)->y0;

  if (ya != yb)
    return ya < yb ? -1 : 1;

  return la < lb ? -1 : (la > lb);
}

/* g_qsort_with_data is a stable merge sort, like JavaScript's sort. */
static void
sort_links (Sankey           *sankey,
            GArray           *links,
            GCompareDataFunc  compare)
{
  if (links->len > 1)
    g_qsort_with_data (links->data, links->len, sizeof (guint), compare, sankey);
}

static void
sort_column (GPtrArray *column)
{
  if (column->len > 1)
    g_qsort_with_data (column->pdata, column->len, sizeof (gpointer),
                       ascending_breadth, NULL);
}

static void
reorder_links (Sankey *sankey,
               Node   *node)
{
  sort_links (sankey, node->source_links, ascending_target_breadth);
  sort_links (sankey, node->target_links, ascending_source_breadth);
}

/* After a node moves, its neighbours' port orders may change. */
static void
reorder_node_links (Sankey *sankey,
                    Node   *node)
{
  for (guint k = 0; k < node->target_links->len; k++)
    {
      Node *source = link_source (sankey, g_array_index (node->target_links, guint, k));

      sort_links (sankey, source->source_links, ascending_target_breadth);
    }
  for (guint k = 0; k < node->source_links->len; k++)
    {
      Node *target = link_target (sankey, g_array_index (node->source_links, guint, k));

      sort_links (sankey, target->target_links, ascending_source_breadth);
    }
}

/* Where the link would have to enter @target to be straight from @source. */
static double
target_top (Sankey *sankey,
            Node   *source,
            Node   *target)
{
  double y = source->y0 - (source->source_links->len - 1) * sankey->py / 2;

  for (guint k = 0; k < source->source_links->len; k++)
    {
      guint link = g_array_index (source->source_links, guint, k);

      if (link_target (sankey, link) == target)
        break;
      y += sankey->width[link] + sankey->py;
    }
  for (guint k = 0; k < target->target_links->len; k++)
    {
      guint link = g_array_index (target->target_links, guint, k);

      if (link_source (sankey, link) == source)
        break;
      y -= sankey->width[link];
    }

  return y;
}

static double
source_top (Sankey *sankey,
            Node   *source,
            Node   *target)
{
  double y = target->y0 - (target->target_links->len - 1) * sankey->py / 2;

  for (guint k = 0; k < target->target_links->len; k++)
    {
      guint link = g_array_index (target->target_links, guint, k);

      if (link_source (sankey, link) == source)
        break;
      y += sankey->width[link] + sankey->py;
    }
  for (guint k = 0; k < source->source_links->len; k++)
    {
      guint link = g_array_index (source->source_links, guint, k);

      if (link_target (sankey, link) == target)
        break;
      y -= sankey->width[link];
    }

  return y;
}

static void
resolve_top_to_bottom (Sankey    *sankey,
                       GPtrArray *column,
                       double     y,
                       int        i,
                       double     alpha)
{
  for (; i < (int)column->len; i++)
    {
      Node *node = g_ptr_array_index (column, i);
      double dy = (y - node->y0) * alpha;

      if (dy > 1e-6)
        {
          node->y0 += dy;
          node->y1 += dy;
        }
      y = node->y1 + sankey->py;
    }
}

static void
resolve_bottom_to_top (Sankey    *sankey,
                       GPtrArray *column,
                       double     y,
                       int        i,
                       double     alpha)
{
  for (; i >= 0; i--)
    {
      Node *node = g_ptr_array_index (column, i);
      double dy = (node->y1 - y) * alpha;

      if (dy > 1e-6)
        {
          node->y0 -= dy;
          node->y1 -= dy;
        }
      y = node->y0 - sankey->py;
    }
}

static void
resolve_collisions (Sankey    *sankey,
                    GPtrArray *column,
                    double     alpha)
{
  int i = column->len >> 1;
  Node *subject;

  if (column->len == 0)
    return;

  subject = g_ptr_array_index (column, i);
  resolve_bottom_to_top (sankey, column, subject->y0 - sankey->py, i - 1, alpha);
  resolve_top_to_bottom (sankey, column, subject->y1 + sankey->py, i + 1, alpha);
  resolve_bottom_to_top (sankey, column, sankey->y1, column->len - 1, alpha);
  resolve_top_to_bottom (sankey, column, sankey->y0, 0, alpha);
}

static void
relax (Sankey   *sankey,
       guint     c,
       gboolean  from_targets,
       double    alpha,
       double    beta)
{
  GPtrArray *column = sankey->columns[c];

  for (guint i = 0; i < column->len; i++)
    {
      Node *node = g_ptr_array_index (column, i);
      GArray *links = from_targets ? node->source_links : node->target_links;
      double y = 0, w = 0, dy;

      for (guint k = 0; k < links->len; k++)
        {
          guint link = g_array_index (links, guint, k);
          Node *source = link_source (sankey, link);
          Node *target = link_target (sankey, link);
          double v = link_value (sankey, link) * (target->column - source->column);

          y += (from_targets ? source_top (sankey, source, target)
                             : target_top (sankey, source, target)) * v;
          w += v;
        }

      if (!(w > 0))
        continue;

      dy = (y / w - node->y0) * alpha;
      node->y0 += dy;
      node->y1 += dy;
      reorder_node_links (sankey, node);
    }

  sort_column (column);
  resolve_collisions (sankey, column, beta);
}

D3SankeyBaseline *
d3_sankey_baseline_compute (LsSankeyGraph *graph,
                            double         width,
                            double         height,
                            double         node_width,
                            double         node_padding,
                            guint          iterations)
{
  g_autoptr(D3SankeyBaseline) layout = g_new0 (D3SankeyBaseline, 1);
  Sankey sankey = { 0 };
  guint max_len = 0;
  double ky = INFINITY;

  sankey.graph = graph;
  sankey.n_nodes = ls_sankey_graph_get_n_nodes (graph);
  sankey.n_links = ls_sankey_graph_get_n_links (graph);
  sankey.n_columns = ls_sankey_graph_get_n_columns (graph);
  sankey.nodes = g_new0 (Node, sankey.n_nodes);
  sankey.width = g_new0 (double, sankey.n_links + 1);
  sankey.columns = g_new0 (GPtrArray *, sankey.n_columns + 1);
  sankey.y0 = 0;
  sankey.y1 = height;

  for (guint c = 0; c < sankey.n_columns; c++)
    sankey.columns[c] = g_ptr_array_new ();

  for (guint i = 0; i < sankey.n_nodes; i++)
    {
      Node *node = &sankey.nodes[i];

      node->column = ls_sankey_graph_get_node_column (graph, i);
      node->source_links = g_array_new (FALSE, FALSE, sizeof (guint));
      node->target_links = g_array_new (FALSE, FALSE, sizeof (guint));
      g_ptr_array_add (sankey.columns[node->column], node);
    }

  for (guint l = 0; l < sankey.n_links; l++)
    {
      g_array_append_val (link_source (&sankey, l)->source_links, l);
      g_array_append_val (link_target (&sankey, l)->target_links, l);
    }

  for (guint i = 0; i < sankey.n_nodes; i++)
    {
      Node *node = &sankey.nodes[i];
      double in = 0, out = 0, fixed = 0;

      for (guint k = 0; k < node->source_links->len; k++)
        out += link_value (&sankey, g_array_index (node->source_links, guint, k));
      for (guint k = 0; k < node->target_links->len; k++)
        in += link_value (&sankey, g_array_index (node->target_links, guint, k));
      ls_sankey_graph_get_node_fixed_value (graph, i, &fixed);
      node->value = MAX (fixed, MAX (in, out));
    }

  for (guint c = 0; c < sankey.n_columns; c++)
    max_len = MAX (max_len, sankey.columns[c]->len);
  sankey.py = max_len > 1 ? MIN (node_padding, height / (max_len - 1)) : node_padding;

  /* Initial breadths. */
  for (guint c = 0; c < sankey.n_columns; c++)
    {
      GPtrArray *column = sankey.columns[c];
      double sum = 0;

      for (guint i = 0; i < column->len; i++)
        sum += ((Node *)g_ptr_array_index (column, i))->value;
      if (sum > 0)
        ky = MIN (ky, (height - (column->len - 1.0) * sankey.py) / sum);
    }
  if (!isfinite (ky))
    ky = 0;

  for (guint l = 0; l < sankey.n_links; l++)
    sankey.width[l] = link_value (&sankey, l) * ky;

  for (guint c = 0; c < sankey.n_columns; c++)
    {
      GPtrArray *column = sankey.columns[c];
      double y = 0;

      for (guint i = 0; i < column->len; i++)
        {
          Node *node = g_ptr_array_index (column, i);

          node->y0 = y;
          node->y1 = y + node->value * ky;
          y = node->y1 + sankey.py;
        }
      y = (height - y + sankey.py) / (column->len + 1);
      for (guint i = 0; i < column->len; i++)
        {
          Node *node = g_ptr_array_index (column, i);

          node->y0 += y * (i + 1);
          node->y1 += y * (i + 1);
        }
      for (guint i = 0; i < column->len; i++)
        reorder_links (&sankey, g_ptr_array_index (column, i));
    }

  for (guint i = 0; i < iterations; i++)
    {
      double alpha = pow (0.99, i);
      double beta = MAX (1 - alpha, (i + 1.0) / iterations);

      for (guint c = sankey.n_columns - 1; c-- > 0;)
        relax (&sankey, c, TRUE, alpha, beta);
      for (guint c = 1; c < sankey.n_columns; c++)
        relax (&sankey, c, FALSE, alpha, beta);
    }

  /* Final port order, by the other end's position, then link breadths. */
  for (guint i = 0; i < sankey.n_nodes; i++)
    reorder_links (&sankey, &sankey.nodes[i]);

  layout->n_nodes = sankey.n_nodes;
  layout->n_links = sankey.n_links;
  layout->node_y0 = g_new (double, sankey.n_nodes + 1);
  layout->node_y1 = g_new (double, sankey.n_nodes + 1);
  layout->link_width = g_steal_pointer (&sankey.width);
  layout->link_y0 = g_new (double, sankey.n_links + 1);
  layout->link_y1 = g_new (double, sankey.n_links + 1);

  for (guint i = 0; i < sankey.n_nodes; i++)
    {
      Node *node = &sankey.nodes[i];
      double y0 = node->y0, y1 = node->y0;

      layout->node_y0[i] = node->y0;
      layout->node_y1[i] = node->y1;
      for (guint k = 0; k < node->source_links->len; k++)
        {
          guint link = g_array_index (node->source_links, guint, k);

          layout->link_y0[link] = y0 + layout->link_width[link] / 2;
          y0 += layout->link_width[link];
        }
      for (guint k = 0; k < node->target_links->len; k++)
        {
          guint link = g_array_index (node->target_links, guint, k);

          layout->link_y1[link] = y1 + layout->link_width[link] / 2;
          y1 += layout->link_width[link];
        }
    }

  for (guint i = 0; i < sankey.n_nodes; i++)
    {
      g_array_unref (sankey.nodes[i].source_links);
      g_array_unref (sankey.nodes[i].target_links);
    }
  for (guint c = 0; c < sankey.n_columns; c++)
    g_ptr_array_unref (sankey.columns[c]);
  g_free (sankey.columns);
  g_free (sankey.nodes);

  return g_steal_pointer (&layout);
}

void
d3_sankey_baseline_free (D3SankeyBaseline *layout)
{
  if (layout == NULL)
    return;

  g_free (layout->node_y0);
  g_free (layout->node_y1);
  g_free (layout->link_width);
  g_free (layout->link_y0);
  g_free (layout->link_y1);
  g_free (layout);
}

typedef struct
{
  double y0;
  double y1;
  double value;
  guint  rank1;
} Band;

static int
compare_bands_y1 (gconstpointer a,
                  gconstpointer b)
{
  const Band *ba = *(Band * const *)a;
  const Band *bb = *(Band * const *)b;

  return ba->y1 < bb->y1 ? -1 : (ba->y1 > bb->y1);
}

static int
compare_bands_y0 (gconstpointer a,
                  gconstpointer b)
{
  const Band *ba = a;
  const Band *bb = b;

  if (ba->y0 != bb->y0)
    return ba->y0 < bb->y0 ? -1 : 1;

  return ba->y1 < bb->y1 ? -1 : (ba->y1 > bb->y1);
}

/* Geometric: two links between the same pair of adjacent columns cross when
 * their ends are in opposite orders. Counted as weighted inversions. */
double
d3_sankey_baseline_weighted_crossings (LsSankeyGraph *graph,
                                       const double  *link_y0,
                                       const double  *link_y1,
                                       guint64       *n_crossings)
{
  guint n_links = ls_sankey_graph_get_n_links (graph);
  guint n_columns = ls_sankey_graph_get_n_columns (graph);
  double weight = 0;
  guint64 count = 0;

  for (guint c = 0; c + 1 < n_columns; c++)
    {
      g_autoptr(GArray) bands = g_array_new (FALSE, FALSE, sizeof (Band));
      g_autofree Band **by_y1 = NULL;
      g_autofree double *tree_weight = NULL;
      g_autofree guint64 *tree_count = NULL;
      double total_weight = 0;
      guint64 total_count = 0;
      guint n_ranks = 0;

      for (guint l = 0; l < n_links; l++)
        {
          guint source = ls_sankey_graph_get_link_source (graph, l);
          guint target = ls_sankey_graph_get_link_target (graph, l);
          Band band;

          if (ls_sankey_graph_get_node_column (graph, source) != c ||
              ls_sankey_graph_get_node_column (graph, target) != c + 1)
            continue;

          band.y0 = link_y0[l];
          band.y1 = link_y1[l];
          band.value = ls_sankey_graph_get_link_value (graph, l);
          g_array_append_val (bands, band);
        }

      by_y1 = g_new (Band *, bands->len + 1);
      for (guint i = 0; i < bands->len; i++)
        by_y1[i] = &g_array_index (bands, Band, i);
      qsort (by_y1, bands->len, sizeof (Band *), compare_bands_y1);
      for (guint i = 0; i < bands->len; i++)
        {
          if (i == 0 || by_y1[i]->y1 != by_y1[i - 1]->y1)
            n_ranks++;
          by_y1[i]->rank1 = n_ranks;
        }

      qsort (bands->data, bands->len, sizeof (Band), compare_bands_y0);
      tree_weight = g_new0 (double, n_ranks + 1);
      tree_count = g_new0 (guint64, n_ranks + 1);

      for (guint i = 0; i < bands->len; i++)
        {
          const Band *band = &g_array_index (bands, Band, i);
          double below_weight = 0;
          guint64 below_count = 0;

          for (guint j = band->rank1; j > 0; j -= j & -j)
            {
              below_weight += tree_weight[j];
              below_count += tree_count[j];
            }
          weight += band->value * (total_weight - below_weight);
          count += total_count - below_count;

          for (guint j = band->rank1; j <= n_ranks; j += j & -j)
            {
              tree_weight[j] += band->value;
              tree_count[j]++;
            }
          total_weight += band->value;
          total_count++;
        }
    }

  if (n_crossings != NULL)
    *n_crossings = count;

  return weight;
}
