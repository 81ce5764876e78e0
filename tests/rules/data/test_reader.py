"""Reading a credential from a rules file: one model, two ways to write it; values dated one by
one; every problem named with the file, the key path, the line and the value."""

from __future__ import annotations

import textwrap

import pendulum
import pytest

from recertlib.errors import RulesFileError
from recertlib.rules import (
    AfterExpiry,
    Confidence,
    ContinuingEducation,
    Conversion,
    CredentialSpec,
    Cycle,
    Pathway,
    PathwayKind,
    RuleSet,
    SelectBy,
    Selection,
    Source,
    Span,
    SpanAfter,
)
from recertlib.rules.data import credential_from_data, read_credential, read_credential_text

HEAD = """\
recertlib = 1
body = "TB"
code = "D"
name = "Data test"
body_name = "Test body"

[[sources]]
key = "RULES"
citation = "The test body's rules"
url = "https://example.invalid/rules"
"""

RULE_SETS = """\
[[rule_sets]]
id = "tb.d"
from = "earliest"
states = ["cycle", "continuing_education", "pathways"]
source = "[RULES]"
confidence = "high"
"""

PARTS = """\
[cycle]
expiry = { shape = "SpanAfter", span = { months = 24 } }

[continuing_education]
unit = "hour"
total = 10

[[continuing_education.conversions]]
unit = "hour"
factor = 1

[[pathways]]
kind = "continuing_education"
name = "Renew"
closes = { shape = "AfterExpiry" }
requires_credit = true
"""


def read(*parts: str, file: str = "tb.toml") -> CredentialSpec:
    return read_credential_text("\n".join(textwrap.dedent(part) for part in parts), file=file)


def line_of(text: str, *parts: str) -> int:
    """The line of ``text`` in the document ``parts`` make."""
    document = "\n".join(textwrap.dedent(part) for part in parts)
    return next(number for number, line in enumerate(document.splitlines(), 1) if text in line)


def problems(*parts: str) -> list[str]:
    with pytest.raises(RulesFileError) as raised:
        read(*parts)
    error = raised.value
    assert error.file == "tb.toml"
    return [f"{line}: {problem}" for problem, line in zip(error.problems, error.lines, strict=True)]


EXPECTED = CredentialSpec(
    "TB",
    "D",
    "Data test",
    "Test body",
    (
        RuleSet(
            "tb.d",
            None,
            "[RULES]",
            Confidence.HIGH,
            cycle=Cycle(SpanAfter(Span(months=24))),
            continuing_education=ContinuingEducation("hour", 10, (Conversion("hour", 1),)),
            pathways=(
                Pathway(
                    PathwayKind.CONTINUING_EDUCATION,
                    "Renew",
                    closes=AfterExpiry(),
                    requires_credit=True,
                ),
            ),
        ),
    ),
    sources=(Source("RULES", "The test body's rules", url="https://example.invalid/rules"),),
)


def test_a_rules_file_is_the_same_spec_as_the_python():
    assert read(HEAD, RULE_SETS, PARTS) == EXPECTED


def test_a_file_on_disk_and_its_name_in_errors(tmp_path):
    path = tmp_path / "tb.toml"
    path.write_text(HEAD + RULE_SETS + PARTS, encoding="utf-8")
    assert read_credential(path) == EXPECTED
    path.write_text(HEAD, encoding="utf-8")
    with pytest.raises(RulesFileError, match=r"rules file .*tb\.toml: \$\.rule_sets: required"):
        read_credential(path)


def test_a_file_that_cannot_be_read_says_so(tmp_path):
    with pytest.raises(RulesFileError, match="cannot be read"):
        read_credential(tmp_path / "missing.toml")


def test_data_from_another_reader_structures_alike():
    import tomllib

    data = tomllib.loads(HEAD + RULE_SETS + PARTS)
    assert credential_from_data(data) == EXPECTED


# --- Values dated one by one -----------------------------------------------------------------

DATED = """\
[[rule_sets]]
id = "tb.d.cycle"
from = "earliest"
states = ["cycle", "pathways"]
source = "[RULES]"
confidence = "high"

[[rule_sets]]
id = "tb.d.education"
from = "earliest"
states = ["continuing_education"]
source = "[RULES]"
confidence = "medium"

[[rule_sets]]
id = "tb.d.education.2020"
from = 2020-01-01
states = ["continuing_education"]
source = "[RULES]: the total raised"
confidence = "high"
notes = ["From 2020, 20 hours."]

[[rule_sets]]
id = "tb.d.education.2022"
from = 2022-07-01
states = ["continuing_education"]
source = "[RULES]: minutes no longer taken"
confidence = "high"

[cycle]
expiry = { shape = "SpanAfter", span = { months = 24 } }

[continuing_education]
unit = "hour"
total = { earliest = 10, 2020-01-01 = 20 }

[[continuing_education.conversions]]
unit = "hour"
factor = 1

[[continuing_education.conversions]]
in_force = { earliest = true, 2022-07-01 = false }
unit = "minute"
factor = { earliest = "0.02", 2020-01-01 = "0.025" }

[[pathways]]
kind = "continuing_education"
name = "Renew"
closes = { shape = "AfterExpiry" }
requires_credit = true
"""


def test_each_value_changes_on_its_own_date_and_each_date_is_a_rule_set():
    spec = read(HEAD, DATED)
    both, earliest, from_2020, from_2022 = spec.rule_sets
    assert (both.id, both.effective_from) == ("tb.d.cycle", None)
    assert both.cycle is not None
    assert both.pathways is not None  # one rule set may state several parts
    assert both.continuing_education is None
    assert [(r.effective_from, r.confidence) for r in (earliest, from_2020, from_2022)] == [
        (None, Confidence.MEDIUM),
        (pendulum.date(2020, 1, 1), Confidence.HIGH),
        (pendulum.date(2022, 7, 1), Confidence.HIGH),
    ]
    assert from_2020.notes == ("From 2020, 20 hours.",)
    totals = [r.continuing_education.total for r in (earliest, from_2020, from_2022)]
    assert totals == [10, 20, 20]
    units = [
        [(c.unit, c.factor) for c in r.continuing_education.conversions]
        for r in (earliest, from_2020, from_2022)
    ]
    assert [[(unit, str(factor)) for unit, factor in found] for found in units] == [
        [("hour", "1"), ("minute", "0.02")],
        [("hour", "1"), ("minute", "0.025")],
        [("hour", "1")],
    ]


def test_a_dated_value_before_its_first_date_is_as_if_unwritten():
    # An optional field left out is None: a pathway that closes only from 2020 on.
    text = (
        DATED.replace(
            'closes = { shape = "AfterExpiry" }',
            'closes = { 2020-01-01 = { shape = "AfterExpiry" } }',
        )
        .replace('states = ["cycle", "pathways"]', 'states = ["cycle"]')
        .replace(
            'states = ["continuing_education"]', 'states = ["continuing_education", "pathways"]'
        )
    )
    spec = read(HEAD, text)
    closes = [r.pathways[0].closes for r in spec.rule_sets if r.pathways is not None]
    assert closes == [None, AfterExpiry(), AfterExpiry()]


def test_the_selection_and_the_facts_are_data_too():
    spec = read(
        HEAD,
        RULE_SETS,
        PARTS,
        """\
        [selection]
        continuing_education = "as_of"

        [[facts]]
        name = "state_licensed"
        kind = "boolean"
        description = "Whether the holder holds a state licence"
        """,
    )
    assert spec.selection == Selection(continuing_education=SelectBy.AS_OF)
    assert [(f.name, f.kind.value) for f in spec.facts] == [("state_licensed", "boolean")]


# --- Errors: the file, the key path, the line and the value -------------------------------------


def test_a_bad_value_is_named_by_its_key_path_line_and_value():
    parts = (HEAD, RULE_SETS, PARTS.replace("total = 10", 'total = "ten"'))
    found = problems(*parts)
    line = line_of('total = "ten"', *parts)
    assert found == [
        f"{line}: $.continuing_education.total: expected a number of credits, got 'ten'"
    ]


def test_every_problem_is_reported_at_once_in_line_order():
    bad = (
        PARTS.replace("months = 24", "month = 24")
        .replace('kind = "continuing_education"', 'kind = "renewal"')
        .replace("factor = 1", "factor = -1")
    )
    found = problems(HEAD, RULE_SETS, bad)
    lines = [
        line_of(text, HEAD, RULE_SETS, bad) for text in ("month = 24", "factor = -1", "renewal")
    ]
    assert found == [
        f"{lines[0]}: $.cycle.expiry.span.month: unknown field (got 24)",
        f"{lines[1]}: $.continuing_education.conversions[0].factor: expected a non-negative"
        " number of credits, got -1",
        f"{lines[2]}: $.pathways[0].kind: 'renewal' is not a valid PathwayKind",
    ]


def test_a_value_dated_on_a_day_no_rule_set_gives_a_source_is_refused():
    dated = DATED.replace("2020-01-01 = 20", "2021-01-01 = 20")
    found = problems(HEAD, dated)
    line = line_of("2021-01-01 = 20", HEAD, dated)
    assert found == [
        f'{line}: $.continuing_education.total["2021-01-01"]: no [[rule_sets]] entry states the'
        " continuing education from 2021-01-01: add one, with the source of the change"
    ]


def test_a_dated_value_on_no_such_day_is_refused():
    dated = DATED.replace("2020-01-01 = 20", "2020-02-30 = 20")
    found = problems(HEAD, dated)
    line = line_of("2020-02-30", HEAD, dated)
    assert found == [
        f"{line}: $.continuing_education.total[\"2020-02-30\"]: no such date (got '2020-02-30')"
    ]


def test_an_unknown_shape_lists_those_it_could_be():
    parts = (HEAD, RULE_SETS, PARTS.replace('shape = "AfterExpiry"', 'shape = "Never"'))
    (found,) = problems(*parts)
    assert found == (
        f"{line_of('Never', *parts)}: $.pathways[0].closes.shape: no DateRule shape is called"
        " 'Never': the standard shapes and those an installed plugin registers are AfterExpiry,"
        " AfterStart, BeforeExpiry, DayAfter, Earliest, FirstOfMonth, LastOfMonth, Latest,"
        " Offset, OnDate"
    )


def test_an_import_path_is_no_shape():
    (found,) = problems(
        HEAD, RULE_SETS, PARTS.replace('shape = "AfterExpiry"', 'shape = "os.system"')
    )
    assert "no DateRule shape is called 'os.system'" in found


def test_a_missing_field_and_a_misspelt_one():
    parts = (HEAD, RULE_SETS, PARTS.replace('unit = "hour"\ntotal = 10', 'units = "hour"'))
    found = problems(*parts)
    table = line_of("[continuing_education]", *parts)
    assert found == [
        f"{table}: $.continuing_education.unit: required field missing",
        f"{table + 1}: $.continuing_education.units: unknown field (got 'hour')",
    ]


def test_in_force_outside_a_list_is_an_unknown_field():
    parts = (HEAD, RULE_SETS, PARTS.replace("total = 10", "total = 10\nin_force = true"))
    line = line_of("in_force = true", *parts)
    assert problems(*parts) == [
        f"{line}: $.continuing_education.in_force: unknown field (got True)"
    ]


def test_in_force_must_be_true_or_false():
    table = "[[continuing_education.conversions]]\n"
    parts = (HEAD, RULE_SETS, PARTS.replace(table, table + 'in_force = "yes"\n'))
    line = line_of('in_force = "yes"', *parts)
    # The item is left out, so the rules have no conversion left either.
    assert (
        f"{line}: $.continuing_education.conversions[0].in_force: expected true or false"
        " (got 'yes')"
    ) in problems(*parts)


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        ("recertlib = 1", "required: recertlib = 1, the rules format's version"),
        ("recertlib = 2", "this recertlib reads the rules format 1 only (got 2)"),
    ],
)
def test_the_format_version_is_required(changed, expected):
    head = HEAD.replace("recertlib = 1\n", "" if changed == "recertlib = 1" else changed + "\n")
    found = problems(head, RULE_SETS, PARTS)
    assert any(expected in problem for problem in found), found


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("from", '"soon"', "expected the date the rules take effect, or 'earliest'"),
        ("states", '["rules"]', "expected a list of parts: cycle, continuing_education, pathways"),
        ("confidence", '"sure"', "expected one of: high, medium, low"),
        ("id", '""', "expected non-empty text"),
    ],
)
def test_a_bad_rule_set_entry_is_named(field, value, expected):
    import re

    entry = re.sub(rf"^{field} = .*$", f"{field} = {value}", RULE_SETS, count=1, flags=re.M)
    found = problems(HEAD, entry, PARTS)
    assert any(f"$.rule_sets[0].{field}: {expected}" in problem for problem in found), found


def test_a_part_stated_by_no_rule_set_and_a_rule_set_stating_a_missing_part():
    entry = RULE_SETS.replace('"cycle", "continuing_education", "pathways"', '"cycle", "pathways"')
    found = problems(HEAD, entry, PARTS.replace("[cycle]\n", "[cycle_]\n"))
    assert any("$.continuing_education: no [[rule_sets]] entry states" in p for p in found), found
    assert any("$.cycle: required: rule set 'tb.d' states the cycle" in p for p in found), found
    assert any("$.cycle_: unknown field" in p for p in found), found


def test_not_toml_says_where():
    with pytest.raises(RulesFileError) as raised:
        read_credential_text(HEAD + "body = \n", file="bad.toml")
    assert raised.value.lines == (11,)
    assert str(raised.value).startswith("rules file bad.toml: line 11: $: not TOML: Invalid value")


def test_a_date_and_time_is_no_date():
    found = problems(
        HEAD, RULE_SETS.replace('from = "earliest"', "from = 2020-01-01T10:00:00"), PARTS
    )
    assert any("$.rule_sets[0].from: expected the date" in problem for problem in found)


def test_reading_twice_gives_the_same_object():
    text = HEAD + RULE_SETS + PARTS
    assert read_credential_text(text) is read_credential_text(text)


def test_the_new_shapes_are_data_as_well_as_code():
    """Dues, dates counted from other dates, a period less a day, a cycle's number and a unit
    refused in words: written in a rules file, the same objects as in Python."""
    from recertlib.rules import (
        AfterStart,
        CycleNumber,
        DayBeforeAnniversary,
        Dues,
        Fee,
        FirstOfMonth,
        LastOfMonth,
        Minimum,
        Offset,
        OnOrAfter,
        RefusedUnit,
        Selector,
    )

    parts = """\
    [cycle]
    expiry = { shape = "DayBeforeAnniversary", span = { months = 60 } }

    [[cycle.dues]]
    label = "Annual fee"
    due = [
      { shape = "AfterStart", span = { months = 12 } },
      { shape = "LastOfMonth", rule = { shape = "AfterStart", span = { months = 24 } } },
    ]
    units = ["annual_fee"]
    payable_for = { days = 30 }
    fee = { label = "Annual fee", amount = 40, confirmed = true }

    [continuing_education]
    unit = "hour"
    total = 10
    conversions = [{ unit = "hour", factor = 1 }]
    refused_units = [{ unit = "iacet_ceu", reason = "not in the rules" }]

    [[continuing_education.requirements]]
    shape = "Minimum"
    name = "Violence"
    selector = { tags = ["violence"] }
    amount = 2
    when = { shape = "CycleNumber", first = 3, every = 3 }

    [[pathways]]
    kind = "continuing_education"
    name = "Renew"
    closes = { shape = "AfterExpiry" }
    requires_credit = true

    [[pathways.fees]]
    label = "Late fee"
    amount = 25

    [pathways.fees.when]
    shape = "OnOrAfter"

    [pathways.fees.when.rule]
    shape = "Offset"
    span = { days = 60 }
    before = true
    rule = { shape = "FirstOfMonth", rule = { shape = "AfterExpiry" } }
    """
    (rules,) = read(HEAD, RULE_SETS, parts).rule_sets
    assert rules.cycle == Cycle(
        DayBeforeAnniversary(Span(months=60)),
        dues=(
            Dues(
                "Annual fee",
                (AfterStart(Span(months=12)), LastOfMonth(AfterStart(Span(months=24)))),
                units={"annual_fee"},
                payable_for=Span(days=30),
                fee=Fee("Annual fee", 40, confirmed=True),
            ),
        ),
    )
    education = rules.continuing_education
    assert education.refused_units == (RefusedUnit("iacet_ceu", "not in the rules"),)
    assert education.requirements == (
        Minimum("Violence", Selector(tags={"violence"}), 2, when=CycleNumber(3, every=3)),
    )
    (late,) = rules.pathways[0].fees
    assert late.when == OnOrAfter(Offset(FirstOfMonth(AfterExpiry()), Span(days=60), before=True))
