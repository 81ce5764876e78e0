"""Verdicts a reviewer found wrong, each kept as a test at its edge."""

from __future__ import annotations

import pytest

from recertlib import Activity, Credential, Person, PersonCredential, Reason, Registry, evaluate
from recertlib.rules import (
    Cap,
    Confidence,
    ContinuingEducation,
    Conversion,
    CredentialSpec,
    Cycle,
    Pathway,
    PathwayKind,
    RuleSet,
    Selector,
    Span,
)
from recertlib.testing import SpecPlugin


@pytest.mark.parametrize(("passed_on", "passed"), [("2022-03-10", False), ("2022-03-11", True)])
def test_the_exam_that_began_the_cycle_is_no_recertification(installed, passed_on, passed):
    exam = Activity("CMA (AAMA) exam", passed_on, 1, "cma_exam")
    credential = Credential("AAMA", "CMA", "Casey", "2022-03-10")
    verdict = evaluate(credential, [exam], as_of="2027-05-01", registry=installed)
    by_exam = next(p for p in verdict.pathways if p.name == "Recertify by exam")
    assert by_exam.exam_passed is passed
    assert by_exam.can_recertify_now is passed


def spec(code: str, *, shared: bool) -> CredentialSpec:
    education = ContinuingEducation(
        "hour",
        10,
        (Conversion("contact_hour", 1),),
        areas={"a", "b"},
        caps=(Cap("a cap", Selector(areas={"a"}), 5),),
        shared_credit_counts=shared,
    )
    return CredentialSpec(
        "TB",
        code,
        f"Test {code}",
        "Test body",
        (
            RuleSet(
                f"tb.{code}",
                None,
                "the tests",
                Confidence.HIGH,
                cycle=Cycle(Span(months=24)),
                continuing_education=education,
                pathways=(
                    Pathway(PathwayKind.CONTINUING_EDUCATION, "Renew", requires_credit=True),
                ),
            ),
        ),
    )


def test_an_activity_refused_over_a_cap_does_not_count_twice_where_sharing_is_forbidden():
    registry = Registry.from_plugins(SpecPlugin(spec("A", shared=True), spec("B", shared=False)))
    person = Person(
        "P-1",
        credentials=[
            PersonCredential("TB", "A", "2024-01-01"),
            PersonCredential("TB", "B", "2024-01-01"),
        ],
        activities=[
            Activity("X", "2024-02-01", 5, "contact_hour", area="a"),
            Activity("Y", "2024-02-02", 5, "contact_hour", area="a"),
            Activity("Z", "2024-02-03", 5, "contact_hour", area="b"),
        ],
    )
    first, second = evaluate(person, as_of="2024-06-01", registry=registry).verdicts
    counted_first = {result.activity.title for result in first.counted}
    assert counted_first == {"X", "Z"}  # Y over A's cap
    refused = {
        result.activity.title
        for result in second.activities
        if any(r.reason is Reason.COUNTED_ELSEWHERE for r in result.refusals)
    }
    # Y counted nowhere, so B may count it; X and Z counted toward A.
    assert refused == {"X", "Z"}
    assert {result.activity.title for result in second.counted} == {"Y"}


def test_a_measure_record_outside_its_window_is_refused_not_counted(installed):
    facts = {"originally_issued_on": "2024-07-15"}
    record = [
        Activity("CME", "2033-06-01", 100, "cme_credit", area="category 1"),
        Activity("PANRE", "2032-12-31", 1, "panre"),  # year 8: before the exam years
    ]
    credential = Credential("NCCPA", "PA-C", "Pat", "2032-12-31", facts=facts)
    verdict = evaluate(credential, record, as_of="2034-06-01", registry=installed)
    panre = next(r for r in verdict.activities if r.activity.title == "PANRE")
    assert panre.counted == 0
    assert panre.refusals[0].reason is Reason.OUTSIDE_WINDOW


def test_an_active_nurse_short_of_hours_is_not_advised_to_go_inactive(installed):
    facts = {"birth_date": "1990-05-20", "first_renewal": False}
    credential = Credential("CA-BRN", "RN", "Rae", "2023-07-01", facts=facts)
    verdict = evaluate(credential, [], as_of="2025-06-30", registry=installed)
    assert verdict.recommended is not None
    assert verdict.recommended.kind is not PathwayKind.INACTIVE
    assert any(p.kind is PathwayKind.INACTIVE and p.can_recertify_now for p in verdict.pathways)


def test_a_pathway_that_looks_back_says_which_window_it_counts(installed):
    facts = {"birth_date": "1990-05-20", "first_renewal": False}
    credential = Credential("CA-BRN", "RN", "Rae", "2021-07-01", facts=facts)
    hours = Activity("Cardiac care", "2025-03-02", 30, "contact_hour", approved_by=["BRN"])
    verdict = evaluate(credential, [hours], as_of="2026-03-01", registry=installed)
    reinstate = verdict.recommended
    assert reinstate.kind is PathwayKind.REINSTATEMENT
    assert reinstate.requirements_met
    assert any("from 2024-03-02 through 2026-03-01" in note for note in reinstate.notes)
