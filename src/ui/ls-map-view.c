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

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* The interactive world map: a ShumateMap with our offline tile source
 * (sea, land, borders) and LsFlowLayer on top (choropleth, unmet need,
 * bloc outlines, hover, arcs, labels), plus a legend and a "Reset View"
 * button in a GtkOverlay. Pan, zoom and pinch are ShumateMap's own; the
 * view fits the world to its size, caps the zoom-out at the whole world,
 * and adds hover, an explaining popover, keyboard access to the main
 * countries and words for assistive technologies. It never computes a
 * share: it holds a result. */

#define LEGEND_MARGIN 12
/* A press that moves further than this is a drag, not a click. */
#define CLICK_SLOP    6.0

/* The latitudes the fitted view shows, when it can: from north of
 * Greenland and Ellesmere to Cape Horn, with Antarctica cut off below;
 * and within them the band no fit may lose, from the North Cape to
 * Tasmania and Patagonia's producers. */
#define FIT_NORTH     84.0
#define FIT_SOUTH     (-58.0)
#define CORE_NORTH    72.0
#define CORE_SOUTH    (-45.0)
#define FIT_TOP_GAP   6.0
/* The centre longitude of the fitted view: its edges then fall on the
 * Bering Strait, so that neither Alaska nor Chukotka is cut in two and
 * no land shows twice. */
#define FIT_LONGITUDE 11.0

struct _LsMapView
{
  GtkWidget         parent_instance;

  /* Children */
  GtkWidget        *overlay;
  ShumateMap       *map;
  GtkWidget        *legend;          /* a GtkExpander */
  GtkWidget        *legend_area;
  GtkWidget        *reset_button;
  GtkWidget        *popover;
  GtkWidget        *popover_label;
  GtkWidget        *popover_button;

  /* Borrowed: owned by the map */
  ShumateMapLayer  *tile_layer;
  ShumateMapLayer  *online_layer;
  LsFlowLayer      *flow_layer;

  /* Owned */
  LsMapSource      *source;
  LsResult         *result;
  LsRanges         *ranges;
  char             *highlight;
  char             *focus_country;   /* reached by the keyboard */
  char             *popover_country;
  guint            *main_countries;
  guint             n_main_countries;

  LsRenderStyle     style;
  LsMapOptions      options;
  LsMapLegendParts  legend_parts;
  double            legend_scale;    /* of the style's font scale */
  gboolean          legend_user_set;
  gboolean          legend_auto_change;

  int               fit_width;
  int               fit_height;
  gboolean          fitting;
  gboolean          user_moved;
  gboolean          leaving;

  gboolean          pointer_inside;
  double            pointer_x;
  double            pointer_y;
  double            press_x;
  double            press_y;
  guint             click_timeout_id;
  double            click_x;
  double            click_y;
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
  PROP_USER_MOVED,
  N_PROPS
};

enum
{
  COUNTRY_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void update_legend (LsMapView *self);

static ShumateViewport *
get_viewport (LsMapView *self)
{
  return shumate_map_get_viewport (self->map);
}

static int
lookup_country (LsMapView  *self,
                const char *iso3)
{
  if (self->result == NULL || iso3 == NULL)
    return -1;

  return ls_dataset_lookup_country (ls_result_get_dataset (self->result), iso3);
}

/* One line per figure in the tooltip and popover; one sentence each for
 * a screen reader. */
static char *
dup_country_text (LsMapView  *self,
                  const char *iso3)
{
  int country = lookup_country (self, iso3);

  if (country < 0)
    {
      LsShapes *shapes = ls_shapes_get_default (LS_SHAPES_DETAIL_LOW);
      int shape = ls_shapes_lookup (shapes, iso3);

      return g_strdup_printf ("%s\n%s", shape >= 0 ? ls_shapes_get_name (shapes, shape) : iso3,
                              _("Not in the dataset"));
    }

  return ls_render_map_dup_country_text (self->result, self->ranges, &self->options, country);
}

static char *
text_to_markup (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *newline = strchr (text, '\n');
  g_autofree char *first = g_markup_escape_text (text, newline != NULL ? newline - text : -1);

  g_string_append_printf (out, "<b>%s</b>", first);
  if (newline != NULL)
    {
      g_autofree char *rest = g_markup_escape_text (newline, -1);

      g_string_append (out, rest);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
text_to_sentences (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  return g_strjoinv (". ", lines);
}

static void
update_accessible (LsMapView *self)
{
  g_autofree char *description = NULL;
  g_autofree char *label = NULL;

  if (self->result == NULL)
    description = g_strdup (_("No data loaded"));
  else if (self->focus_country != NULL)
    {
      g_autofree char *text = dup_country_text (self, self->focus_country);
      int country = lookup_country (self, self->focus_country);

      /* The focused country in the name as well: a screen reader speaks
       * a change of the focused object's name. */
      label = g_strdup_printf (_("World map: %s"),
                               country >= 0 ? ls_dataset_get_country_name (ls_result_get_dataset (self->result), country)
                                            : self->focus_country);
      description = text_to_sentences (text);
    }
  else
    {
      g_autofree char *summary = ls_render_map_dup_description (self->result, &self->options);

      description = g_strdup_printf ("%s %s", summary,
                                     _("Tab moves between the main countries, Enter explains one; "
                                       "arrow keys pan, plus and minus zoom, Home resets the view."));
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label != NULL ? label : _("World map"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
update_main_countries (LsMapView *self)
{
  g_clear_pointer (&self->main_countries, g_free);
  self->n_main_countries = 0;

  if (self->result != NULL)
    self->main_countries = ls_render_map_dup_main_countries (self->result, &self->options,
                                                             &self->n_main_countries);
}

/* Fitting the world */

static double
get_fit_zoom (LsMapView *self,
              double     width)
{
  ShumateViewport *viewport = get_viewport (self);
  double zoom = log2 (MAX (width, 1.0) / LS_MAP_SOURCE_TILE_SIZE);

  return CLAMP (zoom, shumate_viewport_get_min_zoom_level (viewport),
                shumate_viewport_get_max_zoom_level (viewport));
}

/* The fitted view for a widget of @width × @height: the world exactly as
 * wide as the view (no part of it twice, no empty band at the sides),
 * placed vertically to show FIT_NORTH to FIT_SOUTH; Antarctica is always
 * cut off, then the far south, then the Arctic. */
static void
compute_fit (LsMapView *self,
             double     width,
             double     height,
             double    *zoom,
             double    *latitude,
             double    *longitude)
{
  LsProjection world;
  double x, fit_top, fit_bottom, core_top, core_bottom, top, lon;

  *zoom = get_fit_zoom (self, width);
  ls_projection_init_tiles (&world, *zoom, LS_MAP_SOURCE_TILE_SIZE);
  ls_projection_project (&world, 0, FIT_NORTH, &x, &fit_top);
  ls_projection_project (&world, 0, FIT_SOUTH, &x, &fit_bottom);
  ls_projection_project (&world, 0, CORE_NORTH, &x, &core_top);
  ls_projection_project (&world, 0, CORE_SOUTH, &x, &core_bottom);

  if (height >= fit_bottom - fit_top + FIT_TOP_GAP)
    /* Room for it all: the Arctic at the top, spare height at the
     * bottom, over the Southern Ocean, where the legend goes. */
    top = fit_top - FIT_TOP_GAP;
  else if (height >= core_bottom - fit_top)
    /* Lose the far south first: below Patagonia's producers there is
     * only Tierra del Fuego, while the Arctic islands are large and
     * familiar. */
    top = fit_top - MIN (FIT_TOP_GAP, height - (core_bottom - fit_top));
  else if (height >= core_bottom - core_top)
    /* Then the Arctic, down to the North Cape. */
    top = core_bottom - height;
  else
    top = (core_top + core_bottom) / 2 - height / 2;

  /* Whole pixels for the tiles' edges: at a fractional offset the scaled
   * textures leave a hairline seam between rows. */
  top = round (top);
  ls_projection_unproject (&world, 0, top + height / 2, &lon, latitude);
  *longitude = FIT_LONGITUDE;
}

static void
set_user_moved (LsMapView *self,
                gboolean   user_moved)
{
  user_moved = !!user_moved;
  if (self->user_moved == user_moved)
    return;

  self->user_moved = user_moved;
  gtk_widget_set_visible (self->reset_button, user_moved);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_MOVED]);
}

static void
apply_fit (LsMapView *self,
           double     width,
           double     height)
{
  ShumateViewport *viewport = get_viewport (self);
  double zoom, lat, lon;

  compute_fit (self, width, height, &zoom, &lat, &lon);

  self->fitting = TRUE;
  shumate_map_stop_go_to (self->map);
  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_map_center_on (self->map, lat, lon);
  self->fitting = FALSE;

  self->fit_width = width;
  self->fit_height = height;
  set_user_moved (self, FALSE);
}

/* Whether the viewport shows the fitted view, to a pixel. */
static gboolean
is_at_fit (LsMapView *self,
           double     width,
           double     height)
{
  ShumateViewport *viewport = get_viewport (self);
  LsProjection world;
  double zoom, lat, lon, fx, fy, x, y, span;

  compute_fit (self, width, height, &zoom, &lat, &lon);
  if (fabs (shumate_viewport_get_zoom_level (viewport) - zoom) > 1e-4)
    return FALSE;

  ls_projection_init_tiles (&world, zoom, LS_MAP_SOURCE_TILE_SIZE);
  ls_projection_project (&world, lon, lat, &fx, &fy);
  ls_projection_project (&world, shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                         shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), &x, &y);
  span = LS_MAP_SOURCE_TILE_SIZE * exp2 (zoom);
  /* The same place one world east or west is the same view. */
  x = fx + remainder (x - fx, span);

  return fabs (x - fx) < 1 && fabs (y - fy) < 1;
}

/* Legend */

/* The legend's box in the view, bottom-left. */
static void
get_legend_rect (LsMapView       *self,
                 double           height,
                 graphene_rect_t *rect)
{
  int min_w, nat_w, min_h, nat_h;

  gtk_widget_measure (self->legend, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
  gtk_widget_measure (self->legend, GTK_ORIENTATION_VERTICAL, nat_w, &min_h, &nat_h, NULL, NULL);
  graphene_rect_init (rect, LEGEND_MARGIN, height - LEGEND_MARGIN - nat_h, nat_w, nat_h);
}

/* Whether a dataset country has a ring whose bounds meet the box of the
 * points rect_covers_data() tests, or that box cannot be told (it
 * crosses the antimeridian). A legend mostly lies over the sea, where
 * this settles at once what 3,200 hit tests settled, a tenth of the
 * first frame's map (callgrind, issue 12). */
static gboolean
any_country_meets_rect (LsShapes              *shapes,
                        LsDataset             *dataset,
                        const LsProjection    *world,
                        const graphene_rect_t *rect,
                        double                 width,
                        double                 height,
                        double                 cx,
                        double                 cy,
                        double                 span)
{
  /* The rect's edges bound the points tested, which step inside them;
   * only rows on the map count, as there. */
  double wx0 = cx + rect->origin.x - width / 2;
  double wx1 = cx + rect->origin.x + rect->size.width - width / 2;
  double wy0 = MAX (cy + rect->origin.y - height / 2, 0);
  double wy1 = MIN (cy + rect->origin.y + rect->size.height - height / 2, span);
  double u0 = remainder (wx0 - span / 2, span) + span / 2;
  double u1 = remainder (wx1 - span / 2, span) + span / 2;
  LsGeoBounds box;

  if (wy0 > wy1)
    return FALSE;
  if (floor (wx0 / span) != floor (wx1 / span) || u0 > u1 || u1 >= span)
    return TRUE;

  ls_projection_unproject (world, u0, wy1, &box.west, &box.south);
  ls_projection_unproject (world, u1, wy0, &box.east, &box.north);

  /* A hair wider: rounding may only let more countries in. */
  box.west -= 1e-9;
  box.south -= 1e-9;
  box.east += 1e-9;
  box.north += 1e-9;

  for (guint c = 0; c < ls_dataset_get_n_countries (dataset); c++)
    {
      int shape = ls_shapes_lookup (shapes, ls_dataset_get_country_id (dataset, c));

      if (shape >= 0 && ls_shapes_meets_box (shapes, shape, &box))
        return TRUE;
    }

  return FALSE;
}

/* Whether a rectangle of the view, with the viewport at @zoom and centre
 * (@lat, @lon), covers any country of the dataset: sampled every few
 * pixels, which no producer is smaller than on a world map. */
static gboolean
rect_covers_data (LsMapView             *self,
                  const graphene_rect_t *rect,
                  double                 width,
                  double                 height,
                  double                 zoom,
                  double                 lat,
                  double                 lon)
{
  LsShapes *shapes = ls_map_source_get_shapes_for_zoom (floor (zoom));
  LsDataset *dataset;
  LsProjection world;
  double cx, cy, span;

  if (self->result == NULL)
    return FALSE;

  dataset = ls_result_get_dataset (self->result);
  ls_projection_init_tiles (&world, zoom, LS_MAP_SOURCE_TILE_SIZE);
  ls_projection_project (&world, lon, lat, &cx, &cy);
  span = LS_MAP_SOURCE_TILE_SIZE * exp2 (zoom);

  if (!any_country_meets_rect (shapes, dataset, &world, rect, width, height, cx, cy, span))
    return FALSE;

  for (double y = rect->origin.y; y <= rect->origin.y + rect->size.height; y += 4)
    for (double x = rect->origin.x; x <= rect->origin.x + rect->size.width; x += 4)
      {
        double wx = cx + x - width / 2;
        double wy = cy + y - height / 2;
        double plon, plat;
        const char *iso3;

        if (wy < 0 || wy > span)
          continue;
        ls_projection_unproject (&world, remainder (wx - span / 2, span) + span / 2, wy, &plon, &plat);
        iso3 = ls_shapes_hit_test (shapes, plon, plat);
        if (iso3 != NULL && ls_dataset_lookup_country (dataset, iso3) >= 0)
          return TRUE;
      }

  return FALSE;
}

static void
set_legend_parts (LsMapView        *self,
                  LsMapLegendParts  parts,
                  double            scale,
                  gboolean          expanded)
{
  self->legend_auto_change = TRUE;
  gtk_expander_set_expanded (GTK_EXPANDER (self->legend), expanded);
  self->legend_auto_change = FALSE;

  if (self->legend_parts != parts || self->legend_scale != scale)
    {
      self->legend_parts = parts;
      self->legend_scale = scale;
      update_legend (self);
    }
}

/* The legend's style: the view's, in smaller type when a presenter's
 * large type would not fit. */
static void
get_legend_style (LsMapView     *self,
                  LsRenderStyle *style)
{
  *style = self->style;
  style->font_scale = MAX (self->style.font_scale, 1.0) * self->legend_scale;
}

/* Size the legend to the map: whole where it covers no country of the
 * dataset in the fitted view, then only its colours, then folded away
 * (the user can open it again). What the user chose stays chosen. */
static void
fit_legend (LsMapView *self,
            double     width,
            double     height)
{
  double type = MAX (self->style.font_scale, 1.0);
  struct
  {
    LsMapLegendParts parts;
    double           scale;
  } tries[] = {
    { LS_MAP_LEGEND_ALL, 1.0 },
    { LS_MAP_LEGEND_COLORS, 1.0 },
    /* A presenter's large type, back to the normal size */
    { LS_MAP_LEGEND_ALL, 1.0 / type },
    { LS_MAP_LEGEND_COLORS, 1.0 / type },
    /* Small type, still legible, that fits west of South America */
    { LS_MAP_LEGEND_COLORS, 0.8 / type },
  };
  double zoom, lat, lon;

  if (self->legend_user_set || self->result == NULL || width <= 1 || height <= 1)
    return;

  compute_fit (self, width, height, &zoom, &lat, &lon);
  for (guint i = 0; i < G_N_ELEMENTS (tries); i++)
    {
      graphene_rect_t rect;

      if ((i == 2 || i == 3) && type <= 1.0)
        continue;

      set_legend_parts (self, tries[i].parts, tries[i].scale, TRUE);
      get_legend_rect (self, height, &rect);
      if (rect.size.width <= width - 2 * LEGEND_MARGIN &&
          !rect_covers_data (self, &rect, width, height, zoom, lat, lon))
        return;
    }

  set_legend_parts (self, LS_MAP_LEGEND_COLORS, 1.0, FALSE);
}

static void
update_legend (LsMapView *self)
{
  cairo_surface_t *scratch;
  LsRenderStyle style;
  cairo_t *cr;
  double width = 0, height = 0;

  if (self->result == NULL || self->options.stage >= ls_result_get_n_stages (self->result))
    {
      gtk_widget_set_visible (self->legend, FALSE);
      return;
    }

  get_legend_style (self, &style);

  /* Text is measured the same on any Cairo surface
   * (ls_render_text_layout_new()), so a tiny scratch image will do. */
  scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (scratch);
  ls_render_map_measure_legend (cr, self->result, &style, &self->options, self->legend_parts,
                                ls_flow_layer_get_max_arc_width (self->flow_layer), &width, &height);
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->legend_area), ceil (width));
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->legend_area), ceil (height));

  /* A picture; what its colours mean is in the map's own description. */
  {
    g_autofree char *title = ls_render_map_dup_title (self->result, &self->options);
    g_autofree char *label = g_strdup_printf (_("Legend of the map: %s"), title);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->legend_area),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    -1);
  }
  gtk_widget_set_visible (self->legend, width > 0 && height > 0);
  gtk_widget_queue_draw (self->legend_area);
}

static void
legend_draw_func (GtkDrawingArea *area,
                  cairo_t        *cr,
                  int             width,
                  int             height,
                  gpointer        user_data)
{
  LsMapView *self = user_data;
  LsRenderStyle style;

  if (self->result == NULL)
    return;

  get_legend_style (self, &style);
  ls_render_map_legend (cr, self->result, &style, &self->options, self->legend_parts,
                        ls_flow_layer_get_max_arc_width (self->flow_layer), 0, 0);
}

static void
on_legend_expanded_cb (LsMapView *self)
{
  if (self->legend_auto_change)
    return;

  /* Opened by hand: the whole legend, and no more automatic folding. */
  self->legend_user_set = TRUE;
  if (gtk_expander_get_expanded (GTK_EXPANDER (self->legend)) && self->legend_parts != LS_MAP_LEGEND_ALL)
    {
      self->legend_parts = LS_MAP_LEGEND_ALL;
  self->legend_scale = 1.0;
      update_legend (self);
    }
}

static void
options_changed (LsMapView *self)
{
  ls_flow_layer_set_options (self->flow_layer, &self->options);
  update_main_countries (self);
  update_legend (self);
  fit_legend (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
  update_accessible (self);
}

/* Tiles are kept in the form the window's renderer paints fastest. */
static void
update_tile_paint (LsMapView *self)
{
  if (self->source != NULL)
    ls_map_source_set_for_cairo_renderer (self->source, ls_map_source_widget_uses_cairo (GTK_WIDGET (self)));
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

  update_tile_paint (self);
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

/* Countries: keyboard focus and the popover */

static void
set_focus_country (LsMapView  *self,
                   const char *iso3)
{
  if (g_strcmp0 (self->focus_country, iso3) == 0)
    return;

  g_free (self->focus_country);
  self->focus_country = g_strdup (iso3);

  if (iso3 != NULL)
    {
      int country = lookup_country (self, iso3);
      double lat, lon, x, y;

      ls_map_view_set_highlight_country (self, iso3);

      /* Bring it into view if a pan or zoom took it out. */
      if (country >= 0)
        {
          ls_dataset_get_country_label_point (ls_result_get_dataset (self->result), country, &lat, &lon);
          if (ls_map_view_location_to_coords (self, lat, lon, &x, &y) &&
              (x < 0 || y < 0 || x > gtk_widget_get_width (GTK_WIDGET (self)) ||
               y > gtk_widget_get_height (GTK_WIDGET (self))))
            shumate_map_center_on (self->map, lat, lon);
        }
      gtk_widget_trigger_tooltip_query (GTK_WIDGET (self->map));
    }
  else if (!self->pointer_inside)
    ls_map_view_set_highlight_country (self, NULL);

  update_accessible (self);
}

static int
focus_index (LsMapView *self)
{
  int country = lookup_country (self, self->focus_country);

  for (guint i = 0; i < self->n_main_countries && country >= 0; i++)
    if (self->main_countries[i] == (guint) country)
      return i;

  return -1;
}

static const char *
main_country_id (LsMapView *self,
                 guint      index)
{
  return ls_dataset_get_country_id (ls_result_get_dataset (self->result), self->main_countries[index]);
}

/* From the keyboard the popover takes the focus, so that its button can
 * be reached, and gives it back on closing. From a click it leaves the
 * focus on the map, so that +, − and the arrows still work, and closes
 * with the next press on the map or when the map loses the focus. */
static void
show_popover (LsMapView  *self,
              const char *iso3,
              double      x,
              double      y,
              gboolean    take_focus)
{
  g_autofree char *text = dup_country_text (self, iso3);
  g_autofree char *markup = text_to_markup (text);
  int country = lookup_country (self, iso3);

  g_free (self->popover_country);
  self->popover_country = g_strdup (iso3);

  gtk_label_set_markup (GTK_LABEL (self->popover_label), markup);
  if (country >= 0)
    {
      gboolean member = ls_result_is_member (self->result, country);

      gtk_button_set_label (GTK_BUTTON (self->popover_button), member ? _("Remove from Bloc") : _("Add to Bloc"));
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->popover_button), "s", iso3);
      gtk_widget_set_visible (self->popover_button, TRUE);
    }
  else
    gtk_widget_set_visible (self->popover_button, FALSE);

  if (gtk_widget_get_visible (self->popover) &&
      gtk_popover_get_autohide (GTK_POPOVER (self->popover)) != take_focus)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  gtk_popover_set_autohide (GTK_POPOVER (self->popover), take_focus);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &(GdkRectangle) { x - 1, y - 1, 2, 2 });
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

/* Explains the keyboard-focused country, in a popover at its point. */
static gboolean
explain_focus_country (LsMapView *self)
{
  int country = lookup_country (self, self->focus_country);
  double lat, lon, x, y;

  if (country < 0)
    return FALSE;

  ls_dataset_get_country_label_point (ls_result_get_dataset (self->result), country, &lat, &lon);
  if (!ls_map_view_location_to_coords (self, lat, lon, &x, &y))
    return FALSE;

  show_popover (self, self->focus_country, x, y, TRUE);
  return TRUE;
}

static void
on_popover_closed_cb (LsMapView *self)
{
  g_clear_pointer (&self->popover_country, g_free);
  if (gtk_popover_get_autohide (GTK_POPOVER (self->popover)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_focus_leave_cb (LsMapView *self)
{
  /* A popover from a click is the map's; it goes with the focus. */
  if (!gtk_popover_get_autohide (GTK_POPOVER (self->popover)))
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
post_toast (LsMapView  *self,
            const char *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if (overlay == NULL)
    return;

  escaped = g_markup_escape_text (title, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
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
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  const char *iso3;
  double vx, vy;

  if (self->result == NULL || gtk_widget_get_visible (self->popover))
    return FALSE;

  if (keyboard_mode)
    iso3 = self->focus_country != NULL ? self->focus_country : self->highlight;
  else if (gtk_widget_translate_coordinates (widget, GTK_WIDGET (self), x, y, &vx, &vy))
    iso3 = ls_map_view_country_at (self, vx, vy);
  else
    iso3 = NULL;

  if (iso3 == NULL)
    return FALSE;

  text = dup_country_text (self, iso3);
  markup = text_to_markup (text);
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
  ls_map_view_set_highlight_country (self, self->focus_country);
}

static void
on_viewport_notify_cb (LsMapView  *self,
                       GParamSpec *pspec,
                       gpointer    viewport)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->fitting || width <= 1 || height <= 1)
    return;

  /* Zoomed out past the whole world (the wheel, a pinch): back to the
   * fitted world, rather than a world narrower than the view, shown
   * twice side by side. */
  if (shumate_viewport_get_zoom_level (get_viewport (self)) < get_fit_zoom (self, width) - 1e-6)
    {
      apply_fit (self, width, height);
      return;
    }

  set_user_moved (self, !is_at_fit (self, width, height));

  /* Zooming with the wheel or the keyboard moves the map under a still
   * pointer: follow it with the hover and the tooltip. */
  if (self->pointer_inside)
    {
      ls_map_view_set_highlight_country (self, ls_map_view_country_at (self, self->pointer_x, self->pointer_y));
      gtk_widget_trigger_tooltip_query (GTK_WIDGET (self->map));
    }
}

static gboolean
on_click_timeout_cb (gpointer user_data)
{
  LsMapView *self = user_data;

  self->click_timeout_id = 0;
  ls_map_view_activate_at (self, self->click_x, self->click_y);
  return G_SOURCE_REMOVE;
}

static void
on_click_pressed_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     LsMapView        *self)
{
  /* A click gives the map the keyboard, so that +, − and the arrows
   * work after it. */
  gtk_widget_grab_focus (GTK_WIDGET (self));

  /* The second press of a double click: ShumateMap zooms; no popover.
   * Any press closes the popover of the last click. */
  g_clear_handle_id (&self->click_timeout_id, g_source_remove);
  if (!gtk_popover_get_autohide (GTK_POPOVER (self->popover)))
    gtk_popover_popdown (GTK_POPOVER (self->popover));

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
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  int double_click_time = 400;
  double vx, vy;

  if (n_press != 1 || hypot (x - self->press_x, y - self->press_y) > CLICK_SLOP)
    return;
  if (!gtk_widget_translate_coordinates (GTK_WIDGET (self->map), GTK_WIDGET (self), x, y, &vx, &vy))
    return;

  /* The context button explains at once. A primary click waits out the
   * double-click time, so that a double click only zooms. */
  if (button == GDK_BUTTON_SECONDARY)
    {
      ls_map_view_activate_at (self, vx, vy);
      return;
    }

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-double-click-time", &double_click_time, NULL);
  self->click_x = vx;
  self->click_y = vy;
  g_clear_handle_id (&self->click_timeout_id, g_source_remove);
  self->click_timeout_id = g_timeout_add (double_click_time, on_click_timeout_cb, self);
}

/* Actions */

static void
zoom_by (LsMapView *self,
         double     delta)
{
  ShumateViewport *viewport = get_viewport (self);
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double zoom = shumate_viewport_get_zoom_level (viewport) + delta;

  /* Not below the whole world, which is the fitted view again. */
  if (zoom <= get_fit_zoom (self, width) + 1e-6)
    {
      apply_fit (self, width, gtk_widget_get_height (GTK_WIDGET (self)));
      return;
    }

  shumate_viewport_set_zoom_level (viewport, MIN (zoom, shumate_viewport_get_max_zoom_level (viewport)));
}

static void
map_zoom_in_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  zoom_by (LS_MAP_VIEW (widget), 1);
}

static void
map_zoom_out_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  zoom_by (LS_MAP_VIEW (widget), -1);
}

static void
map_reset_view_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ls_map_view_reset_view (LS_MAP_VIEW (widget));
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

static void
map_explain_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  explain_focus_country (LS_MAP_VIEW (widget));
}

static void
map_unfocus_country_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  set_focus_country (LS_MAP_VIEW (widget), NULL);
}

/* Ctrl+Tab leaves the map without visiting its countries. */
static void
map_leave_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LsMapView *self = LS_MAP_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (root == NULL)
    return;

  self->leaving = TRUE;
  g_signal_emit_by_name (root, "move-focus",
                         g_variant_get_boolean (parameter) ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
  self->leaving = FALSE;
}

static void
map_toggle_member_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  LsMapView *self = LS_MAP_VIEW (widget);
  g_autofree char *iso3 = g_variant_dup_string (parameter, NULL);
  g_autofree char *title = NULL;
  int country = lookup_country (self, iso3);
  const char *name;
  gboolean member;

  if (country < 0)
    return;

  name = ls_dataset_get_country_name (ls_result_get_dataset (self->result), country);
  member = ls_result_is_member (self->result, country);

  gtk_popover_popdown (GTK_POPOVER (self->popover));

  /* The window applies it to the scenario, as one undoable edit; the
   * toast says what changed and offers the undo. */
  g_signal_emit (self, signals[COUNTRY_ACTIVATED], 0, iso3);

  /* Translators: a toast after a change of the bloc on the map */
  title = g_strdup_printf (member ? _("%s removed from the bloc") : _("%s added to the bloc"), name);
  post_toast (self, title);
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

  /* A new size (a resized window, presenter mode) refits the world,
   * unless the user has zoomed or panned; then the view stays, but never
   * zoomed out past the whole world. Before the children are allocated,
   * so that they draw the new view in this frame. */
  if (width > 1 && height > 1 && (width != self->fit_width || height != self->fit_height))
    {
      if (!self->user_moved ||
          shumate_viewport_get_zoom_level (get_viewport (self)) < get_fit_zoom (self, width) - 1e-6)
        apply_fit (self, width, height);
      else
        {
          self->fit_width = width;
          self->fit_height = height;
        }
      fit_legend (self, width, height);
    }

  gtk_widget_allocate (self->overlay, width, height, baseline, NULL);
  gtk_popover_present (GTK_POPOVER (self->popover));
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

/* Tab order: the map itself, then each of its main countries (the
 * keyboard's way to what a pointer hovers), then the buttons on it; the
 * same backwards. Ctrl+Tab leaves at once. */
static gboolean
ls_map_view_focus (GtkWidget        *widget,
                   GtkDirectionType  direction)
{
  LsMapView *self = LS_MAP_VIEW (widget);
  GtkWidget *focus_child = gtk_widget_get_focus_child (widget);
  gboolean has_focus = gtk_widget_is_focus (widget);
  int index;

  if (self->leaving)
    {
      set_focus_country (self, NULL);
      return FALSE;
    }

  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    {
      /* Arrow keys pan (bindings) before focus would move; for other
       * directions, enter the map itself. */
      if (!has_focus && focus_child == NULL)
        return gtk_widget_grab_focus (widget);
      return FALSE;
    }

  if (!has_focus && focus_child == NULL)
    {
      /* Entering: forwards at the map itself; backwards at the last of
       * the buttons, else at the last country. */
      if (direction == GTK_DIR_TAB_BACKWARD && gtk_widget_child_focus (self->overlay, direction))
        return TRUE;

      gtk_widget_grab_focus (widget);
      set_focus_country (self, direction == GTK_DIR_TAB_BACKWARD && self->n_main_countries > 0
                               ? main_country_id (self, self->n_main_countries - 1) : NULL);
      return TRUE;
    }

  if (has_focus)
    {
      index = focus_index (self);

      if (direction == GTK_DIR_TAB_FORWARD)
        {
          if (index + 1 < (int) self->n_main_countries && self->result != NULL)
            {
              set_focus_country (self, main_country_id (self, index + 1));
              return TRUE;
            }
          set_focus_country (self, NULL);
          return gtk_widget_child_focus (self->overlay, direction);
        }

      if (index > 0)
        set_focus_country (self, main_country_id (self, index - 1));
      else if (self->focus_country != NULL)
        set_focus_country (self, NULL);
      else
        return FALSE;
      return TRUE;
    }

  /* A button on the map has the focus. */
  if (gtk_widget_child_focus (focus_child, direction))
    return TRUE;

  if (direction == GTK_DIR_TAB_BACKWARD)
    {
      gtk_widget_grab_focus (widget);
      set_focus_country (self, self->n_main_countries > 0 && self->result != NULL
                               ? main_country_id (self, self->n_main_countries - 1) : NULL);
      return TRUE;
    }

  return FALSE;
}

/* GObject */

static void
ls_map_view_dispose (GObject *object)
{
  LsMapView *self = LS_MAP_VIEW (object);

  g_clear_handle_id (&self->click_timeout_id, g_source_remove);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_pointer (&self->overlay, gtk_widget_unparent);
  self->map = NULL;
  self->legend = NULL;
  self->legend_area = NULL;
  self->reset_button = NULL;
  self->popover_label = NULL;
  self->popover_button = NULL;
  self->tile_layer = NULL;
  self->flow_layer = NULL;
  g_clear_object (&self->source);
  g_clear_pointer (&self->result, ls_result_unref);
  g_clear_pointer (&self->ranges, ls_ranges_unref);

  G_OBJECT_CLASS (ls_map_view_parent_class)->dispose (object);
}

static void
ls_map_view_finalize (GObject *object)
{
  LsMapView *self = LS_MAP_VIEW (object);

  g_clear_pointer (&self->highlight, g_free);
  g_clear_pointer (&self->focus_country, g_free);
  g_clear_pointer (&self->popover_country, g_free);
  g_clear_pointer (&self->main_countries, g_free);

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

    case PROP_USER_MOVED:
      g_value_set_boolean (value, ls_map_view_get_user_moved (self));
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

static gpointer
load_shapes_thread (gpointer data)
{
  ls_shapes_get_default (LS_SHAPES_DETAIL_LOW);

  return NULL;
}

static gpointer
load_detail_shapes_thread (gpointer data)
{
  ls_shapes_get_default (LS_SHAPES_DETAIL_MEDIUM);

  return NULL;
}

/* The 1:50m shapes serve from LS_MAP_SOURCE_DETAIL_ZOOM on, and loading
 * them takes 150 ms and more. Left to the first zoom past that level,
 * they made its first frame wait as long (135-200 ms in bench-map-frame,
 * issue 12). So they are loaded in a thread, once, after the map's first
 * painted frame, which start-up does not wait for. */
static void
on_first_paint_cb (GdkFrameClock *clock,
                   LsMapView     *self)
{
  static gsize started = 0;

  g_signal_handlers_disconnect_by_func (clock, on_first_paint_cb, self);
  if (g_once_init_enter (&started))
    {
      g_thread_unref (g_thread_new ("ls-shapes-50m", load_detail_shapes_thread, NULL));
      g_once_init_leave (&started, 1);
    }
}

static void
ls_map_view_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ls_map_view_parent_class)->realize (widget);

  update_tile_paint (LS_MAP_VIEW (widget));
  g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                           G_CALLBACK (on_first_paint_cb), widget, 0);
}

static void
ls_map_view_class_init (LsMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* The first allocation needs the shapes (a few per cent of start-up,
   * issue 12): load them beside the rest of the window's construction.
   * ls_shapes_get_default() loads once and makes a caller that comes
   * early wait for the load under way. */
  g_thread_unref (g_thread_new ("ls-shapes", load_shapes_thread, NULL));

  object_class->dispose = ls_map_view_dispose;
  object_class->finalize = ls_map_view_finalize;
  object_class->get_property = ls_map_view_get_property;
  object_class->set_property = ls_map_view_set_property;

  widget_class->realize = ls_map_view_realize;
  widget_class->measure = ls_map_view_measure;
  widget_class->size_allocate = ls_map_view_size_allocate;
  widget_class->snapshot = ls_map_view_snapshot;
  widget_class->focus = ls_map_view_focus;

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

  /**
   * LsMapView:user-moved:
   *
   * Whether the user has zoomed or panned away from the fitted world.
   * While not, every change of size refits the world; "Reset View"
   * (ls_map_view_reset_view()) comes back to it.
   */
  properties[PROP_USER_MOVED] =
    g_param_spec_boolean ("user-moved", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LsMapView::country-activated:
   * @self: the map view
   * @iso3: the ISO3 code of the country
   *
   * Emitted when the user asks to change a country's membership of the
   * bloc: "Add to Bloc" or "Remove from Bloc" in the popover that a
   * click, or Enter on a focused country, opens. Never on a plain click.
   * The handler toggles the membership as one undoable edit; the view
   * then posts a toast with "Undo" (the `win.undo` action) on the
   * nearest #AdwToastOverlay.
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
  gtk_widget_class_install_action (widget_class, "map.reset-view", NULL, map_reset_view_action);
  gtk_widget_class_install_action (widget_class, "map.explain", NULL, map_explain_action);
  gtk_widget_class_install_action (widget_class, "map.unfocus-country", NULL, map_unfocus_country_action);
  gtk_widget_class_install_action (widget_class, "map.leave", "b", map_leave_action);
  gtk_widget_class_install_action (widget_class, "map.toggle-member", "s", map_toggle_member_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "map.pan", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "map.pan", "(ii)", 1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "map.pan", "(ii)", 0, -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "map.pan", "(ii)", 0, 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "map.reset-view", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "map.reset-view", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "map.explain", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "map.explain", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "map.explain", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "map.explain", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "map.explain", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "map.unfocus-country", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Tab, GDK_CONTROL_MASK, "map.leave", "b", FALSE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_ISO_Left_Tab, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "map.leave", "b", TRUE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Tab, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "map.leave", "b", TRUE);

  gtk_widget_class_set_css_name (widget_class, "mapview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ls_map_view_init (LsMapView *self)
{
  GtkEventController *motion;
  GtkEventController *focus;
  GtkGesture *click;
  GtkWidget *box;

  ls_render_style_init (&self->style, FALSE);
  ls_map_options_init (&self->options);
  self->legend_parts = LS_MAP_LEGEND_ALL;
  self->legend_scale = 1.0;

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

  /* The legend folds away: on a small map it would cover countries. */
  self->legend_area = g_object_new (GTK_TYPE_DRAWING_AREA, "accessible-role", GTK_ACCESSIBLE_ROLE_IMG, NULL);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->legend_area), legend_draw_func, self, NULL);
  /* A picture; clicks and drags on it go to the map under it. */
  gtk_widget_set_can_target (self->legend_area, FALSE);
  self->legend = gtk_expander_new (_("Legend"));
  gtk_expander_set_expanded (GTK_EXPANDER (self->legend), TRUE);
  gtk_expander_set_child (GTK_EXPANDER (self->legend), self->legend_area);
  gtk_widget_set_halign (self->legend, GTK_ALIGN_START);
  gtk_widget_set_valign (self->legend, GTK_ALIGN_END);
  gtk_widget_set_margin_start (self->legend, LEGEND_MARGIN);
  gtk_widget_set_margin_bottom (self->legend, LEGEND_MARGIN);
  gtk_widget_set_visible (self->legend, FALSE);
  gtk_widget_add_css_class (self->legend, "map-legend");
  g_signal_connect_swapped (self->legend, "notify::expanded", G_CALLBACK (on_legend_expanded_cb), self);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->legend);

  self->reset_button = gtk_button_new_from_icon_name ("zoom-fit-best-symbolic");
  gtk_widget_set_tooltip_text (self->reset_button, _("Reset View"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reset_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reset View"),
                                  GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS, "Home",
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->reset_button), "map.reset-view");
  gtk_widget_add_css_class (self->reset_button, "osd");
  gtk_widget_add_css_class (self->reset_button, "circular");
  gtk_widget_set_halign (self->reset_button, GTK_ALIGN_END);
  gtk_widget_set_valign (self->reset_button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->reset_button, 8);
  gtk_widget_set_margin_end (self->reset_button, 8);
  gtk_widget_set_visible (self->reset_button, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->reset_button);

  /* What a click or Enter on a country shows: its figures, what they
   * rest on, and the one explicit way to change the bloc from the map. */
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  self->popover_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->popover_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->popover_label), 44);
  gtk_label_set_xalign (GTK_LABEL (self->popover_label), 0);
  gtk_label_set_selectable (GTK_LABEL (self->popover_label), FALSE);
  gtk_box_append (GTK_BOX (box), self->popover_label);
  self->popover_button = gtk_button_new_with_label (_("Add to Bloc"));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->popover_button), "s", "");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->popover_button), "map.toggle-member");
  gtk_widget_set_halign (self->popover_button, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), self->popover_button);
  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), box);
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_TOP);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
  g_signal_connect_swapped (self->popover, "closed", G_CALLBACK (on_popover_closed_cb), self);

  /* On the map, in the capture phase: we only watch, so ShumateMap's own
   * drag and double-click gestures still see every event. */
  motion = gtk_event_controller_motion_new ();
  gtk_event_controller_set_propagation_phase (motion, GTK_PHASE_CAPTURE);
  g_signal_connect (motion, "enter", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), motion);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (click));

  g_signal_connect_object (get_viewport (self), "notify", G_CALLBACK (on_viewport_notify_cb), self,
                           G_CONNECT_SWAPPED);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

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
  update_main_countries (self);
  update_legend (self);
  fit_legend (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
  update_accessible (self);

  /* An open popover follows the new figures. */
  if (self->popover_country != NULL && result != NULL && gtk_widget_get_visible (self->popover))
    {
      g_autofree char *iso3 = g_strdup (self->popover_country);
      GdkRectangle rect;

      gtk_popover_get_pointing_to (GTK_POPOVER (self->popover), &rect);
      show_popover (self, iso3, rect.x + 1, rect.y + 1, gtk_popover_get_autohide (GTK_POPOVER (self->popover)));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
}

/**
 * ls_map_view_get_ranges:
 * @self: a #LsMapView
 *
 * Returns: (transfer none) (nullable): the ranges of the result's
 *   figures, if known
 */
LsRanges *
ls_map_view_get_ranges (LsMapView *self)
{
  g_return_val_if_fail (LS_IS_MAP_VIEW (self), NULL);

  return self->ranges;
}

/**
 * ls_map_view_set_ranges:
 * @self: a #LsMapView
 * @ranges: (nullable): the ranges of the result's figures
 *   (ls_session_get_ranges(), which arrives after the result), or %NULL
 *   while they are computed
 *
 * With ranges, the explanations in the tooltip, the popover and the
 * accessible description give each figure's range.
 */
void
ls_map_view_set_ranges (LsMapView *self,
                        LsRanges  *ranges)
{
  g_return_if_fail (LS_IS_MAP_VIEW (self));

  if (self->ranges == ranges)
    return;

  g_clear_pointer (&self->ranges, ls_ranges_unref);
  if (ranges != NULL)
    self->ranges = ls_ranges_ref (ranges);

  if (self->focus_country != NULL)
    update_accessible (self);
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
  fit_legend (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
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
 * What a click does: gives the map the keyboard focus and opens a
 * popover on the country at (@x, @y) that explains its figures and
 * offers "Add to Bloc" or "Remove from Bloc". It never changes the bloc
 * itself.
 *
 * Returns: %TRUE if there was a country
 */
gboolean
ls_map_view_activate_at (LsMapView *self,
                         double     x,
                         double     y)
{
  g_autofree char *iso3 = NULL;
  int country;

  g_return_val_if_fail (LS_IS_MAP_VIEW (self), FALSE);

  gtk_widget_grab_focus (GTK_WIDGET (self));

  /* Copied: the shapes' string changes with the zoom. */
  iso3 = g_strdup (ls_map_view_country_at (self, x, y));
  if (iso3 == NULL)
    {
      gtk_popover_popdown (GTK_POPOVER (self->popover));
      return FALSE;
    }

  /* The keyboard carries on from the country clicked. */
  country = lookup_country (self, iso3);
  set_focus_country (self, country >= 0 ? iso3 : NULL);
  show_popover (self, iso3, x, y, FALSE);
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
 * Zooms so that the world's width fills the view, from the Arctic
 * islands to Cape Horn where the height allows, with Antarctica cut off;
 * the same as ls_map_view_reset_view().
 */
void
ls_map_view_fit_world (LsMapView *self)
{
  g_return_if_fail (LS_IS_MAP_VIEW (self));

  ls_map_view_reset_view (self);
}

/**
 * ls_map_view_reset_view:
 * @self: a #LsMapView
 *
 * Back to the fitted world after a zoom or pan ("Reset View", Home);
 * from then on the map refits whenever its size changes.
 */
void
ls_map_view_reset_view (LsMapView *self)
{
  double width, height;

  g_return_if_fail (LS_IS_MAP_VIEW (self));

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 1 || height <= 1)
    {
      width = 1024;
      height = 768;
    }

  apply_fit (self, width, height);
}

/**
 * ls_map_view_get_user_moved:
 * @self: a #LsMapView
 *
 * Returns: whether the user has zoomed or panned away from the fitted
 *   world
 */
gboolean
ls_map_view_get_user_moved (LsMapView *self)
{
  g_return_val_if_fail (LS_IS_MAP_VIEW (self), FALSE);

  return self->user_moved;
}

/**
 * ls_map_view_get_min_zoom:
 * @self: a #LsMapView
 *
 * Returns: the lowest zoom level the view allows at its size: the whole
 *   world exactly as wide as the view
 */
double
ls_map_view_get_min_zoom (LsMapView *self)
{
  g_return_val_if_fail (LS_IS_MAP_VIEW (self), 0);

  return get_fit_zoom (self, gtk_widget_get_width (GTK_WIDGET (self)));
}

/**
 * ls_map_view_get_focus_country:
 * @self: a #LsMapView
 *
 * Returns: (nullable): the ISO3 code of the country the keyboard is on
 *   (Tab cycles the main countries), or %NULL
 */
const char *
ls_map_view_get_focus_country (LsMapView *self)
{
  g_return_val_if_fail (LS_IS_MAP_VIEW (self), NULL);

  return self->focus_country;
}

/**
 * ls_map_view_get_main_countries:
 * @self: a #LsMapView
 * @n_countries: (out): how many
 *
 * Returns: (array length=n_countries) (transfer none): the countries the
 *   map names and Tab visits, in that order (indices of the result's
 *   dataset)
 */
const guint *
ls_map_view_get_main_countries (LsMapView *self,
                                guint     *n_countries)
{
  g_return_val_if_fail (LS_IS_MAP_VIEW (self), NULL);
  g_return_val_if_fail (n_countries != NULL, NULL);

  *n_countries = self->n_main_countries;
  return self->main_countries;
}

/**
 * ls_map_view_get_popover_country:
 * @self: a #LsMapView
 *
 * Returns: (nullable): the ISO3 code of the country whose popover is
 *   open, or %NULL
 */
const char *
ls_map_view_get_popover_country (LsMapView *self)
{
  g_return_val_if_fail (LS_IS_MAP_VIEW (self), NULL);

  return gtk_widget_get_visible (self->popover) ? self->popover_country : NULL;
}

/**
 * ls_map_view_get_extent:
 * @self: a #LsMapView
 * @extent: (out caller-allocates): the part of the world in view
 *
 * The longitudes and latitudes the view shows, within one world: a view
 * across the antimeridian gives the larger side, a view wider than the
 * world the whole of it.
 *
 * Returns: %FALSE if the view has no size yet
 */
gboolean
ls_map_view_get_extent (LsMapView   *self,
                        LsGeoBounds *extent)
{
  LsProjection projection;
  double width, height, world, west, east, north, south;

  g_return_val_if_fail (LS_IS_MAP_VIEW (self), FALSE);
  g_return_val_if_fail (extent != NULL, FALSE);

  width = gtk_widget_get_width (GTK_WIDGET (self->map));
  height = gtk_widget_get_height (GTK_WIDGET (self->map));
  if (width <= 1 || height <= 1 || !ls_flow_layer_get_projection (self->flow_layer, &projection, &world))
    return FALSE;

  /* Raw x, unwrapped, in degrees. */
  west = (0 - projection.origin_x) / projection.scale * 180.0 / G_PI;
  east = (width - projection.origin_x) / projection.scale * 180.0 / G_PI;
  if (east - west >= 360.0)
    {
      west = -180.0;
      east = 180.0;
    }
  else
    {
      double shift = 360.0 * floor ((west + 180.0) / 360.0);

      west -= shift;
      east -= shift;
      /* Across the antimeridian: keep the larger side. */
      if (east > 180.0)
        {
          if (180.0 - west >= east - 180.0)
            east = 180.0;
          else
            {
              east -= 360.0;
              west = -180.0;
            }
        }
    }

  /* Web Mercator's latitude depends on y alone. */
  {
    double unused;

    ls_projection_unproject (&projection, 0, 0, &unused, &north);
    ls_projection_unproject (&projection, 0, height, &unused, &south);
  }

  extent->west = west;
  extent->east = east;
  extent->north = CLAMP (north, -LS_PROJECTION_MERCATOR_MAX_LAT, LS_PROJECTION_MERCATOR_MAX_LAT);
  extent->south = CLAMP (south, -LS_PROJECTION_MERCATOR_MAX_LAT, LS_PROJECTION_MERCATOR_MAX_LAT);
  return extent->north > extent->south;
}

/**
 * ls_map_view_get_figure_options:
 * @self: a #LsMapView
 * @options: (out caller-allocates): what ls_render_map_figure() should
 *   draw to export this view
 *
 * The view's metric, stage, arcs and labels, and the part of the world
 * it shows: after a zoom or pan, its extent in its own Web Mercator, so
 * that the exported figure shows what the user saw; at the fitted world,
 * the world less Antarctica in Equal Earth, whose areas are true.
 */
void
ls_map_view_get_figure_options (LsMapView    *self,
                                LsMapOptions *options)
{
  LsGeoBounds extent;

  g_return_if_fail (LS_IS_MAP_VIEW (self));
  g_return_if_fail (options != NULL);

  *options = self->options;
  options->has_extent = FALSE;
  options->projection = LS_PROJECTION_EQUAL_EARTH;

  if (self->user_moved && ls_map_view_get_extent (self, &extent))
    {
      options->has_extent = TRUE;
      options->extent = extent;
      options->projection = LS_PROJECTION_WEB_MERCATOR;
    }
}

/**
 * ls_map_view_legend_covers_data:
 * @self: a #LsMapView
 *
 * For tests: whether the legend, as laid out, lies over any country of
 * the dataset in the current view.
 *
 * Returns: %TRUE if it does
 */
gboolean
ls_map_view_legend_covers_data (LsMapView *self)
{
  ShumateViewport *viewport;
  graphene_rect_t rect;

  g_return_val_if_fail (LS_IS_MAP_VIEW (self), FALSE);

  if (!gtk_widget_get_visible (self->legend) ||
      !gtk_widget_compute_bounds (self->legend, GTK_WIDGET (self), &rect))
    return FALSE;

  viewport = get_viewport (self);
  return rect_covers_data (self, &rect,
                           gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)),
                           shumate_viewport_get_zoom_level (viewport),
                           shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                           shumate_location_get_longitude (SHUMATE_LOCATION (viewport)));
}

/**
 * ls_map_view_get_legend_parts:
 * @self: a #LsMapView
 * @expanded: (out) (optional): whether the legend is unfolded
 *
 * Returns: the parts of the legend shown
 */
LsMapLegendParts
ls_map_view_get_legend_parts (LsMapView *self,
                              gboolean  *expanded)
{
  g_return_val_if_fail (LS_IS_MAP_VIEW (self), LS_MAP_LEGEND_ALL);

  if (expanded != NULL)
    *expanded = gtk_expander_get_expanded (GTK_EXPANDER (self->legend));
  return self->legend_parts;
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
