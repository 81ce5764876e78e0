"""recertlib: is this credential current, can its holder recertify, by which path, by when, and
what is still missing?

The core knows no certifying body: each one is a plugin that registers its credentials' rules
through the ``recertlib`` entry-point group.
"""

from recertlib.amounts import to_amount
from recertlib.batch import (
    Outcome,
    Record,
    evaluate_records,
    read_activities_csv,
    read_holders,
    records_from_data,
)
from recertlib.dates import Counting, Span, to_date
from recertlib.engine import evaluate
from recertlib.errors import (
    ConflictingCredential,
    FieldValueError,
    InvalidInput,
    InvalidRuleSet,
    NoRuleSetInForce,
    PluginError,
    PluginLoadError,
    Problem,
    RecertlibError,
    UnknownCredential,
)
from recertlib.hookspecs import hookimpl
from recertlib.model import Activity, Credential, Holder
from recertlib.registry import Registry, default_registry
from recertlib.rules import (
    Cap,
    Confidence,
    ContinuingEducation,
    Conversion,
    CredentialSpec,
    Cycle,
    Deadline,
    Fee,
    Minimum,
    NextCycleFrom,
    Pathway,
    PathwayKind,
    RuleSet,
    SelectBy,
    Selection,
    Selector,
    Source,
)
from recertlib.serialize import converter, structure, structure_holder, unstructure
from recertlib.verdict import (
    ActivityResult,
    CycleWindow,
    DatedStep,
    PathwayResult,
    Reason,
    Refusal,
    RequirementResult,
    Status,
    Verdict,
)

__all__ = [
    "Activity",
    "ActivityResult",
    "Cap",
    "Confidence",
    "ConflictingCredential",
    "ContinuingEducation",
    "Conversion",
    "Counting",
    "Credential",
    "CredentialSpec",
    "Cycle",
    "CycleWindow",
    "DatedStep",
    "Deadline",
    "Fee",
    "FieldValueError",
    "Holder",
    "InvalidInput",
    "InvalidRuleSet",
    "Minimum",
    "NextCycleFrom",
    "NoRuleSetInForce",
    "Outcome",
    "Pathway",
    "PathwayKind",
    "PathwayResult",
    "PluginError",
    "PluginLoadError",
    "Problem",
    "Reason",
    "RecertlibError",
    "Record",
    "Refusal",
    "Registry",
    "RequirementResult",
    "RuleSet",
    "SelectBy",
    "Selection",
    "Selector",
    "Source",
    "Span",
    "Status",
    "UnknownCredential",
    "Verdict",
    "converter",
    "default_registry",
    "evaluate",
    "evaluate_records",
    "hookimpl",
    "read_activities_csv",
    "read_holders",
    "records_from_data",
    "structure",
    "structure_holder",
    "to_amount",
    "to_date",
    "unstructure",
]
