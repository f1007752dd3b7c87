#!/usr/bin/env bash
# Installs Debian's chromium for the map rendering tests (tests/SiteFinder.Functions.Tests/Planning),
# once: skipped when a chromium is already on the PATH. Playwright's own browser download cannot
# run here, so the tests point Playwright at this executable (CHROMIUM_PATH overrides it).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -n "${CHROMIUM_PATH:-}" ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "chromium is not installed and this is not root: install it with apt-get install -y chromium" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
command -v chromium
