"""The Werkplaats on the seeded gateway (tests/integration/gateway/conftest.py): a browser-less client per person,
signed in with a real Keycloak token in the session cookie."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from vertelpunt.gateway.workbench.session import SESSION_COOKIE, cookie_value

Person = Callable[[str], TestClient]


@pytest.fixture
def person(gateway: TestClient, gateway_tokens: dict[str, str]) -> Person:
    """A fresh client on the same app, signed in as one of the demo users."""

    def signed_in(user: str) -> TestClient:
        client = TestClient(gateway.app)
        secret = gateway.app.state.settings.session_secret  # type: ignore[attr-defined]
        # Where the server itself puts it, so the cookie it writes back (CSRF token, refresh) replaces this one.
        client.cookies.set(SESSION_COOKIE, cookie_value({"access_token": gateway_tokens[user]}, secret),
                           domain="testserver.local", path="/werkplaats")
        return client

    return signed_in


def table(html: str, table_id: str) -> list[list[str]]:
    """The text of every body row of one table on a page."""
    body = re.search(rf'<table[^>]*id="{table_id}".*?<tbody[^>]*>(.*?)</tbody>', html, re.S)
    assert body, f"no table {table_id}"
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body.group(1), re.S)
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in rows]


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
