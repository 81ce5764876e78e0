"""What moved in 0.2, and where to: names that left the top level, and modules that became
packages of the layers. Both keep working until 0.3, each use warned of with a
:class:`DeprecationWarning` that names the new home.

The old modules are not files any more: a finder on :data:`sys.meta_path` makes each one, when
it is imported, a module that lends the names of its new home (and warns when it is imported).
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import types
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

_RULES = [
    "BIRTH_DATE",
    "CITATION",
    "FIRST_RENEWAL",
    "INACTIVE",
    "MEMBER",
    "ORIGINALLY_ISSUED_ON",
    "AfterBirthdays",
    "AfterExpiry",
    "AfterStart",
    "AllOf",
    "AnyOf",
    "AtLeast",
    "BeforeExpiry",
    "Cap",
    "Condition",
    "Confidence",
    "ContinuingEducation",
    "Conversion",
    "Counting",
    "CredentialSpec",
    "Cycle",
    "CycleDates",
    "DateRule",
    "DayAfter",
    "Deadline",
    "Demand",
    "Earliest",
    "ExpiryRule",
    "FactIs",
    "FactKind",
    "FactReader",
    "FactSpec",
    "FactValue",
    "Fee",
    "FixedDayOfYear",
    "InFirstCycle",
    "InInnerCycle",
    "Latest",
    "Measure",
    "Minimum",
    "MinimumLength",
    "NextCycleFrom",
    "OnDate",
    "OuterCycle",
    "Overflow",
    "Part",
    "Pathway",
    "PathwayKind",
    "Requirement",
    "RuleSet",
    "SelectBy",
    "Selection",
    "Selector",
    "Source",
    "Span",
    "SpanAfter",
    "Spanning",
    "Standing",
    "Tier",
    "YearsFromMonth",
]

MOVED_NAMES: Mapping[str, str] = {
    **dict.fromkeys(_RULES, "recertlib.rules"),
    **dict.fromkeys(
        [
            "Action",
            "ActionKind",
            "ActivityResult",
            "CycleWindow",
            "DatedStep",
            "Match",
            "OuterStanding",
            "PathwayResult",
            "Refusal",
            "RequirementResult",
            "plan_for_person",
        ],
        "recertlib.results",
    ),
    **dict.fromkeys(
        [
            "ConflictingCredential",
            "FieldValueError",
            "InvalidRuleSet",
            "NoRuleSetInForce",
            "PluginError",
            "PluginLoadError",
            "Problem",
        ],
        "recertlib.errors",
    ),
    **dict.fromkeys(
        ["COMMON_UNITS", "CONTACT_HOUR_MINUTES", "UNITS", "Unit", "to_amount", "to_date"],
        "recertlib.quantities",
    ),
    **dict.fromkeys(
        ["read_activities_csv", "read_holders", "records_from_data", "structure_holder"],
        "recertlib.io",
    ),
    "hookimpl": "recertlib.plugins",
}
"""Each name that left the top level of ``recertlib``, with the module it is in now."""

REPLACED_NAMES: Mapping[str, tuple[str, str]] = {
    "Record": ("recertlib.Outcome", "recertlib.results:Outcome"),
    "CredentialOutcome": ("recertlib.Outcome", "recertlib.results:Outcome"),
    "converter": (
        "recertlib.structure, recertlib.unstructure or recertlib.io.make_converter()",
        "recertlib.io.converter:default_converter()",
    ),
}
"""Names that left the top level for something else: what to use instead, and where the old
name's value comes from until 0.3 (``module:attribute``, called when it ends in ``()``)."""


def moved_name(name: str) -> tuple[str, Any]:
    """Where a name that left the top level is now, and its value.

    :raises AttributeError: ``recertlib`` never had the name.
    """
    if name in MOVED_NAMES:
        home = MOVED_NAMES[name]
        return home, getattr(importlib.import_module(home), name)
    if name in REPLACED_NAMES:
        instead, source = REPLACED_NAMES[name]
        return instead, _resolve(source)
    raise AttributeError(f"module 'recertlib' has no attribute {name!r}")


def _resolve(source: str) -> Any:
    module, _, attribute = source.partition(":")
    called = attribute.endswith("()")
    value = getattr(importlib.import_module(module), attribute.removesuffix("()"))
    return value() if called else value


MOVED_MODULES: Mapping[str, tuple[str, ...]] = {
    "recertlib.amounts": ("recertlib.quantities.amounts",),
    "recertlib.dates": ("recertlib.quantities.dates",),
    "recertlib.units": ("recertlib.quantities.units",),
    "recertlib.checks": ("recertlib.fields", "recertlib.errors"),
    "recertlib.model": ("recertlib.inputs", "recertlib.inputs.credential"),
    "recertlib.people": ("recertlib.inputs", "recertlib.results", "recertlib.engine"),
    "recertlib.verdict": ("recertlib.results.verdict",),
    "recertlib.progress": ("recertlib.rules.results",),
    "recertlib.plan": ("recertlib.results.plan",),
    "recertlib.queries": ("recertlib.results.queries",),
    "recertlib.render": ("recertlib.results.render",),
    "recertlib.hookspecs": ("recertlib.plugins.hookspecs",),
    "recertlib.registry": ("recertlib.plugins.registry",),
    "recertlib.validation": ("recertlib.rules.checks",),
    "recertlib.allocation": ("recertlib.engine.allocation",),
    "recertlib.serialize": ("recertlib.io.converter",),
    "recertlib.textfiles": ("recertlib.io.text",),
    "recertlib.batch": ("recertlib.io", "recertlib.engine", "recertlib.io.csv_files"),
    "recertlib.calendar": ("recertlib.io.calendar",),
    "recertlib.exports": ("recertlib.io",),
    "recertlib.exports.sources": ("recertlib.io.sources",),
    "recertlib.exports.documents": ("recertlib.io.documents",),
    "recertlib.exports.hr": ("recertlib.io.hr",),
}
"""Each module that moved, with the modules its names are found in now, first match wins."""


RENAMED_IN_MODULES: Mapping[str, Mapping[str, str]] = {
    "recertlib.exports": {
        "PersonRecord": "recertlib.results:Outcome",
        "Source": "recertlib.io:Readable",
    },
    "recertlib.exports.sources": {"Source": "recertlib.io:Readable"},
    "recertlib.exports.documents": {"PersonRecord": "recertlib.results:Outcome"},
    "recertlib.batch": {
        "Record": "recertlib.results:Outcome",
        "Outcome": "recertlib.results:Outcome",
        "CSV_COLUMNS": "recertlib.io.activities_csv:ACTIVITY_COLUMNS",
    },
    "recertlib.people": {"CredentialOutcome": "recertlib.results:Outcome"},
    "recertlib.model": {"facts_of": "recertlib.inputs.facts:to_facts"},
}
"""Names a moved module had that are called otherwise now, with their new home."""


class _MovedModule(types.ModuleType):
    def __init__(self, name: str, homes: Sequence[str]) -> None:
        super().__init__(name, f"Moved in recertlib 0.2 to {', '.join(homes)}.")
        self._homes = tuple(homes)

    def __getattr__(self, attribute: str) -> Any:
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        for home in self._homes:
            module = importlib.import_module(home)
            if hasattr(module, attribute):
                return getattr(module, attribute)
        renamed = RENAMED_IN_MODULES.get(self.__name__, {})
        if attribute in renamed:
            return _resolve(renamed[attribute])
        if attribute in REPLACED_NAMES:
            return _resolve(REPLACED_NAMES[attribute][1])
        raise AttributeError(f"module {self.__name__!r} has no attribute {attribute!r}")


class _MovedModuleFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in MOVED_MODULES:
            return None
        is_package = fullname == "recertlib.exports"
        return importlib.machinery.ModuleSpec(fullname, self, is_package=is_package)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        homes = MOVED_MODULES[spec.name]
        warnings.warn(
            f"{spec.name} has moved: import from {' or '.join(homes)}; the old module goes in 0.3",
            DeprecationWarning,
            stacklevel=2,
        )
        return _MovedModule(spec.name, homes)

    def exec_module(self, module: types.ModuleType) -> None:
        return None


def install_finder() -> None:
    """Let the moved modules be imported by their old names (once per process)."""
    if not any(isinstance(finder, _MovedModuleFinder) for finder in sys.meta_path):
        sys.meta_path.append(_MovedModuleFinder())
