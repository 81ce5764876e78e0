"""Plugins that point at rules files, and name their own shapes for them: the rules_files and
register_shapes hooks, through a Registry."""

from __future__ import annotations

import pendulum
import pytest
from attrs import frozen

from recertlib import Credential, Registry, evaluate
from recertlib.errors import InvalidRuleSet, PluginLoadError
from recertlib.plugins import hookimpl

RULES = """\
recertlib = 1
body = "TB"
code = "Q"
name = "Quarterly"
body_name = "Test body"

[[sources]]
key = "RULES"
citation = "The test body's rules"

[[rule_sets]]
id = "tb.q"
from = "earliest"
states = ["cycle", "continuing_education", "pathways"]
source = "[RULES]"
confidence = "high"

[cycle]
expiry = { shape = "demo.QuarterEndAfter", years = 2 }

[continuing_education]
unit = "hour"
total = 10
conversions = [{ unit = "hour", factor = 1 }]

[[pathways]]
kind = "continuing_education"
name = "Renew"
closes = { shape = "AfterExpiry" }
requires_credit = true
"""


@frozen
class QuarterEndAfter:
    """An ExpiryRule: the last day of the calendar quarter, ``years`` years on."""

    years: int

    def expiry(self, counted_from, facts):
        later = counted_from.add(years=self.years)
        last_month = (later.month - 1) // 3 * 3 + 3
        return pendulum.date(later.year, last_month, 1).end_of("month")

    def describe(self):
        return f"the last day of the quarter, {self.years} years on"


class Shapes:
    """A plugin that registers shapes only."""

    def __init__(self, *shapes: tuple[str, object]) -> None:
        self.shapes = shapes

    @hookimpl
    def register_shapes(self, register):
        for name, shape in self.shapes:
            register(name, shape)


class Files:
    """A plugin that points at rules files, and may register shapes too."""

    def __init__(self, *files: object, shapes: tuple[tuple[str, object], ...] = ()) -> None:
        self.files = files
        self.shapes = shapes

    @hookimpl
    def rules_files(self):
        return self.files

    @hookimpl
    def register_shapes(self, register):
        for name, shape in self.shapes:
            register(name, shape)


def rules_file(tmp_path, text: str = RULES, name: str = "q.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_plugin_points_at_its_rules_file_and_names_its_own_shape(tmp_path):
    plugin = Files(rules_file(tmp_path), shapes=(("demo.QuarterEndAfter", QuarterEndAfter),))
    registry = Registry.from_plugins(plugin)
    spec = registry.get("tb", "q")
    assert spec.rule_sets[0].cycle.expiry == QuarterEndAfter(2)
    assert registry.shapes == {"demo.QuarterEndAfter": QuarterEndAfter}
    verdict = evaluate(Credential("TB", "Q", "Ann", "2024-08-14"), registry=registry)
    assert verdict.expires_on == pendulum.date(2026, 9, 30)


def test_a_shape_an_earlier_plugin_registered_may_be_named(tmp_path):
    shapes = Shapes(("demo.QuarterEndAfter", QuarterEndAfter))
    registry = Registry.from_plugins(shapes, Files(rules_file(tmp_path)))
    assert registry.get("tb", "q").rule_sets[0].cycle.expiry == QuarterEndAfter(2)
    registry.unregister(shapes)
    assert registry.shapes == {}


def test_a_shape_no_plugin_registered_is_an_error_naming_the_file_and_line(tmp_path):
    path = rules_file(tmp_path)
    with pytest.raises(InvalidRuleSet) as raised:
        Registry.from_plugins(Files(path))
    message = str(raised.value)
    assert message.startswith(f"plugin Files object: rules file {path}: line 19:")
    assert "$.cycle.expiry.shape: no ExpiryRule shape is called 'demo.QuarterEndAfter'" in message


@pytest.mark.parametrize(
    ("name", "shape", "problem"),
    [
        ("QuarterEndAfter", QuarterEndAfter, "a name needs the plugin's own prefix and a dot"),
        ("demo.", QuarterEndAfter, "a name needs the plugin's own prefix and a dot"),
        ("SpanAfter", QuarterEndAfter, "a name needs the plugin's own prefix and a dot"),
        ("demo.Q", "recertlib.rules.SpanAfter", "a shape is an attrs class"),
        ("demo.Q", frozen(type("Nothing", (), {})), "implements no protocol of the rules"),
    ],
)
def test_a_shape_must_be_named_with_a_prefix_and_implement_a_protocol(name, shape, problem):
    with pytest.raises(InvalidRuleSet, match=problem):
        Registry.from_plugins(Shapes((name, shape)))


def test_two_plugins_cannot_register_one_shape_name():
    first = Shapes(("demo.QuarterEndAfter", QuarterEndAfter))
    second = Shapes(("demo.QuarterEndAfter", QuarterEndAfter))
    with pytest.raises(InvalidRuleSet, match="which Shapes object already registers"):
        Registry.from_plugins(first, second)


def test_a_file_that_is_no_credential_is_refused_with_its_problems(tmp_path):
    path = rules_file(tmp_path, RULES.replace("total = 10", 'total = "ten"'))
    plugin = Files(path, shapes=(("demo.QuarterEndAfter", QuarterEndAfter),))
    with pytest.raises(InvalidRuleSet, match=r"line 23: \$\.continuing_education\.total"):
        Registry.from_plugins(plugin)
    registry = Registry.from_plugins(plugin, strict=False)
    (failure,) = registry.failures
    assert "total" in failure.message
    assert registry.shapes == {}  # a plugin is registered whole or not at all


def test_a_rules_files_hook_that_raises_names_the_plugin():
    class Broken:
        @hookimpl
        def rules_files(self):
            raise OSError("no such folder")

    with pytest.raises(PluginLoadError, match="rules_files raised OSError: no such folder"):
        Registry.from_plugins(Broken())


def test_a_rules_file_credential_is_checked_as_any_other(tmp_path):
    # A pathway that closes before it opens is refused at registration, as from Python.
    text = RULES.replace(
        'closes = { shape = "AfterExpiry" }',
        'opens = { shape = "AfterExpiry", span = { days = 10 } }\n'
        'closes = { shape = "AfterExpiry" }',
    )
    plugin = Files(rules_file(tmp_path, text), shapes=(("demo.QuarterEndAfter", QuarterEndAfter),))
    with pytest.raises(InvalidRuleSet, match="closes before it opens"):
        Registry.from_plugins(plugin)
