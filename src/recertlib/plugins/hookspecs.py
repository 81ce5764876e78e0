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

import os
from collections.abc import Callable, Iterable
from importlib.resources.abc import Traversable

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


@hookspec
def rules_files() -> Iterable[str | os.PathLike[str] | Traversable]:
    """The plugin's rules files: credentials written as dated data in the rules format
    (:mod:`recertlib.rules.data`), usually shipped beside the plugin's module and returned as
    ``[files(__name__) / "ccma.toml"]``.

    recertlib reads each file when the plugin is registered, with the standard shapes and every
    shape the plugins registered so far have registered (:func:`register_shapes`, this
    plugin's own included), and registers the credential it describes as if
    :func:`register_credentials` had, with the same checks.

    :returns: the files, as paths or :class:`~importlib.resources.abc.Traversable` objects of
        the plugin's package (:func:`importlib.resources.files`). A file that cannot be read
        into a credential is a :class:`~recertlib.errors.InvalidRuleSet` naming the plugin,
        and the file's problems each with its key path, its line and its value.
    """
    raise NotImplementedError  # a specification: only plugins' implementations are called


@hookspec
def register_shapes(register: Callable[[str, type], None]) -> None:
    """Register the plugin's own implementations of the rules protocols under names, so that a
    rules file can name them in ``shape`` as it names a standard shape: a rules file names
    code only this way, never by an import path, so reading one runs no code of its choosing.

    :param register: takes a name and a class. The name must contain a dot, the plugin's own
        prefix first (``"demo.QuarterEndAfter"``), so that it never clashes with a standard
        shape or another plugin's; the class must be an attrs class (its fields are what the
        file gives) implementing one of the protocols (:class:`~recertlib.rules.ExpiryRule`,
        :class:`~recertlib.rules.DateRule`, :class:`~recertlib.rules.Requirement`,
        :class:`~recertlib.rules.Condition`). A name another plugin already registered, or a
        class that is none of these, is a :class:`~recertlib.errors.InvalidRuleSet`.

    recertlib calls the hook when the plugin is registered, before it reads the plugin's
    :func:`rules_files`; a plugin registered later may name these shapes too.
    """
