"""The columns of an HR export pair, by recertlib's names: what each holds, which a file must
have, which hold a yes or no and which a list."""

from __future__ import annotations

from collections.abc import Mapping

from recertlib.io.activities_csv import ACTIVITY_COLUMNS as _ACTIVITY
from recertlib.io.activities_csv import REQUIRED_ACTIVITY_COLUMNS

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
YES_TEXTS = frozenset({"yes", "y", "true", "t", "1"})
"""What a cell of a yes-or-no column says for yes, in any case; ``NO_TEXTS`` for no."""
NO_TEXTS = frozenset({"no", "n", "false", "f", "0"})

LIST_COLUMNS = frozenset({"approved_by", "other_areas", "tags"})
"""The columns of the activities CSV that hold a list, separated by ``;``."""
