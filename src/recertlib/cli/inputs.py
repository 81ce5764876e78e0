"""Reading the inputs of ``check``, ``plan`` and ``due`` (holder and person files, an HR export
pair) and evaluating them, one record at a time; nothing here writes to a stream."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TypeVar

from attrs import frozen

from recertlib.engine.records import evaluate_record
from recertlib.errors import InvalidInput, RecertlibError
from recertlib.inputs import Holder, Person
from recertlib.io import read_hr_export, read_records
from recertlib.io.hr.located import Sources
from recertlib.io.outcomes import credential_outcomes
from recertlib.io.progress import ProgressCallback
from recertlib.plugins import Registry, default_registry
from recertlib.quantities.dates import Date, evaluation_date
from recertlib.results import Outcome, PersonVerdict, Verdict

R = TypeVar("R")

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

    def __reduce__(self) -> tuple[type[InternalError], tuple[BaseException]]:
        # From a worker process: made again from the exception (its traceback stays there).
        return InternalError, (self.error,)


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
    mapping: str | None = None
    """The pair's mapping file (``--mapping FILE``), which ``columns`` win over."""


def _evaluated(
    label: str,
    records: Iterator[Outcome[Holder] | Outcome[Person]],
    as_of: Date,
    registry: Registry,
) -> Iterator[Evaluated]:
    """Each record of ``records`` evaluated; a file-level error ends the file as one failed
    outcome, an unexpected exception is an internal error in its place."""
    for read in read_safely(label, records):
        yield evaluate_safely(read, as_of, registry)


def evaluate_safely(
    read: Outcome[Holder] | Outcome[Person], as_of: Date, registry: Registry
) -> Evaluated:
    """``read`` evaluated; an unexpected exception is an internal error in its place."""
    try:
        return evaluate_record(read, as_of, registry)
    except Exception as error:
        return Outcome.failed(read.label, InternalError(error))


def read_safely(label: str, records: Iterator[R]) -> Iterator[R | Outcome[Person]]:
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
    progress: ProgressCallback | None = None,
) -> Iterator[tuple[Evaluated, bool]]:
    """Every record of ``inputs`` evaluated on ``as_of``, in order (the files, then the HR
    export pair), each with whether it is a person's record. ``total`` is told how many people
    the pair holds, once it is read; ``progress`` how far the pair's spill has come. An error
    of one of the pair's people is said of the files' lines and columns.
    (:func:`~recertlib.cli.jobs.evaluate_in_workers` does the same in worker processes.)"""
    for path in inputs.files:
        for evaluated in _evaluated(path, read_records(path), as_of, registry):
            yield evaluated, isinstance(evaluated.value, PersonVerdict)
    for read, sources in pair_records(inputs, total, progress):
        evaluated = located(evaluate_safely(read, as_of, registry), sources)
        yield evaluated, isinstance(evaluated.value, PersonVerdict)


def pair_records(
    inputs: Inputs,
    total: Callable[[int], None] | None = None,
    progress: ProgressCallback | None = None,
) -> Iterator[tuple[Outcome[Person], Sources | None]]:
    """The people of the HR export pair of ``inputs``, if it has one, each with where it is
    in the files (for :func:`located`); an error with the pair as a whole ends it as one
    failed record. ``total`` is told how many people it holds, once it is read; ``progress``
    how far its spill has come."""
    if inputs.people_csv is None or inputs.activities_csv is None:
        return
    pair = f"{inputs.people_csv} + {inputs.activities_csv}"
    export = read_hr_export(
        inputs.people_csv,
        inputs.activities_csv,
        mapping=inputs.mapping,
        columns=inputs.columns,
        ignore_columns=inputs.ignore_columns,
        progress=progress,
    )
    with export:
        try:
            count = export.spill()
        except InvalidInput as error:
            yield Outcome.failed(error.record or pair, error), None
            return
        except Exception as error:
            yield Outcome.failed(pair, InternalError(error)), None
            return
        if total is not None:
            total(count)
        for read in read_safely(pair, export.sourced()):
            yield read if isinstance(read, tuple) else (read, None)


def located(evaluated: Evaluated, sources: Sources | None) -> Evaluated:
    """``evaluated`` with each credential's input error said of the HR export's lines and
    columns, where ``sources`` says the person was read from."""
    if sources is None or not isinstance(evaluated.value, PersonVerdict):
        return evaluated
    return sources.locate(evaluated)


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
