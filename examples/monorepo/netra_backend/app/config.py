"""Backend settings read from the environment."""
import os
from dataclasses import dataclass


@dataclass(frozen=True)
class BackendSettings:
    database_url: str
    redis_url: str
    jwt_secret: str
    environment: str


def load_settings() -> BackendSettings:
    return BackendSettings(
        database_url=os.environ.get("DATABASE_URL", "postgresql://localhost:5432/netra"),
        redis_url=os.environ.get("REDIS_URL", "redis://localhost:6379/0"),
        jwt_secret=os.environ.get("JWT_SECRET", ""),
        environment=os.environ.get("ENVIRONMENT", "development"),
    )
