#!/usr/bin/env bash
# Opal's entry point: builds the fat jar when the sources are newer than it, then runs it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$root/scripts/jdk.sh"
"$root/scripts/npm-tools.sh"
jar="$root/app/target/opal.jar"
stale=1
if [ -f "$jar" ]; then
  newer=$(find "$root" \( -path "$root/*/target" -o -path "$root/tools/js/node_modules" -o -path "$root/.git" \) -prune \
    -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$jar" -print -quit 2>/dev/null)
  [ -z "$newer" ] && stale=0
fi
if [ "$stale" = 1 ]; then
  echo "opal: building $jar ..." >&2
  (cd "$root" && mvn -B -q -ntp -Dstyle.color=never -DskipTests -Dspotless.check.skip=true package -pl app -am >&2) || {
    echo "opal: build failed" >&2; exit 1; }
fi
# Generational ZGC: its pauses are well under a millisecond, where G1's and ParallelGC's young
# pauses (several to 100 ms) land inside block sealing and push its p99 far past the 1 ms budget;
# import throughput stays within a few percent (bench/engine/README.md). A collector chosen in
# OPAL_JAVA_OPTS replaces it (two would make the JVM refuse to start).
gc="-XX:+UseZGC"
case " ${OPAL_JAVA_OPTS:-} " in *" -XX:+Use"*"GC"*) gc="" ;; esac
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xss4m $gc ${OPAL_JAVA_OPTS:-} -jar "$jar" "$@"
