/* bench-sankey-layout.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "d3-sankey-baseline.h"
#include "ls-sankey-layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Lays out seeded, layered, supply-chain-like graphs with LsSankeyLayout and
 * with a d3-sankey-style baseline, and prints the time and the crossings
 * weighted by flow (value_a × value_b per crossing pair) of each. Exits 1 if
 * ours does not have fewer weighted crossings on every graph that has any,
 * or if the two ways of counting crossings disagree. */

#define WIDTH 1000.0
#define HEIGHT 600.0
#define NODE_WIDTH 16.0
#define GAP 8.0
#define D3_ITERATIONS 6

/* Node size: Pareto with α = 1.16 (the "80/20" tail), so a few suppliers
 * carry most of the trade. */
static double
pareto (GRand *rand)
{
  return MIN (pow (g_rand_double_range (rand, 1e-6, 1.0), -1.0 / 1.16), 1e4);
}

static double
lognormal (GRand  *rand,
           double  sigma)
{
  double u1 = g_rand_double_range (rand, 1e-12, 1.0);
  double u2 = g_rand_double (rand);

  return exp (sigma * sqrt (-2 * log (u1)) * cos (2 * G_PI * u2));
}

typedef struct
{
  GArray *members;  /* of guint: nodes */
  GArray *cumulative;  /* of double: running sum of sizes */
} Column;

static guint
pick (GRand        *rand,
      const Column *column)
{
  double total = g_array_index (column->cumulative, double, column->cumulative->len - 1);
  double x = g_rand_double_range (rand, 0, total);
  guint lo = 0, hi = column->members->len - 1;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (column->cumulative, double, mid) <= x)
        lo = mid + 1;
      else
        hi = mid;
    }

  return g_array_index (column->members, guint, lo);
}

static gboolean
add_link (LsSankeyGraph *graph,
          GHashTable    *pairs,
          GRand         *rand,
          const double  *sizes,
          guint          source,
          guint          target)
{
  guint n = ls_sankey_graph_get_n_nodes (graph);
  gpointer key = GUINT_TO_POINTER (source * n + target + 1);
  double value;

  if (g_hash_table_contains (pairs, key))
    return FALSE;
  g_hash_table_add (pairs, key);

  /* A trade flow: the supplier's size, a share of it, and noise. */
  value = sizes[source] * g_rand_double_range (rand, 0.05, 1.0) * lognormal (rand, 0.5);
  ls_sankey_graph_add_link (graph, source, target, value);

  return TRUE;
}

static LsSankeyGraph *
generate_graph (guint   n_nodes,
                guint   n_columns,
                guint   n_links,
                guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GHashTable) pairs = g_hash_table_new (NULL, NULL);
  g_autofree guint *counts = g_new0 (guint, n_columns);
  g_autofree guint *node_columns = g_new (guint, n_nodes);
  g_autofree double *sizes = g_new (double, n_nodes);
  g_autofree gboolean *has_input = g_new0 (gboolean, n_nodes);
  g_autofree Column *columns = g_new0 (Column, n_columns);
  LsSankeyGraph *graph = ls_sankey_graph_new ();
  double weights_total = 0;
  double weights[16];
  guint assigned = 0;

  g_assert (n_columns <= G_N_ELEMENTS (weights));
  g_assert (n_nodes < 60000);

  /* Stages of uneven width. */
  for (guint c = 0; c < n_columns; c++)
    weights_total += weights[c] = g_rand_double_range (rand, 0.6, 1.4);
  for (guint c = 0; c < n_columns; c++)
    {
      counts[c] = MAX (2, (guint)round (n_nodes * weights[c] / weights_total));
      assigned += counts[c];
    }
  while (assigned > n_nodes)
    for (guint c = 0; c < n_columns && assigned > n_nodes; c++)
      if (counts[c] > 2)
        counts[c]--, assigned--;
  counts[n_columns - 1] += n_nodes - assigned;

  /* Input order is shuffled, so it says nothing about a good order. */
  for (guint c = 0, i = 0; c < n_columns; c++)
    for (guint k = 0; k < counts[c]; k++)
      node_columns[i++] = c;
  for (guint i = n_nodes - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1);
      guint t = node_columns[i];

      node_columns[i] = node_columns[j];
      node_columns[j] = t;
    }

  for (guint c = 0; c < n_columns; c++)
    {
      columns[c].members = g_array_new (FALSE, FALSE, sizeof (guint));
      columns[c].cumulative = g_array_new (FALSE, FALSE, sizeof (double));
    }

  for (guint i = 0; i < n_nodes; i++)
    {
      g_autofree char *id = g_strdup_printf ("n%04u", i);
      Column *column = &columns[node_columns[i]];
      double sum = column->cumulative->len > 0
        ? g_array_index (column->cumulative, double, column->cumulative->len - 1)
        : 0;

      ls_sankey_graph_add_node (graph, id, node_columns[i], NULL);
      sizes[i] = pareto (rand);
      sum += sizes[i];
      g_array_append_val (column->members, i);
      g_array_append_val (column->cumulative, sum);
    }

  /* Everyone sells to someone, and everyone past the mines buys. */
  for (guint i = 0; i < n_nodes; i++)
    {
      guint c = node_columns[i];

      if (c + 1 < n_columns)
        {
          guint target = pick (rand, &columns[c + 1]);

          add_link (graph, pairs, rand, sizes, i, target);
          has_input[target] = TRUE;
        }
    }
  for (guint i = 0; i < n_nodes; i++)
    {
      if (node_columns[i] > 0 && !has_input[i])
        {
          add_link (graph, pairs, rand, sizes, pick (rand, &columns[node_columns[i] - 1]), i);
          has_input[i] = TRUE;
        }
    }

  /* The rest between big partners, preferentially. */
  for (guint attempts = 0;
       ls_sankey_graph_get_n_links (graph) < n_links && attempts < 100 * n_links;
       attempts++)
    {
      guint c = g_rand_int_range (rand, 0, n_columns - 1);

      add_link (graph, pairs, rand, sizes, pick (rand, &columns[c]), pick (rand, &columns[c + 1]));
    }

  for (guint c = 0; c < n_columns; c++)
    {
      g_array_unref (columns[c].members);
      g_array_unref (columns[c].cumulative);
    }

  return graph;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double da = *(const double *)a;
  double db = *(const double *)b;

  return da < db ? -1 : (da > db);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);

  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* How far links slant: the value-weighted mean of |y1 − y0| (px). */
static double
mean_slant (LsSankeyGraph *graph,
            const double  *link_y0,
            const double  *link_y1)
{
  double sum = 0, weight = 0;

  for (guint l = 0; l < ls_sankey_graph_get_n_links (graph); l++)
    {
      double value = ls_sankey_graph_get_link_value (graph, l);

      sum += value * fabs (link_y1[l] - link_y0[l]);
      weight += value;
    }

  return weight > 0 ? sum / weight : 0;
}

typedef struct
{
  guint n_nodes;
  guint n_columns;
} Config;

int
main (int    argc,
      char **argv)
{
  static const Config configs[] = {
    { 50, 5 }, { 100, 6 }, { 250, 7 }, { 500, 8 }, { 1000, 5 }, { 1000, 8 },
  };
  static const guint32 seeds[] = { 1, 2, 3 };
  LsSankeyLayoutOptions opts;
  gboolean ok = TRUE;
  double worst_ratio = 0;
  double ratio_log_sum = 0;
  guint n_ratios = 0;

  ls_sankey_layout_options_init (&opts);
  opts.width = WIDTH;
  opts.height = HEIGHT;
  opts.node_width = NODE_WIDTH;
  opts.min_gap = GAP;

  printf ("Sankey layout: LsSankeyLayout vs a d3-sankey-style baseline (%g×%g, gap %g)\n",
          WIDTH, HEIGHT, GAP);
  printf ("weighted crossings = Σ value_a × value_b over crossing link pairs (n: plain count);\n"
          "times are medians (and our fastest run: others' load shows in medians);\n"
          "slant = value-weighted mean |y1 − y0| of links\n\n");
  printf ("%5s %5s %4s %4s | %8s %8s %8s | %13s %13s %7s | %7s %7s | %6s %6s\n",
          "nodes", "links", "cols", "seed", "ours ms", "min", "d3 ms",
          "ours w.cross", "d3 w.cross", "ratio", "ours n", "d3 n", "ours", "d3");
  printf ("%5s %5s %4s %4s | %8s %8s %8s | %13s %13s %7s | %7s %7s | %13s\n",
          "", "", "", "", "", "", "", "", "", "", "", "", "slant px");
  printf ("----------------------+----------------------------+"
          "-------------------------------------+-----------------+--------------\n");

  for (guint i = 0; i < G_N_ELEMENTS (configs); i++)
    {
      for (guint k = 0; k < G_N_ELEMENTS (seeds); k++)
        {
          g_autoptr(LsSankeyGraph) graph = NULL;
          g_autoptr(LsSankeyLayout) layout = NULL;
          g_autoptr(D3SankeyBaseline) baseline = NULL;
          g_autofree double *link_y0 = NULL;
          g_autofree double *link_y1 = NULL;
          double our_times[11];
          double d3_times[5];
          double ours, theirs, geometric, ratio;
          double our_median, our_min, their_median;
          guint64 our_count, their_count, geometric_count;
          guint n_links;

          graph = generate_graph (configs[i].n_nodes, configs[i].n_columns,
                                  3 * configs[i].n_nodes, seeds[k] * 7919 + configs[i].n_nodes);
          n_links = ls_sankey_graph_get_n_links (graph);

          for (guint r = 0; r < G_N_ELEMENTS (our_times); r++)
            {
              gint64 start = g_get_monotonic_time ();

              g_clear_object (&layout);
              layout = ls_sankey_layout_compute (graph, &opts);
              our_times[r] = (g_get_monotonic_time () - start) / 1000.0;
            }

          for (guint r = 0; r < G_N_ELEMENTS (d3_times); r++)
            {
              gint64 start = g_get_monotonic_time ();

              g_clear_pointer (&baseline, d3_sankey_baseline_free);
              baseline = d3_sankey_baseline_compute (graph, WIDTH, HEIGHT, NODE_WIDTH, GAP,
                                                     D3_ITERATIONS);
              d3_times[r] = (g_get_monotonic_time () - start) / 1000.0;
            }

          ours = ls_sankey_layout_weighted_crossings (layout, &our_count);
          theirs = d3_sankey_baseline_weighted_crossings (graph, baseline->link_y0,
                                                          baseline->link_y1, &their_count);

          /* Our count from the order must match the geometry drawn. */
          link_y0 = g_new (double, n_links);
          link_y1 = g_new (double, n_links);
          for (guint l = 0; l < n_links; l++)
            ls_sankey_layout_get_link (layout, l, NULL, &link_y0[l], &link_y1[l]);
          geometric = d3_sankey_baseline_weighted_crossings (graph, link_y0, link_y1,
                                                             &geometric_count);
          if (geometric_count != our_count || fabs (geometric - ours) > 1e-9 * MAX (ours, 1))
            {
              printf ("MISMATCH: crossings from the order %g (%" G_GUINT64_FORMAT
                      "), from the geometry %g (%" G_GUINT64_FORMAT ")\n",
                      ours, our_count, geometric, geometric_count);
              ok = FALSE;
            }

          ratio = theirs > 0 ? ours / theirs : (ours > 0 ? INFINITY : 0);
          our_median = median (our_times, G_N_ELEMENTS (our_times));
          our_min = our_times[0];  /* sorted by median () */
          their_median = median (d3_times, G_N_ELEMENTS (d3_times));
          printf ("%5u %5u %4u %4u | %8.2f %8.2f %8.2f | %13.6g %13.6g %6.2f%% | "
                  "%7" G_GUINT64_FORMAT " %7" G_GUINT64_FORMAT " | %6.1f %6.1f\n",
                  configs[i].n_nodes, n_links, configs[i].n_columns, seeds[k],
                  our_median, our_min, their_median,
                  ours, theirs, 100 * ratio, our_count, their_count,
                  mean_slant (graph, link_y0, link_y1),
                  mean_slant (graph, baseline->link_y0, baseline->link_y1));

          if (theirs > 0 && !(ours < theirs))
            ok = FALSE;
          if (theirs > 0)
            {
              worst_ratio = MAX (worst_ratio, ratio);
              ratio_log_sum += log (MAX (ratio, 1e-12));
              n_ratios++;
            }
        }
    }

  printf ("\nours / d3 weighted crossings: geometric mean %.2f%%, worst %.2f%%\n",
          n_ratios > 0 ? 100 * exp (ratio_log_sum / n_ratios) : 0, 100 * worst_ratio);
  printf ("%s\n", ok ? "OK: fewer weighted crossings than the baseline on every graph"
                     : "FAIL: see above");

  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
