"""Attacks on the intake service: the real app on real PostgreSQL/SQLite and real Keycloak.

The in-process client and the tokens come from the intake's integration fixtures. Attacks that depend on the
HTTP server (forwarded headers) or on a browser login (Keycloak session, logout) run against the intake served
by uvicorn exactly as `python -m vertelpunt.intake serve` serves it."""

from __future__ import annotations

import base64
import html
import json
import re
import socket
import threading
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from tests.integration.intake.conftest import client, database_url, settings, tokens  # noqa: F401  (fixtures)
from vertelpunt.intake.app import http_server
from vertelpunt.intake.settings import IntakeSettings

ServeIntake = Callable[..., str]
SESSION_COOKIE = "vertelpunt_sessie"
LOGIN_FORM = re.compile(r'<form[^>]*id="kc-form-login"[^>]*>', re.S)
SECURE_FLAG = re.compile(rb";\s*Secure(?=;|$)", re.I)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def serve_intake(settings: IntakeSettings) -> Iterator[ServeIntake]:  # noqa: F811
    """Start the intake under uvicorn on a free loopback port (settings overridable); returns its base URL."""
    servers: list[tuple[Any, threading.Thread]] = []

    def start(**overrides: Any) -> str:
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = http_server(IntakeSettings(**{**settings.model_dump(), "host": "127.0.0.1", "port": port,
                                               "public_url": base, **overrides}))
        thread = threading.Thread(target=server.run, name=f"intake-{port}", daemon=True)
        thread.start()
        for _ in range(200):
            if server.started:
                break
            threading.Event().wait(0.05)
        assert server.started, "the intake did not start"
        servers.append((server, thread))
        return base

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=10)


class LoopbackIsSecure(httpx.HTTPTransport):
    """Browsers treat http://localhost as a secure context and send it Secure cookies (Keycloak's login
    cookies are Secure); Python's cookie jar does not, unless the flag is dropped for loopback hosts."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        if request.url.host not in ("localhost", "127.0.0.1"):
            return response
        headers = [(name, SECURE_FLAG.sub(b"", value) if name.lower() == b"set-cookie" else value)
                   for name, value in response.headers.raw]
        return httpx.Response(response.status_code, headers=headers, stream=response.stream,
                              extensions=response.extensions, request=request)


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    """A browser-like client (cookies, no automatic redirects); generous timeout: the first story a fresh
    process anonymises loads the anonymiser's word lists."""
    with httpx.Client(timeout=60, transport=LoopbackIsSecure()) as browser:
        yield browser


def keycloak_login(http: httpx.Client, base: str, username: str, password: str = "demo",
                   next_path: str = "/vertel") -> httpx.Response:
    """Log in through the web form as a person would: the intake's /login, Keycloak's login page, the callback."""
    to_keycloak = http.get(f"{base}/login", params={"next": next_path})
    assert to_keycloak.status_code == 302, to_keycloak.text
    page = http.get(to_keycloak.headers["location"])
    form = LOGIN_FORM.search(page.text)
    assert form is not None, f"no Keycloak login form ({page.status_code})"
    action = html.unescape(re.search(r'action="([^"]+)"', form.group()).group(1))  # type: ignore[union-attr]
    back = http.post(action, data={"username": username, "password": password, "credentialId": ""})
    assert back.status_code == 302 and back.headers["location"].startswith(f"{base}/auth/callback"), back.text
    return http.get(back.headers["location"])


def session_data(cookie: str | None) -> dict[str, Any]:
    """What the intake keeps in its session cookie (signed, readable): base64 JSON before the signature."""
    assert cookie, "no session cookie"
    data: dict[str, Any] = json.loads(base64.b64decode(cookie.split(".")[0]))
    return data

