/* ls-render-map.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-render-map"

#include "config.h"

#include "ls-render-map.h"

#include "ls-format.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

/* Flows below this share of the stage's world output are not drawn: they
 * would be hairlines, and there are dozens of them (estimated spreads of
 * small surpluses, DESIGN.md "Completing the flows" step 3). */
#define ARC_MIN_SHARE 0.005

/* How far an arc bows out, as a share of its chord. */
#define ARC_BOW 0.2

/* Thinnest arc drawn, in user units, whatever its tonnage. */
#define ARC_MIN_WIDTH 0.9

/* A flow counts as estimated, and is dashed, when more than this share of
 * its tonnage is estimated rather than published. */
#define ARC_ESTIMATED_SHARE 0.5

#define DEFAULT_FONT_FAMILY "Cantarell, Noto Sans, sans-serif"

typedef struct
{
  guint  from;
  guint  to;
  double value;
  double estimated;
} Arc;

/* Options */

/**
 * ls_map_options_init:
 * @options: (out caller-allocates): options to fill in
 *
 * The defaults: share of world output at the first stage, with arcs.
 */
void
ls_map_options_init (LsMapOptions *options)
{
  g_return_if_fail (options != NULL);

  options->metric = LS_MAP_METRIC_SHARE;
  options->stage = 0;
  options->show_arcs = TRUE;
}

/* Helpers */

static void
set_color (cairo_t       *cr,
           const LsColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static void
set_color_alpha (cairo_t       *cr,
                 const LsColor *color,
                 double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* Whole percents, but one decimal below 1 %: the map's small suppliers
 * would all read "0 %". */
static char *
format_percent (double share)
{
  return ls_format_percent (share, share > 0 && share < 0.01 ? 1 : 0);
}

/* A round number (1, 2 or 5 × 10^k) not above @value. */
static double
round_down_nice (double value)
{
  double magnitude, mantissa;

  if (value <= 0)
    return 0;

  magnitude = pow (10, floor (log10 (value)));
  mantissa = value / magnitude;
  if (mantissa >= 5)
    return 5 * magnitude;
  if (mantissa >= 2)
    return 2 * magnitude;
  return magnitude;
}

static gboolean
stage_is_valid (LsResult           *result,
                const LsMapOptions *options)
{
  return options->stage < ls_result_get_n_stages (result);
}

static gboolean
country_is_china (LsResult *result,
                  guint     country)
{
  return ls_dataset_get_china (ls_result_get_dataset (result)) == (int) country;
}

/* The ramp for dependency runs to orange, not blue, so that it is never
 * mistaken for a share map and the blue member outlines stay visible. */
static void
dependency_color (const LsRenderStyle *style,
                  double               t,
                  LsColor             *out)
{
  ls_color_lerp (&style->land, &style->shortfall, sqrt (CLAMP (t, 0.0, 1.0)), out);
}

static double
metric_value (LsResult           *result,
              const LsMapOptions *options,
              guint               country)
{
  switch (options->metric)
    {
    case LS_MAP_METRIC_SHARE:
      return ls_result_get_share (result, options->stage, country);
    case LS_MAP_METRIC_DEPENDENCY:
      return ls_result_get_dependency_on (result, options->stage, country);
    case LS_MAP_METRIC_MEMBERSHIP:
    default:
      return 0;
    }
}

/**
 * ls_render_map_color_for:
 * @result: a result
 * @style: colours
 * @options: what the map shows
 * @country: a country of @result's dataset
 * @color: (out caller-allocates): its fill, alpha 0 when it keeps the
 *   land colour
 *
 * The choropleth colour of one country.
 */
void
ls_render_map_color_for (LsResult            *result,
                         const LsRenderStyle *style,
                         const LsMapOptions  *options,
                         guint                country,
                         LsColor             *color)
{
  double value;

  g_return_if_fail (result != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (color != NULL);

  *color = style->land;
  color->alpha = 0;

  if (country >= ls_result_get_n_countries (result) || !stage_is_valid (result, options))
    return;

  switch (options->metric)
    {
    case LS_MAP_METRIC_SHARE:
      value = metric_value (result, options, country);
      if (value > 0)
        ls_color_sequential (style, value, color);
      break;

    case LS_MAP_METRIC_DEPENDENCY:
      value = metric_value (result, options, country);
      if (value > 0)
        dependency_color (style, value, color);
      break;

    case LS_MAP_METRIC_MEMBERSHIP:
      if (ls_result_is_member (result, country))
        *color = style->member;
      else if (country_is_china (result, country))
        *color = style->china;
      else
        /* Lighter than the category colour, so that the two that matter
         * stand out, but still apart from countries with no data. */
        ls_color_lerp (&style->other, &style->land, 0.45, color);
      break;

    default:
      g_return_if_reached ();
    }
}

static void
append_world_outline (cairo_t            *cr,
                      const LsProjection *projection)
{
  double x, y;

  /* The world's edge is the antimeridian on both sides; sampled, so that
   * curved edges (Equal Earth) come out right. */
  for (int lat = -90; lat <= 90; lat += 2)
    {
      ls_projection_project (projection, -180.0, lat, &x, &y);
      if (lat == -90)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  for (int lat = 90; lat >= -90; lat -= 2)
    {
      ls_projection_project (projection, 180.0, lat, &x, &y);
      cairo_line_to (cr, x, y);
    }
  cairo_close_path (cr);
}

/* The part of the map a Cairo context can still paint, in user units,
 * widened by @margin for strokes. */
typedef struct
{
  double x1, y1, x2, y2;
} Box;

static void
get_visible_box (cairo_t *cr,
                 double   margin,
                 Box     *box)
{
  cairo_clip_extents (cr, &box->x1, &box->y1, &box->x2, &box->y2);
  box->x1 -= margin;
  box->y1 -= margin;
  box->x2 += margin;
  box->y2 += margin;
}

/* Whether any of a country can fall inside @box. Both projections are
 * monotonic in longitude along a parallel and in latitude along a
 * meridian, and widest at the equator, so the corners of the country's
 * box (and its equator crossing) bound its projection. At world zoom
 * everything passes; zoomed in, this skips most of the 1:50m shapes. */
static gboolean
country_visible (LsShapes           *shapes,
                 guint               country,
                 const LsProjection *projection,
                 const Box          *box)
{
  LsGeoBounds b;
  Box extent = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  double lats[3];
  guint n_lats = 0;

  ls_shapes_get_bounds (shapes, country, &b);
  lats[n_lats++] = b.south;
  lats[n_lats++] = b.north;
  if (b.south < 0 && b.north > 0)
    lats[n_lats++] = 0;

  for (guint i = 0; i < n_lats; i++)
    for (guint j = 0; j < 2; j++)
      {
        double x, y;

        ls_projection_project (projection, j == 0 ? b.west : b.east, lats[i], &x, &y);
        extent.x1 = MIN (extent.x1, x);
        extent.x2 = MAX (extent.x2, x);
        extent.y1 = MIN (extent.y1, y);
        extent.y2 = MAX (extent.y2, y);
      }

  return extent.x2 >= box->x1 && extent.x1 <= box->x2 && extent.y2 >= box->y1 && extent.y1 <= box->y2;
}

/* Layers */

/**
 * ls_render_map_sea:
 * @cr: a Cairo context
 * @style: colours
 * @projection: where the map is
 *
 * Fills the world's outline (a rectangle in Web Mercator, a rounded shape
 * in Equal Earth) with the sea colour.
 */
void
ls_render_map_sea (cairo_t             *cr,
                   const LsRenderStyle *style,
                   const LsProjection  *projection)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (projection != NULL);

  cairo_save (cr);
  cairo_new_path (cr);
  append_world_outline (cr, projection);
  set_color (cr, &style->sea);
  cairo_fill (cr);
  cairo_restore (cr);
}

/**
 * ls_render_map_land:
 * @cr: a Cairo context
 * @shapes: country shapes
 * @style: colours
 * @projection: where the map is
 * @border_width: width of the borders between countries; 0 for none
 *
 * Fills every country with the land colour and strokes the borders.
 */
void
ls_render_map_land (cairo_t             *cr,
                    LsShapes            *shapes,
                    const LsRenderStyle *style,
                    const LsProjection  *projection,
                    double               border_width)
{
  Box box;
  guint n;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (LS_IS_SHAPES (shapes));
  g_return_if_fail (style != NULL);
  g_return_if_fail (projection != NULL);

  n = ls_shapes_get_n_countries (shapes);
  get_visible_box (cr, border_width, &box);

  cairo_save (cr);
  cairo_new_path (cr);
  /* One path for the whole world: countries never overlap, so even-odd
   * over all of them still leaves only the real holes (Lesotho is both a
   * hole in South Africa and a country, so it is filled twice over). */
  for (guint i = 0; i < n; i++)
    if (country_visible (shapes, i, projection, &box))
      ls_shapes_append_path (shapes, i, cr, projection);

  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  set_color (cr, &style->land);
  if (border_width > 0)
    {
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, border_width);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
      /* Borders are hairlines; Cairo's fast antialiasing draws them at
       * well under half the cost and the difference does not show. */
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
      set_color (cr, &style->border);
      cairo_stroke (cr);
    }
  else
    cairo_fill (cr);
  cairo_restore (cr);
}

/**
 * ls_render_map_choropleth:
 * @cr: a Cairo context
 * @result: the result to show
 * @shapes: country shapes
 * @style: colours
 * @options: metric and stage
 * @projection: where the map is
 * @border_width: width of the borders redrawn over the fills; 0 for none
 *
 * Fills the countries of @result's dataset by @options' metric. Countries
 * too small to have a shape (Singapore, Hong Kong in the 1:110m file) get
 * a dot at their label point.
 */
void
ls_render_map_choropleth (cairo_t             *cr,
                          LsResult            *result,
                          LsShapes            *shapes,
                          const LsRenderStyle *style,
                          const LsMapOptions  *options,
                          const LsProjection  *projection,
                          double               border_width)
{
  LsDataset *dataset;
  Box box;
  guint n;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (result != NULL);
  g_return_if_fail (LS_IS_SHAPES (shapes));
  g_return_if_fail (style != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (projection != NULL);

  if (!stage_is_valid (result, options))
    return;

  dataset = ls_result_get_dataset (result);
  n = ls_result_get_n_countries (result);
  get_visible_box (cr, border_width, &box);

  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_set_line_width (cr, border_width);

  for (guint i = 0; i < n; i++)
    {
      LsColor color;
      int shape;

      ls_render_map_color_for (result, style, options, i, &color);
      if (color.alpha <= 0)
        continue;

      cairo_new_path (cr);
      shape = ls_shapes_lookup (shapes, ls_dataset_get_country_id (dataset, i));
      if (shape >= 0 && !country_visible (shapes, shape, projection, &box))
        continue;
      if (shape >= 0)
        ls_shapes_append_path (shapes, shape, cr, projection);
      else
        {
          double lat, lon, x, y;

          ls_dataset_get_country_label_point (dataset, i, &lat, &lon);
          ls_projection_project (projection, lon, lat, &x, &y);
          cairo_arc (cr, x, y, MAX (2.5, 3 * border_width), 0, 2 * G_PI);
        }

      set_color (cr, &color);
      if (border_width > 0)
        {
          cairo_fill_preserve (cr);
          set_color (cr, &style->border);
          cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
          cairo_stroke (cr);
          cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
        }
      else
        cairo_fill (cr);
    }

  cairo_restore (cr);
}

/**
 * ls_render_map_outlines:
 * @cr: a Cairo context
 * @result: the result, for its bloc
 * @shapes: country shapes
 * @style: colours
 * @projection: where the map is
 * @line_width: width of the outline
 *
 * Strokes the outline of every bloc member in the member colour.
 */
void
ls_render_map_outlines (cairo_t             *cr,
                        LsResult            *result,
                        LsShapes            *shapes,
                        const LsRenderStyle *style,
                        const LsProjection  *projection,
                        double               line_width)
{
  LsDataset *dataset;
  Box box;
  guint n;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (result != NULL);
  g_return_if_fail (LS_IS_SHAPES (shapes));
  g_return_if_fail (style != NULL);
  g_return_if_fail (projection != NULL);

  if (ls_result_get_n_members (result) == 0)
    return;

  dataset = ls_result_get_dataset (result);
  n = ls_result_get_n_countries (result);
  get_visible_box (cr, line_width, &box);

  cairo_save (cr);
  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    {
      int shape;

      if (!ls_result_is_member (result, i))
        continue;

      shape = ls_shapes_lookup (shapes, ls_dataset_get_country_id (dataset, i));
      if (shape >= 0)
        {
          if (country_visible (shapes, shape, projection, &box))
            ls_shapes_append_path (shapes, shape, cr, projection);
        }
      else
        {
          double lat, lon, x, y;

          ls_dataset_get_country_label_point (dataset, i, &lat, &lon);
          ls_projection_project (projection, lon, lat, &x, &y);
          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, MAX (3.5, 2.5 * line_width), 0, 2 * G_PI);
        }
    }

  /* One stroke, centred on the border: a casing or a clip to the inside
   * would read better on busy fills but triples the cost per frame. */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_set_line_width (cr, line_width);
  /* Canada's archipelago alone is thousands of segments; Cairo's fast
   * antialiasing halves the cost of a frame and looks the same at these
   * widths. */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  set_color (cr, &style->member);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/**
 * ls_render_map_highlight:
 * @cr: a Cairo context
 * @shapes: country shapes
 * @shape: index of a country in @shapes
 * @style: colours
 * @projection: where the map is
 * @line_width: width of the outline
 *
 * Marks one country, e.g. under the pointer: a light wash and a strong
 * outline in the highlight colour.
 */
void
ls_render_map_highlight (cairo_t             *cr,
                         LsShapes            *shapes,
                         guint                shape,
                         const LsRenderStyle *style,
                         const LsProjection  *projection,
                         double               line_width)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (LS_IS_SHAPES (shapes));
  g_return_if_fail (shape < ls_shapes_get_n_countries (shapes));
  g_return_if_fail (style != NULL);
  g_return_if_fail (projection != NULL);

  cairo_save (cr);
  cairo_new_path (cr);
  ls_shapes_append_path (shapes, shape, cr, projection);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  /* A wash of the background, not of the highlight colour: mixed with a
   * choropleth fill, yellow would read as a data colour of its own. */
  set_color_alpha (cr, &style->background, 0.3);
  cairo_fill_preserve (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, line_width);
  set_color (cr, &style->highlight);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Arcs */

static int
compare_arcs (gconstpointer a,
              gconstpointer b)
{
  const Arc *arc_a = a;
  const Arc *arc_b = b;

  return (arc_a->value > arc_b->value) - (arc_a->value < arc_b->value);
}

/* The flows of @stage between two different countries that are big
 * enough to draw, smallest first so that big ones are drawn on top.
 * Flows from "unknown" have no place on the map and are left out. */
static GArray *
collect_arcs (LsResult *result,
              guint     stage,
              double   *max_value)
{
  GArray *arcs = g_array_new (FALSE, FALSE, sizeof (Arc));
  guint n = ls_result_get_n_countries (result);
  double threshold;

  *max_value = 0;
  if (stage + 1 >= ls_result_get_n_stages (result))
    return arcs;

  threshold = ARC_MIN_SHARE * ls_result_get_stage_total (result, stage);

  for (guint from = 0; from < n; from++)
    for (guint to = 0; to < n; to++)
      {
        Arc arc;

        if (from == to)
          continue;

        arc.value = ls_result_get_flow (result, stage, from, to);
        if (arc.value <= 0 || arc.value < threshold)
          continue;

        arc.from = from;
        arc.to = to;
        arc.estimated = ls_result_get_flow_estimated (result, stage, from, to);
        g_array_append_val (arcs, arc);
        *max_value = MAX (*max_value, arc.value);
      }

  g_array_sort (arcs, compare_arcs);
  return arcs;
}

/**
 * ls_render_map_count_arcs:
 * @result: a result
 * @stage: a stage
 *
 * Returns: how many arcs ls_render_map_arcs() draws for @stage
 */
guint
ls_render_map_count_arcs (LsResult *result,
                          guint     stage)
{
  g_autoptr(GArray) arcs = NULL;
  double max_value;

  g_return_val_if_fail (result != NULL, 0);

  arcs = collect_arcs (result, stage, &max_value);
  return arcs->len;
}

static double
arc_width (double value,
           double max_value,
           double max_width)
{
  /* Width proportional to tonnes, as a Sankey ribbon would be, with a
   * floor so that the smallest drawn flow is still visible. */
  return MAX (ARC_MIN_WIDTH, max_width * value / max_value);
}

static void
arc_color (LsResult            *result,
           const LsRenderStyle *style,
           guint                from,
           LsColor             *color)
{
  if (ls_result_is_member (result, from))
    *color = style->member;
  else if (country_is_china (result, from))
    *color = style->china;
  else
    *color = style->dim_foreground;
}

/* Strokes the shaft of an arc and fills its head, both with the current
 * source; the caller sets the width, the dash and the colour. */
static void
draw_arc_shape (cairo_t *cr,
                double   x0,
                double   y0,
                double   x1,
                double   y1,
                double   width,
                double   casing)
{
  double dx = x1 - x0, dy = y1 - y0;
  double length = hypot (dx, dy);
  double cx, cy, tx, ty, t_len, head_len, head_half, bx, by;

  if (length < 1)
    return;

  /* Bow to the right of the direction of travel (north for flows going
   * east), so that flows both ways between two countries stay apart. */
  cx = (x0 + x1) / 2 + ARC_BOW * dy;
  cy = (y0 + y1) / 2 - ARC_BOW * dx;

  /* The head points along the curve's tangent at its end, which for a
   * quadratic Bézier is the direction from the control point. */
  tx = x1 - cx;
  ty = y1 - cy;
  t_len = hypot (tx, ty);
  tx /= t_len;
  ty /= t_len;

  head_len = MIN (MAX (7.0, 2.2 * width), length / 3);
  head_half = MAX (4.0, 1.3 * width);
  bx = x1 - tx * head_len;
  by = y1 - ty * head_len;

  /* Cairo has quadratic curves only as cubics: control points at 2/3. */
  cairo_new_path (cr);
  cairo_move_to (cr, x0, y0);
  cairo_curve_to (cr,
                  x0 + 2.0 / 3.0 * (cx - x0), y0 + 2.0 / 3.0 * (cy - y0),
                  bx + 2.0 / 3.0 * (cx - bx), by + 2.0 / 3.0 * (cy - by),
                  bx, by);
  cairo_set_line_width (cr, width + 2 * casing);
  cairo_stroke (cr);

  cairo_save (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_move_to (cr, x1 + tx * casing, y1 + ty * casing);
  cairo_line_to (cr, bx - ty * (head_half + casing), by + tx * (head_half + casing));
  cairo_line_to (cr, bx + ty * (head_half + casing), by - tx * (head_half + casing));
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_restore (cr);
}

/**
 * ls_render_map_arcs:
 * @cr: a Cairo context
 * @result: the result to show
 * @style: colours
 * @options: the stage whose flows are drawn; nothing if !show_arcs
 * @projection: where the map is
 * @max_width: the width of the largest flow, in user units
 *
 * Draws the flows of material leaving @options' stage between countries,
 * from the exporter's label point to the importer's, as bowed arrows as
 * wide as their tonnage (the largest @max_width), in the exporter's
 * category colour. Flows that are mostly estimated are dashed; flows below
 * half a percent of the stage's output are left out.
 */
void
ls_render_map_arcs (cairo_t             *cr,
                    LsResult            *result,
                    const LsRenderStyle *style,
                    const LsMapOptions  *options,
                    const LsProjection  *projection,
                    double               max_width)
{
  g_autoptr(GArray) arcs = NULL;
  LsDataset *dataset;
  double max_value;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (result != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (projection != NULL);

  if (!options->show_arcs || !stage_is_valid (result, options))
    return;

  arcs = collect_arcs (result, options->stage, &max_value);
  if (arcs->len == 0)
    return;

  dataset = ls_result_get_dataset (result);

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  for (guint i = 0; i < arcs->len; i++)
    {
      const Arc *arc = &g_array_index (arcs, Arc, i);
      double lat, lon, x0, y0, x1, y1;
      double width = arc_width (arc->value, max_value, max_width);
      double casing = MAX (0.75, width * 0.15);
      LsColor color;

      ls_dataset_get_country_label_point (dataset, arc->from, &lat, &lon);
      ls_projection_project (projection, lon, lat, &x0, &y0);
      ls_dataset_get_country_label_point (dataset, arc->to, &lat, &lon);
      ls_projection_project (projection, lon, lat, &x1, &y1);

      if (arc->estimated > ARC_ESTIMATED_SHARE * arc->value)
        {
          double dashes[2] = { MAX (4.0, 1.2 * width), MAX (2.5, 0.6 * width) };

          cairo_set_dash (cr, dashes, 2, 0);
        }
      else
        cairo_set_dash (cr, NULL, 0, 0);

      /* A casing in the background colour under each arc keeps it
       * readable over any choropleth fill and over other arcs. */
      set_color_alpha (cr, &style->background, 0.75);
      draw_arc_shape (cr, x0, y0, x1, y1, width, casing);

      /* On the membership map the fills already say who exports;
       * there, arcs in the category colours would vanish into them. */
      if (options->metric == LS_MAP_METRIC_MEMBERSHIP)
        color = style->foreground;
      else
        arc_color (result, style, arc->from, &color);
      set_color_alpha (cr, &color, 0.9);
      draw_arc_shape (cr, x0, y0, x1, y1, width, 0);

      /* The exporter end, a dot, so that an arc's direction reads even
       * where the head is hidden under another. */
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_arc (cr, x0, y0, MAX (1.5, width * 0.6), 0, 2 * G_PI);
      cairo_fill (cr);
    }

  cairo_restore (cr);
}

/* Legend */

typedef struct
{
  cairo_t             *cr;
  const LsRenderStyle *style;
  gboolean             draw;
  double               x;
  double               y;
  double               width;
  double               unit;    /* user units per legend pixel: the font scale */
} Legend;

static PangoLayout *
legend_text (Legend     *lg,
             const char *text,
             double      size,
             gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (lg->cr);
  g_autoptr(PangoFontDescription) font = NULL;
  const char *family = lg->style->font_family != NULL ? lg->style->font_family : DEFAULT_FONT_FAMILY;

  font = pango_font_description_from_string (family);
  pango_font_description_set_absolute_size (font, size * lg->unit * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

/* Lays out (and, when drawing, shows) one piece of text at (@x, @y) in
 * legend coordinates; returns its size. */
static void
legend_show (Legend        *lg,
             const char    *text,
             double         x,
             double         y,
             double         size,
             gboolean       bold,
             const LsColor *color,
             double        *width,
             double        *height)
{
  g_autoptr(PangoLayout) layout = legend_text (lg, text, size, bold);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  if (lg->draw)
    {
      cairo_move_to (lg->cr, lg->x + x, lg->y + y);
      set_color (lg->cr, color);
      pango_cairo_show_layout (lg->cr, layout);
    }

  lg->width = MAX (lg->width, x + w);
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

static void
legend_swatch (Legend        *lg,
               double         x,
               double         y,
               double         size,
               const LsColor *fill,
               const LsColor *line,
               double         line_width)
{
  if (!lg->draw)
    return;

  cairo_rectangle (lg->cr, lg->x + x, lg->y + y, size, size);
  set_color (lg->cr, fill);
  cairo_fill_preserve (lg->cr);
  cairo_set_line_width (lg->cr, line_width);
  set_color (lg->cr, line);
  cairo_stroke (lg->cr);
}

static double
legend_ramp (Legend             *lg,
             LsResult           *result,
             const LsMapOptions *options,
             double              y)
{
  static const double ticks[] = { 0, 0.01, 0.05, 0.25, 0.5, 1.0 };
  const LsRenderStyle *style = lg->style;
  double u = lg->unit;
  double ramp_w = 200 * u, ramp_h = 10 * u;
  double label_h = 0;

  if (lg->draw)
    {
      cairo_pattern_t *gradient;
      LsColor low, high;

      /* Both ramps are square-root spaced (ls_color_sequential), so a
       * value v sits at sqrt(v) along the bar and the colours between
       * the ends are linear in position. */
      if (options->metric == LS_MAP_METRIC_SHARE)
        {
          ls_color_sequential (style, 0, &low);
          ls_color_sequential (style, 1, &high);
        }
      else
        {
          dependency_color (style, 0, &low);
          dependency_color (style, 1, &high);
        }

      gradient = cairo_pattern_create_linear (lg->x, 0, lg->x + ramp_w, 0);
      cairo_pattern_add_color_stop_rgb (gradient, 0, low.red, low.green, low.blue);
      cairo_pattern_add_color_stop_rgb (gradient, 1, high.red, high.green, high.blue);
      cairo_rectangle (lg->cr, lg->x, lg->y + y, ramp_w, ramp_h);
      cairo_set_source (lg->cr, gradient);
      cairo_pattern_destroy (gradient);
      cairo_fill_preserve (lg->cr);
      cairo_set_line_width (lg->cr, u);
      set_color (lg->cr, &style->border);
      cairo_stroke (lg->cr);
    }
  lg->width = MAX (lg->width, ramp_w);

  for (guint i = 0; i < G_N_ELEMENTS (ticks); i++)
    {
      g_autofree char *label = NULL;
      double tx = sqrt (ticks[i]) * ramp_w;
      double w, h;

      if (lg->draw)
        {
          cairo_move_to (lg->cr, lg->x + tx, lg->y + y + ramp_h);
          cairo_line_to (lg->cr, lg->x + tx, lg->y + y + ramp_h + 3 * u);
          cairo_set_line_width (lg->cr, u);
          set_color (lg->cr, &style->foreground);
          cairo_stroke (lg->cr);
        }

      label = ticks[i] == 1.0 ? ls_format_percent (1.0, 0) : g_strdup_printf ("%g", ticks[i] * 100);
      /* Centre the labels on their ticks; measure first. */
      {
        g_autoptr(PangoLayout) layout = legend_text (lg, label, 10, FALSE);
        int pw, ph;

        pango_layout_get_pixel_size (layout, &pw, &ph);
        w = pw;
        h = ph;
      }
      legend_show (lg, label, CLAMP (tx - w / 2, 0, ramp_w + 20 * u), y + ramp_h + 4 * u, 10, FALSE,
                   &style->dim_foreground, NULL, NULL);
      label_h = MAX (label_h, h);
    }

  return ramp_h + 4 * u + label_h;
}

static double
legend_categories (Legend   *lg,
                   LsResult *result,
                   double    y)
{
  const LsRenderStyle *style = lg->style;
  double u = lg->unit;
  double row = 0;
  LsColor other;
  struct
  {
    const LsColor *color;
    const char    *label;
  } rows[] = {
    { &style->member, _("Bloc member") },
    { &style->china, _("China") },
    { &other, _("Other country in the dataset") },
    { &style->land, _("No data") },
  };

  ls_color_lerp (&style->other, &style->land, 0.45, &other);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      double h;

      legend_swatch (lg, 0, y + row + 2 * u, 11 * u, rows[i].color, &style->border, 0.5 * u);
      legend_show (lg, rows[i].label, 18 * u, y + row, 11, FALSE, &style->foreground, NULL, &h);
      row += MAX (h, 15 * u) + 2 * u;
    }

  return row;
}

static double
legend_arcs (Legend             *lg,
             LsResult           *result,
             const LsMapOptions *options,
             double              max_arc_width,
             double              y)
{
  g_autoptr(GArray) arcs = NULL;
  const LsRenderStyle *style = lg->style;
  double u = lg->unit;
  double max_value, row = 0, h;
  double samples[2];
  double unknown;
  LsDataset *dataset = ls_result_get_dataset (result);
  const char *unit = ls_dataset_get_stage_unit (dataset, options->stage);
  g_autofree char *stage = g_utf8_strdown (ls_dataset_get_stage_name (dataset, options->stage), -1);
  g_autofree char *header = g_strdup_printf (_("Flows of %s output"), stage);

  arcs = collect_arcs (result, options->stage, &max_value);
  if (arcs->len == 0)
    return 0;

  legend_show (lg, header, 0, y, 11, TRUE, &style->foreground, NULL, &h);
  row += h + 1 * u;
  if (options->metric != LS_MAP_METRIC_MEMBERSHIP)
    {
      legend_show (lg, _("Coloured by exporter: bloc member, China, other"), 0, y + row, 10, FALSE,
                   &style->dim_foreground, NULL, &h);
      row += h;
    }
  row += 2 * u;

  samples[0] = round_down_nice (max_value);
  samples[1] = round_down_nice (samples[0] / 4);

  for (guint i = 0; i < G_N_ELEMENTS (samples) + 1; i++)
    {
      gboolean dashed = i == G_N_ELEMENTS (samples);
      double value = dashed ? samples[1] : samples[i];
      double width = arc_width (value, max_value, max_arc_width);
      g_autofree char *label = dashed ? g_strdup (_("estimated, not published")) : ls_format_tonnes (value, unit);
      double line_h = MAX (width, 15 * u);

      if (lg->draw)
        {
          double dashes[2] = { MAX (4.0, 1.2 * width), MAX (2.5, 0.6 * width) };

          cairo_save (lg->cr);
          if (dashed)
            cairo_set_dash (lg->cr, dashes, 2, 0);
          cairo_move_to (lg->cr, lg->x, lg->y + y + row + line_h / 2);
          cairo_line_to (lg->cr, lg->x + 40 * u, lg->y + y + row + line_h / 2);
          cairo_set_line_width (lg->cr, width);
          set_color (lg->cr, &style->dim_foreground);
          cairo_stroke (lg->cr);
          cairo_restore (lg->cr);
        }
      legend_show (lg, label, 48 * u, y + row + line_h / 2 - 7 * u, 11, FALSE, &style->foreground, NULL, &h);
      row += MAX (line_h, h) + 3 * u;
    }

  unknown = ls_result_get_unknown_supply (result, options->stage);
  if (unknown > 0)
    {
      g_autofree char *tonnes = ls_format_tonnes (unknown, unit);
      g_autofree char *note = g_strdup_printf (_("Of unknown origin, not drawn: %s"), tonnes);

      legend_show (lg, note, 0, y + row, 10, FALSE, &style->dim_foreground, NULL, &h);
      row += h;
    }

  return row;
}

static void
legend_run (Legend             *lg,
            LsResult           *result,
            const LsMapOptions *options,
            double              max_arc_width,
            double             *height)
{
  const LsRenderStyle *style = lg->style;
  LsDataset *dataset = ls_result_get_dataset (result);
  g_autofree char *stage = NULL;
  g_autofree char *header = NULL;
  double u = lg->unit;
  double y = 0, h;

  if (!stage_is_valid (result, options))
    {
      *height = 0;
      return;
    }

  stage = g_utf8_strdown (ls_dataset_get_stage_name (dataset, options->stage), -1);
  switch (options->metric)
    {
    case LS_MAP_METRIC_SHARE:
      header = g_strdup_printf (_("Share of world %s output"), stage);
      break;
    case LS_MAP_METRIC_DEPENDENCY:
      header = g_strdup_printf (_("Share of the bloc’s %s intake, by supplier"), stage);
      break;
    case LS_MAP_METRIC_MEMBERSHIP:
    default:
      header = g_strdup (_("Membership"));
      break;
    }

  legend_show (lg, header, 0, y, 11, TRUE, &style->foreground, NULL, &h);
  y += h + 4 * u;

  if (options->metric == LS_MAP_METRIC_MEMBERSHIP)
    y += legend_categories (lg, result, y);
  else if (options->metric == LS_MAP_METRIC_DEPENDENCY && ls_result_get_n_members (result) == 0)
    {
      legend_show (lg, _("No bloc chosen: choose an alliance or members"), 0, y, 11, FALSE,
                   &style->dim_foreground, NULL, &h);
      y += h;
    }
  else
    y += legend_ramp (lg, result, options, y);

  if (ls_result_get_n_members (result) > 0 && options->metric != LS_MAP_METRIC_MEMBERSHIP)
    {
      y += 6 * u;
      if (lg->draw)
        {
          cairo_rectangle (lg->cr, lg->x + 1.5 * u, lg->y + y + 3.5 * u, 9 * u, 9 * u);
          cairo_set_line_width (lg->cr, 2 * u);
          set_color (lg->cr, &style->member);
          cairo_stroke (lg->cr);
        }
      legend_show (lg, _("Bloc member (outline)"), 18 * u, y, 11, FALSE, &style->foreground, NULL, &h);
      y += h;
    }

  if (options->show_arcs)
    {
      double arcs_h;

      arcs_h = legend_arcs (lg, result, options, max_arc_width, y + 8 * u);
      if (arcs_h > 0)
        y += 8 * u + arcs_h;
    }

  *height = y;
}

/**
 * ls_render_map_measure_legend:
 * @cr: a Cairo context, for text measurement
 * @result: the result shown
 * @style: colours and font scale (user units per legend pixel)
 * @options: what the map shows
 * @max_arc_width: the width the largest arc is drawn with
 * @width: (out): the legend's width, without margins
 * @height: (out): the legend's height
 *
 * The size ls_render_map_legend() draws at.
 */
void
ls_render_map_measure_legend (cairo_t             *cr,
                              LsResult            *result,
                              const LsRenderStyle *style,
                              const LsMapOptions  *options,
                              double               max_arc_width,
                              double              *width,
                              double              *height)
{
  Legend lg = { cr, style, FALSE, 0, 0, 0, 1 };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (result != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (width != NULL && height != NULL);

  lg.unit = style->font_scale > 0 ? style->font_scale : 1.0;
  legend_run (&lg, result, options, max_arc_width, height);
  *width = lg.width;
}

/**
 * ls_render_map_legend:
 * @cr: a Cairo context
 * @result: the result shown
 * @style: colours and font scale
 * @options: what the map shows
 * @max_arc_width: the width the largest arc is drawn with
 * @x: left edge
 * @y: top edge
 *
 * Draws the legend: the colour ramp with ticks, or the membership
 * categories; the bloc outline; the arc widths and "estimated" dashes.
 * No background: the caller puts it on one.
 */
void
ls_render_map_legend (cairo_t             *cr,
                      LsResult            *result,
                      const LsRenderStyle *style,
                      const LsMapOptions  *options,
                      double               max_arc_width,
                      double               x,
                      double               y)
{
  Legend lg = { cr, style, TRUE, x, y, 0, 1 };
  double height;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (result != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (options != NULL);

  lg.unit = style->font_scale > 0 ? style->font_scale : 1.0;
  cairo_save (cr);
  cairo_new_path (cr);
  legend_run (&lg, result, options, max_arc_width, &height);
  cairo_restore (cr);
}

/* Words */

/**
 * ls_render_map_dup_title:
 * @result: the result shown
 * @options: what the map shows
 *
 * Returns: (transfer full): the figure's title, e.g. "Rare-earth mining,
 *   2024 — share of world output"
 */
char *
ls_render_map_dup_title (LsResult           *result,
                         const LsMapOptions *options)
{
  LsDataset *dataset;
  g_autofree char *stage = NULL;
  int year;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (stage_is_valid (result, options), NULL);

  dataset = ls_result_get_dataset (result);
  stage = g_utf8_strdown (ls_dataset_get_stage_name (dataset, options->stage), -1);
  year = ls_result_get_year (result);

  switch (options->metric)
    {
    case LS_MAP_METRIC_SHARE:
      return g_strdup_printf (_("Rare-earth %s, %d — share of world output"), stage, year);
    case LS_MAP_METRIC_DEPENDENCY:
      return g_strdup_printf (_("Rare-earth %s, %d — the bloc’s dependency by supplier"), stage, year);
    case LS_MAP_METRIC_MEMBERSHIP:
    default:
      return g_strdup_printf (_("Rare-earth %s, %d — bloc membership"), stage, year);
    }
}

typedef struct
{
  guint  country;
  double value;
} Ranked;

static int
compare_ranked_desc (gconstpointer a,
                     gconstpointer b)
{
  const Ranked *ra = a;
  const Ranked *rb = b;

  return (ra->value < rb->value) - (ra->value > rb->value);
}

/* "China 69 %, United States 11 %, Myanmar 8 %" for the @max_items
 * largest positive values of the metric; "and 9 more" after. */
static void
append_ranking (GString            *out,
                LsResult           *result,
                const LsMapOptions *options,
                guint               max_items)
{
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  LsDataset *dataset = ls_result_get_dataset (result);
  guint n = ls_result_get_n_countries (result);

  for (guint i = 0; i < n; i++)
    {
      Ranked r = { i, metric_value (result, options, i) };

      if (r.value > 0)
        g_array_append_val (ranked, r);
    }
  g_array_sort (ranked, compare_ranked_desc);

  for (guint i = 0; i < ranked->len && i < max_items; i++)
    {
      const Ranked *r = &g_array_index (ranked, Ranked, i);
      g_autofree char *percent = format_percent (r->value);

      if (i > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%s %s", ls_dataset_get_country_name (dataset, r->country), percent);
    }
  if (ranked->len > max_items)
    g_string_append_printf (out, _(", and %u more"), ranked->len - max_items);
}

/**
 * ls_render_map_dup_description:
 * @result: the result shown
 * @options: what the map shows
 *
 * A summary of the map in words, for the accessible description: the
 * largest values of the metric, the bloc, and the largest flows drawn.
 *
 * Returns: (transfer full): the description
 */
char *
ls_render_map_dup_description (LsResult           *result,
                               const LsMapOptions *options)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *title = NULL;
  LsDataset *dataset;
  guint n_members;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (!stage_is_valid (result, options))
    return g_strdup ("");

  dataset = ls_result_get_dataset (result);
  n_members = ls_result_get_n_members (result);
  title = ls_render_map_dup_title (result, options);
  g_string_append (out, title);
  g_string_append (out, ": ");

  switch (options->metric)
    {
    case LS_MAP_METRIC_SHARE:
      append_ranking (out, result, options, 5);
      g_string_append (out, ".");
      break;

    case LS_MAP_METRIC_DEPENDENCY:
      {
        double non_bloc = 0;

        if (n_members == 0)
          g_string_append (out, _("no bloc chosen."));
        else if (!ls_result_get_dependency (result, options->stage, &non_bloc))
          g_string_append (out, _("the bloc takes in none of this stage’s output."));
        else
          {
            g_autofree char *percent = format_percent (non_bloc);

            g_string_append_printf (out, _("the bloc gets %s of its intake from outside: "), percent);
            append_ranking (out, result, options, 5);
            g_string_append (out, ".");
          }
      }
      break;

    case LS_MAP_METRIC_MEMBERSHIP:
    default:
      if (n_members == 0)
        g_string_append (out, _("no bloc chosen."));
      else
        {
          guint listed = 0;

          g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u member: ", "%u members: ", n_members),
                                  n_members);
          for (guint i = 0; i < ls_result_get_n_countries (result); i++)
            if (ls_result_is_member (result, i))
              {
                if (listed++ > 0)
                  g_string_append (out, ", ");
                g_string_append (out, ls_dataset_get_country_name (dataset, i));
              }
          g_string_append (out, ".");
        }
      break;
    }

  if (n_members > 0 && options->metric != LS_MAP_METRIC_MEMBERSHIP)
    {
      g_autofree char *percent = format_percent (ls_result_get_bloc_share (result, options->stage));

      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                " The bloc of %u country has %s of world output.",
                                                " The bloc of %u countries has %s of world output.",
                                                n_members),
                              n_members, percent);
    }

  if (options->show_arcs)
    {
      g_autoptr(GArray) arcs = NULL;
      double max_value;

      arcs = collect_arcs (result, options->stage, &max_value);
      if (arcs->len > 0)
        {
          g_string_append (out, _(" Largest flows: "));
          /* collect_arcs() sorts smallest first. */
          for (guint i = 0; i < MIN (arcs->len, 3); i++)
            {
              const Arc *arc = &g_array_index (arcs, Arc, arcs->len - 1 - i);
              g_autofree char *tonnes = ls_format_tonnes (arc->value, ls_dataset_get_stage_unit (dataset, options->stage));

              if (i > 0)
                g_string_append (out, ", ");
              g_string_append_printf (out, _("%s to %s %s"),
                                      ls_dataset_get_country_name (dataset, arc->from),
                                      ls_dataset_get_country_name (dataset, arc->to),
                                      tonnes);
            }
          g_string_append (out, ".");
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The whole figure */

static PangoLayout *
figure_text (cairo_t             *cr,
             const LsRenderStyle *style,
             const char          *text,
             double               size,
             gboolean             bold,
             double               max_width,
             int                  max_lines)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = NULL;

  font = pango_font_description_from_string (style->font_family != NULL ? style->font_family
                                                                        : DEFAULT_FONT_FAMILY);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  /* A negative height is a number of lines: wrap up to it, then
   * ellipsize. */
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_set_height (layout, -max_lines);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static char *
dup_bloc_line (LsResult           *result,
               const LsMapOptions *options)
{
  g_autoptr(GString) out = g_string_new (NULL);
  LsDataset *dataset = ls_result_get_dataset (result);
  guint n_members = ls_result_get_n_members (result);
  g_autofree char *bloc_share = NULL;
  g_autofree char *china_share = NULL;
  double non_bloc;
  guint listed = 0;

  china_share = format_percent (ls_result_get_china_share (result, options->stage));
  if (n_members == 0)
    {
      g_string_append_printf (out, _("No bloc chosen. China: %s of world output."), china_share);
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  g_string_append (out, _("Bloc: "));
  for (guint i = 0; i < ls_result_get_n_countries (result) && listed < 6; i++)
    if (ls_result_is_member (result, i))
      {
        if (listed++ > 0)
          g_string_append (out, ", ");
        g_string_append (out, ls_dataset_get_country_name (dataset, i));
      }
  if (n_members > listed)
    g_string_append_printf (out, _(" and %u more"), n_members - listed);

  bloc_share = format_percent (ls_result_get_bloc_share (result, options->stage));
  g_string_append_printf (out, _(" — %s of world output, China %s"), bloc_share, china_share);

  if (ls_result_get_dependency (result, options->stage, &non_bloc))
    {
      g_autofree char *dependency = format_percent (non_bloc);

      g_string_append_printf (out, _("; %s of the bloc’s intake from outside"), dependency);
    }
  g_string_append (out, ".");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
dup_source_line (LsResult           *result,
                 const LsMapOptions *options)
{
  g_autoptr(GString) out = g_string_new (_("Sources: Natural Earth"));
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  LsDataset *dataset = ls_result_get_dataset (result);
  int year = ls_result_get_year (result);

  /* The sources of the figures shown, in the dataset's country order
   * (largest producers first), each once. */
  for (guint i = 0; i < ls_result_get_n_countries (result); i++)
    {
      const LsFigure *figure = ls_dataset_get_production_figure (dataset, year, options->stage, i);
      const char *title;
      int source;

      if (figure == NULL || figure->source == NULL)
        continue;
      source = ls_dataset_lookup_source (dataset, figure->source);
      if (source < 0)
        continue;
      title = ls_dataset_get_source_title (dataset, source);
      if (title == NULL || g_ptr_array_find_with_equal_func (seen, title, g_str_equal, NULL))
        continue;
      g_ptr_array_add (seen, (gpointer) title);
      g_string_append (out, "; ");
      g_string_append (out, title);
    }

  g_string_append (out, _(". Flows partly estimated (dashed)."));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct
{
  LsRenderStyle style;      /* the caller's, with the font scaled */
  double        s;          /* figure units per design pixel */
  double        margin;
  double        title_y;
  double        bloc_y;
  double        source_y;
  double        map_bottom;
  LsProjection  projection;
  double        arc_max;
  PangoLayout  *title;
  PangoLayout  *bloc;
  PangoLayout  *sources;
} FigureLayout;

static void
figure_layout_clear (FigureLayout *fl)
{
  g_clear_object (&fl->title);
  g_clear_object (&fl->bloc);
  g_clear_object (&fl->sources);
}

/* Places the pieces of the figure; FALSE when the map has no room. */
static gboolean
figure_layout (FigureLayout        *fl,
               cairo_t             *cr,
               LsResult            *result,
               const LsRenderStyle *style,
               const LsMapOptions  *options,
               double               width,
               double               height)
{
  g_autofree char *title = NULL;
  g_autofree char *bloc = NULL;
  g_autofree char *sources = NULL;
  double top, bottom, map_w, map_h, half_w, half_h;
  int tw, th;

  memset (fl, 0, sizeof *fl);
  if (width < 64 || height < 64)
    return FALSE;

  /* Everything scales with the figure, designed at 1280 × 800. */
  fl->s = CLAMP (MIN (width / 1280.0, height / 800.0), 0.4, 4.0);
  fl->style = *style;
  fl->style.font_scale = (style->font_scale > 0 ? style->font_scale : 1.0) * fl->s;
  fl->margin = 24 * fl->s;

  title = ls_render_map_dup_title (result, options);
  fl->title = figure_text (cr, &fl->style, title, 22 * fl->style.font_scale, TRUE, width - 2 * fl->margin, 1);
  pango_layout_get_pixel_size (fl->title, &tw, &th);
  fl->title_y = fl->margin;
  top = fl->margin + th + 4 * fl->s;

  bloc = dup_bloc_line (result, options);
  fl->bloc = figure_text (cr, &fl->style, bloc, 13 * fl->style.font_scale, FALSE, width - 2 * fl->margin, 2);
  pango_layout_get_pixel_size (fl->bloc, &tw, &th);
  fl->bloc_y = top;
  top += th + 12 * fl->s;

  sources = dup_source_line (result, options);
  fl->sources = figure_text (cr, &fl->style, sources, 10 * fl->style.font_scale, FALSE, width - 2 * fl->margin, 2);
  pango_layout_get_pixel_size (fl->sources, &tw, &th);
  bottom = height - fl->margin * 0.75 - th;
  fl->source_y = bottom + 4 * fl->s;
  bottom -= 8 * fl->s;
  fl->map_bottom = bottom;

  map_w = width - 2 * fl->margin;
  map_h = bottom - top;
  if (map_w <= 8 || map_h <= 8)
    return FALSE;

  ls_projection_init_fit (&fl->projection, LS_PROJECTION_EQUAL_EARTH, fl->margin, top, map_w, map_h, 0);
  ls_projection_get_extent (LS_PROJECTION_EQUAL_EARTH, &half_w, &half_h);
  /* Hang the map under the title rather than centring it, so that spare
   * height goes to the legend's corner. */
  fl->projection.origin_y = top + half_h * fl->projection.scale;

  /* The largest arc is about 1.2 % of the map's width: wide enough to
   * compare, narrow enough not to hide Europe. */
  fl->arc_max = CLAMP (fl->projection.scale * 2 * half_w * 0.012, 3.0, 48.0);

  return TRUE;
}

/**
 * ls_render_map_figure_get_projection:
 * @cr: a Cairo context, for text measurement
 * @result: the result to show
 * @style: colours and fonts
 * @options: metric, stage and arcs
 * @width: the figure's width, in user units
 * @height: the figure's height
 * @projection: (out caller-allocates): where ls_render_map_figure() puts
 *   the world
 *
 * For hit testing an exported figure, and for tests.
 *
 * Returns: %FALSE if the figure is too small to hold a map
 */
gboolean
ls_render_map_figure_get_projection (cairo_t             *cr,
                                     LsResult            *result,
                                     const LsRenderStyle *style,
                                     const LsMapOptions  *options,
                                     double               width,
                                     double               height,
                                     LsProjection        *projection)
{
  FigureLayout fl;
  gboolean ok;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (stage_is_valid (result, options), FALSE);
  g_return_val_if_fail (projection != NULL, FALSE);

  ok = figure_layout (&fl, cr, result, style, options, width, height);
  *projection = fl.projection;
  figure_layout_clear (&fl);

  return ok;
}

/**
 * ls_render_map_figure:
 * @cr: a Cairo context: a window, or a PNG, SVG or PDF surface
 * @result: the result to show
 * @shapes: country shapes (1:110m for screens, 1:50m for print)
 * @style: colours and fonts
 * @options: metric, stage and arcs
 * @width: the figure's width, in user units
 * @height: the figure's height
 *
 * Draws the whole static world map with its own Equal Earth projection:
 * sea, land, choropleth, bloc outlines, arcs, title, bloc line, legend and
 * sources. `lodestone-cli render --view map` and the window's export call
 * this; the map view draws the same layers through libshumate.
 */
void
ls_render_map_figure (cairo_t             *cr,
                      LsResult            *result,
                      LsShapes            *shapes,
                      const LsRenderStyle *style,
                      const LsMapOptions  *options,
                      double               width,
                      double               height)
{
  FigureLayout fl;
  double legend_w, legend_h, s;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (result != NULL);
  g_return_if_fail (LS_IS_SHAPES (shapes));
  g_return_if_fail (style != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (stage_is_valid (result, options));

  cairo_save (cr);
  set_color (cr, &style->background);
  cairo_paint (cr);

  if (!figure_layout (&fl, cr, result, style, options, width, height))
    {
      figure_layout_clear (&fl);
      cairo_restore (cr);
      return;
    }
  s = fl.s;

  cairo_move_to (cr, fl.margin, fl.title_y);
  set_color (cr, &style->foreground);
  pango_cairo_show_layout (cr, fl.title);

  cairo_move_to (cr, fl.margin, fl.bloc_y);
  set_color (cr, &style->dim_foreground);
  pango_cairo_show_layout (cr, fl.bloc);

  cairo_move_to (cr, fl.margin, fl.source_y);
  pango_cairo_show_layout (cr, fl.sources);

  ls_render_map_sea (cr, style, &fl.projection);
  ls_render_map_land (cr, shapes, style, &fl.projection, 0.5 * s);
  ls_render_map_choropleth (cr, result, shapes, style, options, &fl.projection, 0.5 * s);
  ls_render_map_outlines (cr, result, shapes, style, &fl.projection, 1.6 * s);
  ls_render_map_arcs (cr, result, style, options, &fl.projection, fl.arc_max);

  /* The legend sits in the bottom-left corner, over the South Pacific
   * and the empty corner outside Equal Earth's rounded edge. */
  ls_render_map_measure_legend (cr, result, &fl.style, options, fl.arc_max, &legend_w, &legend_h);
  if (legend_w > 0 && legend_h > 0)
    {
      double pad = 10 * s;
      double lx = fl.margin, ly = fl.map_bottom - legend_h - 2 * pad;

      cairo_rectangle (cr, lx, ly, legend_w + 2 * pad, legend_h + 2 * pad);
      set_color_alpha (cr, &style->background, 0.85);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 0.75 * s);
      set_color (cr, &style->grid);
      cairo_stroke (cr);
      ls_render_map_legend (cr, result, &fl.style, options, fl.arc_max, lx + pad, ly + pad);
    }

  figure_layout_clear (&fl);
  cairo_restore (cr);
}
