"""RFC 9457 problem details for every REST error, so clients never see an HTML page or a bare 500."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import BaseRoute, Match

from vertelpunt.kit.logging import get_logger

PROBLEM_MEDIA_TYPE = "application/problem+json"
ALLOW_CANDIDATES = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
log = get_logger(__name__)


class Problem(Exception):
    """An error a client can act on: HTTP status, a stable type slug and a (Dutch) human title."""

    def __init__(self, status: int, type_: str, title: str, detail: str | None = None,
                 **extensions: Any) -> None:
        super().__init__(detail or title)
        self.status = status
        self.type = type_
        self.title = title
        self.detail = detail
        self.extensions = extensions


def json_pointer(*parts: str | int) -> str:
    """An RFC 6901 JSON pointer to a part of a request body, for `invalidParams` ("/questions/0/label/nl")."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def problem_response(status: int, type_: str, title: str, detail: str | None = None,
                     instance: str | None = None, **extensions: Any) -> JSONResponse:
    # `detail` is always there (the Dutch API Design Rules require it): without one of its own, the title.
    body: dict[str, Any] = {"type": f"https://vertelpunt.nl/problemen/{type_}", "title": title,
                            "status": status, "detail": detail or title}
    if instance:
        body["instance"] = instance
    body.update(extensions)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE)


def allowed_methods(routes: Iterable[BaseRoute], scope: Any) -> list[str]:
    """Every method that some route answers for this path: the complete `Allow` header of a 405 (Starlette
    names only the methods of the first route that matched the path). Each method is tried against the routes,
    so routers that FastAPI includes lazily are asked too."""
    routes = list(routes)
    return [method for method in ALLOW_CANDIDATES
            if any(route.matches({**scope, "method": method})[0] == Match.FULL for route in routes)]


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        return problem_response(exc.status, exc.type, exc.title, exc.detail, request.url.path, **exc.extensions)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"name": ".".join(str(p) for p in e.get("loc", ())), "code": e.get("type", "invalid"),
             "reason": e.get("msg", "")}
            for e in exc.errors()
        ]
        return problem_response(400, "ongeldige-invoer", "De invoer klopt niet.", "Controleer de velden.",
                                request.url.path, invalidParams=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        titles = {401: "Je bent niet ingelogd.", 403: "Je hebt hier geen toegang toe.",
                  404: "Niet gevonden.", 405: "Deze methode is hier niet toegestaan.",
                  406: "Dit formaat kunnen we niet leveren.", 415: "Dit formaat kunnen we niet lezen.",
                  429: "Te veel verzoeken. Probeer het later opnieuw."}
        response = problem_response(exc.status_code, f"http-{exc.status_code}",
                                    titles.get(exc.status_code, "Er ging iets mis."),
                                    str(exc.detail) if exc.detail else None, request.url.path)
        if exc.headers:
            response.headers.update(exc.headers)
        if exc.status_code == 405 and (allow := allowed_methods(request.app.routes, request.scope)):
            response.headers["Allow"] = ", ".join(allow)
        return response

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled_error", path=request.url.path)
        return problem_response(500, "interne-fout", "Er ging iets mis aan onze kant.",
                                "Probeer het later opnieuw.", request.url.path)
