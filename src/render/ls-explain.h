/* ls-explain.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ls-ranges.h"
#include "ls-result.h"

G_BEGIN_DECLS

/**
 * LsExplainSubject:
 * @LS_EXPLAIN_DEPENDENCY: the bloc's dependency on non-members at a stage
 * @LS_EXPLAIN_NEED: the bloc's need of a stage's material, four ways
 *   (members, China, other non-members, unmet)
 * @LS_EXPLAIN_WORLD_OUTPUT: a stage's world output: the bloc's, China's
 *   and the rest's shares, by producer
 * @LS_EXPLAIN_USE: the bloc's use at the last stage, met and unmet, by
 *   member
 * @LS_EXPLAIN_SUPPLIER: one supplier's part of the bloc's intake at a
 *   stage (the map's dependency colouring)
 * @LS_EXPLAIN_COUNTRY: one country's output at a stage and what fed it
 *   (a Sankey node, the map's share colouring)
 * @LS_EXPLAIN_FLOW: one flow (a Sankey band)
 *
 * What a figure is that an explanation explains (issue 13 item 3).
 */
typedef enum
{
  LS_EXPLAIN_DEPENDENCY,
  LS_EXPLAIN_NEED,
  LS_EXPLAIN_WORLD_OUTPUT,
  LS_EXPLAIN_USE,
  LS_EXPLAIN_SUPPLIER,
  LS_EXPLAIN_COUNTRY,
  LS_EXPLAIN_FLOW,
} LsExplainSubject;

/* Lines of an explanation that are no country: unmet need, and the
 * producers a world-output explanation sums up. */
#define LS_EXPLAIN_UNMET  G_MAXUINT
#define LS_EXPLAIN_OTHERS (G_MAXUINT - 1)

/**
 * LsExplainLine:
 * @country: the supplier, producer or member the line is about; the
 *   number of countries for `unknown`; %LS_EXPLAIN_UNMET for unmet need,
 *   %LS_EXPLAIN_OTHERS for the producers not listed one by one
 * @tonnes: its tonnes, in the stage's unit
 * @share: its part of the figure's whole (intake, need, output or use)
 * @evidence: what its tonnes rest on
 * @text: the line in words, with its provenance: its source, or
 *   "estimated (method)", or "completed by the model"
 *
 * One part of what a figure is made of.
 */
typedef struct
{
  guint            country;
  double           tonnes;
  double           share;
  LsEvidenceSplit  evidence;
  const char      *text;
} LsExplainLine;

typedef struct _LsExplanation LsExplanation;

LsExplanation       *ls_explanation_new           (const LsResult      *result,
                                                   const LsRanges      *ranges,
                                                   LsExplainSubject     subject,
                                                   guint                stage,
                                                   guint                country,
                                                   guint                partner);
void                 ls_explanation_free          (LsExplanation       *self);

LsExplainSubject     ls_explanation_get_subject   (const LsExplanation *self);
const char          *ls_explanation_get_title     (const LsExplanation *self);
const char          *ls_explanation_get_summary   (const LsExplanation *self);
gboolean             ls_explanation_get_value     (const LsExplanation *self,
                                                   double              *value);
gboolean             ls_explanation_get_range     (const LsExplanation *self,
                                                   double              *low,
                                                   double              *high);
gboolean             ls_explanation_get_evidence  (const LsExplanation *self,
                                                   LsEvidenceSplit     *split);
const char          *ls_explanation_get_evidence_text (const LsExplanation *self);
double               ls_explanation_get_total     (const LsExplanation *self);
guint                ls_explanation_get_n_lines   (const LsExplanation *self);
const LsExplainLine *ls_explanation_get_line      (const LsExplanation *self,
                                                   guint                index);
char                *ls_explanation_to_text       (const LsExplanation *self);

char                *ls_explain_text              (const LsResult      *result,
                                                   const LsRanges      *ranges,
                                                   LsExplainSubject     subject,
                                                   guint                stage,
                                                   guint                country,
                                                   guint                partner);

/* Pieces the panel, the cards and the tooltips share. */
char                *ls_explain_format_range      (double               low,
                                                   double               high);
char                *ls_explain_format_evidence   (const LsEvidenceSplit *split);
char                *ls_explain_flow_provenance   (const LsResult      *result,
                                                   guint                stage,
                                                   guint                from,
                                                   guint                to);
gboolean             ls_explain_get_use           (const LsResult      *result,
                                                   double              *need,
                                                   double              *unmet);

/**
 * LsExplainFigure:
 * @LS_EXPLAIN_FIGURE_DEPENDENCY: the bloc's dependency on non-members
 * @LS_EXPLAIN_FIGURE_UNMET: the unmet part of the bloc's need (at the
 *   last stage: of its use)
 * @LS_EXPLAIN_FIGURE_STAGE: the stage as a whole: the worse of the two
 *
 * A figure whose change against the no-lever baseline is judged.
 */
typedef enum
{
  LS_EXPLAIN_FIGURE_DEPENDENCY,
  LS_EXPLAIN_FIGURE_UNMET,
  LS_EXPLAIN_FIGURE_STAGE,
} LsExplainFigure;

/**
 * LsVerdict:
 * @LS_VERDICT_NONE: no change worth showing
 * @LS_VERDICT_BETTER: better for the bloc
 * @LS_VERDICT_WORSE: worse for the bloc
 * @LS_VERDICT_NEUTRAL: a change that is not better although a number
 *   fell: lower dependency only because supply was lost
 *
 * What a change means for the bloc; views colour it by this, never by
 * the sign of one number (issue 13 item 1).
 */
typedef enum
{
  LS_VERDICT_NONE,
  LS_VERDICT_BETTER,
  LS_VERDICT_WORSE,
  LS_VERDICT_NEUTRAL,
} LsVerdict;

/**
 * LsVerdictReason:
 * @LS_VERDICT_REASON_NONE: the change speaks for itself
 * @LS_VERDICT_REASON_LOST_SUPPLY: dependency fell only because supply
 *   from outside was lost, and more of the need is unmet
 * @LS_VERDICT_REASON_MIXED: dependency fell, members supply more, but
 *   more of the need is unmet too
 */
typedef enum
{
  LS_VERDICT_REASON_NONE,
  LS_VERDICT_REASON_LOST_SUPPLY,
  LS_VERDICT_REASON_MIXED,
} LsVerdictReason;

LsVerdict            ls_explain_judge             (const LsResult      *result,
                                                   const LsResult      *baseline,
                                                   guint                stage,
                                                   LsExplainFigure      figure,
                                                   double              *change,
                                                   LsVerdictReason     *reason);
const char          *ls_verdict_get_style_class   (LsVerdict            verdict);
char                *ls_explain_change_text       (const LsResult      *result,
                                                   const LsResult      *baseline,
                                                   guint                stage,
                                                   LsExplainFigure      figure);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsExplanation, ls_explanation_free)

G_END_DECLS
