#!/usr/bin/env bash
# Chain-import benchmark: synthetic blocks (ETH transfers, ERC-20 transfers) executed and committed
# into a RocksDB-backed chain. Prints Mgas/s and blocks/s; fails on nothing but errors.
#   bench/import/run.sh [--kinds eth,erc20] [--blocks 60] [--warmup 20] [--senders 2000]
#                       [--filler 100000] [--block-gas 30000000] [--tmp DIR] [--keep 1]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$root/scripts/jdk.sh"
"$root/scripts/npm-tools.sh"
cd "$root"
mvn -B -q -ntp -DskipTests -Dspotless.check.skip=true package -pl benchmarks -am >&2
token="$(mktemp --suffix=.json)"
trap 'rm -f "$token"' EXIT
node bench/import/compile.mjs "$token"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xss4m -Xmx2g -XX:+UseParallelGC \
  ${OPAL_JAVA_OPTS:-} -cp benchmarks/target/benchmarks.jar io.opal.bench.ChainImportBenchmark \
  --token "$token" "$@"
