"""Who may call what, declared on each field (`permission_classes=[...]`) so a reader of the schema sees it
without reading resolver bodies. The checks raise the gateway's typed errors (UNAUTHENTICATED, FORBIDDEN)."""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission
from strawberry.types import Info


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
