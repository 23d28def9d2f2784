"""Framework definitions as the sector's registry holds them, built through the real edges: the intake's event
(FrameworkPublished), the indexer's registry document and the gateway's reading of it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from opensearchpy import OpenSearch

from vertelpunt.contracts.framework_document import registry_id
from vertelpunt.gateway.frameworks import Labels, definition_of
from vertelpunt.gateway.workbench.labels import LabelBook
from vertelpunt.intake.frameworks.events import framework_published
from vertelpunt.intake.frameworks.models import Framework
from vertelpunt.intake.frameworks.service import core_framework
from vertelpunt.search.documents import to_framework_document
from vertelpunt.search.index import ensure_frameworks_index


def registry_document(tenant: str, framework: Framework | None = None) -> dict[str, Any]:
    return to_framework_document(framework_published(tenant, framework or core_framework()))


def core_labels(tenant: str = "GM0193") -> Labels:
    return Labels.of([definition_of(registry_document(tenant))])


def core_label_book() -> LabelBook:
    return LabelBook(core_labels())


def register_core(client: OpenSearch, index: str, tenants: Iterable[str] = ("GM0193",)) -> None:
    """The sector's framework registry as the indexer leaves it once these municipalities published the core."""
    ensure_frameworks_index(client, index)
    core = core_framework()
    for tenant in tenants:
        client.index(index=index, id=registry_id(tenant, core.id, core.version), body=registry_document(tenant),
                     refresh="wait_for")
