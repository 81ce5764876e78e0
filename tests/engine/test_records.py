"""Records evaluated as a batch (engine/records.py)."""

from __future__ import annotations

import json

import pendulum

from recertlib import evaluate_records
from recertlib.io import read_holders

HOLDER = {
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


def test_a_batch_without_a_date_evaluates_every_record_on_the_same_day(
    tmp_path, monkeypatch, installed
):
    calls = []
    real_today = pendulum.today

    def counting_today():
        calls.append(1)
        return real_today()

    monkeypatch.setattr(pendulum, "today", counting_today)
    path = tmp_path / "holders.json"
    path.write_text(json.dumps([HOLDER, HOLDER, HOLDER]))
    outcomes = list(evaluate_records(read_holders(path), registry=installed))
    assert len({outcome.value.as_of for outcome in outcomes}) == 1
    assert len(calls) == 1
