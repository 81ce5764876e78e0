"""Outcomes as JSON: what ``recertlib check --json`` prints for each credential evaluated (its
verdict, or the error that kept it from one), and the JSON Schema of that output."""

from __future__ import annotations

import json
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from recertlib.errors import MISSING, InvalidInput, Problem
from recertlib.io.converter import unstructure
from recertlib.results import Outcome, PersonVerdict, Verdict

OUTCOMES_SCHEMA: Traversable = files("recertlib.io") / "schemas" / "outcomes.schema.json"
"""The JSON Schema (draft 2020-12) of what ``recertlib check --json`` prints, shipped in the
package; :func:`outcomes_schema` reads it, ``recertlib schema`` prints it."""


def outcomes_schema() -> dict[str, Any]:
    """The JSON Schema of ``recertlib check --json``'s output: a list of outcomes, each
    ``{"record": label, "verdict": {...} | null, "error": {...} | null}``."""
    schema: dict[str, Any] = json.loads(OUTCOMES_SCHEMA.read_text(encoding="utf-8"))
    return schema


def _problem_json(problem: Problem) -> dict[str, Any]:
    value = None if problem.value is MISSING else repr(problem.value)
    return {"path": problem.path, "value": value, "message": problem.message}


def outcome_json(outcome: Outcome[Verdict]) -> dict[str, Any]:
    """One credential's outcome as ``check --json`` prints it (see :func:`outcomes_schema`):
    ``{"record": ..., "verdict": ..., "error": ...}``."""
    error: dict[str, Any] | None = None
    if outcome.error is not None:
        problems = outcome.error.problems if isinstance(outcome.error, InvalidInput) else ()
        error = {
            "type": type(outcome.error).__name__,
            "message": str(outcome.error),
            "problems": [_problem_json(problem) for problem in problems],
        }
    verdict = None if outcome.value is None else unstructure(outcome.value)
    return {"record": outcome.label, "verdict": verdict, "error": error}


def credential_outcomes(
    evaluated: Outcome[Verdict] | Outcome[PersonVerdict],
) -> tuple[Outcome[Verdict], ...]:
    """One outcome per credential of an evaluated record, each labelled with its record: a
    holder's own outcome, or one per credential a person holds (none for a person who holds
    none), as ``staff.jsonl line 1 (person 'E-1001', AAMA CMA)``."""
    value = evaluated.value
    if not isinstance(value, PersonVerdict):
        return (evaluated,)  # type: ignore[return-value] # a verdict, or no value at all
    found = []
    for outcome in value.outcomes:
        label = _credential_label(evaluated.label, outcome.label)
        error = outcome.error
        if isinstance(error, InvalidInput):
            error = error.in_record(label)
        found.append(Outcome(label, outcome.value, error))
    return tuple(found)


def _credential_label(label: str, credential: str) -> str:
    return f"{label[:-1]}, {credential})" if label.endswith(")") else f"{label} ({credential})"
