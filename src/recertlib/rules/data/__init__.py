"""Rules as dated data: a credential written in a TOML file, read into the same
:class:`~recertlib.rules.CredentialSpec` a plugin would write in Python. One model, two ways to
write it.

A rules file names the credential, its sources and the facts it reads, lists its
``[[rule_sets]]`` (each the date some parts of the rules take effect, with its id and its
source), and gives the values of the three parts (``[cycle]``, ``[continuing_education]``,
``[[pathways]]``), any of them dated one by one, as OpenFisca dates its parameters
(:mod:`recertlib.rules.data.dated`). A field typed by a protocol names a standard shape, or a
plugin's own implementation that an installed plugin registers
(:func:`~recertlib.plugins.hookspecs.register_shapes`): never an import path, so a rules file
cannot run code.

A plugin points at its files with the :func:`~recertlib.plugins.hookspecs.rules_files` hook,
or reads one itself with :func:`read_credential`. The format's JSON Schema,
:data:`RULES_SCHEMA`, lets editors check a file as it is written.
"""

from recertlib.rules.data.reader import (
    FORMAT,
    FORMAT_KEY,
    credential_from_data,
    read_credential,
    read_credential_text,
)
from recertlib.rules.data.schema import RULES_SCHEMA, rules_schema

__all__ = [
    "FORMAT",
    "FORMAT_KEY",
    "RULES_SCHEMA",
    "credential_from_data",
    "read_credential",
    "read_credential_text",
    "rules_schema",
]
