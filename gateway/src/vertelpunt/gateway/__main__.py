"""`python -m vertelpunt.gateway serve|export-schema`."""

from __future__ import annotations

from pathlib import Path

import typer
import uvicorn

from vertelpunt.gateway.settings import GatewaySettings
from vertelpunt.kit.logging import configure_logging

cli = typer.Typer(help="The sector GraphQL gateway (settings: VERTELPUNT_GATEWAY_*).", no_args_is_help=True)


@cli.command()
def serve() -> None:
    """Serve GraphQL at /graphql (with the GraphiQL explorer when introspection is on)."""
    from vertelpunt.gateway.app import create_app
    from vertelpunt.kit.heap import freeze_startup_objects

    settings = GatewaySettings()
    configure_logging("gateway", json_output=settings.log_json)
    app = create_app(settings)
    if settings.metrics_port:
        # /health, /ready and /metrics for the cluster only (docs/security.md): bind it to an internal address.
        from vertelpunt.kit.health_server import serve_health

        serve_health(settings.metrics_host, settings.metrics_port,
                     {"opensearch": lambda: bool(app.state.opensearch.ping())})
    freeze_startup_objects()  # kit/heap.py: the schema and statistics libraries out of the GC's full passes
    # No proxy headers: the gateway sees the real peer; X-Forwarded-* from clients is never trusted.
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning", proxy_headers=False,
                server_header=False)


@cli.command("export-schema")
def export_schema(path: Path = typer.Argument(None, help="Where to write; default gateway/schema.graphql")) -> None:
    """Write the GraphQL schema (SDL) so changes show up in review."""
    from vertelpunt.gateway.app import SCHEMA_FILE, build_schema

    target = path or SCHEMA_FILE
    target.write_text(str(build_schema(GatewaySettings())) + "\n", encoding="utf-8")
    typer.echo(f"wrote {target}", err=True)


if __name__ == "__main__":
    cli()
