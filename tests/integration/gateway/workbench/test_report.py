"""The period report against the real gateway, OpenSearch and Keycloak with the seeded corpus (3,000 stories): a
tenant analyst compares two periods of the own municipality and downloads the report as HTML and PDF; the numbers
equal counts computed here from the corpus; and no role ever sees a number in the report that the same role's
views withhold."""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader

from tests.integration.gateway.conftest import graphql
from tests.integration.gateway.workbench.conftest import Person, table
from tests.integration.gateway.workbench.test_pages import choices, number
from vertelpunt.cli.seed import SeedStory
from vertelpunt.gateway.workbench.views.common import SUPPRESSED

ZWOLLE = "GM0193"
# A measure of our own, in the middle of the period (held-out data: not the seeded measure or its date).
MEASURE = "Budgetcafé in het wijkcentrum"
MEASURE_ON = "2026-09-16"
PERIOD = {"period_from": "2026-07", "period_to": "2026-11",
          "vergelijk_period_from": "2026-05", "vergelijk_period_to": "2026-06"}
BEFORE, AFTER = ("2026-07", "2026-08"), ("2026-10", "2026-11")  # September, when it started, is neither


def month(story: SeedStory) -> str:
    return story.week.strftime("%Y-%m")  # a week belongs to the month of its Monday


def within(story: SeedStory, months: tuple[str, str]) -> bool:
    return months[0] <= month(story) <= months[1]


def get(client: TestClient, path: str, **params: str) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text[:500]
    return response


def rows(html: str, table_id: str) -> dict[str, list[str]]:
    return {row[0]: row for row in table(html, table_id)}


def measure_table(html: str) -> str:
    """The id of the outcome table of our measure (other tests may have put measures on the timeline too)."""
    headings = re.findall(r'<h\d id="maatregel-(\d+)-kop">(.*?)</h\d>', html)
    number_ = next(n for n, text in headings if MEASURE in text)
    return f"tabel-maatregel-{number_}-uitkomst"


@pytest.fixture(scope="module")
def measured(gateway: TestClient, gateway_tokens: dict[str, str]) -> None:
    body = graphql(gateway, "mutation($l: String!, $d: Date!, $m: String) { addMeasure(label: $l, on: $d, "
                   "municipality: $m) { id } }", gateway_tokens["analist.zwolle"], l=MEASURE, d=MEASURE_ON,
                   m=ZWOLLE)
    assert "errors" not in body, body


def test_a_tenant_analyst_compares_two_periods_and_downloads_the_report(
        person: Person, corpus: list[SeedStory], measured: None) -> None:
    analyst = person("analist.zwolle")
    form = get(analyst, "/werkplaats/rapport").text
    assert 'href="/werkplaats/rapport"' in form and 'id="rapport-formulier"' in form and "tabel-maanden" not in form
    html = get(analyst, "/werkplaats/rapport", **PERIOD).text
    own = [s for s in corpus if s.tenant == ZWOLLE]
    period = [s for s in own if within(s, ("2026-07", "2026-11"))]
    earlier = [s for s in own if within(s, ("2026-05", "2026-06"))]

    # What was heard: the total, per month, and per situation in both periods.
    assert f"kwamen {len(period)} verhalen binnen" in html and f"waren dat er {len(earlier)}." in html
    per_month = Counter(month(s) for s in period)
    shown = {r[0]: r[1] for r in table(html, "tabel-maanden")}
    assert {f"{name} 2026": str(per_month[m]) for m, name in
            (("2026-07", "juli"), ("2026-08", "augustus"), ("2026-09", "september"), ("2026-10", "oktober"),
             ("2026-11", "november"))} == shown
    situations = rows(html, "tabel-situaties")
    debt_now = sum("schulden" in choices(s, "situatie") for s in period)
    debt_before = sum("schulden" in choices(s, "situatie") for s in earlier)
    assert [number(situations["Schulden"][1]), number(situations["Schulden"][3])] == [debt_now, debt_before]
    assert f"Schulden: {debt_now} verhalen" in html

    # What works in the period, per intervention in debt situations.
    coached = [s for s in period if "schulden" in choices(s, "situatie") and "budgetcoaching" in choices(
        s, "interventie")]
    helped = sum(choices(s, "uitkomst-hielp") == ["ja"] for s in coached)
    works = rows(html, "tabel-werkt-schulden")["Budgetcoaching"]
    assert number(works[1]) == len(coached)
    # Under a period filter a cell is shown only when each month holds 0 or enough stories (docs/disclosure.md),
    # so a part may be withheld; when shown, it is the corpus number.
    assert works[2:] == [SUPPRESSED, SUPPRESSED] or (
        number(works[2]) == helped and works[3].startswith(f"{round(helped / len(coached) * 100)}% ("))

    # What changed after our measure: the outcome before and after, in whole months around it.
    outcome = rows(html, measure_table(html))["Ja"]
    yes_before = sum(choices(s, "uitkomst-hielp") == ["ja"] for s in own if within(s, BEFORE))
    yes_after = sum(choices(s, "uitkomst-hielp") == ["ja"] for s in own if within(s, AFTER))
    assert [number(outcome[1]), number(outcome[3])] == [yes_before, yes_after]
    assert "Ervoor: juli 2026 tot en met augustus 2026. Erna: oktober 2026 tot en met november 2026." in html
    assert re.search(r"(geen duidelijk verschil|waarschijnlijk geen toeval)", html)

    # The downloads carry the same report: the same tables in the HTML file, the same text in the PDF.
    links = re.findall(r'href="(/werkplaats/rapport/(?:html|pdf)\?[^"]+)"', html)
    assert len(links) == 2
    document = analyst.get(links[0].replace("&amp;", "&"))
    assert document.status_code == 200 and document.headers["content-type"].startswith("text/html")
    assert 'filename="rapport-GM0193-2026-07-2026-11.html"' in document.headers["content-disposition"]
    for table_id in ("tabel-maanden", "tabel-situaties", "tabel-werkt-schulden", measure_table(html)):
        assert table(document.text, table_id) == table(html, table_id)
    assert "<script" not in document.text and "<link" not in document.text and document.text.count("<svg") >= 5

    pdf = analyst.get(links[1].replace("&amp;", "&"))
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf.content))
    assert len(reader.pages) >= 4
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert f"kwamen {len(period)} verhalen binnen" in text
    assert MEASURE in text and "Wat werkt" in text and "Aandeel verhalen waarin het hielp" in text


def _same_cells(report_html: str, report_table: str, view_html: str, view_table: str, columns: int) -> int:
    """Each row of the report's table equals the view's row for the same label in the first `columns` cells;
    returns how many cells are withheld (so a test can see it checked some)."""
    shown, view = rows(report_html, report_table), rows(view_html, view_table)
    assert shown and set(shown) == set(view), (report_table, set(shown) ^ set(view))
    for label, row in shown.items():
        assert row[:columns] == view[label][:columns], (report_table, label)
    return sum(cell == SUPPRESSED for row in shown.values() for cell in row[:columns])


@pytest.mark.parametrize(("user", "municipality"), [("analist.sector", ""), ("analist.zwolle", ZWOLLE),
                                                      ("analist.zwolle", "")])
def test_the_report_never_shows_a_number_the_same_roles_views_withhold(
        person: Person, measured: None, user: str, municipality: str) -> None:
    """Short periods, so that some cells are small: every cell of the report equals the cell of the view for the
    same role and filter, withheld ones included."""
    client = person(user)
    months = {"period_from": "2026-09", "period_to": "2026-10", "municipality": municipality}
    html = get(client, "/werkplaats/rapport", **months, vergelijk_period_from="2026-06",
               vergelijk_period_to="2026-06").text
    withheld = 0
    trend = get(client, "/werkplaats/trends", per="maand", **months).text
    assert [r[1] for r in table(html, "tabel-maanden")] == [r[1] for r in table(trend, "tabel-trend")]
    compared = get(client, "/werkplaats/vergelijken", vraag="situatie", a_period_from="2026-09",
                   a_period_to="2026-10", a_municipality=municipality, b_period_from="2026-06",
                   b_period_to="2026-06", b_municipality=municipality).text
    withheld += _same_cells(html, "tabel-situaties", compared, "tabel-vergelijk", 6)
    situations = re.findall(r'id="tabel-werkt-([a-z-]+)"', html)
    assert situations
    for situation in situations:
        view = get(client, "/werkplaats/wat-werkt", situatie=situation, **months).text
        withheld += _same_cells(html, f"tabel-werkt-{situation}", view, "tabel-wat-werkt", 4)
    assert withheld > 0  # the short periods did produce withheld cells, and they stayed withheld


def test_the_roles_limits_hold_for_the_report(person: Person) -> None:
    storyteller = person("verteller.zwolle")
    assert 'href="/werkplaats/rapport"' not in get(storyteller, "/werkplaats/").text
    refused = storyteller.get("/werkplaats/rapport", params={"period_from": "2026-07", "period_to": "2026-08"})
    assert refused.status_code == 403 and "Alleen analisten" in refused.text
    assert storyteller.get("/werkplaats/rapport/pdf", params={"period_from": "2026-07",
                                                              "period_to": "2026-08"}).status_code == 403

    sector = person("analist.sector")
    html = get(sector, "/werkplaats/rapport", period_from="2026-07", period_to="2026-08", municipality=ZWOLLE).text
    assert "eigen gemeente of over de hele sector" in html  # explained, and the report is the sector's
    assert "Wat we hoorden en wat werkt: de hele sector" in html
    refused_download = sector.get("/werkplaats/rapport/html", params={"period_from": "2026-07",
                                                                      "period_to": "2026-08", "municipality": ZWOLLE})
    assert refused_download.status_code == 400

    analyst = person("analist.zwolle")
    odd = analyst.get("/werkplaats/rapport", params={"period_from": "juli", "period_to": "<script>"})
    assert odd.status_code == 400 and "is geen maand" in odd.text and "<script>" not in odd.text.split("<main")[1]
    swapped = get(analyst, "/werkplaats/rapport", period_from="2026-10", period_to="2026-08").text
    assert "omgedraaid" in swapped and "augustus 2026 tot en met oktober 2026" in swapped
    empty = get(analyst, "/werkplaats/rapport", period_from="2025-01", period_to="2025-02").text
    assert "kwamen geen verhalen binnen" in empty
