#!/bin/sh
# Generates the locales the tests run under, when any is missing:
# ko_KR.UTF-8 (the Korean interface) and de_DE.UTF-8 (a decimal comma and
# "." digit grouping). Needs the `locales` package (tools/deps.sh installs
# it) and root. Safe to run again: it does nothing when both are there.
set -eu

locales="ko_KR de_DE"

# `locale -a` spells them ko_KR.utf8.
have () {
  locale -a 2>/dev/null | grep -qx "$1.utf8"
}

missing=""
for l in $locales; do
  have "$l" || missing="$missing $l"
done

[ -z "$missing" ] && exit 0

if ! command -v locale-gen >/dev/null; then
  echo "tools/locales.sh: locale-gen is missing; run tools/deps.sh first" >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=""
else
  sudo="sudo"
fi

# Enabled in /etc/locale.gen rather than added with localedef alone, so
# that the next locale-gen (the `locales` package runs it on upgrade)
# keeps them.
for l in $missing; do
  echo "Enabling $l.UTF-8"
  if grep -q "^# *$l.UTF-8 UTF-8" /etc/locale.gen 2>/dev/null; then
    $sudo sed -i "s/^# *\($l.UTF-8 UTF-8\)/\1/" /etc/locale.gen
  else
    echo "$l.UTF-8 UTF-8" | $sudo tee -a /etc/locale.gen >/dev/null
  fi
done
$sudo locale-gen
