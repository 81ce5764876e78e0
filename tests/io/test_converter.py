"""The converter: JSON-ready data out, every public type back in, every bad field reported."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from recertlib_aama import CMA
from recertlib_nha import CCMA

from recertlib import (
    Activity,
    InvalidInput,
    Verdict,
    evaluate,
    structure,
    unstructure,
)
from recertlib.io import structure_holder
from recertlib.rules import CredentialSpec

GOOD = {
    "credential": {
        "body": "AAMA",
        "credential": "CMA",
        "holder": "Casey",
        "certified_on": "2022-03-10",
    },
    "activities": [
        {
            "title": "Ethics",
            "completed_on": "2023-01-05",
            "amount": 0.1,
            "unit": "aama_ceu",
            "area": "general",
        }
    ],
}


def through_json(data):
    return json.loads(json.dumps(data))


def test_json_numbers_become_exact_decimals():
    holder = structure_holder(through_json(GOOD))
    assert holder.activities[0].amount == Decimal("0.1")


def test_a_holder_round_trips():
    holder = structure_holder(GOOD)
    assert structure_holder(through_json(unstructure(holder))) == holder


def test_a_verdict_round_trips_and_carries_what_its_properties_derive(installed):
    holder = structure_holder(GOOD)
    verdict = evaluate(holder.credential, holder.activities, as_of="2026-11-25", registry=installed)
    data = through_json(unstructure(verdict))
    assert data["recommended_pathway"] == "Recertify by continuing education"
    assert data["pathways"][0]["requirements"][0] == {
        "name": "Total",
        "required": "60",
        "earned": "0.1",
        "unit": "point",
        "shortfall": "59.9",
        "met": False,
        "missing": "59.9 points (Total)",
        "children": [],
    }
    assert structure(data, Verdict) == verdict


@pytest.mark.parametrize("spec", [CMA, CCMA], ids=lambda spec: spec.label)
def test_credential_specs_round_trip(spec):
    assert structure(through_json(unstructure(spec)), CredentialSpec) == spec


def test_every_bad_field_is_reported_with_its_path_and_value():
    bad = through_json(GOOD)
    bad["credential"]["certified_on"] = "2022-02-30"
    bad["activities"].append(
        {"title": "", "completed_on": "2023-01-05", "amount": "-2", "unit": "point", "aera": "x"}
    )
    with pytest.raises(InvalidInput) as raised:
        structure_holder(bad, record="holders.json[3]")
    error = raised.value
    assert [(p.path, p.value) for p in error.problems] == [
        ("$.credential.certified_on", "2022-02-30"),
        ("$.activities[1].amount", "-2"),
        ("$.activities[1].title", ""),
        ("$.activities[1].aera", "x"),
    ]
    assert str(error).startswith("holders.json[3]: 4 problems:")
    # Nothing of cattrs' own error travels with it (to a worker process, say).
    assert error.__context__ is None
    assert error.__cause__ is None


@pytest.mark.parametrize(
    ("data", "path", "message"),
    [
        ([], "$", "expected an object of named fields"),
        ({**GOOD, "activities": "ethics"}, "$.activities", "expected a list"),
        ({"activities": []}, "$.credential", "required field missing"),
        (
            {**GOOD, "activities": [{**GOOD["activities"][0], "approved_by": "AAMA"}]},
            "$.activities[0].approved_by",
            "list of names",
        ),
    ],
)
def test_shapes_that_are_not_a_holder(data, path, message):
    with pytest.raises(InvalidInput) as raised:
        structure_holder(data)
    (problem,) = raised.value.problems
    assert (problem.path, message in problem.message) == (path, True)


def test_each_problem_is_reported_once_whatever_its_value():
    bad = {"title": ["Ethics"], "completed_on": "2023-01-05", "amount": 1, "unit": ""}
    with pytest.raises(InvalidInput) as raised:
        structure(bad, Activity)
    assert [(p.path, p.value) for p in raised.value.problems] == [
        ("$.title", ["Ethics"]),
        ("$.unit", ""),
    ]
