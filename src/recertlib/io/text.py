"""Reading text files the way every reader of recertlib does: UTF-8 (with or without the byte
order mark a spreadsheet writes), strict JSON (RFC 8259: no NaN, no repeated keys, no nesting
past :data:`MAX_NESTING`), and errors that name the file and the line."""

from __future__ import annotations

import codecs
import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn

from recertlib.errors import MISSING, InvalidInput, Problem

MAX_NESTING = 32
"""How deeply lists and objects may nest in a holder record; a record needs five levels (the
record, its activities, an activity, its list of approvers), a deeper one is refused."""

MAX_INTEGER_DIGITS = 100
"""A JSON integer longer than this is read as a decimal rather than converted to an int (which
Python refuses beyond 4300 digits); no field takes it, and its own field reports it."""


class _NotJson(ValueError):
    """Text the json module would take but JSON (RFC 8259) does not allow."""


def _refuse_constant(name: str) -> NoReturn:
    raise _NotJson(f"{name} is not a number (JSON has no NaN or Infinity)")


def _integer(text: str) -> int | Decimal:
    return int(text) if len(text) <= MAX_INTEGER_DIGITS else Decimal(text)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _NotJson(f"the key {key!r} appears twice in one object")
        result[key] = value
    return result


def unreadable(source: str, error: OSError) -> InvalidInput:
    """The error for a file that cannot be read."""
    return InvalidInput([Problem("$", source, f"cannot read the file: {error.strerror}")], source)


def read_bytes(path: str | Path, source: str) -> bytes:
    """The bytes of the file at ``path``; ``source`` names it in the error."""
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise unreadable(source, error) from None


def decode(raw: bytes, source: str) -> str:
    """``raw`` as UTF-8 text, without the byte order mark a spreadsheet may put first."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        problem = Problem("line 1", MISSING, "UTF-16 text, not UTF-8: save the file as UTF-8")
        raise InvalidInput([problem], source)
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - raw.rfind(b"\n", 0, error.start)
        bad = raw[error.start : error.end]
        problem = Problem(
            f"line {line}, byte {column}", MISSING, f"not UTF-8 text: bytes {bad.hex(' ')}"
        )
        raise InvalidInput([problem], source) from None


def load_json(text: str, name: str, line: int | None = None) -> Any:
    """``text`` parsed as JSON (RFC 8259) the way holder files are.

    :raises InvalidInput: naming ``name`` and, where there is one, the line and column (only
        the column when ``text`` is the one line ``line`` of a file, which ``name`` names).
    """
    try:
        return json.loads(
            text,
            parse_float=Decimal,
            parse_int=_integer,
            parse_constant=_refuse_constant,
            object_pairs_hook=_object,
        )
    except json.JSONDecodeError as error:
        # One line of a file is labelled with its line already: its column says where.
        where = f"line {error.lineno}, " if line is None else ""
        where += f"column {error.colno}"
        raise InvalidInput([Problem(where, MISSING, f"not JSON: {error.msg}")], name) from None
    except _NotJson as error:
        raise InvalidInput([Problem("$", MISSING, f"not JSON: {error}")], name) from None
    except RecursionError:
        problem = Problem("$", MISSING, f"nested more than {MAX_NESTING} levels deep")
        raise InvalidInput([problem], name) from None


def csv_error(error: csv.Error) -> str:
    """A csv module error in words."""
    if "field limit" in str(error):
        return f"not CSV that can be read: a cell longer than {csv.field_size_limit()} characters"
    return f"not CSV: {error}"
