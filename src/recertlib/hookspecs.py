"""The hooks a recertlib plugin implements.

A plugin is a module or object with functions marked ``@recertlib.hookimpl`` and named after
the hooks below, registered in the ``recertlib`` entry-point group of its distribution::

    [project.entry-points.recertlib]
    amt = "recertlib_amt"

The plugin hands over frozen spec objects; recertlib resolves them once per registry, so no
hook runs while a credential is evaluated.
"""

from __future__ import annotations

from collections.abc import Callable

import pluggy

from recertlib.rules import CredentialSpec

PROJECT = "recertlib"

hookspec = pluggy.HookspecMarker(PROJECT)
"""Marks recertlib's hook specifications, the functions of this module."""
hookimpl = pluggy.HookimplMarker(PROJECT)
"""Marks a plugin's implementation of a hook: ``@recertlib.hookimpl``."""


@hookspec
def register_credentials(register: Callable[[CredentialSpec], None]) -> None:
    """Register every credential the plugin knows, by calling ``register`` once for each.

    :param register: takes one :class:`~recertlib.rules.CredentialSpec`. recertlib checks it
        (its rule sets must state the cycle, the continuing-education requirements and the
        pathways, and agree with themselves) and raises
        :class:`~recertlib.errors.InvalidRuleSet` naming the plugin's distribution when they
        do not. Registering a credential that another plugin already registered raises
        :class:`~recertlib.errors.ConflictingCredential`.
    :returns: nothing; what counts is what was passed to ``register``. recertlib calls the
        hook once per :class:`~recertlib.registry.Registry`, when the plugin is registered,
        never while it evaluates.
    """
