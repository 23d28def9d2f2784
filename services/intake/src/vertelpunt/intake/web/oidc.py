"""The web form's OpenID Connect conversation with the realm: log in (code flow with PKCE), renew the access
token with the refresh token, and log out at Keycloak too (RP-initiated logout), so that on a shared counter PC
the next person is not logged straight back in."""

from __future__ import annotations

import base64
import hashlib
import time
from collections.abc import MutableMapping
from typing import Any
from urllib.parse import urlencode

import jwt
from keycloak import KeycloakOpenID

from vertelpunt.intake.settings import IntakeSettings

# The id token is needed only to log out; it has its own cookie, sent only to /logout, which keeps the session
# cookie (access and refresh token) well under the 4 KB browsers accept.
ID_TOKEN_COOKIE = "vertelpunt_uitlog"
LOGOUT_PATH = "/logout"
LOGGED_OUT_PATH = "/?uitgelogd=1"
_SESSION_TOKENS = ("access_token", "refresh_token")


def pkce_challenge(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")


def expires_within(token: str, seconds: float, now: float | None = None) -> bool:
    """Whether a token (not verified here; the verifier does that) expires within `seconds`."""
    try:
        expiry = jwt.decode(token, options={"verify_signature": False}).get("exp")
    except jwt.PyJWTError:
        return False
    return isinstance(expiry, int | float) and expiry - (time.time() if now is None else now) <= seconds


def remember_tokens(session: MutableMapping[str, Any], tokens: dict[str, Any]) -> None:
    for name in _SESSION_TOKENS:
        if tokens.get(name):
            session[name] = tokens[name]


def forget_tokens(session: MutableMapping[str, Any]) -> None:
    for name in _SESSION_TOKENS:
        session.pop(name, None)


class KeycloakLogin:
    def __init__(self, settings: IntakeSettings) -> None:
        self.settings = settings
        self.endpoint = f"{settings.issuer}/protocol/openid-connect"
        self.redirect_uri = f"{settings.public_url.rstrip('/')}/auth/callback"

    def _client(self) -> KeycloakOpenID:
        return KeycloakOpenID(server_url=f"{self.settings.keycloak_url}/", realm_name=self.settings.keycloak_realm,
                              client_id=self.settings.client_id, client_secret_key=self.settings.client_secret)

    def authorization_url(self, state: str, verifier: str) -> str:
        query = urlencode({"client_id": self.settings.client_id, "response_type": "code", "scope": "openid",
                           "redirect_uri": self.redirect_uri, "state": state,
                           "code_challenge": pkce_challenge(verifier), "code_challenge_method": "S256"})
        return f"{self.endpoint}/auth?{query}"

    def exchange_code(self, code: str, verifier: str) -> dict[str, Any]:
        tokens: dict[str, Any] = self._client().token(grant_type="authorization_code", code=code,
                                                      redirect_uri=self.redirect_uri, code_verifier=verifier)
        return tokens

    def refresh(self, refresh_token: str) -> dict[str, Any]:
        """New tokens (raises KeycloakError when the Keycloak session has ended)."""
        tokens: dict[str, Any] = self._client().refresh_token(refresh_token)
        return tokens

    def end_session_url(self, id_token: str | None) -> str:
        """Keycloak's end-session endpoint. With the id token as hint Keycloak ends the session at once;
        without it Keycloak first asks the person to confirm."""
        query = {"client_id": self.settings.client_id,
                 "post_logout_redirect_uri": f"{self.settings.public_url.rstrip('/')}{LOGGED_OUT_PATH}"}
        if id_token:
            query["id_token_hint"] = id_token
        return f"{self.endpoint}/logout?{urlencode(query)}"
