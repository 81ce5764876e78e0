"""Errors of a person read from an HR export, said of the files: the rules name a missing fact
or a bad value by its field (``$.credential.facts.birth_date``); a person who came from a CSV
file is better told the line and the column, as the file spells its header
(``people.csv line 5, column 'Date of Birth'``)."""

from __future__ import annotations

import re
from typing import NamedTuple

from recertlib.errors import InvalidInput, MissingFact, Problem, RecertlibError
from recertlib.io.csv_files import Table
from recertlib.io.hr.spill import Row, line_of
from recertlib.results import Outcome, PersonVerdict

_CREDENTIAL_FIELD = re.compile(r"\$\.credential\.(?:facts\.)?([A-Za-z_][A-Za-z0-9_]*)")
_ACTIVITY_FIELD = re.compile(r"\$\.activities\[(\d+)\](?:\.([A-Za-z_][A-Za-z0-9_]*))?")


class Sources(NamedTuple):
    """Where one person's record is in the files: the line of each credential and activity.
    (A tuple: one is made for every person read.)"""

    label: str
    """The person's record, as ``people.csv line 2 (person 'E-1001')``."""
    tables: tuple[Table, Table]
    line: int
    """The line the person's id first appears on in the people file."""
    credential_lines: tuple[int, ...]
    """The people file's line of each credential, in the person's order."""
    activity_rows: list[Row]
    """The activities file's row of each activity, in the person's order."""
    present: frozenset[str]
    """The columns of the people file its header has (or a value map gives)."""

    def locate(self, evaluated: Outcome[PersonVerdict]) -> Outcome[PersonVerdict]:
        """``evaluated`` with each credential's input error said of the files."""
        verdict = evaluated.value
        if verdict is None or not verdict.errors:
            return evaluated
        outcomes = tuple(
            outcome
            if outcome.error is None
            else Outcome.failed(outcome.label, self._located(outcome.error, index, outcome.label))
            for index, outcome in enumerate(verdict.outcomes)
        )
        return Outcome(
            evaluated.label, PersonVerdict(verdict.person, verdict.as_of, outcomes), None
        )

    def record(self, credential: str) -> str:
        """The record of one of the person's credentials: ``people.csv line 2 (person
        'E-1001', AAMA CMA)``."""
        label = self.label
        return f"{label[:-1]}, {credential})" if label.endswith(")") else f"{label} ({credential})"

    def _located(self, error: RecertlibError, index: int, credential: str) -> RecertlibError:
        if not isinstance(error, InvalidInput) or index >= len(self.credential_lines):
            return error
        record = self.record(credential)
        line = self.credential_lines[index]
        if isinstance(error, MissingFact):
            where, note = self._fact(error.fact, line)
            return error.located(where, record, why=error.why + note)
        problems = []
        for problem in error.problems:
            where, note = self._where(problem.path, line)
            problems.append(Problem(where, problem.value, problem.message + note))
        return InvalidInput(problems, record)

    def _fact(self, fact: str, line: int) -> tuple[str, str]:
        people = self.tables[0]
        if fact not in people.headers:
            return people.where(line), f"; no column of {people.name} gives the fact {fact!r}"
        if fact not in self.present:
            return people.where(line, fact), f"; {people.name} has no such column"
        return people.where(line, fact), ""

    def _where(self, path: str, line: int) -> tuple[str, str]:
        people, activities = self.tables
        credential = _CREDENTIAL_FIELD.fullmatch(path)
        if credential is not None:
            return self._fact(credential.group(1), line)
        activity = _ACTIVITY_FIELD.fullmatch(path)
        if activity is not None and int(activity.group(1)) < len(self.activity_rows):
            at = line_of(self.activity_rows[int(activity.group(1))])
            column = activity.group(2)
            if column in activities.headers:
                return activities.where(at, column), ""
            return activities.where(at), ""
        return f"{people.where(line)}: {path}", ""
