"""Plans as iCalendar files, read back with icalendar's own parser."""

from __future__ import annotations

import datetime
import sys
from typing import Any

import icalendar
import pytest
from support import CCMA, CMA, Evaluate, ccma_credits, cma_points

from recertlib.io.calendar import to_ics
from recertlib.results.plan import Plan, plan_for

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
    """A CMA in grace on 2027-05-01: three actions overdue, four to come."""
    return plan_for(verdict(CMA, [], "2027-05-01"))


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

    assert len(overdue) == len(grace.overdue) == 3
    assert all(str(event.get("summary")).startswith("OVERDUE: ") for event in overdue)
    assert [event.get("dtstart").dt for event in overdue] == [
        datetime.date(2027, 1, 31),
        datetime.date(2027, 3, 1),
        datetime.date(2027, 3, 31),
    ]


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


def test_without_icalendar_the_error_says_what_to_install(
    grace: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "icalendar", None)
    with pytest.raises(ImportError, match=r"pip install 'recertlib\[ics\]'"):
        to_ics(grace)
