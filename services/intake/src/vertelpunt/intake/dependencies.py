"""The composition root of the intake service and the request-edge dependencies (tenant, actor, session)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated

from fastapi import Depends, Header, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from vertelpunt.anonymisation import AnonymiserConfig
from vertelpunt.intake.actors import Actor
from vertelpunt.intake.campaigns.service import CampaignService
from vertelpunt.intake.campaigns.waves import gateway_lookup
from vertelpunt.intake.clock import Clock, system_clock
from vertelpunt.intake.database import Database, finish
from vertelpunt.intake.settings import IntakeSettings
from vertelpunt.intake.stories.service import StoryService
from vertelpunt.intake.web.oidc import forget_tokens, remember_tokens
from vertelpunt.kit.auth import AuthError, Principal, TokenVerifier
from vertelpunt.kit.logging import get_logger
from vertelpunt.kit.oidc import OidcClient, OidcError, expires_within
from vertelpunt.kit.problem import Problem
from vertelpunt.kit.ratelimit import RateLimiter
from vertelpunt.kit.web_security import IPNetwork, client_ip, parse_networks

log = get_logger(__name__)


@dataclass
class Container:
    """Everything a request needs, built once at start-up; tests build one with their own parts."""

    settings: IntakeSettings
    database: Database
    verifier: TokenVerifier
    anonymiser: AnonymiserConfig
    campaign_limiter: RateLimiter
    login: OidcClient
    # What a story records as "now" (told, submitted, withdrawn) and whether a campaign is open (clock.py).
    clock: Clock = system_clock

    def story_service(self, session: Session) -> StoryService:
        """The one place a StoryService is built: requests, the web form, jobs and operator commands."""
        return StoryService(session, self.settings.tenant_code, self.anonymiser, self.clock)

    @cached_property
    def trusted_proxies(self) -> list[IPNetwork]:
        return parse_networks(self.settings.trusted_proxies)

    def campaign_service(self, session: Session, token: str | None = None) -> CampaignService:
        """The one place a CampaignService is built. Sector waves are looked up in the sector gateway, when
        configured, with the caller's own token."""
        url = self.settings.gateway_url
        return CampaignService(session, self.settings.tenant_code, self.settings.public_url, self.anonymiser,
                               gateway_lookup(url, token) if url and token else None)


# Dependencies that neither block nor compute are `async def`: FastAPI runs every plain `def` dependency in the
# thread pool, and each such hop waits for the GIL behind busy threads. A story used to take seven hops.
def built_container(request: Request) -> Container:
    built: Container = request.app.state.container
    return built


async def container(request: Request) -> Container:
    return built_container(request)


def client_address(request: Request, c: Container) -> str:
    """The real client: X-Forwarded-For counts only when the connection comes from a trusted proxy."""
    return client_ip(request, c.trusted_proxies)


async def session(request: Request) -> AsyncIterator[Session]:
    """The request edge owns the transaction: commit after the endpoint, roll back on any error. Opening a session
    does no I/O (it connects at its first statement), so only the end of the unit runs in the thread pool."""
    unit = built_container(request).database.sessions()
    try:
        yield unit
    except BaseException:
        await run_in_threadpool(finish, unit, False)
        raise
    await run_in_threadpool(finish, unit, True)


def _bearer(authorization: str | None) -> str | None:
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return None


def _session_token(request: Request, c: Container) -> str | None:
    """The web form's access token, renewed with the refresh token shortly before it expires, so a person
    writing a long story is not logged out at submit."""
    token: str | None = request.session.get("access_token")
    refresh_token = request.session.get("refresh_token")
    if token and refresh_token and expires_within(token, c.settings.token_refresh_margin_seconds):
        try:
            remember_tokens(request.session, c.login.refresh(refresh_token))
        except OidcError as error:  # the Keycloak session ended: log in again (the draft is kept)
            log.info("token_refresh_failed", reason=str(error)[:120])
            forget_tokens(request.session)
            return None
        token = request.session.get("access_token")
    return token


def principal_from_request(request: Request, authorization: str | None) -> Principal | None:
    has_session = "session" in request.scope  # the web form logs in with a session cookie, the API with bearer
    token = _bearer(authorization)
    if token is None and has_session:
        token = _session_token(request, built_container(request))
    if not token:
        return None
    c = built_container(request)
    try:
        principal = c.verifier.verify(token)
    except AuthError as error:
        if has_session:
            forget_tokens(request.session)
        raise Problem(401, "niet-ingelogd", "Je bent niet (meer) ingelogd.", error.reason) from None
    if principal.tenant != c.settings.tenant_code:
        # A token of another municipality (or of the sector) never reaches this municipality's stories.
        raise Problem(403, "andere-gemeente", "Je hoort bij een andere gemeente.",
                      f"Deze dienst is van {c.settings.tenant_name} ({c.settings.tenant_code}).")
    return principal


def caller_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> str | None:
    """The caller's own access token (bearer or web session), to ask the sector gateway on their behalf."""
    token = _bearer(authorization)
    if token is None and "session" in request.scope:
        session_token = request.session.get("access_token")
        token = session_token if isinstance(session_token, str) else None
    return token


def optional_actor(request: Request, authorization: Annotated[str | None, Header()] = None) -> Actor | None:
    principal = principal_from_request(request, authorization)
    if principal is None:
        return None
    return Actor(subject=principal.subject, name=principal.username, roles=principal.roles)


async def required_actor(actor: Annotated[Actor | None, Depends(optional_actor)]) -> Actor:
    if actor is None:
        raise Problem(401, "niet-ingelogd", "Log in om verder te gaan.")
    return actor


# scope="function": commit before the response is sent, so a client that reads right after a write sees it.
SessionDep = Annotated[Session, Depends(session, scope="function")]
ContainerDep = Annotated[Container, Depends(container)]


async def request_story_service(unit: SessionDep, c: ContainerDep) -> StoryService:
    return c.story_service(unit)


StoriesDep = Annotated[StoryService, Depends(request_story_service)]
ActorDep = Annotated[Actor, Depends(required_actor)]
OptionalActorDep = Annotated[Actor | None, Depends(optional_actor)]
TokenDep = Annotated[str | None, Depends(caller_token)]
