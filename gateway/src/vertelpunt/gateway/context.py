"""The per-request context: who asks, and fresh services and DataLoaders for this request only."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from vertelpunt.gateway.analytics import Analytics
from vertelpunt.gateway.backend import OpenSearchBackend
from vertelpunt.gateway.disclosure import DisclosurePolicy
from vertelpunt.gateway.errors import Forbidden, Unauthenticated
from vertelpunt.gateway.frameworks import FrameworkRegistry, Labels
from vertelpunt.gateway.measures import MeasureStore
from vertelpunt.gateway.offload import run_blocking
from vertelpunt.gateway.release import Release
from vertelpunt.gateway.release_store import ReleaseStore
from vertelpunt.gateway.settings import GatewaySettings
from vertelpunt.gateway.stories import StoryStore
from vertelpunt.gateway.waves import WaveStore
from vertelpunt.kit.auth import (
    ROLE_SECTOR_ANALYST,
    ROLE_STORYTELLER,
    ROLE_TENANT_ADMIN,
    ROLE_TENANT_ANALYST,
    AuthError,
    Principal,
)

READER_ROLES = {ROLE_STORYTELLER, ROLE_TENANT_ADMIN, ROLE_TENANT_ANALYST, ROLE_SECTOR_ANALYST}
ANALYST_ROLES = {ROLE_TENANT_ANALYST, ROLE_TENANT_ADMIN, ROLE_SECTOR_ANALYST}


@dataclass
class GatewayContext(BaseContext):
    principal: Principal | None
    auth_error: str | None
    analytics: Analytics
    stories: StoryStore
    measures: MeasureStore
    releases: ReleaseStore
    waves: WaveStore
    frameworks: FrameworkRegistry
    max_page_size: int = 100
    cell_sample_size: int = 5
    cell_sample_share: float = 0.2
    story_loader: DataLoader[str, dict[str, Any] | None] = field(init=False)

    def __post_init__(self) -> None:
        super().__init__()

        async def load(ids: list[str]) -> list[dict[str, Any] | None]:
            found = await run_blocking(self.stories.get_many, ids)  # OpenSearch off the event loop
            return [found.get(i) for i in ids]

        self.story_loader = DataLoader(load_fn=load)

    def release(self) -> Release:
        """What may be shown of individual stories right now (k-anonymous context, gateway/release.py)."""
        return self.releases.current()

    def labels(self) -> Labels:
        """Dutch labels of question, option, corner and pole ids, from the sector's framework registry."""
        return self.frameworks.labels()

    def reader(self) -> Principal:
        """Anyone with a Vertelpunt role may read anonymised stories and protected aggregates."""
        if self.principal is None:
            raise Unauthenticated(self.auth_error or "Log in om Vertelpunt te gebruiken.")
        if not self.principal.roles & READER_ROLES:
            raise Forbidden("Je account heeft geen rol in Vertelpunt.")
        return self.principal

    def analyst(self) -> Principal:
        principal = self.reader()
        if not principal.roles & ANALYST_ROLES:
            raise Forbidden("Alleen analisten kunnen maatregelen vastleggen.")
        return principal

    def sector_analyst(self) -> Principal:
        principal = self.reader()
        if ROLE_SECTOR_ANALYST not in principal.roles:
            raise Forbidden("Alleen analisten van de sector kunnen meetronden van de sector vastleggen.")
        return principal


def own_view(principal: Principal | None, settings: GatewaySettings) -> tuple[DisclosurePolicy | None, str | None]:
    """The rules for a question restricted to the caller's own municipality. Its analysts and admins see finer
    cells; its staff (storytellers, for "Mijn verhalen") the sector's cell size and denominator, without the
    three-municipality and dominance rules that one municipality can never meet. Others: the sector rules."""
    if principal is None or principal.tenant is None:
        return None, None
    if principal.roles & {ROLE_TENANT_ANALYST, ROLE_TENANT_ADMIN}:
        return DisclosurePolicy(settings.own_min_cell, 1, settings.own_min_denominator, dominance=False), \
            principal.tenant
    if ROLE_STORYTELLER in principal.roles:
        return DisclosurePolicy(settings.min_cell, 1, settings.min_denominator, dominance=False), principal.tenant
    return None, None


async def build_context(request: Request) -> GatewayContext:
    app_state = request.app.state
    settings = app_state.settings
    principal = None
    auth_error = None
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        try:
            principal = app_state.verifier.verify(header[7:].strip())
        except AuthError as error:
            auth_error = f"Je bent niet (meer) ingelogd: {error.reason}."
    own_policy, own = own_view(principal, settings)
    analytics = Analytics(
        OpenSearchBackend(app_state.opensearch, settings.alias),
        DisclosurePolicy(settings.min_cell, settings.min_tenants, settings.min_denominator), own_policy, own)
    return GatewayContext(principal, auth_error, analytics, StoryStore(app_state.opensearch, settings.alias),
                          MeasureStore(app_state.opensearch, settings.measures_index), app_state.releases,
                          WaveStore(app_state.opensearch, settings.waves_index), app_state.frameworks,
                          settings.max_page_size, cell_sample_size=settings.cell_sample_size,
                          cell_sample_share=settings.cell_sample_share)
