"""Any value whatever, through any entry point, is taken or refused with an error that names
the field, the value and the record: an int too long for Python to write out (more than 4300
digits) included."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from recertlib import Activity, Credential, Holder, InvalidInput, Person, structure
from recertlib.errors import FieldValueError

HUGE = 10**5000
HOLDER: dict[str, Any] = {
    "credential": {
        "body": "AAMA",
        "credential": "CMA",
        "holder": "H",
        "certified_on": "2020-01-01",
    },
    "activities": [{"title": "T", "completed_on": "2020-01-01", "amount": "1", "unit": "hour"}],
}
PLACES = [
    ("credential", "body"),
    ("credential", "holder"),
    ("credential", "certified_on"),
    ("credential", "expires_on"),
    ("credential", "facts"),
    ("activities",),
    ("activities", 0, "title"),
    ("activities", 0, "amount"),
    ("activities", 0, "completed_on"),
    ("activities", 0, "started_on"),
    ("activities", 0, "approved_by"),
    ("activities", 0, "tags"),
    ("activities", 0, "other_areas"),
    ("activities", 0, "provider"),
    ("activities", 0, "area"),
    ("activities", 0, "certificate_id"),
]


@pytest.mark.parametrize("value", [HUGE, [HUGE], {"x": HUGE}], ids=["int", "list", "object"])
@pytest.mark.parametrize("place", PLACES, ids=lambda place: ".".join(map(str, place)))
def test_structuring_refuses_it_by_path(place, value):
    data = copy.deepcopy(HOLDER)
    parent = data
    for key in place[:-1]:
        parent = parent[key]
    parent[place[-1]] = value
    with pytest.raises(InvalidInput) as raised:
        structure(data, Holder, record="holders.json[0]")
    message = str(raised.value)
    assert message.startswith("holders.json[0]: ")
    path = "$." + ".".join(f"[{k}]" if isinstance(k, int) else k for k in place).replace(".[", "[")
    assert path in message


@pytest.mark.parametrize("field", ["title", "completed_on", "amount", "unit"])
def test_an_activity_refuses_it_by_field(field):
    given: dict[str, Any] = {"title": "T", "completed_on": "2020-01-01", "amount": 1, "unit": "h"}
    given[field] = HUGE
    with pytest.raises(FieldValueError, match=rf"^{field}: .*an integer of about 5000 digits"):
        Activity(**given)


def test_the_other_constructors_refuse_it_by_field():
    with pytest.raises(FieldValueError, match=r"^certified_on: "):
        Credential("AAMA", "CMA", "H", HUGE)
    with pytest.raises(FieldValueError, match=r"^activities: "):
        Holder(Credential("AAMA", "CMA", "H", "2020-01-01"), HUGE)  # type: ignore[arg-type]
    with pytest.raises(FieldValueError, match=r"^activities: "):
        Person("P", activities=HUGE)  # type: ignore[arg-type]
    with pytest.raises(FieldValueError, match=r"^credentials: "):
        Person("P", credentials=HUGE)  # type: ignore[arg-type]


def test_the_value_is_described_once_never_written_out():
    with pytest.raises(FieldValueError) as raised:
        Activity(HUGE, "2020-01-01", 1, "h")  # type: ignore[arg-type]
    assert (
        str(raised.value) == "title: expected non-empty text (got an integer of about 5000 digits)"
    )
