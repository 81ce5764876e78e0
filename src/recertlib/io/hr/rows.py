"""The rows of an HR export pair made into recertlib's types, each with its problems said of its
cells: a people row into the person's cells and one credential, an activities row into one
activity."""

from __future__ import annotations

from typing import Any

from attrs import frozen

from recertlib.errors import MISSING, InvalidInput, Problem
from recertlib.inputs import Activity, Facts, PersonCredential
from recertlib.io.activities_csv import activity_from_row
from recertlib.io.converter import structure
from recertlib.io.csv_files import Row, Table, located

_CREDENTIAL_CELLS = ("body", "credential", "certified_on", "expires_on")
_CREDENTIAL_FACTS = ("member", "first_renewal", "originally_issued_on", "inactive")
_BOOLEAN_FACTS = frozenset({"member", "first_renewal", "inactive"})
_TRUE = frozenset({"yes", "y", "true", "t", "1"})
_FALSE = frozenset({"no", "n", "false", "f", "0"})


@frozen
class ReadRow:
    """One row of either file, read: whose it is, the person's own cells (name, birth date),
    the credential or activity it holds, and what is wrong with it."""

    person_id: str | None
    line: int
    person: dict[str, Any]
    item: PersonCredential | Activity | None
    problems: list[Problem]


def _person_id(row: Row, table: Table) -> str | None:
    person_id = row.cells.pop("person_id", None)
    too_long = any(p.path == table.where(row.line, "person_id") for p in row.problems)
    if person_id is None and not too_long:
        row.problems.append(Problem(table.where(row.line, "person_id"), MISSING, "no person id"))
    return person_id


def people_row(row: Row, table: Table) -> ReadRow:
    """A row of the people file: the person's name and birth date, and the credential it
    names (``None`` for a person who holds none)."""
    person_id = _person_id(row, table)
    values, problems = row.cells, row.problems
    person: dict[str, Any] = {}
    if "name" in values:
        person["name"] = values["name"]
    if "birth_date" in values:
        try:
            person["birth_date"] = structure({"birth_date": values["birth_date"]}, Facts).birth_date
        except InvalidInput as error:
            problems += located(error.problems, table, row.line)
    facts: dict[str, Any] = {}
    for fact in _CREDENTIAL_FACTS:
        if fact in values:
            value: Any = values[fact]
            if fact in _BOOLEAN_FACTS:
                value = _boolean(value)
                if value is None:
                    problems.append(
                        Problem(
                            table.where(row.line, fact),
                            values[fact],
                            "expected yes or no (true or false, 1 or 0)",
                        )
                    )
                    continue
            facts[fact] = value
    credential = None
    data: dict[str, Any] = {cell: values[cell] for cell in _CREDENTIAL_CELLS if cell in values}
    if data or facts:
        data["facts"] = facts
        try:
            credential = structure(data, PersonCredential)
        except InvalidInput as error:
            problems += located(error.problems, table, row.line)
    return ReadRow(person_id, row.line, person, credential, problems)


def activity_row(row: Row, table: Table) -> ReadRow:
    """A row of the activities file: the activity it records."""
    person_id = _person_id(row, table)
    activity = activity_from_row(row, table)
    return ReadRow(person_id, row.line, {}, activity, row.problems)


def _boolean(value: str) -> bool | None:
    folded = value.casefold()
    return True if folded in _TRUE else False if folded in _FALSE else None
