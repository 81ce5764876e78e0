"""Plans as iCalendar files, read back with icalendar's own parser."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import Any

import attrs
import icalendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import CCMA, CMA, Evaluate, ccma_credits, cma_points

from recertlib import Person, PersonCredential, Registry, evaluate
from recertlib.io.calendar import (
    FILE_STEM_CHARS,
    calendar_file_name,
    calendar_file_names,
    calendars,
    to_ics,
    uid_key,
    write_calendars,
)
from recertlib.quantities import to_date
from recertlib.results.plan import Action, ActionKind, Plan, plan_for

STAMP = datetime.datetime(2025, 1, 1, 12, 0, tzinfo=datetime.UTC)


def events(ics: bytes) -> list[Any]:
    calendar = icalendar.Calendar.from_ical(ics)
    return list(calendar.walk("VEVENT"))


def triggers(event: Any) -> list[datetime.timedelta]:
    return [alarm.get("trigger").dt for alarm in event.walk("VALARM")]


def categories(event: Any) -> list[str]:
    return [str(category) for category in event.get("categories").cats]


@pytest.fixture
def grace(verdict: Evaluate) -> Plan:
    """A CMA in grace on 2027-05-01, planned on 2027-07-01: the exam's application, its two
    fees and its window's last day (2027-06-30) are overdue by then."""
    return plan_for(verdict(CMA, [], "2027-05-01"), as_of="2027-07-01")


def test_one_all_day_event_per_action(grace: Plan) -> None:
    ics = to_ics(grace, stamp=STAMP)
    calendar = icalendar.Calendar.from_ical(ics)

    assert str(calendar.get("version")) == "2.0"
    assert "recertlib" in str(calendar.get("prodid"))
    assert str(calendar.get("x-wr-calname")) == "Recertification plan"
    found = events(ics)
    assert len(found) == len(grace.actions)
    for event, action in zip(found, grace.actions, strict=True):
        start = event.get("dtstart")
        assert start.params.get("VALUE") == "DATE"
        assert start.dt == datetime.date(action.due_on.year, action.due_on.month, action.due_on.day)
        assert not isinstance(start.dt, datetime.datetime)
        assert event.get("dtend").dt == start.dt + datetime.timedelta(days=1)
        assert event.get("dtstamp").dt == STAMP
        assert action.title in str(event.get("summary"))
        assert str(event.get("summary")).startswith("OVERDUE: " if action.overdue else "AAMA CMA")
        assert action.detail in str(event.get("description"))
        assert action.kind.value in categories(event)
    assert len({str(event.get("uid")) for event in found}) == len(found)


def test_overdue_actions_stay_and_are_marked(grace: Plan) -> None:
    found = events(to_ics(grace, stamp=STAMP))
    overdue = [event for event in found if "OVERDUE" in categories(event)]

    assert len(overdue) == len(grace.overdue) == 4
    assert all(str(event.get("summary")).startswith("OVERDUE: ") for event in overdue)
    assert {event.get("dtstart").dt for event in overdue} == {datetime.date(2027, 6, 30)}


def test_alarms_90_30_and_7_days_before_by_default(grace: Plan) -> None:
    for event in events(to_ics(grace, stamp=STAMP)):
        assert triggers(event) == [datetime.timedelta(days=-d) for d in (90, 30, 7)]
        for alarm in event.walk("VALARM"):
            assert str(alarm.get("action")) == "DISPLAY"
            assert "AAMA CMA" in str(alarm.get("description"))


def test_alarms_at_the_lead_times_asked(verdict: Evaluate) -> None:
    plan = plan_for(verdict(CCMA, ccma_credits(6), "2025-01-01"))

    custom = events(to_ics(plan, alarms_days=[1, 14, 0, 14], stamp=STAMP))
    assert all(
        triggers(event) == [datetime.timedelta(days=-d) for d in (14, 1, 0)] for event in custom
    )
    assert all(triggers(event) == [] for event in events(to_ics(plan, alarms_days=())))
    raw = to_ics(plan, alarms_days=(90,), stamp=STAMP)
    assert b"TRIGGER:-P90D" in raw


@pytest.mark.parametrize("bad", [(-1,), (1.5,), (True,)])
def test_a_lead_time_is_whole_days_from_zero(grace: Plan, bad: tuple[Any, ...]) -> None:
    with pytest.raises(ValueError, match="lead time"):
        to_ics(grace, alarms_days=bad)


def test_uids_are_stable_and_the_calendar_named(verdict: Evaluate) -> None:
    plan = plan_for(verdict(CMA, cma_points(52), "2026-11-25"))
    later = plan_for(verdict(CMA, cma_points(55), "2026-12-25"))

    first = to_ics(plan, stamp=STAMP, calendar_name="Maria's credentials")
    assert first == to_ics(plan, stamp=STAMP, calendar_name="Maria's credentials")
    # Earning more changes the title of an action, not its UID.
    uids = [str(event.get("uid")) for event in events(first)]
    assert uids == [str(event.get("uid")) for event in events(to_ics(later))]
    assert all(uid.endswith("@recertlib") for uid in uids)
    assert str(icalendar.Calendar.from_ical(first).get("name")) == "Maria's credentials"


def test_many_holders_are_named_in_the_summary(verdict: Evaluate) -> None:
    plan = plan_for([verdict(CCMA, [], "2025-01-01"), verdict(CMA, [], "2025-01-01")])
    summaries = [str(event.get("summary")) for event in events(to_ics(plan))]

    assert "Nia Brown, NHA CCMA: Apply for recertification" in summaries
    assert any(summary.startswith("Maria Lopez, AAMA CMA: ") for summary in summaries)


def test_a_person_is_named_and_their_attributes_carried(installed: Registry) -> None:
    person = Person(
        "E-1001",
        name="Maria Lopez",
        credentials=[PersonCredential("AAMA", "CMA", "2022-03-10")],
        attributes={"manager": "Dana Smith", "department": "Clinic; North"},
    )
    ics = to_ics(plan_for(evaluate(person, as_of="2026-11-25", registry=installed)))
    for event in events(ics):
        description = str(event.get("description"))
        assert "Holder: E-1001 (Maria Lopez)" in description
        assert "manager: Dana Smith" in description
        assert "department: Clinic; North" in description  # escaped, and read back whole


# --- one calendar per group -----------------------------------------------------------------


def staff(installed: Registry) -> Plan:
    people = [
        Person(
            f"E-{number}",
            name=name,
            credentials=[PersonCredential("NHA", "CCMA", "2023-05-01")],
            attributes={"manager": manager} if manager else {},
        )
        for number, (name, manager) in enumerate(
            [("Ana", "Dana Smith"), ("Ben", "Lee/Ortiz"), ("Cy", "Dana Smith"), ("Di", "")]
        )
    ]
    return plan_for([evaluate(person, as_of="2025-01-01", registry=installed) for person in people])


def test_one_calendar_per_manager(installed: Registry, tmp_path: Path) -> None:
    plan = staff(installed)
    written = write_calendars(plan, tmp_path / "calendars", "manager", stamp=STAMP)

    assert sorted(written) == ["", "Dana Smith", "Lee/Ortiz"]
    assert {value: path.name for value, path in written.items()} == {
        "": "none.ics",
        "Dana Smith": "Dana-Smith.ics",
        "Lee/Ortiz": "Lee-Ortiz.ics",
    }
    dana = icalendar.Calendar.from_ical(written["Dana Smith"].read_bytes())
    assert str(dana.get("x-wr-calname")) == "Recertification plan: Dana Smith"
    holders = {str(event.get("summary")).split(",")[0] for event in dana.walk("VEVENT")}
    assert holders == {"E-0 (Ana)", "E-2 (Cy)"}
    # The calendars together hold the plan's every action, once.
    total = sum(len(events(path.read_bytes())) for path in written.values())
    assert total == len(plan.actions)
    assert (
        calendars(plan, "manager", stamp=STAMP)["Dana Smith"] == written["Dana Smith"].read_bytes()
    )
    assert not list((tmp_path / "calendars").glob(".*"))  # no temporary file left


def test_two_values_of_one_file_name_are_told_apart() -> None:
    names = calendar_file_names(["Dana Smith", "Dana-Smith", "Lee", "", "..."])
    assert names["Lee"] == "Lee.ics"
    assert names["Dana Smith"] != names["Dana-Smith"]
    assert names["Dana Smith"].startswith("Dana-Smith-")
    assert names[""] != names["..."]
    assert len(set(names.values())) == 5


def test_a_long_value_gets_a_short_file_name_told_apart_by_its_digest(tmp_path: Path) -> None:
    at_most = "x" * FILE_STEM_CHARS
    assert calendar_file_name(at_most) == f"{at_most}.ics"
    longer, other = at_most + "y", at_most + "z"
    assert calendar_file_name(longer).startswith(f"{at_most}-")
    assert calendar_file_name(longer) != calendar_file_name(other)
    (tmp_path / calendar_file_name("Dana Smith " * 30)).write_text("")  # the system takes it


# --- the writer writes what icalendar would ------------------------------------------------


def icalendar_model(plan: Plan, leads: tuple[int, ...], name: str) -> bytes:
    """The calendar as icalendar's own object model writes it, property by property."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//recertlib//recertlib plan//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    several = len({action.holder for action in plan.actions}) > 1
    seen: dict[str, int] = {}
    for action in plan.actions:
        key = uid_key(action)
        seen[key] = seen.get(key, 0) + 1
        who = f"{action.who}, " if several else ""
        subject = f"{who}{action.credential}: {action.title}"
        day = datetime.date(action.due_on.year, action.due_on.month, action.due_on.day)
        event = icalendar.Event()
        event.add("uid", f"{key}{'' if seen[key] == 1 else f'-{seen[key]}'}@recertlib")
        event.add("dtstamp", STAMP)
        event.add("dtstart", day)
        event.add("dtend", day + datetime.timedelta(days=1))
        event.add("summary", f"OVERDUE: {subject}" if action.overdue else subject)
        lines = [action.detail, "", f"Holder: {action.who}", f"Credential: {action.credential}"]
        if action.pathway:
            lines.append(f"Pathway: {action.pathway}")
        lines += [f"{key}: {value}" for key, value in action.attributes.items()]
        lines.append(f"Due: {action.due_on}{' (overdue)' if action.overdue else ''}")
        event.add("description", "\n".join(lines))
        event.add(
            "categories",
            ["recertlib", action.kind.value, *(["OVERDUE"] if action.overdue else [])],
        )
        event.add("transp", "TRANSPARENT")
        for days in leads:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", datetime.timedelta(days=-days))
            when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
            alarm.add("description", f"{when}: {subject}")
            event.add_component(alarm)
        calendar.add_component(event)
    written: bytes = calendar.to_ical()
    return written


texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\\"),
    min_size=1,
    max_size=200,
).filter(lambda text: text.strip())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(holder=texts, title=texts, detail=texts, manager=texts, leads=st.sets(st.integers(0, 400)))
def test_the_bytes_are_icalendars_own(
    holder: str, title: str, detail: str, manager: str, leads: set[int]
) -> None:
    # Long lines, characters of several bytes, escapes near a fold: as icalendar writes them.
    action = Action(
        to_date("2026-12-31"),
        title,
        "AAMA CMA",
        holder,
        "Recertify by continuing education",
        ActionKind.APPLY,
        overdue=False,
        detail=detail,
        name='Maria, "Mia" López',
        attributes={"manager": manager},
    )
    plan = Plan(to_date("2026-11-25"), (action, action, attrs.evolve(action, holder="Other")))
    ordered = tuple(sorted(leads, reverse=True))
    assert to_ics(plan, alarms_days=sorted(leads), stamp=STAMP) == icalendar_model(
        plan, ordered, "Recertification plan"
    )


def test_a_backslash_is_written_as_itself() -> None:
    action = Action(
        to_date("2026-12-31"),
        "Upload to C:\\New\\Nurses; then apply",
        "AAMA CMA",
        "E-1",
        None,
        ActionKind.EXPIRES,
        overdue=False,
        detail="-",
    )
    ics = to_ics(Plan(to_date("2026-11-25"), (action,)), stamp=STAMP)
    assert b"Upload to C:\\\\New\\\\Nurses\\; then apply" in ics
    (event,) = events(ics)
    assert str(event.get("summary")) == "AAMA CMA: Upload to C:\\New\\Nurses; then apply"


def test_without_icalendar_the_error_says_what_to_install(
    grace: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "icalendar", None)
    with pytest.raises(ImportError, match=r"pip install 'recertlib\[ics\]'"):
        to_ics(grace)
