"""Rendering: Jinja2 templates with the Dutch catalogue, the session cookie written on every response."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from vertelpunt.gateway.workbench import session as sessions
from vertelpunt.gateway.workbench.labels import LabelBook
from vertelpunt.gateway.workbench.text import catalogue
from vertelpunt.gateway.workbench.views.common import SUPPRESSED
from vertelpunt.kit.web_security import build_csp

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters["zip_self"] = lambda values: [(v, v) for v in values]
templates.env.filters["labelled"] = lambda values, labels, field: [(v, labels.value(field, v)) for v in values]
STATIC = f"{sessions.BASE}/static"
NAVIGATION = [("wat-werkt", "nav.what_works"), ("patronen", "nav.patterns"), ("trends", "nav.trends"),
              ("vergelijken", "nav.compare"), ("kennisbank", "nav.knowledge"), ("rapport", "nav.report")]
ANALYSTS_ONLY = {"rapport"}  # pages only analysts may use; the menu hides them for other roles


def save_session(response: Response, request: Request, session: sessions.Session) -> Response:
    settings = request.app.state.settings
    sessions.save(response, session, settings.session_secret, settings.https)
    return response


def page_policy(keycloak_url: str) -> str:
    """The strict default policy, except that a form may also lead to Keycloak: logging out is a POST (with a CSRF
    token) that ends at Keycloak's end-session endpoint, and browsers apply form-action to that redirect too."""
    parts = urlsplit(keycloak_url)
    return build_csp(form_action=("'self'", f"{parts.scheme}://{parts.netloc}"))


def render(request: Request, session: sessions.Session, template: str, status: int = 200,
           **context: Any) -> Response:
    locale = catalogue.negotiate(request.headers.get("accept-language"))

    def t(message_key: str, /, **params: Any) -> str:
        return catalogue.text(message_key, locale, **params)

    response = templates.TemplateResponse(request, template, {
        "t": t, "locale": locale, "base": sessions.BASE, "static": STATIC, "navigation": NAVIGATION,
        "analysts_only": ANALYSTS_ONLY,
        "labels": LabelBook(), "suppressed": SUPPRESSED, "csrf": session.csrf() if session.get("access_token") else "",
        "logout_path": sessions.LOGOUT_PATH, **context}, status_code=status,
        headers={"Cache-Control": "no-store",
                 "Content-Security-Policy": page_policy(request.app.state.settings.keycloak_url)})
    return save_session(response, request, session)


def redirect(request: Request, session: sessions.Session, url: str) -> Response:
    return save_session(RedirectResponse(url, status_code=303), request, session)


def error_page(request: Request, session: sessions.Session, status: int, message: str,
               **context: Any) -> Response:
    return render(request, session, "error.html", status, message=message, **context)


def csv_response(request: Request, session: sessions.Session, filename: str, body: str) -> Response:
    response = Response(body, media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{filename}"',
                                 "Cache-Control": "no-store"})
    return save_session(response, request, session)
