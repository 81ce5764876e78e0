"""A test kit for plugin authors: a credential's rules in a registry of their own, the dates at
which those rules change a verdict (the dates worth a test), activities made briefly or drawn
from the rules, and :class:`CredentialTests`, the checks every credential's tests share, with
golden verdict snapshots (:mod:`recertlib.testing.snapshots`); :class:`PluginTests` runs them on
every credential a plugin registers.

Nothing here needs pytest; it works with any test runner. :class:`CredentialTests` is a plain
class whose ``test_*`` methods use plain assertions: pytest collects it in a ``Test*``
subclass, and ``unittest`` runs it mixed into a ``unittest.TestCase``. Under pytest, the kit
is also a pytest plugin (:mod:`recertlib.testing.pytest_plugin`, registered through the
``pytest11`` entry point): the ``recertlib_registry`` fixture, :class:`PluginTests`, and
``pytest --recertlib-update-snapshots``.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import json
import random
import sys
import unittest
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import FrameType
from typing import Any, ClassVar

from attrs import frozen

from recertlib.engine import evaluate, evaluate_with_spec
from recertlib.inputs import Activity, Credential, Holder
from recertlib.io import structure, unstructure
from recertlib.plugins import Registry, hookimpl
from recertlib.quantities.dates import EARLIEST_EVENT, LATEST_EVENT, Date, to_date
from recertlib.results import Verdict
from recertlib.rules import (
    ContinuingEducation,
    CredentialSpec,
    Part,
    RuleSet,
    Selector,
    TakenBy,
)
from recertlib.rules.checks import spec_problems
from recertlib.testing import snapshots
from recertlib.testing.histories import LEVELS, Level, requirement_activities
from recertlib.testing.holders import derived_facts


class SpecPlugin:
    """A plugin object that registers the given credentials, as an installed plugin would."""

    def __init__(self, *specs: CredentialSpec) -> None:
        self.specs = specs

    @hookimpl
    def register_credentials(self, register: Callable[[CredentialSpec], None]) -> None:
        for spec in self.specs:
            register(spec)


def registry_of(*specs: CredentialSpec, origin: str | None = None) -> Registry:
    """A registry holding only ``specs``, checked the way recertlib checks an installed plugin.

    It is always strict: a spec that an installed plugin's registry would leave out (and list
    in :attr:`~recertlib.Registry.failures`) raises here, so that a test fails on it.

    :param origin: who the errors name as the plugin. By default the credentials, and where
        ``registry_of`` was called: ``NHA CCMA, as given to registry_of at
        tests/test_ccma.py:42``.
    :raises InvalidRuleSet: a spec's rules are incomplete, contradict themselves, or can never
        be satisfied.
    :raises ConflictingCredential: two of ``specs`` are the same credential.
    """
    if origin is None:
        origin = _given_at(specs, sys._getframe(1))
    registry = Registry()
    registry.register(SpecPlugin(*specs), origin=origin)
    return registry


def _given_at(specs: Sequence[object], caller: FrameType) -> str:
    """The specs by their labels, with where they were given to :func:`registry_of`. (Not by
    the installed plugin that registers them: finding it would load every installed plugin.)"""
    labels = [getattr(spec, "label", type(spec).__name__) for spec in specs]
    named = ", ".join(labels) or "no credential"
    filename = caller.f_code.co_filename
    if filename.startswith("<"):  # a doctest, the interpreter: no file to name
        return f"{named}, as given to registry_of"
    where = Path(filename)
    with contextlib.suppress(ValueError):  # outside the working directory: the full path
        where = where.resolve().relative_to(Path.cwd())
    return f"{named}, as given to registry_of at {where}:{caller.f_lineno}"


# --- The dates worth a test --------------------------------------------------------------------


@frozen
class Boundary:
    """A date on which a credential's verdict changes, or the last day before it does."""

    label: str
    on: Date

    def __str__(self) -> str:
        return f"{self.on} ({self.label})"


def boundaries(
    spec: CredentialSpec, certified_on: object, *, deadlines: bool = False
) -> tuple[Boundary, ...]:
    """The dates to test a credential certified on ``certified_on`` at, in date order.

    They are the first day of the cycle and the day before it, the expiry date and the day
    after, and the first and last day of each pathway with the day before it opens and the
    day after it closes: the edges where an off-by-one mistake in a rule shows.

    :param certified_on: the date the cycle began; or a :class:`~recertlib.Credential`, for
        rules that need facts about the holder (a birth date) or a recorded expiry date.
    :param deadlines: also the due date of each pathway's dated steps and the day after it,
        when the step becomes overdue.
    """
    if isinstance(certified_on, Credential):
        credential = certified_on
    else:
        credential = Credential(spec.body, spec.code, "boundaries", to_date(certified_on))
    start = credential.certified_on
    verdict = evaluate_with_spec(spec, credential, (), as_of=start)
    found = [
        Boundary("the day before the cycle", _shifted(start, -1)),
        Boundary("the cycle's first day", start),
        Boundary("the expiry date", verdict.expires_on),
        Boundary("the day after expiry", _shifted(verdict.expires_on, 1)),
    ]
    for pathway in verdict.pathways:
        if pathway.opens_on > start:
            before = _shifted(pathway.opens_on, -1)
            found.append(Boundary(f"the day before {pathway.name!r} opens", before))
            found.append(Boundary(f"the day {pathway.name!r} opens", pathway.opens_on))
        if pathway.closes_on is not None:
            found.append(Boundary(f"the last day of {pathway.name!r}", pathway.closes_on))
            found.append(
                Boundary(f"the day after {pathway.name!r} closes", _shifted(pathway.closes_on, 1))
            )
        if deadlines:
            for step in pathway.deadlines:
                found.append(Boundary(f"the day {step.label!r} is due", step.due_on))
                found.append(
                    Boundary(f"the day after {step.label!r} is due", _shifted(step.due_on, 1))
                )
    return tuple(_by_date(found))


def _shifted(day: Date, days: int) -> Date:
    # The last date of the calendar (a credential that never expires) has no day after.
    try:
        return day.add(days=days)
    except OverflowError:
        return day


def _by_date(found: Iterable[Boundary]) -> list[Boundary]:
    # One label per date: the first said of it, so that a test id stays short.
    unique: dict[Date, Boundary] = {}
    for boundary in found:
        unique.setdefault(boundary.on, boundary)
    return sorted(unique.values(), key=lambda boundary: boundary.on)


# --- Activities ---------------------------------------------------------------------------------


def activity(
    completed_on: object,
    amount: object = 1,
    unit: str = "hour",
    *,
    title: str | None = None,
    **fields: Any,
) -> Activity:
    """An activity made briefly, for a test: ``fields`` are those of
    :class:`~recertlib.Activity` (``area``, ``approved_by``, ``tags``, ...).

    Unless ``title`` is given, the title names the date, the amount, the unit, the area and
    the approvers, so that two activities that differ in any of them are never taken for the
    same course on the same day (a :attr:`~recertlib.Reason.DUPLICATE`).
    """
    if title is None:
        details = [f"{amount} {unit}"]
        if fields.get("area") is not None:
            details.append(str(fields["area"]))
        if fields.get("approved_by"):
            details.append("approved by " + ", ".join(sorted(fields["approved_by"])))
        title = f"Course of {completed_on} ({', '.join(details)})"
    return Activity(title, completed_on, amount, unit, **fields)


def sample_activities(
    spec: CredentialSpec, certified_on: object, *, count: int = 12, seed: object = 0
) -> tuple[Activity, ...]:
    """``count`` activities drawn from ``spec``'s own rules, the same for the same arguments.

    They are made of the units the rules convert (and one they do not), the content areas
    (and none), the approver, the tags the rules select on and the records of exams and other
    measures; completed from three months before ``certified_on`` to five years after; some
    span several days, share a certificate, or are entered twice. No expected value can be
    taken from them: they are for checks that hold whatever a record holds (a verdict is
    reached, survives JSON, ignores the order of the activities).
    """
    words = _Vocabulary(spec)
    start = to_date(certified_on)
    rng = random.Random(f"{seed} {spec.body} {spec.code} {start}")
    found: list[Activity] = []
    for number in range(count):
        if found and rng.random() < 0.08:
            found.append(rng.choice(found))  # the same record entered twice
            continue
        measured = bool(words.measured) and rng.random() < 0.1
        unit = rng.choice(words.measured if measured else words.units)
        completed_on = _event(start, rng.randrange(-90, 5 * 365))
        fields: dict[str, Any] = {"provider": rng.choice(["Provider A", "Provider B"])}
        fields["area"] = rng.choice(words.areas)
        if rng.random() < 0.6:
            fields["approved_by"] = rng.sample(
                words.approvers, rng.randint(1, len(words.approvers))
            )
        if words.tags and rng.random() < 0.3:
            fields["tags"] = rng.sample(words.tags, 1)
        if rng.random() < 0.1:
            fields["certificate_id"] = f"C-{rng.randrange(3)}"
        if rng.random() < 0.1:
            fields["started_on"] = _event(completed_on, -rng.randrange(1, 90))
        amount = "1" if measured else rng.choice(["0.5", "1", "2", "3", "5", "10"])
        found.append(Activity(f"Course {number}", completed_on, amount, unit, **fields))
    return tuple(found)


def _event(day: Date, days: int) -> Date:
    # A date an activity may have, however near the ends of the calendar ``day`` is.
    if days < 0:
        return max(EARLIEST_EVENT, _shifted(day, days))
    return min(LATEST_EVENT, _shifted(day, days))


class _Vocabulary:
    """What a credential's activities may be made of, read from its rules."""

    def __init__(self, spec: CredentialSpec) -> None:
        units = {"contact_hour", "unknown_unit"}
        areas: set[str] = set()
        approvers = {"OTHER-BODY"}
        tags: set[str] = set()
        measured: set[str] = set()
        for rule_set in spec.history(Part.CONTINUING_EDUCATION):
            education = rule_set.continuing_education
            if education is None:  # never: the history holds the rule sets that state it
                continue
            units.update(conversion.unit for conversion in education.conversions)
            areas.update(education.areas or ())
            if education.approver:
                approvers.add(education.approver)
            for selector in _selectors(education):
                tags.update(selector.tags or ())
            for requirement in education.all_requirements():
                measured.update(requirement.measured_units())
                tags.update(getattr(requirement, "tags", None) or ())
        for rule_set in spec.history(Part.PATHWAYS):
            for pathway in rule_set.pathways or ():
                measured.update(pathway.exam_units)
        self.units = sorted(units)
        self.areas: list[str | None] = [*sorted(areas), None]
        self.approvers = sorted(approvers)
        self.tags = sorted(tags)
        self.measured = sorted(measured)


def _selectors(education: ContinuingEducation) -> Iterator[Selector]:
    yield from (minimum.selector for minimum in education.minimums)
    yield from (cap.selector for cap in education.caps)
    yield from (length.selector for length in education.minimum_lengths)
    stack: list[object] = list(education.requirements)
    while stack:
        requirement = stack.pop()
        selector = getattr(requirement, "selector", None)
        if isinstance(selector, Selector):
            yield selector
        stack.extend(getattr(requirement, "members", ()))


# --- What every credential's tests check --------------------------------------------------------


@frozen
class Case:
    """One evaluation :class:`CredentialTests` makes: a holder, their activities, a date."""

    holder: Credential
    activities: tuple[Activity, ...]
    on: Boundary

    def __str__(self) -> str:
        return f"{self.holder.holder} on {self.on}"


CERTIFICATION_DATES = (
    "2016-02-29",
    "2019-12-31",
    "2020-01-01",
    "2020-02-29",
    "2021-06-30",
    "2021-07-01",
    "2022-03-31",
    "2023-01-31",
    "2024-02-29",
    "2024-12-31",
)
"""Certification dates where rules go wrong: leap days, the ends of months, half-years and
years, and the first day after them."""

_CACHE: weakref.WeakKeyDictionary[type, dict[str, Any]] = weakref.WeakKeyDictionary()

_REGISTRATION_TEST = "test_the_plugin_registers_the_credential"


def _not_loaded(problem: str) -> unittest.SkipTest:
    # unittest's skip, which pytest reports as a skip too: the kit needs no pytest.
    kind = problem.partition(":")[0]
    return unittest.SkipTest(f"the credential did not load ({kind}): see {_REGISTRATION_TEST}")


def _after_registration(test: Callable[[Any], None]) -> Callable[[Any], None]:
    """``test``, skipped when the credential cannot be had (the registration test says why),
    so that one mistake in the rules fails one test, not every one."""

    @functools.wraps(test)
    def checked(self: CredentialTests) -> None:
        __tracebackhide__ = True
        problem = self.loading_problem()
        if problem is not None:
            raise _not_loaded(problem)
        test(self)

    return checked


class CredentialTests:
    """The checks every credential's tests share, for a test class to inherit.

    A plugin's test module subclasses it once per credential, setting :attr:`plugin` and
    :attr:`credential` (``plugin = "recertlib-amt"``, ``credential = ("AMT", "RMA")``); the
    subclass inherits every ``test_*`` method below, and may add the credential's own tests
    (each rule at its edges, with expected values taken from the sources).

    The checks run on generated holders: one certified on each of :attr:`certified_on` with
    each of :attr:`facts`, with :func:`sample_activities` drawn from the credential's rules,
    evaluated on each of its :func:`boundaries` (dated steps included). Override
    :meth:`holders` or :meth:`activities` for holders they cannot describe.

    The evaluations are made once per class and shared by its tests. :meth:`cases` and the
    ``check_*`` methods, which check one case, are where a test runner may split a test into
    one test per case.
    """

    plugin: ClassVar[str]
    """The plugin's entry-point name or distribution name (``"recertlib-amt"``): the tests
    load the credential through it, as applications do."""
    credential: ClassVar[tuple[str, str]]
    """The credential's body and code (``("AMT", "RMA")``)."""
    certified_on: ClassVar[Sequence[object]] = CERTIFICATION_DATES
    """The certification dates of the generated holders: add dates that select every rule
    set, so that each is evaluated (:meth:`test_every_rule_set_is_selected_for_some_holder`
    says which it misses)."""
    facts: ClassVar[Sequence[Mapping[str, object]] | None] = None
    """The facts of the generated holders: each certification date is tried with each. By
    default (``None``) they are read from the rules
    (:func:`~recertlib.testing.holders.derived_facts`): every fact the rules read, and each
    fact that decides something taken both ways."""
    activity_count: ClassVar[int] = 12
    """How many activities each generated holder at :attr:`~Level.DRAWN` has."""
    levels: ClassVar[Sequence[Level]] = LEVELS
    """How much of the requirements the generated holders' activities meet, given to the
    holders in turn (:meth:`level`): drawn at random, just short, exactly, and over
    (:class:`~recertlib.testing.histories.Level`)."""
    snapshots: ClassVar[str | Path | None] = "snapshots"
    """The folder of the verdict snapshots, relative to the test module's (``None``: no
    snapshot). Each credential has one file there, ``<body>-<code>.json``."""

    # --- What the checks run on

    @classmethod
    def registry(cls) -> Registry:
        """A registry of this plugin alone, loaded from its entry point in strict mode: a
        failure to load, or rules recertlib refuses, raise. Made once per class."""
        return _plugin_registry(cls)

    @classmethod
    def spec(cls) -> CredentialSpec:
        """The credential's rules, as the plugin registers them."""
        body, code = cls.credential
        return cls.registry().get(body, code)

    def holders(self) -> Iterator[Credential]:
        """The generated holders: one per date of :attr:`certified_on` and facts of
        :attr:`facts`, named after both."""
        body, code = self.credential
        for certified_on in self.certified_on:
            day = to_date(certified_on)
            sets = derived_facts(self.spec(), day) if self.facts is None else self.facts
            for facts in sets:
                given = "".join(f", {name}={value}" for name, value in facts.items())
                name = f"certified {day}{given}"
                yield Credential(body, code, name, certified_on, facts=facts)

    def level(self, holder: Credential) -> Level:
        """How much of the requirements ``holder``'s activities meet: each of :attr:`levels`
        in turn, holder after holder."""
        numbers: dict[Credential, int] = _cache(type(self)).setdefault("holders", {})
        if not numbers:
            numbers.update((found, number) for number, found in enumerate(self.holders()))
        return self.levels[numbers.get(holder, 0) % len(self.levels)]

    def activities(self, holder: Credential) -> Sequence[Activity]:
        """A holder's activities, at the holder's :meth:`level`: :attr:`activity_count` drawn
        from the rules (:func:`sample_activities`), or credit that meets the requirements just
        short, exactly or over (:func:`~recertlib.testing.histories.requirement_activities`)."""
        level = self.level(holder)
        if level is Level.DRAWN:
            return sample_activities(self.spec(), holder.certified_on, count=self.activity_count)
        return requirement_activities(self.spec(), holder, level)

    def cases(self) -> Iterator[Case]:
        """Each holder with their activities on each of their boundaries."""
        spec = self.spec()
        for holder in self.holders():
            activities = tuple(self.activities(holder))
            for boundary in boundaries(spec, holder, deadlines=True):
                yield Case(holder, activities, boundary)

    def evaluate(self, case: Case, activities: Iterable[Activity] | None = None) -> Verdict:
        """The verdict of ``case``, or of its holder on its date with other ``activities``."""
        found = case.activities if activities is None else activities
        return evaluate(case.holder, found, as_of=case.on.on, registry=self.registry())

    def evaluated(self) -> list[tuple[Case, Verdict | Exception]]:
        """Every case with its verdict, or the error evaluating it raised; made once."""
        cached = _cache(type(self))
        if "evaluated" not in cached:
            results: list[tuple[Case, Verdict | Exception]] = []
            for case in self.cases():
                try:
                    results.append((case, self.evaluate(case)))
                except Exception as error:
                    results.append((case, error))
            cached["evaluated"] = results
        evaluated: list[tuple[Case, Verdict | Exception]] = cached["evaluated"]
        return evaluated

    def verdicts(self) -> Iterator[tuple[Case, Verdict]]:
        """The cases that gave a verdict, with it."""
        for case, outcome in self.evaluated():
            if isinstance(outcome, Verdict):
                yield case, outcome

    # --- Checks of one case

    def check_verdict(self, case: Case, verdict: Verdict) -> list[str]:
        """What is wrong with ``verdict`` as the verdict of ``case``, whatever the rules."""
        problems: list[str] = []
        if verdict.credential != case.holder:
            problems.append(f"the verdict is of another credential: {verdict.credential}")
        if verdict.as_of != case.on.on:
            problems.append(f"the verdict is as of {verdict.as_of}")
        given = sorted(a.sort_key() for a in case.activities)
        if sorted(result.activity.sort_key() for result in verdict.activities) != given:
            problems.append("the verdict does not list every activity once")
        problems.extend(
            f"{result.activity.title!r}, completed after the evaluation date, counted"
            for result in verdict.activities
            if result.activity.completed_on > case.on.on and result.is_counted
        )
        return problems

    def check_well_formed(self, case: Case, verdict: Verdict) -> list[str]:
        """What in ``verdict`` contradicts itself, whatever the rules."""
        problems: list[str] = []
        if verdict.usable is not (verdict.status.value == "current"):
            problems.append(f"usable is {verdict.usable} with the status {verdict.status.value}")
        if verdict.cycle.expires_on < verdict.cycle.starts_on:
            problems.append(f"the cycle expires on {verdict.expires_on}, before it starts")
        recommended = verdict.recommended
        if recommended is not None and not recommended.is_open:
            problems.append(f"the recommended pathway {recommended.name!r} is not open")
        for pathway in verdict.pathways:
            days = [step.due_on for step in pathway.deadlines]
            if days != sorted(days):
                problems.append(f"the deadlines of {pathway.name!r} are not in date order")
            if pathway.is_open and pathway.opens_on > verdict.as_of:
                problems.append(f"{pathway.name!r} is open before it opens")
        problems.extend(
            f"{result.activity.title!r} counts {result.counted} of a credit of {result.credit}"
            for result in verdict.activities
            if not 0 <= result.counted <= result.credit
        )
        return problems

    def check_monotonicity(self, case: Case, verdict: Verdict) -> list[str]:
        """Whether one activity fewer ever gives a better verdict: more activities may only
        keep or improve it (usable, every pathway's requirements met, their shortfall)."""
        if not case.activities:
            return []
        fewer = self.evaluate(case, sorted(case.activities, key=Activity.sort_key)[:-1])
        problems = []
        if fewer.usable and not verdict.usable:
            problems.append("one activity more makes the credential unusable")
        for with_all, without in zip(verdict.pathways, fewer.pathways, strict=True):
            short_all = sum(r.shortfall for r in with_all.requirements)
            short_fewer = sum(r.shortfall for r in without.requirements)
            if short_all > short_fewer or (
                without.requirements_met and not with_all.requirements_met
            ):
                problems.append(
                    f"one activity more leaves {with_all.name!r} further from its requirements"
                    f" (shortfall {short_fewer} without it, {short_all} with it)"
                )
        return problems

    def check_round_trip(self, case: Case, verdict: Verdict) -> list[str]:
        """What JSON loses of ``case``'s holder record or of its verdict."""
        problems = []
        holder = Holder(case.holder, case.activities)
        if structure(json.loads(json.dumps(unstructure(holder))), Holder) != holder:
            problems.append("the holder record changes through JSON")
        if structure(json.loads(json.dumps(unstructure(verdict))), Verdict) != verdict:
            problems.append("the verdict changes through JSON")
        return problems

    def check_order_independence(self, case: Case, verdict: Verdict) -> list[str]:
        """Whether the activities of ``case`` in other orders change its verdict."""
        shuffled = list(case.activities)
        random.Random(str(case)).shuffle(shuffled)
        problems = []
        for name, order in (("reversed", case.activities[::-1]), ("shuffled", shuffled)):
            if self.evaluate(case, order) != verdict:
                problems.append(f"the activities {name} give another verdict")
        return problems

    # --- The tests

    @classmethod
    def loading_problem(cls) -> str | None:
        """Why the credential cannot be had from the plugin, in the registry's words (a rules
        file's problems with their lines and paths; the plugin not installed; the credential
        not registered), or ``None`` when it can. Asked once per class."""
        cached = _cache(cls)
        if "problem" not in cached:
            try:
                cls.spec()
            except Exception as error:  # whatever a plugin's loading raises is its problem
                cached["problem"] = f"{type(error).__name__}: {error}"
            else:
                cached["problem"] = None
        problem: str | None = cached["problem"]
        return problem

    def test_the_plugin_registers_the_credential(self) -> None:
        """The plugin loads from its entry point in strict mode and registers the credential:
        else this test fails with the registry's message, and the other checks are skipped."""
        __tracebackhide__ = True  # pytest shows the message, not the kit's frames
        problem = self.loading_problem()
        if problem is not None:
            raise AssertionError(problem) from None

    @_after_registration
    def test_the_rules_pass_recertlibs_checks(self) -> None:
        """Every rule set passes the checks recertlib runs when it registers a plugin, and the
        spec registers as it is; each problem is listed."""
        spec = self.spec()
        _check(spec_problems(spec))
        registry = registry_of(spec, origin=self.registry().origin_of(spec))
        if registry.get(spec.body, spec.code) is not spec:
            raise AssertionError(f"{spec.label} is not registered as it is")

    @_after_registration
    def test_every_rule_set_is_selected_for_some_holder(self) -> None:
        """Each rule set is in force in some verdict: none is out of reach of the generated
        holders, so that every one is evaluated by the other checks."""
        spec = self.spec()
        used = {rule_set for _, verdict in self.verdicts() for rule_set in verdict.rule_sets}
        problems = [
            f"rule set {rule_set.id!r} ({_in_force(spec, rule_set)}) is selected for no holder:"
            " add a date to certified_on, or facts, that selects it"
            for rule_set in spec.rule_sets
            if rule_set.id not in used
        ]
        _check(problems)

    @_after_registration
    def test_the_rule_sets_are_in_date_order(self) -> None:
        """The rule sets of each part are listed oldest first, as they took effect, each on a
        date of its own."""
        spec = self.spec()
        problems = []
        for part in Part:
            stating = [rule_set for rule_set in spec.rule_sets if rule_set.states(part)]
            if stating != list(spec.history(part)):
                listed = ", ".join(rule_set.id for rule_set in stating)
                problems.append(f"the {part.value} rule sets are not listed oldest first: {listed}")
        _check(problems)

    @_after_registration
    def test_every_boundary_date_evaluates(self) -> None:
        """Every case gives a verdict (no error) of its holder, on its date, listing every
        activity once, counting none completed after that date, and agreeing with itself."""
        evaluated = self.evaluated()
        if not evaluated:
            raise AssertionError("no case to evaluate: certified_on and facts are empty")
        problems: list[str] = []
        for case, outcome in evaluated:
            if isinstance(outcome, Verdict):
                problems.extend(f"{case}: {p}" for p in self.check_verdict(case, outcome))
                problems.extend(f"{case}: {p}" for p in self.check_well_formed(case, outcome))
            else:
                problems.append(f"{case}: {type(outcome).__name__}: {outcome}")
        _check(problems)

    @_after_registration
    def test_every_pathway_is_open_on_some_date(self) -> None:
        """Each pathway of each rule set is open in some verdict: none is out of reach of every
        holder on every date (a window that closes before it opens, a condition no holder
        meets), unless :attr:`certified_on` or :attr:`facts` leave it out."""
        spec = self.spec()
        opened: set[tuple[str, str]] = set()
        for _, verdict in self.verdicts():
            (rules,) = [r for r in spec.history(Part.PATHWAYS) if r.id in verdict.rule_sets]
            opened.update((rules.id, p.name) for p in verdict.pathways if p.is_open)
        _check(
            [
                f"pathway {pathway.name!r} of rule set {rules.id!r} ({_in_force(spec, rules)})"
                " is open for no holder on any date: add a date to certified_on, or facts, that"
                " opens it"
                for rules in spec.history(Part.PATHWAYS)
                for pathway in rules.pathways or ()
                if (rules.id, pathway.name) not in opened
            ]
        )

    @_after_registration
    def test_more_activities_never_make_a_verdict_worse(self) -> None:
        """Every case with one activity fewer is no better off: usable no more often, no
        pathway nearer its requirements."""
        _check(
            [
                f"{case}: {problem}"
                for case, verdict in self.verdicts()
                for problem in self.check_monotonicity(case, verdict)
            ]
        )

    @_after_registration
    def test_every_common_unit_is_taken_or_refused_with_a_reason(self) -> None:
        """Each continuing-education rule set says how it takes each common unit
        (:mod:`recertlib.quantities.units`): by a conversion, through the common relations, or
        refused with a reason in words (:class:`~recertlib.rules.RefusedUnit`), never silently."""
        _check(
            [
                f"rule set {rules.id!r} neither takes the common unit {terms.unit!r} nor refuses"
                " it with a reason: add a conversion, or a refused_units entry saying why"
                for rules in self.spec().history(Part.CONTINUING_EDUCATION)
                if rules.continuing_education is not None
                for terms in rules.continuing_education.common_units()
                if terms.taken_by is TakenBy.NOT_TAKEN
            ]
        )

    def snapshot_path(self) -> Path | None:
        """The file of this credential's verdict snapshot, or ``None`` without one."""
        if self.snapshots is None:
            return None
        body, code = self.credential
        folder = Path(inspect.getfile(type(self))).parent / self.snapshots
        return folder / f"{body}-{code}.json".lower()

    @_after_registration
    def test_the_verdicts_match_their_snapshot(self) -> None:
        """Every case's verdict, in brief, is as the committed snapshot says; with
        ``pytest --recertlib-update-snapshots`` it is written instead, to be reviewed as a
        diff (:mod:`recertlib.testing.snapshots`)."""
        path = self.snapshot_path()
        if path is None:
            return
        cases = [(str(case), outcome) for case, outcome in self.evaluated()]
        problems = snapshots.check(path, cases)
        if problems:
            raise AssertionError("\n".join(problems[:60]))

    @_after_registration
    def test_verdicts_round_trip_through_json(self) -> None:
        """Every holder record and verdict comes back from JSON equal."""
        _check(
            [
                f"{case}: {problem}"
                for case, verdict in self.verdicts()
                for problem in self.check_round_trip(case, verdict)
            ]
        )

    @_after_registration
    def test_the_order_of_activities_does_not_matter(self) -> None:
        """Every case's activities, reversed or shuffled, give the same verdict."""
        _check(
            [
                f"{case}: {problem}"
                for case, verdict in self.verdicts()
                for problem in self.check_order_independence(case, verdict)
            ]
        )


_CHECKS = tuple(name for name in vars(CredentialTests) if name.startswith("test_"))


class PluginTests:
    """The checks of :class:`CredentialTests` on every credential a plugin registers, for a
    pytest test class: set :attr:`plugin`, and each check runs once per credential, the
    credential's label as the test id. A credential whose holders need describing gets a
    :class:`CredentialTests` subclass of its own in :attr:`credential_tests`.

    It needs pytest: the kit's pytest plugin gives each test its credential.
    """

    plugin: ClassVar[str]
    """The plugin's entry-point name or distribution name (``"recertlib-amt"``)."""
    credential_tests: ClassVar[Mapping[str, type[CredentialTests]]] = {}
    """For a credential whose holders need describing, by its label (``"AMT RMA"``): the
    :class:`CredentialTests` subclass to run its checks with (its ``plugin`` and
    ``credential`` are set here)."""
    snapshots: ClassVar[str | Path | None] = "snapshots"
    """As :attr:`CredentialTests.snapshots`, for every credential of the plugin."""

    @classmethod
    def registry(cls) -> Registry:
        """A registry of this plugin alone, loaded from its entry point in strict mode."""
        return _plugin_registry(cls)

    @classmethod
    def credentials(cls) -> list[str]:
        """The label of every credential the plugin registers (``"AMT RMA"``)."""
        return [spec.label for spec in cls.registry().credentials()]

    @classmethod
    def loading_problem(cls) -> str | None:
        """Why the plugin's credentials cannot be had, in the registry's words, or ``None``
        when they can: as :meth:`CredentialTests.loading_problem`, or a plugin that registers
        no credential. Asked once per class."""
        cached = _cache(cls)
        if "problem" not in cached:
            try:
                found = cls.credentials()
            except Exception as error:  # whatever a plugin's loading raises is its problem
                cached["problem"] = f"{type(error).__name__}: {error}"
            else:
                cached["problem"] = (
                    None if found else f"plugin {cls.plugin} registers no credential"
                )
        problem: str | None = cached["problem"]
        return problem

    @classmethod
    def checks(cls, label: str) -> CredentialTests:
        """The checks of the credential labelled ``label``, made once per class."""
        cached = _cache(cls).setdefault("checks", {})
        if label not in cached:
            (spec,) = [s for s in cls.registry().credentials() if s.label == label]
            base = cls.credential_tests.get(label, CredentialTests)
            fields = {
                "plugin": cls.plugin,
                "credential": (spec.body, spec.code),
                "snapshots": cls.snapshots,
                "__module__": cls.__module__,
            }
            cached[label] = type(f"{cls.__name__}[{label}]", (base,), fields)()
        found: CredentialTests = cached[label]
        return found


def _delegate(name: str) -> Callable[[PluginTests, str | None], None]:
    def test(self: PluginTests, recertlib_credential: str | None) -> None:
        __tracebackhide__ = True
        if recertlib_credential is None:  # the plugin gave no credential to check
            problem = self.loading_problem() or "the plugin gave no credential"
            if name == _REGISTRATION_TEST:
                raise AssertionError(problem) from None
            raise _not_loaded(problem)
        getattr(self.checks(recertlib_credential), name)()

    test.__name__ = name
    test.__doc__ = f"Each credential's :meth:`CredentialTests.{name}`."
    return test


for _name in _CHECKS:
    setattr(PluginTests, _name, _delegate(_name))


def _in_force(spec: CredentialSpec, rule_set: RuleSet) -> str:
    """When ``rule_set`` is in force, part by part: ``pathways when expires_on is before
    2020-01-01``."""
    found = []
    for part in Part:
        history = spec.history(part)
        if rule_set not in history:
            continue
        index = history.index(rule_set)
        after = rule_set.effective_from
        before = history[index + 1].effective_from if index + 1 < len(history) else None
        when = " and ".join(
            [*([f"from {after}"] if after else []), *([f"before {before}"] if before else [])]
        )
        selected_by = spec.selection.for_part(part).value
        found.append(f"{part.value} when {selected_by} is {when or 'any date'}")
    return "; ".join(found)


def _plugin_registry(cls: type[Any]) -> Registry:
    """The registry of ``cls.plugin`` alone, loaded from its entry point in strict mode, once
    per class."""
    cached = _cache(cls)
    if "registry" not in cached:
        if not isinstance(getattr(cls, "plugin", None), str):
            raise TypeError(f"{cls.__name__}.plugin must name the plugin's entry point")
        cached["registry"] = Registry.from_entry_points(allow=[cls.plugin], strict=True)
    registry: Registry = cached["registry"]
    return registry


def _cache(cls: type) -> dict[str, Any]:
    return _CACHE.setdefault(cls, {})


def _check(problems: Sequence[str], shown: int = 20) -> None:
    if problems:
        more = f"\n... and {len(problems) - shown} more" if len(problems) > shown else ""
        listed = "\n".join(f"- {problem}" for problem in problems[:shown])
        raise AssertionError(f"{len(problems)} problems:\n{listed}{more}")


__all__ = [
    "CERTIFICATION_DATES",
    "Boundary",
    "Case",
    "CredentialTests",
    "Level",
    "PluginTests",
    "SpecPlugin",
    "activity",
    "boundaries",
    "registry_of",
    "requirement_activities",
    "sample_activities",
]
