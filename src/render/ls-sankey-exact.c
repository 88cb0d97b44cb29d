/* ls-sankey-exact.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-sankey-exact"

#include "config.h"

#include "ls-sankey-exact.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The order with the fewest weighted crossings, as an integer program.
 *
 * Variables. For each column and each pair of its vertices i < j (in the
 * starting order) a binary x_ij, 1 when i is above j. For each pair of
 * sources p < q in column c and pair of targets r < s in column c + 1
 * that two segments join, one continuous z in [0, 1].
 *
 * Constraints. Transitivity, one double-bounded row per triple i < j < k
 * of a column: 0 ≤ x_ij + x_jk − x_ik ≤ 1, which with binary x is exactly
 * "the x of a column are a total order". A pinned vertex v of rank r:
 * Σ over the counted u ≠ v of [u above v] = r, linear in the x.
 *
 * Objective. Segments p → r and q → s (weights summed over parallel
 * segments, which never cross each other) cross iff x_pq ≠ x_rs; segments
 * p → s and q → r cross iff x_pq = x_rs. With A and B the summed products
 * w·w' of the two kinds for one (p, q, r, s) (a "quad"), the crossings
 * there cost B + (A − B)·[x_pq ≠ x_rs]. When A > B, z ≥ x_pq − x_rs and
 * z ≥ x_rs − x_pq make z the xor at any integral x (z has a positive
 * cost, so it is never higher); when A < B, z ≥ x_pq + x_rs − 1 and
 * z ≥ 1 − x_pq − x_rs make it the xnor, at cost B − A; the constant
 * Σ min (A, B) goes to the objective. This is the standard linearisation
 * with one variable per pair of segment pairs rather than per link pair:
 * the same optimum, fewer columns. Segments sharing a source or a target
 * never cross (the layout stacks their ports in order): no variable.
 *
 * Cuts. The LP relaxation of that model is weak (all x = ½ costs only the
 * constant), so we add two families of inequalities over the z, both
 * valid for every order. Read each quad as an edge between x_pq and x_rs
 * that is "satisfied" (z may be 0) when x_pq xor x_rs has a given parity:
 * (1) a cycle of edges whose parities sum to 1 cannot have all its edges
 * satisfied, so Σ z ≥ 1 over it (the odd-cycle inequalities of max-cut);
 * (2) for i < j < k of a column, x_ij = x_jk ≠ x_ik is the one pattern no
 * order has, so two walks from one of the three to the other two whose
 * parities force it cannot both be satisfied: Σ z ≥ 1 over their edges.
 * Both are separated exactly by shortest paths in the graph doubled by
 * parity, the LP's z as lengths (Dijkstra from every x).
 *
 * Solving. First the LP over the z alone with these cuts, round after
 * round, dropping the cuts that went slack: its bound often reaches the
 * starting order's (the heuristic's) weighted crossings, and then that
 * order is proven optimal without any branching, in a fraction of the
 * time. Otherwise the full model, those cuts added, goes to GLPK's branch
 * and cut (the same cuts separated at each node), the starting order
 * handed over as the first incumbent, so a time limit or a cancellation
 * still returns an order at least as good. Without pins, turning every
 * column upside down changes no crossing: one x is fixed to halve the
 * search. GLPK's environment is thread-local (when it is built with TLS,
 * as Debian's is; else solves take turns on a lock); we
 * create it when the thread has none and free it after, so concurrent
 * solves in different threads share nothing. The search stops when
 * @cancellable is cancelled or the time is up.
 */

/* Beyond this many rows and columns the model alone would take longer to
 * build than any time budget the app gives: the starting order is kept. */
#define MAX_MODEL_SIZE 400000

/* Rounds of cuts for the bound over the z alone, at most, and the most
 * cuts a round adds there and at a node of the branch and bound. */
#define MAX_BOUND_ROUNDS 1000
#define BOUND_CUTS 3000
#define TREE_CUTS 100
/* The bound's rounds stop when TAIL_ROUNDS of them gained less than this
 * share together. */
#define TAIL_ROUNDS 10
#define TAIL_GAIN 1e-4

/* Only for a GLPK without thread-local storage; see ls_sankey_exact_solve (). */
static GMutex shared_env_lock;

typedef struct
{
  guint64 key;     /* ((p·n_c + q)·n_c1 + r)·n_c1 + s, local indices */
  guint   column;  /* c */
  double  a;       /* cost when x_pq ≠ x_rs */
  double  b;       /* cost when x_pq = x_rs */
} Quad;

typedef struct
{
  guint  source;   /* local index in column c */
  guint  target;   /* local index in column c + 1 */
  double value;
} Group;

/* The quads as a signed graph on the x: an edge per quad between x_pq and
 * x_rs, satisfied when x_pq xor x_rs equals its parity; its z pays for it
 * when it is not. */
typedef struct
{
  guint  other;   /* the x at the far end, 0-based */
  guint  parity;
  int    z;       /* GLPK column */
} Arc;

typedef struct
{
  guint   n_nodes;
  guint  *arc_start;  /* n_nodes + 1 */
  Arc    *arcs;
  /* Dijkstra over (x, parity) */
  double *dist;
  int    *via;        /* arc index into arcs, or -1 */
  guint  *from;       /* doubled node the arc left */
  guint  *heap;
  double *heap_key;
  guint   heap_len;
  int    *cut_ind;
  double *cut_val;
  guint   n_touched;
  gboolean *covered;   /* per x: on a cut found this round */
  guint   rotation;
  guint  *node_column;  /* per x: its column and pair */
  guint  *node_i;
  guint  *node_j;
  guint  *mark;         /* per GLPK column: the last walk that took it */
  guint   walk;
  const guint *x_base;
  const guint *column_start;
} Cycles;

typedef struct
{
  const LsSankeyExactProblem *problem;
  Cycles        cycles;
  GCancellable *cancellable;
  gint64        deadline;       /* monotonic µs */
  double       *warm;           /* 1-based column values of the starting order */
  gboolean      warm_given;
  double        bound;          /* best bound seen, scaled */
  guint         n_subproblems;
} Search;

static guint
column_of (const LsSankeyExactProblem *problem,
           guint                       vertex)
{
  guint lo = 0, hi = problem->n_columns;

  /* The last column whose start is ≤ vertex. */
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (problem->column_start[mid] <= vertex)
        lo = mid;
      else
        hi = mid;
    }

  return lo;
}

/* The GLPK column (1-based) of x_ij, i < j local indices of column c. */
static inline int
x_index (const guint *x_base,
         const guint *column_start,
         guint        c,
         guint        i,
         guint        j)
{
  guint n = column_start[c + 1] - column_start[c];

  return (int)(x_base[c] + i * n - i * (i + 1) / 2 + (j - i - 1)) + 1;
}

static int
compare_groups (const void *pa,
                const void *pb)
{
  const Group *a = pa;
  const Group *b = pb;

  if (a->source != b->source)
    return a->source < b->source ? -1 : 1;

  return a->target < b->target ? -1 : (a->target > b->target);
}

static int
compare_quads (const void *pa,
               const void *pb)
{
  const Quad *a = pa;
  const Quad *b = pb;

  if (a->column != b->column)
    return a->column < b->column ? -1 : 1;

  return a->key < b->key ? -1 : (a->key > b->key);
}

/* Sums the pairs of segment groups between each two columns into quads.
 * A quad whose two orders cost the same has no choice: its cost goes to
 * @fixed instead. */
static GArray *
collect_quads (const LsSankeyExactProblem *problem,
               double                     *fixed)
{
  GArray *quads = g_array_new (FALSE, FALSE, sizeof (Quad));
  g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (Group));
  g_autofree guint *segment_column = g_new (guint, problem->n_segments + 1);

  for (guint s = 0; s < problem->n_segments; s++)
    segment_column[s] = column_of (problem, problem->segment_source[s]);

  for (guint c = 0; c + 1 < problem->n_columns; c++)
    {
      guint base = problem->column_start[c];
      guint next = problem->column_start[c + 1];
      guint64 n = next - base;
      guint64 m = problem->column_start[c + 2] - next;
      guint n_groups = 0;
      guint first_quad = quads->len;

      g_array_set_size (groups, 0);
      for (guint s = 0; s < problem->n_segments; s++)
        {
          Group group;

          if (segment_column[s] != c)
            continue;
          group.source = problem->segment_source[s] - base;
          group.target = problem->segment_target[s] - next;
          group.value = problem->segment_value[s];
          g_array_append_val (groups, group);
        }
      if (groups->len < 2)
        continue;

      /* Parallel segments never cross each other: one group each. */
      g_array_sort (groups, compare_groups);
      for (guint k = 0; k < groups->len; k++)
        {
          Group *g = &g_array_index (groups, Group, k);

          if (n_groups > 0 &&
              g_array_index (groups, Group, n_groups - 1).source == g->source &&
              g_array_index (groups, Group, n_groups - 1).target == g->target)
            g_array_index (groups, Group, n_groups - 1).value += g->value;
          else
            g_array_index (groups, Group, n_groups++) = *g;
        }

      for (guint i = 0; i < n_groups; i++)
        for (guint k = i + 1; k < n_groups; k++)
          {
            const Group *g1 = &g_array_index (groups, Group, i);
            const Group *g2 = &g_array_index (groups, Group, k);
            double w = g1->value * g2->value;
            Quad quad;

            /* Sorted by source: g1->source ≤ g2->source. */
            if (g1->source == g2->source || g1->target == g2->target || !(w > 0))
              continue;

            quad.column = c;
            if (g1->target < g2->target)
              {
                quad.key = ((g1->source * n + g2->source) * m + g1->target) * m + g2->target;
                quad.a = w;
                quad.b = 0;
              }
            else
              {
                quad.key = ((g1->source * n + g2->source) * m + g2->target) * m + g1->target;
                quad.a = 0;
                quad.b = w;
              }
            g_array_append_val (quads, quad);
          }

      /* Merge equal keys of this column pair. */
      if (quads->len > first_quad)
        {
          Quad *q = &g_array_index (quads, Quad, first_quad);
          guint count = quads->len - first_quad;
          guint out = 0, kept;

          qsort (q, count, sizeof (Quad), compare_quads);
          for (guint k = 0; k < count; k++)
            {
              if (out > 0 && q[out - 1].key == q[k].key)
                {
                  q[out - 1].a += q[k].a;
                  q[out - 1].b += q[k].b;
                }
              else
                {
                  q[out++] = q[k];
                }
            }
          kept = 0;
          for (guint k = 0; k < out; k++)
            {
              if (fabs (q[k].a - q[k].b) <= 1e-12 * MAX (q[k].a, q[k].b))
                *fixed += q[k].a;
              else
                q[kept++] = q[k];
            }
          g_array_set_size (quads, first_quad + kept);
        }
    }

  return quads;
}

static void
decode_quad (const LsSankeyExactProblem *problem,
             const Quad                 *quad,
             guint                      *p,
             guint                      *q,
             guint                      *r,
             guint                      *s)
{
  guint c = quad->column;
  guint64 n = problem->column_start[c + 1] - problem->column_start[c];
  guint64 m = problem->column_start[c + 2] - problem->column_start[c + 1];
  guint64 key = quad->key;

  *s = key % m;
  key /= m;
  *r = key % m;
  key /= m;
  *q = key % n;
  *p = key / n;
}

/* The signed graph of the quads over the x, and the buffers of the
 * separation. */
static void
cycles_init (Cycles                     *cy,
             const LsSankeyExactProblem *problem,
             GArray                     *quads,
             const guint                *x_base,
             guint                       n_x,
             int                         n_columns)
{
  guint fill;
  g_autofree guint *pos = NULL;

  cy->n_nodes = n_x;
  cy->arc_start = g_new0 (guint, n_x + 1);
  for (guint k = 0; k < quads->len; k++)
    {
      const Quad *quad = &g_array_index (quads, Quad, k);
      guint p, q, r, s;

      decode_quad (problem, quad, &p, &q, &r, &s);
      cy->arc_start[x_index (x_base, problem->column_start, quad->column, p, q)]++;
      cy->arc_start[x_index (x_base, problem->column_start, quad->column + 1, r, s)]++;
    }
  /* Counted at x_index = node + 1: a prefix sum gives the starts. */
  for (guint v = 0; v < n_x; v++)
    cy->arc_start[v + 1] += cy->arc_start[v];
  fill = cy->arc_start[n_x];
  cy->arcs = g_new (Arc, fill + 1);
  pos = g_memdup2 (cy->arc_start, sizeof (guint) * (n_x + 1));
  for (guint k = 0; k < quads->len; k++)
    {
      const Quad *quad = &g_array_index (quads, Quad, k);
      guint p, q, r, s;
      guint u, v;
      int z = (int)(n_x + k) + 1;

      decode_quad (problem, quad, &p, &q, &r, &s);
      u = x_index (x_base, problem->column_start, quad->column, p, q) - 1;
      v = x_index (x_base, problem->column_start, quad->column + 1, r, s) - 1;
      cy->arcs[pos[u]++] = (Arc) { v, quad->a > quad->b ? 0 : 1, z };
      cy->arcs[pos[v]++] = (Arc) { u, quad->a > quad->b ? 0 : 1, z };
    }
  cy->dist = g_new (double, 2 * n_x + 1);
  cy->via = g_new (int, 2 * n_x + 1);
  cy->from = g_new (guint, 2 * n_x + 1);
  cy->heap = g_new (guint, 2 * fill + 2);
  cy->heap_key = g_new (double, 2 * fill + 2);
  cy->cut_ind = g_new (int, 2 * (n_x + quads->len) + 2);
  cy->cut_val = g_new (double, 2 * (n_x + quads->len) + 2);
  cy->node_column = g_new (guint, n_x + 1);
  cy->node_i = g_new (guint, n_x + 1);
  cy->node_j = g_new (guint, n_x + 1);
  cy->mark = g_new0 (guint, n_columns + 1);
  cy->covered = g_new0 (gboolean, n_x + 1);
  cy->rotation = 0;
  cy->walk = 0;
  cy->x_base = x_base;
  cy->column_start = problem->column_start;
  for (guint c = 0; c < problem->n_columns; c++)
    {
      guint n = problem->column_start[c + 1] - problem->column_start[c];

      for (guint i = 0; i < n; i++)
        for (guint j = i + 1; j < n; j++)
          {
            guint v = x_index (x_base, problem->column_start, c, i, j) - 1;

            cy->node_column[v] = c;
            cy->node_i[v] = i;
            cy->node_j[v] = j;
          }
    }
}

static void
cycles_clear (Cycles *cy)
{
  g_clear_pointer (&cy->arc_start, g_free);
  g_clear_pointer (&cy->arcs, g_free);
  g_clear_pointer (&cy->dist, g_free);
  g_clear_pointer (&cy->via, g_free);
  g_clear_pointer (&cy->from, g_free);
  g_clear_pointer (&cy->heap, g_free);
  g_clear_pointer (&cy->heap_key, g_free);
  g_clear_pointer (&cy->cut_ind, g_free);
  g_clear_pointer (&cy->cut_val, g_free);
  g_clear_pointer (&cy->covered, g_free);
  g_clear_pointer (&cy->node_column, g_free);
  g_clear_pointer (&cy->node_i, g_free);
  g_clear_pointer (&cy->node_j, g_free);
  g_clear_pointer (&cy->mark, g_free);
}

static void
heap_push (Cycles *cy,
           guint   node,
           double  key)
{
  guint i = cy->heap_len++;

  while (i > 0)
    {
      guint parent = (i - 1) / 2;

      if (cy->heap_key[parent] <= key)
        break;
      cy->heap[i] = cy->heap[parent];
      cy->heap_key[i] = cy->heap_key[parent];
      i = parent;
    }
  cy->heap[i] = node;
  cy->heap_key[i] = key;
}

static guint
heap_pop (Cycles *cy,
          double *key)
{
  guint top = cy->heap[0];
  guint last = cy->heap[--cy->heap_len];
  double last_key = cy->heap_key[cy->heap_len];
  guint i = 0;

  *key = cy->heap_key[0];
  while (TRUE)
    {
      guint child = 2 * i + 1;

      if (child >= cy->heap_len)
        break;
      if (child + 1 < cy->heap_len && cy->heap_key[child + 1] < cy->heap_key[child])
        child++;
      if (cy->heap_key[child] >= last_key)
        break;
      cy->heap[i] = cy->heap[child];
      cy->heap_key[i] = cy->heap_key[child];
      i = child;
    }
  if (cy->heap_len > 0)
    {
      cy->heap[i] = last;
      cy->heap_key[i] = last_key;
    }

  return top;
}

/* Frustrated cycles: a closed walk whose parities sum to 1 cannot have all
 * its edges satisfied, so Σ z ≥ 1 over the edges it uses an odd number of
 * times. The shortest such walk through x_s is the shortest path from
 * (s, 0) to (s, 1) in the doubled graph, edge lengths the LP's z. */
typedef struct
{
  double violation;
  guint  first;   /* into the round's index pool */
  guint  len;
} Candidate;

static int
compare_candidates (const void *pa,
                    const void *pb)
{
  const Candidate *a = pa;
  const Candidate *b = pb;

  if (a->violation != b->violation)
    return a->violation > b->violation ? -1 : 1;

  return a->first < b->first ? -1 : (a->first > b->first);
}

/* Adds the most violated cuts at the LP solution of @lp, whose z columns
 * are ours shifted by −@shift: to the cut pool of @tree, else to @lp
 * itself. */
static guint
separate_cuts (Search   *search,
                 glp_prob *lp,
                 int       shift,
                 glp_tree *tree,
                 guint     max_cuts)
{
  Cycles *cy = &search->cycles;
  g_autofree double *length = g_new (double, cy->arc_start[cy->n_nodes] + 1);
  g_autoptr(GArray) pool = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree guint64 *signatures = NULL;
  g_autofree guint *touched = g_new (guint, 2 * cy->n_nodes + 1);
  g_autofree guint *level = g_new (guint, cy->arc_start[cy->n_nodes] + 2 * cy->n_nodes + 1);
  guint n_cuts = 0, n_level = 0, level_head = 0;

  for (guint a = 0; a < cy->arc_start[cy->n_nodes]; a++)
    {
      length[a] = glp_get_col_prim (lp, cy->arcs[a].z - shift);
      /* Rounding noise of the LP is no length. */
      if (length[a] < 1e-9)
        length[a] = 0;
    }
  for (guint k = 0; k < 2 * cy->n_nodes; k++)
    cy->dist[k] = G_MAXDOUBLE;

  /* A cut is found again from every x on it: an x already on a cut of
   * this round is no source. (A round that finds nothing skips none, so
   * "no violated cut" is exhaustive.) */
  memset (cy->covered, 0, sizeof (gboolean) * cy->n_nodes);
  for (guint step = 0; step < cy->n_nodes; step++)
    {
      guint s = (step + cy->rotation) % cy->n_nodes;
      guint target = 2 * s + 1;
      Candidate candidate;
      int len = 0;

      if (cy->arc_start[s] == cy->arc_start[s + 1] || cy->covered[s])
        continue;

      /* Only the distances the last search set need resetting. */
      for (guint k = 0; k < cy->n_touched; k++)
        cy->dist[touched[k]] = G_MAXDOUBLE;
      cy->n_touched = 0;
      cy->dist[2 * s] = 0;
      touched[cy->n_touched++] = 2 * s;
      cy->heap_len = 0;
      heap_push (cy, 2 * s, 0);

      /* Dijkstra; most LP z are 0, so the vertices at the current
       * distance wait in a queue rather than in the heap: first in, first
       * out, so walks of equal length have the fewest edges, which makes
       * the strongest cuts. */
      level_head = n_level = 0;
      while (cy->heap_len > 0 || level_head < n_level)
        {
          double d;
          guint node, x, b;

          if (level_head < n_level)
            {
              node = level[level_head++];
              d = cy->dist[node];
            }
          else
            {
              node = heap_pop (cy, &d);
              if (d > cy->dist[node])
                continue;
            }
          x = node / 2;
          b = node % 2;

          for (guint a = cy->arc_start[x]; a < cy->arc_start[x + 1]; a++)
            {
              guint next = 2 * cy->arcs[a].other + (b ^ cy->arcs[a].parity);
              double nd = d + length[a];

              if (nd < cy->dist[next] && nd < 1 - 1e-6)
                {
                  if (cy->dist[next] == G_MAXDOUBLE)
                    touched[cy->n_touched++] = next;
                  cy->dist[next] = nd;
                  cy->via[next] = (int)a;
                  cy->from[next] = node;
                  if (length[a] == 0)
                    level[n_level++] = next;
                  else
                    heap_push (cy, next, nd);
                }
            }
        }

      /* Transitivity: for i < j < k of a column, x_ij = x_jk ≠ x_ik is
       * the one pattern no order has. From s as any of the three, two
       * walks to the other two whose parities would force it cannot
       * both have all their edges satisfied: Σ z ≥ 1 over both. */
      {
        guint c = cy->node_column[s], si = cy->node_i[s], sj = cy->node_j[s];
        guint n = cy->column_start[c + 1] - cy->column_start[c];

        for (guint role = 0; role < 3; role++)
          for (guint t = 0; t < n; t++)
            {
              guint i, j, k, end1, end2;
              double d;

              /* s = x_ij: x_jk even, x_ik odd; s = x_jk: x_ij even, x_ik
               * odd; s = x_ik: x_ij odd, x_jk odd. */
              if (role == 0 && t > sj)
                i = si, j = sj, k = t;
              else if (role == 1 && t < si)
                i = t, j = si, k = sj;
              else if (role == 2 && t > si && t < sj)
                i = si, j = t, k = sj;
              else
                continue;

              if (role == 0)
                {
                  end1 = 2 * (x_index (cy->x_base, cy->column_start, c, j, k) - 1);
                  end2 = 2 * (x_index (cy->x_base, cy->column_start, c, i, k) - 1) + 1;
                }
              else if (role == 1)
                {
                  end1 = 2 * (x_index (cy->x_base, cy->column_start, c, i, j) - 1);
                  end2 = 2 * (x_index (cy->x_base, cy->column_start, c, i, k) - 1) + 1;
                }
              else
                {
                  end1 = 2 * (x_index (cy->x_base, cy->column_start, c, i, j) - 1) + 1;
                  end2 = 2 * (x_index (cy->x_base, cy->column_start, c, j, k) - 1) + 1;
                }

              d = cy->dist[end1] + cy->dist[end2];
              if (!(d < 1 - 1e-6))
                continue;

              len = 0;
              cy->walk++;
              for (guint side = 0; side < 2; side++)
                for (guint node = side == 0 ? end1 : end2; node != 2 * s; node = cy->from[node])
                  {
                    int z = cy->arcs[cy->via[node]].z;

                    if (cy->mark[z] != cy->walk)
                      {
                        cy->mark[z] = cy->walk;
                        cy->cut_ind[++len] = z;
                      }
                  }
              if (len == 0)
                continue;

              candidate.violation = 1 - d;
              candidate.first = pool->len;
              candidate.len = len;
              g_array_append_vals (pool, cy->cut_ind + 1, len);
              g_array_append_val (candidates, candidate);
            }
        len = 0;
      }

      if (cy->dist[target] >= 1 - 1e-6)
        continue;

      /* The walk's z, each used an odd number of times. */
      for (guint node = target; node != 2 * s; node = cy->from[node])
        {
          int z = cy->arcs[cy->via[node]].z;
          int found = -1;

          for (int i = 1; i <= len; i++)
            if (cy->cut_ind[i] == z)
              found = i;
          if (found > 0)
            cy->cut_ind[found] = cy->cut_ind[len--];
          else
            cy->cut_ind[++len] = z;
        }
      if (len == 0)
        continue;

      candidate.violation = 1 - cy->dist[target];
      candidate.first = pool->len;
      candidate.len = len;
      g_array_append_vals (pool, cy->cut_ind + 1, len);
      g_array_append_val (candidates, candidate);
      for (guint node = target; node != 2 * s; node = cy->from[node])
        cy->covered[node / 2] = TRUE;
    }
  cy->rotation += 7919;

  cy->n_touched = 0;
  g_array_sort (candidates, compare_candidates);
  signatures = g_new (guint64, MIN (candidates->len, max_cuts) + 1);
  for (guint k = 0; k < candidates->len && n_cuts < max_cuts; k++)
    {
      const Candidate *candidate = &g_array_index (candidates, Candidate, k);
      int *ind = &g_array_index (pool, int, candidate->first);
      guint64 signature = 14695981039346656037u;

      for (guint i = 1; i < candidate->len; i++)
        for (guint j = i; j > 0 && ind[j - 1] > ind[j]; j--)
          {
            int t = ind[j];

            ind[j] = ind[j - 1];
            ind[j - 1] = t;
          }
      /* FNV-1a over the sorted columns: the same cut twice is one row. */
      for (guint i = 0; i < candidate->len; i++)
        {
          signature = (signature ^ (guint32)ind[i]) * 1099511628211u;
          cy->cut_ind[i + 1] = ind[i];
          cy->cut_val[i + 1] = 1;
        }
      if (g_hash_table_contains (seen, &signature))
        continue;
      signatures[n_cuts] = signature;
      g_hash_table_add (seen, &signatures[n_cuts]);

      if (tree != NULL)
        {
          glp_ios_add_row (tree, NULL, 101, 0, candidate->len, cy->cut_ind, cy->cut_val, GLP_LO, 1);
        }
      else
        {
          int row = glp_add_rows (lp, 1);

          for (guint i = 1; i <= candidate->len; i++)
            cy->cut_ind[i] -= shift;
          glp_set_mat_row (lp, row, candidate->len, cy->cut_ind, cy->cut_val);
          glp_set_row_bnds (lp, row, GLP_LO, 1, 0);
        }
      n_cuts++;
    }

  return n_cuts;
}

/* The bound of the LP over the z alone with the cycle and transitivity
 * cuts, separated round after round until it reaches @target (the start
 * order's cost: then that order is proven optimal without branching) or
 * no cut is violated. The cuts are kept in @kept for the integer
 * program. Returns the bound, scaled as the objective. */
static double
cut_bound (Search  *search,
           GArray  *quads,
           guint    n_x,
           double   scale,
           double   target,
           GArray  *kept)
{
  glp_prob *zp = glp_create_prob ();
  g_autofree int *ind = g_new (int, quads->len + 1);
  g_autofree double *val = g_new (double, quads->len + 1);
  double history[TAIL_ROUNDS] = { 0 };
  double bound = 0;
  glp_smcp smcp;

  glp_init_smcp (&smcp);
  smcp.msg_lev = GLP_MSG_OFF;
  smcp.meth = GLP_DUALP;
  glp_set_obj_dir (zp, GLP_MIN);
  glp_add_cols (zp, quads->len);
  for (guint k = 0; k < quads->len; k++)
    {
      const Quad *quad = &g_array_index (quads, Quad, k);

      glp_set_col_bnds (zp, k + 1, GLP_DB, 0, 1);
      glp_set_obj_coef (zp, k + 1, fabs (quad->a - quad->b) / scale);
    }

  for (guint round = 0; round < MAX_BOUND_ROUNDS; round++)
    {
      gint64 left = search->deadline - g_get_monotonic_time ();
      g_autoptr(GArray) slack = NULL;
      int zero = 0;

      if (g_cancellable_is_cancelled (search->cancellable) || left <= 0)
        break;
      if (search->deadline != G_MAXINT64)
        smcp.tm_lim = (int)CLAMP (left / 1000, 1, G_MAXINT);
      if (glp_simplex (zp, &smcp) != 0 || glp_get_status (zp) != GLP_OPT)
        break;

      bound = glp_get_obj_val (zp);
      if (bound >= target * (1 - 1e-9))
        break;
      /* Tailing off: branching does better from here. */
      if (round >= TAIL_ROUNDS && bound < history[round % TAIL_ROUNDS] * (1 + TAIL_GAIN))
        break;
      history[round % TAIL_ROUNDS] = bound;

      /* Cuts gone slack go: the LP stays small, and the rounds cheap. The
       * basis stays valid, as only rows whose slacks are basic go. */
      slack = g_array_new (FALSE, FALSE, sizeof (int));
      g_array_append_val (slack, zero);
      for (int r = 1; r <= glp_get_num_rows (zp); r++)
        if (glp_get_row_stat (zp, r) == GLP_BS && glp_get_row_prim (zp, r) > 1 + 1e-6)
          g_array_append_val (slack, r);
      if (slack->len > 1)
        glp_del_rows (zp, (int)slack->len - 1, (int *)(gpointer)slack->data);

      if (separate_cuts (search, zp, (int)n_x, NULL, BOUND_CUTS) == 0)
        break;
    }

  /* The cuts left, for the integer program, in its column numbers. */
  for (int r = 1; r <= glp_get_num_rows (zp); r++)
    {
      int len = glp_get_mat_row (zp, r, ind, val);
      int end = 0;

      for (int i = 1; i <= len; i++)
        {
          int z = ind[i] + (int)n_x;

          g_array_append_val (kept, z);
        }
      g_array_append_val (kept, end);
    }

  glp_delete_prob (zp);

  return bound;
}

static void
on_search (glp_tree *tree,
           void     *data)
{
  Search *search = data;
  int best, total = 0;

  if (g_cancellable_is_cancelled (search->cancellable) ||
      g_get_monotonic_time () >= search->deadline)
    {
      glp_ios_terminate (tree);
      return;
    }

  switch (glp_ios_reason (tree))
    {
    case GLP_IHEUR:
      if (!search->warm_given)
        {
          search->warm_given = TRUE;
          glp_ios_heur_sol (tree, search->warm);
        }
      break;

    case GLP_ICUTGEN:
      separate_cuts (search, glp_ios_get_prob (tree), 0, tree, TREE_CUTS);
      break;

    default:
      break;
    }

  best = glp_ios_best_node (tree);
  if (best != 0)
    search->bound = MAX (search->bound, glp_ios_node_bound (tree, best));
  glp_ios_tree_size (tree, NULL, NULL, &total);
  search->n_subproblems = MAX (search->n_subproblems, (guint)total);
}

/* Reads each column's order off the x of a solution: a vertex's rank is
 * the number of vertices above it. FALSE if they are not a total order. */
static gboolean
read_order (const LsSankeyExactProblem *problem,
            glp_prob                   *lp,
            const guint                *x_base,
            guint                      *order)
{
  for (guint c = 0; c < problem->n_columns; c++)
    {
      guint start = problem->column_start[c];
      guint n = problem->column_start[c + 1] - start;
      g_autofree gboolean *taken = g_new0 (gboolean, n + 1);

      for (guint i = 0; i < n; i++)
        {
          guint above = 0;

          for (guint j = 0; j < n; j++)
            {
              double x;

              if (j == i)
                continue;
              x = j < i ? glp_mip_col_val (lp, x_index (x_base, problem->column_start, c, j, i))
                        : 1 - glp_mip_col_val (lp, x_index (x_base, problem->column_start, c, i, j));
              above += x > 0.5;
            }

          if (above >= n || taken[above])
            return FALSE;
          taken[above] = TRUE;
          order[start + above] = start + i;
        }
    }

  return TRUE;
}

/* Weighted crossings of @order (vertex at each position) from the quads. */
static double
order_cost (const LsSankeyExactProblem *problem,
            GArray                     *quads,
            const guint                *order)
{
  g_autofree guint *position = g_new (guint, problem->column_start[problem->n_columns] + 1);
  double cost = 0;

  for (guint k = 0; k < problem->column_start[problem->n_columns]; k++)
    position[order[k]] = k;

  for (guint k = 0; k < quads->len; k++)
    {
      const Quad *quad = &g_array_index (quads, Quad, k);
      guint c = quad->column;
      guint base = problem->column_start[c];
      guint next = problem->column_start[c + 1];
      guint p, q, r, s;
      gboolean x_pq, x_rs;

      decode_quad (problem, quad, &p, &q, &r, &s);
      x_pq = position[base + p] < position[base + q];
      x_rs = position[next + r] < position[next + s];
      cost += x_pq != x_rs ? quad->a : quad->b;
    }

  return cost;
}

typedef struct
{
  GArray *ia;
  GArray *ja;
  GArray *ar;
} Matrix;

static void
matrix_add (Matrix *matrix,
            int     row,
            int     column,
            double  value)
{
  g_array_append_val (matrix->ia, row);
  g_array_append_val (matrix->ja, column);
  g_array_append_val (matrix->ar, value);
}

static gboolean
has_pins (const LsSankeyExactProblem *problem)
{
  if (problem->pin == NULL)
    return FALSE;

  for (guint v = 0; v < problem->column_start[problem->n_columns]; v++)
    if (problem->pin[v] >= 0)
      return TRUE;

  return FALSE;
}

static gboolean
is_counted (const LsSankeyExactProblem *problem,
            guint                       v)
{
  return problem->counted == NULL || problem->counted[v];
}

/**
 * ls_sankey_exact_solve:
 * @problem: the layered graph, numbered in its starting order
 * @time_limit: seconds; ≤ 0 or infinite for none
 * @cancellable: (nullable): ends the search early when cancelled
 * @order: (out caller-allocates): per column, the vertices top to bottom
 * @report: (out): how it went
 *
 * Finds the order with the fewest weighted crossings that honours the
 * pins, starting from the given one (which must honour them too).
 * Whatever stops the search, @order is at least as good as the start.
 *
 * Returns: %TRUE if @order is proven optimal
 */
gboolean
ls_sankey_exact_solve (const LsSankeyExactProblem *problem,
                       double                      time_limit,
                       GCancellable               *cancellable,
                       guint                      *order,
                       LsSankeyExactReport        *report)
{
  g_autoptr(GArray) quads = NULL;
  g_autofree guint *x_base = NULL;
  g_autofree guint *start_order = NULL;
  Matrix matrix = { 0 };
  Search search = { 0 };
  gint64 started = g_get_monotonic_time ();
  guint n_vertices = problem->column_start[problem->n_columns];
  guint64 n_x = 0, n_triples = 0;
  double constant = 0, scale = 0, fixed = 0, start_cost;
  gboolean pinned = has_pins (problem);
  gboolean own_env, proven = FALSE, proven_at_once = FALSE;
  glp_prob *lp;
  glp_smcp simplex;
  glp_iocp iocp;
  int previous_output;
  int n_columns, n_rows, row, ret;
  guint fixed_column = 0;

  g_return_val_if_fail (problem != NULL, FALSE);
  g_return_val_if_fail (order != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  memset (report, 0, sizeof *report);
  start_order = g_new (guint, n_vertices + 1);
  for (guint v = 0; v < n_vertices; v++)
    order[v] = start_order[v] = v;

  x_base = g_new0 (guint, problem->n_columns + 1);
  for (guint c = 0; c < problem->n_columns; c++)
    {
      guint64 n = problem->column_start[c + 1] - problem->column_start[c];

      x_base[c] = n_x;
      n_x += n * (n - 1) / 2;
      n_triples += n < 3 ? 0 : n * (n - 1) * (n - 2) / 6;
    }

  if (n_x + n_triples > MAX_MODEL_SIZE)
    {
      report->status = LS_SANKEY_ORDER_TOO_LARGE;
      report->seconds = (g_get_monotonic_time () - started) / 1e6;
      return FALSE;
    }

  quads = collect_quads (problem, &fixed);
  constant = fixed;
  for (guint k = 0; k < quads->len; k++)
    {
      const Quad *quad = &g_array_index (quads, Quad, k);

      constant += MIN (quad->a, quad->b);
      scale = MAX (scale, fabs (quad->a - quad->b));
    }
  start_cost = fixed + order_cost (problem, quads, start_order);
  report->objective = start_cost;
  report->bound = constant;

  if (n_x + n_triples + 2 * (guint64)quads->len > MAX_MODEL_SIZE)
    {
      report->status = LS_SANKEY_ORDER_TOO_LARGE;
      report->seconds = (g_get_monotonic_time () - started) / 1e6;
      return FALSE;
    }

  /* Nothing to choose, or the start already meets the trivial bound. */
  if (scale == 0 || start_cost <= constant * (1 + 1e-12))
    {
      report->status = LS_SANKEY_ORDER_OPTIMAL;
      report->bound = start_cost;
      report->seconds = (g_get_monotonic_time () - started) / 1e6;
      return TRUE;
    }

  /* A GLPK built without thread-local storage keeps one environment for
   * the process: then solves take turns. */
  if (glp_config ("TLS") == NULL)
    g_mutex_lock (&shared_env_lock);
  own_env = glp_init_env () == 0;
  previous_output = glp_term_out (GLP_OFF);

  lp = glp_create_prob ();
  glp_set_obj_dir (lp, GLP_MIN);
  n_columns = (int)(n_x + quads->len);
  glp_add_cols (lp, n_columns);

  search.problem = problem;
  search.cancellable = cancellable;
  search.deadline = time_limit > 0 && isfinite (time_limit)
    ? started + (gint64)(time_limit * 1e6)
    : G_MAXINT64;
  search.warm = g_new0 (double, n_columns + 1);
  search.bound = 0;

  for (int j = 1; j <= (int)n_x; j++)
    {
      glp_set_col_kind (lp, j, GLP_BV);
      search.warm[j] = 1;  /* the start order is the numbering */
    }

  /* One x fixed against the upside-down twin of every order. */
  if (!pinned)
    {
      for (fixed_column = 0; fixed_column < problem->n_columns; fixed_column++)
        if (problem->column_start[fixed_column + 1] - problem->column_start[fixed_column] >= 2)
          break;
      if (fixed_column < problem->n_columns)
        glp_set_col_bnds (lp, x_index (x_base, problem->column_start, fixed_column, 0, 1),
                          GLP_FX, 1, 1);
    }

  matrix.ia = g_array_new (FALSE, FALSE, sizeof (int));
  matrix.ja = g_array_new (FALSE, FALSE, sizeof (int));
  matrix.ar = g_array_new (FALSE, FALSE, sizeof (double));
  /* GLPK's arrays are 1-based. */
  matrix_add (&matrix, 0, 0, 0);

  n_rows = (int)(n_triples + 2 * quads->len);
  for (guint c = 0; c < problem->n_columns; c++)
    {
      guint start = problem->column_start[c];
      guint n = problem->column_start[c + 1] - start;

      for (guint v = 0; v < n; v++)
        if (pinned && problem->pin[start + v] >= 0)
          n_rows++;
    }
  glp_add_rows (lp, n_rows);
  row = 0;

  for (guint c = 0; c < problem->n_columns; c++)
    {
      const guint *cs = problem->column_start;
      guint start = cs[c];
      guint n = cs[c + 1] - start;

      for (guint i = 0; i < n; i++)
        for (guint j = i + 1; j < n; j++)
          for (guint k = j + 1; k < n; k++)
            {
              row++;
              glp_set_row_bnds (lp, row, GLP_DB, 0, 1);
              matrix_add (&matrix, row, x_index (x_base, cs, c, i, j), 1);
              matrix_add (&matrix, row, x_index (x_base, cs, c, j, k), 1);
              matrix_add (&matrix, row, x_index (x_base, cs, c, i, k), -1);
            }

      if (!pinned)
        continue;

      /* Σ_{u < v} x_uv + Σ_{u > v} (1 − x_vu) = rank, over counted u. */
      for (guint v = 0; v < n; v++)
        {
          double rhs;
          guint n_below = 0;

          if (problem->pin[start + v] < 0)
            continue;

          row++;
          for (guint u = 0; u < n; u++)
            {
              if (u == v || !is_counted (problem, start + u))
                continue;
              if (u < v)
                {
                  matrix_add (&matrix, row, x_index (x_base, cs, c, u, v), 1);
                }
              else
                {
                  matrix_add (&matrix, row, x_index (x_base, cs, c, v, u), -1);
                  n_below++;
                }
            }
          rhs = problem->pin[start + v] - (double)n_below;
          glp_set_row_bnds (lp, row, GLP_FX, rhs, rhs);
        }
    }

  for (guint k = 0; k < quads->len; k++)
    {
      const Quad *quad = &g_array_index (quads, Quad, k);
      int z = (int)(n_x + k) + 1;
      guint p, q, r, s;
      int x_pq, x_rs;

      decode_quad (problem, quad, &p, &q, &r, &s);
      x_pq = x_index (x_base, problem->column_start, quad->column, p, q);
      x_rs = x_index (x_base, problem->column_start, quad->column + 1, r, s);

      glp_set_col_bnds (lp, z, GLP_DB, 0, 1);
      glp_set_obj_coef (lp, z, fabs (quad->a - quad->b) / scale);

      if (quad->a > quad->b)
        {
          /* z ≥ |x_pq − x_rs|: crosswise pays when they differ. */
          row++;
          glp_set_row_bnds (lp, row, GLP_LO, 0, 0);
          matrix_add (&matrix, row, z, 1);
          matrix_add (&matrix, row, x_pq, -1);
          matrix_add (&matrix, row, x_rs, 1);
          row++;
          glp_set_row_bnds (lp, row, GLP_LO, 0, 0);
          matrix_add (&matrix, row, z, 1);
          matrix_add (&matrix, row, x_pq, 1);
          matrix_add (&matrix, row, x_rs, -1);
          search.warm[z] = 0;
        }
      else
        {
          /* z ≥ [x_pq = x_rs]. */
          row++;
          glp_set_row_bnds (lp, row, GLP_LO, -1, 0);
          matrix_add (&matrix, row, z, 1);
          matrix_add (&matrix, row, x_pq, -1);
          matrix_add (&matrix, row, x_rs, -1);
          row++;
          glp_set_row_bnds (lp, row, GLP_LO, 1, 0);
          matrix_add (&matrix, row, z, 1);
          matrix_add (&matrix, row, x_pq, 1);
          matrix_add (&matrix, row, x_rs, 1);
          search.warm[z] = 1;
        }
    }
  g_assert (row == n_rows);

  cycles_init (&search.cycles, problem, quads, x_base, n_x, n_columns);

  glp_load_matrix (lp, (int)matrix.ia->len - 1,
                   (int *)(gpointer)matrix.ia->data,
                   (int *)(gpointer)matrix.ja->data,
                   (double *)(gpointer)matrix.ar->data);
  g_array_unref (matrix.ia);
  g_array_unref (matrix.ja);
  g_array_unref (matrix.ar);

  /* The bound from the z alone first: it often proves the start optimal
   * at once, and otherwise its cuts make the root of the integer program
   * start strong. */
  {
    g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (int));
    double target = (start_cost - constant) / scale;
    double z_bound = cut_bound (&search, quads, n_x, scale, target, kept);

    search.bound = z_bound;
    if (z_bound >= target * (1 - 1e-9))
      proven_at_once = TRUE;

    for (guint k = 0; k < kept->len && !proven_at_once;)
      {
        guint len = 0;
        int cut_row = glp_add_rows (lp, 1);

        while (g_array_index (kept, int, k + len) != 0)
          len++;
        for (guint i = 0; i < len; i++)
          {
            search.cycles.cut_ind[i + 1] = g_array_index (kept, int, k + i);
            search.cycles.cut_val[i + 1] = 1;
          }
        glp_set_mat_row (lp, cut_row, (int)len, search.cycles.cut_ind, search.cycles.cut_val);
        glp_set_row_bnds (lp, cut_row, GLP_LO, 1, 0);
        k += len + 1;
      }
  }

  /* The root LP first, with GLPK's presolver off, so the callback sees
   * our own columns and can hand over the starting order. */
  glp_init_smcp (&simplex);
  simplex.msg_lev = GLP_MSG_OFF;
  simplex.presolve = GLP_OFF;
  if (search.deadline != G_MAXINT64)
    simplex.tm_lim = (int)CLAMP ((search.deadline - g_get_monotonic_time ()) / 1000, 1, G_MAXINT);
  ret = proven_at_once ? 1 : glp_simplex (lp, &simplex);

  if (ret == 0 && glp_get_status (lp) == GLP_OPT && !g_cancellable_is_cancelled (cancellable) &&
      g_get_monotonic_time () < search.deadline)
    {
      search.bound = MAX (search.bound, glp_get_obj_val (lp));

      glp_init_iocp (&iocp);
      iocp.msg_lev = GLP_MSG_OFF;
      iocp.presolve = GLP_OFF;
      iocp.cb_func = on_search;
      iocp.cb_info = &search;
      iocp.mip_gap = 0;
      /* Our cuts are far stronger here than GLPK's generic ones, which
       * only slow each node down; Driebeck–Tomlin branching and the best
       * local bound did best on the benchmark's graphs. */
      iocp.gmi_cuts = GLP_OFF;
      iocp.mir_cuts = GLP_OFF;
      iocp.cov_cuts = GLP_OFF;
      iocp.clq_cuts = GLP_OFF;
      iocp.br_tech = GLP_BR_DTH;
      iocp.bt_tech = GLP_BT_BLB;
      if (search.deadline != G_MAXINT64)
        iocp.tm_lim = (int)CLAMP ((search.deadline - g_get_monotonic_time ()) / 1000, 1, G_MAXINT);
      ret = glp_intopt (lp, &iocp);

      if ((glp_mip_status (lp) == GLP_OPT || glp_mip_status (lp) == GLP_FEAS) &&
          read_order (problem, lp, x_base, order))
        {
          double cost = fixed + order_cost (problem, quads, order);

          /* Never worse than the start, whatever rounding says. */
          if (cost > start_cost)
            {
              memcpy (order, start_order, sizeof (guint) * n_vertices);
              cost = start_cost;
            }
          report->objective = cost;
        }

      proven = ret == 0 && glp_mip_status (lp) == GLP_OPT;
    }

  if (proven_at_once)
    {
      proven = TRUE;
      report->objective = start_cost;
    }

  if (proven)
    report->bound = report->objective;
  else
    report->bound = MAX (constant, MIN (constant + search.bound * scale, report->objective));

  if (proven)
    report->status = LS_SANKEY_ORDER_OPTIMAL;
  else if (g_cancellable_is_cancelled (cancellable))
    report->status = LS_SANKEY_ORDER_CANCELLED;
  else
    report->status = LS_SANKEY_ORDER_TIME_LIMIT;
  report->n_subproblems = search.n_subproblems;

  glp_delete_prob (lp);
  g_free (search.warm);
  cycles_clear (&search.cycles);
  glp_term_out (previous_output);
  if (own_env)
    glp_free_env ();
  if (glp_config ("TLS") == NULL)
    g_mutex_unlock (&shared_env_lock);

  report->seconds = (g_get_monotonic_time () - started) / 1e6;

  return proven;
}
