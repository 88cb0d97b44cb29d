/* ls-ranges-private.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ls-ranges.h"

G_BEGIN_DECLS

/* Called with the result of one draw (@sample counts from 0). */
typedef void (*LsSampleFunc) (LsResult *result,
                              guint     sample,
                              gpointer  user_data);

gboolean _ls_ranges_sample     (LsBaseline    *baseline,
                                LsScenario    *scenario,
                                guint          n_samples,
                                GCancellable  *cancellable,
                                LsSampleFunc   func,
                                gpointer       user_data,
                                GError       **error);
void     _ls_ranges_percentiles (double       *values,
                                 guint         n_values,
                                 double        point,
                                 double       *low,
                                 double       *high);

G_END_DECLS
