import os

# The auth integration layer reads its signing key at import time.
os.environ.setdefault("JWT_SECRET_KEY", "unit-test-signing-key")
