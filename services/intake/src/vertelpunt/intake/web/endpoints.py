"""The web form: tell, signify, review, consent. Server-rendered HTML that works without JavaScript;
the triad and slider widgets enhance it. Staff log in through Keycloak; clients come through a campaign link."""

from __future__ import annotations

import base64
import hashlib
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from keycloak import KeycloakOpenID
from keycloak.exceptions import KeycloakError

from vertelpunt.intake.campaigns.endpoints import client_actor
from vertelpunt.intake.dependencies import ContainerDep, SessionDep, optional_actor
from vertelpunt.intake.frameworks.service import FrameworkService
from vertelpunt.intake.stories.schemas import StoryCreate, StoryPreview, StoryReview
from vertelpunt.intake.stories.service import Actor, StoryService
from vertelpunt.intake.web.forms import answers_from_form, channel_from_user_agent
from vertelpunt.kit.i18n import Catalogue
from vertelpunt.kit.problem import Problem

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
catalogue = Catalogue(Path(__file__).parents[1] / "messages")


def _render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    locale = catalogue.negotiate(request.headers.get("accept-language"))
    c = request.app.state.container

    def t(message_key: str, /, **params: Any) -> str:
        return catalogue.text(message_key, locale, **params)

    return templates.TemplateResponse(request, template, {
        "t": t, "locale": locale, "municipality": c.settings.tenant_name, **context}, status_code=status)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    return _render(request, "error.html", status, message=message)


def _web_actor(request: Request) -> Actor | None:
    try:
        return optional_actor(request, None)
    except Problem:
        return None


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    return _render(request, "home.html", actor=_web_actor(request))


# -- login through Keycloak (authorization code with PKCE) ---------------------------------------------------
def _keycloak(c: ContainerDep) -> KeycloakOpenID:
    return KeycloakOpenID(server_url=f"{c.settings.keycloak_url}/", realm_name=c.settings.keycloak_realm,
                          client_id=c.settings.client_id, client_secret_key=c.settings.client_secret)


@router.get("/login")
def login(request: Request, c: ContainerDep, next: str = "/vertel") -> RedirectResponse:
    verifier = secrets.token_urlsafe(48)
    state = secrets.token_urlsafe(16)
    request.session.update({"pkce": verifier, "state": state, "next": next if next.startswith("/") else "/vertel"})
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
    query = urlencode({"client_id": c.settings.client_id, "response_type": "code", "scope": "openid",
                       "redirect_uri": f"{c.settings.public_url}/auth/callback", "state": state,
                       "code_challenge": challenge, "code_challenge_method": "S256"})
    return RedirectResponse(f"{c.settings.issuer}/protocol/openid-connect/auth?{query}", status_code=302)


@router.get("/auth/callback")
def callback(request: Request, c: ContainerDep, code: str = "", state: str = "") -> Response:
    if not code or not state or state != request.session.pop("state", None):
        return _render(request, "error.html", 400, message="Het inloggen is niet gelukt. Probeer het opnieuw.")
    try:
        token = _keycloak(c).token(grant_type="authorization_code", code=code,
                                   redirect_uri=f"{c.settings.public_url}/auth/callback",
                                   code_verifier=request.session.pop("pkce", ""))
    except KeycloakError:
        return _render(request, "error.html", 400, message="Het inloggen is niet gelukt. Probeer het opnieuw.")
    request.session["access_token"] = token["access_token"]
    if _web_actor(request) is None:
        request.session.clear()
        return _render(request, "error.html", 403,
                       message=f"Je account hoort niet bij {c.settings.tenant_name}. Gebruik het Vertelpunt van je "
                               "eigen gemeente.")
    return RedirectResponse(request.session.pop("next", "/vertel"), status_code=303)


@router.get("/logout")
def logout(request: Request) -> RedirectResponse:
    request.session.clear()
    return RedirectResponse("/", status_code=303)


# -- telling -------------------------------------------------------------------------------------------------
def _form(request: Request, session: SessionDep, c: ContainerDep, action: str, assisted: bool,
          errors: list[dict[str, str]] | None = None, values: dict[str, Any] | None = None,
          status: int = 200, client: bool = False) -> HTMLResponse:
    framework = FrameworkService(session, c.settings.tenant_code).current()
    return _render(request, "form.html", status, framework=framework, action=action, assisted=assisted,
                   errors=errors or [], values=values or {}, client=client or assisted,
                   channel=channel_from_user_agent(request.headers.get("user-agent", "")))


@router.get("/vertel", response_class=HTMLResponse)
def staff_form(request: Request, session: SessionDep, c: ContainerDep, assisted: bool = False) -> Response:
    if _web_actor(request) is None:
        return RedirectResponse(f"/login?next=/vertel{'?assisted=1' if assisted else ''}", status_code=303)
    return _form(request, session, c, "/vertel" + ("?assisted=1" if assisted else ""), assisted)


@router.get("/vertel/{token}", response_class=HTMLResponse)
def client_form(token: str, request: Request, session: SessionDep, c: ContainerDep) -> HTMLResponse:
    client_actor(request, token, session, c)
    return _form(request, session, c, f"/vertel/{token}", False, client=True)


async def _tell(request: Request, session: SessionDep, c: ContainerDep, actor: Actor, action: str,
                assisted: bool) -> HTMLResponse:
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    many = {k: [v for v in form.getlist(k) if isinstance(v, str)] for k in form}
    framework = FrameworkService(session, c.settings.tenant_code).current()
    try:
        command = StoryCreate(title=values.get("title", ""), text=values.get("text", ""),
                              channel=values.get("channel") or "web",  # type: ignore[arg-type]
                              answers=answers_from_form(framework, values, many),
                              consent_to_share=values.get("consent") == "yes", assisted=assisted,
                              story_key=values.get("story_key") or None)
        preview = StoryService(session, c.settings.tenant_code, c.anonymiser).tell(command, actor)
    except ValueError as error:  # pydantic validation of title/text/answers
        errors = [{"name": ".".join(str(p) for p in e["loc"]), "reason": e["msg"]}
                  for e in getattr(error, "errors", lambda: [])()]
        return _form(request, session, c, action, assisted, errors, values, 400)
    except Problem as problem:
        if problem.status != 400:
            raise
        errors = [{"name": p["name"], "code": p["code"]} for p in problem.extensions.get("invalidParams", [])]
        return _form(request, session, c, action, assisted, errors, values, 400)
    return _review_page(request, preview, values.get("consent") == "yes")


def _review_page(request: Request, preview: StoryPreview, consent: bool) -> HTMLResponse:
    return _render(request, "review.html", preview=preview, consent=consent)


@router.post("/vertel", response_class=HTMLResponse)
async def staff_tell(request: Request, session: SessionDep, c: ContainerDep, assisted: bool = False) -> Response:
    actor = _web_actor(request)
    if actor is None:
        return RedirectResponse("/login?next=/vertel", status_code=303)
    return await _tell(request, session, c, actor, "/vertel", assisted)


@router.post("/vertel/{token}", response_class=HTMLResponse)
async def client_tell(token: str, request: Request, session: SessionDep, c: ContainerDep) -> HTMLResponse:
    return await _tell(request, session, c, client_actor(request, token, session, c), f"/vertel/{token}", False)


@router.post("/controle/{story_id}", response_class=HTMLResponse)
async def review(story_id: str, request: Request, session: SessionDep, c: ContainerDep) -> HTMLResponse:
    form = await request.form()
    restore = [int(v) for v in form.getlist("restore") if isinstance(v, str) and v.isdigit()]
    missed_text = form.get("missed")
    missed = [line for line in (missed_text if isinstance(missed_text, str) else "").splitlines() if line.strip()]
    token = form.get("review_token")
    command = StoryReview(consent_to_share=form.get("consent") == "yes", missed=missed[:50], restore=restore)
    preview = StoryService(session, c.settings.tenant_code, c.anonymiser).review(
        story_id, command, _web_actor(request), token if isinstance(token, str) else None)
    story_key = form.get("story_key")
    return _render(request, "thanks.html", shared=command.consent_to_share, preview=preview,
                   story_key=story_key if isinstance(story_key, str) and story_key else None)
