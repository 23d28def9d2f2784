"""Health, readiness and Prometheus metrics, the same for every HTTP service."""

from __future__ import annotations

import time
from collections.abc import Callable

from fastapi import APIRouter, FastAPI, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

ReadinessCheck = Callable[[], bool]

REQUESTS = Counter("http_requests_total", "HTTP requests", ["service", "method", "route", "status"])
LATENCY = Histogram("http_request_duration_seconds", "HTTP request latency", ["service", "method", "route"])


def evaluate_checks(checks: dict[str, ReadinessCheck]) -> tuple[bool, dict[str, str]]:
    """Run every readiness check; a check that raises counts as DOWN."""
    results = {}
    for name, check in checks.items():
        try:
            results[name] = "UP" if check() else "DOWN"
        except Exception:
            results[name] = "DOWN"
    return all(v == "UP" for v in results.values()), results


def install_observability(app: FastAPI, service: str, checks: dict[str, ReadinessCheck]) -> None:
    """/health (alive), /ready (dependencies answer) and /metrics, plus request metrics middleware."""
    router = APIRouter(include_in_schema=False)

    @router.get("/health")
    def health() -> dict[str, str]:
        return {"status": "UP", "service": service}

    @router.get("/ready")
    def ready() -> JSONResponse:
        up, results = evaluate_checks(checks)
        return JSONResponse({"status": "UP" if up else "DOWN", "checks": results}, status_code=200 if up else 503)

    @router.get("/metrics")
    def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    app.include_router(router)

    app.add_middleware(RequestMetricsMiddleware, service=service)


class RequestMetricsMiddleware:
    """Requests and latency per route and status. Plain ASGI: Starlette's BaseHTTPMiddleware (what
    `@app.middleware("http")` builds) costs a task and a memory stream per request on the hot path."""

    def __init__(self, app: ASGIApp, service: str) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def remember_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, remember_status)
        finally:
            route = getattr(scope.get("route"), "path", "unmatched")
            REQUESTS.labels(self.service, scope["method"], route, str(status)).inc()
            LATENCY.labels(self.service, scope["method"], route).observe(time.perf_counter() - started)
