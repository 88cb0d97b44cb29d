#!/bin/sh
# Builds Lodestone and runs it on the embedded dataset, from the build tree.
set -eu
cd "$(dirname "$0")/.."

sh tools/deps.sh
if [ -d _build ]; then
  meson setup --reconfigure -Dui=true _build >/dev/null
else
  meson setup -Dui=true _build
fi
ninja -C _build

# Run from the build tree: the schema comes from there, and the app finds
# the translations compiled there by itself (src/render/ls-locale.c), so
# `LANG=ko_KR.UTF-8 sh tools/run.sh` shows it in Korean.
export GSETTINGS_SCHEMA_DIR="$PWD/_build/data"
exec ./_build/src/ui/lodestone "$@"
