#!/usr/bin/env bash
# Seal-to-next-build gap of the sequencer against anvil as L1 (issue 6, item 6).
#
#   bench/latency/gap.sh [BLOCKS] [JAR]
#
# Starts anvil (--block-time 2) and `opal devnet --l1-rpc` on free ports in a fresh data dir, lets
# the sequencer seal BLOCKS L2 blocks (default 60, 2 s each), stops both and prints the seal and
# gap percentiles of the log (gap-stats.py; the first 5 blocks are warm-up and left out).
# Needs the jar (./mvnw -q -B -ntp -pl app -am package -DskipTests) and scripts/npm-tools.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
blocks="${1:-60}"
jar="${2:-$root/app/target/opal.jar}"
java="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
anvil="$root/tools/js/node_modules/.bin/anvil"
[ -x "$anvil" ] || { echo "anvil missing: run scripts/npm-tools.sh" >&2; exit 1; }
[ -f "$jar" ] || { echo "jar missing: $jar" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
l1_port=$(free_port); http_port=$(free_port); admin_port=$(free_port)
work="$(mktemp -d /tmp/opal-gap.XXXXXX)"
log="$work/devnet.log"
anvil_pid=""; opal_pid=""
cleanup() {
  [ -n "$opal_pid" ] && kill "$opal_pid" 2>/dev/null && wait "$opal_pid" 2>/dev/null || true
  [ -n "$anvil_pid" ] && kill "$anvil_pid" 2>/dev/null && wait "$anvil_pid" 2>/dev/null || true
}
trap cleanup EXIT

"$anvil" --port "$l1_port" --block-time 2 --silent > "$work/anvil.log" 2>&1 &
anvil_pid=$!
for _ in $(seq 50); do
  curl -sf -X POST -H 'content-type: application/json' \
    --data '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' \
    "http://127.0.0.1:$l1_port" > /dev/null && break
  sleep 0.2
done

"$java" --enable-native-access=ALL-UNNAMED -jar "$jar" devnet --datadir "$work/data" \
  --l1-rpc "http://127.0.0.1:$l1_port" --http.port "$http_port" --admin.port "$admin_port" \
  > "$log" 2>&1 &
opal_pid=$!

target=$((blocks + 5))
deadline=$((SECONDS + 120 + 3 * target))
while [ "$(grep -c 'L2 block #' "$log" || true)" -lt "$target" ]; do
  if ! kill -0 "$opal_pid" 2>/dev/null; then
    echo "opal exited early; log: $log" >&2; tail -20 "$log" >&2; exit 1
  fi
  [ "$SECONDS" -lt "$deadline" ] || { echo "timed out; log: $log" >&2; exit 1; }
  sleep 2
done
cleanup
anvil_pid=""; opal_pid=""
echo "log: $log"
python3 "$root/bench/latency/gap-stats.py" --skip 5 "$log"
