"""GET /health: reports the backend and its dependencies."""
from netra_backend.app.health.validators import check_redis_reachable, validate_database_connection


def health(settings) -> dict:
    checks = {
        "redis": check_redis_reachable(),
        "database": validate_database_connection(settings.database_url),
    }
    status = "healthy" if all(checks.values()) else "degraded"
    return {"status": status, "checks": checks}
