"""``examples/nightly_job.py``, the script an integrator copies, run as they would run it: the
HR export read through its mapping file, the lists printed, the compact outcomes and one
calendar per manager written, and exit codes a scheduler can alert on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import icalendar
import jsonschema

from recertlib.io import outcomes_schema

SCRIPT = Path(__file__).parents[2] / "examples" / "nightly_job.py"


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *argv],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_nightly_job_on_the_bundled_hr_export(tmp_path):
    done = run("--as-of", "2026-11-25", "--out", str(tmp_path))
    assert done.returncode == 1, done.stderr  # two people may not use a credential
    assert done.stderr == ""  # no progress line off a terminal, and no error
    lines = done.stdout.splitlines()
    assert lines[0] == "Compliance as of 2026-11-25: 6 people, 0 errors"
    blocked = lines[lines.index("Not usable: 2") + 1 :][:2]
    assert [line.split(": ")[0] for line in blocked] == [
        "  E-1003 (Aisha Khan)  AAMA CMA",
        "  E-1006 (Luis Ramirez)  NHA CCMA",
    ]
    assert "Due within 60 days: 3" in lines
    assert any(
        line.startswith("  E-1001 (Maria Lopez)  NHA CCMA: ") and "2026-12-01" in line
        for line in lines
    )
    # What the dashboard reads: the compact outcomes, valid, one per credential held.
    outcomes = json.loads((tmp_path / "outcomes.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(outcomes_schema(compact=True)).validate(outcomes)
    assert len(outcomes) == 8
    assert {o["person"]["attributes"]["manager"] for o in outcomes} == {"Dana Smith", "Ravi Patel"}
    # One calendar per manager, naming the people of that manager only.
    assert "Calendars: 28 actions for 2 managers" in lines
    assert "  Dana Smith: calendars/Dana-Smith.ics" in lines
    calendars = sorted((tmp_path / "calendars").glob("*.ics"))
    assert [path.name for path in calendars] == ["Dana-Smith.ics", "Ravi-Patel.ics"]
    ravi = icalendar.Calendar.from_ical(calendars[1].read_bytes())
    events = list(ravi.walk("VEVENT"))
    assert {str(e["SUMMARY"]).split(",")[0] for e in events} == {
        "E-1003 (Aisha Khan)",
        "E-1004 (Daniel Nguyen)",
        "E-1006 (Luis Ramirez)",
    }
    starts = [event.decoded("DTSTART") for event in events]
    assert starts == sorted(starts)


def test_a_bad_row_is_reported_by_file_line_and_column_and_the_rest_still_run(tmp_path):
    hr = SCRIPT.parent / "people" / "hr"
    people = tmp_path / "people.csv"
    people.write_text(
        (hr / "people.csv").read_text(encoding="utf-8-sig")
        + "E-1009,Pat Lee,1990-01-01,LPN (Texas),2024-01-01,,,Dana Smith,Pediatrics\r\n",
        encoding="utf-8",
    )
    done = run("--as-of", "2026-11-25", "--people", str(people), "--out", str(tmp_path / "out"))
    assert done.returncode == 3, done.stderr
    assert f"{people} line 10, column 'Certification'" in done.stderr
    assert "(got 'LPN (Texas)')" in done.stderr
    assert done.stdout.startswith("Compliance as of 2026-11-25: 6 people, 1 error")


def test_a_missing_fact_and_unmapped_codes_are_said_of_the_files(tmp_path):
    hr = SCRIPT.parent / "invalid" / "hr-mapped"
    people, activities = hr / "people.csv", hr / "activities.csv"
    done = run(
        *("--as-of", "2026-11-25", "--people", str(people), "--activities", str(activities)),
        *("--out", str(tmp_path)),
    )
    assert done.returncode == 2, done.stderr  # errors only: nobody evaluated is unusable
    assert done.stdout.startswith("Compliance as of 2026-11-25: 1 person, 3 errors\n")
    errors = done.stderr.splitlines()
    assert len(errors) == 3
    assert f"{people} line 2, column 'Date of Birth': required by the CA-BRN RN rules" in errors[0]
    assert f"{people} line 3, column 'Certification'" in errors[1]
    assert f"{activities} line 4, column 'Credit Type'" in errors[2]
    assert errors[2].endswith("(got 'Mins')")
    outcomes = json.loads((tmp_path / "outcomes.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(outcomes_schema(compact=True)).validate(outcomes)
    assert [o["verdict"] for o in outcomes] == [None, None, None]
    missing = outcomes[0]["error"]
    assert missing["type"] == "MissingFact"
    assert missing["problems"][0]["path"] == f"{people} line 2, column 'Date of Birth'"
    assert outcomes[0]["person"]["attributes"]["manager"] == "Ravi Patel"


def test_the_nightly_job_reports_a_bad_zone(tmp_path):
    done = run("--tz", "Nowhere/Special", "--out", str(tmp_path))
    assert done.returncode == 2
    assert "unknown time zone 'Nowhere/Special'" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_bad_mapping_or_date_is_reported_and_the_last_good_outcomes_are_kept(tmp_path):
    assert run("--as-of", "2026-11-25", "--out", str(tmp_path)).returncode == 1
    good = (tmp_path / "outcomes.json").read_bytes()
    missing = tmp_path / "missing.toml"
    for argv in (["--mapping", str(missing)], ["--as-of", "2026-13-01"]):
        done = run(*argv, "--out", str(tmp_path))
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith("error: ")
        assert "Traceback" not in done.stderr
        assert (tmp_path / "outcomes.json").read_bytes() == good
        assert not (tmp_path / "outcomes.json.partial").exists()
    assert str(missing) in run("--mapping", str(missing), "--out", str(tmp_path)).stderr
    assert "HrExport.evaluate: as_of" in run("--as-of", "2026-13-01", "--out", str(tmp_path)).stderr
