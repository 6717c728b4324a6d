#!/usr/bin/env python3
"""Prints goldenPathGate's and Artillery's runs side by side from the files run.sh left in a work dir."""
import json
import sys
from pathlib import Path


def load(path: Path):
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def main() -> None:
    work, users, iterations = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    wanted = users * iterations
    rows = []

    gates = [("goldenPathGate", "gate")]
    if (work / "gate-before-measure.json").exists():
        gates.insert(0, ("before (BEFORE_JAR)", "gate-before"))
    for name, stem in gates:
        gate = load(work / f"{stem}-report" / "golden-path.json")
        gate_cpu = load(work / f"{stem}-measure.json")
        if gate and gate_cpu:
            m = gate["metrics"]
            done = m.get("journeys.passed", 0)
            rows.append((name, done, m.get("journeys.failed", 0), gate_cpu["wallSeconds"],
                         done / max(gate_cpu["wallSeconds"], 1e-9), m.get("latency.journey.p95", "n/a"),
                         gate_cpu["cpuSeconds"], gate["verdict"]))
        else:
            rows.append((name, 0, wanted, 0, 0, "n/a", 0, "did not run"))

    art = load(work / "artillery.json")
    art_cpu = load(work / "artillery-measure.json")
    if art and art_cpu:
        agg = art.get("aggregate", {})
        counters = agg.get("counters", {})
        completed_users = counters.get("vusers.completed", 0)
        failed_users = counters.get("vusers.failed", 0)
        session = agg.get("summaries", {}).get("vusers.session_length", {})
        # Artillery times the whole virtual user (all its journeys on one socket): per journey is an estimate
        p95 = round(session.get("p95", 0) / iterations) if session else "n/a"
        done = completed_users * iterations
        rows.append(("artillery (ws engine)", done, failed_users * iterations, art_cpu["wallSeconds"],
                     done / max(art_cpu["wallSeconds"], 1e-9), f"~{p95}", art_cpu["cpuSeconds"],
                     "ok" if failed_users == 0 else f"{failed_users} users failed"))
    else:
        rows.append(("artillery (ws engine)", 0, wanted, 0, 0, "n/a", 0, "did not run"))

    print(f"{users} users x {iterations} journeys = {wanted} journeys per load generator")
    print(f"{'generator':24} {'ok':>6} {'failed':>6} {'wall s':>8} {'journeys/s':>11} {'p95 ms':>8} {'cpu s':>7} {'cpu ms/journey':>15}  note")
    per_journey = []
    for name, ok, failed, wall, rate, p95, cpu, note in rows:
        per = cpu * 1000 / ok if ok else float("nan")
        per_journey.append(per)
        print(f"{name:24} {ok:>6} {failed:>6} {wall:>8.2f} {rate:>11.1f} {str(p95):>8} {cpu:>7.2f} {per:>15.2f}  {note}")
    artillery = per_journey[-1]

    def ratio(per):
        return per / artillery if artillery and artillery == artillery else float("nan")

    if len(rows) == 3:
        print(f"CPU per journey, before (BEFORE_JAR) / Artillery: {ratio(per_journey[0]):.2f}")
    # the last line is this checkout's ratio (bench/all.sh reads it)
    mine = ratio(per_journey[-2])
    print(f"CPU per journey, goldenPathGate / Artillery: {mine:.2f} (issue 15 goal <= 0.5) {'OK' if mine <= 0.5 else 'MISSED'}")


if __name__ == "__main__":
    main()
