/* ls-flow-state-private.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ls-model-types.h"

G_BEGIN_DECLS

/*
 * Output and flows of one year, for the baseline or a scenario.
 *
 * production[s * C + c]: output of stage s in country c (t).
 * flow[(s * (C + 1) + i) * C + j]: stage-s material from supplier i to
 *   country j, for s < S − 1; i = C is the pseudo-supplier "unknown".
 * estimated[…]: the part of the same cell that is not published: a given
 *   flow marked estimated, a flow resolved from an import share, or a
 *   part the model made (completed, re-routed, swapped).
 * modelled[…]: the part of estimated[…] that the model made. So a cell
 *   splits into published (flow − estimated), estimated in the data
 *   (estimated − modelled) and modelled: the evidence of the figures.
 * surplus[s * C + c]: output of c at stage s that goes nowhere.
 * unallocated[s]: the sum of surpluses; unknown_origin[s]: the part of
 *   the flows from "unknown" that the model made (N − U of DESIGN.md
 *   "Completing the flows" step 4, scaled by step 4 of rebalancing);
 *   unknown_supply[s]: every flow from "unknown", those resolved from an
 *   import share of "other, not identified" included. All keyed by the
 *   stage the material leaves.
 */
typedef struct
{
  guint   n_stages;
  guint   n_countries;
  double *production;
  double *flow;
  double *estimated;
  double *modelled;
  double *surplus;
  double *unallocated;
  double *unknown_origin;
  double *unknown_supply;
} LsFlowState;

#define LS_FLOW_INDEX(st, s, i, j) \
  ((((gsize) (s) * ((st)->n_countries + 1) + (i)) * (st)->n_countries) + (j))

LsFlowState *_ls_flow_state_new    (guint              n_stages,
                                    guint              n_countries);
LsFlowState *_ls_flow_state_copy   (const LsFlowState *self);
void         _ls_flow_state_free   (LsFlowState       *self);
void         _ls_flow_state_finish (LsFlowState       *self);
void         _ls_flow_state_add    (LsFlowState       *self,
                                    guint              stage,
                                    guint              from,
                                    guint              to,
                                    double             value,
                                    LsEvidence         evidence);
void         _ls_flow_state_scale  (LsFlowState       *self,
                                    gsize              index,
                                    double             factor);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsFlowState, _ls_flow_state_free)

G_END_DECLS
