#!/usr/bin/env bash
# Sequencer latency benchmark (issue 6): `opal devnet` at 1 s and 2 s block times; signed transfers
# at a steady rate through eth_sendRawTransaction, each polled until its receipt exists
# (send-to-receipt p50/p99), and the sequencer's own per-block figures from its log (gap-stats.py):
# seal overhead and the seal-to-next-build gap. Prints figures only.
#   bench/latency/run.sh [--seconds 30] [--rate 5] [--block-times "1 2"] [--anvil]
# --anvil: use anvil (1 s blocks) as the L1 instead of the embedded L1 dev chain.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$root/scripts/jdk.sh"
"$root/scripts/npm-tools.sh"
cd "$root"
seconds=30 rate=5 block_times="1 2" anvil=0
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --block-times) block_times="$2"; shift 2 ;;
    --anvil) anvil=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
mvn -B -q -ntp -DskipTests -Dspotless.check.skip=true package -pl app,benchmarks -am >&2
java=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xss4m)
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

for bt in $block_times; do
  l1args=()
  if [ "$anvil" = 1 ]; then
    l1port=$(free_port)
    # Foundry's native binary: npm's Node launcher would leave anvil orphaned when killed
    "$(ls tools/js/node_modules/@foundry-rs/anvil-linux-*/bin/anvil | head -1)" --port "$l1port" --block-time 1 >"$work/anvil-$bt.log" 2>&1 &
    pids+=($!)
    sleep 2
    l1args=(--l1-rpc "http://127.0.0.1:$l1port")
  else
    l1args=(--l1.port "$(free_port)" --l1.block-time 2)
  fi
  http=$(free_port) admin=$(free_port)
  log="$work/devnet-$bt.log"
  "${java[@]}" -jar app/target/opal.jar devnet --datadir "$work/d$bt" --http.port "$http" \
    --admin.port "$admin" --block-time "$bt" "${l1args[@]}" >"$log" 2>&1 &
  pid=$!
  pids+=($pid)
  for _ in $(seq 1 900); do grep -q "devnet.json " "$log" && break; sleep 0.2; done
  grep -q "devnet.json " "$log" || { echo "devnet did not start:" >&2; cat "$log" >&2; exit 1; }
  # a first start replays the L2 from the L1 deployment's (past) time: wait until it is live
  head=0
  for _ in $(seq 1 600); do
    latest=$(curl -s -H 'Content-Type: application/json' "http://127.0.0.1:$http" \
      -d '{"jsonrpc":"2.0","id":1,"method":"eth_getBlockByNumber","params":["latest",false]}')
    ts=$(python3 -c 'import json,sys; print(int(json.loads(sys.argv[1])["result"]["timestamp"],16))' "$latest")
    head=$(python3 -c 'import json,sys; print(int(json.loads(sys.argv[1])["result"]["number"],16))' "$latest")
    [ $((ts + bt)) -ge "$(date +%s)" ] && break
    sleep 0.5
  done
  sleep 3
  "${java[@]}" -cp benchmarks/target/benchmarks.jar io.opal.bench.ReceiptLatencyBenchmark \
    --rpc "http://127.0.0.1:$http" --seconds "$seconds" --rate "$rate" \
    --label "block time ${bt}s: send-to-receipt"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  python3 bench/latency/gap-stats.py "$log" --skip $((head + 3)) | sed "s/^/block time ${bt}s: /"
done
