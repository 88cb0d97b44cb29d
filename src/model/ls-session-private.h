/* ls-session-private.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ls-session.h"

G_BEGIN_DECLS

/* For tests: the clock that decides whether edits coalesce (µs). */
typedef gint64 (*LsSessionClock) (gpointer user_data);

void _ls_session_set_clock (LsSession      *self,
                            LsSessionClock  clock,
                            gpointer        user_data);

/* For tests: whether an edit asked for the ranges while they are held
 * (ls_session_hold_insights()), so that no worker samples them yet. */
gboolean _ls_session_get_insights_held (LsSession *self);

G_END_DECLS
