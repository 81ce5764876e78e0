"""Activities in CSV: one set of columns, read the same way wherever activities come as CSV
(one holder's file here, the activities file of an HR export pair in :mod:`recertlib.io.hr`)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from recertlib.errors import MISSING, InvalidInput, Problem
from recertlib.inputs import Activity
from recertlib.io.converter import structure
from recertlib.io.csv_files import Row, Table, located, read_rows, split_list

ACTIVITY_COLUMNS: Mapping[str, str] = {
    "title": "the activity's title (required)",
    "completed_on": "YYYY-MM-DD (required)",
    "amount": "a decimal numeral, as 1.5 (required)",
    "unit": "the unit of the amount, as contact_hour or iacet_ceu (required)",
    "area": "the content area, in the body's words",
    "other_areas": "further content areas it may count in, separated by ';'",
    "provider": "who provided it",
    "approved_by": "codes of the bodies that approved it, separated by ';' (AAMA;NHA)",
    "certificate_id": "the certificate's number",
    "tags": "labels the rules may select on, separated by ';' (implicit bias;ethics)",
    "started_on": "the first day of a course over several days, YYYY-MM-DD",
}
"""The columns of an activity, by recertlib's names, with what each holds."""

REQUIRED_ACTIVITY_COLUMNS = ("title", "completed_on", "amount", "unit")
"""The columns every activities CSV must have."""

_LISTS = ("approved_by", "other_areas", "tags")


def activity_from_row(row: Row, table: Table) -> Activity | None:
    """The activity of ``row``'s cells, or ``None`` with its problems added to the row's, each
    said of its cell."""
    data: dict[str, Any] = {
        column: value for column, value in row.cells.items() if column in ACTIVITY_COLUMNS
    }
    for column in _LISTS:
        if column in data:
            data[column] = split_list(data[column])
    try:
        return structure(data, Activity)
    except InvalidInput as error:
        # A column the header lacks is reported once, for the header.
        lacking = {f"$.{column}" for column in REQUIRED_ACTIVITY_COLUMNS} - {
            f"$.{column}" for column in row.columns
        }
        problems = [
            problem
            for problem in error.problems
            if not (problem.value is MISSING and problem.path in lacking)
        ]
        row.problems.extend(located(problems, table, row.line))
        return None


def read_activities_csv(path: str | Path) -> list[Activity]:
    """One holder's activities from a CSV file with a header row of
    :data:`~recertlib.io.ACTIVITY_COLUMNS` (``title``, ``completed_on``,
    ``amount`` and ``unit`` are required; see ``examples/activities.csv``).

    The file is UTF-8 (a byte order mark before the header, as spreadsheets write, is allowed).
    Empty cells are left out; ``approved_by``, ``other_areas`` and ``tags`` list items
    separated by ``;``; blank lines are skipped. A file with a header and no rows holds no
    activities, which is a holder with nothing recorded yet, not an error.

    :raises InvalidInput: naming the file and every problem by its line and column: the file
        is empty or not UTF-8, a column is unknown, repeated, unnamed or missing, a row has
        more or fewer cells than the header, a cell is longer than
        :data:`~recertlib.io.csv_files.MAX_CELL_CHARS`, or a cell's value is refused. Every
        bad cell is reported at once, and no row is ever dropped, since a verdict on part of a
        holder's record would be wrong without saying so.
    """
    name = str(path)
    table = Table(name, {column: column for column in ACTIVITY_COLUMNS}, REQUIRED_ACTIVITY_COLUMNS)
    problems: list[Problem] = []
    activities = []
    for row in read_rows(Path(path), table, header_problems=problems):
        activity = None if row.problems else activity_from_row(row, table)
        problems.extend(row.problems)
        if activity is not None:
            activities.append(activity)
    if problems:
        raise InvalidInput(problems, name)
    return activities
