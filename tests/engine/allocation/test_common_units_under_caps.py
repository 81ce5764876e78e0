"""Common units under the caps: an activity in a common unit that a body converts through the
common relations is subject to every cap and minimum the converted credit falls under, and a
cap or a minimum may select it by the unit it was recorded in; a unit a body refuses is
refused with the body's reason."""

from __future__ import annotations

from decimal import Decimal

import pytest

from recertlib import Credential, Reason, evaluate
from recertlib.errors import FieldValueError, InvalidRuleSet
from recertlib.rules import (
    AfterExpiry,
    Cap,
    Confidence,
    ContinuingEducation,
    Conversion,
    CredentialSpec,
    Cycle,
    Minimum,
    Pathway,
    PathwayKind,
    RefusedUnit,
    RuleSet,
    Selector,
    Span,
    TakenBy,
)
from recertlib.testing import activity, registry_of

COLLEGE = Cap("College credit", Selector(units={"semester_credit"}), 10)


def spec_with(**education: object) -> CredentialSpec:
    fields: dict[str, object] = {
        "unit": "hour",
        "total": 30,
        "conversions": (Conversion("contact_hour", 1),),
        **education,
    }
    return CredentialSpec(
        "TB",
        "U",
        "Units test",
        "Test body",
        (
            RuleSet(
                "tb.u",
                None,
                "the tests",
                Confidence.HIGH,
                cycle=Cycle(Span(months=24)),
                continuing_education=ContinuingEducation(**fields),  # type: ignore[arg-type]
                pathways=(
                    Pathway(
                        PathwayKind.CONTINUING_EDUCATION,
                        "Renew",
                        closes=AfterExpiry(),
                        requires_credit=True,
                    ),
                ),
            ),
        ),
    )


def judged(spec: CredentialSpec, *activities):
    credential = Credential("TB", "U", "Uma", "2024-01-10")
    return evaluate(credential, activities, as_of="2025-06-01", registry=registry_of(spec))


def test_three_semester_credits_count_no_more_than_a_cap_on_semester_credit():
    found = judged(spec_with(caps=(COLLEGE,)), activity("2024-05-01", 3, "semester_credit"))
    (result,) = found.activities
    assert (result.credit, result.counted) == (45, 10)
    (refusal,) = result.refusals
    assert refusal.reason is Reason.OVER_CAP
    assert "35 hours over the cap (College credit: at most 10 hours)" in refusal.detail


def test_a_cap_on_the_unit_converted_into_holds_the_common_unit_too():
    cap = Cap("Contact hours", Selector(units={"contact_hour"}), 20)
    found = judged(
        spec_with(total=20, caps=(cap,)),
        activity("2024-05-01", 1, "semester_credit"),
        activity("2024-05-02", 10, "contact_hour"),
    )
    assert sum(result.counted for result in found.activities) == 20


@pytest.mark.parametrize(("credits", "counted"), [("0.6", 9), ("0.66", "9.9"), ("1", 10)])
def test_at_the_cap_and_just_below(credits, counted):
    found = judged(spec_with(caps=(COLLEGE,)), activity("2024-05-01", credits, "semester_credit"))
    (result,) = found.activities
    assert result.counted == Decimal(counted)
    assert (result.refusals == ()) is (Decimal(credits) * 15 <= 10)


def test_a_minimum_may_select_the_common_unit_credit_was_recorded_in():
    minimum = Minimum("College", Selector(units={"semester_credit"}), 15)
    found = judged(
        spec_with(minimums=(minimum,)),
        activity("2024-05-01", 1, "semester_credit"),
        activity("2024-05-02", 20, "contact_hour"),
    )
    total, college = found.pathways[0].requirements
    assert (total.earned, college.earned, college.met) == (35, 15, True)


def test_a_cap_on_a_common_unit_the_rules_do_not_convert_is_refused():
    spec = spec_with(caps=(COLLEGE,), common_units_convert=False)
    with pytest.raises(InvalidRuleSet, match=r"selects units \['semester_credit'\]"):
        registry_of(spec)


def test_a_cap_on_a_refused_common_unit_is_refused():
    refused = RefusedUnit("semester_credit", "the body says nothing of college credit")
    with pytest.raises(InvalidRuleSet, match=r"selects units \['semester_credit'\]"):
        registry_of(spec_with(caps=(COLLEGE,), refused_units=(refused,)))


def test_a_refused_unit_is_refused_with_the_bodys_reason():
    refused = RefusedUnit("IACET_CEU", "record the hours the provider awarded")
    found = judged(spec_with(refused_units=(refused,)), activity("2024-05-01", 1, "iacet_ceu"))
    (result,) = found.activities
    (refusal,) = result.refusals
    assert refusal.reason is Reason.UNKNOWN_UNIT
    assert refusal.detail == (
        "unit 'iacet_ceu' is not taken: record the hours the provider awarded"
    )
    assert result.counted == 0


def test_an_unknown_unit_lists_the_common_units_taken_not_those_refused():
    refused = RefusedUnit("iacet_ceu", "no source")
    found = judged(spec_with(refused_units=(refused,)), activity("2024-05-01", 1, "webinar"))
    (refusal,) = found.activities[0].refusals
    assert refusal.detail == (
        "unit 'webinar' is not one of: contact_hour (nor of the common units converted into"
        " them: minute, clock_hour, semester_credit, quarter_credit)"
    )


@pytest.mark.parametrize(
    ("education", "problem"),
    [
        (
            {
                "refused_units": (
                    RefusedUnit("contact_hour", "no"),
                ),
            },
            "unit 'contact_hour' is both converted and refused",
        ),
        (
            {"refused_units": (RefusedUnit("minute", "no"), RefusedUnit("MINUTE", "no"))},
            "unit 'minute' is refused 2 times",
        ),
    ],
)  # fmt: skip
def test_contradictory_refusals_are_refused_when_registered(education, problem):
    with pytest.raises(InvalidRuleSet, match=problem):
        registry_of(spec_with(**education))


def test_a_refusal_needs_a_reason():
    with pytest.raises(FieldValueError, match="reason"):
        RefusedUnit("minute", "")


def test_how_the_rules_take_each_common_unit():
    rules = (
        spec_with(
            conversions=(Conversion("contact_hour", 1), Conversion("semester_credit", 8)),
            refused_units=(RefusedUnit("iacet_ceu", "no source"),),
        )
        .rule_sets[0]
        .continuing_education
    )
    assert rules is not None
    assert [(t.unit, t.taken_by, t.said, t.taken) for t in rules.common_units()] == [
        ("minute", TakenBy.RELATIONS, "1/60 contact_hour", True),
        ("clock_hour", TakenBy.RELATIONS, "1 contact_hour", True),
        ("contact_hour", TakenBy.CONVERSION, "contact_hour", True),
        ("iacet_ceu", TakenBy.REFUSED, "no source", False),
        ("semester_credit", TakenBy.CONVERSION, "semester_credit", True),
        ("quarter_credit", TakenBy.RELATIONS, "10 contact_hour", True),
    ]
    assert rules.takes("quarter_credit")
    assert not rules.takes("iacet_ceu")
    assert not rules.takes("webinar")


def test_without_the_common_relations_no_common_unit_is_taken_but_those_named():
    rules = spec_with(common_units_convert=False).rule_sets[0].continuing_education
    assert rules is not None
    assert [t.unit for t in rules.common_units() if t.taken] == ["contact_hour"]
    assert {t.taken_by for t in rules.common_units() if not t.taken} == {TakenBy.NOT_TAKEN}
