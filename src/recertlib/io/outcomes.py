"""Outcomes as JSON: what ``recertlib check --json`` prints for each credential evaluated (its
verdict, or the error that kept it from one), and the JSON Schema of that output."""

from __future__ import annotations

import json
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from recertlib.errors import MISSING, InvalidInput, Problem
from recertlib.io.converter import unstructure
from recertlib.results import Outcome, Verdict

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
