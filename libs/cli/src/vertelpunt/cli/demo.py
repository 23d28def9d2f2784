"""`vertelpunt demo`: a local federation of three demo municipalities with seeded stories."""

from __future__ import annotations

import shutil
import signal
import threading
import time
from datetime import date
from pathlib import Path
from typing import Annotated

import httpx
import typer
from rich.console import Console

from vertelpunt.cli.onboarding import TenantConfig, onboard
from vertelpunt.cli.platform import GATEWAY_PORT, Platform, sector_services, tenant_services
from vertelpunt.cli.platform_settings import PlatformSettings
from vertelpunt.cli.seed import MEASURE_LABEL, MEASURE_WEEK
from vertelpunt.cli.seeding import DemoWave, seed_threads_via_intake, seed_via_intake, seed_waves, user_token
from vertelpunt.cli.stack.commands import bring_down, bring_up
from vertelpunt.cli.stack.components import StackError
from vertelpunt.cli.stack.settings import StackSettings
from vertelpunt.contracts import framework_document

console = Console(stderr=True)
DEMO_THREADS = 120  # clients followed over time: enough threads per stage for the sector rules
# Two sector waves every demo municipality joins: the summer before the planted measure and the autumn after it,
# so "Vergelijken: twee meetronden" shows the measure's effect across municipalities.
DEMO_WAVES = [DemoWave("Zomermeting 2026", date(2026, 6, 1), date(2026, 8, 30), ("uitkomst-hielp", "verschil")),
              DemoWave("Najaarsmeting 2026", date(2026, 8, 31), date(2026, 11, 29), ("uitkomst-hielp", "verschil"))]
DEMO_MUNICIPALITIES = [("GM0193", "Zwolle", "Overijssel", 8101, "beheer.zwolle"),
                       ("GM0150", "Deventer", "Overijssel", 8102, "beheer.deventer"),
                       ("GM0034", "Almere", "Flevoland", 8103, "beheer.almere")]


def platform_settings(stack: StackSettings, state_dir: Path | None = None) -> PlatformSettings:
    return PlatformSettings(state_dir=state_dir or stack.home / "state", **stack.kafka.settings_fields(),
                            opensearch_url=stack.opensearch_url, keycloak_url=stack.keycloak_url,
                            keycloak_admin=stack.keycloak_admin, keycloak_admin_password=stack.keycloak_admin_password,
                            postgres_url=stack.postgres_url)


def start_demo_platform(stack: StackSettings, say=console.print,  # type: ignore[no-untyped-def]
                        state_dir: Path | None = None) -> tuple[PlatformSettings, list[TenantConfig]]:
    settings = platform_settings(stack, state_dir)
    tenants = []
    for code, name, region, port, admin in DEMO_MUNICIPALITIES:
        say(f"[cyan]…[/] onboarding {name} ({code})")
        config, _ = onboard(settings, code, name, region, port, admin)
        tenants.append(config)
    services = [s for t in tenants for s in tenant_services(settings, t)] + sector_services(settings)
    say("[cyan]…[/] starting intake services, relays, federation, indexer and gateway")
    platform = Platform(settings)
    try:
        platform.start(services, lambda m: say(f"[green]✓[/] {m}"))
    except BaseException:
        platform.stop()  # a service that never got healthy must not leave the others holding the fixed ports
        raise
    # Each intake announced its framework at onboarding; the labels of every view come from those definitions.
    codes = [t.code for t in tenants]
    deadline = time.monotonic() + 240
    while _with_definitions(settings.opensearch_url, codes) < len(codes) and time.monotonic() < deadline:
        time.sleep(1)
    found = _with_definitions(settings.opensearch_url, codes)
    say(f"[green]✓[/] framework definitions of {found} of {len(codes)} municipalities in the sector registry"
        if found == len(codes) else f"[yellow]![/] framework definitions of only {found} of {len(codes)} "
        "municipalities arrived: their questions show as ids until they do")
    return settings, tenants


def _with_definitions(opensearch_url: str, codes: list[str]) -> int:
    """How many of these municipalities have a definition in the sector's framework registry."""
    body = {"size": 0, "query": {"terms": {framework_document.TENANT: codes}},
            "aggs": {"tenants": {"terms": {"field": framework_document.TENANT, "size": len(codes)}}}}
    try:
        response = httpx.post(f"{opensearch_url}/{framework_document.DEFAULT_INDEX}/_search", json=body, timeout=5)
        return len(response.json()["aggregations"]["tenants"]["buckets"]) if response.status_code == 200 else 0
    except (httpx.HTTPError, KeyError, ValueError):
        return 0


def _indexed(opensearch_url: str) -> int:
    try:
        response = httpx.get(f"{opensearch_url}/vertelpunt-stories/_count", timeout=5)
        return int(response.json().get("count", 0)) if response.status_code == 200 else 0
    except httpx.HTTPError:
        return 0


def demo(
    stories: Annotated[int, typer.Option(help="Stories to seed through the intake APIs (first run only).")] = 1500,
    fresh: Annotated[bool, typer.Option(help="Start from empty servers (drops earlier demo data).")] = False,
    keep_stack: Annotated[bool, typer.Option(help="Leave Kafka, OpenSearch, Keycloak, PostgreSQL running on exit.")]
    = False,
) -> None:
    """Bring up the stack, onboard Zwolle, Deventer and Almere, start every service, seed stories with planted
    patterns, print the URLs and logins, and run until Ctrl-C (which stops everything cleanly)."""
    stack = StackSettings()
    try:
        console.print("[bold]Vertelpunt demo[/] — local stack")
        if fresh:  # the platform's state (tenants, secrets, seeding) belongs to the data being thrown away
            Platform(platform_settings(stack)).stop()
            shutil.rmtree(platform_settings(stack).state_dir, ignore_errors=True)
        bring_up(stack, fresh=fresh)
        settings, tenants = start_demo_platform(stack)
        marker = settings.state_dir / "demo-seeded"
        if not marker.exists():
            admins = {c: a for c, _, _, _, a in DEMO_MUNICIPALITIES}
            console.print("[cyan]…[/] defining two sector waves; every municipality joins both")
            campaign_of = seed_waves(tenants, admins, stack.keycloak_url, DEMO_WAVES,
                                     f"http://127.0.0.1:{GATEWAY_PORT}/graphql")
            console.print(f"[cyan]…[/] seeding {stories} stories through the intake APIs "
                          "(anonymised, reviewed, shared)")
            seed_via_intake(tenants, admins, stack.keycloak_url, stories, campaign_of=campaign_of,
                            progress=lambda d, t: console.print(f"   {d}/{t} stories told", end="\r"))
            console.print()
            console.print("[cyan]…[/] seeding clients followed over time (follow-up stories with a story key)")
            followed = seed_threads_via_intake(tenants, {c: a for c, _, _, _, a in DEMO_MUNICIPALITIES},
                                               stack.keycloak_url, DEMO_THREADS)
            marker.write_text(str(stories + followed))
            console.print()
            _mark_measure(stack)
        expected = int(marker.read_text())
        deadline = time.monotonic() + 300
        while _indexed(stack.opensearch_url) < expected and time.monotonic() < deadline:
            console.print(f"   {_indexed(stack.opensearch_url)}/{expected} stories searchable in the sector", end="\r")
            time.sleep(1)
        console.print(f"\n[green]✓[/] {_indexed(stack.opensearch_url)} stories searchable in the sector index")
    except (StackError, RuntimeError) as error:
        console.print(f"[red]✗ {error}[/]")
        raise typer.Exit(1) from None
    _print_welcome(tenants)
    stop = threading.Event()
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    stop.wait()
    console.print("\n[cyan]…[/] stopping the demo")
    Platform(settings).stop(lambda m: console.print(f"   {m}"))
    if not keep_stack:
        bring_down(stack)


def _mark_measure(stack: StackSettings) -> None:
    token = user_token(stack.keycloak_url, "analist.sector", "demo")
    query = "mutation($l: String!, $d: Date!) { addMeasure(label: $l, on: $d) { id } }"
    httpx.post("http://127.0.0.1:8000/graphql", json={"query": query, "variables": {
        "l": MEASURE_LABEL, "d": MEASURE_WEEK.isoformat()}}, headers={"Authorization": f"Bearer {token}"}, timeout=30)


def _print_welcome(tenants: list[TenantConfig]) -> None:
    console.print("\n[bold green]Vertelpunt draait.[/] Stop met Ctrl-C.\n")
    for tenant in tenants:
        slug = tenant.name.lower()
        console.print(f"  Verhalenformulier {tenant.name:<9} http://127.0.0.1:{tenant.port}/  "
                      f"(verteller.{slug} / demo, beheer.{slug} / demo)")
    console.print("  Werkplaats (zonder code)  http://127.0.0.1:8000/werkplaats/  (analist.sector, analist.zwolle, "
                  "verteller.zwolle / demo)")
    console.print("  GraphQL + verkenner       http://127.0.0.1:8000/graphql  (token: analist.sector / demo)")
    console.print("  Keycloak                  http://localhost:8080/  (admin / admin)")
    console.print("  Analisten per gemeente    analist.zwolle, analist.deventer, analist.almere (wachtwoord demo)")
    console.print("  Token voor GraphQL:       vertelpunt token analist.sector\n")
