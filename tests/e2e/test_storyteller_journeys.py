"""Storytellers get something back (issue 12), in headless Chromium on the running platform:

- a consulent logs in through Keycloak in the browser (the intake's own web login), tells a story and sees the
  reflection: the sector's share of positive outcomes with its interval, the own triad answer on the sector's
  pattern, similar anonymised stories of other municipalities; then "Mijn verhalen" with the municipality's
  patterns;
- a client tells through a campaign link, comes back a month later with the story key (the intake's clock moved
  by the test, not slept) and tells a follow-up; an analyst sees the trajectory with this thread in it;
- a client stops sharing and erases their story with the key alone.

Every page is checked with axe-core and for CSP violations (tests/e2e/browser.py). The sector index gets stories
of the test's own (other seeds, names and texts than other tests), written straight into OpenSearch as the
indexer would and removed afterwards; every number on a page is checked against counts computed here from what
the index held before, what the test seeded and what the storyteller answered, never through the gateway.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import re
import string
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
from opensearchpy import OpenSearch
from playwright.sync_api import Browser, expect

from tests.e2e.browser import PHONE, PHONE_AGENT, Tab
from tests.e2e.conftest import gateway_query
from tests.integration.keycloak_tokens import password_token
from tests.integration.servers import free_port, serving
from vertelpunt.anonymisation import anonymise
from vertelpunt.cli.onboarding import TenantConfig
from vertelpunt.cli.seed import MUNICIPALITIES, SeedStory, generate, generate_threads, to_sector_envelope
from vertelpunt.contracts import search_document as doc
from vertelpunt.intake.app import build_container, create_app
from vertelpunt.intake.settings import IntakeSettings
from vertelpunt.search.documents import TRIAD_DELTA, to_document
from vertelpunt.search.index import ensure_alias

pytestmark = pytest.mark.e2e
ALIAS = "vertelpunt-stories"
GATEWAY = "http://127.0.0.1:8000/graphql"
SITUATION, INTERVENTION, HELPED = "wonen", "keukentafelgesprek", "uitkomst-hielp"
OTHERS = {"GM0150": "Overijssel", "GM0034": "Flevoland", "GM0344": "Utrecht"}  # not Zwolle, the consulent's own
OWN_TRIAD = (20, 50, 30)
PLANTED = {"name": "Ilse Baarsma", "street": "Vechtstraat 14", "phone": "06-23456789"}


@dataclass
class Seeded:
    """What the index held before, and what this module put in."""

    marker: str
    stories: list[SeedStory] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    before: list[dict[str, Any]] = field(default_factory=list)          # docs of the situation and intervention
    threads_before: list[dict[str, Any]] = field(default_factory=list)  # docs of every thread
    similar_texts: set[str] = field(default_factory=set)                # the other municipalities' marker stories


def letter_marker() -> str:
    """A word found only in this run's stories; letters only (the anonymiser splits a hex marker at its digits)."""
    return "proef" + "".join(random.choices(string.ascii_lowercase, k=12))


def _documents(client: OpenSearch, query: dict[str, Any]) -> list[dict[str, Any]]:
    result = client.search(index=ALIAS, body={"query": query, "size": 10000})
    return [h["_source"] for h in result["hits"]["hits"]]


def _both_choices() -> dict[str, Any]:
    return {"bool": {"filter": [{"term": {doc.choice_field("situatie"): SITUATION}},
                                {"term": {doc.choice_field("interventie"): INTERVENTION}}]}}


THREADED = {"bool": {"filter": [{"exists": {"field": doc.THREAD}}, {"exists": {"field": doc.THREAD_NUMBER}}]}}


def _housing_stories(marker: str) -> list[SeedStory]:
    """Stories about housing talked over at the kitchen table: with the marker in three other municipalities (the
    similar ones), without it in Zwolle (its own patterns). The outcome mostly helped, so in every line of the
    tables 'helped' is the largest cell, never the one complementary suppression takes."""
    week = date(2026, 9, 14)
    outcomes = ["ja"] * 7 + ["nee"] * 3 + ["deels"] * 2
    stories = []
    for tenant, region in OTHERS.items():
        for index, helped in enumerate(outcomes):
            triad = [0.2 + 0.02 * index, 0.5 - 0.01 * index, 0.3 - 0.01 * index]
            stories.append(SeedStory(
                tenant, week + timedelta(weeks=index % 4), f"Huurachterstand aan de keukentafel {marker} {index}",
                f"Aan de keukentafel spraken we over de huurachterstand en de brief van de verhuurder. {marker} "
                f"Daarna kwam er een betalingsregeling, gesprek {index} in {region}.", "web", "staff",
                _answers(helped, triad)))
    for index, helped in enumerate(["ja"] * 16 + ["nee"] * 8 + ["deels"] * 6):
        stories.append(SeedStory("GM0193", week + timedelta(weeks=index % 5), "Samen de huurschuld bekeken",
                                 f"Thuis bij de bewoner keken we naar de huurschuld, ronde {index}.", "assisted",
                                 "staff", _answers(helped, [0.35, 0.4, 0.25])))
    return stories


def _answers(helped: str, triad: list[float]) -> dict[str, dict[str, Any]]:
    return {"situatie": {"choices": [SITUATION]}, "interventie": {"choices": [INTERVENTION]},
            HELPED: {"choices": [helped]}, "uitkomst-verandering": {"choices": ["beter" if helped == "ja" else
                                                                                 "gelijk"]},
            "verschil": {"triad": triad}, "rol": {"choices": ["staff"]}}


@pytest.fixture(scope="module")
def sector(platform: dict[str, TenantConfig], opensearch_url: str) -> Iterator[tuple[OpenSearch, Seeded]]:
    """A corpus (1,500 stories, 90 clients followed over time) plus the housing stories, after a snapshot of
    what the index held before."""
    client = OpenSearch(hosts=[opensearch_url], timeout=60)
    index = ensure_alias(client, ALIAS)
    client.indices.put_mapping(index=index, body={"properties": doc.MAPPING["properties"]})
    client.indices.refresh(index=index)
    seeded = Seeded(marker=letter_marker(), before=_documents(client, _both_choices()),
                    threads_before=_documents(client, THREADED))
    housing = _housing_stories(seeded.marker)
    # As the sector holds them: anonymised at the intake ("gesprek 3 in Utrecht" reads as a place name there).
    seeded.similar_texts = {anonymise(s.text).text for s in housing if seeded.marker in s.text}
    regions = {code: region for code, (_, region) in MUNICIPALITIES.items()} | OTHERS
    seeded.stories = [*generate(1500, seed=20261128), *housing,
                      *(s for thread in generate_threads(90, seed=1128) for s in thread)]
    lines: list[str] = []
    for story in seeded.stories:
        envelope = to_sector_envelope(story, regions[story.tenant])
        seeded.ids.append(envelope.story_shared.story_id)
        lines += [json.dumps({"index": {"_id": seeded.ids[-1]}}), json.dumps(to_document(envelope))]
    for start in range(0, len(lines), 2000):
        assert not client.bulk(body="\n".join(lines[start:start + 2000]) + "\n", index=index)["errors"]
    client.indices.refresh(index=index)
    yield client, seeded
    for start in range(0, len(seeded.ids), 1000):
        client.bulk(body="\n".join(json.dumps({"delete": {"_id": i}}) for i in seeded.ids[start:start + 1000])
                    + "\n", index=index)
    client.indices.refresh(index=index)


def _wait_for(client: OpenSearch, query: dict[str, Any], count: int = 1, timeout: float = 90) -> list[dict[str, Any]]:
    """Polls the index until the stories have arrived through relay, federation and indexer."""
    deadline = time.monotonic() + timeout
    while True:
        client.indices.refresh(index=ALIAS)
        found = _documents(client, query)
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.5)


# -- independent arithmetic ----------------------------------------------------------------------------------
def wilson(positive: int, total: int, z: float = 1.959964) -> tuple[float, float, float]:
    p = positive / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return p, centre - half, centre + half


def geometric_mean(triads: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    logs = [sum(math.log(max(t[i], TRIAD_DELTA) / sum(max(p, TRIAD_DELTA) for p in t)) for t in triads) / len(triads)
            for i in range(3)]
    parts = [math.exp(v) for v in logs]
    return parts[0] / sum(parts), parts[1] / sum(parts), parts[2] / sum(parts)


def _choices(source: dict[str, Any], question: str) -> list[str]:
    return list((source.get(doc.CHOICE) or {}).get(question) or [])


def _triad(source: dict[str, Any]) -> tuple[float, float, float] | None:
    value = (source.get(doc.TRIAD) or {}).get("verschil")
    return (value["a"], value["b"], value["c"]) if value else None


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


# -- a consulent: web login, tell, reflection, Mijn verhalen -------------------------------------------------
def test_a_consulent_tells_and_sees_how_it_went_elsewhere_and_in_zwolle(
        browser: Browser, platform: dict[str, TenantConfig], sector: tuple[OpenSearch, Seeded]) -> None:
    client, seeded = sector
    base = f"http://127.0.0.1:{platform['GM0193'].port}"
    tab = Tab(browser, "verhalen/consulent")
    page = tab.page
    page.goto(f"{base}/")
    page.click("text=Inloggen als medewerker")
    page.fill("#username", "verteller.zwolle")
    page.fill("#password", "demo")
    page.click("#kc-login")  # Keycloak's own login page; the intake gets the code and keeps the token
    page.wait_for_url(f"{base}/vertel")
    tab.check("1-formulier")

    title = f"Huurachterstand aan de keukentafel {seeded.marker}"
    page.fill("#title", title)
    page.fill("#text", f"Mevrouw {PLANTED['name']} van de {PLANTED['street']} belde met {PLANTED['phone']}. Aan haar "
                       f"keukentafel maakten we een plan voor de huurachterstand. {seeded.marker}")
    for option in (f"situatie-{SITUATION}", f"interventie-{INTERVENTION}", "uitkomst-hielp-ja",
                   "uitkomst-verandering-beter", "rol-staff"):
        page.check(f"#q\\.{option}")
    for key, percent in zip("abc", OWN_TRIAD, strict=True):
        page.fill(f"#q\\.verschil\\.{key}", str(percent))
    page.check("#consent-yes")
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Lees je verhaal nog een keer")
    tab.check("2-controleren")
    page.click("#send")
    expect(page.locator("h1")).to_have_text("Bedankt voor je verhaal")
    tab.check("3-bedankt")

    # The numbers are deterministic once the own story is in the sector index too.
    own = _wait_for(client, {"bool": {"filter": [{"match": {doc.TITLE: seeded.marker}},
                                                 {"term": {doc.TENANT: "GM0193"}}]}})
    assert len(own) == 1 and PLANTED["name"] not in own[0][doc.TEXT]
    page.click("text=Bekijk hoe het elders ging")
    expect(page.locator("h1")).to_have_text("Hoe ging het elders?")
    tab.check("4-reflectie")

    housing = [s for s in seeded.stories if SITUATION in s.answers["situatie"]["choices"]
               and INTERVENTION in s.answers["interventie"]["choices"]]
    helped = [s for s in housing if s.answers[HELPED]["choices"] == ["ja"]]
    before_helped = [d for d in seeded.before if "ja" in _choices(d, HELPED)]
    total, positive = len(seeded.before) + len(housing) + 1, len(before_helped) + len(helped) + 1
    share = page.locator("#deel-geholpen")
    assert int(share.get_attribute("data-stories") or 0) == total
    assert int(share.get_attribute("data-positive") or 0) == positive
    value, lower, upper = wilson(positive, total)
    for attribute, wanted in (("data-value", value), ("data-lower", lower), ("data-upper", upper)):
        assert abs(float(share.get_attribute(attribute) or "nan") - wanted) < 1e-4, attribute
    expect(share).to_contain_text(f"Het hielp in {positive} van de {total} verhalen: {round(100 * value)}%. Het echte "
                                  f"deel ligt waarschijnlijk tussen {round(100 * lower)}% en {round(100 * upper)}%.")

    triads = [t for t in map(_triad, seeded.before) if t] + \
        [(s.answers["verschil"]["triad"][0], s.answers["verschil"]["triad"][1], s.answers["verschil"]["triad"][2])
         for s in housing] + [(OWN_TRIAD[0] / 100, OWN_TRIAD[1] / 100, OWN_TRIAD[2] / 100)]
    mean = geometric_mean(triads)
    rows = tab.rows("tabel-driehoek")
    assert [rows[corner][0] for corner in rows] == [f"{v}%" for v in OWN_TRIAD]
    assert all(abs(int(rows[corner][1].rstrip("%")) - 100 * m) <= 1 for corner, m in zip(rows, mean, strict=True))
    expect(page.locator("#tabel-driehoek + .hint")).to_contain_text(f"{len(triads)} antwoorden")

    similar = page.locator("article.similar")
    expect(similar).to_have_count(3)
    for text in similar.locator("p").all_inner_texts():
        assert text in {t[:400] for t in seeded.similar_texts}  # other municipalities, never the own story
    html = page.content()
    assert all(planted not in html for planted in PLANTED.values())  # the own raw text is nowhere on the page

    page.click("text=Mijn verhalen")
    expect(page.locator("h1")).to_have_text("Mijn verhalen")
    expect(page.locator("#patronen h2")).to_have_text("Patronen in Zwolle")
    tab.check("5-mijn-verhalen")
    zwolle = [s for s in housing if s.tenant == "GM0193"]
    zwolle_before = [d for d in seeded.before if d[doc.TENANT] == "GM0193"]
    told = len(zwolle_before) + len(zwolle) + 1
    worked = sum("ja" in _choices(d, HELPED) for d in zwolle_before) + \
        sum(s.answers[HELPED]["choices"] == ["ja"] for s in zwolle) + 1
    row = [c.strip() for c in
           page.locator(f"#tabel-werkt-{SITUATION} tr[data-intervention='{INTERVENTION}'] td").all_inner_texts()]
    value, lower, upper = wilson(worked, told)
    assert row == [str(told), str(worked), f"{round(100 * value)}% (tussen {round(100 * lower)}% en "
                                           f"{round(100 * upper)}%)"]
    expect(page.locator("#tabel-driehoek thead th").nth(2)).to_contain_text(seeded.marker)  # newest first
    assert [cells[1] for cells in tab.rows("tabel-driehoek").values()] == [f"{v}%" for v in OWN_TRIAD]
    answered = client.count(index=ALIAS, body={"query": {"bool": {"filter": [
        {"term": {doc.TENANT: "GM0193"}}, {"exists": {"field": doc.triad_field("verschil", "ilr1")}}]}}})["count"]
    expect(page.locator("#tabel-driehoek + .hint")).to_contain_text(f"{answered} antwoorden")
    assert all(planted not in page.content() for planted in PLANTED.values())
    tab.close()


# -- a client: tells, comes back a month later with the key; the analyst's trajectory --------------------------
class MovableClock:
    """The intake's clock for this journey (vertelpunt.intake.clock): the test moves it instead of sleeping."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@contextmanager
def intake_on_clock(tenant: TenantConfig, keycloak_url: str, clock: MovableClock) -> Iterator[str]:
    """One more replica of the municipality's intake service, on its database and the platform's relay, with the
    clock injected through the composition root. Everything else (Kafka, federation, index, gateway) is the
    running platform's; a service process cannot be handed a clock from outside."""
    port = free_port()
    settings = IntakeSettings(tenant_code=tenant.code, tenant_name=tenant.name, database_url=tenant.database_url,
                              keycloak_url=keycloak_url, client_id=tenant.client_id,
                              client_secret=tenant.client_secret, public_url=f"http://127.0.0.1:{port}",
                              gateway_url=GATEWAY, port=port, campaign_rate_limit_per_minute=600, log_json=False)
    container = build_container(settings)
    container.clock = clock
    try:
        with serving(create_app(container=container), port) as url:
            yield url
    finally:
        container.database.engine.dispose()


def _campaign(tenant: TenantConfig, keycloak_url: str, admin: str, name: str) -> dict[str, Any]:
    today = date.today()
    response = httpx.post(f"http://127.0.0.1:{tenant.port}/api/v1/campaigns", json={
        "name": name, "startsOn": (today - timedelta(days=45)).isoformat(),
        "endsOn": (today + timedelta(days=5)).isoformat()},
        headers={"Authorization": f"Bearer {password_token(keycloak_url, admin)}"})
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def story_key(thanks: str) -> str:
    found = re.search(r"VP(-[0-9A-Z]{4}){3}", thanks)
    assert found, thanks
    return found.group(0)


def _tell_as_client(tab: Tab, marker: str, helped: str, title: str | None) -> None:
    page = tab.page
    if title is not None:
        page.fill("#title", title)
    page.fill("#text", f"De brieven van de verhuurder stapelden zich op. Aan tafel keken we wat eerst moest. {marker}")
    change = "beter" if helped == "ja" else "gelijk"
    for option in (f"situatie-{SITUATION}", f"interventie-{INTERVENTION}", f"uitkomst-hielp-{helped}",
                   f"uitkomst-verandering-{change}", "rol-client"):
        page.check(f"#q\\.{option}")
    for key, value in zip("abc", (40, 40, 20), strict=True):
        page.fill(f"#q\\.verschil\\.{key}", str(value))
    page.check("#consent-yes")
    page.click("button[type=submit]")


TRAJECTORY = """query($f: StoryFilterInput) { trajectory(filter: $f) { threads { value suppressed }
  stages { stage threads { value suppressed } positive { value suppressed } positiveShare { value suppressed } }
  weeksBetween { weeksFrom weeksTo threads { value suppressed } } explanation } }"""


def _trajectory(keycloak_url: str, **variables: Any) -> dict[str, Any]:
    body = gateway_query(keycloak_url, "analist.sector", TRAJECTORY, **variables)
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["trajectory"]
    return result


def expected_trajectory(stories: list[tuple[str, int, date, bool]]) -> tuple[int, int, int, dict[int, int]]:
    """(threads, helped at the first story, helped at the latest follow-up, threads per band of four weeks),
    from (thread, number, week start, helped) of every story in a thread: a thread counts with its first story
    and at least one follow-up."""
    threads: dict[str, list[tuple[int, date, bool]]] = defaultdict(list)
    for thread, number, week, helped in stories:
        threads[thread].append((number, week, helped))
    continued = first_helped = later_helped = 0
    bands: dict[int, int] = defaultdict(int)
    for told in threads.values():
        first = next((t for t in told if t[0] == 1), None)
        latest = max(told, key=lambda t: (t[0], t[1]))
        if first is None or latest[0] < 2:
            continue
        continued, first_helped, later_helped = continued + 1, first_helped + first[2], later_helped + latest[2]
        bands[max(0, (latest[1] - first[1]).days // 7) // 4 * 4] += 1
    return continued, first_helped, later_helped, bands


def test_a_client_comes_back_a_month_later_and_the_analyst_sees_the_trajectory(
        browser: Browser, platform: dict[str, TenantConfig], sector: tuple[OpenSearch, Seeded],
        keycloak_url: str) -> None:
    client, seeded = sector
    deventer = platform["GM0150"]
    campaign = _campaign(deventer, keycloak_url, "beheer.deventer", "Luisterronde huurders najaar")
    token, label = campaign["link"].rsplit("/", 1)[1], campaign["publishedName"]
    ours = {"term": {doc.CAMPAIGN: label}}
    clock = MovableClock(datetime.now(UTC).replace(microsecond=0) - timedelta(days=35))
    first_told = clock.now
    key = ""
    try:
        with intake_on_clock(deventer, keycloak_url, clock) as intake:
            tab = Tab(browser, "verhalen/klant-vervolg", PHONE, PHONE_AGENT, touch=True)
            page = tab.page
            page.goto(f"{intake}/vertel/{token}")
            tab.check("1-formulier")
            _tell_as_client(tab, seeded.marker, "nee", "Hulp met de huur")
            expect(page.locator("h1")).to_have_text("Lees je verhaal nog een keer")
            tab.check("2-controleren")
            page.click("#send")
            expect(page.locator("h1")).to_have_text("Bedankt voor je verhaal")
            key = story_key(page.inner_text(".story-key"))
            expect(page.locator("a[href='/verder']")).to_have_text("Vertel later verder")
            tab.check("3-bedankt-met-code")
            assert len(_wait_for(client, ours)) == 1
            before = _trajectory(keycloak_url)

            clock.now += timedelta(days=33)  # "a month later" on the intake's clock
            page.click("#nog-een-verhaal")
            typed = key.lower().replace("-", " ")  # as a client may type it
            page.fill("#story_key", typed)
            _tell_as_client(tab, seeded.marker, "ja", None)  # the title forgotten: an error
            expect(page.locator("#fouten a")).to_have_count(1)
            assert tab.focused() == "fouten"
            assert page.input_value("#story_key") == typed  # every answer kept, the story key too
            for kept in (f"situatie-{SITUATION}", f"interventie-{INTERVENTION}", "uitkomst-hielp-ja", "rol-client"):
                assert page.is_checked(f"#q\\.{kept}"), kept
            assert [page.input_value(f"#q\\.verschil\\.{k}") for k in "abc"] == ["40", "40", "20"]
            tab.check("4-vervolg-met-fout")
            page.fill("#title", "Een maand later: de huur loopt weer")
            page.click("button[type=submit]")
            expect(page.locator("h1")).to_have_text("Lees je verhaal nog een keer")
            page.click("#send")
            expect(page.locator(".story-key")).to_contain_text(key)
            tab.check("5-bedankt-vervolg")

            page.goto(f"{intake}/verder")
            page.fill("#story_key", key)
            page.click("button[type=submit]")
            expect(page.locator("ol.thread li")).to_have_count(2)
            expect(page.locator("ol.thread li").nth(1)).to_contain_text("Verhaal 2")
            tab.check("6-verder-met-code")
            tab.close()

        told = _wait_for(client, ours, count=2)
        assert sorted(d[doc.THREAD_NUMBER] for d in told) == [1, 2] and len({d[doc.THREAD] for d in told}) == 1
        stories = [(d[doc.THREAD], d[doc.THREAD_NUMBER], date.fromisoformat(d[doc.WEEK_START][:10]),
                    "ja" in _choices(d, HELPED)) for d in seeded.threads_before]
        stories += [(hashlib.sha256(s.thread.encode()).hexdigest()[:32], s.thread_number, _week_start(s.week),
                     s.answers[HELPED]["choices"] == ["ja"]) for s in seeded.stories if s.thread]
        ours_first, ours_later = _week_start(first_told.date()), _week_start(clock.now.date())
        stories += [("deze-klant", 1, ours_first, False), ("deze-klant", 2, ours_later, True)]
        threads, first_helped, later_helped, bands = expected_trajectory(stories)
        band = (ours_later - ours_first).days // 7 // 4 * 4

        after = _trajectory(keycloak_url)
        stage = {s["stage"]: s for s in after["stages"]}
        assert after["threads"] == {"value": threads, "suppressed": False}
        assert before["threads"] == {"value": threads - 1, "suppressed": False}  # this client's thread came in
        assert stage["eerste"]["positive"] == {"value": first_helped, "suppressed": False}
        assert stage["later"]["positive"] == {"value": later_helped, "suppressed": False}
        [gap] = [b for b in after["weeksBetween"] if b["weeksFrom"] == band]
        assert gap == {"weeksFrom": band, "weeksTo": band + 3, "threads": {"value": bands[band], "suppressed": False}}
        assert band == 4  # 33 days: four weeks and a bit
        alone = _trajectory(keycloak_url, f={"campaigns": [label]})  # one client's thread is never visible alone
        assert all(s["threads"]["suppressed"] and s["positive"]["suppressed"] for s in alone["stages"])
        assert alone["threads"] == {"value": None, "suppressed": True}
    finally:
        if key:
            httpx.post(f"http://127.0.0.1:{deventer.port}/api/v1/threads/erase", json={"storyKey": key})


# -- a client stops sharing and erases with the key ----------------------------------------------------------
def test_a_client_stops_sharing_and_erases_with_the_key(browser: Browser, platform: dict[str, TenantConfig],
                                                        keycloak_url: str) -> None:
    almere = platform["GM0034"]
    base = f"http://127.0.0.1:{almere.port}"
    campaign = _campaign(almere, keycloak_url, "beheer.almere", "Klantgesprekken buurthuis")
    marker = letter_marker()
    tab = Tab(browser, "verhalen/klant-wissen", PHONE, PHONE_AGENT, touch=True)
    page = tab.page
    page.goto(campaign["link"])
    _tell_as_client(tab, marker, "deels", f"Wachten op de uitkering {marker}")
    expect(page.locator("h1")).to_have_text("Lees je verhaal nog een keer")
    page.click("#send")
    key = story_key(page.inner_text(".story-key"))
    search = """query($q: String!) { searchStories(query: $q, first: 5) { edges { node { id title } } } }"""

    def in_sector() -> int:
        body = gateway_query(keycloak_url, "verteller.deventer", search, q=marker)
        return len(body["data"]["searchStories"]["edges"])

    def in_intake() -> dict[str, Any]:
        admin = {"Authorization": f"Bearer {password_token(keycloak_url, 'beheer.almere')}"}
        [story] = httpx.post(f"{base}/api/v1/threads/stories", json={"storyKey": key}).json()
        found: dict[str, Any] = httpx.get(f"{base}/api/v1/stories/{story['id']}", headers=admin).json()
        return found

    def until(check: Any, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while not check() and time.monotonic() < deadline:
            time.sleep(0.5)

    until(lambda: in_sector() == 1)
    assert in_sector() == 1
    page.click("a[href='/verder']")
    page.fill("#story_key", key)
    page.click("button[type=submit]")
    expect(page.locator("ol.thread li")).to_contain_text("gedeeld of bewaard")
    tab.check("1-mijn-verhalen-met-code")
    page.click("text=Stop met delen van al mijn verhalen")
    expect(page.locator(".done")).to_have_text("Klaar. Je verhalen worden niet meer gedeeld met andere gemeenten.")
    expect(page.locator("ol.thread li")).to_contain_text("niet meer gedeeld")
    tab.check("2-gestopt")
    until(lambda: in_sector() == 0)
    assert in_sector() == 0  # gone from the sector index
    assert in_intake()["status"] == "withdrawn" and marker in in_intake()["title"]  # the municipality keeps it

    page.click("text=Wis al mijn verhalen")  # without ticking the box first
    expect(page.locator("#key-error")).to_have_text("Zet eerst een vinkje om te bevestigen dat je wilt wissen.")
    assert page.get_attribute("#confirm", "aria-invalid") == "true"
    tab.check("3-wissen-zonder-vinkje")
    page.check("#confirm")
    page.click("text=Wis al mijn verhalen")
    expect(page.locator(".done")).to_have_text("Klaar. Je verhalen zijn gewist, ook bij andere gemeenten.")
    expect(page.locator("ol.thread li")).to_contain_text("gewist")
    tab.check("4-gewist")
    erased = in_intake()
    assert erased["status"] == "erased" and erased["title"] is None and erased["text"] is None
    assert marker not in json.dumps(erased) and in_sector() == 0
    tab.close()
