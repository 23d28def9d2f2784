"""The workbench pages. Each is one or two in-process GraphQL queries (client.py), a view model (views/) and a
template; `?formaat=csv` gives the same numbers as a CSV file."""

from __future__ import annotations

import functools
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from vertelpunt.gateway.workbench import queries
from vertelpunt.gateway.workbench.auth import Visit, VisitDep
from vertelpunt.gateway.workbench.client import LoginNeeded, QueryFailed, run
from vertelpunt.gateway.workbench.labels import label_book
from vertelpunt.gateway.workbench.text import catalogue
from vertelpunt.gateway.workbench.views import cells, compare, kennisbank, measures, patterns, trends, whatworks
from vertelpunt.gateway.workbench.views.common import Facets, Filters, to_csv
from vertelpunt.gateway.workbench.web import csv_response, error_page, redirect, render

router = APIRouter()
FACETS_TTL_SECONDS = 300.0
ALIASES_PER_QUERY = 10  # below the gateway's alias limit (15)
PAGE_SIZE = 20
Page = Callable[..., Awaitable[Response]]


def page(handler: Page) -> Page:
    """Signed-in readers only; a refused query becomes a page with the gateway's Dutch explanation."""

    @functools.wraps(handler)
    async def wrapper(visit: Visit, *args: Any, **kwargs: Any) -> Response:
        if visit.principal is None:
            return redirect(visit.request, visit.session, visit.login_url())
        if not visit.may_read:
            return error_page(visit.request, visit.session, 403, catalogue.text("login.no_role"), visit=visit)
        try:
            return await handler(visit, *args, **kwargs)
        except LoginNeeded:
            visit.session.clear()
            return redirect(visit.request, visit.session, visit.login_url())
        except QueryFailed as failure:
            return error_page(visit.request, visit.session, failure.status, failure.message, visit=visit)

    return wrapper


async def ask(visit: Visit, document: str, **variables: Any) -> dict[str, Any]:
    return await run(visit.request, visit.token, document, **variables)


async def facets(visit: Visit) -> Facets:
    """The values of the filter form. They are the same for everyone who may read (keys only, no counts), so
    one copy is kept for a few minutes."""
    state = visit.request.app.state
    cached: tuple[float, Facets] | None = getattr(state, "werkplaats_facets", None)
    if cached is None or time.monotonic() - cached[0] > FACETS_TTL_SECONDS:
        cached = (time.monotonic(), Facets.from_answer(await ask(visit, queries.FACETS)))
        state.werkplaats_facets = cached
    return cached[1]


def _params(request: Request) -> Mapping[str, str]:
    return {k: v[:200] for k, v in request.query_params.items()}


def _choice(value: str | None, allowed: list[tuple[str, str]], default: str = "") -> str:
    ids = [i for i, _ in allowed]
    return value if value in ids else (default if default in ids or not ids else ids[0])


def _wants_csv(params: Mapping[str, str]) -> bool:
    return params.get("formaat") == "csv"


def _page(visit: Visit, template: str, **context: Any) -> Response:
    return render(visit.request, visit.session, template, visit=visit, **context)


# -- start -------------------------------------------------------------------------------------------------------
@router.get("/")
async def home(visit: VisitDep, uitgelogd: str = "") -> Response:
    return _page(visit, "home.html", logged_out=bool(uitgelogd) and visit.principal is None, active="")


# -- wat werkt ---------------------------------------------------------------------------------------------------
@router.get("/wat-werkt")
@page
async def what_works(visit: VisitDep) -> Response:
    params, labels, found = _params(visit.request), await label_book(visit.request), await facets(visit)
    filters = Filters.parse(params)
    situations = labels.options("situatie")
    situation = _choice(params.get("situatie"), situations, "schulden")
    situation_label = labels.value("situatie", situation)
    overall = whatworks.rows_of((await ask(visit, queries.WHAT_WORKS, situation=situation,
                                           filter=filters.story_filter()))["whatWorks"], labels)
    per_municipality: dict[str, list[whatworks.Row]] = {}
    municipalities = [filters.municipality] if filters.municipality else list(found.municipalities)
    for start in range(0, len(municipalities), ALIASES_PER_QUERY):
        chunk = municipalities[start:start + ALIASES_PER_QUERY]
        variables = {f"f{i}": {**(filters.story_filter() or {}), "municipalities": [code]}
                     for i, code in enumerate(chunk)}
        answer = await ask(visit, queries.what_works_per_municipality(len(chunk)), situation=situation, **variables)
        for i, code in enumerate(chunk):
            per_municipality[code] = whatworks.rows_of(answer[f"m{i}"], labels, labels.municipality(code))
    interventions = [(r.intervention, r.label) for r in sorted(overall, key=lambda r: -(r.stories_value or 0))]
    intervention = _choice(params.get("interventie"), interventions)
    # The sector-wide row first, as the yardstick for each municipality.
    chosen = whatworks.pick({whatworks.ALL: overall, **per_municipality}, intervention)
    if _wants_csv(params):
        rows = whatworks.csv_rows(overall, situation) + [
            row for rows in per_municipality.values() for row in whatworks.csv_rows(rows, situation)]
        return csv_response(visit.request, visit.session, f"wat-werkt-{situation}.csv",
                            to_csv(whatworks.CSV_HEADER, rows))
    return _page(visit, "what_works.html", labels=labels, active="wat-werkt", facets=found, filters=filters,
                 situations=situations, situation=situation, situation_label=situation_label, rows=overall,
                 overall_spec=whatworks.chart(overall, situation_label) if overall else None,
                 interventions=interventions, intervention=intervention,
                 intervention_label=labels.value("interventie", intervention), chosen=chosen,
                 chosen_spec=whatworks.chart(chosen, situation_label, by_municipality=True) if chosen else None,
                 csv_query={**filters.query(), "situatie": situation, "interventie": intervention, "formaat": "csv"})


# -- patronen ----------------------------------------------------------------------------------------------------
@router.get("/patronen")
@page
async def patterns_page(visit: VisitDep) -> Response:
    params, labels, found = _params(visit.request), await label_book(visit.request), await facets(visit)
    filters = Filters.parse(params)
    options = patterns.choices(labels)
    kind = _choice(params.get("soort"), [("driehoek", ""), ("schuif", ""), ("kruistabel", "")])
    context: dict[str, Any] = {}
    header: list[str] = []
    rows: list[list[str]] = []
    name = kind
    pattern: dict[str, str] = {}
    if kind == "driehoek":
        question = _choice(params.get("vraag"), options["triads"], "verschil")
        pattern = {"vraag": question}
        answer = (await ask(visit, queries.TRIAD, question=question, filter=filters.story_filter(), bins=5))
        triad = patterns.triad_view(answer["triadPattern"], question, labels,
                                    link=cells.linker(kind, filters, pattern))
        context = {"question": question, "triad": triad}
        header, rows = patterns.triad_csv(triad)
        name = f"driehoek-{question}"
    elif kind == "schuif":
        question = _choice(params.get("vraag"), options["sliders"], "ruimte")
        pattern = {"vraag": question}
        answer = await ask(visit, queries.SLIDER, question=question, filter=filters.story_filter(), bins=10)
        slider = patterns.slider_view(answer["sliderHistogram"], question, labels,
                                      link=cells.linker(kind, filters, pattern))
        context = {"question": question, "slider": slider}
        header, rows = [f"tussen_{slider.poles[0]}_en_{slider.poles[1]}", "verhalen"], [
            [r[0], str(n) if n is not None else r[1]] for r, n in zip(slider.rows, slider.counts, strict=True)]
        name = f"schuif-{question}"
    else:
        first = _choice(params.get("rij"), options["tables"], "situatie")
        second = _choice(params.get("kolom"), options["tables"], "interventie")
        if second == first:
            second = next(i for i, _ in options["tables"] if i != first)
        pattern = {"rij": first, "kolom": second}
        answer = await ask(visit, queries.CROSS_TAB, questions=[first, second], filter=filters.story_filter())
        cross = patterns.cross_view(answer["crossTab"], labels, link=cells.linker(kind, filters, pattern))
        context = {"row_question": first, "column_question": second, "cross": cross}
        header, rows = patterns.cross_csv(cross)
        name = f"kruistabel-{first}-{second}"
    if _wants_csv(params):
        return csv_response(visit.request, visit.session, f"{name}.csv", to_csv(header, rows))
    query = {k: v for k, v in params.items() if k != "formaat"}
    readable = cells.linker(kind, filters, pattern) is not None
    return _page(visit, "patterns.html", labels=labels, active="patronen", facets=found, filters=filters, kind=kind,
                 options=options, csv_query={**query, "soort": kind, "formaat": "csv"}, readable=readable,
                 no_links=None if readable else cells.reason_without_links(kind, filters, pattern), **context)


# -- trends ------------------------------------------------------------------------------------------------------
OUTCOME = "uitkomst-hielp"


@router.get("/trends")
@page
async def trends_page(visit: VisitDep) -> Response:
    params, labels, found = _params(visit.request), await label_book(visit.request), await facets(visit)
    filters = Filters.parse(params)
    unit = "month" if params.get("per") == "maand" else "week"
    outcome = _choice(params.get("uitkomst"), [("", ""), *labels.options(OUTCOME)], "")
    answer = await ask(visit, queries.TREND, interval=unit.upper(), filter=filters.story_filter(),
                       question=OUTCOME if outcome else None, option=outcome or None, audit=visit.is_analyst)
    view = trends.trend_view(answer["trend"], unit, labels, found.months)
    if _wants_csv(params):
        header, rows = trends.trend_csv(view)
        return csv_response(visit.request, visit.session, f"trend-per-{'maand' if unit == 'month' else 'week'}.csv",
                            to_csv(header, rows))
    query = {k: v for k, v in params.items() if k != "formaat" and k not in measures.NOTICES}
    principal = visit.principal
    changeable = {m.id for m in view.measures
                  if principal and measures.may_change(principal.roles, principal.tenant, m.code)}
    notice = next((key for flag, key in measures.NOTICES.items() if params.get(flag) == "1"), None)
    return _page(visit, "trends.html", labels=labels, active="trends", facets=found, filters=filters, unit=unit,
                 view=view, outcome=outcome, outcomes=labels.options(OUTCOME), notice=notice, changeable=changeable,
                 back_query=query,
                 csv_query={**query, "formaat": "csv"}, today=date.today().isoformat())


# -- vergelijken -------------------------------------------------------------------------------------------------
COMPARE_KINDS = [("groepen", ""), ("meetronden", "")]


@router.get("/vergelijken")
@page
async def compare_page(visit: VisitDep) -> Response:
    params, labels, found = _params(visit.request), await label_book(visit.request), await facets(visit)
    questions = labels.of_type("triad") + labels.of_type("single_choice", "multiple_choice")
    question = _choice(params.get("vraag"), questions, "verschil")
    kind = _choice(params.get("soort"), COMPARE_KINDS, "groepen")
    group_a, group_b = Filters.parse(params, "a_"), Filters.parse(params, "b_")
    asked = "vraag" in params
    names = ("A", "B")
    context: dict[str, Any] = {}
    header: list[str] = []
    rows: list[list[str]] = []
    if kind == "meetronden":
        answer = await _compare_waves(visit, params, question, asked, labels)
        context, header, rows = answer
    elif asked and group_a.story_filter() == group_b.story_filter():
        context["same_groups"] = True
    elif asked:
        variables = {"question": question, "a": group_a.story_filter() or {}, "b": group_b.story_filter() or {}}
        if question in dict(labels.of_type("triad")):
            triad = compare.triad_comparison(await ask(visit, queries.COMPARE_TRIAD, **variables), question, names,
                                             labels)
            context["triad"] = triad
            header, rows = compare.triad_csv(triad)
        else:
            choice = compare.choice_comparison((await ask(visit, queries.COMPARE_CHOICE, **variables))[
                "compareGroups"], question, names, labels)
            context["choice"] = choice
            header, rows = compare.choice_csv(choice, names)
        context.update(describe_a=group_a.describe(labels), describe_b=group_b.describe(labels))
    if _wants_csv(params) and header:
        name = f"vergelijken-meetronden-{question}.csv" if kind == "meetronden" else f"vergelijken-{question}.csv"
        return csv_response(visit.request, visit.session, name, to_csv(header, rows))
    query = {k: v for k, v in params.items() if k != "formaat"}
    return _page(visit, "compare.html", labels=labels, active="vergelijken", facets=found, questions=questions,
                 question=question, kind=kind, group_a=group_a, group_b=group_b,
                 csv_query={**query, "formaat": "csv"}, **context)


async def _compare_waves(visit: Visit, params: Mapping[str, str], question: str, asked: bool,
                         labels: Any) -> tuple[dict[str, Any], list[str], list[list[str]]]:
    """Two sector waves (meetronden) on one question, across every municipality that joined them."""
    waves = compare.wave_options(await ask(visit, queries.WAVES))
    ids = [(w.id, w.label) for w in waves]
    context: dict[str, Any] = {"waves": ids}
    if len(waves) < 2:
        context["too_few_waves"] = True
        return context, [], []
    wave_a = _choice(params.get("ronde_a"), ids)
    wave_b = _choice(params.get("ronde_b"), ids, ids[1][0])
    context.update(wave_a=wave_a, wave_b=wave_b)
    if not asked:
        return context, [], []
    if wave_a == wave_b:
        context["same_waves"] = True
        return context, [], []
    answer = (await ask(visit, queries.COMPARE_WAVES, a=wave_a, b=wave_b, questions=[question]))["compareWaves"]
    by_id = {w.id: w for w in waves}
    context.update(outcome=compare.wave_outcome(answer), describe_a=by_id[wave_a].label,
                   describe_b=by_id[wave_b].label)
    names = ("A", "B")
    if answer["triads"]:
        triad = compare.triad_comparison(compare.wave_triad_answer(answer["triads"][0]), question, names, labels)
        context["triad"] = triad
        header, rows = compare.triad_csv(triad)
    else:
        choice = compare.choice_comparison(answer["choices"][0], question, names, labels)
        context["choice"] = choice
        header, rows = compare.choice_csv(choice, names)
    return context, header, rows


# -- kennisbank --------------------------------------------------------------------------------------------------
@router.get("/kennisbank")
@page
async def knowledge(visit: VisitDep) -> Response:
    params, labels, found = _params(visit.request), await label_book(visit.request), await facets(visit)
    filters = Filters.parse(params)
    text = params.get("q", "").strip()[:500]
    after = params.get("na") or None
    answer = (await ask(visit, queries.SEARCH, query=text or None, filter=filters.list_filter(), first=PAGE_SIZE,
                        after=after))["searchStories"]
    cards = [kennisbank.card(edge["node"], labels) for edge in answer["edges"]]
    if _wants_csv(params):
        header, rows = kennisbank.search_csv(cards)
        return csv_response(visit.request, visit.session, "kennisbank.csv", to_csv(header, rows))
    query = {k: v for k, v in params.items() if k not in ("formaat", "na")}
    more = answer["pageInfo"]["endCursor"] if answer["pageInfo"]["hasNextPage"] else None
    total = kennisbank.total_text(answer["total"], bool(text), bool(answer.get("totalAtLeast")))
    return _page(visit, "knowledge.html", labels=labels, active="kennisbank", facets=found, filters=filters, text=text,
                 cards=cards, total=total, more=more, query=query,
                 csv_query={**query, **({"na": after} if after else {}), "formaat": "csv"})


@router.get("/kennisbank/verhaal/{story_id}")
@page
async def story_page(visit: VisitDep, story_id: str) -> Response:
    labels = await label_book(visit.request)
    if not 1 <= len(story_id) <= 100:
        return error_page(visit.request, visit.session, 404, catalogue.text("story.not_found"), visit=visit)
    story = (await ask(visit, queries.STORY, id=story_id))["story"]
    return _page(visit, "story.html", labels=labels, active="kennisbank", story=story,
                 context_text=kennisbank.context_text(story, labels),
                 similar=[kennisbank.card(s, labels) for s in story["similar"]])
