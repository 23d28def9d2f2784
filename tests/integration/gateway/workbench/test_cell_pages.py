"""Patronen: from a cell of a heat map, triad or histogram (chart and text table) to the stories in it, against
the real gateway and OpenSearch with the seeded corpus. What may be read is the gateway's decision; these tests
check that the pages link only what is shown and say a refusal in Dutch."""

from __future__ import annotations

import html as markup
import json
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fastapi.testclient import TestClient

from tests.integration.gateway.conftest import graphql
from tests.integration.gateway.workbench.conftest import Person
from vertelpunt.cli.seed import SeedStory
from vertelpunt.gateway.workbench.views.common import SUPPRESSED

LINK = re.compile(r'href="(/werkplaats/patronen/verhalen\?[^"]+)"')


def links(html: str) -> list[str]:
    return [markup.unescape(link) for link in LINK.findall(html)]


def get(client: TestClient, path: str, status: int = 200, **params: Any) -> str:
    response = client.get(path, params=params or None, follow_redirects=False)
    assert response.status_code == status, response.text[:500]
    return response.text


def stories_on(html: str) -> list[str]:
    block = re.search(r'<ol class="wp-results" id="verhalen-in-vak">(.*?)</ol>', html, re.S)
    return re.findall(r'href="/werkplaats/kennisbank/verhaal/([^"]+)"', block.group(1)) if block else []


def test_shown_heat_map_cells_link_to_their_stories_and_withheld_cells_do_not(
        person: Person, corpus: list[SeedStory]) -> None:
    analyst = person("analist.sector")
    html = get(analyst, "/werkplaats/patronen", soort="kruistabel", rij="situatie", kolom="interventie")
    found = links(html)
    table = re.search(r'<table[^>]*id="tabel-kruistabel".*?</table>', html, re.S)
    assert table
    withheld_cells = table.group(0).count(f">{SUPPRESSED}<")

    assert found and withheld_cells  # the corpus has both
    assert f"{SUPPRESSED}</a>" not in html  # a withheld cell is never a link
    chart_links = {c["href"] for c in _chart_values(html, "kruistabel-spec") if c.get("href")}
    assert chart_links == {markup.unescape(link) for link in found}  # chart and table open the same pages

    query = parse_qs(urlsplit(found[0]).query)
    row, column = query["r"][0], query["k"][0]
    page = get(analyst, found[0])
    members = [s for s in corpus if row in s.answers["situatie"]["choices"]
               and column in s.answers["interventie"]["choices"]]
    count = re.search(r'<p class="utrecht-paragraph" id="aantal">In dit vak: ([\d.]+)', page)
    assert count and int(count.group(1).replace(".", "")) == len(members)
    sample = stories_on(page)
    assert len(sample) <= 5 and len(set(sample)) == len(sample)
    assert stories_on(get(analyst, found[0])) == sample  # the same sample every time
    for story in sample:
        assert "Waar, wanneer en wie" in get(analyst, f"/werkplaats/kennisbank/verhaal/{story}")


def _chart_values(html: str, spec_id: str) -> list[dict[str, Any]]:
    block = re.search(rf'<script type="application/json" id="{spec_id}">(.*?)</script>', html, re.S)
    assert block
    spec = json.loads(block.group(1))
    values: list[dict[str, Any]] = []
    for layer in spec.get("layer", []):
        for value in layer.get("data", spec.get("data", {})).get("values", []):
            values.append(value.get("properties", value))
    return values


def test_triad_and_slider_bins_open_their_stories_for_a_storyteller(person: Person) -> None:
    teller = person("verteller.zwolle")
    for kind, question in (("driehoek", "verschil"), ("schuif", "ruimte")):
        html = get(teller, "/werkplaats/patronen", soort=kind, vraag=question)
        found = links(html)
        assert found, kind
        spec_id = "driehoek-spec" if kind == "driehoek" else "schuif-spec"
        assert {v["href"] for v in _chart_values(html, spec_id) if v.get("href")} == set(found)
        page = get(teller, found[0])
        assert ('id="aantal"' in page and stories_on(page)) or 'id="geen-verhalen"' in page


def test_with_a_municipality_chosen_cells_have_no_links_and_a_crafted_link_is_refused(person: Person) -> None:
    analyst = person("analist.zwolle")
    html = get(analyst, "/werkplaats/patronen", soort="kruistabel", rij="situatie", kolom="uitkomst-hielp",
               municipality="GM0193")
    assert not links(html) and "een gemeente kiest" in html

    page = get(analyst, "/werkplaats/patronen/verhalen", soort="kruistabel", rij="situatie",
               kolom="uitkomst-hielp", r="schulden", k="ja", municipality="GM0193")
    assert 'id="geweigerd"' in page and not stories_on(page)


def test_a_crafted_link_to_a_withheld_cell_is_refused_in_dutch(person: Person, gateway: TestClient,
                                                             gateway_tokens: dict[str, str]) -> None:
    table = graphql(gateway, """{ crossTab(questions: ["situatie", "interventie"]) {
        cells { keys count { suppressed } } } }""", gateway_tokens["analist.sector"])["data"]["crossTab"]
    withheld = [c["keys"] for c in table["cells"] if c["count"]["suppressed"]]
    assert withheld
    page = get(person("analist.sector"), "/werkplaats/patronen/verhalen", status=403, soort="kruistabel",
               rij="situatie", kolom="interventie", r=withheld[0][0], k=withheld[0][1])

    assert "te weinig verhalen" in page and 'id="geweigerd"' in page and not stories_on(page)


def test_a_link_that_names_no_cell_explains_itself(person: Person) -> None:
    page = get(person("analist.sector"), "/werkplaats/patronen/verhalen", soort="driehoek", vraag="verschil",
               vakken="vijf", a="0.2", b="0.2")
    assert "wijst niet naar een vak" in page
