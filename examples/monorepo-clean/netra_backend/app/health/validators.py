"""Startup validators: each one must prove its dependency is really there."""
import socket
from urllib.parse import urlparse


def check_redis_reachable(host: str = "localhost", port: int = 6379, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def validate_database_connection(url: str, timeout: float = 1.0) -> bool:
    """Verify the database's port accepts connections."""
    parsed = urlparse(url)
    if not parsed.hostname:
        return False
    try:
        with socket.create_connection((parsed.hostname, parsed.port or 5432), timeout=timeout):
            return True
    except OSError:
        return False
