"""Finding plugins and the credentials they register.

A :class:`Registry` is built once (from the installed entry points, or from plugin objects an
application passes in) and then answers every evaluation without calling a hook again.
"""

from __future__ import annotations

import functools
import importlib.metadata
import os
import re
from collections.abc import Iterable
from typing import Any

import pluggy

from recertlib import hookspecs
from recertlib.errors import (
    ConflictingCredential,
    InvalidRuleSet,
    PluginError,
    PluginLoadError,
    UnknownCredential,
)
from recertlib.rules import CredentialSpec
from recertlib.validation import spec_problems

ENTRY_POINT_GROUP = "recertlib"
"""The entry-point group plugins register in."""
DISABLE_AUTOLOAD_ENV = "RECERTLIB_DISABLE_PLUGIN_AUTOLOAD"
"""Set (to anything but an empty string) to keep :func:`~recertlib.default_registry` from loading
entry points, except those :data:`~recertlib.registry.PLUGINS_ENV` names."""
PLUGINS_ENV = "RECERTLIB_PLUGINS"
"""A comma-separated allow-list of entry-point or distribution names for
:func:`~recertlib.default_registry`."""


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


class Registry:
    """The credentials registered by a set of plugins.

    Build one with :meth:`from_entry_points` or :meth:`from_plugins`; add or take away a
    plugin with :meth:`register` and :meth:`unregister`.
    """

    def __init__(self) -> None:
        self._manager = pluggy.PluginManager(hookspecs.PROJECT)
        self._manager.add_hookspecs(hookspecs)
        self._specs: dict[tuple[str, str], tuple[CredentialSpec, str]] = {}
        self._origins: dict[str, str] = {}

    @classmethod
    def from_plugins(cls, *plugins: object) -> Registry:
        """A registry of the given plugin objects (modules or instances) only."""
        registry = cls()
        for plugin in plugins:
            registry.register(plugin)
        return registry

    @classmethod
    def from_entry_points(cls, *, allow: Iterable[str] | None = None) -> Registry:
        """A registry of the installed plugins, or of those ``allow`` names.

        :param allow: entry-point names or distribution names; a name that matches no
            installed plugin raises :class:`~recertlib.errors.PluginError`.
        :raises PluginLoadError: a plugin failed to import or its hook raised.
        """
        allowed = None if allow is None else {_normalize(name) for name in allow}
        registry = cls()
        found: set[str] = set()
        seen: set[tuple[str, str]] = set()
        for entry_point in sorted(
            importlib.metadata.entry_points(group=ENTRY_POINT_GROUP),
            key=lambda found: (found.dist.name if found.dist else "", found.name),
        ):
            if (entry_point.name, entry_point.value) in seen:
                continue  # the same distribution found twice on sys.path
            seen.add((entry_point.name, entry_point.value))
            dist = entry_point.dist
            names = {_normalize(entry_point.name)} | ({_normalize(dist.name)} if dist else set())
            if allowed is not None and not names & allowed:
                continue
            found |= names
            origin = f"{dist.name} {dist.version}" if dist else entry_point.value
            try:
                plugin = entry_point.load()
            except Exception as error:
                raise PluginLoadError(
                    origin,
                    f"entry point {entry_point.name!r} ({entry_point.value}) failed to load:"
                    f" {type(error).__name__}: {error}",
                ) from error
            registry.register(plugin, name=entry_point.name, origin=origin)
        if allowed is not None and (missing := allowed - found):
            raise PluginError(
                ", ".join(sorted(missing)), "is in the allow-list but no such plugin is installed"
            )
        return registry

    def register(
        self, plugin: object, *, name: str | None = None, origin: str | None = None
    ) -> None:
        """Add a plugin and the credentials it registers.

        :param name: the plugin's name in this registry; by default pluggy's.
        :param origin: who to blame for its mistakes in messages, such as its distribution
            name and version; by default ``name``, or the plugin's module or class name.
        """
        origin = origin or name or _describe(plugin)
        try:
            plugin_name = self._manager.register(plugin, name=name)
        except (ValueError, pluggy.PluginValidationError) as error:
            raise PluginLoadError(origin, str(error)) from error
        assert plugin_name is not None
        self._origins[plugin_name] = origin
        try:
            for spec in self._specs_of(plugin, origin):
                self._add(spec, plugin_name)
        except Exception:
            self.unregister(plugin)
            raise

    def unregister(self, plugin: object) -> None:
        """Take away a plugin and every credential it registered."""
        plugin_name = self._manager.get_name(plugin)
        if plugin_name is None:
            return
        del self._origins[plugin_name]
        self._specs = {key: entry for key, entry in self._specs.items() if entry[1] != plugin_name}
        self._manager.unregister(plugin)

    def _specs_of(self, plugin: object, origin: str) -> list[CredentialSpec]:
        registered: list[Any] = []
        # Each plugin's hook is called on its own, so that a failure names that plugin.
        for impl in self._manager.hook.register_credentials.get_hookimpls():
            if impl.plugin is plugin:
                try:
                    impl.function(register=registered.append)
                except Exception as error:
                    raise PluginLoadError(
                        origin, f"register_credentials raised {type(error).__name__}: {error}"
                    ) from error
        for spec in registered:
            if not isinstance(spec, CredentialSpec):
                raise InvalidRuleSet(origin, f"registered {spec!r}, not a CredentialSpec")
            if problems := spec_problems(spec):
                raise InvalidRuleSet(origin, "; ".join(problems))
        return registered

    def _add(self, spec: CredentialSpec, plugin_name: str) -> None:
        if spec.key in self._specs:
            _, owner = self._specs[spec.key]
            raise ConflictingCredential(
                self._origins[plugin_name],
                f"registers {spec.label}, which {self._origins[owner]} already registers",
            )
        self._specs[spec.key] = (spec, plugin_name)

    def credentials(self) -> tuple[CredentialSpec, ...]:
        """Every registered credential, by body and code."""
        return tuple(sorted((spec for spec, _ in self._specs.values()), key=lambda s: s.key))

    def get(self, body: str, credential: str) -> CredentialSpec:
        """The credential ``credential`` of ``body``, compared without regard to case.

        :raises UnknownCredential: no registered plugin provides it.
        """
        entry = self._specs.get((body.casefold(), credential.casefold()))
        if entry is None:
            raise UnknownCredential(body, credential, [spec.label for spec in self.credentials()])
        return entry[0]

    def origin_of(self, spec: CredentialSpec) -> str:
        """The plugin (distribution and version, where known) that registered ``spec``."""
        return self._origins[self._specs[spec.key][1]]

    @property
    def plugins(self) -> dict[str, str]:
        """Each registered plugin's name, with its origin."""
        return dict(self._origins)


def _describe(plugin: object) -> str:
    name = getattr(plugin, "__name__", None)  # a module
    return name if isinstance(name, str) else f"{type(plugin).__qualname__} object"


@functools.cache
def default_registry() -> Registry:
    """The registry :func:`recertlib.evaluate` uses when given none, built on first use.

    It loads the installed plugins unless :data:`~recertlib.registry.DISABLE_AUTOLOAD_ENV` is
    set, and only those :data:`~recertlib.registry.PLUGINS_ENV` names when that is set. Call
    ``default_registry.cache_clear()`` to build it again.
    """
    listed = [name.strip() for name in os.environ.get(PLUGINS_ENV, "").split(",") if name.strip()]
    if os.environ.get(DISABLE_AUTOLOAD_ENV) and not listed:
        return Registry()
    return Registry.from_entry_points(allow=listed or None)
