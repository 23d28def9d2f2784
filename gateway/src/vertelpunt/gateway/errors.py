"""Typed GraphQL errors: a stable code in `extensions.code` and a Dutch message a person can act on."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from graphql import GraphQLError, Node


class GatewayError(GraphQLError):
    code = "INTERNAL"

    def __init__(self, message: str, nodes: Collection[Node] | Node | None = None, **extensions: Any) -> None:
        super().__init__(message, nodes=nodes, extensions={"code": self.code, **extensions})


class Unauthenticated(GatewayError):
    code = "UNAUTHENTICATED"


class Forbidden(GatewayError):
    code = "FORBIDDEN"


class BadInput(GatewayError):
    code = "BAD_USER_INPUT"


class NotFound(GatewayError):
    code = "NOT_FOUND"


class Conflict(GatewayError):
    """The thing changed since the caller read it (optimistic concurrency); `extensions.current` says how it is
    now, so the caller can compare and try again with the new version."""

    code = "CONFLICT"


class Unavailable(GatewayError):
    code = "SERVICE_UNAVAILABLE"


class TooComplex(GatewayError):
    """The query would cost more backend work than one request may (see cost.py)."""

    code = "QUERY_TOO_COMPLEX"


class Timeout(GatewayError):
    code = "TIMEOUT"
