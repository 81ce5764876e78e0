"""``recertlib check``: a report, or ``--json`` outcomes, for every record evaluated."""

from __future__ import annotations

import argparse
import json

from recertlib.cli.counts import Counts
from recertlib.cli.evaluation import evaluate_each, report_counts
from recertlib.cli.inputs import Inputs, Item
from recertlib.cli.output import Streams
from recertlib.cli.schema import outcome_json
from recertlib.dates import Date
from recertlib.registry import Registry
from recertlib.render import render_verdict


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

    def each(item: Item) -> None:
        nonlocal first
        for outcome in item.outcomes:
            if arguments.json:
                text = json.dumps(outcome_json(outcome), indent=2).replace("\n", "\n  ")
                out.write(f"{'[' if first else ','}\n  {text}")
                first = False
            elif outcome.verdict is not None:
                if not first:
                    out.write("\n")  # a blank line between reports
                out.write(render_verdict(outcome.verdict) + "\n")
                first = False

    evaluate_each(inputs, arguments.progress, streams, as_of, registry, counts, each)
    if arguments.json:
        out.write("[]\n" if first else "\n]\n")
    return report_counts(streams, counts)
