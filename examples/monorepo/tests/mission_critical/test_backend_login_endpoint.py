"""MISSION CRITICAL: the backend login creates a session in the canonical SessionManager."""
import pytest

from netra_backend.app.auth_integration import auth


@pytest.mark.mission_critical
def test_login_creates_a_session():
    before = auth._sessions.active_count()
    _token, session_id = auth.login("user-9")
    assert auth._sessions.get(session_id).user_id == "user-9"
    assert auth._sessions.active_count() == before + 1


@pytest.mark.mission_critical
def test_each_login_gets_its_own_session():
    _t1, first = auth.login("user-9")
    _t2, second = auth.login("user-9")
    assert first != second
