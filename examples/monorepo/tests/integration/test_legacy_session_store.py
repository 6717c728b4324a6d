"""Sessions written by the old store are readable by the new one."""
from netra_backend.app.legacy.session_store import SessionStore

from auth_service.auth_core.core.session_manager import SessionManager


def test_legacy_sessions_are_migrated():
    store = SessionStore(path=":memory:")
    store.save("abc", user_id="user-3")
    manager = SessionManager()
    for session_id, user_id in store.items():
        manager.create(user_id, legacy_id=session_id)
    assert manager.active_count() == 1
