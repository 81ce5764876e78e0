"""The structure of a spec, checked when it is registered: the cycle is not selected by the
expiry it computes, and every source a rule set or a fee cites is one the spec defines."""

from __future__ import annotations

import attrs
import pytest
from support import TEST_SPEC, InProcessPlugin

import recertlib.rules
from recertlib import Registry
from recertlib.errors import InvalidRuleSet
from recertlib.rules import AfterStart, Conversion, CredentialSpec, Dues, Span
from recertlib.rules.checks import spec_problems


def test_selecting_the_cycle_by_the_expiry_it_computes_is_refused():
    spec = CredentialSpec(
        "TB",
        "CIRCLE",
        "Circle",
        "Test Body",
        TEST_SPEC.rule_sets,
        selection=recertlib.rules.Selection(cycle=recertlib.rules.SelectBy.EXPIRES_ON),
    )
    with pytest.raises(InvalidRuleSet, match="cannot be selected by the expiry date"):
        Registry.from_plugins(InProcessPlugin(spec))


def cited(source: str, *sources: recertlib.rules.Source, fee_source: str = "") -> CredentialSpec:
    rule_set = attrs.evolve(
        TEST_SPEC.rule_sets[0],
        source=source,
        pathways=(
            recertlib.rules.Pathway(
                recertlib.rules.PathwayKind.EXAM,
                "By exam",
                fees=(recertlib.rules.Fee("Exam", 1, source=fee_source),),
            ),
        ),
    )
    return attrs.evolve(TEST_SPEC, code="CITED", rule_sets=(rule_set,), sources=sources)


MANUAL = recertlib.rules.Source("MANUAL", "Test Body, Recertification Manual")


def test_rule_sets_cite_the_sources_the_spec_defines():
    spec = cited("[MANUAL], section 2", MANUAL, fee_source="[MANUAL]")
    assert Registry.from_plugins(InProcessPlugin(spec)).get("TB", "CITED") is spec


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (cited("[MANUAL]"), "rule set 'tb.tc.2000' cites \\[MANUAL\\], which no source defines"),
        (
            cited("[MANUAL]", MANUAL, fee_source="[FEES 2024]"),
            "cites \\[FEES 2024\\], which no source defines",
        ),
        (cited("[MANUAL]", MANUAL, MANUAL), "source \\[MANUAL\\] is defined 2 times"),
    ],
)
def test_a_citation_must_name_a_defined_source(spec, message):
    with pytest.raises(InvalidRuleSet, match=message):
        Registry.from_plugins(InProcessPlugin(spec))


@pytest.mark.parametrize(
    ("exam_units", "refused", "common"),
    [
        ({"exam"}, [], False),  # a unit of its own
        ({"Hour"}, ["hour"], False),  # a unit the education names, whatever its case
        ({"exam", "day"}, ["day"], False),
        ({"minute"}, [], False),  # a common unit the education does not convert
        ({"minute"}, ["minute"], True),  # one it converts into a unit it names
    ],
)
def test_an_exam_recorded_in_a_unit_education_counts_is_refused(exam_units, refused, common):
    rule_set = TEST_SPEC.rule_sets[0]
    education = rule_set.continuing_education
    education = attrs.evolve(
        education,
        conversions=(*education.conversions, Conversion("contact_hour", 1)),
        common_units_convert=common,
    )
    credit, exam = rule_set.pathways
    exam = attrs.evolve(exam, exam_units=frozenset(exam_units))
    spec = attrs.evolve(
        TEST_SPEC,
        rule_sets=(
            attrs.evolve(rule_set, continuing_education=education, pathways=(credit, exam)),
        ),
    )
    problems = [p for p in spec_problems(spec) if "exam unit" in p]
    assert [p.split("its exam unit ")[1].split()[0].strip("'") for p in problems] == refused
    for problem in problems:
        assert "pathways[1] 'By exam'" in problem
        assert "record the exam in a unit of its own" in problem


@pytest.mark.parametrize(
    ("dues_units", "exam_units", "said"),
    [
        ({"dues"}, {"exam"}, []),
        ({"Hour"}, {"exam"}, ["cycle.dues[0] 'Annual fee': its unit 'hour'"]),
        ({"dues"}, {"dues"}, ["its exam unit 'dues' records 'Annual fee' paid"]),
    ],
)
def test_dues_recorded_in_a_unit_of_credit_or_of_the_exam_are_refused(dues_units, exam_units, said):
    rule_set = TEST_SPEC.rule_sets[0]
    credit, exam = rule_set.pathways
    cycle = attrs.evolve(
        rule_set.cycle, dues=(Dues("Annual fee", (AfterStart(Span(months=6)),), units=dues_units),)
    )
    exam = attrs.evolve(exam, exam_units=frozenset(exam_units))
    spec = attrs.evolve(
        TEST_SPEC, rule_sets=(attrs.evolve(rule_set, cycle=cycle, pathways=(credit, exam)),)
    )
    problems = [p for p in spec_problems(spec) if "unit" in p]
    assert len(problems) == len(said)
    for problem, words in zip(problems, said, strict=True):
        assert words in problem
