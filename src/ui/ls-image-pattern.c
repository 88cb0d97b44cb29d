/* ls-image-pattern.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ls-image-pattern.h"

/* GTK 4.8's Cairo renderer keeps what a Cairo node draws in a recording
 * surface, and a recording takes a copy-on-write snapshot of every image
 * it paints. The image keeps that snapshot attached until it is next
 * flushed, drawn on or freed, even once the recording is gone, and then
 * copies itself into it: 13 MB and as many page faults for a map
 * overlay at 1920×1080, 12-16 ms, on the main thread, for an image
 * nobody will paint again (issue 12).
 *
 * A raster source hands the recording the image itself instead. Each
 * copy of the pattern holds a reference, so the image's reference count
 * says whether a recording still shows it, and the caller must not draw
 * on an image while it does. */

static cairo_surface_t *
acquire_cb (cairo_pattern_t             *pattern,
            void                        *data,
            cairo_surface_t             *target,
            const cairo_rectangle_int_t *extents)
{
  return cairo_surface_reference (data);
}

static void
release_cb (cairo_pattern_t *pattern,
            void            *data,
            cairo_surface_t *surface)
{
  cairo_surface_destroy (surface);
}

static cairo_status_t
copy_cb (cairo_pattern_t       *pattern,
         void                  *data,
         const cairo_pattern_t *other)
{
  cairo_surface_reference (data);
  return CAIRO_STATUS_SUCCESS;
}

static void
finish_cb (cairo_pattern_t *pattern,
           void            *data)
{
  cairo_surface_destroy (data);
}

/**
 * ls_image_pattern_new:
 * @image: an image surface, not to be drawn on while a pattern shows it
 *
 * Makes a pattern that paints @image as cairo_set_source_surface() would,
 * at the origin and at its device scale, but which a recording surface
 * holds by reference rather than by a copy-on-write snapshot.
 *
 * Returns: (transfer full): a pattern; it and its copies hold a
 *   reference to @image
 */
cairo_pattern_t *
ls_image_pattern_new (cairo_surface_t *image)
{
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;
  double sx, sy;

  g_return_val_if_fail (image != NULL, NULL);
  g_return_val_if_fail (cairo_surface_get_type (image) == CAIRO_SURFACE_TYPE_IMAGE, NULL);

  pattern = cairo_pattern_create_raster_source (cairo_surface_reference (image),
                                                cairo_surface_get_content (image),
                                                cairo_image_surface_get_width (image),
                                                cairo_image_surface_get_height (image));
  cairo_raster_source_pattern_set_acquire (pattern, acquire_cb, release_cb);
  cairo_raster_source_pattern_set_copy (pattern, copy_cb);
  cairo_raster_source_pattern_set_finish (pattern, finish_cb);

  /* A raster source is in the image's pixels; a surface pattern in its
   * user units, which its device scale makes larger. */
  cairo_surface_get_device_scale (image, &sx, &sy);
  cairo_matrix_init_scale (&matrix, sx, sy);
  cairo_pattern_set_matrix (pattern, &matrix);

  return pattern;
}

/**
 * ls_image_node_new:
 * @image: an image surface, not to be drawn on while the node lives
 * @bounds: the node's bounds, where @image's origin is their top left
 *
 * A Cairo node that paints @image by reference (ls_image_pattern_new()):
 * what a view keeps to show an image it drew, frame after frame.
 *
 * Returns: (transfer full): the node
 */
GskRenderNode *
ls_image_node_new (cairo_surface_t       *image,
                   const graphene_rect_t *bounds)
{
  cairo_pattern_t *pattern = ls_image_pattern_new (image);
  GskRenderNode *node = gsk_cairo_node_new (bounds);
  cairo_t *cr = gsk_cairo_node_get_draw_context (node);

  /* The node's own surface starts clear: a copy paints the same as
   * OVER, and faster. */
  cairo_translate (cr, bounds->origin.x, bounds->origin.y);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source (cr, pattern);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_pattern_destroy (pattern);

  return node;
}
