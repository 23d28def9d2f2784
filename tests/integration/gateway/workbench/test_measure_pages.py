"""Trends: changing and removing measures in the Werkplaats by role, against the real gateway, OpenSearch and
Keycloak tokens. Errors come back in Dutch in an error summary that links to the fields."""

from __future__ import annotations

import html as markup
import re

from fastapi.testclient import TestClient

from tests.integration.gateway.workbench.conftest import Person

TRENDS = "/werkplaats/trends"


def csrf(client: TestClient) -> str:
    return client.get("/werkplaats/").text.split('name="csrf" value="')[1].split('"')[0]


def add(client: TestClient, label: str, municipality: str = "") -> str:
    back = f"{TRENDS}?municipality={municipality}" if municipality else TRENDS
    saved = client.post(f"{TRENDS}/maatregel", follow_redirects=False,
                        data={"label": label, "on": "2026-06-15", "csrf": csrf(client), "back": back})
    assert saved.status_code == 303, saved.text[:500]
    page = markup.unescape(client.get(saved.headers["location"]).text)
    found = re.search(rf'href="/werkplaats/trends/maatregel/([^"]+)">Wijzig of verwijder: {re.escape(label)}<', page)
    assert found, "the maker may change the measure"
    return found.group(1)


def summary(html: str) -> list[tuple[str, str]]:
    block = re.search(r'<div[^>]*data-error-summary[^>]*>(.*?)</div>', html, re.S)
    assert block, "an error summary"
    return [(target, markup.unescape(text)) for target, text in
            re.findall(r'<a class="utrecht-link" href="#([^"]+)">([^<]+)</a>', block.group(1))]


def test_an_analyst_changes_the_own_measure_and_the_timeline_says_who(person: Person) -> None:
    analyst = person("analist.zwolle")
    measure = add(analyst, "Schuldhulp zonder wachtlijst", "GM0193")
    form = analyst.get(f"{TRENDS}/maatregel/{measure}")
    assert form.status_code == 200 and 'value="Schuldhulp zonder wachtlijst"' in form.text
    assert "Toegevoegd door analist.zwolle" in form.text

    saved = analyst.post(f"{TRENDS}/maatregel/{measure}", follow_redirects=False,
                         data={"label": "Schuldhulp binnen een week", "on": "2026-07-06",
                               "version": hidden_version(form.text), "csrf": csrf(analyst)})
    assert saved.headers["location"] == f"{TRENDS}?municipality=GM0193&gewijzigd=1"
    trends = analyst.get(saved.headers["location"]).text
    assert "De maatregel is gewijzigd." in trends
    item = trends.split("Schuldhulp binnen een week</strong>")[1].split("</li>")[0]
    assert "6-7-2026" in item and "Laatst gewijzigd door analist.zwolle" in item


def test_errors_are_listed_in_a_summary_that_links_to_each_field(person: Person) -> None:
    analyst = person("beheer.zwolle")
    measure = add(analyst, "Spreekuur in het wijkcentrum", "GM0193")
    response = analyst.post(f"{TRENDS}/maatregel/{measure}", data={"label": " ", "on": "31-02-2026",
                                                                   "csrf": csrf(analyst)})

    assert response.status_code == 400
    assert summary(response.text) == [("measure-label", "Vul de naam van de maatregel in."),
                                      ("measure-on", "Vul een echte datum in, bijvoorbeeld 14-09-2026.")]
    assert response.text.count('aria-invalid="true"') == 2 and 'value="31-02-2026"' in response.text
    added = analyst.post(f"{TRENDS}/maatregel", data={"label": "x", "on": "1899-12-31", "csrf": csrf(analyst)})
    assert added.status_code == 400 and [t for t, _ in summary(added.text)] == ["measure-label", "measure-on"]


def test_removing_asks_for_a_tick_and_then_takes_the_measure_off_the_timeline(person: Person) -> None:
    analyst = person("analist.sector")
    measure = add(analyst, "Landelijke campagne geldzorgen")
    opened = hidden_version(analyst.get(f"{TRENDS}/maatregel/{measure}").text, "maatregel-verwijderen")
    unticked = analyst.post(f"{TRENDS}/maatregel/{measure}/verwijderen", data={"version": opened,
                                                                                 "csrf": csrf(analyst)})
    assert unticked.status_code == 400
    assert summary(unticked.text) == [("measure-confirm", "Vink aan dat je de maatregel echt wilt verwijderen.")]

    removed = analyst.post(f"{TRENDS}/maatregel/{measure}/verwijderen", follow_redirects=False,
                           data={"confirm": "ja", "version": hidden_version(unticked.text, "maatregel-verwijderen"),
                                 "csrf": csrf(analyst)})
    assert removed.status_code == 303 and removed.headers["location"].endswith("verwijderd=1")
    trends = analyst.get(removed.headers["location"]).text
    assert "Landelijke campagne geldzorgen" not in trends and "niet meer op de tijdlijn" in trends
    assert analyst.get(f"{TRENDS}/maatregel/{measure}").status_code == 404


def test_nobody_else_changes_a_measure(person: Person) -> None:
    zwolle = person("analist.zwolle")
    measure = add(zwolle, "Taalcafé op dinsdag", "GM0193")
    for user in ("analist.deventer", "analist.sector", "verteller.zwolle"):
        other = person(user)
        trends = other.get(TRENDS, params={"municipality": "GM0193"}).text
        assert f"/trends/maatregel/{measure}" not in trends, user
        assert other.get(f"{TRENDS}/maatregel/{measure}").status_code == 403, user
        posted = other.post(f"{TRENDS}/maatregel/{measure}", data={"label": "Overgenomen", "on": "2026-07-01",
                                                                     "csrf": csrf(other)})
        assert posted.status_code == 403, user
    sector_measure = add(person("analist.sector"), "Nieuwe landelijke norm")
    assert zwolle.get(f"{TRENDS}/maatregel/{sector_measure}").status_code == 403
    assert "Taalcafé op dinsdag" in zwolle.get(TRENDS, params={"municipality": "GM0193"}).text


def hidden_version(html: str, form_id: str = "maatregel-formulier") -> str:
    form = html.split(f'id="{form_id}"')[1].split("</form>")[0]
    found = re.search(r'name="version" value="([^"]*)"', form)
    assert found, f"the form {form_id} carries the version it was opened at"
    return found.group(1)


def summary_text(html: str) -> str:
    block = re.search(r'<div[^>]*data-error-summary[^>]*>(.*?)</div>', html, re.S)
    assert block, "an error summary"
    return markup.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", block.group(1)))).strip()


def test_two_analysts_save_the_same_measure_and_the_second_keeps_what_they_typed(person: Person) -> None:
    first, second = person("analist.zwolle"), person("beheer.zwolle")
    measure = add(first, "Gratis fietsreparatie voor minima", "GM0193")
    first_form, second_form = first.get(f"{TRENDS}/maatregel/{measure}"), second.get(f"{TRENDS}/maatregel/{measure}")
    opened = hidden_version(second_form.text)
    assert hidden_version(first_form.text) == opened

    saved = first.post(f"{TRENDS}/maatregel/{measure}", follow_redirects=False,
                       data={"label": "Fietsreparatie voor minima op zaterdag", "on": "2026-08-01",
                             "version": hidden_version(first_form.text), "csrf": csrf(first)})
    assert saved.status_code == 303
    refused = second.post(f"{TRENDS}/maatregel/{measure}", data={
        "label": "Fietsreparatie en fietslessen", "on": "2026-09-05", "version": opened, "csrf": csrf(second)})

    assert refused.status_code == 409
    text = summary_text(refused.text)
    assert text.startswith("Er is een probleem Iemand anders heeft deze maatregel intussen gewijzigd.")
    assert 'Nu heet hij "Fietsreparatie voor minima op zaterdag" met startdatum 1-8-2026.' in text
    assert "Wat jij invulde staat nog in het formulier." in text
    page = markup.unescape(refused.text)
    assert 'value="Fietsreparatie en fietslessen"' in page and 'value="2026-09-05"' in page
    assert "Laatst gewijzigd door analist.zwolle" in page
    newest = hidden_version(refused.text)
    assert newest != opened
    trends = markup.unescape(first.get(TRENDS, params={"municipality": "GM0193"}).text)
    assert "Fietsreparatie voor minima op zaterdag" in trends and "Fietsreparatie en fietslessen" not in trends

    # The second analyst has seen the new version and saves on purpose.
    again = second.post(f"{TRENDS}/maatregel/{measure}", follow_redirects=False, data={
        "label": "Fietsreparatie en fietslessen", "on": "2026-09-05", "version": newest, "csrf": csrf(second)})
    assert again.status_code == 303
    item = markup.unescape(second.get(again.headers["location"]).text).split(
        "Fietsreparatie en fietslessen</strong>")[1].split("</li>")[0]
    assert "5-9-2026" in item and "Laatst gewijzigd door beheer.zwolle" in item


def test_a_typing_mistake_keeps_the_version_the_analyst_opened(person: Person) -> None:
    analyst, colleague = person("analist.zwolle"), person("beheer.zwolle")
    measure = add(analyst, "Inloop voor mantelzorgers", "GM0193")
    opened = hidden_version(analyst.get(f"{TRENDS}/maatregel/{measure}").text)
    colleague_form = colleague.get(f"{TRENDS}/maatregel/{measure}").text
    assert colleague.post(f"{TRENDS}/maatregel/{measure}", follow_redirects=False, data={
        "label": "Inloop voor mantelzorgers en buren", "on": "2026-06-15",
        "version": hidden_version(colleague_form), "csrf": csrf(colleague)}).status_code == 303

    mistake = analyst.post(f"{TRENDS}/maatregel/{measure}", data={"label": "", "on": "2026-06-20", "version": opened,
                                                                  "csrf": csrf(analyst)})
    assert mistake.status_code == 400 and hidden_version(mistake.text) == opened
    refused = analyst.post(f"{TRENDS}/maatregel/{measure}", data={
        "label": "Inloop voor jonge mantelzorgers", "on": "2026-06-20", "version": opened, "csrf": csrf(analyst)})
    assert refused.status_code == 409 and "Inloop voor mantelzorgers en buren" in summary_text(refused.text)


def test_removing_a_measure_that_changed_meanwhile_asks_again(person: Person) -> None:
    analyst, colleague = person("analist.sector"), person("analist.sector")
    measure = add(analyst, "Landelijke pilot schuldenrust")
    opened = analyst.get(f"{TRENDS}/maatregel/{measure}").text
    remove_version = hidden_version(opened, "maatregel-verwijderen")
    assert remove_version == hidden_version(opened)
    colleague_form = colleague.get(f"{TRENDS}/maatregel/{measure}").text
    assert colleague.post(f"{TRENDS}/maatregel/{measure}", follow_redirects=False, data={
        "label": "Landelijke pilot schuldenrust verlengd", "on": "2026-06-15",
        "version": hidden_version(colleague_form), "csrf": csrf(colleague)}).status_code == 303

    refused = analyst.post(f"{TRENDS}/maatregel/{measure}/verwijderen", data={
        "confirm": "ja", "version": remove_version, "csrf": csrf(analyst)})

    assert refused.status_code == 409
    text = summary_text(refused.text)
    assert 'Nu heet hij "Landelijke pilot schuldenrust verlengd" met startdatum 15-6-2026.' in text
    assert "Hij is niet verwijderd." in text
    assert "Landelijke pilot schuldenrust verlengd" in markup.unescape(analyst.get(TRENDS).text)
    removed = analyst.post(f"{TRENDS}/maatregel/{measure}/verwijderen", follow_redirects=False, data={
        "confirm": "ja", "version": hidden_version(refused.text, "maatregel-verwijderen"), "csrf": csrf(analyst)})
    assert removed.status_code == 303 and removed.headers["location"].endswith("verwijderd=1")
