"""The period report as files: every plot drawn as SVG on the server from the same Vega-Lite specification the pages
draw in the browser (vl-convert: Vega-Lite 6 in an embedded JavaScript runtime, no browser), one self-contained
HTML document, and the PDF made from that document by WeasyPrint (Pango from Debian, no browser).

Both run in a worker thread (report_pages.py). Drawing is most of a report page's time (text is measured in
DejaVu Sans glyph by glyph), so each drawn plot is kept per process, keyed by its whole specification; the gateway
starts the plot engine at start-up (`warm_up_in_background`), not at the first report.
"""

from __future__ import annotations

import html
import json
import re
import threading
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import vl_convert
import weasyprint
from weasyprint.urls import URLFetcher, URLFetcherResponse

from vertelpunt.gateway.workbench import charts
from vertelpunt.gateway.workbench.labels import LabelBook
from vertelpunt.gateway.workbench.text import catalogue
from vertelpunt.gateway.workbench.views.common import SUPPRESSED
from vertelpunt.gateway.workbench.views.report import Report
from vertelpunt.gateway.workbench.web import templates
from vertelpunt.kit.logging import get_logger

log = get_logger(__name__)

VEGA_LITE = "6.4"  # the version of the browser bundle (gateway/workbench-web/package.json)
# Text in a plot is measured when it is drawn here and typeset again by WeasyPrint or a browser: the font the
# server has (Debian's fonts-dejavu-core) comes first, so labels are measured and shown at the same width.
FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
CSS = Path(__file__).parent / "static" / "report.css"
_REFERENCE = re.compile(r'(\bid="|url\(#|href="#)([^")]+)')
_ROOT = re.compile(r"<svg\b")
_INNER_ARIA = re.compile(r'\s(?:role|aria-[a-z]+)="[^"]*"')
# Drawn plots kept per process, least recently used out first. A report has 3 to about 25 plots, an SVG 3-60 kB.
PLOTS_KEPT = 256


def svg(spec: dict[str, Any], prefix: str) -> str:
    """One plot as inline SVG: its ids made unique with `prefix` (a document holds many plots), and one image
    whose accessible name is the spec's description (the table after it holds the numbers). Vega's own roles on
    the marks are dropped: inside an image they are not read, and an empty mark group would be an unnamed one."""
    drawn = draw(json.dumps(_server_font(spec), ensure_ascii=False))
    drawn = _INNER_ARIA.sub("", _REFERENCE.sub(lambda m: f"{m[1]}{prefix}-{m[2]}", drawn))
    label = html.escape(str(spec.get("description", "")), quote=True)
    return _ROOT.sub(f'<svg role="img" aria-label="{label}" focusable="false"', drawn, count=1)


@lru_cache(maxsize=PLOTS_KEPT)
def draw(spec_json: str) -> str:
    """A Vega-Lite spec (as JSON text) drawn as SVG, and kept. The key is the whole spec, its data inline, so the
    same key is always the same picture. Keeping it discloses nothing: the data in a spec is the table the page
    already shows to whoever asked, after the disclosure rules; another person gets the picture only by asking
    for exactly the same numbers."""
    # The dict, not the text, goes to vl-convert: the picture is then the one drawn before there was a cache
    # (JSON text round-trips every float exactly, but vl-convert prints some last digits differently from text).
    return vl_convert.vegalite_to_svg(json.loads(spec_json), vl_version=VEGA_LITE)


def _server_font(spec: dict[str, Any]) -> dict[str, Any]:
    return {**spec, "config": {**spec.get("config", {}), "font": FONT}}


def warm_up() -> None:
    """Draw one small plot, outside the cache: the first drawing in a process starts the JavaScript runtime,
    compiles Vega-Lite and loads the fonts, which takes one to two seconds."""
    sample = charts.share_bars("opwarmen", [{"label": "opwarmen", "share": 0.5, "lower": 0.4, "upper": 0.6}],
                               charts.SHARE)
    vl_convert.vegalite_to_svg(_server_font(sample), vl_version=VEGA_LITE)


def warm_up_in_background() -> threading.Thread:
    """Start the plot engine in a thread, so the gateway is ready (and serves) while it starts."""

    def run() -> None:
        try:
            warm_up()
        except Exception:  # a failed warm-up only means the first report draws slower
            log.exception("report_plot_warm_up_failed")

    thread = threading.Thread(target=run, name="werkplaats-plot-warm-up", daemon=True)
    thread.start()
    return thread


def svgs(report: Report) -> dict[str, str]:
    return {chart_id: svg(spec, chart_id) for chart_id, spec in report.charts()}


def document(report: Report, drawn: dict[str, str], labels: LabelBook, locale: str = "nl") -> str:
    """The report as one HTML file: style sheet inside, plots inline, no link to anything outside it."""

    def t(message_key: str, /, **params: Any) -> str:
        return catalogue.text(message_key, locale, **params)

    return templates.env.get_template("report_document.html").render(
        t=t, locale=locale, report=report, svgs=drawn, css=CSS.read_text(encoding="utf-8"), labels=labels,
        suppressed=SUPPRESSED)


class NoFetching(URLFetcher):  # type: ignore[misc]
    """The document is self-contained: whatever it might point to (say, a link in a label someone typed) is never
    fetched, neither from the network nor from the disk."""

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        raise PermissionError(f"not fetched: {url[:80]}")


def pdf(document_html: str, title: str, made_on: date) -> bytes:
    page = weasyprint.HTML(string=document_html, url_fetcher=NoFetching())
    result = page.render()
    result.metadata.title = title
    result.metadata.created = made_on.isoformat()
    data: bytes = result.write_pdf()
    return data
