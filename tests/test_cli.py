"""The ``recertlib`` command: what it prints and the exit codes it promises."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from recertlib.cli import main

EXAMPLES = Path(__file__).parent.parent / "examples"
READY = str(EXAMPLES / "holders" / "cma-ready.json")
LAPSED = str(EXAMPLES / "holders" / "cma-expired-four-months.json")
BAD_BATCH = str(EXAMPLES / "invalid" / "batch-with-bad-records.json")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_credentials_lists_every_installed_credential_with_its_rules():
    code, out, _ = run("credentials")
    assert code == 0
    assert (
        "AAMA CMA: CMA (AAMA) (American Association of Medical Assistants) [recertlib-aama 0.1.0]"
        in out
    )
    assert "cycle: expires on the end of the month 60 months after certification" in out
    assert "at least 60 points Total (any credit)" in out
    assert (
        "Reinstate the certification (from the day after 90 days after expiry, through 12 months"
        " after expiry;" in out
    )
    assert "at least 30 points AAMA-approved (approved)" in out
    assert "Exam fee, AAMA members: 125 USD; Exam fee, nonmembers: 250 USD" in out
    assert "NHA CCMA" in out
    assert "Renewal fee (2-year option, CE included): 159 USD (unconfirmed)" in out


def test_credentials_as_json():
    code, out, _ = run("credentials", "--json")
    assert code == 0
    assert [(c["body"], c["code"]) for c in json.loads(out)] == [
        ("AAMA", "CMA"),
        ("CA-BRN", "RN"),
        ("NCCPA", "PA-C"),
        ("NHA", "CCMA"),
        ("NREMT", "EMT"),
    ]


def test_a_usable_credential_exits_0_with_a_readable_report():
    code, out, err = run("check", READY, "--as-of", "2026-11-25")
    assert (code, err) == (0, "")
    assert "status: current; may use the credential" in out
    assert "Recertify by continuing education: can recertify now" in out
    assert "counted activities: 7" in out


def test_a_credential_not_usable_exits_1():
    code, out, _ = run("check", LAPSED, "--as-of", "2026-11-25")
    assert code == 1
    assert "Remaining: Reactivate by exam (open)." in out


def test_one_verdict_as_json_is_the_verdict_itself():
    code, out, _ = run("check", READY, "--as-of", "2026-11-25", "--json")
    verdict = json.loads(out)
    assert (code, verdict["status"], verdict["usable"]) == (0, "current", True)


def test_several_as_json_are_a_list_of_records():
    code, out, _ = run("check", READY, LAPSED, "--as-of", "2026-11-25", "--json")
    assert code == 1
    assert [item["verdict"]["status"] for item in json.loads(out)] == ["current", "lapsed"]


def test_bad_records_exit_2_and_the_good_ones_are_still_evaluated():
    code, out, err = run("check", BAD_BATCH, "--as-of", "2026-11-25")
    assert code == 2
    assert "Kim Reyes" in out
    assert "Ash Patel" in out
    assert "[1] (holder 'Pat Moreno'): 4 problems:" in err
    assert "$.credential.certified_on: expected a date as YYYY-MM-DD, got '2023-02-30'" in err
    assert "$.activities[1].amout: unknown field (got '2')" in err
    assert "[2] (holder 'Terry Vance'): no plugin provides credential 'RMA' of body 'XYZ'" in err


def test_bad_records_as_json_carry_their_problems():
    code, out, _ = run("check", BAD_BATCH, "--as-of", "2026-11-25", "--json")
    items = json.loads(out)
    assert code == 2
    assert [("verdict" in item, "error" in item) for item in items] == [
        (True, False),
        (False, True),
        (False, True),
        (True, False),
    ]
    assert items[1]["error"]["problems"][0]["path"] == "$.credential.certified_on"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", "missing.json"], "missing.json: $: cannot read the file"),
        (["check", READY, "--as-of", "2026-13-01"], "--as-of: expected a date as YYYY-MM-DD"),
    ],
)
def test_bad_input_exits_2_with_the_error(argv, message):
    code, _, err = run(*argv)
    assert code == 2
    assert message in err


def command(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "recertlib", *argv],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_the_installed_command_runs():
    done = command("check", READY, "--as-of", "2026-11-25")
    assert done.returncode == 0
    assert "Maria Lopez: CMA (AAMA)" in done.stdout


def test_a_broken_plugin_is_an_error_not_a_traceback(tmp_path):
    info = tmp_path / "broken_plugin-1.2.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-plugin\nVersion: 1.2.3\n")
    (info / "entry_points.txt").write_text("[recertlib]\nbroken = broken_module\n")
    (tmp_path / "broken_module.py").write_text("raise ImportError('missing dependency')\n")
    done = command("credentials", env={"PYTHONPATH": str(tmp_path)})
    assert done.returncode == 2
    assert "error: plugin broken-plugin 1.2.3: entry point 'broken'" in done.stderr
    assert "Traceback" not in done.stderr
