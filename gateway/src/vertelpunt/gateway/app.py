"""The GraphQL gateway: Strawberry on FastAPI, with query limits, error masking and health/metrics."""

from __future__ import annotations

from pathlib import Path

import strawberry
from fastapi import FastAPI
from graphql import GraphQLError
from opensearchpy import OpenSearch
from strawberry.extensions import (
    DisableIntrospection,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
)
from strawberry.fastapi import GraphQLRouter

from vertelpunt.gateway.backend import OpenSearchBackend
from vertelpunt.gateway.context import build_context
from vertelpunt.gateway.disclosure import DisclosurePolicy
from vertelpunt.gateway.errors import GatewayError
from vertelpunt.gateway.release_store import ReleaseStore
from vertelpunt.gateway.schema import Mutation, Query
from vertelpunt.gateway.settings import GatewaySettings
from vertelpunt.kit.auth import TokenVerifier
from vertelpunt.kit.observability import install_observability

SCHEMA_FILE = Path(__file__).resolve().parents[3] / "schema.graphql"


def _should_mask(error: GraphQLError) -> bool:
    # Our typed errors and GraphQL's own validation errors explain themselves; anything else is a bug.
    original = error.original_error
    return original is not None and not isinstance(original, GatewayError)


def build_schema(settings: GatewaySettings) -> strawberry.Schema:
    extensions: list = [  # type: ignore[type-arg]
        QueryDepthLimiter(max_depth=settings.max_query_depth),
        MaxAliasesLimiter(max_alias_count=settings.max_aliases),
        MaxTokensLimiter(max_token_count=settings.max_tokens),
    ]
    if settings.mask_errors:
        extensions.append(MaskErrors(should_mask_error=_should_mask,
                                     error_message="Er ging iets mis aan onze kant. Probeer het later opnieuw."))
    if not settings.introspection:
        extensions.append(DisableIntrospection())
    return strawberry.Schema(query=Query, mutation=Mutation, extensions=extensions)


def create_app(settings: GatewaySettings | None = None) -> FastAPI:
    settings = settings or GatewaySettings()
    app = FastAPI(title="Vertelpunt sector gateway", version="1.0.0",
                  description="GraphQL over geanonimiseerde verhalen van de hele sector.")
    app.state.settings = settings
    app.state.opensearch = OpenSearch(hosts=[settings.opensearch_url], timeout=30)
    app.state.releases = ReleaseStore(
        OpenSearchBackend(app.state.opensearch, settings.alias),
        DisclosurePolicy(settings.min_cell, settings.min_tenants, settings.min_denominator),
        settings.release_max_outliers, settings.release_ttl_seconds)
    app.state.verifier = TokenVerifier(issuer=settings.issuer, audience=settings.client_id)
    router: GraphQLRouter = GraphQLRouter(build_schema(settings), context_getter=build_context,
                                          graphql_ide="graphiql" if settings.introspection else None)
    app.include_router(router, prefix="/graphql")
    install_observability(app, "gateway", {"opensearch": lambda: bool(app.state.opensearch.ping())})
    return app
