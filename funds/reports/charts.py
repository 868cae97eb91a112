"""Charts for the reports: pygal bar charts rendered on the server as inline SVG, with their data for a table.

Nothing is fetched by the browser: no JavaScript (`js=[]`, and pygal's inline config script is dropped),
no stylesheet or font from elsewhere, no XML declaration (the SVG sits inside the HTML page). The chart's
own `<style>` carries the response's CSP nonce: without it the policy (`style-src 'self'`) blocks the
stylesheet and the browser paints every shape black. pygal's one inline `style` attribute (its tooltip
layer, useless without its script) is dropped; app.css hides that layer instead.
"""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass
from functools import cache
from typing import Any

from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from marketplace.security import csp_nonce

# Korean glyphs first: pygal's own font stack is Latin monospace.
FONTS = '"Noto Sans KR","Malgun Gothic","Apple SD Gothic Neo",system-ui,sans-serif'
_UNWANTED = re.compile(r"<!--.*?-->|<script\b.*?</script>| style=\"[^\"]*\"", re.DOTALL)
_STYLESHEET = '<style type="text/css">'
MILLION = 1_000_000
MILLION_WON = _l("million won")
WIDTH = 480
LABEL_FONT_SIZE = 14
LABEL_WIDTH = 12  # in Hangul syllables: a longer name is cut short (…) on the chart; the table beside has it whole
LEGEND_CHARACTERS = 16  # two legend columns fit the chart's width; the table names each series whole
MIN_PLOT_HEIGHT = 120  # two or three bars still fill a chart one can read


@dataclass(frozen=True)
class Chart:
    """A chart's SVG and the figures it draws (the same figures go in a table for screen readers)."""

    title: str
    labels: list[str]
    series: list[tuple[str, list[Any]]]
    money: bool  # the figures are whole won (the SVG shows millions; the table shows won)
    svg: Markup
    percent: bool = False  # the figures are percent changes (None: not measured)


@cache
def _pygal() -> tuple[Any, Any]:
    """pygal and our style, imported on first use: only the report pages draw charts, so no process pays at start."""
    import pygal
    from pygal.style import DefaultStyle

    # pygal appends a legacy import finder to sys.meta_path (for pygal.maps plugins, unused here); Python 3.11
    # warns (ImportWarning) whenever an import falls through to it, e.g. numpy's optional modules. Take it off.
    sys.meta_path[:] = [finder for finder in sys.meta_path if not isinstance(finder, pygal.PluginImportFixer)]
    return pygal, DefaultStyle(
        font_family=FONTS,
        background="transparent",
        plot_background="transparent",
        title_font_size=17,
        label_font_size=LABEL_FONT_SIZE,
        major_label_font_size=LABEL_FONT_SIZE,
        legend_font_size=14,
        value_font_size=13,
    )


def _millions(value: float | None) -> str:
    return "" if value is None else f"{value / MILLION:,.0f}"


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:+,.1f} %"


def _percent_tick(value: float) -> str:
    return f"{value:+,.0f}%" if value else "0%"


def _whole(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


def _height(rows: int, bars_per_row: int, legend_rows: int) -> int:
    """Room for the title, one band per label (wider when its bars stand side by side), the axis and legend."""
    band = 30 if bars_per_row == 1 else 12 * bars_per_row + 14
    return 70 + max(rows * band, MIN_PLOT_HEIGHT) + 40 + legend_rows * 26


def _ticks(values: list[float], whole: bool, steps: int) -> list[float]:
    """About `steps` round steps from the lowest to the highest value (and 0): 0, 5,000, 10,000; never 1.5 projects."""
    low, high = min([0.0, *values]), max([0.0, *values])
    rough = (high - low) / steps or 1.0
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(magnitude * nice for nice in (1, 2, 2.5, 5, 10) if magnitude * nice >= rough)
    if whole:
        step = max(1.0, math.ceil(step))
    first, last = math.floor(low / step), math.ceil(high / step)
    return [n * step for n in range(first, max(last, first + 1) + 1)]


def _wide(char: str) -> bool:
    return ord(char) > 0x2E80  # Hangul and CJK: about twice a Latin letter's width


def _short(label: str) -> str:
    """The label cut short (…) past about 170 px of the chart's 480: 12 Hangul syllables, 21 Latin letters."""
    used = 0.0
    for index, char in enumerate(label):
        used += 1.0 if _wide(char) else 0.55
        if used > LABEL_WIDTH and index < len(label) - 1:
            return label[:index].rstrip() + "…"
    return label


def _label_margin(labels: list[str]) -> int:
    """Extra room on the left for Korean labels: pygal sizes labels as Latin text, a Hangul glyph is twice as wide."""
    wide = max((sum(1 for char in label if _wide(char)) for label in labels), default=0)
    return 10 + round(wide * LABEL_FONT_SIZE * 0.45)


def bar_chart(
    title: str,
    labels: list[str],
    series: list[tuple[str, list[Any]]],
    money: bool = False,
    stacked: bool = False,
    percent: bool = False,
) -> Chart:
    """A horizontal bar chart of one or more series over the labels, as inline SVG (percent: signed changes).

    Horizontal, drawn 480 wide with 14 px labels: shown 366 px wide on a phone its labels still read at about
    11 px, level, however long a state's or a region's name; the page shows it at most 600 px wide beside its
    table. The labels run top to bottom in the order given (pygal draws the first at the bottom).
    """
    pygal, style = _pygal()
    whole = not (money or percent)
    tick_format = _millions if money else _percent_tick if percent else _whole
    kind = pygal.HorizontalStackedBar if stacked else pygal.HorizontalBar
    shown_legend = len(series) > 1
    drawn = [float(value) for _name, values in series for value in values if value is not None]
    if stacked:
        drawn += [float(sum(v or 0 for v in column)) for column in zip(*(values for _n, values in series), strict=True)]
    chart = kind(
        js=[],
        disable_xml_declaration=True,
        style=style,
        width=WIDTH,
        height=_height(len(labels), 1 if stacked else len(series), (len(series) + 1) // 2 if shown_legend else 0),
        legend_at_bottom=True,
        legend_at_bottom_columns=2,
        truncate_label=-1,
        truncate_legend=LEGEND_CHARACTERS,
        show_legend=shown_legend,
        # A few round ticks, short: they never crowd on a phone (the table beside has the exact figures).
        y_labels=[{"value": tick, "label": tick_format(tick)} for tick in _ticks(drawn, whole, 3 if money else 4)],
        margin_left=_label_margin([_short(label) for label in labels]),
        value_formatter=_millions if money else _percent if percent else _whole,
        include_x_axis=True,
    )
    chart.title = f"{title} ({MILLION_WON})" if money else title
    shown = [_short(label) for label in labels[::-1]]
    chart.x_labels = shown
    for name, values in series:
        chart.add(name, [None if value is None else float(value) for value in values[::-1]])
    svg = _UNWANTED.sub("", chart.render(is_unicode=True))
    svg = svg.replace(_STYLESHEET, f'<style nonce="{csp_nonce()}">', 1)
    return Chart(title, labels, series, money, Markup(svg), percent)  # noqa: S704  (pygal's own SVG, labels escaped)
