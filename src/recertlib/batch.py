"""Reading holders and activities from files, and evaluating many holders at once so that one
bad record is reported while the others are still evaluated."""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pendulum
from attrs import frozen

from recertlib.engine import evaluate
from recertlib.errors import InvalidInput, Problem, RecertlibError
from recertlib.model import Activity, Holder
from recertlib.registry import Registry, default_registry
from recertlib.serialize import structure, structure_holder
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
        return [_record(data, source)]
    if isinstance(data, list):
        return [_record(item, f"{source}[{index}]") for index, item in enumerate(data)]
    problem = Problem("$", data, "expected a holder object or a list of them")
    return [Record(source, None, InvalidInput([problem], source))]


def read_holders(path: str | Path) -> list[Record]:
    """The records of the holder file at ``path``.

    :raises InvalidInput: the file cannot be read or is not JSON; a bad record does not raise
        but is returned with its error.
    """
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise _unreadable(source, error) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        problem = Problem(
            f"line {error.lineno}, column {error.colno}", source, f"not JSON: {error.msg}"
        )
        raise InvalidInput([problem], source) from None
    return records_from_data(data, source)


def _unreadable(source: str, error: OSError) -> InvalidInput:
    return InvalidInput([Problem("$", source, f"cannot read the file: {error.strerror}")], source)


def _record(data: Any, label: str) -> Record:
    holder_name = _holder_name(data)
    if holder_name:
        label = f"{label} (holder {holder_name!r})"
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


def read_activities_csv(path: str | Path) -> list[Activity]:
    """One holder's activities from a CSV file with a header row of
    :data:`~recertlib.batch.CSV_COLUMNS`.

    Empty cells are left out; ``approved_by`` lists approving bodies separated by ``;``.

    :raises InvalidInput: naming every bad cell by its row and column. No row is ever dropped,
        since a verdict on part of a holder's record would be wrong without saying so.
    """
    source = str(path)
    try:
        with Path(path).open(newline="", encoding="utf-8-sig") as file:
            reader = csv.DictReader(file)
            rows = list(reader)
    except OSError as error:
        raise _unreadable(source, error) from None
    problems = [
        Problem(
            f"column {name!r}", name, f"unknown column; expected some of {', '.join(CSV_COLUMNS)}"
        )
        for name in reader.fieldnames or ()
        if name not in CSV_COLUMNS
    ]
    activities = []
    for line, row in enumerate(rows, start=2):
        if None in row:  # csv's key for cells beyond the header
            problems.append(Problem(f"line {line}", row[None], "more cells than columns"))
            continue
        data: dict[str, Any] = {
            key: value.strip()
            for key, value in row.items()
            if key in CSV_COLUMNS and value and value.strip()
        }
        if "approved_by" in data:
            data["approved_by"] = [
                body.strip() for body in data["approved_by"].split(";") if body.strip()
            ]
        try:
            activities.append(structure(data, Activity))
        except InvalidInput as error:
            problems.extend(
                Problem(f"line {line}{problem.path[1:]}", problem.value, problem.message)
                for problem in error.problems
            )
    if problems:
        raise InvalidInput(problems, source)
    return activities
