"""A revoked token stays revoked until it would have expired anyway."""
import time

from auth_service.auth_core.core.token_blacklist import TokenBlacklist


def test_revoked_token_is_reported_until_its_expiry():
    blacklist = TokenBlacklist()
    blacklist.revoke("jti-1", until=time.time() + 60)
    assert blacklist.is_revoked("jti-1")
    assert not blacklist.is_revoked("jti-2")


def test_revocation_lapses_after_expiry():
    blacklist = TokenBlacklist()
    blacklist.revoke("jti-1", until=time.time() - 1)
    assert not blacklist.is_revoked("jti-1")
