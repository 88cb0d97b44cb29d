/* ls-table-view.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-table-view"

#include "config.h"

#include "ls-table-view.h"

#include "ls-application.h"
#include "ls-format.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* LsTableRow: one (stage, country) line of the table. It is private to
 * this file: nothing else needs it, and it only holds copied figures. */

#define LS_TYPE_TABLE_ROW (ls_table_row_get_type ())

G_DECLARE_FINAL_TYPE (LsTableRow, ls_table_row, LS, TABLE_ROW, GObject)

struct _LsTableRow
{
  GObject parent_instance;

  guint     stage_index;
  char     *stage;
  char     *country;
  char     *country_id;
  double    output;
  double    share;
  double    baseline;
  double    change;
  gboolean  member;
  char     *source;
  gboolean  estimated;
};

G_DEFINE_FINAL_TYPE (LsTableRow, ls_table_row, G_TYPE_OBJECT)

enum {
  ROW_PROP_0,
  ROW_PROP_STAGE_INDEX,
  ROW_PROP_COUNTRY,
  ROW_PROP_OUTPUT,
  ROW_PROP_SHARE,
  ROW_PROP_BASELINE,
  ROW_PROP_CHANGE,
  ROW_PROP_MEMBER,
  ROW_PROP_SOURCE,
  ROW_PROP_ESTIMATED,
  ROW_N_PROPS
};

static GParamSpec *row_properties[ROW_N_PROPS];

static void
ls_table_row_finalize (GObject *object)
{
  LsTableRow *self = LS_TABLE_ROW (object);

  g_free (self->stage);
  g_free (self->country);
  g_free (self->country_id);
  g_free (self->source);

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
    case ROW_PROP_STAGE_INDEX:
      g_value_set_uint (value, self->stage_index);
      break;
    case ROW_PROP_COUNTRY:
      g_value_set_string (value, self->country);
      break;
    case ROW_PROP_OUTPUT:
      g_value_set_double (value, self->output);
      break;
    case ROW_PROP_SHARE:
      g_value_set_double (value, self->share);
      break;
    case ROW_PROP_BASELINE:
      g_value_set_double (value, self->baseline);
      break;
    case ROW_PROP_CHANGE:
      g_value_set_double (value, self->change);
      break;
    case ROW_PROP_MEMBER:
      g_value_set_boolean (value, self->member);
      break;
    case ROW_PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case ROW_PROP_ESTIMATED:
      g_value_set_boolean (value, self->estimated);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_table_row_class_init (LsTableRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ls_table_row_finalize;
  object_class->get_property = ls_table_row_get_property;

  row_properties[ROW_PROP_STAGE_INDEX] =
    g_param_spec_uint ("stage-index", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  row_properties[ROW_PROP_COUNTRY] =
    g_param_spec_string ("country", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  row_properties[ROW_PROP_OUTPUT] =
    g_param_spec_double ("output", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  row_properties[ROW_PROP_SHARE] =
    g_param_spec_double ("share", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  row_properties[ROW_PROP_BASELINE] =
    g_param_spec_double ("baseline", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  row_properties[ROW_PROP_CHANGE] =
    g_param_spec_double ("change", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  row_properties[ROW_PROP_MEMBER] =
    g_param_spec_boolean ("member", NULL, NULL, FALSE, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  row_properties[ROW_PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  row_properties[ROW_PROP_ESTIMATED] =
    g_param_spec_boolean ("estimated", NULL, NULL, FALSE, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);
}

static void
ls_table_row_init (LsTableRow *self)
{
}

/* The table -------------------------------------------------------------- */

typedef enum
{
  COLUMN_STAGE,
  COLUMN_COUNTRY,
  COLUMN_OUTPUT,
  COLUMN_SHARE,
  COLUMN_BASELINE,
  COLUMN_CHANGE,
  COLUMN_MEMBER,
  COLUMN_SOURCE,
  COLUMN_ESTIMATED,
  N_COLUMNS
} Column;

struct _LsTableView
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget *column_view;

  /* Owned */
  LsResult      *result;
  GListStore    *store;
  GtkSortListModel *sorted;
};

G_DEFINE_FINAL_TYPE (LsTableView, ls_table_view, GTK_TYPE_WIDGET)

static char *
format_cell (LsTableRow *row,
             Column      column)
{
  switch (column)
    {
    case COLUMN_STAGE:
      return g_strdup (row->stage);
    case COLUMN_COUNTRY:
      return g_strdup (row->country);
    case COLUMN_OUTPUT:
      return ls_format_number (row->output, 0);
    case COLUMN_SHARE:
      return ls_format_percent (row->share, 1);
    case COLUMN_BASELINE:
      return ls_format_number (row->baseline, 0);
    case COLUMN_CHANGE:
      return ls_format_signed_number (row->change, 0);
    case COLUMN_MEMBER:
      return g_strdup (row->member ? _("Yes") : _("No"));
    case COLUMN_SOURCE:
      return g_strdup (row->source != NULL ? row->source : "");
    case COLUMN_ESTIMATED:
      return g_strdup (row->estimated ? _("Estimated") : "");
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  switch (column)
    {
    case COLUMN_OUTPUT:
    case COLUMN_SHARE:
    case COLUMN_BASELINE:
    case COLUMN_CHANGE:
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
      break;
    case COLUMN_SOURCE:
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 20);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
      break;
    case COLUMN_STAGE:
    case COLUMN_COUNTRY:
    case COLUMN_MEMBER:
    case COLUMN_ESTIMATED:
    case N_COLUMNS:
    default:
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      break;
    }

  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_UINT (user_data);
  LsTableRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = format_cell (row, column);

  gtk_label_set_label (GTK_LABEL (label), text);
  if (column == COLUMN_SOURCE)
    gtk_widget_set_tooltip_text (label, row->source);

  gtk_widget_remove_css_class (label, "success");
  gtk_widget_remove_css_class (label, "error");
  if (column == COLUMN_CHANGE && row->change >= 0.5)
    gtk_widget_add_css_class (label, "success");
  else if (column == COLUMN_CHANGE && row->change <= -0.5)
    gtk_widget_add_css_class (label, "error");
}

static void
add_column (LsTableView *self,
            Column       column,
            const char  *title,
            const char  *property,
            gboolean     numeric)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;
  GtkExpression *expression;
  GtkSorter *sorter;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (column));

  view_column = gtk_column_view_column_new (title, factory);
  expression = gtk_property_expression_new (LS_TYPE_TABLE_ROW, NULL, property);
  if (numeric)
    sorter = GTK_SORTER (gtk_numeric_sorter_new (expression));
  else
    sorter = GTK_SORTER (gtk_string_sorter_new (expression));
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  if (column == COLUMN_SOURCE)
    gtk_column_view_column_set_expand (view_column, TRUE);

  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), view_column);

  g_object_unref (sorter);
  g_object_unref (view_column);
}

static void
rebuild (LsTableView *self)
{
  LsDataset *dataset = ls_result_get_dataset (self->result);
  guint S = ls_result_get_n_stages (self->result);
  guint C = ls_result_get_n_countries (self->result);
  int year = ls_result_get_year (self->result);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint s = 0; s < S; s++)
    for (guint c = 0; c < C; c++)
      {
        double output = ls_result_get_production (self->result, s, c);
        double baseline = ls_result_get_baseline_production (self->result, s, c);
        const LsFigure *figure;
        LsTableRow *row;

        if (output <= 0.0 && baseline <= 0.0)
          continue;

        row = g_object_new (LS_TYPE_TABLE_ROW, NULL);
        row->stage_index = s;
        row->stage = g_strdup (ls_dataset_get_stage_name (dataset, s));
        row->country = g_strdup (ls_dataset_get_country_name (dataset, c));
        row->country_id = g_strdup (ls_dataset_get_country_id (dataset, c));
        row->output = output;
        row->share = ls_result_get_share (self->result, s, c);
        row->baseline = baseline;
        row->change = output - baseline;
        row->member = ls_result_is_member (self->result, c);

        figure = ls_dataset_get_production_figure (dataset, year, s, c);
        if (figure != NULL)
          {
            int source = figure->source != NULL ? ls_dataset_lookup_source (dataset, figure->source) : -1;

            row->estimated = figure->estimated;
            if (source >= 0)
              row->source = g_strdup (ls_dataset_get_source_title (dataset, source));
          }

        g_ptr_array_add (rows, row);
      }

  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       rows->pdata, rows->len);
}

static void
ls_table_view_dispose (GObject *object)
{
  LsTableView *self = LS_TABLE_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_TABLE_VIEW);

  /* Children without an id are not the template's to drop. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->sorted);
  g_clear_object (&self->store);

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

  ls_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, LS_RESOURCE_PATH "/ui/ls-table-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LsTableView, column_view);

  gtk_widget_class_set_css_name (widget_class, "tableview");
}

static void
ls_table_view_init (LsTableView *self)
{
  GtkSelectionModel *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  add_column (self, COLUMN_STAGE, _("Stage"), "stage-index", TRUE);
  add_column (self, COLUMN_COUNTRY, _("Country"), "country", FALSE);
  add_column (self, COLUMN_OUTPUT, _("Output (t)"), "output", TRUE);
  add_column (self, COLUMN_SHARE, _("Share"), "share", TRUE);
  add_column (self, COLUMN_BASELINE, _("Baseline (t)"), "baseline", TRUE);
  add_column (self, COLUMN_CHANGE, _("Change (t)"), "change", TRUE);
  add_column (self, COLUMN_MEMBER, _("Member"), "member", TRUE);
  add_column (self, COLUMN_SOURCE, _("Source"), "source", FALSE);
  add_column (self, COLUMN_ESTIMATED, _("Estimated"), "estimated", TRUE);

  self->store = g_list_store_new (LS_TYPE_TABLE_ROW);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                          g_object_ref (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view))));
  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (selection), FALSE);
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
 * @result: the result to list
 *
 * Lists every (stage, country) with output in @result or its baseline.
 */
void
ls_table_view_set_result (LsTableView *self,
                          LsResult    *result)
{
  g_return_if_fail (LS_IS_TABLE_VIEW (self));
  g_return_if_fail (result != NULL);

  if (self->result == result)
    return;

  ls_result_ref (result);
  g_clear_pointer (&self->result, ls_result_unref);
  self->result = result;

  rebuild (self);
}

guint
ls_table_view_get_n_rows (LsTableView *self)
{
  g_return_val_if_fail (LS_IS_TABLE_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
}

/**
 * ls_table_view_to_csv:
 * @self: a table view
 *
 * Returns: (transfer full): the rows in their displayed order as CSV, with
 *   plain numbers (C locale, full precision) so that spreadsheets read them
 */
char *
ls_table_view_to_csv (LsTableView *self)
{
  GString *csv = g_string_new ("stage,country,iso3,output_t,share,baseline_t,change_t,member,source,estimated\n");
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LsTableRow) row = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);
      LsDataset *dataset = ls_result_get_dataset (self->result);

      ls_format_csv_append_field (csv, ls_dataset_get_stage_id (dataset, row->stage_index));
      ls_format_csv_append_field (csv, row->country);
      ls_format_csv_append_field (csv, row->country_id);
      ls_format_csv_append_number (csv, row->output, 3);
      ls_format_csv_append_number (csv, row->share, 6);
      ls_format_csv_append_number (csv, row->baseline, 3);
      ls_format_csv_append_number (csv, row->change, 3);
      ls_format_csv_append_field (csv, row->member ? "yes" : "no");
      ls_format_csv_append_field (csv, row->source);
      ls_format_csv_append_field (csv, row->estimated ? "yes" : "no");
      g_string_append_c (csv, '\n');
    }

  return g_string_free (csv, FALSE);
}
