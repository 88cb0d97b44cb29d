/* ls-session.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-session"

#include "config.h"

#include "ls-session-private.h"

#include <math.h>

/*
 * LsSession is the document: the dataset, the scenario being edited, the
 * result of every edit and what the views compare it with, the undo
 * history, and whether the scenario has unsaved changes. Views bind to its
 * properties and never compute; the window only wires them.
 *
 * Every edit of the scenario comes through its ::changed signal: the
 * session records the state before it for undo, recomputes the result
 * from the year's baseline (completed once per year and kept), and later,
 * in a worker thread, the ranges of the shares and the dependency over
 * the years, which the views show when they arrive.
 */

/* Friend-shoring edits closer together than this are one undo step, so
 * that dragging the scale does not fill the history. */
#define COALESCE_USEC (800 * G_TIME_SPAN_MILLISECOND)
#define MAX_UNDO 200
/* The ranges wait for edits to settle, so that a drag is not slowed by
 * draws nobody will see. */
#define RANGES_DELAY_MSEC 150

/* The baselines of one dataset, one per year, made on first use. Shared
 * with the worker threads, which may outlive a change of dataset or the
 * session itself. */
typedef struct
{
  gatomicrefcount  ref_count;
  GMutex           lock;
  LsDataset       *dataset;
  GHashTable      *baselines;  /* year → LsBaseline */
} BaselineCache;

static BaselineCache *
baseline_cache_new (LsDataset *dataset)
{
  BaselineCache *cache = g_new0 (BaselineCache, 1);

  g_atomic_ref_count_init (&cache->ref_count);
  g_mutex_init (&cache->lock);
  cache->dataset = g_object_ref (dataset);
  cache->baselines = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) ls_baseline_unref);

  return cache;
}

static BaselineCache *
baseline_cache_ref (BaselineCache *cache)
{
  g_atomic_ref_count_inc (&cache->ref_count);
  return cache;
}

static void
baseline_cache_unref (BaselineCache *cache)
{
  if (!g_atomic_ref_count_dec (&cache->ref_count))
    return;

  g_hash_table_unref (cache->baselines);
  g_object_unref (cache->dataset);
  g_mutex_clear (&cache->lock);
  g_free (cache);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BaselineCache, baseline_cache_unref)

/* Returns: (transfer full) (nullable): the baseline of @year */
static LsBaseline *
baseline_cache_get (BaselineCache *cache,
                    int            year)
{
  LsBaseline *baseline;

  if (!ls_dataset_has_year (cache->dataset, year))
    return NULL;

  g_mutex_lock (&cache->lock);
  baseline = g_hash_table_lookup (cache->baselines, GINT_TO_POINTER (year));
  if (baseline == NULL)
    {
      baseline = ls_baseline_new (cache->dataset, year);
      g_hash_table_insert (cache->baselines, GINT_TO_POINTER (year), baseline);
    }
  ls_baseline_ref (baseline);
  g_mutex_unlock (&cache->lock);

  return baseline;
}

struct _LsSession
{
  GObject         parent_instance;

  LsDataset      *dataset;
  LsScenario     *scenario;
  LsScenario     *snapshot;      /* the scenario after the last edit */
  LsScenario     *saved;         /* as last saved or opened */
  LsResult       *result;
  LsResult       *baseline;      /* the same bloc, no levers */
  LsRanges       *ranges;
  double         *series;        /* n_stages × n_years, NAN where undefined */

  BaselineCache  *baselines;

  GPtrArray      *undo_stack;    /* LsScenario, oldest first */
  GPtrArray      *redo_stack;
  gint64          last_edit_time;
  gboolean        last_edit_friend_shoring;
  gboolean        restoring;

  GCancellable   *ranges_cancellable;
  guint           ranges_source;
  guint           insights_holds;    /* ls_session_hold_insights() */
  gboolean        insights_pending;  /* asked for while held */

  LsSessionClock  clock;
  gpointer        clock_data;
};

G_DEFINE_FINAL_TYPE (LsSession, ls_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_SCENARIO,
  PROP_RESULT,
  PROP_BASELINE,
  PROP_RANGES,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_MODIFIED,
  N_PROPS
};

enum {
  COMPUTE_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void on_scenario_changed_cb (LsSession *self);

static gint64
monotonic_clock (gpointer user_data)
{
  return g_get_monotonic_time ();
}

/* The year baselines ------------------------------------------------------- */

/**
 * ls_session_get_year_baseline:
 * @year: a year of the dataset
 *
 * The completed baseline of @year, made on first use and kept. Safe to
 * call from any thread.
 *
 * Returns: (transfer full) (nullable): the baseline, or %NULL when the
 *   dataset has no such year
 */
/**
 * ls_session_get_year_baseline:
 * @year: a year of the dataset
 *
 * The completed baseline of @year, made on first use and kept.
 *
 * Returns: (transfer full) (nullable): the baseline, or %NULL when the
 *   dataset has no such year
 */
LsBaseline *
ls_session_get_year_baseline (LsSession *self,
                              int        year)
{
  g_return_val_if_fail (LS_IS_SESSION (self), NULL);

  return baseline_cache_get (self->baselines, year);
}

static int
scenario_year (LsDataset  *dataset,
               LsScenario *scenario)
{
  int year = ls_scenario_get_year (scenario);

  return year != 0 ? year : ls_dataset_get_default_year (dataset);
}

static LsResult *
compute (BaselineCache  *cache,
         LsScenario     *scenario,
         GError        **error)
{
  int year = scenario_year (cache->dataset, scenario);
  g_autoptr(LsBaseline) baseline = baseline_cache_get (cache, year);

  if (baseline == NULL)
    {
      g_set_error (error, LS_DATA_ERROR, LS_DATA_ERROR_UNKNOWN_ID,
                   "the dataset has no year %d", year);
      return NULL;
    }

  return ls_result_new_for_baseline (baseline, scenario, error);
}

static LsScenario *
copy_without_levers (LsScenario *scenario)
{
  LsScenario *copy = ls_scenario_copy (scenario);

  ls_scenario_set_friend_shoring (copy, 0.0);
  while (ls_scenario_get_n_restrictions (copy) > 0)
    ls_scenario_remove_restriction (copy, 0);
  while (ls_scenario_get_n_capacity_changes (copy) > 0)
    ls_scenario_remove_capacity_change (copy, 0);

  return copy;
}

/* Ranges and series, in a worker thread ---------------------------------- */

typedef struct
{
  BaselineCache *cache;    /* the session's when the work started */
  LsScenario *scenario;    /* a copy */
  guint       n_stages;
  int        *years;
  guint       n_years;
  LsRanges   *ranges;
  double     *series;
} Insights;

static void
insights_free (Insights *insights)
{
  g_clear_pointer (&insights->cache, baseline_cache_unref);
  g_clear_object (&insights->scenario);
  g_free (insights->years);
  g_clear_pointer (&insights->ranges, ls_ranges_unref);
  g_free (insights->series);
  g_free (insights);
}

static void
insights_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Insights *insights = task_data;
  g_autoptr(LsBaseline) baseline = NULL;
  g_autoptr(GError) error = NULL;

  /* The bloc's dependency over the years, with the same levers. */
  insights->series = g_new (double, (gsize) insights->n_stages * MAX (1, insights->n_years));
  for (guint y = 0; y < insights->n_years; y++)
    {
      g_autoptr(LsScenario) scenario = ls_scenario_copy (insights->scenario);
      g_autoptr(LsResult) result = NULL;

      if (g_task_return_error_if_cancelled (task))
        return;

      ls_scenario_set_year (scenario, insights->years[y]);
      result = compute (insights->cache, scenario, NULL);

      for (guint s = 0; s < insights->n_stages; s++)
        {
          double value = NAN;

          if (result == NULL || !ls_result_get_dependency (result, s, &value))
            value = NAN;
          insights->series[(gsize) s * insights->n_years + y] = value;
        }
    }

  baseline = baseline_cache_get (insights->cache,
                                 scenario_year (insights->cache->dataset, insights->scenario));
  if (baseline == NULL ||
      !(insights->ranges = ls_ranges_new (baseline, insights->scenario, LS_RANGES_DEFAULT_SAMPLES,
                                          cancellable, &error)))
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "no baseline");
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static void
insights_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(LsSession) self = g_weak_ref_get (ref);
  Insights *insights = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  weak_ref_free (ref);

  /* The session may be gone: the task does not keep it alive, so that
   * closing a window never waits for draws nobody will see. */
  if (self == NULL)
    return;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No ranges: %s", error->message);
      return;
    }

  g_clear_pointer (&self->ranges, ls_ranges_unref);
  g_free (self->series);
  self->ranges = g_steal_pointer (&insights->ranges);
  self->series = g_steal_pointer (&insights->series);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANGES]);
}

static gboolean
start_insights_cb (gpointer user_data)
{
  LsSession *self = user_data;
  g_autoptr(GTask) task = NULL;
  Insights *insights = g_new0 (Insights, 1);
  GWeakRef *ref = g_new0 (GWeakRef, 1);
  const int *years;

  self->ranges_source = 0;

  insights->cache = baseline_cache_ref (self->baselines);
  insights->scenario = ls_scenario_copy (self->scenario);
  insights->n_stages = ls_dataset_get_n_stages (self->dataset);
  years = ls_dataset_get_years (self->dataset, &insights->n_years);
  insights->years = g_memdup2 (years, sizeof (int) * MAX (1, insights->n_years));

  g_clear_object (&self->ranges_cancellable);
  self->ranges_cancellable = g_cancellable_new ();

  g_weak_ref_init (ref, self);
  task = g_task_new (NULL, self->ranges_cancellable, insights_done_cb, ref);
  g_task_set_name (task, "start_insights_cb");
  g_task_set_task_data (task, insights, (GDestroyNotify) insights_free);
  g_task_run_in_thread (task, insights_thread);

  return G_SOURCE_REMOVE;
}

static void
schedule_insights (LsSession *self)
{
  g_cancellable_cancel (self->ranges_cancellable);
  g_clear_handle_id (&self->ranges_source, g_source_remove);

  if (self->ranges != NULL)
    {
      g_clear_pointer (&self->ranges, ls_ranges_unref);
      g_clear_pointer (&self->series, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANGES]);
    }

  if (self->insights_holds > 0)
    {
      self->insights_pending = TRUE;
      return;
    }

  self->ranges_source = g_timeout_add (RANGES_DELAY_MSEC, start_insights_cb, self);
}

/* Recomputing ---------------------------------------------------------------- */

static void
recompute (LsSession *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsResult) result = NULL;
  g_autoptr(LsResult) baseline = NULL;

  /* Made without a dataset yet (ls_session_new_for_scenario()). */
  if (self->baselines == NULL)
    return;

  if (!(result = compute (self->baselines, self->scenario, &error)))
    {
      g_signal_emit (self, signals[COMPUTE_FAILED], 0, error);
      return;
    }

  if (!ls_scenario_has_levers (self->scenario))
    baseline = ls_result_ref (result);
  else
    {
      g_autoptr(LsScenario) plain = copy_without_levers (self->scenario);

      if (!(baseline = compute (self->baselines, plain, &error)))
        g_debug ("No baseline: %s", error->message);
    }

  g_clear_pointer (&self->result, ls_result_unref);
  g_clear_pointer (&self->baseline, ls_result_unref);
  self->result = g_steal_pointer (&result);
  self->baseline = g_steal_pointer (&baseline);

  /* The baseline first: a view bound to the result may read both. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASELINE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);

  schedule_insights (self);
}

static void
update_history_state (LsSession *self,
                      gboolean   could_undo,
                      gboolean   could_redo,
                      gboolean   was_modified)
{
  if (could_undo != ls_session_get_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != ls_session_get_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (was_modified != ls_session_get_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static gboolean
only_friend_shoring_changed (LsScenario *before,
                             LsScenario *after)
{
  g_autoptr(LsScenario) probe = ls_scenario_copy (before);

  ls_scenario_set_friend_shoring (probe, ls_scenario_get_friend_shoring (after));

  return ls_scenario_equal (probe, after) && !ls_scenario_equal (before, after);
}

static void
on_scenario_changed_cb (LsSession *self)
{
  gboolean could_undo = ls_session_get_can_undo (self);
  gboolean could_redo = ls_session_get_can_redo (self);
  gboolean was_modified = ls_session_get_modified (self);

  if (!self->restoring && self->snapshot != NULL)
    {
      gint64 now = self->clock (self->clock_data);
      gboolean friend_only = only_friend_shoring_changed (self->snapshot, self->scenario);
      gboolean coalesce = friend_only && self->last_edit_friend_shoring &&
                          now - self->last_edit_time < COALESCE_USEC &&
                          self->undo_stack->len > 0;

      if (!coalesce)
        {
          g_ptr_array_add (self->undo_stack, g_object_ref (self->snapshot));
          if (self->undo_stack->len > MAX_UNDO)
            g_ptr_array_remove_index (self->undo_stack, 0);
        }
      g_ptr_array_set_size (self->redo_stack, 0);

      self->last_edit_friend_shoring = friend_only;
      self->last_edit_time = now;
    }

  g_clear_object (&self->snapshot);
  self->snapshot = ls_scenario_copy (self->scenario);

  recompute (self);
  update_history_state (self, could_undo, could_redo, was_modified);
}

static void
restore_from (LsSession *self,
              GPtrArray *from,
              GPtrArray *to)
{
  g_autoptr(LsScenario) state = NULL;
  gboolean could_undo = ls_session_get_can_undo (self);
  gboolean could_redo = ls_session_get_can_redo (self);

  if (from->len == 0)
    return;

  state = g_object_ref (g_ptr_array_index (from, from->len - 1));
  g_ptr_array_remove_index (from, from->len - 1);
  g_ptr_array_add (to, ls_scenario_copy (self->scenario));

  self->restoring = TRUE;
  self->last_edit_friend_shoring = FALSE;
  ls_scenario_assign (self->scenario, state);
  self->restoring = FALSE;

  update_history_state (self, could_undo, could_redo, ls_session_get_modified (self));
}

/* GObject ------------------------------------------------------------------ */

static void
ls_session_dispose (GObject *object)
{
  LsSession *self = (LsSession *)object;

  g_cancellable_cancel (self->ranges_cancellable);
  g_clear_handle_id (&self->ranges_source, g_source_remove);
  if (self->scenario != NULL)
    g_signal_handlers_disconnect_by_data (self->scenario, self);

  G_OBJECT_CLASS (ls_session_parent_class)->dispose (object);
}

static void
ls_session_finalize (GObject *object)
{
  LsSession *self = (LsSession *)object;

  g_clear_object (&self->ranges_cancellable);
  g_clear_object (&self->dataset);
  g_clear_object (&self->scenario);
  g_clear_object (&self->snapshot);
  g_clear_object (&self->saved);
  g_clear_pointer (&self->result, ls_result_unref);
  g_clear_pointer (&self->baseline, ls_result_unref);
  g_clear_pointer (&self->ranges, ls_ranges_unref);
  g_clear_pointer (&self->series, g_free);
  g_clear_pointer (&self->baselines, baseline_cache_unref);
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);

  G_OBJECT_CLASS (ls_session_parent_class)->finalize (object);
}

static void
ls_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LsSession *self = LS_SESSION (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;

    case PROP_SCENARIO:
      g_value_set_object (value, self->scenario);
      break;

    case PROP_RESULT:
      g_value_set_boxed (value, self->result);
      break;

    case PROP_BASELINE:
      g_value_set_boxed (value, self->baseline);
      break;

    case PROP_RANGES:
      g_value_set_boxed (value, self->ranges);
      break;

    case PROP_CAN_UNDO:
      g_value_set_boolean (value, ls_session_get_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, ls_session_get_can_redo (self));
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, ls_session_get_modified (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  LsSession *self = LS_SESSION (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      ls_session_set_dataset (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_session_class_init (LsSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ls_session_dispose;
  object_class->finalize = ls_session_finalize;
  object_class->get_property = ls_session_get_property;
  object_class->set_property = ls_session_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         LS_TYPE_DATASET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LsSession:scenario:
   *
   * The scenario being edited. It stays the same object for the life of
   * the session: edit it directly, and the session follows.
   */
  properties[PROP_SCENARIO] =
    g_param_spec_object ("scenario", NULL, NULL,
                         LS_TYPE_SCENARIO,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_RESULT] =
    g_param_spec_boxed ("result", NULL, NULL,
                        LS_TYPE_RESULT,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LsSession:baseline:
   *
   * What the result is compared with: the same bloc and year with no
   * levers.
   */
  properties[PROP_BASELINE] =
    g_param_spec_boxed ("baseline", NULL, NULL,
                        LS_TYPE_RESULT,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LsSession:ranges:
   *
   * The ranges of the result's shares, computed in a worker thread after
   * each edit settles; %NULL until then. The dependency over the years
   * (ls_session_get_series()) arrives with them.
   */
  properties[PROP_RANGES] =
    g_param_spec_boxed ("ranges", NULL, NULL,
                        LS_TYPE_RANGES,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LsSession:modified:
   *
   * Whether the scenario differs from what was last saved or opened.
   */
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LsSession::compute-failed:
   * @error: why
   *
   * The scenario cannot be computed on the dataset (it names a year or
   * an id the dataset does not have): the result stays the last one.
   */
  signals[COMPUTE_FAILED] =
    g_signal_new ("compute-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
ls_session_init (LsSession *self)
{
  self->undo_stack = g_ptr_array_new_with_free_func (g_object_unref);
  self->redo_stack = g_ptr_array_new_with_free_func (g_object_unref);
  self->clock = monotonic_clock;
  self->scenario = ls_scenario_new ();
  self->snapshot = ls_scenario_copy (self->scenario);
  self->saved = ls_scenario_copy (self->scenario);
  g_signal_connect_swapped (self->scenario, "changed", G_CALLBACK (on_scenario_changed_cb), self);
}

/**
 * ls_session_new:
 * @dataset: the dataset
 *
 * A session on @dataset with an empty scenario of its default year.
 *
 * Returns: (transfer full): the session
 */
LsSession *
ls_session_new (LsDataset *dataset)
{
  g_return_val_if_fail (LS_IS_DATASET (dataset), NULL);

  return g_object_new (LS_TYPE_SESSION, "dataset", dataset, NULL);
}

/**
 * ls_session_new_for_scenario:
 * @dataset: the dataset
 * @state: the scenario to start from
 *
 * A session on @dataset whose scenario is @state, as saved and with a
 * fresh history: ls_session_new() then ls_session_reset_scenario(), but
 * computed once rather than first for an empty scenario (the window's
 * start, issue 12).
 *
 * Returns: (transfer full): the session
 */
LsSession *
ls_session_new_for_scenario (LsDataset  *dataset,
                             LsScenario *state)
{
  LsSession *self;

  g_return_val_if_fail (LS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (LS_IS_SCENARIO (state), NULL);

  self = g_object_new (LS_TYPE_SESSION, NULL);

  self->restoring = TRUE;
  ls_scenario_assign (self->scenario, state);
  self->restoring = FALSE;

  ls_session_set_dataset (self, dataset);
  ls_session_set_saved (self);

  return self;
}

LsDataset *
ls_session_get_dataset (LsSession *self)
{
  g_return_val_if_fail (LS_IS_SESSION (self), NULL);
  return self->dataset;
}

/**
 * ls_session_set_dataset:
 *
 * Uses @dataset from now on: the history is cleared (its states may name
 * what the new dataset lacks) and the result recomputed.
 */
void
ls_session_set_dataset (LsSession *self,
                        LsDataset *dataset)
{
  g_return_if_fail (LS_IS_SESSION (self));
  g_return_if_fail (LS_IS_DATASET (dataset));

  if (!g_set_object (&self->dataset, dataset))
    return;

  g_cancellable_cancel (self->ranges_cancellable);
  g_clear_pointer (&self->baselines, baseline_cache_unref);
  self->baselines = baseline_cache_new (dataset);

  ls_session_clear_history (self);
  recompute (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

LsScenario *
ls_session_get_scenario (LsSession *self)
{
  g_return_val_if_fail (LS_IS_SESSION (self), NULL);
  return self->scenario;
}

/**
 * ls_session_replace_scenario:
 * @scenario: the state to take
 *
 * Makes the scenario equal to @scenario as one edit, which undo reverts
 * (a preset, a file opened).
 */
void
ls_session_replace_scenario (LsSession  *self,
                             LsScenario *scenario)
{
  g_return_if_fail (LS_IS_SESSION (self));
  g_return_if_fail (LS_IS_SCENARIO (scenario));

  self->last_edit_friend_shoring = FALSE;
  ls_scenario_assign (self->scenario, scenario);
}

/**
 * ls_session_reset_scenario:
 * @scenario: the state to take
 *
 * Makes the scenario equal to @scenario with a fresh history, as saved
 * (at start-up, when the last scenario is restored).
 */
void
ls_session_reset_scenario (LsSession  *self,
                           LsScenario *scenario)
{
  g_return_if_fail (LS_IS_SESSION (self));
  g_return_if_fail (LS_IS_SCENARIO (scenario));

  self->restoring = TRUE;
  ls_scenario_assign (self->scenario, scenario);
  self->restoring = FALSE;

  ls_session_clear_history (self);
  ls_session_set_saved (self);
  if (self->result == NULL)
    recompute (self);
}

/**
 * ls_session_get_result:
 *
 * Returns: (transfer none) (nullable): the result of the scenario
 */
LsResult *
ls_session_get_result (LsSession *self)
{
  g_return_val_if_fail (LS_IS_SESSION (self), NULL);
  return self->result;
}

/**
 * ls_session_get_baseline:
 *
 * Returns: (transfer none) (nullable): the same bloc and year with no
 *   levers
 */
LsResult *
ls_session_get_baseline (LsSession *self)
{
  g_return_val_if_fail (LS_IS_SESSION (self), NULL);
  return self->baseline;
}

/**
 * ls_session_get_ranges:
 *
 * Returns: (transfer none) (nullable): the ranges of the result's shares,
 *   or %NULL while they are computed
 */
LsRanges *
ls_session_get_ranges (LsSession *self)
{
  g_return_val_if_fail (LS_IS_SESSION (self), NULL);
  return self->ranges;
}

/**
 * ls_session_hold_insights:
 *
 * Holds back the ranges and the series: edits until the matching
 * ls_session_release_insights() start no worker (one already running
 * goes on). A window holds them until its first frame is drawn, so that
 * ~100 ms of sampling does not compete with the start for the cores
 * (issue 12). Holds nest.
 */
void
ls_session_hold_insights (LsSession *self)
{
  g_return_if_fail (LS_IS_SESSION (self));

  if (self->insights_holds++ == 0 && self->ranges_source != 0)
    {
      g_clear_handle_id (&self->ranges_source, g_source_remove);
      self->insights_pending = TRUE;
    }
}

/**
 * ls_session_release_insights:
 *
 * Drops a hold of ls_session_hold_insights(); the last one starts the
 * worker at once if an edit asked for it meanwhile.
 */
void
ls_session_release_insights (LsSession *self)
{
  g_return_if_fail (LS_IS_SESSION (self));
  g_return_if_fail (self->insights_holds > 0);

  if (--self->insights_holds > 0 || !self->insights_pending)
    return;

  self->insights_pending = FALSE;
  start_insights_cb (self);
}

gboolean
_ls_session_get_insights_held (LsSession *self)
{
  g_return_val_if_fail (LS_IS_SESSION (self), FALSE);

  return self->insights_holds > 0 && self->insights_pending;
}

/**
 * ls_session_get_series:
 * @years: (out) (transfer none): the dataset's years
 * @dependency: (out) (transfer none): the bloc's dependency at @stage in
 *   each year, with the scenario's levers; NaN where undefined
 *
 * Returns: %FALSE while the series is computed (it arrives with
 *   #LsSession:ranges)
 */
gboolean
ls_session_get_series (LsSession     *self,
                       guint          stage,
                       const int    **years,
                       const double **dependency,
                       guint         *n_years)
{
  g_return_val_if_fail (LS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (stage < ls_dataset_get_n_stages (self->dataset), FALSE);

  *years = ls_dataset_get_years (self->dataset, n_years);
  *dependency = self->series != NULL ? &self->series[(gsize) stage * *n_years] : NULL;

  return self->series != NULL;
}

gboolean
ls_session_get_can_undo (LsSession *self)
{
  g_return_val_if_fail (LS_IS_SESSION (self), FALSE);
  return self->undo_stack->len > 0;
}

gboolean
ls_session_get_can_redo (LsSession *self)
{
  g_return_val_if_fail (LS_IS_SESSION (self), FALSE);
  return self->redo_stack->len > 0;
}

void
ls_session_undo (LsSession *self)
{
  g_return_if_fail (LS_IS_SESSION (self));
  restore_from (self, self->undo_stack, self->redo_stack);
}

void
ls_session_redo (LsSession *self)
{
  g_return_if_fail (LS_IS_SESSION (self));
  restore_from (self, self->redo_stack, self->undo_stack);
}

void
ls_session_clear_history (LsSession *self)
{
  gboolean could_undo;
  gboolean could_redo;

  g_return_if_fail (LS_IS_SESSION (self));

  could_undo = ls_session_get_can_undo (self);
  could_redo = ls_session_get_can_redo (self);

  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  g_clear_object (&self->snapshot);
  self->snapshot = ls_scenario_copy (self->scenario);

  update_history_state (self, could_undo, could_redo, ls_session_get_modified (self));
}

gboolean
ls_session_get_modified (LsSession *self)
{
  g_return_val_if_fail (LS_IS_SESSION (self), FALSE);
  return !ls_scenario_equal (self->scenario, self->saved);
}

/**
 * ls_session_set_saved:
 *
 * The scenario as it is now has been saved (or opened): it is no longer
 * modified.
 */
void
ls_session_set_saved (LsSession *self)
{
  gboolean was_modified;

  g_return_if_fail (LS_IS_SESSION (self));

  was_modified = ls_session_get_modified (self);
  g_clear_object (&self->saved);
  self->saved = ls_scenario_copy (self->scenario);

  if (was_modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

void
_ls_session_set_clock (LsSession      *self,
                       LsSessionClock  clock,
                       gpointer        user_data)
{
  self->clock = clock != NULL ? clock : monotonic_clock;
  self->clock_data = user_data;
}
