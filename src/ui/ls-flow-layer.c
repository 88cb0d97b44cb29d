/* ls-flow-layer.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-flow-layer"

#include "config.h"

#include "ls-flow-layer.h"

#include "ls-map-source.h"

#include <math.h>

/* The result drawn over the tiles: choropleth, bloc outlines, the
 * hovered country and the flow arcs. Built like ShumatePathLayer: one
 * Cairo node over the whole widget per frame, redrawn on any change of
 * the viewport. The drawing itself is the render library's, the same
 * code as the exported figure; only the projection differs. */

/* Widths in widget pixels, whatever the zoom: arcs and outlines are
 * symbols, not geography. */
#define MAX_ARC_WIDTH     14.0
#define BORDER_WIDTH      0.6
#define OUTLINE_WIDTH     1.8
#define HIGHLIGHT_WIDTH   2.5

/* A new result cross-fades in over this long, in µs. */
#define FADE_USEC         (250 * G_TIME_SPAN_MILLISECOND)

struct _LsFlowLayer
{
  ShumateLayer   parent_instance;

  /* Owned */
  LsResult      *result;
  LsResult      *old_result;    /* fading out */
  char          *highlight;

  gint64         fade_start;
  guint          fade_tick_id;

  LsMapOptions   options;
  LsRenderStyle  style;
  guint          n_snapshots;
  guint          n_faded_snapshots;
  gint64         last_draw_usec;
};

G_DEFINE_FINAL_TYPE (LsFlowLayer, ls_flow_layer, SHUMATE_TYPE_LAYER)

static void
on_viewport_notify_cb (LsFlowLayer *self,
                       GParamSpec  *pspec,
                       gpointer     viewport)
{
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

static void
draw_result (LsFlowLayer        *self,
             cairo_t            *cr,
             LsResult           *result,
             LsShapes           *shapes,
             const LsProjection *projection)
{
  ls_render_map_choropleth (cr, result, shapes, &self->style, &self->options, projection, BORDER_WIDTH);

  if (self->highlight != NULL)
    {
      int shape = ls_shapes_lookup (shapes, self->highlight);

      if (shape >= 0)
        ls_render_map_highlight (cr, shapes, shape, &self->style, projection, HIGHLIGHT_WIDTH);
    }

  ls_render_map_outlines (cr, result, shapes, &self->style, projection, OUTLINE_WIDTH);
  ls_render_map_arcs (cr, result, &self->style, &self->options, projection,
                      MAX_ARC_WIDTH * MAX (self->style.font_scale, 1.0));
}

static void
draw_world (LsFlowLayer        *self,
            cairo_t            *cr,
            LsShapes           *shapes,
            const LsProjection *projection)
{
  double t = fade_progress (self);

  if (t >= 1.0)
    {
      draw_result (self, cr, self->result, shapes, projection);
      return;
    }

  self->n_faded_snapshots++;

  cairo_push_group (cr);
  draw_result (self, cr, self->old_result, shapes, projection);
  cairo_pop_group_to_source (cr);
  cairo_paint_with_alpha (cr, 1.0 - t);

  cairo_push_group (cr);
  draw_result (self, cr, self->result, shapes, projection);
  cairo_pop_group_to_source (cr);
  cairo_paint_with_alpha (cr, t);
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

static void
ls_flow_layer_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  LsFlowLayer *self = LS_FLOW_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double world, left, reach, rotation;
  LsProjection projection;
  LsShapes *shapes;
  gint64 start;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  if (!ls_flow_layer_get_projection (self, &projection, &world))
    return;

  start = g_get_monotonic_time ();
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* The viewport rotates the map about the widget's centre. */
  rotation = shumate_viewport_get_rotation (viewport);
  if (rotation != 0)
    {
      cairo_translate (cr, width / 2, height / 2);
      cairo_rotate (cr, rotation);
      cairo_translate (cr, -width / 2, -height / 2);
    }

  mask_vertical_repeats (self, cr, &projection, world, width, height);

  if (self->result != NULL)
    {
      self->n_snapshots++;
      shapes = ls_map_source_get_shapes_for_zoom (floor (shumate_viewport_get_zoom_level (viewport)));

      /* The tiles repeat east and west when the world is narrower than
       * the widget; draw a copy of the overlay on each repetition. */
      reach = rotation != 0 ? hypot (width, height) : width;
      left = projection.origin_x - world / 2;
      for (double k = ceil ((-(reach - width) / 2 - left - world) / world);
           left + k * world < width + (reach - width) / 2;
           k++)
        {
          LsProjection copy = projection;

          copy.origin_x += k * world;
          draw_world (self, cr, shapes, &copy);
        }
    }

  cairo_destroy (cr);
  self->last_draw_usec = g_get_monotonic_time () - start;
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
  if (self->fade_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fade_tick_id);
      self->fade_tick_id = 0;
    }
  g_clear_pointer (&self->result, ls_result_unref);
  g_clear_pointer (&self->old_result, ls_result_unref);

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
      self->fade_start = g_get_monotonic_time ();
      if (self->fade_tick_id == 0)
        self->fade_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), fade_tick_cb, NULL, NULL);
    }

  g_clear_pointer (&self->result, ls_result_unref);
  if (result != NULL)
    self->result = ls_result_ref (result);

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
