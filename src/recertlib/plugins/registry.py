"""Finding plugins and the credentials they register.

A :class:`Registry` is built once (from the installed entry points, or from plugin objects an
application passes in) and then answers every evaluation without calling a hook again.

A plugin found through an entry point is code the application did not choose line by line, so
by default one that fails (its import raises, its hook raises, its rules do not hold together,
or it claims a credential another plugin has) is left out and reported in
:attr:`Registry.failures` and as a warning of the ``recertlib.plugins`` logger, while every
other plugin loads. Strict mode (``strict=True``, or :data:`STRICT_ENV` set) raises the
:class:`~recertlib.errors.PluginError` instead; the test kit is always strict.
"""

from __future__ import annotations

import enum
import functools
import importlib.metadata
import logging
import os
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

import pluggy
from attrs import field, frozen

from recertlib.errors import (
    ConflictingCredential,
    ContestedCredential,
    InvalidRuleSet,
    PluginError,
    PluginLoadError,
    RulesFileError,
    UnavailableCredential,
    UnknownCredential,
)
from recertlib.plugins import hookspecs
from recertlib.rules import CredentialSpec
from recertlib.rules.calls import RuleFailure
from recertlib.rules.checks import spec_problems
from recertlib.rules.compiled import CompiledCredential, compile_credential
from recertlib.rules.data import read_credential
from recertlib.rules.shapes import shape_problem

ENTRY_POINT_GROUP = "recertlib"
"""The entry-point group plugins register in."""
DISABLE_AUTOLOAD_ENV = "RECERTLIB_DISABLE_PLUGIN_AUTOLOAD"
"""Set (to anything but an empty string) to keep :func:`~recertlib.default_registry` from loading
entry points, except those :data:`~recertlib.plugins.PLUGINS_ENV` names."""
PLUGINS_ENV = "RECERTLIB_PLUGINS"
"""A comma-separated allow-list of entry-point or distribution names for
:func:`~recertlib.default_registry`."""
PLUGINS_DENY_ENV = "RECERTLIB_PLUGINS_DENY"
"""A comma-separated deny-list of entry-point or distribution names for
:func:`~recertlib.default_registry`: never loaded, even when the allow-list names them."""
PREFER_ENV = "RECERTLIB_PREFER"
"""A comma-separated list of entry-point or distribution names to take a credential from when
several installed plugins register it, for :func:`~recertlib.default_registry`. Without a
choice, a credential two plugins register is used from neither: its evaluations are errors
that name both (:class:`~recertlib.errors.ContestedCredential`)."""
STRICT_ENV = "RECERTLIB_STRICT_PLUGINS"
"""Set to ``1`` (or ``true``, ``yes``, ``on``) to make a plugin that fails to load an error
wherever :meth:`~recertlib.Registry.from_entry_points` is not told ``strict`` itself, including
:func:`~recertlib.default_registry`."""
TRACE_ENV = "RECERTLIB_TRACE_PLUGINS"
"""Set to ``1`` (or ``true``, ``yes``, ``on``) to log, at ``INFO`` on the ``recertlib.plugins``
logger, each plugin loaded and each credential and rule set it registered, wherever a
registry is not told ``trace`` itself."""

logger = logging.getLogger("recertlib.plugins")
"""Where a registry reports a plugin that failed (``WARNING``) and, in trace mode, each plugin
and credential it loaded (``INFO``; ``DEBUG`` otherwise)."""

_OFF = frozenset({"", "0", "false", "no", "off"})


def _flag(variable: str) -> bool:
    return os.environ.get(variable, "").strip().lower() not in _OFF


def _listed(variable: str) -> list[str]:
    return [name.strip() for name in os.environ.get(variable, "").split(",") if name.strip()]


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


class FailureKind(enum.Enum):
    """How a plugin failed to load."""

    IMPORT = "import"
    """Its entry point failed to import."""
    HOOK = "hook"
    """Its hook raised, or is not a valid implementation of the hook."""
    INVALID_RULES = "invalid_rules"
    """It registered something other than a credential spec, or rules that cannot be used."""
    CONFLICT = "conflict"
    """It registered a credential that another plugin already registered."""


@frozen
class PluginFailure:
    """A plugin left out of a registry, and why."""

    origin: str
    """The plugin's distribution name and version (or its name, for a plugin object)."""
    kind: FailureKind
    message: str
    """The message of :attr:`error`: ``plugin <origin>: <what went wrong>``."""
    entry_point: str | None = None
    """The entry point, as ``name = module:object``, for a plugin found through one."""
    error: PluginError | None = field(default=None, eq=False, repr=False)
    """The error strict mode would have raised."""

    def __str__(self) -> str:
        return self.message


def _kind_of(error: PluginError) -> FailureKind:
    if isinstance(error, ConflictingCredential):
        return FailureKind.CONFLICT
    if isinstance(error, InvalidRuleSet):
        return FailureKind.INVALID_RULES
    return FailureKind.HOOK


class Registry:
    """The credentials registered by a set of plugins.

    Build one with :meth:`from_entry_points` or :meth:`from_plugins`; add or take away a
    plugin with :meth:`register` and :meth:`unregister`.

    :param trace: log each plugin registered and each credential and rule set it registered
        at ``INFO`` on the ``recertlib.plugins`` logger; by default, when
        :data:`~recertlib.plugins.TRACE_ENV` is set.
    :param prefer: names of plugins (entry-point names, distribution names, or for plugin
        objects their names in the registry) to take a credential from when several register
        it. Without a choice such a credential is used from neither
        (:attr:`contested`).
    """

    def __init__(self, *, trace: bool | None = None, prefer: Iterable[str] = ()) -> None:
        self._manager = pluggy.PluginManager(hookspecs.PROJECT)
        self._manager.add_hookspecs(hookspecs)
        self._specs: dict[tuple[str, str], tuple[CredentialSpec, str]] = {}
        self._compiled: dict[tuple[tuple[str, str], str], CompiledCredential] = {}
        """By credential key and plugin name: each registered spec, compiled once."""
        self._shapes: dict[str, tuple[type, str]] = {}
        self._contested: dict[tuple[str, str], list[tuple[CredentialSpec, str]]] = {}
        self._origins: dict[str, str] = {}
        self._names: dict[str, frozenset[str]] = {}
        self._prefer: frozenset[str] = frozenset()
        self._failures: list[PluginFailure] = []
        self._described: Counter[str] = Counter()
        self._trace = _flag(TRACE_ENV) if trace is None else trace
        self._prefer = frozenset(_normalize(name) for name in prefer)

    @classmethod
    def from_plugins(
        cls,
        *plugins: object,
        strict: bool = True,
        trace: bool | None = None,
        prefer: Iterable[str] = (),
    ) -> Registry:
        """A registry of the given plugin objects (modules or instances) only.

        :param strict: raise the first plugin's :class:`~recertlib.errors.PluginError` (the
            default: these are the application's own objects); when ``False``, leave a
            failing plugin out and report it in :attr:`failures`, as
            :meth:`from_entry_points` does by default.
        :param trace: as for :class:`Registry`.
        :param prefer: as for :class:`Registry`.
        """
        registry = cls(trace=trace, prefer=prefer)
        for plugin in plugins:
            registry._load(plugin, strict=strict)
        return registry

    @classmethod
    def from_entry_points(
        cls,
        *,
        allow: Iterable[str] | None = None,
        deny: Iterable[str] | None = None,
        strict: bool | None = None,
        trace: bool | None = None,
        prefer: Iterable[str] | None = None,
    ) -> Registry:
        """A registry of the installed plugins, or of those ``allow`` names.

        A plugin that fails to import, whose hook raises, or whose rules cannot be used, is
        left out: it is listed in :attr:`failures` and logged as a warning, and every other
        plugin still loads. A credential that two plugins register is used from neither,
        unless ``prefer`` chooses one: it is listed in :attr:`contested`, logged as a warning,
        and its evaluations are errors naming both; the plugins' other credentials load. In
        strict mode each of these is raised instead.

        :param allow: entry-point names or distribution names (``-``, ``_`` and ``.`` alike,
            without regard to case); a name that matches no installed plugin raises
            :class:`~recertlib.errors.PluginError`, strict or not.
        :param deny: names, as for ``allow``, of plugins never to load, even when ``allow``
            names them; a name that matches nothing installed is not an error.
        :param strict: raise the first failure; by default, only when
            :data:`~recertlib.plugins.STRICT_ENV` is set.
        :param trace: as for :class:`Registry`.
        :param prefer: as for :class:`Registry`; by default, the names
            :data:`~recertlib.plugins.PREFER_ENV` lists.
        :raises PluginLoadError: in strict mode, a plugin failed to import or its hook raised.
        :raises InvalidRuleSet: in strict mode, a plugin registered rules that cannot be used.
        :raises ConflictingCredential: in strict mode, two plugins registered one credential
            and ``prefer`` chose neither.
        """
        strict = _flag(STRICT_ENV) if strict is None else strict
        prefer = _listed(PREFER_ENV) if prefer is None else prefer
        allowed = None if allow is None else {_normalize(name) for name in allow}
        denied = {_normalize(name) for name in deny or ()}
        registry = cls(trace=trace, prefer=prefer)
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
            origin = f"{dist.name} {dist.version}" if dist else entry_point.value
            described = f"{entry_point.name} = {entry_point.value}"
            if allowed is not None and not names & allowed:
                registry._log(f"plugin {origin} ({described}) skipped: not in the allow-list")
                continue
            found |= names
            if names & denied:
                registry._log(f"plugin {origin} ({described}) skipped: in the deny-list")
                continue
            try:
                plugin = entry_point.load()
            except (Exception, SystemExit) as error:
                load_error = PluginLoadError(
                    origin,
                    f"entry point {entry_point.name!r} ({entry_point.value}) failed to load:"
                    f" {type(error).__name__}: {error}",
                )
                if strict:
                    raise load_error from error
                registry._fail(load_error, FailureKind.IMPORT, described)
                continue
            registry._load(
                plugin,
                name=entry_point.name,
                origin=origin,
                strict=strict,
                entry_point=described,
                names=names,
            )
        if allowed is not None and (missing := allowed - found):
            raise PluginError(
                ", ".join(sorted(missing)), "is in the allow-list but no such plugin is installed"
            )
        return registry

    def register(
        self,
        plugin: object,
        *,
        name: str | None = None,
        origin: str | None = None,
        contest: bool = False,
    ) -> None:
        """Add a plugin and the credentials it registers, or raise why it cannot be added.

        A plugin that fails is never half registered: none of its credentials are kept.

        :param name: the plugin's name in this registry; by default pluggy's.
        :param origin: who to blame for its mistakes in messages, such as its distribution
            name and version; by default ``name``, or the plugin's module or class name (with
            ``#2``, ``#3``... for further objects of one class, to tell them apart).
        :raises PluginLoadError: its hook is not a valid implementation, or raised.
        :raises InvalidRuleSet: it registered something other than a credential spec, or
            rules that cannot be used.
        :param contest: when it registers a credential another plugin registers and neither is
            preferred, list the credential in :attr:`contested` rather than raise.
        :raises ConflictingCredential: it registered a credential already registered (unless
            ``contest``), or registered one credential twice.
        """
        origin = origin or name or self._describe(plugin)
        try:
            plugin_name = self._manager.register(plugin, name=name)
        except (ValueError, pluggy.PluginValidationError) as error:
            raise PluginLoadError(origin, str(error)) from error
        assert plugin_name is not None
        self._origins[plugin_name] = origin
        try:
            self._add_shapes(plugin, plugin_name, origin)
            specs = self._specs_of(plugin, origin)
            keys = [spec.key for spec in specs]
            if len(set(keys)) < len(keys):
                twice = next(spec for spec in specs if keys.count(spec.key) > 1)
                raise ConflictingCredential(origin, f"registers {twice.label} twice")
            for spec in specs:
                self._compiled[(spec.key, plugin_name)] = _compiled(spec, origin)
                self._add(spec, plugin_name, contest=contest)
        except BaseException:
            self.unregister(plugin)
            raise
        for spec in specs:
            self._log(
                f"plugin {origin} registered {spec.label}"
                f" (rule sets: {', '.join(rule_set.id for rule_set in spec.rule_sets)})"
            )

    def _load(
        self,
        plugin: object,
        *,
        strict: bool,
        name: str | None = None,
        origin: str | None = None,
        entry_point: str | None = None,
        names: Iterable[str] = (),
    ) -> None:
        origin = origin or name or self._describe(plugin)
        described = f" (entry point {entry_point})" if entry_point else ""
        self._log(f"loading plugin {origin}{described}")
        before = len(self._specs)
        if name is not None:
            # What a preference may call it: its entry point's and its distribution's names.
            self._names[name] = frozenset(names) | {_normalize(name)}
        try:
            self.register(plugin, name=name, origin=origin, contest=not strict)
        except PluginError as error:
            if strict:
                raise
            self._fail(error, _kind_of(error), entry_point)
            return
        count = len(self._specs) - before
        self._log(f"plugin {origin} loaded: {count} credential{'' if count == 1 else 's'}")

    def _fail(self, error: PluginError, kind: FailureKind, entry_point: str | None) -> None:
        failure = PluginFailure(error.plugin, kind, str(error), entry_point, error)
        self._failures.append(failure)
        logger.warning("%s; its credentials are not available", failure.message)

    def _log(self, message: str) -> None:
        logger.log(logging.INFO if self._trace else logging.DEBUG, "%s", message)

    def _describe(self, plugin: object) -> str:
        name = getattr(plugin, "__name__", None)  # a module
        if isinstance(name, str):
            return name
        described = f"{type(plugin).__qualname__} object"
        self._described[described] += 1
        count = self._described[described]
        return described if count == 1 else f"{described} #{count}"

    def unregister(self, plugin: object) -> None:
        """Take away a plugin and every credential it registered."""
        plugin_name = self._manager.get_name(plugin)
        if plugin_name is None:
            return
        del self._origins[plugin_name]
        self._names.pop(plugin_name, None)
        self._shapes = {
            name: entry for name, entry in self._shapes.items() if entry[1] != plugin_name
        }
        self._specs = {key: entry for key, entry in self._specs.items() if entry[1] != plugin_name}
        self._compiled = {key: c for key, c in self._compiled.items() if key[1] != plugin_name}
        for key, claims in list(self._contested.items()):
            left = [claim for claim in claims if claim[1] != plugin_name]
            if len(left) == 1:
                del self._contested[key]
                self._specs[key] = left[0]
            else:
                self._contested[key] = left
        self._manager.unregister(plugin)

    def _own_impls(self, hook: str, plugin: object) -> list[Any]:
        # Each plugin's hook is called on its own, so that a failure names that plugin.
        caller = getattr(self._manager.hook, hook)
        return [impl for impl in caller.get_hookimpls() if impl.plugin is plugin]

    def _add_shapes(self, plugin: object, plugin_name: str, origin: str) -> None:
        found: list[tuple[str, type]] = []
        for impl in self._own_impls("register_shapes", plugin):
            try:
                impl.function(register=lambda name, shape: found.append((name, shape)))
            except (Exception, SystemExit) as error:
                raise PluginLoadError(
                    origin, f"register_shapes raised {type(error).__name__}: {error}"
                ) from error
        problems = []
        for name, shape in found:
            problem = shape_problem(name, shape)
            if problem is None and name in self._shapes:
                other = self._origins.get(self._shapes[name][1], self._shapes[name][1])
                problem = f"registers the shape {name!r}, which {other} already registers"
            if problem is not None:
                problems.append(problem)
                continue
            self._shapes[name] = (shape, plugin_name)
        if problems:
            raise InvalidRuleSet(origin, "; ".join(problems))

    @property
    def shapes(self) -> dict[str, type]:
        """Every shape the registered plugins registered
        (:func:`~recertlib.plugins.hookspecs.register_shapes`), by name: what a rules file may
        name beside the standard shapes."""
        return {name: shape for name, (shape, _) in sorted(self._shapes.items())}

    def _specs_of(self, plugin: object, origin: str) -> list[CredentialSpec]:
        registered: list[Any] = []
        for impl in self._own_impls("register_credentials", plugin):
            try:
                impl.function(register=registered.append)
            except (Exception, SystemExit) as error:
                raise PluginLoadError(
                    origin, f"register_credentials raised {type(error).__name__}: {error}"
                ) from error
        for impl in self._own_impls("rules_files", plugin):
            try:
                rules_files = list(impl.function())
            except (Exception, SystemExit) as error:
                raise PluginLoadError(
                    origin, f"rules_files raised {type(error).__name__}: {error}"
                ) from error
            for rules_file in rules_files:
                try:
                    registered.append(read_credential(rules_file, shapes=self.shapes))
                except RulesFileError as error:
                    raise InvalidRuleSet(origin, str(error)) from error
        problems: list[str] = []
        for spec in registered:
            if not isinstance(spec, CredentialSpec):
                raise InvalidRuleSet(origin, f"registered {spec!r}, not a CredentialSpec")
            problems.extend(spec_problems(spec))
        if problems:
            raise InvalidRuleSet(origin, "; ".join(problems))
        return registered

    def _add(self, spec: CredentialSpec, plugin_name: str, *, contest: bool) -> None:
        if spec.key in self._contested:
            self._contested[spec.key].append((spec, plugin_name))
            self._contest_logged(spec.key)
            return
        if spec.key not in self._specs:
            self._specs[spec.key] = (spec, plugin_name)
            return
        other, owner = self._specs[spec.key]
        preferred = [name for name in (owner, plugin_name) if self._preferred(name)]
        if len(preferred) == 1:
            chosen = preferred[0]
            self._specs[spec.key] = (spec, plugin_name) if chosen == plugin_name else (other, owner)
            left_out = owner if chosen == plugin_name else plugin_name
            self._log(
                f"{spec.label}: from plugin {self._origins[chosen]}, as preferred; plugin"
                f" {self._origins[left_out]} registers it too"
            )
            return
        if not contest:
            raise ConflictingCredential(
                self._origins[plugin_name],
                f"registers {spec.label}, which {self._origins[owner]} already registers;"
                f" choose one with {PREFER_ENV} (or prefer=[...])",
            )
        del self._specs[spec.key]
        self._contested[spec.key] = [(other, owner), (spec, plugin_name)]
        self._contest_logged(spec.key)

    def _preferred(self, plugin_name: str) -> bool:
        names = self._names.get(plugin_name) or {_normalize(plugin_name)}
        return bool(names & self._prefer)

    def _contest_logged(self, key: tuple[str, str]) -> None:
        error = self._contested_error(key)
        logger.warning("%s", error)

    def _contested_error(self, key: tuple[str, str]) -> ContestedCredential:
        claims = self._contested[key]
        return ContestedCredential(
            claims[0][0].label, [self._origins[name] for _, name in claims], PREFER_ENV
        )

    @property
    def contested(self) -> tuple[ContestedCredential, ...]:
        """Each credential that several plugins register and none was chosen for: it is
        used from none of them, and evaluating it raises this error."""
        return tuple(self._contested_error(key) for key in sorted(self._contested))

    def credentials(self) -> tuple[CredentialSpec, ...]:
        """Every registered credential, by body and code."""
        return tuple(sorted((spec for spec, _ in self._specs.values()), key=lambda s: s.key))

    def get(self, body: str, credential: str) -> CredentialSpec:
        """The credential ``credential`` of ``body``, compared without regard to case.

        :raises UnknownCredential: no registered plugin provides it; an
            :class:`~recertlib.errors.UnavailableCredential` when some plugin failed to load,
            whose message lists them, since the credential may be one of theirs.
        :raises ContestedCredential: several plugins register it and none was chosen.
        """
        key = (body.casefold(), credential.casefold())
        if key in self._contested:
            raise self._contested_error(key)
        entry = self._specs.get(key)
        if entry is None:
            known = [spec.label for spec in self.credentials()]
            if self._failures:
                failed = [failure.origin for failure in self._failures]
                raise UnavailableCredential(body, credential, known, failed)
            raise UnknownCredential(body, credential, known)
        return entry[0]

    def compiled(self, spec: CredentialSpec) -> CompiledCredential:
        """``spec`` compiled for evaluation
        (:func:`~recertlib.rules.compiled.compile_credential`): once, when it was registered,
        however many holders are evaluated."""
        entry = self._specs.get(spec.key)
        if entry is None or entry[0] is not spec:
            # Not one this registry holds: compiled for the caller alone.
            return compile_credential(spec)
        return self._compiled[(spec.key, entry[1])]

    def origin_of(self, spec: CredentialSpec) -> str:
        """The plugin (distribution and version, where known) that registered ``spec``."""
        return self._origins[self._specs[spec.key][1]]

    @property
    def plugins(self) -> dict[str, str]:
        """Each registered plugin's name, with its origin."""
        return dict(self._origins)

    @property
    def failures(self) -> tuple[PluginFailure, ...]:
        """The plugins left out when the registry was built (never in strict mode), in the
        order they were tried."""
        return tuple(self._failures)


def _compiled(spec: CredentialSpec, origin: str) -> CompiledCredential:
    try:
        return compile_credential(spec)
    except RuleFailure as failure:
        raise InvalidRuleSet(origin, f"{spec.label}: {failure}") from failure.__cause__


@functools.cache
def default_registry() -> Registry:
    """The registry :func:`recertlib.evaluate` uses when given none, built on first use.

    It loads the installed plugins unless :data:`~recertlib.plugins.DISABLE_AUTOLOAD_ENV` is
    set, only those :data:`~recertlib.plugins.PLUGINS_ENV` names when that is set, and never
    those :data:`~recertlib.plugins.PLUGINS_DENY_ENV` names. It is not strict, so that one
    broken plugin cannot take the others down: a plugin that fails is left out, logged as a
    warning and listed in :attr:`Registry.failures`, unless :data:`~recertlib.plugins.STRICT_ENV`
    is set. Call ``default_registry.cache_clear()`` to build it again.
    """
    return PluginSettings.from_environment().registry()


def _names(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise TypeError(f"expected a list of plugin names, not the string {value!r}")
    return tuple(value)


def _names_or_none(value: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if value is None else _names(value)


@frozen
class PluginSettings:
    """Which installed plugins a registry loads, as
    :meth:`~recertlib.Registry.from_entry_points` takes them: what an application passes on
    to other processes (a Dask worker, say) so that they load what this one would, whatever
    their own environment."""

    allow: tuple[str, ...] | None = field(default=None, converter=_names_or_none)
    """The plugins to load, by name; every installed one when ``None``."""
    deny: tuple[str, ...] = field(default=(), converter=_names)
    """The plugins never to load."""
    prefer: tuple[str, ...] = field(default=(), converter=_names)
    """The plugins whose credentials win when two register one."""
    strict: bool = False
    """Whether a plugin that fails stops the loading, rather than being left out."""

    @classmethod
    def from_environment(cls) -> PluginSettings:
        """The settings this process's environment gives, as
        :func:`~recertlib.default_registry` reads them: :data:`~recertlib.plugins.PLUGINS_ENV`
        (none at all when :data:`~recertlib.plugins.DISABLE_AUTOLOAD_ENV` is set and it is
        not), :data:`~recertlib.plugins.PLUGINS_DENY_ENV`, :data:`~recertlib.plugins.PREFER_ENV` and
        :data:`~recertlib.plugins.STRICT_ENV`."""
        listed = tuple(_listed(PLUGINS_ENV))
        autoload_off = bool(os.environ.get(DISABLE_AUTOLOAD_ENV))
        return cls(
            allow=listed or (() if autoload_off else None),
            deny=tuple(_listed(PLUGINS_DENY_ENV)),
            prefer=tuple(_listed(PREFER_ENV)),
            strict=_flag(STRICT_ENV),
        )

    def registry(self) -> Registry:
        """A registry of the installed plugins these settings choose."""
        return Registry.from_entry_points(
            allow=self.allow, deny=self.deny, prefer=self.prefer, strict=self.strict
        )
