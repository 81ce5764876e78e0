"""One broken plugin cannot take the others down: failures are isolated and reported, strict
mode raises them, a deny-list keeps plugins out, a trace says what was loaded, and two plugin
objects of one class are told apart."""

from __future__ import annotations

import logging
import re

import attrs
import pytest
from support import TEST_SPEC, InProcessPlugin

import recertlib
import recertlib.plugins
import recertlib.rules
from recertlib import Credential, Registry, UnknownCredential, evaluate
from recertlib.errors import (
    ConflictingCredential,
    InvalidRuleSet,
    PluginError,
    PluginLoadError,
    UnavailableCredential,
)
from recertlib.plugins.registry import (
    DISABLE_AUTOLOAD_ENV,
    PLUGINS_DENY_ENV,
    PLUGINS_ENV,
    STRICT_ENV,
    TRACE_ENV,
    FailureKind,
)
from recertlib.testing import SpecPlugin, registry_of

INSTALLED = ["AAMA CMA", "CA-BRN RN", "NCCPA PA-C", "NHA CCMA", "NREMT EMT"]

FAILS_TO_IMPORT = "raise ImportError('no module named lxml')"
HOOK_RAISES = """
    import recertlib

    @recertlib.plugins.hookimpl
    def register_credentials(register):
        raise RuntimeError("rules file missing")
"""
INVALID_RULES = """
    import attrs
    import recertlib
    from recertlib_aama import CMA

    @recertlib.plugins.hookimpl
    def register_credentials(register):
        register(attrs.evolve(CMA, body="ZZ", rule_sets=CMA.rule_sets[1:]))
"""
CLAIMS_THE_CMA = """
    import recertlib
    from recertlib_aama import CMA

    @recertlib.plugins.hookimpl
    def register_credentials(register):
        register(CMA)
"""
EXITS = "import sys\nsys.exit(3)"
REGISTERS_TB_TC = """
    import recertlib
    import support

    @recertlib.plugins.hookimpl
    def register_credentials(register):
        register(support.TEST_SPEC)
"""


@pytest.fixture(autouse=True)
def _no_environment(monkeypatch):
    for variable in (STRICT_ENV, TRACE_ENV, PLUGINS_ENV, PLUGINS_DENY_ENV, DISABLE_AUTOLOAD_ENV):
        monkeypatch.delenv(variable, raising=False)


def labels(registry: Registry) -> list[str]:
    return [spec.label for spec in registry.credentials()]


def cma_evaluates(registry: Registry) -> None:
    credential = Credential("AAMA", "CMA", "Casey", "2022-03-10")
    verdict = evaluate(credential, as_of="2026-01-01", registry=registry)
    assert verdict.status is recertlib.Status.CURRENT


@pytest.mark.parametrize(
    ("source", "kind", "message"),
    [
        (
            FAILS_TO_IMPORT,
            FailureKind.IMPORT,
            r"plugin zz-broken 1\.2\.3: entry point 'zz-broken' .*ImportError: no module named",
        ),
        (
            HOOK_RAISES,
            FailureKind.HOOK,
            r"plugin zz-broken 1\.2\.3: register_credentials raised RuntimeError: rules file",
        ),
        (
            INVALID_RULES,
            FailureKind.INVALID_RULES,
            r"plugin zz-broken 1\.2\.3: ZZ CMA: no rule set states the cycle rules",
        ),
        (EXITS, FailureKind.IMPORT, r"plugin zz-broken 1\.2\.3: .*SystemExit: 3"),
    ],
    ids=["import", "hook", "invalid-rules", "exit"],
)
def test_a_broken_plugin_is_reported_and_the_others_still_evaluate(
    install_distribution, caplog, source, kind, message
):
    install_distribution("zz-broken", source)
    with caplog.at_level(logging.WARNING, logger="recertlib.plugins"):
        registry = Registry.from_entry_points()
    assert labels(registry) == INSTALLED
    cma_evaluates(registry)
    assert registry.origin_of(registry.get("AAMA", "CMA")) == "recertlib-aama 0.2.0"
    [failure] = registry.failures
    assert failure.origin == "zz-broken 1.2.3"
    assert failure.kind is kind
    assert failure.entry_point == "zz-broken = zz_broken_plugin_module"
    assert isinstance(failure.error, PluginError)
    assert str(failure) == failure.message == str(failure.error)
    assert re.search(message, failure.message), failure.message
    [record] = [r for r in caplog.records if r.name == "recertlib.plugins"]
    assert record.levelno == logging.WARNING
    assert failure.message in record.getMessage()
    assert "zz-broken" not in registry.plugins


@pytest.mark.parametrize(
    ("source", "error"),
    [
        (FAILS_TO_IMPORT, PluginLoadError),
        (HOOK_RAISES, PluginLoadError),
        (INVALID_RULES, InvalidRuleSet),
        (CLAIMS_THE_CMA, ConflictingCredential),
    ],
    ids=["import", "hook", "invalid-rules", "conflict"],
)
def test_strict_mode_raises_what_would_be_a_failure(install_distribution, source, error):
    install_distribution("zz-broken", source)
    with pytest.raises(error, match=r"^plugin zz-broken 1\.2\.3: "):
        Registry.from_entry_points(strict=True)


@pytest.mark.parametrize("value", ["1", "true", "YES", "on"])
def test_the_environment_turns_strict_mode_on(install_distribution, monkeypatch, value):
    install_distribution("zz-broken", HOOK_RAISES)
    monkeypatch.setenv(STRICT_ENV, value)
    with pytest.raises(PluginLoadError, match=r"zz-broken 1\.2\.3"):
        Registry.from_entry_points()
    with pytest.raises(PluginLoadError, match=r"zz-broken 1\.2\.3"):
        recertlib.default_registry()


@pytest.mark.parametrize("value", ["", "0", "false", "no", "off"])
def test_the_environment_can_say_not_strict(install_distribution, monkeypatch, value):
    install_distribution("zz-broken", HOOK_RAISES)
    monkeypatch.setenv(STRICT_ENV, value)
    assert [f.origin for f in Registry.from_entry_points().failures] == ["zz-broken 1.2.3"]


def test_an_explicit_strict_argument_wins_over_the_environment(install_distribution, monkeypatch):
    install_distribution("zz-broken", HOOK_RAISES)
    monkeypatch.setenv(STRICT_ENV, "1")
    assert labels(Registry.from_entry_points(strict=False)) == INSTALLED
    monkeypatch.setenv(STRICT_ENV, "0")
    with pytest.raises(PluginLoadError):
        Registry.from_entry_points(strict=True)


def test_the_default_registry_is_not_strict(install_distribution):
    install_distribution("zz-broken", HOOK_RAISES)
    assert labels(recertlib.default_registry()) == INSTALLED
    assert [f.kind for f in recertlib.default_registry().failures] == [FailureKind.HOOK]
    verdict = evaluate(Credential("NHA", "CCMA", "Ash", "2025-07-01"), as_of="2026-01-01")
    assert verdict.usable


def test_several_broken_plugins_are_each_reported(install_distribution):
    install_distribution("zz-broken", HOOK_RAISES)
    install_distribution("zz-unimportable", FAILS_TO_IMPORT)
    registry = Registry.from_entry_points()
    assert labels(registry) == INSTALLED
    assert [(f.origin, f.kind) for f in registry.failures] == [
        ("zz-broken 1.2.3", FailureKind.HOOK),
        ("zz-unimportable 1.2.3", FailureKind.IMPORT),
    ]


def test_a_healthy_plugin_beside_a_broken_one_loads(install_distribution):
    install_distribution("zz-broken", HOOK_RAISES)
    install_distribution("zz-healthy", REGISTERS_TB_TC, version="4.5")
    registry = Registry.from_entry_points()
    assert "TB TC" in labels(registry)
    assert registry.origin_of(registry.get("tb", "tc")) == "zz-healthy 4.5"
    assert registry.plugins["zz-healthy"] == "zz-healthy 4.5"


def test_a_credential_of_a_failed_plugin_is_unknown_naming_the_failures(install_distribution):
    install_distribution("zz-broken", HOOK_RAISES)
    registry = Registry.from_entry_points()
    failed = r"failed to load.*: zz-broken 1\.2\.3"
    with pytest.raises(UnavailableCredential, match=failed) as caught:
        registry.get("ZZ", "X")
    assert isinstance(caught.value, UnknownCredential)
    assert caught.value.failed == ("zz-broken 1.2.3",)


def test_a_registry_without_failures_says_only_unknown(installed):
    assert installed.failures == ()
    with pytest.raises(UnknownCredential) as caught:
        installed.get("ZZ", "X")
    assert not isinstance(caught.value, UnavailableCredential)


def test_the_installed_plugins_all_load_in_strict_mode():
    assert labels(Registry.from_entry_points(strict=True)) == INSTALLED


def test_a_plugin_with_one_bad_credential_loads_none_of_its_credentials():
    bad = recertlib.rules.CredentialSpec(
        "TB", "BAD", "Bad", "Test Body", (attrs_evolve_without_cycle(),)
    )
    good_and_bad = InProcessPlugin(TEST_SPEC, bad)
    registry = Registry.from_plugins(good_and_bad, strict=False)
    assert registry.credentials() == ()
    assert [f.kind for f in registry.failures] == [FailureKind.INVALID_RULES]
    assert registry.plugins == {}


def attrs_evolve_without_cycle() -> recertlib.rules.RuleSet:
    return attrs.evolve(TEST_SPEC.rule_sets[0], id="no-cycle", cycle=None)


def test_a_plugin_registering_one_credential_twice_is_refused():
    with pytest.raises(ConflictingCredential, match="registers TB TC twice"):
        Registry.from_plugins(InProcessPlugin(TEST_SPEC, TEST_SPEC))


def test_plugin_objects_are_strict_unless_told_otherwise():
    with pytest.raises(ConflictingCredential):
        Registry.from_plugins(InProcessPlugin(), InProcessPlugin())
    registry = Registry.from_plugins(InProcessPlugin(), InProcessPlugin(), strict=False)
    assert labels(registry) == []
    assert registry.failures == ()
    [contest] = registry.contested
    assert contest.origins == ("InProcessPlugin object", "InProcessPlugin object #2")


def test_the_test_kit_is_strict():
    with pytest.raises(ConflictingCredential, match="registers TB TC twice"):
        registry_of(TEST_SPEC, TEST_SPEC)


def test_register_always_raises():
    registry = Registry.from_plugins(InProcessPlugin(), strict=False)
    with pytest.raises(ConflictingCredential):
        registry.register(InProcessPlugin())
    assert registry.failures == ()


def test_two_plugin_objects_of_one_class_are_told_apart():
    registry = Registry()
    registry.register(InProcessPlugin())
    with pytest.raises(
        ConflictingCredential,
        match=r"^plugin InProcessPlugin object #2: registers TB TC, which InProcessPlugin"
        r" object already registers; choose one with RECERTLIB_PREFER",
    ):
        registry.register(InProcessPlugin())
    other = SpecPlugin(attrs_evolve_code("OTHER"))
    registry.register(other)
    registry.register(SpecPlugin(attrs_evolve_code("THIRD")))
    assert sorted(registry.plugins.values()) == [
        "InProcessPlugin object",
        "SpecPlugin object",
        "SpecPlugin object #2",
    ]


def attrs_evolve_code(code: str) -> recertlib.rules.CredentialSpec:
    return attrs.evolve(TEST_SPEC, code=code)


# The deny-list


@pytest.mark.parametrize("deny", [["nha"], ["recertlib-nha"], ["Recertlib_NHA"]])
def test_a_deny_list_of_entry_point_or_distribution_names(deny):
    assert labels(Registry.from_entry_points(deny=deny)) == [
        label for label in INSTALLED if label != "NHA CCMA"
    ]


def test_the_deny_list_wins_over_the_allow_list():
    registry = Registry.from_entry_points(allow=["aama", "nha"], deny=["recertlib-nha"])
    assert labels(registry) == ["AAMA CMA"]


def test_denying_what_is_not_installed_is_no_error():
    assert labels(Registry.from_entry_points(deny=["recertlib-amt"])) == INSTALLED


def test_a_denied_plugin_is_never_imported(install_distribution):
    install_distribution("zz-broken", FAILS_TO_IMPORT)
    registry = Registry.from_entry_points(deny=["zz-broken"], strict=True)
    assert labels(registry) == INSTALLED
    assert registry.failures == ()


def test_the_environment_denies_plugins_to_the_default_registry(monkeypatch):
    monkeypatch.setenv(PLUGINS_DENY_ENV, " recertlib-aama , nccpa,")
    assert labels(recertlib.default_registry()) == ["CA-BRN RN", "NHA CCMA", "NREMT EMT"]


def test_the_environment_deny_list_applies_to_the_allow_list_too(monkeypatch):
    monkeypatch.setenv(PLUGINS_ENV, "aama,nha")
    monkeypatch.setenv(PLUGINS_DENY_ENV, "nha")
    assert labels(recertlib.default_registry()) == ["AAMA CMA"]


def test_an_allow_list_naming_nothing_installed_is_an_error_even_when_not_strict():
    with pytest.raises(PluginError, match="is in the allow-list but no such plugin"):
        Registry.from_entry_points(allow=["recertlib-amt"], strict=False)


# The trace


def trace_messages(caplog) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == "recertlib.plugins" and record.levelno == logging.INFO
    ]


def assert_traced(messages: list[str]) -> None:
    text = "\n".join(messages)
    assert "loading plugin recertlib-aama 0.2.0 (entry point aama = recertlib_aama)" in text
    assert "plugin recertlib-aama 0.2.0 loaded: 1 credential" in text
    registry = Registry.from_entry_points(allow=["aama"])
    spec = registry.get("AAMA", "CMA")
    ids = ", ".join(rule_set.id for rule_set in spec.rule_sets)
    assert f"plugin recertlib-aama 0.2.0 registered AAMA CMA (rule sets: {ids})" in text
    assert "plugin recertlib-nha 0.2.0 registered NHA CCMA" in text


def test_trace_mode_logs_each_plugin_credential_and_rule_set(caplog):
    with caplog.at_level(logging.INFO, logger="recertlib.plugins"):
        Registry.from_entry_points(trace=True)
    assert_traced(trace_messages(caplog))


def test_the_environment_turns_trace_mode_on(caplog, monkeypatch):
    monkeypatch.setenv(TRACE_ENV, "1")
    with caplog.at_level(logging.INFO, logger="recertlib.plugins"):
        recertlib.default_registry()
    assert_traced(trace_messages(caplog))


def test_without_trace_mode_nothing_is_logged_at_info(caplog):
    with caplog.at_level(logging.INFO, logger="recertlib.plugins"):
        Registry.from_entry_points()
    assert trace_messages(caplog) == []


def test_the_trace_says_which_plugins_were_skipped(caplog):
    with caplog.at_level(logging.INFO, logger="recertlib.plugins"):
        Registry.from_entry_points(allow=["aama", "nha"], deny=["nha"], trace=True)
    text = "\n".join(trace_messages(caplog))
    assert "recertlib-nha 0.2.0 (nha = recertlib_nha) skipped: in the deny-list" in text
    assert "recertlib-nremt 0.2.0 (nremt = recertlib_nremt) skipped: not in the allow-list" in text


def test_trace_mode_for_plugin_objects(caplog):
    with caplog.at_level(logging.INFO, logger="recertlib.plugins"):
        Registry.from_plugins(InProcessPlugin(), trace=True)
    assert trace_messages(caplog) == [
        "loading plugin InProcessPlugin object",
        "plugin InProcessPlugin object registered TB TC (rule sets: tb.tc.2000)",
        "plugin InProcessPlugin object loaded: 1 credential",
    ]
