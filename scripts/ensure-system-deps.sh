#!/usr/bin/env bash
# Installs what the end-to-end suite needs from Debian's packages when it is
# missing: Chromium (Playwright drives it; its own browser download is not
# used) and Xvfb (for the Electron specs where Electron's binary exists).
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v xvfb-run >/dev/null 2>&1 || need+=(xvfb)
[ ${#need[@]} -eq 0 ] && exit 0
echo "Installing from Debian's packages: ${need[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-dejavu-core xauth >/dev/null
