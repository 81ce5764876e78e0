"""recertlib plugin for the National Registry of Emergency Medical Technicians (NREMT).

The EMT's rules are data, in ``emt.toml`` beside this module: each value with
its source and its date."""

from collections.abc import Iterable
from importlib.resources import files
from importlib.resources.abc import Traversable

from recertlib.plugins import hookimpl
from recertlib.rules import CredentialSpec
from recertlib.rules.data import read_credential

RULES_FILE: Traversable = files(__name__) / "emt.toml"
"""The rules file of the credential, shipped in this package."""

EMT: CredentialSpec = read_credential(RULES_FILE)
"""The credential as its rules file describes it, for code that wants it in Python."""


@hookimpl
def rules_files() -> Iterable[Traversable]:
    """The credential's rules file: recertlib reads and registers it."""
    return [RULES_FILE]


__all__ = [
    "EMT",
    "RULES_FILE",
    "rules_files",
]
