"""Patronen: the page with the stories of one cell (a heat map cell, a triad bin, a slider bin). The gateway decides
what may be read (`cellStories`, docs/disclosure.md section 5); a refusal is shown on this page in its words."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from vertelpunt.gateway.workbench import queries
from vertelpunt.gateway.workbench.auth import VisitDep
from vertelpunt.gateway.workbench.client import QueryFailed
from vertelpunt.gateway.workbench.endpoints import _page, _params, ask, page
from vertelpunt.gateway.workbench.labels import label_book
from vertelpunt.gateway.workbench.text import catalogue
from vertelpunt.gateway.workbench.views import cells
from vertelpunt.gateway.workbench.views.common import Filters

router = APIRouter()


@router.get("/patronen/verhalen")
@page
async def cell_stories(visit: VisitDep) -> Response:
    params, labels = _params(visit.request), await label_book(visit.request)
    filters = Filters.parse(params)
    request = cells.request_of(params, labels, filters)
    if request is None:
        return _page(visit, "error.html", message=catalogue.text("cells.not_a_cell"), active="patronen")
    context = {"active": "patronen", "cell": request, "filters": filters, "labels": labels,
               "filters_text": filters.describe(labels)}
    if filters.municipality:
        return _page(visit, "cell_stories.html", refused=catalogue.text("cells.no_links.municipality"), **context)
    try:
        answer = (await ask(visit, queries.CELL_STORIES, cell=request.cell,
                            filter=filters.list_filter()))["cellStories"]
    except QueryFailed as failure:
        if failure.status >= 500:
            raise
        response = _page(visit, "cell_stories.html", refused=failure.message, **context)
        response.status_code = failure.status
        return response
    return _page(visit, "cell_stories.html", view=cells.cell_view(answer, labels), **context)
