"""recertlib plugin for the American Association of Medical Assistants (AAMA)."""

from collections.abc import Callable

from recertlib.plugins import hookimpl
from recertlib.rules import CredentialSpec
from recertlib_aama.cma import CMA
from recertlib_aama.exam import Candidate, EligibilityCategory, ExamEligibility, exam_eligibility


@hookimpl
def register_credentials(register: Callable[[CredentialSpec], None]) -> None:
    """Register the CMA (AAMA) credential."""
    register(CMA)


__all__ = [
    "CMA",
    "Candidate",
    "EligibilityCategory",
    "ExamEligibility",
    "exam_eligibility",
    "register_credentials",
]
