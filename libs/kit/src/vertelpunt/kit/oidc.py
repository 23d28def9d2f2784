"""A browser login through Keycloak for any web service: authorization code flow with PKCE, refresh, and
RP-initiated logout, plus the small checks around it (a token about to expire, a safe place to return to).

Plain HTTP (httpx) against the realm's standard OpenID Connect endpoints, for public clients (no secret) and
confidential ones alike. Tokens are verified elsewhere (`vertelpunt.kit.auth.TokenVerifier`).
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from typing import Any
from urllib.parse import unquote, urlencode, urlsplit

import httpx
import jwt


class OidcError(Exception):
    """Keycloak refused the code or the refresh token (expired, reused, session ended), or could not be reached."""


def new_verifier() -> str:
    """A PKCE code verifier: 64 URL-safe characters of randomness (RFC 7636 allows 43 to 128)."""
    return secrets.token_urlsafe(48)


def pkce_challenge(verifier: str) -> str:
    """The S256 code challenge of a verifier."""
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")


def expires_within(token: str, seconds: float, now: float | None = None) -> bool:
    """Whether a token (not verified here) expires within `seconds`; an unreadable token counts as expiring."""
    try:
        expiry = jwt.decode(token, options={"verify_signature": False}).get("exp")
    except jwt.PyJWTError:
        return True
    return not isinstance(expiry, int | float) or expiry - (time.time() if now is None else now) <= seconds


def local_path(target: str | None, home: str = "/") -> str:
    """`target` if it is a plain path on this site, else `home`: never an open redirect.

    Refused: anything that is not a plain absolute path (`//host`, `/\\host`, `http:`, backslashes, control
    characters), also when percent-encoded once or more."""
    if not target:
        return home
    decoded = target
    for _ in range(4):  # %252F%252F... decodes step by step; browsers and proxies may decode again
        once = unquote(decoded)
        if once == decoded:
            break
        decoded = once
    else:
        return home
    for candidate in {target, decoded}:
        parts = urlsplit(candidate)
        if (not candidate.startswith("/") or candidate.startswith("//") or "\\" in candidate
                or parts.scheme or parts.netloc or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in candidate)):
            return home
    return target


class OidcClient:
    """One client of one realm. `issuer` is `<keycloak>/realms/<realm>`; `redirect_uri` is where Keycloak sends
    the browser back with the code."""

    def __init__(self, issuer: str, client_id: str, redirect_uri: str, client_secret: str | None = None,
                 timeout: float = 10.0) -> None:
        self.issuer = issuer.rstrip("/")
        self.client_id = client_id
        self.redirect_uri = redirect_uri
        self.client_secret = client_secret
        self.timeout = timeout
        self.endpoint = f"{self.issuer}/protocol/openid-connect"

    def authorization_url(self, state: str, verifier: str, scope: str = "openid") -> str:
        query = urlencode({"client_id": self.client_id, "response_type": "code", "scope": scope,
                           "redirect_uri": self.redirect_uri, "state": state,
                           "code_challenge": pkce_challenge(verifier), "code_challenge_method": "S256"})
        return f"{self.endpoint}/auth?{query}"

    def exchange_code(self, code: str, verifier: str) -> dict[str, Any]:
        """Tokens for the code Keycloak sent back (access, refresh and id token)."""
        return self._token({"grant_type": "authorization_code", "code": code, "redirect_uri": self.redirect_uri,
                            "code_verifier": verifier})

    def refresh(self, refresh_token: str) -> dict[str, Any]:
        """New tokens; OidcError when the Keycloak session has ended."""
        return self._token({"grant_type": "refresh_token", "refresh_token": refresh_token})

    def end_session_url(self, id_token: str | None, post_logout_redirect_uri: str) -> str:
        """Keycloak's end-session endpoint. With the id token as hint Keycloak ends the session at once;
        without it Keycloak first asks the person to confirm."""
        query = {"client_id": self.client_id, "post_logout_redirect_uri": post_logout_redirect_uri}
        if id_token:
            query["id_token_hint"] = id_token
        return f"{self.endpoint}/logout?{urlencode(query)}"

    def _token(self, form: dict[str, str]) -> dict[str, Any]:
        form = {**form, "client_id": self.client_id}
        if self.client_secret:
            form["client_secret"] = self.client_secret
        try:
            response = httpx.post(f"{self.endpoint}/token", data=form, timeout=self.timeout)
        except httpx.HTTPError as error:
            raise OidcError(f"Keycloak is not reachable: {error.__class__.__name__}") from None
        if response.status_code != 200:
            raise OidcError(f"Keycloak refused ({response.status_code})")
        tokens: dict[str, Any] = response.json()
        if not isinstance(tokens.get("access_token"), str):
            raise OidcError("Keycloak sent no access token")
        return tokens
