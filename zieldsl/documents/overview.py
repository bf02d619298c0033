"""The Landesübersicht: all Kreise of a Land on one page, as Markdown, HTML or Word.

The figures come from `zieldsl.evaluation.land` (tables per target kind, the Land's own
figure from summed numerators and denominators, ranks); this module words them in German
and renders the templates `landesuebersicht.{md,html}.j2` and `landesuebersicht.docx`.
Before December (preliminary values) the overview is an interim report and speaks of
"auf Zielkurs" / "nicht auf Zielkurs" instead of achievement.
"""

from __future__ import annotations

import calendar
import datetime
import io
from decimal import Decimal
from pathlib import Path

from zieldsl import german as fmt
from zieldsl.diagnostics import Diagnostic, ZielError
from zieldsl.documents import overview_charts as charts
from zieldsl.documents import sandbox as render
from zieldsl.documents.output import normalise_zip, tidy_markdown
from zieldsl.evaluation.land import KreisRow, LandFigure, LandOverview, TargetKind
from zieldsl.results import MET, MISSED, NOT_ASSESSABLE, SCHEMA_VERSION, ConditionResult
from zieldsl.wording import (GROUP_WORDS, change_text, distance_text, input_role_word, interim_status_word, level_text,
                             threshold_text)
from zieldsl.wording import status_word as wording_status_word

TEMPLATE = "landesuebersicht"
MAX_CHART_KREISE = 60  # beyond that (a national view) the tables speak; one panel per Kreis would be unreadable


def status_word(status: str, interim: bool) -> str:
    """"erreicht", or before December "auf Zielkurs" (`zieldsl.wording`)."""
    return interim_status_word(status) if interim else wording_status_word(status)


def _plain(value: Decimal | None) -> str:
    """A sort key for HTML tables: the exact figure with a dot, empty when there is none."""
    return "" if value is None else format(value, "f")


def _kreis_name(row: KreisRow) -> str:
    result = row.result
    agency = result.framework.agency
    return (agency.short if agency and agency.short else None) or result.agency or result.agreement_id


def _part(c: ConditionResult | None, interim: bool) -> dict | None:
    if c is None:
        return None
    return {"change": change_text(c), "threshold": threshold_text(c), "status": status_word(c.status, interim),
            "status_key": c.status, "text": f"{change_text(c)} ({status_word(c.status, interim)})"}


def _row(row: KreisRow) -> dict:
    c, result = row.condition, row.result
    interim = result.preliminary
    out = {
        "kreis": _kreis_name(row), "agency": result.agency, "agency_key": result.agency_key or "",
        "agreement_id": result.agreement_id, "as_of": fmt.month_long(result.as_of),
        "preliminary": interim, "rank": str(row.rank) if row.rank is not None else "–",
        "rank_sort": "" if row.rank is None else str(row.rank),
        "women": _part(row.women, interim), "men": _part(row.men, interim),
    }
    if c is None:
        out.update(baseline="–", actual="–", change="–", threshold="–", distance="–", status="–", status_key="",
                   baseline_sort="", actual_sort="", change_sort="", distance_sort="", small_base=False)
        return out
    out.update(
        baseline=level_text(c.baseline, c.value_unit) if c.kind != "anzahl" else fmt.number(c.baseline, 0)
        if c.baseline is not None else "–",
        actual=level_text(c.actual, c.value_unit) if c.kind != "anzahl" else fmt.number(c.actual, 0)
        if c.actual is not None else "–",
        change=change_text(c),
        threshold=threshold_text(c), distance=distance_text(c),
        status=status_word(c.status, interim), status_key=c.status,
        baseline_sort=_plain(c.baseline), actual_sort=_plain(c.actual),
        change_sort=_plain(c.change_rounded if c.change_rounded is not None else c.change),
        distance_sort=_plain(row.margin), small_base=c.small_base,
    )
    return out


def _land(figure: LandFigure, kind: TargetKind) -> dict:
    unit = kind.value_unit

    def value(v):
        if v is None:
            return "–"
        return level_text(v, unit) if unit != "Anzahl" else fmt.number(v, 0)

    return {
        "group": GROUP_WORDS[figure.group],
        "baseline": value(figure.baseline), "actual": value(figure.actual),
        "change": fmt.percent(figure.change_rounded, 1, signed=True) if figure.change_rounded is not None else "–",
        "points": fmt.points(figure.points, 1, signed=True) if figure.points is not None else "–",
        "kreise": str(figure.kreise) if figure.kreise == len(kind.rows) else f"{figure.kreise} von {len(kind.rows)}",
        "reason": figure.reason or "",
    }


def _counts(kind: TargetKind, interim: bool) -> list[dict]:
    return [{"status": status_word(status, interim), "status_key": status, "number": number}
            for status, number in kind.counts]


def _compared_label(kind: TargetKind) -> str:
    """The column of the judged figure: "Veränderung", "Wert" (level), "Anzahl", or "verglichen" when mixed."""
    labels = {{"niveau": "Wert", "anzahl": "Anzahl"}.get(r.condition.kind, "Veränderung")
              for r in kind.rows if r.condition is not None}
    return labels.pop() if len(labels) == 1 else "verglichener Wert"


def _kind(kind: TargetKind, index: int, interim: bool, output_format: str, image_factory) -> dict:
    rows = [_row(r) for r in kind.rows]
    if not kind.ranked:
        for row in rows:
            row["rank"], row["rank_sort"] = "–", ""
    judged = [(_kreis_name(r), r.condition) for r in kind.rows if r.condition is not None]
    heading = f"{kind.indicator} {kind.title}" if kind.kind != "anzahl" else kind.title
    view = {
        "key": kind.key, "ident": f"art{index}", "heading": heading, "indicator": kind.indicator,
        "rows": rows, "counts": _counts(kind, interim), "ranked": kind.ranked,
        "land": [_land(f, kind) for f in kind.land], "has_gender": any(r["women"] or r["men"] for r in rows),
        "compared": _compared_label(kind),
        "small_multiples": None, "change_chart": None, "change_image": None, "multiples_image": None,
        "charts_omitted": len(judged) > MAX_CHART_KREISE,
    }
    if judged and output_format in ("html", "docx") and len(judged) <= MAX_CHART_KREISE:
        as_png = output_format == "docx"
        titles = (f"{heading}: {view['compared']} und Zielwert aller Kreise",
                  f"{heading}: Verlauf je Kreis ({view['compared']} Monat für Monat, gleiche Skala)")
        dots = charts.change_vs_threshold(judged, titles[0], f"{view['ident']}-punkte", interim=interim,
                                          as_png=as_png)
        panels = charts.small_multiples(judged, titles[1], f"{view['ident']}-verlauf", as_png=as_png)
        if as_png and image_factory is not None:
            view["change_image"] = image_factory(dots, titles[0]) if dots else None
            view["multiples_image"] = image_factory(panels, titles[1]) if panels else None
        elif not as_png:
            view["change_chart"], view["small_multiples"] = dots, panels
    return view


def build_context(ov: LandOverview, output_format: str, image_factory=None) -> dict:
    """Everything the overview templates show, as plain strings, lists and dicts."""
    interim = ov.preliminary
    years = ov.target_years
    year = str(years[0]) if len(years) == 1 else "–".join(str(y) for y in (years[0], years[-1])) if years else ""
    lands = sorted({r.framework.land.name for r in ov.results if r.framework.land})
    stand = ", ".join(fmt.month_long(m) for m in ov.as_of) if ov.as_of else "–"
    vintages = sorted({r.data_vintage for r in ov.results if r.data_vintage is not None})
    kreise = []
    for result in sorted(ov.results, key=lambda r: (r.agency, r.agreement_id)):
        counts = {status: sum(1 for t in result.targets if t.status == status)
                  for status in (MET, MISSED, NOT_ASSESSABLE, "offen", "beobachtet")}
        agency = result.framework.agency
        kreise.append({
            "kreis": (agency.short if agency and agency.short else None) or result.agency,
            "agency": result.agency, "agency_key": result.agency_key or "–", "agreement_id": result.agreement_id,
            "as_of": fmt.month_long(result.as_of) + (" (vorläufig)" if result.preliminary else ""),
            "data_vintage": fmt.date_short(result.data_vintage) if result.data_vintage else "–",
            "met": counts[MET], "missed": counts[MISSED], "not_assessable": counts[NOT_ASSESSABLE],
            "open": counts["offen"], "monitored": counts["beobachtet"],
        })
    title = (f"Zwischenstand der Zielerreichung {year} – Landesübersicht" if interim
             else f"Zielerreichung {year} – Landesübersicht")
    return {
        "title": title,
        "interim": interim,
        "year": year,
        "land": " / ".join(lands),
        "stand": stand,
        "mixed_stand": len(ov.as_of) > 1,
        "data_vintages": ", ".join(fmt.date_short(v) for v in vintages) if vintages else "nicht angegeben",
        "number_of_kreise": len(ov.results),
        "words": {"met": status_word(MET, interim), "missed": status_word(MISSED, interim),
                  "not_assessable": status_word(NOT_ASSESSABLE, interim)},
        "kreise": kreise,
        "kinds": [_kind(k, i + 1, interim, output_format, image_factory) for i, k in enumerate(ov.kinds)],
        "failed": [{"file": o.file, "messages": [d.render().splitlines()[0] for d in o.diagnostics]}
                   for o in ov.failed],
        "inputs": [{"role_text": input_role_word(f.role), "name": f.name, "sha256": f.sha256}
                   for f in ov.inputs],
        "tool": f"zieldsl {ov.results[0].tool_version}" if ov.results else "zieldsl",
        "schema": SCHEMA_VERSION,
    }


def document_date(ov: LandOverview) -> datetime.date:
    """The newest data vintage, else the end of the latest as-of month (never the clock)."""
    vintages = [r.data_vintage for r in ov.results if r.data_vintage is not None]
    if vintages:
        return max(vintages)
    if ov.as_of:
        year, month = (int(p) for p in ov.as_of[-1].split("-"))
        return datetime.date(year, month, calendar.monthrange(year, month)[1])
    return datetime.date(2000, 1, 1)


def render_overview(ov: LandOverview, output_format: str, template_dir: str | Path | None = None) -> bytes:
    """The overview as Markdown, HTML or Word bytes."""
    render.check_template_dir(template_dir)
    if not ov.results:
        raise ZielError([Diagnostic("ZD550", "Keine Vereinbarung konnte bewertet werden; eine Landesübersicht "
                                             "ist nicht möglich",
                                    hint="Beheben Sie die oben gemeldeten Fehler und rufen Sie »zieldsl bericht« "
                                         "erneut auf.")])
    if output_format == "docx":
        return _render_docx(ov, template_dir)
    env = render.make_environment(template_dir)
    text = render.render_template(env, f"{TEMPLATE}.{output_format}.j2", build_context(ov, output_format))
    if output_format == "md":
        text = tidy_markdown(text)
    return text.encode("utf-8")


def _render_docx(ov: LandOverview, template_dir: str | Path | None) -> bytes:
    from zieldsl.documents.word_template import docx_template_class

    DocxTemplate = docx_template_class()

    name = f"{TEMPLATE}.docx"
    path = render.find_file(name, template_dir)
    try:
        template = DocxTemplate(str(path))
        template.init_docx()
    except Exception as exc:  # noqa: BLE001 - python-docx raises several kinds for a broken file
        raise ZielError([Diagnostic("ZD507", f"Die Vorlage »{path}« ist keine lesbare Word-Datei ({exc})",
                                    hint="Speichern Sie die Vorlage in Word oder LibreOffice als .docx.")]) from None
    from zieldsl.documents.output import WordImage

    context = build_context(ov, "docx", image_factory=lambda png, alt: WordImage(template, png, alt))
    env = render.make_environment(template_dir, autoescape_all=True)
    try:
        template.render(context, jinja_env=env)
    except Exception as exc:  # noqa: BLE001 - every template failure becomes a German diagnostic
        raise render.template_error(exc, name, context) from None
    when = document_date(ov)
    props = template.docx.core_properties
    stamp = datetime.datetime(when.year, when.month, when.day)
    props.author = props.last_modified_by = "zieldsl"
    props.title = context["title"]
    props.subject = context["title"]
    props.keywords = f"Zielvereinbarungen; § 48b SGB II; Landesübersicht; {context['year']}"
    props.comments = f"Erstellt mit {context['tool']}; Stand {context['stand']}"
    props.category = "Landesübersicht"
    props.language = "de-DE"
    props.content_status = "Entwurf"
    props.revision = 1
    props.created = props.modified = props.last_printed = stamp
    buffer = io.BytesIO()
    template.save(buffer)
    return normalise_zip(buffer.getvalue(), when)
