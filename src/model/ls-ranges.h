/* ls-ranges.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ls-result.h"

G_BEGIN_DECLS

/* Enough draws for a stable 5th–95th percentile at a tenth of a point,
 * few enough to run under a second on the shipped dataset. */
#define LS_RANGES_DEFAULT_SAMPLES 200

typedef struct _LsRanges LsRanges;

#define LS_TYPE_RANGES (ls_ranges_get_type ())

GType      ls_ranges_get_type        (void) G_GNUC_CONST;
LsRanges  *ls_ranges_new             (LsBaseline      *baseline,
                                      LsScenario      *scenario,
                                      guint            n_samples,
                                      GCancellable    *cancellable,
                                      GError         **error);
LsRanges  *ls_ranges_ref             (LsRanges        *self);
void       ls_ranges_unref           (LsRanges        *self);

guint      ls_ranges_get_n_samples   (const LsRanges  *self);
gboolean   ls_ranges_is_exact        (const LsRanges  *self);
gboolean   ls_ranges_get_dependency  (const LsRanges  *self,
                                      guint            stage,
                                      double          *low,
                                      double          *high);
void       ls_ranges_get_share       (const LsRanges  *self,
                                      guint            stage,
                                      guint            country,
                                      double          *low,
                                      double          *high);
void       ls_ranges_get_bloc_share  (const LsRanges  *self,
                                      guint            stage,
                                      double          *low,
                                      double          *high);
void       ls_ranges_get_china_share (const LsRanges  *self,
                                      guint            stage,
                                      double          *low,
                                      double          *high);
void       ls_ranges_get_rest_share  (const LsRanges  *self,
                                      guint            stage,
                                      double          *low,
                                      double          *high);
gboolean   ls_ranges_get_need_split  (const LsRanges  *self,
                                      guint            stage,
                                      LsNeedSplit     *low,
                                      LsNeedSplit     *high);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsRanges, ls_ranges_unref)

G_END_DECLS
