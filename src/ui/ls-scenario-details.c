/* ls-scenario-details.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-scenario-details"

#include "config.h"

#include "ls-scenario-details.h"

#include "ls-application.h"
#include "ls-scenario-text.h"

#include <glib/gi18n.h>

/*
 * The scenario's title and description (issue 16, B1): what the window
 * title, the slide, every export and the saved file call it. Applying is
 * one undo step. An empty description is not a blank slide: the scenario
 * is then described from its year, bloc and levers, and the dialog shows
 * that text.
 */

struct _LsScenarioDetails
{
  AdwWindow parent_instance;

  /* Template widgets */
  GtkWidget *derived_label;
  GtkWidget *description_view;
  GtkWidget *title_row;

  /* Owned */
  LsSession *session;
};

G_DEFINE_FINAL_TYPE (LsScenarioDetails, ls_scenario_details, ADW_TYPE_WINDOW)

static char *
derived_description (LsScenarioDetails *self)
{
  g_autoptr(LsScenario) plain = ls_scenario_copy (ls_session_get_scenario (self->session));
  LsResult *result = ls_session_get_result (self->session);

  if (result == NULL)
    return NULL;

  ls_scenario_set_description (plain, NULL);
  return ls_scenario_text_description (plain, result);
}

static char *
stripped_or_null (const char *text)
{
  char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (copy[0] == '\0')
    g_clear_pointer (&copy, g_free);

  return copy;
}

static void
on_apply_clicked_cb (LsScenarioDetails *self)
{
  ls_scenario_details_apply (self);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_derive_clicked_cb (LsScenarioDetails *self)
{
  g_autofree char *derived = derived_description (self);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->description_view)),
                            derived != NULL ? derived : "", -1);
  gtk_widget_grab_focus (self->description_view);
}

static void
ls_scenario_details_dispose (GObject *object)
{
  LsScenarioDetails *self = LS_SCENARIO_DETAILS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_SCENARIO_DETAILS);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ls_scenario_details_parent_class)->dispose (object);
}

static void
ls_scenario_details_class_init (LsScenarioDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_scenario_details_dispose;

  ls_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, LS_RESOURCE_PATH "/ui/ls-scenario-details.ui");
  gtk_widget_class_bind_template_child (widget_class, LsScenarioDetails, derived_label);
  gtk_widget_class_bind_template_child (widget_class, LsScenarioDetails, description_view);
  gtk_widget_class_bind_template_child (widget_class, LsScenarioDetails, title_row);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_derive_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ls_scenario_details_init (LsScenarioDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ls_scenario_details_new:
 * @parent: the window to be modal for
 * @session: the session whose scenario is named
 *
 * Returns: a dialog showing the scenario's title and description
 */
GtkWidget *
ls_scenario_details_new (GtkWindow *parent,
                         LsSession *session)
{
  LsScenarioDetails *self;
  LsScenario *scenario;
  g_autofree char *derived = NULL;
  g_autofree char *hint = NULL;

  g_return_val_if_fail (LS_IS_SESSION (session), NULL);

  self = g_object_new (LS_TYPE_SCENARIO_DETAILS, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  scenario = ls_session_get_scenario (session);

  ls_scenario_details_set_text (self, ls_scenario_get_name (scenario), ls_scenario_get_description (scenario));

  derived = derived_description (self);
  /* Translators: under the description field, with the description made
   * from the scenario's contents */
  hint = g_strdup_printf (_("Left empty, the scenario is described from its contents: “%s”"),
                          derived != NULL ? derived : "");
  gtk_label_set_label (GTK_LABEL (self->derived_label), hint);

  return GTK_WIDGET (self);
}

/**
 * ls_scenario_details_set_text:
 * @title: (nullable): the title to show
 * @description: (nullable): the description to show
 *
 * Fills the fields, as typing would.
 */
void
ls_scenario_details_set_text (LsScenarioDetails *self,
                              const char        *title,
                              const char        *description)
{
  g_return_if_fail (LS_IS_SCENARIO_DETAILS (self));

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title != NULL ? title : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->description_view)),
                            description != NULL ? description : "", -1);
}

/**
 * ls_scenario_details_get_description:
 *
 * Returns: (transfer full): the description field's text
 */
char *
ls_scenario_details_get_description (LsScenarioDetails *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;
  GtkTextIter end;

  g_return_val_if_fail (LS_IS_SCENARIO_DETAILS (self), NULL);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->description_view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/**
 * ls_scenario_details_apply:
 *
 * Gives the scenario the title and description shown, as one undo step.
 */
void
ls_scenario_details_apply (LsScenarioDetails *self)
{
  g_autoptr(LsScenario) named = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (LS_IS_SCENARIO_DETAILS (self));

  named = ls_scenario_copy (ls_session_get_scenario (self->session));
  title = stripped_or_null (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  text = ls_scenario_details_get_description (self);
  description = stripped_or_null (text);

  ls_scenario_set_name (named, title);
  ls_scenario_set_description (named, description);
  if (!ls_scenario_equal (named, ls_session_get_scenario (self->session)))
    ls_session_replace_scenario (self->session, named);
}
