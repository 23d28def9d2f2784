from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import Field

from vertelpunt.intake.dependencies import ActorDep, ContainerDep, SessionDep
from vertelpunt.intake.frameworks.models import Framework, Question
from vertelpunt.intake.frameworks.service import FrameworkService
from vertelpunt.intake.text import CleanStr, catalogue
from vertelpunt.kit.api_rules import Schema
from vertelpunt.kit.auth import ROLE_TENANT_ADMIN
from vertelpunt.kit.problem import Problem

router = APIRouter(prefix="/api/v1/framework", tags=["framework"])


class ExtensionCreate(Schema):
    questions: list[Question] = Field(min_length=1, max_length=30)


@router.get("", response_model=Framework, summary="Het duidingskader dat nu geldt")
def current_framework(session: SessionDep, c: ContainerDep) -> Framework:
    return FrameworkService(session, c.settings.tenant_code).current()


@router.get("/versions/{version}", response_model=Framework, summary="Een eerdere versie van het kader")
def framework_version(version: CleanStr, session: SessionDep, c: ContainerDep) -> Framework:
    framework = FrameworkService(session, c.settings.tenant_code).by_version(version)
    if framework is None:
        raise Problem(404, "kader-niet-gevonden", "Deze versie van het kader bestaat niet.")
    return framework


@router.post("/extensions", response_model=Framework, status_code=201,
             summary="Eigen vragen van de gemeente toevoegen (nieuwe versie)",
             description="De Nederlandse teksten van gedeelde vragen gaan naar de sector. Lijkt er een naam, adres, "
                         "telefoonnummer, BSN of ander persoonsgegeven in te staan, dan volgt 400 "
                         "(persoonsgegevens-in-vragen) met per tekst de JSON-pointer in invalidParams, en wordt "
                         "niets opgeslagen.")
def publish_extension(body: ExtensionCreate, request: Request, session: SessionDep, c: ContainerDep,
                      actor: ActorDep) -> Framework:
    if ROLE_TENANT_ADMIN not in actor.roles:
        raise Problem(403, "geen-beheerder", "Alleen een beheerder van de gemeente kan vragen toevoegen.")
    locale = catalogue.negotiate(request.headers.get("accept-language"))
    return FrameworkService(session, c.settings.tenant_code).publish_extension(tuple(body.questions), c.anonymiser,
                                                                               locale)
