"""``recertlib check``: a report, or ``--json`` outcomes, for every record evaluated."""

from __future__ import annotations

import argparse
import json

from recertlib.cli.counts import Counts
from recertlib.cli.evaluation import evaluate_each, report_counts
from recertlib.cli.inputs import Evaluated, Inputs
from recertlib.cli.output import Streams
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
    write = compact_outcome_json if arguments.compact else outcome_json

    def each(evaluated: Evaluated, outcomes: tuple[Outcome[Verdict], ...]) -> None:
        nonlocal first
        person = evaluated.value.person if isinstance(evaluated.value, PersonVerdict) else None
        for outcome in outcomes:
            if as_json:
                text = json.dumps(write(outcome, person=person), indent=2).replace("\n", "\n  ")
                out.write(f"{'[' if first else ','}\n  {text}")
                first = False
            elif outcome.value is not None:
                if not first:
                    out.write("\n")  # a blank line between reports
                out.write(render_verdict(outcome.value) + "\n")
                first = False

    evaluate_each(
        inputs, arguments.progress, streams, as_of, registry, counts, each, jobs=arguments.jobs
    )
    if as_json:
        out.write("[]\n" if first else "\n]\n")
    return report_counts(streams, counts)
