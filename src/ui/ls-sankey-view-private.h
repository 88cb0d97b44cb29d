/* ls-sankey-view-private.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ls-sankey-view.h"

G_BEGIN_DECLS

/* For tests: the figure as it is, without laying out a result that came
 * while the view was off screen (ls_sankey_view_get_figure() does). */
LsSankeyFigure *_ls_sankey_view_peek_figure (LsSankeyView *self);

/* For tests: whether the worker is still searching for a better order
 * of the figure shown (see "The exact order" in ls-sankey-view.c). */
gboolean        _ls_sankey_view_is_ordering (LsSankeyView *self);

G_END_DECLS
