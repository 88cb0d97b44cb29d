/* test-dataset.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The dataset loader's accessors, on hand-computed tiny datasets. The
 * completion of the baseline is tested in test-baseline.c. */

#include <math.h>

#include "ls-dataset.h"
#include "ls-result.h"
#include "ls-scenario.h"
#include "ls-test-utils.h"

static const char example_json[] =
  "{\"format\": \"lodestone-dataset\", \"version\": 1, \"title\": \"Example\",\n"
  " \"description\": \"An example\", \"default_year\": 2024,\n"
  " \"sources\": [{\"id\": \"s1\", \"title\": \"Source\", \"detail\": \"table 1\", \"url\": \"https://example.org\"},\n"
  "             {\"id\": \"s-2\", \"title\": \"Other\", \"detail\": \"p. 3\", \"url\": \"https://example.com\"}],\n"
  " \"stages\": [{\"id\": \"mining\", \"name\": \"Mining\", \"unit\": \"t REO\", \"yield\": {\"value\": 1, \"source\": \"s1\"}},\n"
  "            {\"id\": \"separation\", \"name\": \"Separation\", \"unit\": \"t\",\n"
  "             \"yield\": {\"value\": 0.5, \"source\": \"s1\", \"estimated\": true, \"note\": \"n\"}}],\n"
  " \"countries\": [{\"id\": \"AAA\", \"name\": \"A\", \"label\": {\"lat\": 1, \"lon\": 2}},\n"
  "               {\"id\": \"BBB\", \"name\": \"B\", \"label\": {\"lat\": -3.5, \"lon\": 4.25}},\n"
  "               {\"id\": \"CHN\", \"name\": \"China\", \"label\": {\"lat\": 35, \"lon\": 103}}],\n"
  " \"alliances\": [{\"id\": \"al\", \"name\": \"Alliance\", \"members\": [{\"country\": \"AAA\", \"joined\": \"2022\"}]}],\n"
  " \"years\": [{\"year\": 2023,\n"
  "            \"production\": [{\"stage\": \"mining\", \"country\": \"AAA\", \"value\": 90, \"source\": \"s1\"}],\n"
  "            \"flows\": []},\n"
  "           {\"year\": 2024,\n"
  "            \"production\": [{\"stage\": \"mining\", \"country\": \"AAA\", \"value\": 100, \"source\": \"s1\"},\n"
  "                           {\"stage\": \"separation\", \"country\": \"BBB\", \"value\": 20, \"source\": \"s-2\",\n"
  "                            \"estimated\": true, \"note\": \"guess\"}],\n"
  "            \"flows\": [{\"stage\": \"mining\", \"from\": \"AAA\", \"to\": \"BBB\", \"value\": 10, \"source\": \"s1\", \"estimated\": false}]}]}\n";

static void
test_dataset_accessors (void)
{
  LsDataset *dataset = ls_test_load_dataset (example_json);
  const LsFigure *figure;
  const LsGivenFlow *flow;
  const int *years;
  guint n_years = 0;
  double lat = 0, lon = 0;

  g_assert_cmpstr (ls_dataset_get_title (dataset), ==, "Example");
  g_assert_cmpuint (ls_dataset_get_n_stages (dataset), ==, 2);
  g_assert_cmpint (ls_dataset_lookup_stage (dataset, "separation"), ==, 1);
  g_assert_cmpint (ls_dataset_lookup_stage (dataset, "magnets"), ==, -1);
  g_assert_cmpstr (ls_dataset_get_stage_id (dataset, 0), ==, "mining");
  g_assert_cmpstr (ls_dataset_get_stage_name (dataset, 1), ==, "Separation");
  g_assert_cmpstr (ls_dataset_get_stage_unit (dataset, 0), ==, "t REO");
  g_assert_cmpfloat_with_epsilon (ls_dataset_get_stage_yield (dataset, 1), 0.5, 1e-12);
  figure = ls_dataset_get_stage_yield_figure (dataset, 1);
  g_assert_nonnull (figure);
  g_assert_true (figure->estimated);
  g_assert_cmpstr (figure->note, ==, "n");
  g_assert_cmpstr (figure->source, ==, "s1");

  g_assert_cmpuint (ls_dataset_get_n_countries (dataset), ==, 3);
  g_assert_cmpint (ls_dataset_lookup_country (dataset, "BBB"), ==, 1);
  g_assert_cmpint (ls_dataset_lookup_country (dataset, "ZZZ"), ==, -1);
  g_assert_cmpstr (ls_dataset_get_country_id (dataset, 2), ==, "CHN");
  g_assert_cmpstr (ls_dataset_get_country_name (dataset, 0), ==, "A");
  g_assert_cmpint (ls_dataset_get_china (dataset), ==, 2);
  ls_dataset_get_country_label_point (dataset, 1, &lat, &lon);
  g_assert_cmpfloat_with_epsilon (lat, -3.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (lon, 4.25, 1e-12);

  g_assert_cmpuint (ls_dataset_get_n_alliances (dataset), ==, 1);
  g_assert_cmpint (ls_dataset_lookup_alliance (dataset, "al"), ==, 0);
  g_assert_cmpstr (ls_dataset_get_alliance_name (dataset, 0), ==, "Alliance");
  g_assert_true (ls_dataset_alliance_has_member (dataset, 0, 0));
  g_assert_false (ls_dataset_alliance_has_member (dataset, 0, 1));
  g_assert_cmpstr (ls_dataset_get_alliance_joined (dataset, 0, 0), ==, "2022");

  g_assert_cmpuint (ls_dataset_get_n_sources (dataset), ==, 2);
  g_assert_cmpint (ls_dataset_lookup_source (dataset, "s-2"), ==, 1);
  g_assert_cmpstr (ls_dataset_get_source_title (dataset, 1), ==, "Other");
  g_assert_cmpstr (ls_dataset_get_source_detail (dataset, 0), ==, "table 1");
  g_assert_cmpstr (ls_dataset_get_source_url (dataset, 0), ==, "https://example.org");

  years = ls_dataset_get_years (dataset, &n_years);
  g_assert_cmpuint (n_years, ==, 2);
  g_assert_nonnull (years);
  g_assert_true ((years[0] == 2023 && years[1] == 2024) || (years[0] == 2024 && years[1] == 2023));
  g_assert_true (ls_dataset_has_year (dataset, 2023));
  g_assert_false (ls_dataset_has_year (dataset, 2022));
  g_assert_cmpint (ls_dataset_get_default_year (dataset), ==, 2024);

  g_assert_cmpfloat_with_epsilon (ls_dataset_get_production (dataset, 2024, 0, 0), 100, 1e-12);
  g_assert_cmpfloat_with_epsilon (ls_dataset_get_production (dataset, 2023, 0, 0), 90, 1e-12);
  g_assert_cmpfloat_with_epsilon (ls_dataset_get_production (dataset, 2024, 1, 0), 0, 1e-12);
  figure = ls_dataset_get_production_figure (dataset, 2024, 1, 1);
  g_assert_nonnull (figure);
  g_assert_cmpfloat_with_epsilon (figure->value, 20, 1e-12);
  g_assert_true (figure->estimated);
  g_assert_cmpstr (figure->source, ==, "s-2");
  g_assert_cmpstr (figure->note, ==, "guess");

  g_assert_cmpuint (ls_dataset_get_n_given_flows (dataset, 2024), ==, 1);
  g_assert_cmpuint (ls_dataset_get_n_given_flows (dataset, 2023), ==, 0);
  flow = ls_dataset_get_given_flow (dataset, 2024, 0);
  g_assert_nonnull (flow);
  g_assert_cmpuint (flow->stage, ==, 0);
  g_assert_cmpuint (flow->from, ==, 0);
  g_assert_cmpuint (flow->to, ==, 1);
  g_assert_cmpfloat_with_epsilon (flow->figure.value, 10, 1e-12);
  g_assert_false (flow->figure.estimated);

  g_assert_finalize_object (dataset);
}

/* A scenario reads its year's figures; year 0 means the default year. */
static void
test_dataset_year_selection (void)
{
  LsDataset *dataset = ls_test_load_dataset (example_json);
  LsScenario *scenario = ls_scenario_new ();
  g_autoptr(GError) error = NULL;
  LsResult *result;

  ls_scenario_set_year (scenario, 2023);
  result = ls_result_new (dataset, scenario, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ls_result_get_year (result), ==, 2023);
  g_assert_cmpfloat_with_epsilon (ls_result_get_production (result, 0, 0), 90, 1e-12);
  g_assert_cmpfloat_with_epsilon (ls_result_get_flow (result, 0, 0, 1), 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (ls_result_get_unallocated (result, 0), 90, 1e-12);
  ls_result_unref (result);

  ls_scenario_set_year (scenario, 0);
  result = ls_result_new (dataset, scenario, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ls_result_get_year (result), ==, 2024);
  g_assert_cmpfloat_with_epsilon (ls_result_get_production (result, 0, 0), 100, 1e-12);
  /* BBB's 20 t of oxide at Y = 0.5 take 40 t of ore: 10 given, 30 more
   * from AAA's 90 spare. */
  g_assert_cmpfloat_with_epsilon (ls_result_get_flow (result, 0, 0, 1), 40, 1e-9);
  ls_result_unref (result);

  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* Given inflows equal to the need up to rounding (0.3 / 0.1 is
 * 2.9999999999999996 in binary) are accepted. */
static void
test_dataset_rounding_tolerated (void)
{
  LsDataset *dataset = ls_test_build_dataset (2, "1 0.1", "", "mining AAA 3, separation BBB 0.3", "mining AAA BBB 3");
  LsScenario *scenario = ls_test_scenario_new ();
  LsResult *result = ls_test_compute (dataset, scenario);

  assert_close (ls_result_get_flow (result, 0, AAA, BBB), 3);
  assert_close (ls_result_get_production (result, 1, BBB), 0.3);
  assert_close (ls_result_get_shortfall (result, 1, BBB), 0);

  ls_result_unref (result);
  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* No China in the dataset: ls_dataset_get_china() says so. */
static void
test_dataset_no_china (void)
{
  g_autofree char *json = g_strdup (example_json);
  char *chn = strstr (json, "\"CHN\"");
  LsDataset *dataset;
  LsScenario *scenario;
  LsResult *result;

  g_assert_nonnull (chn);
  memcpy (chn + 1, "CCC", 3);
  dataset = ls_test_load_dataset (json);
  g_assert_cmpint (ls_dataset_get_china (dataset), ==, -1);

  /* China's share is then 0, and the rest is everything outside the
   * bloc (AAA, 100 of the 100 t mined). */
  scenario = ls_test_scenario_new ();
  ls_scenario_set_alliance (scenario, "al", TRUE);
  result = ls_test_compute (dataset, scenario);
  g_assert_cmpfloat_with_epsilon (ls_result_get_china_share (result, 0), 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (ls_result_get_bloc_share (result, 0), 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (ls_result_get_rest_share (result, 0), 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (ls_result_get_bloc_share (result, 1), 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (ls_result_get_rest_share (result, 1), 1, 1e-12);
  ls_result_unref (result);

  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

static void
test_dataset_fixture_file (void)
{
  LsDataset *dataset = ls_test_load_dataset_file ("model-small.json");

  g_assert_cmpuint (ls_dataset_get_n_stages (dataset), ==, 3);
  g_assert_cmpuint (ls_dataset_get_n_countries (dataset), ==, 4);
  g_assert_nonnull (ls_dataset_get_filename (dataset));
  g_assert_nonnull (strstr (ls_dataset_get_filename (dataset), "model-small.json"));
  g_assert_cmpfloat_with_epsilon (ls_dataset_get_production (dataset, 2024, 2, 3), 40, 1e-12);
  g_assert_finalize_object (dataset);
}

/* Alliances with dates (data/README.md): a member counts in a year when it
 * had joined by its end and had not left by then; a member without a date
 * counts from the founding. A scenario uses its year's members, or every
 * member of today with current-members. */
static const char dated_json[] =
  "{\"format\": \"lodestone-dataset\", \"version\": 1, \"title\": \"t\", \"default_year\": 2024,\n"
  " \"sources\": [{\"id\": \"s1\", \"title\": \"Source\"}, {\"id\": \"s2\", \"title\": \"Other\"}],\n"
  " \"stages\": [{\"id\": \"mining\", \"name\": \"Mining\", \"unit\": \"t\", \"yield\": {\"value\": 1, \"source\": \"s1\"}},\n"
  "            {\"id\": \"separation\", \"name\": \"Separation\", \"unit\": \"t\", \"yield\": {\"value\": 1, \"source\": \"s1\"}}],\n"
  " \"countries\": [{\"id\": \"AAA\", \"name\": \"A\", \"label\": {\"lat\": 1, \"lon\": 2}},\n"
  "               {\"id\": \"BBB\", \"name\": \"B\", \"label\": {\"lat\": 1, \"lon\": 2}},\n"
  "               {\"id\": \"CCC\", \"name\": \"C\", \"label\": {\"lat\": 1, \"lon\": 2}},\n"
  "               {\"id\": \"GBR\", \"name\": \"UK\", \"label\": {\"lat\": 1, \"lon\": 2}}],\n"
  " \"alliances\": [{\"id\": \"al\", \"name\": \"Alliance\", \"source\": \"s1\", \"founded\": \"2022-06-14\",\n"
  "                \"provisional\": true, \"members\": [\n"
  "                 {\"country\": \"AAA\"},\n"
  "                 {\"country\": \"BBB\", \"joined\": \"2024-03-03\", \"source\": \"s2\", \"note\": \"welcomed\"},\n"
  "                 {\"country\": \"GBR\", \"joined\": \"1973\", \"left\": \"2020-01-31\"}]}],\n"
  " \"years\": [{\"year\": 2019, \"note\": \"mining only\", \"production\": []},\n"
  "           {\"year\": 2023, \"production\": []},\n"
  "           {\"year\": 2024, \"production\": []}]}\n";

static void
test_dataset_alliance_dates (void)
{
  LsDataset *dataset = ls_test_load_dataset (dated_json);
  LsScenario *scenario = ls_scenario_new ();
  g_autoptr(GError) error = NULL;
  gboolean members[4];

  g_assert_cmpstr (ls_dataset_get_alliance_founded (dataset, 0), ==, "2022-06-14");
  g_assert_true (ls_dataset_get_alliance_provisional (dataset, 0));
  g_assert_cmpstr (ls_dataset_get_alliance_left (dataset, 0, 3), ==, "2020-01-31");
  g_assert_cmpstr (ls_dataset_get_alliance_member_source (dataset, 0, 1), ==, "s2");
  g_assert_cmpstr (ls_dataset_get_alliance_member_source (dataset, 0, 0), ==, "s1");
  g_assert_cmpstr (ls_dataset_get_alliance_member_note (dataset, 0, 1), ==, "welcomed");
  g_assert_cmpstr (ls_dataset_get_year_note (dataset, 2019), ==, "mining only");
  g_assert_null (ls_dataset_get_year_note (dataset, 2024));

  /* AAA counts from the founding, BBB from 2024, GBR until 2019. */
  g_assert_false (ls_dataset_alliance_has_member_in_year (dataset, 0, 0, 2021));
  g_assert_true (ls_dataset_alliance_has_member_in_year (dataset, 0, 0, 2022));
  g_assert_false (ls_dataset_alliance_has_member_in_year (dataset, 0, 1, 2023));
  g_assert_true (ls_dataset_alliance_has_member_in_year (dataset, 0, 1, 2024));
  g_assert_true (ls_dataset_alliance_has_member_in_year (dataset, 0, 3, 2019));
  g_assert_false (ls_dataset_alliance_has_member_in_year (dataset, 0, 3, 2020));
  g_assert_false (ls_dataset_alliance_has_member_in_year (dataset, 0, 2, 2024));
  g_assert_true (ls_dataset_alliance_has_member (dataset, 0, 3));

  ls_scenario_set_alliance (scenario, "al", TRUE);
  ls_scenario_set_year (scenario, 2023);
  g_assert_true (ls_scenario_compute_bloc (scenario, dataset, members, &error));
  g_assert_no_error (error);
  g_assert_true (members[0]);
  g_assert_false (members[1]);
  g_assert_false (members[3]);

  ls_scenario_set_year (scenario, 2019);
  g_assert_true (ls_scenario_compute_bloc (scenario, dataset, members, &error));
  g_assert_false (members[0]);
  g_assert_true (members[3]);

  /* Today's members on 2019's figures: the UK has left since. */
  ls_scenario_set_current_members (scenario, TRUE);
  g_assert_cmpint (ls_scenario_get_membership_year (scenario, dataset), ==, G_MAXINT);
  g_assert_true (ls_scenario_compute_bloc (scenario, dataset, members, &error));
  g_assert_true (members[0]);
  g_assert_true (members[1]);
  g_assert_false (members[3]);

  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

/* A figure's range: low and high, or the value itself. */
static void
test_dataset_ranges (void)
{
  LsDataset *dataset = ls_test_build_dataset (2, NULL, "", "mining AAA 100 80:120, mining BBB 50, separation CCC 40",
                                              "mining AAA CCC 10 e 5:20");
  const LsFigure *figure = ls_dataset_get_production_figure (dataset, 2024, 0, AAA);

  assert_close (figure->low, 80);
  assert_close (figure->high, 120);
  figure = ls_dataset_get_production_figure (dataset, 2024, 0, BBB);
  assert_close (figure->low, 50);
  assert_close (figure->high, 50);
  figure = &ls_dataset_get_given_flow (dataset, 2024, 0)->figure;
  assert_close (figure->low, 5);
  assert_close (figure->high, 20);

  g_assert_finalize_object (dataset);
}

/* Names in the user's language come from the data's "names" objects. */
static void
test_dataset_localized_names (void)
{
  const char *json =
    "{\"format\": \"lodestone-dataset\", \"version\": 1, \"title\": \"t\",\n"
    " \"sources\": [{\"id\": \"s1\", \"title\": \"Source\"}],\n"
    " \"stages\": [{\"id\": \"mining\", \"name\": \"Mining\", \"names\": {\"ko\": \"채굴\"}, \"unit\": \"t\",\n"
    "              \"yield\": {\"value\": 1, \"source\": \"s1\"}},\n"
    "             {\"id\": \"separation\", \"name\": \"Separation\", \"unit\": \"t\",\n"
    "              \"yield\": {\"value\": 0.5, \"source\": \"s1\"}}],\n"
    " \"countries\": [{\"id\": \"KOR\", \"name\": \"South Korea\", \"names\": {\"ko\": \"대한민국\", \"de\": \"Südkorea\"},\n"
    "                 \"label\": {\"lat\": 1, \"lon\": 2}}],\n"
    " \"alliances\": [{\"id\": \"al\", \"name\": \"Alliance\", \"names\": {\"ko\": \"동맹\"}, \"members\": []}],\n"
    " \"years\": [{\"year\": 2024, \"production\": []}]}";
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));
  LsDataset *dataset;

  g_setenv ("LANGUAGE", "ko", TRUE);
  dataset = ls_test_load_dataset (json);
  g_assert_cmpstr (ls_dataset_get_country_name (dataset, 0), ==, "대한민국");
  g_assert_cmpstr (ls_dataset_get_stage_name (dataset, 0), ==, "채굴");
  g_assert_cmpstr (ls_dataset_get_stage_name (dataset, 1), ==, "Separation");
  g_assert_cmpstr (ls_dataset_get_alliance_name (dataset, 0), ==, "동맹");
  g_assert_finalize_object (dataset);

  g_setenv ("LANGUAGE", "fr", TRUE);
  dataset = ls_test_load_dataset (json);
  g_assert_cmpstr (ls_dataset_get_country_name (dataset, 0), ==, "South Korea");
  g_assert_finalize_object (dataset);

  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

/* Issue 12: the built-in dataset loads once, in a thread while GTK sets
 * itself up; every caller shares that one immutable dataset, the same as
 * ls_dataset_new_default() loads. */
static void
test_dataset_shared_default (void)
{
  g_autoptr(LsDataset) fresh = NULL;
  g_autoptr(LsDataset) first = NULL;
  g_autoptr(LsDataset) second = NULL;
  g_autoptr(GError) error = NULL;

  ls_dataset_preload_default ();
  ls_dataset_preload_default ();
  first = ls_dataset_dup_default (&error);
  g_assert_no_error (error);
  second = ls_dataset_dup_default (&error);
  g_assert_no_error (error);
  g_assert_true (first == second);

  fresh = ls_dataset_new_default (&error);
  g_assert_no_error (error);
  g_assert_false (fresh == first);
  g_assert_cmpstr (ls_dataset_get_title (first), ==, ls_dataset_get_title (fresh));
  g_assert_cmpuint (ls_dataset_get_n_stages (first), ==, ls_dataset_get_n_stages (fresh));
  g_assert_cmpuint (ls_dataset_get_n_countries (first), ==, ls_dataset_get_n_countries (fresh));
  g_assert_cmpint (ls_dataset_get_default_year (first), ==, ls_dataset_get_default_year (fresh));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lodestone/model/dataset/localized-names", test_dataset_localized_names);
  g_test_add_func ("/lodestone/model/dataset/accessors", test_dataset_accessors);
  g_test_add_func ("/lodestone/model/dataset/shared-default", test_dataset_shared_default);
  g_test_add_func ("/lodestone/model/dataset/no-china", test_dataset_no_china);
  g_test_add_func ("/lodestone/model/dataset/year-selection", test_dataset_year_selection);
  g_test_add_func ("/lodestone/model/dataset/rounding-tolerated", test_dataset_rounding_tolerated);
  g_test_add_func ("/lodestone/model/dataset/fixture-file", test_dataset_fixture_file);
  g_test_add_func ("/lodestone/model/dataset/alliance-dates", test_dataset_alliance_dates);
  g_test_add_func ("/lodestone/model/dataset/ranges", test_dataset_ranges);

  return g_test_run ();
}
