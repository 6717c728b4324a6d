"""The backend's only route into the auth service (the integration layer)."""
from auth_service.auth_core.core.jwt_handler import JWTHandler
from auth_service.auth_core.core.session_manager import SessionManager

_handler = JWTHandler()
_sessions = SessionManager(ttl_seconds=1800)


def login(user_id: str) -> tuple[str, str]:
    session = _sessions.create(user_id)
    return _handler.issue(user_id), session.session_id


def current_user(token: str) -> str:
    return _handler.validate(token)["sub"]
