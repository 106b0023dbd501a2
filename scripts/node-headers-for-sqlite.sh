#!/usr/bin/env bash
# Makes a copy of a Node installation's headers for compiling better-sqlite3 12 and
# prints the directory to use as npm_config_nodedir.
#
# Since Node 24.19, node::ObjectWrap's constructor adds an environment cleanup hook and
# its destructor removes it, which aborts the process ("Assertion failed: (env) !=
# nullptr") when an idle-time GC collects one of better-sqlite3 12's prepared
# statements. The copy leaves those two calls out: the ObjectWrap of Node 24.18 and
# earlier, with the same NODE_MODULE_VERSION and ABI. Headers without the calls (Node
# 20, 22) are copied unchanged. better-sqlite3 13 fixes it at the source, once Node 20
# support can go.
#
#   scripts/node-headers-for-sqlite.sh <node prefix, e.g. /usr/local> <output directory>
set -euo pipefail
prefix=$1
out=$2
header=$out/include/node/node_object_wrap.h
mkdir -p "$out/include"
rm -rf "$out/include/node"
cp -a "$prefix/include/node" "$out/include/"
sed -i -E '/^ {4}(Add|Remove)CleanupHook\(\);$/d' "$header"
if grep -qE '^ {4}(Add|Remove)CleanupHook\(\);' "$header"; then
  echo "node-headers-for-sqlite: could not remove the cleanup hook calls from $header" >&2
  exit 1
fi
echo "$out"
