#!/usr/bin/env bash
# The repair benchmark: corrupt valid Python files (one corruption each, the seeds' category mix
# and the earlier regex repair's damage patterns), run `repair --apply` on them, score the result
# against the originals with python3's ast.dump. See docs/bench.md.
#   bench/repair/run.sh [--files 400] [--seed 1] [--workers 2] [--jar target/recovery-gates.jar] [--work bench/work]
#                       [--sources DIR]   (valid Python files to corrupt instead of the synthetic corpus and the examples)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "${here}/../.." && pwd)"
files=400
seed=1
workers=2
jar="${repo}/target/recovery-gates.jar"
work="${repo}/bench/work"
sources=""
while [ $# -gt 0 ]; do
  case "$1" in
    --files) files="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    --jar) jar="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --sources) sources="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
python="${PYTHON:-python3}"
if [ ! -f "${jar}" ]; then
  (cd "${repo}" && mvn -B -q -DskipTests package)
fi
run="${work}/repair-${files}-s${seed}${sources:+-$(basename "${sources}")}"
rm -rf "${run}"
mkdir -p "${run}"
if [ -n "${sources}" ]; then
  "${python}" "${here}/corrupt.py" "${run}/cases" --from "${sources}" --files "${files}" --seed "${seed}"
else
  # valid sources: a small synthetic corpus (no broken files) and the examples' Python files
  "${python}" "${repo}/bench/gen_corpus.py" "${run}/corpus" --files 300 --seed "${seed}" --total-mb 2 \
    --broken-percent 0 --backup-files 0 --java-files 0 > /dev/null
  "${python}" "${here}/corrupt.py" "${run}/cases" --from "${run}/corpus" --from "${repo}/examples" \
    --files "${files}" --seed "${seed}"
fi
cp -r "${run}/cases/tree" "${run}/repaired"
start=$(date +%s.%N)
status=0
java -jar "${jar}" repair --root "${run}/repaired" --out "${run}/report" --apply --backup-dir "${run}/backup" \
  --workers "${workers}" > "${run}/repair.log" 2> "${run}/repair.err" || status=$?
end=$(date +%s.%N)
if [ "${status}" -gt 1 ]; then
  echo "repair exited with ${status}:" >&2
  cat "${run}/repair.err" >&2
  exit "${status}"
fi
seconds=$(echo "${end} - ${start}" | bc -l)
"${python}" "${here}/score.py" "${run}/cases" "${run}/repaired" "${run}/report/repair.json" "${seconds}"
