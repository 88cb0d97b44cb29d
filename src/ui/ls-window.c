/* ls-window.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-window"

#include "config.h"

#include "ls-window-private.h"

#include "ls-alliance-text.h"
#include "ls-application.h"
#include "ls-format.h"
#include "ls-palette.h"
#include "ls-scenario-text.h"
#include "ls-ui-enums.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "ls-export.h"
#include "ls-map-view.h"
#include "ls-sankey-view.h"

/*
 * The window is wiring (issue 10): an LsSession is the document — the
 * dataset, the scenario, its result and baseline, the undo history and
 * whether there are unsaved changes — and the views follow the session's
 * properties. The window turns user intents (open, save, a preset, the
 * year) into edits of the session, asks before unsaved changes would be
 * lost (issue 16, M7), and keeps the scenario's words true to its
 * contents (B1).
 */

#define PRESENTER_FONT_SCALE 1.6
#define FIGURE_WIDTH  1600.0
#define FIGURE_HEIGHT 1000.0

/* An opened dataset whose headline figures stray this far from the
 * built-in one's is probably mistyped (m11): China's share of a stage's
 * world output, and a stage's world total. */
#define PLAUSIBLE_SHARE_GAP   0.15
#define PLAUSIBLE_TOTAL_RATIO 3.0

static const char *preset_files[] = {
  "01-baseline-2024.json",
  "02-korea-us-alliance.json",
  "03-china-withholds-magnets.json",
  "04-diversify-us-vietnam-laos.json",
};

G_DEFINE_FINAL_TYPE (LsWindow, ls_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SIDEBAR_VISIBLE,
  PROP_PRESENTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void bind_map_stage      (LsWindow *self);
static void unbind_map_stage    (LsWindow *self);
static void close_after_confirm (LsWindow *self,
                                 gpointer  data);

/* Helpers ---------------------------------------------------------------- */

void
_ls_window_toast (LsWindow   *self,
                  const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static GtkWidget *
message_dialog_new (LsWindow   *self,
                    const char *heading,
                    const char *body,
                    const char *details)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  /* The technical detail, for a bug report or a fix by hand; the body is
   * for everyone. */
  if (details != NULL)
    {
      GtkWidget *label = gtk_label_new (details);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "monospace");
      gtk_widget_add_css_class (label, "dim-label");
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), label);
    }

  return dialog;
}

void
_ls_window_show_error (LsWindow   *self,
                       const char *heading,
                       const char *body,
                       const char *details)
{
  GtkWidget *dialog = message_dialog_new (self, heading, body, details);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

GFile *
_ls_window_preset_file (guint index)
{
  g_autofree char *uri = NULL;

  if (index >= G_N_ELEMENTS (preset_files))
    return NULL;

  uri = g_strdup_printf ("resource://%s/scenarios/%s", LS_RESOURCE_PATH, preset_files[index]);

  return g_file_new_for_uri (uri);
}

static gboolean
is_preset (GFile *file)
{
  return g_file_has_uri_scheme (file, "resource");
}

static LsDataset *
dataset (LsWindow *self)
{
  return ls_session_get_dataset (self->session);
}

static LsScenario *
scenario (LsWindow *self)
{
  return ls_session_get_scenario (self->session);
}

static int
scenario_year (LsWindow *self)
{
  int year = ls_scenario_get_year (scenario (self));

  return year != 0 ? year : ls_dataset_get_default_year (dataset (self));
}

static void
remember_scenario_file (LsWindow *self,
                        GFile    *file)
{
  g_autofree char *uri = file != NULL ? g_file_get_uri (file) : NULL;

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-scenario", uri != NULL ? uri : "");
}

/* Scenario words (B1) ------------------------------------------------------ */

/* Whether @a and @b hold the same bloc, year and levers: what a
 * description describes. Names, descriptions and pinned Sankey nodes do
 * not count. */
static gboolean
same_contents (LsScenario *a,
               LsScenario *b)
{
  g_autoptr(LsScenario) probe = ls_scenario_copy (b);

  ls_scenario_set_name (probe, ls_scenario_get_name (a));
  ls_scenario_set_description (probe, ls_scenario_get_description (a));
  while (ls_scenario_get_n_pins (probe) > 0)
    {
      const LsPin *pin = ls_scenario_get_pin (probe, 0);

      ls_scenario_remove_pin (probe, pin->stage, pin->node);
    }
  for (guint i = 0; i < ls_scenario_get_n_pins (a); i++)
    {
      const LsPin *pin = ls_scenario_get_pin (a, i);

      ls_scenario_set_pin (probe, pin->stage, pin->node, pin->position);
    }

  return ls_scenario_equal (a, probe);
}

/* When @current has been edited away from @opened, the description it
 * was opened with describes something else: drop it, so that one made
 * from the year, bloc and levers is shown instead, unless the user has
 * written their own since. The title stays: the window marks the
 * scenario as modified, and the user renames it in Scenario Details.
 *
 * Returns: %TRUE when @current was changed */
static gboolean
drop_stale_words (LsScenario *current,
                  LsScenario *opened)
{
  const char *description = ls_scenario_get_description (current);

  if (opened == NULL || description == NULL || description[0] == '\0' ||
      g_strcmp0 (description, ls_scenario_get_description (opened)) != 0 ||
      same_contents (current, opened))
    return FALSE;

  ls_scenario_set_description (current, NULL);
  return TRUE;
}

static void
update_title (LsWindow *self)
{
  g_autofree char *name = ls_scenario_text_title (scenario (self), ls_session_get_modified (self->session));
  g_autofree char *title = NULL;

  /* Translators: window title, "scenario name — Lodestone" */
  title = g_strdup_printf (_("%s — Lodestone"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);

  /* The header bar holds the views' switcher, not the title: the
   * scenario button says which scenario is open. */
  gtk_label_set_label (GTK_LABEL (self->scenario_label), name);
  {
    /* Translators: the scenario button's name for screen readers,
     * "Scenario menu: • Baseline 2024" */
    g_autofree char *accessible = g_strdup_printf (_("Scenario menu: %s"), name);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->scenario_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                    -1);
  }
}

/* Render style ------------------------------------------------------------- */

static void
fill_render_style (LsWindow      *self,
                   LsRenderStyle *style,
                   gboolean       dark,
                   double         font_scale)
{
  ls_render_style_init (style, dark);
  style->font_scale = font_scale;
  style->color_by = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->color_by_dropdown)) == LS_COLOR_BY_ORIGIN
                    ? LS_COLOR_BY_ORIGIN : LS_COLOR_BY_MEMBERSHIP;

  if (self->settings != NULL)
    {
      style->label_mode = g_settings_get_enum (self->settings, "label-mode") == LS_LABEL_PERCENT
                          ? LS_LABEL_PERCENT : LS_LABEL_VALUES;
      style->other_threshold = g_settings_get_double (self->settings, "other-threshold");
    }
}

static void
update_render_style (LsWindow *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  fill_render_style (self, &self->style, dark, self->presenting ? PRESENTER_FONT_SCALE : 1.0);
  ls_share_panel_set_render_style (self->share_panel, &self->style);
  ls_presenter_view_set_render_style (self->presenter_view, &self->style);
  if (self->sankey_view != NULL)
    ls_sankey_view_set_render_style (LS_SANKEY_VIEW (self->sankey_view), &self->style);
  if (self->map_view != NULL)
    ls_map_view_set_render_style (LS_MAP_VIEW (self->map_view), &self->style);
}

/* Following the session ---------------------------------------------------- */

static void
update_presenter (LsWindow *self)
{
  LsResult *result = ls_session_get_result (self->session);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  /* Slides are built only while they can be seen. */
  if (result == NULL || !self->presenting)
    return;

  title = ls_scenario_text_title (scenario (self), FALSE);
  description = ls_scenario_text_description (scenario (self), result);
  ls_presenter_view_set_slide (self->presenter_view, title, description,
                               result, ls_session_get_baseline (self->session),
                               self->slide_index, self->slides->len);
  if (ls_session_get_ranges (self->session) != NULL)
    ls_presenter_view_set_ranges (self->presenter_view, ls_session_get_ranges (self->session));
}

static void
update_alliance_actions (LsWindow *self)
{
  for (guint a = 0; a < ls_dataset_get_n_alliances (dataset (self)); a++)
    {
      const char *id = ls_dataset_get_alliance_id (dataset (self), a);
      g_autofree char *name = g_strdup_printf ("alliance-%s", id);
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->scenario_actions), name);

      if (action != NULL)
        g_simple_action_set_state (G_SIMPLE_ACTION (action),
                                   g_variant_new_boolean (ls_scenario_has_alliance (scenario (self), id)));
    }
}

static void
sync_year (LsWindow *self)
{
  guint n_years;
  const int *years = ls_dataset_get_years (dataset (self), &n_years);
  int year = scenario_year (self);
  const char *note = ls_dataset_get_year_note (dataset (self), year);
  char text[16];

  self->syncing_year = TRUE;
  for (guint i = 0; i < n_years; i++)
    if (years[i] == year)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->year_dropdown), i);
        gtk_range_set_value (GTK_RANGE (self->year_scale), i);
      }
  self->syncing_year = FALSE;

  g_snprintf (text, sizeof text, "%d", year);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->year_scale),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);

  /* What the dataset says of the year as a whole: which stages only the
   * model completes. Shown where the year is chosen, and read out with
   * the slider. */
  if (note != NULL && note[0] != '\0')
    {
      /* Translators: a year's note under the year slider, "2016: mining only …" */
      g_autofree char *label = g_strdup_printf (_("%d: %s"), year, note);

      gtk_label_set_label (GTK_LABEL (self->year_note), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->year_scale),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, label,
                                      -1);
    }
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->year_scale),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "",
                                    -1);
  gtk_widget_set_visible (self->year_note, note != NULL && note[0] != '\0');
}

static void
on_session_result_cb (LsWindow *self)
{
  LsResult *result = ls_session_get_result (self->session);

  if (result == NULL)
    return;

  /* The views follow the session themselves; the slide, the title and
   * the controls that edit the scenario follow it here. */
  update_presenter (self);
  update_title (self);
  update_alliance_actions (self);
  sync_year (self);
}

static void
on_session_ranges_cb (LsWindow *self)
{
  /* NULL while the worker samples the new scenario: the map then shows
   * no ranges rather than the last scenario's. */
  ls_map_view_set_ranges (LS_MAP_VIEW (self->map_view), ls_session_get_ranges (self->session));

  if (self->presenting && ls_session_get_ranges (self->session) != NULL)
    ls_presenter_view_set_ranges (self->presenter_view, ls_session_get_ranges (self->session));
}

static void
on_session_history_cb (LsWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", ls_session_get_can_undo (self->session));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", ls_session_get_can_redo (self->session));
}

static void
on_session_modified_cb (LsWindow *self)
{
  update_title (self);
}

static void
on_compute_failed_cb (LsSession    *session,
                      const GError *error,
                      LsWindow     *self)
{
  g_autofree char *message = g_strdup_printf (_("Cannot compute this scenario: %s"), error->message);

  _ls_window_toast (self, message);
}

static void
on_scenario_changed_cb (LsWindow *self)
{
  g_autoptr(LsScenario) fixed = NULL;

  if (self->rewriting || self->navigating)
    return;

  fixed = ls_scenario_copy (scenario (self));
  if (!drop_stale_words (fixed, self->opened))
    return;

  /* The session has just recorded the edit; the words change with it, as
   * the same undo step. */
  self->rewriting = TRUE;
  if (ls_session_get_can_undo (self->session))
    ls_session_undo (self->session);
  ls_session_replace_scenario (self->session, fixed);
  self->rewriting = FALSE;
}

/* The "scenario" action group -------------------------------------------- */

static void
bloc_of (LsWindow   *self,
         LsScenario *state,
         gboolean   *members)
{
  g_autoptr(GError) error = NULL;

  if (!ls_scenario_compute_bloc (state, dataset (self), members, &error))
    g_debug ("Cannot compute the bloc: %s", error->message);
}

static void
scenario_alliance_change_state (GSimpleAction *action,
                                GVariant      *value,
                                gpointer       user_data)
{
  LsWindow *self = user_data;
  const char *id = g_object_get_data (G_OBJECT (action), "alliance");
  gboolean enabled = g_variant_get_boolean (value);
  guint n = ls_dataset_get_n_countries (dataset (self));
  g_autofree gboolean *before = g_new0 (gboolean, n);
  g_autofree gboolean *after = g_new0 (gboolean, n);
  int alliance = ls_dataset_lookup_alliance (dataset (self), id);

  bloc_of (self, scenario (self), before);
  g_simple_action_set_state (action, value);
  ls_scenario_set_alliance (scenario (self), id, enabled);
  bloc_of (self, scenario (self), after);

  /* Say why nothing moved (m9): an alliance whose members are already in
   * the bloc, or one that had none yet in the year shown. */
  if (alliance >= 0 && memcmp (before, after, n * sizeof (gboolean)) == 0)
    {
      g_autofree char *message = ls_alliance_text_no_change (dataset (self), alliance, scenario (self), enabled);

      _ls_window_toast (self, message);
    }
}

static void
scenario_toggle_member_activate (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  LsWindow *self = user_data;

  ls_scenario_toggle_member (scenario (self), dataset (self), g_variant_get_string (parameter, NULL));
}

static void
rebuild_scenario_actions (LsWindow *self)
{
  g_auto(GStrv) names = g_action_group_list_actions (G_ACTION_GROUP (self->scenario_actions));
  g_autoptr(GSimpleAction) toggle = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    g_action_map_remove_action (G_ACTION_MAP (self->scenario_actions), names[i]);

  toggle = g_simple_action_new ("toggle-member", G_VARIANT_TYPE_STRING);
  g_signal_connect (toggle, "activate", G_CALLBACK (scenario_toggle_member_activate), self);
  g_action_map_add_action (G_ACTION_MAP (self->scenario_actions), G_ACTION (toggle));

  for (guint a = 0; a < ls_dataset_get_n_alliances (dataset (self)); a++)
    {
      const char *id = ls_dataset_get_alliance_id (dataset (self), a);
      g_autofree char *name = g_strdup_printf ("alliance-%s", id);
      g_autoptr(GSimpleAction) action = NULL;

      if (!g_action_name_is_valid (name))
        continue;

      action = g_simple_action_new_stateful (name, NULL,
                                             g_variant_new_boolean (ls_scenario_has_alliance (scenario (self), id)));
      g_object_set_data_full (G_OBJECT (action), "alliance", g_strdup (id), g_free);
      g_signal_connect (action, "change-state", G_CALLBACK (scenario_alliance_change_state), self);
      g_action_map_add_action (G_ACTION_MAP (self->scenario_actions), G_ACTION (action));
    }
}

/* Years -------------------------------------------------------------------- */

static void
rebuild_years (LsWindow *self)
{
  guint n_years;
  const int *years = ls_dataset_get_years (dataset (self), &n_years);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  GtkAdjustment *adjustment = gtk_range_get_adjustment (GTK_RANGE (self->year_scale));

  self->syncing_year = TRUE;

  gtk_scale_clear_marks (GTK_SCALE (self->year_scale));
  for (guint i = 0; i < n_years; i++)
    {
      char text[16];

      g_snprintf (text, sizeof text, "%d", years[i]);
      gtk_string_list_append (list, text);
      gtk_scale_add_mark (GTK_SCALE (self->year_scale), i, GTK_POS_BOTTOM, text);
    }

  /* The scale counts positions, so that a dataset with gaps between its
   * years still has a mark, and a stop, at each year. */
  gtk_adjustment_configure (adjustment, 0, 0, MAX (n_years, 1) - 1, 1, 1, 0);
  gtk_widget_set_sensitive (self->year_scale, n_years > 1);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->year_dropdown), G_LIST_MODEL (list));

  self->syncing_year = FALSE;
}

static void
set_year_at (LsWindow *self,
             guint     position)
{
  guint n_years;
  const int *years = ls_dataset_get_years (dataset (self), &n_years);

  if (self->syncing_year || position >= n_years || years[position] == scenario_year (self))
    return;

  ls_scenario_set_year (scenario (self), years[position]);
  if (self->settings != NULL)
    g_settings_set_int (self->settings, "year", years[position]);
}

static void
on_year_selected_cb (LsWindow *self)
{
  set_year_at (self, gtk_drop_down_get_selected (GTK_DROP_DOWN (self->year_dropdown)));
}

static void
on_year_scale_changed_cb (LsWindow *self)
{
  double value = gtk_range_get_value (GTK_RANGE (self->year_scale));

  set_year_at (self, (guint) MAX (0.0, round (value)));
}

/* Dataset -------------------------------------------------------------------- */

static void
update_dataset_label (LsWindow *self)
{
  const char *title = ls_dataset_get_title (dataset (self));
  g_autofree char *tooltip = NULL;

  if (self->dataset_file == NULL)
    {
      gtk_label_set_label (GTK_LABEL (self->dataset_label), _("Built-in dataset"));
      tooltip = g_strdup (title);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (self->dataset_file);
      g_autofree char *where = g_file_get_parse_name (self->dataset_file);
      /* Translators: which dataset is loaded, "Dataset: my-data.json" */
      g_autofree char *label = g_strdup_printf (_("Dataset: %s"), name);

      gtk_label_set_label (GTK_LABEL (self->dataset_label), label);
      tooltip = g_strdup_printf ("%s\n%s", title != NULL ? title : "", where);
    }

  gtk_widget_set_tooltip_text (self->dataset_label, tooltip);
}

static void
rebuild_map_stages (LsWindow *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint s = 0; s < ls_dataset_get_n_stages (dataset (self)); s++)
    gtk_string_list_append (list, ls_dataset_get_stage_name (dataset (self), s));

  /* A new list would reset the stage chosen: the setting stays out of it. */
  unbind_map_stage (self);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->map_stage_dropdown), G_LIST_MODEL (list));
  bind_map_stage (self);
}

static void
rebuild_presets_menu (LsWindow *self)
{
  g_menu_remove_all (self->presets_menu);

  /* Each preset's title in the user's language, from its file (M10). */
  for (guint i = 0; i < G_N_ELEMENTS (preset_files); i++)
    {
      g_autoptr(GFile) file = _ls_window_preset_file (i);
      g_autoptr(LsScenario) preset = ls_scenario_new_from_file (file, NULL, NULL);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      if (preset == NULL || !ls_scenario_validate (preset, dataset (self), NULL))
        continue;

      label = g_strdup_printf ("_%u. %s", i + 1, ls_scenario_get_name (preset));
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.load-preset", g_variant_new_uint32 (i));
      g_menu_append_item (self->presets_menu, item);
    }
}

/* Returns: (transfer full) (nullable): why @candidate looks mistyped
 * against the built-in dataset, one line per stage, or %NULL */
static char *
implausible_figures (LsDataset *candidate)
{
  g_autoptr(LsDataset) reference = ls_dataset_dup_default (NULL);
  g_autoptr(LsScenario) plain = ls_scenario_new ();
  g_autoptr(LsResult) ours = NULL;
  g_autoptr(LsResult) theirs = NULL;
  g_autoptr(GString) text = NULL;
  int year = ls_dataset_get_default_year (candidate);

  if (reference == NULL || !ls_dataset_has_year (reference, year))
    return NULL;

  ls_scenario_set_year (plain, year);
  if (!(theirs = ls_result_new (candidate, plain, NULL)) ||
      !(ours = ls_result_new (reference, plain, NULL)))
    return NULL;

  for (guint s = 0; s < ls_dataset_get_n_stages (candidate); s++)
    {
      int r = ls_dataset_lookup_stage (reference, ls_dataset_get_stage_id (candidate, s));
      double share;
      double reference_share;
      double total;
      double reference_total;

      if (r < 0)
        continue;

      share = ls_result_get_china_share (theirs, s);
      reference_share = ls_result_get_china_share (ours, r);
      total = ls_result_get_stage_total (theirs, s);
      reference_total = ls_result_get_stage_total (ours, r);

      if (fabs (share - reference_share) > PLAUSIBLE_SHARE_GAP ||
          (reference_total > 0.0 && total > 0.0 &&
           (total / reference_total > PLAUSIBLE_TOTAL_RATIO ||
            reference_total / total > PLAUSIBLE_TOTAL_RATIO)))
        {
          g_autofree char *a = ls_format_percent (share, 1);
          g_autofree char *b = ls_format_percent (reference_share, 1);
          g_autofree char *c = ls_format_tonnes (total, ls_dataset_get_stage_unit (candidate, s));
          g_autofree char *d = ls_format_tonnes (reference_total, ls_dataset_get_stage_unit (reference, r));

          if (text == NULL)
            text = g_string_new (NULL);
          /* Translators: one stage of a dataset that looks mistyped: "Mining:
           * China 95.6 % of 2.9 Mt REO here, 70.5 % of 383 kt REO in the
           * built-in data" */
          g_string_append_printf (text, _("• %s: China %s of %s here, %s of %s in the built-in data\n"),
                                  ls_dataset_get_stage_name (candidate, s), a, c, b, d);
        }
    }

  if (text == NULL)
    return NULL;

  g_strchomp (text->str);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * _ls_window_set_dataset:
 * @file: (nullable): where @dataset comes from; %NULL for the built-in one
 *
 * Uses @dataset from now on. A scenario that names what @dataset lacks
 * starts afresh; the caller asks first when that would lose changes.
 */
void
_ls_window_set_dataset (LsWindow  *self,
                        LsDataset *new_dataset,
                        GFile     *file)
{
  g_autoptr(GError) error = NULL;

  g_set_object (&self->dataset_file, file);

  if (!ls_scenario_validate (scenario (self), new_dataset, &error))
    {
      g_autoptr(LsScenario) fresh = ls_scenario_new ();

      g_debug ("Scenario does not fit the dataset: %s", error->message);
      self->rewriting = TRUE;
      ls_session_reset_scenario (self->session, fresh);
      self->rewriting = FALSE;
      g_clear_object (&self->scenario_file);
      g_set_object (&self->opened, fresh);
    }

  ls_session_set_dataset (self->session, new_dataset);

  rebuild_scenario_actions (self);
  rebuild_years (self);
  rebuild_map_stages (self);
  rebuild_presets_menu (self);
  ls_sidebar_set_model (self->sidebar, new_dataset, scenario (self));
  update_dataset_label (self);
  on_session_result_cb (self);
}

void
_ls_window_add_slide (LsWindow *self,
                      GFile    *file)
{
  for (guint i = 0; i < self->slides->len; i++)
    if (g_file_equal (g_ptr_array_index (self->slides, i), file))
      {
        self->slide_index = i;
        return;
      }

  g_ptr_array_add (self->slides, g_object_ref (file));
  self->slide_index = self->slides->len - 1;
}

/* Opening files ---------------------------------------------------------- */

/* The "format" a JSON file says it is, whatever else is wrong with it. */
static char *
peek_format (GFile *file)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *contents = NULL;
  gsize length;
  JsonNode *root;
  JsonObject *object;

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, NULL) ||
      !json_parser_load_from_data (parser, contents, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);
  if (!json_object_has_member (object, "format") ||
      json_node_get_value_type (json_object_get_member (object, "format")) != G_TYPE_STRING)
    return NULL;

  return g_strdup (json_object_get_string_member (object, "format"));
}

/* Every id a scenario names that @dataset lacks, not only the first. */
static char *
unknown_ids (LsScenario *state,
             LsDataset  *data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char * const *alliances = ls_scenario_get_alliances (state);
  const char * const *lists[] = { ls_scenario_get_added (state), ls_scenario_get_removed (state) };
  int year = ls_scenario_get_year (state);

  if (year != 0 && !ls_dataset_has_year (data, year))
    /* Translators: an unknown year in a scenario file */
    g_string_append_printf (text, _("• the year %d\n"), year);

  for (guint i = 0; alliances != NULL && alliances[i] != NULL; i++)
    if (ls_dataset_lookup_alliance (data, alliances[i]) < 0)
      g_string_append_printf (text, _("• the alliance “%s”\n"), alliances[i]);

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && lists[l][i] != NULL; i++)
      if (ls_dataset_lookup_country (data, lists[l][i]) < 0)
        g_string_append_printf (text, _("• the country “%s”\n"), lists[l][i]);

  for (guint i = 0; i < ls_scenario_get_n_restrictions (state); i++)
    {
      const LsRestriction *restriction = ls_scenario_get_restriction (state, i);
      const LsParty *parties[] = { &restriction->from, &restriction->to };

      if (ls_dataset_lookup_stage (data, restriction->stage) < 0)
        g_string_append_printf (text, _("• the stage “%s”\n"), restriction->stage);
      for (guint p = 0; p < G_N_ELEMENTS (parties); p++)
        for (guint c = 0; parties[p]->countries != NULL && parties[p]->countries[c] != NULL; c++)
          if (ls_dataset_lookup_country (data, parties[p]->countries[c]) < 0)
            g_string_append_printf (text, _("• the country “%s”\n"), parties[p]->countries[c]);
    }

  for (guint i = 0; i < ls_scenario_get_n_capacity_changes (state); i++)
    {
      const LsCapacityChange *change = ls_scenario_get_capacity_change (state, i);

      if (ls_dataset_lookup_stage (data, change->stage) < 0)
        g_string_append_printf (text, _("• the stage “%s”\n"), change->stage);
      if (ls_dataset_lookup_country (data, change->country) < 0)
        g_string_append_printf (text, _("• the country “%s”\n"), change->country);
    }

  if (text->len == 0)
    return NULL;

  g_strchomp (text->str);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void open_scenario_now (LsWindow *self,
                               gpointer  data);

static void
on_wrong_kind_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           LsWindow         *self)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "file");

  if (g_str_equal (response, "open-dataset"))
    ls_window_open_dataset_file (self, file, NULL);
  else if (g_str_equal (response, "open-scenario"))
    ls_window_open_scenario_file (self, file);
}

/**
 * _ls_window_show_open_error:
 * @as_dataset: whether @file was opened as a dataset
 *
 * Says in plain words why @file could not be opened, with the exact
 * place of the fault below, and offers to open a file of the other kind
 * the right way (m11).
 */
void
_ls_window_show_open_error (LsWindow     *self,
                            GFile        *file,
                            gboolean      as_dataset,
                            const GError *error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *format = peek_format (file);
  const char *heading = as_dataset ? _("Could Not Open Dataset") : _("Could Not Open Scenario");
  const char *kept = as_dataset ? _("The dataset in use is unchanged.") : _("The current scenario is unchanged.");
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (!as_dataset && g_strcmp0 (format, "lodestone-dataset") == 0)
    {
      body = g_strdup_printf (_("“%s” is a dataset, not a scenario. Open it with Scenario ▸ Open Dataset…"), name);
      dialog = message_dialog_new (self, _("This File Is a Dataset"), body, NULL);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "close", _("_Cancel"),
                                        "open-dataset", _("Open as _Dataset"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open-dataset",
                                                  ADW_RESPONSE_SUGGESTED);
    }
  else if (as_dataset && g_strcmp0 (format, "lodestone-scenario") == 0)
    {
      body = g_strdup_printf (_("“%s” is a scenario, not a dataset. Open it with Scenario ▸ Open…"), name);
      dialog = message_dialog_new (self, _("This File Is a Scenario"), body, NULL);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "close", _("_Cancel"),
                                        "open-scenario", _("Open as _Scenario"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open-scenario",
                                                  ADW_RESPONSE_SUGGESTED);
    }
  else
    {
      g_autofree char *what = NULL;

      if (error->domain == G_IO_ERROR || g_error_matches (error, LS_DATA_ERROR, LS_DATA_ERROR_IO))
        what = g_strdup_printf (_("“%s” could not be read."), name);
      else if (g_error_matches (error, LS_DATA_ERROR, LS_DATA_ERROR_PARSE))
        what = g_strdup_printf (_("“%s” is not a valid JSON file: it may be cut short or damaged."), name);
      else if (g_error_matches (error, LS_DATA_ERROR, LS_DATA_ERROR_UNKNOWN_ID) && as_dataset)
        what = g_strdup_printf (_("“%s” refers to something it does not define."), name);
      else if (g_error_matches (error, LS_DATA_ERROR, LS_DATA_ERROR_UNKNOWN_ID))
        what = g_strdup_printf (_("“%s” names something this dataset does not have."), name);
      else
        what = g_strdup_printf (_("“%s” holds a value Lodestone cannot use. The line below says which and where."),
                                name);

      body = g_strdup_printf ("%s %s", what, kept);
      dialog = message_dialog_new (self, heading, body, error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
    }

  g_object_set_data_full (G_OBJECT (dialog), "file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_wrong_kind_response_cb), self, 0);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Returns: (transfer full) (nullable): the scenario in @file, checked
 * against the dataset; %NULL after an error dialog */
static LsScenario *
read_scenario_file (LsWindow *self,
                    GFile    *file)
{
  g_autoptr(LsScenario) state = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = NULL;

  if (!(state = ls_scenario_new_from_file (file, NULL, &error)))
    {
      _ls_window_show_open_error (self, file, FALSE, error);
      return NULL;
    }

  if (!ls_scenario_validate (state, dataset (self), &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *body = NULL;

      /* All of them, so that one round of fixes is enough. */
      missing = unknown_ids (state, dataset (self));
      if (missing == NULL)
        {
          _ls_window_show_open_error (self, file, FALSE, error);
          return NULL;
        }

      body = g_strdup_printf (_("“%s” names what the dataset in use does not have:\n%s\n"
                                "The current scenario is unchanged."), name, missing);
      _ls_window_show_error (self, _("Could Not Open Scenario"), body, error->message);
      return NULL;
    }

  return g_steal_pointer (&state);
}

typedef struct
{
  GFile      *file;
  LsScenario *scenario;
} OpenRequest;

static void
open_request_free (OpenRequest *request)
{
  g_clear_object (&request->file);
  g_clear_object (&request->scenario);
  g_free (request);
}

/* Makes @state the scenario, read from @file, as one undo step. */
static void
apply_scenario (LsWindow   *self,
                GFile      *file,
                LsScenario *state)
{
  _ls_window_add_slide (self, file);
  g_clear_object (&self->scenario_file);
  if (!is_preset (file))
    self->scenario_file = g_object_ref (file);
  remember_scenario_file (self, file);

  g_clear_object (&self->opened);
  self->opened = ls_scenario_copy (state);

  self->rewriting = TRUE;
  ls_session_replace_scenario (self->session, state);
  self->rewriting = FALSE;
  ls_session_set_saved (self->session);

  /* The slide number changes even when the scenario does not. */
  update_presenter (self);
}

static void
open_scenario_now (LsWindow *self,
                   gpointer  data)
{
  OpenRequest *request = data;

  apply_scenario (self, request->file, request->scenario);
}

/* Dataset and scenario at start-up ---------------------------------------- */

static LsScenario *
read_scenario_quietly (LsDataset *data,
                       GFile     *file)
{
  g_autoptr(LsScenario) state = NULL;
  g_autoptr(GError) error = NULL;

  if (!(state = ls_scenario_new_from_file (file, NULL, &error)) ||
      !ls_scenario_validate (state, data, &error))
    {
      g_message ("Cannot restore the last scenario: %s", error->message);
      return NULL;
    }

  return g_steal_pointer (&state);
}

static void
restore_state (LsWindow *self)
{
  g_autoptr(LsDataset) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dataset_uri = NULL;
  g_autofree char *scenario_uri = NULL;
  g_autoptr(GFile) dataset_file = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(LsScenario) state = NULL;
  g_autoptr(LsScenario) shown = NULL;

  if (self->settings != NULL)
    {
      int width = g_settings_get_int (self->settings, "window-width");
      int height = g_settings_get_int (self->settings, "window-height");

      gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 640), MAX (height, 480));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));

      dataset_uri = g_settings_get_string (self->settings, "last-dataset");
      scenario_uri = g_settings_get_string (self->settings, "last-scenario");
    }

  if (dataset_uri != NULL && dataset_uri[0] != '\0')
    {
      dataset_file = g_file_new_for_uri (dataset_uri);
      if (!(data = ls_dataset_new_from_file (dataset_file, NULL, &error)))
        {
          g_message ("Using the built-in dataset: %s", error->message);
          g_clear_error (&error);
          g_clear_object (&dataset_file);
        }
    }
  if (data == NULL && !(data = ls_dataset_dup_default (&error)))
    g_error ("The built-in dataset is broken: %s", error->message);

  self->dataset_file = g_steal_pointer (&dataset_file);

  /* The last scenario, else the first preset. */
  if (scenario_uri != NULL && scenario_uri[0] != '\0')
    {
      file = g_file_new_for_uri (scenario_uri);
      state = read_scenario_quietly (data, file);
    }
  if (state == NULL)
    {
      g_clear_object (&file);
      file = _ls_window_preset_file (0);
      state = read_scenario_quietly (data, file);
    }
  if (state == NULL)
    {
      g_clear_object (&file);
      state = ls_scenario_new ();
    }

  /* The year last shown wins over the scenario file's; the file's words
   * then describe another year. */
  shown = ls_scenario_copy (state);
  if (self->settings != NULL)
    {
      int year = g_settings_get_int (self->settings, "year");

      if (ls_dataset_has_year (data, year))
        ls_scenario_set_year (shown, year);
    }
  drop_stale_words (shown, state);

  if (file != NULL)
    {
      _ls_window_add_slide (self, file);
      if (!is_preset (file))
        self->scenario_file = g_object_ref (file);
    }
  self->opened = g_steal_pointer (&state);

  self->session = ls_session_new_for_scenario (data, shown);
  /* Their ~100 ms of sampling in a thread would compete with the start
   * for the cores: they start after the first frame (after_first_paint_cb()). */
  ls_session_hold_insights (self->session);
  self->insights_held = TRUE;
}

static gboolean
ls_window_close_request (GtkWindow *window)
{
  LsWindow *self = LS_WINDOW (window);

  /* Unsaved changes are never lost without asking (M7). */
  if (!self->close_confirmed && self->session != NULL && ls_session_get_modified (self->session))
    {
      _ls_window_confirm_discard (self, close_after_confirm, NULL, NULL);
      return TRUE;
    }

  if (self->settings != NULL)
    {
      int width;
      int height;

      gtk_window_get_default_size (window, &width, &height);
      if (!gtk_window_is_maximized (window) && !gtk_window_is_fullscreen (window) && width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      g_settings_set_int (self->settings, "year", scenario_year (self));
    }

  return GTK_WINDOW_CLASS (ls_window_parent_class)->close_request (window);
}

/* Unsaved changes (M7) ------------------------------------------------------ */

void
_ls_window_drop_pending (LsWindow *self)
{
  if (self->pending_destroy != NULL && self->pending_data != NULL)
    self->pending_destroy (self->pending_data);

  self->pending = NULL;
  self->pending_data = NULL;
  self->pending_destroy = NULL;
}

void
_ls_window_continue_pending (LsWindow *self)
{
  LsWindowContinuation continuation = self->pending;
  gpointer data = self->pending_data;
  GDestroyNotify destroy = self->pending_destroy;

  self->pending = NULL;
  self->pending_data = NULL;
  self->pending_destroy = NULL;

  if (continuation != NULL)
    continuation (self, data);
  if (destroy != NULL && data != NULL)
    destroy (data);
}

static gboolean
close_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
close_after_confirm (LsWindow *self,
                     gpointer  data)
{
  self->close_confirmed = TRUE;
  /* Once the dialog, which is transient for this window, has gone. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_cb, g_object_ref (self), g_object_unref);
}

static void
on_save_changes_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             LsWindow         *self)
{
  if (g_str_equal (response, "discard"))
    _ls_window_continue_pending (self);
  else if (g_str_equal (response, "save"))
    {
      if (self->scenario_file != NULL)
        {
          if (_ls_window_save_to (self, self->scenario_file))
            _ls_window_continue_pending (self);
          else
            _ls_window_drop_pending (self);
        }
      else
        /* Save As… continues once the file is written, or drops the step
         * when the user cancels. */
        gtk_widget_activate_action (GTK_WIDGET (self), "win.save-as", NULL);
    }
  else
    _ls_window_drop_pending (self);
}

/**
 * _ls_window_confirm_discard:
 * @continuation: what to do once the changes are saved or may be lost
 *
 * Runs @continuation at once when nothing is unsaved; else asks "Save
 * changes?" first, and runs it after Save or Discard, never after Cancel.
 */
void
_ls_window_confirm_discard (LsWindow             *self,
                            LsWindowContinuation  continuation,
                            gpointer              data,
                            GDestroyNotify        destroy)
{
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (!ls_session_get_modified (self->session))
    {
      continuation (self, data);
      if (destroy != NULL && data != NULL)
        destroy (data);
      return;
    }

  _ls_window_drop_pending (self);
  self->pending = continuation;
  self->pending_data = data;
  self->pending_destroy = destroy;

  title = ls_scenario_text_title (scenario (self), FALSE);
  /* Translators: the body of the "Save Changes?" dialog */
  body = g_strdup_printf (_("“%s” has unsaved changes. Changes which are not saved will be permanently lost."),
                          title);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_changes_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_scenario_now (LsWindow *self,
                  gpointer  data)
{
  g_autoptr(LsScenario) fresh = ls_scenario_new ();

  ls_scenario_set_year (fresh, ls_scenario_get_year (scenario (self)));
  g_clear_object (&self->scenario_file);
  self->slide_index = G_MAXUINT;
  remember_scenario_file (self, NULL);

  g_clear_object (&self->opened);
  self->opened = ls_scenario_copy (fresh);

  self->rewriting = TRUE;
  ls_session_replace_scenario (self->session, fresh);
  self->rewriting = FALSE;
  ls_session_set_saved (self->session);
}

void
_ls_window_new_scenario (LsWindow *self)
{
  _ls_window_confirm_discard (self, new_scenario_now, NULL, NULL);
}

/**
 * _ls_window_save_to:
 *
 * Saves the scenario to @file, atomically; shows an error and keeps the
 * old file when it cannot.
 *
 * Returns: %TRUE when saved
 */
gboolean
_ls_window_save_to (LsWindow *self,
                    GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsScenario) state = ls_scenario_copy (scenario (self));
  const char *name = ls_scenario_get_name (state);
  g_autofree char *file_name = g_file_get_basename (file);

  /* An untitled scenario takes the file's name, so that it has a slide
   * title when it is opened again. */
  if (name == NULL || name[0] == '\0')
    {
      g_autofree char *title = g_strdup (file_name);

      if (g_str_has_suffix (title, ".json"))
        title[strlen (title) - 5] = '\0';
      ls_scenario_set_name (state, title);
    }

  if (!ls_scenario_save_to_file (state, file, NULL, &error))
    {
      g_autofree char *body = g_strdup_printf (_("“%s” could not be written. Any earlier version of the file "
                                                 "is unchanged."), file_name);

      _ls_window_show_error (self, _("Could Not Save Scenario"), body, error->message);
      return FALSE;
    }

  /* The name given, as one undo step with the save. */
  if (!ls_scenario_equal (state, scenario (self)))
    {
      self->rewriting = TRUE;
      ls_session_replace_scenario (self->session, state);
      self->rewriting = FALSE;
    }
  ls_session_set_saved (self->session);

  g_set_object (&self->scenario_file, file);
  _ls_window_add_slide (self, file);
  remember_scenario_file (self, file);

  {
    g_autofree char *message = g_strdup_printf (_("Saved “%s”"), file_name);

    _ls_window_toast (self, message);
  }

  return TRUE;
}

/**
 * _ls_window_suggested_file_name:
 *
 * Returns: (transfer full): "TITLE.json" for a scenario never saved
 */
char *
_ls_window_suggested_file_name (LsWindow *self)
{
  g_autofree char *title = ls_scenario_text_title (scenario (self), FALSE);
  char *file_name = g_strdup_printf ("%s.json", title);

  g_strdelimit (file_name, "/\\:", '-');
  return file_name;
}

/* Export ----------------------------------------------------------------- */

/* What an export draws: the map, with its options, when it is shown; else
 * the flows. */
static LsExportView
get_export_view (LsWindow     *self,
                 LsMapOptions *options)
{
  ls_map_options_init (options);

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "map") != 0)
    return LS_EXPORT_SANKEY;

  /* What the user sees: after a zoom or pan, that part of the world. */
  ls_map_view_get_figure_options (LS_MAP_VIEW (self->map_view), options);

  return LS_EXPORT_MAP;
}

/* What the export dialog needs: the view shown (the map, else the flows),
 * the map's options and the window's figure style. */
void
_ls_window_get_export_setup (LsWindow      *self,
                             LsExportView  *view,
                             LsMapOptions  *map,
                             LsRenderStyle *style)
{
  *view = get_export_view (self, map);
  fill_render_style (self, style, FALSE, 1.0);
}

GBytes *
_ls_window_render_figure (LsWindow        *self,
                          LsExportFormat   format,
                          GError         **error)
{
  LsRenderStyle style;
  LsMapOptions map;
  LsExportOptions options;

  ls_export_options_init (&options, get_export_view (self, &map), format);
  options.map = map;
  options.width = FIGURE_WIDTH;
  options.height = FIGURE_HEIGHT;

  /* Exports are documents: always the light style, at normal size. */
  fill_render_style (self, &style, FALSE, 1.0);

  return ls_export_to_bytes (ls_session_get_result (self->session), scenario (self), &style, &options, error);
}

static gboolean
save_bytes (GFile   *file,
            GBytes  *bytes,
            GError **error)
{
  /* g_file_replace_contents writes a temporary file and renames it. */
  return g_file_replace_contents (file,
                                  g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}

/* Signal callbacks ------------------------------------------------------- */

static void
on_country_activated_cb (GtkWidget  *view,
                         const char *country,
                         LsWindow   *self)
{
  if (country != NULL)
    ls_scenario_toggle_member (scenario (self), dataset (self), country);
}

static void
on_dark_changed_cb (LsWindow *self)
{
  update_render_style (self);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   LsWindow              *self)
{
  if (!self->presenting)
    return GDK_EVENT_PROPAGATE;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Page_Down:
    case GDK_KEY_Right:
    case GDK_KEY_space:
    case GDK_KEY_KP_Page_Down:
      ls_window_step_slide (self, 1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Page_Up:
    case GDK_KEY_Left:
    case GDK_KEY_BackSpace:
    case GDK_KEY_KP_Page_Up:
      ls_window_step_slide (self, -1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Escape:
      ls_window_set_presenting (self, FALSE);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

/* View options and settings ------------------------------------------------- */

/* A drop-down between models has no choice; a view keeps its own then. */
static gboolean
position_to_view (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  guint position = g_value_get_uint (from);

  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  return g_value_transform (from, to);
}

static gboolean
view_to_position (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  return g_value_transform (from, to);
}

/* The map's stage is an index into the dataset's stages; the setting
 * holds the stage's id, one of the built-in ones. */
static gboolean
stage_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  LsWindow *self = user_data;
  int stage = ls_dataset_lookup_stage (dataset (self), g_variant_get_string (variant, NULL));

  g_value_set_uint (value, MAX (stage, 0));
  return TRUE;
}

static GVariant *
stage_set_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  LsWindow *self = user_data;
  guint stage = g_value_get_uint (value);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;
  GVariant *id;

  if (stage >= ls_dataset_get_n_stages (dataset (self)))
    return NULL;

  /* Another dataset's stages are not the schema's: they are not kept. */
  id = g_variant_ref_sink (g_variant_new_string (ls_dataset_get_stage_id (dataset (self), stage)));
  g_object_get (self->settings, "settings-schema", &schema, NULL);
  key = g_settings_schema_get_key (schema, "map-stage");
  if (!g_settings_schema_key_range_check (key, id))
    {
      g_variant_unref (id);
      return NULL;
    }

  return id;
}

static void
bind_map_stage (LsWindow *self)
{
  if (self->settings != NULL)
    g_settings_bind_with_mapping (self->settings, "map-stage", self->map_stage_dropdown, "selected",
                                  G_SETTINGS_BIND_DEFAULT, stage_get_mapping, stage_set_mapping, self, NULL);
}

static void
unbind_map_stage (LsWindow *self)
{
  g_settings_unbind (self->map_stage_dropdown, "selected");
}

static void
on_settings_changed_cb (GSettings  *settings,
                        const char *key,
                        LsWindow   *self)
{
  if (g_str_equal (key, "label-mode") || g_str_equal (key, "other-threshold"))
    update_render_style (self);
}

static void
bind_view_options (LsWindow *self)
{
  /* Settings ⇄ the drop-downs ⇄ the views: one chain each, no flags. */
  if (self->settings != NULL)
    {
      g_settings_bind_with_mapping (self->settings, "map-metric", self->map_metric_dropdown, "selected",
                                    G_SETTINGS_BIND_DEFAULT,
                                    ls_settings_get_enum_position, ls_settings_set_enum_position,
                                    GSIZE_TO_POINTER (LS_TYPE_MAP_METRIC), NULL);
      g_settings_bind_with_mapping (self->settings, "sankey-color-by", self->color_by_dropdown, "selected",
                                    G_SETTINGS_BIND_DEFAULT,
                                    ls_settings_get_enum_position, ls_settings_set_enum_position,
                                    GSIZE_TO_POINTER (LS_TYPE_COLOR_BY), NULL);
      g_settings_bind (self->settings, "last-view", self->view_stack, "visible-child-name",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "sidebar-visible", self, "sidebar-visible", G_SETTINGS_BIND_DEFAULT);
      /* The only thing that may reach the network, and only when asked. */
      g_settings_bind (self->settings, "online-tiles", self->map_view, "online-tiles", G_SETTINGS_BIND_GET);
      g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed_cb), self, 0);
    }

  g_object_bind_property_full (self->map_metric_dropdown, "selected", self->map_view, "metric",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               position_to_view, view_to_position, NULL, NULL);
  g_object_bind_property_full (self->map_stage_dropdown, "selected", self->map_view, "stage",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               position_to_view, view_to_position, NULL, NULL);
  g_object_bind_property (self->map_arcs_check, "active", self->map_view, "show-arcs",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->color_by_dropdown, "notify::selected",
                           G_CALLBACK (update_render_style), self, G_CONNECT_SWAPPED);
}

static void
build_views (LsWindow *self)
{
  self->map_view = ls_map_view_new ();
  g_signal_connect (self->map_view, "country-activated", G_CALLBACK (on_country_activated_cb), self);
  adw_bin_set_child (ADW_BIN (self->map_bin), self->map_view);

  /* A click on the diagram explains; its node menu changes the bloc
   * through "scenario.toggle-member", and drags pin nodes in the
   * scenario (connect_session()). */
  self->sankey_view = ls_sankey_view_new ();
  adw_bin_set_child (ADW_BIN (self->flows_bin), self->sankey_view);

  /* Hover and selection are shared between the views. */
  g_object_bind_property (self->map_view, "highlight-country",
                          self->sankey_view, "highlight-country",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

/* The table is not on screen at start and filling it costs a sixth of
 * the start-up (issue 12): it follows the session from when it is first
 * mapped, asked for, or once the first frame has been drawn, whichever
 * comes first. Setting the same session again does nothing. */
static void
ensure_table_session (LsWindow *self)
{
  if (self->table_view != NULL && self->session != NULL)
    ls_table_view_set_session (self->table_view, self->session);
}

/* The diagram is not on screen at start unless it was the last view:
 * laying it out with its legend, and the exact order then solved in a
 * thread, wait the same way until it is first mapped or the first frame
 * has been drawn (issue 12). */
static void
ensure_sankey_result (LsWindow *self)
{
  if (self->sankey_bound || self->sankey_view == NULL || self->session == NULL)
    return;

  self->sankey_bound = TRUE;
  g_object_bind_property (self->session, "result", self->sankey_view, "result", G_BINDING_SYNC_CREATE);
}

static gboolean
after_first_paint_cb (gpointer data)
{
  LsWindow *self = LS_WINDOW (data);

  if (self->insights_held && self->session != NULL)
    {
      self->insights_held = FALSE;
      ls_session_release_insights (self->session);
    }
  ensure_sankey_result (self);
  ensure_table_session (self);
  ls_sidebar_finish_start (self->sidebar);

  return G_SOURCE_REMOVE;
}

static void
on_first_paint_cb (GdkFrameClock *clock,
                   LsWindow      *self)
{
  /* By id: GTK's own tick handlers on the clock also carry the window. */
  g_clear_signal_handler (&self->first_paint_handler, clock);
  g_idle_add_full (G_PRIORITY_LOW, after_first_paint_cb,
                   g_object_ref (self), g_object_unref);
}

static void
on_realize_cb (LsWindow *self)
{
  self->first_paint_handler =
    g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                             G_CALLBACK (on_first_paint_cb), self, 0);
}

static void
connect_session (LsWindow *self)
{
  /* The panel and the table follow the session, ranges included; the
   * table only once it is needed (ensure_table_session()). */
  ls_share_panel_set_session (self->share_panel, self->session);
  g_signal_connect_object (self->table_view, "map", G_CALLBACK (ensure_table_session), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sankey_view, "map", G_CALLBACK (ensure_sankey_result), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "realize", G_CALLBACK (on_realize_cb), NULL);
  ls_sankey_view_set_scenario (LS_SANKEY_VIEW (self->sankey_view), scenario (self));

  /* The map and the diagram hold the session's result: they animate
   * from one to the next, between scenarios and between years alike. */
  g_object_bind_property (self->session, "result", self->map_view, "result", G_BINDING_SYNC_CREATE);
  /* The diagram once it is needed (ensure_sankey_result()). */

  g_signal_connect_object (self->session, "notify::result", G_CALLBACK (on_session_result_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::ranges", G_CALLBACK (on_session_ranges_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::can-undo", G_CALLBACK (on_session_history_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::can-redo", G_CALLBACK (on_session_history_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::modified", G_CALLBACK (on_session_modified_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "compute-failed", G_CALLBACK (on_compute_failed_cb), self, 0);
  /* After the session's own handler, which records the edit. */
  g_signal_connect_object (scenario (self), "changed", G_CALLBACK (on_scenario_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* GObject ---------------------------------------------------------------- */

static void
ls_window_dispose (GObject *object)
{
  LsWindow *self = LS_WINDOW (object);

  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_destroy (self->file_chooser);
      g_clear_object (&self->file_chooser);
    }
  _ls_window_drop_pending (self);

  if (self->settings != NULL)
    {
      g_settings_unbind (self->map_metric_dropdown, "selected");
      g_settings_unbind (self->map_stage_dropdown, "selected");
      g_settings_unbind (self->color_by_dropdown, "selected");
      g_settings_unbind (self->view_stack, "visible-child-name");
      g_settings_unbind (self, "sidebar-visible");
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->scenario_actions);

  G_OBJECT_CLASS (ls_window_parent_class)->dispose (object);
}

static void
ls_window_finalize (GObject *object)
{
  LsWindow *self = LS_WINDOW (object);

  g_clear_pointer (&self->slides, g_ptr_array_unref);
  g_clear_object (&self->scenario_file);
  g_clear_object (&self->dataset_file);
  g_clear_object (&self->opened);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ls_window_parent_class)->finalize (object);
}

static void
ls_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LsWindow *self = LS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_VISIBLE:
      g_value_set_boolean (value, self->sidebar_visible);
      break;
    case PROP_PRESENTING:
      g_value_set_boolean (value, ls_window_get_presenting (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  LsWindow *self = LS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_VISIBLE:
      {
        gboolean visible = g_value_get_boolean (value);

        if (self->sidebar_visible == visible)
          break;
        self->sidebar_visible = visible;
        gtk_widget_set_visible (GTK_WIDGET (self->sidebar), visible && !self->presenting);
        g_object_notify_by_pspec (object, pspec);
      }
      break;
    case PROP_PRESENTING:
      ls_window_set_presenting (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_window_class_init (LsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ls_window_dispose;
  object_class->finalize = ls_window_finalize;
  object_class->get_property = ls_window_get_property;
  object_class->set_property = ls_window_set_property;

  window_class->close_request = ls_window_close_request;

  properties[PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PRESENTING] =
    g_param_spec_boolean ("presenting", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LS_TYPE_PRESENTER_VIEW);
  g_type_ensure (LS_TYPE_SHARE_PANEL);
  g_type_ensure (LS_TYPE_SIDEBAR);
  g_type_ensure (LS_TYPE_TABLE_VIEW);

  ls_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, LS_RESOURCE_PATH "/ui/ls-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LsWindow, color_by_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, dataset_label);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, export_menu);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, flows_bin);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, flows_toolbar);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, header_revealer);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, map_arcs_check);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, map_bin);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, map_metric_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, map_stage_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, map_toolbar);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, presets_menu);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, primary_button);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, presenter_revealer);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, presenter_view);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, scenario_button);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, scenario_label);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, scenario_menu);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, share_panel);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, table_view);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, year_bar);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, year_note);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, year_scale);

  _ls_window_class_install_actions (widget_class);
}

/* The header's menus are built when first opened: given its model, a menu
 * button builds the popover with every item's widgets at once, a
 * hundredth of the start-up's work (issue 12). */
static void
set_menu_model_cb (GtkMenuButton *button,
                   gpointer       user_data)
{
  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, G_MENU_MODEL (user_data));
}

static void
set_menus_on_demand (LsWindow *self)
{
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->scenario_button), set_menu_model_cb,
                                         self->scenario_menu, NULL);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->primary_button), set_menu_model_cb,
                                         self->primary_menu, NULL);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->export_button), set_menu_model_cb,
                                         self->export_menu, NULL);
}

static void
ls_window_init (LsWindow *self)
{
  GtkEventController *keys;

  self->sidebar_visible = TRUE;
  self->slide_index = G_MAXUINT;

  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  self->settings = ls_application_new_settings ();
  self->slides = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (preset_files); i++)
    g_ptr_array_add (self->slides, _ls_window_preset_file (i));

  self->scenario_actions = g_simple_action_group_new ();
  gtk_widget_insert_action_group (GTK_WIDGET (self), "scenario", G_ACTION_GROUP (self->scenario_actions));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  set_menus_on_demand (self);
  build_views (self);
  restore_state (self);

  rebuild_scenario_actions (self);
  rebuild_years (self);
  rebuild_map_stages (self);
  rebuild_presets_menu (self);
  ls_sidebar_set_model (self->sidebar, dataset (self), scenario (self));
  update_dataset_label (self);

  bind_view_options (self);
  update_render_style (self);
  connect_session (self);
  on_session_result_cb (self);
  on_session_history_cb (self);

  g_signal_connect_object (self->year_dropdown, "notify::selected",
                           G_CALLBACK (on_year_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->year_scale, "value-changed",
                           G_CALLBACK (on_year_scale_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Public API ------------------------------------------------------------- */

LsWindow *
ls_window_new (LsApplication *application)
{
  return g_object_new (LS_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * ls_window_get_session:
 *
 * Returns: (transfer none): the document the window shows
 */
LsSession *
ls_window_get_session (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  return self->session;
}

LsDataset *
ls_window_get_dataset (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  return dataset (self);
}

/**
 * ls_window_get_scenario:
 *
 * Returns: (transfer none): the session's one scenario; edit it and every
 *   view follows
 */
LsScenario *
ls_window_get_scenario (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  return scenario (self);
}

LsResult *
ls_window_get_result (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  return ls_session_get_result (self->session);
}

LsResult *
ls_window_get_baseline (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  return ls_session_get_baseline (self->session);
}

LsSharePanel *
ls_window_get_share_panel (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  return self->share_panel;
}

LsSidebar *
ls_window_get_sidebar (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  return self->sidebar;
}

LsTableView *
ls_window_get_table_view (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  ensure_table_session (self);

  return self->table_view;
}

LsPresenterView *
ls_window_get_presenter_view (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  return self->presenter_view;
}

/**
 * ls_window_get_year_scale:
 *
 * Returns: (transfer none): the year slider
 */
GtkWidget *
ls_window_get_year_scale (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  return self->year_scale;
}

/**
 * ls_window_get_year_note:
 *
 * Returns: (nullable): the note on the year shown, as the window shows
 *   it, or %NULL when the year has none
 */
const char *
ls_window_get_year_note (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  return gtk_widget_get_visible (self->year_note) ? gtk_label_get_label (GTK_LABEL (self->year_note)) : NULL;
}

/**
 * ls_window_get_dataset_label:
 *
 * Returns: which dataset is loaded, as the window says it
 */
const char *
ls_window_get_dataset_label (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  return gtk_label_get_label (GTK_LABEL (self->dataset_label));
}

/**
 * ls_window_open_scenario_file:
 * @self: a window
 * @file: a scenario file
 *
 * Loads @file as the current scenario (one undo step) and adds it to the
 * slides, after asking when the current one has unsaved changes. Shows
 * an error dialog, and keeps the current scenario, when @file cannot be
 * used.
 *
 * Returns: %TRUE when the scenario was loaded at once; %FALSE after an
 *   error or while the user is asked
 */
gboolean
ls_window_open_scenario_file (LsWindow *self,
                              GFile    *file)
{
  OpenRequest *request;
  g_autoptr(LsScenario) state = NULL;

  g_return_val_if_fail (LS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!(state = read_scenario_file (self, file)))
    return FALSE;

  request = g_new0 (OpenRequest, 1);
  request->file = g_object_ref (file);
  request->scenario = g_steal_pointer (&state);

  if (!ls_session_get_modified (self->session))
    {
      open_scenario_now (self, request);
      open_request_free (request);
      return TRUE;
    }

  _ls_window_confirm_discard (self, open_scenario_now, request, (GDestroyNotify) open_request_free);
  return FALSE;
}

typedef struct
{
  GFile     *file;
  LsDataset *dataset;
} DatasetRequest;

static void
dataset_request_free (DatasetRequest *request)
{
  g_clear_object (&request->file);
  g_clear_object (&request->dataset);
  g_free (request);
}

static void
use_dataset_now (LsWindow *self,
                 gpointer  data)
{
  DatasetRequest *request = data;
  g_autofree char *implausible = NULL;

  _ls_window_set_dataset (self, request->dataset, request->file);

  if (self->settings != NULL)
    {
      g_autofree char *uri = request->file != NULL ? g_file_get_uri (request->file) : NULL;

      g_settings_set_string (self->settings, "last-dataset", uri != NULL ? uri : "");
    }

  if (request->file == NULL)
    {
      _ls_window_toast (self, _("Using the built-in dataset"));
      return;
    }

  /* A typo such as a figure ten times too large passes every check of
   * form: compare the headline figures with the built-in data (m11). */
  if ((implausible = implausible_figures (request->dataset)) != NULL)
    {
      g_autofree char *name = g_file_get_basename (request->file);
      g_autofree char *body = g_strdup_printf (_("“%s” is now in use, but some of its figures for %d are far "
                                                 "from the built-in dataset’s:\n%s\nCheck the file for a typo, "
                                                 "such as a figure ten times too large."),
                                               name, ls_dataset_get_default_year (request->dataset), implausible);

      _ls_window_show_error (self, _("Unusual Figures"), body, NULL);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (request->file);
      const char *title = ls_dataset_get_title (request->dataset);
      /* Translators: "Opened dataset “Rare earths from mine to magnet” from my-data.json" */
      g_autofree char *message = g_strdup_printf (_("Opened dataset “%s” from %s"),
                                                  title != NULL ? title : name, name);

      _ls_window_toast (self, message);
    }
}

/* Uses @data, from @file (%NULL for the built-in one), after asking when that would drop a scenario with
 * unsaved changes (one that names what @data lacks). */
static void
use_dataset (LsWindow  *self,
             LsDataset *data,
             GFile     *file)
{
  DatasetRequest *request = g_new0 (DatasetRequest, 1);

  request->file = file != NULL ? g_object_ref (file) : NULL;
  request->dataset = g_object_ref (data);

  if (ls_scenario_validate (scenario (self), data, NULL))
    {
      use_dataset_now (self, request);
      dataset_request_free (request);
      return;
    }

  _ls_window_confirm_discard (self, use_dataset_now, request, (GDestroyNotify) dataset_request_free);
}

/**
 * ls_window_open_dataset_file:
 * @self: a window
 * @file: a dataset file
 * @error: return location for the validation error
 *
 * Replaces the dataset with @file. When @file is not a valid dataset, the
 * error is shown in a dialog (in plain words, with FILE:LINE:COLUMN and
 * the JSON path below) and the window keeps its current dataset.
 *
 * Returns: %TRUE when @file is a valid dataset
 */
gboolean
ls_window_open_dataset_file (LsWindow  *self,
                             GFile     *file,
                             GError   **error)
{
  g_autoptr(LsDataset) data = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (LS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!(data = ls_dataset_new_from_file (file, NULL, &local_error)))
    {
      _ls_window_show_open_error (self, file, TRUE, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  use_dataset (self, data, file);
  return TRUE;
}

/**
 * ls_window_use_default_dataset:
 *
 * Goes back to the dataset built into the application.
 */
void
ls_window_use_default_dataset (LsWindow *self)
{
  g_autoptr(LsDataset) data = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LS_IS_WINDOW (self));

  if (!(data = ls_dataset_dup_default (&error)))
    {
      _ls_window_show_error (self, _("Could Not Open Dataset"), _("The built-in dataset could not be read."),
                             error->message);
      return;
    }

  use_dataset (self, data, NULL);
}

gboolean
ls_window_get_presenting (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), FALSE);

  return self->presenting;
}

/**
 * ls_window_set_presenting:
 * @self: a window
 * @presenting: whether to present
 *
 * Presenter mode: full screen, no sidebar or header bar, large type, and
 * the headline figures of the current slide above the views.
 */
void
ls_window_set_presenting (LsWindow *self,
                          gboolean  presenting)
{
  g_return_if_fail (LS_IS_WINDOW (self));

  presenting = !!presenting;
  if (self->presenting == presenting)
    return;

  self->presenting = presenting;

  if (presenting)
    {
      gtk_window_fullscreen (GTK_WINDOW (self));
      gtk_widget_add_css_class (GTK_WIDGET (self), "presenter");
      update_presenter (self);
    }
  else
    {
      gtk_window_unfullscreen (GTK_WINDOW (self));
      gtk_widget_remove_css_class (GTK_WIDGET (self), "presenter");
    }

  gtk_widget_set_visible (GTK_WIDGET (self->sidebar), self->sidebar_visible && !presenting);
  gtk_widget_set_visible (self->map_toolbar, self->map_view != NULL && !presenting);
  gtk_widget_set_visible (self->flows_toolbar, self->sankey_view != NULL && !presenting);
  gtk_widget_set_visible (self->year_bar, !presenting);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->header_revealer), !presenting);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->presenter_revealer), presenting);
  update_render_style (self);

  if (presenting)
    gtk_widget_grab_focus (GTK_WIDGET (self->view_stack));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTING]);
}

/**
 * ls_window_step_slide:
 * @self: a window
 * @delta: +1 for the next slide, -1 for the previous one
 *
 * Loads the next or previous of the slides: the shipped presets in order,
 * then the scenario files opened or saved in this session. Asks first
 * when the current scenario has unsaved changes.
 */
void
ls_window_step_slide (LsWindow *self,
                      int       delta)
{
  guint n;
  guint next;

  g_return_if_fail (LS_IS_WINDOW (self));

  n = self->slides->len;
  if (n == 0)
    return;

  if (self->slide_index >= n)
    next = delta > 0 ? 0 : n - 1;
  else if (delta > 0)
    next = MIN (self->slide_index + 1, n - 1);
  else
    next = self->slide_index > 0 ? self->slide_index - 1 : 0;

  if (next == self->slide_index)
    return;

  ls_window_open_scenario_file (self, g_ptr_array_index (self->slides, next));
}

guint
ls_window_get_n_slides (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), 0);

  return self->slides->len;
}

gboolean
ls_window_can_undo (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), FALSE);

  return ls_session_get_can_undo (self->session);
}

gboolean
ls_window_can_redo (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), FALSE);

  return ls_session_get_can_redo (self->session);
}

/**
 * ls_window_export_figure:
 * @self: a window
 * @file: where to write; its extension (.png, .svg or .pdf) picks the format
 * @error: return location for an error
 *
 * Draws the figure of the current view (the map, else the flow diagram)
 * with the shared render code and writes it atomically.
 *
 * Returns: %TRUE on success
 */
gboolean
ls_window_export_figure (LsWindow  *self,
                         GFile     *file,
                         GError   **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  LsExportFormat format;

  g_return_val_if_fail (LS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* Without a known extension, a PNG. */
  name = g_file_get_basename (file);
  if (!ls_export_format_from_filename (name, &format))
    format = LS_EXPORT_PNG;

  bytes = _ls_window_render_figure (self, format, error);

  return bytes != NULL && save_bytes (file, bytes, error);
}

/**
 * ls_window_export_table:
 * @self: a window
 * @file: where to write the CSV
 * @error: return location for an error
 *
 * Writes the table view's rows, in their sorted order, as CSV.
 *
 * Returns: %TRUE on success
 */
gboolean
ls_window_export_table (LsWindow  *self,
                        GFile     *file,
                        GError   **error)
{
  g_autofree char *csv = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (LS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  ensure_table_session (self);
  csv = ls_table_view_to_csv (self->table_view);
  bytes = g_bytes_new (csv, strlen (csv));

  return save_bytes (file, bytes, error);
}
