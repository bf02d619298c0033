"""Loading milestone evidence (YAML): conversion, merging and positioned German diagnostics."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zieldsl.diagnostics import Diagnostic, Span, ZielError
from zieldsl.inputs.evidence import Evidence, load_evidence, load_evidence_files, merge_evidence

GOOD = """\
# Beispieldaten, keine amtlichen Angaben
stand: 2026-12-31          # optional: date the evidence was compiled
ziele:
  dms:                       # target id
    ist_analyse:             # step or condition id
      status: erledigt
      datum: 2026-03-31
      nachweis: "Bericht IST-Analyse vom 31.03.2026"
    eingeführt:
      status: In_Arbeit
      datum: "2026-09-30"
  4:
    konzept: {status: offen}
"""


def write(tmp_path: Path, text: str | bytes, name: str = "nachweise.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def problems(path: Path) -> list[Diagnostic]:
    with pytest.raises(ZielError) as caught:
        load_evidence(path)
    return caught.value.diagnostics


def only_problem(tmp_path: Path, text: str | bytes) -> Diagnostic:
    found = problems(write(tmp_path, text))
    assert len(found) == 1, [d.render() for d in found]
    return found[0]


# -- good files -----------------------------------------------------------------
def test_example_file_is_converted(tmp_path):
    path = write(tmp_path, GOOD)
    evidence = load_evidence(path)
    assert evidence.as_of == datetime.date(2026, 12, 31)
    assert evidence.files == [str(path)]
    assert evidence.targets() == ["4", "dms"]
    item = evidence.get("dms", "ist_analyse")
    assert (item.status, item.date, item.proof) == ("erledigt", datetime.date(2026, 3, 31),
                                                    "Bericht IST-Analyse vom 31.03.2026")
    assert (item.span.line, item.span.column) == (5, 5)
    second = evidence.get("dms", "eingeführt")
    assert (second.status, second.date, second.proof) == ("in_arbeit", datetime.date(2026, 9, 30), None)
    assert evidence.get("4", "konzept").status == "offen"
    assert [i.item for i in evidence.items_for("dms")] == ["ist_analyse", "eingeführt"]
    assert evidence.get("dms", "fehlt") is None and evidence.items_for("fehlt") == []
    assert len(evidence) == 3


def test_positions_for_the_evaluator(tmp_path):
    evidence = load_evidence(write(tmp_path, GOOD), display_name="nachweise/dms.yaml")
    span = evidence.target_span("dms")
    assert span == Span("nachweise/dms.yaml", 4, 3, 4, 6)
    assert evidence.source_line(span) == "  dms:                       # target id"
    assert evidence.target_span("unbekannt") is None


def test_empty_ziele_and_optional_fields(tmp_path):
    assert len(load_evidence(write(tmp_path, "ziele:\n"))) == 0
    evidence = load_evidence(write(tmp_path, "ziele:\n  dms:\n    a:\n      status: offen\n      nachweis:\n"))
    item = evidence.get("dms", "a")
    assert (item.date, item.proof, evidence.as_of) == (None, None, None)


def test_bom_is_accepted(tmp_path):
    evidence = load_evidence(write(tmp_path, "\ufeffziele:\n  dms:\n    a: {status: erledigt}\n".encode()))
    assert evidence.get("dms", "a").status == "erledigt"


def test_several_files_and_directories_are_merged(tmp_path):
    folder = tmp_path / "nachweise"
    folder.mkdir()
    write(folder, "stand: 2026-06-30\nziele:\n  dms:\n    a: {status: erledigt}\n", "a.yaml")
    write(folder, "stand: 2026-09-30\nziele:\n  dms:\n    b: {status: offen}\n    a: {status: erledigt}\n", "b.yml")
    write(folder, "kein: yaml-nachweis\n", "notiz.txt")
    extra = write(tmp_path, "ziele:\n  leitbild:\n    c: {status: in_arbeit}\n", "extra.yaml")
    evidence = load_evidence_files([folder, extra])
    assert [Path(f).name for f in evidence.files] == ["a.yaml", "b.yml", "extra.yaml"]
    assert evidence.as_of == datetime.date(2026, 9, 30)
    assert evidence.targets() == ["dms", "leitbild"] and len(evidence) == 3
    assert evidence.get("dms", "a").span.file.endswith("a.yaml")


def test_conflicting_items_across_files(tmp_path):
    a = write(tmp_path, "ziele:\n  dms:\n    a: {status: erledigt}\n", "a.yaml")
    b = write(tmp_path, "ziele:\n  dms:\n    a: {status: offen}\n", "b.yaml")
    with pytest.raises(ZielError) as caught:
        load_evidence_files([a, b])
    problem = caught.value.diagnostics[0]
    assert (problem.code, problem.span.file, problem.span.line, problem.span.column) == ("ZD327", str(b), 3, 5)
    assert f"steht schon in {a}:3" in problem.message


def test_merge_of_loaded_evidence(tmp_path):
    a = load_evidence(write(tmp_path, "stand: 2026-01-31\nziele:\n  dms:\n    a: {status: erledigt}\n", "a.yaml"))
    b = load_evidence(write(tmp_path, "ziele:\n  dms:\n    b: {status: offen}\n", "b.yaml"))
    merged = merge_evidence([a, b])
    assert len(merged) == 2 and merged.as_of == datetime.date(2026, 1, 31)
    c = load_evidence(write(tmp_path, "ziele:\n  dms:\n    b: {status: erledigt}\n", "c.yaml"))
    with pytest.raises(ZielError) as caught:
        merged.merge(c)
    assert caught.value.codes == ["ZD327"] and merged.get("dms", "b").status == "offen"
    assert isinstance(merged, Evidence)


# -- broken files -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "code", "line", "column", "fragment"),
    [
        ('ziele:\n  dms:\n    a:\n      nachweis: "offen\n', "ZD321", 5, 1,
         "YAML-Syntaxfehler: Anführungszeichen nicht geschlossen (YAML: found unexpected end of stream"),
        ("ziele:\n  dms:\n\ta: 1\n", "ZD321", 3, 1, "YAML-Syntaxfehler: Tabulator statt Leerzeichen (YAML: found character '\\t'"),
        ("ziele:\n  dms: a: b\n", "ZD321", 2, 9, "mapping values are not allowed"),
        ("ziele: {}\n---\nziele: {}\n", "ZD321", 2, 1, "expected a single document"),
        ("ziele:\n  dms:\n    a: {status: erledigt}\x00\n", "ZD321", 3, 26, "Steuerzeichen"),
        ("", "ZD322", 1, 1, "Nachweisdatei ist leer"),
        ("- dms\n- a\n", "ZD322", 1, 1, "Die oberste Ebene muss eine Zuordnung"),
        ("stand: 2026-01-01\n", "ZD322", 1, 1, "Schlüssel »ziele« fehlt"),
        ("ziele:\n  - dms\n", "ZD322", 2, 3, "»ziele« muss eine Zuordnung"),
        ("ziele:\n  dms: erledigt\n", "ZD322", 2, 8, "Das Ziel »dms« muss eine Zuordnung"),
        ("ziele:\n  dms:\n    a: erledigt\n", "ZD322", 3, 8, "»dms.a« muss eine Zuordnung"),
        ("ziele:\n  dms:\n    a:\n      status: fertig\n", "ZD323", 4, 15, "Unbekannter Status »fertig«"),
        ("ziele:\n  dms:\n    a:\n      status: erledigt\n      datum: 31.03.2026\n", "ZD324", 5, 14,
         "Ungültiges Datum »31.03.2026« bei »datum«"),
        ("ziele:\n  dms:\n    a:\n      status: erledigt\n      datum: 2026-02-30\n", "ZD324", 5, 14,
         "Ungültiges Datum »2026-02-30«"),
        ("stand: Dezember\nziele: {}\n", "ZD324", 1, 8, "Ungültiges Datum »Dezember« bei »stand«"),
        ("ziele:\n  dms:\n    a:\n      status: offen\n      nachwies: x\n", "ZD325", 5, 7,
         "Unbekannter Schlüssel »nachwies« (»dms.a«)"),
        ("zeile: {}\nziele: {}\n", "ZD325", 1, 1, "Unbekannter Schlüssel »zeile« (oberste Ebene)"),
        ("ziele:\n  dms:\n    a:\n      datum: 2026-01-01\n", "ZD326", 3, 5, "Status fehlt für »dms.a«"),
        ("ziele:\n  dms:\n    a:\n      status:\n", "ZD326", 4, 14, "Status fehlt für »dms.a«"),
        ("ziele:\n  dms:\n    a: {status: offen}\n    a: {status: offen}\n", "ZD327", 4, 5,
         "Schritt »a« steht doppelt im Ziel »dms« (zuerst in Zeile 3)"),
        ("ziele:\n  dms: {}\n  dms: {}\n", "ZD327", 3, 3, "Ziel »dms« steht doppelt unter »ziele«"),
        ('ziele:\n  "{0}":\n    "{x}": {status: offen}\n    "{x}": {status: offen}\n', "ZD327", 4, 5,
         "Schritt »{x}« steht doppelt im Ziel »{0}«"),
        ("ziele:\n  dms:\n    a: {status: offen, status: erledigt}\n", "ZD327", 3, 24, "Schlüssel »status« doppelt"),
        ("ziele:\n  ? [a, b]\n  : {}\n", "ZD329", 2, 5, "Schlüssel muss ein einfacher Name sein"),
        ("ziele:\n  dms:\n    a: {status: offen, nachweis: [x, y]}\n", "ZD329", 3, 34,
         "»nachweis« muss ein einfacher"),
    ],
)
def test_broken_evidence(tmp_path, text, code, line, column, fragment):
    problem = only_problem(tmp_path, text)
    assert (problem.code, problem.span.line, problem.span.column) == (code, line, column), problem.render()
    assert fragment in problem.message
    if code != "ZD329":
        assert problem.hint


def test_hints(tmp_path):
    status = only_problem(tmp_path, "ziele:\n  dms:\n    a:\n      status: erldigt\n")
    assert status.hint == "Meinten Sie »erledigt«?"
    spaced = only_problem(tmp_path, "ziele:\n  dms:\n    a:\n      status: in arbeit\n")
    assert spaced.hint == "Meinten Sie »in_arbeit«?"
    key = only_problem(tmp_path, "ziele:\n  dms:\n    a:\n      status: offen\n      datun: 2026-01-01\n")
    assert key.hint == "Meinten Sie »datum«?"
    date = only_problem(tmp_path, "ziele:\n  dms:\n    a:\n      status: offen\n      datum: 31.3.2026\n")
    assert "2026-03-31" in date.hint
    tab = only_problem(tmp_path, "ziele:\n  dms:\n\ta: 1\n")
    assert "Tabulatoren" in tab.hint


def test_missing_file(tmp_path):
    found = problems(tmp_path / "fehlt.yaml")
    assert [d.code for d in found] == ["ZD320"] and "nicht gefunden" in found[0].message
    assert "ist ein Verzeichnis" in problems(tmp_path)[0].message


def test_not_utf8(tmp_path):
    problem = only_problem(tmp_path, "ziele:\n  dms:\n    a: {status: offen, nachweis: Prüfung}\n".encode("latin-1"))
    assert (problem.code, problem.span.line, problem.span.column) == ("ZD328", 3, 36)
    assert problem.message == "Datei ist nicht UTF-8-kodiert"


def test_all_problems_are_reported_together_in_order(tmp_path):
    text = "ziele:\n  dms:\n    a:\n      status: fertig\n      datum: gestern\n    b:\n      nachweis: x\n"
    found = problems(write(tmp_path, text))
    assert [(d.code, d.span.line) for d in found] == [("ZD323", 4), ("ZD324", 5), ("ZD326", 6)]
    assert found[0].source_line == "      status: fertig"
    assert found[0].render().splitlines()[2].endswith("^^^^^^")


# -- robustness -------------------------------------------------------------------
def check_robust(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        load_evidence(path)
    except ZielError as error:
        assert error.diagnostics
        for diagnostic in error.diagnostics:
            assert diagnostic.span is not None and diagnostic.code.startswith("ZD32")
            assert diagnostic.span.line >= 1 and diagnostic.span.column >= 1
            diagnostic.render()


def mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    out = bytearray(data)
    for position, kind, chunk in edits:
        position %= len(out) + 1
        if kind == 0:
            out[position:position] = chunk
        elif kind == 1:
            del out[position:position + len(chunk)]
        else:
            out[position:position + len(chunk)] = chunk
    return bytes(out)


robust = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
NASTY = st.binary(max_size=4) | st.sampled_from(
    [b":", b"-", b" ", b"  ", b"\n", b"\t", b"{", b"[", b'"', b"&a", b"*a", b"!!", b"?", b"\x00", b"\xff", b"#"]
)


@robust
@given(st.binary(max_size=300))
def test_random_bytes_never_crash(tmp_path, data):
    check_robust(tmp_path / "zufall.yaml", data)


@robust
@given(st.lists(st.tuples(st.integers(0, 400), st.integers(0, 2), NASTY), max_size=6))
def test_mutated_yaml_never_crashes(tmp_path, edits):
    check_robust(tmp_path / "mutiert.yaml", mutate(GOOD.encode(), edits))
