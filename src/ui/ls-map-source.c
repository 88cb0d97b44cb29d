/* ls-map-source.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-map-source"

#include "config.h"

#include "ls-map-source.h"

#include "ls-image-pattern.h"
#include "ls-render-map.h"

#include <math.h>

/* Our own tile source: sea, land and borders drawn from the Natural Earth
 * shapes compiled into the program, so that the map works with no
 * network at all (DESIGN.md; PLATFORM.md §4). Tiles are drawn on a worker
 * thread: the shapes are immutable and their projected coordinates are
 * computed once under g_once, so this is safe. */

struct _LsMapSource
{
  ShumateMapSource parent_instance;

  LsRenderStyle    style;
  guint            n_filled;
  guint            for_cairo_renderer : 1;
};

G_DEFINE_FINAL_TYPE (LsMapSource, ls_map_source, SHUMATE_TYPE_MAP_SOURCE)

/* A tile's pixels for GTK's Cairo renderer. GTK 4.8's Cairo renderer
 * converts a texture's pixels, pixel by pixel, into a new image on every
 * frame it draws it: for the thirty-odd tiles of a full-screen map, that
 * was half of a pan's time in the profile (issue 12). This paintable
 * keeps the pixels as the Cairo image they were drawn into and paints it
 * as GSK paints a texture, without the conversion. The GL renderers keep
 * textures (they upload one once), so the source makes these only for
 * the Cairo renderer. */

#define LS_TYPE_TILE_IMAGE (ls_tile_image_get_type ())

G_DECLARE_FINAL_TYPE (LsTileImage, ls_tile_image, LS, TILE_IMAGE, GObject)

struct _LsTileImage
{
  GObject          parent_instance;

  cairo_surface_t *surface;
  int              size;
};

static void
ls_tile_image_snapshot (GdkPaintable *paintable,
                        GtkSnapshot  *snapshot,
                        double        width,
                        double        height)
{
  LsTileImage *self = LS_TILE_IMAGE (paintable);
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;
  cairo_t *cr;

  /* As GSK draws a texture: its box filled, edges filtered with their
   * own pixels (else a faint seam shows between scaled tiles). */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  pattern = ls_image_pattern_new (self->surface);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
  cairo_matrix_init_scale (&matrix, self->size / width, self->size / height);
  cairo_pattern_set_matrix (pattern, &matrix);
  cairo_set_source (cr, pattern);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_pattern_destroy (pattern);
  cairo_destroy (cr);
}

static GdkPaintableFlags
ls_tile_image_get_flags (GdkPaintable *paintable)
{
  return GDK_PAINTABLE_STATIC_SIZE | GDK_PAINTABLE_STATIC_CONTENTS;
}

static int
ls_tile_image_get_intrinsic_size (GdkPaintable *paintable)
{
  return LS_TILE_IMAGE (paintable)->size;
}

static void
ls_tile_image_paintable_iface_init (GdkPaintableInterface *iface)
{
  iface->snapshot = ls_tile_image_snapshot;
  iface->get_flags = ls_tile_image_get_flags;
  iface->get_intrinsic_width = ls_tile_image_get_intrinsic_size;
  iface->get_intrinsic_height = ls_tile_image_get_intrinsic_size;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (LsTileImage, ls_tile_image, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE,
                                                      ls_tile_image_paintable_iface_init))

static void
ls_tile_image_finalize (GObject *object)
{
  LsTileImage *self = LS_TILE_IMAGE (object);

  g_clear_pointer (&self->surface, cairo_surface_destroy);

  G_OBJECT_CLASS (ls_tile_image_parent_class)->finalize (object);
}

static void
ls_tile_image_class_init (LsTileImageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ls_tile_image_finalize;
}

static void
ls_tile_image_init (LsTileImage *self)
{
}

static const cairo_user_data_key_t pixels_key;

/* Takes @pixels, @size × @size of Cairo's ARGB32, into a new tile image. */
static GdkPaintable *
ls_tile_image_new (guchar *pixels,
                   int     size,
                   int     stride)
{
  LsTileImage *self = g_object_new (LS_TYPE_TILE_IMAGE, NULL);

  self->size = size;
  self->surface = cairo_image_surface_create_for_data (pixels, CAIRO_FORMAT_ARGB32, size, size, stride);
  cairo_surface_set_user_data (self->surface, &pixels_key, pixels, g_free);

  return GDK_PAINTABLE (self);
}

typedef struct
{
  guint          x;
  guint          y;
  guint          zoom;
  guint          size;
  LsRenderStyle  style;
  guchar        *pixels;
  int            stride;
} TileJob;

static void
tile_job_free (TileJob *job)
{
  g_free (job->pixels);
  g_free (job);
}

static void
draw_tile (cairo_t       *cr,
           const TileJob *job)
{
  LsShapes *shapes = ls_map_source_get_shapes_for_zoom (job->zoom);
  LsProjection projection;
  double west, east, north, south, margin;
  guint n;

  /* Slippy-map world pixels, shifted so that this tile is at (0, 0). */
  ls_projection_init_tiles (&projection, job->zoom, job->size);
  projection.origin_x -= (double) job->x * job->size;
  projection.origin_y -= (double) job->y * job->size;

  cairo_rectangle (cr, 0, 0, job->size, job->size);
  cairo_set_source_rgba (cr, job->style.sea.red, job->style.sea.green, job->style.sea.blue, 1.0);
  cairo_fill (cr);

  ls_projection_unproject (&projection, 0, 0, &west, &north);
  ls_projection_unproject (&projection, job->size, job->size, &east, &south);
  if (job->x + 1 == (1u << job->zoom))
    east = 180.0;

  /* Only countries whose box touches the tile (and a border's width
   * beyond it) are drawn: at zoom 8 that is one or two out of 240. */
  margin = (east - west) * 0.02;
  n = ls_shapes_get_n_countries (shapes);

  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    {
      LsGeoBounds b;

      ls_shapes_get_bounds (shapes, i, &b);
      if (b.east < west - margin || b.west > east + margin ||
          b.north < south - margin || b.south > north + margin)
        continue;
      ls_shapes_append_path (shapes, i, cr, &projection);
    }

  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_source_rgba (cr, job->style.land.red, job->style.land.green, job->style.land.blue, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, job->zoom >= LS_MAP_SOURCE_DETAIL_ZOOM ? 0.8 : 0.6);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_set_source_rgba (cr, job->style.border.red, job->style.border.green, job->style.border.blue, 1.0);
  cairo_stroke (cr);
}

static void
fill_tile_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  TileJob *job = task_data;
  cairo_surface_t *surface;
  cairo_t *cr;

  if (g_task_return_error_if_cancelled (task))
    return;

  job->stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, job->size);
  job->pixels = g_malloc0 ((gsize) job->stride * job->size);
  surface = cairo_image_surface_create_for_data (job->pixels, CAIRO_FORMAT_ARGB32,
                                                 job->size, job->size, job->stride);
  cr = cairo_create (surface);
  draw_tile (cr, job);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  g_task_return_boolean (task, TRUE);
}

static void
on_tile_drawn_cb (GObject      *object,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  LsMapSource *self = LS_MAP_SOURCE (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  ShumateTile *tile = g_task_get_task_data (task);
  TileJob *job = g_task_get_task_data (G_TASK (res));

  if (!g_task_propagate_boolean (G_TASK (res), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (self->for_cairo_renderer)
    {
      paintable = ls_tile_image_new (g_steal_pointer (&job->pixels), job->size, job->stride);
    }
  else
    {
      g_autoptr(GBytes) bytes = NULL;

      /* Cairo's ARGB32 is premultiplied and native-endian: GDK's default. */
      bytes = g_bytes_new_take (g_steal_pointer (&job->pixels), (gsize) job->stride * job->size);
      paintable = GDK_PAINTABLE (gdk_memory_texture_new (job->size, job->size, GDK_MEMORY_DEFAULT,
                                                         bytes, job->stride));
    }

  shumate_tile_set_paintable (tile, paintable);
  shumate_tile_set_fade_in (tile, FALSE);
  shumate_tile_set_state (tile, SHUMATE_STATE_DONE);
  self->n_filled++;

  g_task_return_boolean (task, TRUE);
}

static void
ls_map_source_fill_tile_async (ShumateMapSource    *source,
                               ShumateTile         *tile,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  LsMapSource *self = LS_MAP_SOURCE (source);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) draw = NULL;
  TileJob *job;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_name (task, "ls_map_source_fill_tile_async");
  g_task_set_task_data (task, g_object_ref (tile), g_object_unref);

  /* ShumateTile is not thread-safe: read what the worker needs here. */
  job = g_new0 (TileJob, 1);
  job->x = shumate_tile_get_x (tile);
  job->y = shumate_tile_get_y (tile);
  job->zoom = shumate_tile_get_zoom_level (tile);
  job->size = shumate_tile_get_size (tile);
  job->style = self->style;
  if (job->size == 0)
    job->size = LS_MAP_SOURCE_TILE_SIZE;

  shumate_tile_set_state (tile, SHUMATE_STATE_LOADING);

  draw = g_task_new (self, cancellable, on_tile_drawn_cb, g_steal_pointer (&task));
  g_task_set_name (draw, "fill_tile_thread");
  g_task_set_task_data (draw, job, (GDestroyNotify) tile_job_free);
  g_task_run_in_thread (draw, fill_tile_thread);
}

static gboolean
ls_map_source_fill_tile_finish (ShumateMapSource  *source,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
ls_map_source_class_init (LsMapSourceClass *klass)
{
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  source_class->fill_tile_async = ls_map_source_fill_tile_async;
  source_class->fill_tile_finish = ls_map_source_fill_tile_finish;
}

static void
ls_map_source_init (LsMapSource *self)
{
  ls_render_style_init (&self->style, FALSE);
}

/**
 * ls_map_source_new:
 * @style: (nullable): the colours of sea, land and borders; %NULL for
 *   the light defaults
 *
 * A map source whose tiles are drawn from the built-in country shapes,
 * with no network. The colours are fixed for the source's life: libshumate
 * caches tiles per map layer, so a new style needs a new source and layer.
 *
 * Returns: (transfer full): a new #LsMapSource
 */
LsMapSource *
ls_map_source_new (const LsRenderStyle *style)
{
  LsMapSource *self;

  self = g_object_new (LS_TYPE_MAP_SOURCE,
                       "id", LS_MAP_SOURCE_ID,
                       "name", "Natural Earth",
                       "license", "Made with Natural Earth (public domain)",
                       "license-uri", "https://www.naturalearthdata.com/about/terms-of-use/",
                       "min-zoom-level", LS_MAP_SOURCE_MIN_ZOOM,
                       "max-zoom-level", LS_MAP_SOURCE_MAX_ZOOM,
                       "tile-size", LS_MAP_SOURCE_TILE_SIZE,
                       NULL);
  if (style != NULL)
    self->style = *style;

  return self;
}

/**
 * ls_map_source_get_render_style:
 * @self: a #LsMapSource
 * @style: (out caller-allocates): the style the tiles are drawn with
 */
void
ls_map_source_get_render_style (LsMapSource   *self,
                                LsRenderStyle *style)
{
  g_return_if_fail (LS_IS_MAP_SOURCE (self));
  g_return_if_fail (style != NULL);

  *style = self->style;
}

/**
 * ls_map_source_set_for_cairo_renderer:
 * @self: a #LsMapSource
 * @for_cairo_renderer: whether the map is drawn by GTK's Cairo renderer
 *
 * Tiles drawn from now on keep their pixels in the form the renderer
 * paints fastest: a Cairo image for the Cairo renderer, which would
 * otherwise convert a texture's pixels on every frame, and a texture for
 * the others, which upload it once. The map's widget says which, once it
 * is realized.
 */
void
ls_map_source_set_for_cairo_renderer (LsMapSource *self,
                                      gboolean     for_cairo_renderer)
{
  g_return_if_fail (LS_IS_MAP_SOURCE (self));

  self->for_cairo_renderer = !!for_cairo_renderer;
}

/**
 * ls_map_source_get_n_filled_tiles:
 * @self: a #LsMapSource
 *
 * For tests and statistics.
 *
 * Returns: how many tiles @self has drawn
 */
guint
ls_map_source_get_n_filled_tiles (LsMapSource *self)
{
  g_return_val_if_fail (LS_IS_MAP_SOURCE (self), 0);

  return self->n_filled;
}

/**
 * ls_map_source_get_shapes_for_zoom:
 * @zoom: a zoom level
 *
 * The shapes tiles and overlays use at @zoom: 1:110m for the world,
 * 1:50m from %LS_MAP_SOURCE_DETAIL_ZOOM on, so that fills drawn over
 * the tiles line up with their coasts.
 *
 * Returns: (transfer none): the shapes
 */
LsShapes *
ls_map_source_get_shapes_for_zoom (double zoom)
{
  return ls_shapes_get_default (zoom >= LS_MAP_SOURCE_DETAIL_ZOOM ? LS_SHAPES_DETAIL_MEDIUM
                                                                  : LS_SHAPES_DETAIL_LOW);
}

/**
 * ls_map_source_widget_uses_cairo:
 * @widget: a widget of the map
 *
 * The map keeps its images (tiles, the overlay) as Cairo images for GTK's
 * Cairo renderer, which would convert a texture on every frame, and as
 * textures for the others, which upload one once.
 *
 * Returns: whether @widget's window is drawn by GTK's Cairo renderer;
 *   %FALSE while it is not realized
 */
gboolean
ls_map_source_widget_uses_cairo (GtkWidget *widget)
{
  GtkNative *native;
  GskRenderer *renderer;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  native = gtk_widget_get_native (widget);
  renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

  return renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer);
}
