#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Lodestone authors
#
# Usage: check-flatpak-builder.sh MANIFEST
#
# flatpak-builder only warns about unknown or mistyped keys and still exits 0;
# with fatal warnings it aborts instead (PLATFORM.md §1.5).
set -u
. "$(dirname "$0")/lib.sh"
require_tool FLATPAK_BUILDER flatpak-builder flatpak-builder

manifest=$1
case $manifest in
  /*) ;;
  *) manifest=$PWD/$manifest ;;
esac
# flatpak-builder creates .flatpak-builder/ in the working directory, even
# for --show-manifest; keep it out of the trees.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
(cd "$scratch" && G_DEBUG=fatal-warnings "$FLATPAK_BUILDER" --show-manifest "$manifest" >/dev/null) \
  || fail "flatpak-builder rejected $manifest"
echo "OK: $manifest"
