/* ls-explain.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-explain"

#include "config.h"

#include "ls-explain.h"

#include "ls-format.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* What a figure is made of, in words: the share panel's popover, the
 * presenter cards, the map's and the Sankey's tooltips and a screen
 * reader's description all read the same text (issue 13 item 3), and
 * the text takes every figure from the result, as lodestone-cli does.
 * No GTK here: the text is tested without a display. */

/* Lines of a world-output explanation before the rest are summed up. */
#define MAX_PRODUCER_LINES 8

/* Tonnes below which a part of a figure is not worth a word. */
#define MIN_TONNES 0.5

struct _LsExplanation
{
  LsExplainSubject subject;
  char            *title;
  char            *summary;
  char            *evidence_text;
  gboolean         has_value;
  double           value;
  gboolean         has_range;
  double           low;
  double           high;
  gboolean         has_evidence;
  LsEvidenceSplit  evidence;
  double           total;
  GArray          *lines;   /* LsExplainLine */
  GPtrArray       *texts;   /* owns the lines' text */
};

/* Names ------------------------------------------------------------------- */

static const char *
country_name (const LsResult *result,
              guint           country)
{
  LsDataset *dataset = ls_result_get_dataset (result);

  if (country >= ls_dataset_get_n_countries (dataset))
    /* Translators: the pseudo-supplier of supply whose origin no source names */
    return _("unknown origin");
  return ls_dataset_get_country_name (dataset, country);
}

static const char *
stage_name (const LsResult *result,
            guint           stage)
{
  return ls_dataset_get_stage_name (ls_result_get_dataset (result), stage);
}

static char *
tonnes_text (const LsResult *result,
             guint           stage,
             double          tonnes)
{
  return ls_format_tonnes (tonnes, ls_dataset_get_stage_unit (ls_result_get_dataset (result), stage));
}

static gboolean
is_member (const LsResult *result,
           guint           country)
{
  return country < ls_result_get_n_countries (result) && ls_result_is_member (result, country);
}

/**
 * ls_explain_format_range:
 * @low: the low end of a share, as a fraction
 * @high: its high end
 *
 * Returns: (transfer full) (nullable): "69–78 %", with one decimal when
 *   the range is narrower than two points; %NULL when it has no width at
 *   the precision shown
 */
char *
ls_explain_format_range (double low,
                         double high)
{
  guint decimals = high - low < 0.02 ? 1 : 0;
  double step = decimals == 0 ? 0.01 : 0.001;
  g_autofree char *low_text = NULL;
  g_autofree char *high_text = NULL;

  if (!isfinite (low) || !isfinite (high))
    return NULL;

  /* A range that rounds to one figure is no range. */
  high_text = ls_format_percent (high, decimals);
  low_text = ls_format_percent (low, decimals);
  if (g_str_equal (low_text, high_text))
    return NULL;
  g_clear_pointer (&low_text, g_free);
  g_clear_pointer (&high_text, g_free);

  /* Rounded outwards, so that the range shown still holds the value
   * shown: 3.9 % with a range from 3.86 % reads "3–23 %", not "4–22 %".
   * The small epsilon keeps a figure already on the step where it is. */
  low = floor (low / step + 1e-9) * step;
  high = ceil (high / step - 1e-9) * step;

  high_text = ls_format_percent (high, decimals);
  low_text = ls_format_number (100.0 * MAX (low, 0.0), decimals);

  /* Translators: a range of shares, e.g. "69–78 %": the low end as a
   * number, then the high end with its percent sign */
  return g_strdup_printf (_("%s–%s"), low_text, high_text);
}

/**
 * ls_explain_format_evidence:
 * @split: what a figure rests on
 *
 * Returns: (transfer full) (nullable): "62 % from published figures,
 *   30 % estimated, 8 % model", leaving out parts below half a percent;
 *   %NULL when no tonnes are behind the figure
 */
char *
ls_explain_format_evidence (const LsEvidenceSplit *split)
{
  g_autoptr(GString) text = g_string_new (NULL);
  double sum = split->part[LS_EVIDENCE_PUBLISHED] + split->part[LS_EVIDENCE_ESTIMATED] +
               split->part[LS_EVIDENCE_MODELLED];

  if (!(sum > 0.0))
    return NULL;

  for (guint k = 0; k < LS_N_EVIDENCE; k++)
    {
      g_autofree char *percent = NULL;

      if (split->part[k] < 0.005)
        continue;

      percent = ls_format_percent (split->part[k], 0);
      if (text->len > 0)
        /* Translators: between the parts of an evidence split */
        g_string_append (text, _(", "));
      switch (k)
        {
        case LS_EVIDENCE_PUBLISHED:
          /* Translators: the part of a figure that rests on published figures, e.g. "62 %" */
          g_string_append_printf (text, _("%s from published figures"), percent);
          break;
        case LS_EVIDENCE_ESTIMATED:
          /* Translators: the part of a figure that rests on marked estimates, e.g. "30 %" */
          g_string_append_printf (text, _("%s estimated"), percent);
          break;
        case LS_EVIDENCE_MODELLED:
        default:
          /* Translators: the part of a figure the model completed, e.g. "8 %" */
          g_string_append_printf (text, _("%s model"), percent);
          break;
        }
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Provenance -------------------------------------------------------------- */

/* The tonnes behind a figure, by what they rest on, and the words for
 * each: the titles of the sources of the published tonnes, the methods
 * of the estimated ones. */
typedef struct
{
  double     part[LS_N_EVIDENCE];
  GPtrArray *sources;
  GPtrArray *methods;
} Provenance;

static void
provenance_init (Provenance *p)
{
  *p = (Provenance) { { 0 } };
  p->sources = g_ptr_array_new ();
  p->methods = g_ptr_array_new ();
}

static void
provenance_clear (Provenance *p)
{
  g_clear_pointer (&p->sources, g_ptr_array_unref);
  g_clear_pointer (&p->methods, g_ptr_array_unref);
}

static void
add_unique (GPtrArray  *array,
            const char *text)
{
  if (text == NULL || text[0] == '\0')
    return;
  for (guint i = 0; i < array->len; i++)
    if (g_str_equal (g_ptr_array_index (array, i), text))
      return;
  g_ptr_array_add (array, (gpointer) text);
}

static const char *
source_title (LsDataset  *dataset,
              const char *id)
{
  int source;

  if (id == NULL)
    return NULL;
  source = ls_dataset_lookup_source (dataset, id);
  return source >= 0 ? ls_dataset_get_source_title (dataset, source) : id;
}

/* The dataset's figure behind tonnes that rest on it: its source when
 * published, its method (else its source) when estimated. */
static void
provenance_add_figure (Provenance     *p,
                       LsDataset      *dataset,
                       const LsFigure *figure)
{
  if (figure == NULL)
    return;
  if (p->part[LS_EVIDENCE_PUBLISHED] > 0.0 && !figure->estimated)
    add_unique (p->sources, source_title (dataset, figure->source));
  if (p->part[LS_EVIDENCE_ESTIMATED] > 0.0 && figure->estimated)
    add_unique (p->methods, figure->note != NULL ? figure->note : source_title (dataset, figure->source));
}

static const LsGivenFlow *
find_given_flow (const LsResult *result,
                 guint           stage,
                 guint           from,
                 guint           to)
{
  LsBaseline *baseline = ls_result_get_baseline (result);

  for (guint k = 0; k < ls_baseline_get_n_given_flows (baseline); k++)
    {
      const LsGivenFlow *flow = ls_baseline_get_given_flow (baseline, k);

      if (flow->stage == stage && flow->from == from && flow->to == to)
        return flow;
    }

  return NULL;
}

static void
provenance_add_flow (Provenance     *p,
                     const LsResult *result,
                     guint           stage,
                     guint           from,
                     guint           to)
{
  double value = ls_result_get_flow (result, stage, from, to);
  LsEvidenceSplit split;
  const LsGivenFlow *given;

  if (value <= 0.0)
    return;

  ls_result_get_flow_evidence (result, stage, from, to, &split);
  for (guint k = 0; k < LS_N_EVIDENCE; k++)
    p->part[k] += value * split.part[k];

  given = find_given_flow (result, stage, from, to);
  if (given != NULL)
    {
      if (split.part[LS_EVIDENCE_PUBLISHED] > 0.0 && !given->figure.estimated)
        add_unique (p->sources, source_title (ls_result_get_dataset (result), given->figure.source));
      if (split.part[LS_EVIDENCE_ESTIMATED] > 0.0 && (given->figure.estimated || given->resolved))
        add_unique (p->methods, given->figure.note != NULL
                                ? given->figure.note
                                : source_title (ls_result_get_dataset (result), given->figure.source));
    }
}

static double
provenance_total (const Provenance *p)
{
  return p->part[LS_EVIDENCE_PUBLISHED] + p->part[LS_EVIDENCE_ESTIMATED] + p->part[LS_EVIDENCE_MODELLED];
}

static void
provenance_get_split (const Provenance *p,
                      LsEvidenceSplit  *split)
{
  double total = provenance_total (p);

  for (guint k = 0; k < LS_N_EVIDENCE; k++)
    split->part[k] = total > 0.0 ? p->part[k] / total : 0.0;
}

/* The first sentence or clause of a method note: where a figure rests
 * on several estimates, each is named by its gist, and the whole note is
 * in the explanation of each flow. */
static char *
gist (const char *note)
{
  const char *end = note + strlen (note);
  const char *stop;

  if ((stop = strstr (note, ". ")) != NULL && stop < end)
    end = stop;
  if ((stop = strstr (note, "; ")) != NULL && stop < end)
    end = stop;

  return g_strndup (note, end - note);
}

static char *
join_gists (GPtrArray *array)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (array->len == 1)
    return g_strdup (g_ptr_array_index (array, 0));

  for (guint i = 0; i < array->len; i++)
    {
      g_autofree char *part = gist (g_ptr_array_index (array, i));

      if (i > 0)
        g_string_append (text, _("; "));
      g_string_append (text, part);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
join (GPtrArray *array)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < array->len; i++)
    {
      if (i > 0)
        /* Translators: between two sources or two methods of a figure */
        g_string_append (text, _("; "));
      g_string_append (text, g_ptr_array_index (array, i));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "published: USGS …", "estimated (method)", "completed by the model",
 * each with its tonnes when there are several. */
static char *
provenance_text (const Provenance *p,
                 const LsResult   *result,
                 guint             stage)
{
  g_autoptr(GString) text = g_string_new (NULL);
  double total = provenance_total (p);
  guint n_parts = 0;

  for (guint k = 0; k < LS_N_EVIDENCE; k++)
    if (p->part[k] >= MIN_TONNES || (p->part[k] > 0.0 && p->part[k] >= 0.005 * total))
      n_parts++;

  for (guint k = 0; k < LS_N_EVIDENCE; k++)
    {
      g_autofree char *part = NULL;

      if (!(p->part[k] >= MIN_TONNES || (p->part[k] > 0.0 && p->part[k] >= 0.005 * total)))
        continue;

      switch (k)
        {
        case LS_EVIDENCE_PUBLISHED:
          if (p->sources->len > 0)
            {
              g_autofree char *sources = join (p->sources);

              /* Translators: tonnes resting on published figures, and their sources */
              part = g_strdup_printf (_("published: %s"), sources);
            }
          else
            part = g_strdup (_("published"));
          break;

        case LS_EVIDENCE_ESTIMATED:
          if (p->methods->len > 0)
            {
              g_autofree char *methods = join_gists (p->methods);

              /* Translators: tonnes resting on marked estimates, and how they were made */
              part = g_strdup_printf (_("estimated (%s)"), methods);
            }
          else
            part = g_strdup (_("estimated"));
          break;

        case LS_EVIDENCE_MODELLED:
        default:
          /* Translators: tonnes the model made: completed, re-routed or added by a lever */
          part = g_strdup (_("completed by the model"));
          break;
        }

      if (text->len > 0)
        /* Translators: between the parts of a figure's provenance */
        g_string_append (text, _("; "));
      if (n_parts > 1)
        {
          g_autofree char *tonnes = tonnes_text (result, stage, p->part[k]);

          /* Translators: tonnes and what they rest on, e.g. "2,800 t published: USGS …" */
          g_string_append_printf (text, _("%s %s"), tonnes, part);
        }
      else
        g_string_append (text, part);
    }

  if (text->len == 0)
    return g_strdup (_("completed by the model"));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * ls_explain_flow_provenance:
 *
 * Returns: (transfer full): what the flow of stage-@stage material from
 *   @from to @to rests on: its source, or "estimated (method)", or
 *   "completed by the model", with tonnes when it is a mix
 */
char *
ls_explain_flow_provenance (const LsResult *result,
                            guint           stage,
                            guint           from,
                            guint           to)
{
  Provenance p;
  char *text;

  g_return_val_if_fail (result != NULL, NULL);

  provenance_init (&p);
  provenance_add_flow (&p, result, stage, from, to);
  text = provenance_text (&p, result, stage);
  provenance_clear (&p);

  return text;
}

/* Building explanations --------------------------------------------------- */

static LsExplanation *
explanation_new (LsExplainSubject subject)
{
  LsExplanation *self = g_new0 (LsExplanation, 1);

  self->subject = subject;
  self->lines = g_array_new (FALSE, TRUE, sizeof (LsExplainLine));
  self->texts = g_ptr_array_new_with_free_func (g_free);

  return self;
}

static void
add_line (LsExplanation         *self,
          guint                  country,
          double                 tonnes,
          double                 share,
          const LsEvidenceSplit *evidence,
          char                  *text)
{
  LsExplainLine line = { country, tonnes, share, { { 0 } }, text };

  if (evidence != NULL)
    line.evidence = *evidence;
  g_ptr_array_add (self->texts, text);
  g_array_append_val (self->lines, line);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  const LsExplainLine *x = a;
  const LsExplainLine *y = b;

  /* Unmet need last, then by tonnes, largest first. */
  if ((x->country == LS_EXPLAIN_UNMET) != (y->country == LS_EXPLAIN_UNMET))
    return x->country == LS_EXPLAIN_UNMET ? 1 : -1;
  if (x->tonnes != y->tonnes)
    return x->tonnes > y->tonnes ? -1 : 1;
  return x->country < y->country ? -1 : x->country > y->country;
}

static void
set_evidence (LsExplanation         *self,
              const LsEvidenceSplit *split)
{
  self->has_evidence = split->part[0] + split->part[1] + split->part[2] > 0.0;
  self->evidence = *split;
  g_clear_pointer (&self->evidence_text, g_free);
  if (self->has_evidence)
    {
      g_autofree char *parts = ls_explain_format_evidence (split);

      /* Translators: what a figure rests on, e.g. "Evidence: 62 % from published figures, 30 % estimated" */
      self->evidence_text = g_strdup_printf (_("Evidence: %s"), parts);
    }
}

static void
set_range (LsExplanation *self,
           double         low,
           double         high)
{
  g_autofree char *text = ls_explain_format_range (low, high);

  /* A range with no width at the precision shown is no range. */
  self->has_range = text != NULL;
  self->low = low;
  self->high = high;
}

/* "49.3 % (34–52 %)" or "49.3 %". */
static char *
value_with_range (const LsExplanation *self,
                  double               value)
{
  g_autofree char *percent = ls_format_percent (value, 1);
  g_autofree char *range = self->has_range ? ls_explain_format_range (self->low, self->high) : NULL;

  if (range == NULL)
    return g_steal_pointer (&percent);

  /* Translators: a share and its range, e.g. "73.0 % (69–78 %)" */
  return g_strdup_printf (_("%s (%s)"), percent, range);
}

/* One line for the flows of supplier @i into the bloc's members; @whole
 * is the intake or the need its share is of. */
static void
add_supplier_line (LsExplanation  *self,
                   const LsResult *result,
                   guint           stage,
                   guint           i,
                   double          whole)
{
  guint C = ls_result_get_n_countries (result);
  Provenance p;
  double tonnes;
  LsEvidenceSplit split;
  g_autofree char *amount = NULL;
  g_autofree char *share = NULL;
  g_autofree char *provenance = NULL;
  g_autofree char *name = NULL;

  provenance_init (&p);
  for (guint j = 0; j < C; j++)
    if (ls_result_is_member (result, j))
      provenance_add_flow (&p, result, stage, i, j);

  tonnes = provenance_total (&p);
  if (tonnes <= 0.0)
    {
      provenance_clear (&p);
      return;
    }

  provenance_get_split (&p, &split);
  amount = tonnes_text (result, stage, tonnes);
  share = ls_format_percent (whole > 0.0 ? tonnes / whole : 0.0, 1);
  provenance = provenance_text (&p, result, stage);
  if (is_member (result, i))
    /* Translators: a supplier that is a member of the bloc, e.g. "Japan (member)" */
    name = g_strdup_printf (_("%s (member)"), country_name (result, i));
  else
    name = g_strdup (country_name (result, i));

  add_line (self, i, tonnes, whole > 0.0 ? tonnes / whole : 0.0, &split,
            /* Translators: a supplier, its tonnes, its share, and what they rest on,
             * e.g. "Vietnam: 1,470 t magnet REO (8.2 %), estimated (…)" */
            g_strdup_printf (_("%s: %s (%s), %s"), name, amount, share, provenance));
  provenance_clear (&p);
}

static void
add_supplier_lines (LsExplanation  *self,
                    const LsResult *result,
                    guint           stage,
                    double          whole)
{
  guint C = ls_result_get_n_countries (result);

  for (guint i = 0; i <= C; i++)
    add_supplier_line (self, result, stage, i, whole);
}

/* Why there is no dependency at @stage. */
static char *
no_dependency_reason (const LsResult *result,
                      guint           stage)
{
  if (ls_result_get_n_members (result) == 0)
    return g_strdup (_("No bloc chosen: switch on an alliance or add countries."));
  if (stage + 1 >= ls_result_get_n_stages (result))
    /* Translators: %s is the last stage, e.g. "Use"; the one before it, e.g. "Magnets" */
    return g_strdup_printf (_("%s is the final stage: no later stage takes in its product, so it has no "
                              "dependency. The bloc's supply of %s is shown under %s."),
                            stage_name (result, stage), stage_name (result, stage - 1),
                            stage_name (result, stage - 1));
  /* Translators: %s is the next stage, e.g. "Magnets" */
  return g_strdup_printf (_("No member makes %s, so the bloc takes in none of this stage's product."),
                          stage_name (result, stage + 1));
}

static void
explain_dependency (LsExplanation  *self,
                    const LsResult *result,
                    const LsRanges *ranges,
                    guint           stage)
{
  double dependency;
  double intake = ls_result_get_bloc_intake (result, stage);
  LsEvidenceSplit split;

  /* Translators: title of an explanation, e.g. "Magnets: dependency on non-members" */
  self->title = g_strdup_printf (_("%s: dependency on non-members"), stage_name (result, stage));

  if (!ls_result_get_dependency (result, stage, &dependency))
    {
      self->summary = no_dependency_reason (result, stage);
      return;
    }

  self->has_value = TRUE;
  self->value = dependency;
  self->total = intake;
  if (ranges != NULL)
    {
      double low, high;

      if (ls_ranges_get_dependency (ranges, stage, &low, &high))
        set_range (self, low, high);
    }
  if (ls_result_get_dependency_evidence (result, stage, &split))
    set_evidence (self, &split);

  add_supplier_lines (self, result, stage, intake);
  g_array_sort (self->lines, compare_lines);

  {
    g_autofree char *value = value_with_range (self, dependency);
    g_autofree char *outside = tonnes_text (result, stage, dependency * intake);
    g_autofree char *whole = tonnes_text (result, stage, intake);
    double share;
    guint top = ls_result_get_top_supplier (result, stage, &share);

    if (top == G_MAXUINT)
      {
        const LsExplainLine *first = self->lines->len > 0 ? &g_array_index (self->lines, LsExplainLine, 0) : NULL;
        g_autofree char *first_share = first != NULL ? ls_format_percent (first->share, 1) : NULL;

        if (first != NULL && first->country < ls_result_get_n_countries (result) &&
            ls_result_get_flow (result, stage, first->country, first->country) >= 0.5 * first->tonnes)
          /* Translators: a dependency of 0 %: e.g. "Members supply all of the bloc's intake of
           * Metal and alloy (4,750 t): mostly Japan's own output feeds Japan (98.0 %)." */
          self->summary = g_strdup_printf (_("%s: members supply all of the bloc's intake of %s (%s); "
                                             "the largest part is %s's own output feeding itself (%s)."),
                                           value, stage_name (result, stage), whole,
                                           country_name (result, first->country), first_share);
        else if (first != NULL)
          /* Translators: a dependency of 0 %, e.g. "0.0 %: members supply all of the bloc's intake
           * of Mining (12,370 t REO); the largest supplier is Australia (60.0 %)." */
          self->summary = g_strdup_printf (_("%s: members supply all of the bloc's intake of %s (%s); "
                                             "the largest supplier is %s (%s)."),
                                           value, stage_name (result, stage), whole,
                                           country_name (result, first->country), first_share);
        else
          self->summary = g_strdup_printf (_("%s: members supply all of the bloc's intake of %s (%s)."),
                                           value, stage_name (result, stage), whole);
      }
    else
      {
        g_autofree char *top_share = ls_format_percent (share, 1);

        /* Translators: e.g. "49.3 % (34–52 %) of the bloc's intake of Magnets comes from
         * non-members: 8,820 t of 17,904 t magnet REO. Largest supplier outside the bloc:
         * unknown origin (35.1 %)." */
        self->summary = g_strdup_printf (_("%s of the bloc's intake of %s comes from non-members: %s of %s. "
                                           "Largest supplier outside the bloc: %s (%s)."),
                                         value, stage_name (result, stage), outside, whole,
                                         country_name (result, top), top_share);
      }
  }
}

static void
explain_need (LsExplanation  *self,
              const LsResult *result,
              const LsRanges *ranges,
              guint           stage)
{
  LsNeedSplit need;
  LsEvidenceSplit split;
  guint C = ls_result_get_n_countries (result);

  /* Translators: title of an explanation, e.g. "Magnets: the bloc's need" */
  self->title = g_strdup_printf (_("%s: the bloc's need"), stage_name (result, stage));

  if (!ls_result_get_need_split (result, stage, &need))
    {
      self->summary = no_dependency_reason (result, stage);
      return;
    }

  self->has_value = TRUE;
  self->value = need.unmet / need.need;
  self->total = need.need;
  if (ranges != NULL)
    {
      LsNeedSplit low, high;

      if (ls_ranges_get_need_split (ranges, stage, &low, &high))
        set_range (self, low.unmet, high.unmet);
    }
  if (ls_result_get_dependency_evidence (result, stage, &split))
    set_evidence (self, &split);

  add_supplier_lines (self, result, stage, need.need);

  if (need.unmet > 0.0)
    {
      g_autoptr(GString) short_members = g_string_new (NULL);
      double yield = ls_dataset_get_stage_yield (ls_result_get_dataset (result), stage + 1);
      g_autofree char *amount = tonnes_text (result, stage, need.unmet);
      g_autofree char *share = ls_format_percent (need.unmet / need.need, 1);
      LsEvidenceSplit modelled = { { 0.0, 0.0, 1.0 } };

      for (guint j = 0; j < C; j++)
        {
          double shortfall = ls_result_is_member (result, j) ? ls_result_get_shortfall (result, stage + 1, j) / yield : 0.0;
          g_autofree char *tonnes = NULL;

          if (shortfall < MIN_TONNES)
            continue;
          tonnes = tonnes_text (result, stage, shortfall);
          if (short_members->len > 0)
            g_string_append (short_members, _(", "));
          /* Translators: a member short of supply and by how much, e.g. "United States 3,321 t" */
          g_string_append_printf (short_members, _("%s %s"), country_name (result, j), tonnes);
        }

      add_line (self, LS_EXPLAIN_UNMET, need.unmet, need.unmet / need.need, &modelled,
                short_members->len > 0
                /* Translators: the unmet part of the bloc's need, and who goes short,
                 * e.g. "Unmet: 8,542 t (47.7 %), short: United States 3,321 t, Germany 2,000 t" */
                ? g_strdup_printf (_("Unmet: %s (%s), short: %s"), amount, share, short_members->str)
                : g_strdup_printf (_("Unmet: %s (%s)"), amount, share));
    }
  g_array_sort (self->lines, compare_lines);

  {
    g_autofree char *whole = tonnes_text (result, stage, need.need);
    g_autofree char *members = ls_format_percent (need.members / need.need, 1);
    g_autofree char *china = ls_format_percent (need.china / need.need, 1);
    g_autofree char *other = ls_format_percent (need.other / need.need, 1);
    g_autofree char *unmet = value_with_range (self, need.unmet / need.need);

    /* Translators: e.g. "The bloc needs 17,904 t magnet REO of Magnets: members supply 26.5 %,
     * China 0.0 %, other non-members 25.8 %; 47.7 % (46–55 %) is unmet." */
    self->summary = g_strdup_printf (_("The bloc needs %s of %s: members supply %s, China %s, "
                                       "other non-members %s; %s is unmet."),
                                     whole, stage_name (result, stage), members, china, other, unmet);
  }
}

static void
add_producer_line (LsExplanation  *self,
                   const LsResult *result,
                   guint           stage,
                   guint           country)
{
  LsDataset *dataset = ls_result_get_dataset (result);
  double output = ls_result_get_production (result, stage, country);
  double total = ls_result_get_stage_total (result, stage);
  LsEvidenceSplit split;
  Provenance p;
  g_autofree char *amount = NULL;
  g_autofree char *share = NULL;
  g_autofree char *provenance = NULL;
  g_autofree char *name = NULL;

  provenance_init (&p);
  ls_result_get_output_evidence (result, stage, country, &split);
  for (guint k = 0; k < LS_N_EVIDENCE; k++)
    p.part[k] = output * split.part[k];
  provenance_add_figure (&p, dataset, ls_dataset_get_production_figure (dataset, ls_result_get_year (result),
                                                                        stage, country));

  amount = tonnes_text (result, stage, output);
  share = ls_format_percent (total > 0.0 ? output / total : 0.0, 1);
  provenance = provenance_text (&p, result, stage);
  if (is_member (result, country))
    name = g_strdup_printf (_("%s (member)"), country_name (result, country));
  else
    name = g_strdup (country_name (result, country));

  add_line (self, country, output, total > 0.0 ? output / total : 0.0, &split,
            g_strdup_printf (_("%s: %s (%s), %s"), name, amount, share, provenance));
  provenance_clear (&p);
}

static void
explain_world_output (LsExplanation  *self,
                      const LsResult *result,
                      const LsRanges *ranges,
                      guint           stage)
{
  guint C = ls_result_get_n_countries (result);
  double total = ls_result_get_stage_total (result, stage);
  LsEvidenceSplit split;
  double rest_tonnes = 0.0;
  guint n_rest = 0;

  /* Translators: title of an explanation, e.g. "Mining: world output" */
  self->title = g_strdup_printf (_("%s: world output"), stage_name (result, stage));
  self->has_value = total > 0.0;
  self->value = ls_result_get_bloc_share (result, stage);
  self->total = total;
  if (ranges != NULL)
    {
      double low, high;

      ls_ranges_get_bloc_share (ranges, stage, &low, &high);
      set_range (self, low, high);
    }
  ls_result_get_output_evidence (result, stage, -1, &split);
  set_evidence (self, &split);

  for (guint c = 0; c < C; c++)
    if (ls_result_get_production (result, stage, c) > 0.0)
      add_line (self, c, ls_result_get_production (result, stage, c), 0.0, NULL, NULL);
  g_array_sort (self->lines, compare_lines);

  /* Keep the largest producers, in words; sum up the rest. */
  {
    g_autoptr(GArray) producers = g_array_copy (self->lines);

    g_array_set_size (self->lines, 0);
    g_ptr_array_set_size (self->texts, 0);
    for (guint k = 0; k < producers->len; k++)
      {
        const LsExplainLine *line = &g_array_index (producers, LsExplainLine, k);

        if (k < MAX_PRODUCER_LINES)
          add_producer_line (self, result, stage, line->country);
        else
          {
            rest_tonnes += line->tonnes;
            n_rest++;
          }
      }
  }

  if (n_rest > 0)
    {
      g_autofree char *amount = tonnes_text (result, stage, rest_tonnes);
      g_autofree char *share = ls_format_percent (rest_tonnes / total, 1);

      add_line (self, LS_EXPLAIN_OTHERS, rest_tonnes, rest_tonnes / total, NULL,
                /* Translators: the producers not listed, e.g. "12 more producers: 3,400 t (0.9 %)" */
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more producer: %s (%s)",
                                              "%u more producers: %s (%s)", n_rest),
                                 n_rest, amount, share));
    }

  {
    g_autofree char *whole = tonnes_text (result, stage, total);
    g_autofree char *bloc = value_with_range (self, ls_result_get_bloc_share (result, stage));
    g_autofree char *china = ls_format_percent (ls_result_get_china_share (result, stage), 1);
    g_autofree char *rest = ls_format_percent (ls_result_get_rest_share (result, stage), 1);

    if (ranges != NULL)
      {
        double low, high;
        g_autofree char *range = NULL;

        ls_ranges_get_china_share (ranges, stage, &low, &high);
        if ((range = ls_explain_format_range (low, high)) != NULL)
          {
            g_autofree char *plain = g_steal_pointer (&china);

            china = g_strdup_printf (_("%s (%s)"), plain, range);
          }
        g_clear_pointer (&range, g_free);
        ls_ranges_get_rest_share (ranges, stage, &low, &high);
        if ((range = ls_explain_format_range (low, high)) != NULL)
          {
            g_autofree char *plain = g_steal_pointer (&rest);

            rest = g_strdup_printf (_("%s (%s)"), plain, range);
          }
      }

    /* Translators: e.g. "World output of Mining: 383,000 t REO. The bloc makes 20.2 %,
     * China 70.5 %, the rest of the world 9.3 %." */
    self->summary = g_strdup_printf (_("World output of %s: %s. The bloc makes %s, China %s, "
                                       "the rest of the world %s."),
                                     stage_name (result, stage), whole, bloc, china, rest);
  }
}

/**
 * ls_explain_get_use:
 * @need: (out) (optional): the members' use targets at the last stage, t
 * @unmet: (out) (optional): the part of it they go short of, t
 *
 * Returns: %FALSE when the members use nothing
 */
gboolean
ls_explain_get_use (const LsResult *result,
                    double         *need,
                    double         *unmet)
{
  guint last = ls_result_get_n_stages (result) - 1;
  double target = 0.0;
  double shortfall = 0.0;

  g_return_val_if_fail (result != NULL, FALSE);

  for (guint j = 0; j < ls_result_get_n_countries (result); j++)
    if (ls_result_is_member (result, j))
      {
        target += ls_result_get_target (result, last, j);
        shortfall += ls_result_get_shortfall (result, last, j);
      }

  if (need != NULL)
    *need = target;
  if (unmet != NULL)
    *unmet = shortfall;

  return target > 0.0;
}

static void
explain_use (LsExplanation  *self,
             const LsResult *result,
             const LsRanges *ranges)
{
  guint last = ls_result_get_n_stages (result) - 1;
  guint C = ls_result_get_n_countries (result);
  double need;
  double unmet;
  LsEvidenceSplit split;

  /* Translators: title of an explanation, e.g. "Use: the bloc's use" */
  self->title = g_strdup_printf (_("%s: the bloc's use"), stage_name (result, last));

  if (!ls_explain_get_use (result, &need, &unmet))
    {
      self->summary = ls_result_get_n_members (result) == 0
                      ? g_strdup (_("No bloc chosen: switch on an alliance or add countries."))
                      : g_strdup_printf (_("No member has any %s."), stage_name (result, last));
      return;
    }

  self->has_value = TRUE;
  self->value = unmet / need;
  self->total = need;
  /* The unmet part of the use is that of the need of the stage before
   * it, in that stage's input tonnes: the same share. */
  if (ranges != NULL && last > 0)
    {
      LsNeedSplit low, high;

      if (ls_ranges_get_need_split (ranges, last - 1, &low, &high))
        set_range (self, low.unmet, high.unmet);
    }
  if (last > 0 && ls_result_get_dependency_evidence (result, last - 1, &split))
    set_evidence (self, &split);

  for (guint j = 0; j < C; j++)
    {
      double target = ls_result_is_member (result, j) ? ls_result_get_target (result, last, j) : 0.0;
      double received;
      double shortfall;
      g_autofree char *target_text = NULL;
      g_autofree char *received_text = NULL;
      g_autofree char *shortfall_text = NULL;
      LsEvidenceSplit evidence;

      if (target <= 0.0)
        continue;

      shortfall = ls_result_get_shortfall (result, last, j);
      received = ls_result_get_production (result, last, j);
      ls_result_get_output_evidence (result, last, j, &evidence);
      target_text = tonnes_text (result, last, target);
      received_text = tonnes_text (result, last, received);
      if (shortfall >= MIN_TONNES)
        {
          shortfall_text = tonnes_text (result, last, shortfall);
          add_line (self, j, target, target / need, &evidence,
                    /* Translators: a member's use, e.g. "United States: 3,400 t needed, 79 t received (3,321 t unmet)" */
                    g_strdup_printf (_("%s: %s needed, %s received (%s unmet)"),
                                     country_name (result, j), target_text, received_text, shortfall_text));
        }
      else
        add_line (self, j, target, target / need, &evidence,
                  /* Translators: a member's use, e.g. "Japan: 7,000 t needed, all received" */
                  g_strdup_printf (_("%s: %s needed, all received"), country_name (result, j), target_text));
    }
  g_array_sort (self->lines, compare_lines);

  {
    g_autofree char *whole = tonnes_text (result, last, need);
    g_autofree char *amount = tonnes_text (result, last, unmet);
    g_autofree char *share = ls_format_percent (unmet / need, 1);
    g_autofree char *range = self->has_range ? ls_explain_format_range (self->low, self->high) : NULL;

    if (unmet >= MIN_TONNES && range != NULL)
      /* Translators: e.g. "The bloc's members use 17,904 t magnet REO; 8,542 t of it (47.7 %, range 46–55 %) is unmet." */
      self->summary = g_strdup_printf (_("The bloc's members use %s; %s of it (%s, range %s) is unmet."),
                                       whole, amount, share, range);
    else if (unmet >= MIN_TONNES)
      /* Translators: e.g. "The bloc's members use 17,904 t magnet REO; 8,542 t of it (47.7 %) is unmet." */
      self->summary = g_strdup_printf (_("The bloc's members use %s; %s of it (%s) is unmet."), whole, amount, share);
    else
      /* Translators: e.g. "The bloc's members use 17,904 t magnet REO, all of it supplied." */
      self->summary = g_strdup_printf (_("The bloc's members use %s, all of it supplied."), whole);
  }
}

static void
explain_supplier (LsExplanation  *self,
                  const LsResult *result,
                  guint           stage,
                  guint           supplier)
{
  guint C = ls_result_get_n_countries (result);
  double intake = ls_result_get_bloc_intake (result, stage);
  Provenance all;
  LsEvidenceSplit split;

  /* Translators: title of an explanation, e.g. "China: supply of Magnets to the bloc" */
  self->title = g_strdup_printf (_("%s: supply of %s to the bloc"), country_name (result, supplier),
                                 stage_name (result, stage));

  provenance_init (&all);
  for (guint j = 0; j < C; j++)
    {
      Provenance p;
      double tonnes;
      g_autofree char *amount = NULL;
      g_autofree char *share = NULL;
      g_autofree char *provenance = NULL;

      if (!ls_result_is_member (result, j))
        continue;

      provenance_init (&p);
      provenance_add_flow (&p, result, stage, supplier, j);
      provenance_add_flow (&all, result, stage, supplier, j);
      tonnes = provenance_total (&p);
      if (tonnes > 0.0)
        {
          provenance_get_split (&p, &split);
          amount = tonnes_text (result, stage, tonnes);
          share = ls_format_percent (intake > 0.0 ? tonnes / intake : 0.0, 1);
          provenance = provenance_text (&p, result, stage);
          add_line (self, j, tonnes, intake > 0.0 ? tonnes / intake : 0.0, &split,
                    /* Translators: a flow to a member, e.g. "to Japan: 1,000 t (5.6 %), published: …" */
                    g_strdup_printf (_("to %s: %s (%s), %s"), country_name (result, j), amount, share, provenance));
        }
      provenance_clear (&p);
    }
  g_array_sort (self->lines, compare_lines);

  self->total = provenance_total (&all);
  self->has_value = intake > 0.0;
  self->value = intake > 0.0 ? self->total / intake : 0.0;
  provenance_get_split (&all, &split);
  set_evidence (self, &split);

  if (intake <= 0.0)
    self->summary = no_dependency_reason (result, stage);
  else
    {
      g_autofree char *share = ls_format_percent (self->value, 1);
      g_autofree char *amount = tonnes_text (result, stage, self->total);

      if (is_member (result, supplier))
        /* Translators: e.g. "Japan, a member, supplies 30.1 % of the bloc's intake of Metal and alloy: 1,430 t." */
        self->summary = g_strdup_printf (_("%s, a member, supplies %s of the bloc's intake of %s: %s."),
                                         country_name (result, supplier), share, stage_name (result, stage), amount);
      else
        /* Translators: e.g. "China supplies 55.1 % of the bloc's intake of Magnets: 9,870 t." */
        self->summary = g_strdup_printf (_("%s supplies %s of the bloc's intake of %s: %s."),
                                         country_name (result, supplier), share, stage_name (result, stage), amount);
    }
  provenance_clear (&all);
}

static void
explain_country (LsExplanation  *self,
                 const LsResult *result,
                 const LsRanges *ranges,
                 guint           stage,
                 guint           country)
{
  LsDataset *dataset = ls_result_get_dataset (result);
  guint C = ls_result_get_n_countries (result);
  double output = ls_result_get_production (result, stage, country);
  double shortfall = ls_result_get_shortfall (result, stage, country);
  double inflow = 0.0;
  LsEvidenceSplit split;
  Provenance p;
  g_autofree char *provenance = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *share = NULL;

  /* Translators: title of an explanation, e.g. "Japan: Magnets" */
  self->title = g_strdup_printf (_("%s: %s"), country_name (result, country), stage_name (result, stage));
  self->has_value = TRUE;
  self->value = ls_result_get_share (result, stage, country);
  self->total = output;
  if (ranges != NULL)
    {
      double low, high;

      ls_ranges_get_share (ranges, stage, country, &low, &high);
      set_range (self, low, high);
    }
  ls_result_get_output_evidence (result, stage, country, &split);
  set_evidence (self, &split);

  provenance_init (&p);
  for (guint k = 0; k < LS_N_EVIDENCE; k++)
    p.part[k] = output * split.part[k];
  provenance_add_figure (&p, dataset, ls_dataset_get_production_figure (dataset, ls_result_get_year (result),
                                                                        stage, country));
  provenance = provenance_text (&p, result, stage);
  provenance_clear (&p);

  /* What fed it: the flows of the stage before into it, by supplier. */
  if (stage > 0)
    {
      for (guint i = 0; i <= C; i++)
        inflow += ls_result_get_flow (result, stage - 1, i, country);
      for (guint i = 0; i <= C; i++)
        {
          Provenance q;
          double tonnes;
          g_autofree char *flow_amount = NULL;
          g_autofree char *flow_share = NULL;
          g_autofree char *flow_provenance = NULL;

          provenance_init (&q);
          provenance_add_flow (&q, result, stage - 1, i, country);
          tonnes = provenance_total (&q);
          if (tonnes > 0.0)
            {
              LsEvidenceSplit flow_split;

              provenance_get_split (&q, &flow_split);
              flow_amount = tonnes_text (result, stage - 1, tonnes);
              flow_share = ls_format_percent (tonnes / inflow, 1);
              flow_provenance = provenance_text (&q, result, stage - 1);
              add_line (self, i, tonnes, tonnes / inflow, &flow_split,
                        /* Translators: a supplier of a country's input, e.g.
                         * "from China: 4,000 t magnet REO (80.0 %), estimated (…)" */
                        g_strdup_printf (_("from %s: %s (%s), %s"), country_name (result, i),
                                         flow_amount, flow_share, flow_provenance));
            }
          provenance_clear (&q);
        }
      g_array_sort (self->lines, compare_lines);
    }

  amount = tonnes_text (result, stage, output);
  share = value_with_range (self, self->value);
  if (shortfall >= MIN_TONNES)
    {
      g_autofree char *short_text = tonnes_text (result, stage, shortfall);
      g_autofree char *target = tonnes_text (result, stage, ls_result_get_target (result, stage, country));

      /* Translators: e.g. "United States, Use: 79 t magnet REO (0.1 % of world output), estimated (…).
       * It needs 3,400 t and goes short of 3,321 t." */
      self->summary = g_strdup_printf (_("%s, %s: %s (%s of world output), %s. It needs %s and goes short of %s."),
                                       country_name (result, country), stage_name (result, stage), amount, share,
                                       provenance, target, short_text);
    }
  else
    /* Translators: e.g. "Japan, Magnets: 4,400 t magnet REO (5.8 % of world output), published: …" */
    self->summary = g_strdup_printf (_("%s, %s: %s (%s of world output), %s."),
                                     country_name (result, country), stage_name (result, stage), amount, share,
                                     provenance);
}

static void
explain_flow (LsExplanation  *self,
              const LsResult *result,
              guint           stage,
              guint           from,
              guint           to)
{
  guint C = ls_result_get_n_countries (result);
  double value = ls_result_get_flow (result, stage, from, to);
  double intake = 0.0;
  LsEvidenceSplit split;
  g_autofree char *amount = tonnes_text (result, stage, value);
  g_autofree char *provenance = ls_explain_flow_provenance (result, stage, from, to);
  g_autofree char *share = NULL;

  for (guint i = 0; i <= C; i++)
    intake += ls_result_get_flow (result, stage, i, to);

  /* Translators: title of an explanation, e.g. "China to Japan: Magnets" */
  self->title = g_strdup_printf (_("%s to %s: %s"), country_name (result, from), country_name (result, to),
                                 stage_name (result, stage));
  self->has_value = intake > 0.0;
  self->value = intake > 0.0 ? value / intake : 0.0;
  self->total = value;
  ls_result_get_flow_evidence (result, stage, from, to, &split);
  set_evidence (self, &split);
  add_line (self, from, value, self->value, &split, g_strdup (provenance));

  share = ls_format_percent (self->value, 1);
  /* Translators: e.g. "4,000 t magnet REO, 80.0 % of Japan's intake, estimated (…)" */
  self->summary = g_strdup_printf (_("%s, %s of %s's intake, %s."), amount, share, country_name (result, to),
                                   provenance);
}

/**
 * ls_explanation_new:
 * @result: the result the figure comes from
 * @ranges: (nullable): the result's ranges, once computed
 * @subject: what is explained
 * @stage: the stage of the figure (ignored for %LS_EXPLAIN_USE)
 * @country: the supplier, producer or exporter for
 *   %LS_EXPLAIN_SUPPLIER, %LS_EXPLAIN_COUNTRY and %LS_EXPLAIN_FLOW
 *   (the number of countries for `unknown`); otherwise ignored
 * @partner: the importer for %LS_EXPLAIN_FLOW; otherwise ignored
 *
 * Says what a figure is made of: the flows behind it by supplier, each
 * with its source, or "estimated (method)", or "completed by the model",
 * its evidence split and its range.
 *
 * Returns: (transfer full): the explanation
 */
LsExplanation *
ls_explanation_new (const LsResult   *result,
                    const LsRanges   *ranges,
                    LsExplainSubject  subject,
                    guint             stage,
                    guint             country,
                    guint             partner)
{
  LsExplanation *self;
  guint C;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (subject == LS_EXPLAIN_USE || stage < ls_result_get_n_stages (result), NULL);

  C = ls_result_get_n_countries (result);
  self = explanation_new (subject);

  switch (subject)
    {
    case LS_EXPLAIN_DEPENDENCY:
      explain_dependency (self, result, ranges, stage);
      break;
    case LS_EXPLAIN_NEED:
      explain_need (self, result, ranges, stage);
      break;
    case LS_EXPLAIN_WORLD_OUTPUT:
      explain_world_output (self, result, ranges, stage);
      break;
    case LS_EXPLAIN_USE:
      explain_use (self, result, ranges);
      break;
    case LS_EXPLAIN_SUPPLIER:
      g_return_val_if_fail (country <= C, (ls_explanation_free (self), NULL));
      explain_supplier (self, result, stage, country);
      break;
    case LS_EXPLAIN_COUNTRY:
      g_return_val_if_fail (country < C, (ls_explanation_free (self), NULL));
      explain_country (self, result, ranges, stage, country);
      break;
    case LS_EXPLAIN_FLOW:
    default:
      g_return_val_if_fail (country <= C && partner < C, (ls_explanation_free (self), NULL));
      explain_flow (self, result, stage, country, partner);
      break;
    }

  return self;
}

void
ls_explanation_free (LsExplanation *self)
{
  if (self == NULL)
    return;

  g_free (self->title);
  g_free (self->summary);
  g_free (self->evidence_text);
  g_array_unref (self->lines);
  g_ptr_array_unref (self->texts);
  g_free (self);
}

LsExplainSubject
ls_explanation_get_subject (const LsExplanation *self)
{
  return self->subject;
}

const char *
ls_explanation_get_title (const LsExplanation *self)
{
  return self->title;
}

/**
 * ls_explanation_get_summary:
 *
 * Returns: the figure in a sentence, with its range; or, where there is
 *   no figure, why (no bloc, the final stage, no member takes it in)
 */
const char *
ls_explanation_get_summary (const LsExplanation *self)
{
  return self->summary;
}

/**
 * ls_explanation_get_value:
 * @value: (out) (optional): the figure explained, as a fraction: the
 *   dependency, the unmet part of the need or of the use, the bloc's
 *   share of world output, a supplier's part of the intake, a country's
 *   share of world output, or a flow's part of its importer's intake
 *
 * Returns: %FALSE when there is no figure
 */
gboolean
ls_explanation_get_value (const LsExplanation *self,
                          double              *value)
{
  if (value != NULL)
    *value = self->value;
  return self->has_value;
}

gboolean
ls_explanation_get_range (const LsExplanation *self,
                          double              *low,
                          double              *high)
{
  if (low != NULL)
    *low = self->low;
  if (high != NULL)
    *high = self->high;
  return self->has_range;
}

gboolean
ls_explanation_get_evidence (const LsExplanation *self,
                             LsEvidenceSplit     *split)
{
  if (split != NULL)
    *split = self->evidence;
  return self->has_evidence;
}

/**
 * ls_explanation_get_evidence_text:
 *
 * Returns: (nullable): "Evidence: 62 % from published figures, …"
 */
const char *
ls_explanation_get_evidence_text (const LsExplanation *self)
{
  return self->evidence_text;
}

/**
 * ls_explanation_get_total:
 *
 * Returns: the tonnes the lines' shares are of: the bloc's intake, its
 *   need, the stage's world output, the bloc's use, a supplier's flows
 *   to the bloc, a country's output or a flow
 */
double
ls_explanation_get_total (const LsExplanation *self)
{
  return self->total;
}

guint
ls_explanation_get_n_lines (const LsExplanation *self)
{
  return self->lines->len;
}

const LsExplainLine *
ls_explanation_get_line (const LsExplanation *self,
                         guint                index)
{
  g_return_val_if_fail (index < self->lines->len, NULL);
  return &g_array_index (self->lines, LsExplainLine, index);
}

/**
 * ls_explanation_to_text:
 *
 * Returns: (transfer full): the explanation as plain text: the title, the
 *   summary, the evidence, then one line per part; what the tooltips and
 *   the screen reader read
 */
char *
ls_explanation_to_text (const LsExplanation *self)
{
  GString *text = g_string_new (self->title);

  g_string_append_c (text, '\n');
  g_string_append (text, self->summary);
  if (self->evidence_text != NULL)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, self->evidence_text);
    }
  for (guint i = 0; i < self->lines->len; i++)
    {
      g_string_append (text, "\n• ");
      g_string_append (text, g_array_index (self->lines, LsExplainLine, i).text);
    }

  return g_string_free (text, FALSE);
}

/**
 * ls_explain_text:
 *
 * The text of ls_explanation_new() with the same arguments, for a
 * tooltip or an accessible description.
 *
 * Returns: (transfer full): the explanation as plain text
 */
char *
ls_explain_text (const LsResult   *result,
                 const LsRanges   *ranges,
                 LsExplainSubject  subject,
                 guint             stage,
                 guint             country,
                 guint             partner)
{
  g_autoptr(LsExplanation) explanation = ls_explanation_new (result, ranges, subject, stage, country, partner);

  g_return_val_if_fail (explanation != NULL, NULL);
  return ls_explanation_to_text (explanation);
}

/* What a change means ----------------------------------------------------- */

/* The unmet part of the bloc's need at @stage (of its use at the last
 * stage), and its tonnes of supply from members. */
static gboolean
get_unmet (const LsResult *result,
           guint           stage,
           double         *unmet,
           double         *members)
{
  LsNeedSplit need;

  *unmet = 0.0;
  *members = 0.0;

  if (stage + 1 >= ls_result_get_n_stages (result))
    {
      double total;
      double short_of;

      if (!ls_explain_get_use (result, &total, &short_of))
        return FALSE;
      *unmet = short_of / total;
      return TRUE;
    }

  if (!ls_result_get_need_split (result, stage, &need))
    return FALSE;
  *unmet = need.unmet / need.need;
  *members = need.members;
  return TRUE;
}

/**
 * ls_explain_judge:
 * @result: the scenario's result
 * @baseline: (nullable): the same bloc with no levers
 * @stage: a stage
 * @figure: the figure whose change is judged
 * @change: (out) (optional): its change against @baseline, as a fraction
 *   (for %LS_EXPLAIN_FIGURE_STAGE: that of the dependency)
 * @reason: (out) (optional): why a fall is not better
 *
 * The one rule for what a change means for the bloc (issue 13 item 1):
 * less unmet need and less dependency are better; more unmet need is
 * always worse; a fall of dependency is not better when more of the
 * bloc's need goes unmet with it, since it then only shows supply that
 * was lost (neutral, with %LS_VERDICT_REASON_LOST_SUPPLY, or
 * %LS_VERDICT_REASON_MIXED when members also supply more). Changes
 * smaller than %LS_FORMAT_CHANGE_THRESHOLD are no change. The stage as a
 * whole is worse when either figure is, better when one is better and
 * neither worse.
 *
 * Returns: the verdict
 */
LsVerdict
ls_explain_judge (const LsResult  *result,
                  const LsResult  *baseline,
                  guint            stage,
                  LsExplainFigure  figure,
                  double          *change,
                  LsVerdictReason *reason)
{
  double dependency = 0.0;
  double base_dependency = 0.0;
  gboolean has_dependency;
  double unmet, base_unmet, members, base_members;
  gboolean has_unmet;
  LsChange unmet_change = LS_CHANGE_NONE;
  LsVerdict dependency_verdict = LS_VERDICT_NONE;
  LsVerdict unmet_verdict = LS_VERDICT_NONE;
  LsVerdictReason why = LS_VERDICT_REASON_NONE;

  if (change != NULL)
    *change = 0.0;
  if (reason != NULL)
    *reason = LS_VERDICT_REASON_NONE;

  g_return_val_if_fail (result != NULL, LS_VERDICT_NONE);
  g_return_val_if_fail (stage < ls_result_get_n_stages (result), LS_VERDICT_NONE);

  /* With no levers the baseline is the result: nothing changed. */
  if (baseline == NULL || baseline == result)
    return LS_VERDICT_NONE;

  has_unmet = get_unmet (result, stage, &unmet, &members) &&
              get_unmet (baseline, stage, &base_unmet, &base_members);
  if (has_unmet)
    {
      unmet_change = ls_format_get_change (unmet - base_unmet);
      if (unmet_change == LS_CHANGE_RISE)
        unmet_verdict = LS_VERDICT_WORSE;
      else if (unmet_change == LS_CHANGE_FALL)
        unmet_verdict = LS_VERDICT_BETTER;
    }

  has_dependency = ls_result_get_dependency (result, stage, &dependency) &&
                   ls_result_get_dependency (baseline, stage, &base_dependency);
  if (has_dependency)
    {
      switch (ls_format_get_change (dependency - base_dependency))
        {
        case LS_CHANGE_RISE:
          dependency_verdict = LS_VERDICT_WORSE;
          break;
        case LS_CHANGE_FALL:
          if (unmet_change == LS_CHANGE_RISE)
            {
              dependency_verdict = LS_VERDICT_NEUTRAL;
              why = members > base_members + LS_FORMAT_CHANGE_THRESHOLD * MAX (members, base_members)
                    ? LS_VERDICT_REASON_MIXED : LS_VERDICT_REASON_LOST_SUPPLY;
            }
          else
            dependency_verdict = LS_VERDICT_BETTER;
          break;
        case LS_CHANGE_NONE:
        default:
          break;
        }
    }

  switch (figure)
    {
    case LS_EXPLAIN_FIGURE_DEPENDENCY:
      if (change != NULL && has_dependency)
        *change = dependency - base_dependency;
      if (reason != NULL)
        *reason = why;
      return dependency_verdict;

    case LS_EXPLAIN_FIGURE_UNMET:
      if (change != NULL && has_unmet)
        *change = unmet - base_unmet;
      return unmet_verdict;

    case LS_EXPLAIN_FIGURE_STAGE:
    default:
      if (change != NULL && has_dependency)
        *change = dependency - base_dependency;
      if (reason != NULL)
        *reason = why;
      if (dependency_verdict == LS_VERDICT_WORSE || unmet_verdict == LS_VERDICT_WORSE)
        return LS_VERDICT_WORSE;
      if (dependency_verdict == LS_VERDICT_NEUTRAL)
        return LS_VERDICT_NEUTRAL;
      if (dependency_verdict == LS_VERDICT_BETTER || unmet_verdict == LS_VERDICT_BETTER)
        return LS_VERDICT_BETTER;
      return LS_VERDICT_NONE;
    }
}

/**
 * ls_verdict_get_style_class:
 *
 * Returns: (nullable): the CSS class views give a change with @verdict:
 *   "worse", "better", "neutral", or %NULL for no change
 */
const char *
ls_verdict_get_style_class (LsVerdict verdict)
{
  switch (verdict)
    {
    case LS_VERDICT_BETTER:
      return "better";
    case LS_VERDICT_WORSE:
      return "worse";
    case LS_VERDICT_NEUTRAL:
      return "neutral";
    case LS_VERDICT_NONE:
    default:
      return NULL;
    }
}

/**
 * ls_explain_change_text:
 *
 * A change in words with its context, for a screen reader and a
 * tooltip: "Magnets: unmet need rose 47.7 points"; "Magnets: dependency
 * on non-members fell 24.2 points, only because supply was lost".
 *
 * Returns: (transfer full) (nullable): the sentence, or %NULL when the
 *   figure did not change
 */
char *
ls_explain_change_text (const LsResult  *result,
                        const LsResult  *baseline,
                        guint            stage,
                        LsExplainFigure  figure)
{
  double change;
  LsVerdictReason reason;
  LsVerdict verdict;
  g_autofree char *points = NULL;
  const char *name;

  g_return_val_if_fail (result != NULL, NULL);

  if (figure == LS_EXPLAIN_FIGURE_STAGE)
    figure = LS_EXPLAIN_FIGURE_DEPENDENCY;

  verdict = ls_explain_judge (result, baseline, stage, figure, &change, &reason);
  if (verdict == LS_VERDICT_NONE)
    return NULL;

  name = stage_name (result, stage);
  points = ls_format_number (100.0 * fabs (change), 1);

  if (figure == LS_EXPLAIN_FIGURE_UNMET && stage + 1 >= ls_result_get_n_stages (result))
    return change > 0
           /* Translators: the last stage, e.g. "Use: unmet use rose 47.7 points" */
           ? g_strdup_printf (_("%s: unmet use rose %s points"), name, points)
           /* Translators: the last stage, e.g. "Use: unmet use fell 12.0 points" */
           : g_strdup_printf (_("%s: unmet use fell %s points"), name, points);

  if (figure == LS_EXPLAIN_FIGURE_UNMET)
    return change > 0
           /* Translators: e.g. "Magnets: unmet need rose 47.7 points" */
           ? g_strdup_printf (_("%s: unmet need rose %s points"), name, points)
           /* Translators: e.g. "Magnets: unmet need fell 12.0 points" */
           : g_strdup_printf (_("%s: unmet need fell %s points"), name, points);

  if (change > 0)
    /* Translators: e.g. "Magnets: dependency on non-members rose 2.1 points" */
    return g_strdup_printf (_("%s: dependency on non-members rose %s points"), name, points);
  if (reason == LS_VERDICT_REASON_LOST_SUPPLY)
    /* Translators: e.g. "Magnets: dependency on non-members fell 24.2 points, only because supply was lost" */
    return g_strdup_printf (_("%s: dependency on non-members fell %s points, only because supply was lost"),
                            name, points);
  if (reason == LS_VERDICT_REASON_MIXED)
    /* Translators: e.g. "Magnets: dependency on non-members fell 24.2 points, but more of the need is unmet" */
    return g_strdup_printf (_("%s: dependency on non-members fell %s points, but more of the need is unmet"),
                            name, points);
  /* Translators: e.g. "Magnets: dependency on non-members fell 3.0 points" */
  return g_strdup_printf (_("%s: dependency on non-members fell %s points"), name, points);
}
