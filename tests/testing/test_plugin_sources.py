"""A plugin cites only what ships with it: its docstrings and comments cite the entries of its
own SOURCES, its README lists every one of them with its address, and no file of a plugin points
a package user at a file of this repository, which they do not have."""

from __future__ import annotations

import importlib
import re
import sys
import tomllib
from pathlib import Path

import pytest

from recertlib import Registry
from recertlib.rules import CredentialSpec, Source

ROOT = Path(__file__).resolve().parents[2]
PLUGINS = [
    *sorted(path.parent for path in ROOT.glob("plugins/*/pyproject.toml")),
    ROOT / "examples" / "recertlib-amt",
]
"""The shipped plugins, and the tutorial's, which a reader copies."""

REPOSITORY_ONLY = ("shared/domain", "RULES.md", "notes/")
"""Files of this repository's working notes: no package user has them."""

BUILT = {"__pycache__", "build", "dist", ".pytest_cache"}

CITED_KEY = re.compile(r"\[([A-Z][A-Z0-9.\-]*|[0-9]{4})\]")
"""A citation of a source by its key, as the plugins write them (``[POLICIES]``, ``[2020]``),
told apart from an index (``[0]``)."""


def files_of(plugin: Path) -> list[Path]:
    """Every file of the plugin's folder, but what a build or a test run leaves there."""
    return sorted(
        path
        for path in plugin.rglob("*")
        if path.is_file()
        and not any(part in BUILT or part.endswith(".egg-info") for part in path.parts)
    )


def sources_of(plugin: Path) -> list[Source]:
    """The sources of every credential the plugin registers, through its own hook."""
    project = tomllib.loads((plugin / "pyproject.toml").read_text())
    (package,) = project["project"]["entry-points"]["recertlib"].values()
    source_folder = str(plugin / "src")
    added = source_folder not in sys.path
    if added:  # the tutorial's plugin is not installed in the test environment
        sys.path.insert(0, source_folder)
    loaded = set(sys.modules)
    try:
        module = importlib.import_module(package)
        # Through its hooks, as recertlib registers it: its own specs, its rules files.
        specs: list[CredentialSpec] = list(Registry.from_plugins(module).credentials())
    finally:
        if added:  # leave no trace of it for the tests that follow
            sys.path.remove(source_folder)
            for name in set(sys.modules) - loaded:
                if name.split(".")[0] == package:
                    del sys.modules[name]
    assert specs, f"{plugin.name} registers no credential"
    return [source for spec in specs for source in spec.sources]


def test_every_plugin_is_checked():
    names = [plugin.name for plugin in PLUGINS]
    assert len(names) == 6
    assert "recertlib-amt" in names


@pytest.mark.parametrize("plugin", PLUGINS, ids=lambda path: path.name)
def test_no_file_of_a_plugin_points_into_this_repository(plugin: Path):
    found = [
        f"{path.relative_to(ROOT)} mentions {marker!r}"
        for path in files_of(plugin)
        for marker in REPOSITORY_ONLY
        if marker in path.read_text(encoding="utf-8", errors="replace")
    ]
    assert found == []


@pytest.mark.parametrize("plugin", PLUGINS, ids=lambda path: path.name)
def test_every_citation_of_a_plugin_is_one_of_its_sources(plugin: Path):
    keys = {source.key for source in sources_of(plugin)}
    undefined = {
        f"{path.relative_to(ROOT)}: [{key}]"
        for path in files_of(plugin)
        # What a package user reads: the code, the rules files and the README (a test's ids
        # are no citations).
        if path.suffix in (".py", ".toml", ".md") and "tests" not in path.relative_to(plugin).parts
        for key in CITED_KEY.findall(path.read_text(encoding="utf-8"))
        if key not in keys
    }
    assert sorted(undefined) == []


@pytest.mark.parametrize("plugin", PLUGINS, ids=lambda path: path.name)
def test_the_readme_lists_every_source_with_its_address(plugin: Path):
    readme = (plugin / "README.md").read_text(encoding="utf-8")
    for source in sources_of(plugin):
        assert f"[{source.key}]" in readme, source.key
        if source.url is not None:
            assert source.url in readme, source.key
