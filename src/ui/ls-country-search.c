/* ls-country-search.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-country-search"

#include "config.h"

#include "ls-country-search.h"

#include <string.h>

/*
 * Finding a country the way people name it (issue 16, m1 and m2): any
 * part of its name ("Korea" finds South Korea), its ISO3 code, or a
 * common name the dataset does not use ("UK", "Burma"). Every country
 * picker and the restriction form use the same rules.
 */

/* Common names → ISO3. The dataset's names are in the user's language;
 * these are the English and Korean short forms people type anyway. */
static const struct
{
  const char *alias;
  const char *iso3;
} aliases[] = {
  { "US", "USA" },
  { "U.S.", "USA" },
  { "America", "USA" },
  { "United States of America", "USA" },
  { "UK", "GBR" },
  { "U.K.", "GBR" },
  { "Britain", "GBR" },
  { "Great Britain", "GBR" },
  { "England", "GBR" },
  { "Korea", "KOR" },
  { "Republic of Korea", "KOR" },
  { "ROK", "KOR" },
  { "Burma", "MMR" },
  { "Holland", "NLD" },
  { "Czech Republic", "CZE" },
  { "Viet Nam", "VNM" },
  { "Lao PDR", "LAO" },
  { "UAE", "ARE" },
  { "PRC", "CHN" },
  { "한국", "KOR" },
  { "미국", "USA" },
  { "영국", "GBR" },
};

static char *
fold (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normalized != NULL ? normalized : text, -1);
}

static gboolean
alias_is (const char *alias,
          const char *folded_query,
          gboolean    prefix)
{
  g_autofree char *folded = fold (alias);

  return prefix ? g_str_has_prefix (folded, folded_query) : g_str_equal (folded, folded_query);
}

/**
 * ls_country_search_matches:
 * @query: what the user typed; empty matches every country
 *
 * Returns: %TRUE when @query is part of the country's name, the start of
 *   its ISO3 code, or the start of one of its common names
 */
gboolean
ls_country_search_matches (LsDataset  *dataset,
                           guint       country,
                           const char *query)
{
  g_autofree char *needle = NULL;
  g_autofree char *name = NULL;
  g_autofree char *code = NULL;
  const char *iso3;

  g_return_val_if_fail (LS_IS_DATASET (dataset), FALSE);

  if (query == NULL)
    return TRUE;

  while (g_ascii_isspace (*query))
    query++;
  if (*query == '\0')
    return TRUE;

  needle = fold (query);
  g_strchomp (needle);
  name = fold (ls_dataset_get_country_name (dataset, country));
  iso3 = ls_dataset_get_country_id (dataset, country);
  code = fold (iso3);

  if (strstr (name, needle) != NULL || g_str_has_prefix (code, needle))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (aliases[i].iso3, iso3) && alias_is (aliases[i].alias, needle, TRUE))
      return TRUE;

  return FALSE;
}

/**
 * ls_country_search_resolve:
 * @text: a country as the user typed it
 * @country: (out) (optional): the country, when exactly one is meant
 * @candidates: (element-type utf8) (optional): filled with the names of
 *   the countries @text fits, when it fits several
 *
 * Which country @text names: its ISO3 code, its full name or a common
 * name first; else the one country whose name contains @text.
 *
 * Returns: whether @text names none, one or several countries
 */
LsCountryMatch
ls_country_search_resolve (LsDataset  *dataset,
                           const char *text,
                           guint      *country,
                           GPtrArray  *candidates)
{
  g_autofree char *needle = NULL;
  guint n_countries;
  guint found = 0;
  guint n_found = 0;

  g_return_val_if_fail (LS_IS_DATASET (dataset), LS_COUNTRY_MATCH_NONE);
  g_return_val_if_fail (text != NULL, LS_COUNTRY_MATCH_NONE);

  needle = fold (text);
  g_strstrip (needle);
  if (needle[0] == '\0')
    return LS_COUNTRY_MATCH_NONE;

  n_countries = ls_dataset_get_n_countries (dataset);

  /* Exact names and codes win over parts of names: "Guinea" is Guinea,
   * not also Papua New Guinea. */
  for (guint c = 0; c < n_countries; c++)
    {
      g_autofree char *name = fold (ls_dataset_get_country_name (dataset, c));
      g_autofree char *code = fold (ls_dataset_get_country_id (dataset, c));

      if (g_str_equal (name, needle) || g_str_equal (code, needle))
        {
          if (country != NULL)
            *country = c;
          return LS_COUNTRY_MATCH_ONE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (alias_is (aliases[i].alias, needle, FALSE))
      {
        int c = ls_dataset_lookup_country (dataset, aliases[i].iso3);

        if (c >= 0)
          {
            if (country != NULL)
              *country = c;
            return LS_COUNTRY_MATCH_ONE;
          }
      }

  for (guint c = 0; c < n_countries; c++)
    {
      g_autofree char *name = fold (ls_dataset_get_country_name (dataset, c));

      if (strstr (name, needle) == NULL)
        continue;

      found = c;
      n_found++;
      if (candidates != NULL)
        g_ptr_array_add (candidates, g_strdup (ls_dataset_get_country_name (dataset, c)));
    }

  if (n_found == 1)
    {
      if (country != NULL)
        *country = found;
      if (candidates != NULL)
        g_ptr_array_set_size (candidates, 0);
      return LS_COUNTRY_MATCH_ONE;
    }

  return n_found > 1 ? LS_COUNTRY_MATCH_SEVERAL : LS_COUNTRY_MATCH_NONE;
}
