#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Lodestone authors
#
# Usage: check-po.sh PO-FILE
set -u
. "$(dirname "$0")/lib.sh"
require_tool MSGFMT msgfmt gettext

po=$1
lang=$(basename "$po" .po)

# --check: format strings, header and domain; --statistics: how complete.
"$MSGFMT" --check --statistics --output-file=/dev/null "$po" || fail "msgfmt --check rejected $po"
grep -q "^\"Language: $lang\\\\n\"" "$po" || fail "$po has no \"Language: $lang\" header"
grep -q '^"Content-Type: text/plain; charset=UTF-8\\n"' "$po" || fail "$po is not UTF-8"

echo "OK: $po"
