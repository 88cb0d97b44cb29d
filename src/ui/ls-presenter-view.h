/* ls-presenter-view.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ls-palette.h"
#include "ls-ranges.h"
#include "ls-result.h"

G_BEGIN_DECLS

#define LS_TYPE_PRESENTER_VIEW (ls_presenter_view_get_type ())

G_DECLARE_FINAL_TYPE (LsPresenterView, ls_presenter_view, LS, PRESENTER_VIEW, GtkWidget)

GtkWidget  *ls_presenter_view_new          (void);
void        ls_presenter_view_set_slide    (LsPresenterView *self,
                                            const char      *title,
                                            const char      *description,
                                            LsResult        *result,
                                            LsResult        *baseline,
                                            guint            index,
                                            guint            n_slides);
void        ls_presenter_view_set_ranges   (LsPresenterView *self,
                                            LsRanges        *ranges);
void        ls_presenter_view_set_render_style (LsPresenterView     *self,
                                                const LsRenderStyle *style);
const char *ls_presenter_view_get_title    (LsPresenterView *self);
const char *ls_presenter_view_get_headline (LsPresenterView *self);
GtkWidget  *ls_presenter_view_get_cards    (LsPresenterView *self);

G_END_DECLS
