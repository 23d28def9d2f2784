"""`vertelpunt token USER`: an access token for a (demo) user, to paste into the GraphQL explorer."""

from __future__ import annotations

from typing import Annotated

import typer

from vertelpunt.cli.seeding import user_token
from vertelpunt.cli.stack.settings import StackSettings


def token(username: Annotated[str, typer.Argument(help="e.g. analist.sector")],
          password: Annotated[str, typer.Option(prompt=False)] = "demo") -> None:
    """Print a bearer token (valid 15 minutes) for the given user."""
    typer.echo(user_token(StackSettings().keycloak_url, username, password))
