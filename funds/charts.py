"""Charts for the reports: pygal bar charts rendered on the server as inline SVG, with their data for a table.

Nothing is fetched by the browser: no JavaScript (`js=[]`, and pygal's inline config script is dropped),
no stylesheet or font from elsewhere, no XML declaration (the SVG sits inside the HTML page). The chart's
own `<style>` carries the response's CSP nonce: without it the policy (`style-src 'self'`) blocks the
stylesheet and the browser paints every shape black. pygal's one inline `style` attribute (its tooltip
layer, useless without its script) is dropped; app.css hides that layer instead.
"""

from __future__ import annotations

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
MILLION_WON = _l("Million won")


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
    return pygal, DefaultStyle(font_family=FONTS, background="transparent", plot_background="transparent")


def _millions(value: float | None) -> str:
    return "" if value is None else f"{value / MILLION:,.0f}"


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:+,.1f} %"


def _whole(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


def bar_chart(
    title: str,
    labels: list[str],
    series: list[tuple[str, list[Any]]],
    money: bool = False,
    stacked: bool = False,
    percent: bool = False,
) -> Chart:
    """A bar chart of one or more series over the labels, as inline SVG (percent: signed changes, to 0.1)."""
    pygal, style = _pygal()
    kind = pygal.StackedBar if stacked else pygal.Bar
    chart = kind(
        js=[],
        disable_xml_declaration=True,
        style=style,
        width=720,
        height=360,
        legend_at_bottom=True,
        x_label_rotation=20 if len(labels) > 4 else 0,
        truncate_label=-1,
        show_legend=len(series) > 1,
        value_formatter=_millions if money else _percent if percent else _whole,
        y_title=str(MILLION_WON) if money else "%" if percent else None,
        include_x_axis=True,
    )
    chart.title = title
    chart.x_labels = labels
    for name, values in series:
        chart.add(name, [None if value is None else float(value) for value in values])
    svg = _UNWANTED.sub("", chart.render(is_unicode=True))
    svg = svg.replace(_STYLESHEET, f'<style nonce="{csp_nonce()}">', 1)
    return Chart(title, labels, series, money, Markup(svg), percent)  # noqa: S704  (pygal's own SVG, labels escaped)
