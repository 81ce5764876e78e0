"""Fixtures: the real registry of the installed plugins, the test credential in a registry of
its own, and verdicts of the installed plugins' credentials."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support import Evaluate, InProcessPlugin

import recertlib
from recertlib import Activity, Credential, Registry, Verdict, evaluate


@pytest.fixture(scope="session")
def installed() -> Registry:
    """The registry built from the entry points of the installed distributions."""
    return Registry.from_entry_points()


@pytest.fixture
def test_plugin() -> InProcessPlugin:
    return InProcessPlugin()


@pytest.fixture
def test_registry(test_plugin: InProcessPlugin) -> Iterator[Registry]:
    """A registry holding only the test credential, registered and unregistered around a test."""
    registry = Registry()
    registry.register(test_plugin, name="test-plugin")
    yield registry
    registry.unregister(test_plugin)


@pytest.fixture
def tc() -> Credential:
    """A test credential certified on 2020-01-15, expiring 2021-01-15."""
    return Credential("TB", "TC", "Tess", "2020-01-15")


@pytest.fixture
def verdict(installed: Registry) -> Evaluate:
    """``verdict(credential, activities, as_of)``, from the installed plugins."""

    def evaluated(credential: Credential, activities: list[Activity], as_of: str) -> Verdict:
        return evaluate(credential, activities, as_of=as_of, registry=installed)

    return evaluated


@pytest.fixture(autouse=True)
def _fresh_default_registry() -> Iterator[None]:
    """Tests that change the environment get a default registry built for them."""
    recertlib.default_registry.cache_clear()
    yield
    recertlib.default_registry.cache_clear()
