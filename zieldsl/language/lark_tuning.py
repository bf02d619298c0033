"""Lark, tuned: the same trees and nodes, faster (figures in docs/leistung.md).

Five costs dominated parsing; the lexer's and the loading's came with every cold `zieldsl check`:

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
  states on first use (about 1 ms each, dozens per file): the union of the
  terminals the state accepts, which matches with its first alternative that
  matches. `share_scanner` lets a state that has not been used often scan lean
  instead (`_LeanScanner`): it tries the same terminals one by one in the same
  order, each compiled on its first use, once per process, and keywords compared as
  strings where that is exact (`_Literal`); the keyword test of a NAME likewise tries
  only the state's keywords of the word's length. On the Leer agreement that replaced
  31 compiled unions (and Lark's root scanner) by about 17 small expressions. A state used often switches to its own compiled scanner, so big
  files keep Lark's fast path. tests/test_lean_scanner.py compares the two state
  by state.
* Loading the generated parser (`zieldsl.language.standalone`) went through Lark's
  generic deserializer for some 7.000 objects and built a lexer for each of some 110
  sets of terminals. `load_memo` reads the terminal and rule definitions with one
  class table per class, `table_plugins` builds each reduce action of the parse table
  once per rule, and `lexer_plugins` builds a state's lexer when it is first used (Lark's
  own `_plugins` hook); tests/test_lean_scanner.py compares each with Lark's result.
* Lark's `Transformer` looks every rule method up through its `v_args` wrapper,
  which builds a new `functools` wrapper on each node, and tries a method for
  every token. `transform` calls the same methods in the same order (children
  first) with a look-up table made once per class.
* Python's cyclic garbage collector walked the millions of objects of a big parse
  again and again; `zieldsl.collector.gc_paused` switches it off while a tree is built.

Tests compare each of these with plain Lark (tests/test_fuzz_inputs.py).
"""

from __future__ import annotations

import marshal
import os
import sys
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
    import hashlib

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
    import tempfile

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


# ---------------------------------------------------------------- parse table


def table_plugins(module) -> dict:
    """Lark's `_plugins` option for loading a generated parser: the parse table read faster.

    Lark reads each of the table's some 5.000 reduce entries through the generic
    `Serialize.deserialize` (a memo look-up behind several calls); `_LoadedLALR` makes the
    same table (equal states, the same `Rule` objects from the memo) with one look-up per
    rule. tests/test_lean_scanner.py compares the two tables.
    """
    class _LoadedLALR(module.LALR_Parser):
        @classmethod
        def deserialize(cls, data, memo, callbacks, debug=False):
            inst = module.LALR_Parser.__new__(module.LALR_Parser)
            inst._parse_table = parse_table(module, data, memo)
            inst.parser = module._Parser(inst._parse_table, callbacks, debug)
            return inst

    return {"LALR_Parser": _LoadedLALR}


def load_memo(module) -> dict:
    """The generated module's MEMO (terminal and rule definitions) as objects, read faster than Lark does.

    Lark's `Serialize.deserialize` builds its class look-up table again for each of some
    2.000 objects; this builds it once per class and otherwise does the same, in the same
    order (same classes, fields, `_deserialize` hooks). Handed to `Lark._load_from_dict`,
    the finished objects pass Lark's own reading unchanged. tests/test_lean_scanner.py
    compares both memos object by object.
    """
    generic = module.Serialize.deserialize.__func__
    plans: dict = {}

    def instance(cls, data):
        if getattr(cls.deserialize, "__func__", None) is not generic:
            return cls.deserialize(data, {})
        plan = plans.get(cls)
        if plan is None:
            namespace = {c.__name__: c for c in getattr(cls, "__serialize_namespace__", [])}
            plan = plans[cls] = (namespace, getattr(cls, "__serialize_fields__"), hasattr(cls, "_deserialize"))
        namespace, fields, hook = plan
        inst = cls.__new__(cls)
        for name in fields:
            setattr(inst, name, value(data[name], namespace))
        if hook:
            inst._deserialize()
        return inst

    def value(data, namespace):
        if isinstance(data, dict):
            if "__type__" in data:
                return instance(namespace[data["__type__"]], data)
            if "@" in data:
                raise KeyError("memo reference inside the memo")
            return {key: value(item, namespace) for key, item in data.items()}
        if isinstance(data, list):
            return [value(item, namespace) for item in data]
        return data

    return value(module.MEMO, {"Rule": module.Rule, "TerminalDef": module.TerminalDef})


def parse_table(module, data, memo):
    """`IntParseTable.deserialize(data, memo)` of the generated `module`, with each reduce action built once."""
    tokens = data["tokens"]
    shift, reduce, rule = module.Shift, module.Reduce, module.Rule

    class Reductions(dict):  # memo key of a rule → its reduce action, made on first use
        def __missing__(self, key):
            found = self[key] = (reduce, rule.deserialize({"@": key}, memo))
            return found

    reductions = Reductions()
    try:
        states = {state: {tokens[token]: (shift, arg) if action != 1 else reductions[arg["@"]]
                          for token, (action, arg) in actions.items()}
                  for state, actions in data["states"].items()}
    except (KeyError, TypeError):  # a reduce action that is not a memo reference: Lark's own way
        return module.IntParseTable.deserialize(data, memo)
    return module.IntParseTable(states, data["start_states"], data["end_states"])


# ---------------------------------------------------------------- lean scanning


class _LeanFirst:
    """A state's lexer that scans lean (see the module docstring) until it has been used often.

    After `SWITCH_AFTER` tokens, or once its own compiled scanner exists anyway (a state
    shares its lexer with others), the state's own lexer takes over: small files never
    compile, big ones keep Lark's fast path. The state's own lexer itself may be built on
    first use (`build`, see `_LazyContextualLexer`).
    """

    __slots__ = ("_own", "build", "uses", "lean", "shared")
    SWITCH_AFTER = 40

    def __init__(self, own, shared: "_Shared", build=None):
        self._own = own
        self.build = build
        self.uses = 0
        self.lean = None
        self.shared = shared

    @property
    def own(self):
        own = self._own
        if own is None:
            own = self._own = self.build()
        return own

    def next_token(self, lex_state, parser_state=None):
        own = self._own
        if own is None:
            own = self.own
        if self.uses < self.SWITCH_AFTER and own._scanner is None:
            self.uses += 1
            lean = self.lean
            if lean is None:
                lean = self.lean = self.shared.lean_lexer(own)
            if lean is not False:
                return lean.next_token(lex_state, parser_state)
        return own.next_token(lex_state, parser_state)

    def __getattr__(self, name):  # anything else (terminals, scanner …) is the state's own
        return getattr(self.own, name)


def lexer_plugins(module) -> dict:
    """Lark's `_plugins` option for a generated parser: a contextual lexer whose states scan lean.

    Lark builds a lexer for each of some 110 sets of terminals when the parser is loaded;
    `_LazyContextualLexer` builds each one the first time a state with that set is lexed
    (the same lexer, from the same configuration), wrapped in `_LeanFirst` from the start.
    """
    from copy import copy

    class _LazyContextualLexer(module.ContextualLexer):
        def __init__(self, conf, states, always_accept=()):
            if not conf.skip_validation:  # a parser built from a grammar: Lark's own way
                super().__init__(conf, states, always_accept)
                return
            terminals = list(conf.terminals)
            terminals_by_name = conf.terminals_by_name
            trad_conf = copy(conf)
            trad_conf.terminals = terminals
            shared = _Shared()
            by_tokens: dict = {}
            self.lexers = {}
            for state, accepts in states.items():
                key = frozenset(accepts)
                wrapper = by_tokens.get(key)
                if wrapper is None:
                    def build(accepts=accepts, basic=self.BasicLexer):
                        chosen = set(accepts) | set(conf.ignore) | set(always_accept)
                        lexer_conf = copy(trad_conf)
                        lexer_conf.terminals = [terminals_by_name[n] for n in chosen if n in terminals_by_name]
                        return basic(lexer_conf, None)

                    wrapper = by_tokens[key] = _LeanFirst(None, shared, build)
                self.lexers[state] = wrapper
            self.root_lexer = self.BasicLexer(trad_conf, None)

    return {"ContextualLexer": _LazyContextualLexer}


class _Shared:
    """What the lean lexers of one parser share: terminals compiled one by one, the keyword test."""

    def __init__(self):
        self.compiled: dict[str, object] = {}  # terminal name → its own compiled expression
        self.embeds: dict[tuple[str, str], bool] = {}  # (regex terminal, string terminal) → matches it whole

    def lean_lexer(self, own):
        """A copy of the state's lexer `own` that scans with `_LeanScanner` (False where that cannot be sure)."""
        from copy import copy

        if own.user_callbacks or own.use_bytes:
            return False
        try:
            terminals, unless = self._create_unless(own)
            lean = copy(own)
            lean.callback = {name: _LeanUnless(self, strings, own) for name, strings in unless.items()}
            lean._scanner = _LeanScanner(self, terminals, own)
        except (AttributeError, TypeError, KeyError):
            return False
        return lean

    def pattern(self, terminal, lexer):
        found = self.compiled.get(terminal.name)
        if found is None:
            found = self.compiled[terminal.name] = lexer.re.compile(terminal.pattern.to_regexp(), lexer.g_regex_flags)
        return found

    def _create_unless(self, lexer):
        """Lark's `_create_unless` for a state's terminals, without compiling a union.

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

    Lark joins the terminals into one expression of alternatives, which matches with the
    first alternative that matches; this tries them one by one in the same order, each
    compiled on its first use (once per process, shared by all states). A string terminal
    (a keyword) is compared without an expression where that is exact (`_Literal`).
    """

    def __init__(self, shared: _Shared, terminals, lexer):
        self.shared = shared
        self.lexer = lexer
        # name, bound `match` once compiled, terminal, its `_Literal` (None for a regular expression)
        self.entries = [[t.name, None, t, _Literal.of(t)] for t in terminals]
        self.allowed_types = {t.name for t in terminals}

    def match(self, text, pos):
        string, end = text.text, text.end
        for entry in self.entries:
            literal = entry[3]
            if literal is not None:
                found = literal.match(string, pos, end)
                if found is not None:
                    if found:
                        return found, entry[0]
                    continue
            matcher = entry[1]
            if matcher is None:
                matcher = entry[1] = self.shared.pattern(entry[2], self.lexer).match
            found = matcher(string, pos, end)
            if found:
                return found.group(0), entry[0]
        return None


class _Literal:
    """A string terminal compared as a string where that gives exactly its expression's answer.

    Without flags the expression matches the very characters. With `i` Python compares
    character by character in case-insensitive fashion; two ASCII characters are then
    equal exactly when their lower case is (non-ASCII letters such as the Kelvin sign or
    the long s also match ASCII ones: text with such characters goes to the expression
    unless one of its ASCII characters already differs).
    """

    __slots__ = ("text", "size", "folded")

    def __init__(self, text: str, folded: bool):
        self.text = text.lower() if folded else text
        self.size = len(text)
        self.folded = folded

    @classmethod
    def of(cls, terminal):
        pattern = terminal.pattern
        if pattern.type != "str" or not pattern.value:
            return None
        flags = set(pattern.flags)
        if not flags:
            return cls(pattern.value, False)
        if flags == {"i"} and pattern.value.isascii():
            return cls(pattern.value, True)
        return None

    def match(self, string: str, pos: int, end: int):
        """The matched text, "" for no match, None when only the expression can tell."""
        if pos + self.size > end:
            return ""
        piece = string[pos:pos + self.size]
        if not self.folded:
            return piece if piece == self.text else ""
        if piece.isascii():
            return piece if piece.lower() == self.text else ""
        return None if self._ascii_agrees(piece) else ""

    def fullmatch(self, value: str):
        """True or False as `fullmatch` of the expression; None when only the expression can tell."""
        if len(value) != self.size:
            return False
        if not self.folded:
            return value == self.text
        if value.isascii():
            return value.lower() == self.text
        return None if self._ascii_agrees(value) else False

    def _ascii_agrees(self, piece: str) -> bool:
        """No ASCII character of `piece` differs from the keyword's (so the expression must decide)."""
        return all(a.lower() == b for a, b in zip(piece, self.text) if a < "\x80")


class _LeanUnless:
    """Lark's `UnlessCallback` for one state's strings: a NAME that spells one of them becomes it.

    Lark tests the strings as one union (the first that matches whole wins); this tests
    them one by one in the same order. A string written without flags or with `i` can only
    match a word of its own length (Python's case-insensitive matching compares character
    by character), so only those are tried, as strings where that is exact (`_Literal`).
    """

    def __init__(self, shared: _Shared, strings, lexer):
        self.shared = shared
        self.lexer = lexer
        self.strings = strings
        self.by_length: dict[int, list] = {}

    def __call__(self, token):
        value = token.value
        candidates = self.by_length.get(len(value))
        if candidates is None:
            candidates = self.by_length[len(value)] = [
                t for t in self.strings if len(t.pattern.value) == len(value) or not set(t.pattern.flags) <= {"i"}]
        for strtok in candidates:
            literal = _Literal.of(strtok)
            whole = literal.fullmatch(value) if literal is not None else None
            if whole is None:
                whole = self.shared.pattern(strtok, self.lexer).fullmatch(value) is not None
            if whole:
                token.type = strtok.name
                return token
        return token


def share_scanner(parser) -> None:
    """Put `_LeanFirst` in front of every state of a contextual lexer (nothing else is touched).

    Lark versions whose lexer looks different are left alone: the wrappers are built
    first and only installed when every part they rely on is there.
    """
    lexer = getattr(getattr(parser, "parser", None), "lexer", None)
    states = getattr(lexer, "lexers", None)
    if not isinstance(states, dict):
        return
    try:
        shared = _Shared()
        wrapped: dict[int, _LeanFirst] = {}
        replacement = {}
        for state, own in states.items():
            if isinstance(own, _LeanFirst):
                continue
            for name in ("_scanner", "terminals", "user_callbacks", "use_bytes", "re", "g_regex_flags", "next_token"):
                getattr(own, name)
            if id(own) not in wrapped:
                wrapped[id(own)] = _LeanFirst(own, shared)
            replacement[state] = wrapped[id(own)]
    except AttributeError:
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


