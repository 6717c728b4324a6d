#!/usr/bin/env bash
# Syntax gate benchmark: one run, five numbers (see docs/bench.md).
#
#   bench/syntax-bench.sh [--files 25000] [--seed 1] [--workers 2] [--heap 512m] [--jar PATH] [--work DIR]
#
# Builds target/recovery-gates.jar when it is missing, generates the synthetic corpus into
# bench/work/ when it is missing, then measures: the Python compile() baseline, our cold scan,
# a warm rescan with --cache, a rescan with one file changed, peak heap, and our Java check
# against javac's parser alone. Never part of `mvn verify`.
set -euo pipefail
export LC_ALL=C

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "${here}/.." && pwd)"

files=25000
seed=1
workers=2
heap=512m
jar="${repo}/target/recovery-gates.jar"
work="${here}/work"

while [ $# -gt 0 ]; do
  case "$1" in
    --files) files="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --jar) jar="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

python="${PYTHON:-python3}"
corpus="${work}/corpus-${files}-s${seed}"
run_dir="${work}/run"

# shellcheck source=SCRIPTDIR/lib.sh
. "${here}/lib.sh"

# Runs the gate; exit 0 (pass) and 1 (gate failed) are both a completed scan, anything else is not.
gate() {
  local status=0
  java "-Xmx${heap}" "$@" || status=$?
  if [ "${status}" -gt 1 ]; then
    echo "recovery-gates exited with ${status}: the scan did not complete" >&2
    exit 1
  fi
}

ensure_jar_and_corpus
rm -rf "${run_dir}"
mkdir -p "${run_dir}"
cache="${run_dir}/cache"

echo "== baseline: ${python} compile() in a ${workers}-process pool"
"${python}" "${here}/python_compile_baseline.py" "${corpus}" --workers "${workers}" --json > "${run_dir}/baseline.json"
cat "${run_dir}/baseline.json"
baseline_s="$(json_get "${run_dir}/baseline.json" seconds)"
baseline_failed="$(json_get "${run_dir}/baseline.json" failed)"

echo "== cold scan (empty cache)"
start="$(now)"
gate "-Xlog:gc,gc+heap+exit:file=${run_dir}/gc-cold.log" -jar "${jar}" syntax --root "${corpus}" \
  --out "${run_dir}/cold" --cache "${cache}" --workers "${workers}"
cold_s="$(elapsed "${start}" "$(now)")"
ours_failed="$(metric "${run_dir}/cold/syntax.json" failed.python)"

echo "== warm rescan (nothing changed)"
start="$(now)"
gate -jar "${jar}" syntax --root "${corpus}" --out "${run_dir}/warm" --cache "${cache}" --workers "${workers}"
warm_s="$(elapsed "${start}" "$(now)")"

echo "== rescan with one file changed"
touched="${corpus}/netra_backend/app/__init__.py"
cp "${touched}" "${run_dir}/touched.orig"
printf '\n# benchmark: one changed file\n' >> "${touched}"
start="$(now)"
gate -jar "${jar}" syntax --root "${corpus}" --out "${run_dir}/one" --cache "${cache}" --workers "${workers}"
one_s="$(elapsed "${start}" "$(now)")"
cp "${run_dir}/touched.orig" "${touched}"

# Peak heap: the largest heap occupancy the GC log shows (before a collection, or at exit).
peak_mb="$(grep -oE '[0-9]+M->[0-9]+M' "${run_dir}/gc-cold.log" | sed 's/M->.*//' | sort -n | tail -1 || true)"
exit_used_kb="$(grep -oE 'used [0-9]+K' "${run_dir}/gc-cold.log" | grep -oE '[0-9]+' | sort -n | tail -1 || true)"
if [ -n "${exit_used_kb}" ]; then
  exit_used_mb=$(( exit_used_kb / 1024 ))
  if [ -z "${peak_mb}" ] || [ "${exit_used_mb}" -gt "${peak_mb}" ]; then
    peak_mb="${exit_used_mb}"
  fi
fi

echo "== Java: our check vs javac's parser alone (${workers} threads each)"
java_root="${corpus}/services/gateway-java"
java_files="$(find "${java_root}" -name '*.java' | wc -l | tr -d ' ')"
gate -jar "${jar}" syntax --root "${java_root}" --out "${run_dir}/java" --workers "${workers}" --format json
ours_ms="$(json_get "${run_dir}/java/syntax.json" durationMs)"
ours_fps="$(awk -v n="${java_files}" -v ms="${ours_ms}" 'BEGIN { printf "%.1f", (ms > 0 ? n / (ms / 1000.0) : 0) }')"
java "-Xmx${heap}" "${here}/src/JavacParseOnly.java" "${java_root}" --threads "${workers}" --json > "${run_dir}/javac.json"
cat "${run_dir}/javac.json"
javac_fps="$(json_get "${run_dir}/javac.json" filesPerSecond)"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
verdict() { awk -v v="$1" -v goal="$2" -v dir="$3" 'BEGIN { if (v == "n/a" || v == "") print "?"; else if ((dir == "max" && v + 0 <= goal + 0) || (dir == "min" && v + 0 >= goal + 0)) print "meets goal"; else print "MISSES goal" }'; }

cold_ratio="$(ratio "${cold_s}" "${baseline_s}")"
java_ratio="$(ratio "${ours_fps}" "${javac_fps}")"
echo
echo "== results (${files} Python files, seed ${seed}, ${workers} workers, -Xmx${heap}; $(nproc) cores)"
printf '%-44s %10s   goal %-6s %s\n' "cold scan / python compile() baseline" "${cold_ratio}" "<= 0.9" "$(verdict "${cold_ratio}" 0.9 max)  (${cold_s} s vs ${baseline_s} s)"
printf '%-44s %10s   goal %-6s %s\n' "warm rescan, nothing changed (s)" "${warm_s}" "<= 1" "$(verdict "${warm_s}" 1 max)"
printf '%-44s %10s   goal %-6s %s\n' "rescan, one file changed (s)" "${one_s}" "<= 1" "$(verdict "${one_s}" 1 max)"
printf '%-44s %10s   goal %-6s %s\n' "peak heap (MB, from the GC log)" "${peak_mb:-n/a}" "<= 512" "$(verdict "${peak_mb:-n/a}" 512 max)"
printf '%-44s %10s   goal %-6s %s\n' "Java files/s: ours / javac parse only" "${java_ratio}" ">= 0.9" "$(verdict "${java_ratio}" 0.9 min)  (${ours_fps} vs ${javac_fps} files/s)"
if [ "${ours_failed}" = "${baseline_failed}" ]; then
  echo "failed Python files: ours ${ours_failed} = compile() ${baseline_failed}"
else
  echo "failed Python files DIFFER: ours ${ours_failed:-?} vs compile() ${baseline_failed}" >&2
  exit 1
fi
