"""A nightly compliance job for a clinic network: copy this into your own scheduler.

It reads the HR export pair (a people CSV and an activities CSV joined by the column
"Employee ID"), evaluates every person's credentials on one date, prints who may not use a
credential and who has an expiry or a deadline soon, writes the whole plan as a calendar file,
and exits 1 when anyone is not usable (2 when some rows could not be evaluated, 3 for both),
so that the scheduler can alert on it.

    python examples/nightly_job.py --as-of 2026-11-25 --calendar plan.ics

Without ``--as-of`` the date is today in ``--tz`` (default America/Chicago). The calendar
needs the icalendar package (``pip install 'recertlib[ics]'``); without it the job says so and
goes on. Only recertlib's public API is used.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from recertlib import Plan, due_within, evaluate, not_usable, plan_for, read_hr_export
from recertlib.quantities import evaluation_date
from recertlib.results import Action

HERE = Path(__file__).parent / "people" / "hr"
DUE_WITHIN_DAYS = 60


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", default=str(HERE / "people.csv"), help="the people CSV")
    parser.add_argument(
        "--activities", default=str(HERE / "activities.csv"), help="the activities CSV"
    )
    parser.add_argument("--as-of", help="the date to evaluate on, YYYY-MM-DD (default: today)")
    parser.add_argument("--tz", default="America/Chicago", help="the zone 'today' is taken in")
    parser.add_argument("--calendar", help="write the plan as an iCalendar file here")
    arguments = parser.parse_args(argv)

    try:
        as_of = evaluation_date(arguments.as_of, tz=arguments.tz)
    except (TypeError, ValueError) as error:
        parser.error(str(error))

    # One person at a time: the export is streamed, and each person is let go once their
    # findings and dated actions are kept, so that an export of any size fits in memory.
    people = errors = 0
    blocked: list[str] = []
    due: list[str] = []
    actions: list[Action] = []
    export = read_hr_export(
        arguments.people, arguments.activities, columns={"person_id": "Employee ID"}
    )
    with export:
        for record in export:
            if record.value is None:  # a bad row: reported, and the others still evaluated
                print(f"error: {record.error}", file=sys.stderr)
                errors += 1
                continue
            people += 1
            person = evaluate(record.value, as_of=as_of)
            for problem in person.errors:
                print(f"error: {record.label}: {problem}", file=sys.stderr)
                errors += 1
            who = f"{record.value.id} ({record.value.name})"
            blocked += [
                f"{who}  {match.credential}: {match.verdict.status.value}"
                for match in not_usable([person])
            ]
            due += [
                f"{who}  {match.credential}: {match.reason}"
                for match in due_within([person], DUE_WITHIN_DAYS)
            ]
            actions += plan_for(person).actions

    print(f"Compliance as of {as_of}: {people} people, {errors} errors")
    print(f"\nNot usable: {len(blocked)}")
    print("".join(f"  {line}\n" for line in blocked), end="")
    print(f"\nDue within {DUE_WITHIN_DAYS} days: {len(due)}")
    print("".join(f"  {line}\n" for line in due), end="")

    if arguments.calendar:
        # Earliest first; on one day, the person's own order of actions is kept.
        plan = Plan(as_of, tuple(sorted(actions, key=lambda action: action.due_on)))
        try:
            from recertlib.io.calendar import to_ics

            Path(arguments.calendar).write_bytes(to_ics(plan))
        except ImportError as missing:
            print(f"\nno calendar written: {missing}", file=sys.stderr)
        else:
            print(f"\nCalendar: {len(plan.actions)} actions written to {arguments.calendar}")

    return (1 if blocked else 0) | (2 if errors else 0)


if __name__ == "__main__":
    sys.exit(main())
