/* ls-test-utils.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "ls-test-utils.h"

/* Loads a dataset given inline; a failure fails the test. */
LsDataset *
ls_test_load_dataset (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  LsDataset *dataset;

  dataset = ls_dataset_new_from_bytes (bytes, "inline.json", &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);

  return dataset;
}

/* Path of a fixture in tests/fixtures/. */
char *
ls_test_build_filename (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

LsDataset *
ls_test_load_dataset_file (const char *name)
{
  g_autofree char *path = ls_test_build_filename (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  LsDataset *dataset;

  dataset = ls_dataset_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);

  return dataset;
}
