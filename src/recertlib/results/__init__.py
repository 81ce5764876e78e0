"""What recertlib answers, and what an application does with it: the :class:`Verdict` of a
credential and its parts, a person's verdicts, the :class:`Outcome` of one record, the dated
:class:`Plan` that keeps holders usable, queries over many verdicts, and text for a person.

Nothing here evaluates: the engine (:mod:`recertlib.engine`) makes verdicts; everything here
reads them.
"""

from recertlib.results.outcome import Outcome
from recertlib.results.person import PersonVerdict
from recertlib.results.plan import Action, ActionKind, Plan, plan_for, plan_for_person
from recertlib.results.queries import Match, can_recertify_now, due_within, not_usable
from recertlib.results.verdict import (
    ActivityResult,
    CycleWindow,
    DatedStep,
    DueResult,
    OuterStanding,
    PathwayResult,
    Reason,
    Refusal,
    Status,
    Verdict,
)
from recertlib.rules.results import RequirementResult

__all__ = [
    "Action",
    "ActionKind",
    "ActivityResult",
    "CycleWindow",
    "DatedStep",
    "DueResult",
    "Match",
    "Outcome",
    "OuterStanding",
    "PathwayResult",
    "PersonVerdict",
    "Plan",
    "Reason",
    "Refusal",
    "RequirementResult",
    "Status",
    "Verdict",
    "can_recertify_now",
    "due_within",
    "not_usable",
    "plan_for",
    "plan_for_person",
]
