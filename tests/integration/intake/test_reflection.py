"""Reflection through the real gateway: the intake calls the sector gateway's GraphQL with the storyteller's own
Keycloak token; with the gateway down the page still works and says so kindly."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from opensearchpy import OpenSearch

from tests.integration.intake.conftest import bearer
from tests.integration.intake.test_stories import tell_and_confirm
from tests.integration.servers import free_port, serving
from vertelpunt.cli.seed import MUNICIPALITIES, SeedStory, generate, to_sector_envelope
from vertelpunt.gateway.app import create_app as create_gateway
from vertelpunt.gateway.settings import GatewaySettings
from vertelpunt.intake.app import create_app
from vertelpunt.intake.settings import IntakeSettings
from vertelpunt.search.documents import to_document
from vertelpunt.search.index import ensure_alias

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def corpus() -> list[SeedStory]:
    return list(generate(1500, seed=31))


@pytest.fixture(scope="module")
def gateway_url(opensearch_url: str, keycloak_url: str, corpus: list[SeedStory]) -> Iterator[str]:
    alias = f"reflection-test-{uuid.uuid4().hex[:8]}"
    client = OpenSearch(hosts=[opensearch_url], timeout=60)
    index = ensure_alias(client, alias)
    lines: list[str] = []
    for story in corpus:
        envelope = to_sector_envelope(story, MUNICIPALITIES[story.tenant][1])
        lines += [json.dumps({"index": {"_id": envelope.story_shared.story_id}}), json.dumps(to_document(envelope))]
    assert not client.bulk(body="\n".join(lines) + "\n", index=index, refresh=True)["errors"]
    app = create_gateway(GatewaySettings(opensearch_url=opensearch_url, alias=alias, keycloak_url=keycloak_url,
                                         measures_index=f"{alias}-measures", log_json=False))
    with serving(app) as base:
        yield f"{base}/graphql"
    client.indices.delete(index=index)


def _intake(settings: IntakeSettings, gateway: str | None) -> TestClient:
    return TestClient(create_app(settings.model_copy(update={"gateway_url": gateway})),
                      raise_server_exceptions=False)


SCHULDEN = {"situatie": {"choices": ["schulden"]}, "interventie": {"choices": ["budgetcoaching"]},
            "uitkomst-hielp": {"choices": ["deels"]}, "uitkomst-verandering": {"choices": ["gelijk"]},
            "verschil": {"triad": [0.1, 0.3, 0.6]}, "rol": {"choices": ["staff"]}}


def _told(corpus: list[SeedStory], tenant: str | None = None, **answers: str) -> list[SeedStory]:
    return [s for s in corpus if (tenant is None or s.tenant == tenant)
            and all(option in s.answers.get(question, {}).get("choices", []) for question, option in answers.items())]


def test_a_storyteller_sees_how_budget_coaching_went_elsewhere(settings: IntakeSettings, gateway_url: str,
                                                               tokens: dict[str, str], corpus: list[SeedStory]) -> None:
    token = tokens["verteller.zwolle"]
    with _intake(settings, gateway_url) as intake:
        story_id = tell_and_confirm(intake, token, answers=SCHULDEN)
        page = intake.get(f"/reflectie/{story_id}", headers=bearer(token))
        someone_else = intake.get(f"/reflectie/{story_id}", headers=bearer(tokens["verteller.deventer"]))

    told = _told(corpus, situatie="schulden", interventie="budgetcoaching")
    helped = _told(told, **{"uitkomst-hielp": "ja"})
    assert page.status_code == 200, page.text
    assert "Je vertelde over: schulden. Wat er gedaan is: budgetcoaching." in page.text
    assert f"Het hielp in {len(helped)} van de {len(told)} verhalen: {round(100 * len(helped) / len(told))}%" \
        in page.text
    assert 'class="own-point"' in page.text and 'class="sector-mean"' in page.text and 'class="region"' in page.text
    assert 'id="tabel-driehoek"' in page.text and "<td>10%</td><td>" in page.text  # own answer: 10 / 30 / 60
    assert page.text.count('class="preview similar"') >= 1
    assert someone_else.status_code in (403, 404)


def test_the_page_still_works_when_the_gateway_is_down(settings: IntakeSettings, tokens: dict[str, str]) -> None:
    token = tokens["verteller.zwolle"]
    with _intake(settings, f"http://127.0.0.1:{free_port()}/graphql") as intake:
        story_id = tell_and_confirm(intake, token, answers=SCHULDEN)
        page = intake.get(f"/reflectie/{story_id}", headers=bearer(token))

    assert page.status_code == 200
    assert "even niet ophalen" in page.text


def test_my_stories_lists_only_the_own_stories_with_their_reflection(settings: IntakeSettings,
                                                                     tokens: dict[str, str]) -> None:
    with _intake(settings, None) as intake:
        mine = tell_and_confirm(intake, tokens["verteller.zwolle"], title="Over de wachtlijst")
        theirs = tell_and_confirm(intake, tokens["beheer.zwolle"], title="Van een collega")
        page = intake.get("/mijn-verhalen", headers=bearer(tokens["verteller.zwolle"]))
        reflection = intake.get(f"/reflectie/{mine}", headers=bearer(tokens["verteller.zwolle"]))

    assert page.status_code == 200 and "Over de wachtlijst" in page.text and f"/reflectie/{mine}" in page.text
    assert "Van een collega" not in page.text and theirs not in page.text
    assert reflection.status_code == 200 and "staat voor deze gemeente nog niet aan" in reflection.text


def test_my_stories_show_what_works_in_the_own_municipality(settings: IntakeSettings, gateway_url: str,
                                                           tokens: dict[str, str], corpus: list[SeedStory]) -> None:
    with _intake(settings, gateway_url) as intake:
        tell_and_confirm(intake, tokens["verteller.zwolle"], title="Na de brief van de deurwaarder", answers=SCHULDEN)
        page = intake.get("/mijn-verhalen", headers=bearer(tokens["verteller.zwolle"]))
        nothing_told = intake.get("/mijn-verhalen", headers=bearer(tokens["analist.zwolle"]))

    assert page.status_code == 200, page.text
    assert "Patronen in Zwolle" in page.text and "Wat werkt bij: Schulden" in page.text
    table = page.text.split('id="tabel-werkt-schulden"')[1].split("</table>")[0]
    zwolle = _told(corpus, "GM0193", situatie="schulden")
    shown = 0
    for intervention in {i for s in zwolle for i in s.answers["interventie"]["choices"]}:
        told = _told(zwolle, interventie=intervention)
        helped = len(_told(told, **{"uitkomst-hielp": "ja"}))
        stories, positive, share = table.split(f'data-intervention="{intervention}"')[1].split("</tr>")[0] \
            .split("<td>")[1:]
        if len(told) < 10:  # one colleague's story is never visible on its own
            assert "te weinig verhalen" in stories and "te weinig verhalen" in positive
        elif "te weinig" not in stories:  # (complementary suppression may withhold a larger one too)
            assert stories.startswith(f"{len(told)}<") and positive.startswith(f"{helped}<")
            if len(told) >= 30:  # a share from 30 stories, with its interval
                assert share.startswith(f"{round(100 * helped / len(told))}% (tussen")
                shown += 1
    assert shown >= 1  # budgetcoaching for debts in Zwolle
    assert 'id="tabel-driehoek"' in page.text and "Gemiddelde Zwolle" in page.text
    assert "Jouw verhaal: Na de brief van de deurwaarder" in page.text
    assert nothing_told.status_code == 200 and "Patronen in Zwolle" not in nothing_told.text
