"""The gateway's web edges: problem+json for every malformed request, body size and JSON nesting limits,
security headers, a guarded /metrics, and GraphiQL served from the gateway itself (never from a CDN)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cross_web import HTTPException as StrawberryHTTPException  # what strawberry's views raise
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.routing import APIWebSocketRoute
from fastapi.staticfiles import StaticFiles
from strawberry.fastapi import GraphQLRouter

from vertelpunt.gateway.settings import GatewaySettings
from vertelpunt.kit.logging import get_logger
from vertelpunt.kit.problem import install_problem_handlers, problem_response
from vertelpunt.kit.web_security import (
    TokenGuardMiddleware,
    build_csp,
    install_web_security,
    json_depth,
)

log = get_logger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
GRAPHIQL_DIR = STATIC_DIR / "graphiql"
VENDOR_FILES = ("react.production.min.js", "react-dom.production.min.js", "graphiql.min.js", "graphiql.min.css")
STATIC_PREFIX = "/static"

# Strawberry's own (English) reasons for a refused request, in Dutch.
REASONS_NL = {
    "Unsupported content type": "Stuur de vraag als JSON (Content-Type: application/json).",
    "No GraphQL query found in the request": "Er staat geen GraphQL-vraag in het verzoek.",
    "Batching is not enabled": "Stuur één vraag per verzoek.",
    "mutations are not allowed when using GET": "Wijzigingen gaan alleen met POST.",
}


class GatewayRouter(GraphQLRouter):
    """Strawberry's router with our edges: JSON must be an object of bounded depth, every refused request is
    problem+json in Dutch, and GraphiQL comes from our own static files."""

    max_json_depth = 32

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The schema has no subscriptions: no WebSocket transport at all (one less parser facing the internet).
        self.routes = [route for route in self.routes if not isinstance(route, APIWebSocketRoute)]

    def decode_json(self, data: str | bytes) -> object:
        raw = data.encode() if isinstance(data, str) else data
        if json_depth(raw) > self.max_json_depth:
            raise StrawberryHTTPException(400, f"De JSON is te diep genest (maximaal {self.max_json_depth}).")
        try:
            value = json.loads(raw)
        except ValueError:  # also bytes that are not UTF-8
            raise StrawberryHTTPException(400, "Dit is geen geldige JSON.") from None
        if not isinstance(value, dict | list):
            raise StrawberryHTTPException(400, "Stuur een JSON-object met 'query' en eventueel 'variables'.")
        return value

    async def run(self, request: Any, context: Any = None, root_value: Any = None) -> Any:
        try:
            return await super().run(request, context=context, root_value=root_value)
        except StrawberryHTTPException as error:
            if request.scope["type"] != "http":
                raise
            detail = REASONS_NL.get(error.reason, error.reason)
            return problem_response(error.status_code, "ongeldig-graphql-verzoek",
                                    "Dit GraphQL-verzoek kunnen we niet lezen.", detail, request.url.path)

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        return HTMLResponse(graphiql_html(), headers={"Cache-Control": "no-store",
                                                      "Content-Security-Policy": GRAPHIQL_CSP})


def graphiql_html() -> str:
    assets = f"{STATIC_PREFIX}/graphiql"
    return f"""<!doctype html>
<html lang="nl">
  <head>
    <meta charset="utf-8">
    <title>Vertelpunt GraphQL-verkenner</title>
    <link rel="stylesheet" href="{assets}/vendor/graphiql.min.css">
    <link rel="stylesheet" href="{assets}/vertelpunt.css">
  </head>
  <body>
    <div id="graphiql">GraphiQL wordt geladen…</div>
    <script src="{assets}/vendor/react.production.min.js"></script>
    <script src="{assets}/vendor/react-dom.production.min.js"></script>
    <script src="{assets}/vendor/graphiql.min.js"></script>
    <script src="{assets}/start.js"></script>
  </body>
</html>
"""


def graphiql_installed() -> bool:
    return all((GRAPHIQL_DIR / "vendor" / name).is_file() for name in VENDOR_FILES)


# The GraphiQL page (and only that page) gets this policy: scripts, styles and fetch from 'self' only; its
# editors set inline styles and its icons are data: URIs. Every other response keeps the strict default.
GRAPHIQL_CSP = build_csp(style_src=("'self'", "'unsafe-inline'"), img_src=("'self'", "data:"),
                         font_src=("'self'", "data:"), worker_src=("'self'", "blob:"))


def install_edges(app: FastAPI, settings: GatewaySettings) -> None:
    """Problem handlers, the static GraphiQL files (when introspection is on), the /metrics guard, the body
    limits and the security headers (outermost, so even a 413 carries them)."""
    install_problem_handlers(app)
    if settings.introspection:
        if not graphiql_installed():
            log.warning("graphiql_assets_missing", folder=str(GRAPHIQL_DIR / "vendor"),
                        fix="run scripts/bootstrap.sh (npm ci in gateway/web)")
        app.mount(STATIC_PREFIX, StaticFiles(directory=STATIC_DIR, check_dir=False), name="static")
    app.add_middleware(TokenGuardMiddleware,
                       token=settings.metrics_token.get_secret_value() if settings.metrics_token else None)
    install_web_security(
        app, max_bytes=settings.max_body_bytes, max_json_depth=settings.max_json_depth,
        cache_control=[("/graphql", "no-store"), ("/metrics", "no-store")])

