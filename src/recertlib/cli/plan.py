"""``recertlib plan``: the dated actions of everyone evaluated, as text, JSON or an iCalendar
file."""

from __future__ import annotations

import argparse
import importlib

import attrs

from recertlib.cli.counts import Counts
from recertlib.cli.evaluation import evaluate_each, report_counts
from recertlib.cli.exit_codes import BAD_INPUT, OUTPUT_ERROR
from recertlib.cli.inputs import Evaluated, Inputs
from recertlib.cli.output import Streams, write_file
from recertlib.io import unstructure
from recertlib.io.json_text import json_text
from recertlib.plugins import Registry
from recertlib.quantities.dates import Date
from recertlib.results import Action, Outcome, Plan, Verdict, plan_for
from recertlib.results.plan import _order
from recertlib.results.render import render_plan

_ICS_HINT = "pip install 'recertlib[ics]'"


def run(
    arguments: argparse.Namespace,
    streams: Streams,
    inputs: Inputs,
    as_of: Date,
    registry: Registry,
) -> int:
    if arguments.by is not None and (arguments.format != "ics" or arguments.output is None):
        streams.err.write("error: --by writes calendars: give --format ics --output FOLDER\n")
        return BAD_INPUT
    if arguments.format == "ics":
        try:
            importlib.import_module("icalendar")
        except ImportError:
            streams.err.write(f"error: --format ics needs the icalendar package: {_ICS_HINT}\n")
            return BAD_INPUT
    counts = Counts()
    actions: list[Action] = []

    def each(evaluated: Evaluated, outcomes: tuple[Outcome[Verdict], ...]) -> None:
        actions.extend(plan_for(evaluated, as_of=as_of).actions)

    evaluate_each(
        inputs, arguments.progress, streams, as_of, registry, counts, each, jobs=arguments.jobs
    )
    actions.sort(key=_order)
    plan = Plan(as_of, tuple(actions))
    if arguments.by is not None:
        from recertlib.io.calendar import write_calendars

        try:
            written = write_calendars(
                _encodable(plan), arguments.output, arguments.by, alarms_days=arguments.alarms
            )
        except OSError as error:
            streams.err.write(f"error: --output: cannot write {arguments.output}: {error}\n")
            return OUTPUT_ERROR
        for value, path in written.items():
            streams.out.write(f"{path}: {value or f'(no {arguments.by})'}\n")
        if plan.actions and set(written) == {""}:
            # A misspelt attribute would otherwise put everyone in one calendar, unremarked.
            streams.err.write(
                f"warning: --by {arguments.by}: no person has this attribute;"
                " every action is in one calendar\n"
            )
        return report_counts(streams, counts)
    if arguments.format == "ics":
        from recertlib.io.calendar import to_ics

        text = to_ics(_encodable(plan), alarms_days=arguments.alarms).decode("utf-8")
    elif arguments.format == "json":
        text = json_text(unstructure(plan)) + "\n"
    else:
        text = render_plan(plan) + "\n"
    if arguments.output is None:
        streams.out.write(text)
    elif not write_file(arguments.output, text, streams.err):
        return OUTPUT_ERROR
    return report_counts(streams, counts)


def _escaped(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _encodable(plan: Plan) -> Plan:
    """``plan`` with every text UTF-8 can encode: a lone surrogate (from a JSON escape in a
    name) is written as a backslash escape, as everywhere else the command prints."""
    actions = tuple(
        attrs.evolve(
            action,
            title=_escaped(action.title),
            credential=_escaped(action.credential),
            holder=_escaped(action.holder),
            pathway=None if action.pathway is None else _escaped(action.pathway),
            detail=_escaped(action.detail),
            name=_escaped(action.name),
            attributes={_escaped(k): _escaped(v) for k, v in action.attributes.items()},
        )
        for action in plan.actions
    )
    return Plan(plan.as_of, actions)
