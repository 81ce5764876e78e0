"""Who may sit the CMA (AAMA) Certification Exam: the four eligibility categories and the
limit of three attempts.

The sources are entries of :data:`recertlib_aama.cma.SOURCES`: [ELIGIBILITY] for the four
categories, [TRANSITION] (the AAMA's e-mail of the 2020 policy change) for the three attempts,
and [ARTICLE] for re-enrolment after a third failure.
"""

from __future__ import annotations

import datetime
import enum

from attrs import field, frozen
from attrs.validators import ge, instance_of

from recertlib.quantities import to_date
from recertlib.quantities.dates import Date
from recertlib.rules import Span

ACCREDITORS = frozenset({"CAAHEP", "ABHES"})
"""[ELIGIBILITY]: the program accreditors whose graduates may sit the exam (categories 1 and 2)."""
RECENT_GRADUATE_SPAN = Span(months=12)
"""[ELIGIBILITY]: category 1 covers graduates of no more than 12 months."""
STUDENT_LEAD_DAYS = 30
"""[ELIGIBILITY]: students may sit the exam from 30 days before they complete their program."""
MAX_ATTEMPTS = 3
"""[TRANSITION]: after a third failed attempt the candidate may no longer sit the exam;
[ARTICLE]: not until they complete an accredited program again (re-enrol)."""


class EligibilityCategory(enum.IntEnum):
    """The AAMA's four eligibility categories."""

    RECENT_GRADUATE = 1
    """Students, and graduates of no more than 12 months, of a CAAHEP- or ABHES-accredited
    medical assisting program."""
    NONRECENT_GRADUATE = 2
    """Graduates of such a program more than 12 months ago."""
    RECERTIFICANT = 3
    """CMAs (AAMA) recertifying."""
    ALTERNATIVE_PATHWAY = 4
    """Graduates of qualified postsecondary programs or apprenticeships, once their documents
    are reviewed and accepted."""


def _optional_date(value: object) -> Date | None:
    return None if value is None else to_date(value)


@frozen
class Candidate:
    """What the eligibility rules ask of someone who wants to sit the exam."""

    program_accreditor: str | None = None
    """``"CAAHEP"`` or ``"ABHES"`` for an accredited medical assisting program."""
    program_completed_on: Date | None = field(default=None, converter=_optional_date)
    program_completes_on: Date | None = field(default=None, converter=_optional_date)
    """For a student: the date they are expected to complete the program."""
    is_recertificant: bool = False
    """Holds, or has held, the CMA (AAMA) credential."""
    alternative_pathway_accepted: bool = False
    """The AAMA has reviewed and accepted their documents for the alternative pathway."""
    failed_attempts: int = field(default=0, validator=[instance_of(int), ge(0)])
    """Failed attempts since the candidate last completed an accredited program."""


@frozen
class ExamEligibility:
    """The answer to "may this candidate sit the exam on this date?"."""

    eligible: bool
    category: EligibilityCategory | None
    attempts_left: int
    reasons: tuple[str, ...]


def _category(candidate: Candidate, on: Date) -> EligibilityCategory | None:
    accredited = (candidate.program_accreditor or "").upper() in ACCREDITORS
    completed = candidate.program_completed_on
    if accredited and completed is not None and completed <= on:
        if on <= RECENT_GRADUATE_SPAN.after(completed):
            return EligibilityCategory.RECENT_GRADUATE
        return EligibilityCategory.NONRECENT_GRADUATE
    completes = candidate.program_completes_on
    if accredited and completes is not None and completes.subtract(days=STUDENT_LEAD_DAYS) <= on:
        return EligibilityCategory.RECENT_GRADUATE
    if candidate.is_recertificant:
        return EligibilityCategory.RECERTIFICANT
    if candidate.alternative_pathway_accepted:
        return EligibilityCategory.ALTERNATIVE_PATHWAY
    return None


def exam_eligibility(candidate: Candidate, on: datetime.date | str) -> ExamEligibility:
    """Whether ``candidate`` may sit the CMA (AAMA) Certification Exam on ``on``, and in which
    category."""
    day = to_date(on)
    category = _category(candidate, day)
    attempts_left = max(MAX_ATTEMPTS - candidate.failed_attempts, 0)
    reasons = []
    if category is None:
        reasons.append(
            "not in any eligibility category: needs a CAAHEP- or ABHES-accredited program"
            " (students from 30 days before completing), a CMA (AAMA) to recertify, or an"
            " accepted alternative-pathway application"
        )
    if attempts_left == 0:
        reasons.append(
            f"{candidate.failed_attempts} failed attempts: after {MAX_ATTEMPTS} the candidate"
            " must complete an accredited program again before another attempt"
        )
    return ExamEligibility(
        eligible=category is not None and attempts_left > 0,
        category=category,
        attempts_left=attempts_left,
        reasons=tuple(reasons),
    )
