#!/usr/bin/env python3
"""The ssot gate's yardstick: the obvious hand-made tool, a script that walks the tree with `ast`.

    python3 bench/python_ast_baseline.py ROOT [--workers 1] [--json]

Walks ROOT with the engine's built-in excludes and, for every .py file, parses it with
ast.parse and collects what the ssot gate needs as a minimum: every import (absolute and
relative, with the names imported) and every class definition (nested ones included). Prints
the wall time (walk + parse, interpreter start-up excluded), the files that did not parse, and
the number of imports and classes found; --json prints one JSON object.
"""
from __future__ import annotations

import argparse
import ast
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from python_compile_baseline import python_files  # noqa: E402  (the same walk and excludes)


def scan(path: str) -> tuple[int, int, bool]:
    """(imports, classes, parsed) of one file."""
    try:
        with open(path, "rb") as f:
            tree = ast.parse(f.read(), path)
    except (SyntaxError, ValueError, OSError):
        return 0, 0, False
    imports = classes = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imports += len(node.names)
        elif isinstance(node, ast.ImportFrom):
            imports += 1
        elif isinstance(node, ast.ClassDef):
            classes += 1
    return imports, classes, True


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        parser.error(f"{args.root} is not a directory")
    started = time.perf_counter()
    paths = python_files(str(args.root))
    if args.workers > 1:
        with ProcessPoolExecutor(max_workers=args.workers) as pool:
            results = list(pool.map(scan, paths, chunksize=64))
    else:
        results = [scan(p) for p in paths]
    seconds = time.perf_counter() - started
    result = {"files": len(paths), "unparsed": sum(1 for r in results if not r[2]),
              "imports": sum(r[0] for r in results), "classes": sum(r[1] for r in results),
              "seconds": round(seconds, 3), "workers": args.workers, "python": sys.version.split()[0]}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"python {result['python']} ast x{args.workers}: {result['files']} files ({result['unparsed']} unparsed), "
              f"{result['imports']} imports, {result['classes']} classes, {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
