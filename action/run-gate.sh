#!/usr/bin/env bash
# Runs one gate (or `all`) with --github, so the engine itself writes the annotations,
# the step summary and the outputs verdict / errors / warnings / report-dir. The inputs
# arrive only as environment variables (INPUT_*), never pasted into a script.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

gate="${INPUT_GATE:-all}"
root="${INPUT_ROOT:-.}"
fail_on="${INPUT_FAIL_ON:-error}"
sarif="$(printf '%s' "${INPUT_SARIF:-false}" | tr '[:upper:]' '[:lower:]')"
repair="$(printf '%s' "${INPUT_REPAIR:-false}" | tr '[:upper:]' '[:lower:]')"
comment="$(printf '%s' "${INPUT_COMMENT:-false}" | tr '[:upper:]' '[:lower:]')"
# the token is for the repair step's review only: the gate (and any command it runs) never sees it
token="${INPUT_GITHUB_TOKEN:-}"
unset INPUT_GITHUB_TOKEN
jar="${RG_JAR:?RG_JAR (the resolved jar) is not set}"

case "${gate}" in
  syntax|ssot|recovery|golden-path|all) ;;
  *) annotate_error "input 'gate' is '${gate}'; allowed: syntax, ssot, recovery, golden-path, all"; exit 2 ;;
esac
case "${fail_on}" in
  error|warning|new) ;;
  *) annotate_error "input 'fail-on' is '${fail_on}'; allowed: error, warning, new"; exit 2 ;;
esac
case "${sarif}" in
  true|false) ;;
  *) annotate_error "input 'sarif' is '${INPUT_SARIF}'; allowed: true, false"; exit 2 ;;
esac
case "${repair}" in
  false|patch|suggest) ;;
  *) annotate_error "input 'repair' is '${INPUT_REPAIR}'; allowed: false, patch, suggest"; exit 2 ;;
esac
case "${comment}" in
  true|false) ;;
  *) annotate_error "input 'comment' is '${INPUT_COMMENT}'; allowed: true, false"; exit 2 ;;
esac

# Reports go outside the checked tree, one directory per gate so matrix jobs never mix.
out="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/recovery-gates-report/${gate}"
rm -rf "${out}"

extra=()
if [ -n "${INPUT_ARGS:-}" ]; then
  read -r -a extra <<< "${INPUT_ARGS}"
fi

engine_command "${jar}"
cmd=("${engine[@]}" "${gate}" --root "${root}" --out "${out}" --fail-on "${fail_on}" --github)
if [ -n "${INPUT_CONFIG:-}" ]; then
  cmd+=(--config "${INPUT_CONFIG}")
fi
if [ -n "${INPUT_BASELINE:-}" ]; then
  cmd+=(--baseline "${INPUT_BASELINE}")
fi
if [ -n "${INPUT_FILTER_MODE:-}" ]; then
  cmd+=(--filter-mode "${INPUT_FILTER_MODE}")
fi
case "$(printf '%s' "${INPUT_STRICT_BASELINE:-false}" | tr '[:upper:]' '[:lower:]')" in
  true) cmd+=(--strict-baseline) ;;
  false|"") ;;
  *) annotate_error "input 'strict-baseline' is '${INPUT_STRICT_BASELINE}'; allowed: true, false"; exit 2 ;;
esac
user_formats=false
for arg in "${extra[@]}"; do
  case "${arg}" in --format|--format=*) user_formats=true ;; esac
done
if [ "${sarif}" = false ] && [ "${user_formats}" = false ]; then
  cmd+=(--format "json,junit,md,html")
fi
cmd+=("${extra[@]}")

echo "recovery-gates ${gate}: ${cmd[*]}"
status=0
"${cmd[@]}" || status=$?

# The engine writes the outputs; if it stopped before it could (usage error, crash), say so.
outputs="${GITHUB_OUTPUT:-/dev/null}"
if ! grep -qE '^verdict(=|<<)' "${outputs}" 2>/dev/null; then
  set_output verdict ERROR
  annotate_error "recovery-gates ${gate} exited with ${status} before writing its verdict; see the log above"
fi
if ! grep -qE '^report-dir(=|<<)' "${outputs}" 2>/dev/null; then
  set_output report-dir "${out}"
fi
if [ "${repair}" != false ]; then
  # the repairs never change the step's result: the gate's verdict is what the check shows
  RG_REPORT_DIR="${out}" RG_REPAIR="${repair}" INPUT_GITHUB_TOKEN="${token}" \
    bash "$(dirname "${BASH_SOURCE[0]}")/run-repair.sh" || true
fi
if [ "${comment}" = true ]; then
  # one sticky comment on the pull request; like the repairs, it never changes the step's result
  GITHUB_TOKEN="${token}" "${engine[@]}" comment "${out}" || true
fi
exit "${status}"
