#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Lodestone authors
#
# Usage: check-metainfo.sh METAINFO-FILE DESKTOP-FILE APP-ID
#
# appstreamcli validate, held to Flathub's rule that warnings are fatal, plus
# the Flathub-required elements that appstreamcli 0.16 does not check.
set -u
. "$(dirname "$0")/lib.sh"
require_tool APPSTREAMCLI appstreamcli appstream
require_tool XMLLINT xmllint libxml2-utils

file=$1
desktop=$2
app_id=$3

out=$("$APPSTREAMCLI" validate --no-net "$file" 2>&1)
rc=$?
printf '%s\n' "$out"
[ $rc -eq 0 ] || fail "appstreamcli validate exited with $rc"
if printf '%s\n' "$out" | grep -q '^[WE]:'; then
  fail "appstreamcli reported warnings or errors"
fi
# appstreamcli 0.16 does not know <developer> yet (AppStream 1.0 does);
# any other unknown tag is a typo.
unknown=$(printf '%s\n' "$out" | grep 'unknown-tag' | grep -v 'unknown-tag developer$')
[ -z "$unknown" ] || fail "unknown tags: $unknown"

xpath ()
{
  "$XMLLINT" --xpath "$1" "$file" 2>/dev/null
}

# at_least N XPATH-COUNT-EXPRESSION
at_least ()
{
  n=$(xpath "$2")
  [ -n "$n" ] && [ "$n" -ge "$1" ] || fail "want at least $1 of $2, found ${n:-none}"
  echo "ok: $2 = $n"
}

at_least 1 'count(/component/developer[@id]/name)'
at_least 1 'count(/component/url[@type="homepage"])'
at_least 1 'count(/component/url[@type="bugtracker"])'
at_least 1 'count(/component/url[@type="vcs-browser"])'
at_least 3 'count(/component/screenshots/screenshot[image][caption[not(@xml:lang)]])'
at_least 1 'count(/component/releases/release[@version][@date])'
at_least 1 'count(/component/content_rating[@type="oars-1.1"])'
at_least 1 'count(/component/launchable[@type="desktop-id"])'
at_least 1 'count(/component/branding/color[@type="primary"][@scheme_preference="light"])'
at_least 1 'count(/component/branding/color[@type="primary"][@scheme_preference="dark"])'
at_least 80 'string-length(normalize-space(/component/description/p[not(@xml:lang)][1]))'

[ "$(xpath 'string(/component/id)')" = "$app_id" ] || fail "<id> is not $app_id"
[ "$(xpath 'string(/component/launchable[@type="desktop-id"])')" = "$app_id.desktop" ] \
  || fail "<launchable> is not $app_id.desktop"
[ "$(xpath 'string(/component/translation[@type="gettext"])')" = "lodestone" ] \
  || fail "<translation type=\"gettext\"> is not lodestone"

# Flathub rejects release dates in the future.
today=$(date -u +%Y-%m-%d)
for date in $(xpath '/component/releases/release/@date' | sed 's/ *date="\([^"]*\)"/\1 /g'); do
  [ "$date" \< "$today" ] || [ "$date" = "$today" ] || fail "release dated $date, after today ($today)"
done

# The metainfo's categories must be the desktop file's.
from_desktop=$(sed -n 's/^Categories=//p' "$desktop" | tr ';' '\n' | sed '/^$/d' | sort)
from_metainfo=$(i=1
  n=$(xpath 'count(/component/categories/category)')
  while [ "$i" -le "$n" ]; do
    xpath "string(/component/categories/category[$i])"
    echo
    i=$((i + 1))
  done | sed '/^$/d' | sort)
[ "$from_desktop" = "$from_metainfo" ] \
  || fail "categories differ: desktop [$(echo $from_desktop)], metainfo [$(echo $from_metainfo)]"

echo "OK: $file"
