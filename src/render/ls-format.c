/* ls-format.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-format"

#include "config.h"

#include "ls-format.h"

#include <glib/gi18n-lib.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <string.h>

/* Every number Lodestone shows or writes is formatted here, so that the
 * app, its figures and lodestone-cli agree. Two kinds:
 *
 * - human text (labels, tooltips, figures) follows the user's locale:
 *   LC_NUMERIC's decimal point and digit grouping (270,000 / 270.000 /
 *   270 000) and the translation of the unit ("%.1f %%");
 * - machine text (CSV; JSON goes through json-glib, which is
 *   locale-proof) always has a "." decimal point and no grouping, so that
 *   a decimal comma never splits a value into two columns. */

/* Big enough for "%.0f" of any double (309 digits) and a sign. */
#define NUMBER_BUFFER_SIZE 320

/* The locale's digit-group separator, or "" when it groups no digits.
 * Spaces become U+00A0 so that a number never wraps across lines; that
 * includes U+202F, which Cantarell lacks and the fallback draws as
 * nothing. */
static const char *
group_separator (void)
{
  const struct lconv *conv = localeconv ();
  const char *separator = conv->thousands_sep;

  if (separator == NULL || conv->grouping == NULL ||
      conv->grouping[0] <= 0 || conv->grouping[0] == CHAR_MAX)
    return "";
  if (g_str_equal (separator, " ") || g_str_equal (separator, "\u202f"))
    return "\u00a0";

  return separator;
}

/* @digits: ASCII "-1234.5", as g_ascii_formatd() writes it. Appends it
 * to @out with the locale's decimal point and grouping (localeconv(3):
 * each byte of `grouping` is the size of the next group to the left; the
 * last one repeats, and CHAR_MAX ends the grouping). */
static void
append_localized (GString    *out,
                  const char *digits)
{
  const struct lconv *conv = localeconv ();
  const char *separator = group_separator ();
  const char *grouping = conv->grouping;
  const char *point = conv->decimal_point != NULL && conv->decimal_point[0] != '\0' ? conv->decimal_point : ".";
  const char *integer = digits;
  const char *fraction;
  gsize length;
  g_autofree gboolean *group_before = NULL;

  if (*integer == '-')
    {
      g_string_append_c (out, '-');
      integer++;
    }

  fraction = strchr (integer, '.');
  length = fraction != NULL ? (gsize) (fraction - integer) : strlen (integer);

  /* Mark, counting from the right, the digits a separator goes before. */
  group_before = g_new0 (gboolean, length + 1);
  if (separator[0] != '\0')
    {
      gsize position = length;
      const char *g = grouping;
      int size = *g;

      while (size > 0 && size != CHAR_MAX && position > (gsize) size)
        {
          position -= size;
          group_before[position] = TRUE;
          if (g[1] != '\0')
            size = *++g;
        }
    }

  for (gsize i = 0; i < length; i++)
    {
      if (group_before[i])
        g_string_append (out, separator);
      g_string_append_c (out, integer[i]);
    }

  if (fraction != NULL)
    {
      g_string_append (out, point);
      g_string_append (out, fraction + 1);
    }
}

/* "%.Nf" of @value into @buffer, with a "." whatever the locale; no "-"
 * when the value rounds to zero. */
static const char *
format_fixed (char   *buffer,
              double  value,
              guint   decimals)
{
  char format[16];

  g_snprintf (format, sizeof format, "%%.%uf", MIN (decimals, 17u));
  g_ascii_formatd (buffer, NUMBER_BUFFER_SIZE, format, value);

  if (buffer[0] == '-' && strspn (buffer + 1, "0.") == strlen (buffer + 1))
    return buffer + 1;

  return buffer;
}

/**
 * ls_format_number:
 * @value: a number
 * @decimals: digits after the decimal point
 *
 * Returns: (transfer full): @value in the user's locale, its digits
 *   grouped: "270,000" (en, ko), "270.000" (de), "270 000" (fr, with a
 *   no-break space); no grouping in the C locale
 */
char *
ls_format_number (double value,
                  guint  decimals)
{
  char buffer[NUMBER_BUFFER_SIZE];
  GString *out = g_string_new (NULL);

  if (!isfinite (value))
    /* Translators: a number that cannot be shown (not finite) */
    return g_strdup (_("—"));

  append_localized (out, format_fixed (buffer, value, decimals));

  return g_string_free (out, FALSE);
}

/**
 * ls_format_signed_number:
 * @value: a change
 * @decimals: digits after the decimal point
 *
 * Returns: (transfer full): @value as ls_format_number() writes it, with
 *   a "+" before a rise and a "-" before a fall; "0" when it rounds to
 *   zero
 */
char *
ls_format_signed_number (double value,
                         guint  decimals)
{
  char buffer[NUMBER_BUFFER_SIZE];
  const char *digits;
  GString *out;

  if (!isfinite (value))
    return ls_format_number (value, decimals);

  digits = format_fixed (buffer, value, decimals);
  out = g_string_new (NULL);
  if (digits[0] != '-' && strspn (digits, "0.") != strlen (digits))
    g_string_append_c (out, '+');
  append_localized (out, digits);

  return g_string_free (out, FALSE);
}

/**
 * ls_format_tonnes:
 * @tonnes: an amount
 * @unit: (nullable): its unit, e.g. "t REO"; %NULL for "t"
 *
 * Returns: (transfer full): "43,000 t REO": whole tonnes grouped as
 *   ls_format_number() does, a no-break space, the unit
 */
char *
ls_format_tonnes (double      tonnes,
                  const char *unit)
{
  g_autofree char *number = ls_format_number (round (tonnes), 0);

  return g_strconcat (number, "\u00a0", unit != NULL ? unit : "t", NULL);
}

/**
 * ls_format_tonnes_compact:
 * @tonnes: an amount in tonnes
 *
 * The short form of the Sankey figure's labels, where the unit stands in
 * the column header.
 *
 * Returns: (transfer full): "1.2 Mt", "43 kt", "4.5 kt", "120 t", "<1 t"
 *   or "0 t"
 */
char *
ls_format_tonnes_compact (double tonnes)
{
  if (tonnes >= 999500)
    {
      /* Grouped, so that a billion tonnes is "1,000 Mt", not "1e+03 Mt". */
      double mt = tonnes / 1e6;
      g_autofree char *number = ls_format_number (mt, mt < 9.95 ? 1 : 0);

      /* Translators: megatonnes, "1.2 Mt" */
      return g_strdup_printf (_("%s Mt"), number);
    }
  if (tonnes >= 9950)
    return g_strdup_printf (_("%.0f kt"), tonnes / 1e3);
  if (tonnes >= 999.5)
    return g_strdup_printf (_("%.1f kt"), tonnes / 1e3);
  if (tonnes >= 0.5)
    return g_strdup_printf (_("%.0f t"), tonnes);
  if (tonnes > 0)
    return g_strdup (_("<1 t"));
  return g_strdup (_("0 t"));
}

static char *
format_percent_value (double percent,
                      guint  decimals)
{
  if (decimals == 0)
    /* Translators: a percentage; keep the %% */
    return g_strdup_printf (_("%.0f %%"), percent);
  /* Translators: a percentage; keep the %% */
  return g_strdup_printf (_("%.1f %%"), percent);
}

/**
 * ls_format_percent:
 * @fraction: a share, 0.687 for 68.7 %
 * @decimals: 0 or 1 (more count as 1)
 *
 * Returns: (transfer full): "68.7 %" as translated, with the locale's
 *   decimal point; "<0.1 %" (or "<1 %") for a share above zero too small
 *   to show
 */
char *
ls_format_percent (double fraction,
                   guint  decimals)
{
  double percent = 100.0 * fraction;
  double smallest = decimals == 0 ? 1.0 : 0.1;

  decimals = MIN (decimals, 1u);

  if (percent > 0.0 && percent < smallest)
    {
      g_autofree char *shown = format_percent_value (smallest, decimals);

      /* Translators: a share below the smallest one shown, e.g. "<0.1 %" */
      return g_strdup_printf (_("<%s"), shown);
    }

  /* No "-0.0 %" for a rounding error below zero. */
  if (percent < 0.0 && percent > -smallest / 2)
    percent = 0.0;

  return format_percent_value (percent, decimals);
}

/**
 * ls_format_get_change:
 * @change: the change of a share, as a fraction
 *
 * The one threshold of the up and down arrows, for every view that shows
 * them.
 *
 * Returns: whether @change is a rise, a fall or no change
 */
LsChange
ls_format_get_change (double change)
{
  if (change >= LS_FORMAT_CHANGE_THRESHOLD)
    return LS_CHANGE_RISE;
  if (change <= -LS_FORMAT_CHANGE_THRESHOLD)
    return LS_CHANGE_FALL;
  return LS_CHANGE_NONE;
}

/**
 * ls_format_change:
 * @change: the change of a share, as a fraction (0.12 = 12 points)
 *
 * Returns: (transfer full): "▲ 12.0 pts", "▼ 3.4 pts" or "± 0 pts", as
 *   ls_format_get_change() classes @change
 */
char *
ls_format_change (double change)
{
  double points = 100.0 * change;

  switch (ls_format_get_change (change))
    {
    case LS_CHANGE_RISE:
      /* Translators: a rise in percentage points */
      return g_strdup_printf (_("▲ %.1f pts"), points);
    case LS_CHANGE_FALL:
      /* Translators: a fall in percentage points */
      return g_strdup_printf (_("▼ %.1f pts"), -points);
    case LS_CHANGE_NONE:
    default:
      /* Translators: no change, in percentage points */
      return g_strdup (_("± 0 pts"));
    }
}

/**
 * ls_format_machine_number:
 * @value: a number
 * @decimals: digits after the decimal point, or %LS_FORMAT_ROUND_TRIP
 *
 * Returns: (transfer full): @value with a "." decimal point and no digit
 *   grouping, whatever the locale: "0.68700000000000006" (round trip) or
 *   "0.687000" (6 decimals)
 */
char *
ls_format_machine_number (double value,
                          int    decimals)
{
  char buffer[NUMBER_BUFFER_SIZE];
  char format[16];

  if (decimals < 0)
    g_strlcpy (format, "%.17g", sizeof format);
  else
    g_snprintf (format, sizeof format, "%%.%df", MIN (decimals, 17));

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value));
}

static gboolean
csv_needs_quotes (const char *text)
{
  return strpbrk (text, ",\"\r\n") != NULL;
}

/**
 * ls_format_csv_append_field:
 * @line: a CSV text being written
 * @text: (nullable): the next field; %NULL for an empty one
 *
 * Appends @text to @line as one CSV field (RFC 4180): quoted, with its
 * quotes doubled, when it holds a comma, a quote or a line break; as it is
 * otherwise. A comma goes before it unless @line is empty or ends a line
 * (where an empty field is written "").
 */
void
ls_format_csv_append_field (GString    *line,
                            const char *text)
{
  gboolean first;

  g_return_if_fail (line != NULL);

  first = line->len == 0 || line->str[line->len - 1] == '\n';
  if (!first)
    g_string_append_c (line, ',');

  if (text == NULL || text[0] == '\0')
    {
      /* Written as "" at the start of a line, where nothing would show
       * that the field is there and the next one would take its place. */
      if (first)
        g_string_append (line, "\"\"");
      return;
    }

  if (!csv_needs_quotes (text))
    {
      g_string_append (line, text);
      return;
    }

  g_string_append_c (line, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

/**
 * ls_format_csv_append_number:
 * @line: a CSV text being written
 * @value: the next field's number
 * @decimals: as ls_format_machine_number() takes them
 *
 * Appends @value as ls_format_machine_number() writes it, as the next
 * field of @line.
 */
void
ls_format_csv_append_number (GString *line,
                             double   value,
                             int      decimals)
{
  g_autofree char *text = ls_format_machine_number (value, decimals);

  ls_format_csv_append_field (line, text);
}
