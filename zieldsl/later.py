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
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from typing import Any, Callable, Iterable, Iterator

__all__ = ["Later", "numbered", "receiving", "sending"]

# Results judged in another process (`zieldsl.evaluation.judging_pool`) travel without their
# explanations: there, the Laters made while judging one agreement are numbered in the order
# they are made (`numbered`), and an unbuilt one is pickled as (agreement, number) (`sending`).
# Here, the first read of such a Later judges that agreement again, which makes the same Laters
# in the same order, and builds the one with that number (`receiving`).
# Context variables, so that another thread judging meanwhile (the editor's language service)
# never numbers its Laters into this list.
_NUMBERING: ContextVar[tuple[Any, list] | None] = ContextVar("numbering", default=None)
_SENDING: ContextVar[bool] = ContextVar("sending", default=False)
_RECEIVING: ContextVar[Callable[[Any, int], Iterable[Any]] | None] = ContextVar("receiving", default=None)


class Later(Sequence):
    """The tuple `tuple(make())`, built on first use (then `make` is dropped)."""

    __slots__ = ("_make", "_items", "_number")

    def __init__(self, make: Callable[[], Iterable[Any]]) -> None:
        self._make: Callable[[], Iterable[Any]] | None = make
        self._items: tuple | None = None
        numbering = _NUMBERING.get()
        if numbering is None:
            self._number = None
        else:
            token, made = numbering
            self._number = (token, len(made))
            made.append(self)

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
        if self._items is None and self._number is not None and _SENDING.get():
            return _made_elsewhere, self._number
        return tuple, (self._tuple(),)


def _made_elsewhere(token: Any, number: int) -> Later:
    """A Later sent unbuilt from another process: built by the receiver's `explain(token, number)`."""
    explain = _RECEIVING.get()
    if explain is None:
        raise RuntimeError("a result judged elsewhere is read outside `receiving`")
    return Later(partial(explain, token, number))


@contextmanager
def numbered(token: Any):
    """Number the Laters made inside (judging the agreement `token`); yields the list they go to."""
    made: list = []
    reset = _NUMBERING.set((token, made))
    try:
        yield made
    finally:
        _NUMBERING.reset(reset)


@contextmanager
def sending():
    """Inside, an unbuilt numbered Later pickles as a reference to its agreement and number."""
    reset = _SENDING.set(True)
    try:
        yield
    finally:
        _SENDING.reset(reset)


@contextmanager
def receiving(explain: Callable[[Any, int], Iterable[Any]]):
    """Inside, results sent from elsewhere are unpickled: a Later that came as (token, number) is
    built, when first read, from `explain(token, number)` (which judges that agreement again
    inside `numbered(token)` and builds its Later with that number)."""
    reset = _RECEIVING.set(explain)
    try:
        yield
    finally:
        _RECEIVING.reset(reset)
