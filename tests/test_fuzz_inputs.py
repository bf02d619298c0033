"""Fuzzing the data loaders and the evaluator: whatever comes in, only ZielError comes out.

Targets (the parser has its own fuzzing in test_parser_fuzz.py):

* the indicator CSV loader: files generated from the format's grammar (every valid
  row must be stored with exactly the value written) and byte-level mutations of
  valid files;
* the milestone evidence YAML loader: generated documents (read back exactly) and
  mutated text, with YAML's own traps (anchors, tags, flow style, tabs);
* the evaluator: random valid agreements judged against random and mutated data
  and evidence: statuses are always one of the five words, the JSON validates
  against the shipped schema and holds no float, texts and explanations render;
* the speed-ups of docs/leistung.md against the plain code they replace: the
  comment scanner, one-pass monthly values, Lark with the shared scanner and
  the lean transform.

The suite runs a short, derandomized campaign. For a long one set
ZIELDSL_FUZZ_EXAMPLES (examples per test, e.g. 10000) and run
`pytest tests/test_fuzz_inputs.py --hypothesis-show-statistics`.
"""

from __future__ import annotations

import datetime
import json
import os
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from fuzzing import CAMPAIGN_EXAMPLES, campaign
from zieldsl.api import check_text
from zieldsl.language.catalog import standard_catalog
from zieldsl.inputs.csv_reader import load_data, load_indicator_csv
from zieldsl.inputs.store import ObservationStore
from zieldsl.diagnostics import Span, ZielError
from zieldsl.inputs.evidence import load_evidence, load_evidence_files
from zieldsl.months import Month
from zieldsl.results import STATUSES, to_json_dict

REPO = Path(__file__).resolve().parents[1]
LEER = REPO / "vereinbarungen" / "leer-2026.ziel"
LEER_CSV_LINES = (REPO / "vereinbarungen" / "leer-2026.daten.csv").read_text(encoding="utf-8").splitlines()
LEER_EVIDENCE = (REPO / "vereinbarungen" / "leer-2026.nachweise.yaml").read_text(encoding="utf-8")
SCHEMA = json.loads((REPO / "zieldsl" / "schema" / "ergebnis.schema.json").read_text(encoding="utf-8"))
# one agreement's result is the schema's $defs/ergebnis (the `result` of an entry in `agreements`)
VALIDATOR = jsonschema.Draft202012Validator({"$defs": SCHEMA["$defs"], "$ref": "#/$defs/ergebnis"})

# A long campaign: ZIELDSL_FUZZ_EXAMPLES examples each, or the profile's with --hypothesis-profile=lang.
CAMPAIGN = CAMPAIGN_EXAMPLES if campaign() else int(os.environ.get("ZIELDSL_FUZZ_EXAMPLES", "0"))


def fuzz(examples: int):
    """Short and derandomized in the suite; ZIELDSL_FUZZ_EXAMPLES examples each in a campaign."""
    return settings(max_examples=CAMPAIGN or examples, deadline=None, derandomize=not CAMPAIGN,
                    database=None if not CAMPAIGN else settings.default.database,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture])


CATALOG = standard_catalog()
SERIES = sorted(CATALOG.series)
INDICATORS = sorted(CATALOG.indicators)


# Line ends as the readers count them: CSV (universal newlines) and YAML (also NEL, LS, PS).
LINE_BREAKS = re.compile("\r\n|\r|\n|\x85|\u2028|\u2029")


def assert_positioned(err: ZielError, files: dict[str, str | bytes]) -> None:
    """Every diagnostic names a known file, a line inside it and a column, in German words."""
    assert err.diagnostics, "ZielError ohne Meldung"
    for diagnostic in err.diagnostics:
        assert re.fullmatch(r"ZD\d{3}", diagnostic.code), diagnostic
        assert diagnostic.message.strip(), diagnostic
        span = diagnostic.span
        assert span is not None, diagnostic.render()
        assert span.file in files, (span.file, list(files))
        content = files[span.file]
        if isinstance(content, bytes):
            content = content.decode("utf-8", "replace")
        lines = len(LINE_BREAKS.findall(content)) + 1
        assert 1 <= span.line <= lines + 1, diagnostic.render()
        assert span.column >= 1, diagnostic.render()
        assert "Traceback" not in diagnostic.render()


# ---------------------------------------------------------------- CSV: generated from the format


def _german(value: Decimal, grouped: bool) -> str:
    """`value` as a `;` file writes it: decimal comma, optional thousands dots."""
    sign = "-" if value < 0 else ""
    whole, _, fraction = format(abs(value), "f").partition(".")
    if grouped and len(whole) > 3:
        whole = f"{int(whole):,}".replace(",", ".")
    return sign + whole + ("," + fraction if fraction else "")


def _english(value: Decimal, grouped: bool) -> str:
    """`value` as a `,` file writes it: decimal point (grouping commas need quotes)."""
    sign = "-" if value < 0 else ""
    whole, _, fraction = format(abs(value), "f").partition(".")
    if grouped and len(whole) > 3:
        whole = f"{int(whole):,}"
    return sign + whole + ("." + fraction if fraction else "")


@st.composite
def csv_files(draw):
    """A valid indicator CSV and the values it must yield: (text, {key: Decimal})."""
    delimiter = draw(st.sampled_from([";", ","]))
    with_vintage = draw(st.booleans())
    columns = ["traeger", "reihe", "gruppe", "monat", "wert"] + (["ladestand"] if with_vintage else [])
    order = draw(st.permutations(columns))
    spelled = {name: draw(st.sampled_from([name, name.upper(), name.capitalize(), f" {name} "])) for name in order}
    if "traeger" in spelled and draw(st.booleans()):
        spelled["traeger"] = "Träger"
    header = delimiter.join(spelled[name] for name in order)
    expected: dict[tuple, Decimal] = {}
    lines = [header]
    for _ in range(draw(st.integers(0, 25))):
        agency = draw(st.sampled_from(["03457", "0001", "12345", "X-9"]))
        name = draw(st.sampled_from(SERIES + INDICATORS))
        series = draw(st.sampled_from([name, name.upper(), name.lower()]))
        group_word = draw(st.sampled_from(["gesamt", "frauen", "maenner", "männer", "Frauen", "Gesamt"]))
        group = {"männer": "maenner"}.get(group_word.lower(), group_word.lower())
        month = Month(draw(st.integers(1900, 2199)), draw(st.integers(1, 12)))
        vintage = draw(st.none() | st.dates(datetime.date(2000, 1, 1), datetime.date(2100, 12, 31))) \
            if with_vintage else None
        key = (agency, name, group, str(month), vintage)
        if key in expected:
            continue
        places = draw(st.integers(0, 4))
        magnitude = draw(st.integers(0, 10**10))
        value = Decimal(magnitude).scaleb(-places)
        if name in INDICATORS and draw(st.booleans()):
            value = -value
        if value.is_zero():
            value = abs(value)
        grouped = draw(st.booleans())
        if delimiter == ";":
            text = _german(value, grouped)
            if grouped and places == 0 and len(format(abs(value), "f")) <= 3:
                text = text  # nothing to group
        else:
            text = _english(value, grouped)
        if "," in text and delimiter == ",":
            text = f'"{text}"'
        elif draw(st.booleans()):
            text = f'"{text}"'
        fields = {"traeger": agency, "reihe": series, "gruppe": group_word, "monat": str(month), "wert": text,
                  "ladestand": vintage.isoformat() if vintage else ""}
        lines.append(delimiter.join(fields[c] for c in order))
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", "# Kommentar", "   "])))
        expected[key] = value
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return bom + ending.join(lines) + ending, expected


@fuzz(50)
@given(csv_files())
def test_generated_csv_files_are_read_exactly(tmp_path_factory, case):
    text, expected = case
    path = tmp_path_factory.mktemp("csv") / "daten.csv"
    path.write_bytes(text.encode("utf-8"))
    store = load_indicator_csv(path, SERIES, INDICATORS)
    assert len(store) == len(expected)
    for (agency, series, group, month, vintage), value in expected.items():
        found = [o for o in store.history(agency, series, group, Month.parse(month)) if o.data_vintage == vintage]
        assert len(found) == 1, (agency, series, group, month, vintage)
        assert found[0].value == value, (found[0].value, value)


# ---------------------------------------------------------------- CSV: byte-level mutation

SPECIAL_BYTES = [b'"', b";", b",", b"\n", b"\r", b"\x00", b"\xff", b"\xc3", b"\xef\xbb\xbf", b"#", b"-", b".",
                 b"\t", b" ", b"9" * 30, b"2026-13", b"31.02.2026", "ä".encode(), b'""', b"\xe2\x80\xa8"]


@st.composite
def mutated_bytes(draw, base: st.SearchStrategy) -> bytes:
    data = bytearray(draw(base))
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "insert", "special", "delete", "duplicate", "cut", "swap"]))
        pos = draw(st.integers(0, len(data)))
        if op == "flip" and data:
            pos = min(pos, len(data) - 1)
            data[pos] = draw(st.integers(0, 255))
        elif op == "insert":
            data[pos:pos] = draw(st.binary(max_size=6))
        elif op == "special":
            data[pos:pos] = draw(st.sampled_from(SPECIAL_BYTES))
        elif op == "delete":
            del data[pos:pos + draw(st.integers(1, 30))]
        elif op == "cut":
            del data[pos:]
        elif op in ("duplicate", "swap"):
            lines = bytes(data).split(b"\n")
            a, b = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if op == "duplicate":
                lines.insert(a, lines[b])
            else:
                lines[a], lines[b] = lines[b], lines[a]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


def _leer_csv_sample(draw_lines: list[str]) -> bytes:
    return ("\n".join(draw_lines) + "\n").encode("utf-8")


leer_csv_heads = st.integers(4, 60).map(lambda n: _leer_csv_sample(LEER_CSV_LINES[:n]))
generated_csv = csv_files().map(lambda case: case[0].encode("utf-8"))


@fuzz(80)
@given(mutated_bytes(leer_csv_heads | generated_csv))
@example(b"\r#\n\r\x00")  # campaign finding: lone CR ends a line too (the CSV reader counts 4 lines)
def test_mutated_csv_bytes_end_in_data_or_positioned_errors(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("csv") / "kaputt.csv"
    path.write_bytes(data)
    try:
        load_indicator_csv(path, SERIES, INDICATORS)
    except ZielError as err:
        assert_positioned(err, {str(path): data})
        assert all(d.code.startswith("ZD3") for d in err.diagnostics), err.codes


@fuzz(25)
@given(st.lists(mutated_bytes(leer_csv_heads), min_size=2, max_size=3))
def test_several_mutated_files_are_reported_together(tmp_path_factory, files):
    folder = tmp_path_factory.mktemp("daten")
    paths = []
    for index, data in enumerate(files):
        path = folder / f"teil{index}.csv"
        path.write_bytes(data)
        paths.append(path)
    try:
        load_data([folder], SERIES, INDICATORS)
    except ZielError as err:
        assert_positioned(err, {str(p): d for p, d in zip(paths, files)})


# ---------------------------------------------------------------- YAML evidence

ids = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True).filter(lambda s: s not in ("y", "n", "on", "off",
                                                                                         "yes", "no", "null"))


@st.composite
def evidence_documents(draw):
    """A valid evidence document (as Python data) and its YAML text."""
    document: dict = {}
    if draw(st.booleans()):
        document["stand"] = draw(st.dates(datetime.date(2020, 1, 1), datetime.date(2030, 12, 31)))
    targets = {}
    for target in draw(st.lists(ids, max_size=4, unique=True)):
        items = {}
        for item in draw(st.lists(ids, min_size=1, max_size=4, unique=True)):
            entry = {"status": draw(st.sampled_from(["erledigt", "in_arbeit", "offen"]))}
            if draw(st.booleans()):
                entry["datum"] = draw(st.dates(datetime.date(2020, 1, 1), datetime.date(2030, 12, 31)))
            if draw(st.booleans()):
                entry["nachweis"] = draw(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
                                                 max_size=40).filter(str.strip))
            items[item] = entry
        targets[target] = items
    document["ziele"] = targets
    return document, yaml.safe_dump(document, allow_unicode=True, sort_keys=draw(st.booleans()))


@fuzz(40)
@given(evidence_documents())
def test_generated_evidence_is_read_exactly(tmp_path_factory, case):
    document, text = case
    path = tmp_path_factory.mktemp("yaml") / "nachweise.yaml"
    path.write_text(text, encoding="utf-8")
    evidence = load_evidence(path)
    assert evidence.as_of == document.get("stand")
    for target, items in document["ziele"].items():
        for item, entry in items.items():
            found = evidence.get(target, item)
            assert found is not None, (target, item)
            assert found.status == entry["status"]
            assert found.date == entry.get("datum")
            assert found.proof == (entry["nachweis"].strip() if "nachweis" in entry else None)


YAML_TRAPS = ["&a ", "*a", "!!python/object:os.system ", "!!binary ", "<<: *a\n", "- ", ": ", "{", "}", "[", "]",
              "\t", "---\n", "...\n", "%YAML 1.1\n", "? ", "|\n", ">\n", "'", '"', "#", "\n  ", "\x00", "\ufeff",
              "status: erledigt", "datum: 2026-02-30", "datum: 31.12.2026", "ziele:", "stand:", "~", "null",
              "2026-13-01", "yes", "0x1F", "1e9", "\u2028"]


@st.composite
def mutated_yaml(draw) -> str:
    text = draw(st.sampled_from([LEER_EVIDENCE]) | evidence_documents().map(lambda case: case[1]))
    for _ in range(draw(st.integers(1, 6))):
        pos = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["trap", "delete", "char", "cut", "indent"]))
        if op == "trap":
            text = text[:pos] + draw(st.sampled_from(YAML_TRAPS)) + text[pos:]
        elif op == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 20)):]
        elif op == "char":
            text = text[:pos] + draw(st.characters()) + text[pos:]
        elif op == "cut":
            text = text[:pos]
        else:
            text = text[:pos] + " " * draw(st.integers(1, 5)) + text[pos:]
    return text


@fuzz(80)
@given(mutated_yaml())
def test_mutated_evidence_ends_in_evidence_or_positioned_errors(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("yaml") / "nachweise.yaml"
    data = text.encode("utf-8", "surrogatepass")
    path.write_bytes(data)
    try:
        load_evidence_files([path])
    except ZielError as err:
        assert_positioned(err, {str(path): data})
        assert all(d.code.startswith("ZD3") for d in err.diagnostics), err.codes


# ---------------------------------------------------------------- the evaluator

GROUP_WORDS = {"gesamt": "gesamt", "frauen": "frauen", "maenner": "männer"}
RATIO_INDICATORS = [c for c in INDICATORS if CATALOG.indicators[c].unit == "%"]


def _number(draw, places_max: int = 2) -> str:
    value = Decimal(draw(st.integers(0, 3000))).scaleb(-draw(st.integers(0, places_max)))
    return format(value, "f").replace(".", ",")


@st.composite
def condition_lines(draw) -> str:
    indicator = draw(st.sampled_from(INDICATORS))
    group = draw(st.sampled_from(["", "frauen ", "männer ", "gesamt "]))
    kind = draw(st.sampled_from(["change", "points", "direction", "level", "count", "monitor", "gap", "supp"]))
    if kind == "change":
        qualifier = draw(st.sampled_from(["", "mindestens ", "maximal ", "höchstens ", "nicht mehr als "]))
        return f"{group}{indicator} {draw(st.sampled_from(['steigt', 'sinkt']))} um {qualifier}{_number(draw)} %"
    if kind == "points" and indicator in RATIO_INDICATORS:
        return f"{group}{indicator} {draw(st.sampled_from(['steigt', 'sinkt']))} um {_number(draw)} prozentpunkte"
    if kind == "direction":
        return f"{group}{indicator} {draw(st.sampled_from(['steigt', 'sinkt', 'steigt nicht', 'sinkt nicht', 'bleibt gleich']))}"
    if kind == "level" and indicator in RATIO_INDICATORS:
        qualifier = draw(st.sampled_from(["", "mindestens ", "höchstens "]))
        verb = draw(st.sampled_from(["beträgt", "erreicht"]))
        return f"{group}{indicator} {verb} {qualifier if verb == 'beträgt' else ''}{_number(draw)} %"
    if kind == "count":
        series = draw(st.sampled_from([s for s in SERIES if CATALOG.series[s].kind == "anzahl"]))
        total = draw(st.integers(0, 5000))
        parts = draw(st.lists(st.sampled_from(["frauen", "männer"]), max_size=2, unique=True))
        tail = " und ".join(f"{p} mindestens {draw(st.integers(0, total))}" for p in parts)
        return f"anzahl {series} mindestens {total}" + (f", davon {tail}" if tail else "")
    if kind == "gap":
        return f"beobachtung abstand {indicator} zwischen frauen und männern"
    if kind == "supp":
        return "ergänzungsgrößen " + ", ".join(draw(st.lists(st.sampled_from(INDICATORS), min_size=1, max_size=3,
                                                             unique=True)))
    forecast = f" prognose {draw(st.sampled_from(['steigt', 'sinkt']))} um {_number(draw)} %" \
        if draw(st.booleans()) else ""
    return f"beobachtung {group}{indicator}{forecast}"


@st.composite
def agreements(draw) -> str:
    year = draw(st.integers(2024, 2027))
    policy = draw(st.sampled_from(["gleicher", "gemeinsamer"]))
    basis = draw(st.sampled_from(["jahresfortschrittswerte", "jahresendwerte"]))
    lines = [f'vereinbarung fuzz "Fuzz" {{', '    träger "Testkreis" kennung "01"', f"    zieljahr {year}",
             f"    vergleichsjahr {year - 1}", f"    bewertung {basis} ohne wartezeit, {policy} ladestand"]
    for number in range(1, draw(st.integers(1, 5)) + 1):
        kind = draw(st.sampled_from(["ziel", "ziel", "grundsatz", "meilensteine"]))
        lines.append(f'    {"grundsatz" if kind == "grundsatz" else "ziel"} {number} z{number} "Ziel {number}" {{')
        if kind == "grundsatz":
            for _ in range(draw(st.integers(1, 3))):
                lines.append("        " + draw(st.sampled_from([
                    f"beobachtung {draw(st.sampled_from(INDICATORS))}",
                    f"beobachtung frauen {draw(st.sampled_from(INDICATORS))}",
                    f"beobachtung abstand {draw(st.sampled_from(INDICATORS))} zwischen frauen und männern"])))
        elif kind == "meilensteine":
            steps = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
            for index, step in enumerate(steps):
                word = "schritt" if index % 2 == 0 else "bedingung"
                deadline = f" frist 30.06.{year}" if draw(st.booleans()) else ""
                lines.append(f'        {word} {step} "Schritt {step}"{deadline}')
            rule = draw(st.sampled_from(["alle schritte und alle bedingungen", "eine bedingung", None]))
            if rule and (rule != "eine bedingung" or len(steps) > 1):
                lines.append(f"        erreicht wenn {rule}")
        else:
            for _ in range(draw(st.integers(1, 4))):
                lines.append("        " + draw(condition_lines()))
            if draw(st.booleans()):
                lines.append(f'        teilziel t{number} "Teilziel" {{')
                for _ in range(draw(st.integers(1, 2))):
                    lines.append("            " + draw(condition_lines()))
                lines.append("        }")
                lines.append(f"        erreicht wenn {draw(st.sampled_from(['alle bedingungen', 'alle teilziele', f't{number}', 'alle bedingungen und alle teilziele']))}")
        lines.append("    }")
    lines.append("}")
    return "\n".join(lines) + "\n"


@st.composite
def stores(draw, year: int) -> ObservationStore:
    """Random values for every series and some published indicators, with gaps, zeros and vintages."""
    store = ObservationStore()
    line = 1
    months = [Month(year - 2, 12).shift(k) for k in range(25)]
    chosen = draw(st.lists(st.sampled_from(SERIES + INDICATORS), max_size=len(SERIES) + 4, unique=True))
    if draw(st.booleans()):
        chosen = SERIES + chosen
    shape = draw(st.sampled_from(["full", "gaps", "zeros", "sparse", "vintages"]))
    seed = draw(st.integers(0, 2**32 - 1))
    import random

    rng = random.Random(seed)
    for series in dict.fromkeys(chosen):
        for group in draw(st.sampled_from([("gesamt", "frauen", "maenner"), ("gesamt",), ("frauen",)])):
            level = rng.choice([0, 1, 7, 50, 600, 5000, 120000])
            for month in months:
                if shape == "gaps" and rng.random() < 0.15 or shape == "sparse" and rng.random() < 0.7:
                    continue
                value = Decimal(max(0, int(level * rng.uniform(0.8, 1.2))))
                if shape == "zeros" and rng.random() < 0.3:
                    value = Decimal(0)
                if series in INDICATORS:
                    value = Decimal(rng.randint(-500, 5000)).scaleb(-2)
                vintages = [None]
                if shape == "vintages":
                    first = datetime.date(month.year + (month.month == 12), month.month % 12 + 1, 5)
                    vintages = [first + datetime.timedelta(days=31 * k) for k in range(rng.randint(1, 3))]
                for index, vintage in enumerate(vintages):
                    line += 1
                    store.add("01", series, group, month, value + index, vintage, Span("daten.csv", line, 1))
    return store


@st.composite
def evidences(draw, text: str):
    ids_in_text = re.findall(r"(?:schritt|bedingung) (\w+)", text)
    targets = re.findall(r"ziel \d+ (\w+)", text)
    lines = []
    if draw(st.booleans()):
        lines.append(f"stand: {draw(st.dates(datetime.date(2023, 1, 1), datetime.date(2028, 12, 31)))}")
    lines.append("ziele:")
    for target in draw(st.lists(st.sampled_from(targets + ["unbekannt"]), max_size=3, unique=True)):
        lines.append(f"  {target}:")
        for item in draw(st.lists(st.sampled_from(ids_in_text + ["fremd"]), min_size=1, max_size=3, unique=True)):
            lines.append(f"    {item}:")
            lines.append(f"      status: {draw(st.sampled_from(['erledigt', 'in_arbeit', 'offen']))}")
            if draw(st.booleans()):
                lines.append(f"      datum: {draw(st.dates(datetime.date(2023, 1, 1), datetime.date(2028, 12, 31)))}")
    return "\n".join(lines) + "\n"


def _walk(value, path=""):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]")
    else:
        yield path, value


def assert_result_contract(result) -> None:
    """Statuses are the five words, the JSON validates and carries no float, the texts render."""
    from zieldsl.cli.terminal import explain, render

    payload = to_json_dict(result)
    VALIDATOR.validate(payload)
    text = json.dumps(payload, ensure_ascii=False)
    assert json.loads(text) == payload
    for path, value in _walk(payload):
        assert not isinstance(value, float), path
        if path.endswith(".status") and ".steps[" not in path:
            assert value in STATUSES, (path, value)
    for target in result.targets:
        assert target.status in STATUSES
        for condition in target.conditions + target.monitoring + target.supplementary:
            assert condition.status in STATUSES
    render(result)
    for target in result.targets:
        explain(result, target, "", {})


@fuzz(30)
@given(st.data())
def test_random_agreements_against_random_data(tmp_path_factory, data):
    from zieldsl.evaluation.engine import evaluate
    from zieldsl.inputs.evidence import load_evidence

    text = data.draw(agreements(), label="agreement")
    try:
        checked = check_text(text, "fuzz.ziel")[0]
    except ZielError as err:
        assert_positioned(err, {"fuzz.ziel": text})
        assume(False)
    store = data.draw(stores(checked.target_year), label="data")
    evidence = None
    if data.draw(st.booleans(), label="with evidence"):
        path = tmp_path_factory.mktemp("nw") / "nachweise.yaml"
        path.write_text(data.draw(evidences(text), label="evidence"), encoding="utf-8")
        evidence = load_evidence(path)
    as_of = data.draw(st.none() | st.integers(1, 12).map(lambda m: f"{checked.target_year}-{m:02d}"), label="as_of")
    try:
        result = evaluate(checked, store, evidence, as_of)
    except ZielError as err:
        assert_positioned(err, {"fuzz.ziel": text, "daten.csv": ""})
        return
    assert_result_contract(result)


@fuzz(15)
@given(mutated_bytes(leer_csv_heads.map(lambda b: b) | st.just("\n".join(LEER_CSV_LINES).encode())))
def test_leer_agreement_against_mutated_data_files(tmp_path_factory, data):
    from zieldsl.api import evaluate_files

    folder = tmp_path_factory.mktemp("leer")
    path = folder / "daten.csv"
    path.write_bytes(data)
    try:
        results = evaluate_files([LEER], [path], evidence_paths=[])
    except ZielError as err:
        assert_positioned(err, {str(path): data, str(LEER): LEER.read_text(encoding="utf-8")})
        return
    for result in results:
        assert_result_contract(result)


# ---------------------------------------------------------------- the speed-ups agree with plain code


def _reference_comments(text: str):
    """The character-by-character comment scanner the regex version replaced."""
    from zieldsl.language import nodes as n

    out = []
    i, line, line_start, size = 0, 1, 0, len(text)
    while i < size:
        ch = text[i]
        if ch == "\n":
            line += 1
            line_start = i + 1
            i += 1
        elif text.startswith('"""', i):
            end = i + 3
            while end < size and not text.startswith('"""', end):
                end += 2 if text[end] == "\\" else 1
            end = min(end + 3, size)
            line += text.count("\n", i, end)
            last_nl = text.rfind("\n", i, end)
            if last_nl >= 0:
                line_start = last_nl + 1
            i = end
        elif ch == '"':
            j = i + 1
            while j < size and text[j] not in '"\n':
                j += 2 if text[j] == "\\" else 1
            i = j + 1
        elif ch == "#":
            end = text.find("\n", i)
            end = size if end < 0 else end
            own_line = text[line_start:i].strip() == ""
            out.append(n.Comment(text[i:end].rstrip(), line, i - line_start + 1, own_line))
            i = end
        else:
            i += 1
    return out


@fuzz(200)
@given(st.lists(st.sampled_from(['"', '"""', "#", "\n", "\\", "a", " ", "ä", "\t", "\r", "x y", "# k"]),
                max_size=40).map("".join))
def test_comment_scanner_agrees_with_the_character_scanner(text):
    from zieldsl.language.parser import _comments

    assert _comments(text) == _reference_comments(text)


def test_comment_scanner_agrees_on_every_real_file():
    from zieldsl.language.parser import _comments

    for path in sorted(REPO.glob("vereinbarungen/*.ziel")) + [REPO / "zieldsl" / "language" / "standard.ziel"]:
        text = path.read_text(encoding="utf-8")
        assert _comments(text) == _reference_comments(text), path


@fuzz(150)
@given(st.sampled_from(["summe", "mittelwert", "quote", "anteil", "rate", "rate_vormonat"]),
       st.integers(1, 12),
       st.dictionaries(st.tuples(st.sampled_from(["z", "n"]), st.integers(-1, 12)),
                       st.integers(0, 5) | st.integers(0, 10**6) | st.decimals(0, 1000, places=2), max_size=26))
def test_monthly_values_in_one_pass_equal_month_by_month(function, last, values):
    from zieldsl.evaluation.indicators import year_to_date, year_to_date_values

    def fetch(series, month):
        offset = (month.year - 2026) * 12 + month.month
        return values.get((series, offset))

    args = ("z",) if function in ("summe", "mittelwert") else ("z", "n")
    expected = [year_to_date(function, args, 2026, k, fetch).value for k in range(1, last + 1)]
    found = year_to_date_values(function, args, 2026, last, fetch)
    assert found == expected
    assert [type(v) for v in found] == [type(v) for v in expected]


def _reference_over_months(function, args, current, fetch):
    """(value, numerator, denominator) as the plain Fraction code computed them before the int fast path."""
    from zieldsl.evaluation.indicators import required

    values = {}
    for key in required(function, args, current):
        raw = fetch(*key)
        if raw is None:
            return None, None, None
        values[key] = Fraction(raw)
    count = len(current)
    if function == "summe":
        total = sum(values[(args[0], m)] for m in current)
        return total, total, None
    if function == "mittelwert":
        mean = sum(values[(args[0], m)] for m in current) / count
        return mean, mean, None
    z, n = args
    numerator = sum(values[(z, m)] for m in current)
    shifted = function in ("quote", "rate_vormonat")
    denominators = [values[(n, m.shift(-1) if shifted else m)] for m in current]
    if function == "quote":
        mean = sum(denominators) / count
        return (None if mean == 0 else 100 * numerator / mean), numerator, mean
    if function == "anteil":
        total = sum(denominators)
        return (None if total == 0 else 100 * numerator / total), numerator, total
    if any(d == 0 for d in denominators):
        return None, numerator, sum(denominators) / count
    ratios = [100 * values[(z, m)] / d for m, d in zip(current, denominators)]
    return sum(ratios) / count, numerator, sum(denominators) / count


@fuzz(150)
@given(st.sampled_from(["summe", "mittelwert", "quote", "anteil", "rate", "rate_vormonat"]),
       st.integers(1, 12),
       st.dictionaries(st.tuples(st.sampled_from(["z", "n"]), st.integers(-1, 12)),
                       st.integers(0, 5) | st.integers(0, 10**6) | st.decimals(0, 1000, places=2), max_size=26))
def test_year_to_date_equals_the_plain_fraction_formulas(function, last, values):
    from zieldsl.evaluation.indicators import year_to_date

    def fetch(series, month):
        return values.get((series, (month.year - 2026) * 12 + month.month))

    args = ("z",) if function in ("summe", "mittelwert") else ("z", "n")
    found = year_to_date(function, args, 2026, last, fetch)
    expected = _reference_over_months(function, args, [Month(2026, k) for k in range(1, last + 1)], fetch)
    if expected[0] is None and found.missing:
        return
    assert (found.value, found.numerator, found.denominator) == expected
    assert [type(v) for v in (found.value, found.numerator, found.denominator)] == [type(v) for v in expected]


@pytest.fixture(scope="module")
def plain_lark():
    """Lark as it comes: no cache, no shared scanner (the reference for lark_tuning)."""
    from lark import Lark

    from zieldsl.resources import grammar_path

    return Lark(grammar_path().read_text(encoding="utf-8"), parser="lalr", lexer="contextual",
                propagate_positions=True, maybe_placeholders=True)


def _signature(parser, text):
    """Trees and errors of a parser in comparable form (each family with its own classes)."""
    import sys

    family = sys.modules[type(parser).__module__]
    if not hasattr(family, "Tree"):  # lark itself
        import lark as family
    Token, Tree, UnexpectedInput = family.Token, family.Tree, family.UnexpectedInput

    try:
        tree = parser.parse(text)
    except UnexpectedInput as err:
        expected = getattr(err, "expected", None) or getattr(err, "allowed", None) or ()
        token = getattr(err, "token", None)
        return ("fehler", type(err).__name__, err.line, err.column, sorted(expected),
                (token.type, str(token), token.line, token.column) if token is not None else None)
    out = []
    for node in tree.iter_subtrees():
        meta = node.meta
        out.append((str(node.data), getattr(meta, "line", None), getattr(meta, "column", None),
                    getattr(meta, "end_line", None), getattr(meta, "end_column", None)))
        for child in node.children:
            if isinstance(child, Token):
                out.append((child.type, str(child), child.line, child.column, child.end_line, child.end_column))
            elif not isinstance(child, Tree):
                out.append(repr(child))
    return ("baum", tree, out)


REAL_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(REPO.glob("vereinbarungen/*.ziel"))]
PIECES = ["vereinbarung", "ziel", "{", "}", '"', '"""', "#", "\n", "K2", "steigt", "um", "5,8", "%", "teilziel",
          "31.02.2026", "x", "ä", "\\", "mindestens", "erreicht", "im", "land", "text", "anzahl", "12a", "1.234",
          "€", "männer", "eine", "bedingung"]


@st.composite
def mutated_agreements(draw) -> str:
    text = draw(st.sampled_from(REAL_TEXTS) | agreements())
    for _ in range(draw(st.integers(0, 4))):
        pos = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["delete", "piece", "cut"]))
        if op == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 30)):]
        elif op == "piece":
            text = text[:pos] + " " + draw(st.sampled_from(PIECES)) + " " + text[pos:]
        else:
            text = text[:pos]
    return text


@fuzz(30)
@given(mutated_agreements())
def test_tuned_lark_gives_the_same_trees_and_errors_as_plain_lark(plain_lark, text):
    """zieldsl's parser (generated ahead of time, with the shared scanner) against Lark built from the grammar."""
    from zieldsl.language.parser import lark_parser

    tuned = _signature(lark_parser(), text)
    plain = _signature(plain_lark, text)
    assert tuned[0] == plain[0]
    assert tuned[1:] == plain[1:] if tuned[0] == "fehler" else tuned[2] == plain[2]


@fuzz(20)
@given(st.sampled_from(REAL_TEXTS) | agreements())
def test_lean_transform_builds_the_same_nodes_as_larks_transformer(text):
    import dataclasses

    from zieldsl.diagnostics import DiagnosticBag, Source
    from zieldsl.language.lark_tuning import transform
    from zieldsl.language.parser import _Builder, lark_parser

    def dump(x):
        if dataclasses.is_dataclass(x) and not isinstance(x, type):
            return (type(x).__name__,) + tuple((f.name, dump(getattr(x, f.name))) for f in dataclasses.fields(x))
        if isinstance(x, (list, tuple)):
            return tuple(dump(i) for i in x)
        return repr(x)

    tree = lark_parser().parse(text)
    source = Source("f.ziel", text)
    bag_a, bag_b = DiagnosticBag(source), DiagnosticBag(source)
    assert dump(transform(_Builder("f.ziel", bag_a), tree)) == dump(_Builder("f.ziel", bag_b).transform(tree))
    assert bag_a.items == bag_b.items


@fuzz(150)
@given(st.lists(st.tuples(st.integers(0, 30), st.one_of(st.none(), st.dates(datetime.date(2024, 1, 1),
                                                                              datetime.date(2027, 12, 31))),
                          st.integers(-2**70, 2**70) | st.decimals(allow_nan=False, allow_infinity=False, places=2)),
                max_size=60),
       st.one_of(st.none(), st.dates(datetime.date(2024, 1, 1), datetime.date(2027, 12, 31))), st.booleans())
def test_selected_positions_give_what_choose_and_earliest_give(values, cutoff, earliest_instead):
    """The evaluator keeps store positions (`ObservationStore.select`) instead of entries: at every
    month, the entry at the position is the one `choose` (or, instead of none, `earliest`) picks
    from the month's stored entries, with the same value as `values_at` reads."""
    from zieldsl.inputs.store import ObservationStore, choose, earliest
    from zieldsl.months import Month

    store = ObservationStore()
    for offset, vintage, value in values:
        try:
            store.add("001", "elb", "gesamt", Month(2025, 1).shift(offset), value, vintage)
        except ZielError:  # a contradicting duplicate (same vintage, other value) is refused
            pass
    indices = list(range(2025 * 12 - 2, 2025 * 12 + 34))
    selected = store.select("001", "elb", "gesamt", indices, cutoff, earliest_instead)
    stored = store.entries("001", "elb", "gesamt")
    if not stored:
        assert selected is None
        return
    positions, substituted = selected
    for offset, (index, position) in enumerate(zip(indices, positions)):
        expected = choose(stored.get(index), cutoff)
        if expected is None and earliest_instead and stored.get(index) is not None:
            expected = earliest(stored[index])
            assert offset in substituted
        else:
            assert offset not in substituted
        assert (store.entry_at(position) if position >= 0 else None) == expected
        if position >= 0:
            [value] = store.values_at([position])
            assert type(value) is type(expected[1]) and value == expected[1]
            [number] = store.numbers_at([position])
            exact = value if type(value) is int else Fraction(value)
            assert type(number) is type(exact) and number == exact
        month = Month(index // 12, index % 12 + 1)
        assert store.month_vintages("001", {"elb", "lzb"}, month) == set(
            store.vintages_of_month("001", "elb", "gesamt", month))
