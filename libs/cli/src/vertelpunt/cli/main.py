"""The `vertelpunt` operator command line: one entry point for the stack, demo, tenants and tools."""

from __future__ import annotations

import typer

from vertelpunt.cli.anonymise import anonymise_command
from vertelpunt.cli.bench.command import bench
from vertelpunt.cli.data_commands import search_app, seed
from vertelpunt.cli.demo import demo
from vertelpunt.cli.exchange import app as exchange_app
from vertelpunt.cli.images import app as images_app
from vertelpunt.cli.stack.commands import app as stack_app
from vertelpunt.cli.tenant_commands import app as tenant_app
from vertelpunt.cli.token_command import token

app = typer.Typer(
    help="Vertelpunt: federated story platform for the Dutch social domain.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(stack_app, name="stack")
app.add_typer(tenant_app, name="tenant")
app.command("token")(token)
app.command("anonymise")(anonymise_command)
app.command("demo")(demo)
app.command("bench")(bench)
app.command("seed")(seed)
app.add_typer(search_app, name="search")
app.add_typer(images_app, name="images")
app.add_typer(exchange_app, name="exchange")


def main() -> None:
    app()
