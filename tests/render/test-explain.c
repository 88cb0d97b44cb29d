/* test-explain.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a figure is made of (issue 13 item 3) and what a change means for
 * the bloc (issue 13 item 1): the text the panel, the cards and the
 * tooltips share, checked against lodestone-cli and by hand. */

#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "ls-explain.h"
#include "ls-format.h"
#include "ls-test-utils.h"

/* Draws for the ranges; the CLI is given the same number. */
#define N_SAMPLES 20

/* ls_format_tonnes() keeps a number and its unit together. */
#define NBSP "\u00a0"

#define assert_near(a, b) g_assert_cmpfloat_with_epsilon ((a), (b), 1e-9 * MAX (1.0, fabs (b)))

/* The CLI ------------------------------------------------------------------ */

static gboolean
in_bloc (JsonArray  *bloc,
         const char *id)
{
  for (guint i = 0; i < json_array_get_length (bloc); i++)
    if (g_str_equal (json_array_get_string_element (bloc, i), id))
      return TRUE;
  return FALSE;
}

static void
assert_evidence (const LsEvidenceSplit *split,
                 JsonObject            *expected)
{
  assert_near (split->part[LS_EVIDENCE_PUBLISHED], json_object_get_double_member (expected, "published"));
  assert_near (split->part[LS_EVIDENCE_ESTIMATED], json_object_get_double_member (expected, "estimated"));
  assert_near (split->part[LS_EVIDENCE_MODELLED], json_object_get_double_member (expected, "modelled"));
}

static void
assert_range (const LsExplanation *explanation,
              JsonObject          *ranges,
              const char          *name)
{
  JsonArray *range = json_object_get_array_member (ranges, name);
  double low = json_array_get_double_element (range, 0);
  double high = json_array_get_double_element (range, 1);
  double shown_low, shown_high;

  if (ls_explanation_get_range (explanation, &shown_low, &shown_high))
    {
      assert_near (shown_low, low);
      assert_near (shown_high, high);
    }
  else
    {
      /* No range shown: none at the precision shown. */
      g_autofree char *text = ls_explain_format_range (low, high);

      g_assert_null (text);
    }
}

/* The tonnes of stage-@stage flows into the bloc from @from ("" for all)
 * in `flows --format json`. */
static double
cli_flows_into_bloc (JsonObject *flows_root,
                     const char *stage,
                     const char *from)
{
  JsonArray *bloc = json_object_get_array_member (flows_root, "bloc");
  JsonArray *flows = json_object_get_array_member (json_object_get_object_member (flows_root, "result"), "flows");
  double sum = 0.0;

  for (guint k = 0; k < json_array_get_length (flows); k++)
    {
      JsonObject *flow = json_array_get_object_element (flows, k);

      if (g_str_equal (json_object_get_string_member (flow, "stage"), stage) &&
          in_bloc (bloc, json_object_get_string_member (flow, "to")) &&
          (from[0] == '\0' || g_str_equal (json_object_get_string_member (flow, "from"), from)))
        sum += json_object_get_double_member (flow, "value");
    }

  return sum;
}

static guint
lookup_supplier (LsDataset  *dataset,
                 const char *id)
{
  if (g_str_equal (id, LS_UNKNOWN_SUPPLIER_ID))
    return ls_dataset_get_n_countries (dataset);
  g_assert_cmpint (ls_dataset_lookup_country (dataset, id), >=, 0);
  return ls_dataset_lookup_country (dataset, id);
}

static const LsExplainLine *
find_line (const LsExplanation *explanation,
           guint                country)
{
  for (guint i = 0; i < ls_explanation_get_n_lines (explanation); i++)
    if (ls_explanation_get_line (explanation, i)->country == country)
      return ls_explanation_get_line (explanation, i);
  return NULL;
}

static void
check_stage (LsResult   *result,
             LsRanges   *ranges,
             guint       s,
             JsonObject *stage,
             JsonObject *flows_root)
{
  LsDataset *dataset = ls_result_get_dataset (result);
  const char *id = json_object_get_string_member (stage, "id");
  JsonObject *cli_ranges = json_object_get_object_member (stage, "ranges");
  JsonNode *dependency = json_object_get_member (stage, "dependency");
  JsonNode *need = json_object_get_member (stage, "need");
  g_autoptr(LsExplanation) explained = NULL;
  LsEvidenceSplit split;
  double value;

  g_assert_cmpstr (id, ==, ls_dataset_get_stage_id (dataset, s));

  /* The dependency: its value, range, evidence and suppliers. */
  explained = ls_explanation_new (result, ranges, LS_EXPLAIN_DEPENDENCY, s, 0, 0);
  if (JSON_NODE_HOLDS_NULL (dependency))
    {
      g_assert_false (ls_explanation_get_value (explained, NULL));
      g_assert_nonnull (ls_explanation_get_summary (explained));
    }
  else
    {
      JsonObject *by_supplier = json_object_get_object_member (json_node_get_object (dependency), "by_supplier");
      double cli_share = json_object_get_double_member (json_node_get_object (dependency), "non_bloc_share");
      g_autoptr(GList) suppliers = json_object_get_members (by_supplier);
      g_autofree char *shown = ls_format_percent (cli_share, 1);
      double outside = 0.0;
      double all = 0.0;

      g_assert_true (ls_explanation_get_value (explained, &value));
      assert_near (value, cli_share);
      assert_range (explained, cli_ranges, "non_bloc_share");
      g_assert_true (ls_explanation_get_evidence (explained, &split));
      assert_evidence (&split, json_object_get_object_member (stage, "dependency_evidence"));
      g_assert_nonnull (strstr (ls_explanation_get_summary (explained), shown));
      assert_near (ls_explanation_get_total (explained), cli_flows_into_bloc (flows_root, id, ""));

      for (GList *l = suppliers; l != NULL; l = l->next)
        {
          const LsExplainLine *line = find_line (explained, lookup_supplier (dataset, l->data));
          g_autofree char *share = NULL;

          g_assert_nonnull (line);
          assert_near (line->share, json_object_get_double_member (by_supplier, l->data));
          assert_near (line->tonnes, cli_flows_into_bloc (flows_root, id, l->data));
          share = ls_format_percent (line->share, 1);
          g_assert_nonnull (strstr (line->text, share));
          g_assert_true (g_str_has_prefix (line->text, g_str_equal (l->data, LS_UNKNOWN_SUPPLIER_ID)
                                                       ? "unknown origin"
                                                       : ls_dataset_get_country_name (dataset, lookup_supplier (dataset, l->data))));
        }
      for (guint i = 0; i < ls_explanation_get_n_lines (explained); i++)
        {
          const LsExplainLine *line = ls_explanation_get_line (explained, i);

          all += line->share;
          if (line->country >= ls_dataset_get_n_countries (dataset) || !ls_result_is_member (result, line->country))
            outside += line->share;
          /* Every line says what its tonnes rest on. */
          g_assert_true (strstr (line->text, "published") != NULL || strstr (line->text, "estimated") != NULL ||
                         strstr (line->text, "completed by the model") != NULL);
        }
      assert_near (all, 1.0);
      assert_near (outside, cli_share);
    }
  g_clear_pointer (&explained, ls_explanation_free);

  /* The need, four ways. */
  explained = ls_explanation_new (result, ranges, LS_EXPLAIN_NEED, s, 0, 0);
  if (JSON_NODE_HOLDS_NULL (need))
    g_assert_false (ls_explanation_get_value (explained, NULL));
  else
    {
      JsonObject *split_json = json_node_get_object (need);
      double members = 0.0, china = 0.0, other = 0.0, unmet = 0.0;
      int chn = ls_dataset_get_china (dataset);

      g_assert_true (ls_explanation_get_value (explained, &value));
      assert_near (value, json_object_get_double_member (split_json, "unmet"));
      assert_near (ls_explanation_get_total (explained), json_object_get_double_member (split_json, "need"));
      assert_range (explained, cli_ranges, "need_unmet");

      for (guint i = 0; i < ls_explanation_get_n_lines (explained); i++)
        {
          const LsExplainLine *line = ls_explanation_get_line (explained, i);

          if (line->country == LS_EXPLAIN_UNMET)
            unmet += line->share;
          else if (line->country < ls_dataset_get_n_countries (dataset) && ls_result_is_member (result, line->country))
            members += line->share;
          else if ((int) line->country == chn)
            china += line->share;
          else
            other += line->share;
        }
      assert_near (members, json_object_get_double_member (split_json, "members"));
      assert_near (china, json_object_get_double_member (split_json, "china"));
      assert_near (other, json_object_get_double_member (split_json, "other"));
      assert_near (unmet, json_object_get_double_member (split_json, "unmet"));
    }
  g_clear_pointer (&explained, ls_explanation_free);

  /* The world output. */
  explained = ls_explanation_new (result, ranges, LS_EXPLAIN_WORLD_OUTPUT, s, 0, 0);
  {
    JsonObject *shares = json_object_get_object_member (stage, "shares");

    g_assert_true (ls_explanation_get_value (explained, &value));
    assert_near (value, json_object_get_double_member (stage, "bloc_share"));
    assert_near (ls_explanation_get_total (explained), json_object_get_double_member (stage, "total"));
    assert_range (explained, cli_ranges, "bloc_share");
    g_assert_true (ls_explanation_get_evidence (explained, &split));
    assert_evidence (&split, json_object_get_object_member (stage, "output_evidence"));
    for (guint i = 0; i < ls_explanation_get_n_lines (explained); i++)
      {
        const LsExplainLine *line = ls_explanation_get_line (explained, i);

        if (line->country == LS_EXPLAIN_OTHERS)
          continue;
        assert_near (line->share,
                     json_object_get_double_member (shares, ls_dataset_get_country_id (dataset, line->country)));
      }
  }
}

static void
test_explain_matches_cli (void)
{
  const char *shares_args[] = { "shares", "--format", "json", "--alliance", "msp",
                                "--restrict", "magnets:CHN:bloc:1", "--samples", G_STRINGIFY (N_SAMPLES), NULL };
  const char *flows_args[] = { "flows", "--format", "json", "--alliance", "msp",
                               "--restrict", "magnets:CHN:bloc:1", NULL };
  g_autoptr(JsonNode) shares_root = NULL;
  g_autoptr(JsonNode) flows_root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LsDataset) dataset = ls_dataset_new_default (&error);
  g_autoptr(LsScenario) scenario = ls_scenario_new ();
  g_autoptr(LsResult) result = NULL;
  g_autoptr(LsRanges) ranges = NULL;
  g_autoptr(LsExplanation) use = NULL;
  JsonArray *stages;
  JsonObject *shortfall;
  JsonArray *bloc;
  guint n_stages;
  double unmet = 0.0;

  if ((shares_root = ls_test_run_cli_json (shares_args)) == NULL)
    {
      g_test_skip ("LODESTONE_CLI is not set");
      return;
    }
  flows_root = ls_test_run_cli_json (flows_args);
  g_assert_no_error (error);

  /* "China restricts magnets to the bloc", with the MSP chosen. */
  ls_scenario_set_alliance (scenario, "msp", TRUE);
  ls_test_add_restriction (scenario, "magnets", "CHN", "bloc", 1.0);
  result = ls_test_compute (dataset, scenario);
  ranges = ls_ranges_new (ls_result_get_baseline (result), scenario, N_SAMPLES, NULL, &error);
  g_assert_no_error (error);

  stages = json_object_get_array_member (json_node_get_object (shares_root), "stages");
  n_stages = ls_result_get_n_stages (result);
  g_assert_cmpuint (json_array_get_length (stages), ==, n_stages);
  for (guint s = 0; s < n_stages; s++)
    check_stage (result, ranges, s, json_array_get_object_element (stages, s), json_node_get_object (flows_root));

  /* The bloc's use: the members' shortfall at the last stage. */
  bloc = json_object_get_array_member (json_node_get_object (flows_root), "bloc");
  shortfall = json_object_get_object_member (json_object_get_object_member (json_object_get_object_member (
                json_node_get_object (flows_root), "result"), "shortfall"),
                ls_dataset_get_stage_id (dataset, n_stages - 1));
  for (guint i = 0; i < json_array_get_length (bloc); i++)
    if (json_object_has_member (shortfall, json_array_get_string_element (bloc, i)))
      unmet += json_object_get_double_member (shortfall, json_array_get_string_element (bloc, i));
  g_assert_cmpfloat (unmet, >, 0.0);

  use = ls_explanation_new (result, ranges, LS_EXPLAIN_USE, 0, 0, 0);
  {
    double value;
    double cut = 0.0;

    g_assert_true (ls_explanation_get_value (use, &value));
    assert_near (value * ls_explanation_get_total (use), unmet);
    for (guint i = 0; i < ls_explanation_get_n_lines (use); i++)
      cut += ls_explanation_get_line (use, i)->tonnes;
    assert_near (cut, ls_explanation_get_total (use));
    g_assert_nonnull (strstr (ls_explanation_get_summary (use), "is unmet"));
  }

  /* One supplier, one country, one flow: the map's and the Sankey's. */
  {
    guint magnets = ls_dataset_lookup_stage (dataset, "magnets");
    guint metal = ls_dataset_lookup_stage (dataset, "metal");
    guint jpn = ls_dataset_lookup_country (dataset, "JPN");
    guint vnm = ls_dataset_lookup_country (dataset, "VNM");
    JsonArray *flows = json_object_get_array_member (json_object_get_object_member (
                         json_node_get_object (flows_root), "result"), "flows");
    JsonObject *magnet_shares = json_object_get_object_member (json_array_get_object_element (stages, magnets), "shares");
    g_autoptr(LsExplanation) supplier = ls_explanation_new (result, ranges, LS_EXPLAIN_SUPPLIER, magnets, vnm, 0);
    g_autoptr(LsExplanation) country = ls_explanation_new (result, ranges, LS_EXPLAIN_COUNTRY, magnets, jpn, 0);
    double value;
    double fed = 0.0;
    gboolean found = FALSE;

    g_assert_true (ls_explanation_get_value (supplier, &value));
    assert_near (ls_explanation_get_total (supplier), cli_flows_into_bloc (json_node_get_object (flows_root), "magnets", "VNM"));

    g_assert_true (ls_explanation_get_value (country, &value));
    assert_near (value, json_object_get_double_member (magnet_shares, "JPN"));
    for (guint i = 0; i < ls_explanation_get_n_lines (country); i++)
      fed += ls_explanation_get_line (country, i)->tonnes;

    for (guint k = 0; k < json_array_get_length (flows); k++)
      {
        JsonObject *flow = json_array_get_object_element (flows, k);

        if (!g_str_equal (json_object_get_string_member (flow, "stage"), ls_dataset_get_stage_id (dataset, metal)) ||
            !g_str_equal (json_object_get_string_member (flow, "to"), "JPN"))
          continue;
        fed -= json_object_get_double_member (flow, "value");

        if (!found)
          {
            g_autoptr(LsExplanation) one = NULL;
            guint from = lookup_supplier (dataset, json_object_get_string_member (flow, "from"));
            LsEvidenceSplit split;

            one = ls_explanation_new (result, ranges, LS_EXPLAIN_FLOW, metal, from, jpn);
            assert_near (ls_explanation_get_total (one), json_object_get_double_member (flow, "value"));
            g_assert_true (ls_explanation_get_evidence (one, &split));
            assert_evidence (&split, json_object_get_object_member (flow, "evidence"));
            found = TRUE;
          }
      }
    g_assert_true (found);
    g_assert_cmpfloat_with_epsilon (fed, 0.0, 1e-6);
  }
}

/* Provenance by hand ------------------------------------------------------- */

static const char provenance_json[] =
  "{\"format\": \"lodestone-dataset\", \"version\": 1, \"title\": \"t\", \"default_year\": 2024,\n"
  " \"sources\": [{\"id\": \"s1\", \"title\": \"Customs table\", \"detail\": \"d\", \"url\": \"https://example.org\"},\n"
  "              {\"id\": \"s2\", \"title\": \"Trade press\", \"detail\": \"d\", \"url\": \"https://example.org\"}],\n"
  " \"stages\": [{\"id\": \"mining\", \"name\": \"Mining\", \"unit\": \"t\", \"yield\": {\"value\": 1, \"source\": \"s1\"}},\n"
  "            {\"id\": \"separation\", \"name\": \"Separation\", \"unit\": \"t\", \"yield\": {\"value\": 1, \"source\": \"s1\"}}],\n"
  " \"countries\": [{\"id\": \"AAA\", \"name\": \"Aland\", \"label\": {\"lat\": 0, \"lon\": 0}},\n"
  "               {\"id\": \"BBB\", \"name\": \"Bland\", \"label\": {\"lat\": 0, \"lon\": 0}},\n"
  "               {\"id\": \"DDD\", \"name\": \"Dland\", \"label\": {\"lat\": 0, \"lon\": 0}},\n"
  "               {\"id\": \"CHN\", \"name\": \"China\", \"label\": {\"lat\": 0, \"lon\": 0}}],\n"
  " \"alliances\": [{\"id\": \"al\", \"name\": \"Alliance\", \"members\": [{\"country\": \"AAA\", \"joined\": \"2000\"}]}],\n"
  " \"years\": [{\"year\": 2024,\n"
  "  \"production\": [{\"stage\": \"mining\", \"country\": \"CHN\", \"value\": 100, \"source\": \"s1\", \"estimated\": false},\n"
  "                  {\"stage\": \"mining\", \"country\": \"BBB\", \"value\": 30, \"source\": \"s2\", \"estimated\": true, \"note\": \"half of capacity\"},\n"
  "                  {\"stage\": \"mining\", \"country\": \"DDD\", \"value\": 20, \"source\": \"s1\", \"estimated\": false},\n"
  "                  {\"stage\": \"separation\", \"country\": \"AAA\", \"value\": 60, \"source\": \"s1\", \"estimated\": false},\n"
  "                  {\"stage\": \"separation\", \"country\": \"CHN\", \"value\": 90, \"source\": \"s1\", \"estimated\": false}],\n"
  "  \"flows\": [{\"stage\": \"mining\", \"from\": \"CHN\", \"to\": \"AAA\", \"value\": 30, \"source\": \"s1\", \"estimated\": false},\n"
  "            {\"stage\": \"mining\", \"from\": \"BBB\", \"to\": \"AAA\", \"value\": 20, \"source\": \"s2\", \"estimated\": true,\n"
  "             \"note\": \"a fifth of the port's tonnage\"}]}]}\n";

static void
test_explain_provenance (void)
{
  g_autoptr(LsDataset) dataset = ls_test_load_dataset (provenance_json);
  g_autoptr(LsScenario) scenario = ls_test_scenario_new ();
  g_autoptr(LsResult) result = NULL;
  g_autoptr(LsExplanation) explained = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flow = NULL;
  const LsExplainLine *line;

  ls_scenario_set_alliance (scenario, "al", TRUE);
  result = ls_test_compute (dataset, scenario);

  /* AAA needs 60: 30 published from China, 20 estimated from Bland; the
   * other 10 are completed from the spare output of Bland (10) and Dland
   * (20), in proportion: 3.3 and 6.7. */
  explained = ls_explanation_new (result, NULL, LS_EXPLAIN_DEPENDENCY, 0, 0, 0);
  g_assert_cmpuint (ls_explanation_get_n_lines (explained), ==, 3);

  line = ls_explanation_get_line (explained, 0);
  g_assert_cmpuint (line->country, ==, 3);
  g_assert_cmpstr (line->text, ==, "China: 30" NBSP "t (50.0 %), published: Customs table");
  line = ls_explanation_get_line (explained, 1);
  g_assert_cmpstr (line->text, ==, "Bland: 23" NBSP "t (38.9 %), 20" NBSP "t estimated (a fifth of the port's tonnage); "
                   "3" NBSP "t completed by the model");
  line = ls_explanation_get_line (explained, 2);
  g_assert_cmpstr (line->text, ==, "Dland: 7" NBSP "t (11.1 %), completed by the model");

  g_assert_cmpstr (ls_explanation_get_title (explained), ==, "Mining: dependency on non-members");
  g_assert_cmpstr (ls_explanation_get_summary (explained), ==,
                   "100.0 % of the bloc's intake of Mining comes from non-members: 60" NBSP "t of 60" NBSP "t. "
                   "Largest supplier outside the bloc: China (50.0 %).");
  g_assert_cmpstr (ls_explanation_get_evidence_text (explained), ==,
                   "Evidence: 50 % from published figures, 33 % estimated, 17 % model");

  text = ls_explanation_to_text (explained);
  g_assert_true (g_str_has_prefix (text, "Mining: dependency on non-members\n100.0 %"));
  g_assert_nonnull (strstr (text, "\n• Dland: 7" NBSP "t (11.1 %), completed by the model"));

  /* A flow that is part published, part completed says both, in tonnes:
   * with China's output cut by a lever, nothing changes for one flow, so
   * check a whole output instead: Bland's output is an estimate. */
  g_clear_pointer (&explained, ls_explanation_free);
  explained = ls_explanation_new (result, NULL, LS_EXPLAIN_COUNTRY, 0, 1, 0);
  g_assert_cmpstr (ls_explanation_get_summary (explained), ==,
                   "Bland, Mining: 30" NBSP "t (20.0 % of world output), estimated (half of capacity).");

  flow = ls_explain_flow_provenance (result, 0, 3, 0);
  g_assert_cmpstr (flow, ==, "published: Customs table");

  /* More output than the source gave: the part a lever added is the model's. */
  {
    g_autoptr(LsResult) more = NULL;
    g_autoptr(LsExplanation) country = NULL;

    ls_test_add_capacity (scenario, "mining", "CHN", 100);
    more = ls_test_compute (dataset, scenario);
    country = ls_explanation_new (more, NULL, LS_EXPLAIN_COUNTRY, 0, 3, 0);
    g_assert_nonnull (strstr (ls_explanation_get_summary (country),
                              "100" NBSP "t published: Customs table; 100" NBSP "t completed by the model"));
  }
}

static void
test_explain_methods (void)
{
  g_autofree char *json = ls_test_build_dataset_json (2, NULL, "AAA BBB",
                                                      "mining CHN 100, separation AAA 30, separation BBB 20",
                                                      "mining CHN AAA 30 e, mining CHN BBB 20 e");
  g_autoptr(LsDataset) dataset = NULL;
  g_autoptr(LsScenario) scenario = ls_test_scenario_new ();
  g_autoptr(LsResult) result = NULL;
  g_autoptr(LsExplanation) explained = NULL;
  g_autoptr(LsExplanation) flow = NULL;
  char *second;

  /* Two estimates with their own methods behind one supplier's line. */
  second = strstr (json, "\"from\": \"CHN\", \"to\": \"BBB\"");
  g_assert_nonnull (second);
  {
    g_autoptr(GString) edited = g_string_new (json);
    gssize first_at = strstr (json, "\"from\": \"CHN\", \"to\": \"AAA\"") - json;
    char *estimated;

    /* Notes after each flow's "estimated": true. */
    estimated = strstr (edited->str + first_at, "\"estimated\": true");
    g_string_insert (edited, estimated - edited->str, "\"note\": \"port tonnage. Checked twice\", ");
    estimated = strstr (strstr (edited->str, "\"to\": \"BBB\", \"value\""), "\"estimated\": true");
    g_string_insert (edited, estimated - edited->str, "\"note\": \"customs share; by value\", ");
    dataset = ls_test_load_dataset (edited->str);
  }

  ls_scenario_set_alliance (scenario, "al", TRUE);
  result = ls_test_compute (dataset, scenario);
  explained = ls_explanation_new (result, NULL, LS_EXPLAIN_DEPENDENCY, 0, 0, 0);
  g_assert_cmpuint (ls_explanation_get_n_lines (explained), ==, 1);
  g_assert_cmpstr (ls_explanation_get_line (explained, 0)->text, ==,
                   "Country CHN: 50" NBSP "t (100.0 %), estimated (port tonnage; customs share)");

  /* One flow: its method in full. */
  flow = ls_explanation_new (result, NULL, LS_EXPLAIN_FLOW, 0, CHN, AAA);
  g_assert_cmpstr (ls_explanation_get_line (flow, 0)->text, ==, "estimated (port tonnage. Checked twice)");
  g_assert_cmpstr (ls_explanation_get_title (flow), ==, "Country CHN to Country AAA: mining");
}

static void
test_explain_no_figure (void)
{
  g_autoptr(LsDataset) dataset = ls_test_build_dataset (3, NULL, "BBB", "mining AAA 10, separation CCC 10, metal DDD 10", "");
  g_autoptr(LsScenario) scenario = ls_test_scenario_new ();
  g_autoptr(LsResult) none = NULL;
  g_autoptr(LsResult) result = NULL;
  g_autoptr(LsExplanation) explained = NULL;

  /* No bloc. */
  none = ls_test_compute (dataset, scenario);
  explained = ls_explanation_new (none, NULL, LS_EXPLAIN_DEPENDENCY, 0, 0, 0);
  g_assert_false (ls_explanation_get_value (explained, NULL));
  g_assert_cmpstr (ls_explanation_get_summary (explained), ==,
                   "No bloc chosen: switch on an alliance or add countries.");
  g_clear_pointer (&explained, ls_explanation_free);

  /* A bloc that takes in nothing at a stage, and the final stage. */
  ls_scenario_set_alliance (scenario, "al", TRUE);
  result = ls_test_compute (dataset, scenario);
  explained = ls_explanation_new (result, NULL, LS_EXPLAIN_DEPENDENCY, 0, 0, 0);
  g_assert_false (ls_explanation_get_value (explained, NULL));
  g_assert_cmpstr (ls_explanation_get_summary (explained), ==,
                   "No member makes separation, so the bloc takes in none of this stage's product.");
  g_clear_pointer (&explained, ls_explanation_free);

  explained = ls_explanation_new (result, NULL, LS_EXPLAIN_DEPENDENCY, 2, 0, 0);
  g_assert_false (ls_explanation_get_value (explained, NULL));
  g_assert_true (g_str_has_prefix (ls_explanation_get_summary (explained), "metal is the final stage"));
  g_assert_null (strstr (ls_explanation_get_summary (explained), "takes in none"));
}

/* What a change means ------------------------------------------------------ */

/* Mining → separation. The bloc is AAA (a separator) and DDD (a miner).
 * AAA needs 60 t of ore: 30 from China, 20 from BBB, 10 from DDD; the
 * dependency is 50/60. */
static LsDataset *
judge_dataset (const char *bbb_output)
{
  g_autofree char *production = g_strdup_printf ("mining CHN 100, mining BBB %s, mining DDD 10, "
                                                  "separation AAA 60, separation CHN 100", bbb_output);

  return ls_test_build_dataset (2, NULL, "AAA DDD", production,
                                "mining CHN AAA 30, mining BBB AAA 20, mining DDD AAA 10, "
                                "mining CHN CHN 70, mining BBB CHN 30");
}

static LsVerdict
judge (LsDataset       *dataset,
       LsScenario      *scenario,
       LsExplainFigure  figure,
       double          *change,
       LsVerdictReason *reason)
{
  g_autoptr(LsResult) result = ls_test_compute (dataset, scenario);
  g_autoptr(LsScenario) plain = ls_test_scenario_new ();
  g_autoptr(LsResult) baseline = NULL;

  ls_scenario_set_alliance (plain, "al", TRUE);
  baseline = ls_test_compute (dataset, plain);

  return ls_explain_judge (result, baseline, 0, figure, change, reason);
}

static LsScenario *
bloc_scenario (void)
{
  LsScenario *scenario = ls_test_scenario_new ();

  ls_scenario_set_alliance (scenario, "al", TRUE);
  return scenario;
}

static void
test_judge_cut_off (void)
{
  g_autoptr(LsDataset) dataset = judge_dataset ("50");
  g_autoptr(LsScenario) scenario = bloc_scenario ();
  g_autoptr(LsResult) result = NULL;
  g_autoptr(LsResult) baseline = NULL;
  g_autofree char *said = NULL;
  LsVerdictReason reason;
  double change;

  /* China withholds its ore: AAA gets 30 of 60, 20 from outside; the
   * dependency falls from 5/6 to 2/3, but half the need is unmet. */
  ls_test_add_restriction (scenario, "mining", "CHN", "bloc", 1.0);

  g_assert_cmpint (judge (dataset, scenario, LS_EXPLAIN_FIGURE_DEPENDENCY, &change, &reason), ==, LS_VERDICT_NEUTRAL);
  assert_close (change, 20.0 / 30.0 - 50.0 / 60.0);
  g_assert_cmpint (reason, ==, LS_VERDICT_REASON_LOST_SUPPLY);

  g_assert_cmpint (judge (dataset, scenario, LS_EXPLAIN_FIGURE_UNMET, &change, NULL), ==, LS_VERDICT_WORSE);
  assert_close (change, 0.5);

  g_assert_cmpint (judge (dataset, scenario, LS_EXPLAIN_FIGURE_STAGE, NULL, &reason), ==, LS_VERDICT_WORSE);
  g_assert_cmpint (reason, ==, LS_VERDICT_REASON_LOST_SUPPLY);

  result = ls_test_compute (dataset, scenario);
  {
    g_autoptr(LsScenario) plain = bloc_scenario ();

    baseline = ls_test_compute (dataset, plain);
  }
  said = ls_explain_change_text (result, baseline, 0, LS_EXPLAIN_FIGURE_UNMET);
  g_assert_cmpstr (said, ==, "mining: unmet need rose 50.0 points");
  g_clear_pointer (&said, g_free);
  said = ls_explain_change_text (result, baseline, 0, LS_EXPLAIN_FIGURE_DEPENDENCY);
  g_assert_cmpstr (said, ==, "mining: dependency on non-members fell 16.7 points, only because supply was lost");
  g_assert_cmpstr (ls_verdict_get_style_class (LS_VERDICT_WORSE), ==, "worse");
  g_assert_cmpstr (ls_verdict_get_style_class (LS_VERDICT_NEUTRAL), ==, "neutral");
}

static void
test_judge_mixed (void)
{
  g_autoptr(LsDataset) dataset = judge_dataset ("50");
  g_autoptr(LsScenario) scenario = bloc_scenario ();
  LsVerdictReason reason;
  double change;

  /* The cut-off, and DDD mines 10 t more for AAA: 40 of 60 arrive, 20
   * from outside; members supply more, but a third is unmet. */
  ls_test_add_restriction (scenario, "mining", "CHN", "bloc", 1.0);
  ls_test_add_capacity (scenario, "mining", "DDD", 10);

  g_assert_cmpint (judge (dataset, scenario, LS_EXPLAIN_FIGURE_DEPENDENCY, &change, &reason), ==, LS_VERDICT_NEUTRAL);
  assert_close (change, 20.0 / 40.0 - 50.0 / 60.0);
  g_assert_cmpint (reason, ==, LS_VERDICT_REASON_MIXED);
  g_assert_cmpint (judge (dataset, scenario, LS_EXPLAIN_FIGURE_STAGE, NULL, NULL), ==, LS_VERDICT_WORSE);
}

static void
test_judge_better (void)
{
  g_autoptr(LsDataset) dataset = judge_dataset ("50");
  g_autoptr(LsScenario) scenario = bloc_scenario ();
  LsVerdictReason reason;
  double change;

  /* DDD mines 30 t more: its flow to AAA scales to 40, AAA's intake of
   * 90 shrinks pro rata to its 60: 20 China, 13.3 BBB, 26.7 DDD. Less
   * dependency, nothing unmet: better. */
  ls_test_add_capacity (scenario, "mining", "DDD", 30);

  g_assert_cmpint (judge (dataset, scenario, LS_EXPLAIN_FIGURE_DEPENDENCY, &change, &reason), ==, LS_VERDICT_BETTER);
  assert_close (change, (20.0 + 40.0 / 3.0) / 60.0 - 50.0 / 60.0);
  g_assert_cmpint (reason, ==, LS_VERDICT_REASON_NONE);
  g_assert_cmpint (judge (dataset, scenario, LS_EXPLAIN_FIGURE_UNMET, NULL, NULL), ==, LS_VERDICT_NONE);
  g_assert_cmpint (judge (dataset, scenario, LS_EXPLAIN_FIGURE_STAGE, NULL, NULL), ==, LS_VERDICT_BETTER);
}

static void
test_judge_worse (void)
{
  g_autoptr(LsDataset) dataset = judge_dataset ("60");
  g_autoptr(LsScenario) scenario = bloc_scenario ();
  double change;

  /* DDD's ore cannot reach AAA; BBB's 10 t spare replaces it: the need
   * is met, all of it from outside. */
  ls_test_add_restriction (scenario, "mining", "DDD", "AAA", 1.0);

  g_assert_cmpint (judge (dataset, scenario, LS_EXPLAIN_FIGURE_DEPENDENCY, &change, NULL), ==, LS_VERDICT_WORSE);
  assert_close (change, 1.0 - 50.0 / 60.0);
  g_assert_cmpint (judge (dataset, scenario, LS_EXPLAIN_FIGURE_UNMET, NULL, NULL), ==, LS_VERDICT_NONE);
  g_assert_cmpint (judge (dataset, scenario, LS_EXPLAIN_FIGURE_STAGE, NULL, NULL), ==, LS_VERDICT_WORSE);
}

static void
test_judge_no_change (void)
{
  g_autoptr(LsDataset) dataset = judge_dataset ("50");
  g_autoptr(LsScenario) scenario = bloc_scenario ();
  g_autoptr(LsResult) result = ls_test_compute (dataset, scenario);

  /* No levers: the baseline is the result. */
  g_assert_cmpint (ls_explain_judge (result, result, 0, LS_EXPLAIN_FIGURE_STAGE, NULL, NULL), ==, LS_VERDICT_NONE);
  g_assert_cmpint (ls_explain_judge (result, NULL, 0, LS_EXPLAIN_FIGURE_UNMET, NULL, NULL), ==, LS_VERDICT_NONE);
  g_assert_null (ls_explain_change_text (result, result, 0, LS_EXPLAIN_FIGURE_DEPENDENCY));
  g_assert_null (ls_verdict_get_style_class (LS_VERDICT_NONE));

  /* A restriction nobody is hit by changes nothing either. */
  ls_test_add_restriction (scenario, "mining", "BBB", "CHN", 0.0001);
  g_assert_cmpint (judge (dataset, scenario, LS_EXPLAIN_FIGURE_STAGE, NULL, NULL), ==, LS_VERDICT_NONE);
}

static void
test_explain_formats (void)
{
  g_autofree char *range = ls_explain_format_range (0.69, 0.78);
  g_autofree char *narrow = ls_explain_format_range (0.731, 0.739);
  g_autofree char *none = ls_explain_format_range (0.7301, 0.7302);
  g_autofree char *outward = ls_explain_format_range (0.0386, 0.2203);
  LsEvidenceSplit split = { { 0.62, 0.30, 0.08 } };
  LsEvidenceSplit empty = { { 0.0, 0.0, 0.0 } };
  LsEvidenceSplit published = { { 1.0, 0.0, 0.0 } };
  g_autofree char *evidence = ls_explain_format_evidence (&split);
  g_autofree char *all = ls_explain_format_evidence (&published);

  g_assert_cmpstr (range, ==, "69–78 %");
  g_assert_cmpstr (narrow, ==, "73.1–73.9 %");
  g_assert_null (none);
  /* Rounded outwards: the range still holds a value of 3.9 %. */
  g_assert_cmpstr (outward, ==, "3–23 %");
  g_assert_cmpstr (evidence, ==, "62 % from published figures, 30 % estimated, 8 % model");
  g_assert_cmpstr (all, ==, "100 % from published figures");
  g_assert_null (ls_explain_format_evidence (&empty));
}

int
main (int   argc,
      char *argv[])
{
  /* Words and numbers as the C locale writes them. */
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lodestone/render/explain/matches-cli", test_explain_matches_cli);
  g_test_add_func ("/lodestone/render/explain/provenance", test_explain_provenance);
  g_test_add_func ("/lodestone/render/explain/methods", test_explain_methods);
  g_test_add_func ("/lodestone/render/explain/no-figure", test_explain_no_figure);
  g_test_add_func ("/lodestone/render/explain/formats", test_explain_formats);
  g_test_add_func ("/lodestone/render/explain/judge/cut-off", test_judge_cut_off);
  g_test_add_func ("/lodestone/render/explain/judge/mixed", test_judge_mixed);
  g_test_add_func ("/lodestone/render/explain/judge/better", test_judge_better);
  g_test_add_func ("/lodestone/render/explain/judge/worse", test_judge_worse);
  g_test_add_func ("/lodestone/render/explain/judge/no-change", test_judge_no_change);

  return g_test_run ();
}
