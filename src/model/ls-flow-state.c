/* ls-flow-state.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-flow-state"

#include "config.h"

#include "ls-flow-state-private.h"

#include <string.h>

static gsize
n_flow_cells (guint n_stages,
              guint n_countries)
{
  return (gsize) MAX (1, n_stages - 1) * (n_countries + 1) * n_countries;
}

LsFlowState *
_ls_flow_state_new (guint n_stages,
                    guint n_countries)
{
  LsFlowState *self = g_new0 (LsFlowState, 1);
  gsize n_flows = n_flow_cells (n_stages, n_countries);

  self->n_stages = n_stages;
  self->n_countries = n_countries;
  self->production = g_new0 (double, n_stages * n_countries);
  self->flow = g_new0 (double, n_flows);
  self->estimated = g_new0 (double, n_flows);
  self->modelled = g_new0 (double, n_flows);
  self->surplus = g_new0 (double, n_stages * n_countries);
  self->unallocated = g_new0 (double, n_stages);
  self->unknown_origin = g_new0 (double, n_stages);
  self->unknown_supply = g_new0 (double, n_stages);

  return self;
}

LsFlowState *
_ls_flow_state_copy (const LsFlowState *self)
{
  LsFlowState *copy = _ls_flow_state_new (self->n_stages, self->n_countries);
  gsize n_flows = n_flow_cells (self->n_stages, self->n_countries);
  gsize n_cells = (gsize) self->n_stages * self->n_countries;

  memcpy (copy->production, self->production, sizeof (double) * n_cells);
  memcpy (copy->flow, self->flow, sizeof (double) * n_flows);
  memcpy (copy->estimated, self->estimated, sizeof (double) * n_flows);
  memcpy (copy->modelled, self->modelled, sizeof (double) * n_flows);
  memcpy (copy->surplus, self->surplus, sizeof (double) * n_cells);
  memcpy (copy->unallocated, self->unallocated, sizeof (double) * self->n_stages);
  memcpy (copy->unknown_origin, self->unknown_origin, sizeof (double) * self->n_stages);
  memcpy (copy->unknown_supply, self->unknown_supply, sizeof (double) * self->n_stages);

  return copy;
}

void
_ls_flow_state_free (LsFlowState *self)
{
  g_free (self->production);
  g_free (self->flow);
  g_free (self->estimated);
  g_free (self->modelled);
  g_free (self->surplus);
  g_free (self->unallocated);
  g_free (self->unknown_origin);
  g_free (self->unknown_supply);
  g_free (self);
}

/* Fills surplus, unallocated and unknown_origin from production and
 * flows: what a country makes and ships nowhere is its surplus. */
void
_ls_flow_state_finish (LsFlowState *self)
{
  guint C = self->n_countries;

  for (guint s = 0; s + 1 < self->n_stages; s++)
    {
      double unallocated = 0.0;
      double unknown = 0.0;
      double supply = 0.0;

      for (guint i = 0; i < C; i++)
        {
          double out = 0.0;

          for (guint j = 0; j < C; j++)
            out += self->flow[LS_FLOW_INDEX (self, s, i, j)];

          self->surplus[s * C + i] = MAX (0.0, self->production[s * C + i] - out);
          unallocated += self->surplus[s * C + i];
        }

      for (guint j = 0; j < C; j++)
        {
          unknown += self->modelled[LS_FLOW_INDEX (self, s, C, j)];
          supply += self->flow[LS_FLOW_INDEX (self, s, C, j)];
        }

      self->unallocated[s] = unallocated;
      self->unknown_origin[s] = unknown;
      self->unknown_supply[s] = supply;
    }
}

/* Adds @value to the cell, counted under @evidence. */
void
_ls_flow_state_add (LsFlowState *self,
                    guint        stage,
                    guint        from,
                    guint        to,
                    double       value,
                    LsEvidence   evidence)
{
  gsize k = LS_FLOW_INDEX (self, stage, from, to);

  self->flow[k] += value;
  if (evidence != LS_EVIDENCE_PUBLISHED)
    self->estimated[k] += value;
  if (evidence == LS_EVIDENCE_MODELLED)
    self->modelled[k] += value;
}

/* Scaling keeps a cell's evidence mix: a published flow scaled by a lever
 * is still the published flow, in proportion. */
void
_ls_flow_state_scale (LsFlowState *self,
                      gsize        index,
                      double       factor)
{
  self->flow[index] *= factor;
  self->estimated[index] *= factor;
  self->modelled[index] *= factor;
}
