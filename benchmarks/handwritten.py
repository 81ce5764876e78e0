"""A minimal evaluator of the AAMA CMA and NHA CCMA rules, written by hand on plain dicts with the
standard library only: the yardstick that recertlib's end-to-end time is judged against.

It is what an application could write instead of using recertlib, for these two credentials
and nothing else: the same rules as the plugins encode them (``recertlib_aama.cma``,
``recertlib_nha.ccma``, summarised in ``shared/domain/RULES.md``), computed directly. It reads
the same JSON Lines, checks what it reads (dates, amounts, the fields it needs), evaluates, and
writes JSON Lines: the full result (every pathway with its dates and requirements, every
activity with its credit, what counted and why not) or a small one (status, usable, expiry,
recommended pathway, shortfalls). ``tests/test_benchmark.py`` checks that it agrees with
recertlib on the benchmark's holders, so that the comparison stays fair as either changes.

The rules, as the plugins encode them:

- CMA: expires on the last day of the month 60 months after the month of certification.
  Credit counts from the certification date through the expiry date, on or before the
  evaluation date. 60 points in all, at least 30 AAMA-approved and 10 in each of the
  administrative, clinical and general areas; at most 30 points not approved count; from
  2013-06-01 (the rules of the certification date) a CPR card counts 4 clinical approved
  points, at most 12; non-approved education shorter than 1 point is refused. Continuing
  education stays open through the end of the third month after the expiry month (expiries
  from 2020; earlier ones: 60 months, but no later than 2020-03-30), then only the exam
  (reactivation) remains.
- CCMA: expires two years after certification (same day of the month, or the month's last).
  10 CE credits, 2 hours to a credit; renewal stays open 90 days after expiry, reinstatement
  through 12 months after it (credit earned after the expiry never counts), then the exam.
- Both: units compared without regard to case; the common units the plugins do not name
  converted through recertlib's relations (an IACET CEU is ten contact hours, a clock hour
  sixty minutes; an amount that is no exact decimal in the unit converted into is refused);
  a record of an activity repeated (same title, provider, area and date, or the same
  certificate number and area) counts once, the largest record of those that count alike
  kept; where duplicates would count differently, the combination that best meets the
  requirements is kept. A passed exam is an activity in the unit ``cma_exam``/``ccma_exam``.
"""

from __future__ import annotations

import calendar
import datetime
import itertools
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Protocol

Day = datetime.date
ZERO = Decimal(0)
NEVER = Day.max

# --- calendar arithmetic ---------------------------------------------------------------------


def add_months(day: Day, months: int, *, month_end: bool = False) -> Day:
    """``months`` after ``day``: the same day of the month (or the month's last day), or with
    ``month_end`` the last day of the month it lands in; past the calendar, never."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if year > NEVER.year:
        return NEVER
    last = calendar.monthrange(year, month + 1)[1]
    return Day(year, month + 1, last if month_end else min(day.day, last))


def add_days(day: Day, days: int) -> Day:
    """``days`` after ``day``; past the calendar, never."""
    return NEVER if (NEVER - day).days <= days else day + datetime.timedelta(days=days)


# --- the rules -------------------------------------------------------------------------------

APPROVED, CPR = "AAMA-approved", "cpr_card"
AAMA_AREAS = ("administrative", "clinical", "general")

# unit: (factor into the body's unit, area it always counts in, approved whatever the record
# says); None keeps what the activity says.
AAMA_UNITS: dict[str, tuple[Decimal, str | None, bool | None]] = {
    "point": (Decimal(1), None, None),
    "contact_hour": (Decimal(1), None, None),  # the AAMA's contact hour: 50 minutes
    "aama_ceu": (Decimal(1), None, True),
    "ceu": (Decimal(1), None, None),
    "college_credit": (Decimal(15), None, False),
    "semester_credit": (Decimal(15), None, False),
    "quarter_credit": (Decimal(15), None, False),
    "minute": (Decimal("0.02"), None, None),
}
CPR_CARD = (Decimal(4), "clinical", True)
CPR_CARDS_FROM = Day(2013, 6, 1)
NHA_UNITS: dict[str, tuple[Decimal, str | None, bool | None]] = {
    "ce_credit": (Decimal(1), None, None),
    "hour": (Decimal("0.5"), None, None),
    "clock_hour": (Decimal("0.5"), None, None),
    "contact_hour": (Decimal("0.5"), None, None),
}
# Common units a body does not name, into the unit its rules prefer: (unit, how many of it).
AAMA_COMMON = {"clock_hour": ("minute", Fraction(60)), "iacet_ceu": ("contact_hour", Fraction(10))}
# The NHA plugin refuses college credit (semester and quarter credits): its sources are silent.
NHA_COMMON = {
    "iacet_ceu": ("contact_hour", Fraction(10)),
    "minute": ("clock_hour", Fraction(1, 60)),
}

AAMA_CE = "Recertify by continuing education"
AAMA_EXAM = "Recertify by exam"
AAMA_REACTIVATE = "Reactivate by exam"
NHA_RENEW = "Renew with continuing education"
NHA_REINSTATE = "Reinstate the certification"
NHA_EXAM = "Take the CCMA exam again"
TRANSITION_ENDS = Day(2020, 3, 30)
POLICY_2020 = Day(2020, 1, 1)


class InvalidRecord(ValueError):
    """A record that cannot be evaluated: a field missing or of the wrong kind."""


def _date(value: object, field: str) -> Day:
    if not isinstance(value, str) or len(value) != 10:
        raise InvalidRecord(f"{field}: expected a date as YYYY-MM-DD, got {value!r}")
    try:
        return Day.fromisoformat(value)
    except ValueError:
        raise InvalidRecord(f"{field}: expected a date as YYYY-MM-DD, got {value!r}") from None


def _amount(value: object) -> Decimal:
    try:
        amount = Decimal(value) if isinstance(value, str | int) else None
    except ArithmeticError:
        amount = None
    if amount is None or not amount.is_finite() or amount.is_signed() or amount > 1_000_000:
        raise InvalidRecord(f"amount: expected a non-negative decimal, got {value!r}")
    return amount


def _text(data: Mapping[str, Any], field: str, default: str | None = None) -> str:
    value = data.get(field, default)
    if not isinstance(value, str) or (default is None and not value.strip()):
        raise InvalidRecord(f"{field}: expected text, got {value!r}")
    return value


class Credit:
    """One activity as the rules judge it."""

    __slots__ = (
        "activity",
        "amount",
        "approved",
        "approvers",
        "area",
        "countable",
        "counted",
        "done",
        "exam",
        "key",
        "reasons",
        "recorded",
        "tags",
        "unit",
    )

    def __init__(self, activity: Mapping[str, Any]) -> None:
        self.activity = activity
        self.done = _date(activity.get("completed_on"), "completed_on")
        self.recorded = _amount(activity.get("amount"))
        unit = _text(activity, "unit")
        title = _text(activity, "title")
        area = activity.get("area")
        approvers = activity.get("approved_by", [])
        if not isinstance(approvers, list) or not all(isinstance(a, str) for a in approvers):
            raise InvalidRecord(f"approved_by: expected a list of names, got {approvers!r}")
        tags = activity.get("tags", [])
        started = activity.get("started_on")
        certificate = activity.get("certificate_id")
        # The canonical order of the activities: results never depend on the input's order.
        self.key = (
            self.done,
            title,
            _text(activity, "provider", ""),
            area or "",
            unit,
            self.recorded,
            tuple(sorted(set(approvers))),
            certificate or "",
            self.done if started is None else _date(started, "started_on"),
            tuple(sorted({tag.casefold() for tag in tags})),
        )
        self.unit = unit.casefold()
        self.area: str | None = area.casefold() if area else None
        self.approvers = approvers
        self.approved = False
        self.tags = frozenset(self.key[9])
        self.amount = ZERO
        self.countable = False
        self.counted = ZERO
        self.exam = False
        self.reasons: list[tuple[str, str]] = []

    def identity(self) -> tuple[object, ...]:
        """What makes two records the same activity."""
        certificate = self.activity.get("certificate_id")
        if certificate is not None:
            return ("certificate", certificate.strip().casefold(), self.area)
        title, provider = self.key[1], self.key[2]
        return (
            "activity",
            title.strip().casefold(),
            provider.strip().casefold(),
            self.area,
            self.done,
        )

    def atoms(self) -> tuple[object, ...]:
        return (self.area, self.approved, self.unit, self.tags)


def _exact(value: Fraction) -> Decimal | None:
    denominator, places = value.denominator, 0
    while denominator % 10 == 0:
        denominator //= 10
        places += 1
    for factor in (2, 5):
        while denominator % factor == 0:
            denominator //= factor
            places += 1
    if denominator != 1:
        return None
    return Decimal(value.numerator * 10**places // value.denominator).scaleb(-places)


def _judge(
    credit: Credit,
    units: Mapping[str, tuple[Decimal, str | None, bool | None]],
    common: Mapping[str, tuple[str, Fraction]],
    exam_unit: str,
    window: tuple[Day, Day, Day],
    aama: bool,
) -> None:
    """Convert the activity's amount into the body's unit, then refuse it for the first
    reason that applies: after the evaluation date, outside the window, an exam record (not
    credit), an unknown unit or area, too short."""
    # Only the AAMA names an approver: approval by anyone means nothing to the NHA's rules.
    credit.approved = aama and any(approver.casefold() == "aama" for approver in credit.approvers)
    conversion, unknown = None, ""
    credit.exam = credit.unit == exam_unit
    if credit.exam:
        credit.amount = credit.recorded
    else:
        recorded = credit.recorded
        conversion = units.get(credit.unit)
        if conversion is None and credit.unit in common:
            into, ratio = common[credit.unit]
            converted = _exact(Fraction(recorded) * ratio)
            if converted is None:
                unknown = f"{recorded} {credit.unit} is no exact number of {into}"
            else:
                credit.unit, recorded, conversion = into, converted, units[into]
        if conversion is not None:
            factor, area, approved = conversion
            credit.amount = recorded * factor
            credit.area = area or credit.area
            if approved is not None:
                credit.approved = approved
    starts, ends, as_of = window
    if credit.done > as_of:
        credit.reasons.append(
            ("after_as_of", f"completed {credit.done}, after the evaluation date")
        )
    elif credit.done < starts:
        credit.reasons.append(("outside_window", f"completed {credit.done}, before {starts}"))
    elif credit.done > ends:
        credit.reasons.append(("outside_window", f"completed {credit.done}, after {ends}"))
    elif credit.exam:
        pass  # a record of the exam, which no requirement counts as credit
    elif conversion is None:
        credit.reasons.append(("unknown_unit", unknown or f"unit {credit.unit!r} is not taken"))
    elif aama and credit.area not in AAMA_AREAS:
        credit.reasons.append(("unknown_area", f"area {credit.area!r} is not an AAMA area"))
    elif aama and not credit.approved and credit.amount < 1:
        credit.reasons.append(("too_short", f"{credit.amount} points, under 1 not approved"))
    else:
        credit.countable = True


def _duplicates(credits: list[Credit]) -> list[list[Credit]]:
    """Refuse all but one record of each activity; the groups whose records would count
    differently, each with its candidates, for the allocation to choose among."""
    groups: dict[tuple[object, ...], list[Credit]] = {}
    for credit in credits:
        if credit.countable:
            groups.setdefault(credit.identity(), []).append(credit)
    contested = []
    for records in groups.values():
        if len(records) == 1:
            continue
        best: dict[tuple[object, ...], Credit] = {}
        for credit in records:
            atoms = credit.atoms()
            if atoms not in best or credit.amount > best[atoms].amount:
                best[atoms] = credit
        candidates = list(best.values())
        if len(candidates) > 1:
            contested.append(candidates)
        _keep(records, candidates[0])
    return contested


def _keep(records: list[Credit], kept: Credit) -> None:
    for credit in records:
        credit.countable = credit is kept
        credit.reasons = [] if credit is kept else [("duplicate", f"same as {kept.key[1]!r}")]


class Standing:
    """The credit placed: earned per requirement, and what counted."""

    __slots__ = ("counted", "earned", "required")

    def __init__(self, required: dict[str, Decimal], earned: dict[str, Decimal], counted: Decimal):
        self.required, self.earned, self.counted = required, earned, counted

    def shortfall(self, name: str) -> Decimal:
        return max(self.required[name] - self.earned[name], ZERO)

    def met(self) -> bool:
        return all(self.earned[name] >= amount for name, amount in self.required.items())

    def score(self) -> tuple[bool, Decimal, Decimal]:
        return (not self.met(), sum(map(self.shortfall, self.required), ZERO), -self.counted)


AAMA_REQUIRED = {
    "Total": Decimal(60),
    APPROVED: Decimal(30),
    "Administrative": Decimal(10),
    "Clinical": Decimal(10),
    "General": Decimal(10),
}
NHA_REQUIRED = {"Total": Decimal(10)}


def _place_aama(credits: list[Credit], assign: bool) -> Standing:
    """Place the countable credit: approved credit counts in full, CPR cards up to 12 points,
    non-approved credit up to 30, first where an area still needs it. Every placement that
    meets the requirements as fully as possible, and then counts the most, has these
    shortfalls."""
    approved = dict.fromkeys(AAMA_AREAS, ZERO)
    cpr: list[Credit] = []
    others: dict[str, list[Credit]] = {area: [] for area in AAMA_AREAS}
    for credit in credits:
        if not credit.countable:
            continue
        assert credit.area is not None
        if credit.unit == CPR:
            cpr.append(credit)
        elif credit.approved:
            approved[credit.area] += credit.amount
            if assign:
                credit.counted = credit.amount
        else:
            others[credit.area].append(credit)
    cpr_counted = _fill(cpr, Decimal(12), assign)
    approved["clinical"] += cpr_counted
    room = Decimal(30)
    placed = dict.fromkeys(AAMA_AREAS, ZERO)
    for area in AAMA_AREAS:  # first where an area still needs credit
        need = max(Decimal(10) - approved[area], ZERO)
        available = sum((credit.amount for credit in others[area]), ZERO)
        placed[area] = min(need, available)
        room -= placed[area]
    for area in AAMA_AREAS:  # then what room is left
        available = sum((credit.amount for credit in others[area]), ZERO)
        extra = min(room, available - placed[area])
        placed[area] += extra
        room -= extra
        if assign:
            _fill(others[area], placed[area], assign)
    total_approved = sum(approved.values(), ZERO)
    counted = total_approved + sum(placed.values(), ZERO)
    earned = {
        "Total": counted,
        APPROVED: total_approved,
        "Administrative": approved["administrative"] + placed["administrative"],
        "Clinical": approved["clinical"] + placed["clinical"],
        "General": approved["general"] + placed["general"],
    }
    return Standing(AAMA_REQUIRED, earned, counted)


def _fill(credits: list[Credit], limit: Decimal, assign: bool) -> Decimal:
    """Count ``credits`` in order up to ``limit``; what counted."""
    left = limit
    for credit in credits:
        take = min(credit.amount, left)
        left -= take
        if assign:
            credit.counted = take
            if take < credit.amount:
                credit.reasons.append(("over_cap", f"{credit.amount - take} over the cap"))
    return limit - left


def _place_nha(credits: list[Credit], assign: bool) -> Standing:
    total = ZERO
    for credit in credits:
        if credit.countable:
            total += credit.amount
            if assign:
                credit.counted = credit.amount
    return Standing(NHA_REQUIRED, {"Total": total}, total)


CONTESTED_LIMIT = 32


def _resolve(credits: list[Credit], contested: list[list[Credit]], aama: bool) -> Standing:
    place = _place_aama if aama else _place_nha
    if contested:
        choices: list[tuple[Credit, ...]] = list(itertools.product(*contested))
        if len(choices) > CONTESTED_LIMIT:
            choices = [
                tuple(max(group, key=lambda c: (c.approved, c.amount)) for group in contested)
            ]
        best: tuple[tuple[bool, Decimal, Decimal], tuple[Credit, ...]] | None = None
        for choice in choices:
            for group, kept in zip(contested, choice, strict=True):
                _keep(group, kept)
            score = place(credits, False).score()
            if best is None or score < best[0]:
                best = (score, choice)
        assert best is not None
        for group, kept in zip(contested, best[1], strict=True):
            _keep(group, kept)
    return place(credits, True)


class Pathway:
    """One way to recertify on the evaluation date."""

    __slots__ = (
        "achievable",
        "closes",
        "exam_passed",
        "is_open",
        "kind",
        "name",
        "next_expiry",
        "opens",
        "ready",
        "requires_credit",
    )

    def __init__(
        self,
        name: str,
        kind: str,
        opens: Day,
        closes: Day | None,
        requires_credit: bool,
        as_of: Day,
    ) -> None:
        self.name, self.kind, self.opens, self.closes = name, kind, opens, closes
        self.requires_credit = requires_credit
        self.is_open = opens <= as_of and (closes is None or as_of <= closes)
        self.exam_passed: bool | None = None
        self.achievable = True
        self.ready = False
        self.next_expiry: Day | None = None


@dataclass(slots=True)
class Result:
    """A holder evaluated."""

    holder: str
    as_of: Day
    certified: Day
    expires: Day
    status: str
    recommended: Pathway | None
    pathways: list[Pathway]
    standing: Standing
    activities: list[Credit]

    @property
    def usable(self) -> bool:
        return self.status == "current"


class Writer(Protocol):
    """Where output lines go: a text file, or anything with its ``write``."""

    def write(self, text: str, /) -> int: ...


def evaluate(record: Mapping[str, Any], as_of: Day) -> Result:
    """Evaluate one holder record (``{"credential": {...}, "activities": [...]}``) on
    ``as_of``.

    :raises InvalidRecord: a field is missing or bad, or the credential is neither of the two.
    """
    credential = record.get("credential")
    activities = record.get("activities", [])
    if not isinstance(credential, Mapping) or not isinstance(activities, list):
        raise InvalidRecord("expected a credential object and a list of activities")
    body, code = _text(credential, "body").casefold(), _text(credential, "credential").casefold()
    if (body, code) not in {("aama", "cma"), ("nha", "ccma")}:
        raise InvalidRecord(f"no rules for {body} {code}")
    aama = body == "aama"
    holder = _text(credential, "holder")
    certified = _date(credential.get("certified_on"), "certified_on")
    recorded = credential.get("expires_on")
    if recorded is not None:
        expires = _date(recorded, "expires_on")
    elif aama:
        expires = add_months(certified, 60, month_end=True)
    else:
        expires = add_months(certified, 24)
    facts = credential.get("facts") or {}

    credits = sorted((Credit(activity) for activity in activities), key=lambda c: c.key)
    if aama:
        units = AAMA_UNITS
        if certified >= CPR_CARDS_FROM:  # the education rules of the certification date
            units = {**AAMA_UNITS, CPR: CPR_CARD}
        common, exam_unit = AAMA_COMMON, "cma_exam"
    else:
        units, common, exam_unit = NHA_UNITS, NHA_COMMON, "ccma_exam"
    window = (certified, expires, as_of)
    for credit in credits:
        _judge(credit, units, common, exam_unit, window, aama)
    standing = _resolve(credits, _duplicates(credits), aama)

    pathways = (
        _aama_pathways(certified, expires, as_of)
        if aama
        else _nha_pathways(certified, expires, as_of)
    )
    met = standing.met()
    for pathway in pathways:
        if pathway.kind == "exam":
            pathway.exam_passed = any(
                credit.unit == exam_unit
                and certified < credit.done
                and pathway.opens <= credit.done <= as_of
                and (pathway.closes is None or credit.done <= pathway.closes)
                for credit in credits
            )
        if pathway.requires_credit:
            until = expires if pathway.closes is None else min(expires, pathway.closes)
            pathway.achievable = met or until >= as_of
        pathway.ready = (
            pathway.is_open
            and (met or not pathway.requires_credit)
            and pathway.exam_passed is not False
        )
    if as_of < certified:
        status = "pending"
    elif as_of <= expires:
        status = "inactive" if facts.get("inactive") is True else "current"
    elif any(p.is_open and p.kind == "continuing_education" for p in pathways):
        status = "grace"
    else:
        status = "lapsed"
    open_ones = [p for p in pathways if p.is_open]
    recommended = next((p for p in open_ones if p.ready), None) or next(
        (p for p in open_ones if p.achievable), None
    )
    return Result(
        activities=credits,
        as_of=as_of,
        certified=certified,
        expires=expires,
        holder=holder,
        pathways=pathways,
        recommended=recommended,
        standing=standing,
        status=status,
    )


def _aama_pathways(certified: Day, expires: Day, as_of: Day) -> list[Pathway]:
    # The pathway rules in force on the expiry date.
    if expires >= POLICY_2020:
        closes = add_months(expires, 3, month_end=True)
        pathways = [
            Pathway(AAMA_CE, "continuing_education", certified, closes, True, as_of),
            Pathway(AAMA_EXAM, "exam", certified, closes, False, as_of),
            Pathway(AAMA_REACTIVATE, "exam", add_days(closes, 1), None, False, as_of),
        ]
    else:
        closes = min(add_months(expires, 60, month_end=True), TRANSITION_ENDS)
        pathways = [
            Pathway(AAMA_CE, "continuing_education", certified, closes, True, as_of),
            Pathway(AAMA_EXAM, "exam", certified, None, False, as_of),
        ]
    for pathway in pathways:  # recertifying today starts a cycle counted from today
        if pathway.is_open:
            pathway.next_expiry = add_months(as_of, 60, month_end=True)
    return pathways


def _nha_pathways(certified: Day, expires: Day, as_of: Day) -> list[Pathway]:
    renewal_closes = add_days(expires, 90)
    reinstatement_closes = add_months(expires, 12)
    pathways = [
        Pathway(NHA_RENEW, "continuing_education", certified, renewal_closes, True, as_of),
        Pathway(
            NHA_REINSTATE,
            "reinstatement",
            add_days(renewal_closes, 1),
            reinstatement_closes,
            True,
            as_of,
        ),
        Pathway(NHA_EXAM, "exam", add_days(reinstatement_closes, 1), None, False, as_of),
    ]
    for index, pathway in enumerate(pathways):
        if (
            pathway.is_open
        ):  # a renewal extends the expiry by two years; the others count from today
            pathway.next_expiry = add_months(expires if index == 0 else as_of, 24)
    return pathways


# --- output ----------------------------------------------------------------------------------


def small(result: Result) -> dict[str, Any]:
    """Status, usable, expiry, the recommended pathway and the shortfalls of the credit
    requirements."""
    standing = result.standing
    return {
        "holder": result.holder,
        "status": result.status,
        "usable": result.usable,
        "expires_on": result.expires.isoformat(),
        "recommended": result.recommended.name if result.recommended else None,
        "shortfalls": {
            name: str(standing.shortfall(name))
            for name in standing.required
            if standing.shortfall(name) > 0
        },
    }


def full(result: Result) -> dict[str, Any]:
    """Everything evaluated: the cycle, every pathway with its dates and requirements, every
    activity with its credit, what of it counted and why not."""
    standing = result.standing
    requirements = [
        {
            "name": name,
            "required": str(required),
            "earned": str(standing.earned[name]),
            "shortfall": str(standing.shortfall(name)),
            "met": standing.earned[name] >= required,
        }
        for name, required in standing.required.items()
    ]
    return {
        **small(result),
        "as_of": result.as_of.isoformat(),
        "cycle": {
            "starts_on": result.certified.isoformat(),
            "expires_on": result.expires.isoformat(),
        },
        "pathways": [
            {
                "name": pathway.name,
                "kind": pathway.kind,
                "opens_on": pathway.opens.isoformat(),
                "closes_on": pathway.closes.isoformat() if pathway.closes else None,
                "is_open": pathway.is_open,
                "achievable": pathway.achievable,
                "exam_passed": pathway.exam_passed,
                "can_recertify_now": pathway.ready,
                "next_expiry": pathway.next_expiry.isoformat() if pathway.next_expiry else None,
                "requirements": requirements if pathway.requires_credit else [],
            }
            for pathway in result.pathways
        ],
        "activities": [
            {
                "activity": credit.activity,
                "credit": str(credit.amount),
                "counted": str(credit.counted),
                "area": credit.area,
                "approved": credit.approved,
                "refusals": [
                    {"reason": reason, "detail": detail} for reason, detail in credit.reasons
                ],
            }
            for credit in result.activities
        ],
    }


def run(lines: Iterable[str], out: Writer, as_of: Day, *, full_output: bool = True) -> int:
    """Evaluate every JSON line of ``lines`` and write one JSON line per holder to ``out``
    (an error object for a record that cannot be evaluated); the number of lines written."""
    write = full if full_output else small
    written = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            text = json.dumps(write(evaluate(data, as_of)))
        except (InvalidRecord, ValueError, TypeError, AttributeError) as error:
            text = json.dumps({"line": number, "error": str(error)})
        out.write(text + "\n")
        written += 1
    return written


def results(records: Iterable[Mapping[str, Any]], as_of: Day) -> Iterator[Result]:
    """Every record evaluated (the test compares these with recertlib's verdicts)."""
    for record in records:
        yield evaluate(record, as_of)
