/* ls-test-locale.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "ls-test-locale.h"

#include <locale.h>

static gboolean
have_locale (const char *name)
{
  /* Probed with newlocale(), so that the test's own locale stays. */
  locale_t locale = newlocale (LC_ALL_MASK, name, (locale_t) 0);

  if (locale == (locale_t) 0)
    return FALSE;

  freelocale (locale);
  return TRUE;
}

/**
 * ls_test_require_locale:
 * @locale: e.g. "ko_KR.UTF-8"
 *
 * Makes sure the system has @locale, generating it with the project's
 * tools/locales.sh when it is missing (tools/test.sh already ran it
 * through tools/deps.sh; this covers a bare `meson test`). When it
 * cannot be had (not root, no `locales` package) the test is skipped,
 * or fails under CI, where the set-up is at fault.
 *
 * Returns: %TRUE when the test can go on under @locale
 */
gboolean
ls_test_require_locale (const char *locale)
{
  g_autofree char *script = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (have_locale (locale))
    return TRUE;

  script = g_test_build_filename (G_TEST_DIST, "..", "tools", "locales.sh", NULL);
  {
    const char *argv[] = { "sh", script, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, &output, NULL, &status, &error);
  }

  if (have_locale (locale))
    return TRUE;

  {
    g_autofree char *message = g_strdup_printf ("the %s locale is missing and tools/locales.sh could not "
                                                "generate it (run it as root)", locale);

    if (g_getenv ("CI") != NULL)
      {
        g_test_message ("%s", message);
        g_test_fail ();
      }
    else
      g_test_skip (message);
  }

  return FALSE;
}
