"""The Dutch API Design Rules (ADR 2.x, the 'core' rules) for a FastAPI service: its OpenAPI document and its
HTTP behaviour.

`adr_openapi` replaces FastAPI's document generator with one that publishes OpenAPI 3.0 (/core/doc-openapi),
with `servers` holding the major version (/core/uri-version, paths relative to it), `info.contact`
(/core/doc-openapi-contact), the `API-Version` header on every response (/core/version-header), errors as
problem+json (/core/error-handling/problem-details) and no 422 that the service never sends (it answers 400,
/core/error-handling/invalid-input), and the document itself as `/openapi.json` (/core/publish-openapi).

`AdrHttpMiddleware` is plain ASGI and does what the rules ask at run time under the API prefix: a trailing
slash is 404 and never a redirect (/core/no-trailing-slash), a body that is not JSON is 415, every answer carries
`API-Version`, and the OpenAPI document may be read from any origin. `allowed_methods` gives the complete `Allow`
header of a 405 (/core/http-methods) is
set by `vertelpunt.kit.problem`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

from vertelpunt.kit.problem import PROBLEM_MEDIA_TYPE, problem_response

OPENAPI_VERSION = "3.0.3"
VERSION_HEADER = "API-Version"
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class Schema(BaseModel):
    """The base of every REST shape: camelCase names (/core/naming-conventions), Python keeps snake_case;
    a field the API does not know is refused, never silently dropped."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")


# A HAL link object (`_links`): the address of a related resource. (No docstring: it would become the
# schema's description in every service's OpenAPI document.)
class Link(Schema):
    href: str

# The keywords of an OpenAPI 3.0 Schema Object; anything else (JSON Schema 2020-12 that FastAPI emits) is dropped
# or translated, since a 3.0 validator refuses unknown keywords.
_SCHEMA_30_KEYWORDS = frozenset({
    "title", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength",
    "pattern", "maxItems", "minItems", "uniqueItems", "maxProperties", "minProperties", "required", "enum", "type",
    "allOf", "oneOf", "anyOf", "not", "items", "properties", "additionalProperties", "description", "format",
    "default", "nullable", "discriminator", "readOnly", "writeOnly", "xml", "externalDocs", "example", "deprecated",
    "$ref",
})
_SCHEMA_VALUED = frozenset({"allOf", "oneOf", "anyOf", "not", "items", "additionalProperties"})
_PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Problem details (RFC 9457).",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "format": "uri", "description": "Stable identifier of the kind of problem."},
        "title": {"type": "string", "description": "Short Dutch description of the kind of problem."},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string", "description": "What went wrong in this request."},
        "instance": {"type": "string", "description": "The path of the request."},
        "invalidParams": {
            "type": "array",
            "description": "Each field of the input that was refused, and why.",
            "items": {"type": "object", "required": ["name", "code", "reason"],
                      "properties": {"name": {"type": "string"}, "code": {"type": "string"},
                                     "reason": {"type": "string"}}},
        },
    },
}
_ERRORS: dict[str, str] = {
    "400": "De invoer klopt niet (ongeldige of onbekende velden, verboden tekens).",
    "404": "Niet gevonden.",
    "405": "Deze methode is hier niet toegestaan (zie de Allow-header).",
    "415": "De body is geen JSON (Content-Type application/json).",
}


@dataclass(frozen=True)
class ApiContact:
    name: str
    email: str
    url: str


def schema_30(node: Any) -> Any:
    """A JSON Schema (2020-12, as pydantic writes it) as an OpenAPI 3.0 Schema Object."""
    if isinstance(node, list):
        return [schema_30(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in ("properties", "patternProperties"):
            if key == "properties":
                out[key] = {name: schema_30(sub) for name, sub in value.items()}
        elif key == "const":
            out["enum"] = [value]
        elif key == "examples" and isinstance(value, list) and value:
            out["example"] = value[0]
        elif key == "prefixItems":
            items = [schema_30(item) for item in value]
            out["items"] = items[0] if all(item == items[0] for item in items) else {"anyOf": items}
            out.setdefault("minItems", len(items))
            out.setdefault("maxItems", len(items))
        elif key == "exclusiveMinimum" and not isinstance(value, bool):
            out["minimum"], out["exclusiveMinimum"] = value, True
        elif key == "exclusiveMaximum" and not isinstance(value, bool):
            out["maximum"], out["exclusiveMaximum"] = value, True
        elif key in _SCHEMA_VALUED:
            out[key] = schema_30(value)
        elif key in _SCHEMA_30_KEYWORDS:
            out[key] = copy.deepcopy(value)  # values (enum, default, example, ...), not schemas
    _nullable(out)
    if "$ref" in out and len(out) > 1:  # 3.0 ignores siblings of $ref: wrap it
        out = {"allOf": [{"$ref": out.pop("$ref")}], **out}
    return out


def _nullable(schema: dict[str, Any]) -> None:
    for keyword in ("anyOf", "oneOf"):
        variants = schema.get(keyword)
        if not isinstance(variants, list) or {"type": "null"} not in variants:
            continue
        rest = [v for v in variants if v != {"type": "null"}]
        schema["nullable"] = True
        if len(rest) == 1:
            del schema[keyword]
            only = rest[0]
            if "$ref" in only:
                schema["allOf"] = [only]
            else:
                schema.update({k: v for k, v in only.items() if k not in schema})
        else:
            schema[keyword] = rest
    if schema.get("nullable") and "type" not in schema and "allOf" not in schema and "$ref" not in schema \
            and "anyOf" not in schema and "oneOf" not in schema:
        schema.pop("nullable")  # `nullable` needs a `type` in 3.0; an untyped schema already allows null


def _problem(description: str, version_header: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "headers": version_header,
            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}}


def _operations(doc: dict[str, Any]) -> Iterable[tuple[str, str, dict[str, Any]]]:
    for path, item in doc.get("paths", {}).items():
        for method in HTTP_METHODS:
            if method in item:
                yield path, method, item[method]


def adr_document(doc: dict[str, Any], *, prefix: str, server_url: str, contact: ApiContact) -> dict[str, Any]:
    """FastAPI's OpenAPI document (any 3.x) rewritten to follow the Dutch API Design Rules."""
    doc = copy.deepcopy(doc)
    doc["openapi"] = OPENAPI_VERSION
    doc["info"]["contact"] = {"name": contact.name, "email": contact.email, "url": contact.url}
    doc["servers"] = [{"url": server_url.rstrip("/") + prefix, "description": "Deze gemeente"}]
    components = doc.setdefault("components", {})
    schemas = {name: schema_30(s) for name, s in components.get("schemas", {}).items()
               if name not in ("HTTPValidationError", "ValidationError")}
    schemas["Problem"] = copy.deepcopy(_PROBLEM_SCHEMA)
    components["schemas"] = schemas
    components["headers"] = {VERSION_HEADER: {
        "description": "De volledige versie van de API (semver).", "required": True,
        "schema": {"type": "string", "example": doc["info"]["version"]}}}
    version_header = {VERSION_HEADER: {"$ref": f"#/components/headers/{VERSION_HEADER}"}}

    paths: dict[str, Any] = {}
    for path, item in doc.get("paths", {}).items():
        paths[path[len(prefix):] if path.startswith(prefix + "/") else path] = item
    doc["paths"] = paths
    for path, _method, operation in _operations(doc):
        for parameter in operation.get("parameters", []):
            if "schema" in parameter:
                parameter["schema"] = schema_30(parameter["schema"])
        for media in operation.get("requestBody", {}).get("content", {}).values():
            if "schema" in media:
                media["schema"] = schema_30(media["schema"])
        responses: dict[str, Any] = operation.setdefault("responses", {})
        responses.pop("422", None)
        for response in responses.values():
            for media in response.get("content", {}).values():
                if "schema" in media:
                    media["schema"] = schema_30(media["schema"])
        responses.setdefault("400", _problem(_ERRORS["400"], version_header))
        if "{" in path:
            responses.setdefault("404", _problem(_ERRORS["404"], version_header))
        if "requestBody" in operation:
            responses.setdefault("415", _problem(_ERRORS["415"], version_header))
        responses.setdefault("405", _problem(_ERRORS["405"], version_header))
        responses["default"] = _problem("Een andere fout, als problem+json.", version_header)
        for response in responses.values():
            response["headers"] = {**response.get("headers", {}), **version_header}

    paths["/openapi.json"] = {"get": {
        "tags": ["openapi"], "summary": "Dit OpenAPI-document", "operationId": "openapi",
        "responses": {"200": {
            "description": "Het OpenAPI-document (3.0) van deze API.",
            "headers": {**version_header, "Access-Control-Allow-Origin": {
                "description": "Iedereen mag het document lezen.", "schema": {"type": "string", "enum": ["*"]}}},
            "content": {"application/json": {"schema": {"type": "object"}}}}},
    }}
    return doc


def adr_openapi(app: FastAPI, *, prefix: str, server_url: str, contact: ApiContact) -> None:
    """Serve the rule-following document at the app's `openapi_url` (generated once, then cached)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            generated = get_openapi(title=app.title, version=app.version, description=app.description,
                                    routes=app.routes, tags=app.openapi_tags)
            app.openapi_schema = adr_document(generated, prefix=prefix, server_url=server_url, contact=contact)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _is_json_media_type(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


class AdrHttpMiddleware:
    """Trailing slash 404, non-JSON bodies 415 under `prefix`; `API-Version` on every answer; the OpenAPI
    document readable from any origin. Place it outermost, so answers of other middleware carry the header too."""

    def __init__(self, app: ASGIApp, *, prefix: str, version: str, openapi_url: str) -> None:
        self.app = app
        self.prefix = prefix.rstrip("/")
        self.version = version.encode()
        self.openapi_url = openapi_url

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        public_document = path == self.openapi_url

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"api-version"]
                headers.append((b"api-version", self.version))
                if public_document:
                    headers = [(k, v) for k, v in headers if k.lower() != b"access-control-allow-origin"]
                    headers.append((b"access-control-allow-origin", b"*"))
                message["headers"] = headers
            await send(message)

        refusal = self._refusal(scope, path)
        if refusal is not None:
            await refusal(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    def _refusal(self, scope: Scope, path: str) -> ASGIApp | None:
        if not (path == self.prefix or path.startswith(self.prefix + "/")):
            return None
        if path.endswith("/"):
            return problem_response(404, "http-404", "Niet gevonden.",
                                    "Een adres van de API eindigt nooit op een schuine streep.", path)
        if scope["method"] in BODY_METHODS and _has_body(scope):
            content_type = _header(scope, b"content-type")
            if not _is_json_media_type(content_type):
                return problem_response(415, "http-415", "Dit formaat kunnen we niet lezen.",
                                        "Stuur de gegevens als JSON (Content-Type: application/json).", path)
        return None


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return ""


def _has_body(scope: Scope) -> bool:
    if _header(scope, b"transfer-encoding"):
        return True
    length = _header(scope, b"content-length")
    return bool(re.fullmatch(r"\s*\d+\s*", length)) and int(length) > 0
