#!/usr/bin/env bash
# Runs every PosSync test: starts a private RabbitMQ on loopback (installing it when missing),
# runs `dotnet test` on the solution with a TRX logger, stops the broker, and ends with the line
# "N passed, N failed, N skipped" summed from the TRX counters, after the name and message of
# each failed test. Exits non-zero when anything failed or no test ran. Arguments go to
# `dotnet test`, e.g. `tests/run.sh --filter Category=Integration`.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d /tmp/possync-tests.XXXXXX)"
results="$work/results"
broker_pid=""
node=""

log() { echo "[tests/run.sh] $*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

install_rabbitmq() {
  if command -v rabbitmq-server >/dev/null 2>&1; then return; fi
  log "rabbitmq-server is missing: installing it with apt"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null
}

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( (RANDOM % 20000) + 20000 ))
    if port_is_free "$port" && port_is_free $((port + 10000)); then echo "$port"; return; fi
  done
  log "no free port found"; exit 1
}

epmd_was_running=""

start_broker() {
  local base="$work/rabbitmq"
  pgrep -x epmd >/dev/null 2>&1 && epmd_was_running=yes
  mkdir -p "$base/mnesia" "$base/log"
  echo "[]." > "$base/enabled_plugins"
  chown -R rabbitmq:rabbitmq "$base" 2>/dev/null || true
  chmod 755 "$work"
  RABBIT_PORT="$(free_port)"
  node="possync$$@localhost"
  export RABBITMQ_NODENAME="$node" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$RABBIT_PORT" \
         RABBITMQ_DIST_PORT=$((RABBIT_PORT + 10000)) RABBITMQ_MNESIA_BASE="$base/mnesia" RABBITMQ_LOG_BASE="$base/log" \
         RABBITMQ_PID_FILE="$base/pid" RABBITMQ_ENABLED_PLUGINS_FILE="$base/enabled_plugins"
  log "starting a private RabbitMQ ($node) on 127.0.0.1:$RABBIT_PORT"
  rabbitmq-server > "$base/server.out" 2>&1 &
  local waited=0
  until [ -s "$base/pid" ] && rabbitmqctl -q -n "$node" await_startup --timeout 5 >/dev/null 2>&1; do
    waited=$((waited + 1))
    if [ "$waited" -gt 60 ]; then log "RabbitMQ did not start:"; tail -20 "$base/server.out" >&2; exit 1; fi
    sleep 1
  done
  broker_pid="$(cat "$base/pid")"
  log "RabbitMQ is up (pid $broker_pid)"
}

stop_broker() {
  if [ -n "$broker_pid" ] && kill -0 "$broker_pid" 2>/dev/null; then
    log "stopping RabbitMQ (pid $broker_pid)"
    rabbitmqctl -q -n "$node" stop "$work/rabbitmq/pid" >/dev/null 2>&1 || kill "$broker_pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$broker_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$broker_pid" 2>/dev/null || true
    # The broker started Erlang's port mapper; leave nothing of ours running.
    [ -z "$epmd_was_running" ] && { epmd -kill >/dev/null 2>&1 || pkill -x epmd 2>/dev/null || true; }
  fi
  rm -rf "$work"
}
trap stop_broker EXIT

install_rabbitmq
start_broker

set +e
POSSYNC_TEST_RABBITMQ_HOST=127.0.0.1 POSSYNC_TEST_RABBITMQ_PORT="$RABBIT_PORT" \
  dotnet test "$root/PosSync.sln" --logger trx --results-directory "$results" "$@" 2>&1
test_exit=$?
set -e

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
  value() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  total=$(value total); executed=$(value executed)
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + total - executed))
done

# The console scrolls the failures out of sight under the hosts' logs; repeat them at the end.
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  awk '
    /<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); gsub(/&quot;/, "\"", name); gsub(/&amp;/, "\\&", name); print "FAILED " name; failed = 1; next }
    /<\/UnitTestResult>/ { failed = 0; inmsg = 0 }
    failed && /<Message>/ { inmsg = 1; shown = 0; sub(/.*<Message>/, "") }
    inmsg { end = sub(/<\/Message>.*/, ""); gsub(/&lt;/, "<"); gsub(/&gt;/, ">"); gsub(/&quot;/, "\""); gsub(/&apos;/, "\047"); gsub(/&amp;/, "\\&")
            if (shown++ < 20) print "  " $0; if (end) { inmsg = 0; failed = 0 } }
  ' "$trx"
done

echo "$passed passed, $failed failed, $skipped skipped"
if [ "$test_exit" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ] || [ "$files" -eq 0 ]; then exit 1; fi
