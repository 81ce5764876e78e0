"""The hooks a recertlib plugin implements.

A plugin is a module or object with functions marked ``@hookimpl`` (``from recertlib.plugins
import hookimpl``) and named after the hooks below, registered in the ``recertlib`` entry-point
group of its distribution::

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
"""Marks recertlib's hook specifications, the functions of ``recertlib.plugins.hookspecs``."""
hookimpl = pluggy.HookimplMarker(PROJECT)
"""Marks a plugin's implementation of a hook: ``@hookimpl``, imported with ``from
recertlib.plugins import hookimpl``."""


@hookspec
def register_credentials(register: Callable[[CredentialSpec], None]) -> None:
    """Register every credential the plugin knows, by calling ``register`` once for each.

    :param register: takes one :class:`~recertlib.rules.CredentialSpec`. recertlib checks it
        (its rule sets must state the cycle, the continuing-education requirements and the
        pathways, agree with themselves, and be possible to satisfy: no minimum on a unit no
        conversion takes or held below its amount by caps, no empty area set, no cycle of no
        length, no pathway that is never open for some expiry date, no more than
        :data:`~recertlib.rules.requirements.MAX_ALTERNATIVES` alternatives of credit) and
        refuses it with :class:`~recertlib.errors.InvalidRuleSet` naming the plugin's
        distribution and version when they do not. Registering a credential that another
        plugin already registered is a :class:`~recertlib.errors.ConflictingCredential`.
        A plugin is registered whole or not at all: when the hook raises or one of its specs
        is refused, none of its credentials are kept. Loaded through an entry point, such a
        plugin is left out and reported in :attr:`recertlib.Registry.failures` (and logged)
        while the other plugins load, unless the registry is strict
        (``RECERTLIB_STRICT_PLUGINS=1``, or :func:`recertlib.testing.registry_of` in tests),
        which raises the error instead.
    :returns: nothing; what counts is what was passed to ``register``. recertlib calls the
        hook once per :class:`~recertlib.Registry`, when the plugin is registered,
        never while it evaluates.
    """
