"""Onboarding and offboarding a municipality: everything it needs, safe to run twice."""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import psycopg
from keycloak import KeycloakAdmin
from keycloak.exceptions import KeycloakGetError

from vertelpunt.cli.platform_settings import PlatformSettings
from vertelpunt.federation.secrets import TenantSecrets
from vertelpunt.federation.tenants import offboard_tenant, register_tenant
from vertelpunt.intake.migrate import upgrade

Progress = Callable[[str], None]


@dataclass
class TenantConfig:
    code: str
    name: str
    region: str
    database_url: str
    client_id: str
    client_secret: str
    port: int
    active: bool = True

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{self.code}.json"
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            json.dump(asdict(self), handle, indent=2)

    @staticmethod
    def load(directory: Path, code: str) -> TenantConfig | None:
        path = directory / f"{code}.json"
        return TenantConfig(**json.loads(path.read_text())) if path.exists() else None

    @staticmethod
    def all(directory: Path) -> list[TenantConfig]:
        return [TenantConfig(**json.loads(p.read_text())) for p in sorted(directory.glob("GM*.json"))]


def _database(settings: PlatformSettings, code: str) -> str:
    name = f"vertelpunt_{code.lower()}"
    if settings.postgres_url:
        admin = settings.postgres_url.replace("postgresql+psycopg", "postgresql")
        with psycopg.connect(admin, autocommit=True) as connection:
            exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
            if not exists:
                connection.execute(f'CREATE DATABASE "{name}"')
        return settings.postgres_url.rsplit("/", 1)[0] + f"/{name}"
    directory = settings.state_dir / "intake"
    directory.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{directory / f'{name}.db'}"


def _mappers(tenant_scoped: bool) -> list[dict[str, Any]]:
    def audience(client: str) -> dict[str, Any]:
        return {"name": f"audience-{client}", "protocol": "openid-connect", "protocolMapper": "oidc-audience-mapper",
                "config": {"included.client.audience": client, "access.token.claim": "true",
                           "id.token.claim": "false"}}

    tenant = {"name": "tenant", "protocol": "openid-connect", "protocolMapper": "oidc-usermodel-attribute-mapper",
              "config": {"user.attribute": "tenant", "claim.name": "tenant", "jsonType.label": "String",
                         "access.token.claim": "true", "id.token.claim": "true", "userinfo.token.claim": "true"}}
    return [tenant, audience("vertelpunt-intake"), audience("vertelpunt-gateway")] if tenant_scoped else []


def _keycloak(settings: PlatformSettings, config: TenantConfig, public_url: str, admin_username: str,
              progress: Progress) -> tuple[str, str | None]:
    """Group (with the tenant attribute), intake client and first tenant admin. Returns (client secret,
    a new admin's one-time password or None)."""
    admin = KeycloakAdmin(server_url=f"{settings.keycloak_url}/", username=settings.keycloak_admin,
                          password=settings.keycloak_admin_password, realm_name=settings.keycloak_realm,
                          user_realm_name="master")
    group = admin.get_group_by_path(f"/{config.code}") if _exists_group(admin, config.code) else None
    if group is None:
        admin.create_group({"name": config.code, "attributes": {"tenant": [config.code],
                                                                 "municipality": [config.name]}})
        group = admin.get_group_by_path(f"/{config.code}")
        progress(f"Keycloak group /{config.code} created")
    client_uuid = admin.get_client_id(config.client_id)
    if client_uuid is None:
        admin.create_client({
            "clientId": config.client_id, "name": f"Vertelpunt {config.name}", "enabled": True,
            "protocol": "openid-connect", "publicClient": False, "secret": secrets.token_urlsafe(24),
            "standardFlowEnabled": True, "directAccessGrantsEnabled": False,
            "redirectUris": [f"{public_url}/*"], "webOrigins": ["+"],
            # "+": logging out may return to the same addresses as logging in (RP-initiated logout).
            "attributes": {"pkce.code.challenge.method": "S256", "post.logout.redirect.uris": "+"},
            "protocolMappers": _mappers(True)})
        client_uuid = admin.get_client_id(config.client_id)
        progress(f"Keycloak client {config.client_id} created")
    secret = admin.get_client_secrets(client_uuid)["value"]
    password = None
    users = admin.get_users({"username": admin_username, "exact": True})
    if not users:
        password = secrets.token_urlsafe(12)
        user_id = admin.create_user({
            "username": admin_username, "enabled": True, "emailVerified": True,
            "email": f"{admin_username}@{config.code.lower()}.vertelpunt.test", "firstName": "Beheerder",
            "lastName": config.name, "attributes": {"tenant": [config.code]},
            "credentials": [{"type": "password", "value": password, "temporary": True}]})
        role = admin.get_realm_role("tenant-admin")
        admin.assign_realm_roles(user_id, [role])
        admin.group_user_add(user_id, group["id"])
        progress(f"first tenant admin {admin_username} created")
    return secret, password


def _exists_group(admin: KeycloakAdmin, code: str) -> bool:
    try:
        return bool(admin.get_group_by_path(f"/{code}"))
    except KeycloakGetError:
        return False


def onboard(settings: PlatformSettings, code: str, name: str, region: str, port: int,
            admin_username: str | None = None, progress: Progress = lambda _: None) -> tuple[TenantConfig, str | None]:
    existing = TenantConfig.load(settings.tenants_dir, code)
    progress("Kafka topic, signing secret and registry entry")
    registration = register_tenant(settings.kafka_bootstrap, TenantSecrets(settings.secrets_dir), code, name, region)
    progress(f"topic {'created' if registration.topic_created else 'already there'}, "
             f"secret {'created' if registration.secret_created else 'already there'}")
    progress("database and migrations")
    database_url = _database(settings, code)  # creates the database if it is missing (e.g. after --fresh)
    upgrade(database_url)
    config = TenantConfig(code=code, name=name, region=region, database_url=database_url,
                          client_id=f"vertelpunt-intake-{code.lower()}", client_secret="",
                          port=existing.port if existing else port)
    progress("Keycloak group, client and first tenant admin")
    public_url = f"http://127.0.0.1:{config.port}"
    config.client_secret, password = _keycloak(settings, config, public_url,
                                               admin_username or f"beheer.{code.lower()}", progress)
    config.save(settings.tenants_dir)
    return config, password


def offboard(settings: PlatformSettings, code: str, progress: Progress = lambda _: None) -> int:
    """Stop sharing and withdraw every shared story from the sector; the municipality keeps its own data."""
    from vertelpunt.intake.database import Database
    from vertelpunt.intake.stories.repository import StoryRepository
    from vertelpunt.intake.stories.service import Actor, StoryService
    from vertelpunt.kit.auth import ROLE_TENANT_ADMIN
    from vertelpunt.kit.db import make_engine

    config = TenantConfig.load(settings.tenants_dir, code)
    if config is None:
        raise ValueError(f"{code} is not onboarded here")
    withdrawn = 0
    system = Actor(subject="system:offboarding", name="offboarding", roles=frozenset({ROLE_TENANT_ADMIN}))
    with Database(make_engine(config.database_url)).unit_of_work() as session:
        service = StoryService(session, code, None)  # type: ignore[arg-type]
        for story in StoryRepository(session, code).shared():
            service.withdraw(story.id, system)
            withdrawn += 1
    progress(f"{withdrawn} shared stories withdrawn (the relay takes them to the sector)")
    offboard_tenant(settings.kafka_bootstrap, code)
    config.active = False
    config.save(settings.tenants_dir)
    progress("registry entry marked offboarded: new stories of this municipality are no longer federated")
    return withdrawn
