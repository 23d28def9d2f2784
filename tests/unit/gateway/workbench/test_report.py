"""The period report's model over GraphQL answers (no servers): withheld values stay words in the model, the HTML
and the PDF; an empty period and a measure at the edge of the period are explained; the form refuses a scope the
role may not report on."""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

import pytest
import weasyprint
from PIL import Image
from pypdf import PdfReader

from tests.framework_definitions import core_label_book
from tests.unit.gateway.workbench.test_views import count, share
from vertelpunt.gateway.workbench import charts, report_output
from vertelpunt.gateway.workbench.views import report
from vertelpunt.gateway.workbench.views.common import SUPPRESSED

OWN = "GM0150"


def test_result(p: float) -> dict[str, Any]:
    return {"name": "chi-kwadraat", "statistic": 9.1, "pValue": p, "effectSize": 0.21, "effectName": "Cramérs V",
            "explanation": "Het verschil is waarschijnlijk geen toeval (p = 0,004)."}


test_result.__test__ = False  # type: ignore[attr-defined]  # a helper, not a test


def category(option: str, a: int | None, total_a: int, b: int | None, total_b: int) -> dict[str, Any]:
    sa = share(a / total_a, a / total_a - .05, a / total_a + .05) if a is not None else share(None)
    sb = share(b / total_b, b / total_b - .05, b / total_b + .05) if b is not None else share(None)
    difference = sa["value"] - sb["value"] if a is not None and b is not None else None
    return {"option": option, "a": count(a), "b": count(b), "shareA": sa, "shareB": sb, "difference": difference,
            "test": None}


def comparison(rows: list[tuple[str, int | None, int | None]], total_a: int, total_b: int,
               p: float | None = 0.004) -> dict[str, Any]:
    return {"totalA": count(total_a), "totalB": count(total_b),
            "categories": [category(o, a, total_a, b, total_b) for o, a, b in rows],
            "test": test_result(p) if p is not None else None}


def trend(points: list[tuple[str, int | None]], measures: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    total = sum(n or 0 for _, n in points)
    return {"points": [{"period": f"{m}-01", "count": count(n)} for m, n in points],
            "measures": measures or [], "total": count(total)}


def works_row(intervention: str, stories: int | None, positive: int | None) -> dict[str, Any]:
    value = positive / stories if stories and positive is not None and stories >= 30 else None
    return {"intervention": intervention, "stories": count(stories), "positive": count(positive),
            "positiveShare": share(value, (value or 0) - .1, (value or 0) + .1)}


def triad_answer() -> dict[str, Any]:
    region = [{"a": .3, "b": .4, "c": .3}, {"a": .35, "b": .4, "c": .25}, {"a": .3, "b": .45, "c": .25}]
    return {"compareTriads": {"meanA": {"a": .31, "b": .47, "c": .22}, "meanB": None, "test": None},
            "groupA": {"answered": count(212), "confidenceRegion": region},
            "groupB": {"answered": count(None), "confidenceRegion": []}}


PERIOD = report.Period("2026-06", "2026-10")
MEASURE_INSIDE = {"id": "m1", "label": "Inloopspreekuur in de wijk", "on": "2026-08-12", "municipality": OWN}
MEASURE_AT_START = {"id": "m2", "label": "Nieuwe folder", "on": "2026-06-01", "municipality": None}
MEASURE_AT_END = {"id": "m3", "label": "Avondopenstelling", "on": "2026-10-03", "municipality": OWN}


def request(**params: str) -> report.ReportRequest:
    return report.ReportRequest.parse(params, [OWN, ""])


def sample_report(measures: list[dict[str, Any]] | None = None) -> report.Report:
    labels = core_label_book()
    asked = request(period_from=PERIOD.start, period_to=PERIOD.end)
    points = [("2026-06", 131), ("2026-07", None), ("2026-08", 118), ("2026-09", 140), ("2026-10", 97)]
    situations = comparison([("schulden", 187, 160), ("werk", 92, 101), ("netwerk", None, 12),
                             ("taal", 64, None)], 486, 455)
    heard = report.heard(trend(points, measures), trend([("2026-02", 455)]), situations,
                         (PERIOD, asked.compare_to), labels, ["2026-06", "2026-10"])  # type: ignore[arg-type]
    works = report.works({"schulden": [works_row("budgetcoaching", 96, 61), works_row("schuldhulp", 24, None)],
                          "werk": [works_row("werkcoaching", 41, 19)]}, labels)
    changes = []
    for measure in measures or []:
        if report.comparable([measure], PERIOD):
            outcome = comparison([("ja", 160, None), ("nee", 41, 52), ("deels", 38, 31)], 262, 201, p=0.03)
            changes.append(report.change(measure, PERIOD, labels, outcome, {"verschil": triad_answer()}))
        else:
            changes.append(report.change(measure, PERIOD, labels))
    return report.build(asked, labels, date(2026, 11, 20), heard, works, changes)


def visible_text(html: str) -> str:
    without_svg = re.sub(r"<svg.*?</svg>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", without_svg))


def test_periods_are_whole_months_and_the_comparison_defaults_to_the_months_before() -> None:
    asked = request(period_from="2026-03", period_to="2026-01")
    assert asked.period == report.Period("2026-01", "2026-03")  # swapped, and said so
    assert any("omgedraaid" in e for e in asked.errors)
    assert asked.compare_to == report.Period("2025-10", "2025-12")  # across the turn of the year
    assert asked.municipality == OWN  # the default scope of an analyst of a municipality
    assert report.Period("2026-06", "2026-10").story_filter(OWN) == {
        "periodFrom": "2026-06-01", "periodTo": "2026-10-31", "municipalities": [OWN]}
    assert "municipalities" not in report.Period("2026-06", "2026-06").story_filter("")
    assert report.Period("2026-06", "2026-06").text() == "juni 2026"
    assert report.Period("2026-06", "2026-10").short() == "jun t/m okt 2026"
    assert report.Period("2025-11", "2026-01").short() == "nov 2025 t/m jan 2026"


def test_the_form_refuses_another_municipality_and_half_a_comparison() -> None:
    asked = request(period_from="2026-05", period_to="2026-06", municipality="GM0034", vergelijk_period_from="2026-01")
    assert asked.municipality == OWN
    assert any("eigen gemeente" in e for e in asked.errors)
    assert any("Vergelijk met" in e for e in asked.errors)
    assert asked.compare_to == report.Period("2026-03", "2026-04")
    sector = report.ReportRequest.parse({"period_from": "2026-05", "period_to": "2026-05", "municipality": OWN}, [""])
    assert sector.municipality == "" and sector.errors  # a sector analyst reports on the sector only
    assert request(period_from="2026-05").period is None and request(period_from="2026-05").errors
    assert request().period is None and not request().errors  # nothing asked yet: the empty form
    same = request(period_from="2026-05", period_to="2026-06", vergelijk_period_from="2026-05",
                   vergelijk_period_to="2026-06")
    assert same.compare_to == report.Period("2026-03", "2026-04") and same.errors


def test_suppressed_cells_stay_words_in_every_part_of_the_model() -> None:
    made = sample_report([MEASURE_INSIDE])
    assert dict(made.heard.months.rows)["juli 2026"] == SUPPRESSED
    assert made.heard.total == "486"
    # The main situations are those with a count; a withheld one is never ranked (as if it were 0) nor dropped
    # from the table.
    assert [s for s, _, _ in made.heard.main] == ["schulden", "werk", "taal"]
    rows = {r.option: r for r in made.heard.situations.rows}
    assert (rows["netwerk"].a, rows["netwerk"].share_a, rows["netwerk"].difference) == (SUPPRESSED,) * 3
    assert rows["taal"].b == SUPPRESSED and rows["taal"].a == "64"
    debt = made.works[0].rows
    assert [(r.intervention, r.stories, r.positive, r.share) for r in debt] == [
        ("budgetcoaching", "96", "61", "64% (54 tot 74%)"), ("schuldhulp", "24", SUPPRESSED, SUPPRESSED)]
    change = made.changes[0]
    assert change.compared and change.before == report.Period("2026-06", "2026-07")
    assert change.after == report.Period("2026-09", "2026-10")  # August, when it started, belongs to neither
    assert change.helped == (SUPPRESSED, "61% (56 tot 66%)")  # (before, after): before was withheld
    assert change.triads[0].means[1] == ("Ervoor", None, SUPPRESSED)


def test_an_empty_period_is_said_in_words_not_drawn_as_zeros() -> None:
    labels = core_label_book()
    asked = request(period_from="2027-01", period_to="2027-02")
    heard = report.heard(trend([]), trend([]), comparison([], 0, 0, p=None), (asked.period, asked.compare_to),  # type: ignore[arg-type]
                         labels, [])
    made = report.build(asked, labels, date(2027, 3, 1), heard, report.works({}, labels), [])
    assert made.heard.total_value == 0 and made.heard.main == [] and made.works == []
    text = visible_text(report_output.document(made, report_output.svgs(made), core_label_book()))
    assert "In januari 2027 tot en met februari 2027 kwamen geen verhalen binnen." in text
    assert "te weinig verhalen om te zien wat werkt" in text
    assert "geen maatregelen op de tijdlijn" in text
    assert "Er zijn te weinig verhalen om een toets te doen." in text


@pytest.mark.parametrize(("measure", "expected"), [
    (MEASURE_AT_START, "aan het begin van de periode (juni 2026)"),
    (MEASURE_AT_END, "aan het eind van de periode (oktober 2026)"),
])
def test_a_measure_at_the_edge_of_the_period_is_explained_not_compared(measure: dict[str, Any],
                                                                       expected: str) -> None:
    before, after = report.windows(date.fromisoformat(measure["on"]), PERIOD)
    assert (before is None) != (after is None)
    assert report.comparable([measure], PERIOD) == []
    made = sample_report([measure])
    assert not made.changes[0].compared and expected in made.changes[0].note
    assert [chart_id for chart_id, _ in made.charts() if chart_id.startswith("maatregel")] == []


def test_a_measure_on_the_first_day_of_a_month_counts_that_month_as_after() -> None:
    assert report.windows(date(2026, 8, 1), PERIOD) == (report.Period("2026-06", "2026-07"),
                                                        report.Period("2026-08", "2026-10"))
    assert report.windows(date(2026, 6, 1), report.Period("2026-06", "2026-06")) == (None, report.Period(
        "2026-06", "2026-06"))
    many = [{**MEASURE_INSIDE, "id": str(i)} for i in range(report.MAX_MEASURES + 2)]
    assert len(report.comparable(many, PERIOD)) == report.MAX_MEASURES


def test_with_more_measures_than_compared_the_own_municipality_comes_first_then_the_sector_then_the_latest() -> None:
    others = [{**MEASURE_INSIDE, "id": f"ander-{i}", "municipality": "GM0034"} for i in range(report.MAX_MEASURES)]
    sector = {**MEASURE_INSIDE, "id": "sector", "municipality": None}
    own = {**MEASURE_INSIDE, "id": "eigen", "municipality": "GM0268"}
    chosen = [m["id"] for m in report.comparable([*others, sector, own], PERIOD, "GM0268")]
    assert chosen[-2:] == ["sector", "eigen"] and len(chosen) == report.MAX_MEASURES  # listed in the report's order
    assert "sector" in [m["id"] for m in report.comparable([*others, sector], PERIOD)]


def test_the_document_holds_every_number_of_the_model_and_a_plot_with_a_table_each() -> None:
    made = sample_report([MEASURE_INSIDE, MEASURE_AT_END])
    drawn = report_output.svgs(made)
    assert set(drawn) == {chart_id for chart_id, _ in made.charts()}
    assert all(svg.startswith('<svg role="img" aria-label="') for svg in drawn.values())
    assert all(svg.count("role=") == 1 and svg.count("aria-") == 1 for svg in drawn.values())  # one named image
    ids = re.findall(r'\bid="([^"]+)"', "".join(drawn.values()))
    assert len(ids) == len(set(ids))  # plots side by side in one document share no id
    html = report_output.document(made, drawn, core_label_book())
    for chart_id in drawn:
        assert f'id="tabel-{chart_id}"' in html  # every plot has its numbers in a table
    text = visible_text(html)
    assert "In juni 2026 tot en met oktober 2026 kwamen 486 verhalen binnen." in text
    assert "Schulden: 187 verhalen" in text and "Werk en re-integratie: 92 verhalen" in text
    assert "Aandeel verhalen waarin het hielp: ervoor te weinig verhalen, erna 61% (56 tot 66%)." in text
    assert "Het verschil is waarschijnlijk geen toeval" in text
    assert "aan het eind van de periode (oktober 2026)" in text
    assert "<link" not in html and "<script" not in html  # one self-contained file
    # Nothing withheld turned into a number: each row that is withheld in the model is withheld in the table.
    netwerk = re.search(r'<tr data-option="netwerk">(.*?)</tr>', html, re.S)
    assert netwerk and netwerk.group(1).count(SUPPRESSED) == 3 and "12" in netwerk.group(1)


def test_the_pdf_has_the_text_the_numbers_and_the_plots() -> None:
    made = sample_report([MEASURE_INSIDE])
    html = report_output.document(made, report_output.svgs(made), core_label_book())
    data = report_output.pdf(html, made.title, made.made_on)
    assert data.startswith(b"%PDF-")
    pdf = PdfReader(io.BytesIO(data))
    assert len(pdf.pages) >= 3
    assert pdf.metadata is not None and pdf.metadata.title == made.title
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pdf.pages))
    assert "kwamen 486 verhalen binnen" in text
    assert "64% (54 tot 74%)" in text and SUPPRESSED in text
    assert "Inloopspreekuur in de wijk" in text
    # The plots are drawn in the PDF: their axis titles and labels are text there too.
    assert "Aandeel verhalen waarin het hielp" in text and "Budgetcoaching" in text
    assert "Pagina 1 van" in text


def test_the_pdf_never_fetches_what_the_document_points_to(tmp_path: Any) -> None:
    """A label is escaped as text; and should anything in the document point to a file or a server, the PDF
    maker does not fetch it (compared with WeasyPrint's default fetcher, which would embed the file)."""
    picture = tmp_path / "geheim.png"
    Image.new("RGB", (4, 4), "red").save(picture)
    pointer = f'<img src="file://{picture}" alt="x">'
    made = sample_report([{**MEASURE_INSIDE, "label": pointer}])
    html = report_output.document(made, report_output.svgs(made), core_label_book())
    assert pointer not in html and "&lt;img" in html
    hostile = f"<!doctype html><html><body><p>Rapport</p>{pointer}</body></html>"

    def images(data: bytes) -> int:
        return sum(len(page.images) for page in PdfReader(io.BytesIO(data)).pages)

    assert images(weasyprint.HTML(string=hostile).write_pdf()) > 0  # the default would read the file
    assert images(report_output.pdf(hostile, made.title, made.made_on)) == 0


def test_a_plot_is_drawn_once_per_spec_and_another_spec_is_another_picture(monkeypatch: pytest.MonkeyPatch) -> None:
    """The drawing is kept by the whole spec, data included: the same spec gives the very same SVG without drawing
    again; one changed number is a new drawing with that number in it."""
    drawings: list[dict[str, Any]] = []
    real = report_output.vl_convert.vegalite_to_svg

    def counted(spec: dict[str, Any], **options: Any) -> str:
        drawings.append(spec)
        return str(real(spec, **options))

    monkeypatch.setattr(report_output.vl_convert, "vegalite_to_svg", counted)
    report_output.draw.cache_clear()
    rows = [{"label": "Thuisadministratie", "share": 0.37, "lower": 0.29, "upper": 0.45},
            {"label": "Maatjesproject", "share": None, "lower": None, "upper": None}]
    bars = charts.share_bars("Staafdiagram: aanpakken", rows, charts.SHARE)
    changed = charts.share_bars("Staafdiagram: aanpakken", [{**rows[0], "share": 0.83, "upper": 0.9}, rows[1]],
                                charts.SHARE)

    first = report_output.svg(bars, "een")
    again = report_output.svg(bars, "een")
    other = report_output.svg(changed, "een")

    assert again == first and len(drawings) == 2
    assert other != first and drawings[1]["data"]["values"][0]["share"] == 0.83
    assert report_output.draw.cache_info().hits == 1
    # Same picture, another place in the document: the ids are still made unique per plot.
    assert report_output.svg(bars, "twee") == first.replace("een-", "twee-") and len(drawings) == 2


def test_the_warm_up_draws_outside_the_cache() -> None:
    report_output.draw.cache_clear()
    report_output.warm_up()
    assert report_output.draw.cache_info().currsize == 0
