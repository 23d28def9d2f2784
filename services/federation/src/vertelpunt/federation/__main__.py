"""`python -m vertelpunt.federation relay|federate`: the outbox relay and the sector federation service."""

from __future__ import annotations

import signal
import threading

import typer

from vertelpunt.kit.health_server import serve_health
from vertelpunt.kit.logging import configure_logging

cli = typer.Typer(help="Federation over Kafka: outbox relay (per municipality) and sector policy service.",
                  no_args_is_help=True)


def _stop_event() -> threading.Event:
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    return stop


@cli.command()
def relay() -> None:
    """Publish a municipality's outbox to its topic (settings: VERTELPUNT_RELAY_*)."""
    from vertelpunt.federation.relay import OutboxRelay
    from vertelpunt.federation.settings import RelaySettings
    from vertelpunt.kit.db import make_engine

    settings = RelaySettings()
    configure_logging(f"relay-{settings.tenant_code}", json_output=settings.log_json)
    worker = OutboxRelay(settings, make_engine(settings.database_url))
    serve_health(settings.health_host, settings.health_port, {"database": lambda: worker.sessions().close() is None})
    stop = _stop_event()
    try:
        worker.run(stop.is_set)
    finally:
        worker.close()


@cli.command()
def federate() -> None:
    """Apply the sector policy to every municipality topic (settings: VERTELPUNT_FEDERATION_*)."""
    from vertelpunt.federation.registry import TenantRegistry
    from vertelpunt.federation.secrets import TenantSecrets
    from vertelpunt.federation.service import FederationService
    from vertelpunt.federation.settings import FederationSettings

    settings = FederationSettings()
    configure_logging("federation", json_output=settings.log_json)
    service = FederationService(settings, TenantSecrets(settings.secrets_dir), TenantRegistry(settings.kafka_bootstrap))
    service.start()
    serve_health(settings.health_host, settings.health_port,
                 {"kafka": service.healthy})
    stop = _stop_event()
    try:
        service.run(stop.is_set)
    finally:
        service.close()


if __name__ == "__main__":
    cli()
