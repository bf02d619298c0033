"""Charts of the Land overview as inline SVG: small multiples per Kreis and all Kreise against their thresholds.

Both show the *compared figure* (what a condition is judged on: the change in %, the change in
percentage points, the level or the count), so Kreise of every size share one scale:

* `small_multiples`: one panel per Kreis with the compared figure month by month (year-to-date
  values of the target year against the same months of the baseline year) and its threshold as
  a dashed line; every panel has the same axis;
* `change_vs_threshold`: one line per Kreis, a dot for its figure and a bar mark for its
  threshold, coloured by status.

Deterministic (no ids from hashes, fixed number formatting) and accessible (<title>, <desc>).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from xml.sax.saxutils import escape

from zieldsl import german as fmt
from zieldsl.results import MET, MISSED, ConditionResult

COLORS = {MET: "#1b7837", MISSED: "#b2182b"}
COLOR_OTHER = "#7a7a7a"
COLOR_LINE = "#1f4e79"
COLOR_THRESHOLD = "#b00020"
COLOR_GRID = "#d9d9d9"
COLOR_TEXT = "#222222"
MONTHS = "JFMAMJJASOND"


def compared_by_month(c: ConditionResult) -> list[tuple[int, Fraction]]:
    """The compared figure for each month with data: change in %, in points, or the level/count."""
    out = []
    for m in c.monthly:
        if m.actual is None:
            continue
        actual = Fraction(m.actual)
        if c.kind in ("niveau", "anzahl"):
            out.append((m.month, actual))
        elif m.baseline is None:
            continue
        elif c.kind == "prozentpunkte":
            out.append((m.month, actual - Fraction(m.baseline)))
        elif m.baseline != 0:
            out.append((m.month, (actual / Fraction(m.baseline) - 1) * 100))
    return out


def _unit(c: ConditionResult) -> str:
    if c.kind == "niveau":
        return "%"
    if c.kind == "anzahl":
        return ""
    return " Pp." if c.unit == "prozentpunkte" else " %"


def _tick_text(value: Fraction, unit: str, step: Fraction) -> str:
    places = 0 if step >= 1 else (1 if step * 10 >= 1 else 2)
    rounded = fmt.round_half_up(Decimal(value.numerator) / Decimal(value.denominator), places)
    signed = unit.strip() in ("%", "Pp.") and unit != "%"
    return fmt.number(rounded, places, signed=signed) + unit


def _nice_range(values: list[Fraction]) -> tuple[Fraction, Fraction, Fraction]:
    """Axis bounds and tick step that include 0 and all values, with about five ticks."""
    low, high = min(values + [Fraction(0)]), max(values + [Fraction(0)])
    if low == high:
        high = low + 1
    span = high - low
    step = Fraction(1, 100)
    for candidate in (Fraction(1, 10), Fraction(1, 5), Fraction(1, 2), 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000,
                      2000, 5000, 10000, 20000, 50000, 100000):
        step = Fraction(candidate)
        if span / step <= 6:
            break
    lower = (low / step).__floor__() * step
    upper = -((-high / step).__floor__()) * step
    return lower, upper, step


def _f(value: Fraction | float) -> str:
    """Coordinates with one decimal, fixed formatting (byte-identical output)."""
    return f"{float(value):.1f}"


def small_multiples(rows: list[tuple[str, ConditionResult]], title: str, ident: str) -> str | None:
    """One panel per (Kreis, condition), all on the same scale; None when no Kreis has monthly values."""
    panels = [(name, c, compared_by_month(c)) for name, c in rows]
    panels = [p for p in panels if p[2]]
    if not panels:
        return None
    unit = _unit(panels[0][1])
    values = [v for _n, _c, points in panels for _m, v in points]
    values += [Fraction(c.threshold) for _n, c, _p in panels if c.threshold is not None and c.kind != "richtung"]
    low, high, step = _nice_range(values)
    columns = min(4, len(panels))
    lines = (len(panels) + columns - 1) // columns
    panel_w, panel_h, gap = 170, 120, 14
    left, top_pad, bottom_pad = 46, 22, 18
    width = columns * (panel_w + gap) + left
    height = lines * (panel_h + top_pad + bottom_pad) + 10
    desc = "; ".join(f"{name}: {_tick_text(points[-1][1], unit, Fraction(1, 10))} im {fmt.month_name(points[-1][0])}"
                     for name, _c, points in panels)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{ident}-t {ident}-d" '
           f'viewBox="0 0 {width} {height}" width="100%" class="diagramm kleine-vielfache">',
           f'<title id="{ident}-t">{escape(title)}</title>', f'<desc id="{ident}-d">{escape(desc)}</desc>']
    for index, (name, c, points) in enumerate(panels):
        col, line = index % columns, index // columns
        x0 = left + col * (panel_w + gap)
        y0 = 10 + line * (panel_h + top_pad + bottom_pad) + top_pad

        def x(month: int) -> float:
            return x0 + (month - 1) * panel_w / 11

        def y(value: Fraction) -> float:
            return y0 + panel_h - float((value - low) / (high - low)) * panel_h

        out.append(f'<g><text x="{_f(x0)}" y="{_f(y0 - 6)}" font-size="11" fill="{COLOR_TEXT}">'
                   f'{escape(name)}</text>')
        out.append(f'<rect x="{_f(x0)}" y="{_f(y0)}" width="{panel_w}" height="{panel_h}" fill="none" '
                   f'stroke="{COLOR_GRID}"/>')
        tick = low
        while tick <= high:
            out.append(f'<line x1="{_f(x0)}" x2="{_f(x0 + panel_w)}" y1="{_f(y(tick))}" y2="{_f(y(tick))}" '
                       f'stroke="{COLOR_GRID}" stroke-width="{1.2 if tick == 0 else 0.5}"/>')
            if col == 0:
                out.append(f'<text x="{_f(x0 - 4)}" y="{_f(y(tick) + 3)}" font-size="9" text-anchor="end" '
                           f'fill="{COLOR_TEXT}">{escape(_tick_text(tick, unit, step))}</text>')
            tick += step
        for month in (1, 6, 12):
            out.append(f'<text x="{_f(x(month))}" y="{_f(y0 + panel_h + 11)}" font-size="9" text-anchor="middle" '
                       f'fill="{COLOR_TEXT}">{MONTHS[month - 1]}</text>')
        if c.threshold is not None and c.kind != "richtung":
            level = y(Fraction(c.threshold))
            out.append(f'<line x1="{_f(x0)}" x2="{_f(x0 + panel_w)}" y1="{_f(level)}" y2="{_f(level)}" '
                       f'stroke="{COLOR_THRESHOLD}" stroke-dasharray="4 3" stroke-width="1.2"/>')
        path = " ".join(f"{'M' if i == 0 else 'L'}{_f(x(m))},{_f(y(v))}" for i, (m, v) in enumerate(points))
        out.append(f'<path d="{path}" fill="none" stroke="{COLOR_LINE}" stroke-width="1.8"/>')
        last_m, last_v = points[-1]
        out.append(f'<circle cx="{_f(x(last_m))}" cy="{_f(y(last_v))}" r="2.6" '
                   f'fill="{COLORS.get(c.status, COLOR_OTHER)}"/></g>')
    out.append("</svg>")
    return "\n".join(out)


def change_vs_threshold(rows: list[tuple[str, ConditionResult]], title: str, ident: str) -> str | None:
    """All Kreise in one chart: a dot for the compared figure, a bar mark for the threshold."""
    rows = [(name, c) for name, c in rows if c.change_rounded is not None or c.threshold is not None]
    if not rows:
        return None
    unit = _unit(rows[0][1])
    values = [Fraction(c.change_rounded) for _n, c in rows if c.change_rounded is not None]
    values += [Fraction(c.threshold) for _n, c in rows if c.threshold is not None and c.kind != "richtung"]
    low, high, step = _nice_range(values)
    left, right, top, line_h = 190, 30, 26, 20
    width = 640
    height = top + line_h * len(rows) + 34

    def x(value: Fraction) -> float:
        return left + float((value - low) / (high - low)) * (width - left - right)

    desc = "; ".join(f"{name}: {_tick_text(Fraction(c.change_rounded), unit, Fraction(1, 10)) if c.change_rounded is not None else 'kein Wert'}"
                     f", Zielwert {_tick_text(Fraction(c.threshold), unit, Fraction(1, 10)) if c.threshold is not None else 'keiner'}"
                     for name, c in rows)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{ident}-t {ident}-d" '
           f'viewBox="0 0 {width} {height}" width="100%" class="diagramm punkte">',
           f'<title id="{ident}-t">{escape(title)}</title>', f'<desc id="{ident}-d">{escape(desc)}</desc>']
    bottom = top + line_h * len(rows)
    tick = low
    while tick <= high:
        out.append(f'<line x1="{_f(x(tick))}" x2="{_f(x(tick))}" y1="{top - 6}" y2="{bottom}" stroke="{COLOR_GRID}" '
                   f'stroke-width="{1.2 if tick == 0 else 0.5}"/>')
        out.append(f'<text x="{_f(x(tick))}" y="{bottom + 14}" font-size="10" text-anchor="middle" '
                   f'fill="{COLOR_TEXT}">{escape(_tick_text(tick, unit, step))}</text>')
        tick += step
    for index, (name, c) in enumerate(rows):
        cy = top + index * line_h + line_h / 2
        out.append(f'<text x="{left - 8}" y="{_f(cy + 4)}" font-size="11" text-anchor="end" fill="{COLOR_TEXT}">'
                   f'{escape(name)}</text>')
        if c.threshold is not None and c.kind != "richtung":
            tx = x(Fraction(c.threshold))
            out.append(f'<line x1="{_f(tx)}" x2="{_f(tx)}" y1="{_f(cy - 7)}" y2="{_f(cy + 7)}" '
                       f'stroke="{COLOR_THRESHOLD}" stroke-width="2.4"/>')
        if c.change_rounded is not None:
            out.append(f'<circle cx="{_f(x(Fraction(c.change_rounded)))}" cy="{_f(cy)}" r="5" '
                       f'fill="{COLORS.get(c.status, COLOR_OTHER)}"/>')
    legend_y = height - 6
    out.append(f'<text x="{left}" y="{legend_y}" font-size="10" fill="{COLOR_TEXT}">● Wert (grün: erreicht bzw. '
               f'auf Zielkurs, rot: nicht) · ▎ vereinbarter Zielwert</text>')
    out.append("</svg>")
    return "\n".join(out)
