"""The Vereinbarung regenerated from what the file declares: § 3 without a prose section, no empty target
headings, no checksum under a contract."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from zieldsl.cli.main import main

AGREEMENT = """vereinbarung nord_2026 "Zielvereinbarung 2026 mit dem Landkreis Nord" {
    land "Ministerium für Arbeit" kurz "MA"
    träger "Landkreis Nord" kennung "99997" genitiv "des Landkreises Nord"
    zieljahr 2026
    vergleichsjahr 2025
    bewertung jahresfortschrittswerte ohne wartezeit, gleicher ladestand
    abschluss jahresendwerte ohne wartezeit im frühjahr 2027
    zieldialoge mindestens 2 im jahr

    ziel 1 integration "Verbesserung der Integration in Erwerbstätigkeit" {
        K2 steigt um 3,0 %
        beobachtung frauen K2 soll steigen
    }

    ziel 2 leistungen "Verringerung der Hilfebedürftigkeit" {
        beobachtung K1
        beobachtung K1E2 prognose sinkt um 1,0 %
    }

    berücksichtigung neuregelungen "Die Auswirkungen von gesetzlichen Neuregelungen werden berücksichtigt."
}
"""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("vereinbarung")
    source = folder / "nord-2026.ziel"
    source.write_text(AGREEMENT, encoding="utf-8")
    out = {}
    for output_format in ("md", "html"):
        target = folder / f"nord.{output_format}"
        done = CliRunner().invoke(main, ["draft", str(source), "--kind", "vereinbarung", "-o", str(target)])
        assert done.exit_code == 0, done.output
        out[output_format] = target.read_text(encoding="utf-8")
    return out


def test_paragraph_3_is_generated_from_the_declarations(rendered):
    text = rendered["md"]
    # the file has no `verpflichtung`: the targets are § 1, the generated review paragraph § 2
    section = text.split("#### § 2 Zielnachhaltung und Zieldialoge", 1)[1]
    assert "(1) Der Landkreis Nord und das MA führen unterjährig in regelmäßigen Abständen – mindestens jedoch " \
           "zweimal jährlich – Zieldialoge" in section
    assert "(2) Grundlage für die Zieldialoge und die Beurteilung der Zielerreichung 2026 bilden die " \
           "Jahresfortschrittswerte ohne Wartezeit." in section
    assert "mit den gleichen Ladeständen verglichen" in section
    assert "(3) Die Gesamtergebnisse der Zielsteuerung 2026 werden auf Grundlage von Jahresendwerten 2026 ohne " \
           "Wartezeit im Rahmen des Dialogs im Frühjahr 2027 bewertet." in section
    assert "(4) Die Auswirkungen von gesetzlichen Neuregelungen werden berücksichtigt." in section


def test_no_target_heading_stands_empty(rendered):
    text = rendered["md"]
    blocks = re.split(r"^\*\*\d+\. .+\*\*$", text, flags=re.M)[1:]
    assert len(blocks) == 2
    for block in blocks:
        first = next(line for line in block.splitlines() if line.strip())
        assert not first.startswith(("**", "#")), f"empty target heading before: {first}"
    assert ("Beobachtet werden, ohne Zielwert: die Summe der Leistungen zum Lebensunterhalt und die Zahl der "
            "erwerbsfähigen Leistungsberechtigten (erwartet: Rückgang um 1,0\u00a0%).") in text
    assert "Beobachtet werden außerdem, ohne Zielwert: die Integrationsquote der Frauen (gewünscht: ein Anstieg)." \
           in text


def test_no_checksum_under_a_contract(rendered):
    for text in rendered.values():
        assert "SHA-256" not in text and "Prüfvermerk" not in text
        assert not re.search(r"[0-9a-f]{64}", text)


def test_a_prose_section_wins_over_the_generated_one(leer_path, tmp_path):
    target = tmp_path / "leer.md"
    done = CliRunner().invoke(main, ["draft", str(leer_path), "--kind", "vereinbarung", "-o", str(target)])
    assert done.exit_code == 0, done.output
    text = target.read_text(encoding="utf-8")
    assert "#### § 3 Zielnachhaltung und Zieldialoge im Land Niedersachsen" in text
    assert "Der Ausschuss" in text or "Ausschuss für Zielvereinbarungen" in text


BUNDLED = sorted((Path(__file__).resolve().parents[1] / "vereinbarungen").glob("**/*.ziel"))


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_every_bundled_agreement_has_a_review_paragraph_and_no_empty_target_heading(path):
    from zieldsl import api

    for result in api.evaluate_files([path]):
        text = api.render_document(result, "vereinbarung", "md").decode("utf-8")
        lines = [line for line in text.splitlines() if line.strip()]
        for index, line in enumerate(lines):
            if re.fullmatch(r"\*\*\d+\. .+\*\*", line):
                following = lines[index + 1] if index + 1 < len(lines) else ""
                assert not following.startswith(("**", "#")), f"{path.name}: empty heading {line}"
        # the review paragraph (the file's or generated); its number follows the sections the file has
        assert re.search(r"^#### § \d+ .*Zielnachhaltung", text, re.MULTILINE), path.name
        assert "SHA-256" not in text


@pytest.mark.parametrize(("declared", "sentence"), [
    ("zieldialoge quartalsweise", "Der Landkreis Nord und das MA führen unterjährig quartalsweise Zieldialoge"),
    ("zieldialoge regelmäßig", "Der Landkreis Nord und das MA führen unterjährig in regelmäßigen Abständen "
                               "Zieldialoge zur Entwicklung"),
    ("zieldialoge im zweiten quartal", "Der Landkreis Nord und das MA führen im zweiten Quartal Zieldialoge"),
    ("zieldialoge im zweiten und vierten quartal",
     "Der Landkreis Nord und das MA führen im zweiten und vierten Quartal Zieldialoge"),
])
def test_the_generated_dialogue_sentence_says_the_agreed_rhythm(tmp_path, declared, sentence):
    source = tmp_path / "nord-2026.ziel"
    source.write_text(AGREEMENT.replace("zieldialoge mindestens 2 im jahr", declared), encoding="utf-8")
    done = CliRunner().invoke(main, ["draft", str(source), "--kind", "vereinbarung"])
    assert done.exit_code == 0, done.output
    section = done.stdout.split("Zielnachhaltung und Zieldialoge", 1)[1]
    assert f"(1) {sentence}" in section
    assert "mindestens jedoch" not in section
    assert "(2) Grundlage für die Zieldialoge und die Beurteilung" in section


def test_the_paragraphs_follow_the_order_of_the_file(tmp_path):
    """A section written before the targets is a § before them; the §§ are numbered as they come, in every format."""
    text = AGREEMENT.replace(
        '    ziel 1 integration',
        '    abschnitt datenschutz "Datenschutz" "Die Partner beachten den Datenschutz."\n\n    ziel 1 integration', 1)
    text = text.replace('    berücksichtigung neuregelungen',
                        '    abschnitt verpflichtung "Verpflichtung" "Die Partner verpflichten sich."\n\n'
                        '    berücksichtigung neuregelungen', 1)
    source = tmp_path / "nord-2026.ziel"
    source.write_text(text, encoding="utf-8")
    done = CliRunner().invoke(main, ["draft", str(source), "--kind", "vereinbarung"])
    assert done.exit_code == 0, done.output
    headings = re.findall(r"^#### (§ \d+ .+)$", done.stdout, re.M)
    assert headings == ["§ 1 Datenschutz", "§ 2 Ziele, Zielindikatoren und Ergänzungsgrößen",
                        "§ 3 Zielnachhaltung und Zieldialoge", "§ 4 Verpflichtung"]
    word = tmp_path / "nord.docx"
    done = CliRunner().invoke(main, ["draft", str(source), "--kind", "vereinbarung", "-o", str(word)])
    assert done.exit_code == 0, done.output
    import docx

    paragraphs = [p.text for p in docx.Document(str(word)).paragraphs if p.text.startswith("§ ")]
    assert paragraphs == headings
