#!/usr/bin/env python3
"""The obvious hand-made tool ssotGate is measured against.

Walks the tree once, parses every Python file with `ast` and collects its imports (absolute and
relative) and class definitions; reads Java and JS/TS files with a regular expression for their
imports and classes. Single process, like the scripts in the seeds. Prints counts so a run can
be compared with ssotGate's `imports` and `definitions` metrics.

usage: ast_baseline.py ROOT
"""
import ast
import os
import re
import sys

SKIP = {".git", "node_modules", ".venv", "venv", "__pycache__", "build", "dist", "target"}
JS_IMPORT = re.compile(r"""(?:import\s[^'"]*?from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)['"]([^'"]+)['"]""")
JAVA_IMPORT = re.compile(r"^\s*import\s+(?:static\s+)?([\w.]+)", re.M)
CLASS = re.compile(r"\bclass\s+(\w+)")


def main():
    root = sys.argv[1]
    files = imports = classes = failed = 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in SKIP]
        for name in filenames:
            path = os.path.join(dirpath, name)
            if name.endswith(".py"):
                files += 1
                try:
                    with open(path, "rb") as f:
                        tree = ast.parse(f.read(), path)
                except (SyntaxError, ValueError):
                    failed += 1
                    continue
                for node in ast.walk(tree):
                    if isinstance(node, ast.Import):
                        imports += len(node.names)
                    elif isinstance(node, ast.ImportFrom):
                        imports += 1
                    elif isinstance(node, ast.ClassDef):
                        classes += 1
            elif name.endswith((".ts", ".tsx", ".js", ".jsx", ".java")):
                files += 1
                with open(path, encoding="utf-8", errors="replace") as f:
                    text = f.read()
                pattern = JAVA_IMPORT if name.endswith(".java") else JS_IMPORT
                imports += len(pattern.findall(text))
                classes += len(CLASS.findall(text))
    print("files=%d imports=%d classes=%d unparsed=%d" % (files, imports, classes, failed))


if __name__ == "__main__":
    main()
