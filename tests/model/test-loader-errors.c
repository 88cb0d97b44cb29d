/* test-loader-errors.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Bad datasets and scenarios: each fails with the right LsDataError code
 * and a message of the form FILE:LINE:COLUMN: JSON-PATH: what, never with
 * a crash. Each case edits one spot of a valid document. */

#include <stdlib.h>

#include "ls-dataset.h"
#include "ls-json-reader-private.h"
#include "ls-result.h"
#include "ls-scenario.h"
#include "ls-test-utils.h"

/* Line numbers matter: the tests check the LINE of the message. */
static const char base_dataset[] =
  "{\"format\": \"lodestone-dataset\", \"version\": 1, \"title\": \"t\", \"default_year\": 2024,\n"          /* 1 */
  " \"sources\": [{\"id\": \"s1\", \"title\": \"Source\", \"detail\": \"table 1\", \"url\": \"https://example.org\"}],\n"
  " \"stages\": [{\"id\": \"mining\", \"name\": \"Mining\", \"unit\": \"t REO\", \"yield\": {\"value\": 1, \"source\": \"s1\"}},\n"
  "            {\"id\": \"separation\", \"name\": \"Separation\", \"unit\": \"t\", \"yield\": {\"value\": 0.5, \"source\": \"s1\"}},\n"
  "            {\"id\": \"metal\", \"name\": \"Metal\", \"unit\": \"t\", \"yield\": {\"value\": 1, \"source\": \"s1\"}}],\n"
  " \"countries\": [{\"id\": \"AAA\", \"name\": \"A\", \"label\": {\"lat\": 1, \"lon\": 2}},\n"                  /* 6 */
  "               {\"id\": \"BBB\", \"name\": \"B\", \"label\": {\"lat\": 1, \"lon\": 2}},\n"
  "               {\"id\": \"CCC\", \"name\": \"C\", \"label\": {\"lat\": 1, \"lon\": 2}}],\n"
  " \"alliances\": [{\"id\": \"al\", \"name\": \"Alliance\", \"members\": [{\"country\": \"AAA\", \"joined\": \"2022\"}]}],\n"
  " \"years\": [{\"year\": 2024,\n"                                                                         /* 10 */
  "   \"production\": [\n"
  "     {\"stage\": \"mining\", \"country\": \"AAA\", \"value\": 100, \"source\": \"s1\"},\n"
  "     {\"stage\": \"mining\", \"country\": \"BBB\", \"value\": 50, \"source\": \"s1\"},\n"
  "     {\"stage\": \"separation\", \"country\": \"BBB\", \"value\": 20, \"source\": \"s1\"},\n"
  "     {\"stage\": \"separation\", \"country\": \"CCC\", \"value\": 10, \"source\": \"s1\"},\n"                /* 15 */
  "     {\"stage\": \"metal\", \"country\": \"CCC\", \"value\": 25, \"source\": \"s1\"}],\n"
  "   \"flows\": [\n"
  "     {\"stage\": \"mining\", \"from\": \"AAA\", \"to\": \"BBB\", \"value\": 30, \"source\": \"s1\", \"estimated\": false},\n"
  "     {\"stage\": \"mining\", \"from\": \"BBB\", \"to\": \"CCC\", \"value\": 5, \"source\": \"s1\", \"estimated\": false},\n"
  "     {\"stage\": \"separation\", \"from\": \"BBB\", \"to\": \"CCC\", \"value\": 10, \"source\": \"s1\", \"estimated\": true}]}]}\n"; /* 20 */

static const char base_scenario[] =
  "{\"format\": \"lodestone-scenario\", \"version\": 1, \"name\": \"n\", \"description\": \"d\", \"year\": 2024,\n"
  " \"alliances\": [\"al\"], \"add\": [\"BBB\"], \"remove\": [\"AAA\"], \"friend_shoring\": 0.5,\n"
  " \"capacity\": [{\"stage\": \"separation\", \"country\": \"BBB\", \"delta\": -5, \"note\": \"x\"}],\n"
  " \"restrictions\": [{\"stage\": \"mining\", \"from\": [\"AAA\"], \"to\": \"bloc\", \"fraction\": 1.0}]}\n";

/* @text with the one occurrence of @from replaced by @to. */
static char *
edit (const char *text,
      const char *from,
      const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  g_assert_null (strstr (at + 1, from));
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

/* The message is "FILE:LINE:COLUMN: PATH: …"; @line 0 skips the line check,
 * a NULL @path the path check. */
static void
check_message (const GError *error,
               const char   *filename,
               guint         line,
               const char   *path)
{
  const char *msg;
  const char *rest;
  char *end;
  guint64 got_line;

  g_assert_nonnull (error);
  msg = error->message;
  g_test_message ("error: %s", msg);
  rest = strstr (msg, filename);
  g_assert_nonnull (rest);
  rest += strlen (filename);
  g_assert_cmpint (rest[0], ==, ':');
  got_line = g_ascii_strtoull (rest + 1, &end, 10);
  g_assert_true (end > rest + 1);
  g_assert_cmpint (end[0], ==, ':');
  g_assert_true (g_ascii_isdigit (end[1]));
  g_ascii_strtoull (end + 1, &end, 10);
  g_assert_cmpint (end[0], ==, ':');
  g_assert_cmpuint (got_line, >=, 1);
  if (line > 0)
    g_assert_cmpuint (got_line, ==, line);
  if (path != NULL)
    g_assert_nonnull (strstr (end, path));
}

static GError *
load_dataset_error (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  GError *error = NULL;
  LsDataset *dataset;

  dataset = ls_dataset_new_from_bytes (bytes, "bad.json", &error);
  g_assert_null (dataset);
  g_assert_nonnull (error);
  return error;
}

/* Edits base_dataset and checks the error. */
static void
check_dataset_edit (const char *from,
                    const char *to,
                    int         code,
                    guint       line,
                    const char *path)
{
  g_autofree char *json = edit (base_dataset, from, to);
  g_autoptr(GError) error = load_dataset_error (json);

  g_assert_error (error, LS_DATA_ERROR, code);
  check_message (error, "bad.json", line, path);
}

static void
test_base_is_valid (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (base_dataset, strlen (base_dataset));
  g_autoptr(GBytes) sbytes = g_bytes_new_static (base_scenario, strlen (base_scenario));
  g_autoptr(GError) error = NULL;
  LsDataset *dataset = ls_dataset_new_from_bytes (bytes, "bad.json", &error);
  LsScenario *scenario;

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  scenario = ls_scenario_new_from_bytes (sbytes, "bad-scenario.json", &error);
  g_assert_no_error (error);
  g_assert_nonnull (scenario);
  g_assert_true (ls_scenario_validate (scenario, dataset, &error));
  g_assert_no_error (error);

  g_assert_finalize_object (scenario);
  g_assert_finalize_object (dataset);
}

static void
test_truncated (void)
{
  g_autofree char *json = g_strndup (base_dataset, strstr (base_dataset, "\"years\"") - base_dataset + 20);
  g_autoptr(GError) error = load_dataset_error (json);

  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_PARSE);
  check_message (error, "bad.json", 0, NULL);
}

static void
test_empty (void)
{
  g_autoptr(GError) error = load_dataset_error ("");

  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_PARSE);
  check_message (error, "bad.json", 0, NULL);
}

static void
test_malformed (void)
{
  g_autofree char *json = edit (base_dataset, "\"name\": \"B\",", "\"name\": \"B\",,");
  g_autoptr(GError) error = load_dataset_error (json);

  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_PARSE);
  check_message (error, "bad.json", 7, NULL);
}

static void
test_not_an_object (void)
{
  g_autoptr(GError) error = load_dataset_error ("[1, 2]");

  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_TYPE);
  check_message (error, "bad.json", 1, "$");
}

static void
test_string_for_number (void)
{
  check_dataset_edit ("\"country\": \"BBB\", \"value\": 50,", "\"country\": \"BBB\", \"value\": \"50\",",
                      LS_DATA_ERROR_TYPE, 13, "$.years[0].production[1].value");
}

static void
test_object_for_array (void)
{
  check_dataset_edit ("\"alliances\": [{\"id\": \"al\", \"name\": \"Alliance\", \"members\": "
                      "[{\"country\": \"AAA\", \"joined\": \"2022\"}]}]",
                      "\"alliances\": {\"id\": \"al\"}",
                      LS_DATA_ERROR_TYPE, 9, "$.alliances");
}

static void
test_estimated_not_boolean (void)
{
  check_dataset_edit ("\"value\": 30, \"source\": \"s1\", \"estimated\": false",
                      "\"value\": 30, \"source\": \"s1\", \"estimated\": \"no\"",
                      LS_DATA_ERROR_TYPE, 18, "$.years[0].flows[0].estimated");
}

static void
test_unknown_country (void)
{
  check_dataset_edit ("\"from\": \"BBB\", \"to\": \"CCC\", \"value\": 5",
                      "\"from\": \"BBB\", \"to\": \"ZZZ\", \"value\": 5",
                      LS_DATA_ERROR_UNKNOWN_ID, 19, "$.years[0].flows[1].to");
}

static void
test_unknown_stage (void)
{
  check_dataset_edit ("{\"stage\": \"separation\", \"country\": \"BBB\"",
                      "{\"stage\": \"smelting\", \"country\": \"BBB\"",
                      LS_DATA_ERROR_UNKNOWN_ID, 14, "$.years[0].production[2].stage");
}

static void
test_unknown_source (void)
{
  check_dataset_edit ("\"country\": \"CCC\", \"value\": 10, \"source\": \"s1\"",
                      "\"country\": \"CCC\", \"value\": 10, \"source\": \"s9\"",
                      LS_DATA_ERROR_UNKNOWN_ID, 15, "$.years[0].production[3].source");
}

static void
test_unknown_alliance_member (void)
{
  check_dataset_edit ("{\"country\": \"AAA\", \"joined\"", "{\"country\": \"QQQ\", \"joined\"",
                      LS_DATA_ERROR_UNKNOWN_ID, 9, "$.alliances[0].members[0].country");
}

static void
test_negative (void)
{
  check_dataset_edit ("\"country\": \"BBB\", \"value\": 50,", "\"country\": \"BBB\", \"value\": -50,",
                      LS_DATA_ERROR_VALUE, 13, "$.years[0].production[1].value");
}

static void
test_not_finite (void)
{
  check_dataset_edit ("\"value\": 30,", "\"value\": 1e999,",
                      LS_DATA_ERROR_VALUE, 18, "$.years[0].flows[0].value");
}

static void
test_yield_out_of_range (void)
{
  check_dataset_edit ("{\"value\": 0.5, ", "{\"value\": 1.5, ",
                      LS_DATA_ERROR_VALUE, 4, "$.stages[1].yield.value");
  check_dataset_edit ("{\"value\": 0.5, ", "{\"value\": 0, ",
                      LS_DATA_ERROR_VALUE, 4, "$.stages[1].yield.value");
}

static void
test_bad_country_id (void)
{
  check_dataset_edit ("{\"id\": \"CCC\"", "{\"id\": \"Ccc\"",
                      LS_DATA_ERROR_VALUE, 8, "$.countries[2].id");
}

static void
test_bad_stage_id (void)
{
  check_dataset_edit ("{\"id\": \"metal\"", "{\"id\": \"Metal Stage\"",
                      LS_DATA_ERROR_VALUE, 5, "$.stages[2].id");
}

static void
test_wrong_format (void)
{
  check_dataset_edit ("\"format\": \"lodestone-dataset\"", "\"format\": \"lodestone-scenario\"",
                      LS_DATA_ERROR_VALUE, 1, "$.format");
  check_dataset_edit ("\"version\": 1,", "\"version\": 2,",
                      LS_DATA_ERROR_VALUE, 1, "$.version");
}

static void
test_missing_member (void)
{
  check_dataset_edit ("{\"id\": \"AAA\", \"name\": \"A\",", "{\"name\": \"A\",",
                      LS_DATA_ERROR_MISSING, 6, "$.countries[0]");
}

static void
test_duplicate_country (void)
{
  check_dataset_edit ("{\"id\": \"CCC\"", "{\"id\": \"BBB\"",
                      LS_DATA_ERROR_DUPLICATE, 8, "$.countries[2].id");
}

static void
test_duplicate_stage (void)
{
  check_dataset_edit ("{\"id\": \"metal\"", "{\"id\": \"mining\"",
                      LS_DATA_ERROR_DUPLICATE, 5, "$.stages[2].id");
}

static void
test_duplicate_source (void)
{
  check_dataset_edit ("\"url\": \"https://example.org\"}]",
                      "\"url\": \"https://example.org\"},\n"
                      "             {\"id\": \"s1\", \"title\": \"Again\", \"detail\": \"x\", \"url\": \"https://example.org\"}]",
                      LS_DATA_ERROR_DUPLICATE, 3, "$.sources[1].id");
}

static void
test_missing_flow_value (void)
{
  check_dataset_edit ("\"to\": \"BBB\", \"value\": 30, ", "\"to\": \"BBB\", ",
                      LS_DATA_ERROR_MISSING, 18, "$.years[0].flows[0]");
}

static void
test_duplicate_production (void)
{
  check_dataset_edit ("{\"stage\": \"separation\", \"country\": \"CCC\"",
                      "{\"stage\": \"separation\", \"country\": \"BBB\"",
                      LS_DATA_ERROR_DUPLICATE, 15, "$.years[0].production[3]");
}

static void
test_duplicate_flow (void)
{
  check_dataset_edit ("\"value\": 10, \"source\": \"s1\", \"estimated\": true}]",
                      "\"value\": 10, \"source\": \"s1\", \"estimated\": true},\n"
                      "     {\"stage\": \"mining\", \"from\": \"AAA\", \"to\": \"BBB\", \"value\": 1, \"source\": \"s1\"}]",
                      LS_DATA_ERROR_DUPLICATE, 21, "$.years[0].flows[3]");
}

static void
test_flow_from_non_producer (void)
{
  check_dataset_edit ("\"from\": \"BBB\", \"to\": \"CCC\", \"value\": 5",
                      "\"from\": \"CCC\", \"to\": \"BBB\", \"value\": 5",
                      LS_DATA_ERROR_INCONSISTENT, 19, "$.years[0].flows[1]");
}

/* A flow leaves its stage; the last stage has nowhere to go. DESIGN.md
 * names no code for this: VALUE (not an allowed stage) or INCONSISTENT. */
static void
test_flow_from_last_stage (void)
{
  g_autofree char *json = edit (base_dataset,
                                "\"value\": 10, \"source\": \"s1\", \"estimated\": true}]",
                                "\"value\": 10, \"source\": \"s1\", \"estimated\": true},\n"
                                "     {\"stage\": \"metal\", \"from\": \"CCC\", \"to\": \"AAA\", \"value\": 1, \"source\": \"s1\"}]");
  g_autoptr(GError) error = load_dataset_error (json);

  g_assert_true (error->domain == LS_DATA_ERROR);
  g_assert_true (error->code == LS_DATA_ERROR_VALUE || error->code == LS_DATA_ERROR_INCONSISTENT);
  check_message (error, "bad.json", 21, "$.years[0].flows[3]");
}

/* CCC's need of mined REO is 10 / 0.5 = 20 t; 25 t given into it. */
static void
test_inflows_above_need (void)
{
  check_dataset_edit ("\"from\": \"BBB\", \"to\": \"CCC\", \"value\": 5",
                      "\"from\": \"BBB\", \"to\": \"CCC\", \"value\": 25",
                      LS_DATA_ERROR_INCONSISTENT, 0, "$.years[0]");
}

/* AAA mines 20 t and ships 30. */
static void
test_outflows_above_production (void)
{
  check_dataset_edit ("\"country\": \"AAA\", \"value\": 100,", "\"country\": \"AAA\", \"value\": 20,",
                      LS_DATA_ERROR_INCONSISTENT, 0, "$.years[0]");
}

static void
test_default_year_missing (void)
{
  check_dataset_edit ("\"default_year\": 2024", "\"default_year\": 1999",
                      LS_DATA_ERROR_UNKNOWN_ID, 1, "$.default_year");
}

/* The same errors from a file name the file. */
static void
test_fixture_file (void)
{
  g_autofree char *path = ls_test_build_filename ("bad-negative.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  LsDataset *dataset = ls_dataset_new_from_file (file, NULL, &error);

  g_assert_null (dataset);
  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_VALUE);
  check_message (error, "bad-negative.json", 28, "$.years[0].production[1].value");
}

static void
test_fixture_truncated (void)
{
  g_autofree char *path = ls_test_build_filename ("bad-truncated.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  LsDataset *dataset = ls_dataset_new_from_file (file, NULL, &error);

  g_assert_null (dataset);
  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_PARSE);
  check_message (error, "bad-truncated.json", 0, NULL);
}

static void
test_missing_files (void)
{
  g_autofree char *path = ls_test_build_filename ("model-does-not-exist.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_null (ls_dataset_new_from_file (file, NULL, &error));
  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "model-does-not-exist.json"));
  g_clear_error (&error);

  g_assert_null (ls_scenario_new_from_file (file, NULL, &error));
  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "model-does-not-exist.json"));
}

/* Scenarios. */

static void
check_scenario_edit (const char *from,
                     const char *to,
                     int         code,
                     guint       line,
                     const char *path)
{
  g_autofree char *json = edit (base_scenario, from, to);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  LsScenario *scenario;

  scenario = ls_scenario_new_from_bytes (bytes, "bad-scenario.json", &error);
  g_assert_null (scenario);
  g_assert_error (error, LS_DATA_ERROR, code);
  check_message (error, "bad-scenario.json", line, path);
}

static void
test_scenario_fraction (void)
{
  check_scenario_edit ("\"fraction\": 1.0", "\"fraction\": 1.5",
                       LS_DATA_ERROR_VALUE, 4, "$.restrictions[0].fraction");
}

static void
test_scenario_friend_shoring (void)
{
  check_scenario_edit ("\"friend_shoring\": 0.5", "\"friend_shoring\": -0.1",
                       LS_DATA_ERROR_VALUE, 2, "$.friend_shoring");
}

static void
test_scenario_bad_party (void)
{
  check_scenario_edit ("\"to\": \"bloc\"", "\"to\": \"everyone\"",
                       LS_DATA_ERROR_VALUE, 4, "$.restrictions[0].to");
}

static void
test_scenario_wrong_type (void)
{
  check_scenario_edit ("\"delta\": -5", "\"delta\": \"-5\"",
                       LS_DATA_ERROR_TYPE, 3, "$.capacity[0].delta");
}

static void
test_scenario_truncated (void)
{
  g_autofree char *json = g_strndup (base_scenario, 120);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;

  g_assert_null (ls_scenario_new_from_bytes (bytes, "bad-scenario.json", &error));
  g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_PARSE);
  check_message (error, "bad-scenario.json", 0, NULL);
}

static void
test_scenario_wrong_format (void)
{
  check_scenario_edit ("\"format\": \"lodestone-scenario\"", "\"format\": \"lodestone-dataset\"",
                       LS_DATA_ERROR_VALUE, 1, "$.format");
}

/* Readers outside the model (the Sankey graph) report through
 * LsJsonReader in their own error domain, with their own codes. */
G_GNUC_PRINTF (5, 6)
static void
set_other_error (LsJsonReader      *reader,
                 GError           **error,
                 const LsJsonValue *value,
                 const LsJsonPath  *path,
                 const char        *format,
                 ...)
{
  va_list args;

  va_start (args, format);
  _ls_json_reader_set_error_valist (reader, error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, value,
                                    path, format, args);
  va_end (args);
}

static void
test_reader_other_domain (void)
{
  static const char json[] = "{\"a\": 1,\n"
                             " \"b\": [true, \"x\"],\n"
                             " \"c\": null}\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(LsJsonReader) reader = _ls_json_reader_new (bytes, "other.json", &error);
  const LsJsonPath root_path = LS_JSON_PATH_ROOT;
  const LsJsonPath c_path = _ls_json_path_member (&root_path, "c");
  const LsJsonPath b_path = _ls_json_path_member (&root_path, "b");
  const LsJsonPath b1_path = _ls_json_path_element (&b_path, 1);
  const LsJsonValue *root;
  const LsJsonValue *b;

  g_assert_no_error (error);
  root = _ls_json_reader_get_root (reader);
  b = _ls_json_get (root, "b");

  g_assert_cmpstr (_ls_json_describe (root), ==, "an object");
  g_assert_cmpstr (_ls_json_describe (_ls_json_get (root, "a")), ==, "a number");
  g_assert_cmpstr (_ls_json_describe (b), ==, "an array");
  g_assert_cmpstr (_ls_json_describe (_ls_json_first (b)), ==, "a boolean");
  g_assert_cmpstr (_ls_json_describe (_ls_json_next (_ls_json_first (b))), ==, "a string");
  g_assert_cmpstr (_ls_json_describe (_ls_json_get (root, "c")), ==, "null");

  /* A null member has a position of its own, like any other value. */
  set_other_error (reader, &error, _ls_json_get (root, "c"), &c_path,
                   "expected %s, found null", "a number");
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  check_message (error, "other.json", 3, "$.c");
  g_assert_nonnull (strstr (error->message, ": $.c: expected a number, found null"));
  g_clear_error (&error);

  set_other_error (reader, &error, _ls_json_next (_ls_json_first (b)), &b1_path, "bad");
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  check_message (error, "other.json", 2, "$.b[1]");
}

/* Naming an alliance, country or stage the dataset lacks is for
 * ls_scenario_validate() and ls_result_new() to catch. */
static void
test_scenario_unknown_ids (void)
{
  const char *edits[][2] = {
    { "\"alliances\": [\"al\"]", "\"alliances\": [\"nato\"]" },
    { "\"add\": [\"BBB\"]", "\"add\": [\"XYZ\"]" },
    { "{\"stage\": \"separation\", \"country\": \"BBB\"", "{\"stage\": \"refining\", \"country\": \"BBB\"" },
    { "\"from\": [\"AAA\"]", "\"from\": [\"QQQ\"]" },
  };
  g_autoptr(GBytes) dbytes = g_bytes_new_static (base_dataset, strlen (base_dataset));
  g_autoptr(GError) derror = NULL;
  LsDataset *dataset = ls_dataset_new_from_bytes (dbytes, "bad.json", &derror);

  g_assert_no_error (derror);

  for (guint k = 0; k < G_N_ELEMENTS (edits); k++)
    {
      g_autofree char *json = edit (base_scenario, edits[k][0], edits[k][1]);
      g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
      g_autoptr(GError) error = NULL;
      LsScenario *scenario = ls_scenario_new_from_bytes (bytes, "bad-scenario.json", &error);
      LsResult *result;

      g_assert_no_error (error);
      g_assert_nonnull (scenario);
      g_assert_false (ls_scenario_validate (scenario, dataset, &error));
      g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_UNKNOWN_ID);
      g_clear_error (&error);

      result = ls_result_new (dataset, scenario, &error);
      g_assert_null (result);
      g_assert_error (error, LS_DATA_ERROR, LS_DATA_ERROR_UNKNOWN_ID);

      g_assert_finalize_object (scenario);
    }

  g_assert_finalize_object (dataset);
}

/* Import shares (DESIGN.md "Import shares"), added at the end of the
 * flows on line 20 so that every error points there. */
#define LAST_FLOW "\"estimated\": true}]}]}"

static void
check_import_shares (const char *entries,
                     int         code,
                     const char *path)
{
  g_autofree char *shares = g_strdup_printf ("\"estimated\": true}], \"import_shares\": [%s]}]}", entries);

  check_dataset_edit (LAST_FLOW, shares, code, 20, path);
}

static void
test_shares_above_one (void)
{
  check_import_shares ("{\"stage\": \"mining\", \"to\": \"CCC\", \"source\": \"s1\", \"shares\": "
                       "[{\"from\": \"AAA\", \"share\": 0.7}, {\"from\": \"unknown\", \"share\": 0.5}]}",
                       LS_DATA_ERROR_VALUE, "$.years[0].import_shares[0].shares");
}

static void
test_share_and_tonnage (void)
{
  check_import_shares ("{\"stage\": \"mining\", \"to\": \"CCC\", \"source\": \"s1\", \"shares\": "
                       "[{\"from\": \"BBB\", \"share\": 0.5}]}",
                       LS_DATA_ERROR_DUPLICATE, "$.years[0].import_shares[0].shares[0]");
}

static void
test_share_from_importer (void)
{
  check_import_shares ("{\"stage\": \"mining\", \"to\": \"CCC\", \"source\": \"s1\", \"shares\": "
                       "[{\"from\": \"CCC\", \"share\": 0.5}]}",
                       LS_DATA_ERROR_VALUE, "$.years[0].import_shares[0].shares[0].from");
}

static void
test_share_unknown_partner (void)
{
  check_import_shares ("{\"stage\": \"mining\", \"to\": \"CCC\", \"source\": \"s1\", \"shares\": "
                       "[{\"from\": \"ZZZ\", \"share\": 0.5}]}",
                       LS_DATA_ERROR_UNKNOWN_ID, "$.years[0].import_shares[0].shares[0].from");
}

static void
test_shares_twice (void)
{
  check_import_shares ("{\"stage\": \"mining\", \"to\": \"CCC\", \"source\": \"s1\", \"shares\": "
                       "[{\"from\": \"AAA\", \"share\": 0.1}]}, "
                       "{\"stage\": \"mining\", \"to\": \"CCC\", \"source\": \"s1\", \"shares\": "
                       "[{\"from\": \"unknown\", \"share\": 0.1}]}",
                       LS_DATA_ERROR_DUPLICATE, "$.years[0].import_shares[1]");
}

/* CCC's metal (25 t) needs 25 t of oxide; it makes 10 itself, so its
 * import need is 15, and half of it from AAA, which separates nothing. */
static void
test_share_above_production (void)
{
  check_import_shares ("{\"stage\": \"separation\", \"to\": \"CCC\", \"source\": \"s1\", \"shares\": "
                       "[{\"from\": \"AAA\", \"share\": 0.5}]}",
                       LS_DATA_ERROR_INCONSISTENT, "$.years[0].import_shares[0]");
}

/* CCC needs 20 t of ore and mines none: an import need of 20, all from
 * AAA, on top of the 5 t given from BBB. */
static void
test_share_above_need (void)
{
  check_import_shares ("{\"stage\": \"mining\", \"to\": \"CCC\", \"source\": \"s1\", \"shares\": "
                       "[{\"from\": \"AAA\", \"share\": 1}]}",
                       LS_DATA_ERROR_INCONSISTENT, "$.years[0].import_shares[0]");
}

static void
test_range_low_above_value (void)
{
  check_dataset_edit ("\"country\": \"BBB\", \"value\": 50,", "\"country\": \"BBB\", \"value\": 50, \"low\": 60,",
                      LS_DATA_ERROR_VALUE, 13, "$.years[0].production[1].low");
}

static void
test_range_high_below_value (void)
{
  check_dataset_edit ("\"country\": \"BBB\", \"value\": 50,", "\"country\": \"BBB\", \"value\": 50, \"high\": 40,",
                      LS_DATA_ERROR_VALUE, 13, "$.years[0].production[1].high");
}

static void
test_value_above_maximum (void)
{
  check_dataset_edit ("\"country\": \"BBB\", \"value\": 50,", "\"country\": \"BBB\", \"value\": 1e308,",
                      LS_DATA_ERROR_VALUE, 13, "$.years[0].production[1].value");
}

static void
test_bad_date (void)
{
  check_dataset_edit ("\"joined\": \"2022\"", "\"joined\": \"22-03\"",
                      LS_DATA_ERROR_VALUE, 9, "$.alliances[0].members[0].joined");
}

static void
test_left_before_joined (void)
{
  check_dataset_edit ("\"joined\": \"2022\"", "\"joined\": \"2022\", \"left\": \"2020-01-31\"",
                      LS_DATA_ERROR_INCONSISTENT, 9, "$.alliances[0].members[0].left");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lodestone/model/loader-errors/base-is-valid", test_base_is_valid);
  g_test_add_func ("/lodestone/model/loader-errors/truncated", test_truncated);
  g_test_add_func ("/lodestone/model/loader-errors/empty", test_empty);
  g_test_add_func ("/lodestone/model/loader-errors/malformed", test_malformed);
  g_test_add_func ("/lodestone/model/loader-errors/not-an-object", test_not_an_object);
  g_test_add_func ("/lodestone/model/loader-errors/string-for-number", test_string_for_number);
  g_test_add_func ("/lodestone/model/loader-errors/object-for-array", test_object_for_array);
  g_test_add_func ("/lodestone/model/loader-errors/estimated-not-boolean", test_estimated_not_boolean);
  g_test_add_func ("/lodestone/model/loader-errors/unknown-country", test_unknown_country);
  g_test_add_func ("/lodestone/model/loader-errors/unknown-stage", test_unknown_stage);
  g_test_add_func ("/lodestone/model/loader-errors/unknown-source", test_unknown_source);
  g_test_add_func ("/lodestone/model/loader-errors/unknown-alliance-member", test_unknown_alliance_member);
  g_test_add_func ("/lodestone/model/loader-errors/negative", test_negative);
  g_test_add_func ("/lodestone/model/loader-errors/not-finite", test_not_finite);
  g_test_add_func ("/lodestone/model/loader-errors/yield-out-of-range", test_yield_out_of_range);
  g_test_add_func ("/lodestone/model/loader-errors/bad-country-id", test_bad_country_id);
  g_test_add_func ("/lodestone/model/loader-errors/bad-stage-id", test_bad_stage_id);
  g_test_add_func ("/lodestone/model/loader-errors/wrong-format", test_wrong_format);
  g_test_add_func ("/lodestone/model/loader-errors/missing-member", test_missing_member);
  g_test_add_func ("/lodestone/model/loader-errors/reader-other-domain", test_reader_other_domain);
  g_test_add_func ("/lodestone/model/loader-errors/duplicate-country", test_duplicate_country);
  g_test_add_func ("/lodestone/model/loader-errors/duplicate-stage", test_duplicate_stage);
  g_test_add_func ("/lodestone/model/loader-errors/duplicate-source", test_duplicate_source);
  g_test_add_func ("/lodestone/model/loader-errors/missing-flow-value", test_missing_flow_value);
  g_test_add_func ("/lodestone/model/loader-errors/duplicate-production", test_duplicate_production);
  g_test_add_func ("/lodestone/model/loader-errors/duplicate-flow", test_duplicate_flow);
  g_test_add_func ("/lodestone/model/loader-errors/flow-from-non-producer", test_flow_from_non_producer);
  g_test_add_func ("/lodestone/model/loader-errors/flow-from-last-stage", test_flow_from_last_stage);
  g_test_add_func ("/lodestone/model/loader-errors/inflows-above-need", test_inflows_above_need);
  g_test_add_func ("/lodestone/model/loader-errors/outflows-above-production", test_outflows_above_production);
  g_test_add_func ("/lodestone/model/loader-errors/default-year-missing", test_default_year_missing);
  g_test_add_func ("/lodestone/model/loader-errors/shares-above-one", test_shares_above_one);
  g_test_add_func ("/lodestone/model/loader-errors/share-and-tonnage", test_share_and_tonnage);
  g_test_add_func ("/lodestone/model/loader-errors/share-from-importer", test_share_from_importer);
  g_test_add_func ("/lodestone/model/loader-errors/share-unknown-partner", test_share_unknown_partner);
  g_test_add_func ("/lodestone/model/loader-errors/shares-twice", test_shares_twice);
  g_test_add_func ("/lodestone/model/loader-errors/share-above-production", test_share_above_production);
  g_test_add_func ("/lodestone/model/loader-errors/share-above-need", test_share_above_need);
  g_test_add_func ("/lodestone/model/loader-errors/range-low-above-value", test_range_low_above_value);
  g_test_add_func ("/lodestone/model/loader-errors/range-high-below-value", test_range_high_below_value);
  g_test_add_func ("/lodestone/model/loader-errors/value-above-maximum", test_value_above_maximum);
  g_test_add_func ("/lodestone/model/loader-errors/bad-date", test_bad_date);
  g_test_add_func ("/lodestone/model/loader-errors/left-before-joined", test_left_before_joined);
  g_test_add_func ("/lodestone/model/loader-errors/fixture-file", test_fixture_file);
  g_test_add_func ("/lodestone/model/loader-errors/fixture-truncated", test_fixture_truncated);
  g_test_add_func ("/lodestone/model/loader-errors/missing-files", test_missing_files);
  g_test_add_func ("/lodestone/model/loader-errors/scenario-fraction", test_scenario_fraction);
  g_test_add_func ("/lodestone/model/loader-errors/scenario-friend-shoring", test_scenario_friend_shoring);
  g_test_add_func ("/lodestone/model/loader-errors/scenario-bad-party", test_scenario_bad_party);
  g_test_add_func ("/lodestone/model/loader-errors/scenario-wrong-type", test_scenario_wrong_type);
  g_test_add_func ("/lodestone/model/loader-errors/scenario-truncated", test_scenario_truncated);
  g_test_add_func ("/lodestone/model/loader-errors/scenario-wrong-format", test_scenario_wrong_format);
  g_test_add_func ("/lodestone/model/loader-errors/scenario-unknown-ids", test_scenario_unknown_ids);

  return g_test_run ();
}
