"""The Werkplaats against the real gateway and OpenSearch with the seeded corpus (3,000 stories): the numbers on the
pages and in the CSV files equal counts computed here from the corpus, suppression is shown in words, and what a
role may not see stays hidden."""

from __future__ import annotations

import math
from collections import Counter
from datetime import date
from typing import Any

from fastapi.testclient import TestClient

from tests.integration.gateway.workbench.conftest import Person, csv_rows, table
from vertelpunt.cli.seed import MEASURE_WEEK, SeedStory
from vertelpunt.gateway.workbench.views.common import SUPPRESSED

ZWOLLE = "GM0193"


def choices(story: SeedStory, question: str) -> list[str]:
    answer: list[str] = story.answers.get(question, {}).get("choices", [])
    return answer


def number(text: str) -> int:
    return int(text.replace(".", ""))


def page(client: TestClient, path: str, **params: Any) -> str:
    response = client.get(path, params=params or None, follow_redirects=False)  # {} would drop the path's query
    assert response.status_code == 200, response.text[:500]
    return response.text


def test_a_tenant_analyst_sees_budget_coaching_work_in_zwolle_with_the_corpus_numbers(
        person: Person, corpus: list[SeedStory]) -> None:
    analyst = person("analist.zwolle")
    html = page(analyst, "/werkplaats/wat-werkt", situatie="schulden", municipality=ZWOLLE)
    debt = [s for s in corpus if s.tenant == ZWOLLE and "schulden" in choices(s, "situatie")]
    coached = [s for s in debt if "budgetcoaching" in choices(s, "interventie")]
    helped = sum(choices(s, "uitkomst-hielp") == ["ja"] for s in coached)

    rows = {r[0]: r for r in table(html, "tabel-wat-werkt")}
    assert number(rows["Budgetcoaching"][1]) == len(coached)
    assert number(rows["Budgetcoaching"][2]) == helped
    assert rows["Budgetcoaching"][3].startswith(f"{round(helped / len(coached) * 100)}%")
    assert helped / len(coached) > 0.65  # the planted pattern, found without GraphQL

    exported = csv_rows(analyst.get("/werkplaats/wat-werkt", params={"situatie": "schulden", "municipality": ZWOLLE,
                                                                     "formaat": "csv"}).text)
    budget = next(r for r in exported if r[0] == "Alle gemeenten" and r[2] == "budgetcoaching")
    assert budget[3:5] == [str(len(coached)), str(helped)]


def test_a_sector_analyst_sees_the_sector_share_and_no_single_municipality(person: Person,
                                                                          corpus: list[SeedStory]) -> None:
    html = page(person("analist.sector"), "/werkplaats/wat-werkt", situatie="schulden", interventie="budgetcoaching")
    coached = [s for s in corpus
               if "schulden" in choices(s, "situatie") and "budgetcoaching" in choices(s, "interventie")]

    per_municipality = {r[0]: r for r in table(html, "tabel-per-gemeente")}
    assert number(per_municipality["Alle gemeenten"][1]) == len(coached)
    # One municipality is never a sector aggregate (at least 3 are needed): words, never a zero.
    for name in ("Zwolle", "Deventer", "Almere"):
        assert per_municipality[name][1:] == [SUPPRESSED, SUPPRESSED, SUPPRESSED]


def test_stories_per_month_in_the_csv_equal_the_corpus(person: Person, corpus: list[SeedStory]) -> None:
    exported = csv_rows(person("analist.sector").get("/werkplaats/trends",
                                                     params={"per": "maand", "formaat": "csv"}).text)
    per_month = Counter(s.week.replace(day=1) for s in corpus)  # a week belongs to the month of its Monday
    assert exported[0] == ["periode_begin", "eenheid", "verhalen", "maatregel"]
    shown = {date.fromisoformat(r[0]): r[2] for r in exported[1:]}
    assert set(shown) == set(per_month)
    assert all(value == str(per_month[month]) for month, value in shown.items() if value != SUPPRESSED)
    assert sum(value != SUPPRESSED for value in shown.values()) >= 5


def test_cross_table_page_and_csv_equal_the_corpus(person: Person, corpus: list[SeedStory]) -> None:
    client = person("analist.sector")
    params = {"soort": "kruistabel", "rij": "situatie", "kolom": "rol"}
    exported = csv_rows(client.get("/werkplaats/patronen", params={**params, "formaat": "csv"}).text)
    expected = Counter((situation, role) for s in corpus for situation in choices(s, "situatie")
                       for role in choices(s, "rol"))
    cells = {(r[0], r[1]): r[2] for r in exported[1:]}
    visible = {key: value for key, value in cells.items() if value != SUPPRESSED}
    assert len(visible) >= 10
    assert all(int(value) == expected[key] for key, value in visible.items())
    html = page(client, "/werkplaats/patronen", **params)
    assert "Schulden" in html and "tabel-kruistabel" in html


def _geometric_mean(stories: list[SeedStory]) -> list[float]:
    logs = [[math.log(v) for v in s.answers["verschil"]["triad"]] for s in stories]
    means = [math.exp(sum(row[i] for row in logs) / len(logs)) for i in range(3)]
    return [m / sum(means) for m in means]


def test_the_triad_shift_after_the_measure_is_explained_in_dutch(person: Person, corpus: list[SeedStory]) -> None:
    html = page(person("analist.sector"), "/werkplaats/vergelijken", vraag="verschil", a_period_to="2026-07",
                b_period_from="2026-09")
    before = [s for s in corpus if s.week < date(2026, 8, 1)]
    after = [s for s in corpus if s.week >= date(2026, 9, 1) and s.week >= MEASURE_WEEK]

    rows = {r[0]: r for r in table(html, "tabel-vergelijk")}
    for name, group in (("A", before), ("B", after)):
        assert number(rows[name][1]) == len(group)
        shown = [int(v.rstrip("%")) for v in rows[name][2:5]]
        assert all(abs(s - e * 100) <= 1 for s, e in zip(shown, _geometric_mean(group), strict=True))
    assert int(rows["B"][3].rstrip("%")) > int(rows["A"][3].rstrip("%")) + 10  # towards the professional's approach
    assert "kleiner dan 0,001" in html and 'id="uitleg-toets"' in html


def test_a_storyteller_finds_colleagues_stories_about_language_support(person: Person,
                                                                      corpus: list[SeedStory]) -> None:
    storyteller = person("verteller.zwolle")
    html = page(storyteller, "/werkplaats/kennisbank", q="taalmaatje")
    assert "<mark>taalmaatje</mark>" in html.lower() or "<mark>Taalmaatje</mark>" in html
    with_word = sum("taalmaatje" in s.text.lower() for s in corpus)
    assert f"Ongeveer {with_word // 10 * 10:,}".replace(",", ".") in html
    story_id = html.split('href="/werkplaats/kennisbank/verhaal/')[1].split('"')[0]
    story = page(storyteller, f"/werkplaats/kennisbank/verhaal/{story_id}")
    assert "Verhalen die hierop lijken" in story and "uitkomst" not in story.lower()


def test_only_analysts_add_measures_and_they_appear_on_the_timeline(person: Person) -> None:
    storyteller, analyst = person("verteller.zwolle"), person("analist.zwolle")
    assert 'id="maatregel-toevoegen"' not in page(storyteller, "/werkplaats/trends")
    refused = storyteller.post("/werkplaats/trends/maatregel", data={"label": "Niet mijn taak", "on": "2026-10-05",
                                                                     "csrf": _csrf(storyteller)})
    assert refused.status_code == 403 and "Alleen analisten" in refused.text

    trends = page(analyst, "/werkplaats/trends", municipality=ZWOLLE)
    assert 'id="maatregel-toevoegen"' in trends
    saved = analyst.post("/werkplaats/trends/maatregel", follow_redirects=False,
                         data={"label": "Inloopspreekuur bij de bibliotheek", "on": "2026-10-05", "scope": "own",
                               "csrf": _csrf(analyst), "back": f"/werkplaats/trends?municipality={ZWOLLE}"})
    assert saved.status_code == 303 and saved.headers["location"].endswith("opgeslagen=1")
    after = page(analyst, saved.headers["location"])
    assert "De maatregel staat op de tijdlijn" in after
    assert "Inloopspreekuur bij de bibliotheek" in after and "Voor: Zwolle" in after
    assert analyst.post("/werkplaats/trends/maatregel", data={"label": "x", "on": "2026-10-05"}).status_code == 400


def _csrf(client: TestClient) -> str:
    html = page(client, "/werkplaats/")
    return html.split('name="csrf" value="')[1].split('"')[0]


def test_bad_input_is_explained_never_a_server_error(person: Person) -> None:
    client = person("analist.sector")
    odd = page(client, "/werkplaats/vergelijken", vraag="verschil", a_period_from="mei", b_role="<script>")
    main = odd.split("<main")[1].split("</main>")[0]
    assert "is geen maand" in main and "<script>" not in main
    assert "tabel-kruistabel" in page(client, "/werkplaats/patronen", soort="kruistabel", rij="'; DROP", kolom="rol")
    missing = client.get("/werkplaats/kennisbank/verhaal/bestaat-niet")
    assert missing.status_code == 404 and "bestaat niet" in missing.text
