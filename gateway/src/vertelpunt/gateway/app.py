"""The GraphQL gateway: Strawberry on FastAPI, with query limits and cost control, error masking, hardened web
edges (security.py) and health/metrics."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from functools import cache, partial
from pathlib import Path

import strawberry
from fastapi import FastAPI
from graphql import ASTValidationRule, GraphQLError
from opensearchpy import OpenSearch
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxTokensLimiter,
    ParserCache,
)
from strawberry.extensions.max_aliases import create_validator as alias_validator
from strawberry.extensions.query_depth_limiter import create_validator as depth_validator

from vertelpunt.gateway import offload, workbench
from vertelpunt.gateway.backend import OpenSearchBackend
from vertelpunt.gateway.context import build_context
from vertelpunt.gateway.disclosure import DisclosurePolicy
from vertelpunt.gateway.errors import GatewayError
from vertelpunt.gateway.extensions import GatewaySchema, GuardedValidationCache, OffloadResolvers, QueryGuard
from vertelpunt.gateway.frameworks import FrameworkRegistry
from vertelpunt.gateway.release_store import ReleaseStore
from vertelpunt.gateway.schema import Mutation, Query
from vertelpunt.gateway.security import GatewayRouter, install_edges
from vertelpunt.gateway.settings import GatewaySettings
from vertelpunt.gateway.workbench import report_output
from vertelpunt.kit.auth import TokenVerifier
from vertelpunt.kit.observability import install_observability

SCHEMA_FILE = Path(__file__).resolve().parents[3] / "schema.graphql"


def _should_mask(error: GraphQLError) -> bool:
    # Our typed errors and GraphQL's own validation errors explain themselves; anything else is a bug.
    original = error.original_error
    return original is not None and not isinstance(original, GatewayError)


@cache
def depth_limit(max_depth: int) -> type[ASTValidationRule]:
    return depth_validator(max_depth, None)


@cache
def alias_limit(max_aliases: int) -> type[ASTValidationRule]:
    return alias_validator(max_aliases)


def build_schema(settings: GatewaySettings) -> strawberry.Schema:
    # Factories, not instances: Strawberry then makes fresh extensions per request, so concurrent requests never
    # share (and overwrite) one execution context.
    extensions: list = [  # type: ignore[type-arg]
        # Clients send the same few documents again and again: parse each once (bounded cache).
        partial(ParserCache, maxsize=512),
        # The depth and alias rules as classes built once: Strawberry's QueryDepthLimiter and MaxAliasesLimiter
        # build a new rule class per request, which made every validation-cache key unique (a miss every time).
        partial(AddValidationRules, [depth_limit(settings.max_query_depth), alias_limit(settings.max_aliases)]),
        partial(MaxTokensLimiter, max_token_count=settings.max_tokens),
        partial(QueryGuard, max_cost=settings.max_query_cost, introspection=settings.introspection,
                max_first=settings.max_page_size, max_fields=settings.max_tokens),
        # After QueryGuard: a document the guard refused is never validated (extensions.py).
        partial(GuardedValidationCache, maxsize=512),
        partial(OffloadResolvers, timeout=settings.resolver_timeout_seconds),
    ]
    if settings.mask_errors:
        extensions.append(partial(MaskErrors, should_mask_error=_should_mask,
                                  error_message="Er ging iets mis aan onze kant. Probeer het later opnieuw."))
    schema: strawberry.Schema = GatewaySchema(query=Query, mutation=Mutation, extensions=extensions,
                                              operation_timeout=settings.operation_timeout_seconds)
    return schema


def create_app(settings: GatewaySettings | None = None) -> FastAPI:
    settings = settings or GatewaySettings()

    @contextlib.asynccontextmanager
    async def lifespan(started: FastAPI) -> AsyncIterator[None]:
        # The report page's first plot would otherwise start the plot engine (1-2 s); in the background, so the
        # gateway is ready at once.
        started.state.plot_warm_up = report_output.warm_up_in_background() if settings.werkplaats_enabled else None
        yield

    app = FastAPI(title="Vertelpunt sector gateway", version="1.0.0",
                  description="GraphQL over geanonimiseerde verhalen van de hele sector.",
                  docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.settings = settings
    offload.configure(settings.resolver_threads)
    app.state.opensearch = OpenSearch(hosts=[settings.opensearch_url], timeout=settings.resolver_timeout_seconds)
    app.state.releases = ReleaseStore(
        OpenSearchBackend(app.state.opensearch, settings.alias),
        DisclosurePolicy(settings.min_cell, settings.min_tenants, settings.min_denominator),
        settings.release_max_outliers, settings.release_ttl_seconds)
    app.state.frameworks = FrameworkRegistry(app.state.opensearch, settings.frameworks_index,
                                             settings.frameworks_ttl_seconds)
    app.state.verifier = TokenVerifier(issuer=settings.issuer, audience=settings.client_id,
                                       leeway_seconds=settings.token_leeway_seconds)
    router = GatewayRouter(build_schema(settings), context_getter=build_context,
                           graphql_ide="graphiql" if settings.introspection else None, subscription_protocols=())
    router.max_json_depth = settings.max_json_depth
    app.include_router(router, prefix="/graphql")
    if settings.werkplaats_enabled:
        app.include_router(workbench.router, prefix=workbench.PREFIX)
        app.mount(f"{workbench.PREFIX}/static", workbench.static_files(), name="werkplaats-static")
    install_observability(app, "gateway", {"opensearch": lambda: bool(app.state.opensearch.ping())})
    install_edges(app, settings)
    return app
