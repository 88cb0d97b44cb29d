/* ls-table-view.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-table-view"

#include "config.h"

#include "ls-table-view-private.h"

#include "ls-application.h"
#include "ls-export-dialog.h"
#include "ls-format.h"
#include "ls-scenario-text.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* The table: every stage's output by country, grouped by stage, because
 * each stage counts in its own unit (t REO at the mine, t magnet REO
 * after separation; ux-walk.md m8) and sorting countries of different
 * stages by one number would mix them. Each stage is a row of its own
 * that names the unit and carries the stage's totals; its countries sort
 * within it. Besides output and share: the target a capacity change sets
 * and the shortfall against it (output is target less shortfall, so the
 * change against the baseline is in the output's tooltip and the CSV), with
 * what fed the new capacity ("capacity +5,000 t, 0 fed — no feedstock",
 * issue 13 2b), the evidence behind each figure, and its source. */

/* Below half a tonne a change, a shortfall or a capacity change is
 * rounding: the cells show whole tonnes. */
#define TONNE_EPSILON 0.5

/* LsTableRow: one stage, or one (stage, country), of the table. Private
 * to this file; it holds copied figures only. */

#define LS_TYPE_TABLE_ROW (ls_table_row_get_type ())

G_DECLARE_FINAL_TYPE (LsTableRow, ls_table_row, LS, TABLE_ROW, GObject)

struct _LsTableRow
{
  GObject parent_instance;

  gboolean         is_stage;
  guint            stage_index;
  char            *stage;
  char            *unit;
  char            *country;     /* the stage's name on a stage row */
  char            *country_id;  /* NULL on a stage row */
  double           output;
  double           share;
  double           baseline;
  double           change;
  double           target;
  double           shortfall;
  double           capacity;    /* the target's change against the baseline */
  double           fed;         /* the part of a capacity rise that produces; NAN where nothing feeds */
  gboolean         member;
  char            *source;
  gboolean         estimated;
  LsEvidenceSplit  evidence;
  GListStore      *children;    /* a stage's countries */
};

G_DEFINE_FINAL_TYPE (LsTableRow, ls_table_row, G_TYPE_OBJECT)

enum {
  ROW_PROP_0,
  ROW_PROP_COUNTRY,
  ROW_PROP_OUTPUT,
  ROW_PROP_SHARE,
  ROW_PROP_TARGET,
  ROW_PROP_SHORTFALL,
  ROW_PROP_UNPUBLISHED,
  ROW_PROP_SOURCE,
  ROW_N_PROPS
};

static GParamSpec *row_properties[ROW_N_PROPS];

static void
ls_table_row_finalize (GObject *object)
{
  LsTableRow *self = LS_TABLE_ROW (object);

  g_free (self->stage);
  g_free (self->unit);
  g_free (self->country);
  g_free (self->country_id);
  g_free (self->source);
  g_clear_object (&self->children);

  G_OBJECT_CLASS (ls_table_row_parent_class)->finalize (object);
}

static void
ls_table_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LsTableRow *self = LS_TABLE_ROW (object);

  switch (prop_id)
    {
    case ROW_PROP_COUNTRY:
      g_value_set_string (value, self->country);
      break;
    case ROW_PROP_OUTPUT:
      g_value_set_double (value, self->output);
      break;
    case ROW_PROP_SHARE:
      g_value_set_double (value, self->share);
      break;
    case ROW_PROP_TARGET:
      g_value_set_double (value, self->target);
      break;
    case ROW_PROP_SHORTFALL:
      g_value_set_double (value, self->shortfall);
      break;
    case ROW_PROP_UNPUBLISHED:
      g_value_set_double (value, 1.0 - self->evidence.part[LS_EVIDENCE_PUBLISHED]);
      break;
    case ROW_PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_table_row_class_init (LsTableRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ls_table_row_finalize;
  object_class->get_property = ls_table_row_get_property;

  /* What the columns sort by. */
  row_properties[ROW_PROP_COUNTRY] = g_param_spec_string ("country", NULL, NULL, NULL, flags);
  row_properties[ROW_PROP_OUTPUT] = g_param_spec_double ("output", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  row_properties[ROW_PROP_SHARE] = g_param_spec_double ("share", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  row_properties[ROW_PROP_TARGET] = g_param_spec_double ("target", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  row_properties[ROW_PROP_SHORTFALL] = g_param_spec_double ("shortfall", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                                                            flags);
  row_properties[ROW_PROP_UNPUBLISHED] = g_param_spec_double ("unpublished", NULL, NULL, 0, 1, 0, flags);
  row_properties[ROW_PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);
}

static void
ls_table_row_init (LsTableRow *self)
{
  self->fed = NAN;
}

/* The cells' words ------------------------------------------------------- */

static char *
format_tonnes_cell (double tonnes)
{
  return ls_format_number (tonnes, 0);
}

/* "capacity +5,000 t REO, 0 fed — no feedstock": a capacity change and
 * what became of it; NULL where the row has none. Mining has no feed: its
 * capacity is its output. */
static char *
format_capacity_note (LsTableRow *row)
{
  g_autofree char *delta = NULL;
  g_autofree char *fed = NULL;

  if (row->is_stage || !(fabs (row->capacity) >= TONNE_EPSILON))
    return NULL;

  delta = ls_format_signed_number (row->capacity, 0);
  if (row->capacity < 0 || isnan (row->fed))
    /* Translators: a capacity change in the table, "capacity +5,000 t REO" */
    return g_strdup_printf (_("capacity %s %s"), delta, row->unit);

  if (row->fed >= row->capacity - TONNE_EPSILON)
    /* Translators: a new capacity fully fed, "capacity +5,000 t REO, all fed" */
    return g_strdup_printf (_("capacity %s %s, all fed"), delta, row->unit);

  if (row->fed < TONNE_EPSILON)
    /* Translators: a new capacity that gets no input, "capacity +5,000 t
     * REO, 0 fed — no feedstock" */
    return g_strdup_printf (_("capacity %s %s, 0 fed — no feedstock"), delta, row->unit);

  fed = ls_format_number (row->fed, 0);
  /* Translators: a new capacity partly fed, "capacity +5,000 t REO,
   * 3,200 fed" */
  return g_strdup_printf (_("capacity %s %s, %s fed"), delta, row->unit, fed);
}

static char *
format_evidence (const LsEvidenceSplit *split)
{
  g_autofree char *published = ls_format_percent (split->part[LS_EVIDENCE_PUBLISHED], 0);
  g_autofree char *estimated = ls_format_percent (split->part[LS_EVIDENCE_ESTIMATED], 0);
  g_autofree char *modelled = ls_format_percent (split->part[LS_EVIDENCE_MODELLED], 0);

  if (split->part[LS_EVIDENCE_PUBLISHED] + split->part[LS_EVIDENCE_ESTIMATED] +
      split->part[LS_EVIDENCE_MODELLED] <= 0)
    return g_strdup (_("No output behind this figure"));

  /* Translators: what a figure rests on, "Published 62 %, estimated
   * 38 %, model 0 %" */
  return g_strdup_printf (_("Published %s, estimated %s, model %s"), published, estimated, modelled);
}

static char *
format_cell (LsTableRow *row,
             LsTableColumn column)
{
  switch (column)
    {
    case LS_TABLE_COLUMN_COUNTRY:
      return g_strdup (row->country);
    case LS_TABLE_COLUMN_OUTPUT:
      return format_tonnes_cell (row->output);
    case LS_TABLE_COLUMN_SHARE:
      return row->is_stage ? g_strdup ("") : ls_format_percent (row->share, 1);
    case LS_TABLE_COLUMN_TARGET:
      return format_tonnes_cell (row->target);
    case LS_TABLE_COLUMN_SHORTFALL:
      return format_tonnes_cell (row->shortfall);
    case LS_TABLE_COLUMN_EVIDENCE:
      return format_evidence (&row->evidence);
    case LS_TABLE_COLUMN_SOURCE:
      if (row->is_stage)
        return g_strdup ("");
      return g_strdup (row->source != NULL ? row->source : _("Not given (a model figure)"));
    case LS_TABLE_N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

/* The cell's tooltip: its figure with the unit, and where it comes
 * from. */
static char *
format_tooltip (LsTableRow    *row,
                LsTableColumn  column)
{
  g_autofree char *value = NULL;
  g_autofree char *baseline = NULL;

  switch (column)
    {
    case LS_TABLE_COLUMN_COUNTRY:
      if (row->is_stage)
        /* Translators: a stage row's tooltip, "Mining, in t REO" */
        return g_strdup_printf (_("%s, in %s"), row->country, row->unit);
      if (row->member)
        /* Translators: a country's tooltip in the table */
        return g_strdup_printf (_("%s, member of the bloc"), row->country);
      return g_strdup (row->country);

    case LS_TABLE_COLUMN_OUTPUT:
      {
        g_autofree char *output = ls_format_tonnes (row->output, row->unit);
        g_autofree char *change = ls_format_signed_number (row->change, 0);

        baseline = ls_format_tonnes (row->baseline, row->unit);
        /* Translators: the output column's tooltip: "Output 79 t magnet
         * REO; with no levers 3,400 t magnet REO (-3,321)" */
        return g_strdup_printf (_("Output %s; with no levers %s (%s)"), output, baseline, change);
      }

    case LS_TABLE_COLUMN_TARGET:
      value = ls_format_tonnes (row->target, row->unit);
      baseline = ls_format_tonnes (row->baseline, row->unit);
      /* Translators: the target column's tooltip */
      return g_strdup_printf (_("Target %s: the baseline output, %s, with the scenario's capacity changes"),
                              value, baseline);

    case LS_TABLE_COLUMN_SHORTFALL:
      value = ls_format_tonnes (row->shortfall, row->unit);
      /* Translators: the shortfall column's tooltip */
      return g_strdup_printf (_("Shortfall %s: the target that gets no input"), value);

    case LS_TABLE_COLUMN_EVIDENCE:
      return format_evidence (&row->evidence);

    case LS_TABLE_COLUMN_SOURCE:
      return format_cell (row, column);

    case LS_TABLE_COLUMN_SHARE:
    case LS_TABLE_N_COLUMNS:
    default:
      return NULL;
    }
}

/* The table -------------------------------------------------------------- */

struct _LsTableView
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget *column_view;

  /* Owned */
  LsSession         *session;
  LsScenario        *scenario;
  LsResult          *result;
  GListStore        *stages;     /* LsTableRow, one per stage */
  GtkTreeListModel  *tree;
  GtkFileChooserNative *chooser;

  /* The rows are made when the table is on screen, or asked for (the
   * CSV, the tests): a lever moved on the map does not fill a table
   * nobody sees. */
  guint              rows_stale : 1;
};

G_DEFINE_FINAL_TYPE (LsTableView, ls_table_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The evidence cell: a bar of published, estimated and modelled parts,
 * in three strengths of the text colour (solid, half, an outline), as
 * the Sankey draws published flows solid and estimated ones hatched. */
static void
draw_evidence (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  const LsEvidenceSplit *split = g_object_get_data (G_OBJECT (area), "split");
  static const double alphas[LS_N_EVIDENCE] = { 0.85, 0.4, 0.0 };
  double h = MIN (height, 10), y = (height - h) / 2, x = 0.5;
  GdkRGBA color;

  if (split == NULL)
    return;

#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (GTK_WIDGET (area), &color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &color);
#endif

  for (guint e = 0; e < LS_N_EVIDENCE; e++)
    {
      double w = (width - 1) * CLAMP (split->part[e], 0, 1);

      if (!(w > 0))
        continue;
      cairo_rectangle (cr, x, y + 0.5, w, h - 1);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * alphas[e]);
      cairo_fill (cr);
      x += w;
    }

  cairo_rectangle (cr, 0.5, y + 0.5, width - 1, h - 1);
  cairo_set_line_width (cr, 1);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.55);
  cairo_stroke (cr);
}

/* The cell's tooltip is made when it is asked for: setting one on every
 * cell of every rebuild costs a round trip to the display server each
 * (GTK checks whether the pointer is over the widget). */
static gboolean
cell_query_tooltip_cb (GtkWidget   *child,
                       int          x,
                       int          y,
                       gboolean     keyboard_mode,
                       GtkTooltip  *tooltip,
                       GtkListItem *item)
{
  LsTableRow *row = g_object_get_data (G_OBJECT (item), "row");
  LsTableColumn column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (item), "column"));
  g_autofree char *text = NULL;

  if (row == NULL || (text = format_tooltip (row, column)) == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The widget of a cell that carries its tooltip. */
static void
set_cell_child (GtkListItem *item,
                GtkWidget   *child)
{
  gtk_widget_set_has_tooltip (child, TRUE);
  g_signal_connect_object (child, "query-tooltip", G_CALLBACK (cell_query_tooltip_cb), item, 0);
  gtk_list_item_set_child (item, child);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  LsTableColumn column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label;

  switch (column)
    {
    case LS_TABLE_COLUMN_COUNTRY:
      {
        GtkWidget *expander = gtk_tree_expander_new ();
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
        GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
        GtkWidget *tag = gtk_label_new (NULL);
        GtkWidget *note = gtk_label_new (NULL);

        label = gtk_label_new (NULL);
        gtk_label_set_xalign (GTK_LABEL (label), 0.0);
        gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
        gtk_label_set_width_chars (GTK_LABEL (label), 11);
        gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
        gtk_widget_set_hexpand (label, TRUE);
        gtk_box_append (GTK_BOX (line), label);

        gtk_label_set_xalign (GTK_LABEL (tag), 1.0);
        gtk_widget_add_css_class (tag, "caption");
        gtk_widget_add_css_class (tag, "accent");
        gtk_box_append (GTK_BOX (line), tag);
        gtk_box_append (GTK_BOX (box), line);

        /* A capacity change and what fed it, under the name; it wraps
         * rather than widen the column. */
        gtk_label_set_xalign (GTK_LABEL (note), 0.0);
        gtk_label_set_wrap (GTK_LABEL (note), TRUE);
        gtk_label_set_wrap_mode (GTK_LABEL (note), PANGO_WRAP_WORD_CHAR);
        gtk_label_set_width_chars (GTK_LABEL (note), 12);
        gtk_label_set_max_width_chars (GTK_LABEL (note), 22);
        gtk_widget_add_css_class (note, "caption");
        gtk_widget_set_visible (note, FALSE);
        gtk_box_append (GTK_BOX (box), note);

        g_object_set_data (G_OBJECT (expander), "label", label);
        g_object_set_data (G_OBJECT (expander), "tag", tag);
        g_object_set_data (G_OBJECT (expander), "note", note);
        gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
        set_cell_child (item, expander);
        return;
      }

    case LS_TABLE_COLUMN_EVIDENCE:
      {
        GtkWidget *area = g_object_new (GTK_TYPE_DRAWING_AREA,
                                        "accessible-role", GTK_ACCESSIBLE_ROLE_IMG,
                                        "content-width", 48,
                                        "content-height", 12,
                                        "valign", GTK_ALIGN_CENTER,
                                        "halign", GTK_ALIGN_START,
                                        NULL);

        gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_evidence, NULL, NULL);
        set_cell_child (item, area);
        return;
      }

    case LS_TABLE_COLUMN_SOURCE:
      label = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 4);
      break;

    case LS_TABLE_COLUMN_OUTPUT:
    case LS_TABLE_COLUMN_SHARE:
    case LS_TABLE_COLUMN_TARGET:
    case LS_TABLE_COLUMN_SHORTFALL:
    case LS_TABLE_N_COLUMNS:
    default:
      label = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
      break;
    }

  set_cell_child (item, label);
}

static void
set_class (GtkWidget  *widget,
           const char *name,
           gboolean    set)
{
  if (set)
    gtk_widget_add_css_class (widget, name);
  else
    gtk_widget_remove_css_class (widget, name);
}

/* A screen reader reads the tooltip as the cell's description. */
static void
describe_cell (GtkWidget  *child,
               const char *tooltip)
{
  if (tooltip != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* Fills a cell from its row; again when the row changes (a stage row
 * keeps its place while its totals move, so that a folded stage stays
 * folded). */
static void
update_cell (GtkListItem *item)
{
  LsTableColumn column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (item), "column"));
  GtkTreeListRow *tree_row = gtk_list_item_get_item (item);
  g_autoptr(LsTableRow) row = gtk_tree_list_row_get_item (tree_row);
  GtkWidget *child = gtk_list_item_get_child (item);
  g_autofree char *text = format_cell (row, column);
  g_autofree char *tooltip = format_tooltip (row, column);

  switch (column)
    {
    case LS_TABLE_COLUMN_COUNTRY:
      {
        GtkWidget *label = g_object_get_data (G_OBJECT (child), "label");
        GtkWidget *tag = g_object_get_data (G_OBJECT (child), "tag");
        GtkWidget *note = g_object_get_data (G_OBJECT (child), "note");
        g_autofree char *note_text = format_capacity_note (row);
        gboolean short_of_feed = note_text != NULL && !isnan (row->fed) &&
                                 row->fed < row->capacity - TONNE_EPSILON;

        gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (child), tree_row);
        gtk_label_set_label (GTK_LABEL (label), text);
        set_class (label, "stage-row", row->is_stage);
        describe_cell (child, tooltip);

        /* A member says so in words, not only in colour. */
        /* Translators: the tag of a bloc member in the table; keep it
         * short */
        gtk_label_set_label (GTK_LABEL (tag), row->member ? C_("table", "bloc") : "");
        gtk_widget_set_visible (tag, row->member);

        /* Under a stage, its unit; under a country, a capacity change
         * and what fed it. */
        if (row->is_stage)
          {
            g_free (note_text);
            /* Translators: under a stage in the table, its unit: "in t REO" */
            note_text = g_strdup_printf (_("in %s"), row->unit);
          }
        gtk_widget_set_visible (note, note_text != NULL);
        gtk_label_set_label (GTK_LABEL (note), note_text != NULL ? note_text : "");
        set_class (note, "warning", short_of_feed);
        set_class (note, "dim-label", note_text != NULL && !short_of_feed);
        return;
      }

    case LS_TABLE_COLUMN_EVIDENCE:
      /* The row outlives the binding (unbind_cell_cb drops it). */
      g_object_set_data_full (G_OBJECT (child), "split", g_memdup2 (&row->evidence, sizeof row->evidence), g_free);
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
      describe_cell (child, tooltip);
      gtk_widget_queue_draw (child);
      return;

    case LS_TABLE_COLUMN_SHORTFALL:
      set_class (child, "error", row->shortfall >= TONNE_EPSILON);
      set_class (child, "dim-label", !(row->shortfall >= TONNE_EPSILON));
      break;

    case LS_TABLE_COLUMN_OUTPUT:
    case LS_TABLE_COLUMN_SHARE:
    case LS_TABLE_COLUMN_TARGET:
    case LS_TABLE_COLUMN_SOURCE:
    case LS_TABLE_N_COLUMNS:
    default:
      break;
    }

  gtk_label_set_label (GTK_LABEL (child), text);
  describe_cell (child, tooltip);
  set_class (child, "stage-row", row->is_stage);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  LsTableRow *row = gtk_tree_list_row_get_item (gtk_list_item_get_item (item));
  gulong handler;

  g_object_set_data (G_OBJECT (item), "column", user_data);
  update_cell (item);

  /* The row is kept: at unbind, the tree row may have lost it. */
  handler = g_signal_connect_swapped (row, "notify", G_CALLBACK (update_cell), item);
  g_object_set_data (G_OBJECT (item), "notify-handler", GSIZE_TO_POINTER (handler));
  g_object_set_data_full (G_OBJECT (item), "row", row, g_object_unref);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  LsTableColumn column = GPOINTER_TO_UINT (user_data);
  GtkWidget *child = gtk_list_item_get_child (item);
  LsTableRow *row = g_object_get_data (G_OBJECT (item), "row");
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "notify-handler"));

  if (row != NULL && handler != 0)
    g_signal_handler_disconnect (row, handler);
  g_object_set_data (G_OBJECT (item), "notify-handler", NULL);
  g_object_set_data (G_OBJECT (item), "row", NULL);

  if (column == LS_TABLE_COLUMN_EVIDENCE)
    g_object_set_data (G_OBJECT (child), "split", NULL);
  else if (column == LS_TABLE_COLUMN_COUNTRY)
    gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (child), NULL);
}

static void
add_column (LsTableView   *self,
            LsTableColumn  column,
            const char    *title,
            const char    *property,
            gboolean       numeric)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;
  g_autoptr(GtkSorter) sorter = NULL;
  GtkExpression *expression;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (column));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), GUINT_TO_POINTER (column));

  view_column = gtk_column_view_column_new (title, factory);
  expression = gtk_property_expression_new (LS_TYPE_TABLE_ROW, NULL, property);
  if (numeric)
    sorter = GTK_SORTER (gtk_numeric_sorter_new (expression));
  else
    sorter = GTK_SORTER (gtk_string_sorter_new (expression));
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  if (column == LS_TABLE_COLUMN_SOURCE)
    gtk_column_view_column_set_expand (view_column, TRUE);

  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), view_column);
}

/* The countries of a stage sort within it, by the column the user
 * chose; stages keep the order of the chain. */
static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  LsTableView *self = user_data;
  LsTableRow *row = item;
  GtkSorter *sorter = gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view));

  if (!row->is_stage)
    return NULL;

  return G_LIST_MODEL (gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (row->children)),
                                                g_object_ref (sorter)));
}

static LsTableRow *
country_row_new (LsResult *result,
                 guint     s,
                 guint     c,
                 const char *unit)
{
  LsDataset *dataset = ls_result_get_dataset (result);
  int year = ls_result_get_year (result);
  LsTableRow *row = g_object_new (LS_TYPE_TABLE_ROW, NULL);
  const LsFigure *figure;

  row->stage_index = s;
  row->stage = g_strdup (ls_dataset_get_stage_name (dataset, s));
  row->unit = g_strdup (unit);
  row->country = g_strdup (ls_dataset_get_country_name (dataset, c));
  row->country_id = g_strdup (ls_dataset_get_country_id (dataset, c));
  row->output = ls_result_get_production (result, s, c);
  row->share = ls_result_get_share (result, s, c);
  row->baseline = ls_result_get_baseline_production (result, s, c);
  row->change = row->output - row->baseline;
  row->target = ls_result_get_target (result, s, c);
  row->shortfall = ls_result_get_shortfall (result, s, c);
  row->member = ls_result_is_member (result, c);
  ls_result_get_output_evidence (result, s, c, &row->evidence);

  /* A capacity change moves the target off the baseline (DESIGN.md,
   * rebalancing step 4); what of a rise produces was fed. Mining is fed
   * by nothing: its target is its output. */
  row->capacity = row->target - row->baseline;
  if (s > 0 && row->capacity >= TONNE_EPSILON)
    row->fed = CLAMP (row->output - row->baseline, 0, row->capacity);

  figure = ls_dataset_get_production_figure (dataset, year, s, c);
  if (figure != NULL)
    {
      int source = figure->source != NULL ? ls_dataset_lookup_source (dataset, figure->source) : -1;

      row->estimated = figure->estimated;
      if (source >= 0)
        row->source = g_strdup (ls_dataset_get_source_title (dataset, source));
    }

  return row;
}

static void
fill_stage (LsTableView *self,
            LsTableRow  *stage_row,
            guint        s)
{
  LsResult *result = self->result;
  LsDataset *dataset = ls_result_get_dataset (result);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint C = ls_result_get_n_countries (result);

  g_free (stage_row->country);
  g_free (stage_row->stage);
  g_free (stage_row->unit);
  stage_row->country = g_strdup (ls_dataset_get_stage_name (dataset, s));
  stage_row->stage = g_strdup (stage_row->country);
  stage_row->unit = g_strdup (ls_dataset_get_stage_unit (dataset, s));
  stage_row->output = stage_row->baseline = stage_row->target = stage_row->shortfall = 0;
  ls_result_get_output_evidence (result, s, -1, &stage_row->evidence);

  for (guint c = 0; c < C; c++)
    {
      LsTableRow *row;

      /* A country shows when it produces, did in the baseline, or aims
       * to: a new plant that gets nothing is a row with its shortfall. */
      if (!(ls_result_get_production (result, s, c) > 0 || ls_result_get_baseline_production (result, s, c) > 0 ||
            ls_result_get_target (result, s, c) > 0))
        continue;

      row = country_row_new (result, s, c, stage_row->unit);
      stage_row->output += row->output;
      stage_row->baseline += row->baseline;
      stage_row->target += row->target;
      stage_row->shortfall += row->shortfall;
      g_ptr_array_add (rows, row);
    }
  stage_row->change = stage_row->output - stage_row->baseline;
  stage_row->capacity = stage_row->target - stage_row->baseline;

  g_list_store_splice (stage_row->children, 0, g_list_model_get_n_items (G_LIST_MODEL (stage_row->children)),
                       rows->pdata, rows->len);
}

static void
rebuild (LsTableView *self)
{
  guint S = self->result != NULL ? ls_result_get_n_stages (self->result) : 0;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->stages));

  self->rows_stale = FALSE;

  /* The stage rows stay when the stages do, so that a stage the user
   * folded stays folded while the levers move. */
  if (n != S)
    {
      g_autoptr(GPtrArray) stage_rows = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint s = 0; s < S; s++)
        {
          LsTableRow *row = g_object_new (LS_TYPE_TABLE_ROW, NULL);

          row->is_stage = TRUE;
          row->stage_index = s;
          row->children = g_list_store_new (LS_TYPE_TABLE_ROW);
          g_ptr_array_add (stage_rows, row);
        }
      for (guint s = 0; s < S; s++)
        fill_stage (self, g_ptr_array_index (stage_rows, s), s);
      g_list_store_splice (self->stages, 0, n, stage_rows->pdata, stage_rows->len);
      return;
    }

  for (guint s = 0; s < S; s++)
    {
      g_autoptr(LsTableRow) stage_row = g_list_model_get_item (G_LIST_MODEL (self->stages), s);

      fill_stage (self, stage_row, s);
      /* The stage's own cells show its new totals. */
      g_object_notify_by_pspec (G_OBJECT (stage_row), row_properties[ROW_PROP_OUTPUT]);
    }
}

/* The rows of the last result, made now if they wait for the table to
 * be shown. */
static void
ensure_rows (LsTableView *self)
{
  if (self->rows_stale)
    rebuild (self);
}

/* CSV -------------------------------------------------------------------- */

/* A number, or an empty field for what cannot be one (issue 14: no "nan"
 * in a file either). */
static void
append_number (GString *csv,
               double   value,
               int      decimals)
{
  if (isfinite (value))
    ls_format_csv_append_number (csv, value, decimals);
  else
    ls_format_csv_append_field (csv, NULL);
}

/**
 * ls_table_view_to_csv:
 * @self: a table view
 *
 * The table as CSV (RFC 4180, UTF-8): one header line, then one line per
 * (stage, country), the stages in the chain's order and the countries in
 * each as the table sorts them. Numbers are plain (a "." decimal point,
 * no grouping, whatever the locale) so that every spreadsheet reads them;
 * each line names its unit (`unit`: "t REO", "t magnet REO") and the
 * scenario it comes from (`scenario`, `year`, `bloc`, `levers`,
 * `dataset`), so that the file needs no header block to be traced, reads
 * as one rectangular table in any tool, and files from several scenarios
 * can be stacked. README.md "Exports" lists the columns.
 *
 * Returns: (transfer full): the CSV text
 */
char *
ls_table_view_to_csv (LsTableView *self)
{
  GString *csv;
  LsDataset *dataset;
  g_autofree char *title = NULL;
  g_autofree char *bloc = NULL;
  g_autofree char *levers = NULL;
  g_autofree char *year = NULL;
  guint n_stages;

  g_return_val_if_fail (LS_IS_TABLE_VIEW (self), NULL);

  csv = g_string_new ("stage,country,iso3,output_t,unit,share,baseline_t,change_t,target_t,shortfall_t,"
                      "capacity_change_t,capacity_fed_t,member,evidence_published,evidence_estimated,"
                      "evidence_modelled,source,estimated,scenario,year,bloc,levers,dataset\n");
  if (self->result == NULL)
    return g_string_free (csv, FALSE);

  ensure_rows (self);
  dataset = ls_result_get_dataset (self->result);
  year = g_strdup_printf ("%d", ls_result_get_year (self->result));
  if (self->scenario != NULL)
    {
      title = ls_scenario_text_title (self->scenario, FALSE);
      bloc = ls_scenario_text_bloc (self->result, self->scenario);
      levers = ls_scenario_text_levers (self->scenario, dataset);
    }

  n_stages = g_list_model_get_n_items (G_LIST_MODEL (self->stages));
  for (guint s = 0; s < n_stages; s++)
    {
      g_autoptr(LsTableRow) stage_row = g_list_model_get_item (G_LIST_MODEL (self->stages), s);
      g_autoptr(GListModel) countries = create_children_cb (stage_row, self);
      guint n = g_list_model_get_n_items (countries);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LsTableRow) row = g_list_model_get_item (countries, i);
          gboolean has_capacity = fabs (row->capacity) >= TONNE_EPSILON;

          ls_format_csv_append_field (csv, ls_dataset_get_stage_id (dataset, row->stage_index));
          ls_format_csv_append_field (csv, row->country);
          ls_format_csv_append_field (csv, row->country_id);
          append_number (csv, row->output, 3);
          ls_format_csv_append_field (csv, row->unit);
          append_number (csv, row->share, 6);
          append_number (csv, row->baseline, 3);
          append_number (csv, row->change, 3);
          append_number (csv, row->target, 3);
          append_number (csv, row->shortfall, 3);
          append_number (csv, has_capacity ? row->capacity : NAN, 3);
          append_number (csv, has_capacity ? row->fed : NAN, 3);
          ls_format_csv_append_field (csv, row->member ? "yes" : "no");
          for (guint e = 0; e < LS_N_EVIDENCE; e++)
            append_number (csv, row->evidence.part[e], 4);
          ls_format_csv_append_field (csv, row->source);
          ls_format_csv_append_field (csv, row->estimated ? "yes" : "no");
          ls_format_csv_append_field (csv, title);
          ls_format_csv_append_field (csv, year);
          ls_format_csv_append_field (csv, bloc);
          ls_format_csv_append_field (csv, levers);
          ls_format_csv_append_field (csv, ls_dataset_get_title (dataset));
          g_string_append_c (csv, '\n');
        }
    }

  return g_string_free (csv, FALSE);
}

/**
 * ls_table_view_save_csv:
 * @self: a table view
 * @file: where to write
 * @error: return location for an error
 *
 * Writes ls_table_view_to_csv() to @file atomically: an existing file is
 * replaced only once the new one is complete.
 *
 * Returns: %TRUE on success
 */
gboolean
ls_table_view_save_csv (LsTableView  *self,
                        GFile        *file,
                        GError      **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (LS_IS_TABLE_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  csv = ls_table_view_to_csv (self);

  return g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}

static void
show_error (LsTableView *self,
            const char  *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("Could Not Export Table"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     LsTableView     *self)
{
  g_autoptr(GFile) chosen = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      file = ls_export_dialog_fix_extension (chosen, "csv");
      ls_export_dialog_remember_folder (file);
      if (ls_table_view_save_csv (self, file, &error))
        g_signal_emit (self, signals[SIGNAL_EXPORTED], 0, file);
      else
        show_error (self, error->message);
    }

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

/* table.export-csv: asks where, in the last folder an export went to or
 * the user's Documents, under the scenario's name. */
static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LsTableView *self = LS_TABLE_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) folder = ls_export_dialog_dup_folder (G_USER_DIRECTORY_DOCUMENTS);
  g_autofree char *name = NULL;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  /* Translators: the default name of an exported table, "Baseline 2024 –
   * table" */
  name = ls_export_dialog_dup_file_name (self->scenario, C_("file name", "table"), "csv");
  self->chooser = gtk_file_chooser_native_new (_("Export Table"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("CSV Table"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
ls_table_view_map (GtkWidget *widget)
{
  ensure_rows (LS_TABLE_VIEW (widget));

  GTK_WIDGET_CLASS (ls_table_view_parent_class)->map (widget);
}

static void
ls_table_view_dispose (GObject *object)
{
  LsTableView *self = LS_TABLE_VIEW (object);
  GtkWidget *child;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_TABLE_VIEW);

  /* Children without an id are not the template's to drop. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->tree);
  g_clear_object (&self->stages);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->scenario);

  G_OBJECT_CLASS (ls_table_view_parent_class)->dispose (object);
}

static void
ls_table_view_finalize (GObject *object)
{
  LsTableView *self = LS_TABLE_VIEW (object);

  g_clear_pointer (&self->result, ls_result_unref);

  G_OBJECT_CLASS (ls_table_view_parent_class)->finalize (object);
}

static void
ls_table_view_class_init (LsTableViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_table_view_dispose;
  object_class->finalize = ls_table_view_finalize;

  widget_class->map = ls_table_view_map;

  /**
   * LsTableView::exported:
   * @file: the CSV file written
   *
   * The table was exported with table.export-csv (a failure is reported
   * by the view itself).
   */
  signals[SIGNAL_EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  ls_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, LS_RESOURCE_PATH "/ui/ls-table-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LsTableView, column_view);

  /* Ctrl+E exports what the view shows: here, the table (m16). The
   * window's Ctrl+E (an application accelerator, which comes before any
   * widget's shortcut) activates this while the table is shown. */
  gtk_widget_class_install_action (widget_class, "table.export-csv", NULL, export_csv_action);

  gtk_widget_class_set_css_name (widget_class, "tableview");
}

static void
ls_table_view_init (LsTableView *self)
{
  GtkSelectionModel *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Translators: the first column of the table: the stages, and their
   * countries under each */
  add_column (self, LS_TABLE_COLUMN_COUNTRY, _("Stage and Country"), "country", FALSE);
  add_column (self, LS_TABLE_COLUMN_OUTPUT, _("Output"), "output", TRUE);
  add_column (self, LS_TABLE_COLUMN_SHARE, _("Share"), "share", TRUE);
  add_column (self, LS_TABLE_COLUMN_TARGET, _("Target"), "target", TRUE);
  add_column (self, LS_TABLE_COLUMN_SHORTFALL, _("Shortfall"), "shortfall", TRUE);
  /* Translators: the column of what each figure rests on: published,
   * estimated or model */
  add_column (self, LS_TABLE_COLUMN_EVIDENCE, _("Evidence"), "unpublished", TRUE);
  add_column (self, LS_TABLE_COLUMN_SOURCE, _("Source"), "source", FALSE);

  self->stages = g_list_store_new (LS_TYPE_TABLE_ROW);
  self->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->stages)), FALSE, TRUE,
                                        create_children_cb, self, NULL);
  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tree))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (selection), FALSE);
  gtk_single_selection_set_can_unselect (GTK_SINGLE_SELECTION (selection), TRUE);
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->column_view), selection);
  g_object_unref (selection);
}

GtkWidget *
ls_table_view_new (void)
{
  return g_object_new (LS_TYPE_TABLE_VIEW, NULL);
}

/**
 * ls_table_view_set_result:
 * @self: a table view
 * @result: (nullable): the result to list
 *
 * Lists every (stage, country) with output, baseline output or a target
 * in @result. ls_table_view_set_session() calls it as the session
 * computes.
 */
void
ls_table_view_set_result (LsTableView *self,
                          LsResult    *result)
{
  g_return_if_fail (LS_IS_TABLE_VIEW (self));

  if (self->result == result)
    return;

  if (result != NULL)
    ls_result_ref (result);
  g_clear_pointer (&self->result, ls_result_unref);
  self->result = result;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    rebuild (self);
  else
    self->rows_stale = TRUE;
}

/**
 * ls_table_view_set_scenario:
 * @self: a table view
 * @scenario: (nullable): the scenario the result comes from
 *
 * The scenario whose name, bloc and levers the CSV carries, and whose
 * name the exported file takes. Read when the table is exported, so that
 * it may be edited meanwhile.
 */
void
ls_table_view_set_scenario (LsTableView *self,
                            LsScenario  *scenario)
{
  g_return_if_fail (LS_IS_TABLE_VIEW (self));
  g_return_if_fail (scenario == NULL || LS_IS_SCENARIO (scenario));

  g_set_object (&self->scenario, scenario);
}

static void
session_changed_cb (LsTableView *self)
{
  ls_table_view_set_scenario (self, ls_session_get_scenario (self->session));
  ls_table_view_set_result (self, ls_session_get_result (self->session));
}

/**
 * ls_table_view_set_session:
 * @self: a table view
 * @session: (nullable): the session to follow
 *
 * Follows @session: its result, as it computes, and its scenario.
 */
void
ls_table_view_set_session (LsTableView *self,
                           LsSession   *session)
{
  g_return_if_fail (LS_IS_TABLE_VIEW (self));
  g_return_if_fail (session == NULL || LS_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);

  if (session == NULL)
    return;

  g_signal_connect_swapped (session, "notify::result", G_CALLBACK (session_changed_cb), self);
  g_signal_connect_swapped (session, "notify::scenario", G_CALLBACK (session_changed_cb), self);
  session_changed_cb (self);
}

/**
 * ls_table_view_get_n_rows:
 *
 * Returns: the number of (stage, country) rows, whichever stages are
 *   folded
 */
guint
ls_table_view_get_n_rows (LsTableView *self)
{
  guint n = 0;

  g_return_val_if_fail (LS_IS_TABLE_VIEW (self), 0);

  ensure_rows (self);

  for (guint s = 0; s < g_list_model_get_n_items (G_LIST_MODEL (self->stages)); s++)
    {
      g_autoptr(LsTableRow) stage_row = g_list_model_get_item (G_LIST_MODEL (self->stages), s);

      n += g_list_model_get_n_items (G_LIST_MODEL (stage_row->children));
    }

  return n;
}

/**
 * _ls_table_view_dup_texts:
 *
 * Every text the table can show, row by row in the stages' order: each
 * cell's text, its tooltip and a capacity note, for tests that check
 * what a user could read (issue 14: never "nan" or "inf").
 *
 * Returns: (transfer full): the texts
 */
char **
_ls_table_view_dup_texts (LsTableView *self)
{
  g_autoptr(GStrvBuilder) texts = g_strv_builder_new ();

  g_return_val_if_fail (LS_IS_TABLE_VIEW (self), NULL);

  ensure_rows (self);

  for (guint s = 0; s < g_list_model_get_n_items (G_LIST_MODEL (self->stages)); s++)
    {
      g_autoptr(LsTableRow) stage_row = g_list_model_get_item (G_LIST_MODEL (self->stages), s);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (stage_row->children));

      for (guint i = 0; i <= n; i++)
        {
          g_autoptr(LsTableRow) row = i == 0 ? g_object_ref (stage_row)
                                             : g_list_model_get_item (G_LIST_MODEL (stage_row->children), i - 1);
          g_autofree char *note = format_capacity_note (row);

          for (LsTableColumn column = 0; column < LS_TABLE_N_COLUMNS; column++)
            {
              g_autofree char *text = format_cell (row, column);
              g_autofree char *tooltip = format_tooltip (row, column);

              g_strv_builder_add (texts, text);
              if (tooltip != NULL)
                g_strv_builder_add (texts, tooltip);
            }
          if (note != NULL)
            g_strv_builder_add (texts, note);
        }
    }

  return g_strv_builder_end (texts);
}

/**
 * _ls_table_view_dup_capacity_note:
 * @stage: a stage index
 * @iso3: a country
 *
 * Returns: (transfer full) (nullable): the capacity note under @iso3 at
 *   @stage, or %NULL when it has none or no row
 */
char *
_ls_table_view_dup_capacity_note (LsTableView *self,
                                  guint        stage,
                                  const char  *iso3)
{
  g_autoptr(LsTableRow) stage_row = NULL;

  g_return_val_if_fail (LS_IS_TABLE_VIEW (self), NULL);

  ensure_rows (self);
  if (stage >= g_list_model_get_n_items (G_LIST_MODEL (self->stages)))
    return NULL;

  stage_row = g_list_model_get_item (G_LIST_MODEL (self->stages), stage);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (stage_row->children)); i++)
    {
      g_autoptr(LsTableRow) row = g_list_model_get_item (G_LIST_MODEL (stage_row->children), i);

      if (g_strcmp0 (row->country_id, iso3) == 0)
        return format_capacity_note (row);
    }

  return NULL;
}
