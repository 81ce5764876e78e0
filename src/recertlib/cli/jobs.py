"""``--jobs N``: the records of ``check``, ``plan`` and ``due`` read, evaluated and written in
worker processes, in input order, exactly as one process does it.

The process running the command only splits JSON Lines files into lines and hands them out;
each worker parses and reads its records, evaluates them and, for ``check``, writes them: what
comes back is the text to print, the counts and the error reports, which cost next to nothing
to send. (Sending records and verdicts as objects would cost the process handing them out
about a third of what evaluating them costs the workers, and that part does not scale.)
``plan`` and ``due`` gather across records, so their evaluated records come back whole.

A JSON file is one document: it is read, as it is by one process, where the command runs, and
its records are sent as they are read; so are the people of an HR export pair.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from attrs import frozen

from recertlib.cli.counts import Counts
from recertlib.cli.inputs import (
    Evaluated,
    Inputs,
    InternalError,
    evaluate_safely,
    located,
    pair_records,
    read_safely,
)
from recertlib.cli.output import Streams, error_reports
from recertlib.cli.progress_bar import start_progress
from recertlib.engine.workers import in_workers
from recertlib.errors import InvalidInput
from recertlib.inputs import Holder, Person
from recertlib.io.documents import Line, read_line, records_or_lines
from recertlib.io.hr.located import Sources
from recertlib.io.outcomes import credential_outcomes
from recertlib.io.progress import ProgressCallback
from recertlib.plugins import Registry
from recertlib.quantities.dates import Date
from recertlib.results import Outcome, PersonVerdict, Verdict

Item = tuple[Outcome[Holder] | Outcome[Person] | Line, Sources | None]
"""What a worker is sent: a record, read or still a line, and where an HR export pair's person
is in the files, to say its errors of them."""

Encode = Callable[[Outcome[Verdict], Person | None], str | None]
"""What ``check`` prints for one credential's outcome, of a person's record or not (``None``:
nothing); a function of a module, which workers find by name."""


@frozen
class Written:
    """One record evaluated and written by a worker."""

    texts: tuple[str | None, ...]
    """What each of its credentials' outcomes prints, as :data:`Encode` wrote it."""
    counts: Counts
    """What the record counts for."""
    errors: str
    """The reports of its errors, for standard error."""


def evaluate_in_workers(
    inputs: Inputs,
    *,
    as_of: Date,
    registry: Registry,
    total: Callable[[int], None] | None,
    progress: ProgressCallback | None = None,
    jobs: int,
) -> Iterator[tuple[Evaluated, bool]]:
    """What :func:`~recertlib.cli.inputs.evaluate_inputs` yields, evaluated in ``jobs``
    worker processes."""
    items = _items(inputs, total, progress)
    return in_workers(_evaluate, items, (as_of, registry), workers=jobs)


def write_in_workers(
    inputs: Inputs,
    progress_option: str | None,
    streams: Streams,
    as_of: Date,
    registry: Registry,
    counts: Counts,
    encode: Encode,
    write: Callable[[tuple[str | None, ...]], None],
    *,
    jobs: int,
) -> None:
    """Every input evaluated and written by ``encode`` in ``jobs`` worker processes; each
    record's texts given to ``write`` in input order, its errors reported on standard error,
    and counted, as :func:`~recertlib.cli.evaluation.evaluate_each` does in one process."""
    progress = start_progress(progress_option, streams)
    total = progress.total if not inputs.files else None
    context = (as_of, registry, encode, counts.due_days)
    items = _items(inputs, total, progress.report)
    try:
        for written in in_workers(_write, items, context, workers=jobs):
            counts.add_counts(written.counts)
            progress.show_record(streams, partial(write, written.texts), written.errors, counts)
    finally:
        progress.close()


def _items(
    inputs: Inputs, total: Callable[[int], None] | None, progress: ProgressCallback | None
) -> Iterator[Item]:
    for path in inputs.files:
        for item in read_safely(path, records_or_lines(path)):
            yield item, None
    yield from pair_records(inputs, total, progress)


def _evaluate(context: tuple[Date, Registry], item: Item) -> tuple[Evaluated, bool]:
    as_of, registry = context
    sent, sources = item
    evaluated = located(evaluate_safely(_record(sent), as_of, registry), sources)
    return evaluated, isinstance(evaluated.value, PersonVerdict)


def _write(context: tuple[Date, Registry, Encode, int], item: Item) -> Written:
    as_of, registry, encode, due_days = context
    evaluated, person = _evaluate((as_of, registry), item)
    outcomes = credential_outcomes(evaluated)
    counts = Counts(due_days)
    counts.add(outcomes, person)
    held = evaluated.value.person if isinstance(evaluated.value, PersonVerdict) else None
    texts = tuple(encode(outcome, held) for outcome in outcomes)
    return Written(texts, counts, error_reports(outcomes))


def _record(sent: Outcome[Holder] | Outcome[Person] | Line) -> Outcome[Holder] | Outcome[Person]:
    if not isinstance(sent, Line):
        return sent
    try:
        return read_line(sent)
    except InvalidInput as error:
        return Outcome.failed(error.record or sent.label, error)
    except Exception as error:  # a bug: reported in the record's place, the file read on
        return Outcome.failed(sent.label, InternalError(error))


__all__ = ["Encode", "Item", "Written", "evaluate_in_workers", "write_in_workers"]
