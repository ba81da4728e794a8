#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver for the inbox's browser tests (InboxBrowserIT) when either is
# missing; does nothing when both are there. Maven runs it before the integration tests (pre-integration-test).
# As root it calls apt-get directly, otherwise through sudo (which must not ask for a password: no terminal here).
set -euo pipefail

BROWSER=${HUB_CHROMIUM:-/usr/bin/chromium}
DRIVER=${HUB_CHROMEDRIVER:-/usr/bin/chromedriver}

if [[ -x "$BROWSER" && -x "$DRIVER" ]]; then
  echo "install-chromium: $BROWSER and $DRIVER are installed"
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo -n)
else
  echo "install-chromium: $BROWSER or $DRIVER is missing and this user cannot install packages;" \
       "install them: apt-get install -y chromium chromium-driver" >&2
  exit 1
fi

echo "install-chromium: installing Debian's chromium and chromium-driver"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q chromium chromium-driver

if [[ ! -x "$BROWSER" || ! -x "$DRIVER" ]]; then
  echo "install-chromium: apt-get finished but $BROWSER or $DRIVER is still missing" >&2
  exit 1
fi
