"""Each activity on its own: whether it may count at all (window, unit, area, approval, length,
duplicates), and its credit in the body's unit, tiers included."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from attrs import define, frozen

from recertlib.inputs import Activity
from recertlib.quantities.amounts import ZERO, quantity
from recertlib.quantities.dates import Date
from recertlib.quantities.units import Converted, converted
from recertlib.results.verdict import Reason, Refusal
from recertlib.rules import ContinuingEducation, Conversion, CycleDates, Spanning
from recertlib.rules.compiled import CompiledEducation


@frozen
class CreditWindow:
    """The dates between which credit counts, and the evaluation date."""

    starts_on: Date
    ends_on: Date
    as_of: Date
    cycle: CycleDates | None = None
    """The cycle's own dates, which requirements' dates count from; the window's when
    ``None``."""

    @property
    def cycle_dates(self) -> CycleDates:
        """The cycle's dates, or the window's when the cycle's are not given."""
        return self.cycle or CycleDates(self.starts_on, self.ends_on)


@define
class Credit:
    """One activity's credit as the allocation sees it."""

    activity: Activity
    amount: Decimal
    """In the body's unit, after conversion and tiers."""
    area: str | None
    """The area it is recorded in, after conversion."""
    areas: frozenset[str | None]
    """Every area it may count in."""
    approved: bool
    unit: str
    tags: frozenset[str]
    refusals: list[Refusal]
    conversion: Conversion | None = None
    measured: bool = False
    """Recorded in a unit a measure counts, or a pathway's record of an exam: not credit."""
    own_window: bool = False
    """Counted by a measure, which says itself when its records count: no credit window
    refuses it."""
    """Recorded in a unit a measure counts, not credit."""
    countable: bool = True
    recorded: Decimal | None = None
    """The amount in the conversion's unit, when the activity was recorded in a common unit
    converted into it (``None``: the activity's own amount, in the conversion's unit)."""
    inexact: str = ""
    """Why its unit is refused, in the rules' own words where they give some (a unit the body
    refuses, with its reason) or when a common unit could not be converted exactly."""
    recorded_in: str | None = None
    """The common unit it was recorded in, when converted into :attr:`unit` through the
    common relations: selectors that name either unit select it."""

    def atoms(self) -> frozenset[tuple[str | None, bool, str, frozenset[str], str | None]]:
        """Where its credit may go: one atom per area, with the attributes selectors read."""
        return frozenset(
            (area, self.approved, self.unit, self.tags, self.recorded_in) for area in self.areas
        )


def judge(
    activities: Iterable[Activity],
    compiled: CompiledEducation,
    window: CreditWindow,
    measured_units: frozenset[str],
    measures: frozenset[str] = frozenset(),
) -> list[Credit]:
    """Every activity judged on its own, in a canonical order, duplicates left to the caller.
    Activities in ``measured_units`` are records, not credit; of those, the ones in
    ``measures`` are counted by a measure, on its own window."""
    return [
        _judge(activity, compiled, window, measured_units, measures)
        for activity in sorted(activities, key=Activity.sort_key)
    ]


def _judge(
    activity: Activity,
    compiled: CompiledEducation,
    window: CreditWindow,
    measured_units: frozenset[str],
    measures: frozenset[str],
) -> Credit:
    rules = compiled.rules
    unit = activity.unit.casefold()
    area = activity.area.casefold() if activity.area else None
    approved = rules.approver is not None and activity.is_approved_by(rules.approver)
    measured = unit in measured_units
    route = None if measured else compiled.route(unit)
    conversion = None
    amount = activity.amount if measured else ZERO
    recorded: Decimal | None = None
    recorded_in: str | None = None
    inexact = ""
    refused = "" if measured else compiled.refusal(unit)
    if route is not None and route.ratio is None:
        conversion = route.conversion
    elif route is not None and route.ratio is not None:
        # A common unit the body does not name: into one it does, through the relations.
        found = converted(activity.amount, unit, route.conversion.unit, route.ratio)
        if isinstance(found, Converted):
            conversion = route.conversion
            recorded = found.amount
            recorded_in = unit
            unit = found.unit
        else:
            inexact = found
    if conversion is not None:
        amount = (activity.amount if recorded is None else recorded) * conversion.factor
        area = conversion.area or area
        approved = approved if conversion.approved is None else conversion.approved
    others = frozenset(other.casefold() for other in activity.other_areas)
    if rules.areas is not None:
        others &= rules.areas
    credit = Credit(
        activity,
        amount,
        area,
        rules.areas_for(area, others),
        approved,
        unit,
        activity.tags,
        [],
        conversion,
        measured,
        recorded=recorded,
        inexact=inexact or refused,
        own_window=unit in measures,
        recorded_in=recorded_in,
    )
    refusal = _first_refusal(activity, compiled, window, credit)
    if refusal is not None:
        credit.refusals.append(refusal)
        credit.countable = False
    return credit


def _after_as_of(activity: Activity, window: CreditWindow) -> Refusal | None:
    done = activity.completed_on
    if done > window.as_of:
        return Refusal(Reason.AFTER_AS_OF, f"completed {done}, after the evaluation date")
    return None


def window_refusal(
    activity: Activity, rules: ContinuingEducation, window: CreditWindow
) -> Refusal | None:
    """Why ``activity`` falls outside the credit ``window``, if it does."""
    done = activity.completed_on
    started = activity.started_on or done
    if (late := _after_as_of(activity, window)) is not None:
        return late
    placed = started if rules.spanning is Spanning.WHERE_IT_STARTS else done
    first = started if rules.spanning is Spanning.WHOLLY_WITHIN else placed
    if first < window.starts_on:
        said = "started" if first != done else "completed"
        return Refusal(
            Reason.OUTSIDE_WINDOW,
            f"{said} {first}, before credit began counting on {window.starts_on}",
        )
    if placed > window.ends_on:
        said = "started" if placed != done else "completed"
        return Refusal(
            Reason.OUTSIDE_WINDOW,
            f"{said} {placed}, after credit stopped counting on {window.ends_on}",
        )
    return None


def _first_refusal(
    activity: Activity, compiled: CompiledEducation, window: CreditWindow, credit: Credit
) -> Refusal | None:
    rules = compiled.rules
    if credit.own_window:
        return _after_as_of(activity, window)
    refusal = window_refusal(activity, rules, window)
    if refusal is not None or credit.measured:
        return refusal
    conversion = credit.conversion
    done = activity.completed_on
    if conversion is None:
        return Refusal(
            Reason.UNKNOWN_UNIT, credit.inexact or f"unit {activity.unit!r} {compiled.unknown_unit}"
        )
    if conversion.counts_through is not None and done > conversion.counts_through:
        return Refusal(
            Reason.NO_LONGER_ACCEPTED,
            f"completed {done}; credit in {conversion.unit!r} counts only when completed by"
            f" {conversion.counts_through}",
        )
    if rules.areas is not None and credit.area not in rules.areas:
        areas = ", ".join(sorted(rules.areas))
        if activity.area is None:
            said = f"recorded without an area; credit counts only in an area of: {areas}"
        else:
            said = f"area {activity.area!r} is not one of: {areas}"
        return Refusal(Reason.UNKNOWN_AREA, said)
    if rules.approval_required and not credit.approved:
        return Refusal(Reason.NOT_APPROVED, f"not approved by {rules.approver}")
    for shortest in rules.minimum_lengths:
        if (
            shortest.selector.matches(
                area=credit.area,
                approved=credit.approved,
                unit=credit.unit,
                tags=credit.tags,
                recorded_in=credit.recorded_in,
            )
            and credit.amount < shortest.amount
        ):
            return Refusal(
                Reason.TOO_SHORT,
                f"{quantity(credit.amount, rules.unit)}; credit"
                f" {shortest.selector.describe()} counts from {shortest.amount.normalize():f}",
            )
    return None


def identity(credit: Credit, rules: ContinuingEducation) -> tuple[object, ...]:
    """What makes two records the same activity (or course, where repeats do not count)."""
    activity = credit.activity
    course = (activity.title.strip().casefold(), activity.provider.strip().casefold(), credit.area)
    if not rules.repeated_courses_count:
        return ("course", *course)
    if activity.certificate_id is not None:
        return ("certificate", activity.certificate_id.strip().casefold(), credit.area)
    return ("activity", *course, activity.completed_on)


def apply_tiers(credits: list[Credit]) -> None:
    """Value tiered units in order of completion: the first of the cycle count at the tier's
    factor, the rest at the conversion's own."""
    used: dict[str, Decimal] = {}
    for credit in credits:
        conversion = credit.conversion
        if not credit.countable or conversion is None or not conversion.tiers:
            continue
        recorded = credit.activity.amount if credit.recorded is None else credit.recorded
        seen = used.get(conversion.unit, ZERO)
        amount = ZERO
        floor = ZERO
        for tier in conversion.tiers:
            ceiling = floor + tier.up_to
            inside = max(min(seen + recorded, ceiling) - max(seen, floor), ZERO)
            amount += inside * tier.factor
            floor = ceiling
        amount += max(seen + recorded - max(seen, floor), ZERO) * conversion.factor
        used[conversion.unit] = seen + recorded
        credit.amount = amount
