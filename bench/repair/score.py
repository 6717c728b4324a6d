#!/usr/bin/env python3
"""Scores a repair run of the benchmark's corrupted files.

    python3 bench/repair/score.py CASES REPAIRED_TREE REPORT_JSON SECONDS

CASES is corrupt.py's output (manifest.json, originals/); REPAIRED_TREE the tree after
`repair --apply`; REPORT_JSON that run's repair.json; SECONDS its wall time. Prints, overall
and per corruption kind: the share of files with a proposed repair, the share of proposed
repairs whose source compiles (goal 100 %), the share of files whose repaired AST equals the
original's (ast.dump, goal >= 85 %), the share left to a human, and the time per file.
"""
from __future__ import annotations

import ast
import json
import sys
from collections import defaultdict
from pathlib import Path


def dump(text: str) -> str | None:
    try:
        return ast.dump(ast.parse(text))
    except (SyntaxError, ValueError):
        return None


def main(argv: list[str]) -> int:
    cases, tree, report_path, seconds = Path(argv[0]), Path(argv[1]), Path(argv[2]), float(argv[3])
    manifest = json.loads((cases / "manifest.json").read_text(encoding="utf-8"))
    report = json.loads(report_path.read_text(encoding="utf-8"))
    status = {f["path"]: f for f in report["files"]}
    rows = defaultdict(lambda: defaultdict(int))
    for rel, case in sorted(manifest.items()):
        kind = case["kind"]
        for key in (kind, "all"):
            rows[key]["files"] += 1
        f = status.get(rel)
        st = f["status"] if f else "missing"
        for key in (kind, "all"):
            rows[key][st] += 1
        if st in ("applied", "proposed"):
            repaired = (tree / rel).read_text(encoding="utf-8")
            original = (cases / "originals" / rel).read_text(encoding="utf-8")
            try:
                compile(repaired, rel, "exec", dont_inherit=True)
                ok = True
            except (SyntaxError, ValueError):
                ok = False
            same = ok and dump(repaired) == dump(original)
            for key in (kind, "all"):
                rows[key]["compiles"] += ok
                rows[key]["ast-equal"] += same
    n = rows["all"]["files"]

    def pct(a: int, b: int) -> str:
        return f"{100.0 * a / b:5.1f}%" if b else "    -"

    print(f"{'kind':28} {'files':>5} {'proposed':>9} {'compiles':>9} {'AST =':>7} {'AST = /prop':>11} {'human':>7} {'none':>7} {'partial':>7}")
    for kind in sorted(k for k in rows if k != "all") + ["all"]:
        r = rows[kind]
        prop = r["applied"] + r["proposed"]
        print(f"{kind:28} {r['files']:5d} {pct(prop, r['files']):>9} {pct(r['compiles'], prop):>9} "
              f"{pct(r['ast-equal'], r['files']):>7} {pct(r['ast-equal'], prop):>11} {pct(r['needs-human'], r['files']):>7} "
              f"{pct(r['no-candidate'], r['files']):>7} {pct(r['partial'], r['files']):>7}")
    a = rows["all"]
    prop = a["applied"] + a["proposed"]
    print()
    print(f"files: {n}; proposed repairs that compile: {pct(a['compiles'], prop).strip()} (goal 100%)")
    print(f"repaired AST equals the original's: {pct(a['ast-equal'], n).strip()} of all files (goal >= 85%), "
          f"{pct(a['ast-equal'], prop).strip()} of the proposed repairs")
    print(f"left to a human (needs-human): {pct(a['needs-human'], n).strip()}; no candidate: {pct(a['no-candidate'], n).strip()}; "
          f"partial: {pct(a['partial'], n).strip()}; refused: {pct(a['refused'], n).strip()}")
    print(f"time per file: {1000.0 * seconds / max(1, n):.1f} ms (wall time of the whole repair run, JVM start included, / files)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
