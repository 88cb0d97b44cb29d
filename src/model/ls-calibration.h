/* ls-calibration.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ls-dataset.h"

G_BEGIN_DECLS

/**
 * LsCalibrationMetric:
 * @LS_CALIBRATION_WORLD_SHARE: a country's share of a stage's world output
 * @LS_CALIBRATION_IMPORT_SHARE: a supplier's share of an importer's
 *   imports of a stage's material
 * @LS_CALIBRATION_DEPENDENCY: a bloc's dependency on non-members
 * @LS_CALIBRATION_STAGE_TOTAL: a stage's world output, t
 *
 * What a calibration target measures (data/README.md, "Calibration").
 */
typedef enum
{
  LS_CALIBRATION_WORLD_SHARE,
  LS_CALIBRATION_IMPORT_SHARE,
  LS_CALIBRATION_DEPENDENCY,
  LS_CALIBRATION_STAGE_TOTAL,
} LsCalibrationMetric;

/**
 * LsCalibrationTarget:
 * @id: the target's id
 * @description: what it is, in words
 * @origin: "FILE:LINE:COLUMN: PATH" of the target, for messages
 * @year: the year it applies to
 * @metric: what it measures
 * @stage: the stage id
 * @country: (nullable): the country, for a world share
 * @importer: (nullable): an ISO3 code or an alliance id, for an import share
 * @supplier: (nullable): an ISO3 code, an alliance id or `unknown`
 * @alliances: (nullable) (array zero-terminated=1): the bloc, for a
 *   dependency
 * @value: the published figure (a fraction, or t)
 * @tolerance: how far the model may be from it (absolute)
 * @source: the dataset's source id of the published figure
 * @basis: (nullable): "value" or "tonnes", what the source measures
 * @note: (nullable): a remark
 *
 * A published derived figure the model must reproduce.
 */
typedef struct
{
  char                *id;
  char                *description;
  char                *origin;
  int                  year;
  LsCalibrationMetric  metric;
  char                *stage;
  char                *country;
  char                *importer;
  char                *supplier;
  char               **alliances;
  double               value;
  double               tolerance;
  char                *source;
  char                *basis;
  char                *note;
} LsCalibrationTarget;

/**
 * LsCalibrationCheck:
 * @defined: %FALSE when the model has no such figure (no imports)
 * @model: the model's figure
 * @low: the low end of its range (ls-ranges.c)
 * @high: the high end of its range
 * @difference: @model − the target's value
 * @met: |@difference| ≤ the tolerance
 */
typedef struct
{
  gboolean defined;
  double   model;
  double   low;
  double   high;
  double   difference;
  gboolean met;
} LsCalibrationCheck;

#define LS_TYPE_CALIBRATION (ls_calibration_get_type ())

G_DECLARE_FINAL_TYPE (LsCalibration, ls_calibration, LS, CALIBRATION, GObject)

LsCalibration             *ls_calibration_new_from_bytes (GBytes         *bytes,
                                                          const char     *filename,
                                                          GError        **error);
LsCalibration             *ls_calibration_new_from_file  (GFile          *file,
                                                          GCancellable   *cancellable,
                                                          GError        **error);
LsCalibration             *ls_calibration_new_default    (GError        **error);
guint                      ls_calibration_get_n_targets  (LsCalibration  *self);
const LsCalibrationTarget *ls_calibration_get_target     (LsCalibration  *self,
                                                          guint           index);
const char                *ls_calibration_metric_to_string (LsCalibrationMetric metric);
LsCalibrationCheck        *ls_calibration_evaluate       (LsCalibration  *self,
                                                          LsDataset      *dataset,
                                                          guint           n_samples,
                                                          GCancellable   *cancellable,
                                                          GError        **error);

G_END_DECLS
