"""Vergelijken: twee meetronden, on the gateway with two seeded sector waves (tests/integration/gateway/
test_waves.py): the page offers the waves by name and period, its text table and CSV equal counts asked of
OpenSearch, a wave withheld by the rules reads "te weinig verhalen", and in headless Chromium the page is axe
clean (WCAG 2.1 AA) with its chart drawn and no CSP violation."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from playwright.sync_api import Browser, expect

from tests.integration.gateway.test_waves import Sector, sector  # noqa: F401 (the seeded waves)
from tests.integration.gateway.workbench.conftest import csv_rows, table
from tests.integration.servers import serving
from vertelpunt.contracts import search_document as doc
from vertelpunt.gateway.app import create_app
from vertelpunt.gateway.workbench.session import SESSION_COOKIE, cookie_value
from vertelpunt.gateway.workbench.views.common import SUPPRESSED

AXE = Path(__file__).parents[4] / "gateway/workbench-web/node_modules/axe-core/axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _signed_in(sector: Sector, token: str) -> TestClient:  # noqa: F811
    client = TestClient(sector.client.app)
    secret = sector.client.app.state.settings.session_secret  # type: ignore[attr-defined]
    client.cookies.set(SESSION_COOKIE, cookie_value({"access_token": token}, secret), domain="testserver.local",
                       path="/werkplaats")
    return client


def _stories(sector: Sector, wave: str, **choices: str) -> int:  # noqa: F811
    filters = [{"term": {doc.WAVE: wave}}] + [{"term": {doc.choice_field(q): o}} for q, o in choices.items()]
    return int(sector.opensearch.count(index=sector.alias, body={"query": {"bool": {"filter": filters}}})["count"])


def test_two_waves_side_by_side_with_the_index_numbers_and_csv(sector: Sector,  # noqa: F811
                                                               gateway_tokens: dict[str, str]) -> None:
    analyst = _signed_in(sector, gateway_tokens["analist.sector"])
    summer, autumn = sector.waves["Zomermeting schulden"], sector.waves["Najaarsmeting schulden"]
    choose = analyst.get("/werkplaats/vergelijken", params={"soort": "meetronden"})
    params = {"soort": "meetronden", "vraag": "uitkomst-hielp", "ronde_a": summer, "ronde_b": autumn}
    html = analyst.get("/werkplaats/vergelijken", params=params).text
    exported = analyst.get("/werkplaats/vergelijken", params={**params, "formaat": "csv"})

    assert choose.status_code == 200 and "Zomermeting schulden (1-6-2026 tot en met 31-8-2026)" in choose.text
    assert 'aria-current="page">Twee meetronden' in choose.text
    rows = {row[0]: row for row in table(html, "tabel-vergelijk")}
    assert rows["Ja"][1] == str(_stories(sector, summer, **{"uitkomst-hielp": "ja"}))
    assert rows["Ja"][3] == str(_stories(sector, autumn, **{"uitkomst-hielp": "ja"}))
    assert "Het hielp: in A" in html and "Zomermeting schulden" in html
    lines = {line[0]: line for line in csv_rows(exported.text)[1:]}
    assert exported.headers["content-type"].startswith("text/csv")
    assert lines["ja"][1:3] == [rows["Ja"][1], rows["Ja"][3]]


def test_a_withheld_wave_reads_too_few_stories(sector: Sector, gateway_tokens: dict[str, str]) -> None:  # noqa: F811
    analyst = _signed_in(sector, gateway_tokens["analist.zwolle"])
    params = {"soort": "meetronden", "vraag": "uitkomst-hielp", "ronde_a": sector.waves["Voorjaarsmeting"],
              "ronde_b": sector.waves["Zomermeting schulden"]}
    html = analyst.get("/werkplaats/vergelijken", params=params).text

    assert f"Het hielp: in A {SUPPRESSED}" in html
    # The answers the four neighbours gave are withheld (test_waves.py checks which); the words say why.
    assert any(row[1] == SUPPRESSED for row in table(html, "tabel-vergelijk"))


def test_the_wave_comparison_is_accessible_in_a_real_browser(sector: Sector,  # noqa: F811
                                                             gateway_tokens: dict[str, str],
                                                             browser: Browser) -> None:
    settings = sector.client.app.state.settings  # type: ignore[attr-defined]
    summer, autumn = sector.waves["Zomermeting schulden"], sector.waves["Najaarsmeting schulden"]
    with serving(create_app(settings)) as base:
        context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
        context.add_cookies([{"name": SESSION_COOKIE, "domain": "127.0.0.1", "path": "/werkplaats",
                              "value": cookie_value({"access_token": gateway_tokens["analist.sector"]},
                                                    settings.session_secret)}])
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.add_init_script("window.addEventListener('securitypolicyviolation', (e) => console.error("
                             "'CSP violation: ' + e.violatedDirective));")
        page.goto(f"{base}/werkplaats/vergelijken?soort=meetronden")
        page.select_option("#vraag", "verschil")
        page.select_option("#ronde_a", summer)
        page.select_option("#ronde_b", autumn)
        page.click("button:has-text('Vergelijk')")
        expect(page.locator(".wp-chart")).to_have_attribute("data-rendered", "true", timeout=15000)
        page.evaluate(AXE.read_text(encoding="utf-8"))
        violations = page.evaluate(
            "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
            ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))", WCAG_21_AA)
        means = page.locator("#tabel-vergelijk tbody tr").all_inner_texts()
        context.close()

    assert violations == [] and problems == []
    assert len(means) == 2 and means[0].startswith("A")
