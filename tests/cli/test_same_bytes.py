"""The same input gives the same bytes, whatever Python's hash seed: every set is written as a
sorted list."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HOLDER = {
    "credential": {
        "body": "CA-BRN",
        "credential": "RN",
        "holder": "Robin",
        "certified_on": "2023-06-01",
        "facts": {"birth_date": "1990-04-12", "first_renewal": False},
    },
    "activities": [
        {
            "title": f"Course {n}",
            "completed_on": f"2024-0{1 + n}-10",
            "amount": "5",
            "unit": "contact_hour",
            "approved_by": ["BRN", "ANCC", "AAMA", "NHA", "CA-BRN"],
            "tags": ["implicit bias", "ethics", "pharmacology", "law"],
            "other_areas": ["clinical", "general", "administrative"],
        }
        for n in range(4)
    ],
}


def run(seed: str, *arguments: str) -> bytes:
    environment = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-m", "recertlib", *arguments],
        capture_output=True,
        env=environment,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


@pytest.mark.parametrize(
    "command",
    [
        ("check", "--json"),
        ("plan", "--format", "json"),
        ("due", "--within", "400", "--json"),
        ("credentials", "--json"),
    ],
)
def test_four_hash_seeds_give_one_output(tmp_path: Path, command: tuple[str, ...]):
    path = tmp_path / "holder.json"
    path.write_text(json.dumps(HOLDER), encoding="utf-8")
    files = () if command[0] == "credentials" else (str(path), "--as-of", "2025-03-01")
    outputs = {run(seed, *command, *files) for seed in ("0", "1", "2", "3")}
    assert len(outputs) == 1


def test_sets_are_written_as_sorted_lists():
    from recertlib import Activity, unstructure

    activity = Activity("T", "2024-01-01", 1, "hour", approved_by={"Z", "A"}, tags={"b", "a"})
    data = unstructure(activity)
    assert (data["approved_by"], data["tags"]) == (["A", "Z"], ["a", "b"])
