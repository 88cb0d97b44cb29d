/* ls-preferences-window.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-preferences-window"

#include "config.h"

#include "ls-preferences-window.h"

#include "ls-application.h"
#include "ls-ui-enums.h"

#include <glib/gi18n.h>

struct _LsPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* Template widgets */
  GtkWidget     *color_scheme_row;
  GtkWidget     *label_mode_row;
  GtkWidget     *online_switch;
  GtkAdjustment *threshold_adjustment;
  GtkWidget     *threshold_spin;

  /* Owned */
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (LsPreferencesWindow, ls_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The setting is a fraction; the spin button shows percent. */
static gboolean
percent_get_mapping (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  g_value_set_double (value, 100.0 * g_variant_get_double (variant));
  return TRUE;
}

static GVariant *
percent_set_mapping (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  return g_variant_new_double (CLAMP (g_value_get_double (value) / 100.0, 0.0, 0.2));
}

static void
ls_preferences_window_dispose (GObject *object)
{
  LsPreferencesWindow *self = LS_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ls_preferences_window_parent_class)->dispose (object);
}

static void
ls_preferences_window_class_init (LsPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_preferences_window_dispose;

  ls_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               LS_RESOURCE_PATH "/ui/ls-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LsPreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, LsPreferencesWindow, label_mode_row);
  gtk_widget_class_bind_template_child (widget_class, LsPreferencesWindow, online_switch);
  gtk_widget_class_bind_template_child (widget_class, LsPreferencesWindow, threshold_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LsPreferencesWindow, threshold_spin);
}

static void
ls_preferences_window_init (LsPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = ls_application_new_settings ();
  if (self->settings == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
      return;
    }

  /* The combo rows list the schema's enums in order. */
  g_settings_bind_with_mapping (self->settings, "label-mode", self->label_mode_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, ls_settings_get_enum_position, ls_settings_set_enum_position,
                                GSIZE_TO_POINTER (LS_TYPE_LABEL_MODE), NULL);
  g_settings_bind_with_mapping (self->settings, "color-scheme", self->color_scheme_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, ls_settings_get_enum_position, ls_settings_set_enum_position,
                                GSIZE_TO_POINTER (LS_TYPE_COLOR_SCHEME), NULL);
  g_settings_bind_with_mapping (self->settings, "other-threshold", self->threshold_adjustment, "value",
                                G_SETTINGS_BIND_DEFAULT, percent_get_mapping, percent_set_mapping,
                                NULL, NULL);
  g_settings_bind (self->settings, "online-tiles", self->online_switch, "active", G_SETTINGS_BIND_DEFAULT);
}

/**
 * ls_preferences_window_new:
 * @parent: (nullable): the window to be transient for
 *
 * Returns: a new preferences window bound to the application's settings
 */
GtkWidget *
ls_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (LS_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}
