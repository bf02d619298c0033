"""JSON as zieldsl prints it: `json.dumps(value, ensure_ascii=False, indent=2)`, byte for byte, fast.

Every JSON zieldsl writes (`evaluate --json`, `graph --format json`, `check --format json`)
has this one layout. Python's own `json` writes an indented text with its pure-Python
encoder (the fast C encoder knows no indentation in Python 3.11): for the 404 results of a
national run that was 5 s of the 22 s. orjson writes the same text about fifteen times
faster. Where orjson refuses a value that `json` accepts (an integer beyond 64 bits, a
key that is not a string, a lone surrogate), the text comes from `json` instead, so the
output never depends on which of the two wrote it (tests/test_json_text.py).

The values are those of zieldsl's JSON: strings, integers, booleans, None, lists and
dictionaries. Floats never occur (every figure is written as a decimal string), and they
would be the one difference: orjson writes 1e16 where `json` writes 1e+16.
"""

from __future__ import annotations

import json

import orjson

__all__ = ["json_text"]


def json_text(value) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`, written by orjson where it can."""
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode("utf-8")
    except (orjson.JSONEncodeError, UnicodeDecodeError):
        return json.dumps(value, ensure_ascii=False, indent=2)
