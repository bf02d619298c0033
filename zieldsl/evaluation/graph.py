"""The dependency graph of an agreement: series → figures → conditions → targets → agreement.

One networkx `DiGraph` with string node ids and edges from prerequisite to
dependent (like dbt's compilation graph). The evaluator walks it once in
topological order, so a figure shared by several conditions (K2 of women, used
by a target and by a monitoring line) is computed once; `zieldsl graph` exports
this very graph, never a redrawing of it.

Node ids and kinds:

* `reihe:<series>/<group>`      kind "reihe" (raw monthly series, or published year-to-date
                                values of a ratio indicator, `K2_jfw`: role "veroeffentlicht")
* `kennzahl:<code>/<group>`     kind "kennzahl" (the indicator's year-to-date figure)
* `bedingung:<target>/<n|id>`   kind "bedingung" (role: bedingung, anzahl, beobachtung,
                                abstand, ergaenzung, schritt, meilenstein)
* `ziel:<target id>`            kind "ziel" (targets and subtargets)
* `vereinbarung:<id>`           kind "vereinbarung"

A subtarget feeds its parent only when the parent's rule uses it (`alle teilziele`
or its name). Node attributes are strings (kind, label, …) plus `item`, the
syntax-tree object a node stands for, which exports leave out.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Callable

import networkx as nx

from zieldsl.lines import split_lines
from zieldsl.language import nodes as n
from zieldsl.language.catalog import judged_published_name as published_name
from zieldsl.language.checker import CheckedAgreement, FlatTarget
from zieldsl.language.clause_text import clause_text
from zieldsl.diagnostics import Diagnostic, ZielError
from zieldsl.json_text import json_text
from zieldsl.wording import step_kind_word

KINDS = ("reihe", "kennzahl", "bedingung", "ziel", "vereinbarung")


def series_id(series: str, group: str) -> str:
    return f"reihe:{series}/{group}"


def figure_id(code: str, group: str) -> str:
    return f"kennzahl:{code}/{group}"


def target_id(ident: str) -> str:
    return f"ziel:{ident}"


def agreement_id(ident: str) -> str:
    return f"vereinbarung:{ident}"


def group_of(item) -> str:
    return getattr(item, "group", None) or "gesamt"


def rule_uses_subtargets(target: n.Target) -> set[str]:
    """Ids of the subtargets whose status the target's rule takes into account."""
    subtargets = {t.id for t in target.of(n.Target)}
    used: set[str] = set()
    for rule in target.of(n.Rule)[:1]:
        for term in rule.terms:
            if term.kind == "all" and term.value == "teilziele":
                used |= subtargets
            elif term.kind == "name" and term.value in subtargets:
                used.add(term.value)
    return used


def build_graph(checked: CheckedAgreement) -> nx.DiGraph:
    """The agreement's dependency graph (no data needed: it follows from the text and the catalogue)."""
    return _Builder(checked).build()


class _Builder:
    """Collects nodes and edges in the order the agreement names them, then hands them to networkx at once
    (the order decides the evaluation order among independent nodes, hence the order of warnings)."""

    def __init__(self, checked: CheckedAgreement):
        self.checked = checked
        self.catalog = checked.catalog
        self.nodes: dict[str, dict] = {}
        self.edges: list[tuple[str, str]] = []

    def build(self) -> nx.DiGraph:
        top = agreement_id(self.checked.id)
        self.nodes[top] = dict(kind="vereinbarung", label=f"Vereinbarung {self.checked.id}", item=self.checked.agreement)
        for flat in self.checked.targets:
            self._target(flat)
        for flat in self.checked.targets:
            node = target_id(flat.target.id)
            for sub in sorted(rule_uses_subtargets(flat.target)):
                self.edges.append((target_id(sub), node))
            self.edges.append((node, top))
        graph = nx.DiGraph(agreement=self.checked.id)
        graph.add_nodes_from(self.nodes.items())
        graph.add_edges_from(self.edges)
        return graph

    # -- inputs
    def _series(self, series: str, group: str) -> str:
        node = series_id(series, group)
        if node not in self.nodes:
            definition = self.catalog.series.get(series)
            self.nodes[node] = dict(kind="reihe", label=f"{series} ({self.catalog.group_label(group)})", series=series,
                                    group=group, role="reihe", item=definition)
        return node

    def _figure(self, code: str, group: str) -> str:
        node = figure_id(code, group)
        if node in self.nodes:
            return node
        indicator = self.catalog.indicators[code]
        self.nodes[node] = dict(kind="kennzahl", label=f"{code} ({self.catalog.group_label(group)})", indicator=code,
                                group=group, item=indicator)
        for series in indicator.args:
            self.edges.append((self._series(series, group), node))
        name = published_name(indicator)
        if name is not None:
            published = series_id(name, group)
            self.nodes[published] = dict(kind="reihe", label=f"{name} veröffentlicht ({self.catalog.group_label(group)})",
                                         series=name, group=group, role="veroeffentlicht", item=None)
            self.edges.append((published, node))
        return node

    # -- targets
    def _target(self, flat: FlatTarget) -> None:
        target = flat.target
        node = target_id(target.id)
        self.nodes[node] = dict(kind="ziel", label=f"Ziel {flat.number}: {target.title}", number=flat.number,
                                target=target.id, item=flat)
        counter = 0
        order = 0
        for item in target.items:
            if isinstance(item, (n.Text, n.Emphasis, n.Waiver, n.Rule, n.Target)):
                continue
            if isinstance(item, n.Supplementary):
                for code in item.indicators:
                    order += 1
                    child = f"bedingung:{target.id}/ergaenzung/{code}"
                    self.nodes[child] = dict(kind="bedingung", role="ergaenzung", label=f"Ergänzungsgröße {code}",
                                             target=target.id, item=(item, code), order=order)
                    self.edges.append((self._figure(code, "gesamt"), child))
                    self.edges.append((child, node))
                continue
            order += 1
            if isinstance(item, (n.Step, n.MilestoneCondition)):
                role = "schritt" if isinstance(item, n.Step) else "meilenstein"
                child = f"bedingung:{target.id}/{item.id}"
                word = step_kind_word(role)
                self.nodes[child] = dict(kind="bedingung", role=role, label=f"{word} {item.id}", target=target.id,
                                         item=item, order=order)
                self.edges.append((child, node))
                continue
            counter += 1
            child = f"bedingung:{target.id}/{counter}"
            role, label, inputs = self._condition_inputs(item)
            self.nodes[child] = dict(kind="bedingung", role=role, label=label, target=target.id, item=item,
                                     order=order)
            for source in inputs:
                self.edges.append((source, child))
            self.edges.append((child, node))

    def _condition_inputs(self, item) -> tuple[str, str, list[str]]:
        source = self.checked.source_text
        label = wording(item, source)
        if isinstance(item, n.Condition):
            return "bedingung", label, [self._figure(item.indicator, group_of(item))]
        if isinstance(item, n.CountCondition):
            groups = ["gesamt"] + [part.group for part in item.parts]
            return "anzahl", label, [self._series(item.series, g) for g in groups]
        if isinstance(item, n.Monitoring):
            return "beobachtung", label, [self._figure(item.indicator, group_of(item))]
        if isinstance(item, n.GapMonitoring):
            return "abstand", label, [self._figure(item.indicator, item.group_a),
                                      self._figure(item.indicator, item.group_b)]
        raise TypeError(f"unexpected target item {item!r}")


def wording(item, source_text: str | None = None) -> str:
    """The clause as the agreement writes it (its source text, blanks collapsed)."""
    span = getattr(item, "span", None)
    if source_text and span is not None and span.end_line == span.line and span.end_column:
        lines = _source_lines(source_text)
        if 1 <= span.line <= len(lines):
            text = lines[span.line - 1][span.column - 1:span.end_column - 1]
            if text.strip():
                return " ".join(text.split())
    return clause_text(item)


@lru_cache(maxsize=4)
def _source_lines(source_text: str) -> tuple[str, ...]:
    """The agreement's lines, split once for all its clauses (not once per clause: 20 splits per agreement)."""
    return tuple(split_lines(source_text))


# ---------------------------------------------------------------- evaluation order


def cycle_error(graph: nx.DiGraph) -> ZielError | None:
    """A ZD401 error naming the cycle (`a --> b --> a`), or None if the graph is acyclic."""
    try:
        edges = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return None
    path = [edges[0][0]] + [edge[1] for edge in edges]
    item = graph.nodes[path[0]].get("item")
    span = getattr(item, "span", None)
    if span is None and hasattr(item, "target"):
        span = getattr(item.target, "span", None)
    text = " --> ".join(path)
    return ZielError([Diagnostic("ZD401", f"Zyklische Abhängigkeit: {text}", span,
                                 "Eine Größe darf nicht (über Umwege) von sich selbst abhängen.")])


def topological_order(graph: nx.DiGraph) -> list[str]:
    """Nodes so that every prerequisite comes before what depends on it; ZD401 on a cycle."""
    try:
        return list(nx.topological_sort(graph))
    except nx.NetworkXUnfeasible:
        error = cycle_error(graph)
        if error is None:  # pragma: no cover - networkx found a cycle, find_cycle must too
            raise
        raise error from None


def evaluate_graph(graph: nx.DiGraph, evaluate_node: Callable[[str, dict, dict[str, Any]], Any]) -> dict[str, Any]:
    """Evaluate every node once, in topological order; `evaluate_node(id, attrs, inputs)` sees the
    values of the node's direct prerequisites (`inputs`: predecessor id → value)."""
    values: dict[str, Any] = {}
    attributes, predecessors = graph.nodes, graph.pred
    for node in topological_order(graph):
        inputs = {pred: values[pred] for pred in sorted(predecessors[node])}
        values[node] = evaluate_node(node, attributes[node], inputs)
    return values


# ---------------------------------------------------------------- export


def _export_graph(graph: nx.DiGraph) -> nx.DiGraph:
    """A copy with sorted nodes and edges and only the string attributes (deterministic output)."""
    clean = nx.DiGraph()
    clean.graph.update({k: v for k, v in graph.graph.items() if isinstance(v, str)})
    for node in sorted(graph.nodes):
        attrs = {k: v for k, v in sorted(graph.nodes[node].items()) if isinstance(v, str)}
        clean.add_node(node, **attrs)
    for source, target in sorted(graph.edges):
        clean.add_edge(source, target)
    return clean


def to_json(graph: nx.DiGraph) -> dict:
    """node-link data (networkx `node_link_data`) of the sorted, string-only graph."""
    return nx.node_link_data(_export_graph(graph), edges="links")


_MERMAID_SHAPES = {"reihe": ('[("', '")]'), "kennzahl": ('["', '"]'), "bedingung": ('{{"', '"}}'),
                   "ziel": ('(["', '"])'), "vereinbarung": ('[["', '"]]')}
_DOT_SHAPES = {"reihe": "cylinder", "kennzahl": "box", "bedingung": "hexagon", "ziel": "ellipse",
               "vereinbarung": "doubleoctagon"}


def _mermaid_ids(nodes: list[str]) -> dict[str, str]:
    ids: dict[str, str] = {}
    used: set[str] = set()
    for node in nodes:
        base = re.sub(r"\W", "_", node, flags=re.ASCII).strip("_") or "n"
        candidate, suffix = base, 2
        while candidate in used:
            candidate, suffix = f"{base}_{suffix}", suffix + 1
        used.add(candidate)
        ids[node] = candidate
    return ids


def to_mermaid(graph: nx.DiGraph) -> str:
    """`flowchart LR` with one shape per node kind."""
    clean = _export_graph(graph)
    ids = _mermaid_ids(list(clean.nodes))
    lines = ["flowchart LR"]
    for node, attrs in clean.nodes(data=True):
        left, right = _MERMAID_SHAPES.get(attrs.get("kind", ""), ('["', '"]'))
        label = attrs.get("label", node).replace('"', "#quot;")
        lines.append(f"    {ids[node]}{left}{label}{right}")
    for source, target in clean.edges:
        lines.append(f"    {ids[source]} --> {ids[target]}")
    return "\n".join(lines) + "\n"


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(graph: nx.DiGraph) -> str:
    """Graphviz `digraph`, left to right."""
    clean = _export_graph(graph)
    name = clean.graph.get("agreement", "zieldsl")
    lines = [f"digraph {_dot_quote(name)} {{", "    rankdir=LR;"]
    for node, attrs in clean.nodes(data=True):
        shape = _DOT_SHAPES.get(attrs.get("kind", ""), "box")
        lines.append(f"    {_dot_quote(node)} [label={_dot_quote(attrs.get('label', node))}, shape={shape}];")
    for source, target in clean.edges:
        lines.append(f"    {_dot_quote(source)} -> {_dot_quote(target)};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def export(graph: nx.DiGraph, fmt: str) -> str:
    """The graph as text in `fmt` ("mermaid", "dot" or "json")."""
    if fmt == "mermaid":
        return to_mermaid(graph)
    if fmt == "dot":
        return to_dot(graph)
    if fmt == "json":
        return json_text(to_json(graph)) + "\n"
    raise ValueError(f"Unbekanntes Format »{fmt}«")
