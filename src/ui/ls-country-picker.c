/* ls-country-picker.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-country-picker"

#include "config.h"

#include "ls-country-picker.h"

#include "ls-country-search.h"

#include <glib/gi18n.h>

/*
 * A button that opens a searchable list of the dataset's countries
 * (issue 16, m1). GTK 4.8's drop-down searches name prefixes only, so
 * "Korea" found nothing; here any part of a name, an ISO3 code or a
 * common name matches, the search has the keyboard as soon as the list
 * opens, Enter takes the first match and Down goes into the list.
 */

struct _LsCountryPicker
{
  GtkWidget parent_instance;

  /* Children */
  GtkWidget *button;
  GtkWidget *search;
  GtkWidget *list;

  /* Owned */
  LsDataset *dataset;
  char      *country;
  char      *label;

  /* The rows are made when the list is first opened or searched, not
   * with the window (issue 12: a start-up cost for a list not shown). */
  gboolean   rows_stale;
};

G_DEFINE_FINAL_TYPE (LsCountryPicker, ls_country_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COUNTRY,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_button (LsCountryPicker *self)
{
  int country = -1;
  const char *name;
  g_autofree char *accessible = NULL;

  if (self->dataset != NULL && self->country != NULL)
    country = ls_dataset_lookup_country (self->dataset, self->country);

  name = country >= 0 ? ls_dataset_get_country_name (self->dataset, country) : _("Choose a Country");
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->button), name);

  /* Translators: the name of a country picker and its choice, "Country of
   * the capacity change: South Korea" */
  accessible = self->label != NULL ? g_strdup_printf (_("%s: %s"), self->label, name) : g_strdup (name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  LsCountryPicker *self = user_data;
  guint country = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "country"));

  return ls_country_search_matches (self->dataset, country,
                                    gtk_editable_get_text (GTK_EDITABLE (self->search)));
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      dataset)
{
  return g_utf8_collate (ls_dataset_get_country_name (dataset, *(const guint *) a),
                         ls_dataset_get_country_name (dataset, *(const guint *) b));
}

static void
ensure_rows (LsCountryPicker *self)
{
  g_autoptr(GArray) order = NULL;
  GtkWidget *child;
  guint n;

  if (!self->rows_stale)
    return;
  self->rows_stale = FALSE;

  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);

  if (self->dataset == NULL)
    return;

  n = ls_dataset_get_n_countries (self->dataset);
  order = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);

  for (guint c = 0; c < n; c++)
    g_array_append_val (order, c);
  g_array_sort_with_data (order, compare_names, self->dataset);

  for (guint i = 0; i < n; i++)
    {
      guint c = g_array_index (order, guint, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *name = gtk_label_new (ls_dataset_get_country_name (self->dataset, c));
      GtkWidget *code = gtk_label_new (ls_dataset_get_country_id (self->dataset, c));

      gtk_label_set_xalign (GTK_LABEL (name), 0.0);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_widget_add_css_class (code, "dim-label");
      gtk_widget_add_css_class (code, "caption");
      gtk_widget_add_css_class (code, "monospace");
      gtk_widget_set_margin_start (box, 6);
      gtk_widget_set_margin_end (box, 6);
      gtk_widget_set_margin_top (box, 3);
      gtk_widget_set_margin_bottom (box, 3);
      gtk_box_append (GTK_BOX (box), name);
      gtk_box_append (GTK_BOX (box), code);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      ls_dataset_get_country_name (self->dataset, c),
                                      -1);
      g_object_set_data (G_OBJECT (row), "country", GUINT_TO_POINTER (c));
      gtk_list_box_append (GTK_LIST_BOX (self->list), row);
    }
}

static GtkListBoxRow *
first_shown_row (LsCountryPicker *self)
{
  ensure_rows (self);
  for (GtkWidget *row = gtk_widget_get_first_child (self->list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_child_visible (row))
      return GTK_LIST_BOX_ROW (row);

  return NULL;
}

static void
choose_row (LsCountryPicker *self,
            GtkListBoxRow   *row)
{
  guint country = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "country"));

  ls_country_picker_set_country (self, ls_dataset_get_country_id (self->dataset, country));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->button));
}

static void
on_row_activated_cb (GtkListBox      *list,
                     GtkListBoxRow   *row,
                     LsCountryPicker *self)
{
  choose_row (self, row);
}

static void
on_search_changed_cb (LsCountryPicker *self)
{
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->list));
}

static void
on_search_activate_cb (LsCountryPicker *self)
{
  ls_country_picker_choose_first (self);
}

static void
on_stop_search_cb (LsCountryPicker *self)
{
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->button));
}

static gboolean
on_search_key_pressed_cb (GtkEventControllerKey *controller,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          LsCountryPicker       *self)
{
  GtkListBoxRow *row;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;

  if ((row = first_shown_row (self)) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));

  return GDK_EVENT_STOP;
}

static void
on_popover_show_cb (LsCountryPicker *self)
{
  ensure_rows (self);

  /* Typing goes to the search at once. */
  gtk_editable_set_text (GTK_EDITABLE (self->search), "");
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->list));
  gtk_widget_grab_focus (self->search);
}

static void
ls_country_picker_dispose (GObject *object)
{
  LsCountryPicker *self = LS_COUNTRY_PICKER (object);

  g_clear_pointer (&self->button, gtk_widget_unparent);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (ls_country_picker_parent_class)->dispose (object);
}

static void
ls_country_picker_finalize (GObject *object)
{
  LsCountryPicker *self = LS_COUNTRY_PICKER (object);

  g_clear_pointer (&self->country, g_free);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (ls_country_picker_parent_class)->finalize (object);
}

static void
ls_country_picker_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LsCountryPicker *self = LS_COUNTRY_PICKER (object);

  switch (prop_id)
    {
    case PROP_COUNTRY:
      g_value_set_string (value, self->country);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_country_picker_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LsCountryPicker *self = LS_COUNTRY_PICKER (object);

  switch (prop_id)
    {
    case PROP_COUNTRY:
      ls_country_picker_set_country (self, g_value_get_string (value));
      break;
    case PROP_LABEL:
      g_free (self->label);
      self->label = g_value_dup_string (value);
      update_button (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_country_picker_class_init (LsCountryPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_country_picker_dispose;
  object_class->finalize = ls_country_picker_finalize;
  object_class->get_property = ls_country_picker_get_property;
  object_class->set_property = ls_country_picker_set_property;

  /**
   * LsCountryPicker:country:
   *
   * The ISO3 code of the chosen country, or %NULL.
   */
  properties[PROP_COUNTRY] =
    g_param_spec_string ("country", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LsCountryPicker:label:
   *
   * What the choice is for, for screen readers ("Country of the capacity
   * change").
   */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lscountrypicker");
}

static void
ls_country_picker_init (LsCountryPicker *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_always_show_arrow (GTK_MENU_BUTTON (self->button), TRUE);
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));

  self->search = gtk_search_entry_new ();
  g_object_set (self->search, "placeholder-text", _("Name or ISO code"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search countries"),
                                  -1);
  g_signal_connect_swapped (self->search, "search-changed", G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect_swapped (self->search, "activate", G_CALLBACK (on_search_activate_cb), self);
  g_signal_connect_swapped (self->search, "stop-search", G_CALLBACK (on_stop_search_cb), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key_pressed_cb), self);
  gtk_widget_add_controller (self->search, keys);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->list), TRUE);
  gtk_list_box_set_filter_func (GTK_LIST_BOX (self->list), filter_row, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Countries"),
                                  -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated_cb), self);
  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (self->search), self->list);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroller), 220);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->list);

  gtk_box_append (GTK_BOX (box), self->search);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect_swapped (popover, "show", G_CALLBACK (on_popover_show_cb), self);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), popover);

  update_button (self);
}

GtkWidget *
ls_country_picker_new (void)
{
  return g_object_new (LS_TYPE_COUNTRY_PICKER, NULL);
}

void
ls_country_picker_set_dataset (LsCountryPicker *self,
                               LsDataset       *dataset)
{
  g_return_if_fail (LS_IS_COUNTRY_PICKER (self));
  g_return_if_fail (LS_IS_DATASET (dataset));

  g_set_object (&self->dataset, dataset);
  self->rows_stale = TRUE;
  if (gtk_widget_get_mapped (self->list))
    ensure_rows (self);

  if (self->country != NULL && ls_dataset_lookup_country (dataset, self->country) < 0)
    ls_country_picker_set_country (self, NULL);
  update_button (self);
}

/**
 * ls_country_picker_get_country:
 *
 * Returns: (nullable): the ISO3 code of the chosen country
 */
const char *
ls_country_picker_get_country (LsCountryPicker *self)
{
  g_return_val_if_fail (LS_IS_COUNTRY_PICKER (self), NULL);

  return self->country;
}

void
ls_country_picker_set_country (LsCountryPicker *self,
                               const char      *iso3)
{
  g_return_if_fail (LS_IS_COUNTRY_PICKER (self));

  if (g_strcmp0 (self->country, iso3) == 0)
    return;

  g_free (self->country);
  self->country = g_strdup (iso3);

  update_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTRY]);
}

/**
 * ls_country_picker_set_search:
 *
 * Types @text into the search, as a user would (for tests).
 */
void
ls_country_picker_set_search (LsCountryPicker *self,
                              const char      *text)
{
  g_return_if_fail (LS_IS_COUNTRY_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search), text);
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->list));
}

/**
 * ls_country_picker_get_n_shown:
 *
 * Returns: how many countries the search shows
 */
guint
ls_country_picker_get_n_shown (LsCountryPicker *self)
{
  guint n = 0;

  g_return_val_if_fail (LS_IS_COUNTRY_PICKER (self), 0);

  ensure_rows (self);
  for (GtkWidget *row = gtk_widget_get_first_child (self->list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && filter_row (GTK_LIST_BOX_ROW (row), self))
      n++;

  return n;
}

/**
 * ls_country_picker_choose_first:
 *
 * Takes the first country the search shows, as Enter in the search does.
 *
 * Returns: %TRUE when a country was shown
 */
gboolean
ls_country_picker_choose_first (LsCountryPicker *self)
{
  g_return_val_if_fail (LS_IS_COUNTRY_PICKER (self), FALSE);

  ensure_rows (self);
  for (GtkWidget *row = gtk_widget_get_first_child (self->list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && filter_row (GTK_LIST_BOX_ROW (row), self))
      {
        choose_row (self, GTK_LIST_BOX_ROW (row));
        return TRUE;
      }

  return FALSE;
}
