#!/usr/bin/env bash
# ssot gate benchmark: our full scan against a Python `ast` walk of the same files (see docs/bench.md).
#
#   bench/ssot-bench.sh [--files 25000] [--seed 1] [--workers 2] [--heap 512m] [--jar PATH] [--work DIR]
#
# Uses the same corpus as bench/syntax-bench.sh (generated when missing) with bench/ssot-bench.yml,
# and prints: cold scan / ast baseline (goal <= 0.15) and a warm rescan with --cache (goal <= 1 s).
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
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

python="${PYTHON:-python3}"
corpus="${work}/corpus-${files}-s${seed}"
run_dir="${work}/ssot-run"

# shellcheck source=SCRIPTDIR/lib.sh
. "${here}/lib.sh"
json_get() { "${python}" -c 'import json, sys; print(json.load(open(sys.argv[1])).get(sys.argv[2], ""))' "$1" "$2"; }
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

echo "== baseline: ${python} ast walk, one process"
"${python}" "${here}/python_ast_baseline.py" "${corpus}" --json > "${run_dir}/baseline.json"
cat "${run_dir}/baseline.json"
baseline_s="$(json_get "${run_dir}/baseline.json" seconds)"

echo "== cold ssot scan (empty cache)"
start="$(now)"
gate -jar "${jar}" ssot --root "${corpus}" --config "${here}/ssot-bench.yml" --out "${run_dir}/cold" \
  --cache "${run_dir}/cache" --workers "${workers}"
cold_s="$(elapsed "${start}" "$(now)")"

echo "== warm rescan (nothing changed)"
start="$(now)"
gate -jar "${jar}" ssot --root "${corpus}" --config "${here}/ssot-bench.yml" --out "${run_dir}/warm" \
  --cache "${run_dir}/cache" --workers "${workers}"
warm_s="$(elapsed "${start}" "$(now)")"

ratio="$(awk -v a="${cold_s}" -v b="${baseline_s}" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }')"
meets() { awk -v v="$1" -v goal="$2" 'BEGIN { if (v == "n/a") print "?"; else if (v + 0 <= goal + 0) print "meets goal"; else print "MISSES goal" }'; }
echo
echo "== results (${files} Python files, seed ${seed}, ${workers} workers, -Xmx${heap}; $(nproc) cores)"
printf '%-40s %10s   goal %-6s %s\n' "cold ssot scan / python ast walk" "${ratio}" "<= 0.15" "$(meets "${ratio}" 0.15)  (${cold_s} s vs ${baseline_s} s)"
printf '%-40s %10s   goal %-6s %s\n' "warm rescan, nothing changed (s)" "${warm_s}" "<= 1" "$(meets "${warm_s}" 1)"
