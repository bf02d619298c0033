"""The dependency graph: its shape, evaluation order, cycles, and the exports."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from _evaluation_helpers import Data, agreement
from click.testing import CliRunner

from zieldsl.api import load_agreement
from zieldsl.cli.main import main
from zieldsl.diagnostics import ZielError
from zieldsl.evaluation.graph import build_graph, evaluate_graph, export, to_json

GENDER = """    ziel 2 integration "Integration" {
        K2 steigt um 5,8 %
        teilziel g "Geschlechterspezifisch" {
            frauen K2 steigt um 7,3 %
            männer K2 steigt um 4,4 %
        }
    }
    grundsatz 6 gleichstellung "Gleichstellung" {
        beobachtung frauen K2
    }"""


def test_edges_run_from_series_to_figures_conditions_targets_and_the_agreement():
    g = build_graph(agreement(GENDER))
    assert g.nodes["reihe:integrationen/frauen"]["kind"] == "reihe"
    assert g.has_edge("reihe:integrationen/frauen", "kennzahl:K2/frauen")
    assert g.has_edge("reihe:elb/frauen", "kennzahl:K2/frauen")
    assert g.has_edge("reihe:K2_jfw/frauen", "kennzahl:K2/frauen")  # published year-to-date values
    assert g.has_edge("kennzahl:K2/gesamt", "bedingung:integration/1")
    assert g.has_edge("bedingung:integration/1", "ziel:integration")
    assert g.has_edge("ziel:integration", "vereinbarung:t")
    # the women's figure is one node, shared by the subtarget's condition and the monitoring line
    assert set(g.successors("kennzahl:K2/frauen")) == {"bedingung:g/1", "bedingung:gleichstellung/1"}
    # a subtarget feeds its parent only when the parent's rule uses it
    assert not g.has_edge("ziel:g", "ziel:integration")
    assert {attrs["kind"] for _n, attrs in g.nodes(data=True)} == {"reihe", "kennzahl", "bedingung", "ziel",
                                                                    "vereinbarung"}
    rule = "        erreicht wenn alle bedingungen und alle teilziele\n"
    ruled = build_graph(agreement(GENDER.replace("        }\n    }", "        }\n" + rule + "    }", 1)))
    assert ruled.has_edge("ziel:g", "ziel:integration")


def test_each_node_is_evaluated_once_after_its_prerequisites():
    g = build_graph(agreement(GENDER))
    seen: list[str] = []

    def visit(node, attrs, inputs):
        assert set(inputs) == set(g.predecessors(node))
        assert all(p in seen for p in inputs)
        seen.append(node)
        return node

    values = evaluate_graph(g, visit)
    assert sorted(seen) == sorted(g.nodes) and len(seen) == len(set(seen))
    assert values["vereinbarung:t"] == "vereinbarung:t"


def test_a_cycle_is_an_error_showing_the_path():
    g = nx.DiGraph()
    g.add_edge("kennzahl:a/gesamt", "kennzahl:b/gesamt")
    g.add_edge("kennzahl:b/gesamt", "kennzahl:a/gesamt")
    g.add_edge("kennzahl:b/gesamt", "ziel:z")
    with pytest.raises(ZielError) as info:
        evaluate_graph(g, lambda node, attrs, inputs: None)
    (diagnostic,) = info.value.diagnostics
    assert diagnostic.code == "ZD401"
    assert "kennzahl:a/gesamt --> kennzahl:b/gesamt --> kennzahl:a/gesamt" in diagnostic.message \
        or "kennzahl:b/gesamt --> kennzahl:a/gesamt --> kennzahl:b/gesamt" in diagnostic.message


def test_the_evaluator_walks_the_exported_graph():
    from zieldsl.evaluation.engine import evaluate

    checked = agreement(GENDER)
    result = evaluate(checked, Data().k2("frauen").k2("maenner").k2("gesamt").store)
    graph_targets = sorted(n[len("ziel:"):] for n, a in build_graph(checked).nodes(data=True) if a["kind"] == "ziel")
    assert sorted(t.id for t in result.targets) == graph_targets


def test_exports_are_deterministic_and_well_formed(leer_path):
    checked = load_agreement(leer_path)
    mermaid = export(build_graph(checked), "mermaid")
    assert mermaid.startswith("flowchart LR\n")
    assert 'kennzahl_K2_frauen["K2 (Frauen)"]' in mermaid
    assert "reihe_integrationen_frauen --> kennzahl_K2_frauen" in mermaid
    dot = export(build_graph(checked), "dot")
    assert dot.startswith('digraph "leer_2026" {') and dot.rstrip().endswith("}")
    assert '"kennzahl:K2/gesamt" -> "bedingung:integration/1";' in dot
    data = json.loads(export(build_graph(checked), "json"))
    ids = [node["id"] for node in data["nodes"]]
    assert ids == sorted(ids) and data["directed"] is True
    assert {"source": "bedingung:integration/1", "target": "ziel:integration"} in data["links"]
    assert all(set(node) <= {"id", "kind", "label", "series", "group", "role", "indicator", "number", "target"}
               for node in data["nodes"])
    assert to_json(build_graph(checked)) == data
    assert export(build_graph(load_agreement(leer_path)), "mermaid") == mermaid
    with pytest.raises(ValueError):
        export(build_graph(checked), "png")


@pytest.mark.parametrize("fmt, start", [("mermaid", "flowchart LR"), ("dot", "digraph"), ("json", "{")])
def test_graph_command(leer_path, fmt, start):
    result = CliRunner().invoke(main, ["graph", str(leer_path), "--format", fmt])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(start)


def test_graph_command_reports_bad_input(tmp_path):
    bad = tmp_path / "kaputt.ziel"
    bad.write_text('vereinbarung x "X" {\n    träger "T"\n    zieljahr 2026\n'
                   '    ziel 1 a "A" { K9 steigt um 1 % }\n}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["graph", str(bad)])
    assert result.exit_code == 1
    assert "Unbekannte Kennzahl »K9«" in result.output
    wrong = CliRunner().invoke(main, ["graph", str(bad), "--format", "svg"])
    assert wrong.exit_code == 2
