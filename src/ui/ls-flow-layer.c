/* ls-flow-layer.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-flow-layer"

#include "config.h"

#include "ls-flow-layer.h"

#include "ls-image-pattern.h"
#include "ls-map-source.h"

#include <math.h>
#include <stdlib.h>

/* The result drawn over the tiles: choropleth, unmet need, bloc and
 * China outlines, the flow arcs, labels and the hovered country. The
 * drawing itself is the render library's, the same code as the exported
 * figure; only the projection differs. It is drawn into an image once
 * per result, options and zoom, and each frame paints that image as a
 * texture (moved by a pan, scaled during a zoom, two of them blended in
 * a fade), with the hovered country on top. */

/* Widths in widget pixels, whatever the zoom: arcs and outlines are
 * symbols, not geography. */
#define MAX_ARC_WIDTH     14.0
#define BORDER_WIDTH      0.6
#define OUTLINE_WIDTH     1.8
#define HIGHLIGHT_WIDTH   2.5
#define UNMET_WIDTH       1.0
#define LABEL_SIZE        11.0

/* How far the lines' image reaches beyond a country's box: an outline's
 * dot for a country with no shape (4.5 px) and half its width (0.9 px),
 * and a pixel of antialiasing, rounded up. */
#define LINES_REACH       8.0

/* Pixels drawn around a box of the lines' image drawn anew, and not
 * kept (part_redraw ()). */
#define REDRAW_PAD        4

/* At most this many nodes for the highlighted country's parts
 * (append_highlight ()). */
#define MAX_HIGHLIGHT_NODES 8

/* The overlay's cache reaches this share of the widget's size beyond
 * each edge, so that a short pan only moves it. */
#define CACHE_MARGIN      0.125

/* While the zoom changes (a wheel, a pinch, the keys), frames scale the
 * last image; the overlay is drawn anew once the zoom has stood still
 * this long, in ms. */
#define ZOOM_SETTLE_MSEC  150

/* A new result cross-fades in over this long, in µs. */
#define FADE_USEC         (250 * G_TIME_SPAN_MILLISECOND)

/* Where an image of the overlay lies: drawn at a zoom, for a viewport
 * origin, over a box of the layer (the widget and a margin around it for
 * panning), at a scale factor. */
typedef struct
{
  double zoom;
  double origin_x;    /* the projection's, in the layer, when drawn */
  double origin_y;
  double x;           /* the layer position of the image's (0, 0) then */
  double y;
  int    width;
  int    height;
  int    scale;
} Frame;

/* The overlay of one result, drawn once into an image and painted from
 * it on every frame until the result, the options, the style or the
 * viewport's zoom change: hovering, a fade and a short pan then cost a
 * blit, not a redraw of every country and arc (issue 12). */
typedef struct
{
  cairo_surface_t *surface;
  GdkTexture      *texture;     /* the surface's pixels, shared */
  GskRenderNode   *node;        /* or a paint of them, for the Cairo renderer */
  LsResult        *result;      /* a ref; NULL when empty */
  guint            generation;  /* of options and style */
  Frame            frame;
} Cache;

/* The part of the overlay that a new result mostly leaves as it was,
 * kept as an image at a cache's frame: the borders, which change with
 * the zoom alone, and the bloc's and China's outlines, which change with
 * the members. */
typedef struct
{
  cairo_surface_t *surface;
  cairo_region_t  *ink;         /* see ls_render_map_ink_region_new () */
  guint            generation;  /* of the style */
  char            *key;
  Frame            frame;
} Part;

typedef struct _SettleDraw SettleDraw;

struct _LsFlowLayer
{
  ShumateLayer   parent_instance;

  /* Owned */
  LsResult      *result;
  LsResult      *old_result;    /* fading out */
  char          *highlight;
  Cache          cache;
  Cache          old_cache;     /* the old result's, during a fade */
  Part           lines;

  gint64         fade_start;
  guint          fade_tick_id;

  gint64         zoom_changed;  /* µs, monotonic */
  guint          settle_id;
  guint          settle_msec;
  GCancellable  *settle_draw;   /* the settled zoom's image, being drawn */
  double         settle_zoom;
  SettleDraw    *settled;       /* drawn, for the next frame to finish */

  LsMapOptions   options;
  LsRenderStyle  style;
  guint          generation;
  guint          style_generation;
  guint          n_snapshots;
  guint          n_faded_snapshots;
  guint          n_cache_draws;
  guint          n_lines_updates;
  gint64         last_draw_usec;
  gint64         max_fade_draw_usec;
};

G_DEFINE_FINAL_TYPE (LsFlowLayer, ls_flow_layer, SHUMATE_TYPE_LAYER)

static void cancel_settle_draw (LsFlowLayer *self);

static void
cache_clear (Cache *cache)
{
  g_clear_object (&cache->texture);
  g_clear_pointer (&cache->node, gsk_render_node_unref);
  g_clear_pointer (&cache->surface, cairo_surface_destroy);
  g_clear_pointer (&cache->result, ls_result_unref);
}

static void
part_clear (Part *part)
{
  g_clear_pointer (&part->surface, cairo_surface_destroy);
  g_clear_pointer (&part->ink, cairo_region_destroy);
  g_clear_pointer (&part->key, g_free);
}

static gboolean
on_zoom_settled_cb (gpointer user_data)
{
  LsFlowLayer *self = user_data;

  self->settle_id = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
on_viewport_notify_cb (LsFlowLayer *self,
                       GParamSpec  *pspec,
                       gpointer     viewport)
{
  if (g_strcmp0 (pspec->name, "zoom-level") == 0)
    {
      self->zoom_changed = g_get_monotonic_time ();
      cancel_settle_draw (self);
      g_clear_handle_id (&self->settle_id, g_source_remove);
      self->settle_id = g_timeout_add (self->settle_msec, on_zoom_settled_cb, self);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static double
fade_progress (LsFlowLayer *self)
{
  if (self->old_result == NULL)
    return 1.0;

  return CLAMP ((double) (g_get_monotonic_time () - self->fade_start) / FADE_USEC, 0.0, 1.0);
}

static gboolean
fade_tick_cb (GtkWidget     *widget,
              GdkFrameClock *frame_clock,
              gpointer       user_data)
{
  LsFlowLayer *self = LS_FLOW_LAYER (widget);

  gtk_widget_queue_draw (widget);
  if (fade_progress (self) < 1.0)
    return G_SOURCE_CONTINUE;

  g_clear_pointer (&self->old_result, ls_result_unref);
  cache_clear (&self->old_cache);
  self->fade_tick_id = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
animations_enabled (GtkWidget *widget)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (widget), "gtk-enable-animations", &enabled, NULL);
  return enabled;
}

/* Calls @func for each copy of the world that can show in a box @reach
 * wider than the widget on each side: libshumate repeats the tiles east
 * and west, and the overlay must repeat with them. */
typedef void (*CopyFunc) (cairo_t            *cr,
                          const LsProjection *projection,
                          gpointer            data);

static void
for_each_copy (cairo_t            *cr,
               const LsProjection *projection,
               double              world,
               double              x1,
               double              x2,
               CopyFunc            func,
               gpointer            data)
{
  double left = projection->origin_x - world / 2;

  for (double k = ceil ((x1 - left - world) / world); left + k * world < x2; k++)
    {
      LsProjection copy = *projection;

      copy.origin_x += k * world;
      func (cr, &copy, data);
    }
}

/* What the overlay's layers are drawn from: nothing of the widget, so
 * that a worker thread can draw them too. */
typedef struct
{
  LsResult            *result;
  LsShapes            *shapes;
  const LsMapOptions  *options;
  const LsRenderStyle *style;
} DrawData;

static void
fills_copy (cairo_t            *cr,
            const LsProjection *projection,
            gpointer            data)
{
  DrawData *d = data;

  /* Without borders: the borders' image goes over them. */
  ls_render_map_choropleth (cr, d->result, d->shapes, d->style, d->options, projection, 0);
}

static void
unmet_copy (cairo_t            *cr,
            const LsProjection *projection,
            gpointer            data)
{
  DrawData *d = data;

  ls_render_map_unmet (cr, d->result, d->shapes, d->style, d->options, projection, UNMET_WIDTH);
}

static void
lines_copy (cairo_t            *cr,
            const LsProjection *projection,
            gpointer            data)
{
  DrawData *d = data;

  /* The membership map's fills change with the bloc alone, as the
   * outlines do: they are kept with the borders. There the fills are the
   * bloc's and China's colours already, and need no outlines. */
  if (d->options->metric == LS_MAP_METRIC_MEMBERSHIP)
    {
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
      fills_copy (cr, projection, data);
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
    }

  ls_render_map_choropleth_borders (cr, d->result, d->shapes, d->style, d->options, projection,
                                    BORDER_WIDTH);
  if (d->options->metric != LS_MAP_METRIC_MEMBERSHIP)
    ls_render_map_outlines (cr, d->result, d->shapes, d->style, projection, OUTLINE_WIDTH);
}

static void
outlines_copy (cairo_t            *cr,
               const LsProjection *projection,
               gpointer            data)
{
  DrawData *d = data;

  ls_render_map_outlines (cr, d->result, d->shapes, d->style, projection, OUTLINE_WIDTH);
}

static void
symbols_copy (cairo_t            *cr,
              const LsProjection *projection,
              gpointer            data)
{
  DrawData *d = data;
  double unit = MAX (d->style->font_scale, 1.0);

  ls_render_map_arcs (cr, d->result, d->style, d->options, projection, MAX_ARC_WIDTH * unit);
  ls_render_map_labels (cr, d->result, d->style, d->options, projection, LABEL_SIZE * unit);
}

/* The whole overlay, bottom to top, as the rotated map draws it. */
static void
draw_copy (cairo_t            *cr,
           const LsProjection *projection,
           gpointer            data)
{
  DrawData *d = data;

  ls_render_map_choropleth (cr, d->result, d->shapes, d->style, d->options, projection, BORDER_WIDTH);
  unmet_copy (cr, projection, data);
  /* On the membership map the fills are the bloc's and China's colours
   * already. */
  if (d->options->metric != LS_MAP_METRIC_MEMBERSHIP)
    outlines_copy (cr, projection, data);
  symbols_copy (cr, projection, data);
}

typedef struct
{
  LsShapes            *shapes;
  const char          *country;
  const LsRenderStyle *style;
} HighlightData;

static void
highlight_copy (cairo_t            *cr,
                const LsProjection *projection,
                gpointer            data)
{
  HighlightData *h = data;
  int shape = ls_shapes_lookup (h->shapes, h->country);

  if (shape >= 0)
    ls_render_map_highlight (cr, h->shapes, shape, h->style, projection, HIGHLIGHT_WIDTH);
}

/* A new image's frame: the widget and a margin around it for panning. */
static void
frame_init (Frame              *frame,
            const LsProjection *projection,
            double              zoom,
            double              width,
            double              height,
            int                 scale)
{
  double margin_x = ceil (width * CACHE_MARGIN);
  double margin_y = ceil (height * CACHE_MARGIN);

  *frame = (Frame) {
    zoom, projection->origin_x, projection->origin_y,
    -margin_x, -margin_y, width + 2 * margin_x, height + 2 * margin_y, scale,
  };
}

/* Whether an image drawn at @frame still covers the widget, shifted by
 * the pan since. */
static gboolean
frame_covers (const Frame        *frame,
              const LsProjection *projection,
              double              zoom,
              double              width,
              double              height,
              int                 scale)
{
  double dx, dy;

  if (frame->zoom != zoom || frame->scale != scale)
    return FALSE;

  dx = projection->origin_x - frame->origin_x;
  dy = projection->origin_y - frame->origin_y;
  return frame->x + dx <= 0 && frame->y + dy <= 0 &&
         frame->x + dx + frame->width >= width && frame->y + dy + frame->height >= height;
}

static gboolean
frame_equal (const Frame *a,
             const Frame *b)
{
  return memcmp (a, b, sizeof *a) == 0;
}

/* Whether @cache holds @result's overlay for this view, so that it only
 * needs painting, shifted by the pan since it was drawn. */
static gboolean
cache_valid (LsFlowLayer        *self,
             const Cache        *cache,
             LsResult           *result,
             const LsProjection *projection,
             double              zoom,
             double              width,
             double              height,
             int                 scale)
{
  return cache->surface != NULL && cache->result == result && cache->generation == self->generation &&
         frame_covers (&cache->frame, projection, zoom, width, height, scale);
}

/* @cache's image at @rect. */
static void
append_image (GtkSnapshot           *snapshot,
              const Cache           *cache,
              const graphene_rect_t *rect)
{
  if (cache->node == NULL)
    {
      gtk_snapshot_append_texture (snapshot, cache->texture, rect);
      return;
    }

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &rect->origin);
  gtk_snapshot_scale (snapshot, rect->size.width / cache->frame.width,
                      rect->size.height / cache->frame.height);
  gtk_snapshot_append_node (snapshot, cache->node);
  gtk_snapshot_restore (snapshot);
}

static cairo_surface_t *
create_surface (const Frame *frame)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         frame->width * frame->scale,
                                                         frame->height * frame->scale);

  cairo_surface_set_device_scale (surface, frame->scale, frame->scale);
  return surface;
}

/* The projection onto an image drawn at @frame. */
static void
frame_projection (const Frame        *frame,
                  const LsProjection *projection,
                  LsProjection       *out)
{
  *out = *projection;
  out->origin_x = frame->origin_x - frame->x;
  out->origin_y = frame->origin_y - frame->y;
}

/* Whether two boxes overlap or touch. */
static gboolean
boxes_meet (const cairo_rectangle_int_t *a,
            const cairo_rectangle_int_t *b)
{
  return a->x <= b->x + b->width && b->x <= a->x + a->width && a->y <= b->y + b->height &&
         b->y <= a->y + a->height;
}

/* Adds @box to @boxes, merged with those it meets into their bounding
 * box: neighbours (the EU's members) become one box, drawn once. */
static void
add_box (GArray                *boxes,
         cairo_rectangle_int_t  box)
{
  gboolean merged;

  do
    {
      merged = FALSE;
      for (guint i = 0; i < boxes->len; i++)
        {
          cairo_rectangle_int_t *other = &g_array_index (boxes, cairo_rectangle_int_t, i);
          int x2, y2;

          if (!boxes_meet (&box, other))
            continue;
          x2 = MAX (box.x + box.width, other->x + other->width);
          y2 = MAX (box.y + box.height, other->y + other->height);
          box.x = MIN (box.x, other->x);
          box.y = MIN (box.y, other->y);
          box.width = x2 - box.x;
          box.height = y2 - box.y;
          g_array_remove_index_fast (boxes, i);
          merged = TRUE;
          break;
        }
    }
  while (merged);

  g_array_append_val (boxes, box);
}

/* Where the lines' image @part, drawn at @frame for @part->key, changes
 * for @key: boxes around the countries whose flags differ (a member
 * joined or left, a fill came to cover the borders or stopped),
 * wherever a copy of the world shows them, in the image's pixels. A
 * country's borders, outline and membership fill depend on its own
 * flags alone (dup_lines_key ()). %NULL when the metric changed, or
 * when the boxes cover so much of the image that drawing it all anew
 * costs as little. */
static GArray *
dup_lines_changed (const Part         *part,
                   const char         *key,
                   LsResult           *result,
                   LsShapes           *shapes,
                   const Frame        *frame,
                   const LsProjection *drawn,
                   double              world)
{
  g_autoptr(GArray) boxes = NULL;
  cairo_rectangle_int_t image = { 0, 0, frame->width * frame->scale, frame->height * frame->scale };
  double left = drawn->origin_x - world / 2;
  size_t n = strlen (key);
  gint64 area = 0;

  if (part->key == NULL || strlen (part->key) != n || n != ls_result_get_n_countries (result) + 1 ||
      part->key[0] != key[0])
    return NULL;

  boxes = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_int_t));
  for (size_t i = 1; i < n; i++)
    {
      cairo_rectangle_t box;

      if (part->key[i] == key[i])
        continue;

      ls_render_map_get_country_box (result, shapes, i - 1, drawn, &box);
      for (double k = ceil ((0 - left - world) / world); left + k * world < frame->width; k++)
        {
          double x1 = (box.x + k * world - LINES_REACH) * frame->scale;
          double y1 = (box.y - LINES_REACH) * frame->scale;
          double x2 = (box.x + box.width + k * world + LINES_REACH) * frame->scale;
          double y2 = (box.y + box.height + LINES_REACH) * frame->scale;
          cairo_rectangle_int_t rect;

          rect.x = (int) floor (CLAMP (x1, 0, image.width));
          rect.y = (int) floor (CLAMP (y1, 0, image.height));
          rect.width = (int) ceil (CLAMP (x2, 0, image.width)) - rect.x;
          rect.height = (int) ceil (CLAMP (y2, 0, image.height)) - rect.y;
          if (rect.width > 0 && rect.height > 0)
            add_box (boxes, rect);
        }
    }

  for (guint i = 0; i < boxes->len; i++)
    {
      const cairo_rectangle_int_t *box = &g_array_index (boxes, cairo_rectangle_int_t, i);

      area += (gint64) box->width * box->height;
    }
  if (area * 2 > (gint64) image.width * image.height)
    return NULL;

  return g_steal_pointer (&boxes);
}

/* Draws @part anew inside @boxes alone, in its pixels. Each box is drawn
 * into an image of its own, a little larger, and copied in. Drawn
 * through a clip instead, Cairo antialiases the lines' edges otherwise
 * than in the whole image, by up to a quarter of a channel; and the
 * pixels at an image's edge come out otherwise too. */
static void
part_redraw (Part               *part,
             GArray             *boxes,
             const LsProjection *drawn,
             double              world,
             CopyFunc            func,
             DrawData           *data)
{
  int scale = part->frame.scale;

  for (guint i = 0; i < boxes->len; i++)
    {
      const cairo_rectangle_int_t *box = &g_array_index (boxes, cairo_rectangle_int_t, i);
      cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, box->width + 2 * REDRAW_PAD,
                                                           box->height + 2 * REDRAW_PAD);
      cairo_t *cr;

      cairo_surface_set_device_scale (image, scale, scale);
      cairo_surface_set_device_offset (image, REDRAW_PAD - box->x, REDRAW_PAD - box->y);
      cr = cairo_create (image);
      for_each_copy (cr, drawn, world, 0, part->frame.width, func, data);
      cairo_destroy (cr);

      cr = cairo_create (part->surface);
      cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      cairo_set_source_surface (cr, image, 0, 0);
      cairo_rectangle (cr, (double) box->x / scale, (double) box->y / scale, (double) box->width / scale,
                       (double) box->height / scale);
      cairo_fill (cr);
      cairo_destroy (cr);
      cairo_surface_destroy (image);
    }
  cairo_surface_flush (part->surface);
}

/* Paints @part, drawing it first if it is not of @frame, @key and the
 * current style. */
static void
paint_part (LsFlowLayer        *self,
            cairo_t            *cr,
            Part               *part,
            const char         *key,
            const Frame        *frame,
            const LsProjection *projection,
            double              world,
            CopyFunc            func,
            DrawData           *data)
{
  g_autoptr(GArray) changed = NULL;
  LsProjection drawn;

  frame_projection (frame, projection, &drawn);

  /* A member joined or left: an alliance on or off, or a year before a
   * member joined. Drawn whole, the lines' image was half of what such a
   * lever's new overlay cost in the window (13 ms of 25: clearing it,
   * the outlines, the scan for its ink), though most of it stays as it
   * was. Only the boxes of the countries that changed are drawn anew. */
  if (part->surface != NULL && part->generation == self->style_generation && frame_equal (&part->frame, frame) &&
      g_strcmp0 (part->key, key) != 0 &&
      (changed = dup_lines_changed (part, key, data->result, data->shapes, frame, &drawn, world)) != NULL)
    {
      cairo_region_t *region = cairo_region_create ();

      part_redraw (part, changed, &drawn, world, func, data);
      for (guint i = 0; i < changed->len; i++)
        cairo_region_union_rectangle (region, &g_array_index (changed, cairo_rectangle_int_t, i));
      ls_render_map_ink_region_update (part->ink, part->surface, region);
      cairo_region_destroy (region);
      g_free (part->key);
      part->key = g_strdup (key);
      self->n_lines_updates++;
    }
  else if (part->surface == NULL || part->generation != self->style_generation ||
           g_strcmp0 (part->key, key) != 0 || !frame_equal (&part->frame, frame))
    {
      cairo_surface_t *surface = NULL;
      cairo_t *part_cr;

      /* An image of the same size is cleared and drawn again: a new
       * one, 13 MB at 1920×1080 with its margins, cost 5-10 ms in page
       * faults alone, more than the lines (issue 12). Nothing else holds
       * it: it is only ever painted into the cache's image. */
      if (part->surface != NULL && part->frame.width == frame->width && part->frame.height == frame->height &&
          part->frame.scale == frame->scale)
        surface = g_steal_pointer (&part->surface);
      part_clear (part);
      if (surface != NULL)
        {
          part_cr = cairo_create (surface);
          cairo_set_operator (part_cr, CAIRO_OPERATOR_CLEAR);
          cairo_paint (part_cr);
          cairo_destroy (part_cr);
          part->surface = surface;
        }
      else
        {
          part->surface = create_surface (frame);
        }
      part->generation = self->style_generation;
      part->key = g_strdup (key);
      part->frame = *frame;

      part_cr = cairo_create (part->surface);
      for_each_copy (part_cr, &drawn, world, 0, frame->width, func, data);
      cairo_destroy (part_cr);
      cairo_surface_flush (part->surface);
      part->ink = ls_render_map_ink_region_new (part->surface);
    }

  ls_render_map_paint_ink (cr, part->surface, part->ink);
}

/* What the lines' image shows: the borders of the filled countries, and
 * the bloc's outlines, or on the membership map its fills. */
static char *
dup_lines_key (LsFlowLayer *self,
               LsResult    *result)
{
  guint n = ls_result_get_n_countries (result);
  g_autofree gboolean *filled = g_new (gboolean, n);
  char *key = g_new (char, n + 2);

  ls_render_map_is_filled (result, &self->options, filled);
  key[0] = self->options.metric == LS_MAP_METRIC_MEMBERSHIP ? 'm' : 'o';
  for (guint i = 0; i < n; i++)
    key[i + 1] = '0' + (ls_result_is_member (result, i) ? 1 : 0) + (filled[i] ? 2 : 0);
  key[n + 1] = '\0';

  return key;
}

/* Keeps @cache's freshly drawn image in the form the renderer paints. */
static void
cache_keep_image (LsFlowLayer *self,
                  Cache       *cache)
{
  /* GTK 4.8's Cairo renderer converts a texture's pixels into a new
   * image on every frame (an 8 MB copy and its page faults at 1920×1080,
   * the largest part of a pan or fade frame in the profile, issue 12).
   * A Cairo node records a paint of the image instead, which every frame
   * replays from the image itself. */
  if (ls_map_source_widget_uses_cairo (GTK_WIDGET (self)) && cache->frame.scale == 1)
    cache->node = ls_image_node_new (cache->surface,
                                     &GRAPHENE_RECT_INIT (0, 0, cache->frame.width, cache->frame.height));
  else
  /* A texture over the same pixels, never written again: the GL
   * renderer uploads it once, and an unchanged texture node is no damage,
   * so a hover repaints only the highlighted country. */
  {
    g_autoptr(GBytes) bytes = NULL;
    int stride = cairo_image_surface_get_stride (cache->surface);

    bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (cache->surface),
                                        (gsize) stride * cairo_image_surface_get_height (cache->surface),
                                        (GDestroyNotify) cairo_surface_destroy,
                                        cairo_surface_reference (cache->surface));
    /* Cairo's ARGB32 is premultiplied and native-endian: GDK's default. */
    cache->texture = gdk_memory_texture_new (cairo_image_surface_get_width (cache->surface),
                                             cairo_image_surface_get_height (cache->surface),
                                             GDK_MEMORY_DEFAULT, bytes, stride);
  }
}

/* Draws @result's overlay into @cache, over the widget and a margin
 * around it for panning. While the other image still covers the view, at
 * its frame, so that the borders' and outlines' images drawn for it
 * serve again: after a lever only the fills, arcs and labels are drawn. */
static void
cache_draw (LsFlowLayer        *self,
            Cache              *cache,
            LsResult           *result,
            LsShapes           *shapes,
            const LsProjection *projection,
            double              world,
            double              zoom,
            double              width,
            double              height,
            int                 scale)
{
  Cache *other = cache == &self->cache ? &self->old_cache : &self->cache;
  g_autofree char *key = NULL;
  DrawData data = { result, shapes, &self->options, &self->style };
  LsProjection drawn;
  Frame frame;
  cairo_t *cr;

  if (cache->surface != NULL && frame_covers (&cache->frame, projection, zoom, width, height, scale))
    frame = cache->frame;
  else if (other->surface != NULL && frame_covers (&other->frame, projection, zoom, width, height, scale))
    frame = other->frame;
  else
    frame_init (&frame, projection, zoom, width, height, scale);

  cache_clear (cache);
  cache->result = ls_result_ref (result);
  cache->generation = self->generation;
  cache->frame = frame;
  frame_projection (&frame, projection, &drawn);

  cache->surface = create_surface (&frame);
  cr = cairo_create (cache->surface);

  /* The fills' edges lie under the borders: Cairo's fast antialiasing
   * fills them in half the time, and the difference is covered. */
  key = dup_lines_key (self, result);
  if (self->options.metric != LS_MAP_METRIC_MEMBERSHIP)
    {
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
      for_each_copy (cr, &drawn, world, 0, frame.width, fills_copy, &data);
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
      for_each_copy (cr, &drawn, world, 0, frame.width, unmet_copy, &data);
      paint_part (self, cr, &self->lines, key, &frame, projection, world, lines_copy, &data);
    }
  else
    {
      paint_part (self, cr, &self->lines, key, &frame, projection, world, lines_copy, &data);
      for_each_copy (cr, &drawn, world, 0, frame.width, unmet_copy, &data);
    }

  for_each_copy (cr, &drawn, world, 0, frame.width, symbols_copy, &data);
  cairo_destroy (cr);
  cairo_surface_flush (cache->surface);

  cache_keep_image (self, cache);
  self->n_cache_draws++;
}

/* In the middle of a zoom, @cache's image scaled to the new zoom, if it
 * covers the widget: a blit per frame instead of a new overlay, which
 * comes when the zoom settles, and until it is drawn. */
static gboolean
cache_append_scaled (LsFlowLayer        *self,
                     GtkSnapshot        *snapshot,
                     const Cache        *cache,
                     LsResult           *result,
                     const LsProjection *projection,
                     double              zoom,
                     double              width,
                     double              height,
                     int                 scale)
{
  const Frame *frame = &cache->frame;
  graphene_rect_t rect;
  double k;

  if (cache->surface == NULL || cache->result != result || cache->generation != self->generation ||
      frame->scale != scale || fabs (zoom - frame->zoom) > 2)
    return FALSE;

  k = exp2 (zoom - frame->zoom);
  graphene_rect_init (&rect,
                      projection->origin_x + k * (frame->x - frame->origin_x),
                      projection->origin_y + k * (frame->y - frame->origin_y),
                      k * frame->width, k * frame->height);
  if (rect.origin.x > 0 || rect.origin.y > 0 ||
      rect.origin.x + rect.size.width < width || rect.origin.y + rect.size.height < height)
    return FALSE;

  append_image (snapshot, cache, &rect);
  return TRUE;
}

/* The overlay at a settled zoom is drawn in a worker thread, while the
 * frames go on scaling the last image: at 1:50m, zoomed in, the fills,
 * borders and the bloc's outlines took 40 ms and more, a frame that
 * froze the end of every wheel zoom (issue 12). Only the arcs and
 * labels, which need Pango, are left to the main thread, once the rest
 * is ready. Everything the worker reads is its own or immutable. */
struct _SettleDraw
{
  LsResult        *result;
  LsShapes        *shapes;
  LsMapOptions     options;
  LsRenderStyle    style;     /* its font family is not used here */
  LsProjection     projection;
  double           world;
  guint            generation;
  Frame            frame;
  cairo_surface_t *surface;
};

static void
settle_draw_free (SettleDraw *draw)
{
  g_clear_pointer (&draw->result, ls_result_unref);
  g_clear_pointer (&draw->surface, cairo_surface_destroy);
  g_free (draw);
}

/* Everything of the overlay under the arcs and labels, as cache_draw()
 * draws it, with the lines drawn in place rather than kept apart. */
static void
draw_below_symbols (cairo_t            *cr,
                    const LsProjection *drawn,
                    double              world,
                    double              width,
                    DrawData           *data)
{
  if (data->options->metric != LS_MAP_METRIC_MEMBERSHIP)
    {
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
      for_each_copy (cr, drawn, world, 0, width, fills_copy, data);
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
      for_each_copy (cr, drawn, world, 0, width, unmet_copy, data);
      for_each_copy (cr, drawn, world, 0, width, lines_copy, data);
    }
  else
    {
      for_each_copy (cr, drawn, world, 0, width, lines_copy, data);
      for_each_copy (cr, drawn, world, 0, width, unmet_copy, data);
    }
}

static void
settle_draw_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  SettleDraw *draw = task_data;
  DrawData data = { draw->result, draw->shapes, &draw->options, &draw->style };
  LsProjection drawn;
  cairo_t *cr;

  if (g_task_return_error_if_cancelled (task))
    return;

  frame_projection (&draw->frame, &draw->projection, &drawn);
  cr = cairo_create (draw->surface);
  draw_below_symbols (cr, &drawn, draw->world, draw->frame.width, &data);
  cairo_destroy (cr);

  g_task_return_boolean (task, TRUE);
}

static void
cancel_settle_draw (LsFlowLayer *self)
{
  g_cancellable_cancel (self->settle_draw);
  g_clear_object (&self->settle_draw);
  g_clear_pointer (&self->settled, settle_draw_free);
}

/* Whether @draw is still the overlay to show: no other zoom, result,
 * look or fade since it was asked for. */
static gboolean
settle_draw_is_current (LsFlowLayer      *self,
                        const SettleDraw *draw)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  return draw->result == self->result && draw->generation == self->generation && self->old_result == NULL &&
         viewport != NULL && shumate_viewport_get_zoom_level (viewport) == draw->frame.zoom;
}

static void
on_settle_drawn_cb (GObject      *object,
                    GAsyncResult *res,
                    gpointer      user_data)
{
  LsFlowLayer *self = LS_FLOW_LAYER (object);
  GTask *task = G_TASK (res);
  SettleDraw *draw = g_task_get_task_data (task);

  if (!g_task_propagate_boolean (task, NULL) || g_task_get_cancellable (task) != self->settle_draw)
    return;
  g_clear_object (&self->settle_draw);
  if (!settle_draw_is_current (self, draw))
    return;

  /* The next frame finishes it: all the main thread does for it is in
   * that frame. */
  g_clear_pointer (&self->settled, settle_draw_free);
  self->settled = g_new (SettleDraw, 1);
  *self->settled = *draw;
  draw->result = NULL;
  draw->surface = NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Draws the arcs and labels over the settled zoom's image and makes it
 * the one shown. */
static void
finish_settle_draw (LsFlowLayer *self)
{
  SettleDraw *draw = g_steal_pointer (&self->settled);
  DrawData data = { draw->result, draw->shapes, &self->options, &self->style };
  LsProjection drawn;
  cairo_t *cr;

  if (settle_draw_is_current (self, draw))
    {
      frame_projection (&draw->frame, &draw->projection, &drawn);
      cr = cairo_create (draw->surface);
      for_each_copy (cr, &drawn, draw->world, 0, draw->frame.width, symbols_copy, &data);
      cairo_destroy (cr);
      cairo_surface_flush (draw->surface);

      cache_clear (&self->cache);
      self->cache.result = ls_result_ref (draw->result);
      self->cache.generation = draw->generation;
      self->cache.frame = draw->frame;
      self->cache.surface = g_steal_pointer (&draw->surface);
      cache_keep_image (self, &self->cache);
      self->n_cache_draws++;
    }

  settle_draw_free (draw);
}

/* Starts drawing the overlay at the settled @zoom, over the widget and a
 * margin around it, unless it is being drawn already. */
static void
start_settle_draw (LsFlowLayer        *self,
                   LsShapes           *shapes,
                   const LsProjection *projection,
                   double              world,
                   double              zoom,
                   double              width,
                   double              height,
                   int                 scale)
{
  g_autoptr(GTask) task = NULL;
  SettleDraw *draw;

  if (self->settle_draw != NULL && self->settle_zoom == zoom)
    return;
  cancel_settle_draw (self);

  draw = g_new0 (SettleDraw, 1);
  draw->result = ls_result_ref (self->result);
  draw->shapes = shapes;
  draw->options = self->options;
  draw->style = self->style;
  draw->style.font_family = NULL;
  draw->projection = *projection;
  draw->world = world;
  draw->generation = self->generation;
  frame_init (&draw->frame, projection, zoom, width, height, scale);
  draw->surface = create_surface (&draw->frame);

  self->settle_draw = g_cancellable_new ();
  self->settle_zoom = zoom;
  task = g_task_new (self, self->settle_draw, on_settle_drawn_cb, NULL);
  g_task_set_name (task, "ls_flow_layer_settle_draw");
  g_task_set_task_data (task, draw, (GDestroyNotify) settle_draw_free);
  g_task_run_in_thread (task, settle_draw_thread);
}

static void
cache_append (GtkSnapshot        *snapshot,
              const Cache        *cache,
              const LsProjection *projection,
              double              alpha)
{
  if (alpha < 1.0)
    gtk_snapshot_push_opacity (snapshot, alpha);
  append_image (snapshot, cache,
                &GRAPHENE_RECT_INIT (cache->frame.x + projection->origin_x - cache->frame.origin_x,
                                     cache->frame.y + projection->origin_y - cache->frame.origin_y,
                                     cache->frame.width, cache->frame.height));
  if (alpha < 1.0)
    gtk_snapshot_pop (snapshot);
}

/* The highlighted country, on top, in nodes no larger than its parts:
 * on a hover only their boxes are damaged and repainted. One box around
 * the whole United States, Alaska and Hawaii with it, was a third of the
 * view's width; repainted on every hover to it and away from it, it made
 * those frames four times as costly as a hover of China (issue 12). */
static void
append_highlight (LsFlowLayer        *self,
                  GtkSnapshot        *snapshot,
                  LsShapes           *shapes,
                  const LsProjection *projection,
                  double              world,
                  double              width,
                  double              height)
{
  int shape = ls_shapes_lookup (shapes, self->highlight);
  double left = projection->origin_x - world / 2;
  double pad = HIGHLIGHT_WIDTH + 2;
  g_autoptr(GArray) boxes = NULL;
  guint n_polygons;

  if (shape < 0)
    return;

  /* Each polygon's box, wherever a copy of the world shows it, merged
   * with those it meets: the islands of Indonesia or Canada's north are
   * a few boxes at the world's zoom. */
  boxes = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_int_t));
  n_polygons = ls_shapes_get_n_polygons (shapes, shape);
  for (double k = ceil ((0 - left - world) / world); left + k * world < width; k++)
    for (guint p = 0; p < n_polygons; p++)
      {
        LsGeoBounds b;
        double x1, y1, x2, y2, ox = projection->origin_x + k * world;
        cairo_rectangle_int_t rect;

        ls_shapes_get_polygon_bounds (shapes, shape, p, &b);
        ls_projection_get_raw_bounds (projection->kind, b.west, b.south, b.east, b.north, &x1, &y1, &x2, &y2);
        rect.x = (int) floor (MAX (ox + x1 * projection->scale - pad, 0));
        rect.y = (int) floor (MAX (projection->origin_y - y2 * projection->scale - pad, 0));
        rect.width = (int) ceil (MIN (ox + x2 * projection->scale + pad, width)) - rect.x;
        rect.height = (int) ceil (MIN (projection->origin_y - y1 * projection->scale + pad, height)) - rect.y;
        if (rect.width > 0 && rect.height > 0)
          add_box (boxes, rect);
      }

  /* Beyond a few, one box around them all: each node draws the whole
   * country, clipped to its box. */
  if (boxes->len > MAX_HIGHLIGHT_NODES)
    {
      cairo_region_t *region = cairo_region_create ();
      cairo_rectangle_int_t all;

      for (guint i = 0; i < boxes->len; i++)
        cairo_region_union_rectangle (region, &g_array_index (boxes, cairo_rectangle_int_t, i));
      cairo_region_get_extents (region, &all);
      cairo_region_destroy (region);
      g_array_set_size (boxes, 0);
      g_array_append_val (boxes, all);
    }

  for (guint i = 0; i < boxes->len; i++)
    {
      const cairo_rectangle_int_t *box = &g_array_index (boxes, cairo_rectangle_int_t, i);
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (box->x, box->y, box->width,
                                                                              box->height));

      for (double k = ceil ((0 - left - world) / world); left + k * world < width; k++)
        {
          LsProjection copy = *projection;

          copy.origin_x += k * world;
          ls_render_map_highlight (cr, shapes, shape, &self->style, &copy, HIGHLIGHT_WIDTH);
        }
      cairo_destroy (cr);
    }
}

/* libshumate 1.0 repeats the world vertically as well as across the
 * antimeridian. Above and below the world there is nothing; paint it as
 * open sea so that a short wide world in a tall view does not show
 * Antarctica stacked over the Arctic. */
static void
mask_vertical_repeats (LsFlowLayer        *self,
                       cairo_t            *cr,
                       const LsProjection *projection,
                       double              world,
                       double              width,
                       double              height)
{
  double top = projection->origin_y - world / 2;
  double bottom = projection->origin_y + world / 2;
  double reach = hypot (width, height);

  cairo_set_source_rgba (cr, self->style.sea.red, self->style.sea.green, self->style.sea.blue, 1.0);
  if (top > -reach)
    cairo_rectangle (cr, -reach, -reach, width + 2 * reach, top + reach);
  if (bottom < height + reach)
    cairo_rectangle (cr, -reach, bottom, width + 2 * reach, height + reach - bottom);
  cairo_fill (cr);
}

/* The same, unrotated, as colour nodes: cheap, and no damage while the
 * view stays. */
static void
append_vertical_mask (LsFlowLayer        *self,
                      GtkSnapshot        *snapshot,
                      const LsProjection *projection,
                      double              world,
                      double              width,
                      double              height)
{
  GdkRGBA sea = { self->style.sea.red, self->style.sea.green, self->style.sea.blue, 1.0 };
  double top = projection->origin_y - world / 2;
  double bottom = projection->origin_y + world / 2;

  if (top > 0)
    gtk_snapshot_append_color (snapshot, &sea, &GRAPHENE_RECT_INIT (0, 0, width, MIN (top, height)));
  if (bottom < height)
    gtk_snapshot_append_color (snapshot, &sea, &GRAPHENE_RECT_INIT (0, MAX (bottom, 0), width,
                                                                     height - MAX (bottom, 0)));
}

static void
ls_flow_layer_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  LsFlowLayer *self = LS_FLOW_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  double world, rotation, zoom, t;
  gboolean scaled;
  LsProjection projection;
  LsShapes *shapes;
  gint64 start;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  if (!ls_flow_layer_get_projection (self, &projection, &world))
    return;

  start = g_get_monotonic_time ();
  zoom = shumate_viewport_get_zoom_level (viewport);
  shapes = ls_map_source_get_shapes_for_zoom (floor (zoom));

  /* The viewport rotates the map about the widget's centre (a touch
   * gesture); then the overlay is drawn directly, uncached. */
  rotation = shumate_viewport_get_rotation (viewport);
  if (rotation != 0)
    {
      double reach = hypot (width, height);
      DrawData data = { self->result, shapes, &self->options, &self->style };
      HighlightData highlight = { shapes, self->highlight, &self->style };

      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

      cairo_translate (cr, width / 2, height / 2);
      cairo_rotate (cr, rotation);
      cairo_translate (cr, -width / 2, -height / 2);
      mask_vertical_repeats (self, cr, &projection, world, width, height);
      if (self->result != NULL)
        {
          self->n_snapshots++;
          for_each_copy (cr, &projection, world, -(reach - width) / 2, width + (reach - width) / 2,
                         draw_copy, &data);
          if (self->highlight != NULL)
            for_each_copy (cr, &projection, world, -(reach - width) / 2, width + (reach - width) / 2,
                           highlight_copy, &highlight);
        }
      cairo_destroy (cr);
      self->last_draw_usec = g_get_monotonic_time () - start;
      return;
    }

  append_vertical_mask (self, snapshot, &projection, world, width, height);

  if (self->result != NULL)
    {
      self->n_snapshots++;
      t = fade_progress (self);
      if (self->settled != NULL)
        finish_settle_draw (self);

      scaled = FALSE;
      if (!cache_valid (self, &self->cache, self->result, &projection, zoom, width, height, scale))
        {
          if (t >= 1.0 &&
              cache_append_scaled (self, snapshot, &self->cache, self->result, &projection, zoom, width, height,
                                   scale))
            {
              scaled = TRUE;
              if (g_get_monotonic_time () - self->zoom_changed >= (gint64) self->settle_msec * G_TIME_SPAN_MILLISECOND)
                start_settle_draw (self, shapes, &projection, world, zoom, width, height, scale);
            }
          else
            cache_draw (self, &self->cache, self->result, shapes, &projection, world, zoom, width, height, scale);
        }

      if (scaled)
        ;
      else if (t < 1.0 && self->old_result != NULL)
        {
          /* A cross-fade of two cached images: the old result's was
           * kept when the new one arrived, so a fade frame costs two
           * blits whatever the map shows. */
          self->n_faded_snapshots++;
          if (!cache_valid (self, &self->old_cache, self->old_result, &projection, zoom, width, height, scale))
            cache_draw (self, &self->old_cache, self->old_result, shapes, &projection, world, zoom, width, height,
                        scale);
          cache_append (snapshot, &self->old_cache, &projection, 1.0 - t);
          cache_append (snapshot, &self->cache, &projection, t);
        }
      else
        cache_append (snapshot, &self->cache, &projection, 1.0);

      if (self->highlight != NULL)
        append_highlight (self, snapshot, shapes, &projection, world, width, height);
    }

  self->last_draw_usec = g_get_monotonic_time () - start;
  if (self->old_result != NULL)
    self->max_fade_draw_usec = MAX (self->max_fade_draw_usec, self->last_draw_usec);
}

static void
ls_flow_layer_constructed (GObject *object)
{
  LsFlowLayer *self = LS_FLOW_LAYER (object);

  G_OBJECT_CLASS (ls_flow_layer_parent_class)->constructed (object);

  g_signal_connect_swapped (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                            G_CALLBACK (on_viewport_notify_cb), self);
}

static void
ls_flow_layer_dispose (GObject *object)
{
  LsFlowLayer *self = LS_FLOW_LAYER (object);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  if (viewport != NULL)
    g_signal_handlers_disconnect_by_data (viewport, self);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  cancel_settle_draw (self);
  if (self->fade_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fade_tick_id);
      self->fade_tick_id = 0;
    }
  g_clear_pointer (&self->result, ls_result_unref);
  g_clear_pointer (&self->old_result, ls_result_unref);
  cache_clear (&self->cache);
  cache_clear (&self->old_cache);
  part_clear (&self->lines);

  G_OBJECT_CLASS (ls_flow_layer_parent_class)->dispose (object);
}

static void
ls_flow_layer_finalize (GObject *object)
{
  LsFlowLayer *self = LS_FLOW_LAYER (object);

  g_clear_pointer (&self->highlight, g_free);

  G_OBJECT_CLASS (ls_flow_layer_parent_class)->finalize (object);
}

static void
ls_flow_layer_class_init (LsFlowLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ls_flow_layer_constructed;
  object_class->dispose = ls_flow_layer_dispose;
  object_class->finalize = ls_flow_layer_finalize;

  widget_class->snapshot = ls_flow_layer_snapshot;

  gtk_widget_class_set_css_name (widget_class, "flowlayer");
}

static void
ls_flow_layer_init (LsFlowLayer *self)
{
  self->settle_msec = ZOOM_SETTLE_MSEC;
  ls_map_options_init (&self->options);
  ls_render_style_init (&self->style, FALSE);
}

/**
 * ls_flow_layer_new:
 * @viewport: the map's viewport
 *
 * Returns: (transfer full): a new #LsFlowLayer showing nothing until it
 *   is given a result
 */
LsFlowLayer *
ls_flow_layer_new (ShumateViewport *viewport)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);

  return g_object_new (LS_TYPE_FLOW_LAYER, "viewport", viewport, NULL);
}

/**
 * ls_flow_layer_get_result:
 * @self: a #LsFlowLayer
 *
 * Returns: (transfer none) (nullable): the result shown
 */
LsResult *
ls_flow_layer_get_result (LsFlowLayer *self)
{
  g_return_val_if_fail (LS_IS_FLOW_LAYER (self), NULL);

  return self->result;
}

/**
 * ls_flow_layer_set_result:
 * @self: a #LsFlowLayer
 * @result: (nullable): the result to show
 */
void
ls_flow_layer_set_result (LsFlowLayer *self,
                          LsResult    *result)
{
  g_return_if_fail (LS_IS_FLOW_LAYER (self));

  if (self->result == result)
    return;

  /* A change of scenario fades from the old map to the new one
   * (DESIGN.md: views animate from the old result to the new). */
  g_clear_pointer (&self->old_result, ls_result_unref);
  if (self->result != NULL && result != NULL &&
      gtk_widget_get_mapped (GTK_WIDGET (self)) && animations_enabled (GTK_WIDGET (self)))
    {
      self->old_result = g_steal_pointer (&self->result);
      /* The old result's overlay, as last drawn, fades out. */
      cache_clear (&self->old_cache);
      self->old_cache = self->cache;
      self->cache = (Cache) { 0 };
      self->fade_start = g_get_monotonic_time ();
      if (self->fade_tick_id == 0)
        self->fade_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), fade_tick_cb, NULL, NULL);
    }

  g_clear_pointer (&self->result, ls_result_unref);
  if (result != NULL)
    self->result = ls_result_ref (result);
  cancel_settle_draw (self);
  if (self->old_result == NULL)
    cache_clear (&self->old_cache);

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * ls_flow_layer_get_options:
 * @self: a #LsFlowLayer
 * @options: (out caller-allocates): what the layer shows
 */
void
ls_flow_layer_get_options (LsFlowLayer  *self,
                           LsMapOptions *options)
{
  g_return_if_fail (LS_IS_FLOW_LAYER (self));
  g_return_if_fail (options != NULL);

  *options = self->options;
}

/**
 * ls_flow_layer_set_options:
 * @self: a #LsFlowLayer
 * @options: metric, stage and arcs
 */
void
ls_flow_layer_set_options (LsFlowLayer        *self,
                           const LsMapOptions *options)
{
  g_return_if_fail (LS_IS_FLOW_LAYER (self));
  g_return_if_fail (options != NULL);

  self->options = *options;
  self->generation++;
  cancel_settle_draw (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * ls_flow_layer_set_render_style:
 * @self: a #LsFlowLayer
 * @style: colours and font scale
 */
void
ls_flow_layer_set_render_style (LsFlowLayer         *self,
                                const LsRenderStyle *style)
{
  g_return_if_fail (LS_IS_FLOW_LAYER (self));
  g_return_if_fail (style != NULL);

  self->style = *style;
  self->generation++;
  self->style_generation++;
  cancel_settle_draw (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * ls_flow_layer_get_highlight:
 * @self: a #LsFlowLayer
 *
 * Returns: (nullable): the ISO3 code of the highlighted country
 */
const char *
ls_flow_layer_get_highlight (LsFlowLayer *self)
{
  g_return_val_if_fail (LS_IS_FLOW_LAYER (self), NULL);

  return self->highlight;
}

/**
 * ls_flow_layer_set_highlight:
 * @self: a #LsFlowLayer
 * @iso3: (nullable): the country to highlight, or %NULL for none
 */
void
ls_flow_layer_set_highlight (LsFlowLayer *self,
                             const char  *iso3)
{
  g_return_if_fail (LS_IS_FLOW_LAYER (self));

  if (g_strcmp0 (self->highlight, iso3) == 0)
    return;

  g_free (self->highlight);
  self->highlight = g_strdup (iso3);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * ls_flow_layer_get_max_arc_width:
 * @self: a #LsFlowLayer
 *
 * Returns: the width of the largest arc, in pixels, for the legend
 */
double
ls_flow_layer_get_max_arc_width (LsFlowLayer *self)
{
  g_return_val_if_fail (LS_IS_FLOW_LAYER (self), MAX_ARC_WIDTH);

  return MAX_ARC_WIDTH * MAX (self->style.font_scale, 1.0);
}

/**
 * ls_flow_layer_get_projection:
 * @self: a #LsFlowLayer
 * @projection: (out caller-allocates): the viewport as a Web Mercator
 *   projection onto the layer's (unrotated) coordinates
 * @world_width: (out) (optional): the width of the world in pixels
 *
 * The viewport's mapping of locations to widget coordinates as an
 * affine #LsProjection, so that the precomputed shapes need no
 * trigonometry per frame. It agrees with
 * shumate_viewport_location_to_widget_coords() when the rotation is 0.
 *
 * Returns: %FALSE if the viewport has no reference map source yet
 */
gboolean
ls_flow_layer_get_projection (LsFlowLayer  *self,
                              LsProjection *projection,
                              double       *world_width)
{
  ShumateViewport *viewport;
  ShumateMapSource *reference;
  double zoom, tile_size, cx, cy;

  g_return_val_if_fail (LS_IS_FLOW_LAYER (self), FALSE);
  g_return_val_if_fail (projection != NULL, FALSE);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  reference = shumate_viewport_get_reference_map_source (viewport);
  if (reference == NULL)
    return FALSE;

  zoom = shumate_viewport_get_zoom_level (viewport);
  tile_size = shumate_map_source_get_tile_size (reference);
  ls_projection_init_tiles (projection, zoom, tile_size);

  ls_projection_project (projection,
                         shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                         shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                         &cx, &cy);
  projection->origin_x += gtk_widget_get_width (GTK_WIDGET (self)) / 2.0 - cx;
  projection->origin_y += gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 - cy;

  if (world_width != NULL)
    *world_width = tile_size * exp2 (zoom);

  return TRUE;
}

/**
 * ls_flow_layer_get_n_snapshots:
 * @self: a #LsFlowLayer
 *
 * For tests.
 *
 * Returns: how many times the layer has drawn a result
 */
guint
ls_flow_layer_get_n_snapshots (LsFlowLayer *self)
{
  g_return_val_if_fail (LS_IS_FLOW_LAYER (self), 0);

  return self->n_snapshots;
}

/**
 * ls_flow_layer_get_n_faded_snapshots:
 * @self: a #LsFlowLayer
 *
 * For tests.
 *
 * Returns: how many times the layer has drawn a blend of two results,
 *   in the middle of a fade
 */
guint
ls_flow_layer_get_n_faded_snapshots (LsFlowLayer *self)
{
  g_return_val_if_fail (LS_IS_FLOW_LAYER (self), 0);

  return self->n_faded_snapshots;
}

/**
 * ls_flow_layer_is_fading:
 * @self: a #LsFlowLayer
 *
 * Returns: %TRUE while a new result fades in
 */
gboolean
ls_flow_layer_is_fading (LsFlowLayer *self)
{
  g_return_val_if_fail (LS_IS_FLOW_LAYER (self), FALSE);

  return self->fade_tick_id != 0;
}

/**
 * ls_flow_layer_get_n_cache_draws:
 * @self: a #LsFlowLayer
 *
 * For tests and benchmarks.
 *
 * Returns: how many times the layer has drawn a result's overlay anew
 *   into its cache, rather than painting the cached image
 */
guint
ls_flow_layer_get_n_cache_draws (LsFlowLayer *self)
{
  g_return_val_if_fail (LS_IS_FLOW_LAYER (self), 0);

  return self->n_cache_draws;
}

/**
 * ls_flow_layer_check_image:
 * @self: a #LsFlowLayer
 *
 * For tests: draws the overlay as a frame draws it, on the main thread,
 * at the frame of the image shown, its lines' image too, all from
 * nothing, and compares the two. The image of a settled zoom is drawn in
 * a worker thread by other steps (its lines in place, not from their own
 * image), so the two may differ by rounding: by one or two levels of a
 * channel, never more.
 *
 * Returns: whether the image shown is the overlay the main thread draws
 */
gboolean
ls_flow_layer_check_image (LsFlowLayer *self)
{
  ShumateViewport *viewport;
  Cache check = { 0 };
  Part lines = { 0 };
  LsProjection projection;
  double world, zoom;
  guint n_draws;
  int max_diff = 0;
  const guchar *a, *b;
  int stride, width, height;

  g_return_val_if_fail (LS_IS_FLOW_LAYER (self), FALSE);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  if (self->result == NULL || self->cache.surface == NULL ||
      !ls_flow_layer_get_projection (self, &projection, &world))
    return FALSE;

  zoom = shumate_viewport_get_zoom_level (viewport);
  n_draws = self->n_cache_draws;
  /* The lines' image may have been brought up to date in place: it is
   * not what is checked against. */
  lines = self->lines;
  self->lines = (Part) { 0 };
  cache_draw (self, &check, self->result, ls_map_source_get_shapes_for_zoom (floor (zoom)), &projection, world,
              zoom, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)),
              gtk_widget_get_scale_factor (GTK_WIDGET (self)));
  part_clear (&self->lines);
  self->lines = lines;
  self->n_cache_draws = n_draws;

  if (!frame_equal (&check.frame, &self->cache.frame))
    {
      cache_clear (&check);
      return FALSE;
    }

  cairo_surface_flush (self->cache.surface);
  width = cairo_image_surface_get_width (check.surface);
  height = cairo_image_surface_get_height (check.surface);
  stride = cairo_image_surface_get_stride (check.surface);
  a = cairo_image_surface_get_data (check.surface);
  b = cairo_image_surface_get_data (self->cache.surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width * 4; x++)
      max_diff = MAX (max_diff, abs (a[y * stride + x] - b[y * stride + x]));

  cache_clear (&check);
  g_debug ("the image shown and the one drawn anew differ by %d at most", max_diff);

  return max_diff <= 2;
}

/**
 * ls_flow_layer_get_n_lines_updates:
 * @self: a #LsFlowLayer
 *
 * For tests: how many times the image of the borders and the bloc's
 * outlines was brought up to date in place, drawn anew only around the
 * countries that joined or left the bloc, or whose fill came to cover
 * their borders or stopped.
 *
 * Returns: the number of such updates since @self was made
 */
guint
ls_flow_layer_get_n_lines_updates (LsFlowLayer *self)
{
  g_return_val_if_fail (LS_IS_FLOW_LAYER (self), 0);

  return self->n_lines_updates;
}

/**
 * ls_flow_layer_get_max_fade_draw_time:
 * @self: a #LsFlowLayer
 *
 * For benchmarks: the longest snapshot of a fade frame so far, in
 * microseconds; ls_flow_layer_reset_timings() starts again.
 *
 * Returns: the time
 */
gint64
ls_flow_layer_get_max_fade_draw_time (LsFlowLayer *self)
{
  g_return_val_if_fail (LS_IS_FLOW_LAYER (self), 0);

  return self->max_fade_draw_usec;
}

/**
 * ls_flow_layer_reset_timings:
 * @self: a #LsFlowLayer
 *
 * Forgets the longest fade frame.
 */
void
ls_flow_layer_reset_timings (LsFlowLayer *self)
{
  g_return_if_fail (LS_IS_FLOW_LAYER (self));

  self->max_fade_draw_usec = 0;
}

/**
 * ls_flow_layer_set_zoom_settle_time:
 * @self: a #LsFlowLayer
 * @msec: how long the zoom must stand still before the overlay is drawn
 *   anew at it; 0 to draw it anew on every change of zoom
 *
 * For tests, which must not depend on how long a frame takes.
 */
void
ls_flow_layer_set_zoom_settle_time (LsFlowLayer *self,
                                    guint        msec)
{
  g_return_if_fail (LS_IS_FLOW_LAYER (self));

  self->settle_msec = msec;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * ls_flow_layer_get_last_draw_time:
 * @self: a #LsFlowLayer
 *
 * For tests and profiling.
 *
 * Returns: how long the last snapshot took to draw, in microseconds
 */
gint64
ls_flow_layer_get_last_draw_time (LsFlowLayer *self)
{
  g_return_val_if_fail (LS_IS_FLOW_LAYER (self), 0);

  return self->last_draw_usec;
}
