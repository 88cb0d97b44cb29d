#!/bin/sh
# Builds Lodestone and runs every test suite (model, render, ui, data) under
# a virtual display and a private session bus. Prints meson's summary.
set -eu
cd "$(dirname "$0")/.."

sh tools/deps.sh
if [ -d _build ]; then
  meson setup --reconfigure -Dui=true _build >/dev/null
else
  meson setup -Dui=true _build
fi
ninja -C _build

dbus-run-session -- xvfb-run -a -s "-screen 0 1280x1024x24" \
  meson test -C _build --print-errorlogs "$@"
