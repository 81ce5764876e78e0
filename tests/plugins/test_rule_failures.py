"""A plugin's own rule that raises, or returns what its protocol does not allow, while a
credential is evaluated costs only that credential: its outcome is an error naming the
plugin's distribution and version and the rule, and every other credential and record is
still evaluated."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from recertlib import Person, PersonCredential, Registry, evaluate, evaluate_records
from recertlib.errors import PluginRuleError
from recertlib.io import read_records

# Each rule misbehaves only for cycles that start in 2010, so that the checks at registration
# (which probe cycles from 2018 on) let it through and only the evaluation meets it.
BROKEN = """
import attrs
from recertlib.plugins import hookimpl
import support


@attrs.frozen
class {name}:
    def {method}(self, *args):
        if {in_2010}:
            return {result}
        return {otherwise}

    def describe(self):
        return "a plugin's own rule"


def _broken():
    rule_set = support.TEST_SPEC.rule_sets[0]
    first, *others = rule_set.pathways
    pathways = (attrs.evolve(first, {field}={name}()), *others)
    return attrs.evolve(support.TEST_SPEC, rule_sets=(attrs.evolve(rule_set, pathways=pathways),))


@hookimpl
def register_credentials(register):
    register(_broken())
"""
DATE_RULE = {
    "name": "Closing",
    "method": "on",
    "in_2010": "args[0].starts_on.year == 2010",
    "otherwise": "args[0].expires_on",
    "field": "closes",
}
CASES = {
    "a DateRule that raises": (
        {**DATE_RULE, "result": "1 / 0"},
        "raised ZeroDivisionError: division by zero",
    ),
    "a DateRule that returns text": (
        {**DATE_RULE, "result": "'2011-02-14'"},
        "returned '2011-02-14': expected a date",
    ),
    "a Condition that returns yes": (
        {
            "name": "Offered",
            "method": "holds",
            "in_2010": "args[0].facts.member is None",
            "otherwise": "True",
            "result": "'yes'",
            "field": "when",
        },
        "returned 'yes': expected true or false",
    ),
}
HOLDERS = [
    {"credential": {"body": b, "credential": c, "holder": h, "certified_on": on}}
    for b, c, h, on in [
        ("TB", "TC", "A", "2010-01-15"),
        ("AAMA", "CMA", "B", "2022-03-10"),
        ("TB", "TC", "C", "2010-02-01"),
    ]
]


def _install(install_distribution, rule: dict[str, str]) -> Registry:
    install_distribution("recertlib-broken", BROKEN.format(**rule), version="4.5.6")
    registry = Registry.from_entry_points(allow=["recertlib-broken", "recertlib-aama"])
    assert not registry.failures, registry.failures
    return registry


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_credential_alone_fails_naming_the_plugin_and_the_rule(install_distribution, case):
    rule, said = CASES[case]
    registry = _install(install_distribution, rule)
    person = Person(
        "E-1",
        credentials=[
            PersonCredential("TB", "TC", "2010-01-15"),
            PersonCredential("AAMA", "CMA", "2022-03-10"),
        ],
    )
    broken, fine = evaluate(person, as_of="2011-01-10", registry=registry).outcomes
    assert isinstance(broken.error, PluginRuleError)
    assert str(broken.error) == (
        f"plugin recertlib-broken 4.5.6: its {rule['name']}.{rule['method']} {said},"
        " evaluating holder 'E-1' (TB TC)"
    )
    assert fine.value is not None


def test_a_batch_goes_on_past_the_records_whose_rule_failed(install_distribution, tmp_path):
    registry = _install(install_distribution, CASES["a DateRule that raises"][0])
    path = tmp_path / "holders.json"
    path.write_text(json.dumps(HOLDERS))
    outcomes = evaluate_records(read_records(path), as_of="2011-01-10", registry=registry)
    assert [type(o.error).__name__ if o.error else "verdict" for o in outcomes] == [
        "PluginRuleError",
        "verdict",
        "PluginRuleError",
    ]


def test_the_command_line_reports_a_plugins_bug_and_exits_70(tmp_path: Path):
    rule, _ = CASES["a DateRule that raises"]
    (tmp_path / "recertlib_broken_plugin.py").write_text(BROKEN.format(**rule))
    info = tmp_path / "recertlib_broken-4.5.6.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: recertlib-broken\nVersion: 4.5.6\n"
    )
    (info / "entry_points.txt").write_text("[recertlib]\nbroken = recertlib_broken_plugin\n")
    holders = tmp_path / "holders.json"
    holders.write_text(json.dumps(HOLDERS))
    tests = Path(__file__).parent.parent
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(tests)])}
    done = subprocess.run(
        [sys.executable, "-m", "recertlib", "check", str(holders), "--as-of=2011-01-10", "--json"],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    assert done.returncode == 70, done.stderr
    outcomes = json.loads(done.stdout)
    assert [o["error"]["type"] if o["error"] else "verdict" for o in outcomes] == [
        "PluginRuleError",
        "verdict",
        "PluginRuleError",
    ]
    assert "plugin recertlib-broken 4.5.6: its Closing.on raised ZeroDivisionError" in done.stderr
    assert "report it to its maintainers" in done.stderr
