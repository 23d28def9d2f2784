"""Journeys through the Werkplaats in headless Chromium on the running platform: people log in through Keycloak
and find the planted patterns without writing GraphQL. Every page is checked with axe-core (WCAG 2.1 A and AA:
0 violations) and for Content-Security-Policy violations; screenshots are kept in tests/e2e/artefacts/werkplaats.

The sector index gets a corpus of its own (another seed and size than the integration tests), written straight
into OpenSearch as the indexer would, and removed afterwards; the numbers a page shows are checked against counts
asked of OpenSearch directly, not through the gateway.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from opensearchpy import OpenSearch
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from tests.e2e.conftest import gateway_query
from tests.integration.gateway.workbench.realm import ensure_werkplaats_client
from vertelpunt.cli.onboarding import TenantConfig
from vertelpunt.cli.seed import MEASURE_LABEL, MEASURE_WEEK, MUNICIPALITIES, generate, to_sector_envelope
from vertelpunt.contracts import search_document as doc
from vertelpunt.gateway.workbench.views.common import SUPPRESSED
from vertelpunt.search.documents import to_document
from vertelpunt.search.index import ensure_alias

BASE = "http://127.0.0.1:8000/werkplaats"
ALIAS = "vertelpunt-stories"
MEASURES = "vertelpunt-measures"
ROOT = Path(__file__).parents[2]
AXE = ROOT / "gateway/workbench-web/node_modules/axe-core/axe.min.js"
ARTEFACTS = Path(__file__).parent / "artefacts" / "werkplaats"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def sector(platform: dict[str, TenantConfig], opensearch_url: str, keycloak_url: str) -> Iterator[OpenSearch]:
    """2,400 stories with the planted patterns in the sector index and the measure on the timeline."""
    ensure_werkplaats_client(keycloak_url)
    client = OpenSearch(hosts=[opensearch_url], timeout=60)
    index = ensure_alias(client, ALIAS)
    # A long-lived local stack may hold an index made by an older version: new fields can be added in place.
    client.indices.put_mapping(index=index, body={"properties": doc.MAPPING["properties"]})
    ids: list[str] = []
    lines: list[str] = []
    for story in generate(2400, seed=20261127):
        envelope = to_sector_envelope(story, MUNICIPALITIES[story.tenant][1])
        ids.append(envelope.story_shared.story_id)
        lines += [json.dumps({"index": {"_id": ids[-1]}}), json.dumps(to_document(envelope))]
    for start in range(0, len(lines), 2000):
        assert not client.bulk(body="\n".join(lines[start:start + 2000]) + "\n", index=index)["errors"]
    client.indices.refresh(index=index)
    added = gateway_query(keycloak_url, "analist.sector", "mutation($l: String!, $d: Date!) { addMeasure(label: $l, "
                          "on: $d) { id } }", l=MEASURE_LABEL, d=MEASURE_WEEK.isoformat())["data"]["addMeasure"]
    yield client
    for start in range(0, len(ids), 1000):
        client.bulk(body="\n".join(json.dumps({"delete": {"_id": i}}) for i in ids[start:start + 1000]) + "\n",
                    index=index)
    client.delete(index=MEASURES, id=added["id"], ignore=[404])
    client.indices.refresh(index=index)


def count(client: OpenSearch, **terms: str) -> int:
    """Stories in the sector index with these exact values, asked of OpenSearch itself."""
    fields = {"tenant": doc.TENANT} | {q: doc.choice_field(q) for q in ("situatie", "interventie", "uitkomst-hielp")}
    query = {"bool": {"filter": [{"term": {fields[k]: v}} for k, v in terms.items()]}}
    return int(client.count(index=ALIAS, body={"query": query})["count"])


class Visit:
    """One person in one browser tab, with axe and the CSP watched on every page."""

    def __init__(self, browser: Browser, name: str) -> None:
        self.page: Page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="nl-NL",
                                           accept_downloads=True)
        self.name = name
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        # Every CSP violation (also a blocked form redirect, which the console may not show) becomes an error.
        self.page.add_init_script("window.addEventListener('securitypolicyviolation', (e) => console.error("
                                  "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));")
        ARTEFACTS.mkdir(parents=True, exist_ok=True)

    def _console(self, message: Any) -> None:
        if message.type == "error" or "Content Security Policy" in message.text:
            self.problems.append(message.text)

    def log_in(self, username: str) -> None:
        self.page.goto(f"{BASE}/")
        self.page.click("text=Inloggen")
        self.page.fill("#username", username)
        self.page.fill("#password", "demo")
        self.page.click("#kc-login")
        self.page.wait_for_url(f"{BASE}/")
        expect(self.page.locator(".wp-user")).to_contain_text(username)

    def check(self, label: str) -> None:
        """Charts drawn, axe finds nothing, no CSP or script error; a screenshot for people to look at."""
        for chart in self.page.locator(".wp-chart").all():
            expect(chart).to_have_attribute("data-rendered", "true", timeout=15000)
        self.page.evaluate(AXE.read_text(encoding="utf-8"))  # over the DevTools protocol: the page's CSP holds
        violations = self.page.evaluate(
            "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
            ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))", WCAG_21_AA)
        self.page.screenshot(path=str(ARTEFACTS / f"{self.name}-{label}.png"), full_page=True)
        assert violations == [], f"{label}: {violations}"
        assert self.problems == [], f"{label}: {self.problems}"

    def what_works(self, situation: str, intervention: str, label: str) -> None:
        """Wat werkt through the menu and the form, as a person would."""
        self.page.click("nav >> text=Wat werkt")
        self.page.select_option("#situatie", situation)
        self.page.select_option("#interventie", intervention)
        self.page.click("text=Toon")
        self.check(label)

    def rows(self, table_id: str) -> dict[str, list[str]]:
        rows = self.page.locator(f"#{table_id} tbody tr")
        result = {}
        for index in range(rows.count()):
            cells = [c.strip() for c in rows.nth(index).locator("th, td").all_inner_texts()]
            result[cells[0]] = cells
        return result


def number(text: str) -> int:
    return int(text.replace(".", ""))


def percent(text: str) -> int:
    return int(re.match(r"(\d+)%", text).group(1))  # type: ignore[union-attr]


def test_a_sector_analyst_finds_what_works_and_the_shift_after_the_measure(browser: Browser,
                                                                            sector: OpenSearch) -> None:
    visit = Visit(browser, "sectoranalist")
    visit.log_in("analist.sector")
    visit.check("start")

    visit.what_works("schulden", "budgetcoaching", "wat-werkt")
    per_municipality = visit.rows("tabel-per-gemeente")
    assert number(per_municipality["Alle gemeenten"][1]) == count(sector, situatie="schulden",
                                                                  interventie="budgetcoaching")
    for name in ("Zwolle", "Deventer", "Almere"):  # one municipality is never a sector aggregate
        assert per_municipality[name][1:] == [SUPPRESSED] * 3
    with visit.page.expect_download() as csv_download:
        visit.page.locator("[data-chart-actions='wat-werkt-gemeenten'] >> text=Download als CSV").click()
    exported = Path(csv_download.value.path()).read_text(encoding="utf-8-sig")
    assert f"Alle gemeenten;schulden;budgetcoaching;{number(per_municipality['Alle gemeenten'][1])};" in exported
    with visit.page.expect_download() as svg_download:
        visit.page.locator("[data-chart-actions='wat-werkt-gemeenten'] >> text=Download als SVG").click()
    assert Path(svg_download.value.path()).read_text(encoding="utf-8").startswith("<svg")
    with visit.page.expect_download() as png_download:
        visit.page.locator("[data-chart-actions='wat-werkt-gemeenten'] >> text=Download als PNG").click()
    assert Path(png_download.value.path()).read_bytes()[:4] == b"\x89PNG"

    visit.page.click("nav >> text=Trends")
    visit.check("trends")
    visit.page.click(f"text=Vergelijk voor en na: {MEASURE_LABEL}")
    visit.check("voor-en-na")
    means = visit.rows("tabel-vergelijk")
    approach_before, approach_after = percent(means["A"][3]), percent(means["B"][3])
    assert approach_after > approach_before + 10  # towards "De aanpak van de professional"
    expect(visit.page.locator("#uitleg-toets")).not_to_be_empty()
    expect(visit.page.locator(".wp-test")).to_contain_text("kleiner dan 0,001")

    for view in ("Vergelijken", "Kennisbank", "Patronen"):
        visit.page.click(f"nav >> text={view}")
        visit.check(view.lower())
    visit.page.click("text=Kruistabel")
    visit.check("kruistabel")
    visit.page.click("text=Schuifje")
    visit.check("schuifje")


def test_the_analyst_of_zwolle_sees_budget_coaching_work_better_there(browser: Browser, sector: OpenSearch) -> None:
    visit = Visit(browser, "analist-zwolle")
    visit.log_in("analist.zwolle")
    visit.what_works("schulden", "budgetcoaching", "wat-werkt-zwolle")
    rows = visit.rows("tabel-per-gemeente")
    zwolle, sector_wide = rows["Zwolle"], rows["Alle gemeenten"]
    assert number(zwolle[1]) == count(sector, tenant="GM0193", situatie="schulden", interventie="budgetcoaching")
    assert number(zwolle[2]) == count(sector, tenant="GM0193", situatie="schulden", interventie="budgetcoaching",
                                      **{"uitkomst-hielp": "ja"})
    assert percent(zwolle[3]) >= 65 and percent(zwolle[3]) > percent(sector_wide[3]) + 10
    assert rows["Almere"][1:] == [SUPPRESSED] * 3  # another municipality stays hidden for this analyst


def test_a_storyteller_finds_colleagues_stories_about_language_support(browser: Browser, sector: OpenSearch) -> None:
    visit = Visit(browser, "verteller")
    visit.log_in("verteller.deventer")
    visit.page.click("nav >> text=Kennisbank")
    visit.page.fill("#q", "taalmaatje lezen")
    visit.page.click("button:has-text('Zoek')")
    visit.check("kennisbank")
    results = visit.page.locator(".wp-result")
    assert results.count() == 20
    expect(results.first.locator("mark").first).to_be_visible()
    visit.page.locator(".wp-result h3 a").first.click()
    visit.check("verhaal")
    expect(visit.page.locator("#lijkt-op")).to_be_visible()
    assert visit.page.locator(".wp-result").count() >= 1
    visit.page.click("text=Uitloggen")
    visit.page.wait_for_url(f"{BASE}/?uitgelogd=1")
    expect(visit.page.locator(".wp-notice")).to_contain_text("Je bent uitgelogd")
    visit.check("uitgelogd")


def stories_between(client: OpenSearch, first: str, last: str, **terms: str) -> int:
    """Stories in whole months first..last (a week belongs to the month of its Monday), asked of OpenSearch."""
    fields = {"tenant": doc.TENANT} | {q: doc.choice_field(q) for q in ("situatie", "uitkomst-hielp")}
    end = date.fromisoformat(f"{last}-01") + timedelta(days=31)
    weeks = {"range": {doc.WEEK_START: {"gte": f"{first}-01", "lt": end.replace(day=1).isoformat()}}}
    query = {"bool": {"filter": [weeks, *({"term": {fields[k]: v}} for k, v in terms.items())]}}
    return int(client.count(index=ALIAS, body={"query": query})["count"])


def test_the_analyst_of_zwolle_compares_two_periods_and_downloads_the_report(browser: Browser,
                                                                             sector: OpenSearch) -> None:
    visit = Visit(browser, "analist-zwolle-rapport")
    visit.log_in("analist.zwolle")
    visit.page.click("nav >> text=Rapport")
    visit.check("rapport-formulier")
    visit.page.select_option("#period_from", "2026-06")
    visit.page.select_option("#period_to", "2026-10")
    visit.page.select_option("#vergelijk_period_from", "2026-05")
    visit.page.select_option("#vergelijk_period_to", "2026-05")
    visit.page.click("text=Maak rapport")
    visit.check("rapport")

    zwolle = "GM0193"
    now, before = stories_between(sector, "2026-06", "2026-10", tenant=zwolle), stories_between(
        sector, "2026-05", "2026-05", tenant=zwolle)
    expect(visit.page.locator("#rapport-totaal")).to_contain_text(
        f"kwamen {now:,} verhalen binnen. In mei 2026 waren dat er {before:,}.".replace(",", "."))
    situations = visit.rows("tabel-situaties")
    assert [number(situations["Schulden"][1]), number(situations["Schulden"][3])] == [
        stories_between(sector, "2026-06", "2026-10", tenant=zwolle, situatie="schulden"),
        stories_between(sector, "2026-05", "2026-05", tenant=zwolle, situatie="schulden")]
    # The sector's measure lies inside the period: the triad moved towards the professional's approach after it.
    heading = visit.page.locator("[id^='maatregel-'][id$='-kop']", has_text=MEASURE_LABEL)
    number_ = heading.get_attribute("id").split("-")[1]  # type: ignore[union-attr]
    shift = visit.rows(f"tabel-maatregel-{number_}-verschil")
    assert percent(shift["Erna"][3]) > percent(shift["Ervoor"][3]) + 10
    yes_after = stories_between(sector, "2026-09", "2026-10", tenant=zwolle, **{"uitkomst-hielp": "ja"})
    assert number(visit.rows(f"tabel-maatregel-{number_}-uitkomst")["Ja"][3]) == yes_after

    with visit.page.expect_download() as html_download:
        visit.page.click("text=Download als HTML")
    assert html_download.value.suggested_filename == f"rapport-{zwolle}-2026-06-2026-10.html"
    document = Path(html_download.value.path()).read_text(encoding="utf-8")
    assert f"kwamen {now:,} verhalen binnen".replace(",", ".") in document and document.count("<svg") >= 5
    with visit.page.expect_download() as pdf_download:
        visit.page.click("text=Download als PDF")
    data = Path(pdf_download.value.path()).read_bytes()
    assert data.startswith(b"%PDF-")
    pdf = PdfReader(io.BytesIO(data))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pdf.pages))
    assert len(pdf.pages) >= 4 and f"kwamen {now:,} verhalen binnen".replace(",", ".") in text
    assert MEASURE_LABEL in text
    shutil.copy(pdf_download.value.path(), ARTEFACTS / "analist-zwolle-rapport.pdf")
