/* test-scenario-text.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A scenario in words: what the title, the slides and every export say
 * produced a figure (issue 16, B1 and M11). */

#include <locale.h>

#include "ls-scenario-text.h"
#include "ls-test-utils.h"

static void
test_scenario_text_levers (void)
{
  g_autoptr(LsDataset) dataset = ls_test_build_dataset (3, NULL, "AAA BBB", "mining AAA 10, separation BBB 5", "");
  g_autoptr(LsScenario) scenario = ls_test_scenario_new ();
  g_autoptr(LsResult) result = NULL;
  g_autofree char *levers = NULL;
  g_autofree char *bloc = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *description = NULL;
  g_autofree char *title = NULL;

  levers = ls_scenario_text_levers (scenario, dataset);
  g_assert_cmpstr (levers, ==, "no levers");
  g_clear_pointer (&levers, g_free);

  ls_scenario_set_alliance (scenario, "al", TRUE);
  ls_scenario_set_membership (scenario, "CCC", LS_MEMBERSHIP_ADDED);
  ls_test_add_restriction (scenario, "separation", "CHN", "bloc", 1.0);
  ls_test_add_capacity (scenario, "separation", "BBB", 5000);
  ls_scenario_set_friend_shoring (scenario, 0.47);
  result = ls_test_compute (dataset, scenario);

  levers = ls_scenario_text_levers (scenario, dataset);
  g_assert_cmpstr (levers, ==, "separation from Country CHN to the bloc cut by 100 %; "
                               "Country BBB separation +5000 t; friend-shoring 47 %");

  bloc = ls_scenario_text_bloc (result, scenario);
  g_assert_cmpstr (bloc, ==, "Alliance + Country CCC (3 countries)");

  /* No description written: one made from the contents. */
  description = ls_scenario_text_description (scenario, result);
  g_assert_true (g_str_has_prefix (description, "2024. Bloc: Alliance + Country CCC (3 countries). Levers: "));

  ls_scenario_set_name (scenario, "Cut-off");
  caption = ls_scenario_text_caption (scenario, result);
  g_assert_true (g_str_has_prefix (caption, "Cut-off — 2024 — Bloc: Alliance"));
  g_assert_nonnull (strstr (caption, "friend-shoring 47 %"));

  title = ls_scenario_text_title (scenario, TRUE);
  g_assert_cmpstr (title, ==, "• Cut-off");
}

int
main (int   argc,
      char *argv[])
{
  /* Words and numbers as the C locale writes them. */
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lodestone/render/scenario-text/levers", test_scenario_text_levers);

  return g_test_run ();
}
