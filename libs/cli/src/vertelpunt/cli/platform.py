"""Running the platform's own processes locally: per municipality an intake service and a relay; for the
sector the federation service, the indexer and the gateway. Each is tracked by PID and checked by health URL."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from vertelpunt.cli.onboarding import TenantConfig, sector_kafka
from vertelpunt.cli.platform_settings import PlatformSettings
from vertelpunt.cli.stack import process
from vertelpunt.federation.access import FEDERATION_PRINCIPAL, INDEXER_PRINCIPAL

GATEWAY_PORT = 8000
FEDERATION_HEALTH_PORT = 8201
INDEXER_HEALTH_PORT = 8401


@dataclass
class Service:
    name: str
    module: str
    command: str
    env: dict[str, str]
    health_url: str
    public_url: str | None = None


def tenant_services(settings: PlatformSettings, tenant: TenantConfig) -> list[Service]:
    intake_url = f"http://127.0.0.1:{tenant.port}"
    intake = Service(f"intake-{tenant.code}", "vertelpunt.intake", "serve", {
        "VERTELPUNT_INTAKE_TENANT_CODE": tenant.code, "VERTELPUNT_INTAKE_TENANT_NAME": tenant.name,
        "VERTELPUNT_INTAKE_DATABASE_URL": tenant.database_url, "VERTELPUNT_INTAKE_KEYCLOAK_URL": settings.keycloak_url,
        "VERTELPUNT_INTAKE_CLIENT_ID": tenant.client_id, "VERTELPUNT_INTAKE_CLIENT_SECRET": tenant.client_secret,
        "VERTELPUNT_INTAKE_PUBLIC_URL": intake_url, "VERTELPUNT_INTAKE_PORT": str(tenant.port),
        "VERTELPUNT_INTAKE_SESSION_SECRET": f"local-{tenant.client_secret}",
        # Reflection: the form asks the sector gateway how similar stories went elsewhere.
        "VERTELPUNT_INTAKE_GATEWAY_URL": f"http://127.0.0.1:{GATEWAY_PORT}/graphql",
        "VERTELPUNT_INTAKE_CAMPAIGN_RATE_LIMIT_PER_MINUTE": "600",
    }, f"{intake_url}/ready", intake_url)
    relay = Service(f"relay-{tenant.code}", "vertelpunt.intake", "relay", {
        "VERTELPUNT_RELAY_TENANT_CODE": tenant.code, "VERTELPUNT_RELAY_DATABASE_URL": tenant.database_url,
        **tenant.relay_kafka(settings.kafka).environment("VERTELPUNT_RELAY_"),
        "VERTELPUNT_RELAY_HEALTH_PORT": str(tenant.port + 200),
    }, f"http://127.0.0.1:{tenant.port + 200}/health")
    return [intake, relay]


def sector_services(settings: PlatformSettings) -> list[Service]:
    return [
        Service("federation", "vertelpunt.federation", "federate", {
            **sector_kafka(settings, FEDERATION_PRINCIPAL).environment("VERTELPUNT_FEDERATION_"),
            "VERTELPUNT_FEDERATION_SECRETS_DIR": str(settings.secrets_dir),
            "VERTELPUNT_FEDERATION_HEALTH_PORT": str(FEDERATION_HEALTH_PORT),
        }, f"http://127.0.0.1:{FEDERATION_HEALTH_PORT}/health"),
        Service("indexer", "vertelpunt.search", "index", {
            **sector_kafka(settings, INDEXER_PRINCIPAL).environment("VERTELPUNT_SEARCH_"),
            "VERTELPUNT_SEARCH_OPENSEARCH_URL": settings.opensearch_url,
            "VERTELPUNT_SEARCH_HEALTH_PORT": str(INDEXER_HEALTH_PORT),
        }, f"http://127.0.0.1:{INDEXER_HEALTH_PORT}/health"),
        Service("gateway", "vertelpunt.gateway", "serve", {
            "VERTELPUNT_GATEWAY_OPENSEARCH_URL": settings.opensearch_url,
            "VERTELPUNT_GATEWAY_KEYCLOAK_URL": settings.keycloak_url,
            "VERTELPUNT_GATEWAY_PORT": str(GATEWAY_PORT),
        }, f"http://127.0.0.1:{GATEWAY_PORT}/ready", f"http://127.0.0.1:{GATEWAY_PORT}/graphql"),
    ]


class Platform:
    def __init__(self, settings: PlatformSettings) -> None:
        self.settings = settings

    def _pid_file(self, service: Service) -> Path:
        return self.settings.run_dir / f"{service.name}.pid"

    def log_file(self, service: Service) -> Path:
        return self.settings.run_dir / f"{service.name}.log"

    def start(self, services: list[Service], progress: Callable[[str], None], timeout: float = 120) -> None:
        self.settings.run_dir.mkdir(parents=True, exist_ok=True)
        for service in services:
            if process.is_alive(process.read_pid(self._pid_file(service))):
                progress(f"{service.name} already running")
                continue
            # Each service gets its own Kafka principal; the operator's (VERTELPUNT_KAFKA_*) stays here.
            env = {**{k: v for k, v in os.environ.items() if not k.startswith("VERTELPUNT_KAFKA_")}, **service.env}
            process.start_detached([sys.executable, "-m", service.module, service.command], self.log_file(service),
                                   self._pid_file(service), env=env)
        for service in services:
            self._wait(service, timeout)
            progress(f"{service.name} ready" + (f" at {service.public_url}" if service.public_url else ""))

    def _wait(self, service: Service, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if httpx.get(service.health_url, timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if not process.is_alive(process.read_pid(self._pid_file(service))):
                raise RuntimeError(f"{service.name} stopped during start-up; log {self.log_file(service)}:\n"
                                   f"{process.tail(self.log_file(service))}")
            time.sleep(0.5)
        raise RuntimeError(f"{service.name} not healthy after {timeout:.0f} s; log {self.log_file(service)}")

    def stop(self, progress: Callable[[str], None] = lambda _: None) -> None:
        if not self.settings.run_dir.exists():
            return
        for pid_file in sorted(self.settings.run_dir.glob("*.pid")):
            pid = process.read_pid(pid_file)
            if process.is_alive(pid):
                assert pid is not None
                process.stop_pid(pid, timeout=15)
                progress(f"{pid_file.stem} stopped")
            pid_file.unlink(missing_ok=True)
