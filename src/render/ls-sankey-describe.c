/* ls-sankey-describe.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-sankey-figure"

#include "config.h"

#include "ls-sankey-figure-private.h"

#include "ls-explain.h"
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
    case LS_SANKEY_NODE_OTHER_USES:
      return _("input not turned into the stage's product");
    case LS_SANKEY_NODE_COUNTRY:
    default:
      return NULL;
    }
}

/* The stage whose material a node holds, and the one whose unit counts
 * it: unallocated and other-uses nodes sit right of the stage whose
 * output they hold, and other uses are counted in that stage's input
 * unit. */
static void
node_stages (const LsSankeyNode *n,
             guint              *stage,
             guint              *unit_stage)
{
  *stage = *unit_stage = n->stage;
  if (n->kind == LS_SANKEY_NODE_UNALLOCATED || n->kind == LS_SANKEY_NODE_OTHER_USES)
    *stage = *unit_stage = n->stage - 1;
  if (n->kind == LS_SANKEY_NODE_OTHER_USES)
    *unit_stage = *stage - 1;
}

/* "3.4 kt needed, 79 t received", or for a plant that did not exist
 * before the scenario "capacity +5.0 kt, 0 t fed"; NULL when the node's
 * need is met. */
static char *
unmet_text (const LsSankeyFigure *self,
            const LsSankeyNode   *n)
{
  g_autofree char *received = NULL;

  if (!(n->unmet > 0))
    return NULL;

  received = _ls_sankey_format_tonnes (n->tonnes);
  if (n->kind == LS_SANKEY_NODE_COUNTRY &&
      !(ls_result_get_baseline_production (self->result, n->stage, n->country) > 0))
    {
      g_autofree char *added = _ls_sankey_format_tonnes (n->target);

      /* Translators: a new plant the scenario adds and what it gets,
       * e.g. "capacity +5.0 kt, 0 t fed" */
      return g_strdup_printf (_("capacity +%s, %s fed"), added, received);
    }
  else
    {
      g_autofree char *needed = _ls_sankey_format_tonnes (n->target);

      /* Translators: a country short of its need, e.g. "3.4 kt needed, 79 t received" */
      return g_strdup_printf (_("%s needed, %s received"), needed, received);
    }
}

/* Whether @country's output at @stage is drawn in the stage's "Other". */
static gboolean
merged_into_other (const LsSankeyFigure *self,
                   guint                 stage,
                   guint                 country)
{
  int node = ls_sankey_figure_lookup_country (self, ls_dataset_get_country_id (ls_result_get_dataset (self->result),
                                                                              country), stage);

  return node < 0 && (ls_result_get_production (self->result, stage, country) > 0 ||
                      ls_result_get_shortfall (self->result, stage, country) > 0);
}

static void
describe_pseudo_node (const LsSankeyFigure *self,
                      const LsSankeyNode   *n,
                      GString              *text)
{
  LsDataset *dataset = ls_result_get_dataset (self->result);
  g_autofree char *tonnes = _ls_sankey_format_tonnes (n->tonnes);
  g_autofree char *share = _ls_sankey_format_share (n->share);
  g_autofree char *unmet = unmet_text (self, n);
  const char *what = kind_description (n->kind);
  guint stage, unit_stage;

  node_stages (n, &stage, &unit_stage);
  g_string_append_printf (text, "%s — %s\n", n->name, ls_dataset_get_stage_name (dataset, stage));
  if (what != NULL)
    g_string_append_printf (text, "%s\n", what);
  g_string_append_printf (text, _("%s (%s), %s of the stage"), tonnes,
                          ls_dataset_get_stage_unit (dataset, unit_stage), share);
  if (unmet != NULL)
    g_string_append_printf (text, "\n%s", unmet);

  if (n->kind == LS_SANKEY_NODE_OTHER)
    {
      guint listed = 0;

      for (guint c = 0; c < ls_result_get_n_countries (self->result); c++)
        {
          double p = ls_result_get_production (self->result, n->stage, c);
          double missing = ls_result_get_shortfall (self->result, n->stage, c);
          g_autofree char *amount = NULL;

          if (!merged_into_other (self, n->stage, c))
            continue;
          amount = _ls_sankey_format_tonnes (p);
          g_string_append_printf (text, "%s%s %s", listed == 0 ? "\n" : ", ",
                                  ls_dataset_get_country_name (dataset, c), amount);
          if (missing > 0)
            {
              g_autofree char *short_of = _ls_sankey_format_tonnes (missing);

              /* Translators: after a country's figure in a list, e.g. "Estonia 0 t (12 t short)" */
              g_string_append_printf (text, _(" (%s short)"), short_of);
            }
          listed++;
        }
    }

  if (n->source_title != NULL)
    g_string_append_printf (text, _("\nSource: %s"), n->source_title);
  else if (n->kind != LS_SANKEY_NODE_OTHER)
    g_string_append (text, _("\nSource: computed by the model"));
  if (n->estimated)
    g_string_append (text, _("\nEstimated figure"));
}

/**
 * ls_sankey_figure_describe_node:
 * @self: a figure
 * @node: a node
 * @ranges: (nullable): the ranges of the figure's result, once computed
 *
 * The text of a node's tooltip and of its accessible description when it
 * has the focus. A country's is its explanation (ls_explain_text(), the
 * text of the share panel's popover), after what it needed and did not
 * receive when a cut-off or a new plant left it short; a merged or
 * pseudo-node's says what it is, its tonnes, its share of the stage, the
 * source of its figure and whether it is estimated.
 *
 * Returns: (transfer full): the text
 */
char *
ls_sankey_figure_describe_node (const LsSankeyFigure *self,
                                guint                 node,
                                const LsRanges       *ranges)
{
  const LsSankeyNode *n;
  GString *text;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (node < self->nodes->len, NULL);

  n = &g_array_index (self->nodes, LsSankeyNode, node);
  text = g_string_new (NULL);

  if (n->kind == LS_SANKEY_NODE_COUNTRY)
    {
      g_autofree char *unmet = unmet_text (self, n);
      g_autofree char *explained = ls_explain_text (self->result, ranges, LS_EXPLAIN_COUNTRY,
                                                    n->stage, n->country, 0);

      if (unmet != NULL)
        g_string_append_printf (text, "%s — %s\n", n->name, unmet);
      g_string_append (text, explained);
      if (ls_result_is_member (self->result, n->country))
        g_string_append (text, _("\nBloc member"));
    }
  else
    {
      describe_pseudo_node (self, n, text);
    }

  if (n->pinned)
    g_string_append (text, _("\nPinned in place"));

  return g_string_free (text, FALSE);
}

/**
 * ls_sankey_figure_describe_node_brief:
 * @self: a figure
 * @node: a node
 *
 * A node's figures in two or three short lines, for a label drawn at the
 * node with the keyboard focus: its name and stage, its output and share,
 * and what it needed and did not receive.
 *
 * Returns: (transfer full): the text
 */
char *
ls_sankey_figure_describe_node_brief (const LsSankeyFigure *self,
                                      guint                 node)
{
  const LsSankeyNode *n;
  LsDataset *dataset;
  GString *text;
  g_autofree char *tonnes = NULL;
  g_autofree char *share = NULL;
  g_autofree char *unmet = NULL;
  guint stage, unit_stage;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (node < self->nodes->len, NULL);

  n = &g_array_index (self->nodes, LsSankeyNode, node);
  dataset = ls_result_get_dataset (self->result);
  node_stages (n, &stage, &unit_stage);
  tonnes = _ls_sankey_format_tonnes (n->tonnes);
  share = _ls_sankey_format_share (n->share);
  unmet = unmet_text (self, n);

  text = g_string_new (NULL);
  g_string_append_printf (text, "%s — %s\n", n->name, ls_dataset_get_stage_name (dataset, stage));
  g_string_append_printf (text, _("%s (%s), %s of the stage"), tonnes,
                          ls_dataset_get_stage_unit (dataset, unit_stage), share);
  if (unmet != NULL)
    g_string_append_printf (text, "\n%s", unmet);

  return g_string_free (text, FALSE);
}

/**
 * ls_sankey_figure_describe_link:
 * @self: a figure
 * @link: a link
 * @ranges: (nullable): the ranges of the figure's result, once computed
 *
 * The text of a band's tooltip. A flow between two countries (or from
 * supply of unknown origin) is explained as the share panel explains it
 * (ls_explain_text()); a band into or out of a merged or pseudo-node says
 * what flows, how much and whether it is estimated.
 *
 * Returns: (transfer full): the text
 */
char *
ls_sankey_figure_describe_link (const LsSankeyFigure *self,
                                guint                 link,
                                const LsRanges       *ranges)
{
  const LsSankeyLink *l;
  const LsSankeyNode *source, *target;
  LsDataset *dataset;
  g_autofree char *amount = NULL;
  guint stage;
  GString *text;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (link < self->links->len, NULL);

  l = &g_array_index (self->links, LsSankeyLink, link);
  source = &g_array_index (self->nodes, LsSankeyNode, l->source);
  target = &g_array_index (self->nodes, LsSankeyNode, l->target);
  dataset = ls_result_get_dataset (self->result);

  if ((source->kind == LS_SANKEY_NODE_COUNTRY || source->kind == LS_SANKEY_NODE_UNKNOWN) &&
      target->kind == LS_SANKEY_NODE_COUNTRY)
    {
      guint from = source->kind == LS_SANKEY_NODE_COUNTRY ? (guint)source->country
                                                           : ls_result_get_n_countries (self->result);

      return ls_explain_text (self->result, ranges, LS_EXPLAIN_FLOW, source->stage, from,
                              target->country);
    }

  /* Bands are in tonnes of the source stage's output, but the cerium,
   * lanthanum … that separation does not keep are in its input's. */
  stage = source->stage;
  if (target->kind == LS_SANKEY_NODE_OTHER_USES && stage > 0)
    stage--;

  text = g_string_new (NULL);
  amount = _ls_sankey_format_tonnes (l->value);
  /* Translators: a band of the Sankey, e.g. "Other → Japan: Magnets" */
  g_string_append_printf (text, _("%s → %s: %s"), source->name, target->name,
                          ls_dataset_get_stage_name (dataset, source->stage));
  g_string_append_printf (text, "\n%s (%s)", amount, ls_dataset_get_stage_unit (dataset, stage));
  if (l->estimated > l->value / 2)
    g_string_append (text, _("\nEstimated flow"));

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
 * its countries by share, largest first ("Mining: China 69 %, …"), and
 * whose need went unmet; then the nodes left without a label.
 *
 * Returns: (transfer full): the text
 */
char *
ls_sankey_figure_describe (const LsSankeyFigure *self)
{
  LsDataset *dataset;
  GString *text;
  guint listed;

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

      /* Whose need went unmet, where it went unmet. */
      listed = 0;
      for (guint i = 0; i < members->len; i++)
        {
          const LsSankeyNode *node = &g_array_index (self->nodes, LsSankeyNode,
                                                     g_array_index (members, guint, i));
          g_autofree char *short_of = NULL;

          if (!(node->unmet > 0))
            continue;
          short_of = _ls_sankey_format_tonnes (node->target - node->tonnes);
          /* Translators: starts the list of countries short of their need at a stage */
          g_string_append_printf (text, "%s%s %s", listed == 0 ? _(", unmet need:") : ",", node->name, short_of);
          listed++;
        }
    }
  g_string_append (text, ".");

  /* What the figure could not label is still said here. */
  listed = 0;
  for (guint n = 0; n < self->nodes->len; n++)
    {
      const LsSankeyNode *node = &g_array_index (self->nodes, LsSankeyNode, n);
      g_autofree char *value = NULL;

      if (node->alpha < 1 || ls_sankey_figure_get_node_label (self, n) >= 0)
        continue;
      value = _ls_sankey_format_tonnes (node->tonnes);
      /* Translators: starts the list of nodes drawn without a label */
      g_string_append_printf (text, "%s%s (%s) %s", listed == 0 ? _(" Not labelled for lack of room:") : ",",
                              node->name, self->column_names[node->stage], value);
      listed++;
    }
  if (listed > 0)
    g_string_append (text, ".");

  return g_string_free (text, FALSE);
}
