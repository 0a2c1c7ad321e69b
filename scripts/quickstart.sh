#!/usr/bin/env bash
# Install and run the desk locally (`npm start`): node deps, services, build,
# then the web app and the worker. Ctrl-C stops both; the services keep running
# (stop them with `bash scripts/services.sh stop`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="$ROOT/.data"
PORT="${PORT:-3000}"
URL="http://127.0.0.1:$PORT"
HEALTH_TIMEOUT=60
cd "$ROOT"

log() { echo "quickstart: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# npm writes node_modules/.package-lock.json on every install, so it dates node_modules.
ensure_node_deps() {
  if [ ! -f node_modules/.package-lock.json ] ||
    [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing node dependencies (npm ci)"
    npm ci --no-audit --no-fund
  fi
}

# A second quickstart would fight the first one for the port and the queues.
refuse_if_running() {
  local name pid
  for name in web worker; do
    pid="$(cat "$DATA/$name.pid" 2>/dev/null || true)"
    # the cmdline check skips a stale pid file whose pid was recycled
    if [ -n "$pid" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q node; then
      die "$name already runs (pid $pid, from $DATA/$name.pid); stop it first"
    fi
  done
}

# Runs command $2 in the background as $1, logging to .data/$1.log; exec keeps
# the recorded pid the process's own, which stop_apps signals.
run_in_background() {
  bash -c "exec $2" >"$DATA/$1.log" 2>&1 &
  echo $! >"$DATA/$1.pid"
  log "$1 started (pid $!), log in .data/$1.log"
}

# The Procfile's command for process $1: the desk runs here as it is deployed,
# node flags included.
start_app() {
  local command
  command="$(sed -n "s/^$1: *//p" Procfile)"
  [ -n "$command" ] || die "Procfile names no $1 process"
  run_in_background "$1" "$command"
}

# shellcheck disable=SC2317 # runs from the traps
stop_apps() {
  local name pid
  trap - INT TERM EXIT
  for name in web worker gateway; do
    pid="$(cat "$DATA/$name.pid" 2>/dev/null || true)"
    [ -n "$pid" ] || continue
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -f "$DATA/$name.pid"
  done
  log "web and worker stopped"
}

healthy() {
  node -e 'fetch(process.argv[1]).then((r) => process.exit(r.status === 200 ? 0 : 1),
    () => process.exit(1))' "$URL/healthz"
}

health_failed() {
  tail -n 30 "$DATA/web.log" >&2 || true
  die "$1 (log: .data/web.log)"
}

# Polls /healthz; gives up early when the web process has already died.
wait_for_health() {
  local web_pid deadline=$((SECONDS + HEALTH_TIMEOUT))
  web_pid="$(cat "$DATA/web.pid")"
  until healthy; do
    kill -0 "$web_pid" 2>/dev/null || health_failed "web exited before $URL/healthz answered"
    [ "$SECONDS" -lt "$deadline" ] ||
      health_failed "GET $URL/healthz did not return 200 within ${HEALTH_TIMEOUT}s"
    sleep 1
  done
}

# Demo tokens and webhook secrets, made once per checkout and kept in .data;
# whatever the environment already sets wins.
ensure_dev_env() {
  local file="$DATA/dev.env" name value
  mkdir -p "$DATA"
  if [ ! -f "$file" ]; then
    (
      umask 077
      {
        echo "API_TOKENS=supervisor:supervisor:$(secret),operator:operator:$(secret),admin:admin:$(secret)"
        echo "TELEGRAM_WEBHOOK_SECRET=$(secret)"
        echo "CHATBOT_WEBHOOK_SECRET=$(secret)"
        echo "DEMO_SUPERVISOR_PASSWORD=$(secret)"
      } >"$file"
    )
    log "demo tokens written to .data/dev.env"
  fi
  # Files written before the demo account existed lack its password.
  grep -q '^DEMO_SUPERVISOR_PASSWORD=' "$file" ||
    echo "DEMO_SUPERVISOR_PASSWORD=$(secret)" >>"$file"
  while IFS='=' read -r name value; do
    [ -n "${!name:-}" ] || export "$name=$value"
  done <"$file"
}

secret() {
  node -e 'console.log(require("crypto").randomBytes(18).toString("base64url"))'
}

# Notices need somewhere to go: unless real transports are configured, a
# local stand-in answers as the SMS gateway, Telegram and the chat-bot do and
# prints each notice to .data/gateway.log.
start_dev_gateway() {
  local url="http://127.0.0.1:${DEV_GATEWAY_PORT:-3099}"
  if [ -n "${SMS_GATEWAY_URL:-}${TELEGRAM_API_URL:-}${CHATBOT_CALLBACK_URL:-}" ]; then
    return 0
  fi
  run_in_background gateway "node dist/scripts/dev-gateway.js ${DEV_GATEWAY_PORT:-3099}"
  export SMS_GATEWAY_URL="$url/sms" CHATBOT_CALLBACK_URL="$url/chatbot"
  export TELEGRAM_API_URL="$url" TELEGRAM_BOT_TOKEN="${TELEGRAM_BOT_TOKEN:-dev}"
}

refuse_if_running

ensure_node_deps
ensure_dev_env

bash scripts/services.sh
# shellcheck source=/dev/null
source .data/services.env

npm run build

trap 'stop_apps; exit 130' INT TERM
trap stop_apps EXIT
start_dev_gateway
start_app web
start_app worker

wait_for_health

# A staff account to sign in with at /login; created once per database, kept thereafter.
supervisor() { node dist/scripts/create-supervisor.js supervisor "$DEMO_SUPERVISOR_PASSWORD"; }
if made="$(supervisor 2>&1)"; then
  log "sign in at $URL/login as supervisor, password in .data/dev.env"
elif grep -q USERNAME_TAKEN <<<"$made"; then
  log "sign in at $URL/login as supervisor: the account was made by an earlier run on this" \
    "database, with the password in the .data/dev.env of the checkout that ran it"
else
  log "WARNING: the supervisor account could not be made: $made"
fi

if [ -f dist/scripts/demo.js ]; then
  log "loading demo data (dist/scripts/demo.js)"
  node dist/scripts/demo.js
fi

log "the desk is up at $URL (Ctrl-C stops web and worker)"

# Either process ending ends the run: a desk without its worker misses deadlines.
status=0
wait -n "$(cat "$DATA/web.pid")" "$(cat "$DATA/worker.pid")" || status=$?
log "web or worker ended (status $status); stopping both"
exit "$status"
