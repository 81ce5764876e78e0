"""The columns of an HR export pair, by recertlib's names, and how a caller's headers map onto
them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from recertlib.errors import InvalidInput, Problem
from recertlib.io.activities_csv import ACTIVITY_COLUMNS as _ACTIVITY
from recertlib.io.activities_csv import REQUIRED_ACTIVITY_COLUMNS
from recertlib.io.csv_files import Table

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


def tables(
    people_name: str,
    activities_name: str,
    columns: Mapping[str, str],
    ignore_columns: Iterable[str],
) -> tuple[Table, Table]:
    """The tables of the people and the activities files, their headers mapped by ``columns``.

    :raises InvalidInput: naming ``columns``: a name is unknown, a header is not text, or two
        columns of one file would have one header.
    """
    _check(columns)
    ignored = frozenset(header.strip().casefold() for header in ignore_columns)
    return (
        Table(
            people_name,
            _headers(columns, "people", PEOPLE_COLUMNS),
            PEOPLE_REQUIRED,
            ignored,
            file_in_location=True,
        ),
        Table(
            activities_name,
            _headers(columns, "activities", ACTIVITY_COLUMNS),
            ACTIVITY_REQUIRED,
            ignored,
            file_in_location=True,
        ),
    )


def _check(columns: Mapping[str, str]) -> None:
    problems = []
    prefixes = ("people.", "activities.")
    for key, header in columns.items():
        name = key.split(".", 1)[1] if key.startswith(prefixes) else key
        if name not in PEOPLE_COLUMNS and name not in ACTIVITY_COLUMNS:
            everything = sorted({*PEOPLE_COLUMNS, *ACTIVITY_COLUMNS})
            problems.append(
                Problem(
                    f"columns[{key!r}]", header, f"unknown name; known: {', '.join(everything)}"
                )
            )
        elif key.startswith("people.") and name not in PEOPLE_COLUMNS:
            problems.append(Problem(f"columns[{key!r}]", header, "not a column of the people CSV"))
        elif key.startswith("activities.") and name not in ACTIVITY_COLUMNS:
            problems.append(
                Problem(f"columns[{key!r}]", header, "not a column of the activities CSV")
            )
        if not isinstance(header, str) or not header.strip():
            problems.append(Problem(f"columns[{key!r}]", header, "expected a header as text"))
    if problems:
        raise InvalidInput(problems, "columns")


def _headers(columns: Mapping[str, str], file: str, known: Mapping[str, str]) -> dict[str, str]:
    """recertlib's name of each column of ``file`` with the header it has there."""
    headers = {
        name: columns.get(f"{file}.{name}", columns.get(name, name)).strip() for name in known
    }
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
        raise InvalidInput(problems, "columns")
    return headers
