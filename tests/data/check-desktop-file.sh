#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Lodestone authors
#
# Usage: check-desktop-file.sh DESKTOP-FILE APP-ID
set -u
. "$(dirname "$0")/lib.sh"
require_tool DESKTOP_FILE_VALIDATE desktop-file-validate desktop-file-utils

file=$1
app_id=$2

out=$("$DESKTOP_FILE_VALIDATE" "$file" 2>&1)
rc=$?
[ -z "$out" ] || printf '%s\n' "$out"
[ $rc -eq 0 ] || fail "desktop-file-validate exited with $rc"
# Some errors ("will be fatal in the future") still exit 0, and Flathub
# rejects them all (PLATFORM.md §3.1), so the text counts too.
if printf '%s\n' "$out" | grep -qi 'error'; then
  fail "desktop-file-validate reported an error"
fi

# The icon is found by id (no path, no extension), and the binary by name.
grep -qx "Icon=$app_id" "$file" || fail "Icon= is not $app_id"
# Files the file manager hands over arrive as URIs (m15), and scenario
# files are the app's own type.
grep -qx "Exec=lodestone %U" "$file" || fail "Exec= is not lodestone %U"
grep -qx "MimeType=application/x-lodestone-scenario;" "$file" || fail "MimeType= does not name scenario files"

echo "OK: $file"
