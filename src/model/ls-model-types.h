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
typedef struct _LsResult   LsResult;

/* The row of the pseudo-supplier "unknown" in a flow matrix is the
 * number of countries: see ls_result_get_flow(). */
#define LS_UNKNOWN_SUPPLIER_ID "unknown"

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
 * @value: the figure, in the stage's unit (t)
 * @source: (nullable): the id of its source in the dataset
 * @note: (nullable): how an estimate was made, or a remark
 * @estimated: %TRUE when the figure is not published but estimated
 *
 * One number of the dataset and where it comes from.
 */
typedef struct
{
  double      value;
  const char *source;
  const char *note;
  gboolean    estimated;
} LsFigure;

G_END_DECLS
