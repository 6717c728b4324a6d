from auth_service.auth_core.core.session_manager import SessionManager


def test_session_ids_are_unique_and_unguessable():
    manager = SessionManager()
    ids = {manager.create("user").session_id for _ in range(200)}
    assert len(ids) == 200
    assert all(len(i) >= 32 for i in ids)
