#!/bin/sh
# Installs, with apt, the Debian 12 packages Lodestone needs to build, run
# and test, when any is missing. Safe to run again: it installs nothing
# when everything is there.
set -eu

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
  python3-jsonschema
  flatpak-builder
  xvfb
  xauth
  dbus
  fonts-cantarell
  fonts-noto-cjk
"

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing="$missing $p"
  fi
done

[ -z "$missing" ] && exit 0

echo "Installing:$missing"
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
else
  sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
