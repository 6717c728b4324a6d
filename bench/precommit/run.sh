#!/usr/bin/env bash
# pre-commit hook benchmark (see docs/bench.md): what checking the staged content costs on a big repository.
#
#   bench/precommit/run.sh [--files 25000] [--seed 1] [--jar PATH] [--work DIR]
#
# Commits the synthetic corpus into a git repository under the work directory (once), stages one
# changed file, then times: `git checkout-index --all` into a scratch directory alone (the snapshot's
# floor), `recovery-gates pre-commit` with a cold and a warm cache, and, for comparison, the old hook
# (syntax + ssot with --changed-from HEAD on the work tree, warm cache). Never part of `mvn verify`.
set -euo pipefail
export LC_ALL=C

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bench="$(cd "${here}/.." && pwd)"
repo="$(cd "${bench}/.." && pwd)"

files=25000
seed=1
jar="${repo}/target/recovery-gates.jar"
work="${bench}/work"

while [ $# -gt 0 ]; do
  case "$1" in
    --files) files="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --jar) jar="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

# shellcheck disable=SC2034  # read by lib.sh
python="${PYTHON:-python3}"
corpus="${work}/corpus-${files}-s${seed}"
git_repo="${work}/precommit-${files}-s${seed}"

# shellcheck source=SCRIPTDIR/../lib.sh disable=SC1091  # followed with shellcheck -x
. "${bench}/lib.sh"
# exit 0 (pass) and 1 (refused) are both a completed check
timed() {
  local start status=0
  start="$(now)"
  "$@" >/dev/null 2>&1 || status=$?
  if [ "${status}" -gt 1 ]; then
    echo "'$*' exited with ${status}" >&2
    exit 1
  fi
  elapsed "${start}" "$(now)"
}

ensure_jar_and_corpus
if [ ! -f "${git_repo}/.git/bench-ready" ]; then
  echo "== committing the corpus into ${git_repo} (once)"
  rm -rf "${git_repo}"
  mkdir -p "${git_repo}"
  cp -R "${corpus}/." "${git_repo}/"
  git -C "${git_repo}" init -q -b main .
  git -C "${git_repo}" add -A
  git -C "${git_repo}" -c user.name=bench -c user.email=bench@example.org commit -q -m corpus
  touch "${git_repo}/.git/bench-ready"
fi

changed="netra_backend/app/__init__.py"
cd "${git_repo}"
cp "${changed}" "${changed}.orig"
trap 'mv "${git_repo}/${changed}.orig" "${git_repo}/${changed}"; git -C "${git_repo}" reset -q' EXIT
printf '\n# staged by the pre-commit benchmark\n' >> "${changed}"
git add "${changed}"
tracked="$(git ls-files | wc -l | tr -d ' ')"
rm -rf .git/recovery-gates

scratch="$(mktemp -d)"
checkout_s="$(timed git checkout-index --all --prefix="${scratch}/")"
rm -rf "${scratch}"
cold_s="$(timed java -jar "${jar}" pre-commit)"
warm_s="$(timed java -jar "${jar}" pre-commit)"
old_cache="$(mktemp -d)"
java -jar "${jar}" syntax --root . --changed-from HEAD --cache "${old_cache}" --out "${old_cache}/r" --format json >/dev/null 2>&1 || true
java -jar "${jar}" ssot --root . --changed-from HEAD --cache "${old_cache}" --out "${old_cache}/r" --format json >/dev/null 2>&1 || true
old_syntax_s="$(timed java -jar "${jar}" syntax --root . --changed-from HEAD --cache "${old_cache}" --out "${old_cache}/r" --format json)"
old_ssot_s="$(timed java -jar "${jar}" ssot --root . --changed-from HEAD --cache "${old_cache}" --out "${old_cache}/r" --format json)"
rm -rf "${old_cache}"
old_s="$(awk -v a="${old_syntax_s}" -v b="${old_ssot_s}" 'BEGIN { printf "%.2f", a + b }')"

echo "== pre-commit, ${tracked} tracked files, 1 staged change"
echo "checkout-index of the whole index alone: ${checkout_s} s"
echo "pre-commit (snapshot + syntax + ssot), cold cache: ${cold_s} s"
echo "pre-commit, warm cache: ${warm_s} s"
echo "old hook on the work tree (syntax + ssot --changed-from HEAD), warm cache: ${old_s} s"
