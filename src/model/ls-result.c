/* ls-result.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-result"

#include "config.h"

#include "ls-result.h"
#include "ls-boxed-private.h"
#include "ls-rebalance-private.h"

#include <string.h>

struct _LsResult
{
  gatomicrefcount    ref_count;

  LsDataset         *dataset;
  int                year;
  guint              n_stages;
  guint              n_countries;
  double             friend_shoring;
  gboolean          *members;
  guint              n_members;
  gboolean          *restricted;   /* (S − 1) × C × C */

  LsBaseline        *baseline_ref;
  const LsFlowState *baseline;     /* owned by baseline_ref */
  LsFlowState       *state;
  double            *target;       /* S × C */
  double            *shortfall;    /* S × C */

  double            *stage_total;  /* S */
  double            *bloc_share;   /* S */
  double            *china_share;  /* S */
  double            *rest_share;   /* S */
  double            *hhi;          /* S */
  double            *top3_share;   /* S */
  guint             *top3;         /* S × 3 */

  double            *intake;       /* S */
  double            *dependency;   /* S × (C + 1): share of intake by supplier */
  double            *trace;        /* S × S × (C + 1): [stage][origin stage][origin] */

  /* Per origin stage, lazily: S × C × (C + 1), [stage][country][origin]. */
  double           **country_origin;
};

LS_DEFINE_BOXED_TYPE (LsResult, ls_result, ls_result_ref, ls_result_unref)

static void
ls_result_free (LsResult *self)
{
  g_clear_object (&self->dataset);
  g_clear_pointer (&self->baseline_ref, ls_baseline_unref);
  g_free (self->members);
  g_free (self->restricted);
  g_clear_pointer (&self->state, _ls_flow_state_free);
  g_free (self->target);
  g_free (self->shortfall);
  g_free (self->stage_total);
  g_free (self->bloc_share);
  g_free (self->china_share);
  g_free (self->rest_share);
  g_free (self->hhi);
  g_free (self->top3_share);
  g_free (self->top3);
  g_free (self->intake);
  g_free (self->dependency);
  g_free (self->trace);

  if (self->country_origin != NULL)
    for (guint k = 0; k < self->n_stages; k++)
      g_free (self->country_origin[k]);
  g_free (self->country_origin);

  g_free (self);
}

LsResult *
ls_result_ref (LsResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ls_result_unref (LsResult *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    ls_result_free (self);
}

static gboolean
party_contains (LsDataset     *dataset,
                const LsParty *party,
                const gboolean *members,
                guint           country)
{
  switch (party->kind)
    {
    case LS_PARTY_BLOC:
      return members[country];

    case LS_PARTY_NON_BLOC:
      return !members[country];

    case LS_PARTY_COUNTRIES:
    default:
      for (guint i = 0; party->countries != NULL && party->countries[i] != NULL; i++)
        if (ls_dataset_lookup_country (dataset, party->countries[i]) == (int) country)
          return TRUE;
      return FALSE;
    }
}

/* Resolves the scenario's ids into the arrays the rebalance reads. */
static void
build_levers (LsDataset  *dataset,
              LsScenario *scenario,
              gboolean   *members,
              LsLevers   *levers)
{
  guint S = ls_dataset_get_n_stages (dataset);
  guint C = ls_dataset_get_n_countries (dataset);
  gsize n_pairs = (gsize) MAX (1, S - 1) * C * C;
  g_autofree gboolean *from = g_new0 (gboolean, C);
  g_autofree gboolean *to = g_new0 (gboolean, C);

  levers->n_stages = S;
  levers->n_countries = C;
  levers->members = members;
  levers->friend_shoring = ls_scenario_get_friend_shoring (scenario);
  levers->delta = g_new0 (double, S * C);
  levers->keep = g_new (double, n_pairs);
  levers->restricted = g_new0 (gboolean, n_pairs);

  for (gsize k = 0; k < n_pairs; k++)
    levers->keep[k] = 1.0;

  for (guint i = 0; i < ls_scenario_get_n_capacity_changes (scenario); i++)
    {
      const LsCapacityChange *change = ls_scenario_get_capacity_change (scenario, i);
      int s = ls_dataset_lookup_stage (dataset, change->stage);
      int c = ls_dataset_lookup_country (dataset, change->country);

      levers->delta[s * C + c] += change->delta;
    }

  for (guint r = 0; r < ls_scenario_get_n_restrictions (scenario); r++)
    {
      const LsRestriction *restriction = ls_scenario_get_restriction (scenario, r);
      guint s = ls_dataset_lookup_stage (dataset, restriction->stage);

      for (guint c = 0; c < C; c++)
        {
          from[c] = party_contains (dataset, &restriction->from, members, c);
          to[c] = party_contains (dataset, &restriction->to, members, c);
        }

      for (guint i = 0; i < C; i++)
        for (guint j = 0; j < C && from[i]; j++)
          if (to[j])
            {
              gsize k = ((gsize) s * C + i) * C + j;

              levers->keep[k] *= 1.0 - restriction->fraction;
              if (restriction->fraction > 0.0)
                levers->restricted[k] = TRUE;
            }
    }
}

static void
compute_shares (LsResult *self)
{
  guint S = self->n_stages;
  guint C = self->n_countries;
  int china = ls_dataset_get_china (self->dataset);

  for (guint s = 0; s < S; s++)
    {
      const double *P = &self->state->production[s * C];
      double total = 0.0;
      double bloc = 0.0;
      double hhi = 0.0;
      guint *top = &self->top3[s * 3];
      double top_share[3] = { -1.0, -1.0, -1.0 };

      for (guint c = 0; c < C; c++)
        total += P[c];

      self->stage_total[s] = total;
      top[0] = top[1] = top[2] = G_MAXUINT;

      if (total <= 0.0)
        continue;

      for (guint c = 0; c < C; c++)
        {
          double share = P[c] / total;

          if (self->members[c])
            bloc += share;
          hhi += share * share;

          for (guint k = 0; k < 3; k++)
            if (share > top_share[k])
              {
                for (guint m = 2; m > k; m--)
                  {
                    top_share[m] = top_share[m - 1];
                    top[m] = top[m - 1];
                  }
                top_share[k] = share;
                top[k] = c;
                break;
              }
        }

      self->bloc_share[s] = bloc;
      self->china_share[s] = china >= 0 ? P[china] / total : 0.0;
      self->rest_share[s] = 1.0 - bloc;
      if (china >= 0 && !self->members[china])
        self->rest_share[s] -= self->china_share[s];
      self->rest_share[s] = MAX (0.0, self->rest_share[s]);
      self->hhi[s] = 10000.0 * hhi;
      self->top3_share[s] = 0.0;
      for (guint k = 0; k < 3; k++)
        if (top[k] != G_MAXUINT)
          self->top3_share[s] += top_share[k];
    }
}

/* DESIGN.md "Shares reported": the bloc's dependency, and its traced
 * origin, by walking its suppliers' inputs back stage by stage. */
static void
compute_dependency_and_trace (LsResult *self)
{
  const LsFlowState *st = self->state;
  guint S = self->n_stages;
  guint C = self->n_countries;
  g_autofree double *weight = g_new0 (double, C + 1);
  g_autofree double *previous = g_new0 (double, C + 1);
  g_autofree double *in = g_new0 (double, C);

  for (guint s = 0; s + 1 < S; s++)
    {
      double intake = 0.0;
      double *dependency = &self->dependency[s * (C + 1)];

      for (guint i = 0; i <= C; i++)
        {
          weight[i] = 0.0;
          for (guint j = 0; j < C; j++)
            if (self->members[j])
              weight[i] += st->flow[LS_FLOW_INDEX (st, s, i, j)];
          intake += weight[i];
        }

      self->intake[s] = intake;
      if (intake <= 0.0)
        continue;

      for (guint i = 0; i <= C; i++)
        {
          weight[i] /= intake;
          if (i == C || !self->members[i])
            dependency[i] = weight[i];
        }

      /* Origin at stage s is the supplier itself. */
      memcpy (&self->trace[(s * S + s) * (C + 1)], weight, sizeof (double) * (C + 1));

      /* Each earlier stage: a supplier's weight splits over its own
       * suppliers in proportion to its inflows; "unknown" stays unknown. */
      for (guint k = s; k-- > 0;)
        {
          memset (previous, 0, sizeof (double) * (C + 1));
          previous[C] = weight[C];

          for (guint i = 0; i < C; i++)
            {
              in[i] = 0.0;
              for (guint h = 0; h <= C; h++)
                in[i] += st->flow[LS_FLOW_INDEX (st, k, h, i)];
            }

          for (guint i = 0; i < C; i++)
            {
              if (weight[i] <= 0.0)
                continue;

              if (in[i] <= 0.0)
                {
                  previous[C] += weight[i];
                  continue;
                }

              for (guint h = 0; h <= C; h++)
                {
                  double f = st->flow[LS_FLOW_INDEX (st, k, h, i)];

                  if (f > 0.0)
                    previous[h] += weight[i] * f / in[i];
                }
            }

          memcpy (weight, previous, sizeof (double) * (C + 1));
          memcpy (&self->trace[(s * S + k) * (C + 1)], weight, sizeof (double) * (C + 1));
        }
    }
}

static int
scenario_year (LsScenario *scenario,
               LsDataset  *dataset)
{
  int year = ls_scenario_get_year (scenario);

  return year != 0 ? year : ls_dataset_get_default_year (dataset);
}

/**
 * ls_result_new:
 * @dataset: the dataset
 * @scenario: the scenario
 * @error: return location for a #LsDataError
 *
 * Rebalances @dataset under @scenario (DESIGN.md "The model"), completing
 * the baseline of the scenario's year first. Who rebalances often keeps
 * the baseline and calls ls_result_new_for_baseline().
 *
 * Returns: (transfer full) (nullable): the result, or %NULL when the
 *   scenario names what the dataset does not have
 */
LsResult *
ls_result_new (LsDataset   *dataset,
               LsScenario  *scenario,
               GError     **error)
{
  g_autoptr(LsBaseline) baseline = NULL;
  int year;

  g_return_val_if_fail (LS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (LS_IS_SCENARIO (scenario), NULL);

  year = scenario_year (scenario, dataset);
  if (!ls_dataset_has_year (dataset, year))
    {
      g_set_error (error, LS_DATA_ERROR, LS_DATA_ERROR_UNKNOWN_ID,
                   "the dataset has no year %d", year);
      return NULL;
    }

  baseline = ls_baseline_new (dataset, year);
  return ls_result_new_for_baseline (baseline, scenario, error);
}

/**
 * ls_result_new_for_baseline:
 * @baseline: the completed baseline of the scenario's year
 * @scenario: the scenario
 * @error: return location for a #LsDataError
 *
 * Rebalances @baseline under @scenario (DESIGN.md "Rebalancing").
 *
 * Returns: (transfer full) (nullable): the result, or %NULL when the
 *   scenario names what the dataset does not have
 */
LsResult *
ls_result_new_for_baseline (LsBaseline  *baseline,
                            LsScenario  *scenario,
                            GError     **error)
{
  LsDataset *dataset;
  LsResult *self;
  LsLevers levers = { 0 };
  g_autofree gboolean *members = NULL;
  guint S;
  guint C;
  int year;

  g_return_val_if_fail (baseline != NULL, NULL);
  g_return_val_if_fail (LS_IS_SCENARIO (scenario), NULL);

  dataset = ls_baseline_get_dataset (baseline);
  year = ls_baseline_get_year (baseline);
  S = ls_dataset_get_n_stages (dataset);
  C = ls_dataset_get_n_countries (dataset);

  if (scenario_year (scenario, dataset) != year)
    {
      g_set_error (error, LS_DATA_ERROR, LS_DATA_ERROR_INCONSISTENT,
                   "the scenario is of %d, the baseline of %d",
                   scenario_year (scenario, dataset), year);
      return NULL;
    }

  members = g_new0 (gboolean, C);
  if (!ls_scenario_compute_bloc (scenario, dataset, members, error))
    return NULL;

  self = g_new0 (LsResult, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->dataset = g_object_ref (dataset);
  self->year = year;
  self->n_stages = S;
  self->n_countries = C;
  self->members = g_steal_pointer (&members);
  for (guint c = 0; c < C; c++)
    self->n_members += self->members[c] ? 1 : 0;

  build_levers (dataset, scenario, self->members, &levers);
  self->friend_shoring = levers.friend_shoring;
  self->restricted = levers.restricted;

  self->baseline_ref = ls_baseline_ref (baseline);
  self->baseline = _ls_baseline_get_state (baseline);
  self->target = g_new0 (double, S * C);
  self->shortfall = g_new0 (double, S * C);
  self->state = _ls_rebalance (_ls_baseline_get_inputs (baseline), self->baseline,
                               &levers, self->target, self->shortfall);

  g_free (levers.delta);
  g_free (levers.keep);

  self->stage_total = g_new0 (double, S);
  self->bloc_share = g_new0 (double, S);
  self->china_share = g_new0 (double, S);
  self->rest_share = g_new0 (double, S);
  self->hhi = g_new0 (double, S);
  self->top3_share = g_new0 (double, S);
  self->top3 = g_new0 (guint, S * 3);
  self->intake = g_new0 (double, S);
  self->dependency = g_new0 (double, S * (C + 1));
  self->trace = g_new0 (double, (gsize) S * S * (C + 1));

  compute_shares (self);
  compute_dependency_and_trace (self);

  return self;
}

/* Accessors ------------------------------------------------------------- */

#define CHECK_STAGE(self, stage, val) \
  G_STMT_START { \
    g_return_val_if_fail ((self) != NULL, val); \
    g_return_val_if_fail ((stage) < (self)->n_stages, val); \
  } G_STMT_END

LsDataset *
ls_result_get_dataset (const LsResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->dataset;
}

LsBaseline *
ls_result_get_baseline (const LsResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->baseline_ref;
}

int
ls_result_get_year (const LsResult *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->year;
}

guint
ls_result_get_n_stages (const LsResult *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_stages;
}

guint
ls_result_get_n_countries (const LsResult *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_countries;
}

gboolean
ls_result_is_member (const LsResult *self,
                     guint           country)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (country <= self->n_countries, FALSE);

  /* "unknown" is never in the bloc. */
  return country < self->n_countries && self->members[country];
}

guint
ls_result_get_n_members (const LsResult *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_members;
}

double
ls_result_get_friend_shoring (const LsResult *self)
{
  g_return_val_if_fail (self != NULL, 0.0);
  return self->friend_shoring;
}

gboolean
ls_result_is_restricted (const LsResult *self,
                         guint           stage,
                         guint           from,
                         guint           to)
{
  CHECK_STAGE (self, stage, FALSE);
  g_return_val_if_fail (to < self->n_countries, FALSE);

  if (stage + 1 >= self->n_stages || from >= self->n_countries)
    return FALSE;

  return self->restricted[((gsize) stage * self->n_countries + from) * self->n_countries + to];
}

double
ls_result_get_production (const LsResult *self,
                          guint           stage,
                          guint           country)
{
  CHECK_STAGE (self, stage, 0.0);
  g_return_val_if_fail (country < self->n_countries, 0.0);
  return self->state->production[stage * self->n_countries + country];
}

double
ls_result_get_baseline_production (const LsResult *self,
                                   guint           stage,
                                   guint           country)
{
  CHECK_STAGE (self, stage, 0.0);
  g_return_val_if_fail (country < self->n_countries, 0.0);
  return self->baseline->production[stage * self->n_countries + country];
}

double
ls_result_get_stage_total (const LsResult *self,
                           guint           stage)
{
  CHECK_STAGE (self, stage, 0.0);
  return self->stage_total[stage];
}

/**
 * ls_result_get_target:
 *
 * Returns: T[s][c], the output @country aims at under the scenario's
 *   capacity changes, before any shortfall
 */
double
ls_result_get_target (const LsResult *self,
                      guint           stage,
                      guint           country)
{
  CHECK_STAGE (self, stage, 0.0);
  g_return_val_if_fail (country < self->n_countries, 0.0);
  return self->target[stage * self->n_countries + country];
}

double
ls_result_get_shortfall (const LsResult *self,
                         guint           stage,
                         guint           country)
{
  CHECK_STAGE (self, stage, 0.0);
  g_return_val_if_fail (country < self->n_countries, 0.0);
  return self->shortfall[stage * self->n_countries + country];
}

double
ls_result_get_stage_shortfall (const LsResult *self,
                               guint           stage)
{
  double total = 0.0;

  CHECK_STAGE (self, stage, 0.0);

  for (guint c = 0; c < self->n_countries; c++)
    total += self->shortfall[stage * self->n_countries + c];

  return total;
}

static double
flow_cell (const LsResult    *self,
           const LsFlowState *st,
           const double      *values,
           guint              stage,
           guint              from,
           guint              to)
{
  CHECK_STAGE (self, stage, 0.0);
  g_return_val_if_fail (from <= self->n_countries, 0.0);
  g_return_val_if_fail (to < self->n_countries, 0.0);

  if (stage + 1 >= self->n_stages)
    return 0.0;

  return values[LS_FLOW_INDEX (st, stage, from, to)];
}

double
ls_result_get_flow (const LsResult *self,
                    guint           stage,
                    guint           from,
                    guint           to)
{
  return flow_cell (self, self->state, self->state->flow, stage, from, to);
}

/**
 * ls_result_get_flow_estimated:
 *
 * Returns: the part of the flow that is an estimate (completed or
 *   re-routed by the model, or a given figure marked estimated)
 */
double
ls_result_get_flow_estimated (const LsResult *self,
                              guint           stage,
                              guint           from,
                              guint           to)
{
  return flow_cell (self, self->state, self->state->estimated, stage, from, to);
}

double
ls_result_get_baseline_flow (const LsResult *self,
                             guint           stage,
                             guint           from,
                             guint           to)
{
  return flow_cell (self, self->baseline, self->baseline->flow, stage, from, to);
}

double
ls_result_get_baseline_flow_estimated (const LsResult *self,
                                       guint           stage,
                                       guint           from,
                                       guint           to)
{
  return flow_cell (self, self->baseline, self->baseline->estimated, stage, from, to);
}

double
ls_result_get_unallocated (const LsResult *self,
                           guint           stage)
{
  CHECK_STAGE (self, stage, 0.0);
  return self->state->unallocated[stage];
}

double
ls_result_get_country_unallocated (const LsResult *self,
                                   guint           stage,
                                   guint           country)
{
  CHECK_STAGE (self, stage, 0.0);
  g_return_val_if_fail (country < self->n_countries, 0.0);
  return self->state->surplus[stage * self->n_countries + country];
}

double
ls_result_get_unknown_origin (const LsResult *self,
                              guint           stage)
{
  CHECK_STAGE (self, stage, 0.0);
  return self->state->unknown_origin[stage];
}

/**
 * ls_result_get_unknown_supply:
 *
 * Returns: every flow of stage-@stage material from "unknown": the
 *   unknown origin the model adds, and the "other, not identified" part
 *   of import shares the data states
 */
double
ls_result_get_unknown_supply (const LsResult *self,
                              guint           stage)
{
  CHECK_STAGE (self, stage, 0.0);
  return self->state->unknown_supply[stage];
}

/**
 * ls_result_get_baseline_unallocated:
 *
 * Returns: max(0, U − N) of DESIGN.md "Completing the flows" step 4 for
 *   stage-@stage material
 */
double
ls_result_get_baseline_unallocated (const LsResult *self,
                                    guint           stage)
{
  CHECK_STAGE (self, stage, 0.0);
  return self->baseline->unallocated[stage];
}

double
ls_result_get_baseline_unknown_origin (const LsResult *self,
                                       guint           stage)
{
  CHECK_STAGE (self, stage, 0.0);
  return self->baseline->unknown_origin[stage];
}

double
ls_result_get_share (const LsResult *self,
                     guint           stage,
                     guint           country)
{
  CHECK_STAGE (self, stage, 0.0);
  g_return_val_if_fail (country < self->n_countries, 0.0);

  if (self->stage_total[stage] <= 0.0)
    return 0.0;

  return self->state->production[stage * self->n_countries + country] / self->stage_total[stage];
}

double
ls_result_get_bloc_share (const LsResult *self,
                          guint           stage)
{
  CHECK_STAGE (self, stage, 0.0);
  return self->bloc_share[stage];
}

double
ls_result_get_china_share (const LsResult *self,
                           guint           stage)
{
  CHECK_STAGE (self, stage, 0.0);
  return self->china_share[stage];
}

/**
 * ls_result_get_rest_share:
 *
 * Returns: the share of neither the bloc nor China (China counts in the
 *   bloc's share when it is a member)
 */
double
ls_result_get_rest_share (const LsResult *self,
                          guint           stage)
{
  CHECK_STAGE (self, stage, 0.0);
  return self->rest_share[stage];
}

/**
 * ls_result_get_hhi:
 *
 * Returns: the Herfindahl–Hirschman index of the stage's output, 0–10,000
 */
double
ls_result_get_hhi (const LsResult *self,
                   guint           stage)
{
  CHECK_STAGE (self, stage, 0.0);
  return self->hhi[stage];
}

/**
 * ls_result_get_top3_share:
 * @top3: (out caller-allocates) (array fixed-size=3) (optional): the
 *   three largest producers, G_MAXUINT where there are fewer
 *
 * Returns: the three largest producers' share of the stage's output
 */
double
ls_result_get_top3_share (const LsResult *self,
                          guint           stage,
                          guint          *top3)
{
  CHECK_STAGE (self, stage, 0.0);

  if (top3 != NULL)
    memcpy (top3, &self->top3[stage * 3], sizeof (guint) * 3);

  return self->top3_share[stage];
}

/**
 * ls_result_get_bloc_intake:
 *
 * Returns: the members' intake of stage-@stage material, t
 */
double
ls_result_get_bloc_intake (const LsResult *self,
                           guint           stage)
{
  CHECK_STAGE (self, stage, 0.0);
  return self->intake[stage];
}

/**
 * ls_result_get_dependency:
 * @non_bloc_share: (out) (optional): the share of the bloc's intake of
 *   stage-@stage material that comes from non-members and "unknown"
 *
 * Returns: %FALSE when the dependency is undefined: the bloc takes in no
 *   stage-@stage material, or @stage is the last stage
 */
gboolean
ls_result_get_dependency (const LsResult *self,
                          guint           stage,
                          double         *non_bloc_share)
{
  double share = 0.0;

  CHECK_STAGE (self, stage, FALSE);

  if (non_bloc_share != NULL)
    *non_bloc_share = 0.0;

  if (stage + 1 >= self->n_stages || self->intake[stage] <= 0.0)
    return FALSE;

  for (guint i = 0; i <= self->n_countries; i++)
    share += self->dependency[stage * (self->n_countries + 1) + i];

  if (non_bloc_share != NULL)
    *non_bloc_share = share;

  return TRUE;
}

/**
 * ls_result_get_dependency_on:
 * @supplier: a country index, or n_countries for "unknown"
 *
 * Returns: the share of the bloc's intake of stage-@stage material that
 *   comes from @supplier when it is not a member, else 0
 */
double
ls_result_get_dependency_on (const LsResult *self,
                             guint           stage,
                             guint           supplier)
{
  CHECK_STAGE (self, stage, 0.0);
  g_return_val_if_fail (supplier <= self->n_countries, 0.0);
  return self->dependency[stage * (self->n_countries + 1) + supplier];
}

/**
 * ls_result_get_top_supplier:
 * @share: (out) (optional): its share of the bloc's intake
 *
 * Returns: the non-member (or n_countries for "unknown") the bloc depends
 *   on most for stage-@stage material, the first in the dataset's order
 *   on a tie, or G_MAXUINT when it depends on none
 */
guint
ls_result_get_top_supplier (const LsResult *self,
                            guint           stage,
                            double         *share)
{
  guint best = G_MAXUINT;
  double best_share = 0.0;

  CHECK_STAGE (self, stage, G_MAXUINT);

  for (guint i = 0; i <= self->n_countries; i++)
    {
      double value = self->dependency[stage * (self->n_countries + 1) + i];

      if (value > best_share)
        {
          best_share = value;
          best = i;
        }
    }

  if (share != NULL)
    *share = best_share;

  return best;
}

double
ls_result_get_traced_origin (const LsResult *self,
                             guint           stage,
                             guint           origin_stage,
                             guint           country)
{
  CHECK_STAGE (self, stage, 0.0);
  g_return_val_if_fail (origin_stage <= stage, 0.0);
  g_return_val_if_fail (country <= self->n_countries, 0.0);

  return self->trace[((gsize) stage * self->n_stages + origin_stage) * (self->n_countries + 1) + country];
}

/* Proportional tracing forward from @origin_stage: a country's output
 * carries the origin mix of its inputs. */
static double *
compute_country_origin (const LsResult *self,
                        guint           origin_stage)
{
  const LsFlowState *st = self->state;
  guint S = self->n_stages;
  guint C = self->n_countries;
  gsize row = C + 1;
  double *mix = g_new0 (double, (gsize) S * C * row);

  for (guint c = 0; c < C; c++)
    mix[((gsize) origin_stage * C + c) * row + c] = 1.0;

  for (guint s = origin_stage; s + 1 < S; s++)
    for (guint j = 0; j < C; j++)
      {
        double *out = &mix[((gsize) (s + 1) * C + j) * row];
        double in = 0.0;

        for (guint i = 0; i <= C; i++)
          {
            double f = st->flow[LS_FLOW_INDEX (st, s, i, j)];

            if (f <= 0.0)
              continue;

            in += f;
            if (i == C)
              out[C] += f;
            else
              for (guint o = 0; o <= C; o++)
                out[o] += f * mix[((gsize) s * C + i) * row + o];
          }

        if (in > 0.0)
          for (guint o = 0; o <= C; o++)
            out[o] /= in;
      }

  return mix;
}

/**
 * ls_result_get_country_origin:
 * @stage: the stage of @country's output
 * @origin_stage: an earlier (or the same) stage
 * @origin: a country index, or n_countries for "unknown"
 *
 * Returns: the share of @country's stage-@stage output that originated in
 *   @origin at @origin_stage; 0 where @country has no inputs
 */
double
ls_result_get_country_origin (const LsResult *self,
                              guint           stage,
                              guint           country,
                              guint           origin_stage,
                              guint           origin)
{
  LsResult *mutable_self = (LsResult *) self;
  guint C;

  CHECK_STAGE (self, stage, 0.0);
  g_return_val_if_fail (origin_stage <= stage, 0.0);
  g_return_val_if_fail (country < self->n_countries, 0.0);
  g_return_val_if_fail (origin <= self->n_countries, 0.0);

  C = self->n_countries;

  /* Computed on first use: the widgets that colour by origin ask for it,
   * a scripted rebalance does not pay for it. */
  if (mutable_self->country_origin == NULL)
    mutable_self->country_origin = g_new0 (double *, self->n_stages);
  if (mutable_self->country_origin[origin_stage] == NULL)
    mutable_self->country_origin[origin_stage] = compute_country_origin (self, origin_stage);

  return self->country_origin[origin_stage][((gsize) stage * C + country) * (C + 1) + origin];
}

/* Evidence -------------------------------------------------------------- */

static void
evidence_add_cell (LsEvidenceSplit   *split,
                   const LsFlowState *st,
                   gsize              k)
{
  split->part[LS_EVIDENCE_PUBLISHED] += MAX (0.0, st->flow[k] - st->estimated[k]);
  split->part[LS_EVIDENCE_ESTIMATED] += MAX (0.0, st->estimated[k] - st->modelled[k]);
  split->part[LS_EVIDENCE_MODELLED] += st->modelled[k];
}

static void
evidence_normalize (LsEvidenceSplit *split)
{
  double total = 0.0;

  for (guint e = 0; e < LS_N_EVIDENCE; e++)
    total += split->part[e];

  for (guint e = 0; e < LS_N_EVIDENCE; e++)
    split->part[e] = total > 0.0 ? split->part[e] / total : 0.0;
}

/**
 * ls_result_get_flow_evidence:
 * @split: (out caller-allocates): the evidence of the flow's tonnes
 *
 * What the flow @from → @to of stage-@stage material rests on.
 */
void
ls_result_get_flow_evidence (const LsResult  *self,
                             guint            stage,
                             guint            from,
                             guint            to,
                             LsEvidenceSplit *split)
{
  *split = (LsEvidenceSplit) { { 0 } };

  g_return_if_fail (self != NULL);
  g_return_if_fail (stage < self->n_stages);
  g_return_if_fail (from <= self->n_countries);
  g_return_if_fail (to < self->n_countries);

  if (stage + 1 >= self->n_stages)
    return;

  evidence_add_cell (split, self->state, LS_FLOW_INDEX (self->state, stage, from, to));
  evidence_normalize (split);
}

/**
 * ls_result_get_dependency_evidence:
 * @split: (out caller-allocates): the evidence of the bloc's intake
 *
 * What the bloc's dependency at @stage rests on: the tonnes of every flow
 * of stage-@stage material into members, by evidence (src/model/README.md
 * "Evidence").
 *
 * Returns: %FALSE when the bloc takes in none of the stage's material
 */
gboolean
ls_result_get_dependency_evidence (const LsResult  *self,
                                   guint            stage,
                                   LsEvidenceSplit *split)
{
  guint C = self->n_countries;

  *split = (LsEvidenceSplit) { { 0 } };

  CHECK_STAGE (self, stage, FALSE);

  if (stage + 1 >= self->n_stages || self->intake[stage] <= 0.0)
    return FALSE;

  for (guint i = 0; i <= C; i++)
    for (guint j = 0; j < C; j++)
      if (self->members[j])
        evidence_add_cell (split, self->state, LS_FLOW_INDEX (self->state, stage, i, j));

  evidence_normalize (split);
  return TRUE;
}

static void
output_evidence_add (const LsResult  *self,
                     guint            stage,
                     guint            country,
                     LsEvidenceSplit *split)
{
  const LsInputs *inputs = _ls_baseline_get_inputs (self->baseline_ref);
  gsize k = (gsize) stage * self->n_countries + country;
  double output = self->state->production[k];
  double figure = self->baseline->production[k];
  double kept = MIN (output, figure);

  split->part[inputs->production_figure[k].estimated ? LS_EVIDENCE_ESTIMATED : LS_EVIDENCE_PUBLISHED] += kept;
  split->part[LS_EVIDENCE_MODELLED] += MAX (0.0, output - figure);
}

/**
 * ls_result_get_output_evidence:
 * @country: a country, or -1 for the stage's world output
 * @split: (out caller-allocates): the evidence of the output's tonnes
 *
 * What the output behind world shares rests on: the dataset's figure
 * (published or estimated) up to its value; output a lever adds is
 * modelled.
 */
void
ls_result_get_output_evidence (const LsResult  *self,
                               guint            stage,
                               int              country,
                               LsEvidenceSplit *split)
{
  *split = (LsEvidenceSplit) { { 0 } };

  g_return_if_fail (self != NULL);
  g_return_if_fail (stage < self->n_stages);
  g_return_if_fail (country < (int) self->n_countries);

  if (country >= 0)
    output_evidence_add (self, stage, country, split);
  else
    for (guint c = 0; c < self->n_countries; c++)
      output_evidence_add (self, stage, c, split);

  evidence_normalize (split);
}

/* The bloc's need -------------------------------------------------------- */

/**
 * ls_result_get_need_split:
 * @split: (out caller-allocates): the bloc's need of stage-@stage
 *   material, t, and who meets it
 *
 * The members' need of stage-@stage material (their targets at the next
 * stage over its yield, DESIGN.md "Rebalancing" step 4) split four ways:
 * supplied by members, by China (when it is not a member), by other
 * non-members and `unknown`, and unmet. Unmet need is the shortfall of
 * the next stage in input tonnes: it shows at the stage whose supply
 * failed, and at every stage after it that it starves.
 *
 * Returns: %FALSE when the members need none of the stage's material
 */
gboolean
ls_result_get_need_split (const LsResult *self,
                          guint           stage,
                          LsNeedSplit    *split)
{
  guint C = self->n_countries;
  int china = ls_dataset_get_china (self->dataset);
  const LsInputs *inputs;

  *split = (LsNeedSplit) { 0 };

  CHECK_STAGE (self, stage, FALSE);

  if (stage + 1 >= self->n_stages)
    return FALSE;

  inputs = _ls_baseline_get_inputs (self->baseline_ref);

  for (guint j = 0; j < C; j++)
    {
      if (!self->members[j])
        continue;

      split->need += self->target[(stage + 1) * C + j] / inputs->yield[stage + 1];

      for (guint i = 0; i <= C; i++)
        {
          double f = self->state->flow[LS_FLOW_INDEX (self->state, stage, i, j)];

          if (i < C && self->members[i])
            split->members += f;
          else if ((int) i == china)
            split->china += f;
          else
            split->other += f;
        }
    }

  if (split->need <= 0.0)
    return FALSE;

  /* A need met in full comes back as the need up to rounding: do not
   * report that rounding as unmet (as step 7 does for the shortfall). */
  split->unmet = split->need - split->members - split->china - split->other;
  if (split->unmet <= 1e-9 * split->need)
    split->unmet = 0.0;
  return TRUE;
}

/* Import shares ---------------------------------------------------------- */

/**
 * ls_result_get_import_share:
 * @importers: (array): a flag per country: who imports
 * @suppliers: (array): a flag per supplier, the last for `unknown`
 * @share: (out): the share of the importers' imports from the suppliers
 *
 * Imports are the flows of stage-@stage material into an importer from
 * anyone outside the importers (a group's internal flows are not
 * imports, nor is a country's own supply).
 *
 * Returns: %FALSE when the importers import nothing
 */
gboolean
ls_result_get_import_share (const LsResult *self,
                            guint           stage,
                            const gboolean *importers,
                            const gboolean *suppliers,
                            double         *share)
{
  guint C = self->n_countries;
  double imports = 0.0;
  double from_suppliers = 0.0;

  *share = 0.0;

  CHECK_STAGE (self, stage, FALSE);

  if (stage + 1 >= self->n_stages)
    return FALSE;

  for (guint j = 0; j < C; j++)
    {
      if (!importers[j])
        continue;

      for (guint i = 0; i <= C; i++)
        {
          double f;

          if (i < C && importers[i])
            continue;

          f = self->state->flow[LS_FLOW_INDEX (self->state, stage, i, j)];
          imports += f;
          if (suppliers[i])
            from_suppliers += f;
        }
    }

  if (imports <= 0.0)
    return FALSE;

  *share = from_suppliers / imports;
  return TRUE;
}
