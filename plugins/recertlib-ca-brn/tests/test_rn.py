"""The California RN licence at its edges, through the plugin's entry point.

Every expected date is worked out by hand from BPC 2811(a): the last day of the month after the
birth month, after the second birthday strictly after the issue date.
"""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from recertlib_ca_brn import RN

from recertlib import Activity, Credential, MissingFact, Reason, Status, evaluate
from recertlib.rules import NextCycleFrom, Part, PathwayKind, Span
from recertlib.testing import CredentialTests, registry_of

BRN = ("BRN",)
RENEW = "Renew"
INACTIVE = "Renew in inactive status"
REINSTATE = "Reinstate a delinquent licence"
AFTER_EIGHT = "Reinstate after eight years (the board may require an examination)"


class TestRN(CredentialTests):
    """The checks every credential's tests share, on generated RN holders."""

    plugin = "recertlib-ca-brn"
    credential = ("CA-BRN", "RN")
    # The rules need a birth date, and whether this is the first renewal.
    facts = (
        {"birth_date": "1980-02-29", "first_renewal": True},
        {"birth_date": "1975-12-31", "first_renewal": False},
        {"birth_date": "1990-05-05", "first_renewal": False, "inactive": True},
    )


def licence(certified_on: str, born: str = "1990-05-05", *, first: bool, **facts: object):
    """A licence whose current period began on ``certified_on``; ``first`` says whether it is
    the first period after the licence was issued."""
    return Credential(
        "CA-BRN",
        "RN",
        "Rita",
        certified_on,
        facts={"birth_date": born, "first_renewal": first, **facts},
    )


def course(
    completed_on: str,
    hours: object = 1,
    unit: str = "contact_hour",
    *,
    approved_by: tuple[str, ...] = BRN,
    started_on: str | None = None,
    tags: tuple[str, ...] = (),
    title: str | None = None,
) -> Activity:
    return Activity(
        title or f"Course of {completed_on} ({hours} {unit}, {tags})",
        completed_on,
        Decimal(str(hours)),
        unit,
        approved_by=frozenset(approved_by),
        started_on=started_on,
        tags=frozenset(tags),
    )


def by_name(verdict, name):
    return next(p for p in verdict.pathways if p.name == name)


def requirements(verdict, name=RENEW):
    return {r.name: r for r in by_name(verdict, name).requirements}


# A renewed licence: the period 2025-07-01 to 2027-06-30 (born 5 May).
RENEWED = "2025-07-01"
RENEWED_EXPIRY = "2027-06-30"


# --- Expiry ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("issued_on", "born", "expires_on"),
    [
        # Born 5 May: the research note's worked examples.
        ("2024-03-10", "1990-05-05", "2025-06-30"),  # birthdays 2024-05-05, 2025-05-05
        ("2024-05-01", "1990-05-05", "2025-06-30"),  # birth month, before the birthday
        ("2024-05-04", "1990-05-05", "2025-06-30"),  # the day before the birthday
        ("2024-05-06", "1990-05-05", "2026-06-30"),  # the day after: 2025-05-05, 2026-05-05
        ("2024-05-20", "1990-05-05", "2026-06-30"),  # birth month, after the birthday
        ("2024-06-30", "1990-05-05", "2026-06-30"),
        # December birthdays: 31 January of the next year.
        ("2024-03-10", "1990-12-15", "2026-01-31"),  # 2024-12-15, 2025-12-15
        ("2024-12-16", "1990-12-15", "2027-01-31"),  # 2025-12-15, 2026-12-15
        ("2024-12-30", "1990-12-31", "2026-01-31"),  # 2024-12-31, 2025-12-31
        # November: 31 December of the same year.
        ("2024-01-01", "1990-11-30", "2025-12-31"),
        # January: the end of February, a leap one in 2024.
        ("2022-03-01", "1988-01-31", "2024-02-29"),  # 2023-01-31, 2024-01-31
        ("2023-03-01", "1988-01-31", "2025-02-28"),  # 2024-01-31, 2025-01-31
    ],
)
def test_the_first_licence_runs_two_birthdays_to_the_end_of_the_next_month(
    registry, issued_on, born, expires_on
):
    verdict = evaluate(licence(issued_on, born, first=True), as_of=issued_on, registry=registry)
    assert verdict.expires_on.isoformat() == expires_on


@pytest.mark.parametrize(
    ("issued_on", "expires_on"),
    [
        # Born 29 February: the birthday is 28 February in common years (AfterBirthdays'
        # choice), and the birth month stays February, so the licence expires on 31 March.
        ("2024-02-28", "2025-03-31"),  # 2024-02-29, 2025-02-28
        ("2024-02-29", "2026-03-31"),  # on the birthday: 2025-02-28, 2026-02-28
        ("2024-03-01", "2026-03-31"),
        ("2025-02-27", "2026-03-31"),  # 2025-02-28, 2026-02-28
        ("2025-02-28", "2027-03-31"),  # 28 February is the birthday in 2025: not counted
        ("2025-03-01", "2027-03-31"),  # 2026-02-28, 2027-02-28
        ("2027-03-01", "2029-03-31"),  # 2028-02-29, 2029-02-28
    ],
)
def test_a_29_february_birthday_is_28_february_in_common_years(registry, issued_on, expires_on):
    verdict = evaluate(
        licence(issued_on, "2000-02-29", first=True), as_of=issued_on, registry=registry
    )
    assert verdict.expires_on.isoformat() == expires_on


def _birthday_counts_spec():
    cycle_rules = RN.rule_sets[0]
    assert cycle_rules.id == "ca-brn.rn.cycle"
    expiry = attrs.evolve(cycle_rules.cycle.expiry, birthday_on_start_counts=True)
    changed = attrs.evolve(cycle_rules, cycle=attrs.evolve(cycle_rules.cycle, expiry=expiry))
    return attrs.evolve(RN, rule_sets=(changed, *RN.rule_sets[1:]))


@pytest.mark.parametrize(
    ("issued_on", "born", "default", "if_the_birthday_counts"),
    [
        ("2024-05-05", "1990-05-05", "2026-06-30", "2025-06-30"),
        ("2024-12-31", "1990-12-31", "2027-01-31", "2026-01-31"),
        ("2024-02-29", "2000-02-29", "2026-03-31", "2025-03-31"),
        ("2025-02-28", "2000-02-29", "2027-03-31", "2026-03-31"),
        # Any other day: the parameter changes nothing.
        ("2024-03-10", "1990-05-05", "2025-06-30", "2025-06-30"),
    ],
)
def test_a_licence_issued_on_the_birthday_is_a_named_choice(
    registry, issued_on, born, default, if_the_birthday_counts
):
    # BIRTHDAY_ON_ISSUE_DATE_COUNTS in rn.toml
    assert RN.rule_sets[0].cycle.expiry.birthday_on_start_counts is False
    holder = licence(issued_on, born, first=True)
    assert evaluate(holder, as_of=issued_on, registry=registry).expires_on.isoformat() == default
    other = evaluate(holder, as_of=issued_on, registry=registry_of(_birthday_counts_spec()))
    assert other.expires_on.isoformat() == if_the_birthday_counts


def test_without_a_birth_date_the_error_names_the_fact_the_credential_and_the_holder(registry):
    holder = Credential("CA-BRN", "RN", "Rita", "2024-03-10", facts={"first_renewal": True})
    with pytest.raises(MissingFact) as raised:
        evaluate(holder, as_of="2024-03-10", registry=registry)
    message = str(raised.value)
    assert raised.value.fact == "birth_date"
    assert "birth_date" in message
    assert "CA-BRN RN" in message
    assert "Rita" in message


def test_the_rules_need_to_know_whether_this_is_the_first_renewal(registry):
    holder = Credential("CA-BRN", "RN", "Rita", RENEWED, facts={"birth_date": "1990-05-05"})
    with pytest.raises(MissingFact) as raised:
        evaluate(holder, as_of=RENEWED, registry=registry)
    assert raised.value.fact == "first_renewal"
    assert "Rita" in str(raised.value)


def test_the_original_issue_date_says_whether_it_is_the_first_period(registry):
    facts = {"birth_date": "1990-05-05", "originally_issued_on": "2024-03-10"}
    first = Credential("CA-BRN", "RN", "Rita", "2024-03-10", facts=facts)
    later = Credential("CA-BRN", "RN", "Rita", RENEWED, facts=facts)
    assert list(requirements(evaluate(first, as_of="2025-06-30", registry=registry))) == [
        "Implicit bias"
    ]
    assert list(requirements(evaluate(later, as_of=RENEWED_EXPIRY, registry=registry))) == ["Total"]


# --- Status around the expiry date ---------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "status", "open_pathways"),
    [
        ("2027-06-30", Status.CURRENT, [RENEW, INACTIVE]),  # the expiry day
        ("2027-07-01", Status.LAPSED, [REINSTATE]),  # the day after: no grace period
    ],
)
def test_no_grace_period_after_the_expiry_day(registry, as_of, status, open_pathways):
    verdict = evaluate(licence(RENEWED, first=False), as_of=as_of, registry=registry)
    assert verdict.expires_on.isoformat() == RENEWED_EXPIRY
    assert verdict.status is status
    assert verdict.usable is (status is Status.CURRENT)
    assert [p.name for p in verdict.open_pathways] == open_pathways
    assert verdict.continuing_education_closes_on.isoformat() == RENEWED_EXPIRY


@pytest.mark.parametrize(
    ("as_of", "status", "usable"),
    [
        ("2025-07-01", Status.INACTIVE, False),
        ("2027-06-30", Status.INACTIVE, False),
        ("2027-07-01", Status.LAPSED, False),
    ],
)
def test_the_inactive_fact_gives_the_inactive_status(registry, as_of, status, usable):
    holder = licence(RENEWED, first=False, inactive=True)
    verdict = evaluate(holder, as_of=as_of, registry=registry)
    assert (verdict.status, verdict.usable) == (status, usable)


def test_renewing_in_inactive_status_needs_the_fee_and_no_hours(registry):
    verdict = evaluate(licence(RENEWED, first=False), as_of=RENEWED_EXPIRY, registry=registry)
    inactive = by_name(verdict, INACTIVE)
    assert inactive.kind is PathwayKind.INACTIVE
    assert inactive.requirements == ()
    assert inactive.can_recertify_now
    assert [(fee.label, fee.amount, fee.confirmed) for fee in inactive.fees] == [
        ("Renewal fee", Decimal(190), False)
    ]
    assert inactive.closes_on.isoformat() == RENEWED_EXPIRY
    # Two years on from the old expiry, like an active renewal.
    assert inactive.next_expiry.isoformat() == "2029-06-30"
    # Without the hours the active renewal is not possible.
    assert not by_name(verdict, RENEW).can_recertify_now


# --- The next expiry after renewing --------------------------------------------------------


@pytest.mark.parametrize(
    ("certified_on", "born", "as_of", "expires_on", "next_expiry"),
    [
        (RENEWED, "1990-05-05", "2027-06-30", "2027-06-30", "2029-06-30"),
        (RENEWED, "1990-05-05", "2026-01-15", "2027-06-30", "2029-06-30"),  # renewed early
        ("2024-02-01", "1990-12-15", "2026-01-31", "2026-01-31", "2028-01-31"),  # December
        ("2024-04-01", "2000-02-29", "2026-03-31", "2026-03-31", "2028-03-31"),  # leap birthday
        ("2022-03-01", "1988-01-31", "2024-02-29", "2024-02-29", "2026-02-28"),  # from 29 Feb
    ],
)
def test_renewing_runs_two_years_on_from_the_old_expiry(
    registry, certified_on, born, as_of, expires_on, next_expiry
):
    hours = [course(as_of, 30, title="Thirty hours")]
    verdict = evaluate(
        licence(certified_on, born, first=False), hours, as_of=as_of, registry=registry
    )
    assert verdict.expires_on.isoformat() == expires_on
    assert verdict.recommended.name == RENEW
    assert verdict.recommended.can_recertify_now
    assert verdict.next_expiry.isoformat() == next_expiry
    starts = verdict.recommended.next_cycle_starts_on
    assert starts == verdict.expires_on.add(days=1)
    # The next period, entered from the day it starts, expires on the same date.
    renewed = evaluate(
        licence(starts.isoformat(), born, first=False), as_of=starts, registry=registry
    )
    assert renewed.expires_on.isoformat() == next_expiry


# --- Continuing education ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hours", "met", "shortfall"),
    [
        (("20", "10"), True, Decimal(0)),
        (("20", "9.9"), False, Decimal("0.1")),
        (("30",), True, Decimal(0)),
        (("29.9",), False, Decimal("0.1")),
    ],
)
def test_thirty_contact_hours_exactly(registry, hours, met, shortfall):
    record = [course("2026-03-01", h, title=f"Course {i}") for i, h in enumerate(hours)]
    verdict = evaluate(
        licence(RENEWED, first=False), record, as_of=RENEWED_EXPIRY, registry=registry
    )
    total = requirements(verdict)["Total"]
    assert total.required == 30
    assert (total.met, total.shortfall) == (met, shortfall)
    assert by_name(verdict, RENEW).can_recertify_now is met


def test_courses_from_providers_the_brn_does_not_recognize_are_refused(registry):
    record = [course("2026-03-01", 30, approved_by=("ANCC",))]
    verdict = evaluate(
        licence(RENEWED, first=False), record, as_of=RENEWED_EXPIRY, registry=registry
    )
    assert [r.reason for r in verdict.refused[0].refusals] == [Reason.NOT_APPROVED]
    assert requirements(verdict)["Total"].earned == 0


@pytest.mark.parametrize(("hours", "counted"), [("1", Decimal(1)), ("0.9", Decimal(0))])
def test_a_course_is_at_least_one_hour(registry, hours, counted):
    verdict = evaluate(
        licence(RENEWED, first=False),
        [course("2026-03-01", hours)],
        as_of=RENEWED_EXPIRY,
        registry=registry,
    )
    assert requirements(verdict)["Total"].earned == counted
    if not counted:
        assert [r.reason for r in verdict.refused[0].refusals] == [Reason.TOO_SHORT]


@pytest.mark.parametrize(
    ("completed_on", "counts"),
    [
        ("2025-06-30", False),  # the last day of the previous period
        ("2025-07-01", True),  # the first day of this one
        ("2027-06-30", True),  # the expiry day
    ],
)
def test_credit_counts_in_the_renewal_period(registry, completed_on, counts):
    verdict = evaluate(
        licence(RENEWED, first=False),
        [course(completed_on, 2)],
        as_of=RENEWED_EXPIRY,
        registry=registry,
    )
    assert verdict.activities[0].is_counted is counts


def test_a_course_that_ends_in_the_period_counts_though_it_started_before(registry):
    spanning = course("2025-07-02", 30, started_on="2025-06-20")
    verdict = evaluate(
        licence(RENEWED, first=False), [spanning], as_of=RENEWED_EXPIRY, registry=registry
    )
    assert verdict.activities[0].is_counted
    assert requirements(verdict)["Total"].met


def test_a_course_that_ends_after_the_period_counts_in_the_next_one(registry):
    spanning = course("2027-07-05", 30, started_on="2027-06-20")
    on_expiry = evaluate(
        licence(RENEWED, first=False), [spanning], as_of=RENEWED_EXPIRY, registry=registry
    )
    assert not on_expiry.activities[0].is_counted
    assert not requirements(on_expiry)["Total"].met
    following = evaluate(
        licence("2027-07-01", first=False), [spanning], as_of="2029-06-30", registry=registry
    )
    assert following.activities[0].is_counted
    assert requirements(following)["Total"].met


@pytest.mark.parametrize(
    ("amount", "unit", "hours"),
    [("1", "quarter_unit", Decimal(10)), ("2", "semester_unit", Decimal(30))],
)
def test_academic_units_convert_to_contact_hours(registry, amount, unit, hours):
    college = course("2026-03-01", amount, unit, approved_by=())
    verdict = evaluate(
        licence(RENEWED, first=False), [college], as_of=RENEWED_EXPIRY, registry=registry
    )
    (result,) = verdict.counted
    assert (result.credit, result.approved) == (hours, True)


# --- The first renewal and implicit bias ---------------------------------------------------


@pytest.mark.parametrize(
    ("record", "met"),
    [
        ([], False),
        ([course("2025-01-10", 1, tags=("implicit bias",))], True),  # exactly one hour
        ([course("2025-01-10", "0.9", tags=("implicit bias",))], False),  # too short to count
        ([course("2025-01-10", 1)], False),  # an hour, but not on implicit bias
        ([course("2025-01-10", 1, tags=("implicit bias",), approved_by=())], False),
    ],
)
def test_the_first_renewal_needs_one_hour_of_implicit_bias_and_no_thirty(registry, record, met):
    verdict = evaluate(
        licence("2024-03-10", first=True), record, as_of="2025-06-30", registry=registry
    )
    assert verdict.expires_on.isoformat() == "2025-06-30"
    found = requirements(verdict)
    assert list(found) == ["Implicit bias"]
    assert (found["Implicit bias"].required, found["Implicit bias"].met) == (1, met)
    assert by_name(verdict, RENEW).can_recertify_now is met
    assert "ca-brn.rn.education.implicit-bias" in verdict.rule_sets


@pytest.mark.parametrize(
    ("born", "expires_on", "needed", "rule_set"),
    [
        # Licensed 2021-01-10. Born 20 November: 2021-11-20, 2022-11-20, expires 2022-12-31.
        ("1995-11-20", "2022-12-31", [], "ca-brn.rn.education"),
        # Born 20 December: 2021-12-20, 2022-12-20, expires 2023-01-31.
        ("1995-12-20", "2023-01-31", ["Implicit bias"], "ca-brn.rn.education.implicit-bias"),
    ],
)
def test_implicit_bias_applies_to_first_renewals_expiring_from_2023(
    registry, born, expires_on, needed, rule_set
):
    verdict = evaluate(
        licence("2021-01-10", born, first=True), [], as_of=expires_on, registry=registry
    )
    assert verdict.expires_on.isoformat() == expires_on
    assert list(requirements(verdict)) == needed
    assert by_name(verdict, RENEW).can_recertify_now is (not needed)
    assert rule_set in verdict.rule_sets


def test_later_renewals_need_no_separate_implicit_bias_hour(registry):
    record = [course("2026-03-01", 30)]
    verdict = evaluate(
        licence(RENEWED, first=False), record, as_of=RENEWED_EXPIRY, registry=registry
    )
    assert list(requirements(verdict)) == ["Total"]
    assert by_name(verdict, RENEW).can_recertify_now


# --- Reinstatement and the eight years -----------------------------------------------------


def test_a_delinquent_licence_is_reinstated_with_the_fee_the_penalty_and_the_hours(registry):
    # Expired 2025-06-30; the hours were taken after it lapsed.
    record = [course("2026-01-15", 30)]
    verdict = evaluate(
        licence("2023-07-01", first=False), record, as_of="2026-03-01", registry=registry
    )
    assert verdict.expires_on.isoformat() == "2025-06-30"
    assert verdict.status is Status.LAPSED
    reinstate = verdict.recommended
    assert (reinstate.name, reinstate.kind) == (REINSTATE, PathwayKind.REINSTATEMENT)
    assert reinstate.opens_on.isoformat() == "2025-07-01"
    assert reinstate.can_recertify_now
    assert [(fee.label, fee.amount, fee.confirmed) for fee in verdict.fee_due] == [
        ("Renewal fee", Decimal(190), False),
        ("Delinquency penalty", Decimal(90), False),
    ]
    # The birthday cycle is kept: the end of the period the reinstatement falls in.
    assert verdict.next_expiry.isoformat() == "2027-06-30"


def test_reinstatement_needs_the_thirty_hours(registry):
    record = [course("2026-01-15", "29.9")]
    verdict = evaluate(
        licence("2023-07-01", first=False), record, as_of="2026-03-01", registry=registry
    )
    found = requirements(verdict, REINSTATE)["Total"]
    assert (found.met, found.shortfall) == (False, Decimal("0.1"))


@pytest.mark.parametrize(
    ("certified_on", "born", "as_of", "open_pathways"),
    [
        # Expired 2025-06-30: reinstatement through 2033-06-30.
        ("2023-07-01", "1990-05-05", "2033-06-30", [REINSTATE]),
        ("2023-07-01", "1990-05-05", "2033-07-01", [AFTER_EIGHT]),
        # Expired 2024-02-29: eight years on is 2032-02-29, a leap day again.
        ("2022-03-01", "1988-01-31", "2032-02-29", [REINSTATE]),
        ("2022-03-01", "1988-01-31", "2032-03-01", [AFTER_EIGHT]),
        # Expired 2026-01-31 (born in December): through 2034-01-31.
        ("2024-02-01", "1990-12-15", "2034-01-31", [REINSTATE]),
        ("2024-02-01", "1990-12-15", "2034-02-01", [AFTER_EIGHT]),
    ],
)
def test_reinstatement_is_open_for_eight_years_after_expiry(
    registry, certified_on, born, as_of, open_pathways
):
    verdict = evaluate(licence(certified_on, born, first=False), as_of=as_of, registry=registry)
    assert verdict.status is Status.LAPSED
    assert [p.name for p in verdict.open_pathways] == open_pathways


def test_after_eight_years_the_board_may_require_an_examination(registry):
    verdict = evaluate(licence("2023-07-01", first=False), as_of="2033-07-01", registry=registry)
    assert by_name(verdict, REINSTATE).closes_on.isoformat() == "2033-06-30"
    exam = verdict.recommended
    assert exam.kind is PathwayKind.EXAM
    assert exam.opens_on.isoformat() == "2033-07-01"
    assert exam.closes_on is None
    assert [(fee.label, fee.amount) for fee in exam.fees] == [("Reinstatement fees", None)]


# --- Reinstatement: the two years before the application -----------------------------------


@pytest.mark.parametrize(
    ("as_of", "completed_on", "met"),
    [
        # Expired 2025-06-30. Two years back from 2026-03-01 is 2024-03-01, not counted: the
        # window is 2024-03-02 through 2026-03-01.
        ("2026-03-01", "2024-03-02", True),  # the first day of the window
        ("2026-03-01", "2024-03-01", False),  # the day before
        ("2026-03-01", "2026-03-01", True),  # the application date
        ("2026-03-01", "2026-03-02", False),  # not yet completed
        # Applying 2027-09-15: from 2025-09-16, after the lapse.
        ("2027-09-15", "2025-09-16", True),
        ("2027-09-15", "2025-09-15", False),
        # Within the lapsed period but more than two years old: refused.
        ("2027-09-15", "2025-06-30", False),
        # Leap days: from 2028-02-29 back is 2026-02-28, so the window opens on 1 March.
        ("2028-02-29", "2026-03-01", True),
        ("2028-02-29", "2026-02-28", False),
        # From 2026-02-28 back is 2024-02-28: the window opens on the leap day.
        ("2026-02-28", "2024-02-29", True),
        ("2026-02-28", "2024-02-28", False),
    ],
)
def test_reinstatement_counts_the_thirty_hours_of_the_two_years_before(
    registry, as_of, completed_on, met
):
    verdict = evaluate(
        licence("2023-07-01", first=False),
        [course(completed_on, 30)],
        as_of=as_of,
        registry=registry,
    )
    assert verdict.expires_on.isoformat() == "2025-06-30"
    found = requirements(verdict, REINSTATE)["Total"]
    assert (found.required, found.met) == (30, met)
    assert found.earned == (30 if met else 0)
    assert by_name(verdict, REINSTATE).can_recertify_now is met


@pytest.mark.parametrize(("hours", "met"), [(("20", "10"), True), (("20", "9.9"), False)])
def test_reinstatement_needs_thirty_hours_exactly_within_the_two_years(registry, hours, met):
    # Applying 2027-09-15: the window opens 2025-09-16; the older 25 hours do not help.
    record = [
        course("2025-01-10", 25, title="Too old"),
        *(course("2025-09-16", h, title=f"Recent {i}") for i, h in enumerate(hours)),
    ]
    verdict = evaluate(
        licence("2023-07-01", first=False), record, as_of="2027-09-15", registry=registry
    )
    found = requirements(verdict, REINSTATE)["Total"]
    assert (found.earned, found.met) == (sum(Decimal(h) for h in hours), met)


def test_a_course_ending_in_the_two_years_counts_though_it_started_before(registry):
    spanning = course("2024-03-02", 30, started_on="2024-02-20")
    verdict = evaluate(
        licence("2023-07-01", first=False), [spanning], as_of="2026-03-01", registry=registry
    )
    assert requirements(verdict, REINSTATE)["Total"].met


def test_the_renewal_period_still_ends_on_the_expiry_date(registry):
    # Hours taken after the lapse count for reinstatement, not in the lapsed renewal period.
    verdict = evaluate(
        licence("2023-07-01", first=False),
        [course("2025-07-01", 30)],
        as_of="2026-03-01",
        registry=registry,
    )
    # CREDIT_AFTER_EXPIRY_COUNTS in rn.toml
    assert not any(
        rules.continuing_education.credit_after_expiry_counts
        for rules in RN.history(Part.CONTINUING_EDUCATION)
    )
    assert verdict.cycle.credit_through.isoformat() == "2025-06-30"
    assert not verdict.activities[0].is_counted
    assert requirements(verdict, REINSTATE)["Total"].met


@pytest.mark.parametrize(
    ("certified_on", "born", "as_of", "starts_on", "next_expiry"),
    [
        # Born 5 May, expired 2025-06-30; the series: 2027-06-30, 2029-06-30, ...
        ("2023-07-01", "1990-05-05", "2025-07-01", "2025-07-01", "2027-06-30"),
        ("2023-07-01", "1990-05-05", "2027-06-29", "2025-07-01", "2027-06-30"),
        # On a regular expiry day the reinstated licence rejoins the period ending that day.
        ("2023-07-01", "1990-05-05", "2027-06-30", "2025-07-01", "2027-06-30"),
        ("2023-07-01", "1990-05-05", "2027-07-01", "2027-07-01", "2029-06-30"),
        # Three years after the lapse: the 2027-2029 period.
        ("2023-07-01", "1990-05-05", "2028-07-01", "2027-07-01", "2029-06-30"),
        ("2023-07-01", "1990-05-05", "2033-06-30", "2031-07-01", "2033-06-30"),  # last day
        # Born 15 December, expired 2026-01-31; three years on, the period to 2030-01-31.
        ("2024-02-01", "1990-12-15", "2029-02-01", "2028-02-01", "2030-01-31"),
        # Born 31 January, expired 2024-02-29: 2026-02-28, then 2028-02-29 (a leap year).
        ("2022-03-01", "1988-01-31", "2027-03-01", "2026-03-01", "2028-02-29"),
    ],
)
def test_a_reinstated_licence_keeps_its_birthday_cycle(
    registry, certified_on, born, as_of, starts_on, next_expiry
):
    record = [course(as_of, 30)]
    verdict = evaluate(
        licence(certified_on, born, first=False), record, as_of=as_of, registry=registry
    )
    assert verdict.status is Status.LAPSED
    reinstate = verdict.recommended
    assert reinstate.name == REINSTATE
    assert reinstate.can_recertify_now
    assert reinstate.next_cycle_starts_on.isoformat() == starts_on
    assert reinstate.next_expiry.isoformat() == next_expiry
    # The period rejoined, entered from its first day, expires on the same date.
    rejoined = evaluate(licence(starts_on, born, first=False), as_of=as_of, registry=registry)
    assert rejoined.expires_on.isoformat() == next_expiry


# --- The spec itself -----------------------------------------------------------------------


def test_the_spec_is_registered_with_its_named_values(registry):
    assert registry.get("ca-brn", "rn") == RN
    for rules in RN.history(Part.PATHWAYS):
        renew, inactive, reinstate, _ = rules.pathways
        # FEES in rn.toml: third-party amounts, unconfirmed.
        (fee,) = renew.fees
        assert (fee.label, fee.amount, fee.confirmed) == ("Renewal fee", 190, False)
        assert inactive.fees == renew.fees
        assert [(f.label, f.amount) for f in reinstate.fees] == [
            ("Renewal fee", 190),
            ("Delinquency penalty", 90),
        ]
        # REINSTATEMENT_CREDIT_WITHIN, REINSTATEMENT_NEXT_CYCLE_FROM
        assert Span(months=24) == reinstate.credit_within
        assert reinstate.next_cycle_from is NextCycleFrom.NEXT_IN_SERIES


# --- Reinstatement of a licence that lapsed in its first period (16 CCR 1451(a), 1452(a)) ----

# Licensed 2023-11-15, born 1 December: the first period ends 2025-01-31 (the month after the
# second birthday); the first two years after licensure end on 2025-11-14.
FIRST_PERIOD = licence("2023-11-15", "1990-12-01", first=True)


@pytest.mark.parametrize(
    ("as_of", "asked"),
    [
        ("2025-02-01", {"Implicit bias": 1}),  # the day after expiry, within the two years
        ("2025-11-14", {"Implicit bias": 1}),  # the last day of the first two years
        ("2025-11-15", {"Total": 30}),  # the exemption is over: the 30 hours
        ("2026-06-01", {"Total": 30}),
    ],
)
def test_a_first_period_licence_reinstated_after_two_years_needs_the_thirty_hours(
    registry, as_of, asked
):
    verdict = evaluate(FIRST_PERIOD, [], as_of=as_of, registry=registry)
    assert verdict.expires_on.isoformat() == "2025-01-31"
    found = requirements(verdict, REINSTATE)
    assert {name: r.required for name, r in found.items()} == asked


def test_thirty_hours_of_the_preceding_two_years_reinstate_it(registry):
    record = [course("2024-12-01", 29), course("2025-10-01", 1, tags=("implicit bias",))]
    late = evaluate(FIRST_PERIOD, record, as_of="2025-11-15", registry=registry)
    assert by_name(late, REINSTATE).can_recertify_now
    short = evaluate(FIRST_PERIOD, record[:1], as_of="2025-11-15", registry=registry)
    assert requirements(short, REINSTATE)["Total"].shortfall == 1
    exempt = evaluate(FIRST_PERIOD, record[1:], as_of="2025-11-14", registry=registry)
    assert by_name(exempt, REINSTATE).can_recertify_now


@pytest.mark.parametrize(
    ("as_of", "asked"),
    [
        ("2022-11-14", {}),  # before 2023: exempt, and no hour of implicit bias
        ("2022-11-15", {"Total": 30}),
    ],
)
def test_before_2023_a_first_period_reinstatement_within_two_years_asks_nothing(
    registry, as_of, asked
):
    # Licensed 2020-11-15, born 1 December: the first period ended 2022-01-31.
    credential = licence("2020-11-15", "1990-12-01", first=True)
    verdict = evaluate(credential, [], as_of=as_of, registry=registry)
    assert verdict.expires_on.isoformat() == "2022-01-31"
    found = requirements(verdict, REINSTATE)
    assert {name: r.required for name, r in found.items()} == asked


def test_a_renewed_licence_is_never_exempt_when_reinstated(registry):
    credential = licence("2023-06-01", "1990-04-12", first=False)
    verdict = evaluate(credential, [], as_of="2025-06-01", registry=registry)
    assert {r.name: r.required for r in by_name(verdict, REINSTATE).requirements} == {"Total": 30}
