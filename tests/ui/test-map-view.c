/* test-map-view.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ls-map-view.h"

#include <math.h>
#include <string.h>

#define SEOUL_LAT 37.57
#define SEOUL_LON 126.98

typedef struct
{
  GtkWidget *window;
  LsMapView *view;
} Fixture;

static LsResult *
make_result (const char *alliance)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsDataset) dataset = NULL;
  g_autoptr(LsScenario) scenario = ls_scenario_new ();
  LsResult *result;

  dataset = ls_dataset_new_default (&error);
  g_assert_no_error (error);
  if (alliance != NULL)
    ls_scenario_set_alliance (scenario, alliance, TRUE);
  result = ls_result_new (dataset, scenario, &error);
  g_assert_no_error (error);

  return result;
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static gboolean
on_timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @done says so, or fails after @seconds. */
static void
run_until (gboolean  (*done) (Fixture *fixture),
           Fixture   *fixture,
           guint      seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, on_timeout_cb, &timed_out);

  while (!done (fixture) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
}

static gboolean
is_allocated (Fixture *fixture)
{
  return gtk_widget_get_width (GTK_WIDGET (fixture->view)) > 1 && gtk_widget_get_mapped (GTK_WIDGET (fixture->view));
}

static gboolean
has_tiles (Fixture *fixture)
{
  return ls_map_source_get_n_filled_tiles (ls_map_view_get_map_source (fixture->view)) >= 4;
}

static gboolean
has_drawn_result (Fixture *fixture)
{
  return ls_flow_layer_get_n_snapshots (ls_map_view_get_flow_layer (fixture->view)) > 0;
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  fixture->view = LS_MAP_VIEW (ls_map_view_new ());
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  gtk_window_present (GTK_WINDOW (fixture->window));

  run_until (is_allocated, fixture, 10);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_object_ref (fixture->window);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  drain ();
  g_assert_finalize_object (fixture->window);
}

static void
test_tiles (Fixture       *fixture,
            gconstpointer  data)
{
  ShumateViewport *viewport = shumate_map_get_viewport (ls_map_view_get_map (fixture->view));
  LsMapSource *source = ls_map_view_get_map_source (fixture->view);

  g_assert_true (SHUMATE_MAP_SOURCE (source) == shumate_viewport_get_reference_map_source (viewport));
  g_assert_cmpstr (shumate_map_source_get_id (SHUMATE_MAP_SOURCE (source)), ==, LS_MAP_SOURCE_ID);

  /* The world fills the width: 1280 px is 5 tiles of 256. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->view)), ==, 1280);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), log2 (1280.0 / 256.0), 1e-6);

  run_until (has_tiles, fixture, 10);

  /* Offline: nothing registered libsoup's session type, let alone made
   * one (libshumate links libsoup, so the type would exist if used). */
  g_assert_true (g_type_from_name ("SoupSession") == 0);
}

static void
test_result (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(LsResult) result = make_result ("msp");
  g_autofree char *expected = NULL;
  g_autofree char *expected_dependency = NULL;
  LsMapOptions options;
  guint notified = 0;

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (fixture->view), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fixture->view), GTK_ACCESSIBLE_PROPERTY_LABEL, "World map");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fixture->view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "No data loaded");

  g_signal_connect_swapped (fixture->view, "notify::result", G_CALLBACK (count_cb), &notified);
  ls_map_view_set_result (fixture->view, result);
  ls_map_view_set_result (fixture->view, result);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (ls_map_view_get_result (fixture->view) == result);

  ls_map_options_init (&options);
  expected = ls_render_map_dup_description (result, &options);
  g_assert_nonnull (strstr (expected, "China"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fixture->view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       expected);

  /* The description follows the metric. */
  g_object_set (fixture->view, "metric", LS_MAP_METRIC_DEPENDENCY, NULL);
  options.metric = LS_MAP_METRIC_DEPENDENCY;
  expected_dependency = ls_render_map_dup_description (result, &options);
  g_assert_cmpstr (expected, !=, expected_dependency);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fixture->view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       expected_dependency);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_last_child (gtk_widget_get_first_child (GTK_WIDGET (fixture->view))))));
  run_until (has_drawn_result, fixture, 10);
  g_test_message ("flow layer snapshot at 1280x800, world zoom: %.2f ms (recording)",
                  ls_flow_layer_get_last_draw_time (ls_map_view_get_flow_layer (fixture->view)) / 1000.0);
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
  ShumateViewport *viewport = shumate_map_get_viewport (ls_map_view_get_map (fixture->view));
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
                         char      **out)
{
  g_free (*out);
  *out = g_strdup (iso3);
}

static void
test_click_seoul (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(LsResult) result = make_result ("msp");
  g_autofree char *activated = NULL;
  double x, y, sea_x, sea_y;

  ls_map_view_set_result (fixture->view, result);
  g_signal_connect (fixture->view, "country-activated", G_CALLBACK (on_country_activated_cb), &activated);

  g_assert_true (ls_map_view_location_to_coords (fixture->view, SEOUL_LAT, SEOUL_LON, &x, &y));
  g_assert_cmpfloat (x, >, 0);
  g_assert_cmpfloat (x, <, 1280);
  g_assert_cmpfloat (y, >, 0);
  g_assert_cmpfloat (y, <, 800);

  g_assert_cmpstr (ls_map_view_country_at (fixture->view, x, y), ==, "KOR");
  g_assert_true (ls_map_view_activate_at (fixture->view, x, y));
  g_assert_cmpstr (activated, ==, "KOR");

  /* The sea between Korea and Japan is no country, and emits nothing. */
  g_clear_pointer (&activated, g_free);
  g_assert_true (ls_map_view_location_to_coords (fixture->view, 40.0, 135.0, &sea_x, &sea_y));
  g_assert_false (ls_map_view_activate_at (fixture->view, sea_x, sea_y));
  g_assert_null (activated);

  /* Zoomed out, the world is shorter than the view: above it is nothing,
   * though libshumate would wrap the latitude round to Antarctica. */
  shumate_viewport_set_zoom_level (shumate_map_get_viewport (ls_map_view_get_map (fixture->view)), 1);
  shumate_map_center_on (ls_map_view_get_map (fixture->view), 0.0, 0.0);
  g_assert_null (ls_map_view_country_at (fixture->view, 640, 20));
  g_assert_null (ls_map_view_country_at (fixture->view, 640, 780));
  g_assert_true (ls_map_view_location_to_coords (fixture->view, -80.0, 0.0, &x, &y));
  g_assert_cmpstr (ls_map_view_country_at (fixture->view, x, y), ==, "ATA");

  /* The same after zooming in, on the 1:50m shapes. */
  shumate_viewport_set_zoom_level (shumate_map_get_viewport (ls_map_view_get_map (fixture->view)), 5);
  shumate_map_center_on (ls_map_view_get_map (fixture->view), 36.0, 127.5);
  g_assert_true (ls_map_view_location_to_coords (fixture->view, SEOUL_LAT, SEOUL_LON, &x, &y));
  g_assert_true (ls_map_view_activate_at (fixture->view, x, y));
  g_assert_cmpstr (activated, ==, "KOR");
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

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  ShumateMap *map = ls_map_view_get_map (fixture->view);
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  double zoom, lon;

  shumate_map_set_animate_zoom (map, FALSE);
  zoom = shumate_viewport_get_zoom_level (viewport);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "map.zoom-in", NULL));
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >, zoom);

  zoom = shumate_viewport_get_zoom_level (viewport);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "map.zoom-out", NULL));
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), <, zoom);

  lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "map.pan", "(ii)", 1, 0));
  g_assert_cmpfloat (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), >, lon + 1);
}

static void
test_fade (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(LsResult) bloc = make_result ("msp");
  g_autoptr(LsResult) none = make_result (NULL);
  LsFlowLayer *layer = ls_map_view_get_flow_layer (fixture->view);
  gboolean animations;
  guint before;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (fixture->view)), "gtk-enable-animations", &animations, NULL);
  if (!animations)
    {
      g_test_skip ("animations are off");
      return;
    }

  ls_map_view_set_result (fixture->view, bloc);
  run_until (has_drawn_result, fixture, 10);
  while (ls_flow_layer_is_fading (layer))
    g_main_context_iteration (NULL, TRUE);

  /* A new result is faded in, not swapped in one frame: some frame
   * blends the two. Counting frames in a time window would depend on the
   * machine's load; this does not. */
  before = ls_flow_layer_get_n_faded_snapshots (layer);
  ls_map_view_set_result (fixture->view, none);
  g_assert_true (ls_flow_layer_is_fading (layer));
  while (ls_flow_layer_is_fading (layer))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (ls_flow_layer_get_n_faded_snapshots (layer) - before, >=, 1);
  g_assert_true (ls_flow_layer_get_result (layer) == none);
}

static void
test_style (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(LsResult) result = make_result (NULL);
  LsMapSource *light_source = ls_map_view_get_map_source (fixture->view);
  LsRenderStyle dark, tiles;

  ls_map_view_set_result (fixture->view, result);
  run_until (has_tiles, fixture, 10);

  /* Dark mode redraws the tiles with a new source. */
  ls_render_style_init (&dark, TRUE);
  ls_map_view_set_render_style (fixture->view, &dark);
  g_assert_true (ls_map_view_get_map_source (fixture->view) != light_source);
  ls_map_source_get_render_style (ls_map_view_get_map_source (fixture->view), &tiles);
  g_assert_true (tiles.dark);
  g_assert_true (ls_map_view_get_render_style (fixture->view)->dark);

  run_until (has_tiles, fixture, 10);
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

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  g_test_add ("/lodestone/ui/map-view/tiles", Fixture, NULL, fixture_setup, test_tiles, fixture_teardown);
  g_test_add ("/lodestone/ui/map-view/result", Fixture, NULL, fixture_setup, test_result, fixture_teardown);
  g_test_add ("/lodestone/ui/map-view/projection", Fixture, NULL, fixture_setup, test_projection_agrees,
              fixture_teardown);
  g_test_add ("/lodestone/ui/map-view/click-seoul", Fixture, NULL, fixture_setup, test_click_seoul,
              fixture_teardown);
  g_test_add ("/lodestone/ui/map-view/highlight", Fixture, NULL, fixture_setup, test_highlight, fixture_teardown);
  g_test_add ("/lodestone/ui/map-view/keyboard", Fixture, NULL, fixture_setup, test_keyboard, fixture_teardown);
  g_test_add ("/lodestone/ui/map-view/fade", Fixture, NULL, fixture_setup, test_fade, fixture_teardown);
  g_test_add ("/lodestone/ui/map-view/style", Fixture, NULL, fixture_setup, test_style, fixture_teardown);
  g_test_add_func ("/lodestone/ui/map-view/online-tiles", test_online_tiles);

  return g_test_run ();
}
