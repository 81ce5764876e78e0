"""Sphinx extension for recertlib's site.

- ``.. recertlib-credentials::`` lists every credential of the plugins shipped in this
  repository, from their own rule data, at build time: the page cannot drift from the code.
- ``.. recertlib-shapes::`` lists every shape and table of the rules format with its fields,
  from the JSON Schema that ships in the package, at build time.
- Every literal block must be an example the test suite runs (a doctest, a ``testcode``
  block, a ``console`` session, or a ``literalinclude`` of tested code); any other is a
  warning, which ``-W`` makes an error.
- Every hook in :mod:`recertlib.plugins.hookspecs` must be documented; a missing one is a warning.
- A constant documented by its import home (``recertlib.plugins.STRICT_ENV``) has the docstring
  written where it is defined (``recertlib.plugins.registry``), not its type's.
"""

from __future__ import annotations

import datetime
import re
import sys
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.pycode import ModuleAnalyzer, PycodeError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from recertlib import Registry
from recertlib.plugins import hookspecs
from recertlib.quantities.amounts import format_amount
from recertlib.results.render import (
    describe_approval,
    describe_refused_units,
    describe_requirement,
    describe_unit,
    facts_read,
    format_fees,
)
from recertlib.rules import (
    ContinuingEducation,
    Conversion,
    CredentialSpec,
    DateRule,
    Measure,
    NextCycleFrom,
    Part,
    Pathway,
    PathwayKind,
    Requirement,
    RuleSet,
    TakenBy,
)
from recertlib.rules.data.schema import RULES_SCHEMA, rules_schema
from recertlib.rules.facts import describe_condition

logger = logging.getLogger(__name__)

# Languages of literal blocks that a test runs: ``console`` sessions are run by
# tests/docs/test_examples_in_docs.py; ``shell`` blocks are commands for the reader's own machine
# (installing, publishing) whose effect the tutorial's test reproduces.
RUN_BY_TESTS = {"console", "shell"}


def _date(rule: DateRule | None, *, never: str) -> str:
    return never if rule is None else rule.describe()


_NEXT_CYCLE = {
    NextCycleFrom.RECERTIFICATION_DATE: "the next cycle counts from the recertification date",
    NextCycleFrom.PREVIOUS_EXPIRY: "the next cycle counts from the previous expiry",
    NextCycleFrom.NEXT_IN_SERIES: "the holder rejoins the body's series of cycles",
}


def _pathway_line(pathway: Pathway) -> str:
    opens = "from " + _date(pathway.opens, never="the cycle's first day")
    closes = _date(pathway.closes, never="with no end")
    through = closes if closes == "with no end" else f"through {closes}"
    needs = "; needs the continuing education" if pathway.requires_credit else ""
    if pathway.requires_credit and pathway.credit_within is not None:
        within = pathway.credit_within.describe("the application", before=True)
        needs += f", completed within {within}"
    exam = (
        f"; the exam is recorded in {' or '.join(sorted(pathway.exam_units))}"
        if pathway.exam_units
        else ""
    )
    offered = f"; offered{describe_condition(pathway.when)}" if pathway.when else ""
    deadlines = "".join(
        f"; {_text(deadline.label)}: {_text(deadline.due.describe())}"
        for deadline in pathway.deadlines
    )
    series = f"; {_NEXT_CYCLE[pathway.next_cycle_from]}"
    fees = _text(format_fees(pathway.fees))
    return (
        f"**{_text(pathway.name)}** ({pathway.kind.value.replace('_', ' ')}): open {opens}"
        f" {through}{needs}{exam}{offered}{deadlines}{series}; fees: {fees}"
    )


def _requirement(requirement: Requirement, unit: str) -> str:
    """A requirement in words, with the window of a measure that counts from its own date."""
    text = requirement.describe(unit)
    if isinstance(requirement, Measure) and requirement.counts_from is not None:
        text += f", counted from {requirement.counts_from.describe()}"
    return text


def _conversion(conversion: Conversion, unit: str) -> str:
    value = f"{format_amount(conversion.factor)} {_text(unit)}" + (
        "s" if conversion.factor > 1 else ""
    )
    tiers = "".join(
        f" (the first {format_amount(tier.up_to)} of a cycle count {format_amount(tier.factor)}"
        " each)"
        for tier in conversion.tiers
    )
    return f"``{describe_unit(conversion)}`` = {value}{tiers}"


def _common_units(education: ContinuingEducation) -> str:
    """How the body takes each common unit (recertlib.quantities.units): by a conversion of its
    own, through the common relations, or refused with its reason."""
    if not education.common_units_convert:
        said = "only the units named, none through the common relations"
    else:
        parts = []
        for terms in education.common_units():
            if terms.taken_by is TakenBy.CONVERSION:
                parts.append(f"``{terms.unit}``: as named above")
            elif terms.taken_by is TakenBy.RELATIONS:
                parts.append(f"``{terms.unit}``: as {_text(terms.said)} (common relation)")
            elif terms.taken_by is TakenBy.REFUSED:
                parts.append(f"``{terms.unit}``: refused, {_text(terms.said)}")
            else:
                parts.append(f"``{terms.unit}``: not taken")
        said = "; ".join(parts) + " (see :doc:`guide/units`)"
    if not education.shared_credit_counts:
        said += "; an activity counted for another credential of the person does not count again"
    return said


def _rule_set_parts(rule_set: RuleSet) -> str:
    return ", ".join(part.value.replace("_", " ") for part in Part if rule_set.states(part))


def _cell(text: str) -> str:
    return " ".join(text.split()) or "-"


def _text(value: str) -> str:
    """Plain text from a plugin (a name, a source), escaped so that it never parses as markup."""
    return re.sub(r"([\\*`|_])", r"\\\1", value)


def credential_rst(spec: CredentialSpec, origin: str) -> list[str]:
    """One credential's section: its latest rules, then the dated history of its rule sets."""
    cycle = spec.history(Part.CYCLE)[-1].cycle
    education = spec.history(Part.CONTINUING_EDUCATION)[-1].continuing_education
    pathways = spec.history(Part.PATHWAYS)[-1].pathways
    assert cycle is not None
    assert education is not None
    assert pathways is not None
    grace = next(
        (
            _date(p.closes, never="no end")
            for p in pathways
            if p.kind is PathwayKind.CONTINUING_EDUCATION
        ),
        "none",
    )
    title = _text(f"{spec.label}: {spec.name}")
    unit = education.unit
    rows = [
        ("Body", f"{_text(spec.body_name)} (``{spec.body}``)"),
        ("Credential", f"``{spec.code}``: {_text(spec.name)}"),
        ("Plugin", f"``{origin}``"),
        ("Cycle", _text(cycle.describe())),
        (
            "Requirements",
            "; ".join(
                _text(describe_requirement(education, _requirement(r, unit)))
                for r in education.all_requirements()
            )
            or "none",
        ),
        ("Approval", _text(describe_approval(spec, education) or "none asked")),
        (
            "Caps",
            "; ".join(
                _text(f"{format_amount(c.amount)} {c.name} ({c.selector.describe()})")
                for c in education.caps
            )
            or "none",
        ),
        (
            "Units taken",
            "; ".join(_conversion(c, unit) for c in education.conversions),
        ),
        (
            "Common units",
            _common_units(education),
        ),
        (
            "Facts the rules read",
            "; ".join(_text(fact.describe()) for fact in facts_read(spec)) or "none",
        ),
        ("Grace: continuing education after expiry", f"open through {grace}"),
        (
            "Credit earned after expiry",
            "counts" if education.credit_after_expiry_counts else "does not count",
        ),
        (
            "Fees",
            "; ".join(dict.fromkeys(_text(format_fees([fee])) for p in pathways for fee in p.fees)),
        ),
    ]
    lines = [
        title,
        "-" * len(title),
        "",
        _cell(_text(spec.description)),
        "",
        ".. list-table::",
        "   :widths: 1 3",
        "   :stub-columns: 1",
        "",
    ]
    for name, value in rows:
        lines += [f"   * - {name}", f"     - {_cell(value)}"]
    lines += ["", "Pathways, in the body's order of preference:", ""]
    lines += [f"- {_cell(_pathway_line(pathway))}" for pathway in pathways]
    lines += [
        "",
        "Rule sets and their sources:",
        "",
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 2 2 1 1 3",
        "",
        "   * - Rule set",
        "     - States",
        "     - In force from",
        "     - Confidence",
        "     - Source",
    ]
    for rule_set in sorted(
        spec.rule_sets, key=lambda r: (r.effective_from or datetime.date.min, r.id)
    ):
        effective = rule_set.effective_from.isoformat() if rule_set.effective_from else "always"
        notes = "".join(f" Note: {note}" for note in rule_set.notes)
        lines += [
            f"   * - ``{rule_set.id}``",
            f"     - {_rule_set_parts(rule_set)}",
            f"     - {effective}",
            f"     - {rule_set.confidence.value}",
            f"     - {_cell(_text(rule_set.source + notes))}",
        ]
    if spec.sources:
        lines += ["", "Sources:", ""]
        for source in spec.sources:
            where = f" <{source.url}>" if source.url else ""
            lines.append(f"- [{_text(source.key)}] {_cell(_text(source.citation))}{where}")
    lines += [""]
    return lines


class CredentialsDirective(SphinxDirective):
    """``.. recertlib-credentials::``: a section per credential of the shipped plugins."""

    def run(self) -> list[nodes.Node]:
        distributions = self.config.recertlib_shipped_plugins
        registry = Registry.from_entry_points(allow=distributions)
        lines: list[str] = []
        for spec in registry.credentials():
            lines += credential_rst(spec, registry.origin_of(spec))
        root = Path(self.config.recertlib_root)
        for pattern in ("plugins/*/src/**/*.py", "plugins/*/src/**/*.toml"):
            for path in root.glob(pattern):
                self.env.note_dependency(str(path))
        return self.parse_text_to_nodes("\n".join(lines), allow_section_headings=True)


def units_rst(registry: Registry) -> list[str]:
    """A table of the units each credential takes: the ones its rules name, with their value,
    the common units converted into them, and the common units it refuses."""
    lines = [
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 1 3 2 2",
        "",
        "   * - Credential",
        "     - Units its rules name, and their value",
        "     - Common units also taken (converted)",
        "     - Common units refused",
    ]
    for spec in registry.credentials():
        education = spec.history(Part.CONTINUING_EDUCATION)[-1].continuing_education
        assert education is not None
        terms = education.common_units()
        converted = [t.unit for t in terms if t.taken_by is TakenBy.RELATIONS]
        not_taken = [f"``{t.unit}``" for t in terms if t.taken_by is TakenBy.NOT_TAKEN]
        refused = "; ".join(
            filter(None, [", ".join(not_taken), _text(describe_refused_units(education))])
        )
        own = "; ".join(_conversion(c, education.unit) for c in education.conversions)
        lines += [
            f"   * - {_text(spec.label)}",
            f"     - {_cell(own)}",
            f"     - {', '.join(f'``{name}``' for name in converted) or 'none'}",
            f"     - {_cell(refused) or 'none'}",
        ]
    return [*lines, ""]


class UnitsDirective(SphinxDirective):
    """``.. recertlib-units::``: the units each credential of the shipped plugins takes."""

    def run(self) -> list[nodes.Node]:
        registry = Registry.from_entry_points(allow=self.config.recertlib_shipped_plugins)
        root = Path(self.config.recertlib_root)
        for path in root.glob("plugins/*/src/**/*.py"):
            self.env.note_dependency(str(path))
        return self.parse_text_to_nodes("\n".join(units_rst(registry)))


_DATED = "A dated value: the value from each date on."


def _kind(schema: dict[str, Any]) -> str:
    """What a field of the rules schema holds, briefly: ``Span``, ``list of DateRule``,
    ``amount``, ``text``."""
    if "$ref" in schema:
        return str(schema["$ref"]).rpartition("/")[2]
    if "anyOf" in schema:
        # A field that may be dated is its value or a table of dated values: say the value.
        kinds = [_kind(one) for one in schema["anyOf"] if one.get("description") != _DATED]
        return " or ".join(dict.fromkeys(kinds))
    if "enum" in schema:
        return " | ".join(f'"{value}"' for value in schema["enum"])
    kind = schema.get("type")
    if kind == "array":
        return f"list of {_kind(schema.get('items', {}))}"
    names = {"string": "text", "integer": "whole number", "boolean": "true or false"}
    return names.get(str(kind), str(kind or "any"))


def _plain_roles(text: str) -> str:
    """A docstring's cross-references as literals: the schema's descriptions are written for
    the API pages, where their targets resolve."""

    def literal(found: re.Match[str]) -> str:
        target = found.group(1)
        shown = target.partition(" <")[0] if " <" in target else target.rpartition(".")[2]
        return f"``{shown.lstrip('~')}``"

    return re.sub(r":[a-z]+(?::[a-z]+)?:`([^`]+)`", literal, text)


def _fields(table: dict[str, Any], skip: tuple[str, ...] = ()) -> str:
    required = set(table.get("required", ()))
    said = [
        f"``{name}``{'' if name in required else ' (optional)'}: {_kind(field)}"
        for name, field in table.get("properties", {}).items()
        if name not in skip
    ]
    return "; ".join(said) or "none"


def shapes_rst(schema: dict[str, Any]) -> list[str]:
    """A table of every standard shape of the rules format, by protocol, with each field it
    takes (its name, whether it may be left out, what it holds), read from the JSON Schema, and
    one of the other tables the format has."""
    definitions: dict[str, Any] = schema["$defs"]
    shapes = [
        (protocol, alternative)
        for protocol, definition in definitions.items()
        for alternative in definition.get("anyOf", ())
        if "const" in alternative.get("properties", {}).get("shape", {})
    ]
    lines = [
        ".. list-table:: The standard shapes",
        "   :header-rows: 1",
        "   :widths: 1 1 3 3",
        "",
        "   * - Protocol",
        "     - Shape",
        "     - Fields",
        "     - What it is",
    ]
    for protocol, shape in shapes:
        lines += [
            f"   * - {protocol}",
            f"     - ``{shape['properties']['shape']['const']}``",
            f"     - {_cell(_fields(shape, skip=('shape', 'in_force')))}",
            f"     - {_cell(_plain_roles(shape.get('description', '')))}",
        ]
    lines += [
        "",
        ".. list-table:: The other tables",
        "   :header-rows: 1",
        "   :widths: 1 4 3",
        "",
        "   * - Table",
        "     - Fields",
        "     - What it is",
    ]
    for name, definition in definitions.items():
        if definition.get("type") != "object" or "properties" not in definition:
            continue
        lines += [
            f"   * - ``{name}``",
            f"     - {_cell(_fields(definition, skip=('in_force',)))}",
            f"     - {_cell(_plain_roles(definition.get('description', '')))}",
        ]
    return [*lines, ""]


class ShapesDirective(SphinxDirective):
    """``.. recertlib-shapes::``: every shape and table of the rules format with its fields,
    from the JSON Schema that ships in the package."""

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(RULES_SCHEMA))
        return self.parse_text_to_nodes("\n".join(shapes_rst(rules_schema())))


def _literal_block_is_tested(node: nodes.literal_block, root: Path) -> bool:
    if node.get("testnodetype"):  # sphinx.ext.doctest's doctest, testcode, testoutput
        return True
    source = node.get("source")
    if source:  # a literalinclude: the included file must be code the test suite runs
        included = Path(source).resolve()
        return any(included.is_relative_to(root / tested) for tested in ("examples", "plugins"))
    return node.get("language") in RUN_BY_TESTS


def check_examples(app: Sphinx, doctree: nodes.document) -> None:
    """Warn of every literal block the test suite does not run."""
    root = Path(app.config.recertlib_root).resolve()
    for node in doctree.findall(nodes.literal_block):
        if not _literal_block_is_tested(node, root):
            logger.warning(
                "untested code example: use a doctest, a testcode block, a console session"
                " or a literalinclude of tested code",
                location=node,
            )


def hook_names() -> list[str]:
    """The name of every hook :mod:`recertlib.plugins.hookspecs` declares."""
    return sorted(
        name
        for name, value in vars(hookspecs).items()
        if callable(value) and hasattr(value, f"{hookspecs.PROJECT}_spec")
    )


def check_hooks(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn of every hook without an entry in the documentation."""
    documented = env.domains.python_domain.objects
    for name in hook_names():
        if f"recertlib.plugins.hookspecs.{name}" not in documented:
            logger.warning("hook %r has no entry in the documentation", name)


def _attribute_docs(module: str) -> dict[tuple[str, str], list[str]]:
    try:
        return ModuleAnalyzer.for_module(module).find_attr_docs()
    except PycodeError:
        return {}


def defined_docstring(package: str, name: str, value: object) -> list[str] | None:
    """The docstring of ``value`` where a module of ``package`` defines it as ``name``, for a
    name the package re-exports (``None`` when the package documents it itself, or no module
    of it does)."""
    if ("", name) in _attribute_docs(package):
        return None
    prefix = package + "."
    for module in sorted(m for m in list(sys.modules) if m.startswith(prefix)):
        if getattr(sys.modules[module], name, None) is value:
            lines = _attribute_docs(module).get(("", name))
            if lines:
                return list(lines)
    return None


def document_reexported_data(
    app: Sphinx, what: str, name: str, obj: object, options: Any, lines: list[str]
) -> None:
    """Give a re-exported constant the docstring of its definition rather than its type's."""
    if what != "data":
        return
    package, _, attribute = name.rpartition(".")
    if not hasattr(sys.modules.get(package), "__path__"):
        return
    found = defined_docstring(package, attribute, obj)
    if found is not None:
        lines[:] = found


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("recertlib_shipped_plugins", [], "env", types=[list])
    app.add_config_value("recertlib_root", "", "env", types=[str])
    app.add_directive("recertlib-credentials", CredentialsDirective)
    app.add_directive("recertlib-units", UnitsDirective)
    app.add_directive("recertlib-shapes", ShapesDirective)
    app.connect("doctree-read", check_examples)
    app.connect("env-check-consistency", check_hooks)
    app.connect("autodoc-process-docstring", document_reexported_data)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
