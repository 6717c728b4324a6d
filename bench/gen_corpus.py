#!/usr/bin/env python3
"""Generates a deterministic synthetic monorepo for the syntax and ssot benchmarks.

    python3 bench/gen_corpus.py OUT [--files 25000] [--seed 1] [--java-files N]
                                    [--total-mb 450] [--broken-percent 6] [--backup-files 300]

Shaped like the seeds' monorepo: netra_backend/, auth_service/, analytics_service/,
test_framework/, scripts/, tests/{mission_critical,integration,unit,e2e}/ and
netra_backend/tests/, a pyproject.toml with pytest config, a Java service under
services/gateway-java/ and an excluded backups/ tree. `--files` counts the Python files
that a walk with the built-in excludes sees (package __init__.py files included); the
backups/ files come on top. File sizes follow a log-normal law (median a few KB, a tail of
generated data modules up to 4 MB) scaled so the Python files total about --total-mb.
About --broken-percent of the Python files carry one syntax error each, in the seeds'
category mix. The same arguments always give the same bytes.

A manifest (counts per category, the broken files, total bytes) is written next to OUT
as OUT.manifest.json, not inside it, so it does not change what the gates walk.
`--verify` compiles every broken file and a sample of the good ones with this
interpreter and checks that each fails (or not) as planned.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import sys
from pathlib import Path

# The seeds' counts (127 unterminated strings, 94 unexpected indents, 89 brackets, 78 missing
# blocks, 67 decimal literals, 43 triple quotes) plus the kinds only compile() sees.
CATEGORY_MIX = [
    ("unterminated-string", 22.0),
    ("unexpected-indent", 17.0),
    ("unmatched-bracket", 16.0),
    ("expected-indented-block", 14.0),
    ("invalid-decimal-literal", 12.0),
    ("unterminated-triple-quoted-string", 8.0),
    ("unindent-mismatch", 4.0),
    ("f-string", 3.0),
    ("compile-time", 2.0),
    ("encoding", 1.5),
    ("null-bytes", 0.5),
]

# What compile() says for each planted category (CPython 3.10-3.13 wording).
EXPECTED_MESSAGE = {
    "unterminated-string": r"unterminated string literal|EOL while scanning",
    "unexpected-indent": r"unexpected indent",
    "unmatched-bracket": r"does not match opening parenthesis|unmatched",
    "expected-indented-block": r"expected an indented block",
    "invalid-decimal-literal": r"invalid decimal literal",
    "unterminated-triple-quoted-string": r"unterminated triple-quoted string|EOF while scanning triple-quoted",
    "unindent-mismatch": r"unindent does not match",
    "f-string": r"f-string",
    "compile-time": r"outside function|not allowed at module level",
    "encoding": r"codec can't decode",
    "null-bytes": r"null bytes",
}

# area, share of the Python files, sub-packages, is a test area
AREAS = [
    ("netra_backend/app", 0.33, ["agents", "services", "routes", "websocket_core", "db", "schemas", "core",
                                 "auth_integration", "tools", "llm", "middleware", "monitoring"], False),
    ("auth_service/auth_core", 0.05, ["core", "routes", "db", "oauth"], False),
    ("analytics_service/analytics_core", 0.04, ["ingest", "reports", "db"], False),
    ("test_framework", 0.03, ["fixtures", "helpers", "ssot"], False),
    ("scripts", 0.02, ["deploy", "maintenance"], False),
    ("tests/mission_critical", 0.02, [""], True),
    ("tests/integration", 0.13, ["agents", "auth", "websocket", "database", ""], True),
    ("tests/unit", 0.21, ["agents", "auth", "services", "websocket", "core", ""], True),
    ("tests/e2e", 0.05, ["golden_path", "staging", ""], True),
    ("netra_backend/tests", 0.12, ["unit", "integration", "agents"], True),
]

WORDS = ("agent user session token message event socket bridge manager registry service handler "
         "cache store queue worker runner executor pipeline config settings health check metric "
         "report thread channel context state tool result request response payload schema model "
         "record batch stream router policy limit retry backoff tenant account billing invoice "
         "audit trace span log notification webhook connection pool client factory adapter").split()

MAX_FILE = 4 * 1024 * 1024
MIN_FILE = 120


def camel(*parts: str) -> str:
    return "".join(p.capitalize() for p in parts)


class Writer:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.counter = 0

    def words(self, n: int) -> list[str]:
        return self.rng.sample(WORDS, n)  # distinct: the same name twice would be a duplicate argument

    def next_id(self) -> int:
        self.counter += 1
        return self.counter

    # ---- good chunks: top-level definitions that end with a simple statement ----
    def chunk_function(self) -> str:
        a, b = self.words(2)
        n = self.next_id()
        return (f"\n\ndef {a}_{b}_{n}({a}, {b}=None, *, timeout=30.0):\n"
                f"    '''Return the {a} {b} for one request.'''\n"
                f"    if {b} is None:\n"
                f"        {b} = {{}}\n"
                f"    values = [{a}.get(key, 0) for key in sorted({b})]\n"
                f"    total = sum(v for v in values if isinstance(v, (int, float)))\n"
                f"    logger.debug(\"{a} %s -> %d\", {n}, total)\n"
                f"    return {{\"{a}\": total, \"timeout\": timeout, \"count\": len(values)}}\n")

    def chunk_class(self) -> str:
        a, b, c = self.words(3)
        n = self.next_id()
        return (f"\n\nclass {camel(a, b)}{n}:\n"
                f"    '''Keeps {a} state for the {b} {c}.'''\n\n"
                f"    def __init__(self, {c}_id: str, limit: int = {n % 97 + 3}):\n"
                f"        self.{c}_id = {c}_id\n"
                f"        self.limit = limit\n"
                f"        self._items: dict[str, int] = {{}}\n\n"
                f"    def add(self, key: str, amount: int = 1) -> int:\n"
                f"        current = self._items.get(key, 0) + amount\n"
                f"        if current > self.limit:\n"
                f"            raise ValueError(f\"{a} limit exceeded for {{key}}: {{current}}\")\n"
                f"        self._items[key] = current\n"
                f"        return current\n\n"
                f"    async def flush(self, sink) -> int:\n"
                f"        count = 0\n"
                f"        for key, value in sorted(self._items.items()):\n"
                f"            await sink.send({{\"{b}\": key, \"value\": value}})\n"
                f"            count += 1\n"
                f"        self._items.clear()\n"
                f"        return count\n")

    def chunk_constants(self) -> str:
        a, b = self.words(2)
        n = self.next_id()
        items = ", ".join(f"\"{w}_{i}\": {i * n % 1000}" for i, w in enumerate(self.words(6)))
        return (f"\n\n# {a} {b} defaults, kept in one place\n"
                f"{a.upper()}_{b.upper()}_{n} = {{{items}}}\n"
                f"{a.upper()}_RETRIES_{n} = {n % 7 + 1}\n")

    def chunk_test(self) -> str:
        a, b = self.words(2)
        n = self.next_id()
        return (f"\n\n@pytest.mark.parametrize(\"amount\", [1, 2, {n % 50 + 3}])\n"
                f"def test_{a}_{b}_{n}(amount):\n"
                f"    '''The {a} {b} counter adds up and refuses to pass its limit.'''\n"
                f"    state = {{\"{a}\": 0}}\n"
                f"    for _ in range(amount):\n"
                f"        state[\"{a}\"] += 1\n"
                f"    assert state[\"{a}\"] == amount\n"
                f"    with pytest.raises(KeyError):\n"
                f"        state[\"{b}_missing\"]\n")

    def chunk_data_rows(self) -> str:
        n = self.next_id()
        rows = "\n".join(f"    ({n * 31 + i}, \"{w}\", {((n + i) * 7919) % 100000 / 100.0}, {bool(i % 2)}),"
                         for i, w in enumerate(self.words(12)))
        return f"\n\nROWS_{n} = [\n{rows}\n]\n"

    # ---- one snippet per broken category; each is inserted between top-level chunks ----
    def broken(self, category: str) -> str:
        n = self.next_id()
        a, b = self.words(2)
        if category == "unterminated-string":
            return f"\n\nSTATUS_{n} = \"{a} {b} pipeline restored for staging\n"
        if category == "unexpected-indent":
            return f"\n\n{a}_ready_{n} = True\n                {b}_stray_{n} = compute_{a}({n})\n"
        if category == "unmatched-bracket":
            return f"\n\n{a}_values_{n} = [compute_{b}(x) for x in range({n % 9 + 2}))\n"
        if category == "expected-indented-block":
            return f"\n\ndef {a}_pending_{n}(request):\n# TODO(remediation): body lost in the automated repair\n"
        if category == "invalid-decimal-literal":
            return f"\n\n{a.upper()}_IMPACT_{n} = 1\nProtects $500K+ ARR from {a} {b} failures\n"
        if category == "unterminated-triple-quoted-string":
            return (f"\n\ndef {a}_{b}_{n}():\n    \"\"\"Return the {a} {b}.\n\n"
                    f"    Business value: keeps the golden path alive.\n    return {n}\n")
        if category == "unindent-mismatch":
            return (f"\n\ndef {a}_{b}_{n}(flag):\n    if flag:\n        result = {n}\n"
                    f"      return result\n    return 0\n")
        if category == "f-string":
            return f"\n\n{a}_label_{n} = f\"{a} {{}} finished in {{{b}_seconds}}s\"\n"
        if category == "compile-time":
            return self.rng.choice([f"\n\nif {a}_enabled_{n}:\n    return None\n",
                                    f"\n\nnonlocal {a}_{n}\n",
                                    f"\n\nresult_{n} = await fetch_{a}({n})\n"])
        if category == "encoding":
            return f"\n\nGREETING_{n} = \"Caf@@LATIN1@@ {a} ready\"\n"
        if category == "null-bytes":
            return f"\n\n# exported {a} {b} @@NUL@@ snapshot\n"
        raise ValueError(category)


def header(test: bool, imports: list[str]) -> str:
    lines = ["'''Generated module for the recovery-gates benchmark.'''", "import json", "import logging", "import os"]
    if test:
        lines.append("import pytest")
    lines.extend(imports)
    lines.append("")
    lines.append("logger = logging.getLogger(__name__)")
    lines.append("JWT_SECRET_KEY_NAME = \"JWT_SECRET_KEY\"")
    return "\n".join(lines) + "\n"


def python_file(w: Writer, size: int, test: bool, category: str | None, imports: list[str], data: bool) -> bytes:
    parts = [header(test, imports)]
    length = len(parts[0])
    makers = ([w.chunk_data_rows] if data else
              [w.chunk_test, w.chunk_test, w.chunk_function, w.chunk_constants] if test else
              [w.chunk_function, w.chunk_class, w.chunk_constants, w.chunk_function])
    while length < size:
        chunk = w.rng.choice(makers)()
        parts.append(chunk)
        length += len(chunk)
    if category is not None:
        snippet = w.broken(category)
        if category in ("unterminated-triple-quoted-string", "expected-indented-block"):
            at = len(parts)  # these consume or need what follows; the end of the file is where they bite
        else:
            at = w.rng.randint(1, len(parts))
        parts.insert(at, snippet)
    data_bytes = "".join(parts).encode("ascii")
    return data_bytes.replace(b"@@LATIN1@@", b"\xe9").replace(b"@@NUL@@", b"\x00")


def java_file(w: Writer, package: str, name: str, size: int, broken: bool) -> bytes:
    out = [f"package {package};\n\nimport java.util.ArrayList;\nimport java.util.List;\nimport java.util.Map;\n"
           f"import java.util.concurrent.ConcurrentHashMap;\n\n/** Generated gateway class for the benchmark. */\n"
           f"public final class {name} {{\n\n    private final Map<String, Integer> counts = new ConcurrentHashMap<>();\n"]
    length = len(out[0])
    while length < size:
        a, b = w.words(2)
        n = w.next_id()
        method = (f"\n    /** Counts {a} events for one {b}. */\n"
                  f"    public int {a}{camel(b)}{n}(String key, List<String> values) {{\n"
                  f"        List<String> kept = new ArrayList<>();\n"
                  f"        for (String value : values) {{\n"
                  f"            if (value != null && !value.isBlank()) {{\n"
                  f"                kept.add(value.trim());\n"
                  f"            }}\n"
                  f"        }}\n"
                  f"        return counts.merge(key + \"-{n}\", kept.size(), Integer::sum);\n"
                  f"    }}\n")
        out.append(method)
        length += len(method)
    if broken:
        out.insert(w.rng.randint(1, len(out)), "\n    public int unfinished( {\n        return 0;\n    }\n")
    out.append("}\n")
    return "".join(out).encode("ascii")


def plan_sizes(rng: random.Random, count: int, total_bytes: int) -> list[int]:
    """Log-normal sizes (sigma 1.2), 0.1% of them generated data modules of 0.5-4 MB (log-uniform), scaled to the total."""
    sizes = [min(MAX_FILE, max(MIN_FILE, int(rng.lognormvariate(math.log(7000), 1.2)))) for _ in range(count)]
    for i in rng.sample(range(count), max(1, count // 1000)):
        sizes[i] = int(math.exp(rng.uniform(math.log(512 * 1024), math.log(MAX_FILE))))  # log-uniform
    for _ in range(3):
        scale = total_bytes / max(1, sum(sizes))
        sizes = [min(MAX_FILE, max(MIN_FILE, int(s * scale))) for s in sizes]
    return sizes


def choose_categories(rng: random.Random, count: int) -> list[str]:
    weights = sum(w for _, w in CATEGORY_MIX)
    exact = [(name, count * w / weights) for name, w in CATEGORY_MIX]
    chosen = {name: int(x) for name, x in exact}
    for name, _ in sorted(exact, key=lambda e: e[1] - int(e[1]), reverse=True)[: count - sum(chosen.values())]:
        chosen[name] += 1
    result = [name for name, k in chosen.items() for _ in range(k)]
    rng.shuffle(result)
    return result


def plan_python_paths(rng: random.Random, count: int) -> list[tuple[str, bool]]:
    """(relative path, is test) for exactly `count` files, __init__.py of each package dir included."""
    paths: list[tuple[str, bool]] = []
    seen_dirs: set[str] = set()
    used: set[str] = set()
    quotas = [max(1, round(count * share)) for _, share, _, _ in AREAS]
    quotas[-1] += count - sum(quotas)
    for (area, _share, subs, test), quota in zip(AREAS, quotas):
        produced = 0
        while produced < quota:
            sub = rng.choice(subs)
            bucket = rng.randint(0, max(0, quota // 400))
            directory = "/".join(p for p in (area, sub, f"group_{bucket}" if quota > 400 else "") if p)
            if not test and directory not in seen_dirs:
                parts = directory.split("/")
                for depth in range(1, len(parts) + 1):
                    d = "/".join(parts[:depth])
                    if d not in seen_dirs and produced < quota:
                        seen_dirs.add(d)
                        paths.append((d + "/__init__.py", False))
                        produced += 1
                if produced >= quota:
                    break
            seen_dirs.add(directory)
            a, b = rng.choice(WORDS), rng.choice(WORDS)
            name = f"test_{a}_{b}" if test else f"{a}_{b}"
            path = f"{directory}/{name}.py"
            k = 2
            while path in used:
                path = f"{directory}/{name}_{k}.py"
                k += 1
            used.add(path)
            paths.append((path, test))
            produced += 1
    return paths


def module_of(path: str) -> str:
    return path[:-3].replace("/", ".").removesuffix(".__init__")


def generate(out: Path, files: int, seed: int, java_files: int, total_mb: float, broken_percent: float,
             backup_files: int) -> dict:
    rng = random.Random(seed)
    w = Writer(rng)
    out.mkdir(parents=True, exist_ok=True)
    (out / "pyproject.toml").write_text(
        "[project]\nname = \"synthetic-monorepo\"\nversion = \"0.0.0\"\n\n"
        "[tool.pytest.ini_options]\ntestpaths = [\"tests\", \"netra_backend/tests\"]\n"
        "python_files = [\"test_*.py\"]\npython_functions = [\"test_*\"]\n", encoding="utf-8")

    paths = plan_python_paths(rng, files)
    sizes = plan_sizes(rng, len(paths), int(total_mb * 1024 * 1024))
    broken_count = round(len(paths) * broken_percent / 100.0)
    broken_at = dict(zip(rng.sample(range(len(paths)), broken_count), choose_categories(rng, broken_count)))
    modules = [module_of(p) for p, test in paths if not test and not p.endswith("__init__.py")]

    manifest = {"seed": seed, "pythonFiles": len(paths), "pythonBytes": 0, "broken": {}, "categories": {},
                "javaFiles": 0, "javaBroken": [], "backupFiles": backup_files}
    for index, ((rel, test), size) in enumerate(zip(paths, sizes)):
        category = broken_at.get(index)
        is_init = rel.endswith("__init__.py")
        imports = [] if is_init else [f"from {m} import *  # noqa: F403" for m in rng.sample(modules, min(2, len(modules)))]
        # what the ssot gate looks for: boundary crossings, config aliases, duplicate managers
        if not is_init and rel.startswith("netra_backend/app/") and rng.random() < 0.02:
            imports.append("from auth_service.auth_core.core.session_manager import SessionManager")
        if not is_init and not test and rng.random() < 0.01:
            imports.append("LEGACY_SECRET = os.environ.get(\"JWT_SECRET\", \"\")")
        if not is_init and not test and rng.random() < 0.001:
            imports.append("\n\nclass SessionManager:\n    '''A duplicate nobody consolidated.'''\n\n"
                           "    def get(self, session_id):\n        return None\n")
        body = python_file(w, 40 if is_init and category is None else size, test, category, imports,
                           data=size >= 512 * 1024)
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        manifest["pythonBytes"] += len(body)
        if category is not None:
            manifest["broken"][rel] = category
            manifest["categories"][category] = manifest["categories"].get(category, 0) + 1

    for i in range(backup_files):
        rel = f"backups/test_remediation_20250915_225118/tests/unit/test_backup_{i}.py"
        category = CATEGORY_MIX[i % len(CATEGORY_MIX)][0] if i % 3 == 0 else None
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(python_file(w, rng.randint(500, 20000), True, category, [], data=False))

    java_root = "services/gateway-java/src/main/java/com/netra/gateway"
    java_broken = set(rng.sample(range(java_files), java_files // 50)) if java_files else set()
    for i in range(java_files):
        pkg = rng.choice(["routing", "auth", "metrics", "ws", "config", "util"])
        a, b = rng.choice(WORDS), rng.choice(WORDS)
        name = f"{camel(a, b)}{i}"
        rel = f"{java_root}/{pkg}/{name}.java"
        size = min(200_000, max(400, int(rng.lognormvariate(math.log(4000), 0.9))))
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(java_file(w, f"com.netra.gateway.{pkg}", name, size, i in java_broken))
        manifest["javaFiles"] += 1
        if i in java_broken:
            manifest["javaBroken"].append(rel)
    manifest["categories"] = dict(sorted(manifest["categories"].items()))
    manifest["brokenCount"] = len(manifest["broken"])
    return manifest


def verify(out: Path, manifest: dict, sample: int) -> list[str]:
    problems = []
    rng = random.Random(0)
    for rel, category in sorted(manifest["broken"].items()):
        source = (out / rel).read_bytes()
        try:
            compile(source, rel, "exec")
            problems.append(f"{rel}: compiles, planted {category}")
        except (SyntaxError, ValueError) as e:
            message = e.msg if isinstance(e, SyntaxError) and e.msg else str(e)
            if not re.search(EXPECTED_MESSAGE[category], message):
                problems.append(f"{rel}: planted {category}, compile() says {message!r}")
    good = [p for p in sorted(out.rglob("*.py")) if p.relative_to(out).as_posix() not in manifest["broken"]
            and not p.relative_to(out).as_posix().startswith("backups/")]
    for path in rng.sample(good, min(sample, len(good))):
        try:
            compile(path.read_bytes(), str(path), "exec")
        except (SyntaxError, ValueError) as e:
            problems.append(f"{path.relative_to(out)}: should compile: {e}")
    return problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=25000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--java-files", type=int, default=None, help="default: 2000 scaled by --files/25000")
    parser.add_argument("--total-mb", type=float, default=None, help="Python bytes to aim for (default: 450 MB scaled by --files/25000)")
    parser.add_argument("--broken-percent", type=float, default=6.0)
    parser.add_argument("--backup-files", type=int, default=300)
    parser.add_argument("--verify", action="store_true", help="compile the planted files and a sample of good ones")
    args = parser.parse_args(argv)
    if args.files < 10:
        parser.error("--files must be at least 10")
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} exists and is not empty")
    total_mb = args.total_mb if args.total_mb is not None else 450.0 * args.files / 25000
    java_files = args.java_files if args.java_files is not None else round(2000 * args.files / 25000)
    manifest = generate(args.out, args.files, args.seed, java_files, total_mb, args.broken_percent,
                        args.backup_files)
    manifest_path = Path(str(args.out).rstrip("/") + ".manifest.json")
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{args.out}: {manifest['pythonFiles']} Python files ({manifest['pythonBytes'] / 1048576:.0f} MB), "
          f"{manifest['brokenCount']} broken {manifest['categories']}, {manifest['javaFiles']} Java files "
          f"({len(manifest['javaBroken'])} broken), {args.backup_files} files in backups/; manifest {manifest_path}")
    if args.verify:
        problems = verify(args.out, manifest, sample=200)
        for p in problems:
            print("VERIFY " + p, file=sys.stderr)
        print("verify: OK" if not problems else f"verify: {len(problems)} problem(s)")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
