"""The kit under pytest when the plugin under test cannot be loaded: the collection goes on, the
registration test fails with the registry's message, and the other checks are skipped."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from support import ROOT

TUTORIAL_RULES = ROOT / "examples" / "recertlib-amt" / "src" / "recertlib_amt" / "rma.toml"

MODULE = """\
from importlib.resources import files

from recertlib.plugins import hookimpl


@hookimpl
def rules_files():
    return [files(__name__) / "rma.toml"]
"""

TESTS = """\
import pytest

from recertlib.testing import CredentialTests, PluginTests


class TestPlugin(PluginTests):
    plugin = "recertlib-broken"


class TestRMA(CredentialTests):
    plugin = "recertlib-broken"
    credential = ("AMT", "RMA")


def test_the_authors_own(recertlib_registry):
    assert recertlib_registry.credentials()


def test_the_authors_other(recertlib_registry):
    assert recertlib_registry.credentials()
"""


def installed(site: Path, rules: str) -> None:
    """A distribution recertlib-broken 0.1.0 on ``site``, its rules ``rules``."""
    package = site / "recertlib_broken"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(MODULE, encoding="utf-8")
    (package / "rma.toml").write_text(rules, encoding="utf-8")
    info = site / "recertlib_broken-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: recertlib-broken\nVersion: 0.1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text("[recertlib]\nbroken = recertlib_broken\n")


def run_pytest(tmp_path: Path, rules: str) -> subprocess.CompletedProcess[str]:
    installed(tmp_path / "site", rules)
    tests = tmp_path / "tests"
    tests.mkdir()
    (tests / "test_broken.py").write_text(TESTS, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\nrecertlib_plugin = recertlib-broken\n")
    # pytest's own output differs on a CI machine (its summary lines carry whole messages):
    # the inner run is told it is not on one, so that CI and a desk see the same output.
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("RECERTLIB_") and key not in ("CI", "BUILD_NUMBER")
    }
    env["PYTHONPATH"] = os.pathsep.join([str(tmp_path / "site"), env.get("PYTHONPATH", "")])
    command = [sys.executable, "-m", "pytest", "-q", "-rfEs", "-p", "no:cacheprovider"]
    return subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )


def with_mistakes(*replacements: tuple[str, str]) -> str:
    rules = TUTORIAL_RULES.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in rules
        rules = rules.replace(old, new, 1)
    return rules


@pytest.mark.parametrize(
    ("mistakes", "said"),
    [
        pytest.param(
            [
                ("total = 30\n", 'total = "thirty"\n'),
                ('factor = 1\nnote = "CCP points', 'factor = -1\nnote = "CCP points'),
            ],
            [
                "rules file ",
                "rma.toml: 2 problems:",
                "- line 70: $.continuing_education.total: expected a number of credits,"
                " got 'thirty'",
                "- line 75: $.continuing_education.conversions[0].factor: expected a"
                " non-negative number of credits, got -1",
            ],
            id="the reader",
        ),
        pytest.param(
            [
                ("total = 30\n", "total = 30\napproval_required = true\n"),
                (
                    "[[continuing_education.conversions]]",
                    '[[continuing_education.minimums]]\nname = "Safety"\n'
                    'selector = { areas = ["safety"] }\namount = 2\n\n'
                    "[[continuing_education.conversions]]",
                ),
            ],
            [
                "AMT RMA: rule set 'amt.rma.ccp': minimum 'Safety' selects areas, but the"
                " rules list none",
                "AMT RMA: rule set 'amt.rma.ccp': approval is required, but the rules name no"
                " approver",
            ],
            id="the registration checks",
        ),
    ],
)
def test_rules_refused_fail_the_registration_test_not_the_collection(tmp_path, mistakes, said):
    ran = run_pytest(tmp_path, with_mistakes(*mistakes))
    out = ran.stdout
    assert ran.returncode == 1, out
    assert "error during collection" not in out
    assert "Interrupted" not in out
    # The registration tests fail with every problem found, in the registry's words.
    failed = [line for line in out.splitlines() if line.startswith("FAILED")]
    assert failed == [
        "FAILED tests/test_broken.py::TestPlugin::test_the_plugin_registers_the_credential"
        "[not loaded]",
        "FAILED tests/test_broken.py::TestRMA::test_the_plugin_registers_the_credential",
    ], out
    assert "InvalidRuleSet: plugin recertlib-broken 0.1.0: " in out
    for words in said:
        assert words in out
    # The kit's other checks are skipped, pointing at the registration test: ten of each class.
    assert "SKIPPED [20]" in out
    assert "the credential did not load (InvalidRuleSet): see" in out
    assert "test_the_plugin_registers_the_credential" in out
    # The author's own tests that need the registry error, the first with the message.
    assert out.count("ERROR tests/test_broken.py::test_the_authors_") == 2
    assert "see the first error of the recertlib_registry fixture" in out
    # No internals: neither pluggy's frames nor the registry's.
    assert "pluggy" not in out
    assert "registry.py" not in out
    assert re.search(r"^2 failed, 20 skipped, 2 errors in ", out, re.MULTILINE), out
    assert len(out.splitlines()) < 60, out


def test_a_plugin_that_loads_runs_every_check(tmp_path):
    ran = run_pytest(tmp_path, TUTORIAL_RULES.read_text(encoding="utf-8"))
    assert ran.returncode == 1, ran.stdout  # only for want of snapshots
    assert "no verdict snapshot" in ran.stdout
    assert "skipped" not in ran.stdout
    assert textwrap.dedent("""\
        FAILED tests/test_broken.py::TestPlugin::test_the_verdicts_match_their_snapshot[AMT RMA]
        FAILED tests/test_broken.py::TestRMA::test_the_verdicts_match_their_snapshot""") in (
        ran.stdout
    )
