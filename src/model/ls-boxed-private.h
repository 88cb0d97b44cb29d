/* ls-boxed-private.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * LS_DEFINE_BOXED_TYPE:
 * @TypeName: the type's name, e.g. LsResult
 * @type_name: its prefix in lower case, e.g. ls_result
 * @copy_func: its ref function
 * @free_func: its unref function
 *
 * Defines type_name_get_type() as G_DEFINE_BOXED_TYPE() does. GLib 2.74's
 * macro checks the two functions' types through a transparent union, a
 * GCC extension that -Wpedantic rejects (warning_level=3); here they are
 * cast to GBoxedCopyFunc and GBoxedFreeFunc, which ISO C allows between
 * function pointer types.
 */
#define LS_DEFINE_BOXED_TYPE(TypeName, type_name, copy_func, free_func) \
GType \
type_name##_get_type (void) \
{ \
  static gsize type_id = 0; \
\
  if (g_once_init_enter (&type_id)) \
    { \
      GType id = g_boxed_type_register_static (g_intern_static_string (#TypeName), \
                                               (GBoxedCopyFunc) (copy_func), \
                                               (GBoxedFreeFunc) (free_func)); \
      g_once_init_leave (&type_id, id); \
    } \
  return type_id; \
}

G_END_DECLS
