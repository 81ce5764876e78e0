"""The run ``check``, ``plan`` and ``due`` share: every input evaluated, each item handed to
the command, counted and its errors reported, then the closing count."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from recertlib.cli.counts import Counts
from recertlib.cli.inputs import Evaluated, Inputs, evaluate_inputs
from recertlib.cli.jobs import evaluate_in_workers
from recertlib.cli.output import Streams, error_reports
from recertlib.cli.progress_bar import start_progress
from recertlib.io.outcomes import credential_outcomes
from recertlib.plugins import Registry
from recertlib.quantities.dates import Date
from recertlib.results import Outcome, Verdict


def evaluate_each(
    inputs: Inputs,
    progress_option: str | None,
    streams: Streams,
    as_of: Date,
    registry: Registry,
    counts: Counts,
    each: Callable[[Evaluated, tuple[Outcome[Verdict], ...]], None],
    *,
    jobs: int = 1,
) -> None:
    """Evaluate every input (in ``jobs`` processes), give each record to ``each`` with its
    credentials' outcomes, report each error on standard error and count."""
    progress = start_progress(progress_option, streams)
    total = progress.total if not inputs.files else None
    try:
        if jobs > 1:
            evaluated_inputs = evaluate_in_workers(
                inputs,
                as_of=as_of,
                registry=registry,
                total=total,
                progress=progress.report,
                jobs=jobs,
            )
        else:
            evaluated_inputs = evaluate_inputs(
                inputs, as_of=as_of, registry=registry, total=total, progress=progress.report
            )
        for evaluated, person in evaluated_inputs:
            outcomes = credential_outcomes(evaluated)
            counts.add(outcomes, person)
            progress.show_record(
                streams, partial(each, evaluated, outcomes), error_reports(outcomes), counts
            )
    finally:
        progress.close()


def report_counts(streams: Streams, counts: Counts) -> int:
    """The closing count, after the output; the exit code."""
    streams.out.flush()
    streams.err.write(f"{counts}\n")
    return counts.code
