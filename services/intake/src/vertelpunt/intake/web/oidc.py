"""The web form's login session: which tokens it keeps where, and the realm client that logs in, renews and logs
out (RP-initiated logout, so that on a shared counter PC the next person is not logged straight back in).
The OpenID Connect conversation itself is `vertelpunt.kit.oidc`."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from vertelpunt.intake.settings import IntakeSettings
from vertelpunt.kit.oidc import OidcClient

# The id token is needed only to log out; it has its own cookie, sent only to /logout, which keeps the session
# cookie (access and refresh token) well under the 4 KB browsers accept.
ID_TOKEN_COOKIE = "vertelpunt_uitlog"
LOGOUT_PATH = "/logout"
LOGGED_OUT_PATH = "/?uitgelogd=1"
_SESSION_TOKENS = ("access_token", "refresh_token")


def login_client(settings: IntakeSettings) -> OidcClient:
    return OidcClient(settings.issuer, settings.client_id, f"{settings.public_url.rstrip('/')}/auth/callback",
                      client_secret=settings.client_secret)


def logged_out_url(settings: IntakeSettings) -> str:
    return f"{settings.public_url.rstrip('/')}{LOGGED_OUT_PATH}"


def remember_tokens(session: MutableMapping[str, Any], tokens: dict[str, Any]) -> None:
    for name in _SESSION_TOKENS:
        if tokens.get(name):
            session[name] = tokens[name]


def forget_tokens(session: MutableMapping[str, Any]) -> None:
    for name in _SESSION_TOKENS:
        session.pop(name, None)
