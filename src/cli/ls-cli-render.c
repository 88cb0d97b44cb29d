/* ls-cli-render.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ls-cli-render.h"

int
ls_cli_layout (int    argc,
               char **argv)
{
  g_printerr ("lodestone-cli: layout is not built yet\n");
  return 2;
}

int
ls_cli_render (int    argc,
               char **argv)
{
  g_printerr ("lodestone-cli: render is not built yet\n");
  return 2;
}
