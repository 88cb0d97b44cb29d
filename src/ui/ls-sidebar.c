/* ls-sidebar.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-sidebar"

#include "config.h"

#include "ls-sidebar.h"

#include "ls-application.h"
#include "ls-format.h"
#include "ls-member-row.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

struct _LsSidebar
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget *alliances_group;
  GtkWidget *capacity_country;
  GtkWidget *capacity_delta;
  GtkWidget *capacity_list;
  GtkWidget *capacity_stage;
  GtkWidget *friend_label;
  GtkWidget *friend_scale;
  GtkWidget *members_list;
  GtkWidget *members_summary;
  GtkWidget *presets_box;
  GtkWidget *restriction_fraction;
  GtkWidget *restriction_from;
  GtkWidget *restriction_stage;
  GtkWidget *restriction_to;
  GtkWidget *restrictions_list;
  GtkWidget *search_entry;

  /* Owned */
  LsDataset  *dataset;
  LsScenario *scenario;
  GPtrArray  *alliance_rows;  /* AdwActionRow, in the dataset's order */
  GHashTable *member_rows;    /* ISO3 → LsMemberRow (borrowed) */
  GArray     *country_order;  /* guint: country indices in the country dropdown */

  gboolean    syncing;
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

static char *
describe_party (LsDataset     *dataset,
                const LsParty *party)
{
  if (party->kind == LS_PARTY_BLOC)
    return g_strdup (_("the bloc"));
  if (party->kind == LS_PARTY_NON_BLOC)
    return g_strdup (_("non-members"));

  {
    g_autoptr(GString) text = g_string_new (NULL);

    for (guint i = 0; party->countries != NULL && party->countries[i] != NULL; i++)
      {
        int index = ls_dataset_lookup_country (dataset, party->countries[i]);

        if (text->len > 0)
          g_string_append (text, ", ");
        g_string_append (text, index >= 0 ? ls_dataset_get_country_name (dataset, index)
                                          : party->countries[i]);
      }

    return g_string_free (g_steal_pointer (&text), FALSE);
  }
}

static const char *
stage_name_for_id (LsDataset  *dataset,
                   const char *id)
{
  int stage = ls_dataset_lookup_stage (dataset, id);

  return stage >= 0 ? ls_dataset_get_stage_name (dataset, stage) : id;
}

static void
clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

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

static void
sync_levers (LsSidebar *self)
{
  guint n;

  gtk_range_set_value (GTK_RANGE (self->friend_scale),
                       ls_scenario_get_friend_shoring (self->scenario));
  {
    g_autofree char *text = ls_format_percent (ls_scenario_get_friend_shoring (self->scenario), 0);

    gtk_label_set_label (GTK_LABEL (self->friend_label), text);
  }

  clear_list (self->restrictions_list);
  n = ls_scenario_get_n_restrictions (self->scenario);
  for (guint i = 0; i < n; i++)
    {
      const LsRestriction *restriction = ls_scenario_get_restriction (self->scenario, i);
      g_autofree char *from = describe_party (self->dataset, &restriction->from);
      g_autofree char *to = describe_party (self->dataset, &restriction->to);
      /* Translators: e.g. "Separation: China → the bloc" */
      g_autofree char *title = g_strdup_printf (_("%s: %s → %s"),
                                                stage_name_for_id (self->dataset, restriction->stage),
                                                from, to);
      g_autofree char *withheld = ls_format_percent (restriction->fraction, 0);
      /* Translators: share of the flows withheld by an export restriction, e.g. "50 % withheld" */
      g_autofree char *subtitle = g_strdup_printf (_("%s withheld"), withheld);

      gtk_list_box_append (GTK_LIST_BOX (self->restrictions_list),
                           make_removable_row (self, title, subtitle, i,
                                               G_CALLBACK (on_remove_restriction_clicked_cb)));
    }
  gtk_widget_set_visible (self->restrictions_list, n > 0);

  clear_list (self->capacity_list);
  n = ls_scenario_get_n_capacity_changes (self->scenario);
  for (guint i = 0; i < n; i++)
    {
      const LsCapacityChange *change = ls_scenario_get_capacity_change (self->scenario, i);
      int country = ls_dataset_lookup_country (self->dataset, change->country);
      g_autofree char *delta = ls_format_signed_number (change->delta, 0);
      /* Translators: e.g. "Magnets, United States: +1,400 t" */
      g_autofree char *title = g_strdup_printf (_("%s, %s: %s t"),
                                                stage_name_for_id (self->dataset, change->stage),
                                                country >= 0 ? ls_dataset_get_country_name (self->dataset, country)
                                                             : change->country,
                                                delta);

      gtk_list_box_append (GTK_LIST_BOX (self->capacity_list),
                           make_removable_row (self, title, change->note, i,
                                               G_CALLBACK (on_remove_capacity_clicked_cb)));
    }
  gtk_widget_set_visible (self->capacity_list, n > 0);
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

      if (row != NULL)
        ls_member_row_set_state (row, members[c], ls_scenario_get_membership (self->scenario, id));
      n_members += members[c] ? 1 : 0;
    }

  {
    g_autofree char *text =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u country in the bloc", "%u countries in the bloc",
                                    n_members),
                       n_members);

    gtk_label_set_label (GTK_LABEL (self->members_summary), text);
  }
}

static void
sync_all (LsSidebar *self)
{
  if (self->scenario == NULL || self->dataset == NULL)
    return;

  self->syncing = TRUE;
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
on_friend_scale_value_changed_cb (GtkRange  *range,
                                  LsSidebar *self)
{
  double value = gtk_range_get_value (range);
  g_autofree char *text = ls_format_percent (value, 0);

  gtk_label_set_label (GTK_LABEL (self->friend_label), text);

  if (self->syncing || self->scenario == NULL)
    return;

  ls_scenario_set_friend_shoring (self->scenario, value);
}

static void
on_preset_clicked_cb (GtkButton *button,
                      LsSidebar *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "preset"));
  g_autoptr(LsRestriction) restriction = NULL;
  LsParty from = { 0 };
  LsParty to = { 0 };

  if (self->scenario == NULL || index >= G_N_ELEMENTS (restriction_presets))
    return;

  if (!ls_party_parse (restriction_presets[index].from, &from) ||
      !ls_party_parse (restriction_presets[index].to, &to))
    return;

  restriction = ls_restriction_new (restriction_presets[index].stage, &from, &to, 1.0);
  ls_scenario_add_restriction (self->scenario, restriction);

  ls_party_clear (&from);
  ls_party_clear (&to);
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

static gboolean
parse_party_entry (LsSidebar *self,
                   GtkWidget *entry,
                   LsParty   *party)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  gboolean ok;

  g_strstrip (text);
  ok = ls_party_parse (text, party);

  /* Unknown ISO codes would only fail later, in the model. */
  if (ok && party->kind == LS_PARTY_COUNTRIES)
    for (guint i = 0; party->countries != NULL && party->countries[i] != NULL; i++)
      {
        g_autofree char *upper = g_ascii_strup (party->countries[i], -1);

        g_free (party->countries[i]);
        party->countries[i] = g_steal_pointer (&upper);
        if (ls_dataset_lookup_country (self->dataset, party->countries[i]) < 0)
          ok = FALSE;
      }

  show_entry_error (entry, !ok);
  if (!ok)
    ls_party_clear (party);

  return ok;
}

static void
on_restriction_add_clicked_cb (LsSidebar *self)
{
  guint stage = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->restriction_stage));
  double fraction = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->restriction_fraction)) / 100.0;
  g_autoptr(LsRestriction) restriction = NULL;
  LsParty from = { 0 };
  LsParty to = { 0 };
  gboolean from_ok;
  gboolean to_ok;

  if (self->scenario == NULL || stage == GTK_INVALID_LIST_POSITION)
    return;

  from_ok = parse_party_entry (self, self->restriction_from, &from);
  to_ok = parse_party_entry (self, self->restriction_to, &to);
  if (from_ok && to_ok)
    {
      restriction = ls_restriction_new (ls_dataset_get_stage_id (self->dataset, stage), &from, &to, fraction);
      ls_scenario_add_restriction (self->scenario, restriction);
    }

  ls_party_clear (&from);
  ls_party_clear (&to);
}

static void
on_capacity_add_clicked_cb (LsSidebar *self)
{
  guint stage = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->capacity_stage));
  guint position = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->capacity_country));
  double delta = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->capacity_delta));
  g_autoptr(LsCapacityChange) change = NULL;
  guint country;

  if (self->scenario == NULL || stage == GTK_INVALID_LIST_POSITION ||
      position == GTK_INVALID_LIST_POSITION || position >= self->country_order->len ||
      delta == 0.0)
    return;

  country = g_array_index (self->country_order, guint, position);
  change = ls_capacity_change_new (ls_dataset_get_stage_id (self->dataset, stage),
                                   ls_dataset_get_country_id (self->dataset, country),
                                   delta, NULL);
  ls_scenario_add_capacity_change (self->scenario, change);
}

static void
on_members_list_row_activated_cb (GtkListBox    *list,
                                  GtkListBoxRow *row,
                                  LsSidebar     *self)
{
  if (LS_IS_MEMBER_ROW (row))
    ls_member_row_toggle (LS_MEMBER_ROW (row));
}

static gboolean
filter_member_row (GtkListBoxRow *row,
                   gpointer       user_data)
{
  LsSidebar *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *needle = NULL;
  g_autofree char *name = NULL;
  g_autofree char *code = NULL;

  if (text == NULL || text[0] == '\0')
    return TRUE;

  needle = g_utf8_casefold (text, -1);
  name = g_utf8_casefold (ls_member_row_get_name (LS_MEMBER_ROW (row)), -1);
  code = g_utf8_casefold (ls_member_row_get_country (LS_MEMBER_ROW (row)), -1);

  return strstr (name, needle) != NULL || strstr (code, needle) != NULL;
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      LsSidebar      *self)
{
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->members_list));
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

static void
rebuild (LsSidebar *self)
{
  GtkWidget *child;
  guint n_countries = ls_dataset_get_n_countries (self->dataset);
  g_autoptr(GtkStringList) countries = gtk_string_list_new (NULL);
  g_autoptr(GListModel) stages1 = stage_names_model (self->dataset);
  g_autoptr(GListModel) stages2 = stage_names_model (self->dataset);
  int separation;

  /* Alliances: the switches are bound to the window's "scenario" actions. */
  for (guint i = 0; i < self->alliance_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->alliances_group),
                                  g_ptr_array_index (self->alliance_rows, i));
  g_ptr_array_set_size (self->alliance_rows, 0);

  for (guint a = 0; a < ls_dataset_get_n_alliances (self->dataset); a++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();
      g_autofree char *action = g_strdup_printf ("scenario.alliance-%s",
                                                 ls_dataset_get_alliance_id (self->dataset, a));
      g_autofree char *title = g_markup_escape_text (ls_dataset_get_alliance_name (self->dataset, a), -1);
      g_autofree char *subtitle = NULL;
      const char *description = ls_dataset_get_alliance_description (self->dataset, a);
      guint n_members = 0;

      for (guint c = 0; c < n_countries; c++)
        n_members += ls_dataset_alliance_has_member (self->dataset, a, c) ? 1 : 0;

      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members", n_members),
                                  n_members);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (description != NULL)
        gtk_widget_set_tooltip_text (row, description);

      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (toggle), action);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      ls_dataset_get_alliance_name (self->dataset, a),
                                      -1);
      g_object_set_data_full (G_OBJECT (toggle), "alliance",
                              g_strdup (ls_dataset_get_alliance_id (self->dataset, a)), g_free);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->alliances_group), row);
      g_ptr_array_add (self->alliance_rows, row);
    }

  /* Members, sorted by name. */
  while ((child = gtk_widget_get_first_child (self->members_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->members_list), child);
  g_hash_table_remove_all (self->member_rows);

  g_array_set_size (self->country_order, 0);
  for (guint c = 0; c < n_countries; c++)
    g_array_append_val (self->country_order, c);
  g_array_sort_with_data (self->country_order, compare_country_names, self->dataset);

  for (guint i = 0; i < self->country_order->len; i++)
    {
      guint c = g_array_index (self->country_order, guint, i);
      const char *id = ls_dataset_get_country_id (self->dataset, c);
      const char *name = ls_dataset_get_country_name (self->dataset, c);
      GtkWidget *row = ls_member_row_new (id, name);

      gtk_list_box_append (GTK_LIST_BOX (self->members_list), row);
      g_hash_table_insert (self->member_rows, (gpointer) ls_member_row_get_country (LS_MEMBER_ROW (row)), row);
      gtk_string_list_append (countries, name);
    }

  /* Lever forms. */
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->restriction_stage), stages1);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->capacity_stage), stages2);
  separation = ls_dataset_lookup_stage (self->dataset, "separation");
  if (separation >= 0)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->restriction_stage), separation);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->capacity_country), G_LIST_MODEL (countries));

  /* Presets only for stages this dataset has. */
  while ((child = gtk_widget_get_first_child (self->presets_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->presets_box), child);
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
      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_set_tooltip_text (button, _("Add this export restriction"));
      g_object_set_data (G_OBJECT (button), "preset", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (on_preset_clicked_cb), self);
      gtk_box_append (GTK_BOX (self->presets_box), button);
    }

  sync_all (self);
}

static void
ls_sidebar_dispose (GObject *object)
{
  LsSidebar *self = LS_SIDEBAR (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_SIDEBAR);

  /* Children without an id are not the template's to drop. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  if (self->scenario != NULL)
    g_signal_handlers_disconnect_by_data (self->scenario, self);
  g_clear_object (&self->scenario);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (ls_sidebar_parent_class)->dispose (object);
}

static void
ls_sidebar_finalize (GObject *object)
{
  LsSidebar *self = LS_SIDEBAR (object);

  g_clear_pointer (&self->alliance_rows, g_ptr_array_unref);
  g_clear_pointer (&self->member_rows, g_hash_table_unref);
  g_clear_pointer (&self->country_order, g_array_unref);

  G_OBJECT_CLASS (ls_sidebar_parent_class)->finalize (object);
}

static void
ls_sidebar_class_init (LsSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_sidebar_dispose;
  object_class->finalize = ls_sidebar_finalize;

  ls_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, LS_RESOURCE_PATH "/ui/ls-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, alliances_group);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, capacity_country);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, capacity_delta);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, capacity_list);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, capacity_stage);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, friend_label);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, friend_scale);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, members_list);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, members_summary);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, presets_box);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, restriction_fraction);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, restriction_from);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, restriction_stage);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, restriction_to);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, restrictions_list);
  gtk_widget_class_bind_template_child (widget_class, LsSidebar, search_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_capacity_add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_restriction_add_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "lssidebar");
}

static void
ls_sidebar_init (LsSidebar *self)
{
  g_autoptr(GtkExpression) expression = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->alliance_rows = g_ptr_array_new ();
  self->member_rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->country_order = g_array_new (FALSE, FALSE, sizeof (guint));

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (GTK_DROP_DOWN (self->capacity_country), expression);

  gtk_list_box_set_filter_func (GTK_LIST_BOX (self->members_list), filter_member_row, self, NULL);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect (self->members_list, "row-activated", G_CALLBACK (on_members_list_row_activated_cb), self);
  g_signal_connect (self->friend_scale, "value-changed", G_CALLBACK (on_friend_scale_value_changed_cb), self);

  gtk_scale_add_mark (GTK_SCALE (self->friend_scale), 0.0, GTK_POS_BOTTOM, NULL);
  gtk_scale_add_mark (GTK_SCALE (self->friend_scale), 0.5, GTK_POS_BOTTOM, NULL);
  gtk_scale_add_mark (GTK_SCALE (self->friend_scale), 1.0, GTK_POS_BOTTOM, NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->restriction_stage),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stage of the restriction"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->capacity_stage),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stage of the capacity change"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->capacity_country),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Country of the capacity change"), -1);
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
 * ls_sidebar_get_member_row:
 *
 * Returns: (transfer none) (nullable): the row of @country
 */
GtkWidget *
ls_sidebar_get_member_row (LsSidebar  *self,
                           const char *country)
{
  g_return_val_if_fail (LS_IS_SIDEBAR (self), NULL);

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
      AdwActionRow *row = g_ptr_array_index (self->alliance_rows, i);
      GtkWidget *toggle = adw_action_row_get_activatable_widget (row);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (toggle), "alliance"), alliance) == 0)
        return toggle;
    }

  return NULL;
}

void
ls_sidebar_focus_search (LsSidebar *self)
{
  g_return_if_fail (LS_IS_SIDEBAR (self));

  gtk_widget_grab_focus (self->search_entry);
}
