"""A plan as an iCalendar file (RFC 5545), for a calendar application to import or subscribe to.

Writing one needs the ``icalendar`` package: ``pip install 'recertlib[ics]'``.
"""

from __future__ import annotations

import datetime
import hashlib
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from recertlib.results import Action, Plan

if TYPE_CHECKING:
    from types import ModuleType

PRODID = "-//recertlib//recertlib plan//EN"
"""The product identifier written in every calendar."""

DEFAULT_ALARMS_DAYS = (90, 30, 7)
"""The lead times of the reminders, in days before each action, when the caller gives none."""

UID_DOMAIN = "recertlib"
"""The right-hand side of every event's UID."""


def _icalendar() -> ModuleType:
    try:
        import icalendar
    except ImportError:
        raise ImportError(
            "writing iCalendar needs the icalendar package: pip install 'recertlib[ics]'"
        ) from None
    return icalendar


def to_ics(
    plan: Plan,
    *,
    alarms_days: Sequence[int] = DEFAULT_ALARMS_DAYS,
    calendar_name: str = "Recertification plan",
    stamp: datetime.datetime | None = None,
) -> bytes:
    """``plan`` as an iCalendar file: one all-day event per action, on its date.

    Each event has a UID that stays the same from one run to the next (made from the holder,
    the credential, the action's kind and date), so that importing a newer plan updates the
    events rather than duplicating them; its SUMMARY is the credential and the action, marked
    ``OVERDUE:`` when it is; its DESCRIPTION says more; its CATEGORIES are ``recertlib``, the
    kind of action and, when overdue, ``OVERDUE``. Each event has a display alarm (VALARM)
    per lead time of ``alarms_days``, that many days before it. Overdue actions are kept.

    :param alarms_days: the reminders' lead times, in whole days from 0 (on the day); none
        for no reminders.
    :param calendar_name: the calendar's name (``NAME`` and ``X-WR-CALNAME``).
    :param stamp: the DTSTAMP of every event; the current time when omitted.
    :raises ImportError: the ``icalendar`` package is not installed.
    :raises ValueError: a lead time is negative or not a whole number.
    """
    leads = _lead_times(alarms_days)
    ical = _icalendar()
    stamp = _utc(stamp)
    calendar = ical.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", calendar_name)
    calendar.add("x-wr-calname", calendar_name)
    several = len({action.holder for action in plan.actions}) > 1
    seen: Counter[str] = Counter()
    for action in plan.actions:
        key = uid_key(action)
        seen[key] += 1
        uid = f"{key}{'' if seen[key] == 1 else f'-{seen[key]}'}@{UID_DOMAIN}"
        calendar.add_component(_event(ical, action, uid, stamp, leads, several))
    ics: bytes = calendar.to_ical()
    return ics


def uid_key(action: Action) -> str:
    """The stable part of an action's UID: a digest of its holder, credential, kind and date
    (actions that share all four are told apart by their order in the plan)."""
    text = "\x1f".join(
        (action.holder, action.credential, action.kind.value, action.due_on.isoformat())
    )
    return hashlib.sha256(text.encode("utf-8", "backslashreplace")).hexdigest()[:32]


def _lead_times(alarms_days: Sequence[int]) -> tuple[int, ...]:
    if isinstance(alarms_days, str | bytes):
        raise TypeError(f"expected a sequence of whole days, got {alarms_days!r}")
    leads = []
    for days in alarms_days:
        if isinstance(days, bool) or not isinstance(days, int):
            raise ValueError(f"expected a lead time in whole days, got {days!r}")
        if days < 0:
            raise ValueError(f"expected a lead time of 0 days or more, got {days}")
        leads.append(days)
    return tuple(sorted(set(leads), reverse=True))


def _utc(stamp: datetime.datetime | None) -> datetime.datetime:
    if stamp is None:
        stamp = datetime.datetime.now(datetime.UTC)
    elif stamp.tzinfo is None:
        raise ValueError("expected a timezone-aware stamp")
    return stamp.astimezone(datetime.UTC).replace(microsecond=0)


def _subject(action: Action, several: bool) -> str:
    who = f"{action.holder}, " if several else ""
    return f"{who}{action.credential}: {action.title}"


def _text(value: str) -> str:
    # A lone surrogate in a name cannot be written as UTF-8: it is shown escaped instead.
    return value.encode("utf-8", "backslashreplace").decode("utf-8")


def _description(action: Action) -> str:
    lines = [action.detail, "", f"Holder: {action.holder}", f"Credential: {action.credential}"]
    if action.pathway:
        lines.append(f"Pathway: {action.pathway}")
    due = f"Due: {action.due_on}"
    lines.append(f"{due} (overdue)" if action.overdue else due)
    return "\n".join(lines)


def _event(
    ical: Any,
    action: Action,
    uid: str,
    stamp: datetime.datetime,
    leads: tuple[int, ...],
    several: bool,
) -> Any:
    day = datetime.date(action.due_on.year, action.due_on.month, action.due_on.day)
    subject = _subject(action, several)
    summary = f"OVERDUE: {subject}" if action.overdue else subject
    event = ical.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", _text(summary))
    event.add("description", _text(_description(action)))
    categories = ["recertlib", action.kind.value]
    if action.overdue:
        categories.append("OVERDUE")
    event.add("categories", categories)
    event.add("transp", "TRANSPARENT")
    for days in leads:
        alarm = ical.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", datetime.timedelta(days=-days))
        when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
        alarm.add("description", _text(f"{when}: {subject}"))
        event.add_component(alarm)
    return event
