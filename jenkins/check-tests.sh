#!/usr/bin/env bash
# Type-checks jenkins/src/test (the JenkinsRule tests) together with src/main against real sources:
# the API set prepared by ../shared/tools/jenkins-compile-check (Jenkins 2.492.3 and plugins) plus
# the HEAD sources of jenkins-test-harness, workflow-job and workflow-cps (fetched mirrors).
# Their own third-party imports (htmlunit, Jetty, groovy-cps) are absent, so javac reports errors
# inside those sources; this script ignores them and fails only on diagnostics in our files.
# What it proves: every harness / Pipeline / Jenkins member the tests call exists with that signature.
# Usage: MIRROR=/work/.mirror CHECK_TOOL=../shared/tools/jenkins-compile-check jenkins/check-tests.sh
set -euo pipefail
cd "$(dirname "$0")/.."
MIRROR="${MIRROR:-/work/.mirror}"
TOOL_BUILD="${TOOL_BUILD:-${XDG_CACHE_HOME:-$HOME/.cache}/jenkins-compile-check}"
[ -f "$TOOL_BUILD/sourcepath.txt" ] || { echo "run the compile-check tool's prepare.sh first" >&2; exit 2; }
[ -f target/recovery-gates.jar ] || { echo "build the engine first: mvn -B -o package -DskipTests" >&2; exit 2; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/jenkins-test-check.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
cp "$TOOL_BUILD/sourcepath.txt" "$WORK/sourcepath.txt"
for repo in workflow-job-plugin workflow-cps-plugin jenkins-test-harness; do
  gd="$MIRROR/jenkinsci+$repo/repo"
  [ -d "$gd" ] || { echo "missing mirror $gd (fetch github:jenkinsci/$repo)" >&2; exit 2; }
  mkdir -p "$WORK/src/$repo"
  git --git-dir="$gd" archive HEAD | tar -x -C "$WORK/src/$repo"
done
printf '%s\n' "$WORK/src/workflow-job-plugin/src/main/java" "$WORK/src/workflow-cps-plugin/plugin/src/main/java" \
  "$WORK/src/workflow-cps-plugin/plugin/src/test/java" "$WORK/src/jenkins-test-harness/src/main/java" >> "$WORK/sourcepath.txt"
jars=()
for a in org/junit/jupiter/junit-jupiter-api org/assertj/assertj-core org/apiguardian/apiguardian-api org/opentest4j/opentest4j junit/junit org/hamcrest/hamcrest; do
  j=$(find "$HOME/.m2/repository/$a" -name '*.jar' ! -name '*sources*' 2>/dev/null | sort -V | tail -1)
  [ -n "$j" ] && jars+=("$j")
done
CP="$(ls "$TOOL_BUILD"/lib/*.jar | paste -sd:):$(IFS=:; echo "${jars[*]}"):target/recovery-gates.jar"
mapfile -t FILES < <(find "$PWD/jenkins/src/main/java" "$PWD/jenkins/src/test/java" -name '*.java' | sort)
java --add-exports jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED --add-exports jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED \
  -Daccmod=false -cp "$TOOL_BUILD/toolclasses" CompileCheck --release 17 -encoding UTF-8 -parameters -proc:none \
  -implicit:none -Xmaxerrs 5000 -XDshould-stop.ifError=FLOW -cp "$CP" -sourcepath "$(paste -sd: "$WORK/sourcepath.txt")" \
  -- "${FILES[@]}" > "$WORK/javac.log" 2>&1 || true
ours=$(grep -c "^$PWD/jenkins/src/.*: error: " "$WORK/javac.log" || true)
grep -A4 "^$PWD/jenkins/src/.*: error: " "$WORK/javac.log" || true
if [ "$ours" -gt 0 ]; then echo "check-tests: FAILED - $ours error(s) in jenkins/src"; exit 1; fi
echo "check-tests: OK - ${#FILES[@]} file(s) of jenkins/src/{main,test} type-check (errors inside the harness' own unresolved imports ignored)"
