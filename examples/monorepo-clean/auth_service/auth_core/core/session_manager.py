"""Canonical session manager: the single source of truth for user sessions."""
from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field


@dataclass
class Session:
    session_id: str
    user_id: str
    created_at: float
    expires_at: float
    data: dict = field(default_factory=dict)

    def expired(self, now: float | None = None) -> bool:
        return (now if now is not None else time.time()) >= self.expires_at


class SessionManager:
    """Creates, looks up and revokes sessions. Every service goes through this class."""

    def __init__(self, ttl_seconds: int = 3600, clock=time.time):
        if ttl_seconds <= 0:
            raise ValueError("ttl_seconds must be positive")
        self._ttl = ttl_seconds
        self._clock = clock
        self._sessions: dict[str, Session] = {}

    def create(self, user_id: str, **data) -> Session:
        now = self._clock()
        session = Session(secrets.token_urlsafe(24), user_id, now, now + self._ttl, dict(data))
        self._sessions[session.session_id] = session
        return session

    def get(self, session_id: str) -> Session | None:
        session = self._sessions.get(session_id)
        if session is None:
            return None
        if session.expired(self._clock()):
            del self._sessions[session_id]
            return None
        return session

    def revoke(self, session_id: str) -> bool:
        return self._sessions.pop(session_id, None) is not None

    def active_count(self) -> int:
        now = self._clock()
        return sum(1 for s in self._sessions.values() if not s.expired(now))
