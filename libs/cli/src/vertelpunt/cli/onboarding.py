"""Onboarding and offboarding a municipality: everything it needs, safe to run twice.

Runs as the operator: VERTELPUNT_KAFKA_* is a Kafka super user that creates topics, principals and ACLs.
"""

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

from vertelpunt.cli.credentials import read_or_create_secret
from vertelpunt.cli.platform_settings import PlatformSettings
from vertelpunt.contracts.topics import relay_principal, tenant_topic
from vertelpunt.federation.access import (
    FEDERATION_PRINCIPAL,
    INDEXER_PRINCIPAL,
    ensure_principal,
    federation_grants,
    grant_relay,
    indexer_grants,
    remove_principal,
)
from vertelpunt.federation.secrets import TenantSecrets
from vertelpunt.federation.tenants import offboard_tenant, register_tenant
from vertelpunt.intake.frameworks.service import announce_frameworks
from vertelpunt.intake.migrate import upgrade
from vertelpunt.kit.kafka import KafkaConnection

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
    # The relay's own Kafka principal (relay-gm0193): it may write this municipality's topic and nothing else.
    kafka_username: str = ""
    kafka_password: str = ""

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

    def relay_kafka(self, operator: KafkaConnection) -> KafkaConnection:
        """The operator's brokers and transport, with the relay's own credentials."""
        return operator.as_user(self.kafka_username, self.kafka_password)


SECTOR_PRINCIPALS = {FEDERATION_PRINCIPAL: federation_grants, INDEXER_PRINCIPAL: indexer_grants}


def sector_kafka(settings: PlatformSettings, principal: str) -> KafkaConnection:
    """The connection of a sector service (federation, indexer); its password lives in the state (mode 600)."""
    operator: KafkaConnection = settings.kafka
    return operator.as_user(principal, read_or_create_secret(settings.kafka_credentials_dir / principal))


def ensure_sector_access(settings: PlatformSettings) -> None:
    """The federation's and the indexer's principals and ACLs. Safe to run twice."""
    for principal, grants in SECTOR_PRINCIPALS.items():
        ensure_principal(settings.kafka, principal, sector_kafka(settings, principal).password.get_secret_value(),
                         grants())


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
    else:
        _ensure_mappers(admin, client_uuid, progress)
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


def _ensure_mappers(admin: KeycloakAdmin, client_uuid: str, progress: Progress) -> None:
    """A client made earlier (by hand, or by an older onboarding) gets the tenant claim and both audiences: without
    `vertelpunt-gateway` in its tokens the gateway refuses the web login's token, and reflection shows nothing."""
    present = {m["name"]: m for m in admin.get_mappers_from_client(client_uuid)}
    for wanted in _mappers(True):
        found = present.get(wanted["name"])
        if found is None:
            admin.add_mapper_to_client(client_uuid, wanted)
            progress(f"Keycloak mapper {wanted['name']} added")
        elif found.get("protocolMapper") != wanted["protocolMapper"] or \
                any(found.get("config", {}).get(k) != v for k, v in wanted["config"].items()):
            admin.update_client_mapper(client_uuid, found["id"], {**wanted, "id": found["id"]})
            progress(f"Keycloak mapper {wanted['name']} corrected")


def _exists_group(admin: KeycloakAdmin, code: str) -> bool:
    try:
        return bool(admin.get_group_by_path(f"/{code}"))
    except KeycloakGetError:
        return False


def onboard(settings: PlatformSettings, code: str, name: str, region: str, port: int,
            admin_username: str | None = None, progress: Progress = lambda _: None) -> tuple[TenantConfig, str | None]:
    existing = TenantConfig.load(settings.tenants_dir, code)
    progress("Kafka topic, signing secret and registry entry")
    registration = register_tenant(settings.kafka, TenantSecrets(settings.secrets_dir), code, name, region)
    progress(f"topic {'created' if registration.topic_created else 'already there'}, "
             f"secret {'created' if registration.secret_created else 'already there'}")
    kafka_password = existing.kafka_password if existing and existing.kafka_password else secrets.token_hex(24)
    principal = grant_relay(settings.kafka, code, kafka_password)
    ensure_sector_access(settings)
    progress(f"Kafka principal {principal} may write {tenant_topic(code)} only")
    progress("database and migrations")
    database_url = _database(settings, code)  # creates the database if it is missing (e.g. after --fresh)
    upgrade(database_url)
    announce_frameworks(database_url, code)  # the core framework into its outbox: the relay tells the sector
    config = TenantConfig(code=code, name=name, region=region, database_url=database_url,
                          client_id=f"vertelpunt-intake-{code.lower()}", client_secret="",
                          port=existing.port if existing else port, kafka_username=principal,
                          kafka_password=kafka_password)
    progress("Keycloak group, client and first tenant admin")
    public_url = f"http://127.0.0.1:{config.port}"
    config.client_secret, password = _keycloak(settings, config, public_url,
                                               admin_username or f"beheer.{code.lower()}", progress)
    config.save(settings.tenants_dir)
    return config, password


def offboard(settings: PlatformSettings, code: str, progress: Progress = lambda _: None) -> int:
    """Stop sharing and withdraw every shared story from the sector; the municipality keeps its own data.

    Everything inside the municipality goes through the intake's own functions (`stop_sharing`, the relay's
    `drain`), never through its tables."""
    config = TenantConfig.load(settings.tenants_dir, code)
    if config is None:
        raise ValueError(f"{code} is not onboarded here")
    withdrawn = _stop_sharing(config)
    progress(f"{withdrawn} shared stories withdrawn")
    sent = _drain_outbox(settings, config)
    progress(f"{sent} waiting events (the withdrawals among them) published to {tenant_topic(code)}")
    offboard_tenant(settings.kafka, code)
    progress("registry entry marked offboarded: new stories of this municipality are no longer federated")
    remove_principal(settings.kafka, relay_principal(code))
    progress(f"Kafka principal {relay_principal(code)} and its ACLs removed")
    config.active = False
    config.kafka_password = ""
    config.save(settings.tenants_dir)
    return withdrawn


def _stop_sharing(config: TenantConfig) -> int:
    """The municipality's intake withdraws its shared stories (as `python -m vertelpunt.intake stop-sharing`)."""
    from vertelpunt.intake.app import build_container, stop_sharing
    from vertelpunt.intake.settings import IntakeSettings

    intake = build_container(IntakeSettings(tenant_code=config.code, tenant_name=config.name,
                                            database_url=config.database_url, log_json=False))
    try:
        return stop_sharing(intake)
    finally:
        intake.database.engine.dispose()


def _drain_outbox(settings: PlatformSettings, config: TenantConfig, timeout: float = 120.0) -> int:
    """Publish what the relay has not sent yet, as the relay, before its principal goes."""
    from vertelpunt.intake.outbox.relay import OutboxRelay
    from vertelpunt.intake.outbox.settings import RelaySettings
    from vertelpunt.kit.db import make_engine

    if not config.kafka_password:
        raise ValueError(f"{config.code} has no Kafka credentials here; run `vertelpunt tenant onboard` again first")
    engine = make_engine(config.database_url)
    relay = OutboxRelay(RelaySettings(tenant_code=config.code, database_url=config.database_url, log_json=False,
                                      **config.relay_kafka(settings.kafka).settings_fields()), engine)
    try:
        return relay.drain(timeout)
    finally:
        relay.close()
        engine.dispose()
