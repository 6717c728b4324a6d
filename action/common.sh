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
