"""One-off migration of backend sessions into the auth service's SessionManager."""
import json
import sys

from auth_service.auth_core.core.session_manager import SessionManager

manager = SessionManager()
with open(sys.argv[1], encoding="utf-8") as f:
    rows = json.load(f)

if not rows:
    print("nothing to migrate")
    return 0

for row in rows:
    manager.create(row["user_id"], migrated=True)
print(f"migrated {len(rows)} sessions")
