import socket

import httpx

from vertelpunt.kit.health_server import serve_health


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_health_ready_and_metrics() -> None:
    port = _free_port()
    server = serve_health("127.0.0.1", port, {"ok": lambda: True, "broken": lambda: 1 / 0 > 0})
    try:
        base = f"http://127.0.0.1:{port}"
        ready = httpx.get(f"{base}/ready")

        assert httpx.get(f"{base}/health").json() == {"status": "UP"}
        assert ready.status_code == 503 and ready.json()["checks"] == {"ok": "UP", "broken": "DOWN"}
        assert "python_info" in httpx.get(f"{base}/metrics").text
    finally:
        server.shutdown()
