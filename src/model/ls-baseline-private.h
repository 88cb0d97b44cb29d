/* ls-baseline-private.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ls-baseline.h"
#include "ls-flow-state-private.h"

G_BEGIN_DECLS

/*
 * The figures one baseline is completed from: a year of the dataset, or
 * a sample of it with every ranged figure drawn from its range (for the
 * ranges of derived shares, ls-ranges.c).
 *
 * yield[s]; production[s * C + c], t: the values used; yield_figure and
 * production_figure: the dataset's figures they come from, with their
 * ranges and evidence (a zero figure where the dataset gives none);
 * flows: LsGivenFlow given in tonnes, read only (for a year of the
 * dataset, the dataset's own array); shares: LsImportShares, each owning
 * its array of shares.
 */
typedef struct
{
  guint     n_stages;
  guint     n_countries;
  double   *yield;
  double   *production;
  LsFigure *yield_figure;
  LsFigure *production_figure;
  GArray   *flows;
  GArray   *shares;
} LsInputs;

LsInputs          *_ls_inputs_new               (LsDataset      *dataset,
                                                 int             year);
LsInputs          *_ls_inputs_sample            (const LsInputs *self,
                                                 GRand          *rand);
gboolean           _ls_inputs_has_ranges        (const LsInputs *self);
void               _ls_inputs_free              (LsInputs       *self);

LsBaseline        *_ls_baseline_new_from_inputs (LsDataset      *dataset,
                                                 int             year,
                                                 LsInputs       *inputs);
const LsFlowState *_ls_baseline_get_state       (const LsBaseline *self);
const LsInputs    *_ls_baseline_get_inputs      (const LsBaseline *self);

/* DESIGN.md "Import shares": the import need of an importer whose next
 * stage needs @need t, that makes @output t itself and ships @given_out t
 * of it in given flows: m = max(0, R − max(0, P − O)). */
static inline double
_ls_import_need (double need,
                 double output,
                 double given_out)
{
  return MAX (0.0, need - MAX (0.0, output - given_out));
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsInputs, _ls_inputs_free)

G_END_DECLS
