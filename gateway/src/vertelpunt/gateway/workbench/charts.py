"""Vega-Lite specifications for every chart of the workbench, built from the same rows as the text tables.

The browser only draws them (static/werkplaats.js with vega-embed and the CSP-safe expression interpreter); the
numbers come from here. Triads use an identity projection on GeoJSON polygons: Vega-Lite has no ternary plot, but
it draws any polygon, and a point in a triangle is just a weighted average of its corners.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from vertelpunt.gateway.workbench.text import say
from vertelpunt.gateway.workbench.views.common import SUPPRESSED

HEIGHT = math.sqrt(3) / 2
# The triangle: corner a at the top, b bottom left, c bottom right.
CORNERS = ((0.5, HEIGHT), (0.0, 0.0), (1.0, 0.0))
FONT = "Arial, Helvetica, sans-serif"
INK = "#1a1a1a"
ACCENT = "#0b5cad"  # contrast 6.3:1 on white
SECOND = "#b3541e"
MUTED = "#767676"  # contrast 4.5:1 on white
EMPTY = "#e6e6e6"
# Titles of axes, legends and tooltips.
STORIES = say("chart.stories")
GROUP = say("chart.group")
MEAN = say("chart.mean")
WHAT = say("chart.what")
SHARE = say("chart.share")
PERIOD = say("chart.period")
MEASURE = say("chart.measure")
DATE = say("chart.date")
CONFIG = {"font": FONT, "axis": {"labelColor": INK, "titleColor": INK, "labelFontSize": 12, "titleFontSize": 12},
          "legend": {"labelColor": INK, "titleColor": INK}, "view": {"stroke": None}, "background": "white"}


def spec(description: str, body: dict[str, Any]) -> dict[str, Any]:
    """Every chart: a description for screen readers (Vega puts it on the SVG), shared fonts and colours."""
    return {"description": description, "config": CONFIG, "autosize": {"type": "pad"}, **body}


# -- ternary geometry ------------------------------------------------------------------------------------------
def project(a: float, b: float, c: float) -> tuple[float, float]:
    """A composition (a + b + c = 1) as a point in the triangle."""
    total = a + b + c or 1.0
    a, b, c = a / total, b / total, c / total
    return (a * CORNERS[0][0] + b * CORNERS[1][0] + c * CORNERS[2][0],
            a * CORNERS[0][1] + b * CORNERS[1][1] + c * CORNERS[2][1])


def bin_polygon(a_from: float, b_from: float, width: float) -> list[tuple[float, float, float]]:
    """The part of the triangle a bin covers: a in [a_from, a_from + width), b likewise, c = 1 - a - b >= 0.

    The square in (a, b) is clipped by a + b <= 1 (one Sutherland-Hodgman step); empty when it lies outside."""
    square = [(a_from, b_from), (a_from + width, b_from), (a_from + width, b_from + width), (a_from, b_from + width)]
    inside = [p[0] + p[1] <= 1 + 1e-9 for p in square]
    clipped: list[tuple[float, float]] = []
    for index, point in enumerate(square):
        following = square[(index + 1) % 4]
        if inside[index]:
            clipped.append(point)
        if inside[index] != inside[(index + 1) % 4]:
            # Where the edge crosses a + b = 1.
            t = (1 - point[0] - point[1]) / ((following[0] - point[0]) + (following[1] - point[1]))
            clipped.append((point[0] + t * (following[0] - point[0]), point[1] + t * (following[1] - point[1])))
    distinct: list[tuple[float, float]] = []
    for point in clipped:  # a corner exactly on the line is found twice
        if not distinct or max(abs(point[0] - distinct[-1][0]), abs(point[1] - distinct[-1][1])) > 1e-9:
            distinct.append(point)
    if len(distinct) > 1 and max(abs(distinct[0][0] - distinct[-1][0]), abs(distinct[0][1] - distinct[-1][1])) <= 1e-9:
        distinct.pop()
    return [(a, b, max(0.0, 1 - a - b)) for a, b in distinct] if len(distinct) >= 3 else []


def _ring(points: Sequence[tuple[float, float, float]]) -> list[list[float]]:
    ring = [list(project(*p)) for p in points]
    return ring + ring[:1]


def _feature(geometry: dict[str, Any], **properties: Any) -> dict[str, Any]:
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def ternary(description: str, corners: tuple[str, str, str], bins: Sequence[dict[str, Any]],
            means: Sequence[dict[str, Any]], width: int = 460) -> dict[str, Any]:
    """Bins as density (count as colour, withheld bins grey), and per group its geometric mean and 95% region.

    `bins`: {a_from, b_from, width, count (None when withheld)}; `means`: {name, mean: (a, b, c) | None,
    region: [(a, b, c), ...], colour}."""
    cells = []
    for item in bins:
        polygon = bin_polygon(item["a_from"], item["b_from"], item["width"])
        if polygon:
            withheld = item["count"] is None
            cells.append(_feature({"type": "Polygon", "coordinates": [_ring(polygon)]},
                                  count=item["count"], suppressed=withheld,
                                  label=SUPPRESSED if withheld else str(item["count"]), href=item.get("href")))
    outline = _feature({"type": "Polygon", "coordinates": [[list(c) for c in (*CORNERS, CORNERS[0])]]})
    layers: list[dict[str, Any]] = []
    if cells:
        layers.append({"data": {"values": cells},
                       "mark": {"type": "geoshape", "stroke": "white", "strokeWidth": 0.5, **_clickable(bins)},
                       "encoding": {
                           "color": {"condition": {"test": "datum.properties.suppressed", "value": EMPTY},
                                     "field": "properties.count", "type": "quantitative", "title": STORIES,
                                     "scale": {"scheme": "blues"}},
                           "tooltip": [{"field": "properties.label", "type": "nominal", "title": STORIES}],
                           **_links(bins, "properties.href")}})
    layers.append({"data": {"values": [outline]},
                   "mark": {"type": "geoshape", "filled": False, "stroke": INK, "aria": False}})
    for group in means:
        if group["region"]:
            ring = _ring(group["region"])
            layers.append({"data": {"values": [_feature({"type": "LineString", "coordinates": ring})]},
                           "mark": {"type": "geoshape", "filled": False, "stroke": group["colour"],
                                    "strokeWidth": 2, "strokeDash": [5, 3],
                                    "description": say("chart.region", name=group["name"])}})
        if group["mean"]:
            # One layer per group with a fixed colour: a colour scale here would clash with the bins' scale.
            x, y = project(*group["mean"])
            point = {"x": x, "y": y, "name": group["name"],
                     "share": " / ".join(f"{round(v * 100)}%" for v in group["mean"])}
            layers.append({"data": {"values": [point]},
                           "mark": {"type": "point", "filled": True, "size": 160, "color": group["colour"],
                                    "stroke": INK, "strokeWidth": 1},
                           "encoding": {"longitude": {"field": "x", "type": "quantitative"},
                                        "latitude": {"field": "y", "type": "quantitative"},
                                        "tooltip": [{"field": "name", "title": GROUP},
                                                    {"field": "share", "title": MEAN}]}})
            layers.append({"data": {"values": [point]},
                           "mark": {"type": "text", "dx": 9, "align": "left", "fontWeight": "bold", "fontSize": 13,
                                    "color": group["colour"], "aria": False},
                           "encoding": {"longitude": {"field": "x", "type": "quantitative"},
                                        "latitude": {"field": "y", "type": "quantitative"},
                                        "text": {"field": "name"}}})
    labels = [{"x": 0.5, "y": HEIGHT + 0.05, "text": corners[0], "align": "center"},
              {"x": 0.0, "y": -0.07, "text": corners[1], "align": "left"},
              {"x": 1.0, "y": -0.07, "text": corners[2], "align": "right"}]
    for label in labels:
        layers.append({"data": {"values": [label]},
                       "mark": {"type": "text", "align": label["align"], "fontSize": 12, "color": INK,
                                "description": say("chart.corner", name=label["text"])},
                       "encoding": {"longitude": {"field": "x", "type": "quantitative"},
                                    "latitude": {"field": "y", "type": "quantitative"},
                                    "text": {"field": "text"}}})
    return spec(description, {"width": width, "height": round(width * 0.95),
                              "projection": {"type": "identity", "reflectY": True}, "layer": layers})


# -- bars, histograms, heat maps, lines ------------------------------------------------------------------------
def share_bars(description: str, rows: Sequence[dict[str, Any]], x_title: str,
               groups: Sequence[tuple[str, str]] = ()) -> dict[str, Any]:
    """Horizontal bars of shares with their 95% Wilson interval; withheld rows say so in words.

    `rows`: {label, share, lower, upper (None when withheld), group (when `groups` is given)}."""
    values = [{**row, "suppressed": row["share"] is None,
               "shown": SUPPRESSED if row["share"] is None else f"{round(row['share'] * 100)}%"} for row in rows]
    y: dict[str, Any] = {"field": "label", "type": "nominal", "sort": None, "title": None,
                         "axis": {"labelLimit": 260}}
    colour: dict[str, Any] = {"value": ACCENT}
    offset: dict[str, Any] = {}
    if groups:
        colour = {"field": "group", "type": "nominal", "title": None,
                  "scale": {"domain": [g for g, _ in groups], "range": [c for _, c in groups]},
                  "legend": {"orient": "top"}}
        offset = {"yOffset": {"field": "group", "type": "nominal", "sort": [g for g, _ in groups]}}
    x = {"field": "share", "type": "quantitative", "title": x_title,
         "scale": {"domain": [0, 1]}, "axis": {"format": "%", "grid": True}}
    return spec(description, {
        "data": {"values": values}, "width": 440, "height": {"step": 14 if groups else 26},
        "encoding": {"y": y, **offset},
        "layer": [
            {"transform": [{"filter": "!datum.suppressed"}], "mark": {"type": "bar", "height": {"band": 0.8}},
             "encoding": {"x": x, "color": colour,
                          "tooltip": [{"field": "label", "title": WHAT}, {"field": "shown", "title": SHARE}]}},
            {"transform": [{"filter": "!datum.suppressed"}], "mark": {"type": "rule", "color": INK},
             "encoding": {"x": {"field": "lower", "type": "quantitative"}, "x2": {"field": "upper"}}},
            {"transform": [{"filter": "datum.suppressed"}],
             "mark": {"type": "text", "align": "left", "dx": 4, "color": MUTED, "fontStyle": "italic"},
             "encoding": {"x": {"datum": 0, "type": "quantitative"}, "text": {"field": "shown"}}},
        ]})


def histogram(description: str, bins: Sequence[dict[str, Any]], poles: tuple[str, str]) -> dict[str, Any]:
    """Slider answers: counts per bin between the two poles; a withheld bin is marked, not drawn as zero."""
    values = [{**item, "suppressed": item["count"] is None,
               "shown": SUPPRESSED if item["count"] is None else str(item["count"]),
               "middle": (item["start"] + item["end"]) / 2} for item in bins]
    left, right, middle = (_quote(text) for text in (*poles, say("chart.middle")))
    x = {"field": "start", "type": "quantitative", "scale": {"domain": [0, 1]},
         "axis": {"values": [0, 0.5, 1], "labelFlush": True, "labelOverlap": False,
                  "labelExpr": f"datum.value == 0 ? '{left}' : datum.value == 1 ? '{right}' : '{middle}'"},
         "title": None}
    return spec(description, {
        "data": {"values": values}, "width": 440, "height": 220,
        "layer": [
            {"transform": [{"filter": "!datum.suppressed"}], "mark": {"type": "bar", "color": ACCENT,
                                                                    **_clickable(bins)},
             "encoding": {"x": x, "x2": {"field": "end"},
                          "y": {"field": "count", "type": "quantitative", "title": STORIES},
                          "tooltip": [{"field": "shown", "title": STORIES}], **_links(bins)}},
            {"transform": [{"filter": "datum.suppressed"}],
             "mark": {"type": "text", "angle": 270, "align": "left", "dy": 4, "color": MUTED, "fontSize": 10,
                      "fontStyle": "italic"},
             "encoding": {"x": {"field": "middle", "type": "quantitative"}, "y": {"datum": 0},
                          "text": {"field": "shown"}}},
        ]})


def heat_map(description: str, cells: Sequence[dict[str, Any]], row_title: str,
             column_title: str) -> dict[str, Any]:
    """A cross table: colour is the number of stories; withheld cells are grey with a question mark."""
    values = [{**cell, "suppressed": cell["count"] is None,
               "shown": "?" if cell["count"] is None else str(cell["count"]),
               "tip": SUPPRESSED if cell["count"] is None else str(cell["count"])} for cell in cells]
    return spec(description, {
        "data": {"values": values}, "width": {"step": 44}, "height": {"step": 26},
        "encoding": {"x": {"field": "column", "type": "nominal", "title": column_title, "sort": None,
                           "axis": {"labelAngle": -40, "labelLimit": 160}},
                     "y": {"field": "row", "type": "nominal", "title": row_title, "sort": None,
                           "axis": {"labelLimit": 220}}},
        "layer": [
            {"mark": {"type": "rect", "stroke": "white", **_clickable(cells)},
             "encoding": {"color": {"condition": {"test": "datum.suppressed", "value": EMPTY},
                                    "field": "count", "type": "quantitative", "title": STORIES,
                                    "scale": {"scheme": "blues"}},
                          "tooltip": [{"field": "row", "title": row_title}, {"field": "column", "title": column_title},
                                      {"field": "tip", "title": STORIES}], **_links(cells)}},
            # The numbers repeat the cells' own descriptions: hidden from screen readers, but a click on them opens
            # the cell like a click next to them.
            {"mark": {"type": "text", "fontSize": 10, "aria": False, **_clickable(cells)},
             "encoding": {"text": {"field": "shown"}, **_links(cells),
                          "color": {"condition": {"test": "!datum.suppressed && datum.count > 40", "value": "white"},
                                    "value": INK}}},
        ]})


def timeline(description: str, points: Sequence[dict[str, Any]], measures: Sequence[dict[str, Any]],
             unit: str) -> dict[str, Any]:
    """Stories per week or month as a line; withheld periods as grey bands; measures as labelled red rules."""
    values = [{**p, "suppressed": p["count"] is None,
               "shown": SUPPRESSED if p["count"] is None else str(p["count"])} for p in points]
    x = {"field": "period", "type": "temporal", "title": None,
         "timeUnit": "yearmonthdate" if unit == "week" else "yearmonth",
         "axis": {"format": "%d-%m-%Y" if unit == "week" else "%m-%Y", "labelAngle": -30}}
    tooltip = [{"field": "label", "title": PERIOD}, {"field": "shown", "title": STORIES}]
    layers: list[dict[str, Any]] = [
        {"data": {"values": [v for v in values if not v["suppressed"]]},
         "mark": {"type": "line", "point": True, "color": ACCENT},
         "encoding": {"x": x, "y": {"field": "count", "type": "quantitative", "title": STORIES},
                      "tooltip": tooltip}}]
    withheld = [v for v in values if v["suppressed"]]
    if withheld:
        layers.append({"data": {"values": withheld}, "mark": {"type": "tick", "color": MUTED, "thickness": 2},
                       "encoding": {"x": x, "y": {"datum": 0, "type": "quantitative"}, "tooltip": tooltip}})
    if measures:
        layers.append({"data": {"values": list(measures)}, "mark": {"type": "rule", "color": SECOND,
                                                                     "strokeWidth": 2, "strokeDash": [6, 3]},
                       "encoding": {"x": {"field": "on", "type": "temporal"},
                                    "tooltip": [{"field": "label", "title": MEASURE},
                                                {"field": "onText", "title": DATE}]}})
        layers.append({"data": {"values": list(measures)},
                       "mark": {"type": "text", "align": "left", "dx": 4, "dy": -4, "color": SECOND,
                                "fontSize": 11, "baseline": "top"},
                       "encoding": {"x": {"field": "on", "type": "temporal"}, "y": {"value": 0},
                                    "text": {"field": "label"}}})
    return spec(description, {"width": 640, "height": 260, "layer": layers})


def _linked(items: Sequence[dict[str, Any]]) -> bool:
    return any(item.get("href") for item in items)


def _clickable(items: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """A pointer over marks that open their stories (Patronen; the text table links to the same pages)."""
    return {"cursor": "pointer"} if _linked(items) else {}


def _links(items: Sequence[dict[str, Any]], field: str = "href") -> dict[str, Any]:
    """Vega opens `href` on a click; marks without one (withheld counts) open nothing."""
    return {"href": {"field": field}} if _linked(items) else {}


def _quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace("'", "\\'")
