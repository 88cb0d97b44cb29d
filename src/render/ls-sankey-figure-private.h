/* ls-sankey-figure-private.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

#include "ls-sankey-figure.h"

G_BEGIN_DECLS

/*
 * LsSankeyFigure's insides, shared by the files that make one up:
 *
 *   ls-sankey-figure.c    the type: building a figure (the frame of
 *                         headers, plot, legend and footer; the layout of
 *                         ls-sankey-layout.c), accessors, hit testing and
 *                         keyboard navigation
 *   ls-sankey-build.c     nodes, links, origin mixes, legend items and the
 *                         source line, from an LsResult (the figure scale)
 *   ls-sankey-labels.c    where each node's label goes, so that no two
 *                         labels and no label and node overlap
 *   ls-sankey-text.c      type: one Pango set-up per figure, so what is
 *                         measured is what is drawn; number formats
 *   ls-sankey-describe.c  the figure in words: tooltips and the
 *                         accessible description
 *   ls-sankey-motion.c    figures between two figures, for animation
 *   ls-sankey-draw.c      drawing: bands, nodes, labels, headers, legend,
 *                         footer, highlight and focus
 *   ls-render-sankey.c    the whole figure for export, with its title
 */

/* A crowded column may move a thin node's label this many label heights
 * up or down to find room. */
#define LS_SANKEY_LABEL_MAX_SHIFT 0.8
#define LS_SANKEY_LABEL_PAD 5.0
#define LS_SANKEY_HATCH_SPACING 7.0
#define LS_SANKEY_MIN_NODE_HEIGHT 1.5

typedef struct
{
  char    *text;
  LsColor  color;
  int      swatch;          /* LS_SANKEY_SWATCH_FILL or _HATCH */
} LsSankeyLegendItem;

enum
{
  LS_SANKEY_SWATCH_FILL,
  LS_SANKEY_SWATCH_HATCH,
};

/* How text is measured and drawn: one Pango context per figure, so the
 * label boxes computed at build time are those drawn.
 *
 * A figure keeps what it measures in @measures, and on an image the
 * images of the headers, legend and source line it draws in @images;
 * until it is first drawn it takes both from the figure shown before
 * (@previous_measures, @previous_images). A new result's figure has
 * mostly the same names, headers and source line: laying them out again
 * was three quarters of a lever's layout, and drawing them an eighth of
 * every frame of the figure (issue 12). Without tables (a set-up of a
 * context and a family alone), text is measured and drawn each time. */
typedef struct
{
  PangoContext *pango;
  char         *font_family;
  GHashTable   *measures;           /* "px␟weight␟text" → LsSankeyMeasure */
  GHashTable   *images;             /* see _ls_sankey_text_show_layout () */
  GHashTable   *previous_measures;
  GHashTable   *previous_images;
} LsSankeyText;

typedef struct
{
  double width;
  double height;
} LsSankeyMeasure;

struct _LsSankeyFigure
{
  gatomicrefcount  ref_count;

  /* Owned */
  LsResult        *result;
  GArray          *nodes;       /* LsSankeyNode */
  GArray          *links;       /* LsSankeyLink */
  GArray          *labels;      /* LsSankeyLabel */
  GArray          *legend;      /* LsSankeyLegendItem */
  char           **order;
  char           **column_names;
  char           **column_units;
  double          *column_x;    /* centre of each column's nodes */
  double          *mix;         /* n_nodes × n_mix origin shares */
  LsColor         *mix_colors;  /* n_mix */
  char            *sources;
  LsSankeyText     text;

  double           width;
  double           height;
  double           scale;
  double           font_px;
  double           header_y;
  double           legend_y;
  double           footer_y;
  double           plot_top;
  double           plot_bottom;
  double           plot_width;  /* the layout's extent */
  double           plot_height;
  LsSankeyPin     *pins;        /* n_pins; their ids are in pin_nodes */
  char           **pin_nodes;
  guint            n_pins;

  /* Drawing caches (ls-sankey-draw.c), filled on first use: the hatch
   * tiles in use, and each label drawn once, halo and all, at the
   * device scale and in the colours of the last raster target. Labels
   * whose text did not change are taken from the figure shown before
   * (reused_labels, let go after the first drawing); an interpolated
   * figure draws with the labels of the figure it moves to
   * (label_owner). */
  GArray          *hatches;       /* LsSankeyHatch */
  GPtrArray       *label_images;  /* per label: LsSankeyLabelImage, or NULL */
  GHashTable      *label_store;   /* key → LsSankeyLabelImage, this figure's */
  GHashTable      *reused_labels; /* the figure shown before's label_store */
  LsSankeyFigure  *label_owner;
  guint            n_columns;
  guint            n_mix;
  LsColorBy        color_by;
  double           other_threshold;
};

/* A tile of stripes of @color, over @under where @under_alpha > 0. */
typedef struct
{
  LsColor          color;
  double           alpha;
  LsColor          under;
  double           under_alpha;
  gboolean         vector;
  cairo_pattern_t *pattern;
} LsSankeyHatch;

typedef struct
{
  gatomicrefcount  ref_count;
  char            *key;
  cairo_surface_t *surface;     /* device pixels, with the device scale */
  double           scale;
  LsColor          colors[3];   /* foreground, background, dim foreground */
  gboolean         halo;
  double           fx;          /* where the label's origin fell in its */
  double           fy;          /* device pixel when it was drawn */
  int              pad;         /* device pixels around the text */
} LsSankeyLabelImage;

void            _ls_sankey_label_image_unref           (gpointer             data);

/* ls-sankey-figure.c */
LsSankeyFigure *_ls_sankey_figure_alloc                (void);
void            _ls_sankey_figure_set_pins             (LsSankeyFigure      *self,
                                                        const LsSankeyPin   *pins,
                                                        guint                n_pins);

/* ls-sankey-build.c */
void            _ls_sankey_figure_build                (LsSankeyFigure      *self,
                                                        LsResult            *result,
                                                        const LsRenderStyle *style);

/* ls-sankey-labels.c */
double          _ls_sankey_figure_column_label_width   (LsSankeyFigure      *self,
                                                        const LsRenderStyle *style,
                                                        guint                column);
void            _ls_sankey_figure_place_labels         (LsSankeyFigure      *self,
                                                        const LsRenderStyle *style,
                                                        double               band_top,
                                                        double               band_bottom);

/* ls-sankey-text.c */
PangoContext   *_ls_sankey_text_context_new            (void);
PangoLayout    *_ls_sankey_text_layout                 (const LsSankeyText  *setup,
                                                        const char          *text,
                                                        double               px,
                                                        PangoWeight          weight);
void            _ls_sankey_text_init                   (LsSankeyText        *text,
                                                        const char          *font_family,
                                                        const LsSankeyText  *before);
void            _ls_sankey_text_share                  (LsSankeyText        *text,
                                                        const LsSankeyText  *from);
void            _ls_sankey_text_release_before         (LsSankeyText        *text);
void            _ls_sankey_text_clear                  (LsSankeyText        *text);
void            _ls_sankey_text_measure                (const LsSankeyText  *setup,
                                                        const char          *text,
                                                        double               px,
                                                        PangoWeight          weight,
                                                        double              *width,
                                                        double              *height);
void            _ls_sankey_text_show                   (const LsSankeyText  *setup,
                                                        cairo_t             *cr,
                                                        const char          *text,
                                                        double               px,
                                                        PangoWeight          weight,
                                                        double               x,
                                                        double               y,
                                                        const LsColor       *color,
                                                        double               alpha);
void            _ls_sankey_text_show_layout            (const LsSankeyText  *setup,
                                                        cairo_t             *cr,
                                                        PangoLayout         *layout,
                                                        const char          *key,
                                                        double               x,
                                                        double               y,
                                                        const LsColor       *color,
                                                        double               alpha);
gboolean        _ls_sankey_takes_text_images           (cairo_t             *cr,
                                                        double              *scale);
void            _ls_sankey_paint_text_image            (cairo_t             *cr,
                                                        cairo_surface_t     *image,
                                                        double               fx,
                                                        double               fy,
                                                        int                  left,
                                                        int                  top,
                                                        double               x,
                                                        double               y,
                                                        double               alpha);
void            _ls_sankey_set_color                   (cairo_t             *cr,
                                                        const LsColor       *color,
                                                        double               alpha);
char           *_ls_sankey_format_tonnes               (double               t);
char           *_ls_sankey_format_share                (double               share);
char           *_ls_sankey_format_node_value           (const LsSankeyNode  *node,
                                                        const LsRenderStyle *style);

/* ls-sankey-draw.c */
void            _ls_sankey_figure_clear_caches         (LsSankeyFigure      *self);
double          _ls_sankey_figure_legend_height        (LsSankeyFigure      *self,
                                                        double               x0,
                                                        double               x1,
                                                        gboolean             draw,
                                                        cairo_t             *cr,
                                                        const LsRenderStyle *style,
                                                        double               y);

G_END_DECLS
