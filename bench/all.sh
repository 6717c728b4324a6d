#!/usr/bin/env bash
# Every row of issue 15 in one run, each ratio against its anchor measured in the same run (see docs/bench.md).
#
#   bench/all.sh [--files 25000] [--quick] [--seed 1] [--workers 2] [--heap 512m] [--jar PATH] [--work DIR]
#                [--journeys 1000] [--long-journeys 10000] [--no-golden]
#
# --quick: a smoke run of the harness (500 files, 100 and 500 journeys). The warm rows are measured
# twice: in place, and in a fresh `git clone` of a git repository made from the corpus, with the
# cache directory restored beside it (every mtime is new, as in a CI checkout restoring its cache).
# Never part of `mvn verify`. Exits 1 when a cached run's verdict differs from the cold run's.
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
journeys=1000
long_journeys=10000
golden=1

while [ $# -gt 0 ]; do
  case "$1" in
    --files) files="$2"; shift 2 ;;
    --quick) files=500; journeys=100; long_journeys=500; shift ;;
    --seed) seed="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --jar) jar="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --journeys) journeys="$2"; shift 2 ;;
    --long-journeys) long_journeys="$2"; shift 2 ;;
    --no-golden) golden=0; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

python="${PYTHON:-python3}"
corpus="${work}/corpus-${files}-s${seed}"
run="${work}/all-run"
rows="${run}/rows.tsv"

# shellcheck source=SCRIPTDIR/lib.sh
. "${here}/lib.sh"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b + 0 > 0) printf "%.2f", a / b; else print "n/a" }'; }

# Runs the gate; exit 0 (pass) and 1 (gate failed) are both a completed run, anything else is not.
gate() {
  local status=0
  java "-Xmx${heap}" "$@" >> "${run}/gates.log" || status=$?
  if [ "${status}" -gt 1 ]; then
    echo "recovery-gates exited with ${status}: the run did not complete" >&2
    exit 1
  fi
}
# The same through bin/recovery-gates, the launcher the Action and the pre-commit hook use (its class archive in the run dir).
# The syntax and ssot rows run through it (an untimed first run of each command writes its archive, below).
launch() {
  local status=0
  RECOVERY_GATES_JAR="${jar}" RECOVERY_GATES_CDS_DIR="${run}/cds" "${repo}/bin/recovery-gates" "$@" >> "${run}/gates.log" || status=$?
  if [ "${status}" -gt 1 ]; then
    echo "bin/recovery-gates exited with ${status}: the run did not complete" >&2
    exit 1
  fi
}
# row NAME VALUE GOAL(<=x or >=x) NOTE
row() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "${rows}"; }
# Same verdict, metrics that matter and findings as the cold run (durations and cache counters aside).
same_report() {
  "${python}" - "$1" "$2" <<'PY'
import json, sys
# A worker timeout (a loaded machine) is never cached, so the next run compiles that file for real:
# such files are left out of the comparison, with a warning, instead of failing it.
timeout = "took longer than syntax.python.timeout"
def report(path):
    return json.load(open(path))
a_raw, b_raw = report(sys.argv[1]), report(sys.argv[2])
flaky = {f.get("file") for r in (a_raw, b_raw) for f in r["findings"] if timeout in f.get("message", "")}
def key(r):
    m = {k: v for k, v in r["metrics"].items()
         if not k.startswith(("cache.", "compiled.", "time.", "worker.")) and "durationMs" not in k}
    findings = [f for f in r["findings"] if f.get("file") not in flaky]
    return (r["verdict"], findings) if flaky else (r["verdict"], m, findings)
if key(a_raw) != key(b_raw):
    sys.exit(f"{sys.argv[2]} differs from {sys.argv[1]}")
if flaky:
    print(f"warning: {len(flaky)} file(s) hit the worker timeout in one of the runs (load); compared without them and without metrics", file=sys.stderr)
PY
}

ensure_jar_and_corpus
rm -rf "${run}"
mkdir -p "${run}"
: > "${rows}"
load_before="$(uptime)"

# ---------------------------------------------------------------- the git repository and its fresh clone
# Every row runs in a git repository made from the corpus (kept between runs while it is clean, as
# the users' monorepo is one); the warm rows are repeated in a fresh clone of it.
src="${work}/git-${files}-s${seed}"
clone="${run}/clone"
if [ ! -d "${src}/.git" ] || [ -n "$(git -C "${src}" status --porcelain 2>/dev/null | head -1)" ]; then
  echo "== git repository of the corpus: ${src}"
  rm -rf "${src}"
  mkdir -p "${src}"
  cp -a "${corpus}/." "${src}/"   # the corpus' contents, also when the corpus path is a link to a shared one
  git -C "${src}" init -q
  git -C "${src}" add -A
  git -C "${src}" -c user.name=bench -c user.email=bench@example.invalid -c commit.gpgsign=false commit -q -m corpus
fi
echo "== a fresh clone of it"
git clone -q "${src}" "${clone}"
touched_rel="netra_backend/app/__init__.py"

# ---------------------------------------------------------------- class archives
# The launcher's class archive of each command exists before any timed run, as in a CI job that keeps it
# with its cache (the baselines do not count their interpreter's start either): one untimed run of each
# on a small corpus of the same kinds of files (Python with tests, Java, JSON), which writes it.
echo "== class archives: one untimed run of syntax and ssot on a 200-file corpus"
"${python}" "${repo}/bench/gen_corpus.py" "${run}/archive-corpus" --files 200 --seed 2 > /dev/null
launch syntax --root "${run}/archive-corpus" --out "${run}/archive-runs" --workers "${workers}" --quiet
launch ssot --root "${run}/archive-corpus" --config "${here}/ssot-bench.yml" --out "${run}/archive-runs" --workers "${workers}" --quiet

# ---------------------------------------------------------------- syntax
echo "== syntax: ${python} compile() in a ${workers}-process pool"
"${python}" "${here}/python_compile_baseline.py" "${src}" --workers "${workers}" --json > "${run}/compile-baseline.json"
baseline_s="$(json_get "${run}/compile-baseline.json" seconds)"
baseline_failed="$(json_get "${run}/compile-baseline.json" failed)"

echo "== syntax: cold scan (empty cache)"
syntax() { # root out cache [extra...]
  local root="$1" out="$2" cache="$3"
  shift 3
  java_extra=("$@")
  RECOVERY_GATES_JAVA_OPTS="-Xmx${heap} ${java_extra[*]}" launch syntax --root "${root}" --out "${out}" --cache "${cache}" --workers "${workers}"
}
t0="$(now)"; syntax "${src}" "${run}/syntax-cold" "${run}/cache" "-Xlog:gc,gc+heap+exit:file=${run}/gc-cold.log"; cold_s="$(elapsed "${t0}" "$(now)")"
ours_failed="$(metric "${run}/syntax-cold/syntax.json" failed.python)"

# The warm rows are the median of three runs each (a single run of under a second is at the mercy of the
# machine); each "one file changed" run appends another line to the file, so it differs in one file from
# the run before it, whose memo the cache holds.
median3() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
warm_runs() { # gate root out cache: three runs of the gate (syntax or ssot) with nothing changed, prints the median
  local t times=()
  for t in 1 2 3; do
    t0="$(now)"; "$1" "$2" "$3" "$4"; times+=("$(elapsed "${t0}" "$(now)")")
    same_report "${run}/$1-cold/$1.json" "$3/$1.json"
  done
  median3 "${times[@]}"
}
one_changed_runs() { # root out cache: three runs, each with one more line in the touched file; prints the median
  local t times=()
  for t in 1 2 3; do
    printf '\n# benchmark: one changed file, run %s\n' "${t}" >> "$1/${touched_rel}"
    t0="$(now)"; syntax "$1" "$2" "$3"; times+=("$(elapsed "${t0}" "$(now)")")
  done
  git -C "$1" checkout -q -- "${touched_rel}"
  median3 "${times[@]}"
}

echo "== syntax: warm rescan in place (3 runs)"
warm_s="$(warm_runs syntax "${src}" "${run}/syntax-warm" "${run}/cache")"
cp -a "${run}/cache" "${run}/cache-restored"

echo "== syntax: one file changed, in place (3 runs)"
one_s="$(one_changed_runs "${src}" "${run}/syntax-one" "${run}/cache")"
one_compiled="$(metric "${run}/syntax-one/syntax.json" compiled.python)"

echo "== syntax: warm rescan in the fresh clone, cache restored (3 runs)"
clone_warm_s="$(warm_runs syntax "${clone}" "${run}/syntax-clone" "${run}/cache-restored")"
clone_hits="$(metric "${run}/syntax-clone/syntax.json" cache.hits)"

echo "== syntax: one file changed, in the fresh clone (3 runs)"
clone_one_s="$(one_changed_runs "${clone}" "${run}/syntax-clone-one" "${run}/cache-restored")"
clone_one_compiled="$(metric "${run}/syntax-clone-one/syntax.json" compiled.python)"

peak_mb="$(grep -oE '[0-9]+M->[0-9]+M' "${run}/gc-cold.log" | sed 's/M->.*//' | sort -n | tail -1 || true)"
exit_used_kb="$(grep -oE 'used [0-9]+K' "${run}/gc-cold.log" | grep -oE '[0-9]+' | sort -n | tail -1 || true)"
if [ -n "${exit_used_kb}" ] && { [ -z "${peak_mb}" ] || [ $(( exit_used_kb / 1024 )) -gt "${peak_mb}" ]; }; then
  peak_mb=$(( exit_used_kb / 1024 ))
fi

row "syntax cold / CPython compile(), ${workers} processes" "$(ratio "${cold_s}" "${baseline_s}")" "<=0.9" "${cold_s} s vs ${baseline_s} s"
row "syntax warm rescan, nothing changed (s)" "${warm_s}" "<=1.0" "in place, median of 3"
row "syntax warm rescan, fresh clone (s)" "${clone_warm_s}" "<=1.0" "${clone_hits} cache hits, median of 3"
row "syntax one file changed (s)" "${one_s}" "<=1.0" "in place, ${one_compiled} compiled, median of 3"
row "syntax one file changed, fresh clone (s)" "${clone_one_s}" "<=1.0" "${clone_one_compiled} compiled, median of 3"

# ---------------------------------------------------------------- ssot
echo "== ssot: ${python} ast walk, one process"
"${python}" "${here}/python_ast_baseline.py" "${src}" --json > "${run}/ast-baseline.json"
ast_s="$(json_get "${run}/ast-baseline.json" seconds)"
ssot() { # root out cache
  RECOVERY_GATES_JAVA_OPTS="-Xmx${heap}" launch ssot --root "$1" --config "${here}/ssot-bench.yml" --out "$2" --cache "$3" --workers "${workers}"
}
echo "== ssot: cold, warm in place, warm in the fresh clone"
t0="$(now)"; ssot "${src}" "${run}/ssot-cold" "${run}/ssot-cache"; ssot_cold_s="$(elapsed "${t0}" "$(now)")"
cp -a "${run}/ssot-cache" "${run}/ssot-cache-restored"
ssot_warm_s="$(warm_runs ssot "${src}" "${run}/ssot-warm" "${run}/ssot-cache")"
ssot_clone_s="$(warm_runs ssot "${clone}" "${run}/ssot-clone" "${run}/ssot-cache-restored")"
row "ssot cold / one-process Python ast walk" "$(ratio "${ssot_cold_s}" "${ast_s}")" "<=0.12" "${ssot_cold_s} s vs ${ast_s} s"
row "ssot warm rescan (s)" "${ssot_warm_s}" "<=1.0" "in place, median of 3"
row "ssot warm rescan, fresh clone (s)" "${ssot_clone_s}" "<=1.0" "median of 3"

# ---------------------------------------------------------------- recovery: JVM start and 10 checks
echo "== recovery: one check of 0.5 s, ten checks of 0.5 s"
"${python}" "${here}/recovery/servers.py" 10 0.5 > "${run}/servers.json" &
servers_pid=$!
trap 'kill "${servers_pid}" 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "${run}/servers.json" ] && break; sleep 0.1; done
"${python}" - "${run}/servers.json" "${run}" <<'PY'
import json, sys
ports = json.loads(open(sys.argv[1]).readline())["ports"]
for name, count in (("one", 1), ("ten", 10)):
    with open(f"{sys.argv[2]}/recovery-{name}.yml", "w") as out:
        out.write("recovery:\n  checks:\n")
        for i, p in enumerate(ports[:count]):
            out.write(f'    - {{name: svc{i}, type: http, url: "http://127.0.0.1:{p}/health"}}\n')
PY
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
one=(); ten=()
for _ in 1 2 3; do
  t0="$(now)"; gate -jar "${jar}" recovery --root "${run}" --config "${run}/recovery-one.yml" --out "${run}/rec-one" --format json > /dev/null; one+=("$(elapsed "${t0}" "$(now)")")
  t0="$(now)"; gate -jar "${jar}" recovery --root "${run}" --config "${run}/recovery-ten.yml" --out "${run}/rec-ten" --format json > /dev/null; ten+=("$(elapsed "${t0}" "$(now)")")
done
# the launcher: its first run writes the class archive, the timed runs use it
launch recovery --root "${run}" --config "${run}/recovery-one.yml" --out "${run}/rec-one" --format json > /dev/null
lone=()
for _ in 1 2 3; do
  t0="$(now)"; launch recovery --root "${run}" --config "${run}/recovery-one.yml" --out "${run}/rec-one" --format json > /dev/null; lone+=("$(elapsed "${t0}" "$(now)")")
done
kill "${servers_pid}" 2>/dev/null || true
rec_one="$(median "${one[@]}")"; rec_ten="$(median "${ten[@]}")"
# the issue's row runs as the Java row and the syntax rows do: through the launcher and its class archive (the
# issue asks bench/ to make and reuse one, as the Action and the hook do); plain `java -jar` in the note
row "JVM start: recovery with one 0.5 s check (s, wall)" "$(median "${lone[@]}")" "<=1.0" \
  "bin/recovery-gates, median of 3, archive written by a first run (plain java -jar: ${rec_one} s)"
row "recovery: 10 checks of 0.5 s vs 1 check (extra s)" "$(awk -v a="${rec_ten}" -v b="${rec_one}" 'BEGIN { printf "%.2f", a - b }')" "<=0.15" "${rec_ten} s vs ${rec_one} s, medians of 3"

# ---------------------------------------------------------------- golden path vs Artillery
golden_row() { # journeys
  local n="$1" users=50 iterations
  iterations=$(( n / users )); [ "${iterations}" -ge 1 ] || iterations=1
  echo "== golden path: ${users} users x ${iterations} journeys, ours and Artillery's"
  JAR="${jar}" "${here}/goldenpath/run.sh" "${users}" "${iterations}" | tee "${run}/golden-${n}.txt"
  "${python}" - "${run}/golden-${n}.txt" > "${run}/golden-${n}.tsv" <<'PY'
import sys
per = {}
for line in open(sys.argv[1]):
    for name in ("goldenPathGate", "artillery (ws engine)"):
        if line.startswith(name):
            cols = line[24:].split()
            per[name] = float(cols[6]) if cols[6] != "nan" else 0.0
ours, theirs = per.get("goldenPathGate", 0.0), per.get("artillery (ws engine)", 0.0)
print(f"{ours / theirs:.2f}" if ours > 0 and theirs > 0 else "n/a", f"{ours:.2f}", f"{theirs:.2f}", sep="\t")
PY
  IFS=$'\t' read -r g_ratio g_ours g_theirs < "${run}/golden-${n}.tsv"
  row "golden path CPU per journey / Artillery's, $(( users * iterations )) journeys" "${g_ratio}" "<=0.5" "${g_ours} vs ${g_theirs} ms CPU per journey"
}
if [ "${golden}" = 1 ]; then
  golden_row "${journeys}"
  golden_row "${long_journeys}"
fi

# ---------------------------------------------------------------- Java and heap
echo "== Java: our check vs javac's parser alone (${workers} threads each)"
java_root="${src}/services/gateway-java"
java_files="$(find "${java_root}" -name '*.java' | wc -l | tr -d ' ')"
# through the launcher, as the syntax rows and the Action run it (the class archive its first syntax run wrote
# holds javac's classes: that corpus has Java files); plain `java -jar` in the note
files_per_s() { awk -v n="${java_files}" -v ms="$(json_get "$1" durationMs)" 'BEGIN { printf "%.1f", (ms > 0 ? n / (ms / 1000.0) : 0) }'; }
RECOVERY_GATES_JAVA_OPTS="-Xmx${heap}" launch syntax --root "${java_root}" --out "${run}/java" --workers "${workers}" --format json
gate -jar "${jar}" syntax --root "${java_root}" --out "${run}/java-plain" --workers "${workers}" --format json
ours_fps="$(files_per_s "${run}/java/syntax.json")"
plain_fps="$(files_per_s "${run}/java-plain/syntax.json")"
java "-Xmx${heap}" "${here}/src/JavacParseOnly.java" "${java_root}" --threads "${workers}" --json > "${run}/javac.json"
javac_fps="$(json_get "${run}/javac.json" filesPerSecond)"
row "Java syntax files/s / javac parser alone" "$(ratio "${ours_fps}" "${javac_fps}")" ">=0.9" \
  "${ours_fps} vs ${javac_fps} files/s (plain java -jar: ${plain_fps}, $(ratio "${plain_fps}" "${javac_fps}"))"
row "peak heap, syntax cold (MB)" "${peak_mb:-n/a}" "<=512" "from the GC log, -Xmx${heap}"

# ---------------------------------------------------------------- the table
echo
echo "== results: ${files} Python files, seed ${seed}, ${workers} workers, -Xmx${heap}, $(nproc) cores"
echo "   load before: ${load_before}"
echo "   load after:  $(uptime)"
awk -F'\t' '
  function met(v, g,   op, x) {
    if (v == "" || v == "n/a") return "?"
    op = substr(g, 1, 2); x = substr(g, 3) + 0
    return ((op == "<=" && v + 0 <= x) || (op == ">=" && v + 0 >= x)) ? "met" : "MISSED"
  }
  BEGIN { printf "| %-58s | %8s | %7s | %-6s | %s\n", "row", "value", "goal", "", "note" }
  { printf "| %-58s | %8s | %7s | %-6s | %s\n", $1, $2, $3, met($2, $3), $4 }' "${rows}"
if [ "${ours_failed}" = "${baseline_failed}" ]; then
  echo "failed Python files: ours ${ours_failed} = compile() ${baseline_failed}; cached runs' reports equal the cold run's"
else
  echo "failed Python files DIFFER: ours ${ours_failed:-?} vs compile() ${baseline_failed}" >&2
  exit 1
fi
