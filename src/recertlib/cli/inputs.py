"""Reading the inputs of ``check``, ``plan`` and ``due`` (holder and person files, an HR export
pair) into evaluated items, one record at a time; nothing here writes to a stream."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Mapping, Sequence

import pendulum
from attrs import frozen

from recertlib.batch import Outcome, Record, evaluate_records
from recertlib.dates import Date, to_date
from recertlib.errors import InvalidInput, RecertlibError
from recertlib.exports import PersonRecord, read_hr_export, read_records
from recertlib.people import PersonVerdict, evaluate_person
from recertlib.registry import Registry, default_registry


class InternalError(RecertlibError):
    """Stands, in an :class:`~recertlib.Outcome`, for an unexpected exception raised while a
    record was read or evaluated: a bug in recertlib or in a plugin's rules, not bad input.
    The exception is its ``__cause__``."""

    def __init__(self, error: BaseException) -> None:
        self.error = error
        super().__init__(f"internal error: {type(error).__name__}: {error}")
        self.__cause__ = error


@frozen
class Inputs:
    """What ``check``, ``plan`` and ``due`` read: files of holders or people (``"-"`` is
    standard input), and at most one HR export pair."""

    files: tuple[str, ...] = ()
    people_csv: str | None = None
    activities_csv: str | None = None
    columns: Mapping[str, str] = {}
    """recertlib's column names mapped to the pair's headers (``--column NAME=HEADER``)."""
    ignore_columns: tuple[str, ...] = ()


@frozen
class Item:
    """One record of the inputs evaluated: a holder record (one outcome) or a person (one
    outcome per credential they hold, none for a person who holds none)."""

    label: str
    outcomes: tuple[Outcome, ...]
    evaluated: Outcome | PersonVerdict | None
    """What the queries and plans read: the holder's outcome or the person's verdicts;
    ``None`` when nothing could be evaluated."""
    person: bool = False


_Read = Record | PersonRecord


def _credential_label(label: str, body: str, credential: str) -> str:
    what = f"{body} {credential}"
    return f"{label[:-1]}, {what})" if label.endswith(")") else f"{label} ({what})"


def _evaluate(read: _Read, as_of: Date, registry: Registry) -> Item:
    if isinstance(read, Record):
        [outcome] = evaluate_records([read], as_of=as_of, registry=registry)
        return Item(read.label, (outcome,), outcome if outcome.verdict is not None else None)
    if read.person is None:
        return Item(read.label, (Outcome(read.label, None, read.error),), None, person=True)
    evaluated = evaluate_person(read.person, as_of=as_of, registry=registry)
    outcomes = []
    for result in evaluated.outcomes:
        label = _credential_label(read.label, result.credential.body, result.credential.credential)
        error = result.error
        if isinstance(error, InvalidInput):
            error = error.in_record(label)
        outcomes.append(Outcome(label, result.verdict, error))
    return Item(read.label, tuple(outcomes), evaluated, person=True)


def _failed(label: str, error: RecertlibError, person: bool = False) -> Item:
    return Item(label, (Outcome(label, None, error),), None, person=person)


def _items(
    label: str, records: Iterator[_Read], as_of: Date, registry: Registry, person: bool
) -> Iterator[Item]:
    """Each record of ``records`` evaluated; a file-level error ends the file as one failed
    item, an unexpected exception is an internal error in its place."""
    while True:
        try:
            read = next(records)
        except StopIteration:
            return
        except InvalidInput as error:
            yield _failed(error.record or label, error, person)
            return
        except Exception as error:
            yield _failed(label, InternalError(error), person)
            return
        try:
            item = _evaluate(read, as_of, registry)
        except Exception as error:
            item = _failed(read.label, InternalError(error), isinstance(read, PersonRecord))
        yield item


def evaluate_inputs(
    inputs: Inputs,
    *,
    as_of: Date,
    registry: Registry,
    total: Callable[[int], None] | None = None,
) -> Iterator[Item]:
    """Every record of ``inputs`` evaluated on ``as_of``, one at a time, in order: the files,
    then the HR export pair. ``total`` is told how many people the pair holds, once it is
    read."""
    for path in inputs.files:
        yield from _items(path, read_records(path), as_of, registry, person=False)
    if inputs.people_csv is None or inputs.activities_csv is None:
        return
    pair = f"{inputs.people_csv} + {inputs.activities_csv}"
    export = read_hr_export(
        inputs.people_csv,
        inputs.activities_csv,
        columns=inputs.columns,
        ignore_columns=inputs.ignore_columns,
    )
    with export:
        try:
            count = export.spill()
        except InvalidInput as error:
            yield _failed(error.record or pair, error, person=True)
            return
        except Exception as error:
            yield _failed(pair, InternalError(error), person=True)
            return
        if total is not None:
            total(count)
        yield from _items(pair, export, as_of, registry, person=True)


def check_files(
    paths: Sequence[str],
    *,
    as_of: datetime.date | str | None = None,
    registry: Registry | None = None,
) -> list[Outcome]:
    """Evaluate every record of every holder or person file, in order: one outcome per holder
    record, one per credential of a person.

    A file that cannot be read, or holds no records, is one failed outcome; a record that
    cannot be evaluated is a failed outcome in its place; an unexpected exception (a bug) is
    an :class:`InternalError` outcome. None stops the others.
    """
    registry = registry or default_registry()
    # One date for the whole batch, even one that runs past midnight.
    on = pendulum.today().date() if as_of is None else to_date(as_of)
    items = evaluate_inputs(Inputs(tuple(paths)), as_of=on, registry=registry)
    return [outcome for item in items for outcome in item.outcomes]
