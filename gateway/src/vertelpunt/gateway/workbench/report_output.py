"""The period report as files: every plot drawn as SVG on the server from the same Vega-Lite specification the pages
draw in the browser (vl-convert: Vega-Lite 6 in an embedded JavaScript runtime, no browser), one self-contained
HTML document, and the PDF made from that document by WeasyPrint (Pango from Debian, no browser).

Both run in a worker thread (report_pages.py): drawing and typesetting take a second or two.
"""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path
from typing import Any

import vl_convert
import weasyprint
from weasyprint.urls import URLFetcher, URLFetcherResponse

from vertelpunt.gateway.workbench.labels import LabelBook
from vertelpunt.gateway.workbench.text import catalogue
from vertelpunt.gateway.workbench.views.common import SUPPRESSED
from vertelpunt.gateway.workbench.views.report import Report
from vertelpunt.gateway.workbench.web import templates

VEGA_LITE = "6.4"  # the version of the browser bundle (gateway/workbench-web/package.json)
# Text in a plot is measured when it is drawn here and typeset again by WeasyPrint or a browser: the font the
# server has (Debian's fonts-dejavu-core) comes first, so labels are measured and shown at the same width.
FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
CSS = Path(__file__).parent / "static" / "report.css"
_REFERENCE = re.compile(r'(\bid="|url\(#|href="#)([^")]+)')
_ROOT = re.compile(r"<svg\b")
_INNER_ARIA = re.compile(r'\s(?:role|aria-[a-z]+)="[^"]*"')


def svg(spec: dict[str, Any], prefix: str) -> str:
    """One plot as inline SVG: its ids made unique with `prefix` (a document holds many plots), and one image
    whose accessible name is the spec's description (the table after it holds the numbers). Vega's own roles on
    the marks are dropped: inside an image they are not read, and an empty mark group would be an unnamed one."""
    drawn = vl_convert.vegalite_to_svg({**spec, "config": {**spec.get("config", {}), "font": FONT}},
                                       vl_version=VEGA_LITE)
    drawn = _INNER_ARIA.sub("", _REFERENCE.sub(lambda m: f"{m[1]}{prefix}-{m[2]}", drawn))
    label = html.escape(str(spec.get("description", "")), quote=True)
    return _ROOT.sub(f'<svg role="img" aria-label="{label}" focusable="false"', drawn, count=1)


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
