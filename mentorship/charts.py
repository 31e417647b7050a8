"""Server-side pictures as inline SVG: no JavaScript, no CDN, no inline style
(the Content-Security-Policy forbids it): the geometry is computed here and the
templates in templates/includes/ draw it with SVG presentation attributes.

Colours: each series has at least 3:1 contrast against white (WCAG 1.4.11 for
graphics) and the segments are separated by a white gap; every chart carries
<title>/<desc> and a table with the same figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: series colour → contrast with white: #1f6f43 6.3:1, #a34e00 5.6:1,
#: #2f5597 7.1:1, #6b6f73 5.1:1
SERIES_COLOURS = {
    "awaiting": "#a34e00",
    "active": "#1f6f43",
    "ended": "#2f5597",
    "not_formed": "#6b6f73",
}
TRACK_COLOUR = "#dee2e6"
DONE_COLOUR = "#1f6f43"

WIDTH = 640
LABEL_WIDTH = 262  # the row's name left of its bar (30 letters at 12 px)
BAR_HEIGHT = 16
ROW_GAP = 8
VALUE_ROOM = 48  # right of the longest bar: its total
#: on a phone the names go above their bars and the picture is drawn at the
#: width it is shown (390 px less the card's padding), so 12 px stays 12 px
NARROW_WIDTH = 330


@dataclass
class Segment:
    key: str
    label: Any
    count: int
    x: float
    width: float
    colour: str


@dataclass
class ChartRow:
    label: str
    total: int
    y_label: float
    y_bar: float
    segments: list[Segment] = field(default_factory=list)
    x_total: float = 0.0
    y_total: float = 0.0


@dataclass
class StackedChart:
    rows: list[ChartRow]
    series: list[tuple[str, Any, str]]  # key, label, colour
    width: int
    height: int
    label_right: int = 0  # labels end here, right-aligned
    labels_above: bool = False  # labels start at 0, over their bars


def stacked_bars(
    rows: list[dict[str, Any]],
    series: tuple[tuple[str, Any, Any], ...],
    *,
    labels_above: bool = False,
) -> StackedChart:
    """Horizontal stacked bars, one row per entry of `rows` ({label, total,
    <series key>: count}); the longest bar fills the width. With
    `labels_above` each name is written over its bar (the phone layout)."""
    width = NARROW_WIDTH if labels_above else WIDTH
    bars_from = 0 if labels_above else LABEL_WIDTH
    label_room = 14 if labels_above else 0  # a line of 12 px text above the bar
    longest = max((r["total"] for r in rows), default=0) or 1
    scale = (width - bars_from - VALUE_ROOM) / longest
    out = []
    y = 0.0
    for r in rows:
        y_bar = y + label_room
        y_label = y + 11 if labels_above else y + BAR_HEIGHT - 3
        row = ChartRow(r["label"], r["total"], y_label, y_bar)
        x = float(bars_from)
        for key, label, _statuses in series:
            count = r.get(key, 0)
            if count:
                w = count * scale
                row.segments.append(
                    Segment(key, label, count, x, max(w - 1, 1), SERIES_COLOURS[key])
                )
                x += w
        row.x_total = x + 6
        row.y_total = row.y_bar + 12
        out.append(row)
        y = y_bar + BAR_HEIGHT + ROW_GAP
    legend = [(key, label, SERIES_COLOURS[key]) for key, label, _s in series]
    return StackedChart(
        out, legend, width, max(int(y), 1), 0 if labels_above else LABEL_WIDTH - 6, labels_above
    )
