"""Seeded, deterministic data for the benchmarks: holder records of all five shipped bodies with
realistic histories, and HR export pairs. Standard library only, so that generating the input
is never part of what is timed or of what the library under test can change.

A holder record is the JSON data of one line of a holder file (``{"credential": {...},
"activities": [...]}``). Each holder has about twenty activities: most in the units its body
takes, some in common units its rules convert, some in units it does not know, some completed
before the cycle began or after it ended (and a few after the evaluation date), some recorded
twice (the same course entered again, now and then with another amount or approval), and now
and then a passed exam. Certification dates put most holders in their current cycle and the
rest in grace, lapsed or long lapsed, so every pathway is exercised.

Holder ``number`` of a seed is the same whatever else is generated: each has a random generator
of its own, so any slice of a large file can be made again on its own.
"""

from __future__ import annotations

import calendar
import csv
import datetime
import json
import random
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

AS_OF = datetime.date(2026, 11, 25)
"""The evaluation date of every benchmark (that of the examples)."""

SEED = 2026
"""The default seed."""

BODIES = ("AAMA", "NHA", "NREMT", "NCCPA", "CA-BRN")
"""The five shipped bodies, in the order holders are dealt out."""

CREDENTIALS = {"AAMA": "CMA", "NHA": "CCMA", "NREMT": "EMT", "NCCPA": "PA-C", "CA-BRN": "RN"}
"""Each body's credential."""

HANDWRITTEN_BODIES = ("AAMA", "NHA")
"""The bodies the hand-written evaluator knows."""

Size = tuple[int, int]
"""The fewest and most activities of a holder."""

ACTIVITIES: Size = (16, 24)
"""The fewest and most activities of a holder (about twenty)."""

DUPLICATE_SHARE = 0.08
"""The share of activities that repeat an earlier record of the same holder."""

Record = dict[str, Any]
Day = datetime.date


# --- calendar helpers ------------------------------------------------------------------------


def add_months(day: Day, months: int) -> Day:
    """``day`` plus ``months``, on the same day of the month or the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return Day(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def month_end(year: int, month: int) -> Day:
    """The last day of a month, the month counted on past December (month 14 is February of
    the next year)."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return Day(year, month, calendar.monthrange(year, month)[1])


def _between(rng: random.Random, first: Day, last: Day) -> Day:
    """A day from ``first`` through ``last`` (``first`` when ``last`` is before it)."""
    return first + datetime.timedelta(days=rng.randrange(max((last - first).days, 0) + 1))


# --- activities ------------------------------------------------------------------------------

Make = Callable[[random.Random, int, Day], Record]
"""Makes activity number ``index`` of a holder, completed on the day given."""


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([name for name, _ in table], [weight for _, weight in table])[0]


def _history(
    rng: random.Random, first: Day, last: Day, make: Make, approver: str, size: Size
) -> list[Record]:
    """``size`` activities (the fewest and most; about twenty) completed between ``first``
    and ``last`` (clipped to two weeks after the evaluation date), some of them records of an
    earlier one again (``approver`` is the body whose approval such a record may add or
    drop)."""
    last = min(last, AS_OF + datetime.timedelta(days=14))
    first = min(first, last)
    activities: list[Record] = []
    for index in range(rng.randint(*size)):
        if activities and rng.random() < DUPLICATE_SHARE:
            again = dict(rng.choice(activities))
            if rng.random() < 0.3:  # entered again with another amount
                again["amount"] = rng.choice(["0.5", "1", "2", "3"])
            if rng.random() < 0.15:  # and now and then another approval
                again["approved_by"] = [] if again.get("approved_by") else [approver]
            activities.append(again)
        else:
            activities.append(make(rng, index, _between(rng, first, last)))
    return activities


def _activity(
    rng: random.Random,
    index: int,
    done: Day,
    unit: str,
    amount: str,
    title: str,
    provider: str,
) -> Record:
    activity: Record = {
        "title": f"{title} {index}",
        "provider": provider,
        "completed_on": done.isoformat(),
        "amount": amount,
        "unit": unit,
    }
    if rng.random() < 0.3:
        activity["certificate_id"] = f"C-{rng.randrange(10**8):08d}"
    if rng.random() < 0.1:
        started = done - datetime.timedelta(days=rng.randrange(1, 30))
        activity["started_on"] = started.isoformat()
    return activity


def _exam(done: Day, unit: str) -> Record:
    return {
        "title": "Certification exam",
        "completed_on": done.isoformat(),
        "amount": "1",
        "unit": unit,
    }


# --- AAMA CMA --------------------------------------------------------------------------------

_AAMA_UNITS = (
    ("contact_hour", 25),
    ("aama_ceu", 25),
    ("point", 8),
    ("ceu", 8),
    ("minute", 5),
    ("clock_hour", 5),  # a common unit the AAMA converts through minutes
    ("iacet_ceu", 4),  # a common unit the AAMA converts through contact hours
    ("cpr_card", 4),
    ("college_credit", 3),
    ("semester_credit", 2),
    ("quarter_credit", 1),
    ("hour", 3),  # not an AAMA unit
    ("webinar", 2),  # not a unit at all
)
_AAMA_AMOUNTS = {
    "minute": ("30", "45", "60", "90", "120", "240"),
    "clock_hour": ("0.5", "1", "2", "4"),
    "iacet_ceu": ("0.1", "0.5", "1", "1.5"),
    "cpr_card": ("1",),
    "college_credit": ("1", "2", "3"),
    "semester_credit": ("1", "2", "3"),
    "quarter_credit": ("1", "2"),
}
_HOURS = ("0.5", "1", "1.5", "2", "3", "4", "5", "6", "8", "10")
_AAMA_AREAS = (
    ("administrative", 30),
    ("clinical", 30),
    ("general", 30),
    ("Clinical", 2),  # areas are compared without regard to case
    ("billing", 3),  # not an AAMA content area
)


def _aama_activity(rng: random.Random, index: int, done: Day) -> Record:
    unit = _weighted(rng, _AAMA_UNITS)
    amount = rng.choice(_AAMA_AMOUNTS.get(unit, _HOURS))
    provider = rng.choice(
        ["AAMA e-Learning Center", "Community College", "Clinic Learning Network", "AHA"]
    )
    activity = _activity(rng, index, done, unit, amount, "Medical assisting", provider)
    if rng.random() < 0.95:
        activity["area"] = _weighted(rng, _AAMA_AREAS)
    roll = rng.random()
    if roll < 0.5:
        activity["approved_by"] = ["AAMA"]
    elif roll < 0.55:
        activity["approved_by"] = ["aama"]
    elif roll < 0.6:
        activity["approved_by"] = ["NHA"]
    return activity


def aama_holder(rng: random.Random, number: int, size: Size = ACTIVITIES) -> Record:
    """A CMA (AAMA): most certified in the last 63 months, some long ago (before the 2013 CPR
    change and the 2020 policy), a few certified after the evaluation date."""
    roll = rng.random()
    if roll < 0.85:
        certified = _between(rng, add_months(AS_OF, -63), AS_OF)
    elif roll < 0.99:
        certified = _between(rng, Day(2012, 1, 1), add_months(AS_OF, -63))
    else:
        certified = _between(rng, AS_OF, AS_OF + datetime.timedelta(days=30))
    expiry = month_end(certified.year, certified.month + 60)
    credential: Record = {"body": "AAMA", "credential": "CMA", "holder": f"CMA {number}"}
    credential["certified_on"] = certified.isoformat()
    if rng.random() < 0.05:  # the expiry the AAMA records, now and then a month off
        recorded = expiry if rng.random() < 0.8 else month_end(expiry.year, expiry.month + 1)
        credential["expires_on"] = recorded.isoformat()
    activities = _history(
        rng,
        certified - datetime.timedelta(days=120),
        expiry + datetime.timedelta(days=90),
        _aama_activity,
        "AAMA",
        size,
    )
    if rng.random() < 0.04:
        activities.append(_exam(_between(rng, certified, AS_OF), "cma_exam"))
    return {"credential": credential, "activities": activities}


# --- NHA CCMA --------------------------------------------------------------------------------

_NHA_UNITS = (
    ("ce_credit", 40),
    ("hour", 20),
    ("contact_hour", 15),
    ("clock_hour", 8),
    ("iacet_ceu", 4),  # common units the NHA converts through contact or clock hours
    ("semester_credit", 2),
    ("quarter_credit", 1),
    ("minute", 4),  # 50 minutes is no exact number of clock hours: refused
    ("point", 3),  # not an NHA unit
    ("aama_ceu", 3),
)
_NHA_AMOUNTS = {
    "ce_credit": ("0.25", "0.5", "1"),
    "iacet_ceu": ("0.1", "0.2", "0.5"),
    "semester_credit": ("1",),
    "quarter_credit": ("1",),
    "minute": ("45", "50", "90", "120"),
}


def _nha_activity(rng: random.Random, index: int, done: Day) -> Record:
    unit = _weighted(rng, _NHA_UNITS)
    amount = rng.choice(_NHA_AMOUNTS.get(unit, ("0.5", "1", "2")))
    provider = rng.choice(["NHA", "Clinic Learning Network", "Community College"])
    activity = _activity(rng, index, done, unit, amount, "Clinical skills", provider)
    if rng.random() < 0.5:
        activity["area"] = rng.choice(["clinical", "phlebotomy", "EKG"])
    if rng.random() < 0.3:
        activity["approved_by"] = ["NHA"]
    return activity


def nha_holder(rng: random.Random, number: int, size: Size = ACTIVITIES) -> Record:
    """A CCMA (NHA): most certified in the last 27 months (current, renewing, reinstating),
    the rest earlier (exam only)."""
    if rng.random() < 0.85:
        certified = _between(rng, add_months(AS_OF, -27), AS_OF)
    else:
        certified = _between(rng, Day(2016, 1, 1), add_months(AS_OF, -27))
    expiry = add_months(certified, 24)
    credential: Record = {"body": "NHA", "credential": "CCMA", "holder": f"CCMA {number}"}
    credential["certified_on"] = certified.isoformat()
    if rng.random() < 0.05:
        credential["expires_on"] = expiry.isoformat()
    activities = _history(
        rng,
        certified - datetime.timedelta(days=90),
        expiry + datetime.timedelta(days=60),
        _nha_activity,
        "NHA",
        size,
    )
    if rng.random() < 0.04:
        activities.append(_exam(_between(rng, certified, AS_OF), "ccma_exam"))
    return {"credential": credential, "activities": activities}


# --- NREMT EMT -------------------------------------------------------------------------------

_NREMT_AREAS = (
    ("national", 25),
    ("airway", 6),
    ("cardiovascular", 8),
    ("trauma", 6),
    ("medical", 8),
    ("operations", 6),
    ("local", 20),
    ("individual", 20),
    ("county", 1),  # not an NCCP component
)


def _nremt_activity(rng: random.Random, index: int, done: Day) -> Record:
    unit = _weighted(rng, (("hour", 60), ("credit", 30), ("contact_hour", 5), ("ceu", 5)))
    amount = rng.choice(("0.5", "1", "1.5", "2", "3", "4"))
    provider = rng.choice(["CAPCE provider", "County EMS", "Fire Academy"])
    activity = _activity(rng, index, done, unit, amount, "EMS education", provider)
    area = _weighted(rng, _NREMT_AREAS)
    activity["area"] = area
    tags = []
    if rng.random() < 0.4:
        tags.append("distributive")
    if area not in {"local", "individual"} and rng.random() < 0.2:
        tags.append("pediatrics")
    if tags:
        activity["tags"] = tags
    return activity


def nremt_holder(rng: random.Random, number: int, size: Size = ACTIVITIES) -> Record:
    """An NREMT EMT whose last recertification was processed in a season (1 October to 31
    March), so that the next 31 March expiry falls in 2025 to 2028."""
    expiry_year = _weighted(rng, (("2025", 5), ("2026", 10), ("2027", 45), ("2028", 40)))
    previous = Day(int(expiry_year) - 2, 3, 31)
    certified = _between(rng, Day(previous.year - 1, 10, 1), previous)
    expiry = Day(int(expiry_year), 3, 31)
    facts: Record = {}
    if rng.random() < 0.9:
        facts["state_licensed"] = rng.random() < 0.7
    if rng.random() < 0.1:
        facts["paper_application"] = True
    credential: Record = {"body": "NREMT", "credential": "EMT", "holder": f"EMT {number}"}
    credential["certified_on"] = certified.isoformat()
    credential["facts"] = facts
    activities = _history(
        rng,
        certified - datetime.timedelta(days=60),
        expiry + datetime.timedelta(days=45),
        _nremt_activity,
        "NREMT",
        size,
    )
    if rng.random() < 0.04:
        activities.append(_exam(_between(rng, certified, AS_OF), "nremt_exam"))
    return {"credential": credential, "activities": activities}


# --- NCCPA PA-C ------------------------------------------------------------------------------


def _nccpa_activity(rng: random.Random, index: int, done: Day) -> Record:
    unit = _weighted(
        rng, (("cme_credit", 70), ("self_assessment", 12), ("pi_cme", 8), ("contact_hour", 5))
    )
    amounts = {"pi_cme": ("5", "10", "20"), "self_assessment": ("2", "5", "10")}
    amount = rng.choice(amounts.get(unit, ("1", "2", "4", "5", "8", "10")))
    provider = rng.choice(["AAPA", "Hospital CME Office", "Specialty Society"])
    activity = _activity(rng, index, done, unit, amount, "CME", provider)
    if unit == "cme_credit" or rng.random() < 0.3:
        activity["area"] = rng.choice(["category 1", "category 1", "category 2", "Category 2"])
    return activity


def nccpa_holder(rng: random.Random, number: int, size: Size = ACTIVITIES) -> Record:
    """A PA-C in the 10-year process begun on ``originally_issued_on`` (2014 to 2024), in its
    current 2-year cycle (ending 31 December) or the one before."""
    issued = _between(rng, Day(2014, 1, 1), Day(2024, 6, 30))
    expiry_year = issued.year + 2
    while expiry_year < AS_OF.year:
        expiry_year += 2
    if rng.random() < 0.15 and expiry_year - 2 >= issued.year + 2:
        expiry_year -= 2  # the cycle before: lapsed, or regaining
    first = expiry_year == issued.year + 2
    certified = issued if first else Day(expiry_year - 2, 12, 31)
    expiry = Day(expiry_year, 12, 31)
    credential: Record = {"body": "NCCPA", "credential": "PA-C", "holder": f"PA-C {number}"}
    credential["certified_on"] = certified.isoformat()
    credential["facts"] = {"originally_issued_on": issued.isoformat()}
    window_from = certified if first else Day(expiry_year - 2, 5, 1)
    activities = _history(
        rng,
        window_from - datetime.timedelta(days=60),
        expiry + datetime.timedelta(days=30),
        _nccpa_activity,
        "NCCPA",
        size,
    )
    if rng.random() < 0.05:
        activities.append(_exam(_between(rng, certified, AS_OF), rng.choice(["panre", "panre_la"])))
    return {"credential": credential, "activities": activities}


# --- California BRN RN -----------------------------------------------------------------------


def _ca_activity(rng: random.Random, index: int, done: Day) -> Record:
    unit = _weighted(
        rng,
        (
            ("contact_hour", 80),
            ("semester_unit", 3),
            ("quarter_unit", 2),
            ("semester_credit", 3),
            ("iacet_ceu", 3),
            ("ce_credit", 4),
        ),
    )
    amounts = {"iacet_ceu": ("0.1", "0.2", "0.3"), "semester_credit": ("1",)}
    amount = rng.choice(amounts.get(unit, ("0.5", "1", "1", "2", "3", "4")))
    provider = rng.choice(["BRN provider CEP-1234", "Nursing CE Online", "University Extension"])
    activity = _activity(rng, index, done, unit, amount, "Nursing CE", provider)
    if rng.random() < 0.85:
        activity["approved_by"] = ["BRN"]
    if rng.random() < 0.08:
        activity["tags"] = ["implicit bias"]
    return activity


def ca_holder(rng: random.Random, number: int, size: Size = ACTIVITIES) -> Record:
    """A California RN: most renewed on their last expiry (the last day of the month after the
    birth month) within the last two years, a tenth two years before that (lapsed), a fifth in
    the first period after licensure."""
    born = _between(rng, Day(1960, 1, 1), Day(2000, 12, 31))
    first = rng.random() < 0.2
    if first:
        certified = _between(rng, add_months(AS_OF, -22), add_months(AS_OF, -1))
    else:
        year = max(y for y in (2024, 2025, 2026) if month_end(y, born.month + 1) <= AS_OF)
        if rng.random() < 0.1:
            year -= 2
        certified = month_end(year, born.month + 1)
    facts: Record = {"birth_date": born.isoformat()}
    if rng.random() < 0.5:
        facts["first_renewal"] = first
    else:
        facts["originally_issued_on"] = (
            certified if first else Day(rng.randint(1985, 2020), 6, 15)
        ).isoformat()
    credential: Record = {"body": "CA-BRN", "credential": "RN", "holder": f"RN {number}"}
    credential["certified_on"] = certified.isoformat()
    credential["facts"] = facts
    activities = _history(
        rng,
        certified - datetime.timedelta(days=90),
        certified + datetime.timedelta(days=800),
        _ca_activity,
        "BRN",
        size,
    )
    return {"credential": credential, "activities": activities}


# --- holders ---------------------------------------------------------------------------------

MAKERS: dict[str, Callable[[random.Random, int, Size], Record]] = {
    "AAMA": aama_holder,
    "NHA": nha_holder,
    "NREMT": nremt_holder,
    "NCCPA": nccpa_holder,
    "CA-BRN": ca_holder,
}


def holder(number: int, body: str, seed: int = SEED, size: Size = ACTIVITIES) -> Record:
    """Holder ``number`` of ``body`` for ``seed``: the same whatever else is generated."""
    return MAKERS[body](random.Random(f"{seed}-{body}-{number}"), number, size)


def holders(
    count: int, bodies: Iterable[str] = BODIES, seed: int = SEED, size: Size = ACTIVITIES
) -> Iterator[Record]:
    """``count`` holders, dealt out over ``bodies`` in turn."""
    chosen = tuple(bodies)
    for number in range(count):
        yield holder(number, chosen[number % len(chosen)], seed, size)


def json_lines(records: Iterable[Record]) -> str:
    """Records as JSON Lines text."""
    return "".join(json.dumps(record) + "\n" for record in records)


def write_json_lines(path: Path, records: Iterable[Record]) -> int:
    """Write records as a JSON Lines file, one at a time; the number written."""
    written = 0
    with path.open("w", encoding="utf-8") as file:
        for record in records:
            file.write(json.dumps(record) + "\n")
            written += 1
    return written


# --- HR export pairs -------------------------------------------------------------------------

PEOPLE_HEADER = (
    "Employee ID",
    "name",
    "birth_date",
    "body",
    "credential",
    "certified_on",
    "expires_on",
    "member",
    "first_renewal",
    "originally_issued_on",
)
ACTIVITY_HEADER = (
    "Employee ID",
    "title",
    "completed_on",
    "amount",
    "unit",
    "area",
    "provider",
    "approved_by",
    "certificate_id",
    "tags",
    "started_on",
)
HR_COLUMNS = {"person_id": "Employee ID"}
"""The column mapping the generated pair needs (its id column is ``Employee ID``)."""


def write_hr_export(folder: Path, people: int, seed: int = SEED) -> tuple[Path, Path, int]:
    """A people CSV (one row per credential: each person holds one or two of the five) and an
    activities CSV (every credential's history, the rows of all people shuffled together),
    like ``examples/people/hr/``. Returns both paths and the number of data rows."""
    rng = random.Random(f"{seed}-hr")
    people_path, activities_path = folder / "people.csv", folder / "activities.csv"
    activity_rows: list[list[str]] = []
    rows = 0
    with people_path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(PEOPLE_HEADER)
        for number in range(people):
            person = f"E-{number:07d}"
            held = rng.sample(BODIES, 1 + (rng.random() < 0.3))
            records = [holder(number, body, seed) for body in held]
            born = _between(rng, Day(1960, 1, 1), Day(2000, 12, 31)).isoformat()
            for record in records:  # the licence that needs it knows the birth date
                born = record["credential"].get("facts", {}).get("birth_date", born)
            for record in records:
                credential, facts = record["credential"], record["credential"].get("facts", {})
                writer.writerow(
                    [
                        person,
                        f"Person {number}",
                        born,
                        credential["body"],
                        credential["credential"],
                        credential["certified_on"],
                        credential.get("expires_on", ""),
                        rng.choice(["yes", "no", ""]),
                        _yes_no(facts.get("first_renewal")),
                        facts.get("originally_issued_on", ""),
                    ]
                )
                rows += 1
                activity_rows.extend(_activity_row(person, a) for a in record["activities"])
    rng.shuffle(activity_rows)
    with activities_path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(ACTIVITY_HEADER)
        writer.writerows(activity_rows)
    return people_path, activities_path, rows + len(activity_rows)


def _yes_no(value: object) -> str:
    return "" if value is None else "yes" if value else "no"


def _activity_row(person: str, activity: Record) -> list[str]:
    return [
        person,
        activity["title"],
        activity["completed_on"],
        activity["amount"],
        activity["unit"],
        activity.get("area", ""),
        activity.get("provider", ""),
        ";".join(activity.get("approved_by", [])),
        activity.get("certificate_id", ""),
        ";".join(activity.get("tags", [])),
        activity.get("started_on", ""),
    ]
