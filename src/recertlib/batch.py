"""Reading holders and activities from files, and evaluating many holders at once so that one
bad record is reported while the others are still evaluated."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pendulum
from attrs import frozen

from recertlib.checks import nesting_depth
from recertlib.engine import evaluate
from recertlib.errors import MISSING, InvalidInput, Problem, RecertlibError
from recertlib.model import Activity, Holder
from recertlib.registry import Registry, default_registry
from recertlib.serialize import structure, structure_holder
from recertlib.textfiles import (
    MAX_NESTING,
    csv_error,
    decode,
    load_json,
    read_bytes,
    shown,
)
from recertlib.verdict import Verdict


@frozen
class Record:
    """One record read from a holder file: the holder, or why it could not be read."""

    label: str
    """Where the record came from, as ``holders.json[2]``."""
    holder: Holder | None
    error: InvalidInput | None


@frozen
class Outcome:
    """One record evaluated: its verdict, or the error that kept it from one."""

    label: str
    verdict: Verdict | None
    error: RecertlibError | None


def records_from_data(data: Any, source: str) -> list[Record]:
    """The records of a holder file's parsed JSON: one holder object, or a list of them."""
    if isinstance(data, Mapping):
        return [holder_record(data, source)]
    if isinstance(data, list):
        return [holder_record(item, f"{source}[{index}]") for index, item in enumerate(data)]
    problem = Problem("$", shown(data), "expected a holder object or a list of them")
    return [Record(source, None, InvalidInput([problem], source))]


def read_holders(path: str | Path) -> list[Record]:
    """The records of the holder file at ``path``: UTF-8 JSON (a byte order mark before it is
    allowed), one holder object or a list of them.

    :raises InvalidInput: naming the file, and the line and column where there is one: the
        file cannot be read, is empty, is not UTF-8, or is not JSON (which includes ``NaN``,
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


def holder_record(data: Any, label: str) -> Record:
    """One holder-file record read from its parsed JSON ``data``, labelled ``label`` (with the
    holder's name when it has one), or the error that keeps it from being read."""
    holder_name = _holder_name(data)
    if holder_name:
        label = f"{label} (holder {holder_name!r})"
    if nesting_depth(data, MAX_NESTING + 1) > MAX_NESTING:
        problem = Problem("$", MISSING, f"nested more than {MAX_NESTING} levels deep")
        return Record(label, None, InvalidInput([problem], label))
    try:
        return Record(label, structure_holder(data, record=label), None)
    except InvalidInput as error:
        return Record(label, None, error)


def _holder_name(data: Any) -> str | None:
    try:
        name = data["credential"]["holder"]
    except (KeyError, TypeError, IndexError):
        return None
    return name if isinstance(name, str) and name else None


def evaluate_records(
    records: Iterable[Record],
    *,
    as_of: datetime.date | str | None = None,
    registry: Registry | None = None,
) -> Iterator[Outcome]:
    """Evaluate every readable record; yield an :class:`Outcome` for each, in order.

    An error in one record (bad data, a credential no plugin provides, rules silent on its
    dates) is yielded in its place and never stops the others.
    """
    registry = registry or default_registry()
    # One date for the whole batch, even one that runs past midnight.
    as_of = pendulum.today().date() if as_of is None else as_of
    for record in records:
        if record.holder is None:
            yield Outcome(record.label, None, record.error)
            continue
        holder = record.holder
        try:
            verdict = evaluate(holder.credential, holder.activities, as_of=as_of, registry=registry)
        except InvalidInput as error:
            yield Outcome(record.label, None, error.in_record(record.label))
        except RecertlibError as error:
            yield Outcome(record.label, None, error)
        else:
            yield Outcome(record.label, verdict, None)


CSV_COLUMNS = (
    "title",
    "completed_on",
    "amount",
    "unit",
    "provider",
    "area",
    "approved_by",
    "certificate_id",
)
"""The columns :func:`~recertlib.read_activities_csv` knows; the first four are required."""


MAX_CELL_CHARS = 10_000
"""The longest CSV cell read, in characters: a title or a certificate number is far shorter.
A longer cell is reported by its line and column and not repeated. (The csv module's own limit,
131,072 characters, is left as it is, since it is global to the process; a cell beyond it ends
the reading with an error naming its line.)"""


def read_activities_csv(path: str | Path) -> list[Activity]:
    """One holder's activities from a CSV file with a header row of
    :data:`~recertlib.batch.CSV_COLUMNS`.

    The file is UTF-8 (a byte order mark before the header, as spreadsheets write, is allowed).
    Empty cells are left out; ``approved_by`` lists approving bodies separated by ``;``; blank
    lines are skipped. A file with a header and no rows holds no activities, which is a holder
    with nothing recorded yet, not an error.

    :raises InvalidInput: naming the file and every problem by its line (and column): the file
        is empty or not UTF-8, a column is unknown, repeated, unnamed or missing, a row has
        more or fewer cells than the header, a cell is longer than ``MAX_CELL_CHARS``, or
        a cell's value is refused. Every bad cell is reported at once, and no row is ever
        dropped, since a verdict on part of a holder's record would be wrong without saying so.
    """
    source = str(path)
    text = decode(read_bytes(path, source), source)
    if not text.strip():
        problem = Problem(
            "line 1", MISSING, f"empty file: expected a header row of ({', '.join(CSV_COLUMNS)})"
        )
        raise InvalidInput([problem], source)
    problems: list[Problem] = []
    lines: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    next_line = 1
    try:
        for cells in reader:
            line, next_line = next_line, reader.line_num + 1
            if cells:  # csv gives a blank line as no cells
                lines.append((line, cells))
    except csv.Error as error:
        problems.append(Problem(f"line {next_line}", MISSING, csv_error(error)))
    if not lines:  # nothing but blank lines before a cell the csv module refused
        raise InvalidInput(problems, source)
    (header_line, header), rows = lines[0], lines[1:]
    columns, missing = _columns(header_line, header, problems)
    activities = []
    for line, cells in rows:
        activity = _csv_row(line, cells, header, columns, missing, problems)
        if activity is not None:
            activities.append(activity)
    if problems:
        raise InvalidInput(sorted(problems, key=_line_order), source)
    return activities


def _line_order(problem: Problem) -> int:
    # Problems sorted by line, keeping their order within a line.
    number = problem.path.removeprefix("line ").split(".")[0].split(",")[0]
    return int(number) if number.isdigit() else 0


def _columns(
    line: int, header: list[str], problems: list[Problem]
) -> tuple[dict[str, int], set[str]]:
    """The known columns' positions (the first of a repeated one), and the required columns
    the header lacks; every problem with the header is added to ``problems``."""
    columns: dict[str, int] = {}
    for position, cell in enumerate(header, start=1):
        name = cell.strip()
        where = f"line {line}, column {position}"
        if not name:
            problems.append(Problem(where, cell, "a column without a name"))
        elif name not in CSV_COLUMNS:
            problems.append(
                Problem(where, name, f"unknown column; expected some of {', '.join(CSV_COLUMNS)}")
            )
        elif name in columns:
            problems.append(
                Problem(where, name, f"repeated column: also column {columns[name] + 1}")
            )
        else:
            columns[name] = position - 1
    missing = {name for name in CSV_COLUMNS[:4] if name not in columns}
    for name in CSV_COLUMNS[:4]:
        if name in missing:
            problems.append(Problem(f"line {line}", MISSING, f"missing the column {name!r}"))
    return columns, missing


def _csv_row(
    line: int,
    cells: list[str],
    header: list[str],
    columns: dict[str, int],
    missing: set[str],
    problems: list[Problem],
) -> Activity | None:
    if len(cells) > len(header):
        problems.append(Problem(f"line {line}", cells[len(header) :], "more cells than columns"))
        return None
    if len(cells) < len(header):
        problems.append(
            Problem(
                f"line {line}",
                MISSING,
                f"fewer cells than columns: {len(cells)} of {len(header)}",
            )
        )
        return None
    long_cells = [
        Problem(
            f"line {line}, column {position}",
            MISSING,
            f"a cell of {len(cell)} characters; at most {MAX_CELL_CHARS} are read",
        )
        for position, cell in enumerate(cells, start=1)
        if len(cell) > MAX_CELL_CHARS
    ]
    if long_cells:
        problems.extend(long_cells)
        return None
    data: dict[str, Any] = {}
    for name, position in columns.items():
        value = cells[position].strip()
        if value:
            data[name] = value
    if "approved_by" in data:
        data["approved_by"] = [
            body.strip() for body in data["approved_by"].split(";") if body.strip()
        ]
    try:
        return structure(data, Activity)
    except InvalidInput as error:
        problems.extend(
            Problem(f"line {line}{problem.path[1:]}", problem.value, problem.message)
            for problem in error.problems
            # A column the header lacks is reported once, for the header.
            if not (problem.value is MISSING and problem.path[2:] in missing)
        )
        return None
