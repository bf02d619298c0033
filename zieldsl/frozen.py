"""Frozen dataclasses for the syntax tree that cost almost nothing at import.

`dataclasses.dataclass(frozen=True)` writes six methods per class as source text and
compiles each with `exec` when the class is defined: for the syntax tree's classes that
was the largest single cost of a cold `zieldsl check` (docs/leistung.md). `node_dataclass`
gives the same classes (same fields, `dataclasses.fields`, `replace`, `__match_args__`,
equality and hash over the compared fields, the same repr, frozen) but lets `dataclasses`
only collect the fields; equality, hash, repr and the frozen guard are shared functions,
and `__init__` is compiled the first time a class is instantiated, so a class that a run
never builds never costs a compile. It supports what `nodes.py` uses (fields with plain
defaults, `compare`/`repr` flags), and refuses anything else.
"""

from __future__ import annotations

import dataclasses
import reprlib
from dataclasses import MISSING, FrozenInstanceError

__all__ = ["node_dataclass"]


def node_dataclass(cls=None, /, *, frozen: bool = True):
    """Use like `@dataclass(frozen=True)`, or with `frozen=False` like `@dataclass`.

    A class that is not frozen is mutable and unhashable, as `@dataclass` makes it, and may
    give fields a `default_factory`.
    """

    def wrap(cls):
        if "__post_init__" in vars(cls) or any(dataclasses.is_dataclass(base) for base in cls.__mro__[1:]):
            raise TypeError(f"{cls.__name__}: node_dataclass has no __post_init__ or inheritance")
        doc = cls.__dict__.get("__doc__")
        if not doc:
            cls.__doc__ = "-"  # else dataclasses writes one from inspect.signature: slower than all the rest
        # frozen classes keep their fields in slots, not in a dictionary per instance: 404 parsed
        # agreements and their results are millions of these (docs/leistung.md)
        cls = dataclasses.dataclass(init=False, repr=False, eq=False, slots=frozen)(cls)
        cls.__doc__ = doc
        fields = dataclasses.fields(cls)
        if any((frozen and f.default_factory is not MISSING) or not f.init or f.kw_only for f in fields):
            raise TypeError(f"{cls.__name__}: node_dataclass supports plain fields with defaults only")
        cls.__node_compare__ = tuple(f.name for f in fields if f.compare)
        cls.__node_repr__ = tuple(f.name for f in fields if f.repr)
        cls.__init__ = _first_init
        cls.__repr__ = _repr
        cls.__eq__ = _eq
        if frozen:
            cls.__node_fields__ = tuple(f.name for f in fields)
            cls.__hash__ = _hash
            cls.__setattr__ = _setattr
            cls.__delattr__ = _delattr
            cls.__getstate__ = _getstate  # pickling (agreements read in worker processes) past the frozen guard
            cls.__setstate__ = _first_setstate
        else:
            cls.__hash__ = None  # as @dataclass: equal by value, so not hashable while mutable
        return cls

    return wrap if cls is None else wrap(cls)


GENERATED: set = set()  # the `__init__` and `__setstate__` functions compiled here (they only set fields)
_FACTORY = object()  # the default of a field with a default_factory (dataclasses has its own such marker)


def _first_init(self, *args, **kwargs):
    """Compile the class's own `__init__` (as dataclasses writes it), install it, and run it."""
    cls = type(self)
    fields = dataclasses.fields(cls)
    params, body, names = [], [], {"__set": object.__setattr__, "__factory": _FACTORY}
    for index, f in enumerate(fields):
        if f.default is not MISSING:
            names[f"__default_{index}"] = f.default
            params.append(f"{f.name}=__default_{index}")
        elif f.default_factory is not MISSING:  # a new value per instance, as dataclasses makes it
            names[f"__make_{index}"] = f.default_factory
            params.append(f"{f.name}=__factory")
            body.append(f"    if {f.name} is __factory:\n        {f.name} = __make_{index}()")
        else:
            params.append(f.name)
        body.append(f"    __set(self, {f.name!r}, {f.name})")
    source = f"def __init__(self, {', '.join(params)}):\n" + ("\n".join(body) or "    pass") + "\n"
    namespace: dict = {}
    exec(source, names, namespace)  # noqa: S102 - our own field names, as dataclasses does
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    GENERATED.add(init)
    cls.__init__ = init
    init(self, *args, **kwargs)


@reprlib.recursive_repr()
def _repr(self) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__node_repr__)
    return f"{self.__class__.__qualname__}({shown})"


def _eq(self, other):
    if other.__class__ is self.__class__:
        names = self.__node_compare__
        return tuple(getattr(self, n) for n in names) == tuple(getattr(other, n) for n in names)
    return NotImplemented


def _hash(self) -> int:
    return hash(tuple(getattr(self, name) for name in self.__node_compare__))


def _getstate(self) -> tuple:
    return tuple(getattr(self, name) for name in self.__node_fields__)


def _first_setstate(self, state: tuple) -> None:
    """Compile the class's own `__setstate__`, install it, and run it.

    Unpickling (checked agreements from worker processes or the cache) sets the fields of
    every node: with one slot setter per field, written out, instead of a loop over the field
    names, 404 checked agreements (91.000 nodes) unpickle in 0.10 instead of 0.16 s.
    """
    cls = type(self)
    names: dict = {}
    lines = []
    for index, name in enumerate(cls.__node_fields__):
        slot = vars(cls).get(name)
        names[f"__set_{index}"] = slot.__set__ if type(slot).__name__ == "member_descriptor" \
            else (lambda obj, value, name=name: object.__setattr__(obj, name, value))
        lines.append(f"    __set_{index}(self, state[{index}])\n")
    source = "def __setstate__(self, state):\n" + ("".join(lines) or "    pass\n")
    namespace: dict = {}
    exec(source, names, namespace)  # noqa: S102 - our own field names, as dataclasses does
    setstate = namespace["__setstate__"]
    setstate.__qualname__ = f"{cls.__qualname__}.__setstate__"
    GENERATED.add(setstate)
    cls.__setstate__ = setstate
    setstate(self, state)


def _setattr(self, name, value):
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self, name):
    raise FrozenInstanceError(f"cannot delete field {name!r}")
