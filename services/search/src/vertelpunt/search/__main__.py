"""`python -m vertelpunt.search index|reindex`."""

from __future__ import annotations

import typer

from vertelpunt.kit.health_server import serve_health
from vertelpunt.kit.logging import configure_logging
from vertelpunt.kit.retry import stop_on_signals
from vertelpunt.search.settings import SearchSettings

cli = typer.Typer(help="The sector search index (settings: VERTELPUNT_SEARCH_*).", no_args_is_help=True)


@cli.command()
def index() -> None:
    """Keep OpenSearch up to date with the sector topic."""
    from vertelpunt.search.indexer import Indexer

    settings = SearchSettings()
    configure_logging("indexer", json_output=settings.log_json)
    indexer = Indexer(settings)
    indexer.start()
    serve_health(settings.health_host, settings.health_port, {"opensearch": lambda: bool(indexer.client.ping())})
    stop = stop_on_signals()
    try:
        indexer.run(stop.is_set)
    finally:
        indexer.close()


@cli.command()
def reindex() -> None:
    """Rebuild the index from the sector topic and swap it in without downtime."""
    from vertelpunt.search.reindex import reindex as run_reindex

    result = run_reindex(SearchSettings(), lambda done, total: typer.echo(f"\r{done}/{total}", nl=False, err=True))
    typer.echo(f"\nnew index {result.new_index} with {result.documents} events; removed {result.removed}", err=True)


if __name__ == "__main__":
    cli()
