#!/bin/sh
# Installs, with apt, the Debian 12 packages Lodestone needs to build, run
# and test, when any is missing, then generates the locales the tests use
# (tools/locales.sh). Safe to run again: it installs nothing when
# everything is there.
set -eu
cd "$(dirname "$0")/.."

packages="
  gcc
  clang
  libclang-rt-14-dev
  meson
  ninja-build
  pkg-config
  gettext
  libglib2.0-dev
  libjson-glib-dev
  libcairo2-dev
  libpango1.0-dev
  libgtk-4-dev
  libadwaita-1-dev
  libshumate-dev
  libglpk-dev
  desktop-file-utils
  appstream
  libxml2-utils
  librsvg2-bin
  poppler-utils
  python3-jsonschema
  flatpak-builder
  xvfb
  xauth
  dbus
  fonts-cantarell
  fonts-noto-cjk
  locales
"

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing="$missing $p"
  fi
done

if [ -n "$missing" ]; then
  echo "Installing:$missing"
  if [ "$(id -u)" -eq 0 ]; then
    sudo=""
  else
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi

sh tools/locales.sh
