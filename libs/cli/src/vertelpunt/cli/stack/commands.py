"""`vertelpunt stack up|down|status|logs|env`."""

from __future__ import annotations

import shutil
import time
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from vertelpunt.cli.stack import process
from vertelpunt.cli.stack.components import Component, StackError, all_components
from vertelpunt.cli.stack.containers import containerised
from vertelpunt.cli.stack.services import start_services, stop_services
from vertelpunt.cli.stack.settings import StackSettings

app = typer.Typer(help="The local stack: real Kafka, OpenSearch, Keycloak and PostgreSQL on loopback.",
                  no_args_is_help=True)
console = Console(stderr=True)

ONLY_HELP = "Comma-separated subset: postgres,kafka,opensearch,keycloak."
CONTAINERS_HELP = ("Run the servers as podman containers from `vertelpunt images build`'s images (built on first "
                   "use) instead of as processes: same ports, same readiness checks.")
SERVICES_HELP = ("With --containers: also onboard the demo municipalities and run the platform's services (intakes, "
                 "relays, federation, indexer, gateway) as containers from the unit images, on the demo's ports.")


def _select(settings: StackSettings, only: str | None, containers: bool = False) -> list[Component]:
    components: list[Component] = all_components(settings)
    if containers:
        components = list(containerised(components))
    if not only:
        return components
    wanted = {name.strip() for name in only.split(",") if name.strip()}
    unknown = wanted - {c.name for c in components}
    if unknown:
        raise typer.BadParameter(f"unknown server(s): {', '.join(sorted(unknown))}")
    return [c for c in components if c.name in wanted]


def bring_up(settings: StackSettings, only: str | None = None, fresh: bool = False, containers: bool = False) -> None:
    """Fetch (first time only), start and wait for each server in turn; raise StackError on failure."""
    for component in _select(settings, only, containers):
        started = time.monotonic()
        if fresh:
            component.stop()
            component.reset_data()
        elif component.running() and component.probe():
            console.print(f"[green]✓[/] {component.name} already running at {component.url()}")
            continue
        if not component.is_fetched():
            console.print(f"[cyan]…[/] {component.name}: installing (first use, cached afterwards)")
            component.dir.mkdir(parents=True, exist_ok=True)
            component.fetch()
        busy = [port for port in component.ports() if process.port_in_use(port)]
        if busy and not component.running():
            raise StackError(
                f"{component.name}: port(s) {', '.join(map(str, busy))} already in use by another process. "
                "Stop it, or choose other ports with VERTELPUNT_STACK_* settings."
            )
        console.print(f"[cyan]…[/] {component.name}: starting (log: {component.log_file})")
        component.start()
        _wait_ready(component, settings.ready_timeout_seconds)
        console.print(f"[green]✓[/] {component.name} ready at {component.url()} "
                      f"in {time.monotonic() - started:.0f} s")


def _wait_ready(component: Component, timeout: int) -> None:
    deadline = time.monotonic() + timeout
    last_note = time.monotonic()
    while time.monotonic() < deadline:
        if component.probe():
            return
        if not component.running():
            raise StackError(
                f"{component.name} exited during start-up. Likely cause: {component.likely_cause()}.\n"
                f"Log {component.log_file}:\n{process.tail(component.log_file)}"
            )
        if time.monotonic() - last_note > 15:
            console.print(f"   still waiting for {component.name}…")
            last_note = time.monotonic()
        time.sleep(1)
    raise StackError(
        f"{component.name} was not ready after {timeout} s. Likely cause: {component.likely_cause()}.\n"
        f"Log {component.log_file}:\n{process.tail(component.log_file)}"
    )


def bring_down(settings: StackSettings, only: str | None = None) -> None:
    for component in reversed(_select(settings, only)):
        if component.running() or component.pid_file.exists():
            console.print(f"[cyan]…[/] stopping {component.name}")
        component.stop()
    _stop_containers(settings, only)
    console.print("[green]✓[/] stack stopped")


def _stop_containers(settings: StackSettings, only: str | None) -> None:
    """Containers of `up --containers` on these ports, if any (podman is not needed when there are none)."""
    if shutil.which("podman") is None:
        return
    if only is None:
        stop_services(settings, console.print)
    for container in reversed(containerised(_select(settings, only))):
        if container.exists():
            console.print(f"[cyan]…[/] stopping container {container.container}")
            container.stop()


@app.command()
def up(
    only: Annotated[str | None, typer.Option(help=ONLY_HELP)] = None,
    fresh: Annotated[bool, typer.Option(help="Throw away the servers' data first (topics, indices, realm).")] = False,
    containers: Annotated[bool, typer.Option(help=CONTAINERS_HELP)] = False,
    services: Annotated[bool, typer.Option(help=SERVICES_HELP)] = False,
) -> None:
    """Install on first use, then start every server and wait until each is ready."""
    if services and not containers:
        raise typer.BadParameter("--services runs the platform from its images: use it with --containers")
    try:
        bring_up(StackSettings(), only, fresh, containers)
        if services:
            start_services(StackSettings(), console.print)
    except StackError as error:
        console.print(f"[red]✗ {error}[/]")
        raise typer.Exit(1) from None


@app.command()
def down(only: Annotated[str | None, typer.Option(help=ONLY_HELP)] = None) -> None:
    """Stop exactly the processes the stack started (by their recorded PIDs) and its containers (by name)."""
    bring_down(StackSettings(), only)


@app.command()
def status(containers: Annotated[bool, typer.Option(help="Show the containers of `up --containers`.")] = False) -> None:
    """Show each server, its PID, its URL and whether it answers."""
    settings = StackSettings()
    table = Table("server", "state", "pid", "url", "log")
    healthy = True
    for component in _select(settings, None, containers):
        alive = component.running()
        ready = alive and component.probe()
        healthy &= ready
        state = "[green]healthy[/]" if ready else ("[yellow]starting/unhealthy[/]" if alive else "[red]stopped[/]")
        table.add_row(component.name, state, str(component.pid() or "-"), component.url(), str(component.log_file))
    Console().print(table)
    raise typer.Exit(0 if healthy else 1)


@app.command()
def logs(
    server: Annotated[str, typer.Argument(help="postgres, kafka, opensearch or keycloak")],
    lines: Annotated[int, typer.Option("--lines", "-n")] = 50,
    containers: Annotated[bool, typer.Option(help="The log of the server's container.")] = False,
) -> None:
    """Print the last lines of a server's log."""
    component = _select(StackSettings(), server, containers)[0]
    typer.echo(process.tail(component.log_file, lines))


@app.command()
def env() -> None:
    """Print `export` lines that point services and tests at the stack (eval "$(vertelpunt stack env)")."""
    for key, value in StackSettings().environment().items():
        typer.echo(f"export {key}={value}")
