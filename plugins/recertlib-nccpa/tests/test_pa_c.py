"""The NCCPA PA-C rules at their edges, through the plugin's entry point.

Every expected date and amount is worked out by hand from NCCPA's text (see the plugin's
sources); none is computed by the code under test.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from recertlib_nccpa import PA_C

from recertlib import Credential, MissingFact, Reason, Status, evaluate
from recertlib.rules import Part, PathwayKind
from recertlib.testing import CERTIFICATION_DATES, CredentialTests, activity

MAINTAIN = "Maintain certification"
REGAIN = "Regain certification"


class TestPAC(CredentialTests):
    """The checks every credential's tests share, on generated PA-C holders."""

    plugin = "recertlib-nccpa"
    credential = ("NCCPA", "PA-C")
    # 2012-07-15: evaluated before the 10-year process of 2014.
    certified_on = (*CERTIFICATION_DATES, "2012-07-15")

    def holders(self) -> Iterator[Credential]:
        """On each date, a new PA and a PA first certified in 2008: the rules need to know
        which (the original issue date)."""
        for certified_on in self.certified_on:
            for first in (certified_on, "2008-07-15"):
                name = f"certified {certified_on}, first {first}"
                facts = {"originally_issued_on": first}
                yield Credential("NCCPA", "PA-C", name, certified_on, facts=facts)


def pa(certified_on: str, originally_issued_on: str | None = None, **facts: object) -> Credential:
    if originally_issued_on is not None:
        facts["originally_issued_on"] = originally_issued_on
    return Credential("NCCPA", "PA-C", "Pat", certified_on, facts=facts)


def new_pa(certified_on: str) -> Credential:
    return pa(certified_on, certified_on)


def by_name(verdict, name):
    return next(p for p in verdict.pathways if p.name == name)


def requirements(verdict):
    return {r.name: r for r in by_name(verdict, MAINTAIN).requirements}


def cme(day, amount, category="category 1", *, title=None):
    return activity(day, amount, "cme_credit", area=category, title=title)


def full_record(day="2019-06-01", *, category_1="50", category_2="50"):
    return [cme(day, category_1), cme(day, category_2, "category 2")]


# A recertifying PA: first certified 2016-07-15 (first cycle through 2018-12-31), certification
# reissued in 2018, expiring 2020-12-31 (NCCPA's own example: CME from 1 May 2018).
RECERTIFYING = pa("2018-12-31", "2016-07-15")


# --- Registration ---------------------------------------------------------------------------


def test_the_installed_plugin_provides_nccpa_pa_c(registry):
    assert registry.get("NCCPA", "PA-C") is PA_C
    assert registry.get("nccpa", "pa-c") is PA_C


# --- The first cycle of a new PA ------------------------------------------------------------


@pytest.mark.parametrize(
    ("certified_on", "expires_on"),
    [
        ("2024-07-15", "2026-12-31"),
        ("2024-01-01", "2026-12-31"),  # the first day of a year
        ("2024-12-31", "2026-12-31"),  # the last day of a year: just over two years
        ("2024-02-29", "2026-12-31"),  # a leap day
        ("2023-12-31", "2025-12-31"),
    ],
)
def test_a_new_pas_first_cycle_ends_31_december_two_years_after_the_year_certified(
    registry, certified_on, expires_on
):
    verdict = evaluate(new_pa(certified_on), [], as_of=certified_on, registry=registry)
    assert verdict.expires_on.isoformat() == expires_on
    # Credit counts from the date of certification, not from 1 May.
    assert verdict.cycle.credit_from.isoformat() == certified_on
    assert verdict.outer.inner_number == 1


@pytest.mark.parametrize(
    ("completed_on", "counts"),
    [
        ("2024-07-14", False),  # the day before certification
        ("2024-07-15", True),  # the day of certification
        ("2026-12-31", True),  # the expiry date
    ],
)
def test_a_new_pa_counts_credit_from_the_date_of_certification(registry, completed_on, counts):
    verdict = evaluate(
        new_pa("2024-07-15"), [cme(completed_on, 5)], as_of="2026-12-31", registry=registry
    )
    assert verdict.activities[0].is_counted is counts
    if not counts:
        assert verdict.activities[0].refusals[0].reason is Reason.OUTSIDE_WINDOW


def test_a_leap_day_certification(registry):
    verdict = evaluate(
        new_pa("2024-02-29"), [cme("2024-02-29", 5)], as_of="2024-03-01", registry=registry
    )
    assert verdict.expires_on.isoformat() == "2026-12-31"
    assert verdict.cycle.credit_from.isoformat() == "2024-02-29"
    assert verdict.activities[0].is_counted
    # cycles end 2026, 2028, 2030, 2032, 2034
    assert verdict.outer.starts_on.isoformat() == "2024-02-29"
    assert verdict.outer.expires_on.isoformat() == "2034-12-31"


# --- Later cycles: the window from 1 May -----------------------------------------------------


@pytest.mark.parametrize("certified_on", ["2018-06-20", "2018-12-31"])
def test_a_certification_issued_in_2018_expires_at_the_end_of_2020(registry, certified_on):
    verdict = evaluate(pa(certified_on, "2016-07-15"), [], as_of="2019-01-01", registry=registry)
    assert verdict.expires_on.isoformat() == "2020-12-31"
    assert verdict.cycle.credit_from.isoformat() == "2018-05-01"


@pytest.mark.parametrize(
    ("certified_on", "originally", "expires_on", "credit_from"),
    [
        # 31 December less 32 months is 30 April, 2 years and 8 months before; then 1 May.
        ("2018-12-31", "2016-07-15", "2020-12-31", "2018-05-01"),  # NCCPA's example
        ("2022-12-31", "2020-07-15", "2024-12-31", "2022-05-01"),  # into a leap year
        ("2024-12-31", "2020-07-15", "2026-12-31", "2024-05-01"),  # from a leap year
    ],
)
def test_a_recertifying_pa_counts_credit_from_1_may_of_the_expiration_year_less_two(
    registry, certified_on, originally, expires_on, credit_from
):
    verdict = evaluate(pa(certified_on, originally), [], as_of=certified_on, registry=registry)
    assert verdict.expires_on.isoformat() == expires_on
    assert verdict.cycle.credit_from.isoformat() == credit_from


@pytest.mark.parametrize(
    ("completed_on", "counts"),
    [
        ("2018-04-30", False),  # the last day before the window
        ("2018-05-01", True),  # the window's first day
        ("2020-12-31", True),  # the expiry date
        ("2021-01-01", False),  # the day after: no grace period
    ],
)
def test_the_edges_of_the_window_for_a_recertifying_pa(registry, completed_on, counts):
    verdict = evaluate(RECERTIFYING, [cme(completed_on, 5)], as_of="2021-01-01", registry=registry)
    result = verdict.activities[0]
    assert result.is_counted is counts
    if not counts:
        assert result.refusals[0].reason is Reason.OUTSIDE_WINDOW


@pytest.mark.parametrize(
    ("as_of", "status", "open_pathways"),
    [
        ("2020-12-31", Status.CURRENT, [MAINTAIN]),  # the expiry date
        ("2021-01-01", Status.LAPSED, [REGAIN]),  # the day after: no grace period
        ("2035-06-01", Status.LAPSED, [REGAIN]),  # no time limit to regain
    ],
)
def test_31_december_then_1_january(registry, as_of, status, open_pathways):
    verdict = evaluate(RECERTIFYING, full_record(), as_of=as_of, registry=registry)
    assert verdict.status is status
    assert verdict.usable is (status is Status.CURRENT)
    assert [p.name for p in verdict.open_pathways] == open_pathways


def test_maintaining_certification_extends_the_expiry_by_two_years(registry):
    verdict = evaluate(RECERTIFYING, full_record(), as_of="2020-06-01", registry=registry)
    maintain = by_name(verdict, MAINTAIN)
    assert maintain.kind is PathwayKind.CONTINUING_EDUCATION
    assert maintain.can_recertify_now
    assert maintain.closes_on.isoformat() == "2020-12-31"
    assert maintain.next_cycle_starts_on.isoformat() == "2021-01-01"
    assert maintain.next_expiry.isoformat() == "2022-12-31"
    # The deadline: 31 December of the expiration year, 11:59 p.m. Pacific Time.
    (deadline,) = maintain.deadlines
    assert deadline.due_on.isoformat() == "2020-12-31"
    assert "11:59 p.m. Pacific" in deadline.label


def test_the_next_cycle_counted_from_the_old_expiry_gives_the_same_expiry(registry):
    # The next cycle, certified_on the old expiry 2020-12-31: ends 2022-12-31, CME from
    # 1 May 2020.
    verdict = evaluate(pa("2020-12-31", "2016-07-15"), [], as_of="2021-01-01", registry=registry)
    assert verdict.expires_on.isoformat() == "2022-12-31"
    assert verdict.cycle.credit_from.isoformat() == "2020-05-01"
    assert verdict.outer.inner_number == 3


def test_the_maintenance_fee_is_unconfirmed_and_the_exam_fee_conditional(registry):
    verdict = evaluate(RECERTIFYING, full_record(), as_of="2020-06-01", registry=registry)
    fees = {fee.label: fee for fee in verdict.fee_due}
    maintenance = fees["Certification maintenance fee"]
    assert (maintenance.amount, maintenance.confirmed) == (Decimal(180), False)
    # The exam fee is due only in the 5th CME cycle; this is the 2nd.
    assert verdict.outer.inner_number == 2
    assert "PANRE or PANRE-LA exam fee" not in fees
    last = evaluate(pa("2024-12-31", "2016-07-15"), [], as_of="2025-06-01", registry=registry)
    assert last.outer.inner_number == 5
    exam = {fee.label: fee for fee in last.fee_due}["PANRE or PANRE-LA exam fee"]
    assert (exam.amount, exam.confirmed) == (Decimal(350), True)
    # Known to be the 5th cycle, the fee is simply due: its title states no condition.
    assert exam.describe() == "PANRE or PANRE-LA exam fee"
    assert exam.when is None


# --- After expiry: regaining certification ------------------------------------------------------


def test_after_expiry_only_regaining_by_cme_and_panre_remains(registry):
    verdict = evaluate(RECERTIFYING, full_record(), as_of="2021-03-15", registry=registry)
    regain = verdict.recommended
    assert regain.name == REGAIN
    assert regain.kind is PathwayKind.REINSTATEMENT
    assert regain.opens_on.isoformat() == "2021-01-01"
    assert regain.closes_on is None
    assert {r.name for r in regain.requirements} == {
        "Total",
        "Category 1",
        "Pass PANRE after the lapse",
    }
    assert any("PANRE-LA is not" in step for step in regain.steps)
    (fee,) = regain.fees
    assert (fee.amount, fee.confirmed) == (Decimal(350), True)
    # A new 10-year process, counted from the day certification is regained.
    assert regain.next_cycle_starts_on.isoformat() == "2021-03-15"
    assert regain.next_expiry.isoformat() == "2023-12-31"


def test_credit_earned_after_expiry_does_not_count(registry):
    verdict = evaluate(
        RECERTIFYING, [cme("2021-02-01", 100)], as_of="2021-03-15", registry=registry
    )
    assert not verdict.activities[0].is_counted


# --- The CME amounts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("category_2", "total", "met"),
    [("50", Decimal(100), True), ("49.9", Decimal("99.9"), False)],
)
def test_100_credits_in_all(registry, category_2, total, met):
    verdict = evaluate(
        RECERTIFYING, full_record(category_2=category_2), as_of="2020-06-01", registry=registry
    )
    found = requirements(verdict)["Total"]
    assert (found.earned, found.met) == (total, met)
    if not met:
        assert found.shortfall == Decimal("0.1")
    assert by_name(verdict, MAINTAIN).can_recertify_now is met


@pytest.mark.parametrize(
    ("category_1", "category_2", "met"),
    [("50", "50", True), ("49.9", "50.1", False), ("100", "0", True)],
)
def test_at_least_50_category_1_credits(registry, category_1, category_2, met):
    record = full_record(category_1=category_1, category_2=category_2)
    verdict = evaluate(RECERTIFYING, record, as_of="2020-06-01", registry=registry)
    found = requirements(verdict)
    assert found["Total"].met
    assert (found["Category 1"].earned, found["Category 1"].met) == (Decimal(category_1), met)
    if not met:
        assert found["Category 1"].shortfall == Decimal("0.1")


def test_an_area_other_than_the_two_categories_is_refused(registry):
    verdict = evaluate(
        RECERTIFYING, [cme("2019-06-01", 5, "category 3")], as_of="2020-06-01", registry=registry
    )
    assert verdict.activities[0].refusals[0].reason is Reason.UNKNOWN_AREA


# --- Multipliers (from 2016-08-11) --------------------------------------------------------------


@pytest.mark.parametrize(
    ("recorded", "credits"),
    [
        # By hand: the first 20 PI-CME credits of the cycle count double, the rest once.
        ((Decimal(15), Decimal(10)), (Decimal(30), Decimal(15))),  # 15x2; 5x2 + 5x1
        ((Decimal(20),), (Decimal(40),)),  # exactly the tier
        ((Decimal("20.1"),), (Decimal("40.1"),)),  # 20x2 + 0.1x1
        ((Decimal(20), Decimal(5)), (Decimal(40), Decimal(5))),  # the second is all beyond
        ((Decimal(30),), (Decimal(50),)),  # 20x2 + 10x1
    ],
)
def test_the_first_20_pi_cme_credits_count_double(registry, recorded, credits):
    record = [activity(f"2019-0{i + 1}-01", amount, "pi_cme") for i, amount in enumerate(recorded)]
    verdict = evaluate(RECERTIFYING, record, as_of="2020-06-01", registry=registry)
    assert tuple(r.credit for r in verdict.activities) == credits
    assert all(r.area == "category 1" for r in verdict.activities)
    assert requirements(verdict)["Category 1"].earned == sum(credits)


def test_the_tier_follows_the_order_of_completion_not_of_the_record(registry):
    record = [
        activity("2019-09-01", 10, "pi_cme"),
        activity("2019-02-01", 15, "pi_cme"),
    ]
    verdict = evaluate(RECERTIFYING, record, as_of="2020-06-01", registry=registry)
    # The February activity comes first: 15 x 2 = 30; then 5 x 2 + 5 = 15.
    assert [(r.activity.completed_on.isoformat(), r.credit) for r in verdict.activities] == [
        ("2019-02-01", Decimal(30)),
        ("2019-09-01", Decimal(15)),
    ]


def test_pi_cme_before_the_window_does_not_use_up_the_tier(registry):
    # 20 PI-CME completed before 1 May 2018 belong to the previous cycle only.
    record = [activity("2018-03-01", 20, "pi_cme"), activity("2019-03-01", 10, "pi_cme")]
    verdict = evaluate(RECERTIFYING, record, as_of="2020-06-01", registry=registry)
    assert [r.counted for r in verdict.activities] == [Decimal(0), Decimal(20)]


@pytest.mark.parametrize(
    ("recorded", "credit"),
    [(Decimal(10), Decimal(15)), (Decimal("33.4"), Decimal("50.1")), (Decimal(1), Decimal("1.5"))],
)
def test_self_assessment_counts_one_and_a_half(registry, recorded, credit):
    course = activity("2019-06-01", recorded, "self_assessment")
    verdict = evaluate(RECERTIFYING, [course], as_of="2020-06-01", registry=registry)
    (result,) = verdict.activities
    assert (result.credit, result.area) == (credit, "category 1")


def test_multipliers_make_100_credits_of_fewer_recorded(registry):
    record = [
        activity("2019-02-01", 20, "pi_cme"),  # 40
        activity("2019-03-01", 10, "self_assessment"),  # 15
        cme("2019-04-01", 45, "category 2"),  # 45
    ]
    verdict = evaluate(RECERTIFYING, record, as_of="2020-06-01", registry=registry)
    found = requirements(verdict)
    assert (found["Total"].earned, found["Category 1"].earned) == (Decimal(100), Decimal(55))
    assert by_name(verdict, MAINTAIN).can_recertify_now


# --- The 2016-08-11 change, on both sides -------------------------------------------------------

# A PA who began the 10-year process on 2014-03-01 (first cycle through 2016-12-31).
TRANSITION = pa("2014-03-01", "2014-03-01")


def _record_2015():
    return [
        activity("2015-02-01", 10, "self_assessment"),
        activity("2015-03-01", 10, "pi_cme"),
        cme("2015-04-01", 25),
        cme("2015-05-01", 50, "category 2"),
    ]


@pytest.mark.parametrize(
    ("as_of", "rule_set", "total", "category_1", "self_or_pi"),
    [
        # 2014 rules: 10 + 10 + 25 + 50 = 95, Category 1 45; 20 self-assessment/PI-CME.
        ("2016-08-10", "nccpa.pa-c.education.2014", Decimal(95), Decimal(45), Decimal(20)),
        # 2016 rules: 15 + 20 + 25 + 50 = 110, Category 1 60; no such requirement.
        ("2016-08-11", "nccpa.pa-c.education.2016", Decimal(110), Decimal(60), None),
    ],
)
def test_the_2016_change_applies_to_an_open_cycle_from_11_august_2016(
    registry, as_of, rule_set, total, category_1, self_or_pi
):
    verdict = evaluate(TRANSITION, _record_2015(), as_of=as_of, registry=registry)
    assert verdict.expires_on.isoformat() == "2016-12-31"
    assert verdict.outer.inner_number == 1
    assert rule_set in verdict.rule_sets
    found = requirements(verdict)
    assert found["Total"].earned == total
    assert found["Category 1"].earned == category_1
    if self_or_pi is None:
        assert "Self-assessment or PI-CME" not in found
    else:
        assert found["Self-assessment or PI-CME"].earned == self_or_pi


@pytest.mark.parametrize(("as_of", "met"), [("2016-08-10", False), ("2016-08-11", True)])
def test_100_credits_without_self_assessment_or_pi_cme(registry, as_of, met):
    verdict = evaluate(TRANSITION, full_record("2015-06-01"), as_of=as_of, registry=registry)
    assert by_name(verdict, MAINTAIN).requirements_met is met
    if not met:
        found = requirements(verdict)["Self-assessment or PI-CME"]
        assert (found.earned, found.shortfall) == (Decimal(0), Decimal(20))


def test_the_2014_self_assessment_rule_is_not_asked_in_the_fifth_cycle(registry):
    # First issued 2006-03-01: cycles end 2008, 2010, 2012, 2014, 2016 (the 5th).
    credential = pa("2014-12-31", "2006-03-01")
    verdict = evaluate(credential, full_record("2015-06-01"), as_of="2016-08-10", registry=registry)
    assert verdict.outer.inner_number == 5
    assert "nccpa.pa-c.education.2014" in verdict.rule_sets
    assert set(requirements(verdict)) == {"Total", "Category 1", "Pass PANRE"}


@pytest.mark.parametrize(
    ("as_of", "rule_set", "has_self_or_pi"),
    [
        ("2013-12-31", "nccpa.pa-c.education.before-2014", False),
        ("2014-01-01", "nccpa.pa-c.education.2014", True),
    ],
)
def test_the_10_year_process_rules_from_2014(registry, as_of, rule_set, has_self_or_pi):
    verdict = evaluate(pa("2012-06-01", "2012-06-01"), [], as_of=as_of, registry=registry)
    assert verdict.expires_on.isoformat() == "2014-12-31"
    assert rule_set in verdict.rule_sets
    assert ("Self-assessment or PI-CME" in requirements(verdict)) is has_self_or_pi


# --- The 10-year cycle and the exam ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("certified_on", "expires_on", "inner", "outer_starts", "outer_ends"),
    [
        ("2020-07-15", "2022-12-31", 1, "2020-07-15", "2030-12-31"),
        ("2022-12-31", "2024-12-31", 2, "2020-07-15", "2030-12-31"),
        ("2024-12-31", "2026-12-31", 3, "2020-07-15", "2030-12-31"),
        ("2026-12-31", "2028-12-31", 4, "2020-07-15", "2030-12-31"),
        ("2028-12-31", "2030-12-31", 5, "2020-07-15", "2030-12-31"),
        # After passing the exam, a new 10-year cycle: 2032, ..., 2040.
        ("2030-12-31", "2032-12-31", 1, "2031-01-01", "2040-12-31"),
    ],
)
def test_five_two_year_cycles_make_the_ten_year_cycle(
    registry, certified_on, expires_on, inner, outer_starts, outer_ends
):
    verdict = evaluate(pa(certified_on, "2020-07-15"), [], as_of=certified_on, registry=registry)
    assert verdict.expires_on.isoformat() == expires_on
    assert verdict.outer.name == "certification maintenance cycle"
    assert verdict.outer.inner_number == inner
    assert verdict.outer.inner_count == 5
    assert verdict.outer.is_last_inner is (inner == 5)
    assert verdict.outer.starts_on.isoformat() == outer_starts
    assert verdict.outer.expires_on.isoformat() == outer_ends
    exam_required = "Pass PANRE or PANRE-LA" in requirements(verdict)
    assert exam_required is (inner == 5)


FIFTH = pa("2028-12-31", "2020-07-15")  # the 5th cycle: CME from 2028-05-01 to 2030-12-31


@pytest.mark.parametrize(
    ("exams", "met"),
    [
        ((), False),
        ((("2030-03-01", "panre"),), True),
        ((("2030-03-01", "panre_la"),), True),
        ((("2029-01-01", "panre"),), True),  # the first day of year 9
        ((("2028-12-31", "panre"),), False),  # the last day of year 8, in the CME window
        ((("2030-06-01", "panre"),), True),  # on the evaluation date
    ],
)
def test_the_fifth_cycle_needs_panre_or_panre_la(registry, exams, met):
    record = [
        *full_record("2029-06-01"),
        *(activity(day, 1, unit) for day, unit in exams),
    ]
    verdict = evaluate(FIFTH, record, as_of="2030-06-01", registry=registry)
    exam = requirements(verdict)["Pass PANRE or PANRE-LA"]
    assert (exam.met, exam.unit) == (met, "exam")
    assert requirements(verdict)["Total"].earned == 100  # an exam is not credit
    assert by_name(verdict, MAINTAIN).can_recertify_now is met


def test_the_attempt_limits_are_noted_not_checked(registry):
    verdict = evaluate(FIFTH, [], as_of="2030-06-01", registry=registry)
    assert any("9th or 10th year" in note for note in verdict.notes)


@pytest.mark.parametrize(
    ("as_of", "exam_name", "panre_la_counts"),
    [
        ("2022-12-31", "Pass PANRE", False),
        ("2023-01-01", "Pass PANRE or PANRE-LA", True),  # also the first day of year 9
    ],
)
def test_panre_la_counts_from_2023(registry, as_of, exam_name, panre_la_counts):
    # First issued 2014-06-01: cycles end 2016, 2018, 2020, 2022, 2024 (the 5th, years 9-10
    # from 2023-01-01).
    credential = pa("2022-12-31", "2014-06-01")
    record = [activity(as_of, 1, "panre_la")]
    verdict = evaluate(credential, record, as_of=as_of, registry=registry)
    assert verdict.outer.inner_number == 5
    exam = requirements(verdict)[exam_name]
    assert exam.met is panre_la_counts
    if not panre_la_counts:
        assert verdict.activities[0].refusals[0].reason is Reason.UNKNOWN_UNIT


# --- Facts ------------------------------------------------------------------------------------


def test_the_ten_year_cycle_needs_the_original_issue_date(registry):
    credential = Credential(
        "NCCPA", "PA-C", "Robin Roe", "2018-12-31", facts={"first_renewal": False}
    )
    with pytest.raises(MissingFact) as raised:
        evaluate(credential, [], as_of="2019-01-01", registry=registry)
    error = raised.value
    assert error.fact == "originally_issued_on"
    assert error.credential == "NCCPA PA-C"
    assert error.holder == "Robin Roe"
    message = str(error)
    assert "originally_issued_on" in message
    assert "NCCPA PA-C" in message
    assert "Robin Roe" in message


def test_without_any_fact_the_first_cycle_cannot_be_told(registry):
    credential = Credential("NCCPA", "PA-C", "Robin Roe", "2018-12-31")
    with pytest.raises(MissingFact) as raised:
        evaluate(credential, [], as_of="2019-01-01", registry=registry)
    assert raised.value.fact == "first_renewal"
    assert "originally_issued_on" in str(raised.value)


def test_a_recertification_that_began_the_10_year_process_is_not_a_first_cycle(registry):
    # A PA who began the 10-year process on the certification issued 2014-11-20: the first
    # cycle of the process, but CME from 1 May 2014, as for any recertifying PA.
    credential = pa("2014-11-20", "2014-11-20", first_renewal=False)
    verdict = evaluate(credential, [], as_of="2015-01-01", registry=registry)
    assert verdict.expires_on.isoformat() == "2016-12-31"
    assert verdict.cycle.credit_from.isoformat() == "2014-05-01"
    assert verdict.outer.inner_number == 1


def test_a_recorded_expiry_date_wins(registry):
    # A caller unsure of the issue date may give the expiry instead.
    credential = Credential(
        "NCCPA",
        "PA-C",
        "Pat",
        "2019-01-01",
        expires_on="2020-12-31",
        facts={"originally_issued_on": "2016-07-15"},
    )
    verdict = evaluate(credential, [], as_of="2019-06-01", registry=registry)
    assert verdict.expires_on.isoformat() == "2020-12-31"
    assert verdict.cycle.credit_from.isoformat() == "2018-05-01"


@pytest.mark.parametrize(("inner_cycle", "holds"), [(4, False), (5, True)])
def test_the_exam_fee_condition_holds_in_the_fifth_cycle_only(inner_cycle, holds):
    (rules,) = PA_C.history(Part.PATHWAYS)
    exam_fee = rules.pathways[0].fees[1]
    assert exam_fee.label == "PANRE or PANRE-LA exam fee"
    assert exam_fee.when is not None
    assert exam_fee.when.holds(None, inner_cycle) is holds


# --- Regaining a lost certification: the CME requirements and PANRE after the lapse --------


def regain(verdict):
    return {r.name: r for r in by_name(verdict, REGAIN).requirements}


@pytest.mark.parametrize(
    ("exams", "can_regain"),
    [
        ((), False),  # CME alone does not regain certification
        ((("2021-02-01", "panre"),), True),
        ((("2021-01-01", "panre"),), True),  # the first day after the lapse
        ((("2020-12-31", "panre"),), False),  # the day of expiry: before the lapse
        ((("2021-02-01", "panre_la"),), False),  # PANRE-LA is not offered to regain
        ((("2021-03-16", "panre"),), False),  # after the evaluation date
    ],
)
def test_regaining_needs_panre_passed_after_the_lapse(registry, exams, can_regain):
    record = [*full_record(), *(activity(day, 1, unit) for day, unit in exams)]
    verdict = evaluate(RECERTIFYING, record, as_of="2021-03-15", registry=registry)
    pathway = by_name(verdict, REGAIN)
    assert regain(verdict)["Total"].met
    assert regain(verdict)["Pass PANRE after the lapse"].met is can_regain
    assert pathway.can_recertify_now is can_regain
    # The exam can still be passed: the pathway stays the one to take.
    assert pathway.achievable
    assert verdict.recommended is pathway


@pytest.mark.parametrize("inner", [1, 3, 5])
def test_panre_is_required_to_regain_in_every_year_of_the_ten(registry, inner):
    # Lapsed at the end of inner cycle ``inner`` of a process begun on 2016-07-15, whose first
    # cycle ended on 2018-12-31.
    expiry_year = 2016 + 2 * inner
    certified_on = "2016-07-15" if inner == 1 else f"{expiry_year - 2}-12-31"
    credential = pa(certified_on, "2016-07-15")
    record = full_record(f"{expiry_year - 1}-06-01")
    verdict = evaluate(credential, record, as_of=f"{expiry_year + 1}-03-15", registry=registry)
    assert verdict.outer.inner_number == inner
    assert regain(verdict)["Total"].met
    assert not regain(verdict)["Pass PANRE after the lapse"].met
    assert not by_name(verdict, REGAIN).can_recertify_now


def test_regaining_without_the_cme_cannot_be_completed_later(registry):
    # CME counts in the lapsed cycle's window only: missing credit cannot be earned any more.
    record = [cme("2019-06-01", 40), activity("2021-02-01", 1, "panre")]
    verdict = evaluate(RECERTIFYING, record, as_of="2021-03-15", registry=registry)
    pathway = by_name(verdict, REGAIN)
    assert not pathway.can_recertify_now
    assert not pathway.achievable
