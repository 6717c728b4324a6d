from auth_service.auth_core.core.session_manager import Session


def test_session_is_expired_at_its_expiry_time():
    session = Session("s1", "u1", created_at=0.0, expires_at=10.0)
    assert not session.expired(now=9.99)
    assert session.expired(now=10.0)
