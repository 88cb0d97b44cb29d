/* test-format.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>

#include "ls-format.h"
#include "ls-test-locale.h"

/* Runs under @name for the rest of the test; the test's fixture-less
 * cases each set the locale they need first. */
static gboolean
use_locale (const char *name)
{
  if (!ls_test_require_locale (name))
    return FALSE;

  g_assert_nonnull (setlocale (LC_ALL, name));
  return TRUE;
}

static void
assert_formatted (char       *text,
                  const char *expected)
{
  g_assert_cmpstr (text, ==, expected);
  g_free (text);
}

/* The C locale groups no digits and has a "." point. */
static void
test_number_c (void)
{
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));

  assert_formatted (ls_format_number (270000, 0), "270000");
  assert_formatted (ls_format_number (1234.56, 1), "1234.6");
  assert_formatted (ls_format_number (-0.2, 0), "0");
  assert_formatted (ls_format_tonnes (43000, "t REO"), "43000\u00a0t REO");
  assert_formatted (ls_format_tonnes (12.4, NULL), "12\u00a0t");
  assert_formatted (ls_format_signed_number (1400, 0), "+1400");
  assert_formatted (ls_format_signed_number (-250.4, 0), "-250");
  assert_formatted (ls_format_signed_number (0.3, 0), "0");
  assert_formatted (ls_format_signed_number (-0.3, 0), "0");
}

/* ko_KR as en_US: "," groups of three, "." point. */
static void
test_number_korean (void)
{
  if (!use_locale ("ko_KR.UTF-8"))
    return;

  assert_formatted (ls_format_number (270000, 0), "270,000");
  assert_formatted (ls_format_number (1234567.25, 1), "1,234,567.2");
  assert_formatted (ls_format_number (999, 0), "999");
  assert_formatted (ls_format_number (-12345, 0), "-12,345");
  assert_formatted (ls_format_tonnes (20000, "t REO"), "20,000\u00a0t REO");
  assert_formatted (ls_format_signed_number (-1400, 0), "-1,400");
  assert_formatted (ls_format_signed_number (1400, 0), "+1,400");

  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
}

/* de_DE: "." groups, "," point, in human text only. */
static void
test_number_german (void)
{
  if (!use_locale ("de_DE.UTF-8"))
    return;

  assert_formatted (ls_format_number (270000, 0), "270.000");
  assert_formatted (ls_format_number (1234.5, 1), "1.234,5");
  assert_formatted (ls_format_percent (0.687, 1), "68,7 %");
  assert_formatted (ls_format_tonnes_compact (4500), "4,5 kt");

  /* Machine text keeps its point and groups nothing. */
  assert_formatted (ls_format_machine_number (0.6872852233676976, LS_FORMAT_ROUND_TRIP), "0.6872852233676976");
  assert_formatted (ls_format_machine_number (270000.5, 3), "270000.500");
  assert_formatted (ls_format_machine_number (0.25, 6), "0.250000");
  {
    g_autoptr(GString) line = g_string_new ("share");

    ls_format_csv_append_number (line, 0.687, 3);
    ls_format_csv_append_number (line, 1234.5, LS_FORMAT_ROUND_TRIP);
    g_assert_cmpstr (line->str, ==, "share,0.687,1234.5");
  }

  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
}

static void
test_percent (void)
{
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));

  assert_formatted (ls_format_percent (0.687, 1), "68.7 %");
  assert_formatted (ls_format_percent (0.687, 0), "69 %");
  assert_formatted (ls_format_percent (1.0, 0), "100 %");
  assert_formatted (ls_format_percent (0.0, 1), "0.0 %");
  /* Above zero but too small to show: not "0.0 %". */
  assert_formatted (ls_format_percent (0.0004, 1), "<0.1 %");
  assert_formatted (ls_format_percent (0.004, 0), "<1 %");
  /* A rounding error below zero is no "-0.0 %". */
  assert_formatted (ls_format_percent (-1e-12, 1), "0.0 %");
}

static void
test_tonnes_compact (void)
{
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));

  assert_formatted (ls_format_tonnes_compact (1.2e6), "1.2 Mt");
  assert_formatted (ls_format_tonnes_compact (12.4e6), "12 Mt");
  /* Never an exponent, even at the 1e9 t bound (C groups no digits). */
  assert_formatted (ls_format_tonnes_compact (1e9), "1000 Mt");
  assert_formatted (ls_format_tonnes_compact (43000), "43 kt");
  assert_formatted (ls_format_tonnes_compact (4500), "4.5 kt");
  assert_formatted (ls_format_tonnes_compact (120), "120 t");
  assert_formatted (ls_format_tonnes_compact (0.2), "<1 t");
  assert_formatted (ls_format_tonnes_compact (0), "0 t");
}

/* One threshold for the arrows: the class a view gives a change and the
 * text it shows always agree. */
static void
test_change (void)
{
  const double changes[] = { 0.12, 0.034, 0.0006, 0.0005, 0.00049, 0.0, -0.00049, -0.0005, -0.2 };

  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));

  assert_formatted (ls_format_change (0.12), "▲ 12.0 pts");
  assert_formatted (ls_format_change (-0.034), "▼ 3.4 pts");
  assert_formatted (ls_format_change (0.0001), "± 0 pts");

  g_assert_cmpint (ls_format_get_change (LS_FORMAT_CHANGE_THRESHOLD), ==, LS_CHANGE_RISE);
  g_assert_cmpint (ls_format_get_change (-LS_FORMAT_CHANGE_THRESHOLD), ==, LS_CHANGE_FALL);
  g_assert_cmpint (ls_format_get_change (LS_FORMAT_CHANGE_THRESHOLD / 2), ==, LS_CHANGE_NONE);

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autofree char *text = ls_format_change (changes[i]);

      switch (ls_format_get_change (changes[i]))
        {
        case LS_CHANGE_RISE:
          g_assert_true (g_str_has_prefix (text, "▲"));
          g_assert_false (g_str_has_suffix (text, " 0.0 pts"));
          break;
        case LS_CHANGE_FALL:
          g_assert_true (g_str_has_prefix (text, "▼"));
          g_assert_false (g_str_has_suffix (text, " 0.0 pts"));
          break;
        case LS_CHANGE_NONE:
        default:
          g_assert_cmpstr (text, ==, "± 0 pts");
          break;
        }
    }
}

static void
test_csv (void)
{
  g_autoptr(GString) line = g_string_new (NULL);

  ls_format_csv_append_field (line, "plain");
  ls_format_csv_append_field (line, "Korea, Republic of");
  ls_format_csv_append_field (line, "the \"Big\" one");
  ls_format_csv_append_field (line, NULL);
  ls_format_csv_append_field (line, "two\nlines");
  g_string_append_c (line, '\n');
  /* An empty first field still takes its column. */
  ls_format_csv_append_field (line, "");
  ls_format_csv_append_field (line, "b");

  g_assert_cmpstr (line->str, ==,
                   "plain,\"Korea, Republic of\",\"the \"\"Big\"\" one\",,\"two\nlines\"\n"
                   "\"\",b");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lodestone/render/format/number-c", test_number_c);
  g_test_add_func ("/lodestone/render/format/number-korean", test_number_korean);
  g_test_add_func ("/lodestone/render/format/number-german", test_number_german);
  g_test_add_func ("/lodestone/render/format/percent", test_percent);
  g_test_add_func ("/lodestone/render/format/tonnes-compact", test_tonnes_compact);
  g_test_add_func ("/lodestone/render/format/change", test_change);
  g_test_add_func ("/lodestone/render/format/csv", test_csv);

  return g_test_run ();
}
