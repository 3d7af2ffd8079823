#!/usr/bin/env bash
# Install Debian's headless browser for the web app's browser tests (tests/test_browser.py).
# Idempotent: does nothing when /usr/bin/chromium is already there. Needs root (CI runs as
# root) or passwordless sudo; without either it says so and exits 0, and the browser tests
# then skip with that reason.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    echo "setup-browser: chromium is missing and this user cannot install packages (not root, no sudo); browser tests will skip" >&2
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-browser: no apt-get here; install chromium by hand to run the browser tests" >&2
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null
command -v chromium >/dev/null
echo "setup-browser: $(chromium --version 2>/dev/null || echo chromium installed)"
