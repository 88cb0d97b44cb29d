/* ls-scenario.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-scenario"

#include "config.h"

#include "ls-scenario.h"
#include "ls-dataset.h"
#include "ls-json-reader-private.h"

#include <math.h>
#include <string.h>

#define SCENARIO_FORMAT "lodestone-scenario"
#define SCENARIO_VERSION 1

struct _LsScenario
{
  GObject    parent_instance;

  char      *name;
  char      *description;
  int        year;
  double     friend_shoring;
  gboolean   current_members;

  /* NULL-terminated arrays of ids */
  GPtrArray *alliances;
  GPtrArray *added;
  GPtrArray *removed;
  GPtrArray *capacity;      /* LsCapacityChange */
  GPtrArray *restrictions;  /* LsRestriction */
  GPtrArray *pins;          /* LsPin */

  /* "FILE:LINE:COL: PATH" of each entry read from a file, keyed by
   * "alliance/ID", "country/ID", "capacity/N", "restriction/N", so that
   * ls_scenario_validate() can say where an unknown id was written. */
  GHashTable *origins;

  /* While ls_scenario_assign() runs, its setters' ::changed is held back:
   * one assignment is one edit. */
  guint      assigning;
};

G_DEFINE_FINAL_TYPE (LsScenario, ls_scenario, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_YEAR,
  PROP_FRIEND_SHORING,
  PROP_CURRENT_MEMBERS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Parties, restrictions, capacity changes, pins ------------------------- */

static LsPin *
ls_pin_new (const char *stage,
            const char *node,
            guint       position)
{
  LsPin *self = g_new0 (LsPin, 1);

  self->stage = g_strdup (stage);
  self->node = g_strdup (node);
  self->position = position;

  return self;
}

void
ls_pin_free (LsPin *self)
{
  g_free (self->stage);
  g_free (self->node);
  g_free (self);
}

/**
 * ls_party_parse:
 * @text: `bloc`, `non-bloc`, or a comma-separated list of ISO3 codes
 * @party: (out caller-allocates): the party
 *
 * Returns: %FALSE when @text is empty or holds an empty list item
 */
gboolean
ls_party_parse (const char *text,
                LsParty    *party)
{
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (party != NULL, FALSE);

  memset (party, 0, sizeof *party);

  if (g_str_equal (text, "bloc"))
    {
      party->kind = LS_PARTY_BLOC;
      return TRUE;
    }

  if (g_str_equal (text, "non-bloc"))
    {
      party->kind = LS_PARTY_NON_BLOC;
      return TRUE;
    }

  parts = g_strsplit (text, ",", -1);
  if (parts[0] == NULL)
    return FALSE;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] == '\0')
        return FALSE;
    }

  party->kind = LS_PARTY_COUNTRIES;
  party->countries = g_steal_pointer (&parts);
  return TRUE;
}

char *
ls_party_to_string (const LsParty *party)
{
  switch (party->kind)
    {
    case LS_PARTY_BLOC:
      return g_strdup ("bloc");
    case LS_PARTY_NON_BLOC:
      return g_strdup ("non-bloc");
    case LS_PARTY_COUNTRIES:
    default:
      return g_strjoinv (",", party->countries != NULL ? party->countries : (char *[]) { NULL });
    }
}

void
ls_party_clear (LsParty *party)
{
  g_clear_pointer (&party->countries, g_strfreev);
  party->kind = LS_PARTY_COUNTRIES;
}

static void
party_copy (LsParty       *dest,
            const LsParty *src)
{
  dest->kind = src->kind;
  dest->countries = g_strdupv (src->countries);
}

static gboolean
party_equal (const LsParty *a,
             const LsParty *b)
{
  if (a->kind != b->kind)
    return FALSE;

  if (a->kind != LS_PARTY_COUNTRIES)
    return TRUE;

  return g_strv_equal ((const char * const *) (a->countries ? a->countries : (char *[]) { NULL }),
                       (const char * const *) (b->countries ? b->countries : (char *[]) { NULL }));
}

LsRestriction *
ls_restriction_new (const char    *stage,
                    const LsParty *from,
                    const LsParty *to,
                    double         fraction)
{
  LsRestriction *self;

  g_return_val_if_fail (stage != NULL, NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);
  g_return_val_if_fail (!isnan (fraction), NULL);

  self = g_new0 (LsRestriction, 1);
  self->stage = g_strdup (stage);
  party_copy (&self->from, from);
  party_copy (&self->to, to);
  self->fraction = CLAMP (fraction, 0.0, 1.0);

  return self;
}

LsRestriction *
ls_restriction_copy (const LsRestriction *self)
{
  return ls_restriction_new (self->stage, &self->from, &self->to, self->fraction);
}

/**
 * ls_restriction_equal:
 * @a: a restriction
 * @b: another
 *
 * Returns: %TRUE when both withhold the same fraction of the same stage
 *   between the same parties (country lists in the same order; a missing
 *   list equals an empty one)
 */
gboolean
ls_restriction_equal (const LsRestriction *a,
                      const LsRestriction *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_strcmp0 (a->stage, b->stage) == 0 && a->fraction == b->fraction &&
         party_equal (&a->from, &b->from) && party_equal (&a->to, &b->to);
}

void
ls_restriction_free (LsRestriction *self)
{
  g_free (self->stage);
  ls_party_clear (&self->from);
  ls_party_clear (&self->to);
  g_free (self);
}

LsCapacityChange *
ls_capacity_change_new (const char *stage,
                        const char *country,
                        double      delta,
                        const char *note)
{
  LsCapacityChange *self;

  g_return_val_if_fail (stage != NULL, NULL);
  g_return_val_if_fail (country != NULL, NULL);

  self = g_new0 (LsCapacityChange, 1);
  self->stage = g_strdup (stage);
  self->country = g_strdup (country);
  self->delta = delta;
  self->note = g_strdup (note);

  return self;
}

LsCapacityChange *
ls_capacity_change_copy (const LsCapacityChange *self)
{
  return ls_capacity_change_new (self->stage, self->country, self->delta, self->note);
}

void
ls_capacity_change_free (LsCapacityChange *self)
{
  g_free (self->stage);
  g_free (self->country);
  g_free (self->note);
  g_free (self);
}

/* GObject ------------------------------------------------------------- */

static void
ls_scenario_emit_changed (LsScenario *self)
{
  if (self->assigning > 0)
    return;

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
ls_scenario_finalize (GObject *object)
{
  LsScenario *self = (LsScenario *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->alliances, g_ptr_array_unref);
  g_clear_pointer (&self->added, g_ptr_array_unref);
  g_clear_pointer (&self->removed, g_ptr_array_unref);
  g_clear_pointer (&self->capacity, g_ptr_array_unref);
  g_clear_pointer (&self->restrictions, g_ptr_array_unref);
  g_clear_pointer (&self->pins, g_ptr_array_unref);
  g_clear_pointer (&self->origins, g_hash_table_unref);

  G_OBJECT_CLASS (ls_scenario_parent_class)->finalize (object);
}

static void
ls_scenario_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LsScenario *self = LS_SCENARIO (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, ls_scenario_get_name (self));
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, ls_scenario_get_description (self));
      break;

    case PROP_YEAR:
      g_value_set_int (value, ls_scenario_get_year (self));
      break;

    case PROP_FRIEND_SHORING:
      g_value_set_double (value, ls_scenario_get_friend_shoring (self));
      break;

    case PROP_CURRENT_MEMBERS:
      g_value_set_boolean (value, ls_scenario_get_current_members (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_scenario_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LsScenario *self = LS_SCENARIO (object);

  switch (prop_id)
    {
    case PROP_NAME:
      ls_scenario_set_name (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      ls_scenario_set_description (self, g_value_get_string (value));
      break;

    case PROP_YEAR:
      ls_scenario_set_year (self, g_value_get_int (value));
      break;

    case PROP_FRIEND_SHORING:
      ls_scenario_set_friend_shoring (self, g_value_get_double (value));
      break;

    case PROP_CURRENT_MEMBERS:
      ls_scenario_set_current_members (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_scenario_class_init (LsScenarioClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ls_scenario_finalize;
  object_class->get_property = ls_scenario_get_property;
  object_class->set_property = ls_scenario_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LsScenario:year:
   *
   * The year of the dataset to use; 0 means the dataset's default year.
   */
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LsScenario:friend-shoring:
   *
   * φ in [0, 1] (DESIGN.md "Rebalancing" steps 5 and 6).
   */
  properties[PROP_FRIEND_SHORING] =
    g_param_spec_double ("friend-shoring", NULL, NULL,
                         0.0, 1.0, 0.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LsScenario:current-members:
   *
   * Which members an alliance has: %FALSE (the default) for those it had
   * in the scenario's year, as the dataset dates them; %TRUE for every
   * member listed today, whatever the year, to ask what an alliance of
   * today would have meant on an earlier year's figures.
   */
  properties[PROP_CURRENT_MEMBERS] =
    g_param_spec_boolean ("current-members", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LsScenario::changed:
   *
   * Emitted after any edit of the scenario: a property, the bloc, a
   * capacity change or a restriction.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ls_scenario_init (LsScenario *self)
{
  self->alliances = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  self->added = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  self->removed = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  self->capacity = g_ptr_array_new_with_free_func ((GDestroyNotify) ls_capacity_change_free);
  self->restrictions = g_ptr_array_new_with_free_func ((GDestroyNotify) ls_restriction_free);
  self->pins = g_ptr_array_new_with_free_func ((GDestroyNotify) ls_pin_free);
  self->origins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * ls_scenario_new:
 *
 * Creates an empty scenario: the dataset's default year, an empty bloc,
 * no levers.
 *
 * Returns: (transfer full): a new #LsScenario
 */
LsScenario *
ls_scenario_new (void)
{
  return g_object_new (LS_TYPE_SCENARIO, NULL);
}

/* Loading ------------------------------------------------------------- */

static void
remember_origin (LsScenario        *self,
                 LsJsonReader      *reader,
                 const LsJsonValue *value,
                 const LsJsonPath  *path,
                 const char        *key)
{
  g_hash_table_replace (self->origins, g_strdup (key),
                        _ls_json_reader_describe_position (reader, value, path));
}

static gboolean
read_id_list (LsScenario         *self,
              LsJsonReader       *reader,
              const LsJsonValue  *root,
              const LsJsonPath   *root_path,
              const char         *name,
              const char         *kind,
              GPtrArray          *list,
              GError            **error)
{
  LsJsonPath path = _ls_json_path_member (root_path, name);
  const LsJsonValue *array;
  const LsJsonValue *element;

  if (!(array = _ls_json_member (reader, root, root_path, name, FALSE, error)))
    return error == NULL || *error == NULL;

  if (!_ls_json_array (reader, array, &path, error))
    return FALSE;

  element = _ls_json_first (array);
  for (guint i = 0; i < array->length; i++, element = _ls_json_next (element))
    {
      LsJsonPath element_path = _ls_json_path_element (&path, i);
      g_autofree char *key = NULL;
      const char *id;

      if (!_ls_json_string (reader, element, &element_path, &id, error))
        return FALSE;

      if (g_ptr_array_find_with_equal_func (list, id, g_str_equal, NULL))
        {
          _ls_json_reader_set_error (reader, error, element, &element_path,
                                     LS_DATA_ERROR_DUPLICATE, "“%s” is listed twice", id);
          return FALSE;
        }

      g_ptr_array_add (list, g_strdup (id));
      key = g_strdup_printf ("%s/%s", kind, id);
      remember_origin (self, reader, element, &element_path, key);
    }

  return TRUE;
}

static gboolean
read_party (LsJsonReader       *reader,
            const LsJsonValue  *object,
            const LsJsonPath   *path,
            const char         *name,
            LsParty            *party,
            GError            **error)
{
  LsJsonPath party_path = _ls_json_path_member (path, name);
  const LsJsonValue *member;

  if (!(member = _ls_json_member (reader, object, path, name, TRUE, error)))
    return FALSE;

  if (_ls_json_is (member, LS_JSON_ARRAY))
    {
      const LsJsonValue *element;
      guint n = member->length;

      if (n == 0)
        {
          _ls_json_reader_set_error (reader, error, member, &party_path, LS_DATA_ERROR_VALUE,
                                     "the list of countries is empty");
          return FALSE;
        }

      party->kind = LS_PARTY_COUNTRIES;
      party->countries = g_new0 (char *, n + 1);

      element = _ls_json_first (member);
      for (guint i = 0; i < n; i++, element = _ls_json_next (element))
        {
          LsJsonPath element_path = _ls_json_path_element (&party_path, i);
          const char *id;

          if (!_ls_json_string (reader, element, &element_path, &id, error))
            return FALSE;

          party->countries[i] = g_strdup (id);
        }

      return TRUE;
    }
  else
    {
      const char *text;

      if (!_ls_json_string (reader, member, &party_path, &text, error))
        return FALSE;

      if (g_str_equal (text, "bloc"))
        party->kind = LS_PARTY_BLOC;
      else if (g_str_equal (text, "non-bloc"))
        party->kind = LS_PARTY_NON_BLOC;
      else
        {
          _ls_json_reader_set_error (reader, error, member, &party_path, LS_DATA_ERROR_VALUE,
                                     "expected a list of countries, “bloc” or “non-bloc”, found “%s”",
                                     text);
          return FALSE;
        }

      return TRUE;
    }
}

/* "pins": [{"stage", "node", "position"}]: where the user put a node of
 * the Sankey in its column (issue 11). Node ids are those of the figure:
 * a country, "unknown", or a pseudo-node such as "other". */
static gboolean
read_pins (LsScenario         *self,
           LsJsonReader       *reader,
           const LsJsonValue  *root,
           const LsJsonPath   *root_path,
           GError            **error)
{
  LsJsonPath pins_path = _ls_json_path_member (root_path, "pins");
  const LsJsonValue *array;
  const LsJsonValue *element;

  if (!(array = _ls_json_member (reader, root, root_path, "pins", FALSE, error)))
    return error == NULL || *error == NULL;

  if (!_ls_json_array (reader, array, &pins_path, error))
    return FALSE;

  element = _ls_json_first (array);
  for (guint i = 0; i < array->length; i++, element = _ls_json_next (element))
    {
      LsJsonPath path = _ls_json_path_element (&pins_path, i);
      LsJsonPath stage_path = _ls_json_path_member (&path, "stage");
      LsJsonPath node_path = _ls_json_path_member (&path, "node");
      LsJsonPath position_path = _ls_json_path_member (&path, "position");
      g_autofree char *key = g_strdup_printf ("pin/%u", i);
      const LsJsonValue *member;
      const char *stage;
      const char *id;
      gint64 position;

      if (!_ls_json_object (reader, element, &path, error) ||
          !(member = _ls_json_member (reader, element, &path, "stage", TRUE, error)) ||
          !_ls_json_string (reader, member, &stage_path, &stage, error) ||
          !(member = _ls_json_member (reader, element, &path, "node", TRUE, error)) ||
          !_ls_json_string (reader, member, &node_path, &id, error) ||
          !(member = _ls_json_member (reader, element, &path, "position", TRUE, error)) ||
          !_ls_json_integer (reader, member, &position_path, &position, error))
        return FALSE;

      if (position < 0 || position > 10000)
        {
          _ls_json_reader_set_error (reader, error, member, &position_path, LS_DATA_ERROR_VALUE,
                                     "%" G_GINT64_FORMAT " is not a position in a column", position);
          return FALSE;
        }

      for (guint k = 0; k < self->pins->len; k++)
        {
          const LsPin *other = g_ptr_array_index (self->pins, k);

          if (g_str_equal (other->stage, stage) && g_str_equal (other->node, id))
            {
              _ls_json_reader_set_error (reader, error, element, &path, LS_DATA_ERROR_DUPLICATE,
                                         "“%s” is pinned twice at stage “%s”", id, stage);
              return FALSE;
            }
        }

      g_ptr_array_add (self->pins, ls_pin_new (stage, id, position));
      remember_origin (self, reader, element, &path, key);
    }

  return TRUE;
}

static gboolean
read_restrictions (LsScenario         *self,
                   LsJsonReader       *reader,
                   const LsJsonValue  *root,
                   const LsJsonPath   *root_path,
                   GError            **error)
{
  LsJsonPath restrictions_path = _ls_json_path_member (root_path, "restrictions");
  const LsJsonValue *array;
  const LsJsonValue *element;

  if (!(array = _ls_json_member (reader, root, root_path, "restrictions", FALSE, error)))
    return error == NULL || *error == NULL;

  if (!_ls_json_array (reader, array, &restrictions_path, error))
    return FALSE;

  element = _ls_json_first (array);
  for (guint i = 0; i < array->length; i++, element = _ls_json_next (element))
    {
      LsJsonPath path = _ls_json_path_element (&restrictions_path, i);
      LsJsonPath stage_path = _ls_json_path_member (&path, "stage");
      LsJsonPath fraction_path = _ls_json_path_member (&path, "fraction");
      g_autofree char *key = g_strdup_printf ("restriction/%u", i);
      LsRestriction *restriction;
      const char *stage;
      const LsJsonValue *member;

      if (!_ls_json_object (reader, element, &path, error))
        return FALSE;

      restriction = g_new0 (LsRestriction, 1);
      g_ptr_array_add (self->restrictions, restriction);

      if (!(member = _ls_json_member (reader, element, &path, "stage", TRUE, error)) ||
          !_ls_json_string (reader, member, &stage_path, &stage, error))
        return FALSE;
      restriction->stage = g_strdup (stage);

      if (!read_party (reader, element, &path, "from", &restriction->from, error) ||
          !read_party (reader, element, &path, "to", &restriction->to, error))
        return FALSE;

      if (!(member = _ls_json_member (reader, element, &path, "fraction", TRUE, error)) ||
          !_ls_json_number (reader, member, &fraction_path, 0.0, 1.0, &restriction->fraction, error))
        return FALSE;

      remember_origin (self, reader, element, &path, key);
    }

  return TRUE;
}

static gboolean
read_capacity (LsScenario         *self,
               LsJsonReader       *reader,
               const LsJsonValue  *root,
               const LsJsonPath   *root_path,
               GError            **error)
{
  LsJsonPath capacity_path = _ls_json_path_member (root_path, "capacity");
  const LsJsonValue *array;
  const LsJsonValue *element;

  if (!(array = _ls_json_member (reader, root, root_path, "capacity", FALSE, error)))
    return error == NULL || *error == NULL;

  if (!_ls_json_array (reader, array, &capacity_path, error))
    return FALSE;

  element = _ls_json_first (array);
  for (guint i = 0; i < array->length; i++, element = _ls_json_next (element))
    {
      LsJsonPath path = _ls_json_path_element (&capacity_path, i);
      LsJsonPath stage_path = _ls_json_path_member (&path, "stage");
      LsJsonPath country_path = _ls_json_path_member (&path, "country");
      LsJsonPath delta_path = _ls_json_path_member (&path, "delta");
      LsJsonPath note_path = _ls_json_path_member (&path, "note");
      g_autofree char *key = g_strdup_printf ("capacity/%u", i);
      const char *stage;
      const char *country;
      const char *note = NULL;
      double delta;
      const LsJsonValue *member;

      if (!_ls_json_object (reader, element, &path, error))
        return FALSE;

      if (!(member = _ls_json_member (reader, element, &path, "stage", TRUE, error)) ||
          !_ls_json_string (reader, member, &stage_path, &stage, error))
        return FALSE;

      if (!(member = _ls_json_member (reader, element, &path, "country", TRUE, error)) ||
          !_ls_json_string (reader, member, &country_path, &country, error))
        return FALSE;

      if (!(member = _ls_json_member (reader, element, &path, "delta", TRUE, error)) ||
          !_ls_json_number (reader, member, &delta_path, -LS_MAX_TONNES, LS_MAX_TONNES, &delta, error))
        return FALSE;

      if ((member = _ls_json_get (element, "note")) &&
          !_ls_json_string (reader, member, &note_path, &note, error))
        return FALSE;

      g_ptr_array_add (self->capacity, ls_capacity_change_new (stage, country, delta, note));
      remember_origin (self, reader, element, &path, key);
    }

  return TRUE;
}

static gboolean
ls_scenario_load (gpointer       object,
                  LsJsonReader  *reader,
                  GError       **error)
{
  LsScenario *self = object;
  const LsJsonValue *root = _ls_json_reader_get_root (reader);
  const LsJsonPath path = LS_JSON_PATH_ROOT;
  const LsJsonPath name_path = _ls_json_path_member (&path, "name");
  const LsJsonPath description_path = _ls_json_path_member (&path, "description");
  const LsJsonPath year_path = _ls_json_path_member (&path, "year");
  const LsJsonPath friend_shoring_path = _ls_json_path_member (&path, "friend_shoring");
  const LsJsonPath current_members_path = _ls_json_path_member (&path, "current_members");
  const LsJsonValue *member;
  const char *str;
  gint64 integer;

  if (!_ls_json_check_header (reader, SCENARIO_FORMAT, SCENARIO_VERSION, error))
    return FALSE;

  if ((member = _ls_json_get (root, "name")))
    {
      if (!_ls_json_string (reader, member, &name_path, &str, error) ||
          !_ls_json_localized (reader, root, &path, "names", &str, error))
        return FALSE;
      self->name = g_strdup (str);
    }

  /* A preset's title and story in the user's language; saved again, the
   * scenario keeps only the language it was shown in. */
  if ((member = _ls_json_get (root, "description")))
    {
      if (!_ls_json_string (reader, member, &description_path, &str, error) ||
          !_ls_json_localized (reader, root, &path, "descriptions", &str, error))
        return FALSE;
      self->description = g_strdup (str);
    }

  if ((member = _ls_json_get (root, "year")))
    {
      if (!_ls_json_integer (reader, member, &year_path, &integer, error))
        return FALSE;

      if (integer < 0 || integer > G_MAXINT)
        {
          _ls_json_reader_set_error (reader, error, member, &year_path, LS_DATA_ERROR_VALUE,
                                     "%" G_GINT64_FORMAT " is not a year", integer);
          return FALSE;
        }

      self->year = integer;
      remember_origin (self, reader, member, &year_path, "year");
    }

  if ((member = _ls_json_get (root, "friend_shoring")) &&
      !_ls_json_number (reader, member, &friend_shoring_path, 0.0, 1.0, &self->friend_shoring, error))
    return FALSE;

  if ((member = _ls_json_get (root, "current_members")) &&
      !_ls_json_boolean (reader, member, &current_members_path, &self->current_members, error))
    return FALSE;

  return read_id_list (self, reader, root, &path, "alliances", "alliance", self->alliances, error) &&
         read_id_list (self, reader, root, &path, "add", "country", self->added, error) &&
         read_id_list (self, reader, root, &path, "remove", "country", self->removed, error) &&
         read_capacity (self, reader, root, &path, error) &&
         read_restrictions (self, reader, root, &path, error) &&
         read_pins (self, reader, root, &path, error);
}

/**
 * ls_scenario_new_from_bytes:
 * @bytes: JSON text of a scenario file
 * @filename: (nullable): the name used in error messages
 * @error: return location for a #LsDataError
 *
 * Reads a scenario. The ids it names are checked against a dataset by
 * ls_scenario_validate().
 *
 * Returns: (transfer full) (nullable): the scenario
 */
LsScenario *
ls_scenario_new_from_bytes (GBytes      *bytes,
                            const char  *filename,
                            GError     **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);

  return _ls_json_read_bytes (bytes, filename, LS_TYPE_SCENARIO, ls_scenario_load, error);
}

LsScenario *
ls_scenario_new_from_file (GFile         *file,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return _ls_json_read_file (file, cancellable, LS_TYPE_SCENARIO, ls_scenario_load, error);
}

/* Saving -------------------------------------------------------------- */

static void
add_id_list (JsonBuilder *builder,
             const char  *name,
             GPtrArray   *list)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < list->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (list, i));
  json_builder_end_array (builder);
}

static void
add_party (JsonBuilder   *builder,
           const char    *name,
           const LsParty *party)
{
  json_builder_set_member_name (builder, name);

  switch (party->kind)
    {
    case LS_PARTY_BLOC:
      json_builder_add_string_value (builder, "bloc");
      break;

    case LS_PARTY_NON_BLOC:
      json_builder_add_string_value (builder, "non-bloc");
      break;

    case LS_PARTY_COUNTRIES:
    default:
      json_builder_begin_array (builder);
      for (guint i = 0; party->countries != NULL && party->countries[i] != NULL; i++)
        json_builder_add_string_value (builder, party->countries[i]);
      json_builder_end_array (builder);
      break;
    }
}

/**
 * ls_scenario_to_data:
 * @self: a #LsScenario
 * @length: (out) (optional): the length of the text
 *
 * Returns: (transfer full): the scenario as JSON text
 */
char *
ls_scenario_to_data (LsScenario *self,
                     gsize      *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (LS_IS_SCENARIO (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, SCENARIO_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, SCENARIO_VERSION);
  if (self->name != NULL)
    {
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, self->name);
    }
  if (self->description != NULL)
    {
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, self->description);
    }
  if (self->year != 0)
    {
      json_builder_set_member_name (builder, "year");
      json_builder_add_int_value (builder, self->year);
    }
  add_id_list (builder, "alliances", self->alliances);
  add_id_list (builder, "add", self->added);
  add_id_list (builder, "remove", self->removed);
  json_builder_set_member_name (builder, "friend_shoring");
  json_builder_add_double_value (builder, self->friend_shoring);
  if (self->current_members)
    {
      json_builder_set_member_name (builder, "current_members");
      json_builder_add_boolean_value (builder, TRUE);
    }

  json_builder_set_member_name (builder, "capacity");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->capacity->len; i++)
    {
      const LsCapacityChange *change = g_ptr_array_index (self->capacity, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "stage");
      json_builder_add_string_value (builder, change->stage);
      json_builder_set_member_name (builder, "country");
      json_builder_add_string_value (builder, change->country);
      json_builder_set_member_name (builder, "delta");
      json_builder_add_double_value (builder, change->delta);
      if (change->note != NULL)
        {
          json_builder_set_member_name (builder, "note");
          json_builder_add_string_value (builder, change->note);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "restrictions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->restrictions->len; i++)
    {
      const LsRestriction *restriction = g_ptr_array_index (self->restrictions, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "stage");
      json_builder_add_string_value (builder, restriction->stage);
      add_party (builder, "from", &restriction->from);
      add_party (builder, "to", &restriction->to);
      json_builder_set_member_name (builder, "fraction");
      json_builder_add_double_value (builder, restriction->fraction);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (self->pins->len > 0)
    {
      json_builder_set_member_name (builder, "pins");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->pins->len; i++)
        {
          const LsPin *pin = g_ptr_array_index (self->pins, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "stage");
          json_builder_add_string_value (builder, pin->stage);
          json_builder_set_member_name (builder, "node");
          json_builder_add_string_value (builder, pin->node);
          json_builder_set_member_name (builder, "position");
          json_builder_add_int_value (builder, pin->position);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);

  text = json_generator_to_data (generator, NULL);
  {
    char *with_newline = g_strconcat (text, "\n", NULL);

    if (length != NULL)
      *length = strlen (with_newline);

    return with_newline;
  }
}

/**
 * ls_scenario_save_to_file:
 *
 * Writes the scenario atomically: the file is replaced only once the new
 * contents are complete on disk, so a failure never loses the old file.
 */
gboolean
ls_scenario_save_to_file (LsScenario    *self,
                          GFile         *file,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  gsize length;

  g_return_val_if_fail (LS_IS_SCENARIO (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  data = ls_scenario_to_data (self, &length);

  /* Not g_file_replace_contents(): after a failed write (a full disk) it
   * still closes the stream normally, which renames the partly written
   * temporary file over the old one (GLib 2.74). Closing with a cancelled
   * cancellable deletes the temporary file instead. */
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                           cancellable, &local_error);
  if (stream != NULL &&
      !g_output_stream_write_all (G_OUTPUT_STREAM (stream), data, length, NULL,
                                  cancellable, &local_error))
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
    }
  else if (stream != NULL)
    g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &local_error);

  if (local_error != NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      /* In a read-only folder GLib says "Error removing old file", which
       * reads as if the old file were lost; it is not. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        g_set_error (error, LS_DATA_ERROR, LS_DATA_ERROR_IO,
                     "%s: Permission denied: the folder or the file is read-only", name);
      else
        g_set_error (error, LS_DATA_ERROR, LS_DATA_ERROR_IO, "%s: %s", name, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* Copy, compare -------------------------------------------------------- */

static void
copy_ids (GPtrArray *dest,
          GPtrArray *src)
{
  g_ptr_array_set_size (dest, 0);
  for (guint i = 0; i < src->len; i++)
    g_ptr_array_add (dest, g_strdup (g_ptr_array_index (src, i)));
}

/**
 * ls_scenario_assign:
 * @self: a #LsScenario
 * @other: the scenario to copy from
 *
 * Makes @self equal to @other and emits #LsScenario::changed once.
 */
void
ls_scenario_assign (LsScenario *self,
                    LsScenario *other)
{
  g_return_if_fail (LS_IS_SCENARIO (self));
  g_return_if_fail (LS_IS_SCENARIO (other));

  if (self == other || ls_scenario_equal (self, other))
    return;

  g_object_freeze_notify (G_OBJECT (self));
  self->assigning++;

  ls_scenario_set_name (self, other->name);
  ls_scenario_set_description (self, other->description);
  ls_scenario_set_year (self, other->year);
  ls_scenario_set_friend_shoring (self, other->friend_shoring);
  ls_scenario_set_current_members (self, other->current_members);

  copy_ids (self->alliances, other->alliances);
  copy_ids (self->added, other->added);
  copy_ids (self->removed, other->removed);

  g_ptr_array_set_size (self->capacity, 0);
  for (guint i = 0; i < other->capacity->len; i++)
    g_ptr_array_add (self->capacity, ls_capacity_change_copy (g_ptr_array_index (other->capacity, i)));

  g_ptr_array_set_size (self->restrictions, 0);
  for (guint i = 0; i < other->restrictions->len; i++)
    g_ptr_array_add (self->restrictions, ls_restriction_copy (g_ptr_array_index (other->restrictions, i)));

  g_ptr_array_set_size (self->pins, 0);
  for (guint i = 0; i < other->pins->len; i++)
    {
      const LsPin *pin = g_ptr_array_index (other->pins, i);

      g_ptr_array_add (self->pins, ls_pin_new (pin->stage, pin->node, pin->position));
    }

  g_hash_table_remove_all (self->origins);

  self->assigning--;
  g_object_thaw_notify (G_OBJECT (self));
  ls_scenario_emit_changed (self);
}

/**
 * ls_scenario_copy:
 *
 * Returns: (transfer full): an independent copy of @self
 */
LsScenario *
ls_scenario_copy (LsScenario *self)
{
  LsScenario *copy;

  g_return_val_if_fail (LS_IS_SCENARIO (self), NULL);

  copy = ls_scenario_new ();
  ls_scenario_assign (copy, self);

  return copy;
}

static gboolean
ids_equal (GPtrArray *a,
           GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    if (!g_ptr_array_find_with_equal_func (b, g_ptr_array_index (a, i), g_str_equal, NULL))
      return FALSE;

  return TRUE;
}

/**
 * ls_scenario_equal:
 *
 * Returns: %TRUE when @a and @b describe the same scenario (the order of
 *   the alliance and country lists does not matter)
 */
gboolean
ls_scenario_equal (LsScenario *a,
                   LsScenario *b)
{
  g_return_val_if_fail (LS_IS_SCENARIO (a), FALSE);
  g_return_val_if_fail (LS_IS_SCENARIO (b), FALSE);

  if (g_strcmp0 (a->name, b->name) != 0 ||
      g_strcmp0 (a->description, b->description) != 0 ||
      a->year != b->year ||
      a->friend_shoring != b->friend_shoring ||
      a->current_members != b->current_members ||
      !ids_equal (a->alliances, b->alliances) ||
      !ids_equal (a->added, b->added) ||
      !ids_equal (a->removed, b->removed) ||
      a->capacity->len != b->capacity->len ||
      a->restrictions->len != b->restrictions->len ||
      a->pins->len != b->pins->len)
    return FALSE;

  for (guint i = 0; i < a->pins->len; i++)
    {
      const LsPin *x = g_ptr_array_index (a->pins, i);
      const LsPin *y = g_ptr_array_index (b->pins, i);

      if (!g_str_equal (x->stage, y->stage) || !g_str_equal (x->node, y->node) || x->position != y->position)
        return FALSE;
    }

  for (guint i = 0; i < a->capacity->len; i++)
    {
      const LsCapacityChange *x = g_ptr_array_index (a->capacity, i);
      const LsCapacityChange *y = g_ptr_array_index (b->capacity, i);

      if (g_strcmp0 (x->stage, y->stage) != 0 || g_strcmp0 (x->country, y->country) != 0 ||
          x->delta != y->delta || g_strcmp0 (x->note, y->note) != 0)
        return FALSE;
    }

  for (guint i = 0; i < a->restrictions->len; i++)
    {
      const LsRestriction *x = g_ptr_array_index (a->restrictions, i);
      const LsRestriction *y = g_ptr_array_index (b->restrictions, i);

      if (!ls_restriction_equal (x, y))
        return FALSE;
    }

  return TRUE;
}

/**
 * ls_scenario_has_levers:
 *
 * Returns: %TRUE when a capacity change, a restriction or friend-shoring
 *   is set (the bloc alone changes no flow)
 */
gboolean
ls_scenario_has_levers (LsScenario *self)
{
  g_return_val_if_fail (LS_IS_SCENARIO (self), FALSE);

  return self->capacity->len > 0 || self->restrictions->len > 0 || self->friend_shoring > 0.0;
}

/* Validation ---------------------------------------------------------- */

typedef enum {
  ID_ALLIANCES,
  ID_COUNTRIES,
  ID_STAGES,
  ID_YEARS,
} IdKind;

/* "; the dataset's alliances are: a, b, c" — an unknown id's message
 * says what would have been accepted, so a typo needs no second look-up. */
static char *
dup_valid_ids (LsDataset *dataset,
               IdKind     kind)
{
  static const char * const what[] = { "alliances", "countries", "stages", "years" };
  GString *text = g_string_new (NULL);
  guint n = 0;
  const int *years = NULL;

  switch (kind)
    {
    case ID_ALLIANCES: n = ls_dataset_get_n_alliances (dataset); break;
    case ID_COUNTRIES: n = ls_dataset_get_n_countries (dataset); break;
    case ID_STAGES: n = ls_dataset_get_n_stages (dataset); break;
    case ID_YEARS: years = ls_dataset_get_years (dataset, &n); break;
    default: g_assert_not_reached ();
    }

  g_string_append_printf (text, "; the dataset's %s are: ", what[kind]);
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");

      switch (kind)
        {
        case ID_ALLIANCES: g_string_append (text, ls_dataset_get_alliance_id (dataset, i)); break;
        case ID_COUNTRIES: g_string_append (text, ls_dataset_get_country_id (dataset, i)); break;
        case ID_STAGES: g_string_append (text, ls_dataset_get_stage_id (dataset, i)); break;
        case ID_YEARS: g_string_append_printf (text, "%d", years[i]); break;
        default: g_assert_not_reached ();
        }
    }

  return g_string_free (text, FALSE);
}

static gboolean
fail_at (LsScenario  *self,
         GError     **error,
         const char  *key,
         const char  *suffix,
         LsDataError  code,
         const char  *message)
{
  const char *origin = g_hash_table_lookup (self->origins, key);

  if (origin != NULL)
    g_set_error (error, LS_DATA_ERROR, code, "%s%s: %s", origin, suffix, message);
  else
    g_set_error (error, LS_DATA_ERROR, code, "scenario: %s", message);

  return FALSE;
}

static gboolean
check_country (LsScenario  *self,
               LsDataset   *dataset,
               const char  *country,
               const char  *key,
               const char  *suffix,
               GError     **error)
{
  g_autofree char *valid = NULL;
  g_autofree char *message = NULL;

  if (ls_dataset_lookup_country (dataset, country) >= 0)
    return TRUE;

  valid = dup_valid_ids (dataset, ID_COUNTRIES);
  message = g_strdup_printf ("unknown country “%s”%s", country, valid);
  return fail_at (self, error, key, suffix, LS_DATA_ERROR_UNKNOWN_ID, message);
}

static gboolean
check_stage (LsScenario  *self,
             LsDataset   *dataset,
             const char  *stage,
             gboolean     needs_next,
             const char  *key,
             GError     **error)
{
  g_autofree char *message = NULL;
  int index = ls_dataset_lookup_stage (dataset, stage);

  if (index >= 0 && (!needs_next || (guint) index + 1 < ls_dataset_get_n_stages (dataset)))
    return TRUE;

  if (index < 0)
    {
      g_autofree char *valid = dup_valid_ids (dataset, ID_STAGES);

      message = g_strdup_printf ("unknown stage “%s”%s", stage, valid);
    }
  else
    message = g_strdup_printf ("“%s” is the last stage: nothing is exported from it", stage);

  return fail_at (self, error, key, ".stage", index < 0 ? LS_DATA_ERROR_UNKNOWN_ID : LS_DATA_ERROR_VALUE,
                  message);
}

static gboolean
check_party (LsScenario    *self,
             LsDataset     *dataset,
             const LsParty *party,
             const char    *key,
             const char    *side,
             GError       **error)
{
  if (party->kind != LS_PARTY_COUNTRIES)
    return TRUE;

  for (guint i = 0; party->countries != NULL && party->countries[i] != NULL; i++)
    {
      g_autofree char *suffix = g_strdup_printf (".%s[%u]", side, i);

      if (!check_country (self, dataset, party->countries[i], key, suffix, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * ls_scenario_validate:
 * @self: a #LsScenario
 * @dataset: the dataset it is meant for
 * @error: return location for a #LsDataError
 *
 * Checks that every year, alliance, country and stage the scenario names
 * exists in @dataset. For a scenario read from a file, the error names
 * the file, line, column and JSON path of the offending entry.
 */
gboolean
ls_scenario_validate (LsScenario  *self,
                      LsDataset   *dataset,
                      GError     **error)
{
  g_return_val_if_fail (LS_IS_SCENARIO (self), FALSE);
  g_return_val_if_fail (LS_IS_DATASET (dataset), FALSE);

  if (self->year != 0 && !ls_dataset_has_year (dataset, self->year))
    {
      g_autofree char *valid = dup_valid_ids (dataset, ID_YEARS);
      g_autofree char *message = g_strdup_printf ("the dataset has no year %d%s", self->year, valid);

      return fail_at (self, error, "year", "", LS_DATA_ERROR_UNKNOWN_ID, message);
    }

  for (guint i = 0; i < self->alliances->len; i++)
    {
      const char *id = g_ptr_array_index (self->alliances, i);

      if (ls_dataset_lookup_alliance (dataset, id) < 0)
        {
          g_autofree char *key = g_strdup_printf ("alliance/%s", id);
          g_autofree char *valid = dup_valid_ids (dataset, ID_ALLIANCES);
          g_autofree char *message = g_strdup_printf ("unknown alliance “%s”%s", id, valid);

          return fail_at (self, error, key, "", LS_DATA_ERROR_UNKNOWN_ID, message);
        }
    }

  for (guint k = 0; k < 2; k++)
    {
      GPtrArray *list = k == 0 ? self->added : self->removed;

      for (guint i = 0; i < list->len; i++)
        {
          const char *id = g_ptr_array_index (list, i);
          g_autofree char *key = g_strdup_printf ("country/%s", id);

          if (!check_country (self, dataset, id, key, "", error))
            return FALSE;
        }
    }

  for (guint i = 0; i < self->capacity->len; i++)
    {
      const LsCapacityChange *change = g_ptr_array_index (self->capacity, i);
      g_autofree char *key = g_strdup_printf ("capacity/%u", i);

      if (!check_stage (self, dataset, change->stage, FALSE, key, error) ||
          !check_country (self, dataset, change->country, key, ".country", error))
        return FALSE;

      /* A file is checked when read; a change made otherwise here. */
      if (!isfinite (change->delta) || fabs (change->delta) > LS_MAX_TONNES)
        {
          g_autofree char *message = g_strdup_printf ("a change of %g t is beyond the ±%g t a scenario may make",
                                                      change->delta, LS_MAX_TONNES);

          return fail_at (self, error, key, ".delta", LS_DATA_ERROR_VALUE, message);
        }
    }

  for (guint i = 0; i < self->pins->len; i++)
    {
      const LsPin *pin = g_ptr_array_index (self->pins, i);
      g_autofree char *key = g_strdup_printf ("pin/%u", i);

      if (!check_stage (self, dataset, pin->stage, FALSE, key, error))
        return FALSE;
    }

  for (guint i = 0; i < self->restrictions->len; i++)
    {
      const LsRestriction *restriction = g_ptr_array_index (self->restrictions, i);
      g_autofree char *key = g_strdup_printf ("restriction/%u", i);

      if (!check_stage (self, dataset, restriction->stage, TRUE, key, error) ||
          !check_party (self, dataset, &restriction->from, key, "from", error) ||
          !check_party (self, dataset, &restriction->to, key, "to", error))
        return FALSE;
    }

  return TRUE;
}

/* Properties and edits -------------------------------------------------- */

/* An empty GPtrArray made with g_ptr_array_new_null_terminated() may
 * have no storage yet; a NULL-terminated list is never NULL. */
static const char * const *
id_list (GPtrArray *ids)
{
  static const char * const empty[] = { NULL };

  return ids->pdata != NULL ? (const char * const *) ids->pdata : empty;
}

const char *
ls_scenario_get_name (LsScenario *self)
{
  g_return_val_if_fail (LS_IS_SCENARIO (self), NULL);
  return self->name;
}

void
ls_scenario_set_name (LsScenario *self,
                      const char *name)
{
  g_return_if_fail (LS_IS_SCENARIO (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  ls_scenario_emit_changed (self);
}

const char *
ls_scenario_get_description (LsScenario *self)
{
  g_return_val_if_fail (LS_IS_SCENARIO (self), NULL);
  return self->description;
}

void
ls_scenario_set_description (LsScenario *self,
                             const char *description)
{
  g_return_if_fail (LS_IS_SCENARIO (self));

  if (g_strcmp0 (self->description, description) == 0)
    return;

  g_free (self->description);
  self->description = g_strdup (description);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
  ls_scenario_emit_changed (self);
}

int
ls_scenario_get_year (LsScenario *self)
{
  g_return_val_if_fail (LS_IS_SCENARIO (self), 0);
  return self->year;
}

void
ls_scenario_set_year (LsScenario *self,
                      int         year)
{
  g_return_if_fail (LS_IS_SCENARIO (self));
  g_return_if_fail (year >= 0);

  if (self->year == year)
    return;

  self->year = year;
  g_hash_table_remove (self->origins, "year");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
  ls_scenario_emit_changed (self);
}

double
ls_scenario_get_friend_shoring (LsScenario *self)
{
  g_return_val_if_fail (LS_IS_SCENARIO (self), 0.0);
  return self->friend_shoring;
}

void
ls_scenario_set_friend_shoring (LsScenario *self,
                                double      strength)
{
  g_return_if_fail (LS_IS_SCENARIO (self));
  g_return_if_fail (!isnan (strength));

  strength = CLAMP (strength, 0.0, 1.0);

  if (self->friend_shoring == strength)
    return;

  self->friend_shoring = strength;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRIEND_SHORING]);
  ls_scenario_emit_changed (self);
}

gboolean
ls_scenario_get_current_members (LsScenario *self)
{
  g_return_val_if_fail (LS_IS_SCENARIO (self), FALSE);
  return self->current_members;
}

void
ls_scenario_set_current_members (LsScenario *self,
                                 gboolean    current_members)
{
  g_return_if_fail (LS_IS_SCENARIO (self));

  current_members = !!current_members;
  if (self->current_members == current_members)
    return;

  self->current_members = current_members;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_MEMBERS]);
  ls_scenario_emit_changed (self);
}

/**
 * ls_scenario_get_alliances:
 *
 * Returns: (transfer none) (array zero-terminated=1): ids of the chosen
 *   alliances; the bloc is their union
 */
const char * const *
ls_scenario_get_alliances (LsScenario *self)
{
  g_return_val_if_fail (LS_IS_SCENARIO (self), NULL);
  return id_list (self->alliances);
}

gboolean
ls_scenario_has_alliance (LsScenario *self,
                          const char *alliance)
{
  g_return_val_if_fail (LS_IS_SCENARIO (self), FALSE);
  g_return_val_if_fail (alliance != NULL, FALSE);
  return g_ptr_array_find_with_equal_func (self->alliances, alliance, g_str_equal, NULL);
}

void
ls_scenario_set_alliance (LsScenario *self,
                          const char *alliance,
                          gboolean    enabled)
{
  guint index;

  g_return_if_fail (LS_IS_SCENARIO (self));
  g_return_if_fail (alliance != NULL);

  enabled = !!enabled;

  if (g_ptr_array_find_with_equal_func (self->alliances, alliance, g_str_equal, &index) == enabled)
    return;

  if (enabled)
    g_ptr_array_add (self->alliances, g_strdup (alliance));
  else
    g_ptr_array_remove_index (self->alliances, index);

  ls_scenario_emit_changed (self);
}

LsMembership
ls_scenario_get_membership (LsScenario *self,
                            const char *country)
{
  g_return_val_if_fail (LS_IS_SCENARIO (self), LS_MEMBERSHIP_DEFAULT);
  g_return_val_if_fail (country != NULL, LS_MEMBERSHIP_DEFAULT);

  if (g_ptr_array_find_with_equal_func (self->added, country, g_str_equal, NULL))
    return LS_MEMBERSHIP_ADDED;

  if (g_ptr_array_find_with_equal_func (self->removed, country, g_str_equal, NULL))
    return LS_MEMBERSHIP_REMOVED;

  return LS_MEMBERSHIP_DEFAULT;
}

void
ls_scenario_set_membership (LsScenario   *self,
                            const char   *country,
                            LsMembership  membership)
{
  guint index;

  g_return_if_fail (LS_IS_SCENARIO (self));
  g_return_if_fail (country != NULL);

  if (ls_scenario_get_membership (self, country) == membership)
    return;

  if (g_ptr_array_find_with_equal_func (self->added, country, g_str_equal, &index))
    g_ptr_array_remove_index (self->added, index);
  if (g_ptr_array_find_with_equal_func (self->removed, country, g_str_equal, &index))
    g_ptr_array_remove_index (self->removed, index);

  if (membership == LS_MEMBERSHIP_ADDED)
    g_ptr_array_add (self->added, g_strdup (country));
  else if (membership == LS_MEMBERSHIP_REMOVED)
    g_ptr_array_add (self->removed, g_strdup (country));

  ls_scenario_emit_changed (self);
}

/**
 * ls_scenario_get_added:
 *
 * Returns: (transfer none) (array zero-terminated=1): countries in the
 *   bloc whatever the alliances
 */
const char * const *
ls_scenario_get_added (LsScenario *self)
{
  g_return_val_if_fail (LS_IS_SCENARIO (self), NULL);
  return id_list (self->added);
}

/**
 * ls_scenario_get_removed:
 *
 * Returns: (transfer none) (array zero-terminated=1): countries out of
 *   the bloc whatever the alliances
 */
const char * const *
ls_scenario_get_removed (LsScenario *self)
{
  g_return_val_if_fail (LS_IS_SCENARIO (self), NULL);
  return id_list (self->removed);
}

/**
 * ls_scenario_get_membership_year:
 *
 * Returns: the year whose alliance memberships make the bloc: the
 *   scenario's year (the dataset's default when 0), or %G_MAXINT with
 *   #LsScenario:current-members
 */
int
ls_scenario_get_membership_year (LsScenario *self,
                                 LsDataset  *dataset)
{
  g_return_val_if_fail (LS_IS_SCENARIO (self), 0);
  g_return_val_if_fail (LS_IS_DATASET (dataset), 0);

  if (self->current_members)
    return G_MAXINT;

  return self->year != 0 ? self->year : ls_dataset_get_default_year (dataset);
}

static gboolean
in_chosen_alliance (LsScenario *self,
                    LsDataset  *dataset,
                    guint       country)
{
  int year = ls_scenario_get_membership_year (self, dataset);

  for (guint i = 0; i < self->alliances->len; i++)
    {
      int alliance = ls_dataset_lookup_alliance (dataset, g_ptr_array_index (self->alliances, i));

      if (alliance >= 0 && ls_dataset_alliance_has_member_in_year (dataset, alliance, country, year))
        return TRUE;
    }

  return FALSE;
}

/**
 * ls_scenario_compute_bloc:
 * @self: a #LsScenario
 * @dataset: the dataset
 * @members: (array) (out caller-allocates): one flag per country of @dataset
 * @error: return location for a #LsDataError
 *
 * The focus bloc B: the union of the chosen alliances, plus the countries
 * added, minus the countries removed (DESIGN.md "A scenario"). An
 * alliance's members are those of the scenario's year, or those of today
 * with #LsScenario:current-members.
 */
gboolean
ls_scenario_compute_bloc (LsScenario  *self,
                          LsDataset   *dataset,
                          gboolean    *members,
                          GError     **error)
{
  guint n_countries;

  g_return_val_if_fail (LS_IS_SCENARIO (self), FALSE);
  g_return_val_if_fail (LS_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (members != NULL, FALSE);

  if (!ls_scenario_validate (self, dataset, error))
    return FALSE;

  n_countries = ls_dataset_get_n_countries (dataset);

  for (guint c = 0; c < n_countries; c++)
    members[c] = in_chosen_alliance (self, dataset, c);

  for (guint i = 0; i < self->added->len; i++)
    members[ls_dataset_lookup_country (dataset, g_ptr_array_index (self->added, i))] = TRUE;

  for (guint i = 0; i < self->removed->len; i++)
    members[ls_dataset_lookup_country (dataset, g_ptr_array_index (self->removed, i))] = FALSE;

  return TRUE;
}

/**
 * ls_scenario_toggle_member:
 * @self: a #LsScenario
 * @dataset: the dataset
 * @country: an ISO3 code
 *
 * Puts @country in the bloc if it is out, out if it is in, recording the
 * change as an addition or removal by hand only where the alliances do
 * not already give that result.
 */
void
ls_scenario_toggle_member (LsScenario *self,
                           LsDataset  *dataset,
                           const char *country)
{
  gboolean by_alliance;
  gboolean member;
  int index;

  g_return_if_fail (LS_IS_SCENARIO (self));
  g_return_if_fail (LS_IS_DATASET (dataset));
  g_return_if_fail (country != NULL);

  if ((index = ls_dataset_lookup_country (dataset, country)) < 0)
    return;

  by_alliance = in_chosen_alliance (self, dataset, index);

  switch (ls_scenario_get_membership (self, country))
    {
    case LS_MEMBERSHIP_ADDED:
      member = TRUE;
      break;
    case LS_MEMBERSHIP_REMOVED:
      member = FALSE;
      break;
    case LS_MEMBERSHIP_DEFAULT:
    default:
      member = by_alliance;
      break;
    }

  if (member)
    ls_scenario_set_membership (self, country, by_alliance ? LS_MEMBERSHIP_REMOVED : LS_MEMBERSHIP_DEFAULT);
  else
    ls_scenario_set_membership (self, country, by_alliance ? LS_MEMBERSHIP_DEFAULT : LS_MEMBERSHIP_ADDED);
}

guint
ls_scenario_get_n_capacity_changes (LsScenario *self)
{
  g_return_val_if_fail (LS_IS_SCENARIO (self), 0);
  return self->capacity->len;
}

const LsCapacityChange *
ls_scenario_get_capacity_change (LsScenario *self,
                                 guint       index)
{
  g_return_val_if_fail (LS_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (index < self->capacity->len, NULL);
  return g_ptr_array_index (self->capacity, index);
}

void
ls_scenario_add_capacity_change (LsScenario             *self,
                                 const LsCapacityChange *change)
{
  g_return_if_fail (LS_IS_SCENARIO (self));
  g_return_if_fail (change != NULL);

  g_ptr_array_add (self->capacity, ls_capacity_change_copy (change));
  ls_scenario_emit_changed (self);
}

void
ls_scenario_remove_capacity_change (LsScenario *self,
                                    guint       index)
{
  g_return_if_fail (LS_IS_SCENARIO (self));
  g_return_if_fail (index < self->capacity->len);

  g_ptr_array_remove_index (self->capacity, index);
  /* Later entries moved: their file positions no longer match. */
  g_hash_table_remove_all (self->origins);
  ls_scenario_emit_changed (self);
}

guint
ls_scenario_get_n_restrictions (LsScenario *self)
{
  g_return_val_if_fail (LS_IS_SCENARIO (self), 0);
  return self->restrictions->len;
}

const LsRestriction *
ls_scenario_get_restriction (LsScenario *self,
                             guint       index)
{
  g_return_val_if_fail (LS_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (index < self->restrictions->len, NULL);
  return g_ptr_array_index (self->restrictions, index);
}

void
ls_scenario_add_restriction (LsScenario          *self,
                             const LsRestriction *restriction)
{
  g_return_if_fail (LS_IS_SCENARIO (self));
  g_return_if_fail (restriction != NULL);

  g_ptr_array_add (self->restrictions, ls_restriction_copy (restriction));
  ls_scenario_emit_changed (self);
}

void
ls_scenario_remove_restriction (LsScenario *self,
                                guint       index)
{
  g_return_if_fail (LS_IS_SCENARIO (self));
  g_return_if_fail (index < self->restrictions->len);

  g_ptr_array_remove_index (self->restrictions, index);
  g_hash_table_remove_all (self->origins);
  ls_scenario_emit_changed (self);
}

guint
ls_scenario_get_n_pins (LsScenario *self)
{
  g_return_val_if_fail (LS_IS_SCENARIO (self), 0);
  return self->pins->len;
}

const LsPin *
ls_scenario_get_pin (LsScenario *self,
                     guint       index)
{
  g_return_val_if_fail (LS_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (index < self->pins->len, NULL);
  return g_ptr_array_index (self->pins, index);
}

/**
 * ls_scenario_lookup_pin:
 * @position: (out) (optional): where @node is pinned
 *
 * Returns: %TRUE when @node of @stage is pinned
 */
gboolean
ls_scenario_lookup_pin (LsScenario *self,
                        const char *stage,
                        const char *node,
                        guint      *position)
{
  g_return_val_if_fail (LS_IS_SCENARIO (self), FALSE);

  for (guint i = 0; i < self->pins->len; i++)
    {
      const LsPin *pin = g_ptr_array_index (self->pins, i);

      if (g_str_equal (pin->stage, stage) && g_str_equal (pin->node, node))
        {
          if (position != NULL)
            *position = pin->position;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * ls_scenario_set_pin:
 * @position: the place of @node in its column, 0 at the top
 *
 * Pins a node of the Sankey (issue 11): the layout keeps it there and
 * orders the rest around it. A scenario edit like any other (undoable),
 * but not a lever: it changes no figure.
 */
void
ls_scenario_set_pin (LsScenario *self,
                     const char *stage,
                     const char *node,
                     guint       position)
{
  g_return_if_fail (LS_IS_SCENARIO (self));
  g_return_if_fail (stage != NULL && node != NULL);

  /* A pin moved is one edit (one undo step), not a removal and an
   * addition. */
  for (guint i = 0; i < self->pins->len; i++)
    {
      const LsPin *pin = g_ptr_array_index (self->pins, i);

      if (g_str_equal (pin->stage, stage) && g_str_equal (pin->node, node))
        {
          if (pin->position == position)
            return;
          g_ptr_array_remove_index (self->pins, i);
          break;
        }
    }

  g_ptr_array_add (self->pins, ls_pin_new (stage, node, position));
  ls_scenario_emit_changed (self);
}

void
ls_scenario_remove_pin (LsScenario *self,
                        const char *stage,
                        const char *node)
{
  g_return_if_fail (LS_IS_SCENARIO (self));

  for (guint i = 0; i < self->pins->len; i++)
    {
      const LsPin *pin = g_ptr_array_index (self->pins, i);

      if (g_str_equal (pin->stage, stage) && g_str_equal (pin->node, node))
        {
          g_ptr_array_remove_index (self->pins, i);
          ls_scenario_emit_changed (self);
          return;
        }
    }
}
