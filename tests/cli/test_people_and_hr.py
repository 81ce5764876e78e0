"""``recertlib check`` on person files (JSON, JSON Lines, standard input), the HR export pair,
and ``--tz``."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import jsonschema
import pendulum
import pytest
from cli_support import AS_OF, HR, HR_ACTIVITIES, HR_MAPPING, HR_PEOPLE, MARIA, READY, STAFF, run

from recertlib.io import is_person_record, outcomes_schema

VALIDATOR = jsonschema.Draft202012Validator(outcomes_schema())


def test_a_person_file_gives_one_outcome_per_credential():
    code, out, err = run("check", MARIA, "--as-of", AS_OF, "--json")
    assert code == 0, err
    outcomes = json.loads(out)
    VALIDATOR.validate(outcomes)
    assert [o["record"] for o in outcomes] == [
        f"{MARIA} (person 'E-1001', AAMA CMA)",
        f"{MARIA} (person 'E-1001', NHA CCMA)",
    ]
    assert [o["verdict"]["credential"]["holder"] for o in outcomes] == ["E-1001", "E-1001"]
    assert err == "2 records (1 person): 2 usable, 0 not usable, 1 due within 60 days, 0 errors\n"


def test_a_person_file_as_text():
    code, out, _ = run("check", MARIA, "--as-of", AS_OF)
    assert code == 0
    assert "E-1001: CMA (AAMA), as of 2026-11-25" in out
    assert "E-1001: Certified Clinical Medical Assistant (CCMA), as of 2026-11-25" in out


def test_json_lines_of_people_and_a_person_holding_nothing():
    code, out, err = run("check", STAFF, "--as-of", AS_OF, "--json")
    outcomes = json.loads(out)
    VALIDATOR.validate(outcomes)
    assert code == 1  # Aisha Khan's CMA has lapsed
    assert f"{STAFF} line 3 (person 'E-1003', AAMA CMA)" in [o["record"] for o in outcomes]
    assert err.endswith(
        "(4 people, 1 holding no credential): 3 usable, 1 not usable,"
        " 2 due within 60 days, 0 errors\n"
    )


def test_holders_and_people_in_one_run():
    code, out, err = run("check", READY, MARIA, STAFF, "--as-of", AS_OF, "--json")
    assert code == 1
    assert len(json.loads(out)) == 1 + 2 + 4
    assert err.startswith("7 records (5 people, 1 holding no credential): ")


@pytest.mark.parametrize(
    ("data", "person"),
    [
        ({"id": "E-1"}, True),
        ({"credentials": []}, True),
        ({"credential": {}, "activities": []}, False),
        ({"credential": {}, "id": "E-1"}, False),
        ({}, False),
        ([], False),
    ],
)
def test_a_record_is_a_person_by_its_shape(data, person):
    assert is_person_record(data) is person


def stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_json_lines_on_standard_input(monkeypatch):
    stdin(monkeypatch, Path(STAFF).read_bytes())
    code, out, err = run("check", "-", "--as-of", AS_OF, "--json")
    assert code == 1, err
    records = [o["record"] for o in json.loads(out)]
    assert records[0] == "<stdin> line 1 (person 'E-1001', AAMA CMA)"
    assert len(records) == 4


def test_a_holder_file_on_standard_input(monkeypatch):
    stdin(monkeypatch, Path(READY).read_bytes())
    code, out, _ = run("check", "-", "--as-of", AS_OF, "--json")
    assert code == 0
    [outcome] = json.loads(out)
    assert outcome["record"] == "<stdin> (holder 'Maria Lopez')"


def test_a_holder_per_line_in_json_lines(tmp_path):
    line = json.dumps(json.loads(Path(READY).read_text()))
    path = tmp_path / "holders.jsonl"
    path.write_text(f"{line}\n\n{line}\n")
    code, out, _ = run("check", str(path), "--as-of", AS_OF, "--json")
    assert code == 0
    assert [o["record"] for o in json.loads(out)] == [
        f"{path} line 1 (holder 'Maria Lopez')",
        f"{path} line 3 (holder 'Maria Lopez')",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"\xff\xfe\x00junk", "not UTF-8"),
        (b'{"id": "E-1"}\n{"id": \n', "line 2"),
        (b"[1, 2", "not JSON"),
    ],
)
def test_bad_standard_input_is_reported(monkeypatch, content, message):
    stdin(monkeypatch, content)
    code, _, err = run("check", "-", "--as-of", AS_OF)
    assert code & 2
    assert message in err or message in err.replace("invalid JSON", "not JSON"), err
    assert "Traceback" not in err


def test_a_bad_line_of_json_lines_is_reported_and_the_others_evaluated(tmp_path):
    good = Path(STAFF).read_text().splitlines()
    path = tmp_path / "staff.jsonl"
    path.write_text("\n".join([good[0], '{"id": "E-9", "credentials": 3}', "{oops", good[1]]))
    code, out, err = run("check", str(path), "--as-of", AS_OF, "--json")
    assert code == 2
    outcomes = json.loads(out)
    VALIDATOR.validate(outcomes)
    assert [o["error"] is None for o in outcomes] == [True, True, False, False, True]
    assert f"error: {path} line 2 (person 'E-9')" in err
    assert f"{path} line 3" in err


def test_a_csv_file_given_as_a_file_says_to_use_the_pair():
    code, _, err = run("check", HR_PEOPLE, "--as-of", AS_OF)
    assert code == 2
    assert "--people-csv FILE --activities-csv FILE" in err


def test_the_hr_pair():
    code, out, err = run("check", *HR, "--as-of", AS_OF, "--json")
    outcomes = json.loads(out)
    VALIDATOR.validate(outcomes)
    assert code == 1
    assert outcomes[0]["record"] == f"{HR_PEOPLE} line 2 (person 'E-1001', AAMA CMA)"
    assert err == "8 records (6 people): 6 usable, 2 not usable, 3 due within 60 days, 0 errors\n"


@pytest.mark.parametrize("jobs", [[], ["--jobs", "2"]])
def test_the_hr_pair_with_bad_rows_and_an_ignored_column(tmp_path, jobs):
    people = tmp_path / "people.csv"
    rows = Path(HR_PEOPLE).read_text(encoding="utf-8-sig").splitlines()
    rows = [f"{rows[0]},Notes", *(f"{row},x" for row in rows[1:])]
    rows.append("E-2000,Bad Date,,CMA (AAMA),2023-02-30,,Y,Dana Smith,Urgent Care,")
    rows.append("E-2001,Unknown Code,,LPN (Texas),2023-02-01,,,Dana Smith,Urgent Care,")
    people.write_text("\n".join(rows) + "\n", encoding="utf-8")
    activities = tmp_path / "activities.csv"
    activities.write_text(
        Path(HR_ACTIVITIES).read_text(encoding="utf-8-sig")
        + "E-9999,Orphan,2024-01-01,1,Hours,GEN,,,,,\n",
        encoding="utf-8",
    )
    code, out, err = run(
        "check",
        "--people-csv",
        str(people),
        "--activities-csv",
        str(activities),
        "--mapping",
        HR_MAPPING,
        "--ignore-column",
        "notes",
        "--as-of",
        AS_OF,
        "--json",
        *jobs,
    )
    assert code == 3, err
    VALIDATOR.validate(json.loads(out))
    assert f"{people} line 10, column 'Cert Date'" in err
    assert f"{people} line 11, column 'Certification'" in err
    assert "no value mapping of this column covers it" in err
    assert "(got 'LPN (Texas)')" in err
    assert "no person with this id" in err
    # A row that could not be read is an error, not a person (as in a JSON Lines file).
    assert err.endswith(
        "\n11 records (6 people): 6 usable, 2 not usable, 3 due within 60 days, 3 errors\n"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--people-csv", HR_PEOPLE], "--people-csv and --activities-csv go together"),
        (
            ["--people-csv", HR_PEOPLE, "--activities-csv", HR_ACTIVITIES, "--column", "person_id"],
            "expected NAME=HEADER",
        ),
        (
            ["--people-csv", HR_PEOPLE, "--activities-csv", HR_ACTIVITIES, "--column", "nope=X"],
            "error: --column: columns['nope']: unknown name",
        ),
        ([READY, "--column", "person_id=Employee ID"], "give it too"),
        ([READY, "--mapping", HR_MAPPING], "give it too"),
        (
            ["--people-csv", HR_PEOPLE, "--activities-csv", HR_ACTIVITIES],
            "missing the column 'person_id'",
        ),
        (
            ["--people-csv", HR_PEOPLE, "--activities-csv", HR_ACTIVITIES, "--mapping", READY],
            f"error: --mapping {READY}: $: not TOML",
        ),
        (
            [
                "--people-csv",
                HR_PEOPLE,
                "--activities-csv",
                HR_ACTIVITIES,
                "--mapping",
                HR_MAPPING,
                "--column",
                "nope=X",
            ],
            f"error: --mapping {HR_MAPPING}: columns['nope']: unknown name",
        ),
    ],
)
def test_bad_hr_pair_options(argv, message):
    code, _, err = run("check", *argv, "--as-of", AS_OF)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_tz_takes_today_in_that_zone():
    code, out, _ = run("check", READY, "--tz", "Pacific/Kiritimati", "--json")
    assert code in {0, 1}
    [outcome] = json.loads(out)
    assert outcome["verdict"]["as_of"] == str(pendulum.now("Pacific/Kiritimati").date())


def test_as_of_wins_over_tz():
    _, out, _ = run("check", READY, "--tz", "Asia/Tokyo", "--as-of", AS_OF, "--json")
    assert json.loads(out)[0]["verdict"]["as_of"] == AS_OF


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "", "../../etc/passwd", "\udc80"])
def test_a_bad_zone_exits_2_with_a_clear_message(zone):
    for command in ("check", "plan", "due"):
        extra = ["--within", "30"] if command == "due" else []
        code, out, err = run(command, READY, "--tz", zone, *extra)
        assert (code, out) == (2, "")
        assert err.startswith("error: --tz: ")
        assert "expected an IANA time zone name" in err
