"""What the engine says of each pathway (engine/pathways.py), where a review found it wrong:
whether an exam passed recertifies, and which window a pathway that looks back counts."""

from __future__ import annotations

import pytest

from recertlib import Activity, Credential, evaluate
from recertlib.rules import PathwayKind


@pytest.mark.parametrize(("passed_on", "passed"), [("2022-03-10", False), ("2022-03-11", True)])
def test_the_exam_that_began_the_cycle_is_no_recertification(installed, passed_on, passed):
    exam = Activity("CMA (AAMA) exam", passed_on, 1, "cma_exam")
    credential = Credential("AAMA", "CMA", "Casey", "2022-03-10")
    verdict = evaluate(credential, [exam], as_of="2027-05-01", registry=installed)
    by_exam = next(p for p in verdict.pathways if p.name == "Recertify by exam")
    assert by_exam.exam_passed is passed
    assert by_exam.can_recertify_now is passed


def test_a_pathway_that_looks_back_says_which_window_it_counts(installed):
    facts = {"birth_date": "1990-05-20", "first_renewal": False}
    credential = Credential("CA-BRN", "RN", "Rae", "2021-07-01", facts=facts)
    hours = Activity("Cardiac care", "2025-03-02", 30, "contact_hour", approved_by=["BRN"])
    verdict = evaluate(credential, [hours], as_of="2026-03-01", registry=installed)
    reinstate = verdict.recommended
    assert reinstate.kind is PathwayKind.REINSTATEMENT
    assert reinstate.requirements_met
    assert any("from 2024-03-02 through 2026-03-01" in note for note in reinstate.notes)
