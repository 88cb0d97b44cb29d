/* ls-calibration.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-calibration"

#include "config.h"

#include "ls-calibration.h"
#include "ls-json-reader-private.h"
#include "ls-model-resources.h"
#include "ls-ranges-private.h"
#include "ls-result.h"

#include <math.h>

/*
 * Calibration targets (data/calibration.json): published derived figures
 * the model must reproduce on the shipped data within a tolerance, such as
 * China's share of Korea's magnet imports. Each is evaluated on the
 * no-lever baseline of its year (a dependency, on the bloc it names), with
 * the range its figures' ranges give it.
 */

#define CALIBRATION_FORMAT "lodestone-calibration"
#define CALIBRATION_VERSION 1

struct _LsCalibration
{
  GObject  parent_instance;
  GArray  *targets;  /* LsCalibrationTarget */
};

G_DEFINE_FINAL_TYPE (LsCalibration, ls_calibration, G_TYPE_OBJECT)

static const char * const metric_names[] = {
  [LS_CALIBRATION_WORLD_SHARE] = "world_share",
  [LS_CALIBRATION_IMPORT_SHARE] = "import_share",
  [LS_CALIBRATION_DEPENDENCY] = "dependency",
  [LS_CALIBRATION_STAGE_TOTAL] = "stage_total",
};

static void
clear_target (gpointer data)
{
  LsCalibrationTarget *target = data;

  g_free (target->id);
  g_free (target->description);
  g_free (target->origin);
  g_free (target->stage);
  g_free (target->country);
  g_free (target->importer);
  g_free (target->supplier);
  g_strfreev (target->alliances);
  g_free (target->source);
  g_free (target->basis);
  g_free (target->note);
}

static void
ls_calibration_finalize (GObject *object)
{
  LsCalibration *self = (LsCalibration *)object;

  g_clear_pointer (&self->targets, g_array_unref);

  G_OBJECT_CLASS (ls_calibration_parent_class)->finalize (object);
}

static void
ls_calibration_class_init (LsCalibrationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ls_calibration_finalize;
}

static void
ls_calibration_init (LsCalibration *self)
{
  self->targets = g_array_new (FALSE, TRUE, sizeof (LsCalibrationTarget));
  g_array_set_clear_func (self->targets, clear_target);
}

const char *
ls_calibration_metric_to_string (LsCalibrationMetric metric)
{
  g_return_val_if_fail (metric < G_N_ELEMENTS (metric_names), NULL);
  return metric_names[metric];
}

/* Loading ----------------------------------------------------------------- */

static gboolean
read_string (LsJsonReader       *reader,
             const LsJsonValue  *object,
             const LsJsonPath   *path,
             const char         *name,
             gboolean            required,
             char              **value,
             GError            **error)
{
  LsJsonPath member_path = _ls_json_path_member (path, name);
  const LsJsonValue *member;
  const char *str;

  if (!(member = _ls_json_member (reader, object, path, name, required, error)))
    return !required && (error == NULL || *error == NULL);

  if (!_ls_json_string (reader, member, &member_path, &str, error))
    return FALSE;

  if (str[0] == '\0')
    {
      _ls_json_reader_set_error (reader, error, member, &member_path, LS_DATA_ERROR_VALUE, "must not be empty");
      return FALSE;
    }

  *value = g_strdup (str);
  return TRUE;
}

static gboolean
read_number (LsJsonReader       *reader,
             const LsJsonValue  *object,
             const LsJsonPath   *path,
             const char         *name,
             double              max,
             double             *value,
             GError            **error)
{
  LsJsonPath member_path = _ls_json_path_member (path, name);
  const LsJsonValue *member;

  return (member = _ls_json_member (reader, object, path, name, TRUE, error)) &&
         _ls_json_number (reader, member, &member_path, 0.0, max, value, error);
}

static gboolean
read_alliances (LsJsonReader         *reader,
                const LsJsonValue    *object,
                const LsJsonPath     *path,
                LsCalibrationTarget  *target,
                GError              **error)
{
  LsJsonPath array_path = _ls_json_path_member (path, "alliances");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const LsJsonValue *array;
  const LsJsonValue *element;

  if (!(array = _ls_json_member (reader, object, path, "alliances", TRUE, error)) ||
      !_ls_json_array (reader, array, &array_path, error))
    return FALSE;

  if (array->length == 0)
    {
      _ls_json_reader_set_error (reader, error, array, &array_path, LS_DATA_ERROR_VALUE,
                                 "names no alliance");
      return FALSE;
    }

  element = _ls_json_first (array);
  for (guint i = 0; i < array->length; i++, element = _ls_json_next (element))
    {
      LsJsonPath element_path = _ls_json_path_element (&array_path, i);
      const char *id;

      if (!_ls_json_string (reader, element, &element_path, &id, error))
        return FALSE;
      g_strv_builder_add (builder, id);
    }

  target->alliances = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_target (LsCalibration      *self,
             LsJsonReader       *reader,
             const LsJsonValue  *element,
             const LsJsonPath   *path,
             GError            **error)
{
  LsCalibrationTarget target = { 0 };
  LsJsonPath year_path = _ls_json_path_member (path, "year");
  LsJsonPath metric_path = _ls_json_path_member (path, "metric");
  g_autofree char *metric = NULL;
  const LsJsonValue *member;
  gint64 year;
  double max;
  gboolean found = FALSE;

  /* Appended at once so that the array frees what is read on errors. */
  g_array_append_val (self->targets, target);
#define TARGET (&g_array_index (self->targets, LsCalibrationTarget, self->targets->len - 1))

  TARGET->origin = _ls_json_reader_describe_position (reader, element, path);

  if (!read_string (reader, element, path, "id", TRUE, &TARGET->id, error) ||
      !_ls_json_check_id (reader, _ls_json_get (element, "id"), path, TARGET->id, FALSE, error) ||
      !read_string (reader, element, path, "description", TRUE, &TARGET->description, error) ||
      !read_string (reader, element, path, "stage", TRUE, &TARGET->stage, error) ||
      !read_string (reader, element, path, "source", TRUE, &TARGET->source, error) ||
      !read_string (reader, element, path, "basis", FALSE, &TARGET->basis, error) ||
      !read_string (reader, element, path, "note", FALSE, &TARGET->note, error) ||
      !read_string (reader, element, path, "metric", TRUE, &metric, error))
    return FALSE;

  for (guint i = 0; i + 1 < self->targets->len; i++)
    if (g_str_equal (g_array_index (self->targets, LsCalibrationTarget, i).id, TARGET->id))
      {
        _ls_json_reader_set_error (reader, error, _ls_json_get (element, "id"),
                                   path, LS_DATA_ERROR_DUPLICATE, "“%s” is defined twice", TARGET->id);
        return FALSE;
      }

  if (!(member = _ls_json_member (reader, element, path, "year", TRUE, error)) ||
      !_ls_json_integer (reader, member, &year_path, &year, error))
    return FALSE;
  if (year < 1900 || year > 2200)
    {
      _ls_json_reader_set_error (reader, error, member, &year_path, LS_DATA_ERROR_VALUE,
                                 "%" G_GINT64_FORMAT " is not a plausible year", year);
      return FALSE;
    }
  TARGET->year = year;

  for (guint m = 0; m < G_N_ELEMENTS (metric_names); m++)
    if (g_str_equal (metric, metric_names[m]))
      {
        TARGET->metric = m;
        found = TRUE;
      }

  if (!found)
    {
      _ls_json_reader_set_error (reader, error, _ls_json_get (element, "metric"),
                                 &metric_path, LS_DATA_ERROR_VALUE,
                                 "unknown metric “%s” (world_share, import_share, dependency or stage_total)",
                                 metric);
      return FALSE;
    }

  switch (TARGET->metric)
    {
    case LS_CALIBRATION_WORLD_SHARE:
      if (!read_string (reader, element, path, "country", TRUE, &TARGET->country, error))
        return FALSE;
      break;

    case LS_CALIBRATION_IMPORT_SHARE:
      if (!read_string (reader, element, path, "importer", TRUE, &TARGET->importer, error) ||
          !read_string (reader, element, path, "supplier", TRUE, &TARGET->supplier, error))
        return FALSE;
      break;

    case LS_CALIBRATION_DEPENDENCY:
      if (!read_alliances (reader, element, path, TARGET, error))
        return FALSE;
      break;

    case LS_CALIBRATION_STAGE_TOTAL:
    default:
      break;
    }

  max = TARGET->metric == LS_CALIBRATION_STAGE_TOTAL ? LS_MAX_TONNES : 1.0;
  if (!read_number (reader, element, path, "value", max, &TARGET->value, error) ||
      !read_number (reader, element, path, "tolerance", max, &TARGET->tolerance, error))
    return FALSE;

#undef TARGET
  return TRUE;
}

static gboolean
ls_calibration_load (gpointer       object,
                     LsJsonReader  *reader,
                     GError       **error)
{
  LsCalibration *self = object;
  const LsJsonValue *root = _ls_json_reader_get_root (reader);
  const LsJsonPath path = LS_JSON_PATH_ROOT;
  const LsJsonPath targets_path = _ls_json_path_member (&path, "targets");
  const LsJsonValue *targets;
  const LsJsonValue *element;

  if (!_ls_json_check_header (reader, CALIBRATION_FORMAT, CALIBRATION_VERSION, error))
    return FALSE;

  if (!(targets = _ls_json_member (reader, root, &path, "targets", TRUE, error)) ||
      !_ls_json_array (reader, targets, &targets_path, error))
    return FALSE;

  element = _ls_json_first (targets);
  for (guint i = 0; i < targets->length; i++, element = _ls_json_next (element))
    {
      LsJsonPath target_path = _ls_json_path_element (&targets_path, i);

      if (!_ls_json_object (reader, element, &target_path, error) ||
          !read_target (self, reader, element, &target_path, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * ls_calibration_new_from_bytes:
 *
 * Returns: (transfer full) (nullable): the targets, or %NULL with @error
 *   naming file, line, column and JSON path
 */
LsCalibration *
ls_calibration_new_from_bytes (GBytes      *bytes,
                               const char  *filename,
                               GError     **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);

  return _ls_json_read_bytes (bytes, filename, LS_TYPE_CALIBRATION, ls_calibration_load, error);
}

LsCalibration *
ls_calibration_new_from_file (GFile         *file,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return _ls_json_read_file (file, cancellable, LS_TYPE_CALIBRATION, ls_calibration_load, error);
}

/**
 * ls_calibration_new_default:
 *
 * The targets of the embedded dataset (data/calibration.json).
 *
 * Returns: (transfer full) (nullable): the targets
 */
LsCalibration *
ls_calibration_new_default (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_resource_lookup_data (ls_model_get_resource (), APP_PATH "/calibration.json",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  return ls_calibration_new_from_bytes (bytes, "calibration.json", error);
}

guint
ls_calibration_get_n_targets (LsCalibration *self)
{
  g_return_val_if_fail (LS_IS_CALIBRATION (self), 0);
  return self->targets->len;
}

const LsCalibrationTarget *
ls_calibration_get_target (LsCalibration *self,
                           guint          index)
{
  g_return_val_if_fail (LS_IS_CALIBRATION (self), NULL);
  g_return_val_if_fail (index < self->targets->len, NULL);
  return &g_array_index (self->targets, LsCalibrationTarget, index);
}

/* Evaluation ------------------------------------------------------------- */

typedef struct
{
  const LsCalibrationTarget *target;
  guint                      stage;
  gboolean                  *first;   /* importers, or the country (C + 1 flags) */
  gboolean                  *second;  /* suppliers (C + 1 flags) */
  double                    *draws;
} Resolved;

static void
resolved_clear (Resolved *r)
{
  g_free (r->first);
  g_free (r->second);
  g_free (r->draws);
}

/* A country, an alliance (its members in @year) or `unknown`. */
static gboolean
resolve_party (LsDataset                  *dataset,
               const LsCalibrationTarget  *target,
               const char                 *member,
               const char                 *id,
               gboolean                   *flags,
               GError                    **error)
{
  guint C = ls_dataset_get_n_countries (dataset);
  int index;

  if (g_str_equal (id, LS_UNKNOWN_SUPPLIER_ID))
    {
      flags[C] = TRUE;
      return TRUE;
    }

  if ((index = ls_dataset_lookup_country (dataset, id)) >= 0)
    {
      flags[index] = TRUE;
      return TRUE;
    }

  if ((index = ls_dataset_lookup_alliance (dataset, id)) >= 0)
    {
      for (guint c = 0; c < C; c++)
        flags[c] = ls_dataset_alliance_has_member_in_year (dataset, index, c, target->year);
      return TRUE;
    }

  g_set_error (error, LS_DATA_ERROR, LS_DATA_ERROR_UNKNOWN_ID,
               "%s.%s: “%s” is neither a country, an alliance nor “" LS_UNKNOWN_SUPPLIER_ID "”",
               target->origin, member, id);
  return FALSE;
}

static gboolean
resolve_target (LsDataset                  *dataset,
                const LsCalibrationTarget  *target,
                Resolved                   *r,
                GError                    **error)
{
  guint C = ls_dataset_get_n_countries (dataset);
  int stage;

  r->target = target;
  r->first = g_new0 (gboolean, C + 1);
  r->second = g_new0 (gboolean, C + 1);

  if (!ls_dataset_has_year (dataset, target->year))
    {
      g_set_error (error, LS_DATA_ERROR, LS_DATA_ERROR_UNKNOWN_ID,
                   "%s.year: the dataset has no year %d", target->origin, target->year);
      return FALSE;
    }

  if ((stage = ls_dataset_lookup_stage (dataset, target->stage)) < 0)
    {
      g_set_error (error, LS_DATA_ERROR, LS_DATA_ERROR_UNKNOWN_ID,
                   "%s.stage: unknown stage “%s”", target->origin, target->stage);
      return FALSE;
    }
  r->stage = stage;

  if (ls_dataset_lookup_source (dataset, target->source) < 0)
    {
      g_set_error (error, LS_DATA_ERROR, LS_DATA_ERROR_UNKNOWN_ID,
                   "%s.source: unknown source “%s”", target->origin, target->source);
      return FALSE;
    }

  switch (target->metric)
    {
    case LS_CALIBRATION_WORLD_SHARE:
      if (ls_dataset_lookup_country (dataset, target->country) < 0)
        {
          g_set_error (error, LS_DATA_ERROR, LS_DATA_ERROR_UNKNOWN_ID,
                       "%s.country: unknown country “%s”", target->origin, target->country);
          return FALSE;
        }
      r->first[ls_dataset_lookup_country (dataset, target->country)] = TRUE;
      return TRUE;

    case LS_CALIBRATION_IMPORT_SHARE:
      if ((guint) stage + 1 >= ls_dataset_get_n_stages (dataset))
        {
          g_set_error (error, LS_DATA_ERROR, LS_DATA_ERROR_VALUE,
                       "%s.stage: “%s” is the last stage: nothing is imported from it",
                       target->origin, target->stage);
          return FALSE;
        }
      return resolve_party (dataset, target, "importer", target->importer, r->first, error) &&
             resolve_party (dataset, target, "supplier", target->supplier, r->second, error);

    case LS_CALIBRATION_DEPENDENCY:
      for (guint i = 0; target->alliances[i] != NULL; i++)
        if (ls_dataset_lookup_alliance (dataset, target->alliances[i]) < 0)
          {
            g_set_error (error, LS_DATA_ERROR, LS_DATA_ERROR_UNKNOWN_ID,
                         "%s.alliances[%u]: unknown alliance “%s”", target->origin, i, target->alliances[i]);
            return FALSE;
          }
      return TRUE;

    case LS_CALIBRATION_STAGE_TOTAL:
    default:
      return TRUE;
    }
}

static double
evaluate (const Resolved *r,
          LsResult       *result)
{
  guint C = ls_result_get_n_countries (result);
  double value = NAN;

  switch (r->target->metric)
    {
    case LS_CALIBRATION_WORLD_SHARE:
      for (guint c = 0; c < C; c++)
        if (r->first[c])
          value = ls_result_get_share (result, r->stage, c);
      return value;

    case LS_CALIBRATION_IMPORT_SHARE:
      return ls_result_get_import_share (result, r->stage, r->first, r->second, &value) ? value : NAN;

    case LS_CALIBRATION_DEPENDENCY:
      return ls_result_get_dependency (result, r->stage, &value) ? value : NAN;

    case LS_CALIBRATION_STAGE_TOTAL:
    default:
      return ls_result_get_stage_total (result, r->stage);
    }
}

/* The scenario a target is measured in: its year, no levers, and for a
 * dependency the bloc of its alliances as they were that year. */
static char *
scenario_key (const LsCalibrationTarget *target)
{
  g_autofree char *bloc = NULL;

  if (target->metric == LS_CALIBRATION_DEPENDENCY)
    bloc = g_strjoinv (",", target->alliances);

  return g_strdup_printf ("%d|%s", target->year, bloc != NULL ? bloc : "");
}

typedef struct
{
  Resolved *resolved;
  GArray   *members;  /* guint: the targets of one scenario */
} Group;

static void
collect (LsResult *result,
         guint     sample,
         gpointer  user_data)
{
  Group *group = user_data;

  for (guint k = 0; k < group->members->len; k++)
    {
      Resolved *r = &group->resolved[g_array_index (group->members, guint, k)];

      r->draws[sample] = evaluate (r, result);
    }
}

/**
 * ls_calibration_evaluate:
 * @n_samples: draws for the ranges (0: no ranges, each range is the figure)
 *
 * Runs the model on @dataset for every target.
 *
 * Returns: (transfer full) (array) (nullable): one check per target, or
 *   %NULL when a target names what @dataset does not have
 */
LsCalibrationCheck *
ls_calibration_evaluate (LsCalibration  *self,
                         LsDataset      *dataset,
                         guint           n_samples,
                         GCancellable   *cancellable,
                         GError        **error)
{
  guint n = self->targets->len;
  g_autofree LsCalibrationCheck *checks = g_new0 (LsCalibrationCheck, MAX (1, n));
  g_autofree Resolved *resolved = g_new0 (Resolved, MAX (1, n));
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_array_unref);
  GHashTableIter iter;
  gpointer key;
  gpointer value;
  gboolean ok = TRUE;

  g_return_val_if_fail (LS_IS_CALIBRATION (self), NULL);
  g_return_val_if_fail (LS_IS_DATASET (dataset), NULL);

  for (guint k = 0; k < n && ok; k++)
    {
      const LsCalibrationTarget *target = ls_calibration_get_target (self, k);
      char *group_key = scenario_key (target);
      GArray *members;

      ok = resolve_target (dataset, target, &resolved[k], error);
      resolved[k].draws = g_new0 (double, MAX (1, n_samples));

      if (!(members = g_hash_table_lookup (groups, group_key)))
        {
          members = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (groups, group_key, members);
        }
      else
        g_free (group_key);
      g_array_append_val (members, k);
    }

  g_hash_table_iter_init (&iter, groups);
  while (ok && g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *members = value;
      const LsCalibrationTarget *first = resolved[g_array_index (members, guint, 0)].target;
      g_autoptr(LsScenario) scenario = ls_scenario_new ();
      g_autoptr(LsBaseline) baseline = ls_baseline_new (dataset, first->year);
      g_autoptr(LsResult) result = NULL;
      Group group = { resolved, members };

      ls_scenario_set_year (scenario, first->year);
      if (first->metric == LS_CALIBRATION_DEPENDENCY)
        for (guint i = 0; first->alliances[i] != NULL; i++)
          ls_scenario_set_alliance (scenario, first->alliances[i], TRUE);

      if (!(result = ls_result_new_for_baseline (baseline, scenario, error)))
        {
          ok = FALSE;
          break;
        }

      for (guint m = 0; m < members->len; m++)
        {
          guint k = g_array_index (members, guint, m);
          LsCalibrationCheck *check = &checks[k];

          check->model = evaluate (&resolved[k], result);
          check->defined = !isnan (check->model);
          check->low = check->high = check->model;
          if (check->defined)
            {
              check->difference = check->model - resolved[k].target->value;
              check->met = fabs (check->difference) <= resolved[k].target->tolerance + 1e-12;
            }
        }

      if (n_samples > 0 &&
          !_ls_ranges_sample (baseline, scenario, n_samples, cancellable, collect, &group, error))
        {
          ok = FALSE;
          break;
        }

      for (guint m = 0; m < members->len && n_samples > 0; m++)
        {
          guint k = g_array_index (members, guint, m);

          if (checks[k].defined)
            _ls_ranges_percentiles (resolved[k].draws, n_samples, checks[k].model,
                                    &checks[k].low, &checks[k].high);
        }
    }

  for (guint k = 0; k < n; k++)
    resolved_clear (&resolved[k]);

  if (!ok)
    return NULL;

  return g_steal_pointer (&checks);
}
