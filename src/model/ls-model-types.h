/* ls-model-types.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _LsDataset  LsDataset;
typedef struct _LsScenario LsScenario;
typedef struct _LsBaseline LsBaseline;
typedef struct _LsResult   LsResult;

/* The row of the pseudo-supplier "unknown" in a flow matrix is the
 * number of countries: see ls_result_get_flow(). */
#define LS_UNKNOWN_SUPPLIER_ID "unknown"

/* The largest tonnage a dataset or a scenario may hold, t: a thousand
 * times the world's mine output of every metal but iron, so that no sum
 * of figures overflows and no share becomes NaN (issue 14). */
#define LS_MAX_TONNES 1e9

/* The smallest yield a stage may have: a need is output over yield, and
 * no stage of the chain loses 999 parts in 1,000 of its input. */
#define LS_MIN_YIELD 1e-3

/**
 * LsDataError:
 * @LS_DATA_ERROR_PARSE: the file is not JSON, or is truncated
 * @LS_DATA_ERROR_TYPE: a member has the wrong JSON type
 * @LS_DATA_ERROR_VALUE: a number is negative, not finite or out of range,
 *   or a string is not one of the allowed values
 * @LS_DATA_ERROR_MISSING: a required member is absent
 * @LS_DATA_ERROR_UNKNOWN_ID: a stage, country, source, alliance or year
 *   that is not defined
 * @LS_DATA_ERROR_DUPLICATE: an id, a member or an entry given twice
 * @LS_DATA_ERROR_INCONSISTENT: figures that contradict each other, such as
 *   a flow from a country that produces nothing at that stage
 * @LS_DATA_ERROR_IO: the file could not be read or written
 *
 * Errors from reading a dataset or a scenario. Messages have the form
 * `FILE:LINE:COLUMN: JSON-PATH: what is wrong`.
 */
typedef enum
{
  LS_DATA_ERROR_PARSE,
  LS_DATA_ERROR_TYPE,
  LS_DATA_ERROR_VALUE,
  LS_DATA_ERROR_MISSING,
  LS_DATA_ERROR_UNKNOWN_ID,
  LS_DATA_ERROR_DUPLICATE,
  LS_DATA_ERROR_INCONSISTENT,
  LS_DATA_ERROR_IO,
} LsDataError;

#define LS_DATA_ERROR (ls_data_error_quark ())

GQuark ls_data_error_quark (void);

/**
 * LsFigure:
 * @value: the figure, in the stage's unit (t), or a fraction
 * @low: the low end of its range; @value when the dataset gives none
 * @high: the high end of its range; @value when the dataset gives none
 * @source: (nullable): the id of its source in the dataset
 * @note: (nullable): how an estimate was made, or a remark
 * @estimated: %TRUE when the figure is not published but estimated
 *
 * One number of the dataset and where it comes from.
 */
typedef struct
{
  double      value;
  double      low;
  double      high;
  const char *source;
  const char *note;
  gboolean    estimated;
} LsFigure;

/**
 * LsEvidence:
 * @LS_EVIDENCE_PUBLISHED: a figure a source publishes
 * @LS_EVIDENCE_ESTIMATED: a figure of the dataset marked estimated, with
 *   its method (this includes flows resolved from import shares)
 * @LS_EVIDENCE_MODELLED: made by the model: completed flows (domestic
 *   supply, proportional allocation, unknown origin), re-routed and
 *   swapped flows, output changed by a lever
 *
 * What a derived figure rests on (issue 9, "Evidence for every derived
 * figure"; src/model/README.md).
 */
typedef enum
{
  LS_EVIDENCE_PUBLISHED,
  LS_EVIDENCE_ESTIMATED,
  LS_EVIDENCE_MODELLED,
} LsEvidence;

#define LS_N_EVIDENCE 3

/**
 * LsEvidenceSplit:
 * @part: the fraction of the tonnes behind a figure under each
 *   #LsEvidence; they sum to 1, or are all 0 when no tonnes are behind it
 */
typedef struct
{
  double part[LS_N_EVIDENCE];
} LsEvidenceSplit;

G_END_DECLS
