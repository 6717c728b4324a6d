from auth_service.auth_core.core.jwt_handler import _b64, _unb64


def test_base64url_round_trip_without_padding():
    for raw in (b"", b"a", b"ab", b"abc", bytes(range(256))):
        encoded = _b64(raw)
        assert "=" not in encoded
        assert _unb64(encoded) == raw
