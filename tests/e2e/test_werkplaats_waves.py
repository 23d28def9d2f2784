"""Two sector waves in the Werkplaats, on the running platform: the demo's own seeding (`seed_waves`) lets the
sector analyst define two waves and every municipality join both through its intake (which checks them with the
gateway); the sector index gets stories in those waves; a sector analyst compares them under "Vergelijken: twee
meetronden" (axe clean, text table, CSV) and the numbers match OpenSearch."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest
from opensearchpy import OpenSearch
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import GATEWAY
from tests.e2e.test_werkplaats import ALIAS, Visit, number, percent
from tests.integration.gateway.workbench.realm import ensure_werkplaats_client
from tests.integration.keycloak_tokens import password_token
from vertelpunt.cli.onboarding import TenantConfig
from vertelpunt.cli.seed import MUNICIPALITIES, generate, to_sector_envelope
from vertelpunt.cli.seeding import DemoWave, seed_waves
from vertelpunt.contracts import search_document as doc
from vertelpunt.search.documents import to_document
from vertelpunt.search.index import ensure_alias

WAVES_INDEX = "vertelpunt-waves"
ADMINS = {"GM0193": "beheer.zwolle", "GM0150": "beheer.deventer", "GM0034": "beheer.almere"}
QUESTIONS = ("uitkomst-hielp", "verschil")
LISTENING = [DemoWave("Luisterronde voor de zomer", date(2026, 5, 11), date(2026, 8, 9), QUESTIONS),
             DemoWave("Luisterronde na de zomer", date(2026, 9, 7), date(2026, 11, 22), QUESTIONS)]


@pytest.fixture(scope="module")
def waves(platform: dict[str, TenantConfig], opensearch_url: str, keycloak_url: str) -> Iterator[dict[str, str]]:
    """Wave name -> id; the sector index holds 1,300 stories, those told in a wave's period tagged with it."""
    ensure_werkplaats_client(keycloak_url)
    campaign_of = seed_waves(list(platform.values()), ADMINS, keycloak_url, LISTENING, GATEWAY)
    token = password_token(keycloak_url, "verteller.almere")
    listed = httpx.post(GATEWAY, json={"query": "{ waves { id name } }"}, timeout=30,
                        headers={"Authorization": f"Bearer {token}"}).json()["data"]["waves"]
    ids = {w["name"]: w["id"] for w in listed if w["name"] in {wave.name for wave in LISTENING}}
    client = OpenSearch(hosts=[opensearch_url], timeout=60)
    index = ensure_alias(client, ALIAS)
    client.indices.put_mapping(index=index, body={"properties": doc.MAPPING["properties"]})
    stories, lines = [], []
    for story in generate(1300, seed=1911):
        document = to_document(to_sector_envelope(story, MUNICIPALITIES[story.tenant][1]))
        wave = next((w for w in LISTENING if w.starts_on <= story.week <= w.ends_on), None)
        if wave is not None:
            assert campaign_of(story)  # the municipality joined this wave with a campaign of the same period
            document[doc.CAMPAIGN], document[doc.WAVE] = wave.name, ids[wave.name]
        stories.append(document[doc.STORY_ID])
        lines += [json.dumps({"index": {"_id": document[doc.STORY_ID]}}), json.dumps(document)]
    assert not client.bulk(body="\n".join(lines) + "\n", index=index, refresh=True)["errors"]
    yield ids
    client.bulk(body="\n".join(json.dumps({"delete": {"_id": i}}) for i in stories) + "\n", index=index,
                refresh=True)
    for wave_id in ids.values():
        client.delete(index=WAVES_INDEX, id=wave_id, ignore=[404])


def test_a_sector_analyst_compares_two_waves_across_municipalities(browser: Browser, waves: dict[str, str],
                                                                   opensearch_url: str) -> None:
    client = OpenSearch(hosts=[opensearch_url])
    before, after = (waves[w.name] for w in LISTENING)
    visit = Visit(browser, "meetronden")
    visit.log_in("analist.sector")
    visit.page.click("nav >> text=Vergelijken")
    visit.page.click("text=Twee meetronden")
    visit.check("meetronden-kiezen")
    visit.page.select_option("#vraag", "verschil")
    visit.page.select_option("#ronde_a", before)
    visit.page.select_option("#ronde_b", after)
    visit.page.click("button:has-text('Vergelijk')")
    visit.check("meetronden-verschil")

    means = visit.rows("tabel-vergelijk")
    stories_before = client.count(index=ALIAS, body={"query": {"term": {doc.WAVE: before}}})["count"]
    assert number(means["A"][1]) == stories_before  # every story of the wave answered the triad
    assert percent(means["B"][3]) > percent(means["A"][3]) + 10  # the measure's shift between the waves
    expect(visit.page.locator(".wp-outcome")).to_contain_text("Het hielp: in A")
    expect(visit.page.locator(".wp-groups-described")).to_contain_text(LISTENING[0].name)
    with visit.page.expect_download() as csv_download:
        visit.page.locator("[data-chart-actions='vergelijk'] >> text=Download als CSV").click()
    exported = Path(csv_download.value.path()).read_text(encoding="utf-8-sig")
    assert exported.splitlines()[1].startswith(f"A;{stories_before};")

    visit.page.select_option("#ronde_b", before)
    visit.page.click("button:has-text('Vergelijk')")
    expect(visit.page.locator(".wp-error")).to_contain_text("dezelfde")
    visit.check("meetronden-dezelfde")
