"""Werkplaats journeys in headless Chromium for two parts of issue 11: reading the stories behind a pattern cell (by
mouse on the chart and by keyboard through the text table) and changing and removing a measure (an error summary
that takes the focus). axe-core WCAG 2.1 A/AA and the Content-Security-Policy are checked on every page, as in
test_werkplaats.py, whose Visit helper this module uses.

This module serves its own gateway (this branch's code) on a free port over an index of its own (another seed and
size than the other tests), and signs people in with real Keycloak tokens in the session cookie: the Keycloak login
page itself is covered by test_werkplaats.py. Counts are asked of OpenSearch directly.
"""

from __future__ import annotations

import json
import re
import secrets
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator

import pytest
import uvicorn
from opensearchpy import OpenSearch
from playwright.sync_api import Browser, expect

from tests.e2e.test_werkplaats import Visit, number
from tests.integration.keycloak_tokens import password_token
from vertelpunt.cli.seed import MUNICIPALITIES, generate, to_sector_envelope
from vertelpunt.contracts import search_document as doc
from vertelpunt.gateway.app import create_app
from vertelpunt.gateway.settings import GatewaySettings
from vertelpunt.gateway.workbench.session import SESSION_COOKIE, cookie_value
from vertelpunt.search.documents import to_document
from vertelpunt.search.index import ensure_alias

SignIn = Callable[[str, str], Visit]


@pytest.fixture(scope="module")
def index(opensearch_url: str) -> Iterator[tuple[OpenSearch, str]]:
    client = OpenSearch(hosts=[opensearch_url], timeout=60)
    alias = f"e2e-werkplaats-{uuid.uuid4().hex[:8]}"
    physical = ensure_alias(client, alias)
    lines: list[str] = []
    for story in generate(2600, seed=909):
        envelope = to_sector_envelope(story, MUNICIPALITIES[story.tenant][1])
        lines += [json.dumps({"index": {"_id": envelope.story_shared.story_id}}), json.dumps(to_document(envelope))]
    for start in range(0, len(lines), 2000):
        assert not client.bulk(body="\n".join(lines[start:start + 2000]) + "\n", index=physical)["errors"]
    client.indices.refresh(index=physical)
    yield client, alias
    client.indices.delete(index=physical)
    client.indices.delete(index=f"{alias}-measures", ignore=[404])


@pytest.fixture(scope="module")
def served(index: tuple[OpenSearch, str], opensearch_url: str, keycloak_url: str) -> Iterator[tuple[str, str]]:
    """This branch's gateway with the Werkplaats on a free port: (base URL, session secret)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    secret = secrets.token_urlsafe(32)
    settings = GatewaySettings(opensearch_url=opensearch_url, keycloak_url=keycloak_url, alias=index[1],
                               measures_index=f"{index[1]}-measures", session_secret=secret,
                               public_url=f"http://127.0.0.1:{port}", log_json=False)
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", secret
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def sign_in(browser: Browser, served: tuple[str, str], keycloak_url: str) -> Iterator[SignIn]:
    visits: list[Visit] = []

    def signed_in(user: str, name: str) -> Visit:
        visit = Visit(browser, name)
        base, secret = served
        visit.page.context.add_cookies([{"name": SESSION_COOKIE, "url": f"{base}/werkplaats/", "value": cookie_value(
            {"access_token": password_token(keycloak_url, user)}, secret)}])
        visits.append(visit)
        return visit

    yield signed_in
    for visit in visits:
        visit.page.close()


def cell_count(client: OpenSearch, alias: str, **answers: str) -> int:
    query = {"bool": {"filter": [{"term": {doc.choice_field(q): v}} for q, v in answers.items()]}}
    return int(client.count(index=alias, body={"query": query})["count"])


def test_a_sector_analyst_reads_the_stories_behind_a_heat_map_cell_by_mouse_and_by_keyboard(
        sign_in: SignIn, served: tuple[str, str], index: tuple[OpenSearch, str]) -> None:
    visit, base = sign_in("analist.sector", "vak-verhalen"), served[0]
    visit.page.goto(f"{base}/werkplaats/patronen?soort=kruistabel&rij=situatie&kolom=interventie")
    visit.check("kruistabel-met-links")
    expect(visit.page.locator("#verhalen-per-vak")).to_contain_text("Klik op een vak")
    cell = visit.page.locator("#kruistabel svg [aria-label*='Schulden'][aria-label*='Budgetcoaching']")
    expect(cell).to_have_count(1)  # the rect; the number drawn on it is hidden from screen readers
    cell.click(force=True)  # where a person clicks: on the number, which opens the same cell
    visit.page.wait_for_url(re.compile(r".*/patronen/verhalen\?.*r=schulden.*k=budgetcoaching"))
    visit.check("vak-met-de-muis")
    shown = visit.page.locator("#aantal").inner_text()
    assert number(shown.rsplit(" ", 1)[1]) == cell_count(index[0], index[1], situatie="schulden",
                                                          interventie="budgetcoaching")
    by_mouse = visit.page.locator("#verhalen-in-vak a").all_inner_texts()
    assert 1 <= len(by_mouse) <= 5

    visit.page.go_back()
    visit.page.locator("figure:has(#kruistabel) details summary").focus()
    visit.page.keyboard.press("Enter")  # open the table behind the chart
    for _ in range(250):  # Tab through the table's links to the same cell
        visit.page.keyboard.press("Tab")
        href = visit.page.evaluate("document.activeElement.getAttribute('href') || ''")
        if "r=schulden" in href and "k=budgetcoaching" in href:
            break
    else:
        pytest.fail("the cell's link in the table is not reachable by keyboard")
    visit.page.keyboard.press("Enter")
    visit.page.wait_for_url(re.compile(r".*/patronen/verhalen\?.*"))
    visit.check("vak-met-het-toetsenbord")
    assert visit.page.locator("#verhalen-in-vak a").all_inner_texts() == by_mouse  # the same fixed sample

    visit.page.locator("#verhalen-in-vak a").first.click()
    visit.check("verhaal-uit-vak")


def test_a_triad_bin_opens_its_stories(sign_in: SignIn, served: tuple[str, str]) -> None:
    visit = sign_in("verteller.zwolle", "driehoek-vak")
    visit.page.goto(f"{served[0]}/werkplaats/patronen?soort=driehoek&vraag=verschil")
    visit.check("driehoek-met-links")
    visit.page.locator("figure:has(#driehoek) details summary").focus()
    visit.page.keyboard.press("Enter")  # open the table behind the chart
    link = visit.page.locator("#tabel-driehoek a").first
    link.focus()
    expect(link).to_be_focused()
    visit.page.keyboard.press("Enter")
    visit.page.wait_for_url(re.compile(r".*/patronen/verhalen\?.*soort=driehoek.*"))
    visit.check("driehoek-vak")
    expect(visit.page.locator("#aantal")).to_contain_text("In dit vak")


def test_an_analyst_changes_and_removes_a_measure_and_hears_the_errors_first(sign_in: SignIn,
                                                                           served: tuple[str, str]) -> None:
    visit, base = sign_in("analist.deventer", "maatregel-wijzigen"), served[0]
    visit.page.goto(f"{base}/werkplaats/trends?municipality=GM0150")
    visit.page.fill("#measure-label", "Formulierenhulp op woensdag")
    visit.page.fill("#measure-on", "2026-09-16")
    visit.page.click("button:has-text('Maatregel opslaan')")
    expect(visit.page.locator(".wp-notice")).to_contain_text("De maatregel staat op de tijdlijn")
    visit.page.click("text=Wijzig of verwijder: Formulierenhulp op woensdag")
    visit.check("maatregel-formulier")

    visit.page.fill("#measure-label", "")
    visit.page.fill("#measure-on", "")
    visit.page.click("button:has-text('Maatregel opslaan')")
    expect(visit.page.locator("#foutmelding")).to_be_focused()
    expect(visit.page.locator("#foutmelding li")).to_have_count(2)
    visit.problems = [p for p in visit.problems if "status of 400" not in p]  # the form answers 400, on purpose
    visit.check("maatregel-fouten")
    visit.page.click("#foutmelding >> text=Vul de naam van de maatregel in.")
    expect(visit.page.locator("#measure-label")).to_be_focused()

    visit.page.keyboard.type("Formulierenhulp op donderdag")
    visit.page.fill("#measure-on", "2026-09-24")
    visit.page.click("button:has-text('Maatregel opslaan')")
    expect(visit.page.locator(".wp-notice")).to_contain_text("De maatregel is gewijzigd")
    item = visit.page.locator(".wp-measure", has_text="Formulierenhulp op donderdag")
    expect(item).to_contain_text("Laatst gewijzigd door analist.deventer")
    visit.check("maatregel-gewijzigd")

    item.locator("text=Wijzig of verwijder").click()
    visit.page.click("button:has-text('Verwijder de maatregel')")
    expect(visit.page.locator("#foutmelding")).to_be_focused()
    visit.problems = [p for p in visit.problems if "status of 400" not in p]
    visit.check("maatregel-vinkje-vergeten")
    visit.page.check("#measure-confirm")
    visit.page.click("button:has-text('Verwijder de maatregel')")
    expect(visit.page.locator(".wp-notice")).to_contain_text("niet meer op de tijdlijn")
    expect(visit.page.locator(".wp-measure", has_text="Formulierenhulp")).to_have_count(0)
    visit.check("maatregel-verwijderd")
