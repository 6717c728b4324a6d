#!/usr/bin/env bash
# Resolves the engine jar and writes its absolute path as the step output `path`:
#   INPUT_JAR = http(s) URL  -> downloaded (deadline RG_DOWNLOAD_TIMEOUT seconds, default 120)
#   INPUT_JAR = a path       -> that file, relative to $GITHUB_WORKSPACE
#   INPUT_JAR empty          -> ~/.cache/recovery-gates/$JAR_KEY/recovery-gates.jar, built with
#                               Maven from the action's own checkout when the cache missed
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

jar_input="${INPUT_JAR:-}"
workspace="${GITHUB_WORKSPACE:-$PWD}"
work="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/recovery-gates"

case "${jar_input}" in
  http://*|https://*)
    mkdir -p "${work}"
    target="${work}/recovery-gates.jar"
    echo "downloading $(display_url "${jar_input}")"
    if ! curl --fail --silent --show-error --location --retry 2 \
         --connect-timeout 20 --max-time "${RG_DOWNLOAD_TIMEOUT:-120}" \
         --output "${target}.part" "${jar_input}"; then
      rm -f "${target}.part"
      annotate_error "could not download the jar from $(display_url "${jar_input}")"
      exit 1
    fi
    mv "${target}.part" "${target}"
    ;;
  "")
    action_repo="$(cd "${GITHUB_ACTION_PATH:-$(dirname "${BASH_SOURCE[0]}")}/.." && pwd)"
    if [ -z "${JAR_KEY:-}" ]; then
      annotate_error "no jar input and no source hash (JAR_KEY): the jar-key step did not run"
      exit 1
    fi
    cache_dir="${HOME}/.cache/recovery-gates/${JAR_KEY}"
    target="${cache_dir}/recovery-gates.jar"
    if [ -f "${target}" ]; then
      echo "using the cached jar built from sources ${JAR_KEY}"
    else
      mvn_cmd="${RG_MAVEN:-mvn}"
      if ! command -v "${mvn_cmd}" >/dev/null 2>&1; then
        annotate_error "the 'jar' input is empty and Maven (${mvn_cmd}) is not installed: set 'jar' to a released jar's path or URL"
        exit 1
      fi
      echo "building the jar from ${action_repo}"
      "${mvn_cmd}" -B -q -DskipTests -f "${action_repo}/pom.xml" package
      mkdir -p "${cache_dir}"
      cp "${action_repo}/target/recovery-gates.jar" "${target}"
    fi
    ;;
  *)
    case "${jar_input}" in
      /*) target="${jar_input}" ;;
      *) target="${workspace}/${jar_input}" ;;
    esac
    if [ ! -f "${target}" ]; then
      annotate_error "the jar '${jar_input}' does not exist (looked for ${target})"
      exit 1
    fi
    ;;
esac

# A jar is a zip: "PK" first. An HTML error page or a Git LFS pointer is not.
if [ "$(head -c 2 "${target}")" != "PK" ]; then
  annotate_error "${target} is not a jar (it does not start like a zip file)"
  exit 1
fi
target="$(cd "$(dirname "${target}")" && pwd)/$(basename "${target}")"
set_output path "${target}"
# the key of the class-data archive cache (bin/recovery-gates makes one archive per jar and JDK)
set_output sha256 "$(sha256sum < "${target}" | cut -c1-64)"
echo "recovery-gates jar: ${target}"
