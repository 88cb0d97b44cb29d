/* ls-scenario.h
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
 * LsPartyKind:
 * @LS_PARTY_COUNTRIES: an explicit list of countries
 * @LS_PARTY_BLOC: every member of the focus bloc
 * @LS_PARTY_NON_BLOC: every country outside the focus bloc
 *
 * Who a restriction applies to, on either side.
 */
typedef enum
{
  LS_PARTY_COUNTRIES,
  LS_PARTY_BLOC,
  LS_PARTY_NON_BLOC,
} LsPartyKind;

/**
 * LsParty:
 * @kind: what the party is
 * @countries: (nullable): ISO3 codes when @kind is %LS_PARTY_COUNTRIES
 */
typedef struct
{
  LsPartyKind   kind;
  char        **countries;
} LsParty;

/**
 * LsRestriction:
 * @stage: id of the stage whose output is restricted (the stage the
 *   material leaves)
 * @from: the exporters X
 * @to: the importers Z
 * @fraction: f in [0, 1], the share of each flow X → Z withheld
 *
 * An export restriction (DESIGN.md "A scenario").
 */
typedef struct
{
  char    *stage;
  LsParty  from;
  LsParty  to;
  double   fraction;
} LsRestriction;

/**
 * LsCapacityChange:
 * @stage: id of the stage
 * @country: ISO3 code
 * @delta: change of output, t (may be negative)
 * @note: (nullable): where the change comes from (a plant, a source)
 */
typedef struct
{
  char   *stage;
  char   *country;
  double  delta;
  char   *note;
} LsCapacityChange;

/**
 * LsPin:
 * @stage: id of the stage (the Sankey column)
 * @node: id of the node: an ISO3 code, "unknown" or a pseudo-node id
 * @position: its place in the column, 0 at the top
 *
 * A node of the Sankey the user put in place (issue 11).
 */
typedef struct
{
  char  *stage;
  char  *node;
  guint  position;
} LsPin;

void                    ls_pin_free                        (LsPin                   *self);

/**
 * LsMembership:
 * @LS_MEMBERSHIP_DEFAULT: member when one of its alliances is chosen
 * @LS_MEMBERSHIP_ADDED: in the bloc whatever the alliances
 * @LS_MEMBERSHIP_REMOVED: out of the bloc whatever the alliances
 */
typedef enum
{
  LS_MEMBERSHIP_DEFAULT,
  LS_MEMBERSHIP_ADDED,
  LS_MEMBERSHIP_REMOVED,
} LsMembership;

gboolean                ls_party_parse                     (const char              *text,
                                                            LsParty                 *party);
char                   *ls_party_to_string                 (const LsParty           *party);
void                    ls_party_clear                     (LsParty                 *party);

LsRestriction          *ls_restriction_new                 (const char              *stage,
                                                            const LsParty           *from,
                                                            const LsParty           *to,
                                                            double                   fraction);
LsRestriction          *ls_restriction_copy                (const LsRestriction     *self);
gboolean                ls_restriction_equal               (const LsRestriction     *a,
                                                            const LsRestriction     *b);
void                    ls_restriction_free                (LsRestriction           *self);

LsCapacityChange       *ls_capacity_change_new             (const char              *stage,
                                                            const char              *country,
                                                            double                   delta,
                                                            const char              *note);
LsCapacityChange       *ls_capacity_change_copy            (const LsCapacityChange  *self);
void                    ls_capacity_change_free            (LsCapacityChange        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsRestriction, ls_restriction_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsCapacityChange, ls_capacity_change_free)

#define LS_TYPE_SCENARIO (ls_scenario_get_type ())

G_DECLARE_FINAL_TYPE (LsScenario, ls_scenario, LS, SCENARIO, GObject)

LsScenario             *ls_scenario_new                    (void);
LsScenario             *ls_scenario_new_from_bytes         (GBytes                  *bytes,
                                                            const char              *filename,
                                                            GError                 **error);
LsScenario             *ls_scenario_new_from_file          (GFile                   *file,
                                                            GCancellable            *cancellable,
                                                            GError                 **error);
LsScenario             *ls_scenario_copy                   (LsScenario              *self);
gboolean                ls_scenario_equal                  (LsScenario              *a,
                                                            LsScenario              *b);
void                    ls_scenario_assign                 (LsScenario              *self,
                                                            LsScenario              *other);
char                   *ls_scenario_to_data                (LsScenario              *self,
                                                            gsize                   *length);
gboolean                ls_scenario_save_to_file           (LsScenario              *self,
                                                            GFile                   *file,
                                                            GCancellable            *cancellable,
                                                            GError                 **error);
gboolean                ls_scenario_validate               (LsScenario              *self,
                                                            LsDataset               *dataset,
                                                            GError                 **error);
gboolean                ls_scenario_has_levers             (LsScenario              *self);

const char             *ls_scenario_get_name               (LsScenario              *self);
void                    ls_scenario_set_name               (LsScenario              *self,
                                                            const char              *name);
const char             *ls_scenario_get_description        (LsScenario              *self);
void                    ls_scenario_set_description        (LsScenario              *self,
                                                            const char              *description);
int                     ls_scenario_get_year               (LsScenario              *self);
void                    ls_scenario_set_year               (LsScenario              *self,
                                                            int                      year);
double                  ls_scenario_get_friend_shoring     (LsScenario              *self);
void                    ls_scenario_set_friend_shoring     (LsScenario              *self,
                                                            double                   strength);

gboolean                ls_scenario_get_current_members    (LsScenario              *self);
void                    ls_scenario_set_current_members    (LsScenario              *self,
                                                            gboolean                 current_members);
int                     ls_scenario_get_membership_year    (LsScenario              *self,
                                                            LsDataset               *dataset);
const char * const     *ls_scenario_get_alliances          (LsScenario              *self);
gboolean                ls_scenario_has_alliance           (LsScenario              *self,
                                                            const char              *alliance);
void                    ls_scenario_set_alliance           (LsScenario              *self,
                                                            const char              *alliance,
                                                            gboolean                 enabled);
LsMembership            ls_scenario_get_membership         (LsScenario              *self,
                                                            const char              *country);
void                    ls_scenario_set_membership         (LsScenario              *self,
                                                            const char              *country,
                                                            LsMembership             membership);
const char * const     *ls_scenario_get_added              (LsScenario              *self);
const char * const     *ls_scenario_get_removed            (LsScenario              *self);
gboolean                ls_scenario_compute_bloc           (LsScenario              *self,
                                                            LsDataset               *dataset,
                                                            gboolean                *members,
                                                            GError                 **error);
void                    ls_scenario_toggle_member          (LsScenario              *self,
                                                            LsDataset               *dataset,
                                                            const char              *country);

guint                   ls_scenario_get_n_capacity_changes (LsScenario              *self);
const LsCapacityChange *ls_scenario_get_capacity_change    (LsScenario              *self,
                                                            guint                    index);
void                    ls_scenario_add_capacity_change    (LsScenario              *self,
                                                            const LsCapacityChange  *change);
void                    ls_scenario_remove_capacity_change (LsScenario              *self,
                                                            guint                    index);

guint                   ls_scenario_get_n_restrictions     (LsScenario              *self);
const LsRestriction    *ls_scenario_get_restriction        (LsScenario              *self,
                                                            guint                    index);
void                    ls_scenario_add_restriction        (LsScenario              *self,
                                                            const LsRestriction     *restriction);
void                    ls_scenario_remove_restriction     (LsScenario              *self,
                                                            guint                    index);

guint                   ls_scenario_get_n_pins             (LsScenario              *self);
const LsPin            *ls_scenario_get_pin                (LsScenario              *self,
                                                            guint                    index);
gboolean                ls_scenario_lookup_pin             (LsScenario              *self,
                                                            const char              *stage,
                                                            const char              *node,
                                                            guint                   *position);
void                    ls_scenario_set_pin                (LsScenario              *self,
                                                            const char              *stage,
                                                            const char              *node,
                                                            guint                    position);
void                    ls_scenario_remove_pin             (LsScenario              *self,
                                                            const char              *stage,
                                                            const char              *node);

G_END_DECLS
