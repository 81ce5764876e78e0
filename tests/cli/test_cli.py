"""The ``recertlib`` command: what it prints and the exit codes it promises."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from support import ROOT

from recertlib.cli import (
    BAD_INPUT,
    EXIT_CODES,
    INTERNAL_ERROR,
    NOT_USABLE,
    USABLE,
    main,
)

EXAMPLES = ROOT / "examples"
READY = str(EXAMPLES / "holders" / "cma-ready.json")
LAPSED = str(EXAMPLES / "holders" / "cma-expired-four-months.json")
BAD_BATCH = str(EXAMPLES / "invalid" / "batch-with-bad-records.json")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def holder(name: str = "Kim", **credential: Any) -> dict[str, Any]:
    return {
        "credential": {
            "body": "AAMA",
            "credential": "CMA",
            "holder": name,
            "certified_on": "2023-04-18",
            **credential,
        },
        "activities": [],
    }


def write(tmp_path: Path, data: Any, name: str = "holders.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_credentials_lists_every_installed_credential_with_its_rules():
    code, out, err = run("credentials")
    assert (code, err) == (0, "")
    assert (
        "AAMA CMA: CMA (AAMA) (American Association of Medical Assistants) [recertlib-aama 0.2.0]"
        in out
    )
    assert "cycle: expires on the end of the month 60 months after certification" in out
    assert "continuing education, in points:" in out
    assert "CE credits:" in out  # a unit ending in "s" is not given another
    assert (
        "Reinstate the certification (from the day after 90 days after expiry, through 12 months"
        " after expiry;" in out
    )
    assert (
        "Exam fee, AAMA members (when member is true): 125 USD;"
        " Exam fee, nonmembers (when member is false): 250 USD" in out
    )
    assert "NHA CCMA" in out
    assert "Renewal fee (2-year option, CE included): 159 USD (unconfirmed)" in out


def test_credentials_say_what_each_needs_before_it_is_run():
    code, out, _ = run("credentials")
    assert code == 0
    nurse = out.split("CA-BRN RN:")[1].split("\n\n")[0]
    # The approval the 30 hours need, which code approved_by must hold, and which it must not.
    assert "at least 30 contact hours Total (any credit approved by BRN)" in nurse
    assert (
        "approval: by BRN: an activity's approved_by must name BRN (in any case), and only"
        " approved credit counts; CA-BRN, this body's code in recertlib, is not taken for BRN"
    ) in nurse
    assert "facts: birth_date (required: the expiry is counted from the birth month);" in nurse
    assert "first_renewal or originally_issued_on (required:" in nurse
    pa = out.split("NCCPA PA-C:")[1].split("\n\n")[0]
    assert "originally_issued_on (required: the certification maintenance cycle is counted" in pa
    assert "units: cme_credit, self_assessment, pi_cme, contact_hour; and, converted:" in pa
    # A common unit the body refuses is said with its reason, not left out in silence.
    assert "refused: iacet_ceu (NCCPA counts CME by the designation" in pa
    cma = out.split("AAMA CMA:")[1].split("\n\n")[0]
    assert "AAMA-approved counts only approved credit" in cma
    assert "this body's code" not in cma  # AAMA approves as AAMA
    assert "; and, converted: clock_hour, iacet_ceu" in cma
    assert "facts: member (optional: which fees apply; without it, each is listed)" in cma
    assert "facts: none" in out.split("NHA CCMA:")[1]


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
    assert (code, err) == (0, "1 record: 1 usable, 0 not usable, 0 due within 60 days, 0 errors\n")
    assert "status: current; may use the credential" in out
    assert "Recertify by continuing education [recommended]: can recertify now" in out
    assert "counted activities: 7" in out


def test_a_credential_not_usable_exits_1():
    code, out, err = run("check", LAPSED, "--as-of", "2026-11-25")
    assert code == NOT_USABLE == 1
    assert "Remaining: Reactivate by exam (open)." in out
    assert err == "1 record: 0 usable, 1 not usable, 0 due within 60 days, 0 errors\n"


def test_one_verdict_as_json_is_a_list_of_one_outcome():
    code, out, _ = run("check", READY, "--as-of", "2026-11-25", "--json")
    [outcome] = json.loads(out)
    assert (code, outcome["error"]) == (0, None)
    assert outcome["record"].endswith("cma-ready.json (holder 'Maria Lopez')")
    assert (outcome["verdict"]["status"], outcome["verdict"]["usable"]) == ("current", True)


def test_several_as_json_are_a_list_of_outcomes():
    code, out, _ = run("check", READY, LAPSED, "--as-of", "2026-11-25", "--json")
    assert code == 1
    assert [item["verdict"]["status"] for item in json.loads(out)] == ["current", "lapsed"]


def test_bad_records_exit_2_and_the_good_ones_are_still_evaluated():
    code, out, err = run("check", BAD_BATCH, "--as-of", "2026-11-25")
    assert code == BAD_INPUT == 2
    assert "Kim Reyes" in out
    assert "Ash Patel" in out
    assert "[1] (holder 'Pat Moreno'): 4 problems:" in err
    assert "$.credential.certified_on: expected a date as YYYY-MM-DD, got '2023-02-30'" in err
    assert "$.activities[1].amout: unknown field (got '2')" in err
    assert "[2] (holder 'Terry Vance'): no plugin provides credential 'RMA' of body 'XYZ'" in err
    assert err.endswith("4 records: 2 usable, 0 not usable, 0 due within 60 days, 2 errors\n")


def test_bad_records_as_json_carry_their_problems():
    code, out, _ = run("check", BAD_BATCH, "--as-of", "2026-11-25", "--json")
    items = json.loads(out)
    assert code == 2
    assert [(item["verdict"] is not None, item["error"] is not None) for item in items] == [
        (True, False),
        (False, True),
        (False, True),
        (True, False),
    ]
    assert [set(item) for item in items] == [{"record", "verdict", "error"}] * 4
    problem = items[1]["error"]["problems"][0]
    assert problem == {
        "path": "$.credential.certified_on",
        "value": "'2023-02-30'",
        "message": "expected a date as YYYY-MM-DD, got '2023-02-30'",
    }
    missing = items[1]["error"]["problems"][2]
    assert (missing["path"], missing["value"]) == ("$.activities[1].amount", None)
    assert items[2]["error"]["type"] == "UnknownCredential"
    assert items[2]["error"]["problems"] == []


def test_not_usable_and_bad_input_together_exit_3_and_both_are_counted(tmp_path):
    code, out, err = run("check", LAPSED, BAD_BATCH, "--as-of", "2026-11-25")
    assert code == NOT_USABLE | BAD_INPUT == 3
    assert "Lee Park" in out
    assert err.endswith("5 records: 2 usable, 1 not usable, 0 due within 60 days, 2 errors\n")


@pytest.mark.parametrize("data", [[], {}], ids=["empty list", "empty object"])
def test_a_file_with_no_records_is_an_error_not_all_usable(tmp_path, data):
    path = write(tmp_path, data)
    code, out, err = run("check", path, "--as-of", "2026-11-25")
    assert code == 2
    assert out == ""
    message = "no records" if data == [] else "required field missing"
    assert message in err
    assert err.endswith("1 record: 0 usable, 0 not usable, 0 due within 60 days, 1 error\n")


def test_a_file_with_no_records_is_an_error_beside_good_files(tmp_path):
    path = write(tmp_path, [])
    code, out, err = run("check", READY, path, "--as-of", "2026-11-25", "--json")
    assert code == 2
    outcomes = json.loads(out)
    assert outcomes[1] == {
        "record": path,
        "verdict": None,
        "error": {
            "type": "InvalidInput",
            "message": f"{path}: $: no records: expected a holder or person object, or a"
            " non-empty list of them (got [])",
            "problems": [
                {
                    "path": "$",
                    "value": "[]",
                    "message": "no records: expected a holder or person object, or a non-empty"
                    " list of them",
                }
            ],
        },
    }
    assert err.endswith("2 records: 1 usable, 0 not usable, 0 due within 60 days, 1 error\n")


def test_an_empty_file_is_an_error(tmp_path):
    path = tmp_path / "empty.json"
    path.write_bytes(b"")
    code, _, err = run("check", str(path), "--as-of", "2026-11-25")
    assert code == 2
    assert "empty file" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", "missing.json"], "missing.json: $: cannot read the file"),
        (["check", READY, "--as-of", "2026-13-01"], "--as-of: expected a date as YYYY-MM-DD"),
        (["check", READY, "--as-of", "2026-W01-1"], "--as-of: expected a date as YYYY-MM-DD"),
        (["check", READY, "--as-of", "\udc80"], "--as-of: expected a date as YYYY-MM-DD"),
        (["check", READY, "--as-of", ""], "--as-of: expected a date as YYYY-MM-DD"),
        (["check"], "the following arguments are required: FILE"),
        (["check", READY, "--as-off", "2026-01-01"], "unrecognized arguments: --as-off"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        ([], "the following arguments are required: COMMAND"),
    ],
)
def test_bad_input_exits_2_with_the_error(argv, message):
    code, _, err = run(*argv)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


@pytest.mark.parametrize("as_of", ["0001-01-01", "9999-12-31", "1900-02-28", "2100-02-28"])
def test_any_as_of_date_gives_a_verdict_or_an_error_never_a_crash(as_of):
    code, _, err = run("check", READY, LAPSED, "--as-of", as_of)
    assert code in {0, 1, 2, 3}, err
    assert "internal error" not in err


def test_help_documents_every_exit_code():
    code, out, _ = run("check", "--help")
    assert code == 0
    for exit_code, meaning in EXIT_CODES.items():
        assert f"{exit_code:>3}  {meaning[:40]}" in " ".join(out.split("\n"))
    code, out, _ = run("--help")
    assert (code, "exit codes of check" in out) == (0, True)


def test_json_and_compact_are_one_or_the_other():
    code, out, err = run("check", "--json", "--compact", READY)
    assert (code, out) == (2, "")
    assert "argument --compact: not allowed with argument --json" in err


def test_version():
    code, out, _ = run("--version")
    assert (code, out.startswith("recertlib ")) == (0, True)


@pytest.mark.parametrize(("argv", "start"), [(["--help"], "usage:"), (["--version"], "recertlib ")])
def test_help_and_version_go_to_standard_output(argv, start):
    # Through the real streams, which main redirects while it runs.
    done = subprocess.run(
        [sys.executable, "-m", "recertlib", *argv], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout.startswith(start), done.stderr) == (0, True, "")


def test_a_lone_surrogate_in_a_holder_name_prints(tmp_path):
    path = write(tmp_path, holder("Ana \udc80 Lima"))
    code, out, err = run("check", path, "--as-of", "2026-11-25")
    assert code == 0, err
    assert "Ana \udc80 Lima: CMA (AAMA)" in out
    code, out, _ = run("check", path, "--as-of", "2026-11-25", "--json")
    assert json.loads(out)[0]["verdict"]["credential"]["holder"] == "Ana \udc80 Lima"


def test_a_bug_in_one_record_is_an_internal_error_and_the_others_are_evaluated(monkeypatch):
    import recertlib.engine.records

    real = recertlib.engine.records.evaluate_with_spec

    def broken(spec, credential, *args, **kwargs):
        if credential.holder == "Kim Reyes":
            raise ZeroDivisionError("division by zero")
        return real(spec, credential, *args, **kwargs)

    monkeypatch.setattr(recertlib.engine.records, "evaluate_with_spec", broken)
    code, out, err = run("check", BAD_BATCH, "--as-of", "2026-11-25", "--json")
    assert code == INTERNAL_ERROR == 70
    outcomes = json.loads(out)
    assert outcomes[0]["error"]["type"] == "InternalError"
    assert outcomes[0]["error"]["message"] == "internal error: ZeroDivisionError: division by zero"
    assert outcomes[3]["verdict"]["usable"] is True
    assert "internal error: ZeroDivisionError: division by zero" in err
    assert "please report it" in err
    assert "Traceback" not in err
    assert err.endswith(
        "4 records: 1 usable, 0 not usable, 0 due within 60 days, 3 errors (1 internal)\n"
    )


def test_an_unexpected_exception_anywhere_is_an_internal_error_exit_70(monkeypatch):
    import recertlib.cli.check

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("something broke")

    monkeypatch.setattr(recertlib.cli.check, "render_verdict", broken)
    code, _, err = run("check", READY, "--as-of", "2026-11-25")
    assert code == 70
    assert err.startswith("internal error: RuntimeError: something broke\n")
    assert "please report it" in err
    assert "Traceback" not in err
    monkeypatch.setenv("RECERTLIB_DEBUG", "1")
    _, _, err = run("check", READY, "--as-of", "2026-11-25")
    assert "Traceback (most recent call last)" in err


def test_an_output_that_cannot_be_written_exits_74():
    class Full(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(28, "No space left on device")

    err = io.StringIO()
    assert main(["check", READY, "--as-of", "2026-11-25"], Full(), err) == 74
    assert err.getvalue() == "error: cannot write the output: [Errno 28] No space left on device\n"


def test_the_schema_command_prints_the_published_schema():
    code, out, _ = run("schema")
    schema = json.loads(out)
    assert code == 0
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def command(
    *argv: str, env: dict[str, str] | None = None, **kwargs: Any
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "recertlib", *argv],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
        **kwargs,
    )


def test_the_installed_command_runs():
    done = command("check", READY, "--as-of", "2026-11-25")
    assert done.returncode == 0
    assert "Maria Lopez: CMA (AAMA)" in done.stdout


@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_any_text_prints_whatever_the_output_encoding(tmp_path, encoding):
    path = write(tmp_path, [holder("\udc80"), holder("José Núñez")])
    done = subprocess.run(
        [sys.executable, "-m", "recertlib", "check", path, "--as-of", "2026-11-25"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": encoding},
        check=False,
    )
    out, err = done.stdout.decode(encoding), done.stderr.decode(encoding)
    assert (done.returncode, "Traceback" in err) == (0, False), err
    assert "\\udc80: CMA (AAMA)" in out
    assert ("José Núñez" if encoding == "utf-8" else "Jos\\xe9 N\\xfa\\xf1ez") in out


def test_a_closed_output_pipe_is_not_a_traceback():
    many = [READY] * 30
    with subprocess.Popen(
        [sys.executable, "-m", "recertlib", "check", *many, "--as-of", "2026-11-25"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.read(10)
        process.stdout.close()
        err = process.stderr.read().decode()
        code = process.wait()
    assert "Traceback" not in err
    assert code in {0, 74}


BROKEN_PLUGIN = "raise ImportError('missing dependency')\n"


def install_broken_plugin(tmp_path: Path) -> dict[str, str]:
    info = tmp_path / "broken_plugin-1.2.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-plugin\nVersion: 1.2.3\n")
    (info / "entry_points.txt").write_text("[recertlib]\nbroken = broken_module\n")
    (tmp_path / "broken_module.py").write_text(BROKEN_PLUGIN)
    return {"PYTHONPATH": str(tmp_path)}


def test_a_broken_plugin_is_an_error_of_the_listing_not_a_traceback(tmp_path):
    done = command("credentials", env=install_broken_plugin(tmp_path))
    assert done.returncode == 2
    assert "error: plugin broken-plugin 1.2.3: entry point 'broken'" in done.stderr
    assert "its credentials are not listed" in done.stderr
    assert "AAMA CMA" in done.stdout
    assert "Traceback" not in done.stderr


def test_a_broken_plugin_is_a_warning_for_check_and_the_others_evaluate(tmp_path):
    env = install_broken_plugin(tmp_path)
    done = command("check", READY, "--as-of", "2026-11-25", env=env)
    assert done.returncode == 0
    assert done.stderr.startswith("warning: plugin broken-plugin 1.2.3: entry point 'broken'")
    assert done.stderr.count("broken-plugin") == 1  # not repeated by the logging module
    assert "Maria Lopez" in done.stdout


def test_a_broken_plugin_in_strict_mode_is_bad_input(tmp_path):
    env = {**install_broken_plugin(tmp_path), "RECERTLIB_STRICT_PLUGINS": "1"}
    done = command("check", READY, "--as-of", "2026-11-25", env=env)
    assert done.returncode == 2
    assert done.stderr.startswith("error: plugin broken-plugin 1.2.3: entry point 'broken'")
    assert "Traceback" not in done.stderr


def test_the_plugin_trace_shows_on_standard_error():
    done = command("credentials", env={"RECERTLIB_TRACE_PLUGINS": "1"})
    assert done.returncode == 0
    assert "trace: plugin recertlib-aama 0.2.0 registered AAMA CMA" in done.stderr


def test_an_unknown_plugin_in_the_allow_list_is_bad_input():
    done = command("credentials", env={"RECERTLIB_PLUGINS": "nosuchplugin"})
    assert done.returncode == 2
    assert done.stderr.startswith("error: plugin nosuchplugin: is in the allow-list")


@pytest.mark.parametrize("code", [USABLE, NOT_USABLE, BAD_INPUT, 3, INTERNAL_ERROR, 74, 130])
def test_every_exit_code_is_documented(code):
    assert code in EXIT_CODES
