"""Activities from a CSV file: every row read, or every bad cell reported."""

from __future__ import annotations

from decimal import Decimal

import pytest
from support import ROOT

from recertlib import Credential, InvalidInput, evaluate
from recertlib.errors import MISSING
from recertlib.io import read_activities_csv, read_holders

EXAMPLES = ROOT / "examples"


def test_the_example_csv_gives_the_same_verdict_as_the_json_holder_file(installed):
    activities = read_activities_csv(EXAMPLES / "activities.csv")
    assert len(activities) == 7
    assert activities[0].approved_by == frozenset({"AAMA"})
    assert activities[3].area is None
    (record,) = read_holders(EXAMPLES / "holders" / "cma-ready.json")
    assert record.value is not None
    assert sorted(activities, key=lambda a: a.sort_key()) == sorted(
        record.value.activities, key=lambda a: a.sort_key()
    )
    credential = Credential("AAMA", "CMA", "Maria Lopez", "2022-03-10")
    verdict = evaluate(credential, activities, as_of="2026-11-25", registry=installed)
    assert verdict.recommended.can_recertify_now


def test_every_bad_cell_is_reported_and_no_row_dropped(tmp_path):
    path = tmp_path / "activities.csv"
    path.write_text(
        "title,completed_on,amount,unit,hours\n"
        "Ethics,2024-01-10,2.5,contact_hour,\n"
        "Triage,2024-02-30,-1,contact_hour,\n"
        ",2024-03-01,1,,\n"
    )
    with pytest.raises(InvalidInput) as raised:
        read_activities_csv(path)
    assert [(p.path, p.value) for p in raised.value.problems] == [
        ("line 1, column 5", "hours"),
        ("line 3, column 'completed_on'", "2024-02-30"),
        ("line 3, column 'amount'", "-1"),
        ("line 4, column 'title'", MISSING),
        ("line 4, column 'unit'", MISSING),
    ]


def test_amounts_stay_exact(tmp_path):
    path = tmp_path / "activities.csv"
    path.write_text(
        "title,completed_on,amount,unit\nA,2024-01-10,59.9,point\nB,2024-01-11,0.1,point\n"
    )
    assert sum(activity.amount for activity in read_activities_csv(path)) == Decimal(60)


def test_a_row_longer_than_the_header_is_reported(tmp_path):
    path = tmp_path / "activities.csv"
    path.write_text("title,completed_on,amount,unit\nA,2024-01-10,1,point,extra\n")
    with pytest.raises(InvalidInput, match=r"line 2: more cells than columns \(got \['extra'\]\)"):
        read_activities_csv(path)
