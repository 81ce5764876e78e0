"""Evaluating records in worker processes gives the outcomes one process gives, in order, a
bad record reported in its place and the others evaluated."""

from __future__ import annotations

import io
import itertools
import json
import pickle
from pathlib import Path

import pytest
from support import CMA, cma_points

from recertlib import Holder, Registry, errors, evaluate_records
from recertlib.io import read_records, unstructure

AS_OF = "2026-11-25"


def _lines() -> str:
    good = unstructure(Holder(CMA, tuple(cma_points(40))))
    unknown = {"credential": {**good["credential"], "body": "NOPE", "holder": "Nemo"}}
    bad = {"credential": {**good["credential"], "certified_on": "2022-02-30", "holder": "Bad"}}
    records = []
    for number in range(23):
        record = json.loads(json.dumps(good))
        record["credential"]["holder"] = f"H{number}"
        record["activities"] = record["activities"][: number % 7]
        records.append(record)
    records[5] = bad
    records[17] = unknown
    return "".join(json.dumps(record) + "\n" for record in records) + "not json\n"


def _outcomes(workers: int, chunk_size: int = 4) -> list[tuple[object, ...]]:
    """Each outcome's label and verdict, or its error's kind and message (errors are objects
    that compare only to themselves)."""
    records = read_records(io.StringIO(_lines()), format="jsonl")
    registry = Registry.from_entry_points()
    outcomes = evaluate_records(
        records, as_of=AS_OF, registry=registry, workers=workers, chunk_size=chunk_size
    )
    return [
        (o.label, o.value, type(o.error).__name__, str(o.error), getattr(o.error, "problems", ()))
        for o in outcomes
    ]


def test_two_workers_give_the_outcomes_of_one_process_in_order():
    alone, shared = _outcomes(1), _outcomes(2)
    assert shared == alone
    assert len(shared) == 24
    labels = [label for label, *_ in shared]
    assert labels[0].startswith("<stream> line 1 ")
    assert "line 24" in labels[-1]
    failed = [index for index, (_, verdict, *_) in enumerate(shared) if verdict is None]
    assert failed == [5, 17, 23]
    assert "certified_on" in shared[5][3]
    assert shared[17][2] == "UnknownCredential"


@pytest.mark.parametrize("chunk_size", [1, 5, 100])
def test_any_chunk_size_gives_the_same_outcomes(chunk_size):
    assert _outcomes(2, chunk_size) == _outcomes(1)


def test_only_a_few_chunks_are_read_ahead_of_the_outcomes():
    read = 0

    def counted():
        nonlocal read
        for record in read_records(io.StringIO(_lines() * 10), format="jsonl"):
            read += 1
            yield record

    outcomes = evaluate_records(counted(), as_of=AS_OF, workers=2, chunk_size=3)
    first = list(itertools.islice(outcomes, 1))
    assert len(first) == 1
    # Two workers, two chunks each ahead, and the one whose outcomes are being read.
    assert read <= 3 * (2 * 2 + 2)
    outcomes.close()


def test_workers_and_chunks_are_at_least_one():
    with pytest.raises(ValueError, match="at least 1"):
        list(evaluate_records([], as_of=AS_OF, workers=0))
    with pytest.raises(ValueError, match="at least 1"):
        list(evaluate_records([], as_of=AS_OF, chunk_size=0))


@pytest.mark.parametrize(
    "error",
    [
        errors.InvalidInput([errors.Problem("$.x", errors.MISSING, "required")], "line 3"),
        errors.UnknownCredential("NOPE", "X", ["AAMA CMA"]),
        errors.UnavailableCredential("NOPE", "X", ["AAMA CMA"], ["broken 1.0"]),
        errors.MissingFact("birth_date", "the expiry", credential="CA-BRN RN", holder="Ada"),
        errors.PluginRuleError("recertlib-x 1.0", "its Rule.on raised", record="holder 'A'"),
        errors.NoRuleSetInForce("AAMA CMA: no rule set in force on 1900-01-01"),
        errors.ContestedCredential("AAMA CMA", ["a 1", "b 2"], "RECERTLIB_PREFER"),
        errors.FieldValueError("amount", "-1", "expected a non-negative number"),
    ],
)
def test_every_error_comes_back_from_a_worker_as_it_was(error):
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error)
    assert str(again) == str(error)
    assert vars(again) == vars(error)


def test_outcomes_from_workers_hold_the_records_given_not_copies():
    records = list(read_records(io.StringIO(_lines()), format="jsonl"))
    outcomes = list(evaluate_records(records, as_of=AS_OF, workers=2, chunk_size=4))
    for record, outcome in zip(records, outcomes, strict=True):
        if outcome.value is None:
            continue
        assert outcome.value.credential is record.value.credential
        held = [result.activity for result in outcome.value.activities]
        assert all(any(a is b for b in record.value.activities) for a in held)
        assert len(held) == len(record.value.activities)


def test_people_come_back_from_workers_as_one_process_evaluates_them():
    staff = Path(__file__).parents[2] / "examples" / "people" / "staff.jsonl"
    records = list(read_records(staff))
    alone = list(evaluate_records(records, as_of=AS_OF))
    shared = list(evaluate_records(records, as_of=AS_OF, workers=2, chunk_size=1))
    assert [(o.label, o.value) for o in shared] == [(o.label, o.value) for o in alone]
    people = [outcome for outcome in shared if outcome.value is not None]
    assert people
    for record, outcome in zip(records, shared, strict=True):
        if outcome.value is not None:
            assert outcome.value.person is record.value
