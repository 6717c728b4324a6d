"""JWT issuing and validation for the auth service."""
import base64
import hashlib
import hmac
import json
import os
import time


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class TokenValidator:
    """Checks signature and expiry of HS256 tokens."""

    def __init__(self, secret: bytes):
        self._secret = secret

    def validate(self, token: str) -> dict:
        header, payload, signature = token.split(".")
        expected = hmac.new(self._secret, f"{header}.{payload}".encode(), hashlib.sha256).digest()
        if not hmac.compare_digest(_unb64(signature), expected):
            raise ValueError("bad signature")
        claims = json.loads(_unb64(payload))
        if claims.get("exp", 0) < time.time():
            raise ValueError("token expired")
        return claims


class JWTHandler:
    def __init__(self, secret: str | None = None):
        self._secret = (secret or os.environ["JWT_SECRET_KEY"]).encode()
        self._validator = TokenValidator(self._secret)

    def issue(self, subject: str, ttl_seconds: int = 900) -> str:
        header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
        payload = _b64(json.dumps({"sub": subject, "exp": int(time.time()) + ttl_seconds}).encode())
        signature = hmac.new(self._secret, f"{header}.{payload}".encode(), hashlib.sha256).digest()
        return f"{header}.{payload}.{_b64(signature)}"

    def validate(self, token: str) -> dict:
        return self._validator.validate(token)
