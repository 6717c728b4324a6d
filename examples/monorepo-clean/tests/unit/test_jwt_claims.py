from auth_service.auth_core.core.jwt_handler import JWTHandler


def test_token_carries_subject_and_expiry():
    handler = JWTHandler(secret="k")
    claims = handler.validate(handler.issue("alice", ttl_seconds=60))
    assert claims["sub"] == "alice"
    assert isinstance(claims["exp"], int)


def test_token_signed_with_another_key_is_refused():
    token = JWTHandler(secret="k1").issue("alice")
    try:
        JWTHandler(secret="k2").validate(token)
    except ValueError as e:
        assert "signature" in str(e)
    else:
        raise AssertionError("a foreign signature was accepted")
