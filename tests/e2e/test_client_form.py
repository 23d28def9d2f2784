"""A client tells through a campaign link on a phone, in headless Chromium on the running platform: makes errors,
finds every answer kept and the focus on the error summary, fixes them, sends, and goes back to the same campaign.
The triangle moves with the arrow keys. axe-core (WCAG 2.1 A and AA) finds nothing on the form, the form with
errors, the review page and the thanks page."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.integration.keycloak_tokens import password_token
from vertelpunt.cli.onboarding import TenantConfig

ROOT = Path(__file__).parents[2]
AXE = ROOT / "gateway/workbench-web/node_modules/axe-core/axe.min.js"  # vendored with a lockfile there
ARTEFACTS = Path(__file__).parent / "artefacts" / "client-form"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 375, "height": 740}
PHONE_AGENT = "Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36"
pytestmark = pytest.mark.e2e


def _campaign(platform: dict[str, TenantConfig], keycloak_url: str, code: str, admin: str) -> str:
    base = f"http://127.0.0.1:{platform[code].port}"
    start = date.today() - timedelta(days=2)
    body = {"name": "Luisterweek voorjaar", "startsOn": start.isoformat(),
            "endsOn": (start + timedelta(days=40)).isoformat()}
    response = httpx.post(f"{base}/api/v1/campaigns", json=body,
                          headers={"Authorization": f"Bearer {password_token(keycloak_url, admin)}"})
    assert response.status_code == 201, response.text
    link: str = response.json()["link"]
    return link


class Client:
    """One client in one browser tab; script errors and CSP violations are collected."""

    def __init__(self, browser: Browser, viewport: dict[str, int], agent: str | None = None,
                 touch: bool = False) -> None:
        options: dict[str, Any] = {"viewport": viewport, "locale": "nl-NL", "has_touch": touch, "is_mobile": touch}
        if agent:
            options["user_agent"] = agent
        self.page: Page = browser.new_page(**options)
        self.problems: list[str] = []
        self.page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        self.page.on("console", self._console)
        self.page.add_init_script("window.addEventListener('securitypolicyviolation', (e) => console.error("
                                  "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));")
        ARTEFACTS.mkdir(parents=True, exist_ok=True)

    def _console(self, message: Any) -> None:
        # The form sent back with errors is a 400 by design; any other failed load or script error counts.
        if message.type == "error" and "status of 400" not in message.text:
            self.problems.append(message.text)

    def check(self, label: str) -> None:
        self.page.evaluate(AXE.read_text(encoding="utf-8"))
        violations = self.page.evaluate(
            "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
            ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))", WCAG_21_AA)
        self.page.screenshot(path=str(ARTEFACTS / f"{label}.png"), full_page=True)
        assert violations == [], f"{label}: {violations}"
        assert self.problems == [], f"{label}: {self.problems}"

    def focused(self) -> str:
        focused: str = self.page.evaluate("document.activeElement ? document.activeElement.id : ''")
        return focused

    def triad(self, question: str) -> list[str]:
        return [self.page.input_value(f"#q\\.{question}\\.{k}") for k in "abc"]


def test_a_client_on_a_phone_makes_errors_keeps_everything_and_comes_back(
        browser: Browser, platform: dict[str, TenantConfig], keycloak_url: str) -> None:
    link = _campaign(platform, keycloak_url, "GM0193", "beheer.zwolle")
    client = Client(browser, PHONE, PHONE_AGENT, touch=True)
    page = client.page
    page.goto(link)
    expect(page.locator("#prompt")).to_contain_text("Vertel over een moment waarop de sociale dienst jou hielp")
    expect(page.locator("body")).not_to_contain_text("In welk team werk je?")
    expect(page.locator(".progress").first).to_contain_text("Stap 1 van 3")
    expect(page.locator("[id='q.houvast.hint']")).to_contain_text("Tik in de driehoek")
    client.check("1-formulier")

    # Everything but a title and one required question.
    page.fill("#text", "Na een half jaar wachten kreeg ik eindelijk hulp met de brieven van de woningcorporatie.")
    page.check("#q\\.situatie-wonen")
    page.check("#q\\.situatie-administratie")
    page.check("#q\\.interventie-uitleg")
    page.check("#q\\.uitkomst-verandering-veel-beter")
    page.check("#q\\.uitkomst-gevoel-opgelucht")
    page.check("#q\\.rol-client")
    page.locator(".triad-widget[data-question='houvast'] svg").tap(position={"x": 110, "y": 190})
    tapped = client.triad("houvast")
    page.fill("#q\\.tempo\\.num", "80")
    page.check("#q\\.regie\\.na")
    page.check("#consent-yes")
    assert sum(int(v) for v in tapped) == 100 and tapped != ["", "", ""]
    page.click("button[type=submit]")

    expect(page.locator("#fouten")).to_be_visible()
    assert client.focused() == "fouten"
    summary = page.locator("#fouten a")
    expect(summary).to_have_count(2)
    expect(summary.nth(0)).to_have_text("Geef je verhaal een korte titel: Dit veld is verplicht.")
    expect(summary.nth(1)).to_have_text("Hielp wat er gedaan is?: Deze vraag is verplicht.")
    expect(page.locator("#prompt")).to_contain_text("de sociale dienst jou hielp")  # still not the staff prompt
    for kept in ("situatie-wonen", "situatie-administratie", "interventie-uitleg", "uitkomst-verandering-veel-beter",
                 "uitkomst-gevoel-opgelucht", "rol-client", "regie\\.na"):
        assert page.is_checked(f"#q\\.{kept}"), kept
    assert not page.is_checked("#q\\.situatie-schulden") and page.is_checked("#consent-yes")
    assert client.triad("houvast") == tapped
    assert page.input_value("#q\\.tempo\\.num") == "80"
    assert "woningcorporatie" in page.input_value("#text")
    assert page.get_attribute("#title", "aria-invalid") == "true"
    assert "fout-title" in (page.get_attribute("#title", "aria-describedby") or "")
    client.check("2-fouten")

    summary.nth(0).click()
    assert client.focused() == "title"
    page.fill("#title", "Eindelijk hulp met de brieven")
    summary.nth(1).click()
    assert client.focused() == "q.uitkomst-hielp-ja"
    page.check("#q\\.uitkomst-hielp-deels")
    page.click("button[type=submit]")

    expect(page.locator("h1")).to_have_text("Lees je verhaal nog een keer")
    expect(page.locator(".progress")).to_contain_text("Stap 2 van 3")
    client.check("3-controleren")
    page.click("#send")
    expect(page.locator("h1")).to_have_text("Bedankt voor je verhaal")
    expect(page.locator(".progress")).to_contain_text("Stap 3 van 3")
    client.check("4-bedankt")

    page.click("#nog-een-verhaal")
    assert urlparse(page.url).path == urlparse(link).path
    expect(page.locator("#prompt")).to_contain_text("de sociale dienst jou hielp")
    assert page.input_value("#title") == "" and not page.is_checked("#q\\.situatie-wonen")  # the draft is gone


def test_the_triangle_moves_with_the_arrow_keys(browser: Browser, platform: dict[str, TenantConfig],
                                                keycloak_url: str) -> None:
    link = _campaign(platform, keycloak_url, "GM0193", "beheer.zwolle")
    client = Client(browser, {"width": 1024, "height": 800})
    page = client.page
    page.goto(link)
    pad = page.locator(".triad-widget[data-question='verschil'] .triad-pad")

    pad.focus()
    page.keyboard.press("ArrowDown")
    first = [int(v) for v in client.triad("verschil")]
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    moved = [int(v) for v in client.triad("verschil")]
    for _ in range(40):  # far past the edge: the point stays on the triangle
        page.keyboard.press("ArrowLeft")
    edge = [int(v) for v in client.triad("verschil")]

    assert sum(first) == sum(moved) == sum(edge) == 100
    assert first[0] < 33  # down: away from the top corner
    assert moved[2] > first[2] and moved[1] < first[1]  # right: towards the right corner
    assert edge[2] == 0 and edge[1] > moved[1]
    status = page.locator(".triad-widget[data-question='verschil'] .triad-status")
    expect(status).to_contain_text(f"Hoe de medewerker het aanpakte {edge[1]}%")
    expect(page.locator("[id='q.verschil.sum']")).to_have_text("Samen: 100 van de 100")
    page.fill("#q\\.verschil\\.a", "70")
    expect(page.locator("[id='q.verschil.sum']")).to_have_text(f"Samen: {70 + edge[1] + edge[2]} van de 100")
    assert client.focused() == "q.verschil.a" and client.problems == []
