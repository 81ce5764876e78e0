"""The common units of continuing education and their relations, at their edges: exact values
only, the body's own values first, and an unknown unit refused naming every unit taken."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from support import TEST_SPEC, make_activity

from recertlib import Credential, Reason, evaluate
from recertlib.quantities import COMMON_UNITS, CONTACT_HOUR_MINUTES, UNITS
from recertlib.quantities.units import chain, convert, exact_decimal, ratio, related_units, targets
from recertlib.rules import Cap, Conversion, Selector, Tier
from recertlib.testing import registry_of

AS_OF = "2020-06-01"
THEORY = {"area": "theory", "approved_by": ("TB",)}


def test_the_table_of_common_units():
    assert [unit.name for unit in UNITS] == [
        "minute",
        "clock_hour",
        "contact_hour",
        "iacet_ceu",
        "semester_credit",
        "quarter_credit",
    ]
    assert CONTACT_HOUR_MINUTES == 60
    for unit in UNITS:
        assert unit.description
        assert (unit.defined_in is None) is (unit.per is None)
        assert unit.defined_in is None or unit.defined_in in COMMON_UNITS
    assert "ce_credit" not in COMMON_UNITS  # bodies give it different values


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("minute", ()),
        ("clock_hour", (("minute", 60),)),
        ("contact_hour", (("minute", 60),)),
        ("iacet_ceu", (("contact_hour", 10), ("minute", 600))),
        ("Semester_Credit", (("contact_hour", 15), ("minute", 900))),
        ("quarter_credit", (("contact_hour", 10), ("minute", 600))),
        ("furlong", ()),
    ],
)
def test_each_unit_is_a_whole_multiple_of_the_units_it_is_defined_in(unit, expected):
    assert chain(unit) == expected


@pytest.mark.parametrize(
    ("recorded", "into", "expected"),
    [
        ("quarter_credit", "semester_credit", Fraction(2, 3)),
        ("semester_credit", "quarter_credit", Fraction(3, 2)),
        ("clock_hour", "contact_hour", Fraction(1)),
        ("minute", "contact_hour", Fraction(1, 60)),
        ("iacet_ceu", "minute", Fraction(600)),
        ("iacet_ceu", "furlong", None),
        ("hour", "minute", None),
    ],
)
def test_ratios_between_common_units_are_exact_rationals(recorded, into, expected):
    assert ratio(recorded, into) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(1, 3), None),
        (Fraction(2, 3), None),
        (Fraction(1, 8), Decimal("0.125")),
        (Fraction(3, 2), Decimal("1.5")),
        (Fraction(7), Decimal(7)),
        (Fraction(1, 1024), Decimal(1) / Decimal(1024)),
    ],
)
def test_a_rational_is_taken_only_as_an_exact_decimal(value, expected):
    assert exact_decimal(value) == expected


def test_a_quarter_credit_is_two_thirds_of_a_semester_credit_only_when_that_is_exact():
    taken = ["semester_credit"]
    assert convert(Decimal(3), "quarter_credit", taken).amount == 2
    assert convert(Decimal("1.5"), "quarter_credit", taken).amount == 1
    said = convert(Decimal(1), "quarter_credit", taken)
    assert said == (
        "1 quarter_credit is not an exact number of semester_credit (2/3 each);"
        " record it in semester_credit"
    )


def test_the_units_a_unit_is_defined_in_come_first_then_exact_factors():
    # An IACET CEU goes to contact hours (its definition) before a quarter credit, though both
    # are exact; a minute goes to a clock hour (exact) rather than a semester credit.
    assert targets("iacet_ceu", ["quarter_credit", "contact_hour"]) == (
        "contact_hour",
        "quarter_credit",
    )
    assert targets("quarter_credit", ["semester_credit", "clock_hour"]) == (
        "clock_hour",
        "semester_credit",
    )
    assert targets("contact_hour", ["contact_hour"]) == ()
    assert related_units(["contact_hour"]) == (
        "minute",
        "clock_hour",
        "iacet_ceu",
        "semester_credit",
        "quarter_credit",
    )


# --- In the judge, on the test credential -------------------------------------------------------


def spec_with(*conversions: Conversion, **changes: object):
    (rule_set,) = TEST_SPEC.rule_sets
    education = attrs.evolve(
        rule_set.continuing_education,
        conversions=(*conversions, Conversion("card", 2, area="practice", approved=True)),
        caps=(Cap("Not approved", Selector(approved=False), 10),),
        **changes,
    )
    return attrs.evolve(
        TEST_SPEC, rule_sets=(attrs.evolve(rule_set, continuing_education=education),)
    )


def judged(spec, *activities):
    credential = Credential("TB", "TC", "Tess", "2020-01-15")
    return evaluate(credential, activities, as_of=AS_OF, registry=registry_of(spec)).activities


CONTACT_HOURS = spec_with(Conversion("contact_hour", 1))


@pytest.mark.parametrize(
    ("amount", "unit", "credit"),
    [
        (1, "iacet_ceu", 10),
        ("0.01", "iacet_ceu", Decimal("0.1")),
        (2, "semester_credit", 30),
        (3, "quarter_credit", 30),
        (90, "minute", Decimal("1.5")),
        (1, "minute", None),  # 1/60 of a contact hour: not exact
        (50, "minute", None),
        (4, "clock_hour", 4),
        ("0.5", "CLOCK_HOUR", Decimal("0.5")),
    ],
)
def test_common_units_convert_into_the_one_the_body_takes(amount, unit, credit):
    (result,) = judged(CONTACT_HOURS, make_activity("2020-03-01", amount, unit, **THEORY))
    if credit is None:
        (refusal,) = result.refusals
        assert refusal.reason is Reason.UNKNOWN_UNIT
        assert "is not an exact number of contact_hour" in refusal.detail
        assert result.credit == 0
    else:
        assert (result.credit, result.counted, result.refusals) == (credit, credit, ())


def test_a_unit_the_body_names_takes_the_bodys_value_not_the_relation():
    spec = spec_with(Conversion("contact_hour", 1), Conversion("quarter_credit", 15))
    (result,) = judged(spec, make_activity("2020-03-01", 1, "quarter_credit", **THEORY))
    assert result.credit == 15


def test_converted_credit_takes_the_body_units_factor_area_and_approval():
    spec = spec_with(
        Conversion("contact_hour", "0.5", approved=False, area="practice"), Conversion("hour", 1)
    )
    (result,) = judged(spec, make_activity("2020-03-01", 1, "iacet_ceu", **THEORY))
    assert (result.credit, result.area, result.approved) == (5, "practice", False)


def test_tiers_count_converted_amounts_in_the_body_unit():
    tiered = Conversion("contact_hour", 1, tiers=(Tier(up_to=12, factor=2),))
    a, b = judged(
        spec_with(tiered),
        make_activity("2020-03-01", 1, "iacet_ceu", **THEORY),  # 10 contact hours, all doubled
        make_activity("2020-03-02", 4, "contact_hour", **THEORY),  # 2 doubled, 2 single
    )
    assert (a.credit, b.credit) == (20, 6)


def test_caps_on_the_body_unit_cover_converted_credit():
    spec = spec_with(Conversion("contact_hour", 1), Conversion("hour", 1))
    (rule_set,) = spec.rule_sets
    education = attrs.evolve(
        rule_set.continuing_education,
        caps=(Cap("Contact hours", Selector(units={"contact_hour"}), 4),),
    )
    spec = attrs.evolve(spec, rule_sets=(attrs.evolve(rule_set, continuing_education=education),))
    (result,) = judged(spec, make_activity("2020-03-01", 1, "iacet_ceu", **THEORY))
    assert (result.credit, result.counted) == (10, 4)
    assert result.refusals[0].reason is Reason.OVER_CAP


def test_a_body_may_take_only_the_units_it_names():
    spec = spec_with(Conversion("contact_hour", 1), common_units_convert=False)
    (result,) = judged(spec, make_activity("2020-03-01", 1, "iacet_ceu", **THEORY))
    (refusal,) = result.refusals
    assert refusal.reason is Reason.UNKNOWN_UNIT
    assert refusal.detail == "unit 'iacet_ceu' is not one of: contact_hour, card"


def test_an_unknown_unit_is_refused_naming_every_unit_taken_common_ones_included():
    (result,) = judged(CONTACT_HOURS, make_activity("2020-03-01", 1, "furlong", **THEORY))
    (refusal,) = result.refusals
    assert refusal.reason is Reason.UNKNOWN_UNIT
    assert refusal.detail == (
        "unit 'furlong' is not one of: contact_hour, card (nor of the common units converted"
        " into them: minute, clock_hour, iacet_ceu, semester_credit, quarter_credit)"
    )


def test_a_body_with_no_common_unit_names_only_its_own():
    (result,) = judged(TEST_SPEC, make_activity("2020-03-01", 1, "iacet_ceu", **THEORY))
    assert result.refusals[0].detail == "unit 'iacet_ceu' is not one of: hour, day, card"
