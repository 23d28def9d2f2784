from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel

from vertelpunt.kit.problem import Problem, install_problem_handlers


class Body(BaseModel):
    count: int


def _app() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)

    @app.post("/things")
    def create(body: Body) -> dict[str, int]:
        if body.count < 0:
            raise Problem(422, "negatief", "Het aantal mag niet negatief zijn.")
        return {"count": body.count}

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("bug")

    return app


def test_validation_error_is_problem_json() -> None:
    response = TestClient(_app()).post("/things", json={"count": "veel"})

    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["invalidParams"][0]["name"] == "body.count"


def test_domain_problem_and_unknown_route() -> None:
    client = TestClient(_app(), raise_server_exceptions=False)

    assert client.post("/things", json={"count": -1}).json()["type"].endswith("/negatief")
    assert client.get("/nope").status_code == 404
    assert client.get("/nope").headers["content-type"] == "application/problem+json"
    crashed = client.get("/boom")
    assert crashed.status_code == 500
    assert "bug" not in crashed.text
