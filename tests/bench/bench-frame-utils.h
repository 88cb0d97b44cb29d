/* bench-frame-utils.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

double bench_thread_cpu_ms    (void);
int    bench_compare_doubles  (gconstpointer  a,
                               gconstpointer  b);
void   bench_choose_renderer  (int            argc,
                               char         **argv);
void   bench_describe_renderer (GtkNative    *native);

G_END_DECLS
