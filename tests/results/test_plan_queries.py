"""Queries over many evaluated holders: verdicts, people and outcomes, read lazily."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support import CCMA, CMA, Evaluate, ccma_credits, cma_points

from recertlib import Credential, Outcome, Registry, Verdict, evaluate
from recertlib.quantities import to_date
from recertlib.results.queries import Match, can_recertify_now, due_within, not_usable


def holders(matches: Iterator[Match]) -> list[tuple[str, str]]:
    return [(match.holder, match.credential) for match in matches]


# The CCMA, with its credit, expires on 2025-05-01: 30 days after 2025-04-01.
@pytest.mark.parametrize(("days", "found"), [(29, False), (30, True), (31, True)])
def test_an_expiry_exactly_n_days_away_is_within_n_days(
    verdict: Evaluate, days: int, found: bool
) -> None:
    v = verdict(CCMA, ccma_credits(10), "2025-04-01")
    matches = list(due_within([v], days))

    assert bool(matches) is found
    if found:
        (match,) = matches
        assert match.due_on == to_date("2025-05-01")
        assert match.reason.startswith("Certified Clinical Medical Assistant (CCMA) expires")
        assert "(in 30 days)" in match.reason
        assert match.verdict is v
        assert match.item is v


def test_an_expiry_n_plus_one_days_away_is_not(verdict: Evaluate) -> None:
    v = verdict(CCMA, ccma_credits(10), "2025-03-31")
    assert list(due_within([v], 30)) == []
    assert [m.due_on for m in due_within([v], 31)] == [to_date("2025-05-01")]


def test_a_deadline_is_due_and_the_earliest_date_is_named(verdict: Evaluate) -> None:
    # Short of credit: the last day credit counts is the expiry, named first.
    v = verdict(CCMA, ccma_credits(6), "2025-04-01")
    (match,) = due_within([v], 30)

    assert match.due_on == to_date("2025-05-01")
    assert "more date" in match.reason
    # In grace the expiry is past, and no step: the renewal's last day is what matters.
    grace = verdict(CCMA, ccma_credits(10), "2025-06-01")
    assert list(due_within([grace], 58)) == []
    (late,) = due_within([grace], 59)
    assert late.due_on == to_date("2025-07-30")
    assert late.reason == (
        "Renew with continuing education: Last day to recertify by this pathway, 2025-07-30"
        " (in 59 days)"
    )
    assert "overdue" not in late.reason


def test_a_lapse_long_past_is_not_due_but_not_usable(verdict: Evaluate) -> None:
    lapsed = verdict(CCMA, [], "2026-08-01")  # the exam is open and never closes

    assert list(due_within([lapsed], 30)) == []
    (match,) = not_usable([lapsed])
    assert match.reason.startswith("lapsed: ")
    assert match.due_on == to_date("2025-05-01")


def test_negative_days_are_refused(verdict: Evaluate) -> None:
    with pytest.raises(ValueError, match="days"):
        list(due_within([verdict(CCMA, [], "2025-01-01")], -1))


def test_not_usable(verdict: Evaluate) -> None:
    verdicts = [
        verdict(CMA, [], "2025-01-01"),  # current
        verdict(CCMA, ccma_credits(10), "2025-06-01"),  # grace
        verdict(Credential("NHA", "CCMA", "Abe Adams", "2025-02-01"), [], "2025-01-01"),
    ]
    matches = list(not_usable(verdicts))

    assert holders(iter(matches)) == [("Nia Brown", "NHA CCMA"), ("Abe Adams", "NHA CCMA")]
    assert matches[0].reason.startswith("grace: Expired on 2025-05-01")
    assert matches[1].reason.startswith("pending: ")
    assert matches[1].due_on == to_date("2025-02-01")


def test_can_recertify_now(verdict: Evaluate) -> None:
    verdicts = [
        verdict(CCMA, ccma_credits(10), "2025-01-01"),
        verdict(CCMA, ccma_credits(9), "2025-01-01"),
        verdict(CMA, cma_points(60), "2026-11-25"),
        verdict(CMA, [], "2027-08-01"),  # the exam is open, but not passed
    ]
    matches = list(can_recertify_now(verdicts))

    assert holders(iter(matches)) == [("Nia Brown", "NHA CCMA"), ("Maria Lopez", "AAMA CMA")]
    assert matches[0].due_on == to_date("2025-07-30")
    assert matches[0].reason == (
        "Renew with continuing education, open through 2025-07-30: every requirement is met;"
        " remaining: Pay the renewal fee; Submit a renewal request to NHA, which verifies it"
    )


def test_people_and_outcomes_are_items_too(installed: Registry, verdict: Evaluate) -> None:
    from recertlib import Person

    person = Person(
        "E-7",
        credentials=[
            Credential("AAMA", "CMA", "x", "2022-03-10"),
            Credential("NHA", "CCMA", "x", "2023-05-01"),
            Credential("XX", "NOPE", "x", "2023-05-01"),  # no plugin: an error, skipped
        ],
    )
    evaluated = evaluate(person, as_of="2025-06-01", registry=installed)
    outcomes = [
        Outcome("a.json[0]", verdict(CCMA, [], "2025-06-01"), None),
        Outcome("a.json[1]", None, None),
    ]
    matches = list(not_usable([evaluated, *outcomes]))

    assert holders(iter(matches)) == [("E-7", "NHA CCMA"), ("Nia Brown", "NHA CCMA")]
    assert matches[0].item is evaluated
    assert matches[1].item is outcomes[0]


def test_the_queries_read_lazily(verdict: Evaluate) -> None:
    read: list[int] = []
    grace = verdict(CCMA, ccma_credits(10), "2025-06-01")

    def many() -> Iterator[Verdict]:
        for number in range(1_000_000):
            read.append(number)
            yield grace

    for query in (not_usable(many()), due_within(many(), 60)):
        read.clear()
        assert next(query).verdict is grace
        assert read == [0]


def test_an_item_of_another_kind_is_refused() -> None:
    with pytest.raises(TypeError, match="Verdict"):
        list(not_usable(["AAMA CMA"]))  # type: ignore[list-item]
