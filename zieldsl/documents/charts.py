"""Line charts of year-to-date values: the target year against the baseline year and the threshold.

One chart model, two renderings: inline SVG for HTML (with <title>, <desc> and German
axis labels, so screen readers get the figures) and PNG for Word. The PNG is drawn by
a tiny rasteriser in pure Python (lines, discs, a 5×7 bitmap font, zlib) because the
project carries no imaging library; both renderings are byte-for-byte deterministic.

The threshold line is the level the agreed change implies for each month:
baseline × (1 + t/100) for a relative change, baseline + t for percentage points,
t itself for a level or a count.
"""

from __future__ import annotations

import math
import struct
import zlib
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from zieldsl import german as fmt
from zieldsl.results import ConditionResult

MONTH_ABBR = ("Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez")

# Layout in SVG units; the PNG is the same drawing at PNG_SCALE.
WIDTH, HEIGHT = 640, 400
LEFT, RIGHT, TOP, BOTTOM = 84, 624, 40, 280
PNG_SCALE = 2
PNG_FONT = 3  # pixels per font dot in the PNG
LEGEND_ROWS = (64, 82, 100)  # below BOTTOM

COLOR_ACTUAL = "#1f4e79"
COLOR_BASELINE = "#6b6b6b"
COLOR_THRESHOLD = "#b00020"
COLOR_GRID = "#d9d9d9"
COLOR_TEXT = "#222222"


@dataclass(frozen=True)
class Series:
    label: str
    points: tuple[tuple[int, Decimal], ...]  # (month, value)


@dataclass(frozen=True)
class Chart:
    """Everything both renderings need; built from one ConditionResult."""

    ident: str
    title: str
    description: str
    y_label: str
    x_label: str
    value_unit: str
    actual: Series
    baseline: Series
    threshold: Series | None
    scale_divisor: Decimal = Decimal(1)  # 10^6 when the axis shows "Mio."


def threshold_level(c: ConditionResult, baseline: Decimal) -> Decimal | None:
    """The month's level the agreed threshold implies (see module docstring)."""
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


def chart_for(c: ConditionResult, *, ident: str, label: str, target_year: int, baseline_year: int) -> Chart | None:
    """The chart of one judged figure, or None when the results carry no monthly values."""
    actual = tuple((m.month, m.actual) for m in c.monthly if m.actual is not None)
    baseline = tuple((m.month, m.baseline) for m in c.monthly if m.baseline is not None)
    if not actual and not baseline:
        return None
    threshold_points = []
    for month, value in baseline:
        level = threshold_level(c, value)
        if level is not None:
            threshold_points.append((month, level))
    if c.kind in ("niveau", "anzahl") and c.threshold is not None:
        threshold_points = [(m, c.threshold) for m in range(1, 13)]
    threshold_label = _threshold_label(c, baseline_year)
    threshold = Series(threshold_label, tuple(threshold_points)) if threshold_points and threshold_label else None

    values = [v for _, v in actual + baseline + tuple(threshold_points)]
    divisor = Decimal(1_000_000) if c.value_unit == "EUR" and max(abs(v) for v in values) >= 1_000_000 else Decimal(1)
    unit_text = {"%": " in %", "EUR": " in Mio. EUR" if divisor != 1 else " in EUR", "prozentpunkte":
                 " in Prozentpunkten"}.get(c.value_unit, "")
    last = max((m for m, _ in actual), default=None)
    series_actual = Series(f"{target_year} (Zieljahr)", actual)
    series_baseline = Series(f"{baseline_year} (Vergleichsjahr)", baseline)
    return Chart(
        ident=ident,
        title=f"{label}: Jahresfortschrittswerte {target_year} und {baseline_year}",
        description=_description(c, series_actual, series_baseline, threshold, last),
        y_label=f"{label}{unit_text}",
        x_label="Monat (Jahresfortschrittswert von Januar bis zum Monat)",
        value_unit=c.value_unit,
        actual=series_actual,
        baseline=series_baseline,
        threshold=threshold,
        scale_divisor=divisor,
    )


def _threshold_label(c: ConditionResult, baseline_year: int) -> str | None:
    if c.threshold is None:
        return None
    if c.kind == "veraenderung":
        return f"Zielpfad ({fmt.percent(c.threshold, c.decimals, signed=True)} gegenüber {baseline_year})"
    if c.kind == "prozentpunkte":
        return f"Zielpfad ({fmt.points(c.threshold, c.decimals, signed=True)} gegenüber {baseline_year})"
    if c.kind == "niveau":
        return f"Zielwert ({fmt.percent(c.threshold, c.decimals)})"
    if c.kind == "anzahl":
        return f"Zielwert für das Jahr ({fmt.number(c.threshold, 0)})"
    return None


def _value(v: Decimal, unit: str) -> str:
    if unit == "%":
        return fmt.percent(v, 1)
    if unit == "EUR":
        return fmt.euro(v)
    if unit == "prozentpunkte":
        return fmt.points(v, 1, signed=False)
    return fmt.number(v, 0)


def _description(c: ConditionResult, actual: Series, baseline: Series, threshold: Series | None,
                 last: int | None) -> str:
    parts = []
    for series in (actual, baseline, threshold):
        if series is None or not series.points:
            continue
        first_m, first_v = series.points[0]
        last_m, last_v = series.points[-1]
        parts.append(f"{series.label}: {fmt.month_name(first_m)} {_value(first_v, c.value_unit)}, "
                     f"{fmt.month_name(last_m)} {_value(last_v, c.value_unit)}")
    text = "Liniendiagramm. " + "; ".join(parts) + "."
    if last is not None and last < 12:
        text += f" Werte des Zieljahres liegen bis {fmt.month_name(last)} vor."
    return text


# ------------------------------------------------------------------ shared geometry


@dataclass(frozen=True)
class _Axis:
    low: float
    high: float
    ticks: tuple[Decimal, ...]
    places: int


def _axis(chart: Chart) -> _Axis:
    values = [v / chart.scale_divisor for s in (chart.actual, chart.baseline, chart.threshold) if s
              for _, v in s.points]
    low, high = min(values), max(values)
    if low > 0 and (high - low) > high / 2:
        low = Decimal(0)  # a growing year-to-date value reads best from zero
    if high == low:
        high, low = high + 1, low - 1
    span = high - low
    raw = span / 5
    exponent = math.floor(math.log10(float(raw)))
    base = Decimal(10) ** exponent
    step = next(m * base for m in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
                if m * base >= raw)
    first = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    last = (high / step).to_integral_value(rounding="ROUND_CEILING") * step
    ticks = []
    value = first
    while value <= last:
        ticks.append(value)
        value += step
    places = max(0, -step.normalize().as_tuple().exponent)
    return _Axis(float(first), float(last), tuple(ticks), places)


def _x(month: int) -> float:
    return LEFT + (RIGHT - LEFT) * (month - 0.5) / 12


def _y(value: Decimal, axis: _Axis, chart: Chart) -> float:
    v = float(value / chart.scale_divisor)
    return BOTTOM - (BOTTOM - TOP) * (v - axis.low) / (axis.high - axis.low)


def _styles(chart: Chart):
    """Series in drawing order (the dotted threshold last, so it stays visible on top)."""
    out = [(chart.baseline, COLOR_BASELINE, "7 4", 2.0, "square"), (chart.actual, COLOR_ACTUAL, None, 2.5, "circle")]
    if chart.threshold is not None:
        out.append((chart.threshold, COLOR_THRESHOLD, "2 3", 2.0, None))
    return out


def _legend(chart: Chart):
    """Series in legend order: target year, threshold, baseline year."""
    styles = _styles(chart)
    return [styles[1], *styles[2:], styles[0]]


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


# ------------------------------------------------------------------ SVG


def svg(chart: Chart) -> str:
    """The chart as an accessible inline SVG element (role="img", <title>, <desc>)."""
    axis = _axis(chart)
    tid, did = f"{chart.ident}-titel", f"{chart.ident}-beschreibung"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="diagramm" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="{tid} {did}" '
        f'font-family="sans-serif" font-size="12">',
        f'<title id="{tid}">{escape(chart.title)}</title>',
        f'<desc id="{did}">{escape(chart.description)}</desc>',
        '<g aria-hidden="true">',
    ]
    for tick in axis.ticks:
        y = _n(_y(tick * chart.scale_divisor, axis, chart))
        out.append(f'<line x1="{LEFT}" y1="{y}" x2="{RIGHT}" y2="{y}" stroke="{COLOR_GRID}" stroke-width="1"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y}" text-anchor="end" dominant-baseline="middle" '
                   f'fill="{COLOR_TEXT}">{escape(fmt.number(tick, axis.places))}</text>')
    out.append(f'<line x1="{LEFT}" y1="{BOTTOM}" x2="{RIGHT}" y2="{BOTTOM}" stroke="{COLOR_TEXT}" stroke-width="1"/>')
    for month in range(1, 13):
        out.append(f'<text x="{_n(_x(month))}" y="{BOTTOM + 18}" text-anchor="middle" '
                   f'fill="{COLOR_TEXT}">{MONTH_ABBR[month - 1]}</text>')
    out.append(f'<text x="{_n((LEFT + RIGHT) / 2)}" y="{BOTTOM + 40}" text-anchor="middle" '
               f'fill="{COLOR_TEXT}">{escape(chart.x_label)}</text>')
    out.append(f'<text x="8" y="{TOP - 22}" dominant-baseline="middle" '
               f'fill="{COLOR_TEXT}">{escape(chart.y_label)}</text>')
    for series, color, dash, width, marker in _styles(chart):
        if not series.points:
            continue
        points = " ".join(f"{_n(_x(m))},{_n(_y(v, axis, chart))}" for m, v in series.points)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="{width}"{dash_attr}/>')
        for m, v in series.points:
            x, y = _n(_x(m)), _n(_y(v, axis, chart))
            if marker == "circle":
                out.append(f'<circle cx="{x}" cy="{y}" r="3.5" fill="{color}"/>')
            elif marker == "square":
                out.append(f'<rect x="{_n(_x(m) - 3)}" y="{_n(_y(v, axis, chart) - 3)}" width="6" height="6" '
                           f'fill="{color}"/>')
    x = LEFT
    for (series, color, dash, width, _marker), row in zip(_legend(chart), LEGEND_ROWS):
        legend_y = BOTTOM + row
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<line x1="{x}" y1="{legend_y}" x2="{x + 28}" y2="{legend_y}" stroke="{color}" '
                   f'stroke-width="{width}"{dash_attr}/>')
        out.append(f'<text x="{x + 34}" y="{legend_y}" dominant-baseline="middle" '
                   f'fill="{COLOR_TEXT}">{escape(series.label)}</text>')
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


# ------------------------------------------------------------------ PNG


def png(chart: Chart) -> bytes:
    """The same chart as a PNG (for Word), drawn without any imaging library."""
    axis = _axis(chart)
    s, f = PNG_SCALE, PNG_FONT
    glyph_half = 7 * f / 2
    canvas = _Canvas(WIDTH * s, HEIGHT * s)
    for tick in axis.ticks:
        y = _y(tick * chart.scale_divisor, axis, chart) * s
        canvas.line(LEFT * s, y, RIGHT * s, y, COLOR_GRID, 1 * s)
        label = fmt.number(tick, axis.places)
        canvas.text(label, (LEFT - 6) * s - _Canvas.text_width(label, f), y - glyph_half, COLOR_TEXT, f)
    canvas.line(LEFT * s, BOTTOM * s, RIGHT * s, BOTTOM * s, COLOR_TEXT, 1 * s)
    for month in range(1, 13):
        label = MONTH_ABBR[month - 1]
        canvas.text(label, _x(month) * s - _Canvas.text_width(label, f) / 2, (BOTTOM + 18) * s - glyph_half,
                    COLOR_TEXT, f)
    canvas.text(chart.x_label, (LEFT + RIGHT) / 2 * s - _Canvas.text_width(chart.x_label, f) / 2,
                (BOTTOM + 40) * s - glyph_half, COLOR_TEXT, f)
    canvas.text(chart.y_label, 8 * s, (TOP - 22) * s - glyph_half, COLOR_TEXT, f)
    for series, color, dash, width, marker in _styles(chart):
        points = [(_x(m) * s, _y(v, axis, chart) * s) for m, v in series.points]
        canvas.polyline(points, color, width * s, tuple(d * s for d in map(float, dash.split())) if dash else None)
        for x, y in points:
            if marker == "circle":
                canvas.disc(x, y, 3.5 * s, color)
            elif marker == "square":
                canvas.rect(x - 3 * s, y - 3 * s, x + 3 * s, y + 3 * s, color)
    x = LEFT * s
    for (series, color, dash, width, _marker), row in zip(_legend(chart), LEGEND_ROWS):
        legend_y = (BOTTOM + row) * s
        canvas.polyline([(x, legend_y), (x + 28 * s, legend_y)], color, width * s,
                        tuple(d * s for d in map(float, dash.split())) if dash else None)
        canvas.text(series.label, x + 34 * s, legend_y - glyph_half, COLOR_TEXT, f)
    return canvas.encode()


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


class _Canvas:
    """An RGB pixel buffer with just the primitives the chart needs."""

    def __init__(self, width: int, height: int):
        self.width, self.height = width, height
        self.pixels = bytearray(b"\xff" * (width * height * 3))

    def set(self, x: int, y: int, rgb: tuple[int, int, int]) -> None:
        if 0 <= x < self.width and 0 <= y < self.height:
            i = (y * self.width + x) * 3
            self.pixels[i:i + 3] = bytes(rgb)

    def rect(self, x0: float, y0: float, x1: float, y1: float, color: str) -> None:
        left, right = max(0, round(x0)), min(self.width, round(x1))
        if right <= left:
            return
        row = bytes(_rgb(color)) * (right - left)
        for y in range(max(0, round(y0)), min(self.height, max(round(y1), round(y0) + 1))):
            start = (y * self.width + left) * 3
            self.pixels[start:start + len(row)] = row

    def disc(self, cx: float, cy: float, radius: float, color: str) -> None:
        rgb = _rgb(color)
        r2 = radius * radius
        for y in range(math.floor(cy - radius), math.ceil(cy + radius) + 1):
            for x in range(math.floor(cx - radius), math.ceil(cx + radius) + 1):
                if (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r2:
                    self.set(x, y, rgb)

    def line(self, x0: float, y0: float, x1: float, y1: float, color: str, width: float) -> None:
        self.polyline([(x0, y0), (x1, y1)], color, width, None)

    def polyline(self, points, color: str, width: float, dash: tuple[float, ...] | None) -> None:
        if len(points) == 2 and points[0][1] == points[1][1] and not dash:  # horizontal rule: fill rows
            (x0, y), (x1, _y1) = points
            self.rect(min(x0, x1), y - width / 2, max(x0, x1), y + width / 2, color)
            return
        half = width / 2
        reach = math.ceil(half)
        brush = [(dx, dy) for dy in range(-reach, reach + 1) for dx in range(-reach, reach + 1)
                 if dx * dx + dy * dy <= half * half + 0.25]
        centres: set[tuple[int, int]] = set()
        travelled = 0.0
        period = sum(dash) if dash else 0.0
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            length = math.hypot(x1 - x0, y1 - y0)
            steps = max(1, int(length * 2))
            for i in range(steps + 1):
                t = i / steps
                if dash and (travelled + t * length) % period >= dash[0]:
                    continue
                centres.add((round(x0 + (x1 - x0) * t), round(y0 + (y1 - y0) * t)))
            travelled += length
        self._paint({(cx + dx, cy + dy) for cx, cy in centres for dx, dy in brush}, _rgb(color))

    def _paint(self, pixels: set[tuple[int, int]], rgb: tuple[int, int, int]) -> None:
        value = bytes(rgb)
        width, height, buffer = self.width, self.height, self.pixels
        for x, y in pixels:
            if 0 <= x < width and 0 <= y < height:
                i = (y * width + x) * 3
                buffer[i:i + 3] = value

    @staticmethod
    def text_width(text: str, scale: int) -> float:
        return len(text) * 6 * scale

    def text(self, text: str, x: float, y: float, color: str, scale: int) -> None:
        left, top = round(x), round(y)
        pixels = set()
        for index, char in enumerate(text):
            for column, bits in enumerate(_glyph(char)):
                for row in range(8):
                    if bits >> row & 1:
                        x0, y0 = left + (index * 6 + column) * scale, top + row * scale
                        pixels.update((x0 + sx, y0 + sy) for sy in range(scale) for sx in range(scale))
        self._paint(pixels, _rgb(color))

    def encode(self) -> bytes:
        stride = self.width * 3
        raw = b"".join(b"\x00" + bytes(self.pixels[y * stride:(y + 1) * stride]) for y in range(self.height))

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 6))
                + chunk(b"IEND", b""))


def _glyph(char: str) -> tuple[int, ...]:
    char = _ALIASES.get(char, char)
    return _FONT.get(char) or _FONT["?"]


_ALIASES = {"−": "-", "–": "-", "—": "-", "»": '"', "«": '"', "„": '"', "“": '"', "”": '"', "’": "'",
            "\u00a0": " ", "\u202f": " ", "±": "+", "×": "x", "≥": ">", "≤": "<", "é": "e", "è": "e"}

# The classic 5×7 font, one byte per column, least significant bit at the top.
_FONT: dict[str, tuple[int, ...]] = {
    " ": (0x00, 0x00, 0x00, 0x00, 0x00), "!": (0x00, 0x00, 0x5F, 0x00, 0x00), '"': (0x00, 0x07, 0x00, 0x07, 0x00),
    "#": (0x14, 0x7F, 0x14, 0x7F, 0x14), "$": (0x24, 0x2A, 0x7F, 0x2A, 0x12), "%": (0x23, 0x13, 0x08, 0x64, 0x62),
    "&": (0x36, 0x49, 0x55, 0x22, 0x50), "'": (0x00, 0x05, 0x03, 0x00, 0x00), "(": (0x00, 0x1C, 0x22, 0x41, 0x00),
    ")": (0x00, 0x41, 0x22, 0x1C, 0x00), "*": (0x08, 0x2A, 0x1C, 0x2A, 0x08), "+": (0x08, 0x08, 0x3E, 0x08, 0x08),
    ",": (0x00, 0x50, 0x30, 0x00, 0x00), "-": (0x08, 0x08, 0x08, 0x08, 0x08), ".": (0x00, 0x60, 0x60, 0x00, 0x00),
    "/": (0x20, 0x10, 0x08, 0x04, 0x02), "0": (0x3E, 0x51, 0x49, 0x45, 0x3E), "1": (0x00, 0x42, 0x7F, 0x40, 0x00),
    "2": (0x42, 0x61, 0x51, 0x49, 0x46), "3": (0x21, 0x41, 0x45, 0x4B, 0x31), "4": (0x18, 0x14, 0x12, 0x7F, 0x10),
    "5": (0x27, 0x45, 0x45, 0x45, 0x39), "6": (0x3C, 0x4A, 0x49, 0x49, 0x30), "7": (0x01, 0x71, 0x09, 0x05, 0x03),
    "8": (0x36, 0x49, 0x49, 0x49, 0x36), "9": (0x06, 0x49, 0x49, 0x29, 0x1E), ":": (0x00, 0x36, 0x36, 0x00, 0x00),
    ";": (0x00, 0x56, 0x36, 0x00, 0x00), "<": (0x00, 0x08, 0x14, 0x22, 0x41), "=": (0x14, 0x14, 0x14, 0x14, 0x14),
    ">": (0x41, 0x22, 0x14, 0x08, 0x00), "?": (0x02, 0x01, 0x51, 0x09, 0x06), "@": (0x32, 0x49, 0x79, 0x41, 0x3E),
    "A": (0x7E, 0x11, 0x11, 0x11, 0x7E), "B": (0x7F, 0x49, 0x49, 0x49, 0x36), "C": (0x3E, 0x41, 0x41, 0x41, 0x22),
    "D": (0x7F, 0x41, 0x41, 0x22, 0x1C), "E": (0x7F, 0x49, 0x49, 0x49, 0x41), "F": (0x7F, 0x09, 0x09, 0x01, 0x01),
    "G": (0x3E, 0x41, 0x41, 0x51, 0x32), "H": (0x7F, 0x08, 0x08, 0x08, 0x7F), "I": (0x00, 0x41, 0x7F, 0x41, 0x00),
    "J": (0x20, 0x40, 0x41, 0x3F, 0x01), "K": (0x7F, 0x08, 0x14, 0x22, 0x41), "L": (0x7F, 0x40, 0x40, 0x40, 0x40),
    "M": (0x7F, 0x02, 0x04, 0x02, 0x7F), "N": (0x7F, 0x04, 0x08, 0x10, 0x7F), "O": (0x3E, 0x41, 0x41, 0x41, 0x3E),
    "P": (0x7F, 0x09, 0x09, 0x09, 0x06), "Q": (0x3E, 0x41, 0x51, 0x21, 0x5E), "R": (0x7F, 0x09, 0x19, 0x29, 0x46),
    "S": (0x46, 0x49, 0x49, 0x49, 0x31), "T": (0x01, 0x01, 0x7F, 0x01, 0x01), "U": (0x3F, 0x40, 0x40, 0x40, 0x3F),
    "V": (0x1F, 0x20, 0x40, 0x20, 0x1F), "W": (0x7F, 0x20, 0x18, 0x20, 0x7F), "X": (0x63, 0x14, 0x08, 0x14, 0x63),
    "Y": (0x03, 0x04, 0x78, 0x04, 0x03), "Z": (0x61, 0x51, 0x49, 0x45, 0x43), "[": (0x00, 0x7F, 0x41, 0x41, 0x00),
    "]": (0x00, 0x41, 0x41, 0x7F, 0x00), "_": (0x40, 0x40, 0x40, 0x40, 0x40), "a": (0x20, 0x54, 0x54, 0x54, 0x78),
    "b": (0x7F, 0x48, 0x44, 0x44, 0x38), "c": (0x38, 0x44, 0x44, 0x44, 0x20), "d": (0x38, 0x44, 0x44, 0x48, 0x7F),
    "e": (0x38, 0x54, 0x54, 0x54, 0x18), "f": (0x08, 0x7E, 0x09, 0x01, 0x02), "g": (0x0C, 0x52, 0x52, 0x52, 0x3E),
    "h": (0x7F, 0x08, 0x04, 0x04, 0x78), "i": (0x00, 0x44, 0x7D, 0x40, 0x00), "j": (0x20, 0x40, 0x44, 0x3D, 0x00),
    "k": (0x7F, 0x10, 0x28, 0x44, 0x00), "l": (0x00, 0x41, 0x7F, 0x40, 0x00), "m": (0x7C, 0x04, 0x18, 0x04, 0x78),
    "n": (0x7C, 0x08, 0x04, 0x04, 0x78), "o": (0x38, 0x44, 0x44, 0x44, 0x38), "p": (0x7C, 0x14, 0x14, 0x14, 0x08),
    "q": (0x08, 0x14, 0x14, 0x18, 0x7C), "r": (0x7C, 0x08, 0x04, 0x04, 0x08), "s": (0x48, 0x54, 0x54, 0x54, 0x20),
    "t": (0x04, 0x3F, 0x44, 0x40, 0x20), "u": (0x3C, 0x40, 0x40, 0x20, 0x7C), "v": (0x1C, 0x20, 0x40, 0x20, 0x1C),
    "w": (0x3C, 0x40, 0x30, 0x40, 0x3C), "x": (0x44, 0x28, 0x10, 0x28, 0x44), "y": (0x0C, 0x50, 0x50, 0x50, 0x3C),
    "z": (0x44, 0x64, 0x54, 0x4C, 0x44), "|": (0x00, 0x00, 0x7F, 0x00, 0x00),
    "ä": (0x20, 0x55, 0x54, 0x55, 0x78), "ö": (0x38, 0x45, 0x44, 0x45, 0x38), "ü": (0x3C, 0x41, 0x40, 0x21, 0x7C),
    "Ä": (0x7D, 0x12, 0x11, 0x12, 0x7D), "Ö": (0x3D, 0x42, 0x42, 0x42, 0x3D), "Ü": (0x3D, 0x40, 0x40, 0x40, 0x3D),
    "ß": (0x7E, 0x01, 0x49, 0x56, 0x20),
}
