"""The `vertelpunt` operator command line: one entry point for the stack, demo, tenants and tools."""

from __future__ import annotations

import typer

from vertelpunt.cli.anonymise import anonymise_command
from vertelpunt.cli.stack.commands import app as stack_app
from vertelpunt.cli.tenant_commands import app as tenant_app

app = typer.Typer(
    help="Vertelpunt: federated story platform for the Dutch social domain.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(stack_app, name="stack")
app.add_typer(tenant_app, name="tenant")
app.command("anonymise")(anonymise_command)


def main() -> None:
    app()
