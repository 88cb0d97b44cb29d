/* ls-scenario-text.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-scenario-text"

#include "config.h"

#include "ls-scenario-text.h"
#include "ls-format.h"

#include <glib/gi18n-lib.h>
#include <math.h>

/* A scenario in words, the same everywhere it is named: the window title,
 * the presenter's slide, every exported figure and lodestone-cli render
 * (issue 16, B1 and M11). A figure must say what produced it: the year,
 * the bloc and every lever. */

static char *
party_text (LsDataset     *dataset,
            const LsParty *party)
{
  g_autoptr(GString) text = NULL;

  switch (party->kind)
    {
    case LS_PARTY_BLOC:
      return g_strdup (_("the bloc"));

    case LS_PARTY_NON_BLOC:
      return g_strdup (_("non-members"));

    case LS_PARTY_COUNTRIES:
    default:
      text = g_string_new (NULL);
      for (guint i = 0; party->countries != NULL && party->countries[i] != NULL; i++)
        {
          int country = ls_dataset_lookup_country (dataset, party->countries[i]);

          if (i > 0)
            /* Translators: between the countries of a list */
            g_string_append (text, _(", "));
          g_string_append (text, country >= 0 ? ls_dataset_get_country_name (dataset, country)
                                              : party->countries[i]);
        }
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
}

static const char *
stage_name (LsDataset  *dataset,
            const char *stage)
{
  int index = ls_dataset_lookup_stage (dataset, stage);

  return index >= 0 ? ls_dataset_get_stage_name (dataset, index) : stage;
}

/**
 * ls_scenario_text_lever:
 *
 * Returns: (transfer full): a restriction in words, "Magnets from China
 *   to the bloc cut by 100 %"
 */
char *
ls_scenario_text_lever (LsDataset           *dataset,
                        const LsRestriction *restriction)
{
  g_autofree char *from = party_text (dataset, &restriction->from);
  g_autofree char *to = party_text (dataset, &restriction->to);
  g_autofree char *fraction = ls_format_percent (restriction->fraction, 0);

  /* Translators: an export restriction: "Magnets from China to the bloc
   * cut by 100 %" (the exporters may be one country or many) */
  return g_strdup_printf (_("%s from %s to %s cut by %s"),
                          stage_name (dataset, restriction->stage), from, to, fraction);
}

/**
 * ls_scenario_text_capacity:
 *
 * Returns: (transfer full): a capacity change in words, "South Korea
 *   Separation +5,000 t magnet REO"
 */
char *
ls_scenario_text_capacity (LsDataset              *dataset,
                           const LsCapacityChange *change)
{
  int stage = ls_dataset_lookup_stage (dataset, change->stage);
  int country = ls_dataset_lookup_country (dataset, change->country);
  g_autofree char *delta = ls_format_signed_number (change->delta, 0);

  /* Translators: a capacity change: "South Korea Separation +5,000 t REO" */
  return g_strdup_printf (_("%s %s %s %s"),
                          country >= 0 ? ls_dataset_get_country_name (dataset, country) : change->country,
                          stage_name (dataset, change->stage), delta,
                          stage >= 0 ? ls_dataset_get_stage_unit (dataset, stage) : "t");
}

/**
 * ls_scenario_text_levers:
 *
 * Returns: (transfer full): every lever of @scenario in words, separated
 *   by "; ", or "no levers"
 */
char *
ls_scenario_text_levers (LsScenario *scenario,
                         LsDataset  *dataset)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < ls_scenario_get_n_restrictions (scenario); i++)
    g_ptr_array_add (parts, ls_scenario_text_lever (dataset, ls_scenario_get_restriction (scenario, i)));

  for (guint i = 0; i < ls_scenario_get_n_capacity_changes (scenario); i++)
    g_ptr_array_add (parts, ls_scenario_text_capacity (dataset, ls_scenario_get_capacity_change (scenario, i)));

  if (ls_scenario_get_friend_shoring (scenario) > 0.0)
    {
      g_autofree char *strength = ls_format_percent (ls_scenario_get_friend_shoring (scenario), 0);

      /* Translators: the friend-shoring lever, "friend-shoring 50 %" */
      g_ptr_array_add (parts, g_strdup_printf (_("friend-shoring %s"), strength));
    }

  if (parts->len == 0)
    return g_strdup (_("no levers"));

  g_ptr_array_add (parts, NULL);
  /* Translators: between the levers of a scenario */
  return g_strjoinv (_("; "), (char **) parts->pdata);
}

/**
 * ls_scenario_text_bloc:
 *
 * Returns: (transfer full): the bloc in words, with its alliances, the
 *   countries added or removed by hand, its size, and whose members
 *   (the year's or today's)
 */
char *
ls_scenario_text_bloc (const LsResult *result,
                       LsScenario     *scenario)
{
  LsDataset *dataset = ls_result_get_dataset (result);
  const char * const *alliances = ls_scenario_get_alliances (scenario);
  const char * const *added = ls_scenario_get_added (scenario);
  const char * const *removed = ls_scenario_get_removed (scenario);
  guint n = ls_result_get_n_members (result);
  g_autoptr(GString) text = g_string_new (NULL);

  if (n == 0)
    return g_strdup (_("No bloc"));

  for (guint i = 0; alliances != NULL && alliances[i] != NULL; i++)
    {
      int alliance = ls_dataset_lookup_alliance (dataset, alliances[i]);

      if (i > 0)
        /* Translators: between alliances, "MSP + FORGE" */
        g_string_append (text, _(" + "));
      g_string_append (text, alliance >= 0 ? ls_dataset_get_alliance_name (dataset, alliance) : alliances[i]);
    }

  for (guint i = 0; added != NULL && added[i] != NULL; i++)
    {
      int country = ls_dataset_lookup_country (dataset, added[i]);

      g_string_append_printf (text, "%s%s", text->len > 0 ? _(" + ") : "",
                              country >= 0 ? ls_dataset_get_country_name (dataset, country) : added[i]);
    }

  for (guint i = 0; removed != NULL && removed[i] != NULL; i++)
    {
      int country = ls_dataset_lookup_country (dataset, removed[i]);

      /* Translators: a country taken out of the bloc, " − Japan" */
      g_string_append_printf (text, _(" − %s"),
                              country >= 0 ? ls_dataset_get_country_name (dataset, country) : removed[i]);
    }

  if (ls_scenario_get_current_members (scenario) && alliances != NULL && alliances[0] != NULL)
    /* Translators: the bloc, "MSP (15 countries, today's members)" */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " (%u country, today's members)",
                                               " (%u countries, today's members)", n), n);
  else
    /* Translators: the bloc, "MSP (14 countries)" */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " (%u country)", " (%u countries)", n), n);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * ls_scenario_text_description:
 *
 * The scenario's own description, or, when its author wrote none, one
 * made from what it is: year, bloc and levers. Never a description that
 * no longer fits the levers: the caller drops a preset's description
 * once the scenario is edited (B1).
 *
 * Returns: (transfer full): the description
 */
char *
ls_scenario_text_description (LsScenario     *scenario,
                              const LsResult *result)
{
  const char *description = ls_scenario_get_description (scenario);
  g_autofree char *bloc = NULL;
  g_autofree char *levers = NULL;

  if (description != NULL && description[0] != '\0')
    return g_strdup (description);

  bloc = ls_scenario_text_bloc (result, scenario);
  levers = ls_scenario_text_levers (scenario, ls_result_get_dataset (result));

  /* Translators: a scenario described from its contents: "2024. Bloc:
   * MSP (14 countries). Levers: Magnets from China to the bloc cut by
   * 100 %." */
  return g_strdup_printf (_("%d. Bloc: %s. Levers: %s."), ls_result_get_year (result), bloc, levers);
}

/**
 * ls_scenario_text_title:
 * @modified: whether the scenario has unsaved changes
 *
 * Returns: (transfer full): the scenario's name, "Untitled Scenario" when
 *   it has none, marked when modified
 */
char *
ls_scenario_text_title (LsScenario *scenario,
                        gboolean    modified)
{
  const char *name = ls_scenario_get_name (scenario);

  if (name == NULL || name[0] == '\0')
    name = _("Untitled Scenario");

  if (modified)
    /* Translators: a scenario with unsaved changes, "• Baseline 2024" */
    return g_strdup_printf (_("• %s"), name);

  return g_strdup (name);
}

/**
 * ls_scenario_text_caption:
 *
 * Returns: (transfer full): the line every exported figure carries:
 *   scenario, year, bloc and every lever (M11)
 */
char *
ls_scenario_text_caption (LsScenario     *scenario,
                          const LsResult *result)
{
  g_autofree char *title = ls_scenario_text_title (scenario, FALSE);
  g_autofree char *bloc = ls_scenario_text_bloc (result, scenario);
  g_autofree char *levers = ls_scenario_text_levers (scenario, ls_result_get_dataset (result));

  /* Translators: the caption of an exported figure: "Scenario — 2024 —
   * Bloc: MSP (14 countries) — Levers: no levers" */
  return g_strdup_printf (_("%s — %d — Bloc: %s — Levers: %s"), title,
                          ls_result_get_year (result), bloc, levers);
}
