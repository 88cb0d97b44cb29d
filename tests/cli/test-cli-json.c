/* test-cli-json.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The CLI's JSON writer never prints a number JSON cannot hold (issue
 * 14): a NaN or an infinity anywhere stops the whole document, with the
 * path of the number. */

#include <math.h>

#include "ls-cli-json.h"

static void
test_json_refuses_non_finite (void)
{
  const double bad[] = { NAN, INFINITY, -INFINITY };

  for (guint k = 0; k < G_N_ELEMENTS (bad); k++)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(GError) error = NULL;

      json_builder_begin_object (builder);
      ls_cli_json_add_number (builder, "fine", 0.5);
      json_builder_set_member_name (builder, "stages");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      ls_cli_json_add_number (builder, "share", bad[k]);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      g_assert_false (ls_cli_json_print (builder, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_nonnull (strstr (error->message, "$.stages[0].share"));
    }
}

static void
test_json_prints_finite (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      json_builder_begin_object (builder);
      ls_cli_json_add_number (builder, "tiny", 4.9e-324);
      ls_cli_json_add_number (builder, "big", 1e308);
      json_builder_end_object (builder);
      g_assert_true (ls_cli_json_print (builder, &error));
      g_assert_no_error (error);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*\"big\" : 1e+308*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lodestone/cli/json/refuses-non-finite", test_json_refuses_non_finite);
  g_test_add_func ("/lodestone/cli/json/prints-finite", test_json_prints_finite);

  return g_test_run ();
}
