#!/usr/bin/env bash
# Runs `repair` after the gate (input repair: patch | suggest): the proven repairs go to
# <report-dir>/repair as repair.patch, repair.sarif and repair.json; with "suggest" the engine
# also posts them as review suggestions. The token reaches only the engine's environment.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

jar="${RG_JAR:?RG_JAR (the resolved jar) is not set}"
out="${RG_REPORT_DIR:?RG_REPORT_DIR is not set}/repair"
root="${INPUT_ROOT:-.}"

engine_command "${jar}"
cmd=("${engine[@]}" repair --root "${root}" --out "${out}")
if [ -n "${INPUT_CONFIG:-}" ]; then
  cmd+=(--config "${INPUT_CONFIG}")
fi
if [ "${RG_REPAIR:-patch}" = suggest ]; then
  if [ -z "${INPUT_GITHUB_TOKEN:-}" ]; then
    annotate_error "input 'repair' is 'suggest' but 'github-token' is empty: the repairs are in the patch only"
  else
    cmd+=(--suggest)
  fi
fi

echo "recovery-gates repair: ${cmd[*]}"
status=0
GITHUB_TOKEN="${INPUT_GITHUB_TOKEN:-}" "${cmd[@]}" || status=$?
if [ -f "${out}/repair.patch" ]; then
  set_output repair-patch "${out}/repair.patch"
fi
# 0: every failing file repaired, 1: some left (the summary says which); more is a failure to run
if [ "${status}" -gt 1 ]; then
  annotate_error "recovery-gates repair exited with ${status}; see the log above"
fi
exit "${status}"
