"""The registry the tests evaluate in: this plugin alone, as applications load it."""

from __future__ import annotations

import pytest

from recertlib import Registry


@pytest.fixture(scope="session")
def registry() -> Registry:
    """recertlib-ca-brn alone, found by its entry point and loaded in strict mode: a plugin that
    fails to load, or rules recertlib refuses, fail every test."""
    return Registry.from_entry_points(allow=["recertlib-ca-brn"], strict=True)
