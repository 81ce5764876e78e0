"""Where records are read from, and their lines: a path, ``"-"`` for standard input, or an
open stream, read as UTF-8 one numbered line at a time."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Literal

from recertlib.errors import MISSING, InvalidInput, Problem
from recertlib.io.text import decode, load_json, unreadable

Readable = str | os.PathLike[str] | IO[str] | IO[bytes]
"""Where people are read from: a path, ``"-"`` for standard input, or an open text or binary
stream (read as UTF-8; a byte order mark before the first line is allowed)."""

Format = Literal["json", "jsonl"]
"""The format of a people file: one JSON document, or JSON Lines (one record a line)."""

STDIN = "-"
"""The source that stands for standard input."""

SUFFIXES: Mapping[str, Format] = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}
"""The format :func:`~recertlib.read_people` infers from a file's suffix (without
regard to case)."""


def source_name(source: Readable) -> str:
    if isinstance(source, str | os.PathLike):
        return "<stdin>" if source == STDIN else os.fspath(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) and name else "<stream>"


@contextlib.contextmanager
def opened(source: Readable, name: str) -> Iterator[IO[Any]]:
    """``source`` open for reading; closed afterwards only when it was opened here."""
    if not isinstance(source, str | os.PathLike):
        yield source
    elif source == STDIN:
        yield getattr(sys.stdin, "buffer", sys.stdin)
    else:
        with contextlib.ExitStack() as stack:
            try:
                stream = stack.enter_context(Path(source).open("rb"))
            except OSError as error:
                raise unreadable(name, error) from None
            yield stream


def numbered_lines(
    stream: IO[Any] | Iterable[str] | Iterable[bytes], name: str
) -> Iterator[tuple[int, str | Problem]]:
    """Each line of ``stream`` (an open file, or any lines of text or bytes) with its number
    from 1: its text (line ending kept), or the problem that keeps it from being text.

    :raises InvalidInput: the stream cannot be read, or its first line is not UTF-8 (which
        includes UTF-16), since then no line of it will be.
    """
    number = 0
    lines: Iterator[Any] = iter(stream)
    while True:
        try:
            raw = next(lines)
        except StopIteration:
            return
        except UnicodeDecodeError as error:  # a text stream that is not UTF-8
            number += 1
            problem = Problem(f"line {number}", MISSING, f"not UTF-8 text: {error.reason}")
            if number == 1:
                raise InvalidInput([problem], name) from None
            yield number, problem
            return  # a text stream cannot go on after a decoding error
        except OSError as error:
            raise unreadable(name, error) from None
        number += 1
        if isinstance(raw, str):
            yield number, raw.removeprefix("\ufeff") if number == 1 else raw
        elif number == 1:
            yield number, decode(raw, name)  # a byte order mark, UTF-16, not UTF-8
        else:
            try:
                yield number, raw.decode("utf-8")
            except UnicodeDecodeError as error:
                bad = raw[error.start : error.end].hex(" ")
                where = f"line {number}, byte {error.start + 1}"
                yield number, Problem(where, MISSING, f"not UTF-8 text: bytes {bad}")


def text_lines(numbered: Iterable[tuple[int, str | Problem]], name: str) -> Iterator[str]:
    """The text of each line; a line that is not text ends the reading with an error."""
    for _, line in numbered:
        if isinstance(line, Problem):
            raise InvalidInput([line], name)
        yield line


def sniff(
    lines: Iterator[tuple[int, str | Problem]],
) -> tuple[Format, Iterator[tuple[int, str | Problem]]]:
    seen: list[tuple[int, str | Problem]] = []
    found: Format = "json"
    for number, line in lines:
        seen.append((number, line))
        if isinstance(line, Problem):
            break
        if line.strip():
            if line.lstrip().startswith("{"):
                try:
                    load_json(line, "")
                    found = "jsonl"
                except InvalidInput:
                    pass
            break
    return found, _chain(seen, lines)


def _chain(
    first: list[tuple[int, str | Problem]], rest: Iterator[tuple[int, str | Problem]]
) -> Iterator[tuple[int, str | Problem]]:
    yield from first
    yield from rest
