/* ls-format.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LS_FORMAT_CHANGE_THRESHOLD:
 *
 * The smallest change of a share (as a fraction: 0.0005 is 0.05
 * percentage points) that counts as a rise or a fall: half the last digit
 * that ls_format_change() shows, so that an arrow never stands next to
 * "0.0".
 */
#define LS_FORMAT_CHANGE_THRESHOLD 0.0005

/**
 * LS_FORMAT_ROUND_TRIP:
 *
 * Pass as the decimals of ls_format_machine_number() for 17 significant
 * digits: the text reads back as the same double.
 */
#define LS_FORMAT_ROUND_TRIP (-1)

/**
 * LsChange:
 * @LS_CHANGE_NONE: within %LS_FORMAT_CHANGE_THRESHOLD of no change
 * @LS_CHANGE_RISE: a rise
 * @LS_CHANGE_FALL: a fall
 */
typedef enum
{
  LS_CHANGE_NONE,
  LS_CHANGE_RISE,
  LS_CHANGE_FALL,
} LsChange;

/* Human text: the user's locale (LC_NUMERIC) and the translations. */
char     *ls_format_number            (double      value,
                                       guint       decimals);
char     *ls_format_signed_number     (double      value,
                                       guint       decimals);
char     *ls_format_tonnes            (double      tonnes,
                                       const char *unit);
char     *ls_format_tonnes_compact    (double      tonnes);
char     *ls_format_percent           (double      fraction,
                                       guint       decimals);
LsChange  ls_format_get_change        (double      change);
char     *ls_format_change            (double      change);

/* Machine text (CSV): a "." decimal point and no grouping, whatever the
 * locale. */
char     *ls_format_machine_number    (double      value,
                                       int         decimals);
void      ls_format_csv_append_field  (GString    *line,
                                       const char *text);
void      ls_format_csv_append_number (GString    *line,
                                       double      value,
                                       int         decimals);

G_END_DECLS
