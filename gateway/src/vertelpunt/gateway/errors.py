"""Typed GraphQL errors: a stable code in `extensions.code` and a Dutch message a person can act on."""

from __future__ import annotations

from graphql import GraphQLError


class GatewayError(GraphQLError):
    code = "INTERNAL"

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": self.code})


class Unauthenticated(GatewayError):
    code = "UNAUTHENTICATED"


class Forbidden(GatewayError):
    code = "FORBIDDEN"


class BadInput(GatewayError):
    code = "BAD_USER_INPUT"


class NotFound(GatewayError):
    code = "NOT_FOUND"


class Unavailable(GatewayError):
    code = "SERVICE_UNAVAILABLE"
