"""Regression tests for the attempts that were refused (issue 10): another municipality's token on every intake
endpoint, and forged or misused tokens. Real Keycloak tokens and the realm's real signing keys."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi.testclient import TestClient
from keycloak import KeycloakOpenID

from tests.integration.intake.conftest import bearer, story_body
from tests.integration.intake.test_stories import tell_and_confirm
from tests.integration.keycloak_tokens import DEMO_PASSWORD

pytestmark = pytest.mark.integration

EXTENSION = {"questions": [{"id": "x-vervoer", "type": "single_choice", "category": "situation",
                            "label": {"nl": "Hoe kwam je hier?"},
                            "options": [{"id": "bus", "label": {"nl": "Met de bus"}},
                                        {"id": "fiets", "label": {"nl": "Op de fiets"}}]}]}
CAMPAIGN = {"name": "Ronde oktober", "startsOn": "2026-10-01", "endsOn": "2099-10-31"}

# Every operation of the intake API, with what another municipality's (or the sector's) token gets. Public
# operations answer as they answer anyone; none of them shows or changes this municipality's stories.
FOREIGN_TOKEN_OUTCOME: dict[tuple[str, str], int] = {
    ("POST", "/api/v1/stories"): 403,
    ("GET", "/api/v1/stories"): 403,
    ("GET", "/api/v1/stories/{storyId}"): 403,
    ("POST", "/api/v1/stories/{storyId}/review"): 403,
    ("POST", "/api/v1/stories/{storyId}/withdraw"): 403,
    ("DELETE", "/api/v1/stories/{storyId}"): 403,
    ("GET", "/api/v1/framework"): 200,  # the framework is public: questions, no answers
    ("GET", "/api/v1/framework/versions/{version}"): 200,
    ("POST", "/api/v1/framework/extensions"): 403,
    ("POST", "/api/v1/campaigns"): 403,
    ("GET", "/api/v1/campaigns"): 403,
    ("PATCH", "/api/v1/campaigns/{campaignId}"): 403,
    ("GET", "/api/v1/campaigns/{campaignId}/qr.svg"): 403,
    ("POST", "/api/v1/campaigns/by-link/{token}/stories"): 201,  # the link is the credential, not the bearer
    # the story key is the credential, not the bearer: a key nobody has is refused as invalid input
    ("POST", "/api/v1/threads/stories"): 400,
    ("POST", "/api/v1/threads/withdraw"): 400,
    ("POST", "/api/v1/threads/erase"): 400,
    ("GET", "/api/v1/exchange/export"): 403,
    ("POST", "/api/v1/exchange/import"): 403,
    ("GET", "/api/v1/exchange/schema"): 200,  # the published exchange format: a schema, no data
}


def _bodies() -> dict[tuple[str, str], Any]:
    return {("POST", "/api/v1/stories"): story_body(),
            ("POST", "/api/v1/stories/{storyId}/review"): {"consentToShare": False},
            ("POST", "/api/v1/framework/extensions"): EXTENSION,
            ("POST", "/api/v1/campaigns"): CAMPAIGN,
            ("PATCH", "/api/v1/campaigns/{campaignId}"): {"name": "Overgenomen"},
            ("POST", "/api/v1/exchange/import"): {"format": "vertelpunt-export", "version": 1},
            **{("POST", f"/api/v1/threads/{action}"): {"storyKey": "geen-bestaande-code-7q"}
               for action in ("stories", "withdraw", "erase")},
            ("POST", "/api/v1/campaigns/by-link/{token}/stories"): story_body(
                answers={**story_body()["answers"], "rol": {"choices": ["client"]}})}  # type: ignore[dict-item]


@pytest.mark.parametrize("user", ["verteller.deventer", "analist.sector"])
def test_another_municipalitys_token_on_every_intake_endpoint(client: TestClient, tokens: dict[str, str],
                                                             user: str) -> None:
    admin = bearer(tokens["beheer.zwolle"])
    story_id = tell_and_confirm(client, tokens["verteller.zwolle"])
    pending = client.post("/api/v1/stories", json=story_body(), headers=bearer(tokens["verteller.zwolle"])).json()
    campaign = client.post("/api/v1/campaigns", json=CAMPAIGN, headers=admin).json()
    version = client.get("/api/v1/framework").json()["version"]
    values = {"storyId": story_id, "campaignId": campaign["id"], "token": campaign["link"].rsplit("/", 1)[1],
              "version": version}
    document = client.get("/api/v1/openapi.json").json()  # paths are relative to the server URL (.../api/v1)
    operations = {(method.upper(), f"/api/v1{path}") for path, item in document["paths"].items()
                  for method in item if path != "/openapi.json"}
    bodies = _bodies()

    assert operations == set(FOREIGN_TOKEN_OUTCOME), "classify every new operation here"
    outcomes = {}
    for method, path in sorted(operations):
        story = pending["id"] if path.endswith("/review") else values["storyId"]
        url = path.format(**{**values, "storyId": story})
        response = client.request(method, url, json=bodies.get((method, path)), headers=bearer(tokens[user]))
        outcomes[(method, path)] = response.status_code
        if response.status_code == 403:
            assert response.headers["content-type"] == "application/problem+json"
            assert response.json()["type"].endswith("/andere-gemeente")

    assert outcomes == FOREIGN_TOKEN_OUTCOME
    # ...and nothing of Zwolle changed.
    mine = client.get(f"/api/v1/stories/{story_id}", headers=admin).json()
    assert mine["status"] == "submitted" and mine["shared"] is True
    assert client.get("/api/v1/framework").json()["version"] == version
    assert [c["name"] for c in client.get("/api/v1/campaigns", headers=admin).json()] == [CAMPAIGN["name"]]


# -- forged and misused tokens -------------------------------------------------------------------------------
def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _parts(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    header, payload, _ = token.split(".")
    return (json.loads(base64.urlsafe_b64decode(header + "==")), json.loads(base64.urlsafe_b64decode(payload + "==")))


def _compose(header: dict[str, Any], payload: dict[str, Any], sign: Callable[[bytes], bytes]) -> str:
    signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(payload).encode())}"
    return f"{signing_input}.{_b64(sign(signing_input.encode()))}"


def alg_none(real: str, keycloak_url: str) -> str:
    header, payload = _parts(real)
    return _compose({**header, "alg": "none"}, payload, lambda _: b"")


def hs256_with_the_public_key(real: str, keycloak_url: str) -> str:
    """The classic confusion: HMAC-signed with the realm's public RSA key as the shared secret."""
    header, payload = _parts(real)
    jwks = jwt.PyJWKClient(f"{keycloak_url}/realms/vertelpunt/protocol/openid-connect/certs")
    public = jwks.get_signing_key(header["kid"]).key.public_bytes(serialization.Encoding.PEM,
                                                                  serialization.PublicFormat.SubjectPublicKeyInfo)
    return _compose({**header, "alg": "HS256"}, payload,
                    lambda data: hmac.new(public, data, hashlib.sha256).digest())


def unknown_kid(real: str, keycloak_url: str) -> str:
    _, payload = _parts(real)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return jwt.encode(payload, key, algorithm="RS256", headers={"kid": "sleutel-die-niemand-kent"})


def another_clients_token(real: str, keycloak_url: str) -> str:
    """A genuine token of the same realm and user, issued to another client: not meant for the intake."""
    issued: str = KeycloakOpenID(server_url=f"{keycloak_url}/", realm_name="vertelpunt",
                                 client_id="admin-cli").token("verteller.zwolle", DEMO_PASSWORD)["access_token"]
    return issued


FORGERIES = [alg_none, hs256_with_the_public_key, unknown_kid, another_clients_token]
ENDPOINTS = [("GET", "/api/v1/stories", None), ("POST", "/api/v1/stories", story_body()),
             ("GET", "/api/v1/campaigns", None), ("POST", "/api/v1/framework/extensions", EXTENSION)]


@pytest.mark.parametrize("forge", FORGERIES, ids=lambda f: f.__name__)
def test_forged_tokens_are_refused(client: TestClient, tokens: dict[str, str], keycloak_url: str,
                                   forge: Callable[[str, str], str]) -> None:
    forged = forge(tokens["beheer.zwolle"], keycloak_url)

    responses = [client.request(method, path, json=body, headers=bearer(forged)) for method, path, body in ENDPOINTS]

    assert [r.status_code for r in responses] == [401] * len(ENDPOINTS)
    assert all(r.json()["type"].endswith("/niet-ingelogd") for r in responses)
    assert client.get("/api/v1/stories", headers=bearer(tokens["analist.zwolle"])).json()["total"] == 0


class _Later(datetime):
    """The intake's clock, moved past the expiry of every token Keycloak just issued (with leeway)."""

    @classmethod
    def now(cls, tz: Any = None) -> _Later:
        moved = datetime.now(tz or UTC) + timedelta(hours=2)
        return cls.fromtimestamp(moved.timestamp(), tz)


def test_an_expired_token_is_refused(client: TestClient, tokens: dict[str, str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    genuine = tokens["beheer.zwolle"]
    assert client.get("/api/v1/stories", headers=bearer(genuine)).status_code == 200

    monkeypatch.setattr(jwt.api_jwt, "datetime", _Later)
    responses = [client.request(method, path, json=body, headers=bearer(genuine)) for method, path, body in ENDPOINTS]

    assert [r.status_code for r in responses] == [401] * len(ENDPOINTS)
    assert all(r.json()["detail"] == "token expired" for r in responses)
