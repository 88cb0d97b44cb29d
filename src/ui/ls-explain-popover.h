/* ls-explain-popover.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ls-explain.h"
#include "ls-palette.h"

G_BEGIN_DECLS

#define LS_TYPE_EXPLAIN_POPOVER (ls_explain_popover_get_type ())

G_DECLARE_FINAL_TYPE (LsExplainPopover, ls_explain_popover, LS, EXPLAIN_POPOVER, GtkPopover)

GtkWidget  *ls_explain_popover_new             (void);
void        ls_explain_popover_set_explanation (LsExplainPopover    *self,
                                                const LsExplanation *explanation,
                                                const LsRenderStyle *style);
const char *ls_explain_popover_get_text        (LsExplainPopover    *self);

G_END_DECLS
