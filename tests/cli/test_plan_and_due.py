"""``recertlib plan`` (text, JSON, iCalendar) and ``recertlib due``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import icalendar
import pytest
from cli_support import AS_OF, HR, MARIA, READY, RENEWAL, STAFF, run

from recertlib.cli import OUTPUT_ERROR


def test_plan_as_text_is_earliest_first_with_only_what_can_still_be_done():
    code, out, err = run("plan", *HR, "--as-of", AS_OF)
    assert code == 1  # two people are not usable, as check says
    lines = out.splitlines()
    # The expiries already past (of a lapsed CMA, of a CCMA in grace) are no actions.
    assert lines[0] == "plan as of 2026-11-25: 28 actions, 0 overdue"
    assert lines[1].split() == ["due", "on", "holder", "credential", "action"]
    dates = [line.split()[0] for line in lines[2:]]
    assert dates == sorted(dates)
    assert dates[0] >= AS_OF
    assert "(OVERDUE)" not in out
    assert err.startswith("8 records (6 people): ")


def test_plan_as_json():
    code, out, _ = run("plan", MARIA, RENEWAL, "--as-of", AS_OF, "--format", "json")
    assert code == 1
    plan = json.loads(out)
    assert plan["as_of"] == AS_OF
    days = [action["due_on"] for action in plan["actions"]]
    assert days == sorted(days)
    assert {action["holder"] for action in plan["actions"]} == {"E-1001", "Chris Adams"}
    assert set(plan["actions"][0]) >= {
        "due_on",
        "title",
        "credential",
        "kind",
        "overdue",
        "name",
        "attributes",
    }
    assert not any(action["overdue"] for action in plan["actions"])
    assert {a["name"] for a in plan["actions"] if a["holder"] == "E-1001"} == {"Maria Lopez"}


def test_plan_as_ics_reads_back_with_a_real_parser(tmp_path):
    target = tmp_path / "plan.ics"
    code, out, err = run(
        "plan",
        *HR,
        "--as-of",
        AS_OF,
        "--format",
        "ics",
        "--alarms",
        "30,7",
        "--output",
        str(target),
    )
    assert (code, out) == (1, "")
    assert err.startswith("8 records")
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 28
    assert not [e for e in events if str(e["SUMMARY"]).startswith("OVERDUE: ")]
    alarms = [str(a["TRIGGER"].to_ical(), "ascii") for a in events[0].walk("VALARM")]
    assert alarms == ["-P30D", "-P7D"]
    assert not list(tmp_path.glob(".plan.ics.*"))  # no temporary file left behind


def test_one_calendar_per_manager(tmp_path):
    folder = tmp_path / "calendars"
    code, out, err = run(
        "plan", *HR, "--as-of", AS_OF, "--format", "ics", "--by", "manager", "--output", str(folder)
    )
    assert code == 1
    assert out.splitlines() == [
        f"{folder / 'Dana-Smith.ics'}: Dana Smith",
        f"{folder / 'Ravi-Patel.ics'}: Ravi Patel",
    ]
    assert err.startswith("8 records (6 people)")
    ravi = icalendar.Calendar.from_ical((folder / "Ravi-Patel.ics").read_bytes())
    holders = {str(e["SUMMARY"]).split(",")[0] for e in ravi.walk("VEVENT")}
    assert holders == {"E-1003 (Aisha Khan)", "E-1004 (Daniel Nguyen)", "E-1006 (Luis Ramirez)"}
    assert all("manager: Ravi Patel" in str(e["DESCRIPTION"]) for e in ravi.walk("VEVENT"))


def test_an_attribute_no_one_has_is_warned_of(tmp_path):
    argv = ["--format", "ics", "--by", "manger", "--output", str(tmp_path)]
    code, out, err = run("plan", *HR, "--as-of", AS_OF, *argv)
    assert code == 1
    assert out == f"{tmp_path / 'none.ics'}: (no manger)\n"
    assert err.startswith("warning: --by manger: no person has this attribute;")
    code, _, err = run("plan", *HR, "--as-of", AS_OF, *argv[:2], "--by", "manager", *argv[4:])
    assert "warning" not in err


@pytest.mark.parametrize("extra", [["--format", "text"], ["--format", "ics"]])
def test_by_needs_a_calendar_folder(extra):
    code, out, err = run("plan", *HR, "--as-of", AS_OF, "--by", "manager", *extra)
    assert (code, out) == (2, "")
    assert err == "error: --by writes calendars: give --format ics --output FOLDER\n"


def test_plan_as_ics_on_standard_output_with_the_default_alarms():
    code, out, _ = run("plan", MARIA, "--as-of", AS_OF, "--format", "ics")
    assert code == 0
    calendar = icalendar.Calendar.from_ical(out)
    event = next(iter(calendar.walk("VEVENT")))
    assert len(list(event.walk("VALARM"))) == 3


def test_plan_without_alarms():
    _, out, _ = run("plan", MARIA, "--as-of", AS_OF, "--format", "ics", "--alarms", "none")
    assert "VALARM" not in out


@pytest.mark.parametrize("alarms", ["90,x", "-1", "7,,3"])
def test_bad_alarms_are_bad_input(alarms):
    code, _, err = run("plan", MARIA, "--as-of", AS_OF, "--format", "ics", "--alarms", alarms)
    assert code == 2
    assert "--alarms" in err


def test_plan_as_ics_without_icalendar_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "icalendar", None)
    code, out, err = run("plan", MARIA, "--as-of", AS_OF, "--format", "ics")
    assert (code, out) == (2, "")
    assert err == (
        "error: --format ics needs the icalendar package: pip install 'recertlib[ics]'\n"
    )


def test_plan_output_that_cannot_be_written_exits_74(tmp_path):
    target = tmp_path / "no-such-folder" / "plan.txt"
    code, _, err = run("plan", MARIA, "--as-of", AS_OF, "--output", str(target))
    assert code == OUTPUT_ERROR
    assert f"error: --output: cannot write {target}" in err


def test_plan_of_people_with_nothing_to_do():
    code, out, _ = run("plan", MARIA, "--as-of", "2019-01-01")
    assert code == 1  # not yet certified: pending
    assert out.startswith("plan as of 2019-01-01: ")


def test_due_lists_each_query():
    code, out, err = run("due", STAFF, RENEWAL, "--within", "60", "--as-of", AS_OF)
    assert code == 1
    sections = out.split("\n\n")
    assert sections[0] == "as of 2026-11-25, looking 60 days ahead (through 2027-01-24)"
    assert sections[1].startswith(
        "not usable: 2\n  E-1003 (Aisha Khan)  AAMA CMA  2026-07-31  lapsed"
    )
    assert "Chris Adams" in sections[1]
    assert sections[2].startswith(
        "due within 60 days: 3\n  E-1001 (Maria Lopez)   NHA CCMA  2026-12-01"
    )
    assert sections[3].startswith("can recertify now: 3\n")
    assert err.endswith("3 usable, 2 not usable, 3 due within 60 days, 0 errors\n")


def test_due_carries_the_columns_kept_from_an_hr_export():
    code, out, _ = run("due", *HR, "--within", "60", "--as-of", AS_OF, "--json")
    assert code == 1
    found = json.loads(out)
    attributes = {match["holder"]: match["attributes"] for match in found["not_usable"]}
    assert attributes == {
        "E-1003": {"department": "Urgent Care", "manager": "Ravi Patel"},
        "E-1006": {"department": "Urgent Care", "manager": "Ravi Patel"},
    }


def test_due_as_json_with_errors(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"id": "E-9", "credentials": [{"body": "XYZ", "credential": "Q",'
        ' "certified_on": "2024-01-01"}]}\n'
    )
    code, out, _ = run("due", MARIA, str(bad), "--within", "10", "--as-of", AS_OF, "--json")
    assert code == 2
    found = json.loads(out)
    assert (found["as_of"], found["within_days"]) == (AS_OF, 10)
    assert found["due_within"] == [
        {
            "record": f"{MARIA} (person 'E-1001', NHA CCMA)",
            "holder": "E-1001",
            "name": "Maria Lopez",
            "credential": "NHA CCMA",
            "due_on": "2026-12-01",
            "reason": "Certified Clinical Medical Assistant (CCMA) expires on 2026-12-01"
            " (in 6 days)",
            "attributes": {},
        }
    ]
    assert found["not_usable"] == []
    assert [c["credential"] for c in found["can_recertify_now"]] == ["AAMA CMA", "NHA CCMA"]
    [error] = found["errors"]
    assert error["record"] == f"{bad} line 1 (person 'E-9', XYZ Q)"
    assert error["error"]["type"] == "UnknownCredential"


@pytest.mark.parametrize("within", ["-1", "soon", "1.5"])
def test_due_needs_a_number_of_days(within):
    code, _, err = run("due", MARIA, "--within", within)
    assert code == 2
    assert "--within" in err


def test_due_needs_within():
    code, _, err = run("due", MARIA)
    assert code == 2
    assert "--within" in err


def test_due_past_the_end_of_the_calendar_is_not_a_crash():
    code, out, err = run("due", READY, "--within", "30", "--as-of", "9999-12-31")
    assert code == 1, err
    assert out.startswith("as of 9999-12-31, looking 30 days ahead\n")


def test_plan_and_due_read_standard_input(monkeypatch):
    import io

    for command, extra in (("plan", []), ("due", ["--within", "60"])):
        data = Path(STAFF).read_bytes()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
        code, out, err = run(command, "-", "--as-of", AS_OF, *extra)
        assert code == 1, err
        assert "E-1003" in out
