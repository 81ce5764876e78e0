"""The package's top level."""

from __future__ import annotations


def test_the_version_is_the_installed_distributions():
    import importlib.metadata

    import recertlib

    assert recertlib.__version__ == importlib.metadata.version("recertlib")
