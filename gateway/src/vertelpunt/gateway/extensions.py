"""Strawberry extensions that guard the gateway: query cost, nesting of `similar`, introspection for signed-in
callers only, resolvers off the event loop with a timeout, and an operation timeout.

Every extension is created per request (a class or a partial, never a shared instance), so concurrent requests
never see each other's execution context.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Iterator
from typing import Any
from weakref import WeakKeyDictionary

import strawberry
from graphql import ExecutionResult as GraphQLExecutionResult
from graphql import GraphQLError, GraphQLObjectType, GraphQLResolveInfo, GraphQLSchema
from strawberry.extensions import SchemaExtension, ValidationCache
from strawberry.types import ExecutionResult

from vertelpunt.gateway.cost import analyse, expanded_size, resolver_fields
from vertelpunt.gateway.errors import BadInput, Forbidden, Timeout, TooComplex, Unauthenticated
from vertelpunt.gateway.offload import run_blocking

NESTED_SIMILAR = ("'similar' kan niet binnen een ander 'similar' (of 'similarStories') staan. Vraag de "
                  "vergelijkbare verhalen van een vergelijkbaar verhaal op in een aparte vraag.")
TOO_COSTLY = ("Deze vraag kost te veel werk: {cost} punten, het maximum is {maximum}. Vraag minder verhalen "
              "tegelijk op (een kleinere 'first') of verdeel de vraag over meer vragen.")
TOO_LARGE = ("Deze vraag is te groot: {size} velden als je de fragmenten uitschrijft, het maximum is {maximum}. "
             "Gebruik minder (geneste) fragmenten.")
OPERATION_TIMEOUT = "Deze vraag duurde te lang. Maak de vraag kleiner of probeer het later opnieuw."
_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


def _is_signed_in(context: Any) -> bool:
    return getattr(context, "principal", None) is not None


class QueryGuard(SchemaExtension):
    """Before validation: refuses a document that selects too many fields once fragments are expanded. Before
    execution: refuses nested `similar`, a cost above the limit, and introspection without a token
    (or at all when introspection is off). Without a token, validation messages lose their "Did you mean"
    hints, which would spell out the schema field by field."""

    def __init__(self, *, max_cost: int, introspection: bool, max_first: int, max_fields: int) -> None:
        self.max_cost = max_cost
        self.introspection = introspection
        self.max_first = max_first
        self.max_fields = max_fields

    def on_validate(self) -> Iterator[None]:
        # Before GraphQL's own validation, which expands fragments one by one (exponential for a fragment bomb).
        context = self.execution_context
        if context.graphql_document is not None:
            size = expanded_size(context.graphql_document)
            if size > self.max_fields:
                # Errors set before validation make Strawberry skip validation and return them.
                context.pre_execution_errors = [
                    TooComplex(TOO_LARGE.format(size=size, maximum=self.max_fields), fields=size,
                               maxFields=self.max_fields)]
        yield

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors and not _is_signed_in(self.execution_context.context):
            result.errors = [_without_suggestion(error) for error in result.errors]

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        assert context.graphql_document is not None
        schema = context.schema._schema
        analysis = analyse(schema, context.graphql_document, context.operation_name, context.variables,
                           _resolvers_of(schema), self.max_first)
        errors: list[GraphQLError] = []
        if analysis.introspection:
            if not self.introspection:
                errors.append(Forbidden("Het schema opvragen staat uit op deze server.", analysis.introspection))
            elif not _is_signed_in(context.context):
                errors.append(Unauthenticated("Log in om het schema op te vragen.", analysis.introspection))
        if analysis.nested_similar:
            errors.append(BadInput(NESTED_SIMILAR, analysis.nested_similar, limit="similar-nesting"))
        if analysis.cost > self.max_cost:
            errors.append(TooComplex(TOO_COSTLY.format(cost=analysis.cost, maximum=self.max_cost),
                                     cost=analysis.cost, maxCost=self.max_cost))
        if errors:
            context.result = GraphQLExecutionResult(data=None, errors=errors)
        yield


class GuardedValidationCache(ValidationCache):
    """Validation cached per document, but never for a document QueryGuard already refused: validating a
    fragment bomb is exactly the work the guard exists to avoid. Must come after QueryGuard."""

    def on_validate(self) -> Iterator[None]:
        if self.execution_context.pre_execution_errors:
            yield
            return
        yield from super().on_validate()


def _without_suggestion(error: GraphQLError) -> GraphQLError:
    if error.original_error is not None or "Did you mean" not in error.message:
        return error
    return GraphQLError(_SUGGESTION.sub("", error.message), nodes=error.nodes, source=error.source,
                        positions=error.positions, path=error.path, extensions=error.extensions)


_RESOLVERS: WeakKeyDictionary[GraphQLSchema, frozenset[str]] = WeakKeyDictionary()
_SYNC_RESOLVERS: WeakKeyDictionary[GraphQLSchema, frozenset[tuple[str, str]]] = WeakKeyDictionary()


def _resolvers_of(schema: GraphQLSchema) -> frozenset[str]:
    if schema not in _RESOLVERS:
        _RESOLVERS[schema] = resolver_fields(schema)
    return _RESOLVERS[schema]


def _sync_resolvers_of(schema: GraphQLSchema) -> frozenset[tuple[str, str]]:
    """(type, field) of every resolver that is a plain function, not a coroutine."""
    if schema not in _SYNC_RESOLVERS:
        found = set()
        for name in _resolvers_of(schema):
            type_name, field_name = name.split(".", 1)
            type_ = schema.type_map[type_name]
            assert isinstance(type_, GraphQLObjectType)
            definition = type_.fields[field_name].extensions["strawberry-definition"]
            if not definition.base_resolver.is_async:
                found.add((type_name, field_name))
        _SYNC_RESOLVERS[schema] = frozenset(found)
    return _SYNC_RESOLVERS[schema]


class OffloadResolvers(SchemaExtension):
    """Runs every synchronous resolver of our own (they call OpenSearch) in the worker pool, with a timeout.

    Plain fields read from a parent's result stay on the event loop: they are cheap.
    """

    def __init__(self, *, timeout: float) -> None:
        self.timeout = timeout

    def resolve(self, _next: Callable[..., Any], root: Any, info: GraphQLResolveInfo[Any], *args: Any,
                **kwargs: Any) -> Any:
        if (info.parent_type.name, info.field_name) not in _sync_resolvers_of(info.schema):
            return _next(root, info, *args, **kwargs)
        return run_blocking(_next, root, info, *args, timeout=self.timeout, **kwargs)


class GatewaySchema(strawberry.Schema):
    """A schema whose whole operation has a time limit: past it the caller gets a typed TIMEOUT error."""

    def __init__(self, *args: Any, operation_timeout: float = 20.0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.operation_timeout = operation_timeout

    async def execute(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        try:
            return await asyncio.wait_for(super().execute(*args, **kwargs), self.operation_timeout)
        except TimeoutError:
            return ExecutionResult(data=None, errors=[Timeout(OPERATION_TIMEOUT)])

