"""Sessions expire and can be revoked (canonical SessionManager, controllable clock)."""
from auth_service.auth_core.core.session_manager import SessionManager


class Clock:
    def __init__(self):
        self.now = 1_000.0

    def __call__(self):
        return self.now


def test_session_expires_after_ttl():
    clock = Clock()
    manager = SessionManager(ttl_seconds=60, clock=clock)
    session = manager.create("user-1")
    clock.now += 59
    assert manager.get(session.session_id) is not None
    clock.now += 1
    assert manager.get(session.session_id) is None


def test_revoked_session_is_gone():
    manager = SessionManager()
    session = manager.create("user-1")
    assert manager.revoke(session.session_id)
    assert manager.get(session.session_id) is None
    assert not manager.revoke(session.session_id)
