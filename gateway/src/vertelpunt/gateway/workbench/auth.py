"""Who is using the workbench: login through Keycloak in the browser (authorization code with PKCE), silent
refresh of the access token, RP-initiated logout, and the `Visit` every page gets.

Tokens are verified by the gateway's own TokenVerifier, and every query runs with them (client.py), so the
workbench can show nothing a person could not ask the GraphQL API for with the same login.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from vertelpunt.gateway.context import ANALYST_ROLES, READER_ROLES
from vertelpunt.gateway.settings import GatewaySettings
from vertelpunt.gateway.workbench import session as sessions
from vertelpunt.gateway.workbench.text import catalogue
from vertelpunt.gateway.workbench.web import error_page, redirect, save_session
from vertelpunt.kit.auth import ROLE_SECTOR_ANALYST, AuthError, Principal
from vertelpunt.kit.oidc import OidcClient, OidcError, expires_within, local_path, new_verifier

REFRESH_BEFORE_SECONDS = 30
HOME = f"{sessions.BASE}/"
router = APIRouter()


def oidc(settings: GatewaySettings) -> OidcClient:
    return OidcClient(settings.issuer, settings.werkplaats_client_id,
                      f"{settings.public_url.rstrip('/')}{sessions.BASE}/auth/callback")


@dataclass
class Visit:
    """One request of one person: the session, and who they are (None when not signed in)."""

    request: Request
    session: sessions.Session
    principal: Principal | None

    @property
    def token(self) -> str:
        return str(self.session.get("access_token", ""))

    @property
    def may_read(self) -> bool:
        return self.principal is not None and bool(self.principal.roles & READER_ROLES)

    @property
    def is_analyst(self) -> bool:
        return self.principal is not None and bool(self.principal.roles & ANALYST_ROLES)

    @property
    def is_sector_analyst(self) -> bool:
        return self.principal is not None and ROLE_SECTOR_ANALYST in self.principal.roles

    def login_url(self) -> str:
        target = self.request.url.path + (f"?{self.request.url.query}" if self.request.url.query else "")
        return f"{sessions.BASE}/inloggen?{urlencode({'next': target})}"


async def visit(request: Request) -> Visit:
    settings: GatewaySettings = request.app.state.settings
    session = sessions.load(request, settings.session_secret)
    token = session.get("access_token")
    if not token:
        return Visit(request, session, None)
    if expires_within(token, REFRESH_BEFORE_SECONDS) and session.get("refresh_token"):
        try:
            tokens = await run_in_threadpool(oidc(settings).refresh, session.get("refresh_token"))
        except OidcError:
            session.clear()
            return Visit(request, session, None)
        _remember(session, tokens)
        token = tokens["access_token"]
    try:
        principal = await run_in_threadpool(request.app.state.verifier.verify, token)
    except AuthError:
        session.clear()
        return Visit(request, session, None)
    return Visit(request, session, principal)


VisitDep = Annotated[Visit, Depends(visit)]


def _remember(session: sessions.Session, tokens: dict[str, Any]) -> None:
    session.update(**{name: tokens[name] for name in ("access_token", "refresh_token") if tokens.get(name)})


@router.get("/inloggen")
def login(request: Request, next: str = HOME) -> Response:
    settings: GatewaySettings = request.app.state.settings
    session = sessions.load(request, settings.session_secret)
    verifier, state = new_verifier(), secrets.token_urlsafe(16)
    session.update(pkce=verifier, state=state, next=_inside(next))
    return save_session(RedirectResponse(oidc(settings).authorization_url(state, verifier), status_code=302),
                        request, session)


def _inside(target: str) -> str:
    """Only a path inside the workbench: never an open redirect."""
    path = local_path(target, HOME)
    return path if path == sessions.BASE or path.startswith(f"{sessions.BASE}/") else HOME


@router.get("/auth/callback")
async def callback(request: Request, code: str = "", state: str = "") -> Response:
    settings: GatewaySettings = request.app.state.settings
    session = sessions.load(request, settings.session_secret)
    expected, verifier, target = session.pop("state"), session.pop("pkce", ""), session.pop("next", HOME)
    if not code or not state or not expected or not secrets.compare_digest(state, expected):
        return error_page(request, session, 400, catalogue.text("login.failed"))
    try:
        tokens = await run_in_threadpool(oidc(settings).exchange_code, code, verifier)
    except OidcError:
        return error_page(request, session, 400, catalogue.text("login.failed"))
    session.clear()
    _remember(session, tokens)
    response = redirect(request, session, _inside(target))
    if tokens.get("id_token"):
        response.set_cookie(sessions.ID_TOKEN_COOKIE, tokens["id_token"], path=sessions.LOGOUT_PATH, httponly=True,
                            samesite="lax", secure=settings.https)
    return response


@router.post("/uitloggen")
def logout(request: Request, csrf: Annotated[str, Form()] = "") -> Response:
    """End the workbench session and the Keycloak session, then come back to the start page."""
    settings: GatewaySettings = request.app.state.settings
    session = sessions.load(request, settings.session_secret)
    if session.get("access_token") and not session.csrf_matches(csrf):
        return error_page(request, session, 400, catalogue.text("form.expired"))
    session.clear()
    back = f"{settings.public_url.rstrip('/')}{HOME}?uitgelogd=1"
    response = redirect(request, session, oidc(settings).end_session_url(
        request.cookies.get(sessions.ID_TOKEN_COOKIE), back))
    response.delete_cookie(sessions.ID_TOKEN_COOKIE, path=sessions.LOGOUT_PATH, httponly=True, samesite="lax",
                           secure=settings.https)
    return response
