#!/usr/bin/env python3
"""Run a command and print its wall time and the CPU time (user + system) of it and its children as JSON."""
import json
import os
import resource
import subprocess
import sys
import time


def main() -> int:
    label, command = sys.argv[1], sys.argv[2:]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    code = subprocess.call(command, stdout=sys.stderr)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(json.dumps({"label": label, "exit": code, "wallSeconds": round(wall, 3), "cpuSeconds": round(cpu, 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
