#!/usr/bin/env bash
# Installs Debian's Chromium for the browser test when it is missing. Playwright's own
# browser download cannot work here (the network reaches only the npm registry and
# Debian's packages), so the test drives /usr/bin/chromium through playwright-core.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium
