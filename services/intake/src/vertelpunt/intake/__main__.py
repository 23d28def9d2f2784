"""`python -m vertelpunt.intake [serve|relay|migrate|retention|stop-sharing]`: one command per job of the intake
service."""

from __future__ import annotations

import typer
import uvicorn

from vertelpunt.intake.settings import IntakeSettings
from vertelpunt.kit.logging import configure_logging

cli = typer.Typer(help="Intake service of one municipality (settings: VERTELPUNT_INTAKE_* variables).",
                  no_args_is_help=True)


@cli.command()
def serve() -> None:
    """Migrate the database, announce its framework versions to the sector (outbox), then serve the API and the
    web form (and metrics on their own port, if set)."""
    from vertelpunt.intake.app import http_server, served_app
    from vertelpunt.intake.frameworks.service import announce_frameworks
    from vertelpunt.intake.migrate import upgrade
    from vertelpunt.kit.health_server import serve_health

    settings = IntakeSettings()
    configure_logging(f"intake-{settings.tenant_code}", json_output=settings.log_json)
    upgrade(settings.database_url)
    announce_frameworks(settings.database_url, settings.tenant_code)  # the sector learns the versions in use
    if settings.metrics_port is not None:
        serve_health(settings.metrics_host, settings.metrics_port, {})
    if settings.workers > 1:
        # Each worker process builds the app from the same environment (VERTELPUNT_INTAKE_*).
        uvicorn.run("vertelpunt.intake.app:served_app", factory=True, workers=settings.workers, host=settings.host,
                    port=settings.port, log_level="warning", proxy_headers=False, server_header=False)
        return
    http_server(settings, served_app(settings)).run()


@cli.command()
def relay() -> None:
    """Publish the municipality's outbox to its Kafka topic (settings: VERTELPUNT_RELAY_*)."""
    from vertelpunt.intake.outbox.relay import OutboxRelay
    from vertelpunt.intake.outbox.settings import RelaySettings
    from vertelpunt.kit.db import make_engine
    from vertelpunt.kit.health_server import serve_health
    from vertelpunt.kit.retry import stop_on_signals

    settings = RelaySettings()
    configure_logging(f"relay-{settings.tenant_code}", json_output=settings.log_json)
    worker = OutboxRelay(settings, make_engine(settings.database_url))
    serve_health(settings.health_host, settings.health_port, {"database": lambda: worker.sessions().close() is None})
    stop = stop_on_signals()
    try:
        worker.run(stop.is_set)
    finally:
        worker.close()


@cli.command()
def migrate() -> None:
    """Bring the municipality's database to the latest schema."""
    from vertelpunt.intake.migrate import upgrade

    upgrade(IntakeSettings().database_url)


@cli.command()
def retention() -> None:
    """Remove raw text older than the retention period now (the service also does this every hour)."""
    from vertelpunt.intake.app import build_container, run_retention

    typer.echo(f"removed raw text of {run_retention(build_container(IntakeSettings()))} stories")


@cli.command("stop-sharing")
def stop_sharing() -> None:
    """Offboarding: withdraw every shared story from the sector (the relay publishes the withdrawals)."""
    from vertelpunt.intake.app import build_container
    from vertelpunt.intake.app import stop_sharing as withdraw_all

    typer.echo(f"withdrew {withdraw_all(build_container(IntakeSettings()))} shared stories from the sector")


if __name__ == "__main__":
    cli()
