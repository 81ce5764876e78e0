"""The AAMA corrections from a second reading of its sources: the 2020 transition window,
college credit never AAMA-approved, the one-contact-hour minimum for non-AAMA education, and the
new expiry counted from the month of recertification."""

from __future__ import annotations

import pytest

from recertlib import Credential, Reason, Status, evaluate
from recertlib.testing import activity


def cma(certified_on: str, expires_on: str | None = None) -> Credential:
    return Credential("AAMA", "CMA", "Casey", certified_on, expires_on=expires_on)


def full_record(day: str) -> list:
    return [
        activity(day, 10, "aama_ceu", area="administrative"),
        activity(day, 10, "aama_ceu", area="clinical"),
        activity(day, 10, "aama_ceu", area="general"),
        activity(day, 30, "contact_hour", area="general"),
    ]


@pytest.mark.parametrize(
    ("certified_on", "expires_on"),
    [
        # The e-mail's own examples, each "90 days after Jan. 1, 2020 (March 30, 2020)".
        ("2011-04-01", "2016-04-30"),
        ("2014-04-01", "2019-04-30"),
        ("2014-11-01", "2019-11-30"),
        ("2014-12-01", "2019-12-31"),
    ],
)
@pytest.mark.parametrize(("as_of", "open_"), [("2020-03-30", True), ("2020-03-31", False)])
def test_every_credential_expired_before_2020_recertifies_by_ce_through_30_march_2020(
    registry, certified_on, expires_on, as_of, open_
):
    verdict = evaluate(cma(certified_on), full_record("2015-06-01"), as_of=as_of, registry=registry)
    assert verdict.expires_on.isoformat() == expires_on
    assert verdict.continuing_education_closes_on.isoformat() == "2020-03-30"
    assert (verdict.status is Status.GRACE) is open_


def test_before_2020_the_old_sixty_months_still_applied(registry):
    verdict = evaluate(cma("2011-04-01"), [], as_of="2019-06-01", registry=registry)
    assert verdict.status is Status.GRACE
    # Known today: the transition closed it on 2020-03-30, before the old 60 months ran out.
    assert verdict.continuing_education_closes_on.isoformat() == "2020-03-30"


def test_an_expiry_long_before_the_transition_kept_its_own_earlier_close(registry):
    verdict = evaluate(cma("2005-01-01"), [], as_of="2014-06-01", registry=registry)
    assert verdict.expires_on.isoformat() == "2010-01-31"
    assert verdict.continuing_education_closes_on.isoformat() == "2015-01-31"


@pytest.mark.parametrize(("as_of", "open_"), [("2020-05-31", True), ("2020-06-01", False)])
def test_expiring_29_february_2020_the_2020_rule_gives_the_end_of_may(registry, as_of, open_):
    verdict = evaluate(cma("2015-02-01"), [], as_of=as_of, registry=registry)
    assert verdict.expires_on.isoformat() == "2020-02-29"
    assert verdict.continuing_education_closes_on.isoformat() == "2020-05-31"
    assert (verdict.status is Status.GRACE) is open_


def test_college_credit_is_never_aama_approved(registry):
    college = activity("2023-01-10", 2, "college_credit", area="clinical", approved_by=["AAMA"])
    verdict = evaluate(cma("2022-03-10"), [college], as_of="2026-11-25", registry=registry)
    (result,) = verdict.activities
    assert result.credit == 30
    assert not result.approved
    approved = next(r for r in verdict.recommended.requirements if r.name == "AAMA-approved")
    assert approved.earned == 0


@pytest.mark.parametrize(("amount", "counts"), [("1", True), ("0.99", False)])
def test_non_aama_education_counts_from_one_contact_hour(registry, amount, counts):
    short = activity("2023-01-10", amount, "contact_hour", area="clinical")
    verdict = evaluate(cma("2022-03-10"), [short], as_of="2026-11-25", registry=registry)
    (result,) = verdict.activities
    assert result.is_counted is counts
    if not counts:
        assert result.refusals[0].reason is Reason.TOO_SHORT


def test_aama_approved_education_shorter_than_an_hour_still_counts(registry):
    short = activity("2023-01-10", "0.5", "aama_ceu", area="clinical")
    verdict = evaluate(cma("2022-03-10"), [short], as_of="2026-11-25", registry=registry)
    assert verdict.activities[0].counted == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("as_of", "next_expiry"),
    [
        ("2026-11-25", "2031-11-30"),  # before expiry: from the month of recertification
        ("2027-03-31", "2032-03-31"),  # on the expiry day
        ("2027-04-01", "2032-04-30"),  # in the three months after
        ("2027-06-30", "2032-06-30"),  # their last day
    ],
)
def test_the_new_expiry_is_counted_from_the_month_of_recertification(registry, as_of, next_expiry):
    verdict = evaluate(cma("2022-03-10"), full_record("2023-01-10"), as_of=as_of, registry=registry)
    assert verdict.recommended.can_recertify_now
    assert verdict.next_expiry.isoformat() == next_expiry
    assert verdict.recommended.next_cycle_starts_on.isoformat() == as_of
