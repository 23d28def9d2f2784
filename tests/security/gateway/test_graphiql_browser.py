"""GraphiQL in a real browser (headless Chromium) under the gateway's Content-Security-Policy: everything it
loads comes from the gateway itself, the policy blocks nothing it needs, and a signed-in query runs."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, expect

from vertelpunt.gateway.app import create_app

CSP_PROBE = ("window.__violations = [];"
             "document.addEventListener('securitypolicyviolation',"
             " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));")


@pytest.fixture
def served_gateway(gateway: TestClient) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(gateway.app.state.settings)  # type: ignore[attr-defined]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_graphiql_runs_from_the_gateway_alone(browser: Browser, served_gateway: str,
                                              token: str) -> None:
    page = browser.new_page()
    outside: list[str] = []
    page.on("request", lambda request: None if request.url.startswith((served_gateway, "data:", "blob:"))
            else outside.append(request.url))
    page.add_init_script(CSP_PROBE)

    page.goto(f"{served_gateway}/graphql", wait_until="networkidle")
    page.wait_for_selector(".graphiql-editors", timeout=20_000)
    page.get_by_text("Headers", exact=True).click()
    headers_editor = page.locator(".graphiql-editor-tool .graphiql-editor").last
    headers_editor.click()
    page.keyboard.insert_text(f'{{"Authorization": "Bearer {token}"}}')
    page.locator(".graphiql-execute-button").click()
    expect(page.locator(".result-window")).to_contain_text("searchStories", timeout=20_000)

    result = page.locator(".result-window").inner_text()
    assert '"edges"' in result and "UNAUTHENTICATED" not in result
    assert page.evaluate("window.__violations") == []
    assert outside == []
    page.close()
