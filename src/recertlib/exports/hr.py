"""The HR export pair: a people CSV and an activities CSV joined by a person id column,
streamed through a temporary SQLite spill so that no file's people are held at once."""

from __future__ import annotations

import csv
import pickle
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from recertlib.batch import MAX_CELL_CHARS
from recertlib.dates import Date
from recertlib.errors import MISSING, InvalidInput, Problem
from recertlib.exports.documents import PersonRecord
from recertlib.exports.sources import Source, numbered_lines, opened, source_name, text_lines
from recertlib.model import Activity
from recertlib.people import Person, PersonCredential
from recertlib.rules.facts import Facts
from recertlib.serialize import structure
from recertlib.textfiles import csv_error

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

    ``people_csv`` has one row per credential a person holds
    (:data:`~recertlib.exports.hr.PEOPLE_COLUMNS`); ``activities_csv`` one row per activity
    (:data:`~recertlib.exports.hr.ACTIVITY_COLUMNS`); a person's rows may be anywhere in either
    file. Both are UTF-8 CSV with a header row (a byte order mark before
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
    """The people of an HR export pair, as :func:`~recertlib.exports.read_hr_export` reads
    them: an iterator of :class:`PersonRecord` that spills both files to a temporary SQLite
    database first.

    Close it (or use it in a ``with`` block) to remove the database before it is exhausted.
    """

    def __init__(
        self,
        people_csv: Source,
        activities_csv: Source,
        columns: Mapping[str, str],
        ignore_columns: frozenset[str],
    ) -> None:
        self._people = (people_csv, source_name(people_csv))
        self._activities = (activities_csv, source_name(activities_csv))
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

        :raises InvalidInput: as :func:`~recertlib.exports.read_hr_export` says.
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
    with opened(source, name) as stream:
        reader = csv.reader(text_lines(numbered_lines(stream, name), name))
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
