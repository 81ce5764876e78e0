"""recertlib plugin for the National Commission on Certification of Physician Assistants (NCCPA).

The PA-C's rules are data, in ``pa_c.toml`` beside this module: each value with
its source and its date."""

from collections.abc import Iterable
from importlib.resources import files
from importlib.resources.abc import Traversable

from recertlib.plugins import hookimpl
from recertlib.rules import CredentialSpec
from recertlib.rules.data import read_credential

RULES_FILE: Traversable = files(__name__) / "pa_c.toml"
"""The rules file of the credential, shipped in this package."""

PA_C: CredentialSpec = read_credential(RULES_FILE)
"""The credential as its rules file describes it, for code that wants it in Python."""


@hookimpl
def rules_files() -> Iterable[Traversable]:
    """The credential's rules file: recertlib reads and registers it."""
    return [RULES_FILE]


__all__ = [
    "PA_C",
    "RULES_FILE",
    "rules_files",
]
