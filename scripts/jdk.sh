# Sourced by ./opal, ./mvnw and ./test: selects a JDK 21+ without anything set by hand.
# Order: $OPAL_JAVA_HOME, then $JAVA_HOME if it is 21+, then the newest JDK under /usr/lib/jvm.

opal_java_major() {
  # Prints the major version of the JDK at $1 (empty if it is not a JDK).
  local rel="$1/release"
  [ -x "$1/bin/javac" ] || return 0
  if [ -f "$rel" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel"
  fi
}

opal_select_jdk() {
  local candidate major best="" best_major=0
  for candidate in "${OPAL_JAVA_HOME:-}" "${JAVA_HOME:-}"; do
    [ -n "$candidate" ] || continue
    major=$(opal_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  for candidate in /usr/lib/jvm/* /opt/java/* /usr/local/lib/jvm/*; do
    [ -d "$candidate" ] || continue
    major=$(opal_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "opal: no JDK 21 or newer found (looked at \$OPAL_JAVA_HOME, \$JAVA_HOME and /usr/lib/jvm)." >&2
    echo "opal: install one (for example Temurin 21+) under /usr/lib/jvm, or set OPAL_JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}

opal_select_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
# Maven's own libraries (Guava) use sun.misc.Unsafe; JDK 24+ warns on every run unless allowed.
if [ "$(opal_java_major "$JAVA_HOME")" -ge 24 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
