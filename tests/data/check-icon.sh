#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Lodestone authors
#
# Usage: check-icon.sh SVG-FILE SIZE [symbolic]
set -u
. "$(dirname "$0")/lib.sh"
require_tool XMLLINT xmllint libxml2-utils
require_tool RSVG_CONVERT rsvg-convert librsvg2-bin

svg=$1
size=$2
kind=${3:-}

"$XMLLINT" --noout "$svg" || fail "$svg is not well-formed XML"
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$RSVG_CONVERT" --width 256 --height 256 --output "$tmp" "$svg" || fail "rsvg-convert cannot render $svg"
[ -s "$tmp" ] || fail "rsvg-convert wrote nothing for $svg"

ns='http://www.w3.org/2000/svg'
xp ()
{
  "$XMLLINT" --xpath "$1" "$svg"
}
[ "$(xp "string(/*[local-name()='svg' and namespace-uri()='$ns']/@viewBox)")" = "0 0 $size $size" ] \
  || fail "$svg is not on a $size×$size canvas"

if [ "$kind" = symbolic ]; then
  # Symbolic icons are recoloured by the theme: one colour, filled shapes.
  [ "$(xp "count(//@stroke)")" -eq 0 ] || fail "$svg uses strokes"
  others=$(xp "count(//@fill[. != '#2e3436'])")
  [ "$others" -eq 0 ] || fail "$svg has $others fills other than #2e3436"
fi

echo "OK: $svg"
