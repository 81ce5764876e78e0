"""Input taken only as it is meant: text fields hold text, lists of names are lists of strings,
dates are YYYY-MM-DD, amounts are plain decimal numerals within range and precision."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any

import pytest

from recertlib import Activity, Credential, InvalidInput, evaluate, structure, unstructure
from recertlib.errors import FieldValueError
from recertlib.io import structure_holder
from recertlib.quantities import to_amount, to_date
from recertlib.quantities.amounts import MAX_AMOUNT, MAX_PLACES, format_amount
from recertlib.quantities.dates import LATEST_EVENT, NEVER, Span

CREDENTIAL = {"body": "AAMA", "credential": "CMA", "holder": "Casey", "certified_on": "2022-03-10"}
ACTIVITY = {"title": "Ethics", "completed_on": "2023-01-05", "amount": "1", "unit": "aama_ceu"}


def holder_with(credential: dict[str, Any] | None = None, **activity: Any) -> dict[str, Any]:
    return {
        "credential": {**CREDENTIAL, **(credential or {})},
        "activities": [{**ACTIVITY, **activity}],
    }


def the_problem(data: Any) -> tuple[str, Any, str]:
    with pytest.raises(InvalidInput) as raised:
        structure_holder(data)
    (problem,) = raised.value.problems
    return problem.path, problem.value, problem.message


NOT_TEXT = [None, True, False, 0, 1.5, ["Casey"], {"name": "Casey"}]


@pytest.mark.parametrize("value", NOT_TEXT, ids=repr)
@pytest.mark.parametrize("field", ["body", "credential", "holder"])
def test_a_credential_text_field_holds_only_text(field, value):
    path, found, message = the_problem(holder_with({field: value}))
    assert path == f"$.credential.{field}"
    assert found == value
    assert "expected text" in message


@pytest.mark.parametrize("value", NOT_TEXT, ids=repr)
@pytest.mark.parametrize("field", ["title", "unit", "area", "provider", "certificate_id"])
def test_an_activity_text_field_holds_only_text(field, value):
    if value is None and field in {"area", "certificate_id"}:
        pytest.skip("null is how an optional field is left out")
    path, found, _ = the_problem(holder_with(**{field: value}))
    assert (path, found) == (f"$.activities[0].{field}", value)


def test_a_null_holder_is_not_the_holder_none():
    # Before: cattrs' str hook made the holder "None".
    with pytest.raises(InvalidInput, match=r"\$\.credential\.holder: expected text"):
        structure_holder(holder_with({"holder": None}))


def test_optional_text_may_be_null():
    holder = structure_holder(holder_with(area=None, certificate_id=None))
    assert holder.activities[0].area is None


@pytest.mark.parametrize(
    "value",
    [{"AAMA": False}, {"AAMA": True}, "AAMA", [["AAMA"]], [None], [1], [""], [" "], 5, None],
    ids=repr,
)
@pytest.mark.parametrize("field", ["approved_by", "tags", "other_areas"])
def test_a_list_of_names_is_a_list_of_strings(field, value):
    path, _, message = the_problem(holder_with(**{field: value}))
    assert path == f"$.activities[0].{field}"
    assert "names" in message


@pytest.mark.parametrize("value", [{"AAMA": False}, "AAMA", ("AAMA", 1)], ids=repr)
def test_the_api_refuses_the_same_lists(value):
    with pytest.raises(FieldValueError) as raised:
        Activity("Ethics", "2023-01-05", 1, "aama_ceu", approved_by=value)
    assert raised.value.field == "approved_by"


def test_a_list_or_set_of_approvers_is_taken():
    holder = structure_holder(holder_with(approved_by=["AAMA", "AAMA", "NHA"]))
    assert holder.activities[0].approved_by == frozenset({"AAMA", "NHA"})
    activity = Activity("Ethics", "2023-01-05", 1, "aama_ceu", approved_by={"AAMA"})
    assert activity.approved_by == frozenset({"AAMA"})


@pytest.mark.parametrize(
    "text",
    [
        "2024-W01-1",  # an ISO week date: ten characters too
        "2024-001",  # an ordinal date
        "20240101",
        "2024-1-1",
        "24-01-01",
        "\uff12\uff10\uff12\uff14-\uff10\uff11-\uff10\uff11",  # full-width digits
        "\u0662\u0660\u0662\u0664-\u0660\u0661-\u0660\u0661",  # Arabic-Indic digits
        "2024-01-01T00:00",
        "2024-01-01 00:00",
        "+2024-01-01",
        "2024/01/01",
        "0000-01-01",
        "2023-02-29",
        "",
        "2024-01-01\n2024",
    ],
)
def test_a_date_is_exactly_yyyy_mm_dd(text):
    with pytest.raises(ValueError, match="expected a date as YYYY-MM-DD"):
        to_date(text)
    path, found, _ = the_problem(holder_with(completed_on=text))
    assert (path, found) == ("$.activities[0].completed_on", text)


def test_a_date_may_have_spaces_around_it():
    assert to_date(" 2024-02-29\t") == datetime.date(2024, 2, 29)


@pytest.mark.parametrize("value", [20240101, 2024.0, None, True, ["2024-01-01"]], ids=repr)
def test_a_date_is_never_a_number_or_a_list(value):
    path, _, message = the_problem(holder_with({"certified_on": value}))
    assert path == "$.credential.certified_on"
    assert "YYYY-MM-DD" in message


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("certified_on", "9999-01-01"),
        ("certified_on", "9900-01-01"),
        ("certified_on", "0001-01-01"),
    ],
)
def test_a_date_nothing_can_be_counted_from_is_refused_by_name(field, value):
    with pytest.raises(FieldValueError) as raised:
        Credential("AAMA", "CMA", "Casey", **{"certified_on": "2020-01-01", field: value})
    assert raised.value.field == field
    assert str(LATEST_EVENT) in str(raised.value)
    path, _, _ = the_problem(holder_with({field: value}))
    assert path == f"$.credential.{field}"


def test_9999_12_31_is_never_expires():
    credential = Credential("AAMA", "CMA", "Casey", "2020-01-01", expires_on="9999-12-31")
    assert credential.expires_on == NEVER


@pytest.mark.parametrize("field", ["completed_on", "started_on"])
def test_an_activity_date_past_the_calendars_reach_is_refused(field):
    path, _, _ = the_problem(holder_with(**{"completed_on": "2023-01-05", field: "9999-12-31"}))
    assert path == f"$.activities[0].{field}"


@pytest.mark.parametrize("body", ["AAMA", "NHA"])
def test_the_latest_dates_allowed_evaluate_even_on_the_last_day_of_the_calendar(installed, body):
    code = {"AAMA": "CMA", "NHA": "CCMA"}[body]
    credential = Credential(body, code, "Casey", LATEST_EVENT, expires_on=LATEST_EVENT)
    activity = Activity("Late", LATEST_EVENT, 1, "contact_hour")
    for as_of in (LATEST_EVENT, NEVER):
        verdict = evaluate(credential, [activity], as_of=as_of, registry=installed)
        assert verdict.expires_on == LATEST_EVENT


def test_a_span_past_the_end_of_the_calendar_is_never():
    assert Span(months=60).after(NEVER) == NEVER
    assert Span(days=1).after(to_date("9999-12-31")) == NEVER
    assert Span(months=1).before(to_date("0001-01-15")) == to_date("0001-01-01")


@pytest.mark.parametrize(
    "value",
    [
        "1_0",
        "\uff11\uff10",  # full-width
        "\u0661\u0660",  # Arabic-Indic
        "1e3",
        "1E+2",
        "1e999999999",
        "NaN",
        "nan",
        "Infinity",
        "-Infinity",
        "+1",
        "-1",
        "-0",
        "1,5",
        "1.",
        ".5",
        "0x10",
        "",
        " ",
        "1 000",
        "9.999999999999999999999999999999",
        "1" * 5000,
        True,
        None,
        [1],
        {"amount": 1},
        float("nan"),
        float("inf"),
        -0.0,
        -1,
        Decimal("NaN"),
        Decimal("-0"),
        Decimal("1E+7"),
        Decimal("0.0000001"),
    ],
    ids=lambda value: repr(value)[:30],
)
def test_an_amount_is_a_plain_decimal_numeral_within_range_and_precision(value):
    with pytest.raises((TypeError, ValueError)):
        to_amount(value)
    with pytest.raises(FieldValueError) as raised:
        Activity("Ethics", "2023-01-05", value, "aama_ceu")
    assert raised.value.field == "amount"


@pytest.mark.parametrize(
    ("value", "amount"),
    [
        ("0", "0"),
        ("2.5", "2.5"),
        (" 10 ", "10"),
        ("60.00", "60.00"),
        (str(MAX_AMOUNT), "1000000"),
        ("0." + "0" * (MAX_PLACES - 1) + "1", "0.000001"),
        ("9.999999", "9.999999"),
        (0.1, "0.1"),
        (59.9, "59.9"),
        (1e6, "1000000.0"),
        (7, "7"),
        (Decimal("1E+2"), "100"),
    ],
    ids=repr,
)
def test_amounts_within_range_and_precision_are_exact(value, amount):
    assert format(to_amount(value), "f") == amount


def test_an_amount_is_never_rounded():
    with pytest.raises(FieldValueError, match="decimal places"):
        Activity("Ethics", "2023-01-05", "9.9999999", "aama_ceu")


def test_the_limits_are_the_documented_constants():
    assert Decimal(1_000_000) == MAX_AMOUNT
    assert MAX_PLACES == 6
    with pytest.raises(ValueError, match="at most 1000000"):
        to_amount("1000000.5")


def test_json_numbers_within_range_and_precision_are_taken():
    holder = structure_holder(json.loads(json.dumps(holder_with(amount=2.25))))
    assert holder.activities[0].amount == Decimal("2.25")
    path, _, _ = the_problem(holder_with(amount=True))
    assert path == "$.activities[0].amount"


def test_an_amount_is_shown_without_sign_or_exponent():
    assert format_amount(Decimal("60.00")) == "60"
    assert format_amount(Decimal("1E+2")) == "100"
    assert unstructure(Decimal("1E+2")) == "100"


def test_every_bad_field_of_a_record_is_reported_at_once():
    data = {
        "credential": {**CREDENTIAL, "holder": None, "certified_on": "2024-W01-1"},
        "activities": [
            {
                "title": ["Ethics"],
                "completed_on": "2023-001",
                "amount": "1_0",
                "unit": "",
                "approved_by": {"AAMA": False},
            }
        ],
    }
    with pytest.raises(InvalidInput) as raised:
        structure_holder(data)
    assert sorted(problem.path for problem in raised.value.problems) == [
        "$.activities[0].amount",
        "$.activities[0].approved_by",
        "$.activities[0].completed_on",
        "$.activities[0].title",
        "$.activities[0].unit",
        "$.credential.certified_on",
        "$.credential.holder",
    ]


def test_an_unknown_key_that_is_not_a_name_has_a_path_that_reads_one_way():
    data = holder_with(**{"a.b": 1})
    with pytest.raises(InvalidInput) as raised:
        structure(data["activities"][0], Activity)
    (problem,) = raised.value.problems
    assert problem.path == '$["a.b"]'


def test_a_deeply_nested_value_is_described_not_repeated():
    nested: Any = "x"
    for _ in range(5000):
        nested = [nested]
    with pytest.raises(InvalidInput) as raised:
        structure_holder(holder_with({"holder": nested}))
    (problem,) = raised.value.problems
    assert problem.path == "$.credential.holder"
    assert "nested" in str(raised.value)
