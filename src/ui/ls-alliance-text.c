/* ls-alliance-text.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-alliance-text"

#include "config.h"

#include "ls-alliance-text.h"

#include <glib/gi18n.h>

/*
 * Alliances in words, as of the year shown (issue 9): when each was
 * founded and each member joined, whether its roster is provisional, and
 * why switching one on may change nothing (issue 16, m9).
 */

#define MAX_NAMED 4

/**
 * ls_alliance_text_date:
 * @iso_date: a date as the dataset gives it: "2022-06-14", "2022-06" or
 *   "2022"
 *
 * Returns: (transfer full): the date in the user's language, as precise
 *   as it is given
 */
char *
ls_alliance_text_date (const char *iso_date)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GDateTime) date = NULL;
  guint n;
  int year;
  int month = 1;
  int day = 1;

  g_return_val_if_fail (iso_date != NULL, NULL);

  parts = g_strsplit (iso_date, "-", 3);
  n = g_strv_length (parts);
  year = n > 0 ? (int) g_ascii_strtoll (parts[0], NULL, 10) : 0;
  if (n > 1)
    month = (int) g_ascii_strtoll (parts[1], NULL, 10);
  if (n > 2)
    day = (int) g_ascii_strtoll (parts[2], NULL, 10);

  date = g_date_time_new_utc (year, month, day, 0, 0, 0);
  if (date == NULL || n <= 1)
    return g_strdup_printf ("%d", year);

  if (n == 2)
    /* Translators: a month, strftime format: "June 2022" */
    return g_date_time_format (date, C_("month and year", "%B %Y"));

  /* Translators: a day, strftime format: "14 June 2022" */
  return g_date_time_format (date, C_("full date", "%-d %B %Y"));
}

static int
membership_year (LsDataset  *dataset,
                 LsScenario *scenario)
{
  return ls_scenario_get_membership_year (scenario, dataset);
}

static int
scenario_year (LsDataset  *dataset,
               LsScenario *scenario)
{
  int year = ls_scenario_get_year (scenario);

  return year != 0 ? year : ls_dataset_get_default_year (dataset);
}

/**
 * ls_alliance_count_members:
 * @membership_year: a year, or %G_MAXINT for today's members
 *
 * Returns: how many countries were members of @alliance in the year
 */
guint
ls_alliance_count_members (LsDataset *dataset,
                           guint      alliance,
                           int        membership_year)
{
  guint n = 0;

  for (guint c = 0; c < ls_dataset_get_n_countries (dataset); c++)
    n += ls_dataset_alliance_has_member_in_year (dataset, alliance, c, membership_year) ? 1 : 0;

  return n;
}

/**
 * ls_alliance_text_subtitle:
 *
 * Returns: (transfer full): the alliance's number of members as of the
 *   scenario's membership year (the year shown, or today), then on a
 *   second line its founding date, and "provisional roster" when its
 *   members are only those a source names: "14 members\nfounded June
 *   2022"
 */
char *
ls_alliance_text_subtitle (LsDataset  *dataset,
                           guint       alliance,
                           LsScenario *scenario)
{
  int year = membership_year (dataset, scenario);
  guint n = ls_alliance_count_members (dataset, alliance, year);
  const char *founded = ls_dataset_get_alliance_founded (dataset, alliance);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) detail = g_string_new (NULL);

  /* The year (or "today") is chosen just below, under "Members as of". */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members", n), n);

  if (founded != NULL)
    {
      g_autofree char *date = ls_alliance_text_date (founded);

      /* Translators: when an alliance was founded, "founded June 2022" */
      g_string_append_printf (detail, _("founded %s"), date);
    }

  if (ls_dataset_get_alliance_provisional (dataset, alliance))
    {
      if (detail->len > 0)
        /* Translators: between the details of an alliance */
        g_string_append (detail, _(" · "));
      /* Translators: an alliance whose members are only those a source
       * names, not a published list */
      g_string_append (detail, _("provisional roster"));
    }

  if (detail->len > 0)
    g_string_append_printf (text, "\n%s", detail->str);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * ls_alliance_text_empty_hint:
 *
 * Returns: (transfer full) (nullable): a hint when an alliance switched
 *   on had no members in the year shown, or %NULL
 */
char *
ls_alliance_text_empty_hint (LsDataset  *dataset,
                             LsScenario *scenario)
{
  const char * const *alliances = ls_scenario_get_alliances (scenario);
  int year = membership_year (dataset, scenario);
  g_autoptr(GString) text = NULL;

  if (year == G_MAXINT)
    return NULL;

  for (guint i = 0; alliances != NULL && alliances[i] != NULL; i++)
    {
      int alliance = ls_dataset_lookup_alliance (dataset, alliances[i]);
      const char *founded;
      g_autofree char *date = NULL;

      if (alliance < 0 || ls_alliance_count_members (dataset, alliance, year) > 0)
        continue;

      founded = ls_dataset_get_alliance_founded (dataset, alliance);
      date = founded != NULL ? ls_alliance_text_date (founded) : NULL;

      if (text == NULL)
        text = g_string_new (NULL);
      else
        g_string_append_c (text, '\n');

      if (date != NULL)
        /* Translators: "FORGE had no members yet in 2024 (founded 4
         * February 2026). Choose “Today” under “Members as of” …" */
        g_string_append_printf (text, _("%s had no members yet in %d (founded %s). Choose “Today” under "
                                        "“Members as of” to count today’s members on %d’s figures."),
                                ls_dataset_get_alliance_name (dataset, alliance), year, date, year);
      else
        g_string_append_printf (text, _("%s had no members in %d. Choose “Today” under “Members as of” "
                                        "to count today’s members on %d’s figures."),
                                ls_dataset_get_alliance_name (dataset, alliance), year, year);
    }

  return text != NULL ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/**
 * ls_alliance_text_memberships:
 *
 * Returns: (transfer full) (nullable): every alliance @country belongs
 *   to, with when it joined (and left), one per line; %NULL when none
 */
char *
ls_alliance_text_memberships (LsDataset *dataset,
                              guint      country)
{
  g_autoptr(GString) text = NULL;

  for (guint a = 0; a < ls_dataset_get_n_alliances (dataset); a++)
    {
      const char *joined;
      const char *left;

      if (!ls_dataset_alliance_has_member (dataset, a, country))
        continue;

      if (text == NULL)
        text = g_string_new (NULL);
      else
        g_string_append_c (text, '\n');

      joined = ls_dataset_get_alliance_joined (dataset, a, country);
      left = ls_dataset_get_alliance_left (dataset, a, country);
      if (joined == NULL)
        joined = ls_dataset_get_alliance_founded (dataset, a);

      if (joined != NULL && left != NULL)
        {
          g_autofree char *from = ls_alliance_text_date (joined);
          g_autofree char *to = ls_alliance_text_date (left);

          /* Translators: a past membership, "G7: 1975 to 2014" */
          g_string_append_printf (text, _("%s: %s to %s"), ls_dataset_get_alliance_name (dataset, a), from, to);
        }
      else if (joined != NULL)
        {
          g_autofree char *from = ls_alliance_text_date (joined);

          /* Translators: a membership, "Minerals Security Partnership: since 14 June 2022" */
          g_string_append_printf (text, _("%s: since %s"), ls_dataset_get_alliance_name (dataset, a), from);
        }
      else
        g_string_append (text, ls_dataset_get_alliance_name (dataset, a));
    }

  return text != NULL ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/**
 * ls_alliance_text_joins_later:
 *
 * Returns: (transfer full) (nullable): when @country is listed in an
 *   alliance switched on but joined after the year shown, "joins in
 *   2025"; else %NULL
 */
char *
ls_alliance_text_joins_later (LsDataset  *dataset,
                              guint       country,
                              LsScenario *scenario)
{
  const char * const *alliances = ls_scenario_get_alliances (scenario);
  int year = membership_year (dataset, scenario);

  if (year == G_MAXINT)
    return NULL;

  for (guint i = 0; alliances != NULL && alliances[i] != NULL; i++)
    {
      int alliance = ls_dataset_lookup_alliance (dataset, alliances[i]);
      const char *joined;

      if (alliance < 0 || !ls_dataset_alliance_has_member (dataset, alliance, country) ||
          ls_dataset_alliance_has_member_in_year (dataset, alliance, country, year))
        continue;

      joined = ls_dataset_get_alliance_joined (dataset, alliance, country);
      if (joined == NULL)
        joined = ls_dataset_get_alliance_founded (dataset, alliance);
      if (joined == NULL)
        continue;

      /* Translators: a country of an alliance switched on that joined it
       * after the year shown, "joins in 2025"; the row's tooltip names the
       * alliance */
      return g_strdup_printf (_("joins in %d"), (int) g_ascii_strtoll (joined, NULL, 10));
    }

  return NULL;
}

static char *
join_names (LsDataset *dataset,
            GArray    *countries)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < countries->len && i < MAX_NAMED; i++)
    {
      if (i > 0)
        /* Translators: between the countries of a list */
        g_string_append (text, _(", "));
      g_string_append (text, ls_dataset_get_country_name (dataset, g_array_index (countries, guint, i)));
    }

  if (countries->len > MAX_NAMED)
    /* Translators: after the first few countries of a longer list */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " and %u other", " and %u others",
                                               countries->len - MAX_NAMED),
                            countries->len - MAX_NAMED);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * ls_alliance_text_no_change:
 * @scenario: the scenario after @alliance was switched on or off
 * @enabled: whether it was switched on
 *
 * Why switching @alliance changed no member of the bloc (m9). Call it
 * only when the bloc is the same before and after.
 *
 * Returns: (transfer full): the reason, for a toast
 */
char *
ls_alliance_text_no_change (LsDataset  *dataset,
                            guint       alliance,
                            LsScenario *scenario,
                            gboolean    enabled)
{
  int year = membership_year (dataset, scenario);
  const char *name = ls_dataset_get_alliance_name (dataset, alliance);
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *names = NULL;

  for (guint c = 0; c < ls_dataset_get_n_countries (dataset); c++)
    if (ls_dataset_alliance_has_member_in_year (dataset, alliance, c, year))
      g_array_append_val (members, c);

  if (members->len == 0)
    {
      const char *founded = ls_dataset_get_alliance_founded (dataset, alliance);
      g_autofree char *date = founded != NULL ? ls_alliance_text_date (founded) : NULL;

      if (date != NULL)
        /* Translators: "FORGE had no members yet in 2024 (founded February 2026): the bloc is unchanged" */
        return g_strdup_printf (_("%s had no members yet in %d (founded %s): the bloc is unchanged"),
                                name, scenario_year (dataset, scenario), date);
      return g_strdup_printf (_("%s had no members in %d: the bloc is unchanged"),
                              name, scenario_year (dataset, scenario));
    }

  names = join_names (dataset, members);

  if (enabled)
    /* Translators: "FORGE adds no country: its members (United States, South Korea) are already in the bloc" */
    return g_strdup_printf (_("%s adds no country: its members (%s) are already in the bloc"), name, names);

  /* Translators: "Switching off FORGE removes no country: its members (…) are in the bloc through another alliance or by hand" */
  return g_strdup_printf (_("Switching off %s removes no country: its members (%s) are in the bloc "
                            "through another alliance or by hand"), name, names);
}
