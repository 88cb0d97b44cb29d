/* bench-sankey-layout.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "d3-sankey-baseline.h"
#include "ls-render-sankey.h"
#include "ls-result.h"
#include "ls-sankey-layout.h"
#include "ls-scenario.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* Three parts, one run:
 *
 *  1. Seeded, layered, supply-chain-like graphs of 50 to 1,000 nodes laid
 *     out with LsSankeyLayout and with a d3-sankey-style baseline: the time
 *     and the crossings weighted by flow (value_a × value_b per crossing
 *     pair) of each. Targets: fewer weighted crossings than the baseline on
 *     every graph that has any; the two ways of counting crossings agree;
 *     1,000 nodes laid out in under 20 ms (median).
 *
 *  2. The heuristic against the exact solver (the integer program, GLPK) on
 *     seeded random layered graphs of 9–12 nodes per layer and 2–12 layers,
 *     and on graphs built to have a crossing-free order, their input order
 *     shuffled. Targets: weighted crossings within 5 % of the optimum on
 *     average, never above 1.5×, and a crossing-free order whenever one
 *     exists; every optimum proven.
 *
 *  3. The exact solver on the graphs of the shipped data, built as the app
 *     builds its figure: every preset in data/scenarios, every year of the
 *     dataset. Target: optimality proven within 2 s on each.
 *
 * Exits 1 when a target is missed, and says which. */

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

/* Part 1. */
static gboolean
compare_with_d3 (void)
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
  double slowest_1000 = 0;

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
          if (configs[i].n_nodes == 1000)
            slowest_1000 = MAX (slowest_1000, our_median);
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
                     : "MISSED: fewer weighted crossings than the baseline on every graph (see above)");
  if (slowest_1000 < 20)
    printf ("OK: 1,000 nodes in %.1f ms at most (median), target < 20 ms\n", slowest_1000);
  else
    printf ("MISSED: 1,000 nodes took %.1f ms (median), target < 20 ms\n", slowest_1000);

  return ok && slowest_1000 < 20;
}

/* Part 2. */

/* Enough for the solver to prove every optimum of these graphs. */
#define EXACT_TIME_LIMIT 600.0
#define MIN_LAYERS 2
#define MAX_LAYERS 12
#define RANDOM_PER_SIZE 4
#define CROSSING_FREE_PER_SIZE 2
#define HEURISTIC_RUNS 5

/* This thread's CPU time: others' load on a shared machine disturbs it
 * less than wall-clock time, and GLPK runs in this thread too. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);

  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* @n_layers layers of 9 to 12 nodes, added to the graph in a shuffled
 * order, as the layout starts from the input order. Random graphs: each
 * node links to 1 (60 %), 2 (30 %) or 3 (10 %) random nodes of the next
 * layer, and a node left without input gets one from a random node of the
 * layer before. Crossing-free graphs: between two layers, the links of a
 * staircase walk from both first nodes to both last ones (each step to the
 * next node of either layer or both), each kept with probability 0.8, so
 * the layers' own order has no crossing. Link values e^U(−2, 3), a 150-fold
 * spread, as trade flows have. */
static LsSankeyGraph *
layered_graph (guint    n_layers,
               guint32  seed,
               gboolean crossing_free)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (guint));
  LsSankeyGraph *graph = ls_sankey_graph_new ();
  guint sizes[MAX_LAYERS];
  guint ids[MAX_LAYERS][12];

  g_assert (n_layers <= MAX_LAYERS);
  ls_sankey_graph_set_extent (graph, WIDTH, HEIGHT);

  for (guint l = 0; l < n_layers; l++)
    {
      sizes[l] = g_rand_int_range (rand, 9, 13);
      for (guint i = 0; i < sizes[l]; i++)
        {
          guint slot = l * 12 + i;

          g_array_append_val (slots, slot);
        }
    }
  for (guint i = slots->len; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i);
      guint t = g_array_index (slots, guint, i - 1);

      g_array_index (slots, guint, i - 1) = g_array_index (slots, guint, j);
      g_array_index (slots, guint, j) = t;
    }
  for (guint k = 0; k < slots->len; k++)
    {
      guint slot = g_array_index (slots, guint, k);
      g_autofree char *id = g_strdup_printf ("L%u-%u", slot / 12, slot % 12);

      ids[slot / 12][slot % 12] = ls_sankey_graph_add_node (graph, id, slot / 12, NULL);
    }

  for (guint l = 0; l + 1 < n_layers; l++)
    {
      if (crossing_free)
        {
          guint i = 0, j = 0;

          while (TRUE)
            {
              if (g_rand_double (rand) < 0.8)
                ls_sankey_graph_add_link (graph, ids[l][i], ids[l + 1][j],
                                          exp (g_rand_double_range (rand, -2, 3)));
              if (i + 1 == sizes[l] && j + 1 == sizes[l + 1])
                break;
              if (i + 1 == sizes[l])
                j++;
              else if (j + 1 == sizes[l + 1])
                i++;
              else
                switch (g_rand_int_range (rand, 0, 3))
                  {
                  case 0:
                    i++;
                    break;
                  case 1:
                    j++;
                    break;
                  default:
                    i++;
                    j++;
                  }
            }
        }
      else
        {
          gboolean has_input[12] = { FALSE };

          for (guint i = 0; i < sizes[l]; i++)
            {
              double u = g_rand_double (rand);
              guint degree = u < 0.6 ? 1 : u < 0.9 ? 2 : 3;

              for (guint k = 0; k < degree; k++)
                {
                  guint j = g_rand_int_range (rand, 0, sizes[l + 1]);

                  has_input[j] = TRUE;
                  ls_sankey_graph_add_link (graph, ids[l][i], ids[l + 1][j],
                                            exp (g_rand_double_range (rand, -2, 3)));
                }
            }
          for (guint j = 0; j < sizes[l + 1]; j++)
            if (!has_input[j])
              ls_sankey_graph_add_link (graph, ids[l][g_rand_int_range (rand, 0, sizes[l])],
                                        ids[l + 1][j], exp (g_rand_double_range (rand, -2, 3)));
        }
    }

  return graph;
}

static const char *
status_name (LsSankeyOrderStatus status)
{
  switch (status)
    {
    case LS_SANKEY_ORDER_HEURISTIC:
      return "heuristic";
    case LS_SANKEY_ORDER_OPTIMAL:
      return "optimal";
    case LS_SANKEY_ORDER_TIME_LIMIT:
      return "time limit";
    case LS_SANKEY_ORDER_CANCELLED:
      return "cancelled";
    case LS_SANKEY_ORDER_TOO_LARGE:
      return "too large";
    default:
      return "?";
    }
}

typedef struct
{
  double weight;
  double cpu_ms;
} Run;

/* The heuristic's weighted crossings and its median CPU time over @runs. */
static Run
run_heuristic (LsSankeyGraph *graph,
               guint          runs)
{
  g_autofree double *times = g_new (double, runs);
  LsSankeyLayoutOptions opts;
  Run run = { 0 };

  ls_sankey_layout_options_init (&opts);
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(LsSankeyLayout) layout = NULL;
      double start = thread_cpu_ms ();

      layout = ls_sankey_layout_compute (graph, &opts);
      times[r] = thread_cpu_ms () - start;
      run.weight = ls_sankey_layout_weighted_crossings (layout, NULL);
    }
  run.cpu_ms = median (times, runs);

  return run;
}

static Run
run_exact (LsSankeyGraph       *graph,
           double               time_limit,
           LsSankeyOrderStatus *status)
{
  g_autoptr(LsSankeyLayout) layout = NULL;
  LsSankeyLayoutOptions opts;
  Run run;
  double start = thread_cpu_ms ();

  ls_sankey_layout_options_init (&opts);
  opts.exact = TRUE;
  opts.time_limit = time_limit;
  layout = ls_sankey_layout_compute (graph, &opts);
  run.cpu_ms = thread_cpu_ms () - start;
  run.weight = ls_sankey_layout_weighted_crossings (layout, NULL);
  *status = ls_sankey_layout_get_order_status (layout);

  return run;
}

/* Part 2. */
static gboolean
compare_with_exact (void)
{
  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) heuristic_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) exact_ms = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_graphs = 0, n_proven = 0, n_zero = 0, n_zero_found = 0, n_optimal = 0;
  double ratio_sum = 0, worst = 0, mean, median_ratio, heuristic_median, exact_median;
  gboolean ok = TRUE;

  printf ("\nThe heuristic against the exact optimum (integer program, GLPK; time limit %g s)\n"
          "on random layered graphs, %u to %u nodes a layer, %u to %u layers (\"free\": built to\n"
          "have a crossing-free order); CPU times of this thread, the heuristic's the median of %u\n\n",
          EXACT_TIME_LIMIT, 9, 12, MIN_LAYERS, MAX_LAYERS, HEURISTIC_RUNS);
  printf ("%6s %5s %5s %6s | %12s %9s | %12s %10s %10s | %7s\n",
          "layers", "nodes", "links", "kind", "heuristic", "ms", "optimum", "status", "ms", "ratio");
  printf ("-------------------------+------------------------+"
          "-------------------------------------+--------\n");

  for (guint layers = MIN_LAYERS; layers <= MAX_LAYERS; layers++)
    {
      for (guint k = 0; k < RANDOM_PER_SIZE + CROSSING_FREE_PER_SIZE; k++)
        {
          gboolean crossing_free = k >= RANDOM_PER_SIZE;
          g_autoptr(LsSankeyGraph) graph = layered_graph (layers, 1000 * layers + k, crossing_free);
          LsSankeyOrderStatus status;
          Run heuristic, exact;
          double ratio;

          heuristic = run_heuristic (graph, HEURISTIC_RUNS);
          exact = run_exact (graph, EXACT_TIME_LIMIT, &status);
          n_graphs++;
          g_array_append_val (heuristic_ms, heuristic.cpu_ms);
          g_array_append_val (exact_ms, exact.cpu_ms);

          if (exact.weight > 0)
            ratio = heuristic.weight / exact.weight;
          else
            ratio = heuristic.weight > 0 ? INFINITY : 1;

          printf ("%6u %5u %5u %6s | %12.6g %9.2f | %12.6g %10s %10.1f | %7.4f%s\n",
                  layers, ls_sankey_graph_get_n_nodes (graph), ls_sankey_graph_get_n_links (graph),
                  crossing_free ? "free" : "random", heuristic.weight, heuristic.cpu_ms,
                  exact.weight, status_name (status), exact.cpu_ms, ratio,
                  crossing_free && exact.weight > 0 ? "  (not crossing-free!)" : "");

          if (status != LS_SANKEY_ORDER_OPTIMAL)
            {
              ok = FALSE;
              continue;
            }
          n_proven++;
          if (heuristic.weight <= exact.weight * (1 + 1e-9))
            n_optimal++;
          if (exact.weight == 0)
            {
              n_zero++;
              n_zero_found += heuristic.weight == 0;
              continue;
            }
          g_array_append_val (ratios, ratio);
          ratio_sum += ratio;
          worst = MAX (worst, ratio);
        }
    }

  mean = ratios->len > 0 ? ratio_sum / ratios->len : 1;
  median_ratio = ratios->len > 0 ? median ((double *)(gpointer)ratios->data, ratios->len) : 1;

  printf ("\n%u graphs, %u optima proven; the heuristic found the optimum on %u\n",
          n_graphs, n_proven, n_optimal);
  printf ("heuristic / optimum on the %u with crossings: mean %.4f, median %.4f, worst %.4f\n",
          ratios->len, mean, median_ratio, worst);
  printf ("crossing-free orders: %u of %u found\n", n_zero_found, n_zero);
  /* median () sorts, so the maximum is last after it. */
  heuristic_median = median ((double *)(gpointer)heuristic_ms->data, heuristic_ms->len);
  exact_median = median ((double *)(gpointer)exact_ms->data, exact_ms->len);
  printf ("CPU ms, heuristic: median %.2f, max %.2f; exact: median %.1f, max %.1f\n",
          heuristic_median, g_array_index (heuristic_ms, double, heuristic_ms->len - 1),
          exact_median, g_array_index (exact_ms, double, exact_ms->len - 1));

  if (n_proven < n_graphs)
    printf ("MISSED: %u optima not proven within %g s: their ratios are left out\n",
            n_graphs - n_proven, EXACT_TIME_LIMIT);
  if (mean <= 1.05)
    printf ("OK: mean ratio %.4f, target ≤ 1.05\n", mean);
  else
    printf ("MISSED: mean ratio %.4f, target ≤ 1.05\n", mean);
  if (worst <= 1.5)
    printf ("OK: worst ratio %.4f, target ≤ 1.5\n", worst);
  else
    printf ("MISSED: worst ratio %.4f, target ≤ 1.5\n", worst);
  if (n_zero_found == n_zero)
    printf ("OK: a crossing-free order found on all %u graphs that have one\n", n_zero);
  else
    printf ("MISSED: a crossing-free order found on %u of the %u graphs that have one\n",
            n_zero_found, n_zero);

  return ok && mean <= 1.05 && worst <= 1.5 && n_zero_found == n_zero;
}

/* Part 3. */

#define SHIPPED_TIME_LIMIT 2.0

/* The graph the app lays out for a figure, as ls_sankey_figure_new ()
 * builds it, at this benchmark's extent. */
static LsSankeyGraph *
figure_graph (const LsSankeyFigure *figure)
{
  LsSankeyGraph *graph = ls_sankey_figure_dup_graph (figure);

  ls_sankey_graph_set_extent (graph, WIDTH, HEIGHT);

  return graph;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

static gboolean
shipped_data (const char *scenario_dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsDataset) dataset = ls_dataset_new_default (&error);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  const int *years;
  guint n_years, n_graphs = 0, n_proven = 0;
  double slowest = 0;
  LsRenderStyle style;
  const char *name;

  printf ("\nThe exact solver on the shipped data's graphs (time limit %g s each): every preset\n"
          "in %s, every year; the figure's graph as the app builds it\n\n",
          SHIPPED_TIME_LIMIT, scenario_dir);

  if (dataset == NULL || !(dir = g_dir_open (scenario_dir, 0, &error)))
    {
      printf ("MISSED: %s\n", error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (files, g_strdup (name));
  g_ptr_array_sort (files, compare_strings);

  years = ls_dataset_get_years (dataset, &n_years);
  ls_render_style_init (&style, FALSE);

  printf ("%-36s %4s | %5s %5s | %12s %7s | %12s %10s %8s\n",
          "preset", "year", "nodes", "links", "heuristic", "ms", "optimum", "status", "ms");
  printf ("------------------------------------------+-------------+----------------------+"
          "----------------------------------\n");

  for (guint f = 0; f < files->len; f++)
    for (guint y = 0; y < n_years; y++)
      {
        g_autofree char *path = g_build_filename (scenario_dir, files->pdata[f], NULL);
        g_autoptr(GFile) file = g_file_new_for_path (path);
        g_autoptr(LsScenario) scenario = NULL;
        g_autoptr(LsResult) result = NULL;
        g_autoptr(LsSankeyGraph) graph = NULL;
        LsSankeyFigure *figure;
        LsSankeyOrderStatus status;
        Run heuristic, exact;

        if (!(scenario = ls_scenario_new_from_file (file, NULL, &error)))
          {
            printf ("MISSED: %s\n", error->message);
            return FALSE;
          }
        ls_scenario_set_year (scenario, years[y]);
        if (!(result = ls_result_new (dataset, scenario, &error)))
          {
            printf ("MISSED: %s %d: %s\n", (const char *)files->pdata[f], years[y], error->message);
            return FALSE;
          }
        figure = ls_sankey_figure_new (result, &style, 1280, 800, NULL);
        graph = figure_graph (figure);
        ls_sankey_figure_unref (figure);

        heuristic = run_heuristic (graph, HEURISTIC_RUNS);
        exact = run_exact (graph, SHIPPED_TIME_LIMIT, &status);
        n_graphs++;
        n_proven += status == LS_SANKEY_ORDER_OPTIMAL && exact.cpu_ms <= 1000 * SHIPPED_TIME_LIMIT;
        slowest = MAX (slowest, exact.cpu_ms);

        printf ("%-36s %4d | %5u %5u | %12.6g %7.2f | %12.6g %10s %8.1f\n",
                (const char *)files->pdata[f], years[y],
                ls_sankey_graph_get_n_nodes (graph), ls_sankey_graph_get_n_links (graph),
                heuristic.weight, heuristic.cpu_ms, exact.weight, status_name (status), exact.cpu_ms);
      }

  printf ("\n%u graphs; optimality proven within %g s on %u; slowest exact solve %.1f ms\n",
          n_graphs, SHIPPED_TIME_LIMIT, n_proven, slowest);
  if (n_graphs > 0 && n_proven == n_graphs)
    printf ("OK: every shipped graph solved to proven optimality within %g s\n", SHIPPED_TIME_LIMIT);
  else
    printf ("MISSED: %u of %u shipped graphs not proven optimal within %g s\n",
            n_graphs - n_proven, n_graphs, SHIPPED_TIME_LIMIT);

  return n_graphs > 0 && n_proven == n_graphs;
}

int
main (int    argc,
      char **argv)
{
  gboolean ok = TRUE;

  if (argc != 2)
    {
      g_printerr ("usage: %s SCENARIO-DIRECTORY\n", argv[0]);
      return 2;
    }

  ok &= compare_with_d3 ();
  ok &= compare_with_exact ();
  ok &= shipped_data (argv[1]);

  printf ("\n%s\n", ok ? "OK: every target met" : "MISSED: see the targets above");

  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
