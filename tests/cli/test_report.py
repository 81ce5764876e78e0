"""The text report of ``recertlib check``: amounts with their unit in the right number, every
status in words, overdue deadlines marked, pathways that can no longer be completed said so."""

from __future__ import annotations

from decimal import Decimal

import pytest

from recertlib import Activity, Credential, evaluate
from recertlib.quantities.amounts import plural, quantity
from recertlib.results.render import render_verdict

AS_OF = "2026-11-25"


def aama(
    amount: str = "60", *, certified_on: str = "2022-03-10", as_of: str = AS_OF, **facts: object
) -> str:
    activities = [
        Activity("Course", "2022-06-14", amount, "aama_ceu", area="clinical", approved_by={"AAMA"})
    ]
    credential = Credential("AAMA", "CMA", "Kim", certified_on, facts=facts)
    return render_verdict(evaluate(credential, activities, as_of=as_of))


@pytest.mark.parametrize(
    ("amount", "unit", "shown"),
    [
        ("1", "point", "1 point"),
        ("1.0", "point", "1 point"),
        ("0", "point", "0 points"),
        ("0.5", "point", "0.5 points"),
        ("2", "contact hour", "2 contact hours"),
        ("1", "CE credits", "1 CE credits"),
        ("3", "CE credits", "3 CE credits"),
    ],
)
def test_an_amount_reads_in_the_right_number(amount, unit, shown):
    assert quantity(Decimal(amount), unit) == shown


def test_units_are_plural_once():
    assert (plural("point"), plural("CE credit"), plural("hours")) == (
        "points",
        "CE credits",
        "hours",
    )


def test_one_point_is_one_point():
    report = aama("1")
    assert "Course  clinical  1 of 1 point" in report
    assert "1 points" not in report


@pytest.mark.parametrize(
    ("certified_on", "facts", "status"),
    [
        ("2030-01-01", {}, "status: not yet current (certified after this date); may NOT use"),
        ("2022-03-10", {"inactive": True}, "status: inactive; held, but not to be used; may NOT"),
        ("2022-03-10", {}, "status: current; may use the credential"),
        ("2020-01-10", {}, "status: lapsed; may NOT use the credential"),
    ],
)
def test_every_status_is_said_in_words(certified_on, facts, status):
    report = aama(certified_on=certified_on, **facts)
    assert status in report


def test_only_what_can_still_be_done_is_listed_and_a_late_step_is_marked():
    report = aama("60", certified_on="2021-09-20")  # expired 2026-09-30, grace until 12-31
    # The exam's deadlines were there to avoid the lapse that has come: not listed.
    assert "Pass the exam, to avoid a lapse" not in report
    assert "by 2026-12-31: Last day to recertify by this pathway\n" in report
    # Before the expiry, a deadline past can still be met: listed, marked.
    late = aama("60", certified_on="2021-09-20", as_of="2026-09-15")
    assert "by 2026-07-30: Pass the exam, to avoid a lapse (OVERDUE)" in late
    assert "by 2026-08-31: Apply for the exam (OVERDUE)" in late


def test_a_pathway_that_can_no_longer_be_completed_says_so_and_is_not_recommended():
    report = aama("52", certified_on="2021-09-20")
    assert (
        "status: expired; continuing education is still open but can no longer be completed"
        in report
    )
    assert (
        "Recertify by continuing education: open, but can no longer be completed: the window"
        " for earning credit closed on 2026-09-30" in report
    )
    assert "Last day credit counts for this pathway" not in report  # nothing to do of it
    assert "Recertify by exam [recommended]: open, exam not yet passed" in report
    ce_part = report.split("Recertify by continuing education:")[1].split("Recertify by exam")[0]
    assert "to do:" not in ce_part
    assert "new expiry" not in ce_part


def test_a_passed_exam_lets_the_exam_pathway_recertify_now():
    credential = Credential("AAMA", "CMA", "Kim", "2021-09-20")
    passed = Activity("CMA (AAMA) Certification Exam", "2026-10-01", "0", "cma_exam")
    report = render_verdict(evaluate(credential, [passed], as_of=AS_OF))
    assert "Recertify by exam [recommended]: can recertify now (exam passed)" in report
