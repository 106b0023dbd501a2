#!/usr/bin/env bash
# Builds the image from the real Dockerfile with buildah (no Docker engine needed:
# --isolation chroot), then runs it and checks what an operator relies on:
#   - the image runs as the unprivileged `node` user, declares its HEALTHCHECK,
#     its data volume and its port;
#   - protected mode: bound to 0.0.0.0 without credentials it refuses to start;
#   - with a tokens file it serves: /health, the HEALTHCHECK command, one task
#     status created and changed by JSON Patch, and read back;
#   - SIGTERM exits 0, and the change is still there after a restart on the same volume.
# The base image comes from scripts/local-node-image.sh when it cannot be pulled.
#
#   scripts/container-check.sh     # about 3 minutes the first time, less with cached layers
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${TASKD_IMAGE:-localhost/taskd:check}
bash scripts/local-node-image.sh

# Where this machine reaches the npm registry through a TLS-intercepting proxy,
# its CA bundle goes to the build as a secret, as the Dockerfile documents.
build_args=()
ca=${NODE_EXTRA_CA_CERTS:-$(npm config get cafile 2>/dev/null || true)}
[[ -n $ca && $ca != null && -s $ca ]] && build_args+=(--secret "id=npm_ca,src=$ca")
echo "building $IMAGE from Dockerfile"
buildah bud --quiet --isolation chroot --format docker --layers "${build_args[@]}" -t "$IMAGE" -f Dockerfile . >/dev/null

fail() { echo "container check FAILED: $*" >&2; exit 1; }
inspect() { buildah inspect --type image --format "$1" "$IMAGE"; }

[[ $(inspect '{{.Docker.Config.User}}') == node ]] || fail "the image does not run as node"
inspect '{{.Docker.Config.Healthcheck.Test}}' | grep -q healthcheck.js || fail "no HEALTHCHECK"
inspect '{{.Docker.Config.Volumes}}' | grep -q /var/lib/taskd || fail "no volume for /var/lib/taskd"
inspect '{{.Docker.Config.ExposedPorts}}' | grep -q 3000 || fail "port 3000 not exposed"
inspect '{{range .Docker.Config.Env}}{{println .}}{{end}}' | grep -q '^NODE_OPTIONS=--max-old-space-size=' || fail "no heap budget (NODE_OPTIONS)"
echo "image: user node, HEALTHCHECK, VOLUME /var/lib/taskd, EXPOSE 3000, heap budget"

work=$(mktemp -d)
containers=()
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
  for c in "${containers[@]}"; do buildah rm "$c" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/data" "$work/secrets"
chown 1000:1000 "$work/data"
token=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
printf '{"%s": ["task-status:read", "task-status:write", "task:read", "task:write"]}\n' "$token" >"$work/secrets/tokens.json"
chmod 0644 "$work/secrets/tokens.json"
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")

# Sets $container to a new container from the image (not in a subshell, so that
# cleanup knows every container made).
new_container() {
  container=$(buildah from --quiet "$IMAGE")
  containers+=("$container")
}

# Protected mode: 0.0.0.0 and no credentials is refused with one line.
new_container
refused=$(buildah run --isolation chroot --env PORT="$port" "$container" -- node dist/server.js 2>&1 || true)
grep -q 'taskd: invalid configuration: HOST is 0.0.0.0' <<<"$refused" || fail "started without credentials: $refused"
echo "protected mode: refused to serve 0.0.0.0 without credentials"

# Each start is a new container from the image, as `docker run` would make, on the same volume.
start_server() {
  local attempt
  for attempt in 1 2 3 4 5; do
    launch_server
    # buildah 1.28 sometimes mounts its own anonymous volume for the image's VOLUME
    # over the -v bind of the same path (Docker never does): start again when so.
    grep -q " $work/data /var/lib/taskd " "/proc/$server_pid/mountinfo" && return 0
    echo "buildah mounted its anonymous volume over the data directory (attempt $attempt); starting again"
    stop_server
  done
  fail "could not mount the data directory at /var/lib/taskd"
}
launch_server() {
  new_container
  buildah run --isolation chroot --env PORT="$port" --env AUTH_TOKENS_FILE=/run/secrets/tokens.json \
    -v "$work/data:/var/lib/taskd" -v "$work/secrets:/run/secrets:ro" \
    "$container" -- node dist/server.js >>"$work/server.log" 2>&1 &
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    sleep 0.1
  done
  curl -fsS "http://127.0.0.1:$port/health" >/dev/null || { cat "$work/server.log"; fail "/health did not answer"; }
  # The newest process of that command line whose parent is buildah's chroot runner.
  server_pid=$(pgrep -n -f "^/usr/local/bin/node dist/server.js")
}
stop_server() {
  kill -TERM "$server_pid"
  for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
  ! kill -0 "$server_pid" 2>/dev/null || fail "the server did not stop on SIGTERM"
  wait || fail "the container exited with $? on SIGTERM"
  server_pid=
}

start_server
[[ $(ps -o user= -p "$server_pid") == node || $(ps -o uid= -p "$server_pid" | tr -d ' ') == 1000 ]] || fail "the server runs as $(ps -o user= -p "$server_pid")"
echo "/health: 200, server process runs as uid 1000"

new_container
buildah run --isolation chroot --env PORT="$port" "$container" -- node dist/healthcheck.js || fail "the HEALTHCHECK command failed"
echo "HEALTHCHECK command: healthy"

api() { curl -sS -H "Authorization: Bearer $token" "$@"; }
[[ $(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/task-status/x") == 401 ]] || fail "an unauthenticated request was not refused"

created=$(api -H 'Content-Type: application/json' -d '{"type":"QUARTZ","uniqueName":"Container check","description":"Created through the image","launcher":"container-check"}' \
  -w '\n%{http_code}' "http://127.0.0.1:$port/task-status")
[[ $(tail -1 <<<"$created") == 201 ]] || fail "create: $created"
id=$(head -1 <<<"$created" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).id))')

patched=$(api -X PATCH -H 'Content-Type: application/json-patch+json' \
  -d '[{"op":"replace","path":"/percentComplete","value":40},{"op":"replace","path":"/progress","value":"Copying"}]' \
  -w '\n%{http_code}' "http://127.0.0.1:$port/task-status/$id")
[[ $(tail -1 <<<"$patched") == 200 ]] || fail "patch: $patched"
echo "PATCH /task-status/$id: 200"

# Statements made and dropped (each /ready prepares one), then an idle pause in
# which V8 collects them: a native module built against the wrong headers aborts
# here (see the Dockerfile's build stage).
for _ in $(seq 1 300); do curl -fsS -o /dev/null "http://127.0.0.1:$port/ready" || fail "/ready failed"; done
sleep 8
kill -0 "$server_pid" 2>/dev/null && curl -fsS -o /dev/null "http://127.0.0.1:$port/health" \
  || { cat "$work/server.log"; fail "the server died after its statements were collected"; }
echo "300 statements collected while idle: still serving"

stop_server
echo "SIGTERM: exited 0"

start_server
read_back=$(api "http://127.0.0.1:$port/task-status/$id")
grep -q '"percentComplete":40' <<<"$read_back" && grep -q '"progress":"Copying"' <<<"$read_back" \
  || fail "the change was lost across a restart: $read_back"
echo "restart on the same volume: the change is there"
stop_server

echo "container check passed ($IMAGE, node $(inspect '{{range .Docker.Config.Env}}{{println .}}{{end}}' | sed -n 's/^NODE_VERSION=//p'))"
