"""Garbage collection while a large, long-lived structure is built: none, or only of young objects.

Parsing a big agreement and judging 404 agreements both create millions of small objects
next to many that live on (the syntax tree, the value store, the results so far). Every
full collection walks all of them again: a fifth of the time of parsing 10.000 targets and
a third of the national evaluation (docs/leistung.md). Reference counting still frees
everything that is not a cycle; the few cycles made meanwhile (a dependency graph's cached
views) wait for the collector, which runs again afterwards.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

__all__ = ["gc_paused", "young_collections_only"]

_NEVER = 1_000_000_000  # a threshold no count reaches


@contextmanager
def gc_paused() -> Iterator[None]:
    """Within: no cyclic garbage collection (reference counting goes on); afterwards as before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def young_collections_only() -> Iterator[None]:
    """Within: only the youngest objects are collected, never all (no full collection).

    For judging: each agreement's dependency graph holds cycles (networkx caches views of the
    graph on the graph) and is dropped when the agreement is judged; young collections free
    it soon after, so memory stays flat, while nothing walks the store and the results again."""
    thresholds = gc.get_threshold()
    gc.set_threshold(thresholds[0], thresholds[1], _NEVER)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
