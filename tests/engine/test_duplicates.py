"""Duplicate records of one activity are resolved in time polynomial in the input: every
combination when there are few, else records another dominates are set aside and one
activity's record is changed at a time; never the whole product of choices."""

from __future__ import annotations

import pytest
from support import TEST_SPEC

import recertlib.engine.allocation.allocate as allocate
from recertlib import Activity, Credential
from recertlib.engine import evaluate_with_spec
from recertlib.quantities import to_date
from recertlib.results import Reason, Verdict

DUPLICATE = Reason.DUPLICATE

CREDENTIAL = Credential("TB", "TC", "Tess", "2020-01-15")
AS_OF = "2020-12-01"


def pair(number: int, *, amount: str = "1", other_areas: frozenset[str] = frozenset()) -> list:
    """Two records of one certificate: approved by the body, and not approved but also
    countable in ``other_areas``."""
    common = {"certificate_id": f"C-{number}", "area": "theory"}
    completed = f"2020-{2 + number % 9:02d}-{1 + number % 27:02d}"
    return [
        Activity(f"Course {number}", completed, amount, "hour", approved_by={"TB"}, **common),
        Activity(
            f"Course {number} (copy)",
            completed,
            amount,
            "hour",
            other_areas=other_areas,
            **common,
        ),
    ]


def evaluated(activities: list[Activity]) -> Verdict:
    return evaluate_with_spec(TEST_SPEC, CREDENTIAL, activities, as_of=to_date(AS_OF))


class Counted:
    """Counts the allocations made (each a call of the placement), the unit of work here."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        real = allocate._best

        def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
            self.calls += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(allocate, "_best", counting)


@pytest.mark.parametrize("pairs", [22, 40, 200])
def test_approved_and_unapproved_copies_are_resolved_by_dominance(monkeypatch, pairs):
    counted = Counted(monkeypatch)
    activities = [record for number in range(pairs) for record in pair(number)]
    verdict = evaluated(activities)
    # The approved copy counts toward every minimum the other does, under fewer caps: it is
    # the one kept, and the choice needs one allocation, not 2**pairs.
    assert {r.activity.title for r in verdict.counted} == {f"Course {n}" for n in range(pairs)}
    refused = {
        r.activity.title for r in verdict.refused if r.refusals[0].reason.value == "duplicate"
    }
    assert refused == {f"Course {n} (copy)" for n in range(pairs)}
    assert counted.calls <= 2


@pytest.mark.parametrize("pairs", [6, 40, 120])
def test_records_no_other_dominates_take_polynomially_many_allocations(monkeypatch, pairs):
    counted = Counted(monkeypatch)
    activities = [
        record
        for number in range(pairs)
        for record in pair(number, other_areas=frozenset({"practice"}))
    ]
    evaluated(activities)
    # A first choice, then each round tries each activity's other record: at most
    # pairs * pairs + 2 allocations in all, whatever the number of combinations (2**pairs).
    assert counted.calls <= pairs * pairs + 2


def test_with_few_combinations_every_one_is_tried_and_the_best_kept(monkeypatch):
    activities = [
        record
        for number in range(5)
        for record in pair(number, amount="4", other_areas=frozenset({"practice"}))
    ]
    counted = Counted(monkeypatch)
    verdict = evaluated(activities)
    assert counted.calls == 2**5 + 1
    assert verdict.recommended is not None
    assert verdict.recommended.requirements_met


def test_changing_one_record_at_a_time_reaches_what_every_combination_reaches(monkeypatch):
    activities = [
        record
        for number in range(6)
        for record in pair(number, amount="2", other_areas=frozenset({"practice"}))
    ]
    by_rounds = evaluated(activities)
    monkeypatch.setattr(allocate, "CONTESTED_LIMIT", 2**6)
    by_every_combination = evaluated(activities)
    assert by_rounds.recommended is not None
    assert by_every_combination.recommended is not None
    assert [(r.earned, r.met) for r in by_rounds.recommended.requirements] == [
        (r.earned, r.met) for r in by_every_combination.recommended.requirements
    ]
