#!/usr/bin/env bash
# Installs Debian's wrk for `npm run bench` when it is missing. Without it the bench falls
# back to autocannon, whose single Node.js process tops out near 10,000 requests a second on
# this machine's two cores: the bare-Fastify ceiling would then measure the load generator.
# Where apt-get cannot run (no root, no sudo, no network) the bench still runs on autocannon
# and its report names the tool.
set -uo pipefail
if command -v wrk >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO=sudo; else
    echo "wrk is not installed and apt-get needs root: the bench will use autocannon" >&2
    exit 0
  fi
else SUDO=; fi
if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends wrk >/dev/null; }; then
  echo "wrk could not be installed: the bench will use autocannon" >&2
fi
exit 0
