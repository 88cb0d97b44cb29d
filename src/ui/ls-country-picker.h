/* ls-country-picker.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ls-dataset.h"

G_BEGIN_DECLS

#define LS_TYPE_COUNTRY_PICKER (ls_country_picker_get_type ())

G_DECLARE_FINAL_TYPE (LsCountryPicker, ls_country_picker, LS, COUNTRY_PICKER, GtkWidget)

GtkWidget  *ls_country_picker_new         (void);
void        ls_country_picker_set_dataset (LsCountryPicker *self,
                                           LsDataset       *dataset);
const char *ls_country_picker_get_country (LsCountryPicker *self);
void        ls_country_picker_set_country (LsCountryPicker *self,
                                           const char      *iso3);
void        ls_country_picker_set_search  (LsCountryPicker *self,
                                           const char      *text);
guint       ls_country_picker_get_n_shown (LsCountryPicker *self);
gboolean    ls_country_picker_choose_first (LsCountryPicker *self);

G_END_DECLS
