"""Lark, tuned: the same trees and nodes, faster (figures in docs/leistung.md).

Four costs dominated parsing, the first two on every cold `zieldsl check`:

* Building the LALR tables from `grammars/zieldsl.lark` takes about 0.2 s. The
  analysed parser is therefore stored under the user's cache folder
  (`$ZIELDSL_CACHE`, else `$XDG_CACHE_HOME/zieldsl`, else `~/.cache/zieldsl`) and
  loaded from there. The file holds plain data written with `marshal` (never
  pickle: a planted cache file cannot run code), is named after the SHA-256 of
  the grammar, the options and the Lark and Python versions (a changed grammar
  simply gets a new file), and is written atomically. Any problem reading or
  writing it falls back to building the parser: the cache is never an error.
  `ZIELDSL_CACHE=aus` switches it off.
* Lark's contextual lexer compiles one regular expression per group of parser
  states on first use (about 1 ms each, dozens per file). `share_scanner` lets
  every state try the root lexer's scanner (all terminals) first. That gives the
  same token whenever the root's token is one the state accepts: both scanners
  try the terminals in the same global order, so the first terminal that matches
  among all is also the first among the state's own (and the keyword check of a
  NAME picks the first keyword in that order likewise). Only when the root's
  token is not acceptable (a keyword where the state wants a name, say) or
  nothing matches does the state's own lexer run, from the same position.
* Lark's `Transformer` looks every rule method up through its `v_args` wrapper,
  which builds a new `functools` wrapper on each node, and tries a method for
  every token. `transform` calls the same methods in the same order (children
  first) with a look-up table made once per class.
* Python's cyclic garbage collector walked the millions of objects of a big parse
  again and again; `gc_paused` switches it off while a tree is built.

Tests compare each of these with plain Lark (tests/test_fuzz_inputs.py).
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import sys
import tempfile
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from types import MethodType


def _family(cls: type):
    """The module that defines a Lark class: lark's own or the generated standalone parser.

    Both have the same classes (`Tree`, `Token`, `Discard`, `VisitError`, …); trees of one must
    be handled with the classes of the same family.
    """
    for base in cls.__mro__:
        if base.__name__ in ("Transformer", "Lark", "Tree"):
            if base.__module__.split(".")[0] == "lark":
                return _lark_itself()
            return sys.modules[base.__module__]
    raise TypeError(f"keine Lark-Klasse: {cls!r}")


@lru_cache(maxsize=1)
def _lark_itself():
    import types

    from lark import exceptions, lexer, tree, visitors

    family = types.SimpleNamespace()
    for module in (exceptions, lexer, tree, visitors):
        family.__dict__.update({k: v for k, v in vars(module).items() if not k.startswith("_")})
    return family

_OFF = {"aus", "off", "0", "nein", "no", ""}


def cache_dir() -> Path | None:
    """Where the analysed grammar is kept; None when caching is switched off."""
    configured = os.environ.get("ZIELDSL_CACHE")
    if configured is not None:
        return None if configured.strip().lower() in _OFF else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    return Path(base) / "zieldsl"


def cached_lark(grammar: str, **options):
    """`Lark(grammar, **options)`, loaded from the cache when it holds this very grammar.

    (zieldsl's own parser is generated ahead of time, `zieldsl.language.standalone`; this is for
    parsers built from a grammar at run time.)
    """
    import lark
    from lark import Lark

    key = hashlib.sha256(repr((grammar, sorted(options.items()), lark.__version__,
                               sys.version_info[:2])).encode("utf-8")).hexdigest()
    folder = cache_dir()
    path = folder / f"grammatik-{key[:32]}.marshal" if folder is not None else None
    parser = _load(path, key) if path is not None else None
    if parser is None:
        parser = Lark(grammar, **options)
        if path is not None:
            _save(parser, path, key)
    share_scanner(parser)
    return parser


def _load(path: Path, key: str):
    from lark import Lark

    try:
        data = marshal.loads(path.read_bytes())
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        return Lark.__new__(Lark)._load({"data": data["data"], "memo": data["memo"]})
    except Exception:  # missing, unreadable, truncated or foreign: build anew
        return None


def _save(parser, path: Path, key: str) -> None:
    from lark.grammar import Rule
    from lark.lexer import TerminalDef

    try:
        data, memo = parser.memo_serialize([TerminalDef, Rule])
        payload = marshal.dumps({"key": key, "data": data, "memo": memo})
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".grammatik-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(payload)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except Exception:  # a read-only home or a full disk only costs speed
        return


# ---------------------------------------------------------------- shared scanner


class _RootFirst:
    """A state's lexer that asks the root scanner first (see the module docstring).

    The root scanner is slower per token (all terminals, all keywords), so once a state
    has lexed `SWITCH_AFTER` tokens, or its own scanner exists anyway, the state's own
    lexer takes over: small files skip compiling, big ones keep the fast path.
    """

    __slots__ = ("own", "root", "accepts", "uses")
    SWITCH_AFTER = 40

    def __init__(self, own, root):
        self.own = own
        self.root = root
        self.accepts = frozenset(t.name for t in own.terminals)
        self.uses = 0

    def next_token(self, lex_state, parser_state=None):
        if self.uses >= self.SWITCH_AFTER:
            return self.own.next_token(lex_state, parser_state)
        self.uses += 1
        if getattr(self.own, "_scanner", None) is not None:
            self.uses = self.SWITCH_AFTER
        counter = lex_state.line_ctr
        saved = (counter.char_pos, counter.line, counter.column, counter.line_start_pos, lex_state.last_token)
        try:
            token = self.root.next_token(lex_state, parser_state)
        except EOFError:
            raise
        except Exception:
            token = None
        if token is not None and token.type in self.accepts:
            return token
        counter.char_pos, counter.line, counter.column, counter.line_start_pos, lex_state.last_token = saved
        return self.own.next_token(lex_state, parser_state)

    def __getattr__(self, name):  # anything else (terminals, scanner …) is the state's own
        return getattr(self.own, name)


def share_scanner(parser) -> None:
    """Put `_RootFirst` in front of every state of a contextual lexer (nothing else is touched).

    Lark versions whose lexer looks different are left alone: the wrappers are built
    first and only installed when every part they rely on is there.
    """
    lexer = getattr(getattr(parser, "parser", None), "lexer", None)
    states = getattr(lexer, "lexers", None)
    root = getattr(lexer, "root_lexer", None)
    if not isinstance(states, dict) or root is None or not hasattr(root, "next_token"):
        return
    try:
        LineCounter = _family(type(parser)).LineCounter

        counter = LineCounter("\n")
        for name in ("char_pos", "line", "column", "line_start_pos"):
            getattr(counter, name)
        wrapped: dict[int, _RootFirst] = {}
        replacement = {}
        for state, own in states.items():
            if isinstance(own, _RootFirst):
                continue
            if id(own) not in wrapped:
                wrapped[id(own)] = _RootFirst(own, root)
            replacement[state] = wrapped[id(own)]
    except (AttributeError, ImportError, TypeError):
        return
    states.update(replacement)


# ---------------------------------------------------------------- lean transform


@lru_cache(maxsize=None)
def _callbacks(cls: type) -> tuple[dict, frozenset]:
    """Rule name → (plain function, v_args wrapper) of a Transformer class, and its other names."""
    rules = {}
    for name, attr in vars(cls).items():
        wrapper = getattr(attr, "visit_wrapper", None)
        if wrapper is not None and not name.startswith("_"):
            rules[name] = (attr.base_func, wrapper)
    return rules, frozenset(dir(cls))


def transform(transformer, tree):
    """`transformer.transform(tree)` for a `v_args`-decorated Transformer, without its per-node overhead.

    Same semantics: children first; a rule without a method is copied as a Tree; a token
    is only visited when the class has an attribute of the token's type; `Discard` drops
    a child; errors arrive wrapped in VisitError. Recursion depth as in Lark (callers
    bound the nesting).
    """
    rules, names = _callbacks(type(transformer))
    family = _family(type(transformer))
    Tree, Token, Discard, Transformer = family.Tree, family.Token, family.Discard, family.Transformer
    GrammarError, VisitError = family.GrammarError, family.VisitError

    def build(node: Tree):
        children = []
        for child in node.children:
            if isinstance(child, Tree):
                child = build(child)
            elif isinstance(child, Token) and child.type in names and transformer.__visit_tokens__:
                child = transformer._call_userfunc_token(child)
            if child is not Discard:
                children.append(child)
        found = rules.get(node.data)
        if found is None:
            if node.data in names:  # a method v_args did not wrap: Lark's own dispatch
                return transformer._call_userfunc(node, children)
            return transformer.__default__(node.data, children, node.meta)
        function, wrapper = found
        try:
            return wrapper(MethodType(function, transformer), node.data, children, node.meta)
        except GrammarError:
            raise
        except Exception as exc:
            raise VisitError(node.data, node, exc)

    if not isinstance(tree, Tree):
        return Transformer.transform(transformer, tree)
    result = build(tree)
    return None if result is Discard else result


@contextmanager
def gc_paused():
    """No cyclic garbage collection while a big tree is built (it holds no cycles).

    Parsing creates millions of small objects; each full collection walks all of
    them again, which made parsing 10.000 targets about a fifth slower. Reference
    counting still frees everything; the collector runs again afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
