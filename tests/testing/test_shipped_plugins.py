"""The plugins this repository ships carry their own tests, as a third party's would: each tests
every credential it registers with the test kit (CredentialTests, or the tutorial's
PluginTests), keeps each credential's verdict snapshot, and imports only what a third party's
tests could (recertlib and its test kit, attrs, the plugin itself, pytest and the standard
library), never the core's test helpers."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest
from support import ROOT

from recertlib import Registry

SHIPPED = sorted(path.parent for path in ROOT.glob("plugins/*/pyproject.toml"))
TUTORIAL = ROOT / "examples" / "recertlib-amt"


def modules(plugin: Path) -> list[Path]:
    return sorted((plugin / "tests").glob("*.py"))


def parsed(plugin: Path) -> list[ast.Module]:
    return [ast.parse(path.read_text(encoding="utf-8"), str(path)) for path in modules(plugin)]


def credential_tests(plugin: Path, kit: str = "CredentialTests") -> dict[str, dict[str, object]]:
    """Each class of the plugin's tests that inherits ``kit``: its name and the literal values
    of its class attributes."""
    found = {}
    for tree in parsed(plugin):
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(
                isinstance(base, ast.Name) and base.id == kit for base in node.bases
            ):
                found[node.name] = {
                    target.id: ast.literal_eval(statement.value)
                    for statement in node.body
                    if isinstance(statement, ast.Assign)
                    for target in statement.targets
                    if isinstance(target, ast.Name) and target.id in ("plugin", "credential")
                }
    return found


@pytest.mark.parametrize("plugin", [*SHIPPED, TUTORIAL], ids=lambda path: path.name)
def test_a_plugins_tests_import_only_what_a_third_partys_could(plugin):
    own = {path.name for path in (plugin / "src").iterdir() if path.is_dir()}
    # attrs: recertlib's rules are attrs classes, varied with attrs.evolve.
    allowed = set(sys.stdlib_module_names) | {"__future__", "attrs", "pytest", "recertlib"} | own
    imported = set()
    for tree in parsed(plugin):
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                imported.add(node.module)
    assert modules(plugin), f"{plugin.name} has no tests of its own"
    assert {name for name in imported if name.partition(".")[0] not in allowed} == set()
    private = {n for n in imported if n.startswith("recertlib.") and "._" in f".{n}"}
    assert private == set()


@pytest.mark.parametrize("plugin", SHIPPED, ids=lambda path: path.name)
def test_a_shipped_plugin_tests_each_of_its_credentials_with_the_kit(plugin):
    registered = Registry.from_entry_points(allow=[plugin.name], strict=True).credentials()
    classes = credential_tests(plugin).values()
    assert sorted(attributes["credential"] for attributes in classes) == sorted(
        (spec.body, spec.code) for spec in registered
    )
    assert {attributes["plugin"] for attributes in classes} == {plugin.name}


def test_the_tutorials_plugin_tests_its_credentials_with_the_kit():
    # As the template writes it: PluginTests checks every credential the plugin registers.
    assert list(credential_tests(TUTORIAL, "PluginTests").values()) == [{"plugin": "recertlib-amt"}]


@pytest.mark.parametrize("plugin", [*SHIPPED, TUTORIAL], ids=lambda path: path.name)
def test_a_plugin_keeps_the_verdict_snapshot_of_each_credential(plugin):
    registered = Registry.from_entry_points(allow=[plugin.name]) if plugin in SHIPPED else None
    labels = (
        [f"{spec.body}-{spec.code}".lower() for spec in registered.credentials()]
        if registered is not None
        else ["amt-rma"]
    )
    assert sorted(path.stem for path in (plugin / "tests" / "snapshots").glob("*.json")) == labels
