"""Outcomes as data: what ``recertlib check --json`` prints for each credential evaluated (its
verdict, or the error that kept it from one), in full or, for a dashboard, compact; and the
JSON Schema of each.

:func:`~recertlib.io.outcomes_json` takes what an evaluation gives, for a holder or a person,
and returns one JSON-ready outcome per credential, exactly as the command line prints them; with
``compact=True`` each verdict is cut to what a dashboard shows: status, usable, expiry, the
summary, and the pathway to follow with its next date and what it still lacks (the full
verdict is about 15 kB of JSON; the compact one under 1 kB).
"""

from __future__ import annotations

import json
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any, TypeAlias

from recertlib.errors import MISSING, InvalidInput, Problem
from recertlib.inputs import Person
from recertlib.io.converter import unstructure
from recertlib.results import Outcome, PersonVerdict, Verdict

OUTCOMES_SCHEMA: Traversable = files("recertlib.io") / "schemas" / "outcomes.schema.json"
"""The JSON Schema (draft 2020-12) of what ``recertlib check --json`` prints, shipped in the
package; :func:`~recertlib.io.outcomes_schema` reads it, ``recertlib schema`` prints it."""

COMPACT_OUTCOMES_SCHEMA: Traversable = (
    files("recertlib.io") / "schemas" / "compact-outcomes.schema.json"
)
"""The JSON Schema (draft 2020-12) of what ``recertlib check --compact`` prints;
``outcomes_schema(compact=True)`` reads it, ``recertlib schema --compact`` prints it."""

Evaluated: TypeAlias = Outcome[Verdict] | Outcome[PersonVerdict] | Verdict | PersonVerdict
"""What :func:`~recertlib.io.outcomes_json` takes: a verdict, an evaluated person, or the outcome
of either that :func:`~recertlib.evaluate_records` (or :meth:`HrExport.evaluate
<recertlib.io.HrExport.evaluate>`) yields."""


def outcomes_schema(*, compact: bool = False) -> dict[str, Any]:
    """The JSON Schema of ``recertlib check --json``'s output (``compact``: of ``check
    --compact``'s): a list of outcomes, each ``{"record": label, "verdict": {...} | null,
    "error": {...} | null}``, and ``"person"`` for one of a person's credentials."""
    source = COMPACT_OUTCOMES_SCHEMA if compact else OUTCOMES_SCHEMA
    schema: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    return schema


def outcomes_json(
    evaluated: Evaluated, *, compact: bool = False, label: str | None = None
) -> list[dict[str, Any]]:
    """Each credential's outcome in ``evaluated`` as ``recertlib check --json`` prints it
    (:func:`outcomes_schema`), or with ``compact`` as ``check --compact`` does: one for a
    holder's record, one per credential of a person (none for a person who holds none), one
    for a record that could not be read or evaluated.

    :param label: the record's label, in place of an outcome's own; for a bare verdict or
        person, ``holder 'Kim' (AAMA CMA)`` or ``person 'E-1001'`` when omitted.
    """
    outcome = _as_outcome(evaluated, label)
    person = outcome.value.person if isinstance(outcome.value, PersonVerdict) else None
    write = compact_outcome_json if compact else outcome_json
    return [write(found, person=person) for found in credential_outcomes(outcome)]


def _as_outcome(evaluated: Evaluated, label: str | None) -> Outcome[Any]:
    if isinstance(evaluated, Outcome):
        return evaluated if label is None else evaluated.relabelled(label)
    if isinstance(evaluated, PersonVerdict):
        return Outcome.of(label or f"person {evaluated.person.id!r}", evaluated)
    if isinstance(evaluated, Verdict):
        holder = f"holder {evaluated.credential.holder!r} ({_code(evaluated)})"
        return Outcome.of(label or holder, evaluated)
    raise TypeError(
        "expected a Verdict, a PersonVerdict or an Outcome of either,"
        f" got {type(evaluated).__name__}"
    )


def credential_outcomes(evaluated: Outcome[Any]) -> tuple[Outcome[Verdict], ...]:
    """One outcome per credential of an evaluated record, each labelled with its record: a
    holder's own outcome, or one per credential a person holds (none for a person who holds
    none), as ``staff.jsonl line 1 (person 'E-1001', AAMA CMA)``; an input error is said of
    that label."""
    value = evaluated.value
    if not isinstance(value, PersonVerdict):
        return (evaluated,)  # a holder's verdict, or no value at all
    found = []
    for outcome in value.outcomes:
        label = _credential_label(evaluated.label, outcome.label)
        error = outcome.error
        if isinstance(error, InvalidInput):
            error = error.in_record(label)
        found.append(Outcome(label, outcome.value, error))
    return tuple(found)


def _code(verdict: Verdict) -> str:
    return f"{verdict.credential.body} {verdict.credential.credential}"


def _credential_label(label: str, credential: str) -> str:
    return f"{label[:-1]}, {credential})" if label.endswith(")") else f"{label} ({credential})"


def _problem_json(problem: Problem) -> dict[str, Any]:
    value = None if problem.value is MISSING else repr(problem.value)
    return {"path": problem.path, "value": value, "message": problem.message}


def _error_json(outcome: Outcome[Any]) -> dict[str, Any] | None:
    if outcome.error is None:
        return None
    problems = outcome.error.problems if isinstance(outcome.error, InvalidInput) else ()
    return {
        "type": type(outcome.error).__name__,
        "message": str(outcome.error),
        "problems": [_problem_json(problem) for problem in problems],
    }


def _person_json(person: Person) -> dict[str, Any]:
    return {"id": person.id, "name": person.name, "attributes": dict(person.attributes)}


def outcome_json(outcome: Outcome[Verdict], *, person: Person | None = None) -> dict[str, Any]:
    """One credential's outcome as ``check --json`` prints it (:func:`outcomes_schema`):
    ``{"record": ..., "verdict": ..., "error": ...}``, and ``"person"`` when ``person`` (whose
    credential it is) is given."""
    verdict = None if outcome.value is None else unstructure(outcome.value)
    found: dict[str, Any] = {"record": outcome.label}
    if person is not None:
        found["person"] = _person_json(person)
    found["verdict"] = verdict
    found["error"] = _error_json(outcome)
    return found


def compact_outcome_json(
    outcome: Outcome[Verdict], *, person: Person | None = None
) -> dict[str, Any]:
    """One credential's outcome as ``check --compact`` prints it
    (``outcomes_schema(compact=True)``): the verdict cut to status, usable, expiry, summary
    and the pathway to follow, with its next date and what it still lacks."""
    found: dict[str, Any] = {"record": outcome.label}
    if person is not None:
        found["person"] = _person_json(person)
    found["verdict"] = None if outcome.value is None else compact_verdict_json(outcome.value)
    found["error"] = _error_json(outcome)
    return found


def compact_verdict_json(verdict: Verdict) -> dict[str, Any]:
    """A verdict in brief, JSON-ready: what ``check --compact`` prints of it."""
    pathway = verdict.chosen_pathway
    compact_pathway = None
    if pathway is not None:
        step = verdict.next_step
        compact_pathway = {
            "name": pathway.name,
            "kind": pathway.kind.value,
            "recommended": pathway is verdict.recommended,
            "opens_on": pathway.opens_on.isoformat(),
            "closes_on": None if pathway.closes_on is None else pathway.closes_on.isoformat(),
            "can_recertify_now": pathway.can_recertify_now,
            "next": None
            if step is None
            else {"label": step.label, "due_on": step.due_on.isoformat(), "overdue": step.overdue},
            "shortfalls": [
                {
                    "requirement": requirement.name,
                    "unit": requirement.unit,
                    "required": unstructure(requirement.required),
                    "earned": unstructure(requirement.earned),
                    "shortfall": unstructure(requirement.shortfall),
                }
                for requirement in pathway.requirements
                if not requirement.met
            ],
        }
    return {
        "holder": verdict.credential.holder,
        "credential": _code(verdict),
        "credential_name": verdict.credential_name,
        "as_of": verdict.as_of.isoformat(),
        "status": verdict.status.value,
        "usable": verdict.usable,
        "expires_on": verdict.expires_on.isoformat(),
        "summary": verdict.summary,
        "pathway": compact_pathway,
    }
