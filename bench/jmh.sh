#!/usr/bin/env bash
# Builds the JMH benchmarks and runs them: bench/jmh.sh [regex] [extra JMH args...]
# Prints figures; nothing here fails on a time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/jdk.sh"
cd "$root"
mvn -B -q -ntp -Dstyle.color=never -DskipTests -Dspotless.check.skip=true package -pl benchmarks -am >&2
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar benchmarks/target/benchmarks.jar "$@"
