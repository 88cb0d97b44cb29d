/* ls-sankey-view.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-sankey-view"

#include "config.h"

#include "ls-sankey-view-private.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "ls-explain-popover.h"
#include "ls-image-pattern.h"
#include "ls-sankey-layout.h"

/*
 * The Sankey on screen. It holds a result, lays it out at its size (an
 * LsSankeyFigure) and draws it; it computes nothing.
 *
 * - Pointing at a node or a band traces it and gives its explanation as
 *   a tooltip; a click selects a node and explains it in a popover, as
 *   the share panel does. Neither changes the bloc: membership changes
 *   come from the node's menu (right click, Menu key or Shift+F10),
 *   through the window's "scenario.toggle-member" action, which is
 *   undoable.
 * - Dragging a node up or down its column pins it there (Alt+Up and
 *   Alt+Down with the keyboard); the pins live in the scenario, so they
 *   are undone and saved with it, and the layout orders the rest around
 *   them. The node's menu, or Delete, unpins it.
 * - The keyboard moves a focus between nodes; the focused node's figures
 *   are drawn beside it and become the view's accessible description.
 */

#define ANIMATION_DURATION 250

/* Pointer travel before a press on a node becomes a drag. */
#define DRAG_THRESHOLD 6.0

/* The exact order (see ls-sankey-exact.c) is solved in a worker thread
 * for this long at most, and replaces the heuristic's only when it has
 * this share fewer weighted crossings: the heuristic leaves near-equal
 * orders alone on purpose, so that the figure keeps its shape, and a
 * reshuffle for a gain no one can see would undo that. */
#define EXACT_TIME_LIMIT 2.0
#define EXACT_MIN_GAIN 0.01

struct _LsSankeyView
{
  GtkWidget        parent_instance;

  /* Owned */
  LsResult        *result;
  LsRanges        *ranges;
  LsScenario      *scenario;
  GPtrArray       *local_pins;   /* LsPin, when there is no scenario */
  char            *pins_key;     /* the pins the figure was laid out with */
  LsSankeyFigure  *figure;       /* the result laid out at the current size */
  LsSankeyFigure  *from;         /* what was shown when a new result came */
  GskRenderNode   *cache;        /* the static figure, without hover */
  cairo_surface_t *frames[2];    /* images of animation frames, reused */
  AdwAnimation    *animation;
  char            *highlight_country;
  char            *font_family;  /* style.font_family points here */
  LsRenderStyle    style;
  GtkWidget       *popover;      /* LsExplainPopover */
  GtkWidget       *menu;         /* GtkPopoverMenu */
  GtkWidget       *tooltip;      /* a wrapping label, for long explanations */

  double           progress;
  int              hover_node;
  int              hover_link;
  int              focus_node;
  int              drag_node;    /* pressed on, may become a drag */
  gboolean         dragging;
  double           drag_y;       /* where the pointer holds it */

  GCancellable    *exact_cancellable;  /* the exact solve under way, if any */
  guint            style_serial;       /* counts relayouts for a new style */
  gboolean         figure_stale;       /* a result came while off screen */
  guint            pins_idle;
};

G_DEFINE_FINAL_TYPE (LsSankeyView, ls_sankey_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RESULT,
  PROP_RANGES,
  PROP_SCENARIO,
  PROP_HIGHLIGHT_COUNTRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_accessible (LsSankeyView *self);
static void start_exact_solve (LsSankeyView *self);

static void
invalidate_cache (LsSankeyView *self)
{
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Pins ------------------------------------------------------------------- */

/* A figure node id is "STAGE/NODE"; a scenario pin names the stage and
 * the node apart (LsPin). */
static gboolean
split_node_id (const char  *id,
               char       **stage,
               char       **node)
{
  const char *slash = strchr (id, '/');

  if (slash == NULL)
    return FALSE;

  *stage = g_strndup (id, slash - id);
  *node = g_strdup (slash + 1);

  return TRUE;
}

static GPtrArray *
pin_list (LsSankeyView *self)
{
  GPtrArray *pins = g_ptr_array_new ();

  if (self->scenario != NULL)
    for (guint i = 0; i < ls_scenario_get_n_pins (self->scenario); i++)
      g_ptr_array_add (pins, (gpointer)ls_scenario_get_pin (self->scenario, i));
  else
    for (guint i = 0; i < self->local_pins->len; i++)
      g_ptr_array_add (pins, g_ptr_array_index (self->local_pins, i));

  return pins;
}

/* The pins as the layout takes them; their ids are in @ids. */
static LsSankeyPin *
collect_pins (LsSankeyView *self,
              GPtrArray    *ids,
              guint        *n_pins)
{
  g_autoptr(GPtrArray) list = pin_list (self);
  LsSankeyPin *pins = g_new0 (LsSankeyPin, list->len + 1);

  for (guint i = 0; i < list->len; i++)
    {
      const LsPin *pin = g_ptr_array_index (list, i);
      char *id = g_strdup_printf ("%s/%s", pin->stage, pin->node);

      g_ptr_array_add (ids, id);
      pins[i].node = id;
      pins[i].rank = pin->position;
    }
  *n_pins = list->len;

  return pins;
}

static char *
pins_key (LsSankeyView *self)
{
  g_autoptr(GPtrArray) list = pin_list (self);
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    {
      const LsPin *pin = g_ptr_array_index (list, i);

      g_string_append_printf (key, "%s/%s=%u;", pin->stage, pin->node, pin->position);
    }

  return g_string_free (key, FALSE);
}

/* A figure of the result at a size, with the pins, keeping @order: as it
 * is when @keep is TRUE; else as it is or as sifting improves it, without
 * the layout's full search, which the worker runs next (see "The exact
 * order" below), so that a lever's frame does not wait for it. */
static LsSankeyFigure *
build_figure (LsSankeyView       *self,
              double              width,
              double              height,
              const char * const *order,
              gboolean            keep)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree LsSankeyPin *pins = NULL;
  LsSankeyFigureOptions options = { 0 };

  pins = collect_pins (self, ids, &options.n_pins);
  options.pins = pins;
  options.previous_order = order;
  options.keep_order = keep;
  options.quick_order = !keep;
  options.drawn = self->figure;

  g_free (self->pins_key);
  self->pins_key = pins_key (self);

  return ls_sankey_figure_new_with_options (self->result, &self->style, width, height, &options);
}

/* Figures ---------------------------------------------------------------- */

/* Node indices change with every figure: carry the hovered and focused
 * nodes over by id. */
static int
remap_node (LsSankeyFigure *old,
            LsSankeyFigure *new,
            int             node)
{
  if (old == NULL || new == NULL || node < 0 || (guint)node >= ls_sankey_figure_get_n_nodes (old))
    return -1;

  return ls_sankey_figure_lookup_node (new, ls_sankey_figure_get_node (old, node)->id);
}

static void
replace_figure (LsSankeyView   *self,
                LsSankeyFigure *figure)
{
  self->hover_node = remap_node (self->figure, figure, self->hover_node);
  self->focus_node = remap_node (self->figure, figure, self->focus_node);
  self->drag_node = remap_node (self->figure, figure, self->drag_node);
  self->hover_link = -1;
  g_clear_pointer (&self->figure, ls_sankey_figure_unref);
  self->figure = figure;
  g_clear_pointer (&self->cache, gsk_render_node_unref);
}

/* What is on screen now, mid-animation included: where the next
 * animation starts. */
static LsSankeyFigure *
dup_shown (LsSankeyView *self)
{
  if (self->figure != NULL && self->from != NULL)
    return ls_sankey_figure_interpolate (self->from, self->figure, self->progress);
  if (self->figure != NULL)
    return ls_sankey_figure_ref (self->figure);

  return NULL;
}

/* Animates from @shown (taken) to the figure, when the view is on
 * screen, animations are on and the size is the same. */
static void
animate_from (LsSankeyView   *self,
              LsSankeyFigure *shown)
{
  g_autoptr(LsSankeyFigure) start = shown;

  if (start != NULL && self->figure != NULL &&
      gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      adw_get_enable_animations (GTK_WIDGET (self)) &&
      ls_sankey_figure_get_width (start) == ls_sankey_figure_get_width (self->figure) &&
      ls_sankey_figure_get_height (start) == ls_sankey_figure_get_height (self->figure))
    {
      self->from = g_steal_pointer (&start);
      self->progress = 0;
      adw_animation_play (self->animation);
    }
}

/* Shows @figure (taken) in place of the figure, animating from what is on
 * screen now. */
static void
show_new_figure (LsSankeyView   *self,
                 LsSankeyFigure *figure)
{
  LsSankeyFigure *shown = dup_shown (self);

  adw_animation_reset (self->animation);
  g_clear_pointer (&self->from, ls_sankey_figure_unref);
  replace_figure (self, figure);
  animate_from (self, shown);

  update_accessible (self);
  invalidate_cache (self);
}

/* Lays the result out at the widget's size (a nominal one before the
 * first allocation, so the accessible description exists at once),
 * keeping the previous node order and the pins. */
static void
ensure_figure (LsSankeyView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  g_autofree char *key = NULL;
  g_auto(GStrv) order = NULL;

  if (self->result == NULL)
    return;

  if (width <= 0 || height <= 0)
    {
      width = self->figure != NULL ? ls_sankey_figure_get_width (self->figure) : 1280;
      height = self->figure != NULL ? ls_sankey_figure_get_height (self->figure) : 800;
    }

  key = pins_key (self);
  if (self->figure != NULL &&
      ls_sankey_figure_get_result (self->figure) == self->result &&
      ls_sankey_figure_get_width (self->figure) == width &&
      ls_sankey_figure_get_height (self->figure) == height &&
      g_strcmp0 (key, self->pins_key) == 0)
    return;

  /* A resize while animating: jump to the end. */
  if (self->figure != NULL && ls_sankey_figure_get_result (self->figure) == self->result)
    g_clear_pointer (&self->from, ls_sankey_figure_unref);

  if (self->figure != NULL)
    order = ls_sankey_figure_dup_node_order (self->figure);
  replace_figure (self, build_figure (self, width, height, (const char * const *)order, FALSE));
}

/* The pins changed (a drag, an unpin, an undo): the same result laid
 * out again around them, moving there. */
static void
relayout_for_pins (LsSankeyView *self)
{
  g_auto(GStrv) order = NULL;
  g_autofree char *key = pins_key (self);

  /* Off screen, the pins are read when the figure is laid out. */
  if (self->figure_stale || self->figure == NULL || self->result == NULL || g_strcmp0 (key, self->pins_key) == 0)
    return;

  order = ls_sankey_figure_dup_node_order (self->figure);
  show_new_figure (self, build_figure (self,
                                       ls_sankey_figure_get_width (self->figure),
                                       ls_sankey_figure_get_height (self->figure),
                                       (const char * const *)order, FALSE));
  start_exact_solve (self);
}

static gboolean
pins_changed_idle_cb (gpointer user_data)
{
  LsSankeyView *self = user_data;

  self->pins_idle = 0;
  relayout_for_pins (self);

  return G_SOURCE_REMOVE;
}

static void
on_scenario_changed_cb (LsSankeyView *self)
{
  /* Once whoever owns the scenario has recomputed: a new result is laid
   * out with the new pins, and then there is nothing left to do here. */
  if (self->pins_idle == 0)
    self->pins_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, pins_changed_idle_cb, self, NULL);
}

/* The exact order.
 *
 * A new figure is shown at once: laid out with the layout's full search
 * when nothing was shown before, else keeping the order on screen, or
 * what sifting makes of it (a third of the time). Its graph
 * (ls_sankey_figure_dup_graph()) then goes to a worker thread for the
 * full search and the exact solve started from it, from the order on
 * screen, with the same pins. A newer result, style or pin cancels it.
 * When it returns a clearly better order for the result, style and pins
 * still shown, the figure is rebuilt with it and animates there, as for
 * a new result. */

typedef struct
{
  GWeakRef       view;          /* the task must not keep a view alive */
  LsSankeyGraph *graph;
  char         **order;         /* on screen: the solve's start */
  LsSankeyPin   *pins;
  char         **pin_ids;
  guint          n_pins;
  char          *pins_key;
  LsResult      *result;
  guint          style_serial;
} ExactSolve;

static void
exact_solve_free (ExactSolve *solve)
{
  g_weak_ref_clear (&solve->view);
  g_clear_object (&solve->graph);
  g_strfreev (solve->order);
  g_free (solve->pins);
  g_strfreev (solve->pin_ids);
  g_free (solve->pins_key);
  g_clear_pointer (&solve->result, ls_result_unref);
  g_free (solve);
}

/* In the worker: the exact order, or NULL if it is not clearly better
 * than the one on screen. */
static void
exact_solve_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  ExactSolve *solve = task_data;
  g_autoptr(LsSankeyLayout) shown = NULL;
  g_autoptr(LsSankeyLayout) exact = NULL;
  LsSankeyLayoutOptions opts;
  double shown_weight, exact_weight;

  ls_sankey_layout_options_init (&opts);
  opts.previous_order = (const char * const *)solve->order;
  opts.order_hysteresis = INFINITY;
  opts.pins = solve->pins;
  opts.n_pins = solve->n_pins;
  shown = ls_sankey_layout_compute (solve->graph, &opts);
  shown_weight = ls_sankey_layout_weighted_crossings (shown, NULL);

  ls_sankey_layout_options_init (&opts);
  opts.previous_order = (const char * const *)solve->order;
  opts.pins = solve->pins;
  opts.n_pins = solve->n_pins;
  opts.exact = TRUE;
  opts.time_limit = EXACT_TIME_LIMIT;
  opts.cancellable = cancellable;
  exact = ls_sankey_layout_compute (solve->graph, &opts);
  exact_weight = ls_sankey_layout_weighted_crossings (exact, NULL);

  if (g_task_return_error_if_cancelled (task))
    return;

  g_debug ("exact order: %s in %.3f s, %g against %g on screen",
           ls_sankey_layout_get_order_status (exact) == LS_SANKEY_ORDER_OPTIMAL ? "optimal" : "not proven",
           ls_sankey_layout_get_order_seconds (exact), exact_weight, shown_weight);

  if (exact_weight < shown_weight * (1 - EXACT_MIN_GAIN))
    g_task_return_pointer (task, ls_sankey_layout_dup_node_order (exact), (GDestroyNotify)g_strfreev);
  else
    g_task_return_pointer (task, NULL, NULL);
}

static void
exact_solve_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  ExactSolve *solve = g_task_get_task_data (G_TASK (result));
  g_autoptr(LsSankeyView) self = g_weak_ref_get (&solve->view);
  g_auto(GStrv) order = g_task_propagate_pointer (G_TASK (result), NULL);

  if (self != NULL && self->exact_cancellable == g_task_get_cancellable (G_TASK (result)))
    g_clear_object (&self->exact_cancellable);

  /* Cancelled, not better, or for what is no longer shown. */
  if (self == NULL || order == NULL || self->figure == NULL || self->result != solve->result ||
      self->style_serial != solve->style_serial || g_strcmp0 (self->pins_key, solve->pins_key) != 0)
    return;

  show_new_figure (self, build_figure (self,
                                       ls_sankey_figure_get_width (self->figure),
                                       ls_sankey_figure_get_height (self->figure),
                                       (const char * const *)order, TRUE));
}

/* Drops the exact solve under way: its result would be for an old
 * figure. */
static void
cancel_exact_solve (LsSankeyView *self)
{
  if (self->exact_cancellable != NULL)
    g_cancellable_cancel (self->exact_cancellable);
  g_clear_object (&self->exact_cancellable);
}

static void
start_exact_solve (LsSankeyView *self)
{
  g_autoptr(GTask) task = NULL;
  ExactSolve *solve;
  const LsSankeyPin *pins;

  cancel_exact_solve (self);

  if (self->figure == NULL || self->result == NULL)
    return;

  solve = g_new0 (ExactSolve, 1);
  g_weak_ref_init (&solve->view, self);
  solve->graph = ls_sankey_figure_dup_graph (self->figure);
  solve->order = ls_sankey_figure_dup_node_order (self->figure);
  solve->n_pins = ls_sankey_figure_get_n_pins (self->figure);
  pins = ls_sankey_figure_get_pins (self->figure);
  solve->pins = g_new0 (LsSankeyPin, solve->n_pins + 1);
  solve->pin_ids = g_new0 (char *, solve->n_pins + 1);
  for (guint i = 0; i < solve->n_pins; i++)
    {
      solve->pin_ids[i] = g_strdup (pins[i].node);
      solve->pins[i].node = solve->pin_ids[i];
      solve->pins[i].rank = pins[i].rank;
    }
  solve->pins_key = g_strdup (self->pins_key);
  solve->result = ls_result_ref (self->result);
  solve->style_serial = self->style_serial;

  self->exact_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->exact_cancellable, exact_solve_done_cb, NULL);
  g_task_set_name (task, "start_exact_solve");
  g_task_set_task_data (task, solve, (GDestroyNotify)exact_solve_free);
  g_task_run_in_thread (task, exact_solve_thread);
}

/* A result that came while the view was off screen is laid out when it
 * is shown, or when the figure is asked for: levers moved on the map do
 * not lay out a diagram nobody sees (issue 12). */
static void
ensure_current (LsSankeyView *self)
{
  if (!self->figure_stale)
    return;

  self->figure_stale = FALSE;
  ensure_figure (self);
  update_accessible (self);
  invalidate_cache (self);
  start_exact_solve (self);
}

/* Words ------------------------------------------------------------------ */

static gboolean
focus_shown (LsSankeyView *self)
{
  return self->figure != NULL && self->focus_node >= 0 &&
         (guint)self->focus_node < ls_sankey_figure_get_n_nodes (self->figure) &&
         gtk_widget_has_focus (GTK_WIDGET (self));
}

/* The whole figure in words; with a node focused, that node's figures,
 * so a screen reader says what the focus is on. */
static void
update_accessible (LsSankeyView *self)
{
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;

  if (focus_shown (self))
    {
      const LsSankeyNode *node = ls_sankey_figure_get_node (self->figure, self->focus_node);

      /* Translators: the diagram's accessible name with a node focused,
       * e.g. "Rare-earth flows: Japan, Magnets" */
      label = g_strdup_printf (_("Rare-earth flows: %s, %s"), node->name,
                               ls_dataset_get_stage_name (ls_result_get_dataset (self->result),
                                                          MIN (node->stage, ls_result_get_n_stages (self->result) - 1)));
      description = ls_sankey_figure_describe_node (self->figure, self->focus_node, self->ranges);
    }
  else if (self->figure != NULL)
    {
      description = ls_sankey_figure_describe (self->figure);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label != NULL ? label : _("Rare-earth flows"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : _("No data"),
                                  -1);

#if GTK_CHECK_VERSION (4, 14, 0)
  if (label != NULL)
    gtk_accessible_announce (GTK_ACCESSIBLE (self), label, GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM);
#endif
}

static const char *
node_country (LsSankeyView *self,
              int           node)
{
  const LsSankeyNode *n;

  if (self->figure == NULL || node < 0 || (guint)node >= ls_sankey_figure_get_n_nodes (self->figure))
    return NULL;

  n = ls_sankey_figure_get_node (self->figure, node);

  return n->kind == LS_SANKEY_NODE_COUNTRY ? n->country_id : NULL;
}

/* Hover and focus -------------------------------------------------------- */

static void
set_highlight_country_internal (LsSankeyView *self,
                                const char   *iso3)
{
  if (iso3 != NULL && *iso3 == '\0')
    iso3 = NULL;

  if (g_strcmp0 (iso3, self->highlight_country) == 0)
    return;

  g_free (self->highlight_country);
  self->highlight_country = g_strdup (iso3);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT_COUNTRY]);
}

static void
set_hover (LsSankeyView *self,
           int           node,
           int           link)
{
  if (node >= 0)
    link = -1;
  if (node == self->hover_node && link == self->hover_link)
    return;

  self->hover_node = node;
  self->hover_link = link;
  /* The hover is shared with the other views through the property. */
  set_highlight_country_internal (self, node_country (self, node));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
move_focus (LsSankeyView *self,
            int           node)
{
  if (node == self->focus_node || node < 0)
    return;

  self->focus_node = node;
  /* The focused node shows its paths as a hovered one does. */
  self->hover_node = node;
  self->hover_link = -1;
  set_highlight_country_internal (self, node_country (self, node));
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
clear_focus (LsSankeyView *self)
{
  self->focus_node = -1;
  set_hover (self, -1, -1);
  update_accessible (self);
}

/* Explaining and the node's menu ------------------------------------------ */

static GdkRectangle
node_area (LsSankeyView *self,
           int           node)
{
  const LsSankeyNode *n = ls_sankey_figure_get_node (self->figure, node);
  GdkRectangle area;

  area.x = (int)floor (n->x0);
  area.y = (int)floor (MIN (n->y0, n->y1 - 2));
  area.width = MAX (1, (int)ceil (n->x1 - n->x0));
  area.height = MAX (2, (int)ceil (n->y1 - n->y0));

  return area;
}

/* Opens the explanation of a country's node, or of a flow between two
 * countries, in a popover at @area: the text of the share panel's. */
static gboolean
explain (LsSankeyView *self,
         int           node,
         int           link,
         GdkRectangle *area)
{
  g_autoptr(LsExplanation) explanation = NULL;
  const LsSankeyNode *n;

  if (self->figure == NULL || self->result == NULL)
    return FALSE;

  if (node >= 0)
    {
      n = ls_sankey_figure_get_node (self->figure, node);
      if (n->kind != LS_SANKEY_NODE_COUNTRY)
        return FALSE;
      explanation = ls_explanation_new (self->result, self->ranges, LS_EXPLAIN_COUNTRY, n->stage, n->country, 0);
    }
  else if (link >= 0)
    {
      const LsSankeyLink *l = ls_sankey_figure_get_link (self->figure, link);
      const LsSankeyNode *source = ls_sankey_figure_get_node (self->figure, l->source);
      const LsSankeyNode *target = ls_sankey_figure_get_node (self->figure, l->target);

      if ((source->kind != LS_SANKEY_NODE_COUNTRY && source->kind != LS_SANKEY_NODE_UNKNOWN) ||
          target->kind != LS_SANKEY_NODE_COUNTRY)
        return FALSE;
      explanation = ls_explanation_new (self->result, self->ranges, LS_EXPLAIN_FLOW, source->stage,
                                        source->kind == LS_SANKEY_NODE_COUNTRY ? (guint)source->country
                                                                               : ls_result_get_n_countries (self->result),
                                        target->country);
    }

  if (explanation == NULL)
    return FALSE;

  ls_explain_popover_set_explanation (LS_EXPLAIN_POPOVER (self->popover), explanation, &self->style);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), area);
  gtk_popover_popup (GTK_POPOVER (self->popover));

  return TRUE;
}

static void
open_menu (LsSankeyView *self,
           int           node,
           double        x,
           double        y)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  const LsSankeyNode *n;
  GdkRectangle area;

  if (self->figure == NULL || node < 0)
    return;

  n = ls_sankey_figure_get_node (self->figure, node);

  if (n->kind == LS_SANKEY_NODE_COUNTRY)
    {
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *text = NULL;

      g_menu_append (section, _("Explain"), "sankey.explain-focus");
      /* Translators: a Sankey node's menu; %s is a country */
      text = g_strdup_printf (ls_result_is_member (self->result, n->country) ? _("Remove %s From the Bloc")
                                                                            : _("Add %s to the Bloc"),
                              n->name);
      item = g_menu_item_new (text, NULL);
      g_menu_item_set_action_and_target_value (item, "scenario.toggle-member",
                                               g_variant_new_string (n->country_id));
      g_menu_append_item (section, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  g_clear_object (&section);
  section = g_menu_new ();
  g_menu_append (section, _("Move Up"), "sankey.move-up");
  g_menu_append (section, _("Move Down"), "sankey.move-down");
  if (n->pinned)
    g_menu_append (section, _("Unpin"), "sankey.unpin");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  move_focus (self, node);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sankey.unpin", n->pinned);

  if (x < 0)
    area = node_area (self, node);
  else
    area = (GdkRectangle) { (int)x, (int)y, 1, 1 };
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &area);
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

/* Moves the focused node one place up or down its column and pins it. */
static void
move_focused (LsSankeyView *self,
              int           delta)
{
  guint rank, n = 0;
  const LsSankeyNode *node;

  if (self->figure == NULL || self->focus_node < 0)
    return;

  node = ls_sankey_figure_get_node (self->figure, self->focus_node);
  rank = ls_sankey_figure_get_node_rank (self->figure, self->focus_node);
  for (guint k = 0; k < ls_sankey_figure_get_n_nodes (self->figure); k++)
    if (ls_sankey_figure_get_node (self->figure, k)->stage == node->stage)
      n++;
  if ((delta < 0 && rank == 0) || (delta > 0 && rank + 1 >= n))
    return;

  ls_sankey_view_pin_node (self, node->id, rank + delta);
}

static void
action_move_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  move_focused (LS_SANKEY_VIEW (widget), g_str_equal (action_name, "sankey.move-up") ? -1 : 1);
}

static void
action_unpin_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LsSankeyView *self = LS_SANKEY_VIEW (widget);

  if (self->figure != NULL && self->focus_node >= 0)
    ls_sankey_view_unpin_node (self, ls_sankey_figure_get_node (self->figure, self->focus_node)->id);
}

static void
action_explain_focus_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  LsSankeyView *self = LS_SANKEY_VIEW (widget);
  GdkRectangle area;

  if (self->figure == NULL || self->focus_node < 0)
    return;

  area = node_area (self, self->focus_node);
  explain (self, self->focus_node, -1, &area);
}

/* Input -------------------------------------------------------------------- */

static void
animation_cb (double   value,
              gpointer user_data)
{
  LsSankeyView *self = user_data;

  self->progress = value;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_animation_done_cb (LsSankeyView *self)
{
  g_clear_pointer (&self->from, ls_sankey_figure_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->frames); i++)
    g_clear_pointer (&self->frames[i], cairo_surface_destroy);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion_cb (LsSankeyView             *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *controller)
{
  int node;

  if (self->figure == NULL || self->from != NULL || self->dragging)
    return;

  node = ls_sankey_figure_node_at (self->figure, x, y);
  set_hover (self, node, node < 0 ? ls_sankey_figure_link_at (self->figure, x, y) : -1);
}

static void
on_leave_cb (LsSankeyView             *self,
             GtkEventControllerMotion *controller)
{
  if (!self->dragging)
    set_hover (self, -1, -1);
}

static void
on_click_released_cb (LsSankeyView    *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  if (n_press != 1 || self->dragging)
    return;

  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));

  if (ls_sankey_view_activate_at (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_menu_pressed_cb (LsSankeyView    *self,
                    int              n_press,
                    double           x,
                    double           y,
                    GtkGestureClick *gesture)
{
  int node;

  if (self->figure == NULL || self->from != NULL)
    return;

  node = ls_sankey_figure_node_at (self->figure, x, y);
  if (node < 0)
    return;

  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  open_menu (self, node, x, y);
}

static void
on_drag_begin_cb (LsSankeyView   *self,
                  double          x,
                  double          y,
                  GtkGestureDrag *gesture)
{
  self->dragging = FALSE;
  self->drag_node = -1;
  if (self->figure == NULL || self->from != NULL)
    return;

  self->drag_node = ls_sankey_figure_node_at (self->figure, x, y);
  self->drag_y = y;
}

static void
on_drag_update_cb (LsSankeyView   *self,
                   double          dx,
                   double          dy,
                   GtkGestureDrag *gesture)
{
  double x0, y0;

  if (self->drag_node < 0)
    return;

  if (!self->dragging && fabs (dy) < DRAG_THRESHOLD)
    return;

  gtk_gesture_drag_get_start_point (gesture, &x0, &y0);
  if (!self->dragging)
    {
      self->dragging = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      set_hover (self, -1, -1);
    }
  self->drag_y = y0 + dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_end_cb (LsSankeyView   *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  double x0, y0;
  int node = self->drag_node;

  self->drag_node = -1;
  if (!self->dragging)
    return;

  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  gtk_gesture_drag_get_start_point (gesture, &x0, &y0);
  if (node >= 0)
    ls_sankey_view_drop_node_at (self, node, y0 + dy);
  self->dragging = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_cancel_cb (LsSankeyView     *self,
                   GdkEventSequence *sequence,
                   GtkGesture       *gesture)
{
  self->drag_node = -1;
  if (!self->dragging)
    return;

  self->dragging = FALSE;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_key_pressed_cb (LsSankeyView          *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  int dx = 0, dy = 0;

  if (self->figure == NULL)
    return FALSE;

  if ((state & GDK_ALT_MASK) && !(state & GDK_CONTROL_MASK) && self->focus_node >= 0)
    {
      if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
        {
          move_focused (self, -1);
          return TRUE;
        }
      if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
        {
          move_focused (self, 1);
          return TRUE;
        }
      return FALSE;
    }
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      dx = -1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      dx = 1;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      dy = -1;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      dy = 1;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      /* Enter explains, as a click does; it never changes the bloc. */
      if (self->focus_node < 0)
        return FALSE;
      gtk_widget_activate_action (GTK_WIDGET (self), "sankey.explain-focus", NULL);
      return TRUE;
    case GDK_KEY_Menu:
    case GDK_KEY_F10:
      if (self->focus_node < 0 || (keyval == GDK_KEY_F10 && !(state & GDK_SHIFT_MASK)))
        return FALSE;
      open_menu (self, self->focus_node, -1, -1);
      return TRUE;
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      if (self->focus_node < 0 || !ls_sankey_figure_get_node (self->figure, self->focus_node)->pinned)
        return FALSE;
      ls_sankey_view_unpin_node (self, ls_sankey_figure_get_node (self->figure, self->focus_node)->id);
      return TRUE;
    case GDK_KEY_Escape:
      if (self->focus_node < 0)
        return FALSE;
      clear_focus (self);
      return TRUE;
    default:
      return FALSE;
    }

  if (self->focus_node < 0)
    move_focus (self, ls_sankey_figure_get_neighbour (self->figure, -1, 0, 0));
  else
    move_focus (self, ls_sankey_figure_get_neighbour (self->figure, self->focus_node, dx, dy));

  return TRUE;
}

static void
on_focus_changed_cb (LsSankeyView            *self,
                     GtkEventControllerFocus *controller)
{
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* GtkWidget ---------------------------------------------------------------- */

static void
ls_sankey_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 360;
      *natural = 960;
    }
  else
    {
      *minimum = 240;
      *natural = 600;
    }
}

static void
ls_sankey_view_map (GtkWidget *widget)
{
  ensure_current (LS_SANKEY_VIEW (widget));

  GTK_WIDGET_CLASS (ls_sankey_view_parent_class)->map (widget);
}

static void
ls_sankey_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  LsSankeyView *self = LS_SANKEY_VIEW (widget);

  /* The figure is rebuilt lazily at the next snapshot; the cache is
   * dropped with it. */
  if (self->figure != NULL &&
      (ls_sankey_figure_get_width (self->figure) != width ||
       ls_sankey_figure_get_height (self->figure) != height))
    g_clear_pointer (&self->cache, gsk_render_node_unref);

  gtk_popover_present (GTK_POPOVER (self->popover));
  gtk_popover_present (GTK_POPOVER (self->menu));
}

/* Field by field: the struct has padding, and the font family is a
 * string. */
static gboolean
styles_equal (const LsRenderStyle *a,
              const LsRenderStyle *b)
{
  gsize colors = offsetof (LsRenderStyle, background);

  return !a->dark == !b->dark &&
         a->font_scale == b->font_scale &&
         g_strcmp0 (a->font_family, b->font_family) == 0 &&
         a->label_mode == b->label_mode &&
         a->color_by == b->color_by &&
         a->other_threshold == b->other_threshold &&
         memcmp ((const char *)a + colors, (const char *)b + colors, sizeof (LsRenderStyle) - colors) == 0;
}

/* The figure drawn once into an image at the widget's scale, background
 * and all. A cairo node that paints an image is one blit when GTK
 * renders it; a node that draws the figure itself would draw every band
 * and label again at each frame, hover included. */
static cairo_surface_t *
rasterize (LsSankeyView    *self,
           LsSankeyFigure  *figure,
           int              width,
           int              height,
           cairo_surface_t *surface)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  cairo_t *cr;

  if (surface == NULL)
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
      cairo_surface_set_device_scale (surface, scale, scale);
    }
  cr = cairo_create (surface);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_rgba (cr, self->style.background.red, self->style.background.green,
                         self->style.background.blue, self->style.background.alpha);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  ls_sankey_figure_draw (figure, cr, &self->style, -1);
  cairo_destroy (cr);

  return surface;
}

/* An image for the next frame of an animation. Two are kept and used by
 * turns: the one the previous frame's node still shows holds a reference
 * from it (ls_image_pattern_new()) and is left alone, and a fresh image
 * of the window's size costs a page fault for every page. */
static cairo_surface_t *
frame_surface (LsSankeyView *self,
               int           width,
               int           height)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (self->frames); i++)
    {
      cairo_surface_t *frame = self->frames[i];
      double sx, sy;

      if (frame == NULL)
        continue;
      cairo_surface_get_device_scale (frame, &sx, &sy);
      if (cairo_image_surface_get_width (frame) != width * scale ||
          cairo_image_surface_get_height (frame) != height * scale || sx != scale)
        g_clear_pointer (&self->frames[i], cairo_surface_destroy);
      else if (cairo_surface_get_reference_count (frame) == 1)
        return cairo_surface_reference (frame);
    }

  for (guint i = 0; i < G_N_ELEMENTS (self->frames); i++)
    if (self->frames[i] == NULL)
      {
        self->frames[i] = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
        cairo_surface_set_device_scale (self->frames[i], scale, scale);
        return cairo_surface_reference (self->frames[i]);
      }

  /* Both still shown: a fresh one, this once. */
  return NULL;
}

static void
ls_sankey_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  LsSankeyView *self = LS_SANKEY_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
  gboolean focused;
  cairo_t *cr;

  if (self->result == NULL || width <= 0 || height <= 0)
    return;

  ensure_figure (self);

  if (self->from != NULL)
    {
      g_autoptr(LsSankeyFigure) frame = ls_sankey_figure_interpolate (self->from, self->figure,
                                                                       self->progress);
      cairo_surface_t *surface = rasterize (self, frame, width, height, frame_surface (self, width, height));
      GskRenderNode *node = ls_image_node_new (surface, &bounds);

      gtk_snapshot_append_node (snapshot, node);
      gsk_render_node_unref (node);
      cairo_surface_destroy (surface);
      return;
    }

  /* The static figure is drawn once per result, size and style; hover,
   * focus and drag are drawn on top of it. */
  if (self->cache == NULL)
    {
      cairo_surface_t *surface = rasterize (self, self->figure, width, height, NULL);

      self->cache = ls_image_node_new (surface, &bounds);
      cairo_surface_destroy (surface);
    }
  gtk_snapshot_append_node (snapshot, self->cache);

  focused = focus_shown (self);
  if (self->hover_node < 0 && self->hover_link < 0 && self->highlight_country == NULL &&
      !focused && !self->dragging)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  if (self->dragging)
    ls_sankey_figure_draw_drag (self->figure, cr, &self->style, self->drag_node, self->drag_y);
  else if (self->hover_node >= 0)
    ls_sankey_figure_draw_highlight (self->figure, cr, &self->style, self->hover_node);
  else if (self->hover_link >= 0)
    ls_sankey_figure_draw_highlight_link (self->figure, cr, &self->style, self->hover_link);
  else if (self->highlight_country != NULL)
    ls_sankey_figure_draw_highlight_country (self->figure, cr, &self->style, self->highlight_country);
  if (focused && !self->dragging)
    {
      ls_sankey_figure_draw_focus (self->figure, cr, &self->style, self->focus_node);
      ls_sankey_figure_draw_callout (self->figure, cr, &self->style, self->focus_node);
    }
  cairo_destroy (cr);
}

static gboolean
ls_sankey_view_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard_mode,
                              GtkTooltip *tooltip)
{
  LsSankeyView *self = LS_SANKEY_VIEW (widget);
  g_autofree char *text = NULL;
  GdkRectangle area;
  int node = -1, link = -1;

  if (self->figure == NULL || self->from != NULL || self->dragging)
    return FALSE;

  /* Never over the popover or the menu that the pointer opened. */
  if (gtk_widget_get_visible (self->popover) || gtk_widget_get_visible (self->menu))
    return FALSE;

  /* The focused node's figures are drawn beside it already. */
  if (keyboard_mode)
    return FALSE;

  node = ls_sankey_figure_node_at (self->figure, x, y);
  if (node < 0)
    link = ls_sankey_figure_link_at (self->figure, x, y);

  if (node >= 0)
    {
      text = ls_sankey_figure_describe_node (self->figure, node, self->ranges);
      area = node_area (self, node);
    }
  else if (link >= 0)
    {
      text = ls_sankey_figure_describe_link (self->figure, link, self->ranges);
      area = (GdkRectangle) { x - 2, y - 2, 4, 4 };
    }
  else
    {
      return FALSE;
    }

  /* Explanations run long: a label that wraps, as the popover's does. */
  gtk_label_set_text (GTK_LABEL (self->tooltip), text);
  gtk_tooltip_set_custom (tooltip, self->tooltip);
  gtk_tooltip_set_tip_area (tooltip, &area);

  return TRUE;
}

/* GObject ------------------------------------------------------------------ */

static void
ls_sankey_view_dispose (GObject *object)
{
  LsSankeyView *self = LS_SANKEY_VIEW (object);

  cancel_exact_solve (self);
  if (self->animation != NULL)
    adw_animation_reset (self->animation);
  g_clear_object (&self->animation);
  if (self->scenario != NULL)
    g_signal_handlers_disconnect_by_data (self->scenario, self);
  g_clear_object (&self->scenario);
  g_clear_handle_id (&self->pins_idle, g_source_remove);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_object (&self->tooltip);
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->frames); i++)
    g_clear_pointer (&self->frames[i], cairo_surface_destroy);
  g_clear_pointer (&self->from, ls_sankey_figure_unref);
  g_clear_pointer (&self->figure, ls_sankey_figure_unref);
  g_clear_pointer (&self->result, ls_result_unref);
  g_clear_pointer (&self->ranges, ls_ranges_unref);

  G_OBJECT_CLASS (ls_sankey_view_parent_class)->dispose (object);
}

static void
ls_sankey_view_finalize (GObject *object)
{
  LsSankeyView *self = LS_SANKEY_VIEW (object);

  g_free (self->highlight_country);
  g_free (self->font_family);
  g_free (self->pins_key);
  g_ptr_array_unref (self->local_pins);

  G_OBJECT_CLASS (ls_sankey_view_parent_class)->finalize (object);
}

static void
ls_sankey_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LsSankeyView *self = LS_SANKEY_VIEW (object);

  switch (prop_id)
    {
    case PROP_RESULT:
      g_value_set_boxed (value, ls_sankey_view_get_result (self));
      break;

    case PROP_RANGES:
      g_value_set_boxed (value, self->ranges);
      break;

    case PROP_SCENARIO:
      g_value_set_object (value, self->scenario);
      break;

    case PROP_HIGHLIGHT_COUNTRY:
      g_value_set_string (value, ls_sankey_view_get_highlight_country (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_sankey_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LsSankeyView *self = LS_SANKEY_VIEW (object);

  switch (prop_id)
    {
    case PROP_RESULT:
      ls_sankey_view_set_result (self, g_value_get_boxed (value));
      break;

    case PROP_RANGES:
      ls_sankey_view_set_ranges (self, g_value_get_boxed (value));
      break;

    case PROP_SCENARIO:
      ls_sankey_view_set_scenario (self, g_value_get_object (value));
      break;

    case PROP_HIGHLIGHT_COUNTRY:
      ls_sankey_view_set_highlight_country (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_sankey_view_class_init (LsSankeyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_sankey_view_dispose;
  object_class->finalize = ls_sankey_view_finalize;
  object_class->get_property = ls_sankey_view_get_property;
  object_class->set_property = ls_sankey_view_set_property;

  widget_class->measure = ls_sankey_view_measure;
  widget_class->map = ls_sankey_view_map;
  widget_class->size_allocate = ls_sankey_view_size_allocate;
  widget_class->snapshot = ls_sankey_view_snapshot;
  widget_class->query_tooltip = ls_sankey_view_query_tooltip;

  /**
   * LsSankeyView:result: (nullable)
   *
   * The result drawn; a new one animates from the old figure.
   */
  properties[PROP_RESULT] =
    g_param_spec_boxed ("result", NULL, NULL, LS_TYPE_RESULT,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LsSankeyView:ranges: (nullable)
   *
   * The ranges of the result, once computed: explanations give them.
   */
  properties[PROP_RANGES] =
    g_param_spec_boxed ("ranges", NULL, NULL, LS_TYPE_RANGES,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LsSankeyView:scenario: (nullable)
   *
   * The scenario whose pins (ls_scenario_set_pin()) hold nodes in place;
   * a node dragged to a new place is pinned in it. Without one, the view
   * keeps its pins itself.
   */
  properties[PROP_SCENARIO] =
    g_param_spec_object ("scenario", NULL, NULL, LS_TYPE_SCENARIO,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LsSankeyView:highlight-country: (nullable)
   *
   * The ISO3 code of the country hovered, here or in another view; its
   * paths stand out and the rest is dimmed.
   */
  properties[PROP_HIGHLIGHT_COUNTRY] =
    g_param_spec_string ("highlight-country", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "sankey.explain-focus", NULL, action_explain_focus_cb);
  gtk_widget_class_install_action (widget_class, "sankey.move-up", NULL, action_move_cb);
  gtk_widget_class_install_action (widget_class, "sankey.move-down", NULL, action_move_cb);
  gtk_widget_class_install_action (widget_class, "sankey.unpin", NULL, action_unpin_cb);

  gtk_widget_class_set_css_name (widget_class, "sankeyview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ls_sankey_view_init (LsSankeyView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;
  AdwAnimationTarget *target;

  self->hover_node = -1;
  self->hover_link = -1;
  self->focus_node = -1;
  self->drag_node = -1;
  self->progress = 1;
  self->local_pins = g_ptr_array_new_with_free_func ((GDestroyNotify)ls_pin_free);
  ls_render_style_init (&self->style, FALSE);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  self->popover = ls_explain_popover_new ();
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
  self->menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), TRUE);
  gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
  self->tooltip = g_object_ref_sink (gtk_label_new (NULL));
  gtk_label_set_wrap (GTK_LABEL (self->tooltip), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->tooltip), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (self->tooltip), 64);
  gtk_label_set_xalign (GTK_LABEL (self->tooltip), 0);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (on_menu_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (on_menu_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  g_signal_connect_swapped (gesture, "cancel", G_CALLBACK (on_drag_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (on_focus_changed_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_focus_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  target = adw_callback_animation_target_new (animation_cb, self, NULL);
  self->animation = adw_timed_animation_new (GTK_WIDGET (self), 0, 1, ANIMATION_DURATION, target);
  adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->animation), ADW_EASE_OUT_CUBIC);
  g_signal_connect_swapped (self->animation, "done", G_CALLBACK (on_animation_done_cb), self);

  update_accessible (self);
}

/* API ---------------------------------------------------------------------- */

/**
 * ls_sankey_view_new:
 *
 * Returns: (transfer floating): a new view, with no result
 */
GtkWidget *
ls_sankey_view_new (void)
{
  return g_object_new (LS_TYPE_SANKEY_VIEW, NULL);
}

/**
 * ls_sankey_view_get_result:
 * @self: a view
 *
 * Returns: (transfer none) (nullable): the result drawn
 */
LsResult *
ls_sankey_view_get_result (LsSankeyView *self)
{
  g_return_val_if_fail (LS_IS_SANKEY_VIEW (self), NULL);

  return self->result;
}

/**
 * ls_sankey_view_set_result:
 * @self: a view
 * @result: (nullable): the result to draw
 *
 * Shows a new result. When the view is on screen and animations are on,
 * the figure moves from the old layout to the new one.
 */
void
ls_sankey_view_set_result (LsSankeyView *self,
                           LsResult     *result)
{
  LsSankeyFigure *shown;

  g_return_if_fail (LS_IS_SANKEY_VIEW (self));

  if (result == self->result)
    return;

  shown = dup_shown (self);

  adw_animation_reset (self->animation);
  g_clear_pointer (&self->from, ls_sankey_figure_unref);
  g_clear_pointer (&self->result, ls_result_unref);
  if (result != NULL)
    self->result = ls_result_ref (result);

  self->figure_stale = FALSE;
  if (result == NULL)
    {
      replace_figure (self, NULL);
      g_clear_pointer (&shown, ls_sankey_figure_unref);
    }
  else if (self->figure != NULL && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      /* Off screen: laid out once shown (ensure_current()). The first
       * figure is made at once, so that the accessible description
       * exists. */
      self->figure_stale = TRUE;
      cancel_exact_solve (self);
      g_clear_pointer (&shown, ls_sankey_figure_unref);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
      return;
    }
  else
    {
      ensure_figure (self);
      animate_from (self, shown);
    }

  update_accessible (self);
  invalidate_cache (self);
  start_exact_solve (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
}

/**
 * ls_sankey_view_set_ranges:
 * @self: a view
 * @ranges: (nullable): the ranges of the result shown, once computed
 *
 * Explanations in tooltips, popovers and the accessible description give
 * each figure's range from these.
 */
void
ls_sankey_view_set_ranges (LsSankeyView *self,
                           LsRanges     *ranges)
{
  g_return_if_fail (LS_IS_SANKEY_VIEW (self));

  if (ranges == self->ranges)
    return;

  g_clear_pointer (&self->ranges, ls_ranges_unref);
  if (ranges != NULL)
    self->ranges = ls_ranges_ref (ranges);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANGES]);
}

/**
 * ls_sankey_view_get_scenario:
 * @self: a view
 *
 * Returns: (transfer none) (nullable): the scenario that holds the pins
 */
LsScenario *
ls_sankey_view_get_scenario (LsSankeyView *self)
{
  g_return_val_if_fail (LS_IS_SANKEY_VIEW (self), NULL);

  return self->scenario;
}

/**
 * ls_sankey_view_set_scenario:
 * @self: a view
 * @scenario: (nullable): the scenario whose pins to honour and keep
 *
 * Nodes dragged to a place are pinned in @scenario, so that pins are
 * undone and saved with it; when its pins change (an undo, a file
 * opened), the figure is laid out around them.
 */
void
ls_sankey_view_set_scenario (LsSankeyView *self,
                             LsScenario   *scenario)
{
  g_return_if_fail (LS_IS_SANKEY_VIEW (self));
  g_return_if_fail (scenario == NULL || LS_IS_SCENARIO (scenario));

  if (scenario == self->scenario)
    return;

  if (self->scenario != NULL)
    g_signal_handlers_disconnect_by_data (self->scenario, self);
  g_set_object (&self->scenario, scenario);
  if (scenario != NULL)
    g_signal_connect_swapped (scenario, "changed", G_CALLBACK (on_scenario_changed_cb), self);

  relayout_for_pins (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO]);
}

/**
 * ls_sankey_view_get_render_style:
 * @self: a view
 *
 * Returns: (transfer none): the style the figure is drawn with
 */
const LsRenderStyle *
ls_sankey_view_get_render_style (LsSankeyView *self)
{
  g_return_val_if_fail (LS_IS_SANKEY_VIEW (self), NULL);

  return &self->style;
}

/**
 * ls_sankey_view_set_render_style:
 * @self: a view
 * @style: colours (light or dark), label mode, colouring, "Other"
 *   threshold, font scale; copied
 */
void
ls_sankey_view_set_render_style (LsSankeyView        *self,
                                 const LsRenderStyle *style)
{
  gboolean relayout;

  g_return_if_fail (LS_IS_SANKEY_VIEW (self));
  g_return_if_fail (style != NULL);

  if (styles_equal (style, &self->style))
    return;

  /* Colours alone need a redraw; the rest changes labels or nodes (the
   * figure keeps the origin hues and legend swatches of its palette). */
  relayout = style->label_mode != self->style.label_mode ||
             style->color_by != self->style.color_by ||
             style->other_threshold != self->style.other_threshold ||
             style->font_scale != self->style.font_scale ||
             g_strcmp0 (style->font_family, self->style.font_family) != 0 ||
             !style->dark != !self->style.dark;
  self->style = *style;
  if (style->font_family != self->font_family)
    {
      g_free (self->font_family);
      self->font_family = g_strdup (style->font_family);
    }
  self->style.font_family = self->font_family;

  if (relayout)
    self->style_serial++;

  /* A stale figure is laid out in the new style once shown. */
  if (relayout && self->figure != NULL && self->result != NULL && !self->figure_stale)
    {
      g_auto(GStrv) order = ls_sankey_figure_dup_node_order (self->figure);
      LsSankeyFigure *figure = build_figure (self,
                                             ls_sankey_figure_get_width (self->figure),
                                             ls_sankey_figure_get_height (self->figure),
                                             (const char * const *)order, FALSE);

      g_clear_pointer (&self->from, ls_sankey_figure_unref);
      replace_figure (self, figure);
      update_accessible (self);
      start_exact_solve (self);
    }

  invalidate_cache (self);
}

/**
 * ls_sankey_view_get_highlight_country:
 * @self: a view
 *
 * Returns: (nullable): the ISO3 code of the highlighted country
 */
const char *
ls_sankey_view_get_highlight_country (LsSankeyView *self)
{
  g_return_val_if_fail (LS_IS_SANKEY_VIEW (self), NULL);

  return self->highlight_country;
}

/**
 * ls_sankey_view_set_highlight_country:
 * @self: a view
 * @iso3: (nullable): a country code, or %NULL for none
 *
 * Highlights a country's paths, as when another view hovers it. Only the
 * overlay is redrawn.
 */
void
ls_sankey_view_set_highlight_country (LsSankeyView *self,
                                      const char   *iso3)
{
  g_return_if_fail (LS_IS_SANKEY_VIEW (self));

  if (iso3 != NULL && *iso3 == '\0')
    iso3 = NULL;
  if (g_strcmp0 (iso3, self->highlight_country) == 0)
    return;

  /* A highlight from outside replaces our own hover unless it is ours. */
  if (g_strcmp0 (iso3, node_country (self, self->hover_node)) != 0)
    self->hover_node = -1;
  self->hover_link = -1;

  set_highlight_country_internal (self, iso3);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * ls_sankey_view_get_figure:
 * @self: a view
 *
 * Returns: (transfer none) (nullable): the figure as laid out now
 */
LsSankeyFigure *
ls_sankey_view_get_figure (LsSankeyView *self)
{
  g_return_val_if_fail (LS_IS_SANKEY_VIEW (self), NULL);

  ensure_current (self);

  return self->figure;
}

LsSankeyFigure *
_ls_sankey_view_peek_figure (LsSankeyView *self)
{
  g_return_val_if_fail (LS_IS_SANKEY_VIEW (self), NULL);

  return self->figure;
}

gboolean
_ls_sankey_view_is_ordering (LsSankeyView *self)
{
  g_return_val_if_fail (LS_IS_SANKEY_VIEW (self), FALSE);

  return self->exact_cancellable != NULL;
}

/**
 * ls_sankey_view_get_animating:
 * @self: a view
 *
 * Returns: whether the figure is moving from an old layout to a new one
 */
gboolean
ls_sankey_view_get_animating (LsSankeyView *self)
{
  g_return_val_if_fail (LS_IS_SANKEY_VIEW (self), FALSE);

  return self->from != NULL;
}

/**
 * ls_sankey_view_get_focus_node:
 * @self: a view
 *
 * Returns: the node selected (clicked, or moved to with the keyboard) in
 *   the figure, or -1
 */
int
ls_sankey_view_get_focus_node (LsSankeyView *self)
{
  g_return_val_if_fail (LS_IS_SANKEY_VIEW (self), -1);

  return self->focus_node;
}

/**
 * ls_sankey_view_activate_at:
 * @self: a view
 * @x: a point in widget coordinates
 * @y: a point in widget coordinates
 *
 * What a click does: selects the node at the point (the keyboard focus
 * moves there and its figures are described) and explains it, or the
 * band at the point, in a popover. It never changes the bloc.
 *
 * Returns: whether a node or a band was there
 */
gboolean
ls_sankey_view_activate_at (LsSankeyView *self,
                            double        x,
                            double        y)
{
  GdkRectangle area = { (int)x - 2, (int)y - 2, 4, 4 };
  int node, link = -1;

  g_return_val_if_fail (LS_IS_SANKEY_VIEW (self), FALSE);

  ensure_current (self);

  /* Mid-animation too: the figure is where the nodes are going. */
  if (self->figure == NULL)
    return FALSE;

  node = ls_sankey_figure_node_at (self->figure, x, y);
  if (node < 0)
    link = ls_sankey_figure_link_at (self->figure, x, y);
  if (node < 0 && link < 0)
    return FALSE;

  if (node >= 0)
    {
      move_focus (self, node);
      area = node_area (self, node);
    }
  explain (self, node, link, &area);

  return TRUE;
}

/**
 * ls_sankey_view_pin_node:
 * @self: a view
 * @id: a node id, as LsSankeyNode's
 * @rank: its place among the nodes of its column, 0 at the top
 *
 * Pins a node where the user put it: in the scenario when there is one
 * (an undoable edit, saved with it), and lays the figure out around it.
 */
void
ls_sankey_view_pin_node (LsSankeyView *self,
                         const char   *id,
                         guint         rank)
{
  g_autofree char *stage = NULL;
  g_autofree char *node = NULL;

  g_return_if_fail (LS_IS_SANKEY_VIEW (self));
  g_return_if_fail (id != NULL);

  if (!split_node_id (id, &stage, &node))
    return;

  if (self->scenario != NULL)
    {
      ls_scenario_set_pin (self->scenario, stage, node, rank);
      return;
    }

  for (guint i = 0; i < self->local_pins->len; i++)
    {
      LsPin *pin = g_ptr_array_index (self->local_pins, i);

      if (g_str_equal (pin->stage, stage) && g_str_equal (pin->node, node))
        {
          g_ptr_array_remove_index (self->local_pins, i);
          break;
        }
    }
  {
    LsPin *pin = g_new0 (LsPin, 1);

    pin->stage = g_steal_pointer (&stage);
    pin->node = g_steal_pointer (&node);
    pin->position = rank;
    g_ptr_array_add (self->local_pins, pin);
  }
  relayout_for_pins (self);
}

/**
 * ls_sankey_view_unpin_node:
 * @self: a view
 * @id: a node id, as LsSankeyNode's
 *
 * Lets the layout place a pinned node again.
 */
void
ls_sankey_view_unpin_node (LsSankeyView *self,
                           const char   *id)
{
  g_autofree char *stage = NULL;
  g_autofree char *node = NULL;

  g_return_if_fail (LS_IS_SANKEY_VIEW (self));
  g_return_if_fail (id != NULL);

  if (!split_node_id (id, &stage, &node))
    return;

  if (self->scenario != NULL)
    {
      ls_scenario_remove_pin (self->scenario, stage, node);
      return;
    }

  for (guint i = 0; i < self->local_pins->len; i++)
    {
      LsPin *pin = g_ptr_array_index (self->local_pins, i);

      if (g_str_equal (pin->stage, stage) && g_str_equal (pin->node, node))
        {
          g_ptr_array_remove_index (self->local_pins, i);
          relayout_for_pins (self);
          return;
        }
    }
}

/**
 * ls_sankey_view_drop_node_at:
 * @self: a view
 * @node: a node of the figure
 * @y: a height in widget coordinates
 *
 * What the end of a drag does: pins @node at the place in its column
 * nearest @y (see ls_sankey_figure_get_rank_at()).
 */
void
ls_sankey_view_drop_node_at (LsSankeyView *self,
                             int           node,
                             double        y)
{
  g_return_if_fail (LS_IS_SANKEY_VIEW (self));

  ensure_current (self);
  if (self->figure == NULL || node < 0 || (guint)node >= ls_sankey_figure_get_n_nodes (self->figure))
    return;

  self->focus_node = node;
  ls_sankey_view_pin_node (self, ls_sankey_figure_get_node (self->figure, node)->id,
                           ls_sankey_figure_get_rank_at (self->figure, node, y));
}
