"""The evaluation of one credential: its rules, its activities and a date in, one
:class:`~recertlib.Verdict` out.

:mod:`~recertlib.engine.cycles` places the cycle among the ones before and after it;
:mod:`~recertlib.engine.pathways` judges each way to recertify on the evaluation date;
:mod:`~recertlib.engine.allocation` decides which credit counts and where.
"""

from __future__ import annotations

from collections.abc import Iterable

from recertlib.engine.allocation import Assessment, CreditWindow, Solutions, assess
from recertlib.engine.cycles import cycle_number, outer_standing
from recertlib.engine.pathways import closes, look_back, offered, pathway_result
from recertlib.errors import InvalidInput, MissingFact, PluginRuleError, Problem
from recertlib.inputs import Activity, Credential
from recertlib.quantities.amounts import exact_arithmetic
from recertlib.quantities.dates import Date, day_after, evaluation_date
from recertlib.results.verdict import CycleWindow, DueResult, PathwayResult, Status, Verdict
from recertlib.rules import (
    CredentialSpec,
    Cycle,
    CycleDates,
    FactReader,
    Facts,
    Part,
    PathwayKind,
    RequirementResult,
    RuleSet,
    SelectBy,
)
from recertlib.rules.calls import RuleFailure
from recertlib.rules.compiled import (
    CompiledCredential,
    CompiledEducation,
    CompiledPathway,
    compile_credential,
)
from recertlib.rules.dues import paid_dates
from recertlib.rules.schedule import DatedFacts, expiry_of


def checked_evaluation_date(as_of: object, tz: str | None, record: str) -> Date:
    """:func:`~recertlib.quantities.dates.evaluation_date`, an error an :class:`InvalidInput` of
    ``record`` naming ``as_of`` or ``tz``."""
    try:
        return evaluation_date(as_of, tz=tz)
    except (TypeError, ValueError) as error:
        field = "tz" if tz is not None and "time zone" in str(error) else "as_of"
        value = tz if field == "tz" else as_of
        raise InvalidInput([Problem(field, value, str(error))], record) from None


def record_of(credential: Credential) -> str:
    """How errors name the record of ``credential``: ``holder 'Maria' (AAMA CMA)``."""
    return f"holder {credential.holder!r} ({credential.body} {credential.credential})"


def _first_cycle(facts: Facts, certified_on: Date) -> bool | None:
    if facts.first_renewal is not None:
        return facts.first_renewal
    if facts.originally_issued_on is not None:
        return facts.originally_issued_on == certified_on
    return None


def fact_reader(
    spec: CredentialSpec, credential: Credential, expiry: Date | None = None
) -> FactReader:
    """The credential's facts as ``spec``'s rules read them; with the cycle's ``expiry``
    known, a reader that can count the cycle's number in the body's series."""
    facts = credential.facts

    def counted() -> int:
        assert expiry is not None
        assert facts.originally_issued_on is not None
        return cycle_number(spec, facts.originally_issued_on, expiry, reader)

    reader = FactReader(
        facts,
        credential=spec.label,
        holder=credential.holder,
        first_cycle=_first_cycle(facts, credential.certified_on),
        kinds={fact.name: fact.kind for fact in spec.facts},
        counted=None if expiry is None else counted,
    )
    return reader


def evaluate_with_spec(
    spec: CredentialSpec,
    credential: Credential,
    activities: Iterable[Activity],
    *,
    as_of: Date,
    origin: str | None = None,
    compiled: CompiledCredential | None = None,
) -> Verdict:
    """:func:`~recertlib.evaluate` with the credential's rules already looked up.

    :param origin: the plugin that registered ``spec`` (its distribution and version), named
        when one of its own rules fails.
    :param compiled: ``spec`` compiled (:func:`~recertlib.rules.compiled.compile_credential`,
        or :meth:`~recertlib.Registry.compiled`); compiled for this evaluation alone when
        omitted, which a caller evaluating many holders should avoid.
    :raises ~recertlib.errors.PluginRuleError: one of the plugin's own rules raised, or
        returned what its protocol does not allow.
    """
    with exact_arithmetic():
        try:
            if compiled is None:
                compiled = compile_credential(spec)
            elif compiled.spec is not spec:
                raise ValueError(f"compiled is for {compiled.spec.label}, not this {spec.label}")
            return _evaluate(compiled, credential, activities, as_of)
        except RuleFailure as failure:
            plugin = origin or f"registering {spec.label}"
            raise PluginRuleError(plugin, str(failure), record=record_of(credential)) from (
                failure.__cause__
            )
        except OverflowError:
            # A date past the calendar's end from a plugin's own rule: the dates given are
            # too near its end for the rules to count from.
            raise InvalidInput(
                [
                    Problem(
                        "certified_on",
                        str(credential.certified_on),
                        "the rules count dates from it beyond the calendar's end",
                    )
                ],
                record_of(credential),
            ) from None


def _evaluate(
    compiled: CompiledCredential,
    credential: Credential,
    activities: Iterable[Activity],
    as_of: Date,
) -> Verdict:
    spec = compiled.spec
    facts = fact_reader(spec, credential)
    notes: list[str] = []
    cycle_rules = spec.rule_set_for(Part.CYCLE, _pick(spec, Part.CYCLE, credential, None, as_of))
    assert cycle_rules.cycle is not None
    cycle = cycle_rules.cycle.for_holder(facts)
    expiry, computed_expiry = credential.expires_on, None
    try:
        computed_expiry = expiry_of(cycle.expiry, credential.certified_on, facts)
    except MissingFact:
        # A recorded expiry stands on its own; without one, the missing fact is the answer.
        if expiry is None:
            raise
    if expiry is None:
        assert computed_expiry is not None
        expiry = computed_expiry
    elif computed_expiry is not None and expiry != computed_expiry:
        notes.append(
            f"The recorded expiry date {expiry} is used; the rules give {computed_expiry}."
        )
    dates = CycleDates(credential.certified_on, expiry)
    outer = None
    if cycle_rules.cycle.outer is not None:
        outer = outer_standing(spec, cycle_rules.cycle, credential, expiry, facts, notes)
    inner = outer.inner_number if outer else None
    # From here the cycle is known: a condition may ask whether a date of it has been reached,
    # or which cycle of the series it is.
    facts = DatedFacts(fact_reader(spec, credential, expiry), as_of=as_of, dates=dates)

    education_rules = spec.rule_set_for(
        Part.CONTINUING_EDUCATION, _pick(spec, Part.CONTINUING_EDUCATION, credential, expiry, as_of)
    )
    pathway_rules = spec.rule_set_for(
        Part.PATHWAYS, _pick(spec, Part.PATHWAYS, credential, expiry, as_of)
    )
    education = compiled.education[education_rules.id]
    pathways = tuple(
        p for p in compiled.pathways[pathway_rules.id] if offered(p.pathway, facts, inner)
    )

    credit_through = expiry
    if education.rules.credit_after_expiry_counts:
        credit_through = max(
            [
                expiry,
                *(closes(p.pathway, dates, as_of) for p in pathways if p.pathway.requires_credit),
            ]
        )
    window = CycleWindow(
        credential.certified_on, expiry, credit_through, cycle.credit_starts(dates)
    )
    activities = tuple(activities)
    # Records that are no credit: a passed exam a pathway looks for, a payment of dues.
    exam_records = frozenset().union(
        *(p.pathway.exam_units for p in pathways), *(dues.units for dues in cycle.dues)
    )
    assessments: dict[tuple[CompiledEducation, CreditWindow], Assessment] = {}
    solutions: Solutions = {}

    def assessment(rules: CompiledEducation, credit_window: CreditWindow) -> Assessment:
        # The same rules over the same window come to the same result: assessed once.
        key = (rules, credit_window)
        if key not in assessments:
            assessments[key] = assess(
                activities, rules, credit_window, facts, inner, exam_records, solutions
            )
        return assessments[key]

    main_window = CreditWindow(window.credit_from, credit_through, as_of, dates)
    results = assessment(education, main_window)[0]

    def standing(pathway: CompiledPathway) -> tuple[RequirementResult, ...]:
        # A pathway with requirements of its own is assessed on them, by the same credit rules.
        own = pathway.education(education, education_rules)
        span = pathway.pathway.credit_within
        if span is None:
            return assessment(own, main_window)[1]
        return assessment(own, look_back(span, as_of, dates))[1]

    pathway_results = tuple(
        pathway_result(
            spec,
            pathway.pathway,
            dates,
            standing(pathway),
            as_of,
            facts,
            inner,
            activities,
            credit_through if pathway.pathway.credit_within is None else None,
            pathway.education(education, education_rules),
        )
        for pathway in pathways
    )
    dues = _dues(cycle, dates, activities, as_of)
    status = _status(as_of, credential.certified_on, expiry, pathway_results, facts)
    if any(due.missed for due in dues) and status is not Status.PENDING:
        status = Status.LAPSED
        notes.extend(
            f"{due.label} due on {due.due_on} is not recorded as paid by {due.payable_through}:"
            f" the credential lapsed on {day_after(due.payable_through)}."
            for due in dues
            if due.missed
        )
    used = _distinct([cycle_rules, education_rules, pathway_rules])
    notes.extend(note for rule_set in used for note in rule_set.notes)
    read = {fact.name for fact in spec.facts}
    notes.extend(
        f"The fact {name!r} is not one the {spec.label} rules read; it is not used."
        for name, _ in credential.facts.other
        if name not in read
    )
    return Verdict(
        credential=credential,
        credential_name=spec.name,
        as_of=as_of,
        status=status,
        usable=status is Status.CURRENT,
        cycle=window,
        pathways=pathway_results,
        activities=results,
        rule_sets=tuple(rule_set.id for rule_set in used),
        notes=tuple(notes),
        outer=outer,
        dues=dues,
    )


def _dues(
    cycle: Cycle, dates: CycleDates, activities: tuple[Activity, ...], as_of: Date
) -> tuple[DueResult, ...]:
    found: list[DueResult] = []
    for dues in cycle.dues:
        paid = [
            activity.completed_on
            for activity in activities
            if activity.unit.casefold() in dues.units and activity.completed_on <= as_of
        ]
        for due, paid_on in paid_dates(dues, dates, paid):
            missed = paid_on is None and due.payable_through < as_of
            found.append(
                DueResult(dues.label, due.due_on, due.payable_through, paid_on, dues.fee, missed)
            )
    return tuple(sorted(found, key=lambda due: (due.due_on, due.label)))


def _pick(
    spec: CredentialSpec, part: Part, credential: Credential, expiry: Date | None, as_of: Date
) -> Date:
    select_by = spec.selection.for_part(part)
    if select_by is SelectBy.AS_OF:
        return as_of
    if select_by is SelectBy.EXPIRES_ON and expiry is not None:
        return expiry
    return credential.certified_on


def _status(
    as_of: Date,
    certified_on: Date,
    expiry: Date,
    pathways: tuple[PathwayResult, ...],
    facts: FactReader,
) -> Status:
    if as_of < certified_on:
        return Status.PENDING
    if as_of <= expiry:
        return Status.INACTIVE if facts.facts.inactive else Status.CURRENT
    if any(
        pathway.is_open and pathway.kind is PathwayKind.CONTINUING_EDUCATION for pathway in pathways
    ):
        return Status.GRACE
    return Status.LAPSED


def _distinct(rule_sets: list[RuleSet]) -> list[RuleSet]:
    return list({rule_set.id: rule_set for rule_set in rule_sets}.values())
