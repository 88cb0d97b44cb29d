/* ls-ranges.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-ranges"

#include "config.h"

#include "ls-ranges-private.h"
#include "ls-boxed-private.h"
#include "ls-baseline-private.h"

#include <math.h>
#include <stdlib.h>

/*
 * The ranges of derived shares. Every figure of the dataset with a range
 * (low, high) is drawn from a triangular distribution with its mode at the
 * figure's value; each draw is completed and rebalanced under the same
 * scenario; a derived figure's range is the 5th to the 95th percentile of
 * its draws, widened to include its value. Draws are seeded, so the same
 * data and scenario always give the same ranges. A dataset without ranges
 * is not drawn at all: every range is the value itself (src/model/README.md
 * "Ranges").
 */

#define SEED 20261205u

/* Metrics kept per stage, each with one value per draw. */
enum
{
  M_DEPENDENCY,
  M_BLOC,
  M_CHINA,
  M_REST,
  M_NEED,
  M_NEED_MEMBERS,
  M_NEED_CHINA,
  M_NEED_OTHER,
  M_NEED_UNMET,
  N_STAGE_METRICS
};

typedef struct
{
  double low;
  double high;
} Range;

struct _LsRanges
{
  gatomicrefcount ref_count;
  guint           n_stages;
  guint           n_countries;
  guint           n_samples;
  gboolean        exact;
  Range          *stage;  /* S × N_STAGE_METRICS */
  Range          *share;  /* S × C */
  gboolean       *defined;  /* S: dependency and need split defined */
};

LS_DEFINE_BOXED_TYPE (LsRanges, ls_ranges, ls_ranges_ref, ls_ranges_unref)

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The 5th and 95th percentiles of @values (sorted in place), widened to
 * include @point; NaN values (undefined in a draw) are left out. */
void
_ls_ranges_percentiles (double *values,
                        guint   n_values,
                        double  point,
                        double *low,
                        double *high)
{
  guint n = 0;

  for (guint k = 0; k < n_values; k++)
    if (!isnan (values[k]))
      values[n++] = values[k];

  *low = point;
  *high = point;
  if (n == 0)
    return;

  qsort (values, n, sizeof (double), compare_doubles);
  *low = MIN (point, values[(guint) floor (0.05 * (n - 1))]);
  *high = MAX (point, values[(guint) ceil (0.95 * (n - 1))]);
}

/**
 * _ls_ranges_sample:
 * @scenario: not to be changed during the call (a worker thread gets a
 *   copy)
 *
 * Draws @n_samples datasets from the ranges of @baseline's figures,
 * rebalances each under @scenario and hands each result to @func.
 *
 * Returns: %FALSE when cancelled or the scenario does not fit the data
 */
gboolean
_ls_ranges_sample (LsBaseline    *baseline,
                   LsScenario    *scenario,
                   guint          n_samples,
                   GCancellable  *cancellable,
                   LsSampleFunc   func,
                   gpointer       user_data,
                   GError       **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  const LsInputs *inputs = _ls_baseline_get_inputs (baseline);

  for (guint k = 0; k < n_samples; k++)
    {
      g_autoptr(LsBaseline) drawn = NULL;
      g_autoptr(LsResult) result = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      drawn = _ls_baseline_new_from_inputs (ls_baseline_get_dataset (baseline),
                                            ls_baseline_get_year (baseline),
                                            _ls_inputs_sample (inputs, rand));
      if (!(result = ls_result_new_for_baseline (drawn, scenario, error)))
        return FALSE;

      func (result, k, user_data);
    }

  return TRUE;
}

typedef struct
{
  LsRanges *ranges;
  double   *stage_values;  /* S × N_STAGE_METRICS × n_samples */
  double   *share_values;  /* S × C × n_samples */
} Collect;

static void
stage_metrics (LsResult *result,
               guint     s,
               double   *m)
{
  LsNeedSplit split;
  double dependency;

  m[M_DEPENDENCY] = ls_result_get_dependency (result, s, &dependency) ? dependency : NAN;
  m[M_BLOC] = ls_result_get_bloc_share (result, s);
  m[M_CHINA] = ls_result_get_china_share (result, s);
  m[M_REST] = ls_result_get_rest_share (result, s);

  if (ls_result_get_need_split (result, s, &split))
    {
      m[M_NEED] = split.need;
      m[M_NEED_MEMBERS] = split.members / split.need;
      m[M_NEED_CHINA] = split.china / split.need;
      m[M_NEED_OTHER] = split.other / split.need;
      m[M_NEED_UNMET] = split.unmet / split.need;
    }
  else
    {
      for (guint k = M_NEED; k <= M_NEED_UNMET; k++)
        m[k] = NAN;
    }
}

static void
collect (LsResult *result,
         guint     sample,
         gpointer  user_data)
{
  Collect *c = user_data;
  LsRanges *r = c->ranges;
  double m[N_STAGE_METRICS];

  for (guint s = 0; s < r->n_stages; s++)
    {
      stage_metrics (result, s, m);
      for (guint k = 0; k < N_STAGE_METRICS; k++)
        c->stage_values[((gsize) s * N_STAGE_METRICS + k) * r->n_samples + sample] = m[k];

      for (guint country = 0; country < r->n_countries; country++)
        c->share_values[((gsize) s * r->n_countries + country) * r->n_samples + sample] =
          ls_result_get_share (result, s, country);
    }
}

/**
 * ls_ranges_new:
 * @baseline: the baseline of the scenario's year
 * @scenario: the scenario (not changed during the call)
 * @n_samples: the number of draws, e.g. %LS_RANGES_DEFAULT_SAMPLES
 * @cancellable: (nullable): checked between draws
 * @error: return location for a #GError
 *
 * Propagates the ranges of the dataset's figures to the derived shares of
 * @scenario. Slow (a complete rebalance per draw): the app runs it in a
 * worker thread.
 *
 * Returns: (transfer full) (nullable): the ranges
 */
LsRanges *
ls_ranges_new (LsBaseline    *baseline,
               LsScenario    *scenario,
               guint          n_samples,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(LsRanges) self = NULL;
  g_autoptr(LsResult) point = NULL;
  g_autofree double *stage_values = NULL;
  g_autofree double *share_values = NULL;
  LsDataset *dataset;
  guint S;
  guint C;

  g_return_val_if_fail (baseline != NULL, NULL);
  g_return_val_if_fail (LS_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (n_samples > 0, NULL);

  if (!(point = ls_result_new_for_baseline (baseline, scenario, error)))
    return NULL;

  dataset = ls_baseline_get_dataset (baseline);
  S = ls_dataset_get_n_stages (dataset);
  C = ls_dataset_get_n_countries (dataset);

  self = g_new0 (LsRanges, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->n_stages = S;
  self->n_countries = C;
  self->exact = !_ls_inputs_has_ranges (_ls_baseline_get_inputs (baseline));
  self->n_samples = self->exact ? 0 : n_samples;
  self->stage = g_new0 (Range, (gsize) S * N_STAGE_METRICS);
  self->share = g_new0 (Range, (gsize) S * C);
  self->defined = g_new0 (gboolean, S);

  if (!self->exact)
    {
      Collect c;

      stage_values = g_new (double, (gsize) S * N_STAGE_METRICS * n_samples);
      share_values = g_new (double, (gsize) S * C * n_samples);
      c = (Collect) { self, stage_values, share_values };

      if (!_ls_ranges_sample (baseline, scenario, n_samples, cancellable, collect, &c, error))
        return NULL;
    }

  for (guint s = 0; s < S; s++)
    {
      double m[N_STAGE_METRICS];

      stage_metrics (point, s, m);
      self->defined[s] = !isnan (m[M_DEPENDENCY]) || !isnan (m[M_NEED]);

      for (guint k = 0; k < N_STAGE_METRICS; k++)
        {
          Range *range = &self->stage[s * N_STAGE_METRICS + k];

          if (self->exact || isnan (m[k]))
            *range = (Range) { m[k], m[k] };
          else
            _ls_ranges_percentiles (&stage_values[((gsize) s * N_STAGE_METRICS + k) * n_samples],
                                    n_samples, m[k], &range->low, &range->high);
        }

      for (guint c = 0; c < C; c++)
        {
          Range *range = &self->share[s * C + c];
          double value = ls_result_get_share (point, s, c);

          if (self->exact)
            *range = (Range) { value, value };
          else
            _ls_ranges_percentiles (&share_values[((gsize) s * C + c) * n_samples],
                                    n_samples, value, &range->low, &range->high);
        }
    }

  return g_steal_pointer (&self);
}

LsRanges *
ls_ranges_ref (LsRanges *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ls_ranges_unref (LsRanges *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->stage);
  g_free (self->share);
  g_free (self->defined);
  g_free (self);
}

/**
 * ls_ranges_get_n_samples:
 *
 * Returns: the number of draws made; 0 when the data has no ranges
 */
guint
ls_ranges_get_n_samples (const LsRanges *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_samples;
}

/**
 * ls_ranges_is_exact:
 *
 * Returns: %TRUE when no figure of the data has a range, so that every
 *   range is its value
 */
gboolean
ls_ranges_is_exact (const LsRanges *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->exact;
}

static const Range *
stage_range (const LsRanges *self,
             guint           stage,
             guint           metric)
{
  return &self->stage[stage * N_STAGE_METRICS + metric];
}

static void
get_stage (const LsRanges *self,
           guint           stage,
           guint           metric,
           double         *low,
           double         *high)
{
  const Range *range;

  g_return_if_fail (self != NULL);
  g_return_if_fail (stage < self->n_stages);

  range = stage_range (self, stage, metric);
  *low = range->low;
  *high = range->high;
}

/**
 * ls_ranges_get_dependency:
 *
 * Returns: %FALSE when the dependency is undefined (the bloc takes in
 *   none of the stage's material)
 */
gboolean
ls_ranges_get_dependency (const LsRanges *self,
                          guint           stage,
                          double         *low,
                          double         *high)
{
  *low = *high = 0.0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (stage < self->n_stages, FALSE);

  if (isnan (stage_range (self, stage, M_DEPENDENCY)->low))
    return FALSE;

  get_stage (self, stage, M_DEPENDENCY, low, high);
  return TRUE;
}

void
ls_ranges_get_share (const LsRanges *self,
                     guint           stage,
                     guint           country,
                     double         *low,
                     double         *high)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (stage < self->n_stages);
  g_return_if_fail (country < self->n_countries);

  *low = self->share[stage * self->n_countries + country].low;
  *high = self->share[stage * self->n_countries + country].high;
}

void
ls_ranges_get_bloc_share (const LsRanges *self,
                          guint           stage,
                          double         *low,
                          double         *high)
{
  get_stage (self, stage, M_BLOC, low, high);
}

void
ls_ranges_get_china_share (const LsRanges *self,
                           guint           stage,
                           double         *low,
                           double         *high)
{
  get_stage (self, stage, M_CHINA, low, high);
}

void
ls_ranges_get_rest_share (const LsRanges *self,
                          guint           stage,
                          double         *low,
                          double         *high)
{
  get_stage (self, stage, M_REST, low, high);
}

/**
 * ls_ranges_get_need_split:
 * @low: (out caller-allocates): the low ends: @need in t, the other
 *   members as fractions of the need
 * @high: (out caller-allocates): the high ends, likewise
 *
 * Returns: %FALSE when the bloc needs none of the stage's material
 */
gboolean
ls_ranges_get_need_split (const LsRanges *self,
                          guint           stage,
                          LsNeedSplit    *low,
                          LsNeedSplit    *high)
{
  *low = *high = (LsNeedSplit) { 0 };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (stage < self->n_stages, FALSE);

  if (isnan (stage_range (self, stage, M_NEED)->low))
    return FALSE;

  get_stage (self, stage, M_NEED, &low->need, &high->need);
  get_stage (self, stage, M_NEED_MEMBERS, &low->members, &high->members);
  get_stage (self, stage, M_NEED_CHINA, &low->china, &high->china);
  get_stage (self, stage, M_NEED_OTHER, &low->other, &high->other);
  get_stage (self, stage, M_NEED_UNMET, &low->unmet, &high->unmet);
  return TRUE;
}
