/* ls-baseline.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-baseline"

#include "config.h"

#include "ls-baseline-private.h"
#include "ls-boxed-private.h"
#include "ls-dataset-private.h"

#include <math.h>
#include <string.h>

/*
 * The completed baseline of one year: DESIGN.md "Import shares", then
 * "Completing the flows". It is immutable once made, so that one baseline
 * serves every scenario of its year and may be read from any thread; who
 * needs it often (LsSession) keeps it.
 */
struct _LsBaseline
{
  gatomicrefcount  ref_count;
  LsDataset       *dataset;
  int              year;
  LsInputs        *inputs;
  GArray          *given;  /* LsGivenFlow: the tonnage flows, then the resolved ones */
  gboolean         given_shared;  /* given is still inputs->flows */
  guint            given_reserve;
  LsFlowState     *state;
};

LS_DEFINE_BOXED_TYPE (LsBaseline, ls_baseline, ls_baseline_ref, ls_baseline_unref)

/* Inputs ---------------------------------------------------------------- */

static void
clear_import_shares (gpointer data)
{
  g_free (((LsImportShares *) data)->shares);
}

/* @flows: (transfer full): the given flows; @n_shares: how many import
 * share entries there will be. */
static LsInputs *
inputs_alloc (guint   n_stages,
              guint   n_countries,
              GArray *flows,
              guint   n_shares)
{
  LsInputs *self = g_new0 (LsInputs, 1);

  self->n_stages = n_stages;
  self->n_countries = n_countries;
  self->yield = g_new0 (double, n_stages);
  self->production = g_new0 (double, (gsize) n_stages * n_countries);
  self->yield_figure = g_new0 (LsFigure, n_stages);
  self->production_figure = g_new0 (LsFigure, (gsize) n_stages * n_countries);
  self->flows = flows;
  self->shares = g_array_sized_new (FALSE, FALSE, sizeof (LsImportShares), n_shares);
  g_array_set_clear_func (self->shares, clear_import_shares);

  return self;
}

static void
append_shares (LsInputs             *self,
               const LsImportShares *entry)
{
  LsImportShares copy = *entry;

  copy.shares = g_memdup2 (entry->shares, sizeof (LsShare) * MAX (1, entry->n_shares));
  g_array_append_val (self->shares, copy);
}

LsInputs *
_ls_inputs_new (LsDataset *dataset,
                int        year)
{
  guint S = ls_dataset_get_n_stages (dataset);
  guint C = ls_dataset_get_n_countries (dataset);
  guint n_shares = ls_dataset_get_n_import_shares (dataset, year);
  /* Shared, not copied: the inputs never change their flows. */
  LsInputs *self = inputs_alloc (S, C, g_array_ref (_ls_dataset_get_given_flows (dataset, year)), n_shares);

  for (guint s = 0; s < S; s++)
    {
      self->yield_figure[s] = *ls_dataset_get_stage_yield_figure (dataset, s);
      self->yield[s] = self->yield_figure[s].value;

      for (guint c = 0; c < C; c++)
        {
          const LsFigure *figure = ls_dataset_get_production_figure (dataset, year, s, c);

          if (figure != NULL)
            self->production_figure[s * C + c] = *figure;
          self->production[s * C + c] = self->production_figure[s * C + c].value;
        }
    }

  for (guint k = 0; k < n_shares; k++)
    append_shares (self, ls_dataset_get_import_shares (dataset, year, k));

  return self;
}

void
_ls_inputs_free (LsInputs *self)
{
  g_free (self->yield);
  g_free (self->production);
  g_free (self->yield_figure);
  g_free (self->production_figure);
  g_array_unref (self->flows);
  g_array_unref (self->shares);
  g_free (self);
}

static gboolean
figure_has_range (const LsFigure *figure)
{
  return figure->low < figure->value || figure->high > figure->value;
}

/**
 * _ls_inputs_has_ranges:
 *
 * Returns: %TRUE when some figure of the inputs has a range, so that
 *   sampling can give anything but the inputs themselves
 */
gboolean
_ls_inputs_has_ranges (const LsInputs *self)
{
  for (guint s = 0; s < self->n_stages; s++)
    if (figure_has_range (&self->yield_figure[s]))
      return TRUE;

  for (gsize k = 0; k < (gsize) self->n_stages * self->n_countries; k++)
    if (figure_has_range (&self->production_figure[k]))
      return TRUE;

  for (guint k = 0; k < self->flows->len; k++)
    if (figure_has_range (&g_array_index (self->flows, LsGivenFlow, k).figure))
      return TRUE;

  for (guint k = 0; k < self->shares->len; k++)
    {
      const LsImportShares *entry = &g_array_index (self->shares, LsImportShares, k);

      for (guint e = 0; e < entry->n_shares; e++)
        if (figure_has_range (&entry->shares[e].share))
          return TRUE;
    }

  return FALSE;
}

/* A triangular draw on [low, high] with its mode at the figure's value:
 * the published or estimated value stays the likeliest, and the draw never
 * leaves the stated range. */
static double
draw (const LsFigure *figure,
      GRand          *rand)
{
  double a = figure->low;
  double b = figure->high;
  double c = figure->value;
  double u;

  if (!(b > a))
    return c;

  u = g_rand_double (rand);
  if (u < (c - a) / (b - a))
    return a + sqrt (u * (b - a) * (c - a));

  return b - sqrt ((1.0 - u) * (b - a) * (b - c));
}

/**
 * _ls_inputs_sample:
 *
 * A copy of @self with every ranged figure (yield, output, flow, share)
 * drawn from its range. Draws can break the loader's consistency rules (a
 * flow above its exporter's output), which the completion then clamps.
 */
LsInputs *
_ls_inputs_sample (const LsInputs *self,
                   GRand          *rand)
{
  gsize n_cells = (gsize) self->n_stages * self->n_countries;
  LsInputs *sample = inputs_alloc (self->n_stages, self->n_countries,
                                   g_array_sized_new (FALSE, FALSE, sizeof (LsGivenFlow), self->flows->len),
                                   self->shares->len);

  memcpy (sample->yield_figure, self->yield_figure, sizeof (LsFigure) * self->n_stages);
  memcpy (sample->production_figure, self->production_figure, sizeof (LsFigure) * n_cells);

  for (guint s = 0; s < self->n_stages; s++)
    sample->yield[s] = MAX (LS_MIN_YIELD, draw (&self->yield_figure[s], rand));

  for (gsize k = 0; k < n_cells; k++)
    sample->production[k] = draw (&self->production_figure[k], rand);

  for (guint k = 0; k < self->flows->len; k++)
    {
      LsGivenFlow flow = g_array_index (self->flows, LsGivenFlow, k);

      flow.figure.value = draw (&flow.figure, rand);
      g_array_append_val (sample->flows, flow);
    }

  for (guint k = 0; k < self->shares->len; k++)
    {
      const LsImportShares *entry = &g_array_index (self->shares, LsImportShares, k);
      LsImportShares *copy;
      double sum = 0.0;
      double unknown = 0.0;

      append_shares (sample, entry);
      copy = &g_array_index (sample->shares, LsImportShares, sample->shares->len - 1);

      for (guint e = 0; e < copy->n_shares; e++)
        {
          copy->shares[e].share.value = draw (&copy->shares[e].share, rand);
          sum += copy->shares[e].share.value;
          if (copy->shares[e].from == self->n_countries)
            unknown += copy->shares[e].share.value;
        }

      /* Shares drawn above 1 in sum: "other, not identified" gives way
       * first, then every share in proportion. */
      if (sum > 1.0)
        {
          double cut = MIN (sum - 1.0, unknown);
          double scale;

          for (guint e = 0; e < copy->n_shares; e++)
            if (copy->shares[e].from == self->n_countries && unknown > 0.0)
              copy->shares[e].share.value -= cut * copy->shares[e].share.value / unknown;

          sum -= cut;
          scale = sum > 1.0 ? 1.0 / sum : 1.0;
          for (guint e = 0; e < copy->n_shares; e++)
            copy->shares[e].share.value *= scale;
        }
    }

  return sample;
}

/* The baseline ---------------------------------------------------------- */

static LsEvidence
figure_evidence (const LsFigure *figure)
{
  return figure->estimated ? LS_EVIDENCE_ESTIMATED : LS_EVIDENCE_PUBLISHED;
}

/*
 * The given flows of one stage: the dataset's, by index, then those
 * resolved from its import shares, appended to the array while the stage
 * is completed. Each stage used to scan every given flow several times; a
 * dense year has a quarter of a million. Visited in the order of the
 * array, as that scan did, so every sum adds the same terms in the same
 * order and the baseline stays the same to the bit.
 */
typedef struct
{
  const guint *indices;
  guint        n_indices;
  guint        first_resolved;
  guint        end_resolved;
} StageFlows;

static inline guint
stage_flows_length (const StageFlows *flows)
{
  return flows->n_indices + (flows->end_resolved - flows->first_resolved);
}

/* The index in the given array of the @k-th flow of the stage. */
static inline guint
stage_flows_index (const StageFlows *flows,
                   guint             k)
{
  return k < flows->n_indices ? flows->indices[k] : flows->first_resolved + (k - flows->n_indices);
}

/* The given flows, made the baseline's own before the first change: a
 * dataset's own flows are seldom changed (the loader checks them), and a
 * dense year's are 18 MB. */
static GArray *
writable_given (LsBaseline *self)
{
  if (self->given_shared)
    {
      GArray *copy = g_array_sized_new (FALSE, FALSE, sizeof (LsGivenFlow), self->given_reserve);

      g_array_append_vals (copy, self->given->data, self->given->len);
      g_array_unref (self->given);
      self->given = copy;
      self->given_shared = FALSE;
    }

  return self->given;
}

/* Caps the given flows of stage @s so that no exporter ships more than it
 * makes and no importer takes more than it needs. The loader guarantees
 * both for a dataset's own figures, up to its tolerance; samples drawn
 * from ranges may break them. */
static void
clamp_given (LsBaseline       *self,
             const StageFlows *flows,
             guint             s)
{
  const LsInputs *in = self->inputs;
  guint C = in->n_countries;
  guint n = stage_flows_length (flows);
  g_autofree double *out = g_new0 (double, C);
  g_autofree double *into = g_new0 (double, C);

  for (guint k = 0; k < n; k++)
    {
      const LsGivenFlow *flow = &g_array_index (self->given, LsGivenFlow, stage_flows_index (flows, k));

      if (flow->from < C)
        out[flow->from] += flow->figure.value;
      into[flow->to] += flow->figure.value;
    }

  for (guint k = 0; k < n; k++)
    {
      guint index = stage_flows_index (flows, k);
      const LsGivenFlow *flow = &g_array_index (self->given, LsGivenFlow, index);
      gboolean over_output = flow->from < C && out[flow->from] > in->production[s * C + flow->from];
      double need = in->production[(s + 1) * C + flow->to] / in->yield[s + 1];
      gboolean over_need = into[flow->to] > need;
      LsGivenFlow *changed;

      if (!over_output && !over_need)
        continue;

      changed = &g_array_index (writable_given (self), LsGivenFlow, index);
      if (over_output)
        changed->figure.value *= in->production[s * C + changed->from] / out[changed->from];
      if (over_need)
        changed->figure.value *= need / into[changed->to];
    }
}

/* DESIGN.md "Import shares": E[s][i][j] = S[s][i][j] · m[j], with the
 * import need m[j] from the tonnage flows only. Appends the resolved
 * flows to @given and to @flows. */
static void
resolve_shares (LsBaseline *self,
                StageFlows *flows,
                guint       s)
{
  const LsInputs *in = self->inputs;
  guint C = in->n_countries;
  g_autofree double *out = g_new0 (double, C);

  /* The tonnage flows only: none is resolved yet. */
  for (guint k = 0; k < flows->n_indices; k++)
    {
      const LsGivenFlow *flow = &g_array_index (self->given, LsGivenFlow, flows->indices[k]);

      out[flow->from] += flow->figure.value;
    }

  flows->first_resolved = self->given->len;

  for (guint k = 0; k < in->shares->len; k++)
    {
      const LsImportShares *entry = &g_array_index (in->shares, LsImportShares, k);
      guint j = entry->to;
      double m;

      if (entry->stage != s)
        continue;

      m = _ls_import_need (in->production[(s + 1) * C + j] / in->yield[s + 1],
                           in->production[s * C + j], out[j]);

      for (guint e = 0; e < entry->n_shares; e++)
        {
          LsGivenFlow flow = { 0 };

          flow.stage = s;
          flow.from = entry->shares[e].from;
          flow.to = j;
          flow.figure = entry->shares[e].share;
          flow.figure.value = entry->shares[e].share.value * m;
          flow.figure.low = entry->shares[e].share.low * m;
          flow.figure.high = entry->shares[e].share.high * m;
          flow.resolved = TRUE;

          if (flow.figure.value > 0.0)
            g_array_append_val (writable_given (self), flow);
        }
    }

  flows->end_resolved = self->given->len;
}

/* DESIGN.md "Completing the flows", steps 1–4, for stage-@s material. */
static void
complete_stage (const LsInputs   *in,
                GArray           *given,
                const StageFlows *flows,
                LsFlowState      *st,
                guint             s)
{
  guint C = in->n_countries;
  guint n = stage_flows_length (flows);
  const double *P = &in->production[s * C];
  const double *next = &in->production[(s + 1) * C];
  double yield = in->yield[s + 1];
  g_autofree double *need = g_new0 (double, C);
  g_autofree double *given_in = g_new0 (double, C);
  g_autofree double *given_out = g_new0 (double, C);
  g_autofree double *surplus = g_new0 (double, C);
  g_autofree gboolean *given_self = g_new0 (gboolean, C);
  double U = 0.0;
  double N = 0.0;

  /* Step 1: need, given inflow and outflow. */
  for (guint k = 0; k < n; k++)
    {
      const LsGivenFlow *flow = &g_array_index (given, LsGivenFlow, stage_flows_index (flows, k));

      _ls_flow_state_add (st, s, flow->from, flow->to, flow->figure.value,
                          flow->resolved ? LS_EVIDENCE_ESTIMATED : figure_evidence (&flow->figure));
      given_in[flow->to] += flow->figure.value;
      if (flow->from < C)
        given_out[flow->from] += flow->figure.value;
      if (flow->from == flow->to)
        given_self[flow->to] = TRUE;
    }

  for (guint j = 0; j < C; j++)
    need[j] = MAX (0.0, next[j] / yield - given_in[j]);

  /* Step 2: domestic first, where no domestic flow is given. */
  for (guint j = 0; j < C; j++)
    {
      double domestic = 0.0;

      if (!given_self[j])
        domestic = MIN (need[j], MAX (0.0, P[j] - given_out[j]));

      if (domestic > 0.0)
        {
          _ls_flow_state_add (st, s, j, j, domestic, LS_EVIDENCE_MODELLED);
          need[j] -= domestic;
        }

      /* Step 3: surplus u[j] = max(0, P − O − d). */
      surplus[j] = MAX (0.0, P[j] - given_out[j] - domestic);
      U += surplus[j];
    }

  for (guint j = 0; j < C; j++)
    N += need[j];

  /* Step 3: F[i][j] = u[i] · r[j] / max(U, N). */
  if (MAX (U, N) > 0.0)
    {
      double denominator = MAX (U, N);

      for (guint i = 0; i < C; i++)
        {
          if (surplus[i] <= 0.0)
            continue;

          for (guint j = 0; j < C; j++)
            if (need[j] > 0.0)
              _ls_flow_state_add (st, s, i, j, surplus[i] * (need[j] / denominator), LS_EVIDENCE_MODELLED);
        }
    }

  /* Step 4: what no surplus covers comes from "unknown". */
  if (N > U)
    {
      for (guint j = 0; j < C; j++)
        if (need[j] > 0.0)
          _ls_flow_state_add (st, s, C, j, need[j] * ((N - U) / N), LS_EVIDENCE_MODELLED);
    }
}

/**
 * _ls_baseline_new_from_inputs:
 * @inputs: (transfer full): what to complete
 *
 * Resolves the import shares and completes the flows of every stage.
 */
LsBaseline *
_ls_baseline_new_from_inputs (LsDataset *dataset,
                              int        year,
                              LsInputs  *inputs)
{
  LsBaseline *self = g_new0 (LsBaseline, 1);
  guint S = inputs->n_stages;
  guint C = inputs->n_countries;
  guint n_flows = inputs->flows->len;
  guint n_resolved = 0;
  g_autofree guint *by_stage = g_new (guint, MAX (1, n_flows));
  g_autofree guint *start = g_new0 (guint, S + 1);

  for (guint k = 0; k < inputs->shares->len; k++)
    n_resolved += g_array_index (inputs->shares, LsImportShares, k).n_shares;

  g_atomic_ref_count_init (&self->ref_count);
  self->dataset = g_object_ref (dataset);
  self->year = year;
  self->inputs = inputs;
  self->given = g_array_ref (inputs->flows);
  self->given_shared = TRUE;
  self->given_reserve = n_flows + n_resolved;
  self->state = _ls_flow_state_new (S, C);

  memcpy (self->state->production, inputs->production, sizeof (double) * S * C);

  /* The dataset's flows by stage, each stage in the order of the array
   * (a stable counting sort). */
  for (guint k = 0; k < n_flows; k++)
    start[g_array_index (inputs->flows, LsGivenFlow, k).stage + 1]++;
  for (guint s = 0; s < S; s++)
    start[s + 1] += start[s];
  {
    g_autofree guint *next = g_memdup2 (start, sizeof (guint) * S);

    for (guint k = 0; k < n_flows; k++)
      by_stage[next[g_array_index (inputs->flows, LsGivenFlow, k).stage]++] = k;
  }

  for (guint s = 0; s + 1 < S; s++)
    {
      StageFlows flows = { &by_stage[start[s]], start[s + 1] - start[s], 0, 0 };

      clamp_given (self, &flows, s);
      resolve_shares (self, &flows, s);
      clamp_given (self, &flows, s);
      complete_stage (inputs, self->given, &flows, self->state, s);
    }

  _ls_flow_state_finish (self->state);

  return self;
}

/**
 * ls_baseline_new:
 * @dataset: a dataset
 * @year: one of its years
 *
 * Completes the baseline flows of @year (DESIGN.md "Import shares" and
 * "Completing the flows").
 *
 * Returns: (transfer full): the baseline
 */
LsBaseline *
ls_baseline_new (LsDataset *dataset,
                 int        year)
{
  g_return_val_if_fail (LS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (ls_dataset_has_year (dataset, year), NULL);

  return _ls_baseline_new_from_inputs (dataset, year, _ls_inputs_new (dataset, year));
}

LsBaseline *
ls_baseline_ref (LsBaseline *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ls_baseline_unref (LsBaseline *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_object (&self->dataset);
  g_clear_pointer (&self->inputs, _ls_inputs_free);
  g_clear_pointer (&self->given, g_array_unref);
  g_clear_pointer (&self->state, _ls_flow_state_free);
  g_free (self);
}

LsDataset *
ls_baseline_get_dataset (const LsBaseline *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->dataset;
}

int
ls_baseline_get_year (const LsBaseline *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->year;
}

/**
 * ls_baseline_get_n_given_flows:
 *
 * Returns: the number of given flows: those the dataset gives in tonnes,
 *   then those resolved from its import shares
 */
guint
ls_baseline_get_n_given_flows (const LsBaseline *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->given->len;
}

const LsGivenFlow *
ls_baseline_get_given_flow (const LsBaseline *self,
                            guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->given->len, NULL);
  return &g_array_index (self->given, LsGivenFlow, index);
}

const LsFlowState *
_ls_baseline_get_state (const LsBaseline *self)
{
  return self->state;
}

const LsInputs *
_ls_baseline_get_inputs (const LsBaseline *self)
{
  return self->inputs;
}
