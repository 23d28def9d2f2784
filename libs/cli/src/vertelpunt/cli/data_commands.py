"""`vertelpunt seed` and `vertelpunt search reindex`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from vertelpunt.cli.demo import DEMO_MUNICIPALITIES, platform_settings
from vertelpunt.cli.onboarding import TenantConfig
from vertelpunt.cli.seed import MUNICIPALITIES
from vertelpunt.cli.seeding import seed_sector_topic, seed_via_intake
from vertelpunt.cli.stack.settings import StackSettings

console = Console(stderr=True)
search_app = typer.Typer(help="The sector search index.", no_args_is_help=True)


def seed(
    count: Annotated[int, typer.Option(help="How many stories.")] = 1000,
    target: Annotated[str, typer.Option(help="intake: through the demo municipalities' intake APIs (the whole "
                                              "journey); sector: straight onto the sector topic (benchmarks).")]
    = "intake",
    seed_value: Annotated[int, typer.Option("--seed", help="Random seed; the same seed gives the same corpus.")] = 42,
) -> None:
    """Tell synthetic stories with planted patterns (see vertelpunt.cli.seed) to a running platform."""
    stack = StackSettings()
    progress = lambda done, total: console.print(f"   {done}/{total}", end="\r")  # noqa: E731
    if target == "sector":
        sent = seed_sector_topic(stack.kafka, count, MUNICIPALITIES, seed_value, progress)
    elif target == "intake":
        settings = platform_settings(stack)
        tenants = [t for t in TenantConfig.all(settings.tenants_dir) if t.code in MUNICIPALITIES]
        if len(tenants) < len(MUNICIPALITIES):
            raise typer.BadParameter("the demo municipalities are not running here: start `vertelpunt demo` first")
        sent = seed_via_intake(tenants, {c: a for c, _, _, _, a in DEMO_MUNICIPALITIES}, stack.keycloak_url, count,
                               seed_value, progress)
    else:
        raise typer.BadParameter("use intake or sector", param_hint="--target")
    console.print(f"\n[green]✓[/] {sent} stories told")


@search_app.command()
def reindex() -> None:
    """Rebuild the stories index from the sector topic into a new version and swap the alias, without downtime."""
    from vertelpunt.search.reindex import reindex as run_reindex
    from vertelpunt.search.settings import SearchSettings

    stack = StackSettings()
    settings = SearchSettings(**stack.kafka.settings_fields(), opensearch_url=stack.opensearch_url)
    result = run_reindex(settings, lambda done, total: console.print(f"   {done}/{total} events", end="\r"))
    console.print(f"\n[green]✓[/] {result.new_index} now serves {settings.alias} ({result.documents} events "
                  f"replayed); removed {', '.join(result.removed) or 'nothing'}")
