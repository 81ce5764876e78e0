"""How fast recertlib writes a plan as an iCalendar file, against icalendar's object model.

    python benchmarks/write_ics.py [--people 2000] [--repeat 5]

It evaluates ``--people`` people (a CMA each, some also a CCMA, certified on dates spread over
four years) and plans them, then times, in rounds that take turns, writing the plan:

- ``to_ics``: :func:`recertlib.io.calendar.to_ics`, as recertlib writes it;
- ``icalendar``: the same calendar built through icalendar's object model
  (``Calendar``, ``Event``, ``Alarm`` and their ``add``), the way recertlib wrote it before.

Both write three reminders per event and give the same bytes. Each is timed in CPU time, the
best of ``--repeat`` rounds; the report gives events per second and the ratio.
"""

from __future__ import annotations

import argparse
import datetime
import random
import time
from collections import Counter
from collections.abc import Callable

import icalendar

from recertlib import Person, PersonCredential, Plan, Registry, evaluate, plan_for
from recertlib.io.calendar import PRODID, to_ics, uid_key

STAMP = datetime.datetime(2026, 11, 25, tzinfo=datetime.UTC)
LEADS = (90, 30, 7)


def plan_of(people: int, seed: int) -> Plan:
    rng = random.Random(seed)
    registry = Registry.from_entry_points()
    evaluated = []
    for number in range(people):
        certified = datetime.date(2022, 1, 1) + datetime.timedelta(days=rng.randrange(1400))
        credentials = [PersonCredential("AAMA", "CMA", certified)]
        if number % 2:
            credentials.append(PersonCredential("NHA", "CCMA", certified))
        person = Person(
            f"E-{number:06d}",
            name=f"Person {number}",
            credentials=credentials,
            attributes={"manager": f"Manager {number % 40}"},
        )
        evaluated.append(evaluate(person, as_of="2026-11-25", registry=registry))
    return plan_for(evaluated)


def icalendar_model(plan: Plan) -> bytes:
    """The calendar as icalendar's object model writes it, property by property."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", "Recertification plan")
    calendar.add("x-wr-calname", "Recertification plan")
    seen: Counter[str] = Counter()
    for action in plan.actions:
        key = uid_key(action)
        seen[key] += 1
        subject = f"{action.who}, {action.credential}: {action.title}"
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
        lines += [f"{name}: {value}" for name, value in action.attributes.items()]
        lines.append(f"Due: {action.due_on}{' (overdue)' if action.overdue else ''}")
        event.add("description", "\n".join(lines))
        overdue = ["OVERDUE"] if action.overdue else []
        event.add("categories", ["recertlib", action.kind.value, *overdue])
        event.add("transp", "TRANSPARENT")
        for days in LEADS:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", datetime.timedelta(days=-days))
            alarm.add("description", f"in {days} days: {subject}")
            event.add_component(alarm)
        calendar.add_component(event)
    written: bytes = calendar.to_ical()
    return written


def cpu_time(work: Callable[[], object]) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    arguments = parser.parse_args(argv)

    plan = plan_of(arguments.people, arguments.seed)
    written = to_ics(plan, alarms_days=LEADS, stamp=STAMP)
    assert written == icalendar_model(plan), "the two ways wrote different calendars"
    work: dict[str, Callable[[], object]] = {
        "to_ics": lambda: to_ics(plan, alarms_days=LEADS, stamp=STAMP),
        "icalendar": lambda: icalendar_model(plan),
    }
    timings: dict[str, list[float]] = {name: [] for name in work}
    for _ in range(arguments.repeat):  # each round times each, in turn
        for name, run in work.items():
            timings[name].append(cpu_time(run))
    events = len(plan.actions)
    rates = {name: events / min(took) for name, took in timings.items()}
    print(
        f"{events} events ({arguments.people} people), three reminders each,"
        f" best of {arguments.repeat} interleaved rounds, CPU time"
    )
    for name, rate in rates.items():
        print(
            f"{name:>10}: {rate:10,.0f} events/s   {name} / icalendar = "
            f"{rate / rates['icalendar']:.2f}"
        )
    return rates


if __name__ == "__main__":
    main()
