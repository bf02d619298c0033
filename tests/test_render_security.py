"""Own templates (`--template DIR`): they may restyle a document but never reach Python.

Every failure of a template is a German message naming the template file and line,
exit code 1, and no output file.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from zieldsl.documents import sandbox as render
from zieldsl.cli.main import main
from zieldsl.diagnostics import ZielError

REPO = Path(__file__).resolve().parents[1]
LEER = str(REPO / "vereinbarungen" / "leer-2026.ziel")

HOSTILE = [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ joiner.__init__.__globals__.os }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ result.__class__.__init__.__globals__ }}",
    "{{ result.target.__func__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{% for c in ().__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    "{{ agreement.title.__class__ }}",
    "{{ result['__class__'] }}",
    "{{ '{0.__class__}'.format(result) }}",
    "{{ 10 ** 1000000 }}",
    "{{ 'x' * 100000000 }}",
]


def draft(tmp_path: Path, template_dir: Path, *extra: str, output: str = "out.md"):
    target = tmp_path / output
    result = CliRunner().invoke(main, ["draft", LEER, "--template", str(template_dir), "-o", str(target), *extra])
    return result, target


def own_templates(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "vorlagen"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("expression", HOSTILE)
def test_template_reaching_for_python_internals_is_refused(tmp_path, expression):
    folder = own_templates(tmp_path, {"feststellung.md.j2": f"# Entwurf\n\n{expression}\n"})
    result, target = draft(tmp_path, folder)
    assert result.exit_code == 1, result.output
    assert "nicht erlaubt" in result.stderr or "nicht definiert" in result.stderr
    assert "feststellung.md.j2:3:" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["vorlagen"]  # no temporary file left behind


def test_refusal_is_worded_in_german_with_the_offending_line(tmp_path):
    folder = own_templates(tmp_path, {"feststellung.md.j2": "# Entwurf\n{{ ''.__class__.__mro__ }}\n"})
    result, _target = draft(tmp_path, folder)
    assert "feststellung.md.j2:2:7: fehler ZD503: Zugriff auf »__class__« ist in Vorlagen nicht erlaubt" in result.stderr
    assert " 2 | {{ ''.__class__.__mro__ }}" in result.stderr
    assert "Hinweis: Vorlagen sehen nur die Ergebnisse der Bewertung" in result.stderr


def _render(tmp_path, name: str, source: str, context: dict) -> str:
    """Render one template of an own template folder, as `draft --template` does."""
    folder = tmp_path / "eigene"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(source, encoding="utf-8")
    return render.render_template(render.make_environment(folder), name, context)


def test_objects_outside_the_results_are_opaque_to_templates(tmp_path):
    with pytest.raises(ZielError) as caught:
        _render(tmp_path, "a.md.j2", "{{ p.read_text() }}", {"p": Path(__file__)})
    assert caught.value.codes == ["ZD503"]
    with pytest.raises(ZielError) as caught:
        _render(tmp_path, "b.md.j2", "{{ s.truncate(0) }}", {"s": io.StringIO("x")})
    assert caught.value.codes == ["ZD503"]
    assert _render(tmp_path, "c.md.j2", "{{ d.a | number }} {{ l | length }}", {"d": {"a": 5}, "l": [1, 2]}) == "5 2"


def test_templates_cannot_change_the_results_they_are_given(tmp_path):
    with pytest.raises(ZielError) as caught:
        _render(tmp_path, "d.md.j2", "{{ l.append(1) }}", {"l": []})
    assert caught.value.codes == ["ZD503"]


def test_syntax_error_names_template_file_and_line(tmp_path):
    folder = own_templates(tmp_path, {"feststellung.md.j2": "# Entwurf\n\n{% for t in targets %}\n{{ t.heading }}\n"})
    result, target = draft(tmp_path, folder)
    assert result.exit_code == 1
    assert "feststellung.md.j2:" in result.stderr and "fehler ZD501: Syntaxfehler in der Vorlage" in result.stderr
    assert "erwartet: »endfor«" in result.stderr or "Block" in result.stderr
    assert not target.exists()


def test_syntax_error_in_an_included_template_names_that_file(tmp_path):
    folder = own_templates(tmp_path, {"_kopf.md.j2": "Zeile 1\n{{ agreement.title }\n"})
    result, _target = draft(tmp_path, folder)
    assert result.exit_code == 1
    assert "_kopf.md.j2:2:1: fehler ZD501: Syntaxfehler in der Vorlage: Unerwartetes Zeichen »}«" in result.stderr


def test_unknown_name_is_reported_with_a_suggestion(tmp_path):
    folder = own_templates(tmp_path, {"feststellung.md.j2": "# Entwurf\n\n{{ agreemnt.title }}\n"})
    result, target = draft(tmp_path, folder)
    assert result.exit_code == 1
    assert "feststellung.md.j2:3:4: fehler ZD502: »agreemnt« ist in der Vorlage nicht definiert" in result.stderr
    assert "Meinten Sie »agreement«?" in result.stderr
    assert not target.exists()


def test_unknown_field_and_unknown_filter_are_reported(tmp_path):
    folder = own_templates(tmp_path, {"feststellung.md.j2": "{{ agreement.titel }}\n"})
    result, _target = draft(tmp_path, folder)
    assert "feststellung.md.j2:1:" in result.stderr and "»titel« ist in der Vorlage nicht definiert" in result.stderr
    folder2 = tmp_path / "b"
    folder2.mkdir()
    (folder2 / "feststellung.md.j2").write_text("{{ 5 | prozent }}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["draft", LEER, "--template", str(folder2), "-o", str(tmp_path / "b.md")])
    assert result.exit_code == 1 and "Unbekannter Filter »prozent«" in result.stderr


def test_own_template_overrides_by_name_and_keeps_the_bundled_partials(tmp_path):
    folder = own_templates(tmp_path, {
        "feststellung.md.j2": "# Eigene Feststellung für {{ agreement.agency_name }}\n\n{% include '_kopf.md.j2' %}\n"
                              "{{ targets[1].verdict }}\n{{ 9327771 | euro }} · {{ '2026-07' | month_long }}\n",
    })
    result, target = draft(tmp_path, folder)
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Eigene Feststellung für Landkreis Leer\n")
    assert "- **Zieljahr:** 2026, verglichen mit 2025" in text  # bundled partial
    assert "Das Ziel 2 ist erreicht." in text
    assert "9.327.771 EUR · Juli 2026" in text


def test_hostile_word_template_is_refused(tmp_path):
    import docx

    folder = tmp_path / "vorlagen"
    folder.mkdir()
    document = docx.Document()
    document.add_paragraph("Entwurf")
    document.add_paragraph("{{ cycler.__init__.__globals__ }}")
    document.save(folder / "feststellung.docx")
    result, target = draft(tmp_path, folder, output="out.docx")
    assert result.exit_code == 1
    assert "feststellung.docx" in result.stderr and "ZD503" in result.stderr and "nicht erlaubt" in result.stderr
    assert "Absatz in der Vorlage: »{{ cycler.__init__.__globals__ }}«" in result.stderr
    assert not target.exists()


def test_word_template_that_is_not_a_word_file_is_reported(tmp_path):
    folder = own_templates(tmp_path, {"feststellung.docx": "kein zip"})
    result, target = draft(tmp_path, folder, output="out.docx")
    assert result.exit_code == 1 and "ZD507" in result.stderr and "keine lesbare Word-Datei" in result.stderr
    assert not target.exists()


def test_broken_phrase_file_is_reported_with_its_line(tmp_path):
    folder = own_templates(tmp_path, {"phrasen.yaml": "kennzahlen:\n  K2: [nominativ\n"})
    result, target = draft(tmp_path, folder)
    assert result.exit_code == 1 and "ZD509" in result.stderr and "phrasen.yaml:" in result.stderr
    assert not target.exists()
