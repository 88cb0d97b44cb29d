/* ls-dataset.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ls-model-types.h"

G_BEGIN_DECLS

/**
 * LsGivenFlow:
 * @stage: index of the stage the material leaves
 * @from: index of the exporting country
 * @to: index of the importing country
 * @figure: the tonnage and its source
 * @resolved: %TRUE for a flow the baseline resolved from an import share
 *   (then @from may be the number of countries, "unknown")
 *
 * A bilateral flow published in a source, `E[s][i][j]` in DESIGN.md.
 */
typedef struct
{
  guint    stage;
  guint    from;
  guint    to;
  LsFigure figure;
  gboolean resolved;
} LsGivenFlow;

/**
 * LsShare:
 * @from: the exporting country, or the number of countries for the
 *   pseudo-supplier "unknown" ("other, not identified")
 * @share: the fraction of the importer's import need, with its range;
 *   its source, note and estimated flag are those of the entry
 */
typedef struct
{
  guint    from;
  LsFigure share;
} LsShare;

/**
 * LsImportShares:
 * @stage: index of the stage the material leaves
 * @to: index of the importing country
 * @basis: (nullable): what the source's shares measure, "value" or
 *   "tonnes"
 * @n_shares: the number of partners
 * @shares: (array length=n_shares): the partners' shares, S[s][i][j]
 *
 * The partner shares of an importer's intake, where a source gives no
 * tonnes (DESIGN.md "Import shares"); the baseline resolves them into
 * given flows before completing the rest.
 */
typedef struct
{
  guint       stage;
  guint       to;
  const char *basis;
  guint       n_shares;
  LsShare    *shares;
} LsImportShares;

#define LS_TYPE_DATASET (ls_dataset_get_type ())

G_DECLARE_FINAL_TYPE (LsDataset, ls_dataset, LS, DATASET, GObject)

LsDataset         *ls_dataset_new_from_bytes          (GBytes        *bytes,
                                                       const char    *filename,
                                                       GError       **error);
LsDataset         *ls_dataset_new_from_file           (GFile         *file,
                                                       GCancellable  *cancellable,
                                                       GError       **error);
LsDataset         *ls_dataset_new_default             (GError       **error);
LsDataset         *ls_dataset_dup_default             (GError       **error);
void               ls_dataset_preload_default         (void);
const char        *ls_dataset_get_filename            (LsDataset     *self);
const char        *ls_dataset_get_title               (LsDataset     *self);
const char        *ls_dataset_get_description         (LsDataset     *self);

guint              ls_dataset_get_n_stages            (LsDataset     *self);
int                ls_dataset_lookup_stage            (LsDataset     *self,
                                                       const char    *id);
const char        *ls_dataset_get_stage_id            (LsDataset     *self,
                                                       guint          stage);
const char        *ls_dataset_get_stage_name          (LsDataset     *self,
                                                       guint          stage);
const char        *ls_dataset_get_stage_unit          (LsDataset     *self,
                                                       guint          stage);
double             ls_dataset_get_stage_yield         (LsDataset     *self,
                                                       guint          stage);
const LsFigure    *ls_dataset_get_stage_yield_figure  (LsDataset     *self,
                                                       guint          stage);

guint              ls_dataset_get_n_countries         (LsDataset     *self);
int                ls_dataset_lookup_country          (LsDataset     *self,
                                                       const char    *iso3);
const char        *ls_dataset_get_country_id          (LsDataset     *self,
                                                       guint          country);
const char        *ls_dataset_get_country_name        (LsDataset     *self,
                                                       guint          country);
void               ls_dataset_get_country_label_point (LsDataset     *self,
                                                       guint          country,
                                                       double        *latitude,
                                                       double        *longitude);
int                ls_dataset_get_china               (LsDataset     *self);

guint              ls_dataset_get_n_alliances         (LsDataset     *self);
int                ls_dataset_lookup_alliance         (LsDataset     *self,
                                                       const char    *id);
const char        *ls_dataset_get_alliance_id         (LsDataset     *self,
                                                       guint          alliance);
const char        *ls_dataset_get_alliance_name       (LsDataset     *self,
                                                       guint          alliance);
const char        *ls_dataset_get_alliance_description (LsDataset    *self,
                                                       guint          alliance);
const char        *ls_dataset_get_alliance_source     (LsDataset     *self,
                                                       guint          alliance);
gboolean           ls_dataset_alliance_has_member     (LsDataset     *self,
                                                       guint          alliance,
                                                       guint          country);
const char        *ls_dataset_get_alliance_joined     (LsDataset     *self,
                                                       guint          alliance,
                                                       guint          country);
const char        *ls_dataset_get_alliance_left       (LsDataset     *self,
                                                       guint          alliance,
                                                       guint          country);
const char        *ls_dataset_get_alliance_member_source (LsDataset  *self,
                                                       guint          alliance,
                                                       guint          country);
const char        *ls_dataset_get_alliance_member_note (LsDataset    *self,
                                                       guint          alliance,
                                                       guint          country);
gboolean           ls_dataset_alliance_has_member_in_year (LsDataset *self,
                                                       guint          alliance,
                                                       guint          country,
                                                       int            year);
const char        *ls_dataset_get_alliance_founded    (LsDataset     *self,
                                                       guint          alliance);
gboolean           ls_dataset_get_alliance_provisional (LsDataset    *self,
                                                       guint          alliance);

guint              ls_dataset_get_n_sources           (LsDataset     *self);
int                ls_dataset_lookup_source           (LsDataset     *self,
                                                       const char    *id);
const char        *ls_dataset_get_source_id           (LsDataset     *self,
                                                       guint          source);
const char        *ls_dataset_get_source_title        (LsDataset     *self,
                                                       guint          source);
const char        *ls_dataset_get_source_detail       (LsDataset     *self,
                                                       guint          source);
const char        *ls_dataset_get_source_url          (LsDataset     *self,
                                                       guint          source);

const int         *ls_dataset_get_years               (LsDataset     *self,
                                                       guint         *n_years);
gboolean           ls_dataset_has_year                (LsDataset     *self,
                                                       int            year);
int                ls_dataset_get_default_year        (LsDataset     *self);
double             ls_dataset_get_production          (LsDataset     *self,
                                                       int            year,
                                                       guint          stage,
                                                       guint          country);
const LsFigure    *ls_dataset_get_production_figure   (LsDataset     *self,
                                                       int            year,
                                                       guint          stage,
                                                       guint          country);
guint              ls_dataset_get_n_given_flows       (LsDataset     *self,
                                                       int            year);
const LsGivenFlow *ls_dataset_get_given_flow          (LsDataset     *self,
                                                       int            year,
                                                       guint          index);
guint              ls_dataset_get_n_import_shares     (LsDataset     *self,
                                                       int            year);
const LsImportShares *ls_dataset_get_import_shares    (LsDataset     *self,
                                                       int            year,
                                                       guint          index);
const char        *ls_dataset_get_year_note           (LsDataset     *self,
                                                       int            year);

G_END_DECLS
