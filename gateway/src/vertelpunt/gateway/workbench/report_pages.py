"""The Rapport page: an analyst chooses a period (and, as analyst of a municipality, the own municipality or the
whole sector), sees the report, and downloads it as HTML or PDF.

Every number comes from the documents in queries.py that the other pages send, through the same in-process schema
(client.py), so the report passes the same disclosure rules for the same person; the view models in views/ and the
Vega-Lite specs of charts.py are reused as they are.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from vertelpunt.gateway.workbench import queries, report_output
from vertelpunt.gateway.workbench.auth import Visit, VisitDep
from vertelpunt.gateway.workbench.endpoints import ask, facets, page
from vertelpunt.gateway.workbench.labels import label_book
from vertelpunt.gateway.workbench.text import catalogue
from vertelpunt.gateway.workbench.views import report
from vertelpunt.gateway.workbench.web import error_page, render, save_session

router = APIRouter()


def scopes(visit: Visit) -> list[str]:
    """What this analyst may report on, the default first: "" is the whole sector. A sector analyst reports on
    the sector (one municipality is never a sector aggregate, docs/disclosure.md); the analyst of a municipality
    on the own municipality (finer own-data rules) or the sector."""
    assert visit.principal is not None
    tenant = visit.principal.tenant
    return [""] if visit.is_sector_analyst or not tenant else [tenant, ""]


async def make(visit: Visit, asked: report.ReportRequest, months: tuple[str, ...]) -> report.Report:
    """Ask the gateway what the report needs, in the order the report tells it."""
    assert asked.period is not None and asked.compare_to is not None
    labels, where = await label_book(visit.request), asked.municipality
    period, other = asked.period.story_filter(where), asked.compare_to.story_filter(where)
    trend = (await ask(visit, queries.TREND, interval="MONTH", filter=period, question=None, option=None))["trend"]
    earlier = (await ask(visit, queries.TREND, interval="MONTH", filter=other, question=None, option=None))["trend"]
    situations = (await ask(visit, queries.COMPARE_CHOICE, question=report.SITUATION, a=period,
                            b=other))["compareGroups"]
    heard = report.heard(trend, earlier, situations, (asked.period, asked.compare_to), labels, months)

    main = [situation for situation, _, _ in heard.main]
    answers: dict[str, Any] = {}
    if main:
        found = await ask(visit, queries.what_works_per_situation(len(main)), filter=period,
                          **{f"s{i}": situation for i, situation in enumerate(main)})
        answers = {situation: found[f"s{i}"] for i, situation in enumerate(main)}

    chosen = {measure["id"] for measure in report.comparable(trend["measures"], asked.period, where)}
    triads = [question for question, _ in labels.of_type("triad")]
    changes = []
    for measure in trend["measures"]:
        if measure["id"] not in chosen:
            changes.append(report.change(measure, asked.period, labels))
            continue
        before, after = report.windows(date.fromisoformat(measure["on"]), asked.period)
        assert before is not None and after is not None
        groups = {"a": after.story_filter(where), "b": before.story_filter(where)}
        outcome = (await ask(visit, queries.COMPARE_CHOICE, question=report.OUTCOME, **groups))["compareGroups"]
        shifts = {question: await ask(visit, queries.COMPARE_TRIAD, question=question, **groups)
                  for question in triads}
        changes.append(report.change(measure, asked.period, labels, outcome, shifts))
    return report.build(asked, labels, date.today(), heard, report.works(answers, labels), changes)


async def _asked(visit: Visit) -> tuple[report.ReportRequest, tuple[str, ...]]:
    params = {k: v[:200] for k, v in visit.request.query_params.items()}
    return report.ReportRequest.parse(params, scopes(visit)), (await facets(visit)).months


def _refused(visit: Visit) -> Response | None:
    if not visit.is_analyst:
        return error_page(visit.request, visit.session, 403, catalogue.text("report.only_analysts"), visit=visit)
    return None


@router.get("/rapport")
@page
async def report_page(visit: VisitDep) -> Response:
    if refused := _refused(visit):
        return refused
    asked, months = await _asked(visit)
    made = await make(visit, asked, months) if asked.period else None
    drawn = await run_in_threadpool(report_output.svgs, made) if made else {}
    start, end = report.default_period(months)
    chosen = {"period_from": start, "period_to": end, "municipality": asked.municipality,
              "vergelijk_period_from": "", "vergelijk_period_to": "", **visit.request.query_params}
    if asked.period:  # what the report was made of, after corrections (a swapped period, an unknown scope)
        chosen |= {"period_from": asked.period.start, "period_to": asked.period.end}
    labels = await label_book(visit.request)
    return render(visit.request, visit.session, "report.html", 400 if asked.errors and not made else 200,
                  visit=visit, active="rapport", facets=await facets(visit), chosen=chosen, errors=asked.errors,
                  scopes=[(code, labels.municipality(code) if code else catalogue.text("report.scope.sector_option"))
                          for code in scopes(visit)],
                  report=made, svgs=drawn, query=asked.query())


async def _download(visit: Visit, extension: str) -> Response:
    if refused := _refused(visit):
        return refused
    asked, months = await _asked(visit)
    if asked.period is None or asked.errors:
        message = " ".join(asked.errors) or catalogue.text("report.error.period")
        return error_page(visit.request, visit.session, 400, message, visit=visit)
    made = await make(visit, asked, months)
    text = report_output.document(made, await run_in_threadpool(report_output.svgs, made),
                                  await label_book(visit.request))
    if extension == "pdf":
        body: bytes | str = await run_in_threadpool(report_output.pdf, text, made.title, made.made_on)
        media = "application/pdf"
    else:
        body, media = text, "text/html; charset=utf-8"
    response = Response(body, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="{report.file_name(asked, extension)}"',
        "Cache-Control": "no-store"})
    return save_session(response, visit.request, visit.session)


@router.get("/rapport/html")
@page
async def report_html(visit: VisitDep) -> Response:
    return await _download(visit, "html")


@router.get("/rapport/pdf")
@page
async def report_pdf(visit: VisitDep) -> Response:
    return await _download(visit, "pdf")
