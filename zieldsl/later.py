"""`Later`: a tuple that is built when it is first read.

A national run judges 404 agreements with some 10.000 figures. What a verdict needs (the
figures of both years, the rounded change, the status) is cheap; what explains it (reason
texts with German numbers, data points with file and line, monthly values for the charts,
numerator and denominator development) was more than half of the evaluation and is read only
by a document, `--json` or `explain`. Those fields of the results hold a `Later`: the same
tuple, byte for byte, built from the same figures the first time anyone looks.

A `Later` behaves as the tuple it stands for: length, indexing, iteration, `in`, `+` with
tuples, equality and hash with the equal tuple; it pickles as that tuple. Building it must not
have side effects (warnings are raised while judging, never while explaining).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Callable, Iterable, Iterator

__all__ = ["Later"]


class Later(Sequence):
    """The tuple `tuple(make())`, built on first use (then `make` is dropped)."""

    __slots__ = ("_make", "_items")

    def __init__(self, make: Callable[[], Iterable[Any]]) -> None:
        self._make: Callable[[], Iterable[Any]] | None = make
        self._items: tuple | None = None

    def _tuple(self) -> tuple:
        items = self._items
        if items is None:
            make = self._make
            if make is None:  # another thread has just built it
                return self._items
            items = self._items = tuple(make())
            self._make = None
        return items

    def __len__(self) -> int:
        return len(self._tuple())

    def __getitem__(self, index):
        return self._tuple()[index]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._tuple())

    def __contains__(self, value: object) -> bool:
        return value in self._tuple()

    def __reversed__(self) -> Iterator[Any]:
        return reversed(self._tuple())

    def __bool__(self) -> bool:
        return bool(self._tuple())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Later):
            return self._tuple() == other._tuple()
        if isinstance(other, tuple):
            return self._tuple() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._tuple())

    def __add__(self, other):
        if isinstance(other, (tuple, Later)):
            return self._tuple() + tuple(other)
        return NotImplemented

    def __radd__(self, other):
        if isinstance(other, tuple):
            return other + self._tuple()
        return NotImplemented

    def __repr__(self) -> str:
        return repr(self._tuple())

    def __reduce__(self):
        return tuple, (self._tuple(),)
