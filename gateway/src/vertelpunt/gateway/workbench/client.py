"""The gateway's own GraphQL schema, executed in-process for the signed-in person: the same resolvers, limits and
disclosure rules as any caller of /graphql, without an HTTP round trip."""

from __future__ import annotations

from typing import Any

import strawberry
from fastapi import Request
from graphql import GraphQLError

from vertelpunt.gateway.context import build_context


class LoginNeeded(Exception):
    """The token is missing or no longer valid: send the person to the login."""


class QueryFailed(Exception):
    """The gateway refused or could not answer; `message` is Dutch and meant for the person."""

    def __init__(self, message: str, status: int, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code


STATUS = {"BAD_USER_INPUT": 400, "FORBIDDEN": 403, "NOT_FOUND": 404, "CONFLICT": 409, "QUERY_TOO_COMPLEX": 400,
          "TIMEOUT": 504, "SERVICE_UNAVAILABLE": 503}


def schema_of(request: Request) -> strawberry.Schema:
    """The gateway's schema, built once per app with the app's settings (same extensions as /graphql)."""
    state = request.app.state
    schema: strawberry.Schema | None = getattr(state, "werkplaats_schema", None)
    if schema is None:
        from vertelpunt.gateway.app import build_schema  # the app module imports this package

        schema = build_schema(state.settings)
        state.werkplaats_schema = schema
    return schema


def _as_caller(request: Request, access_token: str) -> Request:
    """The same request with the session's token as bearer, so build_context verifies it like any other."""
    headers = [(k, v) for k, v in request.scope["headers"] if k.lower() != b"authorization"]
    headers.append((b"authorization", f"Bearer {access_token}".encode()))
    return Request({**request.scope, "headers": headers})


async def run(request: Request, access_token: str, document: str, **variables: Any) -> dict[str, Any]:
    context = await build_context(_as_caller(request, access_token))
    result = await schema_of(request).execute(document, variable_values=variables, context_value=context)
    if result.errors:
        raise _failure(result.errors[0])
    assert result.data is not None
    return dict(result.data)


def _failure(error: GraphQLError) -> Exception:
    code = str((error.extensions or {}).get("code", "INTERNAL"))
    if code == "UNAUTHENTICATED":
        return LoginNeeded(error.message)
    return QueryFailed(error.message, STATUS.get(code, 502), code)
