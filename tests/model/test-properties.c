/* test-properties.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Invariants of the model on random datasets and random scenarios (seeded
 * by GLib's test framework: rerun a failure with --seed). */

#include <math.h>

#include "ls-dataset.h"
#include "ls-result.h"
#include "ls-scenario.h"
#include "ls-test-utils.h"

#define N_DATASETS  40
#define N_SCENARIOS 6
#define REL         1e-6

static const char * const stage_ids[] = { "mining", "separation", "metal", "magnets", "use" };

/* Extreme but valid inputs (issue 14): denormal and near-maximum
 * tonnages, up to 120 countries, capacity changes near the ±1e9 t bound,
 * yields down to their floor. */
static gboolean extreme;

typedef struct
{
  guint   n_stages;
  guint   n_countries;
  char  **countries;  /* ISO3-like ids; countries[0] is CHN */
  double *production; /* [s * n_countries + c] */
  double *yield;
} Shape;

static void
shape_free (Shape *shape)
{
  g_strfreev (shape->countries);
  g_free (shape->production);
  g_free (shape->yield);
  g_free (shape);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Shape, shape_free)

static void
append_number (GString *json,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (json, g_ascii_dtostr (buf, sizeof buf, value));
}

/* A random dataset obeying the loader's rules: given outflows within
 * production, given inflows within need, flows only from producers and
 * never from the last stage. */
static char *
random_dataset_json (Shape **shape_out)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(Shape) shape = g_new0 (Shape, 1);
  guint S = g_test_rand_int_range (3, 6);
  guint C = extreme ? g_test_rand_int_range (30, 121) : g_test_rand_int_range (5, 31);
  g_autofree double *out_left = NULL;
  g_autofree double *in_left = NULL;
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean first;

  shape->n_stages = S;
  shape->n_countries = C;
  shape->countries = g_new0 (char *, C + 1);
  shape->production = g_new0 (double, S * C);
  shape->yield = g_new0 (double, S);
  out_left = g_new0 (double, C);
  in_left = g_new0 (double, C);

  shape->countries[0] = g_strdup ("CHN");
  for (guint c = 1; c < C; c++)
    shape->countries[c] = g_strdup_printf ("Q%c%c", 'A' + c / 26, 'A' + c % 26);

  g_string_append (json,
                   "{\"format\": \"lodestone-dataset\", \"version\": 1, \"title\": \"random\", "
                   "\"default_year\": 2024,\n"
                   " \"sources\": [{\"id\": \"s1\", \"title\": \"S\", \"detail\": \"d\", \"url\": \"https://example.org\"}],\n"
                   " \"stages\": [");
  for (guint s = 0; s < S; s++)
    {
      shape->yield[s] = s == 0 ? 1.0 : g_test_rand_double_range (extreme ? LS_MIN_YIELD : 0.1, 1.0);
      g_string_append_printf (json, "%s{\"id\": \"%s\", \"name\": \"%s\", \"unit\": \"t\", \"yield\": {\"value\": ",
                              s > 0 ? ", " : "", stage_ids[s], stage_ids[s]);
      append_number (json, shape->yield[s]);
      g_string_append (json, ", \"source\": \"s1\"}}");
    }
  g_string_append (json, "],\n \"countries\": [");
  for (guint c = 0; c < C; c++)
    g_string_append_printf (json, "%s{\"id\": \"%s\", \"name\": \"%s\", \"label\": {\"lat\": 0, \"lon\": 0}}",
                            c > 0 ? ", " : "", shape->countries[c], shape->countries[c]);
  g_string_append (json, "],\n \"alliances\": [");
  for (guint a = 0; a < 2; a++)
    {
      g_string_append_printf (json, "%s{\"id\": \"al%u\", \"name\": \"A%u\", \"members\": [", a > 0 ? ", " : "", a, a);
      first = TRUE;
      for (guint c = 0; c < C; c++)
        if (g_test_rand_int_range (0, 3) == 0)
          {
            g_string_append_printf (json, "%s{\"country\": \"%s\", \"joined\": \"2000\"}",
                                    first ? "" : ", ", shape->countries[c]);
            first = FALSE;
          }
      g_string_append (json, "]}");
    }

  g_string_append (json, "],\n \"years\": [{\"year\": 2024, \"production\": [");
  first = TRUE;
  for (guint s = 0; s < S; s++)
    {
      guint forced = g_test_rand_int_range (0, C);

      for (guint c = 0; c < C; c++)
        {
          if (c != forced && g_test_rand_int_range (0, 10) < 4)
            continue;
          /* Mostly round tonnages, sometimes tiny or huge ones. */
          switch (extreme ? g_test_rand_int_range (0, 5) + 10 : g_test_rand_int_range (0, 8))
            {
            case 10:
              /* Denormal: below DBL_MIN. */
              shape->production[s * C + c] = g_test_rand_double_range (4.9e-324, 1e-310);
              break;
            case 11:
              shape->production[s * C + c] = g_test_rand_double_range (0.5 * LS_MAX_TONNES, LS_MAX_TONNES);
              break;
            case 12:
              shape->production[s * C + c] = g_test_rand_double_range (1e-300, 1e-200);
              break;
            case 0:
              shape->production[s * C + c] = g_test_rand_double_range (1e-3, 1);
              break;
            case 1:
              shape->production[s * C + c] = g_test_rand_double_range (1e4, 1e6);
              break;
            default:
              shape->production[s * C + c] = g_test_rand_int_range (1, 1000);
              break;
            }
          g_string_append_printf (json, "%s\n  {\"stage\": \"%s\", \"country\": \"%s\", \"value\": ",
                                  first ? "" : ",", stage_ids[s], shape->countries[c]);
          append_number (json, shape->production[s * C + c]);
          g_string_append (json, ", \"source\": \"s1\"}");
          first = FALSE;
        }
    }

  g_string_append (json, "],\n \"flows\": [");
  first = TRUE;
  for (guint s = 0; s + 1 < S; s++)
    {
      for (guint c = 0; c < C; c++)
        {
          out_left[c] = shape->production[s * C + c];
          in_left[c] = shape->production[(s + 1) * C + c] / shape->yield[s + 1];
        }
      for (guint k = 0; k < C; k++)
        {
          guint i = g_test_rand_int_range (0, C);
          guint j = g_test_rand_int_range (0, C);
          g_autofree char *key = g_strdup_printf ("%u:%u:%u", s, i, j);
          double value;

          if (out_left[i] <= 0 || in_left[j] <= 0 || g_hash_table_contains (pairs, key))
            continue;
          value = g_test_rand_double_range (0.0, 0.5) * MIN (out_left[i], in_left[j]);
          if (value <= 0)
            continue;
          out_left[i] -= value;
          in_left[j] -= value;
          g_hash_table_add (pairs, g_steal_pointer (&key));
          g_string_append_printf (json, "%s\n  {\"stage\": \"%s\", \"from\": \"%s\", \"to\": \"%s\", \"value\": ",
                                  first ? "" : ",", stage_ids[s], shape->countries[i], shape->countries[j]);
          append_number (json, value);
          g_string_append_printf (json, ", \"source\": \"s1\", \"estimated\": %s}",
                                  g_test_rand_bit () ? "true" : "false");
          first = FALSE;
        }
    }
  g_string_append (json, "]}]}\n");

  *shape_out = g_steal_pointer (&shape);
  return g_string_free (g_steal_pointer (&json), FALSE);
}

static LsParty
random_party (Shape *shape)
{
  LsParty party = { LS_PARTY_COUNTRIES, NULL };
  guint n;

  switch (g_test_rand_int_range (0, 3))
    {
    case 0:
      party.kind = LS_PARTY_BLOC;
      return party;
    case 1:
      party.kind = LS_PARTY_NON_BLOC;
      return party;
    default:
      n = g_test_rand_int_range (1, 4);
      party.countries = g_new0 (char *, n + 1);
      for (guint k = 0; k < n; k++)
        party.countries[k] = g_strdup (shape->countries[g_test_rand_int_range (0, shape->n_countries)]);
      return party;
    }
}

static LsScenario *
random_scenario (Shape *shape)
{
  LsScenario *scenario = ls_scenario_new ();
  guint C = shape->n_countries;
  guint S = shape->n_stages;
  guint n;

  ls_scenario_set_year (scenario, 2024);
  ls_scenario_set_name (scenario, "random");
  for (guint a = 0; a < 2; a++)
    if (g_test_rand_bit ())
      {
        g_autofree char *id = g_strdup_printf ("al%u", a);

        ls_scenario_set_alliance (scenario, id, TRUE);
      }
  n = g_test_rand_int_range (0, 4);
  for (guint k = 0; k < n; k++)
    ls_scenario_set_membership (scenario, shape->countries[g_test_rand_int_range (0, C)],
                                g_test_rand_bit () ? LS_MEMBERSHIP_ADDED : LS_MEMBERSHIP_REMOVED);

  n = g_test_rand_int_range (0, 5);
  for (guint k = 0; k < n; k++)
    {
      guint s = g_test_rand_int_range (0, S);
      guint c = g_test_rand_int_range (0, C);
      double p = shape->production[s * C + c];
      double delta = p > 0 ? g_test_rand_double_range (-1.5 * p, p) : g_test_rand_double_range (0, 500);

      if (extreme)
        delta = g_test_rand_bit () ? LS_MAX_TONNES * g_test_rand_double_range (-1, 1)
                                   : g_test_rand_double_range (-1e-310, 1e-310);
      g_autoptr(LsCapacityChange) change = ls_capacity_change_new (stage_ids[s], shape->countries[c], delta, NULL);

      ls_scenario_add_capacity_change (scenario, change);
    }

  /* Restrictions apply to flows, which leave every stage but the last. */
  n = g_test_rand_int_range (0, 4);
  for (guint k = 0; k < n; k++)
    {
      LsParty from = random_party (shape);
      LsParty to = random_party (shape);
      double fraction = g_test_rand_bit () ? 1.0 : g_test_rand_double_range (0, 1);
      g_autoptr(LsRestriction) restriction =
        ls_restriction_new (stage_ids[g_test_rand_int_range (0, S - 1)], &from, &to, fraction);

      ls_scenario_add_restriction (scenario, restriction);
      ls_party_clear (&from);
      ls_party_clear (&to);
    }

  if (g_test_rand_bit ())
    ls_scenario_set_friend_shoring (scenario, g_test_rand_bit () ? 1.0 : g_test_rand_double_range (0, 1));

  return scenario;
}

static void
assert_finite_nonneg (double value)
{
  g_assert_true (isfinite (value));
  g_assert_cmpfloat (value, >=, 0);
}

/* The invariants every result must keep. */
static void
check_result (LsResult *result,
              Shape    *shape,
              gboolean  baseline_needs_met)
{
  guint S = shape->n_stages;
  guint C = shape->n_countries;

  for (guint s = 0; s < S; s++)
    {
      double total = ls_result_get_stage_total (result, s);
      double sum = 0;
      double hhi;
      double top3;
      guint top[3];

      assert_finite_nonneg (total);
      for (guint c = 0; c < C; c++)
        {
          double p = ls_result_get_production (result, s, c);
          double t = ls_result_get_target (result, s, c);
          double share = ls_result_get_share (result, s, c);

          assert_finite_nonneg (p);
          assert_finite_nonneg (t);
          assert_finite_nonneg (ls_result_get_shortfall (result, s, c));
          g_assert_cmpfloat (p, <=, t + REL * MAX (1, t));
          if (total > 0)
            {
              assert_finite_nonneg (share);
              sum += share;
            }
        }
      if (total > 0)
        {
          g_assert_cmpfloat_with_epsilon (sum, 1, 1e-9);
          assert_finite_nonneg (ls_result_get_bloc_share (result, s));
          assert_finite_nonneg (ls_result_get_china_share (result, s));
          g_assert_cmpfloat (ls_result_get_rest_share (result, s), >=, -1e-12);
          g_assert_cmpfloat (ls_result_get_bloc_share (result, s), <=, 1 + 1e-12);
          hhi = ls_result_get_hhi (result, s);
          g_assert_cmpfloat (hhi, >, 0);
          g_assert_cmpfloat (hhi, <=, 10000 + 1e-6);
          top3 = ls_result_get_top3_share (result, s, top);
          g_assert_cmpfloat (top3, >, 0);
          g_assert_cmpfloat (top3, <=, 1 + 1e-9);
        }

      if (s + 1 == S)
        {
          double share;

          g_assert_false (ls_result_get_dependency (result, s, &share));
          continue;
        }

      assert_finite_nonneg (ls_result_get_unallocated (result, s));
      assert_finite_nonneg (ls_result_get_unknown_origin (result, s));

      /* Nobody ships more than it makes. */
      for (guint i = 0; i < C; i++)
        {
          double p = ls_result_get_production (result, s, i);
          double out = 0;

          for (guint j = 0; j < C; j++)
            {
              double f = ls_result_get_flow (result, s, i, j);

              assert_finite_nonneg (f);
              assert_finite_nonneg (ls_result_get_flow_estimated (result, s, i, j));
              out += f;
            }
          g_assert_cmpfloat (out, <=, p + REL * MAX (1, p));
          /* What a country makes and ships nowhere is its surplus. */
          assert_finite_nonneg (ls_result_get_country_unallocated (result, s, i));
          g_assert_cmpfloat_with_epsilon (out + ls_result_get_country_unallocated (result, s, i), p,
                                          REL * MAX (1, p));
        }

      /* Nobody receives more than it needs; the baseline meets every need. */
      for (guint j = 0; j < C; j++)
        {
          double need = ls_result_get_target (result, s + 1, j) / shape->yield[s + 1];
          double base_need = shape->production[(s + 1) * C + j] / shape->yield[s + 1];
          double in = 0;
          double base_in = 0;

          for (guint i = 0; i <= C; i++)
            {
              in += ls_result_get_flow (result, s, i, j);
              base_in += ls_result_get_baseline_flow (result, s, i, j);
            }
          g_assert_cmpfloat (in, <=, need + REL * MAX (1, need));
          g_assert_cmpfloat_with_epsilon (base_in, base_need, REL * MAX (1, base_need));

          /* Step 7: P'[s+1][j] = min(T[j], Y · Σ F'), and the rest of T is
           * the shortfall. */
          {
            double t = ls_result_get_target (result, s + 1, j);
            double p = ls_result_get_production (result, s + 1, j);

            g_assert_cmpfloat_with_epsilon (p, MIN (t, shape->yield[s + 1] * in), REL * MAX (1, t));
            g_assert_cmpfloat_with_epsilon (ls_result_get_shortfall (result, s + 1, j), t - p, REL * MAX (1, t));
          }

          /* `unknown` only ever shrinks (step 4's cap). */
          g_assert_cmpfloat (ls_result_get_flow (result, s, C, j), <=,
                             ls_result_get_baseline_flow (result, s, C, j) * (1 + 1e-12));
          if (baseline_needs_met)
            g_assert_cmpfloat_with_epsilon (in, need, REL * MAX (1, need));
        }

      /* Evidence splits and the need split: finite parts that add up. */
      {
        LsEvidenceSplit split;
        LsNeedSplit need;

        if (ls_result_get_dependency_evidence (result, s, &split))
          g_assert_cmpfloat_with_epsilon (split.part[0] + split.part[1] + split.part[2], 1, 1e-9);
        ls_result_get_output_evidence (result, s, -1, &split);
        for (guint e = 0; e < LS_N_EVIDENCE; e++)
          assert_finite_nonneg (split.part[e]);

        if (ls_result_get_need_split (result, s, &need))
          {
            assert_finite_nonneg (need.members);
            assert_finite_nonneg (need.china);
            assert_finite_nonneg (need.other);
            assert_finite_nonneg (need.unmet);
            g_assert_cmpfloat_with_epsilon (need.members + need.china + need.other + need.unmet, need.need,
                                            REL * MAX (1, need.need));
          }
      }

      /* Dependency: a share of the intake, split by supplier. */
      {
        double share = -1;

        if (ls_result_get_dependency (result, s, &share))
          {
            double by = 0;

            g_assert_cmpuint (ls_result_get_n_members (result), >, 0);
            g_assert_cmpfloat (ls_result_get_bloc_intake (result, s), >, 0);
            g_assert_cmpfloat (share, >=, 0);
            g_assert_cmpfloat (share, <=, 1 + 1e-9);
            for (guint i = 0; i <= C; i++)
              {
                double d = ls_result_get_dependency_on (result, s, i);

                assert_finite_nonneg (d);
                if (i < C && ls_result_is_member (result, i))
                  g_assert_cmpfloat (d, ==, 0);
                by += d;
              }
            g_assert_cmpfloat_with_epsilon (by, share, 1e-9);

            /* Traced origin: a mix, summing to 1, at every earlier stage. */
            for (guint k = 0; k <= s; k++)
              {
                double origin = 0;

                for (guint c = 0; c <= C; c++)
                  {
                    double o = ls_result_get_traced_origin (result, s, k, c);

                    assert_finite_nonneg (o);
                    origin += o;
                  }
                g_assert_cmpfloat_with_epsilon (origin, 1, 1e-9);
              }
          }
      }
    }
}

static LsDataset *
load (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  LsDataset *dataset = ls_dataset_new_from_bytes (bytes, "random.json", &error);

  if (error != NULL)
    g_test_message ("%s", json);
  g_assert_no_error (error);
  return dataset;
}

/* No levers and φ = 0 give the baseline, with any bloc. */
static void
test_properties_baseline (void)
{
  for (guint n = 0; n < N_DATASETS; n++)
    {
      g_autoptr(Shape) shape = NULL;
      g_autofree char *json = random_dataset_json (&shape);
      LsDataset *dataset = load (json);
      LsScenario *scenario = ls_scenario_new ();
      g_autoptr(GError) error = NULL;
      LsResult *result;
      guint C = shape->n_countries;

      ls_scenario_set_year (scenario, 2024);
      if (g_test_rand_bit ())
        ls_scenario_set_alliance (scenario, "al0", TRUE);
      ls_scenario_set_membership (scenario, shape->countries[g_test_rand_int_range (0, C)], LS_MEMBERSHIP_ADDED);
      result = ls_result_new (dataset, scenario, &error);
      g_assert_no_error (error);

      check_result (result, shape, TRUE);
      for (guint s = 0; s < shape->n_stages; s++)
        {
          for (guint c = 0; c < C; c++)
            {
              double base = ls_result_get_baseline_production (result, s, c);

              g_assert_cmpfloat_with_epsilon (base, shape->production[s * C + c], 1e-9 * MAX (1, base));
              g_assert_cmpfloat_with_epsilon (ls_result_get_production (result, s, c), base, 1e-9 * MAX (1, base));
            }
          if (s + 1 == shape->n_stages)
            continue;
          for (guint i = 0; i <= C; i++)
            for (guint j = 0; j < C; j++)
              {
                double base = ls_result_get_baseline_flow (result, s, i, j);

                g_assert_cmpfloat_with_epsilon (ls_result_get_flow (result, s, i, j), base, 1e-9 * MAX (1, base));
              }
        }

      ls_result_unref (result);
      g_assert_finalize_object (scenario);
      g_assert_finalize_object (dataset);
    }
}

/* Random levers never break the invariants, nor give negative or
 * non-finite numbers. */
static void
test_properties_random_scenarios (void)
{
  for (guint n = 0; n < N_DATASETS; n++)
    {
      g_autoptr(Shape) shape = NULL;
      g_autofree char *json = random_dataset_json (&shape);
      LsDataset *dataset = load (json);

      for (guint k = 0; k < N_SCENARIOS; k++)
        {
          LsScenario *scenario = random_scenario (shape);
          g_autoptr(GError) error = NULL;
          LsResult *result;

          g_assert_true (ls_scenario_validate (scenario, dataset, &error));
          g_assert_no_error (error);
          result = ls_result_new (dataset, scenario, &error);
          g_assert_no_error (error);
          check_result (result, shape, FALSE);

          ls_result_unref (result);
          g_assert_finalize_object (scenario);
        }

      g_assert_finalize_object (dataset);
    }
}

static gboolean
party_has (LsDataset     *dataset,
           LsResult      *result,
           const LsParty *party,
           guint          country)
{
  switch (party->kind)
    {
    case LS_PARTY_BLOC:
      return ls_result_is_member (result, country);
    case LS_PARTY_NON_BLOC:
      return !ls_result_is_member (result, country);
    case LS_PARTY_COUNTRIES:
    default:
      return g_strv_contains ((const char * const *) party->countries,
                              ls_dataset_get_country_id (dataset, country));
    }
}

/* With φ = 0 (no swap), a restricted pair gets no re-routed volume: its
 * flow is at most the baseline flow × P'/P × Π (1 − f). */
static void
test_properties_restricted_pairs (void)
{
  for (guint n = 0; n < N_DATASETS; n++)
    {
      g_autoptr(Shape) shape = NULL;
      g_autofree char *json = random_dataset_json (&shape);
      LsDataset *dataset = load (json);
      guint C = shape->n_countries;

      for (guint k = 0; k < N_SCENARIOS; k++)
        {
          LsScenario *scenario = random_scenario (shape);
          g_autoptr(GError) error = NULL;
          LsResult *result;

          ls_scenario_set_friend_shoring (scenario, 0);
          result = ls_result_new (dataset, scenario, &error);
          g_assert_no_error (error);

          for (guint s = 0; s + 1 < shape->n_stages; s++)
            for (guint i = 0; i < C; i++)
              for (guint j = 0; j < C; j++)
                {
                  double keep = 1;
                  gboolean restricted = FALSE;
                  double p = shape->production[s * C + i];
                  double scale = p > 0 ? ls_result_get_production (result, s, i) / p : 0;
                  double bound;

                  for (guint r = 0; r < ls_scenario_get_n_restrictions (scenario); r++)
                    {
                      const LsRestriction *restriction = ls_scenario_get_restriction (scenario, r);

                      if (ls_dataset_lookup_stage (dataset, restriction->stage) != (int) s ||
                          !party_has (dataset, result, &restriction->from, i) ||
                          !party_has (dataset, result, &restriction->to, j))
                        continue;
                      keep *= 1 - restriction->fraction;
                      restricted |= restriction->fraction > 0;
                    }

                  g_assert_cmpint (ls_result_is_restricted (result, s, i, j), ==, restricted);
                  if (!restricted)
                    continue;
                  bound = ls_result_get_baseline_flow (result, s, i, j) * scale * keep;
                  g_assert_cmpfloat (ls_result_get_flow (result, s, i, j), <=, bound + 1e-9 * MAX (1, bound));
                }

          ls_result_unref (result);
          g_assert_finalize_object (scenario);
        }

      g_assert_finalize_object (dataset);
    }
}

/* The loader reads back exactly what was written. */
static void
test_properties_loader (void)
{
  for (guint n = 0; n < N_DATASETS; n++)
    {
      g_autoptr(Shape) shape = NULL;
      g_autofree char *json = random_dataset_json (&shape);
      LsDataset *dataset = load (json);
      guint C = shape->n_countries;

      g_assert_cmpuint (ls_dataset_get_n_stages (dataset), ==, shape->n_stages);
      g_assert_cmpuint (ls_dataset_get_n_countries (dataset), ==, C);
      g_assert_cmpint (ls_dataset_get_china (dataset), ==, 0);
      for (guint s = 0; s < shape->n_stages; s++)
        {
          g_assert_cmpfloat (ls_dataset_get_stage_yield (dataset, s), ==, shape->yield[s]);
          for (guint c = 0; c < C; c++)
            g_assert_cmpfloat (ls_dataset_get_production (dataset, 2024, s, c), ==, shape->production[s * C + c]);
        }

      g_assert_finalize_object (dataset);
    }
}

/* The invariants hold on extreme but valid data and levers too. */
static void
test_properties_extreme (void)
{
  extreme = TRUE;
  test_properties_baseline ();
  test_properties_random_scenarios ();
  extreme = FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lodestone/model/properties/loader", test_properties_loader);
  g_test_add_func ("/lodestone/model/properties/baseline", test_properties_baseline);
  g_test_add_func ("/lodestone/model/properties/random-scenarios", test_properties_random_scenarios);
  g_test_add_func ("/lodestone/model/properties/restricted-pairs", test_properties_restricted_pairs);
  g_test_add_func ("/lodestone/model/properties/extreme", test_properties_extreme);

  return g_test_run ();
}
