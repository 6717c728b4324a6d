# shellcheck shell=bash
# Helpers shared by the action's scripts (sourced, not run).

# Escapes a workflow command's message: %, CR and LF.
escape_data() {
  local s="$1"
  s="${s//'%'/%25}"
  s="${s//$'\r'/%0D}"
  s="${s//$'\n'/%0A}"
  printf '%s' "$s"
}

# ::error:: annotation with a title, then the same text on stderr for local runs.
annotate_error() {
  printf '::error title=%s::%s\n' "recovery-gates" "$(escape_data "$1")"
}

# Appends name=value to $GITHUB_OUTPUT (values here never hold a newline).
set_output() {
  printf '%s=%s\n' "$1" "$2" >> "${GITHUB_OUTPUT:-/dev/null}"
}

# A URL fit for a log line: no user:password@, no query string (presigned URLs carry tokens there).
display_url() {
  local u="$1"
  u="${u%%\?*}"
  if [[ "$u" =~ ^([a-zA-Z]+://)[^/@]*@(.*)$ ]]; then
    u="${BASH_REMATCH[1]}***@${BASH_REMATCH[2]}"
  fi
  printf '%s' "$u"
}

# Sets the array `engine` to the command that runs the engine jar $1: the action's own
# bin/recovery-gates (application class-data sharing: the first run of a gate makes an archive
# under ~/.cache/recovery-gates/cds, later runs start faster), else plain `java -jar`.
engine_command() {
  local launcher
  launcher="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/bin/recovery-gates"
  # shellcheck disable=SC2034 # `engine` is read by the scripts that source this file
  if [ -f "${launcher}" ]; then
    engine=(env RECOVERY_GATES_JAR="$1" sh "${launcher}")
  else
    engine=(java -jar "$1")
  fi
}
