"""The columns of an HR export pair, by recertlib's names, and how a caller's headers map onto
them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from recertlib.errors import InvalidInput, Problem
from recertlib.io.activities_csv import ACTIVITY_COLUMNS as _ACTIVITY
from recertlib.io.activities_csv import REQUIRED_ACTIVITY_COLUMNS
from recertlib.io.csv_files import Table

if TYPE_CHECKING:
    from recertlib.io.hr.mapping import HrMapping

PEOPLE_COLUMNS: Mapping[str, str] = {
    "person_id": "the person's identifier, which joins the two files (required)",
    "name": "the person's name (the same on each of their rows, or empty)",
    "birth_date": "the person's birth date, YYYY-MM-DD (the same on each row, or empty)",
    "body": "the certifying body's code, as AAMA (required in the header)",
    "credential": "the credential's code within that body, as CMA (required in the header)",
    "certified_on": "when the holder last certified, YYYY-MM-DD (required in the header)",
    "expires_on": "the expiry the body records, YYYY-MM-DD",
    "member": "whether the person is a member of this credential's body: yes or no",
    "first_renewal": "whether this credential has never been renewed: yes or no",
    "originally_issued_on": "when this credential was first issued, YYYY-MM-DD",
    "inactive": "whether the body records this credential as inactive: yes or no",
}
"""The columns of the people CSV, by recertlib's names: one row per credential a person holds
(a row whose credential cells are all empty names a person who holds none)."""

ACTIVITY_COLUMNS: Mapping[str, str] = {
    "person_id": "the identifier of the person who completed it (required)",
    **_ACTIVITY,
}
"""The columns of the activities CSV, by recertlib's names: one row per activity, in the
columns of :data:`recertlib.io.ACTIVITY_COLUMNS` and the person's id."""

PEOPLE_REQUIRED = ("person_id", "body", "credential", "certified_on")
ACTIVITY_REQUIRED = ("person_id", *REQUIRED_ACTIVITY_COLUMNS)

BOOLEAN_COLUMNS = frozenset({"member", "first_renewal", "inactive"})
"""The yes-or-no columns of the people CSV."""

LIST_COLUMNS = frozenset({"approved_by", "other_areas", "tags"})
"""The columns of the activities CSV that hold a list, separated by ``;``."""


def tables(people_name: str, activities_name: str, mapping: HrMapping) -> tuple[Table, Table]:
    """The tables of the people and the activities files, as ``mapping`` lays them out.

    :raises InvalidInput: naming the mapping, when two columns of one file would have one
        header.
    """
    ignored = frozenset(header.strip().casefold() for header in mapping.ignore)
    found = []
    for file, name, required in (
        ("people", people_name, (*PEOPLE_REQUIRED, *mapping.keep)),
        ("activities", activities_name, ACTIVITY_REQUIRED),
    ):
        provided = frozenset(
            column
            for value_map in mapping.value_maps(file).values()
            for values in value_map.codes.values()
            for column in values
        ) - set(mapping.value_maps(file))
        found.append(
            Table(
                name,
                _headers(mapping, file),
                required,
                ignored,
                file_in_location=True,
                provided=provided,
            )
        )
    return found[0], found[1]


def _headers(mapping: HrMapping, file: str) -> dict[str, str]:
    """recertlib's name of each column of ``file`` with the header it has there."""
    headers = mapping.headers(file)
    problems = []
    seen: dict[str, str] = {}
    for name, header in headers.items():
        folded = header.casefold()
        if folded in seen:
            problems.append(
                Problem(f"columns[{name!r}]", header, f"the header of {seen[folded]!r} too")
            )
        seen[folded] = name
    if problems:
        raise InvalidInput(problems, mapping.source)
    return headers
