"""Plugin discovery, through real entry points and through plugin objects, and every way a
plugin can fail, each named by its distribution."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from support import TEST_SPEC, InProcessPlugin

import recertlib
import recertlib.plugins
import recertlib.rules
from recertlib import Registry, evaluate
from recertlib.errors import ConflictingCredential, InvalidRuleSet, PluginError, PluginLoadError
from recertlib.plugins import hookspecs
from recertlib.plugins.registry import DISABLE_AUTOLOAD_ENV, PLUGINS_ENV
from recertlib.rules import Confidence, CredentialSpec, RuleSet


def install_fake_distribution(
    site: Path, monkeypatch: pytest.MonkeyPatch, module_source: str, name: str = "broken-plugin"
) -> None:
    """A distribution on sys.path with a ``recertlib`` entry point, as pip would leave it."""
    module = name.replace("-", "_") + "_module"
    info = site / f"{name.replace('-', '_')}-1.2.3.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.2.3\n")
    (info / "entry_points.txt").write_text(f"[recertlib]\n{name} = {module}\n")
    (site / f"{module}.py").write_text(textwrap.dedent(module_source))
    monkeypatch.syspath_prepend(str(site))


def test_installed_plugins_are_found_through_their_entry_points(installed):
    assert [spec.label for spec in installed.credentials()] == [
        "AAMA CMA",
        "CA-BRN RN",
        "NCCPA PA-C",
        "NHA CCMA",
        "NREMT EMT",
    ]
    assert installed.plugins == {
        "aama": "recertlib-aama 0.2.0",
        "ca-brn": "recertlib-ca-brn 0.2.0",
        "nccpa": "recertlib-nccpa 0.2.0",
        "nha": "recertlib-nha 0.2.0",
        "nremt": "recertlib-nremt 0.2.0",
    }
    assert installed.origin_of(installed.get("aama", "cma")) == "recertlib-aama 0.2.0"


@pytest.mark.parametrize(
    ("allow", "found"), [(["recertlib-aama"], ["AAMA CMA"]), (["nha"], ["NHA CCMA"])]
)
def test_an_allow_list_of_distribution_or_entry_point_names(allow, found):
    registry = Registry.from_entry_points(allow=allow)
    assert [spec.label for spec in registry.credentials()] == found


def test_an_allow_list_naming_nothing_installed_is_an_error():
    with pytest.raises(PluginError, match="recertlib-amt: is in the allow-list but no such plugin"):
        Registry.from_entry_points(allow=["recertlib_amt"])


def test_autoload_can_be_turned_off_by_the_environment(monkeypatch):
    monkeypatch.setenv(DISABLE_AUTOLOAD_ENV, "1")
    assert recertlib.default_registry().credentials() == ()


def test_the_environment_can_allow_some_plugins_only(monkeypatch):
    monkeypatch.setenv(DISABLE_AUTOLOAD_ENV, "1")
    monkeypatch.setenv(PLUGINS_ENV, "aama")
    assert [spec.label for spec in recertlib.default_registry().credentials()] == ["AAMA CMA"]


def test_evaluate_uses_the_default_registry(monkeypatch):
    credential = recertlib.Credential("AAMA", "CMA", "Casey", "2022-03-10")
    assert evaluate(credential, as_of="2026-01-01").status is recertlib.Status.CURRENT


def test_a_registry_of_plugin_objects_only(test_plugin):
    registry = Registry.from_plugins(test_plugin)
    assert [spec.label for spec in registry.credentials()] == ["TB TC"]


def test_hooks_run_once_per_registry_not_per_evaluation(test_plugin, test_registry, tc):
    for day in range(1, 11):
        evaluate(tc, [], as_of=f"2020-02-{day:02}", registry=test_registry)
    assert test_plugin.calls == 1


def test_an_unregistered_plugin_takes_its_credentials_along(test_plugin):
    registry = Registry.from_plugins(test_plugin)
    registry.unregister(test_plugin)
    assert registry.credentials() == ()
    assert registry.plugins == {}


def test_a_plugin_that_fails_to_import_is_named(tmp_path, monkeypatch):
    install_fake_distribution(tmp_path, monkeypatch, "raise ImportError('no module named lxml')")
    with pytest.raises(
        PluginLoadError,
        match=r"plugin broken-plugin 1\.2\.3: entry point .*ImportError: no module named lxml",
    ):
        Registry.from_entry_points(strict=True)


def test_a_plugin_whose_hook_raises_is_named(tmp_path, monkeypatch):
    source = """
        import recertlib

        @recertlib.plugins.hookimpl
        def register_credentials(register):
            raise RuntimeError("rules file missing")
    """
    install_fake_distribution(tmp_path, monkeypatch, source)
    with pytest.raises(
        PluginLoadError,
        match=r"broken-plugin 1\.2\.3: register_credentials raised RuntimeError: rules file",
    ):
        Registry.from_entry_points(strict=True)


def test_a_plugin_claiming_an_installed_credential_is_named_with_the_owner(tmp_path, monkeypatch):
    source = """
        import recertlib
        from recertlib_aama import CMA

        @recertlib.plugins.hookimpl
        def register_credentials(register):
            register(CMA)
    """
    install_fake_distribution(tmp_path, monkeypatch, source, name="zz-copycat")
    with pytest.raises(
        ConflictingCredential,
        match=r"zz-copycat 1\.2\.3: registers AAMA CMA, which recertlib-aama 0\.2\.0 already",
    ):
        Registry.from_entry_points(strict=True)


def test_two_plugin_objects_claiming_one_credential():
    registry = Registry()
    registry.register(InProcessPlugin(), name="first")
    with pytest.raises(ConflictingCredential, match="registers TB TC"):
        registry.register(InProcessPlugin(), name="second")
    assert list(registry.plugins) == ["first"]
    assert [spec.label for spec in registry.credentials()] == ["TB TC"]


def test_a_hook_with_a_wrong_signature_is_refused():
    class Misspelt:
        @recertlib.plugins.hookimpl
        def register_credentials(self, registrar):
            pass

    with pytest.raises(PluginLoadError, match="registrar"):
        Registry.from_plugins(Misspelt())


def test_registering_something_other_than_a_spec_is_refused():
    class Sloppy:
        @recertlib.plugins.hookimpl
        def register_credentials(self, register):
            register({"body": "X"})

    with pytest.raises(InvalidRuleSet, match=r"registered \{'body': 'X'\}, not a CredentialSpec"):
        Registry.from_plugins(Sloppy())


def broken_spec(**changes) -> CredentialSpec:
    rule_set = TEST_SPEC.rule_sets[0]
    parts = {
        "cycle": rule_set.cycle,
        "continuing_education": rule_set.continuing_education,
        "pathways": rule_set.pathways,
        **changes,
    }
    return CredentialSpec(
        "TB", "BAD", "Bad", "Test Body", (RuleSet("bad", None, "tests", Confidence.LOW, **parts),)
    )


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (broken_spec(pathways=None), "no rule set states the pathways rules"),
        (broken_spec(pathways=()), "offers no pathway"),
        (
            broken_spec(
                continuing_education=recertlib.rules.ContinuingEducation(
                    unit="credit",
                    total=5,
                    conversions=(recertlib.rules.Conversion("hour", 1),),
                    minimums=(
                        recertlib.rules.Minimum("Big", recertlib.rules.Selector(areas={"x"}), 6),
                    ),
                )
            ),
            "minimum 'Big' \\(6\\) exceeds the total \\(5\\)",
        ),
        (
            broken_spec(
                pathways=(
                    recertlib.rules.Pathway(
                        recertlib.rules.PathwayKind.EXAM,
                        "Backwards",
                        opens=recertlib.rules.DayAfter(
                            recertlib.rules.AfterExpiry(recertlib.rules.Span(months=2))
                        ),
                        closes=recertlib.rules.AfterExpiry(recertlib.rules.Span(days=30)),
                    ),
                )
            ),
            "pathway 'Backwards' closes before it opens",
        ),
    ],
)
def test_an_invalid_rule_set_is_refused_naming_the_plugin(spec, message):
    with pytest.raises(InvalidRuleSet, match=f"plugin bad-rules: TB BAD: .*{message}"):
        Registry().register(InProcessPlugin(spec), name="bad-rules")


def test_every_hook_is_documented():
    hooks = [name for name in dir(hookspecs) if hasattr(getattr(hookspecs, name), "recertlib_spec")]
    assert hooks == ["register_credentials", "register_shapes", "rules_files"]
    for name in hooks:
        assert len((getattr(hookspecs, name).__doc__ or "").strip()) > 100, name


@pytest.mark.parametrize(
    ("environment", "settings"),
    [
        ({}, recertlib.plugins.PluginSettings()),
        (
            {
                PLUGINS_ENV: " aama, nha ",
                recertlib.plugins.PLUGINS_DENY_ENV: "nremt",
                recertlib.plugins.PREFER_ENV: "aama",
                recertlib.plugins.STRICT_ENV: "yes",
            },
            recertlib.plugins.PluginSettings(("aama", "nha"), ("nremt",), ("aama",), True),
        ),
        ({DISABLE_AUTOLOAD_ENV: "1"}, recertlib.plugins.PluginSettings(allow=())),
        (
            {DISABLE_AUTOLOAD_ENV: "1", PLUGINS_ENV: "aama"},
            recertlib.plugins.PluginSettings(("aama",)),
        ),
        ({recertlib.plugins.STRICT_ENV: "off"}, recertlib.plugins.PluginSettings()),
    ],
)
def test_plugin_settings_are_read_from_the_environment(monkeypatch, environment, settings):
    for variable in (
        PLUGINS_ENV,
        DISABLE_AUTOLOAD_ENV,
        recertlib.plugins.PLUGINS_DENY_ENV,
        recertlib.plugins.PREFER_ENV,
        recertlib.plugins.STRICT_ENV,
    ):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    assert recertlib.plugins.PluginSettings.from_environment() == settings


def test_plugin_settings_build_the_registry_they_choose():
    settings = recertlib.plugins.PluginSettings(allow=("aama",))
    assert [spec.label for spec in settings.registry().credentials()] == ["AAMA CMA"]
    assert recertlib.plugins.PluginSettings(allow=()).registry().credentials() == ()


def test_plugin_settings_take_any_list_of_names_but_not_a_string():
    settings = recertlib.plugins.PluginSettings(allow=["aama"], deny=iter(["nha"]))
    assert settings == recertlib.plugins.PluginSettings(("aama",), ("nha",))
    assert hash(settings) == hash(recertlib.plugins.PluginSettings(("aama",), ("nha",)))
    with pytest.raises(TypeError, match="a list of plugin names, not the string 'recertlib-aama'"):
        recertlib.plugins.PluginSettings(allow="recertlib-aama")
