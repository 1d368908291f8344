#!/usr/bin/env bash
# Ingestion benchmark: pre-signed transfers from many senders sent as eth_sendRawTransaction over
# concurrent keep-alive connections (single requests and batches) to an in-process Opal dev node
# and to anvil --no-mining in the same run; prints accepted tx/s and p50/p99 request latency.
#   bench/ingest/run.sh [--txs 20000] [--warmup 60000] [--senders 2000] [--connections 32] [--batch 50]
#                       [--opal process|inprocess|both] [--anvil PATH|none]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$root/scripts/jdk.sh"
"$root/scripts/npm-tools.sh"
cd "$root"
mvn -B -q -ntp -DskipTests -Dspotless.check.skip=true package -pl benchmarks -am >&2
# Foundry's native binary, not npm's Node launcher (which would leave anvil orphaned when killed)
anvil="$(ls "$root"/tools/js/node_modules/@foundry-rs/anvil-linux-*/bin/anvil 2>/dev/null | head -1)"
[ -x "$anvil" ] || anvil=none
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xss4m -Xmx2g ${OPAL_JAVA_OPTS:-} \
  -cp benchmarks/target/benchmarks.jar io.opal.bench.IngestBenchmark --anvil "$anvil" "$@"
