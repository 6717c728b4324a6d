"""Pre-deploy check: refuses to deploy when required settings are missing."""
import os
import sys

REQUIRED = ("DATABASE_URL", "REDIS_URL", "JWT_SECRET_KEY")


def main() -> int:
    missing = [name for name in REQUIRED if not os.environ.get(name)]
    if missing:
        print("missing settings: " + ", ".join(missing), file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
