/* ls-sidebar.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-sidebar"

#include "config.h"

#include "ls-sidebar.h"

#include "ls-alliance-text.h"
#include "ls-application.h"
#include "ls-country-picker.h"
#include "ls-country-search.h"
#include "ls-format.h"
#include "ls-member-row.h"
#include "ls-row.h"
#include "ls-scenario-text.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/*
 * The sidebar edits the scenario directly and follows its ::changed
 * signal; it never computes a result. Its lists are one Tab stop each,
 * with the arrow keys inside (issue 16, M8), so that the keyboard reaches
 * the map after a few stops rather than after every country.
 */

/* Friend-shoring moves in steps of 5 %, so that a drag saves 0.45, not
 * 0.4651… (m14). */
#define FRIEND_SHORING_STEPS 20.0

struct _LsSidebar
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget *alliance_hint;
  GtkWidget *alliances_list;
  GtkWidget *capacity_group;
  GtkWidget *capacity_list;
  GtkWidget *content;
  GtkWidget *friend_group;
  GtkWidget *friend_label;
  GtkWidget *friend_scale;
  GtkWidget *members_as_of_list;
  GtkWidget *members_group;
  GtkWidget *members_list;
  GtkWidget *members_summary;
  GtkWidget *presets_box;
  GtkWidget *restrictions_group;
  GtkWidget *restrictions_list;
  GtkWidget *scroller;
  GtkWidget *search_entry;

  /* The lever forms, built after the first frame (ensure_forms()); NULL
   * until then */
  GtkWidget *capacity_country;
  GtkWidget *capacity_delta;
  GtkWidget *capacity_error;
  GtkWidget *capacity_error_row;
  GtkWidget *capacity_expander;
  GtkWidget *capacity_stage;
  GtkWidget *restriction_error;
  GtkWidget *restriction_error_row;
  GtkWidget *restriction_expander;
  GtkWidget *restriction_fraction;
  GtkWidget *restriction_from;
  GtkWidget *restriction_stage;
  GtkWidget *restriction_to;

  /* Owned */
  LsDataset     *dataset;
  LsScenario    *scenario;
  GPtrArray     *alliance_rows;   /* LsRow, in the dataset's order */
  GPtrArray     *preset_buttons;  /* GtkToggleButton */
  GHashTable    *member_rows;     /* ISO3 → LsMemberRow (borrowed) */
  GArray        *member_order;    /* country indices, by name */
  gboolean       member_rows_partial; /* rows still to make, see ensure_member_rows() */
  gboolean       started;         /* the window has drawn (ls_sidebar_finish_start()) */
  GtkStringList *members_as_of;
  GtkWidget     *members_as_of_dropdown; /* borrowed: its row's control */
  char          *levers_shown;    /* the lever rows' texts, to rebuild them only on change */

  GtkWidget *scroll_widget;   /* the expander scrolled into view */
  guint     scroll_tick;
  int       scroll_last_height;
  guint     scroll_stable_frames;
  gboolean  syncing;
};

G_DEFINE_FINAL_TYPE (LsSidebar, ls_sidebar, GTK_TYPE_WIDGET)

/* One-click restrictions; the stage id must exist in the dataset. */
static const struct
{
  const char *label;
  const char *stage;
  const char *from;
  const char *to;
} restriction_presets[] = {
  { N_("China restricts separated oxides to the bloc"), "separation", "CHN", "bloc" },
  { N_("China restricts metal to the bloc"), "metal", "CHN", "bloc" },
  { N_("China restricts magnets to the bloc"), "magnets", "CHN", "bloc" },
};

static void
clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

/* Lists as one Tab stop ------------------------------------------------- */

/* Tab leaves the list as if it were one widget; the arrow keys, GtkListBox's
 * own, move inside it. */
static gboolean
on_list_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        GtkWidget             *list)
{
  GtkDirectionType direction;
  GtkRoot *root;
  gboolean moved;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return GDK_EVENT_PROPAGATE;

  if (keyval == GDK_KEY_ISO_Left_Tab ||
      ((keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab) && (state & GDK_SHIFT_MASK)))
    direction = GTK_DIR_TAB_BACKWARD;
  else if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    direction = GTK_DIR_TAB_FORWARD;
  else
    return GDK_EVENT_PROPAGATE;

  if ((root = gtk_widget_get_root (list)) == NULL)
    return GDK_EVENT_PROPAGATE;

  /* While the list cannot take focus, moving on from the row that has it
   * skips the list's other rows. */
  gtk_widget_set_can_focus (list, FALSE);
  moved = gtk_widget_child_focus (GTK_WIDGET (root), direction);
  gtk_widget_set_can_focus (list, TRUE);

  return moved ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
}

static void
make_one_tab_stop (GtkWidget *list)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_list_key_pressed_cb), list);
  gtk_widget_add_controller (list, keys);
}

/* Expanded forms scroll into view (m4) ------------------------------------ */

static gboolean
scroll_into_view_tick_cb (GtkWidget     *expander,
                          GdkFrameClock *clock,
                          gpointer       user_data)
{
  LsSidebar *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  graphene_rect_t bounds;
  double top;
  double bottom;
  double value;
  double page;
  int height;

  if (!gtk_widget_compute_bounds (expander, self->content, &bounds))
    {
      self->scroll_tick = 0;
      self->scroll_widget = NULL;
      return G_SOURCE_REMOVE;
    }

  /* The content box is what scrolls: its coordinates are the adjustment's. */
  top = bounds.origin.y;
  bottom = top + bounds.size.height;
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (bottom > value + page)
    gtk_adjustment_set_value (adjustment, MIN (top, bottom - page));

  /* The expander grows while it animates; stop once it has settled. */
  height = (int) bounds.size.height;
  self->scroll_stable_frames = height == self->scroll_last_height ? self->scroll_stable_frames + 1 : 0;
  self->scroll_last_height = height;
  if (self->scroll_stable_frames < 3)
    return G_SOURCE_CONTINUE;

  self->scroll_tick = 0;
  self->scroll_widget = NULL;
  return G_SOURCE_REMOVE;
}

static void
on_expander_expanded_cb (GtkWidget  *expander,
                         GParamSpec *pspec,
                         LsSidebar  *self)
{
  if (!adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)))
    return;

  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (self->scroll_widget, self->scroll_tick);
  self->scroll_last_height = -1;
  self->scroll_stable_frames = 0;
  self->scroll_widget = expander;
  self->scroll_tick = gtk_widget_add_tick_callback (expander, scroll_into_view_tick_cb, self, NULL);
}

/* Levers ------------------------------------------------------------------ */

static void
on_remove_restriction_clicked_cb (GtkButton *button,
                                  LsSidebar *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));

  if (self->scenario != NULL && index < ls_scenario_get_n_restrictions (self->scenario))
    ls_scenario_remove_restriction (self->scenario, index);
}

static void
on_remove_capacity_clicked_cb (GtkButton *button,
                               LsSidebar *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));

  if (self->scenario != NULL && index < ls_scenario_get_n_capacity_changes (self->scenario))
    ls_scenario_remove_capacity_change (self->scenario, index);
}

static GtkWidget *
make_removable_row (LsSidebar  *self,
                    const char *title,
                    const char *subtitle,
                    guint       index,
                    GCallback   callback)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *accessible = g_strdup_printf (_("Remove “%s”"), title);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  if (subtitle != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (subtitle, -1);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
    }
  /* The title names the row: GTK 4.8 would say a label of its own
   * after the title's, "Magnets … Magnets …" (M9). */
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", callback, self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

/* Returns: the index of a restriction equal to @restriction, or -1 */
static int
find_restriction (LsScenario          *scenario,
                  const LsRestriction *restriction)
{
  for (guint i = 0; i < ls_scenario_get_n_restrictions (scenario); i++)
    if (ls_restriction_equal (ls_scenario_get_restriction (scenario, i), restriction))
      return i;

  return -1;
}

static LsRestriction *
preset_restriction (guint index)
{
  LsParty from = { 0 };
  LsParty to = { 0 };
  LsRestriction *restriction = NULL;

  if (ls_party_parse (restriction_presets[index].from, &from) &&
      ls_party_parse (restriction_presets[index].to, &to))
    restriction = ls_restriction_new (restriction_presets[index].stage, &from, &to, 1.0);

  ls_party_clear (&from);
  ls_party_clear (&to);

  return restriction;
}

static void
rebuild_lever_rows (LsSidebar *self)
{
  guint n;

  clear_list (self->restrictions_list);
  n = ls_scenario_get_n_restrictions (self->scenario);
  for (guint i = 0; i < n; i++)
    {
      const LsRestriction *restriction = ls_scenario_get_restriction (self->scenario, i);
      g_autofree char *title = ls_scenario_text_lever (self->dataset, restriction);

      gtk_list_box_append (GTK_LIST_BOX (self->restrictions_list),
                           make_removable_row (self, title, NULL, i,
                                               G_CALLBACK (on_remove_restriction_clicked_cb)));
    }
  gtk_widget_set_visible (self->restrictions_list, n > 0);

  clear_list (self->capacity_list);
  n = ls_scenario_get_n_capacity_changes (self->scenario);
  for (guint i = 0; i < n; i++)
    {
      const LsCapacityChange *change = ls_scenario_get_capacity_change (self->scenario, i);
      g_autofree char *title = ls_scenario_text_capacity (self->dataset, change);

      gtk_list_box_append (GTK_LIST_BOX (self->capacity_list),
                           make_removable_row (self, title, change->note, i,
                                               G_CALLBACK (on_remove_capacity_clicked_cb)));
    }
  gtk_widget_set_visible (self->capacity_list, n > 0);
}

/* The lever rows' texts: they are rebuilt only when these change, since
 * rebuilding them on every edit (each step of a drag, each member
 * toggled) would cost more than the recompute. */
static char *
lever_rows_key (LsSidebar *self)
{
  g_autofree char *levers = ls_scenario_text_levers (self->scenario, self->dataset);
  GString *key = g_string_new (levers);

  for (guint i = 0; i < ls_scenario_get_n_capacity_changes (self->scenario); i++)
    {
      const char *note = ls_scenario_get_capacity_change (self->scenario, i)->note;

      g_string_append_printf (key, "\n%s", note != NULL ? note : "");
    }
  g_string_append_printf (key, "\n%u %u", ls_scenario_get_n_restrictions (self->scenario),
                          ls_scenario_get_n_capacity_changes (self->scenario));

  return g_string_free (key, FALSE);
}

static void
sync_levers (LsSidebar *self)
{
  double friend_shoring = ls_scenario_get_friend_shoring (self->scenario);
  g_autofree char *key = lever_rows_key (self);

  gtk_range_set_value (GTK_RANGE (self->friend_scale), friend_shoring);
  {
    g_autofree char *text = ls_format_percent (friend_shoring, 0);

    gtk_label_set_label (GTK_LABEL (self->friend_label), text);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->friend_scale),
                                    GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                    -1);
  }

  if (g_strcmp0 (key, self->levers_shown) != 0)
    {
      rebuild_lever_rows (self);
      g_free (self->levers_shown);
      self->levers_shown = g_steal_pointer (&key);
    }

  /* A preset button is pressed while its restriction is in the list (m3). */
  for (guint i = 0; i < self->preset_buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->preset_buttons, i);
      guint preset = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "preset"));
      g_autoptr(LsRestriction) restriction = preset_restriction (preset);

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button),
                                    restriction != NULL && find_restriction (self->scenario, restriction) >= 0);
    }
}

/* Alliances and members --------------------------------------------------- */

static void
sync_alliances (LsSidebar *self)
{
  g_autofree char *hint = NULL;
  int year = ls_scenario_get_year (self->scenario);
  char text[16];

  if (year == 0)
    year = ls_dataset_get_default_year (self->dataset);

  for (guint a = 0; a < self->alliance_rows->len; a++)
    {
      GtkWidget *row = g_ptr_array_index (self->alliance_rows, a);
      g_autofree char *subtitle = ls_alliance_text_subtitle (self->dataset, a, self->scenario);

      ls_row_set_subtitle (LS_ROW (row), subtitle);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                      -1);
    }

  /* "Members as of": the year shown, or today. */
  g_snprintf (text, sizeof text, "%d", year);
  if (g_strcmp0 (gtk_string_list_get_string (self->members_as_of, 0), text) != 0)
    {
      const char *items[] = { text, NULL };

      gtk_string_list_splice (self->members_as_of, 0, 1, items);
    }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->members_as_of_dropdown),
                              ls_scenario_get_current_members (self->scenario) ? 1 : 0);

  hint = ls_alliance_text_empty_hint (self->dataset, self->scenario);
  gtk_label_set_label (GTK_LABEL (self->alliance_hint), hint != NULL ? hint : "");
  gtk_widget_set_visible (self->alliance_hint, hint != NULL);
}

/* The member rows --------------------------------------------------------- */

/* The sections below the alliances: members, friend-shoring, export
 * restrictions and capacity changes. */
static void
set_later_sections_visible (LsSidebar *self,
                            gboolean   visible)
{
  gtk_widget_set_visible (self->members_group, visible);
  gtk_widget_set_visible (self->friend_group, visible);
  gtk_widget_set_visible (self->restrictions_group, visible);
  gtk_widget_set_visible (self->capacity_group, visible);
}

/* The member list has a row per country; without a search it shows only
 * the bloc and the countries changed by hand or joining later. Its
 * section is below the alliances, out of the first frame at the window's
 * usual sizes, so it is shown with the other sections below them once
 * the window has drawn (ls_sidebar_finish_start()), and its rows are
 * made then, or as soon as a search or a caller needs them
 * (ensure_member_rows()): making, styling and measuring them was a
 * start-up cost (issue 12). */

/* Makes the rows missing from the member list, each at its place in
 * name order. */
static void
add_member_rows (LsSidebar *self)
{
  int position = 0;

  for (guint i = 0; i < self->member_order->len; i++)
    {
      guint c = g_array_index (self->member_order, guint, i);
      const char *id = ls_dataset_get_country_id (self->dataset, c);
      g_autofree char *memberships = NULL;
      GtkWidget *row;

      if (g_hash_table_contains (self->member_rows, id))
        {
          position++;
          continue;
        }

      row = ls_member_row_new (id, ls_dataset_get_country_name (self->dataset, c));
      memberships = ls_alliance_text_memberships (self->dataset, c);
      ls_member_row_set_memberships (LS_MEMBER_ROW (row), memberships);
      gtk_list_box_insert (GTK_LIST_BOX (self->members_list), row, position++);
      g_hash_table_insert (self->member_rows, (gpointer) ls_member_row_get_country (LS_MEMBER_ROW (row)), row);
    }
}

static void sync_members (LsSidebar *self);

static void
ensure_member_rows (LsSidebar *self)
{
  if (!self->member_rows_partial)
    return;

  self->member_rows_partial = FALSE;
  add_member_rows (self);
  sync_members (self);
}

static void
sync_members (LsSidebar *self)
{
  guint n_countries = ls_dataset_get_n_countries (self->dataset);
  g_autofree gboolean *members = g_new0 (gboolean, n_countries);
  g_autoptr(GError) error = NULL;
  guint n_members = 0;

  if (!ls_scenario_compute_bloc (self->scenario, self->dataset, members, &error))
    g_debug ("Cannot compute the bloc: %s", error->message);

  for (guint c = 0; c < n_countries; c++)
    {
      const char *id = ls_dataset_get_country_id (self->dataset, c);
      LsMemberRow *row = g_hash_table_lookup (self->member_rows, id);
      g_autofree char *note = ls_alliance_text_joins_later (self->dataset, c, self->scenario);

      if (row != NULL)
        ls_member_row_set_state (row, members[c], ls_scenario_get_membership (self->scenario, id), note);
      n_members += members[c] ? 1 : 0;
    }

  {
    g_autofree char *text =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u country in the bloc", "%u countries in the bloc",
                                    n_members),
                       n_members);

    gtk_label_set_label (GTK_LABEL (self->members_summary), text);
  }

  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->members_list));
}

static void
sync_all (LsSidebar *self)
{
  if (self->scenario == NULL || self->dataset == NULL)
    return;

  self->syncing = TRUE;
  sync_alliances (self);
  sync_members (self);
  sync_levers (self);
  self->syncing = FALSE;
}

static void
on_scenario_changed_cb (LsSidebar *self)
{
  sync_all (self);
}

static void
on_members_as_of_selected_cb (LsSidebar *self)
{
  if (self->syncing || self->scenario == NULL)
    return;

  ls_scenario_set_current_members (self->scenario,
                                   gtk_drop_down_get_selected (GTK_DROP_DOWN (self->members_as_of_dropdown)) == 1);
}

static void
on_friend_scale_value_changed_cb (GtkRange  *range,
                                  LsSidebar *self)
{
  double value = gtk_range_get_value (range);
  double snapped = round (value * FRIEND_SHORING_STEPS) / FRIEND_SHORING_STEPS;
  g_autofree char *text = NULL;

  /* The scale follows the pointer; the lever takes the nearest step. */
  text = ls_format_percent (snapped, 0);
  gtk_label_set_label (GTK_LABEL (self->friend_label), text);

  if (self->syncing || self->scenario == NULL)
    return;

  ls_scenario_set_friend_shoring (self->scenario, snapped);
}

static void
on_preset_toggled_cb (GtkToggleButton *button,
                      LsSidebar       *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "preset"));
  g_autoptr(LsRestriction) restriction = NULL;
  int existing;

  if (self->syncing || self->scenario == NULL || index >= G_N_ELEMENTS (restriction_presets))
    return;

  if (!(restriction = preset_restriction (index)))
    return;

  /* Pressed adds the restriction once; released takes it away (m3). */
  existing = find_restriction (self->scenario, restriction);
  if (gtk_toggle_button_get_active (button) && existing < 0)
    ls_scenario_add_restriction (self->scenario, restriction);
  else if (!gtk_toggle_button_get_active (button) && existing >= 0)
    ls_scenario_remove_restriction (self->scenario, existing);
}

/* The restriction form (m2) ------------------------------------------------ */

static void
show_form_error (GtkWidget  *row,
                 GtkWidget  *label,
                 const char *message)
{
  gtk_label_set_label (GTK_LABEL (label), message != NULL ? message : "");
  gtk_widget_set_visible (row, message != NULL);
}

static void
show_entry_error (GtkWidget *entry,
                  gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (entry, "error");
  else
    gtk_widget_remove_css_class (entry, "error");
}

/* Reads "China, KOR, Viet" or "bloc"/"non-bloc" into @party; every token
 * that names no single country gets its own line in @errors. */
static gboolean
parse_party_text (LsSidebar  *self,
                  const char *what,
                  const char *text,
                  LsParty    *party,
                  GString    *errors)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_auto(GStrv) tokens = NULL;
  g_autoptr(GPtrArray) countries = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = TRUE;

  if (stripped[0] == '\0')
    {
      /* Translators: an empty field of the restriction form, "Exporters: none given" */
      g_string_append_printf (errors, _("%s: none given; name countries, “bloc” or “non-bloc”.\n"), what);
      return FALSE;
    }

  if (g_ascii_strcasecmp (stripped, "bloc") == 0 || g_utf8_collate (stripped, _("bloc")) == 0)
    return ls_party_parse ("bloc", party);
  if (g_ascii_strcasecmp (stripped, "non-bloc") == 0 || g_utf8_collate (stripped, _("non-bloc")) == 0)
    return ls_party_parse ("non-bloc", party);

  tokens = g_strsplit_set (stripped, ",;", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
      const char *token = g_strstrip (tokens[i]);
      guint country;

      if (token[0] == '\0')
        continue;

      switch (ls_country_search_resolve (self->dataset, token, &country, candidates))
        {
        case LS_COUNTRY_MATCH_ONE:
          if (!g_ptr_array_find_with_equal_func (countries, ls_dataset_get_country_id (self->dataset, country),
                                                 g_str_equal, NULL))
            g_ptr_array_add (countries, g_strdup (ls_dataset_get_country_id (self->dataset, country)));
          break;

        case LS_COUNTRY_MATCH_SEVERAL:
          g_ptr_array_add (candidates, NULL);
          {
            /* Translators: between the countries of a list */
            g_autofree char *names = g_strjoinv (_(", "), (char **) candidates->pdata);

            /* Translators: "Exporters: “Guinea” could be Guinea, Papua New Guinea" */
            g_string_append_printf (errors, _("%s: “%s” could be %s.\n"), what, token, names);
          }
          ok = FALSE;
          break;

        case LS_COUNTRY_MATCH_NONE:
        default:
          /* Translators: "Importers: “xyz” is not a country of this dataset" */
          g_string_append_printf (errors, _("%s: “%s” is not a country of this dataset.\n"), what, token);
          ok = FALSE;
          break;
        }
    }

  if (!ok)
    return FALSE;

  if (countries->len == 0)
    {
      g_string_append_printf (errors, _("%s: none given; name countries, “bloc” or “non-bloc”.\n"), what);
      return FALSE;
    }

  g_ptr_array_add (countries, NULL);
  party->kind = LS_PARTY_COUNTRIES;
  party->countries = (char **) g_ptr_array_steal (countries, NULL);

  return TRUE;
}

/* Returns: %TRUE when the form's restriction was added */
static gboolean
add_restriction_from_form (LsSidebar *self)
{
  guint stage = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->restriction_stage));
  double fraction = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->restriction_fraction)) / 100.0;
  g_autoptr(GString) errors = g_string_new (NULL);
  g_autoptr(LsRestriction) restriction = NULL;
  LsParty from = { 0 };
  LsParty to = { 0 };
  gboolean from_ok;
  gboolean to_ok;

  if (self->scenario == NULL || stage == GTK_INVALID_LIST_POSITION)
    return FALSE;

  from_ok = parse_party_text (self, _("Exporters"), gtk_editable_get_text (GTK_EDITABLE (self->restriction_from)),
                              &from, errors);
  to_ok = parse_party_text (self, _("Importers"), gtk_editable_get_text (GTK_EDITABLE (self->restriction_to)),
                            &to, errors);
  show_entry_error (self->restriction_from, !from_ok);
  show_entry_error (self->restriction_to, !to_ok);

  if (from_ok && to_ok)
    {
      restriction = ls_restriction_new (ls_dataset_get_stage_id (self->dataset, stage), &from, &to, fraction);
      if (find_restriction (self->scenario, restriction) >= 0)
        g_string_append (errors, _("This restriction is already in the list.\n"));
    }

  ls_party_clear (&from);
  ls_party_clear (&to);

  if (errors->len > 0)
    {
      g_strchomp (errors->str);
      show_form_error (self->restriction_error_row, self->restriction_error, errors->str);
      return FALSE;
    }

  show_form_error (self->restriction_error_row, self->restriction_error, NULL);
  ls_scenario_add_restriction (self->scenario, restriction);

  return TRUE;
}

static void
on_restriction_add_clicked_cb (LsSidebar *self)
{
  add_restriction_from_form (self);
}

static void
on_restriction_entry_changed_cb (LsSidebar *self)
{
  /* Once an error shows, it follows the fixes as they are typed. */
  if (gtk_widget_get_visible (self->restriction_error_row))
    {
      g_autoptr(GString) errors = g_string_new (NULL);
      LsParty party = { 0 };
      gboolean from_ok;
      gboolean to_ok;

      from_ok = parse_party_text (self, _("Exporters"), gtk_editable_get_text (GTK_EDITABLE (self->restriction_from)),
                                  &party, errors);
      ls_party_clear (&party);
      to_ok = parse_party_text (self, _("Importers"), gtk_editable_get_text (GTK_EDITABLE (self->restriction_to)),
                                &party, errors);
      ls_party_clear (&party);

      show_entry_error (self->restriction_from, !from_ok);
      show_entry_error (self->restriction_to, !to_ok);
      g_strchomp (errors->str);
      show_form_error (self->restriction_error_row, self->restriction_error,
                       errors->len > 0 ? errors->str : NULL);
    }
}

static void
on_capacity_add_clicked_cb (LsSidebar *self)
{
  guint stage = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->capacity_stage));
  const char *country = ls_country_picker_get_country (LS_COUNTRY_PICKER (self->capacity_country));
  double delta = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->capacity_delta));
  g_autoptr(LsCapacityChange) change = NULL;

  if (self->scenario == NULL || stage == GTK_INVALID_LIST_POSITION)
    return;

  if (country == NULL)
    {
      show_form_error (self->capacity_error_row, self->capacity_error, _("Choose the country whose output changes."));
      return;
    }
  if (delta == 0.0)
    {
      show_form_error (self->capacity_error_row, self->capacity_error, _("Enter a change other than 0 t."));
      return;
    }

  show_form_error (self->capacity_error_row, self->capacity_error, NULL);
  change = ls_capacity_change_new (ls_dataset_get_stage_id (self->dataset, stage), country, delta, NULL);
  ls_scenario_add_capacity_change (self->scenario, change);
}

/* The member list ----------------------------------------------------------- */

static void
on_members_list_row_activated_cb (GtkListBox    *list,
                                  GtkListBoxRow *row,
                                  LsSidebar     *self)
{
  if (LS_IS_MEMBER_ROW (row))
    ls_member_row_toggle (LS_MEMBER_ROW (row));
}

/* Without a search, the list holds the bloc, the countries changed by hand
 * and those an alliance switched on lists but not yet in the year shown;
 * a search finds any country. */
static gboolean
filter_member_row (GtkListBoxRow *row,
                   gpointer       user_data)
{
  LsSidebar *self = user_data;
  LsMemberRow *member_row = LS_MEMBER_ROW (row);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *iso3 = ls_member_row_get_country (member_row);
  int country;

  if (self->dataset == NULL || (country = ls_dataset_lookup_country (self->dataset, iso3)) < 0)
    return FALSE;

  if (text != NULL && text[0] != '\0')
    return ls_country_search_matches (self->dataset, country, text);

  return ls_member_row_get_member (member_row) ||
         ls_scenario_get_membership (self->scenario, iso3) != LS_MEMBERSHIP_DEFAULT ||
         ls_member_row_get_note (member_row) != NULL;
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      LsSidebar      *self)
{
  ensure_member_rows (self);
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->members_list));
}

static void
on_search_activate_cb (GtkSearchEntry *entry,
                       LsSidebar      *self)
{
  /* Enter toggles the first country found, as a click on it would. */
  for (GtkWidget *row = gtk_widget_get_first_child (self->members_list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (LS_IS_MEMBER_ROW (row) && gtk_widget_get_child_visible (row))
      {
        ls_member_row_toggle (LS_MEMBER_ROW (row));
        return;
      }
}

static gboolean
on_search_key_pressed_cb (GtkEventControllerKey *controller,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          LsSidebar             *self)
{
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;

  for (GtkWidget *row = gtk_widget_get_first_child (self->members_list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (LS_IS_MEMBER_ROW (row) && gtk_widget_get_child_visible (row))
      {
        gtk_widget_grab_focus (row);
        return GDK_EVENT_STOP;
      }

  return GDK_EVENT_PROPAGATE;
}

static int
compare_country_names (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  LsDataset *dataset = user_data;

  return g_utf8_collate (ls_dataset_get_country_name (dataset, *(const guint *) a),
                         ls_dataset_get_country_name (dataset, *(const guint *) b));
}

static GListModel *
stage_names_model (LsDataset *dataset)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint s = 0; s < ls_dataset_get_n_stages (dataset); s++)
    gtk_string_list_append (list, ls_dataset_get_stage_name (dataset, s));

  return G_LIST_MODEL (list);
}

static gboolean
on_alliance_query_tooltip_cb (GtkWidget  *row,
                              int         x,
                              int         y,
                              gboolean    keyboard_tooltip,
                              GtkTooltip *tooltip,
                              gpointer    user_data)
{
  gtk_tooltip_set_text (tooltip, g_object_get_data (G_OBJECT (row), "tooltip"));

  return TRUE;
}

static GtkWidget *
make_alliance_row (LsSidebar *self,
                   guint      alliance)
{
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *row;
  const char *id = ls_dataset_get_alliance_id (self->dataset, alliance);
  const char *name = ls_dataset_get_alliance_name (self->dataset, alliance);
  const char *description = ls_dataset_get_alliance_description (self->dataset, alliance);
  g_autofree char *action = g_strdup_printf ("scenario.alliance-%s", id);

  /* The row is the Tab stop and the switch its state. Both are named by
   * the row's title (ls_row_new() relates them to it): a label of their
   * own as well, GTK 4.8 says both, "Quad Quad" (M9). */
  gtk_widget_set_focusable (toggle, FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (toggle), action);
  g_object_set_data_full (G_OBJECT (toggle), "alliance", g_strdup (id), g_free);
  row = ls_row_new (name, toggle);
  ls_row_set_subtitle_lines (LS_ROW (row), 2);
  /* The tooltip when asked for, as the member rows' (issue 12); the
   * description is the row's own (sync_alliances()). */
  if (description != NULL)
    {
      g_object_set_data_full (G_OBJECT (row), "tooltip", g_strdup (description), g_free);
      gtk_widget_set_has_tooltip (row, TRUE);
      g_signal_connect (row, "query-tooltip", G_CALLBACK (on_alliance_query_tooltip_cb), NULL);
    }

  return row;
}

/* The forms' stages and countries are the dataset's. */
static void
set_form_models (LsSidebar *self)
{
  g_autoptr(GListModel) stages1 = stage_names_model (self->dataset);
  g_autoptr(GListModel) stages2 = stage_names_model (self->dataset);
  int separation;

  gtk_drop_down_set_model (GTK_DROP_DOWN (self->restriction_stage), stages1);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->capacity_stage), stages2);
  separation = ls_dataset_lookup_stage (self->dataset, "separation");
  if (separation >= 0)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->restriction_stage), separation);
  ls_country_picker_set_dataset (LS_COUNTRY_PICKER (self->capacity_country), self->dataset);
}

/* The lever forms, two expander rows of drop-downs, entries and a country
 * picker, are in no first frame: the sections holding them show only
 * after it (ls_sidebar_finish_start()). Built with the window, they cost
 * a tenth of its construction (issue 12), so they are built here, once,
 * when first needed. */
static void
ensure_forms (LsSidebar *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  if (self->restriction_expander != NULL)
    return;

  builder = gtk_builder_new_from_resource (LS_RESOURCE_PATH "/ui/ls-sidebar-forms.ui");

#define FORM_CHILD(name) self->name = GTK_WIDGET (gtk_builder_get_object (builder, #name))
  FORM_CHILD (capacity_country);
  FORM_CHILD (capacity_delta);
  FORM_CHILD (capacity_error);
  FORM_CHILD (capacity_error_row);
  FORM_CHILD (capacity_expander);
  FORM_CHILD (capacity_stage);
  FORM_CHILD (restriction_error);
  FORM_CHILD (restriction_error_row);
  FORM_CHILD (restriction_expander);
  FORM_CHILD (restriction_fraction);
  FORM_CHILD (restriction_from);
  FORM_CHILD (restriction_stage);
  FORM_CHILD (restriction_to);
#undef FORM_CHILD

  /* Last in their groups, below the lists of levers. */
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->restrictions_group),
                             GTK_WIDGET (gtk_builder_get_object (builder, "restriction_form")));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->capacity_group),
                             GTK_WIDGET (gtk_builder_get_object (builder, "capacity_form")));

  g_signal_connect_swapped (gtk_builder_get_object (builder, "restriction_add"), "clicked",
                            G_CALLBACK (on_restriction_add_clicked_cb), self);
  g_signal_connect_swapped (gtk_builder_get_object (builder, "capacity_add"), "clicked",
                            G_CALLBACK (on_capacity_add_clicked_cb), self);
  g_signal_connect_swapped (self->restriction_from, "changed", G_CALLBACK (on_restriction_entry_changed_cb), self);
  g_signal_connect_swapped (self->restriction_to, "changed", G_CALLBACK (on_restriction_entry_changed_cb), self);
  g_signal_connect_swapped (self->restriction_from, "activate", G_CALLBACK (on_restriction_add_clicked_cb), self);
  g_signal_connect_swapped (self->restriction_to, "activate", G_CALLBACK (on_restriction_add_clicked_cb), self);
  g_signal_connect (self->restriction_expander, "notify::expanded", G_CALLBACK (on_expander_expanded_cb), self);
  g_signal_connect (self->capacity_expander, "notify::expanded", G_CALLBACK (on_expander_expanded_cb), self);

  /* Named "Stage" by their rows' titles; which form they belong to is
   * their description (a label too would be said after the title's). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->restriction_stage),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Stage of the restriction"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->capacity_stage),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Stage of the capacity change"), -1);

  if (self->dataset != NULL)
    set_form_models (self);
}

static void
rebuild (LsSidebar *self)
{
  GtkWidget *child;
  guint n_countries = ls_dataset_get_n_countries (self->dataset);

  g_clear_pointer (&self->levers_shown, g_free);

  /* Alliances: the switches are bound to the window's "scenario" actions. */
  clear_list (self->alliances_list);
  g_ptr_array_set_size (self->alliance_rows, 0);
  for (guint a = 0; a < ls_dataset_get_n_alliances (self->dataset); a++)
    {
      GtkWidget *row = make_alliance_row (self, a);

      gtk_list_box_append (GTK_LIST_BOX (self->alliances_list), row);
      g_ptr_array_add (self->alliance_rows, row);
    }

  /* Members, sorted by name: their rows are made after the first frame
   * (ensure_member_rows()). */
  clear_list (self->members_list);
  g_hash_table_remove_all (self->member_rows);
  g_array_set_size (self->member_order, 0);
  for (guint c = 0; c < n_countries; c++)
    g_array_append_val (self->member_order, c);
  g_array_sort_with_data (self->member_order, compare_country_names, self->dataset);
  self->member_rows_partial = TRUE;

  if (self->restriction_expander != NULL)
    set_form_models (self);

  /* Presets only for stages this dataset has. */
  while ((child = gtk_widget_get_first_child (self->presets_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->presets_box), child);
  g_ptr_array_set_size (self->preset_buttons, 0);
  for (guint i = 0; i < G_N_ELEMENTS (restriction_presets); i++)
    {
      GtkWidget *button;
      GtkWidget *label;

      if (ls_dataset_lookup_stage (self->dataset, restriction_presets[i].stage) < 0 ||
          ls_dataset_lookup_country (self->dataset, restriction_presets[i].from) < 0)
        continue;

      label = gtk_label_new (_(restriction_presets[i].label));
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      button = gtk_toggle_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_set_tooltip_text (button, _("Pressed while this export restriction is in the scenario"));
      /* The label is a child widget, which GTK 4.8 does not read out as
       * the button's name (M9). */
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(restriction_presets[i].label),
                                      -1);
      g_object_set_data (G_OBJECT (button), "preset", GUINT_TO_POINTER (i));
      g_signal_connect (button, "toggled", G_CALLBACK (on_preset_toggled_cb), self);
      gtk_box_append (GTK_BOX (self->presets_box), button);
      g_ptr_array_add (self->preset_buttons, button);
    }

  sync_all (self);

  /* A dataset opened later: no first frame to wait for. */
  if (self->started)
    ensure_member_rows (self);
}

static void
ls_sidebar_dispose (GObject *object)
{
  LsSidebar *self = LS_SIDEBAR (object);
  GtkWidget *child;

  if (self->scroll_tick != 0)
    {
      gtk_widget_remove_tick_callback (self->scroll_widget, self->scroll_tick);
      self->scroll_tick = 0;
      self->scroll_widget = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_SIDEBAR);

  /* Children without an id are not the template's to drop. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  if (self->scenario != NULL)
    g_signal_handlers_disconnect_by_data (self->scenario, self);
  g_clear_object (&self->scenario);
  g_clear_object (&self->dataset);
  g_clear_object (&self->members_as_of);

  G_OBJECT_CLASS (ls_sidebar_parent_class)->dispose (object);
}

static void
ls_sidebar_finalize (GObject *object)
{
  LsSidebar *self = LS_SIDEBAR (object);

  g_clear_pointer (&self->alliance_rows, g_ptr_array_unref);
  g_clear_pointer (&self->preset_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->member_rows, g_hash_table_unref);
  g_clear_pointer (&self->member_order, g_array_unref);
  g_clear_pointer (&self->levers_shown, g_free);

  G_OBJECT_CLASS (ls_sidebar_parent_class)->finalize (object);
}

static void
ls_sidebar_class_init (LsSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_sidebar_dispose;
  object_class->finalize = ls_sidebar_finalize;

  g_type_ensure (LS_TYPE_COUNTRY_PICKER);

  ls_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, LS_RESOURCE_PATH "/ui/ls-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, alliance_hint);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, alliances_list);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, capacity_group);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, capacity_list);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, content);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, friend_group);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, friend_label);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, friend_scale);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, members_as_of_list);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, members_group);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, members_list);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, members_summary);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, presets_box);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, restrictions_group);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, restrictions_list);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, scroller);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, search_entry);

  gtk_widget_class_set_css_name (widget_class, "lssidebar");
}

static void
ls_sidebar_init (LsSidebar *self)
{
  GtkEventController *keys;
  GtkWidget *placeholder;
  GtkWidget *row;
  const char *as_of[] = { "", _("Today"), NULL };

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Until the window's first frame (see "The member rows" below). */
  set_later_sections_visible (self, FALSE);

  self->alliance_rows = g_ptr_array_new ();
  self->preset_buttons = g_ptr_array_new ();
  self->member_rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->member_order = g_array_new (FALSE, FALSE, sizeof (guint));

  /* An LsRow, not an AdwComboRow, for the reason ls-row.c gives. */
  self->members_as_of = gtk_string_list_new (as_of);
  self->members_as_of_dropdown = gtk_drop_down_new (g_object_ref (G_LIST_MODEL (self->members_as_of)), NULL);
  row = ls_row_new (_("Members as of"), self->members_as_of_dropdown);
  ls_row_set_subtitle (LS_ROW (row),
                       _("The alliances as they stood in the year shown, or today’s members on that year’s figures"));
  ls_row_set_subtitle_lines (LS_ROW (row), 3);
  gtk_list_box_append (GTK_LIST_BOX (self->members_as_of_list), row);
  g_signal_connect_swapped (self->members_as_of_dropdown, "notify::selected",
                            G_CALLBACK (on_members_as_of_selected_cb), self);

  make_one_tab_stop (self->alliances_list);
  make_one_tab_stop (self->members_list);

  placeholder = gtk_label_new (_("No country is in the bloc: switch on an alliance, or search to add countries."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (GTK_LIST_BOX (self->members_list), placeholder);

  gtk_list_box_set_filter_func (GTK_LIST_BOX (self->members_list), filter_member_row, self, NULL);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect (self->search_entry, "activate", G_CALLBACK (on_search_activate_cb), self);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key_pressed_cb), self);
  gtk_widget_add_controller (self->search_entry, keys);
  /* Typing in the list goes to the search (m1). */
  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (self->search_entry), self->members_list);
  g_signal_connect (self->members_list, "row-activated", G_CALLBACK (on_members_list_row_activated_cb), self);
  g_signal_connect (self->friend_scale, "value-changed", G_CALLBACK (on_friend_scale_value_changed_cb), self);

  gtk_scale_add_mark (GTK_SCALE (self->friend_scale), 0.0, GTK_POS_BOTTOM, NULL);
  gtk_scale_add_mark (GTK_SCALE (self->friend_scale), 0.5, GTK_POS_BOTTOM, NULL);
  gtk_scale_add_mark (GTK_SCALE (self->friend_scale), 1.0, GTK_POS_BOTTOM, NULL);
}

GtkWidget *
ls_sidebar_new (void)
{
  return g_object_new (LS_TYPE_SIDEBAR, NULL);
}

/**
 * ls_sidebar_set_model:
 * @self: a sidebar
 * @dataset: the dataset
 * @scenario: the window's scenario, which the sidebar edits
 *
 * The sidebar edits @scenario directly and follows its
 * #LsScenario::changed signal; it never computes a result.
 */
void
ls_sidebar_set_model (LsSidebar  *self,
                      LsDataset  *dataset,
                      LsScenario *scenario)
{
  g_return_if_fail (LS_IS_SIDEBAR (self));
  g_return_if_fail (LS_IS_DATASET (dataset));
  g_return_if_fail (LS_IS_SCENARIO (scenario));

  if (self->scenario != scenario)
    {
      if (self->scenario != NULL)
        g_signal_handlers_disconnect_by_data (self->scenario, self);
      g_set_object (&self->scenario, scenario);
      g_signal_connect_swapped (self->scenario, "changed", G_CALLBACK (on_scenario_changed_cb), self);
    }
  g_set_object (&self->dataset, dataset);

  rebuild (self);
}

/**
 * ls_sidebar_finish_start:
 *
 * Tells the sidebar that the window has drawn its first frame: it shows
 * and makes what it left out of that frame (the sections below the
 * alliances and the member rows), and from now on makes everything at
 * once.
 */
void
ls_sidebar_finish_start (LsSidebar *self)
{
  g_return_if_fail (LS_IS_SIDEBAR (self));

  self->started = TRUE;
  ensure_forms (self);
  set_later_sections_visible (self, TRUE);
  ensure_member_rows (self);
}

/**
 * ls_sidebar_get_member_row:
 *
 * Returns: (transfer none) (nullable): the row of @country
 */
GtkWidget *
ls_sidebar_get_member_row (LsSidebar  *self,
                           const char *country)
{
  g_return_val_if_fail (LS_IS_SIDEBAR (self), NULL);

  ensure_member_rows (self);
  return g_hash_table_lookup (self->member_rows, country);
}

/**
 * ls_sidebar_get_alliance_switch:
 *
 * Returns: (transfer none) (nullable): the switch of @alliance
 */
GtkWidget *
ls_sidebar_get_alliance_switch (LsSidebar  *self,
                                const char *alliance)
{
  g_return_val_if_fail (LS_IS_SIDEBAR (self), NULL);

  for (guint i = 0; i < self->alliance_rows->len; i++)
    {
      LsRow *row = g_ptr_array_index (self->alliance_rows, i);
      GtkWidget *toggle = ls_row_get_control (row);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (toggle), "alliance"), alliance) == 0)
        return toggle;
    }

  return NULL;
}

/**
 * ls_sidebar_get_alliance_row:
 *
 * Returns: (transfer none) (nullable): the row of @alliance
 */
GtkWidget *
ls_sidebar_get_alliance_row (LsSidebar  *self,
                             const char *alliance)
{
  GtkWidget *toggle;

  g_return_val_if_fail (LS_IS_SIDEBAR (self), NULL);

  toggle = ls_sidebar_get_alliance_switch (self, alliance);
  return toggle != NULL ? gtk_widget_get_ancestor (toggle, LS_TYPE_ROW) : NULL;
}

/**
 * ls_sidebar_get_alliance_hint:
 *
 * Returns: (nullable): the hint shown under the alliances, or %NULL
 */
const char *
ls_sidebar_get_alliance_hint (LsSidebar *self)
{
  g_return_val_if_fail (LS_IS_SIDEBAR (self), NULL);

  return gtk_widget_get_visible (self->alliance_hint) ? gtk_label_get_label (GTK_LABEL (self->alliance_hint)) : NULL;
}

/**
 * ls_sidebar_get_preset_button:
 *
 * Returns: (transfer none) (nullable): the @index-th restriction preset
 *   button
 */
GtkWidget *
ls_sidebar_get_preset_button (LsSidebar *self,
                              guint      index)
{
  g_return_val_if_fail (LS_IS_SIDEBAR (self), NULL);

  return index < self->preset_buttons->len ? g_ptr_array_index (self->preset_buttons, index) : NULL;
}

/**
 * ls_sidebar_add_restriction:
 * @stage: a stage id
 * @from: the exporters as typed
 * @to: the importers as typed
 * @percent: the share withheld
 *
 * Fills the restriction form and presses its Add button.
 *
 * Returns: %TRUE when the restriction was added; otherwise
 *   ls_sidebar_get_form_error() says why
 */
gboolean
ls_sidebar_add_restriction (LsSidebar  *self,
                            const char *stage,
                            const char *from,
                            const char *to,
                            double      percent)
{
  int index;

  g_return_val_if_fail (LS_IS_SIDEBAR (self), FALSE);

  if (self->dataset == NULL || (index = ls_dataset_lookup_stage (self->dataset, stage)) < 0)
    return FALSE;

  ensure_forms (self);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->restriction_stage), index);
  gtk_editable_set_text (GTK_EDITABLE (self->restriction_from), from);
  gtk_editable_set_text (GTK_EDITABLE (self->restriction_to), to);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->restriction_fraction), percent);

  return add_restriction_from_form (self);
}

/**
 * ls_sidebar_get_form_error:
 *
 * Returns: (nullable): the error the restriction form shows, or %NULL
 */
const char *
ls_sidebar_get_form_error (LsSidebar *self)
{
  g_return_val_if_fail (LS_IS_SIDEBAR (self), NULL);

  if (self->restriction_error_row == NULL)
    return NULL;

  return gtk_widget_get_visible (self->restriction_error_row)
         ? gtk_label_get_label (GTK_LABEL (self->restriction_error)) : NULL;
}

/**
 * ls_sidebar_get_capacity_country_picker:
 *
 * Returns: (transfer none): the capacity form's country picker
 */
GtkWidget *
ls_sidebar_get_capacity_country_picker (LsSidebar *self)
{
  g_return_val_if_fail (LS_IS_SIDEBAR (self), NULL);

  ensure_forms (self);
  return self->capacity_country;
}

/**
 * ls_sidebar_get_members_list:
 *
 * Returns: (transfer none): the list of countries
 */
GtkWidget *
ls_sidebar_get_members_list (LsSidebar *self)
{
  g_return_val_if_fail (LS_IS_SIDEBAR (self), NULL);

  ensure_member_rows (self);
  return self->members_list;
}

void
ls_sidebar_focus_search (LsSidebar *self)
{
  g_return_if_fail (LS_IS_SIDEBAR (self));

  gtk_widget_grab_focus (self->search_entry);
}
