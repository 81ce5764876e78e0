"""A credential's rules compiled once for evaluating many holders.

What an evaluation needs from the rules alone (which conversion takes each unit an activity may
be recorded in, the requirements and the units their measures count, the rules a pathway with
requirements of its own is assessed by) does not depend on the holder. :func:`compile_credential`
works it out once per :class:`~recertlib.rules.CredentialSpec`, into a frozen value that every
evaluation of that credential reads; a :class:`~recertlib.Registry` keeps one per credential it
holds (:meth:`~recertlib.Registry.compiled`), so that a batch of a million holders compiles each
rule set once. Compiled values compare by identity: each is the one compilation of its rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from types import MappingProxyType

import attrs
from attrs import frozen

from recertlib.quantities import units
from recertlib.rules.credit import ContinuingEducation, Conversion
from recertlib.rules.pathways import Pathway
from recertlib.rules.requirements import (
    AtLeast,
    Measure,
    Minimum,
    Requirement,
    measured_units_of,
)
from recertlib.rules.spec import CredentialSpec, Part, RuleSet


@frozen
class UnitRoute:
    """How credit recorded in one unit reaches the body's unit."""

    conversion: Conversion
    """The body's conversion that takes it."""
    ratio: Fraction | None = None
    """How many of :attr:`conversion`'s unit one recorded unit is, for a common unit the body
    does not name (:mod:`recertlib.quantities.units`); ``None`` when the body names it."""


@frozen(eq=False)
class CompiledEducation:
    """Continuing-education rules with what judging and placing credit reads of them worked
    out once."""

    rules: ContinuingEducation
    requirements: tuple[Requirement, ...]
    """:meth:`~recertlib.rules.ContinuingEducation.all_requirements`."""
    measures: frozenset[str]
    """The units the requirements' measures count (records, not credit)."""
    routes: Mapping[str, UnitRoute]
    """By folded unit name: every unit the rules take, named or common."""
    unknown_unit: str
    """What an activity in a unit the rules do not take is told, after its own unit."""
    refusals: Mapping[str, str]
    """By folded unit name: why the body refuses the units it refuses in words."""
    open_ended: frozenset[tuple[str, str]]
    """The requirements that are measures counting through the evaluation date, even after a
    lapse, by name and unit."""
    standard_shapes: bool
    """Whether every requirement is a standard shape, whose selectors say all it reads."""

    def refusal(self, unit: str) -> str:
        """Why the body refuses ``unit`` (folded), or ``""`` when it gives no reason."""
        return self.refusals.get(unit, "")

    def route(self, unit: str) -> UnitRoute | None:
        """How credit recorded in ``unit`` (folded) is taken, or ``None`` when it is not."""
        return self.routes.get(unit)


def compile_education(rules: ContinuingEducation) -> CompiledEducation:
    """``rules`` compiled: the unit routes, requirements and measures, once.

    A plugin's own requirement that misbehaves when asked which units it measures raises
    ``recertlib.rules.calls.RuleFailure``; a registry refuses such a plugin.
    """
    requirements = rules.all_requirements()
    refusals: dict[str, str] = {}
    for refused in rules.refused_units:
        # The first refusal of a unit is the one given.
        refusals.setdefault(refused.unit, refused.describe())
    routes: dict[str, UnitRoute] = {}
    for conversion in rules.conversions:
        # The first conversion of a unit is the one that takes it.
        routes.setdefault(conversion.unit, UnitRoute(conversion))
    taken = [conversion.unit for conversion in rules.conversions]
    related: tuple[str, ...] = ()
    if rules.common_units_convert:
        # A common unit the body refuses, with its reason, is never converted.
        for unit in units.UNITS:
            found = units.route(unit.name, taken)
            if found is not None and unit.name not in refusals:
                into, ratio = found
                routes[unit.name] = UnitRoute(routes[into].conversion, ratio)
        related = tuple(u for u in units.related_units(taken) if u not in refusals)
    unknown = f"is not one of: {', '.join(taken)}"
    if related:
        unknown += f" (nor of the common units converted into them: {', '.join(related)})"
    walked = list(_walk(requirements))
    return CompiledEducation(
        rules=rules,
        requirements=requirements,
        measures=frozenset().union(*(measured_units_of(r) for r in requirements)),
        routes=MappingProxyType(routes),
        unknown_unit=unknown,
        refusals=MappingProxyType(refusals),
        open_ended=frozenset(
            (r.name, r.unit_name) for r in requirements if isinstance(r, Measure) and r.open_ended
        ),
        standard_shapes=all(isinstance(r, Minimum | Measure | AtLeast) for r in walked),
    )


def own_education(pathway: Pathway, education: ContinuingEducation) -> ContinuingEducation:
    """The continuing-education rules ``pathway`` is assessed by: with its own requirements in
    place of theirs, when it has some."""
    if pathway.requirements is None:
        return education
    return attrs.evolve(education, total=None, minimums=(), requirements=pathway.requirements)


@frozen(eq=False)
class CompiledPathway:
    """A pathway, with the compiled rules it is assessed by where it has requirements of its
    own."""

    pathway: Pathway
    own: Mapping[str, CompiledEducation]
    """By the id of the continuing-education rule set in force: the pathway's own requirements
    under its credit rules. Empty when the pathway has none."""

    def education(self, education: CompiledEducation, rule_set: RuleSet) -> CompiledEducation:
        """The compiled rules this pathway is assessed by, ``education`` (of ``rule_set``)
        being in force."""
        return self.own.get(rule_set.id, education)


@frozen(eq=False)
class CompiledCredential:
    """A credential's rules, compiled: what :func:`compile_credential` returns."""

    spec: CredentialSpec
    education: Mapping[str, CompiledEducation]
    """By rule set id: each rule set's continuing education."""
    pathways: Mapping[str, tuple[CompiledPathway, ...]]
    """By rule set id: each rule set's pathways, in order."""


def compile_credential(spec: CredentialSpec) -> CompiledCredential:
    """Everything evaluations of ``spec`` read from its rules alone, worked out once.

    A plugin's own requirement that misbehaves raises ``recertlib.rules.calls.RuleFailure``
    (:func:`compile_education`).
    """
    education_sets = spec.history(Part.CONTINUING_EDUCATION)
    education = {}
    for rule_set in education_sets:
        assert rule_set.continuing_education is not None
        education[rule_set.id] = compile_education(rule_set.continuing_education)
    pathways = {}
    for rule_set in spec.history(Part.PATHWAYS):
        assert rule_set.pathways is not None
        pathways[rule_set.id] = tuple(
            CompiledPathway(
                pathway,
                MappingProxyType(
                    {
                        credit.id: compile_education(
                            own_education(pathway, education[credit.id].rules)
                        )
                        for credit in education_sets
                        if pathway.requirements is not None
                    }
                ),
            )
            for pathway in rule_set.pathways
        )
    return CompiledCredential(spec, MappingProxyType(education), MappingProxyType(pathways))


def _walk(requirements: tuple[Requirement, ...]) -> list[Requirement]:
    found: list[Requirement] = []
    for requirement in requirements:
        found.append(requirement)
        if isinstance(requirement, AtLeast):
            found.extend(_walk(requirement.members))
    return found


__all__ = [
    "CompiledCredential",
    "CompiledEducation",
    "CompiledPathway",
    "UnitRoute",
    "compile_credential",
    "compile_education",
    "own_education",
]
