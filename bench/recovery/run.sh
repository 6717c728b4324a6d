#!/usr/bin/env bash
# Recovery gate speed targets (issue 5). Not part of `mvn verify`; run by hand after `mvn -q package -DskipTests`.
#   1. parallel: 20 HTTP checks whose servers answer in 200 ms: gate wall time / slowest check <= 1.3
#   2. notice:   a dependency that starts listening at t (8 s after launch) is seen up within interval + 10%
#   3. overhead: JVM start to report written, all checks instant: <= 1.5 s
#   4. start:    JVM start to exit, one HTTP check answering in 0.5 s (issue 15: <= 1.0 s wall), plain
#                `java -jar` and through bin/recovery-gates (application CDS; its archive made first)
#   5. ten:      10 such checks vs 1 (issue 15: <= +0.15 s), median of RUNS (default 5) runs each
# JAR=path picks the jar; RUNS=n the runs per median.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="${JAR:-$here/../../target/recovery-gates.jar}"
[[ -f "$jar" ]] || { echo "build the jar first: mvn -q package -DskipTests" >&2; exit 2; }
launcher="$here/../../bin/recovery-gates"
runs="${RUNS:-5}"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

now_ms() { date +%s%3N; }
metric() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["metrics"].get(sys.argv[2], ""))' "$1" "$2"; }

start_servers() { # count delay [late late_file]; sets $info to the JSON line the servers print
  local file="$work/servers.$RANDOM"
  python3 "$here/servers.py" "$@" > "$file" &
  pids+=($!)
  for _ in $(seq 100); do [[ -s "$file" ]] && break; sleep 0.1; done
  info="$(head -n1 "$file")"
}

# 1. parallel
start_servers 20 0.2
python3 - "$info" > "$work/parallel.yml" <<'PY'
import json, sys
ports = json.loads(sys.argv[1])["ports"]
print("recovery:\n  wait: {timeout: 30s, interval: 1s}\n  checks:")
for i, p in enumerate(ports):
    print(f'    - {{name: svc{i}, type: http, url: "http://127.0.0.1:{p}/health"}}')
PY
java -jar "$jar" recovery --root "$work" --config "$work/parallel.yml" --out "$work/parallel" --format json > /dev/null
python3 - "$work/parallel/recovery.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
m = r["metrics"]
slowest = max(v for k, v in m.items() if k.endswith(".latencyMs"))
ratio = m["time.wallMs"] / slowest
print(f"parallel: checks wall {m['time.wallMs']} ms / slowest check {slowest} ms = {ratio:.2f} (goal <= 1.3) {'OK' if ratio <= 1.3 else 'MISSED'}"
      f"; whole gate incl. config and client set-up {r['durationMs']} ms = {r['durationMs'] / slowest:.2f}")
PY

# 2. notice
late_file="$work/late.ms"
start_servers 0 0 8 "$late_file"
late_port="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["latePort"])' "$info")"
printf 'recovery:\n  wait: {timeout: 20s, interval: 1s}\n  checks:\n    - {name: late, type: http, url: "http://127.0.0.1:%s/health"}\n' "$late_port" > "$work/notice.yml"
java -jar "$jar" recovery --root "$work" --config "$work/notice.yml" --out "$work/notice" --format json > /dev/null
python3 - "$work/notice/recovery.json" "$late_file" <<'PY'
import json, sys, datetime
r = json.load(open(sys.argv[1]))
started = datetime.datetime.fromisoformat(r["details"]["checksStartedAt"].replace("Z", "+00:00")).timestamp() * 1000
up_at = started + r["metrics"]["check.late.upAtMs"]
listening = int(open(sys.argv[2]).read())
if listening <= started:
    print("notice: inconclusive: the server was listening before the checks started (slow JVM start); rerun on a quieter machine")
else:
    lag = up_at - listening
    print(f"notice: up {lag:.0f} ms after the server started listening, interval 1000 ms (goal <= 1100 ms) {'OK' if lag <= 1100 else 'MISSED'}")
PY

# 3. overhead
start_servers 5 0
python3 - "$info" > "$work/overhead.yml" <<'PY'
import json, sys
ports = json.loads(sys.argv[1])["ports"]
print("recovery:\n  checks:")
for i, p in enumerate(ports):
    print(f'    - {{name: svc{i}, type: tcp, url: "tcp://127.0.0.1:{p}"}}')
PY
t0="$(now_ms)"
java -jar "$jar" recovery --root "$work" --config "$work/overhead.yml" --out "$work/overhead" > /dev/null
t1="$(now_ms)"
echo "overhead: JVM start to reports written $((t1 - t0)) ms (goal <= 1500 ms) $([[ $((t1 - t0)) -le 1500 ]] && echo OK || echo MISSED)"

# 4. + 5. start-up and ten checks of 0.5 s
start_servers 10 0.5
for n in 1 10; do
  python3 - "$info" "$n" > "$work/slow$n.yml" <<'PY'
import json, sys
ports = json.loads(sys.argv[1])["ports"][: int(sys.argv[2])]
print("recovery:\n  checks:")
for i, p in enumerate(ports):
    print(f'    - {{name: svc{i}, type: http, url: "http://127.0.0.1:{p}/health"}}')
PY
done
export XDG_CACHE_HOME="$work/xdg" RECOVERY_GATES_JAR="$jar"
median_ms() { # command...: median wall ms of $runs runs
  local times=() a b
  for _ in $(seq "$runs"); do
    a="$(now_ms)"; "$@" > /dev/null 2>&1 || true; b="$(now_ms)"
    times+=($((b - a)))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}
"$launcher" recovery --root "$work" --config "$work/slow1.yml" --out "$work/cds" > /dev/null 2>&1 || true # makes the archive
declare -A took
for n in 1 10; do
  took[plain$n]="$(median_ms java -jar "$jar" recovery --root "$work" --config "$work/slow$n.yml" --out "$work/s$n")"
  took[launcher$n]="$(median_ms "$launcher" recovery --root "$work" --config "$work/slow$n.yml" --out "$work/s$n")"
done
for how in plain launcher; do
  one="${took[${how}1]}"; ten="${took[${how}10]}"; extra=$((ten - one))
  echo "start ($how): one 0.5 s check, JVM start to exit $one ms (goal <= 1000 ms) $([[ $one -le 1000 ]] && echo OK || echo MISSED)"
  echo "ten ($how): 10 checks of 0.5 s $ten ms vs 1 check $one ms: $(printf '%+d' "$extra") ms (goal <= +150 ms) $([[ $extra -le 150 ]] && echo OK || echo MISSED)"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
