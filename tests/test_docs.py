"""The documentation and editor support: checked examples, generated pages, the lexer, VS Code files.

What a user sees in the docs must be true: every ```zieldsl block goes through the
checker (error examples must produce the code they document), the catalogue and
the list of diagnostic codes come from the sources, and `mkdocs build --strict`
passes with the DSL highlighted by our Pygments lexer.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
from pygments.token import Comment, Error, Keyword, Literal, Name, Number, Operator, String

from docbuild import generated as catalog_docs
from docbuild import examples as doc_examples
from zieldsl.language.catalog import standard_catalog
from docbuild.pages import process_page
from zieldsl.language.highlighter import CONSTANTS, DECLARATIONS, GROUPS, KEYWORDS, OPERATOR_WORDS, UNITS, ZielLexer

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
VSCODE = REPO / "editors" / "vscode"
ZIEL_FILES = sorted((REPO / "vereinbarungen").glob("*.ziel")) + [REPO / "zieldsl" / "language" / "standard.ziel"]
RULE_SCOPES = {"schritte", "bedingungen", "teilziele"}  # a pattern terminal, not a keyword in Lark's list


def keywords() -> list[str]:
    """Every keyword of the grammar: Lark's string terminals that are words, and the rule scopes."""
    from zieldsl.language.parser import lark_parser

    words = {t.pattern.value for t in lark_parser().terminals
             if t.pattern.type == "str" and t.pattern.value[:1].isalpha()}
    return sorted(words | RULE_SCOPES)


def doc_pages() -> list[Path]:
    return sorted(DOCS.glob("*.md"))


# ---------------------------------------------------------------- checked examples


@pytest.mark.parametrize("page", doc_pages(), ids=lambda p: p.name)
def test_every_dsl_block_of_the_docs_does_what_its_marker_says(page):
    problems = doc_examples.check_markdown(page.read_text(encoding="utf-8"), f"docs/{page.name}")
    assert problems == []


def test_the_docs_hold_many_checked_examples_of_every_kind():
    examples = [e for page in doc_pages() for e in doc_examples.extract(page.read_text(encoding="utf-8"), page.name)]
    wraps = {e.wrap for e in examples}
    assert len(examples) >= 60
    assert wraps == {"keine", "vereinbarung", "ziel"}
    assert any(e.errors for e in examples) and any(e.warnings for e in examples)


def test_a_broken_example_fails_the_check():
    broken = "Text\n\n<!-- zieldsl: ziel -->\n```zieldsl\nK2 steigt um 5.8 %\n```\n"
    problems = doc_examples.check_markdown(broken, "kaputt.md")
    assert problems[0] == "kaputt.md:4: Beispiel liefert Fehler ZD102, erwartet keine"
    assert any("Dezimalpunkt statt Dezimalkomma" in p for p in problems)


def test_an_error_example_must_produce_exactly_the_documented_code():
    wrong_code = "<!-- zieldsl: ziel fehler ZD205 -->\n```zieldsl\nK9 steigt um 5,8 %\n```\n"
    assert doc_examples.check_markdown(wrong_code, "f.md") == ["f.md:2: Beispiel liefert Fehler ZD201, erwartet ZD205"]
    no_error = "<!-- zieldsl: ziel fehler ZD201 -->\n```zieldsl\nK2 steigt um 5,8 %\n```\n"
    assert doc_examples.check_markdown(no_error, "f.md") == ["f.md:2: Beispiel liefert Fehler keine, erwartet ZD201"]
    right = "<!-- zieldsl: ziel fehler ZD201 -->\n```zieldsl\nK9 steigt um 5,8 %\n```\n"
    assert doc_examples.check_markdown(right, "f.md") == []


def test_a_warning_is_a_problem_unless_the_marker_announces_it():
    block = "```zieldsl\nK2 sinkt um 1 %\n```\n"
    assert doc_examples.check_markdown("<!-- zieldsl: ziel -->\n" + block, "w.md") == [
        "w.md:2: Beispiel liefert Warnungen ZD206, erwartet keine"]
    assert doc_examples.check_markdown("<!-- zieldsl: ziel warnung ZD206 -->\n" + block, "w.md") == []


def test_whole_agreements_in_the_docs_are_shown_in_fmt_layout():
    messy = '```zieldsl\nvereinbarung a "A" {\n  träger "T"   kennung "1"\n    zieljahr 2026\n}\n```\n'
    assert doc_examples.check_markdown(messy, "l.md") == [
        "l.md:1: Beispiel ist nicht im Format von »zieldsl fmt« (sonst »<!-- zieldsl: unformatiert -->« davor)"]
    assert doc_examples.check_markdown("<!-- zieldsl: unformatiert -->\n" + messy, "l.md") == []


def test_an_unknown_marker_word_is_reported():
    problems = doc_examples.check_markdown("<!-- zieldsl: zeil -->\n```zieldsl\nK2 steigt\n```\n", "m.md")
    assert problems == ["m.md:1: unbekanntes Wort »zeil« in der Markierung »<!-- zieldsl: zeil -->«"]


def test_fragments_are_wrapped_and_whole_agreements_are_not():
    whole, fragment, target = doc_examples.extract(
        '```zieldsl\n# Kopf\nvereinbarung a "A" { träger "T" zieljahr 2026 }\n```\n'
        "```zieldsl\nzieljahr 2027\n```\n"
        "<!-- zieldsl: ziel -->\n```zieldsl\nK2 steigt\n```\n", "x.md")
    assert (whole.wrap, fragment.wrap, target.wrap) == ("keine", "vereinbarung", "ziel")
    text, offset = doc_examples.wrapped(fragment)
    assert offset == 2 and "zieljahr 2027" in text and "zieljahr 2026" not in text
    text, offset = doc_examples.wrapped(target)
    assert text.splitlines()[offset] == "K2 steigt" and text.splitlines()[offset - 1].strip().startswith("ziel 99")


def test_error_output_counts_lines_inside_the_block():
    (example,) = doc_examples.extract("<!-- zieldsl: ziel fehler ZD201 -->\n```zieldsl\nK2 steigt\nK9 sinkt\n```\n")
    assert doc_examples.rendered_output(example).splitlines() == [
        "beispiel.ziel:2:1: fehler ZD201: Unbekannte Kennzahl »K9«",
        " 2 | K9 sinkt",
        "   | ^^",
        *[line for line in doc_examples.rendered_output(example).splitlines()[3:]],
    ]
    assert doc_examples.rendered_output(example).splitlines()[3].startswith("  Hinweis: ")


def test_build_markers_write_files_run_commands_and_show_real_output(tmp_path):
    page = (
        "<!-- zieldsl: datei:neu.ziel -->\n"
        '```zieldsl\nvereinbarung neu "Neu" {\n    träger "Kreis" kennung "1"\n    zieljahr 2026\n}\n```\n'
        "<!-- zieldsl: befehl zieldsl check neu.ziel -->\n"
        "<!-- zieldsl: befehl zieldsl check fehlt.ziel -->\n"
        "<!-- zieldsl: zeige neu.ziel zeilen 1-1 -->\n"
    )
    markdown, problems = process_page(page, "p.md", REPO)
    assert problems == []
    assert "```console\n$ zieldsl check neu.ziel\nneu.ziel: in Ordnung.\n```" in markdown
    assert "fehler ZD001: Datei nicht gefunden" in markdown and "$ echo $?\n1\n```" in markdown
    assert '```zieldsl title="neu.ziel"\nvereinbarung neu "Neu" {\n…\n```' in markdown
    assert "<!--" not in markdown


def test_a_markdown_file_can_be_shown_by_section():
    page = ("<!-- zieldsl: datei:d.md -->\n```markdown\n# T\n\n## A\n\na\n\n### A1\n\nb\n\n## B\n\nc\n```\n"
            "<!-- zieldsl: zeige d.md abschnitt A -->\n<!-- zieldsl: zeige d.md abschnitt C -->\n")
    markdown, problems = process_page(page, "p.md", REPO)
    assert '```markdown title="d.md"\n…\n## A\n\na\n\n### A1\n\nb\n…\n```' in markdown
    assert problems == ["p.md:18: keine Überschrift »C« in der Datei"]


def test_a_failing_build_command_is_a_problem():
    _, problems = process_page("<!-- zieldsl: befehl ls -la -->\n", "p.md", REPO)
    assert problems == ["p.md:1: »befehl« erwartet einen Aufruf von zieldsl, nicht »ls -la«"]
    _, problems = process_page("<!-- zieldsl: befehl zieldsl chek x.ziel -->\n", "p.md", REPO)
    assert problems == ["p.md:1: »zieldsl chek x.ziel« endete mit Exit-Code 2, erwartet 0 oder 1 "
                        "(sonst »| exit 2« angeben)"]
    markdown, problems = process_page("<!-- zieldsl: befehl zieldsl chek x.ziel | exit 2 -->\n", "p.md", REPO)
    assert problems == [] and "Unbekannter Befehl »chek«" in markdown


def test_a_command_output_can_be_cut_to_lines():
    markdown, problems = process_page(
        "<!-- zieldsl: befehl zieldsl check --help | zeilen 1-1 -->\n", "p.md", REPO)
    assert problems == []
    assert markdown == "```console\n$ zieldsl check --help\nAufruf: zieldsl check [OPTIONEN] DATEIEN...\n…\n```\n"


def test_the_tutorials_statements_about_its_results_hold(tmp_path):
    """The tutorial explains its table in words (2.1 missed because of the men, 5 missed …)."""
    from zieldsl.api import evaluate_files

    text = (DOCS / "tutorial.md").read_text(encoding="utf-8")
    blocks = re.findall(r"<!-- zieldsl: datei:leer.ziel -->\n```zieldsl\n(.*?)```", text, flags=re.DOTALL)
    agreement = tmp_path / "leer.ziel"
    agreement.write_text(blocks[-1], encoding="utf-8")
    (result,) = evaluate_files([agreement], [REPO / "vereinbarungen" / "leer-2026.daten.csv"], None,
                               [REPO / "vereinbarungen" / "leer-2026.nachweise.yaml"])
    status = {t.number: t.status for t in result.targets}
    assert status == {"1": "beobachtet", "2": "erreicht", "2.1": "nicht_erreicht", "3": "erreicht",
                      "4": "erreicht", "5": "nicht_erreicht", "6": "beobachtet"}
    gender = {c.group: c.status for c in result.target("2.1").conditions}
    assert gender == {"frauen": "erreicht", "maenner": "nicht_erreicht"}
    assert [s.status for s in result.target("5").steps][-1] == "in_arbeit"
    assert not result.preliminary


# The worked examples of docs/bewertungsregeln.md: (row as the page writes it, baseline, actual, decimals,
# rounded change or level, met) — recomputed with the judging rules so the page cannot drift from them.
WORKED = [
    ("| 22,40 % | 23,70 % | +5,8035… % | +5,8 % | erreicht", "22.40", "23.70", ">=", "5.8", "rel", "5.8"),
    ("| 20,00 % | 21,15 % | +5,75 % | +5,8 % | erreicht", "20.00", "21.15", ">=", "5.8", "rel", "5.8"),
    ("| 20,00 % | 21,148 % | +5,74 % | +5,7 % | nicht erreicht", "20.00", "21.148", ">=", "5.8", "rel", "5.7"),
    ("| 2.000 | 1.954 | −2,30 % | −2,3 % | erreicht", "2000", "1954", "<=", "-2.3", "rel", "-2.3"),
    ("| 2.000 | 1.955 | −2,25 % | −2,3 % | erreicht", "2000", "1955", "<=", "-2.3", "rel", "-2.3"),
    ("| 2.000 | 1.956 | −2,20 % | −2,2 % | nicht erreicht", "2000", "1956", "<=", "-2.3", "rel", "-2.2"),
    ("| 2.000 | 1.995,0 | −0,250 % | −0,25 % | erreicht", "2000", "1995.0", "<=", "-0.25", "rel", "-0.25"),
    ("| 2.000 | 1.995,1 | −0,245 % | −0,25 % | erreicht", "2000", "1995.1", "<=", "-0.25", "rel", "-0.25"),
    ("| 2.000 | 1.995,2 | −0,240 % | −0,24 % | nicht erreicht", "2000", "1995.2", "<=", "-0.25", "rel", "-0.24"),
    ("| 10.000.000 EUR | 9.996.000 EUR | −0,04 % | 0,0 % | nicht erreicht", "10000000", "9996000", "<", "0.0", "rel",
     "0.0"),
    ("| 10.000.000 EUR | 9.990.000 EUR | −0,10 % | −0,1 % | erreicht", "10000000", "9990000", "<", "0.0", "rel", "-0.1"),
    ("| K2 | 31,1 % | 31,06 % | 31,1 % | erreicht", None, "31.06", ">=", "31.1", "level", "31.1"),
    ("| K2E4 | 28,4 % | 28,34 % | 28,3 % | ganz knapp nicht erreicht", None, "28.34", ">=", "28.4", "level", "28.3"),
    ("| 25,04 % | 26,21 % | +1,17 | +1,2 | erreicht", "25.04", "26.21", ">=", "1.2", "points", "1.2"),
]


@pytest.mark.parametrize("row, baseline, actual, operator, threshold, kind, rounded", WORKED,
                         ids=[w[0][:30] for w in WORKED])
def test_worked_examples_of_the_judging_rules_page(row, baseline, actual, operator, threshold, kind, rounded):
    from decimal import Decimal
    from fractions import Fraction

    from zieldsl.german import places_of
    from zieldsl.evaluation.judging import Criterion, judge, point_change, relative_change

    assert row in (DOCS / "bewertungsregeln.md").read_text(encoding="utf-8")
    figure = {"rel": lambda: relative_change(Fraction(actual), Fraction(baseline)),
              "points": lambda: point_change(Fraction(actual), Fraction(baseline)),
              "level": lambda: Fraction(actual)}[kind]()
    decimals = max(1, places_of(Decimal(threshold)))
    judgement = judge(figure, Criterion(kind, operator, Decimal(threshold), "%", decimals))
    assert judgement.rounded == Decimal(rounded)
    assert judgement.met == (" erreicht" in row.split("|")[-1] and "nicht" not in row.split("|")[-1])


def test_the_language_reference_mentions_every_keyword():
    page = (DOCS / "sprachreferenz.md").read_text(encoding="utf-8")
    prose_and_examples = page[: page.index("## Grammatik")]
    words = {w.lower() for w in re.findall(r"[^\W\d]\w*", prose_and_examples)}
    assert [k for k in keywords() if k.lower() not in words] == []
    assert '--8<-- "grammars/zieldsl.lark"' in page


# ---------------------------------------------------------------- generated pages


def test_catalogue_page_is_generated_from_the_standard_catalogue():
    catalog = standard_catalog()
    page = catalog_docs.catalog_markdown(catalog)
    for code, indicator in catalog.indicators.items():
        assert f"### {code} – {indicator.title} {{#{code.lower()}}}" in page
    for series in catalog.series:
        assert f"| `{series}` |" in page
    assert "| `quote(z, n)` | 2 |" in page
    assert "`quote(integrationen, elb)`" in page


def test_every_formula_function_is_explained():
    from zieldsl.language.catalog import FUNCTIONS

    assert set(catalog_docs.FUNCTION_TEXTS) == set(FUNCTIONS)


def test_every_diagnostic_code_of_the_sources_is_documented():
    page = (DOCS / "fehlermeldungen.md").read_text(encoding="utf-8")
    codes = catalog_docs.diagnostic_codes()
    assert {"ZD001", "ZD102", "ZD201", "ZD303"} <= set(codes)
    assert catalog_docs.code_problems(page, codes) == []


def test_a_code_without_documentation_is_reported():
    problems = catalog_docs.code_problems("### ZD001 Datei fehlt\n### ZD999 alt\n",
                                          {"ZD001": ["zieldsl/api.py"], "ZD002": ["zieldsl/api.py"]})
    assert problems == ["Code ZD002 (zieldsl/api.py) ist in docs/fehlermeldungen.md nicht beschrieben",
                        "Code ZD999 ist beschrieben, kommt in den Quellen aber nicht (mehr) vor"]


def test_every_documented_code_has_an_example():
    """Each section of the Fehlermeldungen page shows the problem: a DSL, CSV, YAML or template block."""
    page = (DOCS / "fehlermeldungen.md").read_text(encoding="utf-8")
    sections = re.split(r"^(?=#{2,4} ZD\d{3}\b)", page, flags=re.MULTILINE)[1:]
    for section in sections:
        code = section.split()[1]
        assert "```" in section or "<!-- zieldsl: befehl" in section, f"{code} hat kein Beispiel"
        assert re.search(r"\*\*Abhilfe", section), f"{code} nennt keine Abhilfe"


# ---------------------------------------------------------------- Pygments lexer


def _tokens(text: str) -> list[tuple]:
    return [(t, v) for t, v in ZielLexer().get_tokens(text) if v.strip()]


def test_lexer_is_registered_by_name_alias_and_file_extension():
    assert isinstance(get_lexer_by_name("zieldsl"), ZielLexer)
    assert isinstance(get_lexer_by_name("ziel"), ZielLexer)
    assert isinstance(get_lexer_for_filename("leer-2026.ziel"), ZielLexer)


def test_lexer_token_types():
    tokens = dict((v, t) for t, v in _tokens(
        'ziel 2 integration "Integration" {  # Kommentar\n'
        '    frauen K2E1 steigt um 5,8 %\n'
        '    mittel verwaltungskosten "Verwaltung" 9.327.771 eur\n'
        '    K3 sinkt um 0,5 prozentpunkte\n'
        '    schritt a """mehr-\nzeilig""" frist 31.12.2026\n'
        '    formel quote(integrationen, elb)\n'
        '    bewertung jahresfortschrittswerte ohne wartezeit, gleicher ladestand\n'
        "}\n"))
    assert tokens["ziel"] in Keyword and tokens["ziel"] is Keyword.Declaration
    assert tokens["mittel"] is Keyword and tokens["schritt"] is Keyword
    assert tokens["steigt"] is Operator.Word and tokens["um"] is Operator.Word
    assert tokens["frauen"] is Name.Builtin
    assert tokens["K2E1"] is Name.Constant
    assert tokens["5,8"] in Number and tokens["0,5"] in Number
    assert tokens["9.327.771"] in Number
    assert tokens["31.12.2026"] is Literal.Date
    assert tokens["%"] is Operator and tokens["prozentpunkte"] is Keyword.Type and tokens["eur"] is Keyword.Type
    assert tokens['"Integration"'] in String and tokens['"""mehr-\nzeilig"""'] in String
    assert tokens["# Kommentar"] in Comment
    assert tokens["quote"] is Name.Function and tokens["integration"] is Name
    assert tokens["jahresfortschrittswerte"] is Keyword.Constant


def test_lexer_reads_umlauts_and_ascii_spellings_case_insensitively():
    tokens = _tokens("Träger TRAEGER Ergänzungsgröße männer maennern beträgt höchstens größe_neu")
    kinds = [t for t, _ in tokens]
    assert kinds[:3] == [Keyword, Keyword, Keyword.Declaration]
    assert kinds[3:5] == [Name.Builtin, Name.Builtin]
    assert kinds[5:7] == [Operator.Word, Operator.Word]
    assert tokens[-1] == (Name, "größe_neu")


@pytest.mark.parametrize("path", ZIEL_FILES, ids=lambda p: p.name)
def test_lexer_has_no_error_tokens_on_the_bundled_files(path):
    tokens = list(ZielLexer().get_tokens(path.read_text(encoding="utf-8")))
    assert [v for t, v in tokens if t is Error] == []
    assert any(t in Keyword for t, _ in tokens)


def test_lexer_marks_characters_the_language_does_not_know():
    assert (Error, "@") in _tokens("ziel @")


def test_lexer_words_are_exactly_the_grammars_keywords():
    lexer_words = set(DECLARATIONS) | set(KEYWORDS) | set(OPERATOR_WORDS) | set(GROUPS) | set(UNITS) | set(CONSTANTS)
    assert lexer_words == set(keywords()) | RULE_SCOPES
    groups = [DECLARATIONS, KEYWORDS, OPERATOR_WORDS, GROUPS, UNITS, CONSTANTS]
    assert sum(len(g) for g in groups) == len(lexer_words), "a word stands in two lists"


# ---------------------------------------------------------------- VS Code


def _load(name: str) -> dict:
    return json.loads((VSCODE / name).read_text(encoding="utf-8"))


def _patterns(node):
    """Every regex of a TextMate grammar (match, begin, end), wherever it sits."""
    if isinstance(node, dict):
        for key in ("match", "begin", "end"):
            if key in node:
                yield node[key]
        for value in node.values():
            yield from _patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from _patterns(value)


def test_vscode_files_are_valid_and_fit_together():
    package = _load("package.json")
    configuration = _load("language-configuration.json")
    grammar = _load("syntaxes/zieldsl.tmLanguage.json")
    (language,) = package["contributes"]["languages"]
    (contributed,) = package["contributes"]["grammars"]
    assert language["extensions"] == [".ziel"] and language["id"] == contributed["language"] == "zieldsl"
    assert (VSCODE / contributed["path"]).is_file() and (VSCODE / language["configuration"]).is_file()
    assert contributed["scopeName"] == grammar["scopeName"] == "source.zieldsl"
    assert configuration["comments"] == {"lineComment": "#"}
    assert ["{", "}"] in configuration["brackets"]
    assert {"open": '"', "close": '"', "notIn": ["string", "comment"]} in configuration["autoClosingPairs"]
    re.compile(configuration["wordPattern"])


def test_textmate_patterns_compile_and_cover_every_keyword():
    grammar = _load("syntaxes/zieldsl.tmLanguage.json")
    compiled = [re.compile(p) for p in _patterns(grammar)]
    assert len(compiled) > 20
    for include in re.findall(r'"include": "#(\w+)"', json.dumps(grammar)):
        assert include in grammar["repository"]
    words = [p for p in grammar["repository"]["words"]["patterns"] if p["name"] != "variable.other.zieldsl"]
    for word in set(keywords()) | RULE_SCOPES:
        assert any(re.fullmatch(p["match"], word) for p in words), word
        assert any(re.fullmatch(p["match"], word.capitalize()) for p in words), word.capitalize()


def _scope_at(grammar: dict, text: str, needle: str) -> str:
    """The scope a top-level rule gives `needle` in `text` (first match wins, like TextMate)."""
    repository = grammar["repository"]
    position = 0
    while position < len(text):
        best = None
        for include in grammar["patterns"]:
            for rule in repository[include["include"][1:]]["patterns"]:
                pattern = re.compile(rule.get("match") or rule["begin"], re.MULTILINE)
                match = pattern.search(text, position)
                if match and (best is None or match.start() < best[0].start()):
                    best = (match, rule)
        if best is None:
            break
        match, rule = best
        if "begin" in rule:
            end = re.compile(rule["end"], re.MULTILINE).search(text, match.end())
            span_end = end.end() if end else len(text)
            if text[match.start():span_end] == needle:
                return rule["name"]
            position = span_end
            continue
        if match.group(0) == needle:
            return rule.get("name") or "captures"
        for index, capture in rule.get("captures", {}).items():
            if match.group(int(index)) == needle:
                return capture["name"]
        position = max(match.end(), position + 1)
    return "none"


@pytest.mark.parametrize("needle, scope", [
    ("# Kommentar", "comment.line.number-sign.zieldsl"),
    ("steigt", "keyword.operator.word.zieldsl"),
    ("frauen", "variable.language.group.zieldsl"),
    ("K2E1", "support.constant.indicator.zieldsl"),
    ("5,8", "constant.numeric.decimal.zieldsl"),
    ("9.327.771", "constant.numeric.decimal.zieldsl"),
    ("%", "keyword.other.unit.percent.zieldsl"),
    ("prozentpunkte", "keyword.other.unit.zieldsl"),
    ("17.02.2026", "constant.numeric.date.zieldsl"),
    ('"Integration"', "string.quoted.double.zieldsl"),
    ('"""lang\ntext"""', "string.quoted.triple.zieldsl"),
    ("integration", "entity.name.section.zieldsl"),
    ("mittel", "keyword.other.zieldsl"),
])
def test_textmate_grammar_scopes(needle, scope):
    grammar = _load("syntaxes/zieldsl.tmLanguage.json")
    text = ('ziel 2 integration "Integration" {  # Kommentar\n'
            "    frauen K2E1 steigt um 5,8 % und K3 sinkt um 1 prozentpunkte\n"
            '    mittel v "V" 9.327.771 eur\n    text """lang\ntext"""\n'
            '    schritt s "S" frist 17.02.2026\n}\n')
    assert _scope_at(grammar, text, needle) == scope


# ---------------------------------------------------------------- the built site


def _mkdocs() -> str | None:
    candidate = Path(sys.executable).with_name("mkdocs")
    return str(candidate) if candidate.exists() else shutil.which("mkdocs")


@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> Path:
    mkdocs = _mkdocs()
    if mkdocs is None:
        pytest.skip("mkdocs ist nicht installiert (pip install -e '.[docs]')")
    site = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([mkdocs, "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(site)],
                            cwd=tmp_path_factory.mktemp("cwd"), capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr[-4000:]
    return site


def test_built_site_highlights_dsl_blocks_with_token_classes(built_site):
    html = (built_site / "sprachreferenz" / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<div class="language-zieldsl highlight">(.*?)</div>', html, flags=re.DOTALL)
    assert len(blocks) >= 10
    for block in blocks:
        assert re.search(r'class="(k|kd|ow)"', block), block[:200]
    assert '<span class="mf">5,8</span>' in html


def test_built_site_embeds_the_grammar_file_verbatim(built_site):
    import html as html_lib

    page = html_lib.unescape(re.sub(r"<[^>]+>", "", (built_site / "sprachreferenz" / "index.html")
                                    .read_text(encoding="utf-8")))
    for line in (REPO / "grammars" / "zieldsl.lark").read_text(encoding="utf-8").splitlines():
        assert line.strip() in page


def test_built_site_has_every_page_and_the_generated_catalogue(built_site):
    for name in ("einstieg", "tutorial", "sprachreferenz", "kennzahlenkatalog", "datenformate", "bewertungsregeln",
                 "befehlszeile", "fehlermeldungen", "vorlagen", "leistung", "developers", "editor"):
        assert (built_site / name / "index.html").is_file(), name
    catalogue = (built_site / "kennzahlenkatalog" / "index.html").read_text(encoding="utf-8")
    for code in standard_catalog().indicators:
        assert f'id="{code.lower()}"' in catalogue
    assert 'lang="de"' in (built_site / "index.html").read_text(encoding="utf-8")


def test_built_site_loads_nothing_from_the_network(built_site):
    index = (built_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in index and "fonts.gstatic.com" not in index
