"""``recertlib due``: who is not usable, who has an expiry or deadline within ``--within``
days, and who can recertify now."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from typing import Any

from recertlib.cli.counts import Counts
from recertlib.cli.evaluation import evaluate_each, report_counts
from recertlib.cli.inputs import Evaluated, Inputs
from recertlib.cli.output import Streams
from recertlib.io import outcome_json
from recertlib.io.json_text import json_text
from recertlib.plugins import Registry
from recertlib.quantities.dates import Date
from recertlib.results import (
    Outcome,
    PersonVerdict,
    Verdict,
    can_recertify_now,
    due_within,
    not_usable,
)
from recertlib.results.render import QUERY_TITLES, Found, render_found


def run(
    arguments: argparse.Namespace,
    streams: Streams,
    inputs: Inputs,
    as_of: Date,
    registry: Registry,
) -> int:
    days: int = arguments.within
    counts = Counts(days)
    found: dict[str, list[Found]] = {query: [] for query in QUERY_TITLES}
    errors: list[dict[str, Any]] = []
    queries: dict[str, Callable[[list[Any]], Iterable[Any]]] = {
        "not_usable": not_usable,
        "due_within": lambda items: _due_matches(items, days),
        "can_recertify_now": can_recertify_now,
    }

    def each(evaluated: Evaluated, outcomes: tuple[Outcome[Verdict], ...]) -> None:
        if arguments.json:
            errors.extend(outcome_json(o) for o in outcomes if o.error is not None)
        for query, ask in queries.items():
            for match in ask([evaluated]):
                found[query].append(
                    _found(
                        evaluated,
                        outcomes,
                        match.holder,
                        match.credential,
                        match.due_on,
                        match.reason,
                    )
                )

    evaluate_each(
        inputs, arguments.progress, streams, as_of, registry, counts, each, jobs=arguments.jobs
    )
    if arguments.json:
        data = {
            "as_of": str(as_of),
            "within_days": days,
            **{query: [_found_json(f) for f in matches] for query, matches in found.items()},
            "errors": errors,
        }
        streams.out.write(json_text(data) + "\n")
    else:
        streams.out.write(render_found(as_of, days, found) + "\n")
    return report_counts(streams, counts)


def _due_matches(items: list[Any], days: int) -> list[Any]:
    try:
        return list(due_within(items, days))
    except (OverflowError, ValueError):  # past the end of the calendar
        return []


def _found(
    evaluated: Evaluated,
    outcomes: tuple[Outcome[Verdict], ...],
    match_holder: str,
    credential: str,
    due_on: Date | None,
    reason: str,
) -> Found:
    label = evaluated.label
    for outcome in outcomes:
        if outcome.value is not None and (
            f"{outcome.value.credential.body} {outcome.value.credential.credential}" == credential
        ):
            label = outcome.label
            break
    name, attributes = None, {}
    if isinstance(evaluated.value, PersonVerdict):
        name = evaluated.value.person.name or None
        attributes = evaluated.value.person.attributes
    return Found(label, match_holder, name, credential, due_on, reason, attributes)


def _found_json(found: Found) -> dict[str, Any]:
    return {
        "record": found.record,
        "holder": found.holder,
        "name": found.name,
        "credential": found.credential,
        "due_on": None if found.due_on is None else str(found.due_on),
        "reason": found.reason,
        "attributes": dict(found.attributes),
    }
