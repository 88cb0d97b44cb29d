#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Lodestone authors
#
# Usage: check-schemas.sh SOURCE-SCHEMA-DIR BUILD-SCHEMA-DIR SCHEMA-ID
set -u
. "$(dirname "$0")/lib.sh"
require_tool GLIB_COMPILE_SCHEMAS glib-compile-schemas libglib2.0-bin
require_tool XMLLINT xmllint libxml2-utils

srcdir=$1
builddir=$2
schema_id=$3
file=$srcdir/$schema_id.gschema.xml

"$GLIB_COMPILE_SCHEMAS" --strict --dry-run "$srcdir" || fail "glib-compile-schemas --strict rejected $srcdir"

n_keys=$("$XMLLINT" --xpath "count(//schema[@id='$schema_id']/key)" "$file")
undocumented=$("$XMLLINT" --xpath 'count(//key[not(summary) or not(description)])' "$file")
[ "$undocumented" -eq 0 ] || fail "$undocumented keys lack a summary or a description"
[ "$("$XMLLINT" --xpath 'string(/schemalist/@gettext-domain)' "$file")" = lodestone ] \
  || fail "gettext-domain is not lodestone"

# The tests load settings from the compiled copy in the build tree.
[ -f "$builddir/gschemas.compiled" ] || fail "$builddir/gschemas.compiled was not built"
if command -v gsettings >/dev/null 2>&1; then
  n_compiled=$(gsettings --schemadir "$builddir" list-keys "$schema_id" | wc -l)
  [ "$n_compiled" -eq "$n_keys" ] || fail "compiled schema has $n_compiled keys, the source $n_keys"
fi

echo "OK: $schema_id, $n_keys keys"
