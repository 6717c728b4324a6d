import socket

from netra_backend.app.health.validators import check_redis_reachable


def test_closed_port_is_reported_unreachable():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert check_redis_reachable("127.0.0.1", port, timeout=0.5) is False


def test_listening_port_is_reported_reachable():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        assert check_redis_reachable("127.0.0.1", server.getsockname()[1], timeout=0.5) is True
