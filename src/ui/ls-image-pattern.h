/* ls-image-pattern.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

cairo_pattern_t *ls_image_pattern_new (cairo_surface_t *image);

G_END_DECLS
