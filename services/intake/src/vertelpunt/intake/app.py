"""The intake service of one municipality: REST API, web form, health and metrics."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import cast
from urllib.parse import urlsplit

import uvicorn
from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from sqlalchemy import text
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.sessions import SessionMiddleware

from vertelpunt.anonymisation import AnonymiserConfig
from vertelpunt.anonymisation import warm_up as warm_up_anonymiser
from vertelpunt.intake.campaigns.endpoints import router as campaigns_router
from vertelpunt.intake.database import Database
from vertelpunt.intake.dependencies import Container
from vertelpunt.intake.exchange.endpoints import router as exchange_router
from vertelpunt.intake.frameworks.endpoints import router as framework_router
from vertelpunt.intake.settings import IntakeSettings
from vertelpunt.intake.stories.endpoints import keyed as keyed_router
from vertelpunt.intake.stories.endpoints import router as stories_router
from vertelpunt.intake.text import FORBIDDEN_CHARACTERS_ERROR, catalogue, field_label, refused_character
from vertelpunt.intake.web.endpoints import render_error
from vertelpunt.intake.web.endpoints import router as web_router
from vertelpunt.intake.web.followup import router as followup_router
from vertelpunt.intake.web.oidc import login_client
from vertelpunt.intake.web.reflection import router as reflection_router
from vertelpunt.kit.api_rules import AdrHttpMiddleware, ApiContact, adr_openapi
from vertelpunt.kit.auth import TokenVerifier
from vertelpunt.kit.db import make_engine
from vertelpunt.kit.heap import freeze_startup_objects
from vertelpunt.kit.logging import get_logger
from vertelpunt.kit.observability import install_observability
from vertelpunt.kit.problem import Problem, install_problem_handlers, problem_response
from vertelpunt.kit.ratelimit import RateLimiter
from vertelpunt.kit.web_security import TokenGuardMiddleware, build_csp, install_web_security

API_VERSION = "1.0.0"
API_PREFIX = "/api/v1"
OPENAPI_URL = f"{API_PREFIX}/openapi.json"
SESSION_MAX_AGE = 12 * 3600  # one working day; Keycloak's own session usually ends sooner
log = get_logger(__name__)


def content_security_policies(settings: IntakeSettings) -> tuple[str, str]:
    """The policy of every page, and of the API documentation page (Swagger UI from its CDN, started by an
    inline script). A form may be sent on to Keycloak: a form posted after the session ended is redirected to
    the login, and browsers hold redirects of a form to `form-action` too."""
    parts = urlsplit(settings.keycloak_url)
    form_action = ("'self'", f"{parts.scheme}://{parts.netloc}")
    docs = build_csp(form_action=form_action, script_src=("'self'", "'unsafe-inline'", "https://cdn.jsdelivr.net"),
                     style_src=("'self'", "https://cdn.jsdelivr.net"),
                     img_src=("'self'", "data:", "https://fastapi.tiangolo.com"))
    return build_csp(form_action=form_action), docs


def build_container(settings: IntakeSettings) -> Container:
    return Container(
        settings=settings,
        database=Database(make_engine(settings.database_url)),
        verifier=TokenVerifier(issuer=settings.issuer, audience=settings.audience),
        anonymiser=AnonymiserConfig(case_number_patterns=tuple(settings.case_number_patterns)),
        campaign_limiter=RateLimiter(settings.campaign_rate_limit_per_minute),
        login=login_client(settings),
    )


def run_retention(c: Container) -> int:
    with c.database.unit_of_work() as session:
        removed = c.story_service(session).apply_retention(c.settings.retention_months)
    if removed:
        log.info("retention_applied", removed=removed, months=c.settings.retention_months)
    return removed


def stop_sharing(c: Container) -> int:
    """Offboarding: withdraw every shared story from the sector (a StoryWithdrawn each, through the outbox, which
    the relay publishes); the municipality keeps its stories. Returns how many were withdrawn."""
    with c.database.unit_of_work() as session:
        withdrawn = len(c.story_service(session).withdraw_all_shared())
    log.info("sharing_stopped", withdrawn=withdrawn)
    return withdrawn


async def _retention_loop(c: Container) -> None:
    while True:
        try:
            await asyncio.to_thread(run_retention, c)
        except Exception:
            log.exception("retention_failed")
        await asyncio.sleep(c.settings.retention_check_seconds)


def create_app(settings: IntakeSettings | None = None, container: Container | None = None) -> FastAPI:
    c = container or build_container(settings or IntakeSettings())

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # The anonymiser's word lists take seconds to build: build them before the first story, not during it.
        await asyncio.to_thread(warm_up_anonymiser)
        task = asyncio.create_task(_retention_loop(c))
        yield
        task.cancel()
        if container is None:  # the app built its database: close its pooled connections with it
            c.database.engine.dispose()

    app = FastAPI(
        title=f"Vertelpunt intake {c.settings.tenant_name} ({c.settings.tenant_code})",
        version=API_VERSION,
        description="Verhalen vertellen en duiden. Ruwe verhalen blijven bij de gemeente.",
        lifespan=lifespan,
        openapi_url=OPENAPI_URL,
        docs_url="/api/v1/docs",
    )
    app.state.container = c
    # OpenAPI 3.0 that follows the Dutch API Design Rules (servers, contact, API-Version, problem+json 400).
    adr_openapi(app, prefix=API_PREFIX, server_url=c.settings.public_url,
                contact=ApiContact(name=f"Vertelpunt {c.settings.tenant_name}", email=c.settings.api_contact_email,
                                   url=c.settings.public_url))
    install_problem_handlers(app)

    @app.exception_handler(Problem)
    async def _problem_for_people(request: Request, exc: Problem) -> Response:
        """The API answers problem+json; a person in the browser gets the same message as a page."""
        if request.url.path.startswith("/api/"):
            return problem_response(exc.status, exc.type, exc.title, exc.detail, request.url.path, **exc.extensions)
        return render_error(request, exc.status, exc.title if not exc.detail else f"{exc.title} {exc.detail}")

    kit_validation_problem = cast(Callable[[Request, Exception], Awaitable[Response]],
                                  app.exception_handlers[RequestValidationError])

    @app.exception_handler(RequestValidationError)
    async def _invalid_input(request: Request, exc: RequestValidationError) -> Response:
        """Forbidden characters are named field by field in Dutch; a person in the browser gets a page."""
        refused = [(e, character) for e in exc.errors() if (character := refused_character(e)) is not None]
        params = [{"name": ".".join(str(p) for p in e["loc"]), "code": FORBIDDEN_CHARACTERS_ERROR,
                   "reason": catalogue.text("input.forbidden", field=field_label(e["loc"]), character=character)}
                  for e, character in refused]
        if not request.url.path.startswith("/api/"):
            return render_error(request, 400, params[0]["reason"] if params else catalogue.text("input.invalid"))
        if not refused:
            return await kit_validation_problem(request, exc)
        return problem_response(400, "verboden-tekens", catalogue.text("input.forbidden.title"), params[0]["reason"],
                                request.url.path, invalidParams=params)

    def database_ready() -> bool:
        with c.database.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True

    install_observability(app, f"intake-{c.settings.tenant_code}", {"database": database_ready})

    # /metrics on the service port only with the configured bearer token (none configured: not served here).
    metrics_token = c.settings.metrics_token
    app.add_middleware(TokenGuardMiddleware, token=metrics_token.get_secret_value() if metrics_token else None)
    app.add_middleware(SessionMiddleware, secret_key=c.settings.session_secret, session_cookie="vertelpunt_sessie",
                       max_age=SESSION_MAX_AGE, same_site="lax", https_only=c.settings.https)
    # Outermost: security headers on every answer (also the limit's own 413/400); raw stories and the form
    # pages are never stored by a browser or proxy cache, only the static files are.
    csp, docs_csp = content_security_policies(c.settings)
    install_web_security(app, max_bytes=c.settings.max_body_bytes, max_json_depth=c.settings.max_json_depth,
                         cache_control=(("/", "no-store"), ("/static", "public, max-age=3600")),
                         csp=csp, csp_by_path=(("/api/v1/docs", docs_csp),),
                         strict_transport_security="max-age=31536000" if c.settings.https else None)
    # The municipality's own sites may call the API from the browser (preflight answered here); others not.
    app.add_middleware(CORSMiddleware, allow_origins=c.settings.cors_origins, allow_credentials=False,
                       allow_methods=["GET", "POST", "PATCH", "DELETE"],
                       allow_headers=["Authorization", "Content-Type", "X-Access-Purpose", "X-Review-Token"],
                       expose_headers=["API-Version", "Location"], max_age=600)
    # Outermost of all: API-Version on every answer, trailing slash 404 (never a redirect), 415 for non-JSON.
    app.add_middleware(AdrHttpMiddleware, prefix=API_PREFIX, version=API_VERSION, openapi_url=OPENAPI_URL)
    app.include_router(framework_router)
    app.include_router(stories_router)
    app.include_router(keyed_router)
    app.include_router(campaigns_router)
    app.include_router(exchange_router)
    app.include_router(web_router)
    app.include_router(followup_router)
    app.include_router(reflection_router)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "web" / "static"), name="static")
    return app


def served_app(settings: IntakeSettings | None = None) -> FastAPI:
    """The app as `serve` runs it in each worker process: the anonymiser's word lists are built and the start-up
    heap is frozen (kit/heap.py: no 100 ms garbage-collector pauses in requests) before the first request."""
    warm_up_anonymiser()
    app = create_app(settings)
    freeze_startup_objects()
    return app


def http_server(settings: IntakeSettings, app: FastAPI | None = None) -> uvicorn.Server:
    """The HTTP server as `serve` runs it. Uvicorn does not read forwarded headers (it would believe them from
    127.0.0.1 by default): the application does, and only from the configured trusted proxies."""
    config = uvicorn.Config(app or create_app(settings), host=settings.host, port=settings.port,
                            log_level="warning", proxy_headers=False, server_header=False)
    return uvicorn.Server(config)

