/* ls-presenter-view.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-presenter-view"

#include "config.h"

#include "ls-presenter-view.h"

#include "ls-application.h"
#include "ls-explain.h"
#include "ls-format.h"
#include "ls-render-bars.h"

#include <adwaita.h>
#include <glib/gi18n.h>

/* The slide above the views in presenter mode: the scenario's title and,
 * on the same band, one card per stage with the bloc's dependency on
 * non-members, its change judged by ls_explain_judge(), the unmet part
 * of the bloc's need and the need bar of the share panel, and a Use card
 * with the bloc's unmet use (issue 13 item 2, issue 16 M2, M5, p1, p2).
 * A description too long to read from the back of a room is kept as
 * speaker notes, shown in full on demand, never cut off. */

/* Descriptions up to this many characters are shown on the slide. */
#define MAX_SLIDE_DESCRIPTION 240

/* The key hint shows this long after a slide appears, then fades. */
#define HINT_SECONDS 4

typedef struct
{
  guint      stage;
  gboolean   has_need;
  LsNeedBar  need;
  gboolean   has_ghost;
  LsNeedBar  ghost;
  LsEvidenceSplit evidence;
  LsRenderStyle *style;
} CardBars;

struct _LsPresenterView
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget *stack;
  GtkWidget *notes_revealer;
  GtkWidget *notes_label;
  GtkWidget *notes_button;
  GtkWidget *hint_revealer;
  GtkWidget *hint_label;
  GtkWidget *counter_label;

  /* Owned */
  char          *title;
  char          *description;
  char          *headline;
  LsResult      *result;
  LsResult      *baseline;
  LsRanges      *ranges;
  GtkWidget     *cards;        /* the current page's cards box */
  LsRenderStyle  style;
  gboolean       style_set;
  guint          hint_source;
};

G_DEFINE_FINAL_TYPE (LsPresenterView, ls_presenter_view, GTK_TYPE_WIDGET)

static void
draw_need (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  CardBars *bars = user_data;

  if (bars->has_need)
    ls_render_need_bar (cr, bars->style, &bars->need, bars->has_ghost ? &bars->ghost : NULL, width, height);
}

static GtkWidget *
card_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

/* A figure never breaks across lines on a slide: "47.7 %", "▲ 47.7 pts". */
static char *
unbreakable (const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);

  return g_strjoinv ("\u00a0", words);
}

static void
add_class (GtkWidget *widget,
           LsVerdict  verdict)
{
  const char *css_class = ls_verdict_get_style_class (verdict);

  if (css_class != NULL)
    gtk_widget_add_css_class (widget, css_class);
}

/* One stage's card; appends its words to @headline. */
static GtkWidget *
make_card (LsPresenterView *self,
           guint            stage,
           GString         *headline)
{
  LsResult *result = self->result;
  LsDataset *dataset = ls_result_get_dataset (result);
  const char *name = ls_dataset_get_stage_name (dataset, stage);
  gboolean last = stage + 1 >= ls_result_get_n_stages (result);
  gboolean changed = self->baseline != NULL && self->baseline != result;
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label;
  CardBars *bars = g_new0 (CardBars, 1);
  g_autoptr(LsExplanation) explained = NULL;
  g_autoptr(GString) spoken = g_string_new (name);
  double value = 0.0;
  double low, high;
  g_autofree char *value_text = NULL;
  g_autofree char *range = NULL;
  g_autofree char *change = NULL;
  g_autofree char *change_spoken = NULL;
  LsVerdict verdict = LS_VERDICT_NONE;
  double delta = 0.0;

  gtk_widget_add_css_class (card, "headline-card");
  g_object_set_data_full (G_OBJECT (card), "ls-bars", bars, g_free);
  bars->stage = stage;
  bars->style = &self->style;

  gtk_box_append (GTK_BOX (card), card_label (name, "headline-stage"));

  /* The headline figure: the dependency; at the last stage, the unmet
   * part of the bloc's use. */
  explained = ls_explanation_new (result, self->ranges, last ? LS_EXPLAIN_USE : LS_EXPLAIN_DEPENDENCY, stage, 0, 0);
  if (ls_explanation_get_value (explained, &value))
    {
      value_text = ls_format_percent (value, 1);
      if (ls_explanation_get_range (explained, &low, &high))
        range = ls_explain_format_range (low, high);
    }
  else
    value_text = g_strdup (_("—"));

  label = card_label (value_text, "headline-value");
  gtk_label_set_wrap (GTK_LABEL (label), FALSE);
  gtk_widget_add_css_class (label, "numeric");
  if (last && value * ls_explanation_get_total (explained) >= 0.5)
    add_class (label, LS_VERDICT_WORSE);
  gtk_box_append (GTK_BOX (card), label);

  if (changed)
    {
      LsExplainFigure figure = last ? LS_EXPLAIN_FIGURE_UNMET : LS_EXPLAIN_FIGURE_DEPENDENCY;

      verdict = ls_explain_judge (result, self->baseline, stage, figure, &delta, NULL);
      if (verdict != LS_VERDICT_NONE)
        {
          change = ls_format_change (delta);
          change_spoken = ls_explain_change_text (result, self->baseline, stage, figure);
          label = card_label (change, "headline-change");
          gtk_label_set_wrap (GTK_LABEL (label), FALSE);
          add_class (label, verdict);
          gtk_box_append (GTK_BOX (card), label);
        }
    }

  /* What the figure is: the caption over the cards says it for the
   * dependency; the Use card's figure is another one (M1). */
  if (last)
    gtk_box_append (GTK_BOX (card), card_label (_("of the bloc's use unmet"), "headline-what"));

  if (!ls_explanation_get_value (explained, NULL))
    g_string_append_printf (spoken, ": %s", ls_explanation_get_summary (explained));
  else if (last)
    /* Translators: spoken, e.g. ": 47.7 % of the bloc's use unmet" */
    g_string_append_printf (spoken, _(": %s of the bloc's use unmet"), value_text);
  else
    /* Translators: spoken, e.g. ": dependency on non-members 49.3 %" */
    g_string_append_printf (spoken, _(": dependency on non-members %s"), value_text);
  if (range != NULL)
    g_string_append_printf (spoken, _(", range %s"), range);
  if (change_spoken != NULL)
    g_string_append_printf (spoken, "; %s", change_spoken);

  /* The unmet part of the need, next to the dependency, and the bar. */
  if (!last)
    {
      bars->has_need = ls_need_bar_init_from_result (&bars->need, result, stage);
      bars->has_ghost = bars->has_need && changed &&
                        ls_need_bar_init_from_result (&bars->ghost, self->baseline, stage);
      if (bars->has_need)
        {
          double unmet = bars->need.part[LS_NEED_UNMET];
          LsVerdict unmet_verdict = changed
                                    ? ls_explain_judge (result, self->baseline, stage, LS_EXPLAIN_FIGURE_UNMET, &delta, NULL)
                                    : LS_VERDICT_NONE;
          GtkWidget *bar;

          if (unmet > 0.0 || unmet_verdict != LS_VERDICT_NONE)
            {
              g_autofree char *unmet_text = ls_format_percent (unmet, 1);
              g_autofree char *text = NULL;
              g_autofree char *said = NULL;

              if (unmet_verdict != LS_VERDICT_NONE)
                {
                  g_autofree char *unmet_change = ls_format_change (delta);

                  g_autofree char *figure = unbreakable (unmet_text);
                  g_autofree char *arrow = unbreakable (unmet_change);

                  /* Translators: on a slide, the unmet part of the bloc's need, e.g. "unmet 47.7 % ▲ 47.7 pts" */
                  text = g_strdup_printf (_("unmet %s %s"), figure, arrow);
                  said = ls_explain_change_text (result, self->baseline, stage, LS_EXPLAIN_FIGURE_UNMET);
                }
              else
                {
                  g_autofree char *figure = unbreakable (unmet_text);

                  /* Translators: on a slide, the unmet part of the bloc's need, e.g. "unmet 4.0 %" */
                  text = g_strdup_printf (_("unmet %s"), figure);
                }
              label = card_label (text, "headline-unmet");
              add_class (label, unmet > 0.0 ? LS_VERDICT_WORSE : unmet_verdict);
              gtk_box_append (GTK_BOX (card), label);
              /* Translators: spoken, e.g. "; unmet need 47.7 %" */
              g_string_append_printf (spoken, _("; unmet need %s"), unmet_text);
              if (said != NULL)
                g_string_append_printf (spoken, ", %s", said);
            }

          bar = g_object_new (GTK_TYPE_DRAWING_AREA, "content-height", 16, "hexpand", TRUE,
                              "margin-top", 4, NULL);
          gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (bar), draw_need, bars, NULL);
          gtk_box_append (GTK_BOX (card), bar);
        }
    }
  else
    {
      double need, unmet;

      if (ls_explain_get_use (result, &need, &unmet) && unmet >= 0.5)
        {
          g_autofree char *tonnes = ls_format_tonnes (unmet, ls_dataset_get_stage_unit (dataset, stage));
          /* Translators: on a slide, the bloc's shortfall of use, e.g. "8,542 t magnet REO short" */
          g_autofree char *text = g_strdup_printf (_("%s short"), tonnes);

          label = card_label (text, "headline-unmet");
          add_class (label, LS_VERDICT_WORSE);
          gtk_box_append (GTK_BOX (card), label);
          g_string_append_printf (spoken, "; %s", text);
        }
    }

  /* Its range and what it rests on, small: a slide's figure must survive
   * a question from the audience (issue 9 item 5). */
  {
    g_autoptr(GString) small = g_string_new (NULL);
    g_autofree char *evidence = NULL;

    if (range != NULL)
      {
        g_autofree char *text = unbreakable (range);

        /* Translators: the range of a figure on a slide, e.g. "range 34–52 %" */
        g_string_append_printf (small, _("range %s"), text);
      }
    if (ls_explanation_get_evidence (explained, &bars->evidence) &&
        (evidence = ls_explain_format_evidence (&bars->evidence)) != NULL)
      {
        if (small->len > 0)
          g_string_append (small, " · ");
        g_string_append (small, evidence);
        g_string_append_printf (spoken, "; %s", ls_explanation_get_evidence_text (explained));
      }
    if (small->len > 0)
      {
        label = card_label (small->str, "headline-evidence");
        gtk_widget_set_tooltip_text (label, ls_explanation_get_evidence_text (explained));
        gtk_box_append (GTK_BOX (card), label);
      }
  }

  gtk_widget_set_tooltip_text (card, ls_explanation_get_summary (explained));
  gtk_accessible_update_property (GTK_ACCESSIBLE (card),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken->str,
                                  -1);
  g_string_append_printf (headline, " — %s", spoken->str);

  return card;
}

static void
fill_cards (LsPresenterView *self,
            GtkWidget       *cards)
{
  g_autoptr(GString) headline = g_string_new (_("Bloc's dependency on non-members"));
  GtkWidget *child;
  guint n_cards = 0;

  while ((child = gtk_widget_get_first_child (cards)) != NULL)
    gtk_box_remove (GTK_BOX (cards), child);

  if (ls_result_get_n_members (self->result) > 0)
    for (guint s = 0; s < ls_result_get_n_stages (self->result); s++)
      {
        gtk_box_append (GTK_BOX (cards), make_card (self, s, headline));
        n_cards++;
      }

  if (n_cards == 0)
    {
      GtkWidget *label = card_label (_("No bloc chosen"), "headline-value");

      gtk_box_append (GTK_BOX (cards), label);
      g_string_append_printf (headline, " — %s", _("No bloc chosen"));
    }

  g_free (self->headline);
  self->headline = g_string_free (g_steal_pointer (&headline), FALSE);
}

static GtkWidget *
legend (LsPresenterView *self)
{
  g_autofree char *need = ls_render_style_need_legend_markup (&self->style, "   ");
  g_autoptr(GString) markup = g_string_new (need);
  GtkWidget *label;

  if (self->baseline != NULL && self->baseline != self->result)
    {
      g_autofree char *ghost = g_markup_escape_text (_("thin strip: no levers"), -1);

      g_string_append_printf (markup, "   %s", ghost);
    }

  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), markup->str);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "headline-legend");
  /* The cards say the same in words. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  return label;
}

static gboolean
description_fits (const char *description)
{
  return description != NULL && g_utf8_strlen (description, -1) <= MAX_SLIDE_DESCRIPTION;
}

static GtkWidget *
build_page (LsPresenterView *self,
            const char      *title,
            const char      *description)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 28);
  GtkWidget *left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label;
  GtkWidget *cards;

  gtk_widget_add_css_class (page, "slide");

  /* Title and a short description on the left, cards on the right: one
   * band, so that the views keep most of the height (M5). */
  gtk_widget_set_size_request (left, 280, -1);
  label = card_label (title, "slide-title");
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_box_append (GTK_BOX (left), label);
  if (description_fits (description))
    {
      label = card_label (description, "slide-description");
      gtk_label_set_max_width_chars (GTK_LABEL (label), 44);
      gtk_box_append (GTK_BOX (left), label);
    }
  gtk_box_append (GTK_BOX (page), left);

  gtk_widget_set_hexpand (right, TRUE);
  /* The year and the bloc's size are said here, not in the share panel
   * beside the view: a 720p slide has no line to spare there (M5). */
  if (self->result != NULL && ls_result_get_n_members (self->result) > 0)
    {
      guint n_members = ls_result_get_n_members (self->result);
      g_autofree char *caption =
        /* Translators: over a slide's cards, "2024, bloc of 17 countries: dependency on non-members, by stage" */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%d, bloc of %u country: dependency on non-members, by stage",
                                      "%d, bloc of %u countries: dependency on non-members, by stage",
                                      n_members),
                         ls_result_get_year (self->result), n_members);

      label = card_label (caption, "headline-caption");
    }
  else
    label = card_label (_("Bloc's dependency on non-members, by stage"), "headline-caption");
  gtk_box_append (GTK_BOX (right), label);
  cards = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_set_homogeneous (GTK_BOX (cards), TRUE);
  gtk_widget_add_css_class (cards, "headline-cards");
  gtk_box_append (GTK_BOX (right), cards);
  gtk_box_append (GTK_BOX (right), legend (self));
  gtk_box_append (GTK_BOX (page), right);

  self->cards = cards;
  fill_cards (self, cards);

  gtk_accessible_update_property (GTK_ACCESSIBLE (page),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->headline,
                                  -1);

  return page;
}

static gboolean
hide_hint_cb (gpointer user_data)
{
  LsPresenterView *self = user_data;

  self->hint_source = 0;
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->hint_revealer), FALSE);

  return G_SOURCE_REMOVE;
}

static void
show_hint (LsPresenterView *self)
{
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->hint_revealer), TRUE);
  g_clear_handle_id (&self->hint_source, g_source_remove);
  self->hint_source = g_timeout_add_seconds (HINT_SECONDS, hide_hint_cb, self);
}

static void
update_notes (LsPresenterView *self)
{
  gboolean long_description = self->description != NULL && self->description[0] != '\0' &&
                              !description_fits (self->description);
  gboolean shown = long_description && gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->notes_button));

  gtk_label_set_label (GTK_LABEL (self->notes_label), long_description ? self->description : "");
  gtk_widget_set_visible (self->notes_button, long_description);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->notes_revealer), shown);
}

/* Once a slide has faded in, the one it replaced goes. */
static void
transition_running_changed (LsPresenterView *self)
{
  GtkWidget *visible = gtk_stack_get_visible_child (GTK_STACK (self->stack));

  if (gtk_stack_get_transition_running (GTK_STACK (self->stack)))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (self->stack); child != NULL;)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (child != visible)
        gtk_stack_remove (GTK_STACK (self->stack), child);
      child = next;
    }
}

static gboolean
toggle_notes_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  LsPresenterView *self = LS_PRESENTER_VIEW (widget);

  /* The key is the presenter's only while the slides are on screen. */
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_get_visible (self->notes_button))
    return FALSE;

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->notes_button),
                                !gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->notes_button)));
  return TRUE;
}

static void
style_dark_changed (LsPresenterView *self)
{
  if (self->style_set)
    return;
  ls_render_style_init (&self->style, adw_style_manager_get_dark (adw_style_manager_get_default ()));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->cards != NULL)
    for (GtkWidget *card = gtk_widget_get_first_child (self->cards); card != NULL;
         card = gtk_widget_get_next_sibling (card))
      for (GtkWidget *child = gtk_widget_get_first_child (card); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        gtk_widget_queue_draw (child);
}

static void
ls_presenter_view_dispose (GObject *object)
{
  LsPresenterView *self = LS_PRESENTER_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->hint_source, g_source_remove);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  self->cards = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_PRESENTER_VIEW);

  /* Children without an id are left to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ls_presenter_view_parent_class)->dispose (object);
}

static void
ls_presenter_view_finalize (GObject *object)
{
  LsPresenterView *self = LS_PRESENTER_VIEW (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->headline, g_free);
  g_clear_pointer (&self->result, ls_result_unref);
  g_clear_pointer (&self->baseline, ls_result_unref);
  g_clear_pointer (&self->ranges, ls_ranges_unref);

  G_OBJECT_CLASS (ls_presenter_view_parent_class)->finalize (object);
}

static void
ls_presenter_view_class_init (LsPresenterViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_presenter_view_dispose;
  object_class->finalize = ls_presenter_view_finalize;

  ls_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, LS_RESOURCE_PATH "/ui/ls-presenter-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LsPresenterView, stack);
  gtk_widget_class_bind_template_child (widget_class, LsPresenterView, notes_revealer);
  gtk_widget_class_bind_template_child (widget_class, LsPresenterView, notes_label);
  gtk_widget_class_bind_template_child (widget_class, LsPresenterView, notes_button);
  gtk_widget_class_bind_template_child (widget_class, LsPresenterView, hint_revealer);
  gtk_widget_class_bind_template_child (widget_class, LsPresenterView, hint_label);
  gtk_widget_class_bind_template_child (widget_class, LsPresenterView, counter_label);

  gtk_widget_class_set_css_name (widget_class, "presenterview");
}

static void
ls_presenter_view_init (LsPresenterView *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  ls_render_style_init (&self->style, adw_style_manager_get_dark (adw_style_manager_get_default ()));
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (style_dark_changed), self);
  g_signal_connect_swapped (self->notes_button, "notify::active", G_CALLBACK (update_notes), self);
  g_signal_connect_swapped (self->stack, "notify::transition-running",
                            G_CALLBACK (transition_running_changed), self);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_n, 0),
                                                          gtk_callback_action_new (toggle_notes_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

GtkWidget *
ls_presenter_view_new (void)
{
  return g_object_new (LS_TYPE_PRESENTER_VIEW, NULL);
}

/**
 * ls_presenter_view_set_slide:
 * @self: a presenter view
 * @title: the scenario's name
 * @description: (nullable): the scenario's description
 * @result: the scenario's result
 * @baseline: (nullable): the same bloc with no levers
 * @index: the slide's position, from 0, or G_MAXUINT when the scenario is
 *   not one of the slides
 * @n_slides: the number of slides
 *
 * Shows a slide, crossfading from the previous one. The ranges of the
 * previous slide are dropped: ls_presenter_view_set_ranges() adds the
 * new ones when they arrive.
 */
void
ls_presenter_view_set_slide (LsPresenterView *self,
                             const char      *title,
                             const char      *description,
                             LsResult        *result,
                             LsResult        *baseline,
                             guint            index,
                             guint            n_slides)
{
  GtkWidget *old;
  GtkWidget *page;
  g_autofree char *hint = NULL;
  g_autofree char *counter = NULL;

  g_return_if_fail (LS_IS_PRESENTER_VIEW (self));
  g_return_if_fail (result != NULL);

  if (title == NULL || title[0] == '\0')
    title = _("Untitled Scenario");

  g_free (self->title);
  self->title = g_strdup (title);
  g_free (self->description);
  self->description = g_strdup (description);

  ls_result_ref (result);
  g_clear_pointer (&self->result, ls_result_unref);
  self->result = result;
  if (baseline != NULL)
    ls_result_ref (baseline);
  g_clear_pointer (&self->baseline, ls_result_unref);
  self->baseline = baseline;
  g_clear_pointer (&self->ranges, ls_ranges_unref);

  old = gtk_stack_get_visible_child (GTK_STACK (self->stack));
  page = build_page (self, title, description);
  gtk_stack_add_child (GTK_STACK (self->stack), page);
  gtk_stack_set_visible_child (GTK_STACK (self->stack), page);

  /* Drop pages older than the one fading out. */
  for (GtkWidget *child = gtk_widget_get_first_child (self->stack); child != NULL;)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (child != old && child != page)
        gtk_stack_remove (GTK_STACK (self->stack), child);
      child = next;
    }

  update_notes (self);

  /* The slide counter stays, small; the keys show for a moment only, so
   * that the audience does not read them (p2). */
  if (index != G_MAXUINT && index + 1 == n_slides)
    /* Translators: the counter on the last slide, e.g. "4 / 4 · End" */
    counter = g_strdup_printf (_("%u / %u · End"), index + 1, n_slides);
  else if (index != G_MAXUINT)
    /* Translators: the slide counter, e.g. "2 / 4" */
    counter = g_strdup_printf (_("%u / %u"), index + 1, n_slides);
  gtk_label_set_label (GTK_LABEL (self->counter_label), counter != NULL ? counter : "");
  gtk_widget_set_visible (self->counter_label, counter != NULL);

  if (index != G_MAXUINT && index + 1 == n_slides)
    hint = g_strdup (_("Last slide · Page Up: previous · Esc: leave"));
  else
    /* Translators: the keys that change slides */
    hint = g_strdup (_("Page Down: next · Page Up: previous · Esc: leave"));
  gtk_label_set_label (GTK_LABEL (self->hint_label), hint);
  show_hint (self);
}

/**
 * ls_presenter_view_set_ranges:
 * @self: a presenter view
 * @ranges: (nullable): the ranges of the slide's result
 *
 * Adds the ranges to the cards of the slide shown, in place.
 */
void
ls_presenter_view_set_ranges (LsPresenterView *self,
                              LsRanges        *ranges)
{
  g_return_if_fail (LS_IS_PRESENTER_VIEW (self));

  if (ranges == self->ranges)
    return;
  if (ranges != NULL)
    ls_ranges_ref (ranges);
  g_clear_pointer (&self->ranges, ls_ranges_unref);
  self->ranges = ranges;

  if (self->cards != NULL && self->result != NULL)
    {
      GtkWidget *page = gtk_stack_get_visible_child (GTK_STACK (self->stack));

      fill_cards (self, self->cards);
      if (page != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (page),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->headline,
                                        -1);
    }
}

/**
 * ls_presenter_view_set_render_style:
 *
 * The colours of the cards' bars, as the share panel's; without it the
 * view follows the light or dark style.
 */
void
ls_presenter_view_set_render_style (LsPresenterView     *self,
                                    const LsRenderStyle *style)
{
  g_return_if_fail (LS_IS_PRESENTER_VIEW (self));
  g_return_if_fail (style != NULL);

  self->style = *style;
  self->style_set = TRUE;
  if (self->cards != NULL && self->result != NULL)
    fill_cards (self, self->cards);
}

const char *
ls_presenter_view_get_title (LsPresenterView *self)
{
  g_return_val_if_fail (LS_IS_PRESENTER_VIEW (self), NULL);

  return self->title;
}

/**
 * ls_presenter_view_get_headline:
 *
 * Returns: (nullable): the headline in words, as read out to screen readers
 */
const char *
ls_presenter_view_get_headline (LsPresenterView *self)
{
  g_return_val_if_fail (LS_IS_PRESENTER_VIEW (self), NULL);

  return self->headline;
}

/**
 * ls_presenter_view_get_cards:
 *
 * Returns: (transfer none) (nullable): the box of the shown slide's
 *   cards, one per stage
 */
GtkWidget *
ls_presenter_view_get_cards (LsPresenterView *self)
{
  g_return_val_if_fail (LS_IS_PRESENTER_VIEW (self), NULL);

  return self->cards;
}
