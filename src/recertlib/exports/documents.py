"""People, and holders, in JSON and JSON Lines files: one record at a time, each read or
refused on its own."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from attrs import frozen

from recertlib.batch import Record, holder_record
from recertlib.checks import nesting_depth
from recertlib.errors import MISSING, InvalidInput, Problem
from recertlib.exports.sources import (
    STDIN,
    SUFFIXES,
    Format,
    Source,
    numbered_lines,
    opened,
    sniff,
    source_name,
    text_lines,
)
from recertlib.people import Person
from recertlib.serialize import structure
from recertlib.textfiles import MAX_NESTING, load_json, shown


@frozen
class PersonRecord:
    """One person read from a file: the person, or why they could not be read."""

    label: str
    """Where the person came from, as ``staff.jsonl line 3 (person 'E-1003')``,
    ``staff.json[2]`` or ``people.csv line 12 (person 'E-1012')`` (the line where the
    person's id first appears)."""
    person: Person | None
    error: InvalidInput | None


def read_people(source: Source, *, format: Format | None = None) -> Iterator[PersonRecord]:
    """Every person in ``source``, in order, each as a :class:`PersonRecord`.

    A person is a JSON object as :func:`~recertlib.structure` reads a :class:`~recertlib.Person`
    (``{"id": ..., "name": ..., "facts": {...}, "credentials": [...], "activities": [...]}``,
    see ``examples/people/maria.json``). ``format`` is

    - ``"json"``: one person object, or a list of them; the file is read whole.
    - ``"jsonl"`` (JSON Lines): one person object per line, read one line at a time; blank
      lines are skipped, and a bad line is yielded as an error naming its line while the
      others are still read.
    - ``None``: from the suffix (:data:`~recertlib.exports.sources.SUFFIXES`: ``.json``;
      ``.jsonl`` or ``.ndjson``).
      Without a known suffix (standard input, a stream) the content decides: a first line
      that is a whole JSON object on its own is JSON Lines (one such line is one person either
      way), anything else is JSON.

    Nothing is read until the first record is asked for.

    :raises InvalidInput: naming the source: it cannot be read, is empty, is not UTF-8, is
        named ``.csv`` (people in CSV are an HR export pair:
        :func:`~recertlib.exports.read_hr_export`), or (for JSON) is not JSON. A bad person is
        not raised but yielded with its error.
    """
    return _read(source, format, person_record, PersonRecord, "a person object")


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
    source: Source, *, format: Format | None = None
) -> Iterator[Record | PersonRecord]:
    """Every record in ``source``, holders and people alike, in order: a holder record as a
    :class:`~recertlib.Record`, a person as a :class:`PersonRecord`
    (:func:`is_person_record` tells them apart). Sources and formats are as
    :func:`~recertlib.exports.read_people` reads them; an empty list is an error record, since
    it holds no one.
    """
    return _read(source, format, _any_record, Record, "a holder or person object")


R = TypeVar("R", Record, PersonRecord, Record | PersonRecord)


def _any_record(data: Any, label: str) -> Record | PersonRecord:
    return person_record(data, label) if is_person_record(data) else holder_record(data, label)


def _read(
    source: Source,
    format: Format | None,
    record: Callable[[Any, str], R],
    refused: Callable[[str, None, InvalidInput], R],
    what: str,
) -> Iterator[R]:
    if format not in (None, "json", "jsonl"):
        raise ValueError(f"format must be 'json' or 'jsonl', not {format!r}")
    name = source_name(source)
    if format is None and isinstance(source, str | os.PathLike) and source != STDIN:
        suffix = Path(source).suffix.casefold()
        if suffix == ".csv":
            message = (
                "a CSV file: people in CSV come as an HR export pair, read with"
                " recertlib.exports.read_hr_export (on the command line: --people-csv FILE"
                " --activities-csv FILE)"
            )
            raise InvalidInput([Problem("$", MISSING, message)], name)
        format = SUFFIXES.get(suffix)
    with opened(source, name) as stream:
        lines = numbered_lines(stream, name)
        if format is None:
            format, lines = sniff(lines)
        if format == "json":
            yield from _document(lines, name, record, refused, what)
        else:
            yield from _json_lines(lines, name, record, refused, what)


def _document(
    lines: Iterable[tuple[int, str | Problem]],
    name: str,
    record: Callable[[Any, str], R],
    refused: Callable[[str, None, InvalidInput], R],
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
            yield refused(name, None, InvalidInput([problem], name))
        for index, item in enumerate(data):
            yield record(item, f"{name}[{index}]")
    else:
        problem = Problem("$", shown(data), f"expected {what} or a list of them")
        yield refused(name, None, InvalidInput([problem], name))


def _json_lines(
    lines: Iterable[tuple[int, str | Problem]],
    name: str,
    record: Callable[[Any, str], R],
    refused: Callable[[str, None, InvalidInput], R],
    what: str,
) -> Iterator[R]:
    empty = True
    for number, line in lines:
        label = f"{name} line {number}"
        if isinstance(line, Problem):
            empty = False
            yield refused(label, None, InvalidInput([line], label))
            continue
        if not line.strip():
            continue
        empty = False
        try:
            data = load_json(line.rstrip("\r\n"), label, number)
        except InvalidInput as error:
            yield refused(label, None, error)
            continue
        yield record(data, label)
    if empty:
        problem = Problem("line 1", MISSING, f"empty file: expected {what} per line")
        raise InvalidInput([problem], name)


def person_record(data: Any, label: str) -> PersonRecord:
    """One person read from its parsed JSON ``data``, labelled ``label`` (with the person's id
    when it has one), or the error that keeps them from being read."""
    if not isinstance(data, Mapping):
        problem = Problem("$", shown(data), "expected a person object")
        return PersonRecord(label, None, InvalidInput([problem], label))
    person_id = data.get("id")
    if isinstance(person_id, str) and person_id.strip():
        label = f"{label} (person {person_id!r})"
    if nesting_depth(data, MAX_NESTING + 1) > MAX_NESTING:
        problem = Problem("$", MISSING, f"nested more than {MAX_NESTING} levels deep")
        return PersonRecord(label, None, InvalidInput([problem], label))
    try:
        return PersonRecord(label, structure(data, Person, record=label), None)
    except InvalidInput as error:
        return PersonRecord(label, None, error)
