/* main.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lodestone"

#include "config.h"

#include "ls-application.h"
#include "ls-locale.h"

#include <glib/gi18n.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LsApplication) app = NULL;

  ls_application_init_allocator ();
  ls_locale_init ();
  textdomain (GETTEXT_PACKAGE);

  ls_application_ensure_resources ();

  app = ls_application_new (APP_ID, G_APPLICATION_HANDLES_OPEN);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
