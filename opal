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
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xss4m ${OPAL_JAVA_OPTS:-} -jar "$jar" "$@"
