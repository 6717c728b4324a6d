#!/usr/bin/env python3
"""The baseline the syntax gate is measured against: the interpreter compiling every file itself.

    python3 bench/python_compile_baseline.py ROOT [--workers 2] [--json]

Walks ROOT with the same built-in excludes as the engine (VCS dirs, virtualenvs, caches,
build outputs, backups), then compiles every .py file with compile(source_bytes, path,
"exec") in a concurrent.futures.ProcessPoolExecutor of --workers processes -- the obvious
hand-made tool. Prints the wall time (walk + compile, interpreter start-up excluded) and how
many files failed; --json prints one JSON object instead.
"""
from __future__ import annotations

import argparse
import fnmatch
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

# Mirrors Workspace.BUILT_IN_EXCLUDES: directory names, directory name patterns, file patterns.
EXCLUDED_DIR_NAMES = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", ".tox", ".nox", "__pycache__",
                      ".mypy_cache", ".pytest_cache", ".ruff_cache", "target", "build", "dist", ".gradle", "out",
                      "backups", "backup"}
EXCLUDED_DIR_PATTERNS = ("*.egg-info", "*_backup*")
EXCLUDED_FILE_PATTERNS = ("*.bak",)


def excluded_dir(name: str, path: str) -> bool:
    return (name in EXCLUDED_DIR_NAMES or any(fnmatch.fnmatch(name, p) for p in EXCLUDED_DIR_PATTERNS)
            or os.path.isfile(os.path.join(path, "pyvenv.cfg")))


def python_files(root: str) -> list[str]:
    found = []
    for directory, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not excluded_dir(d, os.path.join(directory, d)))
        for name in sorted(files):
            if name.endswith(".py") and not any(fnmatch.fnmatch(name, p) for p in EXCLUDED_FILE_PATTERNS):
                found.append(os.path.join(directory, name))
    return found


def compiles(path: str) -> bool:
    try:
        with open(path, "rb") as f:
            compile(f.read(), path, "exec")
        return True
    except (SyntaxError, ValueError):
        return False
    except OSError:
        return False


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        parser.error(f"{args.root} is not a directory")
    started = time.perf_counter()
    paths = python_files(str(args.root))
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        verdicts = list(pool.map(compiles, paths, chunksize=64))
    seconds = time.perf_counter() - started
    failed = verdicts.count(False)
    result = {"files": len(paths), "failed": failed, "seconds": round(seconds, 3), "workers": args.workers,
              "python": sys.version.split()[0]}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"python {result['python']} compile() x{args.workers} processes: {len(paths)} files, "
              f"{failed} failed, {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
