"""The web form: tell, signify, review, consent. Server-rendered HTML that works without JavaScript;
the triad and slider widgets and the draft kept in the browser enhance it. Staff log in through Keycloak;
clients come through a campaign link."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError

from vertelpunt.intake.actors import Actor
from vertelpunt.intake.campaigns.endpoints import client_actor
from vertelpunt.intake.campaigns.repository import CampaignRepository
from vertelpunt.intake.channels import CLIENT_CHANNELS, Channel, channel_from_user_agent
from vertelpunt.intake.dependencies import ContainerDep, SessionDep, optional_actor
from vertelpunt.intake.frameworks.service import FrameworkService
from vertelpunt.intake.stories.schemas import StoryCreate, StoryPreview, StoryReview
from vertelpunt.intake.text import CleanStr, catalogue, without_forbidden
from vertelpunt.intake.web.forms import (
    AGAIN_PATH,
    STEPS,
    FormError,
    answer_errors,
    answers_from_form,
    framework_problems,
    label,
    merge_errors,
    questions_for,
    validation_errors,
)
from vertelpunt.intake.web.oidc import ID_TOKEN_COOKIE, LOGOUT_PATH, logged_out_url, remember_tokens
from vertelpunt.kit.oidc import OidcError, local_path, new_verifier
from vertelpunt.kit.problem import Problem

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
HOME = "/"


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


async def _web_actor_off_loop(request: Request) -> Actor | None:
    """Verifying (and perhaps renewing) a token may call Keycloak: never on the event loop."""
    return await run_in_threadpool(_web_actor, request)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, uitgelogd: bool = False) -> HTMLResponse:
    return _render(request, "home.html", actor=_web_actor(request), logged_out=uitgelogd)


# -- login through Keycloak (authorization code with PKCE), RP-initiated logout ----------------------------------
@router.get("/login")
def login(request: Request, c: ContainerDep, next: str = "/vertel") -> RedirectResponse:
    verifier = new_verifier()
    state = secrets.token_urlsafe(16)
    request.session.update({"pkce": verifier, "state": state, "next": local_path(next, HOME)})
    return RedirectResponse(c.login.authorization_url(state, verifier), status_code=302)


def _login_failed(request: Request) -> HTMLResponse:
    return render_error(request, 400, catalogue.text("login.failed"))


@router.get("/auth/callback")
def callback(request: Request, c: ContainerDep, code: str = "", state: str = "") -> Response:
    if not code or not state or state != request.session.pop("state", None):
        return _login_failed(request)
    try:
        tokens = c.login.exchange_code(code, request.session.pop("pkce", ""))
    except OidcError:
        return _login_failed(request)
    remember_tokens(request.session, tokens)
    if _web_actor(request) is None:
        request.session.clear()
        return render_error(request, 403,
                            catalogue.text("login.other_municipality", municipality=c.settings.tenant_name))
    response = RedirectResponse(local_path(request.session.pop("next", "/vertel"), HOME), status_code=303)
    if tokens.get("id_token"):
        response.set_cookie(ID_TOKEN_COOKIE, tokens["id_token"], path=LOGOUT_PATH, httponly=True, samesite="lax",
                            secure=c.settings.https)
    return response


@router.get(LOGOUT_PATH)
def logout(request: Request, c: ContainerDep) -> RedirectResponse:
    """End this service's session and the Keycloak session, then come back to the home page."""
    request.session.clear()
    end_session = c.login.end_session_url(request.cookies.get(ID_TOKEN_COOKIE), logged_out_url(c.settings))
    response = RedirectResponse(end_session, status_code=303)
    response.delete_cookie(ID_TOKEN_COOKIE, path=LOGOUT_PATH, httponly=True, samesite="lax", secure=c.settings.https)
    return response


# -- telling -------------------------------------------------------------------------------------------------
def _campaign_choice(session: SessionDep, c: ContainerDep, actor: Actor | None) -> list[str] | None:
    if actor is None or actor.campaign_id is None:
        return None
    campaign = CampaignRepository(session, c.settings.tenant_code).get(actor.campaign_id)
    return campaign.client_question_ids if campaign is not None else None


def _form(request: Request, session: SessionDep, c: ContainerDep, action: str, assisted: bool,
          errors: list[FormError] | None = None, values: dict[str, Any] | None = None,
          many: dict[str, list[str]] | None = None, status: int = 200, client: bool = False,
          actor: Actor | None = None) -> HTMLResponse:
    framework = FrameworkService(session, c.settings.tenant_code).current()
    # A client through a link sees the client questions; staff entering a client's story (assisted) see the
    # client wording too, but all questions.
    questions = questions_for(framework, client, _campaign_choice(session, c, actor)) if client else \
        questions_for(framework, False)
    channel = channel_from_user_agent(request.headers.get("user-agent", ""))
    return _render(request, "form.html", status, framework=framework, questions=questions, action=action,
                   assisted=assisted, errors=errors or [], invalid={e.key: e for e in errors or []},
                   values=values or {}, many=many or {}, client=client or assisted, link_client=client,
                   channel=channel.value, touch=channel in (Channel.PHONE, Channel.TABLET), label=label,
                   step=1, steps=STEPS)


@router.get("/vertel", response_class=HTMLResponse)
def staff_form(request: Request, session: SessionDep, c: ContainerDep, assisted: bool = False) -> Response:
    if _web_actor(request) is None:
        return RedirectResponse(f"/login?next=/vertel{'?assisted=1' if assisted else ''}", status_code=303)
    return _form(request, session, c, "/vertel" + ("?assisted=1" if assisted else ""), assisted)


@router.get("/vertel/{token}", response_class=HTMLResponse)
def client_form(token: CleanStr, request: Request, session: SessionDep, c: ContainerDep) -> HTMLResponse:
    actor = client_actor(request, token, session, c)
    return _form(request, session, c, f"/vertel/{token}", False, client=True, actor=actor)


def _chosen_channel(values: dict[str, str], request: Request) -> Channel:
    """What staff chose in the form (web, phone, tablet), else what the device says. For a client the service
    ignores it and uses the device."""
    chosen = values.get("channel")
    if chosen in CLIENT_CHANNELS:
        return Channel(chosen)
    return channel_from_user_agent(request.headers.get("user-agent", ""))


async def _tell(request: Request, session: SessionDep, c: ContainerDep, actor: Actor, action: str,
                assisted: bool) -> HTMLResponse:
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    many = {k: [v for v in form.getlist(k) if isinstance(v, str)] for k in form}
    locale = catalogue.negotiate(request.headers.get("accept-language"))
    framework = FrameworkService(session, c.settings.tenant_code).current()
    client = actor.is_client
    shown = questions_for(framework, True, _campaign_choice(session, c, actor)) if client else \
        questions_for(framework, False)

    def again(errors: list[FormError]) -> HTMLResponse:
        """Every answer goes back into the form: single values and every ticked box, without a refused character
        (the error names the field), so the storyteller can send again."""
        kept = {k: without_forbidden(v) for k, v in values.items()}
        kept_many = {k: [without_forbidden(v) for v in vs] for k, vs in many.items()}
        return _form(request, session, c, action, assisted, errors, kept, kept_many, 400, client=client, actor=actor)

    answers = answers_from_form(shown, values, many)
    try:
        command = StoryCreate(title=values.get("title", ""), text=values.get("text", ""),
                              channel=_chosen_channel(values, request), answers=answers,
                              consent_to_share=values.get("consent") == "yes", assisted=assisted,
                              story_key=values.get("story_key") or None)
        # Anonymising a long story takes a while: off the event loop, so /health and others stay quick.
        service = c.story_service(session)
        preview = await run_in_threadpool(service.tell, command, actor)
    except ValidationError as error:
        wording = client or assisted
        return again(merge_errors([*validation_errors(error.errors(), shown, locale, wording),
                                   *answer_errors(framework_problems(framework, answers), shown, locale, wording)]))
    except Problem as problem:
        if problem.status != 400:
            raise
        return again(answer_errors(problem.extensions.get("invalidParams", []), shown, locale,
                                   client or assisted))
    return _review_page(request, preview, values.get("consent") == "yes", action if client else None)


def _review_page(request: Request, preview: StoryPreview, consent: bool, again: str | None) -> HTMLResponse:
    return _render(request, "review.html", preview=preview, consent=consent, again=again, step=2, steps=STEPS)


@router.post("/vertel", response_class=HTMLResponse)
async def staff_tell(request: Request, session: SessionDep, c: ContainerDep, assisted: bool = False) -> Response:
    actor = await _web_actor_off_loop(request)
    if actor is None:  # the session ended while writing: log in again, the browser kept the draft
        return RedirectResponse(f"/login?next=/vertel{'?assisted=1' if assisted else ''}", status_code=303)
    return await _tell(request, session, c, actor, "/vertel" + ("?assisted=1" if assisted else ""), assisted)


@router.post("/vertel/{token}", response_class=HTMLResponse)
async def client_tell(token: CleanStr, request: Request, session: SessionDep, c: ContainerDep) -> HTMLResponse:
    actor = await run_in_threadpool(client_actor, request, token, session, c)
    return await _tell(request, session, c, actor, f"/vertel/{token}", False)


@router.post("/controle/{story_id}", response_class=HTMLResponse)
async def review(story_id: CleanStr, request: Request, session: SessionDep, c: ContainerDep) -> HTMLResponse:
    form = await request.form()
    restore = [int(v) for v in form.getlist("restore") if isinstance(v, str) and v.isdigit()]
    missed_text = form.get("missed")
    typed = (missed_text if isinstance(missed_text, str) else "").splitlines()
    marked = [v for v in form.getlist("mark") if isinstance(v, str)]  # one click per review mark
    # A character that cannot be in the story cannot be missed either: drop it rather than refuse the review.
    missed = [without_forbidden(line).strip() for line in [*typed, *marked]]
    token = form.get("review_token")
    command = StoryReview(consent_to_share=form.get("consent") == "yes", missed=[m for m in missed if m][:50],
                          restore=restore[:200])
    service = c.story_service(session)
    preview = await run_in_threadpool(service.review, story_id, command, await _web_actor_off_loop(request),
                                      token if isinstance(token, str) else None)
    story_key = form.get("story_key")
    again = form.get("again")
    return _render(request, "thanks.html", shared=command.consent_to_share, preview=preview,
                   story_key=story_key if isinstance(story_key, str) and story_key else None,
                   again=again if isinstance(again, str) and AGAIN_PATH.match(again) else HOME, step=3, steps=STEPS)
