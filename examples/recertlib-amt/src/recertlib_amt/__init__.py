"""recertlib plugin for AMT.

The RMA credential's rules are data, in ``rma.toml`` beside this module: each value with
its source and its date."""

from collections.abc import Iterable
from importlib.resources import files
from importlib.resources.abc import Traversable

from recertlib.plugins import hookimpl

RULES_FILE: Traversable = files(__name__) / "rma.toml"
"""The rules file of the credential, shipped in this package."""


@hookimpl
def rules_files() -> Iterable[Traversable]:
    """The credential's rules file: recertlib reads and registers it."""
    return [RULES_FILE]


__all__ = ["RULES_FILE", "rules_files"]
