/* ls-sankey-describe.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-sankey-figure"

#include "config.h"

#include "ls-sankey-figure-private.h"

#include "ls-format.h"

#include <glib/gi18n-lib.h>
#include <math.h>

static const char *
kind_description (LsSankeyNodeKind kind)
{
  switch (kind)
    {
    case LS_SANKEY_NODE_OTHER:
      return _("countries below the threshold, merged");
    case LS_SANKEY_NODE_UNKNOWN:
      return _("supply whose origin no source gives");
    case LS_SANKEY_NODE_UNALLOCATED:
      return _("output with no known buyer (stocks, untracked trade)");
    case LS_SANKEY_NODE_SHORTFALL:
      return _("output the stage lacks against its target");
    case LS_SANKEY_NODE_OTHER_USES:
      return _("input not turned into the stage's product");
    case LS_SANKEY_NODE_COUNTRY:
    default:
      return NULL;
    }
}

/**
 * ls_sankey_figure_describe_node:
 * @self: a figure
 * @node: a node
 *
 * The text of a node's tooltip: what it is, its tonnes, its share of the
 * stage, the source of its figure and whether it is estimated.
 *
 * Returns: (transfer full): the text
 */
char *
ls_sankey_figure_describe_node (const LsSankeyFigure *self,
                                guint                 node)
{
  const LsSankeyNode *n;
  LsDataset *dataset;
  GString *text;
  g_autofree char *tonnes = NULL;
  g_autofree char *share = NULL;
  const char *what;
  guint stage, unit_stage;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (node < self->nodes->len, NULL);

  n = &g_array_index (self->nodes, LsSankeyNode, node);
  dataset = ls_result_get_dataset (self->result);
  text = g_string_new (NULL);
  tonnes = _ls_sankey_format_tonnes (n->tonnes);
  share = _ls_sankey_format_share (n->share);

  /* Unallocated and other-uses nodes sit right of the stage whose
   * material they hold. */
  stage = unit_stage = n->stage;
  if (n->kind == LS_SANKEY_NODE_UNALLOCATED || n->kind == LS_SANKEY_NODE_OTHER_USES)
    stage = unit_stage = n->stage - 1;
  /* other uses are counted in the stage's input unit */
  if (n->kind == LS_SANKEY_NODE_OTHER_USES)
    unit_stage = stage - 1;

  g_string_append_printf (text, "%s — %s\n", n->name,
                          ls_dataset_get_stage_name (dataset, stage));
  what = kind_description (n->kind);
  if (what != NULL)
    g_string_append_printf (text, "%s\n", what);
  g_string_append_printf (text, _("%s (%s), %s of the stage"), tonnes,
                          ls_dataset_get_stage_unit (dataset, unit_stage), share);

  if (n->kind == LS_SANKEY_NODE_COUNTRY)
    {
      double baseline = ls_result_get_baseline_production (self->result, n->stage, n->country);
      double shortfall = ls_result_get_shortfall (self->result, n->stage, n->country);

      if (fabs (baseline - n->tonnes) > 1e-6 * MAX (baseline, 1))
        {
          g_autofree char *before = _ls_sankey_format_tonnes (baseline);

          g_string_append_printf (text, _("\nScenario figure; baseline %s"), before);
        }
      if (shortfall > 0)
        {
          g_autofree char *missing = _ls_sankey_format_tonnes (shortfall);

          g_string_append_printf (text, _("\n%s short of its target"), missing);
        }
    }
  else if (n->kind == LS_SANKEY_NODE_OTHER)
    {
      guint listed = 0;

      for (guint c = 0; c < ls_result_get_n_countries (self->result); c++)
        {
          double p = ls_result_get_production (self->result, n->stage, c);
          g_autofree char *amount = NULL;

          if (!(p > 0) || ls_result_get_share (self->result, n->stage, c) >= self->other_threshold)
            continue;
          amount = _ls_sankey_format_tonnes (p);
          g_string_append_printf (text, "%s%s %s", listed == 0 ? "\n" : ", ",
                                  ls_dataset_get_country_name (dataset, c), amount);
          listed++;
        }
    }

  if (n->source_title != NULL)
    g_string_append_printf (text, _("\nSource: %s"), n->source_title);
  else if (n->kind == LS_SANKEY_NODE_COUNTRY)
    g_string_append (text, _("\nSource: not given (a scenario figure)"));
  else if (n->kind != LS_SANKEY_NODE_OTHER)
    g_string_append (text, _("\nSource: computed by the model"));
  if (n->estimated)
    g_string_append (text, _("\nEstimated figure"));
  if (n->kind == LS_SANKEY_NODE_COUNTRY && ls_result_is_member (self->result, n->country))
    g_string_append (text, _("\nBloc member"));

  return g_string_free (text, FALSE);
}

static int
compare_shares (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const LsSankeyFigure *self = user_data;
  const LsSankeyNode *x = &g_array_index (self->nodes, LsSankeyNode, *(const guint *)a);
  const LsSankeyNode *y = &g_array_index (self->nodes, LsSankeyNode, *(const guint *)b);

  if (x->share != y->share)
    return x->share > y->share ? -1 : 1;
  return 0;
}

/**
 * ls_sankey_figure_describe:
 * @self: a figure
 *
 * The figure in words, for the accessible description: for each stage,
 * its countries by share, largest first ("Mining: China 69 %, …").
 *
 * Returns: (transfer full): the text
 */
char *
ls_sankey_figure_describe (const LsSankeyFigure *self)
{
  LsDataset *dataset;
  GString *text;

  g_return_val_if_fail (self != NULL, NULL);

  dataset = ls_result_get_dataset (self->result);
  text = g_string_new (NULL);

  for (guint s = 0; s < self->n_columns; s++)
    {
      g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint n = 0; n < self->nodes->len; n++)
        {
          const LsSankeyNode *node = &g_array_index (self->nodes, LsSankeyNode, n);

          if (node->stage == s && (node->kind == LS_SANKEY_NODE_COUNTRY || node->kind == LS_SANKEY_NODE_OTHER))
            g_array_append_val (members, n);
        }
      g_array_sort_with_data (members, compare_shares, (gpointer)self);

      if (s > 0)
        g_string_append (text, "; ");
      g_string_append_printf (text, "%s:", ls_dataset_get_stage_name (dataset, s));
      for (guint i = 0; i < members->len; i++)
        {
          const LsSankeyNode *node = &g_array_index (self->nodes, LsSankeyNode,
                                                     g_array_index (members, guint, i));

          g_autofree char *share = ls_format_percent (node->share, 0);

          g_string_append_printf (text, "%s %s %s", i > 0 ? "," : "", node->name, share);
        }
      if (members->len == 0)
        g_string_append_printf (text, " %s", _("none"));
    }
  g_string_append (text, ".");

  return g_string_free (text, FALSE);
}
