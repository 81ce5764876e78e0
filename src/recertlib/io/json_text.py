"""JSON text as recertlib writes it: indented by two spaces, ASCII only, the bytes of
``json.dumps(data, indent=2)``; written by orjson where it is installed (the ``fast`` extra:
``pip install 'recertlib[fast]'``), which gives the same bytes sooner.

orjson writes the same layout (``OPT_INDENT_2`` is ``indent=2``: the same separators, ``[]``
and ``{}`` when empty, keys in the order given) but leaves text outside ASCII as it is, where
the standard library escapes it (``"caf\\u00e9"``, an emoji as its two UTF-16 halves). That
is made up for after the fact: JSON's own punctuation is ASCII, so every character outside
printable ASCII left in orjson's text is inside a string and is escaped as the standard library
escapes it. What orjson refuses, the standard library writes: text holding a lone surrogate (a
``\\udc80`` escape in an input file comes back out as one), an integer beyond 64 bits, a key
that is not text.

Numbers that are not integers are outside what this module is for: the documents recertlib
writes hold none (amounts, and facts given as numbers, are written as decimal text), and orjson
writes some floats otherwise (``1e-7`` where the standard library writes ``1e-07``, ``null``
for NaN), which no cheap check could catch.

Set :data:`JSON_ENV` to ``json`` to write with the standard library although orjson is
installed (to compare the two, or to rule orjson out).
"""

from __future__ import annotations

import importlib
import json
import os
import re
from types import ModuleType
from typing import Any

JSON_ENV = "RECERTLIB_JSON"
"""``json`` to write JSON with the standard library even where orjson is installed; anything
else (or unset): orjson where it is installed."""


def _orjson() -> ModuleType | None:
    if os.environ.get(JSON_ENV, "").strip().lower() == "json":
        return None
    try:
        return importlib.import_module("orjson")
    except ImportError:
        return None


orjson: ModuleType | None = _orjson()
"""The orjson module :func:`json_text` writes with, or ``None`` for the standard library;
chosen once, when this module is imported."""

_NOT_PRINTABLE_ASCII = re.compile("[\x7f-\U0010ffff]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # written, as json.dumps writes it, as a UTF-16 surrogate pair
    return f"\\u{0xD800 | (code >> 10):04x}\\u{0xDC00 | (code & 0x3FF):04x}"


def json_text(data: Any) -> str:
    """``data`` as ``json.dumps(data, indent=2)`` writes it, byte for byte: with orjson where
    it is installed, else with the standard library.

    :param data: JSON data as :func:`~recertlib.unstructure` gives it (text, integers,
        booleans, ``None``, lists and dicts with text keys); see the module's note on floats.
    """
    if orjson is None:
        return json.dumps(data, indent=2)
    try:
        raw: bytes = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    except orjson.JSONEncodeError:  # a lone surrogate, a huge integer, a key not text
        return json.dumps(data, indent=2)
    text = raw.decode("utf-8")
    if raw.isascii() and b"\x7f" not in raw:
        return text
    return _NOT_PRINTABLE_ASCII.sub(_escaped, text)  # escaped as json.dumps escapes it


__all__ = ["JSON_ENV", "json_text", "orjson"]
