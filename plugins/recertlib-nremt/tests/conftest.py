"""The registry the tests evaluate in: the test kit's, recertlib-nremt alone, found by its entry
point and loaded in strict mode, so that a plugin that fails to load, or rules recertlib
refuses, fail every test."""

from __future__ import annotations

import pytest

from recertlib import Registry


@pytest.fixture(scope="session")
def recertlib_plugin() -> str:
    """The plugin under test, for the kit's ``recertlib_registry`` fixture."""
    return "recertlib-nremt"


@pytest.fixture
def registry(recertlib_registry: Registry) -> Registry:
    """The kit's registry of this plugin alone."""
    return recertlib_registry
