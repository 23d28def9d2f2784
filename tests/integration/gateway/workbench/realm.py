"""The Werkplaats' Keycloak client in a running realm.

A realm imported before the client was added to deploy/local/keycloak/realm-vertelpunt.json lacks it (Keycloak
leaves an existing realm alone on import); tests add it from that file, so the file stays the one source."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from keycloak import KeycloakAdmin

from tests.conftest import require_env

REALM_FILE = Path(__file__).parents[4] / "deploy/local/keycloak/realm-vertelpunt.json"
CLIENT_ID = "vertelpunt-werkplaats"


def werkplaats_client() -> dict[str, Any]:
    realm = json.loads(REALM_FILE.read_text(encoding="utf-8"))
    client: dict[str, Any] = next(c for c in realm["clients"] if c["clientId"] == CLIENT_ID)
    return client


def ensure_werkplaats_client(keycloak_url: str) -> None:
    admin = KeycloakAdmin(server_url=f"{keycloak_url}/", username=require_env("VERTELPUNT_KEYCLOAK_ADMIN"),
                          password=require_env("VERTELPUNT_KEYCLOAK_ADMIN_PASSWORD"), realm_name="vertelpunt",
                          user_realm_name="master")
    if not admin.get_client_id(CLIENT_ID):
        admin.create_client(werkplaats_client(), skip_exists=True)
