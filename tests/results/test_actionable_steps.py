"""Only what can still be done: the steps a verdict, a plan and the due query list are those a
holder can still take; a pathway that can no longer be completed shows none, an expiry or a
deadline already past shows only while it can still be met, and the summary's next date is
the one that matters."""

from __future__ import annotations

import pytest
from support import CCMA, CMA, Evaluate, ccma_credits, cma_points

from recertlib import Credential, Registry, due_within, evaluate, plan_for
from recertlib.quantities import to_date
from recertlib.results.verdict import CLOSES_STEP, CREDIT_STEP, OPENS_STEP, PathwayResult, Verdict


def pathway(verdict: Verdict, name: str) -> PathwayResult:
    (found,) = (p for p in verdict.pathways if p.name == name)
    return found


def labels(verdict: Verdict, name: str) -> list[tuple[str, str, bool]]:
    return [
        (step.label, str(step.due_on), step.overdue)
        for step in verdict.actionable(pathway(verdict, name))
    ]


def test_the_engine_names_its_steps_as_the_results_read_them(verdict: Evaluate) -> None:
    # The CCMA short of credit before expiry (credit step and last day), and in grace without
    # credit (the exam's first day): every label the engine adds is one the results know.
    before = verdict(CCMA, ccma_credits(6), "2025-04-01")
    grace = verdict(CCMA, [], "2025-06-01")
    found = {step.label for v in (before, grace) for p in v.pathways for step in p.deadlines}
    assert {CREDIT_STEP, OPENS_STEP, CLOSES_STEP} <= found


# The CMA certified 2022-03-10 expires 2027-03-31; its exam pathway asks to pass the exam two
# months before (2027-01-31) and to apply 30 days before (2027-03-01), to avoid a lapse.
@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (
            "2027-01-30",
            [
                ("Pass the exam, to avoid a lapse", "2027-01-31", False),
                ("Apply for the exam", "2027-03-01", False),
                ("Last day to recertify by this pathway", "2027-06-30", False),
            ],
        ),
        (
            "2027-02-01",  # the day after the first: late, but the lapse is still ahead
            [
                ("Pass the exam, to avoid a lapse", "2027-01-31", True),
                ("Apply for the exam", "2027-03-01", False),
                ("Last day to recertify by this pathway", "2027-06-30", False),
            ],
        ),
        (
            "2027-03-31",  # the day of expiry: both late, both can still be met
            [
                ("Pass the exam, to avoid a lapse", "2027-01-31", True),
                ("Apply for the exam", "2027-03-01", True),
                ("Last day to recertify by this pathway", "2027-06-30", False),
            ],
        ),
        (
            "2027-04-01",  # the day after: the lapse they were to avoid has come
            [("Last day to recertify by this pathway", "2027-06-30", False)],
        ),
    ],
)
def test_a_bodys_deadline_past_stays_only_until_the_expiry_it_is_there_for(
    verdict: Evaluate, as_of: str, expected: list[tuple[str, str, bool]]
) -> None:
    assert labels(verdict(CMA, [], as_of), "Recertify by exam") == expected


def test_the_last_day_credit_counts_stays_while_credit_is_missing_and_no_longer(
    verdict: Evaluate,
) -> None:
    short = verdict(CCMA, ccma_credits(6), "2025-05-01")  # the last day credit counts: today
    assert (CREDIT_STEP, "2025-05-01", False) in labels(short, "Renew with continuing education")
    met = verdict(CCMA, ccma_credits(10), "2025-05-01")
    assert all(label != CREDIT_STEP for label, *_ in labels(met, "Renew with continuing education"))


def test_a_pathway_that_can_no_longer_be_completed_has_no_steps(verdict: Evaluate) -> None:
    grace = verdict(CCMA, [], "2025-06-01")  # credit after expiry does not count
    renewal = pathway(grace, "Renew with continuing education")
    assert renewal.is_open
    assert not renewal.achievable
    assert grace.actionable(renewal) == ()
    # What remains is the exam, a year after expiry: its first day is the next step.
    assert grace.next_step is not None
    assert (grace.next_step.label, str(grace.next_step.due_on)) == (OPENS_STEP, "2026-05-02")
    assert grace.summary.endswith("Take the CCMA exam again opens on 2026-05-02.")


def test_a_lapsed_pa_c_is_not_told_of_a_day_long_past(installed: Registry) -> None:
    # The case: lapsed at the end of 2024, with no CME, evaluated two years on.
    facts = {"originally_issued_on": "2016-05-01"}
    credential = Credential("NCCPA", "PA-C", "Pat", "2022-12-31", facts=facts)
    lapsed = evaluate(credential, [], as_of="2026-12-07", registry=installed)
    for p in lapsed.pathways:
        assert all(not step.overdue for step in lapsed.actionable(p)), p.name
    assert all("overdue" not in match.reason for match in due_within([lapsed], 60))
    assert all(not action.overdue for action in plan_for(lapsed).actions)


def test_the_next_date_that_matters_is_said_in_words(verdict: Evaluate) -> None:
    short = verdict(CMA, cma_points(52), "2026-11-25")
    assert short.next_step_words == "earn the missing credit by 2027-03-31"
    # Nothing left to earn: the pathway's last day is the date.
    done = verdict(CMA, cma_points(60), "2026-11-25")
    assert done.next_step_words == "apply by 2027-06-30"
    lapsed = verdict(CCMA, [], "2025-06-01")
    assert lapsed.next_step_words == "Take the CCMA exam again opens on 2026-05-02"


def test_a_cma_in_grace_is_headlined_by_the_date_that_matters(verdict: Evaluate) -> None:
    # Expired 2026-09-30 with every point earned: the renewal's last day, 2026-12-31, is the
    # date; the exam pathway's deadlines to avoid a lapse, past, are no longer listed.
    grace = Credential("AAMA", "CMA", "Sam Okafor", "2021-09-15")
    v = verdict(grace, cma_points(60), "2026-11-25")
    (match,) = due_within([v], 60)
    assert match.due_on == to_date("2026-12-31")
    assert "overdue" not in match.reason
    assert match.reason.startswith("Recertify by continuing education: ")
