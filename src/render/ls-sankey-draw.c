/* ls-sankey-draw.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-sankey-figure"

#include "config.h"

#include "ls-sankey-figure-private.h"

#include <math.h>
#include <string.h>

static const LsColor *
node_color (const LsSankeyFigure *self,
            const LsSankeyNode   *node,
            const LsRenderStyle  *style)
{
  LsDataset *dataset = ls_result_get_dataset (self->result);

  switch (node->kind)
    {
    /* Countries in the colours of the bloc's need, as the share panel
     * and the map draw it. */
    case LS_SANKEY_NODE_COUNTRY:
      if (ls_result_is_member (self->result, node->country))
        return ls_render_style_get_need_color (style, LS_NEED_MEMBERS);
      if (node->country == ls_dataset_get_china (dataset))
        return ls_render_style_get_need_color (style, LS_NEED_CHINA);
      return ls_render_style_get_need_color (style, LS_NEED_OTHER);
    case LS_SANKEY_NODE_UNKNOWN:
      return &style->unknown;
    case LS_SANKEY_NODE_UNALLOCATED:
      return &style->unallocated;
    case LS_SANKEY_NODE_OTHER_USES:
      return &style->other_uses;
    case LS_SANKEY_NODE_OTHER:
    default:
      return ls_render_style_get_need_color (style, LS_NEED_OTHER);
    }
}

static const LsColor *
link_color (const LsSankeyFigure *self,
            const LsSankeyLink   *link,
            const LsRenderStyle  *style)
{
  const LsSankeyNode *target = &g_array_index (self->nodes, LsSankeyNode, link->target);

  if (target->kind == LS_SANKEY_NODE_UNALLOCATED || target->kind == LS_SANKEY_NODE_OTHER_USES)
    return node_color (self, target, style);

  return node_color (self, &g_array_index (self->nodes, LsSankeyNode, link->source), style);
}

static void
ribbon_path (cairo_t *cr,
             double   x0,
             double   x1,
             double   top0,
             double   top1,
             double   w)
{
  double xm = (x0 + x1) / 2;

  cairo_move_to (cr, x0, top0);
  cairo_curve_to (cr, xm, top0, xm, top1, x1, top1);
  cairo_line_to (cr, x1, top1 + w);
  cairo_curve_to (cr, xm, top1 + w, xm, top0 + w, x0, top0 + w);
  cairo_close_path (cr);
}

/* Frees the drawing caches: hatch tiles and label images. */
void
_ls_sankey_figure_clear_caches (LsSankeyFigure *self)
{
  if (self->hatches != NULL)
    {
      for (guint i = 0; i < self->hatches->len; i++)
        cairo_pattern_destroy (g_array_index (self->hatches, LsSankeyHatch, i).pattern);
      g_clear_pointer (&self->hatches, g_array_unref);
    }
  g_clear_pointer (&self->label_images, g_ptr_array_unref);
  g_clear_pointer (&self->label_store, g_hash_table_unref);
  g_clear_pointer (&self->reused_labels, g_hash_table_unref);
  g_clear_pointer (&self->label_owner, ls_sankey_figure_unref);
}

static gboolean
colors_equal (const LsColor *a,
              const LsColor *b)
{
  return a->red == b->red && a->green == b->green && a->blue == b->blue && a->alpha == b->alpha;
}

/* The stripes of @color at @alpha, over @under at @under_alpha when that
 * is above 0: a hatched band is then one fill instead of two, which on
 * an image is a fifth of the time of drawing the figure (issue 12). */
static cairo_pattern_t *
hatch_pattern (const LsSankeyFigure *self,
               cairo_t              *cr,
               const LsColor        *under,
               double                under_alpha,
               const LsColor        *color,
               double                alpha)
{
  LsSankeyFigure *mutable = (LsSankeyFigure *)self;
  double s = LS_SANKEY_HATCH_SPACING;
  gboolean vector = cairo_surface_get_type (cairo_get_target (cr)) != CAIRO_SURFACE_TYPE_IMAGE;
  LsSankeyHatch hatch = { *color, alpha, { 0 }, under != NULL ? under_alpha : 0, vector, NULL };
  cairo_surface_t *tile;
  cairo_t *tcr;

  if (hatch.under_alpha > 0)
    hatch.under = *under;

  if (mutable->hatches == NULL)
    mutable->hatches = g_array_new (FALSE, FALSE, sizeof (LsSankeyHatch));
  for (guint i = 0; i < self->hatches->len; i++)
    {
      const LsSankeyHatch *known = &g_array_index (self->hatches, LsSankeyHatch, i);

      if (known->alpha == alpha && known->vector == vector && colors_equal (&known->color, color) &&
          known->under_alpha == hatch.under_alpha &&
          (hatch.under_alpha <= 0 || colors_equal (&known->under, &hatch.under)))
        return known->pattern;
    }

  if (!vector)
    {
      tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int)s, (int)s);
    }
  else
    {
      cairo_rectangle_t extents = { 0, 0, s, s };

      tile = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
    }

  tcr = cairo_create (tile);
  if (hatch.under_alpha > 0)
    {
      _ls_sankey_set_color (tcr, &hatch.under, hatch.under_alpha);
      cairo_paint (tcr);
    }
  _ls_sankey_set_color (tcr, color, alpha);
  cairo_set_line_width (tcr, 1.5);
  cairo_set_line_cap (tcr, CAIRO_LINE_CAP_SQUARE);
  for (int k = -1; k <= 1; k++)
    {
      cairo_move_to (tcr, k * s, s);
      cairo_line_to (tcr, k * s + s, 0);
    }
  cairo_stroke (tcr);
  cairo_destroy (tcr);

  hatch.pattern = cairo_pattern_create_for_surface (tile);
  cairo_pattern_set_extend (hatch.pattern, CAIRO_EXTEND_REPEAT);
  cairo_surface_destroy (tile);
  g_array_append_val (mutable->hatches, hatch);

  return hatch.pattern;
}

/* Fills the path with stripes (see hatch_pattern ()). */
static void
hatch_path (const LsSankeyFigure *self,
            cairo_t              *cr,
            const LsColor        *color,
            double                alpha)
{
  cairo_set_source (cr, hatch_pattern (self, cr, NULL, 0, color, alpha));
  cairo_fill (cr);
}

/* Fills the path with @under at @under_alpha, striped when @hatched: in
 * one fill on an image; in two in a vector file, which keeps its fill a
 * plain colour under a pattern of stripes. */
static void
fill_striped (const LsSankeyFigure *self,
              cairo_t              *cr,
              const LsColor        *under,
              double                under_alpha,
              gboolean              hatched,
              const LsColor        *color,
              double                alpha)
{
  if (!hatched)
    {
      _ls_sankey_set_color (cr, under, under_alpha);
      cairo_fill (cr);
    }
  else if (cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE)
    {
      cairo_set_source (cr, hatch_pattern (self, cr, under, under_alpha, color, alpha));
      cairo_fill (cr);
    }
  else
    {
      _ls_sankey_set_color (cr, under, under_alpha);
      cairo_fill_preserve (cr);
      hatch_path (self, cr, color, alpha);
    }
}

static double
link_alpha (const LsRenderStyle *style)
{
  return style->dark ? 0.55 : 0.5;
}

static void
draw_link (const LsSankeyFigure *self,
           cairo_t              *cr,
           const LsRenderStyle  *style,
           guint                 l,
           double                alpha)
{
  const LsSankeyLink *link = &g_array_index (self->links, LsSankeyLink, l);
  const LsSankeyNode *source = &g_array_index (self->nodes, LsSankeyNode, link->source);
  const LsSankeyNode *target = &g_array_index (self->nodes, LsSankeyNode, link->target);
  double w = ls_sankey_figure_get_link_drawn_width (self, l);
  double top0 = link->y0 - w / 2, top1 = link->y1 - w / 2;
  double x0 = source->x1, x1 = target->x0;
  double a = alpha * link->alpha * link_alpha (style);
  double hatch_alpha;
  gboolean hatched;

  if (w <= 0 || a <= 0)
    return;

  /* The by-product branch recedes, so the magnet elements' path reads
   * first. */
  if (target->kind == LS_SANKEY_NODE_OTHER_USES)
    a *= 0.6;

  hatched = link->estimated > link->value / 2 && w >= 3;
  hatch_alpha = 0.3 * alpha * link->alpha;

  if (self->color_by == LS_COLOR_BY_ORIGIN)
    {
      const double *mix = &self->mix[(gsize)link->source * self->n_mix];
      double off = 0;

      for (guint k = 0; k < self->n_mix; k++)
        {
          double part = mix[k] * w;

          if (part <= 0)
            continue;
          ribbon_path (cr, x0, x1, top0 + off, top1 + off, part);
          fill_striped (self, cr, &self->mix_colors[k], a, hatched, &style->background, hatch_alpha);
          off += part;
        }
    }
  else
    {
      ribbon_path (cr, x0, x1, top0, top1, w);
      fill_striped (self, cr, link_color (self, link, style), a, hatched, &style->background, hatch_alpha);
    }
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
node_box (const LsSankeyNode *node,
          double             *y,
          double             *h)
{
  *h = MAX (node->y1 - node->y0, LS_SANKEY_MIN_NODE_HEIGHT * MIN (node->alpha * 2, 1));
  *y = (node->y0 + node->y1) / 2 - *h / 2;
}

static void
draw_node (const LsSankeyFigure *self,
           cairo_t              *cr,
           const LsRenderStyle  *style,
           guint                 n,
           double                alpha)
{
  const LsSankeyNode *node = &g_array_index (self->nodes, LsSankeyNode, n);
  double y, h, w = node->x1 - node->x0;
  double a = alpha * node->alpha;
  double unmet_h, fed_h;

  node_box (node, &y, &h);
  if (h <= 0 || a <= 0)
    return;

  /* The unmet need is the bottom of the bar, below the bands in. */
  unmet_h = node->value > 0 ? h * CLAMP (node->unmet / node->value, 0, 1) : 0;
  fed_h = h - unmet_h;

  cairo_save (cr);
  rounded_rect (cr, node->x0, y, w, h, 3);
  cairo_clip (cr);
  if (fed_h > 0 && self->color_by == LS_COLOR_BY_ORIGIN)
    {
      const double *mix = &self->mix[(gsize)n * self->n_mix];
      double off = 0;

      for (guint k = 0; k < self->n_mix; k++)
        {
          if (mix[k] <= 0)
            continue;
          cairo_rectangle (cr, node->x0, y + off, w, mix[k] * fed_h + 0.5);
          _ls_sankey_set_color (cr, &self->mix_colors[k], a);
          cairo_fill (cr);
          off += mix[k] * fed_h;
        }
    }
  else if (fed_h > 0)
    {
      cairo_rectangle (cr, node->x0, y, w, fed_h);
      _ls_sankey_set_color (cr, node_color (self, node, style), a);
      cairo_fill (cr);
    }

  if (unmet_h > 0)
    {
      /* A missing quantity: the need's warning colour with stripes, as
       * in the legend. */
      cairo_rectangle (cr, node->x0, y + fed_h, w, unmet_h);
      _ls_sankey_set_color (cr, ls_render_style_get_need_color (style, LS_NEED_UNMET), a);
      cairo_fill_preserve (cr);
      hatch_path (self, cr, &style->background, 0.6 * a);
    }
  cairo_restore (cr);

  if (node->pinned)
    {
      /* A pin's head on the node's top edge: the user put it there. */
      cairo_new_sub_path (cr);
      cairo_arc (cr, (node->x0 + node->x1) / 2, y, 3.5, 0, 2 * G_PI);
      _ls_sankey_set_color (cr, &style->foreground, a);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1.5);
      _ls_sankey_set_color (cr, &style->background, a);
      cairo_stroke (cr);
    }
}

static void
draw_label_text (const LsSankeyFigure *self,
                 cairo_t              *cr,
                 const LsRenderStyle  *style,
                 const LsSankeyLabel  *label,
                 double                x,
                 double                y,
                 double                a,
                 gboolean              halo)
{
  g_autoptr(PangoLayout) name = _ls_sankey_text_layout (&self->text, label->text, self->font_px, PANGO_WEIGHT_BOLD);
  g_autoptr(PangoLayout) value = NULL;
  PangoRectangle logical;

  pango_layout_get_extents (name, NULL, &logical);
  if (label->value_text != NULL)
    value = _ls_sankey_text_layout (&self->text, label->value_text, self->font_px, PANGO_WEIGHT_NORMAL);

  /* A halo in the background colour keeps labels readable over bands. */
  if (halo)
    {
      cairo_save (cr);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_width (cr, 3.5);
      _ls_sankey_set_color (cr, &style->background, 0.85 * a);
      cairo_move_to (cr, x, y);
      pango_cairo_layout_path (cr, name);
      if (value != NULL)
        {
          cairo_move_to (cr, x + (double)logical.width / PANGO_SCALE + self->font_px * 0.3, y);
          pango_cairo_layout_path (cr, value);
        }
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  cairo_move_to (cr, x, y);
  _ls_sankey_set_color (cr, &style->foreground, a);
  pango_cairo_show_layout (cr, name);
  if (value != NULL)
    {
      cairo_move_to (cr, x + (double)logical.width / PANGO_SCALE + self->font_px * 0.3, y);
      _ls_sankey_set_color (cr, &style->dim_foreground, a);
      pango_cairo_show_layout (cr, value);
    }
}

void
_ls_sankey_label_image_unref (gpointer data)
{
  LsSankeyLabelImage *image = data;

  if (image == NULL || !g_atomic_ref_count_dec (&image->ref_count))
    return;
  cairo_surface_destroy (image->surface);
  g_free (image->key);
  g_free (image);
}

static LsSankeyLabelImage *
label_image_ref (LsSankeyLabelImage *image)
{
  g_atomic_ref_count_inc (&image->ref_count);
  return image;
}

/* The label drawn once into an image of its own, when the target is an
 * image that is only moved, not scaled: outlining glyphs for the halo is
 * the dearest part of a frame, and a frame of the animation draws every
 * label again. Vector targets (SVG, PDF) always get the text itself. */
static LsSankeyLabelImage *
label_image (const LsSankeyFigure *self,
             cairo_t              *cr,
             const LsRenderStyle  *style,
             guint                 i,
             gboolean              halo)
{
  LsSankeyFigure *owner = self->label_owner != NULL ? self->label_owner : (LsSankeyFigure *)self;
  const LsSankeyLabel *label = &g_array_index (self->labels, LsSankeyLabel, i);
  LsColor colors[3] = { style->foreground, style->background, style->dim_foreground };
  g_autofree char *key = NULL;
  LsSankeyLabelImage *image;
  double scale_x, dx = label->x, dy = label->y;
  cairo_t *icr;
  int width, height;

  if (!_ls_sankey_takes_text_images (cr, &scale_x) || i >= owner->labels->len)
    return NULL;

  if (owner->label_images == NULL)
    {
      owner->label_images = g_ptr_array_new_with_free_func (_ls_sankey_label_image_unref);
      g_ptr_array_set_size (owner->label_images, owner->labels->len);
      owner->label_store = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, _ls_sankey_label_image_unref);
    }

  /* The same text, halo, colours and scale draw the same image. */
  key = g_strdup_printf ("%s\x1f%s\x1f%d\x1f%g\x1f%g,%g,%g,%g\x1f%g,%g,%g,%g\x1f%g,%g,%g,%g", label->text,
                         label->value_text != NULL ? label->value_text : "", halo, scale_x,
                         colors[0].red, colors[0].green, colors[0].blue, colors[0].alpha,
                         colors[1].red, colors[1].green, colors[1].blue, colors[1].alpha,
                         colors[2].red, colors[2].green, colors[2].blue, colors[2].alpha);

  image = g_ptr_array_index (owner->label_images, i);
  if (image != NULL && g_str_equal (image->key, key))
    return image;

  image = g_hash_table_lookup (owner->label_store, key);
  if (image == NULL && owner->reused_labels != NULL)
    image = g_hash_table_lookup (owner->reused_labels, key);
  if (image != NULL)
    {
      label_image_ref (image);
    }
  else
    {
      cairo_user_to_device (cr, &dx, &dy);
      image = g_new0 (LsSankeyLabelImage, 1);
      g_atomic_ref_count_init (&image->ref_count);
      image->key = g_strdup (key);
      image->scale = scale_x;
      memcpy (image->colors, colors, sizeof colors);
      image->halo = halo;
      image->fx = dx - floor (dx);
      image->fy = dy - floor (dy);
      image->pad = (int)ceil (3 * scale_x);
      width = (int)ceil (label->width * scale_x) + 2 * image->pad + 1;
      height = (int)ceil (label->height * scale_x) + 2 * image->pad + 1;
      image->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

      icr = cairo_create (image->surface);
      cairo_translate (icr, image->pad + image->fx, image->pad + image->fy);
      cairo_scale (icr, scale_x, scale_x);
      draw_label_text (self, icr, style, label, 0, 0, 1, halo);
      cairo_destroy (icr);
      cairo_surface_set_device_scale (image->surface, scale_x, scale_x);
    }

  if (!g_hash_table_contains (owner->label_store, image->key))
    g_hash_table_insert (owner->label_store, image->key, label_image_ref (image));
  _ls_sankey_label_image_unref (g_ptr_array_index (owner->label_images, i));
  g_ptr_array_index (owner->label_images, i) = image;

  return image;
}

static void
draw_label (const LsSankeyFigure *self,
            cairo_t              *cr,
            const LsRenderStyle  *style,
            guint                 i,
            double                alpha,
            gboolean              halo)
{
  const LsSankeyLabel *label = &g_array_index (self->labels, LsSankeyLabel, i);
  const LsSankeyNode *node = &g_array_index (self->nodes, LsSankeyNode, label->node);
  double a = alpha * node->alpha;
  LsSankeyLabelImage *image;

  if (a <= 0)
    return;

  image = label_image (self, cr, style, i, halo);
  if (image != NULL)
    {
      _ls_sankey_paint_text_image (cr, image->surface, image->fx, image->fy, image->pad, image->pad,
                                   label->x, label->y, a);
      return;
    }

  draw_label_text (self, cr, style, label, label->x, label->y, a, halo);
}

/* Room for column @s's header: it may spread halfway to each neighbour. */
static double
header_room (const LsSankeyFigure *self,
             guint                 s)
{
  double room = self->width;

  if (s > 0)
    room = MIN (room, self->column_x[s] - self->column_x[s - 1]);
  if (s + 1 < self->n_columns)
    room = MIN (room, self->column_x[s + 1] - self->column_x[s]);

  return room - self->font_px * 0.5;
}

static void
draw_headers (const LsSankeyFigure *self,
              cairo_t              *cr,
              const LsRenderStyle  *style)
{
  for (guint s = 0; s < self->n_columns; s++)
    {
      double name_w, name_h, unit_w, x;
      double px = self->font_px;
      double unit_px = px * 0.9;
      double room = header_room (self, s);

      _ls_sankey_text_measure (&self->text, self->column_names[s], px, PANGO_WEIGHT_BOLD, &name_w, &name_h);
      _ls_sankey_text_measure (&self->text, self->column_units[s], unit_px, PANGO_WEIGHT_NORMAL, &unit_w, NULL);

      /* Long units ("t REO in, t magnet REO out") shrink rather than run
       * into the next column's, down to a size still read on a slide. */
      if (unit_w > room && room > 0)
        {
          unit_px = MAX (px * 0.6, unit_px * room / unit_w);
          _ls_sankey_text_measure (&self->text, self->column_units[s], unit_px, PANGO_WEIGHT_NORMAL, &unit_w, NULL);
        }

      x = CLAMP (self->column_x[s] - name_w / 2, 4, self->width - name_w - 4);
      _ls_sankey_text_show (&self->text, cr, self->column_names[s], px, PANGO_WEIGHT_BOLD, x, self->header_y,
                 &style->foreground, 1);
      x = CLAMP (self->column_x[s] - unit_w / 2, 4, self->width - unit_w - 4);
      _ls_sankey_text_show (&self->text, cr, self->column_units[s], unit_px, PANGO_WEIGHT_NORMAL, x,
                 self->header_y + name_h, &style->dim_foreground, 1);
    }
}

/* Lays out (and with @draw, draws) the legend in rows from @y; returns
 * its height. */
double
_ls_sankey_figure_legend_height (LsSankeyFigure      *self,
                                 double               x0,
                                 double               x1,
                                 gboolean             draw,
                                 cairo_t             *cr,
                                 const LsRenderStyle *style,
                                 double               y)
{
  double px = self->font_px * 0.92;
  double sw = px * 1.1, line_h, x = x0, rows = 1;

  _ls_sankey_text_measure (&self->text, "Hg", px, PANGO_WEIGHT_NORMAL, NULL, &line_h);

  for (guint i = 0; i < self->legend->len; i++)
    {
      const LsSankeyLegendItem *item = &g_array_index (self->legend, LsSankeyLegendItem, i);
      double tw, item_w;

      _ls_sankey_text_measure (&self->text, item->text, px, PANGO_WEIGHT_NORMAL, &tw, NULL);
      item_w = sw + 5 + tw + px * 1.3;
      if (x > x0 && x + item_w - px * 1.3 > x1)
        {
          x = x0;
          rows++;
        }

      if (draw)
        {
          double ry = y + (rows - 1) * line_h * 1.15;
          double sy = ry + (line_h - sw) / 2;

          if (item->swatch == LS_SANKEY_SWATCH_HATCH)
            {
              rounded_rect (cr, x, sy, sw, sw, 2);
              _ls_sankey_set_color (cr, &item->color, 0.6);
              cairo_fill (cr);
              rounded_rect (cr, x, sy, sw, sw, 2);
              hatch_path (self, cr, &style->background, 0.8);
            }
          else
            {
              rounded_rect (cr, x, sy, sw, sw, 2);
              _ls_sankey_set_color (cr, &item->color, 1);
              cairo_fill (cr);
            }
          _ls_sankey_text_show (&self->text, cr, item->text, px, PANGO_WEIGHT_NORMAL, x + sw + 5, ry,
                     &style->foreground, 1);
        }
      x += item_w;
    }

  return rows * line_h * 1.15;
}

static void
draw_footer (const LsSankeyFigure *self,
             cairo_t              *cr,
             const LsRenderStyle  *style)
{
  g_autoptr(PangoLayout) layout = _ls_sankey_text_layout (&self->text, self->sources, self->font_px * 0.85,
                                                 PANGO_WEIGHT_NORMAL);
  g_autofree char *key = g_strdup_printf ("footer\x1f%g\x1f%g\x1f%s", self->font_px, self->width, self->sources);

  pango_layout_set_width (layout, (int)((self->width - 16) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  _ls_sankey_text_show_layout (&self->text, cr, layout, key, 8, self->footer_y, &style->dim_foreground, 1);
}

static void
draw_plot (const LsSankeyFigure *self,
           cairo_t              *cr,
           const LsRenderStyle  *style,
           const gboolean       *on_nodes,
           const gboolean       *on_links,
           double                alpha)
{
  for (guint l = 0; l < self->links->len; l++)
    if (on_links == NULL || on_links[l])
      draw_link (self, cr, style, l, alpha);
  for (guint n = 0; n < self->nodes->len; n++)
    if (on_nodes == NULL || on_nodes[n])
      draw_node (self, cr, style, n, alpha);
  for (guint i = 0; i < self->labels->len; i++)
    {
      const LsSankeyLabel *label = &g_array_index (self->labels, LsSankeyLabel, i);
      /* Labels inside the plot lie over bands; those in the margins do not. */
      gboolean over_bands = label->x + label->width > self->column_x[0] &&
                            label->x < self->column_x[self->n_columns - 1];

      if (on_nodes == NULL || on_nodes[label->node])
        draw_label (self, cr, style, i, alpha, over_bands);
    }
}

/**
 * ls_sankey_figure_draw:
 * @self: a figure
 * @cr: where to draw, in figure coordinates
 * @style: the colours (the figure was built with the same label mode and
 *   colouring)
 * @highlight_node: a node whose paths to stand out, or -1
 *
 * Draws the column headers, bands, nodes, labels, legend and the source
 * line. The background is left to the caller.
 */
void
ls_sankey_figure_draw (const LsSankeyFigure *self,
                       cairo_t              *cr,
                       const LsRenderStyle  *style,
                       int                   highlight_node)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);

  cairo_save (cr);
  draw_headers (self, cr, style);
  draw_plot (self, cr, style, NULL, NULL, 1);
  _ls_sankey_figure_legend_height ((LsSankeyFigure *)self, 8, self->width - 8, TRUE, cr, style, self->legend_y);
  draw_footer (self, cr, style);
  cairo_restore (cr);

  /* Every label and text has its image now, and every text its measure:
   * those of the figure before that were not taken are not needed any
   * more. */
  if (self->label_owner == NULL && self->label_images != NULL)
    g_clear_pointer (&((LsSankeyFigure *)self)->reused_labels, g_hash_table_unref);
  if (self->label_owner == NULL)
    _ls_sankey_text_release_before (&((LsSankeyFigure *)self)->text);

  if (highlight_node >= 0 && (guint)highlight_node < self->nodes->len)
    ls_sankey_figure_draw_highlight (self, cr, style, highlight_node);
}

static void
outline_node (const LsSankeyFigure *self,
              cairo_t              *cr,
              const LsRenderStyle  *style,
              guint                 node)
{
  const LsSankeyNode *n = &g_array_index (self->nodes, LsSankeyNode, node);
  double y, h;

  node_box (n, &y, &h);
  rounded_rect (cr, n->x0 - 1.5, y - 1.5, n->x1 - n->x0 + 3, h + 3, 4);
  _ls_sankey_set_color (cr, &style->foreground, 0.9);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
}

/* Veils the plot, then draws again what is on the paths and outlines the
 * nodes pointed at. */
static void
draw_highlight_set (const LsSankeyFigure *self,
                    cairo_t              *cr,
                    const LsRenderStyle  *style,
                    const gboolean       *on_nodes,
                    const gboolean       *on_links,
                    const gboolean       *outlined)
{
  cairo_save (cr);
  cairo_rectangle (cr, 0, self->plot_top - 4, self->width, self->legend_y - self->plot_top + 2);
  _ls_sankey_set_color (cr, &style->background, 0.72);
  cairo_fill (cr);
  draw_plot (self, cr, style, on_nodes, on_links, 1);
  for (guint n = 0; n < self->nodes->len; n++)
    if (outlined[n])
      outline_node (self, cr, style, n);
  cairo_restore (cr);
}

/**
 * ls_sankey_figure_draw_highlight:
 * @self: a figure
 * @cr: where the figure was drawn
 * @style: the colours
 * @node: the node pointed at
 *
 * Drawn on top of the figure: veils the plot and draws again what lies on
 * a path through @node, so the rest is dimmed.
 */
void
ls_sankey_figure_draw_highlight (const LsSankeyFigure *self,
                                 cairo_t              *cr,
                                 const LsRenderStyle  *style,
                                 int                   node)
{
  g_autofree gboolean *on_nodes = NULL;
  g_autofree gboolean *on_links = NULL;
  g_autofree gboolean *outlined = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  if (node < 0 || (guint)node >= self->nodes->len)
    return;

  on_nodes = g_new0 (gboolean, self->nodes->len + 1);
  on_links = g_new0 (gboolean, self->links->len + 1);
  outlined = g_new0 (gboolean, self->nodes->len + 1);
  ls_sankey_figure_get_path (self, node, on_nodes, on_links);
  outlined[node] = TRUE;
  draw_highlight_set (self, cr, style, on_nodes, on_links, outlined);
}

/**
 * ls_sankey_figure_draw_highlight_country:
 * @self: a figure
 * @cr: where the figure was drawn
 * @style: the colours
 * @iso3: a country, as hovered in another view
 *
 * Like ls_sankey_figure_draw_highlight() for every node of a country at
 * once. Draws nothing when the country has no node of its own.
 *
 * Returns: whether anything was drawn
 */
gboolean
ls_sankey_figure_draw_highlight_country (const LsSankeyFigure *self,
                                         cairo_t              *cr,
                                         const LsRenderStyle  *style,
                                         const char           *iso3)
{
  g_autofree gboolean *on_nodes = NULL;
  g_autofree gboolean *on_links = NULL;
  g_autofree gboolean *outlined = NULL;
  g_autofree gboolean *path_nodes = NULL;
  g_autofree gboolean *path_links = NULL;
  gboolean any = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);

  if (iso3 == NULL)
    return FALSE;

  on_nodes = g_new0 (gboolean, self->nodes->len + 1);
  on_links = g_new0 (gboolean, self->links->len + 1);
  outlined = g_new0 (gboolean, self->nodes->len + 1);
  path_nodes = g_new0 (gboolean, self->nodes->len + 1);
  path_links = g_new0 (gboolean, self->links->len + 1);

  for (guint n = 0; n < self->nodes->len; n++)
    {
      const LsSankeyNode *node = &g_array_index (self->nodes, LsSankeyNode, n);

      if (node->kind != LS_SANKEY_NODE_COUNTRY || g_strcmp0 (node->country_id, iso3) != 0)
        continue;

      ls_sankey_figure_get_path (self, n, path_nodes, path_links);
      for (guint k = 0; k < self->nodes->len; k++)
        on_nodes[k] |= path_nodes[k];
      for (guint l = 0; l < self->links->len; l++)
        on_links[l] |= path_links[l];
      outlined[n] = TRUE;
      any = TRUE;
    }

  if (any)
    draw_highlight_set (self, cr, style, on_nodes, on_links, outlined);

  return any;
}

/**
 * ls_sankey_figure_draw_focus:
 * @self: a figure
 * @cr: where the figure was drawn
 * @style: the colours
 * @node: the node with the keyboard focus
 *
 * A focus ring around a node, for keyboard navigation.
 */
void
ls_sankey_figure_draw_focus (const LsSankeyFigure *self,
                             cairo_t              *cr,
                             const LsRenderStyle  *style,
                             int                   node)
{
  const LsSankeyNode *n;
  double y, h;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  if (node < 0 || (guint)node >= self->nodes->len)
    return;

  n = &g_array_index (self->nodes, LsSankeyNode, node);
  node_box (n, &y, &h);
  cairo_save (cr);
  rounded_rect (cr, n->x0 - 4, y - 4, n->x1 - n->x0 + 8, h + 8, 6);
  _ls_sankey_set_color (cr, &style->member, 0.75);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/**
 * ls_sankey_figure_draw_highlight_link:
 * @self: a figure
 * @cr: where the figure was drawn
 * @style: the colours
 * @link: the band pointed at
 *
 * Drawn on top of the figure: veils the plot and draws again the band
 * and the two nodes it joins.
 */
void
ls_sankey_figure_draw_highlight_link (const LsSankeyFigure *self,
                                      cairo_t              *cr,
                                      const LsRenderStyle  *style,
                                      int                   link)
{
  g_autofree gboolean *on_nodes = NULL;
  g_autofree gboolean *on_links = NULL;
  g_autofree gboolean *outlined = NULL;
  const LsSankeyLink *l;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  if (link < 0 || (guint)link >= self->links->len)
    return;

  l = &g_array_index (self->links, LsSankeyLink, link);
  on_nodes = g_new0 (gboolean, self->nodes->len + 1);
  on_links = g_new0 (gboolean, self->links->len + 1);
  outlined = g_new0 (gboolean, self->nodes->len + 1);
  on_links[link] = TRUE;
  on_nodes[l->source] = on_nodes[l->target] = TRUE;
  outlined[l->source] = outlined[l->target] = TRUE;
  draw_highlight_set (self, cr, style, on_nodes, on_links, outlined);
}

/**
 * ls_sankey_figure_draw_callout:
 * @self: a figure
 * @cr: where the figure was drawn
 * @style: the colours
 * @node: the node with the keyboard focus
 *
 * The node's figures at a glance (ls_sankey_figure_describe_node_brief())
 * in a box beside it, as a tooltip would show them, inside the plot.
 */
void
ls_sankey_figure_draw_callout (const LsSankeyFigure *self,
                               cairo_t              *cr,
                               const LsRenderStyle  *style,
                               int                   node)
{
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  const LsSankeyNode *n;
  PangoRectangle logical;
  double pad, w, h, x, y, y_node, h_node;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  if (node < 0 || (guint)node >= self->nodes->len)
    return;

  n = &g_array_index (self->nodes, LsSankeyNode, node);
  text = ls_sankey_figure_describe_node_brief (self, node);
  layout = _ls_sankey_text_layout (&self->text, text, self->font_px, PANGO_WEIGHT_NORMAL);
  pango_layout_get_extents (layout, NULL, &logical);
  pad = self->font_px * 0.5;
  w = (double)logical.width / PANGO_SCALE + 2 * pad;
  h = (double)logical.height / PANGO_SCALE + 2 * pad;
  node_box (n, &y_node, &h_node);

  /* Right of the node, else left of it; never off the figure. */
  x = n->x1 + 10;
  if (x + w > self->width - 4)
    x = n->x0 - 10 - w;
  x = CLAMP (x, 4, MAX (4, self->width - w - 4));
  y = CLAMP (y_node + h_node / 2 - h / 2, self->plot_top - 4, MAX (self->plot_top - 4, self->legend_y - h - 4));

  cairo_save (cr);
  rounded_rect (cr, x, y, w, h, 6);
  _ls_sankey_set_color (cr, &style->background, 0.96);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.5);
  _ls_sankey_set_color (cr, &style->member, 0.9);
  cairo_stroke (cr);
  cairo_move_to (cr, x + pad, y + pad);
  _ls_sankey_set_color (cr, &style->foreground, 1);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/* The top and bottom of the room left for @node at @rank: between the
 * other nodes of its column. */
static void
insertion_gap (const LsSankeyFigure *self,
               guint                 node,
               guint                 rank,
               double               *y0,
               double               *y1)
{
  const LsSankeyNode *n = &g_array_index (self->nodes, LsSankeyNode, node);
  double above = self->plot_top, below = self->plot_bottom;
  guint k = 0;
  g_autoptr(GArray) centres = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < self->nodes->len; i++)
    {
      const LsSankeyNode *other = &g_array_index (self->nodes, LsSankeyNode, i);

      if (i != node && other->stage == n->stage && other->alpha >= 0.5)
        g_array_append_val (centres, i);
    }

  /* Nodes of a column are laid out without overlap: the rank-th from the
   * top is the one with rank others above it. */
  for (guint i = 0; i < centres->len; i++)
    {
      const LsSankeyNode *other = &g_array_index (self->nodes, LsSankeyNode, g_array_index (centres, guint, i));
      double cy = (other->y0 + other->y1) / 2;
      guint above_it = 0;

      for (guint j = 0; j < centres->len; j++)
        {
          const LsSankeyNode *third = &g_array_index (self->nodes, LsSankeyNode, g_array_index (centres, guint, j));

          if ((third->y0 + third->y1) / 2 < cy)
            above_it++;
        }
      if (above_it + 1 == rank)
        above = other->y1;
      if (above_it == rank)
        below = other->y0;
      k++;
    }

  *y0 = above;
  *y1 = below;
}

/**
 * ls_sankey_figure_draw_drag:
 * @self: a figure
 * @cr: where the figure was drawn
 * @style: the colours
 * @node: the node being dragged
 * @y: where the pointer holds it, in figure coordinates
 *
 * A node being moved in its column: a ghost of it at @y, and a line where
 * it would go (ls_sankey_figure_get_rank_at()).
 */
void
ls_sankey_figure_draw_drag (const LsSankeyFigure *self,
                            cairo_t              *cr,
                            const LsRenderStyle  *style,
                            int                   node,
                            double                y)
{
  const LsSankeyNode *n;
  double box_y, h, gap0, gap1, line_y;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  if (node < 0 || (guint)node >= self->nodes->len)
    return;

  n = &g_array_index (self->nodes, LsSankeyNode, node);
  node_box (n, &box_y, &h);
  insertion_gap (self, node, ls_sankey_figure_get_rank_at (self, node, y), &gap0, &gap1);
  line_y = (gap0 + gap1) / 2;

  cairo_save (cr);
  cairo_move_to (cr, n->x0 - 14, line_y);
  cairo_line_to (cr, n->x1 + 14, line_y);
  cairo_set_line_width (cr, 3);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  _ls_sankey_set_color (cr, &style->member, 1);
  cairo_stroke (cr);

  rounded_rect (cr, n->x0 - 2, y - h / 2, n->x1 - n->x0 + 4, h, 3);
  _ls_sankey_set_color (cr, node_color (self, n, style), 0.55);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.5);
  _ls_sankey_set_color (cr, &style->foreground, 0.9);
  cairo_stroke (cr);
  cairo_restore (cr);
}
