"""The stories index: a versioned index behind an alias, with the Dutch analyzer for text; and the framework
registry, a plain index of definitions (small, rebuilt in place by replaying the sector topic)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from opensearchpy import OpenSearch
from opensearchpy.exceptions import RequestError

from vertelpunt.contracts import framework_document
from vertelpunt.contracts.search_document import MAPPING


def new_index_name(alias: str) -> str:
    return f"{alias}-v{datetime.now(UTC):%Y%m%d%H%M%S%f}"


def create_index(client: OpenSearch, name: str, shards: int = 1, replicas: int = 0) -> None:
    client.indices.create(index=name, body={
        "settings": {"number_of_shards": shards, "number_of_replicas": replicas, "refresh_interval": "1s"},
        "mappings": MAPPING,
    })


def indices_behind(client: OpenSearch, alias: str) -> list[str]:
    if not client.indices.exists_alias(name=alias):
        return []
    return sorted(client.indices.get_alias(name=alias).keys())


def ensure_alias(client: OpenSearch, alias: str, shards: int = 1, replicas: int = 0) -> str:
    """The index behind the alias, created on first use."""
    existing = indices_behind(client, alias)
    if existing:
        # Fields added to the contract later (only additions) reach an index made before them.
        client.indices.put_mapping(index=existing[-1], body={"properties": MAPPING["properties"]})
        return existing[-1]
    name = new_index_name(alias)
    create_index(client, name, shards, replicas)
    client.indices.put_alias(index=name, name=alias)
    return name


def swap_alias(client: OpenSearch, alias: str, new_index: str) -> list[str]:
    """Point the alias at the new index in one atomic step; returns the indices it left."""
    old = [i for i in indices_behind(client, alias) if i != new_index]
    actions: list[dict[str, Any]] = [{"add": {"index": new_index, "alias": alias}}]
    actions += [{"remove": {"index": index, "alias": alias}} for index in old]
    client.indices.update_aliases(body={"actions": actions})
    return old


def ensure_frameworks_index(client: OpenSearch, name: str, replicas: int = 0) -> None:
    """The registry index, created on first use; fields added to its contract later reach an older index."""
    if client.indices.exists(index=name):
        client.indices.put_mapping(index=name, body={"properties": framework_document.MAPPING["properties"]})
        return
    try:
        client.indices.create(index=name, body={"settings": {"number_of_shards": 1, "number_of_replicas": replicas,
                                                             "refresh_interval": "1s"},
                                                "mappings": framework_document.MAPPING})
    except RequestError as error:  # another indexer created it a moment ago
        if error.error != "resource_already_exists_exception":
            raise
