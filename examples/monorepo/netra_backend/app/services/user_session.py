"""Backend-side session cache (a second SessionManager that nobody consolidated)."""
import time


class SessionManager:
    def __init__(self, ttl_seconds: int = 600):
        self._ttl = ttl_seconds
        self._entries: dict[str, tuple[str, float]] = {}

    def remember(self, session_id: str, user_id: str) -> None:
        self._entries[session_id] = (user_id, time.time() + self._ttl)

    def user_for(self, session_id: str) -> str | None:
        entry = self._entries.get(session_id)
        if entry is None or entry[1] < time.time():
            return None
        return entry[0]
