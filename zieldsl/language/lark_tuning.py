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
  Until a state has been used often, that lexer does not compile a scanner of
  its own either (`_LeanScanner`): it asks the root scanner which terminal
  matches first among all, skips the state's terminals that come before it in
  the common order (they cannot match), and tries the rest one by one, each a
  small expression compiled once per process. On the Leer agreement that
  replaced 31 compiled scanners by about a dozen small expressions.
* Lark's `Transformer` looks every rule method up through its `v_args` wrapper,
  which builds a new `functools` wrapper on each node, and tries a method for
  every token. `transform` calls the same methods in the same order (children
  first) with a look-up table made once per class.
* Python's cyclic garbage collector walked the millions of objects of a big parse
  again and again; `zieldsl.collector.gc_paused` switches it off while a tree is built.

Tests compare each of these with plain Lark (tests/test_fuzz_inputs.py).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
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

    __slots__ = ("own", "root", "accepts", "uses", "lean", "shared")
    SWITCH_AFTER = 40

    def __init__(self, own, root, shared=None):
        self.own = own
        self.root = root
        self.accepts = frozenset(t.name for t in own.terminals)
        self.uses = 0
        self.lean = None
        self.shared = shared

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
        if getattr(self.own, "_scanner", None) is None and self.shared is not None:
            if self.lean is None:
                self.lean = self.shared.lean_lexer(self.own)
            if self.lean is not False:
                return self.lean.next_token(lex_state, parser_state)
        return self.own.next_token(lex_state, parser_state)

    def __getattr__(self, name):  # anything else (terminals, scanner …) is the state's own
        return getattr(self.own, name)


class _Shared:
    """What the lean lexers of one parser share: the root scanner, its order, compiled terminals."""

    def __init__(self, root):
        self.root = root
        self.rank: dict[str, int] | None = None  # root scanner's terminal → place in the common order
        self.compiled: dict[str, object] = {}  # terminal name → its own compiled expression
        self.embeds: dict[tuple[str, str], bool] = {}  # (regex terminal, string terminal) → matches it whole

    def lean_lexer(self, own):
        """A copy of the state's lexer `own` that scans with `_LeanScanner` (False where that cannot be sure)."""
        from copy import copy

        root = self.root
        if own.user_callbacks or root.user_callbacks or own.use_bytes or root.use_bytes:
            return False
        try:
            scanner = root.scanner
            if self.rank is None:
                self.rank = {t.name: i for i, t in enumerate(scanner.terminals)}
            terminals, unless = self._create_unless(own)
            lean = copy(own)
            lean.callback = {name: _LeanUnless(self, strings, root.callback.get(name)) for name, strings in unless.items()}
            lean._scanner = _LeanScanner(self, terminals)
        except (AttributeError, TypeError, KeyError):
            return False
        return lean

    def pattern(self, terminal):
        found = self.compiled.get(terminal.name)
        if found is None:
            found = self.compiled[terminal.name] = self.root.re.compile(terminal.pattern.to_regexp(),
                                                                       self.root.g_regex_flags)
        return found

    def _create_unless(self, lexer):
        """Lark's `_create_unless` for a state's terminals, without compiling anything new.

        The scanner keeps every terminal but the strings a regular terminal of the same
        priority matches whole (and whose flags it has); such strings come back through that
        terminal's callback (a NAME that spells a keyword becomes the keyword).
        """
        terminals = lexer.terminals
        flags = lexer.g_regex_flags
        regexps = [t for t in terminals if t.pattern.type == "re"]
        strings = [t for t in terminals if t.pattern.type == "str"]
        embedded = set()
        unless: dict[str, list] = {}
        for retok in regexps:
            matching = []
            for strtok in strings:
                if strtok.priority != retok.priority:
                    continue
                key = (retok.name, strtok.name)
                whole = self.embeds.get(key)
                if whole is None:
                    text = strtok.pattern.value
                    found = lexer.re.match(retok.pattern.to_regexp(), text, flags)
                    whole = self.embeds[key] = found is not None and found.group(0) == text
                if whole:
                    matching.append(strtok)
                    if strtok.pattern.flags <= retok.pattern.flags:
                        embedded.add(strtok.name)
            if matching:
                unless[retok.name] = matching
        return [t for t in terminals if t.name not in embedded], unless


class _LeanScanner:
    """Lark's `Scanner` for one state's terminals, answering the same without compiling their union.

    A union of alternatives matches with its first alternative that matches. The root
    scanner tries every terminal in the same global order, so the terminals it places before
    the one it found do not match here, and the one it found does (with the same text); only
    the others are tried, one by one, in the state's order.
    """

    def __init__(self, shared: _Shared, terminals):
        self.shared = shared
        self.terminals = terminals
        self.allowed_types = {t.name for t in terminals}

    def match(self, text, pos):
        shared = self.shared
        found = shared.root.scanner.match(text, pos)
        rank = shared.rank
        first = rank[found[1]] if found is not None else len(rank)
        for terminal in self.terminals:
            place = rank.get(terminal.name)
            if place is not None:
                if place < first:
                    continue
                if place == first:
                    return found
            m = shared.pattern(terminal).match(text.text, pos, text.end)
            if m:
                return m.group(0), terminal.name
        return None


class _LeanUnless:
    """Lark's `UnlessCallback` for one state's strings: a NAME that spells one of them becomes it.

    Lark checks the strings as one union (the first that matches whole wins). The root's
    callback of the same terminal checks a superset in the same order, so a string it places
    before the one it found is not spelled, and the one it found is.
    """

    def __init__(self, shared: _Shared, strings, root_callback):
        self.shared = shared
        self.strings = strings
        self.root = getattr(root_callback, "scanner", None)
        self.order = {t.name: i for i, t in enumerate(self.root.terminals)} if self.root is not None else {}

    def __call__(self, token):
        value = token.value
        first = self.root.fullmatch(value) if self.root is not None else None
        order = self.order
        first_place = order[first] if first is not None else len(order)
        for strtok in self.strings:
            place = order.get(strtok.name)
            if place is not None:
                if place < first_place:
                    continue
                if place == first_place:
                    token.type = first
                    return token
            if self.shared.pattern(strtok).fullmatch(value):
                token.type = strtok.name
                return token
        return token


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
        shared = _Shared(root)
        wrapped: dict[int, _RootFirst] = {}
        replacement = {}
        for state, own in states.items():
            if isinstance(own, _RootFirst):
                continue
            if id(own) not in wrapped:
                wrapped[id(own)] = _RootFirst(own, root, shared)
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


