"""People as HR systems export them: person files in JSON or JSON Lines, and an HR export pair
(a people CSV and an activities CSV joined by a person id), read one person at a time.

Every reader yields :class:`PersonRecord` s: the :class:`~recertlib.Person` read, or the
:class:`~recertlib.InvalidInput` that says, by file and line, why that person (or that row)
could not be read. A bad person never stops the others; a problem with a whole file (it cannot
be read, is empty, is not UTF-8, its header is wrong, it is not CSV) raises
:class:`~recertlib.InvalidInput` naming the file.

**Streaming.** No reader holds a whole file's people at once:

- JSON Lines (:func:`read_people`, ``format="jsonl"``) is read line by line: one person is in
  memory at a time.
- JSON (``format="json"``) is one document, so it is read whole; use JSON Lines for files of
  many people.
- The HR export pair (:func:`read_hr_export`) is spilled row by row, each row checked as it is
  read, into a temporary SQLite database on disk (in a :class:`tempfile.TemporaryDirectory`,
  so under ``TMPDIR``; removed when the iterator is exhausted, closed or collected), indexed by
  person id; then each person is assembled from their rows, in the order their id first
  appears in the people CSV. A person's rows need not be adjacent in either file. Memory stays
  bounded by one person's rows (and SQLite's page cache); disk use is about the size of the
  two files.
"""

from __future__ import annotations

import contextlib
import csv
import os
import pickle
import sqlite3
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Literal

from attrs import frozen

# Private helpers of batch.py, reused so that JSON and CSV are read, and refused, one way.
from recertlib.batch import MAX_CELL_CHARS
from recertlib.checks import nesting_depth
from recertlib.dates import Date
from recertlib.errors import MISSING, InvalidInput, Problem
from recertlib.model import Activity
from recertlib.people import Person, PersonCredential
from recertlib.rules.facts import Facts
from recertlib.serialize import structure
from recertlib.textfiles import (
    MAX_NESTING,
    csv_error,
    decode,
    load_json,
    shown,
    unreadable,
)

Source = str | os.PathLike[str] | IO[str] | IO[bytes]
"""Where people are read from: a path, ``"-"`` for standard input, or an open text or binary
stream (read as UTF-8; a byte order mark before the first line is allowed)."""

Format = Literal["json", "jsonl"]

STDIN = "-"
"""The source that stands for standard input."""

SUFFIXES: Mapping[str, Format] = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}
"""The format :func:`read_people` infers from a file's suffix (without regard to case)."""


@frozen
class PersonRecord:
    """One person read from a file: the person, or why they could not be read."""

    label: str
    """Where the person came from, as ``staff.jsonl line 3 (person 'E-1003')``,
    ``staff.json[2]`` or ``people.csv line 12 (person 'E-1012')`` (the line where the
    person's id first appears)."""
    person: Person | None
    error: InvalidInput | None


# --- Sources and lines ---------------------------------------------------------------------


def _name(source: Source) -> str:
    if isinstance(source, str | os.PathLike):
        return "<stdin>" if source == STDIN else os.fspath(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) and name else "<stream>"


@contextlib.contextmanager
def _opened(source: Source, name: str) -> Iterator[IO[Any]]:
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


def _lines(stream: IO[Any], name: str) -> Iterator[tuple[int, str | Problem]]:
    """Each line of ``stream`` with its number from 1: its text (line ending kept), or the
    problem that keeps it from being text.

    :raises InvalidInput: the stream cannot be read, or its first line is not UTF-8 (which
        includes UTF-16), since then no line of it will be.
    """
    number = 0
    lines = iter(stream)
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


def _text_lines(numbered: Iterable[tuple[int, str | Problem]], name: str) -> Iterator[str]:
    """The text of each line; a line that is not text ends the reading with an error."""
    for _, line in numbered:
        if isinstance(line, Problem):
            raise InvalidInput([line], name)
        yield line


# --- JSON and JSON Lines -------------------------------------------------------------------


def read_people(source: Source, *, format: Format | None = None) -> Iterator[PersonRecord]:
    """Every person in ``source``, in order, each as a :class:`PersonRecord`.

    A person is a JSON object as :func:`~recertlib.structure` reads a :class:`~recertlib.Person`
    (``{"id": ..., "name": ..., "facts": {...}, "credentials": [...], "activities": [...]}``,
    see ``examples/people/maria.json``). ``format`` is

    - ``"json"``: one person object, or a list of them; the file is read whole.
    - ``"jsonl"`` (JSON Lines): one person object per line, read one line at a time; blank
      lines are skipped, and a bad line is yielded as an error naming its line while the
      others are still read.
    - ``None``: from the suffix (:data:`SUFFIXES`: ``.json``; ``.jsonl`` or ``.ndjson``).
      Without a known suffix (standard input, a stream) the content decides: a first line
      that is a whole JSON object on its own is JSON Lines (one such line is one person either
      way), anything else is JSON.

    Nothing is read until the first record is asked for.

    :raises InvalidInput: naming the source: it cannot be read, is empty, is not UTF-8, is
        named ``.csv`` (people in CSV are an HR export pair: :func:`read_hr_export`), or (for
        JSON) is not JSON. A bad person is not raised but yielded with its error.
    """
    if format not in (None, "json", "jsonl"):
        raise ValueError(f"format must be 'json' or 'jsonl', not {format!r}")
    name = _name(source)
    if format is None and isinstance(source, str | os.PathLike) and source != STDIN:
        suffix = Path(source).suffix.casefold()
        if suffix == ".csv":
            message = "a CSV file: people in CSV are an HR export pair (read_hr_export)"
            raise InvalidInput([Problem("$", MISSING, message)], name)
        format = SUFFIXES.get(suffix)
    with _opened(source, name) as stream:
        lines = _lines(stream, name)
        if format is None:
            format, lines = _sniff(lines)
        if format == "json":
            yield from _json_records(lines, name)
        else:
            yield from _jsonl_records(lines, name)


def _sniff(
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


def _json_records(lines: Iterable[tuple[int, str | Problem]], name: str) -> Iterator[PersonRecord]:
    text = "".join(_text_lines(lines, name))
    if not text.strip():
        problem = Problem("line 1", MISSING, "empty file: expected a person object or a list")
        raise InvalidInput([problem], name)
    data = load_json(text, name)
    if isinstance(data, Mapping):
        yield _person_record(data, name)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield _person_record(item, f"{name}[{index}]")
    else:
        problem = Problem("$", shown(data), "expected a person object or a list of them")
        yield PersonRecord(name, None, InvalidInput([problem], name))


def _jsonl_records(lines: Iterable[tuple[int, str | Problem]], name: str) -> Iterator[PersonRecord]:
    empty = True
    for number, line in lines:
        label = f"{name} line {number}"
        if isinstance(line, Problem):
            empty = False
            yield PersonRecord(label, None, InvalidInput([line], label))
            continue
        if not line.strip():
            continue
        empty = False
        try:
            data = load_json(line.rstrip("\r\n"), label, number)
        except InvalidInput as error:
            yield PersonRecord(label, None, error)
            continue
        yield _person_record(data, label)
    if empty:
        problem = Problem("line 1", MISSING, "empty file: expected one person object per line")
        raise InvalidInput([problem], name)


def _person_record(data: Any, label: str) -> PersonRecord:
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


# --- The HR export pair --------------------------------------------------------------------

PEOPLE_COLUMNS: Mapping[str, str] = {
    "person_id": "the person's identifier, which joins the two files (required)",
    "name": "the person's name (the same on each of their rows, or empty)",
    "birth_date": "the person's birth date, YYYY-MM-DD (the same on each row, or empty)",
    "body": "the certifying body's code, as AAMA (required in the header)",
    "credential": "the credential's code within that body, as CMA (required in the header)",
    "certified_on": "when the holder last certified, YYYY-MM-DD (required in the header)",
    "expires_on": "the expiry the body records, YYYY-MM-DD",
    "member": "whether the person is a member of this credential's body: yes or no",
    "first_renewal": "whether this credential has never been renewed: yes or no",
    "originally_issued_on": "when this credential was first issued, YYYY-MM-DD",
    "inactive": "whether the body records this credential as inactive: yes or no",
}
"""The columns of the people CSV, by recertlib's names: one row per credential a person holds
(a row whose credential cells are all empty names a person who holds none)."""

ACTIVITY_COLUMNS: Mapping[str, str] = {
    "person_id": "the identifier of the person who completed it (required)",
    "title": "the activity's title (required)",
    "completed_on": "YYYY-MM-DD (required)",
    "amount": "a decimal numeral, as 1.5 (required)",
    "unit": "the unit of the amount, as contact_hour or iacet_ceu (required)",
    "area": "the content area, in the body's words",
    "other_areas": "further content areas it may count in, separated by ';'",
    "provider": "who provided it",
    "approved_by": "codes of the bodies that approved it, separated by ';' (AAMA;NHA)",
    "certificate_id": "the certificate's number",
    "tags": "labels the rules may select on, separated by ';' (implicit bias;ethics)",
    "started_on": "the first day of a course over several days, YYYY-MM-DD",
}
"""The columns of the activities CSV, by recertlib's names: one row per activity."""

_PEOPLE_REQUIRED = ("person_id", "body", "credential", "certified_on")
_ACTIVITY_REQUIRED = ("person_id", "title", "completed_on", "amount", "unit")
_CREDENTIAL_CELLS = ("body", "credential", "certified_on", "expires_on")
_CREDENTIAL_FACTS = ("member", "first_renewal", "originally_issued_on", "inactive")
_BOOLEAN_FACTS = frozenset({"member", "first_renewal", "inactive"})
_LISTS = ("approved_by", "other_areas", "tags")
_TRUE = frozenset({"yes", "y", "true", "t", "1"})
_FALSE = frozenset({"no", "n", "false", "f", "0"})
_BATCH = 1000  # rows written to the spill database per statement


def read_hr_export(
    people_csv: Source,
    activities_csv: Source,
    *,
    columns: Mapping[str, str] | None = None,
    ignore_columns: Iterable[str] = (),
) -> HrExport:
    """Every person of an HR export pair, one at a time, in the order their id first appears
    in ``people_csv``.

    ``people_csv`` has one row per credential a person holds (:data:`PEOPLE_COLUMNS`);
    ``activities_csv`` one row per activity (:data:`ACTIVITY_COLUMNS`); a person's rows may
    be anywhere in either file. Both are UTF-8 CSV with a header row (a byte order mark before
    it, as spreadsheets write, is allowed); empty cells are left out and blank lines skipped.
    Either may be ``"-"`` (standard input) or an open stream. Person ids are compared exactly,
    once surrounding spaces are trimmed; dates are ``YYYY-MM-DD``; a yes-or-no cell takes
    yes/no, y/n, true/false, t/f or 1/0, without regard to case. ``name`` and ``birth_date``
    are the person's; the other facts are the credential's of the row they are on.

    ``columns`` maps recertlib's column names to the files' headers:
    ``{"person_id": "Employee ID", "certified_on": "Cert Date"}``; a name not mapped is its
    own header. A name may be given for one file only, as ``"activities.person_id"`` or
    ``"people.name"``, which wins over the plain name for that file. Headers are compared
    without regard to case or surrounding spaces. A header neither known nor in
    ``ignore_columns`` is refused, so that a misspelt column is reported rather than ignored.

    What is yielded:

    - each person, as read from all their rows;
    - a person any of whose rows is bad (a bad date, amount, yes/no or id; missing cells; a
      name or birth date that differs between their rows) as one error that names every bad
      line in both files; such a person is not evaluated, since a verdict on part of their
      record would be wrong without saying so;
    - a row without a person id as an error of its own;
    - then, for each person id found in ``activities_csv`` but not in ``people_csv``, one
      error naming every line with it (no activity is dropped silently);
    - then the activity rows without a person id, each an error of its own.

    Both files are read, and every row checked, when the first record is asked for
    (:meth:`HrExport.spill` does it at once and counts the people).

    :raises InvalidInput: naming the file: it cannot be read, is empty, is not UTF-8 or not
        CSV, or its header has an unknown, repeated, unnamed or missing column; or naming
        ``columns`` when the mapping is wrong.
    """
    return HrExport(people_csv, activities_csv, columns or {}, frozenset(ignore_columns))


class HrExport(Iterator[PersonRecord]):
    """The people of an HR export pair, as :func:`read_hr_export` reads them: an iterator of
    :class:`PersonRecord` that spills both files to a temporary SQLite database first.

    Close it (or use it in a ``with`` block) to remove the database before it is exhausted.
    """

    def __init__(
        self,
        people_csv: Source,
        activities_csv: Source,
        columns: Mapping[str, str],
        ignore_columns: frozenset[str],
    ) -> None:
        self._people = (people_csv, _name(people_csv))
        self._activities = (activities_csv, _name(activities_csv))
        self._headers = {
            "people": _mapped(columns, "people", PEOPLE_COLUMNS),
            "activities": _mapped(columns, "activities", ACTIVITY_COLUMNS),
        }
        self._ignored = frozenset(header.strip().casefold() for header in ignore_columns)
        self._people_count: int | None = None
        self._records: Iterator[PersonRecord] | None = None
        self._directory: tempfile.TemporaryDirectory[str] | None = None
        self._database: sqlite3.Connection | None = None

    @property
    def people(self) -> int | None:
        """How many distinct person ids the people CSV has, once it is spilled."""
        return self._people_count

    def spill(self) -> int:
        """Read and check both files into the spill database now, if not yet done; the number
        of distinct person ids in the people CSV (a progress bar's total).

        :raises InvalidInput: as :func:`read_hr_export` says.
        """
        if self._records is None:
            self._directory = tempfile.TemporaryDirectory(prefix="recertlib-")
            try:
                # Used by one thread at a time, though not always the one that spilled.
                self._database = sqlite3.connect(
                    Path(self._directory.name, "spill.db"), check_same_thread=False
                )
                self._people_count = _spill(
                    self._database, self._people, self._activities, self._headers, self._ignored
                )
            except BaseException:
                self.close()
                raise
            self._records = _assemble(
                self._database, self._people[1], self._activities[1], self._headers
            )
        return self._people_count or 0  # 0 once closed before spilling

    def __iter__(self) -> HrExport:
        return self

    def __next__(self) -> PersonRecord:
        if self._records is None:
            self.spill()
        assert self._records is not None
        try:
            return next(self._records)
        except StopIteration:
            self.close()
            raise

    def close(self) -> None:
        """Remove the spill database; nothing more is yielded."""
        records = getattr(self, "_records", None)
        close = getattr(records, "close", None)
        if close is not None:
            close()
        self._records = iter(())
        if getattr(self, "_database", None) is not None:
            assert self._database is not None
            self._database.close()
            self._database = None
        if getattr(self, "_directory", None) is not None:
            assert self._directory is not None
            self._directory.cleanup()
            self._directory = None

    def __enter__(self) -> HrExport:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()


def _mapped(columns: Mapping[str, str], file: str, known: Mapping[str, str]) -> dict[str, str]:
    """recertlib's name of each column of ``file`` with the header it has there."""
    problems = []
    prefixes = ("people.", "activities.")
    for key, header in columns.items():
        name = key.split(".", 1)[1] if key.startswith(prefixes) else key
        if name not in PEOPLE_COLUMNS and name not in ACTIVITY_COLUMNS:
            everything = sorted({*PEOPLE_COLUMNS, *ACTIVITY_COLUMNS})
            problems.append(
                Problem(
                    f"columns[{key!r}]", header, f"unknown name; known: {', '.join(everything)}"
                )
            )
        elif key.startswith("people.") and name not in PEOPLE_COLUMNS:
            problems.append(Problem(f"columns[{key!r}]", header, "not a column of the people CSV"))
        elif key.startswith("activities.") and name not in ACTIVITY_COLUMNS:
            problems.append(
                Problem(f"columns[{key!r}]", header, "not a column of the activities CSV")
            )
        if not isinstance(header, str) or not header.strip():
            problems.append(Problem(f"columns[{key!r}]", header, "expected a header as text"))
    if problems:
        raise InvalidInput(problems, "columns")
    headers = {
        name: columns.get(f"{file}.{name}", columns.get(name, name)).strip() for name in known
    }
    seen: dict[str, str] = {}
    for name, header in headers.items():
        folded = header.casefold()
        if folded in seen:
            problems.append(
                Problem(f"columns[{name!r}]", header, f"the header of {seen[folded]!r} too")
            )
        seen[folded] = name
    if problems:
        raise InvalidInput(problems, "columns")
    return headers


def _spill(
    database: sqlite3.Connection,
    people: tuple[Source, str],
    activities: tuple[Source, str],
    headers: Mapping[str, Mapping[str, str]],
    ignored: frozenset[str],
) -> int:
    database.executescript(
        """
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        PRAGMA temp_store = FILE;
        CREATE TABLE person (seq INTEGER PRIMARY KEY, id TEXT UNIQUE, line INTEGER, row BLOB);
        CREATE TABLE people_row (seq INTEGER PRIMARY KEY, id TEXT, row BLOB);
        CREATE TABLE activity_row (seq INTEGER PRIMARY KEY, id TEXT, row BLOB);
        """
    )
    with database:
        people_rows = _rows(people, headers["people"], _PEOPLE_REQUIRED, ignored, _people_row)
        for chunk in _chunks(people_rows):
            # A person's first row, or a row without an id, is a record of its own, in order.
            database.executemany(
                "INSERT OR IGNORE INTO person (id, line, row) VALUES (?, ?, ?)",
                [(pid, line, None if pid else row) for pid, line, row in chunk],
            )
            database.executemany(
                "INSERT INTO people_row (id, row) VALUES (?, ?)",
                [(pid, row) for pid, _, row in chunk if pid is not None],
            )
        activity_rows = _rows(
            activities, headers["activities"], _ACTIVITY_REQUIRED, ignored, _activity_row
        )
        for chunk in _chunks(activity_rows):
            database.executemany(
                "INSERT INTO activity_row (id, row) VALUES (?, ?)",
                [(pid, row) for pid, _, row in chunk],
            )
        database.execute("CREATE INDEX people_row_id ON people_row (id)")
        database.execute("CREATE INDEX activity_row_id ON activity_row (id)")
    count: int = database.execute("SELECT count(id) FROM person").fetchone()[0]
    return count


_Spilled = tuple[str | None, int, bytes]  # person id, line, the pickled row


def _chunks(rows: Iterator[_Spilled]) -> Iterator[list[_Spilled]]:
    chunk: list[_Spilled] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= _BATCH:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# A row as spilled: (line, person-level cells, the credential or activity, problems).
_Row = tuple[int, dict[str, Any], Any, list[tuple[str, bool, Any, str]]]


def _frozen_problems(problems: Sequence[Problem]) -> list[tuple[str, bool, Any, str]]:
    # MISSING is a sentinel compared by identity, which pickling would not keep.
    return [
        (p.path, p.value is MISSING, None if p.value is MISSING else p.value, p.message)
        for p in problems
    ]


def _thawed(problems: Sequence[tuple[str, bool, Any, str]]) -> list[Problem]:
    return [
        Problem(path, MISSING if missing else value, message)
        for path, missing, value, message in problems
    ]


def _rows(
    file: tuple[Source, str],
    headers: Mapping[str, str],
    required: Sequence[str],
    ignored: frozenset[str],
    parse: Any,
) -> Iterator[_Spilled]:
    """Each row of a CSV file as (person id, line, pickled :data:`_Row`), checked as it is
    read."""
    source, name = file
    with _opened(source, name) as stream:
        reader = csv.reader(_text_lines(_lines(stream, name), name))
        next_line = 1
        positions: dict[str, int] | None = None
        width = 0
        try:
            for cells in reader:
                line, next_line = next_line, reader.line_num + 1
                if not cells:  # a blank line
                    continue
                if positions is None:
                    positions = _header(line, cells, headers, required, ignored, name)
                    width = len(cells)
                    continue
                person_id, row = parse(name, line, cells, width, positions, headers)
                yield person_id, line, pickle.dumps(row, pickle.HIGHEST_PROTOCOL)
        except csv.Error as error:
            raise InvalidInput(
                [Problem(f"line {next_line}", MISSING, csv_error(error))], name
            ) from None
        if positions is None:
            expected = ", ".join(headers[column] for column in required)
            problem = Problem("line 1", MISSING, f"empty file: expected a header row ({expected})")
            raise InvalidInput([problem], name)


def _header(
    line: int,
    cells: list[str],
    headers: Mapping[str, str],
    required: Sequence[str],
    ignored: frozenset[str],
    name: str,
) -> dict[str, int]:
    by_header = {header.casefold(): column for column, header in headers.items()}
    positions: dict[str, int] = {}
    problems = []
    for position, cell in enumerate(cells, start=1):
        header = cell.strip()
        where = f"line {line}, column {position}"
        column = by_header.get(header.casefold())
        if not header:
            problems.append(Problem(where, cell, "a column without a name"))
        elif column is None:
            if header.casefold() not in ignored:
                known = ", ".join(headers.values())
                problems.append(Problem(where, header, f"unknown column; expected some of {known}"))
        elif column in positions:
            problems.append(
                Problem(where, header, f"repeated column: also column {positions[column] + 1}")
            )
        else:
            positions[column] = position - 1
    for column in required:
        if column not in positions:
            message = f"missing the column {headers[column]!r}"
            if headers[column] != column:
                message += f" ({column})"
            problems.append(Problem(f"line {line}", MISSING, message))
    if problems:
        raise InvalidInput(problems, name)
    return positions


def _cells(
    name: str,
    line: int,
    cells: list[str],
    width: int,
    positions: Mapping[str, int],
    headers: Mapping[str, str],
) -> tuple[str | None, dict[str, str], list[Problem]]:
    """The person id, the non-empty cells by column, and the problems of the row's shape."""
    problems = []
    if len(cells) > width:
        problems.append(Problem(f"{name} line {line}", cells[width:], "more cells than columns"))
    elif len(cells) < width:
        problems.append(
            Problem(
                f"{name} line {line}", MISSING, f"fewer cells than columns: {len(cells)} of {width}"
            )
        )
    values: dict[str, str] = {}
    id_too_long = False
    for column, position in positions.items():
        if position >= len(cells):
            continue
        cell = cells[position]
        if len(cell) > MAX_CELL_CHARS:
            id_too_long = id_too_long or column == "person_id"
            problems.append(
                Problem(
                    _where(name, line, headers[column]),
                    MISSING,
                    f"a cell of {len(cell)} characters; at most {MAX_CELL_CHARS} are read",
                )
            )
        elif cell.strip():
            values[column] = cell.strip()
    person_id = values.pop("person_id", None)
    if person_id is None and not id_too_long:
        problems.append(Problem(_where(name, line, headers["person_id"]), MISSING, "no person id"))
    return person_id, values, problems


def _where(name: str, line: int, header: str) -> str:
    return f"{name} line {line}, column {header!r}"


def _field_problems(
    error: InvalidInput, name: str, line: int, headers: Mapping[str, str]
) -> list[Problem]:
    """``error``'s problems at the row's cells: ``$.facts.member`` is the column ``member``."""
    found = []
    for problem in error.problems:
        column = problem.path.removeprefix("$.").removeprefix("facts.").split(".")[0].split("[")[0]
        where = _where(name, line, headers[column]) if column in headers else f"{name} line {line}"
        found.append(Problem(where, problem.value, problem.message))
    return found


def _people_row(
    name: str,
    line: int,
    cells: list[str],
    width: int,
    positions: Mapping[str, int],
    headers: Mapping[str, str],
) -> tuple[str | None, _Row]:
    person_id, values, problems = _cells(name, line, cells, width, positions, headers)
    person: dict[str, Any] = {}
    if "name" in values:
        person["name"] = values["name"]
    if "birth_date" in values:
        try:
            person["birth_date"] = structure({"birth_date": values["birth_date"]}, Facts).birth_date
        except InvalidInput as error:
            problems += _field_problems(error, name, line, headers)
    facts: dict[str, Any] = {}
    for fact in _CREDENTIAL_FACTS:
        if fact in values:
            value: Any = values[fact]
            if fact in _BOOLEAN_FACTS:
                value = _boolean(value)
                if value is None:
                    problems.append(
                        Problem(
                            _where(name, line, headers[fact]),
                            values[fact],
                            "expected yes or no (true or false, 1 or 0)",
                        )
                    )
                    continue
            facts[fact] = value
    credential = None
    data: dict[str, Any] = {cell: values[cell] for cell in _CREDENTIAL_CELLS if cell in values}
    if data or facts:
        data["facts"] = facts
        try:
            credential = structure(data, PersonCredential)
        except InvalidInput as error:
            problems += _field_problems(error, name, line, headers)
    return person_id, (line, person, credential, _frozen_problems(problems))


def _boolean(value: str) -> bool | None:
    folded = value.casefold()
    return True if folded in _TRUE else False if folded in _FALSE else None


def _activity_row(
    name: str,
    line: int,
    cells: list[str],
    width: int,
    positions: Mapping[str, int],
    headers: Mapping[str, str],
) -> tuple[str | None, _Row]:
    person_id, values, problems = _cells(name, line, cells, width, positions, headers)
    data: dict[str, Any] = dict(values)
    for column in _LISTS:
        if column in data:
            data[column] = [item.strip() for item in data[column].split(";") if item.strip()]
    activity = None
    try:
        activity = structure(data, Activity)
    except InvalidInput as error:
        problems += _field_problems(error, name, line, headers)
    return person_id, (line, {}, activity, _frozen_problems(problems))


def _assemble(
    database: sqlite3.Connection,
    people_name: str,
    activities_name: str,
    headers: Mapping[str, Mapping[str, str]],
) -> Iterator[PersonRecord]:
    people = database.cursor()
    people.execute("SELECT id, line, row FROM person ORDER BY seq")
    for person_id, line, row in people:
        if person_id is None:  # a row without a person id
            label = f"{people_name} line {line}"
            yield PersonRecord(label, None, InvalidInput(_thawed(pickle.loads(row)[3]), label))
            continue
        label = f"{people_name} line {line} (person {person_id!r})"
        yield _person(database, person_id, label, people_name, headers["people"])
    orphans = database.cursor()
    orphans.execute(
        """SELECT id FROM activity_row AS a
           WHERE id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM person AS p WHERE p.id = a.id)
           GROUP BY id ORDER BY min(seq)"""
    )
    id_header = headers["activities"]["person_id"]
    for (person_id,) in orphans:
        problems = []
        first = None
        for (row,) in database.execute(
            "SELECT row FROM activity_row WHERE id = ? ORDER BY seq", (person_id,)
        ):
            line, _, _, row_problems = pickle.loads(row)
            first = line if first is None else first
            problems.append(
                Problem(
                    _where(activities_name, line, id_header),
                    person_id,
                    f"no person with this id in {people_name}",
                )
            )
            problems += _thawed(row_problems)
        label = f"{activities_name} line {first} (person {person_id!r})"
        yield PersonRecord(label, None, InvalidInput(problems, label))
    without_id = database.cursor()
    without_id.execute("SELECT row FROM activity_row WHERE id IS NULL ORDER BY seq")
    for (row,) in without_id:
        line, _, _, row_problems = pickle.loads(row)
        label = f"{activities_name} line {line}"
        yield PersonRecord(label, None, InvalidInput(_thawed(row_problems), label))


def _person(
    database: sqlite3.Connection,
    person_id: str,
    label: str,
    people_name: str,
    headers: Mapping[str, str],
) -> PersonRecord:
    problems: list[Problem] = []
    credentials: list[PersonCredential] = []
    activities: list[Activity] = []
    given: dict[str, tuple[int, Any]] = {}  # name and birth date: the first line giving each
    for (row,) in database.execute(
        "SELECT row FROM people_row WHERE id = ? ORDER BY seq", (person_id,)
    ):
        line, person, credential, row_problems = pickle.loads(row)
        problems += _thawed(row_problems)
        if credential is not None:
            credentials.append(credential)
        for column, value in person.items():
            if column not in given:
                given[column] = (line, value)
            elif given[column][1] != value:
                first_line, first_value = given[column]
                problems.append(
                    Problem(
                        _where(people_name, line, headers[column]),
                        str(value),
                        f"differs from line {first_line}: {str(first_value)!r}",
                    )
                )
    for (row,) in database.execute(
        "SELECT row FROM activity_row WHERE id = ? ORDER BY seq", (person_id,)
    ):
        _, _, activity, row_problems = pickle.loads(row)
        problems += _thawed(row_problems)
        if activity is not None:
            activities.append(activity)
    if problems:
        return PersonRecord(label, None, InvalidInput(problems, label))
    name = given.get("name", (0, ""))[1]
    birth_date: Date | None = given.get("birth_date", (0, None))[1]
    try:
        person = Person(
            person_id,
            name=name,
            facts=Facts(birth_date=birth_date),
            credentials=credentials,
            activities=activities,
        )
    except (TypeError, ValueError) as error:
        return PersonRecord(label, None, InvalidInput([Problem("$", MISSING, str(error))], label))
    return PersonRecord(label, person, None)


__all__ = [
    "ACTIVITY_COLUMNS",
    "PEOPLE_COLUMNS",
    "STDIN",
    "SUFFIXES",
    "HrExport",
    "PersonRecord",
    "Source",
    "read_hr_export",
    "read_people",
]
