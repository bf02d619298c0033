"""The language service (zieldsl.service) through its API: every answer on real text, positions exact.

Positions count from 0 (line, character) as in editors. The Leer agreement is the real case;
line 70 of the file (index 69) reads `        K2 steigt um 5,8 %`.
"""

from __future__ import annotations


import pytest

from zieldsl.api import check_file
from zieldsl.service import Position, Range, analyse
from zieldsl.service.fixes import apply

K2_LINE = 69


@pytest.fixture(scope="module")
def leer_text(leer_path) -> str:
    return leer_path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def leer(leer_path, leer_text):
    return analyse(leer_text, leer_path)


def _broken(text: str, old: str, new: str, name="entwurf.ziel"):
    assert old in text
    return analyse(text.replace(old, new, 1), name)


def test_a_correct_agreement_has_no_problems_and_reports_like_check(leer, leer_path):
    assert leer.problems == []
    assert leer.diagnostics == check_file(leer_path)


def test_diagnostics_are_those_of_check_with_exact_ranges(leer_text, tmp_path):
    text = leer_text.replace("K2 steigt um 5,8 %", "K2 steigt um 5.8 %", 1)
    path = tmp_path / "entwurf.ziel"
    path.write_text(text, encoding="utf-8")
    snapshot = analyse(text, path)
    assert snapshot.diagnostics == check_file(path)
    [problem] = snapshot.problems
    assert (problem.code, problem.severity) == ("ZD102", "fehler")
    assert problem.message == "»5.8«: Dezimalpunkt statt Dezimalkomma"
    assert problem.range == Range(Position(K2_LINE, 21), Position(K2_LINE, 24))
    assert problem.text.endswith("Hinweis: Zahlen schreiben Sie mit Komma: »5,8«.")


def test_a_point_diagnostic_covers_the_word_it_points_at(leer_text):
    snapshot = _broken(leer_text, "K3 sinkt um 2,3 %", "K9 sinkt um 2,3 %")
    [problem] = snapshot.problems
    assert problem.code == "ZD201"
    assert problem.range == Range(Position(87, 8), Position(87, 10))


def test_warnings_come_with_their_range(leer_text):
    snapshot = _broken(leer_text, "K3 sinkt um 2,3 %", "K3 steigt um 2,3 %")
    assert [(p.code, p.severity, p.range.start) for p in snapshot.problems] == [
        ("ZD206", "warnung", Position(87, 8))]


def test_formatting_is_that_of_fmt(leer_text):
    messy = leer_text.replace("    zieljahr 2026", "  zieljahr    2026", 1)
    assert analyse(messy).formatted() == leer_text
    assert analyse(leer_text.replace("5,8 %", "5.8 %")).formatted() is None


def test_hover_on_an_indicator_gives_the_catalogue_definition_and_the_judged_value(leer):
    hover = leer.hover(Position(K2_LINE, 9))
    assert hover.range == Range(Position(K2_LINE, 8), Position(K2_LINE, 10))
    assert hover.markdown.startswith("**K2** – Integrationsquote (Kennzahl)")
    assert "Formel: `quote(integrationen, elb)` · gut: steigt · § 5 Abs. 1 KennzV" in hover.markdown
    # the example data beside the file: the value of this target's condition
    assert "Stand Dezember 2026" in hover.markdown
    assert "- K2 steigt um 5,8 % (gesamt): Vorjahr 20,32 %, Ist 21,58 %, Veränderung +6,2 %, **erreicht**" \
        in hover.markdown


def test_hover_inside_a_subtarget_shows_that_subtarget_s_values(leer, leer_text):
    line = leer_text.splitlines().index("            frauen K2 steigt um 7,3 %")
    hover = leer.hover(Position(line, 20))
    assert "K2 steigt um 7,3 % (Frauen)" in hover.markdown
    assert "(gesamt)" not in hover.markdown


def test_hover_on_a_keyword_explains_it_in_german(leer):
    hover = leer.hover(Position(K2_LINE, 12))
    assert hover.range == Range(Position(K2_LINE, 11), Position(K2_LINE, 17))
    assert hover.markdown.startswith("**steigt** – Die Kennzahl soll steigen")


def test_hover_on_a_target_id_shows_title_and_status(leer, leer_text):
    line = next(i for i, text in enumerate(leer_text.splitlines()) if text.startswith("    ziel 2 integration"))
    hover = leer.hover(Position(line, 14))
    assert hover.markdown.startswith("**ziel 2 integration** – Verbesserung der Integration in Erwerbstätigkeit")
    assert "Status (Stand Dezember 2026): **" in hover.markdown


def test_hover_works_while_the_text_does_not_parse(leer_text):
    snapshot = _broken(leer_text, "K2 steigt um 5,8 %", "K2 steigt um")
    assert snapshot.checked is None
    assert snapshot.hover(Position(K2_LINE, 9)).markdown.startswith("**K2** – Integrationsquote")


def test_hover_without_data_has_no_values(leer_text):
    hover = analyse(leer_text).hover(Position(K2_LINE, 9))
    assert "Stand" not in hover.markdown


def _labels(snapshot, position):
    return [c.label for c in snapshot.completions(position)]


def _at_end_of(text: str, line_text: str):
    """The snapshot of `text` with `line_text` typed on the K2 line, and the cursor after it."""
    lines = text.splitlines(keepends=True)
    lines[K2_LINE] = line_text + "\n"
    return analyse("".join(lines)), Position(K2_LINE, len(line_text))


def test_completion_at_the_start_of_a_target_line_offers_statements_and_indicators(leer_text):
    snapshot, at = _at_end_of(leer_text, "        ")
    labels = _labels(snapshot, at)
    assert labels[:4] == ["text", "beobachtung", "ergänzungsgrößen", "anzahl"]
    assert {"K1", "K2", "K3E4", "frauen", "erreicht wenn"} <= set(labels)


def test_completion_filters_by_the_typed_prefix_and_replaces_it(leer_text):
    snapshot, at = _at_end_of(leer_text, "        beob")
    [item] = snapshot.completions(at)
    assert item.label == "beobachtung"
    assert item.replace == Range(Position(K2_LINE, 8), Position(K2_LINE, 12))


@pytest.mark.parametrize(("typed", "expected", "absent"), [
    ("        K2 ", ["steigt", "sinkt", "bleibt gleich", "beträgt", "erreicht"], ["K1"]),
    ("        K2 steigt ", ["um", "nicht"], []),
    ("        K2 steigt um ", ["mindestens", "maximal", "höchstens", "nicht mehr als"], []),
    ("        K2 steigt um 5,8 ", ["%", "prozentpunkte"], []),
    ("        frauen ", ["K1", "K2", "K3"], ["steigt"]),
    ("        ergänzungsgrößen K2E1, ", ["K1E1", "K2E2"], ["K2"]),
    ("        beobachtung ", ["frauen", "männer", "gesamt", "abstand", "K1"], []),
    ("        anzahl ", ["integrationen", "elb"], ["K2"]),
    ("        erreicht wenn ", ["alle schritte", "alle bedingungen", "alle teilziele", "eine bedingung"], []),
])
def test_completion_offers_the_words_the_grammar_allows_next(leer_text, typed, expected, absent):
    snapshot, at = _at_end_of(leer_text, typed)
    labels = _labels(snapshot, at)
    assert set(expected) <= set(labels), labels
    assert not set(absent) & set(labels)


def test_completion_of_a_rule_offers_the_ids_of_the_target(leer_text):
    line = leer_text.splitlines().index("        erreicht wenn alle schritte und alle bedingungen")
    lines = leer_text.splitlines(keepends=True)
    lines[line] = "        erreicht wenn \n"
    snapshot = analyse("".join(lines))
    labels = _labels(snapshot, Position(line, 22))
    assert {"ist_analyse", "scan_prozess", "vorlagen", "eingefuehrt", "effizienz"} <= set(labels)
    assert "prozesse" not in labels  # a step of target 5


def test_completion_at_agreement_level_offers_agreement_statements(leer_text):
    line = leer_text.splitlines().index("    zieljahr 2026")
    snapshot = analyse(leer_text)
    labels = _labels(snapshot, Position(line, 6))
    assert labels == ["zieljahr", "zieldialoge", "ziel"]


def test_go_to_definition_of_an_indicator_opens_the_standard_catalogue(leer):
    from zieldsl.language.catalog import STANDARD_CATALOG

    location = leer.definition(Position(K2_LINE, 8))
    assert location.path == STANDARD_CATALOG
    line = STANDARD_CATALOG.read_text(encoding="utf-8").splitlines()[location.range.start.line]
    assert line[location.range.start.character:location.range.end.character] == "K2"
    assert line.lstrip().startswith("kennzahl K2 ")


def test_go_to_definition_of_a_rule_name_jumps_to_the_step(leer_text):
    text = leer_text.replace("erreicht wenn alle schritte und alle bedingungen",
                             "erreicht wenn scan_prozess und alle bedingungen", 1)
    snapshot = analyse(text)
    lines = text.splitlines()
    use = lines.index("        erreicht wenn scan_prozess und alle bedingungen")
    defined = next(i for i, t in enumerate(lines) if "schritt scan_prozess" in t)
    location = snapshot.definition(Position(use, 25))
    assert location.path is None
    assert location.range == Range(Position(defined, 16), Position(defined, 28))


def test_the_outline_nests_targets_subtargets_and_steps(leer):
    outline = leer.outline()
    [agreement] = outline
    assert agreement.name == "vereinbarung leer_2026"
    names = [c.name for c in agreement.children]
    assert names[:3] == ["abschnitt grundsaetze", "abschnitt rahmenbedingungen", "annahme svb_nds"]
    target2 = next(c for c in agreement.children if c.name == "ziel 2 integration")
    assert target2.detail == "Verbesserung der Integration in Erwerbstätigkeit"
    assert [c.name for c in target2.children] == ["teilziel geschlechterspezifisch"]
    target4 = next(c for c in agreement.children if c.name == "ziel 4 dms")
    assert [c.name for c in target4.children] == ["schritt ist_analyse", "schritt scan_prozess", "schritt vorlagen",
                                                  "bedingung eingefuehrt", "bedingung effizienz"]
    assert target2.selection_range == Range(Position(65, 11), Position(65, 22))
    assert target2.range.start == Position(65, 4)


def test_the_outline_survives_a_syntax_error(leer_text):
    snapshot = _broken(leer_text, "K2 steigt um 5,8 %", "K2 steigt um")
    assert snapshot.checked is None
    assert "ziel 2 integration" in [c.name for c in snapshot.outline()[0].children]


@pytest.mark.parametrize(("old", "new", "title", "code"), [
    ("K2 steigt um 5,8 %", "K2 steigt um 5.8 %", "Dezimalkomma schreiben: »5,8«", "ZD102"),
    ("K2 steigt um 5,8 %", "K2 steigt um 5,8", "»%« ergänzen", "ZD108"),
    ("K3 sinkt um 2,3 %", "K3 snkt um 2,3 %", "Ersetzen durch »sinkt«", "ZD115"),
    ("    zieljahr 2026", "    zeiljahr 2026", "Ersetzen durch »zieljahr«", "ZD115"),
    # „…“ and “…” are texts of the language; other typographic quotes still get the quick fix
    ('schritt scan_prozess "Festlegung eines Scan-Prozesses"', "schritt scan_prozess «Festlegung eines Scan-Prozesses»",
     'Gerade Anführungszeichen "…" schreiben', "ZD101"),
])
def test_a_quick_fix_repairs_the_common_mistake_exactly(leer_text, old, new, title, code):
    snapshot = _broken(leer_text, old, new)
    [problem] = snapshot.problems
    assert problem.code == code
    fix = snapshot.quick_fixes(problem.range)[0]
    assert fix.title == title
    assert fix.problem == problem
    assert apply(snapshot.text, fix.edits) == leer_text


def test_quick_fixes_are_only_offered_where_asked(leer_text):
    snapshot = _broken(leer_text, "K2 steigt um 5,8 %", "K2 steigt um 5.8 %")
    assert snapshot.quick_fixes(Range(Position(3, 0), Position(3, 5))) == []
    assert len(snapshot.quick_fixes()) == 1


def test_the_service_keeps_working_on_any_prefix_of_a_real_agreement(leer_text):
    """Typing a file from top to bottom: every answer comes without an exception."""
    for cut in range(0, len(leer_text), 397):
        snapshot = analyse(leer_text[:cut])
        end = snapshot.lines.position(cut)
        snapshot.problems
        snapshot.outline()
        snapshot.completions(end)
        snapshot.hover(end)
        snapshot.definition(end)
        snapshot.quick_fixes()


def _pygments_tokens(text: str) -> list[tuple[int, str, str]]:
    from pygments.token import Comment, Keyword, Literal, Name, Number, Operator, Punctuation, String, Whitespace

    from zieldsl.language.highlighter import ZielLexer

    kinds = ((Comment, "comment"), (Whitespace, None), (Keyword.Declaration, "decl"), (Keyword.Type, "unit"),
             (Keyword.Constant, "const"), (Keyword, "keyword"), (Operator.Word, "op"), (Operator, "percent"),
             (Name.Builtin, "group"), (Name.Constant, "code"), (Name.Function, "function"), (Name, "name"),
             (String, "string"), (Literal.Date, "date"), (Number, "number"), (Punctuation, "punct"))
    out = []
    for start, token_type, value in ZielLexer().get_tokens_unprocessed(text):
        kind = next((label for ttype, label in kinds if token_type in ttype), "other")
        if kind is not None:
            out.append((start, value, kind))
    return out


def test_the_service_reads_tokens_exactly_as_the_pygments_lexer_does(repo_root):
    """The service tokenizes in one regex pass (the lexer is too slow per keystroke); both must agree."""
    from zieldsl.service.structure import tokens

    files = sorted((repo_root / "vereinbarungen").rglob("*.ziel")) + [repo_root / "zieldsl/language/standard.ziel"]
    assert len(files) >= 3
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert [(t.start, t.value, t.kind) for t in tokens(text)] == _pygments_tokens(text), path
