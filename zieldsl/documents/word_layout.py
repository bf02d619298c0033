"""Word layout applied after a template is filled: tables fitted to what they hold.

A Word template cannot know how long the texts in its tables will be, and Word and
LibreOffice otherwise keep the equal column widths python-docx writes, breaking words
("Integration squote"). Here every table gets column widths from its content: no
column narrower than its longest word, spare width to the columns with the longest
texts; rows never split across pages, short tables stay together. Text widths are
estimated from Arial's (Helvetica's) published character widths, which Liberation Sans
shares, so the estimate holds for the fonts the templates name.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

TWIPS_PER_PT = 20
CELL_PADDING_PT = 2 * 5.4 + 2  # Word's default cell margins (0,19 cm each side) and some air
KEEP_TOGETHER_ROWS = 12
SMALLEST_SCALE = 0.85  # tables may go down to 85 % of their type size before a word breaks  # tables up to this many rows are kept on one page
SKIP_MARK = "zieldsl:fest"  # tables whose description holds this keep their widths (letterhead)

# Advance widths in 1/1000 em (Helvetica / Arial / Liberation Sans).
_WIDTHS = {
    " ": 278, "\u00a0": 278, "\u202f": 200, "!": 278, '"': 355, "#": 556, "$": 556, "%": 889, "&": 667, "'": 191,
    "(": 333, ")": 333, "*": 389, "+": 584, ",": 278, "-": 333, ".": 278, "/": 278, ":": 278, ";": 278, "<": 584,
    "=": 584, ">": 584, "?": 556, "@": 1015, "[": 278, "]": 278, "_": 556, "|": 260, "–": 556, "—": 1000,
    "−": 584, "≥": 549, "≤": 549, "±": 584, "„": 333, "“": 333, "”": 333, "»": 556, "«": 556, "›": 333, "‹": 333,
    "§": 556, "€": 556, "…": 1000, "ß": 611, "×": 584,
    "A": 667, "B": 667, "C": 722, "D": 722, "E": 667, "F": 611, "G": 778, "H": 722, "I": 278, "J": 500, "K": 667,
    "L": 556, "M": 833, "N": 722, "O": 778, "P": 667, "Q": 778, "R": 722, "S": 667, "T": 611, "U": 722, "V": 667,
    "W": 944, "X": 667, "Y": 667, "Z": 611,
    "a": 556, "b": 556, "c": 500, "d": 556, "e": 556, "f": 278, "g": 556, "h": 556, "i": 222, "j": 222, "k": 500,
    "l": 222, "m": 833, "n": 556, "o": 556, "p": 556, "q": 556, "r": 333, "s": 500, "t": 278, "u": 556, "v": 500,
    "w": 722, "x": 500, "y": 500, "z": 500,
}
_BASE = {"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U", "é": "e", "è": "e", "á": "a"}


def text_width_pt(text: str, size_pt: float, bold: bool = False) -> float:
    """The printed width of `text` in points (bold about 8 % wider)."""
    units = sum(_WIDTHS.get(_BASE.get(ch, ch), 556 if ch.isdigit() else 600) for ch in text)
    return units * size_pt / 1000 * (1.1 if bold else 1.0)


def _words(text: str) -> list[str]:
    """Words a line may break between: at spaces and after hyphens, never at no-break spaces."""
    out = []
    for word in text.split(" "):
        parts = word.split("-")
        out.extend(p + "-" for p in parts[:-1])
        out.append(parts[-1])
    return [w for w in out if w]


def _cell_metrics(cell) -> tuple[float, float]:
    """(longest word, longest paragraph) of a cell in points."""
    longest_word = longest_line = 0.0
    for paragraph in cell.paragraphs:
        size, bold = 11.0, False
        for run in paragraph.runs:
            if run.font.size is not None:
                size = run.font.size.pt
            bold = bold or bool(run.bold)
            break
        text = paragraph.text
        longest_line = max(longest_line, text_width_pt(text, size, bold))
        for word in _words(text):
            longest_word = max(longest_word, text_width_pt(word, size, bold))
    return longest_word, longest_line


def _text_width_twips(document) -> int:
    section = document.sections[0]
    return int((section.page_width - section.left_margin - section.right_margin) / 635)  # EMU → twips


def fit_tables(document) -> None:
    """Column widths from content for every table of the document body."""
    available = _text_width_twips(document)
    for table in document.tables:
        if _is_fixed(table):
            continue
        columns = len(table.columns)
        if columns == 0:
            continue
        minimum = [0.0] * columns
        wanted = [0.0] * columns
        for row in table.rows:
            cells = row.cells
            if len(cells) != columns:
                continue
            for index, cell in enumerate(cells):
                word, line = _cell_metrics(cell)
                minimum[index] = max(minimum[index], word)
                wanted[index] = max(wanted[index], line)
        scale = 1.0
        if sum(m + CELL_PADDING_PT for m in minimum) * TWIPS_PER_PT > available:
            # a long compound word ("Langzeitleistungsbeziehenden") does not fit: a smaller type first
            need = available / TWIPS_PER_PT - CELL_PADDING_PT * columns
            scale = _scale_font(table, max(SMALLEST_SCALE, min(1.0, need / sum(minimum))))
        widths = _distribute([(m * scale + CELL_PADDING_PT) * TWIPS_PER_PT for m in minimum],
                             [(w * scale + CELL_PADDING_PT) * TWIPS_PER_PT for w in wanted], available)
        _apply_widths(table, [int(w) for w in widths])
        _keep_rows(table)
        _keep_with_following_image(table)


def _scale_font(table, scale: float) -> float:
    """Shrink the table's type by about `scale`, in half points downwards; the scale actually applied."""
    import math

    from docx.shared import Pt

    applied = 1.0
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    size = run.font.size.pt if run.font.size is not None else 11.0
                    smaller = math.floor(size * scale * 2) / 2
                    run.font.size = Pt(smaller)
                    applied = min(applied, smaller / size) if applied != 1.0 else smaller / size
    return applied


def _distribute(minimum: list[float], wanted: list[float], available: float) -> list[float]:
    """Every column at least its longest word; the rest shared by how much more each column wants."""
    total_min = sum(minimum)
    if total_min >= available:
        # a word must break: only in the widest column (a long name), never in a figure
        widest = max(range(len(minimum)), key=lambda i: minimum[i])
        out = list(minimum)
        out[widest] = max(minimum[widest] - (total_min - available), available / (2 * len(minimum)))
        if sum(out) > available:
            return [m * available / sum(out) for m in out]
        return out
    wanted = [max(w, m) for w, m in zip(wanted, minimum)]
    if sum(wanted) <= available:
        spare = available - sum(wanted)
        return [w + spare * w / sum(wanted) for w in wanted]
    extra = available - total_min
    need = [w - m for w, m in zip(wanted, minimum)]
    return [m + extra * n / sum(need) for m, n in zip(minimum, need)]


def _is_fixed(table) -> bool:
    description = table._tbl.tblPr.find(qn("w:tblDescription"))
    return description is not None and SKIP_MARK in (description.get(qn("w:val")) or "")


def _apply_widths(table, widths: list[int]) -> None:
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    for tag_name in ("w:tblW", "w:tblLayout"):
        old = tbl_pr.find(qn(tag_name))
        if old is not None:
            tbl_pr.remove(old)
    tbl_w = OxmlElement("w:tblW")
    tbl_w.set(qn("w:w"), str(sum(widths)))
    tbl_w.set(qn("w:type"), "dxa")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    _insert_in_order(tbl_pr, tbl_w, ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                                     "w:tblStyleColBandSize"))
    _insert_in_order(tbl_pr, layout, ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual",
                                      "w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc",
                                      "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd"))
    grid = tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(width))
    for row in table.rows:
        for tc, width in zip(row._tr.findall(qn("w:tc")), widths):
            tc_pr = tc.get_or_add_tcPr()
            tc_w = tc_pr.find(qn("w:tcW"))
            if tc_w is None:
                tc_w = OxmlElement("w:tcW")
                tc_pr.insert(0, tc_w)
            tc_w.set(qn("w:w"), str(width))
            tc_w.set(qn("w:type"), "dxa")


def _insert_in_order(parent, element, before_tags: tuple[str, ...]) -> None:
    """Insert `element` after the last child whose tag is in `before_tags` (the schema's order)."""
    names = {qn(t) for t in before_tags}
    position = 0
    for index, child in enumerate(parent):
        if child.tag in names:
            position = index + 1
    parent.insert(position, element)


def _keep_rows(table) -> None:
    """Rows never split across pages; short tables stay on one page."""
    rows = table.rows
    keep = len(rows) <= KEEP_TOGETHER_ROWS
    for index, row in enumerate(rows):
        tr_pr = row._tr.get_or_add_trPr()
        if tr_pr.find(qn("w:cantSplit")) is None:
            tr_pr.insert(0, OxmlElement("w:cantSplit"))
        if keep and index < len(rows) - 1:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True


def _keep_with_following_image(table) -> None:
    """A short table followed by its chart (after empty paragraphs) stays on the chart's page."""
    from docx.text.paragraph import Paragraph

    if len(table.rows) > KEEP_TOGETHER_ROWS:
        return
    between = []
    following = table._tbl.getnext()
    while (following is not None and following.tag == qn("w:p") and not following.xpath(".//w:drawing")
           and not "".join(following.itertext()).strip()):
        between.append(following)
        following = following.getnext()
    if following is None or following.tag != qn("w:p") or not following.xpath(".//w:drawing"):
        return
    for cell in table.rows[-1].cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True
    for element in between:
        Paragraph(element, None).paragraph_format.keep_with_next = True
