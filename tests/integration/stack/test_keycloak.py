import base64
import json

import pytest

from tests.integration.keycloak_tokens import password_token
from vertelpunt.kit.auth import AuthError, TokenVerifier


def _verifier(keycloak_url: str, audience: str = "vertelpunt-intake") -> TokenVerifier:
    return TokenVerifier(issuer=f"{keycloak_url}/realms/vertelpunt", audience=audience)


def test_demo_user_token_is_valid_with_tenant_and_role(keycloak_url: str) -> None:
    principal = _verifier(keycloak_url).verify(password_token(keycloak_url, "verteller.zwolle"))

    assert principal.username == "verteller.zwolle"
    assert principal.tenant == "GM0193"
    assert "storyteller" in principal.roles


def test_sector_analyst_has_no_tenant(keycloak_url: str) -> None:
    principal = _verifier(keycloak_url, "vertelpunt-gateway").verify(password_token(keycloak_url, "analist.sector"))

    assert principal.tenant is None
    assert principal.roles >= {"sector-analyst"}


def test_tampered_token_is_refused(keycloak_url: str) -> None:
    header, payload, signature = password_token(keycloak_url, "verteller.zwolle").split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["tenant"] = "GM0150"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")

    with pytest.raises(AuthError):
        _verifier(keycloak_url).verify(f"{header}.{forged}.{signature}")


def test_wrong_audience_and_issuer_are_refused(keycloak_url: str) -> None:
    token = password_token(keycloak_url, "verteller.zwolle")

    with pytest.raises(AuthError, match="not meant"):
        _verifier(keycloak_url, audience="some-other-service").verify(token)
    with pytest.raises(AuthError):
        TokenVerifier(issuer="http://127.0.0.1:1/realms/vertelpunt", audience="vertelpunt-intake",
                      jwks_url=f"{keycloak_url}/realms/vertelpunt/protocol/openid-connect/certs").verify(token)
