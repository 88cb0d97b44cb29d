/* ls-palette.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pango.h>

G_BEGIN_DECLS

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} LsColor;

/**
 * LsLabelMode:
 * @LS_LABEL_VALUES: label figures in tonnes
 * @LS_LABEL_PERCENT: label figures as shares of the stage
 */
typedef enum
{
  LS_LABEL_VALUES,
  LS_LABEL_PERCENT,
} LsLabelMode;

/**
 * LsColorBy:
 * @LS_COLOR_BY_MEMBERSHIP: bloc member, China, or other
 * @LS_COLOR_BY_ORIGIN: the mining country the material traces back to
 */
typedef enum
{
  LS_COLOR_BY_MEMBERSHIP,
  LS_COLOR_BY_ORIGIN,
} LsColorBy;

/*
 * How a figure is drawn: passed in by the caller, never looked up from a
 * theme, so that the window and headless export draw the same figure.
 */
typedef struct
{
  gboolean    dark;
  double      font_scale;       /* 1.0 normal, larger for presenter mode */
  const char *font_family;      /* NULL: "Cantarell, Noto Sans, sans-serif" */
  LsLabelMode label_mode;
  LsColorBy   color_by;
  double      other_threshold;  /* share of a stage below which countries merge into "Other" */

  LsColor     background;
  LsColor     foreground;
  LsColor     dim_foreground;
  LsColor     grid;
  LsColor     member;
  LsColor     china;
  LsColor     other;
  LsColor     unknown;
  LsColor     other_uses;
  LsColor     shortfall;
  LsColor     unallocated;
  LsColor     highlight;
  LsColor     sea;
  LsColor     land;
  LsColor     border;
} LsRenderStyle;

/**
 * LsNeedPart:
 * @LS_NEED_MEMBERS: supplied by bloc members
 * @LS_NEED_CHINA: supplied by China (not a member)
 * @LS_NEED_OTHER: supplied by other non-members and `unknown`
 * @LS_NEED_UNMET: not supplied
 *
 * The four parts of the bloc's need (ls_result_get_need_split()), in the
 * order every view draws them.
 */
typedef enum
{
  LS_NEED_MEMBERS,
  LS_NEED_CHINA,
  LS_NEED_OTHER,
  LS_NEED_UNMET,
} LsNeedPart;

#define LS_N_NEED_PARTS 4

void     ls_render_style_init     (LsRenderStyle *style,
                                   gboolean       dark);
const LsColor *ls_render_style_get_need_color (const LsRenderStyle *style,
                                               LsNeedPart           part);
char    *ls_render_style_need_legend_markup (const LsRenderStyle *style,
                                             const char          *separator);
void     ls_color_lerp            (const LsColor *a,
                                   const LsColor *b,
                                   double         t,
                                   LsColor       *out);
void     ls_color_for_origin      (guint          index,
                                   gboolean       dark,
                                   LsColor       *out);
void     ls_color_sequential      (const LsRenderStyle *style,
                                   double         t,
                                   LsColor       *out);

/* The figures' text */
void         ls_render_text_context_init (PangoContext *context);
PangoLayout *ls_render_text_layout_new   (cairo_t      *cr);

G_END_DECLS
