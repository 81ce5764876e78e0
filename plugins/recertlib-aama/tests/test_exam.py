"""Who may sit the CMA (AAMA) exam: the four categories and the three-attempt limit."""

from __future__ import annotations

import pytest
from recertlib_aama import Candidate, EligibilityCategory, exam_eligibility

GRADUATE = Candidate(program_accreditor="CAAHEP", program_completed_on="2025-01-10")


@pytest.mark.parametrize(
    ("on", "category"),
    [
        ("2025-01-10", EligibilityCategory.RECENT_GRADUATE),
        ("2026-01-10", EligibilityCategory.RECENT_GRADUATE),  # 12 months to the day
        ("2026-01-11", EligibilityCategory.NONRECENT_GRADUATE),
    ],
)
def test_graduates_of_an_accredited_program(on, category):
    decision = exam_eligibility(GRADUATE, on)
    assert decision.eligible
    assert decision.category is category


@pytest.mark.parametrize(
    ("on", "eligible"),
    [("2026-05-30", False), ("2026-05-31", True), ("2026-06-30", True)],
)
def test_students_from_30_days_before_completing(on, eligible):
    student = Candidate(program_accreditor="abhes", program_completes_on="2026-06-30")
    decision = exam_eligibility(student, on)
    assert decision.eligible is eligible
    assert decision.category is (EligibilityCategory.RECENT_GRADUATE if eligible else None)


def test_an_unaccredited_program_needs_an_accepted_alternative_pathway():
    unaccredited = Candidate(program_accreditor="State Board", program_completed_on="2024-01-01")
    refused = exam_eligibility(unaccredited, "2026-01-01")
    assert not refused.eligible
    assert "CAAHEP- or ABHES-accredited" in refused.reasons[0]
    accepted = Candidate(
        program_accreditor="State Board",
        program_completed_on="2024-01-01",
        alternative_pathway_accepted=True,
    )
    decision = exam_eligibility(accepted, "2026-01-01")
    assert (decision.eligible, decision.category) == (True, EligibilityCategory.ALTERNATIVE_PATHWAY)


def test_recertificants():
    decision = exam_eligibility(Candidate(is_recertificant=True), "2026-01-01")
    assert (decision.eligible, decision.category) == (True, EligibilityCategory.RECERTIFICANT)


@pytest.mark.parametrize(
    ("failed", "eligible", "left"), [(0, True, 3), (2, True, 1), (3, False, 0)]
)
def test_three_attempts(failed, eligible, left):
    candidate = Candidate(is_recertificant=True, failed_attempts=failed)
    decision = exam_eligibility(candidate, "2026-01-01")
    assert (decision.eligible, decision.attempts_left) == (eligible, left)
    if not eligible:
        assert "complete an accredited program again" in decision.reasons[0]
