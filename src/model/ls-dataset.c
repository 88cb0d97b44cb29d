/* ls-dataset.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-dataset"

#include "config.h"

#include "ls-dataset-private.h"
#include "ls-baseline-private.h"
#include "ls-json-reader-private.h"
#include "ls-model-resources.h"

#include <math.h>
#include <string.h>

#define DATASET_FORMAT "lodestone-dataset"
#define DATASET_VERSION 1
#define DEFAULT_RESOURCE APP_PATH "/datasets/rare-earths.json"

/* Relative slack when comparing sums of given flows with production and
 * need: the figures are published rounded, the check is for real excess. */
#define SUM_TOLERANCE 1e-9

typedef struct
{
  const char *id;
  const char *name;
  const char *unit;
  const char *basis;
  LsFigure    yield;
} Stage;

typedef struct
{
  const char *id;
  const char *name;
  double      latitude;
  double      longitude;
} Country;

typedef struct
{
  const char  *id;
  const char  *name;
  const char  *description;
  const char  *source;
  const char  *founded;
  gboolean     provisional;
  /* Per country of the dataset; NULL where not given. */
  gboolean    *members;
  const char **joined;
  const char **left;
  const char **member_source;
  const char **member_note;
} Alliance;

typedef struct
{
  const char *id;
  const char *title;
  const char *detail;
  const char *url;
} Source;

typedef struct
{
  int          year;
  const char  *note;
  LsFigure    *production;     /* n_stages × n_countries; source NULL when absent */
  GArray      *flows;          /* LsGivenFlow */
  GArray      *import_shares;  /* LsImportShares, each owning its shares */
} Year;

struct _LsDataset
{
  GObject       parent_instance;

  GStringChunk *strings;
  char         *filename;
  const char   *title;
  const char   *description;
  int           default_year;
  int           china;

  Stage        *stages;
  guint         n_stages;
  Country      *countries;
  guint         n_countries;
  Alliance     *alliances;
  guint         n_alliances;
  Source       *sources;
  guint         n_sources;
  Year         *years;
  int          *year_list;
  guint         n_years;

  /* id → index + 1 */
  GHashTable   *stage_ids;
  GHashTable   *country_ids;
  GHashTable   *alliance_ids;
  GHashTable   *source_ids;
};

G_DEFINE_FINAL_TYPE (LsDataset, ls_dataset, G_TYPE_OBJECT)

static void
ls_dataset_finalize (GObject *object)
{
  LsDataset *self = (LsDataset *)object;

  for (guint i = 0; i < self->n_alliances; i++)
    {
      g_free (self->alliances[i].members);
      g_free (self->alliances[i].joined);
      g_free (self->alliances[i].left);
      g_free (self->alliances[i].member_source);
      g_free (self->alliances[i].member_note);
    }

  for (guint i = 0; i < self->n_years; i++)
    {
      g_free (self->years[i].production);
      g_clear_pointer (&self->years[i].flows, g_array_unref);
      g_clear_pointer (&self->years[i].import_shares, g_array_unref);
    }

  g_free (self->stages);
  g_free (self->countries);
  g_free (self->alliances);
  g_free (self->sources);
  g_free (self->years);
  g_free (self->year_list);
  g_free (self->filename);
  g_clear_pointer (&self->stage_ids, g_hash_table_unref);
  g_clear_pointer (&self->country_ids, g_hash_table_unref);
  g_clear_pointer (&self->alliance_ids, g_hash_table_unref);
  g_clear_pointer (&self->source_ids, g_hash_table_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (ls_dataset_parent_class)->finalize (object);
}

static void
ls_dataset_class_init (LsDatasetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ls_dataset_finalize;
}

static void
ls_dataset_init (LsDataset *self)
{
  self->strings = g_string_chunk_new (4096);
  self->stage_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->country_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->alliance_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->source_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->china = -1;
}

/* Loading ------------------------------------------------------------- */

/*
 * Every reader below takes the JSON path of what it reads as an
 * LsJsonPath on the caller's stack: paths are written out only for an
 * error, so a file of a million values costs no string per value.
 */

/* The last id a reference named, per member and table: flows and
 * figures come grouped by stage and by exporter, so most references
 * repeat the one before and need no hash lookup. */
typedef struct
{
  GHashTable *ids;
  const char *member;
  const char *id;     /* the table's own key */
  int         index;
} LastId;

#define N_LAST_IDS 8

typedef struct
{
  LsDataset    *self;
  LsJsonReader *reader;
  LastId        last[N_LAST_IDS];
} Loader;

static const char *
intern (Loader     *loader,
        const char *str)
{
  return str != NULL ? g_string_chunk_insert_const (loader->self->strings, str) : NULL;
}

static int
lookup (GHashTable *ids,
        const char *id)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (ids, id)) - 1;
}

/* Reads an optional string member; absent gives NULL. */
static gboolean
read_optional_string (Loader             *loader,
                      const LsJsonValue  *object,
                      const LsJsonPath   *path,
                      const char         *name,
                      const char        **value,
                      GError            **error)
{
  LsJsonPath member_path = _ls_json_path_member (path, name);
  const LsJsonValue *member;
  const char *str;

  *value = NULL;
  if (!(member = _ls_json_member (loader->reader, object, path, name, FALSE, error)))
    return error == NULL || *error == NULL;

  if (!_ls_json_string (loader->reader, member, &member_path, &str, error))
    return FALSE;

  *value = intern (loader, str);
  return TRUE;
}

/* A required, non-empty string member, as the reader holds it: for ids
 * looked up and dropped. */
static gboolean
read_string_borrowed (Loader             *loader,
                      const LsJsonValue  *object,
                      const LsJsonPath   *path,
                      const char         *name,
                      const LsJsonValue **member,
                      const char        **value,
                      GError            **error)
{
  LsJsonPath member_path = _ls_json_path_member (path, name);

  if (!(*member = _ls_json_member (loader->reader, object, path, name, TRUE, error)))
    return FALSE;

  if (!_ls_json_string (loader->reader, *member, &member_path, value, error))
    return FALSE;

  if ((*value)[0] == '\0')
    {
      _ls_json_reader_set_error (loader->reader, error, *member, &member_path,
                                 LS_DATA_ERROR_VALUE, "must not be empty");
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_string (Loader             *loader,
             const LsJsonValue  *object,
             const LsJsonPath   *path,
             const char         *name,
             const char        **value,
             GError            **error)
{
  const LsJsonValue *member;
  const char *str;

  if (!read_string_borrowed (loader, object, path, name, &member, &str, error))
    return FALSE;

  *value = intern (loader, str);
  return TRUE;
}

/* The text in the user's language from the optional object @member
 * {LANGUAGE: text} ("names", "units"), interned: names and units come from
 * the data, not from the translations of the program. @value keeps the
 * text it had when there is none for the user's languages. */
static gboolean
read_localized (Loader             *loader,
                const LsJsonValue  *object,
                const LsJsonPath   *path,
                const char         *member,
                const char        **value,
                GError            **error)
{
  const char *localized = NULL;

  if (!_ls_json_localized (loader->reader, object, path, member, &localized, error))
    return FALSE;

  if (localized != NULL)
    *value = intern (loader, localized);

  return TRUE;
}

/* Reads a required id and checks that it is new in @ids. */
static gboolean
read_new_id (Loader             *loader,
             const LsJsonValue  *object,
             const LsJsonPath   *path,
             GHashTable         *ids,
             guint               index,
             gboolean            iso3,
             const char        **value,
             GError            **error)
{
  LsJsonPath member_path = _ls_json_path_member (path, "id");
  const LsJsonValue *member;

  if (!read_string (loader, object, path, "id", value, error))
    return FALSE;

  member = _ls_json_get (object, "id");

  if (!_ls_json_check_id (loader->reader, member, &member_path, *value, iso3, error))
    return FALSE;

  if (g_hash_table_contains (ids, *value))
    {
      _ls_json_reader_set_error (loader->reader, error, member, &member_path,
                                 LS_DATA_ERROR_DUPLICATE, "“%s” is defined twice", *value);
      return FALSE;
    }

  g_hash_table_insert (ids, (gpointer) *value, GINT_TO_POINTER (index + 1));
  return TRUE;
}

static int
lookup_reference (Loader     *loader,
                  GHashTable *ids,
                  const char *member,
                  const char *id)
{
  LastId *last = NULL;
  gpointer key;
  gpointer value;

  for (guint i = 0; i < N_LAST_IDS; i++)
    if (loader->last[i].ids == NULL ||
        (loader->last[i].ids == ids && loader->last[i].member == member))
      {
        last = &loader->last[i];
        break;
      }

  if (last != NULL && last->ids != NULL && strcmp (last->id, id) == 0)
    return last->index;

  if (!g_hash_table_lookup_extended (ids, id, &key, &value))
    return -1;

  if (last != NULL)
    *last = (LastId) { ids, member, key, GPOINTER_TO_INT (value) - 1 };

  return GPOINTER_TO_INT (value) - 1;
}

/* Reads a required reference to an id of @ids; returns its index or -1.
 * @name is a string literal: it keys the last id read at this member. */
static int
read_reference (Loader             *loader,
                const LsJsonValue  *object,
                const LsJsonPath   *path,
                const char         *name,
                GHashTable         *ids,
                const char         *what,
                GError            **error)
{
  const LsJsonValue *member;
  const char *id;
  int index;

  if (!read_string_borrowed (loader, object, path, name, &member, &id, error))
    return -1;

  if ((index = lookup_reference (loader, ids, name, id)) < 0)
    {
      LsJsonPath member_path = _ls_json_path_member (path, name);

      _ls_json_reader_set_error (loader->reader, error, member, &member_path,
                                 LS_DATA_ERROR_UNKNOWN_ID, "unknown %s “%s”", what, id);
      return -1;
    }

  return index;
}

static gboolean
read_source_reference (Loader             *loader,
                       const LsJsonValue  *object,
                       const LsJsonPath   *path,
                       gboolean            required,
                       const char        **value,
                       GError            **error)
{
  int index;

  *value = NULL;

  if (!required && _ls_json_get (object, "source") == NULL)
    return TRUE;

  if ((index = read_reference (loader, object, path, "source",
                               loader->self->source_ids, "source", error)) < 0)
    return FALSE;

  *value = loader->self->sources[index].id;
  return TRUE;
}

/* The optional range of a number read from member @name: "low" and
 * "high", with low <= value <= high; absent, the value itself. */
static gboolean
read_range (Loader             *loader,
            const LsJsonValue  *object,
            const LsJsonPath   *path,
            const char         *name,
            double              max,
            LsFigure           *figure,
            GError            **error)
{
  const LsJsonValue *member;

  figure->low = figure->value;
  figure->high = figure->value;

  if ((member = _ls_json_get (object, "low")))
    {
      LsJsonPath low_path = _ls_json_path_member (path, "low");

      if (!_ls_json_number (loader->reader, member, &low_path, 0.0, max, &figure->low, error))
        return FALSE;

      if (figure->low > figure->value)
        {
          _ls_json_reader_set_error (loader->reader, error, member, &low_path, LS_DATA_ERROR_VALUE,
                                     "the low end (%g) is above the %s (%g)",
                                     figure->low, name, figure->value);
          return FALSE;
        }
    }

  if ((member = _ls_json_get (object, "high")))
    {
      LsJsonPath high_path = _ls_json_path_member (path, "high");

      if (!_ls_json_number (loader->reader, member, &high_path, 0.0, max, &figure->high, error))
        return FALSE;

      if (figure->high < figure->value)
        {
          _ls_json_reader_set_error (loader->reader, error, member, &high_path, LS_DATA_ERROR_VALUE,
                                     "the high end (%g) is below the %s (%g)",
                                     figure->high, name, figure->value);
          return FALSE;
        }
    }

  return TRUE;
}

/* A figure: "value", "low" and "high" (optional), "source" (required),
 * "estimated", "note". */
static gboolean
read_figure (Loader             *loader,
             const LsJsonValue  *object,
             const LsJsonPath   *path,
             double              max,
             LsFigure           *figure,
             GError            **error)
{
  LsJsonPath value_path = _ls_json_path_member (path, "value");
  LsJsonPath estimated_path = _ls_json_path_member (path, "estimated");
  const LsJsonValue *member;

  if (!(member = _ls_json_member (loader->reader, object, path, "value", TRUE, error)) ||
      !_ls_json_number (loader->reader, member, &value_path, 0.0, max, &figure->value, error) ||
      !read_range (loader, object, path, "value", max, figure, error))
    return FALSE;

  if (!read_source_reference (loader, object, path, TRUE, &figure->source, error))
    return FALSE;

  figure->estimated = FALSE;
  if ((member = _ls_json_get (object, "estimated")) &&
      !_ls_json_boolean (loader->reader, member, &estimated_path, &figure->estimated, error))
    return FALSE;

  return read_optional_string (loader, object, path, "note", &figure->note, error);
}

/* Iterates over the members of an array member: calls @func for each. */
typedef gboolean (*ElementFunc) (Loader             *loader,
                                 const LsJsonValue  *element,
                                 const LsJsonPath   *path,
                                 guint               index,
                                 gpointer            user_data,
                                 GError            **error);

static gboolean
read_array (Loader             *loader,
            const LsJsonValue  *object,
            const LsJsonPath   *path,
            const char         *name,
            gboolean            required,
            guint               min_length,
            ElementFunc         func,
            gpointer            user_data,
            GError            **error)
{
  LsJsonPath array_path = _ls_json_path_member (path, name);
  const LsJsonValue *array;
  const LsJsonValue *element;

  if (!(array = _ls_json_member (loader->reader, object, path, name, required, error)))
    return !required && (error == NULL || *error == NULL);

  if (!_ls_json_array (loader->reader, array, &array_path, error))
    return FALSE;

  if (array->length < min_length)
    {
      _ls_json_reader_set_error (loader->reader, error, array, &array_path, LS_DATA_ERROR_VALUE,
                                 "needs at least %u entries, found %u", min_length, array->length);
      return FALSE;
    }

  element = _ls_json_first (array);
  for (guint i = 0; i < array->length; i++, element = _ls_json_next (element))
    {
      LsJsonPath element_path = _ls_json_path_element (&array_path, i);

      if (!_ls_json_object (loader->reader, element, &element_path, error))
        return FALSE;

      if (!func (loader, element, &element_path, i, user_data, error))
        return FALSE;
    }

  return TRUE;
}

static guint
array_length (const LsJsonValue *object,
              const char        *name)
{
  const LsJsonValue *member = _ls_json_get (object, name);

  return _ls_json_is (member, LS_JSON_ARRAY) ? member->length : 0;
}

static gboolean
read_source (Loader             *loader,
             const LsJsonValue  *element,
             const LsJsonPath   *path,
             guint               index,
             gpointer            user_data,
             GError            **error)
{
  Source *source = &loader->self->sources[index];

  return read_new_id (loader, element, path, loader->self->source_ids, index, FALSE, &source->id, error) &&
         read_string (loader, element, path, "title", &source->title, error) &&
         read_optional_string (loader, element, path, "detail", &source->detail, error) &&
         read_optional_string (loader, element, path, "url", &source->url, error);
}

static gboolean
read_stage (Loader             *loader,
            const LsJsonValue  *element,
            const LsJsonPath   *path,
            guint               index,
            gpointer            user_data,
            GError            **error)
{
  Stage *stage = &loader->self->stages[index];
  LsJsonPath yield_path = _ls_json_path_member (path, "yield");
  const LsJsonValue *yield;

  if (!read_new_id (loader, element, path, loader->self->stage_ids, index, FALSE, &stage->id, error) ||
      !read_string (loader, element, path, "name", &stage->name, error) ||
      !read_localized (loader, element, path, "names", &stage->name, error) ||
      !read_string (loader, element, path, "unit", &stage->unit, error) ||
      !read_localized (loader, element, path, "units", &stage->unit, error) ||
      !read_optional_string (loader, element, path, "basis", &stage->basis, error))
    return FALSE;

  /* Yield: output per unit of input (DESIGN.md "Stages and units"). */
  if (!(yield = _ls_json_member (loader->reader, element, path, "yield", TRUE, error)) ||
      !_ls_json_object (loader->reader, yield, &yield_path, error) ||
      !read_figure (loader, yield, &yield_path, 1.0, &stage->yield, error))
    return FALSE;

  if (stage->yield.low < LS_MIN_YIELD)
    {
      gboolean low = stage->yield.low < stage->yield.value;
      LsJsonPath value_path = _ls_json_path_member (&yield_path, low ? "low" : "value");

      _ls_json_reader_set_error (loader->reader, error, _ls_json_get (yield, low ? "low" : "value"),
                                 &value_path, LS_DATA_ERROR_VALUE,
                                 "a yield must be at least %g", LS_MIN_YIELD);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_country (Loader             *loader,
              const LsJsonValue  *element,
              const LsJsonPath   *path,
              guint               index,
              gpointer            user_data,
              GError            **error)
{
  Country *country = &loader->self->countries[index];
  LsJsonPath label_path = _ls_json_path_member (path, "label");
  LsJsonPath lat_path = _ls_json_path_member (&label_path, "lat");
  LsJsonPath lon_path = _ls_json_path_member (&label_path, "lon");
  const LsJsonValue *label;
  const LsJsonValue *member;

  if (!read_new_id (loader, element, path, loader->self->country_ids, index, TRUE, &country->id, error) ||
      !read_string (loader, element, path, "name", &country->name, error) ||
      !read_localized (loader, element, path, "names", &country->name, error))
    return FALSE;

  if (!(label = _ls_json_member (loader->reader, element, path, "label", TRUE, error)) ||
      !_ls_json_object (loader->reader, label, &label_path, error))
    return FALSE;

  if (!(member = _ls_json_member (loader->reader, label, &label_path, "lat", TRUE, error)) ||
      !_ls_json_number (loader->reader, member, &lat_path, -90.0, 90.0, &country->latitude, error))
    return FALSE;

  if (!(member = _ls_json_member (loader->reader, label, &label_path, "lon", TRUE, error)) ||
      !_ls_json_number (loader->reader, member, &lon_path, -180.0, 180.0, &country->longitude, error))
    return FALSE;

  if (g_str_equal (country->id, "CHN"))
    loader->self->china = index;

  return TRUE;
}

/* An ISO 8601 date of a year, a month or a day: "2024", "2024-03",
 * "2024-03-03". */
static gboolean
read_optional_date (Loader             *loader,
                    const LsJsonValue  *object,
                    const LsJsonPath   *path,
                    const char         *name,
                    const char        **value,
                    GError            **error)
{
  LsJsonPath member_path = _ls_json_path_member (path, name);
  static const char *patterns[] = { "^[0-9]{4}$", "^[0-9]{4}-(0[1-9]|1[0-2])$",
                                    "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$" };

  if (!read_optional_string (loader, object, path, name, value, error))
    return FALSE;

  if (*value == NULL)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    if (g_regex_match_simple (patterns[i], *value, 0, 0))
      return TRUE;

  _ls_json_reader_set_error (loader->reader, error, _ls_json_get (object, name),
                             &member_path, LS_DATA_ERROR_VALUE,
                             "“%s” is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", *value);
  return FALSE;
}

static int
date_year (const char *date)
{
  return date != NULL ? (int) g_ascii_strtoll (date, NULL, 10) : 0;
}

static gboolean
read_member (Loader             *loader,
             const LsJsonValue  *element,
             const LsJsonPath   *path,
             guint               index,
             gpointer            user_data,
             GError            **error)
{
  Alliance *alliance = user_data;
  int country;

  if ((country = read_reference (loader, element, path, "country",
                                 loader->self->country_ids, "country", error)) < 0)
    return FALSE;

  if (alliance->members[country])
    {
      LsJsonPath country_path = _ls_json_path_member (path, "country");

      _ls_json_reader_set_error (loader->reader, error, _ls_json_get (element, "country"),
                                 &country_path, LS_DATA_ERROR_DUPLICATE,
                                 "“%s” is listed twice", loader->self->countries[country].id);
      return FALSE;
    }

  alliance->members[country] = TRUE;

  if (!read_optional_date (loader, element, path, "joined", &alliance->joined[country], error) ||
      !read_optional_date (loader, element, path, "left", &alliance->left[country], error) ||
      !read_source_reference (loader, element, path, FALSE, &alliance->member_source[country], error) ||
      !read_optional_string (loader, element, path, "note", &alliance->member_note[country], error))
    return FALSE;

  if (alliance->left[country] != NULL &&
      date_year (alliance->left[country]) < date_year (alliance->joined[country] ? alliance->joined[country]
                                                                                 : alliance->founded))
    {
      LsJsonPath left_path = _ls_json_path_member (path, "left");

      _ls_json_reader_set_error (loader->reader, error, _ls_json_get (element, "left"),
                                 &left_path, LS_DATA_ERROR_INCONSISTENT,
                                 "%s left before it joined", loader->self->countries[country].id);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_alliance (Loader             *loader,
               const LsJsonValue  *element,
               const LsJsonPath   *path,
               guint               index,
               gpointer            user_data,
               GError            **error)
{
  Alliance *alliance = &loader->self->alliances[index];
  LsJsonPath provisional_path = _ls_json_path_member (path, "provisional");
  guint C = loader->self->n_countries;
  const LsJsonValue *member;

  alliance->members = g_new0 (gboolean, C);
  alliance->joined = g_new0 (const char *, C);
  alliance->left = g_new0 (const char *, C);
  alliance->member_source = g_new0 (const char *, C);
  alliance->member_note = g_new0 (const char *, C);

  if ((member = _ls_json_get (element, "provisional")) &&
      !_ls_json_boolean (loader->reader, member, &provisional_path, &alliance->provisional, error))
    return FALSE;

  return read_new_id (loader, element, path, loader->self->alliance_ids, index, FALSE, &alliance->id, error) &&
         read_string (loader, element, path, "name", &alliance->name, error) &&
         read_localized (loader, element, path, "names", &alliance->name, error) &&
         read_optional_string (loader, element, path, "description", &alliance->description, error) &&
         read_source_reference (loader, element, path, FALSE, &alliance->source, error) &&
         read_optional_date (loader, element, path, "founded", &alliance->founded, error) &&
         read_array (loader, element, path, "members", TRUE, 0, read_member, alliance, error);
}

/* A year being read. Flows and import share entries are kept in the
 * order of the file, so the k-th of each is at "flows[k]" and
 * "import_shares[k]" of the year's path when a check made after reading
 * them all fails. */
typedef struct
{
  Year              *year;
  const LsJsonPath  *path;
  GPtrArray         *flow_values;   /* const LsJsonValue* of each flow */
  GPtrArray         *share_values;  /* const LsJsonValue* of each import share entry */
  gboolean          *seen;          /* stage × from × to: a flow was given */
} YearLoad;

static gboolean
read_production (Loader             *loader,
                 const LsJsonValue  *element,
                 const LsJsonPath   *path,
                 guint               index,
                 gpointer            user_data,
                 GError            **error)
{
  YearLoad *load = user_data;
  LsDataset *self = loader->self;
  LsFigure figure = { 0 };
  LsFigure *slot;
  int stage;
  int country;

  if ((stage = read_reference (loader, element, path, "stage", self->stage_ids, "stage", error)) < 0 ||
      (country = read_reference (loader, element, path, "country", self->country_ids, "country", error)) < 0 ||
      !read_figure (loader, element, path, LS_MAX_TONNES, &figure, error))
    return FALSE;

  slot = &load->year->production[stage * self->n_countries + country];
  if (slot->source != NULL)
    {
      _ls_json_reader_set_error (loader->reader, error, element, path, LS_DATA_ERROR_DUPLICATE,
                                 "a second figure for %s at stage “%s” in %d",
                                 self->countries[country].id, self->stages[stage].id,
                                 load->year->year);
      return FALSE;
    }

  *slot = figure;
  return TRUE;
}

static gboolean
read_flow (Loader             *loader,
           const LsJsonValue  *element,
           const LsJsonPath   *path,
           guint               index,
           gpointer            user_data,
           GError            **error)
{
  YearLoad *load = user_data;
  LsDataset *self = loader->self;
  LsGivenFlow flow = { 0 };
  gsize pair;
  int stage;
  int from;
  int to;

  if ((stage = read_reference (loader, element, path, "stage", self->stage_ids, "stage", error)) < 0 ||
      (from = read_reference (loader, element, path, "from", self->country_ids, "country", error)) < 0 ||
      (to = read_reference (loader, element, path, "to", self->country_ids, "country", error)) < 0 ||
      !read_figure (loader, element, path, LS_MAX_TONNES, &flow.figure, error))
    return FALSE;

  if ((guint) stage + 1 >= self->n_stages)
    {
      LsJsonPath stage_path = _ls_json_path_member (path, "stage");

      _ls_json_reader_set_error (loader->reader, error, _ls_json_get (element, "stage"),
                                 &stage_path, LS_DATA_ERROR_VALUE,
                                 "“%s” is the last stage: its output flows nowhere",
                                 self->stages[stage].id);
      return FALSE;
    }

  pair = ((gsize) stage * self->n_countries + from) * self->n_countries + to;
  if (load->seen[pair])
    {
      _ls_json_reader_set_error (loader->reader, error, element, path, LS_DATA_ERROR_DUPLICATE,
                                 "a second flow %s → %s at stage “%s” in %d",
                                 self->countries[from].id, self->countries[to].id,
                                 self->stages[stage].id, load->year->year);
      return FALSE;
    }
  load->seen[pair] = TRUE;

  flow.stage = stage;
  flow.from = from;
  flow.to = to;
  g_array_append_val (load->year->flows, flow);
  g_ptr_array_add (load->flow_values, (gpointer) element);

  return TRUE;
}

static gboolean
read_share (Loader             *loader,
            const LsJsonValue  *element,
            const LsJsonPath   *path,
            guint               index,
            gpointer            user_data,
            GError            **error)
{
  LsImportShares *entry = user_data;
  LsDataset *self = loader->self;
  LsShare *share = &entry->shares[index];
  LsJsonPath from_path = _ls_json_path_member (path, "from");
  LsJsonPath share_path = _ls_json_path_member (path, "share");
  const LsJsonValue *member;
  const char *from;
  int country;

  if (!read_string_borrowed (loader, element, path, "from", &member, &from, error))
    return FALSE;

  if (g_str_equal (from, LS_UNKNOWN_SUPPLIER_ID))
    country = self->n_countries;
  else if ((country = lookup (self->country_ids, from)) < 0)
    {
      _ls_json_reader_set_error (loader->reader, error, member, &from_path, LS_DATA_ERROR_UNKNOWN_ID,
                                 "unknown country “%s” (or “" LS_UNKNOWN_SUPPLIER_ID "”)", from);
      return FALSE;
    }

  if ((guint) country == entry->to)
    {
      _ls_json_reader_set_error (loader->reader, error, member, &from_path, LS_DATA_ERROR_VALUE,
                                 "an import share from the importer itself");
      return FALSE;
    }

  for (guint k = 0; k < index; k++)
    if (entry->shares[k].from == (guint) country)
      {
        _ls_json_reader_set_error (loader->reader, error, member, &from_path, LS_DATA_ERROR_DUPLICATE,
                                   "“%s” is listed twice", from);
        return FALSE;
      }

  share->from = country;
  if (!(member = _ls_json_member (loader->reader, element, path, "share", TRUE, error)) ||
      !_ls_json_number (loader->reader, member, &share_path, 0.0, 1.0, &share->share.value, error) ||
      !read_range (loader, element, path, "share", 1.0, &share->share, error))
    return FALSE;

  return TRUE;
}

/* DESIGN.md "Import shares": the partner shares of an importer's intake
 * where a source gives no tonnes. Resolved into flows by the baseline. */
static gboolean
read_import_shares (Loader             *loader,
                    const LsJsonValue  *element,
                    const LsJsonPath   *path,
                    guint               index,
                    gpointer            user_data,
                    GError            **error)
{
  YearLoad *load = user_data;
  LsDataset *self = loader->self;
  LsImportShares entry = { 0 };
  LsFigure figure = { 0 };
  LsJsonPath basis_path = _ls_json_path_member (path, "basis");
  LsJsonPath estimated_path = _ls_json_path_member (path, "estimated");
  LsJsonPath shares_path = _ls_json_path_member (path, "shares");
  const LsJsonValue *member;
  double sum = 0.0;
  int stage;
  int to;

  if ((stage = read_reference (loader, element, path, "stage", self->stage_ids, "stage", error)) < 0 ||
      (to = read_reference (loader, element, path, "to", self->country_ids, "country", error)) < 0 ||
      !read_source_reference (loader, element, path, TRUE, &figure.source, error) ||
      !read_optional_string (loader, element, path, "note", &figure.note, error) ||
      !read_optional_string (loader, element, path, "basis", &entry.basis, error))
    return FALSE;

  if (entry.basis != NULL && !g_str_equal (entry.basis, "value") && !g_str_equal (entry.basis, "tonnes"))
    {
      _ls_json_reader_set_error (loader->reader, error, _ls_json_get (element, "basis"),
                                 &basis_path, LS_DATA_ERROR_VALUE,
                                 "expected “value” or “tonnes”, found “%s”", entry.basis);
      return FALSE;
    }

  if ((member = _ls_json_get (element, "estimated")) &&
      !_ls_json_boolean (loader->reader, member, &estimated_path, &figure.estimated, error))
    return FALSE;

  if ((guint) stage + 1 >= self->n_stages)
    {
      LsJsonPath stage_path = _ls_json_path_member (path, "stage");

      _ls_json_reader_set_error (loader->reader, error, _ls_json_get (element, "stage"),
                                 &stage_path, LS_DATA_ERROR_VALUE,
                                 "“%s” is the last stage: its output flows nowhere",
                                 self->stages[stage].id);
      return FALSE;
    }

  for (guint k = 0; k < load->year->import_shares->len; k++)
    {
      const LsImportShares *other = &g_array_index (load->year->import_shares, LsImportShares, k);

      if (other->stage == (guint) stage && other->to == (guint) to)
        {
          _ls_json_reader_set_error (loader->reader, error, element, path, LS_DATA_ERROR_DUPLICATE,
                                     "a second import share entry for %s at stage “%s” in %d",
                                     self->countries[to].id, self->stages[stage].id, load->year->year);
          return FALSE;
        }
    }

  entry.stage = stage;
  entry.to = to;
  entry.n_shares = array_length (element, "shares");
  entry.shares = g_new0 (LsShare, MAX (1, entry.n_shares));
  /* Appended first so that the year frees the shares on any error. */
  g_array_append_val (load->year->import_shares, entry);

  if (!read_array (loader, element, path, "shares", TRUE, 1, read_share, &entry, error))
    return FALSE;

  for (guint k = 0; k < entry.n_shares; k++)
    {
      LsShare *share = &entry.shares[k];

      share->share.source = figure.source;
      share->share.note = figure.note;
      share->share.estimated = figure.estimated;
      sum += share->share.value;

      /* A share and a tonnage for the same pair would count it twice. */
      if (share->from < self->n_countries &&
          load->seen[((gsize) stage * self->n_countries + share->from) * self->n_countries + to])
        {
          LsJsonPath share_path = _ls_json_path_element (&shares_path, k);

          _ls_json_reader_set_error (loader->reader, error, element, &share_path, LS_DATA_ERROR_DUPLICATE,
                                     "the flow %s → %s at stage “%s” is also given in tonnes in %d",
                                     self->countries[share->from].id, self->countries[to].id,
                                     self->stages[stage].id, load->year->year);
          return FALSE;
        }
    }

  if (sum > 1.0 + SUM_TOLERANCE)
    {
      _ls_json_reader_set_error (loader->reader, error, _ls_json_get (element, "shares"),
                                 &shares_path, LS_DATA_ERROR_VALUE,
                                 "the shares sum to %g, above 1", sum);
      return FALSE;
    }

  g_ptr_array_add (load->share_values, (gpointer) element);

  return TRUE;
}

static gboolean
exceeds (double sum,
         double limit)
{
  return sum > limit + SUM_TOLERANCE * MAX (1.0, limit);
}

G_GNUC_PRINTF (5, 6)
static void
set_year_error (Loader     *loader,
                YearLoad   *load,
                GError    **error,
                guint       k,
                const char *format,
                ...)
{
  gboolean flow = k < load->year->flows->len;
  guint entry = flow ? k : k - load->year->flows->len;
  LsJsonPath array_path = _ls_json_path_member (load->path, flow ? "flows" : "import_shares");
  LsJsonPath path = _ls_json_path_element (&array_path, entry);
  const LsJsonValue *value = g_ptr_array_index (flow ? load->flow_values : load->share_values, entry);
  va_list args;

  va_start (args, format);
  _ls_json_reader_set_error_valist (loader->reader, error, LS_DATA_ERROR, LS_DATA_ERROR_INCONSISTENT,
                                    value, &path, format, args);
  va_end (args);
}

/* Checks that given flows agree with production: nobody ships what it
 * does not make, and nobody receives more than its next stage needs (so
 * that a scenario with no levers reproduces the baseline exactly). */
static gboolean
check_flows (Loader    *loader,
             YearLoad  *load,
             GError   **error)
{
  LsDataset *self = loader->self;
  Year *year = load->year;
  guint C = self->n_countries;
  guint n_flows = year->flows->len;
  g_autofree double *out = g_new0 (double, self->n_stages * C);
  g_autofree double *in = g_new0 (double, self->n_stages * C);

  for (guint k = 0; k < n_flows; k++)
    {
      const LsGivenFlow *flow = &g_array_index (year->flows, LsGivenFlow, k);
      double produced = year->production[flow->stage * C + flow->from].value;
      double next = year->production[(flow->stage + 1) * C + flow->to].value;
      double need = next / self->stages[flow->stage + 1].yield.value;

      if (produced <= 0.0 && flow->figure.value > 0.0)
        {
          set_year_error (loader, load, error, k,
                          "%s produces nothing at stage “%s” in %d, so it cannot export",
                          self->countries[flow->from].id, self->stages[flow->stage].id,
                          year->year);
          return FALSE;
        }

      out[flow->stage * C + flow->from] += flow->figure.value;
      in[flow->stage * C + flow->to] += flow->figure.value;

      if (exceeds (out[flow->stage * C + flow->from], produced))
        {
          set_year_error (loader, load, error, k,
                          "%s's given exports at stage “%s” (%g t) exceed its output (%g t) in %d",
                          self->countries[flow->from].id, self->stages[flow->stage].id,
                          out[flow->stage * C + flow->from], produced, year->year);
          return FALSE;
        }

      if (exceeds (in[flow->stage * C + flow->to], need))
        {
          set_year_error (loader, load, error, k,
                          "%s's given imports of “%s” material (%g t) exceed what its "
                          "“%s” output needs (%g t) in %d",
                          self->countries[flow->to].id, self->stages[flow->stage].id,
                          in[flow->stage * C + flow->to], self->stages[flow->stage + 1].id,
                          need, year->year);
          return FALSE;
        }
    }

  /* Import shares resolve against the tonnage outflows only (DESIGN.md
   * "Import shares"), so every tonnage flow is counted above first. */
  {
    g_autofree double *tonnage_out = g_memdup2 (out, sizeof (double) * self->n_stages * C);

    for (guint k = 0; k < year->import_shares->len; k++)
      {
        const LsImportShares *entry = &g_array_index (year->import_shares, LsImportShares, k);
        guint s = entry->stage;
        guint j = entry->to;
        double need = year->production[(s + 1) * C + j].value / self->stages[s + 1].yield.value;
        double m = _ls_import_need (need, year->production[s * C + j].value, tonnage_out[s * C + j]);

        for (guint e = 0; e < entry->n_shares; e++)
          {
            const LsShare *share = &entry->shares[e];
            double value = share->share.value * m;

            in[s * C + j] += value;
            if (share->from == C || value <= 0.0)
              continue;

            out[s * C + share->from] += value;
            if (exceeds (out[s * C + share->from], year->production[s * C + share->from].value))
              {
                set_year_error (loader, load, error, n_flows + k,
                                "with %s's share of %s's imports resolved (%g t), its exports "
                                "at stage “%s” (%g t) exceed its output (%g t) in %d",
                                self->countries[share->from].id, self->countries[j].id, value,
                                self->stages[s].id, out[s * C + share->from],
                                year->production[s * C + share->from].value, year->year);
                return FALSE;
              }
          }

        if (exceeds (in[s * C + j], need))
          {
            set_year_error (loader, load, error, n_flows + k,
                            "with its import shares resolved, %s's imports of “%s” material "
                            "(%g t) exceed what its “%s” output needs (%g t) in %d",
                            self->countries[j].id, self->stages[s].id, in[s * C + j],
                            self->stages[s + 1].id, need, year->year);
            return FALSE;
          }
      }
  }

  return TRUE;
}

static void
clear_import_shares (gpointer data)
{
  g_free (((LsImportShares *) data)->shares);
}

static gboolean
read_year (Loader             *loader,
           const LsJsonValue  *element,
           const LsJsonPath   *path,
           guint               index,
           gpointer            user_data,
           GError            **error)
{
  LsDataset *self = loader->self;
  Year *year = &self->years[index];
  LsJsonPath year_path = _ls_json_path_member (path, "year");
  guint n_flows = array_length (element, "flows");
  g_autoptr(GPtrArray) flow_values = g_ptr_array_sized_new (n_flows);
  g_autoptr(GPtrArray) share_values = g_ptr_array_new ();
  g_autofree gboolean *seen = g_new0 (gboolean, (gsize) self->n_stages * self->n_countries * self->n_countries);
  YearLoad load = { year, path, flow_values, share_values, seen };
  const LsJsonValue *member;
  gint64 value;

  year->production = g_new0 (LsFigure, self->n_stages * self->n_countries);
  year->flows = g_array_sized_new (FALSE, FALSE, sizeof (LsGivenFlow), n_flows);
  year->import_shares = g_array_new (FALSE, FALSE, sizeof (LsImportShares));
  g_array_set_clear_func (year->import_shares, clear_import_shares);

  if (!(member = _ls_json_member (loader->reader, element, path, "year", TRUE, error)) ||
      !_ls_json_integer (loader->reader, member, &year_path, &value, error))
    return FALSE;

  if (value < 1900 || value > 2200)
    {
      _ls_json_reader_set_error (loader->reader, error, member, &year_path, LS_DATA_ERROR_VALUE,
                                 "%" G_GINT64_FORMAT " is not a plausible year", value);
      return FALSE;
    }

  year->year = value;
  self->year_list[index] = value;

  for (guint i = 0; i < index; i++)
    if (self->years[i].year == year->year)
      {
        _ls_json_reader_set_error (loader->reader, error, member, &year_path, LS_DATA_ERROR_DUPLICATE,
                                   "%d is given twice", year->year);
        return FALSE;
      }

  return read_optional_string (loader, element, path, "note", &year->note, error) &&
         read_array (loader, element, path, "production", TRUE, 0, read_production, &load, error) &&
         read_array (loader, element, path, "flows", FALSE, 0, read_flow, &load, error) &&
         read_array (loader, element, path, "import_shares", FALSE, 0, read_import_shares, &load, error) &&
         check_flows (loader, &load, error);
}

static gboolean
ls_dataset_load (gpointer       object,
                 LsJsonReader  *reader,
                 GError       **error)
{
  LsDataset *self = object;
  Loader loader = { self, reader, { { 0 } } };
  const LsJsonValue *root = _ls_json_reader_get_root (reader);
  const LsJsonPath path = LS_JSON_PATH_ROOT;
  const LsJsonPath default_year_path = _ls_json_path_member (&path, "default_year");
  const LsJsonValue *member;
  gint64 default_year = 0;

  self->filename = g_strdup (_ls_json_reader_get_filename (reader));

  if (!_ls_json_check_header (reader, DATASET_FORMAT, DATASET_VERSION, error))
    return FALSE;

  if (!read_string (&loader, root, &path, "title", &self->title, error) ||
      !read_optional_string (&loader, root, &path, "description", &self->description, error))
    return FALSE;

  /* Sizes first: later arrays refer to earlier ones by index. */
  self->n_sources = array_length (root, "sources");
  self->sources = g_new0 (Source, MAX (1, self->n_sources));
  self->n_stages = array_length (root, "stages");
  self->stages = g_new0 (Stage, MAX (1, self->n_stages));
  self->n_countries = array_length (root, "countries");
  self->countries = g_new0 (Country, MAX (1, self->n_countries));

  if (!read_array (&loader, root, &path, "sources", TRUE, 1, read_source, NULL, error) ||
      !read_array (&loader, root, &path, "stages", TRUE, 2, read_stage, NULL, error) ||
      !read_array (&loader, root, &path, "countries", TRUE, 1, read_country, NULL, error))
    return FALSE;

  self->n_alliances = array_length (root, "alliances");
  self->alliances = g_new0 (Alliance, MAX (1, self->n_alliances));
  if (!read_array (&loader, root, &path, "alliances", FALSE, 0, read_alliance, NULL, error))
    return FALSE;

  self->n_years = array_length (root, "years");
  self->years = g_new0 (Year, MAX (1, self->n_years));
  self->year_list = g_new0 (int, MAX (1, self->n_years));
  if (!read_array (&loader, root, &path, "years", TRUE, 1, read_year, NULL, error))
    return FALSE;

  if ((member = _ls_json_get (root, "default_year")))
    {
      if (!_ls_json_integer (reader, member, &default_year_path, &default_year, error))
        return FALSE;

      if (!ls_dataset_has_year (self, default_year))
        {
          _ls_json_reader_set_error (reader, error, member, &default_year_path, LS_DATA_ERROR_UNKNOWN_ID,
                                     "the dataset has no year %" G_GINT64_FORMAT, default_year);
          return FALSE;
        }
      self->default_year = default_year;
    }
  else
    {
      for (guint i = 0; i < self->n_years; i++)
        self->default_year = MAX (self->default_year, self->year_list[i]);
    }

  return TRUE;
}

/**
 * ls_dataset_new_from_bytes:
 * @bytes: the JSON text
 * @filename: (nullable): the name used in error messages
 * @error: return location for a #LsDataError
 *
 * Parses and validates a dataset.
 *
 * Returns: (transfer full) (nullable): the dataset, or %NULL with @error set
 */
LsDataset *
ls_dataset_new_from_bytes (GBytes      *bytes,
                           const char  *filename,
                           GError     **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _ls_json_read_bytes (bytes, filename, LS_TYPE_DATASET, ls_dataset_load, error);
}

/**
 * ls_dataset_new_from_file:
 * @file: a JSON file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the dataset, or %NULL with @error set
 */
LsDataset *
ls_dataset_new_from_file (GFile         *file,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return _ls_json_read_file (file, cancellable, LS_TYPE_DATASET, ls_dataset_load, error);
}

/**
 * ls_dataset_new_default:
 * @error: return location for a #GError
 *
 * Loads the dataset embedded in the program.
 *
 * Returns: (transfer full) (nullable): the dataset
 */
LsDataset *
ls_dataset_new_default (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;

  /* Looked up in our own resource: a static library's constructor that
   * would register it globally is not linked into every program. */
  bytes = g_resource_lookup_data (ls_model_get_resource (), DEFAULT_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  return ls_dataset_new_from_bytes (bytes, "rare-earths.json", error);
}

/* The built-in dataset, loaded once per process. */
typedef struct
{
  LsDataset *dataset;
  GError    *error;
} DefaultLoad;

static DefaultLoad *
default_load (void)
{
  static DefaultLoad *load;

  if (g_once_init_enter (&load))
    {
      DefaultLoad *loaded = g_new0 (DefaultLoad, 1);

      loaded->dataset = ls_dataset_new_default (&loaded->error);
      g_once_init_leave (&load, loaded);
    }

  return load;
}

/**
 * ls_dataset_dup_default:
 * @error: return location for a #GError
 *
 * The dataset embedded in the program, as ls_dataset_new_default() loads
 * it, but loaded once per process: a dataset is immutable, so every
 * caller may share it. A caller that comes while
 * ls_dataset_preload_default() loads it waits for that load.
 *
 * Returns: (transfer full) (nullable): the dataset
 */
LsDataset *
ls_dataset_dup_default (GError **error)
{
  DefaultLoad *load = default_load ();

  if (load->dataset == NULL)
    {
      g_propagate_error (error, g_error_copy (load->error));
      return NULL;
    }

  return g_object_ref (load->dataset);
}

static gpointer
preload_default_thread (gpointer data)
{
  default_load ();

  return NULL;
}

/**
 * ls_dataset_preload_default:
 *
 * Starts loading the built-in dataset in a thread of its own, once, for
 * ls_dataset_dup_default(). The app calls it first thing at start-up,
 * so that the load runs beside GTK's own set-up (issue 12).
 */
void
ls_dataset_preload_default (void)
{
  static gsize started = 0;

  if (g_once_init_enter (&started))
    {
      g_thread_unref (g_thread_new ("ls-dataset", preload_default_thread, NULL));
      g_once_init_leave (&started, 1);
    }
}

/* Accessors ----------------------------------------------------------- */

const char *
ls_dataset_get_filename (LsDataset *self)
{
  g_return_val_if_fail (LS_IS_DATASET (self), NULL);
  return self->filename;
}

const char *
ls_dataset_get_title (LsDataset *self)
{
  g_return_val_if_fail (LS_IS_DATASET (self), NULL);
  return self->title;
}

const char *
ls_dataset_get_description (LsDataset *self)
{
  g_return_val_if_fail (LS_IS_DATASET (self), NULL);
  return self->description;
}

guint
ls_dataset_get_n_stages (LsDataset *self)
{
  g_return_val_if_fail (LS_IS_DATASET (self), 0);
  return self->n_stages;
}

int
ls_dataset_lookup_stage (LsDataset  *self,
                         const char *id)
{
  g_return_val_if_fail (LS_IS_DATASET (self), -1);
  g_return_val_if_fail (id != NULL, -1);
  return lookup (self->stage_ids, id);
}

const char *
ls_dataset_get_stage_id (LsDataset *self,
                         guint      stage)
{
  g_return_val_if_fail (LS_IS_DATASET (self), NULL);
  g_return_val_if_fail (stage < self->n_stages, NULL);
  return self->stages[stage].id;
}

const char *
ls_dataset_get_stage_name (LsDataset *self,
                           guint      stage)
{
  g_return_val_if_fail (LS_IS_DATASET (self), NULL);
  g_return_val_if_fail (stage < self->n_stages, NULL);
  return self->stages[stage].name;
}

const char *
ls_dataset_get_stage_unit (LsDataset *self,
                           guint      stage)
{
  g_return_val_if_fail (LS_IS_DATASET (self), NULL);
  g_return_val_if_fail (stage < self->n_stages, NULL);
  return self->stages[stage].unit;
}

double
ls_dataset_get_stage_yield (LsDataset *self,
                            guint      stage)
{
  g_return_val_if_fail (LS_IS_DATASET (self), 1.0);
  g_return_val_if_fail (stage < self->n_stages, 1.0);
  return self->stages[stage].yield.value;
}

const LsFigure *
ls_dataset_get_stage_yield_figure (LsDataset *self,
                                   guint      stage)
{
  g_return_val_if_fail (LS_IS_DATASET (self), NULL);
  g_return_val_if_fail (stage < self->n_stages, NULL);
  return &self->stages[stage].yield;
}

guint
ls_dataset_get_n_countries (LsDataset *self)
{
  g_return_val_if_fail (LS_IS_DATASET (self), 0);
  return self->n_countries;
}

int
ls_dataset_lookup_country (LsDataset  *self,
                           const char *iso3)
{
  g_return_val_if_fail (LS_IS_DATASET (self), -1);
  g_return_val_if_fail (iso3 != NULL, -1);
  return lookup (self->country_ids, iso3);
}

const char *
ls_dataset_get_country_id (LsDataset *self,
                           guint      country)
{
  g_return_val_if_fail (LS_IS_DATASET (self), NULL);
  if (country == self->n_countries)
    return LS_UNKNOWN_SUPPLIER_ID;
  g_return_val_if_fail (country < self->n_countries, NULL);
  return self->countries[country].id;
}

const char *
ls_dataset_get_country_name (LsDataset *self,
                             guint      country)
{
  g_return_val_if_fail (LS_IS_DATASET (self), NULL);
  if (country == self->n_countries)
    return "Unknown origin";
  g_return_val_if_fail (country < self->n_countries, NULL);
  return self->countries[country].name;
}

void
ls_dataset_get_country_label_point (LsDataset *self,
                                    guint      country,
                                    double    *latitude,
                                    double    *longitude)
{
  g_return_if_fail (LS_IS_DATASET (self));
  g_return_if_fail (country < self->n_countries);

  if (latitude != NULL)
    *latitude = self->countries[country].latitude;
  if (longitude != NULL)
    *longitude = self->countries[country].longitude;
}

/**
 * ls_dataset_get_china:
 * @self: a #LsDataset
 *
 * Returns: the index of China, or -1 when the dataset has none
 */
int
ls_dataset_get_china (LsDataset *self)
{
  g_return_val_if_fail (LS_IS_DATASET (self), -1);
  return self->china;
}

guint
ls_dataset_get_n_alliances (LsDataset *self)
{
  g_return_val_if_fail (LS_IS_DATASET (self), 0);
  return self->n_alliances;
}

int
ls_dataset_lookup_alliance (LsDataset  *self,
                            const char *id)
{
  g_return_val_if_fail (LS_IS_DATASET (self), -1);
  g_return_val_if_fail (id != NULL, -1);
  return lookup (self->alliance_ids, id);
}

const char *
ls_dataset_get_alliance_id (LsDataset *self,
                            guint      alliance)
{
  g_return_val_if_fail (LS_IS_DATASET (self), NULL);
  g_return_val_if_fail (alliance < self->n_alliances, NULL);
  return self->alliances[alliance].id;
}

const char *
ls_dataset_get_alliance_name (LsDataset *self,
                              guint      alliance)
{
  g_return_val_if_fail (LS_IS_DATASET (self), NULL);
  g_return_val_if_fail (alliance < self->n_alliances, NULL);
  return self->alliances[alliance].name;
}

const char *
ls_dataset_get_alliance_description (LsDataset *self,
                                     guint      alliance)
{
  g_return_val_if_fail (LS_IS_DATASET (self), NULL);
  g_return_val_if_fail (alliance < self->n_alliances, NULL);
  return self->alliances[alliance].description;
}

const char *
ls_dataset_get_alliance_source (LsDataset *self,
                                guint      alliance)
{
  g_return_val_if_fail (LS_IS_DATASET (self), NULL);
  g_return_val_if_fail (alliance < self->n_alliances, NULL);
  return self->alliances[alliance].source;
}

/**
 * ls_dataset_alliance_has_member:
 *
 * Returns: %TRUE when @country is listed as a member of @alliance, at any
 *   time: see ls_dataset_alliance_has_member_in_year()
 */
gboolean
ls_dataset_alliance_has_member (LsDataset *self,
                                guint      alliance,
                                guint      country)
{
  g_return_val_if_fail (LS_IS_DATASET (self), FALSE);
  g_return_val_if_fail (alliance < self->n_alliances, FALSE);
  g_return_val_if_fail (country < self->n_countries, FALSE);
  return self->alliances[alliance].members[country];
}

/**
 * ls_dataset_get_alliance_joined:
 *
 * Returns: (nullable): when @country joined @alliance, as an ISO date
 *   (year, year-month or full date), or %NULL when unknown
 */
const char *
ls_dataset_get_alliance_joined (LsDataset *self,
                                guint      alliance,
                                guint      country)
{
  g_return_val_if_fail (LS_IS_DATASET (self), NULL);
  g_return_val_if_fail (alliance < self->n_alliances, NULL);
  g_return_val_if_fail (country < self->n_countries, NULL);
  return self->alliances[alliance].joined[country];
}

guint
ls_dataset_get_n_sources (LsDataset *self)
{
  g_return_val_if_fail (LS_IS_DATASET (self), 0);
  return self->n_sources;
}

int
ls_dataset_lookup_source (LsDataset  *self,
                          const char *id)
{
  g_return_val_if_fail (LS_IS_DATASET (self), -1);
  g_return_val_if_fail (id != NULL, -1);
  return lookup (self->source_ids, id);
}

const char *
ls_dataset_get_source_id (LsDataset *self,
                          guint      source)
{
  g_return_val_if_fail (LS_IS_DATASET (self), NULL);
  g_return_val_if_fail (source < self->n_sources, NULL);
  return self->sources[source].id;
}

const char *
ls_dataset_get_source_title (LsDataset *self,
                             guint      source)
{
  g_return_val_if_fail (LS_IS_DATASET (self), NULL);
  g_return_val_if_fail (source < self->n_sources, NULL);
  return self->sources[source].title;
}

const char *
ls_dataset_get_source_detail (LsDataset *self,
                              guint      source)
{
  g_return_val_if_fail (LS_IS_DATASET (self), NULL);
  g_return_val_if_fail (source < self->n_sources, NULL);
  return self->sources[source].detail;
}

const char *
ls_dataset_get_source_url (LsDataset *self,
                           guint      source)
{
  g_return_val_if_fail (LS_IS_DATASET (self), NULL);
  g_return_val_if_fail (source < self->n_sources, NULL);
  return self->sources[source].url;
}

const int *
ls_dataset_get_years (LsDataset *self,
                      guint     *n_years)
{
  g_return_val_if_fail (LS_IS_DATASET (self), NULL);

  if (n_years != NULL)
    *n_years = self->n_years;

  return self->year_list;
}

static Year *
find_year (LsDataset *self,
           int        year)
{
  for (guint i = 0; i < self->n_years; i++)
    if (self->years[i].year == year)
      return &self->years[i];

  return NULL;
}

gboolean
ls_dataset_has_year (LsDataset *self,
                     int        year)
{
  g_return_val_if_fail (LS_IS_DATASET (self), FALSE);
  return find_year (self, year) != NULL;
}

int
ls_dataset_get_default_year (LsDataset *self)
{
  g_return_val_if_fail (LS_IS_DATASET (self), 0);
  return self->default_year;
}

/**
 * ls_dataset_get_production:
 *
 * Returns: the output of @country at @stage in @year, t in the stage's
 *   unit; 0 when the dataset gives no figure
 */
double
ls_dataset_get_production (LsDataset *self,
                           int        year,
                           guint      stage,
                           guint      country)
{
  const LsFigure *figure = ls_dataset_get_production_figure (self, year, stage, country);

  return figure != NULL ? figure->value : 0.0;
}

/**
 * ls_dataset_get_production_figure:
 *
 * Returns: (nullable): the figure with its source, or %NULL when the
 *   dataset gives none
 */
const LsFigure *
ls_dataset_get_production_figure (LsDataset *self,
                                  int        year,
                                  guint      stage,
                                  guint      country)
{
  Year *y;
  const LsFigure *figure;

  g_return_val_if_fail (LS_IS_DATASET (self), NULL);
  g_return_val_if_fail (stage < self->n_stages, NULL);
  g_return_val_if_fail (country < self->n_countries, NULL);

  if (!(y = find_year (self, year)))
    return NULL;

  figure = &y->production[stage * self->n_countries + country];
  return figure->source != NULL ? figure : NULL;
}

guint
ls_dataset_get_n_given_flows (LsDataset *self,
                              int        year)
{
  Year *y;

  g_return_val_if_fail (LS_IS_DATASET (self), 0);

  y = find_year (self, year);
  return y != NULL ? y->flows->len : 0;
}

GArray *
_ls_dataset_get_given_flows (LsDataset *self,
                             int        year)
{
  Year *y = find_year (self, year);

  return y != NULL ? y->flows : NULL;
}

const LsGivenFlow *
ls_dataset_get_given_flow (LsDataset *self,
                           int        year,
                           guint      index)
{
  Year *y;

  g_return_val_if_fail (LS_IS_DATASET (self), NULL);

  y = find_year (self, year);
  g_return_val_if_fail (y != NULL, NULL);
  g_return_val_if_fail (index < y->flows->len, NULL);

  return &g_array_index (y->flows, LsGivenFlow, index);
}

/**
 * ls_dataset_get_year_note:
 *
 * Returns: (nullable): what the dataset says of @year as a whole (e.g.
 *   which stages only the model completes), or %NULL
 */
const char *
ls_dataset_get_year_note (LsDataset *self,
                          int        year)
{
  Year *y;

  g_return_val_if_fail (LS_IS_DATASET (self), NULL);

  y = find_year (self, year);
  return y != NULL ? y->note : NULL;
}

guint
ls_dataset_get_n_import_shares (LsDataset *self,
                                int        year)
{
  Year *y;

  g_return_val_if_fail (LS_IS_DATASET (self), 0);

  y = find_year (self, year);
  return y != NULL ? y->import_shares->len : 0;
}

/**
 * ls_dataset_get_import_shares:
 *
 * Returns: the @index-th import share entry of @year (DESIGN.md "Import
 *   shares"), as the dataset states it, unresolved
 */
const LsImportShares *
ls_dataset_get_import_shares (LsDataset *self,
                              int        year,
                              guint      index)
{
  Year *y;

  g_return_val_if_fail (LS_IS_DATASET (self), NULL);

  y = find_year (self, year);
  g_return_val_if_fail (y != NULL, NULL);
  g_return_val_if_fail (index < y->import_shares->len, NULL);

  return &g_array_index (y->import_shares, LsImportShares, index);
}

/**
 * ls_dataset_get_alliance_founded:
 *
 * Returns: (nullable): when @alliance was founded, an ISO date, or %NULL
 */
const char *
ls_dataset_get_alliance_founded (LsDataset *self,
                                 guint      alliance)
{
  g_return_val_if_fail (LS_IS_DATASET (self), NULL);
  g_return_val_if_fail (alliance < self->n_alliances, NULL);
  return self->alliances[alliance].founded;
}

/**
 * ls_dataset_get_alliance_provisional:
 *
 * Returns: %TRUE when the alliance's roster is not published, so that
 *   its members are those a source names, not a complete list
 */
gboolean
ls_dataset_get_alliance_provisional (LsDataset *self,
                                     guint      alliance)
{
  g_return_val_if_fail (LS_IS_DATASET (self), FALSE);
  g_return_val_if_fail (alliance < self->n_alliances, FALSE);
  return self->alliances[alliance].provisional;
}

/**
 * ls_dataset_get_alliance_left:
 *
 * Returns: (nullable): when @country left @alliance, or %NULL
 */
const char *
ls_dataset_get_alliance_left (LsDataset *self,
                              guint      alliance,
                              guint      country)
{
  g_return_val_if_fail (LS_IS_DATASET (self), NULL);
  g_return_val_if_fail (alliance < self->n_alliances, NULL);
  g_return_val_if_fail (country < self->n_countries, NULL);
  return self->alliances[alliance].left[country];
}

/**
 * ls_dataset_get_alliance_member_source:
 *
 * Returns: (nullable): the source of @country's membership: its own, or
 *   the alliance's
 */
const char *
ls_dataset_get_alliance_member_source (LsDataset *self,
                                       guint      alliance,
                                       guint      country)
{
  g_return_val_if_fail (LS_IS_DATASET (self), NULL);
  g_return_val_if_fail (alliance < self->n_alliances, NULL);
  g_return_val_if_fail (country < self->n_countries, NULL);

  if (self->alliances[alliance].member_source[country] != NULL)
    return self->alliances[alliance].member_source[country];

  return self->alliances[alliance].source;
}

const char *
ls_dataset_get_alliance_member_note (LsDataset *self,
                                     guint      alliance,
                                     guint      country)
{
  g_return_val_if_fail (LS_IS_DATASET (self), NULL);
  g_return_val_if_fail (alliance < self->n_alliances, NULL);
  g_return_val_if_fail (country < self->n_countries, NULL);
  return self->alliances[alliance].member_note[country];
}

/**
 * ls_dataset_alliance_has_member_in_year:
 * @year: a year, or 0 for the membership as listed, whatever the dates
 *
 * A country is a member in @year when it had joined by the end of @year
 * (a member without a date counts from the alliance's founding, or
 * always when that is not given either) and had not left by then.
 *
 * Returns: %TRUE when @country was a member of @alliance in @year
 */
gboolean
ls_dataset_alliance_has_member_in_year (LsDataset *self,
                                        guint      alliance,
                                        guint      country,
                                        int        year)
{
  const Alliance *a;
  const char *joined;

  g_return_val_if_fail (LS_IS_DATASET (self), FALSE);
  g_return_val_if_fail (alliance < self->n_alliances, FALSE);
  g_return_val_if_fail (country < self->n_countries, FALSE);

  a = &self->alliances[alliance];
  if (!a->members[country])
    return FALSE;

  if (year == 0)
    return TRUE;

  joined = a->joined[country] != NULL ? a->joined[country] : a->founded;
  if (joined != NULL && date_year (joined) > year)
    return FALSE;

  if (a->left[country] != NULL && date_year (a->left[country]) <= year)
    return FALSE;

  return TRUE;
}
