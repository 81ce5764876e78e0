"""Holders and people in JSON and JSON Lines files: one record at a time, each read or refused
on its own, as an :class:`~recertlib.Outcome` of a :class:`~recertlib.Holder` or a
:class:`~recertlib.Person`.

No reader holds a whole JSON Lines file at once: it is read line by line. A JSON file is one
document, so it is read whole; use JSON Lines for files of many records.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal, TypeVar, overload

from attrs import frozen

from recertlib.errors import MISSING, InvalidInput, Problem, nesting_depth, shown_record
from recertlib.inputs import Holder, Person
from recertlib.io.converter import read_plain, structure
from recertlib.io.sources import (
    STDIN,
    SUFFIXES,
    Format,
    Readable,
    numbered_lines,
    opened,
    sniff,
    source_name,
    text_lines,
)
from recertlib.io.text import MAX_NESTING, decode, load_json, read_bytes
from recertlib.results import Outcome


def read_people(source: Readable, *, format: Format | None = None) -> Iterator[Outcome[Person]]:
    """Every person in ``source``, in order, each as an :class:`~recertlib.Outcome`: the person
    read, or the :class:`~recertlib.InvalidInput` that says, by file and line, why not.

    A person is a JSON object as :func:`~recertlib.structure` reads a :class:`~recertlib.Person`
    (``{"id": ..., "name": ..., "facts": {...}, "credentials": [...], "activities": [...]}``,
    see ``examples/people/maria.json``). ``format`` is

    - ``"json"``: one person object, or a list of them; the file is read whole.
    - ``"jsonl"`` (JSON Lines): one person object per line, read one line at a time; blank
      lines are skipped, and a bad line is yielded as an error naming its line while the
      others are still read.
    - ``None``: from the suffix (:data:`~recertlib.io.SUFFIXES`: ``.json``;
      ``.jsonl`` or ``.ndjson``).
      Without a known suffix (standard input, a stream) the content decides: a first line
      that is a whole JSON object on its own is JSON Lines (one such line is one person either
      way), anything else is JSON.

    Nothing is read until the first record is asked for.

    :raises InvalidInput: naming the source: it cannot be read, is empty, is not UTF-8, is
        named ``.csv`` (people in CSV are an HR export pair:
        :func:`~recertlib.read_hr_export`), or (for JSON) is not JSON. A bad person is
        not raised but yielded with its error.
    """
    return _read(source, format, person_record, "a person object")


def is_person_record(data: object) -> bool:
    """Whether a record of a file is a person (``{"id": ..., "credentials": [...], ...}``)
    rather than a holder (``{"credential": {...}, "activities": [...]}``): an object with
    ``id`` or ``credentials`` and without ``credential``. Anything else is a holder record,
    read (or refused) as one."""
    return (
        isinstance(data, Mapping)
        and "credential" not in data
        and ("id" in data or "credentials" in data)
    )


def read_records(
    source: Readable, *, format: Format | None = None
) -> Iterator[Outcome[Holder] | Outcome[Person]]:
    """Every record in ``source``, holders and people alike, in order, each as an
    :class:`~recertlib.Outcome` of a :class:`~recertlib.Holder` or a :class:`~recertlib.Person`
    (:func:`~recertlib.io.is_person_record` tells them apart). Sources and formats are as
    :func:`~recertlib.read_people` reads them; an empty list is an error record, since it holds
    no one.
    """
    return _read(source, format, _any_record, _WHAT["record"])


@frozen
class Line:
    """A line of a JSON Lines file, not yet parsed: :func:`read_line` reads it, wherever the
    record is wanted (in a worker process, so that the process reading the file only splits it
    into lines)."""

    label: str
    """The record's label before its holder or person is known: ``staff.jsonl line 3``."""
    number: int
    text: str


def records_or_lines(
    source: Readable, *, format: Format | None = None
) -> Iterator[Outcome[Holder] | Outcome[Person] | Line]:
    """What :func:`read_records` yields, except that each line of a JSON Lines source that is
    not blank comes as the :class:`Line` itself, for :func:`read_line` to read; a line that is
    not UTF-8 comes as its error, and a JSON file as its records. Errors about the whole source
    are raised as :func:`read_records` raises them."""
    return _read(source, format, _any_record, "a holder or person object", lines=True)


def read_line(line: Line) -> Outcome[Holder] | Outcome[Person]:
    """The record on ``line``, read exactly as :func:`read_records` reads it."""
    return _line_record(line, _any_record)


R = TypeVar("R", Outcome[Holder], Outcome[Person], Outcome[Holder] | Outcome[Person])
T = TypeVar("T", Holder, Person)

RecordKind = Literal["record", "holder", "person"]
"""What each record of a source is read as: ``"record"``, a holder or a person as
:func:`~recertlib.io.is_person_record` tells (as :func:`~recertlib.read_records` reads);
``"holder"``, a holder (as :func:`~recertlib.io.holder_record` reads); ``"person"``, a person
(as :func:`~recertlib.read_people` reads)."""


def _any_record(data: Any, label: str) -> Outcome[Holder] | Outcome[Person]:
    return person_record(data, label) if is_person_record(data) else holder_record(data, label)


def record_reader(kind: RecordKind) -> Callable[[Any, str], Outcome[Holder] | Outcome[Person]]:
    """The function that reads one record of ``kind`` from its parsed JSON ``data`` and its
    ``label``, as :func:`~recertlib.io.holder_record` and :func:`~recertlib.io.person_record`
    do (``"record"``: whichever :func:`~recertlib.io.is_person_record` says).

    :raises ValueError: ``kind`` is not a :data:`~recertlib.io.RecordKind`."""
    readers: dict[str, Callable[[Any, str], Outcome[Holder] | Outcome[Person]]] = {
        "record": _any_record,
        "holder": holder_record,
        "person": person_record,
    }
    if kind not in readers:
        raise ValueError(f"kind must be 'record', 'holder' or 'person', not {kind!r}")
    return readers[kind]


_WHAT: dict[str, str] = {
    "record": "a holder or person object",
    "holder": "a holder object",
    "person": "a person object",
}


def read_json_lines(
    lines: Iterable[tuple[int, str | Problem]], name: str, *, kind: RecordKind = "record"
) -> Iterator[Outcome[Holder] | Outcome[Person]]:
    """The records of numbered lines of the JSON Lines file ``name``, read exactly as
    :func:`~recertlib.read_records` reads a JSON Lines file: each labelled ``NAME line N``
    (with the holder's name or the person's id), blank lines skipped, a line that is not
    JSON or not a record yielded as its error. For lines that come from elsewhere than a
    file recertlib opens, such as one partition of a Dask bag (:mod:`recertlib.dask`).

    :param lines: each line's number (from 1) and text (its line ending is ignored), or the
        problem that keeps it from being text (as
        ``recertlib.io.sources.numbered_lines`` gives them), yielded as its error.
    :param kind: what each line holds (:data:`~recertlib.io.RecordKind`).
    :raises InvalidInput: naming ``name``: no line holds anything.
    """
    for read in _json_lines(lines, name, record_reader(kind), _WHAT[kind], unparsed=False):
        assert not isinstance(read, Line)  # each line is read here
        yield read


@overload
def _read(
    source: Readable, format: Format | None, record: Callable[[Any, str], R], what: str
) -> Iterator[R]: ...


@overload
def _read(
    source: Readable,
    format: Format | None,
    record: Callable[[Any, str], R],
    what: str,
    *,
    lines: Literal[True],
) -> Iterator[R | Line]: ...


def _read(
    source: Readable,
    format: Format | None,
    record: Callable[[Any, str], R],
    what: str,
    *,
    lines: bool = False,
) -> Iterator[R | Line]:
    if format not in (None, "json", "jsonl"):
        raise ValueError(f"format must be 'json' or 'jsonl', not {format!r}")
    name = source_name(source)
    if format is None and isinstance(source, str | os.PathLike) and source != STDIN:
        suffix = Path(source).suffix.casefold()
        if suffix == ".csv":
            message = (
                "a CSV file: people in CSV come as an HR export pair, read with"
                " recertlib.read_hr_export (on the command line: --people-csv FILE"
                " --activities-csv FILE)"
            )
            raise InvalidInput([Problem("$", MISSING, message)], name)
        format = SUFFIXES.get(suffix)
    with opened(source, name) as stream:
        numbered = numbered_lines(stream, name)
        if format is None:
            format, numbered = sniff(numbered)
        if format == "json":
            yield from _document(numbered, name, record, what)
        else:
            yield from _json_lines(numbered, name, record, what, lines)


def _document(
    lines: Iterable[tuple[int, str | Problem]],
    name: str,
    record: Callable[[Any, str], R],
    what: str,
) -> Iterator[R]:
    text = "".join(text_lines(lines, name))
    if not text.strip():
        problem = Problem("line 1", MISSING, f"empty file: expected {what} or a list of them")
        raise InvalidInput([problem], name)
    data = load_json(text, name)
    if isinstance(data, Mapping):
        yield record(data, name)
    elif isinstance(data, list):
        if not data:
            problem = Problem("$", [], f"no records: expected {what}, or a non-empty list of them")
            yield Outcome.failed(name, InvalidInput([problem], name))
        for index, item in enumerate(data):
            yield record(item, f"{name}[{index}]")
    else:
        problem = Problem("$", shown_record(data), f"expected {what} or a list of them")
        yield Outcome.failed(name, InvalidInput([problem], name))


def _json_lines(
    lines: Iterable[tuple[int, str | Problem]],
    name: str,
    record: Callable[[Any, str], R],
    what: str,
    unparsed: bool,
) -> Iterator[R | Line]:
    empty = True
    for number, line in lines:
        label = f"{name} line {number}"
        if isinstance(line, Problem):
            empty = False
            yield Outcome.failed(label, InvalidInput([line], label))
            continue
        if not line.strip():
            continue
        empty = False
        text = Line(label, number, line)
        yield text if unparsed else _line_record(text, record)
    if empty:
        problem = Problem("line 1", MISSING, f"empty file: expected {what} per line")
        raise InvalidInput([problem], name)


def _line_record(line: Line, record: Callable[[Any, str], R]) -> R:
    try:
        data = load_json(line.text.rstrip("\r\n"), line.label, line.number)
    except InvalidInput as error:
        return Outcome.failed(line.label, error)
    return record(data, line.label)


def person_record(data: Any, label: str) -> Outcome[Person]:
    """One person read from its parsed JSON ``data``, labelled ``label`` (with the person's id
    when it has one), or the error that keeps them from being read."""
    if not isinstance(data, Mapping):
        problem = Problem("$", shown_record(data), "expected a person object")
        return Outcome.failed(label, InvalidInput([problem], label))
    person_id = data.get("id")
    if isinstance(person_id, str) and person_id.strip():
        label = f"{label} (person {person_id!r})"
    return _record_of(data, Person, label)


def records_from_data(data: Any, source: str) -> list[Outcome[Holder]]:
    """The records of a holder file's parsed JSON: one holder object, or a list of them."""
    if isinstance(data, Mapping):
        return [holder_record(data, source)]
    if isinstance(data, list):
        return [holder_record(item, f"{source}[{index}]") for index, item in enumerate(data)]
    problem = Problem("$", shown_record(data), "expected a holder object or a list of them")
    return [Outcome.failed(source, InvalidInput([problem], source))]


def read_holders(path: str | Path) -> list[Outcome[Holder]]:
    """The records of the holder file at ``path``: UTF-8 JSON (a byte order mark before it is
    allowed), one holder object or a list of them.

    :raises InvalidInput: naming the file, and the line and column where there is one: the file
        cannot be read, is empty, is not UTF-8, or is not JSON (which includes ``NaN``,
        ``Infinity``, a key repeated in one object, and nesting too deep for any reader). A
        bad record does not raise but is returned with its error.
    """
    source = str(path)
    text = decode(read_bytes(path, source), source)
    if not text.strip():
        raise InvalidInput(
            [Problem("line 1", MISSING, "empty file: expected a holder object or a list of them")],
            source,
        )
    data = load_json(text, source)
    return records_from_data(data, source)


def holder_record(data: Any, label: str) -> Outcome[Holder]:
    """One holder-file record read from its parsed JSON ``data``, labelled ``label`` (with the
    holder's name when it has one), or the error that keeps it from being read."""
    holder_name = _holder_name(data)
    if holder_name:
        label = f"{label} (holder {holder_name!r})"
    return _record_of(data, Holder, label)


def _record_of(data: Any, kind: type[T], label: str) -> Outcome[T]:
    """``data`` read as a ``kind``: in one pass when it is well formed (:func:`read_plain`);
    otherwise, unless it nests too deeply to read, by the converter, which says what is
    wrong."""
    plain = read_plain(data, kind)
    if plain is not None:
        return Outcome.of(label, plain)
    if nesting_depth(data, MAX_NESTING + 1) > MAX_NESTING:
        problem = Problem("$", MISSING, f"nested more than {MAX_NESTING} levels deep")
        return Outcome.failed(label, InvalidInput([problem], label))
    try:
        return Outcome.of(label, structure(data, kind, record=label))
    except InvalidInput as error:
        return Outcome.failed(label, error)


def _holder_name(data: Any) -> str | None:
    try:
        name = data["credential"]["holder"]
    except (KeyError, TypeError, IndexError):
        return None
    return name if isinstance(name, str) and name else None
