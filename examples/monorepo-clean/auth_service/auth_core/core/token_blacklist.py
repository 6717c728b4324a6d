"""Revoked-token list kept in memory until the Redis migration lands."""
import time


class TokenBlacklist:
    def __init__(self):
        self._revoked: dict[str, float] = {}

    def revoke(self, jti: str, until: float) -> None:
        """Remember a token id until it would have expired anyway.

        Business Value: stops a stolen token from being replayed after logout.
        """
        self._revoked[jti] = until

    def is_revoked(self, jti: str) -> bool:
        until = self._revoked.get(jti)
        return until is not None and until > time.time()
