/* ls-ui-enums.h
 *
 * Copyright 2026 The Lodestone authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * GTypes for the choices the settings hold (the enums of
 * io.github.lodestone.Lodestone.gschema.xml), so that a setting binds to
 * a widget with g_settings_bind() and its nicks are written once.
 */

/**
 * LsColorScheme:
 * @LS_COLOR_SCHEME_DEFAULT: follow the system
 * @LS_COLOR_SCHEME_LIGHT: always light
 * @LS_COLOR_SCHEME_DARK: always dark
 */
typedef enum
{
  LS_COLOR_SCHEME_DEFAULT,
  LS_COLOR_SCHEME_LIGHT,
  LS_COLOR_SCHEME_DARK,
} LsColorScheme;

#define LS_TYPE_MAP_METRIC   (ls_map_metric_get_type ())
#define LS_TYPE_COLOR_BY     (ls_color_by_get_type ())
#define LS_TYPE_LABEL_MODE   (ls_label_mode_get_type ())
#define LS_TYPE_COLOR_SCHEME (ls_color_scheme_get_type ())

GType     ls_map_metric_get_type        (void) G_GNUC_CONST;
GType     ls_color_by_get_type          (void) G_GNUC_CONST;
GType     ls_label_mode_get_type        (void) G_GNUC_CONST;
GType     ls_color_scheme_get_type      (void) G_GNUC_CONST;

gboolean  ls_settings_get_enum_position (GValue             *value,
                                         GVariant           *variant,
                                         gpointer            enum_type);
GVariant *ls_settings_set_enum_position (const GValue       *value,
                                         const GVariantType *expected_type,
                                         gpointer            enum_type);

G_END_DECLS
