"""Health, readiness and metrics over HTTP for workers that are not web services (relay, federation, indexer)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from vertelpunt.kit.observability import evaluate_checks


def serve_health(host: str, port: int, checks: dict[str, Callable[[], bool]]) -> ThreadingHTTPServer:
    """Serve /health (the process runs), /ready (every check passes) and /metrics in a daemon thread."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/metrics":
                self._send(200, generate_latest(), CONTENT_TYPE_LATEST)
            elif self.path == "/health":
                self._send(200, b'{"status": "UP"}', "application/json")
            elif self.path == "/ready":
                up, results = evaluate_checks(checks)
                body = json.dumps({"status": "UP" if up else "DOWN", "checks": results}).encode()
                self._send(200 if up else 503, body, "application/json")
            else:
                self._send(404, b'{"status": 404}', "application/json")

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer((host, port), Handler)
    threading.Thread(target=server.serve_forever, name=f"health-{port}", daemon=True).start()
    return server
