/* ls-country-search.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ls-dataset.h"

G_BEGIN_DECLS

/**
 * LsCountryMatch:
 * @LS_COUNTRY_MATCH_NONE: no country is meant
 * @LS_COUNTRY_MATCH_ONE: exactly one country is meant
 * @LS_COUNTRY_MATCH_SEVERAL: the text fits several countries
 */
typedef enum
{
  LS_COUNTRY_MATCH_NONE,
  LS_COUNTRY_MATCH_ONE,
  LS_COUNTRY_MATCH_SEVERAL,
} LsCountryMatch;

gboolean       ls_country_search_matches (LsDataset   *dataset,
                                          guint        country,
                                          const char  *query);
LsCountryMatch ls_country_search_resolve (LsDataset   *dataset,
                                          const char  *text,
                                          guint       *country,
                                          GPtrArray   *candidates);

G_END_DECLS
