/* ls-map-view.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-map-view"

#include "config.h"

#include "ls-map-view.h"

#include "ls-format.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* The interactive world map: a ShumateMap with our offline tile source
 * (sea, land, borders) and LsFlowLayer on top (choropleth, bloc outlines,
 * hover, arcs), plus a legend in a GtkOverlay. Pan, zoom and pinch are
 * ShumateMap's own; the view adds hover, click, keyboard and words for
 * assistive technologies. It never computes a share: it holds a result. */

#define LEGEND_PADDING 10.0
#define LEGEND_MARGIN  12
/* A press that moves further than this is a drag, not a click. */
#define CLICK_SLOP     6.0

struct _LsMapView
{
  GtkWidget        parent_instance;

  /* Children */
  GtkWidget       *overlay;
  ShumateMap      *map;
  GtkWidget       *legend;

  /* Borrowed: owned by the map */
  ShumateMapLayer *tile_layer;
  ShumateMapLayer *online_layer;
  LsFlowLayer     *flow_layer;

  /* Owned */
  LsMapSource     *source;
  LsResult        *result;
  char            *highlight;

  LsRenderStyle    style;
  LsMapOptions     options;
  gboolean         fitted;
  gboolean         pointer_inside;
  double           pointer_x;
  double           pointer_y;
  double           press_x;
  double           press_y;
};

G_DEFINE_FINAL_TYPE (LsMapView, ls_map_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_RESULT,
  PROP_METRIC,
  PROP_STAGE,
  PROP_SHOW_ARCS,
  PROP_HIGHLIGHT_COUNTRY,
  PROP_ONLINE_TILES,
  N_PROPS
};

enum
{
  COUNTRY_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static ShumateViewport *
get_viewport (LsMapView *self)
{
  return shumate_map_get_viewport (self->map);
}

static void
update_accessible (LsMapView *self)
{
  g_autofree char *description = NULL;

  if (self->result != NULL)
    description = ls_render_map_dup_description (self->result, &self->options);
  else
    description = g_strdup (_("No data loaded"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("World map"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
update_legend (LsMapView *self)
{
  cairo_surface_t *scratch;
  cairo_t *cr;
  double width = 0, height = 0;

  if (self->result == NULL || self->options.stage >= ls_result_get_n_stages (self->result))
    {
      gtk_widget_set_visible (self->legend, FALSE);
      return;
    }

  /* Text is measured the same on any Cairo context with Pango's default
   * font map, so a tiny scratch surface will do. */
  scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (scratch);
  ls_render_map_measure_legend (cr, self->result, &self->style, &self->options,
                                ls_flow_layer_get_max_arc_width (self->flow_layer), &width, &height);
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->legend), ceil (width + 2 * LEGEND_PADDING));
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->legend), ceil (height + 2 * LEGEND_PADDING));
  gtk_widget_set_visible (self->legend, width > 0 && height > 0);
  gtk_widget_queue_draw (self->legend);
}

static void
options_changed (LsMapView *self)
{
  ls_flow_layer_set_options (self->flow_layer, &self->options);
  update_legend (self);
  update_accessible (self);
}

static void
legend_draw_func (GtkDrawingArea *area,
                  cairo_t        *cr,
                  int             width,
                  int             height,
                  gpointer        user_data)
{
  LsMapView *self = user_data;
  const LsColor *bg = &self->style.background;
  const LsColor *line = &self->style.grid;
  double r = 8;

  if (self->result == NULL)
    return;

  cairo_new_sub_path (cr);
  cairo_arc (cr, width - r, r, r, -G_PI / 2, 0);
  cairo_arc (cr, width - r, height - r, r, 0, G_PI / 2);
  cairo_arc (cr, r, height - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, r, r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, bg->red, bg->green, bg->blue, 0.9);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, line->red, line->green, line->blue, line->alpha);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  ls_render_map_legend (cr, self->result, &self->style, &self->options,
                        ls_flow_layer_get_max_arc_width (self->flow_layer),
                        LEGEND_PADDING, LEGEND_PADDING);
}

/* The tile source draws the colours it was made with, and libshumate
 * caches its tiles per layer: a new look needs a new source and layer. */
static void
replace_tile_layer (LsMapView *self)
{
  ShumateViewport *viewport = get_viewport (self);
  ShumateMapLayer *old_layer = self->tile_layer;

  g_clear_object (&self->source);
  self->source = ls_map_source_new (&self->style);
  shumate_viewport_set_reference_map_source (viewport, SHUMATE_MAP_SOURCE (self->source));

  self->tile_layer = shumate_map_layer_new (SHUMATE_MAP_SOURCE (self->source), viewport);
  /* Under the online tiles when they are on, else under the overlay. */
  shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (self->tile_layer),
                                   self->online_layer != NULL ? SHUMATE_LAYER (self->online_layer)
                                                              : SHUMATE_LAYER (self->flow_layer));
  if (old_layer != NULL)
    shumate_map_remove_layer (self->map, SHUMATE_LAYER (old_layer));
}

static gboolean
same_tile_colors (const LsRenderStyle *a,
                  const LsRenderStyle *b)
{
  return memcmp (&a->sea, &b->sea, sizeof a->sea) == 0 &&
         memcmp (&a->land, &b->land, sizeof a->land) == 0 &&
         memcmp (&a->border, &b->border, sizeof a->border) == 0;
}

/* The figures behind one country's colour, and where they come from. */
static char *
dup_tooltip_markup (LsMapView  *self,
                    const char *iso3)
{
  g_autoptr(GString) out = g_string_new (NULL);
  LsDataset *dataset;
  const LsFigure *figure;
  const char *stage_name;
  g_autofree char *tonnes = NULL;
  guint stage = self->options.stage;
  int country;

  if (self->result == NULL || stage >= ls_result_get_n_stages (self->result))
    return NULL;

  dataset = ls_result_get_dataset (self->result);
  country = ls_dataset_lookup_country (dataset, iso3);
  if (country < 0)
    {
      LsShapes *shapes = ls_shapes_get_default (LS_SHAPES_DETAIL_LOW);
      int shape = ls_shapes_lookup (shapes, iso3);
      const char *name = shape >= 0 ? ls_shapes_get_name (shapes, shape) : iso3;
      g_autofree char *escaped = g_markup_escape_text (name, -1);

      g_string_append_printf (out, "<b>%s</b>\n%s", escaped, _("Not in the dataset"));
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  stage_name = ls_dataset_get_stage_name (dataset, stage);
  tonnes = ls_format_number (round (ls_result_get_production (self->result, stage, country)), 0);

  {
    g_autofree char *name = g_markup_escape_text (ls_dataset_get_country_name (dataset, country), -1);

    g_string_append_printf (out, "<b>%s</b>\n", name);
  }
  {
    g_autofree char *share = ls_format_percent (ls_result_get_share (self->result, stage, country), 1);
    /* Translators: e.g. "Mining, 2024: 270,000 t REO, 68.7 % of world output" */
    g_autofree char *line = g_markup_printf_escaped (_("%s, %d: %s %s, %s of world output"),
                                                     stage_name,
                                                     ls_result_get_year (self->result),
                                                     tonnes,
                                                     ls_dataset_get_stage_unit (dataset, stage),
                                                     share);
    g_string_append (out, line);
  }

  if (self->options.metric == LS_MAP_METRIC_DEPENDENCY && ls_result_get_n_members (self->result) > 0)
    {
      g_autofree char *share = ls_format_percent (ls_result_get_dependency_on (self->result, stage, country), 1);
      g_autofree char *line = g_markup_printf_escaped (_("The bloc’s dependency on it: %s"), share);
      g_string_append_printf (out, "\n%s", line);
    }

  g_string_append (out, "\n");
  if (ls_result_is_member (self->result, country))
    g_string_append (out, _("Bloc member"));
  else if (ls_result_get_n_members (self->result) > 0)
    g_string_append (out, _("Not in the bloc"));
  else
    g_string_append (out, _("No bloc chosen"));

  figure = ls_dataset_get_production_figure (dataset, ls_result_get_year (self->result), stage, country);
  if (figure != NULL && figure->source != NULL)
    {
      int source = ls_dataset_lookup_source (dataset, figure->source);
      const char *title = source >= 0 ? ls_dataset_get_source_title (dataset, source) : figure->source;
      g_autofree char *line = NULL;

      if (figure->estimated)
        line = g_markup_printf_escaped (_("Source: %s (estimated)"), title);
      else
        line = g_markup_printf_escaped (_("Source: %s"), title);
      g_string_append_printf (out, "\n<small>%s</small>", line);
    }
  else if (figure != NULL && figure->estimated)
    g_string_append_printf (out, "\n<small>%s</small>", _("Estimated"));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Signal callbacks */

static gboolean
on_map_query_tooltip_cb (GtkWidget  *widget,
                         int         x,
                         int         y,
                         gboolean    keyboard_mode,
                         GtkTooltip *tooltip,
                         LsMapView  *self)
{
  g_autofree char *markup = NULL;
  const char *iso3;
  double vx, vy;

  if (keyboard_mode)
    iso3 = self->highlight;
  else if (gtk_widget_translate_coordinates (widget, GTK_WIDGET (self), x, y, &vx, &vy))
    iso3 = ls_map_view_country_at (self, vx, vy);
  else
    iso3 = NULL;

  if (iso3 == NULL)
    return FALSE;

  markup = dup_tooltip_markup (self, iso3);
  if (markup == NULL)
    return FALSE;

  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              LsMapView                *self)
{
  double vx, vy;

  if (!gtk_widget_translate_coordinates (GTK_WIDGET (self->map), GTK_WIDGET (self), x, y, &vx, &vy))
    return;

  self->pointer_inside = TRUE;
  self->pointer_x = vx;
  self->pointer_y = vy;
  ls_map_view_set_highlight_country (self, ls_map_view_country_at (self, vx, vy));
}

static void
on_leave_cb (GtkEventControllerMotion *motion,
             LsMapView                *self)
{
  self->pointer_inside = FALSE;
  ls_map_view_set_highlight_country (self, NULL);
}

/* Zooming with the wheel or the keyboard moves the map under a still
 * pointer: follow it with the hover and the tooltip. */
static void
on_viewport_notify_cb (LsMapView  *self,
                       GParamSpec *pspec,
                       gpointer    viewport)
{
  if (!self->pointer_inside)
    return;

  ls_map_view_set_highlight_country (self, ls_map_view_country_at (self, self->pointer_x, self->pointer_y));
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self->map));
}

static void
on_click_pressed_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     LsMapView        *self)
{
  self->press_x = x;
  self->press_y = y;
}

static void
on_click_released_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      LsMapView        *self)
{
  /* ShumateMap zooms on a double click; only a single, still click picks
   * a country. */
  double vx, vy;

  if (n_press != 1 || hypot (x - self->press_x, y - self->press_y) > CLICK_SLOP)
    return;

  if (gtk_widget_translate_coordinates (GTK_WIDGET (self->map), GTK_WIDGET (self), x, y, &vx, &vy))
    ls_map_view_activate_at (self, vx, vy);
}

/* Actions */

static void
map_zoom_in_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  shumate_map_zoom_in (LS_MAP_VIEW (widget)->map);
}

static void
map_zoom_out_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  shumate_map_zoom_out (LS_MAP_VIEW (widget)->map);
}

static void
map_pan_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LsMapView *self = LS_MAP_VIEW (widget);
  GtkWidget *map = GTK_WIDGET (self->map);
  double width = gtk_widget_get_width (map);
  double height = gtk_widget_get_height (map);
  double lat, lon;
  int dx, dy;

  g_variant_get (parameter, "(ii)", &dx, &dy);

  /* A quarter of the view per key press. */
  shumate_viewport_widget_coords_to_location (get_viewport (self), map,
                                              width / 2 + dx * width / 4,
                                              height / 2 + dy * height / 4,
                                              &lat, &lon);
  shumate_map_center_on (self->map, lat, lon);
}

/* GtkWidget */

static void
ls_map_view_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  LsMapView *self = LS_MAP_VIEW (widget);

  gtk_widget_measure (self->overlay, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
ls_map_view_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  LsMapView *self = LS_MAP_VIEW (widget);

  gtk_widget_allocate (self->overlay, width, height, baseline, NULL);

  /* The first real allocation decides the zoom that shows the world. */
  if (!self->fitted && width > 1 && height > 1)
    {
      self->fitted = TRUE;
      ls_map_view_fit_world (self);
    }
}

static void
ls_map_view_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  LsMapView *self = LS_MAP_VIEW (widget);
  const LsColor *sea = &self->style.sea;

  /* Sea under the tiles: at fractional zoom levels scaled tiles can
   * leave hairline gaps, which then show sea rather than the window. */
  gtk_snapshot_append_color (snapshot,
                             &(GdkRGBA) { sea->red, sea->green, sea->blue, 1.0 },
                             &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                  gtk_widget_get_height (widget)));
  gtk_widget_snapshot_child (widget, self->overlay, snapshot);
}

/* GObject */

static void
ls_map_view_dispose (GObject *object)
{
  LsMapView *self = LS_MAP_VIEW (object);

  g_clear_pointer (&self->overlay, gtk_widget_unparent);
  self->map = NULL;
  self->legend = NULL;
  self->tile_layer = NULL;
  self->flow_layer = NULL;
  g_clear_object (&self->source);
  g_clear_pointer (&self->result, ls_result_unref);

  G_OBJECT_CLASS (ls_map_view_parent_class)->dispose (object);
}

static void
ls_map_view_finalize (GObject *object)
{
  LsMapView *self = LS_MAP_VIEW (object);

  g_clear_pointer (&self->highlight, g_free);

  G_OBJECT_CLASS (ls_map_view_parent_class)->finalize (object);
}

static void
ls_map_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LsMapView *self = LS_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_RESULT:
      g_value_set_boxed (value, ls_map_view_get_result (self));
      break;

    case PROP_METRIC:
      g_value_set_int (value, ls_map_view_get_metric (self));
      break;

    case PROP_STAGE:
      g_value_set_uint (value, ls_map_view_get_stage (self));
      break;

    case PROP_SHOW_ARCS:
      g_value_set_boolean (value, ls_map_view_get_show_arcs (self));
      break;

    case PROP_HIGHLIGHT_COUNTRY:
      g_value_set_string (value, ls_map_view_get_highlight_country (self));
      break;

    case PROP_ONLINE_TILES:
      g_value_set_boolean (value, ls_map_view_get_online_tiles (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_map_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LsMapView *self = LS_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_RESULT:
      ls_map_view_set_result (self, g_value_get_boxed (value));
      break;

    case PROP_METRIC:
      ls_map_view_set_metric (self, g_value_get_int (value));
      break;

    case PROP_STAGE:
      ls_map_view_set_stage (self, g_value_get_uint (value));
      break;

    case PROP_SHOW_ARCS:
      ls_map_view_set_show_arcs (self, g_value_get_boolean (value));
      break;

    case PROP_HIGHLIGHT_COUNTRY:
      ls_map_view_set_highlight_country (self, g_value_get_string (value));
      break;

    case PROP_ONLINE_TILES:
      ls_map_view_set_online_tiles (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_map_view_class_init (LsMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_map_view_dispose;
  object_class->finalize = ls_map_view_finalize;
  object_class->get_property = ls_map_view_get_property;
  object_class->set_property = ls_map_view_set_property;

  widget_class->measure = ls_map_view_measure;
  widget_class->size_allocate = ls_map_view_size_allocate;
  widget_class->snapshot = ls_map_view_snapshot;

  /**
   * LsMapView:result: (nullable)
   *
   * The result shown.
   */
  properties[PROP_RESULT] =
    g_param_spec_boxed ("result", NULL, NULL, LS_TYPE_RESULT,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LsMapView:metric:
   *
   * What the choropleth shows, an #LsMapMetric.
   */
  properties[PROP_METRIC] =
    g_param_spec_int ("metric", NULL, NULL,
                      LS_MAP_METRIC_SHARE, LS_MAP_METRIC_MEMBERSHIP, LS_MAP_METRIC_SHARE,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LsMapView:stage:
   *
   * The index of the stage shown, and whose outgoing flows are drawn.
   */
  properties[PROP_STAGE] =
    g_param_spec_uint ("stage", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LsMapView:show-arcs:
   *
   * Whether the flows of the stage are drawn as arcs.
   */
  properties[PROP_SHOW_ARCS] =
    g_param_spec_boolean ("show-arcs", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LsMapView:highlight-country: (nullable)
   *
   * The ISO3 code of the country under the pointer, or set by another
   * view to show the same country here.
   */
  properties[PROP_HIGHLIGHT_COUNTRY] =
    g_param_spec_string ("highlight-country", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LsMapView:online-tiles:
   *
   * Whether OpenStreetMap's tiles are downloaded and shown under the
   * overlay. Off by default: only then does the map touch the network.
   */
  properties[PROP_ONLINE_TILES] =
    g_param_spec_boolean ("online-tiles", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LsMapView::country-activated:
   * @self: the map view
   * @iso3: the ISO3 code of the country
   *
   * Emitted when a country is clicked.
   */
  signals[COUNTRY_ACTIVATED] =
    g_signal_new ("country-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, map_zoom_in_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, map_zoom_out_action);
  gtk_widget_class_install_action (widget_class, "map.pan", "(ii)", map_pan_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "map.pan", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "map.pan", "(ii)", 1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "map.pan", "(ii)", 0, -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "map.pan", "(ii)", 0, 1);

  gtk_widget_class_set_css_name (widget_class, "mapview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ls_map_view_init (LsMapView *self)
{
  GtkEventController *motion;
  GtkGesture *click;

  ls_render_style_init (&self->style, FALSE);
  ls_map_options_init (&self->options);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  self->overlay = gtk_overlay_new ();
  gtk_widget_set_parent (self->overlay, GTK_WIDGET (self));

  /* Not shumate_map_new_simple(): that one brings a network tile
   * source. Everything here is drawn from the built-in shapes. */
  self->map = shumate_map_new ();
  gtk_overlay_set_child (GTK_OVERLAY (self->overlay), GTK_WIDGET (self->map));

  self->flow_layer = ls_flow_layer_new (get_viewport (self));
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->flow_layer));
  replace_tile_layer (self);

  self->legend = gtk_drawing_area_new ();
  gtk_widget_set_halign (self->legend, GTK_ALIGN_START);
  gtk_widget_set_valign (self->legend, GTK_ALIGN_END);
  gtk_widget_set_margin_start (self->legend, LEGEND_MARGIN);
  gtk_widget_set_margin_bottom (self->legend, LEGEND_MARGIN);
  /* The legend is a picture; clicks and drags go to the map under it. */
  gtk_widget_set_can_target (self->legend, FALSE);
  gtk_widget_set_visible (self->legend, FALSE);
  gtk_widget_add_css_class (self->legend, "legend");
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->legend), legend_draw_func, self, NULL);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->legend);

  /* On the map, in the capture phase: we only watch, so ShumateMap's own
   * drag and double-click gestures still see every event. */
  motion = gtk_event_controller_motion_new ();
  gtk_event_controller_set_propagation_phase (motion, GTK_PHASE_CAPTURE);
  g_signal_connect (motion, "enter", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), motion);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (click));

  g_signal_connect_object (get_viewport (self), "notify", G_CALLBACK (on_viewport_notify_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self->map), TRUE);
  g_signal_connect (self->map, "query-tooltip", G_CALLBACK (on_map_query_tooltip_cb), self);

  update_accessible (self);
}

/* Public API */

/**
 * ls_map_view_new:
 *
 * Returns: (transfer full): a new #LsMapView
 */
GtkWidget *
ls_map_view_new (void)
{
  return g_object_new (LS_TYPE_MAP_VIEW, NULL);
}

/**
 * ls_map_view_get_result:
 * @self: a #LsMapView
 *
 * Returns: (transfer none) (nullable): the result shown
 */
LsResult *
ls_map_view_get_result (LsMapView *self)
{
  g_return_val_if_fail (LS_IS_MAP_VIEW (self), NULL);

  return self->result;
}

/**
 * ls_map_view_set_result:
 * @self: a #LsMapView
 * @result: (nullable): the result to show
 */
void
ls_map_view_set_result (LsMapView *self,
                        LsResult  *result)
{
  g_return_if_fail (LS_IS_MAP_VIEW (self));

  if (self->result == result)
    return;

  g_clear_pointer (&self->result, ls_result_unref);
  if (result != NULL)
    self->result = ls_result_ref (result);

  ls_flow_layer_set_result (self->flow_layer, result);
  update_legend (self);
  update_accessible (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
}

/**
 * ls_map_view_get_render_style:
 * @self: a #LsMapView
 *
 * Returns: (transfer none): the colours and font scale in use
 */
const LsRenderStyle *
ls_map_view_get_render_style (LsMapView *self)
{
  g_return_val_if_fail (LS_IS_MAP_VIEW (self), NULL);

  return &self->style;
}

/**
 * ls_map_view_set_render_style:
 * @self: a #LsMapView
 * @style: colours and font scale, e.g. for dark mode (copied)
 */
void
ls_map_view_set_render_style (LsMapView           *self,
                              const LsRenderStyle *style)
{
  gboolean tiles_change;

  g_return_if_fail (LS_IS_MAP_VIEW (self));
  g_return_if_fail (style != NULL);

  tiles_change = !same_tile_colors (&self->style, style);
  self->style = *style;

  if (tiles_change)
    replace_tile_layer (self);
  ls_flow_layer_set_render_style (self->flow_layer, &self->style);
  update_legend (self);
}

/**
 * ls_map_view_get_metric:
 * @self: a #LsMapView
 *
 * Returns: what the choropleth shows
 */
LsMapMetric
ls_map_view_get_metric (LsMapView *self)
{
  g_return_val_if_fail (LS_IS_MAP_VIEW (self), LS_MAP_METRIC_SHARE);

  return self->options.metric;
}

/**
 * ls_map_view_set_metric:
 * @self: a #LsMapView
 * @metric: what the choropleth shows
 */
void
ls_map_view_set_metric (LsMapView   *self,
                        LsMapMetric  metric)
{
  g_return_if_fail (LS_IS_MAP_VIEW (self));
  g_return_if_fail (metric <= LS_MAP_METRIC_MEMBERSHIP);

  if (self->options.metric == metric)
    return;

  self->options.metric = metric;
  options_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METRIC]);
}

/**
 * ls_map_view_get_stage:
 * @self: a #LsMapView
 *
 * Returns: the index of the stage shown
 */
guint
ls_map_view_get_stage (LsMapView *self)
{
  g_return_val_if_fail (LS_IS_MAP_VIEW (self), 0);

  return self->options.stage;
}

/**
 * ls_map_view_set_stage:
 * @self: a #LsMapView
 * @stage: the index of a stage of the result's dataset
 */
void
ls_map_view_set_stage (LsMapView *self,
                       guint      stage)
{
  g_return_if_fail (LS_IS_MAP_VIEW (self));

  if (self->options.stage == stage)
    return;

  self->options.stage = stage;
  options_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}

/**
 * ls_map_view_get_show_arcs:
 * @self: a #LsMapView
 *
 * Returns: whether flows are drawn
 */
gboolean
ls_map_view_get_show_arcs (LsMapView *self)
{
  g_return_val_if_fail (LS_IS_MAP_VIEW (self), FALSE);

  return self->options.show_arcs;
}

/**
 * ls_map_view_set_show_arcs:
 * @self: a #LsMapView
 * @show_arcs: whether to draw the flows of the stage
 */
void
ls_map_view_set_show_arcs (LsMapView *self,
                           gboolean   show_arcs)
{
  g_return_if_fail (LS_IS_MAP_VIEW (self));

  show_arcs = !!show_arcs;
  if (self->options.show_arcs == show_arcs)
    return;

  self->options.show_arcs = show_arcs;
  options_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ARCS]);
}

/**
 * ls_map_view_get_online_tiles:
 * @self: a #LsMapView
 *
 * Returns: whether online tiles are shown
 */
gboolean
ls_map_view_get_online_tiles (LsMapView *self)
{
  g_return_val_if_fail (LS_IS_MAP_VIEW (self), FALSE);

  return self->online_layer != NULL;
}

/**
 * ls_map_view_set_online_tiles:
 * @self: a #LsMapView
 * @online_tiles: whether to download and show OpenStreetMap's tiles
 *
 * Puts OpenStreetMap's tiles (libshumate's built-in source) above our
 * offline land and under the overlay, or takes them away. Our offline
 * source stays the reference, so zoom limits and hit testing do not
 * change, and the map still shows land where tiles do not arrive.
 */
void
ls_map_view_set_online_tiles (LsMapView *self,
                              gboolean   online_tiles)
{
  g_return_if_fail (LS_IS_MAP_VIEW (self));

  online_tiles = !!online_tiles;
  if (ls_map_view_get_online_tiles (self) == online_tiles)
    return;

  if (online_tiles)
    {
      g_autoptr(ShumateMapSourceRegistry) registry = shumate_map_source_registry_new_with_defaults ();
      ShumateMapSource *osm = shumate_map_source_registry_get_by_id (registry, SHUMATE_MAP_SOURCE_OSM_MAPNIK);

      self->online_layer = shumate_map_layer_new (osm, get_viewport (self));
      shumate_map_insert_layer_above (self->map, SHUMATE_LAYER (self->online_layer),
                                      SHUMATE_LAYER (self->tile_layer));
    }
  else
    {
      shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->online_layer));
      self->online_layer = NULL;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE_TILES]);
}

/**
 * ls_map_view_get_highlight_country:
 * @self: a #LsMapView
 *
 * Returns: (nullable): the ISO3 code of the highlighted country
 */
const char *
ls_map_view_get_highlight_country (LsMapView *self)
{
  g_return_val_if_fail (LS_IS_MAP_VIEW (self), NULL);

  return self->highlight;
}

/**
 * ls_map_view_set_highlight_country:
 * @self: a #LsMapView
 * @iso3: (nullable): the country to highlight, or %NULL
 */
void
ls_map_view_set_highlight_country (LsMapView  *self,
                                   const char *iso3)
{
  g_return_if_fail (LS_IS_MAP_VIEW (self));

  if (g_strcmp0 (self->highlight, iso3) == 0)
    return;

  g_free (self->highlight);
  self->highlight = g_strdup (iso3);
  ls_flow_layer_set_highlight (self->flow_layer, iso3);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT_COUNTRY]);
}

/**
 * ls_map_view_country_at:
 * @self: a #LsMapView
 * @x: x in @self's coordinates
 * @y: y in @self's coordinates
 *
 * Returns: (nullable): the ISO3 code of the country at (@x, @y), or %NULL
 *   over the sea or off the world
 */
const char *
ls_map_view_country_at (LsMapView *self,
                        double     x,
                        double     y)
{
  ShumateViewport *viewport;
  LsProjection projection;
  double mx, my, lat, lon, world;

  g_return_val_if_fail (LS_IS_MAP_VIEW (self), NULL);

  viewport = get_viewport (self);
  if (shumate_viewport_get_reference_map_source (viewport) == NULL)
    return NULL;
  if (!gtk_widget_translate_coordinates (GTK_WIDGET (self), GTK_WIDGET (self->map), x, y, &mx, &my))
    return NULL;

  /* libshumate wraps y as well as x; above or below the world there is
   * no country, whatever the wrapped latitude says. */
  if (shumate_viewport_get_rotation (viewport) == 0 &&
      ls_flow_layer_get_projection (self->flow_layer, &projection, &world) &&
      fabs (my - projection.origin_y) > world / 2)
    return NULL;

  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->map), mx, my, &lat, &lon);

  return ls_shapes_hit_test (ls_map_source_get_shapes_for_zoom (floor (shumate_viewport_get_zoom_level (viewport))),
                             lon, lat);
}

/**
 * ls_map_view_activate_at:
 * @self: a #LsMapView
 * @x: x in @self's coordinates
 * @y: y in @self's coordinates
 *
 * What a click does: emits #LsMapView::country-activated for the country
 * at (@x, @y), if any.
 *
 * Returns: %TRUE if there was a country
 */
gboolean
ls_map_view_activate_at (LsMapView *self,
                         double     x,
                         double     y)
{
  g_autofree char *iso3 = NULL;

  g_return_val_if_fail (LS_IS_MAP_VIEW (self), FALSE);

  /* Copied: a handler may change the view, and the shapes' string with
   * the zoom. */
  iso3 = g_strdup (ls_map_view_country_at (self, x, y));
  if (iso3 == NULL)
    return FALSE;

  g_signal_emit (self, signals[COUNTRY_ACTIVATED], 0, iso3);
  return TRUE;
}

/**
 * ls_map_view_location_to_coords:
 * @self: a #LsMapView
 * @latitude: degrees north
 * @longitude: degrees east
 * @x: (out): x in @self's coordinates
 * @y: (out): y in @self's coordinates
 *
 * Where a location is on the view, through the libshumate viewport.
 *
 * Returns: %FALSE if the view has no size yet
 */
gboolean
ls_map_view_location_to_coords (LsMapView *self,
                                double     latitude,
                                double     longitude,
                                double    *x,
                                double    *y)
{
  double mx, my;

  g_return_val_if_fail (LS_IS_MAP_VIEW (self), FALSE);
  g_return_val_if_fail (x != NULL && y != NULL, FALSE);

  if (gtk_widget_get_width (GTK_WIDGET (self->map)) <= 0)
    return FALSE;

  shumate_viewport_location_to_widget_coords (get_viewport (self), GTK_WIDGET (self->map),
                                              latitude, longitude, &mx, &my);
  return gtk_widget_translate_coordinates (GTK_WIDGET (self->map), GTK_WIDGET (self), mx, my, x, y);
}

/**
 * ls_map_view_fit_world:
 * @self: a #LsMapView
 *
 * Zooms so that the world's width fills the view, centred on its
 * populated latitudes. Called on the first allocation.
 */
void
ls_map_view_fit_world (LsMapView *self)
{
  ShumateViewport *viewport;
  LsProjection world_px;
  double width, height, zoom, world, x, y, lat, lon;

  g_return_if_fail (LS_IS_MAP_VIEW (self));

  viewport = get_viewport (self);
  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 1 || height <= 1)
    {
      width = 1024;
      height = 768;
    }

  zoom = log2 (width / LS_MAP_SOURCE_TILE_SIZE);
  zoom = CLAMP (zoom, shumate_viewport_get_min_zoom_level (viewport),
                shumate_viewport_get_max_zoom_level (viewport));
  shumate_viewport_set_zoom_level (viewport, zoom);

  /* Centre on 20° N rather than the equator: most land, and every
   * producer but Australia and Madagascar, is north of it. But keep the
   * world's edges out of the view when it is taller than the view, and
   * centre it when it is not. */
  ls_projection_init_tiles (&world_px, zoom, LS_MAP_SOURCE_TILE_SIZE);
  world = LS_MAP_SOURCE_TILE_SIZE * exp2 (zoom);
  ls_projection_project (&world_px, 0.0, 20.0, &x, &y);
  if (world <= height)
    y = world / 2;
  else
    y = CLAMP (y, height / 2, world - height / 2);
  /* Put tile edges on whole pixels: at a fractional offset the scaled
   * tile textures leave a hairline seam between rows. */
  y = height / 2 - round (height / 2 - y);
  ls_projection_unproject (&world_px, x, y, &lon, &lat);

  shumate_map_center_on (self->map, lat, 0.0);
}

/**
 * ls_map_view_get_map:
 * @self: a #LsMapView
 *
 * Returns: (transfer none): the #ShumateMap inside
 */
ShumateMap *
ls_map_view_get_map (LsMapView *self)
{
  g_return_val_if_fail (LS_IS_MAP_VIEW (self), NULL);

  return self->map;
}

/**
 * ls_map_view_get_flow_layer:
 * @self: a #LsMapView
 *
 * Returns: (transfer none): the overlay layer
 */
LsFlowLayer *
ls_map_view_get_flow_layer (LsMapView *self)
{
  g_return_val_if_fail (LS_IS_MAP_VIEW (self), NULL);

  return self->flow_layer;
}

/**
 * ls_map_view_get_map_source:
 * @self: a #LsMapView
 *
 * Returns: (transfer none): the tile source in use
 */
LsMapSource *
ls_map_view_get_map_source (LsMapView *self)
{
  g_return_val_if_fail (LS_IS_MAP_VIEW (self), NULL);

  return self->source;
}
