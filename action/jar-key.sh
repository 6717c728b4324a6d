#!/usr/bin/env bash
# Prints key=<hash of pom.xml and src/> of the action's own checkout to $GITHUB_OUTPUT:
# the cache key of the jar built from it. hashFiles() cannot be used here because it only
# sees files under $GITHUB_WORKSPACE, and the action's checkout usually lives elsewhere.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

repo="$(cd "${GITHUB_ACTION_PATH:-$(dirname "${BASH_SOURCE[0]}")}/.." && pwd)"
if [ ! -f "${repo}/pom.xml" ] || [ ! -d "${repo}/src" ]; then
  annotate_error "no pom.xml and src/ next to the action (${repo}): set the 'jar' input to a released jar"
  exit 1
fi
key="$(
  cd "${repo}"
  { printf '%s\n' pom.xml; find src -type f | LC_ALL=C sort; } | while IFS= read -r file; do
    printf '%s\n' "${file}"
    sha256sum < "${file}"
  done | sha256sum | cut -c1-20
)"
set_output key "${key}"
echo "engine sources hash: ${key}"
