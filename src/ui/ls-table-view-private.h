/* ls-table-view-private.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ls-table-view.h"

G_BEGIN_DECLS

/**
 * LsTableColumn:
 *
 * The table's columns, left to right.
 */
typedef enum
{
  LS_TABLE_COLUMN_COUNTRY,
  LS_TABLE_COLUMN_OUTPUT,
  LS_TABLE_COLUMN_SHARE,
  LS_TABLE_COLUMN_TARGET,
  LS_TABLE_COLUMN_SHORTFALL,
  LS_TABLE_COLUMN_EVIDENCE,
  LS_TABLE_COLUMN_SOURCE,
  LS_TABLE_N_COLUMNS
} LsTableColumn;

/* For tests: what the table can show, whether or not it is on screen. */
char  **_ls_table_view_dup_texts          (LsTableView *self);
char   *_ls_table_view_dup_capacity_note  (LsTableView *self,
                                           guint        stage,
                                           const char  *iso3);

G_END_DECLS
