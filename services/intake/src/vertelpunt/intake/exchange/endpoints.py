"""REST: export and import of signified stories in the `vertelpunt-export` format (docs/exchange.md)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Body, Depends, Header, Query
from fastapi.responses import JSONResponse, StreamingResponse

from vertelpunt.intake.actors import Actor
from vertelpunt.intake.dependencies import ActorDep, ContainerDep, SessionDep
from vertelpunt.intake.exchange.document import SCHEMA_FILE, TextKind, messages, schema
from vertelpunt.intake.exchange.repository import Selection
from vertelpunt.intake.exchange.schemas import ImportReport
from vertelpunt.intake.exchange.service import ExportService, ImportService, export_document, export_stories
from vertelpunt.intake.text import CleanStr
from vertelpunt.kit.auth import ROLE_TENANT_ADMIN, ROLE_TENANT_ANALYST
from vertelpunt.kit.clock import utcnow
from vertelpunt.kit.problem import Problem

router = APIRouter(prefix="/api/v1/exchange", tags=["exchange"])
# A day of the period is a day in the Netherlands: a story told at 00:30 on 1 March belongs to March.
LOCAL = ZoneInfo("Europe/Amsterdam")
_PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
_DOCUMENT = {"type": "object", "description": f"Een document in het formaat vertelpunt-export versie 1 (JSON Schema: "
                                              f"GET /exchange/schema, docs/exchange/{SCHEMA_FILE})."}


def exporter(actor: ActorDep) -> Actor:
    if not actor.roles & {ROLE_TENANT_ADMIN, ROLE_TENANT_ANALYST}:
        raise Problem(403, "geen-toegang", messages.text("role.export"))
    return actor


def importer(actor: ActorDep) -> Actor:
    if ROLE_TENANT_ADMIN not in actor.roles:
        raise Problem(403, "geen-beheerder", messages.text("role.import"))
    return actor


ExporterDep = Annotated[Actor, Depends(exporter)]
ImporterDep = Annotated[Actor, Depends(importer)]


# Days outside these years are no period of stories (and 0001-01-01 in Dutch time is before the first UTC day).
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)


def _check_days(**days: date | None) -> None:
    wrong = [name for name, day in days.items() if day is not None and not FIRST_DAY <= day <= LAST_DAY]
    if wrong:
        reason = messages.text("export.day_range")
        raise Problem(400, "ongeldige-periode", reason,
                      invalidParams=[{"name": name, "code": "range", "reason": reason} for name in wrong])


def _start_of(day: date | None) -> datetime | None:
    """The first moment of a Dutch day, in UTC (as stored; SQLite compares the stored text)."""
    return None if day is None else datetime.combine(day, time.min, LOCAL).astimezone(UTC)


@router.get(
    "/export", response_class=StreamingResponse,
    summary="Verhalen van deze gemeente met hun duiding en het kader, als exportbestand (vertelpunt-export v1)",
    description=("Alleen verhalen die gedeeld mogen worden. Standaard de geanonimiseerde tekst; `text=raw` geeft de "
                 "oorspronkelijke tekst, met een reden in X-Access-Purpose, en elk verhaal komt in het logboek. "
                 "Het bestand wordt in delen verstuurd (ook bij veel verhalen)."),
    responses={200: {"description": "Het exportbestand.", "content": {"application/json": {"schema": _DOCUMENT}}},
               403: {"description": "Alleen voor een beheerder of analist van de gemeente.", "content": _PROBLEM}})
def export_stories_endpoint(
        session: SessionDep, c: ContainerDep, actor: ExporterDep,
        told_from: Annotated[date | None, Query(alias="toldFrom", description="Verteld op of na deze dag")] = None,
        told_to: Annotated[date | None, Query(alias="toldTo", description="Verteld op of voor deze dag")] = None,
        campaign_id: Annotated[CleanStr | None, Query(alias="campaignId", max_length=36)] = None,
        text: Annotated[TextKind, Query(description="anonymised (standaard) of raw")] = "anonymised",
        purpose: Annotated[CleanStr | None, Header(alias="X-Access-Purpose", max_length=200,
                                                   description="Verplicht bij text=raw; komt in het logboek")] = None,
) -> StreamingResponse:
    _check_days(toldFrom=told_from, toldTo=told_to)
    if told_from and told_to and told_to < told_from:
        raise Problem(400, "ongeldige-periode", messages.text("export.period"),
                      invalidParams=[{"name": "toldTo", "code": "period", "reason": messages.text("export.period")}])
    if text == "raw" and not purpose:
        raise Problem(400, "reden-nodig", messages.text("export.purpose_needed.title"),
                      messages.text("export.purpose_needed.detail"),
                      invalidParams=[{"name": "X-Access-Purpose", "code": "required",
                                      "reason": messages.text("export.purpose_needed.detail")}])
    upper = _start_of(told_to + timedelta(days=1)) if told_to else None
    selection = Selection(created_before=utcnow(), told_from=_start_of(told_from), told_to=upper,
                          campaign_id=campaign_id)
    filters = {name: str(value) for name, value in
               (("toldFrom", told_from), ("toldTo", told_to), ("campaignId", campaign_id)) if value is not None}
    reason = purpose or "export"
    tenant = c.settings.tenant_code
    head = ExportService(session, tenant).head(selection, text, c.settings.tenant_name, filters, actor, reason)
    stories = export_stories(c.database, tenant, selection, text, actor, reason)
    filename = f"vertelpunt-export-{tenant.lower()}-{utcnow():%Y%m%d}.json"
    return StreamingResponse(export_document(head, stories), media_type="application/json",
                             headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.post(
    "/import", response_model=ImportReport, response_model_by_alias=True,
    summary="Verhalen uit een exportbestand (vertelpunt-export v1) importeren",
    description=("Alles of niets: bij een fout slaan we niets op en wijzen we elke fout aan met een JSON pointer. "
                 "Elk verhaal gaat door de anonimisering en wordt gedeeld als de verteller dat wilde, zoals een "
                 "verteld verhaal. Twee keer hetzelfde verhaal (zelfde bron en id) importeren geeft geen dubbel."),
    responses={403: {"description": "Alleen voor een beheerder van de gemeente.", "content": _PROBLEM},
               409: {"description": "Hetzelfde bestand wordt op dit moment al geïmporteerd.", "content": _PROBLEM}},
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": _DOCUMENT}}}})
def import_stories_endpoint(body: Annotated[Any, Body()], session: SessionDep, c: ContainerDep,
                            actor: ImporterDep) -> ImportReport:
    service = ImportService(session, c.story_service(session), c.campaign_service(session))
    return service.import_document(body, actor)


@router.get("/schema", summary="Het JSON Schema van het exportbestand (vertelpunt-export v1)",
            responses={200: {"description": "JSON Schema (draft 2020-12).",
                             "content": {"application/json": {"schema": {"type": "object"}}}}})
def export_schema() -> JSONResponse:
    return JSONResponse(schema())
