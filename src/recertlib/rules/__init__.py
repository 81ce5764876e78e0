"""The rules model: what a plugin says about a credential, as frozen data and typed protocols.
This is the vocabulary plugin authors import (``from recertlib.rules import ...``); the hook
they implement is in :mod:`recertlib.plugins`.

A plugin describes each credential with a :class:`CredentialSpec`. Its rules are a list of
dated :class:`RuleSet` objects; each states one or more *parts* (the :class:`Cycle`, the
:class:`ContinuingEducation` requirements, the :class:`Pathway` list) from its
``effective_from`` date on, and a later rule set restates only the parts that changed.
:class:`Selection` says which date of a credential picks the rule set for each part.

Where data cannot say a rule, a plugin implements one of the protocols (:class:`ExpiryRule`,
:class:`DateRule`, :class:`Requirement`, :class:`Condition`); the standard shapes implement
the same protocols. Nothing here knows any certifying body.

The layout: ``facts`` (reading what the caller knows of the holder, and conditions on it),
``schedule`` (dates rules compute), ``cycle``, ``selector``, ``requirements`` and ``credit``
(what counts and what is required), ``results`` (what a requirement answers), ``pathways``,
``spec`` (the credential and its dated rule sets), and ``checks`` (what a spec must satisfy to
be registered, beyond its fields' own checks).
"""

from recertlib.inputs.facts import (
    BIRTH_DATE,
    FIRST_RENEWAL,
    INACTIVE,
    MEMBER,
    ORIGINALLY_ISSUED_ON,
    Facts,
    FactValue,
)
from recertlib.quantities.dates import Counting, Span
from recertlib.rules.credit import (
    Cap,
    CommonUnitTerms,
    ContinuingEducation,
    Conversion,
    MinimumLength,
    Overflow,
    RefusedUnit,
    Spanning,
    TakenBy,
    Tier,
)
from recertlib.rules.cycle import Cycle, NextCycleFrom, OuterCycle
from recertlib.rules.dues import Dues
from recertlib.rules.facts import (
    CYCLE_NUMBER,
    And,
    Condition,
    CycleNumber,
    FactIs,
    FactKind,
    FactReader,
    FactSpec,
    InFirstCycle,
    InInnerCycle,
    Not,
    Or,
)
from recertlib.rules.fees import Fee
from recertlib.rules.pathways import Deadline, Pathway, PathwayKind
from recertlib.rules.requirements import (
    AllOf,
    AnyOf,
    AtLeast,
    Demand,
    Measure,
    Minimum,
    Requirement,
    Standing,
)
from recertlib.rules.results import RequirementResult
from recertlib.rules.schedule import (
    AfterBirthdays,
    AfterExpiry,
    AfterStart,
    BeforeExpiry,
    CycleDates,
    DateRule,
    DayAfter,
    DayBeforeAnniversary,
    Earliest,
    ExpiryRule,
    Extended,
    Extension,
    FirstOfMonth,
    FixedDayOfYear,
    LastOfMonth,
    Latest,
    NextExpiryRule,
    Offset,
    OnDate,
    OnOrAfter,
    SpanAfter,
    YearsFromMonth,
)
from recertlib.rules.selector import Selector
from recertlib.rules.spec import (
    CITATION,
    Confidence,
    CredentialSpec,
    Part,
    RuleSet,
    SelectBy,
    Selection,
    Source,
)

__all__ = [
    "BIRTH_DATE",
    "CITATION",
    "CYCLE_NUMBER",
    "FIRST_RENEWAL",
    "INACTIVE",
    "MEMBER",
    "ORIGINALLY_ISSUED_ON",
    "AfterBirthdays",
    "AfterExpiry",
    "AfterStart",
    "AllOf",
    "And",
    "AnyOf",
    "AtLeast",
    "BeforeExpiry",
    "Cap",
    "CommonUnitTerms",
    "Condition",
    "Confidence",
    "ContinuingEducation",
    "Conversion",
    "Counting",
    "CredentialSpec",
    "Cycle",
    "CycleDates",
    "CycleNumber",
    "DateRule",
    "DayAfter",
    "DayBeforeAnniversary",
    "Deadline",
    "Demand",
    "Dues",
    "Earliest",
    "ExpiryRule",
    "Extended",
    "Extension",
    "FactIs",
    "FactKind",
    "FactReader",
    "FactSpec",
    "FactValue",
    "Facts",
    "Fee",
    "FirstOfMonth",
    "FixedDayOfYear",
    "InFirstCycle",
    "InInnerCycle",
    "LastOfMonth",
    "Latest",
    "Measure",
    "Minimum",
    "MinimumLength",
    "NextCycleFrom",
    "NextExpiryRule",
    "Not",
    "Offset",
    "OnDate",
    "OnOrAfter",
    "Or",
    "OuterCycle",
    "Overflow",
    "Part",
    "Pathway",
    "PathwayKind",
    "RefusedUnit",
    "Requirement",
    "RequirementResult",
    "RuleSet",
    "SelectBy",
    "Selection",
    "Selector",
    "Source",
    "Span",
    "SpanAfter",
    "Spanning",
    "Standing",
    "TakenBy",
    "Tier",
    "YearsFromMonth",
]
