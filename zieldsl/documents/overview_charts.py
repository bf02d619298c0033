"""Charts of the Land overview, drawn with matplotlib in the house style of `zieldsl.documents.charts`.

Both show the *judged figure* (what a condition is judged on: the change in %, in percentage
points, the level or the count; `charts.monthly_figure`), so Kreise of every size share one scale:

* `small_multiples`: one panel per Kreis with the judged figure month by month (year-to-date
  values of the target year against the same months of the baseline year) and its threshold as
  a dashed line; every panel has the same y axis;
* `change_vs_threshold`: one line per Kreis, a dot for its figure (green met / on course, red
  missed / off course) and a bar mark for its own threshold.

Each comes as an accessible inline SVG (HTML) or a PNG (Word) through `charts.figure_svg` and
`charts.figure_png`: byte-identical across runs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from zieldsl import german as fmt
from zieldsl.documents import charts
from zieldsl.results import MET, MISSED, ConditionResult

PANEL_COLUMNS = 4


@dataclass(frozen=True)
class Panel:
    name: str
    points: tuple[tuple[int, float], ...]
    threshold: float | None
    status: str


def _unit(rows: list[tuple[str, ConditionResult]]) -> tuple[str, bool]:
    units = {charts._unit(c) for _n, c in rows}
    return units.pop() if len(units) == 1 else ("%", True)


def _color(status: str) -> str:
    return charts.COLOR_GOOD if status == MET else charts.COLOR_THRESHOLD if status == MISSED else charts.COLOR_BASELINE


def _panels(rows: list[tuple[str, ConditionResult]]) -> list[Panel]:
    out = []
    for name, c in rows:
        points = tuple((m.month, float(v)) for m in c.monthly
                       if (v := charts.monthly_figure(c, m.actual, m.baseline)) is not None)
        if points:
            threshold = float(c.threshold) if c.threshold is not None and c.kind != "richtung" else None
            out.append(Panel(name, points, threshold, c.status))
    return out


def _formatter(unit: str, signed: bool, ax):
    from matplotlib.ticker import FuncFormatter

    places = charts._axis_places(ax)
    return FuncFormatter(lambda v, _p: charts._tick_text(v, unit, places, signed))


def _draw_multiples(panels: list[Panel], unit: str, signed: bool):
    from matplotlib.figure import Figure
    from matplotlib.ticker import FixedLocator, MaxNLocator

    columns = min(PANEL_COLUMNS, len(panels))
    lines = math.ceil(len(panels) / columns)
    fig = Figure(figsize=(charts.WIDTH_IN, 0.35 + 1.45 * lines))
    axes = fig.subplots(lines, columns, sharey=True, squeeze=False)
    values = [v for p in panels for _m, v in p.points] + [p.threshold for p in panels if p.threshold is not None]
    if signed:
        values.append(0.0)
    low, high = min(values), max(values)
    pad = (high - low) * 0.1 or 1.0
    for index, ax in enumerate(axes.flat):
        if index >= len(panels):
            ax.set_visible(False)
            continue
        panel = panels[index]
        charts._style_axes(ax)
        ax.set_ylim(low - pad, high + pad)
        ax.set_xlim(0.5, 12.5)
        ax.xaxis.set_major_locator(FixedLocator([1, 6, 12]))
        ax.set_xticklabels([charts.MONTH_ABBR[0], charts.MONTH_ABBR[5], charts.MONTH_ABBR[11]], fontsize=7)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]))
        ax.tick_params(axis="y", labelsize=7)
        if signed:
            ax.axhline(0, color="#999999", linewidth=0.7, zorder=1)
        if panel.threshold is not None:
            ax.axhline(panel.threshold, color=charts.COLOR_THRESHOLD, linewidth=1.1, linestyle=(0, (4, 2)), zorder=2)
        ax.plot([m for m, _v in panel.points], [v for _m, v in panel.points], color=charts.COLOR_ACTUAL,
                linewidth=1.5, zorder=3)
        last_m, last_v = panel.points[-1]
        ax.plot([last_m], [last_v], marker="o", markersize=4.5, color=_color(panel.status), zorder=4)
        ax.set_title(panel.name, loc="left", fontsize=8, pad=3)
    for ax in axes[:, 0]:
        if ax.get_visible():
            ax.yaxis.set_major_formatter(_formatter(unit, signed, ax))
    fig.subplots_adjust(left=0.1, right=0.99, top=1 - 0.3 / fig.get_size_inches()[1],
                        bottom=0.28 / fig.get_size_inches()[1], hspace=0.55, wspace=0.12)
    return fig


def _draw_dots(rows: list[tuple[str, ConditionResult]], unit: str, signed: bool, interim: bool):
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.ticker import MaxNLocator

    fig = Figure(figsize=(charts.WIDTH_IN, 0.9 + 0.26 * len(rows)))
    ax = fig.add_subplot()
    charts._style_axes(ax)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color=charts.COLOR_GRID, linewidth=0.6)
    ax.set_ylim(len(rows) - 0.4, -0.6)
    for index, (_name, c) in enumerate(rows):
        if c.threshold is not None and c.kind != "richtung":
            ax.plot([float(c.threshold)], [index], marker="|", markersize=13, markeredgewidth=2.2,
                    color=charts.COLOR_THRESHOLD, zorder=3, linestyle="none")
        if c.change_rounded is not None:
            ax.plot([float(c.change_rounded)], [index], marker="o", markersize=6.5, color=_color(c.status), zorder=4,
                    linestyle="none")
    if signed:
        ax.axvline(0, color="#999999", linewidth=0.8, zorder=1)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([name for name, _c in rows], fontsize=8)
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    low, high = ax.get_xlim()
    pad = (high - low) * 0.04
    ax.set_xlim(low - pad, high + pad)
    from matplotlib.ticker import FuncFormatter

    places = max(0, -Decimal(repr(float(ax.get_xticks()[1] - ax.get_xticks()[0]))).normalize().as_tuple().exponent)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: charts._tick_text(v, unit, places, signed)))
    good, bad = ("auf Zielkurs", "nicht auf Zielkurs") if interim else ("erreicht", "nicht erreicht")
    handles = [
        Line2D([], [], marker="o", linestyle="none", color=charts.COLOR_GOOD, markersize=6.5, label=good),
        Line2D([], [], marker="o", linestyle="none", color=charts.COLOR_THRESHOLD, markersize=6.5, label=bad),
        Line2D([], [], marker="|", linestyle="none", color=charts.COLOR_THRESHOLD, markersize=11, markeredgewidth=2,
               label="vereinbarter Zielwert"),
    ]
    height = fig.get_size_inches()[1]
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=3, fontsize=8)
    fig.subplots_adjust(left=0.2, right=0.98, top=1 - 0.12 / height, bottom=0.7 / height)
    return fig


def _figure_text(c: ConditionResult, value: Decimal | None) -> str:
    if value is None:
        return "kein Wert"
    unit, signed = charts._unit(c)
    return charts._figure_text(value, unit, c.decimals if c.kind != "anzahl" else 0, signed)


def small_multiples(rows: list[tuple[str, ConditionResult]], title: str, ident: str, *,
                    as_png: bool = False) -> str | bytes | None:
    """One panel per Kreis on one scale; None when no Kreis has monthly values."""
    panels = _panels(rows)
    if not panels:
        return None
    unit, signed = _unit(rows)
    last = {name: c for name, c in rows}
    description = "; ".join(f"{p.name}: {_figure_text(last[p.name], Decimal(repr(p.points[-1][1])))} im "
                            f"{fmt.month_name(p.points[-1][0])}" for p in panels)
    make = lambda: _draw_multiples(panels, unit, signed)  # noqa: E731
    if as_png:
        return charts.figure_png(make, ident)
    return charts.figure_svg(make, ident, title, description)


def change_vs_threshold(rows: list[tuple[str, ConditionResult]], title: str, ident: str, *, interim: bool = False,
                        as_png: bool = False) -> str | bytes | None:
    """All Kreise in one chart: a dot for the judged figure, a bar mark for the own threshold."""
    rows = [(name, c) for name, c in rows if c.change_rounded is not None or c.threshold is not None]
    if not rows:
        return None
    unit, signed = _unit(rows)
    description = "; ".join(f"{name}: {_figure_text(c, c.change_rounded)}, Zielwert "
                            f"{_figure_text(c, c.threshold) if c.threshold is not None else 'keiner'}"
                            for name, c in rows)
    make = lambda: _draw_dots(rows, unit, signed, interim)  # noqa: E731
    if as_png:
        return charts.figure_png(make, ident)
    return charts.figure_svg(make, ident, title, description)
