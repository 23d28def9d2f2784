"""Trends: adding, changing and removing a measure (maatregel). The form is checked here first so a person gets
every problem at once, in Dutch, in an error summary that takes the focus; the gateway then checks again and
decides who may (gateway/permissions.py: sector analysts the sector-wide measures, the analysts of a municipality
its own), and its refusal lands in the same summary. The form carries the version of the measure the person opened;
when someone else changed it in between, the gateway refuses (CONFLICT) and the form comes back with what this
person typed, the new version, and in the summary the measure as it is now."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from fastapi import APIRouter, Form
from fastapi.responses import Response

from vertelpunt.gateway.workbench import queries
from vertelpunt.gateway.workbench.auth import Visit, VisitDep
from vertelpunt.gateway.workbench.client import QueryFailed
from vertelpunt.gateway.workbench.endpoints import _page, ask, page
from vertelpunt.gateway.workbench.text import catalogue
from vertelpunt.gateway.workbench.views.measures import (
    CONFIRM,
    MeasureForm,
    audit_text,
    check,
    may_change,
    stale_text,
)
from vertelpunt.gateway.workbench.web import error_page, redirect
from vertelpunt.kit.oidc import local_path

router = APIRouter()
TRENDS = "/werkplaats/trends"
SUMMARY = "summary"  # the key of a message that belongs to no single field
STALE = "CONFLICT"  # the gateway's code when the measure changed after the person opened it


def _refused(visit: Visit, csrf: str) -> Response | None:
    if not visit.session.csrf_matches(csrf):
        return error_page(visit.request, visit.session, 400, catalogue.text("form.expired"), visit=visit)
    if not visit.is_analyst:
        return error_page(visit.request, visit.session, 403, catalogue.text("measure.only_analysts"), visit=visit)
    return None


def _form(visit: Visit, form: MeasureForm, status: int = 200, **context: Any) -> Response:
    response = _page(visit, "measure.html", active="trends", form=form, label_id="measure-label",
                     on_id="measure-on", confirm_id=CONFIRM, **context)
    response.status_code = status
    return response


def _trends_path(target: str) -> str:
    """Only a Trends page of the workbench: never an open redirect nor another scheme."""
    path = local_path(target, TRENDS)
    return path if path.startswith(TRENDS) and "/maatregel" not in path else TRENDS


def _back(target: str, flag: str) -> str:
    path = _trends_path(target)
    return path + ("&" if "?" in path else "?") + flag


@router.post("/trends/maatregel")
@page
async def add_measure(visit: VisitDep, label: str = Form(""), on: str = Form(""), scope: str = Form("own"),
                      csrf: str = Form(""), back: str = Form("")) -> Response:
    if refused := _refused(visit, csrf):
        return refused
    form = check(label, on)
    context = {"measure": None, "back": _trends_path(back), "action": "/werkplaats/trends/maatregel"}
    if form.errors:
        return _form(visit, form, 400, **context)
    assert visit.principal is not None
    municipality = None if scope == "sector" or visit.principal.tenant is None else visit.principal.tenant
    try:
        await ask(visit, queries.ADD_MEASURE, label=form.label, on=form.on, municipality=municipality)
    except QueryFailed as failure:
        return _form(visit, form.with_error(SUMMARY, failure.message), failure.status, **context)
    target = _trends_path(back)
    if municipality and "municipality=" not in target:  # where the new measure shows
        target += ("&" if "?" in target else "?") + f"municipality={municipality}"
    return redirect(visit.request, visit.session, _back(target, "opgeslagen=1"))


async def _measure(visit: Visit, measure_id: str) -> dict[str, Any] | Response:
    """The measure, or the page that says why it cannot be changed."""
    if not visit.is_analyst:
        return error_page(visit.request, visit.session, 403, catalogue.text("measure.only_analysts"), visit=visit)
    if not 1 <= len(measure_id) <= 100:
        return error_page(visit.request, visit.session, 404, catalogue.text("measure.not_found"), visit=visit)
    measure: dict[str, Any] = (await ask(visit, queries.MEASURE, id=measure_id))["measure"]
    assert visit.principal is not None
    if not may_change(visit.principal.roles, visit.principal.tenant, measure["municipality"]):
        return error_page(visit.request, visit.session, 403, catalogue.text("measure.not_yours"), visit=visit)
    return measure


def _timeline(measure: dict[str, Any]) -> str:
    """Trends where the measure shows: a municipality's own measures show with that municipality chosen."""
    return f"{TRENDS}?municipality={measure['municipality']}" if measure.get("municipality") else TRENDS


def _edit_context(measure: dict[str, Any]) -> dict[str, Any]:
    return {"measure": measure, "audit": audit_text(measure.get("audit")), "back": _timeline(measure),
            "action": f"/werkplaats/trends/maatregel/{measure['id']}"}


@router.get("/trends/maatregel/{measure_id}")
@page
async def edit_measure(visit: VisitDep, measure_id: str) -> Response:
    measure = await _measure(visit, measure_id)
    if isinstance(measure, Response):
        return measure
    return _form(visit, MeasureForm(measure["label"], measure["on"], version=measure["version"]),
                 **_edit_context(measure))


async def _stale(visit: Visit, measure_id: str, form: MeasureForm, removing: bool = False) -> Response:
    """Someone else changed the measure after this person opened it: the form again with what they typed, the
    measure's new version (saving again is now a choice made knowingly), and in the summary how it is now."""
    now = await _measure(visit, measure_id)  # removed in between: the page says it no longer exists
    if isinstance(now, Response):
        return now
    typed = MeasureForm(now["label"], now["on"]) if removing else form  # removing: nothing was typed
    form = replace(typed, version=now["version"]).with_error(SUMMARY, stale_text(now, removing))
    return _form(visit, form, 409, **_edit_context(now))


@router.post("/trends/maatregel/{measure_id}")
@page
async def save_measure(visit: VisitDep, measure_id: str, label: str = Form(""), on: str = Form(""),
                       version: str = Form(""), csrf: str = Form("")) -> Response:
    if refused := _refused(visit, csrf):
        return refused
    measure = await _measure(visit, measure_id)
    if isinstance(measure, Response):
        return measure
    # The version stays the one the person opened, also after a typing mistake, so a later save cannot
    # silently overwrite a change made in between.
    form = check(label, on, version)
    if form.errors:
        return _form(visit, form, 400, **_edit_context(measure))
    try:
        await ask(visit, queries.UPDATE_MEASURE, id=measure_id, label=form.label, on=form.on, version=form.version)
    except QueryFailed as failure:
        if failure.code == STALE:
            return await _stale(visit, measure_id, form)
        return _form(visit, form.with_error(SUMMARY, failure.message), failure.status, **_edit_context(measure))
    return redirect(visit.request, visit.session, _back(_timeline(measure), "gewijzigd=1"))


@router.post("/trends/maatregel/{measure_id}/verwijderen")
@page
async def remove_measure(visit: VisitDep, measure_id: str, confirm: str = Form(""), version: str = Form(""),
                         csrf: str = Form("")) -> Response:
    if refused := _refused(visit, csrf):
        return refused
    measure = await _measure(visit, measure_id)
    if isinstance(measure, Response):
        return measure
    form = MeasureForm(measure["label"], measure["on"], version=version.strip()[:40])
    if confirm != "ja":
        return _form(visit, form.with_error(CONFIRM, catalogue.text("measure.error.confirm")), 400,
                     **_edit_context(measure))
    try:
        await ask(visit, queries.REMOVE_MEASURE, id=measure_id, version=form.version)
    except QueryFailed as failure:
        if failure.code == STALE:
            return await _stale(visit, measure_id, form, removing=True)
        return _form(visit, form.with_error(SUMMARY, failure.message), failure.status, **_edit_context(measure))
    return redirect(visit.request, visit.session, _back(_timeline(measure), "verwijderd=1"))
