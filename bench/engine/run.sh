#!/usr/bin/env bash
# Engine benchmark: OP blocks built and sealed by one ExecutionEngine (sealing overhead), then
# imported through insert() by another (Mgas/s, blocks/s), both on RocksDB. Prints figures only.
#   bench/engine/run.sh [--kinds eth,erc20] [--blocks 60] [--warmup 20] [--senders 2000]
#                       [--filler 100000] [--tmp DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$root/scripts/jdk.sh"
"$root/scripts/npm-tools.sh"
cd "$root"
mvn -B -q -ntp -DskipTests -Dspotless.check.skip=true package -pl benchmarks -am >&2
token="$(mktemp --suffix=.json)"
trap 'rm -f "$token"' EXIT
node bench/import/compile.mjs "$token"
# The launcher's collector (generational ZGC, see ../../opal) unless OPAL_JAVA_OPTS names another.
gc="-XX:+UseZGC"
case " ${OPAL_JAVA_OPTS:-} " in *" -XX:+Use"*"GC"*) gc="" ;; esac
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xss4m -Xmx2g $gc \
  ${OPAL_JAVA_OPTS:-} -cp benchmarks/target/benchmarks.jar io.opal.bench.EngineImportBenchmark \
  --token "$token" "$@"
