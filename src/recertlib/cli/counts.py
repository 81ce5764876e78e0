"""Counting what a run of ``check``, ``plan`` or ``due`` found, as it goes: the closing line
on standard error and the exit code."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from recertlib.cli.exit_codes import BAD_INPUT, INTERNAL_ERROR, NOT_USABLE, USABLE
from recertlib.cli.inputs import InternalError
from recertlib.errors import PluginRuleError
from recertlib.results import Outcome, Verdict, due_within

DUE_SOON_DAYS = 60
"""How far ahead the closing count of ``check`` and ``plan`` looks for what is due soon
(``due`` looks ``--within`` days ahead)."""


_COUNTED = (
    "records",
    "usable",
    "not_usable",
    "due_soon",
    "errors",
    "internal",
    "people",
    "people_without",
)


class Counts:
    """What a run found, counted as it goes: the exit code and the closing line."""

    def __init__(self, due_days: int = DUE_SOON_DAYS) -> None:
        self.due_days = due_days
        self.records = self.usable = self.not_usable = self.due_soon = 0
        self.errors = self.internal = self.people = self.people_without = 0

    def add(self, outcomes: Sequence[Outcome[Verdict]], person: bool) -> None:
        """Count one record: its credentials' outcomes, and whether it is a person's."""
        if person:
            self.people += 1
            if not outcomes:
                self.people_without += 1
        for outcome in outcomes:
            self.add_outcome(outcome)

    def add_counts(self, other: Counts) -> None:
        """Count what ``other`` counted (a record counted where it was evaluated)."""
        for name in _COUNTED:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def add_outcome(self, outcome: Outcome[Verdict]) -> None:
        self.records += 1
        verdict = outcome.value
        if outcome.error is not None:
            self.errors += 1
            # A bug in recertlib, or in a plugin's own rule, is not bad input.
            self.internal += isinstance(outcome.error, InternalError | PluginRuleError)
        if verdict is None:
            return
        if verdict.usable:
            self.usable += 1
        else:
            self.not_usable += 1
        if _due_soon(verdict, self.due_days) is not None:
            self.due_soon += 1

    @property
    def code(self) -> int:
        """The exit code: :data:`INTERNAL_ERROR` if any outcome is one, else
        :data:`NOT_USABLE` and :data:`BAD_INPUT` or-ed together; nothing at all to evaluate
        is bad input."""
        if not self.records and not self.people:
            return BAD_INPUT
        if self.internal:
            return INTERNAL_ERROR
        code = USABLE
        if self.errors:
            code |= BAD_INPUT
        if self.not_usable:
            code |= NOT_USABLE
        return code

    def __str__(self) -> str:
        records = _plural(self.records, "record")
        if self.people:
            without = (
                f", {self.people_without} holding no credential" if self.people_without else ""
            )
            records += f" ({_plural(self.people, 'person', 'people')}{without})"
        counted = (
            f"{records}: {self.usable} usable, {self.not_usable} not usable,"
            f" {self.due_soon} due within {_plural(self.due_days, 'day')},"
            f" {_plural(self.errors, 'error')}"
        )
        return counted + (f" ({self.internal} internal)" if self.internal else "")


def _due_soon(verdict: Any, days: int) -> Any:
    """The :func:`~recertlib.due_within` match of ``verdict``, if any; none when the window
    runs past the end of the calendar (an ``--as-of`` near 9999-12-31)."""
    try:
        return next(due_within([verdict], days), None)
    except (OverflowError, ValueError):
        return None


def _plural(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def exit_code(outcomes: Sequence[Outcome[Verdict]]) -> int:
    """The ``check`` exit code for these outcomes: :data:`INTERNAL_ERROR` if any is one, else
    :data:`NOT_USABLE` and :data:`BAD_INPUT` or-ed together; no outcome at all is bad input."""
    counts = Counts()
    for outcome in outcomes:
        counts.add_outcome(outcome)
    return counts.code


def tally(outcomes: Sequence[Outcome[Verdict]], due_days: int = DUE_SOON_DAYS) -> str:
    """The count ``check`` ends with, as
    ``3 records: 1 usable, 1 not usable, 1 due within 60 days, 1 error``."""
    counts = Counts(due_days)
    for outcome in outcomes:
        counts.add_outcome(outcome)
    return str(counts)
