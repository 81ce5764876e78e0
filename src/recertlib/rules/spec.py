"""A credential as a plugin registers it: dated rule sets, how they are selected, and the
sources they cite."""

from __future__ import annotations

import enum
import re
from typing import Any

from attrs import field, frozen

from recertlib.errors import NoRuleSetInForce
from recertlib.fields import (
    as_tuple,
    non_empty_text,
    of_type,
    optional_date,
    optional_of_type,
    optional_text,
    text,
    tuple_of,
)
from recertlib.quantities.dates import Date
from recertlib.rules.credit import ContinuingEducation
from recertlib.rules.cycle import Cycle
from recertlib.rules.facts import FactSpec
from recertlib.rules.pathways import Pathway


class Confidence(enum.Enum):
    """How sure the plugin's authors are of a rule set, from its sources."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


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

    cycle: SelectBy = field(default=SelectBy.CERTIFIED_ON, validator=of_type(SelectBy))
    continuing_education: SelectBy = field(
        default=SelectBy.CERTIFIED_ON, validator=of_type(SelectBy)
    )
    pathways: SelectBy = field(default=SelectBy.EXPIRES_ON, validator=of_type(SelectBy))

    def for_part(self, part: Part) -> SelectBy:
        """The date that selects ``part``."""
        selected: SelectBy = getattr(self, part.value)
        return selected


def _pathways(value: Any) -> Any:
    return None if value is None else as_tuple(value)


_pathway_tuple = tuple_of(Pathway)


def _optional_pathways(instance: object, attribute: Any, value: object) -> None:
    if value is not None:
        _pathway_tuple(instance, attribute, value)


@frozen
class RuleSet:
    """The parts of a credential's rules that take effect on one date, with their source.

    A part left ``None`` is carried on from the previous rule set. ``effective_from=None``
    marks the earliest rules known, applied to any earlier date as well.
    """

    id: str = field(validator=non_empty_text)
    effective_from: Date | None = field(converter=optional_date)
    source: str = field(validator=non_empty_text)
    confidence: Confidence = field(validator=of_type(Confidence))
    cycle: Cycle | None = field(default=None, kw_only=True, validator=optional_of_type(Cycle))
    continuing_education: ContinuingEducation | None = field(
        default=None, kw_only=True, validator=optional_of_type(ContinuingEducation)
    )
    pathways: tuple[Pathway, ...] | None = field(
        default=None, kw_only=True, converter=_pathways, validator=_optional_pathways
    )
    notes: tuple[str, ...] = field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(str)
    )

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
    rule_sets: tuple[RuleSet, ...] = field(converter=as_tuple, validator=tuple_of(RuleSet))
    selection: Selection = field(factory=Selection, kw_only=True, validator=of_type(Selection))
    description: str = field(default="", kw_only=True, validator=text)
    sources: tuple[Source, ...] = field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(Source)
    )
    """The sources the rule sets cite; every ``[KEY]`` a rule set cites must be one of them."""
    facts: tuple[FactSpec, ...] = field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(FactSpec)
    )
    """The facts about the holder the rules read beyond the standard ones."""

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
