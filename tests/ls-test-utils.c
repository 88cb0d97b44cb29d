/* ls-test-utils.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "ls-test-utils.h"

#include "ls-result.h"

#include <glib/gstdio.h>

/* Loads a dataset given inline; a failure fails the test. */
LsDataset *
ls_test_load_dataset (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  LsDataset *dataset;

  dataset = ls_dataset_new_from_bytes (bytes, "inline.json", &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);

  return dataset;
}

/* Path of a fixture in tests/fixtures/. */
char *
ls_test_build_filename (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

LsDataset *
ls_test_load_dataset_file (const char *name)
{
  g_autofree char *path = ls_test_build_filename (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  LsDataset *dataset;

  dataset = ls_dataset_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);

  return dataset;
}

static const char * const stage_ids[] = { "mining", "separation", "metal", "magnets", "use" };
static const char * const country_ids[] = { "AAA", "BBB", "CCC", "DDD", "CHN" };

static void
append_number (GString *json,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (json, g_ascii_dtostr (buf, sizeof buf, value));
}

/* "a b c, d e f" → [["a", "b", "c"], ["d", "e", "f"]]; empty items dropped. */
static GPtrArray *
split_items (const char *text)
{
  g_auto(GStrv) items = g_strsplit (text != NULL ? text : "", ",", -1);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint k = 0; items[k] != NULL; k++)
    {
      g_auto(GStrv) words = g_strsplit_set (g_strstrip (items[k]), " ", -1);
      g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
      guint n = 0;

      for (guint w = 0; words[w] != NULL; w++)
        if (words[w][0] != '\0')
          {
            g_strv_builder_add (kept, words[w]);
            n++;
          }
      if (n > 0)
        g_ptr_array_add (out, g_strv_builder_end (kept));
    }

  return out;
}

/* An optional last word "LOW:HIGH" gives a figure's range. */
static void
append_range (GString    *json,
              char      **words,
              guint       n_words)
{
  g_auto(GStrv) ends = NULL;

  if (n_words == 0 || strchr (words[n_words - 1], ':') == NULL)
    return;

  ends = g_strsplit (words[n_words - 1], ":", 2);
  g_string_append (json, ", \"low\": ");
  append_number (json, g_ascii_strtod (ends[0], NULL));
  g_string_append (json, ", \"high\": ");
  append_number (json, g_ascii_strtod (ends[1], NULL));
}

static gboolean
has_range (char  **words,
           guint   n_words)
{
  return n_words > 0 && strchr (words[n_words - 1], ':') != NULL;
}

/* "magnets DDD CHN 0.8 0.7:0.9, magnets DDD unknown 0.2": the import
 * shares of each (stage, importer), in the order first seen. */
static void
append_shares (GString    *json,
               const char *shares)
{
  g_autoptr(GPtrArray) items = split_items (shares);
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean first_entry = TRUE;

  for (guint k = 0; k < items->len; k++)
    {
      char **w = g_ptr_array_index (items, k);
      g_autofree char *key = g_strdup_printf ("%s %s", w[0], w[1]);
      gboolean first_share = TRUE;

      if (g_hash_table_contains (done, key))
        continue;
      g_hash_table_add (done, g_steal_pointer (&key));

      g_string_append_printf (json, "%s\n   {\"stage\": \"%s\", \"to\": \"%s\", \"source\": \"s1\", "
                              "\"estimated\": true, \"note\": \"test\", \"shares\": [",
                              first_entry ? "" : ",", w[0], w[1]);
      first_entry = FALSE;

      for (guint m = k; m < items->len; m++)
        {
          char **v = g_ptr_array_index (items, m);
          guint n = g_strv_length (v);

          g_assert_true (n == 4 || n == 5);
          if (!g_str_equal (v[0], w[0]) || !g_str_equal (v[1], w[1]))
            continue;

          g_string_append_printf (json, "%s{\"from\": \"%s\", \"share\": ", first_share ? "" : ", ", v[2]);
          append_number (json, g_ascii_strtod (v[3], NULL));
          append_range (json, v, n);
          g_string_append (json, "}");
          first_share = FALSE;
        }

      g_string_append (json, "]}");
    }
}

char *
ls_test_build_dataset_json (guint       n_stages,
                            const char *yields,
                            const char *members,
                            const char *production,
                            const char *flows)
{
  return ls_test_build_dataset_json_full (n_stages, yields, members, production, flows, NULL);
}

/* As ls_test_build_dataset_json(), with import shares (see
 * append_shares()) and ranges: "mining AAA 100 80:120". */
char *
ls_test_build_dataset_json_full (guint       n_stages,
                                 const char *yields,
                                 const char *members,
                                 const char *production,
                                 const char *flows,
                                 const char *shares)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_auto(GStrv) yield_words = g_strsplit (yields != NULL ? yields : "", " ", -1);
  g_auto(GStrv) member_words = g_strsplit (members != NULL ? members : "", " ", -1);
  g_autoptr(GPtrArray) items = NULL;
  gboolean first = TRUE;

  g_assert_cmpuint (n_stages, >=, 2);
  g_assert_cmpuint (n_stages, <=, G_N_ELEMENTS (stage_ids));

  g_string_append (json,
                   "{\"format\": \"lodestone-dataset\", \"version\": 1, \"title\": \"t\",\n"
                   " \"default_year\": 2024,\n"
                   " \"sources\": [{\"id\": \"s1\", \"title\": \"Source\", \"detail\": \"table 1\","
                   " \"url\": \"https://example.org\"}],\n"
                   " \"stages\": [");
  for (guint s = 0; s < n_stages; s++)
    {
      double y = 1.0;

      if (yield_words[0] != NULL && s < g_strv_length (yield_words) && yield_words[s][0] != '\0')
        y = g_ascii_strtod (yield_words[s], NULL);
      g_string_append_printf (json, "%s\n  {\"id\": \"%s\", \"name\": \"%s\", \"unit\": \"t\", "
                              "\"yield\": {\"value\": ", s > 0 ? "," : "", stage_ids[s], stage_ids[s]);
      append_number (json, y);
      g_string_append (json, ", \"source\": \"s1\"}}");
    }
  g_string_append (json, "],\n \"countries\": [");
  for (guint c = 0; c < G_N_ELEMENTS (country_ids); c++)
    g_string_append_printf (json, "%s\n  {\"id\": \"%s\", \"name\": \"Country %s\", "
                            "\"label\": {\"lat\": %u, \"lon\": %u}}",
                            c > 0 ? "," : "", country_ids[c], country_ids[c], c, 2 * c);
  g_string_append (json, "],\n \"alliances\": [{\"id\": \"al\", \"name\": \"Alliance\", \"members\": [");
  for (guint k = 0; member_words[k] != NULL; k++)
    {
      if (member_words[k][0] == '\0')
        continue;
      g_string_append_printf (json, "%s{\"country\": \"%s\", \"joined\": \"2000\"}",
                              first ? "" : ", ", member_words[k]);
      first = FALSE;
    }
  g_string_append (json, "]}],\n \"years\": [{\"year\": 2024,\n  \"production\": [");

  items = split_items (production);
  for (guint k = 0; k < items->len; k++)
    {
      char **w = g_ptr_array_index (items, k);

      guint n = g_strv_length (w);

      g_assert_true (n == 3 || (n == 4 && has_range (w, n)));
      g_string_append_printf (json, "%s\n   {\"stage\": \"%s\", \"country\": \"%s\", \"value\": ",
                              k > 0 ? "," : "", w[0], w[1]);
      append_number (json, g_ascii_strtod (w[2], NULL));
      append_range (json, w, n);
      g_string_append_printf (json, ", \"source\": \"s1\", \"estimated\": %s}",
                              has_range (w, n) ? "true" : "false");
    }
  g_clear_pointer (&items, g_ptr_array_unref);

  g_string_append (json, "],\n  \"flows\": [");
  items = split_items (flows);
  for (guint k = 0; k < items->len; k++)
    {
      char **w = g_ptr_array_index (items, k);
      guint n = g_strv_length (w);

      gboolean estimated = FALSE;

      g_assert_true (n >= 4 && n <= 6);
      for (guint m = 4; m < n; m++)
        estimated |= g_str_equal (w[m], "e");
      g_string_append_printf (json, "%s\n   {\"stage\": \"%s\", \"from\": \"%s\", \"to\": \"%s\", \"value\": ",
                              k > 0 ? "," : "", w[0], w[1], w[2]);
      append_number (json, g_ascii_strtod (w[3], NULL));
      append_range (json, w, n);
      g_string_append_printf (json, ", \"source\": \"s1\", \"estimated\": %s}",
                              estimated ? "true" : "false");
    }
  g_string_append (json, "],\n  \"import_shares\": [");
  append_shares (json, shares);
  g_string_append (json, "]}]}\n");

  return g_string_free (g_steal_pointer (&json), FALSE);
}

LsDataset *
ls_test_build_dataset (guint       n_stages,
                       const char *yields,
                       const char *members,
                       const char *production,
                       const char *flows)
{
  g_autofree char *json = ls_test_build_dataset_json (n_stages, yields, members, production, flows);

  return ls_test_load_dataset (json);
}

LsScenario *
ls_test_scenario_new (void)
{
  LsScenario *scenario = ls_scenario_new ();

  ls_scenario_set_year (scenario, 2024);
  return scenario;
}

LsResult *
ls_test_compute (LsDataset  *dataset,
                 LsScenario *scenario)
{
  g_autoptr(GError) error = NULL;
  LsResult *result = ls_result_new (dataset, scenario, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

void
ls_test_add_capacity (LsScenario *scenario,
                      const char *stage,
                      const char *country,
                      double      delta)
{
  g_autoptr(LsCapacityChange) change = ls_capacity_change_new (stage, country, delta, NULL);

  ls_scenario_add_capacity_change (scenario, change);
}

/* @from and @to: "bloc", "non-bloc" or space-separated ISO3 codes. */
void
ls_test_add_restriction (LsScenario *scenario,
                         const char *stage,
                         const char *from,
                         const char *to,
                         double      fraction)
{
  g_auto(GStrv) from_list = g_strsplit (from, " ", -1);
  g_auto(GStrv) to_list = g_strsplit (to, " ", -1);
  LsParty from_party = { LS_PARTY_COUNTRIES, from_list };
  LsParty to_party = { LS_PARTY_COUNTRIES, to_list };
  g_autoptr(LsRestriction) restriction = NULL;

  if (g_str_equal (from, "bloc"))
    from_party = (LsParty) { LS_PARTY_BLOC, NULL };
  else if (g_str_equal (from, "non-bloc"))
    from_party = (LsParty) { LS_PARTY_NON_BLOC, NULL };
  if (g_str_equal (to, "bloc"))
    to_party = (LsParty) { LS_PARTY_BLOC, NULL };
  else if (g_str_equal (to, "non-bloc"))
    to_party = (LsParty) { LS_PARTY_NON_BLOC, NULL };

  restriction = ls_restriction_new (stage, &from_party, &to_party, fraction);
  ls_scenario_add_restriction (scenario, restriction);
}

LsResult *
ls_test_default_result (const char *alliance)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsDataset) dataset = NULL;
  g_autoptr(LsScenario) scenario = ls_scenario_new ();
  LsResult *result;

  dataset = ls_dataset_new_default (&error);
  g_assert_no_error (error);
  if (alliance != NULL)
    ls_scenario_set_alliance (scenario, alliance, TRUE);
  result = ls_result_new (dataset, scenario, &error);
  g_assert_no_error (error);

  return result;
}

guint
ls_test_stage_index (LsDataset  *dataset,
                     const char *id)
{
  int stage = ls_dataset_lookup_stage (dataset, id);

  g_assert_cmpint (stage, >=, 0);

  return (guint) stage;
}

void
ls_test_assert_no_non_finite (const char *text,
                              const char *where)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *start;
      g_autofree char *word = NULL;

      while (*p != '\0' && !g_ascii_isalnum (*p))
        p++;
      start = p;
      while (g_ascii_isalnum (*p))
        p++;
      if (p == start)
        continue;
      word = g_ascii_strdown (start, p - start);
      if (g_str_equal (word, "nan") || g_str_equal (word, "inf") || g_str_equal (word, "infinity"))
        g_error ("“%s” in %s: %s", word, where, text);
    }
}

JsonNode *
ls_test_run_cli_json (const char * const *args)
{
  const char *cli = g_getenv ("LODESTONE_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  int status;

  if (cli == NULL || cli[0] == '\0')
    return NULL;

  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &output, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);

  json_parser_load_from_data (parser, output, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

JsonObject *
ls_test_cli_stage (JsonNode   *shares,
                   const char *id)
{
  JsonArray *stages = json_object_get_array_member (json_node_get_object (shares), "stages");

  for (guint i = 0; i < json_array_get_length (stages); i++)
    {
      JsonObject *stage = json_array_get_object_element (stages, i);

      if (g_str_equal (json_object_get_string_member (stage, "id"), id))
        return stage;
    }

  g_assert_not_reached ();
}

void
ls_test_remove_tmp_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}
