#!/usr/bin/env bash
# A highly available PostgreSQL on this one machine, for the failover test and for
# trying taskd against one: etcd (the consensus store), three PostgreSQL 15 nodes
# managed by Patroni with synchronous replication, and HAProxy sending connections to
# whichever node is the primary now (it asks each node's Patroni REST API GET /primary).
#
#   scripts/ha-cluster.sh up       start what is not running; wait for a primary and a synchronous standby
#   scripts/ha-cluster.sh status   what runs, and Patroni's view of the cluster
#   scripts/ha-cluster.sh down     stop everything it started and remove its data
#
# Everything lives under HA_CLUSTER_DIR (default /tmp/taskd-ha) and listens on loopback
# only, on ports of its own: PostgreSQL 25432-25434, Patroni REST 8008-8010, etcd
# 23790/23800, HAProxy 25000 (taskd's STORE_URL: postgres://postgres:postgres@127.0.0.1:25000/postgres).
# Only processes whose ids it recorded (or that a data directory of its own names) are
# ever stopped: any other PostgreSQL on the machine is left alone. Authentication on
# loopback is trust: this is a cluster for tests, not for production.
set -euo pipefail

BASE=${HA_CLUSTER_DIR:-/tmp/taskd-ha}
SCOPE=taskd-ha
PG_BIN=/usr/lib/postgresql/15/bin
ETCD_CLIENT_PORT=23790
ETCD_PEER_PORT=23800
HAPROXY_PORT=25000
NODES=(node1 node2 node3)
pg_port () { echo $((25432 + ${1#node} - 1)); }
rest_port () { echo $((8008 + ${1#node} - 1)); }

log () { echo "ha-cluster: $*" >&2; }

alive () { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

ensure_packages () {
  local missing=()
  command -v etcd >/dev/null || missing+=(etcd-server)
  command -v etcdctl >/dev/null || missing+=(etcd-client)
  command -v patroni >/dev/null || missing+=(patroni)
  command -v haproxy >/dev/null || missing+=(haproxy)
  [[ -x $PG_BIN/postgres ]] || missing+=(postgresql-15)
  if ((${#missing[@]} > 0)); then
    log "installing ${missing[*]}"
    apt-get update -qq
    # policy-rc.d keeps the packages' own services from starting: this script starts its own.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# Starts a detached process recording its id; `$1` names it, the rest is the command.
start_detached () {
  local name=$1; shift
  setsid "$@" >>"$BASE/$name.log" 2>&1 < /dev/null &
  echo $! >"$BASE/$name.pid"
}

start_etcd () {
  alive "$BASE/etcd.pid" && return
  log "starting etcd on 127.0.0.1:$ETCD_CLIENT_PORT"
  mkdir -p "$BASE/etcd"
  chmod 700 "$BASE/etcd"
  start_detached etcd etcd --name "$SCOPE" --data-dir "$BASE/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "$SCOPE=http://127.0.0.1:$ETCD_PEER_PORT" --initial-cluster-state new
  for _ in $(seq 1 50); do
    ETCDCTL_API=3 etcdctl --endpoints "127.0.0.1:$ETCD_CLIENT_PORT" endpoint health >/dev/null 2>&1 && return
    sleep 0.2
  done
  log "etcd did not become healthy; see $BASE/etcd.log"
  exit 1
}

# Failover settings: a leader key that lapses 10 s after its Patroni stops renewing it,
# a check every second, and a crashed primary replaced at once rather than restarted in
# place (primary_start_timeout 0), which synchronous_mode makes safe: only the
# synchronous standby, which has every acknowledged commit, may be promoted.
write_patroni_config () {
  local node=$1 dir="$BASE/$1"
  mkdir -p "$dir"
  cat >"$dir/patroni.yml" <<EOF
scope: $SCOPE
namespace: /taskd/
name: $node
log:
  level: WARNING
restapi:
  listen: 127.0.0.1:$(rest_port "$node")
  connect_address: 127.0.0.1:$(rest_port "$node")
etcd3:
  hosts: 127.0.0.1:$ETCD_CLIENT_PORT
bootstrap:
  dcs:
    ttl: 10
    loop_wait: 1
    retry_timeout: 4
    primary_start_timeout: 0
    maximum_lag_on_failover: 1048576
    synchronous_mode: true
    postgresql:
      use_pg_rewind: true
      use_slots: true
      parameters:
        wal_level: replica
        hot_standby: 'on'
        wal_log_hints: 'on'
        max_wal_senders: 10
        max_replication_slots: 10
        max_connections: 200
        synchronous_commit: 'on'
  initdb:
    - encoding: UTF8
    - data-checksums
  pg_hba:
    - local all all trust
    - host replication replicator 127.0.0.1/32 trust
    - host all all 127.0.0.1/32 trust
postgresql:
  listen: 127.0.0.1:$(pg_port "$node")
  connect_address: 127.0.0.1:$(pg_port "$node")
  data_dir: $dir/data
  bin_dir: $PG_BIN
  pgpass: $dir/pgpass
  authentication:
    replication:
      username: replicator
      password: replicator
    superuser:
      username: postgres
      password: postgres
    rewind:
      username: postgres
      password: postgres
  parameters:
    unix_socket_directories: $dir
    shared_buffers: 32MB
    fsync: 'on'
EOF
  chown -R postgres:postgres "$dir"
}

start_node () {
  local node=$1
  alive "$BASE/$node.pid" && return
  log "starting Patroni $node (PostgreSQL on 127.0.0.1:$(pg_port "$node"), REST on 127.0.0.1:$(rest_port "$node"))"
  [[ -f $BASE/$node/patroni.yml ]] || write_patroni_config "$node"
  touch "$BASE/$node.log" && chown postgres:postgres "$BASE/$node.log"
  (cd "$BASE/$node" && HOME="$BASE/$node" start_detached "$node" setpriv --reuid=postgres --regid=postgres --init-groups patroni "$BASE/$node/patroni.yml")
}

start_haproxy () {
  alive "$BASE/haproxy.pid" && return
  log "starting HAProxy on 127.0.0.1:$HAPROXY_PORT"
  {
    cat <<EOF
global
  maxconn 2000
defaults
  mode tcp
  timeout connect 1s
  timeout client 1h
  timeout server 1h
  timeout check 1s
# Connections go to the one node whose Patroni answers GET /primary with 200. A node
# that stops answering so is out after two checks half a second apart, and the
# connections it holds are closed then (on-marked-down), so a client never keeps
# talking to a demoted or silent primary.
listen postgres-primary
  bind 127.0.0.1:$HAPROXY_PORT
  option httpchk GET /primary
  http-check expect status 200
  default-server inter 500ms fall 2 rise 1 on-marked-down shutdown-sessions
EOF
    for node in "${NODES[@]}"; do
      echo "  server $node 127.0.0.1:$(pg_port "$node") maxconn 500 check port $(rest_port "$node")"
    done
  } >"$BASE/haproxy.cfg"
  start_detached haproxy haproxy -db -f "$BASE/haproxy.cfg"
  # HAProxy exits at once when it cannot bind its port; say so now, with its reason,
  # rather than as a cluster that never becomes ready.
  for _ in $(seq 1 25); do
    alive "$BASE/haproxy.pid" || break
    (echo >"/dev/tcp/127.0.0.1/$HAPROXY_PORT") 2>/dev/null && return
    sleep 0.2
  done
  log "HAProxy is not listening on 127.0.0.1:$HAPROXY_PORT; its log:"
  tail -20 "$BASE/haproxy.log" >&2 || true
  exit 1
}

# Patroni's view: "name role state lag" lines from the primary's REST API.
members () {
  local node
  for node in "${NODES[@]}"; do
    curl -sf "http://127.0.0.1:$(rest_port "$node")/cluster" 2>/dev/null && return
  done
  return 1
}

wait_ready () {
  local deadline=$((SECONDS + ${HA_CLUSTER_TIMEOUT:-120}))
  while ((SECONDS < deadline)); do
    local cluster
    if cluster=$(members) &&
      grep -q '"role": *"leader"[^}]*"state": *"running"' <<<"$cluster" &&
      grep -q '"role": *"sync_standby"[^}]*"state": *"\(running\|streaming\)"' <<<"$cluster" &&
      [[ $(psql_via_haproxy 'SELECT pg_is_in_recovery()') == f ]]; then
      log "ready: a primary and a synchronous standby; STORE_URL=postgres://postgres:postgres@127.0.0.1:$HAPROXY_PORT/postgres"
      return
    fi
    sleep 0.5
  done
  log "no primary with a synchronous standby within ${HA_CLUSTER_TIMEOUT:-120} s"
  status >&2 || true
  local name
  for name in haproxy "${NODES[@]}"; do
    log "last lines of $name.log:"
    tail -15 "$BASE/$name.log" >&2 || true
  done
  exit 1
}

psql_via_haproxy () {
  PGCONNECT_TIMEOUT=2 "$PG_BIN/psql" -XAtq "postgres://postgres:postgres@127.0.0.1:$HAPROXY_PORT/postgres" -c "$1" 2>/dev/null
}

up () {
  ensure_packages
  mkdir -p "$BASE"
  chmod 755 "$BASE"
  start_etcd
  for node in "${NODES[@]}"; do start_node "$node"; done
  start_haproxy
  wait_ready
}

status () {
  local name
  for name in etcd "${NODES[@]}" haproxy; do
    if alive "$BASE/$name.pid"; then echo "$name: running (pid $(cat "$BASE/$name.pid"))"; else echo "$name: stopped"; fi
  done
  [[ -f $BASE/node1/patroni.yml ]] && patronictl -c "$BASE/node1/patroni.yml" list 2>/dev/null || true
}

# A process and what it started, by the ids recorded.
stop_recorded () {
  local pidfile=$1 signal=${2:-TERM}
  alive "$pidfile" || return 0
  kill "-$signal" "$(cat "$pidfile")" 2>/dev/null || true
}

down () {
  [[ -d $BASE ]] || { log "nothing to stop"; return; }
  for node in "${NODES[@]}"; do stop_recorded "$BASE/$node.pid"; done
  # Patroni stops its PostgreSQL on SIGTERM; give it a moment, then stop what remains.
  for _ in $(seq 1 40); do
    local running=0
    for node in "${NODES[@]}"; do alive "$BASE/$node.pid" && running=1; done
    ((running == 0)) && break
    sleep 0.25
  done
  for node in "${NODES[@]}"; do
    stop_recorded "$BASE/$node.pid" KILL
    # A postmaster that outlived its Patroni, named by its own data directory's pid file.
    local postmaster_pid="$BASE/$node/data/postmaster.pid"
    if [[ -f $postmaster_pid ]]; then
      local pid
      pid=$(head -1 "$postmaster_pid")
      if [[ $(readlink -f "/proc/$pid/cwd" 2>/dev/null) == "$BASE/$node/data" ]]; then
        kill -QUIT "$pid" 2>/dev/null || true
        sleep 0.5
        kill -KILL "$pid" 2>/dev/null || true
      fi
    fi
  done
  stop_recorded "$BASE/haproxy.pid"
  stop_recorded "$BASE/etcd.pid"
  for name in haproxy etcd; do
    for _ in $(seq 1 20); do alive "$BASE/$name.pid" || break; sleep 0.25; done
    stop_recorded "$BASE/$name.pid" KILL
  done
  rm -rf "$BASE"
  log "stopped, and removed $BASE"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
