"""``--jobs N`` evaluates in worker processes and prints what one process prints."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from cli_support import AS_OF, EXAMPLES, HR, MARIA, READY, STAFF, run

from recertlib.cli import inputs
from recertlib.cli.exit_codes import INTERNAL_ERROR

FILES = sorted(
    str(path)
    for folder in ("holders", "people", "invalid")
    for path in (EXAMPLES / folder).iterdir()
    if path.is_file()
)


@pytest.mark.parametrize(
    "command",
    [
        ["check", "--json"],
        ["check", "--compact"],
        ["check"],
        ["plan"],
        ["due", "--within", "90", "--json"],
    ],
)
def test_two_jobs_print_what_one_prints(command):
    alone = run(*command, "--as-of", AS_OF, *FILES, *HR)
    shared = run(*command, "--as-of", AS_OF, "--jobs", "2", *FILES, *HR)
    assert shared == alone
    assert alone[0] != 0  # the invalid examples are reported, and the rest evaluated
    assert "error" in alone[2]


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_jobs_must_be_a_number_of_processes(jobs):
    code, _, err = run("check", "--jobs", jobs, *FILES)
    assert code == 2
    assert "--jobs" in err


def _batch(folder: Path) -> Path:
    """A JSON Lines file of more records than a chunk holds, with bad lines among them: not
    JSON, a bad date, an unknown credential, blank lines, a line that is not UTF-8, and names
    outside ASCII."""
    good = json.loads((EXAMPLES / "holders" / "cma-ready.json").read_text())
    lines = []
    for number in range(150):
        record = json.loads(json.dumps(good))
        record["credential"]["holder"] = f"Zoë {number}"
        record["activities"] = record["activities"][: number % 9]
        lines.append(json.dumps(record).encode())
    lines[3] = b"not json"
    lines[40] = lines[40].replace(b'"certified_on": "', b'"certified_on": "2022-02-30", "x": "')
    lines[70] = lines[70].replace(b'"body": "AAMA"', b'"body": "NOPE"')
    lines[90] = b"   "
    lines[100] = '{"credential": "caf\xe9"}'.encode("latin-1")  # not UTF-8
    lines[149] = b""
    path = folder / "batch.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


@pytest.mark.parametrize(
    "command",
    [["check", "--json"], ["check"], ["plan", "--format", "json"], ["due", "--within", "900"]],
)
def test_bad_lines_are_reported_in_place_and_the_rest_kept_in_order(command, tmp_path):
    batch = str(_batch(tmp_path))
    alone = run(*command, "--as-of", AS_OF, batch)
    shared = run(*command, "--as-of", AS_OF, "--jobs", "2", batch)
    assert shared == alone
    code, out, err = alone
    assert code & 2
    assert re.findall(r"^error: .* line (\d+)\b", err, re.MULTILINE) == ["4", "41", "71", "101"]
    assert err.endswith("4 errors\n")
    if command == ["check", "--json"]:
        labels = [outcome["record"] for outcome in json.loads(out)]
        assert len(labels) == 148  # a blank line and a line of spaces skipped
        assert labels[:2] == [
            f"{batch} line 1 (holder 'Zo\xeb 0')",
            f"{batch} line 2 (holder 'Zo\xeb 1')",
        ]
        assert labels[-1] == f"{batch} line 149 (holder 'Zo\xeb 148')"


def test_a_file_that_cannot_be_read_is_one_error_and_the_others_are_evaluated(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n")
    files = [str(tmp_path / "missing.jsonl"), str(empty), READY, MARIA]
    alone = run("check", "--json", "--as-of", AS_OF, *files)
    shared = run("check", "--json", "--as-of", AS_OF, "--jobs", "3", *files)
    assert shared == alone
    assert "cannot read the file" in alone[2]
    assert "empty file" in alone[2]
    assert len(json.loads(alone[1])) == 2 + 1 + 2  # the two errors, the holder, Maria's two


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux")
def test_an_unexpected_exception_in_a_worker_is_an_internal_error_in_its_place(monkeypatch):
    evaluate_record = inputs.evaluate_record

    def broken(read, as_of, registry):
        if "staff.jsonl line 2 " in read.label:
            raise ZeroDivisionError("a bug")
        return evaluate_record(read, as_of, registry)

    # Workers are forked: they evaluate with what this process has patched.
    monkeypatch.setattr(inputs, "evaluate_record", broken)
    alone = run("check", "--json", "--as-of", AS_OF, STAFF, READY)
    shared = run("check", "--json", "--as-of", AS_OF, "--jobs", "2", STAFF, READY)
    assert shared == alone
    code, out, err = alone
    assert code == INTERNAL_ERROR
    assert "internal error: ZeroDivisionError: a bug" in err
    records = [outcome["record"] for outcome in json.loads(out)]
    assert any("staff.jsonl line 2" in record for record in records)
    assert records[-1].startswith(READY)
