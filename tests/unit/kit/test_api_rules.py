"""The OpenAPI rewrite for the Dutch API Design Rules, and its HTTP middleware, on a small app of their own."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel

from vertelpunt.kit.api_rules import AdrHttpMiddleware, ApiContact, adr_openapi, schema_30
from vertelpunt.kit.problem import install_problem_handlers

pytestmark = pytest.mark.unit


class Parcel(BaseModel):
    label: str | None = None
    weights: tuple[float, float]
    kind: str = "doos"


def _app() -> FastAPI:
    app = FastAPI(title="Pakketten", version="2.3.4", openapi_url="/api/v2/openapi.json")
    install_problem_handlers(app)

    @app.get("/api/v2/parcels/{parcelId}")
    def read(parcelId: str) -> Parcel:
        return Parcel(weights=(1.5, 2.0))

    @app.post("/api/v2/parcels", status_code=201)
    def send(parcel: Parcel) -> Parcel:
        return parcel

    @app.delete("/api/v2/parcels/{parcelId}", status_code=204)
    def remove(parcelId: str) -> None:
        return None

    adr_openapi(app, prefix="/api/v2", server_url="https://post.example",
                contact=ApiContact(name="Post", email="api@post.example", url="https://post.example"))
    app.add_middleware(AdrHttpMiddleware, prefix="/api/v2", version="2.3.4", openapi_url="/api/v2/openapi.json")
    return app


def test_json_schema_becomes_openapi_30() -> None:
    converted = schema_30({"anyOf": [{"type": "string", "maxLength": 5}, {"type": "null"}], "title": "Naam",
                           "prefixItems": [{"type": "number"}, {"type": "number"}], "const": "x",
                           "exclusiveMinimum": 0, "propertyNames": {"pattern": "^a"}, "examples": ["abc"]})
    assert converted == {"type": "string", "maxLength": 5, "nullable": True, "title": "Naam",
                         "items": {"type": "number"}, "minItems": 2, "maxItems": 2, "enum": ["x"],
                         "minimum": 0, "exclusiveMinimum": True, "example": "abc"}
    referenced = schema_30({"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}], "default": None})
    assert referenced == {"allOf": [{"$ref": "#/components/schemas/A"}], "nullable": True, "default": None}


def test_document_follows_the_rules() -> None:
    doc: dict[str, Any] = TestClient(_app()).get("/api/v2/openapi.json").json()
    assert doc["openapi"] == "3.0.3" and doc["servers"] == [{"url": "https://post.example/api/v2",
                                                             "description": "Deze gemeente"}]
    assert doc["info"]["contact"]["email"] == "api@post.example"
    assert set(doc["paths"]) == {"/parcels", "/parcels/{parcelId}", "/openapi.json"}
    created = doc["paths"]["/parcels"]["post"]["responses"]
    assert "422" not in created and {"201", "400", "415", "default"} <= set(created)
    assert created["400"]["content"]["application/problem+json"]["schema"] == {"$ref": "#/components/schemas/Problem"}
    assert all("API-Version" in r["headers"] for item in doc["paths"].values() for op in item.values()
               for r in op["responses"].values())
    assert "HTTPValidationError" not in doc["components"]["schemas"]
    assert doc["components"]["schemas"]["Parcel"]["properties"]["label"]["nullable"] is True


def test_http_rules_at_run_time() -> None:
    client = TestClient(_app())
    slash = client.get("/api/v2/parcels/", follow_redirects=False)
    text = client.post("/api/v2/parcels", content=b'{"weights": [1, 2]}', headers={"Content-Type": "text/plain"})
    sent = client.post("/api/v2/parcels", json={"weights": [1, 2]})
    wrong_method = client.put("/api/v2/parcels/p-9")

    assert slash.status_code == 404 and slash.headers["content-type"] == "application/problem+json"
    assert text.status_code == 415 and sent.status_code == 201 and sent.headers["API-Version"] == "2.3.4"
    assert wrong_method.status_code == 405 and wrong_method.headers["allow"] == "GET, DELETE"
    assert wrong_method.json()["detail"]  # detail always present (the title when nothing more is known)
    assert client.get("/elders/").status_code == 404  # outside the API the app decides (no rule applied)
