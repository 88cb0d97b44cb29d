/* ls-result.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ls-baseline.h"
#include "ls-dataset.h"
#include "ls-scenario.h"

G_BEGIN_DECLS

/*
 * Indices: stages 0 … n_stages − 1 in the dataset's order; countries
 * 0 … n_countries − 1 in the dataset's order. A flow of stage s leaves
 * stage s and is input to stage s + 1, so the last stage has none. As a
 * supplier, the index n_countries stands for the pseudo-supplier
 * "unknown" (DESIGN.md "Completing the flows" step 4).
 */

/**
 * LsNeedSplit:
 * @need: the bloc's need, t
 * @members: the part members supply, t
 * @china: the part China supplies when it is not a member, t
 * @other: the part other non-members and `unknown` supply, t
 * @unmet: the part nobody supplies, t
 *
 * The bloc's need of one stage's material and who meets it (issue 13).
 */
typedef struct
{
  double need;
  double members;
  double china;
  double other;
  double unmet;
} LsNeedSplit;

#define LS_TYPE_RESULT (ls_result_get_type ())

GType       ls_result_get_type                 (void) G_GNUC_CONST;
LsResult   *ls_result_new                      (LsDataset     *dataset,
                                                LsScenario    *scenario,
                                                GError       **error);
LsResult   *ls_result_new_for_baseline         (LsBaseline    *baseline,
                                                LsScenario    *scenario,
                                                GError       **error);
LsResult   *ls_result_ref                      (LsResult      *self);
void        ls_result_unref                    (LsResult      *self);

LsDataset  *ls_result_get_dataset              (const LsResult *self);
LsBaseline *ls_result_get_baseline             (const LsResult *self);
int         ls_result_get_year                 (const LsResult *self);
guint       ls_result_get_n_stages             (const LsResult *self);
guint       ls_result_get_n_countries          (const LsResult *self);
gboolean    ls_result_is_member                (const LsResult *self,
                                                guint           country);
guint       ls_result_get_n_members            (const LsResult *self);
double      ls_result_get_friend_shoring       (const LsResult *self);
gboolean    ls_result_is_restricted            (const LsResult *self,
                                                guint           stage,
                                                guint           from,
                                                guint           to);

/* Output, t, in the stage's unit. */
double      ls_result_get_production           (const LsResult *self,
                                                guint           stage,
                                                guint           country);
double      ls_result_get_baseline_production  (const LsResult *self,
                                                guint           stage,
                                                guint           country);
double      ls_result_get_stage_total          (const LsResult *self,
                                                guint           stage);
double      ls_result_get_target               (const LsResult *self,
                                                guint           stage,
                                                guint           country);
double      ls_result_get_shortfall            (const LsResult *self,
                                                guint           stage,
                                                guint           country);
double      ls_result_get_stage_shortfall      (const LsResult *self,
                                                guint           stage);

/* Flows of stage-@stage material, t; @from may be n_countries ("unknown"). */
double      ls_result_get_flow                 (const LsResult *self,
                                                guint           stage,
                                                guint           from,
                                                guint           to);
double      ls_result_get_flow_estimated       (const LsResult *self,
                                                guint           stage,
                                                guint           from,
                                                guint           to);
double      ls_result_get_baseline_flow        (const LsResult *self,
                                                guint           stage,
                                                guint           from,
                                                guint           to);
double      ls_result_get_baseline_flow_estimated (const LsResult *self,
                                                guint           stage,
                                                guint           from,
                                                guint           to);
double      ls_result_get_unallocated          (const LsResult *self,
                                                guint           stage);
double      ls_result_get_country_unallocated  (const LsResult *self,
                                                guint           stage,
                                                guint           country);
double      ls_result_get_unknown_origin       (const LsResult *self,
                                                guint           stage);
double      ls_result_get_unknown_supply       (const LsResult *self,
                                                guint           stage);
double      ls_result_get_baseline_unallocated (const LsResult *self,
                                                guint           stage);
double      ls_result_get_baseline_unknown_origin (const LsResult *self,
                                                guint           stage);

/* Shares in [0, 1] of the stage's world output. */
double      ls_result_get_share                (const LsResult *self,
                                                guint           stage,
                                                guint           country);
double      ls_result_get_bloc_share           (const LsResult *self,
                                                guint           stage);
double      ls_result_get_china_share          (const LsResult *self,
                                                guint           stage);
double      ls_result_get_rest_share           (const LsResult *self,
                                                guint           stage);
double      ls_result_get_hhi                  (const LsResult *self,
                                                guint           stage);
double      ls_result_get_top3_share           (const LsResult *self,
                                                guint           stage,
                                                guint          *top3);

/* The bloc's intake of stage-@stage material and its dependency on
 * non-members (DESIGN.md "Shares reported"). */
double      ls_result_get_bloc_intake          (const LsResult *self,
                                                guint           stage);
gboolean    ls_result_get_dependency           (const LsResult *self,
                                                guint           stage,
                                                double         *non_bloc_share);
double      ls_result_get_dependency_on        (const LsResult *self,
                                                guint           stage,
                                                guint           supplier);
guint       ls_result_get_top_supplier         (const LsResult *self,
                                                guint           stage,
                                                double         *share);

/* Traced origin: the share of the bloc's intake of stage-@stage material
 * that originated in @country at @origin_stage (≤ @stage); @country may be
 * n_countries ("unknown"). */
double      ls_result_get_traced_origin        (const LsResult *self,
                                                guint           stage,
                                                guint           origin_stage,
                                                guint           country);
/* The same for the stage-@stage output of one country. */
double      ls_result_get_country_origin       (const LsResult *self,
                                                guint           stage,
                                                guint           country,
                                                guint           origin_stage,
                                                guint           origin);

/* Evidence: what a figure rests on (src/model/README.md "Evidence"). */
void        ls_result_get_flow_evidence        (const LsResult  *self,
                                                guint            stage,
                                                guint            from,
                                                guint            to,
                                                LsEvidenceSplit *split);
gboolean    ls_result_get_dependency_evidence  (const LsResult  *self,
                                                guint            stage,
                                                LsEvidenceSplit *split);
void        ls_result_get_output_evidence      (const LsResult  *self,
                                                guint            stage,
                                                int              country,
                                                LsEvidenceSplit *split);

gboolean    ls_result_get_need_split           (const LsResult  *self,
                                                guint            stage,
                                                LsNeedSplit     *split);
gboolean    ls_result_get_import_share         (const LsResult  *self,
                                                guint            stage,
                                                const gboolean  *importers,
                                                const gboolean  *suppliers,
                                                double          *share);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsResult, ls_result_unref)

G_END_DECLS
