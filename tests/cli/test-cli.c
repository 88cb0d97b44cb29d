/* test-cli.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ls-test-locale.h"

/* Runs lodestone-cli with @args in the test's environment changed by
 * @env ("NAME", "value" pairs; a NULL value unsets NAME); returns its exit
 * status. */
static int
run_cli_env (const char * const *env,
             const char * const *args,
             char              **out,
             char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) stdout_bytes = NULL;
  g_autoptr(GBytes) stderr_bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("LODESTONE_CLI");

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    {
      if (env[i + 1] != NULL)
        g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
      else
        g_subprocess_launcher_unsetenv (launcher, env[i]);
    }

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &stdout_bytes, &stderr_bytes, &error);
  g_assert_no_error (error);
  /* Empty output is "", not NULL (which g_bytes_get_data() gives for it). */
  *out = g_strndup (g_bytes_get_size (stdout_bytes) > 0 ? g_bytes_get_data (stdout_bytes, NULL) : "",
                    g_bytes_get_size (stdout_bytes));
  *err = g_strndup (g_bytes_get_size (stderr_bytes) > 0 ? g_bytes_get_data (stderr_bytes, NULL) : "",
                    g_bytes_get_size (stderr_bytes));

  return g_subprocess_get_exit_status (process);
}

static int
run_cli (const char * const *args,
         char              **out,
         char              **err)
{
  return run_cli_env (NULL, args, out, err);
}

static char *
write_temp (const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lodestone-cli-XXXXXX", &error);
  char *path;

  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_usage (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli ((const char *[]) { NULL }, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "frobnicate", NULL }, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "unknown verb"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--help", NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "shares"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Every verb has its own help. */
  for (guint i = 0; i < 5; i++)
    {
      const char *verbs[] = { "check", "shares", "flows", "layout", "render" };

      g_assert_cmpint (run_cli ((const char *[]) { verbs[i], "--help", NULL }, &out, &err), ==, 0);
      g_assert_nonnull (strstr (out, verbs[i]));
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
    }

  g_assert_cmpint (run_cli ((const char *[]) { "shares", "--no-such-option", NULL }, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "shares", "--format", "xml", NULL }, &out, &err), ==, 2);
}

static void
test_check (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *truncated = write_temp ("truncated.json", "{\"format\": \"lodestone-dataset\",\n \"version\": 1,\n \"sources\": [");
  g_autofree char *bad_scenario = write_temp ("bad-scenario.json",
                                              "{\"format\": \"lodestone-scenario\", \"version\": 1,\n"
                                              " \"alliances\": [\"msp\", \"no-such-bloc\"]}");
  g_autofree char *preset = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios",
                                                   "03-china-withholds-magnets.json", NULL);

  g_assert_cmpint (run_cli ((const char *[]) { "check", NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "valid dataset"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "check", truncated, NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "truncated.json:"));
  g_assert_cmpint (strchr (err, '\n') - err, ==, strlen (err) - 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "check", bad_scenario, NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "bad-scenario.json:2:"));
  g_assert_nonnull (strstr (err, "$.alliances[1]"));
  g_assert_nonnull (strstr (err, "no-such-bloc"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "check", preset, NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "valid scenario"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "check", "/nonexistent/file.json", NULL }, &out, &err), ==, 1);
}

static double
stage_value (JsonObject *root,
             const char *stage,
             const char *member)
{
  JsonArray *stages = json_object_get_array_member (root, "stages");

  for (guint i = 0; i < json_array_get_length (stages); i++)
    {
      JsonObject *object = json_array_get_object_element (stages, i);

      if (g_str_equal (json_object_get_string_member (object, "id"), stage))
        return json_object_get_double_member (object, member);
    }

  g_assert_not_reached ();
}

/* The headline of the shipped 2024 data, as the CLI prints it. */
static void
test_shares (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *root;

  g_assert_cmpint (run_cli ((const char *[]) { "shares", "--year", "2024", "--format", "json", NULL }, &out, &err), ==, 0);
  root = parse_object (parser, out);
  g_assert_cmpint (json_object_get_int_member (root, "year"), ==, 2024);
  g_assert_cmpfloat (stage_value (root, "mining", "china_share"), >=, 0.60);
  /* USGS MCS 2026: 71.1 % of the world, 70.5 % of the countries listed. */
  g_assert_cmpfloat (stage_value (root, "mining", "china_share"), <=, 0.72);
  g_assert_cmpfloat (stage_value (root, "separation", "china_share"), >=, 0.85);
  g_assert_cmpfloat (stage_value (root, "separation", "china_share"), <=, 0.93);
  g_assert_cmpfloat (stage_value (root, "magnets", "china_share"), >, 0.80);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "shares", NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "separation"));
  g_assert_nonnull (strstr (out, "CHN"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "shares", "--format", "csv", "--alliance", "msp", NULL }, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "year,stage,country,"));
  g_assert_nonnull (strstr (out, ",KOR,"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "shares", "--alliance", "no-such", NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "no-such"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "shares", "--year", "1999", NULL }, &out, &err), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "shares", "--friend-shoring", "2", NULL }, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "shares", "--restrict", "separation:CHN:bloc", NULL }, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "shares", "--restrict", "smelting:CHN:bloc:1", NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "smelting"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "shares", "--capacity", "mining:XXX:10", NULL }, &out, &err), ==, 1);
}

static void
assert_flows_equal (JsonArray *a,
                    JsonArray *b)
{
  g_assert_cmpuint (json_array_get_length (a), ==, json_array_get_length (b));

  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *x = json_array_get_object_element (a, i);
      JsonObject *y = json_array_get_object_element (b, i);

      g_assert_cmpstr (json_object_get_string_member (x, "stage"), ==, json_object_get_string_member (y, "stage"));
      g_assert_cmpstr (json_object_get_string_member (x, "from"), ==, json_object_get_string_member (y, "from"));
      g_assert_cmpstr (json_object_get_string_member (x, "to"), ==, json_object_get_string_member (y, "to"));
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (x, "value"),
                                      json_object_get_double_member (y, "value"),
                                      1e-9 * MAX (1.0, json_object_get_double_member (x, "value")));
    }
}

static void
test_flows (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *keys[] = { "year", "bloc", "stages", "production", "given_flows", "import_shares",
                         "scenario", "baseline", "result", NULL };
  g_autoptr(GList) members = NULL;
  JsonObject *root;
  JsonObject *scenario;
  JsonArray *restrictions;

  /* No levers and φ = 0: the result is the baseline. */
  g_assert_cmpint (run_cli ((const char *[]) { "flows", "--format", "json", "--alliance", "msp", NULL }, &out, &err), ==, 0);
  root = parse_object (parser, out);
  members = json_object_get_members (root);
  g_assert_cmpuint (g_list_length (members), ==, g_strv_length ((char **) keys));
  for (guint i = 0; keys[i] != NULL; i++)
    g_assert_true (json_object_has_member (root, keys[i]));
  g_assert_true (json_object_has_member (json_object_get_object_member (root, "baseline"), "unknown_origin"));
  {
    JsonObject *result = json_object_get_object_member (root, "result");
    const char *result_keys[] = { "production", "flows", "shortfall", "dependency", NULL };

    g_assert_cmpuint (json_object_get_size (result), ==, g_strv_length ((char **) result_keys));
    for (guint i = 0; result_keys[i] != NULL; i++)
      g_assert_true (json_object_has_member (result, result_keys[i]));
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (json_object_get_object_member (result, "dependency"), "use")));
  }
  assert_flows_equal (json_object_get_array_member (json_object_get_object_member (root, "baseline"), "flows"),
                      json_object_get_array_member (json_object_get_object_member (root, "result"), "flows"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "flows", "--format", "json", "--alliance", "msp",
                                               "--restrict", "separation:CHN:bloc:0.5",
                                               "--restrict", "mining:MMR,USA:non-bloc:1",
                                               "--capacity", "separation:VNM:1000",
                                               "--friend-shoring", "0.25", NULL }, &out, &err), ==, 0);
  root = parse_object (parser, out);
  scenario = json_object_get_object_member (root, "scenario");
  g_assert_cmpfloat (json_object_get_double_member (scenario, "friend_shoring"), ==, 0.25);
  restrictions = json_object_get_array_member (scenario, "restrictions");
  g_assert_cmpuint (json_array_get_length (restrictions), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (restrictions, 0), "to"), ==, "bloc");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_array_get_object_element (restrictions, 1), "from")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (scenario, "capacity")), ==, 1);
}

/* The fields of one CSV line (RFC 4180 quoting, no line breaks inside). */
static GStrv
split_csv_line (const char *line)
{
  g_autoptr(GStrvBuilder) fields = g_strv_builder_new ();
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line; ; p++)
    {
      if (quoted && *p == '"' && p[1] == '"')
        g_string_append_c (field, *p++);
      else if (*p == '"')
        quoted = !quoted;
      else if ((*p == ',' && !quoted) || *p == '\0')
        {
          g_strv_builder_add (fields, field->str);
          g_string_truncate (field, 0);
          if (*p == '\0')
            break;
        }
      else
        g_string_append_c (field, *p);
    }

  g_assert_false (quoted);
  return g_strv_builder_end (fields);
}

/* Every line has the header's number of fields, and @column (a share)
 * reads back as a number with a "." decimal point. */
static void
assert_csv_table (const char *csv,
                  const char *column)
{
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
  g_auto(GStrv) header = split_csv_line (lines[0]);
  guint n_lines = g_strv_length (lines);
  int index = -1;

  for (guint i = 0; header[i] != NULL; i++)
    if (g_str_equal (header[i], column))
      index = i;
  g_assert_cmpint (index, >=, 0);

  /* The output ends with a line break: the last "line" is empty. */
  g_assert_cmpuint (n_lines, >, 2);
  g_assert_cmpstr (lines[n_lines - 1], ==, "");

  for (guint i = 1; i + 1 < n_lines; i++)
    {
      g_auto(GStrv) fields = split_csv_line (lines[i]);
      char *end = NULL;

      g_assert_cmpuint (g_strv_length (fields), ==, g_strv_length (header));
      g_ascii_strtod (fields[index], &end);
      g_assert_true (end != fields[index] && *end == '\0');
    }
}

/* Machine formats do not follow the locale; the text does. Under a
 * decimal-comma locale `shares --format csv` once printed "0,687…",
 * splitting one value over two columns. */
static void
test_decimal_comma (void)
{
  const char * const german[] = { "LC_ALL", "de_DE.UTF-8", NULL };
  const char * const *commands[] = {
    (const char *[]) { "shares", "--format", "csv", "--alliance", "msp", NULL },
    (const char *[]) { "shares", "--format", "json", "--alliance", "msp", NULL },
    (const char *[]) { "flows", "--format", "csv", "--alliance", "msp", "--restrict", "separation:CHN:bloc:0.5", NULL },
    (const char *[]) { "flows", "--format", "json", "--alliance", "msp", "--friend-shoring", "0.25", NULL },
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GRegex) comma_percent = g_regex_new ("[0-9],[0-9]%", 0, 0, NULL);

  if (!ls_test_require_locale ("de_DE.UTF-8"))
    return;

  /* The locale is in force: the table for people has decimal commas. */
  g_assert_cmpint (run_cli_env (german, (const char *[]) { "shares", "--alliance", "msp", NULL }, &out, &err), ==, 0);
  g_assert_true (g_regex_match (comma_percent, out, 0, NULL));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *c_out = NULL;
      g_autofree char *de_out = NULL;

      g_assert_cmpint (run_cli (commands[i], &c_out, &err), ==, 0);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run_cli_env (german, commands[i], &de_out, &err), ==, 0);
      g_clear_pointer (&err, g_free);

      g_assert_cmpstr (de_out, ==, c_out);
      if (g_strv_contains (commands[i], "csv"))
        assert_csv_table (de_out, g_str_equal (commands[i][0], "shares") ? "share" : "value");
    }
}

/* `render` from the build tree, as a Korean user runs it: the figure's
 * text comes from po/ko.po, its numbers grouped as ko_KR groups them. */
static void
test_render_korean (void)
{
  const char * const korean[] = { "LC_ALL", NULL, "LANGUAGE", NULL, "LANG", "ko_KR.UTF-8", NULL };
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lodestone-cli-XXXXXX", &error);
  g_autofree char *sankey = g_build_filename (dir, "flows.pdf", NULL);
  g_autofree char *map = g_build_filename (dir, "map.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  int status;

  g_assert_no_error (error);
  if (!ls_test_require_locale ("ko_KR.UTF-8"))
    return;
  if (pdftotext == NULL)
    {
      /* As tests/data/lib.sh's require_tool: a broken install under CI. */
      if (g_getenv ("CI") != NULL)
        g_error ("pdftotext not found; install the Debian package poppler-utils");
      g_test_skip ("pdftotext not found; install the Debian package poppler-utils");
      return;
    }

  g_assert_cmpint (run_cli_env (korean, (const char *[]) { "render", "--alliance", "msp", "--output", sankey, NULL },
                                &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli_env (korean, (const char *[]) { "render", "--view", "map", "--alliance", "msp",
                                                           "--output", map, NULL },
                                &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  {
    const char *argv[] = { pdftotext, sankey, "-", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  /* "Rare-earth flows, %d", the stage "Separation", the node "Other uses". */
  g_assert_nonnull (strstr (text, "희토류 흐름, 2024년"));
  g_assert_nonnull (strstr (text, "분리"));
  g_assert_nonnull (strstr (text, "기타 용도"));
  g_assert_null (strstr (text, "Rare-earth flows"));
  g_assert_null (strstr (text, "Other uses"));
  g_clear_pointer (&text, g_free);

  {
    const char *argv[] = { pdftotext, map, "-", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  /* The legend's "Share of world %s output" and "Bloc member (outline)",
   * and its amounts with ko_KR's "," grouping ("20,000 t REO"). */
  g_assert_nonnull (strstr (text, "세계 채굴 생산량 중 비중"));
  g_assert_nonnull (strstr (text, "진영 회원국(윤곽선)"));
  g_assert_true (g_regex_match_simple ("[0-9],[0-9]{3}\\s+t REO", text, 0, 0));
  g_assert_null (strstr (text, "Share of world"));

  g_remove (sankey);
  g_remove (map);
  g_rmdir (dir);
}

/* pdftotext's UTF-8 text of @pdf with its white space folded to single
 * spaces, so that a wrapped caption reads as one line; %NULL (the test
 * skipped) without poppler-utils outside CI. */
static char *
pdf_text (const char *pdf)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) words = NULL;
  const char *argv[] = { NULL, "-enc", "UTF-8", pdf, "-", NULL };
  int status;

  if (pdftotext == NULL)
    {
      if (g_getenv ("CI") != NULL)
        g_error ("pdftotext not found; install the Debian package poppler-utils");
      g_test_skip ("pdftotext not found; install the Debian package poppler-utils");
      return NULL;
    }

  argv[0] = pdftotext;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  words = g_regex_split_simple ("\\s+", out, 0, 0);

  return g_strstrip (g_strjoinv (" ", words));
}

/* M11: `render` figures name their scenario, year, bloc and every lever,
 * given in a file or as options, in the figure (PDF read back) and in an
 * SVG's <title>. */
static void
test_render_caption (void)
{
  g_autofree char *scenario = write_temp ("embargo.json",
                                          "{\"format\": \"lodestone-scenario\", \"version\": 1,"
                                          " \"name\": \"Magnet embargo\", \"year\": 2024,"
                                          " \"alliances\": [\"msp\"], \"friend_shoring\": 0.5,"
                                          " \"capacity\": [{\"stage\": \"separation\", \"country\": \"KOR\", \"delta\": 5000}],"
                                          " \"restrictions\": []}");
  g_autofree char *dir = g_path_get_dirname (scenario);
  g_autofree char *pdf = g_build_filename (dir, "figure.pdf", NULL);
  g_autofree char *svg = g_build_filename (dir, "figure.svg", NULL);
  const char *views[] = { "sankey", "map" };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *text = NULL;
      g_autofree char *contents = NULL;

      g_assert_cmpint (run_cli ((const char *[]) { "render", "--view", views[i], "--scenario", scenario,
                                                   "--restrict", "magnets:CHN:bloc:1", "--output", pdf, NULL },
                                &out, &err), ==, 0);
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      if (!(text = pdf_text (pdf)))
        return;
      g_assert_nonnull (strstr (text, "Magnet embargo — 2024 — Bloc: Minerals Security Partnership"));
      g_assert_nonnull (strstr (text, "Magnets from China to the bloc cut by 100 %"));
      g_assert_nonnull (strstr (text, "South Korea Separation +5000 t"));
      g_assert_nonnull (strstr (text, "friend-shoring 50 %"));
      g_assert_nonnull (strstr (text, "Sources: "));

      g_assert_cmpint (run_cli ((const char *[]) { "render", "--view", views[i], "--scenario", scenario,
                                                   "--output", svg, NULL },
                                &out, &err), ==, 0);
      g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
      g_assert_nonnull (strstr (contents, "<title>Magnet embargo — 2024 — Bloc: "));
      g_assert_nonnull (strstr (contents, "South Korea Separation +5000 t"));
      g_assert_null (strstr (contents, "cut by"));
    }

  g_remove (pdf);
  g_remove (svg);
  g_remove (scenario);
  g_rmdir (dir);
}

/* Issue 14: capacity changes at the bound (1e9 t) render, and no label
 * of the figure reads nan or inf. */
static void
test_render_extreme (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lodestone-cli-XXXXXX", &error);
  g_autofree char *pdf = g_build_filename (dir, "extreme.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) words = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (run_cli ((const char *[]) { "render", "--alliance", "msp",
                                               "--capacity", "mining:KOR:1e9", "--capacity", "separation:CHN:-1e9",
                                               "--capacity", "separation:KOR:1e9", "--capacity", "magnets:USA:1e9",
                                               "--capacity", "use:JPN:-1e9", "--friend-shoring", "1",
                                               "--output", pdf, NULL },
                            &out, &err), ==, 0);
  if (!(text = pdf_text (pdf)))
    return;
  g_assert_nonnull (strstr (text, "+1000000000 t"));
  words = g_regex_split_simple ("[^[:alnum:]]+", text, 0, 0);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *word = g_ascii_strdown (words[i], -1);

      g_assert_cmpstr (word, !=, "nan");
      g_assert_cmpstr (word, !=, "inf");
    }

  g_remove (pdf);
  g_rmdir (dir);
}

static void
test_layout (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *graph = write_temp ("graph.json",
                                       "{\"width\": 600, \"height\": 400, \"nodes\": ["
                                       "{\"id\": \"a\", \"column\": 0, \"label\": \"A\"},"
                                       "{\"id\": \"b\", \"column\": 0, \"label\": \"B\"},"
                                       "{\"id\": \"c\", \"column\": 1, \"label\": \"C\"}],"
                                       "\"links\": [{\"source\": \"a\", \"target\": \"c\", \"value\": 2},"
                                       "{\"source\": \"b\", \"target\": \"c\", \"value\": 1}]}");
  g_autofree char *bad = write_temp ("bad-graph.json",
                                     "{\"width\": 600, \"height\": 400, \"nodes\": [],\n"
                                     "\"links\": [{\"source\": \"a\", \"target\": \"c\", \"value\": 2}]}");
  JsonObject *root;

  g_assert_cmpint (run_cli ((const char *[]) { "layout", graph, NULL }, &out, &err), ==, 0);
  root = parse_object (parser, out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "nodes")), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "links")), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Inside the extent exactly, not up to rounding: a checker compares
   * with <=. These values once put a node 6e-14 past the bottom. */
  {
    g_autofree char *rounding = write_temp ("rounding.json",
                                            "{\"width\": 600, \"height\": 400, \"nodes\": ["
                                            "{\"id\": \"a\", \"column\": 0, \"label\": \"A\"},"
                                            "{\"id\": \"b\", \"column\": 0, \"label\": \"B\"},"
                                            "{\"id\": \"c\", \"column\": 1, \"label\": \"C\"},"
                                            "{\"id\": \"d\", \"column\": 1, \"label\": \"D\"}],"
                                            "\"links\": [{\"source\": \"a\", \"target\": \"d\", \"value\": 5},"
                                            "{\"source\": \"b\", \"target\": \"c\", \"value\": 3},"
                                            "{\"source\": \"a\", \"target\": \"c\", \"value\": 1}]}");
    g_autoptr(JsonParser) rounding_parser = json_parser_new ();
    JsonArray *nodes;

    g_assert_cmpint (run_cli ((const char *[]) { "layout", rounding, NULL }, &out, &err), ==, 0);
    nodes = json_object_get_array_member (parse_object (rounding_parser, out), "nodes");
    for (guint i = 0; i < json_array_get_length (nodes); i++)
      {
        JsonObject *node = json_array_get_object_element (nodes, i);

        g_assert_cmpfloat (json_object_get_double_member (node, "x0"), >=, 0);
        g_assert_cmpfloat (json_object_get_double_member (node, "x1"), <=, 600);
        g_assert_cmpfloat (json_object_get_double_member (node, "y0"), >=, 0);
        g_assert_cmpfloat (json_object_get_double_member (node, "y1"), <=, 400);
      }
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  g_assert_cmpint (run_cli ((const char *[]) { "layout", bad, NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "bad-graph.json"));
  g_assert_nonnull (strstr (err, "$.links[0]"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "layout", NULL }, &out, &err), ==, 2);
}

/* An unknown id is answered with the ids that would do (m12 of the UX
 * walk), --help lists them, and a lever naming an empty bloc is flagged. */
static void
test_unknown_ids (void)
{
  struct
  {
    const char *args[5];
    const char *listed;
  } cases[] = {
    { { "shares", "--alliance", "eu", NULL }, "alliances are: msp, " },
    { { "shares", "--year", "1999", NULL }, "years are: 2015, " },
    { { "shares", "--restrict", "smelting:CHN:bloc:1", NULL }, "stages are: mining, separation, " },
    { { "shares", "--add", "XXX", NULL }, "countries are: CHN, " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli (cases[i].args, &out, &err), ==, 1);
      g_assert_nonnull (strstr (err, cases[i].listed));
      /* One line, as every bad-input error. */
      g_assert_cmpint (strchr (err, '\n') - err, ==, (int) strlen (err) - 1);
    }

  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli ((const char *[]) { "shares", "--help", NULL }, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "Alliances: msp, msp-finance"));
    g_assert_nonnull (strstr (out, "Stages: mining, separation, metal, magnets, use"));
  }

  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli ((const char *[]) { "shares", "--restrict", "magnets:CHN:bloc:1", "--format", "json", NULL },
                              &out, &err), ==, 0);
    g_assert_nonnull (strstr (err, "warning: a lever names the bloc, but the bloc is empty"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    g_assert_cmpint (run_cli ((const char *[]) { "shares", "--alliance", "msp", "--restrict", "magnets:CHN:bloc:1", NULL },
                              &out, &err), ==, 0);
    g_assert_null (strstr (err, "warning"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lodestone/cli/usage", test_usage);
  g_test_add_func ("/lodestone/cli/unknown-ids", test_unknown_ids);
  g_test_add_func ("/lodestone/cli/check", test_check);
  g_test_add_func ("/lodestone/cli/shares", test_shares);
  g_test_add_func ("/lodestone/cli/flows", test_flows);
  g_test_add_func ("/lodestone/cli/layout", test_layout);
  g_test_add_func ("/lodestone/cli/decimal-comma", test_decimal_comma);
  g_test_add_func ("/lodestone/cli/render-korean", test_render_korean);
  g_test_add_func ("/lodestone/cli/render-caption", test_render_caption);
  g_test_add_func ("/lodestone/cli/render-extreme", test_render_extreme);

  return g_test_run ();
}
