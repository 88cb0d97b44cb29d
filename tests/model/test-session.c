/* test-session.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* LsSession, the document: results follow edits, undo and redo with
 * coalesced slider drags, the modified state, the comparison baseline,
 * ranges from a worker thread. No display needed. */

#include "ls-session-private.h"
#include "ls-test-utils.h"

typedef struct
{
  LsDataset *dataset;
  LsSession *session;
  gint64     now;
  guint      n_result;
  guint      n_ranges;
} Fixture;

static gint64
fake_clock (gpointer user_data)
{
  return ((Fixture *) user_data)->now;
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              Fixture    *f)
{
  if (g_str_equal (pspec->name, "result"))
    f->n_result++;
  else if (g_str_equal (pspec->name, "ranges"))
    f->n_ranges++;
}

/* AAA mines 100 (80–120), CCC 50; BBB separates 60 from them pro rata. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dataset = ls_test_build_dataset (2, NULL, "AAA BBB",
                                      "mining AAA 100 80:120, mining CCC 50, separation BBB 60", "");
  f->session = ls_session_new (f->dataset);
  _ls_session_set_clock (f->session, fake_clock, f);
  g_signal_connect (f->session, "notify", G_CALLBACK (on_notify_cb), f);
}

/* A worker thread that computed ranges drops its hold on the dataset when
 * the thread pool lets go of its task, which may come a moment after the
 * result arrived in the main loop: wait for that, not for a set time. */
static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gpointer dataset = f->dataset;

  g_assert_finalize_object (f->session);
  g_object_add_weak_pointer (dataset, &dataset);
  g_object_unref (dataset);
  while (dataset != NULL)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
test_session_result_follows_edits (Fixture       *f,
                                   gconstpointer  data)
{
  LsScenario *scenario = ls_session_get_scenario (f->session);
  LsResult *result = ls_session_get_result (f->session);

  g_assert_nonnull (result);
  g_assert_cmpint (ls_result_get_year (result), ==, 2024);
  g_assert_cmpuint (ls_result_get_n_members (result), ==, 0);
  g_assert_true (ls_session_get_baseline (f->session) == result);

  f->n_result = 0;
  ls_scenario_set_alliance (scenario, "al", TRUE);
  g_assert_cmpuint (f->n_result, ==, 1);
  result = ls_session_get_result (f->session);
  g_assert_cmpuint (ls_result_get_n_members (result), ==, 2);

  /* With a lever, the baseline is the same bloc without it. */
  ls_test_add_capacity (scenario, "separation", "BBB", 30);
  result = ls_session_get_result (f->session);
  g_assert_true (ls_session_get_baseline (f->session) != result);
  assert_close (ls_result_get_production (result, 1, BBB), 90);
  assert_close (ls_result_get_production (ls_session_get_baseline (f->session), 1, BBB), 60);
  g_assert_cmpuint (ls_result_get_n_members (ls_session_get_baseline (f->session)), ==, 2);
}

static void
test_session_undo_redo (Fixture       *f,
                        gconstpointer  data)
{
  LsScenario *scenario = ls_session_get_scenario (f->session);

  g_assert_false (ls_session_get_can_undo (f->session));
  g_assert_false (ls_session_get_can_redo (f->session));

  ls_scenario_set_alliance (scenario, "al", TRUE);
  ls_test_add_capacity (scenario, "separation", "BBB", 30);
  g_assert_true (ls_session_get_can_undo (f->session));

  ls_session_undo (f->session);
  g_assert_cmpuint (ls_scenario_get_n_capacity_changes (scenario), ==, 0);
  g_assert_true (ls_scenario_has_alliance (scenario, "al"));
  assert_close (ls_result_get_production (ls_session_get_result (f->session), 1, BBB), 60);
  g_assert_true (ls_session_get_can_redo (f->session));

  ls_session_undo (f->session);
  g_assert_false (ls_scenario_has_alliance (scenario, "al"));
  g_assert_false (ls_session_get_can_undo (f->session));

  ls_session_redo (f->session);
  ls_session_redo (f->session);
  g_assert_cmpuint (ls_scenario_get_n_capacity_changes (scenario), ==, 1);
  g_assert_false (ls_session_get_can_redo (f->session));

  /* A new edit after an undo drops what could be redone. */
  ls_session_undo (f->session);
  ls_scenario_set_friend_shoring (scenario, 0.5);
  g_assert_false (ls_session_get_can_redo (f->session));
}

/* A slider drag is one undo step: friend-shoring edits closer together
 * than the coalescing window merge; one after a pause does not. */
static void
test_session_coalesce (Fixture       *f,
                       gconstpointer  data)
{
  LsScenario *scenario = ls_session_get_scenario (f->session);

  f->now = 1000000;
  ls_scenario_set_friend_shoring (scenario, 0.1);
  f->now += 100000;
  ls_scenario_set_friend_shoring (scenario, 0.2);
  f->now += 100000;
  ls_scenario_set_friend_shoring (scenario, 0.3);

  ls_session_undo (f->session);
  g_assert_cmpfloat (ls_scenario_get_friend_shoring (scenario), ==, 0.0);
  ls_session_redo (f->session);
  g_assert_cmpfloat (ls_scenario_get_friend_shoring (scenario), ==, 0.3);

  f->now += 5000000;
  ls_scenario_set_friend_shoring (scenario, 0.6);
  ls_session_undo (f->session);
  g_assert_cmpfloat (ls_scenario_get_friend_shoring (scenario), ==, 0.3);

  /* Another kind of edit in between is never merged. */
  ls_scenario_set_friend_shoring (scenario, 0.4);
  ls_scenario_set_alliance (scenario, "al", TRUE);
  f->now += 1000;
  ls_scenario_set_friend_shoring (scenario, 0.45);
  ls_session_undo (f->session);
  g_assert_cmpfloat (ls_scenario_get_friend_shoring (scenario), ==, 0.4);
  g_assert_true (ls_scenario_has_alliance (scenario, "al"));
}

static void
test_session_modified (Fixture       *f,
                       gconstpointer  data)
{
  LsScenario *scenario = ls_session_get_scenario (f->session);
  g_autoptr(LsScenario) preset = ls_test_scenario_new ();

  g_assert_false (ls_session_get_modified (f->session));
  ls_scenario_set_alliance (scenario, "al", TRUE);
  g_assert_true (ls_session_get_modified (f->session));

  ls_session_set_saved (f->session);
  g_assert_false (ls_session_get_modified (f->session));

  ls_scenario_set_friend_shoring (scenario, 0.5);
  g_assert_true (ls_session_get_modified (f->session));
  ls_session_undo (f->session);
  g_assert_false (ls_session_get_modified (f->session));

  /* Replacing is an edit (undoable); resetting starts afresh, saved. */
  ls_scenario_set_name (preset, "Preset");
  ls_session_replace_scenario (f->session, preset);
  g_assert_true (ls_session_get_modified (f->session));
  g_assert_true (ls_session_get_can_undo (f->session));
  ls_session_reset_scenario (f->session, preset);
  g_assert_false (ls_session_get_modified (f->session));
  g_assert_false (ls_session_get_can_undo (f->session));
  g_assert_cmpstr (ls_scenario_get_name (scenario), ==, "Preset");
}

static gboolean
on_timeout_cb (gpointer data)
{
  g_error ("ranges never arrived");
  return G_SOURCE_REMOVE;
}

static void
test_session_ranges (Fixture       *f,
                     gconstpointer  data)
{
  LsScenario *scenario = ls_session_get_scenario (f->session);
  const int *years;
  const double *series;
  guint n_years;
  double low, high;
  guint guard;

  ls_scenario_set_alliance (scenario, "al", TRUE);
  g_assert_null (ls_session_get_ranges (f->session));
  g_assert_false (ls_session_get_series (f->session, 0, &years, &series, &n_years));

  /* Not a timed assertion: a guard against hanging for ever. */
  guard = g_timeout_add_seconds (60, on_timeout_cb, NULL);
  while (ls_session_get_ranges (f->session) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);

  g_assert_true (ls_ranges_get_dependency (ls_session_get_ranges (f->session), 0, &low, &high));
  g_assert_cmpfloat (low, <, 1.0 / 3);
  g_assert_cmpfloat (high, >, 1.0 / 3);

  g_assert_true (ls_session_get_series (f->session, 0, &years, &series, &n_years));
  g_assert_cmpuint (n_years, ==, 1);
  g_assert_cmpint (years[0], ==, 2024);
  assert_close (series[0], 1.0 / 3);

  /* An edit drops them until they are computed again. */
  ls_scenario_set_friend_shoring (scenario, 0.5);
  g_assert_null (ls_session_get_ranges (f->session));
}

static gboolean
on_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Held, edits start no worker: not after twice the delay the ranges wait
 * for edits to settle (RANGES_DELAY_MSEC), nor while one hold of two is
 * left. The last release starts the worker, and they arrive. */
static void
test_session_ranges_held (Fixture       *f,
                          gconstpointer  data)
{
  LsScenario *scenario = ls_session_get_scenario (f->session);
  gboolean waited = FALSE;
  guint guard;

  ls_session_hold_insights (f->session);
  ls_session_hold_insights (f->session);
  ls_scenario_set_alliance (scenario, "al", TRUE);

  g_timeout_add (300, on_flag_cb, &waited);
  while (!waited)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (ls_session_get_ranges (f->session));
  g_assert_cmpuint (f->n_ranges, ==, 0);
  g_assert_true (_ls_session_get_insights_held (f->session));

  ls_session_release_insights (f->session);
  waited = FALSE;
  g_timeout_add (300, on_flag_cb, &waited);
  while (!waited)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (ls_session_get_ranges (f->session));

  g_assert_true (_ls_session_get_insights_held (f->session));
  ls_session_release_insights (f->session);
  g_assert_false (_ls_session_get_insights_held (f->session));
  guard = g_timeout_add_seconds (60, on_timeout_cb, NULL);
  while (ls_session_get_ranges (f->session) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);
  g_assert_cmpuint (f->n_ranges, ==, 1);
}

static void
on_compute_failed_cb (LsSession    *session,
                      const GError *error,
                      gboolean     *failed)
{
  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_UNKNOWN_ID);
  *failed = TRUE;
}

/* A scenario the dataset cannot compute keeps the last result. */
static void
test_session_compute_failed (Fixture       *f,
                             gconstpointer  data)
{
  LsScenario *scenario = ls_session_get_scenario (f->session);
  LsResult *before = ls_session_get_result (f->session);
  gboolean failed = FALSE;

  g_signal_connect (f->session, "compute-failed", G_CALLBACK (on_compute_failed_cb), &failed);
  ls_scenario_set_alliance (scenario, "nato", TRUE);
  g_assert_true (failed);
  g_assert_true (ls_session_get_result (f->session) == before);
}

static void
test_session_dataset (Fixture       *f,
                      gconstpointer  data)
{
  LsScenario *scenario = ls_session_get_scenario (f->session);
  g_autoptr(LsBaseline) first = ls_session_get_year_baseline (f->session, 2024);
  g_autoptr(LsBaseline) again = ls_session_get_year_baseline (f->session, 2024);
  LsDataset *other;

  /* One baseline per year, kept. */
  g_assert_true (first == again);
  g_assert_null (ls_session_get_year_baseline (f->session, 1999));

  ls_scenario_set_alliance (scenario, "al", TRUE);
  other = ls_test_build_dataset (2, NULL, "AAA", "mining AAA 10, separation BBB 5", "");
  ls_session_set_dataset (f->session, other);
  g_object_unref (other);

  g_assert_false (ls_session_get_can_undo (f->session));
  assert_close (ls_result_get_production (ls_session_get_result (f->session), 0, AAA), 10);
  g_clear_pointer (&again, ls_baseline_unref);
  again = ls_session_get_year_baseline (f->session, 2024);
  g_assert_true (first != again);
  g_assert_true (ls_baseline_get_dataset (again) == other);
}

/* Started from a scenario: the same result, history and saved state as
 * a session made empty and then reset to it. */
static void
test_session_new_for_scenario (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(LsScenario) state = ls_test_scenario_new ();
  g_autoptr(LsSession) session = NULL;
  LsResult *result;
  LsResult *expected;

  ls_scenario_set_alliance (state, "al", TRUE);
  ls_test_add_capacity (state, "separation", "BBB", 30);
  ls_session_reset_scenario (f->session, state);
  expected = ls_session_get_result (f->session);

  session = ls_session_new_for_scenario (f->dataset, state);
  result = ls_session_get_result (session);
  g_assert_nonnull (result);
  g_assert_true (ls_scenario_equal (ls_session_get_scenario (session), state));
  g_assert_cmpuint (ls_result_get_n_members (result), ==, ls_result_get_n_members (expected));
  assert_close (ls_result_get_production (result, 1, BBB), ls_result_get_production (expected, 1, BBB));
  assert_close (ls_result_get_production (result, 1, BBB), 90);
  assert_close (ls_result_get_production (ls_session_get_baseline (session), 1, BBB), 60);
  g_assert_false (ls_session_get_modified (session));
  g_assert_false (ls_session_get_can_undo (session));

  /* And it follows edits from there, undoably. */
  ls_scenario_set_friend_shoring (ls_session_get_scenario (session), 0.5);
  g_assert_true (ls_session_get_modified (session));
  g_assert_true (ls_session_get_can_undo (session));
  ls_session_undo (session);
  g_assert_false (ls_session_get_modified (session));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/lodestone/model/session/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("result-follows-edits", test_session_result_follows_edits);
  ADD ("undo-redo", test_session_undo_redo);
  ADD ("coalesce", test_session_coalesce);
  ADD ("modified", test_session_modified);
  ADD ("ranges", test_session_ranges);
  ADD ("ranges-held", test_session_ranges_held);
  ADD ("compute-failed", test_session_compute_failed);
  ADD ("dataset", test_session_dataset);
  ADD ("new-for-scenario", test_session_new_for_scenario);

  return g_test_run ();
}
