#!/usr/bin/env python3
"""Asserts that the example repositories are broken exactly where they are meant to be.

For every Python file of each example this compiles the bytes with this interpreter's
compile(source, path, "exec") -- the verdict the syntax gate must reproduce -- and checks
it against the table below: the planted files fail with the intended message, every other
file compiles. It also checks the broken JSON/YAML files, the parse rate of each threshold
scope against .recovery-gates.yml, and that EXPECTED.md names every planted file.

Usage: python3 examples/verify.py        (exit 0 when everything is as intended)
"""
from __future__ import annotations

import ast
import fnmatch
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# The files the syntax gate reads as JSON with comments (SyntaxConfig.JSONC); the examples add none.
JSONC = ("tsconfig*.json", "jsconfig*.json", ".vscode/*.json", ".eslintrc.json", "*.jsonc")


def is_jsonc(rel: str) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(name, g) or fnmatch.fnmatchcase(rel, "*/" + g) or fnmatch.fnmatchcase(rel, g)
               for g in JSONC)


def without_comments(text: str) -> str:
    """JSONC -> JSON: drops // and /* */ comments outside strings and a comma right before ] or }
    (enough for the examples' files, whose strings hold no ",]")."""
    out = []
    i = 0
    in_string = False
    while i < len(text):
        c = text[i]
        if in_string:
            out.append(c)
            if c == "\\" and i + 1 < len(text):
                out.append(text[i + 1])
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
            out.append(c)
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise ValueError("unclosed comment")
            i = end + 2
            continue
        else:
            out.append(c)
        i += 1
    return re.sub(r",(\s*[\]}])", r"\1", "".join(out))

# Directory names the engine's built-in excludes skip (Workspace.BUILT_IN_EXCLUDES).
EXCLUDED_DIRS = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", ".tox", ".nox", "__pycache__",
                 ".mypy_cache", ".pytest_cache", ".ruff_cache", "target", "build", "dist", ".gradle", "out",
                 "backups", "backup"}

# path -> (category, exception type name(s), message regex). Messages are matched loosely enough
# to hold across CPython 3.10-3.13, whose wording differs in details.
MONOREPO_BROKEN = {
    "tests/mission_critical/test_websocket_agent_events_suite.py":
        ("unterminated-string", "SyntaxError", r"^unterminated string literal|^EOL while scanning string literal"),
    "auth_service/auth_core/core/token_blacklist.py":
        ("unterminated-triple-quoted-string", "SyntaxError", r"^unterminated triple-quoted string literal|^EOF while scanning triple-quoted"),
    "netra_backend/app/services/agent_service.py":
        ("unmatched-bracket", "SyntaxError", r"^closing parenthesis '\]' does not match opening parenthesis '\('"),
    "tests/mission_critical/test_agent_execution_business_value.py":
        ("invalid-decimal-literal", "SyntaxError", r"^invalid decimal literal"),
    "netra_backend/app/routes/health.py":
        ("unexpected-indent", "IndentationError", r"^unexpected indent"),
    "scripts/deploy_check.py":
        ("expected-indented-block", "IndentationError", r"^expected an indented block"),
    "tests/unit/test_message_formatting.py":
        ("unindent-mismatch", "IndentationError|TabError", r"^unindent does not match any outer indentation level"),
    "netra_backend/app/logging_ext/formatters.py":
        ("f-string", "SyntaxError", r"^f-string"),
    "scripts/migrate_sessions.py":
        ("compile-time", "SyntaxError", r"^'return' outside function"),
    "netra_backend/app/i18n/messages_legacy.py":
        ("encoding", "SyntaxError", r"'utf-8' codec can't decode byte 0xe9"),
    "netra_backend/app/services/metrics_export.py":
        ("null-bytes", "SyntaxError|ValueError", r"null bytes"),
}
# Only compile() sees these; ast.parse accepts them (so the ssot gate can still read the file).
COMPILE_ONLY = {"compile-time"}

EXAMPLES = {
    "monorepo": {
        "broken_python": MONOREPO_BROKEN,
        "broken_excluded": ["backups/test_remediation_20250915_225118/tests/mission_critical/test_websocket_agent_events_suite.py",
                            "backups/test_remediation_20250915_225118/auth_service/session_manager.py"],
        "broken_json": ["frontend/package.json"],
        "broken_yaml": ["deploy/staging/values.yaml"],
        "thresholds": {"mission_critical": (3, 5, False), "integration": (4, 4, True), "unit": (9, 10, True)},
    },
    "monorepo-clean": {
        "broken_python": {},
        "broken_excluded": [],
        "broken_json": [],
        "broken_yaml": [],
        "thresholds": {"mission_critical": (5, 5, True), "integration": (4, 4, True), "unit": (10, 10, True)},
    },
}

failures: list[str] = []


def check(condition: bool, message: str) -> None:
    if not condition:
        failures.append(message)


def walk(root: Path, suffixes: tuple[str, ...], excluded: bool):
    """Files under root with one of the suffixes: outside excluded dirs, or (excluded=True) inside them."""
    for path in sorted(root.rglob("*")):
        if not path.is_file() or not path.name.endswith(suffixes):
            continue
        rel = path.relative_to(root)
        in_excluded = any(part in EXCLUDED_DIRS or "_backup" in part for part in rel.parts[:-1])
        if in_excluded == excluded:
            yield rel.as_posix(), path


def compile_verdict(path: Path):
    source = path.read_bytes()
    try:
        compile(source, str(path), "exec")
        return None
    except (SyntaxError, ValueError) as e:
        message = e.msg if isinstance(e, SyntaxError) and e.msg else str(e)
        return type(e).__name__, message


def parses_with_ast(path: Path) -> bool:
    try:
        ast.parse(path.read_bytes())
        return True
    except (SyntaxError, ValueError):
        return False


def yaml_errors(path: Path):
    try:
        import yaml  # PyYAML; optional
    except ImportError:
        return "skipped"
    try:
        list(yaml.safe_load_all(path.read_text(encoding="utf-8")))
        return None
    except yaml.YAMLError as e:
        return str(e).splitlines()[0]


def verify(name: str, spec: dict) -> None:
    root = HERE / name
    check(root.is_dir(), f"{name}: missing directory")
    broken = spec["broken_python"]
    expected_md = (root / "EXPECTED.md").read_text(encoding="utf-8")
    failed: set[str] = set()
    for rel, path in walk(root, (".py",), excluded=False):
        verdict = compile_verdict(path)
        if verdict is None:
            check(rel not in broken, f"{name}/{rel}: compiles, but should fail ({broken.get(rel, ('',))[0]})")
            continue
        failed.add(rel)
        if rel not in broken:
            failures.append(f"{name}/{rel}: should compile, got {verdict[0]}: {verdict[1]}")
            continue
        category, types, pattern = broken[rel]
        check(re.fullmatch(types, verdict[0]) is not None,
              f"{name}/{rel}: expected {types} ({category}), got {verdict[0]}: {verdict[1]}")
        check(re.search(pattern, verdict[1]) is not None,
              f"{name}/{rel}: expected message /{pattern}/ ({category}), got {verdict[1]!r}")
        check(parses_with_ast(path) == (category in COMPILE_ONLY),
              f"{name}/{rel}: ast.parse should {'accept' if category in COMPILE_ONLY else 'reject'} it ({category})")
        check(rel in expected_md, f"{name}/EXPECTED.md does not mention {rel}")
    missing = set(broken) - failed
    check(not missing, f"{name}: planted files not found or not failing: {sorted(missing)}")
    categories = [c for c, _, _ in broken.values()]
    check(len(categories) == len(set(categories)), f"{name}: more than one broken file per category")

    for rel in spec["broken_excluded"]:
        path = root / rel
        check(path.is_file() and compile_verdict(path) is not None, f"{name}/{rel}: excluded file should exist and fail")
    for rel, path in walk(root, (".py",), excluded=True):
        check(rel in spec["broken_excluded"], f"{name}/{rel}: unexpected file in an excluded dir")

    for rel, path in walk(root, (".json", ".jsonc"), excluded=False):
        try:
            text = path.read_text(encoding="utf-8")
            json.loads(without_comments(text) if is_jsonc(rel) else text)
            ok = True
        except ValueError:
            ok = False
        check(ok != (rel in spec["broken_json"]), f"{name}/{rel}: JSON should {'fail' if ok else 'parse'}")
    for rel, path in walk(root, (".yml", ".yaml"), excluded=False):
        error = yaml_errors(path)
        if error == "skipped":
            continue
        check((error is None) != (rel in spec["broken_yaml"]),
              f"{name}/{rel}: YAML should {'fail' if error is None else 'parse'} ({error})")

    config_text = (root / ".recovery-gates.yml").read_text(encoding="utf-8")
    scopes = dict(re.findall(r"- name: (\w+)\s+include: \[\"([^\"]+)\"\]", config_text))
    minimums = dict(zip(scopes, (float(m) for m in re.findall(r"^\s+min: (\d+(?:\.\d+)?)", config_text, re.M))))
    for scope, (want_ok, want_total, want_pass) in spec["thresholds"].items():
        check(scope in scopes, f"{name}: .recovery-gates.yml has no threshold {scope}")
        if scope not in scopes:
            continue
        files = [rel for rel, _ in walk(root, (".py",), excluded=False) if fnmatch.fnmatch(rel, scopes[scope])]
        ok = [rel for rel in files if rel not in failed]
        rate = 100.0 if not files else 100.0 * len(ok) / len(files)
        check((len(ok), len(files)) == (want_ok, want_total),
              f"{name}: scope {scope} has {len(ok)}/{len(files)} compiling, expected {want_ok}/{want_total}")
        check((rate >= minimums[scope]) == want_pass,
              f"{name}: scope {scope} at {rate:.1f}% should {'pass' if want_pass else 'fail'} min {minimums[scope]}")
    total = sum(1 for _ in walk(root, (".py",), excluded=False))
    print(f"{name}: {total} Python files, {len(failed)} fail to compile "
          f"({', '.join(sorted(c for c, _, _ in broken.values())) or 'none'})")


def main() -> int:
    print(f"python {sys.version.split()[0]}")
    for name, spec in EXAMPLES.items():
        verify(name, spec)
    for failure in failures:
        print("FAIL " + failure)
    print("OK" if not failures else f"{len(failures)} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
