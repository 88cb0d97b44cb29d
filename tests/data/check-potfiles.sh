#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Lodestone authors
#
# Usage: check-potfiles.sh SOURCE-ROOT
#
# po/POTFILES.in stays sorted and names only files that exist, so that
# lodestone-pot never fails on a renamed file.
set -u
. "$(dirname "$0")/lib.sh"

root=$1
list=$(grep -v '^#' "$root/po/POTFILES.in" | sed '/^[[:space:]]*$/d')
sorted=$(printf '%s\n' "$list" | LC_ALL=C sort)
[ "$list" = "$sorted" ] || fail "po/POTFILES.in is not sorted (LC_ALL=C sort)"
for f in $list; do
  [ -f "$root/$f" ] || fail "po/POTFILES.in lists $f, which does not exist"
done
echo "OK: $(printf '%s\n' "$list" | wc -l) files"
