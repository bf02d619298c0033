"""The generated parser (zieldsl/language/_lark_standalone.py) belongs to the grammar and was not edited.

After a change of grammars/zieldsl.lark run `python tools/generate_parser.py` (the one
command; it rewrites the module). Until then zieldsl generates the same module in memory
on every start (slower) and this test fails. That the generated parser gives the same
trees and errors as Lark itself is checked in tests/test_fuzz_inputs.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from zieldsl.language import standalone
from zieldsl.resources import grammar_path

REPO = Path(__file__).resolve().parents[1]
GENERATED = REPO / "zieldsl" / "language" / "_lark_standalone.py"


def test_generated_parser_is_current_and_unedited():
    problem = standalone.staleness(GENERATED.read_text(encoding="utf-8"), grammar_path().read_text(encoding="utf-8"))
    assert problem is None, f"{GENERATED.name}: {problem}. Neu erzeugen mit: {standalone.COMMAND}"


def test_zieldsl_uses_the_generated_module():
    from zieldsl.language import _lark_standalone
    from zieldsl.language.parser import lark_parser

    assert standalone.runtime() is _lark_standalone
    assert type(lark_parser()).__module__ == _lark_standalone.__name__


def test_a_changed_grammar_is_generated_in_memory_and_reported(tmp_path):
    """What an engineer sees after editing the grammar: zieldsl still parses; --check names the command."""
    grammar = grammar_path().read_text(encoding="utf-8") + "\n// geändert\n"
    assert "Grammatik wurde seit dem Erzeugen geändert" in standalone.staleness(
        GENERATED.read_text(encoding="utf-8"), grammar)
    module_text = standalone.source(grammar)
    assert standalone.staleness(module_text, grammar) is None
    assert "die Datei wurde von Hand geändert" in standalone.staleness(module_text.replace("Shift = 0", "Shift=0"),
                                                                        grammar)
    module = sys.modules["generiert"] = type(sys)("generiert")
    try:
        exec(compile(module_text, "generiert.py", "exec"), module.__dict__)
        tree = module.Lark_StandAlone().parse('vereinbarung v "V" { zieljahr 2026 }\n')
    finally:
        del sys.modules["generiert"]
    assert isinstance(tree, module.Tree) and tree.children


def test_the_command_checks_and_regenerates():
    done = subprocess.run([sys.executable, str(REPO / "tools" / "generate_parser.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ist aktuell" in done.stdout


# ---------------------------------------------------------------- the standard catalogue, generated ahead of time

CATALOGUE_MODULE = REPO / "zieldsl" / "language" / "_standard_document.py"


def test_generated_catalogue_is_the_tree_parsing_gives_spans_and_comments_included():
    from zieldsl.language import prebuilt
    from zieldsl.language.catalog import STANDARD_CATALOG, parse_standard_document

    parsed = parse_standard_document()
    catalogue_text = STANDARD_CATALOG.read_bytes().decode("utf-8")
    module_text = CATALOGUE_MODULE.read_text(encoding="utf-8")
    assert prebuilt.staleness(module_text, catalogue_text) is None, \
        f"{CATALOGUE_MODULE.name}: {prebuilt.staleness(module_text, catalogue_text)}. Neu erzeugen mit: {prebuilt.COMMAND}"
    assert module_text == prebuilt.source(parsed, catalogue_text), \
        f"{CATALOGUE_MODULE.name} gibt nicht mehr den Baum des Parsers. Neu erzeugen mit: {prebuilt.COMMAND}"
    generated = prebuilt.prebuilt_document(STANDARD_CATALOG)
    assert generated == parsed and generated.comments == parsed.comments
    assert generated.source_name == parsed.source_name == prebuilt.DISPLAY_NAME


def test_zieldsl_uses_the_generated_catalogue():
    from zieldsl.language import _standard_document
    from zieldsl.language.catalog import standard_document

    assert standard_document() is _standard_document.DOCUMENT


def test_a_changed_catalogue_is_parsed_and_reported(tmp_path):
    """After an edit of standard.ziel zieldsl parses the file (and sees the edit); the check names the command."""
    from zieldsl.language import prebuilt
    from zieldsl.language.catalog import STANDARD_CATALOG, parse_standard_document

    changed = tmp_path / "standard.ziel"
    text = STANDARD_CATALOG.read_bytes().decode("utf-8") + "\n# geändert\n"
    changed.write_bytes(text.encode("utf-8"))
    assert prebuilt.prebuilt_document(changed) is None
    assert prebuilt.prebuilt_document(tmp_path / "fehlt.ziel") is None
    module_text = CATALOGUE_MODULE.read_text(encoding="utf-8")
    assert "Standardkatalog wurde seit dem Erzeugen geändert" in prebuilt.staleness(module_text, text)
    edited = module_text.replace("id='integrationen'", "id='integration'")
    assert "von Hand geändert" in prebuilt.staleness(edited, STANDARD_CATALOG.read_bytes().decode("utf-8"))
    assert prebuilt.prebuilt_document(STANDARD_CATALOG) == parse_standard_document()


def test_the_generated_catalogue_holds_only_what_it_can_rebuild():
    import pytest

    from zieldsl.diagnostics import Span
    from zieldsl.language import nodes as n
    from zieldsl.language import prebuilt

    with pytest.raises(TypeError):
        prebuilt.source(n.Document((n.Catalog("k", "K", (), Span("andere.ziel", 1, 1)),)), "")
    with pytest.raises(TypeError):
        prebuilt.source(n.Document((object(),)), "")
