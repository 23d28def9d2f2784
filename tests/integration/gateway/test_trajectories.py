"""Trajectories on real OpenSearch behind the real gateway: clients followed over time (seed.generate_threads)
next to ordinary stories; counts are threads, small groups are withheld, and the thread id is never shown."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from opensearchpy import OpenSearch

from tests.integration.gateway.conftest import graphql
from vertelpunt.cli.seed import MUNICIPALITIES, SeedStory, generate, generate_threads, to_sector_envelope
from vertelpunt.contracts import search_document as doc
from vertelpunt.gateway.app import create_app
from vertelpunt.gateway.settings import GatewaySettings
from vertelpunt.search.documents import to_document
from vertelpunt.search.index import ensure_alias

pytestmark = pytest.mark.integration

THREADS = 96
TRAJECTORY = """query($filter: StoryFilterInput) {
  trajectory(sliders: ["ruimte"], filter: $filter) {
    threads { value suppressed }
    stages { stage threads { value suppressed } positive { value suppressed }
             positiveShare { value lower upper suppressed } }
    sliders { question stages { stage mean threads { value } } }
    weeksBetween { weeksFrom weeksTo threads { value suppressed } }
    meanWeeksBetween explanation
  }
}"""


@pytest.fixture(scope="module")
def followed() -> list[list[SeedStory]]:
    return generate_threads(THREADS, seed=19)


@pytest.fixture(scope="module")
def trajectory_gateway(opensearch_url: str, keycloak_url: str, followed: list[list[SeedStory]]) -> Iterator[TestClient]:
    alias = f"trajectory-test-{uuid.uuid4().hex[:8]}"
    client = OpenSearch(hosts=[opensearch_url], timeout=60)
    index = ensure_alias(client, alias)
    stories = [*generate(400, seed=23), *(s for thread in followed for s in thread)]
    lines: list[str] = []
    for story in stories:
        envelope = to_sector_envelope(story, MUNICIPALITIES[story.tenant][1])
        lines += [json.dumps({"index": {"_id": envelope.story_shared.story_id}}), json.dumps(to_document(envelope))]
    assert not client.bulk(body="\n".join(lines) + "\n", index=index, refresh=True)["errors"]
    settings = GatewaySettings(opensearch_url=opensearch_url, alias=alias, measures_index=f"{alias}-measures",
                               keycloak_url=keycloak_url, log_json=False)
    with TestClient(create_app(settings)) as gateway:
        yield gateway
    client.indices.delete(index=index)


def test_the_sector_analyst_sees_outcomes_improve_from_first_to_later_stories(
        trajectory_gateway: TestClient, gateway_tokens: dict[str, str], followed: list[list[SeedStory]]) -> None:
    body = graphql(trajectory_gateway, TRAJECTORY, gateway_tokens["analist.sector"])

    assert "errors" not in body, body
    result = body["data"]["trajectory"]
    first, later = result["stages"]
    assert (first["stage"], later["stage"]) == ("eerste", "later")
    assert result["threads"]["value"] == THREADS  # threads, not the stories they hold
    assert first["threads"]["value"] == later["threads"]["value"] == THREADS
    stories = sum(len(t) for t in followed)
    assert stories > THREADS + 20
    assert later["positiveShare"]["value"] > first["positiveShare"]["value"]
    assert first["positiveShare"]["lower"] < first["positiveShare"]["value"] < first["positiveShare"]["upper"]
    [ruimte] = result["sliders"]
    assert ruimte["stages"][1]["mean"] > ruimte["stages"][0]["mean"]
    assert 3 <= result["meanWeeksBetween"] <= 27
    assert sum(b["threads"]["value"] or 0 for b in result["weeksBetween"]) <= THREADS
    assert all(b["threads"]["suppressed"] or b["threads"]["value"] >= 10 for b in result["weeksBetween"])


def test_a_small_group_of_threads_is_withheld_not_zero(trajectory_gateway: TestClient,
                                                       gateway_tokens: dict[str, str]) -> None:
    one_municipality = sorted(MUNICIPALITIES)[0]
    body = graphql(trajectory_gateway, TRAJECTORY, gateway_tokens["analist.sector"],
                   filter={"municipalities": [one_municipality], "periodFrom": "2026-05-01",
                           "periodTo": "2026-05-31"})

    result = body["data"]["trajectory"]
    first, later = result["stages"]
    assert first["threads"] == {"value": None, "suppressed": True}  # a few threads of one municipality
    assert later["threads"]["suppressed"] or later["threads"]["value"] == 0  # none start and continue in May
    assert all(s["positiveShare"]["suppressed"] for s in result["stages"])
    assert result["meanWeeksBetween"] is None and "te weinig" in result["explanation"]


def test_the_thread_id_cannot_be_read_or_filtered_on_a_story(trajectory_gateway: TestClient,
                                                             gateway_tokens: dict[str, str]) -> None:
    listed = graphql(trajectory_gateway, '{ searchStories(query: "vervolg", first: 50) { edges { node { id } } } }',
                     gateway_tokens["verteller.zwolle"])
    asked = graphql(trajectory_gateway, "{ searchStories(first: 1) { edges { node { thread } } } }",
                    gateway_tokens["verteller.zwolle"])
    grouped = graphql(trajectory_gateway, '{ crossTab(questions: ["thread", "region"]) { cells { keys } } }',
                      gateway_tokens["analist.sector"])

    assert "errors" not in listed and doc.THREAD not in json.dumps(listed["data"])
    assert asked.get("errors")
    # "thread" is no characteristic: read as a question id, no story answers it, so nothing is counted by thread.
    assert grouped.get("errors") or grouped["data"]["crossTab"]["cells"] == []


def test_without_a_login_there_is_no_trajectory(trajectory_gateway: TestClient) -> None:
    body = graphql(trajectory_gateway, TRAJECTORY)

    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
