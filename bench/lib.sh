# shellcheck shell=bash disable=SC2154  # the caller sets repo, jar, python, work, corpus, files, seed
# What the benchmark scripts share: timing, reading a report, the jar and the generated corpus.
# Sourced after the caller has set: repo, jar, python, work, corpus, files, seed.

now() { printf '%s' "${EPOCHREALTIME}"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
# json_get FILE a.b.c: the value at that key path of a JSON file, or "".
json_get() { "${python}" -c 'import json, sys
data = json.load(open(sys.argv[1]))
for key in sys.argv[2].split("."):
    data = data.get(key) if isinstance(data, dict) else None
print("" if data is None else data)' "$1" "$2"; }
# metric REPORT NAME: a metric of a gate's JSON report, or "".
metric() { "${python}" -c 'import json, sys; print(json.load(open(sys.argv[1]))["metrics"].get(sys.argv[2], ""))' "$1" "$2"; }

# Builds the jar when it is missing and generates the corpus when its manifest is missing.
ensure_jar_and_corpus() {
  if [ ! -f "${jar}" ]; then
    echo "== building ${jar}"
    (cd "${repo}" && mvn -B -q -DskipTests package)
  fi
  if [ ! -f "${corpus}.manifest.json" ]; then
    echo "== generating ${corpus} (${files} Python files)"
    rm -rf "${corpus}"
    mkdir -p "${work}"
    "${python}" "${repo}/bench/gen_corpus.py" "${corpus}" --files "${files}" --seed "${seed}"
  fi
}
