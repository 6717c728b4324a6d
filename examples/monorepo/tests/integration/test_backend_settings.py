"""Backend settings come from the environment with safe development defaults."""
from netra_backend.app.config import load_settings


def test_defaults_point_at_local_services(monkeypatch):
    for name in ("DATABASE_URL", "REDIS_URL", "ENVIRONMENT"):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings()
    assert settings.database_url.startswith("postgresql://localhost")
    assert settings.redis_url == "redis://localhost:6379/0"
    assert settings.environment == "development"


def test_environment_overrides_defaults(monkeypatch):
    monkeypatch.setenv("ENVIRONMENT", "staging")
    assert load_settings().environment == "staging"
