"""The syntax tree's cheap frozen dataclasses behave like `dataclasses.dataclass(frozen=True)`."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest

from zieldsl.api import check_text
from zieldsl.diagnostics import Span
from zieldsl.language import nodes
from zieldsl.frozen import node_dataclass


def _pair():
    def body():
        class Condition:
            indicator: str
            value: Decimal | None
            group: str = "gesamt"
            span: Span = dataclasses.field(default=None, compare=False, repr=False)

            def label(self) -> str:
                return f"{self.indicator} ({self.group})"

        return Condition

    return node_dataclass(body()), dataclasses.dataclass(frozen=True)(body())


@pytest.mark.parametrize("args", [("K2", Decimal("5.8")), ("K3", None, "frauen"), ("K2", Decimal("5.80"), "gesamt")])
def test_same_behaviour_as_a_frozen_dataclass(args):
    fast, real = _pair()
    a, b = fast(*args, span=Span("a.ziel", 1, 1)), real(*args, span=Span("a.ziel", 1, 1))
    moved = fast(*args, span=Span("b.ziel", 9, 9))
    assert repr(a) == repr(b)
    assert a == moved and hash(a) == hash(moved)  # the span is not compared
    assert hash(a) == hash(b)
    assert a != fast("K9", None) and a != b  # other values, other class
    assert [f.name for f in dataclasses.fields(a)] == [f.name for f in dataclasses.fields(b)]
    assert a.__match_args__ == b.__match_args__
    assert dataclasses.replace(a, group="maenner").group == "maenner"
    assert a.label() == b.label()
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.group = "x"
    with pytest.raises(dataclasses.FrozenInstanceError):
        del a.group
    with pytest.raises(TypeError):
        fast()  # required fields, like a dataclass


def test_every_node_class_is_a_dataclass_and_the_seed_parses():
    classes = [c for c in vars(nodes).values() if isinstance(c, type) and c.__module__ == nodes.__name__]
    assert classes and all(dataclasses.is_dataclass(c) for c in classes)
    leer = Path(__file__).resolve().parents[1] / "vereinbarungen" / "leer-2026.ziel"
    checked = check_text(leer.read_text(encoding="utf-8"), "leer-2026.ziel")
    assert [c.agreement.id for c in checked] == ["leer_2026"]
    assert checked[0].agreement == check_text(leer.read_text(encoding="utf-8"), "anders.ziel")[0].agreement
