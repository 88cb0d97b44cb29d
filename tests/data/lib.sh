# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Lodestone authors
#
# Shared by the data validators; sourced, not run.

# require_tool VAR NAME PACKAGE
#
# Sets $VAR to the path of NAME: the one meson's find_program() passed in the
# environment, else the one on PATH. A missing tool skips the test (exit 77)
# so that builds without it (the Flatpak SDK has no flatpak-builder) still
# pass; under CI it fails instead, because there the install step is broken.
require_tool ()
{
  _var=$1
  _name=$2
  _package=$3
  eval "_path=\${$_var:-}"
  if [ -z "$_path" ]; then
    _path=$(command -v "$_name" 2>/dev/null) || _path=
  fi
  if [ -z "$_path" ]; then
    if [ -n "${CI:-}" ]; then
      echo "FAIL: $_name not found; install the Debian package $_package" >&2
      exit 1
    fi
    echo "SKIP: $_name not found; install the Debian package $_package"
    exit 77
  fi
  eval "$_var=\$_path"
}

fail ()
{
  echo "FAIL: $*" >&2
  exit 1
}
