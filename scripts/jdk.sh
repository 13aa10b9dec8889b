# Sourced by ./memmap4j, scripts/test and .ci/run: sets JAVA_HOME to a JDK >= 25, or explains what to install.
# A JDK qualifies when its release file (or `java -version`) reports a feature version of at least 25.

memmap4j_jdk_version() { # prints the feature version of the JDK at $1, or nothing
  local home=$1 v=""
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$home/release")
  fi
  if [ -z "$v" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9][0-9]*\).*/\1/p')
  fi
  printf '%s' "$v"
}

memmap4j_find_jdk() {
  local best="" bestv=0 cand v jvmdir=${MEMMAP4J_JVM_DIR:-/usr/lib/jvm}
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(memmap4j_jdk_version "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then return 0; fi
  fi
  for cand in "$jvmdir"/*; do
    [ -d "$cand" ] || continue
    v=$(memmap4j_jdk_version "$cand")
    if [ -n "$v" ] && [ "$v" -ge 25 ] && [ "$v" -gt "$bestv" ]; then best=$cand; bestv=$v; fi
  done
  if [ -z "$best" ]; then
    echo "memmap4j: needs a JDK 25 or newer (found none in JAVA_HOME or $jvmdir); install one, e.g. Temurin 25 (apt-get install temurin-25-jdk from packages.adoptium.net), or set JAVA_HOME to it" >&2
    return 1
  fi
  export JAVA_HOME=$best
}
