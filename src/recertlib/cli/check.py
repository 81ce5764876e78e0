"""``recertlib check``: a report, or ``--json`` (or ``--compact``) outcomes, for every record
evaluated."""

from __future__ import annotations

import argparse

from recertlib.cli.counts import Counts
from recertlib.cli.evaluation import evaluate_each, report_counts
from recertlib.cli.inputs import Evaluated, Inputs
from recertlib.cli.jobs import Encode, write_in_workers
from recertlib.cli.output import Streams
from recertlib.inputs import Person
from recertlib.io.json_text import json_text
from recertlib.io.outcomes import compact_outcome_json, outcome_json
from recertlib.plugins import Registry
from recertlib.quantities.dates import Date
from recertlib.results import Outcome, PersonVerdict, Verdict
from recertlib.results.render import render_verdict


def run(
    arguments: argparse.Namespace,
    streams: Streams,
    inputs: Inputs,
    as_of: Date,
    registry: Registry,
) -> int:
    out = streams.out
    counts = Counts()
    first = True
    as_json = arguments.json or arguments.compact
    encode: Encode = (
        compact_outcome_text if arguments.compact else outcome_text if as_json else verdict_text
    )

    def write(texts: tuple[str | None, ...]) -> None:
        nonlocal first
        for text in texts:
            if text is None:
                continue
            if as_json:
                out.write(f"{'[' if first else ','}\n  {text}")
            else:
                if not first:
                    out.write("\n")  # a blank line between reports
                out.write(text)
            first = False

    def each(evaluated: Evaluated, outcomes: tuple[Outcome[Verdict], ...]) -> None:
        person = evaluated.value.person if isinstance(evaluated.value, PersonVerdict) else None
        write(tuple(encode(outcome, person) for outcome in outcomes))

    if arguments.jobs > 1:
        write_in_workers(
            inputs,
            arguments.progress,
            streams,
            as_of,
            registry,
            counts,
            encode,
            write,
            jobs=arguments.jobs,
        )
    else:
        evaluate_each(inputs, arguments.progress, streams, as_of, registry, counts, each)
    if as_json:
        out.write("[]\n" if first else "\n]\n")
    return report_counts(streams, counts)


def outcome_text(outcome: Outcome[Verdict], person: Person | None) -> str:
    """One outcome as ``check --json`` prints it, an item of the list it prints."""
    return json_text(outcome_json(outcome, person=person)).replace("\n", "\n  ")


def compact_outcome_text(outcome: Outcome[Verdict], person: Person | None) -> str:
    """One outcome as ``check --compact`` prints it, an item of the list it prints."""
    return json_text(compact_outcome_json(outcome, person=person)).replace("\n", "\n  ")


def verdict_text(outcome: Outcome[Verdict], person: Person | None) -> str | None:
    """One outcome's report as ``check`` prints it; none for an error (reported apart)."""
    return None if outcome.value is None else render_verdict(outcome.value) + "\n"
