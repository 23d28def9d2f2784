"""Validation of Keycloak access tokens: signature (realm JWKS), issuer, audience, expiry, tenant claim.

python-keycloak's decode_token does not check issuer or audience, so validation uses PyJWT against the
realm's published keys; python-keycloak is used where we talk to Keycloak's APIs (tokens, admin).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import jwt

TENANT_CODE = re.compile(r"^GM\d{4}$")

ROLE_STORYTELLER = "storyteller"
ROLE_TENANT_ADMIN = "tenant-admin"
ROLE_TENANT_ANALYST = "tenant-analyst"
ROLE_SECTOR_ANALYST = "sector-analyst"


class AuthError(Exception):
    """The token is missing, forged, expired, meant for someone else, or of another municipality."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Principal:
    subject: str
    username: str
    tenant: str | None
    roles: frozenset[str] = field(default_factory=frozenset)

    def has_any_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))


class TokenVerifier:
    """Verifies bearer tokens of one realm for one audience (the client id of the calling service)."""

    def __init__(self, issuer: str, audience: str, jwks_url: str | None = None, leeway_seconds: int = 30,
                 remembered_tokens: int = 1024) -> None:
        self.issuer = issuer.rstrip("/")
        self.audience = audience
        self.leeway = leeway_seconds
        self._jwks = jwt.PyJWKClient(jwks_url or f"{self.issuer}/protocol/openid-connect/certs",
                                     cache_keys=True, lifespan=300, timeout=10)
        # A client sends the same access token with every request until it expires: the signature check (RSA,
        # about a quarter of a millisecond) is done once per token; its claims, expiry above all, on every use.
        self._verified: OrderedDict[str, Principal] = OrderedDict()
        self._remembered = remembered_tokens
        self._lock = threading.Lock()

    def verify(self, token: str) -> Principal:
        with self._lock:
            remembered = self._verified.get(token)
            if remembered is not None:
                self._verified.move_to_end(token)
        if remembered is not None:
            # This exact token's signature was checked before: only its claims (expiry above all) are checked again.
            self._claims(token, key=None)
            return remembered
        principal = principal_from_claims(self._claims(token, key=self._jwks.get_signing_key_from_jwt))
        with self._lock:
            self._verified[token] = principal
            while len(self._verified) > self._remembered:
                self._verified.popitem(last=False)
        return principal

    def _claims(self, token: str, key: Callable[[str], Any] | None) -> dict[str, Any]:
        """PyJWT's checks of issuer, audience, expiry and required claims; with the realm key's signature check
        unless `key` is None (a token already verified)."""
        options: Any = {"require": ["exp", "iat", "iss", "sub"]}
        if key is None:
            options.update(verify_signature=False, verify_exp=True, verify_iat=True, verify_aud=True,
                           verify_iss=True)
        try:
            claims: dict[str, Any] = jwt.decode(
                token, key(token).key if key is not None else "", algorithms=["RS256", "PS256", "ES256"],
                audience=self.audience, issuer=self.issuer, leeway=self.leeway, options=options)
        except jwt.ExpiredSignatureError:
            raise AuthError("token expired") from None
        except jwt.InvalidAudienceError:
            raise AuthError("token not meant for this service") from None
        except jwt.InvalidIssuerError:
            raise AuthError("token from another issuer") from None
        except jwt.PyJWKClientError:
            raise AuthError("token signing key unknown") from None
        except jwt.PyJWTError as error:
            raise AuthError(f"invalid token: {error}") from None
        return claims


def principal_from_claims(claims: dict[str, Any]) -> Principal:
    tenant = claims.get("tenant")
    if tenant is not None and (not isinstance(tenant, str) or not TENANT_CODE.match(tenant)):
        raise AuthError("tenant claim malformed")
    realm_access = claims.get("realm_access") or {}
    roles = frozenset(r for r in realm_access.get("roles", []) if isinstance(r, str))
    return Principal(subject=str(claims["sub"]), username=str(claims.get("preferred_username", claims["sub"])),
                     tenant=tenant, roles=roles)
