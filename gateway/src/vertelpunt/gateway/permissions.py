"""Who may call what, declared on each field (`permission_classes=[...]`) so a reader of the schema sees it
without reading resolver bodies. The checks raise the gateway's typed errors (UNAUTHENTICATED, FORBIDDEN)."""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission
from strawberry.types import Info

from vertelpunt.gateway.errors import Forbidden, NotFound
from vertelpunt.kit.auth import ROLE_SECTOR_ANALYST


class IsReader(BasePermission):
    """Any Vertelpunt role: anonymised stories and protected aggregates."""

    message = "Log in om Vertelpunt te gebruiken."

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        info.context.reader()
        return True


class IsAnalyst(BasePermission):
    """Tenant analysts and admins, sector analysts: recording measures."""

    message = "Alleen analisten kunnen maatregelen vastleggen."

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        info.context.analyst()
        return True


class IsSectorAnalyst(BasePermission):
    """Sector analysts only: defining the sector's listening waves (meetronden)."""

    message = "Alleen analisten van de sector kunnen meetronden van de sector vastleggen."

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        info.context.sector_analyst()
        return True


class MayChangeMeasure(BasePermission):
    """Changing or removing the measure `id`: sector analysts for sector-wide measures, the analysts (and admins)
    of a municipality for that municipality's own. Anyone else gets FORBIDDEN; a measure that does not exist (or
    was removed) NOT_FOUND."""

    message = "Je mag deze maatregel niet wijzigen."

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        principal = info.context.analyst()
        measure = info.context.measures.get(str(kwargs.get("id", "")))
        if measure is None:
            raise NotFound("Deze maatregel bestaat niet (meer).")
        if measure.municipality is None and ROLE_SECTOR_ANALYST not in principal.roles:
            raise Forbidden("Alleen sectoranalisten wijzigen maatregelen voor de hele sector.")
        if measure.municipality is not None and measure.municipality != principal.tenant:
            raise Forbidden("Je kunt alleen maatregelen van je eigen gemeente wijzigen.")
        return True
