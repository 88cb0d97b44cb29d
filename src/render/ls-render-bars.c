/* ls-render-bars.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-render-bars"

#include "config.h"

#include "ls-render-bars.h"

#include <math.h>

/* The small figures of the share panel and the presenter cards: the
 * bloc's need four ways with its no-lever ghost, the evidence behind a
 * figure, and a stage's dependency over the years. Drawn here, not in
 * the widgets, so that a render test can check them without a display
 * and the map and Sankey can draw the same bar in a legend. */

/* The gap between the bar and its ghost, and the stripes of unmet need,
 * in user units. */
#define GHOST_GAP 1.0
#define HATCH_SPACING 5.0

static void
set_source (cairo_t       *cr,
            const LsColor *color,
            double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/**
 * ls_need_bar_init_from_result:
 * @bar: (out caller-allocates): the bar
 * @result: a result
 * @stage: a stage
 *
 * Reads the bloc's need split of stage-@stage material as fractions of
 * the need (ls_result_get_need_split()).
 *
 * Returns: %FALSE, and an empty bar, when the members need none of it
 */
gboolean
ls_need_bar_init_from_result (LsNeedBar      *bar,
                              const LsResult *result,
                              guint           stage)
{
  LsNeedSplit split;

  *bar = (LsNeedBar) { { 0 } };

  if (!ls_result_get_need_split (result, stage, &split))
    return FALSE;

  bar->part[LS_NEED_MEMBERS] = split.members / split.need;
  bar->part[LS_NEED_CHINA] = split.china / split.need;
  bar->part[LS_NEED_OTHER] = split.other / split.need;
  bar->part[LS_NEED_UNMET] = split.unmet / split.need;

  return TRUE;
}

/**
 * ls_need_bar_get_bounds:
 * @bounds: (out caller-allocates): the x of each part's start, and the
 *   end of the last one
 *
 * Where each part of @bar lies on a bar @width wide.
 */
void
ls_need_bar_get_bounds (const LsNeedBar *bar,
                        double           width,
                        double           bounds[LS_N_NEED_PARTS + 1])
{
  double x = 0.0;

  for (guint k = 0; k < LS_N_NEED_PARTS; k++)
    {
      bounds[k] = x;
      x = MIN (width, x + CLAMP (bar->part[k], 0.0, 1.0) * width);
    }
  bounds[LS_N_NEED_PARTS] = x;
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2.0);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* Stripes over unmet need: it is an absence, so it is not a solid
 * colour that could read as one more supplier. */
static void
hatch (cairo_t             *cr,
       const LsRenderStyle *style,
       double               x0,
       double               x1,
       double               y,
       double               height,
       double               alpha)
{
  cairo_save (cr);
  cairo_rectangle (cr, x0, y, x1 - x0, height);
  cairo_clip (cr);
  set_source (cr, &style->background, 0.55 * alpha);
  cairo_set_line_width (cr, 1.5);
  for (double x = x0 - height; x < x1 + height; x += HATCH_SPACING)
    {
      cairo_move_to (cr, x, y + height);
      cairo_line_to (cr, x + height, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_parts (cairo_t             *cr,
            const LsRenderStyle *style,
            const LsNeedBar     *bar,
            double               y,
            double               width,
            double               height,
            double               alpha)
{
  double bounds[LS_N_NEED_PARTS + 1];

  ls_need_bar_get_bounds (bar, width, bounds);
  for (guint k = 0; k < LS_N_NEED_PARTS; k++)
    {
      if (bounds[k + 1] <= bounds[k])
        continue;
      set_source (cr, ls_render_style_get_need_color (style, k), alpha);
      cairo_rectangle (cr, bounds[k], y, bounds[k + 1] - bounds[k], height);
      cairo_fill (cr);
      if (k == LS_NEED_UNMET)
        hatch (cr, style, bounds[k], bounds[k + 1], y, height, alpha);
    }
}

/**
 * ls_render_need_bar:
 * @cr: where to draw, the bar's top left at (0, 0)
 * @style: the colours
 * @bar: the bloc's need, four ways
 * @ghost: (nullable): the same with no levers, drawn as a thin faded
 *   strip under the bar; %NULL for none
 * @width: the bar's width
 * @height: the height of the bar and its ghost together
 *
 * Draws the bloc's need: members, China, other non-members, then unmet
 * need hatched, in ls_render_style_get_need_color()'s colours.
 */
void
ls_render_need_bar (cairo_t             *cr,
                    const LsRenderStyle *style,
                    const LsNeedBar     *bar,
                    const LsNeedBar     *ghost,
                    double               width,
                    double               height)
{
  double bar_height = height;

  g_return_if_fail (cr != NULL && style != NULL && bar != NULL);

  if (ghost != NULL)
    bar_height = MAX (1.0, height * (1.0 - LS_NEED_BAR_GHOST_FRACTION) - GHOST_GAP);

  cairo_save (cr);
  rounded_rectangle (cr, 0, 0, width, bar_height, 3.0);
  cairo_clip_preserve (cr);
  set_source (cr, &style->grid, 1.0);
  cairo_fill (cr);
  draw_parts (cr, style, bar, 0.0, width, bar_height, 1.0);
  cairo_restore (cr);

  if (ghost != NULL)
    {
      double y = bar_height + GHOST_GAP;

      cairo_save (cr);
      rounded_rectangle (cr, 0, y, width, height - y, 1.5);
      cairo_clip_preserve (cr);
      set_source (cr, &style->grid, 1.0);
      cairo_fill (cr);
      draw_parts (cr, style, ghost, y, width, height - y, 0.45);
      cairo_restore (cr);
    }
}

/**
 * ls_render_evidence_bar:
 *
 * Draws what a figure rests on: published figures dark, estimates
 * lighter, the model's completion lightest; one hue, so that the bar
 * reads as "how solid", not as three more suppliers.
 */
void
ls_render_evidence_bar (cairo_t               *cr,
                        const LsRenderStyle   *style,
                        const LsEvidenceSplit *split,
                        double                 width,
                        double                 height)
{
  const double alpha[LS_N_EVIDENCE] = { 1.0, 0.55, 0.22 };
  double x = 0.0;

  g_return_if_fail (cr != NULL && style != NULL && split != NULL);

  cairo_save (cr);
  rounded_rectangle (cr, 0, 0, width, height, 1.5);
  cairo_clip_preserve (cr);
  set_source (cr, &style->grid, 1.0);
  cairo_fill (cr);

  for (guint k = 0; k < LS_N_EVIDENCE; k++)
    {
      double w = CLAMP (split->part[k], 0.0, 1.0) * width;

      if (w <= 0.0)
        continue;
      set_source (cr, &style->foreground, alpha[k]);
      cairo_rectangle (cr, x, 0, MIN (w, width - x), height);
      cairo_fill (cr);
      x += w;
    }
  cairo_restore (cr);
}

/**
 * ls_render_sparkline:
 * @years: (array length=n_years): the years, in order
 * @values: (array length=n_years): a share per year, NaN where undefined
 * @current_year: the year marked with a dot
 *
 * Draws a small line of a share over the years on a fixed 0–100 % scale
 * (so that the rows of the panel compare), broken where a year has no
 * value, with a dot on @current_year.
 */
void
ls_render_sparkline (cairo_t             *cr,
                     const LsRenderStyle *style,
                     const int           *years,
                     const double        *values,
                     guint                n_years,
                     int                  current_year,
                     double               width,
                     double               height)
{
  double pad = 2.5;
  int first;
  int last;
  gboolean drawing = FALSE;

  g_return_if_fail (cr != NULL && style != NULL);

  if (n_years == 0)
    return;

  first = years[0];
  last = years[n_years - 1];

  cairo_save (cr);

  /* The 0 % and 100 % lines, faint. */
  set_source (cr, &style->grid, 1.0);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, pad, height - pad + 0.5);
  cairo_line_to (cr, width - pad, height - pad + 0.5);
  cairo_stroke (cr);

#define X(year) (last > first ? pad + ((year) - first) * (width - 2 * pad) / (double) (last - first) : width / 2)
#define Y(value) (height - pad - CLAMP (value, 0.0, 1.0) * (height - 2 * pad))

  set_source (cr, &style->dim_foreground, 1.0);
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < n_years; i++)
    {
      if (!isfinite (values[i]))
        {
          drawing = FALSE;
          continue;
        }
      if (drawing)
        cairo_line_to (cr, X (years[i]), Y (values[i]));
      else
        {
          /* A lone year shows as a short tick. */
          cairo_move_to (cr, X (years[i]) - 0.75, Y (values[i]));
          cairo_line_to (cr, X (years[i]) + 0.75, Y (values[i]));
        }
      drawing = TRUE;
    }
  cairo_stroke (cr);

  for (guint i = 0; i < n_years; i++)
    if (years[i] == current_year && isfinite (values[i]))
      {
        set_source (cr, &style->member, 1.0);
        cairo_arc (cr, X (years[i]), Y (values[i]), 2.5, 0, 2 * G_PI);
        cairo_fill (cr);
      }

#undef X
#undef Y

  cairo_restore (cr);
}
