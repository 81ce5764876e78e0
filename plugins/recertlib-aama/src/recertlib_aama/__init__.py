"""recertlib plugin for the American Association of Medical Assistants (AAMA).

The CMA (AAMA)'s rules are data, in ``cma.toml`` beside this module: each value with
its source and its date."""

from collections.abc import Iterable
from importlib.resources import files
from importlib.resources.abc import Traversable

from recertlib.plugins import hookimpl
from recertlib.rules import CredentialSpec
from recertlib.rules.data import read_credential
from recertlib_aama.exam import Candidate, EligibilityCategory, ExamEligibility, exam_eligibility

RULES_FILE: Traversable = files(__name__) / "cma.toml"
"""The rules file of the credential, shipped in this package."""

CMA: CredentialSpec = read_credential(RULES_FILE)
"""The credential as its rules file describes it, for code that wants it in Python."""


@hookimpl
def rules_files() -> Iterable[Traversable]:
    """The credential's rules file: recertlib reads and registers it."""
    return [RULES_FILE]


__all__ = [
    "CMA",
    "RULES_FILE",
    "Candidate",
    "EligibilityCategory",
    "ExamEligibility",
    "exam_eligibility",
    "rules_files",
]
