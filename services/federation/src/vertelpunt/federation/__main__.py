"""`python -m vertelpunt.federation federate`: the sector federation service."""

from __future__ import annotations

import typer

from vertelpunt.kit.health_server import serve_health
from vertelpunt.kit.logging import configure_logging
from vertelpunt.kit.retry import stop_on_signals

cli = typer.Typer(help="Federation over Kafka: the sector policy service.",
                  no_args_is_help=True)


@cli.callback()
def main() -> None:
    """Keeps `federate` a named subcommand."""


@cli.command()
def federate() -> None:
    """Apply the sector policy to every municipality topic (settings: VERTELPUNT_FEDERATION_*)."""
    from vertelpunt.federation.pii import warm_up
    from vertelpunt.federation.registry import TenantRegistry
    from vertelpunt.federation.secrets import TenantSecrets
    from vertelpunt.federation.service import FederationService
    from vertelpunt.federation.settings import FederationSettings
    from vertelpunt.kit.heap import freeze_startup_objects
    from vertelpunt.kit.logging import get_logger

    settings = FederationSettings()
    configure_logging("federation", json_output=settings.log_json)
    # deduce's lookup structures load once here, not on the first story (seconds; minutes without its cache).
    get_logger(__name__).info("pii_check_warmed_up", seconds=round(warm_up(), 1))
    # Those structures are 4.5 million objects: every full garbage-collector pass walked them for about 3 s.
    get_logger(__name__).info("startup_objects_frozen", objects=freeze_startup_objects())  # kit/heap.py
    service = FederationService(settings, TenantSecrets(settings.secrets_dir), TenantRegistry(settings.kafka))
    service.start()
    serve_health(settings.health_host, settings.health_port,
                 {"kafka": service.healthy})
    stop = stop_on_signals()
    try:
        service.run(stop.is_set)
    finally:
        service.close()


@cli.command("warm-up")
def warm_up_command() -> None:
    """Build deduce's lookup-structure cache for the second PII check (run once after installing)."""
    from vertelpunt.federation.pii import warm_up

    typer.echo(f"second PII check ready in {warm_up():.1f} s")


if __name__ == "__main__":
    cli()
