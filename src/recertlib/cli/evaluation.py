"""The run ``check``, ``plan`` and ``due`` share: every input evaluated, each item handed to
the command, counted and its errors reported, then the closing count."""

from __future__ import annotations

from collections.abc import Callable

from recertlib.cli.counts import Counts
from recertlib.cli.inputs import Inputs, Item, evaluate_inputs
from recertlib.cli.output import Streams, report_error
from recertlib.cli.progress_bar import start_progress
from recertlib.dates import Date
from recertlib.registry import Registry


def evaluate_each(
    inputs: Inputs,
    progress_option: str | None,
    streams: Streams,
    as_of: Date,
    registry: Registry,
    counts: Counts,
    each: Callable[[Item], None],
) -> None:
    """Evaluate every input, give each item to ``each``, report each error on standard error
    and count."""
    progress = start_progress(progress_option, streams)
    total = progress.total if not inputs.files else None
    try:
        for item in evaluate_inputs(inputs, as_of=as_of, registry=registry, total=total):
            counts.add(item)
            with progress.writing(streams.out):
                each(item)
            failed = [outcome for outcome in item.outcomes if outcome.error is not None]
            if failed:
                streams.out.flush()  # what came before it is shown before it
                with progress.writing(streams.err, shared=True):
                    for outcome in failed:
                        report_error(outcome, streams.err)
            progress.step(counts)
    finally:
        progress.close()


def report_counts(streams: Streams, counts: Counts) -> int:
    """The closing count, after the output; the exit code."""
    streams.out.flush()
    streams.err.write(f"{counts}\n")
    return counts.code
