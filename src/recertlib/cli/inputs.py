"""Reading the inputs of ``check``, ``plan`` and ``due`` (holder and person files, an HR export
pair) and evaluating them, one record at a time; nothing here writes to a stream."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Mapping, Sequence

from attrs import frozen

from recertlib.engine import evaluate_records
from recertlib.errors import InvalidInput, RecertlibError
from recertlib.inputs import Holder, Person
from recertlib.io import credential_outcomes, read_hr_export, read_records
from recertlib.plugins import Registry, default_registry
from recertlib.quantities.dates import Date, evaluation_date
from recertlib.results import Outcome, PersonVerdict, Verdict

Evaluated = Outcome[Verdict] | Outcome[PersonVerdict]
"""One record of the inputs evaluated: a holder's verdict, a person's verdicts, or the error
that kept the record from either."""


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


def _evaluated(
    label: str,
    records: Iterator[Outcome[Holder] | Outcome[Person]],
    as_of: Date,
    registry: Registry,
    jobs: int,
) -> Iterator[Evaluated]:
    """Each record of ``records`` evaluated; a file-level error ends the file as one failed
    outcome, an unexpected exception is an internal error in its place."""
    readable = _read_safely(label, records)
    if jobs > 1:
        yield from evaluate_records(readable, as_of=as_of, registry=registry, workers=jobs)
        return
    for read in readable:
        try:
            [evaluated] = evaluate_records([read], as_of=as_of, registry=registry)
        except Exception as error:
            evaluated = Outcome.failed(read.label, InternalError(error))
        yield evaluated


def _read_safely(
    label: str, records: Iterator[Outcome[Holder] | Outcome[Person]]
) -> Iterator[Outcome[Holder] | Outcome[Person]]:
    # A file-level error ends the file as one failed record.
    while True:
        try:
            read = next(records)
        except StopIteration:
            return
        except InvalidInput as error:
            yield Outcome.failed(error.record or label, error)
            return
        except Exception as error:
            yield Outcome.failed(label, InternalError(error))
            return
        yield read


def evaluate_inputs(
    inputs: Inputs,
    *,
    as_of: Date,
    registry: Registry,
    total: Callable[[int], None] | None = None,
    jobs: int = 1,
) -> Iterator[tuple[Evaluated, bool]]:
    """Every record of ``inputs`` evaluated on ``as_of``, in order (the files, then the HR
    export pair), in ``jobs`` processes, each with whether it is a person's record. ``total``
    is told how many people the pair holds, once it is read."""
    for path in inputs.files:
        for evaluated in _evaluated(path, read_records(path), as_of, registry, jobs):
            yield evaluated, isinstance(evaluated.value, PersonVerdict)
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
            yield Outcome.failed(error.record or pair, error), True
            return
        except Exception as error:
            yield Outcome.failed(pair, InternalError(error)), True
            return
        if total is not None:
            total(count)
        for evaluated in _evaluated(pair, export, as_of, registry, jobs):
            yield evaluated, True


def check_files(
    paths: Sequence[str],
    *,
    as_of: datetime.date | str | None = None,
    registry: Registry | None = None,
) -> list[Outcome[Verdict]]:
    """Evaluate every record of every holder or person file, in order: one outcome per holder
    record, one per credential of a person.

    A file that cannot be read, or holds no records, is one failed outcome; a record that
    cannot be evaluated is a failed outcome in its place; an unexpected exception (a bug) is
    an :class:`InternalError` outcome. None stops the others.
    """
    registry = registry or default_registry()
    # One date for the whole batch, even one that runs past midnight.
    on = evaluation_date(as_of)
    items = evaluate_inputs(Inputs(tuple(paths)), as_of=on, registry=registry)
    return [outcome for evaluated, _ in items for outcome in credential_outcomes(evaluated)]
