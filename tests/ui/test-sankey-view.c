/* test-sankey-view.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ls-sankey-view.h"

#include <adwaita.h>
#include <stdio.h>
#include <string.h>

typedef gboolean (*Condition) (gpointer data);

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @condition holds, for at most 5 s. */
static gboolean
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (10, tick_cb, NULL);
  gboolean ok;

  while (!(ok = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);

  return ok;
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  guint tick = g_timeout_add (10, tick_cb, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

/* Mapped, allocated, and the figure laid out at the allocated size: the
 * snapshot has run. */
static gboolean
is_drawn (gpointer data)
{
  GtkWidget *view = data;
  LsSankeyFigure *figure = ls_sankey_view_get_figure (LS_SANKEY_VIEW (view));

  return gtk_widget_get_mapped (view) &&
         gtk_widget_get_width (view) > 0 &&
         figure != NULL &&
         ls_sankey_figure_get_width (figure) == gtk_widget_get_width (view) &&
         ls_sankey_figure_get_height (figure) == gtk_widget_get_height (view);
}

typedef struct
{
  GtkWidget *view;
  LsResult  *result;
} Drawn;

static gboolean
is_drawn_with (gpointer data)
{
  Drawn *d = data;
  LsSankeyFigure *figure = ls_sankey_view_get_figure (LS_SANKEY_VIEW (d->view));

  return is_drawn (d->view) && ls_sankey_figure_get_result (figure) == d->result;
}

static void
on_country_activated_cb (LsSankeyView *view,
                         const char   *iso3,
                         char        **out)
{
  g_free (*out);
  *out = g_strdup (iso3);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static LsResult *
make_result (LsDataset *dataset,
             gboolean   msp)
{
  g_autoptr(LsScenario) scenario = ls_scenario_new ();
  g_autoptr(GError) error = NULL;
  LsResult *result;

  if (msp)
    ls_scenario_set_alliance (scenario, "msp", TRUE);
  result = ls_result_new (dataset, scenario, &error);
  g_assert_no_error (error);

  return result;
}

static void
test_view (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsDataset) dataset = ls_dataset_new_default (&error);
  g_autoptr(LsResult) result = NULL;
  g_autoptr(LsResult) msp = NULL;
  g_autofree char *activated = NULL;
  g_autofree char *description = NULL;
  GtkWidget *window, *view;
  LsSankeyFigure *figure;
  const LsSankeyNode *node;
  LsRenderStyle style;
  guint notified = 0;
  Drawn drawn;
  int china, uses;

  g_assert_no_error (error);
  result = make_result (dataset, FALSE);
  msp = make_result (dataset, TRUE);

  window = gtk_window_new ();
  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  view = ls_sankey_view_new ();
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *)&view);
  gtk_window_set_child (GTK_WINDOW (window), view);
  ls_sankey_view_set_result (LS_SANKEY_VIEW (view), result);
  g_assert_true (ls_sankey_view_get_result (LS_SANKEY_VIEW (view)) == result);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (wait_until (is_drawn, view));
  g_assert_true (gtk_widget_get_focusable (view));
  g_assert_cmpstr (gtk_widget_get_css_name (view), ==, "sankeyview");

  /* The figure in words. */
  figure = ls_sankey_view_get_figure (LS_SANKEY_VIEW (view));
  description = ls_sankey_figure_describe (figure);
  g_assert_nonnull (strstr (description, "China"));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Rare-earth flows");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       description);

  /* A click at China's mining node activates China; one on a pseudo-node
   * activates nothing. */
  g_signal_connect (view, "country-activated", G_CALLBACK (on_country_activated_cb), &activated);
  china = ls_sankey_figure_lookup_country (figure, "CHN", 0);
  g_assert_cmpint (china, >=, 0);
  node = ls_sankey_figure_get_node (figure, china);
  g_assert_true (ls_sankey_view_activate_at (LS_SANKEY_VIEW (view), (node->x0 + node->x1) / 2,
                                             (node->y0 + node->y1) / 2));
  g_assert_cmpstr (activated, ==, "CHN");

  g_clear_pointer (&activated, g_free);
  uses = ls_sankey_figure_lookup_node (figure, "separation/other-uses");
  g_assert_cmpint (uses, >=, 0);
  node = ls_sankey_figure_get_node (figure, uses);
  g_assert_false (ls_sankey_view_activate_at (LS_SANKEY_VIEW (view), (node->x0 + node->x1) / 2,
                                              (node->y0 + node->y1) / 2));
  g_assert_null (activated);

  /* highlight-country round trips and notifies once per change. */
  g_signal_connect (view, "notify::highlight-country", G_CALLBACK (on_notify_cb), &notified);
  g_object_set (view, "highlight-country", "USA", NULL);
  g_assert_cmpstr (ls_sankey_view_get_highlight_country (LS_SANKEY_VIEW (view)), ==, "USA");
  g_object_set (view, "highlight-country", "USA", NULL);
  g_assert_cmpuint (notified, ==, 1);
  spin (50);
  ls_sankey_view_set_highlight_country (LS_SANKEY_VIEW (view), NULL);
  g_assert_null (ls_sankey_view_get_highlight_country (LS_SANKEY_VIEW (view)));
  g_assert_cmpuint (notified, ==, 2);

  /* A new result animates to a new figure, keeping the node order. */
  {
    g_auto(GStrv) before = ls_sankey_figure_dup_node_order (figure);
    g_auto(GStrv) after = NULL;
    g_autofree char *msp_description = NULL;

    ls_sankey_view_set_result (LS_SANKEY_VIEW (view), msp);
    drawn.view = view;
    drawn.result = msp;
    g_assert_true (wait_until (is_drawn_with, &drawn));
    spin (400);
    figure = ls_sankey_view_get_figure (LS_SANKEY_VIEW (view));
    after = ls_sankey_figure_dup_node_order (figure);
    g_assert_true (g_strv_equal ((const char * const *)before, (const char * const *)after));
    msp_description = ls_sankey_figure_describe (figure);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                         msp_description);
  }

  /* Dark, percent labels: a new layout, drawn. */
  ls_render_style_init (&style, TRUE);
  style.label_mode = LS_LABEL_PERCENT;
  ls_sankey_view_set_render_style (LS_SANKEY_VIEW (view), &style);
  g_assert_true (ls_sankey_view_get_render_style (LS_SANKEY_VIEW (view))->dark);
  spin (50);
  g_assert_true (is_drawn (view));

  /* No result: nothing to draw, no figure, and back again. */
  ls_sankey_view_set_result (LS_SANKEY_VIEW (view), NULL);
  g_assert_null (ls_sankey_view_get_figure (LS_SANKEY_VIEW (view)));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "No data");
  spin (50);
  ls_sankey_view_set_result (LS_SANKEY_VIEW (view), result);
  drawn.result = result;
  g_assert_true (wait_until (is_drawn_with, &drawn));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_assert_null (view);
}

int
main (int   argc,
      char *argv[])
{
  /* gtk_test_init() aborts without a display, and gtk_init_check()
   * may not come before it: look at the environment. */
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL &&
      g_strcmp0 (g_getenv ("GDK_BACKEND"), "broadway") != 0)
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/lodestone/ui/sankey-view/basics", test_view);

  return g_test_run ();
}
