"""Getting real tokens for the demo users from the stack's Keycloak (python-keycloak)."""

from __future__ import annotations

from keycloak import KeycloakOpenID

DEMO_PASSWORD = "demo"


def password_token(keycloak_url: str, username: str, password: str = DEMO_PASSWORD) -> str:
    client = KeycloakOpenID(server_url=f"{keycloak_url}/", realm_name="vertelpunt", client_id="vertelpunt-cli")
    token: str = client.token(username, password)["access_token"]
    return token
