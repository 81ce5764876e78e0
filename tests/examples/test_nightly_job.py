"""``examples/nightly_job.py``, the script an integrator copies, run as they would run it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import icalendar

SCRIPT = Path(__file__).parents[2] / "examples" / "nightly_job.py"


def test_the_nightly_job_on_the_bundled_hr_export(tmp_path):
    calendar = tmp_path / "plan.ics"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--as-of", "2026-11-25", "--calendar", str(calendar)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr  # two people may not use a credential
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[0] == "Compliance as of 2026-11-25: 6 people, 0 errors"
    blocked = lines[lines.index("Not usable: 2") + 1 :][:2]
    assert blocked == [
        "  E-1003 (Aisha Khan)  AAMA CMA: lapsed",
        "  E-1006 (Luis Ramirez)  NHA CCMA: grace",
    ]
    assert "Due within 60 days: 4" in lines
    assert any(
        line.startswith("  E-1001 (Maria Lopez)  NHA CCMA: ") and "2026-12-01" in line
        for line in lines
    )
    assert lines[-1] == f"Calendar: 30 actions written to {calendar}"
    events = list(icalendar.Calendar.from_ical(calendar.read_bytes()).walk("VEVENT"))
    assert len(events) == 30
    starts = [event.decoded("DTSTART") for event in events]
    assert starts == sorted(starts)


def test_the_nightly_job_reports_a_bad_zone():
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--tz", "Nowhere/Special"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "unknown time zone 'Nowhere/Special'" in done.stderr
    assert "Traceback" not in done.stderr
