/* ls-sankey-layout.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-sankey-layout"

#include "config.h"

#include "ls-sankey-layout.h"

#include "ls-sankey-exact.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The layout is a layered-graph drawing in three stages:
 *
 *  1. Order. A link spanning several columns is split into segments through
 *     pass-through vertices, one per column crossed, so every segment joins
 *     adjacent columns and takes room in the columns it crosses; they are
 *     ordered like nodes, in the heuristic and in the exact solver alike,
 *     and crossings are counted between segments of adjacent columns. The
 *     order of the vertices in each column minimises crossings weighted by
 *     flow (value_a × value_b per crossing pair; segments sharing a vertex
 *     never cross, see 2).
 *
 *     The heuristic runs several starts and keeps the best: the key order
 *     with weighted barycentre sweeps down and up; a heavy-planar order,
 *     in which the heaviest links cannot cross each other (found by
 *     union-find over the pair orders, see heavy_planar_order (); it is
 *     crossing-free whenever the graph has a crossing-free order, and then
 *     this start finds it); more heavy-planar orders from noisy values,
 *     and shuffles. Each start is then improved by sifting (one vertex to
 *     its best place in its column, both sides counted) and block moves
 *     (runs of consecutive vertices in several columns moved together to
 *     their best places at once, a shortest path over those places, see
 *     move_chain ()) until nothing strictly helps. Starts run while a
 *     budget of counted operations lasts, up to 16, so the result does not
 *     depend on the machine. On random layered graphs of 9 to 12 nodes a
 *     layer (tests/bench) this is within 2 % of the optimum on average.
 *
 *     Stability: ties and near-ties between adjacent vertices go to the
 *     previous order where both are in it, else to the straighter order
 *     (links leaving clearly higher go above), else to the input order,
 *     and a later start must beat the earlier ones by 1 %, so near-equal
 *     inputs give the same order. With a previous order, it is kept unless
 *     the search beats it by the hysteresis. Pins hold a node at a rank
 *     among the nodes of its column through every step.
 *
 *     The exact order (LsSankeyLayoutOptions.exact) is an integer program
 *     solved with GLPK from the heuristic's order, see ls-sankey-exact.c;
 *     among equal optima the ties are broken as above, exactly.
 *     Crossings are counted in O(E log V) with a Fenwick tree.
 *
 *  2. Ports. At a vertex, outgoing bands are stacked from the top in the
 *     order of their targets and incoming bands in the order of their
 *     sources, so bands never cross at a node and, once the order is fixed,
 *     the offset of every band inside its node is fixed too.
 *
 *  3. Positions. With the order and the ports fixed, straightness is the
 *     convex problem: minimise Σ value × (y at source − y at target)² over
 *     segments, subject to the order, the gaps and the extent. We solve it
 *     by block coordinate descent over columns: for one column, with the
 *     others held, the problem is a weighted isotonic regression, solved
 *     exactly by pooling adjacent violators and clamping to the extent. */

#define NO_NODE G_MAXUINT

/* A crowded column may give at most this share of the height to gaps. */
#define MAX_GAP_SHARE 0.5

/* Pairs whose two orders differ by less than this share of weighted
 * crossings are ties, broken by the stable key; see settle_ties (). */
#define TIE_TOLERANCE 0.05
#define MAX_TIE_ROUNDS 4

/* Weights of segments crossed, as a share of all the column's, below
 * which the difference of two of its sums is rounding alone. */
#define CROSSING_RESIDUE 1e-12

/* Multi-start (search_orders ()): budgets of counted operations, for
 * figures with block moves and without (the large ones, whose time is
 * what SEARCH_BUDGET was set for: at 1.2e6, one of the 1,000-node graphs
 * of tests/bench took 27 ms against a target of 20; at 0.6e6, 15 ms, and
 * every graph there kept the same weighted crossings). */
#define SEARCH_BUDGET 0.6e6
#define BLOCK_SEARCH_BUDGET 1e7
#define MAX_STARTS 16
#define START_MARGIN 0.01

/* Rounds of sifting and block moves in one descent, at most. */
#define MAX_DESCENT_ROUNDS 8

/* Block moves (see move_chain ()) in figures whose columns have at most
 * this many vertices and whose pass of moves costs at most that much;
 * their cost grows with the square of a column. */
#define CHAIN_MAX_COLUMN 64
#define MAX_CHAIN_PASS_WORK 3e6
/* Blocks of runs: up to this many vertices, a neighbour taking at least
 * this share of a block's flow joins the next block. */
#define BLOCK_MAX 4
#define BLOCK_SHARE 0.1

/* Heavy-planar starts (heavy_planar_order ()): in figures whose columns
 * have up to this many vertices, giving up after this many contradictions;
 * later starts scale values by up to e^±PLANAR_NOISE. */
#define PLANAR_MAX_COLUMN 64
#define PLANAR_MAX_CONFLICTS 2000
#define PLANAR_NOISE 3.0

/* Ties go to the straighter order when the links of the two vertices
 * leave at places this far apart (a share of the column); see
 * tie_goes_above (). */
#define STRAIGHTNESS_MARGIN 0.1

/* Exact ties: pairs whose two orders cost the same to this share. */
#define EXACT_TIE_TOLERANCE 1e-9

#define MAX_SWEEPS 24
#define MAX_IDLE_SWEEPS 6
#define MAX_SIFTING_ROUNDS 12
/* A sifting round that gains less than this share of the weighted crossings
 * is the last: later rounds gain less still. */
#define SIFTING_MIN_GAIN 0.002

typedef struct
{
  guint  column;
  guint  node;      /* graph node, or NO_NODE for a pass-through vertex */
  double value;     /* throughput */
  double key;       /* stable tie-break key */
  gboolean has_previous;  /* the key is a rank in the previous order */
  double y0;
} Vertex;

typedef struct
{
  guint  source;    /* vertex in column c */
  guint  target;    /* vertex in column c + 1 */
  guint  link;
  double value;
  double source_offset;  /* band centre below the top of its vertex */
  double target_offset;
} Segment;

struct _LsSankeyLayout
{
  GObject        parent_instance;

  /* Owned */
  LsSankeyGraph *graph;
  Vertex        *vertices;      /* graph nodes first, then pass-through vertices */
  Segment       *segments;      /* the segments of a link are consecutive */
  guint         *link_segments; /* n_links + 1 offsets into segments */
  guint         *out_start;     /* n_vertices + 1 offsets into out_segments */
  guint         *out_segments;
  guint         *in_start;
  guint         *in_segments;
  guint         *column_start;  /* n_columns + 1 offsets into order */
  guint         *order;         /* vertices column by column, top to bottom */
  guint         *rank;          /* vertex → index in its column */
  double        *heights;       /* per vertex */
  double        *gaps;          /* per column */
  double        *waypoints;     /* per segment: y of the band centre at its target */
  int           *pin;           /* per vertex: its pinned rank among the column's nodes, or −1 */
  gboolean      *pinned_columns;
  gboolean       has_pins;

  guint          n_nodes;
  guint          n_links;
  guint          n_vertices;
  guint          n_segments;
  guint          n_columns;
  double         width;
  double         height;
  double         node_width;
  double         scale;

  LsSankeyOrderStatus order_status;
  double         order_bound;
  double         order_seconds;
};

G_DEFINE_FINAL_TYPE (LsSankeyLayout, ls_sankey_layout, G_TYPE_OBJECT)

static void
ls_sankey_layout_finalize (GObject *object)
{
  LsSankeyLayout *self = (LsSankeyLayout *)object;

  g_clear_object (&self->graph);
  g_free (self->vertices);
  g_free (self->segments);
  g_free (self->link_segments);
  g_free (self->out_start);
  g_free (self->out_segments);
  g_free (self->in_start);
  g_free (self->in_segments);
  g_free (self->column_start);
  g_free (self->order);
  g_free (self->rank);
  g_free (self->heights);
  g_free (self->gaps);
  g_free (self->waypoints);
  g_free (self->pin);
  g_free (self->pinned_columns);

  G_OBJECT_CLASS (ls_sankey_layout_parent_class)->finalize (object);
}

static void
ls_sankey_layout_class_init (LsSankeyLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ls_sankey_layout_finalize;
}

static void
ls_sankey_layout_init (LsSankeyLayout *self)
{
}

/* Building the layered graph */

static void
build_vertices (LsSankeyLayout *self)
{
  LsSankeyGraph *graph = self->graph;
  guint n_pass = 0;
  guint v, s;

  self->n_nodes = ls_sankey_graph_get_n_nodes (graph);
  self->n_links = ls_sankey_graph_get_n_links (graph);
  self->n_columns = ls_sankey_graph_get_n_columns (graph);

  for (guint l = 0; l < self->n_links; l++)
    {
      guint source = ls_sankey_graph_get_link_source (graph, l);
      guint target = ls_sankey_graph_get_link_target (graph, l);
      guint c0 = ls_sankey_graph_get_node_column (graph, source);
      guint c1 = ls_sankey_graph_get_node_column (graph, target);

      n_pass += c1 - c0 - 1;
    }

  self->n_vertices = self->n_nodes + n_pass;
  self->n_segments = self->n_links + n_pass;
  /* + 1 everywhere: an empty graph still gets valid pointers. */
  self->vertices = g_new0 (Vertex, self->n_vertices + 1);
  self->segments = g_new0 (Segment, self->n_segments + 1);
  self->link_segments = g_new (guint, self->n_links + 1);

  for (v = 0; v < self->n_nodes; v++)
    {
      double fixed = 0;

      ls_sankey_graph_get_node_fixed_value (graph, v, &fixed);
      self->vertices[v].column = ls_sankey_graph_get_node_column (graph, v);
      self->vertices[v].node = v;
      self->vertices[v].value = fixed;
    }

  for (guint l = 0, k = 0; l < self->n_links; l++)
    {
      guint source = ls_sankey_graph_get_link_source (graph, l);
      guint target = ls_sankey_graph_get_link_target (graph, l);
      guint c0 = self->vertices[source].column;
      guint c1 = self->vertices[target].column;
      double value = ls_sankey_graph_get_link_value (graph, l);
      guint from = source;

      self->link_segments[l] = k;
      for (guint c = c0 + 1; c <= c1; c++)
        {
          guint to;

          if (c == c1)
            {
              to = target;
            }
          else
            {
              to = v++;
              self->vertices[to].column = c;
              self->vertices[to].node = NO_NODE;
              self->vertices[to].value = value;
            }

          self->segments[k].source = from;
          self->segments[k].target = to;
          self->segments[k].link = l;
          self->segments[k].value = value;
          k++;
          from = to;
        }
      self->link_segments[l + 1] = k;
    }

  /* Compressed adjacency, so sweeps touch only arrays. */
  self->out_start = g_new0 (guint, self->n_vertices + 1);
  self->in_start = g_new0 (guint, self->n_vertices + 1);
  self->out_segments = g_new (guint, self->n_segments + 1);
  self->in_segments = g_new (guint, self->n_segments + 1);

  for (s = 0; s < self->n_segments; s++)
    {
      self->out_start[self->segments[s].source + 1]++;
      self->in_start[self->segments[s].target + 1]++;
    }
  for (v = 0; v < self->n_vertices; v++)
    {
      self->out_start[v + 1] += self->out_start[v];
      self->in_start[v + 1] += self->in_start[v];
    }
  {
    gsize size = sizeof (guint) * (self->n_vertices + 1);
    g_autofree guint *out_fill = g_memdup2 (self->out_start, size);
    g_autofree guint *in_fill = g_memdup2 (self->in_start, size);

    for (s = 0; s < self->n_segments; s++)
      {
        self->out_segments[out_fill[self->segments[s].source]++] = s;
        self->in_segments[in_fill[self->segments[s].target]++] = s;
      }
  }

  /* Throughput: max of in-sum, out-sum and the fixed value. */
  for (v = 0; v < self->n_nodes; v++)
    {
      double in = 0, out = 0;

      for (guint i = self->in_start[v]; i < self->in_start[v + 1]; i++)
        in += self->segments[self->in_segments[i]].value;
      for (guint i = self->out_start[v]; i < self->out_start[v + 1]; i++)
        out += self->segments[self->out_segments[i]].value;

      self->vertices[v].value = MAX (self->vertices[v].value, MAX (in, out));
    }
}

/* Stable keys: the rank in @previous_order, else after all of those, in
 * input order. A pass-through vertex follows its link. */
static void
assign_keys (LsSankeyLayout     *self,
             const char * const *previous_order)
{
  guint n_hint = 0;

  for (guint v = 0; v < self->n_nodes; v++)
    self->vertices[v].key = -1;

  if (previous_order != NULL)
    {
      for (; previous_order[n_hint] != NULL; n_hint++)
        {
          guint node;

          if (ls_sankey_graph_lookup_node (self->graph, previous_order[n_hint], &node) &&
              self->vertices[node].key < 0)
            {
              self->vertices[node].key = n_hint;
              self->vertices[node].has_previous = TRUE;
            }
        }
    }

  for (guint v = 0; v < self->n_nodes; v++)
    if (self->vertices[v].key < 0)
      self->vertices[v].key = n_hint + v;

  for (guint l = 0; l < self->n_links; l++)
    {
      guint first = self->link_segments[l];
      guint last = self->link_segments[l + 1];
      double base = self->vertices[self->segments[first].source].key;

      /* Between its source's key and the next one, in link order. */
      for (guint s = first; s + 1 < last; s++)
        {
          Vertex *pass = &self->vertices[self->segments[s].target];

          pass->key = base + (l + 1.0) / (self->n_links + 2.0);
          pass->has_previous = self->vertices[self->segments[first].source].has_previous;
        }
    }
}

static int
compare_by_key (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const Vertex *vertices = user_data;
  guint va = *(const guint *)a;
  guint vb = *(const guint *)b;

  if (vertices[va].key != vertices[vb].key)
    return vertices[va].key < vertices[vb].key ? -1 : 1;

  return va < vb ? -1 : (va > vb);
}

static void
initial_order (LsSankeyLayout *self)
{
  g_autofree guint *fill = NULL;

  self->column_start = g_new0 (guint, self->n_columns + 1);
  self->order = g_new (guint, self->n_vertices + 1);
  self->rank = g_new (guint, self->n_vertices + 1);

  for (guint v = 0; v < self->n_vertices; v++)
    self->column_start[self->vertices[v].column + 1]++;
  for (guint c = 0; c < self->n_columns; c++)
    self->column_start[c + 1] += self->column_start[c];

  fill = g_memdup2 (self->column_start, sizeof (guint) * (self->n_columns + 1));
  for (guint v = 0; v < self->n_vertices; v++)
    self->order[fill[self->vertices[v].column]++] = v;

  for (guint c = 0; c < self->n_columns; c++)
    {
      guint start = self->column_start[c];
      guint n = self->column_start[c + 1] - start;

      g_qsort_with_data (self->order + start, n, sizeof (guint), compare_by_key, self->vertices);
      for (guint i = 0; i < n; i++)
        self->rank[self->order[start + i]] = i;
    }
}

/* Counting weighted crossings.
 *
 * Between columns c and c + 1, walk the sources top to bottom. A segment
 * crosses every segment from a source above whose target ranks strictly
 * lower; a Fenwick tree over target ranks sums their values. Segments
 * sharing a source or a target never cross, thanks to the port order.
 * O(E log V). */

typedef struct
{
  double  *tree_weight;
  guint64 *tree_count;
} Counter;

static void
counter_init (Counter        *counter,
              LsSankeyLayout *self)
{
  guint max_column = 0;

  for (guint c = 0; c < self->n_columns; c++)
    max_column = MAX (max_column, self->column_start[c + 1] - self->column_start[c]);

  counter->tree_weight = g_new0 (double, max_column + 1);
  counter->tree_count = g_new0 (guint64, max_column + 1);
}

static void
counter_clear (Counter *counter)
{
  g_clear_pointer (&counter->tree_weight, g_free);
  g_clear_pointer (&counter->tree_count, g_free);
}

static int
compare_segments_at_source (gconstpointer a,
                            gconstpointer b,
                            gpointer      user_data)
{
  LsSankeyLayout *self = user_data;
  const Segment *sa = &self->segments[*(const guint *)a];
  const Segment *sb = &self->segments[*(const guint *)b];
  guint ra = self->rank[sa->target];
  guint rb = self->rank[sb->target];

  if (ra != rb)
    return ra < rb ? -1 : 1;

  return sa->link < sb->link ? -1 : (sa->link > sb->link);
}

static int
compare_segments_at_target (gconstpointer a,
                            gconstpointer b,
                            gpointer      user_data)
{
  LsSankeyLayout *self = user_data;
  const Segment *sa = &self->segments[*(const guint *)a];
  const Segment *sb = &self->segments[*(const guint *)b];
  guint ra = self->rank[sa->source];
  guint rb = self->rank[sb->source];

  if (ra != rb)
    return ra < rb ? -1 : 1;

  return sa->link < sb->link ? -1 : (sa->link > sb->link);
}

static double
count_crossings_after (LsSankeyLayout *self,
                       Counter        *counter,
                       guint           c,
                       guint64        *n_crossings)
{
  guint start = self->column_start[c];
  guint end = self->column_start[c + 1];
  guint n_next = self->column_start[c + 2] - self->column_start[c + 1];
  double total_weight = 0;
  guint64 total_count = 0;
  double weight = 0;
  guint64 count = 0;

  memset (counter->tree_weight, 0, sizeof (double) * (n_next + 1));
  memset (counter->tree_count, 0, sizeof (guint64) * (n_next + 1));

  for (guint i = start; i < end; i++)
    {
      guint v = self->order[i];
      const guint *out = self->out_segments + self->out_start[v];
      guint degree = self->out_start[v + 1] - self->out_start[v];

      /* Query all of a source's segments before inserting any, so they
       * never count against each other: no need to sort them. */
      for (guint k = 0; k < degree; k++)
        {
          const Segment *segment = &self->segments[out[k]];
          double below_weight = 0;
          guint64 below_count = 0;

          /* Earlier segments ending at the same rank or above. */
          for (guint j = self->rank[segment->target] + 1; j > 0; j -= j & -j)
            {
              below_weight += counter->tree_weight[j];
              below_count += counter->tree_count[j];
            }

          /* Exact zero when nothing ends lower, despite rounding; and
           * when what ends lower weighs nothing (links of value 0), which
           * the difference of the two sums leaves as a residue. */
          if (total_count > below_count)
            {
              double lower = total_weight - below_weight;

              if (lower > total_weight * CROSSING_RESIDUE)
                weight += segment->value * lower;
            }
          count += total_count - below_count;
        }

      for (guint k = 0; k < degree; k++)
        {
          const Segment *segment = &self->segments[out[k]];

          for (guint j = self->rank[segment->target] + 1; j <= n_next; j += j & -j)
            {
              counter->tree_weight[j] += segment->value;
              counter->tree_count[j]++;
            }
          total_weight += segment->value;
          total_count++;
        }
    }

  if (n_crossings != NULL)
    *n_crossings += count;

  return weight;
}

static double
count_crossings (LsSankeyLayout *self,
                 Counter        *counter,
                 guint64        *n_crossings)
{
  double weight = 0;

  if (n_crossings != NULL)
    *n_crossings = 0;

  for (guint c = 0; c + 1 < self->n_columns; c++)
    weight += count_crossings_after (self, counter, c, n_crossings);

  return weight;
}

/* Pins.
 *
 * A pinned node keeps its rank among the graph nodes of its column; the
 * pass-through vertices of long links are not counted, so they move
 * freely around it. Every step of the search keeps the pins: an order
 * from elsewhere (the key order, a shuffle, a barycentre sort) is
 * repaired by putting the pinned nodes back at their ranks, the others
 * keeping their order; sifting never moves a node across a pinned one;
 * the exact column solves and the integer program have the ranks as
 * constraints. */

static void
resolve_pins (LsSankeyLayout    *self,
              const LsSankeyPin *pins,
              guint              n_pins)
{
  g_autofree guint *n_nodes = g_new0 (guint, self->n_columns + 1);
  g_autofree guint *base = g_new0 (guint, self->n_columns + 1);
  g_autofree gboolean *taken = g_new0 (gboolean, self->n_nodes + 1);

  self->pin = g_new (int, self->n_vertices + 1);
  self->pinned_columns = g_new0 (gboolean, self->n_columns + 1);
  for (guint v = 0; v < self->n_vertices; v++)
    self->pin[v] = -1;

  for (guint v = 0; v < self->n_nodes; v++)
    n_nodes[self->vertices[v].column]++;
  for (guint c = 1; c < self->n_columns; c++)
    base[c] = base[c - 1] + n_nodes[c - 1];

  for (guint i = 0; i < n_pins; i++)
    {
      guint node, c, n;
      int rank;

      if (pins[i].node == NULL ||
          !ls_sankey_graph_lookup_node (self->graph, pins[i].node, &node) ||
          self->pin[node] >= 0)
        continue;

      c = self->vertices[node].column;
      n = n_nodes[c];
      rank = (int)MIN (pins[i].rank, n - 1);

      /* The nearest free place, below first. */
      for (guint d = 0; d < 2 * n; d++)
        {
          int r = d == 0 ? rank : d % 2 == 1 ? rank + (int)(d + 1) / 2 : rank - (int)d / 2;

          if (r < 0 || r >= (int)n || taken[base[c] + r])
            continue;

          taken[base[c] + r] = TRUE;
          self->pin[node] = r;
          self->pinned_columns[c] = TRUE;
          self->has_pins = TRUE;
          break;
        }
    }
}

static inline gboolean
is_node (LsSankeyLayout *self,
         guint           v)
{
  return self->vertices[v].node != NO_NODE;
}

/* Puts column c's pinned nodes back at their ranks; the other nodes keep
 * their order, and each pass-through vertex stays after as many nodes as
 * it was. @buffer holds 3 × the column's size. */
static void
repair_column (LsSankeyLayout *self,
               guint           c,
               guint          *buffer)
{
  guint start = self->column_start[c];
  guint n = self->column_start[c + 1] - start;
  guint *slots = buffer;          /* node rank → vertex */
  guint *passes = buffer + n;     /* pass-through vertices, in order */
  guint *after = buffer + 2 * n;  /* nodes before each of them */
  guint n_nodes = 0, n_passes = 0, next_free = 0, k = 0, p = 0;

  if (!self->pinned_columns[c])
    return;

  for (guint i = 0; i < n; i++)
    {
      guint v = self->order[start + i];

      if (!is_node (self, v))
        {
          passes[n_passes] = v;
          after[n_passes++] = n_nodes;
          continue;
        }
      slots[n_nodes++] = G_MAXUINT;
    }

  for (guint i = 0; i < n; i++)
    {
      guint v = self->order[start + i];

      if (is_node (self, v) && self->pin[v] >= 0)
        slots[self->pin[v]] = v;
    }
  for (guint i = 0; i < n; i++)
    {
      guint v = self->order[start + i];

      if (!is_node (self, v) || self->pin[v] >= 0)
        continue;
      while (slots[next_free] != G_MAXUINT)
        next_free++;
      slots[next_free] = v;
    }

  for (guint r = 0; r <= n_nodes; r++)
    {
      while (p < n_passes && after[p] == r)
        self->order[start + k++] = passes[p++];
      if (r < n_nodes)
        self->order[start + k++] = slots[r];
    }

  for (guint i = 0; i < n; i++)
    self->rank[self->order[start + i]] = i;
}

/* Sifting.
 *
 * Moving vertex u from above v to below v changes the weighted crossings
 * by d(u, v) = Σ over u's segments a and v's segments b on the same side
 * of a.value × b.value × sign (rank of b's other end − rank of a's), which
 * is Σ_b b.value × g_u(rank of b's other end) with
 * g_u(r) = (u's value ending above r) − (u's value ending below r).
 * With g_u tabulated over the neighbouring columns, the cost of u at every
 * place in its column is one pass over the column's segment ends; u goes to
 * the cheapest place if that strictly helps. */

typedef struct
{
  guint  rank;
  double value;
} Entry;

typedef struct
{
  Entry  *entries;  /* per vertex of the column: its ends above, then below */
  guint  *start;
  guint  *snapshot; /* the column's order on entry */
  guint  *list_of;  /* position → index into snapshot */
  double *delta;
  double *g_above;  /* g_u over the ranks of column c − 1 */
  double *g_below;  /* g_u over the ranks of column c + 1 */
  double *work;     /* the search's operation count, for the budget */
} Sifter;

typedef struct
{
  double centre;
  double key;
  guint  vertex;
} SortItem;

typedef struct _Chains Chains;

/* Buffers for the whole search, allocated once. */
typedef struct
{
  Counter   counter;
  Sifter    sifter;
  Chains   *chains;   /* NULL when columns are too large for chain moves */
  guint     max_column;
  double    work;     /* operations so far, against the budget */
  /* What the descent already knows cannot improve: see descend (). */
  guint64   stamp;
  guint64  *column_stamp;   /* per column: when its order last changed */
  guint64  *column_solved;  /* per column: when it was last solved */
  guint64  *chain_checked;  /* per vertex: when its chains were last moved */
  double   *positions;
  SortItem *items;
  guint    *start_order;
  guint    *candidate;
  guint    *repair;
} Search;

static guint
fill_entries (LsSankeyLayout *self,
              guint           v,
              gboolean        above,
              Entry          *entries)
{
  const guint *adjacent = above ? self->in_segments : self->out_segments;
  guint first = above ? self->in_start[v] : self->out_start[v];
  guint last = above ? self->in_start[v + 1] : self->out_start[v + 1];

  for (guint k = first; k < last; k++)
    {
      const Segment *segment = &self->segments[adjacent[k]];

      entries[k - first].rank = self->rank[above ? segment->source : segment->target];
      entries[k - first].value = segment->value;
    }

  return last - first;
}

/* The ends of column c's vertices in the neighbouring columns, for the
 * vertices at positions @first … @first + @n − 1 (in the sifter's
 * snapshot, also filled). */
static void
fill_column_entries (LsSankeyLayout *self,
                     guint           c,
                     guint           first,
                     guint           n,
                     Sifter         *sifter,
                     gboolean        above,
                     gboolean        below)
{
  guint start = self->column_start[c] + first;
  guint fill = 0;

  above = above && c > 0;
  below = below && c + 1 < self->n_columns;

  for (guint i = 0; i < n; i++)
    {
      guint v = self->order[start + i];

      sifter->snapshot[i] = v;
      sifter->list_of[i] = i;
      sifter->start[2 * i] = fill;
      if (above)
        fill += fill_entries (self, v, TRUE, sifter->entries + fill);
      sifter->start[2 * i + 1] = fill;
      if (below)
        fill += fill_entries (self, v, FALSE, sifter->entries + fill);
    }
  sifter->start[2 * n] = fill;
}

/* g over @n ranks from u's ends; @g must be all zero on entry. */
static void
tabulate_g (const Entry *entries,
            guint        n_entries,
            double      *g,
            guint        n)
{
  double above = 0, total = 0;

  for (guint k = 0; k < n_entries; k++)
    {
      g[entries[k].rank] += entries[k].value;
      total += entries[k].value;
    }

  for (guint r = 0; r < n; r++)
    {
      double at = g[r];

      g[r] = above - (total - above - at);
      above += at;
    }
}

/* Stores the column order a sifter settled on, from @start for @n. */
static void
write_back_order (LsSankeyLayout *self,
                  const Sifter   *sifter,
                  guint           start,
                  guint           n)
{
  for (guint i = 0; i < n; i++)
    {
      guint v = sifter->snapshot[sifter->list_of[i]];

      self->order[start + i] = v;
      self->rank[v] = i;
    }
}

/* Where u may go among the others (0 … n − 1) without taking a node past
 * a pinned one: between the pinned nodes around it. A pinned node itself
 * stays; pass-through vertices go anywhere. */
static gboolean
sifting_range (LsSankeyLayout *self,
               const Sifter   *sifter,
               guint           n,
               guint           p,
               guint          *lo,
               guint          *hi)
{
  guint u = sifter->snapshot[sifter->list_of[p]];

  *lo = 0;
  *hi = n - 1;

  if (!self->pinned_columns[self->vertices[u].column] || !is_node (self, u))
    return TRUE;
  if (self->pin[u] >= 0)
    return FALSE;

  for (guint j = p; j-- > 0;)
    {
      guint w = sifter->snapshot[sifter->list_of[j]];

      if (is_node (self, w) && self->pin[w] >= 0)
        {
          *lo = j + 1;
          break;
        }
    }
  for (guint j = p + 1; j < n; j++)
    {
      guint w = sifter->snapshot[sifter->list_of[j]];

      if (is_node (self, w) && self->pin[w] >= 0)
        {
          *hi = j - 1;
          break;
        }
    }

  return TRUE;
}

static gboolean
sift_column (LsSankeyLayout *self,
             guint           c,
             Sifter         *sifter,
             gboolean        above,
             gboolean        below)
{
  guint start = self->column_start[c];
  guint n = self->column_start[c + 1] - start;
  guint n_above = above && c > 0 ? self->column_start[c] - self->column_start[c - 1] : 0;
  guint n_below = below && c + 1 < self->n_columns
    ? self->column_start[c + 2] - self->column_start[c + 1]
    : 0;
  gboolean moved = FALSE;

  if (n < 2)
    return FALSE;

  /* The entries hold ranks in the neighbouring columns, which stay fixed
   * while this column is sifted. */
  fill_column_entries (self, c, 0, n, sifter, n_above > 0, n_below > 0);
  *sifter->work += (double)n * (sifter->start[2 * n] + n_above + n_below + n);

  for (guint u = 0; u < n; u++)
    {
      const Entry *entries = sifter->entries;
      const guint *starts = sifter->start;
      double cost, best, current = 0, threshold, magnitude = 0;
      guint p = 0, best_q, o = 0, lo, hi;

      if (starts[2 * u + 2] == starts[2 * u])
        continue;

      for (guint j = 0; j < n; j++)
        if (sifter->list_of[j] == u)
          p = j;
      if (!sifting_range (self, sifter, n, p, &lo, &hi))
        continue;

      memset (sifter->g_above, 0, sizeof (double) * n_above);
      memset (sifter->g_below, 0, sizeof (double) * n_below);
      tabulate_g (entries + starts[2 * u], starts[2 * u + 1] - starts[2 * u],
                  sifter->g_above, n_above);
      tabulate_g (entries + starts[2 * u + 1], starts[2 * u + 2] - starts[2 * u + 1],
                  sifter->g_below, n_below);

      for (guint j = 0; j < n; j++)
        {
          guint w = sifter->list_of[j];
          double d = 0;

          if (w == u)
            continue;

          for (guint k = starts[2 * w]; k < starts[2 * w + 1]; k++)
            d += entries[k].value * sifter->g_above[entries[k].rank];
          for (guint k = starts[2 * w + 1]; k < starts[2 * w + 2]; k++)
            d += entries[k].value * sifter->g_below[entries[k].rank];

          sifter->delta[o++] = d;
          magnitude += fabs (d);
        }

      /* cost (q) − cost (0), u placed before the q-th of the others. */
      cost = 0;
      best = G_MAXDOUBLE;
      best_q = p;
      for (guint q = 0; q < n; q++)
        {
          if (q > 0)
            cost += sifter->delta[q - 1];
          if (q == p)
            current = cost;
          if (q >= lo && q <= hi && cost < best)
            {
              best = cost;
              best_q = q;
            }
        }

      /* Only strict gains move a vertex; near-ties keep the current order. */
      threshold = 1e-9 * magnitude;
      if (best_q == p || best >= current - threshold)
        continue;

      if (best_q < p)
        memmove (sifter->list_of + best_q + 1, sifter->list_of + best_q,
                 sizeof (guint) * (p - best_q));
      else
        memmove (sifter->list_of + p, sifter->list_of + p + 1, sizeof (guint) * (best_q - p));
      sifter->list_of[best_q] = u;
      moved = TRUE;
    }

  write_back_order (self, sifter, start, n);

  return moved;
}

/* Sifting rounds over all columns, alternating direction, until a round
 * gains less than @min_gain of the weighted crossings. Returns them. */
static double
sift (LsSankeyLayout *self,
      Search         *search,
      guint           max_rounds,
      double          min_gain)
{
  double weight = count_crossings (self, &search->counter, NULL);

  for (guint round = 0; round < max_rounds && weight > 0; round++)
    {
      gboolean moved = FALSE;
      double previous = weight;

      for (guint k = 0; k < self->n_columns; k++)
        {
          guint c = round % 2 == 0 ? k : self->n_columns - 1 - k;

          moved |= sift_column (self, c, &search->sifter, TRUE, TRUE);
        }

      weight = count_crossings (self, &search->counter, NULL);
      if (!moved || weight > previous * (1 - min_gain))
        break;
    }

  return weight;
}

/* Near-ties.
 *
 * Two orders of a pair of adjacent vertices whose weighted crossings differ
 * by less than @tolerance are a tie, whichever the search happened to
 * reach: the pair takes the order of the stable keys instead. Otherwise a
 * 1 % change of one flow could flip such a pair, and the figure with it.
 * A pass-through vertex has no key of its own worth keeping, but follows
 * its link, whose source's key it carries. */

static void
pair_crossings (const Entry *u,
                guint        n_u,
                const Entry *v,
                guint        n_v,
                double      *uv,
                double      *vu)
{
  for (guint i = 0; i < n_u; i++)
    for (guint k = 0; k < n_v; k++)
      {
        if (u[i].rank > v[k].rank)
          *uv += u[i].value * v[k].value;
        else if (u[i].rank < v[k].rank)
          *vu += u[i].value * v[k].value;
      }
}

/* The weighted crossings of snapshot vertices a and b, a above b and b
 * above a, with the neighbouring columns as the sifter's entries hold. */
static void
entry_pair_costs (const Sifter *sifter,
                  guint         a,
                  guint         b,
                  double       *ab,
                  double       *ba)
{
  const guint *st = sifter->start;
  const Entry *e = sifter->entries;

  *ab = *ba = 0;
  pair_crossings (e + st[2 * a], st[2 * a + 1] - st[2 * a],
                  e + st[2 * b], st[2 * b + 1] - st[2 * b], ab, ba);
  pair_crossings (e + st[2 * a + 1], st[2 * a + 2] - st[2 * a + 1],
                  e + st[2 * b + 1], st[2 * b + 2] - st[2 * b + 1], ab, ba);
}

/* Where a vertex's links go, 0 at the top and 1 at the bottom of the
 * neighbouring columns, weighted by value; −1 if it has none. */
static double
entry_barycentre (LsSankeyLayout *self,
                  const Sifter   *sifter,
                  guint           c,
                  guint           i)
{
  const guint *st = sifter->start;
  const Entry *e = sifter->entries;
  double sum = 0, weight = 0;

  for (guint side = 0; side < 2; side++)
    {
      guint n = side == 0
        ? (c > 0 ? self->column_start[c] - self->column_start[c - 1] : 0)
        : (c + 1 < self->n_columns ? self->column_start[c + 2] - self->column_start[c + 1] : 0);

      for (guint k = st[2 * i + side]; k < st[2 * i + side + 1]; k++)
        {
          sum += e[k].value * (e[k].rank + 0.5) / n;
          weight += e[k].value;
        }
    }

  return weight > 0 ? sum / weight : -1;
}

/* Whether snapshot vertex a goes above b when their two orders tie: the
 * previous order decides, then straightness (the one whose links go
 * higher goes above, by a clear margin, so that a small change of values
 * does not flip it), then the input order. */
static gboolean
tie_goes_above (LsSankeyLayout *self,
                const double   *barycentres,
                const Sifter   *sifter,
                guint           a,
                guint           b)
{
  const Vertex *va = &self->vertices[sifter->snapshot[a]];
  const Vertex *vb = &self->vertices[sifter->snapshot[b]];

  if (!(va->has_previous && vb->has_previous) &&
      barycentres[a] >= 0 && barycentres[b] >= 0 &&
      fabs (barycentres[a] - barycentres[b]) > STRAIGHTNESS_MARGIN)
    return barycentres[a] < barycentres[b];

  return va->key < vb->key;
}

static gboolean
settle_column_ties (LsSankeyLayout *self,
                    guint           c,
                    Search         *search,
                    double          tolerance)
{
  Sifter *sifter = &search->sifter;
  double *barycentres = search->positions;
  guint start = self->column_start[c];
  guint n = self->column_start[c + 1] - start;
  gboolean swapped = FALSE;

  if (n < 2)
    return FALSE;

  fill_column_entries (self, c, 0, n, sifter, TRUE, TRUE);
  for (guint i = 0; i < n; i++)
    barycentres[i] = entry_barycentre (self, sifter, c, i);

  /* Insertion sort by the tie order, where each step must be a near-tie.
   * The pair costs depend only on the neighbouring columns, so this
   * terminates. */
  for (guint i = 1; i < n; i++)
    {
      for (guint j = i; j > 0; j--)
        {
          guint a = sifter->list_of[j - 1];
          guint b = sifter->list_of[j];
          guint va = sifter->snapshot[a];
          guint vb = sifter->snapshot[b];
          double ab, ba;

          if (!tie_goes_above (self, barycentres, sifter, b, a))
            break;
          /* Two nodes swapping change both ranks. */
          if (is_node (self, va) && is_node (self, vb) &&
              (self->pin[va] >= 0 || self->pin[vb] >= 0))
            break;

          entry_pair_costs (sifter, a, b, &ab, &ba);
          if (fabs (ab - ba) > tolerance * MAX (ab, ba))
            break;

          sifter->list_of[j - 1] = b;
          sifter->list_of[j] = a;
          swapped = TRUE;
        }
    }

  write_back_order (self, sifter, start, n);

  return swapped;
}

static void
settle_ties (LsSankeyLayout *self,
             Search         *search,
             double          tolerance)
{
  for (guint round = 0; round < MAX_TIE_ROUNDS; round++)
    {
      gboolean swapped = FALSE;

      for (guint c = 0; c < self->n_columns; c++)
        swapped |= settle_column_ties (self, c, search, tolerance);

      if (!swapped)
        break;
    }
}

/* Block moves.
 *
 * A heavy flow runs through several columns: moving one of its vertices
 * alone makes its links cross more, so no column solve moves it, while
 * moving all of them together may gain a lot; and a group of vertices
 * with their neighbours (a country's flows) may have to move together
 * from the bottom of the figure to the top. A block chain is a run of
 * consecutive vertices in each column c1 … c2 (a block); the other
 * vertices keep their order, each block keeps its own, and each block
 * takes a place i_c among the others (the number of others above it). The
 * weighted crossings are then a constant plus Σ_c P_c (i_c, i_{c+1}) plus
 * a term of i_c1 and one of i_c2, and each P_c is a sum of rectangles in
 * (i, j): a segment with one end in a block crosses one with no end in a
 * block, or one joining two blocks, for i (or j) on one side of a place;
 * a segment joining two blocks crosses one with no end in a block, and
 * two segments with one end in a block each cross, for (i, j) in two
 * opposite quadrants; the other pairs keep their order. The best places
 * of all blocks at once are a shortest path through the columns
 * (Viterbi), in O(Σ_c n_c n_{c+1} + moving × other segments).
 *
 * Which blocks: the heaviest chain through each vertex (one vertex a
 * column, each joined to the next by its heaviest segment), and from each
 * run of up to BLOCK_MAX vertices, the run its flows mostly go to in each
 * neighbouring column, column after column while that is a run of up to
 * BLOCK_MAX. */

struct _Chains
{
  double *grid;       /* (n + 1) × (m + 1): rectangles, then P_c (i, j) */
  double *line;       /* per place in the current column: least cost so far */
  double *next_line;
  double *diff;
  guint  *back;       /* per column and place: the best place one column left */
  guint  *index;      /* per vertex of the chain's columns: its place among the others */
  guint  *first;      /* per column: the block's first rank, G_MAXUINT for none */
  guint  *length;     /* per column: the block's length */
  guint  *lo;         /* per column: the block's places allowed by pins */
  guint  *hi;
  guint  *place;
  guint  *moving;     /* segment lists of one column pair */
  guint  *scratch;
  double *sums;       /* prefix sums of moving weights */
  double *line_scratch;
  double *work;       /* the search's operation count, for the budget */
  gboolean *blocked;  /* per vertex: in one of the blocks */
  gboolean *involved; /* per vertex: one of its segments crosses another */
  guint   max_column;
};

static inline gboolean
in_block (LsSankeyLayout *self,
          Chains         *chains,
          guint           v)
{
  return chains->blocked[v];
}

static inline void
grid_add (double *grid,
          guint   stride,
          guint   i0,
          guint   i1,
          guint   j0,
          guint   j1,
          double  w)
{
  if (i0 > i1 || j0 > j1)
    return;

  grid[i0 * stride + j0] += w;
  grid[i0 * stride + j1 + 1] -= w;
  grid[(i1 + 1) * stride + j0] -= w;
  grid[(i1 + 1) * stride + j1 + 1] += w;
}

/* Column c's places among the others, and where pins let its block go:
 * between the pinned nodes around it. FALSE if the block holds one. */
static gboolean
chain_column (LsSankeyLayout *self,
              Chains         *chains,
              guint           c)
{
  guint start = self->column_start[c];
  guint n = self->column_start[c + 1] - start;
  guint first = chains->first[c], last = first + chains->length[c];

  for (guint k = 0, i = 0; k < n; k++)
    {
      guint v = self->order[start + k];

      if (k >= first && k < last)
        chains->index[v] = first;
      else
        chains->index[v] = i++;
    }

  chains->lo[c] = 0;
  chains->hi[c] = n - chains->length[c];
  if (!self->pinned_columns[c])
    return TRUE;

  for (guint k = first; k < last; k++)
    if (is_node (self, self->order[start + k]) && self->pin[self->order[start + k]] >= 0)
      return FALSE;
  for (guint k = first; k-- > 0;)
    if (is_node (self, self->order[start + k]) && self->pin[self->order[start + k]] >= 0)
      {
        chains->lo[c] = chains->index[self->order[start + k]] + 1;
        break;
      }
  for (guint k = last; k < n; k++)
    if (is_node (self, self->order[start + k]) && self->pin[self->order[start + k]] >= 0)
      {
        chains->hi[c] = chains->index[self->order[start + k]];
        break;
      }

  return TRUE;
}

/* Adds to @line, per place of column c's block, the crossings of its
 * segments to column c − 1 (@left) or c + 1, none of whose vertices
 * move, with the segments there that do not touch the block. With the
 * block's segments summed by the rank of their far end, each other
 * segment adds two ranges at once. */
static void
chain_side_costs (LsSankeyLayout *self,
                  Chains         *chains,
                  guint           c,
                  gboolean        left,
                  double         *line)
{
  guint places = self->column_start[c + 1] - self->column_start[c] - chains->length[c] + 1;
  guint from = left ? c - 1 : c;
  guint far = left ? c - 1 : c + 1;
  guint n_far = self->column_start[far + 1] - self->column_start[far];
  double *diff = chains->diff;
  double *below = chains->sums;   /* Σ block weight with far end ranked < r */
  double *at = chains->sums + n_far + 1;
  double total = 0, acc = 0;

  memset (diff, 0, sizeof (double) * (places + 1));
  memset (at, 0, sizeof (double) * (n_far + 1));

  for (guint k = self->column_start[from]; k < self->column_start[from + 1]; k++)
    {
      guint u = self->order[k];

      for (guint e = self->out_start[u]; e < self->out_start[u + 1]; e++)
        {
          const Segment *g = &self->segments[self->out_segments[e]];

          if (in_block (self, chains, left ? g->target : g->source))
            {
              at[self->rank[left ? g->source : g->target]] += g->value;
              total += g->value;
            }
        }
    }
  below[0] = 0;
  for (guint r = 0; r < n_far; r++)
    below[r + 1] = below[r] + at[r];

  for (guint k = self->column_start[from]; k < self->column_start[from + 1]; k++)
    {
      guint u = self->order[k];

      for (guint e = self->out_start[u]; e < self->out_start[u + 1]; e++)
        {
          const Segment *f = &self->segments[self->out_segments[e]];
          guint f_here = left ? f->target : f->source;
          guint r = self->rank[left ? f->source : f->target];
          double above_far, below_far;
          guint a;

          if (in_block (self, chains, f_here))
            continue;
          a = chains->index[f_here];
          /* The block is above f's end iff i ≤ a; a block segment whose
           * far end is above f's crosses f for i > a, one below for
           * i ≤ a; a shared far end never. */
          above_far = below[r] * f->value;
          below_far = (total - below[r + 1]) * f->value;
          diff[a + 1] += above_far;
          diff[places] -= above_far;
          diff[0] += below_far;
          diff[a + 1] -= below_far;
        }
    }

  for (guint i = 0; i < places; i++)
    {
      acc += diff[i];
      line[i] += acc;
    }
  *chains->work += 2.0 * (self->column_start[from + 1] - self->column_start[from]) + places + n_far;
}

/* P_c (i, j) over the places of the blocks of columns c and c + 1, in
 * chains->grid with stride (places in c + 1) + 1. */
static void
chain_pair_costs (LsSankeyLayout *self,
                  Chains         *chains,
                  guint           c)
{
  guint n = self->column_start[c + 1] - self->column_start[c] - chains->length[c] + 1;
  guint m = self->column_start[c + 2] - self->column_start[c + 1] - chains->length[c + 1] + 1;
  guint stride = m + 1;
  double *grid = chains->grid;
  guint *from_block = chains->moving;  /* block → other */
  guint *to_block = NULL;              /* other → block */
  guint *joined = NULL;                /* block → block */
  guint n_from = 0, n_to = 0, n_joined = 0;
  guint first = chains->first[c], last = first + chains->length[c];
  /* From-block weight by the index of its target, to-block weight by the
   * index of its source, as prefix sums. */
  double *from_below = chains->sums;
  double *from_at = from_below + m + 1;
  double *to_below = from_at + m + 1;
  double *to_at = to_below + n + 1;
  double joined_weight = 0, from_total = 0, to_total = 0;
  double *rows = chains->diff;         /* per i: terms that hold for every j */
  double *cols = chains->line_scratch; /* per j: terms that hold for every i */

  memset (grid, 0, sizeof (double) * (n + 1) * stride);
  memset (from_at, 0, sizeof (double) * (m + 1));
  memset (to_at, 0, sizeof (double) * (n + 1));
  memset (rows, 0, sizeof (double) * (n + 1));
  memset (cols, 0, sizeof (double) * (m + 1));

  for (guint k = self->column_start[c] + first; k < self->column_start[c] + last; k++)
    for (guint e = self->out_start[self->order[k]]; e < self->out_start[self->order[k] + 1]; e++)
      {
        const Segment *g = &self->segments[self->out_segments[e]];

        if (in_block (self, chains, g->target))
          continue;
        from_block[n_from++] = self->out_segments[e];
        from_at[chains->index[g->target]] += g->value;
        from_total += g->value;
      }
  joined = from_block + n_from;
  for (guint k = self->column_start[c] + first; k < self->column_start[c] + last; k++)
    for (guint e = self->out_start[self->order[k]]; e < self->out_start[self->order[k] + 1]; e++)
      if (in_block (self, chains, self->segments[self->out_segments[e]].target))
        {
          joined[n_joined++] = self->out_segments[e];
          joined_weight += self->segments[self->out_segments[e]].value;
        }
  to_block = joined + n_joined;
  for (guint k = self->column_start[c + 1] + chains->first[c + 1];
       k < self->column_start[c + 1] + chains->first[c + 1] + chains->length[c + 1]; k++)
    for (guint e = self->in_start[self->order[k]]; e < self->in_start[self->order[k] + 1]; e++)
      {
        const Segment *g = &self->segments[self->in_segments[e]];

        if (in_block (self, chains, g->source))
          continue;
        to_block[n_to++] = self->in_segments[e];
        to_at[chains->index[g->source]] += g->value;
        to_total += g->value;
      }
  from_below[0] = 0;
  for (guint b = 0; b < m; b++)
    from_below[b + 1] = from_below[b] + from_at[b];
  to_below[0] = 0;
  for (guint a = 0; a < n; a++)
    to_below[a + 1] = to_below[a] + to_at[a];

  /* One end in a block each: x → t and s → y cross iff (x above s)
   * differs from (t above y). */
  for (guint x = 0; x < n_from; x++)
    for (guint y = 0; y < n_to; y++)
      {
        const Segment *g1 = &self->segments[from_block[x]];
        const Segment *g2 = &self->segments[to_block[y]];
        guint a = chains->index[g2->source];
        guint b = chains->index[g1->target];
        double w = g1->value * g2->value;

        grid_add (grid, stride, 0, a, 0, b, w);
        grid_add (grid, stride, a + 1, n - 1, b + 1, m - 1, w);
      }

  /* Joined segments against those with one end in a block: their block
   * ends keep their order, the other end depends on one place. */
  for (guint x = 0; x < n_joined; x++)
    {
      const Segment *h = &self->segments[joined[x]];

      for (guint y = 0; y < n_from; y++)
        {
          const Segment *g = &self->segments[from_block[y]];
          guint b = chains->index[g->target];
          double w = h->value * g->value;

          if (g->source == h->source)
            continue;
          /* h's target is above g's iff j ≤ b. */
          if (self->rank[h->source] < self->rank[g->source])
            {
              cols[b + 1] += w;
              cols[m] -= w;
            }
          else
            {
              cols[0] += w;
              cols[b + 1] -= w;
            }
        }
      for (guint y = 0; y < n_to; y++)
        {
          const Segment *g = &self->segments[to_block[y]];
          guint a = chains->index[g->source];
          double w = h->value * g->value;

          if (g->target == h->target)
            continue;
          /* h's source is above g's iff i ≤ a. */
          if (self->rank[h->target] < self->rank[g->target])
            {
              rows[a + 1] += w;
              rows[n] -= w;
            }
          else
            {
              rows[0] += w;
              rows[a + 1] -= w;
            }
        }
    }

  /* Segments without a block end, against all the moving ones at once. */
  for (guint k = self->column_start[c]; k < self->column_start[c + 1]; k++)
    {
      guint u = self->order[k];

      if (in_block (self, chains, u))
        continue;

      for (guint e = self->out_start[u]; e < self->out_start[u + 1]; e++)
        {
          const Segment *f = &self->segments[self->out_segments[e]];
          double w_above, w_below;
          guint a, b;

          if (in_block (self, chains, f->target))
            continue;
          a = chains->index[f->source];
          b = chains->index[f->target];

          /* Joined: cross iff (i ≤ a) differs from (j ≤ b). */
          if (joined_weight > 0)
            {
              grid_add (grid, stride, 0, a, b + 1, m - 1, joined_weight * f->value);
              grid_add (grid, stride, a + 1, n - 1, 0, b, joined_weight * f->value);
            }

          /* From the block to t: t above f's target crosses for i > a,
           * below for i ≤ a. */
          w_above = from_below[b] * f->value;
          w_below = (from_total - from_below[b + 1]) * f->value;
          rows[a + 1] += w_above;
          rows[n] -= w_above;
          rows[0] += w_below;
          rows[a + 1] -= w_below;

          /* From s to the block: s above f's source crosses for j > b,
           * below for j ≤ b. */
          w_above = to_below[a] * f->value;
          w_below = (to_total - to_below[a + 1]) * f->value;
          cols[b + 1] += w_above;
          cols[m] -= w_above;
          cols[0] += w_below;
          cols[b + 1] -= w_below;
        }
    }

  /* Prefix sums of the rectangles' corners, then the terms of one place
   * only: grid (i, j) = P_c (i, j). */
  for (guint i = 0; i < n; i++)
    {
      double *here = grid + i * stride;
      double acc = 0;

      for (guint j = 0; j < m; j++)
        {
          acc += here[j];
          here[j] = acc;
        }
      if (i > 0)
        for (guint j = 0; j < m; j++)
          here[j] += (here - stride)[j];
    }
  {
    double row = 0;

    for (guint j = 1; j < m; j++)
      cols[j] += cols[j - 1];
    for (guint i = 0; i < n; i++)
      {
        double *here = grid + i * stride;

        row += rows[i];
        for (guint j = 0; j < m; j++)
          here[j] += row + cols[j];
      }
  }

  *chains->work += (double)n * m + self->column_start[c + 1] - self->column_start[c] +
                   (n_from + n_joined) * (double)(n_to + n_from);
}

/* Puts column c's block at place i among the others. */
static void
chain_place (LsSankeyLayout *self,
             Chains         *chains,
             guint           c,
             guint           i)
{
  guint start = self->column_start[c];
  guint n = self->column_start[c + 1] - start;
  guint first = chains->first[c], length = chains->length[c];
  guint *column = chains->scratch;

  if (i == first)
    return;

  for (guint k = 0, o = 0; k < n; k++)
    {
      if (k >= first && k < first + length)
        continue;
      if (o == i)
        for (guint b = 0; b < length; b++)
          column[o + b] = self->order[start + first + b];
      column[(o < i ? o : o + length)] = self->order[start + k];
      o++;
    }
  if (i == n - length)
    for (guint b = 0; b < length; b++)
      column[i + b] = self->order[start + first + b];

  memcpy (self->order + start, column, sizeof (guint) * n);
  for (guint k = 0; k < n; k++)
    self->rank[self->order[start + k]] = k;
}

/* Moves the blocks of columns c1 … c2 (chains->first, chains->length) to
 * their best places at once. Returns whether that strictly lowered the
 * weighted crossings. */
static gboolean
move_chain (LsSankeyLayout *self,
            Chains         *chains,
            guint           c1,
            guint           c2)
{
  double current, best = G_MAXDOUBLE;
  guint n, best_place = 0;
  gboolean better;

  for (guint c = c1; c <= c2; c++)
    if (!chain_column (self, chains, c))
      return FALSE;

  for (guint c = c1; c <= c2; c++)
    for (guint k = 0; k < chains->length[c]; k++)
      chains->blocked[self->order[self->column_start[c] + chains->first[c] + k]] = TRUE;

  n = self->column_start[c1 + 1] - self->column_start[c1] - chains->length[c1] + 1;
  for (guint i = 0; i < n; i++)
    chains->line[i] = 0;
  if (c1 > 0)
    chain_side_costs (self, chains, c1, TRUE, chains->line);
  for (guint i = 0; i < n; i++)
    if (i < chains->lo[c1] || i > chains->hi[c1])
      chains->line[i] = G_MAXDOUBLE;
  current = chains->line[chains->first[c1]];

  for (guint c = c1; c < c2; c++)
    {
      guint m = self->column_start[c + 2] - self->column_start[c + 1] - chains->length[c + 1] + 1;
      guint stride = m + 1;
      double *swap;

      chain_pair_costs (self, chains, c);
      current += chains->grid[chains->first[c] * stride + chains->first[c + 1]];

      for (guint j = 0; j < m; j++)
        {
          double low = G_MAXDOUBLE;
          guint arg = 0;

          if (j >= chains->lo[c + 1] && j <= chains->hi[c + 1])
            for (guint i = 0; i < n; i++)
              {
                double v;

                if (chains->line[i] == G_MAXDOUBLE)
                  continue;
                v = chains->line[i] + chains->grid[i * stride + j];
                if (v < low)
                  {
                    low = v;
                    arg = i;
                  }
              }
          chains->next_line[j] = low;
          chains->back[(gsize)(c + 1) * chains->max_column + j] = arg;
        }

      swap = chains->line;
      chains->line = chains->next_line;
      chains->next_line = swap;
      n = m;
    }

  if (c2 + 1 < self->n_columns)
    {
      double *right = chains->next_line;

      for (guint i = 0; i < n; i++)
        right[i] = 0;
      chain_side_costs (self, chains, c2, FALSE, right);
      current += right[chains->first[c2]];
      for (guint i = 0; i < n; i++)
        if (chains->line[i] != G_MAXDOUBLE)
          chains->line[i] += right[i];
    }

  for (guint i = 0; i < n; i++)
    if (chains->line[i] < best)
      {
        best = chains->line[i];
        best_place = i;
      }

  for (guint c = c1; c <= c2; c++)
    for (guint k = 0; k < chains->length[c]; k++)
      chains->blocked[self->order[self->column_start[c] + chains->first[c] + k]] = FALSE;

  better = best < current * (1 - 1e-12) - 1e-300;
  if (!better)
    return FALSE;

  chains->place[c2] = best_place;
  for (guint c = c2; c > c1; c--)
    chains->place[c - 1] = chains->back[(gsize)c * chains->max_column + chains->place[c]];
  for (guint c = c1; c <= c2; c++)
    chain_place (self, chains, c, chains->place[c]);

  return TRUE;
}

static void
chain_reset (LsSankeyLayout *self,
             Chains         *chains)
{
  for (guint c = 0; c < self->n_columns; c++)
    chains->first[c] = G_MAXUINT;
}

static void
chain_set (Chains *chains,
           guint   c,
           guint   first,
           guint   length)
{
  chains->first[c] = first;
  chains->length[c] = length;
}

/* The chain through u: its heaviest segments on, both ways, stopping at
 * pinned nodes. Returns whether it spans two columns or more. */
static gboolean
build_chain (LsSankeyLayout *self,
             Chains         *chains,
             guint           u,
             guint          *c1,
             guint          *c2)
{
  chain_reset (self, chains);
  *c1 = *c2 = self->vertices[u].column;
  chain_set (chains, *c1, self->rank[u], 1);

  for (int way = 0; way < 2; way++)
    {
      gboolean forward = way == 0;
      guint v = u;

      while (TRUE)
        {
          const guint *adjacent = forward ? self->out_segments : self->in_segments;
          guint first = forward ? self->out_start[v] : self->in_start[v];
          guint last = forward ? self->out_start[v + 1] : self->in_start[v + 1];
          double heaviest = -1;
          guint next = G_MAXUINT;

          for (guint e = first; e < last; e++)
            {
              const Segment *s = &self->segments[adjacent[e]];

              if (s->value > heaviest)
                {
                  heaviest = s->value;
                  next = forward ? s->target : s->source;
                }
            }
          if (next == G_MAXUINT || (is_node (self, next) && self->pin[next] >= 0))
            break;
          v = next;
          if (forward)
            chain_set (chains, ++*c2, self->rank[v], 1);
          else
            chain_set (chains, --*c1, self->rank[v], 1);
        }
    }

  return *c2 > *c1;
}

/* From the block of column c, the run of column c ± 1 that takes most of
 * its flow (all the neighbours with at least BLOCK_SHARE of it), if that
 * is a run of at most BLOCK_MAX. */
static gboolean
span_block (LsSankeyLayout *self,
            Chains         *chains,
            guint           c,
            gboolean        forward)
{
  guint start = self->column_start[c];
  guint next = forward ? c + 1 : c - 1;
  double total = 0, largest = 0;
  guint lo = G_MAXUINT, hi = 0;
  double *flow = chains->diff;
  guint n_next = self->column_start[next + 1] - self->column_start[next];

  memset (flow, 0, sizeof (double) * (n_next + 1));
  for (guint k = chains->first[c]; k < chains->first[c] + chains->length[c]; k++)
    {
      guint v = self->order[start + k];
      const guint *adjacent = forward ? self->out_segments : self->in_segments;
      guint first = forward ? self->out_start[v] : self->in_start[v];
      guint last = forward ? self->out_start[v + 1] : self->in_start[v + 1];

      for (guint e = first; e < last; e++)
        {
          const Segment *s = &self->segments[adjacent[e]];
          guint other = forward ? s->target : s->source;

          flow[self->rank[other]] += s->value;
          total += s->value;
        }
    }
  for (guint r = 0; r < n_next; r++)
    largest = MAX (largest, flow[r]);
  if (!(largest > 0))
    return FALSE;

  for (guint r = 0; r < n_next; r++)
    if (flow[r] >= BLOCK_SHARE * total)
      {
        lo = MIN (lo, r);
        hi = MAX (hi, r);
      }
  if (lo == G_MAXUINT || hi - lo + 1 > BLOCK_MAX)
    return FALSE;

  chain_set (chains, next, lo, hi - lo + 1);

  return TRUE;
}

/* Which vertices have a segment that crosses another: a block move whose
 * blocks hold none of them cannot lower the weighted crossings. */
static void
find_involved (LsSankeyLayout *self,
               Chains         *chains)
{
  memset (chains->involved, 0, sizeof (gboolean) * self->n_vertices);

  for (guint c = 0; c + 1 < self->n_columns; c++)
    for (guint k = self->column_start[c]; k < self->column_start[c + 1]; k++)
      for (guint e = self->out_start[self->order[k]]; e < self->out_start[self->order[k] + 1]; e++)
        {
          const Segment *a = &self->segments[self->out_segments[e]];

          for (guint k2 = k + 1; k2 < self->column_start[c + 1]; k2++)
            for (guint e2 = self->out_start[self->order[k2]];
                 e2 < self->out_start[self->order[k2] + 1]; e2++)
              {
                const Segment *b = &self->segments[self->out_segments[e2]];

                /* a's source is above b's: they cross if a's target is below. */
                if (self->rank[a->target] > self->rank[b->target] &&
                    a->value > 0 && b->value > 0)
                  {
                    chains->involved[a->source] = chains->involved[a->target] = TRUE;
                    chains->involved[b->source] = chains->involved[b->target] = TRUE;
                  }
              }
        }
  *chains->work += self->n_segments;
}

static gboolean
chain_involved (LsSankeyLayout *self,
                Chains         *chains,
                guint           c1,
                guint           c2)
{
  for (guint c = c1; c <= c2; c++)
    for (guint k = 0; k < chains->length[c]; k++)
      if (chains->involved[self->order[self->column_start[c] + chains->first[c] + k]])
        return TRUE;

  return FALSE;
}

static guint64
latest_change (Search *search,
               int     c1,
               int     c2,
               guint   n_columns)
{
  guint64 latest = 0;

  for (int c = MAX (c1, 0); c <= c2 && c < (int)n_columns; c++)
    latest = MAX (latest, search->column_stamp[c]);

  return latest;
}

static void
moved_chain (Search *search,
             guint   c1,
             guint   c2)
{
  for (guint c = c1; c <= c2; c++)
    search->column_stamp[c] = ++search->stamp;
}

/* Every block move: the heaviest chain through each vertex, and the
 * spans of each run of up to BLOCK_MAX vertices. A chain whose columns
 * (and their neighbours) have not changed since it last had its turn is
 * skipped. Returns whether any moved. */
static gboolean
move_chains (LsSankeyLayout *self,
             Search         *search)
{
  Chains *chains = search->chains;
  gboolean moved = FALSE;

  find_involved (self, chains);

  for (guint k = 0; k < self->n_vertices; k++)
    {
      guint u = self->order[k];
      guint c = self->vertices[u].column;
      guint c1, c2;

      if (is_node (self, u) && self->pin[u] >= 0)
        continue;

      if (build_chain (self, chains, u, &c1, &c2) &&
          chain_involved (self, chains, c1, c2) &&
          search->chain_checked[u] < latest_change (search, (int)c1 - 1, (int)c2 + 1,
                                                    self->n_columns) &&
          move_chain (self, chains, c1, c2))
        {
          moved = TRUE;
          moved_chain (search, c1, c2);
        }

      /* Runs starting at u. */
      for (guint length = 1; length <= BLOCK_MAX; length++)
        {
          guint r = self->rank[u];

          if (r + length > self->column_start[c + 1] - self->column_start[c])
            break;

          chain_reset (self, chains);
          chain_set (chains, c, r, length);
          c1 = c2 = c;
          while (c2 + 1 < self->n_columns && span_block (self, chains, c2, TRUE))
            c2++;
          while (c1 > 0 && span_block (self, chains, c1, FALSE))
            c1--;
          if (c1 == c2 ||
              !chain_involved (self, chains, c1, c2) ||
              search->chain_checked[u] >= latest_change (search, (int)c1 - 1, (int)c2 + 1,
                                                         self->n_columns))
            continue;
          if (move_chain (self, chains, c1, c2))
            {
              moved = TRUE;
              moved_chain (search, c1, c2);
            }
        }

      search->chain_checked[u] = search->stamp;
    }

  return moved;
}

static void
chains_init (Chains         *chains,
             LsSankeyLayout *self,
             guint           max_column)
{
  chains->max_column = max_column + 1;
  chains->grid = g_new (double, (gsize)(max_column + 2) * (max_column + 2));
  chains->line = g_new (double, max_column + 1);
  chains->next_line = g_new (double, max_column + 1);
  chains->diff = g_new (double, max_column + 2);
  chains->back = g_new (guint, (gsize)(self->n_columns + 1) * chains->max_column);
  chains->index = g_new (guint, self->n_vertices + 1);
  chains->first = g_new (guint, self->n_columns + 1);
  chains->length = g_new0 (guint, self->n_columns + 1);
  chains->lo = g_new (guint, self->n_columns + 1);
  chains->hi = g_new (guint, self->n_columns + 1);
  chains->place = g_new (guint, self->n_columns + 1);
  chains->moving = g_new (guint, 3 * self->n_segments + 1);
  chains->scratch = g_new (guint, max_column + 1);
  chains->blocked = g_new0 (gboolean, self->n_vertices + 1);
  chains->involved = g_new0 (gboolean, self->n_vertices + 1);
  chains->sums = g_new (double, 4 * max_column + 8);
  chains->line_scratch = g_new (double, max_column + 2);
}

static void
chains_clear (Chains *chains)
{
  g_clear_pointer (&chains->grid, g_free);
  g_clear_pointer (&chains->line, g_free);
  g_clear_pointer (&chains->next_line, g_free);
  g_clear_pointer (&chains->diff, g_free);
  g_clear_pointer (&chains->back, g_free);
  g_clear_pointer (&chains->index, g_free);
  g_clear_pointer (&chains->first, g_free);
  g_clear_pointer (&chains->length, g_free);
  g_clear_pointer (&chains->lo, g_free);
  g_clear_pointer (&chains->hi, g_free);
  g_clear_pointer (&chains->place, g_free);
  g_clear_pointer (&chains->moving, g_free);
  g_clear_pointer (&chains->scratch, g_free);
  g_clear_pointer (&chains->blocked, g_free);
  g_clear_pointer (&chains->involved, g_free);
  g_clear_pointer (&chains->sums, g_free);
  g_clear_pointer (&chains->line_scratch, g_free);
}

/* Column c sifted with its neighbours held, unless nothing changed around
 * it since it last was. Returns whether it moved. */
static gboolean
improve_column (LsSankeyLayout *self,
                guint           c,
                Search         *search)
{
  gboolean moved;

  if (search->column_solved[c] >= latest_change (search, (int)c - 1, (int)c + 1, self->n_columns))
    return FALSE;

  moved = sift_column (self, c, &search->sifter, TRUE, TRUE);
  if (moved)
    search->column_stamp[c] = ++search->stamp;
  search->column_solved[c] = search->stamp;

  return moved;
}

/* Column by column, alternating direction, until no column moves: each
 * move strictly lowers the weighted crossings. Returns them. */
static double
descend (LsSankeyLayout *self,
         Search         *search,
         guint           max_rounds)
{
  /* Whatever was known is stale: the order changed since. */
  for (guint c = 0; c < self->n_columns; c++)
    search->column_stamp[c] = ++search->stamp;

  for (guint round = 0; round < max_rounds; round++)
    {
      gboolean moved = FALSE;

      for (guint k = 0; k < self->n_columns; k++)
        {
          guint c = round % 2 == 0 ? k : self->n_columns - 1 - k;

          moved |= improve_column (self, c, search);
        }
      if (search->chains != NULL)
        moved |= move_chains (self, search);

      if (!moved)
        break;
    }

  return count_crossings (self, &search->counter, NULL);
}

/* Crossing-free orders, and orders in which the heavy links do not cross.
 *
 * For each column and pair of its vertices i < j a variable x_ij (i above
 * j, the variables indexed by the order when this starts). Two segments
 * with distinct ends between columns c and c + 1 do not cross iff their
 * sources are in the order of their targets: an equation x = x' or
 * x ≠ x' between a variable of column c and one of c + 1. Union-find with
 * parities solves such equations or finds them contradictory.
 *
 * Segments are taken heaviest first, and each keeps its equations with
 * those taken before if they are not contradictory (else they are undone
 * and the segment left out): a heavy subgraph none of whose links may
 * cross, all of the graph when it has a crossing-free order. Then a
 * search gives each class of variables a value, propagating transitivity
 * (a above b and b above k make a above k) and backing up on
 * contradictions. For a graph of adjacent-column segments, solvable
 * equations alone imply that a crossing-free order exists (level
 * planarity is this 2-SAT-like system without transitivity; Randerath et
 * al., 2001), so the search rarely backs up; it is bounded all the same.
 * Free values follow the current order, so the result stays close to it.
 * The local search starts from it (see search_orders ()). Pins are not
 * handled here: a graph with pins skips this start. */

typedef struct
{
  guint   n_vars;
  guint  *base;      /* per column: its first variable */
  guint  *var_column;
  guint  *var_i;
  guint  *var_j;
  guint  *parent;
  guint8 *parity;    /* to the parent */
  guint  *size;      /* per root: its class's size */
  guint  *undo;      /* roots attached since the mark: see planar_undo () */
  guint   undo_len;
  gint8  *value;     /* per root: −1 unknown, else x of the root */
  guint  *member_start;
  guint  *members;
  guint  *trail;     /* roots in the order they were given a value */
  guint   trail_len;
  guint   queue_head;
} Planar;

typedef struct
{
  guint    trail_len;
  guint    root;
  gint8    value;
  gboolean flipped;
} Decision;

static inline guint
planar_var (Planar *planar,
            guint   c,
            guint   n,
            guint   i,
            guint   j)
{
  return planar->base[c] + i * n - i * (i + 1) / 2 + (j - i - 1);
}

/* Without path compression, so that unions can be undone; union by size
 * keeps the paths short. */
static guint
planar_find (Planar *planar,
             guint   v,
             guint8 *parity)
{
  guint8 p = 0;

  while (planar->parent[v] != v)
    {
      p ^= planar->parity[v];
      v = planar->parent[v];
    }
  *parity = p;

  return v;
}

/* x_a = x_b ⊕ @parity; FALSE on a contradiction. */
static gboolean
planar_union (Planar *planar,
              guint   a,
              guint   b,
              guint8  parity)
{
  guint8 pa, pb;
  guint ra = planar_find (planar, a, &pa);
  guint rb = planar_find (planar, b, &pb);

  if (ra == rb)
    return (pa ^ pb) == parity;

  if (planar->size[ra] > planar->size[rb])
    {
      guint t = ra;

      ra = rb;
      rb = t;
    }
  planar->parent[ra] = rb;
  planar->parity[ra] = pa ^ pb ^ parity;
  planar->size[rb] += planar->size[ra];
  planar->undo[planar->undo_len++] = ra;

  return TRUE;
}

static void
planar_undo (Planar *planar,
             guint   mark)
{
  while (planar->undo_len > mark)
    {
      guint ra = planar->undo[--planar->undo_len];
      guint rb = planar->parent[ra];

      planar->size[rb] -= planar->size[ra];
      planar->parent[ra] = ra;
      planar->parity[ra] = 0;
    }
}

/* 1 if a is above b in column c, 0 if below, −1 if not known yet. */
static int
planar_above (Planar *planar,
              guint   c,
              guint   n,
              guint   a,
              guint   b)
{
  guint i = MIN (a, b), j = MAX (a, b);
  guint8 p;
  guint root = planar_find (planar, planar_var (planar, c, n, i, j), &p);
  int x;

  if (planar->value[root] < 0)
    return -1;

  x = planar->value[root] ^ p;

  return a == i ? x : !x;
}

static void
planar_set_above (Planar *planar,
                  guint   c,
                  guint   n,
                  guint   a,
                  guint   b)
{
  guint i = MIN (a, b), j = MAX (a, b);
  guint8 p;
  guint root = planar_find (planar, planar_var (planar, c, n, i, j), &p);

  planar->value[root] = (a == i) ^ p;
  planar->trail[planar->trail_len++] = root;
}

/* Transitivity from every class given a value since the queue head.
 * FALSE on a contradiction. */
static gboolean
planar_propagate (LsSankeyLayout *self,
                  Planar         *planar)
{
  while (planar->queue_head < planar->trail_len)
    {
      guint root = planar->trail[planar->queue_head++];

      for (guint m = planar->member_start[root]; m < planar->member_start[root + 1]; m++)
        {
          guint v = planar->members[m];
          guint c = planar->var_column[v];
          guint n = self->column_start[c + 1] - self->column_start[c];
          guint a = planar->var_i[v], b = planar->var_j[v];

          if (planar_above (planar, c, n, a, b) == 0)
            {
              guint t = a;

              a = b;
              b = t;
            }

          /* a above b. */
          for (guint k = 0; k < n; k++)
            {
              if (k == a || k == b)
                continue;
              if (planar_above (planar, c, n, b, k) == 1)
                {
                  int known = planar_above (planar, c, n, a, k);

                  if (known == 0)
                    return FALSE;
                  if (known < 0)
                    planar_set_above (planar, c, n, a, k);
                }
              if (planar_above (planar, c, n, k, a) == 1)
                {
                  int known = planar_above (planar, c, n, k, b);

                  if (known == 0)
                    return FALSE;
                  if (known < 0)
                    planar_set_above (planar, c, n, k, b);
                }
            }
        }
    }

  return TRUE;
}

static void
planar_init (LsSankeyLayout *self,
             Planar         *planar)
{
  memset (planar, 0, sizeof *planar);
  planar->base = g_new (guint, self->n_columns + 1);
  for (guint c = 0; c < self->n_columns; c++)
    {
      guint n = self->column_start[c + 1] - self->column_start[c];

      planar->base[c] = planar->n_vars;
      planar->n_vars += n * (n - (n > 0)) / 2;
    }

  planar->var_column = g_new (guint, planar->n_vars + 1);
  planar->var_i = g_new (guint, planar->n_vars + 1);
  planar->var_j = g_new (guint, planar->n_vars + 1);
  planar->parent = g_new (guint, planar->n_vars + 1);
  planar->parity = g_new0 (guint8, planar->n_vars + 1);
  planar->size = g_new (guint, planar->n_vars + 1);
  planar->undo = g_new (guint, planar->n_vars + 1);
  planar->value = g_new (gint8, planar->n_vars + 1);
  planar->trail = g_new (guint, planar->n_vars + 1);
  for (guint c = 0; c < self->n_columns; c++)
    {
      guint n = self->column_start[c + 1] - self->column_start[c];

      for (guint i = 0; i < n; i++)
        for (guint j = i + 1; j < n; j++)
          {
            guint v = planar_var (planar, c, n, i, j);

            planar->var_column[v] = c;
            planar->var_i[v] = i;
            planar->var_j[v] = j;
          }
    }
  for (guint v = 0; v < planar->n_vars; v++)
    {
      planar->parent[v] = v;
      planar->size[v] = 1;
      planar->value[v] = -1;
    }
}

static void
planar_clear (Planar *planar)
{
  g_free (planar->base);
  g_free (planar->var_column);
  g_free (planar->var_i);
  g_free (planar->var_j);
  g_free (planar->parent);
  g_free (planar->parity);
  g_free (planar->size);
  g_free (planar->undo);
  g_free (planar->value);
  g_free (planar->member_start);
  g_free (planar->members);
  g_free (planar->trail);
}

/* The equations making segment s cross none of @taken (segments of its
 * column pair), or none of them if that is contradictory. */
static gboolean
planar_take (LsSankeyLayout *self,
             Planar         *planar,
             guint           s,
             const guint    *taken,
             guint           n_taken)
{
  const Segment *s1 = &self->segments[s];
  guint c = self->vertices[s1->source].column;
  guint n = self->column_start[c + 1] - self->column_start[c];
  guint m = self->column_start[c + 2] - self->column_start[c + 1];
  guint mark = planar->undo_len;

  for (guint k = 0; k < n_taken; k++)
    {
      const Segment *s2 = &self->segments[taken[k]];
      guint p1 = self->rank[s1->source], p2 = self->rank[s2->source];
      guint r1 = self->rank[s1->target], r2 = self->rank[s2->target];
      guint8 parity;

      if (p1 == p2 || r1 == r2)
        continue;

      /* x_{min p, max p} must equal [the lower p's target is above]. */
      parity = (p1 < p2) != (r1 < r2);
      if (!planar_union (planar,
                         planar_var (planar, c, n, MIN (p1, p2), MAX (p1, p2)),
                         planar_var (planar, c + 1, m, MIN (r1, r2), MAX (r1, r2)),
                         parity))
        {
          planar_undo (planar, mark);
          return FALSE;
        }
    }

  return TRUE;
}

typedef struct
{
  double value;
  guint  segment;
} Ranked;

static int
compare_ranked (const void *pa,
                const void *pb)
{
  const Ranked *a = pa;
  const Ranked *b = pb;

  if (a->value != b->value)
    return a->value > b->value ? -1 : 1;

  return a->segment < b->segment ? -1 : (a->segment > b->segment);
}

/* Gives the classes values, the current order's where free; the order in
 * place if that succeeds within @max_conflicts contradictions. */
static gboolean
planar_assign (LsSankeyLayout *self,
               Planar         *planar,
               guint           max_conflicts)
{
  g_autoptr(GArray) decisions = g_array_new (FALSE, FALSE, sizeof (Decision));
  g_autofree guint *fill = NULL;
  guint conflicts = 0, next_var = 0;
  gboolean found = FALSE, ok = TRUE;

  planar->member_start = g_new0 (guint, planar->n_vars + 2);
  planar->members = g_new (guint, planar->n_vars + 1);
  for (guint v = 0; v < planar->n_vars; v++)
    {
      guint8 p;

      planar->member_start[planar_find (planar, v, &p) + 1]++;
    }
  for (guint v = 0; v < planar->n_vars; v++)
    planar->member_start[v + 1] += planar->member_start[v];
  fill = g_memdup2 (planar->member_start, sizeof (guint) * (planar->n_vars + 1));
  for (guint v = 0; v < planar->n_vars; v++)
    {
      guint8 p;

      planar->members[fill[planar_find (planar, v, &p)]++] = v;
    }

  /* Decide each class in turn as the current order has it (x = 1: the
   * pair as it is), the other way when that leads to a contradiction. */
  while (TRUE)
    {
      guint8 p;
      Decision decision;

      if (ok)
        {
          while (next_var < planar->n_vars &&
                 planar->value[planar_find (planar, next_var, &p)] >= 0)
            next_var++;
          if (next_var == planar->n_vars)
            {
              found = TRUE;
              break;
            }

          decision.trail_len = planar->trail_len;
          decision.root = planar_find (planar, next_var, &p);
          decision.value = 1 ^ p;
          decision.flipped = FALSE;
          g_array_append_val (decisions, decision);
        }
      else
        {
          Decision *last = NULL;

          if (++conflicts > max_conflicts)
            break;
          while (decisions->len > 0)
            {
              last = &g_array_index (decisions, Decision, decisions->len - 1);
              while (planar->trail_len > last->trail_len)
                planar->value[planar->trail[--planar->trail_len]] = -1;
              if (!last->flipped)
                break;
              g_array_set_size (decisions, decisions->len - 1);
              last = NULL;
            }
          if (last == NULL)
            break;

          last->flipped = TRUE;
          last->value = !last->value;
          decision = *last;
          next_var = 0;
        }

      planar->queue_head = planar->trail_len;
      planar->value[decision.root] = decision.value;
      planar->trail[planar->trail_len++] = decision.root;
      ok = planar_propagate (self, planar);
    }

  if (!found)
    return FALSE;

  for (guint c = 0; c < self->n_columns; c++)
    {
      guint start = self->column_start[c];
      guint n = self->column_start[c + 1] - start;
      g_autofree guint *old = g_memdup2 (self->order + start, sizeof (guint) * (n + 1));

      for (guint i = 0; i < n; i++)
        {
          guint above = 0;

          for (guint j = 0; j < n; j++)
            if (j != i && planar_above (planar, c, n, j, i) == 1)
              above++;
          self->order[start + above] = old[i];
        }
      for (guint i = 0; i < n; i++)
        self->rank[self->order[start + i]] = i;
    }

  return TRUE;
}

static guint
search_max_column (LsSankeyLayout *self)
{
  guint max_column = 0;

  for (guint c = 0; c < self->n_columns; c++)
    max_column = MAX (max_column, self->column_start[c + 1] - self->column_start[c]);

  return max_column;
}

/* An order in which the heaviest links cross none of each other, near the
 * current one: segments by value, each scaled by e^U(−@noise, @noise) from
 * @seed when @noise > 0 for variety. Returns FALSE (the order left as it
 * was) if the search for values gave up; sets @all when every segment
 * could be kept, that is when the order is crossing-free. */
static gboolean
heavy_planar_order (LsSankeyLayout *self,
                    double          noise,
                    guint32         seed,
                    gboolean       *all,
                    double         *work)
{
  g_autofree Ranked *ranked = g_new (Ranked, self->n_segments + 1);
  g_autofree guint *taken = g_new (guint, self->n_segments + 1);
  g_autofree guint *taken_start = g_new0 (guint, self->n_columns + 1);
  g_autofree guint *taken_count = g_new0 (guint, self->n_columns + 1);
  g_autoptr(GRand) rand = noise > 0 ? g_rand_new_with_seed (seed) : NULL;
  Planar planar;
  guint n_ranked = 0;
  gboolean assigned;

  *all = TRUE;
  for (guint s = 0; s < self->n_segments; s++)
    {
      if (!(self->segments[s].value > 0))
        continue;
      ranked[n_ranked].value = self->segments[s].value;
      if (rand != NULL)
        ranked[n_ranked].value *= exp (g_rand_double_range (rand, -noise, noise));
      ranked[n_ranked++].segment = s;
    }
  qsort (ranked, n_ranked, sizeof (Ranked), compare_ranked);

  /* taken[] holds each column pair's taken segments together. */
  for (guint s = 0; s < self->n_segments; s++)
    taken_start[self->vertices[self->segments[s].source].column + 1]++;
  for (guint c = 0; c < self->n_columns; c++)
    taken_start[c + 1] += taken_start[c];

  planar_init (self, &planar);
  for (guint k = 0; k < n_ranked; k++)
    {
      guint s = ranked[k].segment;
      guint c = self->vertices[self->segments[s].source].column;

      *work += taken_count[c];
      if (planar_take (self, &planar, s, taken + taken_start[c], taken_count[c]))
        taken[taken_start[c] + taken_count[c]++] = s;
      else
        *all = FALSE;
    }

  *work += (double)planar.n_vars * search_max_column (self);
  assigned = planar_assign (self, &planar, PLANAR_MAX_CONFLICTS);
  planar_clear (&planar);

  return assigned;
}

/* Barycentre sweeps */

static int
compare_sort_items (const void *a,
                    const void *b)
{
  const SortItem *ia = a;
  const SortItem *ib = b;

  if (ia->centre != ib->centre)
    return ia->centre < ib->centre ? -1 : 1;
  if (ia->key != ib->key)
    return ia->key < ib->key ? -1 : 1;

  return ia->vertex < ib->vertex ? -1 : (ia->vertex > ib->vertex);
}

/* Where each vertex of column c sits, 0 at the top and 1 at the bottom, with
 * vertices stacked by value and a quarter of a mean value as gap, as they
 * will be drawn. */
static void
column_positions (LsSankeyLayout *self,
                  guint           c,
                  double         *positions)
{
  guint start = self->column_start[c];
  guint n = self->column_start[c + 1] - start;
  double total = 0;
  double gap;
  double y = 0;

  for (guint i = 0; i < n; i++)
    total += self->vertices[self->order[start + i]].value;

  gap = total > 0 ? 0.25 * total / n : 1;
  total += gap * n;

  for (guint i = 0; i < n; i++)
    {
      double size = self->vertices[self->order[start + i]].value + gap;

      positions[self->order[start + i]] = (y + size / 2) / total;
      y += size;
    }
}

static void
sweep_column (LsSankeyLayout *self,
              guint           c,
              gboolean        from_above,
              Search         *search)
{
  double *positions = search->positions;
  SortItem *items = search->items;
  guint start = self->column_start[c];
  guint n = self->column_start[c + 1] - start;

  column_positions (self, c, positions);
  column_positions (self, from_above ? c - 1 : c + 1, positions);

  for (guint i = 0; i < n; i++)
    {
      guint v = self->order[start + i];
      const guint *adjacent = from_above ? self->in_segments : self->out_segments;
      guint first = from_above ? self->in_start[v] : self->out_start[v];
      guint last = from_above ? self->in_start[v + 1] : self->out_start[v + 1];
      double sum = 0, weight = 0, plain_sum = 0;

      for (guint k = first; k < last; k++)
        {
          const Segment *segment = &self->segments[adjacent[k]];
          double p = positions[from_above ? segment->source : segment->target];

          sum += segment->value * p;
          weight += segment->value;
          plain_sum += p;
        }

      if (weight > 0)
        items[i].centre = sum / weight;
      else if (last > first)
        items[i].centre = plain_sum / (last - first);
      else
        items[i].centre = positions[v];
      items[i].key = self->vertices[v].key;
      items[i].vertex = v;
    }

  qsort (items, n, sizeof (SortItem), compare_sort_items);

  for (guint i = 0; i < n; i++)
    {
      self->order[start + i] = items[i].vertex;
      self->rank[items[i].vertex] = i;
    }
  repair_column (self, c, search->repair);
}

static void
sweep (LsSankeyLayout *self,
       gboolean        down,
       Search         *search)
{
  if (self->n_columns < 2)
    return;

  if (down)
    {
      for (guint c = 1; c < self->n_columns; c++)
        sweep_column (self, c, TRUE, search);
    }
  else
    {
      for (guint c = self->n_columns - 1; c-- > 0;)
        sweep_column (self, c, FALSE, search);
    }
}

static void
save_order (LsSankeyLayout *self,
            guint          *saved)
{
  memcpy (saved, self->order, sizeof (guint) * self->n_vertices);
}

static void
restore_order (LsSankeyLayout *self,
               const guint    *saved)
{
  memcpy (self->order, saved, sizeof (guint) * self->n_vertices);
  for (guint c = 0; c < self->n_columns; c++)
    for (guint i = self->column_start[c]; i < self->column_start[c + 1]; i++)
      self->rank[self->order[i]] = i - self->column_start[c];
}

/* Barycentre sweeps from the current order, keeping the best order seen
 * (the start included). Returns its weighted crossings. */
static double
sweeps (LsSankeyLayout *self,
        Search         *search,
        gboolean        first_down,
        guint          *best)
{
  Counter *counter = &search->counter;
  double best_weight;
  guint idle = 0;

  save_order (self, best);
  best_weight = count_crossings (self, counter, NULL);

  for (guint i = 0; i < MAX_SWEEPS && idle < MAX_IDLE_SWEEPS && best_weight > 0; i++)
    {
      double weight;

      sweep (self, (i % 2 == 0) == first_down, search);
      weight = count_crossings (self, counter, NULL);
      if (weight < best_weight * (1 - 1e-12))
        {
          best_weight = weight;
          save_order (self, best);
          idle = 0;
        }
      else
        {
          idle++;
        }
    }

  restore_order (self, best);

  return best_weight;
}

/* One start of the search, then near-ties settled: barycentre sweeps
 * (down first, then up first, by turns) when @use_sweeps, then sifting,
 * cheap, and the descent: exact column solves and chain moves until none
 * moves. Shuffled and heavy-planar starts skip the sweeps, which would
 * erase most of what makes them differ. Returns the weighted crossings of
 * the order left in place, also saved in @best. */
static double
minimise_crossings (LsSankeyLayout *self,
                    Search         *search,
                    guint           start_index,
                    gboolean        use_sweeps,
                    guint          *best)
{
  gboolean first_down = start_index % 4 == 0;

  if ((!use_sweeps || sweeps (self, search, first_down, best) > 0) &&
      sift (self, search, MAX_SIFTING_ROUNDS, SIFTING_MIN_GAIN) > 0 &&
      search->chains != NULL)
    descend (self, search, MAX_DESCENT_ROUNDS);
  settle_ties (self, search, TIE_TOLERANCE);
  save_order (self, best);

  return count_crossings (self, &search->counter, NULL);
}

/* The work of one pass of block moves: each vertex's moves span a few
 * columns, each column pair costing about the product of their sizes. */
static double
chain_pass_work (LsSankeyLayout *self)
{
  double pairs = 0;

  for (guint c = 0; c + 1 < self->n_columns; c++)
    pairs += (double)(self->column_start[c + 1] - self->column_start[c]) *
             (self->column_start[c + 2] - self->column_start[c + 1]);

  return (BLOCK_MAX + 1.0) * self->n_vertices * pairs;
}

/* Every column of @from shuffled, from a fixed seed per start, so the
 * result is the same on every run and platform. */
static void
shuffled_order (LsSankeyLayout *self,
                Search         *search,
                const guint    *from,
                guint           start_index)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (0x5a4c3b2a + start_index);

  memcpy (self->order, from, sizeof (guint) * self->n_vertices);
  for (guint c = 0; c < self->n_columns; c++)
    {
      guint first = self->column_start[c];

      for (guint i = self->column_start[c + 1] - first; i > 1; i--)
        {
          guint j = g_rand_int_range (rand, 0, i);
          guint t = self->order[first + i - 1];

          self->order[first + i - 1] = self->order[first + j];
          self->order[first + j] = t;
        }
    }
  restore_order (self, self->order);
  for (guint c = 0; c < self->n_columns; c++)
    repair_column (self, c, search->repair);
}

/* The search from the key order, then from heavy-planar orders (the first
 * exact, later ones with noise on the values) and shuffled orders by
 * turns, while the budget of operations lasts (counted, not timed, so the
 * result is the same on every machine). A later start must beat the
 * incumbent by START_MARGIN, so near-equal optima resolve to the earliest
 * start and the order stays put under small changes. The first
 * heavy-planar start always runs: it is what finds a crossing-free order
 * when there is one. */
static double
search_orders (LsSankeyLayout *self,
               Search         *search,
               guint          *best)
{
  gboolean planar = !self->has_pins && search->max_column <= PLANAR_MAX_COLUMN;
  double budget = search->chains != NULL ? BLOCK_SEARCH_BUDGET : SEARCH_BUDGET;
  double spent = search->work;
  double best_weight;

  save_order (self, search->start_order);
  best_weight = minimise_crossings (self, search, 0, TRUE, best);

  for (guint i = 1; i < MAX_STARTS && best_weight > 0; i++)
    {
      double used = search->work - spent;
      gboolean all;
      double weight;

      /* One more start if its share of what the others cost fits, and
       * the last few found something. */
      if (!(planar && i == 1) && used + used / i > budget)
        break;

      restore_order (self, search->start_order);
      if (!(planar && i % 2 == 1 &&
            heavy_planar_order (self, i == 1 ? 0 : PLANAR_NOISE, 0x5a4c3b2a + i, &all,
                                &search->work)))
        shuffled_order (self, search, search->start_order, i);

      weight = minimise_crossings (self, search, i, FALSE, search->candidate);
      if (weight < best_weight * (1 - START_MARGIN))
        {
          best_weight = weight;
          memcpy (best, search->candidate, sizeof (guint) * self->n_vertices);
        }
    }

  restore_order (self, best);

  return best_weight;
}

static void
search_init (Search         *search,
             LsSankeyLayout *self)
{
  guint max_column = 0;
  Sifter *sifter = &search->sifter;

  for (guint c = 0; c < self->n_columns; c++)
    max_column = MAX (max_column, self->column_start[c + 1] - self->column_start[c]);

  counter_init (&search->counter, self);
  sifter->entries = g_new (Entry, 2 * self->n_segments + 1);
  sifter->start = g_new (guint, 2 * max_column + 1);
  sifter->snapshot = g_new (guint, max_column + 1);
  sifter->list_of = g_new (guint, max_column + 1);
  sifter->delta = g_new (double, max_column + 1);
  sifter->g_above = g_new (double, max_column + 1);
  sifter->g_below = g_new (double, max_column + 1);
  search->positions = g_new (double, self->n_vertices + 1);
  search->items = g_new (SortItem, self->n_vertices + 1);
  search->start_order = g_new (guint, self->n_vertices + 1);
  search->candidate = g_new (guint, self->n_vertices + 1);
  search->repair = g_new (guint, 3 * max_column + 1);
  search->max_column = max_column;
  search->work = 0;
  sifter->work = &search->work;
  search->stamp = 0;
  search->column_stamp = g_new0 (guint64, self->n_columns + 1);
  search->column_solved = g_new0 (guint64, self->n_columns + 1);
  search->chain_checked = g_new0 (guint64, self->n_vertices + 1);
  search->chains = NULL;
  if (max_column <= CHAIN_MAX_COLUMN && chain_pass_work (self) <= MAX_CHAIN_PASS_WORK)
    {
      search->chains = g_new0 (Chains, 1);
      chains_init (search->chains, self, max_column);
      search->chains->work = &search->work;
    }
}

static void
search_clear (Search *search)
{
  counter_clear (&search->counter);
  g_clear_pointer (&search->sifter.entries, g_free);
  g_clear_pointer (&search->sifter.start, g_free);
  g_clear_pointer (&search->sifter.snapshot, g_free);
  g_clear_pointer (&search->sifter.list_of, g_free);
  g_clear_pointer (&search->sifter.delta, g_free);
  g_clear_pointer (&search->sifter.g_above, g_free);
  g_clear_pointer (&search->sifter.g_below, g_free);
  g_clear_pointer (&search->positions, g_free);
  g_clear_pointer (&search->items, g_free);
  g_clear_pointer (&search->start_order, g_free);
  g_clear_pointer (&search->candidate, g_free);
  g_clear_pointer (&search->repair, g_free);
  g_clear_pointer (&search->column_stamp, g_free);
  g_clear_pointer (&search->column_solved, g_free);
  g_clear_pointer (&search->chain_checked, g_free);
  if (search->chains != NULL)
    {
      chains_clear (search->chains);
      g_clear_pointer (&search->chains, g_free);
    }
}

/* An infinite hysteresis keeps the previous order even against a
 * crossing-free one. */
static gboolean
within_hysteresis (double weight,
                   double best_weight,
                   double hysteresis)
{
  if (weight <= best_weight || isinf (hysteresis) || hysteresis >= G_MAXDOUBLE)
    return TRUE;

  return hysteresis > 0 && weight - best_weight <= hysteresis * best_weight;
}

static void
order_vertices (LsSankeyLayout              *self,
                const LsSankeyLayoutOptions *opts,
                Search                      *search)
{
  g_autofree guint *hint = g_new (guint, self->n_vertices + 1);
  g_autofree guint *refined = g_new (guint, self->n_vertices + 1);
  g_autofree guint *best = g_new (guint, self->n_vertices + 1);
  double hint_weight, refined_weight, best_weight;

  for (guint c = 0; c < self->n_columns; c++)
    repair_column (self, c, search->repair);

  if (opts->previous_order == NULL)
    {
      search_orders (self, search, best);
      return;
    }

  /* An infinite hysteresis keeps it whatever the search finds. */
  if (isinf (opts->order_hysteresis) || opts->order_hysteresis >= G_MAXDOUBLE)
    return;

  /* With a previous order: keep it as it is, else as sifting leaves it,
   * unless the full search beats it by the hysteresis, so that a small
   * change of values never reshuffles the figure. */
  save_order (self, hint);
  hint_weight = count_crossings (self, &search->counter, NULL);
  refined_weight = sift (self, search, MAX_SIFTING_ROUNDS, SIFTING_MIN_GAIN);
  save_order (self, refined);

  /* Quick: what sifting finds, without the search (about two thirds of
   * the time of a layout). */
  if (opts->quick)
    {
      if (within_hysteresis (hint_weight, refined_weight, opts->order_hysteresis))
        restore_order (self, hint);
      return;
    }

  restore_order (self, hint);
  best_weight = search_orders (self, search, best);

  if (within_hysteresis (hint_weight, best_weight, opts->order_hysteresis))
    restore_order (self, hint);
  else if (within_hysteresis (refined_weight, best_weight, opts->order_hysteresis))
    restore_order (self, refined);
  else
    restore_order (self, best);
}

/* The exact order: the heuristic's is the solver's start, so the solver
 * keeps it unless it finds a strictly better one. */
static void
exact_order (LsSankeyLayout              *self,
             const LsSankeyLayoutOptions *opts,
             Search                      *search)
{
  g_autofree guint *position = g_new (guint, self->n_vertices + 1);
  g_autofree guint *source = g_new (guint, self->n_segments + 1);
  g_autofree guint *target = g_new (guint, self->n_segments + 1);
  g_autofree double *value = g_new (double, self->n_segments + 1);
  g_autofree gboolean *counted = g_new (gboolean, self->n_vertices + 1);
  g_autofree int *pin = g_new (int, self->n_vertices + 1);
  g_autofree guint *solved = g_new (guint, self->n_vertices + 1);
  g_autofree guint *old_order = g_memdup2 (self->order, sizeof (guint) * (self->n_vertices + 1));
  LsSankeyExactProblem problem = { 0 };
  LsSankeyExactReport report;

  for (guint k = 0; k < self->n_vertices; k++)
    {
      position[self->order[k]] = k;
      counted[k] = is_node (self, self->order[k]);
      pin[k] = self->pin[self->order[k]];
    }
  for (guint s = 0; s < self->n_segments; s++)
    {
      source[s] = position[self->segments[s].source];
      target[s] = position[self->segments[s].target];
      value[s] = self->segments[s].value;
    }

  problem.n_columns = self->n_columns;
  problem.column_start = self->column_start;
  problem.n_segments = self->n_segments;
  problem.segment_source = source;
  problem.segment_target = target;
  problem.segment_value = value;
  problem.counted = counted;
  problem.pin = pin;

  ls_sankey_exact_solve (&problem, opts->time_limit, opts->cancellable, solved, &report);

  for (guint k = 0; k < self->n_vertices; k++)
    self->order[k] = old_order[solved[k]];
  restore_order (self, self->order);

  /* Equal-cost orders of adjacent pairs as the heuristic breaks ties, with
   * no tolerance: the crossings stay those the solver proved. */
  settle_ties (self, search, EXACT_TIE_TOLERANCE);

  self->order_status = report.status;
  self->order_bound = report.bound;
  self->order_seconds = report.seconds;
}

/* Vertical positions */

static void
assign_ports (LsSankeyLayout *self)
{
  for (guint v = 0; v < self->n_vertices; v++)
    {
      guint first = self->out_start[v];
      guint n = self->out_start[v + 1] - first;
      double y = 0;

      if (n > 1)
        g_qsort_with_data (self->out_segments + first, n, sizeof (guint),
                           compare_segments_at_source, self);
      for (guint k = 0; k < n; k++)
        {
          Segment *segment = &self->segments[self->out_segments[first + k]];
          double width = segment->value * self->scale;

          segment->source_offset = y + width / 2;
          y += width;
        }

      first = self->in_start[v];
      n = self->in_start[v + 1] - first;
      y = 0;
      if (n > 1)
        g_qsort_with_data (self->in_segments + first, n, sizeof (guint),
                           compare_segments_at_target, self);
      for (guint k = 0; k < n; k++)
        {
          Segment *segment = &self->segments[self->in_segments[first + k]];
          double width = segment->value * self->scale;

          segment->target_offset = y + width / 2;
          y += width;
        }
    }
}

/* One common scale: the largest at which every column, with its gaps, fits
 * the height. A column's gap shrinks so gaps take at most MAX_GAP_SHARE of
 * the height, which keeps the scale positive however crowded it is. */
static void
compute_scale (LsSankeyLayout *self,
               double          min_gap)
{
  double scale = INFINITY;

  self->gaps = g_new0 (double, self->n_columns + 1);
  self->heights = g_new (double, self->n_vertices + 1);

  for (guint c = 0; c < self->n_columns; c++)
    {
      guint n = self->column_start[c + 1] - self->column_start[c];
      double sum = 0;

      if (n > 1)
        self->gaps[c] = MIN (min_gap, MAX_GAP_SHARE * self->height / (n - 1));

      for (guint i = self->column_start[c]; i < self->column_start[c + 1]; i++)
        sum += self->vertices[self->order[i]].value;

      if (sum > 0)
        scale = MIN (scale, (self->height - (n - 1) * self->gaps[c]) / sum);
    }

  self->scale = isfinite (scale) ? MAX (scale, 0) : 0;

  for (guint v = 0; v < self->n_vertices; v++)
    self->heights[v] = self->vertices[v].value * self->scale;
}

/* Pack each column and share its slack equally among the n + 1 spaces
 * around its vertices: the start of the relaxation. */
static void
initial_positions (LsSankeyLayout *self)
{
  for (guint c = 0; c < self->n_columns; c++)
    {
      guint start = self->column_start[c];
      guint n = self->column_start[c + 1] - start;
      double used = 0, slack, y;

      for (guint i = 0; i < n; i++)
        used += self->heights[self->order[start + i]];
      used += n > 0 ? (n - 1) * self->gaps[c] : 0;
      slack = MAX (self->height - used, 0) / (n + 1);
      y = slack;

      for (guint i = 0; i < n; i++)
        {
          guint v = self->order[start + i];

          self->vertices[v].y0 = y;
          y += self->heights[v] + self->gaps[c] + slack;
        }
    }
}

typedef struct
{
  double sum;     /* Σ weight × z */
  double weight;
  guint  count;
} Block;

/* Moves column c to the exact minimum of Σ value × (port y − other port y)²
 * over its segments, the other columns held: targets t_i, weights W_i, then
 * the weighted isotonic regression of z_i = t_i − offset_i (offset_i being
 * the room the vertices above need), clamped to the extent. */
static void
relax_column (LsSankeyLayout *self,
              guint           c,
              double         *targets,
              double         *weights,
              Block          *blocks)
{
  guint start = self->column_start[c];
  guint n = self->column_start[c + 1] - start;
  double offset = 0;
  double min_weight = G_MAXDOUBLE;
  double span;
  guint n_blocks = 0;

  if (n == 0)
    return;

  for (guint i = 0; i < n; i++)
    {
      guint v = self->order[start + i];
      double sum = 0, weight = 0;

      for (guint k = self->in_start[v]; k < self->in_start[v + 1]; k++)
        {
          const Segment *segment = &self->segments[self->in_segments[k]];

          sum += segment->value * (self->vertices[segment->source].y0 + segment->source_offset
                                   - segment->target_offset);
          weight += segment->value;
        }
      for (guint k = self->out_start[v]; k < self->out_start[v + 1]; k++)
        {
          const Segment *segment = &self->segments[self->out_segments[k]];

          sum += segment->value * (self->vertices[segment->target].y0 + segment->target_offset
                                   - segment->source_offset);
          weight += segment->value;
        }

      weights[i] = weight;
      targets[i] = weight > 0 ? sum / weight : self->vertices[v].y0;
      if (weight > 0)
        min_weight = MIN (min_weight, weight);
    }

  /* A vertex without flow stays put unless pushed: a tiny weight. */
  if (min_weight == G_MAXDOUBLE)
    min_weight = 1;
  for (guint i = 0; i < n; i++)
    if (!(weights[i] > 0))
      weights[i] = 1e-6 * min_weight;

  for (guint i = 0; i < n; i++)
    {
      guint v = self->order[start + i];
      double z = targets[i] - offset;

      blocks[n_blocks].sum = weights[i] * z;
      blocks[n_blocks].weight = weights[i];
      blocks[n_blocks].count = 1;
      n_blocks++;

      while (n_blocks > 1 &&
             blocks[n_blocks - 2].sum * blocks[n_blocks - 1].weight >=
             blocks[n_blocks - 1].sum * blocks[n_blocks - 2].weight)
        {
          blocks[n_blocks - 2].sum += blocks[n_blocks - 1].sum;
          blocks[n_blocks - 2].weight += blocks[n_blocks - 1].weight;
          blocks[n_blocks - 2].count += blocks[n_blocks - 1].count;
          n_blocks--;
        }

      offset += self->heights[v] + self->gaps[c];
    }

  /* offset now overshoots by one gap: the column needs offset − gap. */
  span = MAX (self->height - (offset - self->gaps[c]), 0);
  offset = 0;
  for (guint b = 0, i = 0; b < n_blocks; b++)
    {
      double z = CLAMP (blocks[b].sum / blocks[b].weight, 0, span);

      for (guint k = 0; k < blocks[b].count; k++, i++)
        {
          guint v = self->order[start + i];

          self->vertices[v].y0 = z + offset;
          offset += self->heights[v] + self->gaps[c];
        }
    }
}

static void
relax (LsSankeyLayout *self,
       guint           iterations)
{
  guint max_column = 0;
  g_autofree double *targets = NULL;
  g_autofree double *weights = NULL;
  g_autofree Block *blocks = NULL;

  for (guint c = 0; c < self->n_columns; c++)
    max_column = MAX (max_column, self->column_start[c + 1] - self->column_start[c]);

  targets = g_new (double, max_column + 1);
  weights = g_new (double, max_column + 1);
  blocks = g_new (Block, max_column + 1);

  for (guint i = 0; i < iterations; i++)
    {
      for (guint k = 0; k < self->n_columns; k++)
        {
          guint c = i % 2 == 0 ? k : self->n_columns - 1 - k;

          relax_column (self, c, targets, weights, blocks);
        }
    }
}

/**
 * ls_sankey_layout_options_init:
 * @opts: the options to fill
 *
 * Sets the defaults: the graph's extent, nodes 16 wide, gaps of 8, 32
 * relaxation sweeps, no previous order, 25 % hysteresis, no pins, the
 * heuristic only (10 s for the exact solver when asked). The local optima
 * the search reaches from different starts often differ by 10 % of the
 * weighted crossings, while a reshuffled figure is plain to see: an order
 * the reader knows is left only for a clearly better one.
 */
void
ls_sankey_layout_options_init (LsSankeyLayoutOptions *opts)
{
  g_return_if_fail (opts != NULL);

  memset (opts, 0, sizeof *opts);
  opts->node_width = 16;
  opts->min_gap = 8;
  opts->iterations = 32;
  opts->order_hysteresis = 0.25;
  opts->time_limit = 10;
}

/**
 * ls_sankey_layout_compute:
 * @graph: a #LsSankeyGraph
 * @opts: (nullable): options, or %NULL for the defaults
 *
 * Lays the graph out in the extent (0, 0)–(width, height): columns evenly
 * spaced, node heights proportional to throughput at one common scale,
 * orders chosen to minimise crossings weighted by value, links straightened.
 * A link spanning several columns passes through each column between,
 * taking room there (see ls_sankey_layout_get_link_waypoints()).
 *
 * The same graph and options always give the same layout, to the bit
 * (with the exact solver, as long as it proves its order optimal: a time
 * limit or a cancellation can stop it anywhere). The layout copies the
 * values it uses: changing the graph later (say, a link value for the next
 * frame) leaves it as it was; pass its ls_sankey_layout_dup_node_order()
 * to the next computation instead. The heuristic takes about 10 ms for
 * 1,000 nodes and 3,000 links (no block moves at that size), 40 ms for
 * 100 densely linked nodes, 2 ms for the app's figures of the shipped
 * data; the exact solver a few ms on those, minutes on the benchmark's
 * largest random graphs (tests/bench/bench-sankey-layout.c). It may run
 * in any thread; solves in different threads share nothing.
 *
 * Returns: (transfer full): the layout
 */
LsSankeyLayout *
ls_sankey_layout_compute (LsSankeyGraph               *graph,
                          const LsSankeyLayoutOptions *opts)
{
  g_autoptr(LsSankeyLayout) self = NULL;
  LsSankeyLayoutOptions defaults;
  Search search;

  g_return_val_if_fail (LS_IS_SANKEY_GRAPH (graph), NULL);

  if (opts == NULL)
    {
      ls_sankey_layout_options_init (&defaults);
      opts = &defaults;
    }

  g_return_val_if_fail (opts->node_width >= 0 && isfinite (opts->node_width), NULL);
  g_return_val_if_fail (opts->min_gap >= 0 && isfinite (opts->min_gap), NULL);

  self = g_object_new (LS_TYPE_SANKEY_LAYOUT, NULL);
  self->graph = g_object_ref (graph);
  self->width = opts->width > 0 ? opts->width : ls_sankey_graph_get_width (graph);
  self->height = opts->height > 0 ? opts->height : ls_sankey_graph_get_height (graph);
  self->node_width = MIN (opts->node_width, self->width);

  build_vertices (self);
  resolve_pins (self, opts->pins, opts->n_pins);
  assign_keys (self, opts->previous_order);
  initial_order (self);
  search_init (&search, self);
  order_vertices (self, opts, &search);
  if (opts->exact)
    exact_order (self, opts, &search);
  search_clear (&search);
  compute_scale (self, opts->min_gap);
  assign_ports (self);
  initial_positions (self);
  relax (self, opts->iterations);

  self->waypoints = g_new (double, self->n_segments + 1);
  for (guint s = 0; s < self->n_segments; s++)
    self->waypoints[s] = self->vertices[self->segments[s].target].y0 +
                         self->segments[s].target_offset;

  return g_steal_pointer (&self);
}

/**
 * ls_sankey_layout_get_graph:
 * @self: a #LsSankeyLayout
 *
 * Returns: (transfer none): the graph laid out
 */
LsSankeyGraph *
ls_sankey_layout_get_graph (LsSankeyLayout *self)
{
  g_return_val_if_fail (LS_IS_SANKEY_LAYOUT (self), NULL);

  return self->graph;
}

/**
 * ls_sankey_layout_get_width:
 * @self: a #LsSankeyLayout
 *
 * Returns: the width of the extent the layout fills, from x = 0
 */
double
ls_sankey_layout_get_width (LsSankeyLayout *self)
{
  g_return_val_if_fail (LS_IS_SANKEY_LAYOUT (self), 0);

  return self->width;
}

/**
 * ls_sankey_layout_get_height:
 * @self: a #LsSankeyLayout
 *
 * Returns: the height of the extent the layout fills, from y = 0
 */
double
ls_sankey_layout_get_height (LsSankeyLayout *self)
{
  g_return_val_if_fail (LS_IS_SANKEY_LAYOUT (self), 0);

  return self->height;
}

/**
 * ls_sankey_layout_get_scale:
 * @self: a #LsSankeyLayout
 *
 * Returns: the height of one unit of value, common to all nodes and links
 */
double
ls_sankey_layout_get_scale (LsSankeyLayout *self)
{
  g_return_val_if_fail (LS_IS_SANKEY_LAYOUT (self), 0);

  return self->scale;
}

/**
 * ls_sankey_layout_get_n_columns:
 * @self: a #LsSankeyLayout
 *
 * Returns: the number of columns, empty ones included
 */
guint
ls_sankey_layout_get_n_columns (LsSankeyLayout *self)
{
  g_return_val_if_fail (LS_IS_SANKEY_LAYOUT (self), 0);

  return self->n_columns;
}

/**
 * ls_sankey_layout_get_column_x:
 * @self: a #LsSankeyLayout
 * @column: a column index
 * @x0: (out) (optional): the left edge of the column's nodes
 * @x1: (out) (optional): their right edge
 *
 * Where a column's nodes sit, also for an empty column (for a stage title)
 * and for the pass-through of a long link.
 */
void
ls_sankey_layout_get_column_x (LsSankeyLayout *self,
                               guint           column,
                               double         *x0,
                               double         *x1)
{
  double x;

  g_return_if_fail (LS_IS_SANKEY_LAYOUT (self));
  g_return_if_fail (column < self->n_columns);

  x = self->n_columns > 1
    ? column * (self->width - self->node_width) / (self->n_columns - 1)
    : 0;

  if (x0 != NULL)
    *x0 = x;
  if (x1 != NULL)
    *x1 = x + self->node_width;
}

/**
 * ls_sankey_layout_get_node_value:
 * @self: a #LsSankeyLayout
 * @node: a node index of the graph
 *
 * Returns: the throughput the node's height shows: the largest of its
 *   incoming sum, its outgoing sum and its fixed value
 */
double
ls_sankey_layout_get_node_value (LsSankeyLayout *self,
                                 guint           node)
{
  g_return_val_if_fail (LS_IS_SANKEY_LAYOUT (self), 0);
  g_return_val_if_fail (node < self->n_nodes, 0);

  return self->vertices[node].value;
}

/**
 * ls_sankey_layout_get_node_rect:
 * @self: a #LsSankeyLayout
 * @node: a node index of the graph
 * @x0: (out) (optional): left
 * @x1: (out) (optional): right
 * @y0: (out) (optional): top
 * @y1: (out) (optional): bottom
 */
void
ls_sankey_layout_get_node_rect (LsSankeyLayout *self,
                                guint           node,
                                double         *x0,
                                double         *x1,
                                double         *y0,
                                double         *y1)
{
  const Vertex *vertex;

  g_return_if_fail (LS_IS_SANKEY_LAYOUT (self));
  g_return_if_fail (node < self->n_nodes);

  vertex = &self->vertices[node];
  ls_sankey_layout_get_column_x (self, vertex->column, x0, x1);
  /* y0 + height can land a rounding error past the extent: keep every
   * node inside it, as the layout promises. */
  if (y0 != NULL)
    *y0 = CLAMP (vertex->y0, 0, self->height);
  if (y1 != NULL)
    *y1 = CLAMP (vertex->y0 + self->heights[node], 0, self->height);
}

/**
 * ls_sankey_layout_get_node_rank:
 * @self: a #LsSankeyLayout
 * @node: a node index of the graph
 *
 * Returns: the position of the node among the nodes of its column, from 0
 *   at the top
 */
guint
ls_sankey_layout_get_node_rank (LsSankeyLayout *self,
                                guint           node)
{
  guint c, rank = 0;

  g_return_val_if_fail (LS_IS_SANKEY_LAYOUT (self), 0);
  g_return_val_if_fail (node < self->n_nodes, 0);

  c = self->vertices[node].column;
  for (guint i = self->column_start[c]; self->order[i] != node; i++)
    if (self->vertices[self->order[i]].node != NO_NODE)
      rank++;

  return rank;
}

/**
 * ls_sankey_layout_dup_node_order:
 * @self: a #LsSankeyLayout
 *
 * The node ids column by column, top to bottom: pass it as
 * #LsSankeyLayoutOptions.previous_order to keep the figure steady when the
 * values change.
 *
 * Returns: (transfer full) (array zero-terminated=1): the ids
 */
char **
ls_sankey_layout_dup_node_order (LsSankeyLayout *self)
{
  GPtrArray *ids;

  g_return_val_if_fail (LS_IS_SANKEY_LAYOUT (self), NULL);

  ids = g_ptr_array_new_full (self->n_nodes + 1, NULL);
  for (guint i = 0; i < self->n_vertices; i++)
    {
      guint node = self->vertices[self->order[i]].node;

      if (node != NO_NODE)
        g_ptr_array_add (ids, g_strdup (ls_sankey_graph_get_node_id (self->graph, node)));
    }
  g_ptr_array_add (ids, NULL);

  return (char **)g_ptr_array_free (ids, FALSE);
}

/**
 * ls_sankey_layout_get_order_status:
 * @self: a #LsSankeyLayout
 *
 * Returns: how the order was found; only
 *   %LS_SANKEY_ORDER_OPTIMAL promises the fewest weighted crossings
 */
LsSankeyOrderStatus
ls_sankey_layout_get_order_status (LsSankeyLayout *self)
{
  g_return_val_if_fail (LS_IS_SANKEY_LAYOUT (self), LS_SANKEY_ORDER_HEURISTIC);

  return self->order_status;
}

/**
 * ls_sankey_layout_get_order_bound:
 * @self: a #LsSankeyLayout
 *
 * Returns: a lower bound on the weighted crossings of any order that
 *   honours the pins, proven by the exact solver: the layout's own when
 *   optimal, 0 when the solver was not asked
 */
double
ls_sankey_layout_get_order_bound (LsSankeyLayout *self)
{
  g_return_val_if_fail (LS_IS_SANKEY_LAYOUT (self), 0);

  return self->order_bound;
}

/**
 * ls_sankey_layout_get_order_seconds:
 * @self: a #LsSankeyLayout
 *
 * Returns: the seconds the exact solver took, 0 when not asked
 */
double
ls_sankey_layout_get_order_seconds (LsSankeyLayout *self)
{
  g_return_val_if_fail (LS_IS_SANKEY_LAYOUT (self), 0);

  return self->order_seconds;
}

/**
 * ls_sankey_layout_get_link:
 * @self: a #LsSankeyLayout
 * @link: a link index of the graph
 * @width: (out) (optional): the band width, value × scale
 * @y0: (out) (optional): the centre of the band where it leaves its source
 * @y1: (out) (optional): the centre of the band where it enters its target
 *
 * The band runs from the right edge of the source node to the left edge of
 * the target node.
 */
void
ls_sankey_layout_get_link (LsSankeyLayout *self,
                           guint           link,
                           double         *width,
                           double         *y0,
                           double         *y1)
{
  const Segment *first, *last;

  g_return_if_fail (LS_IS_SANKEY_LAYOUT (self));
  g_return_if_fail (link < self->n_links);

  first = &self->segments[self->link_segments[link]];
  last = &self->segments[self->link_segments[link + 1] - 1];

  if (width != NULL)
    *width = first->value * self->scale;
  if (y0 != NULL)
    *y0 = self->vertices[first->source].y0 + first->source_offset;
  if (y1 != NULL)
    *y1 = self->vertices[last->target].y0 + last->target_offset;
}

/**
 * ls_sankey_layout_get_link_waypoints:
 * @self: a #LsSankeyLayout
 * @link: a link index of the graph
 * @n_waypoints: (out): the number of columns the link passes through
 *
 * For a link spanning several columns, the centre of its band in each
 * column between its ends, left to right; the band crosses the column's
 * x range (ls_sankey_layout_get_column_x()) flat at that height. The room
 * is reserved: no node overlaps it.
 *
 * Returns: (array length=n_waypoints) (transfer none): the y coordinates
 */
const double *
ls_sankey_layout_get_link_waypoints (LsSankeyLayout *self,
                                     guint           link,
                                     guint          *n_waypoints)
{
  g_return_val_if_fail (LS_IS_SANKEY_LAYOUT (self), NULL);
  g_return_val_if_fail (link < self->n_links, NULL);
  g_return_val_if_fail (n_waypoints != NULL, NULL);

  *n_waypoints = self->link_segments[link + 1] - self->link_segments[link] - 1;

  return self->waypoints + self->link_segments[link];
}

/**
 * ls_sankey_layout_weighted_crossings:
 * @self: a #LsSankeyLayout
 * @n_crossings: (out) (optional): the number of crossing pairs
 *
 * Sums value_a × value_b over the pairs of link segments between the same
 * two columns that cross.
 *
 * Returns: the weighted crossings
 */
double
ls_sankey_layout_weighted_crossings (LsSankeyLayout *self,
                                     guint64        *n_crossings)
{
  Counter counter;
  guint64 count;
  double weight;

  g_return_val_if_fail (LS_IS_SANKEY_LAYOUT (self), 0);

  counter_init (&counter, self);
  weight = count_crossings (self, &counter, &count);
  counter_clear (&counter);

  if (n_crossings != NULL)
    *n_crossings = count;

  return weight;
}

static void
append_json_string (GString    *out,
                    const char *s)
{
  g_string_append_c (out, '"');
  for (; *s != '\0'; s++)
    {
      guchar ch = *s;

      if (ch == '"' || ch == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, ch);
        }
      else if (ch < 0x20)
        {
          g_string_append_printf (out, "\\u%04x", ch);
        }
      else
        {
          g_string_append_c (out, ch);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_json_number (GString    *out,
                    const char *name,
                    double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* %.17g round-trips every double; g_ascii_formatd ignores the locale. */
  g_string_append_printf (out, ", \"%s\": %s", name,
                          g_ascii_formatd (buffer, sizeof buffer, "%.17g", value));
}

static const char *
order_status_name (LsSankeyOrderStatus status)
{
  switch (status)
    {
    case LS_SANKEY_ORDER_OPTIMAL:
      return "optimal";
    case LS_SANKEY_ORDER_TIME_LIMIT:
      return "time-limit";
    case LS_SANKEY_ORDER_CANCELLED:
      return "cancelled";
    case LS_SANKEY_ORDER_TOO_LARGE:
      return "too-large";
    case LS_SANKEY_ORDER_HEURISTIC:
    default:
      return "heuristic";
    }
}

/**
 * ls_sankey_layout_to_json:
 * @self: a #LsSankeyLayout
 *
 * Prints `{"nodes": [{"id", "x0", "x1", "y0", "y1"}], "links": [{"source",
 * "target", "value", "width", "y0", "y1"}], "order": {"status", "optimal",
 * "weighted_crossings", "crossings", "bound"}}`, nodes and links in graph
 * order, numbers with 17 significant digits. The order's status is
 * "heuristic", "optimal", "time-limit", "cancelled" or "too-large" (see
 * #LsSankeyOrderStatus); "optimal" is whether optimality was proven;
 * "bound" (only from the exact solver) is the proven lower bound.
 *
 * Returns: (transfer full): the JSON text
 */
char *
ls_sankey_layout_to_json (LsSankeyLayout *self)
{
  GString *out;

  g_return_val_if_fail (LS_IS_SANKEY_LAYOUT (self), NULL);

  out = g_string_new ("{\n  \"nodes\": [");
  for (guint node = 0; node < self->n_nodes; node++)
    {
      double x0, x1, y0, y1;

      ls_sankey_layout_get_node_rect (self, node, &x0, &x1, &y0, &y1);
      g_string_append (out, node > 0 ? ",\n    {\"id\": " : "\n    {\"id\": ");
      append_json_string (out, ls_sankey_graph_get_node_id (self->graph, node));
      append_json_number (out, "x0", x0);
      append_json_number (out, "x1", x1);
      append_json_number (out, "y0", y0);
      append_json_number (out, "y1", y1);
      g_string_append_c (out, '}');
    }
  g_string_append (out, self->n_nodes > 0 ? "\n  ],\n  \"links\": [" : "],\n  \"links\": [");

  for (guint link = 0; link < self->n_links; link++)
    {
      guint source = ls_sankey_graph_get_link_source (self->graph, link);
      guint target = ls_sankey_graph_get_link_target (self->graph, link);
      double width, y0, y1;

      ls_sankey_layout_get_link (self, link, &width, &y0, &y1);
      g_string_append (out, link > 0 ? ",\n    {\"source\": " : "\n    {\"source\": ");
      append_json_string (out, ls_sankey_graph_get_node_id (self->graph, source));
      g_string_append (out, ", \"target\": ");
      append_json_string (out, ls_sankey_graph_get_node_id (self->graph, target));
      append_json_number (out, "value", self->segments[self->link_segments[link]].value);
      append_json_number (out, "width", width);
      append_json_number (out, "y0", y0);
      append_json_number (out, "y1", y1);
      g_string_append_c (out, '}');
    }
  g_string_append (out, self->n_links > 0 ? "\n  ],\n  \"order\": {\"status\": " : "],\n  \"order\": {\"status\": ");

  {
    guint64 count;
    double weight = ls_sankey_layout_weighted_crossings (self, &count);

    append_json_string (out, order_status_name (self->order_status));
    g_string_append_printf (out, ", \"optimal\": %s",
                            self->order_status == LS_SANKEY_ORDER_OPTIMAL ? "true" : "false");
    append_json_number (out, "weighted_crossings", weight);
    g_string_append_printf (out, ", \"crossings\": %" G_GUINT64_FORMAT, count);
    if (self->order_status != LS_SANKEY_ORDER_HEURISTIC)
      append_json_number (out, "bound", self->order_bound);
  }
  g_string_append (out, "}\n}\n");

  return g_string_free (out, FALSE);
}
