"""`vertelpunt tenant onboard|list|offboard`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from vertelpunt.cli.onboarding import TenantConfig, offboard, onboard
from vertelpunt.cli.platform_settings import PlatformSettings
from vertelpunt.federation.registry import TenantRegistry

app = typer.Typer(help="Municipalities (tenants): onboard, list and offboard.", no_args_is_help=True)
console = Console(stderr=True)


@app.command("onboard")
def onboard_command(
    code: Annotated[str, typer.Option(help="CBS code, e.g. GM0193")],
    name: Annotated[str, typer.Option(help="Name of the municipality, e.g. Zwolle")],
    region: Annotated[str, typer.Option(help="Province or region, used in sector analyses")] = "",
    port: Annotated[int, typer.Option(help="Local port for this municipality's intake service")] = 8101,
    admin: Annotated[str | None, typer.Option(help="Username of the first tenant admin")] = None,
) -> None:
    """Create everything a municipality needs: its Kafka topic, database and migrations, Keycloak group, client
    and first tenant admin, its signing secret and a TenantRegistered event. Safe to run twice."""
    if not code.startswith("GM") or len(code) != 6 or not code[2:].isdigit():
        raise typer.BadParameter("use a CBS code such as GM0193", param_hint="--code")
    config, password = onboard(PlatformSettings(), code, name, region, port, admin,
                               lambda message: console.print(f"[cyan]…[/] {message}"))
    console.print(f"[green]✓[/] {config.name} ({config.code}) is onboarded; database {config.database_url}")
    if password:
        console.print(f"  first tenant admin password (temporary, change at first login): {password}")


@app.command("list")
def list_command() -> None:
    """The municipalities in the sector registry, and which of them this machine runs."""
    settings = PlatformSettings()
    local = {t.code: t for t in TenantConfig.all(settings.tenants_dir)}
    table = Table("code", "name", "region", "status", "intake here")
    for tenant in TenantRegistry(settings.kafka).all():
        here = local.get(tenant.code)
        table.add_row(tenant.code, tenant.name, tenant.region, "active" if tenant.active else "offboarded",
                      f"port {here.port}" if here else "-")
    Console().print(table)


@app.command("offboard")
def offboard_command(code: Annotated[str, typer.Option(help="CBS code")]) -> None:
    """Stop sharing and withdraw the municipality's stories from the sector (its own data stays)."""
    offboard(PlatformSettings(), code, lambda message: console.print(f"[cyan]…[/] {message}"))
    console.print(f"[green]✓[/] {code} is offboarded")
