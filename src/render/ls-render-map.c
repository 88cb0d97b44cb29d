/* ls-render-map.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-render-map"

#include "config.h"

#include "ls-render-map.h"

#include "ls-explain.h"
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

/* A country is one of the map's main countries (labelled, and reached by
 * the keyboard) from this value of the metric on: a share of world
 * output, or of the bloc's need. */
#define MAIN_MIN_VALUE 0.01
#define MAIN_MAX_COUNTRIES 24

/* A fill more opaque than this hides the borders under it, which are
 * then drawn again over it. */
#define COVERING_ALPHA 0.6

/* Unmet need below this share of a country's need is rounding, not a
 * shortfall worth hatching (the model's own tolerance is far below). */
#define UNMET_MIN_SHARE 0.005

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
 * The defaults: share of world output at the first stage, with arcs and
 * labels; a figure of the world (less Antarctica) in Equal Earth.
 */
void
ls_map_options_init (LsMapOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->metric = LS_MAP_METRIC_SHARE;
  options->stage = 0;
  options->show_arcs = TRUE;
  options->show_labels = TRUE;
  options->projection = LS_PROJECTION_EQUAL_EARTH;
  options->has_extent = FALSE;
  options->extent = (LsGeoBounds) { -180.0, LS_MAP_WORLD_SOUTH, 180.0, LS_MAP_WORLD_NORTH };
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

/* Need */

/**
 * ls_render_map_get_country_need:
 * @result: a result
 * @stage: a stage with a next one
 * @country: a country
 * @need: (out) (optional): what @country's next stage needs of @stage's
 *   material to reach its target, in @stage's unit
 * @received: (out) (optional): what reaches it, its own supply included
 *
 * One country's part of the need that ls_result_get_need_split() sums
 * over the bloc (src/model/README.md "The bloc's need"): the target of
 * the next stage over its yield, against the flows into the country.
 *
 * Returns: %FALSE when @country needs none of @stage's material
 */
gboolean
ls_render_map_get_country_need (LsResult *result,
                                guint     stage,
                                guint     country,
                                double   *need,
                                double   *received)
{
  LsDataset *dataset;
  double yield, n, r = 0;
  guint n_countries;

  if (need != NULL)
    *need = 0;
  if (received != NULL)
    *received = 0;

  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (country < ls_result_get_n_countries (result), FALSE);

  if (stage + 1 >= ls_result_get_n_stages (result))
    return FALSE;

  dataset = ls_result_get_dataset (result);
  yield = ls_dataset_get_stage_yield (dataset, stage + 1);
  if (yield <= 0)
    return FALSE;

  n = ls_result_get_target (result, stage + 1, country) / yield;
  if (n <= 0)
    return FALSE;

  /* Every supplier, `unknown` (the index n_countries) and the country
   * itself included, as the need split counts them. */
  n_countries = ls_result_get_n_countries (result);
  for (guint i = 0; i <= n_countries; i++)
    r += ls_result_get_flow (result, stage, i, country);

  if (need != NULL)
    *need = n;
  if (received != NULL)
    *received = r;
  return TRUE;
}

/**
 * ls_render_map_get_country_unmet:
 * @result: a result
 * @stage: a stage
 * @country: a country
 *
 * Returns: the part of @country's need of @stage's material that nobody
 *   meets, in @stage's unit; 0 when it is met, or only short by rounding
 */
double
ls_render_map_get_country_unmet (LsResult *result,
                                 guint     stage,
                                 guint     country)
{
  double need, received;

  g_return_val_if_fail (result != NULL, 0);

  if (!ls_render_map_get_country_need (result, stage, country, &need, &received))
    return 0;
  if (need - received <= UNMET_MIN_SHARE * need)
    return 0;

  return need - received;
}

/* What a map colours, computed once per drawing: the need split loops
 * over every pair of countries, too slow to repeat per country. */
typedef struct
{
  guint        n;
  gboolean     has_split;
  LsNeedSplit  split;
  double      *value;   /* per country, the metric */
  double      *unmet;   /* per country, t */
  gboolean     any_unmet;
} Values;

/* The part of the bloc's need of @stage's material that @country meets:
 * its flows into members, its own supply when it is one. */
static double
bloc_supply (LsResult *result,
             guint     stage,
             guint     country)
{
  guint n = ls_result_get_n_countries (result);
  double supply = 0;

  for (guint j = 0; j < n; j++)
    if (ls_result_is_member (result, j))
      supply += ls_result_get_flow (result, stage, country, j);

  return supply;
}

static void
values_init (Values             *v,
             LsResult           *result,
             const LsMapOptions *options)
{
  memset (v, 0, sizeof *v);
  v->n = ls_result_get_n_countries (result);
  v->value = g_new0 (double, v->n);
  v->unmet = g_new0 (double, v->n);

  if (!stage_is_valid (result, options))
    return;

  v->has_split = ls_result_get_n_members (result) > 0 &&
                 ls_result_get_need_split (result, options->stage, &v->split);

  for (guint i = 0; i < v->n; i++)
    {
      switch (options->metric)
        {
        case LS_MAP_METRIC_DEPENDENCY:
          if (v->has_split)
            v->value[i] = bloc_supply (result, options->stage, i) / v->split.need;
          break;

        case LS_MAP_METRIC_SHARE:
        case LS_MAP_METRIC_MEMBERSHIP:
        default:
          v->value[i] = ls_result_get_share (result, options->stage, i);
          break;
        }

      v->unmet[i] = ls_render_map_get_country_unmet (result, options->stage, i);
      v->any_unmet |= v->unmet[i] > 0;
    }
}

static void
values_clear (Values *v)
{
  g_clear_pointer (&v->value, g_free);
  g_clear_pointer (&v->unmet, g_free);
}

/**
 * ls_render_map_get_value:
 * @result: a result
 * @options: metric and stage
 * @country: a country
 *
 * The figure a country's colour stands for: its share of world output
 * (share and membership metrics), or the part of the bloc's need it meets
 * (dependency).
 *
 * Returns: a fraction in [0, 1]
 */
double
ls_render_map_get_value (LsResult           *result,
                         const LsMapOptions *options,
                         guint               country)
{
  LsNeedSplit split;

  g_return_val_if_fail (result != NULL, 0);
  g_return_val_if_fail (options != NULL, 0);
  g_return_val_if_fail (country < ls_result_get_n_countries (result), 0);

  if (!stage_is_valid (result, options))
    return 0;

  if (options->metric != LS_MAP_METRIC_DEPENDENCY)
    return ls_result_get_share (result, options->stage, country);

  if (ls_result_get_n_members (result) == 0 ||
      !ls_result_get_need_split (result, options->stage, &split))
    return 0;

  return bloc_supply (result, options->stage, country) / split.need;
}

/* Colours */

/* The group a supplier of the bloc belongs to, in the need's colours. */
static const LsColor *
need_color (LsResult            *result,
            const LsRenderStyle *style,
            guint                country)
{
  if (ls_result_is_member (result, country))
    return ls_render_style_get_need_color (style, LS_NEED_MEMBERS);
  if (country_is_china (result, country))
    return ls_render_style_get_need_color (style, LS_NEED_CHINA);
  return ls_render_style_get_need_color (style, LS_NEED_OTHER);
}

static void
color_for (LsResult            *result,
           const LsRenderStyle *style,
           const LsMapOptions  *options,
           const Values        *v,
           guint                country,
           LsColor             *color)
{
  double value;

  *color = style->land;
  color->alpha = 0;

  if (country >= v->n || !stage_is_valid (result, options))
    return;

  value = v->value[country];
  switch (options->metric)
    {
    case LS_MAP_METRIC_SHARE:
      /* The ramp's deepest colour, as opaque as the ramp is deep: over
       * the land colour it is the same colour as ls_color_sequential()
       * gives, and the borders under it still show where it is light. */
      if (value > 0)
        {
          ls_color_sequential (style, 1.0, color);
          color->alpha = sqrt (CLAMP (value, 0.0, 1.0));
        }
      break;

    case LS_MAP_METRIC_DEPENDENCY:
      /* Each supplier in its group's colour, deeper for a larger part of
       * the need: the panel's bar, spread over the map. */
      if (value > 0)
        {
          *color = *need_color (result, style, country);
          color->alpha = 0.15 + 0.85 * sqrt (CLAMP (value, 0.0, 1.0));
        }
      break;

    case LS_MAP_METRIC_MEMBERSHIP:
      if (ls_result_is_member (result, country))
        *color = style->member;
      else if (country_is_china (result, country))
        *color = style->china;
      else
        {
          /* Lighter than the category colour, so that the two that
           * matter stand out, but still apart from countries with no
           * data. */
          *color = style->other;
          color->alpha = 0.55;
        }
      break;

    default:
      g_return_if_reached ();
    }
}

/**
 * ls_render_map_color_for:
 * @result: a result
 * @style: colours
 * @options: what the map shows
 * @country: a country of @result's dataset
 * @color: (out caller-allocates): its fill, alpha 0 when it keeps the
 *   land colour; a translucent fill is meant to lie over the land colour
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
  Values v;

  g_return_if_fail (result != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (color != NULL);

  values_init (&v, result, options);
  color_for (result, style, options, &v, country, color);
  values_clear (&v);
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

static gboolean
boxes_overlap (const Box *a,
               const Box *b)
{
  return a->x2 >= b->x1 && a->x1 <= b->x2 && a->y2 >= b->y1 && a->y1 <= b->y2;
}

/* The box of a shape, projected. */
static void
get_shape_extent (LsShapes           *shapes,
                  guint               shape,
                  const LsProjection *projection,
                  Box                *extent)
{
  LsGeoBounds b;

  ls_shapes_get_bounds (shapes, shape, &b);
  ls_projection_get_raw_bounds (projection->kind, b.west, b.south, b.east, b.north,
                                &extent->x1, &extent->y2, &extent->x2, &extent->y1);
  /* Raw y grows north, target y south. */
  extent->x1 = projection->origin_x + projection->scale * extent->x1;
  extent->x2 = projection->origin_x + projection->scale * extent->x2;
  extent->y1 = projection->origin_y - projection->scale * extent->y1;
  extent->y2 = projection->origin_y - projection->scale * extent->y2;
}

/* Whether any of a country can fall inside @box. At world zoom
 * everything passes; zoomed in, this skips most of the 1:50m shapes. */
static gboolean
country_visible (LsShapes           *shapes,
                 guint               country,
                 const LsProjection *projection,
                 const Box          *box)
{
  Box extent;

  get_shape_extent (shapes, country, projection, &extent);

  return boxes_overlap (&extent, box);
}

/* The country's shape, or a dot at its label point when it is too small
 * to have one (Singapore, Hong Kong in the 1:110m file). */
static void
append_country (cairo_t            *cr,
                LsResult           *result,
                LsShapes           *shapes,
                guint               country,
                const LsProjection *projection,
                double              dot_radius)
{
  LsDataset *dataset = ls_result_get_dataset (result);
  int shape = ls_shapes_lookup (shapes, ls_dataset_get_country_id (dataset, country));

  if (shape >= 0)
    ls_shapes_append_path (shapes, shape, cr, projection);
  else
    {
      double lat, lon, x, y;

      ls_dataset_get_country_label_point (dataset, country, &lat, &lon);
      ls_projection_project (projection, lon, lat, &x, &y);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, dot_radius, 0, 2 * G_PI);
    }
}

static gboolean
country_maybe_visible (LsResult           *result,
                       LsShapes           *shapes,
                       guint               country,
                       const LsProjection *projection,
                       const Box          *box)
{
  int shape = ls_shapes_lookup (shapes, ls_dataset_get_country_id (ls_result_get_dataset (result), country));

  return shape < 0 || country_visible (shapes, shape, projection, box);
}

/**
 * ls_render_map_get_country_box:
 * @result: the result shown, for its dataset
 * @shapes: country shapes
 * @country: index of a country in @result's dataset
 * @projection: where the map is
 * @box: (out): where the layers draw @country, in @projection's target
 *   space
 *
 * The box of @country's shape, or its label point (a box of no size) when
 * it is too small to have a shape and the layers draw it as a dot. Lines
 * and dots reach beyond it by their half width or their radius.
 */
void
ls_render_map_get_country_box (LsResult           *result,
                               LsShapes           *shapes,
                               guint               country,
                               const LsProjection *projection,
                               cairo_rectangle_t  *box)
{
  LsDataset *dataset;
  int shape;
  Box extent;

  g_return_if_fail (result != NULL);
  g_return_if_fail (LS_IS_SHAPES (shapes));
  g_return_if_fail (country < ls_result_get_n_countries (result));
  g_return_if_fail (projection != NULL);
  g_return_if_fail (box != NULL);

  dataset = ls_result_get_dataset (result);
  shape = ls_shapes_lookup (shapes, ls_dataset_get_country_id (dataset, country));
  if (shape >= 0)
    get_shape_extent (shapes, shape, projection, &extent);
  else
    {
      double lat, lon;

      /* As append_country() places the dot. */
      ls_dataset_get_country_label_point (dataset, country, &lat, &lon);
      ls_projection_project (projection, lon, lat, &extent.x1, &extent.y1);
      extent.x2 = extent.x1;
      extent.y2 = extent.y1;
    }

  *box = (cairo_rectangle_t) { extent.x1, extent.y1, extent.x2 - extent.x1, extent.y2 - extent.y1 };
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
      /* Borders are hairlines, and the fill's edges lie under them;
       * Cairo's fast antialiasing draws both at well under half the cost
       * and the difference does not show. */
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, border_width);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
      set_color (cr, &style->border);
      cairo_stroke (cr);
    }
  else
    cairo_fill (cr);
  cairo_restore (cr);
}

/**
 * ls_render_map_choropleth_borders:
 * @cr: a Cairo context
 * @result: the result shown
 * @shapes: country shapes
 * @style: colours
 * @options: metric and stage
 * @projection: where the map is
 * @border_width: the width of the borders
 *
 * Strokes the borders and coasts of the countries that
 * ls_render_map_choropleth() fills deeply enough to hide the borders
 * under them (over 60 % opaque), and nothing else: to lay over
 * fills drawn without borders (a width of 0), from an image kept while
 * those countries stay the same.
 */
void
ls_render_map_choropleth_borders (cairo_t             *cr,
                                  LsResult            *result,
                                  LsShapes            *shapes,
                                  const LsRenderStyle *style,
                                  const LsMapOptions  *options,
                                  const LsProjection  *projection,
                                  double               border_width)
{
  Values v;
  Box box;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (result != NULL);
  g_return_if_fail (LS_IS_SHAPES (shapes));
  g_return_if_fail (style != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (projection != NULL);
  g_return_if_fail (border_width > 0);

  if (!stage_is_valid (result, options))
    return;

  values_init (&v, result, options);
  get_visible_box (cr, border_width, &box);

  cairo_save (cr);
  cairo_new_path (cr);
  for (guint i = 0; i < v.n; i++)
    {
      LsColor color;

      color_for (result, style, options, &v, i, &color);
      if (color.alpha > COVERING_ALPHA && country_maybe_visible (result, shapes, i, projection, &box))
        append_country (cr, result, shapes, i, projection, MAX (2.5, 3 * border_width));
    }

  cairo_set_line_width (cr, border_width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  set_color (cr, &style->border);
  cairo_stroke (cr);
  cairo_restore (cr);
  values_clear (&v);
}

/**
 * ls_render_map_is_filled:
 * @result: the result shown
 * @options: metric and stage
 * @filled: (out caller-allocates) (array): a flag per country of the
 *   result's dataset: whether ls_render_map_choropleth() fills it deeply
 *   enough to hide its borders, as ls_render_map_choropleth_borders()
 *   strokes them
 */
void
ls_render_map_is_filled (LsResult           *result,
                         const LsMapOptions *options,
                         gboolean           *filled)
{
  LsRenderStyle style;
  Values v;

  g_return_if_fail (result != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (filled != NULL);

  ls_render_style_init (&style, FALSE);
  values_init (&v, result, options);
  for (guint i = 0; i < v.n; i++)
    {
      LsColor color;

      color_for (result, &style, options, &v, i, &color);
      filled[i] = color.alpha > COVERING_ALPHA;
    }
  values_clear (&v);
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
  g_autofree guint *filled = NULL;
  g_autofree LsColor *colors = NULL;
  guint n_filled = 0;
  Values v;
  Box box;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (result != NULL);
  g_return_if_fail (LS_IS_SHAPES (shapes));
  g_return_if_fail (style != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (projection != NULL);

  if (!stage_is_valid (result, options))
    return;

  values_init (&v, result, options);
  filled = g_new (guint, v.n + 1);
  get_visible_box (cr, border_width, &box);

  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_set_line_width (cr, border_width);

  /* The fills' edges lie under the borders drawn over them: Cairo's fast
   * antialiasing fills them in half the time. */
  if (border_width > 0)
    cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);

  /* Countries of one colour in one fill: the membership map has three
   * colours for seventy countries, and each fill costs a pass of Cairo's
   * rasterizer. */
  colors = g_new (LsColor, v.n);
  for (guint i = 0; i < v.n; i++)
    {
      color_for (result, style, options, &v, i, &colors[i]);
      if (colors[i].alpha > 0 && country_maybe_visible (result, shapes, i, projection, &box))
        filled[n_filled++] = i;
    }

  /* The colours in the order of their first country in the dataset,
   * seen or not: where two colours meet, the pixels of their edge mix
   * them in the order drawn, which is then the same whatever part of the
   * map is drawn (a zoom, a box of the map view's lines drawn anew). */
  for (guint i = 0; i < v.n; i++)
    {
      const LsColor *color = &colors[i];
      gboolean first = colors[i].alpha > 0, any = FALSE;

      for (guint j = 0; j < i && first; j++)
        first = memcmp (&colors[j], color, sizeof *color) != 0;
      if (!first)
        continue;

      cairo_new_path (cr);
      for (guint j = 0; j < n_filled; j++)
        if (memcmp (&colors[filled[j]], color, sizeof *color) == 0)
          {
            append_country (cr, result, shapes, filled[j], projection, MAX (2.5, 3 * border_width));
            any = TRUE;
          }
      if (!any)
        continue;
      set_color (cr, color);
      cairo_fill (cr);
    }

  /* The borders the deep fills covered, in one stroke: one pass of
   * Cairo's stroker over all of them costs less than one per country.
   * Under lighter fills the borders still show. */
  if (border_width > 0 && n_filled > 0)
    {
      cairo_new_path (cr);
      for (guint i = 0; i < n_filled; i++)
        if (colors[filled[i]].alpha > COVERING_ALPHA)
          append_country (cr, result, shapes, filled[i], projection, MAX (2.5, 3 * border_width));
      set_color (cr, &style->border);
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
      cairo_stroke (cr);
    }

  cairo_restore (cr);
  values_clear (&v);
}

/* Diagonal stripes in @color on a transparent ground, @spacing apart. */
static cairo_pattern_t *
create_hatch (const LsColor *color,
              double         spacing,
              double         line_width)
{
  int size = MAX (3, (int) ceil (spacing));
  cairo_surface_t *tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cairo_t *cr = cairo_create (tile);
  cairo_pattern_t *pattern;

  /* One stripe from corner to corner, and its ends again in the opposite
   * corners, so that repeated tiles join into unbroken lines. */
  set_color (cr, color);
  cairo_set_line_width (cr, line_width);
  cairo_move_to (cr, -1, size + 1);
  cairo_line_to (cr, size + 1, -1);
  cairo_move_to (cr, -1, 1);
  cairo_line_to (cr, 1, -1);
  cairo_move_to (cr, size - 1, size + 1);
  cairo_line_to (cr, size + 1, size - 1);
  cairo_stroke (cr);
  cairo_destroy (cr);

  pattern = cairo_pattern_create_for_surface (tile);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_surface_destroy (tile);

  return pattern;
}

/**
 * ls_render_map_unmet:
 * @cr: a Cairo context
 * @result: the result to show
 * @shapes: country shapes
 * @style: colours
 * @options: the stage
 * @projection: where the map is
 * @line_width: the width of the hatching's stripes and outline
 *
 * Hatches every country whose need of the stage's material is not met
 * (issue 13, "unmet need where it happens"), over any fill, in the unmet
 * colour: a cut-off shows where it lands, not only as a total.
 */
void
ls_render_map_unmet (cairo_t             *cr,
                     LsResult            *result,
                     LsShapes            *shapes,
                     const LsRenderStyle *style,
                     const LsMapOptions  *options,
                     const LsProjection  *projection,
                     double               line_width)
{
  cairo_pattern_t *hatch = NULL;
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

  n = ls_result_get_n_countries (result);
  get_visible_box (cr, line_width, &box);

  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);

  for (guint i = 0; i < n; i++)
    {
      if (ls_render_map_get_country_unmet (result, options->stage, i) <= 0 ||
          !country_maybe_visible (result, shapes, i, projection, &box))
        continue;

      if (hatch == NULL)
        hatch = create_hatch (ls_render_style_get_need_color (style, LS_NEED_UNMET), 5 * line_width, line_width);

      cairo_new_path (cr);
      append_country (cr, result, shapes, i, projection, MAX (4.0, 4 * line_width));
      cairo_set_source (cr, hatch);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, line_width);
      set_color (cr, ls_render_style_get_need_color (style, LS_NEED_UNMET));
      cairo_stroke (cr);
    }

  cairo_restore (cr);
  g_clear_pointer (&hatch, cairo_pattern_destroy);
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
 * Strokes the outline of every bloc member in the member colour, and of
 * China (when it is not a member) in China's: the two colours mean the
 * same on every view, whatever the fills show.
 */
void
ls_render_map_outlines (cairo_t             *cr,
                        LsResult            *result,
                        LsShapes            *shapes,
                        const LsRenderStyle *style,
                        const LsProjection  *projection,
                        double               line_width)
{
  int china;
  Box box;
  guint n;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (result != NULL);
  g_return_if_fail (LS_IS_SHAPES (shapes));
  g_return_if_fail (style != NULL);
  g_return_if_fail (projection != NULL);

  n = ls_result_get_n_countries (result);
  china = ls_dataset_get_china (ls_result_get_dataset (result));
  get_visible_box (cr, line_width, &box);

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_set_line_width (cr, line_width);
  /* Canada's archipelago alone is thousands of segments; Cairo's fast
   * antialiasing halves the cost of a frame and looks the same at these
   * widths. */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);

  if (ls_result_get_n_members (result) > 0)
    {
      cairo_new_path (cr);
      for (guint i = 0; i < n; i++)
        if (ls_result_is_member (result, i) && country_maybe_visible (result, shapes, i, projection, &box))
          append_country (cr, result, shapes, i, projection, MAX (3.5, 2.5 * line_width));

      /* One stroke, centred on the border: a casing or a clip to the
       * inside would read better on busy fills but triples the cost per
       * frame. */
      set_color (cr, &style->member);
      cairo_stroke (cr);
    }

  if (china >= 0 && !ls_result_is_member (result, china) &&
      country_maybe_visible (result, shapes, china, projection, &box))
    {
      cairo_new_path (cr);
      append_country (cr, result, shapes, china, projection, MAX (3.5, 2.5 * line_width));
      set_color (cr, &style->china);
      cairo_stroke (cr);
    }

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

/* Images */

#define INK_TILE_WIDTH 64
#define INK_TILE_HEIGHT 32

/* Adds to @ink the tiles of @image from @first_row to @last_row and
 * @first_column to @last_column (in tiles, inclusive) that hold ink. */
static void
scan_ink (cairo_surface_t *image,
          int              first_row,
          int              last_row,
          int              first_column,
          int              last_column,
          cairo_region_t  *ink)
{
  const guchar *data = cairo_image_surface_get_data (image);
  int width = cairo_image_surface_get_width (image);
  int height = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  int n_columns = last_column - first_column + 1;
  g_autofree gboolean *marked = g_new (gboolean, n_columns);

  for (int r = first_row; r <= last_row; r++)
    {
      int top = r * INK_TILE_HEIGHT;
      int bottom = MIN (height, top + INK_TILE_HEIGHT);

      memset (marked, 0, n_columns * sizeof (gboolean));
      for (int y = top; y < bottom; y++)
        {
          const guint32 *row = (const guint32 *) (gconstpointer) (data + (gsize) y * stride);

          for (int c = 0; c < n_columns; c++)
            {
              int end = MIN (width, (first_column + c + 1) * INK_TILE_WIDTH);
              guint32 any = 0;

              if (marked[c])
                continue;
              for (int x = (first_column + c) * INK_TILE_WIDTH; x < end; x++)
                any |= row[x];
              marked[c] = any != 0;
            }
        }

      /* A run of marked tiles is one rectangle. */
      for (int c = 0; c < n_columns; c++)
        {
          cairo_rectangle_int_t rect;
          int first = c;

          if (!marked[c])
            continue;
          while (c + 1 < n_columns && marked[c + 1])
            c++;
          rect.x = (first_column + first) * INK_TILE_WIDTH;
          rect.y = top;
          rect.width = MIN (width, (first_column + c + 1) * INK_TILE_WIDTH) - rect.x;
          rect.height = bottom - top;
          cairo_region_union_rectangle (ink, &rect);
        }
    }
}

/**
 * ls_render_map_ink_region_new:
 * @image: a flushed %CAIRO_FORMAT_ARGB32 image surface
 *
 * Where @image has ink: the tiles of 64×32 of its pixels that hold a
 * pixel not wholly transparent. Painting @image through that region
 * (ls_render_map_paint_ink()) paints the same, and reads and writes
 * nothing of the rest. The image of a map's borders and the bloc's
 * outlines is mostly empty: at 1920×1080 with its margins, a seventh of
 * its tiles hold a line, and painting it whole into every overlay after
 * a lever cost as much as drawing the arcs (issue 12).
 *
 * Returns: (transfer full): a new region, in @image's pixels
 */
cairo_region_t *
ls_render_map_ink_region_new (cairo_surface_t *image)
{
  cairo_region_t *ink;
  int width, height;

  g_return_val_if_fail (image != NULL, NULL);
  g_return_val_if_fail (cairo_image_surface_get_format (image) == CAIRO_FORMAT_ARGB32, NULL);

  ink = cairo_region_create ();
  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  if (cairo_image_surface_get_data (image) == NULL || width == 0 || height == 0)
    return ink;

  scan_ink (image, 0, (height - 1) / INK_TILE_HEIGHT, 0, (width - 1) / INK_TILE_WIDTH, ink);

  return ink;
}

/**
 * ls_render_map_ink_region_update:
 * @ink: @image's ink, from ls_render_map_ink_region_new()
 * @image: the same image, flushed, drawn on since inside @changed alone
 * @changed: where @image was drawn on, in its pixels
 *
 * Brings @ink up to date with @image by looking again at the tiles that
 * @changed touches, and at no others: @ink is then what
 * ls_render_map_ink_region_new() would give.
 */
void
ls_render_map_ink_region_update (cairo_region_t       *ink,
                                 cairo_surface_t      *image,
                                 const cairo_region_t *changed)
{
  int width, height;

  g_return_if_fail (ink != NULL);
  g_return_if_fail (image != NULL);
  g_return_if_fail (cairo_image_surface_get_format (image) == CAIRO_FORMAT_ARGB32);
  g_return_if_fail (changed != NULL);

  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  if (cairo_image_surface_get_data (image) == NULL)
    return;

  for (int i = 0; i < cairo_region_num_rectangles (changed); i++)
    {
      cairo_rectangle_int_t rect, tiles;
      int x1, y1, x2, y2, first_row, last_row, first_column, last_column;

      cairo_region_get_rectangle (changed, i, &rect);
      x1 = MAX (rect.x, 0);
      y1 = MAX (rect.y, 0);
      x2 = MIN (rect.x + rect.width, width);
      y2 = MIN (rect.y + rect.height, height);
      if (x1 >= x2 || y1 >= y2)
        continue;

      first_column = x1 / INK_TILE_WIDTH;
      first_row = y1 / INK_TILE_HEIGHT;
      last_column = (x2 - 1) / INK_TILE_WIDTH;
      last_row = (y2 - 1) / INK_TILE_HEIGHT;

      tiles.x = first_column * INK_TILE_WIDTH;
      tiles.y = first_row * INK_TILE_HEIGHT;
      tiles.width = MIN (width, (last_column + 1) * INK_TILE_WIDTH) - tiles.x;
      tiles.height = MIN (height, (last_row + 1) * INK_TILE_HEIGHT) - tiles.y;
      cairo_region_subtract_rectangle (ink, &tiles);
      scan_ink (image, first_row, last_row, first_column, last_column, ink);
    }
}

/**
 * ls_render_map_paint_ink:
 * @cr: a Cairo context on a target of @image's size and device scale
 * @image: an image surface
 * @ink: @image's ink, from ls_render_map_ink_region_new()
 *
 * Paints @image at the origin of @cr's user space through @ink: the
 * same as painting it whole, at the cost of its ink alone.
 */
void
ls_render_map_paint_ink (cairo_t              *cr,
                         cairo_surface_t      *image,
                         const cairo_region_t *ink)
{
  double scale_x, scale_y;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (image != NULL);
  g_return_if_fail (ink != NULL);

  cairo_surface_get_device_scale (image, &scale_x, &scale_y);
  cairo_save (cr);
  cairo_new_path (cr);
  for (int i = 0; i < cairo_region_num_rectangles (ink); i++)
    {
      cairo_rectangle_int_t rect;

      cairo_region_get_rectangle (ink, i, &rect);
      cairo_rectangle (cr, rect.x / scale_x, rect.y / scale_y, rect.width / scale_x, rect.height / scale_y);
    }
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_fill (cr);
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

/* Where an arc runs: a quadratic Bézier from (x0, y0) through the
 * control point (cx, cy), its head's tip at (x1, y1). */
typedef struct
{
  double x0, y0;
  double cx, cy;
  double x1, y1;
  double tx, ty;        /* unit tangent at the tip */
  double head_len;
  double head_half;
} ArcPath;

static gboolean
arc_path_init (ArcPath *p,
               double   x0,
               double   y0,
               double   x1,
               double   y1,
               double   width,
               double   start_gap,
               double   end_gap)
{
  double dx = x1 - x0, dy = y1 - y0;
  double length = hypot (dx, dy);
  double t_len, sx, sy, s_len;

  if (length < 1)
    return FALSE;

  /* Between near neighbours the gaps give way to the arc. */
  if (start_gap + end_gap > length / 2)
    {
      double k = length / 2 / (start_gap + end_gap);

      start_gap *= k;
      end_gap *= k;
    }

  /* Bow to the right of the direction of travel (north for flows going
   * east), so that flows both ways between two countries stay apart. */
  p->cx = (x0 + x1) / 2 + ARC_BOW * dy;
  p->cy = (y0 + y1) / 2 - ARC_BOW * dx;

  /* Stop short of the importer's point, along the curve's tangent there
   * (for a quadratic Bézier, the direction from the control point): the
   * heads of arcs into one country then stand apart on a ring around it,
   * by the direction they come from, instead of piling up on one point. */
  p->tx = x1 - p->cx;
  p->ty = y1 - p->cy;
  t_len = hypot (p->tx, p->ty);
  p->tx /= t_len;
  p->ty /= t_len;
  p->x1 = x1 - p->tx * end_gap;
  p->y1 = y1 - p->ty * end_gap;

  /* Start on the rim of the exporter's dot, likewise. */
  sx = p->cx - x0;
  sy = p->cy - y0;
  s_len = hypot (sx, sy);
  p->x0 = x0 + sx / s_len * start_gap;
  p->y0 = y0 + sy / s_len * start_gap;

  /* Heads a little wider than the shaft, not three times as wide: at a
   * hub with a dozen arcs, large heads merge into one blot. */
  p->head_len = MIN (MAX (5.0, 1.2 * width + 3.0), length / 4);
  p->head_half = MAX (3.0, 0.8 * width + 1.5);

  return TRUE;
}

/* Strokes the shaft of an arc and fills its head, both with the current
 * source, @grow wider all round (for the casing); the caller sets the
 * dash and the colour. */
static void
draw_arc_shape (cairo_t       *cr,
                const ArcPath *p,
                double         width,
                double         grow)
{
  double bx = p->x1 - p->tx * p->head_len;
  double by = p->y1 - p->ty * p->head_len;

  /* Cairo has quadratic curves only as cubics: control points at 2/3. */
  cairo_new_path (cr);
  cairo_move_to (cr, p->x0, p->y0);
  cairo_curve_to (cr,
                  p->x0 + 2.0 / 3.0 * (p->cx - p->x0), p->y0 + 2.0 / 3.0 * (p->cy - p->y0),
                  bx + 2.0 / 3.0 * (p->cx - bx), by + 2.0 / 3.0 * (p->cy - by),
                  bx + p->tx * 0.5, by + p->ty * 0.5);
  cairo_set_line_width (cr, width + 2 * grow);
  cairo_stroke (cr);

  cairo_save (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_move_to (cr, p->x1 + p->tx * grow * 1.5, p->y1 + p->ty * grow * 1.5);
  cairo_line_to (cr, bx - p->ty * (p->head_half + grow) - p->tx * grow,
                 by + p->tx * (p->head_half + grow) - p->ty * grow);
  cairo_line_to (cr, bx + p->ty * (p->head_half + grow) - p->tx * grow,
                 by - p->tx * (p->head_half + grow) - p->ty * grow);
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
 * category colour, each on a solid casing of the background colour so
 * that it stays visible over any fill. Flows that are mostly estimated
 * are dashed; flows below half a percent of the stage's output are left
 * out. Arrows into one country end on a ring around its point, each on
 * the side it comes from.
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
  g_autofree double *ring = NULL;
  LsDataset *dataset;
  double max_value;
  Box visible;
  guint n;

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
  n = ls_result_get_n_countries (result);
  get_visible_box (cr, max_width * 2, &visible);

  /* The ring each importer's arrows end on: just outside the widest
   * arc's dot there, so that no head hides another's start. */
  ring = g_new0 (double, n);
  for (guint i = 0; i < arcs->len; i++)
    {
      const Arc *arc = &g_array_index (arcs, Arc, i);
      double width = arc_width (arc->value, max_value, max_width);

      ring[arc->to] = MAX (ring[arc->to], 2.0 + 0.35 * width);
      ring[arc->from] = MAX (ring[arc->from], MAX (1.5, width * 0.5));
    }

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  /* Curves flattened to half a unit: the arcs are smooth and wide, and
   * the default tenth of a unit costs a fifth more to stroke. Their edges
   * need no fine antialiasing either: Cairo's fast one differs in a few
   * edge pixels, by no more than a shade, and the arcs were a fifth of a
   * map frame after a lever (issue 12). */
  cairo_set_tolerance (cr, 0.5);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);

  for (guint i = 0; i < arcs->len; i++)
    {
      const Arc *arc = &g_array_index (arcs, Arc, i);
      double lat, lon, x0, y0, x1, y1;
      double width = arc_width (arc->value, max_value, max_width);
      double casing = MAX (1.0, width * 0.2);
      double dot = MAX (1.5, width * 0.5);
      ArcPath path;
      LsColor color;

      ls_dataset_get_country_label_point (dataset, arc->from, &lat, &lon);
      ls_projection_project (projection, lon, lat, &x0, &y0);
      ls_dataset_get_country_label_point (dataset, arc->to, &lat, &lon);
      ls_projection_project (projection, lon, lat, &x1, &y1);

      if (!arc_path_init (&path, x0, y0, x1, y1, width, dot, ring[arc->to]))
        continue;

      /* Off the surface (another copy of the world, mostly), the curve
       * lies in the box of its end and control points. */
      {
        Box extent = {
          MIN (x0, MIN (x1, path.cx)), MIN (y0, MIN (y1, path.cy)),
          MAX (x0, MAX (x1, path.cx)), MAX (y0, MAX (y1, path.cy)),
        };

        if (!boxes_overlap (&extent, &visible))
          continue;
      }

      /* The casing is solid even under a dashed arc: the gaps then show
       * a light ribbon, not the fill of the country beneath, and the
       * head never breaks into pieces. */
      cairo_set_dash (cr, NULL, 0, 0);
      set_color_alpha (cr, &style->background, 0.85);
      draw_arc_shape (cr, &path, width, casing);
      cairo_arc (cr, x0, y0, dot + casing, 0, 2 * G_PI);
      cairo_fill (cr);

      if (arc->estimated > ARC_ESTIMATED_SHARE * arc->value)
        {
          double dashes[2] = { MAX (4.0, 1.5 * width), MAX (2.5, 0.8 * width) };

          cairo_set_dash (cr, dashes, 2, 0);
        }

      /* On the membership map the fills already say who exports;
       * there, arcs in the category colours would vanish into them. */
      if (options->metric == LS_MAP_METRIC_MEMBERSHIP)
        color = style->foreground;
      else
        arc_color (result, style, arc->from, &color);
      set_color_alpha (cr, &color, 0.95);
      draw_arc_shape (cr, &path, width, 0);

      /* The exporter end, a dot, so that an arc's direction reads even
       * where the head is hidden under another. */
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_arc (cr, x0, y0, dot, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  cairo_restore (cr);
}

/* Labels */

typedef struct
{
  guint  country;
  double value;
  double unmet;
} Ranked;

static int
compare_ranked_desc (gconstpointer a,
                     gconstpointer b)
{
  const Ranked *ra = a;
  const Ranked *rb = b;

  /* By value, then by unmet need, then in the dataset's order. */
  if (ra->value != rb->value)
    return (ra->value < rb->value) - (ra->value > rb->value);
  if (ra->unmet != rb->unmet)
    return (ra->unmet < rb->unmet) - (ra->unmet > rb->unmet);
  return (ra->country > rb->country) - (ra->country < rb->country);
}

static GArray *
rank_countries (LsResult           *result,
                const LsMapOptions *options,
                const Values       *v,
                double              min_value,
                gboolean            with_unmet)
{
  GArray *ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));

  for (guint i = 0; i < v->n; i++)
    {
      Ranked r = { i, v->value[i], with_unmet ? v->unmet[i] : 0 };

      if ((r.value > 0 && r.value >= min_value) || r.unmet > 0)
        g_array_append_val (ranked, r);
    }
  g_array_sort (ranked, compare_ranked_desc);

  return ranked;
}

/**
 * ls_render_map_dup_main_countries:
 * @result: the result shown
 * @options: metric and stage
 * @n_countries: (out): how many
 *
 * The countries a map names and lets the keyboard visit, most important
 * first: those with at least 1 % of the metric (world output, or the
 * bloc's need), then those with unmet need, at most 24.
 *
 * Returns: (transfer full) (array length=n_countries): their indices
 */
guint *
ls_render_map_dup_main_countries (LsResult           *result,
                                  const LsMapOptions *options,
                                  guint              *n_countries)
{
  g_autoptr(GArray) ranked = NULL;
  guint *out;
  Values v;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (n_countries != NULL, NULL);

  values_init (&v, result, options);
  ranked = rank_countries (result, options, &v, MAIN_MIN_VALUE, TRUE);
  values_clear (&v);

  *n_countries = MIN (ranked->len, MAIN_MAX_COUNTRIES);
  out = g_new (guint, MAX (*n_countries, 1));
  for (guint i = 0; i < *n_countries; i++)
    out[i] = g_array_index (ranked, Ranked, i).country;

  return out;
}

static PangoLayout *
create_label_layout (cairo_t             *cr,
                     const LsRenderStyle *style,
                     const char          *text,
                     double               size,
                     PangoWeight          weight)
{
  PangoLayout *layout = ls_render_text_layout_new (cr);
  g_autoptr(PangoFontDescription) font = NULL;

  font = pango_font_description_from_string (style->font_family != NULL ? style->font_family
                                                                        : DEFAULT_FONT_FAMILY);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static void
show_label_layout (cairo_t             *cr,
                   const LsRenderStyle *style,
                   PangoLayout         *layout,
                   double               x,
                   double               y,
                   const LsColor       *color,
                   double               halo)
{
  /* A halo of the background colour keeps the text legible over fills,
   * borders and arcs alike. */
  cairo_move_to (cr, x, y);
  pango_cairo_layout_path (cr, layout);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 2 * halo);
  set_color_alpha (cr, &style->background, 0.85);
  cairo_stroke (cr);

  cairo_move_to (cr, x, y);
  set_color (cr, color);
  pango_cairo_show_layout (cr, layout);
}

/**
 * ls_render_map_labels:
 * @cr: a Cairo context
 * @result: the result shown
 * @style: colours and fonts
 * @options: metric and stage; nothing if !show_labels
 * @projection: where the map is
 * @font_size: the names' size, in user units
 *
 * Names the main countries of the metric (ls_render_map_dup_main_countries())
 * under their points, with their value on a second line where it fits,
 * largest first. A label that would overlap one already placed is left
 * out, so zooming in names more countries.
 */
void
ls_render_map_labels (cairo_t             *cr,
                      LsResult            *result,
                      const LsRenderStyle *style,
                      const LsMapOptions  *options,
                      const LsProjection  *projection,
                      double               font_size)
{
  g_autoptr(GArray) ranked = NULL;
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Box));
  LsDataset *dataset;
  Box visible;
  Values v;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (result != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (projection != NULL);

  if (!options->show_labels || !stage_is_valid (result, options) || font_size <= 0)
    return;

  dataset = ls_result_get_dataset (result);
  get_visible_box (cr, 0, &visible);
  values_init (&v, result, options);
  ranked = rank_countries (result, options, &v, MAIN_MIN_VALUE, TRUE);

  cairo_save (cr);
  cairo_new_path (cr);

  for (guint i = 0; i < MIN (ranked->len, MAIN_MAX_COUNTRIES); i++)
    {
      const Ranked *r = &g_array_index (ranked, Ranked, i);
      g_autoptr(PangoLayout) name = NULL;
      g_autoptr(PangoLayout) value = NULL;
      double lat, lon, x, y, gap = font_size * 0.45;
      gboolean with_value = r->value > 0 || r->unmet > 0;
      int nw, nh, vw = 0, vh = 0;
      Box box;

      ls_dataset_get_country_label_point (dataset, r->country, &lat, &lon);
      ls_projection_project (projection, lon, lat, &x, &y);
      if (x < visible.x1 || x > visible.x2 || y < visible.y1 || y > visible.y2)
        continue;

      name = create_label_layout (cr, style, ls_dataset_get_country_name (dataset, r->country),
                                  font_size, PANGO_WEIGHT_SEMIBOLD);
      pango_layout_get_pixel_size (name, &nw, &nh);
      if (with_value)
        {
          g_autofree char *text = NULL;

          /* A country that only lacks supply is named for what it
           * lacks. */
          if (r->value > 0)
            text = format_percent (r->value);
          else
            {
              g_autofree char *tonnes = ls_format_tonnes_compact (r->unmet);

              /* Translators: under a country's name on the map, e.g.
               * "3.4 kt unmet" */
              text = g_strdup_printf (_("%s unmet"), tonnes);
            }

          value = create_label_layout (cr, style, text, font_size * 0.9, PANGO_WEIGHT_NORMAL);
          pango_layout_get_pixel_size (value, &vw, &vh);
        }

      /* Below the point first, where the arcs' dots and heads are not,
       * then above, right and left of it; with the value, then without. */
      for (int attempt = 0; attempt < 8; attempt++)
        {
          gboolean both = attempt < 4 && with_value;
          int side = attempt % 4;
          double w = both ? MAX (nw, vw) : nw;
          double h = both ? nh + vh : nh;
          double lx, ly;
          gboolean free_space = TRUE;

          if (attempt < 4 && !with_value)
            continue;

          switch (side)
            {
            case 0:
              lx = x - w / 2;
              ly = y + gap;
              break;
            case 1:
              lx = x - w / 2;
              ly = y - gap - h;
              break;
            case 2:
              lx = x + gap * 1.5;
              ly = y - h / 2;
              break;
            case 3:
            default:
              lx = x - gap * 1.5 - w;
              ly = y - h / 2;
              break;
            }

          box = (Box) { lx - 2, ly - 1, lx + w + 2, ly + h + 1 };
          if (box.x1 < visible.x1 || box.x2 > visible.x2 || box.y1 < visible.y1 || box.y2 > visible.y2)
            free_space = FALSE;
          for (guint j = 0; j < placed->len && free_space; j++)
            if (boxes_overlap (&box, &g_array_index (placed, Box, j)))
              free_space = FALSE;
          if (!free_space)
            continue;

          g_array_append_val (placed, box);
          show_label_layout (cr, style, name, lx + (w - nw) / 2.0, ly, &style->foreground, font_size * 0.18);
          if (both)
            show_label_layout (cr, style, value, lx + (w - vw) / 2.0, ly + nh, &style->dim_foreground,
                               font_size * 0.18);
          break;
        }
    }

  cairo_restore (cr);
  values_clear (&v);
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
  PangoLayout *layout = ls_render_text_layout_new (lg->cr);
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

/* A row of swatches with their labels, left to right, wrapping at
 * @max_width; returns its height. @outline draws the swatch as a frame in
 * the colour, as the map draws bloc and China outlines. */
typedef struct
{
  const LsColor *color;
  const char    *label;
  gboolean       outline;
  gboolean       hatch;
} LegendItem;

static double
legend_items (Legend           *lg,
              const LegendItem *items,
              guint             n_items,
              double            y,
              double            max_width)
{
  const LsRenderStyle *style = lg->style;
  double u = lg->unit;
  double x = 0, row_y = 0, row_h = 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PangoLayout) layout = legend_text (lg, items[i].label, 11, FALSE);
      double sw = 11 * u;
      int tw, th;
      double item_w;

      pango_layout_get_pixel_size (layout, &tw, &th);
      item_w = sw + 5 * u + tw;
      if (x > 0 && x + item_w > max_width)
        {
          row_y += row_h + 2 * u;
          x = 0;
          row_h = 0;
        }

      if (lg->draw)
        {
          double sx = lg->x + x + (items[i].outline ? 1.5 * u : 0);
          double sy = lg->y + y + row_y + MAX (0, (th - sw) / 2);
          double size = items[i].outline ? sw - 3 * u : sw;

          if (items[i].hatch)
            {
              cairo_pattern_t *hatch = create_hatch (items[i].color, 4 * u, u);

              cairo_rectangle (lg->cr, sx, sy, size, size);
              cairo_set_source (lg->cr, hatch);
              cairo_fill_preserve (lg->cr);
              cairo_pattern_destroy (hatch);
              cairo_set_line_width (lg->cr, u);
              set_color (lg->cr, items[i].color);
              cairo_stroke (lg->cr);
            }
          else if (items[i].outline)
            {
              cairo_rectangle (lg->cr, sx, sy, size, size);
              cairo_set_line_width (lg->cr, 2 * u);
              set_color (lg->cr, items[i].color);
              cairo_stroke (lg->cr);
            }
          else
            legend_swatch (lg, x, y + row_y + MAX (0, (th - sw) / 2), sw, items[i].color, &style->border, 0.5 * u);

          cairo_move_to (lg->cr, lg->x + x + sw + 5 * u, lg->y + y + row_y);
          set_color (lg->cr, &style->foreground);
          pango_cairo_show_layout (lg->cr, layout);
        }

      lg->width = MAX (lg->width, x + item_w);
      x += item_w + 12 * u;
      row_h = MAX (row_h, MAX (th, sw));
    }

  return row_y + row_h;
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

      /* The ramp is square-root spaced (ls_color_sequential), so a value
       * v sits at sqrt(v) along the bar and the colours between the ends
       * are linear in position. */
      ls_color_sequential (style, 0, &low);
      ls_color_sequential (style, 1, &high);

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

/* The bloc's need split as one bar in the need colours, with its four
 * parts named and given below it, as the share panel shows it. */
static double
legend_need (Legend            *lg,
             LsResult          *result,
             const LsNeedSplit *split,
             double             y)
{
  const LsRenderStyle *style = lg->style;
  double u = lg->unit;
  double bar_w = 200 * u, bar_h = 10 * u;
  double parts[4] = { split->members, split->china, split->other, split->unmet };
  const LsColor *colors[4] = { ls_render_style_get_need_color (style, LS_NEED_MEMBERS), ls_render_style_get_need_color (style, LS_NEED_CHINA), ls_render_style_get_need_color (style, LS_NEED_OTHER), ls_render_style_get_need_color (style, LS_NEED_UNMET) };
  g_autofree char *members = format_percent (split->members / split->need);
  g_autofree char *china = format_percent (split->china / split->need);
  g_autofree char *other = format_percent (split->other / split->need);
  g_autofree char *unmet = format_percent (split->unmet / split->need);
  /* Translators: the parts of the bloc's need, e.g. "Members 21 %" */
  g_autofree char *l0 = g_strdup_printf (_("Members %s"), members);
  g_autofree char *l1 = g_strdup_printf (_("China %s"), china);
  g_autofree char *l2 = g_strdup_printf (_("Other %s"), other);
  g_autofree char *l3 = g_strdup_printf (_("Unmet %s"), unmet);
  LegendItem items[] = {
    { colors[0], l0, FALSE, FALSE },
    { colors[1], l1, FALSE, FALSE },
    { colors[2], l2, FALSE, FALSE },
    { colors[3], l3, FALSE, TRUE },
  };
  double h;

  if (lg->draw)
    {
      double x = lg->x;

      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        {
          double w = bar_w * CLAMP (parts[i] / split->need, 0.0, 1.0);

          if (w <= 0)
            continue;
          cairo_rectangle (lg->cr, x, lg->y + y, w, bar_h);
          if (i == 3)
            {
              cairo_pattern_t *hatch = create_hatch (colors[i], 4 * u, u);

              cairo_set_source (lg->cr, hatch);
              cairo_pattern_destroy (hatch);
            }
          else
            set_color (lg->cr, colors[i]);
          cairo_fill (lg->cr);
          x += w;
        }
      cairo_rectangle (lg->cr, lg->x, lg->y + y, bar_w, bar_h);
      cairo_set_line_width (lg->cr, u);
      set_color (lg->cr, &style->border);
      cairo_stroke (lg->cr);
    }
  lg->width = MAX (lg->width, bar_w);

  h = legend_items (lg, items, G_N_ELEMENTS (items), y + bar_h + 4 * u, bar_w + 20 * u);
  return bar_h + 4 * u + h;
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
  row += h + 2 * u;
  if (options->metric != LS_MAP_METRIC_MEMBERSHIP)
    {
      LegendItem items[] = {
        { &style->member, _("from the bloc"), FALSE, FALSE },
        { &style->china, _("from China"), FALSE, FALSE },
        { &style->dim_foreground, _("from others"), FALSE, FALSE },
      };

      row += legend_items (lg, items, G_N_ELEMENTS (items), y + row, 240 * u) + 4 * u;
    }

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
          double dashes[2] = { MAX (4.0, 1.5 * width), MAX (2.5, 0.8 * width) };

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

static double
legend_colors (Legend             *lg,
               LsResult           *result,
               const LsMapOptions *options,
               double              y)
{
  const LsRenderStyle *style = lg->style;
  LsDataset *dataset = ls_result_get_dataset (result);
  g_autofree char *stage = NULL;
  g_autofree char *header = NULL;
  double u = lg->unit;
  double y0 = y, h;
  LsNeedSplit split;
  gboolean has_split = FALSE;
  gboolean any_unmet = FALSE;

  stage = g_utf8_strdown (ls_dataset_get_stage_name (dataset, options->stage), -1);
  switch (options->metric)
    {
    case LS_MAP_METRIC_SHARE:
      header = g_strdup_printf (_("Share of world %s output"), stage);
      break;
    case LS_MAP_METRIC_DEPENDENCY:
      header = g_strdup_printf (_("Who meets the bloc’s need of %s output"), stage);
      break;
    case LS_MAP_METRIC_MEMBERSHIP:
    default:
      header = g_strdup (_("Membership"));
      break;
    }

  legend_show (lg, header, 0, y, 11, TRUE, &style->foreground, NULL, &h);
  y += h + 4 * u;

  if (ls_result_get_n_members (result) > 0)
    has_split = ls_result_get_need_split (result, options->stage, &split);
  for (guint i = 0; i < ls_result_get_n_countries (result) && !any_unmet; i++)
    any_unmet = ls_render_map_get_country_unmet (result, options->stage, i) > 0;

  if (options->metric == LS_MAP_METRIC_MEMBERSHIP)
    y += legend_categories (lg, result, y);
  else if (options->metric == LS_MAP_METRIC_DEPENDENCY && ls_result_get_n_members (result) == 0)
    {
      legend_show (lg, _("No bloc chosen: choose an alliance or members"), 0, y, 11, FALSE,
                   &style->dim_foreground, NULL, &h);
      y += h;
    }
  else if (options->metric == LS_MAP_METRIC_DEPENDENCY && !has_split)
    {
      legend_show (lg, _("The bloc needs none of this stage’s output"), 0, y, 11, FALSE,
                   &style->dim_foreground, NULL, &h);
      y += h;
    }
  else if (options->metric == LS_MAP_METRIC_DEPENDENCY)
    {
      y += legend_need (lg, result, &split, y);
      y += 2 * u;
      legend_show (lg, _("A supplier’s colour deepens with its part"), 0, y, 10, FALSE,
                   &style->dim_foreground, NULL, &h);
      y += h;
    }
  else
    y += legend_ramp (lg, result, options, y);

  if (options->metric != LS_MAP_METRIC_MEMBERSHIP || any_unmet)
    {
      LegendItem items[3];
      guint n_items = 0;

      if (options->metric != LS_MAP_METRIC_MEMBERSHIP)
        {
          if (ls_result_get_n_members (result) > 0)
            items[n_items++] = (LegendItem) { &style->member, _("Bloc member (outline)"), TRUE, FALSE };
          if (ls_dataset_get_china (dataset) >= 0)
            items[n_items++] = (LegendItem) { &style->china, _("China (outline)"), TRUE, FALSE };
        }
      if (any_unmet)
        items[n_items++] = (LegendItem) { ls_render_style_get_need_color (style, LS_NEED_UNMET), _("Unmet need"), FALSE, TRUE };

      if (n_items > 0)
        {
          y += 6 * u;
          y += legend_items (lg, items, n_items, y, 240 * u);
        }
    }

  return y - y0;
}

static void
legend_run (Legend             *lg,
            LsResult           *result,
            const LsMapOptions *options,
            LsMapLegendParts    parts,
            double              max_arc_width,
            double             *height)
{
  double u = lg->unit;
  double y = 0;

  if (!stage_is_valid (result, options))
    {
      *height = 0;
      return;
    }

  if (parts & LS_MAP_LEGEND_COLORS)
    y += legend_colors (lg, result, options, y);

  if ((parts & LS_MAP_LEGEND_FLOWS) && options->show_arcs)
    {
      double gap = y > 0 ? 8 * u : 0;
      double arcs_h = legend_arcs (lg, result, options, max_arc_width, y + gap);

      if (arcs_h > 0)
        y += gap + arcs_h;
    }

  *height = y;
}

/**
 * ls_render_map_measure_legend:
 * @cr: a Cairo context, for text measurement
 * @result: the result shown
 * @style: colours and font scale (user units per legend pixel)
 * @options: what the map shows
 * @parts: which parts of the legend
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
                              LsMapLegendParts     parts,
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
  legend_run (&lg, result, options, parts, max_arc_width, height);
  *width = lg.width;
}

/**
 * ls_render_map_legend:
 * @cr: a Cairo context
 * @result: the result shown
 * @style: colours and font scale
 * @options: what the map shows
 * @parts: which parts of the legend
 * @max_arc_width: the width the largest arc is drawn with
 * @x: left edge
 * @y: top edge
 *
 * Draws the legend: the colour ramp with ticks, the bloc's need split or
 * the membership categories, each with swatches; the bloc and China
 * outlines and the unmet hatching; the arcs' colours, widths and
 * "estimated" dashes. No background: the caller puts it on one.
 */
void
ls_render_map_legend (cairo_t             *cr,
                      LsResult            *result,
                      const LsRenderStyle *style,
                      const LsMapOptions  *options,
                      LsMapLegendParts     parts,
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
  legend_run (&lg, result, options, parts, max_arc_width, &height);
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
      return g_strdup_printf (_("Rare-earth %s, %d — who meets the bloc’s need"), stage, year);
    case LS_MAP_METRIC_MEMBERSHIP:
    default:
      return g_strdup_printf (_("Rare-earth %s, %d — bloc membership"), stage, year);
    }
}

/* "China 69 %, United States 11 %, Myanmar 8 %" for the @max_items
 * largest positive values of the metric; "and 9 more" after. */
static void
append_ranking (GString            *out,
                LsResult           *result,
                const LsMapOptions *options,
                guint               max_items)
{
  g_autoptr(GArray) ranked = NULL;
  LsDataset *dataset = ls_result_get_dataset (result);
  Values v;

  values_init (&v, result, options);
  ranked = rank_countries (result, options, &v, 0, FALSE);
  values_clear (&v);

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
 * ls_render_map_dup_unmet_text:
 * @result: the result shown
 * @stage: the stage whose material is needed
 * @country: a country
 *
 * Returns: (transfer full) (nullable): e.g. "United States — 3,400 t
 *   magnet REO needed, 0 t magnet REO received", or %NULL when the
 *   country's need is met
 */
char *
ls_render_map_dup_unmet_text (LsResult *result,
                              guint     stage,
                              guint     country)
{
  LsDataset *dataset;
  g_autofree char *need_text = NULL;
  g_autofree char *received_text = NULL;
  const char *unit;
  double need, received;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (country < ls_result_get_n_countries (result), NULL);

  if (ls_render_map_get_country_unmet (result, stage, country) <= 0 ||
      !ls_render_map_get_country_need (result, stage, country, &need, &received))
    return NULL;

  dataset = ls_result_get_dataset (result);
  unit = ls_dataset_get_stage_unit (dataset, stage);
  need_text = ls_format_tonnes (need, unit);
  received_text = ls_format_tonnes (received, unit);

  /* Translators: a country whose need is not met, e.g. "United States —
   * 3,400 t REO needed, 0 t REO received" */
  return g_strdup_printf (_("%s — %s needed, %s received"),
                          ls_dataset_get_country_name (dataset, country), need_text, received_text);
}

/**
 * ls_render_map_dup_country_text:
 * @result: the result shown
 * @ranges: (nullable): the result's ranges, for the figures' ranges
 * @options: metric and stage
 * @country: a country of @result's dataset
 *
 * What one country's colour stands for, and what it rests on, in lines
 * of plain text: the shared explanation of the figure (ls-explain.h: its
 * output, or its supply to the bloc on the dependency map, with sources,
 * evidence and ranges); its part of the bloc's need (dependency); its
 * unmet need; its membership. The map's tooltip, its popover and the
 * screen reader's description of a focused country read the same.
 *
 * Returns: (transfer full): the text
 */
char *
ls_render_map_dup_country_text (LsResult           *result,
                                const LsRanges     *ranges,
                                const LsMapOptions *options,
                                guint               country)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *unmet = NULL;
  g_autofree char *explanation = NULL;
  LsDataset *dataset;
  guint stage;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (country < ls_result_get_n_countries (result), NULL);

  dataset = ls_result_get_dataset (result);
  if (!stage_is_valid (result, options))
    return g_strdup (ls_dataset_get_country_name (dataset, country));

  stage = options->stage;
  explanation = ls_explain_text (result, ranges,
                                 options->metric == LS_MAP_METRIC_DEPENDENCY && stage + 1 < ls_result_get_n_stages (result)
                                 ? LS_EXPLAIN_SUPPLIER : LS_EXPLAIN_COUNTRY,
                                 stage, country, 0);
  g_string_append (out, explanation);

  if (options->metric == LS_MAP_METRIC_DEPENDENCY && ls_result_get_n_members (result) > 0)
    {
      LsNeedSplit split;

      if (ls_result_get_need_split (result, stage, &split))
        {
          double supply = bloc_supply (result, stage, country);
          g_autofree char *share = ls_format_percent (supply / split.need, 1);
          g_autofree char *tonnes = ls_format_tonnes (supply, ls_dataset_get_stage_unit (dataset, stage));

          g_string_append_c (out, '\n');
          /* Translators: e.g. "Meets 45.0 % of the bloc’s need (12,000 t REO)" */
          g_string_append_printf (out, _("Meets %s of the bloc’s need (%s)"), share, tonnes);
        }
    }

  unmet = ls_render_map_dup_unmet_text (result, stage, country);
  if (unmet != NULL)
    {
      g_string_append_c (out, '\n');
      g_string_append (out, unmet);
    }

  g_string_append_c (out, '\n');
  if (ls_result_is_member (result, country))
    g_string_append (out, _("Bloc member"));
  else if (ls_result_get_n_members (result) > 0)
    g_string_append (out, _("Not in the bloc"));
  else
    g_string_append (out, _("No bloc chosen"));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * ls_render_map_dup_description:
 * @result: the result shown
 * @options: what the map shows
 *
 * A summary of the map in words, for the accessible description: the
 * largest values of the metric, the bloc, unmet need, and the largest
 * flows drawn.
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
        LsNeedSplit split;
        double non_bloc = 0;

        if (n_members == 0)
          g_string_append (out, _("no bloc chosen."));
        else if (!ls_result_get_need_split (result, options->stage, &split))
          g_string_append (out, _("the bloc needs none of this stage’s output."));
        else
          {
            g_autofree char *members = format_percent (split.members / split.need);
            g_autofree char *china = format_percent (split.china / split.need);
            g_autofree char *other = format_percent (split.other / split.need);
            g_autofree char *unmet = format_percent (split.unmet / split.need);

            /* Translators: the four parts of the bloc's need */
            g_string_append_printf (out, _("members meet %s of the bloc’s need, China %s, others %s; %s is unmet"),
                                    members, china, other, unmet);
            if (ls_result_get_dependency (result, options->stage, &non_bloc))
              {
                g_autofree char *percent = format_percent (non_bloc);

                g_string_append_printf (out, _("; the bloc gets %s of its intake from outside"), percent);
              }
            g_string_append (out, ". ");
            g_string_append (out, _("By supplier: "));
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

  /* Where need goes unmet, by country. */
  for (guint i = 0; i < ls_result_get_n_countries (result); i++)
    {
      g_autofree char *unmet = ls_render_map_dup_unmet_text (result, options->stage, i);

      if (unmet != NULL)
        g_string_append_printf (out, " %s.", unmet);
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
  PangoLayout *layout = ls_render_text_layout_new (cr);
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
  double        map_top;
  double        map_bottom;
  double        map_left;
  double        map_right;
  double        legend_bottom;
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
  double top, bottom, map_w, map_h;
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
  fl->legend_bottom = bottom;
  map_w = width - 2 * fl->margin;
  map_h = bottom - top;
  if (map_w <= 8 || map_h <= 8)
    return FALSE;

  {
    LsGeoBounds extent = options->extent;
    double x1, y1, x2, y2;

    if (!options->has_extent)
      extent = (LsGeoBounds) { -180.0, LS_MAP_WORLD_SOUTH, 180.0, LS_MAP_WORLD_NORTH };
    if (options->projection == LS_PROJECTION_WEB_MERCATOR)
      {
        extent.south = MAX (extent.south, -LS_PROJECTION_MERCATOR_MAX_LAT);
        extent.north = MIN (extent.north, LS_PROJECTION_MERCATOR_MAX_LAT);
      }
    if (extent.east <= extent.west || extent.north <= extent.south)
      return FALSE;

    ls_projection_init_fit_bounds (&fl->projection, options->projection,
                                   extent.west, extent.south, extent.east, extent.north,
                                   fl->margin, top, map_w, map_h);

    /* Hang the map under the title rather than centring it, so that
     * spare height goes to the legend's corner. */
    ls_projection_get_raw_bounds (options->projection, extent.west, extent.south, extent.east, extent.north,
                                  &x1, &y1, &x2, &y2);
    fl->projection.origin_y = top + y2 * fl->projection.scale;
    fl->map_top = top;
    fl->map_bottom = top + (y2 - y1) * fl->projection.scale;
    fl->map_left = fl->projection.origin_x + x1 * fl->projection.scale;
    fl->map_right = fl->projection.origin_x + x2 * fl->projection.scale;
  }

  /* The largest arc is about 1.2 % of the map's width: wide enough to
   * compare, narrow enough not to hide Europe. */
  fl->arc_max = CLAMP ((fl->map_right - fl->map_left) * 0.012, 3.0, 48.0);

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
 * Draws the whole static map in @options' projection and extent (by
 * default the world less Antarctica in Equal Earth; a map view's extent
 * in Web Mercator to export what it shows): sea, land, choropleth, unmet
 * need, bloc and China outlines, arcs, labels, title, bloc line, legend
 * and sources. `lodestone-cli render --view map` and the window's export call
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

  /* The map inside its frame: an extent cuts the world, and Antarctica
   * is cut off below %LS_MAP_WORLD_SOUTH. */
  cairo_save (cr);
  cairo_rectangle (cr, fl.map_left, fl.map_top, fl.map_right - fl.map_left, fl.map_bottom - fl.map_top);
  cairo_clip (cr);
  ls_render_map_sea (cr, style, &fl.projection);
  ls_render_map_land (cr, shapes, style, &fl.projection, 0.5 * s);
  ls_render_map_choropleth (cr, result, shapes, style, options, &fl.projection, 0.5 * s);
  ls_render_map_unmet (cr, result, shapes, style, options, &fl.projection, 1.0 * s);
  /* On the membership map the fills are the bloc's and China's colours
   * already. */
  if (options->metric != LS_MAP_METRIC_MEMBERSHIP)
    ls_render_map_outlines (cr, result, shapes, style, &fl.projection, 1.6 * s);
  ls_render_map_arcs (cr, result, style, options, &fl.projection, fl.arc_max);
  ls_render_map_labels (cr, result, style, options, &fl.projection, 11 * fl.style.font_scale);
  cairo_restore (cr);

  /* The legend sits in the bottom-left corner of the map, over the South
   * Pacific and the empty corner outside Equal Earth's rounded edge. */
  ls_render_map_measure_legend (cr, result, &fl.style, options, LS_MAP_LEGEND_ALL, fl.arc_max,
                                &legend_w, &legend_h);
  if (legend_w > 0 && legend_h > 0)
    {
      double pad = 10 * s;
      /* Down into the spare height under the map, if there is any, so
       * that it covers as little of the map as it can. */
      double lx = fl.margin, ly = MAX (fl.map_top, fl.legend_bottom - legend_h - 2 * pad);

      cairo_rectangle (cr, lx, ly, legend_w + 2 * pad, legend_h + 2 * pad);
      set_color_alpha (cr, &style->background, 0.85);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 0.75 * s);
      set_color (cr, &style->grid);
      cairo_stroke (cr);
      ls_render_map_legend (cr, result, &fl.style, options, LS_MAP_LEGEND_ALL, fl.arc_max, lx + pad, ly + pad);
    }

  figure_layout_clear (&fl);
  cairo_restore (cr);
}
