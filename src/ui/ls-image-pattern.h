/* ls-image-pattern.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

cairo_pattern_t *ls_image_pattern_new (cairo_surface_t       *image);
GskRenderNode   *ls_image_node_new    (cairo_surface_t       *image,
                                       const graphene_rect_t *bounds);

G_END_DECLS
