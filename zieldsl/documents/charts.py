"""Charts of what a judgement is about, drawn with matplotlib.

One chart model (`Chart`), one drawing function, two renderings: an accessible inline
SVG for HTML (with <title> and <desc>) and a high-resolution PNG for Word. Three shapes:

- "verlauf": per month the judged figure of January up to that month (the change of the
  year-to-date value against the same months of the baseline year, or the level, or the
  count), the agreed threshold as a line, the rounded final value marked and labelled;
- "balken": when the data hold a single month (December only), a bar comparison of the
  baseline year, the level the threshold implies, and the target year;
- "zeitleiste": milestones as a timeline of steps (done or not) and deadlines.

Both renderings are byte-identical across runs and PYTHONHASHSEED: fixed rcParams,
the SVG hash salt set to the chart's id, no dates or software names in the metadata.
Text uses DejaVu Sans, which ships with matplotlib (umlauts included).
"""

from __future__ import annotations

import datetime
import functools
import io
import re
import textwrap
import threading
from dataclasses import dataclass, field
from decimal import Decimal

from zieldsl import german as fmt
from zieldsl.results import MET, MISSED, ConditionResult, StepResult
from zieldsl.wording import COMPARATOR_WORDS

MONTH_ABBR = ("Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez")

WIDTH_IN, HEIGHT_IN = 6.4, 3.4  # figure size in inches (Word shows it 160 mm wide)
PNG_DPI = 220
COLOR_ACTUAL = "#1f4e79"
COLOR_BASELINE = "#8c8c8c"
COLOR_THRESHOLD = "#b00020"
COLOR_GOOD = "#2e7d32"
COLOR_GRID = "#d9d9d9"
COLOR_TEXT = "#222222"
FONT = "DejaVu Sans"

RC = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT],
    "font.size": 8.5,
    "axes.edgecolor": "#666666",
    "axes.linewidth": 0.8,
    "axes.labelcolor": COLOR_TEXT,
    "text.color": COLOR_TEXT,
    "xtick.color": COLOR_TEXT,
    "ytick.color": COLOR_TEXT,
    "axes.unicode_minus": True,
    "svg.fonttype": "none",
    "svg.image_inline": True,
    "path.simplify": False,
    "legend.frameon": False,
    "figure.dpi": 100,
    # A fixed title height: matplotlib's automatic placement measures every tick label of
    # the figure to dodge a top axis that these charts never have (about 15 % of a chart).
    "axes.titley": 1.0,
}


@dataclass(frozen=True)
class Chart:
    """Everything both renderings need."""

    ident: str
    shape: str  # "verlauf" | "balken" | "zeitleiste"
    title: str
    description: str
    y_label: str = ""
    unit: str = "%"  # "%", "prozentpunkte", "Anzahl", "EUR"; how axis ticks and labels read
    signed: bool = True
    decimals: int = 1
    points: tuple[tuple[int, Decimal], ...] = ()  # verlauf: (month, judged figure)
    baseline_points: tuple[tuple[int, Decimal], ...] = ()  # verlauf of counts: the baseline year
    series_label: str = ""
    baseline_label: str = ""
    threshold: Decimal | None = None
    threshold_label: str = ""
    good_side: str | None = None  # "oben" | "unten": where the threshold is met
    final: tuple[int, Decimal, str] | None = None  # (month, rounded figure, label)
    bars: tuple[tuple[str, Decimal, str], ...] = ()  # balken: (label, value, kind: basis|ziel|ist)
    steps: tuple[tuple[str, datetime.date | None, datetime.date | None, bool], ...] = ()  # zeitleiste
    as_of: datetime.date | None = None
    year: int | None = None
    met: bool | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)


# ------------------------------------------------------------------ numbers as the documents write them


def _figure_text(value: Decimal, unit: str, decimals: int, signed: bool) -> str:
    """A figure as the documents write it, with their typography (minus sign, no-break space)."""
    if unit == "prozentpunkte":
        return fmt.typeset(fmt.points(value, decimals, signed=signed))
    if unit == "Anzahl":
        return fmt.typeset(fmt.number(value, 0, signed=signed))
    if unit == "EUR":
        return fmt.typeset(fmt.euro(value))
    return fmt.typeset(fmt.percent(value, decimals, signed=signed))


def _tick_text(value: float, unit: str, places: int, signed: bool) -> str:
    value = float(value)
    number = fmt.number(Decimal(repr(value)), places, signed=signed and value != 0)
    if unit == "%":
        return fmt.typeset(f"{number} %")
    if unit == "prozentpunkte":
        return fmt.typeset(f"{number} Pp.")
    return fmt.typeset(number)


def threshold_level(c: ConditionResult, baseline: Decimal) -> Decimal | None:
    """The level of the indicator the agreed threshold implies, for the monthly table.

    baseline × (1 + t/100) for a relative change, baseline + t for percentage points,
    t itself for a level or a count.
    """
    t = c.threshold
    if t is None:
        return None
    if c.kind == "veraenderung":
        return baseline * (1 + t / 100)
    if c.kind == "prozentpunkte":
        return baseline + t
    if c.kind in ("niveau", "anzahl"):
        return t
    return None


def monthly_figure(c: ConditionResult, actual: Decimal | None, baseline: Decimal | None) -> Decimal | None:
    """The judged figure of January up to one month: change in %, in points, the level or the count."""
    if actual is None:
        return None
    if c.kind in ("niveau", "anzahl"):
        return actual
    if baseline is None:
        return None
    if c.kind == "prozentpunkte":
        return actual - baseline
    if baseline == 0:
        return None  # a change on a base of zero is undefined
    return (actual / baseline - 1) * 100


def _good_side(c: ConditionResult) -> str | None:
    if c.operator in (">=", ">"):
        return "oben"
    if c.operator in ("<=", "<"):
        return "unten"
    if c.kind == "richtung":
        return "oben" if c.verb in ("steigt", "sinkt_nicht") else "unten"
    return None


def _unit(c: ConditionResult) -> tuple[str, bool]:
    """The unit of the judged figure and whether it carries a sign."""
    if c.kind == "anzahl":
        return "Anzahl", False
    if c.kind == "niveau":
        return c.unit, False  # a quota in %, a stock as a number, an amount in EUR
    if c.kind == "prozentpunkte" or c.unit == "prozentpunkte":
        return "prozentpunkte", True
    return "%", True


# ------------------------------------------------------------------ chart models


def chart_for(c: ConditionResult, *, ident: str, label: str, target_year: int, baseline_year: int) -> Chart | None:
    """The chart of one judged figure, or None when the results carry no monthly values."""
    unit, signed = _unit(c)
    months = [m for m in c.monthly if m.actual is not None]
    if not months:
        return None
    threshold = c.threshold if c.kind != "richtung" else Decimal(0)
    if len([m for m in months if m.baseline is not None or c.kind in ("niveau", "anzahl")]) <= 1:
        return _bar_chart(c, ident=ident, label=label, target_year=target_year, baseline_year=baseline_year)
    points = tuple((m.month, v) for m in months if (v := monthly_figure(c, m.actual, m.baseline)) is not None)
    if not points:
        return None
    baseline_points = ()
    if c.kind == "anzahl":
        baseline_points = tuple((m.month, m.baseline) for m in c.monthly if m.baseline is not None)
    last_month, last_value = points[-1]
    decimals = c.decimals if c.kind != "anzahl" else 0
    judged = c.change_rounded if c.change_rounded is not None else fmt.round_half_up(last_value, decimals)
    if c.change is not None and c.kind != "anzahl":
        last_value = c.change  # the evaluator's unrounded figure: what was judged
    final_label = f"{MONTH_ABBR[last_month - 1]}: {_figure_text(judged, unit, decimals, signed)}"
    if c.kind != "anzahl" and fmt.round_half_up(last_value, decimals + 2) != judged:
        final_label += f"\n(ungerundet {_figure_text(last_value, unit, min(4, decimals + 2), signed)})"
    what = _what(c, label, target_year, baseline_year)
    threshold_label = _threshold_label(c, unit, signed)
    met = c.status == MET if c.status in (MET, MISSED) else None
    chart = Chart(
        ident=ident, shape="verlauf",
        title=f"{what}, Monat für Monat",
        description="",
        y_label=what,
        unit=unit, signed=signed, decimals=decimals,
        points=tuple((m, fmt.round_half_up(v, decimals + 2)) for m, v in points[:-1]) + ((last_month, last_value),),
        baseline_points=baseline_points,
        series_label=f"Veränderung gegenüber {baseline_year}, jeweils Januar bis Monat" if c.kind not in
        ("niveau", "anzahl") else f"{target_year}, jeweils Januar bis Monat",
        baseline_label=f"{baseline_year}, jeweils Januar bis Monat",
        threshold=threshold, threshold_label=threshold_label, good_side=_good_side(c),
        final=(last_month, judged, final_label), year=target_year, met=met,
    )
    return _with_description(chart, c)


def _what(c: ConditionResult, label: str, target_year: int, baseline_year: int) -> str:
    """What the chart shows, without declining the label: "Integrationsquote: Veränderung 2026 gegenüber 2025"."""
    if c.kind == "niveau":
        return f"{label} {target_year} (Jahresfortschrittswert)"
    if c.kind == "anzahl":
        return f"{label} {target_year} und {baseline_year} (Januar bis Monat)"
    if c.kind == "prozentpunkte" or c.unit == "prozentpunkte":
        return f"{label}: Veränderung {target_year} gegenüber {baseline_year} in Prozentpunkten"
    return f"{label}: Veränderung {target_year} gegenüber {baseline_year}"


def _threshold_label(c: ConditionResult, unit: str, signed: bool) -> str:
    if c.kind == "richtung":
        return "Vorjahresniveau (keine Veränderung)"
    if c.threshold is None:
        return ""
    prefix = f"{COMPARATOR_WORDS[c.operator]} " if c.operator in (">=", ">", "<=", "<") else ""
    return f"vereinbart: {prefix}{_figure_text(c.threshold, unit, c.decimals if unit != 'Anzahl' else 0, signed)}"


def _bar_chart(c: ConditionResult, *, ident: str, label: str, target_year: int, baseline_year: int) -> Chart | None:
    """December-only data: baseline year, the level the threshold implies, target year, as bars."""
    last = [m for m in c.monthly if m.actual is not None][-1]
    bars = []
    if last.baseline is not None:
        bars.append((str(baseline_year), last.baseline, "basis"))
    implied = threshold_level(c, last.baseline) if last.baseline is not None or c.kind in ("niveau", "anzahl") \
        else None
    if implied is not None:
        unit, signed = _unit(c)
        agreed = _threshold_label(c, unit, signed).replace("vereinbart: ", "") if c.kind != "niveau" else ""
        bars.append((f"Zielwert\n({agreed})" if agreed and c.kind != "anzahl" else "Zielwert", implied, "ziel"))
    bars.append((str(target_year), last.actual, "ist"))
    value_unit = c.value_unit if c.value_unit in ("%", "EUR") else "Anzahl"
    met = c.status == MET if c.status in (MET, MISSED) else None
    unit, signed = _unit(c)
    figure = ""
    if c.change_rounded is not None and c.kind not in ("niveau", "anzahl"):
        figure = f"Veränderung {_figure_text(c.change_rounded, unit, c.decimals, signed)}"
        if c.threshold is not None and c.kind != "richtung":
            figure += f", {_threshold_label(c, unit, signed)}"
    chart = Chart(
        ident=ident, shape="balken",
        title=f"{label}: {baseline_year} und {target_year} im Vergleich",
        description="", y_label=label, unit=value_unit, signed=False,
        decimals=1 if value_unit == "%" else 0, bars=tuple(bars), year=target_year, met=met,
        threshold_label=figure,
    )
    return _with_description(chart, c)


def _with_description(chart: Chart, c: ConditionResult) -> Chart:
    from dataclasses import replace

    return replace(chart, description=_description(chart, c))


def _description(chart: Chart, c: ConditionResult) -> str:
    """The alternative text: what the chart shows, in words, with its figures."""
    if chart.shape == "balken":
        parts = [f"{name.split(chr(10))[0]}: {_figure_text(v, chart.unit, chart.decimals, False)}"
                 for name, v, _k in chart.bars]
        text = "Balkendiagramm. " + "; ".join(parts) + "."
        if chart.threshold_label:
            text += f" {chart.threshold_label}."
        return text
    first_m, first_v = chart.points[0]
    month, judged, _label = chart.final
    text = (f"Liniendiagramm. {chart.series_label}: {fmt.month_name(first_m)} "
            f"{_figure_text(first_v, chart.unit, chart.decimals, chart.signed)}, {fmt.month_name(month)} "
            f"{_figure_text(judged, chart.unit, chart.decimals, chart.signed)} (gerundet).")
    if chart.threshold_label:
        text += f" Linie: {chart.threshold_label}."
    if month < 12:
        text += f" Werte des Zieljahres liegen bis {fmt.month_name(month)} vor."
    return text


def milestone_chart(steps: tuple[StepResult, ...] | list, *, ident: str, title: str, year: int,
                    as_of: datetime.date | None, done) -> Chart | None:
    """A timeline of milestone steps: the date of the evidence (done or not) and the deadline."""
    rows = tuple((step.text, step.date, step.deadline, bool(done(step))) for step in steps)
    if not rows or not any(date or deadline for _t, date, deadline, _d in rows):
        return None
    parts = []
    for text, date, deadline, is_done in rows:
        bit = f"{text}: {'erledigt' if is_done else 'nicht erledigt'}"
        if date:
            bit += f" ({fmt.date_long(date)})"
        if deadline:
            bit += f", Frist {fmt.date_long(deadline)}"
        parts.append(bit)
    return Chart(ident=ident, shape="zeitleiste", title=title,
                 description="Zeitleiste der Umsetzungsschritte und Bedingungen. " + "; ".join(parts) + ".",
                 steps=rows, as_of=as_of, year=year)


# ------------------------------------------------------------------ drawing


def _figure(chart: Chart):
    """The chart's figure: line charts on this thread's reused figure, the rarer shapes on a new one."""
    if chart.shape == "verlauf":
        return _line_canvas().show(chart)
    from matplotlib.figure import Figure

    height = HEIGHT_IN
    if chart.shape == "zeitleiste":
        height = max(2.0, 1.1 + 0.45 * len(chart.steps))
    fig = Figure(figsize=(WIDTH_IN, height))
    ax = fig.add_subplot()
    {"balken": _draw_bars, "zeitleiste": _draw_timeline}[chart.shape](fig, ax, chart)
    return fig


def _style_axes(ax) -> None:
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.grid(axis="y", color=COLOR_GRID, linewidth=0.6)
    ax.set_axisbelow(True)


def _axis_places(ax) -> int:
    ticks = [Decimal(repr(float(t))).normalize() for t in ax.get_yticks()]
    return max([0] + [max(0, -t.as_tuple().exponent) for t in ticks if isinstance(t.as_tuple().exponent, int)])


_THREAD = threading.local()


def _line_canvas() -> "_LineCanvas":
    """This thread's line-chart figure (matplotlib figures are not shared between threads)."""
    canvas = getattr(_THREAD, "line_canvas", None)
    if canvas is None:
        canvas = _THREAD.line_canvas = _LineCanvas()
    return canvas


def _set_span(patch, low: float, high: float) -> None:
    """Move an `axhspan` to [low, high]: a Rectangle since matplotlib 3.9, a Polygon before."""
    if hasattr(patch, "set_height"):
        patch.set_y(low)
        patch.set_height(high - low)
    else:
        patch.set_xy([(0, low), (0, high), (1, high), (1, low)])


class _LineCanvas:
    """One figure for every "verlauf" chart of a thread: built once, then only what changes is set.

    A document of a batch draws several line charts and a Land draws hundreds. Building a figure
    (axes, spines, twelve month ticks) cost about as much as drawing it, and every line chart has
    the same frame: size, margins, month axis, styles. So the frame and one artist per element
    (target area, zero line, threshold, baseline year, actual line, final marker, its label) are
    made once; each chart sets data, limits, texts and visibility, and the legend is made anew.
    Every property a chart can change is set for every chart, so a drawing never depends on the
    charts drawn before it (tests/test_documents.py draws charts in different orders and on new
    figures and compares the bytes).
    """

    def __init__(self) -> None:
        import matplotlib
        from matplotlib.figure import Figure
        from matplotlib.ticker import FixedLocator, MaxNLocator

        with matplotlib.rc_context(RC):  # artists take their defaults from the house style once
            fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN))
            _svg_canvas_class()(fig)
            ax = fig.add_subplot()
            _style_axes(ax)
            ax.set_xlim(0.5, 12.5)
            ax.xaxis.set_major_locator(FixedLocator(range(1, 13)))
            ax.set_xticklabels(MONTH_ABBR)
            ax.yaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
            # the axis labels are empty: fixed places spare measuring every tick label to place them
            ax.xaxis.set_label_coords(0.5, -0.1)
            ax.yaxis.set_label_coords(-0.1, 0.5)
            self.area = ax.axhspan(0, 1, color=COLOR_GOOD, alpha=0.07, linewidth=0, zorder=0)
            self.zero = ax.axhline(0, color="#999999", linewidth=0.8, zorder=1)
            self.threshold = ax.axhline(0, color=COLOR_THRESHOLD, linewidth=1.4, linestyle=(0, (5, 3)), zorder=2)
            self.baseline, = ax.plot([], [], color=COLOR_BASELINE, linewidth=1.4, linestyle=(0, (2, 2)), marker="s",
                                     markersize=3, zorder=3)
            self.actual, = ax.plot([], [], color=COLOR_ACTUAL, linewidth=2, marker="o", markersize=4, zorder=4)
            self.final, = ax.plot([], [], marker="D", markersize=7, zorder=5, linestyle="none")
            self.note = ax.annotate("", xy=(1, 0), xytext=(10, 0), textcoords="offset points", fontsize=8.5,
                                    fontweight="bold", zorder=6,
                                    bbox={"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": "none",
                                          "alpha": 0.85})
            fig.subplots_adjust(left=0.11, right=0.98, top=1 - 0.42 / HEIGHT_IN, bottom=0.85 / HEIGHT_IN)
        self.fig, self.ax = fig, ax
        self.legends: dict[tuple, object] = {}

    def show(self, chart: Chart):
        """Set everything `chart` shows; returns the figure, ready to save."""
        from matplotlib.ticker import FuncFormatter

        ax = self.ax
        ys = [float(v) for _m, v in chart.points]
        values = list(ys)
        if chart.threshold is not None:
            values.append(float(chart.threshold))
        values += [float(v) for _m, v in chart.baseline_points]
        if chart.unit != "Anzahl" or chart.threshold is None:
            values.append(0.0)
        low, high = min(values), max(values)
        pad = (high - low) * 0.12 or 1.0
        label_above = True
        if chart.final is not None:
            judged = float(chart.final[1])
            label_above = judged >= (low + high) / 2  # the label goes where there is room: away from the middle
        room = (high - low) * 0.32 or 1.0  # two lines of label text
        ax.set_ylim(low - pad - (0 if label_above else room), high + pad + (room if label_above else 0))
        self.zero.set_visible(chart.unit != "Anzahl" and chart.signed)
        legend = [(self.actual, chart.series_label)]
        if chart.baseline_points:
            legend.append((self.baseline, chart.baseline_label))
        self.baseline.set_visible(bool(chart.baseline_points))
        self.baseline.set_data([m for m, _v in chart.baseline_points], [float(v) for _m, v in chart.baseline_points])
        self.threshold.set_visible(chart.threshold is not None)
        self.area.set_visible(chart.threshold is not None and chart.good_side is not None)
        if chart.threshold is not None:
            t = float(chart.threshold)
            self.threshold.set_ydata([t, t])
            if chart.threshold_label:
                legend.append((self.threshold, chart.threshold_label))
            if chart.good_side:
                bottom, top = ax.get_ylim()
                low_end, high_end = (t, top) if chart.good_side == "oben" else (bottom, t)
                _set_span(self.area, low_end, high_end)
                legend.append((self.area, "Zielbereich"))
        self.actual.set_data([m for m, _v in chart.points], ys)
        self.final.set_visible(chart.final is not None)
        self.note.set_visible(chart.final is not None)
        if chart.final is not None:
            month, judged, label = chart.final
            color = COLOR_GOOD if chart.met else COLOR_THRESHOLD if chart.met is False else COLOR_ACTUAL
            self.final.set_data([month], [float(judged)])
            self.final.set_color(color)
            if month <= 9:  # before October the months to come leave room right of the marker
                offset, ha, va = (10, 0), "left", "center"
            else:
                offset, ha, va = (-8, 12 if label_above else -14), "right", "bottom" if label_above else "top"
            self.note.set_text(label)
            self.note.xy = (month, float(judged))
            self.note.xyann = offset
            self.note.set_horizontalalignment(ha)
            self.note.set_verticalalignment(va)
            self.note.set_color(color)
        places = _axis_places(ax)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: _tick_text(v, chart.unit, places, chart.signed)))
        ax.set_title(textwrap.fill(chart.y_label, 78), loc="left", fontsize=9, pad=8)
        self._show_legend(legend)
        return self.fig

    def _show_legend(self, entries: list) -> None:
        """One legend per combination of entries, made once; each chart sets its texts and shows only its own."""
        which = tuple(id(handle) for handle, _label in entries)
        for key, legend in self.legends.items():
            legend.set_visible(key == which)
        legend = self.legends.get(which)
        if legend is None:
            legend = self.legends[which] = self.fig.legend(
                [handle for handle, _label in entries], [label for _handle, label in entries], loc="lower center",
                bbox_to_anchor=(0.5, 0.0), ncol=2, fontsize=8)
        for text, (_handle, label) in zip(legend.texts, entries):
            text.set_text(label)


def _draw_bars(fig, ax, chart: Chart) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    _style_axes(ax)
    colors = {"basis": COLOR_BASELINE, "ziel": "#f2c4cc", "ist": COLOR_ACTUAL}
    if chart.met is True:
        colors["ist"] = COLOR_GOOD
    elif chart.met is False:
        colors["ist"] = COLOR_THRESHOLD
    names = [name for name, _v, _k in chart.bars]
    values = [float(v) for _n, v, _k in chart.bars]
    bars = ax.bar(range(len(names)), values, width=0.55, color=[colors[k] for _n, _v, k in chart.bars],
                  edgecolor=[COLOR_THRESHOLD if k == "ziel" else "none" for _n, _v, k in chart.bars],
                  hatch=None, zorder=3)
    ax.set_xticks(range(len(names)))
    ax.set_xticklabels(names)
    top = max(values + [0.0])
    ax.set_ylim(0, top * 1.22 or 1.0)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
    for bar, (_name, value, _k) in zip(bars, chart.bars):
        ax.annotate(_figure_text(value, chart.unit, chart.decimals, False),
                    xy=(bar.get_x() + bar.get_width() / 2, float(value)), xytext=(0, 3), textcoords="offset points",
                    ha="center", va="bottom", fontsize=8.5, fontweight="bold")
    places = _axis_places(ax)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: _tick_text(v, chart.unit, places, False)))
    ax.set_title(chart.y_label + (f" – {chart.threshold_label}" if chart.threshold_label else ""), loc="left",
                 fontsize=9, pad=8)
    fig.subplots_adjust(left=0.13, right=0.98, top=0.88, bottom=0.12)


def _draw_timeline(fig, ax, chart: Chart) -> None:
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D

    year = chart.year or 2000
    dates = [d for _t, a, b, _d in chart.steps for d in (a, b) if d]
    start = min([datetime.date(year, 1, 1)] + dates)
    end = max([datetime.date(year, 12, 31)] + dates)
    n = len(chart.steps)
    ax.set_ylim(n - 0.4, -0.6)
    ax.set_xlim(mdates.date2num(start) - 5, mdates.date2num(end) + 5)
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.spines["left"].set_visible(False)
    ax.grid(axis="x", color=COLOR_GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    months = []
    current = datetime.date(start.year, start.month, 1)
    while current <= end:
        months.append(current)
        current = datetime.date(current.year + current.month // 12, current.month % 12 + 1, 1)
    ax.set_xticks([mdates.date2num(m) for m in months])
    ax.set_xticklabels([MONTH_ABBR[m.month - 1] + (f"\n{m.year}" if m.month == 1 else "") for m in months])
    labels = []
    # one artist per kind of mark, not per step: a timeline of many steps draws as fast as one of few
    spans, deadlines, dated = [], [], {True: [], False: []}
    for row, (text, date, deadline, done) in enumerate(chart.steps):
        labels.append(textwrap.fill(textwrap.shorten(text, 60, placeholder=" …"), 31))
        if date and deadline:
            spans.append((row, mdates.date2num(date), mdates.date2num(deadline)))
        if deadline:
            deadlines.append((mdates.date2num(deadline), row))
        if date:
            dated[bool(done)].append((mdates.date2num(date), row))
        else:
            ax.annotate(f"{'erledigt' if done else 'nicht erledigt'}, ohne Datum", xy=(0.0, row),
                        xycoords=("axes fraction", "data"), xytext=(4, 0), textcoords="offset points", ha="left",
                        va="center", fontsize=7.5, color="#666666")
    ax.hlines(range(n), 0, 1, transform=ax.get_yaxis_transform(), colors="#eeeeee", linewidth=0.6, zorder=1)
    if spans:
        ax.hlines([r for r, _a, _b in spans], [a for _r, a, _b in spans], [b for _r, _a, b in spans],
                  colors="#bbbbbb", linewidth=1, zorder=2)
    if deadlines:
        ax.plot([x for x, _r in deadlines], [r for _x, r in deadlines], linestyle="none", marker="|", markersize=14,
                markeredgewidth=2, color=COLOR_THRESHOLD, zorder=3)
    for done, points in dated.items():
        if points:
            ax.plot([x for x, _r in points], [r for _x, r in points], linestyle="none", marker="o", markersize=7,
                    zorder=4, color=COLOR_GOOD if done else "white",
                    markeredgecolor=COLOR_GOOD if done else COLOR_ACTUAL, markeredgewidth=1.5)
    ax.set_yticks(range(n))
    ax.set_yticklabels(labels, fontsize=8)
    ax.tick_params(axis="y", length=0)
    if chart.as_of and start <= chart.as_of <= end:
        ax.axvline(mdates.date2num(chart.as_of), color=COLOR_ACTUAL, linewidth=1, linestyle=(0, (3, 2)), zorder=2)
    handles = [
        Line2D([], [], marker="o", linestyle="none", color=COLOR_GOOD, markersize=7, label="erledigt (Datum)"),
        Line2D([], [], marker="o", linestyle="none", color="white", markeredgecolor=COLOR_ACTUAL,
               markeredgewidth=1.5, markersize=7, label="nicht erledigt"),
        Line2D([], [], marker="|", linestyle="none", color=COLOR_THRESHOLD, markersize=12, markeredgewidth=2,
               label="Frist"),
    ]
    if chart.as_of and start <= chart.as_of <= end:
        handles.append(Line2D([], [], color=COLOR_ACTUAL, linewidth=1, linestyle=(0, (3, 2)),
                              label=f"Stand {fmt.date_long(chart.as_of)}"))
    height = fig.get_size_inches()[1]
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=4, fontsize=8)
    fig.subplots_adjust(left=0.36, right=0.98, top=1 - 0.15 / height, bottom=0.9 / height)


# ------------------------------------------------------------------ renderings


def _save(chart: Chart, fmt_name: str, **kwargs) -> bytes:
    return _save_figure(lambda: _figure(chart), chart.ident, fmt_name, **kwargs)


def _save_figure(make_figure, ident: str, fmt_name: str, **kwargs) -> bytes:
    """Draw a figure under the house style (RC, hash salt = ident) and save it as `fmt_name`."""
    import matplotlib

    with matplotlib.rc_context({**RC, "svg.hashsalt": ident}):
        fig = make_figure()
        if fmt_name == "svg" and not isinstance(fig.canvas, _svg_canvas_class()):
            _svg_canvas_class()(fig)
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt_name, **kwargs)
    return buffer.getvalue()


_TEXT_SIZES: dict[tuple, tuple[float, float, float]] = {}


@functools.cache
def _svg_canvas_class():
    """matplotlib's SVG canvas whose renderer measures each text once per process, not once per drawing.

    matplotlib caches text sizes per renderer, and the SVG backend makes a new renderer for every
    saved figure: each chart looked up the font and laid out its month names and tick labels
    again, about a third of drawing a line chart. The size of a text depends only on the text,
    its font properties (under the fixed RC) and whether it is mathtext; print_svg is matplotlib's
    own, with this renderer.
    """
    import codecs

    from matplotlib import cbook
    from matplotlib.backends.backend_mixed import MixedModeRenderer
    from matplotlib.backends.backend_svg import FigureCanvasSVG, RendererSVG

    class MeasuringRenderer(RendererSVG):
        def get_text_width_height_descent(self, s, prop, ismath):
            key = (s, ismath, tuple(prop.get_family()), prop.get_slant(), prop.get_variant(), prop.get_weight(),
                   prop.get_stretch(), prop.get_size(), prop.get_file(), prop.get_math_fontfamily())
            size = _TEXT_SIZES.get(key)
            if size is None:
                if len(_TEXT_SIZES) > 50_000:
                    _TEXT_SIZES.clear()
                size = _TEXT_SIZES[key] = super().get_text_width_height_descent(s, prop, ismath)
            return size

    class SvgCanvas(FigureCanvasSVG):
        def print_svg(self, filename, *, bbox_inches_restore=None, metadata=None, **_print_options):
            # savefig also passes dpi, facecolor, orientation …; matplotlib's own canvases drop them the same way
            with cbook.open_file_cm(filename, "w", encoding="utf-8") as fh:
                if not cbook.file_requires_unicode(fh):
                    fh = codecs.getwriter("utf-8")(fh)
                dpi = self.figure.dpi
                self.figure.dpi = 72
                width, height = self.figure.get_size_inches()
                renderer = MixedModeRenderer(self.figure, width, height, dpi,
                                             MeasuringRenderer(width * 72, height * 72, fh, image_dpi=dpi,
                                                               metadata=metadata),
                                             bbox_inches_restore=bbox_inches_restore)
                self.figure.draw(renderer)
                renderer.finalize()

    return SvgCanvas


def png(chart: Chart) -> bytes:
    """The chart as a PNG for Word (220 dpi), without a software or date stamp."""
    return figure_png(lambda: _figure(chart), chart.ident)


def svg(chart: Chart) -> str:
    """The chart as an accessible inline SVG element (role="img", <title>, <desc>), ids unique per chart."""
    return figure_svg(lambda: _figure(chart), chart.ident, chart.title, chart.description)


def figure_png(make_figure, ident: str) -> bytes:
    """Any figure drawn in the house style as a PNG for Word (used by the Land overview's charts too)."""
    return _save_figure(make_figure, ident, "png", dpi=PNG_DPI, metadata={"Software": None}, facecolor="white")


def figure_svg(make_figure, ident: str, title: str, description: str) -> str:
    """Any figure drawn in the house style as an accessible inline SVG element, ids prefixed with `ident`."""
    raw = _save_figure(make_figure, ident, "svg",
                       metadata={"Date": None, "Creator": None, "Format": None, "Type": None}).decode("utf-8")
    body = raw[raw.index("<svg"):]
    body = re.sub(r"<metadata>.*?</metadata>\s*", "", body, flags=re.S)
    prefix = ident
    body = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', body)
    body = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', body)
    body = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", body)
    body = body.replace(f"font-family: '{FONT}'", f"font-family: '{FONT}', 'Liberation Sans', Arial, sans-serif")
    tid, did = f"{prefix}-titel", f"{prefix}-beschreibung"
    head_end = body.index(">")
    head = body[:head_end]
    head = re.sub(r'\s(width|height)="[^"]*"', "", head)
    head += f' class="diagramm" role="img" aria-labelledby="{tid} {did}"'
    from xml.sax.saxutils import escape

    return (head + ">\n" + f'<title id="{tid}">{escape(title)}</title>\n'
            f'<desc id="{did}">{escape(description)}</desc>\n' + body[head_end + 1:].strip() + "\n").rstrip("\n")
