/* test-scenario.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* LsScenario: JSON form, saving, copy/equal/assign, the bloc (DESIGN.md
 * "A scenario": union of chosen alliances, plus added, minus removed) and
 * change notification. */

#include <glib/gstdio.h>

#include "ls-dataset.h"
#include "ls-result.h"
#include "ls-scenario.h"
#include "ls-test-utils.h"

/* Countries AAA, BBB, CCC, DDD, CHN; alliance al = AAA, BBB; al2 = BBB, CCC. */
static const char dataset_json[] =
  "{\"format\": \"lodestone-dataset\", \"version\": 1, \"title\": \"t\", \"default_year\": 2024,\n"
  " \"sources\": [{\"id\": \"s1\", \"title\": \"Source\", \"detail\": \"table 1\", \"url\": \"https://example.org\"}],\n"
  " \"stages\": [{\"id\": \"mining\", \"name\": \"Mining\", \"unit\": \"t REO\", \"yield\": {\"value\": 1, \"source\": \"s1\"}},\n"
  "            {\"id\": \"separation\", \"name\": \"Separation\", \"unit\": \"t\", \"yield\": {\"value\": 0.5, \"source\": \"s1\"}}],\n"
  " \"countries\": [{\"id\": \"AAA\", \"name\": \"A\", \"label\": {\"lat\": 1, \"lon\": 2}},\n"
  "               {\"id\": \"BBB\", \"name\": \"B\", \"label\": {\"lat\": 1, \"lon\": 2}},\n"
  "               {\"id\": \"CCC\", \"name\": \"C\", \"label\": {\"lat\": 1, \"lon\": 2}},\n"
  "               {\"id\": \"DDD\", \"name\": \"D\", \"label\": {\"lat\": 1, \"lon\": 2}},\n"
  "               {\"id\": \"CHN\", \"name\": \"China\", \"label\": {\"lat\": 1, \"lon\": 2}}],\n"
  " \"alliances\": [{\"id\": \"al\", \"name\": \"Alliance\", \"members\": [{\"country\": \"AAA\", \"joined\": \"2000\"},\n"
  "                                                                 {\"country\": \"BBB\", \"joined\": \"2000\"}]},\n"
  "               {\"id\": \"al2\", \"name\": \"Other\", \"members\": [{\"country\": \"BBB\", \"joined\": \"2000\"},\n"
  "                                                                {\"country\": \"CCC\", \"joined\": \"2000\"}]}],\n"
  " \"years\": [{\"year\": 2024,\n"
  "   \"production\": [{\"stage\": \"mining\", \"country\": \"CHN\", \"value\": 100, \"source\": \"s1\"},\n"
  "                  {\"stage\": \"separation\", \"country\": \"AAA\", \"value\": 20, \"source\": \"s1\"}],\n"
  "   \"flows\": []}]}\n";

static const char scenario_json[] =
  "{\"format\": \"lodestone-scenario\", \"version\": 1, \"name\": \"n\", \"description\": \"d\", \"year\": 2024,\n"
  " \"alliances\": [\"al\"], \"add\": [\"DDD\"], \"remove\": [\"AAA\"], \"friend_shoring\": 0.5,\n"
  " \"capacity\": [{\"stage\": \"separation\", \"country\": \"BBB\", \"delta\": -5, \"note\": \"x\"}],\n"
  " \"restrictions\": [{\"stage\": \"mining\", \"from\": [\"CHN\"], \"to\": \"bloc\", \"fraction\": 1.0},\n"
  "                  {\"stage\": \"mining\", \"from\": \"non-bloc\", \"to\": [\"AAA\", \"CCC\"], \"fraction\": 0.25}]}\n";

static LsScenario *
load_scenario (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  LsScenario *scenario = ls_scenario_new_from_bytes (bytes, "scenario.json", &error);

  g_assert_no_error (error);
  g_assert_nonnull (scenario);
  return scenario;
}

/* A scenario with every field set, built through the API. */
static LsScenario *
full_scenario (void)
{
  LsScenario *scenario = ls_scenario_new ();
  char *from_list[] = { (char *) "CHN", (char *) "DDD", NULL };
  LsParty from = { LS_PARTY_COUNTRIES, from_list };
  LsParty to = { LS_PARTY_NON_BLOC, NULL };
  g_autoptr(LsRestriction) restriction = ls_restriction_new ("separation", &from, &to, 0.75);
  g_autoptr(LsCapacityChange) change = ls_capacity_change_new ("mining", "CCC", 12.5, "a new mine");

  ls_scenario_set_name (scenario, "Everything — ünïcode");
  ls_scenario_set_description (scenario, "Line one\nline \"two\"");
  ls_scenario_set_year (scenario, 2024);
  ls_scenario_set_friend_shoring (scenario, 0.3);
  ls_scenario_set_alliance (scenario, "al", TRUE);
  ls_scenario_set_alliance (scenario, "al2", TRUE);
  ls_scenario_set_membership (scenario, "DDD", LS_MEMBERSHIP_ADDED);
  ls_scenario_set_membership (scenario, "BBB", LS_MEMBERSHIP_REMOVED);
  ls_scenario_add_capacity_change (scenario, change);
  ls_scenario_add_restriction (scenario, restriction);

  return scenario;
}

static void
test_scenario_parse (void)
{
  LsScenario *scenario = load_scenario (scenario_json);
  const LsCapacityChange *change;
  const LsRestriction *restriction;
  const char * const *list;

  g_assert_cmpstr (ls_scenario_get_name (scenario), ==, "n");
  g_assert_cmpstr (ls_scenario_get_description (scenario), ==, "d");
  g_assert_cmpint (ls_scenario_get_year (scenario), ==, 2024);
  g_assert_cmpfloat_with_epsilon (ls_scenario_get_friend_shoring (scenario), 0.5, 1e-12);
  g_assert_true (ls_scenario_has_alliance (scenario, "al"));
  g_assert_false (ls_scenario_has_alliance (scenario, "al2"));
  list = ls_scenario_get_alliances (scenario);
  g_assert_cmpuint (g_strv_length ((char **) list), ==, 1);
  g_assert_cmpint (ls_scenario_get_membership (scenario, "DDD"), ==, LS_MEMBERSHIP_ADDED);
  g_assert_cmpint (ls_scenario_get_membership (scenario, "AAA"), ==, LS_MEMBERSHIP_REMOVED);
  g_assert_cmpint (ls_scenario_get_membership (scenario, "CCC"), ==, LS_MEMBERSHIP_DEFAULT);
  g_assert_true (g_strv_contains (ls_scenario_get_added (scenario), "DDD"));
  g_assert_true (g_strv_contains (ls_scenario_get_removed (scenario), "AAA"));

  g_assert_cmpuint (ls_scenario_get_n_capacity_changes (scenario), ==, 1);
  change = ls_scenario_get_capacity_change (scenario, 0);
  g_assert_cmpstr (change->stage, ==, "separation");
  g_assert_cmpstr (change->country, ==, "BBB");
  g_assert_cmpfloat_with_epsilon (change->delta, -5, 1e-12);
  g_assert_cmpstr (change->note, ==, "x");

  g_assert_cmpuint (ls_scenario_get_n_restrictions (scenario), ==, 2);
  restriction = ls_scenario_get_restriction (scenario, 0);
  g_assert_cmpstr (restriction->stage, ==, "mining");
  g_assert_cmpint (restriction->from.kind, ==, LS_PARTY_COUNTRIES);
  g_assert_cmpstrv (restriction->from.countries, ((const char *[]) { "CHN", NULL }));
  g_assert_cmpint (restriction->to.kind, ==, LS_PARTY_BLOC);
  g_assert_cmpfloat_with_epsilon (restriction->fraction, 1.0, 1e-12);
  restriction = ls_scenario_get_restriction (scenario, 1);
  g_assert_cmpint (restriction->from.kind, ==, LS_PARTY_NON_BLOC);
  g_assert_cmpint (restriction->to.kind, ==, LS_PARTY_COUNTRIES);
  g_assert_cmpstrv (restriction->to.countries, ((const char *[]) { "AAA", "CCC", NULL }));
  g_assert_true (ls_scenario_has_levers (scenario));

  g_assert_finalize_object (scenario);
}

static void
test_scenario_new_defaults (void)
{
  LsScenario *scenario = ls_scenario_new ();

  g_assert_false (ls_scenario_has_levers (scenario));
  g_assert_cmpfloat_with_epsilon (ls_scenario_get_friend_shoring (scenario), 0, 1e-12);
  g_assert_cmpuint (ls_scenario_get_n_capacity_changes (scenario), ==, 0);
  g_assert_cmpuint (ls_scenario_get_n_restrictions (scenario), ==, 0);
  g_assert_true (ls_scenario_get_alliances (scenario) == NULL ||
                 ls_scenario_get_alliances (scenario)[0] == NULL);

  ls_scenario_set_friend_shoring (scenario, 0.1);
  g_assert_true (ls_scenario_has_levers (scenario));

  g_assert_finalize_object (scenario);
}

static void
test_scenario_to_data_round_trip (void)
{
  LsScenario *scenario = full_scenario ();
  LsScenario *back;
  g_autofree char *data = NULL;
  gsize length = 0;

  data = ls_scenario_to_data (scenario, &length);
  g_assert_nonnull (data);
  g_assert_cmpuint (length, ==, strlen (data));
  back = load_scenario (data);
  g_assert_true (ls_scenario_equal (scenario, back));
  g_assert_cmpstr (ls_scenario_get_name (back), ==, "Everything — ünïcode");
  g_assert_cmpstr (ls_scenario_get_description (back), ==, "Line one\nline \"two\"");

  g_assert_finalize_object (back);
  g_assert_finalize_object (scenario);
}

static void
test_scenario_save_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lodestone-test-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  LsScenario *scenario = full_scenario ();
  LsScenario *back;

  g_assert_no_error (error);
  path = g_build_filename (dir, "s.json", NULL);
  file = g_file_new_for_path (path);

  g_assert_true (ls_scenario_save_to_file (scenario, file, NULL, &error));
  g_assert_no_error (error);
  back = ls_scenario_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ls_scenario_equal (scenario, back));

  g_assert_finalize_object (back);
  g_assert_finalize_object (scenario);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Saving over a file replaces it whole (no stale tail of a longer old
 * file, no temporary left beside it); a failed save leaves the old file
 * as it was. */
static void
test_scenario_save_atomic (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lodestone-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "s.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  LsScenario *big = full_scenario ();
  LsScenario *small = ls_scenario_new ();
  LsScenario *back;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GDir) listing = NULL;
  guint n_files = 0;

  g_assert_no_error (error);
  ls_scenario_set_year (small, 2024);
  ls_scenario_set_name (small, "s");

  g_assert_true (ls_scenario_save_to_file (big, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ls_scenario_save_to_file (small, file, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  expected = ls_scenario_to_data (small, NULL);
  g_assert_cmpstr (after, ==, expected);
  back = ls_scenario_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ls_scenario_equal (small, back));
  g_assert_finalize_object (back);

  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_false (ls_scenario_save_to_file (big, file, cancellable, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);

  g_assert_finalize_object (big);
  g_assert_finalize_object (small);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_scenario_save_error (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent-dir-lodestone/s.json");
  g_autoptr(GError) error = NULL;
  LsScenario *scenario = full_scenario ();

  g_assert_false (ls_scenario_save_to_file (scenario, file, NULL, &error));
  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_IO);
  g_assert_false (g_file_test ("/nonexistent-dir-lodestone/s.json", G_FILE_TEST_EXISTS));

  g_assert_finalize_object (scenario);
}

static void
count_changed (guint *n_changed)
{
  (*n_changed)++;
}

static void
test_scenario_copy_equal_assign (void)
{
  LsScenario *a = full_scenario ();
  LsScenario *b = ls_scenario_copy (a);
  LsScenario *c = ls_scenario_new ();
  g_autoptr(LsCapacityChange) change = ls_capacity_change_new ("mining", "AAA", 1, NULL);

  g_assert_true (a != b);
  g_assert_true (ls_scenario_equal (a, b));
  g_assert_false (ls_scenario_equal (a, c));

  /* Each field matters to equal(). */
  ls_scenario_set_friend_shoring (b, 0.31);
  g_assert_false (ls_scenario_equal (a, b));
  ls_scenario_set_friend_shoring (b, 0.3);
  g_assert_true (ls_scenario_equal (a, b));
  ls_scenario_set_year (b, 2023);
  g_assert_false (ls_scenario_equal (a, b));
  ls_scenario_set_year (b, 2024);
  ls_scenario_set_alliance (b, "al2", FALSE);
  g_assert_false (ls_scenario_equal (a, b));
  ls_scenario_set_alliance (b, "al2", TRUE);
  g_assert_true (ls_scenario_equal (a, b));
  ls_scenario_set_membership (b, "DDD", LS_MEMBERSHIP_DEFAULT);
  g_assert_false (ls_scenario_equal (a, b));
  ls_scenario_set_membership (b, "DDD", LS_MEMBERSHIP_ADDED);
  g_assert_true (ls_scenario_equal (a, b));
  ls_scenario_add_capacity_change (b, change);
  g_assert_false (ls_scenario_equal (a, b));
  ls_scenario_remove_capacity_change (b, 1);
  g_assert_true (ls_scenario_equal (a, b));
  ls_scenario_remove_restriction (b, 0);
  g_assert_cmpuint (ls_scenario_get_n_restrictions (b), ==, 0);
  g_assert_false (ls_scenario_equal (a, b));

  /* The copy is deep: editing it leaves the original alone. */
  g_assert_cmpuint (ls_scenario_get_n_restrictions (a), ==, 1);

  /* One assignment is one edit: ::changed once, however many fields
   * differ (a session records one undo step). */
  {
    guint n_changed = 0;
    gulong handler = g_signal_connect_swapped (c, "changed", G_CALLBACK (count_changed), &n_changed);

    ls_scenario_assign (c, a);
    g_assert_cmpuint (n_changed, ==, 1);
    g_signal_handler_disconnect (c, handler);
  }
  g_assert_true (ls_scenario_equal (a, c));
  g_assert_cmpstr (ls_scenario_get_name (c), ==, "Everything — ünïcode");
  ls_scenario_assign (b, a);
  g_assert_true (ls_scenario_equal (a, b));

  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
  g_assert_finalize_object (c);
}

static void
assert_bloc (LsScenario *scenario,
             LsDataset  *dataset,
             const char *expected)
{
  guint n = ls_dataset_get_n_countries (dataset);
  g_autofree gboolean *members = g_new0 (gboolean, n);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) got = g_string_new (NULL);

  g_assert_true (ls_scenario_compute_bloc (scenario, dataset, members, &error));
  g_assert_no_error (error);
  for (guint c = 0; c < n; c++)
    if (members[c])
      g_string_append_printf (got, "%s%s", got->len > 0 ? " " : "", ls_dataset_get_country_id (dataset, c));
  g_assert_cmpstr (got->str, ==, expected);
}

/* B = (al ∪ al2) + added − removed. */
static void
test_scenario_compute_bloc (void)
{
  LsDataset *dataset = ls_test_load_dataset (dataset_json);
  LsScenario *scenario = ls_scenario_new ();
  g_autofree gboolean *members = g_new0 (gboolean, 5);
  g_autoptr(GError) error = NULL;

  assert_bloc (scenario, dataset, "");
  ls_scenario_set_alliance (scenario, "al", TRUE);
  assert_bloc (scenario, dataset, "AAA BBB");
  ls_scenario_set_alliance (scenario, "al2", TRUE);
  assert_bloc (scenario, dataset, "AAA BBB CCC");
  ls_scenario_set_membership (scenario, "DDD", LS_MEMBERSHIP_ADDED);
  assert_bloc (scenario, dataset, "AAA BBB CCC DDD");
  /* BBB is in both alliances; removing it wins over both. */
  ls_scenario_set_membership (scenario, "BBB", LS_MEMBERSHIP_REMOVED);
  assert_bloc (scenario, dataset, "AAA CCC DDD");
  ls_scenario_set_alliance (scenario, "al", FALSE);
  assert_bloc (scenario, dataset, "CCC DDD");

  ls_scenario_set_alliance (scenario, "nope", TRUE);
  g_assert_false (ls_scenario_compute_bloc (scenario, dataset, members, &error));
  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_UNKNOWN_ID);

  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* The result sees the same bloc. */
static void
test_scenario_bloc_in_result (void)
{
  LsDataset *dataset = ls_test_load_dataset (dataset_json);
  LsScenario *scenario = load_scenario (scenario_json);
  g_autoptr(GError) error = NULL;
  LsResult *result;

  /* al = AAA, BBB; + DDD − AAA. */
  assert_bloc (scenario, dataset, "BBB DDD");
  g_assert_true (ls_scenario_validate (scenario, dataset, &error));
  g_assert_no_error (error);
  result = ls_result_new (dataset, scenario, &error);
  g_assert_no_error (error);
  g_assert_false (ls_result_is_member (result, 0));
  g_assert_true (ls_result_is_member (result, 1));
  g_assert_false (ls_result_is_member (result, 2));
  g_assert_true (ls_result_is_member (result, 3));
  g_assert_false (ls_result_is_member (result, 4));
  g_assert_cmpuint (ls_result_get_n_members (result), ==, 2);

  ls_result_unref (result);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* Toggling flips membership in the computed bloc, and twice is back. */
static void
test_scenario_toggle_member (void)
{
  LsDataset *dataset = ls_test_load_dataset (dataset_json);
  LsScenario *scenario = ls_scenario_new ();
  LsScenario *before;

  ls_scenario_set_alliance (scenario, "al", TRUE);
  before = ls_scenario_copy (scenario);

  ls_scenario_toggle_member (scenario, dataset, "AAA");
  assert_bloc (scenario, dataset, "BBB");
  g_assert_true (g_strv_contains (ls_scenario_get_removed (scenario), "AAA"));
  ls_scenario_toggle_member (scenario, dataset, "CCC");
  assert_bloc (scenario, dataset, "BBB CCC");
  g_assert_true (g_strv_contains (ls_scenario_get_added (scenario), "CCC"));

  ls_scenario_toggle_member (scenario, dataset, "AAA");
  ls_scenario_toggle_member (scenario, dataset, "CCC");
  assert_bloc (scenario, dataset, "AAA BBB");
  g_assert_true (ls_scenario_equal (scenario, before));

  g_assert_finalize_object (before);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
changed_cb (LsScenario *scenario,
            gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* Properties notify only on a real change (G_PARAM_EXPLICIT_NOTIFY);
 * "changed" follows every edit. Neither is in ls-scenario.h: they are
 * looked up at run time. */
static void
test_scenario_notify (void)
{
  LsDataset *dataset = ls_test_load_dataset (dataset_json);
  LsScenario *scenario = ls_scenario_new ();
  g_autoptr(LsCapacityChange) change = ls_capacity_change_new ("mining", "AAA", 1, NULL);
  const char *names[] = { "name", "description", "year", "friend-shoring" };
  guint n_notify = 0;
  guint n_changed = 0;

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (scenario), names[k]);

      g_assert_nonnull (pspec);
      g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);
    }
  g_assert_cmpuint (g_signal_lookup ("changed", LS_TYPE_SCENARIO), !=, 0);

  g_signal_connect (scenario, "notify::friend-shoring", G_CALLBACK (count_cb), &n_notify);
  g_signal_connect (scenario, "changed", G_CALLBACK (changed_cb), &n_changed);

  ls_scenario_set_friend_shoring (scenario, 0.4);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_cmpuint (n_changed, ==, 1);
  ls_scenario_set_friend_shoring (scenario, 0.4);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_cmpuint (n_changed, ==, 1);
  g_object_set (scenario, "friend-shoring", 0.4, NULL);
  g_assert_cmpuint (n_notify, ==, 1);

  ls_scenario_set_alliance (scenario, "al", TRUE);
  g_assert_cmpuint (n_changed, ==, 2);
  ls_scenario_toggle_member (scenario, dataset, "AAA");
  g_assert_cmpuint (n_changed, ==, 3);
  ls_scenario_add_capacity_change (scenario, change);
  g_assert_cmpuint (n_changed, ==, 4);
  ls_scenario_remove_capacity_change (scenario, 0);
  g_assert_cmpuint (n_changed, ==, 5);
  g_assert_cmpuint (n_notify, ==, 1);

  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

static void
test_party_parse (void)
{
  LsParty party = { 0 };
  g_autofree char *text = NULL;

  g_assert_true (ls_party_parse ("bloc", &party));
  g_assert_cmpint (party.kind, ==, LS_PARTY_BLOC);
  ls_party_clear (&party);
  g_assert_true (ls_party_parse ("non-bloc", &party));
  g_assert_cmpint (party.kind, ==, LS_PARTY_NON_BLOC);
  ls_party_clear (&party);
  g_assert_true (ls_party_parse ("CHN,RUS", &party));
  g_assert_cmpint (party.kind, ==, LS_PARTY_COUNTRIES);
  g_assert_cmpstrv (party.countries, ((const char *[]) { "CHN", "RUS", NULL }));
  text = ls_party_to_string (&party);
  ls_party_clear (&party);
  g_assert_true (ls_party_parse (text, &party));
  g_assert_cmpstrv (party.countries, ((const char *[]) { "CHN", "RUS", NULL }));
  ls_party_clear (&party);
  g_assert_false (ls_party_parse ("", &party));
  ls_party_clear (&party);
}

/* Pins (issue 11): read, written, compared, undoable edits; their stage
 * is checked against the dataset. */
static void
test_scenario_pins (void)
{
  const char *json =
    "{\"format\": \"lodestone-scenario\", \"version\": 1, \"year\": 2024,\n"
    " \"pins\": [{\"stage\": \"mining\", \"node\": \"AAA\", \"position\": 2},\n"
    "          {\"stage\": \"separation\", \"node\": \"unknown\", \"position\": 0}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(LsScenario) scenario = ls_scenario_new_from_bytes (bytes, "pins.json", &error);
  g_autoptr(LsScenario) copy = NULL;
  g_autoptr(LsDataset) dataset = ls_test_build_dataset (2, NULL, "", "mining AAA 10", "");
  g_autoptr(GBytes) again = NULL;
  g_autoptr(LsScenario) reread = NULL;
  g_autofree char *data = NULL;
  gsize length;
  guint position;
  guint n_changed = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (ls_scenario_get_n_pins (scenario), ==, 2);
  g_assert_true (ls_scenario_lookup_pin (scenario, "mining", "AAA", &position));
  g_assert_cmpuint (position, ==, 2);
  g_assert_false (ls_scenario_has_levers (scenario));
  g_assert_true (ls_scenario_validate (scenario, dataset, &error));

  copy = ls_scenario_copy (scenario);
  g_assert_true (ls_scenario_equal (copy, scenario));
  /* Moving a pin is one edit: one "changed", one undo step. */
  g_signal_connect (copy, "changed", G_CALLBACK (changed_cb), &n_changed);
  ls_scenario_set_pin (copy, "mining", "AAA", 3);
  g_assert_cmpuint (n_changed, ==, 1);
  ls_scenario_set_pin (copy, "mining", "AAA", 3);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_false (ls_scenario_equal (copy, scenario));
  g_assert_cmpuint (ls_scenario_get_n_pins (copy), ==, 2);
  ls_scenario_remove_pin (copy, "separation", "unknown");
  g_assert_cmpuint (ls_scenario_get_n_pins (copy), ==, 1);

  data = ls_scenario_to_data (scenario, &length);
  again = g_bytes_new_take (g_steal_pointer (&data), length);
  reread = ls_scenario_new_from_bytes (again, "again.json", &error);
  g_assert_no_error (error);
  g_assert_true (ls_scenario_equal (reread, scenario));

  ls_scenario_set_pin (copy, "refining", "AAA", 0);
  g_assert_false (ls_scenario_validate (copy, dataset, &error));
  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_UNKNOWN_ID);
}

/* A preset's title and story in the user's language. */
static void
test_scenario_localized (void)
{
  const char *json =
    "{\"format\": \"lodestone-scenario\", \"version\": 1,\n"
    " \"name\": \"Baseline\", \"names\": {\"ko\": \"기준선\"},\n"
    " \"description\": \"No levers\", \"descriptions\": {\"ko\": \"레버 없음\"}}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));
  g_autoptr(GError) error = NULL;
  LsScenario *scenario;

  g_setenv ("LANGUAGE", "ko", TRUE);
  scenario = ls_scenario_new_from_bytes (bytes, "preset.json", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ls_scenario_get_name (scenario), ==, "기준선");
  g_assert_cmpstr (ls_scenario_get_description (scenario), ==, "레버 없음");
  g_object_unref (scenario);

  g_setenv ("LANGUAGE", "de", TRUE);
  scenario = ls_scenario_new_from_bytes (bytes, "preset.json", &error);
  g_assert_cmpstr (ls_scenario_get_name (scenario), ==, "Baseline");
  g_object_unref (scenario);

  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

/* Levers are bounded (issue 14): a capacity change beyond ±1e9 t, or not
 * finite, is refused, read from a file or made otherwise. */
static void
test_scenario_bounds (void)
{
  const char *json =
    "{\"format\": \"lodestone-scenario\", \"version\": 1,\n"
    " \"capacity\": [{\"stage\": \"mining\", \"country\": \"AAA\", \"delta\": 1e308}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(LsDataset) dataset = ls_test_build_dataset (2, NULL, "", "mining AAA 10", "");
  g_autoptr(LsScenario) scenario = NULL;

  g_assert_null (ls_scenario_new_from_bytes (bytes, "big.json", &error));
  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "$.capacity[0].delta"));
  g_clear_error (&error);

  scenario = ls_test_scenario_new ();
  ls_test_add_capacity (scenario, "mining", "AAA", 2e9);
  g_assert_false (ls_scenario_validate (scenario, dataset, &error));
  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_VALUE);
  g_clear_error (&error);
  ls_scenario_remove_capacity_change (scenario, 0);
  ls_test_add_capacity (scenario, "mining", "AAA", -1e9);
  g_assert_true (ls_scenario_validate (scenario, dataset, &error));
}

/* Equal restrictions are found equal whatever the lists' storage; a
 * preset clicked twice is recognised by it (ux-walk "Input"). */
static void
test_restriction_equal (void)
{
  LsParty china = { LS_PARTY_COUNTRIES, (char *[]) { (char *) "CHN", NULL } };
  LsParty china_usa = { LS_PARTY_COUNTRIES, (char *[]) { (char *) "CHN", (char *) "USA", NULL } };
  LsParty none = { LS_PARTY_COUNTRIES, NULL };
  LsParty empty = { LS_PARTY_COUNTRIES, (char *[]) { NULL } };
  LsParty bloc = { LS_PARTY_BLOC, NULL };
  LsRestriction *a = ls_restriction_new ("magnets", &china, &bloc, 1.0);
  LsRestriction *b = ls_restriction_copy (a);
  LsRestriction *c = ls_restriction_new ("magnets", &china, &bloc, 0.5);
  LsRestriction *d = ls_restriction_new ("metal", &china, &bloc, 1.0);
  LsRestriction *e = ls_restriction_new ("magnets", &china_usa, &bloc, 1.0);
  LsRestriction *f = ls_restriction_new ("magnets", &none, &bloc, 1.0);
  LsRestriction *g = ls_restriction_new ("magnets", &empty, &bloc, 1.0);

  g_assert_true (ls_restriction_equal (a, b));
  g_assert_false (ls_restriction_equal (a, c));
  g_assert_false (ls_restriction_equal (a, d));
  g_assert_false (ls_restriction_equal (a, e));
  g_assert_false (ls_restriction_equal (a, f));
  g_assert_true (ls_restriction_equal (f, g));

  ls_restriction_free (a);
  ls_restriction_free (b);
  ls_restriction_free (c);
  ls_restriction_free (d);
  ls_restriction_free (e);
  ls_restriction_free (f);
  ls_restriction_free (g);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lodestone/model/scenario/parse", test_scenario_parse);
  g_test_add_func ("/lodestone/model/scenario/new-defaults", test_scenario_new_defaults);
  g_test_add_func ("/lodestone/model/scenario/to-data-round-trip", test_scenario_to_data_round_trip);
  g_test_add_func ("/lodestone/model/scenario/save-round-trip", test_scenario_save_round_trip);
  g_test_add_func ("/lodestone/model/scenario/save-atomic", test_scenario_save_atomic);
  g_test_add_func ("/lodestone/model/scenario/save-error", test_scenario_save_error);
  g_test_add_func ("/lodestone/model/scenario/copy-equal-assign", test_scenario_copy_equal_assign);
  g_test_add_func ("/lodestone/model/scenario/compute-bloc", test_scenario_compute_bloc);
  g_test_add_func ("/lodestone/model/scenario/bloc-in-result", test_scenario_bloc_in_result);
  g_test_add_func ("/lodestone/model/scenario/toggle-member", test_scenario_toggle_member);
  g_test_add_func ("/lodestone/model/scenario/notify", test_scenario_notify);
  g_test_add_func ("/lodestone/model/scenario/party-parse", test_party_parse);
  g_test_add_func ("/lodestone/model/scenario/pins", test_scenario_pins);
  g_test_add_func ("/lodestone/model/scenario/localized", test_scenario_localized);
  g_test_add_func ("/lodestone/model/scenario/bounds", test_scenario_bounds);
  g_test_add_func ("/lodestone/model/scenario/restriction-equal", test_restriction_equal);

  return g_test_run ();
}
