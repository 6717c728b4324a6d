#!/usr/bin/env bash
# ssotGate benchmark: full scan wall time ÷ the ast_baseline.py wall time on the same files (goal ≤ 0.15),
# and a warm rescan with --cache (goal ≤ 1 s). Not part of `mvn verify`; the lead runs it.
#
# usage: bench/ssot/run.sh [CORPUS_DIR] [FILES]
#   CORPUS_DIR  an existing corpus (e.g. the engine benchmark's), or where to generate one (default /tmp/ssot-corpus)
#   FILES       files to generate when CORPUS_DIR does not exist (default 25000)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
corpus="${1:-/tmp/ssot-corpus}"
files="${2:-25000}"
jar="$repo/target/recovery-gates.jar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ ! -f "$jar" ]]; then
  echo "build the jar first: (cd $repo && mvn -B -q -DskipTests package)" >&2
  exit 2
fi
if [[ ! -d "$corpus" ]]; then
  python3 "$here/gen_corpus.py" "$corpus" --files "$files"
fi

now() { date +%s.%N; }
run_gate() {
  java -jar "$jar" ssot --root "$corpus" --config "$here/ssot-bench.yml" --out "$work/out" --format json "$@" \
    >"$work/stdout" 2>"$work/stderr" || true
}

t0=$(now); python3 "$here/ast_baseline.py" "$corpus" >"$work/ast.txt"; t1=$(now)
run_gate --cache "$work/cache"; t2=$(now)
run_gate --cache "$work/cache"; t3=$(now)

python3 - "$t0" "$t1" "$t2" "$t3" "$work" <<'PY'
import json, sys
t0, t1, t2, t3 = map(float, sys.argv[1:5])
work = sys.argv[5]
base, cold, warm = t1 - t0, t2 - t1, t3 - t2
report = json.load(open(work + "/out/ssot.json"))
m = report["metrics"]
print("ast baseline: %.2f s  (%s)" % (base, open(work + "/ast.txt").read().strip()))
print("ssot cold:    %.2f s  (files.scanned=%s imports=%s definitions=%s verdict=%s)"
      % (cold, m.get("files.scanned"), m.get("imports"), m.get("definitions"), report["verdict"]))
print("ssot warm:    %.2f s  (cache.hits=%s)   goal <= 1 s" % (warm, m.get("cache.hits")))
print("ratio cold/ast: %.3f   goal <= 0.15" % (cold / base))
print("summary: " + report["summary"])
PY
