"""Which activities' credit counts towards a continuing-education requirement, and how much.

Every activity is first judged on its own (window, unit, area, approval, duplicates); then the
caps decide how much of the capped credit counts. Capped credit goes first where a minimum
still needs it, so that a cap never costs the holder a minimum that another choice would have
met, and the result does not depend on the order the activities came in.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from attrs import define, frozen

from recertlib.amounts import ZERO, format_amount
from recertlib.dates import Date
from recertlib.model import Activity
from recertlib.rules import Cap, ContinuingEducation, Conversion, Selector
from recertlib.verdict import ActivityResult, Reason, Refusal, RequirementResult


@frozen
class CreditWindow:
    """The dates between which credit counts, and the evaluation date."""

    starts_on: Date
    ends_on: Date
    as_of: Date


@define
class _Credit:
    activity: Activity
    amount: Decimal
    area: str | None
    approved: bool
    unit: str
    refusals: list[Refusal]
    counted: Decimal = ZERO
    countable: bool = True


def _selected(selector: Selector, *, approved: bool, unit: str, area: str | None) -> bool:
    if selector.approved is not None and selector.approved != approved:
        return False
    if selector.units is not None and unit not in selector.units:
        return False
    return selector.areas is None or area in selector.areas


def _matches(selector: Selector, credit: _Credit) -> bool:
    return _selected(selector, approved=credit.approved, unit=credit.unit, area=credit.area)


def _judge(activity: Activity, rules: ContinuingEducation, window: CreditWindow) -> _Credit:
    conversion = rules.conversion_for(activity.unit)
    area = activity.area.casefold() if activity.area else None
    approved = rules.approver is not None and activity.is_approved_by(rules.approver)
    amount = ZERO
    if conversion is not None:
        amount = activity.amount * conversion.factor
        area = conversion.area or area
        approved = approved if conversion.approved is None else conversion.approved
    credit = _Credit(activity, amount, area, approved, activity.unit.casefold(), [])

    refusal = _first_refusal(activity, rules, window, credit, conversion)
    if refusal is not None:
        credit.refusals.append(refusal)
        credit.countable = False
    return credit


def _first_refusal(
    activity: Activity,
    rules: ContinuingEducation,
    window: CreditWindow,
    credit: _Credit,
    conversion: Conversion | None,
) -> Refusal | None:
    done = activity.completed_on
    if done > window.as_of:
        return Refusal(Reason.AFTER_AS_OF, f"completed {done}, after the evaluation date")
    if done < window.starts_on:
        return Refusal(
            Reason.OUTSIDE_WINDOW, f"completed {done}, before the cycle began on {window.starts_on}"
        )
    if done > window.ends_on:
        return Refusal(
            Reason.OUTSIDE_WINDOW,
            f"completed {done}, after credit stopped counting on {window.ends_on}",
        )
    if conversion is None:
        units = ", ".join(known.unit for known in rules.conversions)
        return Refusal(Reason.UNKNOWN_UNIT, f"unit {activity.unit!r} is not one of: {units}")
    if conversion.counts_through is not None and done > conversion.counts_through:
        return Refusal(
            Reason.NO_LONGER_ACCEPTED,
            f"completed {done}; credit in {conversion.unit!r} counts only when completed by"
            f" {conversion.counts_through}",
        )
    if rules.areas is not None and credit.area not in rules.areas:
        areas = ", ".join(sorted(rules.areas))
        given = "no area" if activity.area is None else f"area {activity.area!r}"
        return Refusal(Reason.UNKNOWN_AREA, f"{given} is not one of: {areas}")
    if rules.approval_required and not credit.approved:
        return Refusal(Reason.NOT_APPROVED, f"not approved by {rules.approver}")
    return None


def _identity(credit: _Credit, rules: ContinuingEducation) -> tuple[object, ...]:
    activity = credit.activity
    course = (activity.title.strip().casefold(), activity.provider.strip().casefold(), credit.area)
    if not rules.repeated_courses_count:
        return ("course", *course)
    if activity.certificate_id is not None:
        return ("certificate", activity.certificate_id.strip().casefold(), credit.area)
    return ("activity", *course, activity.completed_on)


def _refuse_duplicates(credits: list[_Credit], rules: ContinuingEducation) -> None:
    # Of the records of one activity, the one worth most counts (the first of equals), so that
    # taking a record away never makes the verdict better.
    identified = [(credit, _identity(credit, rules)) for credit in credits if credit.countable]
    kept: dict[tuple[object, ...], _Credit] = {}
    for credit, identity in identified:
        if identity not in kept or credit.amount > kept[identity].amount:
            kept[identity] = credit
    for credit, identity in identified:
        original = kept[identity]
        if original is not credit:
            credit.countable = False
            credit.refusals.append(
                Refusal(Reason.DUPLICATE, f"same as {_describe(original.activity)}")
            )


def _describe(activity: Activity) -> str:
    return f"{activity.title!r} completed {activity.completed_on}"


class _Allocation:
    """Counts credit against the caps and tracks what each minimum still needs."""

    def __init__(self, rules: ContinuingEducation) -> None:
        self.rules = rules
        self.room = {cap: cap.amount for cap in rules.caps}
        self.need = [minimum.amount for minimum in rules.minimums]

    def caps_of(self, credit: _Credit) -> list[Cap]:
        return [cap for cap in self.rules.caps if _matches(cap.selector, credit)]

    def need_served_by(self, credit: _Credit) -> Decimal:
        needs = [
            need
            for minimum, need in zip(self.rules.minimums, self.need, strict=True)
            if _matches(minimum.selector, credit)
        ]
        return max(needs, default=ZERO)

    def count(self, credit: _Credit, caps: list[Cap], at_most: Decimal) -> None:
        take = min([at_most, credit.amount - credit.counted, *(self.room[cap] for cap in caps)])
        if take <= 0:
            return
        credit.counted += take
        for cap in caps:
            self.room[cap] -= take
        for index, minimum in enumerate(self.rules.minimums):
            if _matches(minimum.selector, credit):
                self.need[index] = max(self.need[index] - take, ZERO)


def assess(
    activities: Iterable[Activity], rules: ContinuingEducation, window: CreditWindow
) -> tuple[ActivityResult, ...]:
    """Judge every activity and count its credit under ``rules`` within ``window``."""
    credits = [
        _judge(activity, rules, window) for activity in sorted(activities, key=Activity.sort_key)
    ]
    _refuse_duplicates(credits, rules)

    allocation = _Allocation(rules)
    capped: list[tuple[_Credit, list[Cap]]] = []
    for credit in credits:
        if not credit.countable:
            continue
        caps = allocation.caps_of(credit)
        if caps:
            capped.append((credit, caps))
        else:
            allocation.count(credit, caps, credit.amount)
    # Capped credit first goes where a minimum still needs it, then fills what room is left.
    for credit, caps in capped:
        allocation.count(credit, caps, allocation.need_served_by(credit))
    for credit, caps in capped:
        allocation.count(credit, caps, credit.amount)
        if credit.counted < credit.amount:
            full = [cap for cap in caps if allocation.room[cap] <= 0]
            credit.refusals.append(_over_cap(credit, full, rules.unit))

    return tuple(
        ActivityResult(
            activity=credit.activity,
            credit=credit.amount,
            counted=credit.counted,
            area=credit.area,
            approved=credit.approved,
            refusals=tuple(credit.refusals),
        )
        for credit in credits
    )


def _over_cap(credit: _Credit, caps: list[Cap], unit: str) -> Refusal:
    refused = format_amount(credit.amount - credit.counted)
    limits = "; ".join(f"{cap.name}: at most {format_amount(cap.amount)} {unit}s" for cap in caps)
    return Refusal(Reason.OVER_CAP, f"{refused} {unit}s over the cap ({limits})")


def requirements(
    results: Iterable[ActivityResult], rules: ContinuingEducation
) -> tuple[RequirementResult, ...]:
    """The total and every minimum, with what the counted credit earns towards each."""
    counted = [result for result in results if result.is_counted]
    total = sum((result.counted for result in counted), ZERO)
    found = [RequirementResult("Total", rules.total, total, rules.unit)]
    for minimum in rules.minimums:
        earned = sum(
            (
                result.counted
                for result in counted
                if _selected(
                    minimum.selector,
                    approved=result.approved,
                    unit=result.activity.unit.casefold(),
                    area=result.area,
                )
            ),
            ZERO,
        )
        found.append(RequirementResult(minimum.name, minimum.amount, earned, rules.unit))
    return tuple(found)
