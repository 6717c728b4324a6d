#!/usr/bin/env python3
"""Writes a synthetic monorepo shaped like the seeds' one, for the ssot benchmark.

Deterministic for a given --files and --seed. About 85% Python, 10% TypeScript, 5% Java, with
the things ssotGate looks for planted at known rates: duplicate SessionManager classes, backend
imports of auth_service internals, JWT_SECRET aliases, the deprecated WebSocketNotifier and
websocket_core.manager, imports of modules that do not exist (some guarded), validators that
only return True and commented-out real-service markers.

usage: gen_corpus.py OUT_DIR [--files 25000] [--seed 7]
"""
import argparse
import os
import random

SERVICES = ["netra_backend/app", "auth_service/auth_core", "shared/lib", "analytics_service/core"]


def write(root, path, text):
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as f:
        f.write(text)


def python_module(rng, i, pkg, modules):
    lines = ['"""Module %d of %s."""' % (i, pkg), "import os", "import json", "from typing import Any, Optional"]
    for _ in range(rng.randint(2, 6)):
        target = rng.choice(modules)
        lines.append("from %s import %s" % (target.replace("/", "."), "helper_%d" % rng.randint(0, 9)))
    if rng.random() < 0.3:
        lines.append("from . import sibling_%d" % rng.randint(0, 3))
    if rng.random() < 0.2 and pkg.startswith("netra_backend"):
        lines.append("from auth_service.auth_core.m%d import helper_1" % rng.randint(0, 50))
    if rng.random() < 0.02:
        lines.append("from %s.removed_module_%d import gone" % (pkg.replace("/", "."), i))
    if rng.random() < 0.01:
        lines += ["try:", "    from %s.optional_speedup import fast" % pkg.replace("/", "."), "except ImportError:",
                  "    fast = None"]
    if rng.random() < 0.05:
        lines.append("from netra_backend.app.websocket_core.manager import WebSocketNotifier")
    lines.append("")
    lines.append('SECRET = os.environ.get("%s")' % ("JWT_SECRET" if rng.random() < 0.05 else "JWT_SECRET_KEY"))
    cls = "SessionManager" if rng.random() < 0.002 else "Service%d" % i
    lines += ["", "", "class %s:" % cls, '    """A service."""', "", "    def __init__(self, config: Optional[dict] = None):",
              "        self.config = config or {}", "        self.items = [x for x in range(10) if x % 2]", "",
              "    def run(self, payload: Any) -> dict:", "        text = 'import fake_in_string'",
              "        return {\"ok\": True, \"payload\": json.dumps(payload), \"text\": text}", ""]
    if rng.random() < 0.02:
        lines += ["    def validate_token(self, token):", "        # TODO restore", "        return True", ""]
    else:
        lines += ["    def validate_token(self, token):", "        if not token:", "            return False",
                  "        return token.startswith('ey')", ""]
    for k in range(rng.randint(1, 4)):
        lines += ["", "def helper_%d(value, *args, **kwargs):" % k, "    result = []", "    for item in args:",
                  "        if item is None:", "            continue", "        result.append((value, item))",
                  "    return result"]
    return "\n".join(lines) + "\n"


def python_test(rng, i, modules):
    target = rng.choice(modules).replace("/", ".")
    marker = "# @require_docker_services()" if rng.random() < 0.05 else "@require_docker_services()"
    return "\n".join([
        "import pytest", "from test_framework.ssot import require_docker_services",
        "from %s import helper_1" % target, "", "", marker,
        "def test_case_%d():" % i, "    assert helper_1(1, 2) == [(1, 2)]", ""])


def typescript(rng, i):
    lines = ["import { useState } from 'react';", "import { api } from '../lib/api';"]
    if rng.random() < 0.1:
        lines.append("import { session } from '@auth/session';")
    lines += ["const secret = process.env.%s;" % ("JWT_SECRET" if rng.random() < 0.05 else "JWT_SECRET_KEY"),
              "export class Widget%d {" % i, "  render(): string { return `w${1}`; }", "}",
              "export const load%d = async () => import('./chunk%d');" % (i, i % 10), ""]
    return "\n".join(lines)


def java(rng, i):
    return "\n".join([
        "package com.example.svc%d;" % (i % 20), "", "import java.util.List;", "import com.example.core.Registry;", "",
        "public class Handler%d {" % i, "    private final String secret = System.getenv(\"JWT_SECRET_KEY\");",
        "    public boolean checkAccess(String user) { return user != null && !user.isEmpty(); }", "}", ""])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--files", type=int, default=25000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    root = args.out
    modules = ["%s/m%d" % (svc, k) for svc in SERVICES for k in range(50)]
    for svc in SERVICES + ["netra_backend/app/websocket_core", "tests", "test_framework"]:
        parts = svc.split("/")
        for d in range(1, len(parts) + 1):
            write(root, "/".join(parts[:d]) + "/__init__.py", "")
    write(root, "auth_service/auth_core/core/__init__.py", "")
    write(root, "auth_service/auth_core/core/session_manager.py", "class SessionManager:\n    pass\n")
    write(root, "netra_backend/app/websocket_core/manager.py", "class WebSocketNotifier:\n    pass\n")
    write(root, "netra_backend/app/websocket_core/unified_manager.py", "class UnifiedWebSocketManager:\n    pass\n")
    write(root, "test_framework/ssot.py", "def require_docker_services():\n    return lambda f: f\n")
    write(root, "frontend/tsconfig.json", '{"compilerOptions": {"baseUrl": ".", "paths": {"@auth/*": ["../auth_service/web/*"]}}}\n')
    write(root, "frontend/lib/api.ts", "export const api = {};\n")
    write(root, ".env.example", "JWT_SECRET_KEY=change-me\nJWT_SECRET=legacy\n")
    count = 0
    for m in modules:
        write(root, m + ".py", python_module(rng, count, m.rsplit("/", 1)[0], modules))
        count += 1
    while count < args.files:
        r = rng.random()
        if r < 0.65:
            svc = rng.choice(SERVICES)
            write(root, "%s/gen/g%d/mod_%d.py" % (svc, count // 500, count), python_module(rng, count, svc, modules))
        elif r < 0.85:
            write(root, "tests/unit/t%d/test_%d.py" % (count // 500, count), python_test(rng, count, modules))
        elif r < 0.95:
            write(root, "frontend/src/p%d/widget_%d.ts" % (count // 500, count), typescript(rng, count))
        else:
            write(root, "java/src/main/java/com/example/svc%d/Handler%d.java" % (count % 20, count), java(rng, count))
        count += 1
    print("wrote %d files to %s" % (count, root))


if __name__ == "__main__":
    main()
