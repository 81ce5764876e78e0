"""The kit as a pytest plugin, registered through the ``pytest11`` entry point of recertlib's
distribution, so that installing recertlib is all it takes:

- the ``recertlib_registry`` fixture: a registry of the plugin under test alone, loaded through
  its entry point in strict mode. The plugin is named by the ``recertlib_plugin`` fixture,
  which reads the ``recertlib_plugin`` ini option (``[tool.pytest.ini_options] recertlib_plugin
  = "recertlib-amt"``); a ``conftest.py`` may override it instead;
- :class:`~recertlib.testing.PluginTests` classes, each check run once per credential;
- ``pytest --recertlib-update-snapshots``: write the verdict snapshots
  (:mod:`recertlib.testing.snapshots`) rather than compare with them, to review as a diff.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from recertlib.plugins import Registry
from recertlib.testing import PluginTests
from recertlib.testing.snapshots import UPDATE_SNAPSHOTS_ENV

_REGISTRIES: dict[str, Registry] = {}
_NOT_LOADED: dict[str, str] = {}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("recertlib")
    group.addoption(
        "--recertlib-update-snapshots",
        action="store_true",
        default=False,
        help="write recertlib's verdict snapshots rather than compare with them",
    )
    parser.addini(
        "recertlib_plugin",
        "the recertlib plugin under test: its entry-point or distribution name",
        default="",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("recertlib_update_snapshots"):
        os.environ[UPDATE_SNAPSHOTS_ENV] = "1"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "recertlib_credential" not in metafunc.fixturenames:
        return
    if metafunc.cls is None or not issubclass(metafunc.cls, PluginTests):
        return
    # A plugin that cannot be loaded never fails the collection: its checks run once, without
    # a credential, the registration test failing with the registry's message.
    if metafunc.cls.loading_problem() is not None:
        metafunc.parametrize("recertlib_credential", [None], ids=["not loaded"])
        return
    labels = metafunc.cls.credentials()
    metafunc.parametrize("recertlib_credential", labels, ids=labels)


@pytest.fixture(scope="session")
def recertlib_plugin(pytestconfig: pytest.Config) -> str:
    """The plugin under test: the ``recertlib_plugin`` ini option. Override it in a
    ``conftest.py`` where one ini file serves several plugins."""
    name: Any = pytestconfig.getini("recertlib_plugin")
    if not name:
        raise pytest.UsageError(
            "name the plugin under test: recertlib_plugin in [tool.pytest.ini_options], or a"
            " recertlib_plugin fixture in conftest.py"
        )
    return str(name)


@pytest.fixture
def recertlib_registry(recertlib_plugin: str) -> Registry:
    """A registry of the plugin under test alone, loaded through its entry point in strict
    mode, as applications load it: a plugin that fails to load, or rules recertlib refuses,
    fail the test with the registry's message. Made once per plugin and test run."""
    if recertlib_plugin in _NOT_LOADED:
        # Said in full at the first test that asked; each later one points there.
        kind = _NOT_LOADED[recertlib_plugin].partition(":")[0]
        pytest.fail(
            f"the plugin {recertlib_plugin} did not load ({kind}): see the first error of the"
            " recertlib_registry fixture, or test_the_plugin_registers_the_credential",
            pytrace=False,
        )
    if recertlib_plugin not in _REGISTRIES:
        try:
            _REGISTRIES[recertlib_plugin] = Registry.from_entry_points(
                allow=[recertlib_plugin], strict=True
            )
        except Exception as error:  # whatever a plugin's loading raises is its problem
            _NOT_LOADED[recertlib_plugin] = f"{type(error).__name__}: {error}"
        if recertlib_plugin in _NOT_LOADED:  # failed outside the except: no chain to show
            pytest.fail(_NOT_LOADED[recertlib_plugin], pytrace=False)
    return _REGISTRIES[recertlib_plugin]
