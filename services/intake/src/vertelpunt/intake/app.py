"""The intake service of one municipality: REST API, web form, health and metrics."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import text
from starlette.middleware.sessions import SessionMiddleware

from vertelpunt.anonymisation import AnonymiserConfig
from vertelpunt.intake.campaigns.endpoints import router as campaigns_router
from vertelpunt.intake.database import Database
from vertelpunt.intake.dependencies import Container
from vertelpunt.intake.frameworks.endpoints import router as framework_router
from vertelpunt.intake.settings import IntakeSettings
from vertelpunt.intake.stories.endpoints import router as stories_router
from vertelpunt.intake.stories.service import StoryService
from vertelpunt.intake.web.endpoints import render_error
from vertelpunt.intake.web.endpoints import router as web_router
from vertelpunt.kit.auth import TokenVerifier
from vertelpunt.kit.db import make_engine
from vertelpunt.kit.logging import get_logger
from vertelpunt.kit.observability import install_observability
from vertelpunt.kit.problem import Problem, install_problem_handlers, problem_response
from vertelpunt.kit.ratelimit import RateLimiter

API_VERSION = "1.0.0"
log = get_logger(__name__)


def build_container(settings: IntakeSettings) -> Container:
    return Container(
        settings=settings,
        database=Database(make_engine(settings.database_url)),
        verifier=TokenVerifier(issuer=settings.issuer, audience=settings.audience),
        anonymiser=AnonymiserConfig(case_number_patterns=tuple(settings.case_number_patterns)),
        campaign_limiter=RateLimiter(settings.campaign_rate_limit_per_minute),
    )


def run_retention(c: Container) -> int:
    with c.database.unit_of_work() as session:
        removed = StoryService(session, c.settings.tenant_code, c.anonymiser).apply_retention(
            c.settings.retention_months)
    if removed:
        log.info("retention_applied", removed=removed, months=c.settings.retention_months)
    return removed


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
        task = asyncio.create_task(_retention_loop(c))
        yield
        task.cancel()

    app = FastAPI(
        title=f"Vertelpunt intake {c.settings.tenant_name} ({c.settings.tenant_code})",
        version=API_VERSION,
        description="Verhalen vertellen en duiden. Ruwe verhalen blijven bij de gemeente.",
        lifespan=lifespan,
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/v1/docs",
    )
    app.state.container = c
    install_problem_handlers(app)

    @app.exception_handler(Problem)
    async def _problem_for_people(request: Request, exc: Problem) -> Response:
        """The API answers problem+json; a person in the browser gets the same message as a page."""
        if request.url.path.startswith("/api/"):
            return problem_response(exc.status, exc.type, exc.title, exc.detail, request.url.path, **exc.extensions)
        return render_error(request, exc.status, exc.title if not exc.detail else f"{exc.title} {exc.detail}")

    def database_ready() -> bool:
        with c.database.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True

    install_observability(app, f"intake-{c.settings.tenant_code}", {"database": database_ready})

    @app.middleware("http")
    async def api_version_header(request: Request, call_next):  # type: ignore[no-untyped-def]
        response: Response = await call_next(request)
        response.headers["API-Version"] = API_VERSION
        return response

    app.add_middleware(SessionMiddleware, secret_key=c.settings.session_secret, session_cookie="vertelpunt_sessie",
                       same_site="lax", https_only=c.settings.public_url.startswith("https"))
    app.include_router(framework_router)
    app.include_router(stories_router)
    app.include_router(campaigns_router)
    app.include_router(web_router)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "web" / "static"), name="static")
    return app
