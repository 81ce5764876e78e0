"""The input types: every bad field named, frozen values, and dates that must agree."""

from __future__ import annotations

import datetime
from decimal import Decimal

import attrs
import pytest

from recertlib import Activity, Credential, Holder, RecertlibError
from recertlib.errors import FieldValueError


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("amount", -1, "non-negative"),
        ("amount", "NaN", "finite"),
        ("amount", True, "expected a number"),
        ("amount", "ten", "expected a number"),
        ("completed_on", "2023-02-29", "expected a date as YYYY-MM-DD"),
        ("completed_on", "01/02/2024", "expected a date as YYYY-MM-DD"),
        ("completed_on", datetime.datetime(2024, 1, 2, 10, 0), "not a date and time"),
        ("title", " ", "expected non-empty text"),
        ("approved_by", "AAMA", "list of names"),
    ],
)
def test_bad_activity_fields_are_named(field, value, message):
    fields = {
        "title": "Course",
        "completed_on": "2024-01-02",
        "amount": 1,
        "unit": "hour",
        field: value,
    }
    with pytest.raises(RecertlibError, match=message) as raised:
        Activity(**fields)
    if isinstance(raised.value, FieldValueError):
        assert raised.value.field == field


def test_types_are_frozen():
    activity = Activity("Course", "2024-01-02", 1, "hour")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        activity.amount = Decimal(2)  # type: ignore[misc]


def test_an_expiry_before_certification_is_refused():
    with pytest.raises(FieldValueError, match="expires_on: is before certified_on 2024-01-01"):
        Credential("AAMA", "CMA", "Casey", "2024-01-01", expires_on="2023-12-31")


def test_a_holder_takes_activities_only():
    credential = Credential("AAMA", "CMA", "Casey", "2024-01-01")
    with pytest.raises(FieldValueError, match=r"activities\[0\]: expected an Activity"):
        Holder(credential, ["course"])  # type: ignore[list-item]
