"""The CCMA (NHA) rules at their edges, through the plugin's entry point."""

from __future__ import annotations

from decimal import Decimal

import pytest

from recertlib import Credential, Reason, Status, evaluate
from recertlib.rules import PathwayKind
from recertlib.testing import CredentialTests, activity


class TestCCMA(CredentialTests):
    """The checks every credential's tests share, on generated CCMA holders."""

    plugin = "recertlib-nha"
    credential = ("NHA", "CCMA")


def ccma(certified_on: str) -> Credential:
    return Credential("NHA", "CCMA", "Riley", certified_on)


def credits(*amounts, unit="ce_credit", day="2025-01-01"):
    return [activity(day, amount, unit, title=f"Course {i}") for i, amount in enumerate(amounts)]


def renewal(verdict):
    return verdict.pathways[0]


@pytest.mark.parametrize(
    ("certified_on", "expires_on"),
    [
        ("2024-03-15", "2026-03-15"),
        ("2024-02-29", "2026-02-28"),  # a leap day has no twin two years on
        ("2023-12-31", "2025-12-31"),
    ],
)
def test_expiry_is_two_years_on(registry, certified_on, expires_on):
    verdict = evaluate(ccma(certified_on), [], as_of=certified_on, registry=registry)
    assert verdict.expires_on.isoformat() == expires_on


@pytest.mark.parametrize(
    ("as_of", "status", "open_kind"),
    [
        ("2026-03-15", Status.CURRENT, PathwayKind.CONTINUING_EDUCATION),  # expiry date
        ("2026-03-16", Status.GRACE, PathwayKind.CONTINUING_EDUCATION),  # the day after
        ("2026-06-13", Status.GRACE, PathwayKind.CONTINUING_EDUCATION),  # day 90
        ("2026-06-14", Status.LAPSED, PathwayKind.REINSTATEMENT),  # day 91
        ("2027-03-15", Status.LAPSED, PathwayKind.REINSTATEMENT),  # 12 months after expiry
        ("2027-03-16", Status.LAPSED, PathwayKind.EXAM),  # the day after
    ],
)
def test_renewal_then_reinstatement_then_the_exam(registry, as_of, status, open_kind):
    verdict = evaluate(ccma("2024-03-15"), credits(10), as_of=as_of, registry=registry)
    assert verdict.status is status
    assert verdict.usable is (status is Status.CURRENT)
    assert [p.kind for p in verdict.open_pathways] == [open_kind]


@pytest.mark.parametrize(("amounts", "met"), [((10,), True), ((4, 5.5), False), ((9.9, 0.1), True)])
def test_ten_ce_credits(registry, amounts, met):
    verdict = evaluate(ccma("2024-03-15"), credits(*amounts), as_of="2026-01-01", registry=registry)
    (total,) = renewal(verdict).requirements
    assert total.met is met
    assert renewal(verdict).can_recertify_now is met


@pytest.mark.parametrize(("hours", "earned"), [(20, 10), (19, Decimal("9.5"))])
def test_two_hours_of_training_make_one_credit(registry, hours, earned):
    verdict = evaluate(
        ccma("2024-03-15"), credits(hours, unit="hour"), as_of="2026-01-01", registry=registry
    )
    assert renewal(verdict).requirements[0].earned == earned


@pytest.mark.parametrize(
    ("completed_on", "counts"),
    [("2024-03-14", False), ("2024-03-15", True), ("2026-03-15", True), ("2026-03-16", False)],
)
def test_credit_counts_only_within_the_cycle_not_in_the_90_days_after(
    registry, completed_on, counts
):
    verdict = evaluate(
        ccma("2024-03-15"), credits(10, day=completed_on), as_of="2026-04-01", registry=registry
    )
    assert verdict.status is Status.GRACE
    assert verdict.activities[0].is_counted is counts
    if not counts:
        assert verdict.activities[0].refusals[0].reason is Reason.OUTSIDE_WINDOW


@pytest.mark.parametrize("as_of", ["2025-06-01", "2026-05-01"])
def test_a_renewal_extends_the_expiry_by_two_years(registry, as_of):
    verdict = evaluate(ccma("2024-03-15"), credits(10), as_of=as_of, registry=registry)
    assert verdict.next_expiry.isoformat() == "2028-03-15"


def test_renewal_asks_for_the_fee_and_a_request_and_says_the_fee_is_unconfirmed(registry):
    verdict = evaluate(ccma("2024-03-15"), credits(10), as_of="2026-01-01", registry=registry)
    (fee,) = verdict.fee_due
    assert fee.amount == Decimal(159)
    assert not fee.confirmed
    assert "$185" in fee.source
    assert any("renewal request" in step for step in renewal(verdict).steps)


@pytest.mark.parametrize(
    ("unit", "amount", "credits"),
    [
        ("hour", 2, 1),
        ("clock_hour", 2, 1),
        ("contact_hour", 2, 1),
        ("minute", 120, 1),
        ("iacet_ceu", 1, 5),
        ("ce_credit", 1, 1),
    ],
)
def test_the_nha_values_common_units(registry, unit, amount, credits):
    credential = Credential("NHA", "CCMA", "Maria", "2024-06-01")
    (result,) = evaluate(
        credential, [activity("2025-01-01", amount, unit)], as_of="2025-06-01", registry=registry
    ).activities
    assert (result.credit, result.refusals) == (credits, ())
