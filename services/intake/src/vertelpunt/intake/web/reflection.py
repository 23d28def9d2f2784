"""Reflection: after telling, a storyteller sees how similar situations went elsewhere, from the sector gateway's
GraphQL (called with the storyteller's own token, so every number there passed the sector's disclosure rules):
the share of positive outcomes for their situation and intervention with its interval, their own triad answer
next to the sector's mean, and a few similar anonymised stories. If the gateway cannot be reached the page says
so kindly and still works."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from vertelpunt.intake import sector_gateway
from vertelpunt.intake.dependencies import ContainerDep, OptionalActorDep, SessionDep
from vertelpunt.intake.stories.service import Actor, StoryService
from vertelpunt.intake.web.endpoints import _render
from vertelpunt.kit.auth import ROLE_STORYTELLER, ROLE_TENANT_ADMIN, ROLE_TENANT_ANALYST
from vertelpunt.kit.problem import Problem

router = APIRouter(include_in_schema=False)
TRIAD_QUESTION = "verschil"
QUERY = """query($situation: String!, $query: String!) {
  whatWorks(situation: $situation) {
    intervention stories { value suppressed } positiveShare { value lower upper suppressed } }
  triadPattern(question: "verschil") { answered { value suppressed } geometricMean { a b c } }
  searchStories(query: $query, first: 3) { edges { node { id title text } } }
}"""


@dataclass
class Reflection:
    situation: str
    intervention: str
    available: bool = True
    share: dict[str, Any] | None = None       # value, lower, upper (0..1); None when withheld
    stories: int | None = None                # stories behind the share, None when withheld
    own_triad: tuple[float, float, float] | None = None
    sector_triad: tuple[float, float, float] | None = None
    similar: list[dict[str, str]] = field(default_factory=list)


def ask_gateway(url: str, token: str, variables: dict[str, str]) -> dict[str, Any] | None:
    """The reflection query; None when the gateway is unreachable, slow or answers with errors only."""
    return sector_gateway.ask_gateway(url, token, QUERY, dict(variables))


def reflection_from(data: dict[str, Any] | None, situation: str, intervention: str,
                    own_triad: tuple[float, float, float] | None) -> Reflection:
    """Pure: the gateway's answer for this situation and intervention (or that there is none)."""
    result = Reflection(situation, intervention, available=data is not None, own_triad=own_triad)
    if data is None:
        return result
    for row in data.get("whatWorks") or []:
        if row.get("intervention") == intervention:
            share = row.get("positiveShare") or {}
            result.share = None if share.get("suppressed") else share
            result.stories = (row.get("stories") or {}).get("value")
    mean = (data.get("triadPattern") or {}).get("geometricMean")
    result.sector_triad = (mean["a"], mean["b"], mean["c"]) if mean else None
    edges = (data.get("searchStories") or {}).get("edges") or []
    result.similar = [{"title": e["node"]["title"], "text": e["node"]["text"][:400]} for e in edges]
    return result


def _first(answers: dict[str, Any], question: str) -> str | None:
    choices = (answers.get(question) or {}).get("choices") or []
    return str(choices[0]) if choices else None


def triad_point(weights: tuple[float, float, float] | None, size: float = 200.0) -> tuple[float, float] | None:
    """Where a triad answer sits in an SVG triangle with corners top (a), bottom left (b), bottom right (c)."""
    if weights is None:
        return None
    a, b, c = weights
    corners = ((size / 2, 10.0), (10.0, size - 10), (size - 10, size - 10))
    return (round(a * corners[0][0] + b * corners[1][0] + c * corners[2][0], 1),
            round(a * corners[0][1] + b * corners[1][1] + c * corners[2][1], 1))


@router.get("/reflectie/{story_id}", response_class=HTMLResponse)
async def reflection(story_id: str, request: Request, session: SessionDep, c: ContainerDep,
                     actor: OptionalActorDep) -> Response:
    header = request.headers.get("authorization", "")
    token = header[7:].strip() if header.lower().startswith("bearer ") else request.session.get("access_token")
    if actor is None or not isinstance(token, str):
        return RedirectResponse(f"/login?next=/reflectie/{story_id}", status_code=303)
    service = StoryService(session, c.settings.tenant_code, c.anonymiser)
    try:
        story = await run_in_threadpool(service.read, story_id[:36], actor, "reflectie op eigen verhaal")
    except Problem as problem:
        failed: Response = _render(request, "error.html", problem.status, message=problem.title)
        return failed
    answers = story.answers
    situation, intervention = _first(answers, "situatie"), _first(answers, "interventie")
    triad = (answers.get(TRIAD_QUESTION) or {}).get("triad")
    own = (float(triad[0]), float(triad[1]), float(triad[2])) if triad else None
    data = None
    if c.settings.gateway_url and situation and intervention:
        data = await run_in_threadpool(ask_gateway, c.settings.gateway_url, token,
                                       {"situation": situation, "query": f"{situation} {intervention}"})
    result = reflection_from(data, situation or "", intervention or "", own)
    page: Response = _render(request, "reflection.html", story=story, reflection=result,
                            configured=bool(c.settings.gateway_url), own_point=triad_point(result.own_triad),
                            sector_point=triad_point(result.sector_triad))
    return page


@router.get("/mijn-verhalen", response_class=HTMLResponse)
async def my_stories(request: Request, session: SessionDep, c: ContainerDep, actor: OptionalActorDep) -> Response:
    """A storyteller's own stories (newest first), each with its reflection."""
    if actor is None or actor.is_client:
        return RedirectResponse("/login?next=/mijn-verhalen", status_code=303)
    service = StoryService(session, c.settings.tenant_code, c.anonymiser)
    try:
        # Own stories only, also for analysts: this page is about what the storyteller told.
        own = Actor(actor.subject, actor.name, actor.roles - {ROLE_TENANT_ANALYST, ROLE_TENANT_ADMIN} or
                    frozenset({ROLE_STORYTELLER}))
        stories, total = await run_in_threadpool(service.list, own, 1, 50, "mijn verhalen")
    except Problem as problem:
        failed: Response = _render(request, "error.html", problem.status, message=problem.title)
        return failed
    page: Response = _render(request, "my_stories.html", stories=stories, total=total)
    return page
