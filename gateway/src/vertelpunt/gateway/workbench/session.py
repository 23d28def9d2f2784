"""The workbench's session: a signed cookie (path /werkplaats) with the Keycloak tokens and a CSRF token.

Signed, not encrypted: it holds only the person's own tokens, is HttpOnly and SameSite=Lax. The id token, needed
only to log out, has its own cookie sent only to the logout path, which keeps the session cookie under 4 KB.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

BASE = "/werkplaats"
SESSION_COOKIE = "werkplaats_sessie"
ID_TOKEN_COOKIE = "werkplaats_uitlog"
LOGOUT_PATH = f"{BASE}/uitloggen"
MAX_AGE = 12 * 3600  # one working day; Keycloak's own session usually ends sooner


@dataclass
class Session:
    data: dict[str, Any] = field(default_factory=dict)
    changed: bool = False

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def update(self, **values: Any) -> None:
        self.data.update(values)
        self.changed = True

    def pop(self, key: str, default: Any = None) -> Any:
        if key in self.data:
            self.changed = True
        return self.data.pop(key, default)

    def clear(self) -> None:
        self.data = {}
        self.changed = True

    def csrf(self) -> str:
        """The token every form that changes something carries (logout, add a measure)."""
        if "csrf" not in self.data:
            self.update(csrf=secrets.token_urlsafe(24))
        return str(self.data["csrf"])

    def csrf_matches(self, presented: str | None) -> bool:
        expected = self.data.get("csrf")
        return bool(expected and presented) and secrets.compare_digest(str(expected), str(presented))


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt="werkplaats-sessie")


def load(request: Request, secret: str) -> Session:
    raw = request.cookies.get(SESSION_COOKIE)
    if not raw:
        return Session()
    try:
        data = _serializer(secret).loads(raw, max_age=MAX_AGE)
    except BadSignature:  # also expired
        return Session(changed=True)
    return Session(data if isinstance(data, dict) else {})


def save(response: Response, session: Session, secret: str, secure: bool) -> None:
    """Writes the cookie when the session changed (or deletes it when it is empty)."""
    if not session.changed:
        return
    if not session.data:
        response.delete_cookie(SESSION_COOKIE, path=BASE, httponly=True, samesite="lax", secure=secure)
        return
    response.set_cookie(SESSION_COOKIE, _serializer(secret).dumps(session.data), max_age=MAX_AGE, path=BASE,
                        httponly=True, samesite="lax", secure=secure)


def cookie_value(data: dict[str, Any], secret: str) -> str:
    """A session cookie for `data` (tests sign in with real tokens this way, without a browser)."""
    return _serializer(secret).dumps(data)
