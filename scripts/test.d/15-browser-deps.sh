#!/usr/bin/env bash
# Debian's chromium for the real-browser test (Microsoft.Playwright launches /usr/bin/chromium by path;
# `playwright install` is never run). Installed only when missing, so a developer machine is left alone.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  echo "chromium present: $(chromium --version 2>/dev/null || echo unknown version)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium >/dev/null
command -v chromium
chromium --version || true
