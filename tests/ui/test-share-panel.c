/* test-share-panel.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The share panel and the presenter cards under a cut-off (issue 13):
 * a cut-off reads as a rise in unmet need in the "worse" style, never as
 * a "better" fall; every figure opens its explanation, by mouse and by
 * keyboard, with the CLI's figures. */

#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "ls-format.h"
#include "ls-presenter-view.h"
#include "ls-share-panel.h"
#include "ls-test-utils.h"
#include "ls-ui-test-utils.h"

typedef struct
{
  LsDataset    *dataset;
  LsSession    *session;
  GtkWidget    *window;
  LsSharePanel *panel;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *scroller;

  f->dataset = ls_dataset_new_default (&error);
  g_assert_no_error (error);
  f->session = ls_session_new (f->dataset);
  ls_scenario_set_alliance (ls_session_get_scenario (f->session), "msp", TRUE);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 900);
  scroller = gtk_scrolled_window_new ();
  f->panel = LS_SHARE_PANEL (ls_share_panel_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (f->panel));
  gtk_window_set_child (GTK_WINDOW (f->window), scroller);
  ls_share_panel_set_session (f->panel, f->session);
  gtk_window_present (GTK_WINDOW (f->window));
  ls_ui_test_wait_for_mapped (GTK_WIDGET (f->panel));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (f->panel), (gpointer *) &f->panel);
  gtk_window_destroy (GTK_WINDOW (f->window));
  ls_ui_test_flush ();
  g_assert_null (f->panel);
  g_assert_finalize_object (f->session);
  g_clear_object (&f->dataset);
}

/* "China restricts magnets to the bloc", as the sidebar's button adds it. */
static void
restrict_magnets (LsSession *session)
{
  LsParty from = { LS_PARTY_COUNTRIES, (char *[]) { (char *) "CHN", NULL } };
  LsParty to = { LS_PARTY_BLOC, NULL };
  g_autoptr(LsRestriction) restriction = ls_restriction_new ("magnets", &from, &to, 1.0);

  ls_scenario_add_restriction (ls_session_get_scenario (session), restriction);
}

static gboolean
has_ranges (gpointer data)
{
  Fixture *f = data;

  return ls_session_get_ranges (f->session) != NULL;
}

static gboolean
has_lever (gpointer data)
{
  Fixture *f = data;
  LsResult *result = ls_share_panel_get_result (f->panel);

  return result != NULL && ls_session_get_baseline (f->session) != result &&
         ls_result_get_stage_shortfall (result, ls_result_get_n_stages (result) - 1) > 0.0;
}

static void
test_cut_off (Fixture       *f,
              gconstpointer  data)
{
  guint magnets = ls_test_stage_index (f->dataset, "magnets");
  GtkWidget *unmet;
  GtkWidget *dependency;
  LsNeedBar bar, ghost, expected;
  guint n_stages;

  restrict_magnets (f->session);
  ls_ui_test_wait_for (has_lever, f, "the cut-off to reach the panel");

  /* Magnets: unmet need rose, in the "worse" style, and says so. */
  unmet = ls_share_panel_get_change_label (f->panel, magnets, LS_EXPLAIN_FIGURE_UNMET);
  g_assert_true (gtk_widget_get_visible (unmet));
  g_assert_true (gtk_widget_has_css_class (unmet, "worse"));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (unmet)), "▲"));
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (unmet), "Magnets: unmet need rose "));

  /* Its dependency fell only because supply was lost: not "better". */
  dependency = ls_share_panel_get_change_label (f->panel, magnets, LS_EXPLAIN_FIGURE_DEPENDENCY);
  g_assert_true (gtk_widget_get_visible (dependency));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (dependency)), "▼"));
  g_assert_true (gtk_widget_has_css_class (dependency, "neutral"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (dependency), "only because supply was lost"));

  /* No row shows a "better" change: nothing got better for the bloc. */
  n_stages = ls_result_get_n_stages (ls_share_panel_get_result (f->panel));
  for (guint s = 0; s < n_stages; s++)
    {
      GtkWidget *labels[] = {
        ls_share_panel_get_change_label (f->panel, s, LS_EXPLAIN_FIGURE_DEPENDENCY),
        ls_share_panel_get_change_label (f->panel, s, LS_EXPLAIN_FIGURE_UNMET),
      };

      for (guint k = 0; k < G_N_ELEMENTS (labels); k++)
        {
          g_assert_false (gtk_widget_has_css_class (labels[k], "better"));
          /* No "± 0 pts": an unchanged figure shows no change. */
          if (gtk_widget_get_visible (labels[k]))
            g_assert_null (strstr (gtk_label_get_label (GTK_LABEL (labels[k])), "±"));
        }
    }

  /* The bar draws the result's need split, the ghost the baseline's. */
  g_assert_true (ls_share_panel_get_need_bar (f->panel, magnets, &bar, &ghost));
  g_assert_true (ls_need_bar_init_from_result (&expected, ls_session_get_result (f->session), magnets));
  for (guint k = 0; k < LS_N_NEED_PARTS; k++)
    g_assert_cmpfloat (bar.part[k], ==, expected.part[k]);
  g_assert_true (ls_need_bar_init_from_result (&expected, ls_session_get_baseline (f->session), magnets));
  for (guint k = 0; k < LS_N_NEED_PARTS; k++)
    g_assert_cmpfloat (ghost.part[k], ==, expected.part[k]);
  g_assert_cmpfloat (bar.part[LS_NEED_UNMET], >, 0.0);
  g_assert_cmpfloat (ghost.part[LS_NEED_UNMET], ==, 0.0);

  /* Ranges arrive from the worker thread: each share shows one. */
  ls_ui_test_wait_for (has_ranges, f, "the ranges");
  ls_ui_test_flush ();
  {
    GtkWidget *button = ls_share_panel_get_figure_button (f->panel, magnets, LS_EXPLAIN_DEPENDENCY);
    g_autoptr(LsExplanation) explained = ls_explanation_new (ls_session_get_result (f->session),
                                                             ls_session_get_ranges (f->session),
                                                             LS_EXPLAIN_DEPENDENCY, magnets, 0, 0);

    g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, ls_explanation_get_summary (explained));
    if (ls_explanation_get_range (explained, NULL, NULL))
      g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "–"));
  }
}

/* The CLI's dependency at @stage_id for the cut-off, as text. */
static char *
cli_dependency_text (const char *stage_id)
{
  const char *args[] = { "shares", "--format", "json", "--alliance", "msp",
                         "--restrict", "magnets:CHN:bloc:1", "--samples", "1", NULL };
  g_autoptr(JsonNode) root = ls_test_run_cli_json (args);
  JsonObject *stage;

  if (root == NULL)
    return NULL;

  stage = ls_test_cli_stage (root, stage_id);
  return ls_format_percent (json_object_get_double_member (json_object_get_object_member (stage, "dependency"),
                                                           "non_bloc_share"), 1);
}

static gboolean
popover_shown (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
popover_hidden (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

static void
test_explain (Fixture       *f,
              gconstpointer  data)
{
  guint magnets = ls_test_stage_index (f->dataset, "magnets");
  GtkWidget *popover = GTK_WIDGET (ls_share_panel_get_popover (f->panel));
  GtkWidget *button;
  g_autofree char *expected = NULL;
  g_autofree char *cli = NULL;
  GtkWidget *focus = NULL;

  restrict_magnets (f->session);
  ls_ui_test_wait_for (has_lever, f, "the cut-off to reach the panel");
  ls_ui_test_wait_for (has_ranges, f, "the ranges");
  ls_ui_test_flush ();

  /* By mouse: a click on the dependency opens what it is made of. */
  button = ls_share_panel_get_figure_button (f->panel, magnets, LS_EXPLAIN_DEPENDENCY);
  g_assert_true (gtk_widget_get_focusable (button) || gtk_widget_get_focus_on_click (button));
  g_signal_emit_by_name (button, "clicked");
  ls_ui_test_wait_for (popover_shown, popover, "the popover to open on click");
  g_assert_true (gtk_widget_get_parent (popover) == button);

  expected = ls_explain_text (ls_session_get_result (f->session), ls_session_get_ranges (f->session),
                              LS_EXPLAIN_DEPENDENCY, magnets, 0, 0);
  g_assert_cmpstr (ls_explain_popover_get_text (LS_EXPLAIN_POPOVER (popover)), ==, expected);
  /* The figure is the CLI's. */
  if ((cli = cli_dependency_text ("magnets")) != NULL)
    g_assert_nonnull (strstr (ls_explain_popover_get_text (LS_EXPLAIN_POPOVER (popover)), cli));
  else
    g_test_message ("LODESTONE_CLI is not set: compared with ls-explain only");
  /* The button holds the figure it explains. */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_first_child (gtk_button_get_child (GTK_BUTTON (button))))),
                   ==, ls_share_panel_get_dependency_text (f->panel, magnets));

  gtk_popover_popdown (GTK_POPOVER (popover));
  ls_ui_test_wait_for (popover_hidden, popover, "the popover to close");

  /* By keyboard: Tab reaches the need of magnets, and activating it (as
   * Enter does) opens its explanation. */
  button = ls_share_panel_get_figure_button (f->panel, magnets, LS_EXPLAIN_NEED);
  gtk_widget_grab_focus (ls_share_panel_get_figure_button (f->panel, 0, LS_EXPLAIN_DEPENDENCY));
  for (guint i = 0; i < 64; i++)
    {
      focus = gtk_root_get_focus (GTK_ROOT (f->window));
      if (focus == button)
        break;
      g_assert_true (gtk_widget_child_focus (f->window, GTK_DIR_TAB_FORWARD));
    }
  g_assert_true (focus == button);
  g_assert_true (gtk_widget_activate (focus));
  ls_ui_test_wait_for (popover_shown, popover, "the popover to open from the keyboard");
  g_assert_true (gtk_widget_get_parent (popover) == button);

  g_clear_pointer (&expected, g_free);
  expected = ls_explain_text (ls_session_get_result (f->session), ls_session_get_ranges (f->session),
                              LS_EXPLAIN_NEED, magnets, 0, 0);
  g_assert_cmpstr (ls_explain_popover_get_text (LS_EXPLAIN_POPOVER (popover)), ==, expected);
  g_assert_nonnull (strstr (expected, "Unmet: "));

  gtk_popover_popdown (GTK_POPOVER (popover));
  ls_ui_test_wait_for (popover_hidden, popover, "the popover to close");
}

static void
test_no_bloc (Fixture       *f,
              gconstpointer  data)
{
  guint last;
  GtkWidget *button;

  /* The Use row says why it has no dependency, not "takes in none". */
  last = ls_dataset_get_n_stages (f->dataset) - 1;
  button = ls_share_panel_get_figure_button (f->panel, last, LS_EXPLAIN_DEPENDENCY);
  g_assert_cmpstr (ls_share_panel_get_dependency_text (f->panel, last), ==, "—");
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "final stage"));
  g_assert_null (strstr (gtk_widget_get_tooltip_text (button), "takes in none"));

  /* With no levers, no change is shown anywhere (no "± 0 pts"). */
  for (guint s = 0; s <= last; s++)
    {
      g_assert_false (gtk_widget_get_visible (ls_share_panel_get_change_label (f->panel, s, LS_EXPLAIN_FIGURE_DEPENDENCY)));
      g_assert_false (gtk_widget_get_visible (ls_share_panel_get_change_label (f->panel, s, LS_EXPLAIN_FIGURE_UNMET)));
    }

  /* No bloc: every figure says why it is "—". */
  ls_scenario_set_alliance (ls_session_get_scenario (f->session), "msp", FALSE);
  ls_ui_test_flush ();
  button = ls_share_panel_get_figure_button (f->panel, 0, LS_EXPLAIN_DEPENDENCY);
  g_assert_false (ls_share_panel_get_dependency (f->panel, 0, NULL));
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (button), "No bloc chosen"));
}

/* Every label under @widget, depth first. */
static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

static const char long_description[] =
  "A description longer than a slide can show from the back of a room: it is kept as speaker notes, "
  "shown in full when the presenter asks for them, and never cut off with an ellipsis. It goes on for "
  "a while, as the shipped presets' descriptions do, naming plants, plans and conversion factors.";

static void
test_presenter_cards (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  LsPresenterView *view = LS_PRESENTER_VIEW (ls_presenter_view_new ());
  guint magnets = ls_test_stage_index (f->dataset, "magnets");
  guint n_stages = ls_dataset_get_n_stages (f->dataset);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GtkWidget *cards;
  GtkWidget *card;
  gboolean worse = FALSE;
  gboolean notes_found = FALSE;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 400);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));

  restrict_magnets (f->session);
  ls_ui_test_wait_for (has_lever, f, "the cut-off");
  ls_presenter_view_set_slide (view, "Cut-off", long_description, ls_session_get_result (f->session),
                               ls_session_get_baseline (f->session), 3, 4);
  ls_ui_test_wait_for_mapped (GTK_WIDGET (view));

  /* One card per stage, the last one the bloc's use. */
  cards = ls_presenter_view_get_cards (view);
  g_assert_nonnull (cards);
  card = gtk_widget_get_first_child (cards);
  for (guint s = 0; s < n_stages; s++, card = gtk_widget_get_next_sibling (card))
    {
      g_autoptr(GPtrArray) card_labels = g_ptr_array_new ();

      g_assert_nonnull (card);
      collect_labels (card, card_labels);
      for (guint i = 0; i < card_labels->len; i++)
        {
          GtkWidget *label = g_ptr_array_index (card_labels, i);

          /* The same rule as the panel: nothing "better" on a cut-off. */
          g_assert_false (gtk_widget_has_css_class (label, "better"));
          g_assert_null (strstr (gtk_label_get_label (GTK_LABEL (label)), "±"));
          if (s == magnets && gtk_widget_has_css_class (label, "worse") &&
              g_str_has_prefix (gtk_label_get_label (GTK_LABEL (label)), "unmet "))
            worse = TRUE;
        }
      if (s + 1 == n_stages)
        {
          GtkWidget *first = g_ptr_array_index (card_labels, 0);

          g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (first)), ==,
                           ls_dataset_get_stage_name (f->dataset, s));
        }
    }
  g_assert_null (card);
  g_assert_true (worse);

  /* The headline a screen reader gets says what the changes mean. */
  g_assert_nonnull (strstr (ls_presenter_view_get_headline (view), "Magnets: unmet need rose "));
  g_assert_nonnull (strstr (ls_presenter_view_get_headline (view), "only because supply was lost"));

  /* A long description is never cut off: it is on the slide in full or
   * in the speaker notes; the last slide says it is the end. */
  collect_labels (GTK_WIDGET (view), labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      g_assert_cmpint (gtk_label_get_ellipsize (label), ==, PANGO_ELLIPSIZE_NONE);
      if (g_str_equal (gtk_label_get_label (label), long_description))
        notes_found = TRUE;
      if (g_str_equal (gtk_label_get_label (label), "4 / 4 · End"))
        g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
    }
  g_assert_true (notes_found);

  gtk_window_destroy (GTK_WINDOW (window));
  ls_ui_test_flush ();
}

int
main (int   argc,
      char *argv[])
{
  /* Words and numbers as the C locale writes them. */
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!ls_ui_test_init_gtk ())
    return 0;
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/lodestone/ui/share-panel/cut-off", Fixture, NULL, fixture_set_up, test_cut_off, fixture_tear_down);
  g_test_add ("/lodestone/ui/share-panel/explain", Fixture, NULL, fixture_set_up, test_explain, fixture_tear_down);
  g_test_add ("/lodestone/ui/share-panel/no-lever", Fixture, NULL, fixture_set_up, test_no_bloc, fixture_tear_down);
  g_test_add ("/lodestone/ui/presenter/cards", Fixture, NULL, fixture_set_up, test_presenter_cards, fixture_tear_down);

  return g_test_run ();
}
