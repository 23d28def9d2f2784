"""'Verder met je verhaalcode': with the story key alone a client sees the stories of the thread, stops sharing
them or erases them. The key travels only in a POST body (never in a URL or a log) and is never stored."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from vertelpunt.intake.dependencies import ContainerDep, SessionDep
from vertelpunt.intake.stories.models import Story
from vertelpunt.intake.web.endpoints import _render
from vertelpunt.kit.problem import Problem

router = APIRouter(include_in_schema=False)
FOLLOW_UP_PATH = "/verder"


def _page(request: Request, status: int = 200, key: str = "", stories: list[Story] | None = None,
          error: str | None = None, done: str | None = None) -> HTMLResponse:
    page: HTMLResponse = _render(request, "followup.html", status, key=key, stories=stories, error=error, done=done)
    return page


async def _key(request: Request) -> tuple[str, bool]:
    form = await request.form()
    key, confirm = form.get("story_key"), form.get("confirm")
    return (key[:60] if isinstance(key, str) else ""), confirm == "yes"


@router.get(FOLLOW_UP_PATH, response_class=HTMLResponse)
def follow_up(request: Request) -> HTMLResponse:
    return _page(request)


@router.post(FOLLOW_UP_PATH, response_class=HTMLResponse)
async def show(request: Request, session: SessionDep, c: ContainerDep) -> HTMLResponse:
    key, _ = await _key(request)
    service = c.story_service(session)
    try:
        stories = await run_in_threadpool(service.by_key, key)
    except Problem:
        return _page(request, 400, key, error="followup.unknown")
    return _page(request, key=key, stories=stories)


@router.post(FOLLOW_UP_PATH + "/stoppen", response_class=HTMLResponse)
async def withdraw(request: Request, session: SessionDep, c: ContainerDep) -> HTMLResponse:
    key, _ = await _key(request)
    service = c.story_service(session)
    try:
        await run_in_threadpool(service.withdraw_with_key, key)
        stories = await run_in_threadpool(service.by_key, key)
    except Problem:
        return _page(request, 400, key, error="followup.unknown")
    return _page(request, key=key, stories=stories, done="followup.withdrawn")


@router.post(FOLLOW_UP_PATH + "/wissen", response_class=HTMLResponse)
async def erase(request: Request, session: SessionDep, c: ContainerDep) -> HTMLResponse:
    key, confirmed = await _key(request)
    service = c.story_service(session)
    try:
        if not confirmed:
            stories = await run_in_threadpool(service.by_key, key)
            return _page(request, 400, key, stories=stories, error="followup.erase.needs_confirm")
        await run_in_threadpool(service.erase_with_key, key)
        stories = await run_in_threadpool(service.by_key, key)
    except Problem:
        return _page(request, 400, key, error="followup.unknown")
    return _page(request, key=key, stories=stories, done="followup.erased")
