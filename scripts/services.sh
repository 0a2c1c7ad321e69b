#!/usr/bin/env bash
# Make the real backing services available on loopback for tests and local runs:
#   MongoDB API - FerretDB v1.24.2 with its SQLite backend on 127.0.0.1:27117
#   Redis       - redis-server on 127.0.0.1:6390
# A service whose URL is already given (MONGODB_URI / REDIS_URL) is left alone.
# Writes .data/services.env for `source`. Idempotent: whatever already answers is reused.
#
# Usage: bash scripts/services.sh [start|stop]
#   stop - stops only what this script started (by its pid files in .data/).
set -euo pipefail
shopt -s inherit_errexit # so `die` inside $(...) still stops the script

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="$ROOT/.data"

FERRET_VERSION="v1.24.2"
FERRET_MODULE="github.com/FerretDB/FerretDB"
FERRET_PORT=27117
FERRET_PID="$DATA/ferretdb.pid"
REDIS_PORT=6390
REDIS_PID="$DATA/redis.pid"
DEFAULT_MONGODB_URI="mongodb://127.0.0.1:$FERRET_PORT/desk"
DEFAULT_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
WAIT_SECONDS="${SERVICES_WAIT_SECONDS:-60}"

log() { echo "services: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- helpers

# True when pid file $1 names a live process whose command line contains $2
# (the name check guards against a recycled pid).
pidfile_alive() {
  local pid
  [ -f "$1" ] || return 1
  pid="$(cat "$1" 2>/dev/null)"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$2"
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Waits up to WAIT_SECONDS for command "$@" to succeed.
wait_until() {
  local deadline=$((SECONDS + WAIT_SECONDS))
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}

# ---------------------------------------------------------------- FerretDB binary

find_go() {
  command -v go 2>/dev/null && return
  [ -x /usr/local/go/bin/go ] && echo /usr/local/go/bin/go && return
  return 1
}

# A usable binary must start and report the pinned version: a plain `go install`
# of FerretDB 1.x builds a binary that panics at start (build/version/version.txt
# is generated from git upstream and absent from the module; FerretDB issue #2982).
ferret_usable() {
  [ -x "$1" ] && "$1" --version 2>/dev/null | grep -qx "version: $FERRET_VERSION"
}

# Where a build goes and where we look first: GOBIN, else the first GOPATH entry's bin.
go_bin_dir() {
  local go dir
  go="$(find_go)" || return 1
  dir="$("$go" env GOBIN)"
  [ -n "$dir" ] || dir="$("$go" env GOPATH | cut -d: -f1)/bin"
  echo "$dir"
}

find_ferretdb() {
  local candidate
  for candidate in "$(command -v ferretdb 2>/dev/null || true)" \
    "$(go_bin_dir 2>/dev/null || true)/ferretdb" "$HOME/go/bin/ferretdb"; do
    if [ -n "$candidate" ] && ferret_usable "$candidate"; then
      echo "$candidate"
      return
    fi
  done
  return 1
}

# Another `go install` of FerretDB (e.g. a machine's setup) may be writing the
# binary right now: wait for it instead of racing it with a second build.
wait_for_other_install() {
  local waited=0
  command -v pgrep >/dev/null || return 0
  while pgrep -f "go install $FERRET_MODULE/cmd/ferretdb" >/dev/null; do
    [ "$waited" -eq 0 ] && log "waiting for a running 'go install' of FerretDB to finish"
    [ "$waited" -lt 1800 ] || die "the other FerretDB 'go install' still runs after 30 min"
    sleep 5
    waited=$((waited + 5))
  done
}

# Builds the pinned release from the Go module proxy. Same source as
# `go install ...@v1.24.2`, plus the version file the release build would have
# generated. Cold module and build caches: about 1.5-2 minutes on 2 cores.
build_ferretdb() (
  local go dest work src
  go="$(find_go)" || die "Go not found (PATH, /usr/local/go/bin): needed to build FerretDB"
  dest="$(go_bin_dir)"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  log "building FerretDB $FERRET_VERSION with $("$go" version | cut -d' ' -f3) into $dest"

  src="$(cd "$work" && "$go" mod download -json "$FERRET_MODULE@$FERRET_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [ -d "$src" ] || die "go mod download of $FERRET_MODULE@$FERRET_VERSION failed"
  cp -r "$src" "$work/src"
  chmod -R u+w "$work/src"
  echo "$FERRET_VERSION" >"$work/src/build/version/version.txt"

  mkdir -p "$dest"
  (cd "$work/src" && "$go" build -trimpath -o "$dest/ferretdb.new.$$" ./cmd/ferretdb)
  mv -f "$dest/ferretdb.new.$$" "$dest/ferretdb"
  ferret_usable "$dest/ferretdb" || die "built $dest/ferretdb does not report $FERRET_VERSION"
)

ensure_ferretdb() {
  wait_for_other_install
  find_ferretdb && return
  build_ferretdb >&2
  find_ferretdb || die "FerretDB binary not found after the build"
}

# ---------------------------------------------------------------- FerretDB service

# A real MongoDB ping through the driver the app uses; before `npm ci` has
# installed it, an open port is the best evidence available.
mongo_ping() {
  port_open "$FERRET_PORT" || return 1 # fast path: the driver would retry for 2 s
  [ -d "$ROOT/node_modules/mongodb" ] || return 0
  (cd "$ROOT" && node -e '
    const { MongoClient } = require("mongodb");
    const client = new MongoClient(process.argv[1], { serverSelectionTimeoutMS: 2000 });
    client.connect()
      .then(() => client.db("admin").command({ ping: 1 }))
      .then(() => client.close())
      .then(() => process.exit(0), () => process.exit(1));
  ' "$DEFAULT_MONGODB_URI") 2>/dev/null
}

# Shell code that closes every fd above 2: a daemon that inherits a caller's pipe
# (CI's output, our lock) could keep that caller waiting for EOF after we exit.
# shellcheck disable=SC2016 # expanded by the inner shell, on purpose
CLOSE_FDS='for fd in /proc/$$/fd/*; do fd="${fd##*/}"; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done'

start_ferretdb() {
  local bin="$1"
  mkdir -p "$DATA/ferretdb" "$DATA/ferretdb-state"
  # setsid + nohup: the server outlives this script and its terminal; the inner
  # shell records its own pid and then becomes ferretdb (exec keeps the pid).
  DO_NOT_TRACK=1 setsid nohup bash -c "$CLOSE_FDS; echo \$\$ >\"\$0\"; exec \"\$@\"" \
    "$FERRET_PID" "$bin" \
    --handler=sqlite \
    --sqlite-url="file:$DATA/ferretdb/" \
    --listen-addr="127.0.0.1:$FERRET_PORT" \
    --state-dir="$DATA/ferretdb-state" \
    --telemetry=disable \
    --debug-addr=- \
    --log-level=warn \
    </dev/null >"$DATA/ferretdb.log" 2>&1 &
}

ferret_failed() {
  log "last lines of $DATA/ferretdb.log:"
  tail -n 20 "$DATA/ferretdb.log" >&2 || true
  die "FerretDB did not answer a MongoDB ping on 127.0.0.1:$FERRET_PORT within ${WAIT_SECONDS}s"
}

# Echoes how MongoDB was made available: reused or started.
ensure_mongodb() {
  if mongo_ping; then
    echo "reused"
    return
  fi
  if pidfile_alive "$FERRET_PID" ferretdb; then
    wait_until mongo_ping || ferret_failed # our own server, still starting
    echo "reused"
    return
  fi
  port_open "$FERRET_PORT" &&
    die "port $FERRET_PORT is taken by something that does not answer a MongoDB ping"

  local bin
  bin="$(ensure_ferretdb)"
  start_ferretdb "$bin"
  wait_until mongo_ping || ferret_failed
  echo "started"
}

# ---------------------------------------------------------------- Redis

redis_ping() {
  [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]
}

ensure_redis_binary() {
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null && return
  log "installing redis-server from Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq redis-server >&2
}

redis_failed() {
  log "last lines of $DATA/redis.log:"
  tail -n 20 "$DATA/redis.log" >&2 || true
  die "redis-server did not answer PING on 127.0.0.1:$REDIS_PORT within ${WAIT_SECONDS}s"
}

# Echoes how Redis was made available: reused or started.
ensure_redis() {
  ensure_redis_binary
  if redis_ping; then
    echo "reused"
    return
  fi
  port_open "$REDIS_PORT" && die "port $REDIS_PORT is taken by something that is not Redis"

  mkdir -p "$DATA/redis"
  bash -c "$CLOSE_FDS; exec \"\$@\"" redis-server \
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$DATA/redis" \
    --daemonize yes --pidfile "$REDIS_PID" --logfile "$DATA/redis.log" </dev/null >&2
  wait_until redis_ping || redis_failed
  echo "started"
}

# ---------------------------------------------------------------- commands

write_env() {
  local tmp="$DATA/services.env.$$"
  {
    echo "# written by scripts/services.sh; source it"
    echo "export MONGODB_URI=$(printf '%q' "$1")"
    echo "export REDIS_URL=$(printf '%q' "$2")"
  } >"$tmp"
  mv -f "$tmp" "$DATA/services.env" # atomic: a concurrent reader never sees half a file
}

start_all() {
  local mongo_uri="${MONGODB_URI:-}" redis_url="${REDIS_URL:-}" mongo_how redis_how
  if [ -n "$mongo_uri" ]; then
    mongo_how="given"
  else
    mongo_how="ferretdb $FERRET_VERSION $(ensure_mongodb)"
    mongo_uri="$DEFAULT_MONGODB_URI"
  fi

  if [ -n "$redis_url" ]; then
    redis_how="given"
  else
    redis_how="redis-server $(ensure_redis)"
    redis_url="$DEFAULT_REDIS_URL"
  fi

  write_env "$mongo_uri" "$redis_url"
  echo "services: MONGODB_URI=$mongo_uri ($mongo_how), REDIS_URL=$redis_url ($redis_how)," \
    "env in .data/services.env"
}

# Sends TERM to the process in pid file $1 (if it is still $2) and waits for it.
stop_pidfile() {
  local pid
  if ! pidfile_alive "$1" "$2"; then
    rm -f "$1"
    log "$2: not running from $1"
    return
  fi
  pid="$(cat "$1")"
  kill "$pid"
  for _ in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  kill -0 "$pid" 2>/dev/null && die "$2 (pid $pid) did not stop"
  rm -f "$1"
  log "$2: stopped (pid $pid)"
}

stop_all() {
  stop_pidfile "$FERRET_PID" ferretdb
  stop_pidfile "$REDIS_PID" redis-server
}

main() {
  mkdir -p "$DATA"
  # One invocation at a time per checkout: parallel `npm test` runs must not
  # build FerretDB twice or start two servers on one port.
  exec 9>"$DATA/services.lock"
  flock -w 1800 9 || die "another scripts/services.sh holds $DATA/services.lock"

  case "${1:-start}" in
    start) start_all ;;
    stop) stop_all ;;
    *) die "usage: $0 [start|stop]" ;;
  esac
}

main "$@"
