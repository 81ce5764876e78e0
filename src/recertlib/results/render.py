"""Verdicts, plans, query results and credentials as text for a person to read (the CLI's
output)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

import attrs
from attrs import field, frozen

from recertlib.inputs import BIRTH_DATE, FIRST_RENEWAL, ORIGINALLY_ISSUED_ON
from recertlib.plugins.registry import Registry
from recertlib.quantities.amounts import format_amount, plural, quantity
from recertlib.quantities.dates import Date
from recertlib.results.plan import Plan
from recertlib.results.verdict import ActivityResult, PathwayResult, Status, Verdict
from recertlib.rules import (
    AfterBirthdays,
    ContinuingEducation,
    Conversion,
    CredentialSpec,
    Cycle,
    FactIs,
    Fee,
    InFirstCycle,
    OuterCycle,
    Part,
    Pathway,
    PathwayKind,
    Selector,
    TakenBy,
)

_STATUS = {
    Status.PENDING: "not yet current (certified after this date)",
    Status.CURRENT: "current",
    Status.GRACE: "expired; recertifying by continuing education is still open",
    Status.LAPSED: "lapsed",
    Status.INACTIVE: "inactive; held, but not to be used",
}


def _status(verdict: Verdict) -> str:
    education = [p for p in verdict.open_pathways if p.kind is PathwayKind.CONTINUING_EDUCATION]
    if verdict.status is Status.GRACE and education and not any(p.achievable for p in education):
        return "expired; continuing education is still open but can no longer be completed"
    return _STATUS.get(verdict.status, verdict.status.value)


def format_fees(fees: Iterable[Fee]) -> str:
    """Fees in words; an amount no source confirms says so."""
    parts = []
    for fee in fees:
        if fee.amount is None:
            parts.append(f"{fee.describe()}: amount not published")
        else:
            unconfirmed = "" if fee.confirmed else " (unconfirmed)"
            amount = f"{format_amount(fee.amount)} {fee.currency}{unconfirmed}"
            parts.append(f"{fee.describe()}: {amount}")
    return "; ".join(parts) or "none"


def _table(rows: Sequence[Sequence[str]], indent: str = "  ") -> list[str]:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return [
        indent
        + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def _window(pathway: PathwayResult) -> str:
    until = f"through {pathway.closes_on}" if pathway.closes_on else "with no end"
    return f"open from {pathway.opens_on} {until}"


def _state(pathway: PathwayResult, as_of: Date) -> str:
    if not pathway.is_open:
        return "not open yet" if pathway.opens_on > as_of else "closed"
    if not pathway.achievable:
        until = f" on {pathway.credit_until}" if pathway.credit_until else ""
        return f"open, but can no longer be completed: the window for earning credit closed{until}"
    if pathway.can_recertify_now:
        if pathway.exam_passed:
            return "can recertify now (exam passed)"
        return "can recertify now" if pathway.requirements else "open now"
    if pathway.exam_passed is False and pathway.requirements_met:
        return "open, exam not yet passed"
    if pathway.exam_passed is False:
        return "open, requirements not met and exam not yet passed"
    return "open, requirements not met"


def _deadline(label: str, due_on: Date, overdue: bool) -> str:
    return f"  by {due_on}: {label}{' (OVERDUE)' if overdue else ''}"


def _pathway_lines(verdict: Verdict, pathway: PathwayResult, marker: str) -> list[str]:
    lines = [f"{pathway.name}{marker}: {_state(pathway, verdict.as_of)} ({_window(pathway)})"]
    if pathway.requirements:
        rows = [["requirement", "required", "earned", "shortfall", "met"]]
        rows += [
            [
                requirement.name,
                format_amount(requirement.required),
                format_amount(requirement.earned),
                format_amount(requirement.shortfall),
                "yes" if requirement.met else "NO",
            ]
            for requirement in pathway.requirements
        ]
        lines += _table(rows)
    if pathway.is_open and pathway.achievable:
        lines += [f"  to do: {step}" for step in pathway.steps]
    # Only what can still be done: a date past that no longer helps is not an overdue step.
    lines += [
        _deadline(step.label, step.due_on, step.overdue) for step in verdict.actionable(pathway)
    ]
    if pathway.is_open and pathway.achievable:
        lines.append(f"  fees: {format_fees(pathway.fees)}")
        if pathway.next_expiry:
            lines.append(f"  new expiry if recertified now: {pathway.next_expiry}")
    lines += [f"  note: {note}" for note in pathway.notes]
    return lines


def _activity_row(result: ActivityResult, unit: str) -> list[str]:
    activity = result.activity
    counted = f"{format_amount(result.counted)} of {quantity(result.credit, unit)}"
    why = "; ".join(refusal.detail for refusal in result.refusals)
    return [str(activity.completed_on), activity.title, result.area or "-", counted, why]


def render_verdict(verdict: Verdict) -> str:
    """The verdict as a short report: status, cycle, each pathway, counted and refused credit."""
    credential = verdict.credential
    usable = "may use the credential" if verdict.usable else "may NOT use the credential"
    lines = [
        f"{credential.holder}: {verdict.credential_name}, as of {verdict.as_of}",
        f"status: {_status(verdict)}; {usable}",
        f"cycle: {verdict.cycle.starts_on} to {verdict.cycle.expires_on}"
        f" (credit counts through {verdict.cycle.credit_through})",
    ]
    if verdict.status is Status.GRACE and verdict.continuing_education_closes_on:
        lines.append(f"continuing education closes on {verdict.continuing_education_closes_on}")
    lines.append(verdict.summary)
    if verdict.next_step_words is not None:
        lines.append(f"next: {verdict.next_step_words}")
    lines.append("")
    markers = {id(verdict.recommended): " [recommended]", id(verdict.waiting_for): " [wait for it]"}
    for pathway in verdict.pathways:
        lines += _pathway_lines(verdict, pathway, markers.get(id(pathway), ""))
    unit = next((r.unit for p in verdict.pathways for r in p.requirements), "credit")
    for title, results in (("counted", verdict.counted), ("refused", verdict.refused)):
        lines.append("")
        lines.append(f"{title} activities: {len(results)}")
        if results:
            lines += _table([_activity_row(result, unit) for result in results])
    lines.append("")
    lines.append(f"rule sets: {', '.join(verdict.rule_sets)}")
    lines += [f"note: {note}" for note in verdict.notes]
    return "\n".join(lines)


def describe_unit(conversion: Conversion) -> str:
    """A recorded unit, with the last date it counts where the body stopped accepting it."""
    if conversion.counts_through is None:
        return conversion.unit
    return f"{conversion.unit} (completed by {conversion.counts_through})"


def _pathway_summary(pathway: Pathway) -> str:
    window: list[str] = []
    if pathway.opens is not None:
        window.append(f"from {pathway.opens.describe()}")
    if pathway.closes is not None:
        window.append(f"through {pathway.closes.describe()}")
    when = ", ".join(window) or "any time"
    return f"{pathway.name} ({when}; fees: {format_fees(pathway.fees)})"


def describe_credential(spec: CredentialSpec, origin: str) -> str:
    """One credential's current rules in words: cycle, thresholds, pathways and fees."""
    cycle_rules = spec.history(Part.CYCLE)[-1]
    education_rules = spec.history(Part.CONTINUING_EDUCATION)[-1]
    pathway_rules = spec.history(Part.PATHWAYS)[-1]
    assert cycle_rules.cycle is not None
    assert education_rules.continuing_education is not None
    assert pathway_rules.pathways is not None
    education = education_rules.continuing_education
    lines = [
        f"{spec.label}: {spec.name} ({spec.body_name}) [{origin}]",
        f"  cycle: {cycle_rules.cycle.describe()}",
        f"  continuing education, in {plural(education.unit)}:",
    ]
    lines += [
        f"    {describe_requirement(education, r.describe(education.unit))}"
        for r in education.all_requirements()
    ]
    lines += [
        f"    at most {quantity(c.amount, education.unit)} {c.name} ({c.selector.describe()})"
        for c in education.caps
    ]
    lines.append(f"    units: {describe_units(education)}")
    approval = describe_approval(spec, education)
    if approval is not None:
        lines.append(f"    approval: {approval}")
    lines += [f"  pathway: {_pathway_summary(pathway)}" for pathway in pathway_rules.pathways]
    facts = facts_read(spec)
    lines.append(f"  facts: {'; '.join(f.describe() for f in facts) if facts else 'none'}")
    return "\n".join(lines)


@frozen
class FactUse:
    """A fact a credential's rules read, and what for."""

    name: str
    """The fact, or two that stand for one another (``first_renewal or
    originally_issued_on``)."""
    required: bool
    """Whether an evaluation may fail without it (:class:`~recertlib.MissingFact`); an
    optional fact only picks among fees or pathways, all listed while it is not given."""
    why: str

    def describe(self) -> str:
        """The fact in words: ``birth_date (required: the expiry ...)``."""
        return f"{self.name} ({'required' if self.required else 'optional'}: {self.why})"


_FIRST = f"{FIRST_RENEWAL} or {ORIGINALLY_ISSUED_ON}"


def facts_read(spec: CredentialSpec) -> tuple[FactUse, ...]:
    """Every fact about the holder that ``spec``'s rules read, in every rule set, found in its
    standard shapes (a plugin's own rule may read more: its plugin says so), with the facts
    the plugin declares (:attr:`~recertlib.rules.CredentialSpec.facts`). A fact the cycle or a
    requirement needs is required; one that only picks among fees or offered pathways is
    optional."""
    found: dict[str, FactUse] = {}

    def add(name: str, required: bool, why: str) -> None:
        known = found.get(name)
        if known is None or (required and not known.required):
            found[name] = FactUse(name, required, why)

    for rule_set in spec.rule_sets:
        if rule_set.cycle is not None:
            for item, _ in _walk(rule_set.cycle, ()):
                if isinstance(item, AfterBirthdays):
                    add(BIRTH_DATE, True, "the expiry is counted from the birth month")
                elif isinstance(item, OuterCycle):
                    add(ORIGINALLY_ISSUED_ON, True, f"the {item.name} is counted from it")
                elif isinstance(item, Cycle) and item.first is not None:
                    add(_FIRST, True, "the first cycle has a cycle of its own")
                _condition(item, add, True, "which requirements apply")
        if rule_set.continuing_education is not None:
            for item, _ in _walk(rule_set.continuing_education, ()):
                _condition(item, add, True, "which requirements apply")
        for pathway in rule_set.pathways or ():
            for item, path in _walk(pathway, ()):
                if "fees" in path:
                    why = "which fees apply; without it, each is listed"
                    _condition(item, add, False, why)
                elif path == ("when",):
                    why = "which pathways are offered; without it, each is listed"
                    _condition(item, add, False, why)
                else:
                    _condition(item, add, True, "which requirements apply")
    for fact in spec.facts:
        add(fact.name, False, fact.description)
    return tuple(found.values())


def _condition(
    item: object, add: Callable[[str, bool, str], None], required: bool, why: str
) -> None:
    if isinstance(item, FactIs):
        add(item.name, required, why)
    elif isinstance(item, InFirstCycle):
        add(_FIRST, required, f"{why} in the first cycle")


def _walk(value: object, path: tuple[str, ...]) -> Iterator[tuple[object, tuple[str, ...]]]:
    """Every value within a rules object, with the names of the fields that lead to it."""
    yield value, path
    if attrs.has(type(value)):
        for name in attrs.fields_dict(type(value)):  # type: ignore[arg-type]
            yield from _walk(getattr(value, name), (*path, name))
    elif isinstance(value, tuple | list | frozenset):
        for item in value:
            yield from _walk(item, path)


def _approvals(education: ContinuingEducation) -> list[str]:
    """What each requirement or cap that counts only approved (or only unapproved) credit
    counts, in words."""
    said = []
    for item, _ in _walk((education.all_requirements(), education.caps), ()):
        selector = getattr(item, "selector", None)
        if isinstance(selector, Selector) and selector.approved is not None:
            which = "approved credit" if selector.approved else "credit not approved"
            said.append(f"{getattr(item, 'name', 'a requirement')} counts only {which}")
    return list(dict.fromkeys(said))


def describe_approval(spec: CredentialSpec, education: ContinuingEducation) -> str | None:
    """Which approval the credit needs, in words: the approver's code an activity's
    ``approved_by`` must name, whether the body's own code in recertlib (``CA-BRN``) is taken
    for it, which requirements ask for approved credit, and which units count as approved
    whoever gave them; ``None`` where the rules ask for no approval."""
    approver = education.approver
    needing = _approvals(education)
    if approver is None or not (education.approval_required or needing):
        return None
    said = [
        f"by {approver}: an activity's approved_by must name {approver} (in any case)"
        + (", and only approved credit counts" if education.approval_required else "")
    ]
    if spec.body.casefold() != approver.casefold():
        said.append(f"{spec.body}, this body's code in recertlib, is not taken for {approver}")
    said += needing
    approved_units = [c.unit for c in education.conversions if c.approved is True]
    if approved_units:
        count = "counts" if len(approved_units) == 1 else "count"
        said.append(f"{' and '.join(approved_units)} {count} as approved whoever gave them")
    return "; ".join(said)


def describe_requirement(education: ContinuingEducation, text: str) -> str:
    """A requirement's words, saying where only approved credit counts that ``any credit``
    means any approved credit."""
    if education.approval_required and education.approver:
        return text.replace("any credit", f"any credit approved by {education.approver}")
    return text


def describe_units(education: ContinuingEducation) -> str:
    """The units the body takes: those its rules name, then the common units converted into
    them (:mod:`recertlib.quantities.units`), then the common units it refuses, with why."""
    named = ", ".join(map(describe_unit, education.conversions))
    related = [t.unit for t in education.common_units() if t.taken_by is TakenBy.RELATIONS]
    said = (
        f"{named}; and, converted: {', '.join(related)}"
        if related
        else f"{named} (no other unit: no common unit converts into these)"
    )
    refused = describe_refused_units(education)
    return f"{said}; refused: {refused}" if refused else said


def describe_refused_units(education: ContinuingEducation) -> str:
    """The common units the body refuses (:class:`~recertlib.rules.RefusedUnit`), those
    refused for one reason said together, with it; empty when it refuses none."""
    reasons: dict[str, list[str]] = {}
    for terms in education.common_units():
        if terms.taken_by is TakenBy.REFUSED:
            reasons.setdefault(terms.said, []).append(terms.unit)
    return "; ".join(f"{', '.join(units)} ({reason})" for reason, units in reasons.items())


def render_credentials(registry: Registry) -> str:
    """Every registered credential, described."""
    specs = registry.credentials()
    if not specs:
        return "No credentials: no recertlib plugin is installed (or autoload is off)."
    return "\n\n".join(describe_credential(spec, registry.origin_of(spec)) for spec in specs)


def _count(count: int, noun: str, nouns: str | None = None) -> str:
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


def render_plan(plan: Plan) -> str:
    """A plan as a table, earliest first: the date, the holder, the credential and the action,
    an action already past marked ``(OVERDUE)``."""
    overdue = len(plan.overdue)
    lines = [f"plan as of {plan.as_of}: {_count(len(plan.actions), 'action')}, {overdue} overdue"]
    if not plan.actions:
        return lines[0]
    rows = [["due on", "holder", "credential", "action"]]
    rows += [
        [
            str(action.due_on),
            action.holder,
            action.credential,
            f"{action.title}{' (OVERDUE)' if action.overdue else ''}",
        ]
        for action in plan.actions
    ]
    return "\n".join(lines + _table(rows))


@frozen
class Found:
    """One credential a query found, as ``recertlib due`` lists it: small, so that a long run
    keeps these and not the verdicts they came from."""

    record: str
    """The record it came from, as ``staff.jsonl line 2 (person 'E-1002', NHA CCMA)``."""
    holder: str
    """The holder as the credential names them: a person's id, a holder record's name."""
    name: str | None
    """The person's name, when the holder is a person who has one."""
    credential: str
    """The credential as ``"AAMA CMA"``."""
    due_on: Date | None
    reason: str
    attributes: dict[str, str] = field(factory=dict, hash=False)
    """The person's :attr:`~recertlib.Person.attributes` (a manager, a department)."""

    @property
    def who(self) -> str:
        """The holder, with the person's name when there is one: ``E-1001 (Maria Lopez)``."""
        return f"{self.holder} ({self.name})" if self.name else self.holder


QUERY_TITLES = {
    "not_usable": "not usable",
    "due_within": "due within {days} days",
    "can_recertify_now": "can recertify now",
}
"""The sections of ``recertlib due``, by the name of the query in
:mod:`recertlib.results.queries`."""


def render_found(as_of: Date, days: int, found: Mapping[str, Sequence[Found]]) -> str:
    """What ``recertlib due`` found: one section per query (:data:`QUERY_TITLES`), each a
    table of who, which credential, the date it is about, and why."""
    try:
        through = f" (through {as_of.add(days=days)})"
    except (OverflowError, ValueError):  # past the end of the calendar
        through = ""
    lines = [f"as of {as_of}, looking {_count(days, 'day')} ahead{through}"]
    for query, title in QUERY_TITLES.items():
        matches = found.get(query, ())
        lines.append("")
        lines.append(f"{title.format(days=days)}: {len(matches)}")
        if matches:
            lines += _table(
                [
                    [match.who, match.credential, str(match.due_on or "-"), match.reason]
                    for match in matches
                ]
            )
    return "\n".join(lines)
