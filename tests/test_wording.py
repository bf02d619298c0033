"""One wording everywhere: the terminal, the reasons (JSON), `explain` and the documents say the same.

`zieldsl.wording` owns the German words for statuses, groups, comparators and figures;
these tests run the commands a user runs and look for the same phrase in every output.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from zieldsl import wording
from zieldsl.cli.main import main
from zieldsl.results import STATUSES

REPO = Path(__file__).resolve().parents[1]


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def leer_without_one_entry(tmp_path_factory) -> Path:
    """The Leer example with the evidence entry of one milestone condition (Lissa »harmonisierung«) removed."""
    folder = tmp_path_factory.mktemp("leer")
    for name in ("leer-2026.ziel", "leer-2026.daten.csv"):
        shutil.copy(REPO / "vereinbarungen" / name, folder / name)
    evidence = (REPO / "vereinbarungen" / "leer-2026.nachweise.yaml").read_text(encoding="utf-8")
    kept = evidence[: evidence.index("    harmonisierung:")]
    (folder / "leer-2026.nachweise.yaml").write_text(kept, encoding="utf-8")
    return folder / "leer-2026.ziel"


def all_outputs(agreement: Path, tmp_path: Path) -> dict[str, str]:
    """Terminal table, `explain`, the JSON reasons and the step table of both reporting documents."""
    outputs = {
        "terminal": run("evaluate", str(agreement)),
        "explain": run("explain", str(agreement), "5"),
        "json": run("evaluate", str(agreement), "--json"),
    }
    for kind in ("feststellung", "zwischenbericht"):
        target = tmp_path / f"{kind}.md"
        run("draft", str(agreement), "--kind", kind, "-o", str(target))
        outputs[kind] = target.read_text(encoding="utf-8")
    # documents may set narrow or non-breaking spaces between a sign and its number; the words are what counts
    return {where: text.replace("\u202f", " ").replace("\u00a0", " ") for where, text in outputs.items()}


def test_a_step_without_evidence_reads_the_same_everywhere(leer_without_one_entry, tmp_path):
    outputs = all_outputs(leer_without_one_entry, tmp_path)
    result = json.loads(outputs["json"])["agreements"][0]["result"]
    reasons = [r["text"] for t in result["targets"] for r in t["reasons"]]
    outputs["reasons"] = "\n".join(reasons)
    for where, text in outputs.items():
        assert wording.NO_EVIDENCE in text, where
        assert "kein Nachweis" not in text, where
    assert any(f"»harmonisierung«: {wording.NO_EVIDENCE}" in r for r in reasons)
    assert f"| {wording.NO_EVIDENCE} |" in outputs["feststellung"]


def test_the_agreed_figure_reads_the_same_in_terminal_reasons_and_document(tmp_path):
    agreement = REPO / "vereinbarungen" / "leer-2026.ziel"
    outputs = all_outputs(agreement, tmp_path)
    result = json.loads(outputs["json"])["agreements"][0]["result"]
    integration = next(t for t in result["targets"] if t["number"] == "2")["conditions"][0]
    assert (integration["operator"], integration["threshold"]) == (">=", "5.8")
    agreed = "≥ +5,8 %"
    assert agreed in outputs["terminal"]
    assert any(agreed in r["text"] for r in integration["reasons"])
    assert f"(vereinbart: {agreed})" in outputs["feststellung"]


def test_every_status_has_one_word_and_steps_share_it():
    for status in STATUSES:
        assert wording.status_word(status) == wording.STATUS_WORDS[status]
        assert "_" not in wording.status_word(status)
    assert wording.status_word("ohne_nachweis") == wording.NO_EVIDENCE
    assert wording.status_word("offen") == wording.STATUS_WORDS["offen"] == wording.STEP_STATUS_WORDS["offen"]


def test_no_module_outside_wording_spells_a_status_or_group_table():
    """The word tables exist once: no other module of the package defines its own."""
    package = REPO / "zieldsl"
    for path in package.rglob("*.py"):
        if path.name == "wording.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert '"ohne_nachweis": "' not in text, path
        assert '"nicht_erreicht": "nicht erreicht"' not in text, path
        assert '"maenner": "Männer"' not in text, path
        assert '">=": "≥' not in text, path


# ---------------------------------------------------------------- one clause printer

CLAUSE_TYPES = ("Condition", "CountCondition", "Monitoring", "GapMonitoring")


def _clauses(path: Path):
    from zieldsl.api import load_agreements

    for checked in load_agreements(path):
        for flat in checked.targets:
            for item in flat.target.items:
                if type(item).__name__ in CLAUSE_TYPES:
                    yield checked.source_text, item


@pytest.mark.parametrize("path", sorted((REPO / "vereinbarungen").rglob("*.ziel")), ids=lambda p: p.name)
def test_a_clause_printed_back_is_what_the_formatter_wrote(path):
    """The bundled agreements are in `zieldsl fmt` layout, so every clause's own source text is the
    canonical DSL text: the graph's label without a source line (and the checker's quote) says the same."""
    from zieldsl.evaluation.graph import wording as graph_label
    from zieldsl.language.clause_text import clause_text

    clauses = list(_clauses(path))
    assert clauses
    for source_text, item in clauses:
        written = graph_label(item, source_text)
        assert clause_text(item) == written
        assert graph_label(item) == written


def test_the_checker_quotes_a_clause_in_the_formatter_s_spelling():
    from zieldsl.api import check_text

    text = """vereinbarung t "T" {
    träger "Landkreis Test"
    zieljahr 2026
    vergleichsjahr 2025
    ziel 1 z "Z" {
        frauen K2 sinkt um   mindestens 1.000,5   prozentpunkte
    }
}
"""
    warnings = [w for checked in check_text(text) for w in checked.warnings if w.code == "ZD206"]
    assert warnings
    assert "»frauen K2 sinkt um mindestens 1.000,5 prozentpunkte«" in warnings[0].message
