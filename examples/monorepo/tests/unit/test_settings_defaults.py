from netra_backend.app.config import BackendSettings


def test_settings_are_immutable():
    settings = BackendSettings("db", "redis", "k", "dev")
    try:
        settings.environment = "prod"
    except AttributeError:
        return
    raise AssertionError("settings must be frozen")
