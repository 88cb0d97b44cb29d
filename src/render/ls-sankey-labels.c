/* ls-sankey-labels.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-sankey-figure"

#include "config.h"

#include "ls-sankey-figure-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>

typedef struct
{
  double x0, y0, x1, y1;
} Rect;

static gboolean
rects_overlap (const Rect *a,
               const Rect *b)
{
  return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

static int
compare_nodes_by_value (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  const LsSankeyFigure *self = user_data;
  const LsSankeyNode *x = &g_array_index (self->nodes, LsSankeyNode, *(const guint *)a);
  const LsSankeyNode *y = &g_array_index (self->nodes, LsSankeyNode, *(const guint *)b);

  if (x->value != y->value)
    return x->value > y->value ? -1 : 1;
  return *(const guint *)a < *(const guint *)b ? -1 : 1;
}

static const char *
short_name (const LsSankeyNode *node)
{
  switch (node->kind)
    {
    case LS_SANKEY_NODE_COUNTRY:
      return node->country_id;
    case LS_SANKEY_NODE_UNKNOWN:
      return _("Unknown");
    case LS_SANKEY_NODE_UNALLOCATED:
      return _("Unalloc.");
    case LS_SANKEY_NODE_OTHER_USES:
      return _("Other uses");
    case LS_SANKEY_NODE_OTHER:
    default:
      return node->name;
    }
}

/* Labels keep this far from the figure's edges, so that none touches the
 * edge of an exported image. */
#define EDGE_MARGIN 4.0
/* Vertical moves tried, in label heights: 0, ±0.4, ±0.8 … up to this. */
#define MAX_SHIFT_STEPS 5
#define SHIFT_STEP 0.4

typedef struct
{
  const LsSankeyFigure *self;
  const Rect           *node_rects;
  guint                 n_nodes;
  GArray               *placed;    /* Rect, padded by a word space and 1 px */
  double                top;
  double                bottom;
} Room;

static gboolean
fits (const Room *room,
      guint       node,
      const Rect *r)
{
  if (r->x0 < EDGE_MARGIN || r->x1 > room->self->width - EDGE_MARGIN ||
      r->y0 < room->top || r->y1 > room->bottom)
    return FALSE;

  for (guint k = 0; k < room->n_nodes; k++)
    if (k != node && rects_overlap (r, &room->node_rects[k]))
      return FALSE;
  for (guint k = 0; k < room->placed->len; k++)
    if (rects_overlap (r, &g_array_index (room->placed, Rect, k)))
      return FALSE;

  return TRUE;
}

/* Greedy placement, largest nodes first. Each label tries, in order:
 * its full text (name and figure), then the short name (ISO3) with the
 * figure, the name alone, the short name alone; each at the node's
 * middle, then moved up or down a little (a thin node's label may move
 * further), on its side of the node and then on the other (in the first
 * and last columns, the outer side first, then over the bands). The first
 * rectangle that stays inside the plot band and the figure's margins and
 * meets no node and no placed label wins. A label with no room is left
 * out: its figures stay in the node's tooltip, and the figure's
 * description names it (ls_sankey_figure_describe()). */
void
_ls_sankey_figure_place_labels (LsSankeyFigure      *self,
                                const LsRenderStyle *style,
                                double               band_top,
                                double               band_bottom)
{
  guint n_nodes = self->nodes->len;
  g_autofree guint *order = g_new (guint, n_nodes);
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Rect));
  g_autofree Rect *node_rects = g_new (Rect, n_nodes + 1);
  double px = self->font_px;
  Room room = { self, node_rects, n_nodes, placed, band_top, band_bottom };

  for (guint n = 0; n < n_nodes; n++)
    {
      const LsSankeyNode *node = &g_array_index (self->nodes, LsSankeyNode, n);

      order[n] = n;
      node_rects[n] = (Rect) { node->x0 - 1, MIN (node->y0, node->y1 - LS_SANKEY_MIN_NODE_HEIGHT) - 1,
                               node->x1 + 1, node->y1 + 1 };
    }
  g_qsort_with_data (order, n_nodes, sizeof (guint), compare_nodes_by_value, self);

  for (guint i = 0; i < n_nodes; i++)
    {
      guint n = order[i];
      const LsSankeyNode *node = &g_array_index (self->nodes, LsSankeyNode, n);
      g_autofree char *value = _ls_sankey_format_node_value (node, style);
      const char *names[2] = { node->name, short_name (node) };
      gboolean first_column = node->stage == 0;
      gboolean last_column = node->stage + 1 >= self->n_columns;
      double cy = (node->y0 + node->y1) / 2;
      gboolean thin;
      double value_w, text_h;
      gboolean done = FALSE;

      _ls_sankey_text_measure (&self->text, value, px, PANGO_WEIGHT_NORMAL, &value_w, &text_h);
      thin = node->y1 - node->y0 <= text_h;

      /* variants: name + figure, ISO3 + figure, name, ISO3 */
      for (guint variant = 0; variant < 4 && !done; variant++)
        {
          const char *name = names[variant % 2];
          gboolean with_value = variant < 2;
          double name_w, w;

          if (variant % 2 == 1 && g_strcmp0 (names[0], names[1]) == 0)
            continue;

          _ls_sankey_text_measure (&self->text, name, px, PANGO_WEIGHT_BOLD, &name_w, NULL);
          w = name_w + (with_value ? px * 0.3 + value_w : 0);

          for (guint shift = 0; shift < 2 * MAX_SHIFT_STEPS + 1 && !done; shift++)
            {
              /* 0, +, −, ++, −− … */
              double steps = (shift + 1) / 2;
              double dy = steps * (shift % 2 == 1 ? 1 : -1) * SHIFT_STEP * text_h;

              /* A label beside a tall node stays by its middle; a thin
               * node's may move up to two label heights. */
              if (shift > 0 && !thin && steps * SHIFT_STEP > 0.5)
                break;

              for (guint side = 0; side < 2 && !done; side++)
                {
                  gboolean left = first_column ? side == 0 : last_column ? side == 1 : side == 1;
                  Rect r;

                  /* On whole pixels, so a label's image is the same
                   * wherever the label lands (ls-sankey-draw.c). */
                  r.x0 = round (left ? node->x0 - LS_SANKEY_LABEL_PAD - w : node->x1 + LS_SANKEY_LABEL_PAD);
                  r.x1 = r.x0 + w;
                  r.y0 = round (cy - text_h / 2 + dy);
                  r.y1 = r.y0 + text_h;

                  if (!fits (&room, n, &r))
                    continue;

                  {
                    LsSankeyLabel label = { 0 };
                    /* A word space between two labels on one line, so
                     * that "Other uses" and "Other" never read as one. */
                    Rect padded = { r.x0 - px * 0.3, r.y0 - 1, r.x1 + px * 0.3, r.y1 + 1 };

                    label.node = n;
                    label.text = g_strdup (name);
                    label.value_text = with_value ? g_strdup (value) : NULL;
                    label.x = r.x0;
                    label.y = r.y0;
                    label.width = w;
                    label.height = text_h;
                    g_array_append_val (self->labels, label);
                    g_array_append_val (placed, padded);
                    done = TRUE;
                  }
                }
            }
        }
    }
}

/* The widest full label of the nodes of one column, to size a margin. */
double
_ls_sankey_figure_column_label_width (LsSankeyFigure      *self,
                                      const LsRenderStyle *style,
                                      guint                column)
{
  double widest = 0;

  for (guint n = 0; n < self->nodes->len; n++)
    {
      const LsSankeyNode *node = &g_array_index (self->nodes, LsSankeyNode, n);
      g_autofree char *value = NULL;
      double name_w, value_w;

      if (node->stage != column)
        continue;
      value = _ls_sankey_format_node_value (node, style);
      _ls_sankey_text_measure (&self->text, node->name, self->font_px, PANGO_WEIGHT_BOLD, &name_w, NULL);
      _ls_sankey_text_measure (&self->text, value, self->font_px, PANGO_WEIGHT_NORMAL, &value_w, NULL);
      widest = MAX (widest, name_w + self->font_px * 0.3 + value_w);
    }

  return widest;
}
