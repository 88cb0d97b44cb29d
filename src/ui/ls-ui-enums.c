/* ls-ui-enums.c
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ls-ui-enums"

#include "config.h"

#include "ls-ui-enums.h"

#include "ls-palette.h"
#include "ls-render-map.h"

/* The nicks are the schema's: a stored setting keeps its meaning. */

GType
ls_map_metric_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    {
      static const GEnumValue values[] = {
        { LS_MAP_METRIC_SHARE, "LS_MAP_METRIC_SHARE", "share" },
        { LS_MAP_METRIC_DEPENDENCY, "LS_MAP_METRIC_DEPENDENCY", "dependency" },
        { LS_MAP_METRIC_MEMBERSHIP, "LS_MAP_METRIC_MEMBERSHIP", "membership" },
        { 0, NULL, NULL },
      };

      g_once_init_leave (&type, g_enum_register_static ("LsMapMetric", values));
    }

  return type;
}

GType
ls_color_by_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    {
      static const GEnumValue values[] = {
        { LS_COLOR_BY_MEMBERSHIP, "LS_COLOR_BY_MEMBERSHIP", "membership" },
        { LS_COLOR_BY_ORIGIN, "LS_COLOR_BY_ORIGIN", "origin" },
        { 0, NULL, NULL },
      };

      g_once_init_leave (&type, g_enum_register_static ("LsColorBy", values));
    }

  return type;
}

GType
ls_label_mode_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    {
      static const GEnumValue values[] = {
        { LS_LABEL_VALUES, "LS_LABEL_VALUES", "value" },
        { LS_LABEL_PERCENT, "LS_LABEL_PERCENT", "percent" },
        { 0, NULL, NULL },
      };

      g_once_init_leave (&type, g_enum_register_static ("LsLabelMode", values));
    }

  return type;
}

GType
ls_color_scheme_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    {
      static const GEnumValue values[] = {
        { LS_COLOR_SCHEME_DEFAULT, "LS_COLOR_SCHEME_DEFAULT", "default" },
        { LS_COLOR_SCHEME_LIGHT, "LS_COLOR_SCHEME_LIGHT", "light" },
        { LS_COLOR_SCHEME_DARK, "LS_COLOR_SCHEME_DARK", "dark" },
        { 0, NULL, NULL },
      };

      g_once_init_leave (&type, g_enum_register_static ("LsColorScheme", values));
    }

  return type;
}

/**
 * ls_settings_get_enum_position:
 * @enum_type: (type GType): the enum of the setting, as a pointer
 *
 * A g_settings_bind_with_mapping() mapping from an enum key to the
 * position of a drop-down or combo row that lists the enum's values in
 * order.
 */
gboolean
ls_settings_get_enum_position (GValue   *value,
                               GVariant *variant,
                               gpointer  enum_type)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref ((GType) GPOINTER_TO_SIZE (enum_type));
  GEnumValue *enum_value = g_enum_get_value_by_nick (klass, g_variant_get_string (variant, NULL));

  if (enum_value == NULL)
    return FALSE;

  g_value_set_uint (value, enum_value->value);
  return TRUE;
}

/**
 * ls_settings_set_enum_position:
 * @enum_type: (type GType): the enum of the setting, as a pointer
 *
 * The reverse of ls_settings_get_enum_position().
 */
GVariant *
ls_settings_set_enum_position (const GValue       *value,
                               const GVariantType *expected_type,
                               gpointer            enum_type)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref ((GType) GPOINTER_TO_SIZE (enum_type));
  GEnumValue *enum_value = g_enum_get_value (klass, g_value_get_uint (value));

  if (enum_value == NULL)
    return NULL;

  return g_variant_new_string (enum_value->value_nick);
}
