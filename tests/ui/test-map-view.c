/* test-map-view.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ls-image-pattern.h"
#include "ls-map-view.h"
#include "ls-test-utils.h"
#include "ls-ui-test-utils.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#define SEOUL_LAT 37.57
#define SEOUL_LON 126.98

typedef struct
{
  GtkWidget *window;
  GtkWidget *toasts;
  GtkWidget *before;
  GtkWidget *after;
  LsMapView *view;
} Fixture;

static void
count_cb (guint *count)
{
  (*count)++;
}

static gboolean
has_tiles (gpointer data)
{
  Fixture *fixture = data;

  return ls_map_source_get_n_filled_tiles (ls_map_view_get_map_source (fixture->view)) >= 4;
}

static gboolean
has_drawn_result (gpointer data)
{
  Fixture *fixture = data;

  return ls_flow_layer_get_n_snapshots (ls_map_view_get_flow_layer (fixture->view)) > 0;
}

typedef struct
{
  GtkWidget *widget;
  int        width;
  int        height;
} Size;

static gboolean
has_size (gpointer data)
{
  Size *size = data;

  return gtk_widget_get_width (size->widget) == size->width && gtk_widget_get_height (size->widget) == size->height;
}

/* Gives the view exactly @width × @height, as a resized window or
 * presenter mode would, and waits for the allocation. */
static void
resize_view (Fixture *fixture,
             int      width,
             int      height)
{
  Size size = { GTK_WIDGET (fixture->view), width, height };

  gtk_widget_set_size_request (GTK_WIDGET (fixture->view), width, height);
  ls_ui_test_wait_for (has_size, &size, "the new size");
}

/* A window holding a button, the map, and a button: the map between
 * two other Tab stops, in a toast overlay as the app's window has. The
 * map is as large as it is asked to be, so that tests can resize it. */
static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1400, 900);
  fixture->toasts = adw_toast_overlay_new ();
  fixture->before = gtk_button_new_with_label ("Before");
  fixture->after = gtk_button_new_with_label ("After");
  fixture->view = LS_MAP_VIEW (ls_map_view_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (fixture->view), FALSE);
  gtk_widget_set_vexpand (GTK_WIDGET (fixture->view), FALSE);
  gtk_widget_set_halign (GTK_WIDGET (fixture->view), GTK_ALIGN_START);
  gtk_widget_set_valign (GTK_WIDGET (fixture->view), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), fixture->before);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->view));
  gtk_box_append (GTK_BOX (box), fixture->after);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (fixture->toasts), box);
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->toasts);
  gtk_window_present (GTK_WINDOW (fixture->window));

  resize_view (fixture, 1280, 800);
  ls_ui_test_wait_for_mapped (GTK_WIDGET (fixture->view));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_object_ref (fixture->window);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  ls_ui_test_flush ();
  g_assert_finalize_object (fixture->window);
}

static ShumateViewport *
get_viewport (Fixture *fixture)
{
  return shumate_map_get_viewport (ls_map_view_get_map (fixture->view));
}

static void
test_tiles (Fixture       *fixture,
            gconstpointer  data)
{
  ShumateViewport *viewport = get_viewport (fixture);
  LsMapSource *source = ls_map_view_get_map_source (fixture->view);

  g_assert_true (SHUMATE_MAP_SOURCE (source) == shumate_viewport_get_reference_map_source (viewport));
  g_assert_cmpstr (shumate_map_source_get_id (SHUMATE_MAP_SOURCE (source)), ==, LS_MAP_SOURCE_ID);

  /* The world fills the width: 1280 px is 5 tiles of 256. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->view)), ==, 1280);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), log2 (1280.0 / 256.0), 1e-6);

  ls_ui_test_wait_for (has_tiles, fixture, "tiles");

  /* Offline: nothing registered libsoup's session type, let alone made
   * one (libshumate links libsoup, so the type would exist if used). */
  g_assert_true (g_type_from_name ("SoupSession") == 0);
}

static void
test_result (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(LsResult) result = ls_test_default_result ("msp");
  g_autofree char *expected = NULL;
  g_autofree char *expected_dependency = NULL;
  LsMapOptions options;
  guint notified = 0;
  char *description;

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (fixture->view), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fixture->view), GTK_ACCESSIBLE_PROPERTY_LABEL, "World map");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fixture->view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "No data loaded");

  g_signal_connect_swapped (fixture->view, "notify::result", G_CALLBACK (count_cb), &notified);
  ls_map_view_set_result (fixture->view, result);
  ls_map_view_set_result (fixture->view, result);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (ls_map_view_get_result (fixture->view) == result);

  /* The description is the figure in words, then how to reach it by
   * keyboard. */
  ls_map_options_init (&options);
  expected = ls_render_map_dup_description (result, &options);
  g_assert_nonnull (strstr (expected, "China"));
  description = gtk_test_accessible_check_property (GTK_ACCESSIBLE (fixture->view),
                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  g_assert_nonnull (description);
  g_assert_true (g_str_has_prefix (description, expected));
  g_assert_nonnull (strstr (description, "Tab"));
  g_free (description);

  /* The description follows the metric. */
  g_object_set (fixture->view, "metric", LS_MAP_METRIC_DEPENDENCY, NULL);
  options.metric = LS_MAP_METRIC_DEPENDENCY;
  expected_dependency = ls_render_map_dup_description (result, &options);
  g_assert_cmpstr (expected, !=, expected_dependency);
  description = gtk_test_accessible_check_property (GTK_ACCESSIBLE (fixture->view),
                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected_dependency);
  g_assert_true (g_str_has_prefix (description, expected_dependency));
  g_free (description);

  ls_ui_test_wait_for (has_drawn_result, fixture, "the overlay");
}

/* LsFlowLayer draws through an affine projection of its own, built from
 * the viewport; it must land where libshumate puts things. */
static void
test_projection_agrees (Fixture       *fixture,
                        gconstpointer  data)
{
  static const double points[][2] = {
    { SEOUL_LAT, SEOUL_LON }, { 0, 0 }, { -33.9, 151.2 }, { 64.1, -21.9 }, { 40.7, -74.0 },
  };
  LsFlowLayer *layer = ls_map_view_get_flow_layer (fixture->view);
  ShumateViewport *viewport = get_viewport (fixture);
  LsProjection projection;
  double world;

  shumate_map_center_on (ls_map_view_get_map (fixture->view), 30.0, 100.0);
  shumate_viewport_set_zoom_level (viewport, 3.4);
  g_assert_true (ls_flow_layer_get_projection (layer, &projection, &world));
  g_assert_cmpfloat_with_epsilon (world, 256 * exp2 (3.4), 1e-6);

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      double sx, sy, x, y;

      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (layer),
                                                  points[i][0], points[i][1], &sx, &sy);
      ls_projection_project (&projection, points[i][1], points[i][0], &x, &y);
      g_assert_cmpfloat_with_epsilon (x, sx, 0.01);
      g_assert_cmpfloat_with_epsilon (y, sy, 0.01);
    }
}

static void
on_country_activated_cb (LsMapView  *view,
                         const char *iso3,
                         GPtrArray  *out)
{
  g_ptr_array_add (out, g_strdup (iso3));
}

/* A GtkLabel under @widget whose text is @text. */
static gboolean
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_label (child, text))
      return TRUE;

  return FALSE;
}

typedef struct
{
  GtkWidget  *widget;
  const char *text;
} LabelSearch;

static gboolean
label_shown (gpointer data)
{
  LabelSearch *search = data;

  return find_label (search->widget, search->text);
}

/* A click explains a country and never changes the bloc; only the
 * popover's button does, once, with a toast that offers to undo it. */
static void
test_click_explains (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(LsResult) result = ls_test_default_result ("msp");
  g_autoptr(GPtrArray) activated = g_ptr_array_new_with_free_func (g_free);
  LabelSearch toast = { NULL, "South Korea removed from the bloc" };
  double x, y, sea_x, sea_y;

  ls_map_view_set_result (fixture->view, result);
  g_signal_connect (fixture->view, "country-activated", G_CALLBACK (on_country_activated_cb), activated);

  g_assert_true (ls_map_view_location_to_coords (fixture->view, SEOUL_LAT, SEOUL_LON, &x, &y));
  g_assert_cmpfloat (x, >, 0);
  g_assert_cmpfloat (x, <, 1280);
  g_assert_cmpfloat (y, >, 0);
  g_assert_cmpfloat (y, <, 800);
  g_assert_cmpstr (ls_map_view_country_at (fixture->view, x, y), ==, "KOR");

  /* The click takes the keyboard focus from wherever it was, and opens
   * the popover on Korea, with the figures behind its colour. */
  gtk_widget_grab_focus (fixture->before);
  g_assert_true (ls_map_view_activate_at (fixture->view, x, y));
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (fixture->view)));
  g_assert_cmpstr (ls_map_view_get_popover_country (fixture->view), ==, "KOR");
  g_assert_cmpstr (ls_map_view_get_focus_country (fixture->view), ==, "KOR");
  g_assert_cmpuint (activated->len, ==, 0);
  g_assert_true (ls_result_is_member (result, ls_dataset_lookup_country (ls_result_get_dataset (result), "KOR")));

  /* The popover's button is the explicit change. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "map.toggle-member", "s", "KOR"));
  g_assert_cmpuint (activated->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (activated, 0), ==, "KOR");
  g_assert_null (ls_map_view_get_popover_country (fixture->view));
  toast.widget = fixture->toasts;
  ls_ui_test_wait_for (label_shown, &toast, "the toast");

  /* The sea between Korea and Japan is no country, and opens nothing. */
  g_assert_true (ls_map_view_location_to_coords (fixture->view, 40.0, 135.0, &sea_x, &sea_y));
  g_assert_false (ls_map_view_activate_at (fixture->view, sea_x, sea_y));
  g_assert_null (ls_map_view_get_popover_country (fixture->view));
  g_assert_cmpuint (activated->len, ==, 1);

  /* Above the world there is nothing, though libshumate would wrap the
   * latitude round to Antarctica. */
  shumate_map_center_on (ls_map_view_get_map (fixture->view), 80.0, 0.0);
  g_assert_null (ls_map_view_country_at (fixture->view, 640, 5));
  shumate_map_center_on (ls_map_view_get_map (fixture->view), -70.0, 0.0);
  g_assert_true (ls_map_view_location_to_coords (fixture->view, -80.0, 0.0, &x, &y));
  g_assert_cmpstr (ls_map_view_country_at (fixture->view, x, y), ==, "ATA");

  /* The same after zooming in, on the 1:50m shapes. */
  shumate_viewport_set_zoom_level (get_viewport (fixture), 5);
  shumate_map_center_on (ls_map_view_get_map (fixture->view), 36.0, 127.5);
  g_assert_true (ls_map_view_location_to_coords (fixture->view, SEOUL_LAT, SEOUL_LON, &x, &y));
  g_assert_true (ls_map_view_activate_at (fixture->view, x, y));
  g_assert_cmpstr (ls_map_view_get_popover_country (fixture->view), ==, "KOR");
  g_assert_cmpuint (activated->len, ==, 1);
}

static void
test_highlight (Fixture       *fixture,
                gconstpointer  data)
{
  guint notified = 0;

  g_signal_connect_swapped (fixture->view, "notify::highlight-country", G_CALLBACK (count_cb), &notified);

  ls_map_view_set_highlight_country (fixture->view, "KOR");
  ls_map_view_set_highlight_country (fixture->view, "KOR");
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (ls_map_view_get_highlight_country (fixture->view), ==, "KOR");
  g_assert_cmpstr (ls_flow_layer_get_highlight (ls_map_view_get_flow_layer (fixture->view)), ==, "KOR");

  g_object_set (fixture->view, "highlight-country", NULL, NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_null (ls_flow_layer_get_highlight (ls_map_view_get_flow_layer (fixture->view)));
}

/* The flow layer as it now draws, into an image of its size. */
static cairo_surface_t *
draw_layer (LsFlowLayer *layer)
{
  int width = gtk_widget_get_width (GTK_WIDGET (layer));
  int height = gtk_widget_get_height (GTK_WIDGET (layer));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (layer));
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  GskRenderNode *node;
  cairo_t *cr;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  cr = cairo_create (image);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  g_clear_pointer (&node, gsk_render_node_unref);

  return image;
}

/* Issue 12: the highlighted country is drawn in nodes around its parts,
 * not in one around it all; together they paint all of it. The United
 * States, Alaska and Hawaii with it, over the overlay is the overlay
 * with the country's highlight drawn on it, in every copy of the world. */
static void
test_highlight_parts (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LsResult) result = ls_test_default_result ("msp");
  LsFlowLayer *layer = ls_map_view_get_flow_layer (fixture->view);
  ShumateViewport *viewport = get_viewport (fixture);
  cairo_surface_t *plain, *lit;
  LsProjection projection;
  LsShapes *shapes;
  double world;
  int stride, height, max_diff = 0;
  cairo_t *cr;

  ls_map_view_set_result (fixture->view, result);
  ls_ui_test_wait_for (has_drawn_result, fixture, "the overlay");
  while (ls_flow_layer_is_fading (layer))
    g_main_context_iteration (NULL, TRUE);
  ls_ui_test_wait_for_frames (GTK_WIDGET (fixture->view), 2);
  plain = draw_layer (layer);

  ls_map_view_set_highlight_country (fixture->view, "USA");
  ls_ui_test_wait_for_frames (GTK_WIDGET (fixture->view), 2);
  lit = draw_layer (layer);

  g_assert_true (ls_flow_layer_get_projection (layer, &projection, &world));
  shapes = ls_map_source_get_shapes_for_zoom (floor (shumate_viewport_get_zoom_level (viewport)));
  cr = cairo_create (plain);
  for (int k = -3; k <= 3; k++)
    {
      LsProjection copy = projection;

      copy.origin_x += k * world;
      ls_render_map_highlight (cr, shapes, ls_shapes_lookup (shapes, "USA"),
                               ls_map_view_get_render_style (fixture->view), &copy, 2.5);
    }
  cairo_destroy (cr);
  cairo_surface_flush (plain);

  stride = cairo_image_surface_get_stride (plain);
  height = cairo_image_surface_get_height (plain);
  for (int i = 0; i < stride * height; i++)
    max_diff = MAX (max_diff, abs (cairo_image_surface_get_data (plain)[i] - cairo_image_surface_get_data (lit)[i]));
  g_assert_cmpint (max_diff, <=, 1);

  cairo_surface_destroy (plain);
  cairo_surface_destroy (lit);
}

static void
test_keyboard_zoom_and_pan (Fixture       *fixture,
                            gconstpointer  data)
{
  ShumateViewport *viewport = get_viewport (fixture);
  double zoom, lon;

  zoom = shumate_viewport_get_zoom_level (viewport);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "map.zoom-in", NULL));
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >, zoom);
  g_assert_true (ls_map_view_get_user_moved (fixture->view));

  zoom = shumate_viewport_get_zoom_level (viewport);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "map.zoom-in", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "map.zoom-out", NULL));
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), zoom, 1e-9);

  lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "map.pan", "(ii)", 1, 0));
  g_assert_cmpfloat (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), >, lon + 1);

  /* Home, or "Reset View", comes back to the fitted world. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "map.reset-view", NULL));
  g_assert_false (ls_map_view_get_user_moved (fixture->view));
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), log2 (1280.0 / 256.0), 1e-6);
}

/* Never zoomed out past the whole world: no world narrower than the
 * view, shown twice side by side with an empty band. */
static void
test_zoom_cap (Fixture       *fixture,
               gconstpointer  data)
{
  ShumateViewport *viewport = get_viewport (fixture);
  double fit = log2 (1280.0 / 256.0);
  double lat, lon;

  g_assert_cmpfloat_with_epsilon (ls_map_view_get_min_zoom (fixture->view), fit, 1e-9);
  lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));

  /* The minus key at the whole world does nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "map.zoom-out", NULL));
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), fit, 1e-9);

  /* The wheel and a pinch set the zoom directly, and often from a panned
   * view: below the whole world, the fitted world comes back. */
  shumate_map_center_on (ls_map_view_get_map (fixture->view), 10.0, 60.0);
  shumate_viewport_set_zoom_level (viewport, fit - 0.6);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), fit, 1e-9);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), lat, 1e-6);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), lon, 1e-6);
  g_assert_false (ls_map_view_get_user_moved (fixture->view));
}

/* A new size refits the world, until the user zooms or pans; then the
 * view stays, capped at the new whole world, until "Reset View". */
static void
test_refit_on_resize (Fixture       *fixture,
                      gconstpointer  data)
{
  ShumateViewport *viewport = get_viewport (fixture);
  double x, y, zoom;

  /* Larger, as when the window is maximised, then a presenter's wide
   * and short map: the world is always exactly as wide as the view. */
  resize_view (fixture, 1600, 900);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), log2 (1600.0 / 256.0), 1e-6);
  g_assert_false (ls_map_view_get_user_moved (fixture->view));

  resize_view (fixture, 1100, 520);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), log2 (1100.0 / 256.0), 1e-6);

  /* The fitted view shows the producers from the North Cape to
   * Tasmania, and neither the Bering Strait's sides twice. */
  g_assert_true (ls_map_view_location_to_coords (fixture->view, 71.0, 25.0, &x, &y));
  g_assert_cmpfloat (y, >=, 0);
  g_assert_true (ls_map_view_location_to_coords (fixture->view, -42.0, 147.0, &x, &y));
  g_assert_cmpfloat (y, <=, 520);
  g_assert_cmpstr (ls_map_view_country_at (fixture->view, 2, 90), !=, "RUS");
  g_assert_cmpstr (ls_map_view_country_at (fixture->view, 1098, 90), !=, "USA");

  /* Room for it all: Greenland's north and the Canadian Arctic are in
   * view, Antarctica is mostly not. */
  resize_view (fixture, 1280, 800);
  g_assert_true (ls_map_view_location_to_coords (fixture->view, 83.0, -40.0, &x, &y));
  g_assert_cmpfloat (y, >, 0);

  /* The user zooms: a resize keeps their view. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "map.zoom-in", NULL));
  zoom = shumate_viewport_get_zoom_level (viewport);
  resize_view (fixture, 1200, 700);
  g_assert_true (ls_map_view_get_user_moved (fixture->view));
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), zoom, 1e-9);

  /* ... but not below the new whole world. */
  resize_view (fixture, 1380, 700);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >=, log2 (1380.0 / 256.0) - 1e-9);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "map.reset-view", NULL));
  g_assert_false (ls_map_view_get_user_moved (fixture->view));
  resize_view (fixture, 1000, 700);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), log2 (1000.0 / 256.0), 1e-6);
}

static gboolean
popover_closed_with_focus (gpointer data)
{
  Fixture *fixture = data;

  return ls_map_view_get_popover_country (fixture->view) == NULL &&
         gtk_widget_is_focus (GTK_WIDGET (fixture->view));
}

/* Tab walks the map itself, then its main countries, largest first,
 * each announced with its figures, then leaves; Enter explains one. */
static void
test_keyboard_countries (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(LsResult) result = ls_test_default_result ("msp");
  LsDataset *dataset = ls_result_get_dataset (result);
  GtkWidget *window = fixture->window;
  const guint *main_countries;
  guint n_main, tabs = 0;
  char *description;

  ls_map_view_set_result (fixture->view, result);
  main_countries = ls_map_view_get_main_countries (fixture->view, &n_main);
  g_assert_cmpuint (n_main, >=, 3);
  /* Mining: China has the largest share. */
  g_assert_cmpint (main_countries[0], ==, ls_dataset_get_china (dataset));

  gtk_widget_grab_focus (fixture->before);
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (fixture->view)));
  g_assert_null (ls_map_view_get_focus_country (fixture->view));

  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (fixture->view)));
  g_assert_cmpstr (ls_map_view_get_focus_country (fixture->view), ==, "CHN");
  g_assert_cmpstr (ls_map_view_get_highlight_country (fixture->view), ==, "CHN");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fixture->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "World map: China");
  description = gtk_test_accessible_check_property (GTK_ACCESSIBLE (fixture->view),
                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "");
  g_assert_true (g_str_has_prefix (description, "China: Mining. "));
  g_assert_nonnull (strstr (description, "of world output"));
  g_free (description);

  /* Enter explains it, as a click would. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "map.explain", NULL));
  g_assert_cmpstr (ls_map_view_get_popover_country (fixture->view), ==, "CHN");
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_last_child (GTK_WIDGET (fixture->view))));
  ls_ui_test_wait_for (popover_closed_with_focus, fixture, "the popover to close");
  g_assert_cmpstr (ls_map_view_get_focus_country (fixture->view), ==, "CHN");

  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
  g_assert_cmpstr (ls_map_view_get_focus_country (fixture->view), ==,
                   ls_dataset_get_country_id (dataset, main_countries[1]));

  /* Back, and back to the map itself. */
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_BACKWARD));
  g_assert_cmpstr (ls_map_view_get_focus_country (fixture->view), ==, "CHN");
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_BACKWARD));
  g_assert_null (ls_map_view_get_focus_country (fixture->view));
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (fixture->view)));

  /* Forward through all of them, and the buttons on the map, out to the
   * next widget: a bounded walk. */
  while (!gtk_widget_is_focus (fixture->after))
    {
      g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
      g_assert_cmpuint (++tabs, <=, n_main + 3);
    }
  g_assert_cmpuint (tabs, >=, n_main + 1);
  g_assert_null (ls_map_view_get_focus_country (fixture->view));

  /* Ctrl+Tab leaves from any country at once. */
  gtk_widget_grab_focus (fixture->before);
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
  g_assert_nonnull (ls_map_view_get_focus_country (fixture->view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "map.leave", "b", FALSE));
  g_assert_true (gtk_widget_is_focus (fixture->after));
  g_assert_null (ls_map_view_get_focus_country (fixture->view));
}

/* The legend never lies over a country of the dataset in the fitted
 * view, at the map's sizes in the app's window and in presenter mode at
 * 1280 × 720 and 1920 × 1080; where it would, it folds. */
static void
test_legend_placement (Fixture       *fixture,
                       gconstpointer  data)
{
  static const int sizes[][2] = { { 630, 620 }, { 596, 617 }, { 510, 620 }, { 1270, 980 }, { 815, 410 }, { 1460, 770 } };
  g_autoptr(LsResult) result = ls_test_default_result ("msp");

  ls_map_view_set_result (fixture->view, result);

  for (LsMapMetric metric = 0; metric < LS_MAP_N_METRICS; metric++)
    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      {
        resize_view (fixture, sizes[i][0], sizes[i][1]);
        ls_map_view_set_metric (fixture->view, metric);
        ls_ui_test_wait_for_frames (GTK_WIDGET (fixture->view), 2);
        g_assert_false (ls_map_view_legend_covers_data (fixture->view));
      }

  /* At the app's 1920 × 1080 map there is room for the whole legend. */
  {
    gboolean expanded;

    resize_view (fixture, 1270, 980);
    ls_map_view_set_metric (fixture->view, LS_MAP_METRIC_SHARE);
    ls_ui_test_wait_for_frames (GTK_WIDGET (fixture->view), 2);
    g_assert_cmpint (ls_map_view_get_legend_parts (fixture->view, &expanded), ==, LS_MAP_LEGEND_ALL);
    g_assert_true (expanded);
  }
}

/* A zoomed view exports what it shows, in its own projection. */
static void
test_figure_options (Fixture       *fixture,
                     gconstpointer  data)
{
  LsMapOptions options;
  LsGeoBounds extent;

  ls_map_view_set_metric (fixture->view, LS_MAP_METRIC_DEPENDENCY);
  ls_map_view_get_figure_options (fixture->view, &options);
  g_assert_cmpint (options.metric, ==, LS_MAP_METRIC_DEPENDENCY);
  g_assert_false (options.has_extent);
  g_assert_cmpint (options.projection, ==, LS_PROJECTION_EQUAL_EARTH);

  shumate_viewport_set_zoom_level (get_viewport (fixture), 4.5);
  shumate_map_center_on (ls_map_view_get_map (fixture->view), 50.0, 10.0);
  ls_map_view_get_figure_options (fixture->view, &options);
  g_assert_true (options.has_extent);
  g_assert_cmpint (options.projection, ==, LS_PROJECTION_WEB_MERCATOR);
  g_assert_true (ls_map_view_get_extent (fixture->view, &extent));
  g_assert_cmpfloat_with_epsilon (options.extent.west, extent.west, 1e-9);
  /* Europe: Paris in, New York and Beijing out. */
  g_assert_cmpfloat (extent.west, <, 2.3);
  g_assert_cmpfloat (extent.east, >, 2.3);
  g_assert_cmpfloat (extent.south, <, 48.9);
  g_assert_cmpfloat (extent.north, >, 48.9);
  g_assert_cmpfloat (extent.west, >, -74.0);
  g_assert_cmpfloat (extent.east, <, 116.4);
}

static void
test_fade (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(LsResult) bloc = ls_test_default_result ("msp");
  g_autoptr(LsResult) none = ls_test_default_result (NULL);
  LsFlowLayer *layer = ls_map_view_get_flow_layer (fixture->view);
  gboolean animations;
  guint before, draws;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (fixture->view)), "gtk-enable-animations", &animations, NULL);
  if (!animations)
    {
      g_test_skip ("animations are off");
      return;
    }

  ls_map_view_set_result (fixture->view, bloc);
  ls_ui_test_wait_for (has_drawn_result, fixture, "the overlay");
  while (ls_flow_layer_is_fading (layer))
    g_main_context_iteration (NULL, TRUE);

  /* A new result is faded in, not swapped in one frame: some frame
   * blends the two. Counting frames in a time window would depend on the
   * machine's load; this does not. */
  before = ls_flow_layer_get_n_faded_snapshots (layer);
  draws = ls_flow_layer_get_n_cache_draws (layer);
  ls_map_view_set_result (fixture->view, none);
  g_assert_true (ls_flow_layer_is_fading (layer));
  while (ls_flow_layer_is_fading (layer))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (ls_flow_layer_get_n_faded_snapshots (layer) - before, >=, 1);
  g_assert_true (ls_flow_layer_get_result (layer) == none);

  /* The fade blends two cached images: the new result's overlay was
   * drawn once, whatever the number of frames. */
  g_assert_cmpuint (ls_flow_layer_get_n_cache_draws (layer) - draws, ==, 1);

  /* Hovering repaints the cached overlay; it draws nothing anew. */
  draws = ls_flow_layer_get_n_cache_draws (layer);
  before = ls_flow_layer_get_n_snapshots (layer);
  ls_map_view_set_highlight_country (fixture->view, "AUS");
  ls_ui_test_wait_for_frames (GTK_WIDGET (fixture->view), 2);
  ls_map_view_set_highlight_country (fixture->view, "CHN");
  ls_ui_test_wait_for_frames (GTK_WIDGET (fixture->view), 2);
  g_assert_cmpuint (ls_flow_layer_get_n_snapshots (layer), >, before);
  g_assert_cmpuint (ls_flow_layer_get_n_cache_draws (layer), ==, draws);
}

typedef struct
{
  LsFlowLayer *layer;
  guint        draws;
} Draws;

static gboolean
drew_again (gpointer data)
{
  Draws *d = data;

  return ls_flow_layer_get_n_cache_draws (d->layer) > d->draws;
}

/* While the zoom changes, frames scale the overlay's last image; it is
 * drawn anew once, when the zoom stands still, in a worker thread. */
static void
test_zoom_scales_image (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(LsResult) result = ls_test_default_result ("msp");
  LsFlowLayer *layer = ls_map_view_get_flow_layer (fixture->view);
  ShumateViewport *viewport = get_viewport (fixture);
  Draws d = { layer, 0 };
  guint snapshots;

  ls_map_view_set_result (fixture->view, result);
  ls_ui_test_wait_for (has_drawn_result, fixture, "the overlay");
  ls_ui_test_wait_for_frames (GTK_WIDGET (fixture->view), 2);

  /* No frame of this test waits out a real settling time: that would
   * depend on the machine's load. */
  ls_flow_layer_set_zoom_settle_time (layer, G_MAXINT / 1000);
  d.draws = ls_flow_layer_get_n_cache_draws (layer);
  snapshots = ls_flow_layer_get_n_snapshots (layer);
  for (guint i = 1; i <= 3; i++)
    {
      shumate_viewport_set_zoom_level (viewport, log2 (1280.0 / 256.0) + 0.2 * i);
      ls_ui_test_wait_for_frames (GTK_WIDGET (fixture->view), 1);
    }
  g_assert_cmpuint (ls_flow_layer_get_n_snapshots (layer), >, snapshots);
  g_assert_cmpuint (ls_flow_layer_get_n_cache_draws (layer), ==, d.draws);

  /* The frame that sees the zoom settled still scales the image: the
   * new one is drawn in a worker thread, and painted once it is ready. */
  ls_flow_layer_set_zoom_settle_time (layer, 0);
  snapshots = ls_flow_layer_get_n_snapshots (layer);
  ls_ui_test_wait_for_frames (GTK_WIDGET (fixture->view), 1);
  g_assert_cmpuint (ls_flow_layer_get_n_snapshots (layer), >, snapshots);
  g_assert_cmpuint (ls_flow_layer_get_n_cache_draws (layer), ==, d.draws);
  ls_ui_test_wait_for (drew_again, &d, "the overlay drawn at the settled zoom");
  g_assert_cmpuint (ls_flow_layer_get_n_cache_draws (layer), ==, d.draws + 1);

  /* It is what the main thread would have drawn: the same pixels. */
  g_assert_true (ls_flow_layer_check_image (layer));
}

static LsResult *
new_bloc_result (const char *first,
                 const char *second)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsDataset) dataset = ls_dataset_new_default (&error);
  g_autoptr(LsScenario) scenario = ls_scenario_new ();
  LsResult *result;

  g_assert_no_error (error);
  ls_scenario_set_alliance (scenario, first, TRUE);
  if (second != NULL)
    ls_scenario_set_alliance (scenario, second, TRUE);
  result = ls_result_new (dataset, scenario, &error);
  g_assert_no_error (error);

  return result;
}

static void
show_and_wait (Fixture  *fixture,
               LsResult *result)
{
  LsFlowLayer *layer = ls_map_view_get_flow_layer (fixture->view);
  Draws d = { layer, ls_flow_layer_get_n_cache_draws (layer) };

  ls_map_view_set_result (fixture->view, result);
  ls_ui_test_wait_for (drew_again, &d, "the new result's overlay");
  while (ls_flow_layer_is_fading (layer))
    g_main_context_iteration (NULL, TRUE);
}

/* Issue 12: an alliance on or off draws the image of the borders and
 * the bloc's outlines anew only where the bloc changed, and the overlay
 * is then the same as drawing it all from nothing (checked to a level of
 * a channel or two; it is the same to the byte here). The EU
 * joins the MSP in Europe alone, in one box, Malta's a dot at the
 * world's zoom; the Quad adds Australia and India to the G7, in two
 * boxes far apart; and each leaves again. Between the MSP and the G7,
 * and BRICS from Brazil to Russia, so much changes that the image may
 * be drawn whole; either way it must be right. On a map of shares, then
 * of the bloc, whose fills that image holds. */
static void
test_lines_update (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(LsResult) msp = new_bloc_result ("msp", NULL);
  g_autoptr(LsResult) eu = new_bloc_result ("msp", "eu27");
  g_autoptr(LsResult) g7 = new_bloc_result ("g7", NULL);
  g_autoptr(LsResult) quad = new_bloc_result ("g7", "quad");
  g_autoptr(LsResult) brics = new_bloc_result ("msp", "brics");
  struct
  {
    LsResult *result;
    gboolean  in_place;
  } steps[] = {
    { eu, TRUE }, { msp, TRUE }, { g7, FALSE }, { quad, TRUE }, { g7, TRUE }, { brics, FALSE }, { msp, FALSE },
  };
  LsFlowLayer *layer = ls_map_view_get_flow_layer (fixture->view);
  LsMapMetric metrics[] = { LS_MAP_METRIC_SHARE, LS_MAP_METRIC_MEMBERSHIP };

  ls_map_view_set_result (fixture->view, msp);
  ls_ui_test_wait_for (has_drawn_result, fixture, "the overlay");

  for (guint m = 0; m < G_N_ELEMENTS (metrics); m++)
    {
      LsMapOptions options;

      ls_flow_layer_get_options (layer, &options);
      options.metric = metrics[m];
      ls_flow_layer_set_options (layer, &options);
      ls_ui_test_wait_for_frames (GTK_WIDGET (fixture->view), 2);
      while (ls_flow_layer_is_fading (layer))
        g_main_context_iteration (NULL, TRUE);

      for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
        {
          guint updates = ls_flow_layer_get_n_lines_updates (layer);

          show_and_wait (fixture, steps[i].result);
          if (steps[i].in_place)
            g_assert_cmpuint (ls_flow_layer_get_n_lines_updates (layer), ==, updates + 1);
          g_assert_true (ls_flow_layer_check_image (layer));
        }
    }
}

static void
test_style (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(LsResult) result = ls_test_default_result (NULL);
  LsMapSource *light_source = ls_map_view_get_map_source (fixture->view);
  LsRenderStyle dark, tiles;

  ls_map_view_set_result (fixture->view, result);
  ls_ui_test_wait_for (has_tiles, fixture, "tiles");

  /* Dark mode redraws the tiles with a new source. */
  ls_render_style_init (&dark, TRUE);
  ls_map_view_set_render_style (fixture->view, &dark);
  g_assert_true (ls_map_view_get_map_source (fixture->view) != light_source);
  ls_map_source_get_render_style (ls_map_view_get_map_source (fixture->view), &tiles);
  g_assert_true (tiles.dark);
  g_assert_true (ls_map_view_get_render_style (fixture->view)->dark);

  ls_ui_test_wait_for (has_tiles, fixture, "tiles");
}

static void
on_tile_filled_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  gpointer *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (object), result, &error));
  g_assert_no_error (error);
  *done = object;
}

/* The tile (@x, @y) at @zoom from a source that keeps tiles as a view
 * on the Cairo renderer does, or not, drawn by GSK's Cairo path at a
 * scale between zoom levels, on opaque red: ARGB32 pixels. */
static cairo_surface_t *
draw_tile (gboolean  for_cairo_renderer,
           guint     x,
           guint     y,
           guint     zoom,
           double    scale,
           gboolean *is_texture)
{
  g_autoptr(LsMapSource) source = ls_map_source_new (NULL);
  g_autoptr(ShumateTile) tile = shumate_tile_new_full (x, y, LS_MAP_SOURCE_TILE_SIZE, zoom);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GdkPaintable *paintable;
  int size = (int) ceil (LS_MAP_SOURCE_TILE_SIZE * scale) + 2;
  cairo_surface_t *surface;
  gpointer done = NULL;
  cairo_t *cr;

  ls_map_source_set_for_cairo_renderer (source, for_cairo_renderer);
  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tile, NULL, on_tile_filled_cb, &done);
  ls_ui_test_wait_for (ls_ui_test_is_set, &done, "the tile");
  g_assert_cmpint (shumate_tile_get_state (tile), ==, SHUMATE_STATE_DONE);

  paintable = shumate_tile_get_paintable (tile);
  g_assert_nonnull (paintable);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), ==, LS_MAP_SOURCE_TILE_SIZE);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (paintable), ==, LS_MAP_SOURCE_TILE_SIZE);
  *is_texture = GDK_IS_TEXTURE (paintable);

  /* As libshumate 1.0 places a tile, a widget of its own: at whole
   * pixels, scaled to a whole number of them. */
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (1, 2));
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                          LS_MAP_SOURCE_TILE_SIZE * scale, LS_MAP_SOURCE_TILE_SIZE * scale);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_paint (cr);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* Under GTK's Cairo renderer the source keeps a tile's pixels as a Cairo
 * node, not a texture, which that renderer would convert on every frame
 * (issue 12). It must look exactly the same, scaled between zoom levels
 * too: the edges filtered with their own pixels, no seam of background
 * between tiles. */
static void
test_tile_images (void)
{
  const struct { guint x, y, zoom; double scale; } cases[] = {
    { 0, 0, 0, 1.0 },
    { 3, 5, 3, 351.0 / 256 },  /* Antarctica's coast, where a seam showed */
    { 6, 2, 3, 212.0 / 256 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      cairo_surface_t *image, *texture;
      gboolean image_is_texture, texture_is_texture;
      int width, height, stride;
      const guchar *a, *b;

      image = draw_tile (TRUE, cases[i].x, cases[i].y, cases[i].zoom, cases[i].scale, &image_is_texture);
      texture = draw_tile (FALSE, cases[i].x, cases[i].y, cases[i].zoom, cases[i].scale, &texture_is_texture);
      g_assert_false (image_is_texture);
      g_assert_true (texture_is_texture);

      width = cairo_image_surface_get_width (image);
      height = cairo_image_surface_get_height (image);
      stride = cairo_image_surface_get_stride (image);
      a = cairo_image_surface_get_data (image);
      b = cairo_image_surface_get_data (texture);
      for (int row = 0; row < height; row++)
        if (memcmp (a + row * stride, b + row * stride, width * 4) != 0)
          g_error ("tile %u/%u/%u at scale %.3f: row %d differs between the image and the texture",
                   cases[i].zoom, cases[i].x, cases[i].y, cases[i].scale, row);

      /* The tile covers the red fully, to its edges: no seam. Its own
       * colours (sea, land, borders) are pale or grey, never red. */
      for (int row = 2; row < 2 + (int) (LS_MAP_SOURCE_TILE_SIZE * cases[i].scale); row++)
        for (int col = 1; col < 1 + (int) (LS_MAP_SOURCE_TILE_SIZE * cases[i].scale); col++)
          {
            guint32 pixel = ((const guint32 *) (a + row * stride))[col];
            int red = (pixel >> 16) & 0xff, green = (pixel >> 8) & 0xff;

            if (red > green + 0x30)
              g_error ("tile %u/%u/%u at scale %.3f: the red beneath shows at (%d, %d): %08x",
                       cases[i].zoom, cases[i].x, cases[i].y, cases[i].scale, col, row, pixel);
          }

      cairo_surface_destroy (image);
      cairo_surface_destroy (texture);
    }
}

/* An image drawn for a renderer's Cairo node: at its device scale,
 * padded or not, replayed from a recording, it paints as
 * cairo_set_source_surface() paints it, and the recording holds the
 * image itself, by reference, for as long as it lives. */
static cairo_surface_t *
pattern_paint (cairo_surface_t *image,
               gboolean         use_pattern,
               gboolean         pad)
{
  cairo_surface_t *target = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 120, 90);
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (recording);

  cairo_translate (cr, 10.5, 7);
  cairo_scale (cr, 1.3, 1.1);
  if (use_pattern)
    {
      cairo_pattern_t *pattern = ls_image_pattern_new (image);

      cairo_set_source (cr, pattern);
      cairo_pattern_destroy (pattern);
      g_assert_cmpuint (cairo_surface_get_reference_count (image), ==, 2);
    }
  else
    {
      cairo_set_source_surface (cr, image, 0, 0);
    }
  if (pad)
    cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_rectangle (cr, -5, -5, 80, 60);
  cairo_fill (cr);
  cairo_destroy (cr);
  if (use_pattern)
    g_assert_cmpuint (cairo_surface_get_reference_count (image), ==, 2);

  cr = cairo_create (target);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_surface (cr, recording, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (recording);
  g_assert_cmpuint (cairo_surface_get_reference_count (image), ==, 1);
  cairo_surface_flush (target);

  return target;
}

static void
test_image_pattern (void)
{
  for (int scale = 1; scale <= 2; scale++)
    for (int pad = 0; pad <= 1; pad++)
      {
        cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 64 * scale, 48 * scale);
        cairo_surface_t *expected, *painted;
        int stride;
        cairo_t *cr;

        cairo_surface_set_device_scale (image, scale, scale);
        cr = cairo_create (image);
        cairo_set_source_rgba (cr, 0.8, 0.1, 0.1, 0.7);
        cairo_arc (cr, 30, 20, 15, 0, 2 * G_PI);
        cairo_fill (cr);
        cairo_set_source_rgba (cr, 0.1, 0.1, 0.8, 1);
        cairo_rectangle (cr, 5, 30, 50, 10);
        cairo_fill (cr);
        cairo_destroy (cr);
        cairo_surface_flush (image);

        expected = pattern_paint (image, FALSE, pad);
        painted = pattern_paint (image, TRUE, pad);
        stride = cairo_image_surface_get_stride (expected);
        for (int row = 0; row < 90; row++)
          if (memcmp (cairo_image_surface_get_data (expected) + row * stride,
                      cairo_image_surface_get_data (painted) + row * stride, 120 * 4) != 0)
            g_error ("scale %d, pad %d: row %d differs from the image painted as a surface", scale, pad, row);

        cairo_surface_destroy (expected);
        cairo_surface_destroy (painted);
        cairo_surface_destroy (image);
      }
}

/* A node of an image paints it, over what is under it, and holds it
 * while it lives. */
static void
test_image_node (void)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 64, 48);
  cairo_surface_t *expected = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 64, 48);
  cairo_surface_t *drawn = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 64, 48);
  cairo_surface_t *targets[] = { expected, drawn };
  GskRenderNode *node;
  int stride;
  cairo_t *cr;

  cr = cairo_create (image);
  cairo_set_source_rgba (cr, 0.8, 0.1, 0.1, 0.6);
  cairo_arc (cr, 30, 20, 15, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (image);

  node = ls_image_node_new (image, &GRAPHENE_RECT_INIT (0, 0, 64, 48));
  g_assert_cmpuint (cairo_surface_get_reference_count (image), ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      cr = cairo_create (targets[i]);
      cairo_set_source_rgb (cr, 0.2, 0.6, 0.3);
      cairo_paint (cr);
      if (i == 0)
        {
          cairo_set_source_surface (cr, image, 0, 0);
          cairo_paint (cr);
        }
      else
        {
          gsk_render_node_draw (node, cr);
        }
      cairo_destroy (cr);
      cairo_surface_flush (targets[i]);
    }

  stride = cairo_image_surface_get_stride (expected);
  for (int row = 0; row < 48; row++)
    if (memcmp (cairo_image_surface_get_data (expected) + row * stride,
                cairo_image_surface_get_data (drawn) + row * stride, 64 * 4) != 0)
      g_error ("row %d of the node differs from the image painted over the same ground", row);

  gsk_render_node_unref (node);
  g_assert_cmpuint (cairo_surface_get_reference_count (image), ==, 1);
  cairo_surface_destroy (expected);
  cairo_surface_destroy (drawn);
  cairo_surface_destroy (image);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* The online tiles come and go with the property, off by default. Run
 * last and never shown, so that no tile is asked for: the tests stay
 * offline, and the SoupSession check above stays meaningful. */
static void
test_online_tiles (void)
{
  LsMapView *view = LS_MAP_VIEW (g_object_ref_sink (ls_map_view_new ()));
  guint notified = 0;

  g_signal_connect (view, "notify::online-tiles", G_CALLBACK (on_notify_cb), &notified);
  g_assert_false (ls_map_view_get_online_tiles (view));

  ls_map_view_set_online_tiles (view, TRUE);
  g_assert_true (ls_map_view_get_online_tiles (view));
  ls_map_view_set_online_tiles (view, TRUE);
  g_assert_cmpuint (notified, ==, 1);

  g_object_set (view, "online-tiles", FALSE, NULL);
  g_assert_false (ls_map_view_get_online_tiles (view));
  g_assert_cmpuint (notified, ==, 2);

  g_assert_finalize_object (view);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!ls_ui_test_init_gtk ())
    return 0;

  g_test_add ("/lodestone/ui/map-view/tiles", Fixture, NULL, fixture_setup, test_tiles, fixture_teardown);
  g_test_add ("/lodestone/ui/map-view/result", Fixture, NULL, fixture_setup, test_result, fixture_teardown);
  g_test_add ("/lodestone/ui/map-view/projection", Fixture, NULL, fixture_setup, test_projection_agrees,
              fixture_teardown);
  g_test_add ("/lodestone/ui/map-view/click-explains", Fixture, NULL, fixture_setup, test_click_explains,
              fixture_teardown);
  g_test_add ("/lodestone/ui/map-view/highlight", Fixture, NULL, fixture_setup, test_highlight, fixture_teardown);
  g_test_add ("/lodestone/ui/map-view/highlight-parts", Fixture, NULL, fixture_setup, test_highlight_parts,
              fixture_teardown);
  g_test_add ("/lodestone/ui/map-view/keyboard-zoom-pan", Fixture, NULL, fixture_setup,
              test_keyboard_zoom_and_pan, fixture_teardown);
  g_test_add ("/lodestone/ui/map-view/zoom-cap", Fixture, NULL, fixture_setup, test_zoom_cap, fixture_teardown);
  g_test_add ("/lodestone/ui/map-view/refit-on-resize", Fixture, NULL, fixture_setup, test_refit_on_resize,
              fixture_teardown);
  g_test_add ("/lodestone/ui/map-view/keyboard-countries", Fixture, NULL, fixture_setup,
              test_keyboard_countries, fixture_teardown);
  g_test_add ("/lodestone/ui/map-view/legend-placement", Fixture, NULL, fixture_setup, test_legend_placement,
              fixture_teardown);
  g_test_add ("/lodestone/ui/map-view/figure-options", Fixture, NULL, fixture_setup, test_figure_options,
              fixture_teardown);
  g_test_add ("/lodestone/ui/map-view/fade", Fixture, NULL, fixture_setup, test_fade, fixture_teardown);
  g_test_add ("/lodestone/ui/map-view/zoom-scales-image", Fixture, NULL, fixture_setup, test_zoom_scales_image,
              fixture_teardown);
  g_test_add ("/lodestone/ui/map-view/lines-update", Fixture, NULL, fixture_setup, test_lines_update,
              fixture_teardown);
  g_test_add ("/lodestone/ui/map-view/style", Fixture, NULL, fixture_setup, test_style, fixture_teardown);
  g_test_add_func ("/lodestone/ui/map-view/tile-images", test_tile_images);
  g_test_add_func ("/lodestone/ui/map-view/image-pattern", test_image_pattern);
  g_test_add_func ("/lodestone/ui/map-view/image-node", test_image_node);
  g_test_add_func ("/lodestone/ui/map-view/online-tiles", test_online_tiles);

  return g_test_run ();
}
