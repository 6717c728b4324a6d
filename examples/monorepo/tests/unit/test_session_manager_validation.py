import pytest

from auth_service.auth_core.core.session_manager import SessionManager


@pytest.mark.parametrize("ttl", [0, -1, -3600])
def test_non_positive_ttl_is_refused(ttl):
    with pytest.raises(ValueError):
        SessionManager(ttl_seconds=ttl)
