#!/usr/bin/env bash
# Load benchmark of goldenPathGate against Artillery's WebSocket engine, both against the
# reference server on 127.0.0.1: USERS concurrent users × ITERATIONS journeys each.
# Prints both runs' journeys per second, latency and the load generator's CPU time.
#
#   bench/goldenpath/run.sh [users] [iterations]      (default 50 20, the issue's load)
#
# JAR=path/to/recovery-gates.jar measures that jar (default: this checkout's target/recovery-gates.jar).
# BEFORE_JAR=path/to/other.jar also runs the gate with that jar (through the same launcher, against the
# same server, before this checkout's jar) and prints its row and ratio too: an A/B in one run;
# BEFORE_LAUNCHER=path/to/recovery-gates runs it through that launcher (e.g. the one of the commit the
# jar was built from, with its JVM defaults) instead of this checkout's.
# GATE_CONFIG=path/to/config.yml runs the gate with that config (default: gate.yml, session: user, one
# socket per virtual user as Artillery's); BEFORE_CONFIG the BEFORE_JAR's run (default: GATE_CONFIG), e.g.
# BEFORE_CONFIG=bench/goldenpath/gate-per-journey.yml for a jar that has no load.session.
#
# Needs: java 17, python3, node + npm (installs artillery globally when missing), a built jar
# (built here with `mvn -B -q package -DskipTests` when target/recovery-gates.jar is absent).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
users=${1:-50}
iterations=${2:-20}
jar="${JAR:-$repo/target/recovery-gates.jar}"
gate_config="${GATE_CONFIG:-$here/gate.yml}"
before_config="${BEFORE_CONFIG:-$gate_config}"
for c in "$gate_config" "$before_config"; do
  if [ ! -f "$c" ]; then
    echo "config $c: no such file" >&2
    exit 2
  fi
done

if [ -n "${JAR:-}" ] && [ ! -f "$jar" ]; then
  echo "JAR=$jar: no such file" >&2
  exit 2
elif [ ! -f "$jar" ]; then
  (cd "$repo" && mvn -B -q package -DskipTests)
fi
if ! command -v artillery >/dev/null 2>&1; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm i -g artillery
fi

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

JWT_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')
E2E_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_urlsafe(16))')
export JWT_SECRET_KEY E2E_PASSWORD
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

java -jar "$jar" serve-reference --port "$port" --event-delay 5 \
  >"$work/server.log" 2>&1 &
server_pid=$!
python3 - "$port" <<'PY'
import sys, time, urllib.request
deadline = time.time() + 120
while True:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/health", timeout=2).read()
        break
    except OSError:
        if time.time() > deadline:
            sys.exit("the reference server did not come up")
        time.sleep(0.5)
PY

export WS_URL="ws://127.0.0.1:$port/ws" USERS="$users" ITERATIONS="$iterations"
mkdir -p "$work/root"

# The gate runs through bin/recovery-gates, as the Action and the hook run it (application CDS and
# its JVM defaults for golden-path); a small warm-up run makes its class archive first, in a cache
# of this run's own. GATE_JAVA_OPTS: more JVM flags (RECOVERY_GATES_JAVA_OPTS), e.g. "-XX:+UseSerialGC";
# GATE_LAUNCHER=plain runs `java -jar` instead.
export RECOVERY_GATES_JAR="$jar" XDG_CACHE_HOME="$work/cache" RECOVERY_GATES_JAVA_OPTS="${GATE_JAVA_OPTS:-}"
read -r -a extra <<< "${GATE_JAVA_OPTS:-}"
launch=()
# gate <jar> <name> <config> [launcher]: one measured run of the gate with that jar (after a warm-up that makes its archive)
gate() {
  export RECOVERY_GATES_JAR="$1"
  local config="$3"
  launch=(sh "${4:-$repo/bin/recovery-gates}")
  if [ "${GATE_LAUNCHER:-}" = plain ]; then
    launch=(java "${extra[@]}" -jar "$1")
  else
    USERS=2 ITERATIONS=1 "${launch[@]}" golden-path --config "$config" --root "$work/root" \
      --out "$work/warm-up" --format json >/dev/null 2>&1 || true
  fi
  python3 "$here/measure.py" gate "${launch[@]}" golden-path --config "$config" \
    --root "$work/root" --out "$work/$2-report" --format json >"$work/$2-measure.json" || true
}
if [ -n "${BEFORE_JAR:-}" ]; then
  gate "$BEFORE_JAR" gate-before "$before_config" "${BEFORE_LAUNCHER:-}"
fi
gate "$jar" gate "$gate_config"

sed -e "s/arrivalCount: 50/arrivalCount: $users/" -e "s/count: 20/count: $iterations/" \
  "$here/artillery.yml" >"$work/artillery.yml"
cp "$here/artillery-processor.js" "$work/"
(cd "$work" && python3 "$here/measure.py" artillery artillery run --quiet --target "$WS_URL" \
  --output "$work/artillery.json" "$work/artillery.yml" >"$work/artillery-measure.json") || true

python3 "$here/summarize.py" "$work" "$users" "$iterations"
