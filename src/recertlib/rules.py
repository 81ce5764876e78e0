"""The rules model: what a plugin says about a credential, as plain frozen data.

A plugin describes each credential with a :class:`CredentialSpec`. Its rules are a list of
dated :class:`RuleSet` objects; each rule set states one or more *parts* (the cycle, the
continuing-education requirements, the pathways) from its ``effective_from`` date on, and a
later rule set restates only the parts that changed. :class:`Selection` says which date of a
credential picks the rule set for each part. Nothing here knows any certifying body.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from attrs import field, frozen
from attrs.validators import deep_iterable, instance_of, min_len, optional

from recertlib.amounts import to_amount
from recertlib.checks import non_empty_text, optional_text
from recertlib.dates import Date, Span, to_date
from recertlib.errors import NoRuleSetInForce


def _optional_date(value: object) -> Date | None:
    return None if value is None else to_date(value)


def _optional_amount(value: object) -> Decimal | None:
    return None if value is None else to_amount(value)


def _folded_names(values: Iterable[str] | None) -> frozenset[str] | None:
    return None if values is None else frozenset(value.casefold() for value in values)


def _folded(value: str) -> str:
    return value.casefold()


def _optional_folded(value: str | None) -> str | None:
    return None if value is None else value.casefold()


def _tuple_of(kind: type) -> Any:
    return deep_iterable(instance_of(kind), instance_of(tuple))


class Confidence(enum.Enum):
    """How sure the plugin's authors are of a rule set, from its sources."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@frozen
class Fee:
    """A fee a pathway costs. ``amount`` is ``None`` where no source confirms one."""

    label: str = field(validator=non_empty_text)
    amount: Decimal | None = field(converter=_optional_amount)
    currency: str = field(default="USD", kw_only=True)
    confirmed: bool = field(default=False, kw_only=True)
    """Whether the amount is confirmed by the body's own published material."""
    source: str = field(default="", kw_only=True)


@frozen
class Cycle:
    """How long a certification lasts: ``length`` counted from the certification date gives
    the expiry date, the last day the credential is current."""

    length: Span = field(validator=instance_of(Span))

    def expiry(self, certified_on: Date) -> Date:
        """The last day a credential certified on ``certified_on`` is current."""
        return self.length.after(certified_on)


@frozen
class Selector:
    """Which credit a minimum or a cap counts; a criterion left ``None`` matches everything."""

    areas: frozenset[str] | None = field(default=None, converter=_folded_names)
    """Content areas, compared without regard to case."""
    approved: bool | None = None
    """Only credit approved (``True``) or not approved (``False``) by the rules' approver."""
    units: frozenset[str] | None = field(default=None, converter=_folded_names)
    """Only credit recorded in these units (before conversion)."""

    def describe(self) -> str:
        """The selector in words."""
        words = []
        if self.approved is True:
            words.append("approved")
        elif self.approved is False:
            words.append("not approved")
        if self.units is not None:
            words.append("recorded in " + " or ".join(sorted(self.units)))
        if self.areas is not None:
            words.append("in " + " or ".join(sorted(self.areas)))
        return ", ".join(words) or "any credit"


@frozen
class Minimum:
    """At least ``amount`` of the credit that ``selector`` matches must count."""

    name: str = field(validator=non_empty_text)
    selector: Selector = field(validator=instance_of(Selector))
    amount: Decimal = field(converter=to_amount)


@frozen
class Cap:
    """At most ``amount`` of the credit that ``selector`` matches counts; the rest is refused."""

    name: str = field(validator=non_empty_text)
    selector: Selector = field(validator=instance_of(Selector))
    amount: Decimal = field(converter=to_amount)


@frozen
class Conversion:
    """How one unit an activity is recorded in becomes the body's own unit.

    ``area`` and ``approved``, when set, override what the activity says: a CPR card, say,
    always counts as approved clinical credit. ``counts_through``, when set, is the last
    completion date on which the body accepts credit in this unit: a kind of credit the body
    stopped taking on a date.
    """

    unit: str = field(validator=non_empty_text, converter=_folded)
    factor: Decimal = field(converter=to_amount)
    """Body units per recorded unit."""
    area: str | None = field(default=None, kw_only=True, converter=_optional_folded)
    approved: bool | None = field(default=None, kw_only=True)
    counts_through: Date | None = field(default=None, kw_only=True, converter=_optional_date)
    note: str = field(default="", kw_only=True)


@frozen
class ContinuingEducation:
    """What credit counts towards recertifying by continuing education, and how much is needed.

    Credit counts when it was completed in the cycle window (from the certification date
    through the expiry date, or through the close of the continuing-education pathway when
    ``credit_after_expiry_counts``), on or before the evaluation date, in a unit the
    ``conversions`` know and, where ``areas`` are given, in one of them.
    """

    unit: str = field(validator=non_empty_text)
    """The body's own unit of credit, as it names it (``"point"``)."""
    total: Decimal = field(converter=to_amount)
    conversions: tuple[Conversion, ...] = field(validator=[min_len(1), _tuple_of(Conversion)])
    minimums: tuple[Minimum, ...] = field(default=(), validator=_tuple_of(Minimum))
    caps: tuple[Cap, ...] = field(default=(), validator=_tuple_of(Cap))
    areas: frozenset[str] | None = field(default=None, converter=_folded_names)
    """The content areas the body knows; ``None`` when it does not sort credit by area."""
    approver: str | None = field(default=None, validator=optional_text)
    """The body whose approval ``Selector(approved=...)`` asks about (``"AAMA"``)."""
    approval_required: bool = False
    """Whether credit without the approver's approval is refused outright."""
    repeated_courses_count: bool = True
    """Whether the same course (title, provider and area) may count twice in a cycle."""
    credit_after_expiry_counts: bool = False
    """Whether credit earned after the expiry date, while the continuing-education pathway is
    still open, counts."""

    def conversion_for(self, unit: str) -> Conversion | None:
        """The conversion of a recorded unit, or ``None`` when this body does not take it."""
        folded = unit.casefold()
        for conversion in self.conversions:
            if conversion.unit == folded:
                return conversion
        return None


class PathwayKind(enum.Enum):
    """What a pathway asks of the holder."""

    CONTINUING_EDUCATION = "continuing_education"
    """Recertify (or renew) on the credit earned in the cycle."""
    EXAM = "exam"
    """Pass the certification exam again."""
    REINSTATEMENT = "reinstatement"
    """Restore a credential that has lapsed, on terms of its own."""


class NextCycleFrom(enum.Enum):
    """The date the next cycle is counted from once the holder recertifies by a pathway."""

    RECERTIFICATION_DATE = "recertification_date"
    PREVIOUS_EXPIRY = "previous_expiry"


@frozen
class Deadline:
    """A date by which the holder must do something to use a pathway without a lapse, counted
    back from the expiry date (apply 30 days before, pass the exam 2 months before)."""

    label: str = field(validator=non_empty_text)
    before_expiry: Span = field(validator=instance_of(Span))

    def on(self, expiry: Date) -> Date:
        """The deadline for a credential expiring on ``expiry``."""
        return self.before_expiry.before(expiry)


@frozen
class Pathway:
    """One way to recertify, and when it is open.

    A pathway is open from the cycle's first day, or from the day after ``opens_after_expiry``
    counted from the expiry date, through the day ``closes_after_expiry`` counted from the
    expiry date lands on (or for good, when that is ``None``).
    """

    kind: PathwayKind = field(validator=instance_of(PathwayKind))
    name: str = field(validator=non_empty_text)
    opens_after_expiry: Span | None = field(default=None, kw_only=True)
    closes_after_expiry: Span | None = field(default=None, kw_only=True)
    requires_credit: bool = field(default=False, kw_only=True)
    """Whether the continuing-education requirements must be met to use it."""
    fees: tuple[Fee, ...] = field(default=(), kw_only=True, validator=_tuple_of(Fee))
    steps: tuple[str, ...] = field(default=(), kw_only=True, validator=_tuple_of(str))
    """What the holder must still do besides earning credit, in the body's words."""
    next_cycle_from: NextCycleFrom = field(default=NextCycleFrom.RECERTIFICATION_DATE, kw_only=True)
    deadlines: tuple[Deadline, ...] = field(default=(), kw_only=True, validator=_tuple_of(Deadline))
    notes: tuple[str, ...] = field(default=(), kw_only=True, validator=_tuple_of(str))

    def opens_on(self, cycle_start: Date, expiry: Date) -> Date:
        """The first day the pathway is open."""
        if self.opens_after_expiry is None:
            return cycle_start
        return self.opens_after_expiry.after(expiry).add(days=1)

    def closes_on(self, expiry: Date) -> Date | None:
        """The last day the pathway is open, or ``None`` when it never closes."""
        return None if self.closes_after_expiry is None else self.closes_after_expiry.after(expiry)


class Part(enum.Enum):
    """The parts of a credential's rules, each selected by a date of its own."""

    CYCLE = "cycle"
    CONTINUING_EDUCATION = "continuing_education"
    PATHWAYS = "pathways"


class SelectBy(enum.Enum):
    """Which date picks the rule set in force for a part of the rules."""

    CERTIFIED_ON = "certified_on"
    """The date the cycle began: the rules the holder was certified under."""
    EXPIRES_ON = "expires_on"
    """The expiry date: the rules in force when the credential ran out."""
    AS_OF = "as_of"
    """The evaluation date: the rules in force today."""


@frozen
class Selection:
    """Which date selects the rule set for each part."""

    cycle: SelectBy = SelectBy.CERTIFIED_ON
    continuing_education: SelectBy = SelectBy.CERTIFIED_ON
    pathways: SelectBy = SelectBy.EXPIRES_ON

    def for_part(self, part: Part) -> SelectBy:
        """The date that selects ``part``."""
        selected: SelectBy = getattr(self, part.value)
        return selected


@frozen
class RuleSet:
    """The parts of a credential's rules that take effect on one date, with their source.

    A part left ``None`` is carried on from the previous rule set. ``effective_from=None``
    marks the earliest rules known, applied to any earlier date as well.
    """

    id: str = field(validator=non_empty_text)
    effective_from: Date | None = field(converter=_optional_date)
    source: str = field(validator=non_empty_text)
    confidence: Confidence = field(validator=instance_of(Confidence))
    cycle: Cycle | None = field(default=None, kw_only=True, validator=optional(instance_of(Cycle)))
    continuing_education: ContinuingEducation | None = field(
        default=None, kw_only=True, validator=optional(instance_of(ContinuingEducation))
    )
    pathways: tuple[Pathway, ...] | None = field(
        default=None, kw_only=True, validator=optional(_tuple_of(Pathway))
    )
    notes: tuple[str, ...] = field(default=(), kw_only=True, validator=_tuple_of(str))

    def states(self, part: Part) -> bool:
        """Whether this rule set states ``part``."""
        return getattr(self, part.value) is not None


@frozen
class Source:
    """A published source of a credential's rules, cited by its ``key`` in square brackets
    (``[POLICIES]``) in the ``source`` of the rule sets that rest on it."""

    key: str = field(validator=non_empty_text)
    citation: str = field(validator=non_empty_text)
    """What the source is, so that a reader can find it: its publisher and title."""
    url: str | None = field(default=None, kw_only=True, validator=optional_text)


CITATION = re.compile(r"\[([^\[\]\s][^\[\]]*)\]")
"""A citation of a :class:`Source` in a rule set's ``source``: its key in square brackets."""


@frozen
class CredentialSpec:
    """Everything recertlib knows of one credential, as a plugin registers it."""

    body: str = field(validator=non_empty_text)
    """The certifying body's code (``"AAMA"``)."""
    code: str = field(validator=non_empty_text)
    """The credential's code within the body (``"CMA"``)."""
    name: str = field(validator=non_empty_text)
    """The credential's full name."""
    body_name: str = field(validator=non_empty_text)
    rule_sets: tuple[RuleSet, ...] = field(validator=_tuple_of(RuleSet))
    selection: Selection = field(factory=Selection, kw_only=True)
    description: str = field(default="", kw_only=True)
    sources: tuple[Source, ...] = field(default=(), kw_only=True, validator=_tuple_of(Source))
    """The sources the rule sets cite; every ``[KEY]`` a rule set cites must be one of them."""

    @property
    def key(self) -> tuple[str, str]:
        """``(body, code)`` folded to compare without regard to case."""
        return (self.body.casefold(), self.code.casefold())

    @property
    def label(self) -> str:
        """``"AAMA CMA"``: how the credential is named in messages."""
        return f"{self.body} {self.code}"

    def rule_set_for(self, part: Part, on: Date) -> RuleSet:
        """The rule set that states ``part`` and is in force on ``on``."""
        chosen: RuleSet | None = None
        for rule_set in self.rule_sets:
            if not rule_set.states(part):
                continue
            if rule_set.effective_from is not None and rule_set.effective_from > on:
                continue
            if chosen is None or _starts_later(rule_set, chosen):
                chosen = rule_set
        if chosen is None:
            raise NoRuleSetInForce(
                f"{self.label}: no rule set states the {part.value.replace('_', ' ')} rules"
                f" in force on {on}"
            )
        return chosen

    def history(self, part: Part) -> tuple[RuleSet, ...]:
        """The rule sets that state ``part``, oldest first."""
        stating = [rule_set for rule_set in self.rule_sets if rule_set.states(part)]
        return tuple(sorted(stating, key=lambda rule_set: rule_set.effective_from or Date.min))


def _starts_later(candidate: RuleSet, chosen: RuleSet) -> bool:
    if chosen.effective_from is None:
        return candidate.effective_from is not None
    return candidate.effective_from is not None and candidate.effective_from > chosen.effective_from
