/* ls-locale.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-locale"

#include "config.h"

#include "ls-locale.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

static char *localedir;

/* The build tree's compiled catalogues (po/<lang>/LC_MESSAGES, which the
 * i18n module writes there), when the running program is one of the build
 * tree's own: the app, lodestone-cli or a test run as the README says,
 * before anything is installed. An installed or Flatpak program lives
 * elsewhere and gets LOCALEDIR. */
static char *
dup_build_tree_localedir (void)
{
  g_autofree char *program = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *root = NULL;
  char *resolved;
  gsize length;

  if (program == NULL)
    return NULL;

  /* /proc/self/exe has its symbolic links resolved; resolve the root's. */
  if ((resolved = realpath (LS_BUILD_ROOT, NULL)) == NULL)
    return NULL;
  root = g_strdup (resolved);
  free (resolved);

  length = strlen (root);
  if (strncmp (program, root, length) != 0 || program[length] != G_DIR_SEPARATOR)
    return NULL;

  return g_build_filename (root, "po", NULL);
}

/**
 * ls_locale_init:
 *
 * Sets the locale from the environment and binds Lodestone's text domain,
 * in UTF-8, to the build tree's catalogues when the program runs from
 * there, else to the installed ones. Call it first thing in main().
 *
 * It does not make the domain the default one (textdomain()): the app
 * does, for gettext() and GtkBuilder; lodestone-cli does not, since GLib
 * holds back its own translations (GOption's help, GIO's errors) in a
 * language the default domain lacks, and the CLI's messages are English.
 */
void
ls_locale_init (void)
{
  setlocale (LC_ALL, "");

  g_clear_pointer (&localedir, g_free);
  localedir = dup_build_tree_localedir ();
  if (localedir == NULL)
    localedir = g_strdup (LOCALEDIR);

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}

/**
 * ls_locale_get_localedir:
 *
 * Returns: (nullable): the directory ls_locale_init() bound the text
 *   domain to, or %NULL before it ran
 */
const char *
ls_locale_get_localedir (void)
{
  return localedir;
}
