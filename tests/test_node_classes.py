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


def test_a_mutable_node_dataclass_behaves_like_a_dataclass():
    """`node_dataclass(frozen=False)` (diagnostic bags, catalogues, checked agreements): mutable, unhashable,
    default factories called per instance, like `@dataclass`."""
    def body():
        class Bag:
            name: str
            items: list = dataclasses.field(default_factory=list)
            seen: dict = dataclasses.field(default_factory=lambda: {"gesamt": 1})
            hidden: str | None = dataclasses.field(default=None, repr=False)

        return Bag

    fast, real = node_dataclass(frozen=False)(body()), dataclasses.dataclass(body())
    a, b = fast("x"), real("x")
    assert repr(a) == repr(b) and repr(a).endswith(".Bag(name='x', items=[], seen={'gesamt': 1})")
    assert a.items is not fast("y").items and a.seen is not fast("y").seen  # a new value per instance
    assert a == fast("x") and a != fast("x", [1]) and a != b
    assert fast("x", [1], {}, "h").hidden == "h" and fast(name="z", items=[2]).items == [2]
    a.items.append(1)
    a.name = "neu"
    assert (a.name, a.items) == ("neu", [1])
    with pytest.raises(TypeError):
        hash(a)
    assert fast.__hash__ is None and real.__hash__ is None
    assert [f.name for f in dataclasses.fields(a)] == [f.name for f in dataclasses.fields(b)]
    assert a.__match_args__ == b.__match_args__
    assert dataclasses.replace(a, name="r").items == [1]
    with pytest.raises(TypeError):
        fast()
    with pytest.raises(TypeError):  # a frozen node class keeps refusing factories
        node_dataclass(body())
