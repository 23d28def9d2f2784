"""The Dutch API Design Rules at run time, against the real intake (PostgreSQL and SQLite, real Keycloak tokens):
what the OpenAPI document promises is what the service does."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.integration.intake.conftest import bearer, story_body
from vertelpunt.intake.app import create_app
from vertelpunt.intake.settings import IntakeSettings

pytestmark = pytest.mark.integration

OWN_SITE = "https://werk.gemeente-zwolle.example"
CAMEL = re.compile(r"^[a-z][a-z0-9]*([A-Z][a-z0-9]*)*$")
SNAKE = re.compile(r"^[a-z0-9]+_[a-z0-9_]+$")
METHODS = ("get", "post", "put", "patch", "delete")


def is_problem(response: Any, status: int) -> bool:
    return (response.status_code == status and response.headers["content-type"].startswith("application/problem+json")
            and response.json()["status"] == status and response.json()["detail"])


@pytest.fixture
def cors_client(settings: IntakeSettings) -> Iterator[TestClient]:
    with TestClient(create_app(settings.model_copy(update={"cors_origins": [OWN_SITE]})),
                    raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def document(client: TestClient) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json", headers={"Origin": "https://elders.example"})
    assert response.status_code == 200 and response.headers["access-control-allow-origin"] == "*"
    return dict(response.json())


def _operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in document["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def _property_names(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                yield from value
            yield from _property_names(value)
    elif isinstance(node, list):
        for item in node:
            yield from _property_names(item)


def test_document_is_openapi_30_with_servers_and_contact(document: dict[str, Any]) -> None:
    assert re.fullmatch(r"3\.0\.\d+", document["openapi"])
    assert document["servers"][0]["url"] == "http://testserver/api/v1"
    assert set(document["info"]["contact"]) >= {"name", "email", "url"}
    assert "/openapi.json" in document["paths"] and "/stories" in document["paths"]
    assert not any(path.endswith("/") and path != "/" for path in document["paths"])


def test_every_documented_response_declares_api_version_and_no_422(document: dict[str, Any]) -> None:
    checked = 0
    for path, method, operation in _operations(document):
        assert "422" not in operation["responses"], f"{method} {path}"
        for code, response in operation["responses"].items():
            assert "API-Version" in response.get("headers", {}), f"{method} {path} {code}"
            checked += 1
        if path != "/openapi.json":
            refused = operation["responses"]["400"]["content"]
            assert list(refused) == ["application/problem+json"], f"{method} {path}"
    assert checked > 40


def test_names_are_camel_case_in_schemas_parameters_and_paths(document: dict[str, Any]) -> None:
    names = set(_property_names(document["components"]["schemas"])) - {"_links"}
    assert names and not [n for n in names if not CAMEL.match(n)]
    assert {"allowNa", "allowOther", "pageSize", "anonymisedText"} <= names
    parameters = [(p["name"], p["in"]) for _, _, op in _operations(document) for p in op.get("parameters", [])]
    assert not [n for n, where in parameters if where in ("query", "path") and not CAMEL.match(n)]
    assert ("storyId", "path") in parameters and ("campaignId", "path") in parameters
    state = document["components"]["schemas"]["StoryState"]["enum"]
    assert "pendingReview" in state and not [v for v in state if SNAKE.match(v)]


def test_trailing_slash_is_404_and_never_a_redirect(client: TestClient, tokens: dict[str, str]) -> None:
    headers = bearer(tokens["analist.zwolle"])
    assert client.get("/api/v1/stories", headers=headers).status_code == 200
    for method, path in (("GET", "/api/v1/stories/"), ("POST", "/api/v1/campaigns/"), ("GET", "/api/v1/framework/")):
        response = client.request(method, path, headers=headers, follow_redirects=False)
        assert is_problem(response, 404), (method, path, response.status_code)
        assert "location" not in response.headers and response.headers["API-Version"] == "1.0.0"


def test_body_that_is_not_json_is_415(client: TestClient, tokens: dict[str, str]) -> None:
    headers = bearer(tokens["verteller.zwolle"])
    body = story_body(title="Hulp bij de energierekening", consentToShare=False)
    as_form = client.post("/api/v1/stories", data={"title": "Hulp bij de energierekening"}, headers=headers)
    as_text = client.post("/api/v1/stories", content=str(body), headers={**headers, "Content-Type": "text/plain"})
    as_json = client.post("/api/v1/stories", json=body, headers=headers)
    assert is_problem(as_form, 415) and is_problem(as_text, 415)
    assert as_text.headers["API-Version"] == "1.0.0"
    assert as_json.status_code == 201, as_json.text  # the same story as JSON is accepted


def test_405_names_every_allowed_method(client: TestClient, tokens: dict[str, str]) -> None:
    headers = bearer(tokens["beheer.zwolle"])
    on_collection = client.put("/api/v1/stories", json={}, headers=headers)
    on_item = client.put("/api/v1/stories/0c1d2e3f", json={}, headers=headers)
    on_campaigns = client.delete("/api/v1/campaigns", headers=headers)
    assert is_problem(on_collection, 405) and is_problem(on_item, 405) and is_problem(on_campaigns, 405)
    assert set(on_collection.headers["allow"].split(", ")) == {"GET", "POST"}
    assert set(on_item.headers["allow"].split(", ")) == {"GET", "DELETE"}
    assert set(on_campaigns.headers["allow"].split(", ")) == {"GET", "POST"}


def test_cors_only_for_the_municipalitys_own_sites(cors_client: TestClient, tokens: dict[str, str]) -> None:
    asked = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type"}
    own = cors_client.options("/api/v1/stories", headers={"Origin": OWN_SITE, **asked})
    other = cors_client.options("/api/v1/stories", headers={"Origin": "https://nep-gemeente.example", **asked})
    read = cors_client.get("/api/v1/framework", headers={"Origin": OWN_SITE, **bearer(tokens["analist.zwolle"])})

    assert own.status_code == 200 and own.headers["access-control-allow-origin"] == OWN_SITE
    assert "POST" in own.headers["access-control-allow-methods"]
    assert "authorization" in own.headers["access-control-allow-headers"].lower()
    assert own.headers["API-Version"] == "1.0.0"
    assert other.status_code == 400 and "access-control-allow-origin" not in other.headers
    assert read.headers["access-control-allow-origin"] == OWN_SITE
    assert "API-Version" in read.headers["access-control-expose-headers"]


def test_no_cors_without_configured_origins(client: TestClient) -> None:
    preflight = client.options("/api/v1/stories", headers={"Origin": OWN_SITE, "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in preflight.headers


def test_hal_links_are_objects_and_lead_on(client: TestClient, tokens: dict[str, str]) -> None:
    teller = bearer(tokens["verteller.zwolle"])
    for n in range(3):
        told = client.post("/api/v1/stories", json=story_body(title=f"Een nieuwe start nummer {n}"), headers=teller)
        assert told.status_code == 201, told.text
    analyst = {**bearer(tokens["analist.zwolle"]), "X-Access-Purpose": "controle van de paginering"}

    first = client.get("/api/v1/stories?pageSize=2&status=pendingReview", headers=analyst)
    assert first.status_code == 200, first.text
    links = first.json()["_links"]
    assert links["self"] == {"href": "/api/v1/stories?pageSize=2&page=1"} and "prev" not in links
    second = client.get(links["next"]["href"], headers=analyst).json()
    assert set(second["_links"]) == {"self", "prev"} and second["_links"]["prev"]["href"].endswith("page=1")
    assert [s["status"] for s in first.json()["items"] + second["items"]] == ["pendingReview"] * 3
    assert is_problem(client.get("/api/v1/stories?status=pending_review", headers=analyst), 400)


def test_framework_and_preview_speak_camel_case(client: TestClient, tokens: dict[str, str]) -> None:
    framework = client.get("/api/v1/framework", headers=bearer(tokens["verteller.zwolle"])).json()
    keys = {key for question in framework["questions"] for key in question}
    assert {"allowNa", "allowOther"} <= keys and not [k for k in keys if "_" in k]
    preview = client.post("/api/v1/stories", json=story_body(title="Weer grip op de post"),
                          headers=bearer(tokens["verteller.zwolle"])).json()
    assert preview["status"] == "pendingReview" and not [k for k in preview if "_" in k]
