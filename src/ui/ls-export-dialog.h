/* ls-export-dialog.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ls-export.h"

G_BEGIN_DECLS

#define LS_TYPE_EXPORT_DIALOG (ls_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LsExportDialog, ls_export_dialog, LS, EXPORT_DIALOG, AdwWindow)

LsExportDialog *ls_export_dialog_new             (GtkWindow             *parent,
                                                  LsResult              *result,
                                                  LsScenario            *scenario,
                                                  LsExportView           view,
                                                  const LsMapOptions    *map,
                                                  const LsRenderStyle   *style);
void            ls_export_dialog_get_options     (LsExportDialog        *self,
                                                  LsExportOptions       *options,
                                                  LsRenderStyle         *style);
char           *ls_export_dialog_dup_file_name_for_options (LsExportDialog *self);
void            ls_export_dialog_choose_file     (LsExportDialog        *self);
gboolean        ls_export_dialog_save            (LsExportDialog        *self,
                                                  GFile                 *file,
                                                  LsExportFormat         format,
                                                  GError               **error);

/* Shared with the table's CSV export. */
GFile          *ls_export_dialog_dup_folder      (GUserDirectory         directory);
void            ls_export_dialog_remember_folder (GFile                 *file);
char           *ls_export_dialog_dup_file_name   (LsScenario            *scenario,
                                                  const char            *what,
                                                  const char            *extension);
GFile          *ls_export_dialog_fix_extension   (GFile                 *file,
                                                  const char            *extension);

G_END_DECLS
