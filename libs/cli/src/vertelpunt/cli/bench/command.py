"""`vertelpunt bench`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from vertelpunt.cli.bench import report, scenarios, second_check
from vertelpunt.cli.bench.measure import settle
from vertelpunt.cli.demo import platform_settings, start_demo_platform
from vertelpunt.cli.platform import Platform
from vertelpunt.cli.stack import process
from vertelpunt.cli.stack.commands import bring_up
from vertelpunt.cli.stack.settings import StackSettings
from vertelpunt.kit.heap import freeze_startup_objects

console = Console(stderr=True)
ALL = "anonymiser,intake,pipeline,indexer,freshness,queries,werkplaats,second-check"


def bench(
    only: Annotated[str, typer.Option(help=f"Comma-separated subset of: {ALL}")] = ALL,
    backlog: Annotated[int, typer.Option(help="Events in the relay/federation/indexer backlog.")] = 100_000,
    sizes: Annotated[str, typer.Option(help="Index sizes for the query benchmark (the Werkplaats views load at the "
                                            "largest).")] = "100000,1000000",
    output: Annotated[Path, typer.Option(help="Where the report goes.")] = Path("docs/benchmarks.md"),
) -> None:
    """Measure the anonymiser, intake, relay, federation, indexer, end-to-end freshness, the gateway's queries at
    the given index sizes and the Werkplaats views in headless Chromium at the largest, on the real local stack, and
    write the report with machine and versions."""
    wanted = {w.strip() for w in only.split(",")}
    stack = StackSettings()
    say = lambda message: console.print(f"[cyan]…[/] {message}")  # noqa: E731
    if wanted - {"anonymiser", "second-check"}:  # these two run without the stack
        bring_up(stack)
    settings = platform_settings(stack, stack.home / "bench-state")
    results: dict[str, Any] = {}
    if "second-check" in wanted:
        results["second_check"] = second_check.measure(say)
        freeze_startup_objects()  # deduce's 4.5 million objects: no 3 s GC passes in the load generator after this
    if "anonymiser" in wanted:
        results["anonymiser"] = scenarios.anonymiser(say)
    if wanted & {"intake", "freshness"}:
        Platform(platform_settings(stack)).stop()
        settings, tenants = start_demo_platform(stack, say=say, state_dir=stack.home / "bench-state")
        by_code = {t.code: t for t in tenants}
        pids = [process.read_pid(p) for p in sorted(settings.run_dir.glob("*.pid"))]
        say(f"waited {settle(pids, say):.0f} s for the platform to finish its start-up work")
        try:
            if "intake" in wanted:
                results["intake"] = scenarios.intake(say, settings, by_code["GM0193"])
            if "freshness" in wanted:
                results["freshness"] = scenarios.freshness(say, settings, by_code)
        finally:
            Platform(settings).stop()
    if "pipeline" in wanted:
        results["pipeline"] = scenarios.relay_and_federation(say, settings, backlog)
    if "indexer" in wanted:
        results["indexer"] = scenarios.indexer_throughput(say, settings, backlog)
    if "queries" in wanted:
        results["queries"] = scenarios.queries(say, settings, [int(s) for s in sizes.split(",") if s])
    if "werkplaats" in wanted:
        results["werkplaats"] = scenarios.werkplaats(say, settings, [int(s) for s in sizes.split(",") if s])
    output.write_text(report.render(results, {"backlog": backlog, "sizes": sizes}), encoding="utf-8")
    console.print(f"[green]✓[/] wrote {output}")
