"""A plan as an iCalendar file (RFC 5545), for a calendar application to import or subscribe to,
and one such file per group of people (their manager, say).

Writing one needs the ``icalendar`` package: ``pip install 'recertlib[ics]'``. The lines are
written here, in the order icalendar writes its components, rather than through icalendar's
object model, which takes far longer for a calendar of thousands of events: text is escaped as
RFC 5545 says (3.3.11), and a long line folded as icalendar folds it (by icalendar itself for a
line of characters beyond ASCII); durations are icalendar's. The bytes are icalendar's own, but
for text holding a backslash before an ``N``, which icalendar takes for a line break and this
writes as it is.
"""

from __future__ import annotations

import datetime
import hashlib
import importlib
import os
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
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

_FOLD_AT = 74  # icalendar's lines hold 74 characters before a fold (75 octets with its space)
_ESCAPES = "\\^"  # icalendar never ends a folded line with one of these


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
    ``OVERDUE:`` when it is; its DESCRIPTION says more, with the holder's name and
    :attr:`~recertlib.Person.attributes` when the holder is a person; its CATEGORIES are
    ``recertlib``, the kind of action and, when overdue, ``OVERDUE``. Each event has a display
    alarm (VALARM) per lead time of ``alarms_days``, that many days before it. Overdue actions
    are kept.

    :param alarms_days: the reminders' lead times, in whole days from 0 (on the day); none
        for no reminders.
    :param calendar_name: the calendar's name (``NAME`` and ``X-WR-CALNAME``).
    :param stamp: the DTSTAMP of every event; the current time when omitted.
    :raises ImportError: the ``icalendar`` package is not installed.
    :raises ValueError: a lead time is negative or not a whole number.
    """
    leads = _lead_times(alarms_days)
    return _Writer(_icalendar(), leads, _utc(stamp)).calendar(plan, calendar_name)


def calendars(
    plan: Plan,
    by: str,
    *,
    missing: str = "",
    alarms_days: Sequence[int] = DEFAULT_ALARMS_DAYS,
    calendar_name: str = "Recertification plan",
    stamp: datetime.datetime | None = None,
) -> dict[str, bytes]:
    """One iCalendar file (:func:`to_ics`) per value of the people's attribute ``by`` (a
    column kept from an HR export, such as ``manager``), as :meth:`Plan.grouped
    <recertlib.Plan.grouped>` splits the plan; each calendar is named ``calendar_name: value``
    (or just ``calendar_name`` for the ``missing`` group). All share one ``stamp``.

    :raises ImportError: the ``icalendar`` package is not installed.
    :raises ValueError: a lead time is negative or not a whole number.
    """
    writer = _Writer(_icalendar(), _lead_times(alarms_days), _utc(stamp))
    return {
        value: writer.calendar(group, f"{calendar_name}: {value}" if value else calendar_name)
        for value, group in plan.grouped(by, missing=missing).items()
    }


def write_calendars(
    plan: Plan,
    folder: str | os.PathLike[str],
    by: str,
    *,
    missing: str = "",
    alarms_days: Sequence[int] = DEFAULT_ALARMS_DAYS,
    calendar_name: str = "Recertification plan",
    stamp: datetime.datetime | None = None,
) -> dict[str, Path]:
    """Write one calendar per value of the people's attribute ``by`` (:func:`calendars`) into
    ``folder`` (made when missing), each file named for its value
    (:func:`calendar_file_name`); the path written for each value. A file is written whole
    or not at all, so that a calendar application subscribed to it never reads half of one.

    :raises ImportError: the ``icalendar`` package is not installed.
    :raises ValueError: a lead time is negative or not a whole number.
    :raises OSError: the folder or a file cannot be written.
    """
    found = calendars(
        plan,
        by,
        missing=missing,
        alarms_days=alarms_days,
        calendar_name=calendar_name,
        stamp=stamp,
    )
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = {}
    for value, name in calendar_file_names(found).items():
        path = target / name
        temporary = path.with_name(f".{name}.tmp")
        temporary.write_bytes(found[value])
        os.replace(temporary, path)
        written[value] = path
    return written


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


FILE_STEM_CHARS = 100
"""The longest name :func:`calendar_file_name` gives a group's calendar, before its digest and
``.ics`` (common file systems allow 255 bytes)."""


def calendar_file_name(value: str) -> str:
    """The file a group's calendar is written to: its value with every run of characters other
    than ASCII letters, digits, ``.``, ``_`` and ``-`` made one ``-`` (``Dana Smith`` gives
    ``Dana-Smith.ics``); ``none.ics`` for the group without a value. A value of more than
    :data:`FILE_STEM_CHARS` such characters is cut there and told apart by a short digest of
    it, since file systems refuse long names."""
    stem = _UNSAFE.sub("-", value).strip("-.") or "none"
    if len(stem) > FILE_STEM_CHARS:
        stem = f"{stem[:FILE_STEM_CHARS].rstrip('-.')}-{_digest(value)}"
    return f"{stem}.ics"


def calendar_file_names(values: Sequence[str] | Mapping[str, Any]) -> dict[str, str]:
    """A file name for each value (:func:`calendar_file_name`), told apart by a short digest
    of the value where two would have the same name (``Dana Smith`` and ``Dana-Smith``)."""
    names = {value: calendar_file_name(value) for value in values}
    taken = Counter(name.casefold() for name in names.values())
    return {
        value: name if taken[name.casefold()] == 1 else f"{name[:-4]}-{_digest(value)}.ics"
        for value, name in names.items()
    }


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "backslashreplace")).hexdigest()[:8]


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
    who = f"{action.who}, " if several else ""
    return f"{who}{action.credential}: {action.title}"


def _text(value: str) -> str:
    # A lone surrogate in a name cannot be written as UTF-8: it is shown escaped instead.
    return value.encode("utf-8", "backslashreplace").decode("utf-8")


def _description(action: Action) -> str:
    lines = [action.detail, "", f"Holder: {action.who}", f"Credential: {action.credential}"]
    if action.pathway:
        lines.append(f"Pathway: {action.pathway}")
    lines += [f"{name}: {value}" for name, value in action.attributes.items()]
    due = f"Due: {action.due_on}"
    lines.append(f"{due} (overdue)" if action.overdue else due)
    return "\n".join(lines)


def escape_text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 (3.3.11) says: a backslash, a semicolon and a comma
    after a backslash, a line break (CRLF, LF or a lone CR) as ``\\n``."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


class _Writer:
    """Writes calendars line by line, as icalendar would write its components: the same
    properties in the same order, escaped, and folded by icalendar's rules."""

    def __init__(self, ical: Any, leads: tuple[int, ...], stamp: datetime.datetime) -> None:
        self._escape = escape_text
        self._content_line = importlib.import_module("icalendar.parser").Contentline
        self._leads = [
            (days, ical.prop.vDuration(datetime.timedelta(days=-days)).to_ical().decode("ascii"))
            for days in leads
        ]
        self._stamp = f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}"

    def calendar(self, plan: Plan, name: str) -> bytes:
        text, line = self._escape, self._line
        lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            line("PRODID", text(PRODID)),
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            line("NAME", text(_text(name))),
            line("X-WR-CALNAME", text(_text(name))),
        ]
        several = len({action.holder for action in plan.actions}) > 1
        seen: Counter[str] = Counter()
        for action in plan.actions:
            key = uid_key(action)
            seen[key] += 1
            uid = f"{key}{'' if seen[key] == 1 else f'-{seen[key]}'}@{UID_DOMAIN}"
            self._event(lines, action, uid, several)
        lines.append("END:VCALENDAR")
        lines.append("")
        return "\r\n".join(lines).encode("utf-8")

    def _event(self, lines: list[str], action: Action, uid: str, several: bool) -> None:
        text, line = self._escape, self._line
        day = action.due_on
        end = datetime.date(day.year, day.month, day.day) + datetime.timedelta(days=1)
        subject = _subject(action, several)
        summary = f"OVERDUE: {subject}" if action.overdue else subject
        categories = ["recertlib", action.kind.value]
        if action.overdue:
            categories.append("OVERDUE")
        lines += [
            "BEGIN:VEVENT",
            line("SUMMARY", text(_text(summary))),
            f"DTSTART;VALUE=DATE:{day.year:04d}{day.month:02d}{day.day:02d}",
            f"DTEND;VALUE=DATE:{end:%Y%m%d}",
            self._stamp,
            line("UID", text(uid)),
            line("CATEGORIES", ",".join(text(category) for category in categories)),
            line("DESCRIPTION", text(_text(_description(action)))),
            "TRANSP:TRANSPARENT",
        ]
        subject_text = _text(subject)
        for days, trigger in self._leads:
            when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                line("DESCRIPTION", text(f"{when}: {subject_text}")),
                f"TRIGGER:{trigger}",
                "END:VALARM",
            ]
        lines.append("END:VEVENT")

    def _line(self, name: str, value: str) -> str:
        """A content line, folded as icalendar folds it."""
        line = f"{name}:{value}"
        if len(line) <= _FOLD_AT:
            return line if line.isascii() or len(line.encode("utf-8")) < 75 else self._fold(line)
        return self._fold(line)

    def _fold(self, line: str) -> str:
        if not line.isascii():  # characters of several bytes: icalendar counts them
            folded: bytes = self._content_line(line).to_ical()
            return folded.decode("utf-8")
        parts = []
        start, size = 0, len(line)
        while size - start > _FOLD_AT:
            end = start + _FOLD_AT
            if line[end - 1] in _ESCAPES and end - 1 > start:
                end -= 1  # an escape is never split from what it escapes
            parts.append(line[start:end])
            start = end
        parts.append(line[start:])
        return "\r\n ".join(parts)
