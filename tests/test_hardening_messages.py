"""Messages that say what is really wrong (issue 12, item 12), through the command line.

Look-alike letters are named with their Unicode name and the Latin spelling; a data file whose
header is one enormous line is not "empty"; a dangling link in a data or evidence folder is
reported, not skipped; a template never prints "Undefined".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from zieldsl.cli.main import main

REPO = Path(__file__).resolve().parents[1]
LEER = str(REPO / "vereinbarungen" / "leer-2026.ziel")
LEER_DATA = REPO / "vereinbarungen" / "leer-2026.daten.csv"
HEADER = "traeger;reihe;gruppe;monat;wert;ladestand"

AGREEMENT = """vereinbarung t "T" {{
    träger "Landkreis T" kennung "03457"
    zieljahr 2026
    ziel 1 a "A" {{
        {name} sinkt um 2,3 %
    }}
}}
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args), prog_name="zieldsl")


def data_rows() -> list[str]:
    return [line for line in LEER_DATA.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]


@pytest.mark.parametrize("name, character, latin", [
    ("К3", "U+041A CYRILLIC CAPITAL LETTER KA", "K3"),
    ("Κ2", "U+039A GREEK CAPITAL LETTER KAPPA", "K2"),
    ("Ｋ3", "U+FF2B FULLWIDTH LATIN CAPITAL LETTER K", "K3"),
])
def test_a_look_alike_letter_in_an_indicator_is_named(tmp_path, name, character, latin):
    path = tmp_path / "k.ziel"
    path.write_text(AGREEMENT.format(name=name), encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 1
    assert f"fehler ZD201: Unbekannte Kennzahl »{name}«" in result.stderr
    assert f"({character}) sieht aus wie das lateinische »{latin[0]}«" in result.stderr
    assert f"Meinten Sie »{latin}«?" in result.stderr


def test_a_look_alike_letter_in_a_data_file_is_named(tmp_path):
    rows = data_rows()
    first = rows[1].replace("abgaenge_elb", "аbgaenge_elb")  # Cyrillic а
    assert first != rows[1]
    path = tmp_path / "d.csv"
    path.write_text("\n".join([rows[0], first, *rows[2:]]) + "\n", encoding="utf-8")
    result = run("evaluate", LEER, "--daten", str(path))
    assert result.exit_code == 1
    assert "Unbekannte Reihe »аbgaenge_elb«" in result.stderr
    assert "U+0430 CYRILLIC SMALL LETTER A" in result.stderr
    assert "Meinten Sie »abgaenge_elb«?" in result.stderr


def test_ordinary_misspellings_keep_the_plain_hint(tmp_path):
    path = tmp_path / "k.ziel"
    path.write_text(AGREEMENT.format(name="K33"), encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 1
    assert "andere Schrift" not in result.stderr and "U+" not in result.stderr


@pytest.mark.parametrize("column", ["x{}", ""])
def test_a_header_of_twenty_thousand_columns_is_not_an_empty_file(tmp_path, column):
    names = [column.format(i) for i in range(20_000)]
    path = tmp_path / "breit.csv"
    path.write_text(f"{HEADER};{';'.join(names)}\n03457;abgaenge_elb;gesamt;2026-01;147;2026-02-05\n"
                    if column == "" else ";".join(names) + "\n", encoding="utf-8")
    result = run("evaluate", LEER, "--daten", str(path))
    assert result.exit_code == 1
    assert "Datei ist leer" not in result.stderr
    assert "Traceback" not in result.output
    if column:
        assert "breit.csv:1:1: fehler ZD314: Die Kopfzeile ist länger als 65536 Zeichen (20.000 Spalten)" \
            in result.stderr
        assert "Pflichtspalte" not in result.stderr  # the second line is not taken for the header


def test_a_dangling_link_in_a_data_folder_is_reported(tmp_path):
    folder = tmp_path / "daten"
    folder.mkdir()
    (folder / "a.csv").write_text("\n".join(data_rows()) + "\n", encoding="utf-8")
    (folder / "b.csv").symlink_to(tmp_path / "weg" / "b.csv")
    result = run("evaluate", LEER, "--daten", str(folder))
    assert result.exit_code == 1
    assert f"fehler ZD300: Datendatei »{folder / 'b.csv'}« ist eine Verknüpfung auf »{tmp_path / 'weg' / 'b.csv'}«" \
        in result.stderr
    assert "keine Daten unbemerkt fehlen" in result.stderr


def test_a_dangling_link_in_an_evidence_folder_is_reported(tmp_path):
    folder = tmp_path / "nachweise"
    folder.mkdir()
    (folder / "n.yaml").symlink_to(tmp_path / "weg.yaml")
    result = run("evaluate", LEER, "--nachweise", str(folder))
    assert result.exit_code == 1
    assert f"fehler ZD320: Nachweisdatei »{folder / 'n.yaml'}« ist eine Verknüpfung" in result.stderr


@pytest.mark.parametrize("expression", [
    '{{ [1, 2] | map(attribute="nope") | list }}',
    "{{ [result.nope] }}",
    '{{ {"a": result.nope} }}',
])
def test_a_template_never_prints_undefined(tmp_path, expression):
    folder = tmp_path / "vorlagen"
    folder.mkdir()
    (folder / "feststellung.md.j2").write_text(f"# Entwurf\n\n{expression}\n", encoding="utf-8")
    target = tmp_path / "out.md"
    result = run("draft", LEER, "--vorlage", str(folder), "-o", str(target))
    assert result.exit_code == 1
    assert "fehler ZD502" in result.stderr
    assert "feststellung.md.j2:3:" in result.stderr
    assert "Undefined" not in result.output
    assert not target.exists()


def test_a_filter_argument_jinja_asserts_on_is_a_template_message(tmp_path):
    """Found by the fuzz campaign: `truncate(-1)` failed Jinja's own assert with a traceback."""
    folder = tmp_path / "vorlagen"
    folder.mkdir()
    (folder / "feststellung.md.j2").write_text("# Entwurf\n\n{{ 'x' | truncate(-1) }}\n", encoding="utf-8")
    target = tmp_path / "out.md"
    result = run("draft", LEER, "--vorlage", str(folder), "-o", str(target))
    assert result.exit_code == 1
    assert "feststellung.md.j2:3:" in result.stderr and "fehler ZD504" in result.stderr
    assert "Traceback" not in result.output
    assert not target.exists()


def test_word_properties_keep_their_namespace_when_docxcompose_rebinds_it(tmp_path, monkeypatch):
    """docxcompose (pulled in by docxtpl < 0.20.2) rebinds python-docx's "cp" prefix for the whole
    process; the lowest-versions job found Word documents with their author in the wrong namespace."""
    import zipfile

    from docx.oxml.ns import nsmap

    monkeypatch.setitem(nsmap, "cp", "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties")
    target = tmp_path / "entwurf.docx"
    result = run("draft", LEER, "-o", str(target))
    assert result.exit_code == 0, result.output
    core = zipfile.ZipFile(target).read("docProps/core.xml").decode("utf-8")
    assert "custom-properties" not in core
    assert "<cp:lastModifiedBy>zieldsl</cp:lastModifiedBy>" in core
