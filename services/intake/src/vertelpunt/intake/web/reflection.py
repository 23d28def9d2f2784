"""Reflection: after telling, a storyteller sees how similar situations went elsewhere, from the sector gateway
(sector_gateway.py, with the storyteller's own token, so every number passed the sector's disclosure rules): the share
of positive outcomes for their situation and intervention with its interval, their own triad answer as a point on
the sector's pattern for that situation and intervention (mean and 95% region), and a few similar anonymised
stories, never their own. "Mijn verhalen" lists their own stories and their municipality's patterns
(web/patterns.py). If the gateway cannot be reached the pages say so kindly and still work."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from vertelpunt.contracts import core_questions as core
from vertelpunt.intake.actors import Actor
from vertelpunt.intake.dependencies import ContainerDep, OptionalActorDep, SessionDep, TokenDep
from vertelpunt.intake.frameworks.models import Framework
from vertelpunt.intake.frameworks.service import FrameworkService
from vertelpunt.intake.sector_gateway import ask_gateway
from vertelpunt.intake.stories.models import Story
from vertelpunt.intake.text import catalogue
from vertelpunt.intake.web.endpoints import _render
from vertelpunt.intake.web.forms import label
from vertelpunt.intake.web.patterns import municipality_patterns, own_points, situations_of
from vertelpunt.intake.web.sector import composition, percentages, triad_point
from vertelpunt.kit.auth import ROLE_STORYTELLER, ROLE_TENANT_ADMIN, ROLE_TENANT_ANALYST
from vertelpunt.kit.problem import Problem

router = APIRouter(include_in_schema=False)
TRIAD_QUESTION = "verschil"
SIMILAR_SHOWN = 3
QUERY = """query($situation: String!, $intervention: String!, $query: String!) {
  whatWorks(situation: $situation) {
    intervention stories { value suppressed } positive { value suppressed }
    positiveShare { value lower upper suppressed } }
  triadPattern(question: "verschil", filter: {choices: [{question: "situatie", option: $situation},
                                                       {question: "interventie", option: $intervention}]}) {
    answered { value suppressed } geometricMean { a b c } confidenceRegion { a b c } }
  searchStories(query: $query, first: 8) { edges { node { id title text } } }
}"""


@dataclass
class Reflection:
    situation: str
    intervention: str
    available: bool = True
    share: dict[str, Any] | None = None       # value, lower, upper (0..1); None when withheld
    stories: int | None = None                # stories behind the share, None when withheld
    positive: int | None = None               # of which it helped
    own_triad: tuple[float, float, float] | None = None
    sector_triad: tuple[float, float, float] | None = None
    sector_region: list[tuple[float, float, float]] = field(default_factory=list)
    triad_answers: int | None = None          # answers behind the sector's mean, None when withheld
    similar: list[dict[str, str]] = field(default_factory=list)


def reflection_from(data: dict[str, Any] | None, situation: str, intervention: str,
                    own_triad: tuple[float, float, float] | None,
                    own_texts: frozenset[str] = frozenset()) -> Reflection:
    """Pure: the gateway's answer for this situation and intervention (or that there is none). Stories whose
    anonymised text is one of the storyteller's own are left out of the similar ones."""
    result = Reflection(situation, intervention, available=data is not None, own_triad=own_triad)
    if data is None:
        return result
    for row in data.get("whatWorks") or []:
        if row.get("intervention") == intervention:
            share = row.get("positiveShare") or {}
            result.share = None if share.get("suppressed") else share
            result.stories = (row.get("stories") or {}).get("value")
            result.positive = (row.get("positive") or {}).get("value")
    pattern = data.get("triadPattern") or {}
    result.sector_triad = composition(pattern.get("geometricMean"))
    result.sector_region = [c for c in map(composition, pattern.get("confidenceRegion") or []) if c]
    result.triad_answers = (pattern.get("answered") or {}).get("value") if result.sector_triad else None
    edges = (data.get("searchStories") or {}).get("edges") or []
    others = [e["node"] for e in edges if e["node"]["text"] not in own_texts]
    result.similar = [{"title": n["title"], "text": n["text"][:400]} for n in others[:SIMILAR_SHOWN]]
    return result


def _first(answers: dict[str, Any], question: str) -> str | None:
    choices = (answers.get(question) or {}).get("choices") or []
    return str(choices[0]) if choices else None


def option_label(framework: Framework, question_id: str, option_id: str, locale: str) -> str:
    question = framework.question(question_id)
    option = next((o for o in question.options if o.id == option_id), None) if question else None
    return label(option, locale, False).lower() if option else option_id


def corner_labels(framework: Framework, locale: str) -> list[str]:
    question = framework.question(TRIAD_QUESTION)
    return [label(c, locale, False) for c in question.corners] if question else ["A", "B", "C"]


def own_storyteller(actor: Actor) -> Actor:
    """The same person as a storyteller only: these pages are about what they told, also for analysts."""
    return Actor(actor.subject, actor.name, actor.roles - {ROLE_TENANT_ANALYST, ROLE_TENANT_ADMIN} or
                 frozenset({ROLE_STORYTELLER}))


def _story_triad(story: Story) -> tuple[float, float, float] | None:
    triad = (story.answers.get(TRIAD_QUESTION) or {}).get("triad")
    return (float(triad[0]), float(triad[1]), float(triad[2])) if triad else None


@router.get("/reflectie/{story_id}", response_class=HTMLResponse)
async def reflection(story_id: str, request: Request, session: SessionDep, c: ContainerDep,
                     actor: OptionalActorDep, token: TokenDep) -> Response:
    if actor is None or token is None:
        return RedirectResponse(f"/login?next=/reflectie/{story_id}", status_code=303)
    service = c.story_service(session)
    try:
        story = await run_in_threadpool(service.read, story_id[:36], actor, "reflectie op eigen verhaal")
        own, _ = await run_in_threadpool(service.list, own_storyteller(actor), 1, 50,
                                         "reflectie: eigen verhalen niet als vergelijkbaar tonen")
    except Problem as problem:
        failed: Response = _render(request, "error.html", problem.status, message=problem.title)
        return failed
    locale = catalogue.negotiate(request.headers.get("accept-language"))
    frameworks = FrameworkService(session, c.settings.tenant_code)
    framework = frameworks.by_version(story.framework_version) or frameworks.current()
    situation, intervention = _first(story.answers, core.SITUATION), _first(story.answers, core.INTERVENTION)
    words = f"{situation} {intervention}"
    if story.shared and story.anonymised_title:  # the title is in the sector already; raw text never leaves
        words += f" {story.anonymised_title}"
    data = None
    if c.settings.gateway_url and situation and intervention:
        data = await run_in_threadpool(ask_gateway, c.settings.gateway_url, token, QUERY, {
            "situation": situation, "intervention": intervention, "query": words[:500]})
    result = reflection_from(data, situation or "", intervention or "", _story_triad(story),
                             frozenset(s.anonymised_text for s in own if s.anonymised_text))
    page: Response = _render(
        request, "reflection.html", story=story, reflection=result, configured=bool(c.settings.gateway_url),
        situation_label=option_label(framework, core.SITUATION, situation or "", locale),
        intervention_label=option_label(framework, core.INTERVENTION, intervention or "", locale),
        corners=corner_labels(framework, locale), own_point=triad_point(result.own_triad),
        own_percent=percentages(result.own_triad), sector_point=triad_point(result.sector_triad),
        sector_percent=percentages(result.sector_triad),
        region=" ".join(f"{x},{y}" for x, y in filter(None, map(triad_point, result.sector_region))))
    return page


@router.get("/mijn-verhalen", response_class=HTMLResponse)
async def my_stories(request: Request, session: SessionDep, c: ContainerDep, actor: OptionalActorDep,
                     token: TokenDep) -> Response:
    """A storyteller's own stories (newest first), each with its reflection, and what their municipality's
    stories show for the situations they told about."""
    if actor is None or actor.is_client:
        return RedirectResponse("/login?next=/mijn-verhalen", status_code=303)
    service = c.story_service(session)
    try:
        stories, total = await run_in_threadpool(service.list, own_storyteller(actor), 1, 50, "mijn verhalen")
    except Problem as problem:
        failed: Response = _render(request, "error.html", problem.status, message=problem.title)
        return failed
    locale = catalogue.negotiate(request.headers.get("accept-language"))
    framework = FrameworkService(session, c.settings.tenant_code).current()
    patterns = None
    if c.settings.gateway_url and token and stories:
        patterns = await run_in_threadpool(municipality_patterns, c.settings.gateway_url, token,
                                           c.settings.tenant_code, situations_of(stories), framework, locale)
    points = own_points(stories)
    page: Response = _render(request, "my_stories.html", stories=stories, total=total, patterns=patterns,
                             configured=bool(c.settings.gateway_url), corners=corner_labels(framework, locale),
                             own_points=[(triad_point(p), percentages(p), title) for p, title in points])
    return page
