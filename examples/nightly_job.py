"""The nightly compliance job of a clinic network: copy this into your own scheduler.

It reads the HR export pair as the HR and learning systems write it (``examples/people/hr/``,
laid out by ``mapping.toml``), evaluates every person's credentials on one date, one person at
a time (with a progress line on a terminal), prints who may not use a credential and who has
something to do within 60 days, and writes into ``--out`` what a dashboard reads: the compact
outcomes (``outcomes.json``, described by ``recertlib schema --compact``) and one calendar per
manager (``calendars/<manager>.ics``). It exits 1 when anyone is not usable, 2 when some
record could not be evaluated, 3 for both, so that the scheduler can alert on it.

    python examples/nightly_job.py --as-of 2026-11-25 --out /tmp/nightly

Without ``--as-of`` the date is today in ``--tz`` (America/Chicago by default). The calendars
need the icalendar package (``pip install 'recertlib[ics]'``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from recertlib import InvalidInput, Plan, due_within, not_usable, plan_for, read_hr_export
from recertlib.io import Progress, outcomes_json
from recertlib.io.calendar import write_calendars

HR = Path(__file__).parent / "people" / "hr"
DUE_WITHIN_DAYS = 60


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", default=HR / "people.csv", help="the people CSV")
    parser.add_argument("--activities", default=HR / "activities.csv", help="the activities CSV")
    parser.add_argument("--mapping", default=HR / "mapping.toml", help="how the pair is laid out")
    parser.add_argument("--as-of", help="the date to evaluate on, YYYY-MM-DD (default: today)")
    parser.add_argument("--tz", default="America/Chicago", help="the zone 'today' is taken in")
    parser.add_argument("--out", type=Path, required=True, help="where the outputs go")
    arguments = parser.parse_args(argv)

    def progress(now: Progress) -> None:  # on a terminal only: a log has no use for it
        if sys.stderr.isatty():
            of = f"/{now.total}" if now.total else ""
            print(f"\r{now.stage.value} {now.done}{of} {now.unit}", end="", file=sys.stderr)

    # One person at a time: each is let go once their findings and actions are kept.
    as_of, people, errors = arguments.as_of, 0, 0
    blocked, due, actions, written = [], [], [], 0
    arguments.out.mkdir(parents=True, exist_ok=True)
    # Written aside and put in place whole: a failed night leaves the last good one to read.
    dashboard_file = arguments.out / "outcomes.json"
    partial = arguments.out / "outcomes.json.partial"
    try:
        export = read_hr_export(
            arguments.people, arguments.activities, mapping=arguments.mapping, progress=progress
        )
        with export, partial.open("w", encoding="utf-8") as dashboard:
            for outcome in export.evaluate(as_of=as_of, tz=arguments.tz, progress=progress):
                for item in outcomes_json(outcome, compact=True):  # what the dashboard reads
                    dashboard.write(f"{',' if written else '['}\n{json.dumps(item)}")
                    written += 1
                person = outcome.value
                if person is None:  # a bad row: reported, and the others still evaluated
                    print(f"error: {outcome.error}", file=sys.stderr)
                    errors += 1
                    continue
                as_of, people = person.as_of, people + 1
                for error in person.errors:  # each named by file, line and column
                    print(f"error: {error}", file=sys.stderr)
                    errors += 1
                who = f"{person.person.id} ({person.person.name})"
                blocked += [f"{who}  {m.credential}: {m.reason}" for m in not_usable([person])]
                soon = due_within([person], DUE_WITHIN_DAYS)
                due += [f"{who}  {m.credential}: {m.reason}" for m in soon]
                actions += plan_for(person).actions
            dashboard.write("\n]\n" if written else "[]\n")
    except InvalidInput as error:  # a whole file, the mapping or the date cannot be read
        print(f"error: {error}", file=sys.stderr)
        partial.unlink(missing_ok=True)
        return 2
    partial.replace(dashboard_file)
    if sys.stderr.isatty():
        print(file=sys.stderr)  # past the progress line

    said = f"{people} {'person' if people == 1 else 'people'}, {errors} error" + "s"[errors == 1 :]
    print(f"Compliance as of {as_of}: {said}")
    print(f"\nNot usable: {len(blocked)}")
    print("".join(f"  {line}\n" for line in blocked), end="")
    print(f"\nDue within {DUE_WITHIN_DAYS} days: {len(due)}")
    print("".join(f"  {line}\n" for line in due), end="")
    # One calendar per manager, earliest first, to import or subscribe to.
    plan = Plan(as_of, tuple(sorted(actions, key=lambda action: action.due_on)))
    calendars = write_calendars(plan, arguments.out / "calendars", "manager")
    print(f"\nCalendars: {len(plan.actions)} actions for {len(calendars)} managers")
    for manager, path in calendars.items():
        print(f"  {manager}: {path.relative_to(arguments.out)}")
    return (1 if blocked else 0) | (2 if errors else 0)


if __name__ == "__main__":
    sys.exit(main())
