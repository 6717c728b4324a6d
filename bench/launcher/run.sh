#!/usr/bin/env bash
# The launcher's own time before it execs java (issue 15): bin/recovery-gates on its warm path (the
# command's archive and the jar's copy are there) with a "java" that exits at once (/bin/true), so
# what is timed is the shell, its processes and the exec. Also timed: that java alone, and `sh -c exec`.
#   JAR=path      the jar (default target/recovery-gates.jar)
#   RUNS=n        runs per command (default 200)
#   BEFORE_LAUNCHER=path   a second launcher timed the same way, for an A/B
# With hyperfine on PATH (and not HYPERFINE=0): its medians; else a loop over `date +%s%N`: the mean.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="${JAR:-$here/../../target/recovery-gates.jar}"
[[ -f "$jar" ]] || { echo "build the jar first: mvn -q package -DskipTests" >&2; exit 2; }
runs="${RUNS:-200}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/jdk/bin"
ln -s "$(type -P true)" "$work/jdk/bin/java"
export JAVA_HOME="$work/jdk" RECOVERY_GATES_JAR="$jar" RECOVERY_GATES_JAVA_OPTS=
unset RECOVERY_GATES_CDS

names=(java-alone sh-exec after)
commands=("$work/jdk/bin/java" "sh -c 'exec $work/jdk/bin/java'" "env RECOVERY_GATES_CDS_DIR=$work/after sh $here/../../bin/recovery-gates recovery")
warm() { # launcher cache: the first run makes the copy (this java makes no archive); an empty archive stands in
  RECOVERY_GATES_CDS_DIR="$2" sh "$1" recovery
  for d in "$2"/*-*/; do : > "$d/recovery.jsa"; done
}
warm "$here/../../bin/recovery-gates" "$work/after"
if [[ -n "${BEFORE_LAUNCHER:-}" ]]; then
  warm "$BEFORE_LAUNCHER" "$work/before"
  names+=(before)
  commands+=("env RECOVERY_GATES_CDS_DIR=$work/before sh $BEFORE_LAUNCHER recovery")
fi

if [[ "${HYPERFINE:-1}" != 0 ]] && command -v hyperfine > /dev/null; then
  args=()
  for i in "${!names[@]}"; do args+=(-n "${names[$i]}" "${commands[$i]}"); done
  hyperfine -N -w 20 -r "$runs" --export-json "$work/times.json" "${args[@]}" > /dev/null 2> "$work/hyperfine.err" \
    || { cat "$work/hyperfine.err" >&2; exit 1; }
  python3 - "$work/times.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print("%-10s median %6.1f ms, min %5.1f ms, CPU (user+sys) %5.1f ms" % (r["command"], r["median"] * 1000, r["min"] * 1000,
          (r["user"] + r["system"]) * 1000))
PY
else
  for i in "${!names[@]}"; do
    a="$(date +%s%N)"
    for _ in $(seq "$runs"); do eval "${commands[$i]}"; done
    b="$(date +%s%N)"
    echo "${names[$i]}: mean $(( (b - a) / runs / 1000 )) us"
  done
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
