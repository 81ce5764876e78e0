"""The CMA (AAMA) rules at their edges, through the plugin's entry point."""

from __future__ import annotations

from decimal import Decimal

import pytest

from recertlib import Activity, Credential, Reason, Status, evaluate
from recertlib.rules import PathwayKind
from recertlib.testing import CERTIFICATION_DATES, CredentialTests, activity

AAMA = ("AAMA",)


class TestCMA(CredentialTests):
    """The checks every credential's tests share, on generated CMA holders."""

    plugin = "recertlib-aama"
    credential = ("AAMA", "CMA")
    # 2013-05-31: CPR cards are not yet counted, and the credential expires before 2020.
    certified_on = (*CERTIFICATION_DATES, "2013-05-31")
    facts = ({}, {"member": True})


def cma(certified_on: str, **kwargs: str) -> Credential:
    return Credential("AAMA", "CMA", "Casey", certified_on, **kwargs)


def by_name(verdict, name):
    return next(p for p in verdict.pathways if p.name == name)


def requirements(verdict):
    pathway = by_name(verdict, "Recertify by continuing education")
    return {r.name: r for r in pathway.requirements}


def full_record(*, approved_general="10", other_general="30", clinical="10", day="2022-06-01"):
    """60 points: 10 approved in each area, and 30 more from other providers."""
    return [
        activity(day, 10, "aama_ceu", area="administrative"),
        activity(day, clinical, "aama_ceu", area="clinical"),
        activity(day, approved_general, "aama_ceu", area="general"),
        activity(day, other_general, "contact_hour", area="general"),
    ]


@pytest.mark.parametrize(
    ("certified_on", "expires_on"),
    [
        ("2010-02-05", "2015-02-28"),  # AAMA's own example
        ("2010-02-28", "2015-02-28"),
        ("2019-02-01", "2024-02-29"),  # into a leap February
        ("2020-02-29", "2025-02-28"),  # from a leap day
        ("2021-01-31", "2026-01-31"),
        ("2021-12-01", "2026-12-31"),
    ],
)
def test_expiry_is_the_last_day_of_the_month_60_months_on(registry, certified_on, expires_on):
    verdict = evaluate(cma(certified_on), [], as_of=certified_on, registry=registry)
    assert verdict.expires_on.isoformat() == expires_on


@pytest.mark.parametrize(
    ("as_of", "status", "open_pathways"),
    [
        ("2020-02-29", Status.CURRENT, ["Recertify by continuing education", "Recertify by exam"]),
        ("2020-03-01", Status.GRACE, ["Recertify by continuing education", "Recertify by exam"]),
        ("2020-05-31", Status.GRACE, ["Recertify by continuing education", "Recertify by exam"]),
        ("2020-06-01", Status.LAPSED, ["Reactivate by exam"]),
    ],
)
def test_expired_29_february_2020_keeps_continuing_education_open_through_31_may(
    registry, as_of, status, open_pathways
):
    verdict = evaluate(
        cma("2015-02-10"), full_record(day="2016-01-01"), as_of=as_of, registry=registry
    )
    assert verdict.expires_on.isoformat() == "2020-02-29"
    assert verdict.status is status
    assert verdict.usable is (status is Status.CURRENT)
    assert [p.name for p in verdict.open_pathways] == open_pathways
    assert verdict.continuing_education_closes_on.isoformat() == "2020-05-31"
    assert verdict.rule_sets[-1] == "aama.cma.pathways.2020"


@pytest.mark.parametrize(
    ("certified_on", "closes_on"),
    [
        ("2016-11-03", "2022-02-28"),  # expired 2021-11-30
        ("2018-11-03", "2024-02-29"),  # expired 2023-11-30, a leap February
        ("2021-07-12", "2026-10-31"),  # expired 2026-07-31
    ],
)
def test_continuing_education_closes_at_the_end_of_the_third_month(
    registry, certified_on, closes_on
):
    verdict = evaluate(cma(certified_on), [], as_of=certified_on, registry=registry)
    assert verdict.continuing_education_closes_on.isoformat() == closes_on


def test_after_the_grace_window_only_the_exam_remains_with_the_reactivation_fee(registry):
    verdict = evaluate(cma("2021-07-12"), full_record(), as_of="2026-11-25", registry=registry)
    assert verdict.status is Status.LAPSED
    assert not verdict.usable
    assert verdict.recommended.name == "Reactivate by exam"
    assert verdict.recommended.kind is PathwayKind.EXAM
    fees = {fee.label: fee for fee in verdict.fee_due}
    assert fees["Reactivation fee"].amount == Decimal(50)
    assert fees["Reactivation fee"].confirmed
    # Membership unknown: both exam fees are listed, each with its condition.
    assert fees["Exam fee, AAMA members"].amount == Decimal(125)
    assert fees["Exam fee, nonmembers"].amount == Decimal(250)
    # Counted from the month of recertification: November 2026.
    assert verdict.next_expiry.isoformat() == "2031-11-30"


def test_a_credential_that_expired_before_2020_keeps_the_earlier_rules(registry):
    verdict = evaluate(
        cma("2014-12-01"), full_record(day="2016-01-01"), as_of="2020-03-30", registry=registry
    )
    assert verdict.expires_on.isoformat() == "2019-12-31"
    assert "aama.cma.pathways.before-2020" in verdict.rule_sets
    assert verdict.status is Status.GRACE
    # The 2020 transition ends every pre-2020 continuing-education window on 2020-03-30.
    assert verdict.continuing_education_closes_on.isoformat() == "2020-03-30"
    assert all(fee.label != "Reactivation fee" for p in verdict.pathways for fee in p.fees)


def test_a_credential_that_expired_in_january_2020_has_the_2020_rules(registry):
    verdict = evaluate(cma("2015-01-01"), [], as_of="2020-06-01", registry=registry)
    assert verdict.expires_on.isoformat() == "2020-01-31"
    assert verdict.continuing_education_closes_on.isoformat() == "2020-04-30"
    assert verdict.status is Status.LAPSED


def test_exactly_60_points_with_30_approved_and_10_per_area_recertify(registry):
    verdict = evaluate(cma("2022-03-10"), full_record(), as_of="2026-11-25", registry=registry)
    met = {name: (r.earned, r.met) for name, r in requirements(verdict).items()}
    assert met == {
        "Total": (60, True),
        "AAMA-approved": (30, True),
        "Administrative": (10, True),
        "Clinical": (10, True),
        "General": (40, True),
    }
    assert by_name(verdict, "Recertify by continuing education").can_recertify_now


def test_59_9_points_are_short_by_a_tenth(registry):
    verdict = evaluate(
        cma("2022-03-10"), full_record(other_general="29.9"), as_of="2026-11-25", registry=registry
    )
    total = requirements(verdict)["Total"]
    assert (total.met, total.shortfall) == (False, Decimal("0.1"))
    assert not by_name(verdict, "Recertify by continuing education").can_recertify_now


def test_29_5_approved_points_are_short_even_with_60_in_all(registry):
    record = full_record(approved_general="9.5", other_general="30.5")
    verdict = evaluate(cma("2022-03-10"), record, as_of="2026-11-25", registry=registry)
    found = requirements(verdict)
    assert (found["AAMA-approved"].met, found["AAMA-approved"].shortfall) == (False, Decimal("0.5"))
    # at most 30 points from other providers count, so the half point over is refused
    assert found["Total"].earned == Decimal("59.5")
    assert [r.reason for r in verdict.refused[0].refusals] == [Reason.OVER_CAP]


def test_at_most_30_points_from_other_providers_count(registry):
    verdict = evaluate(
        cma("2022-03-10"), full_record(other_general="35"), as_of="2026-11-25", registry=registry
    )
    found = requirements(verdict)
    assert found["Total"].earned == 60
    (capped,) = verdict.refused
    assert (capped.credit, capped.counted) == (35, 30)


def test_an_area_below_10_points_is_short_whatever_the_total(registry):
    record = [
        *full_record(clinical="9.5"),
        activity("2023-01-01", 5, "aama_ceu", area="general"),
    ]
    verdict = evaluate(cma("2022-03-10"), record, as_of="2026-11-25", registry=registry)
    found = requirements(verdict)
    assert found["Total"].met
    assert (found["Clinical"].met, found["Clinical"].shortfall) == (False, Decimal("0.5"))


@pytest.mark.parametrize(
    ("unit", "amount", "points", "approved"),
    [
        ("college_credit", 1, 15, False),
        ("contact_hour", 3, 3, False),
        ("aama_ceu", 2, 2, True),
        ("point", 4, 4, False),
    ],
)
def test_unit_conversions(registry, unit, amount, points, approved):
    course = activity("2023-01-01", amount, unit, area="general")
    verdict = evaluate(cma("2022-03-10"), [course], as_of="2026-11-25", registry=registry)
    (result,) = verdict.counted
    assert (result.credit, result.approved) == (points, approved)


def test_the_aama_names_its_units_including_the_common_ones(registry):
    webinar = activity("2023-01-01", 1, "webinar", area="general")
    (result,) = evaluate(
        cma("2022-03-10"), [webinar], as_of="2025-06-01", registry=registry
    ).refused
    assert result.refusals[0].detail == (
        "unit 'webinar' is not one of: point, contact_hour, aama_ceu, ceu, college_credit,"
        " semester_credit, quarter_credit, minute, cpr_card (nor of the common units converted"
        " into them: clock_hour, iacet_ceu)"
    )


@pytest.mark.parametrize(
    ("unit", "amount", "points"),
    [
        ("college_credit", 1, 15),
        ("semester_credit", 1, 15),
        ("quarter_credit", 1, 15),  # "quarter or semester": not the relation's 10
        ("contact_hour", 1, 1),
        ("minute", 50, 1),  # the AAMA's contact hour is 50 minutes
        ("clock_hour", 1, Decimal("1.2")),
        ("iacet_ceu", 1, 10),
    ],
)
def test_the_aama_values_common_units(registry, unit, amount, points):
    course = activity("2023-01-01", amount, unit, area="general", approved_by=AAMA)
    verdict = evaluate(cma("2022-03-10"), [course], as_of="2025-06-01", registry=registry)
    (result,) = verdict.activities
    assert result.credit == points


def test_contact_hours_from_an_approved_provider_are_approved(registry):
    course = activity("2023-01-01", 3, "contact_hour", area="general", approved_by=AAMA)
    verdict = evaluate(cma("2022-03-10"), [course], as_of="2026-11-25", registry=registry)
    assert verdict.counted[0].approved


@pytest.mark.parametrize(("approved_by", "approved"), [((), False), (AAMA, True)])
def test_a_ceu_is_a_point_approved_as_its_provider_is(registry, approved_by, approved):
    course = activity("2023-01-01", 2, "ceu", area="general", approved_by=approved_by)
    verdict = evaluate(cma("2022-03-10"), [course], as_of="2026-11-25", registry=registry)
    (result,) = verdict.counted
    assert (result.credit, result.approved) == (2, approved)


def test_units_the_aama_does_not_count_are_refused(registry):
    course = activity("2023-01-01", 1, "semester_hour", area="general")
    verdict = evaluate(cma("2022-03-10"), [course], as_of="2026-11-25", registry=registry)
    refusal = verdict.refused[0].refusals[0]
    assert refusal.reason is Reason.UNKNOWN_UNIT
    assert "college_credit" in refusal.detail


def test_three_cpr_cards_count_12_clinical_points_and_a_fourth_none(registry):
    cards = [activity(f"202{year}-01-01", 1, "cpr_card") for year in (2, 3, 4, 5)]
    verdict = evaluate(cma("2021-06-01"), cards, as_of="2026-05-01", registry=registry)
    assert requirements(verdict)["Clinical"].earned == 12
    assert requirements(verdict)["AAMA-approved"].earned == 12
    assert [r.counted for r in verdict.activities] == [4, 4, 4, 0]
    assert [r.reason for r in verdict.activities[3].refusals] == [Reason.OVER_CAP]


@pytest.mark.parametrize(
    ("certified_on", "counts"),
    [("2013-05-31", False), ("2013-06-01", True)],
)
def test_cpr_cards_count_in_cycles_from_1_june_2013(registry, certified_on, counts):
    card = activity("2014-01-01", 1, "cpr_card")
    verdict = evaluate(cma(certified_on), [card], as_of="2015-01-01", registry=registry)
    assert verdict.activities[0].is_counted is counts
    assert any("CPR" in note for note in verdict.notes) is not counts


@pytest.mark.parametrize(
    ("completed_on", "counts"),
    [
        ("2022-03-09", False),  # the day before certification
        ("2022-03-10", True),  # the certification date
        ("2027-03-31", True),  # the expiry date
        ("2027-04-01", False),  # the first day of the grace window: too late to earn credit
    ],
)
def test_credit_must_be_earned_within_the_recertification_period(registry, completed_on, counts):
    course = activity(completed_on, 5, "aama_ceu", area="general")
    verdict = evaluate(cma("2022-03-10"), [course], as_of="2027-05-01", registry=registry)
    assert verdict.status is Status.GRACE
    assert verdict.activities[0].is_counted is counts


def test_recertifying_now_counts_the_next_cycle_from_today(registry):
    verdict = evaluate(cma("2022-03-10"), full_record(), as_of="2026-11-25", registry=registry)
    assert verdict.recommended.name == "Recertify by continuing education"
    assert verdict.next_expiry.isoformat() == "2031-11-30"


def test_unknown_content_area_is_refused(registry):
    course = activity("2023-01-01", 5, "aama_ceu", area="billing")
    verdict = evaluate(cma("2022-03-10"), [course], as_of="2026-11-25", registry=registry)
    refusal = verdict.refused[0].refusals[0]
    assert refusal.reason is Reason.UNKNOWN_AREA
    assert "administrative, clinical, general" in refusal.detail


@pytest.mark.parametrize(
    ("certified_on", "pass_by", "apply_by", "closes"),
    [
        ("2022-03-10", "2027-01-31", "2027-03-01", "2027-06-30"),  # expires 2027-03-31
        ("2022-04-10", "2027-02-28", "2027-03-31", "2027-07-31"),  # expires 2027-04-30
        ("2019-04-10", "2024-02-29", "2024-03-31", "2024-07-31"),  # a leap February
    ],
)
def test_exam_deadlines_count_back_from_expiry(registry, certified_on, pass_by, apply_by, closes):
    verdict = evaluate(cma(certified_on), [], as_of=certified_on, registry=registry)
    exam = by_name(verdict, "Recertify by exam")
    assert [(d.label, d.due_on.isoformat(), d.overdue) for d in exam.deadlines] == [
        ("Pass the exam, to avoid a lapse", pass_by, False),
        ("Apply for the exam", apply_by, False),
        ("Last day to recertify by this pathway", closes, False),
    ]


@pytest.mark.parametrize(("passed_on", "can"), [("2026-11-25", True), ("2026-11-26", False)])
def test_reactivating_by_exam_is_possible_once_the_exam_is_passed(registry, passed_on, can):
    exam = Activity("CMA (AAMA) Certification Exam", passed_on, 1, "cma_exam")
    verdict = evaluate(cma("2021-07-12"), [exam], as_of="2026-11-25", registry=registry)
    assert verdict.recommended.name == "Reactivate by exam"
    assert verdict.recommended.exam_passed is can
    assert verdict.recommended.can_recertify_now is can


@pytest.mark.parametrize(("member", "fee"), [(True, 125), (False, 250)])
def test_the_exam_fee_follows_membership(registry, member, fee):
    credential = Credential("AAMA", "CMA", "Maria", "2021-07-12", facts={"member": member})
    verdict = evaluate(credential, [], as_of="2026-11-25", registry=registry)
    exam_fees = [f.amount for f in verdict.fee_due if f.label.startswith("Exam fee")]
    assert exam_fees == [Decimal(fee)]
