"""The pathways part of the rules: each way to recertify, when it is open, its fees, steps and
deadlines."""

from __future__ import annotations

import enum
from typing import Any

from attrs import field, frozen

from recertlib.errors import FieldValueError
from recertlib.fields import (
    as_tuple,
    boolean,
    folded_names,
    name_set,
    non_empty_text,
    of_type,
    optional_of_type,
    tuple_of,
)
from recertlib.quantities.dates import Span
from recertlib.rules.cycle import NextCycleFrom
from recertlib.rules.facts import Condition, OptionalCondition
from recertlib.rules.fees import Fee
from recertlib.rules.requirements import Requirement
from recertlib.rules.schedule import BeforeExpiry, DateRule


class PathwayKind(enum.Enum):
    """What a pathway asks of the holder."""

    CONTINUING_EDUCATION = "continuing_education"
    """Recertify (or renew) on the credit earned in the cycle."""
    EXAM = "exam"
    """Pass the certification exam again."""
    REINSTATEMENT = "reinstatement"
    """Restore a credential that has lapsed, on terms of its own."""
    INACTIVE = "inactive"
    """Renew into an inactive status, which keeps the credential but not the right to use it."""


def _units(value: object) -> Any:
    return frozenset() if value is None else folded_names(value)


def _unit_set(instance: object, attribute: Any, value: object) -> None:
    if value != frozenset():
        name_set(instance, attribute, value)


def _optional_requirements(values: Any) -> Any:
    if values is None:
        return None
    values = as_tuple(values)
    if not isinstance(values, tuple) or not values:
        raise FieldValueError("requirements", values, "expected a non-empty list of Requirements")
    for value in values:
        if not isinstance(value, Requirement):
            raise FieldValueError("requirements", value, "expected a Requirement")
    return values


def _due(value: object) -> Any:
    # A bare span is the common shape: "30 days before expiry".
    return BeforeExpiry(value) if isinstance(value, Span) else value


@frozen
class Deadline:
    """A date by which the holder must do something to use a pathway without a lapse: apply
    30 days before expiry (a :class:`~recertlib.quantities.Span` stands for
    :class:`~recertlib.rules.BeforeExpiry` it), pay by 31 December."""

    label: str = field(validator=non_empty_text)
    due: DateRule = field(converter=_due)

    @due.validator
    def _a_date_rule(self, attribute: Any, value: object) -> None:
        if not isinstance(value, DateRule):
            raise FieldValueError("due", value, "expected a DateRule or a Span")


@frozen
class Pathway:
    """One way to recertify, and when it is open.

    A pathway is open from ``opens`` (the cycle's first day when ``None``) through ``closes``
    (for good when ``None``), both :class:`~recertlib.rules.DateRule` objects counted from the
    cycle's dates.
    """

    kind: PathwayKind = field(validator=of_type(PathwayKind))
    name: str = field(validator=non_empty_text)
    opens: DateRule | None = field(default=None, kw_only=True, validator=optional_of_type(DateRule))
    closes: DateRule | None = field(
        default=None, kw_only=True, validator=optional_of_type(DateRule)
    )
    requires_credit: bool = field(default=False, kw_only=True, validator=boolean)
    """Whether the credit requirements must be met to use it."""
    fees: tuple[Fee, ...] = field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(Fee)
    )
    steps: tuple[str, ...] = field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(str)
    )
    """What the holder must still do besides earning credit, in the body's words."""
    next_cycle_from: NextCycleFrom = field(
        default=NextCycleFrom.RECERTIFICATION_DATE,
        kw_only=True,
        validator=of_type(NextCycleFrom),
    )
    deadlines: tuple[Deadline, ...] = field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(Deadline)
    )
    credit_within: Span | None = field(default=None, kw_only=True, validator=optional_of_type(Span))
    """When set, the credit this pathway requires counts when completed within this span
    before the evaluation date (California: 30 hours in the two years before reinstatement),
    instead of in the cycle's window."""
    exam_units: frozenset[str] = field(
        default=frozenset(), kw_only=True, converter=_units, validator=_unit_set
    )
    """For a pathway by exam, the units of the activity that records the exam passed (one
    :class:`~recertlib.Activity` of amount 1, completed while the pathway is open). Without
    such a record the pathway cannot recertify the holder yet."""
    when: Condition | None = field(default=None, kw_only=True, validator=OptionalCondition)
    """When set, the pathway is offered only to holders the condition holds for (NREMT: a
    state licence keeps re-entry open after two years)."""
    requirements: tuple[Requirement, ...] | None = field(
        default=None, kw_only=True, converter=_optional_requirements
    )
    """When set, what this pathway requires, in place of the continuing-education rules'
    ``total``, ``minimums`` and ``requirements`` (the credit itself is still judged by those
    rules: its units, areas, caps and window). A reinstatement that asks more than a renewal,
    or an exemption a late renewal loses (California: a licence reinstated after the first two
    years needs the 30 hours), or a regaining that asks for an exam passed after the lapse
    (NCCPA: PANRE)."""
    notes: tuple[str, ...] = field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(str)
    )
