/* ls-sankey-view.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-sankey-view"

#include "config.h"

#include "ls-sankey-view.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "ls-sankey-layout.h"

#define ANIMATION_DURATION 250

/* The exact order (see ls-sankey-exact.c) is solved in a worker thread
 * for this long at most, and replaces the heuristic's only when it has
 * this share fewer weighted crossings: the heuristic leaves near-equal
 * orders alone on purpose, so that the figure keeps its shape, and a
 * reshuffle for a gain no one can see would undo that. */
#define EXACT_TIME_LIMIT 2.0
#define EXACT_MIN_GAIN 0.01

struct _LsSankeyView
{
  GtkWidget       parent_instance;

  /* Owned */
  LsResult       *result;
  LsSankeyFigure *figure;       /* the result laid out at the current size */
  LsSankeyFigure *from;         /* what was shown when a new result came */
  GskRenderNode  *cache;        /* the static figure, without hover */
  AdwAnimation   *animation;
  char           *highlight_country;
  char           *font_family;  /* style.font_family points here */
  LsRenderStyle   style;

  double          progress;
  int             hover_node;
  int             focus_node;

  GCancellable   *exact_cancellable;  /* the exact solve under way, if any */
  guint           style_serial;       /* counts relayouts for a new style */
};

G_DEFINE_FINAL_TYPE (LsSankeyView, ls_sankey_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RESULT,
  PROP_HIGHLIGHT_COUNTRY,
  N_PROPS
};

enum {
  SIGNAL_COUNTRY_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
invalidate_cache (LsSankeyView *self)
{
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

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
  g_clear_pointer (&self->figure, ls_sankey_figure_unref);
  self->figure = figure;
  g_clear_pointer (&self->cache, gsk_render_node_unref);
}

static void update_accessible (LsSankeyView *self);

/* Shows @figure (taken) in place of the figure, animating from what is on
 * screen now, mid-animation included, when the view is on screen,
 * animations are on and the size is the same. */
static void
show_new_figure (LsSankeyView   *self,
                 LsSankeyFigure *figure)
{
  g_autoptr(LsSankeyFigure) shown = NULL;

  if (self->figure != NULL && self->from != NULL)
    shown = ls_sankey_figure_interpolate (self->from, self->figure, self->progress);
  else if (self->figure != NULL)
    shown = ls_sankey_figure_ref (self->figure);

  adw_animation_reset (self->animation);
  g_clear_pointer (&self->from, ls_sankey_figure_unref);
  replace_figure (self, figure);

  if (shown != NULL && figure != NULL &&
      gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      adw_get_enable_animations (GTK_WIDGET (self)) &&
      ls_sankey_figure_get_width (shown) == ls_sankey_figure_get_width (figure) &&
      ls_sankey_figure_get_height (shown) == ls_sankey_figure_get_height (figure))
    {
      self->from = g_steal_pointer (&shown);
      self->progress = 0;
      adw_animation_play (self->animation);
    }

  update_accessible (self);
  invalidate_cache (self);
}

/* Lays the result out at the widget's size (a nominal one before the
 * first allocation, so the accessible description exists at once),
 * keeping the previous node order. */
static void
ensure_figure (LsSankeyView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->result == NULL)
    return;

  if (width <= 0 || height <= 0)
    {
      width = self->figure != NULL ? ls_sankey_figure_get_width (self->figure) : 1280;
      height = self->figure != NULL ? ls_sankey_figure_get_height (self->figure) : 800;
    }

  if (self->figure != NULL &&
      ls_sankey_figure_get_result (self->figure) == self->result &&
      ls_sankey_figure_get_width (self->figure) == width &&
      ls_sankey_figure_get_height (self->figure) == height)
    return;

  /* A resize while animating: jump to the end. */
  if (self->figure != NULL && ls_sankey_figure_get_result (self->figure) == self->result)
    g_clear_pointer (&self->from, ls_sankey_figure_unref);

  replace_figure (self, ls_sankey_figure_new (self->result, &self->style, width, height, self->figure));
}

/* The exact order.
 *
 * A new figure is shown at once with the heuristic's order; its graph
 * (the figure's nodes and links, as ls_sankey_figure_new() lays them out)
 * goes to a worker thread for the exact solve, started from the order on
 * screen. A newer result or style cancels it. When it returns a clearly
 * better order for the result and style still shown, the figure is
 * rebuilt with it and animates there, as for a new result. */

typedef struct
{
  GWeakRef       view;          /* the task must not keep a view alive */
  LsSankeyGraph *graph;
  char         **order;         /* on screen: the solve's start */
  LsResult      *result;
  guint          style_serial;
} ExactSolve;

static void
exact_solve_free (ExactSolve *solve)
{
  g_weak_ref_clear (&solve->view);
  g_clear_object (&solve->graph);
  g_strfreev (solve->order);
  g_clear_pointer (&solve->result, ls_result_unref);
  g_free (solve);
}

static LsSankeyGraph *
figure_graph (LsSankeyFigure *figure)
{
  LsSankeyGraph *graph = ls_sankey_graph_new ();

  ls_sankey_graph_set_extent (graph, ls_sankey_figure_get_width (figure),
                              ls_sankey_figure_get_height (figure));
  for (guint n = 0; n < ls_sankey_figure_get_n_nodes (figure); n++)
    {
      const LsSankeyNode *node = ls_sankey_figure_get_node (figure, n);

      ls_sankey_graph_add_node (graph, node->id, node->stage, node->name);
      if (node->unmet > 0)
        ls_sankey_graph_set_node_fixed_value (graph, n, node->value);
    }
  for (guint l = 0; l < ls_sankey_figure_get_n_links (figure); l++)
    {
      const LsSankeyLink *link = ls_sankey_figure_get_link (figure, l);

      ls_sankey_graph_add_link (graph, link->source, link->target, link->value);
    }

  return graph;
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
  shown = ls_sankey_layout_compute (solve->graph, &opts);
  shown_weight = ls_sankey_layout_weighted_crossings (shown, NULL);

  ls_sankey_layout_options_init (&opts);
  opts.previous_order = (const char * const *)solve->order;
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

  /* Cancelled, not better, or for what is no longer shown. */
  if (self == NULL || order == NULL || self->figure == NULL || self->result != solve->result ||
      self->style_serial != solve->style_serial)
    return;

  show_new_figure (self,
                   ls_sankey_figure_new_with_order (self->result, &self->style,
                                                    ls_sankey_figure_get_width (self->figure),
                                                    ls_sankey_figure_get_height (self->figure),
                                                    (const char * const *)order));
}

static void
start_exact_solve (LsSankeyView *self)
{
  g_autoptr(GTask) task = NULL;
  ExactSolve *solve;

  if (self->exact_cancellable != NULL)
    g_cancellable_cancel (self->exact_cancellable);
  g_clear_object (&self->exact_cancellable);

  if (self->figure == NULL || self->result == NULL)
    return;

  solve = g_new0 (ExactSolve, 1);
  g_weak_ref_init (&solve->view, self);
  solve->graph = figure_graph (self->figure);
  solve->order = ls_sankey_figure_dup_node_order (self->figure);
  solve->result = ls_result_ref (self->result);
  solve->style_serial = self->style_serial;

  self->exact_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->exact_cancellable, exact_solve_done_cb, NULL);
  g_task_set_source_tag (task, start_exact_solve);
  g_task_set_task_data (task, solve, (GDestroyNotify)exact_solve_free);
  g_task_run_in_thread (task, exact_solve_thread);
}

static void
update_accessible (LsSankeyView *self)
{
  g_autofree char *description = NULL;

  if (self->figure != NULL)
    description = ls_sankey_figure_describe (self->figure);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Rare-earth flows"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : _("No data"),
                                  -1);
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
set_hover_node (LsSankeyView *self,
                int           node)
{
  if (node == self->hover_node)
    return;

  self->hover_node = node;
  /* The hover is shared with the other views through the property. */
  set_highlight_country_internal (self, node_country (self, node));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

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
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion_cb (LsSankeyView             *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *controller)
{
  if (self->figure == NULL || self->from != NULL)
    return;

  set_hover_node (self, ls_sankey_figure_node_at (self->figure, x, y));
}

static void
on_leave_cb (LsSankeyView             *self,
             GtkEventControllerMotion *controller)
{
  set_hover_node (self, -1);
}

static void
on_click_released_cb (LsSankeyView    *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  if (n_press != 1)
    return;

  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));

  if (ls_sankey_view_activate_at (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
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
  set_highlight_country_internal (self, node_country (self, node));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
activate_node (LsSankeyView *self,
               int           node)
{
  const char *iso3 = node_country (self, node);

  if (iso3 != NULL)
    g_signal_emit (self, signals[SIGNAL_COUNTRY_ACTIVATED], 0, iso3);
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
      activate_node (self, self->focus_node);
      return self->focus_node >= 0;
    case GDK_KEY_Escape:
      if (self->focus_node < 0)
        return FALSE;
      self->focus_node = -1;
      set_hover_node (self, -1);
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
on_focus_leave_cb (LsSankeyView       *self,
                   GtkEventControllerFocus *controller)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

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

static void
append_background (LsSankeyView          *self,
                   GtkSnapshot           *snapshot,
                   const graphene_rect_t *bounds)
{
  GdkRGBA background = {
    self->style.background.red,
    self->style.background.green,
    self->style.background.blue,
    self->style.background.alpha,
  };

  gtk_snapshot_append_color (snapshot, &background, bounds);
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

      append_background (self, snapshot, &bounds);
      cr = gtk_snapshot_append_cairo (snapshot, &bounds);
      ls_sankey_figure_draw (frame, cr, &self->style, -1);
      cairo_destroy (cr);
      return;
    }

  /* The static figure is drawn once per result, size and style; hover
   * and focus are drawn on top of it. */
  if (self->cache == NULL)
    {
      GtkSnapshot *child = gtk_snapshot_new ();

      append_background (self, child, &bounds);
      cr = gtk_snapshot_append_cairo (child, &bounds);
      ls_sankey_figure_draw (self->figure, cr, &self->style, -1);
      cairo_destroy (cr);
      self->cache = gtk_snapshot_free_to_node (child);
    }
  if (self->cache != NULL)
    gtk_snapshot_append_node (snapshot, self->cache);

  focused = gtk_widget_has_focus (widget) && self->focus_node >= 0;
  if (self->hover_node < 0 && self->highlight_country == NULL && !focused)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  if (self->hover_node >= 0)
    ls_sankey_figure_draw_highlight (self->figure, cr, &self->style, self->hover_node);
  else if (self->highlight_country != NULL)
    ls_sankey_figure_draw_highlight_country (self->figure, cr, &self->style, self->highlight_country);
  if (focused)
    ls_sankey_figure_draw_focus (self->figure, cr, &self->style, self->focus_node);
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
  const LsSankeyNode *node;
  GdkRectangle area;
  int n;

  if (self->figure == NULL || self->from != NULL)
    return FALSE;

  n = keyboard_mode ? self->focus_node : ls_sankey_figure_node_at (self->figure, x, y);
  if (n < 0)
    return FALSE;

  node = ls_sankey_figure_get_node (self->figure, n);
  text = ls_sankey_figure_describe_node (self->figure, n, NULL);
  gtk_tooltip_set_text (tooltip, text);
  area.x = (int)node->x0;
  area.y = (int)node->y0;
  area.width = MAX (1, (int)(node->x1 - node->x0));
  area.height = MAX (1, (int)(node->y1 - node->y0));
  gtk_tooltip_set_tip_area (tooltip, &area);

  return TRUE;
}

static void
ls_sankey_view_dispose (GObject *object)
{
  LsSankeyView *self = LS_SANKEY_VIEW (object);

  if (self->exact_cancellable != NULL)
    g_cancellable_cancel (self->exact_cancellable);
  g_clear_object (&self->exact_cancellable);
  if (self->animation != NULL)
    adw_animation_reset (self->animation);
  g_clear_object (&self->animation);
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  g_clear_pointer (&self->from, ls_sankey_figure_unref);
  g_clear_pointer (&self->figure, ls_sankey_figure_unref);
  g_clear_pointer (&self->result, ls_result_unref);

  G_OBJECT_CLASS (ls_sankey_view_parent_class)->dispose (object);
}

static void
ls_sankey_view_finalize (GObject *object)
{
  LsSankeyView *self = LS_SANKEY_VIEW (object);

  g_free (self->highlight_country);
  g_free (self->font_family);

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
   * LsSankeyView:highlight-country: (nullable)
   *
   * The ISO3 code of the country hovered, here or in another view; its
   * paths stand out and the rest is dimmed.
   */
  properties[PROP_HIGHLIGHT_COUNTRY] =
    g_param_spec_string ("highlight-country", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LsSankeyView::country-activated:
   * @self: the view
   * @iso3: the country's code
   *
   * A country node was clicked, or activated with Enter or Space.
   */
  signals[SIGNAL_COUNTRY_ACTIVATED] =
    g_signal_new ("country-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

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
  self->focus_node = -1;
  self->progress = 1;
  ls_render_style_init (&self->style, FALSE);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (on_focus_leave_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  target = adw_callback_animation_target_new (animation_cb, self, NULL);
  self->animation = adw_timed_animation_new (GTK_WIDGET (self), 0, 1, ANIMATION_DURATION, target);
  adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->animation), ADW_EASE_OUT_CUBIC);
  g_signal_connect_swapped (self->animation, "done", G_CALLBACK (on_animation_done_cb), self);

  update_accessible (self);
}

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
  g_autoptr(LsSankeyFigure) shown = NULL;

  g_return_if_fail (LS_IS_SANKEY_VIEW (self));

  if (result == self->result)
    return;

  /* What is on screen now, mid-animation included, is where the next
   * animation starts. */
  if (self->figure != NULL && self->from != NULL)
    shown = ls_sankey_figure_interpolate (self->from, self->figure, self->progress);
  else if (self->figure != NULL)
    shown = ls_sankey_figure_ref (self->figure);

  adw_animation_reset (self->animation);
  g_clear_pointer (&self->from, ls_sankey_figure_unref);
  g_clear_pointer (&self->result, ls_result_unref);
  if (result != NULL)
    self->result = ls_result_ref (result);

  if (result == NULL)
    {
      replace_figure (self, NULL);
    }
  else
    {
      ensure_figure (self);

      if (shown != NULL &&
          gtk_widget_get_mapped (GTK_WIDGET (self)) &&
          adw_get_enable_animations (GTK_WIDGET (self)) &&
          ls_sankey_figure_get_width (shown) == ls_sankey_figure_get_width (self->figure) &&
          ls_sankey_figure_get_height (shown) == ls_sankey_figure_get_height (self->figure))
        {
          self->from = g_steal_pointer (&shown);
          self->progress = 0;
          adw_animation_play (self->animation);
        }
    }

  update_accessible (self);
  invalidate_cache (self);
  start_exact_solve (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
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

  if (relayout && self->figure != NULL && self->result != NULL)
    {
      LsSankeyFigure *figure = ls_sankey_figure_new (self->result, &self->style,
                                                     ls_sankey_figure_get_width (self->figure),
                                                     ls_sankey_figure_get_height (self->figure),
                                                     self->figure);

      g_clear_pointer (&self->from, ls_sankey_figure_unref);
      replace_figure (self, figure);
      update_accessible (self);
      self->style_serial++;
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

  return self->figure;
}

/**
 * ls_sankey_view_activate_at:
 * @self: a view
 * @x: a point in widget coordinates
 * @y: a point in widget coordinates
 *
 * What a click does: focuses the node at the point and, when it is a
 * country's, emits #LsSankeyView::country-activated.
 *
 * Returns: whether a country was activated
 */
gboolean
ls_sankey_view_activate_at (LsSankeyView *self,
                            double        x,
                            double        y)
{
  const char *iso3;
  int node;

  g_return_val_if_fail (LS_IS_SANKEY_VIEW (self), FALSE);

  if (self->figure == NULL)
    return FALSE;

  node = ls_sankey_figure_node_at (self->figure, x, y);
  iso3 = node_country (self, node);
  if (node >= 0)
    {
      self->focus_node = node;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  if (iso3 == NULL)
    return FALSE;

  g_signal_emit (self, signals[SIGNAL_COUNTRY_ACTIVATED], 0, iso3);

  return TRUE;
}
